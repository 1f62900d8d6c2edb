//! Simulator-only endpoints: start scenario jobs, list them, list the scenarios.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::auth::{require, SignedRequest};
use crate::errors::{self, ServiceError};
use crate::faults::parse_faults;
use crate::scenarios::Scenario;
use crate::state::{AppState, NewJob};

/// Most scenario time a new job may start with (a day).
const MAX_ELAPSED_MS: i64 = 86_400_000;
/// Most jobs in a resized failover (the browser benchmark's largest is about 100,000).
const MAX_SHAPED_JOBS: usize = 200_000;

/// `"shape"` of `POST /sim/jobs`: a failover resized.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Shape {
    instances: usize,
    #[serde(default)]
    steps: usize,
}

/// The body of `POST /sim/jobs`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateJob {
    scenario: String,
    speed: Option<f64>,
    #[serde(default)]
    repeat: bool,
    /// One fault spec per coming request, e.g. `["status=500", "status=500"]`.
    #[serde(default)]
    faults: Vec<String>,
    /// Scenario time already elapsed, to get a job caught mid-flight (or finished).
    #[serde(default)]
    elapsed_ms: i64,
    /// `{"instances": N, "steps": M}`: resize a failover scenario.
    shape: Option<Shape>,
}

/// A simulator `POST` takes JSON only (415 otherwise) and the API's credentials (401): a
/// page elsewhere can post a form to the simulator without a CORS preflight, but not with
/// this content type, so only scripts that may talk to it, with credentials, get in.
fn require_json_and_credentials(
    state: &AppState,
    (method, uri, headers, body): (&Method, &Uri, &HeaderMap, &Bytes),
    what: &str,
) -> Result<(), ServiceError> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|value| value.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Err(ServiceError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            errors::Shape::Wrapped("error"),
            "SIM.0003",
            format!("{what} takes Content-Type: application/json"),
        ));
    }
    let signed = SignedRequest { method, path: uri.path(), query: uri.query(), headers, body };
    require(state, &signed, &state.config.project_id)
}

/// `POST /sim/jobs`: starts a scenario job; answers `{"job_id": ...}` like the real
/// asynchronous operations.
pub async fn sim_job_create(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ServiceError> {
    require_json_and_credentials(&state, (&method, &uri, &headers, &body), "POST /sim/jobs")?;
    let request: CreateJob = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => {
            return Err(ServiceError::sim_bad_request(format!("body must be {{\"scenario\": NAME, \"speed\": N, \"repeat\": BOOL, \"faults\": [SPEC], \"elapsed_ms\": MS, \"shape\": {{\"instances\": N, \"steps\": M}}}}: {error}")))
        }
    };
    let Some(scenario) = Scenario::from_name(&request.scenario) else {
        let names: Vec<&str> = Scenario::ALL.iter().map(|scenario| scenario.name()).collect();
        return Err(ServiceError::sim_bad_request(format!(
            "unknown scenario {:?}; known: {}",
            request.scenario,
            names.join(", ")
        )));
    };
    let speed = crate::config::check_speed(request.speed.unwrap_or(state.config.speed))
        .map_err(ServiceError::sim_bad_request)?;
    if request.faults.len() > 100 {
        return Err(ServiceError::sim_bad_request("at most 100 scripted fault sets"));
    }
    let mut scripted = Vec::new();
    for (position, spec) in request.faults.iter().enumerate() {
        match parse_faults(spec) {
            Ok(faults) => scripted.push(faults),
            Err(message) => {
                return Err(ServiceError::sim_bad_request(format!("faults[{position}]: {message}")))
            }
        }
    }
    if !(0..=MAX_ELAPSED_MS).contains(&request.elapsed_ms) {
        return Err(ServiceError::sim_bad_request(format!(
            "elapsed_ms must be between 0 and {MAX_ELAPSED_MS}"
        )));
    }
    let plan = match &request.shape {
        None => None,
        Some(Shape { instances, steps }) => {
            let jobs = instances.saturating_mul(steps.saturating_add(1)).saturating_add(1);
            if *instances == 0 || jobs > MAX_SHAPED_JOBS {
                return Err(ServiceError::sim_bad_request(format!(
                    "shape: 1 to {MAX_SHAPED_JOBS} jobs (instances × (steps + 1) + 1), not {jobs}"
                )));
            }
            match scenario.shaped_plan(*instances, *steps) {
                Some(plan) => Some(plan),
                None => {
                    return Err(ServiceError::sim_bad_request(format!(
                        "shape: only failover, failover-fail and large can be resized, not {}",
                        scenario.name()
                    )))
                }
            }
        }
    };
    let new_job = NewJob {
        plan,
        scenario,
        speed,
        repeat: request.repeat,
        faults: scripted,
        elapsed_ms: request.elapsed_ms,
    };
    match state.create_job(new_job) {
        Ok(job_id) => Ok((StatusCode::OK, Json(json!({ "job_id": job_id }))).into_response()),
        Err(error) => Err(ServiceError::new(
            StatusCode::TOO_MANY_REQUESTS,
            errors::Shape::Wrapped("error"),
            "SIM.0002",
            error.to_string(),
        )),
    }
}

