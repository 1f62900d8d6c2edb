//! Error answers shaped as the real service shapes them, and the `X-Request-Id` every
//! response carries.
//!
//! Shapes (API-NOTES.md): `{"<key>": {"code", "message"}}` with `<key>` one of `error`,
//! `badRequest`, `itemNotFound`; the API gateway's `{"error_code", "error_msg",
//! "request_id"}`; `{"errorCode", "errorMsg"}`; and non-JSON bodies from proxies.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The id of one request, also written into gateway-shaped error bodies.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// A fresh request id: 32 hex digits, like the gateway's.
pub fn new_request_id() -> String {
    format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..))
}

/// Middleware: gives every request an id (in its extensions, for handlers) and every
/// response the `X-Request-Id` header.
pub async fn add_request_id(mut request: Request, next: Next) -> Response {
    let id = new_request_id();
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// The body shapes the service answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `{"<key>": {"code": ..., "message": ...}}`
    Wrapped(&'static str),
    /// `{"error_code": ..., "error_msg": ..., "request_id": ...}` (API gateway)
    Gateway,
    /// `{"errorCode": ..., "errorMsg": ...}`
    CamelCase,
}

/// An error answer with a JSON body of the given shape.
pub fn error_response(
    status: StatusCode,
    shape: Shape,
    code: &str,
    message: &str,
    request_id: &str,
) -> Response {
    let body = match shape {
        Shape::Wrapped(key) => json!({ key: { "code": code, "message": message } }),
        Shape::Gateway => {
            json!({ "error_code": code, "error_msg": message, "request_id": request_id })
        }
        Shape::CamelCase => json!({ "errorCode": code, "errorMsg": message }),
    };
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

/// 401 from the API gateway: no or wrong credentials.
pub fn unauthorized(message: &str, request_id: &str) -> Response {
    error_response(
        StatusCode::UNAUTHORIZED,
        Shape::Gateway,
        "APIGW.0301",
        &format!("Incorrect IAM authentication information: {message}"),
        request_id,
    )
}

/// 403: the credentials are scoped to another project.
pub fn forbidden(project_id: &str, request_id: &str) -> Response {
    error_response(
        StatusCode::FORBIDDEN,
        Shape::CamelCase,
        "SDRS.0004",
        &format!("Incorrect API invoking permissions: the credentials are not valid for project {project_id}"),
        request_id,
    )
}

/// 400: a job id that cannot be one.
pub fn malformed_job_id(request_id: &str) -> Response {
    error_response(
        StatusCode::BAD_REQUEST,
        Shape::Wrapped("badRequest"),
        "SDRS.0201",
        "Invalid request parameters: job_id must be 32 hexadecimal characters",
        request_id,
    )
}

/// 404: no such job.
pub fn job_not_found(job_id: &str, request_id: &str) -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        Shape::Wrapped("itemNotFound"),
        "SDRS.0408",
        &format!("Null job: job {job_id} does not exist"),
        request_id,
    )
}

/// Fallback: a path the API does not have (as the gateway answers it).
pub async fn route_not_found(request: Request) -> Response {
    let request_id =
        request.extensions().get::<RequestId>().map(|id| id.0.clone()).unwrap_or_default();
    error_response(
        StatusCode::NOT_FOUND,
        Shape::Gateway,
        "APIGW.0101",
        "The API does not exist or has not been published in the environment",
        &request_id,
    )
}

/// 400 from a simulator-only endpoint.
pub fn sim_bad_request(message: &str, request_id: &str) -> Response {
    error_response(
        StatusCode::BAD_REQUEST,
        Shape::Wrapped("error"),
        "SIM.0001",
        message,
        request_id,
    )
}
