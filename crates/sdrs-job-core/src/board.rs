//! Many jobs at once: a board row per watched job (label, status, progress, where it
//! failed, when it began and how long it has taken), the orders a board sorts by, and the
//! combined tree that puts every job on one time axis.
//!
//! A row exists before its job's first answer (an id and nothing else, or the error that
//! stopped its watch), so the board shows every id it was given, in the given order until
//! sorted.

use serde::Serialize;

use crate::model::{JobRecord, JobTree, JobTreeBuilder, StatusKind};
use crate::summary::{summarize, Failure, Summary};
use crate::{job_type_label, FieldValue, JobField, Locale, COMBINED_JOB_TYPE};

/// One job of a board.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BoardRow {
    /// The id the board was given.
    pub job_id: String,
    /// Its position among the ids given.
    pub position: usize,
    /// `job_type`, once an answer said it.
    pub job_type: Option<String>,
    /// `begin_time` in epoch ms, once known.
    pub begin_ms: Option<i64>,
    /// The summary of its latest answer (none before the first).
    pub summary: Option<Summary>,
}

impl BoardRow {
    /// The row of `job_id` (given `position`th), from its latest answer if any, at `now_ms`.
    pub fn new(job_id: &str, position: usize, tree: Option<&JobTree>, now_ms: i64) -> BoardRow {
        let root = tree.map(JobTree::root);
        BoardRow {
            job_id: job_id.to_owned(),
            position,
            job_type: root.and_then(|root| root.job_type()).map(str::to_owned),
            begin_ms: root.and_then(|root| root.begin_ms()),
            summary: tree.map(|tree| summarize(tree, now_ms)),
        }
    }

    /// Its status category ([`StatusKind::Unknown`] before the first answer).
    pub fn kind(&self) -> StatusKind {
        self.summary.as_ref().map_or(StatusKind::Unknown, |summary| summary.status_kind)
    }

    /// Whether it ended (SUCCESS or FAIL).
    pub fn ended(&self) -> bool {
        self.summary.as_ref().is_some_and(|summary| summary.terminal)
    }

    /// Its type in words.
    pub fn label(&self, locale: Locale) -> String {
        job_type_label(self.job_type.as_deref(), locale)
    }

    /// Where it failed first (the origin failure), if it did.
    pub fn failure(&self) -> Option<&Failure> {
        let failures = &self.summary.as_ref()?.failures;
        failures.iter().find(|failure| failure.is_origin).or(failures.first())
    }

    /// Share done, 0 to 1.
    pub fn progress(&self) -> f64 {
        self.summary.as_ref().map_or(0.0, |summary| summary.progress)
    }

    /// How long it has taken (to its end, or to now while it runs).
    pub fn elapsed_ms(&self) -> Option<i64> {
        self.summary.as_ref()?.duration_ms
    }
}

/// What a board sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BoardSort {
    /// The order the ids were given.
    #[default]
    Given,
    /// Failed first, then running, waiting, unknown and not yet answered, succeeded last.
    Status,
    /// By type in words, then id.
    Label,
    /// Least done first.
    Progress,
    /// Longest first.
    Elapsed,
    /// Earliest begun first.
    Begin,
}

impl BoardSort {
    /// Every order, as a board's headings offer them.
    pub const ALL: [BoardSort; 6] = [
        BoardSort::Given,
        BoardSort::Status,
        BoardSort::Label,
        BoardSort::Progress,
        BoardSort::Elapsed,
        BoardSort::Begin,
    ];

    /// Its name in URLs and `data-sort`.
    pub fn name(self) -> &'static str {
        match self {
            BoardSort::Given => "given",
            BoardSort::Status => "status",
            BoardSort::Label => "label",
            BoardSort::Progress => "progress",
            BoardSort::Elapsed => "elapsed",
            BoardSort::Begin => "begin",
        }
    }

    /// The order of a name.
    pub fn from_name(name: &str) -> Option<BoardSort> {
        BoardSort::ALL.into_iter().find(|sort| sort.name() == name)
    }
}

fn status_rank(row: &BoardRow) -> u8 {
    match (row.summary.is_some(), row.kind()) {
        (true, StatusKind::Fail) => 0,
        (true, StatusKind::Running) => 1,
        (true, StatusKind::Init) => 2,
        (true, StatusKind::Unknown) => 3,
        (false, _) => 4,
        (true, StatusKind::Success) => 5,
    }
}

