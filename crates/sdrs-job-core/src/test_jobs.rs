//! Small jobs the unit tests share.

/// A running root (09:40:00) with a success (a, :00-:10), a failure with a failed sub-job
/// (b, :10-:20; b1, :11-:19), a running job (c, from :05) and one not started (d).
pub(crate) const RUNNING_WITH_A_FAILURE: &str = r#"{"job_id":"root","status":"RUNNING","begin_time":"2019-06-13T09:40:00.000Z",
  "entities":{"sub_jobs":[
    {"job_id":"a","status":"SUCCESS","begin_time":"2019-06-13T09:40:00.000Z","end_time":"2019-06-13T09:40:10.000Z"},
    {"job_id":"b","status":"FAIL","begin_time":"2019-06-13T09:40:10.000Z","end_time":"2019-06-13T09:40:20.000Z",
     "entities":{"sub_jobs":[{"job_id":"b1","status":"FAIL","begin_time":"2019-06-13T09:40:11.000Z","end_time":"2019-06-13T09:40:19.000Z"}]}},
    {"job_id":"c","status":"RUNNING","begin_time":"2019-06-13T09:40:05.000Z"},
    {"job_id":"d","status":"INIT"}]}}"#;
