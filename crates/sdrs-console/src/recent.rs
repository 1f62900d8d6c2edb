//! The jobs this console opened lately, newest first, at most [`LIMIT`], kept in
//! `localStorage` so that an operator finds again the job of an hour ago without hunting
//! for its id: its id, project and endpoint, its type, its last known status and when it
//! was opened and last seen. Never a token: the endpoint keeps only its origin and path.
//!
//! What is stored is read as untrusted: a value that does not parse, an entry with a
//! field too long, and entries past the limit are dropped, never shown and never a panic.

use serde::{Deserialize, Serialize};

/// Where the list is kept.
pub const STORAGE_KEY: &str = "sdrs-console.recent";

/// How many jobs are kept.
pub const LIMIT: usize = 50;

/// The longest field kept (job and project ids are 32 characters; an endpoint an URL).
const MAX_FIELD: usize = 512;

/// One job opened here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentJob {
    /// `job_id`.
    pub job_id: String,
    /// The project it was asked in.
    pub project_id: String,
    /// The endpoint it was asked at (empty: this page's origin).
    #[serde(default)]
    pub endpoint: String,
    /// `job_type`, once an answer said it.
    #[serde(default)]
    pub job_type: Option<String>,
    /// The last `status` seen (as sent), once an answer said it.
    #[serde(default)]
    pub status: Option<String>,
    /// When it was last opened (epoch ms).
    pub opened_ms: i64,
    /// When its status was last seen (epoch ms).
    #[serde(default)]
    pub seen_ms: Option<i64>,
}

impl RecentJob {
    fn same_job(&self, other: &RecentJob) -> bool {
        self.job_id == other.job_id
            && self.project_id == other.project_id
            && self.endpoint == other.endpoint
    }

    fn fits(&self) -> bool {
        let short = |value: &str| value.len() <= MAX_FIELD;
        !self.job_id.trim().is_empty()
            && !self.project_id.trim().is_empty()
            && short(&self.job_id)
            && short(&self.project_id)
            && short(&self.endpoint)
            && self.job_type.as_deref().is_none_or(short)
            && self.status.as_deref().is_none_or(short)
    }
}

/// The list as stored `text` holds it (none or garbage: empty).
pub fn parse(text: Option<&str>) -> Vec<RecentJob> {
    let Some(text) = text else { return Vec::new() };
    let Ok(values) = serde_json::from_str::<Vec<serde_json::Value>>(text) else {
        return Vec::new();
    };
    // Entry by entry: one bad entry does not lose the others. Newest first whatever the
    // order stored (another version, a hand edit), the newest kept.
    let mut jobs: Vec<RecentJob> = values
        .into_iter()
        .filter_map(|value| serde_json::from_value::<RecentJob>(value).ok())
        .filter(RecentJob::fits)
        .collect();
    jobs.sort_by_key(|job| std::cmp::Reverse(job.opened_ms));
    jobs.truncate(LIMIT);
    jobs
}

/// The text to store for `jobs`.
pub fn to_text(jobs: &[RecentJob]) -> String {
    serde_json::to_string(jobs).unwrap_or_else(|_| "[]".to_owned())
}

/// `jobs` with `job` opened now: first, once, the oldest past the limit dropped. Its type
/// and status stay known from before until an answer says otherwise.
pub fn opened(mut jobs: Vec<RecentJob>, job: RecentJob) -> Vec<RecentJob> {
    let job = RecentJob { endpoint: endpoint_without_secrets(&job.endpoint), ..job };
    if !job.fits() {
        return jobs;
    }
    let before = jobs.iter().position(|kept| kept.same_job(&job)).map(|at| jobs.remove(at));
    let job = match before {
        Some(before) => RecentJob {
            job_type: job.job_type.or(before.job_type),
            status: job.status.or(before.status),
            seen_ms: job.seen_ms.or(before.seen_ms),
            ..job
        },
        None => job,
    };
    jobs.insert(0, job);
    jobs.truncate(LIMIT);
    jobs
}

/// `jobs` with what an answer said about the job `job_id` of `project_id` at `endpoint`
/// (a job not in the list is left out: only what was opened is kept).
pub fn seen(
    mut jobs: Vec<RecentJob>,
    (endpoint, project_id, job_id): (&str, &str, &str),
    job_type: Option<&str>,
    status: Option<&str>,
    now_ms: i64,
) -> Vec<RecentJob> {
    let endpoint = endpoint_without_secrets(endpoint);
    if let Some(job) = jobs.iter_mut().find(|job| {
        job.job_id == job_id && job.project_id == project_id && job.endpoint == endpoint
    }) {
        let owned = |value: Option<&str>| value.map(|value| value.chars().take(64).collect());
        job.job_type = owned(job_type).or(job.job_type.take());
        job.status = owned(status).or(job.status.take());
        job.seen_ms = Some(now_ms);
    }
    jobs
}

