//! Data-driven tests: every file in `fixtures/jobs/*.json`, `fixtures/errors/*.http` (error
//! answers of the service and its gateway) and `fixtures/answers/*.http` (anything else a
//! server may answer: redirects, HTML pages, bodies over a cap, odd `Retry-After`s) is run
//! through the core, and the result compared with the `.expected.json` beside it. Raw HTTP
//! answers go through the whole exchange ([`BodyReader`]: head, body, answer, poll outcome).
//! Adding a case means adding a file. `UPDATE_EXPECT=1 cargo test -p sdrs-job-core --test
//! fixtures` rewrites the expected files; review the diff before committing it.
//!
//! Job fixtures are analysed at a fixed "now" ([`NOW`]) so running jobs are stable.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sdrs_job_core::exchange::{poll_outcome, BodyReader, ResponseHead};
use sdrs_job_core::poll::PollOutcome;
use sdrs_job_core::{
    parse_job, parse_job_with, summarize, Analysis, Locale, ParseOptions, StatusSet, TimestampMode,
};
use serde_json::{json, Value};

/// The "now" of every job fixture: a minute after the documented examples' last end time.
const NOW: &str = "2019-06-13T09:42:00.000Z";

fn fixture_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(kind)
}

fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name().unwrap().to_str().unwrap().ends_with(extension)
                && !path.to_str().unwrap().ends_with(".expected.json")
        })
        .collect();
    files.sort();
    files
}

fn expected_path(input: &Path) -> PathBuf {
    let stem = input.file_name().unwrap().to_str().unwrap();
    let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
    input.with_file_name(format!("{stem}.expected.json"))
}

/// Compares with the expected file, or rewrites it under `UPDATE_EXPECT=1`.
/// Returns a description of the mismatch, if any.
fn check(input: &Path, actual: &Value) -> Option<String> {
    let path = expected_path(input);
    let rendered = serde_json::to_string_pretty(actual).unwrap() + "\n";
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &rendered).unwrap();
        return None;
    }
    match std::fs::read_to_string(&path) {
        Ok(expected) if expected == rendered => None,
        Ok(expected) => Some(format!(
            "{}: result differs from {}\n--- expected\n{expected}\n--- actual\n{rendered}",
            input.display(),
            path.display()
        )),
        Err(_) => {
            Some(format!("{}: no {} (run with UPDATE_EXPECT=1)", input.display(), path.display()))
        }
    }
}

fn analyse_job(input: &[u8]) -> Value {
    let now = sdrs_job_core::parse_timestamp(NOW).unwrap();
    let strict = parse_job(input);
    let mut result = serde_json::Map::new();
    let tree = match strict {
        Ok(tree) => {
            result.insert("parse".into(), json!("ok"));
            Some(tree)
        }
        Err(error) => {
            result.insert("parse".into(), json!({ "error": error }));
            let lenient =
                ParseOptions { timestamps: TimestampMode::Lenient, ..ParseOptions::default() };
            match parse_job_with(input, &lenient) {
                Ok(tree) => {
                    result.insert("lenientParse".into(), json!("ok"));
                    Some(tree)
                }
                Err(lenient_error) => {
                    assert_eq!(lenient_error, error, "lenient parsing fails the same way");
                    None
                }
            }
        }
    };
    if let Some(tree) = tree {
        // Round trip: what we write is the JSON we read, and writing is a fixed point.
        let original: Value = serde_json::from_slice(input).expect("a parsed job is JSON");
        let written = tree.to_json();
        let reread: Value = serde_json::from_str(&written).expect("we write JSON");
        assert_eq!(reread, original, "round trip changed the JSON value");
        let options =
            ParseOptions { timestamps: TimestampMode::Lenient, ..ParseOptions::default() };
        assert_eq!(parse_job_with(&written, &options).unwrap().to_json(), written);

        result.insert("summary".into(), json!(summarize(&tree, now)));
        let analysis = Analysis::new(tree.clone());
        // The analysis's summary is the standalone one.
        assert_eq!(analysis.summary(now), summarize(&tree, now));
        let nothing_collapsed = HashSet::new();
        let layout = analysis.layout(now, &nothing_collapsed, StatusSet::EMPTY);
        result.insert(
            "layout".into(),
            json!({"startMs": layout.start_ms, "endMs": layout.end_ms, "rows": layout.rows(&analysis, Locale::En)}),
        );
        // Collapse every job with sub-jobs except the root: shows "error inside" markers.
        let parents: HashSet<String> = tree
            .iter()
            .skip(1)
            .filter(|job| job.has_children())
            .filter_map(|job| job.job_id().map(str::to_owned))
            .collect();
        if !parents.is_empty() {
            let folded = analysis.layout(now, &parents, StatusSet::EMPTY);
            let rows: Vec<Value> = folded
                .rows(&analysis, Locale::Zh)
                .iter()
                .map(|row| {
                    json!({
                        "jobId": row.job_id, "label": row.label, "collapsed": row.collapsed,
                        "descendantCount": row.descendant_count, "hiddenFailure": row.hidden_failure,
                    })
                })
                .collect();
            result.insert("layoutCollapsed".into(), Value::Array(rows));
        }
    }
    Value::Object(result)
}

