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
/// response the `X-Request-Id` header, and renders the body of a [`ServiceError`] with it.
pub async fn add_request_id(mut request: Request, next: Next) -> Response {
    let id = new_request_id();
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    if let Some(error) = response.extensions_mut().remove::<ServiceError>() {
        response = error.render(&id);
    }
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

/// An error answer of the service, as a handler returns it (`Result<_, ServiceError>`, so
/// `?` works). Its body is rendered by [`add_request_id`], which knows the request's id: no
/// handler threads the id into its errors by hand.
#[derive(Debug, Clone)]
pub struct ServiceError {
    status: StatusCode,
    shape: Shape,
    code: &'static str,
    message: String,
}

impl ServiceError {
    /// An error answer of any status, body shape and code.
    pub fn new(
        status: StatusCode,
        shape: Shape,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        ServiceError { status, shape, code, message: message.into() }
    }

    /// 401 from the API gateway: no or wrong credentials.
    pub fn unauthorized(message: &str) -> Self {
        let message = format!("Incorrect IAM authentication information: {message}");
        ServiceError::new(StatusCode::UNAUTHORIZED, Shape::Gateway, "APIGW.0301", message)
    }

    /// 403: the credentials are scoped to another project.
    pub fn forbidden(project_id: &str) -> Self {
        let message = format!(
            "Incorrect API invoking permissions: the credentials are not valid for project {project_id}"
        );
        ServiceError::new(StatusCode::FORBIDDEN, Shape::CamelCase, "SDRS.0004", message)
    }

    /// 400: a job id that cannot be one.
    pub fn malformed_job_id() -> Self {
        ServiceError::new(
            StatusCode::BAD_REQUEST,
            Shape::Wrapped("badRequest"),
            "SDRS.0201",
            "Invalid request parameters: job_id must be 32 hexadecimal characters",
        )
    }

    /// 404: no such job.
    pub fn job_not_found(job_id: &str) -> Self {
        let message = format!("Null job: job {job_id} does not exist");
        ServiceError::new(
            StatusCode::NOT_FOUND,
            Shape::Wrapped("itemNotFound"),
            "SDRS.0408",
            message,
        )
    }

    /// 404 from the gateway: a path the API does not have.
    pub fn route_not_found() -> Self {
        ServiceError::new(
            StatusCode::NOT_FOUND,
            Shape::Gateway,
            "APIGW.0101",
            "The API does not exist or has not been published in the environment",
        )
    }

    /// 400 from a simulator-only endpoint (or a simulator-only header).
    pub fn sim_bad_request(message: impl Into<String>) -> Self {
        ServiceError::new(StatusCode::BAD_REQUEST, Shape::Wrapped("error"), "SIM.0001", message)
    }

    fn render(&self, request_id: &str) -> Response {
        error_response(self.status, self.shape, self.code, &self.message, request_id)
    }
}

impl IntoResponse for ServiceError {
    /// The status now; the body once the request's id is known ([`add_request_id`]).
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// Fallback: a path the API does not have (as the gateway answers it).
pub async fn route_not_found() -> ServiceError {
    ServiceError::route_not_found()
}
