//! The simulator through its router (`app()`) and through real HTTP on loopback: the wire
//! format, the documented jobs, errors in the service's shapes, live scenarios, faults,
//! limits and CORS.

mod common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use sdrs_job_core::poll::{next_poll, PollDecision, PollOutcome, PollPolicy, StopReason};
use sdrs_job_core::{parse_job, ApiError, StatusKind};
use sdrs_sim::state::DOCUMENTED_JOBS;
use sdrs_sim::{app, AppState, Config};
use tower::ServiceExt;

const START_MS: i64 = 1_796_000_000_000;

fn manual_clock() -> (Arc<AtomicI64>, AppState) {
    let now = Arc::new(AtomicI64::new(START_MS));
    let clock_now = now.clone();
    let state =
        AppState::with_clock(Config::default(), Arc::new(move || clock_now.load(Ordering::SeqCst)));
    (now, state)
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn api_error(&self) -> ApiError {
        let request_id = self.headers.get("x-request-id").and_then(|value| value.to_str().ok());
        ApiError::from_response(self.status.as_u16(), self.body.as_bytes(), request_id)
    }
}

async fn call(
    state: &AppState,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut builder = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let response = app(state.clone())
        .oneshot(builder.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .map(|collected| collected.to_bytes())
        .unwrap_or_default();
    Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

fn job_uri(config: &Config, job_id: &str) -> String {
    format!("/v1/{}/jobs/{job_id}", config.project_id)
}

/// The headers `POST /sim/jobs` needs: JSON, and the default token.
const POST_HEADERS: [(&str, &str); 2] =
    [("content-type", "application/json"), ("x-auth-token", sdrs_sim::config::DEFAULT_TOKEN)];

async fn create(state: &AppState, body: &str) -> String {
    let answer = call(state, "POST", "/sim/jobs", &POST_HEADERS, body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let value: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    value["job_id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn documented_jobs_are_served_byte_for_byte() {
    let state = AppState::new(Config { allow_anonymous: true, ..Config::default() });
    for (job_id, text) in DOCUMENTED_JOBS {
        let project = "0605767c3a00d4a52f4cc00a4d2b5e7a";
        let answer = call(&state, "GET", &format!("/v1/{project}/jobs/{job_id}"), &[], "").await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.body, text, "served exactly as the API page prints it");
        assert_eq!(answer.headers["content-type"], "application/json");
        assert!(answer.headers.contains_key("x-request-id"));
        // Anonymous access is scoped to the printed project, as a token is.
        let other =
            call(&state, "GET", &format!("/v1/another-project/jobs/{job_id}"), &[], "").await;
        assert_eq!(other.status, StatusCode::FORBIDDEN, "{}", other.body);
    }
}

#[tokio::test]
async fn errors_come_in_the_services_shapes_with_request_ids() {
    let config = Config::default();
    let state = AppState::new(config.clone());
    let token = ("x-auth-token", config.token.as_str());
    let documented = job_uri(&config, DOCUMENTED_JOBS[0].0);

    let missing = call(&state, "GET", &documented, &[], "").await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    let error = missing.api_error();
    assert_eq!(error.code, "APIGW.0301");
    assert!(error.message.contains("no credentials"), "{}", error.message);
    let body: serde_json::Value = serde_json::from_str(&missing.body).unwrap();
    assert_eq!(
        body["request_id"].as_str(),
        error.request_id.as_deref(),
        "body and header carry the same id"
    );

    let wrong = call(&state, "GET", &documented, &[("x-auth-token", "stolen")], "").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(!wrong.body.contains("stolen"), "a credential is never echoed");

    let other_project = call(
        &state,
        "GET",
        "/v1/ffffffffffffffffffffffffffffffff/jobs/0000000062db92d70162db9d200f000a",
        &[token],
        "",
    )
    .await;
    assert_eq!(other_project.status, StatusCode::FORBIDDEN);
    assert_eq!(other_project.api_error().code, "SDRS.0004");

    let malformed = call(&state, "GET", &job_uri(&config, "not-a-job-id"), &[token], "").await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.api_error().code, "SDRS.0201");
    assert!(!malformed.api_error().not_found());

    let unknown =
        call(&state, "GET", &job_uri(&config, "ffffffffffffffffffffffffffffffff"), &[token], "")
            .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let error = unknown.api_error();
    assert!(error.not_found() && !error.retryable());
    assert!(unknown.body.starts_with(r#"{"itemNotFound":"#), "{}", unknown.body);

    let no_route = call(&state, "GET", "/v2/nothing", &[token], "").await;
    assert_eq!(no_route.status, StatusCode::NOT_FOUND);
    assert_eq!(no_route.api_error().code, "APIGW.0101");
    for answer in [&missing, &wrong, &other_project, &malformed, &unknown, &no_route] {
        assert!(answer.headers.contains_key("x-request-id"));
    }
}

#[tokio::test]
async fn a_scenario_unfolds_with_time() {
    let (now, state) = manual_clock();
    let config = state.config.clone();
    let job_id = create(&state, r#"{"scenario": "failover-fail", "speed": 1}"#).await;
    let token = ("x-auth-token", config.token.as_str());
    let read =
        |body: &str| parse_job(body.as_bytes()).expect("the simulator speaks the wire format");

    let first = call(&state, "GET", &job_uri(&config, &job_id), &[token], "").await;
    let tree = read(&first.body);
    assert_eq!(tree.root().job_id(), Some(job_id.as_str()));
    assert_eq!(tree.root().status(), StatusKind::Init);
    assert_eq!(tree.root().begin_ms(), None);

    let caught_mid_flight =
        create(&state, r#"{"scenario": "failover-fail", "elapsed_ms": 6000}"#).await;
    let mid =
        read(&call(&state, "GET", &job_uri(&config, &caught_mid_flight), &[token], "").await.body);
    assert_eq!(mid.root().status(), StatusKind::Running);
    assert_eq!(mid.root().begin_ms(), Some(START_MS - 6_000 + 1_500));

    now.fetch_add(6_000, Ordering::SeqCst);
    let running = read(&call(&state, "GET", &job_uri(&config, &job_id), &[token], "").await.body);
    assert_eq!(running.root().status(), StatusKind::Running);
    assert_eq!(running.root().begin_ms(), Some(START_MS + 1_500));
    assert!(running.iter().any(|job| job.status() == StatusKind::Success), "some steps are done");
    assert!(
        running.iter().any(|job| job.depth() == 2 && job.status() == StatusKind::Init),
        "some have not started"
    );

    now.fetch_add(600_000, Ordering::SeqCst);
    let done = read(&call(&state, "GET", &job_uri(&config, &job_id), &[token], "").await.body);
    assert_eq!(done.root().status(), StatusKind::Fail);
    let summary = sdrs_job_core::summarize(&done, now.load(Ordering::SeqCst));
    let origin = summary.first_origin().unwrap();
    assert_eq!((origin.error_code.as_deref(), origin.depth), (Some("SDRS.1308"), 2));
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
}

#[tokio::test]
async fn every_scenario_has_what_it_promises() {
    let (now, state) = manual_clock();
    let config = state.config.clone();
    let token = ("x-auth-token", config.token.as_str());
    let mut finished = Vec::new();
    for scenario in sdrs_sim::scenarios::Scenario::ALL {
        let id = create(&state, &format!(r#"{{"scenario": "{}"}}"#, scenario.name())).await;
        finished.push((scenario, id));
    }
    now.fetch_add(3_600_000, Ordering::SeqCst);
    for (scenario, id) in finished {
        let tree = parse_job(
            call(&state, "GET", &job_uri(&config, &id), &[token], "").await.body.as_bytes(),
        )
        .unwrap();
        let summary = sdrs_job_core::summarize(&tree, now.load(Ordering::SeqCst));
        use sdrs_sim::scenarios::Scenario::*;
        match scenario {
            Failover => assert_eq!(
                (summary.status_kind, summary.total, summary.max_depth),
                (StatusKind::Success, 17, 2)
            ),
            FailoverFail => assert_eq!(summary.status_kind, StatusKind::Fail),
            CreateProtectionGroup => {
                assert_eq!((summary.status_kind, summary.total), (StatusKind::Success, 1))
            }
            DrillFail => {
                let origin = summary.first_origin().unwrap();
                assert!(origin.error_code.as_deref().unwrap().starts_with("SDRS.04"));
                assert!(origin.fail_reason.as_deref().unwrap().contains("sold out"));
                assert_eq!(origin.depth, 1);
            }
            Large => assert!(summary.total > 2_000, "{}", summary.total),
            Odd => {
                assert!(summary.counts.unknown >= 1);
                assert!(tree
                    .iter()
                    .any(|job| sdrs_job_core::job_type_info(job.job_type().unwrap()).is_none()));
                assert!(summary
                    .warnings
                    .iter()
                    .any(|warning| warning.code.as_str() == "UNKNOWN_STATUS"));
                // The pause before the last step is a gap the timeline marks.
                let analysis = sdrs_job_core::Analysis::new(tree.clone());
                let (from, to) = analysis.gap_before(tree.len() - 1).expect("a gap");
                assert_eq!(to - from, 3_000);
            }
        }
    }
}

#[tokio::test]
async fn a_failover_can_be_resized_to_two_or_three_levels() {
    let (_, state) = manual_clock();
    let config = state.config.clone();
    let token = ("x-auth-token", config.token.as_str());
    for (body, jobs, depth) in [
        (
            r#"{"scenario": "large", "elapsed_ms": 86400000, "shape": {"instances": 1000}}"#,
            1_001,
            1,
        ),
        (
            r#"{"scenario": "large", "elapsed_ms": 86400000, "shape": {"instances": 30, "steps": 32}}"#,
            991,
            2,
        ),
    ] {
        let job_id = create(&state, body).await;
        let answer = call(&state, "GET", &job_uri(&config, &job_id), &[token], "").await;
        let tree = parse_job(answer.body.as_bytes()).expect("the wire format");
        assert_eq!(tree.len(), jobs, "{body}");
        assert_eq!(tree.iter().map(|job| job.depth()).max(), Some(depth), "{body}");
        assert_eq!(tree.root().status(), StatusKind::Success, "finished: {body}");
    }
}

#[tokio::test]
async fn creating_jobs_validates_its_input() {
    let state = AppState::new(Config { max_jobs: 1, ..Config::default() });
    for (body, expected) in [
        ("", "EOF while parsing"),
        ("{", "EOF while parsing"),
        (r#"{"scenario": "meteor"}"#, "unknown scenario \"meteor\""),
        (r#"{"scenario": "failover", "speed": 0}"#, "speed must be between 0.01 and 1000, not 0"),
        (r#"{"scenario": "failover", "speed": 1e9}"#, "between 0.01 and 1000"),
        // So slow that its times leave the calendar (a later GET used to panic).
        (r#"{"scenario": "failover", "speed": 1e-300}"#, "speed must be between 0.01"),
        (r#"{"scenario": "failover", "speed": 1e-11}"#, "speed must be between 0.01"),
        (r#"{"scenario": "failover", "colour": "red"}"#, "unknown field `colour`"),
        (r#"{"scenario": "failover", "faults": ["status=200"]}"#, "faults[0]: fault `status`"),
        (r#"{"scenario": "failover", "elapsed_ms": -1}"#, "elapsed_ms must be between"),
        (r#"{"scenario": "failover", "shape": {"instances": 0}}"#, "shape: 1 to 200000 jobs"),
        (r#"{"scenario": "large", "shape": {"instances": 1000, "steps": 1000}}"#, "not 1001001"),
        (
            r#"{"scenario": "drill-fail", "shape": {"instances": 3}}"#,
            "only failover, failover-fail and large",
        ),
        (r#"{"scenario": "large", "shape": {"instances": 3, "size": 1}}"#, "unknown field `size`"),
    ] {
        let answer = call(&state, "POST", "/sim/jobs", &POST_HEADERS, body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        assert!(answer.api_error().message.contains(expected), "{body}: {}", answer.body);
    }
    create(&state, r#"{"scenario": "failover"}"#).await;
    let full =
        call(&state, "POST", "/sim/jobs", &POST_HEADERS, r#"{"scenario": "failover"}"#).await;
    assert_eq!(full.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(full.api_error().message.contains("maximum of 1 jobs"));
    let huge = "x".repeat(sdrs_sim::MAX_REQUEST_BODY_BYTES + 1);
    assert_eq!(
        call(&state, "POST", "/sim/jobs", &POST_HEADERS, &huge).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

#[tokio::test]
async fn faults_per_request_and_per_job() {
    let (_, state) = manual_clock();
    let config = state.config.clone();
    let token = ("x-auth-token", config.token.as_str());
    let uri = job_uri(&config, DOCUMENTED_JOBS[1].0);

    let unavailable = call(&state, "GET", &uri, &[token, ("x-sim-fault", "status=503")], "").await;
    assert_eq!(unavailable.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(unavailable.api_error().retryable());
    assert_eq!(unavailable.headers["retry-after"], "1");
    let throttled =
        call(&state, "GET", &format!("{uri}?sim_fault=throttle%3D7"), &[token], "").await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.headers["retry-after"], "7");
    let gateway = call(&state, "GET", &uri, &[token, ("x-sim-fault", "status=502")], "").await;
    assert!(gateway.body.contains("<html>"));
    let slow = call(&state, "GET", &uri, &[token, ("x-sim-fault", "latency=5")], "").await;
    assert_eq!((slow.status, slow.body.as_str()), (StatusCode::OK, DOCUMENTED_JOBS[1].1));
    let malformed = call(&state, "GET", &uri, &[token, ("x-sim-fault", "malformed")], "").await;
    assert_eq!(malformed.status, StatusCode::OK);
    assert_eq!(parse_job(malformed.body.as_bytes()).unwrap_err().code.as_str(), "SYNTAX");
    let bad_spec = call(&state, "GET", &uri, &[token, ("x-sim-fault", "meteor")], "").await;
    assert_eq!(bad_spec.status, StatusCode::BAD_REQUEST);
    assert!(bad_spec.api_error().message.contains("unknown fault `meteor`"));

    let job_id =
        create(&state, r#"{"scenario": "failover", "faults": ["status=500", "status=500"]}"#).await;
    let statuses: Vec<u16> = futures_statuses(&state, &job_uri(&config, &job_id), token, 3).await;
    assert_eq!(statuses, [500, 500, 200], "scripted faults are consumed one request at a time");
}

async fn futures_statuses(
    state: &AppState,
    uri: &str,
    token: (&str, &str),
    count: usize,
) -> Vec<u16> {
    let mut statuses = Vec::new();
    for _ in 0..count {
        statuses.push(call(state, "GET", uri, &[token], "").await.status.as_u16());
    }
    statuses
}

#[tokio::test]
async fn cors_allows_the_console_origin_only() {
    let state = AppState::new(Config::default());
    let preflight = |origin: &'static str| {
        let state = state.clone();
        async move {
            call(
                &state,
                "OPTIONS",
                "/v1/p/jobs/0000000062db92d70162db9d200f000a",
                &[
                    ("origin", origin),
                    ("access-control-request-method", "GET"),
                    ("access-control-request-headers", "x-auth-token"),
                ],
                "",
            )
            .await
        }
    };
    let allowed = preflight("http://127.0.0.1:8080").await;
    assert_eq!(allowed.headers["access-control-allow-origin"], "http://127.0.0.1:8080");
    assert!(allowed.headers["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("x-auth-token"));
    let refused = preflight("https://evil.example").await;
    assert!(!refused.headers.contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn polling_a_live_scenario_to_its_end_over_real_http() {
    let server = common::start(Config::default()).await;
    let config = server.state.config.clone();
    let created = common::request(
        server.address,
        "POST",
        "/sim/jobs",
        &[("Content-Type", "application/json"), ("X-Auth-Token", config.token.as_str())],
        r#"{"scenario": "failover", "speed": 200}"#,
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.text());
    let job_id = serde_json::from_slice::<serde_json::Value>(&created.body).unwrap()["job_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let policy = PollPolicy {
        min_delay_ms: 20,
        max_delay_ms: 80,
        max_wait_ms: 30_000,
        ..PollPolicy::default()
    };
    let started = std::time::Instant::now();
    let mut seen = Vec::new();
    for attempt in 1.. {
        let reply = common::request(
            server.address,
            "GET",
            &job_uri(&config, &job_id),
            &[("X-Auth-Token", &config.token)],
            "",
        )
        .await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        let tree = parse_job(&reply.body).unwrap();
        let status = tree.root().status();
        if seen.last() != Some(&status) {
            seen.push(status);
        }
        let elapsed = started.elapsed().as_millis() as u64;
        match next_poll(&policy, attempt, elapsed, PollOutcome::Status(status), fastrand::f64()) {
            PollDecision::Wait { delay_ms, .. } => {
                tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await
            }
            PollDecision::Stop { reason } => {
                assert_eq!(reason, StopReason::Succeeded);
                break;
            }
        }
    }
    assert_eq!(seen.last(), Some(&StatusKind::Success));
    assert!(seen.contains(&StatusKind::Running), "the poller saw it run: {seen:?}");
}

#[tokio::test]
async fn a_dropped_connection_and_a_drip_over_real_http() {
    let server = common::start(Config::default()).await;
    let config = server.state.config.clone();
    let uri = job_uri(&config, DOCUMENTED_JOBS[1].0);
    let dropped = common::request(
        server.address,
        "GET",
        &uri,
        &[("X-Auth-Token", &config.token), ("X-Sim-Fault", "drop")],
        "",
    )
    .await;
    assert_eq!(dropped.status, 200);
    let announced = dropped.content_length().expect("the full length is announced");
    assert!(dropped.body.len() < announced, "{} of {announced} bytes arrived", dropped.body.len());
    let dripped = common::request(
        server.address,
        "GET",
        &uri,
        &[("X-Auth-Token", &config.token), ("X-Sim-Fault", "drip=5")],
        "",
    )
    .await;
    assert_eq!(dripped.text(), DOCUMENTED_JOBS[1].1);
    let healthy = common::request(server.address, "GET", "/healthz", &[], "").await;
    assert_eq!((healthy.status, healthy.text().as_str()), (200, "ok"));
}

#[tokio::test]
async fn signed_requests_over_real_http() {
    let server = common::start(Config::default()).await;
    let config = server.state.config.clone();
    let path = job_uri(&config, DOCUMENTED_JOBS[0].0);
    let host = server.address.to_string();
    let signed_get = |secret: String, date: String| {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("host", host.parse().unwrap());
        headers.insert("x-sdk-date", date.parse().unwrap());
        let request = sdrs_sim::auth::SignedRequest {
            method: &axum::http::Method::GET,
            path: &path,
            query: None,
            headers: &headers,
            body: b"",
        };
        let authorization =
            sdrs_sim::auth::sign(&request, &config.access_key, &secret, &date).unwrap();
        (date, authorization)
    };
    let now = sdrs_sim::auth::format_sdk_date(server.state.now_ms());
    for (secret, date, expected) in [
        (config.secret_key.clone(), now.clone(), 200),
        ("wrong".to_owned(), now.clone(), 401),
        (
            config.secret_key.clone(),
            sdrs_sim::auth::format_sdk_date(server.state.now_ms() - 20 * 60 * 1_000),
            401,
        ),
    ] {
        let (date, authorization) = signed_get(secret, date);
        let reply = common::request(
            server.address,
            "GET",
            &path,
            &[("X-Sdk-Date", &date), ("Authorization", &authorization)],
            "",
        )
        .await;
        assert_eq!(reply.status, expected, "{}", reply.text());
        assert!(reply.header("x-request-id").is_some());
    }
}

/// `GET /sim/stats` counts job GETs in flight while they are answered (so a browser test
/// can check a client's limit on the server), notes each answer, and starts over on reset.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stats_count_job_requests_in_flight() {
    let server = common::start(Config::default()).await;
    let token = common::token_header(&server.state.config);
    let job = DOCUMENTED_JOBS[0].0;
    let path = format!("/v1/{}/jobs/{job}", server.state.config.project_id);
    let slow = |fault: &'static str| {
        let (path, token) = (path.clone(), token.clone());
        let address = server.address;
        tokio::spawn(async move {
            common::request(
                address,
                "GET",
                &path,
                &[(token.0, &token.1), ("X-Sim-Fault", fault)],
                "",
            )
            .await
            .status
        })
    };
    let requests =
        [slow("latency=400"), slow("latency=400"), slow("latency=400"), slow("throttle=2")];
    let mut statuses = Vec::new();
    for request in requests {
        statuses.push(request.await.unwrap());
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 200, 200, 429]);
    let stats = common::request(server.address, "GET", "/sim/stats", &[], "").await;
    let stats: serde_json::Value = serde_json::from_str(&stats.text()).unwrap();
    assert_eq!(stats["job_requests"], 4);
    assert_eq!(stats["in_flight"], 0);
    assert!(stats["most_in_flight"].as_u64().unwrap() >= 3, "{stats}");
    let answered: Vec<u64> = stats["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|answer| answer["status"].as_u64().unwrap())
        .collect();
    assert_eq!(answered.iter().filter(|&&status| status == 429).count(), 1);
    assert_eq!(answered.len(), 4);
    let reset = common::request(server.address, "POST", "/sim/stats/reset", &[], "").await;
    let reset: serde_json::Value = serde_json::from_str(&reset.text()).unwrap();
    assert_eq!(
        (reset["job_requests"].as_u64(), reset["most_in_flight"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(reset["answers"], serde_json::json!([]));
}
