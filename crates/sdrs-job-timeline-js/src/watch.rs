//! `watchJob`: poll a job until it ends, with the core's policy, through the caller's
//! `fetch` (so a console can pass its own authenticated one). Works wherever there is a
//! `fetch` and `setTimeout`: browsers, web workers, Node.js 20+.

use std::rc::Rc;

use sdrs_job_core::poll::{next_poll, PollDecision as CoreDecision, StopReason};
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::{js_error, Job, PollPolicy};

#[wasm_bindgen]
extern "C" {
    /// The global `setTimeout` (browsers, workers and Node.js all have it).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, milliseconds: f64) -> JsValue;
}

#[wasm_bindgen(typescript_custom_section)]
const HOST_FETCH: &str = r#"
/**
 * A host's own `fetch` (a console's session-cookie or signing transport). It is called as
 * `fetch(url, init)` with `init` a plain object: `method: "GET"`, `headers` (a plain
 * object, so `{ ...init.headers, "X-CSRF-Token": csrf }` works), `redirect: "manual"`,
 * `signal`, and `credentials` when set. Return the `Response` (or a Response-like object).
 */
export type HostFetch = (url: string, init: RequestInit & { headers: Record<string, string> }) => Promise<Response>;
"#;

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
pub(crate) fn abort_error(signal: &JsValue) -> JsValue {
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
    /// An IAM token, sent as `X-Auth-Token` (leave it out when `fetch` authenticates).
    #[tsify(optional)]
    pub token: Option<String>,
    /// The `fetch` to use (default `globalThis.fetch`): a console's own, authenticated one.
    /// It is called as `fetch(url, init)` with `init` a plain object (`method`, `headers`
    /// as a plain object, `redirect: "manual"`, `signal`, `credentials` when set).
    #[tsify(optional, type = "HostFetch")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub fetch: JsValue,
    /// Headers added to every request, e.g. `{ "X-CSRF-Token": csrf }` (a plain object).
    #[tsify(optional, type = "Record<string, string>")]
    pub headers: Option<std::collections::BTreeMap<String, String>>,
    /// The fetch `credentials` mode (fetch's default: `"same-origin"`).
    #[tsify(optional, type = "\"omit\" | \"same-origin\" | \"include\"")]
    pub credentials: Option<String>,
    /// Polling policy (the core's defaults otherwise).
    #[tsify(optional)]
    pub policy: Option<PollPolicy>,
    /// Aborts the watch (the promise rejects with an `AbortError`).
    #[tsify(optional, type = "AbortSignal")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub signal: JsValue,
    /// Called with every new state of the job, the summary, and the history of the watch so
    /// far (what `jobHistory(job)` gives).
    #[tsify(optional, type = "(job: Job, summary: Summary, history: ObservedHistory) => void")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub on_update: JsValue,
}

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

pub(crate) fn is_aborted(signal: &JsValue) -> bool {
    !signal.is_undefined() && !signal.is_null() && get(signal, "aborted").is_truthy()
}

pub(crate) fn api_error_value(error: &sdrs_job_core::ApiError) -> JsValue {
    // An `Error` whose message is the error's sentence, with the report's fields on it.
    let report = crate::to_js(&sdrs_job_core::ApiErrorReport::from(error)).unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::delete_property(&report.clone().into(), &"message".into());
    let value = js_error(&error.code, &error.to_string(), &[]);
    if report.is_object() {
        js_sys::Object::assign(&value.clone().into(), &report.into());
    }
    value
}

/// The transport of `fetch`, `headers` and `credentials` options (shared with the widget).
pub(crate) fn transport_of(
    fetch: &JsValue,
    headers: Option<&std::collections::BTreeMap<String, String>>,
    credentials: Option<&str>,
) -> Result<sdrs_job_fetch::Transport, JsValue> {
    let fetch = match fetch {
        value if value.is_undefined() || value.is_null() => None,
        value => Some(value.clone().dyn_into::<js_sys::Function>().map_err(|_| {
            js_error(
                "TYPE",
                "options.fetch must be a function (url, init) => Promise<Response>",
                &[],
            )
        })?),
    };
    let credentials = match credentials {
        None => None,
        Some(value) => Some(sdrs_job_fetch::Credentials::parse(value).ok_or_else(|| {
            js_error(
                "TYPE",
                &format!("options.credentials must be \"omit\", \"same-origin\" or \"include\", not {value:?}"),
                &[],
            )
        })?),
    };
    let headers = headers
        .map(|headers| headers.iter().map(|(name, value)| (name.clone(), value.clone())).collect())
        .unwrap_or_default();
    Ok(sdrs_job_fetch::Transport { fetch, headers, credentials })
}