/// `GET /sim/jobs`: the scenario jobs with their paths, newest last.
pub async fn sim_jobs_list(State(state): State<AppState>) -> Response {
    let documented = crate::state::DOCUMENTED_JOBS.iter().map(|(id, _)| {
        json!({ "job_id": id, "scenario": "documented-example", "path": format!("/v1/{}/jobs/{id}", state.config.project_id) })
    });
    let scenario_jobs =
        state.list_jobs().into_iter().map(|(id, scenario, speed, repeat, requests)| {
            json!({
                "job_id": id,
                "scenario": scenario.name(),
                "speed": speed,
                "repeat": repeat,
                "requests": requests,
                "path": format!("/v1/{}/jobs/{id}", state.config.project_id),
            })
        });
    Json(json!({ "jobs": documented.chain(scenario_jobs).collect::<Vec<_>>() })).into_response()
}

/// `GET /sim/scenarios`: what each scenario shows and how long it takes at speed 1.
pub async fn sim_scenarios_list() -> Response {
    let scenarios: Vec<_> = Scenario::ALL
        .iter()
        .map(|scenario| {
            let plan = scenario.plan();
            json!({
                "name": scenario.name(),
                "description": scenario.description(),
                "jobs": plan.nodes.len(),
                "duration_ms": plan.total_ms(),
            })
        })
        .collect();
    Json(json!({ "scenarios": scenarios })).into_response()
}

/// The body of `POST /sim/task-center`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AddFailures {
    /// Add the start-up mix.
    #[serde(default)]
    seed: bool,
    /// Add this many synthetic entries.
    #[serde(default)]
    count: usize,
    /// Inside this protection group (else at group level).
    server_group_id: Option<String>,
}

/// Most Task Center entries one request adds.
const MAX_ADDED_FAILURES: usize = 10_000;

/// `POST /sim/task-center` `{"count": N, "server_group_id": G}` or `{"seed": true}`: fills
/// the Task Center (for paging through more entries than the scenarios make).
pub async fn sim_task_center_add(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ServiceError> {
    require_json_and_credentials(
        &state,
        (&method, &uri, &headers, &body),
        "POST /sim/task-center",
    )?;
    let request: AddFailures = serde_json::from_slice(&body).map_err(|error| {
        ServiceError::sim_bad_request(format!(
            "body must be {{\"count\": N, \"server_group_id\": ID}} or {{\"seed\": true}}: {error}"
        ))
    })?;
    if request.count > MAX_ADDED_FAILURES {
        return Err(ServiceError::sim_bad_request(format!(
            "count: at most {MAX_ADDED_FAILURES} entries at a time"
        )));
    }
    let now = state.now_ms();
    let mut added = 0;
    if request.seed {
        let entries = crate::failures::seed_entries(now);
        added += entries.len();
        state.task_center_add(entries);
    }
    let first = state.task_center_len();
    let entries = crate::failures::synthetic_entries(
        request.count,
        first,
        request.server_group_id.as_deref(),
        now,
    );
    added += entries.len();
    state.task_center_add(entries);
    Ok((StatusCode::OK, Json(json!({ "added": added }))).into_response())
}

/// `GET /sim/stats`: what clients' job requests looked like ([`crate::stats`]).
pub async fn sim_stats(State(state): State<AppState>) -> Json<crate::stats::Report> {
    Json(state.stats.report())
}

/// `POST /sim/stats/reset`: starts the count over.
pub async fn sim_stats_reset(State(state): State<AppState>) -> Json<crate::stats::Report> {
    state.stats.reset();
    Json(state.stats.report())
}
