//! Pointer and wheel gestures on the time axis and the bars: drag across the axis to zoom
//! into a range, drag the bars sideways to pan, wheel to zoom or pan.

use std::cell::RefCell;
use std::rc::Rc;

use sdrs_job_core::TimeWindow;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::view::WindowChange;

/// A pointer gesture on the bar column, from its `pointerdown`.
#[derive(Clone, Copy)]
pub(super) enum Gesture {
    /// Pressed on the bars: a drag pans (once it moves past a few pixels).
    Pan { x: f64, from: TimeWindow, moved: bool },
    /// Pressed on the axis: a drag selects a range to zoom into (fractions of the window).
    Select { from: f64, to: f64 },
}

/// How far a press must move before it is a drag, not a click (pixels).
const DRAG_THRESHOLD_PX: f64 = 4.0;
/// Zoom factor of one step (buttons, keys).
pub(super) const ZOOM_STEP: f64 = 1.5;

/// The pointer's position as a fraction of the bar column (0 = its left edge).
pub(super) fn column_fraction(column: &NodeRef, client_x: i32) -> Option<(f64, f64)> {
    let rect = column.cast::<web_sys::Element>()?.get_bounding_client_rect();
    (rect.width() > 0.0).then(|| ((f64::from(client_x) - rect.left()) / rect.width(), rect.width()))
}

/// Zoom factor of a wheel turn (pixels, lines or pages), zooming in for a turn away.
pub(crate) fn wheel_zoom_factor(event: &WheelEvent) -> f64 {
    let unit = match event.delta_mode() {
        1 => 16.0,
        2 => 400.0,
        _ => 1.0,
    };
    (-event.delta_y() * unit * 0.002).clamp(-1.0, 1.0).exp()
}

/// The pointer and wheel handlers of the axis and the bar column.
pub(super) struct Gestures {
    pub axis_down: Callback<PointerEvent>,
    pub rows_down: Callback<PointerEvent>,
    pub move_: Callback<PointerEvent>,
    pub up: Callback<PointerEvent>,
    pub cancel: Callback<PointerEvent>,
    /// The pointer left the axis or the rows: no time readout.
    pub leave: Callback<PointerEvent>,
    pub axis_wheel: Callback<WheelEvent>,
    pub rows_wheel: Callback<WheelEvent>,
}

