//! The Task Center: the service's one list of jobs, its failed ones
//! (`GET /v1/{project_id}/task-center/failure-jobs`), read tolerantly, and the filters and
//! paging of that call, checked and written as a query.
//!
//! - The answer is `{"count": N, "failure_jobs": [...]}`. Every field may be missing or
//!   null; unknown fields are kept verbatim (as JSON text) on the entry or the answer.
//! - `resource_type` comes in two spellings: the filter table's (`protected_instances`)
//!   and the documentation's example's (`protectedInstance`); both read as one
//!   [`ResourceKind`], and the text as sent is kept.
//! - Errors say what was wrong and where (line, column, JSON path), like the job parser's.

mod query;

use serde::Serialize;

use crate::json::{describe_value_start, Scanner, SyntaxError};

pub use query::{FailureJobsQuery, FailureStatus, QueryError, ResourceKindFilter, MAX_LIMIT};

/// Most entries read from one answer (the service pages by at most 1000).
pub const MAX_ENTRIES: usize = 10_000;
/// Nesting allowed inside an unknown field kept verbatim.
const MAX_NESTING: usize = 64;

/// What kind of resource an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ResourceKind {
    /// A protection group (`server_groups`, `serverGroup`).
    ServerGroup,
    /// A protected instance (`protected_instances`, `protectedInstance`).
    ProtectedInstance,
    /// A replication pair (`replications`, `replication`).
    Replication,
    /// A DR drill (`disaster_recovery_drills`, `disasterRecoveryDrill`).
    DisasterRecoveryDrill,
    /// Missing, or a spelling we do not know (the text is kept).
    #[default]
    Unknown,
}

impl ResourceKind {
    /// Every known kind.
    pub const ALL: [ResourceKind; 4] = [
        ResourceKind::ServerGroup,
        ResourceKind::ProtectedInstance,
        ResourceKind::Replication,
        ResourceKind::DisasterRecoveryDrill,
    ];

    /// The kind a `resource_type` names, in either spelling (case and `_` ignored, a plural
    /// `s` too): `server_groups`, `serverGroup`, `ProtectedInstances`, ...
    pub fn from_wire(text: &str) -> ResourceKind {
        let folded: String = text
            .chars()
            .filter(|character| *character != '_' && *character != '-' && *character != ' ')
            .flat_map(char::to_lowercase)
            .collect();
        let singular = folded.strip_suffix('s').unwrap_or(&folded);
        match singular {
            "servergroup" | "protectiongroup" => ResourceKind::ServerGroup,
            "protectedinstance" => ResourceKind::ProtectedInstance,
            "replication" | "replicationpair" => ResourceKind::Replication,
            "disasterrecoverydrill" | "drill" => ResourceKind::DisasterRecoveryDrill,
            _ => ResourceKind::Unknown,
        }
    }

    /// The filter's spelling (`server_groups`, ...); none for [`ResourceKind::Unknown`].
    pub fn filter_value(self) -> Option<&'static str> {
        Some(match self {
            ResourceKind::ServerGroup => "server_groups",
            ResourceKind::ProtectedInstance => "protected_instances",
            ResourceKind::Replication => "replications",
            ResourceKind::DisasterRecoveryDrill => "disaster_recovery_drills",
            ResourceKind::Unknown => return None,
        })
    }
}

/// One failed job of the Task Center.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FailureJob {
    /// `job_status` (only `FAIL` today).
    pub job_status: Option<String>,
    /// `resource_id`: the protection group, instance, pair or drill.
    pub resource_id: Option<String>,
    /// `resource_name`
    pub resource_name: Option<String>,
    /// `resource_type` as sent.
    pub resource_type: Option<String>,
    /// What `resource_type` names, in either spelling.
    pub resource_kind: ResourceKind,
    /// `failure_status`, as sent (`failoverFail`, ...).
    pub failure_status: Option<String>,
    /// `job_id`: open it with the job API.
    pub job_id: Option<String>,
    /// `job_type`
    pub job_type: Option<String>,
    /// `begin_time` as sent: when the operation was made.
    pub begin_time: Option<String>,
    /// `begin_time` in epoch ms, when it reads as a timestamp.
    pub begin_ms: Option<i64>,
    /// `error_code`
    pub error_code: Option<String>,
    /// `fail_reason`
    pub fail_reason: Option<String>,
    /// Fields we do not know, as name and JSON text, in the order sent.
    pub extra: Vec<(String, String)>,
}