/// Runs every fixture of a kind through `analyse` and compares each with its expected file.
fn check_all(kind: &str, extension: &str, minimum: usize, analyse: impl Fn(&Path) -> Value) {
    let files = files_with_extension(&fixture_dir(kind), extension);
    assert!(files.len() >= minimum, "{kind} fixtures missing: found {}", files.len());
    let failures: Vec<String> =
        files.iter().filter_map(|file| check(file, &analyse(file))).collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn job_fixtures() {
    check_all("jobs", ".json", 15, |file| analyse_job(&std::fs::read(file).unwrap()));
}

/// A raw HTTP response: status line, headers, blank line, body (its last newline dropped).
struct RawAnswer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl RawAnswer {
    fn read(text: &str) -> RawAnswer {
        let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
        let mut lines = head.lines();
        let status_line = lines.next().expect("status line");
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .expect("HTTP/1.1 NNN");
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        RawAnswer { status, headers, body: body.strip_suffix('\n').unwrap_or(body).to_owned() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(known, _)| known == name).map(|(_, value)| value.as_str())
    }
}

/// An answer through the exchange, in chunks of 1,000 bytes as a stream would give it.
fn analyse_answer(file: &Path) -> Value {
    let raw = RawAnswer::read(&std::fs::read_to_string(file).unwrap());
    let head = ResponseHead {
        status: raw.status,
        opaque_redirect: false,
        request_id: raw.header("x-request-id"),
        retry_after: raw.header("retry-after"),
        content_type: raw.header("content-type"),
        content_length: raw.header("content-length"),
        location: raw.header("location"),
    };
    // The answers' fixtures use a small job cap, so that "over the cap" fits in a file.
    let options = ParseOptions { max_bytes: 4_096, ..ParseOptions::default() };
    let answer = BodyReader::start(&head, &options).and_then(|mut reader| {
        for chunk in raw.body.as_bytes().chunks(1_000) {
            reader.push(chunk)?;
        }
        Ok(reader.finish())
    });
    let answer = answer.unwrap_or_else(Err);
    let outcome = match poll_outcome(&answer) {
        PollOutcome::Status(status) => json!({ "status": status }),
        PollOutcome::RetryableError { retry_after_ms } => {
            json!({ "retryable": { "retryAfterMs": retry_after_ms } })
        }
        PollOutcome::FinalError => json!("final"),
    };
    match answer {
        Ok(tree) => json!({ "jobs": tree.len(), "outcome": outcome }),
        Err(error) => json!({
            "error": error,
            "retryable": error.retryable(),
            "notFound": error.not_found(),
            "meaningEn": error.meaning(Locale::En),
            "meaningZh": error.meaning(Locale::Zh),
            "display": error.to_string(),
            "outcome": outcome,
        }),
    }
}

#[test]
fn error_fixtures() {
    check_all("errors", ".http", 10, analyse_answer);
}

#[test]
fn answer_fixtures() {
    check_all("answers", ".http", 8, analyse_answer);
}

#[test]
fn every_warning_code_has_a_fixture() {
    let mut seen = HashSet::new();
    for file in files_with_extension(&fixture_dir("jobs"), ".json") {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(expected_path(&file)).unwrap()).unwrap();
        for warning in expected["summary"]["warnings"].as_array().into_iter().flatten() {
            seen.insert(warning["code"].as_str().unwrap().to_owned());
        }
    }
    for code in [
        "UNKNOWN_STATUS",
        "END_BEFORE_BEGIN",
        "TERMINAL_WITHOUT_END",
        "END_WITHOUT_TERMINAL",
        "SUCCESS_WITH_UNFINISHED_CHILD",
        "CHILD_OUTSIDE_PARENT",
        "DUPLICATE_JOB_ID",
        "BAD_TIMESTAMP",
    ] {
        assert!(seen.contains(code), "no fixture shows warning {code}");
    }
}
