//! Time at the edge: the browser's clock ("now" is an argument everywhere in the core),
//! User Timing marks, local-time formatting, and work put off until after a paint. The hook
//! that ticks is `hooks::now`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Milliseconds since the Unix epoch, by the browser's clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Names of the User Timing marks the widget leaves (`performance.mark`), so a host's
/// profiler or the browser benchmark can time a response's way to the screen.
pub mod marks {
    /// A job request went out (the first of a watch, and each poll after it).
    pub const REQUEST: &str = "sdrs-job-timeline:request";
    /// A job response's bytes have all arrived (before parsing).
    pub const RESPONSE: &str = "sdrs-job-timeline:response";
    /// The rows of a new job tree are in the DOM (the next paint shows them).
    pub const ROWS: &str = "sdrs-job-timeline:rows";
}

/// Leaves a User Timing mark (nothing where the Performance API is missing).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
}

/// A UTC offset as people read it: `UTC`, `UTC+08:00`, `UTC−05:30`.
pub fn zone_name(offset_minutes: i32) -> String {
    if offset_minutes == 0 {
        return "UTC".to_owned();
    }
    let sign = if offset_minutes > 0 { '+' } else { '−' };
    let minutes = offset_minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The browser's offset from UTC in minutes (east positive), at a given moment.
pub fn utc_offset_minutes(at_ms: i64) -> i32 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at_ms as f64));
    -(date.get_timezone_offset() as i32)
}

/// A local date and time: `2019-06-13 17:40:53.930`.
pub fn format_local(millis: i64) -> String {
    let offset = i64::from(utc_offset_minutes(millis)) * 60_000;
    let iso = sdrs_job_core::format_timestamp(millis + offset);
    format!("{} {}", &iso[..10], &iso[11..23])
}

/// Cancels what [`after_next_paint`] was asked to run, when dropped.
#[must_use = "dropping it cancels"]
pub(crate) struct AfterPaint(Rc<Cell<bool>>);

impl Drop for AfterPaint {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

/// Runs `then` in a task after the next frame is painted (a timeout queued from that frame's
/// animation callback), unless the handle is dropped first: work that the frame must not
/// wait for. Where no frame can be asked for, it runs a task later. (In a hidden page it
/// waits for the first frame drawn.)
pub(crate) fn after_next_paint(then: impl FnOnce() + 'static) -> AfterPaint {
    let cancelled = Rc::new(Cell::new(false));
    let flag = cancelled.clone();
    let later = move || {
        let task = move || {
            if !flag.get() {
                then();
            }
        };
        gloo_timers::callback::Timeout::new(0, task).forget();
    };
    // Whichever runs first takes it: the frame's callback, or the fallback below.
    let pending = Rc::new(RefCell::new(Some(later)));
    let in_frame = pending.clone();
    let callback = Closure::once_into_js(move || {
        if let Some(later) = in_frame.take() {
            later();
        }
    });
    let asked = web_sys::window()
        .and_then(|window| window.request_animation_frame(callback.unchecked_ref()).ok());
    if asked.is_none() {
        if let Some(later) = pending.take() {
            later();
        }
    }
    AfterPaint(cancelled)
}
