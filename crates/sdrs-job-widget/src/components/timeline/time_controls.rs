//! Above the axis: the zoom buttons, the span shown, and the overview strip.

use sdrs_job_core::{Locale, TimeWindow};
use yew::prelude::*;

use super::gestures::ZOOM_STEP;
use super::overview::Overview;
use crate::components::prepared::PreparedRef;
use crate::text;
use crate::view::WindowChange;

/// Properties of [`TimeControls`].
#[derive(Properties, PartialEq)]
pub(super) struct TimeControlsProps {
    pub prepared: PreparedRef,
    /// Now (epoch ms), for the overview of a running job.
    pub now: i64,
    /// The whole job's time.
    pub domain: TimeWindow,
    /// The part shown.
    pub window: TimeWindow,
    pub locale: Locale,
    /// The host's theme, for the overview's colours.
    pub theme: Option<AttrValue>,
    /// Zoom or pan.
    pub on_window: Callback<(WindowChange, TimeWindow)>,
}

/// Zoom out, zoom in, the whole job, the span shown; then the overview.
#[component]
pub(super) fn TimeControls(props: &TimeControlsProps) -> Html {
    let (locale, domain, window) = (props.locale, props.domain, props.window);
    let zoomed = !window.covers(domain);
    let zoom_button = |change: WindowChange| {
        let on_window = props.on_window.clone();
        Callback::from(move |_: MouseEvent| on_window.emit((change, domain)))
    };
    let visible_span = if zoomed {
        text::visible_span(locale, window.span().round() as i64, domain.span() as i64)
    } else {
        text::WHOLE_JOB.get(locale).to_owned()
    };
    html! {
        <div class="sdrs-overview-row">
            <div class="sdrs-zoom" role="group" aria-label={text::ZOOM_AXIS.get(locale)}>
                <button type="button" class="sdrs-button is-small" data-action="zoom-out" aria-label={text::ZOOM_OUT.get(locale)}
                    disabled={!zoomed} onclick={zoom_button(WindowChange::Zoom { anchor: 0.5, factor: 1.0 / ZOOM_STEP })}>{ "−" }</button>
                <button type="button" class="sdrs-button is-small" data-action="zoom-in" aria-label={text::ZOOM_IN.get(locale)}
                    onclick={zoom_button(WindowChange::Zoom { anchor: 0.5, factor: ZOOM_STEP })}>{ "+" }</button>
                <button type="button" class="sdrs-button is-small" data-action="zoom-reset" disabled={!zoomed}
                    onclick={zoom_button(WindowChange::Reset)}>{ text::ZOOM_RESET.get(locale) }</button>
                <span class="sdrs-zoom-span" data-role="visible-span" aria-live="polite">{ visible_span }</span>
            </div>
            <Overview prepared={props.prepared.clone()} now={props.now} {domain} {window} {locale}
                theme={props.theme.clone()} on_window={props.on_window.clone()} />
        </div>
    }
}
