//! The TypeScript of every type the JS API hands out, derived from the types themselves
//! (`ts-rs`, with serde's names), so that the npm package's declarations cannot drift from
//! what it serializes. The package checks in the result and a test there fails when it is
//! stale. Only with the `ts` feature.

use ts_rs::{Config, TS};

/// `export type ...` declarations of the output types, with their doc comments. Numbers
/// that are `i64`/`u64` in Rust are `number` in JS: the package serializes them as JSON
/// does (epoch milliseconds are far inside the safe range).
pub fn declarations() -> String {
    let config = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the core's types by `sdrs_job_core::typescript::declarations()`;\n\
         // `cargo test -p sdrs-job-timeline-js --test typescript` rewrites it. Do not edit.\n",
    );
    let mut declare = |docs: Option<String>, declaration: String| {
        out.push('\n');
        if let Some(docs) = docs {
            out.push_str(&docs);
        }
        out.push_str("export ");
        out.push_str(&declaration);
        out.push('\n');
    };
    macro_rules! declare {
        ($($type:ty),* $(,)?) => {
            $(declare(<$type as TS>::docs(), <$type as TS>::decl(&config));)*
        };
    }
    declare!(
        crate::StatusKind,
        crate::Counts,
        crate::Failure,
        crate::WarningCode,
        crate::Warning,
        crate::Summary,
        crate::Row<'static>,
        crate::RowOrder,
        crate::ApiErrorKind,
        crate::ApiErrorReport,
        crate::task_center::ResourceKind,
        crate::task_center::FailureStatus,
        crate::task_center::ResourceKindFilter,
        crate::task_center::FailureJob,
        crate::task_center::FailureJobs,
        crate::chrome_trace::TraceEvent,
        crate::chrome_trace::ChromeTrace,
        crate::otlp::OtlpValue,
        crate::otlp::OtlpAttribute,
        crate::otlp::OtlpStatus,
        crate::otlp::OtlpSpan,
        crate::otlp::OtlpScope,
        crate::otlp::OtlpScopeSpans,
        crate::otlp::OtlpResource,
        crate::otlp::OtlpResourceSpans,
        crate::otlp::OtlpTrace,
        crate::history::JobKey,
        crate::history::ObservedStatus,
        crate::history::Change,
        crate::history::JobHistory,
        crate::history::History,
        crate::session::SessionRecord,
        crate::statistics::TypeStats,
        crate::statistics::StatsColumn,
        crate::compare::ComparedRow,
        crate::compare::Comparison,
    );
    out
}
