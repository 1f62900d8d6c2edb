//! One exchange with the jobs API, without IO: what to send, and how to read what came back.
//!
//! Like the polling policy, the protocol is pure functions (hyper's `h1` state machines and
//! `quinn-proto` are built the same way); the widget and `watchJob` are drivers that do the
//! fetch and hand bytes here. URL building, credentials, the caps on what is read and the
//! reading of answers exist once, so the two clients cannot drift.
//!
//! A driver:
//! 1. builds the request with [`job_request`]: the URL with every segment encoded and the
//!    headers, or an [`ApiError`] of kind [`ApiErrorKind::Request`] (then nothing is sent);
//! 2. sends it as `GET` with `redirect: "manual"` (redirects are never followed, so
//!    credentials never reach another server) and a timeout of
//!    [`crate::poll::PollPolicy::request_timeout_ms`];
//! 3. gives the status and headers to [`BodyReader::start`], which either answers at once
//!    (a redirect, a declared length over the cap) or says how much body to read;
//! 4. pushes each chunk as it arrives: [`BodyReader::push`] refuses the chunk that goes past
//!    the cap, and the driver stops reading and aborts the request;
//! 5. calls [`answer`] for the [`Answer`] (the body read, or the error that ended it, with
//!    every value sent cut out of it), and [`poll_outcome`] for [`crate::poll::next_poll`].
//!
//! Nothing the host gave (the token, header values) is ever part of an error message: not
//! in ours, and not in the server's own text (it may echo what it received).

use crate::api_error::ApiError;
#[cfg(test)]
use crate::api_error::ApiErrorKind;
use crate::limits;
use crate::parse::{parse_job_with, ParseOptions};
use crate::poll::PollOutcome;
use crate::JobTree;

/// What a request for a job is made of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestSpec<'a> {
    /// Where the API is: `""` for the page's own origin, a path of that origin such as
    /// `/console/sdrs` (a console's proxy), or an `http(s)://` URL.
    pub endpoint: &'a str,
    /// The project id.
    pub project_id: &'a str,
    /// The job id.
    pub job_id: &'a str,
    /// An IAM token, sent as `X-Auth-Token` (none with a host's own transport).
    pub token: Option<&'a str>,
    /// More headers from the host (e.g. a console's CSRF header), as name and value.
    pub headers: &'a [(String, String)],
}

/// A request ready to send: always `GET`, never following redirects.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobRequest {
    /// The URL, every path segment percent-encoded.
    pub url: String,
    /// Headers in order: `Accept`, then `X-Auth-Token` if there is a token, then the host's.
    pub headers: Vec<(String, String)>,
}

impl JobRequest {
    /// The values of the headers sent but `Accept`: the token, a CSRF header.
    fn secrets(&self) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(name, value)| !name.eq_ignore_ascii_case("accept") && !value.is_empty())
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// `text` with the value of every header sent but `Accept` (the token, a CSRF header)
    /// replaced by `[redacted]`: for texts of the runtime or a host's fetch that may quote
    /// what was sent, before they go into an error.
    pub fn redact(&self, text: &str) -> String {
        self.secrets()
            .iter()
            .fold(text.to_owned(), |text, secret| text.replace(secret, "[redacted]"))
    }
}

/// The answer to `request`: the body read to its end (`Ok`) or the error that ended the
/// exchange, with every value sent cut out of any error (a server may echo it).
pub fn answer(request: &JobRequest, body: Result<BodyReader, ApiError>) -> Answer {
    body.and_then(BodyReader::finish).map_err(|error| error.redacted(&request.secrets()))
}

/// The header that carries an IAM token.
pub const TOKEN_HEADER: &str = "X-Auth-Token";

