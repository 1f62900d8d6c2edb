use super::*;

const DOCUMENTED: &str = include_str!("../../tests/fixtures/task-center/documentation-shape.json");

#[test]
fn the_documentations_shape_reads_with_both_spellings() {
    let page = parse_failure_jobs(DOCUMENTED.as_bytes()).unwrap();
    assert_eq!(page.count, Some(1));
    let job = &page.failure_jobs[0];
    assert_eq!(job.resource_type.as_deref(), Some("protectedInstance"));
    assert_eq!(job.resource_kind, ResourceKind::ProtectedInstance);
    assert_eq!(job.job_type.as_deref(), Some("createProtectedInstance"));
    assert_eq!(job.failure_status.as_deref(), Some("createFail"));
    assert_eq!(job.begin_ms, crate::parse_timestamp("2018-07-25T09:09:30.722Z").ok());
    for (spelling, kind) in [
        ("server_groups", ResourceKind::ServerGroup),
        ("serverGroup", ResourceKind::ServerGroup),
        ("protected_instances", ResourceKind::ProtectedInstance),
        ("replications", ResourceKind::Replication),
        ("replicationPair", ResourceKind::Replication),
        ("disaster_recovery_drills", ResourceKind::DisasterRecoveryDrill),
        ("disasterRecoveryDrill", ResourceKind::DisasterRecoveryDrill),
        ("volumes", ResourceKind::Unknown),
        ("", ResourceKind::Unknown),
    ] {
        assert_eq!(ResourceKind::from_wire(spelling), kind, "{spelling}");
    }
}

#[test]
fn unknown_fields_missing_fields_and_nulls_are_kept_or_absent() {
    let page = parse_failure_jobs(
        br#"{"count": null, "next": {"marker": "x"}, "failure_jobs": [
            {"job_id": "j1", "tags": [1, {"a": null}], "resource_type": null, "begin_time": "yesterday"},
            {}, {"resource_id": 42}]}"#,
    )
    .unwrap();
    assert_eq!(page.count, None);
    assert_eq!(page.extra, [("next".to_owned(), r#"{"marker": "x"}"#.to_owned())]);
    let first = &page.failure_jobs[0];
    assert_eq!(first.extra, [("tags".to_owned(), r#"[1, {"a": null}]"#.to_owned())]);
    assert_eq!((first.resource_kind, first.begin_ms), (ResourceKind::Unknown, None));
    assert_eq!(first.begin_time.as_deref(), Some("yesterday"), "kept as sent");
    assert_eq!(page.failure_jobs[1], FailureJob::default());
    assert_eq!(page.failure_jobs[2].resource_id.as_deref(), Some("42"));
    assert_eq!(parse_failure_jobs(b"{}").unwrap(), FailureJobs::default());
    assert!(parse_failure_jobs(br#"{"failure_jobs": null}"#).unwrap().failure_jobs.is_empty());
}

#[test]
fn errors_say_what_and_where() {
    /// Input, what the message says, the path, and (line, column).
    type Case<'a> = (&'a [u8], &'a str, &'a str, (usize, usize));
    let cases: [Case; 7] = [
        (b"", "unexpected end of input", "$", (1, 1)),
        (b"[]", "expected an object", "$", (1, 1)),
        (b"{\"count\": -1}", "count must be a whole number of entries, not -1", "$.count", (1, 11)),
        (b"{\"count\": \"3\"}", "expected a number, found a string", "$.count", (1, 11)),
        (
            b"{\"failure_jobs\": [{\"job_id\": true}]}",
            "expected a string, found a boolean",
            "$.failure_jobs[0].job_id",
            (1, 30),
        ),
        (b"{\"failure_jobs\": [{},\n 7]}", "expected an object", "$.failure_jobs[1]", (2, 2)),
        (b"{\"count\": 1} trailing", "expected the end of the answer", "$", (1, 14)),
    ];
    for (input, message, path, (line, column)) in cases {
        let error = parse_failure_jobs(input).unwrap_err();
        assert!(error.message.contains(message), "{:?}: {error}", String::from_utf8_lossy(input));
        assert_eq!(error.path, path, "{:?}", String::from_utf8_lossy(input));
        assert_eq!(
            (error.line, error.column),
            (line, column),
            "{:?}: {error}",
            String::from_utf8_lossy(input)
        );
    }
    let error = parse_failure_jobs(b"{\"count\": 1,\n \"x\": \"\xff\"}").unwrap_err();
    assert_eq!((error.message.as_str(), error.line), ("the answer is not UTF-8", 2));
    // Deep nesting in an unknown field is refused, not recursed into.
    let deep = format!("{{\"x\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(parse_failure_jobs(deep.as_bytes()).unwrap_err().message.contains("nested deeper"));
}

#[test]
fn the_query_is_checked_and_written_as_the_sdks_send_it() {
    let query = FailureJobsQuery {
        failure_status: Some(FailureStatus::FailoverFail),
        resource_name: Some("pg 1/ä".to_owned()),
        server_group_id: Some("sg-1".to_owned()),
        resource_type: Some(ResourceKindFilter::ProtectedInstances),
        limit: Some(10),
        offset: Some(0),
    };
    assert_eq!(
        query.to_query_string(),
        "failure_status=failoverFail&limit=10&offset=0&resource_name=pg%201%2F%C3%A4&resource_type=protected_instances&server_group_id=sg-1"
    );
    assert_eq!(FailureJobsQuery::default().to_query_string(), "");
    assert!(query.check().is_ok());
    let too_many = FailureJobsQuery { limit: Some(1_001), ..FailureJobsQuery::default() };
    assert_eq!(too_many.check().unwrap_err().to_string(), "limit: 0 to 1000, not 1001");
    let control =
        FailureJobsQuery { resource_name: Some("a\nb".to_owned()), ..FailureJobsQuery::default() };
    assert_eq!(control.check().unwrap_err().field, "resource_name");
    for status in FailureStatus::ALL {
        assert_eq!(FailureStatus::from_wire(status.as_str()), Some(status));
    }
}
