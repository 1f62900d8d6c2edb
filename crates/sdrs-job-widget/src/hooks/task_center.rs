//! Reading the Task Center: one request per change of the target, the query or a refresh,
//! the one before aborted; and sending a delete. Both go through the core's exchange and
//! the `sdrs-job-fetch` driver, as a job's requests do (caps, timeout, no redirects).

use std::rc::Rc;

use sdrs_job_core::exchange::TaskCenterCall;
use sdrs_job_core::task_center::{FailureJobs, FailureJobsQuery};
use sdrs_job_core::{ApiError, ParseOptions};
use yew::prelude::*;

use crate::http::JobTarget;

/// How long a Task Center request may take (ms).
const TIMEOUT_MS: u64 = 30_000;

/// What the panel knows of the Task Center.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskCenterState {
    /// A request is in flight.
    pub loading: bool,
    /// The last page read (kept while the next loads, and after an error).
    pub page: Option<Rc<FailureJobs>>,
    /// The last request's error, until a page replaces it.
    pub error: Option<ApiError>,
}

/// The page of `query` in `target`'s project; asked again when `serial` changes.
#[hook]
pub fn use_failure_jobs(
    target: JobTarget,
    query: FailureJobsQuery,
    serial: u32,
) -> UseStateHandle<TaskCenterState> {
    let state = use_state(TaskCenterState::default);
    {
        let state = state.clone();
        use_effect_with((target, query, serial), move |(target, query, _)| {
            let abort = web_sys::AbortController::new().ok();
            let (target, query) = (target.clone(), query.clone());
            state.set(TaskCenterState { loading: true, ..(*state).clone() });
            if let Some(abort) = abort.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = list(&target, &query, &abort.signal()).await;
                    // Aborted: a newer request (or the panel's end) owns the state now.
                    if abort.signal().aborted() {
                        return;
                    }
                    let previous = (*state).clone();
                    state.set(match result {
                        Ok(page) => TaskCenterState {
                            loading: false,
                            page: Some(Rc::new(page)),
                            error: None,
                        },
                        Err(error) => {
                            TaskCenterState { loading: false, error: Some(error), ..previous }
                        }
                    });
                });
            }
            move || {
                if let Some(abort) = abort {
                    abort.abort();
                }
            }
        });
    }
    state
}

async fn list(
    target: &JobTarget,
    query: &FailureJobsQuery,
    signal: &web_sys::AbortSignal,
) -> Result<FailureJobs, ApiError> {
    let request = target.task_center_request(&TaskCenterCall::List(query))?;
    let body = sdrs_job_fetch::fetch_body(
        &request,
        &target.transport,
        Some(signal),
        TIMEOUT_MS,
        &ParseOptions::default(),
    )
    .await
    .ok_or_else(|| ApiError::network("the request was aborted"))?;
    sdrs_job_core::exchange::failure_jobs_answer(&request, body)
}

/// Sends a delete; resolves when the service said done, or with why not.
pub async fn delete(target: &JobTarget, call: &TaskCenterCall<'_>) -> Result<(), ApiError> {
    let request = target.task_center_request(call)?;
    let body = sdrs_job_fetch::fetch_body(
        &request,
        &target.transport,
        None,
        TIMEOUT_MS,
        &ParseOptions::default(),
    )
    .await
    .ok_or_else(|| ApiError::network("the request was aborted"))?;
    sdrs_job_core::exchange::deleted_answer(&request, body)
}
