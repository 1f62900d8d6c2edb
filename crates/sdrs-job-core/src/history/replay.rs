//! Replay: the job as the answers showed it at a moment, rebuilt from the last answer and
//! the history (see the module's invariant on replay).

use super::History;
use crate::{FieldValue, JobField, JobRecord, JobTree, JobTreeBuilder, StatusKind};

impl History {
    /// The job as the answers showed it at `at_ms`, for replay: `tree` (the last answer)
    /// with each job's status, `begin_time` and `end_time` as they stood then, the jobs not
    /// seen by then (or gone then) left out with their sub-jobs, and `error_code` and
    /// `fail_reason` only on jobs that had failed by then. Jobs the history does not know
    /// (past its cap) are kept as they are. `None` when the root was not seen by then.
    /// Jobs gone from the last answer cannot come back: the history keeps transitions,
    /// not answers.
    pub fn tree_at(&self, tree: &JobTree, at_ms: i64) -> Option<JobTree> {
        let positions = self.positions_in(tree);
        let mut builder = JobTreeBuilder::with_capacity(tree.len(), 0, usize::MAX);
        let mut open: Vec<usize> = Vec::new();
        let mut index = 0;
        while index < tree.len() {
            let job = tree.job(index);
            while open.last().is_some_and(|&parent| tree.job(parent).subtree_end() <= index) {
                open.pop();
                builder.end_job();
            }
            let mut record = JobRecord::from_job(job);
            let texts;
            if let Some(history) = positions[index].map(|position| &self.jobs[position]) {
                let Some(status) = history.status_at(at_ms) else {
                    if index == 0 {
                        return None;
                    }
                    index = job.subtree_end();
                    continue;
                };
                let (begin, end) = history.times_at(at_ms);
                // The wire's own text where the time is the one it still gives.
                let text_of = |ms: Option<i64>, now: Option<i64>, field| match ms {
                    Some(ms) if now == Some(ms) => None,
                    Some(ms) => Some((field, crate::format_timestamp(ms))),
                    None => None,
                };
                texts = [
                    text_of(begin, job.begin_ms(), JobField::BeginTime),
                    text_of(end, job.end_ms(), JobField::EndTime),
                ];
                record.set(
                    JobField::Status,
                    match (&status.text, status.kind) {
                        (Some(text), _) => FieldValue::Value(text),
                        (None, StatusKind::Unknown) => FieldValue::Absent,
                        (None, kind) => FieldValue::Value(kind.as_str()),
                    },
                );
                if begin.is_none() {
                    record.set(JobField::BeginTime, FieldValue::Absent);
                }
                if end.is_none() {
                    record.set(JobField::EndTime, FieldValue::Null);
                }
                for (field, text) in texts.iter().flatten() {
                    record.set(*field, FieldValue::Value(text));
                }
                if status.kind != StatusKind::Fail {
                    record.set(JobField::ErrorCode, FieldValue::Null);
                    record.set(JobField::FailReason, FieldValue::Null);
                }
            }
            builder.begin_job(&record);
            open.push(index);
            index += 1;
        }
        builder.finish()
    }
}
