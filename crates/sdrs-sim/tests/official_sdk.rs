//! Compatibility with the official client: the Huawei Cloud Python SDK
//! (`huaweicloudsdksdrs`, installed by `cargo xtask test` into `target/sdk-venv`) calls
//! `show_job_status` against the running simulator with AK/SK signing, for a documented
//! job and a scenario job, and a wrong SK is refused; and the Task Center's
//! `list_failure_jobs` (every filter, paging) and its three deletes.

mod common;

use std::path::PathBuf;

use sdrs_sim::state::{NewJob, DOCUMENTED_JOBS};
use sdrs_sim::Config;
use serde_json::Value;

/// The virtualenv's Python: `SDRS_SDK_PYTHON`, else `target/sdk-venv/bin/python`.
fn sdk_python() -> PathBuf {
    if let Some(path) = std::env::var_os("SDRS_SDK_PYTHON") {
        return PathBuf::from(path);
    }
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = workspace.join("target/sdk-venv/bin/python");
    assert!(
        python.exists(),
        "the official Python SDK is not installed at {}: run `cargo xtask test` (it installs it), \
         or `python3 -m venv target/sdk-venv && target/sdk-venv/bin/pip install huaweicloudsdksdrs`",
        python.display()
    );
    python
}

/// Runs one of the SDK scripts in `tests/` with `arguments` and reads what it printed.
async fn run_sdk_script(script: &str, arguments: Vec<String>) -> Value {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join(script);
    let python = sdk_python();
    let output = tokio::task::spawn_blocking(move || {
        // No __pycache__ beside the scripts (one imports the other).
        std::process::Command::new(python)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .arg(script)
            .args(arguments)
            .output()
    })
    .await
    .unwrap()
    .expect("run the SDK script");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "SDK script failed: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(stdout.trim())
        .unwrap_or_else(|error| panic!("SDK printed {stdout:?}: {error}"))
}

