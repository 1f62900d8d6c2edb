//! `cargo xtask fuzz`: cargo-fuzz on the parser (installs nightly and cargo-fuzz).

use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::env::*;

pub(crate) fn fuzz(rest: &[String]) -> Result<()> {
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
