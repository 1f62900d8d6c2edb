//! Error answers read the way the official Huawei Cloud SDKs read them, plus what a
//! client needs to act: the catalogue meaning, retryable or final, "job not found".
//!
//! The SDKs look for `error_code`/`error_msg`, then `errorCode`/`errorMsg`, then
//! `code`/`message`, then search nested objects (e.g. `{"error": {...}}`,
//! `{"itemNotFound": {...}}`); a body that is not JSON becomes the message, and the code
//! falls back to the HTTP status. They keep `X-Request-Id` for support tickets.

use std::fmt;

use serde::Serialize;

use crate::catalogue::{error_code_info, ErrorCodeInfo};
use crate::json::Scanner;
use crate::Locale;

/// Longest message kept from a body; the rest is cut (bodies are untrusted and unbounded).
const MAX_MESSAGE_CHARS: usize = 2_000;
/// Nesting searched in an error body.
const MAX_BODY_NESTING: usize = 64;

/// Where an error came from. Whether it is worth asking again follows from it (and, for
/// [`ApiErrorKind::Http`], from the status): see [`ApiError::retryable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ApiErrorKind {
    /// The service answered with an HTTP error status.
    Http,
    /// No answer: connection refused or dropped, DNS, CORS, an aborted body. Retryable.
    Network,
    /// No answer within the request's timeout (`REQUEST_TIMEOUT`). Retryable.
    Timeout,
    /// HTTP 200, but the body is not JSON as sent (truncated or garbled): `INVALID_BODY`.
    /// Retryable, since a body cut short in transit reads like this.
    InvalidBody,
    /// HTTP 200 with JSON that is not a job (a wrong type, a bad timestamp): `INVALID_JOB`.
    /// Final: the service would answer the same again.
    InvalidJob,
    /// Not an answer of the SDRS API at all: an HTML page, or a 404 that is not JSON (a
    /// wrong endpoint, a dev server, a proxy's login page): `NOT_API`. Final.
    NotApi,
    /// Over a cap: the body's bytes (`TOO_LARGE`), its jobs (`TOO_MANY_JOBS`) or their
    /// nesting (`TOO_DEEP`). Reading stopped there. Final.
    TooLarge,
    /// The server answered with a redirect, which is never followed (`REDIRECT`). Final.
    Redirect,
    /// The request could not be made (a bad endpoint, id, token or header); nothing was
    /// sent. Final.
    Request,
}

/// An error answer (or no answer) to `GET /v1/{project_id}/jobs/{job_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    /// Where the error came from.
    pub kind: ApiErrorKind,
    /// The HTTP status, if there was an answer.
    pub http_status: Option<u16>,
    /// The service's code (`SDRS.1013`, `APIGW.0301`, ...), else the HTTP status as text,
    /// else `NETWORK` / `INVALID_BODY`.
    pub code: String,
    /// The service's message, else the body text, else the HTTP reason phrase.
    pub message: String,
    /// The `X-Request-Id` response header, for support.
    pub request_id: Option<String>,
    /// The server's `Retry-After`, in milliseconds.
    pub retry_after_ms: Option<u64>,
}

/// An error as the JS API hands it out: the error, and what follows from it (whether to
/// ask again, whether the job does not exist, the catalogue's meaning of its code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ApiError"))]
pub struct ApiErrorReport {
    /// Where the error came from.
    pub kind: ApiErrorKind,
    /// The HTTP status, or null when there was no answer.
    pub http_status: Option<u16>,
    /// The service's code, else the HTTP status, else the exchange's (`NETWORK`, ...).
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// `X-Request-Id` of the answer.
    pub request_id: Option<String>,
    /// The server's `Retry-After`, in ms.
    pub retry_after_ms: Option<u64>,
    /// Whether asking again may succeed ([`ApiError::retryable`]).
    pub retryable: bool,
    /// Whether it means the job does not exist ([`ApiError::not_found`]).
    pub not_found: bool,
    /// The catalogue meaning of an SDRS code, in English.
    pub meaning: Option<&'static str>,
    /// The same in Chinese.
    pub meaning_zh: Option<&'static str>,
}

