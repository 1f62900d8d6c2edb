//! The time axis above the bars: tick labels placed by the core, and the band of a range
//! being dragged.

use std::cell::RefCell;

use sdrs_job_core::{place_labels, place_measured_labels, LabelAlign, Locale, RowOrder, Ticks};
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

/// What the axis row shows besides its ticks.
pub(super) struct AxisView<'a> {
    pub locale: Locale,
    /// The bar column's element (for the pointer's position).
    pub column: &'a NodeRef,
    pub ticks: &'a Ticks,
    /// The bar column's width in pixels.
    pub width_px: f64,
    /// The tick labels' CSS font, once known (labels are then placed by measured width).
    pub font: Option<&'a str>,
    /// The clock's zone, in clock mode.
    pub zone: Option<String>,
    /// A range being dragged (fractions of the window), with its span as text.
    pub band: Option<(f64, f64, String)>,
    /// The pointer's place over the bars (a fraction) and the time there.
    pub pointer: Option<(f64, String)>,
    /// The duration column's heading: the order now, and a click for the next.
    pub sort: Option<(RowOrder, Callback<MouseEvent>)>,
}

/// Where a label at fraction `x` sits against its point: centred, or inside near an edge.
fn edge_class(x: f64) -> Option<&'static str> {
    if x < 0.08 {
        Some("is-start")
    } else if x > 0.92 {
        Some("is-end")
    } else {
        None
    }
}

/// The axis row: the name column's heading (and the duration column's) and the ticks over
/// the bar column, with the pointer handlers that zoom into a dragged range.
pub(super) fn axis(view: AxisView<'_>, gestures: &Gestures) -> Html {
    let AxisView { locale, column, ticks, width_px, font, zone, band, pointer, sort } = view;
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
    let sort = sort.map(|(order, onclick)| {
        let sorted = match order {
            RowOrder::Tree => "none",
            RowOrder::LongestFirst => "descending",
            RowOrder::ShortestFirst => "ascending",
        };
        html! {
            <button type="button" class="sdrs-duration-heading" data-action="sort-duration" data-order={sorted}
                title={text::sort_hint(locale, order)} aria-label={text::sort_hint(locale, order)} {onclick}>
                { text::duration_heading(locale, order) }
            </button>
        }
    });
    html! {
        <div class="sdrs-axis">
            <div class="sdrs-axis-name">
                <span aria-hidden="true">{ text::JOB.get(locale) }</span>
                if let Some(zone) = zone {
                    <span class="sdrs-axis-zone" data-role="axis-zone" aria-hidden="true">{ zone }</span>
                }
                { for sort }
            </div>
            <div class="sdrs-axis-ticks" ref={column.clone()} aria-hidden="true" data-role="axis"
                title={text::AXIS_HINT.get(locale)}
                onpointerdown={gestures.axis_down.clone()} onpointermove={gestures.move_.clone()} onpointerup={gestures.up.clone()}
                onpointercancel={gestures.cancel.clone()} onpointerleave={gestures.leave.clone()} onwheel={gestures.axis_wheel.clone()}>
                { for labels }
                if let Some((from, to, span)) = band {
                    <div class="sdrs-zoom-band" data-role="zoom-band"
                        ~style={css(format!("left: {:.4}%; width: {:.4}%", from.min(to).clamp(0.0, 1.0) * 100.0, (to - from).abs().min(1.0) * 100.0))}>
                        <span class="sdrs-band-span" data-role="band-span">{ span }</span>
                    </div>
                }
                if let Some((x, time)) = pointer {
                    <span class={classes!("sdrs-pointer-time", edge_class(x))} data-role="pointer-time"
                        ~style={css(format!("left: {:.4}%", x * 100.0))}>{ time }</span>
                }
            </div>
        </div>
    }
}
