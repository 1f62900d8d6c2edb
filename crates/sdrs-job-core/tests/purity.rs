//! The core crate is pure: it knows nothing of browsers, clocks, randomness or IO.
//! "Now" and random numbers are arguments. This test reads the crate's manifest and
//! sources and fails if that changes (rust-analyzer's tidy checks do the same).

use std::path::Path;

const FORBIDDEN_DEPENDENCIES: &[&str] = &[
    "wasm-bindgen",
    "js-sys",
    "web-sys",
    "gloo",
    "yew",
    "getrandom",
    "rand",
    "chrono",
    "time",
    "tokio",
    "reqwest",
    "serde-wasm-bindgen",
];

const FORBIDDEN_SOURCE: &[&str] = &[
    "std::time",
    "SystemTime",
    "Instant::now",
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "std::thread",
    "thread_rng",
    "wasm_bindgen",
    "js_sys",
    "web_sys",
    "println!",
    "eprintln!",
];

#[test]
fn manifest_has_no_impure_dependency() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .expect("a [dependencies] table")
        .split("\n[")
        .next()
        .unwrap();
    for line in dependencies.lines() {
        let name = line.split('=').next().unwrap().trim();
        for forbidden in FORBIDDEN_DEPENDENCIES {
            assert!(
                !(name == *forbidden || name.starts_with(&format!("{forbidden}-"))),
                "sdrs-job-core must stay pure, but depends on `{name}`"
            );
        }
    }
}

#[test]
fn sources_use_no_clock_randomness_io_or_browser_api() {
    let source_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut checked = 0;
    for entry in std::fs::read_dir(&source_dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // Unit tests at the bottom of a file may use std freely.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for forbidden in FORBIDDEN_SOURCE {
            assert!(
                !code.contains(forbidden),
                "{} uses `{forbidden}`: the core must stay pure",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "expected the core's sources in {}", source_dir.display());
}
