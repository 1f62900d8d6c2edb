//! Observed history: what the answers of a watched job showed, and when. The job API only
//! tells how a job stands now; a [`History`] folds each answer into the transitions it
//! shows (a job first seen, under which parent, each change of status, its `begin_time`
//! and `end_time` arriving, a job gone from the answer), each with the time of the answer
//! that showed it. It keeps transitions, never copies of answers, so its size is bounded by
//! what changed, not by how often it was asked.
//!
//! Invariants (tests below, and the property tests in `tests/history.rs`):
//! - Folding is pure: the same answers at the same times give the same history.
//! - No transition is lost while a job keeps under [`MAX_CHANGES_PER_JOB`] changes and the
//!   history under [`MAX_JOBS`] jobs; past either, what is dropped is counted
//!   ([`History::dropped`]), never silently lost.
//! - [`History::status_at`] of any observed answer's time gives the status that answer
//!   showed, for every job in it (replay is exact at observed moments).
//! - Answers that change nothing add no memory: they are counted, and only the moments
//!   that changed something are kept ([`History::moments`]).

mod read;
mod replay;

use std::collections::HashMap;

use crate::{JobRef, JobTree, StatusKind};

/// Most jobs a history follows (the parser's own cap on a tree).
pub const MAX_JOBS: usize = crate::limits::MAX_JOBS;

/// Most answer times kept ([`History::answer_times`]): a day and more of answers every two
/// seconds; later answers are counted in [`History::answers`] only.
pub const MAX_ANSWER_TIMES: usize = 50_000;

/// Most changes kept for one job; later ones are counted in [`History::dropped`].
pub const MAX_CHANGES_PER_JOB: usize = 64;

/// How a job is known from one answer to the next: its `job_id` where that is present and
/// unique in the answer, else its place in the tree (its JSON path).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(tag = "by", content = "value", rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum JobKey {
    /// By `job_id`.
    Id(String),
    /// By JSON path from the root (`""` for the root), for a job without a unique id.
    Path(String),
}

/// A job's status as an answer showed it: its kind, and the wire text when that is not one
/// of the four documented values (so that one unknown status changing into another is a
/// change too).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ObservedStatus {
    /// The status's category.
    pub kind: StatusKind,
    /// The wire text, for `Unknown` only (`None` where no status was given).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub text: Option<String>,
}

impl ObservedStatus {
    fn of(job: &JobRef<'_>) -> Self {
        let kind = job.status();
        let text = match kind {
            StatusKind::Unknown => job.status_text().map(str::to_owned),
            _ => None,
        };
        ObservedStatus { kind, text }
    }
}

/// One transition of a job, at the time of the answer that first showed it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Change {
    /// The job is in the answer (the first time, or again after it was gone).
    #[serde(rename_all = "camelCase")]
    Appeared {
        /// The answer's time.
        at_ms: i64,
        /// Its parent's key (`None` for the root).
        parent: Option<JobKey>,
        /// Its status then.
        status: ObservedStatus,
    },
    /// Its status changed.
    #[serde(rename_all = "camelCase")]
    Status {
        /// The answer's time.
        at_ms: i64,
        /// The new status.
        status: ObservedStatus,
    },
    /// Its `begin_time` arrived (or changed).
    #[serde(rename_all = "camelCase")]
    Began {
        /// The answer's time.
        at_ms: i64,
        /// The `begin_time` it gave.
        begin_ms: i64,
    },
    /// Its `end_time` arrived (or changed).
    #[serde(rename_all = "camelCase")]
    Ended {
        /// The answer's time.
        at_ms: i64,
        /// The `end_time` it gave.
        end_ms: i64,
    },
    /// It was not in this answer.
    #[serde(rename_all = "camelCase")]
    Gone {
        /// The answer's time.
        at_ms: i64,
    },
}

impl Change {
    /// The time of the answer that showed it.
    pub fn at_ms(&self) -> i64 {
        match self {
            Change::Appeared { at_ms, .. }
            | Change::Status { at_ms, .. }
            | Change::Began { at_ms, .. }
            | Change::Ended { at_ms, .. }
            | Change::Gone { at_ms } => *at_ms,
        }
    }
}