/// Sorts `rows` by `by` (reversed when `descending`); ties keep the given order, so a
/// board does not reshuffle equal rows on every answer.
pub fn sort_board(rows: &mut [BoardRow], by: BoardSort, descending: bool, locale: Locale) {
    use std::cmp::Ordering;
    // Unknown durations and begin times go last whichever way: ordered before reversing.
    let unknown_last = |a: Option<i64>, b: Option<i64>| match (a, b) {
        (Some(_), Some(_)) | (None, None) => None,
        (None, Some(_)) => Some(Ordering::Greater),
        (Some(_), None) => Some(Ordering::Less),
    };
    let compare = |a: &BoardRow, b: &BoardRow| -> Ordering {
        let known = match by {
            BoardSort::Elapsed => unknown_last(a.elapsed_ms(), b.elapsed_ms()),
            BoardSort::Begin => unknown_last(a.begin_ms, b.begin_ms),
            _ => None,
        };
        if let Some(order) = known {
            return order;
        }
        let primary = match by {
            BoardSort::Given => Ordering::Equal,
            BoardSort::Status => status_rank(a).cmp(&status_rank(b)),
            BoardSort::Label => {
                a.label(locale).cmp(&b.label(locale)).then_with(|| a.job_id.cmp(&b.job_id))
            }
            BoardSort::Progress => a.progress().total_cmp(&b.progress()),
            BoardSort::Elapsed => b.elapsed_ms().cmp(&a.elapsed_ms()),
            BoardSort::Begin => a.begin_ms.cmp(&b.begin_ms),
        };
        let primary = if descending { primary.reverse() } else { primary };
        primary.then_with(|| a.position.cmp(&b.position))
    };
    rows.sort_by(compare);
}

/// How many jobs of a board are in each state, and how many not answered yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BoardCounts {
    /// Jobs given.
    pub total: usize,
    /// SUCCESS.
    pub succeeded: usize,
    /// FAIL.
    pub failed: usize,
    /// RUNNING or INIT (or a status we do not know).
    pub running: usize,
    /// No answer yet.
    pub waiting: usize,
}

/// The counts of `rows`.
pub fn board_counts(rows: &[BoardRow]) -> BoardCounts {
    let mut counts = BoardCounts { total: rows.len(), ..BoardCounts::default() };
    for row in rows {
        match (row.summary.is_some(), row.kind()) {
            (false, _) => counts.waiting += 1,
            (true, StatusKind::Success) => counts.succeeded += 1,
            (true, StatusKind::Fail) => counts.failed += 1,
            (true, _) => counts.running += 1,
        }
    }
    counts
}

/// Every job in `trees` as a sub-job of one root, so they share one time axis: the root
/// (no `job_id`; `job_type` [`COMBINED_JOB_TYPE`]) is FAIL if one failed, else RUNNING while one has not ended,
/// else SUCCESS; it begins with the earliest and, once all ended, ends with the latest.
/// Every job keeps every field as it was answered. None for no trees.
pub fn combine(trees: &[&JobTree]) -> Option<JobTree> {
    if trees.is_empty() {
        return None;
    }
    let roots = || trees.iter().map(|tree| tree.root());
    let status = if roots().any(|root| root.status() == StatusKind::Fail) {
        "FAIL"
    } else if roots().all(|root| root.status() == StatusKind::Success) {
        "SUCCESS"
    } else {
        "RUNNING"
    };
    let earliest = roots()
        .filter(|root| root.begin_ms().is_some())
        .min_by_key(|root| root.begin_ms())
        .map(|root| root.field(JobField::BeginTime));
    let latest = (status != "RUNNING")
        .then(|| {
            roots()
                .filter(|root| root.end_ms().is_some())
                .max_by_key(|root| root.end_ms())
                .map(|root| root.field(JobField::EndTime))
        })
        .flatten();
    let total: usize = trees.iter().map(|tree| tree.len()).sum();
    let mut builder = JobTreeBuilder::with_capacity(total + 1, 0, usize::MAX);
    let mut root = JobRecord::default();
    root.set(JobField::Status, FieldValue::Value(status));
    root.set(JobField::JobType, FieldValue::Value(COMBINED_JOB_TYPE));
    root.set(JobField::BeginTime, earliest.unwrap_or(FieldValue::Absent));
    root.set(JobField::EndTime, latest.unwrap_or(FieldValue::Absent));
    root.entities = crate::Presence::Present;
    root.sub_jobs = crate::Presence::Present;
    builder.begin_job(&root);
    for tree in trees {
        let mut open: Vec<usize> = Vec::new();
        for position in 0..tree.len() {
            let job = tree.job(position);
            while open.last().is_some_and(|&parent| tree.job(parent).subtree_end() <= position) {
                open.pop();
                builder.end_job();
            }
            builder.begin_job(&JobRecord::from_job(job));
            open.push(position);
        }
        for _ in open {
            builder.end_job();
        }
    }
    builder.end_job();
    builder.finish()
}

/// The most jobs one board watches.
pub const MAX_BOARD_JOBS: usize = 200;

