//! JS bindings of the SDRS job core (and, with the `widget` feature, the widget): the npm
//! package `sdrs-job-timeline`. Thin: each export converts in, calls the core, converts
//! out. A parsed job stays in wasm as a handle ([`Job`]), and a timeline's rows are
//! converted only when read, so parsing, summarizing and laying out a 10,000-job response
//! never builds 10,000 JS objects the caller did not ask for.

mod types;
mod watch;
#[cfg(feature = "widget")]
mod widget;

use std::collections::HashSet;
use std::rc::Rc;

use sdrs_job_core::{EntityField, JobField, JobTree, LayoutIndex, Locale, StatusKind};
use wasm_bindgen::prelude::*;

pub use types::*;

#[wasm_bindgen]
extern "C" {
    /// `LayoutOptions` (declared by tsify), for an optional argument.
    #[wasm_bindgen(typescript_type = "LayoutOptions")]
    pub type LayoutOptionsArgument;
    /// `PollPolicy` (declared by tsify), for an optional argument.
    #[wasm_bindgen(typescript_type = "PollPolicy")]
    pub type PollPolicyArgument;
    /// A label language.
    #[wasm_bindgen(typescript_type = "\"en\" | \"zh\"")]
    pub type LocaleArgument;
}

/// A JS `Error` with a stable `code` and extra properties.
pub(crate) fn js_error(code: &str, message: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let error = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    for (key, value) in extra {
        let _ = js_sys::Reflect::set(&error, &(*key).into(), value);
    }
    error.into()
}

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

/// Reads a `string` or `Uint8Array` argument as bytes.
pub(crate) fn bytes_of(input: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = input.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(array) = input.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(array.to_vec());
    }
    if let Some(buffer) = input.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(buffer).to_vec());
    }
    Err(js_error("TYPE", "parseJob expects a string, a Uint8Array or an ArrayBuffer", &[]))
}

fn locale_of(name: Option<&str>) -> Locale {
    name.and_then(Locale::from_code).unwrap_or_default()
}

/// A parsed SDRS job (or one of its sub-jobs). It stays in wasm; each getter converts one
/// field when read. `toJSON()` gives the wire JSON as a plain object.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Job {
    pub(crate) tree: Rc<JobTree>,
    pub(crate) index: usize,
}

impl Job {
    fn job(&self) -> sdrs_job_core::JobRef<'_> {
        self.tree.job(self.index)
    }

    fn text(&self, field: JobField) -> Option<String> {
        self.job().field(field).value().map(str::to_owned)
    }

    /// The whole tree this job belongs to, if it is the root; else a copy of its subtree.
    pub(crate) fn subtree(&self) -> Rc<JobTree> {
        if self.index == 0 {
            return self.tree.clone();
        }
        let options = sdrs_job_core::ParseOptions {
            timestamps: sdrs_job_core::TimestampMode::Lenient,
            ..Default::default()
        };
        Rc::new(
            sdrs_job_core::parse_job_with(self.job().to_json(), &options)
                .expect("a subtree we wrote parses"),
        )
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
        self.job()
            .children()
            .map(|child| Job { tree: self.tree.clone(), index: child.index() })
            .collect()
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
    let tree = sdrs_job_core::parse_job(&bytes).map_err(|error| parse_error(&error))?;
    Ok(Job { tree: Rc::new(tree), index: 0 })
}

