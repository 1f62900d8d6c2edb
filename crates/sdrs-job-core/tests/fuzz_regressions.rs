//! Runs the fuzzer's checks over every fixture and every input saved in
//! `fuzz/regressions/` (inputs the fuzzer once found; add a file to keep one checked).

#[path = "support/fuzz_check.rs"]
mod fuzz_check;

use std::path::Path;

#[test]
fn fuzz_checks_hold_for_fixtures_and_saved_inputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for dir in ["tests/fixtures/jobs", "tests/fixtures/errors", "fuzz/regressions"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                fuzz_check::check_input(&std::fs::read(&path).unwrap());
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "only {checked} inputs checked");
}
