//! The TypeScript of what the widget hands its host, derived from the types themselves
//! (as the core's, `sdrs_job_core::typescript`). Only with the `ts` feature.

use ts_rs::{Config, TS};

/// `export type ...` declarations, with their doc comments.
pub fn declarations() -> String {
    let config = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the widget's types by `sdrs_job_widget::typescript::declarations()`;\n\
         // `cargo test -p sdrs-job-timeline-js --test typescript` rewrites it. Do not edit.\n",
    );
    out.push('\n');
    if let Some(docs) = <crate::SelectedJob as TS>::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&<crate::SelectedJob as TS>::decl(&config));
    out.push('\n');
    out
}
