//! The tooltip of the row under the pointer.

use sdrs_job_core::{format_duration, JobIndex, Locale};
use yew::prelude::*;

use super::ROW_HEIGHT;
use crate::clock::format_local;
use crate::components::prepared::PreparedRef;
use crate::style::css;
use crate::text;

/// The tooltip of the job at tree `index`, drawn below its row at `position` (above it
/// when `above`: a row in the lower half of the view, so the tooltip stays in it); `now`
/// for the duration of a running job.
pub(super) fn tooltip(
    prepared: &PreparedRef,
    (index, position, above): (JobIndex, usize, bool),
    now: i64,
    locale: Locale,
) -> Html {
    let analysis = &prepared.analysis;
    let job = analysis.job(index);
    let duration = analysis.duration_ms(index, now);
    html! {
        <div class={classes!("sdrs-tooltip", above.then_some("is-above"))} role="tooltip" data-role="tooltip"
            ~style={css(format!("top: {}px", (position as f64 + if above { 0.0 } else { 1.0 }) * ROW_HEIGHT))}>
            <strong>{ analysis.label(index, locale).to_owned() }</strong>
            <code>{ job.job_id().unwrap_or("—").to_owned() }</code>
            <span>{ job.status_text().unwrap_or("—").to_owned() }</span>
            if let Some(begin) = job.begin_ms() { <span>{ text::TOOLTIP_BEGAN.get(locale) }{ format_local(begin) }</span> }
            if let Some(duration) = duration { <span>{ text::TOOLTIP_TOOK.get(locale) }{ format_duration(duration) }</span> }
            if let Some((from, to)) = analysis.gap_before(index) { <span class="sdrs-tooltip-gap">{ text::gap_before(locale, to - from) }</span> }
            if let Some(code) = job.error_code() { <span class="sdrs-tooltip-error">{ code }{ " " }{ job.fail_reason().unwrap_or_default() }</span> }
        </div>
    }
}
