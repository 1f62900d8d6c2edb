//! The time axis above the bars: tick labels placed by the core, and the band of a range
//! being dragged.

use sdrs_job_core::{place_labels, LabelAlign, Locale, Ticks};
use yew::prelude::*;

use super::gestures::Gestures;
use crate::style::css;
use crate::text;

/// The axis row: the name column's heading and the ticks over the bar column (`column`,
/// `width_px` wide), with the pointer handlers that zoom into a dragged range.
pub(super) fn axis(
    locale: Locale,
    column: &NodeRef,
    ticks: &Ticks,
    width_px: f64,
    band: Option<(f64, f64)>,
    gestures: &Gestures,
) -> Html {
    let labels = place_labels(&ticks.ticks, width_px).into_iter().map(|(index, align)| {
        let tick = &ticks.ticks[index];
        let align = match align {
            LabelAlign::Center => None,
            LabelAlign::Start => Some("is-start"),
            LabelAlign::End => Some("is-end"),
        };
        html! {
            <span class={classes!("sdrs-tick", align)} ~style={css(format!("left: {:.4}%", tick.x * 100.0))}>{ tick.label.clone() }</span>
        }
    });
    html! {
        <div class="sdrs-axis">
            <div class="sdrs-axis-name" aria-hidden="true">{ text::JOB.get(locale) }</div>
            <div class="sdrs-axis-ticks" ref={column.clone()} aria-hidden="true" data-role="axis"
                title={text::AXIS_HINT.get(locale)}
                onpointerdown={gestures.axis_down.clone()} onpointermove={gestures.move_.clone()} onpointerup={gestures.up.clone()}
                onpointercancel={gestures.cancel.clone()} onwheel={gestures.axis_wheel.clone()}>
                { for labels }
                if let Some((from, to)) = band {
                    <div class="sdrs-zoom-band" data-role="zoom-band"
                        ~style={css(format!("left: {:.4}%; width: {:.4}%", from.min(to).clamp(0.0, 1.0) * 100.0, (to - from).abs().min(1.0) * 100.0))}></div>
                }
            </div>
        </div>
    }
}
