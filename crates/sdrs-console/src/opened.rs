//! What the user pasted, dropped or opened: a job response shown as it is, or a session
//! record (a page's saved watch) opened with its history, to replay offline.

use std::rc::Rc;

use sdrs_job_core::parse_job;
use sdrs_job_core::session::SESSION_FORMAT;
use sdrs_job_widget::{JobSource, RecordedSession, SharedTree};

/// The job in `text`, or what is wrong with it and where.
pub(crate) fn source_of(text: &str) -> Result<JobSource, String> {
    if text.contains(SESSION_FORMAT) {
        return RecordedSession::open(text).map(JobSource::Recorded);
    }
    parse_job(text.as_bytes())
        .map(|tree| JobSource::Static(SharedTree(Rc::new(tree))))
        .map_err(|error| error.to_string())
}
