//! Authentication like the real service: a project-scoped `X-Auth-Token`, or AK/SK request
//! signing (`SDK-HMAC-SHA256`), verified the way the official SDKs sign.
//!
//! Signing (from the SDKs' `Signer`): the canonical request is the method, the path with
//! every segment percent-encoded and a trailing `/`, the query sorted by key and value and
//! percent-encoded, `name:value\n` for each signed header (lower-case names, trimmed
//! values), the signed header names joined by `;`, and the hex SHA-256 of the body (or
//! `X-Sdk-Content-Sha256`). The string to sign is `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex
//! SHA-256 of the canonical request>`; the signature is the hex HMAC-SHA256 of it keyed
//! with the SK. An `X-Sdk-Date` more than 15 minutes from the server's clock is refused.

use axum::http::{HeaderMap, Method};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::config::{Config, MAX_SIGNATURE_AGE_MS};

/// Why a request is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    /// 401, with what was wrong (never echoing a secret).
    Unauthorized(String),
    /// 403: valid credentials for another project.
    Forbidden,
}

/// The parts of a request that authentication looks at.
pub struct SignedRequest<'a> {
    /// The method.
    pub method: &'a Method,
    /// The path as received (percent-encoded).
    pub path: &'a str,
    /// The raw query string, if any.
    pub query: Option<&'a str>,
    /// The headers.
    pub headers: &'a HeaderMap,
    /// The body.
    pub body: &'a [u8],
}

/// Checks a request's credentials for `project_id` at `now_ms`.
pub fn authorize(
    config: &Config,
    request: &SignedRequest<'_>,
    project_id: &str,
    now_ms: i64,
) -> Result<(), AuthError> {
    // A credential header that is there but cannot be read (bytes outside visible ASCII) is
    // a wrong credential, never "no credentials": anonymous access must not accept it.
    let header = |name: &str| -> Result<Option<&str>, AuthError> {
        match request.headers.get(name) {
            None => Ok(None),
            Some(value) => value.to_str().map(Some).map_err(|_| {
                AuthError::Unauthorized(format!("the {name} header is not readable text"))
            }),
        }
    };
    if let Some(authorization) = header("authorization")? {
        verify_signature(config, request, authorization, now_ms)?;
    } else if let Some(token) = header("x-auth-token")? {
        if !same_secret(token.trim(), &config.token) {
            return Err(AuthError::Unauthorized("the token is invalid or expired".to_owned()));
        }
    } else if config.allow_anonymous {
        // Anonymous requests act for the printed project only: another project is refused
        // with 403, as the real service refuses a token of another project.
    } else {
        return Err(AuthError::Unauthorized(
            "no credentials: send X-Auth-Token, or sign the request with SDK-HMAC-SHA256"
                .to_owned(),
        ));
    }
    if project_id != config.project_id {
        return Err(AuthError::Forbidden);
    }
    Ok(())
}

