//! What the fuzzer checks for any input, shared by the cargo-fuzz target
//! (`fuzz/fuzz_targets/parse_job.rs`) and the regression test (`tests/fuzz_regressions.rs`)
//! so that every input the fuzzer ever found stays checked in ordinary `cargo test`.

use std::collections::HashSet;

use sdrs_job_core::{
    parse_job, parse_job_with, parse_timestamp, summarize, ticks, Analysis, ApiError, Locale,
    ParseOptions, StatusSet, TickMode, TimestampMode,
};

/// Panics if the core misbehaves on `data`: a panic anywhere, a round trip that is not
/// a fixed point, or strict and lenient parsing disagreeing.
pub fn check_input(data: &[u8]) {
    let lenient_options =
        ParseOptions { timestamps: TimestampMode::Lenient, ..ParseOptions::default() };
    let strict = parse_job(data);
    let lenient = parse_job_with(data, &lenient_options);
    match (&strict, &lenient) {
        (Ok(strict_tree), Ok(lenient_tree)) => {
            assert_eq!(strict_tree.to_json(), lenient_tree.to_json())
        }
        (Ok(_), Err(error)) => panic!("strict parse succeeded but lenient failed: {error}"),
        (Err(error), Ok(_)) => assert_eq!(error.code.as_str(), "TIMESTAMP", "{error}"),
        // Strict parsing stops at the first bad timestamp; lenient parsing reads on and may
        // stop at a later error. Any other error is the same in both modes.
        (Err(strict_error), Err(lenient_error)) if strict_error.code.as_str() == "TIMESTAMP" => {
            assert!(
                lenient_error.line >= strict_error.line,
                "{lenient_error} before {strict_error}"
            )
        }
        (Err(strict_error), Err(lenient_error)) => assert_eq!(strict_error, lenient_error),
    }
    if let Err(error) = &strict {
        assert!(!error.message.is_empty());
    }
    if let Ok(tree) = lenient {
        let written = tree.to_json();
        let again = parse_job_with(&written, &lenient_options).expect("what we write parses");
        assert_eq!(again.to_json(), written, "writing is a fixed point");
        let now = 1_560_418_920_000;
        let summary = summarize(&tree, now);
        assert_eq!(summary.total, tree.len());
        let all_parents: HashSet<String> = tree
            .iter()
            .filter(|job| job.has_children())
            .filter_map(|job| job.job_id().map(str::to_owned))
            .collect();
        for collapsed in [HashSet::new(), all_parents] {
            let analysis = Analysis::new(tree.clone());
            let result = analysis.layout(now, &collapsed, StatusSet::EMPTY);
            for row in &result.rows(&analysis, Locale::Zh) {
                assert!(row.left >= 0.0 && row.width >= 0.0 && row.left + row.width <= 1.0 + 1e-9);
            }
            let axis = ticks(
                result.start_ms,
                result.end_ms,
                800.0,
                TickMode::Absolute { utc_offset_minutes: 480 },
            );
            assert!(axis.ticks.len() <= 1_000);
        }
    }
    let error = ApiError::from_response(500, data, Some("fuzz"));
    let _ = (error.to_string(), error.retryable(), error.not_found());
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_timestamp(text);
    }
}