/// One page of the Task Center.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FailureJobs {
    /// `count`: how many entries match the filters in all (a page may hold fewer).
    pub count: Option<u64>,
    /// `failure_jobs`, in the order sent.
    pub failure_jobs: Vec<FailureJob>,
    /// Fields we do not know, as name and JSON text.
    pub extra: Vec<(String, String)>,
}

/// Why an answer is not a Task Center page, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TaskCenterError {
    /// What was wrong.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// JSON path of the value at fault, e.g. `$.failure_jobs[3].job_id`.
    pub path: String,
}

impl std::fmt::Display for TaskCenterError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "{} at line {}, column {} ({})",
            self.message, self.line, self.column, self.path
        )
    }
}

impl std::error::Error for TaskCenterError {}

/// Reads a Task Center answer (UTF-8 JSON).
pub fn parse_failure_jobs(bytes: &[u8]) -> Result<FailureJobs, TaskCenterError> {
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let before = &bytes[..error.valid_up_to()];
        let line = 1 + before.iter().filter(|&&byte| byte == b'\n').count();
        let line_start = before.iter().rposition(|&byte| byte == b'\n').map_or(0, |at| at + 1);
        let column = 1 + String::from_utf8_lossy(&before[line_start..]).chars().count();
        TaskCenterError {
            message: "the answer is not UTF-8".to_owned(),
            line,
            column,
            path: "$".to_owned(),
        }
    })?;
    let mut reader = Reader { scanner: Scanner::new(text), scratch: String::new() };
    reader.page().map_err(|(error, path)| {
        let (line, column) = Scanner::line_column(text, error.offset);
        TaskCenterError { message: error.message, line, column, path }
    })
}

type Failed = (SyntaxError, String);

struct Reader<'a> {
    scanner: Scanner<'a>,
    scratch: String,
}

impl<'a> Reader<'a> {
    fn page(&mut self) -> Result<FailureJobs, Failed> {
        let mut page = FailureJobs::default();
        let at = |error| (error, "$".to_owned());
        self.scanner.expect(b'{', "an object (the Task Center's answer)").map_err(at)?;
        if self.scanner.peek() == Some(b'}') {
            self.scanner.pos += 1;
        } else {
            loop {
                let key = self.key().map_err(at)?;
                let path = format!("$.{key}");
                match key.as_str() {
                    "count" => page.count = self.count().map_err(|error| (error, path.clone()))?,
                    "failure_jobs" => self.entries(&mut page.failure_jobs)?,
                    _ => {
                        let raw = self.raw().map_err(|error| (error, path.clone()))?;
                        page.extra.push((key, raw));
                    }
                }
                if !self.scanner.comma_or_close(b'}', "`,` or `}`").map_err(at)? {
                    break;
                }
            }
        }
        if self.scanner.peek().is_some() {
            return Err(at(self.scanner.unexpected::<()>("the end of the answer").unwrap_err()));
        }
        Ok(page)
    }

    fn entries(&mut self, into: &mut Vec<FailureJob>) -> Result<(), Failed> {
        let at = |error| (error, "$.failure_jobs".to_owned());
        if self.scanner.peek() == Some(b'n') {
            return self.scanner.expect_literal("null").map_err(at);
        }
        self.scanner.expect(b'[', "an array of failed jobs").map_err(at)?;
        if self.scanner.peek() == Some(b']') {
            self.scanner.pos += 1;
            return Ok(());
        }
        loop {
            let index = into.len();
            if index >= MAX_ENTRIES {
                let error: Result<(), _> = self
                    .scanner
                    .error(self.scanner.pos, format!("more than {MAX_ENTRIES} entries"));
                return Err(at(error.unwrap_err()));
            }
            into.push(self.entry(index)?);
            if !self.scanner.comma_or_close(b']', "`,` or `]`").map_err(at)? {
                return Ok(());
            }
        }
    }