impl From<&ApiError> for ApiErrorReport {
    fn from(error: &ApiError) -> ApiErrorReport {
        ApiErrorReport {
            kind: error.kind,
            http_status: error.http_status,
            code: error.code.clone(),
            message: error.message.clone(),
            request_id: error.request_id.clone(),
            retry_after_ms: error.retry_after_ms,
            retryable: error.retryable(),
            not_found: error.not_found(),
            meaning: error.meaning(Locale::En),
            meaning_zh: error.meaning(Locale::Zh),
        }
    }
}

impl ApiError {
    /// Reads an HTTP error answer. A 404 whose body is not JSON did not come from the API
    /// (which always answers JSON): it is [`ApiErrorKind::NotApi`], not "job not found".
    pub fn from_response(http_status: u16, body: &[u8], request_id: Option<&str>) -> ApiError {
        let text = String::from_utf8_lossy(body);
        let found = find_code_and_message(text.trim());
        if found.is_none() && http_status == 404 && !text.trim().is_empty() {
            return ApiError::not_api(http_status, request_id);
        }
        let (code, message) = match found {
            Some((code, message)) => {
                (code.unwrap_or_else(|| http_status.to_string()), message.unwrap_or_default())
            }
            None => (http_status.to_string(), text.trim().to_owned()),
        };
        let message = if message.trim().is_empty() {
            reason_phrase(http_status).to_owned()
        } else {
            truncate_chars(message.trim(), MAX_MESSAGE_CHARS)
        };
        ApiError {
            kind: ApiErrorKind::Http,
            http_status: Some(http_status),
            code: truncate_chars(code.trim(), 200),
            message,
            request_id: clean_request_id(request_id),
            retry_after_ms: None,
        }
    }

    pub(crate) fn new(
        kind: ApiErrorKind,
        http_status: Option<u16>,
        code: &str,
        message: String,
    ) -> ApiError {
        ApiError {
            kind,
            http_status,
            code: code.to_owned(),
            message: truncate_chars(&message, MAX_MESSAGE_CHARS),
            request_id: None,
            retry_after_ms: None,
        }
    }

    pub(crate) fn with_request_id(mut self, request_id: Option<&str>) -> ApiError {
        self.request_id = clean_request_id(request_id);
        self
    }

    /// The same error with the server's `Retry-After` (ms).
    pub fn with_retry_after(mut self, retry_after_ms: Option<u64>) -> ApiError {
        self.retry_after_ms = retry_after_ms;
        self
    }

    /// No answer at all (the fetch itself failed); `detail` is what the runtime said.
    pub fn network(detail: impl Into<String>) -> ApiError {
        let detail = detail.into();
        ApiError::new(
            ApiErrorKind::Network,
            None,
            "NETWORK",
            format!(
                "no answer from the server (network down, server stopped, connection dropped, \
                 or blocked by CORS): {}",
                detail.trim()
            ),
        )
    }

    /// No answer within `timeout_ms`.
    pub fn timeout(timeout_ms: u64) -> ApiError {
        ApiError::new(
            ApiErrorKind::Timeout,
            None,
            "REQUEST_TIMEOUT",
            format!(
                "the server did not answer within {}",
                crate::format_duration(timeout_ms as i64)
            ),
        )
    }

    /// The request could not be made (`BAD_ENDPOINT`, `BAD_TOKEN`, ...); `message` says
    /// why, never with a secret in it. Final: nothing was sent.
    pub fn request(code: &str, message: String) -> ApiError {
        ApiError::new(ApiErrorKind::Request, None, code, message)
    }

    /// The host's transport gave something that is not an answer (its `fetch` resolved to
    /// something other than a Response, a body that is not bytes): `BAD_TRANSPORT`, final,
    /// since asking again through the same transport gives the same.
    pub fn bad_transport(message: impl Into<String>) -> ApiError {
        ApiError::new(ApiErrorKind::Request, None, "BAD_TRANSPORT", message.into())
    }

