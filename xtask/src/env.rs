//! The project's environment: paths, `PATH` with the project's own tools, running
//! commands, and installing what a fresh machine lacks (the wasm32 target, trunk,
//! wasm-bindgen-cli, the npm tools, Chromium, the official Python SDK).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

pub(crate) fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

/// `PATH` with cargo's bin folder and the project's npm tools first.
pub(crate) fn tool_path() -> std::ffi::OsString {
    let mut paths = vec![project_root().join("tests/node_modules/.bin")];
    if let Some(home) = std::env::var_os("HOME") {
        paths.push(PathBuf::from(home).join(".cargo/bin"));
    }
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(paths).unwrap_or_default()
}

/// A command run in the project root with the project's `PATH`.
pub(crate) fn command(program: &str) -> Command {
    let mut command = Command::new(program);
    command.current_dir(project_root()).env("PATH", tool_path());
    command
}

/// Runs a command in the project root, echoing it; fails on a non-zero exit.
pub(crate) fn run_command(program: &str, arguments: &[&str]) -> Result<()> {
    eprintln!("$ {program} {}", arguments.join(" "));
    let status = command(program)
        .args(arguments)
        .status()
        .with_context(|| format!("could not start {program}"))?;
    if !status.success() {
        bail!("`{program} {}` failed with {status}", arguments.join(" "));
    }
    Ok(())
}

pub(crate) fn command_output(program: &str, arguments: &[&str]) -> Result<String> {
    let output = command(program)
        .args(arguments)
        .output()
        .with_context(|| format!("could not start {program}"))?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

pub(crate) const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Installs the wasm32 target when missing.
pub(crate) fn ensure_wasm_target() -> Result<()> {
    let installed = command_output("rustup", &["target", "list", "--installed"])?;
    if !installed.lines().any(|line| line.trim() == WASM_TARGET) {
        run_command("rustup", &["target", "add", WASM_TARGET])?;
    }
    Ok(())
}

/// The official SDK the simulator's compatibility test runs (pinned: a new SDK release is
/// a change to review, not a surprise in CI).
pub(crate) const OFFICIAL_SDK: &str = "huaweicloudsdksdrs==3.1.219";

/// Installs the official Python SDK into `target/sdk-venv` when missing.
pub(crate) fn ensure_official_sdk() -> Result<()> {
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

/// trunk's version: 0.22 needs a newer rustc than this machine's 1.95.
pub(crate) const TRUNK_VERSION: &str = "0.21.14";

/// Whether `program --version` prints `version`.
pub(crate) fn has_version(program: &str, version: &str) -> bool {
    command(program).arg("--version").output().is_ok_and(|output| {
        output.status.success() && String::from_utf8_lossy(&output.stdout).contains(version)
    })
}

/// The exact `wasm-bindgen` version in Cargo.lock: the CLI must match it.
pub(crate) fn locked_wasm_bindgen_version() -> Result<String> {
    let lock =
        std::fs::read_to_string(project_root().join("Cargo.lock")).context("read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|next| next.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    bail!("wasm-bindgen is not in Cargo.lock")
}

/// Installs the browser-side tools when missing: trunk, wasm-bindgen-cli (the locked
/// version), and the npm packages (wasm-opt from binaryen, playwright-core).
pub(crate) fn ensure_web_tools() -> Result<()> {
    ensure_wasm_target()?;
    if !has_version("trunk", TRUNK_VERSION) {
        run_command("cargo", &["install", "--locked", &format!("trunk@{TRUNK_VERSION}")])?;
    }
    let wasm_bindgen = locked_wasm_bindgen_version()?;
    if !has_version("wasm-bindgen", &wasm_bindgen) {
        // Not --locked: a locked dependency of the CLI is missing from the registry.
        run_command("cargo", &["install", &format!("wasm-bindgen-cli@{wasm_bindgen}")])?;
    }
    let tests = project_root().join("tests");
    if !tests.join("node_modules/.bin/wasm-opt").exists()
        || !tests.join("node_modules/playwright-core").exists()
    {
        eprintln!("$ (in tests) npm ci");
        let status =
            command("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&tests).status()?;
        if !status.success() {
            bail!("npm ci in tests/ failed");
        }
    }
    Ok(())
}

/// A small CJK font, so screenshots show the Chinese labels rather than boxes.
pub(crate) const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// Installs Debian's Chromium, ChromeDriver, a CJK font and curl when missing (the browser
/// tests need the first three; the README's simulator examples, run as a test, use curl).
pub(crate) fn ensure_chromium() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && Path::new(CJK_FONT).exists()
        && Path::new("/usr/bin/curl").exists()
    {
        return Ok(());
    }
    run_command("apt-get", &["update", "-qq"])?;
    let status = command("apt-get")
        .args(["install", "-y", "-qq", "chromium", "chromium-driver", "fonts-wqy-microhei", "curl"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()?;
    if !status.success() {
        bail!("apt-get install chromium chromium-driver fonts-wqy-microhei curl failed");
    }
    Ok(())
}

/// Builds the console page with trunk in release mode into `target/dist`.
pub(crate) fn build_page() -> Result<()> {
    run_command("trunk", &["build", "--release"])
}

/// Installs a freshly packed tarball into the consumer test project `tests/npm`.
pub(crate) fn install_packed(tarball: &Path) -> Result<()> {
    let tarball = tarball.to_str().context("non-UTF-8 path")?;
    run_in(
        "tests/npm",
        "npm",
        &["install", "--no-audit", "--no-fund", "--no-package-lock", "--no-save", tarball],
    )
}

/// Runs a command in a folder of the project.
pub(crate) fn run_in(folder: &str, program: &str, arguments: &[&str]) -> Result<()> {
    eprintln!("$ (in {folder}) {program} {}", arguments.join(" "));
    let status =
        command(program).args(arguments).current_dir(project_root().join(folder)).status()?;
    if !status.success() {
        bail!("`{program} {}` in {folder} failed with {status}", arguments.join(" "));
    }
    Ok(())
}
