//! JS bindings of the SDRS job core (and, with the `widget` feature, the widget): the npm
//! package `sdrs-job-timeline`. Thin: each export converts in, calls the core, converts
//! out. A parsed job stays in wasm as a handle ([`Job`]), and a timeline's rows are
//! converted only when read, so parsing, summarizing and laying out a 10,000-job response
//! never builds 10,000 JS objects the caller did not ask for.

mod job;
mod poll;
mod reading;
mod record;
mod task_center;
mod timeline;
mod types;
mod watch;
mod watch_many;
#[cfg(feature = "widget")]
mod widget;

use sdrs_job_core::Locale;
use wasm_bindgen::prelude::*;

pub use job::*;
pub use poll::*;
pub use reading::*;
pub use record::*;
pub use task_center::*;
pub use timeline::*;
pub use types::*;

// The TypeScript of the core's results (`Summary`, `Row`, `ApiError`, ...), generated
// from the core's types (`tests/typescript.rs` keeps the file up to date).
#[wasm_bindgen(typescript_custom_section)]
const CORE_TYPES: &str = include_str!("generated/core-types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `LayoutOptions` (declared by tsify), for an optional argument.
    #[wasm_bindgen(typescript_type = "LayoutOptions")]
    pub type LayoutOptionsArgument;
    /// `PollPolicy` (declared by tsify), for an optional argument.
    #[wasm_bindgen(typescript_type = "PollPolicy")]
    pub type PollPolicyArgument;
    /// A label language (`LocaleTag`).
    #[wasm_bindgen(typescript_type = "LocaleTag")]
    pub type LocaleArgument;
}

#[wasm_bindgen(typescript_custom_section)]
const LOCALE_TAG: &str = r#"
/** A label language: `"en"` or `"zh"`, or a BCP 47 tag, read by its language (`"zh-CN"`,
 *  `"zh-Hans"`, `"en-US"`); any other language is English. */
export type LocaleTag = "en" | "zh" | (string & {});
"#;

/// A JS `Error` with a stable `code` and extra properties.
pub(crate) fn js_error(code: &str, message: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let error = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    for (key, value) in extra {
        let _ = js_sys::Reflect::set(&error, &(*key).into(), value);
    }
    error.into()
}

fn locale_of(name: Option<&str>) -> Locale {
    name.and_then(Locale::from_code).unwrap_or_default()
}

/// A readable label of a job type (`"en"` or `"zh"`), also for undocumented types.
#[wasm_bindgen(js_name = jobTypeLabel)]
pub fn job_type_label(
    #[wasm_bindgen(js_name = jobType)] job_type: Option<String>,
    locale: Option<LocaleArgument>,
) -> String {
    let locale = locale.and_then(|locale| JsValue::from(locale).as_string());
    sdrs_job_core::job_type_label(job_type.as_deref(), locale_of(locale.as_deref()))
}

/// The bytes of WebAssembly memory this package holds now (it grows to the largest job
/// read and never shrinks), for a console that leaves the widget open and watches its cost.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory().dyn_into::<js_sys::WebAssembly::Memory>().map_or(0.0, |memory| {
        memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
    })
}
