//! No input under the caps can make a tree take more than a small constant of its size, and
//! a watch's observed history takes a bounded few hundred bytes a job.
//!
//! A counting allocator (this test binary's own) records the peak of live heap bytes while
//! the worst inputs we know of are parsed: millions of empty sub-jobs, jobs as small as the
//! density rule allows, one huge string, many unknown members, deep unknown values. Memory
//! is counted, not timed, so the bounds are exact and the test is deterministic. Run with
//! `--nocapture` to see the table (BENCHMARKS.md quotes it next to the wasm figures).

use std::sync::Mutex;

use peak_alloc::PeakAlloc;
use sdrs_job_core::{limits, parse_job, ParseErrorCode};

// Counts live heap bytes (a realloc that moves counts both blocks, as it holds both).
#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// One measurement at a time: the counters are global.
static SERIAL: Mutex<()> = Mutex::new(());

const MIB: usize = 1024 * 1024;

/// Parses `input` and returns (peak heap bytes above what was live before, the outcome code).
fn peak_while_parsing(input: &[u8]) -> (usize, Option<ParseErrorCode>, usize) {
    let base = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    let result = parse_job(input);
    let peak = ALLOCATOR.peak_usage() - base;
    let jobs = result.as_ref().map_or(0, |tree| tree.len());
    (peak, result.err().map(|error| error.code), jobs)
}

fn sub_jobs(count: usize, one: &str) -> Vec<u8> {
    let mut text = String::with_capacity(count * (one.len() + 1) + 64);
    text.push_str(r#"{"job_id":"root","entities":{"sub_jobs":["#);
    for index in 0..count {
        if index > 0 {
            text.push(',');
        }
        text.push_str(one);
    }
    text.push_str("]}}");
    text.into_bytes()
}

fn worst_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let under_cap = limits::MAX_INPUT_BYTES - MIB;
    let mut long_string = br#"{"job_id":"x","fail_reason":""#.to_vec();
    long_string.resize(under_cap, b'a');
    long_string.extend_from_slice(br#""}"#);
    let mut unknown_members = b"{".to_vec();
    let mut member = 0usize;
    while unknown_members.len() < 24 * MIB {
        unknown_members.extend_from_slice(format!("\"{member:x}\":0,").as_bytes());
        member += 1;
    }
    unknown_members.extend_from_slice(br#""job_id":"x"}"#);
    let deep = format!("{}{}", "[".repeat(limits::MAX_UNKNOWN_VALUE_NESTING - 1), "]".repeat(127));
    let deep_members = sub_jobs(200_000, &format!(r#"{{"x":{deep},"job_id":"0123456789"}}"#));
    vec![
        ("24 MiB of empty sub-jobs `{}`", sub_jobs(8 * MIB, "{}")),
        (
            "minimal 32-byte sub-jobs past the density cap",
            sub_jobs(300_000, r#"{"job_id":"0123456789abcdefg"}"#),
        ),
        ("one 63 MiB string", long_string),
        ("24 MiB of unknown members", unknown_members),
        ("deep unknown values in 200,000 jobs", deep_members),
        (
            "250,000 real-sized sub-jobs (at the cap)",
            sub_jobs(
                limits::MAX_JOBS - 1,
                r#"{"job_id":"ff8080826b45d4a5016b5036242c0025","status":"SUCCESS","job_type":"createProtectedInstance"}"#,
            ),
        ),
    ]
}

#[test]
fn no_input_under_the_caps_takes_more_than_a_small_constant_of_its_size() {
    let _serial = SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    println!("| input | bytes | outcome | jobs | peak heap MiB | peak / input |");
    println!("|---|---:|---|---:|---:|---:|");
    for (name, input) in worst_inputs() {
        let (peak, code, jobs) = peak_while_parsing(&input);
        let outcome = code.map_or("parsed", ParseErrorCode::as_str);
        let ratio = peak as f64 / input.len() as f64;
        println!(
            "| {name} | {} | {outcome} | {jobs} | {:.1} | {ratio:.2} |",
            input.len(),
            peak as f64 / MIB as f64
        );
        // The tree's own bound: its jobs (at most MAX_JOBS, ~50 MB) plus strings and
        // unknown members within a few times the input.
        assert!(
            peak <= 3 * input.len() + 64 * MIB,
            "{name}: {peak} bytes of heap for {} bytes of input",
            input.len()
        );
    }
}

#[test]
fn too_many_jobs_is_an_error_that_says_why() {
    let _serial = SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let empty = sub_jobs(100_000, "{}");
    let error = parse_job(&empty).unwrap_err();
    assert_eq!(error.code, ParseErrorCode::TooManyJobs);
    assert!(error.message.contains("a job averages at least 32 bytes"), "{}", error.message);
    assert_eq!(error.path.as_deref(), Some("entities.sub_jobs[13471]"));
    let many = sub_jobs(limits::MAX_JOBS, r#"{"job_id":"0123456789abcdef0123456789abcdef"}"#);
    let error = parse_job(&many).unwrap_err();
    assert_eq!(error.code, ParseErrorCode::TooManyJobs);
    assert!(error.message.contains("more jobs than the limit of 250000"), "{}", error.message);
    // Small hand-written inputs are never refused for their density.
    assert_eq!(parse_job(sub_jobs(4_000, "{}")).unwrap().len(), 4_001);
}

#[test]
fn an_observed_history_takes_a_bounded_few_hundred_bytes_a_job() {
    let _serial = SERIAL.lock().unwrap();
    // 10,001 jobs, each with a begin and an end: three changes apiece on the first answer.
    let json = sdrs_job_core::synthetic::failover(100, 99, 1_560_000_000_000).to_json();
    let tree = parse_job(json.as_bytes()).unwrap();
    let base = ALLOCATOR.current_usage();
    let mut history = sdrs_job_core::history::History::new();
    history.observe(1_000, &tree);
    let per_job = (ALLOCATOR.current_usage() - base) / tree.len();
    eprintln!("an observed history: {per_job} bytes a job ({} jobs)", tree.len());
    // Each job's changes have room for exactly the three a first answer gives (a first
    // push alone would make room for four: 72 more bytes a job here, 660 in all).
    assert!(per_job <= 600, "{per_job} bytes a job");
    assert_eq!(history.change_count(), 3 * tree.len());
}
