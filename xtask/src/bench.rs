//! `cargo xtask bench [core|npm|browser|board|soak]` and `cargo xtask synthetic`.

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::env::*;
use crate::npm::npm;

/// Writes a synthetic failover (a root, INSTANCES sub-jobs, STEPS below each) as JSON.
pub(crate) fn synthetic(rest: &[String]) -> Result<()> {
    let [instances, steps, out] = rest else {
        bail!("usage: cargo xtask synthetic INSTANCES STEPS OUT.json");
    };
    let instances: usize = instances.parse().context("INSTANCES must be a number")?;
    let steps: usize = steps.parse().context("STEPS must be a number")?;
    let tree = sdrs_job_core::synthetic::failover(instances, steps, 1_560_418_800_000);
    let json = tree.to_json();
    if let Some(parent) = Path::new(out).parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(out, &json).with_context(|| format!("write {out}"))?;
    eprintln!("{out}: {} jobs, {} bytes", tree.len(), json.len());
    Ok(())
}

pub(crate) fn bench(rest: &[String]) -> Result<()> {
    match rest.first().map(String::as_str) {
        Some("npm") => return bench_npm(),
        Some("browser") => return bench_browser(&rest[1..]),
        Some("board") => return bench_board(&rest[1..]),
        Some("memory") => return bench_page("memory", &rest[1..]),
        Some("soak") => return bench_soak(&rest[1..]),
        _ => {}
    }
    let rest = if rest.first().map(String::as_str) == Some("core") { &rest[1..] } else { rest };
    let mut arguments = vec!["bench", "--package", "sdrs-job-core", "--bench", "core", "--"];
    arguments.extend(rest.iter().map(String::as_str));
    run_command("cargo", &arguments)
}

/// The release console page in headless Chromium, 100 to 100,000 sub-jobs; writes the
/// table into BENCHMARKS.md (`--smoke`: one small size, checks the figures, writes nothing).
pub(crate) fn bench_browser(rest: &[String]) -> Result<()> {
    bench_page("browser", rest)
}

/// The console's board watching 100 live jobs in headless Chromium; writes its table into
/// BENCHMARKS.md (`--smoke`: 20 jobs, checks the figures, writes nothing).
pub(crate) fn bench_board(rest: &[String]) -> Result<()> {
    bench_page("board", rest)
}

/// Builds the release page and the simulator, and runs `tests/bench/{name}.mjs` (with
/// `--smoke` when asked).
fn bench_page(name: &str, rest: &[String]) -> Result<()> {
    let smoke = match rest {
        [] => false,
        [flag] if flag == "--smoke" => true,
        _ => bail!("usage: cargo xtask bench {name} [--smoke]"),
    };
    ensure_web_tools()?;
    ensure_chromium()?;
    build_page()?;
    run_command("cargo", &["build", "--package", "sdrs-sim"])?;
    let script = format!("bench/{name}.mjs");
    let mut arguments = vec![script.as_str()];
    if smoke {
        arguments.push("--smoke");
    }
    run_in("tests", "node", &arguments)
}

/// The npm widget in a vite page watching a running job with fast polling for 30 minutes
/// (`--minutes N`): JS heap, DOM size and wasm memory over time (`tests/bench/soak.mjs`).
pub(crate) fn bench_soak(rest: &[String]) -> Result<()> {
    let minutes = match rest {
        [] => "30".to_owned(),
        [flag, minutes] if flag == "--minutes" && minutes.parse::<f64>().is_ok() => minutes.clone(),
        _ => bail!("usage: cargo xtask bench soak [--minutes N]"),
    };
    ensure_web_tools()?;
    ensure_chromium()?;
    let tarball = npm()?;
    install_packed(&tarball)?;
    run_in("tests/npm", "node_modules/.bin/vite", &["build", "vite-app", "--logLevel", "warn"])?;
    run_command("cargo", &["build", "--package", "sdrs-sim"])?;
    run_in("tests", "node", &["bench/soak.mjs", "--minutes", &minutes])
}

/// The npm package in Node on the 10,101-job failover, next to `JSON.parse`, and its peak
/// wasm memory for the worst inputs under the caps.
pub(crate) fn bench_npm() -> Result<()> {
    let tarball = npm()?;
    install_packed(&tarball)?;
    let input = project_root().join("target/bench/failover-10k.json");
    let input = input.to_str().context("non-UTF-8 path")?;
    synthetic(&["100".to_owned(), "100".to_owned(), input.to_owned()])?;
    run_in("tests/npm", "node", &["bench.mjs", input])?;
    // The peak wasm memory of the worst inputs under the caps (one process each).
    run_in("tests/npm", "node", &["bench-memory.mjs"])
}
