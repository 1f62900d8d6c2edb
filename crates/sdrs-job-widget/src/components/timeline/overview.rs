//! The overview strip: the whole job at a glance, drawn on one canvas from the core's
//! [`Density`] (jobs active per column, by status), so it costs the same at 100 or
//! 100,000 jobs. It shows the zoomed window and moves it: drag the window to pan, drag
//! elsewhere to pick a range, click to centre, wheel to zoom.

use std::rc::Rc;

use sdrs_job_core::{density_slot, Density, Locale, StatusKind, TimeWindow};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::gestures::wheel_zoom_factor;
use crate::components::prepared::PreparedRef;
use crate::style::{css, status_colour};
use crate::text;
use crate::view::WindowChange;

/// Height of the strip in CSS pixels (CSS `.sdrs-overview` must match).
const HEIGHT: f64 = 36.0;
/// Columns never exceed this, whatever the width (each column is one `fillRect` per status).
const MAX_COLUMNS: usize = 2_048;

/// Properties of [`Overview`].
#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub(crate) prepared: PreparedRef,
    /// Now (epoch ms): running jobs reach it.
    pub now: i64,
    /// The whole job's time.
    pub domain: TimeWindow,
    /// The part the timeline shows.
    pub window: TimeWindow,
    /// Label language.
    pub locale: Locale,
    /// Zoom or pan.
    pub on_window: Callback<(WindowChange, TimeWindow)>,
    /// The host's theme: its colours are read again when it changes.
    #[prop_or_default]
    pub theme: Option<AttrValue>,
}

#[derive(Clone, Copy)]
enum Drag {
    /// Moving the window: where the press was (fraction of the strip) and the window then.
    Move { at: f64, from: TimeWindow },
    /// Picking a range: fractions of the strip.
    Pick { from: f64, to: f64 },
}

/// The overview strip.
#[component]
pub fn Overview(props: &OverviewProps) -> Html {
    let canvas = use_node_ref();
    let strip = use_node_ref();
    let (width, _) = crate::hooks::use_size(canvas.clone(), (0.0, HEIGHT));
    let columns = (width as usize).min(MAX_COLUMNS);
    let drag = use_mut_ref(|| None::<Drag>);
    let pick = use_state(|| None::<(f64, f64)>);
    let domain = props.domain;
    let window = props.window;
    // The system's colour scheme, so that a switch to dark mode redraws in dark colours.
    let system_dark = crate::hooks::use_prefers_dark();

    let density =
        use_memo((props.prepared.clone(), props.now, columns), |(prepared, now, columns)| {
            (*columns > 0).then(|| Rc::new(prepared.analysis.density(*now, *columns)))
        });
    // Draw when the data or the size changes (the theme is read from CSS when drawing),
    // after the rows are on screen: the strip is the lesser view, so it waits a frame
    // rather than delay the first paint of the rows.
    {
        let canvas = canvas.clone();
        use_effect_with(
            (density, width.to_bits(), props.theme.clone(), system_dark),
            move |(density, ..)| {
                let density = density.as_ref().clone();
                let pending = gloo_timers::callback::Timeout::new(0, move || {
                    if let (Some(element), Some(density)) =
                        (canvas.cast::<web_sys::HtmlCanvasElement>(), density)
                    {
                        draw(&element, &density, width);
                    }
                });
                move || drop(pending)
            },
        );
    }

    let fraction_at = {
        let strip = strip.clone();
        move |client_x: i32| {
            let rect = strip.cast::<web_sys::Element>()?.get_bounding_client_rect();
            (rect.width() > 0.0)
                .then(|| ((f64::from(client_x) - rect.left()) / rect.width()).clamp(0.0, 1.0))
        }
    };
    let window_left = domain.fraction(window.start_ms).clamp(0.0, 1.0);
    let window_right = domain.fraction(window.end_ms).clamp(window_left, 1.0);
    let onpointerdown = {
        let (drag, pick, fraction_at) = (drag.clone(), pick.clone(), fraction_at.clone());
        Callback::from(move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            let Some(at) = fraction_at(event.client_x()) else { return };
            if let Some(target) =
                event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            {
                let _ = target.set_pointer_capture(event.pointer_id());
            }
            event.prevent_default();
            let inside =
                at >= window_left && at <= window_right && window_right - window_left < 1.0;
            *drag.borrow_mut() = Some(if inside {
                Drag::Move { at, from: window }
            } else {
                pick.set(Some((at, at)));
                Drag::Pick { from: at, to: at }
            });
        })
    };
    let onpointermove = {
        let (drag, pick, fraction_at, on_window) =
            (drag.clone(), pick.clone(), fraction_at.clone(), props.on_window.clone());
        Callback::from(move |event: PointerEvent| {
            let Some(now_at) = fraction_at(event.client_x()) else { return };
            let current = *drag.borrow();
            match current {
                Some(Drag::Move { at, from }) => {
                    let shift = (now_at - at) * domain.span();
                    let moved = TimeWindow::new(from.start_ms + shift, from.end_ms + shift);
                    on_window.emit((WindowChange::Set(moved), domain));
                }
                Some(Drag::Pick { from, .. }) => {
                    *drag.borrow_mut() = Some(Drag::Pick { from, to: now_at });
                    pick.set(Some((from, now_at)));
                }
                None => {}
            }
        })
    };
    let finish = |commit: bool| {
        let (drag, pick, fraction_at, on_window) =
            (drag.clone(), pick.clone(), fraction_at.clone(), props.on_window.clone());
        Callback::from(move |event: PointerEvent| {
            let ended = drag.borrow_mut().take();
            pick.set(None);
            let Some(Drag::Pick { from, to }) = ended else { return };
            if !commit {
                return;
            }
            let to = fraction_at(event.client_x()).unwrap_or(to);
            let change = if (to - from).abs() * width.max(1.0) < 4.0 {
                // A click: centre the window there.
                WindowChange::CenterOn(domain.at(to))
            } else {
                WindowChange::Set(TimeWindow::new(domain.at(from), domain.at(to)))
            };
            on_window.emit((change, domain));
        })
    };
    let onwheel = {
        let (fraction_at, on_window) = (fraction_at.clone(), props.on_window.clone());
        Callback::from(move |event: WheelEvent| {
            let Some(at) = fraction_at(event.client_x()) else { return };
            event.prevent_default();
            let anchor = window.fraction(domain.at(at)).clamp(0.0, 1.0);
            on_window
                .emit((WindowChange::Zoom { anchor, factor: wheel_zoom_factor(&event) }, domain));
        })
    };
    let (up, cancel) = (finish(true), finish(false));
    let locale = props.locale;
    html! {
        <div class="sdrs-overview" ref={strip} data-role="overview" aria-hidden="true"
            title={text::OVERVIEW_HINT.get(locale)}
            {onpointerdown} {onpointermove} onpointerup={up} onpointercancel={cancel} {onwheel}>
            <canvas ref={canvas} class="sdrs-overview-canvas" data-columns={columns.to_string()}></canvas>
            <div class="sdrs-overview-shade" ~style={css(format!("left: 0; width: {:.4}%", window_left * 100.0))}></div>
            <div class="sdrs-overview-shade" ~style={css(format!("left: {:.4}%; right: 0", window_right * 100.0))}></div>
            <div class="sdrs-overview-window" data-role="overview-window"
                data-left={format!("{window_left:.6}")} data-right={format!("{window_right:.6}")}
                ~style={css(format!("left: {:.4}%; width: {:.4}%", window_left * 100.0, (window_right - window_left) * 100.0))}></div>
            if let Some((from, to)) = *pick {
                <div class="sdrs-zoom-band" ~style={css(format!("left: {:.4}%; width: {:.4}%", from.min(to) * 100.0, (to - from).abs() * 100.0))}></div>
            }
        </div>
    }
}