/// What was observed of one job. Two are equal when they record the same (what the last
/// answer showed, kept to compare the next with, is rebuilt from the changes when a record
/// is read, and past the cap of changes cannot be).
#[derive(Debug, Clone, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JobHistory {
    /// How the job is known.
    pub key: JobKey,
    /// Its transitions, oldest first (at most [`MAX_CHANGES_PER_JOB`]).
    pub changes: Vec<Change>,
    #[serde(skip)]
    last: Last,
}

impl PartialEq for JobHistory {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.changes == other.changes
    }
}

/// What the last answer that held the job showed, to compare the next with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Last {
    present: bool,
    status: Option<ObservedStatus>,
    begin_ms: Option<i64>,
    end_ms: Option<i64>,
}

impl JobHistory {
    /// When the job was first seen.
    pub fn first_seen_ms(&self) -> Option<i64> {
        self.changes.first().map(Change::at_ms)
    }

    /// How long it was observed waiting in INIT: from the first answer that showed it INIT
    /// to the first that showed it otherwise (`None` if never seen INIT; open-ended, to
    /// `now_ms`, while still INIT).
    pub fn observed_init_ms(&self, now_ms: i64) -> Option<(i64, i64)> {
        self.observed_init().map(|(from, to)| (from, to.unwrap_or_else(|| now_ms.max(from))))
    }

    /// [`JobHistory::observed_init_ms`] without a clock: the end is `None` while the job is
    /// still INIT.
    pub fn observed_init(&self) -> Option<(i64, Option<i64>)> {
        let mut from = None;
        for change in &self.changes {
            let status = match change {
                Change::Appeared { status, .. } | Change::Status { status, .. } => status,
                _ => continue,
            };
            match (from, status.kind) {
                (None, StatusKind::Init) => from = Some(change.at_ms()),
                (Some(start), kind) if kind != StatusKind::Init => {
                    return Some((start, Some(change.at_ms())))
                }
                _ => {}
            }
        }
        from.map(|start| (start, None))
    }

    /// The status the job had at `at_ms`, as the answers showed it (`None` before it was
    /// first seen, and while it was gone).
    pub fn status_at(&self, at_ms: i64) -> Option<&ObservedStatus> {
        let mut status = None;
        for change in self.changes.iter().take_while(|change| change.at_ms() <= at_ms) {
            match change {
                Change::Appeared { status: shown, .. } | Change::Status { status: shown, .. } => {
                    status = Some(shown)
                }
                Change::Gone { .. } => status = None,
                Change::Began { .. } | Change::Ended { .. } => {}
            }
        }
        status
    }

    /// The `begin_time` and `end_time` the answers had given by `at_ms` (the latest of
    /// each).
    pub fn times_at(&self, at_ms: i64) -> (Option<i64>, Option<i64>) {
        let (mut begin, mut end) = (None, None);
        for change in self.changes.iter().take_while(|change| change.at_ms() <= at_ms) {
            match change {
                Change::Began { begin_ms, .. } => begin = Some(*begin_ms),
                Change::Ended { end_ms, .. } => end = Some(*end_ms),
                _ => {}
            }
        }
        (begin, end)
    }

    fn push(&mut self, change: Change, dropped: &mut u64) {
        if self.changes.len() < MAX_CHANGES_PER_JOB {
            self.changes.push(change);
        } else {
            *dropped += 1;
        }
    }
}

/// What the answers of one watched job showed, folded (see the module's invariants).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ObservedHistory"))]
pub struct History {
    /// Every job observed, in the order each was first seen (the root first).
    jobs: Vec<JobHistory>,
    #[serde(skip)]
    index: HashMap<JobKey, usize>,
    /// The times of the answers that changed something, oldest first.
    moments: Vec<i64>,
    /// Answers folded in (those that changed nothing too).
    answers: u64,
    /// The time of every answer folded in, oldest first (at most 50,000).
    answer_times: Vec<i64>,
    /// The first answer's time.
    first_ms: Option<i64>,
    /// The last answer's time.
    last_ms: Option<i64>,
    /// Transitions not kept: past 64 for one job, or jobs past the parser's cap.
    dropped: u64,
}

