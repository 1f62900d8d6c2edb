//! `watchJobs`: poll several jobs at once until each ends, through the caller's `fetch`,
//! civilly: one request in flight per job, at most `maxInFlight()` across the page (or
//! Node process; `setMaxInFlight` changes it, default 4), and one 429 or 503 pacing every
//! watch of that host. Resolves with every job's outcome, in the order given.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::watch::{abort_error, api_error_value, is_aborted, transport_of, watch_request};
use crate::{js_error, Job, PollPolicy};

/// Options of `watchJobs`.
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct WatchJobsOptions {
    /// Base URL, e.g. `https://sdrs.cn-north-4.myhuaweicloud.com` (`""`: same origin).
    pub endpoint: String,
    /// The project id.
    pub project_id: String,
    /// The jobs, each watched once (an id given twice is watched once).
    pub job_ids: Vec<String>,
    /// An IAM token, sent as `X-Auth-Token` (leave it out when `fetch` authenticates).
    #[tsify(optional)]
    pub token: Option<String>,
    /// The `fetch` to use (default `globalThis.fetch`), as for `watchJob`.
    #[tsify(optional, type = "HostFetch")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub fetch: JsValue,
    /// Headers added to every request, e.g. `{ "X-CSRF-Token": csrf }` (a plain object).
    #[tsify(optional, type = "Record<string, string>")]
    pub headers: Option<std::collections::BTreeMap<String, String>>,
    /// The fetch `credentials` mode (fetch's default: `"same-origin"`).
    #[tsify(optional, type = "\"omit\" | \"same-origin\" | \"include\"")]
    pub credentials: Option<String>,
    /// Polling policy for every job (the core's defaults otherwise).
    #[tsify(optional)]
    pub policy: Option<PollPolicy>,
    /// Aborts every watch (the promise rejects with an `AbortError`).
    #[tsify(optional, type = "AbortSignal")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub signal: JsValue,
    /// Called with every new state of each job.
    #[tsify(optional, type = "(jobId: string, job: Job, summary: Summary) => void")]
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub on_update: JsValue,
}

#[wasm_bindgen(typescript_custom_section)]
const WATCHED_JOB: &str = r#"
/** One job of `watchJobs`: its last state when it ended (`job`, SUCCESS or FAIL), or the
 *  error that stopped its watch (`error`: a final error, or `TIMED_OUT`). */
export interface WatchedJob {
  jobId: string;
  job: Job | null;
  error: (Error & { code: string }) | null;
}
"#;

/// Polls every job of `options.jobIds` until each is SUCCESS or FAIL, its watch stopped on
/// a final error or the time budget, or `signal` aborts (rejecting with an `AbortError`).
/// Resolves with one `WatchedJob` per id, in the order given; a job that failed is a
/// result, not an error. Calls `onUpdate(jobId, job, summary)` on every new state.
#[wasm_bindgen(js_name = watchJobs, unchecked_return_type = "WatchedJob[]")]
pub async fn watch_jobs(
    #[wasm_bindgen(unchecked_param_type = "WatchJobsOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: WatchJobsOptions = crate::from_js(options, "watchJobs options")?;
    let ids = sdrs_job_core::board::parse_job_ids(&options.job_ids.join(","))
        .map_err(|error| js_error("TYPE", &format!("options.jobIds: {error}"), &[]))?;
    let transport = Rc::new(transport_of(
        &options.fetch,
        options.headers.as_ref(),
        options.credentials.as_deref(),
    )?);
    let policy = options.policy.unwrap_or_default().to_core();
    let on_update = options.on_update.dyn_into::<js_sys::Function>().ok();
    // The first callback that throws stops every watch with its error, as in `watchJob`.
    let thrown: Rc<RefCell<Option<JsValue>>> = Rc::default();
    let watches = js_sys::Array::new();
    for id in ids {
        let request = transport.job_request(
            &options.endpoint,
            &options.project_id,
            &id,
            options.token.as_deref(),
        );
        let (transport, signal, on_update, thrown) =
            (transport.clone(), options.signal.clone(), on_update.clone(), thrown.clone());
        let watch = async move {
            let outcome = match request {
                Err(error) => Err(api_error_value(&error)),
                Ok(request) => {
                    let tell = |job: &Job| -> Result<(), JsValue> {
                        if let Some(error) = thrown.borrow().clone() {
                            return Err(error);
                        }
                        let Some(on_update) = &on_update else { return Ok(()) };
                        let summary =
                            crate::to_js(&job.analysis().summary(js_sys::Date::now() as i64))?;
                        let called = on_update.call3(
                            &JsValue::UNDEFINED,
                            &JsValue::from_str(&id),
                            &job.clone().into(),
                            &summary,
                        );
                        if let Err(error) = &called {
                            thrown.borrow_mut().get_or_insert_with(|| error.clone());
                        }
                        called.map(drop)
                    };
                    watch_request(&request, &transport, &policy, &signal, tell).await
                }
            };
            Ok(watched(&id, outcome))
        };
        watches.push(&wasm_bindgen_futures::future_to_promise(watch));
    }
    let all = JsFuture::from(js_sys::Promise::all(&watches)).await?;
    if is_aborted(&options.signal) {
        return Err(abort_error(&options.signal));
    }
    if let Some(error) = thrown.borrow_mut().take() {
        return Err(error);
    }
    Ok(all)
}

/// `{ jobId, job, error }`.
fn watched(id: &str, outcome: Result<Job, JsValue>) -> JsValue {
    let entry = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&entry, &key.into(), value);
    };
    set("jobId", &JsValue::from_str(id));
    match outcome {
        Ok(job) => {
            set("job", &job.into());
            set("error", &JsValue::NULL);
        }
        Err(error) => {
            set("job", &JsValue::NULL);
            set("error", &error);
        }
    }
    entry.into()
}

/// Sets the most job requests in flight at once across this page or Node process, for
/// every `watchJob`, `watchJobs` and widget of this module (at least 1; default 4).
#[wasm_bindgen(js_name = setMaxInFlight)]
pub fn set_max_in_flight(limit: u32) {
    sdrs_job_fetch::civil::set_max_in_flight(limit as usize);
}

/// The most job requests in flight at once across this page or Node process.
#[wasm_bindgen(js_name = maxInFlight)]
pub fn max_in_flight() -> u32 {
    u32::try_from(sdrs_job_fetch::civil::max_in_flight()).unwrap_or(u32::MAX)
}