async fn show_job_status(
    endpoint: String,
    config: &Config,
    secret_key: &str,
    job_id: &str,
) -> Value {
    let arguments = vec![
        endpoint,
        config.access_key.clone(),
        secret_key.to_owned(),
        config.project_id.clone(),
        job_id.to_owned(),
    ];
    run_sdk_script("official_sdk.py", arguments).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_python_sdk_reads_our_jobs() {
    let server = common::start(Config::default()).await;
    let config = server.state.config.as_ref().clone();
    let endpoint = format!("http://{}", server.address);

    let documented =
        show_job_status(endpoint.clone(), &config, &config.secret_key, DOCUMENTED_JOBS[1].0).await;
    assert_eq!(documented["ok"], true, "{documented}");
    assert_eq!(documented["job_id"], "ff8080826b45d4a5016b5036242c0025");
    assert_eq!(documented["job_type"], "stopProtectionGroupNoCG");
    assert_eq!(documented["status"], "SUCCESS");
    assert_eq!(documented["begin_time"], "2019-06-13T09:40:53.930Z");
    assert_eq!(documented["sub_jobs"].as_array().unwrap().len(), 2);
    assert_eq!(documented["sub_jobs"][1]["job_id"], "ff8080826b45d4a5016b50362870002b");

    // A drill created as already finished: no waiting on the clock.
    let plan_total = sdrs_sim::scenarios::Scenario::DrillFail.plan().total_ms();
    let finished = NewJob {
        elapsed_ms: plan_total,
        ..NewJob::new(sdrs_sim::scenarios::Scenario::DrillFail, 1.0)
    };
    let job_id = server.state.create_job(finished).unwrap();
    let drill = show_job_status(endpoint.clone(), &config, &config.secret_key, &job_id).await;
    assert_eq!(drill["ok"], true, "{drill}");
    assert_eq!(drill["job_id"], job_id.as_str());
    assert_eq!(drill["status"], "FAIL");
    assert_eq!(drill["error_code"], "SDRS.0405");
    let failed: Vec<&Value> = drill["sub_jobs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|job| job["status"] == "FAIL")
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["error_code"], "SDRS.0406");
    assert!(failed[0]["fail_reason"].as_str().unwrap().contains("sold out"));

    let refused =
        show_job_status(endpoint.clone(), &config, "not-the-secret-key", DOCUMENTED_JOBS[0].0)
            .await;
    assert_eq!(refused["ok"], false, "{refused}");
    assert_eq!(refused["status_code"], 401);
    assert_eq!(refused["error_code"], "APIGW.0301");
    assert!(refused["request_id"].as_str().is_some_and(|id| id.len() == 32), "{refused}");

    let missing =
        show_job_status(endpoint, &config, &config.secret_key, "ffffffffffffffffffffffffffffffff")
            .await;
    assert_eq!(
        (missing["status_code"].as_u64(), missing["error_code"].as_str()),
        (Some(404), Some("SDRS.0408"))
    );
}

/// Runs the Task Center script: `list FILTERS_JSON`, `delete ID`, ...
async fn task_center(endpoint: &str, config: &Config, command: &[&str]) -> Value {
    let mut arguments = vec![
        endpoint.to_owned(),
        config.access_key.clone(),
        config.secret_key.clone(),
        config.project_id.clone(),
    ];
    arguments.extend(command.iter().map(|part| (*part).to_owned()));
    run_sdk_script("official_sdk_task_center.py", arguments).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_python_sdk_lists_and_deletes_task_center_entries() {
    let server = common::start(Config::default()).await;
    server.state.seed();
    let config = server.state.config.as_ref().clone();
    let endpoint = format!("http://{}", server.address);
    let all = task_center(&endpoint, &config, &["list", "{}"]).await;
    assert_eq!(all["ok"], true, "{all}");
    let count = all["count"].as_u64().unwrap();
    assert!(count >= 6, "{all}");
    let group = all["failure_jobs"][0]["resource_id"].as_str().unwrap().to_owned();
    // Filters and paging, as the SDK sends them.
    let page = task_center(&endpoint, &config, &["list", r#"{"limit": 2, "offset": 1}"#]).await;
    assert_eq!(
        (page["count"].as_u64(), page["failure_jobs"].as_array().unwrap().len()),
        (Some(count), 2)
    );
    assert_eq!(page["failure_jobs"][0], all["failure_jobs"][1]);
    let inside = task_center(
        &endpoint,
        &config,
        &["list", &format!(r#"{{"server_group_id": "{group}", "resource_type": "protected_instances", "failure_status": "createFail"}}"#)],
    )
    .await;
    let entries = inside["failure_jobs"].as_array().unwrap();
    assert!(!entries.is_empty(), "{inside}");
    assert!(entries.iter().all(|entry| entry["resource_type"] == "protected_instances"
        && entry["failure_status"] == "createFail"));
    let named =
        task_center(&endpoint, &config, &["list", r#"{"resource_name": "pg-orders-02"}"#]).await;
    assert_eq!(named["count"], 1, "{named}");
    let refused = task_center(&endpoint, &config, &["list", r#"{"limit": 5000}"#]).await;
    assert_eq!(
        (refused["ok"].as_bool(), refused["status_code"].as_u64(), refused["error_code"].as_str()),
        (Some(false), Some(400), Some("SDRS.0201")),
        "{refused}"
    );
    // The deletes: one entry (by its job id), a group's, every group-level one.
    let first_job = all["failure_jobs"][0]["job_id"].as_str().unwrap();
    assert_eq!(task_center(&endpoint, &config, &["delete", first_job]).await["ok"], true);
    assert_eq!(
        task_center(&endpoint, &config, &["list", "{}"]).await["count"].as_u64(),
        Some(count - 1)
    );
    assert_eq!(task_center(&endpoint, &config, &["delete-group", &group]).await["ok"], true);
    let emptied =
        task_center(&endpoint, &config, &["list", &format!(r#"{{"server_group_id": "{group}"}}"#)])
            .await;
    assert_eq!(emptied["count"], 0, "{emptied}");
    assert_eq!(task_center(&endpoint, &config, &["delete-all"]).await["ok"], true);
    assert_eq!(task_center(&endpoint, &config, &["list", "{}"]).await["count"], 0);
    let missing = task_center(&endpoint, &config, &["delete", first_job]).await;
    assert_eq!(missing["status_code"], 404, "{missing}");
}
