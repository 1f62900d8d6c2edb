//! `GET /v1/{project_id}/jobs/{job_id}`: the one call of the real API we serve.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use crate::auth::{require, SignedRequest};
use crate::errors::{RequestId, ServiceError};
use crate::faults::{self, parse_faults};
use crate::state::AppState;

/// Answers a job the way SDRS does: auth first (401, 403), then the job id (400), then
/// the job (404), with the faults the simulator, the request and the job ask for. Each one
/// is counted in flight until answered, and its answer noted (`GET /sim/stats`).
pub async fn job_show(
    State(state): State<AppState>,
    path: Path<(String, String)>,
    request_id: Extension<RequestId>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let in_flight = crate::stats::Stats::start(&state.stats);
    let response = match answer_job(state.clone(), path, request_id, method, uri, headers).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    };
    state.stats.answered(state.now_ms(), response.status().as_u16());
    drop(in_flight);
    response
}

async fn answer_job(
    state: AppState,
    Path((project_id, job_id)): Path<(String, String)>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    let request = SignedRequest {
        method: &method,
        path: uri.path(),
        query: uri.query(),
        headers: &headers,
        body: b"",
    };
    require(&state, &request, &project_id)?;
    let mut requested = Vec::new();
    let query_fault = uri
        .query()
        .into_iter()
        .flat_map(|query| query.split('&'))
        .find_map(|pair| pair.strip_prefix("sim_fault="));
    let header_fault = headers.get("x-sim-fault").and_then(|value| value.to_str().ok());
    for spec in [header_fault.map(str::to_owned), query_fault.map(percent_decode_spec)]
        .into_iter()
        .flatten()
    {
        match parse_faults(&spec) {
            Ok(faults) => requested.extend(faults),
            Err(message) => {
                return Err(ServiceError::sim_bad_request(format!(
                    "X-Sim-Fault / sim_fault: {message}"
                )))
            }
        }
    }
    if !is_job_id(&job_id) {
        return Err(ServiceError::malformed_job_id());
    }
    let Some((body, scripted)) = state.job_body(&job_id) else {
        return Err(ServiceError::job_not_found(&job_id));
    };
    let mut faults = state.config.faults.draw();
    faults.extend(scripted);
    faults.extend(requested);
    Ok(faults::respond(&faults, body, &request_id).await)
}

/// SDRS job ids are 32 lower-case hexadecimal digits.
pub fn is_job_id(text: &str) -> bool {
    text.len() == 32
        && text.bytes().all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
}

fn percent_decode_spec(text: &str) -> String {
    text.replace("%3D", "=")
        .replace("%3d", "=")
        .replace("%2C", ",")
        .replace("%2c", ",")
        .replace("%20", " ")
}
