//! The live line: whether the job is being refreshed, when next, and pause or resume.

use sdrs_job_core::poll::StopReason;
use sdrs_job_core::Locale;
use yew::prelude::*;

use crate::text;
use crate::watch::{Phase, WatchHandle};

/// The live status of a watched job at `now` (epoch ms).
pub(crate) fn live_status(locale: Locale, watch: &WatchHandle, now: i64) -> Html {
    let state = &watch.state;
    let (class, status, button) = match &state.phase {
        Phase::Fetching => ("sdrs-live is-fetching", text::REFRESHING.get(locale).to_owned(), None),
        Phase::Waiting { next_at_ms } => {
            let seconds = ((next_at_ms - now).max(0) + 999) / 1_000;
            (
                "sdrs-live is-waiting",
                text::next_refresh(locale, seconds),
                Some((text::PAUSE.get(locale), "pause", watch.pause.reform(|_: MouseEvent| ()))),
            )
        }
        Phase::Paused => (
            "sdrs-live is-paused",
            text::PAUSED.get(locale).to_owned(),
            Some((text::RESUME.get(locale), "resume", watch.resume.reform(|_: MouseEvent| ()))),
        ),
        Phase::Stopped(reason) => {
            // A job that ended is done; a watch that gave up can be tried again.
            let retry =
                matches!(reason, StopReason::FinalError | StopReason::TimedOut).then(|| {
                    (text::RETRY.get(locale), "retry", watch.retry.reform(|_: MouseEvent| ()))
                });
            ("sdrs-live is-stopped", text::stop_reason(locale, *reason).to_owned(), retry)
        }
    };
    html! {
        <div class={class} role="status" aria-live="polite">
            <span class="sdrs-live-text">{ status }</span>
            <span class="sdrs-live-attempts">{ text::attempts(locale, state.attempts) }</span>
            if let Some((label, action, onclick)) = button {
                <button type="button" class="sdrs-button" data-action={action} {onclick}>{ label }</button>
            }
        </div>
    }
}