/// Builds the request for a job, or says why it cannot be made (nothing is sent then).
/// Errors name the field at fault and never contain the token or a header's value.
pub fn job_request(spec: &RequestSpec<'_>) -> Result<JobRequest, ApiError> {
    let sends_credentials =
        spec.token.is_some_and(|token| !token.trim().is_empty()) || !spec.headers.is_empty();
    let base = check_endpoint(spec.endpoint, sends_credentials)?;
    let project = check_id(spec.project_id, "project id", "BAD_PROJECT_ID")?;
    let job = check_id(spec.job_id, "job id", "BAD_JOB_ID")?;
    let mut url = String::with_capacity(base.len() + project.len() + job.len() + 16);
    url.push_str(base);
    url.push_str("/v1/");
    encode_segment(project, &mut url);
    url.push_str("/jobs/");
    encode_segment(job, &mut url);
    let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
    if let Some(token) = check_token(spec.token)? {
        headers.push((TOKEN_HEADER.to_owned(), token.to_owned()));
    }
    for (name, value) in spec.headers {
        check_header(name, value)?;
        if headers.iter().any(|(known, _)| known.eq_ignore_ascii_case(name)) {
            let what = if name.eq_ignore_ascii_case(TOKEN_HEADER) {
                format!("the header `{name}` is given twice (as the token and in the headers)")
            } else {
                format!("the header `{name}` is given twice")
            };
            return Err(ApiError::request("BAD_HEADER", what));
        }
        headers.push((name.clone(), value.clone()));
    }
    Ok(JobRequest { url, headers })
}

/// The endpoint without its trailing `/`, if it is one we can send to (with credentials,
/// plain `http://` only to this machine: elsewhere the token would cross the network in
/// clear text).
fn check_endpoint(endpoint: &str, sends_credentials: bool) -> Result<&str, ApiError> {
    let endpoint = endpoint.trim();
    let refuse = |why: &str| {
        // The endpoint is not repeated: it may hold a user name and password.
        Err(ApiError::request(
            "BAD_ENDPOINT",
            format!(
                "the endpoint {why}; give an http(s) URL such as \
                 https://sdrs.cn-north-4.myhuaweicloud.com, a path of this page's origin such \
                 as /sdrs-proxy, or nothing for this page's origin"
            ),
        ))
    };
    if endpoint.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return refuse("contains a space, a control character or a backslash");
    }
    if endpoint.contains(['?', '#']) {
        return refuse("has a query or a fragment");
    }
    let trimmed = endpoint.trim_end_matches('/');
    if endpoint.is_empty() || (endpoint.starts_with('/') && !endpoint.starts_with("//")) {
        return Ok(trimmed);
    }
    let lower = endpoint.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))
    else {
        return refuse("is neither an http(s) URL nor a path");
    };
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.is_empty() {
        return refuse("has no host");
    }
    if authority.contains('@') {
        return refuse("holds a user name or password");
    }
    let host = authority.rsplit_once(':').map_or(authority, |(host, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            host
        } else {
            authority
        }
    });
    let loopback = host == "localhost" || host == "[::1]" || host.starts_with("127.");
    if sends_credentials && lower.starts_with("http://") && !loopback {
        return refuse("is plain http to another machine, which would send the token or headers in clear text (use https)");
    }
    Ok(trimmed)
}

/// An id, trimmed, if it can be a path segment.
fn check_id<'a>(id: &'a str, what: &str, code: &str) -> Result<&'a str, ApiError> {
    let id = id.trim();
    if id.is_empty() {
        return Err(ApiError::request(code, format!("the {what} is empty")));
    }
    // Browsers read `.`, `..` and their encodings (`%2e`) as path steps, so no encoding
    // keeps them in place: such an id is refused rather than sent somewhere else.
    if id == "." || id == ".." {
        return Err(ApiError::request(
            code,
            format!("the {what} `{id}` is not an id: it would change the request's path"),
        ));
    }
    if id.len() > limits::MAX_ID_BYTES {
        return Err(ApiError::request(
            code,
            format!("the {what} is {} bytes long, more than {}", id.len(), limits::MAX_ID_BYTES),
        ));
    }
    Ok(id)
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode_segment(segment: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in segment.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[(byte >> 4) as usize] as char);
            out.push(HEX[(byte & 15) as usize] as char);
        }
    }
}

