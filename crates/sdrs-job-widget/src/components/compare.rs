//! Comparing this job with another run (say the last DR drill of the same protection
//! group): opened by its job id (asked once, through the same endpoint, project and
//! transport as this job) or from a file (a response or a session record). The core matches
//! the jobs and sorts by slow-down; this panel asks and draws.

use std::rc::Rc;

use sdrs_job_core::compare::compare;
use sdrs_job_core::{
    format_duration, parse_job, Analysis, JobIndex, JobTree, Locale, ParseOptions,
};
use yew::prelude::*;

use super::prepared::{PreparedRef, Shared};
use super::recorded::RecordedSession;
use super::timeline::short_id;
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

/// The labels of the job at `index` and of its parents below the root, in `locale`: the
/// step as the rows name it (the job types, and what matched the pair, are its title).
fn step_label(analysis: &Analysis, index: JobIndex, locale: Locale) -> String {
    let mut labels = Vec::new();
    let mut job = analysis.job(index);
    while let Some(parent) = job.parent() {
        labels.push(analysis.label(job.index(), locale));
        job = parent;
    }
    labels.reverse();
    labels.join(" › ")
}

/// Asks once for the job of `target`, with the watch's caps and timeout; `None` once
/// `signal` aborts (a newer source, or the panel's end, owns the panel then).
async fn fetch_once(
    target: JobTarget,
    signal: &web_sys::AbortSignal,
) -> Option<Result<JobTree, String>> {
    let request = match target.request() {
        Ok(request) => request,
        Err(error) => return Some(Err(error.to_string())),
    };
    let slot = sdrs_job_fetch::civil::slot(&request.url, Some(signal)).await?;
    let policy = sdrs_job_core::poll::PollPolicy::default();
    let body = sdrs_job_fetch::fetch_body(
        &request,
        &target.transport,
        Some(signal),
        policy.request_timeout_ms(),
        &ParseOptions::default(),
    )
    .await?;
    let answer = sdrs_job_core::exchange::answer(&request, body);
    slot.finish(sdrs_job_fetch::civil::load_of(&answer));
    (!signal.aborted()).then(|| answer.map_err(|error| error.to_string()))
}

/// A new source was chosen: its number (a later result of an older source is dropped).
fn next_source(generation: &std::cell::RefCell<u32>) -> u32 {
    let mut generation = generation.borrow_mut();
    *generation = generation.wrapping_add(1);
    *generation
}

/// The other run's analysis by pointer, and whether now moves either run's durations: what
/// the comparison depends on, so that it is made once per answer of a running job, or once
/// in all for two finished runs, and not on every render.
type CompareKey = (Shared<Analysis>, PreparedRef, Option<i64>);

