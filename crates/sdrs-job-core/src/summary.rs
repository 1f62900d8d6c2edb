//! The summary of a job tree at a given "now": where the job stands, what failed and why,
//! and warnings for data that does not add up. It never fails: odd data gives a result
//! plus warnings with stable codes.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use serde::Serialize;

use crate::analysis::{bar_ms, duration_ms, effective_now, latest_time};
use crate::error_code_info;
use crate::model::{JobIndex, JobRef, JobTree, StatusKind};

/// How far (in ms) a sub-job may start before or end after its parent before we warn
/// `CHILD_OUTSIDE_PARENT`. Sub-jobs are stamped by other hosts than their parent, and
/// the documented examples show skews of tens of milliseconds; one second keeps real
/// anomalies visible without flagging ordinary clock drift.
pub const CLOCK_SKEW_TOLERANCE_MS: i64 = 1_000;

/// Jobs by status category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Counts {
    /// `SUCCESS`
    #[serde(rename = "SUCCESS")]
    pub success: usize,
    /// `RUNNING`
    #[serde(rename = "RUNNING")]
    pub running: usize,
    /// `FAIL`
    #[serde(rename = "FAIL")]
    pub fail: usize,
    /// `INIT`
    #[serde(rename = "INIT")]
    pub init: usize,
    /// Any other status, or none.
    #[serde(rename = "UNKNOWN")]
    pub unknown: usize,
}

impl Counts {
    /// Adds one job of this status.
    pub fn add(&mut self, status: StatusKind) {
        match status {
            StatusKind::Success => self.success += 1,
            StatusKind::Running => self.running += 1,
            StatusKind::Fail => self.fail += 1,
            StatusKind::Init => self.init += 1,
            StatusKind::Unknown => self.unknown += 1,
        }
    }

    /// The count of one status.
    pub fn get(&self, status: StatusKind) -> usize {
        match status {
            StatusKind::Success => self.success,
            StatusKind::Running => self.running,
            StatusKind::Fail => self.fail,
            StatusKind::Init => self.init,
            StatusKind::Unknown => self.unknown,
        }
    }
}

/// A job that failed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Failure {
    /// Pre-order index in the tree.
    pub index: JobIndex,
    /// `job_id`
    pub job_id: Option<String>,
    /// `job_type`
    pub job_type: Option<String>,
    /// `error_code`
    pub error_code: Option<String>,
    /// `fail_reason`
    pub fail_reason: Option<String>,
    /// The catalogue meaning of `error_code`, in English.
    pub meaning_en: Option<&'static str>,
    /// The catalogue meaning of `error_code`, in Chinese.
    pub meaning_zh: Option<&'static str>,
    /// Depth in the tree (the root is 0).
    pub depth: usize,
    /// Whether no sub-job below this one failed: the place where the failure started.
    pub is_origin: bool,
}

/// Stable codes for data that does not add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum WarningCode {
    /// A status other than SUCCESS, RUNNING, FAIL or INIT, or none.
    UnknownStatus,
    /// `end_time` before `begin_time`.
    EndBeforeBegin,
    /// SUCCESS or FAIL without an `end_time`.
    TerminalWithoutEnd,
    /// An `end_time` on a job still INIT or RUNNING.
    EndWithoutTerminal,
    /// A SUCCESS parent with a sub-job that is not SUCCESS.
    SuccessWithUnfinishedChild,
    /// A sub-job starting before its parent or ending after it, beyond the tolerance.
    ChildOutsideParent,
    /// The same `job_id` twice in one tree.
    DuplicateJobId,
    /// A timestamp that did not parse (lenient parsing only).
    BadTimestamp,
}

impl WarningCode {
    /// The stable code, e.g. `END_BEFORE_BEGIN`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::UnknownStatus => "UNKNOWN_STATUS",
            WarningCode::EndBeforeBegin => "END_BEFORE_BEGIN",
            WarningCode::TerminalWithoutEnd => "TERMINAL_WITHOUT_END",
            WarningCode::EndWithoutTerminal => "END_WITHOUT_TERMINAL",
            WarningCode::SuccessWithUnfinishedChild => "SUCCESS_WITH_UNFINISHED_CHILD",
            WarningCode::ChildOutsideParent => "CHILD_OUTSIDE_PARENT",
            WarningCode::DuplicateJobId => "DUPLICATE_JOB_ID",
            WarningCode::BadTimestamp => "BAD_TIMESTAMP",
        }
    }
}

/// One warning about one job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    /// Pre-order index of the job concerned.
    pub index: JobIndex,
    /// Its `job_id`.
    pub job_id: Option<String>,
    /// The stable code.
    pub code: WarningCode,
    /// A sentence for people.
    pub message: String,
}