/// Why a list of job ids was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobIdsError {
    /// No id at all.
    Empty,
    /// The `position`th id (from 1) is not a job id.
    NotAnId {
        /// Its position, from 1.
        position: usize,
        /// The text, cut to 40 characters.
        text: String,
    },
    /// More ids than [`MAX_BOARD_JOBS`].
    TooMany(usize),
}

impl std::fmt::Display for JobIdsError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobIdsError::Empty => write!(formatter, "no job id given"),
            JobIdsError::NotAnId { position, text } => write!(
                formatter,
                "id {position} ({text:?}) is not a job id: letters, digits, '-' and '_', at most 64"
            ),
            JobIdsError::TooMany(count) => {
                write!(formatter, "{count} job ids: at most {MAX_BOARD_JOBS} at once")
            }
        }
    }
}

impl std::error::Error for JobIdsError {}

/// The job ids in `text` (a URL's `jobs=`, a paste of a column of ids, an SDK's output):
/// separated by commas, semicolons, spaces or lines, quotes and brackets around them
/// ignored, each once in the order first given.
pub fn parse_job_ids(text: &str) -> Result<Vec<String>, JobIdsError> {
    let mut ids: Vec<String> = Vec::new();
    let pieces = text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(|piece| piece.trim_matches(|c: char| matches!(c, '"' | '\'' | '[' | ']' | '`')))
        .filter(|piece| !piece.is_empty());
    for (position, piece) in pieces.enumerate() {
        let valid = piece.len() <= 64
            && piece.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            let text: String = piece.chars().take(40).collect();
            return Err(JobIdsError::NotAnId { position: position + 1, text });
        }
        if !ids.iter().any(|id| id == piece) {
            if ids.len() == MAX_BOARD_JOBS {
                let count = MAX_BOARD_JOBS + 1;
                return Err(JobIdsError::TooMany(count));
            }
            ids.push(piece.to_owned());
        }
    }
    if ids.is_empty() {
        return Err(JobIdsError::Empty);
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_job;

    fn job(id: &str, status: &str, begin: &str, end: Option<&str>, sub: &str) -> JobTree {
        let end = end.map_or("null".to_owned(), |end| format!("\"{end}\""));
        let text = format!(
            r#"{{"job_id": "{id}", "job_type": "failoverProtectionGroup", "status": "{status}",
                "begin_time": "{begin}", "end_time": {end}, "error_code": null, "fail_reason": null,
                "entities": {{"sub_jobs": [{sub}]}}}}"#
        );
        parse_job(text.as_bytes()).expect("a job")
    }

    fn failed_sub() -> &'static str {
        r#"{"job_id": "s1", "job_type": "stopServer", "status": "FAIL", "begin_time": "2026-12-02T01:00:05.000Z",
            "end_time": "2026-12-02T01:00:09.000Z", "error_code": "SDRS.1308", "fail_reason": "no", "entities": {}}"#
    }

    #[test]
    fn job_ids_from_urls_pastes_and_sdk_output() {
        let ids = parse_job_ids("a1, b2;c3\n\t d4  a1").expect("ids");
        assert_eq!(ids, ["a1", "b2", "c3", "d4"]);
        assert_eq!(parse_job_ids(r#"["x-1", "y_2"]"#).expect("ids"), ["x-1", "y_2"]);
        assert_eq!(parse_job_ids(" ,, \n"), Err(JobIdsError::Empty));
        let error = parse_job_ids("a1, b<script>, c").unwrap_err();
        assert_eq!(error, JobIdsError::NotAnId { position: 2, text: "b<script>".to_owned() });
        assert!(error.to_string().starts_with("id 2 (\"b<script>\")"));
        assert!(parse_job_ids(&"z".repeat(65)).is_err());
        let many: Vec<String> = (0..=MAX_BOARD_JOBS).map(|index| format!("j{index}")).collect();
        assert_eq!(parse_job_ids(&many.join(",")), Err(JobIdsError::TooMany(MAX_BOARD_JOBS + 1)));
        assert_eq!(
            parse_job_ids(&many[..MAX_BOARD_JOBS].join(",")).expect("ids").len(),
            MAX_BOARD_JOBS
        );
    }

    #[test]
    fn rows_before_and_after_their_answer() {
        let waiting = BoardRow::new("j0", 0, None, 0);
        assert_eq!(
            (waiting.kind(), waiting.ended(), waiting.progress()),
            (StatusKind::Unknown, false, 0.0)
        );
        assert_eq!(waiting.label(Locale::En), job_type_label(None, Locale::En));
        let tree = job(
            "j1",
            "FAIL",
            "2026-12-02T01:00:00.000Z",
            Some("2026-12-02T01:00:10.000Z"),
            failed_sub(),
        );
        let row = BoardRow::new("j1", 1, Some(&tree), 0);
        assert!(row.ended());
        assert_eq!(row.elapsed_ms(), Some(10_000));
        assert_eq!(
            row.failure().and_then(|failure| failure.error_code.as_deref()),
            Some("SDRS.1308")
        );
        assert_eq!(row.job_type.as_deref(), Some("failoverProtectionGroup"));
    }

    #[test]
    fn sorts_keep_ties_in_the_given_order() {
        let ok =
            job("a", "SUCCESS", "2026-12-02T01:00:00.000Z", Some("2026-12-02T01:00:03.000Z"), "");
        let bad = job(
            "b",
            "FAIL",
            "2026-12-02T01:00:01.000Z",
            Some("2026-12-02T01:00:20.000Z"),
            failed_sub(),
        );
        let running = job("c", "RUNNING", "2026-12-02T00:59:00.000Z", None, "");
        let mut rows = vec![
            BoardRow::new("a", 0, Some(&ok), 0),
            BoardRow::new("w", 1, None, 0),
            BoardRow::new("b", 2, Some(&bad), 0),
            BoardRow::new("c", 3, Some(&running), 0),
            BoardRow::new("a2", 4, Some(&ok), 0),
        ];
        let ids = |rows: &[BoardRow]| rows.iter().map(|row| row.job_id.clone()).collect::<Vec<_>>();
        sort_board(&mut rows, BoardSort::Status, false, Locale::En);
        assert_eq!(ids(&rows), ["b", "c", "w", "a", "a2"]);
        sort_board(&mut rows, BoardSort::Status, true, Locale::En);
        assert_eq!(ids(&rows), ["a", "a2", "w", "c", "b"]);
        sort_board(&mut rows, BoardSort::Begin, false, Locale::En);
        assert_eq!(ids(&rows), ["c", "a", "a2", "b", "w"]);
        sort_board(&mut rows, BoardSort::Elapsed, false, Locale::En);
        assert_eq!(ids(&rows)[..1], ["b"], "the longest first, running ones by their time so far");
        assert_eq!(ids(&rows).last().map(String::as_str), Some("w"), "unknown last");
        sort_board(&mut rows, BoardSort::Elapsed, true, Locale::En);
        assert_eq!(ids(&rows).last().map(String::as_str), Some("w"), "unknown last reversed too");
        sort_board(&mut rows, BoardSort::Begin, true, Locale::En);
        assert_eq!(ids(&rows).last().map(String::as_str), Some("w"));
        sort_board(&mut rows, BoardSort::Given, false, Locale::En);
        assert_eq!(ids(&rows), ["a", "w", "b", "c", "a2"]);
        let counts = board_counts(&rows);
        assert_eq!(
            counts,
            BoardCounts { total: 5, succeeded: 2, failed: 1, running: 1, waiting: 1 }
        );
        assert_eq!(BoardSort::from_name("elapsed"), Some(BoardSort::Elapsed));
        assert_eq!(BoardSort::from_name("nope"), None);
    }

    #[test]
    fn the_combined_tree_holds_every_job_on_one_axis() {
        assert!(combine(&[]).is_none());
        let ok =
            job("a", "SUCCESS", "2026-12-02T01:00:00.000Z", Some("2026-12-02T01:00:03.000Z"), "");
        let bad = job(
            "b",
            "FAIL",
            "2026-12-02T01:00:01.000Z",
            Some("2026-12-02T01:00:20.000Z"),
            failed_sub(),
        );
        let both = combine(&[&ok, &bad]).expect("combined");
        assert_eq!(both.len(), 1 + ok.len() + bad.len());
        let root = both.root();
        assert_eq!((root.job_id(), root.status_text()), (None, Some("FAIL")));
        assert_eq!(job_type_label(root.job_type(), Locale::En), "Jobs watched together");
        assert_eq!(root.begin_ms(), ok.root().begin_ms());
        assert_eq!(root.end_ms(), bad.root().end_ms());
        let children: Vec<_> =
            both.iter().filter(|job| job.depth() == 1).map(|job| job.job_id()).collect();
        assert_eq!(children, [Some("a"), Some("b")]);
        assert_eq!(both.find("s1").and_then(|job| job.error_code()), Some("SDRS.1308"));
        let running = job("c", "RUNNING", "2026-12-02T00:59:00.000Z", None, "");
        let open = combine(&[&ok, &running]).expect("combined");
        assert_eq!((open.root().status_text(), open.root().end_ms()), (Some("RUNNING"), None));
        assert_eq!(open.root().begin_ms(), running.root().begin_ms());
        let done = combine(&[&ok, &ok]).expect("combined");
        assert_eq!(done.root().status_text(), Some("SUCCESS"));
    }
}
