//! `watchJob`: poll a job until it ends, with the core's policy, through the caller's
//! `fetch` (so a console can pass its own authenticated one). Works wherever there is a
//! `fetch` and `setTimeout`: browsers, web workers, Node.js 20+.

use std::rc::Rc;

use sdrs_job_core::poll::{
    next_poll, PollDecision as CoreDecision, PollOutcome as CoreOutcome, StopReason,
};
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::{js_error, Job, PollPolicy, Summary};

#[wasm_bindgen]
extern "C" {
    /// The global `setTimeout` (browsers, workers and Node.js all have it).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, milliseconds: f64) -> JsValue;
}

/// Longest single wait, so an abort is noticed within this many ms without a listener.
const ABORT_CHECK_MS: f64 = 200.0;

/// Waits `milliseconds`, returning early once `signal` is aborted.
async fn sleep(milliseconds: f64, signal: &JsValue) -> Result<(), JsValue> {
    let deadline = js_sys::Date::now() + milliseconds;
    loop {
        let left = deadline - js_sys::Date::now();
        if left <= 0.0 || is_aborted(signal) {
            return Ok(());
        }
        let slice = left.min(ABORT_CHECK_MS);
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            set_timeout(&resolve, slice);
        });
        JsFuture::from(promise).await?;
    }
}

/// What an aborted watch rejects with: the signal's reason, else an `AbortError`.
fn abort_error(signal: &JsValue) -> JsValue {
    let reason = get(signal, "reason");
    if !reason.is_undefined() {
        return reason;
    }
    web_sys::DomException::new_with_message_and_name("The watch was aborted.", "AbortError")
        .map_or_else(|error| error, JsValue::from)
}

/// Options of `watchJob`.
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct WatchOptions {
    /// Base URL, e.g. `https://sdrs.cn-north-4.myhuaweicloud.com` (`""`: same origin).
    pub endpoint: String,
    /// The project id.
    pub project_id: String,
    /// The job id.
    pub job_id: String,
    /// An IAM token, sent as `X-Auth-Token`.
    #[tsify(optional)]
    pub token: Option<String>,
    /// The `fetch` to use (default `globalThis.fetch`): pass an authenticated one.
    #[tsify(optional, type = "typeof fetch")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub fetch: JsValue,
    /// Polling policy (the core's defaults otherwise).
    #[tsify(optional)]
    pub policy: Option<PollPolicy>,
    /// Aborts the watch (the promise rejects with an `AbortError`).
    #[tsify(optional, type = "AbortSignal")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub signal: JsValue,
    /// Called with every new state of the job.
    #[tsify(optional, type = "(job: Job, summary: Summary) => void")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub on_update: JsValue,
}

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn is_aborted(signal: &JsValue) -> bool {
    !signal.is_undefined() && !signal.is_null() && get(signal, "aborted").is_truthy()
}

fn api_error_value(error: &sdrs_job_core::ApiError) -> JsValue {
    let optional = |value: Option<String>| value.map_or(JsValue::NULL, JsValue::from);
    js_error(
        &error.code,
        &error.to_string(),
        &[
            ("httpStatus", error.http_status.map_or(JsValue::NULL, JsValue::from)),
            ("requestId", optional(error.request_id.clone())),
            ("retryable", error.retryable().into()),
            ("notFound", error.not_found().into()),
            ("meaning", optional(error.meaning(sdrs_job_core::Locale::En).map(str::to_owned))),
        ],
    )
}

fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment.trim()))
}

/// One request: the parsed job, or the error and its `Retry-After`.
async fn fetch_once(
    fetch: &js_sys::Function,
    url: &str,
    token: Option<&str>,
    signal: &JsValue,
) -> Result<Result<sdrs_job_core::JobTree, (sdrs_job_core::ApiError, Option<u64>)>, JsValue> {
    let headers = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&headers, &"Accept".into(), &"application/json".into());
    if let Some(token) = token.filter(|token| !token.trim().is_empty()) {
        let _ = js_sys::Reflect::set(&headers, &"X-Auth-Token".into(), &token.trim().into());
    }
    let init = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&init, &"method".into(), &"GET".into());
    let _ = js_sys::Reflect::set(&init, &"headers".into(), &headers);
    if !signal.is_undefined() {
        let _ = js_sys::Reflect::set(&init, &"signal".into(), signal);
    }
    let network = |error: JsValue| {
        let message = get(&error, "message").as_string().unwrap_or_else(|| format!("{error:?}"));
        sdrs_job_core::ApiError::network(format!("no answer from the server: {message}"))
    };
    let promise = match fetch.call2(&JsValue::UNDEFINED, &url.into(), &init) {
        Ok(promise) => js_sys::Promise::resolve(&promise),
        Err(error) => return Ok(Err((network(error), None))),
    };
    let response = match JsFuture::from(promise).await {
        Ok(response) => response,
        Err(_) if is_aborted(signal) => return Err(abort_error(signal)),
        Err(error) => return Ok(Err((network(error), None))),
    };
    let header = |name: &str| -> Option<String> {
        let headers = get(&response, "headers");
        let get_header = js_sys::Function::from(get(&headers, "get"));
        get_header.call1(&headers, &name.into()).ok().and_then(|value| value.as_string())
    };
    let status = get(&response, "status").as_f64().unwrap_or(0.0) as u16;
    let ok = get(&response, "ok").is_truthy();
    let request_id = header("x-request-id");
    let retry_after_ms =
        header("retry-after").and_then(|value| sdrs_job_core::poll::retry_after_ms(&value));
    let array_buffer = js_sys::Function::from(get(&response, "arrayBuffer"));
    let body = match array_buffer
        .call0(&response)
        .map(|promise| JsFuture::from(js_sys::Promise::resolve(&promise)))
    {
        Ok(future) => match future.await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) if is_aborted(signal) => return Err(abort_error(signal)),
            Err(error) => return Ok(Err((network(error), None))),
        },
        Err(error) => return Ok(Err((network(error), None))),
    };
    if !ok {
        return Ok(Err((
            sdrs_job_core::ApiError::from_response(status, &body, request_id.as_deref()),
            retry_after_ms,
        )));
    }
    Ok(sdrs_job_core::parse_job(&body).map_err(|error| {
        (sdrs_job_core::ApiError::invalid_body(&error, request_id.as_deref()), None)
    }))
}

