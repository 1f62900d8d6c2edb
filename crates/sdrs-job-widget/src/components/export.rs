//! Export, for audit and reports: the last answer as received, the session record (which
//! a console opens offline and replays), and the job as a Chrome trace or as OTLP spans.
//! Each is one file downloaded from a `Blob`; nothing is sent anywhere.

use std::rc::Rc;

use sdrs_job_core::history::History;
use sdrs_job_core::session::SessionRecord;
use sdrs_job_core::{JobTree, Locale};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::text;

/// Properties of [`ExportMenu`].
#[derive(Properties, PartialEq)]
pub(crate) struct ExportMenuProps {
    /// The last answer (live, whatever moment a replay shows).
    pub tree: Rc<JobTree>,
    /// What the answers showed (none: a job shown as it is, with no answers observed).
    pub history: Option<Rc<History>>,
    /// The endpoint, project and job id the answers came from (none: not watched).
    pub target: Option<(String, String, String)>,
    /// Now (epoch ms): where a running job's trace events end.
    pub now: i64,
    pub locale: Locale,
}

/// Offers `text` as a file called `name`.
pub(crate) fn download(name: &str, text: &str, mime: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(link) = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    // The click has started the download; the URL is no longer needed once it is taken.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// A file name's job part: the job id's letters, digits and dashes (ids are hex, but a
/// hand-written one may hold anything).
fn name_of(tree: &JobTree) -> String {
    let id: String = tree
        .root()
        .job_id()
        .unwrap_or("job")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(64)
        .collect();
    format!("sdrs-job-{}", if id.is_empty() { "job" } else { &id })
}

/// The export menu.
#[component]
pub(crate) fn ExportMenu(props: &ExportMenuProps) -> Html {
    let locale = props.locale;
    let name = name_of(&props.tree);
    let action = |make: Rc<dyn Fn() -> Option<(String, String)>>| {
        Callback::from(move |_: MouseEvent| {
            if let Some((file, text)) = make() {
                download(&file, &text, "application/json");
            }
        })
    };
    let answer = {
        let (tree, name) = (props.tree.clone(), name.clone());
        action(Rc::new(move || {
            // Byte for byte as received; a job built in the page has no answer: its JSON.
            let text = match tree.source() {
                "" => tree.to_json(),
                source => source.to_owned(),
            };
            Some((format!("{name}.json"), text))
        }))
    };
    let session = match (&props.history, &props.target) {
        (Some(history), Some(target)) => {
            let (tree, name, history, target) =
                (props.tree.clone(), name.clone(), history.clone(), target.clone());
            Some(action(Rc::new(move || {
                let (endpoint, project, job) = &target;
                let record = SessionRecord::new(
                    (endpoint, project, job),
                    (*history).clone(),
                    tree.source(),
                    crate::clock::now_ms(),
                );
                let text = serde_json::to_string(&record).ok()?;
                Some((format!("{name}.session.json"), text))
            })))
        }
        _ => None,
    };
    let chrome = {
        let (tree, name, now) = (props.tree.clone(), name.clone(), props.now);
        action(Rc::new(move || {
            let trace = sdrs_job_core::chrome_trace::chrome_trace(tree.root(), now, locale);
            Some((format!("{name}.trace.json"), serde_json::to_string(&trace).ok()?))
        }))
    };
    let otlp = {
        let (tree, name, now) = (props.tree.clone(), name, props.now);
        action(Rc::new(move || {
            let spans = sdrs_job_core::otlp::otlp_spans(tree.root(), now, locale);
            Some((format!("{name}.otlp.json"), serde_json::to_string(&spans).ok()?))
        }))
    };
    html! {
        <details class="sdrs-export" data-role="export">
            <summary>{ text::EXPORT.get(locale) }</summary>
            <div class="sdrs-export-items" role="group" aria-label={text::EXPORT.get(locale)}>
                <button type="button" class="sdrs-button is-small" data-action="export-answer" onclick={answer}>{ text::EXPORT_ANSWER.get(locale) }</button>
                if let Some(session) = session {
                    <button type="button" class="sdrs-button is-small" data-action="export-session" onclick={session}>{ text::EXPORT_SESSION.get(locale) }</button>
                }
                <button type="button" class="sdrs-button is-small" data-action="export-chrome-trace" onclick={chrome}>{ text::EXPORT_CHROME_TRACE.get(locale) }</button>
                <button type="button" class="sdrs-button is-small" data-action="export-otlp" onclick={otlp}>{ text::EXPORT_OTLP.get(locale) }</button>
            </div>
        </details>
    }
}