/// Where a job tree stands at a given "now".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    /// The root's `status`, verbatim.
    pub status: Option<String>,
    /// The root's status category.
    pub status_kind: StatusKind,
    /// Whether the root is SUCCESS or FAIL.
    pub terminal: bool,
    /// Jobs in the tree, the root included.
    pub total: usize,
    /// Jobs by status category, the root included.
    pub counts: Counts,
    /// Deepest level (the root is 0).
    pub max_depth: usize,
    /// The root's duration ([`crate::duration_ms`]): end − begin; now − begin while it runs.
    pub duration_ms: Option<i64>,
    /// Finished descendants over all descendants; without sub-jobs 1 when terminal, else 0.
    pub progress: f64,
    /// Every failed job, in pre-order.
    pub failures: Vec<Failure>,
    /// Data that does not add up.
    pub warnings: Vec<Warning>,
}

impl Failure {
    /// The catalogue meaning of its error code in a language.
    pub fn meaning(&self, locale: crate::Locale) -> Option<&'static str> {
        match locale {
            crate::Locale::En => self.meaning_en,
            crate::Locale::Zh => self.meaning_zh,
        }
    }

    /// The meaning to show beside its reason ([`crate::meaning_beside`]).
    pub fn meaning_beside_reason(&self, locale: crate::Locale) -> Option<&'static str> {
        crate::meaning_beside(self.error_code.as_deref(), self.fail_reason.as_deref(), locale)
    }
}

impl Summary {
    /// Failed jobs where a failure started (nothing below them failed), and the failed
    /// sub-jobs that contain one (the root left out): "1 failed, in 1 failed sub-job"
    /// rather than three failures for one broken step.
    pub fn failure_counts(&self) -> (usize, usize) {
        let origins = self.failures.iter().filter(|failure| failure.is_origin).count();
        let containing =
            self.failures.iter().filter(|failure| !failure.is_origin && failure.index != 0).count();
        (origins, containing)
    }

    /// The failure an operator wants first: the first failed job in pre-order below which
    /// nothing else failed (where the failure started), else the first failure.
    pub fn first_origin(&self) -> Option<&Failure> {
        self.failures.iter().find(|failure| failure.is_origin).or(self.failures.first())
    }
}

fn owned(text: Option<&str>) -> Option<String> {
    text.map(str::to_owned)
}

fn describe(job: JobRef<'_>) -> String {
    match job.job_id() {
        Some(id) => format!("job {id}"),
        None => {
            format!("job at `{}`", if job.index() == 0 { "(root)".to_owned() } else { job.path() })
        }
    }
}

/// Summarises a tree at a clock reading of `now_ms` (epoch milliseconds). With an
/// [`crate::Analysis`] of the tree at hand, [`crate::Analysis::summary`] is the same and
/// cheaper.
pub fn summarize(tree: &JobTree, now_ms: i64) -> Summary {
    summarize_with(tree, &tree.failure_below(), effective_now(latest_time(tree), now_ms))
}

