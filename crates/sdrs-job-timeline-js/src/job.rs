//! The job handle (`Job`: a parsed job kept in wasm, its fields converted when read),
//! `parseJob`, `parseErrorResponse` and `summarize`.

use std::cell::OnceCell;
use std::rc::Rc;

use sdrs_job_core::{Analysis, EntityField, JobField, JobTree};
use wasm_bindgen::prelude::*;

use crate::{js_error, to_js, Entities};

fn parse_error(error: &sdrs_job_core::ParseError) -> JsValue {
    let optional =
        |value: Option<usize>| value.map_or(JsValue::NULL, |value| JsValue::from(value as u32));
    js_error(
        error.code.as_str(),
        &error.message,
        &[
            ("line", optional(error.line)),
            ("column", optional(error.column)),
            ("path", error.path.clone().map_or(JsValue::NULL, JsValue::from)),
        ],
    )
}

#[wasm_bindgen]
extern "C" {
    /// `TextEncoder`, with `encodeInto` taking the JS string as it is.
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    /// Writes as much of `text` as fits into `into` (a view of wasm memory, written in
    /// place): `{ read, written }`, in UTF-16 units and bytes.
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &Utf8Encoder, text: &js_sys::JsString, into: &mut [u8]) -> EncodeResult;
    type EncodeResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeResult) -> u32;
}

/// A JS string as UTF-8, written straight into wasm memory by `TextEncoder.encodeInto`
/// (lone surrogates become U+FFFD, as `JsValue::as_string` makes them). wasm-bindgen's own
/// string passing copies the ASCII part one character at a time in JS, ten times slower for
/// a 3 MB answer (BENCHMARKS.md).
fn utf8_of(text: &js_sys::JsString) -> Vec<u8> {
    thread_local! {
        static ENCODER: Utf8Encoder = Utf8Encoder::new();
    }
    let units = text.length() as usize;
    ENCODER.with(|encoder| {
        // All ASCII (an SDRS answer nearly always is) fits in one byte a unit; what is left
        // takes at most three bytes a unit.
        let mut bytes = vec![0; units];
        let first = encoder.encode_into(text, &mut bytes);
        let (read, mut written) = (first.read() as usize, first.written() as usize);
        if read < units {
            let rest = text.slice(read as u32, units as u32);
            bytes.resize(written + (units - read) * 3, 0);
            written += encoder.encode_into(&rest, &mut bytes[written..]).written() as usize;
        }
        bytes.truncate(written);
        bytes
    })
}

/// Reads a `string` or `Uint8Array` argument as bytes.
pub(crate) fn bytes_of(input: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = input.dyn_ref::<js_sys::JsString>() {
        return Ok(utf8_of(text));
    }
    if let Some(array) = input.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(array.to_vec());
    }
    if let Some(buffer) = input.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(buffer).to_vec());
    }
    Err(js_error("TYPE", "parseJob expects a string, a Uint8Array or an ArrayBuffer", &[]))
}

/// A parsed SDRS job (or one of its sub-jobs). It stays in wasm; each getter converts one
/// field when read. `toJSON()` gives the wire JSON as a plain object.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Job {
    pub(crate) tree: Rc<JobTree>,
    pub(crate) index: usize,
    /// The core's analysis of this job's subtree, made on the first `summarize` or
    /// `layoutTimeline` and shared by the clones of this handle.
    analysis: Rc<OnceCell<Rc<Analysis>>>,
    /// What the watch this job came from observed, up to this answer (none: parsed).
    pub(crate) history: Option<Rc<sdrs_job_core::history::History>>,
}

impl Job {
    fn job(&self) -> sdrs_job_core::JobRef<'_> {
        self.tree.job(self.index)
    }

    fn text(&self, field: JobField) -> Option<String> {
        self.job().field(field).value().map(str::to_owned)
    }

    /// A handle on the job at `index` of `tree`.
    pub(crate) fn new(tree: Rc<JobTree>, index: usize) -> Job {
        Job { tree, index, analysis: Rc::default(), history: None }
    }

    /// The root of a watched answer, with the watch's history up to it.
    pub(crate) fn watched(tree: Rc<JobTree>, history: Rc<sdrs_job_core::history::History>) -> Job {
        Job { history: Some(history), ..Job::new(tree, 0) }
    }

    /// The analysis of this job and its sub-jobs (for a sub-job, of a copy of its subtree).
    pub(crate) fn analysis(&self) -> Rc<Analysis> {
        self.analysis
            .get_or_init(|| {
                let tree = if self.index == 0 {
                    self.tree.clone()
                } else {
                    Rc::new(self.tree.subtree(self.index))
                };
                Rc::new(Analysis::new(tree))
            })
            .clone()
    }
}

