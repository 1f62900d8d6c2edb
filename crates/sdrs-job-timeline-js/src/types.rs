//! The JS API's own plain objects: options and event details. The objects that are the
//! core's results (`Summary`, `Row`, `ApiError`, ...) are the core's types themselves,
//! serialized as they are, with TypeScript generated from them (`generated/`). Both cross
//! the boundary through serde-wasm-bindgen ([`to_js`], [`from_js`]); tsify declares the
//! TypeScript of the types here, and functions declare theirs.

use wasm_bindgen::JsValue;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// `entities` of a job: the six resource ids, when present.
#[derive(Debug, Clone, Default, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Entities {
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `server_group_id`: the protection group.
    pub server_group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `protected_instance_id`
    pub protected_instance_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `replication_pair_id`
    pub replication_pair_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `volume_ids`: the disks of a replication pair, in one string.
    pub volume_ids: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `native_server_id`
    pub native_server_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// `nic_id`
    pub nic_id: Option<String>,
}

/// Options of `layoutTimeline`.
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct LayoutOptions {
    /// "Now" in epoch ms (default: `Date.now()`).
    #[tsify(optional)]
    pub now_ms: Option<f64>,
    /// Ids of jobs whose sub-jobs are hidden.
    #[tsify(optional)]
    pub collapsed: Option<Vec<String>>,
    /// Label language (`LocaleTag`: `"en"`, the default, `"zh"`, or a tag like `"zh-CN"`).
    #[tsify(optional, type = "LocaleTag")]
    pub locale: Option<String>,
    /// The order of each job's sub-jobs (default `"tree"`: as the service listed them;
    /// `"longestFirst"`, `"shortestFirst"`: by duration, unstarted last).
    #[tsify(optional, type = "RowOrder")]
    pub order: Option<sdrs_job_core::RowOrder>,
}

/// A polling policy in ms (missing fields take the core's defaults: 2 s, 30 s, 2 h, 30 s).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PollPolicy {
    /// Shortest delay between requests.
    #[tsify(optional)]
    pub min_delay_ms: Option<f64>,
    /// Longest delay between requests.
    #[tsify(optional)]
    pub max_delay_ms: Option<f64>,
    /// Total time before giving up.
    #[tsify(optional)]
    pub max_wait_ms: Option<f64>,
    /// Longest one request may take before it is abandoned (and retried).
    #[tsify(optional)]
    pub request_timeout_ms: Option<f64>,
}

impl PollPolicy {
    /// The core policy, defaults filled in.
    pub fn to_core(&self) -> sdrs_job_core::poll::PollPolicy {
        let defaults = sdrs_job_core::poll::PollPolicy::default();
        let ms = |value: Option<f64>, default: u64| {
            value.filter(|v| v.is_finite() && *v >= 0.0).map_or(default, |v| v as u64)
        };
        sdrs_job_core::poll::PollPolicy {
            min_delay_ms: ms(self.min_delay_ms, defaults.min_delay_ms),
            max_delay_ms: ms(self.max_delay_ms, defaults.max_delay_ms),
            max_wait_ms: ms(self.max_wait_ms, defaults.max_wait_ms),
            request_timeout_ms: ms(self.request_timeout_ms, defaults.request_timeout_ms),
        }
        .normalized()
    }
}

/// What the last request gave, for `nextPollDelay`: a job status, or an error.
#[derive(Debug, Clone, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PollOutcome {
    /// The job's `status` (wire value), when a job came back.
    #[tsify(optional)]
    pub status: Option<String>,
    /// `"retryable"` or `"final"`, when an error came back.
    #[tsify(optional, type = "\"retryable\" | \"final\"")]
    pub error: Option<String>,
    /// The server's `Retry-After`, in ms.
    #[tsify(optional)]
    pub retry_after_ms: Option<f64>,
}

/// Wait and ask again, or stop.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum PollDecision {
    /// Ask again after `delayMs`.
    #[serde(rename_all = "camelCase")]
    Wait {
        /// Milliseconds to wait.
        delay_ms: f64,
        /// Whether the time budget allows no more.
        last_attempt: bool,
    },
    /// Stop: `SUCCEEDED`, `FAILED`, `FINAL_ERROR` or `TIMED_OUT`.
    #[serde(rename_all = "camelCase")]
    Stop {
        /// `SUCCEEDED`, `FAILED`, `FINAL_ERROR` or `TIMED_OUT`.
        reason: String,
    },
}

/// A plain object for JS.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| crate::js_error("INTERNAL", &error.to_string(), &[]))
}

/// A typed value from a JS argument; a wrong shape is a `TYPE` error saying what.
pub fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|error| crate::js_error("TYPE", &format!("{what}: {error}"), &[]))
}

/// `onStatusChange(detail)` / the `sdrs-status-change` event: the watched job's status
/// changed (its first status included).
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct StatusChangeDetail {
    /// The root job's id.
    pub job_id: Option<String>,
    /// Its `job_type` (e.g. `failoverProtectionGroup`).
    pub job_type: Option<String>,
    /// `status` as sent.
    pub status: Option<String>,
    /// Its category.
    #[tsify(type = "\"SUCCESS\" | \"RUNNING\" | \"FAIL\" | \"INIT\" | \"UNKNOWN\"")]
    pub status_kind: &'static str,
    /// The category before (null for the first answer).
    #[tsify(type = "\"SUCCESS\" | \"RUNNING\" | \"FAIL\" | \"INIT\" | \"UNKNOWN\" | null")]
    pub previous_kind: Option<&'static str>,
    /// The job as of this answer.
    pub summary: sdrs_job_core::Summary,
}

/// `onFinished(detail)` / the `sdrs-finished` event: the watched job ended (once).
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct FinishedDetail {
    /// The root job's id.
    pub job_id: Option<String>,
    /// Its `job_type`.
    pub job_type: Option<String>,
    /// `"SUCCESS"` or `"FAIL"`.
    #[tsify(type = "\"SUCCESS\" | \"FAIL\"")]
    pub status: &'static str,
    /// The job as it ended (for a failure: its origin, code and reason).
    pub summary: sdrs_job_core::Summary,
}

/// `onError(detail)` / the `sdrs-error` event: watching stopped on a final error or the
/// time budget.
#[derive(Debug, Clone, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct ErrorDetail {
    /// `"FINAL_ERROR"` or `"TIMED_OUT"`.
    #[tsify(type = "\"FINAL_ERROR\" | \"TIMED_OUT\"")]
    pub reason: &'static str,
    /// The error's code (`TIMED_OUT` when the budget ran out without one).
    pub code: String,
    /// A sentence for people (never holding the token or a header's value).
    pub message: String,
    /// The error (for a time-out, the last one, if any).
    #[tsify(type = "ApiError | null")]
    pub error: Option<sdrs_job_core::ApiErrorReport>,
}