/// The endpoint without what could be a secret: user and password, query and fragment.
pub fn endpoint_without_secrets(endpoint: &str) -> String {
    let endpoint = endpoint.trim();
    let endpoint = endpoint.split(['?', '#']).next().unwrap_or_default();
    let Some((scheme, rest)) = endpoint.split_once("://") else {
        return endpoint.to_owned();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority.rsplit('@').next().unwrap_or_default();
    format!("{scheme}://{host}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(id: &str, at: i64) -> RecentJob {
        RecentJob {
            job_id: id.to_owned(),
            project_id: "p".to_owned(),
            endpoint: String::new(),
            job_type: None,
            status: None,
            opened_ms: at,
            seen_ms: None,
        }
    }

    #[test]
    fn newest_first_once_and_at_most_the_limit() {
        let mut jobs = Vec::new();
        for index in 0..60 {
            jobs = opened(jobs, job(&format!("j{index}"), index));
        }
        assert_eq!(jobs.len(), LIMIT);
        assert_eq!(jobs[0].job_id, "j59");
        assert_eq!(jobs[LIMIT - 1].job_id, "j10");
        let jobs = opened(jobs, job("j30", 100));
        assert_eq!(jobs.len(), LIMIT);
        assert_eq!((jobs[0].job_id.as_str(), jobs[0].opened_ms), ("j30", 100));
        assert_eq!(jobs.iter().filter(|job| job.job_id == "j30").count(), 1);
    }

    #[test]
    fn what_an_answer_said_is_kept_and_survives_a_reopening() {
        let jobs = opened(Vec::new(), job("a", 1));
        let jobs = seen(jobs, ("", "p", "a"), Some("failoverProtectionGroup"), Some("FAIL"), 5);
        assert_eq!(jobs[0].status.as_deref(), Some("FAIL"));
        assert_eq!(jobs[0].seen_ms, Some(5));
        let jobs = seen(jobs, ("", "p", "unknown"), None, Some("SUCCESS"), 6);
        assert_eq!(jobs.len(), 1, "only what was opened is kept");
        let jobs = opened(jobs, job("a", 9));
        assert_eq!(jobs[0].job_type.as_deref(), Some("failoverProtectionGroup"));
        assert_eq!(jobs[0].opened_ms, 9);
    }

    #[test]
    fn stored_text_is_read_as_untrusted() {
        assert!(parse(None).is_empty());
        assert!(parse(Some("{not json")).is_empty());
        assert!(parse(Some(r#"{"job_id": "a"}"#)).is_empty());
        let long = "x".repeat(MAX_FIELD + 1);
        let text = format!(
            r#"[{{"job_id": "a", "project_id": "p", "opened_ms": 1}}, 7, {{"job_id": "b"}},
               {{"job_id": "{long}", "project_id": "p", "opened_ms": 2}},
               {{"job_id": "c", "project_id": "p", "opened_ms": 3, "status": "RUNNING", "extra": true}}]"#
        );
        let jobs = parse(Some(&text));
        assert_eq!(jobs.iter().map(|job| job.job_id.as_str()).collect::<Vec<_>>(), ["c", "a"]);
        assert_eq!(parse(Some(&to_text(&jobs))), jobs);
        let many =
            to_text(&(0..80).map(|index| job(&format!("j{index}"), index)).collect::<Vec<_>>());
        let kept = parse(Some(&many));
        assert_eq!(kept.len(), LIMIT);
        assert_eq!((kept[0].job_id.as_str(), kept[LIMIT - 1].job_id.as_str()), ("j79", "j30"));
    }

    #[test]
    fn never_a_secret_in_the_endpoint() {
        assert_eq!(
            endpoint_without_secrets(" https://user:pw@sdrs.example.com:8443/v1?token=t#x "),
            "https://sdrs.example.com:8443/v1"
        );
        assert_eq!(endpoint_without_secrets("/api"), "/api");
        assert_eq!(endpoint_without_secrets(""), "");
        let jobs =
            opened(Vec::new(), RecentJob { endpoint: "http://a:b@h/x?t=1".into(), ..job("a", 1) });
        assert_eq!(jobs[0].endpoint, "http://h/x");
        assert!(!to_text(&jobs).contains("a:b"));
    }
}