impl History {
    /// An empty history.
    pub fn new() -> Self {
        History::default()
    }

    /// Folds in one answer, received at `at_ms` (times that go backwards are taken as the
    /// last time: the history stays in order). Returns whether it changed anything.
    pub fn observe(&mut self, at_ms: i64, tree: &JobTree) -> bool {
        let at_ms = self.last_ms.map_or(at_ms, |last| at_ms.max(last));
        self.answers += 1;
        if self.answer_times.len() < MAX_ANSWER_TIMES {
            self.answer_times.push(at_ms);
        }
        self.first_ms.get_or_insert(at_ms);
        self.last_ms = Some(at_ms);
        let keys = keys_of(tree);
        let mut changed = false;
        let mut seen = vec![false; self.jobs.len()];
        for job in tree.iter() {
            let key = &keys[job.index()];
            let position = match self.index.get(key) {
                Some(&position) => position,
                None if self.jobs.len() < MAX_JOBS => {
                    self.index.insert(key.clone(), self.jobs.len());
                    self.jobs.push(JobHistory {
                        key: key.clone(),
                        changes: Vec::new(),
                        last: Last::default(),
                    });
                    seen.push(false);
                    self.jobs.len() - 1
                }
                None => {
                    self.dropped += 1;
                    changed = true;
                    continue;
                }
            };
            if std::mem::replace(&mut seen[position], true) {
                // The same key twice in one answer (a path cannot repeat; an id that does
                // is keyed by path): nothing more to learn.
                continue;
            }
            let parent = job.parent().map(|parent| keys[parent.index()].clone());
            let status = ObservedStatus::of(&job);
            let (begin_ms, end_ms) = (job.begin_ms(), job.end_ms());
            let history = &mut self.jobs[position];
            if history.changes.is_empty() {
                // A job first seen gets up to three changes (appeared, began, ended): room
                // for exactly those, not the four a first push would make.
                history.changes.reserve_exact(3);
            }
            let last = std::mem::take(&mut history.last);
            if !last.present {
                history.push(
                    Change::Appeared { at_ms, parent, status: status.clone() },
                    &mut self.dropped,
                );
                changed = true;
            } else if last.status.as_ref() != Some(&status) {
                history.push(Change::Status { at_ms, status: status.clone() }, &mut self.dropped);
                changed = true;
            }
            if let Some(begin_ms) = begin_ms.filter(|&begin| last.begin_ms != Some(begin)) {
                history.push(Change::Began { at_ms, begin_ms }, &mut self.dropped);
                changed = true;
            }
            if let Some(end_ms) = end_ms.filter(|&end| last.end_ms != Some(end)) {
                history.push(Change::Ended { at_ms, end_ms }, &mut self.dropped);
                changed = true;
            }
            history.last = Last {
                present: true,
                status: Some(status),
                begin_ms: begin_ms.or(last.begin_ms),
                end_ms: end_ms.or(last.end_ms),
            };
        }
        for (history, seen) in self.jobs.iter_mut().zip(seen) {
            if !seen && history.last.present {
                history.push(Change::Gone { at_ms }, &mut self.dropped);
                history.last.present = false;
                changed = true;
            }
        }
        if changed {
            self.moments.push(at_ms);
        }
        changed
    }

    /// Every job observed, in the order each was first seen (the root first).
    pub fn jobs(&self) -> &[JobHistory] {
        &self.jobs
    }

    /// The history of one job.
    pub fn job(&self, key: &JobKey) -> Option<&JobHistory> {
        self.index.get(key).map(|&position| &self.jobs[position])
    }

    /// The history of the job `job` of `tree` (keyed as [`History::observe`] keys it). It
    /// reads the whole tree to check that the id is unique: for one job (a detail panel),
    /// not for every row.
    pub fn job_of(&self, tree: &JobTree, job: &JobRef<'_>) -> Option<&JobHistory> {
        self.job(&key_of(tree, job))
    }

