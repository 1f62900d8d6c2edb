//! How the widget is styled: its stylesheet, the class of each status, and inline styles
//! set the way a strict Content-Security-Policy allows.

use sdrs_job_core::StatusKind;
use wasm_bindgen::JsValue;

/// The widget's stylesheet (`timeline.css`): every rule under `.sdrs-job-timeline`, every
/// colour and size a `--sdrs-*` custom property, each colour written once (light and dark
/// with `light-dark()`). A page links the file; the custom element adopts this string into
/// its shadow root.
pub const STYLESHEET: &str = include_str!("../timeline.css");

/// The CSS class of a status category.
pub(crate) fn status_class(status: StatusKind) -> &'static str {
    match status {
        StatusKind::Success => "is-success",
        StatusKind::Running => "is-running",
        StatusKind::Fail => "is-fail",
        StatusKind::Init => "is-init",
        StatusKind::Unknown => "is-unknown",
    }
}

/// The custom property holding a status category's colour.
pub(crate) fn status_colour(status: StatusKind) -> &'static str {
    match status {
        StatusKind::Success => "--sdrs-success",
        StatusKind::Running => "--sdrs-running",
        StatusKind::Fail => "--sdrs-fail",
        StatusKind::Init => "--sdrs-init",
        StatusKind::Unknown => "--sdrs-unknown",
    }
}

/// An inline style set through the CSSOM (`element.style = ...` as a property), which a
/// strict Content-Security-Policy allows, unlike a `style` attribute.
pub(crate) fn css(text: String) -> JsValue {
    JsValue::from(text)
}