    fn entry(&mut self, index: usize) -> Result<FailureJob, Failed> {
        let base = format!("$.failure_jobs[{index}]");
        let at = |error| (error, base.clone());
        let mut job = FailureJob::default();
        self.scanner.expect(b'{', "an object (a failed job)").map_err(at)?;
        if self.scanner.peek() == Some(b'}') {
            self.scanner.pos += 1;
            return Ok(job);
        }
        loop {
            let key = self.key().map_err(at)?;
            let path = format!("{base}.{key}");
            let in_path = |error| (error, path.clone());
            let slot = match key.as_str() {
                "job_status" => Some(&mut job.job_status),
                "resource_id" => Some(&mut job.resource_id),
                "resource_name" => Some(&mut job.resource_name),
                "resource_type" => Some(&mut job.resource_type),
                "failure_status" => Some(&mut job.failure_status),
                "job_id" => Some(&mut job.job_id),
                "job_type" => Some(&mut job.job_type),
                "begin_time" => Some(&mut job.begin_time),
                "error_code" => Some(&mut job.error_code),
                "fail_reason" => Some(&mut job.fail_reason),
                _ => None,
            };
            match slot {
                Some(slot) => *slot = self.text().map_err(in_path)?,
                None => {
                    let raw = self.raw().map_err(in_path)?;
                    job.extra.push((key, raw));
                }
            }
            if !self.scanner.comma_or_close(b'}', "`,` or `}`").map_err(at)? {
                break;
            }
        }
        job.resource_kind =
            job.resource_type.as_deref().map_or(ResourceKind::Unknown, ResourceKind::from_wire);
        job.begin_ms = job.begin_time.as_deref().and_then(|time| crate::parse_timestamp(time).ok());
        Ok(job)
    }

    /// An object key and its `:`.
    fn key(&mut self) -> Result<String, SyntaxError> {
        if self.scanner.peek_required("a field name")? != b'"' {
            return self.scanner.unexpected("a field name in quotes");
        }
        let key = self.scanner.read_string(&mut self.scratch)?.as_str().to_owned();
        self.scanner.expect(b':', "`:`")?;
        Ok(key)
    }

    /// A string or null (numbers are read as their text: ids sent as numbers still work).
    fn text(&mut self) -> Result<Option<String>, SyntaxError> {
        match self.scanner.peek_required("a string")? {
            b'"' => Ok(Some(self.scanner.read_string(&mut self.scratch)?.as_str().to_owned())),
            b'n' => self.scanner.expect_literal("null").map(|()| None),
            b'-' | b'0'..=b'9' => self.raw().map(Some),
            byte => {
                let found = describe_value_start(byte).unwrap_or("something else");
                self.scanner.error(self.scanner.pos, format!("expected a string, found {found}"))
            }
        }
    }

    /// `count`: a whole number that is not negative, or null.
    fn count(&mut self) -> Result<Option<u64>, SyntaxError> {
        let byte = self.scanner.peek_required("a number")?;
        let start = self.scanner.pos;
        match byte {
            b'n' => self.scanner.expect_literal("null").map(|()| None),
            b'-' | b'0'..=b'9' => {
                let raw = self.raw()?;
                match raw.parse::<u64>() {
                    Ok(count) => Ok(Some(count)),
                    Err(_) => self.scanner.error(
                        start,
                        format!("count must be a whole number of entries, not {raw}"),
                    ),
                }
            }
            byte => {
                let found = describe_value_start(byte).unwrap_or("something else");
                self.scanner.error(self.scanner.pos, format!("expected a number, found {found}"))
            }
        }
    }

    /// Any value, validated, as its JSON text.
    fn raw(&mut self) -> Result<String, SyntaxError> {
        let (start, end) = self.scanner.skip_value(MAX_NESTING)?;
        Ok(self.scanner.source[start..end].to_owned())
    }
}

#[cfg(test)]
mod tests;
