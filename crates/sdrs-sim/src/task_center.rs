//! The Task Center: `GET /v1/{project_id}/task-center/failure-jobs` with every filter and
//! paging, and its three `DELETE`s (204).
//!
//! The entries are the state's (`failures.rs` says what they are and how a failed
//! scenario job files them).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::auth::{require, SignedRequest};
use crate::errors::{ServiceError, Shape};
use crate::failures::Entry;
use crate::state::AppState;

const FAILURE_STATUSES: [&str; 11] = [
    "createFail",
    "deleteFail",
    "attachFail",
    "detachFail",
    "expandFail",
    "resizeFail",
    "startFail",
    "stopFail",
    "reverseFail",
    "failoverFail",
    "reprotectFail",
];
const RESOURCE_TYPES: [&str; 4] =
    ["server_groups", "protected_instances", "replications", "disaster_recovery_drills"];

/// The filters of a list request, checked as the service checks them.
#[derive(Debug, Default)]
struct Filters {
    failure_status: Option<String>,
    resource_name: Option<String>,
    server_group_id: Option<String>,
    resource_type: Option<String>,
    limit: usize,
    offset: usize,
}

fn bad_parameter(message: String) -> ServiceError {
    ServiceError::new(StatusCode::BAD_REQUEST, Shape::Wrapped("error"), "SDRS.0201", message)
}

fn percent_decode(text: &str) -> Result<String, ServiceError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' => {
                let hex =
                    text.get(index + 1..index + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok());
                let Some(byte) = hex else {
                    return Err(bad_parameter(format!("Invalid request parameters: bad percent-encoding at byte {index} of the query")));
                };
                out.push(byte);
                index += 3;
            }
            b'+' => {
                out.push(b' ');
                index += 1;
            }
            byte => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(out)
        .map_err(|_| bad_parameter("Invalid request parameters: the query is not UTF-8".to_owned()))
}

fn filters(query: Option<&str>) -> Result<Filters, ServiceError> {
    let mut filters = Filters { limit: 1_000, ..Filters::default() };
    for pair in query.unwrap_or_default().split('&').filter(|pair| !pair.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (name, value) = (percent_decode(name)?, percent_decode(value)?);
        let number = |what: &str, most: usize| -> Result<usize, ServiceError> {
            match value.parse::<usize>() {
                Ok(number) if number <= most => Ok(number),
                _ => Err(bad_parameter(format!(
                    "Invalid request parameters: {what} must be a whole number from 0 to {most}, not {value:?}"
                ))),
            }
        };
        match name.as_str() {
            "limit" => filters.limit = number("limit", 1_000)?,
            "offset" => filters.offset = number("offset", usize::MAX / 2)?,
            "failure_status" => {
                if !FAILURE_STATUSES.contains(&value.as_str()) {
                    return Err(bad_parameter(format!(
                        "Invalid request parameters: failure_status must be one of {}, not {value:?}",
                        FAILURE_STATUSES.join(", ")
                    )));
                }
                filters.failure_status = Some(value);
            }
            "resource_type" => {
                if !RESOURCE_TYPES.contains(&value.as_str()) {
                    return Err(bad_parameter(format!(
                        "Invalid request parameters: resource_type must be one of {}, not {value:?}",
                        RESOURCE_TYPES.join(", ")
                    )));
                }
                filters.resource_type = Some(value);
            }
            "resource_name" => filters.resource_name = Some(value),
            "server_group_id" => filters.server_group_id = Some(value).filter(|id| !id.is_empty()),
            // Others (a console's cache buster) are ignored, as gateways do.
            _ => {}
        }
    }
    Ok(filters)
}

fn signed<'a>(method: &'a Method, uri: &'a Uri, headers: &'a HeaderMap) -> SignedRequest<'a> {
    SignedRequest { method, path: uri.path(), query: uri.query(), headers, body: b"" }
}

/// `GET /v1/{project_id}/task-center/failure-jobs`
pub async fn list(
    State(state): State<AppState>,
    Path(project_id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    require(&state, &signed(&method, &uri, &headers), &project_id)?;
    let filters = filters(uri.query())?;
    let entries = state.task_center_entries();
    let matching: Vec<&Entry> = entries
        .iter()
        .filter(|entry| entry.server_group_id == filters.server_group_id)
        .filter(|entry| {
            filters.failure_status.as_deref().is_none_or(|status| entry.failure_status == status)
        })
        .filter(|entry| {
            filters.resource_type.as_deref().is_none_or(|kind| entry.resource_type == kind)
        })
        .filter(|entry| {
            filters.resource_name.as_deref().is_none_or(|name| entry.resource_name == name)
        })
        .collect();
    let page: Vec<serde_json::Value> = matching
        .iter()
        .skip(filters.offset)
        .take(filters.limit)
        .map(|entry| entry.to_json())
        .collect();
    Ok(Json(json!({ "failure_jobs": page, "count": matching.len() })).into_response())
}

/// `DELETE /v1/{project_id}/task-center/failure-jobs/{failure_job_id}`: the entry whose
/// `job_id` or `resource_id` it is (the documentation does not say which).
pub async fn delete_one(
    State(state): State<AppState>,
    Path((project_id, failure_job_id)): Path<(String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    require(&state, &signed(&method, &uri, &headers), &project_id)?;
    if failure_job_id == "batch" {
        let removed = state.task_center_remove(|entry| entry.server_group_id.is_none());
        return Ok(no_content(removed));
    }
    let removed = state.task_center_remove(|entry| {
        entry.job_id == failure_job_id || entry.resource_id == failure_job_id
    });
    if removed == 0 {
        return Err(ServiceError::new(
            StatusCode::NOT_FOUND,
            Shape::Wrapped("error"),
            "SDRS.0408",
            format!("Null job: no failed job {failure_job_id} in the Task Center"),
        ));
    }
    Ok(no_content(removed))
}

/// `DELETE /v1/{project_id}/task-center/{server_group_id}/failure-jobs/batch`
pub async fn delete_group(
    State(state): State<AppState>,
    Path((project_id, server_group_id)): Path<(String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    require(&state, &signed(&method, &uri, &headers), &project_id)?;
    let removed = state.task_center_remove(|entry| {
        entry.server_group_id.as_deref() == Some(server_group_id.as_str())
    });
    Ok(no_content(removed))
}

fn no_content(removed: usize) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    // For people reading a trace; no body, as the service answers.
    if let Ok(value) = removed.to_string().parse() {
        response.headers_mut().insert("x-sim-removed", value);
    }
    response
}
