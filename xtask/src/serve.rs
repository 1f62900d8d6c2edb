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
    let generated = upstream_config(&config, &upstream, &locked_wasm_bindgen_version()?)?;
    std::fs::write(project_root().join(".trunk-upstream.toml"), generated)?;
    eprintln!("The console: http://127.0.0.1:8080/ with /v1/ proxied to {upstream}. Enter an IAM token in the form.");
    run_command("trunk", &["serve", "--release", "--config", ".trunk-upstream.toml"])
}

/// Trunk.toml with its proxies replaced by one to `upstream`'s `/v1/`, and the locked
/// wasm-bindgen version: the same build and server settings, another backend.
fn upstream_config(trunk_toml: &str, upstream: &str, wasm_bindgen: &str) -> Result<String> {
    let mut config: toml::Table = trunk_toml.parse().context("Trunk.toml is not TOML")?;
    let mut proxy = toml::Table::new();
    proxy.insert("backend".into(), format!("{upstream}/v1/").into());
    config.insert("proxy".into(), toml::Value::Array(vec![proxy.into()]));
    let tools = config
        .entry("tools")
        .or_insert_with(|| toml::Table::new().into())
        .as_table_mut()
        .context("Trunk.toml: [tools] is not a table")?;
    tools.insert("wasm_bindgen".into(), wasm_bindgen.into());
    Ok(toml::to_string(&config)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_upstream_config_keeps_the_build_and_proxies_only_the_api() {
        let trunk_toml = std::fs::read_to_string(project_root().join("Trunk.toml")).unwrap();
        let generated = upstream_config(&trunk_toml, "https://sdrs.example", "0.2.130").unwrap();
        let config: toml::Table = generated.parse().unwrap();
        let original: toml::Table = trunk_toml.parse().unwrap();
        assert_eq!(config["build"], original["build"]);
        assert_eq!(config["serve"], original["serve"]);
        let proxies = config["proxy"].as_array().unwrap();
        assert_eq!(proxies.len(), 1, "{generated}");
        assert_eq!(proxies[0]["backend"].as_str(), Some("https://sdrs.example/v1/"));
        assert_eq!(config["tools"]["wasm_bindgen"].as_str(), Some("0.2.130"));
    }
}