/// The summary, given which jobs have a failure below them and "now" as drawn
/// ([`effective_now`]).
pub(crate) fn summarize_with(tree: &JobTree, failed_below: &[bool], now_ms: i64) -> Summary {
    let root = tree.root();
    let mut counts = Counts::default();
    let mut max_depth = 0;
    let mut warnings = Vec::new();
    let mut failures = Vec::new();
    // Sized once, and each id hashed once (`entry`): hashing the ids took more of the
    // summary's time than the rest of it (BENCHMARKS.md).
    let mut first_index_of_id: HashMap<&str, JobIndex> = HashMap::with_capacity(tree.len());
    // A job's failure is an origin if no descendant failed (`failed_below`).
    let mut finished_descendants = 0usize;
    for job in tree.iter() {
        let status = job.status();
        counts.add(status);
        max_depth = max_depth.max(job.depth());
        if job.index() > 0 && status.is_terminal() {
            finished_descendants += 1;
        }
        let mut warn = |code: WarningCode, message: String| {
            warnings.push(Warning {
                index: job.index(),
                job_id: owned(job.job_id()),
                code,
                message,
            });
        };
        if status == StatusKind::Unknown {
            let message = match job.status_text() {
                Some(text) => format!("{} has an undocumented status {text:?}", describe(job)),
                None => format!("{} has no status", describe(job)),
            };
            warn(WarningCode::UnknownStatus, message);
        }
        let (bad_begin, bad_end) = job.bad_timestamps();
        for (bad, field) in
            [(bad_begin, crate::JobField::BeginTime), (bad_end, crate::JobField::EndTime)]
        {
            if bad {
                let value = job.field(field).value().unwrap_or_default();
                warn(
                    WarningCode::BadTimestamp,
                    format!(
                        "{}: {} {value:?} is not a timestamp",
                        describe(job),
                        field.wire_name()
                    ),
                );
            }
        }
        if let (Some(begin), Some(end)) = (job.begin_ms(), job.end_ms()) {
            if end < begin {
                warn(
                    WarningCode::EndBeforeBegin,
                    format!("{} ends {} ms before it begins", describe(job), begin - end),
                );
            }
        }
        let has_end = job.end_ms().is_some() || bad_end;
        if status.is_terminal() && !has_end {
            warn(
                WarningCode::TerminalWithoutEnd,
                format!("{} is {} but has no end_time", describe(job), status.as_str()),
            );
        }
        if matches!(status, StatusKind::Init | StatusKind::Running) && has_end {
            warn(
                WarningCode::EndWithoutTerminal,
                format!("{} is {} but has an end_time", describe(job), status.as_str()),
            );
        }
        if let Some(parent) = job.parent() {
            if parent.status() == StatusKind::Success && status != StatusKind::Success {
                warnings.push(Warning {
                    index: parent.index(),
                    job_id: owned(parent.job_id()),
                    code: WarningCode::SuccessWithUnfinishedChild,
                    message: format!(
                        "{} is SUCCESS but its sub-job {} is {}",
                        describe(parent),
                        job.job_id().unwrap_or("(no id)"),
                        job.status_text().unwrap_or("without status")
                    ),
                });
            }
            // The same bars the timeline draws: a child must sit inside its parent's.
            let outside = match (bar_ms(job, now_ms), bar_ms(parent, now_ms)) {
                (Some((child_begin, child_end)), Some((parent_begin, parent_end))) => {
                    if child_begin < parent_begin - CLOCK_SKEW_TOLERANCE_MS {
                        Some("starts before")
                    } else if child_end > parent_end + CLOCK_SKEW_TOLERANCE_MS {
                        Some(if job.end_ms().is_some() { "ends after" } else { "still runs after" })
                    } else {
                        None
                    }
                }
                (Some(_), None) => Some("has begun but has no begin_time on"),
                _ => None,
            };
            if let Some(what) = outside {
                warnings.push(Warning {
                    index: job.index(),
                    job_id: owned(job.job_id()),
                    code: WarningCode::ChildOutsideParent,
                    message: format!(
                        "{} {what} its parent {} (tolerance {CLOCK_SKEW_TOLERANCE_MS} ms)",
                        describe(job),
                        parent.job_id().unwrap_or("(no id)")
                    ),
                });
            }
        }
        if let Some(id) = job.job_id() {
            match first_index_of_id.entry(id) {
                Entry::Occupied(seen) => {
                    let first = *seen.get();
                    warnings.push(Warning {
                        index: job.index(),
                        job_id: Some(id.to_owned()),
                        code: WarningCode::DuplicateJobId,
                        message: format!(
                            "job id {id} appears twice: at `{}` and at `{}`",
                            path_or_root(tree, first),
                            path_or_root(tree, job.index())
                        ),
                    });
                }
                Entry::Vacant(slot) => {
                    slot.insert(job.index());
                }
            }
        }
        if status == StatusKind::Fail {
            let info = job.error_code().and_then(error_code_info);
            failures.push(Failure {
                index: job.index(),
                job_id: owned(job.job_id()),
                job_type: owned(job.job_type()),
                error_code: owned(job.error_code()),
                fail_reason: owned(job.fail_reason()),
                meaning_en: info.map(|info| info.message_en),
                meaning_zh: info.map(|info| info.message_zh),
                depth: job.depth(),
                is_origin: !failed_below[job.index()],
            });
        }
    }
    let status_kind = root.status();
    let terminal = status_kind.is_terminal();
    let descendants = tree.len() - 1;
    let progress = if descendants == 0 {
        if terminal {
            1.0
        } else {
            0.0
        }
    } else {
        finished_descendants as f64 / descendants as f64
    };
    Summary {
        status: owned(root.status_text()),
        status_kind,
        terminal,
        total: tree.len(),
        counts,
        max_depth,
        duration_ms: duration_ms(root, now_ms),
        progress,
        failures,
        warnings,
    }
}

fn path_or_root(tree: &JobTree, index: JobIndex) -> String {
    if index == 0 {
        "(root)".to_owned()
    } else {
        tree.job(index).path()
    }
}
