//! Where a job lives and how to ask for it. The asking itself is the core's exchange
//! (`sdrs_job_core::exchange`: the request, the caps, the reading of answers), driven in
//! wasm by `sdrs-job-fetch`, the same driver `watchJob` uses; the widget only names the job.

use sdrs_job_core::exchange::JobRequest;
use sdrs_job_core::ApiError;
pub use sdrs_job_fetch::{Credentials, Transport};

/// Where a job lives and how to ask for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobTarget {
    /// `https://sdrs.cn-north-4.myhuaweicloud.com`, a path of the page's origin such as
    /// `/console/sdrs` (a console's proxy), or empty for the page's origin.
    pub endpoint: String,
    /// The project id.
    pub project_id: String,
    /// The job id.
    pub job_id: String,
    /// An IAM token for `X-Auth-Token` (never put in URLs, logs or messages). None when the
    /// transport authenticates (a console's session cookie, a signing backend).
    pub token: Option<String>,
    /// How requests go out: the host's `fetch`, headers (e.g. a CSRF header) and
    /// credentials mode; the global `fetch` with nothing added by default.
    pub transport: Transport,
}

impl JobTarget {
    /// The request for this job, or why it cannot be made (nothing is sent then).
    pub fn request(&self) -> Result<JobRequest, ApiError> {
        self.transport.job_request(
            &self.endpoint,
            &self.project_id,
            &self.job_id,
            self.token.as_deref(),
        )
    }

    /// The request of a Task Center call in this target's project (its job is not used).
    pub fn task_center_request(
        &self,
        call: &sdrs_job_core::exchange::TaskCenterCall<'_>,
    ) -> Result<JobRequest, ApiError> {
        self.transport.task_center_request(
            &self.endpoint,
            &self.project_id,
            self.token.as_deref(),
            call,
        )
    }

    /// Whether no job is named yet (the widget waits, asking nothing).
    pub fn is_blank(&self) -> bool {
        self.project_id.trim().is_empty() && self.job_id.trim().is_empty()
    }
}