/// Polls a job until it is SUCCESS or FAIL (resolving with the last job: a failed job is a
/// result), a final error or the time budget (rejecting with an `Error` carrying `code`,
/// `httpStatus`, `requestId`, `retryable`, `notFound`, `meaning`), or `signal` aborts
/// (rejecting with an `AbortError`). Calls `onUpdate(job, summary, history)` on every new
/// state; `jobHistory(job)` of the result is the watch's whole observed history.
#[wasm_bindgen(js_name = watchJob)]
pub async fn watch_job(
    #[wasm_bindgen(unchecked_param_type = "WatchOptions")] options: JsValue,
) -> Result<Job, JsValue> {
    let options: WatchOptions = crate::from_js(options, "watchJob options")?;
    let transport =
        transport_of(&options.fetch, options.headers.as_ref(), options.credentials.as_deref())?;
    let request = transport
        .job_request(
            &options.endpoint,
            &options.project_id,
            &options.job_id,
            options.token.as_deref(),
        )
        .map_err(|error| api_error_value(&error))?;
    let policy = options.policy.unwrap_or_default().to_core();
    let on_update = options.on_update.dyn_into::<js_sys::Function>().ok();
    let tell = |job: &Job| -> Result<(), JsValue> {
        let Some(on_update) = &on_update else { return Ok(()) };
        let summary = crate::to_js(&job.analysis().summary(js_sys::Date::now() as i64))?;
        let history = crate::job::job_history(job)?;
        on_update.call3(&JsValue::UNDEFINED, &job.clone().into(), &summary, &history).map(drop)
    };
    watch_request(&request, &transport, &policy, &options.signal, tell).await
}

/// Polls the job of `request` until it ends (its last state), a final error or the time
/// budget (an `Error`), or `signal` aborts (an `AbortError`), telling `tell` each state.
pub(crate) async fn watch_request(
    request: &sdrs_job_core::exchange::JobRequest,
    transport: &sdrs_job_fetch::Transport,
    policy: &sdrs_job_core::poll::PollPolicy,
    signal_value: &JsValue,
    tell: impl Fn(&Job) -> Result<(), JsValue>,
) -> Result<Job, JsValue> {
    let signal = signal_value.clone().dyn_into::<web_sys::AbortSignal>().ok();
    let started = js_sys::Date::now();
    let mut last_job: Option<Job> = None;
    let mut history: Rc<sdrs_job_core::history::History> = Rc::default();
    let mut attempt = 0u32;
    loop {
        if is_aborted(signal_value) {
            return Err(abort_error(signal_value));
        }
        attempt += 1;
        let timeout_ms = policy.request_timeout_ms();
        let parse = sdrs_job_core::ParseOptions::default();
        // The page's (or the Node process's) civility: a global limit in flight, and a
        // 429 or 503 pacing every watch of that host.
        let Some(slot) = sdrs_job_fetch::civil::slot(&request.url, signal.as_ref()).await else {
            return Err(abort_error(signal_value));
        };
        let Some(body) =
            sdrs_job_fetch::fetch_body(request, transport, signal.as_ref(), timeout_ms, &parse)
                .await
        else {
            return Err(abort_error(signal_value));
        };
        let answer = sdrs_job_core::exchange::answer(request, body);
        let outcome = sdrs_job_core::exchange::poll_outcome(&answer);
        slot.finish(sdrs_job_fetch::civil::load_of(&answer));
        let error = match answer {
            Ok(tree) => {
                // Shared with the last job handed out until this fold: then copied once.
                Rc::make_mut(&mut history).observe(js_sys::Date::now() as i64, &tree);
                let job = Job::watched(Rc::new(tree), history.clone());
                tell(&job)?;
                last_job = Some(job);
                None
            }
            Err(error) => Some(error),
        };
        let elapsed = (js_sys::Date::now() - started).max(0.0) as u64;
        match next_poll(policy, attempt, elapsed, outcome, js_sys::Math::random()) {
            CoreDecision::Stop { reason: StopReason::Succeeded | StopReason::Failed } => {
                return last_job.ok_or_else(|| js_error("INTERNAL", "stopped without a job", &[]));
            }
            CoreDecision::Stop { reason: StopReason::FinalError } => {
                let error = error.expect("a final error stops only after an error");
                return Err(api_error_value(&error));
            }
            CoreDecision::Stop { reason: StopReason::TimedOut } => {
                let asked = error.as_ref().and_then(|error| error.retry_after_ms);
                let message = match asked {
                    Some(asked) if asked as f64 >= policy.max_wait_ms as f64 - elapsed as f64 => format!(
                        "the server asked to wait {asked} ms (Retry-After), more than is left of the \
                         {} ms the job may take",
                        policy.max_wait_ms
                    ),
                    _ => format!("the job did not finish within {} ms", policy.max_wait_ms),
                };
                let last = error.map_or(JsValue::NULL, |error| api_error_value(&error));
                return Err(js_error("TIMED_OUT", &message, &[("lastError", last)]));
            }
            CoreDecision::Wait { delay_ms, .. } => {
                sleep(delay_ms as f64, signal_value).await?;
            }
        }
    }
}
