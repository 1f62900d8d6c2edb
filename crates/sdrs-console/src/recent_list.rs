//! The start page's list of recently opened jobs ([`crate::recent`]), and where it is
//! kept: `localStorage`, read fresh before each change so that two tabs do not undo each
//! other. Storage that is missing, full or refused leaves the page working without a list.

use std::rc::Rc;

use sdrs_job_core::{job_type_label, Locale, StatusKind};
use yew::prelude::*;

use crate::recent::{self, RecentJob};

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The list as kept now.
pub fn load() -> Vec<RecentJob> {
    let text = local_storage().and_then(|storage| storage.get_item(recent::STORAGE_KEY).ok()?);
    recent::parse(text.as_deref())
}

/// Applies `change` to the list as kept now, keeps the result and returns it.
pub fn update(change: impl FnOnce(Vec<RecentJob>) -> Vec<RecentJob>) -> Rc<Vec<RecentJob>> {
    let jobs = change(load());
    if let Some(storage) = local_storage() {
        let _ = if jobs.is_empty() {
            storage.remove_item(recent::STORAGE_KEY)
        } else {
            storage.set_item(recent::STORAGE_KEY, &recent::to_text(&jobs))
        };
    }
    Rc::new(jobs)
}

/// The list with the job of `target` opened now.
pub fn opened(target: &sdrs_job_widget::JobTarget) -> Rc<Vec<RecentJob>> {
    let job = RecentJob {
        job_id: target.job_id.clone(),
        project_id: target.project_id.clone(),
        endpoint: target.endpoint.clone(),
        job_type: None,
        status: None,
        opened_ms: js_sys::Date::now() as i64,
        seen_ms: None,
    };
    update(|jobs| recent::opened(jobs, job))
}

/// The list's properties.
#[derive(Properties, PartialEq)]
pub struct RecentListProps {
    /// The jobs, newest first.
    pub jobs: Rc<Vec<RecentJob>>,
    /// Language of labels.
    pub locale: Locale,
    /// Told when the user opens one.
    pub on_open: Callback<RecentJob>,
    /// Told when the user clears the list.
    pub on_clear: Callback<()>,
}

fn t(locale: Locale, english: &'static str, chinese: &'static str) -> &'static str {
    sdrs_job_widget::text::t(locale, english, chinese)
}

/// When, in the reader's local time, to the second, written as the timeline writes times
/// (`2026-12-02 18:40:05`). Not `Date.toLocaleString`: its first call loads the browser's
/// locale data, about 10 ms on the first visit's path to the first rows (BENCHMARKS.md).
fn when(epoch_ms: i64) -> String {
    let mut text = sdrs_job_widget::clock::format_local(epoch_ms);
    text.truncate("2026-12-02 18:40:05".len());
    text
}

/// Recently opened jobs: each one click from its timeline, with its last known status.
#[component]
pub fn RecentList(props: &RecentListProps) -> Html {
    let locale = props.locale;
    if props.jobs.is_empty() {
        return html! {};
    }
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <section class="sdrs-recent" data-role="recent" aria-labelledby="sdrs-recent-title">
            <div class="sdrs-recent-head">
                <h2 id="sdrs-recent-title">{ t(locale, "Recently opened", "最近打开") }</h2>
                <button type="button" class="sdrs-button" data-action="clear-recent" onclick={on_clear}>
                    { t(locale, "Clear list", "清除列表") }
                </button>
            </div>
            <ol class="sdrs-recent-list">
                { for props.jobs.iter().map(|job| {
                    let status = job.status.clone().unwrap_or_default();
                    let kind = StatusKind::from_wire(job.status.as_deref());
                    let open = { let job = job.clone(); props.on_open.reform(move |_: MouseEvent| job.clone()) };
                    let label = job_type_label(job.job_type.as_deref(), locale);
                    html! {
                        <li data-role="recent-job" data-job-id={job.job_id.clone()} data-status={status.clone()}>
                            <button type="button" class="sdrs-recent-open" data-action="open-recent" onclick={open}
                                aria-label={format!("{label} {} {}", job.job_id, status)}>
                                <span class="sdrs-recent-status" data-kind={kind.as_str()}>
                                    { if status.is_empty() { "—".to_owned() } else { status.clone() } }
                                </span>
                                <span class="sdrs-recent-type">{ label }</span>
                                <code class="sdrs-recent-id">{ job.job_id.clone() }</code>
                            </button>
                            <span class="sdrs-recent-where">
                                { format!("{} {}", t(locale, "project", "项目"), job.project_id) }
                                if !job.endpoint.is_empty() { { format!(" · {}", job.endpoint) } }
                            </span>
                            <time class="sdrs-recent-when">{ when(job.seen_ms.unwrap_or(job.opened_ms).max(job.opened_ms)) }</time>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
