//! What the widget tells its host: the watched job's status changes, its end, a watch that
//! gave up, and the user's selection. Decided here, once per answer, from the watch state;
//! hosts (a yew app's callbacks, `mountJobTimeline`'s options, the custom element's DOM
//! events) only forward them.

use std::cell::RefCell;

use sdrs_job_core::poll::StopReason;
use sdrs_job_core::{ApiError, JobRef, StatusKind, Summary};

/// The watched job's status changed: its wire value, so also from one value we do not know
/// to another (and its first status, from none).
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    /// The root job's id.
    pub job_id: Option<String>,
    /// Its `job_type` (what it does, e.g. `failoverProtectionGroup`).
    pub job_type: Option<String>,
    /// The `status` as sent (`RUNNING`, ..., or a value we do not know).
    pub status: Option<String>,
    /// Its category.
    pub kind: StatusKind,
    /// The category before, none for the first answer.
    pub previous: Option<StatusKind>,
    /// The job as of this answer.
    pub summary: Summary,
}

/// The watched job ended: SUCCESS or FAIL (told once per job).
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    /// The root job's id.
    pub job_id: Option<String>,
    /// Its `job_type`.
    pub job_type: Option<String>,
    /// [`StatusKind::Success`] or [`StatusKind::Fail`].
    pub kind: StatusKind,
    /// The job as it ended (for a failure: where it started, its code and reason).
    pub summary: Summary,
}

/// Watching stopped without the job ending: a final error, or the time budget ran out.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchFailure {
    /// [`StopReason::FinalError`] or [`StopReason::TimedOut`].
    pub reason: StopReason,
    /// The error that stopped it (for a time-out, the last error if there was one).
    pub error: Option<ApiError>,
}

/// The job the user selected (in the npm package: `onSelect`'s and `sdrs-select`'s
/// detail, `SelectDetail`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SelectDetail"))]
pub struct SelectedJob {
    /// `job_id`.
    pub job_id: String,
    /// `job_type`.
    pub job_type: Option<String>,
    /// `status` as sent.
    pub status: Option<String>,
    /// `error_code`.
    pub error_code: Option<String>,
    /// `fail_reason`.
    pub fail_reason: Option<String>,
    /// Where it is in the answer, e.g. `entities.sub_jobs[3]` (`""` for the root, and for
    /// a selection not in the job yet).
    pub path: String,
}

impl SelectedJob {
    pub(crate) fn id_only(job_id: &str) -> SelectedJob {
        SelectedJob {
            job_id: job_id.to_owned(),
            job_type: None,
            status: None,
            error_code: None,
            fail_reason: None,
            path: String::new(),
        }
    }

    pub(crate) fn of(job: JobRef<'_>) -> Option<SelectedJob> {
        let owned = |value: Option<&str>| value.map(str::to_owned);
        Some(SelectedJob {
            job_id: job.job_id()?.to_owned(),
            job_type: owned(job.job_type()),
            status: owned(job.status_text()),
            error_code: owned(job.error_code()),
            fail_reason: owned(job.fail_reason()),
            path: job.path(),
        })
    }
}

/// What was told already about the job watched now, so each event goes out once.
#[derive(Debug, Default)]
pub(crate) struct Told {
    /// The watch this is about ([`crate::watch::WatchState::generation`]).
    generation: u64,
    /// The last status told: its wire value and category (none: nothing told yet).
    status: Option<(Option<String>, StatusKind)>,
    stopped: bool,
}

/// What to tell after a render, from what is known now.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct ToTell {
    pub status_change: Option<StatusChange>,
    pub finished: Option<Finished>,
    pub failure: Option<WatchFailure>,
}

impl Told {
    /// Notes that the end was told elsewhere (another view of the same job); whether it
    /// had not been told before.
    pub(crate) fn mark_finished(&mut self) -> bool {
        !std::mem::replace(&mut self.stopped, true)
    }

    /// Notes a status told elsewhere; whether it is new.
    pub(crate) fn mark_status(&mut self, status: Option<&str>, kind: StatusKind) -> bool {
        let now = (status.map(str::to_owned), kind);
        if self.status.as_ref() == Some(&now) {
            return false;
        }
        self.status = Some(now);
        true
    }

    /// The events that `root` (the latest job, with its summary) and `stop` (why
    /// watching stopped, if it did) call for, remembering them as told.
    pub(crate) fn next(
        told: &RefCell<Told>,
        generation: u64,
        root: Option<(JobRef<'_>, &Summary)>,
        stop: Option<StopReason>,
        error: Option<&ApiError>,
    ) -> ToTell {
        let mut told = told.borrow_mut();
        if told.generation != generation {
            *told = Told { generation, ..Told::default() };
        }
        let mut events = ToTell::default();
        if let Some((job, summary)) = root {
            let now = (job.status_text().map(str::to_owned), job.status());
            if told.status.as_ref() != Some(&now) {
                events.status_change = Some(StatusChange {
                    job_id: job.job_id().map(str::to_owned),
                    job_type: job.job_type().map(str::to_owned),
                    status: now.0.clone(),
                    kind: now.1,
                    previous: told.status.as_ref().map(|(_, kind)| *kind),
                    summary: summary.clone(),
                });
                told.status = Some(now);
            }
        }
        if let Some(reason) = stop.filter(|_| !told.stopped) {
            told.stopped = true;
            match (reason, root) {
                (StopReason::Succeeded | StopReason::Failed, Some((job, summary))) => {
                    events.finished = Some(Finished {
                        job_id: job.job_id().map(str::to_owned),
                        job_type: job.job_type().map(str::to_owned),
                        kind: job.status(),
                        summary: summary.clone(),
                    });
                }
                (StopReason::FinalError | StopReason::TimedOut, _) => {
                    events.failure = Some(WatchFailure { reason, error: error.cloned() });
                }
                (StopReason::Succeeded | StopReason::Failed, None) => {}
            }
        }
        events
    }
}
