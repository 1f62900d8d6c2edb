//! The header: what the job is, where it stands, and — for a failed job — what failed and
//! why, right at the top.

use sdrs_job_core::{format_duration, meaning_beside, EntityField, Locale, StatusKind};
use yew::prelude::*;

use super::prepared::PreparedRef;
use crate::clock::format_local;
use crate::style::status_class;
use crate::text::{self, status_icon, status_name, warning_title};

/// Properties of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub(crate) prepared: PreparedRef,
    /// Now (epoch ms), for the duration of a running job.
    pub now: i64,
    /// Label language.
    pub locale: Locale,
    /// Select a job and scroll to it.
    pub on_reveal: Callback<String>,
    /// The live line of a watched job, shown at the end of the title row.
    #[prop_or_default]
    pub live: Option<Html>,
}

/// Copies text to the clipboard (best effort: browsers may refuse outside secure contexts).
pub(crate) fn copy_to_clipboard(text: String) -> Callback<MouseEvent> {
    Callback::from(move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&text);
        }
    })
}

/// The job's header.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let locale = props.locale;
    let analysis = &props.prepared.analysis;
    let summary = &props.prepared.summary;
    let root = analysis.tree().root();
    let label = analysis.label(0, locale).to_owned();
    let status = root.status();
    let duration = analysis.duration_ms(0, props.now);
    let counts = summary.counts;
    let progress_percent = (summary.progress * 100.0).round();
    let entity_rows: Vec<Html> = EntityField::ALL
        .into_iter()
        .filter_map(|field| root.entity(field).value().map(|value| (field, value)))
        .map(|(field, value)| {
            html! { <div class="sdrs-entity"><dt>{ field.wire_name() }</dt><dd><code>{ value }</code></dd></div> }
        })
        .collect();
    let failure = (status == StatusKind::Fail).then(|| {
        let origin = summary.first_origin().filter(|failure| failure.index != 0);
        let meaning = meaning_beside(root.error_code(), root.fail_reason(), locale);
        html! {
            <section class="sdrs-failure" aria-label={text::FAILURE.get(locale)}>
                <p class="sdrs-failure-root">
                    <span class="sdrs-failure-code">{ root.error_code().unwrap_or("—") }</span>
                    if let Some(meaning) = meaning { <span class="sdrs-failure-meaning">{ meaning }</span> }
                    if let Some(reason) = root.fail_reason() { <span class="sdrs-failure-reason">{ reason }</span> }
                </p>
                if let Some(origin) = origin {
                    <p class="sdrs-failure-origin" data-job-id={origin.job_id.clone()}>
                        <strong>{ text::FAILED_SUB_JOB.get(locale) }</strong>
                        <span class="sdrs-failure-origin-label">{ analysis.label(origin.index, locale).to_owned() }</span>
                        { " " }<code>{ origin.job_id.clone().unwrap_or_default() }</code>{ " — " }
                        <span class="sdrs-failure-code">{ origin.error_code.clone().unwrap_or_default() }</span>{ " " }
                        if let Some(meaning) = origin.meaning_beside_reason(locale) {
                            <span class="sdrs-failure-meaning">{ meaning }</span>
                        }
                        if let Some(id) = origin.job_id.clone() {
                            <button type="button" class="sdrs-button is-small" data-action="show-failure"
                                onclick={props.on_reveal.reform(move |_: MouseEvent| id.clone())}>
                                { text::SHOW_IN_TIMELINE.get(locale) }
                            </button>
                        }
                        if let Some(reason) = origin.fail_reason.clone() {
                            <span class="sdrs-failure-reason">{ reason }</span>
                        }
                    </p>
                }
            </section>
        }
    });
    let warnings = (!summary.warnings.is_empty()).then(|| {
        let count = summary.warnings.len();
        html! {
            <details class="sdrs-warnings">
                <summary>{ format!("⚠ {count} ") }{ text::DATA_WARNINGS.get(locale) }</summary>
                <ul>
                    { for summary.warnings.iter().take(200).map(|warning| html! {
                        <li data-warning-code={warning.code.as_str()}>
                            <strong>{ warning_title(locale, warning.code) }</strong>{ ": " }{ warning.message.clone() }
                        </li>
                    }) }
                </ul>
            </details>
        }
    });
    let job_id = root.job_id().unwrap_or_default().to_owned();
    html! {
        <header class="sdrs-header" data-job-id={job_id.clone()} data-status={root.status_text().unwrap_or_default().to_owned()}>
            <div class="sdrs-title">
                <span class={classes!("sdrs-badge", status_class(status))} data-role="status-badge">
                    <span aria-hidden="true">{ status_icon(status) }</span>{ " " }
                    { root.status_text().map(str::to_owned).unwrap_or_else(|| status_name(locale, status).to_owned()) }
                </span>
                <h2 class="sdrs-job-label">{ label }</h2>
                <code class="sdrs-job-id">{ job_id.clone() }</code>
                <button type="button" class="sdrs-button is-small" data-action="copy-job-id" onclick={copy_to_clipboard(job_id)}
                    aria-label={text::COPY_JOB_ID.get(locale)}>{ text::COPY.get(locale) }</button>
                { for props.live.clone() }
            </div>
            { for failure }
            <div class="sdrs-facts">
                <div class={classes!("sdrs-progress", status_class(status))} data-role="progress" title={format!("{progress_percent}%")}>
                    <progress max="100" value={progress_percent.to_string()} aria-label={text::SUB_JOBS_FINISHED.get(locale)} />
                    <span>{ format!("{progress_percent}%") }</span>
                </div>
                <ul class="sdrs-counts" aria-label={text::JOBS_BY_STATUS.get(locale)}>
                    { for StatusKind::ALL
                        .into_iter()
                        .filter(|&kind| counts.get(kind) > 0)
                        .map(|kind| html! {
                            <li class={classes!("sdrs-count", status_class(kind))} data-status-count={kind.as_str()}>
                                <span aria-hidden="true">{ status_icon(kind) }</span>{ " " }
                                if kind == StatusKind::Fail {
                                    { text::failed_count(locale, summary.failure_counts()) }
                                } else {
                                    { counts.get(kind) }{ " " }{ status_name(locale, kind) }
                                }
                            </li>
                        }) }
                    <li class="sdrs-count is-total">{ text::job_total(locale, summary.total) }</li>
                </ul>
                <dl class="sdrs-times">
                    <div><dt>{ text::BEGAN.get(locale) }</dt><dd>{ root.begin_ms().map(format_local).unwrap_or_else(|| "—".to_owned()) }</dd></div>
                    <div><dt>{ text::ENDED.get(locale) }</dt><dd>{ root.end_ms().map(format_local).unwrap_or_else(|| "—".to_owned()) }</dd></div>
                    <div><dt>{ text::DURATION.get(locale) }</dt><dd data-role="duration">{ duration.map(format_duration).unwrap_or_else(|| "—".to_owned()) }</dd></div>
                </dl>
                if !entity_rows.is_empty() {
                    <dl class="sdrs-entities">{ for entity_rows }</dl>
                }
            </div>
            { for warnings }
        </header>
    }
}
