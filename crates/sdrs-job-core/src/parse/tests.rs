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

#[test]
fn a_parsed_tree_keeps_its_source_and_copies_only_what_it_decodes() {
    let plain = r#"{"job_id":"a","status":"RUNNING","begin_time":"2019-06-13T09:40:00Z","entities":{"server_group_id":"g","sub_jobs":[{"job_id":"b","status":"INIT"}]}}"#;
    let tree = parse_job_owned(plain.as_bytes().to_vec(), &ParseOptions::default()).unwrap();
    assert_eq!(tree.source, plain);
    assert_eq!(tree.text, "", "no string is copied");
    assert_eq!(tree.job(1).job_id(), Some("b"));
    assert_eq!(tree.root().status(), crate::StatusKind::Running);
    assert!(tree.root().begin_ms().is_some());
    // Escapes are decoded into the tree's own text; unknown keys are copied, their raw
    // values are spans of the source.
    let escaped = "\u{feff}{\"job_id\":\"a\\u00e9\",\"status\":\"FA\\u0049L\",\"note\":{\"x\":[1, \"\\\"\"]},\
                   \"entities\":{\"nic_id\":\"n\\n\",\"more\":true}}";
    let tree = parse_job_owned(escaped.as_bytes().to_vec(), &ParseOptions::default()).unwrap();
    assert_eq!(tree.root().job_id(), Some("aé"));
    assert_eq!(tree.root().status(), crate::StatusKind::Fail, "status read after decoding");
    assert_eq!(tree.root().entity(crate::EntityField::NicId).value(), Some("n\n"));
    let extras: Vec<_> = tree.root().extra_fields().collect();
    assert_eq!(extras, [("note", "{\"x\":[1, \"\\\"\"]}")]);
    assert_eq!(tree.root().extra_entity_fields().collect::<Vec<_>>(), [("more", "true")]);
    assert_eq!(tree.text, "aéFAILnoten\nmore");
    // Borrowed and owned input, and a tree built job by job, are equal trees.
    assert_eq!(parse_job(escaped).unwrap(), tree);
    assert_eq!(parse_job(tree.to_json()).unwrap(), tree);
    let rebuilt = tree.subtree(0);
    assert_eq!(rebuilt.source, "");
    assert_eq!(rebuilt, tree);
    assert_ne!(parse_job(plain).unwrap(), tree);
}