/// Polls a job until it is SUCCESS or FAIL (resolving with the last job: a failed job is a
/// result), a final error or the time budget (rejecting with an `Error` carrying `code`,
/// `httpStatus`, `requestId`, `retryable`, `notFound`, `meaning`), or `signal` aborts
/// (rejecting with an `AbortError`). Calls `onUpdate(job, summary)` on every new state.
#[wasm_bindgen(js_name = watchJob)]
pub async fn watch_job(
    #[wasm_bindgen(unchecked_param_type = "WatchOptions")] options: JsValue,
) -> Result<Job, JsValue> {
    let options: WatchOptions = crate::from_js(options, "watchJob options")?;
    let fetch = if options.fetch.is_function() {
        js_sys::Function::from(options.fetch.clone())
    } else {
        let global = js_sys::global();
        let fetch = get(&global, "fetch");
        if !fetch.is_function() {
            return Err(js_error("NO_FETCH", "no fetch: pass options.fetch", &[]));
        }
        js_sys::Function::from(fetch)
    };
    if options.project_id.trim().is_empty() || options.job_id.trim().is_empty() {
        return Err(js_error("TYPE", "watchJob needs projectId and jobId", &[]));
    }
    let url = format!(
        "{}/v1/{}/jobs/{}",
        options.endpoint.trim().trim_end_matches('/'),
        encode(&options.project_id),
        encode(&options.job_id)
    );
    let policy = options.policy.unwrap_or_default().to_core();
    let signal = options.signal.clone();
    let started = js_sys::Date::now();
    let mut last_job: Option<Job> = None;
    let mut attempt = 0u32;
    loop {
        if is_aborted(&signal) {
            return Err(abort_error(&signal));
        }
        attempt += 1;
        let (outcome, error) =
            match fetch_once(&fetch, &url, options.token.as_deref(), &signal).await? {
                Ok(tree) => {
                    let job = Job { tree: Rc::new(tree), index: 0 };
                    if options.on_update.is_function() {
                        let summary = crate::to_js(&Summary::from(sdrs_job_core::summarize(
                            &job.tree,
                            js_sys::Date::now() as i64,
                        )))?;
                        js_sys::Function::from(options.on_update.clone()).call2(
                            &JsValue::UNDEFINED,
                            &job.clone().into(),
                            &summary,
                        )?;
                    }
                    let status = job.tree.root().status();
                    last_job = Some(job);
                    (CoreOutcome::Status(status), None)
                }
                Err((error, retry_after_ms)) => {
                    let outcome = if error.retryable() {
                        CoreOutcome::RetryableError { retry_after_ms }
                    } else {
                        CoreOutcome::FinalError
                    };
                    (outcome, Some(error))
                }
            };
        let elapsed = (js_sys::Date::now() - started).max(0.0) as u64;
        match next_poll(&policy, attempt, elapsed, outcome, js_sys::Math::random()) {
            CoreDecision::Stop { reason: StopReason::Succeeded | StopReason::Failed } => {
                return last_job.ok_or_else(|| js_error("INTERNAL", "stopped without a job", &[]));
            }
            CoreDecision::Stop { reason: StopReason::FinalError } => {
                let error = error.expect("a final error stops only after an error");
                return Err(api_error_value(&error));
            }
            CoreDecision::Stop { reason: StopReason::TimedOut } => {
                let message = format!("the job did not finish within {} ms", policy.max_wait_ms);
                let last = error.map_or(JsValue::NULL, |error| api_error_value(&error));
                return Err(js_error("TIMED_OUT", &message, &[("lastError", last)]));
            }
            CoreDecision::Wait { delay_ms, .. } => {
                sleep(delay_ms as f64, &signal).await?;
            }
        }
    }
}
