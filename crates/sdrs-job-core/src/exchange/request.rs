//! The request for a job: its URL, every segment encoded, and its headers, or why it
//! cannot be made (nothing is sent then; no error holds a secret).

use crate::api_error::ApiError;
#[cfg(test)]
use crate::api_error::ApiErrorKind;
use crate::limits;
use crate::percent::encode as encode_segment;
use crate::task_center::FailureJobsQuery;

/// What a request is made of: where the API is, the project, the credentials; and, for
/// the job API, the job.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestSpec<'a> {
    /// Where the API is: `""` for the page's own origin, a path of that origin such as
    /// `/console/sdrs` (a console's proxy), or an `http(s)://` URL.
    pub endpoint: &'a str,
    /// The project id.
    pub project_id: &'a str,
    /// The job id (the job API's; a Task Center call names what it is about itself).
    pub job_id: &'a str,
    /// An IAM token, sent as `X-Auth-Token` (none with a host's own transport).
    pub token: Option<&'a str>,
    /// More headers from the host (e.g. a console's CSRF header), as name and value.
    pub headers: &'a [(String, String)],
}

/// A request ready to send, never following redirects: a job's (`GET`), or a Task
/// Center call's (`GET` or `DELETE`), without a body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobRequest {
    /// `GET` or `DELETE`.
    pub method: &'static str,
    /// The URL, every path segment percent-encoded.
    pub url: String,
    /// Headers in order: `Accept`, then `X-Auth-Token` if there is a token, then the host's.
    pub headers: Vec<(String, String)>,
}

impl JobRequest {
    /// The values of the headers sent but `Accept`: the token, a CSRF header.
    pub(crate) fn secrets(&self) -> Vec<&str> {
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

/// The header that carries an IAM token.
pub const TOKEN_HEADER: &str = "X-Auth-Token";

/// Builds the request for a job, or says why it cannot be made (nothing is sent then).
/// Errors name the field at fault and never contain the token or a header's value.
pub fn job_request(spec: &RequestSpec<'_>) -> Result<JobRequest, ApiError> {
    let mut request = project_request(spec, "GET")?;
    let job = check_id(spec.job_id, "job id", "BAD_JOB_ID")?;
    request.url.push_str("/jobs/");
    encode_segment(job, &mut request.url);
    Ok(request)
}

/// A call of the Task Center (`/v1/{project_id}/task-center/...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskCenterCall<'a> {
    /// `GET .../failure-jobs` with filters and paging (checked first).
    List(&'a FailureJobsQuery),
    /// `DELETE .../failure-jobs/{id}`: one entry, by its `job_id` or `resource_id`.
    Delete(&'a str),
    /// `DELETE .../{server_group_id}/failure-jobs/batch`: every entry inside a group.
    DeleteGroup(&'a str),
    /// `DELETE .../failure-jobs/batch`: every group-level entry.
    DeleteGroupLevel,
}

/// Builds the request of a Task Center call, or says why it cannot be made (nothing is
/// sent then), like [`job_request`]; `spec.job_id` is not used.
pub fn task_center_request(
    spec: &RequestSpec<'_>,
    call: &TaskCenterCall<'_>,
) -> Result<JobRequest, ApiError> {
    let method = match call {
        TaskCenterCall::List(_) => "GET",
        _ => "DELETE",
    };
    let mut request = project_request(spec, method)?;
    let url = &mut request.url;
    url.push_str("/task-center/");
    match call {
        TaskCenterCall::List(query) => {
            query.check().map_err(|error| ApiError::request("BAD_QUERY", error.to_string()))?;
            url.push_str("failure-jobs");
            let query = query.to_query_string();
            if !query.is_empty() {
                url.push('?');
                url.push_str(&query);
            }
        }
        TaskCenterCall::Delete(id) => {
            // `batch` in its place would delete every group-level entry instead.
            let id = check_id(id, "failed job id", "BAD_FAILURE_JOB_ID")?;
            if id == "batch" {
                return Err(ApiError::request(
                    "BAD_FAILURE_JOB_ID",
                    "the failed job id `batch` would delete every group-level entry; use the call for that".to_owned(),
                ));
            }
            url.push_str("failure-jobs/");
            encode_segment(id, url);
        }
        TaskCenterCall::DeleteGroup(group) => {
            let group = check_id(group, "protection group id", "BAD_SERVER_GROUP_ID")?;
            encode_segment(group, url);
            url.push_str("/failure-jobs/batch");
        }
        TaskCenterCall::DeleteGroupLevel => url.push_str("failure-jobs/batch"),
    }
    Ok(request)
}

/// The request up to `/v1/{project_id}` with its headers, checked.
fn project_request(spec: &RequestSpec<'_>, method: &'static str) -> Result<JobRequest, ApiError> {
    let sends_credentials =
        spec.token.is_some_and(|token| !token.trim().is_empty()) || !spec.headers.is_empty();
    let base = check_endpoint(spec.endpoint, sends_credentials)?;
    let project = check_id(spec.project_id, "project id", "BAD_PROJECT_ID")?;
    let mut url = String::with_capacity(base.len() + project.len() + 64);
    url.push_str(base);
    url.push_str("/v1/");
    encode_segment(project, &mut url);
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
    Ok(JobRequest { method, url, headers })
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
    let loopback = host == "localhost" || host == "[::1]" || is_loopback_ipv4(host);
    if sends_credentials && lower.starts_with("http://") && !loopback {
        return refuse("is plain http to another machine, which would send the token or headers in clear text (use https)");
    }
    Ok(trimmed)
}

/// Whether `host` is an IPv4 literal in 127.0.0.0/8 (`127.attacker.example` is not).
fn is_loopback_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4 && parts[0] == "127" && parts.iter().all(|part| part.parse::<u8>().is_ok())
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
        for endpoint in
            ["http://sdrs.example", "http://127.attacker.example", "http://127.0.0.1.nip.io:80"]
        {
            let error = job_request(&with_token(endpoint)).unwrap_err();
            assert!(error.message.contains("clear text"), "{endpoint}: {}", error.message);
        }
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
}