    /// Where each job of `tree` is in [`History::jobs`], by the job's index (keyed as
    /// [`History::observe`] keys them): one pass over the tree, for every row at once.
    pub fn positions_in(&self, tree: &JobTree) -> Vec<Option<usize>> {
        keys_of(tree).iter().map(|key| self.index.get(key).copied()).collect()
    }

    /// The status of `key` at `at_ms` (see [`JobHistory::status_at`]).
    pub fn status_at(&self, key: &JobKey, at_ms: i64) -> Option<&ObservedStatus> {
        self.job(key)?.status_at(at_ms)
    }

    /// The times of the answers that changed something, oldest first: the moments a replay
    /// moves through.
    pub fn moments(&self) -> &[i64] {
        &self.moments
    }

    /// How many answers were folded in (those that changed nothing too).
    pub fn answers(&self) -> u64 {
        self.answers
    }

    /// The time of every answer folded in, oldest first (the first [`MAX_ANSWER_TIMES`]).
    pub fn answer_times(&self) -> &[i64] {
        &self.answer_times
    }

    /// The first and the last answer's time.
    pub fn span_ms(&self) -> Option<(i64, i64)> {
        Some((self.first_ms?, self.last_ms?))
    }

    /// Transitions not kept: past [`MAX_CHANGES_PER_JOB`] for a job, or jobs past
    /// [`MAX_JOBS`].
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// How many transitions are kept, over every job.
    pub fn change_count(&self) -> usize {
        self.jobs.iter().map(|job| job.changes.len()).sum()
    }
}

/// The key of every job of `tree`, by index: its id where present and unique, else its path.
fn keys_of(tree: &JobTree) -> Vec<JobKey> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for job in tree.iter() {
        if let Some(id) = job.job_id().filter(|id| !id.is_empty()) {
            *counts.entry(id).or_default() += 1;
        }
    }
    tree.iter()
        .map(|job| match job.job_id().filter(|id| counts.get(id) == Some(&1)) {
            Some(id) => JobKey::Id(id.to_owned()),
            None => JobKey::Path(job.path()),
        })
        .collect()
}