    /// The same error with every `secret` (a value that was sent) replaced by
    /// `[redacted]` in its code and message: servers may echo what they received.
    pub fn redacted(mut self, secrets: &[&str]) -> ApiError {
        for secret in secrets.iter().filter(|secret| !secret.is_empty()) {
            self.code = self.code.replace(secret, "[redacted]");
            self.message = self.message.replace(secret, "[redacted]");
        }
        self
    }

    /// An answer over its cap of `limit` bytes (`declared`: its `Content-Length`).
    pub(crate) fn too_large(
        http_status: u16,
        is_job: bool,
        limit: usize,
        declared: Option<u64>,
        request_id: Option<&str>,
    ) -> ApiError {
        let what = if is_job { "a job answer" } else { "an error answer" };
        let size = declared.map_or_else(
            || "is larger than".to_owned(),
            |bytes| format!("declares {bytes} bytes, more than"),
        );
        ApiError::new(
            ApiErrorKind::TooLarge,
            Some(http_status),
            "TOO_LARGE",
            format!(
                "the HTTP {http_status} answer {size} the limit of {limit} bytes for {what}; \
                 reading stopped"
            ),
        )
        .with_request_id(request_id)
    }

    /// An answer that is not from the SDRS API (HTML, or a 404 that is not JSON).
    pub(crate) fn not_api(http_status: u16, request_id: Option<&str>) -> ApiError {
        ApiError::new(
            ApiErrorKind::NotApi,
            Some(http_status),
            "NOT_API",
            format!(
                "the HTTP {http_status} answer is not JSON, so it is not from the SDRS API: \
                 check the endpoint (a dev server needs a proxy for /v1, a console's proxy \
                 may have answered with its login page)"
            ),
        )
        .with_request_id(request_id)
    }

    /// A 200 answer whose body is not a job: garbled JSON (retryable) or a job we cannot
    /// read (final), or over a cap (final, with the parser's code).
    pub fn invalid_body(error: &crate::ParseError, request_id: Option<&str>) -> ApiError {
        use crate::ParseErrorCode;
        let (kind, code) = match error.code {
            ParseErrorCode::Syntax => (ApiErrorKind::InvalidBody, "INVALID_BODY"),
            ParseErrorCode::Type | ParseErrorCode::Timestamp => {
                (ApiErrorKind::InvalidJob, "INVALID_JOB")
            }
            ParseErrorCode::TooLarge | ParseErrorCode::TooManyJobs | ParseErrorCode::TooDeep => {
                (ApiErrorKind::TooLarge, error.code.as_str())
            }
        };
        ApiError::new(kind, Some(200), code, format!("the response is not a valid job: {error}"))
            .with_request_id(request_id)
    }

    /// Whether trying again may succeed: no answer, a garbled body, or HTTP 408, 429,
    /// 500, 502, 503, 504. Everything else (401, 403, 404, other 4xx, 501) is final.
    pub fn retryable(&self) -> bool {
        match self.kind {
            ApiErrorKind::Network | ApiErrorKind::Timeout | ApiErrorKind::InvalidBody => true,
            ApiErrorKind::Http => {
                matches!(self.http_status, Some(408 | 429 | 500 | 502 | 503 | 504))
            }
            ApiErrorKind::InvalidJob
            | ApiErrorKind::NotApi
            | ApiErrorKind::TooLarge
            | ApiErrorKind::Redirect
            | ApiErrorKind::Request => false,
        }
    }

    /// Whether the error means the job (or its resource) does not exist: HTTP 404, or
    /// HTTP 400 with an SDRS "not found" code (Terraform treats SDRS.1013 and SDRS.0208
    /// as gone; the catalogue's other "not found" codes are listed here too).
    pub fn not_found(&self) -> bool {
        if self.kind != ApiErrorKind::Http {
            return false;
        }
        match self.http_status {
            Some(404) => true,
            Some(400) => NOT_FOUND_CODES.contains(&self.code.as_str()),
            _ => false,
        }
    }

