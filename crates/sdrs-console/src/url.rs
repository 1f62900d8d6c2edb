//! The page's URL: what is shown (`?project=&job=&endpoint=`, `?project=&jobs=a,b,c` for
//! a board (with `job=` for the one opened from it), or `?sample=`, or
//! `?view=task-center&project=` with `group=`, plus `select=` and `lang=`) so that a link
//! reopens the same view. Never the token.

use web_sys::UrlSearchParams;

/// The parameters this page reads and writes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageParams {
    pub project: String,
    pub job: String,
    /// Several job ids, comma-separated: a board.
    pub jobs: String,
    pub endpoint: String,
    pub sample: String,
    pub select: String,
    pub lang: String,
    /// `task-center` for the Task Center (else the job, the sample or the start page).
    pub view: String,
    /// The protection group whose failures the Task Center shows.
    pub group: String,
}

/// The value of `view` that shows the Task Center.
pub const TASK_CENTER: &str = "task-center";

fn search_params() -> Option<UrlSearchParams> {
    let search = web_sys::window()?.location().search().ok()?;
    UrlSearchParams::new_with_str(&search).ok()
}

/// Reads the current URL.
pub fn read() -> PageParams {
    let Some(params) = search_params() else { return PageParams::default() };
    let get = |name: &str| params.get(name).unwrap_or_default();
    PageParams {
        project: get("project"),
        job: get("job"),
        jobs: get("jobs"),
        endpoint: get("endpoint"),
        sample: get("sample"),
        select: get("select"),
        lang: get("lang"),
        view: get("view"),
        group: get("group"),
    }
}

/// Writes `params` into the URL without reloading (empty ones are left out).
pub fn write(params: &PageParams) {
    let Some(window) = web_sys::window() else { return };
    let Ok(search) = UrlSearchParams::new() else { return };
    for (name, value) in [
        ("project", &params.project),
        ("job", &params.job),
        ("jobs", &params.jobs),
        ("endpoint", &params.endpoint),
        ("sample", &params.sample),
        ("select", &params.select),
        ("lang", &params.lang),
        ("view", &params.view),
        ("group", &params.group),
    ] {
        if !value.trim().is_empty() {
            search.set(name, value.trim());
        }
    }
    let query = String::from(search.to_string());
    let path = window.location().pathname().unwrap_or_else(|_| "/".to_owned());
    let url = if query.is_empty() { path } else { format!("{path}?{query}") };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
