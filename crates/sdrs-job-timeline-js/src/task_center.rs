//! `listFailureJobs` and `deleteFailureJob`: the Task Center over the same transport as
//! `watchJob` (a host's `fetch`, headers and credentials mode, or a token), through the
//! one driver of the core's exchange, so the caps, the timeout and the redaction of what
//! was sent hold here too.

use sdrs_job_core::exchange::TaskCenterCall;
use sdrs_job_core::task_center::{FailureJobsQuery, FailureStatus, ResourceKindFilter};
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::watch::{api_error_value, transport_of};

/// Longest a Task Center request may take by default (ms), as a job request.
const DEFAULT_TIMEOUT_MS: f64 = 30_000.0;

/// Options of `listFailureJobs`: where and how to ask (as for `watchJob`), and the filters
/// and paging of the Task Center.
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ListFailureJobsOptions {
    /// Base URL (`""`: same origin, or a path of it such as a console's proxy).
    pub endpoint: String,
    /// The project id.
    pub project_id: String,
    /// An IAM token, sent as `X-Auth-Token` (leave it out when `fetch` authenticates).
    #[tsify(optional)]
    pub token: Option<String>,
    /// The `fetch` to use (default `globalThis.fetch`).
    #[tsify(optional, type = "HostFetch")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub fetch: JsValue,
    /// Headers added to the request (a plain object).
    #[tsify(optional, type = "Record<string, string>")]
    pub headers: Option<std::collections::BTreeMap<String, String>>,
    /// The fetch `credentials` mode.
    #[tsify(optional, type = "\"omit\" | \"same-origin\" | \"include\"")]
    pub credentials: Option<String>,
    /// Aborts the request (the promise rejects with an `AbortError`).
    #[tsify(optional, type = "AbortSignal")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub signal: JsValue,
    /// Longest the request may take, in ms (default 30,000).
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Only entries that failed this way.
    #[tsify(optional, type = "FailureStatus")]
    pub failure_status: Option<FailureStatus>,
    /// Only entries of this resource name.
    #[tsify(optional)]
    pub resource_name: Option<String>,
    /// The failures inside this protection group; without it, the group-level failures.
    #[tsify(optional)]
    pub server_group_id: Option<String>,
    /// Only entries of this kind of resource.
    #[tsify(optional, type = "ResourceKindFilter")]
    pub resource_type: Option<ResourceKindFilter>,
    /// Entries per page, 0 to 1000 (the service's default: 1000).
    #[tsify(optional)]
    pub limit: Option<u32>,
    /// Entries to skip.
    #[tsify(optional)]
    pub offset: Option<u64>,
}

/// Options of `deleteFailureJob`: where and how (as for `listFailureJobs`), and what:
/// exactly one of `failureJobId` (one entry, by its `jobId` or `resourceId`),
/// `serverGroupId` (every entry inside that group) or `groupLevel: true` (every
/// group-level entry).
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DeleteFailureJobOptions {
    /// Base URL (`""`: same origin, or a path of it such as a console's proxy).
    pub endpoint: String,
    /// The project id.
    pub project_id: String,
    /// An IAM token, sent as `X-Auth-Token`.
    #[tsify(optional)]
    pub token: Option<String>,
    /// The `fetch` to use (default `globalThis.fetch`).
    #[tsify(optional, type = "HostFetch")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub fetch: JsValue,
    /// Headers added to the request (a plain object).
    #[tsify(optional, type = "Record<string, string>")]
    pub headers: Option<std::collections::BTreeMap<String, String>>,
    /// The fetch `credentials` mode.
    #[tsify(optional, type = "\"omit\" | \"same-origin\" | \"include\"")]
    pub credentials: Option<String>,
    /// Aborts the request.
    #[tsify(optional, type = "AbortSignal")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub signal: JsValue,
    /// Longest the request may take, in ms (default 30,000).
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// One entry: its `jobId` or `resourceId`.
    #[tsify(optional)]
    pub failure_job_id: Option<String>,
    /// Every entry inside this protection group.
    #[tsify(optional)]
    pub server_group_id: Option<String>,
    /// Every group-level entry.
    #[tsify(optional)]
    pub group_level: Option<bool>,
}

/// Options every Task Center call takes.
const WHERE: [&str; 8] =
    ["endpoint", "projectId", "token", "fetch", "headers", "credentials", "signal", "timeoutMs"];

/// A misspelt option is a mistake said by name, never a filter silently left out (serde's
/// `deny_unknown_fields` does not hold through serde-wasm-bindgen's preserved fields).
fn refuse_unknown(options: &JsValue, own: &[&str], what: &str) -> Result<(), JsValue> {
    if !options.is_object() {
        return Ok(());
    }
    for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !WHERE.contains(&key.as_str()) && !own.contains(&key.as_str()) {
            let known: Vec<&str> = WHERE.iter().chain(own.iter()).copied().collect();
            return Err(crate::js_error(
                "TYPE",
                &format!("{what} options: unknown option `{key}` (known: {})", known.join(", ")),
                &[],
            ));
        }
    }
    Ok(())
}