    /// The catalogue entry of the code, if it is an SDRS code we know.
    pub fn code_info(&self) -> Option<&'static ErrorCodeInfo> {
        error_code_info(&self.code)
    }

    /// The catalogue meaning of the code in a language, if known.
    pub fn meaning(&self, locale: Locale) -> Option<&'static str> {
        self.code_info().map(|info| match locale {
            Locale::En => info.message_en,
            Locale::Zh => info.message_zh,
        })
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.http_status {
            Some(status) if self.kind == ApiErrorKind::Http => {
                write!(formatter, "HTTP {status} {}: {}", self.code, self.message)?
            }
            _ => write!(formatter, "{}: {}", self.code, self.message)?,
        }
        if let Some(request_id) = &self.request_id {
            write!(formatter, " (request id {request_id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// SDRS codes that mean "not found" when answered with HTTP 400.
pub(crate) const NOT_FOUND_CODES: &[&str] = &[
    "SDRS.0208",
    "SDRS.1013",
    "SDRS.1310",
    "SDRS.1315",
    "SDRS.1320",
    "SDRS.1326",
    "SDRS.1335",
    "SDRS.1372",
    "SDRS.1381",
    "SDRS.1608",
    "SDRS.1902",
];

fn clean_request_id(request_id: Option<&str>) -> Option<String> {
    let id = request_id.map(str::trim).filter(|id| !id.is_empty())?;
    Some(truncate_chars(&id.replace(|c: char| c.is_control(), ""), 200))
}

/// The standard reason phrase of the statuses this API documents.
fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "HTTP error",
    }
}

fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The six keys the SDKs read, in their order of preference (pairs).
const KEYS: [&str; 6] = ["error_code", "error_msg", "errorCode", "errorMsg", "code", "message"];

#[derive(Default)]
struct ObjectFound {
    values: [Option<String>; 6],
}

impl ObjectFound {
    /// The first pair with a code or a message, in SDK order.
    fn pick(&mut self) -> Option<(Option<String>, Option<String>)> {
        for pair in 0..3 {
            let code = self.values[pair * 2].take();
            let message = self.values[pair * 2 + 1].take();
            if code.is_some() || message.is_some() {
                return Some((code, message));
            }
        }
        None
    }
}

/// Scans a JSON body with an explicit stack. Returns none if the body is not JSON.
/// Objects are considered root first, then nested ones in document order.
fn find_code_and_message(body: &str) -> Option<(Option<String>, Option<String>)> {
    if !body.starts_with('{') {
        return None;
    }
    // Validate the whole body first; a body that is not JSON is kept as the message.
    let mut validator = Scanner::new(body);
    let (_, end) = validator.skip_value(MAX_BODY_NESTING).ok()?;
    if !body[end..].trim().is_empty() {
        return None;
    }
    let mut scanner = Scanner::new(body);
    let mut scratch = String::new();
    // Each open container: Some(object slot) for objects, None for arrays.
    let mut stack: Vec<Option<usize>> = Vec::new();
    // Objects in the order they open: the root first, then nested ones in document order.
    let mut objects: Vec<ObjectFound> = Vec::new();
    let mut pending_key: Option<usize> = None;
    loop {
        let byte = scanner.peek()?;
        match byte {
            b'{' => {
                scanner.pos += 1;
                objects.push(ObjectFound::default());
                stack.push(Some(objects.len() - 1));
                pending_key = None;
                if scanner.peek()? == b'}' {
                    scanner.pos += 1;
                    stack.pop();
                } else {
                    pending_key = read_key(&mut scanner, &mut scratch)?;
                    continue;
                }
            }
            b'[' => {
                scanner.pos += 1;
                stack.push(None);
                pending_key = None;
                if scanner.peek()? == b']' {
                    scanner.pos += 1;
                    stack.pop();
                } else {
                    continue;
                }
            }
            b'"' => {
                let text = scanner.read_string(&mut scratch).ok()?.as_str().to_owned();
                record(&stack, &mut objects, pending_key.take(), text);
            }
            _ => {
                let start = scanner.pos;
                let (value_start, value_end) = scanner.skip_value(0).ok()?;
                debug_assert_eq!(start, value_start);
                let raw = &body[value_start..value_end];
                if raw != "null" && raw != "true" && raw != "false" {
                    record(&stack, &mut objects, pending_key.take(), raw.to_owned());
                }
                pending_key = None;
            }
        }
        // After a value: commas and closes.
        loop {
            let Some(&top) = stack.last() else {
                for found in objects.iter_mut() {
                    if let Some(pair) = found.pick() {
                        return Some(pair);
                    }
                }
                return Some((None, None));
            };
            match scanner.peek()? {
                b',' => {
                    scanner.pos += 1;
                    if top.is_some() {
                        pending_key = read_key(&mut scanner, &mut scratch)?;
                    }
                    break;
                }
                b'}' | b']' => {
                    scanner.pos += 1;
                    stack.pop();
                }
                _ => return None,
            }
        }
    }
}

