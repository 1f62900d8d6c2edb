//! `cargo xtask test`: the whole suite, as CI runs it (`.ci/run` calls this).

use anyhow::{bail, Result};

use crate::env::*;
use crate::npm::npm;

pub(crate) fn test() -> Result<()> {
    ensure_wasm_target()?;
    ensure_official_sdk()?;
    ensure_web_tools()?;
    ensure_chromium()?;
    run_command("cargo", &["fmt", "--all", "--", "--check"])?;
    run_command("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    run_command(
        "cargo",
        &[
            "clippy",
            "-p",
            "sdrs-job-fetch",
            "-p",
            "sdrs-job-widget",
            "-p",
            "sdrs-console",
            "-p",
            "sdrs-job-timeline-js",
            "--features",
            "sdrs-job-timeline-js/widget",
            "--target",
            WASM_TARGET,
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run_command("cargo", &["test", "--workspace"])?;
    run_command("cargo", &["build", "--package", "sdrs-job-core", "--target", WASM_TARGET])?;
    // Component tests of the widget, in headless Chromium.
    eprintln!(
        "$ CHROMEDRIVER=/usr/bin/chromedriver cargo test -p sdrs-job-widget --target {WASM_TARGET}"
    );
    let status = command("cargo")
        .args(["test", "-p", "sdrs-job-widget", "--target", WASM_TARGET])
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .status()?;
    if !status.success() {
        bail!("the widget's browser tests failed");
    }
    build_page()?;
    run_command("cargo", &["build", "--package", "sdrs-sim"])?;
    eprintln!("$ (in tests) node --test --test-concurrency=1 e2e/");
    let status = command("node")
        .args(["--test", "--test-concurrency=1", "--test-timeout=180000", "e2e/"])
        .current_dir(project_root().join("tests"))
        .status()?;
    if !status.success() {
        bail!("the end-to-end browser tests failed");
    }
    // The browser benchmark on one small size: it still runs and measures (no figure is
    // judged here; `cargo xtask bench browser` is the benchmark).
    run_in("tests", "node", &["bench/browser.mjs", "--smoke"])?;
    run_in("tests", "node", &["bench/board.mjs", "--smoke"])?;
    run_in("tests", "node", &["bench/memory.mjs", "--smoke"])?;
    run_in("tests", "node", &["bench/scroll-profile.mjs", "--smoke"])?;
    // The npm package as consumers use it: Node, TypeScript, and a vite-built page.
    let tarball = npm()?;
    install_packed(&tarball)?;
    run_in("tests/npm", "node_modules/.bin/tsc", &["-p", "tsconfig.json"])?;
    run_in("tests/npm", "node_modules/.bin/vite", &["build", "vite-app", "--logLevel", "warn"])?;
    run_in(
        "tests/npm",
        "node",
        &[
            "--test",
            "--test-concurrency=1",
            "--test-timeout=180000",
            "node.test.mjs",
            "task-center.test.mjs",
            "watch-jobs.test.mjs",
            "hostile.test.mjs",
            "browser.test.mjs",
        ],
    )?;
    eprintln!("xtask test: all steps passed");
    Ok(())
}
