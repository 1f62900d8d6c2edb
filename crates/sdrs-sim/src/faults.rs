//! Fault injection, for testing clients: latency, 5xx answers, 429 with `Retry-After`, a
//! connection dropped mid-body, a malformed JSON body, a slow drip body.
//!
//! Faults come from three places: simulator-wide rates (`--error-rate` and friends, drawn
//! per request), a request's `X-Sim-Fault` header or `sim_fault` query parameter, and a
//! job's scripted faults (given when it is created, one set consumed per request).
//!
//! Spec syntax, comma-separated: `latency=MS`, `status=CODE` (400 to 599),
//! `throttle=SECONDS` (429 with `Retry-After`), `drop`, `malformed`, `drip=MS` (the body in
//! 256-byte chunks, one every MS).

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::errors::{error_response, Shape};

/// One fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Wait this many ms before answering.
    Latency(u64),
    /// Answer with this HTTP status and the body the service (or its proxies) would send.
    Status(u16),
    /// 429 with `Retry-After: seconds`.
    Throttle(u64),
    /// Send half the body, then drop the connection.
    Drop,
    /// 200 with a body that is not valid JSON.
    Malformed,
    /// Send the body in 256-byte chunks, one every this many ms.
    Drip(u64),
}

/// Longest latency or drip interval a spec may ask for.
const MAX_DELAY_MS: u64 = 60_000;
/// Most faults in one spec.
const MAX_FAULTS: usize = 8;

/// Parses a fault spec such as `latency=200,status=503`.
pub fn parse_faults(spec: &str) -> Result<Vec<Fault>, String> {
    let mut faults = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|part| !part.is_empty()) {
        if faults.len() == MAX_FAULTS {
            return Err(format!("at most {MAX_FAULTS} faults per request"));
        }
        let (name, value) = match part.split_once('=') {
            Some((name, value)) => (name.trim(), Some(value.trim())),
            None => (part, None),
        };
        let number = |what: &str, max: u64| -> Result<u64, String> {
            let value =
                value.ok_or_else(|| format!("fault `{name}` needs a value: `{name}={what}`"))?;
            let parsed: u64 =
                value.parse().map_err(|_| format!("fault `{name}`: {value:?} is not a number"))?;
            if parsed > max {
                return Err(format!("fault `{name}`: {parsed} is more than {max}"));
            }
            Ok(parsed)
        };
        let fault = match name {
            "latency" => Fault::Latency(number("MS", MAX_DELAY_MS)?),
            "status" => {
                let status = number("CODE", 599)?;
                if status < 400 {
                    return Err(format!("fault `status`: {status} is not an error status (400 to 599)"));
                }
                Fault::Status(status as u16)
            }
            "throttle" => Fault::Throttle(number("SECONDS", 3_600)?),
            "drop" => Fault::Drop,
            "malformed" => Fault::Malformed,
            "drip" => Fault::Drip(number("MS", MAX_DELAY_MS)?.max(1)),
            _ => {
                return Err(format!(
                    "unknown fault `{name}` (known: latency=MS, status=CODE, throttle=SECONDS, drop, malformed, drip=MS)"
                ))
            }
        };
        if value.is_some() && matches!(fault, Fault::Drop | Fault::Malformed) {
            return Err(format!("fault `{name}` takes no value"));
        }
        faults.push(fault);
    }
    Ok(faults)
}

/// Simulator-wide fault rates, each drawn per job request.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FaultRates {
    /// Latency added to every job request, in ms.
    pub latency_ms: u64,
    /// Share of requests answered 500, 502, 503 or 504.
    pub error_rate: f64,
    /// Share of requests answered 429 with `Retry-After: 1`.
    pub throttle_rate: f64,
    /// Share of requests whose connection drops mid-body.
    pub drop_rate: f64,
    /// Share of requests answered with malformed JSON.
    pub malformed_rate: f64,
    /// Drip every body, one 256-byte chunk every this many ms (0: off).
    pub drip_ms: u64,
}

impl FaultRates {
    /// Draws this request's faults.
    pub fn draw(&self) -> Vec<Fault> {
        let mut faults = Vec::new();
        if self.latency_ms > 0 {
            faults.push(Fault::Latency(self.latency_ms));
        }
        if fastrand::f64() < self.error_rate {
            faults.push(Fault::Status([500, 502, 503, 504][fastrand::usize(..4)]));
        } else if fastrand::f64() < self.throttle_rate {
            faults.push(Fault::Throttle(1));
        } else if fastrand::f64() < self.drop_rate {
            faults.push(Fault::Drop);
        } else if fastrand::f64() < self.malformed_rate {
            faults.push(Fault::Malformed);
        }
        if self.drip_ms > 0 {
            faults.push(Fault::Drip(self.drip_ms));
        }
        faults
    }
}

