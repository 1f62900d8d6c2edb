//! Reading an answer: its head, its body under the cap while it streams, and what it
//! means (a job, or an error with its request id and `Retry-After`; a poll outcome).

use super::JobRequest;
use crate::api_error::{ApiError, ApiErrorKind};
use crate::limits;
use crate::parse::{parse_job_owned, ParseOptions};
use crate::poll::PollOutcome;
use crate::task_center::{parse_failure_jobs, FailureJobs};
use crate::JobTree;

/// The answer to `request`: the body read to its end (`Ok`) or the error that ended the
/// exchange, with every value sent cut out of any error (a server may echo it).
pub fn answer(request: &JobRequest, body: Result<BodyReader, ApiError>) -> Answer {
    body.and_then(BodyReader::finish).map_err(|error| error.redacted(&request.secrets()))
}

/// The answer to a Task Center list: its page, or why not (like [`answer`]).
pub fn failure_jobs_answer(
    request: &JobRequest,
    body: Result<BodyReader, ApiError>,
) -> Result<FailureJobs, ApiError> {
    body.and_then(|reader| {
        reader.finish_with(|bytes, request_id| {
            parse_failure_jobs(bytes).map_err(|error| {
                ApiError::new(
                    ApiErrorKind::InvalidBody,
                    Some(200),
                    "INVALID_BODY",
                    format!("the Task Center's answer cannot be read: {error}"),
                )
                .with_request_id(request_id)
            })
        })
    })
    .map_err(|error| error.redacted(&request.secrets()))
}

/// The answer to a Task Center delete: done on any success (the service answers 204
/// without a body), or why not (like [`answer`]).
pub fn deleted_answer(
    request: &JobRequest,
    body: Result<BodyReader, ApiError>,
) -> Result<(), ApiError> {
    body.and_then(|reader| reader.finish_with(|_, _| Ok(())))
        .map_err(|error| error.redacted(&request.secrets()))
}

/// The status line and headers of an answer, as the driver saw them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResponseHead<'a> {
    /// The HTTP status (0 when the browser hides it, as for an opaque redirect).
    pub status: u16,
    /// A browser's `redirect: "manual"` answer (`type == "opaqueredirect"`): a redirect
    /// whose status and `Location` the page may not see.
    pub opaque_redirect: bool,
    /// `X-Request-Id`.
    pub request_id: Option<&'a str>,
    /// `Retry-After`.
    pub retry_after: Option<&'a str>,
    /// `Content-Type`.
    pub content_type: Option<&'a str>,
    /// `Content-Length`.
    pub content_length: Option<&'a str>,
    /// `Location`.
    pub location: Option<&'a str>,
}

/// Most body bytes reserved from a declared `Content-Length` before any arrive.
const RESERVE_AHEAD: u64 = 8 * 1024 * 1024;

/// What one exchange gave: a job, or why not.
pub type Answer = Result<JobTree, ApiError>;

/// Collects an answer's body up to its cap: [`limits::MAX_INPUT_BYTES`] (or the parse
/// options' `max_bytes`) for a job, [`limits::MAX_ERROR_BYTES`] for an error answer.
#[derive(Debug)]
pub struct BodyReader {
    status: u16,
    request_id: Option<String>,
    retry_after_ms: Option<u64>,
    html: bool,
    limit: usize,
    /// The declared `Content-Length`, when there is one (under the cap).
    declared: Option<usize>,
    body: Vec<u8>,
    options: ParseOptions,
}

