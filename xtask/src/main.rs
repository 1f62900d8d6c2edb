//! `cargo xtask <task>`: every multi-step chore of the project, so that README, CI and
//! developers run the same code (the xtask pattern).
//!
//! - `test`: installs what the suite needs (the wasm32 target, the official Python SDK in
//!   `target/sdk-venv`), then fmt check, clippy `-D warnings`, native tests (the simulator's
//!   run the official SDK against it), and a wasm32 build of the core. `.ci/run` calls it.
//! - `serve`: builds the console page and serves it on http://127.0.0.1:8080 with the SDRS
//!   simulator behind trunk's proxy (same origin), printing ready-made job URLs.
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
        "serve" => serve(&rest),
        "bench" => bench(&rest),
        "fuzz" => fuzz(&rest),
        "synthetic" => synthetic(&rest),
        "npm" => npm().map(|tarball| eprintln!("{}", tarball.display())),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n\
                 tasks:\n  \
                 test                        the whole suite (installs what it needs)\n  \
                 serve                       the console page with the simulator\n  \
                 bench [core|npm|browser|soak] [args]   benchmarks: the core (criterion), the npm package in\n  \
                                             Node, the console page in headless Chromium, or\n  \
                                             a 30-minute soak of the widget (--minutes N)\n  \
                 fuzz [--seconds N] [--target NAME]   fuzz the parser (default 60 s, parse_job)\n  \
                 synthetic INSTANCES STEPS OUT   write a synthetic failover job JSON (100 100: 10,101 jobs)\n  \
                 npm                         build the npm package into target/npm/sdrs-job-timeline-VERSION.tgz"
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

/// `PATH` with cargo's bin folder and the project's npm tools first.
fn tool_path() -> std::ffi::OsString {
    let mut paths = vec![project_root().join("tests/node_modules/.bin")];
    if let Some(home) = std::env::var_os("HOME") {
        paths.push(PathBuf::from(home).join(".cargo/bin"));
    }
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(paths).unwrap_or_default()
}

/// A command run in the project root with the project's `PATH`.
fn command(program: &str) -> Command {
    let mut command = Command::new(program);
    command.current_dir(project_root()).env("PATH", tool_path());
    command
}

