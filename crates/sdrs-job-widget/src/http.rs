//! All HTTP of the widget: one function that fetches a job.
//!
//! gloo-net only fails on network errors, so the status is checked here; the body is read
//! as bytes and parsed inside wasm by the core (never as a JS string). Errors come back as
//! the core's [`ApiError`], read the way the official SDKs read them, plus `Retry-After`.

use gloo_net::http::Request;
use sdrs_job_core::{parse_job, ApiError, JobTree};
use web_sys::AbortSignal;

/// Where a job lives and how to ask for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JobTarget {
    /// Base URL, e.g. `https://sdrs.cn-north-4.myhuaweicloud.com`; empty for the page's origin.
    pub endpoint: String,
    /// The project id.
    pub project_id: String,
    /// The job id.
    pub job_id: String,
    /// An IAM token for `X-Auth-Token` (never put in URLs, logs or messages).
    pub token: Option<String>,
}

impl JobTarget {
    /// `GET` URL of the job.
    pub fn url(&self) -> String {
        let base = self.endpoint.trim().trim_end_matches('/');
        format!(
            "{base}/v1/{}/jobs/{}",
            encode_segment(self.project_id.trim()),
            encode_segment(self.job_id.trim())
        )
    }
}

/// Percent-encodes a path segment so ids cannot change the path.
fn encode_segment(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

/// Why a fetch gave no job.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchError {
    /// What went wrong, as the core reads it.
    pub error: ApiError,
    /// The server's `Retry-After`, in ms.
    pub retry_after_ms: Option<u64>,
}

/// A job as fetched.
#[derive(Debug)]
pub struct Fetched {
    /// The parsed job.
    pub tree: JobTree,
    /// Size of the body in bytes.
    pub bytes: usize,
    /// `X-Request-Id` of the answer.
    pub request_id: Option<String>,
}

/// Fetches and parses a job. Returns `None` when aborted.
pub async fn fetch_job(
    target: &JobTarget,
    signal: &AbortSignal,
) -> Option<Result<Fetched, FetchError>> {
    let mut request =
        Request::get(&target.url()).abort_signal(Some(signal)).header("Accept", "application/json");
    if let Some(token) = target.token.as_deref().filter(|token| !token.trim().is_empty()) {
        request = request.header("X-Auth-Token", token.trim());
    }
    let network = |error: gloo_net::Error| FetchError {
        error: ApiError::network(describe_network_error(&error.to_string())),
        retry_after_ms: None,
    };
    let response = match request.send().await {
        Ok(response) => response,
        Err(_) if signal.aborted() => return None,
        Err(error) => return Some(Err(network(error))),
    };
    let request_id = response.headers().get("x-request-id");
    let retry_after_ms = response
        .headers()
        .get("retry-after")
        .and_then(|value| sdrs_job_core::poll::retry_after_ms(&value));
    let body = match response.binary().await {
        Ok(body) => body,
        Err(_) if signal.aborted() => return None,
        Err(error) => return Some(Err(network(error))),
    };
    crate::clock::mark(crate::clock::marks::RESPONSE);
    if !response.ok() {
        let error = ApiError::from_response(response.status(), &body, request_id.as_deref());
        return Some(Err(FetchError { error, retry_after_ms }));
    }
    Some(match parse_job(&body) {
        Ok(tree) => Ok(Fetched { tree, bytes: body.len(), request_id }),
        Err(parse_error) => Err(FetchError {
            error: ApiError::invalid_body(&parse_error, request_id.as_deref()),
            retry_after_ms: None,
        }),
    })
}

/// Browsers say little about failed fetches; say what it usually means.
fn describe_network_error(detail: &str) -> String {
    format!(
        "no answer from the server (network down, server stopped, connection dropped, or blocked by CORS): {detail}"
    )
}
