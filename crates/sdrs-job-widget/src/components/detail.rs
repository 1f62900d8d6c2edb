//! The detail panel of the selected job: every field, the error's meaning, the raw JSON and
//! a link to the job, all copyable.

use sdrs_job_core::history::Change;
use sdrs_job_core::{format_duration, meaning_beside, EntityField, FieldValue, JobField, Locale};
use yew::prelude::*;

use super::header::copy_to_clipboard;
use super::prepared::PreparedRef;
use crate::clock::format_local;
use crate::style::status_class;
use crate::text::{self, status_icon};

/// Properties of [`DetailPanel`].
#[derive(Properties, PartialEq)]
pub struct DetailPanelProps {
    pub(crate) prepared: PreparedRef,
    /// The job shown.
    pub index: usize,
    /// Now (epoch ms), for the duration of a running job.
    pub now: i64,
    /// The moment replayed (none: live): later changes are not listed.
    #[prop_or_default]
    pub replay_at: Option<i64>,
    /// Label language.
    pub locale: Locale,
    /// Close the panel.
    pub on_close: Callback<()>,
}

fn shown(value: FieldValue<'_>, locale: Locale) -> Html {
    match value {
        FieldValue::Absent => {
            html! { <span class="sdrs-absent">{ text::ABSENT.get(locale) }</span> }
        }
        FieldValue::Null => html! { <span class="sdrs-null">{ "null" }</span> },
        FieldValue::Value(text) => html! { <code>{ text }</code> },
    }
}

/// Pretty-prints JSON text with the browser's JSON (it is valid: the core wrote it).
fn pretty(json: &str) -> String {
    js_sys::JSON::parse(json)
        .ok()
        .and_then(|value| {
            js_sys::JSON::stringify_with_replacer_and_space(
                &value,
                &wasm_bindgen::JsValue::NULL,
                &wasm_bindgen::JsValue::from_f64(2.0),
            )
            .ok()
        })
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| json.to_owned())
}

/// A link to this page with `select=<job id>`, so it opens with the job selected.
fn link_to(job_id: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new(&href).ok()?;
    url.search_params().set("select", job_id);
    Some(url.href())
}

/// The name of a change's kind, as its `data-change` says it.
fn change_kind(change: &Change) -> &'static str {
    match change {
        Change::Appeared { .. } => "appeared",
        Change::Status { .. } => "status",
        Change::Began { .. } => "began",
        Change::Ended { .. } => "ended",
        Change::Gone { .. } => "gone",
    }
}

/// The selected job in full.
#[component]
pub fn DetailPanel(props: &DetailPanelProps) -> Html {
    let locale = props.locale;
    let analysis = &props.prepared.analysis;
    let job = analysis.job(props.index);
    let raw = pretty(&job.to_json_without_sub_jobs());
    let meaning = meaning_beside(job.error_code(), job.fail_reason(), locale);
    let duration = analysis.duration_ms(props.index, props.now).map(format_duration);
    let link = job.job_id().and_then(link_to);
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    // What this page's answers showed of the job, and when: the API keeps no such record.
    let observed =
        props.prepared.observed(props.index).filter(|history| !history.changes.is_empty());
    let observed = observed.map(|history| {
        let waited = props.prepared.observed_init(props.index, props.now).map(|(from, to)| text::observed_init(locale, to - from));
        html! {
            <section class="sdrs-observed" data-role="observed" aria-label={text::OBSERVED.get(locale)}>
                <h4>{ text::OBSERVED.get(locale) }</h4>
                if let Some(waited) = waited { <p data-role="observed-init-text">{ waited }</p> }
                <ol>
                    { for history.changes.iter().filter(|change| props.replay_at.is_none_or(|at| change.at_ms() <= at)).map(|change| html! {
                        <li data-change={change_kind(change)} data-at-ms={change.at_ms().to_string()}>
                            <time>{ format_local(change.at_ms()) }</time>{ " " }{ text::observed_change(locale, change) }
                        </li>
                    }) }
                </ol>
            </section>
        }
    });
    html! {
        <aside class="sdrs-detail" aria-label={text::JOB_DETAILS.get(locale)} data-job-id={job.job_id().unwrap_or_default().to_owned()}>
            <div class="sdrs-detail-head">
                <span class={classes!("sdrs-badge", status_class(job.status()))}>
                    <span aria-hidden="true">{ status_icon(job.status()) }</span>{ " " }{ job.status_text().unwrap_or("—") }
                </span>
                <h3>{ analysis.label(props.index, locale).to_owned() }</h3>
                <button type="button" class="sdrs-button is-small" data-action="close-detail" onclick={on_close}
                    aria-label={text::CLOSE_DETAILS.get(locale)}>{ "×" }</button>
            </div>
            if let Some(code) = job.error_code() {
                <div class="sdrs-detail-error" role="note">
                    <code>{ code }</code>
                    if let Some(meaning) = meaning {
                        <span class="sdrs-failure-meaning">{ meaning }</span>
                    }
                    if let Some(reason) = job.fail_reason() { <p class="sdrs-failure-reason">{ reason }</p> }
                </div>
            }
            <dl class="sdrs-fields">
                { for JobField::ALL.into_iter().map(|field| html! {
                    <div><dt>{ field.wire_name() }</dt><dd>{ shown(job.field(field), locale) }</dd></div>
                }) }
                if let Some(begin) = job.begin_ms() {
                    <div><dt>{ text::BEGAN_LOCAL.get(locale) }</dt><dd>{ format_local(begin) }</dd></div>
                }
                if let Some(duration) = duration {
                    <div><dt>{ text::DURATION_FIELD.get(locale) }</dt><dd>{ duration }</dd></div>
                }
                if let Some((from, to)) = analysis.gap_before(props.index) {
                    <div data-role="detail-gap"><dt>{ text::GAP_FIELD.get(locale) }</dt><dd>{ text::gap_before(locale, to - from) }</dd></div>
                }
                { for EntityField::ALL.into_iter().filter(|field| job.entity(*field) != FieldValue::Absent).map(|field| html! {
                    <div><dt>{ format!("entities.{}", field.wire_name()) }</dt><dd>{ shown(job.entity(field), locale) }</dd></div>
                }) }
                <div><dt>{ text::SUB_JOBS.get(locale) }</dt><dd>{ analysis.child_count(props.index) }</dd></div>
                <div><dt>{ text::PATH.get(locale) }</dt><dd><code>{ if props.index == 0 { text::ROOT_PATH.get(locale).to_owned() } else { job.path() } }</code></dd></div>
            </dl>
            { for observed }
            <div class="sdrs-detail-actions">
                if let Some(id) = job.job_id() {
                    <button type="button" class="sdrs-button is-small" data-action="copy-detail-id" onclick={copy_to_clipboard(id.to_owned())}>{ text::COPY_ID.get(locale) }</button>
                }
                if let Some(link) = link.clone() {
                    <button type="button" class="sdrs-button is-small" data-action="copy-link" onclick={copy_to_clipboard(link.clone())}>{ text::COPY_LINK.get(locale) }</button>
                    <a class="sdrs-link" href={link}>{ text::LINK_TO_JOB.get(locale) }</a>
                }
                <button type="button" class="sdrs-button is-small" data-action="copy-json" onclick={copy_to_clipboard(raw.clone())}>{ text::COPY_JSON.get(locale) }</button>
            </div>
            <details class="sdrs-raw">
                <summary>{ text::RAW_JSON.get(locale) }</summary>
                <pre>{ raw }</pre>
            </details>
        </aside>
    }
}