/// Runs a command in the project root, echoing it; fails on a non-zero exit.
fn run_command(program: &str, arguments: &[&str]) -> Result<()> {
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

fn command_output(program: &str, arguments: &[&str]) -> Result<String> {
    let output = command(program)
        .args(arguments)
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

/// trunk's version: 0.22 needs a newer rustc than this machine's 1.95.
const TRUNK_VERSION: &str = "0.21.14";

/// Whether `program --version` prints `version`.
fn has_version(program: &str, version: &str) -> bool {
    command(program).arg("--version").output().is_ok_and(|output| {
        output.status.success() && String::from_utf8_lossy(&output.stdout).contains(version)
    })
}

/// The exact `wasm-bindgen` version in Cargo.lock: the CLI must match it.
fn locked_wasm_bindgen_version() -> Result<String> {
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
fn ensure_web_tools() -> Result<()> {
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
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// Installs Debian's Chromium, ChromeDriver and a CJK font when missing (the browser tests
/// need them).
fn ensure_chromium() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && Path::new(CJK_FONT).exists()
    {
        return Ok(());
    }
    run_command("apt-get", &["update", "-qq"])?;
    let status = command("apt-get")
        .args(["install", "-y", "-qq", "chromium", "chromium-driver", "fonts-wqy-microhei"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()?;
    if !status.success() {
        bail!("apt-get install chromium chromium-driver fonts-wqy-microhei failed");
    }
    Ok(())
}

/// Builds the console page with trunk in release mode into `target/dist`.
fn build_page() -> Result<()> {
    run_command("trunk", &["build", "--release"])
}

fn test() -> Result<()> {
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
            "hostile.test.mjs",
            "browser.test.mjs",
        ],
    )?;
    eprintln!("xtask test: all steps passed");
    Ok(())
}

/// Builds the page, starts the simulator behind trunk's proxy, and serves the page on
/// http://127.0.0.1:8080 until Ctrl-C. With `--upstream URL`, proxies `/v1/` to that
/// server (the real SDRS endpoint) instead of starting the simulator.
fn serve(rest: &[String]) -> Result<()> {
    let upstream = match rest {
        [] => None,
        [flag, url] if flag == "--upstream" => {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                bail!("--upstream needs an http(s) URL, e.g. https://sdrs.cn-north-4.myhuaweicloud.com");
            }
            Some(url.trim_end_matches('/').to_owned())
        }
        _ => bail!("usage: cargo xtask serve [--upstream https://sdrs.<region>.myhuaweicloud.com]"),
    };
    ensure_web_tools()?;
    let Some(upstream) = upstream else {
        run_command("cargo", &["build", "--package", "sdrs-sim"])?;
        let simulator = project_root().join("target/debug/sdrs-sim");
        eprintln!("$ sdrs-sim --listen 127.0.0.1:8081 --allow-anonymous --console-url http://127.0.0.1:8080");
        let mut simulator = command(simulator.to_str().context("non-UTF-8 path")?)
            .args([
                "--listen",
                "127.0.0.1:8081",
                "--allow-anonymous",
                "--console-url",
                "http://127.0.0.1:8080",
            ])
            .spawn()
            .context("start the simulator")?;
        eprintln!("The console: http://127.0.0.1:8080/ (the first build takes a minute or two). Ctrl-C stops both.");
        let served = run_command("trunk", &["serve", "--release"]);
        let _ = simulator.kill();
        let _ = simulator.wait();
        return served;
    };
    // Same build, with /v1/ proxied to the real service. The file is generated (gitignored).
    let config = std::fs::read_to_string(project_root().join("Trunk.toml"))?;
    let build_and_serve = config.split("[[proxy]]").next().unwrap_or_default();
    let generated = format!("{build_and_serve}[[proxy]]\nbackend = \"{upstream}/v1/\"\n\n[tools]\nwasm_bindgen = \"{}\"\n", locked_wasm_bindgen_version()?);
    std::fs::write(project_root().join(".trunk-upstream.toml"), generated)?;
    eprintln!("The console: http://127.0.0.1:8080/ with /v1/ proxied to {upstream}. Enter an IAM token in the form.");
    run_command("trunk", &["serve", "--release", "--config", ".trunk-upstream.toml"])
}

const NPM_NAME: &str = "sdrs-job-timeline";
const BINDINGS_CRATE: &str = "sdrs-job-timeline-js";

/// Builds one wasm flavour of the bindings and runs wasm-bindgen and wasm-opt on it.
fn build_bindings(
    profile: &str,
    features: &[&str],
    targets: &[(&str, &Path)],
    out_name: &str,
    opt: &str,
) -> Result<()> {
    let mut arguments =
        vec!["build", "--package", BINDINGS_CRATE, "--target", WASM_TARGET, "--profile", profile];
    if !features.is_empty() {
        arguments.push("--features");
        arguments.extend(features);
    }
    run_command("cargo", &arguments)?;
    let wasm =
        project_root().join(format!("target/{WASM_TARGET}/{profile}/sdrs_job_timeline_js.wasm"));
    for (target, out_dir) in targets {
        let _ = std::fs::remove_dir_all(out_dir);
        let wasm = wasm.to_str().context("non-UTF-8 path")?;
        let out = out_dir.to_str().context("non-UTF-8 path")?;
        run_command(
            "wasm-bindgen",
            &["--target", target, "--out-dir", out, "--out-name", out_name, wasm],
        )?;
        let built = out_dir.join(format!("{out_name}_bg.wasm"));
        let built = built.to_str().context("non-UTF-8 path")?;
        run_command(
            "wasm-opt",
            &[
                opt,
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                built,
                "-o",
                built,
            ],
        )?;
    }
    Ok(())
}

/// Builds the npm package `sdrs-job-timeline` and packs it; returns the tarball's path.
///
/// Two entry points with their own wasm: `.` (the logic, built for speed, `-O3`) and
/// `./widget` (logic and widget, built for size, `-Oz`), so a console that needs only the
/// logic never downloads yew. Node.js gets a CommonJS build of the logic.
fn npm() -> Result<PathBuf> {
    ensure_web_tools()?;
    let root = project_root();
    let package = root.join("target/npm/package");
    let _ = std::fs::remove_dir_all(&package);
    std::fs::create_dir_all(&package)?;
    let dist = package.join("dist");
    build_bindings(
        "release",
        &[],
        &[("web", &dist.join("web")), ("nodejs", &dist.join("node"))],
        "sdrs_job_timeline",
        "-O3",
    )?;
    build_bindings(
        "wasm-release",
        &["widget"],
        &[("web", &dist.join("widget"))],
        "sdrs_job_timeline_widget",
        "-Oz",
    )?;
    let entry = |module: &str| {
        format!(
            "// Generated by `cargo xtask npm`: initialises the wasm, then re-exports the API.\n\
             import init from \"./dist/{module}.js\";\nawait init();\nexport * from \"./dist/{module}.js\";\n"
        )
    };
    let types = |module: &str| {
        format!("// Generated by `cargo xtask npm`.\nexport * from \"./dist/{module}.js\";\n")
    };
    std::fs::write(package.join("index.js"), entry("web/sdrs_job_timeline"))?;
    std::fs::write(package.join("index.d.ts"), types("web/sdrs_job_timeline"))?;
    std::fs::write(package.join("widget.js"), entry("widget/sdrs_job_timeline_widget"))?;
    std::fs::write(package.join("widget.d.ts"), types("widget/sdrs_job_timeline_widget"))?;
    std::fs::copy(root.join("www/timeline.css"), package.join("timeline.css"))?;
    std::fs::copy(
        root.join("crates/sdrs-job-timeline-js/npm/README.md"),
        package.join("README.md"),
    )?;
    // wasm-bindgen writes a package.json per target; ours is the only one.
    for target in ["web", "node", "widget"] {
        let _ = std::fs::remove_file(dist.join(target).join("package.json"));
        let _ = std::fs::remove_file(dist.join(target).join(".gitignore"));
    }
    // The CommonJS build needs to be marked as such inside an ESM package.
    std::fs::write(dist.join("node/package.json"), "{ \"type\": \"commonjs\" }\n")?;
    let version = env!("CARGO_PKG_VERSION");
    let manifest = format!(
        r#"{{
  "name": "{NPM_NAME}",
  "version": "{version}",
  "description": "Watch and understand Huawei Cloud SDRS asynchronous jobs: job logic in WebAssembly, and a timeline widget.",
  "license": "MIT OR Apache-2.0",
  "repository": {{ "type": "git", "url": "https://example.invalid/sdrs-job-timeline" }},
  "keywords": ["sdrs", "huawei-cloud", "disaster-recovery", "timeline", "wasm"],
  "type": "module",
  "main": "./dist/node/sdrs_job_timeline.js",
  "module": "./index.js",
  "types": "./index.d.ts",
  "exports": {{
    ".": {{
      "types": "./index.d.ts",
      "node": "./dist/node/sdrs_job_timeline.js",
      "default": "./index.js"
    }},
    "./widget": {{
      "types": "./widget.d.ts",
      "default": "./widget.js"
    }},
    "./timeline.css": "./timeline.css",
    "./package.json": "./package.json"
  }},
  "sideEffects": ["./index.js", "./widget.js", "./dist/**/*.js", "*.css"],
  "files": ["index.js", "index.d.ts", "widget.js", "widget.d.ts", "timeline.css", "dist/", "README.md"],
  "engines": {{ "node": ">=20" }}
}}
"#
    );
    std::fs::write(package.join("package.json"), manifest)?;
    let out = root.join("target/npm");
    eprintln!("$ (in target/npm/package) npm pack --pack-destination {}", out.display());
    let status = command("npm")
        .args(["pack", "--silent", "--pack-destination", out.to_str().context("non-UTF-8 path")?])
        .current_dir(&package)
        .status()?;
    if !status.success() {
        bail!("npm pack failed");
    }
    Ok(out.join(format!("{NPM_NAME}-{version}.tgz")))
}

