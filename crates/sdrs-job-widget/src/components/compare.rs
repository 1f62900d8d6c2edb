//! Comparing this job with another run (say the last DR drill of the same protection
//! group): opened by its job id (asked once, through the same endpoint, project and
//! transport as this job) or from a file (a response or a session record). The core matches
//! the jobs and sorts by slow-down; this panel asks and draws.

use std::rc::Rc;

use sdrs_job_core::compare::compare;
use sdrs_job_core::{format_duration, parse_job, Analysis, JobTree, Locale, ParseOptions};
use yew::prelude::*;

use super::prepared::PreparedRef;
use super::recorded::RecordedSession;
use crate::http::JobTarget;
use crate::text;

/// Properties of [`ComparePanel`].
#[derive(Properties, PartialEq)]
pub(crate) struct ComparePanelProps {
    /// This run (the live job).
    pub prepared: PreparedRef,
    /// Now (epoch ms), for running jobs' durations.
    pub now: i64,
    pub locale: Locale,
    /// Where this job came from, to ask for another by id (none: only a file).
    pub target: Option<JobTarget>,
}

/// The other run, or what went wrong getting it.
#[derive(Clone)]
enum Other {
    None,
    Loading,
    Shown(Rc<Analysis>),
    Failed(String),
}

/// A response's or a session record's tree, from a file's text.
fn tree_of(text: &str) -> Result<JobTree, String> {
    if text.contains(sdrs_job_core::session::SESSION_FORMAT) {
        return RecordedSession::open(text).map(|session| (*session.tree).clone());
    }
    parse_job(text.as_bytes()).map_err(|error| error.to_string())
}

/// Asks once for the job of `target`, with the watch's caps and timeout.
async fn fetch_once(target: JobTarget) -> Result<JobTree, String> {
    let request = target.request().map_err(|error| error.to_string())?;
    let Some(slot) = sdrs_job_fetch::civil::slot(&request.url, None).await else {
        return Err("cancelled".to_owned());
    };
    let policy = sdrs_job_core::poll::PollPolicy::default();
    let body = sdrs_job_fetch::fetch_body(
        &request,
        &target.transport,
        None,
        policy.request_timeout_ms(),
        &ParseOptions::default(),
    )
    .await
    .ok_or_else(|| "cancelled".to_owned())?;
    let answer = sdrs_job_core::exchange::answer(&request, body);
    slot.finish(sdrs_job_fetch::civil::load_of(&answer));
    answer.map_err(|error| error.to_string())
}

/// The panel.
#[component]
pub(crate) fn ComparePanel(props: &ComparePanelProps) -> Html {
    let locale = props.locale;
    let other = use_state(|| Other::None);
    let job_id = use_node_ref();
    let show = {
        let other = other.clone();
        move |tree: Result<JobTree, String>| {
            other.set(match tree {
                Ok(tree) => Other::Shown(Rc::new(Analysis::new(Rc::new(tree)))),
                Err(error) => Other::Failed(error),
            })
        }
    };
    let on_open_file = {
        let (show, other) = (show.clone(), other.clone());
        Callback::from(move |event: Event| {
            let input = event.target_dyn_into::<web_sys::HtmlInputElement>();
            let Some(file) =
                input.as_ref().and_then(|input| input.files()).and_then(|files| files.get(0))
            else {
                return;
            };
            if let Some(input) = input {
                input.set_value("");
            }
            other.set(Other::Loading);
            let show = show.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => show(tree_of(&text.as_string().unwrap_or_default())),
                    Err(_) => show(Err(text::COMPARE_UNREADABLE.get(locale).to_owned())),
                }
            });
        })
    };
    let on_fetch = props.target.clone().map(|target| {
        let (show, other, job_id) = (show.clone(), other.clone(), job_id.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(input) = job_id.cast::<web_sys::HtmlInputElement>() else { return };
            let wanted = input.value().trim().to_owned();
            other.set(Other::Loading);
            let target = JobTarget { job_id: wanted, ..target.clone() };
            let show = show.clone();
            wasm_bindgen_futures::spawn_local(async move { show(fetch_once(target).await) });
        })
    });
    let table = match &*other {
        Other::Shown(analysis) => {
            let comparison = compare(analysis, &props.prepared.analysis, props.now);
            let duration = |ms: Option<i64>| ms.map_or_else(|| "—".to_owned(), format_duration);
            let delta = |ms: Option<i64>| match ms {
                Some(ms) if ms > 0 => format!("+{}", format_duration(ms)),
                Some(ms) if ms < 0 => format!("−{}", format_duration(-ms)),
                Some(_) => "0".to_owned(),
                None => "—".to_owned(),
            };
            html! {
                <>
                    <p data-role="compare-summary">{ text::compare_summary(locale, comparison.rows.len(), comparison.only_a, comparison.only_b) }</p>
                    <table class="sdrs-compare-table">
                        <thead><tr>
                            <th scope="col">{ text::COMPARE_STEP.get(locale) }</th>
                            <th scope="col">{ text::COMPARE_OTHER.get(locale) }</th>
                            <th scope="col">{ text::COMPARE_THIS.get(locale) }</th>
                            <th scope="col">{ text::COMPARE_DELTA.get(locale) }</th>
                        </tr></thead>
                        <tbody>
                            { for comparison.rows.iter().map(|row| {
                                let only = match (row.a, row.b) { (Some(_), None) => Some("other"), (None, Some(_)) => Some("this"), _ => None };
                                let step = if row.path.is_empty() { text::COMPARE_ROOT.get(locale).to_owned() } else { row.path.clone() };
                                html! {
                                    <tr data-path={row.path.clone()} data-only={only} data-delta-ms={row.delta_ms.map(|ms| ms.to_string())}
                                        class={classes!(row.delta_ms.is_some_and(|ms| ms > 0).then_some("is-slower"))}>
                                        <th scope="row" title={row.matched_by.clone()}>{ step }</th>
                                        <td>{ if row.a.is_some() { duration(row.a_ms) } else { text::COMPARE_ABSENT.get(locale).to_owned() } }</td>
                                        <td>{ if row.b.is_some() { duration(row.b_ms) } else { text::COMPARE_ABSENT.get(locale).to_owned() } }</td>
                                        <td>{ delta(row.delta_ms) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </>
            }
        }
        Other::Loading => {
            html! { <p data-role="compare-loading">{ text::LOADING.get(locale) }</p> }
        }
        Other::Failed(error) => {
            html! { <p class="sdrs-form-error" role="alert" data-role="compare-error">{ error.clone() }</p> }
        }
        Other::None => html! {},
    };
    html! {
        <details class="sdrs-compare" data-role="compare">
            <summary>{ text::COMPARE.get(locale) }</summary>
            <div class="sdrs-compare-sources">
                if let Some(onsubmit) = on_fetch {
                    <form {onsubmit}>
                        <label>{ text::COMPARE_JOB_ID.get(locale) }
                            <input type="text" ref={job_id} data-action="compare-job-id" spellcheck="false" autocomplete="off" />
                        </label>
                        <button type="submit" class="sdrs-button is-small" data-action="compare-fetch">{ text::COMPARE_GO.get(locale) }</button>
                    </form>
                }
                <label>{ text::COMPARE_FILE.get(locale) }
                    <input type="file" accept=".json,application/json" data-action="compare-file" onchange={on_open_file} />
                </label>
            </div>
            { table }
        </details>
    }
}
