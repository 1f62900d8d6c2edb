//! `cargo xtask <task>`: every multi-step chore of the project, so that README, CI and
//! developers run the same code (the xtask pattern).
//!
//! - `test`: installs what the suite needs (the wasm32 target, the official Python SDK in
//!   `target/sdk-venv`), then fmt check, clippy `-D warnings`, native tests (the simulator's
//!   run the official SDK against it), and a wasm32 build of the core. `.ci/run` calls it.
//! - `serve`: the console page (not yet: the front-end has not landed).
//! - `bench`: the criterion benchmarks of the core.
//! - `fuzz [--seconds N] [--target NAME]`: cargo-fuzz on the parser (nightly toolchain).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

fn main() {
    if let Err(error) = run() {
        eprintln!("xtask: {error:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let mut arguments = std::env::args().skip(1);
    let task = arguments.next().unwrap_or_default();
    let rest: Vec<String> = arguments.collect();
    match task.as_str() {
        "test" => test(),
        "serve" => serve(),
        "bench" => bench(&rest),
        "fuzz" => fuzz(&rest),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n\
                 tasks:\n  \
                 test                        the whole suite (installs what it needs)\n  \
                 serve                       the console page with the simulator\n  \
                 bench [criterion args]      benchmarks of the core\n  \
                 fuzz [--seconds N] [--target NAME]   fuzz the parser (default 60 s, parse_job)"
            );
            if task.is_empty() || task == "help" || task == "--help" {
                Ok(())
            } else {
                bail!("unknown task {task:?}")
            }
        }
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

/// Runs a command in the project root, echoing it; fails on a non-zero exit.
fn run_command(program: &str, arguments: &[&str]) -> Result<()> {
    eprintln!("$ {program} {}", arguments.join(" "));
    let status = Command::new(program)
        .args(arguments)
        .current_dir(project_root())
        .status()
        .with_context(|| format!("could not start {program}"))?;
    if !status.success() {
        bail!("`{program} {}` failed with {status}", arguments.join(" "));
    }
    Ok(())
}

fn command_output(program: &str, arguments: &[&str]) -> Result<String> {
    let output = Command::new(program)
        .args(arguments)
        .current_dir(project_root())
        .output()
        .with_context(|| format!("could not start {program}"))?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Installs the wasm32 target when missing.
fn ensure_wasm_target() -> Result<()> {
    let installed = command_output("rustup", &["target", "list", "--installed"])?;
    if !installed.lines().any(|line| line.trim() == WASM_TARGET) {
        run_command("rustup", &["target", "add", WASM_TARGET])?;
    }
    Ok(())
}

/// The official SDK the simulator's compatibility test runs (pinned: a new SDK release is
/// a change to review, not a surprise in CI).
const OFFICIAL_SDK: &str = "huaweicloudsdksdrs==3.1.219";

/// Installs the official Python SDK into `target/sdk-venv` when missing.
fn ensure_official_sdk() -> Result<()> {
    let venv = project_root().join("target/sdk-venv");
    let python = venv.join("bin/python");
    let marker = venv.join(format!(".installed-{OFFICIAL_SDK}"));
    if marker.exists() {
        return Ok(());
    }
    if !python.exists() {
        let venv = venv.to_str().context("non-UTF-8 path")?;
        run_command("python3", &["-m", "venv", venv])?;
    }
    let python = python.to_str().context("non-UTF-8 path")?;
    run_command(
        python,
        &["-m", "pip", "install", "--quiet", "--disable-pip-version-check", OFFICIAL_SDK],
    )?;
    std::fs::write(&marker, "")?;
    Ok(())
}

fn test() -> Result<()> {
    ensure_wasm_target()?;
    ensure_official_sdk()?;
    run_command("cargo", &["fmt", "--all", "--", "--check"])?;
    run_command("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    run_command("cargo", &["test", "--workspace"])?;
    run_command("cargo", &["build", "--package", "sdrs-job-core", "--target", WASM_TARGET])?;
    eprintln!("xtask test: all steps passed");
    Ok(())
}

fn serve() -> Result<()> {
    bail!(
        "the console page is not built yet: the yew front-end lands with the console issue. \
         Until then, `cargo run -p sdrs-sim` starts the SDRS simulator and prints job URLs."
    )
}

fn bench(rest: &[String]) -> Result<()> {
    let mut arguments = vec!["bench", "--package", "sdrs-job-core", "--bench", "core", "--"];
    arguments.extend(rest.iter().map(String::as_str));
    run_command("cargo", &arguments)
}

fn fuzz(rest: &[String]) -> Result<()> {
    let mut seconds = "60".to_owned();
    let mut target = "parse_job".to_owned();
    let mut iterator = rest.iter();
    while let Some(argument) = iterator.next() {
        match argument.as_str() {
            "--seconds" => seconds = iterator.next().context("--seconds needs a value")?.clone(),
            "--target" => target = iterator.next().context("--target needs a value")?.clone(),
            other => bail!("unknown fuzz argument {other:?}"),
        }
    }
    seconds.parse::<u64>().with_context(|| format!("--seconds {seconds:?} is not a number"))?;
    let toolchains = command_output("rustup", &["toolchain", "list"])?;
    if !toolchains.lines().any(|line| line.starts_with("nightly")) {
        run_command("rustup", &["toolchain", "install", "nightly", "--profile", "minimal"])?;
    }
    if Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .map_or(true, |out| !out.status.success())
    {
        run_command("cargo", &["install", "--locked", "cargo-fuzz@0.13.2"])?;
    }
    let fuzz_dir = "crates/sdrs-job-core";
    let corpus = format!("fuzz/corpus/{target}");
    std::fs::create_dir_all(project_root().join(fuzz_dir).join(&corpus))?;
    let seeds = project_root().join(fuzz_dir).join("tests/fixtures/jobs");
    let max_time = format!("-max_total_time={seconds}");
    let seeds = seeds.to_str().context("non-UTF-8 path")?;
    eprintln!("$ (in {fuzz_dir}) cargo +nightly fuzz run {target} {corpus} {seeds} -- {max_time}");
    let status = Command::new("cargo")
        .args(["+nightly", "fuzz", "run", &target, &corpus, seeds, "--", &max_time])
        .current_dir(project_root().join(fuzz_dir))
        .status()
        .context("could not start cargo fuzz")?;
    if !status.success() {
        bail!("fuzzing found a failure (see crates/sdrs-job-core/fuzz/artifacts/{target}/)");
    }
    Ok(())
}
