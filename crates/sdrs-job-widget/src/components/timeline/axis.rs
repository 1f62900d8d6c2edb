//! The time axis above the bars: tick labels placed by the core, and the band of a range
//! being dragged.

use std::cell::RefCell;

use sdrs_job_core::{place_labels, place_measured_labels, LabelAlign, Locale, Ticks};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::gestures::Gestures;
use crate::style::css;
use crate::text;

thread_local! {
    /// A canvas context for measuring label text (never drawn on, never in the page).
    static MEASURE: Option<web_sys::CanvasRenderingContext2d> = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("canvas").ok())
        .and_then(|canvas| canvas.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .and_then(|canvas| canvas.get_context("2d").ok().flatten())
        .and_then(|context| context.dyn_into().ok());
    static MEASURED: RefCell<Vec<(String, f64)>> = const { RefCell::new(Vec::new()) };
}

/// The CSS font of the tick labels (`.sdrs-tick` inherits the axis's), once rendered.
pub(super) fn label_font(column: &NodeRef) -> Option<String> {
    let element = column.cast::<web_sys::Element>()?;
    let style = web_sys::window()?.get_computed_style(&element).ok().flatten()?;
    let font = style.get_property_value("font").ok().filter(|font| !font.is_empty())?;
    Some(font)
}

/// The width of `label` in `font`, measured (and remembered, for the few dozen labels an
/// axis shows), in CSS pixels.
fn measured_width(font: &str, label: &str) -> Option<f64> {
    let key = format!("{font}\u{0}{label}");
    if let Some(width) = MEASURED.with(|measured| {
        measured.borrow().iter().find(|(seen, _)| *seen == key).map(|(_, width)| *width)
    }) {
        return Some(width);
    }
    let width = MEASURE.with(|context| {
        let context = context.as_ref()?;
        context.set_font(font);
        context.measure_text(label).ok().map(|metrics| metrics.width().ceil() + 1.0)
    })?;
    MEASURED.with(|measured| {
        let mut measured = measured.borrow_mut();
        if measured.len() >= 256 {
            measured.clear();
        }
        measured.push((key, width));
    });
    Some(width)
}

/// The axis row: the name column's heading and the ticks over the bar column (`column`,
/// `width_px` wide), with the pointer handlers that zoom into a dragged range. Labels are
/// placed by their measured width in `font` once it is known.
pub(super) fn axis(
    locale: Locale,
    column: &NodeRef,
    ticks: &Ticks,
    (width_px, font): (f64, Option<&str>),
    zone: Option<String>,
    band: Option<(f64, f64)>,
    gestures: &Gestures,
) -> Html {
    let placed = match font {
        Some(font) => place_measured_labels(&ticks.ticks, width_px, |label| {
            measured_width(font, label)
                .unwrap_or(label.chars().count() as f64 * sdrs_job_core::LABEL_CHAR_PX)
        }),
        None => place_labels(&ticks.ticks, width_px),
    };
    let labels = placed.into_iter().map(|(index, align)| {
        let tick = &ticks.ticks[index];
        let align = match align {
            LabelAlign::Center => None,
            LabelAlign::Start => Some("is-start"),
            LabelAlign::End => Some("is-end"),
        };
        html! {
            <span class={classes!("sdrs-tick", align)} data-ms={tick.ms.to_string()} ~style={css(format!("left: {:.4}%", tick.x * 100.0))}>{ tick.label.clone() }</span>
        }
    });
    html! {
        <div class="sdrs-axis">
            <div class="sdrs-axis-name" aria-hidden="true">
                { text::JOB.get(locale) }
                if let Some(zone) = zone {
                    <span class="sdrs-axis-zone" data-role="axis-zone">{ zone }</span>
                }
            </div>
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