impl BodyReader {
    /// Reads the head. An `Err` is the whole answer (a redirect, a declared length over the
    /// cap): read no body then, and abort the request.
    pub fn start(head: &ResponseHead<'_>, options: &ParseOptions) -> Result<BodyReader, ApiError> {
        let request_id = head.request_id.map(str::trim).filter(|id| !id.is_empty());
        if head.opaque_redirect || (300..400).contains(&head.status) {
            return Err(redirect_error(head, request_id));
        }
        let is_job = (200..300).contains(&head.status);
        let limit = if is_job { options.max_bytes } else { limits::MAX_ERROR_BYTES };
        let declared = head.content_length.and_then(|length| length.trim().parse::<u64>().ok());
        if let Some(declared) = declared.filter(|&declared| declared > limit as u64) {
            return Err(ApiError::too_large(
                head.status,
                is_job,
                limit,
                Some(declared),
                request_id,
            ));
        }
        let html = head.content_type.is_some_and(|kind| {
            let kind = kind.trim().to_ascii_lowercase();
            kind.starts_with("text/html") || kind.starts_with("application/xhtml")
        });
        Ok(BodyReader {
            status: head.status,
            request_id: request_id.map(str::to_owned),
            retry_after_ms: head.retry_after.and_then(crate::poll::retry_after_ms),
            html,
            limit,
            declared: declared.map(|length| length as usize),
            // A declared length (under the cap) is reserved, but at most 8 MiB before the
            // bytes come: a server that declares much and sends nothing holds little.
            body: Vec::with_capacity(
                declared.map_or(0, |length| length.min(RESERVE_AHEAD) as usize),
            ),
            options: *options,
        })
    }

    /// How many bytes of body this answer may have.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Adds a chunk. `Err` once the body goes past the cap: stop reading, abort the
    /// request, and take the error as the answer.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), ApiError> {
        self.push_with(chunk.len(), |room| room.copy_from_slice(chunk))
    }

    /// Adds a chunk of `length` bytes that `fill` writes in place (a driver copies from
    /// a JS `Uint8Array` straight into the body this way). Refused like [`Self::push`].
    pub fn push_with(
        &mut self,
        length: usize,
        fill: impl FnOnce(&mut [u8]),
    ) -> Result<(), ApiError> {
        let start = self.body.len();
        if start.saturating_add(length) > self.limit {
            let is_job = (200..300).contains(&self.status);
            return Err(ApiError::too_large(
                self.status,
                is_job,
                self.limit,
                None,
                self.request_id.as_deref(),
            ));
        }
        let needed = start + length;
        if needed > self.body.capacity() {
            // Past what was reserved ahead, the bytes have come as declared: reserve the rest
            // of the declared length at once (one move of the buffer, instead of doubling
            // twice more and leaving the smaller buffers behind in a memory that never
            // shrinks). Otherwise double, never past the cap.
            let target = match self.declared {
                Some(declared) if declared >= needed => declared,
                _ => needed.max(self.body.capacity().saturating_mul(2)),
            };
            self.body.reserve_exact(target.min(self.limit) - start);
        }
        self.body.resize(needed, 0);
        fill(&mut self.body[start..]);
        Ok(())
    }

    /// Bytes read so far.
    pub fn len(&self) -> usize {
        self.body.len()
    }

    /// Whether no byte was read yet.
    pub fn is_empty(&self) -> bool {
        self.body.is_empty()
    }

    /// The answer, once the whole body is in. The tree keeps the body as its text.
    pub fn finish(self) -> Answer {
        let options = self.options;
        self.finish_taking(|body, request_id| {
            parse_job_owned(body, &options)
                .map_err(|error| ApiError::invalid_body(&error, request_id))
        })
    }

    /// The answer as `read` reads a success's body (with the request id, for its errors);
    /// an HTML page or an error answer is an error, as for a job: [`BodyReader::finish`]
    /// for any call.
    pub fn finish_with<T>(
        self,
        read: impl FnOnce(&[u8], Option<&str>) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.finish_taking(|body, request_id| read(&body, request_id))
    }

    /// [`BodyReader::finish_with`], handing `read` the body itself.
    fn finish_taking<T>(
        mut self,
        read: impl FnOnce(Vec<u8>, Option<&str>) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let body = std::mem::take(&mut self.body);
        let request_id = self.request_id.as_deref();
        let answer = if (200..300).contains(&self.status) {
            let first = body.iter().find(|byte| !byte.is_ascii_whitespace());
            if self.html || first == Some(&b'<') {
                Err(ApiError::not_api(self.status, request_id))
            } else {
                read(body, request_id)
            }
        } else {
            Err(ApiError::from_response(self.status, &body, request_id))
        };
        answer.map_err(|error| error.with_retry_after(self.retry_after_ms))
    }
}