/// Drag across the axis to zoom into a range; drag the bars sideways to pan; Ctrl+wheel
/// (or a pinch) zooms around the pointer, a sideways wheel or Shift+wheel pans; a plain
/// wheel over the axis zooms, over the rows it scrolls them. Where the pointer is over
/// the bars goes to `pointer` (for the time readout).
pub(super) fn gestures(
    on_window: &Callback<(WindowChange, TimeWindow)>,
    column: &NodeRef,
    gesture: &Rc<RefCell<Option<Gesture>>>,
    band: &UseStateHandle<Option<(f64, f64)>>,
    swallow_click: &Rc<RefCell<bool>>,
    pointer: &UseStateHandle<Option<f64>>,
    (window, domain): (TimeWindow, TimeWindow),
) -> Gestures {
    let on_window = on_window.clone();
    let capture = |event: &PointerEvent| {
        if let Some(target) =
            event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        {
            let _ = target.set_pointer_capture(event.pointer_id());
        }
    };
    let axis_down = {
        let (column, gesture, band) = (column.clone(), gesture.clone(), band.clone());
        Callback::from(move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            if let Some((x, _)) = column_fraction(&column, event.client_x()) {
                capture(&event);
                *gesture.borrow_mut() = Some(Gesture::Select { from: x, to: x });
                band.set(Some((x, x)));
                event.prevent_default();
            }
        })
    };
    let rows_down = {
        let (column, gesture, swallow_click) =
            (column.clone(), gesture.clone(), swallow_click.clone());
        Callback::from(move |event: PointerEvent| {
            *swallow_click.borrow_mut() = false;
            if event.button() != 0 {
                return;
            }
            // Only the bar column pans; the name column is for reading and clicking.
            if let Some((x, _)) = column_fraction(&column, event.client_x()) {
                if x >= 0.0 {
                    *gesture.borrow_mut() = Some(Gesture::Pan {
                        x: f64::from(event.client_x()),
                        from: window,
                        moved: false,
                    });
                }
            }
        })
    };
    let move_ = {
        let (column, gesture, band, on_window, pointer) =
            (column.clone(), gesture.clone(), band.clone(), on_window.clone(), pointer.clone());
        Callback::from(move |event: PointerEvent| {
            // The time under the pointer, over the bar column only.
            let over = column_fraction(&column, event.client_x())
                .map(|(x, _)| x)
                .filter(|x| (0.0..=1.0).contains(x));
            if *pointer != over {
                pointer.set(over);
            }
            let current = *gesture.borrow();
            match current {
                Some(Gesture::Select { from, .. }) => {
                    if let Some((x, _)) = column_fraction(&column, event.client_x()) {
                        *gesture.borrow_mut() = Some(Gesture::Select { from, to: x });
                        band.set(Some((from, x)));
                    }
                }
                Some(Gesture::Pan { x, from, moved }) => {
                    let dx = f64::from(event.client_x()) - x;
                    if !moved && dx.abs() < DRAG_THRESHOLD_PX {
                        return;
                    }
                    if !moved {
                        capture(&event);
                    }
                    *gesture.borrow_mut() = Some(Gesture::Pan { x, from, moved: true });
                    if let Some((_, width)) = column_fraction(&column, event.client_x()) {
                        let shift = -dx / width * from.span();
                        let panned = TimeWindow::new(from.start_ms + shift, from.end_ms + shift);
                        on_window.emit((WindowChange::Set(panned), domain));
                    }
                }
                None => {}
            }
        })
    };
    let finish = |commit: bool| {
        let (column, gesture, band, on_window, swallow_click) = (
            column.clone(),
            gesture.clone(),
            band.clone(),
            on_window.clone(),
            swallow_click.clone(),
        );
        Callback::from(move |event: PointerEvent| {
            let ended = gesture.borrow_mut().take();
            match ended {
                Some(Gesture::Select { from, to }) => {
                    band.set(None);
                    let to = column_fraction(&column, event.client_x()).map_or(to, |(x, _)| x);
                    let width = column_fraction(&column, 0).map_or(1.0, |(_, width)| width);
                    if commit && (to - from).abs() * width >= DRAG_THRESHOLD_PX {
                        on_window.emit((WindowChange::Select(from, to), domain));
                    }
                }
                Some(Gesture::Pan { moved: true, .. }) => *swallow_click.borrow_mut() = true,
                _ => {}
            }
        })
    };
    let wheel = |plain_zooms: bool| {
        let (column, on_window) = (column.clone(), on_window.clone());
        Callback::from(move |event: WheelEvent| {
            let Some((x, width)) = column_fraction(&column, event.client_x()) else { return };
            let sideways = event.delta_x().abs() > event.delta_y().abs();
            if event.ctrl_key()
                || event.meta_key()
                || (plain_zooms && !sideways && !event.shift_key())
            {
                event.prevent_default();
                on_window.emit((
                    WindowChange::Zoom {
                        anchor: x.clamp(0.0, 1.0),
                        factor: wheel_zoom_factor(&event),
                    },
                    domain,
                ));
            } else if sideways || event.shift_key() {
                event.prevent_default();
                let delta = if sideways { event.delta_x() } else { event.delta_y() };
                on_window.emit((WindowChange::Pan(delta / width), domain));
            }
        })
    };
    let leave = {
        let pointer = pointer.clone();
        Callback::from(move |_: PointerEvent| pointer.set(None))
    };
    Gestures {
        leave,
        axis_down,
        rows_down,
        move_,
        up: finish(true),
        cancel: finish(false),
        axis_wheel: wheel(true),
        rows_wheel: wheel(false),
    }
}
