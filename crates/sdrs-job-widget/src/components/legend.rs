//! The legend, which doubles as the status filter.

use sdrs_job_core::{Locale, StatusKind, StatusSet};
use yew::prelude::*;

use crate::style::status_class;
use crate::text;

/// Properties of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub locale: Locale,
    /// Statuses hidden by the filter.
    pub hidden: StatusSet,
    /// Show or hide the rows of a status.
    pub on_toggle: Callback<StatusKind>,
}

/// The legend: each entry shows or hides its rows.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let locale = props.locale;
    html! {
        <ul class="sdrs-legend" aria-label={text::LEGEND.get(locale)}>
            { for StatusKind::ALL.into_iter().map(|status| {
                let shown = !props.hidden.contains(status);
                html! {
                    <li class={classes!("sdrs-legend-item", status_class(status))}>
                        <button type="button" class="sdrs-legend-toggle" aria-pressed={shown.to_string()} data-filter={status.as_str()}
                            title={text::SHOW_OR_HIDE_ROWS.get(locale)}
                            onclick={props.on_toggle.reform(move |_: MouseEvent| status)}>
                            <span class="sdrs-swatch" aria-hidden="true">{ text::status_icon(status) }</span>
                            { text::status_name(locale, status) }
                        </button>
                    </li>
                }
            }) }
            <li class="sdrs-legend-item is-critical"><span class="sdrs-swatch" aria-hidden="true">{ "━" }</span>{ text::CRITICAL_PATH.get(locale) }</li>
        </ul>
    }
}