/// Whether `given` is `expected`, in time that does not depend on where they differ (the
/// length may show; the token's content does not).
fn same_secret(given: &str, expected: &str) -> bool {
    use subtle::ConstantTimeEq;
    given.len() == expected.len() && bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

/// [`authorize`] answered as the service answers: 401 or 403 with its error body.
pub fn require(
    state: &crate::state::AppState,
    request: &SignedRequest<'_>,
    project_id: &str,
) -> Result<(), crate::errors::ServiceError> {
    use crate::errors::ServiceError;
    match authorize(&state.config, request, project_id, state.now_ms()) {
        Ok(()) => Ok(()),
        Err(AuthError::Unauthorized(message)) => Err(ServiceError::unauthorized(&message)),
        Err(AuthError::Forbidden) => Err(ServiceError::forbidden(project_id)),
    }
}

fn unauthorized<T>(message: impl Into<String>) -> Result<T, AuthError> {
    Err(AuthError::Unauthorized(message.into()))
}

fn verify_signature(
    config: &Config,
    request: &SignedRequest<'_>,
    authorization: &str,
    now_ms: i64,
) -> Result<(), AuthError> {
    let Some(parameters) = authorization.strip_prefix("SDK-HMAC-SHA256 ") else {
        return unauthorized("unsupported Authorization scheme (expected SDK-HMAC-SHA256)");
    };
    let mut access = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in parameters.split(',') {
        match part.trim().split_once('=') {
            Some(("Access", value)) => access = Some(value.trim()),
            Some(("SignedHeaders", value)) => signed_headers = Some(value.trim()),
            Some(("Signature", value)) => signature = Some(value.trim()),
            _ => return unauthorized("malformed Authorization header"),
        }
    }
    let (Some(access), Some(signed_headers), Some(signature)) = (access, signed_headers, signature)
    else {
        return unauthorized("Authorization needs Access, SignedHeaders and Signature");
    };
    if !same_secret(access, &config.access_key) {
        return unauthorized("unknown access key");
    }
    let Some(date) = request.headers.get("x-sdk-date").and_then(|value| value.to_str().ok()) else {
        return unauthorized("X-Sdk-Date is missing");
    };
    let Some(signed_at) = parse_sdk_date(date) else {
        return unauthorized("X-Sdk-Date must look like 20060102T150405Z");
    };
    if (now_ms - signed_at).abs() > MAX_SIGNATURE_AGE_MS {
        return unauthorized("X-Sdk-Date is more than 15 minutes away from the server time");
    }
    let header_names: Vec<&str> = signed_headers.split(';').collect();
    if !header_names.contains(&"x-sdk-date") {
        return unauthorized("SignedHeaders must include x-sdk-date");
    }
    let canonical = canonical_request(request, &header_names).map_err(AuthError::Unauthorized)?;
    let string_to_sign =
        format!("SDK-HMAC-SHA256\n{date}\n{}", hex(&Sha256::digest(canonical.as_bytes())));
    let Some(signature_bytes) = unhex(signature) else {
        return unauthorized("the signature is not hexadecimal");
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(config.secret_key.as_bytes())
        .expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    mac.verify_slice(&signature_bytes)
        .map_err(|_| AuthError::Unauthorized("the signature does not match".to_owned()))
}

/// The canonical request, exactly as the SDKs build it.
pub fn canonical_request(
    request: &SignedRequest<'_>,
    signed_headers: &[&str],
) -> Result<String, String> {
    let path = percent_decode(request.path);
    let mut canonical_path = path.split('/').map(url_encode).collect::<Vec<_>>().join("/");
    if !canonical_path.ends_with('/') {
        canonical_path.push('/');
    }
    let mut query: Vec<(String, String)> = request
        .query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect();
    query.sort();
    let canonical_query = query
        .iter()
        .map(|(key, value)| format!("{}={}", url_encode(key), url_encode(value)))
        .collect::<Vec<_>>()
        .join("&");
    let mut canonical_headers = String::new();
    for name in signed_headers {
        let value = request
            .headers
            .get(*name)
            .ok_or_else(|| format!("signed header {name} is not in the request"))?
            .to_str()
            .map_err(|_| format!("signed header {name} is not text"))?;
        canonical_headers.push_str(&format!("{name}:{}\n", value.trim()));
    }
    let body_hash =
        match request.headers.get("x-sdk-content-sha256").and_then(|value| value.to_str().ok()) {
            Some(declared) => declared.to_owned(),
            None => hex(&Sha256::digest(request.body)),
        };
    Ok(format!(
        "{}\n{canonical_path}\n{canonical_query}\n{canonical_headers}\n{}\n{body_hash}",
        request.method.as_str().to_uppercase(),
        signed_headers.join(";"),
    ))
}

/// Signs a request as the SDKs do: returns the `Authorization` value. For tests and tools.
pub fn sign(
    request: &SignedRequest<'_>,
    access_key: &str,
    secret_key: &str,
    sdk_date: &str,
) -> Result<String, String> {
    let mut names: Vec<String> =
        request.headers.keys().map(|name| name.as_str().to_lowercase()).collect();
    names.sort();
    names.dedup();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let canonical = canonical_request(request, &names)?;
    let string_to_sign =
        format!("SDK-HMAC-SHA256\n{sdk_date}\n{}", hex(&Sha256::digest(canonical.as_bytes())));
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()).expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    Ok(format!(
        "SDK-HMAC-SHA256 Access={access_key}, SignedHeaders={}, Signature={}",
        names.join(";"),
        hex(&mac.finalize().into_bytes())
    ))
}

/// `20060102T150405Z` to epoch milliseconds.
pub fn parse_sdk_date(text: &str) -> Option<i64> {
    if text.len() != 16 || !text.is_ascii() {
        return None;
    }
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &text[0..4],
        &text[4..6],
        &text[6..8],
        &text[9..11],
        &text[11..13],
        &text[13..15]
    );
    (text.as_bytes()[8] == b'T' && text.ends_with('Z')).then_some(())?;
    sdrs_job_core::parse_timestamp(&iso).ok()
}