fn read_key(scanner: &mut Scanner<'_>, scratch: &mut String) -> Option<Option<usize>> {
    if scanner.peek()? != b'"' {
        return None;
    }
    let key = scanner.read_string(scratch).ok()?.as_str().to_owned();
    scanner.expect(b':', "`:`").ok()?;
    Some(KEYS.iter().position(|&wanted| wanted == key))
}

fn record(stack: &[Option<usize>], objects: &mut [ObjectFound], key: Option<usize>, text: String) {
    if let (Some(Some(object)), Some(key)) = (stack.last(), key) {
        let slot = &mut objects[*object].values[key];
        if slot.is_none() {
            *slot = Some(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(status: u16, body: &str) -> ApiError {
        ApiError::from_response(status, body.as_bytes(), Some("req-1"))
    }

    #[test]
    fn every_body_shape() {
        let error = read(404, r#"{"itemNotFound":{"code":"SDRS.0403","message":"job not found"}}"#);
        assert_eq!((error.code.as_str(), error.message.as_str()), ("SDRS.0403", "job not found"));
        assert!(error.not_found() && !error.retryable());
        let error = read(
            401,
            r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information","request_id":"x"}"#,
        );
        assert_eq!(error.code, "APIGW.0301");
        let error =
            read(400, r#"{"errorCode":"SDRS.1013","errorMsg":"Protection group not found"}"#);
        assert!(error.not_found());
        assert_eq!(error.meaning(Locale::Zh), Some("保护组未找到。"));
        let error = read(404, "<!doctype html><title>Not found</title>");
        assert_eq!((error.kind, error.code.as_str()), (ApiErrorKind::NotApi, "NOT_API"));
        assert!(!error.not_found() && !error.retryable());
        let error = read(503, "<html><body>Service Unavailable</body></html>");
        assert_eq!(error.code, "503");
        assert_eq!(error.message, "<html><body>Service Unavailable</body></html>");
        assert!(error.retryable());
        let error = read(502, "");
        assert_eq!((error.code.as_str(), error.message.as_str()), ("502", "Bad Gateway"));
        let error =
            read(500, r#"{"outer":{"inner":{"code":"SDRS.0013","message":"Internal error"}}}"#);
        assert_eq!(error.code, "SDRS.0013");
        let error = read(429, r#"{"code":429,"message":"slow down"}"#);
        assert_eq!(error.code, "429");
        let error = read(400, r#"{"error": {"code": "SDRS.0201"}"#);
        assert_eq!(error.code, "400", "a truncated body is kept as text");
        assert_eq!(error.request_id.as_deref(), Some("req-1"));
    }

    #[test]
    fn root_keys_win_over_nested_ones_and_sdk_order_holds() {
        let error = read(
            400,
            r#"{"error":{"code":"B","message":"nested"},"error_code":"A","error_msg":"root"}"#,
        );
        assert_eq!(error.code, "A");
        let error = read(400, r#"{"code":"C","message":"m","errorCode":"B","errorMsg":"n"}"#);
        assert_eq!(error.code, "B");
    }

    #[test]
    fn display_names_status_code_and_request_id() {
        let error = read(404, r#"{"error":{"code":"SDRS.0403","message":"gone"}}"#);
        assert_eq!(error.to_string(), "HTTP 404 SDRS.0403: gone (request id req-1)");
        assert!(ApiError::network("connection refused").retryable());
        assert!(ApiError::timeout(30_000).retryable());
        assert_eq!(
            ApiError::timeout(30_000).to_string(),
            "REQUEST_TIMEOUT: the server did not answer within 30s"
        );
    }
}
