//! `cargo xtask serve`: the console page with the simulator behind trunk's proxy, or the
//! real service with `--upstream`.

use anyhow::{bail, Context, Result};

use crate::env::*;

/// Builds the page, starts the simulator behind trunk's proxy, and serves the page on
/// http://127.0.0.1:8080 until Ctrl-C. With `--upstream URL`, proxies `/v1/` to that
/// server (the real SDRS endpoint) instead of starting the simulator.
pub(crate) fn serve(rest: &[String]) -> Result<()> {
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
