//! Compatibility with the official client: the Huawei Cloud Python SDK
//! (`huaweicloudsdksdrs`, installed by `cargo xtask test` into `target/sdk-venv`) calls
//! `show_job_status` against the running simulator with AK/SK signing, for a documented
//! job and a scenario job, and a wrong SK is refused.

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

async fn show_job_status(
    endpoint: String,
    config: &Config,
    secret_key: &str,
    job_id: &str,
) -> Value {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/official_sdk.py");
    let arguments = [
        endpoint,
        config.access_key.clone(),
        secret_key.to_owned(),
        config.project_id.clone(),
        job_id.to_owned(),
    ];
    let python = sdk_python();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(python).arg(script).args(arguments).output()
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
