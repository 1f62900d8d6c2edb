//! The package's TypeScript for the core's output types and the widget's event details is
//! generated from those types (`sdrs_job_core::typescript`, `sdrs_job_widget::typescript`)
//! and checked in under `src/generated/`, which `lib.rs` and `widget.rs` put into the
//! `.d.ts` files. This test fails when a file is stale, and rewrites it (as
//! rust-analyzer's source-generation tests do): run it, and commit.

use std::path::Path;

#[test]
fn the_core_types_declarations_are_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/generated/core-types.d.ts");
    let generated = sdrs_job_core::typescript::declarations();
    for name in ["Summary", "Row", "Failure", "Warning", "Counts", "StatusKind", "ApiError"] {
        assert!(
            generated.contains(&format!("export type {name} = ")),
            "{name} is declared:\n{generated}"
        );
    }
    ensure_file_contents(&path, &generated);
}

#[test]
fn the_widget_types_declarations_are_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/generated/widget-types.d.ts");
    let generated = sdrs_job_widget::typescript::declarations();
    assert!(generated.contains("export type SelectDetail = "), "{generated}");
    ensure_file_contents(&path, &generated);
}

fn ensure_file_contents(path: &Path, generated: &str) {
    let current = std::fs::read_to_string(path).unwrap_or_default();
    if current != generated {
        std::fs::write(path, generated).expect("write the generated declarations");
        panic!("{} was stale and has been rewritten: check it and commit it", path.display());
    }
}