/// Reads an HTTP error answer the way the official SDKs do.
#[wasm_bindgen(js_name = parseErrorResponse, unchecked_return_type = "ApiError")]
pub fn parse_error_response(
    #[wasm_bindgen(js_name = httpStatus)] http_status: u16,
    body: &str,
    #[wasm_bindgen(js_name = requestId)] request_id: Option<String>,
) -> Result<JsValue, JsValue> {
    to_js(&ApiError::from(&sdrs_job_core::ApiError::from_response(
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
    to_js(&Summary::from(sdrs_job_core::summarize(&job.subtree(), now)))
}

/// A laid-out row, kept compact until read.
#[derive(Clone, Copy)]
struct CompactRow {
    index: usize,
    left: f64,
    width: f64,
    collapsed: bool,
    hidden_failure: bool,
    critical: bool,
    running: bool,
}

/// A timeline: the window and the visible rows. Rows become JS objects only when read
/// (`row(i)`, or `rows` for all of them).
#[wasm_bindgen]
pub struct Timeline {
    tree: Rc<JobTree>,
    index: LayoutIndex,
    locale: Locale,
    start_ms: i64,
    end_ms: i64,
    rows: Vec<CompactRow>,
}

#[wasm_bindgen]
impl Timeline {
    /// Window start (epoch ms).
    #[wasm_bindgen(getter, js_name = startMs)]
    pub fn start_ms(&self) -> f64 {
        self.start_ms as f64
    }

    /// Window end (epoch ms).
    #[wasm_bindgen(getter, js_name = endMs)]
    pub fn end_ms(&self) -> f64 {
        self.end_ms as f64
    }

    /// Number of visible rows.
    #[wasm_bindgen(getter, js_name = rowCount)]
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The row at a position (undefined past the end).
    #[wasm_bindgen(unchecked_return_type = "Row | undefined")]
    pub fn row(&self, position: usize) -> Result<JsValue, JsValue> {
        self.row_at(position).map_or(Ok(JsValue::UNDEFINED), |row| to_js(&row))
    }

    /// Every visible row as plain objects.
    #[wasm_bindgen(getter, unchecked_return_type = "Row[]")]
    pub fn rows(&self) -> Result<JsValue, JsValue> {
        to_js(&self.all_rows())
    }

    /// `{ startMs, endMs, rows }` as plain objects (for `JSON.stringify`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ startMs: number; endMs: number; rows: Row[] }")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Plain {
            start_ms: f64,
            end_ms: f64,
            rows: Vec<Row>,
        }
        to_js(&Plain { start_ms: self.start_ms(), end_ms: self.end_ms(), rows: self.all_rows() })
    }
}

impl Timeline {
    fn all_rows(&self) -> Vec<Row> {
        (0..self.rows.len()).filter_map(|position| self.row_at(position)).collect()
    }

    fn row_at(&self, position: usize) -> Option<Row> {
        let compact = self.rows.get(position)?;
        let job = self.tree.job(compact.index);
        let parent = job.parent();
        let status = job.status();
        Some(Row {
            index: compact.index,
            job_id: job.job_id().map(str::to_owned),
            parent_id: parent.and_then(|parent| parent.job_id()).map(str::to_owned),
            parent_index: parent.map(|parent| parent.index()),
            depth: job.depth(),
            status: job.status_text().map(str::to_owned),
            status_kind: status.as_str().to_owned(),
            job_type: job.job_type().map(str::to_owned),
            label: self.index.label(compact.index, self.locale).to_owned(),
            start_ms: job.begin_ms().map(|ms| ms as f64),
            end_ms: job.end_ms().map(|ms| ms as f64),
            left: compact.left,
            width: compact.width,
            has_children: job.has_children(),
            descendant_count: job.descendant_count(),
            collapsed: compact.collapsed,
            hidden_failure: compact.hidden_failure,
            critical: compact.critical,
            not_started: job.begin_ms().is_none(),
            running: compact.running,
        })
    }
}

/// Lays the job out as a timeline at `options.nowMs` (default now), with the jobs in
/// `options.collapsed` folded.
#[wasm_bindgen(js_name = layoutTimeline)]
pub fn layout_timeline(
    job: &Job,
    options: Option<LayoutOptionsArgument>,
) -> Result<Timeline, JsValue> {
    let options: LayoutOptions = match options.map(JsValue::from).filter(|value| !value.is_null()) {
        Some(options) => from_js(options, "layoutTimeline options")?,
        None => LayoutOptions::default(),
    };
    let tree = job.subtree();
    let now = options.now_ms.unwrap_or_else(js_sys::Date::now) as i64;
    let collapsed: HashSet<String> = options.collapsed.unwrap_or_default().into_iter().collect();
    let locale = locale_of(options.locale.as_deref());
    let index = LayoutIndex::new(&tree);
    let layout = index.layout(&tree, now, &collapsed, locale);
    let rows = layout
        .rows
        .iter()
        .map(|row| CompactRow {
            index: row.index,
            left: row.left,
            width: row.width,
            collapsed: row.collapsed,
            hidden_failure: row.hidden_failure,
            critical: row.critical,
            running: row.running,
        })
        .collect();
    let (start_ms, end_ms) = (layout.start_ms, layout.end_ms);
    drop(layout);
    Ok(Timeline { tree, index, locale, start_ms, end_ms, rows })
}

/// The core's polling policy: what to do after `attempt` requests, `elapsedMs` after the
/// first began, given the last outcome. `random` is uniform in [0, 1) (default
/// `Math.random()`).
#[wasm_bindgen(js_name = nextPollDelay, unchecked_return_type = "PollDecision")]
pub fn next_poll_delay(
    attempt: u32,
    #[wasm_bindgen(js_name = elapsedMs)] elapsed_ms: f64,
    #[wasm_bindgen(unchecked_param_type = "PollOutcome")] outcome: JsValue,
    policy: Option<PollPolicyArgument>,
    random: Option<f64>,
) -> Result<JsValue, JsValue> {
    let outcome: PollOutcome = from_js(outcome, "nextPollDelay outcome")?;
    let policy: PollPolicy = match policy.map(JsValue::from).filter(|value| !value.is_null()) {
        Some(policy) => from_js(policy, "nextPollDelay policy")?,
        None => PollPolicy::default(),
    };
    let core_outcome = match (outcome.error.as_deref(), outcome.status.as_deref()) {
        (Some("retryable"), _) => sdrs_job_core::poll::PollOutcome::RetryableError {
            retry_after_ms: outcome
                .retry_after_ms
                .filter(|ms| ms.is_finite() && *ms >= 0.0)
                .map(|ms| ms as u64),
        },
        (Some("final"), _) => sdrs_job_core::poll::PollOutcome::FinalError,
        (Some(other), _) => {
            return Err(js_error(
                "TYPE",
                &format!("outcome.error must be \"retryable\" or \"final\", not {other:?}"),
                &[],
            ))
        }
        (None, status) => sdrs_job_core::poll::PollOutcome::Status(StatusKind::from_wire(status)),
    };
    let policy = policy.to_core();
    let random = random.unwrap_or_else(js_sys::Math::random);
    to_js(&decision(sdrs_job_core::poll::next_poll(
        &policy,
        attempt,
        elapsed_ms.max(0.0) as u64,
        core_outcome,
        random,
    )))
}

pub(crate) fn decision(decision: sdrs_job_core::poll::PollDecision) -> PollDecision {
    use sdrs_job_core::poll::StopReason;
    match decision {
        sdrs_job_core::poll::PollDecision::Wait { delay_ms, last_attempt } => {
            PollDecision::Wait { delay_ms: delay_ms as f64, last_attempt }
        }
        sdrs_job_core::poll::PollDecision::Stop { reason } => PollDecision::Stop {
            reason: match reason {
                StopReason::Succeeded => "SUCCEEDED",
                StopReason::Failed => "FAILED",
                StopReason::FinalError => "FINAL_ERROR",
                StopReason::TimedOut => "TIMED_OUT",
            }
            .to_owned(),
        },
    }
}

/// The core's default polling policy.
#[wasm_bindgen(js_name = defaultPollPolicy, unchecked_return_type = "PollPolicy")]
pub fn default_poll_policy() -> Result<JsValue, JsValue> {
    let policy = sdrs_job_core::poll::PollPolicy::default();
    to_js(&PollPolicy {
        min_delay_ms: Some(policy.min_delay_ms as f64),
        max_delay_ms: Some(policy.max_delay_ms as f64),
        max_wait_ms: Some(policy.max_wait_ms as f64),
        request_timeout_ms: Some(policy.request_timeout_ms as f64),
    })
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
