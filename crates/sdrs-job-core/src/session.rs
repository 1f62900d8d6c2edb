//! A session record, for audit: what a page knew of one watched job (where it asked, which
//! project and job; never a credential), the time of every answer it observed, the
//! history those answers folded into, and the last answer byte for byte. A console opens
//! it offline and replays it exactly: the last answer is the tree [`History::tree_at`]
//! replays from.
//!
//! The record is plain serde (the page and the npm package write and read it as JSON);
//! reading checks everything a hand-edited or truncated file could break and names the
//! place ([`SessionRecord::open`]).

use crate::history::History;
use crate::{parse_job, JobTree};

/// The `format` of a session record.
pub const SESSION_FORMAT: &str = "sdrs-job-timeline/session";
/// The version written, and the only one read.
pub const SESSION_VERSION: u32 = 1;

/// The members of a record, as written. A reader that cannot refuse unknown members
/// itself (one going through `JSON.parse`) checks the top level against these: a record
/// with a member such as `token` is not one this wrote.
pub const SESSION_FIELDS: [&str; 8] =
    ["format", "version", "endpoint", "projectId", "jobId", "savedAtMs", "history", "lastAnswer"];

/// The first of `keys` that is not a member of a record, said as an error.
pub fn unknown_member<'a>(mut keys: impl Iterator<Item = &'a str>) -> Option<RecordError> {
    keys.find(|key| !SESSION_FIELDS.contains(key))
        .map(|key| error(key, format!("unknown field `{key}`: not a member of a session record")))
}

/// One watched job's session, as saved.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionRecord {
    /// Always `"sdrs-job-timeline/session"`.
    pub format: String,
    /// Always 1.
    pub version: u32,
    /// The endpoint asked (`""`: the page's own origin).
    pub endpoint: String,
    /// The project id.
    pub project_id: String,
    /// The job id watched.
    pub job_id: String,
    /// When the record was saved (epoch ms).
    pub saved_at_ms: i64,
    /// What the answers showed, folded, with every answer's time.
    pub history: History,
    /// The last answer, as received.
    pub last_answer: String,
}

/// What is wrong with a record that cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// Where: `format`, `history.jobs[3].changes[2]`, `lastAnswer: line 1, column 9`.
    pub place: String,
    /// What.
    pub message: String,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "session record, {}: {}", self.place, self.message)
    }
}

impl std::error::Error for RecordError {}

fn error(place: impl Into<String>, message: impl Into<String>) -> RecordError {
    RecordError { place: place.into(), message: message.into() }
}

impl SessionRecord {
    /// A record of a watch: its target, its history and its last answer's text.
    pub fn new(
        (endpoint, project_id, job_id): (&str, &str, &str),
        history: History,
        last_answer: &str,
        saved_at_ms: i64,
    ) -> Self {
        SessionRecord {
            format: SESSION_FORMAT.to_owned(),
            version: SESSION_VERSION,
            endpoint: endpoint.to_owned(),
            project_id: project_id.to_owned(),
            job_id: job_id.to_owned(),
            saved_at_ms,
            history,
            last_answer: last_answer.to_owned(),
        }
    }

    /// Checks a record read from a file and gives the last answer's tree, to show and to
    /// replay from (the history itself was checked as it was read).
    pub fn open(&self) -> Result<JobTree, RecordError> {
        if self.format != SESSION_FORMAT {
            return Err(error(
                "format",
                format!("{:?} is not a session record ({SESSION_FORMAT:?})", self.format),
            ));
        }
        if self.version != SESSION_VERSION {
            return Err(error(
                "version",
                format!("version {} is not one this reads ({SESSION_VERSION})", self.version),
            ));
        }
        let tree = parse_job(self.last_answer.as_bytes())
            .map_err(|parse| error("lastAnswer", parse.to_string()))?;
        if tree.root().job_id() != Some(self.job_id.as_str()) {
            return Err(error(
                "lastAnswer",
                format!(
                    "the answer is of job {:?}, not of the record's job {:?}",
                    tree.root().job_id().unwrap_or_default(),
                    self.job_id
                ),
            ));
        }
        if self.history.answers() == 0 {
            return Err(error("history", "no answer was observed"));
        }
        Ok(tree)
    }
}
