//! The Task Center through the router: every filter, paging and its bounds, the three
//! deletes, failed scenario jobs filed as the service files them, and credentials.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use sdrs_job_core::task_center::{parse_failure_jobs, FailureJobs, ResourceKind};
use sdrs_sim::scenarios::Scenario;
use sdrs_sim::state::NewJob;
use sdrs_sim::{app, AppState, Config};
use tower::ServiceExt;

const START_MS: i64 = 1_796_000_000_000;

fn seeded() -> (Arc<AtomicI64>, AppState) {
    let now = Arc::new(AtomicI64::new(START_MS));
    let clock = now.clone();
    let state =
        AppState::with_clock(Config::default(), Arc::new(move || clock.load(Ordering::SeqCst)));
    state.task_center_add(sdrs_sim::failures::seed_entries(START_MS));
    (now, state)
}

async fn call(
    state: &AppState,
    method: &str,
    path_and_query: &str,
    token: bool,
) -> (StatusCode, String) {
    let uri = format!("/v1/{}/task-center/{path_and_query}", state.config.project_id);
    let mut builder = Request::builder().method(method).uri(uri);
    if token {
        builder = builder.header("x-auth-token", state.config.token.as_str());
    }
    let response = app(state.clone()).oneshot(builder.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn list(state: &AppState, query: &str) -> FailureJobs {
    let (status, body) = call(state, "GET", &format!("failure-jobs{query}"), true).await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    // What the simulator writes, the core reads.
    parse_failure_jobs(body.as_bytes()).unwrap()
}

#[tokio::test]
async fn every_filter_and_the_paging() {
    let (_, state) = seeded();
    let groups = list(&state, "").await;
    assert_eq!(groups.count, Some(6));
    assert!(groups.failure_jobs.iter().all(|job| job.resource_kind == ResourceKind::ServerGroup));
    let group = groups.failure_jobs[0].resource_id.clone().unwrap();
    let inside = list(&state, &format!("?server_group_id={group}")).await;
    assert_eq!(inside.count, Some(5), "the failures inside one group only");
    assert!(inside.failure_jobs.iter().all(|job| job.resource_kind != ResourceKind::ServerGroup));
    for (query, expected) in [
        (format!("?server_group_id={group}&resource_type=replications"), 2),
        (format!("?server_group_id={group}&resource_type=disaster_recovery_drills"), 1),
        (format!("?server_group_id={group}&failure_status=createFail"), 2),
        (format!("?server_group_id={group}&failure_status=createFail&resource_type=protected_instances"), 1),
        ("?failure_status=failoverFail".to_owned(), 1),
        ("?resource_name=pg-orders-03".to_owned(), 1),
        ("?resource_name=pg%2Dorders%2D03&sim=ignored".to_owned(), 1),
        ("?resource_name=nothing".to_owned(), 0),
        ("?server_group_id=unknown".to_owned(), 0),
    ] {
        assert_eq!(list(&state, &query).await.count, Some(expected), "{query}");
    }
    let page = list(&state, "?limit=2&offset=1").await;
    assert_eq!(
        (page.count, page.failure_jobs.len()),
        (Some(6), 2),
        "count is of every match, not of the page"
    );
    assert_eq!(page.failure_jobs[0], groups.failure_jobs[1]);
    assert_eq!(list(&state, "?limit=0").await.failure_jobs.len(), 0);
    assert_eq!(list(&state, "?offset=6").await.failure_jobs.len(), 0);
    assert_eq!(list(&state, "?limit=1000&offset=5").await.failure_jobs.len(), 1);
}

#[tokio::test]
async fn bad_filters_are_answered_400_saying_which() {
    let (_, state) = seeded();
    for (query, says) in [
        ("limit=1001", "limit must be a whole number from 0 to 1000"),
        ("limit=-1", "limit must be"),
        ("limit=ten", "limit must be"),
        ("offset=-5", "offset must be"),
        ("failure_status=brokenFail", "failure_status must be one of createFail"),
        ("resource_type=protectedInstance", "resource_type must be one of server_groups"),
        ("resource_name=%ZZ", "bad percent-encoding"),
        ("resource_name=%FF", "not UTF-8"),
    ] {
        let (status, body) = call(&state, "GET", &format!("failure-jobs?{query}"), true).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(body.contains("SDRS.0201") && body.contains(says), "{query}: {body}");
    }
    let (status, _) = call(&state, "GET", "failure-jobs", false).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = call(&state, "DELETE", "failure-jobs/batch", false).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "deleting needs credentials too");
}

#[tokio::test]
async fn the_three_deletes() {
    let (_, state) = seeded();
    let groups = list(&state, "").await;
    let group = groups.failure_jobs[0].resource_id.clone().unwrap();
    let inside = list(&state, &format!("?server_group_id={group}")).await;
    // One entry, by its job id or by its resource id.
    let by_job = inside.failure_jobs[0].job_id.clone().unwrap();
    let (status, body) = call(&state, "DELETE", &format!("failure-jobs/{by_job}"), true).await;
    assert_eq!((status, body.as_str()), (StatusCode::NO_CONTENT, ""));
    let by_resource = inside.failure_jobs[1].resource_id.clone().unwrap();
    assert_eq!(
        call(&state, "DELETE", &format!("failure-jobs/{by_resource}"), true).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(list(&state, &format!("?server_group_id={group}")).await.count, Some(3));
    let (status, body) = call(&state, "DELETE", &format!("failure-jobs/{by_job}"), true).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    // A group's entries, then every group-level one; the other groups keep theirs.
    assert_eq!(
        call(&state, "DELETE", &format!("{group}/failure-jobs/batch"), true).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(list(&state, &format!("?server_group_id={group}")).await.count, Some(0));
    assert_eq!(call(&state, "DELETE", "failure-jobs/batch", true).await.0, StatusCode::NO_CONTENT);
    assert_eq!(list(&state, "").await.count, Some(0));
    let other = groups.failure_jobs[1].resource_id.clone().unwrap();
    assert_eq!(list(&state, &format!("?server_group_id={other}")).await.count, Some(5));
}

#[tokio::test]
async fn a_failed_scenario_job_is_filed_once_it_has_failed() {
    let (now, state) = seeded();
    let job_id = state.create_job(NewJob::new(Scenario::FailoverFail, 1.0)).unwrap();
    state.create_job(NewJob::new(Scenario::Failover, 1.0)).unwrap();
    assert_eq!(list(&state, "").await.count, Some(6), "not while it runs");
    now.fetch_add(3_600_000, Ordering::SeqCst);
    let groups = list(&state, "").await;
    assert_eq!(
        groups.count,
        Some(7),
        "the failover that failed, once; the one that succeeded, never"
    );
    let filed = groups
        .failure_jobs
        .iter()
        .find(|job| job.job_id.as_deref() == Some(job_id.as_str()))
        .unwrap();
    assert_eq!(filed.failure_status.as_deref(), Some("failoverFail"));
    assert_eq!(filed.error_code.as_deref(), Some("SDRS.1030"));
    let group = filed.resource_id.clone().unwrap();
    let inside = list(&state, &format!("?server_group_id={group}")).await;
    assert_eq!(inside.count, Some(1), "{inside:?}");
    let instance = &inside.failure_jobs[0];
    assert_eq!(instance.resource_kind, ResourceKind::ProtectedInstance);
    assert_eq!(instance.error_code.as_deref(), Some("SDRS.0406"));
    assert!(
        instance.job_id.as_deref().unwrap().starts_with(&job_id[..24]),
        "a sub-job of the failover"
    );
    // Its job opens with the job API.
    let (status, _) = {
        let uri =
            format!("/v1/{}/jobs/{}", state.config.project_id, filed.job_id.as_deref().unwrap());
        let request = Request::builder()
            .uri(uri)
            .header("x-auth-token", state.config.token.as_str())
            .body(Body::empty())
            .unwrap();
        let response = app(state.clone()).oneshot(request).await.unwrap();
        (response.status(), ())
    };
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list(&state, "").await.count, Some(7), "filed once");
}

#[tokio::test]
async fn more_entries_than_a_page_can_be_added_for_paging() {
    let (_, state) = seeded();
    let post = |body: &'static str, token: bool| {
        let state = state.clone();
        async move {
            let mut builder = Request::builder()
                .method("POST")
                .uri("/sim/task-center")
                .header("content-type", "application/json");
            if token {
                builder = builder.header("x-auth-token", state.config.token.as_str());
            }
            let response =
                app(state).oneshot(builder.body(Body::from(body)).unwrap()).await.unwrap();
            let status = response.status();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }
    };
    let (status, body) = post(r#"{"count": 1200, "server_group_id": "sg-busy"}"#, true).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, r#"{"added":1200}"#));
    assert_eq!(
        list(&state, "?server_group_id=sg-busy").await.failure_jobs.len(),
        1_000,
        "a page is at most 1000"
    );
    let last = list(&state, "?server_group_id=sg-busy&limit=1000&offset=1000").await;
    assert_eq!((last.count, last.failure_jobs.len()), (Some(1_200), 200));
    let ids: std::collections::HashSet<_> =
        last.failure_jobs.iter().map(|job| job.job_id.clone()).collect();
    assert_eq!(ids.len(), 200, "distinct entries");
    assert_eq!(post(r#"{"count": 5}"#, false).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(post(r#"{"count": 10001}"#, true).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(post(r#"{"rows": 5}"#, true).await.0, StatusCode::BAD_REQUEST);
}
