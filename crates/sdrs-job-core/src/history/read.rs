//! Reading a history back from a session record: everything a hand-edited or truncated
//! file could break is checked, and the place named, before it becomes a [`History`].

use serde::Deserialize;

use super::{
    Change, History, JobHistory, JobKey, Last, MAX_ANSWER_TIMES, MAX_CHANGES_PER_JOB, MAX_JOBS,
};

/// A history as written in a session record, checked before it becomes a [`History`].
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct HistoryWire {
    jobs: Vec<JobHistoryWire>,
    moments: Vec<i64>,
    answers: u64,
    #[serde(default)]
    answer_times: Vec<i64>,
    first_ms: Option<i64>,
    last_ms: Option<i64>,
    dropped: u64,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JobHistoryWire {
    key: JobKey,
    changes: Vec<Change>,
}

impl TryFrom<HistoryWire> for History {
    type Error = String;

    fn try_from(wire: HistoryWire) -> Result<History, String> {
        if wire.jobs.len() > MAX_JOBS {
            return Err(format!("jobs: {} jobs, more than {MAX_JOBS}", wire.jobs.len()));
        }
        if wire.answer_times.len() > MAX_ANSWER_TIMES {
            return Err(format!("answerTimes: more than {MAX_ANSWER_TIMES}"));
        }
        let in_order = |times: &[i64], strictly: bool| {
            times
                .windows(2)
                .position(|pair| if strictly { pair[0] >= pair[1] } else { pair[0] > pair[1] })
        };
        if let Some(at) = in_order(&wire.moments, true) {
            return Err(format!("moments[{}]: not after the moment before it", at + 1));
        }
        if let Some(at) = in_order(&wire.answer_times, false) {
            return Err(format!("answerTimes[{}]: before the answer before it", at + 1));
        }
        let (first, last) = match (wire.first_ms, wire.last_ms) {
            (Some(first), Some(last)) if first <= last => (first, last),
            (None, None) if wire.answers == 0 && wire.jobs.is_empty() => (i64::MIN, i64::MIN),
            _ => {
                return Err(
                    "firstMs and lastMs: both times of the first and last answer, in order".into()
                )
            }
        };
        if (wire.answer_times.len() as u64) > wire.answers
            || (wire.moments.len() as u64) > wire.answers
        {
            return Err("answers: fewer than the moments or answer times listed".into());
        }
        let outside = |at: i64| wire.answers > 0 && (at < first || at > last);
        if let Some(at) = wire.moments.iter().chain(&wire.answer_times).position(|&at| outside(at))
        {
            return Err(format!("moments and answerTimes: entry {at} is outside firstMs..lastMs"));
        }
        let mut history = History {
            moments: wire.moments,
            answers: wire.answers,
            answer_times: wire.answer_times,
            first_ms: wire.first_ms,
            last_ms: wire.last_ms,
            dropped: wire.dropped,
            ..History::default()
        };
        for (position, job) in wire.jobs.into_iter().enumerate() {
            let place = format!("jobs[{position}]");
            if history.index.insert(job.key.clone(), position).is_some() {
                return Err(format!("{place}.key: the same job twice"));
            }
            if job.changes.is_empty() || job.changes.len() > MAX_CHANGES_PER_JOB {
                return Err(format!(
                    "{place}.changes: 1 to {MAX_CHANGES_PER_JOB} changes, not {}",
                    job.changes.len()
                ));
            }
            if !matches!(job.changes[0], Change::Appeared { .. }) {
                return Err(format!("{place}.changes[0]: a job's first change is its appearing"));
            }
            // Replayed as `observe` made them, to rebuild what the last answer showed.
            let mut last = Last::default();
            for (at, change) in job.changes.iter().enumerate() {
                let place = format!("{place}.changes[{at}]");
                if outside(change.at_ms()) {
                    return Err(format!(
                        "{place}: atMs {} is outside firstMs..lastMs",
                        change.at_ms()
                    ));
                }
                if at > 0 && change.at_ms() < job.changes[at - 1].at_ms() {
                    return Err(format!("{place}: before the change above it"));
                }
                match change {
                    Change::Appeared { status, .. } if !last.present => {
                        last.present = true;
                        last.status = Some(status.clone());
                    }
                    Change::Status { status, .. } if last.present => {
                        last.status = Some(status.clone())
                    }
                    Change::Began { begin_ms, .. } if last.present => {
                        last.begin_ms = Some(*begin_ms)
                    }
                    Change::Ended { end_ms, .. } if last.present => last.end_ms = Some(*end_ms),
                    Change::Gone { .. } if last.present => last.present = false,
                    _ => return Err(format!("{place}: not possible after the changes above it")),
                }
            }
            history.jobs.push(JobHistory { key: job.key, changes: job.changes, last });
        }
        Ok(history)
    }
}

impl<'de> Deserialize<'de> for History {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<History, D::Error> {
        let wire = HistoryWire::deserialize(deserializer)?;
        History::try_from(wire).map_err(serde::de::Error::custom)
    }
}