/// Writes a synthetic failover (a root, INSTANCES sub-jobs, STEPS below each) as JSON.
fn synthetic(rest: &[String]) -> Result<()> {
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

fn bench(rest: &[String]) -> Result<()> {
    match rest.first().map(String::as_str) {
        Some("npm") => return bench_npm(),
        Some("browser") => return bench_browser(&rest[1..]),
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
fn bench_browser(rest: &[String]) -> Result<()> {
    let smoke = match rest {
        [] => false,
        [flag] if flag == "--smoke" => true,
        _ => bail!("usage: cargo xtask bench browser [--smoke]"),
    };
    ensure_web_tools()?;
    ensure_chromium()?;
    build_page()?;
    run_command("cargo", &["build", "--package", "sdrs-sim"])?;
    run_in(
        "tests",
        "node",
        if smoke { &["bench/browser.mjs", "--smoke"] } else { &["bench/browser.mjs"] },
    )
}

/// The npm widget in a vite page watching a running job with fast polling for 30 minutes
/// (`--minutes N`): JS heap, DOM size and wasm memory over time (`tests/bench/soak.mjs`).
fn bench_soak(rest: &[String]) -> Result<()> {
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
fn bench_npm() -> Result<()> {
    let tarball = npm()?;
    install_packed(&tarball)?;
    let input = project_root().join("target/bench/failover-10k.json");
    let input = input.to_str().context("non-UTF-8 path")?;
    synthetic(&["100".to_owned(), "100".to_owned(), input.to_owned()])?;
    run_in("tests/npm", "node", &["bench.mjs", input])?;
    // The peak wasm memory of the worst inputs under the caps (one process each).
    run_in("tests/npm", "node", &["bench-memory.mjs"])
}

/// Installs a freshly packed tarball into the consumer test project `tests/npm`.
fn install_packed(tarball: &Path) -> Result<()> {
    let tarball = tarball.to_str().context("non-UTF-8 path")?;
    run_in(
        "tests/npm",
        "npm",
        &["install", "--no-audit", "--no-fund", "--no-package-lock", "--no-save", tarball],
    )
}

/// Runs a command in a folder of the project.
fn run_in(folder: &str, program: &str, arguments: &[&str]) -> Result<()> {
    eprintln!("$ (in {folder}) {program} {}", arguments.join(" "));
    let status =
        command(program).args(arguments).current_dir(project_root().join(folder)).status()?;
    if !status.success() {
        bail!("`{program} {}` in {folder} failed with {status}", arguments.join(" "));
    }
    Ok(())
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