/// The token, trimmed (none if empty), if it can be a header value.
fn check_token(token: Option<&str>) -> Result<Option<&str>, ApiError> {
    let Some(token) = token.map(str::trim).filter(|token| !token.is_empty()) else {
        return Ok(None);
    };
    // Only where the bad character is: the token itself is never repeated.
    let length = token.chars().count();
    if let Some((position, c)) = token.chars().enumerate().find(|(_, c)| !is_header_char(*c)) {
        let what = if c.is_control() {
            "a line break or another control character"
        } else {
            "a character that is not ASCII"
        };
        return Err(ApiError::request(
            "BAD_TOKEN",
            format!(
                "the token has {what} at character {} of {length}: paste it again as one line",
                position + 1
            ),
        ));
    }
    Ok(Some(token))
}

/// A host header's name and value, if they can be sent.
fn check_header(name: &str, value: &str) -> Result<(), ApiError> {
    let token_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token_char) {
        let shown: String = name.chars().filter(|c| !c.is_control()).take(64).collect();
        return Err(ApiError::request(
            "BAD_HEADER",
            format!("`{shown}` is not a header name (letters, digits and -_.!#$%&'*+^`|~ only)"),
        ));
    }
    if let Some(position) = value.chars().position(|c| !is_header_char(c)) {
        return Err(ApiError::request(
            "BAD_HEADER",
            format!(
                "the value of the header `{name}` has a line break, a control character or \
                 a character that is not ASCII at character {}",
                position + 1
            ),
        ));
    }
    Ok(())
}

fn is_header_char(c: char) -> bool {
    c == '\t' || (' '..='~').contains(&c)
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
    body: Vec<u8>,
    options: ParseOptions,
}