/// The key of one job of `tree` (as [`keys_of`] gives it).
fn key_of(tree: &JobTree, job: &JobRef<'_>) -> JobKey {
    let unique = job.job_id().filter(|id| {
        !id.is_empty() && tree.iter().filter(|other| other.job_id() == Some(id)).count() == 1
    });
    match unique {
        Some(id) => JobKey::Id(id.to_owned()),
        None => JobKey::Path(job.path()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_job;

    fn answer(json: &str) -> JobTree {
        parse_job(json).unwrap()
    }

    const INIT: &str = r#"{"job_id":"root","status":"RUNNING","begin_time":"2026-12-03T08:00:00.000Z","entities":{"sub_jobs":[{"job_id":"a","status":"SUCCESS"},{"job_id":"b","status":"INIT"}]}}"#;
    const RUNNING: &str = r#"{"job_id":"root","status":"RUNNING","begin_time":"2026-12-03T08:00:00.000Z","entities":{"sub_jobs":[{"job_id":"a","status":"SUCCESS"},{"job_id":"b","status":"RUNNING","begin_time":"2026-12-03T08:00:05.000Z"}]}}"#;

    #[test]
    fn a_sub_job_waiting_in_init_is_seen_waiting_until_the_answer_that_shows_it_start() {
        let mut history = History::new();
        assert!(history.observe(1_000, &answer(INIT)));
        assert!(!history.observe(3_000, &answer(INIT)), "the same answer changes nothing");
        assert!(history.observe(5_000, &answer(RUNNING)));
        let b = history.job(&JobKey::Id("b".into())).unwrap();
        assert_eq!(b.observed_init_ms(9_000), Some((1_000, 5_000)));
        assert_eq!(b.status_at(4_999).unwrap().kind, StatusKind::Init);
        assert_eq!(b.status_at(5_000).unwrap().kind, StatusKind::Running);
        assert_eq!(b.status_at(999), None, "not seen yet");
        assert!(
            matches!(b.changes[0], Change::Appeared { parent: Some(JobKey::Id(ref p)), .. } if p == "root")
        );
        assert!(matches!(b.changes.last(), Some(Change::Began { at_ms: 5_000, .. })));
        assert_eq!(history.moments(), [1_000, 5_000]);
        assert_eq!(history.answers(), 3);
        assert_eq!(history.span_ms(), Some((1_000, 5_000)));
        let tree = answer(RUNNING);
        let positions = history.positions_in(&tree);
        let b_index = tree.iter().position(|job| job.job_id() == Some("b")).unwrap();
        assert_eq!(positions.len(), tree.len());
        assert_eq!(history.jobs()[positions[b_index].unwrap()].key, JobKey::Id("b".into()));
        assert_eq!(b.observed_init(), Some((1_000, Some(5_000))));
        let mut waiting = History::new();
        waiting.observe(1_000, &answer(INIT));
        let b = waiting.job(&JobKey::Id("b".into())).unwrap();
        assert_eq!(b.observed_init(), Some((1_000, None)), "still INIT: open-ended");
        assert_eq!(b.observed_init_ms(4_000), Some((1_000, 4_000)));
    }

    #[test]
    fn jobs_without_a_unique_id_are_known_by_their_place() {
        let tree =
            answer(r#"{"job_id":"r","entities":{"sub_jobs":[{"job_id":"x"},{"job_id":"x"},{}]}}"#);
        let mut history = History::new();
        history.observe(0, &tree);
        let keys: Vec<_> = history.jobs().iter().map(|job| job.key.clone()).collect();
        assert_eq!(
            keys,
            [
                JobKey::Id("r".into()),
                JobKey::Path("entities.sub_jobs[0]".into()),
                JobKey::Path("entities.sub_jobs[1]".into()),
                JobKey::Path("entities.sub_jobs[2]".into()),
            ]
        );
        let second = tree.iter().nth(2).unwrap();
        assert_eq!(history.job_of(&tree, &second).unwrap().key, keys[2]);
    }

    #[test]
    fn a_job_gone_and_back_is_told_and_unknown_statuses_are_told_apart() {
        let mut history = History::new();
        history.observe(
            0,
            &answer(
                r#"{"job_id":"r","status":"PARTIAL","entities":{"sub_jobs":[{"job_id":"a"}]}}"#,
            ),
        );
        history.observe(1, &answer(r#"{"job_id":"r","status":"PAUSED"}"#));
        history.observe(
            2,
            &answer(r#"{"job_id":"r","status":"PAUSED","entities":{"sub_jobs":[{"job_id":"a"}]}}"#),
        );
        let root = history.job(&JobKey::Id("r".into())).unwrap();
        assert_eq!(root.status_at(0).unwrap().text.as_deref(), Some("PARTIAL"));
        assert_eq!(root.status_at(1).unwrap().text.as_deref(), Some("PAUSED"));
        let a = history.job(&JobKey::Id("a".into())).unwrap();
        assert!(matches!(
            a.changes[..],
            [Change::Appeared { .. }, Change::Gone { at_ms: 1 }, Change::Appeared { at_ms: 2, .. }]
        ));
        assert_eq!(a.status_at(1), None);
    }

    #[test]
    fn a_job_that_keeps_changing_keeps_its_first_changes_and_counts_the_rest() {
        let mut history = History::new();
        for at in 0..(MAX_CHANGES_PER_JOB as i64 + 10) {
            let status = if at % 2 == 0 { "RUNNING" } else { "INIT" };
            history.observe(at, &answer(&format!(r#"{{"job_id":"r","status":"{status}"}}"#)));
        }
        assert_eq!(history.change_count(), MAX_CHANGES_PER_JOB);
        assert_eq!(history.dropped(), 10);
    }

    #[test]
    fn time_that_goes_backwards_keeps_the_history_in_order() {
        let mut history = History::new();
        history.observe(5_000, &answer(INIT));
        history.observe(4_000, &answer(RUNNING));
        assert_eq!(history.moments(), [5_000, 5_000]);
    }
}