#[wasm_bindgen]
impl Job {
    /// `job_id`
    #[wasm_bindgen(getter, js_name = jobId)]
    pub fn job_id(&self) -> Option<String> {
        self.text(JobField::JobId)
    }

    /// `job_type`
    #[wasm_bindgen(getter, js_name = jobType)]
    pub fn job_type(&self) -> Option<String> {
        self.text(JobField::JobType)
    }

    /// `status` as the service wrote it (`"SUCCESS"`, `"RUNNING"`, `"FAIL"`, `"INIT"`, or
    /// any other value verbatim).
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> Option<String> {
        self.text(JobField::Status)
    }

    /// `begin_time` as written.
    #[wasm_bindgen(getter, js_name = beginTime)]
    pub fn begin_time(&self) -> Option<String> {
        self.text(JobField::BeginTime)
    }

    /// `end_time` as written.
    #[wasm_bindgen(getter, js_name = endTime)]
    pub fn end_time(&self) -> Option<String> {
        self.text(JobField::EndTime)
    }

    /// `begin_time` in epoch milliseconds.
    #[wasm_bindgen(getter, js_name = beginMs)]
    pub fn begin_ms(&self) -> Option<f64> {
        self.job().begin_ms().map(|ms| ms as f64)
    }

    /// `end_time` in epoch milliseconds.
    #[wasm_bindgen(getter, js_name = endMs)]
    pub fn end_ms(&self) -> Option<f64> {
        self.job().end_ms().map(|ms| ms as f64)
    }

    /// `error_code`
    #[wasm_bindgen(getter, js_name = errorCode)]
    pub fn error_code(&self) -> Option<String> {
        self.text(JobField::ErrorCode)
    }

    /// `fail_reason`
    #[wasm_bindgen(getter, js_name = failReason)]
    pub fn fail_reason(&self) -> Option<String> {
        self.text(JobField::FailReason)
    }

    /// The resource ids of `entities` that are present.
    #[wasm_bindgen(getter, unchecked_return_type = "Entities")]
    pub fn entities(&self) -> Result<JsValue, JsValue> {
        let id = |field: EntityField| self.job().entity(field).value().map(str::to_owned);
        to_js(&Entities {
            server_group_id: id(EntityField::ServerGroupId),
            protected_instance_id: id(EntityField::ProtectedInstanceId),
            replication_pair_id: id(EntityField::ReplicationPairId),
            volume_ids: id(EntityField::VolumeIds),
            native_server_id: id(EntityField::NativeServerId),
            nic_id: id(EntityField::NicId),
        })
    }

    /// The direct sub-jobs.
    #[wasm_bindgen(getter, js_name = subJobs)]
    pub fn sub_jobs(&self) -> Vec<Job> {
        let handle =
            |index| Job { history: self.history.clone(), ..Job::new(self.tree.clone(), index) };
        self.job().children().map(|child| handle(child.index())).collect()
    }

    /// Jobs in this job's subtree, itself included.
    #[wasm_bindgen(getter, js_name = jobCount)]
    pub fn job_count(&self) -> usize {
        self.job().descendant_count() + 1
    }

    /// The job (and its sub-jobs) as the service's JSON text.
    #[wasm_bindgen(js_name = toWireJson)]
    pub fn to_wire_json(&self) -> String {
        self.job().to_json()
    }

    /// The job as a plain object of the wire format (for `JSON.stringify`).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        js_sys::JSON::parse(&self.to_wire_json())
    }
}