fn timeout_of(timeout_ms: Option<f64>) -> Result<u64, JsValue> {
    match timeout_ms {
        None => Ok(DEFAULT_TIMEOUT_MS as u64),
        Some(ms) if (1.0..=600_000.0).contains(&ms) => Ok(ms as u64),
        Some(ms) => Err(crate::js_error(
            "TYPE",
            &format!("options.timeoutMs must be from 1 to 600000, not {ms}"),
            &[],
        )),
    }
}

fn aborted(signal: &JsValue) -> JsValue {
    let reason = js_sys::Reflect::get(signal, &"reason".into()).unwrap_or(JsValue::UNDEFINED);
    if !reason.is_undefined() {
        return reason;
    }
    web_sys::DomException::new_with_message_and_name("The request was aborted.", "AbortError")
        .map_or_else(|error| error, JsValue::from)
}

/// Lists one page of the Task Center: resolves with `{ count, failureJobs, extra }` (each
/// entry's fields as sent, `resourceKind` read from either spelling, `beginMs`), or rejects
/// with an `Error` carrying `code`, `httpStatus`, `requestId`, ... as `watchJob` does.
#[wasm_bindgen(js_name = listFailureJobs, unchecked_return_type = "FailureJobs")]
pub async fn list_failure_jobs(
    #[wasm_bindgen(unchecked_param_type = "ListFailureJobsOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    refuse_unknown(
        &options,
        &["failureStatus", "resourceName", "serverGroupId", "resourceType", "limit", "offset"],
        "listFailureJobs",
    )?;
    let options: ListFailureJobsOptions = crate::from_js(options, "listFailureJobs options")?;
    let transport =
        transport_of(&options.fetch, options.headers.as_ref(), options.credentials.as_deref())?;
    let query = FailureJobsQuery {
        failure_status: options.failure_status,
        resource_name: options.resource_name.clone(),
        server_group_id: options.server_group_id.clone(),
        resource_type: options.resource_type,
        limit: options.limit,
        offset: options.offset,
    };
    let request = transport
        .task_center_request(
            &options.endpoint,
            &options.project_id,
            options.token.as_deref(),
            &TaskCenterCall::List(&query),
        )
        .map_err(|error| api_error_value(&error))?;
    let signal = options.signal.clone().dyn_into::<web_sys::AbortSignal>().ok();
    let parse = sdrs_job_core::ParseOptions::default();
    let timeout = timeout_of(options.timeout_ms)?;
    let Some(body) =
        sdrs_job_fetch::fetch_body(&request, &transport, signal.as_ref(), timeout, &parse).await
    else {
        return Err(aborted(&options.signal));
    };
    match sdrs_job_core::exchange::failure_jobs_answer(&request, body) {
        Ok(page) => crate::to_js(&page),
        Err(error) => Err(api_error_value(&error)),
    }
}

/// Deletes Task Center entries (one, a group's, or every group-level one): resolves with
/// nothing once the service says done (204), or rejects as `listFailureJobs` does.
#[wasm_bindgen(js_name = deleteFailureJob)]
pub async fn delete_failure_job(
    #[wasm_bindgen(unchecked_param_type = "DeleteFailureJobOptions")] options: JsValue,
) -> Result<(), JsValue> {
    refuse_unknown(&options, &["failureJobId", "serverGroupId", "groupLevel"], "deleteFailureJob")?;
    let options: DeleteFailureJobOptions = crate::from_js(options, "deleteFailureJob options")?;
    let call = match (
        options.failure_job_id.as_deref(),
        options.server_group_id.as_deref(),
        options.group_level.unwrap_or(false),
    ) {
        (Some(id), None, false) => TaskCenterCall::Delete(id),
        (None, Some(group), false) => TaskCenterCall::DeleteGroup(group),
        (None, None, true) => TaskCenterCall::DeleteGroupLevel,
        _ => {
            return Err(crate::js_error(
                "TYPE",
                "deleteFailureJob options: give exactly one of failureJobId, serverGroupId or groupLevel: true",
                &[],
            ))
        }
    };
    let transport =
        transport_of(&options.fetch, options.headers.as_ref(), options.credentials.as_deref())?;
    let request = transport
        .task_center_request(
            &options.endpoint,
            &options.project_id,
            options.token.as_deref(),
            &call,
        )
        .map_err(|error| api_error_value(&error))?;
    let signal = options.signal.clone().dyn_into::<web_sys::AbortSignal>().ok();
    let parse = sdrs_job_core::ParseOptions::default();
    let timeout = timeout_of(options.timeout_ms)?;
    let Some(body) =
        sdrs_job_fetch::fetch_body(&request, &transport, signal.as_ref(), timeout, &parse).await
    else {
        return Err(aborted(&options.signal));
    };
    sdrs_job_core::exchange::deleted_answer(&request, body).map_err(|error| api_error_value(&error))
}