/// What [`crate::poll::next_poll`] needs to know of an answer.
pub fn poll_outcome(answer: &Answer) -> PollOutcome {
    match answer {
        Ok(tree) => PollOutcome::Status(tree.root().status()),
        Err(error) if error.retryable() => {
            PollOutcome::RetryableError { retry_after_ms: error.retry_after_ms }
        }
        Err(_) => PollOutcome::FinalError,
    }
}

/// A redirect answer (never followed).
fn redirect_error(head: &ResponseHead<'_>, request_id: Option<&str>) -> ApiError {
    let status = (!head.opaque_redirect && head.status != 0).then_some(head.status);
    let answered = status.map_or_else(|| "a redirect".to_owned(), |s| format!("HTTP {s}"));
    let target = describe_location(head.location);
    ApiError::new(
        ApiErrorKind::Redirect,
        status,
        "REDIRECT",
        format!(
            "the server answered with {answered}, a redirect to {target}; redirects are \
             not followed, so that credentials never leave the endpoint: use the address \
             the redirect points to as the endpoint if you trust it"
        ),
    )
    .with_request_id(request_id)
}

/// Where a `Location` points, as much as is safe and useful to show: its origin, or
/// "a path of the same server".
fn describe_location(location: Option<&str>) -> String {
    let Some(location) = location.map(str::trim).filter(|location| !location.is_empty()) else {
        return "an address the browser does not show".to_owned();
    };
    let lower = location.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let scheme_length = location.len() - rest.len();
            let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or_default();
            // Drop a user name and password: only the host is shown.
            let host = authority.rsplit('@').next().unwrap_or_default();
            let host: String = host.chars().filter(|c| !c.is_control()).take(200).collect();
            format!("{}{host}", &location[..scheme_length])
        }
        None if location.starts_with("//") => "another server".to_owned(),
        None => "another path of the same server".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{job_request, RequestSpec};

    fn spec<'a>(endpoint: &'a str, project: &'a str, job: &'a str) -> RequestSpec<'a> {
        RequestSpec { endpoint, project_id: project, job_id: job, ..Default::default() }
    }

    fn head(status: u16) -> ResponseHead<'static> {
        ResponseHead { status, request_id: Some("r-1"), ..Default::default() }
    }

    #[test]
    fn bodies_stop_at_their_cap_while_streaming() {
        let options = ParseOptions { max_bytes: 10, ..Default::default() };
        let mut reader = BodyReader::start(&head(200), &options).unwrap();
        reader.push(b"{\"job_id\"").unwrap();
        let error = reader.push(b":\"x\"}").unwrap_err();
        assert_eq!((error.code.as_str(), error.kind), ("TOO_LARGE", ApiErrorKind::TooLarge));
        assert!(!error.retryable());
        let mut reader = BodyReader::start(&head(500), &ParseOptions::default()).unwrap();
        assert_eq!(reader.limit(), limits::MAX_ERROR_BYTES);
        assert!(reader.push(&vec![b' '; limits::MAX_ERROR_BYTES + 1]).is_err());
        let declared = ResponseHead { content_length: Some("11"), ..head(200) };
        assert_eq!(BodyReader::start(&declared, &options).unwrap_err().code, "TOO_LARGE");
    }

    #[test]
    fn redirects_are_answers_and_never_followed() {
        let moved =
            ResponseHead { location: Some("https://u:p@evil.example/steal?x"), ..head(302) };
        let error = BodyReader::start(&moved, &ParseOptions::default()).unwrap_err();
        assert_eq!((error.code.as_str(), error.http_status), ("REDIRECT", Some(302)));
        assert!(error.message.contains("https://evil.example"), "{}", error.message);
        assert!(!error.message.contains("steal") && !error.message.contains("u:p"));
        let opaque = ResponseHead { opaque_redirect: true, ..head(0) };
        let error = BodyReader::start(&opaque, &ParseOptions::default()).unwrap_err();
        assert_eq!((error.code.as_str(), error.http_status), ("REDIRECT", None));
    }

    #[test]
    fn answers_become_poll_outcomes() {
        let mut reader = BodyReader::start(&head(200), &ParseOptions::default()).unwrap();
        reader.push(br#"{"status":"RUNNING"}"#).unwrap();
        let answer = reader.finish();
        assert_eq!(poll_outcome(&answer), PollOutcome::Status(crate::StatusKind::Running));
        let throttled = ResponseHead { retry_after: Some("7"), ..head(429) };
        let answer = BodyReader::start(&throttled, &ParseOptions::default()).unwrap().finish();
        assert_eq!(
            poll_outcome(&answer),
            PollOutcome::RetryableError { retry_after_ms: Some(7_000) }
        );
        let html = ResponseHead { content_type: Some("text/html; charset=utf-8"), ..head(200) };
        let answer = BodyReader::start(&html, &ParseOptions::default()).unwrap().finish();
        assert_eq!(answer.as_ref().unwrap_err().code, "NOT_API");
        assert_eq!(poll_outcome(&answer), PollOutcome::FinalError);
        let mut reader = BodyReader::start(&head(200), &ParseOptions::default()).unwrap();
        reader.push(br#"{"status":"RUN"#).unwrap();
        let answer = reader.finish();
        assert_eq!(answer.as_ref().unwrap_err().code, "INVALID_BODY");
        assert!(matches!(poll_outcome(&answer), PollOutcome::RetryableError { .. }));
    }

    #[test]
    fn the_body_never_holds_more_than_its_cap() {
        let options = ParseOptions { max_bytes: 1_000, ..Default::default() };
        let mut reader = BodyReader::start(&head(200), &options).unwrap();
        for _ in 0..9 {
            reader.push(&[b' '; 111]).unwrap();
        }
        assert!(reader.body.capacity() <= 1_000, "{}", reader.body.capacity());
        let declared = ResponseHead { content_length: Some("60000000"), ..head(200) };
        let reader = BodyReader::start(&declared, &ParseOptions::default()).unwrap();
        assert!(reader.body.capacity() <= RESERVE_AHEAD as usize);
    }

    #[test]
    fn a_body_past_the_reserve_grows_once_to_its_declared_length() {
        let length = RESERVE_AHEAD as usize * 3 + 5;
        let declared = length.to_string();
        let head = ResponseHead { content_length: Some(&declared), ..head(200) };
        let mut reader = BodyReader::start(&head, &ParseOptions::default()).unwrap();
        let chunk = vec![b' '; 1 << 20];
        let mut capacities = vec![reader.body.capacity()];
        while reader.len() + chunk.len() <= length {
            reader.push(&chunk).unwrap();
            if capacities.last() != Some(&reader.body.capacity()) {
                capacities.push(reader.body.capacity());
            }
        }
        assert_eq!(capacities, [RESERVE_AHEAD as usize, length]);
        // More than declared: doubling again, still under the cap.
        reader.push(&vec![b' '; length - reader.len() + 1]).unwrap();
        assert!(reader.body.capacity() > length);
        assert!(reader.body.capacity() <= limits::MAX_INPUT_BYTES);
    }

    #[test]
    fn a_server_echoing_what_it_received_is_redacted() {
        let request = RequestSpec { token: Some("tok-456"), ..spec("", "p", "j") };
        let request = job_request(&request).unwrap();
        let head = ResponseHead { status: 401, ..Default::default() };
        let mut reader = BodyReader::start(&head, &ParseOptions::default()).unwrap();
        reader.push(br#"{"error_code":"APIGW.0301","error_msg":"bad token tok-456"}"#).unwrap();
        let error = answer(&request, Ok(reader)).unwrap_err();
        assert_eq!(error.message, "bad token [redacted]");
        let moved =
            ResponseHead { status: 302, location: Some("https://tok-456.evil.example/"), ..head };
        let error =
            answer(&request, BodyReader::start(&moved, &ParseOptions::default())).unwrap_err();
        assert!(!error.message.contains("tok-456"), "{}", error.message);
        let moved =
            ResponseHead { location: Some(r"https://evil.example\@good.example/"), ..moved };
        let error = BodyReader::start(&moved, &ParseOptions::default()).unwrap_err();
        assert!(error.message.contains("https://evil.example;"), "{}", error.message);
    }

    #[test]
    fn task_center_calls_are_built_checked_and_read() {
        use crate::exchange::{task_center_request, TaskCenterCall};
        use crate::task_center::{FailureJobsQuery, FailureStatus};
        let headers = [("X-CSRF-Token".to_owned(), "csrf-1".to_owned())];
        let spec = RequestSpec {
            endpoint: "/console/sdrs/",
            project_id: "p 1",
            token: Some("tok"),
            headers: &headers,
            ..Default::default()
        };
        let query = FailureJobsQuery {
            failure_status: Some(FailureStatus::FailoverFail),
            limit: Some(50),
            offset: Some(100),
            ..Default::default()
        };
        let list = task_center_request(&spec, &TaskCenterCall::List(&query)).unwrap();
        assert_eq!(list.method, "GET");
        assert_eq!(
            list.url,
            "/console/sdrs/v1/p%201/task-center/failure-jobs?failure_status=failoverFail&limit=50&offset=100"
        );
        assert_eq!(list.headers.len(), 3, "Accept, the token, the host's header");
        let plain = task_center_request(&spec, &TaskCenterCall::List(&FailureJobsQuery::default()))
            .unwrap();
        assert!(plain.url.ends_with("/task-center/failure-jobs"));
        let one = task_center_request(&spec, &TaskCenterCall::Delete("a/b")).unwrap();
        assert_eq!(
            (one.method, one.url.as_str()),
            ("DELETE", "/console/sdrs/v1/p%201/task-center/failure-jobs/a%2Fb")
        );
        let group = task_center_request(&spec, &TaskCenterCall::DeleteGroup("g-1")).unwrap();
        assert!(group.url.ends_with("/task-center/g-1/failure-jobs/batch"));
        let all = task_center_request(&spec, &TaskCenterCall::DeleteGroupLevel).unwrap();
        assert!(all.url.ends_with("/task-center/failure-jobs/batch"));
        // Refused before anything is sent, saying why.
        let too_many = FailureJobsQuery { limit: Some(5_000), ..Default::default() };
        let error = task_center_request(&spec, &TaskCenterCall::List(&too_many)).unwrap_err();
        assert_eq!(
            (error.code.as_str(), error.message.as_str()),
            ("BAD_QUERY", "limit: 0 to 1000, not 5000")
        );
        for id in ["", "..", "batch"] {
            assert_eq!(
                task_center_request(&spec, &TaskCenterCall::Delete(id)).unwrap_err().code,
                "BAD_FAILURE_JOB_ID",
                "{id:?}"
            );
        }
        // Reading: a page, a delete's 204, an error answer, an answer that is not one.
        let read = |status: u16, body: &[u8]| {
            let mut reader = BodyReader::start(&head(status), &ParseOptions::default()).unwrap();
            reader.push(body).unwrap();
            reader
        };
        let page = failure_jobs_answer(
            &list,
            Ok(read(200, br#"{"count": 1, "failure_jobs": [{"job_id": "j"}]}"#)),
        )
        .unwrap();
        assert_eq!(page.failure_jobs[0].job_id.as_deref(), Some("j"));
        assert_eq!(deleted_answer(&one, Ok(read(204, b""))), Ok(()));
        let refused = deleted_answer(
            &one,
            Ok(read(404, br#"{"error": {"code": "SDRS.0408", "message": "Null job"}}"#)),
        )
        .unwrap_err();
        assert_eq!((refused.http_status, refused.code.as_str()), (Some(404), "SDRS.0408"));
        let garbled =
            failure_jobs_answer(&list, Ok(read(200, br#"{"count": "tok"}"#))).unwrap_err();
        assert_eq!(garbled.code, "INVALID_BODY");
        assert!(
            garbled.message.contains("$.count") && !garbled.message.contains("tok\""),
            "{}",
            garbled.message
        );
        let page_html =
            failure_jobs_answer(&list, Ok(read(200, b"<html>login</html>"))).unwrap_err();
        assert_eq!(page_html.code, "NOT_API");
    }
}