/// The answer to a job request under `faults`: `body` is the job's JSON.
pub async fn respond(faults: &[Fault], body: String, request_id: &str) -> Response {
    for fault in faults {
        if let Fault::Latency(ms) = fault {
            tokio::time::sleep(Duration::from_millis(*ms)).await;
        }
    }
    for fault in faults {
        match *fault {
            Fault::Status(status) => return status_response(status, request_id),
            Fault::Throttle(seconds) => {
                let mut response = error_response(
                    StatusCode::TOO_MANY_REQUESTS,
                    Shape::Gateway,
                    "APIGW.0308",
                    "The throttling threshold has been reached: policy user over ratelimit",
                    request_id,
                );
                response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
                return response;
            }
            _ => {}
        }
    }
    let drip = faults.iter().find_map(|fault| match fault {
        Fault::Drip(ms) => Some(*ms),
        _ => None,
    });
    if faults.contains(&Fault::Malformed) {
        // A body cut short and followed by a proxy's HTML: what a broken hop sends.
        let cut = body.len() / 2;
        let cut = (0..=cut).rev().find(|&index| body.is_char_boundary(index)).unwrap_or(0);
        let malformed = format!("{}<html><body>upstream reset</body></html>", &body[..cut]);
        return json_response(malformed, drip);
    }
    if faults.contains(&Fault::Drop) {
        return dropped_response(body);
    }
    json_response(body, drip)
}

fn json_response(body: String, drip_ms: Option<u64>) -> Response {
    let Some(interval) = drip_ms else {
        return ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    };
    let length = body.len();
    let bytes = Bytes::from(body);
    let chunks = futures_util::stream::unfold(0usize, move |offset| {
        let bytes = bytes.clone();
        async move {
            if offset >= bytes.len() {
                return None;
            }
            if offset > 0 {
                tokio::time::sleep(Duration::from_millis(interval)).await;
            }
            let end = (offset + 256).min(bytes.len());
            Some((Ok::<_, std::io::Error>(bytes.slice(offset..end)), end))
        }
    });
    Response::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, length)
        .body(Body::from_stream(chunks))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Announces the whole body, sends half, then fails the stream: the connection drops.
/// The pause lets the first half leave the server's buffer before the failure.
fn dropped_response(body: String) -> Response {
    let length = body.len();
    let half = Bytes::from(body).slice(..length / 2);
    let parts = futures_util::stream::unfold(Some(half), |pending| async move {
        match pending {
            Some(half) => Some((Ok(half), None)),
            None => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                let reset = std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "simulated connection drop",
                );
                Some((Err(reset), None))
            }
        }
    });
    Response::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, length)
        .body(Body::from_stream(parts))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// An error status with the body the service, its gateway or a proxy sends for it.
fn status_response(status: u16, request_id: &str) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match status {
        500 => error_response(code, Shape::Wrapped("error"), "SDRS.0013", "Internal error", request_id),
        502 => (
            code,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
        )
            .into_response(),
        503 => {
            let mut response = error_response(
                code,
                Shape::Gateway,
                "APIGW.0201",
                "Service unavailable: the backend is being upgraded",
                request_id,
            );
            response.headers_mut().insert(header::RETRY_AFTER, 1.into());
            response
        }
        504 => (code, [(header::CONTENT_TYPE, "application/json")], r#"{"message":"upstream request timeout"}"#).into_response(),
        _ => error_response(code, Shape::Wrapped("error"), &status.to_string(), "Injected by the simulator", request_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_bad_ones_say_why() {
        assert_eq!(
            parse_faults("latency=200, status=503,drop"),
            Ok(vec![Fault::Latency(200), Fault::Status(503), Fault::Drop])
        );
        assert_eq!(parse_faults(""), Ok(vec![]));
        assert!(parse_faults("status=200").unwrap_err().contains("not an error status"));
        assert!(parse_faults("latency").unwrap_err().contains("needs a value"));
        assert!(parse_faults("latency=99999999").unwrap_err().contains("more than"));
        assert!(parse_faults("explode").unwrap_err().contains("unknown fault `explode`"));
        assert!(parse_faults("drop=1").unwrap_err().contains("takes no value"));
        assert!(parse_faults(&"drop,".repeat(9)).unwrap_err().contains("at most"));
    }
}