impl BodyReader {
    /// Reads the head. An `Err` is the whole answer (a redirect, a declared length over the
    /// cap): read no body then, and abort the request.
    pub fn start(head: &ResponseHead<'_>, options: &ParseOptions) -> Result<BodyReader, ApiError> {
        let request_id = head.request_id.map(str::trim).filter(|id| !id.is_empty());
        if head.opaque_redirect || (300..400).contains(&head.status) {
            return Err(ApiError::redirect(head, request_id));
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
            // Double, but never past the cap: the buffer holds at most the cap, not twice it.
            let target = needed.max(self.body.capacity().saturating_mul(2)).min(self.limit);
            self.body.reserve_exact(target - start);
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

    /// The answer, once the whole body is in.
    pub fn finish(self) -> Answer {
        let request_id = self.request_id.as_deref();
        let answer = if (200..300).contains(&self.status) {
            let first = self.body.iter().find(|byte| !byte.is_ascii_whitespace());
            if self.html || first == Some(&b'<') {
                Err(ApiError::not_api(self.status, request_id))
            } else {
                parse_job_with(&self.body, &self.options)
                    .map_err(|error| ApiError::invalid_body(&error, request_id))
            }
        } else {
            Err(ApiError::from_response(self.status, &self.body, request_id))
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

/// Where a `Location` points, as much as is safe and useful to show: its origin, or
/// "a path of the same server".
pub(crate) fn describe_location(location: Option<&str>) -> String {
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

    fn spec<'a>(endpoint: &'a str, project: &'a str, job: &'a str) -> RequestSpec<'a> {
        RequestSpec { endpoint, project_id: project, job_id: job, ..Default::default() }
    }

    #[test]
    fn urls_encode_every_segment_and_refuse_dot_segments() {
        let request = job_request(&spec("https://sdrs.example/", " p1 ", "a/b?c#d%e")).unwrap();
        assert_eq!(request.url, "https://sdrs.example/v1/p1/jobs/a%2Fb%3Fc%23d%25e");
        assert_eq!(job_request(&spec("", "p", "j.1")).unwrap().url, "/v1/p/jobs/j.1");
        assert_eq!(
            job_request(&spec("/proxy/sdrs/", "p", "j")).unwrap().url,
            "/proxy/sdrs/v1/p/jobs/j"
        );
        for id in [".", "..", " .. "] {
            let error = job_request(&spec("", "p", id)).unwrap_err();
            assert_eq!((error.kind, error.code.as_str()), (ApiErrorKind::Request, "BAD_JOB_ID"));
            assert!(!error.retryable());
            let error = job_request(&spec("", id, "j")).unwrap_err();
            assert_eq!(error.code, "BAD_PROJECT_ID");
        }
        assert_eq!(job_request(&spec("", "", "j")).unwrap_err().code, "BAD_PROJECT_ID");
        assert_eq!(job_request(&spec("", "p", "%2e%2e")).unwrap().url, "/v1/p/jobs/%252e%252e");
    }

    #[test]
    fn endpoints_that_would_send_elsewhere_are_refused_without_being_repeated() {
        for endpoint in [
            "//evil.example",
            "https://user:secret@host.example",
            "ftp://host",
            "javascript:alert(1)",
            "https://host/?x=1",
            "https://",
            "https://host/a b",
            "host.example",
        ] {
            let error = job_request(&spec(endpoint, "p", "j")).unwrap_err();
            assert_eq!(error.code, "BAD_ENDPOINT", "{endpoint}");
            assert!(!error.message.contains("secret"), "{}", error.message);
        }
        assert!(job_request(&spec("HTTP://Host:8081", "p", "j")).is_ok());
        let with_token = |endpoint| RequestSpec { token: Some("t"), ..spec(endpoint, "p", "j") };
        let error = job_request(&with_token("http://sdrs.example")).unwrap_err();
        assert!(error.message.contains("clear text"), "{}", error.message);
        for endpoint in [
            "http://127.0.0.1:8081",
            "http://localhost:8081",
            "http://[::1]:8081",
            "https://sdrs.example",
        ] {
            assert!(job_request(&with_token(endpoint)).is_ok(), "{endpoint}");
        }
    }

    #[test]
    fn tokens_with_control_characters_are_refused_without_being_repeated() {
        let token = "MIIsecret\nrest";
        let request = RequestSpec { token: Some(token), ..spec("", "p", "j") };
        let error = job_request(&request).unwrap_err();
        assert_eq!(error.code, "BAD_TOKEN");
        assert!(error.message.contains("character 10 of 14"), "{}", error.message);
        assert!(!error.to_string().contains("MIIsecret") && !error.to_string().contains("rest"));
        let request = RequestSpec { token: Some("  tok  "), ..spec("", "p", "j") };
        assert_eq!(
            job_request(&request).unwrap().headers[1],
            ("X-Auth-Token".into(), "tok".into())
        );
        let request = RequestSpec { token: Some("   "), ..spec("", "p", "j") };
        assert_eq!(job_request(&request).unwrap().headers.len(), 1);
    }

    #[test]
    fn texts_are_redacted_of_every_value_sent() {
        let headers = vec![("X-CSRF-Token".to_owned(), "csrf-123".to_owned())];
        let request =
            RequestSpec { token: Some("tok-456"), headers: &headers, ..spec("", "p", "j") };
        let request = job_request(&request).unwrap();
        assert_eq!(
            request.redact("bad header tok-456 / csrf-123 for application/json"),
            "bad header [redacted] / [redacted] for application/json"
        );
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
    fn host_headers_are_checked_and_never_duplicated() {
        let headers = vec![("X-CSRF-Token".to_owned(), "abc".to_owned())];
        let request = RequestSpec { headers: &headers, ..spec("", "p", "j") };
        assert_eq!(job_request(&request).unwrap().headers.len(), 2);
        for (name, value, says) in [
            ("X-CSRF-Token", "a\r\nInjected: yes", "line break"),
            ("Bad Name", "v", "not a header name"),
            ("accept", "text/html", "twice"),
            ("x-auth-token", "v", "as the token"),
        ] {
            let headers = vec![(name.to_owned(), value.to_owned())];
            let request = RequestSpec { token: Some("t"), headers: &headers, ..spec("", "p", "j") };
            let error = job_request(&request).unwrap_err();
            assert_eq!(error.code, "BAD_HEADER");
            assert!(error.message.contains(says), "{}", error.message);
            assert!(!error.message.contains("Injected"), "{}", error.message);
        }
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
}