/// Epoch milliseconds to `20060102T150405Z`.
pub fn format_sdk_date(millis: i64) -> String {
    let iso = sdrs_job_core::format_timestamp(millis);
    format!(
        "{}{}{}T{}{}{}Z",
        &iso[0..4],
        &iso[5..7],
        &iso[8..10],
        &iso[11..13],
        &iso[14..16],
        &iso[17..19]
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|index| u8::from_str_radix(text.get(index..index + 2)?, 16).ok())
        .collect()
}

/// Percent-encodes all but the unreserved characters (Python's `quote(s, safe='~')`).
fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            if let Some(value) =
                text.get(index + 1..index + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                out.push(value);
                index += 3;
                continue;
            }
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn sdk_dates_round_trip() {
        let millis = parse_sdk_date("20190613T094053Z").unwrap();
        assert_eq!(sdrs_job_core::format_timestamp(millis), "2019-06-13T09:40:53.000Z");
        assert_eq!(format_sdk_date(millis), "20190613T094053Z");
        assert!(parse_sdk_date("2019-06-13T09:40:53Z").is_none());
        assert!(parse_sdk_date("20191313T094053Z").is_none());
    }

    #[test]
    fn a_signed_request_verifies_and_a_tampered_one_does_not() {
        let config = Config::default();
        let now = parse_sdk_date("20261128T120000Z").unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("host", HeaderValue::from_static("127.0.0.1:8081"));
        headers.insert("x-sdk-date", HeaderValue::from_static("20261128T120000Z"));
        headers.insert("x-project-id", HeaderValue::from_static("p"));
        let path = format!("/v1/{}/jobs/0000000062db92d70162db9d200f000a", config.project_id);
        let signed_with = |headers: &HeaderMap, secret: &str| {
            let request = SignedRequest {
                method: &Method::GET,
                path: &path,
                query: Some("b=2&a=1"),
                headers,
                body: b"",
            };
            sign(&request, &config.access_key, secret, "20261128T120000Z").unwrap()
        };
        let authorization = signed_with(&headers, &config.secret_key);
        let wrong_key = signed_with(&headers, "wrong-secret");
        headers.insert("authorization", HeaderValue::from_str(&authorization).unwrap());
        let request = SignedRequest {
            method: &Method::GET,
            path: &path,
            query: Some("b=2&a=1"),
            headers: &headers,
            body: b"",
        };
        assert_eq!(authorize(&config, &request, &config.project_id, now), Ok(()));
        assert_eq!(authorize(&config, &request, "another-project", now), Err(AuthError::Forbidden));
        let stale = authorize(&config, &request, &config.project_id, now + 16 * 60 * 1_000);
        assert!(
            matches!(stale, Err(AuthError::Unauthorized(message)) if message.contains("15 minutes"))
        );
        let tampered = SignedRequest { query: Some("a=1&b=3"), ..request };
        assert!(matches!(
            authorize(&config, &tampered, &config.project_id, now),
            Err(AuthError::Unauthorized(_))
        ));
        let mut wrong_headers = headers.clone();
        wrong_headers.insert("authorization", HeaderValue::from_str(&wrong_key).unwrap());
        let request = SignedRequest { headers: &wrong_headers, ..request };
        let refused = authorize(&config, &request, &config.project_id, now);
        assert!(
            matches!(refused, Err(AuthError::Unauthorized(message)) if message.contains("does not match"))
        );
    }
}