/// Parses a `GET /v1/{project_id}/jobs/{job_id}` response. Throws an `Error` whose `code`
/// is `SYNTAX`, `TYPE`, `TIMESTAMP`, `TOO_DEEP` or `TOO_LARGE`, and whose message says
/// where (line and column, or the field path).
#[wasm_bindgen(js_name = parseJob)]
pub fn parse_job(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
) -> Result<Job, JsValue> {
    let bytes = bytes_of(&input)?;
    let tree = sdrs_job_core::parse_job_owned(bytes, &sdrs_job_core::ParseOptions::default())
        .map_err(|error| parse_error(&error))?;
    Ok(Job::new(Rc::new(tree), 0))
}

/// Reads an HTTP error answer the way the official SDKs do.
#[wasm_bindgen(js_name = parseErrorResponse, unchecked_return_type = "ApiError")]
pub fn parse_error_response(
    #[wasm_bindgen(js_name = httpStatus)] http_status: u16,
    body: &str,
    #[wasm_bindgen(js_name = requestId)] request_id: Option<String>,
) -> Result<JsValue, JsValue> {
    to_js(&sdrs_job_core::ApiErrorReport::from(&sdrs_job_core::ApiError::from_response(
        http_status,
        body.as_bytes(),
        request_id.as_deref(),
    )))
}

/// Where the job (and its sub-jobs) stands at `nowMs` (default: now).
#[wasm_bindgen(unchecked_return_type = "Summary")]
pub fn summarize(
    job: &Job,
    #[wasm_bindgen(js_name = nowMs)] now_ms: Option<f64>,
) -> Result<JsValue, JsValue> {
    let now = now_ms.unwrap_or_else(js_sys::Date::now) as i64;
    to_js(&job.analysis().summary(now))
}

/// The job and its sub-jobs as Chrome trace-event JSON (`JSON.stringify` it into a file that
/// Perfetto UI and `chrome://tracing` open): one complete event per job that has started,
/// named by its label in `locale` (`"en"`, the default, or `"zh"`); a running job ends at
/// `nowMs` (default: now).
#[wasm_bindgen(js_name = toChromeTrace, unchecked_return_type = "ChromeTrace")]
pub fn to_chrome_trace(
    job: &Job,
    #[wasm_bindgen(js_name = nowMs)] now_ms: Option<f64>,
    locale: Option<crate::LocaleArgument>,
) -> Result<JsValue, JsValue> {
    let (now, locale) = export_arguments(now_ms, locale);
    to_js(&sdrs_job_core::chrome_trace::chrome_trace(job.job(), now, locale))
}

/// What the watch a job came from observed, up to the answer the job is (`watchJob`'s
/// result, `onUpdate`'s job and their sub-jobs): every job's transitions with the time of
/// the answer that showed each; `null` for a job that was parsed, not watched.
#[wasm_bindgen(js_name = jobHistory, unchecked_return_type = "ObservedHistory | null")]
pub fn job_history(job: &Job) -> Result<JsValue, JsValue> {
    match &job.history {
        Some(history) => to_js(history.as_ref()),
        None => Ok(JsValue::NULL),
    }
}

/// The clock (default: now) and the locale (default: English) of an export.
fn export_arguments(
    now_ms: Option<f64>,
    locale: Option<crate::LocaleArgument>,
) -> (i64, sdrs_job_core::Locale) {
    let now = now_ms.unwrap_or_else(js_sys::Date::now) as i64;
    let locale = locale.and_then(|locale| JsValue::from(locale).as_string());
    (now, crate::locale_of(locale.as_deref()))
}

/// The job and its sub-jobs as OTLP/JSON spans (the body of an OTLP/HTTP `POST /v1/traces`
/// with `Content-Type: application/json`): one span per job that has started, ids derived
/// from the job ids, FAIL as status ERROR with its reason; a running job ends at `nowMs`
/// (default: now).
#[wasm_bindgen(js_name = toOtlpSpans, unchecked_return_type = "OtlpTrace")]
pub fn to_otlp_spans(
    job: &Job,
    #[wasm_bindgen(js_name = nowMs)] now_ms: Option<f64>,
    locale: Option<crate::LocaleArgument>,
) -> Result<JsValue, JsValue> {
    let (now, locale) = export_arguments(now_ms, locale);
    to_js(&sdrs_job_core::otlp::otlp_spans(job.job(), now, locale))
}
