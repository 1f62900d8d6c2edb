//! Session records: written and read back as JSON they are the same record and replay the
//! same; a hand-edited or broken file is refused with the place of what is wrong.

use sdrs_job_core::history::History;
use sdrs_job_core::session::{SessionRecord, SESSION_FORMAT};
use sdrs_job_core::{parse_job, StatusKind};

const INIT: &str = r#"{"job_id":"root","status":"RUNNING","begin_time":"2026-12-03T08:00:00.000Z","entities":{"sub_jobs":[{"job_id":"a","status":"SUCCESS"},{"job_id":"b","status":"INIT"}]}}"#;
const DONE: &str = r#"{"job_id":"root","status":"SUCCESS","begin_time":"2026-12-03T08:00:00.000Z","end_time":"2026-12-03T08:00:09.000Z","entities":{"sub_jobs":[{"job_id":"a","status":"SUCCESS"},{"job_id":"b","status":"SUCCESS","begin_time":"2026-12-03T08:00:05.000Z","end_time":"2026-12-03T08:00:08.000Z"}]}}"#;

fn record() -> SessionRecord {
    let mut history = History::new();
    history.observe(1_000, &parse_job(INIT).unwrap());
    history.observe(2_000, &parse_job(INIT).unwrap());
    history.observe(9_000, &parse_job(DONE).unwrap());
    SessionRecord::new(("https://sdrs.example", "p1", "root"), history, DONE, 10_000)
}

fn reopened(json: &str) -> Result<SessionRecord, String> {
    let record: SessionRecord = serde_json::from_str(json).map_err(|error| error.to_string())?;
    record.open().map_err(|error| error.to_string())?;
    Ok(record)
}

#[test]
fn a_record_written_and_read_back_is_the_same_and_replays_the_same() {
    let record = record();
    let json = serde_json::to_string(&record).unwrap();
    let back = reopened(&json).unwrap();
    assert_eq!(back, record);
    assert_eq!(back.history.answer_times(), [1_000, 2_000, 9_000], "every answer's time");
    assert_eq!(back.history.moments(), [1_000, 9_000]);
    let tree = back.open().unwrap();
    assert_eq!(tree.to_json(), parse_job(DONE).unwrap().to_json());
    let then = back.history.tree_at(&tree, 2_000).unwrap();
    let b = then.iter().find(|job| job.job_id() == Some("b")).unwrap();
    assert_eq!(b.status(), StatusKind::Init, "b was INIT at the second answer");
    assert_eq!(b.begin_ms(), None);
    assert_eq!(serde_json::to_string(&back).unwrap(), json, "written again, the same bytes");
}

#[test]
fn a_record_holds_no_credential_field() {
    let json = serde_json::to_value(record()).unwrap();
    let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "endpoint",
            "format",
            "history",
            "jobId",
            "lastAnswer",
            "projectId",
            "savedAtMs",
            "version"
        ]
    );
}

/// The record's JSON with `edit` applied to its value.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value = serde_json::to_value(record()).unwrap();
    edit(&mut value);
    value.to_string()
}

#[test]
fn broken_records_are_refused_with_the_place_of_what_is_wrong() {
    let cases: Vec<(String, &str)> = vec![
        (edited(|v| v["format"] = "other".into()), "format: \"other\" is not a session record"),
        (edited(|v| v["version"] = 2.into()), "version: version 2 is not one this reads"),
        (edited(|v| v["token"] = "secret".into()), "unknown field `token`"),
        (edited(|v| v["lastAnswer"] = "{\"job_id\":".into()), "lastAnswer:"),
        (
            edited(|v| v["lastAnswer"] = INIT.replace("\"root\"", "\"other\"").into()),
            "not of the record's job",
        ),
        (
            edited(|v| v["history"]["jobs"][2]["changes"][3]["atMs"] = 2_000.into()),
            "jobs[2].changes[3]: before the change above it",
        ),
        (
            edited(|v| v["history"]["jobs"][1]["key"] = v["history"]["jobs"][0]["key"].clone()),
            "jobs[1].key: the same job twice",
        ),
        (
            edited(|v| v["history"]["jobs"][0]["changes"][0]["atMs"] = 99_000.into()),
            "jobs[0].changes[0]: atMs 99000 is outside firstMs..lastMs",
        ),
        (
            edited(|v| v["history"]["moments"] = serde_json::json!([9000, 1000])),
            "moments[1]: not after",
        ),
        (
            edited(|v| v["history"]["jobs"][0]["changes"] = serde_json::json!([])),
            "jobs[0].changes: 1 to 64 changes",
        ),
        (
            edited(|v| v["history"]["jobs"][0]["changes"][0]["kind"] = "gone".into()),
            "jobs[0].changes[0]: a job's first change is its appearing",
        ),
        (edited(|v| v["history"]["answers"] = 1.into()), "answers: fewer than"),
        ("{\"format\":".to_owned(), "EOF while parsing"),
    ];
    for (json, wanted) in cases {
        let error = reopened(&json).expect_err(wanted);
        assert!(error.contains(wanted), "{wanted:?} not in {error:?}");
    }
    assert!(SESSION_FORMAT.starts_with("sdrs-job-timeline/"));
}

#[test]
fn a_parsed_tree_keeps_its_answer_byte_for_byte() {
    let answer =
        "\u{feff}{ \"job_id\" : \"r\",\n  \"status\":\"SUCC\\u0045SS\", \"x\": [1, 2.50] }";
    let tree = parse_job(answer.as_bytes()).unwrap();
    assert_eq!(tree.source(), answer, "whitespace, escapes, numbers and the BOM as they came");
    assert_eq!(tree.root().status(), StatusKind::Success);
}

#[test]
fn a_reader_without_serde_s_own_check_finds_unknown_members_by_name() {
    use sdrs_job_core::session::{unknown_member, SESSION_FIELDS};
    let written = serde_json::to_value(record()).unwrap();
    let keys: Vec<&str> = written.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(unknown_member(keys.iter().copied()), None, "every member written is known");
    assert_eq!(keys.len(), SESSION_FIELDS.len());
    let error = unknown_member(["format", "token"].into_iter()).unwrap();
    assert_eq!(error.place, "token");
    assert!(error.to_string().contains("unknown field `token`"));
}
