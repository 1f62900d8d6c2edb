//! A local SDRS simulator: the jobs API of Storage Disaster Recovery Service, faithful
//! enough for the official SDK, with live jobs, auth and fault injection, so the console,
//! the tests and a new user have a realistic backend on one machine.
//!
//! Routes:
//! - `GET /v1/{project_id}/jobs/{job_id}`: a job, in the service's wire format
//!   ([`jobs::job_show`]). Needs `X-Auth-Token` or an `SDK-HMAC-SHA256` signature
//!   ([`auth`]). Faults per request with `X-Sim-Fault` or `?sim_fault=` ([`faults`]).
//! - `POST /sim/jobs` `{"scenario": "failover", "speed": 10}`: starts a scenario job and
//!   answers `{"job_id": "..."}` like the real asynchronous operations ([`sim::sim_job_create`]).
//! - `GET /sim/jobs`: the jobs the simulator knows, with their URLs.
//! - `GET /sim/scenarios`: the scenarios and what they show.
//! - `GET /healthz`: `ok`, for scripts.
//! - Anything else: the files of `--static-dir` (the built console page) when given, with
//!   a strict Content-Security-Policy ([`csp`]), else a gateway-style 404.
//!
//! Every response carries `X-Request-Id`. Every error body has one of the shapes the
//! service uses ([`errors`]).

pub mod auth;
pub mod config;
pub mod csp;
pub mod errors;
pub mod failures;
pub mod faults;
pub mod jobs;
pub mod scenarios;
pub mod sim;
pub mod state;
pub mod stats;
pub mod task_center;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::routing::{delete, get, post};
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

pub use config::Config;
pub use state::AppState;

/// Largest request body accepted (only `POST /sim/jobs` has one).
pub const MAX_REQUEST_BODY_BYTES: usize = 16 * 1024;

/// The simulator's routes, with CORS, the body limit and `X-Request-Id` on every response.
pub fn app(state: AppState) -> Router {
    let cors = cors_layer(&state.config.cors_origins);
    let router = Router::new()
        .route("/v1/{project_id}/jobs/{job_id}", get(jobs::job_show))
        .route("/v1/{project_id}/task-center/failure-jobs", get(task_center::list))
        .route(
            "/v1/{project_id}/task-center/failure-jobs/{failure_job_id}",
            delete(task_center::delete_one),
        )
        .route(
            "/v1/{project_id}/task-center/{server_group_id}/failure-jobs/batch",
            delete(task_center::delete_group),
        )
        .route("/sim/jobs", post(sim::sim_job_create).get(sim::sim_jobs_list))
        .route("/sim/scenarios", get(sim::sim_scenarios_list))
        .route("/sim/task-center", post(sim::sim_task_center_add))
        .route("/sim/stats", get(sim::sim_stats))
        .route("/sim/stats/reset", post(sim::sim_stats_reset))
        .route("/healthz", get(|| async { "ok" }));
    let router = match &state.config.static_dir {
        Some(dir) => {
            // The policy names trunk's inline start-up script by hash, so it is computed
            // from the page being served (read once, at start-up).
            let page = std::fs::read_to_string(dir.join("index.html")).unwrap_or_default();
            let policy = HeaderValue::from_str(&csp::policy_for(&page))
                .expect("the policy is ASCII: directives, hosts and base64");
            let files = Router::new()
                .fallback_service(tower_http::services::ServeDir::new(dir))
                .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, policy))
                .layer(SetResponseHeaderLayer::overriding(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ));
            router.fallback_service(files)
        }
        None => router.fallback(errors::route_not_found),
    };
    router
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BODY_BYTES))
        .layer(axum::middleware::from_fn(errors::add_request_id))
        .layer(cors)
        .with_state(state)
}

/// Serves `router` on `listener` until `shutdown` completes. A connection that has not
/// sent its request headers within `header_timeout` is closed (a client that opens
/// connections and never finishes a request cannot hold them), and at shutdown the
/// requests in flight get up to five seconds to finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    header_timeout: std::time::Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let mut shutdown = std::pin::pin!(shutdown);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait a moment, keep serving.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(std::time::Duration::from_secs(5)) => {}
    }
}

fn cors_layer(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> =
        origins.iter().filter_map(|origin| HeaderValue::from_str(origin).ok()).collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        .allow_headers([
            HeaderName::from_static("x-auth-token"),
            HeaderName::from_static("x-sim-fault"),
            HeaderName::from_static("x-sdk-date"),
            HeaderName::from_static("x-project-id"),
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
        ])
        .expose_headers([HeaderName::from_static("x-request-id"), header::RETRY_AFTER])
}
