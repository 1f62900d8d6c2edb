//! The core crate is pure: it knows nothing of browsers, clocks, randomness or IO.
//! "Now" and random numbers are arguments. This test reads the crate's manifest (every
//! dependency table, target-specific ones included) and every source file below `src/`,
//! and fails if that changes (rust-analyzer's tidy checks do the same).

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

/// Every dependency a manifest gives the crate's own code: `[dependencies]` (plain and as
/// `[dependencies.NAME]` tables), `[build-dependencies]`, and the same under every
/// `[target.'cfg(...)'.…]`. Dev-dependencies are left out: tests may use anything.
fn dependencies_of(manifest: &str) -> Vec<String> {
    let manifest: toml::Table = manifest.parse().expect("the manifest is TOML");
    let mut tables = Vec::new();
    for kind in ["dependencies", "build-dependencies"] {
        tables.extend(manifest.get(kind).and_then(toml::Value::as_table));
        for target in manifest.get("target").and_then(toml::Value::as_table).into_iter().flatten() {
            tables.extend(target.1.get(kind).and_then(toml::Value::as_table));
        }
    }
    let mut names = Vec::new();
    for table in tables {
        for (key, value) in table {
            // `name = { package = "real-name" }` renames a dependency: check the real one.
            let real = value.get("package").and_then(toml::Value::as_str).unwrap_or(key);
            names.push(real.to_owned());
        }
    }
    names
}

fn impure(name: &str) -> Option<&'static str> {
    FORBIDDEN_DEPENDENCIES
        .iter()
        .copied()
        .find(|forbidden| name == *forbidden || name.starts_with(&format!("{forbidden}-")))
}

#[test]
fn manifest_has_no_impure_dependency() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let dependencies = dependencies_of(&manifest);
    assert!(dependencies.iter().any(|name| name == "serde"), "the check reads the manifest");
    for name in dependencies {
        assert!(impure(&name).is_none(), "sdrs-job-core must stay pure, but depends on `{name}`");
    }
}

#[test]
fn the_manifest_check_sees_every_kind_of_dependency_table() {
    let sample = r#"
        [package]
        name = "sample"
        [dependencies]
        serde = "1"
        [dependencies.gloo-net]
        version = "0.7"
        [build-dependencies]
        getrandom = "0.3"
        [target.'cfg(target_arch = "wasm32")'.dependencies]
        js-sys = "0.3"
        [target.'cfg(unix)'.dependencies]
        clock = { package = "chrono", version = "0.4" }
        [dev-dependencies]
        tokio = "1"
    "#;
    let mut found: Vec<_> =
        dependencies_of(sample).iter().filter_map(|name| impure(name)).collect();
    found.sort_unstable();
    assert_eq!(found, ["chrono", "getrandom", "gloo", "js-sys"]);
}

/// Every `.rs` file below `dir`, sub-folders included.
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn sources_use_no_clock_randomness_io_or_browser_api() {
    let source_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut checked = 0;
    for path in rust_files(&source_dir) {
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
