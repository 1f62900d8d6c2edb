//! Unit tests of the parser.

use super::*;

#[test]
fn errors_say_where() {
    let error = parse_job("{\"status\": \"RUNNING\",\n \"job_id\" 1}").unwrap_err();
    assert_eq!(error.code, ParseErrorCode::Syntax);
    assert_eq!((error.line, error.column), (Some(2), Some(11)));
    let error = parse_job(r#"{"entities":{"sub_jobs":[{},{"status":7}]}}"#).unwrap_err();
    assert_eq!(error.code, ParseErrorCode::Type);
    assert_eq!(error.path.as_deref(), Some("entities.sub_jobs[1].status"));
    assert!(
        error.message.contains("expected a string or null, found a number"),
        "{}",
        error.message
    );
    let error = parse_job(r#"{"entities":{"sub_jobs":[{"begin_time":"2019-02-30T00:00:00Z"}]}}"#)
        .unwrap_err();
    assert_eq!(error.code, ParseErrorCode::Timestamp);
    assert_eq!(error.path.as_deref(), Some("entities.sub_jobs[0].begin_time"));
    assert!(error.message.contains("\"2019-02-30T00:00:00Z\""), "{}", error.message);
    let error = parse_job("[]").unwrap_err();
    assert_eq!(error.code, ParseErrorCode::Type);
    assert_eq!(error.path.as_deref(), Some(""));
    let error = parse_job(b"{\"job_id\":\"\xff\"}").unwrap_err();
    assert_eq!((error.code, error.column), (ParseErrorCode::Syntax, Some(12)));
    let error = parse_job(r#"{"status":"INIT","status":"FAIL"}"#).unwrap_err();
    assert_eq!(error.path.as_deref(), Some("status"));
    let error = parse_job(r#"{} {}"#).unwrap_err();
    assert_eq!(error.code, ParseErrorCode::Syntax);
    let error = parse_job("").unwrap_err();
    assert_eq!(error.code, ParseErrorCode::Syntax);
}

#[test]
fn limits_are_errors_not_crashes() {
    let options = ParseOptions { max_depth: 3, max_bytes: 10_000, ..ParseOptions::default() };
    let nested = |levels: usize| {
        let mut text = String::new();
        for _ in 0..levels {
            text.push_str(r#"{"entities":{"sub_jobs":["#);
        }
        text.push_str("{}");
        for _ in 0..levels {
            text.push_str("]}}");
        }
        text
    };
    assert_eq!(parse_job_with(nested(3), &options).unwrap().len(), 4);
    let error = parse_job_with(nested(4), &options).unwrap_err();
    assert_eq!(error.code, ParseErrorCode::TooDeep);
    let error = parse_job_with(" ".repeat(10_001), &options).unwrap_err();
    assert_eq!(error.code, ParseErrorCode::TooLarge);
    // Far beyond any call stack, with the default limits: still a clean error.
    let error = parse_job(nested(20_000)).unwrap_err();
    assert_eq!(error.code, ParseErrorCode::TooDeep);
    assert!(error.message.contains("levels)…"), "{}", error.message);
    let deep_unknown = format!("{{\"x\":{}{}}}", "[".repeat(200), "]".repeat(200));
    assert_eq!(parse_job(deep_unknown).unwrap_err().code, ParseErrorCode::Syntax);
}

#[test]
fn lenient_mode_keeps_bad_timestamps() {
    let options = ParseOptions { timestamps: TimestampMode::Lenient, ..ParseOptions::default() };
    let tree = parse_job_with(r#"{"begin_time":"yesterday","end_time":null}"#, &options).unwrap();
    assert_eq!(tree.root().begin_ms(), None);
    assert_eq!(tree.root().bad_timestamps(), (true, false));
    assert_eq!(tree.to_json(), r#"{"begin_time":"yesterday","end_time":null}"#);
}