/// The panel.
#[component]
pub(crate) fn ComparePanel(props: &ComparePanelProps) -> Html {
    let locale = props.locale;
    let other = use_state(|| Other::None);
    let job_id = use_node_ref();
    // The job id asked for, with a serial so that asking again asks again.
    let asked = use_state(|| None::<(String, u32)>);
    // Bumped by every new source: a file read that finishes after a newer source is dropped.
    let generation = use_mut_ref(|| 0_u32);
    let show = {
        let other = other.clone();
        move |tree: Result<JobTree, String>| {
            other.set(match tree {
                Ok(tree) => Other::Shown(Rc::new(Analysis::new(Rc::new(tree)))),
                Err(error) => Other::Failed(error),
            })
        }
    };
    {
        let (show, target) = (show.clone(), props.target.clone());
        // The request is aborted when another source is chosen or the panel goes away.
        use_effect_with((*asked).clone(), move |asked| {
            let abort = web_sys::AbortController::new().ok();
            if let (Some((wanted, _)), Some(target), Some(abort)) = (asked, target, abort.clone()) {
                let target = JobTarget { job_id: wanted.clone(), ..target };
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(tree) = fetch_once(target, &abort.signal()).await {
                        show(tree);
                    }
                });
            }
            move || {
                if let Some(abort) = abort {
                    abort.abort();
                }
            }
        });
    }
    let on_open_file = {
        let (show, other, asked, generation) =
            (show.clone(), other.clone(), asked.clone(), generation.clone());
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
            asked.set(None);
            let mine = next_source(&generation);
            other.set(Other::Loading);
            let (show, generation) = (show.clone(), generation.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                if *generation.borrow() != mine {
                    return;
                }
                match text {
                    Ok(text) => show(tree_of(&text.as_string().unwrap_or_default())),
                    Err(_) => show(Err(text::COMPARE_UNREADABLE.get(locale).to_owned())),
                }
            });
        })
    };
    let on_fetch = props.target.is_some().then(|| {
        let (other, job_id, asked, generation) =
            (other.clone(), job_id.clone(), asked.clone(), generation.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(input) = job_id.cast::<web_sys::HtmlInputElement>() else { return };
            let wanted = input.value().trim().to_owned();
            let serial = next_source(&generation);
            other.set(Other::Loading);
            asked.set(Some((wanted, serial)));
        })
    });
    let key: Option<CompareKey> = match &*other {
        Other::Shown(analysis) => {
            let moving = analysis.is_open_ended() || props.prepared.analysis.is_open_ended();
            Some((Shared(analysis.clone()), props.prepared.clone(), moving.then_some(props.now)))
        }
        _ => None,
    };
    let now = props.now;
    let comparison = use_memo(key, move |key| {
        key.as_ref()
            .map(|(other, this, moving)| compare(other, &this.analysis, moving.unwrap_or(now)))
    });
    let table = match (&*other, comparison.as_ref()) {
        (Other::Shown(other_run), Some(comparison)) => {
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
                    <div class="sdrs-compare-scroll">
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
                                // Named as its row is: labels, and what tells it from its siblings.
                                let run = match (row.a, row.b) {
                                    (_, Some(index)) => Some((&props.prepared.analysis, index)),
                                    (Some(index), None) => Some((&**other_run, index)),
                                    (None, None) => None,
                                };
                                let step = match run {
                                    _ if row.path.is_empty() => text::COMPARE_ROOT.get(locale).to_owned(),
                                    Some((analysis, index)) => step_label(analysis, index, locale),
                                    None => row.path.clone(),
                                };
                                let identity = run.and_then(|(analysis, index)| analysis.identity(index)).filter(|_| !row.path.is_empty()).map(|(field, value)| html! {
                                    <span class="sdrs-identity" data-role="identity" title={format!("{}: {value}", field.wire_name())}>{ short_id(value) }</span>
                                });
                                let title = [row.path.as_str(), row.matched_by.as_deref().unwrap_or_default()].into_iter().filter(|part| !part.is_empty()).collect::<Vec<_>>().join("\n");
                                html! {
                                    <tr data-path={row.path.clone()} data-only={only} data-delta-ms={row.delta_ms.map(|ms| ms.to_string())}
                                        class={classes!(row.delta_ms.is_some_and(|ms| ms > 0).then_some("is-slower"))}>
                                        <th scope="row" {title}>{ step }{ for identity }</th>
                                        <td>{ if row.a.is_some() { duration(row.a_ms) } else { text::COMPARE_ABSENT.get(locale).to_owned() } }</td>
                                        <td>{ if row.b.is_some() { duration(row.b_ms) } else { text::COMPARE_ABSENT.get(locale).to_owned() } }</td>
                                        <td>{ delta(row.delta_ms) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                    </div>
                </>
            }
        }
        (Other::Loading, _) => {
            html! { <p data-role="compare-loading">{ text::LOADING.get(locale) }</p> }
        }
        (Other::Failed(error), _) => {
            html! { <p class="sdrs-form-error" role="alert" data-role="compare-error">{ error.clone() }</p> }
        }
        _ => html! {},
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
