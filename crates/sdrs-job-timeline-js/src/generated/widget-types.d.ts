// Generated from the widget's types by `sdrs_job_widget::typescript::declarations()`;
// `cargo test -p sdrs-job-timeline-js --test typescript` rewrites it. Do not edit.

/**
 * The job the user selected (in the npm package: `onSelect`'s and `sdrs-select`'s
 * detail, `SelectDetail`).
 */
export type SelectDetail = { 
/**
 * `job_id`.
 */
jobId: string, 
/**
 * `job_type`.
 */
jobType: string | null, 
/**
 * `status` as sent.
 */
status: string | null, 
/**
 * `error_code`.
 */
errorCode: string | null, 
/**
 * `fail_reason`.
 */
failReason: string | null, 
/**
 * Where it is in the answer, e.g. `entities.sub_jobs[3]` (`""` for the root, and for
 * a selection not in the job yet).
 */
path: string, };
