//! The error banner: what went wrong with the last request, what it means, and what the
//! widget does about it.

use sdrs_job_core::{meaning_beside, ApiError, Locale};
use yew::prelude::*;

use crate::clock::format_local;
use crate::text;

/// The banner for `error`; `retrying` while polling goes on, `kept_since` when the last
/// good data (fetched then) is still shown.
pub(crate) fn error_banner(
    locale: Locale,
    error: &ApiError,
    retrying: bool,
    kept_since: Option<i64>,
) -> Html {
    html! {
        <div class="sdrs-error" role="alert" data-error-code={error.code.clone()} data-http-status={error.http_status.map(|status| status.to_string())}>
            <strong>{ text::error_title(locale, error) }</strong>
            <span class="sdrs-error-message">{ error.to_string() }</span>
            // The catalogue's meaning only where the message does not already say it (a 404
            // says "Null job: job … does not exist"; its meaning is "Null job").
            if let Some(meaning) = meaning_beside(Some(&error.code), Some(&error.message), locale) {
                <span class="sdrs-error-meaning">{ meaning }</span>
            }
            if retrying && error.retryable() {
                <span class="sdrs-error-note">{ text::RETRYING.get(locale) }</span>
            }
            if let Some(since) = kept_since {
                <span class="sdrs-error-note">
                    { text::SHOWING_LAST_GOOD.get(locale) }{ format_local(since) }
                </span>
            }
        </div>
    }
}
