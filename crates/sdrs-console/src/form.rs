//! What the console's form holds and where it sends it: the fields, the token kept for
//! this tab, the target each job is asked at, and when a token may go to another server.

use std::rc::Rc;

use sdrs_job_core::Locale;
use sdrs_job_widget::JobTarget;

use crate::url::{self, PageParams};

/// Where the page keeps a token when the user asks it to (this tab only).
pub const TOKEN_KEY: &str = "sdrs-console.token";

/// This tab's `sessionStorage`, where the token is kept when asked.
pub fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The browser's language, where the URL does not name one.
pub fn browser_locale() -> Locale {
    let language =
        web_sys::window().and_then(|window| window.navigator().language()).unwrap_or_default();
    Locale::from_code(&language).unwrap_or_default()
}

/// A phrase in the page's language.
pub fn t(locale: Locale, english: &'static str, chinese: &'static str) -> &'static str {
    sdrs_job_widget::text::t(locale, english, chinese)
}

/// The form's fields.
#[derive(Clone, PartialEq, Default)]
pub struct Form {
    pub endpoint: String,
    pub project: String,
    /// One job id, or several (a board).
    pub job: String,
    pub token: String,
    pub remember: bool,
}

/// What the folded form says is shown: the job (and project), the jobs, or the sample.
pub fn shown_summary(locale: Locale, params: &PageParams) -> String {
    if params.view == url::TASK_CENTER {
        match locale {
            Locale::En => format!("Task Center of project {}", params.project),
            Locale::Zh => format!("项目 {} 的任务中心", params.project),
        }
    } else if !params.jobs.is_empty() {
        let count = params.jobs.split(',').count();
        match locale {
            Locale::En => format!("{count} jobs in project {}", params.project),
            Locale::Zh => format!("项目 {} 中的 {count} 个任务", params.project),
        }
    } else if !params.job.is_empty() {
        match locale {
            Locale::En => format!("Job {} in project {}", params.job, params.project),
            Locale::Zh => format!("项目 {} 中的任务 {}", params.project, params.job),
        }
    } else if !params.sample.is_empty() {
        match locale {
            Locale::En => format!("Sample: {}", params.sample),
            Locale::Zh => format!("示例：{}", params.sample),
        }
    } else {
        t(locale, "A job from a file or a paste", "来自文件或粘贴的任务").to_owned()
    }
}

/// Whether `endpoint` names a server other than this page's origin (empty and paths are
/// this origin).
pub fn is_other_origin(endpoint: &str) -> bool {
    let endpoint = endpoint.trim().trim_end_matches('/');
    if endpoint.is_empty() || (endpoint.starts_with('/') && !endpoint.starts_with("//")) {
        return false;
    }
    let origin = web_sys::window().and_then(|window| window.location().origin().ok());
    let Ok(url) = web_sys::Url::new(endpoint) else { return true };
    origin.is_none_or(|origin| url.origin() != origin)
}

/// The form a link fills: its endpoint, project and job, with the token kept here.
pub fn form_from_params(params: &PageParams) -> Form {
    let token = session_storage()
        .and_then(|storage| storage.get_item(TOKEN_KEY).ok().flatten())
        .unwrap_or_default();
    Form {
        endpoint: params.endpoint.clone(),
        project: params.project.clone(),
        job: params.job.clone(),
        token,
        remember: false,
    }
}

/// A link to one job, with the token it may be sent: the form it fills, and whether the user
/// must confirm first (the token would go to another server, which a crafted link must not
/// get without a click).
pub fn linked_job(params: &PageParams) -> Option<(Form, bool)> {
    if params.project.is_empty() || params.job.is_empty() || !params.jobs.is_empty() {
        return None;
    }
    let linked = form_from_params(params);
    let asks = !linked.token.is_empty() && is_other_origin(&linked.endpoint);
    Some((linked, asks))
}

/// The job a link watches as the page opens (none when it must be confirmed first): the
/// page sends its request before the first render (`sdrs_job_widget::prefetch`).
pub fn linked_target(params: &PageParams) -> Option<JobTarget> {
    match linked_job(params) {
        Some((form, false)) => Some(target_of(&form)),
        _ => None,
    }
}

/// Where the Task Center is asked: the page's project and endpoint, with the form's token
/// for this origin, or for another once the user asked here (`asked`): a link naming
/// another server never gets the kept token by itself.
pub fn task_center_target(form: &Form, params: &PageParams, asked: bool) -> JobTarget {
    let target = target_of(&Form {
        project: params.project.clone(),
        endpoint: params.endpoint.clone(),
        job: String::new(),
        ..form.clone()
    });
    let may_send = asked || !is_other_origin(&target.endpoint);
    JobTarget { token: target.token.filter(|_| may_send), ..target }
}

/// Where the form's job is asked, with its token.
pub fn target_of(form: &Form) -> JobTarget {
    JobTarget {
        endpoint: form.endpoint.trim().to_owned(),
        project_id: form.project.trim().to_owned(),
        job_id: form.job.trim().to_owned(),
        token: (!form.token.trim().is_empty()).then(|| form.token.trim().to_owned()),
        ..JobTarget::default()
    }
}

/// Where each of `ids` is asked: the form's endpoint and project, with its token when
/// `may_send_token` (the user's own click, or this page's origin).
pub fn board_targets(form: &Form, ids: &[String], may_send_token: bool) -> Rc<Vec<JobTarget>> {
    let base = target_of(&Form { job: String::new(), ..form.clone() });
    let token = base.token.clone().filter(|_| may_send_token || !is_other_origin(&base.endpoint));
    Rc::new(
        ids.iter()
            .map(|id| JobTarget { job_id: id.clone(), token: token.clone(), ..base.clone() })
            .collect(),
    )
}