/// Draws the density as stacked columns (failures at the bottom, where the eye lands),
/// with a red mark on top of the columns where a job failed. Colours are the widget's CSS
/// custom properties as the canvas resolves them (`light-dark()` included), so themes
/// and host overrides apply and no colour is written here.
fn draw(canvas: &web_sys::HtmlCanvasElement, density: &Density, css_width: f64) {
    let ratio = web_sys::window().map_or(1.0, |window| window.device_pixel_ratio()).max(1.0);
    let (pixel_width, pixel_height) =
        ((css_width * ratio).round() as u32, (HEIGHT * ratio).round() as u32);
    if canvas.width() != pixel_width || canvas.height() != pixel_height {
        canvas.set_width(pixel_width);
        canvas.set_height(pixel_height);
    }
    let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let order = [
        StatusKind::Fail,
        StatusKind::Running,
        StatusKind::Unknown,
        StatusKind::Init,
        StatusKind::Success,
    ]
    .map(|status| (status, resolved_colour(canvas, status_colour(status))));
    context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0).ok();
    context.clear_rect(0.0, 0.0, css_width, HEIGHT);
    let count = density.columns.len().max(1) as f64;
    let column_width = css_width / count;
    let peak = f64::from(density.peak.max(1));
    let usable = HEIGHT - 5.0;
    for (status, fill) in &order {
        context.set_fill_style_str(fill);
        let slot = density_slot(*status);
        for (x, column) in density.columns.iter().enumerate() {
            if column[slot] == 0 {
                continue;
            }
            // Square-root scale: a lone failed job among thousands still shows.
            let below: u32 = order
                .iter()
                .take_while(|(other, _)| other != status)
                .map(|(other, _)| column[density_slot(*other)])
                .sum();
            let base = (f64::from(below) / peak).sqrt() * usable;
            let top = (f64::from(below + column[slot]) / peak).sqrt() * usable;
            context.fill_rect(
                x as f64 * column_width,
                HEIGHT - top,
                column_width.max(1.0),
                (top - base).max(1.0),
            );
        }
    }
    context.set_fill_style_str(&order[0].1);
    for (x, _) in density.failures.iter().enumerate().filter(|(_, failed)| **failed) {
        context.fill_rect(x as f64 * column_width, 0.0, column_width.max(2.0), 3.0);
    }
}

/// The colour a custom property stands for on `element`, as the browser computes it: the
/// property's value may be `light-dark(...)` or refer to other properties, which a canvas
/// cannot read, so the element's `color` is set to it and read back.
fn resolved_colour(element: &web_sys::HtmlCanvasElement, property: &str) -> String {
    let style = element.style();
    let _ = style.set_property("color", &format!("var({property})"));
    let colour = web_sys::window()
        .and_then(|window| window.get_computed_style(element).ok().flatten())
        .and_then(|computed| computed.get_property_value("color").ok())
        .unwrap_or_default();
    let _ = style.remove_property("color");
    colour
}
