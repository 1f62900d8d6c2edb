//! The `sdrs-sim` binary as a user runs it: it prints where it listens and ready-to-open
//! job URLs, those URLs answer, bad flags are refused with a reason, and SIGTERM stops it
//! cleanly.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn the_binary_prints_working_urls_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sdrs-sim"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--speed",
            "50",
            "--console-url",
            "http://127.0.0.1:8080",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start sdrs-sim");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let done = line.starts_with("Ctrl-C stops");
        printed.push(line);
        if done {
            break;
        }
    }
    let base = printed[0]
        .strip_prefix("sdrs-sim listening on ")
        .expect("first line says where")
        .to_owned();
    let address: std::net::SocketAddr = base.trim_start_matches("http://").parse().unwrap();
    let job_urls: Vec<&str> = printed
        .iter()
        .map(|line| line.trim())
        .filter(|line| line.starts_with(&format!("{base}/v1/")))
        .collect();
    assert_eq!(job_urls.len(), 2 + sdrs_sim::scenarios::Scenario::ALL.len(), "{printed:#?}");
    assert!(
        printed.iter().any(|line| line.contains("http://127.0.0.1:8080/?project=")),
        "console links printed"
    );
    for url in job_urls {
        let path = url.strip_prefix(&base).unwrap();
        let reply = common::request(
            address,
            "GET",
            path,
            &[("X-Auth-Token", sdrs_sim::config::DEFAULT_TOKEN)],
            "",
        )
        .await;
        assert_eq!(reply.status, 200, "{url}: {}", reply.text());
        sdrs_job_core::parse_job(&reply.body).expect("a job");
    }
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0, got {status}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|line| line.contains("shutting down")), "{rest:?}");
}

#[test]
fn bad_flags_are_refused_with_a_reason() {
    for (arguments, expected) in [
        (vec!["--speed", "0"], "--speed must be between 0.01 and 1000, not 0"),
        (vec!["--speed", "1e-11"], "--speed must be between 0.01 and 1000"),
        (vec!["--error-rate", "2"], "--error-rate must be between 0 and 1"),
        (vec!["--listen", "nowhere"], "invalid value 'nowhere'"),
    ] {
        let output =
            Command::new(env!("CARGO_BIN_EXE_sdrs-sim")).args(&arguments).output().unwrap();
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{arguments:?}: {stderr}");
    }
}
