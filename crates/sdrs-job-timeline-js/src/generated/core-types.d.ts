// Generated from the core's types by `sdrs_job_core::typescript::declarations()`;
// `cargo test -p sdrs-job-timeline-js --test typescript` rewrites it. Do not edit.

/**
 * The status of a job, by category. The wire string is kept verbatim beside it
 * ([`JobRef::status_text`]); anything but the four documented values is `Unknown`.
 */
export type StatusKind = "SUCCESS" | "RUNNING" | "FAIL" | "INIT" | "UNKNOWN";

/**
 * Jobs by status category.
 */
export type Counts = { 
/**
 * `SUCCESS`
 */
SUCCESS: number, 
/**
 * `RUNNING`
 */
RUNNING: number, 
/**
 * `FAIL`
 */
FAIL: number, 
/**
 * `INIT`
 */
INIT: number, 
/**
 * Any other status, or none.
 */
UNKNOWN: number, };

/**
 * A job that failed.
 */
export type Failure = { 
/**
 * Pre-order index in the tree.
 */
index: number, 
/**
 * `job_id`
 */
jobId: string | null, 
/**
 * `job_type`
 */
jobType: string | null, 
/**
 * `error_code`
 */
errorCode: string | null, 
/**
 * `fail_reason`
 */
failReason: string | null, 
/**
 * The catalogue meaning of `error_code`, in English.
 */
meaningEn: string | null, 
/**
 * The catalogue meaning of `error_code`, in Chinese.
 */
meaningZh: string | null, 
/**
 * Depth in the tree (the root is 0).
 */
depth: number, 
/**
 * Whether no sub-job below this one failed: the place where the failure started.
 */
isOrigin: boolean, };

/**
 * Stable codes for data that does not add up.
 */
export type WarningCode = "UNKNOWN_STATUS" | "END_BEFORE_BEGIN" | "TERMINAL_WITHOUT_END" | "END_WITHOUT_TERMINAL" | "SUCCESS_WITH_UNFINISHED_CHILD" | "CHILD_OUTSIDE_PARENT" | "DUPLICATE_JOB_ID" | "BAD_TIMESTAMP";

/**
 * One warning about one job.
 */
export type Warning = { 
/**
 * Pre-order index of the job concerned.
 */
index: number, 
/**
 * Its `job_id`.
 */
jobId: string | null, 
/**
 * The stable code.
 */
code: WarningCode, 
/**
 * A sentence for people.
 */
message: string, };

/**
 * Where a job tree stands at a given "now".
 */
export type Summary = { 
/**
 * The root's `status`, verbatim.
 */
status: string | null, 
/**
 * The root's status category.
 */
statusKind: StatusKind, 
/**
 * Whether the root is SUCCESS or FAIL.
 */
terminal: boolean, 
/**
 * Jobs in the tree, the root included.
 */
total: number, 
/**
 * Jobs by status category, the root included.
 */
counts: Counts, 
/**
 * Deepest level (the root is 0).
 */
maxDepth: number, 
/**
 * The root's duration ([`crate::duration_ms`]): end − begin; now − begin while it runs.
 */
durationMs: number | null, 
/**
 * Finished descendants over all descendants; without sub-jobs 1 when terminal, else 0.
 */
progress: number, 
/**
 * Every failed job, in pre-order.
 */
failures: Array<Failure>, 
/**
 * Data that does not add up.
 */
warnings: Array<Warning>, };

/**
 * One visible job of the timeline, in full (built on demand by [`Layout::row`]).
 */
export type Row = { 
/**
 * Pre-order index in the tree.
 */
index: number, 
/**
 * `job_id`
 */
jobId: string | null, 
/**
 * The parent's `job_id` (none for the root, or a parent without id).
 */
parentId: string | null, 
/**
 * Pre-order index of the parent.
 */
parentIndex: number | null, 
/**
 * Depth (the root is 0).
 */
depth: number, 
/**
 * `status`, verbatim.
 */
status: string | null, 
/**
 * The status category.
 */
statusKind: StatusKind, 
/**
 * `job_type`
 */
jobType: string | null, 
/**
 * A readable label of the type in the requested language.
 */
label: string, 
/**
 * Begin in epoch ms; none when the job has not started (or its time is unreadable).
 */
startMs: number | null, 
/**
 * End in epoch ms; none while it runs (the bar then reaches "now").
 */
endMs: number | null, 
/**
 * Bar start as a fraction of the window, in [0, 1].
 */
left: number, 
/**
 * Bar width as a fraction of the window; left + width <= 1.
 */
width: number, 
/**
 * Whether the job has sub-jobs.
 */
hasChildren: boolean, 
/**
 * Number of descendants (shown as the count hidden when collapsed).
 */
descendantCount: number, 
/**
 * Whether the row is collapsed (its descendants are not rows).
 */
collapsed: boolean, 
/**
 * Collapsed, and a descendant failed: the "error inside" marker.
 */
hiddenFailure: boolean, 
/**
 * On the critical path: the chain of jobs that decided when the root finished.
 */
critical: boolean, 
/**
 * No begin time: the job has not started.
 */
notStarted: boolean, 
/**
 * Not terminal, started, without an end: the bar grows to "now".
 */
running: boolean, 
/**
 * How long the job took, or has taken so far ([`crate::duration_ms`]).
 */
durationMs: number | null, 
/**
 * A gap before this job began: how long after the previous sub-job of its parent
 * ended ([`Analysis::gap_before`]).
 */
gapBeforeMs: number | null, };

/**
 * The order of the sub-jobs of each job among the rows (the hierarchy is kept either way).
 */
export type RowOrder = "tree" | "longestFirst" | "shortestFirst";

/**
 * Where an error came from. Whether it is worth asking again follows from it (and, for
 * [`ApiErrorKind::Http`], from the status): see [`ApiError::retryable`].
 */
export type ApiErrorKind = "http" | "network" | "timeout" | "invalidBody" | "invalidJob" | "notApi" | "tooLarge" | "redirect" | "request";

/**
 * An error as the JS API hands it out: the error, and what follows from it (whether to
 * ask again, whether the job does not exist, the catalogue's meaning of its code).
 */
export type ApiError = { 
/**
 * Where the error came from.
 */
kind: ApiErrorKind, 
/**
 * The HTTP status, or null when there was no answer.
 */
httpStatus: number | null, 
/**
 * The service's code, else the HTTP status, else the exchange's (`NETWORK`, ...).
 */
code: string, 
/**
 * A sentence for people.
 */
message: string, 
/**
 * `X-Request-Id` of the answer.
 */
requestId: string | null, 
/**
 * The server's `Retry-After`, in ms.
 */
retryAfterMs: number | null, 
/**
 * Whether asking again may succeed ([`ApiError::retryable`]).
 */
retryable: boolean, 
/**
 * Whether it means the job does not exist ([`ApiError::not_found`]).
 */
notFound: boolean, 
/**
 * The catalogue meaning of an SDRS code, in English.
 */
meaning: string | null, 
/**
 * The same in Chinese.
 */
meaningZh: string | null, };

/**
 * What kind of resource an entry is about.
 */
export type ResourceKind = "serverGroup" | "protectedInstance" | "replication" | "disasterRecoveryDrill" | "unknown";

/**
 * What failed, as the Task Center files it (`failure_status`).
 */
export type FailureStatus = "createFail" | "deleteFail" | "attachFail" | "detachFail" | "expandFail" | "resizeFail" | "startFail" | "stopFail" | "reverseFail" | "failoverFail" | "reprotectFail";

/**
 * A resource kind as a filter takes it (the filter table's spelling).
 */
export type ResourceKindFilter = "server_groups" | "protected_instances" | "replications" | "disaster_recovery_drills";

/**
 * One failed job of the Task Center.
 */
export type FailureJob = { 
/**
 * `job_status` (only `FAIL` today).
 */
jobStatus: string | null, 
/**
 * `resource_id`: the protection group, instance, pair or drill.
 */
resourceId: string | null, 
/**
 * `resource_name`
 */
resourceName: string | null, 
/**
 * `resource_type` as sent.
 */
resourceType: string | null, 
/**
 * What `resource_type` names, in either spelling.
 */
resourceKind: ResourceKind, 
/**
 * `failure_status`, as sent (`failoverFail`, ...).
 */
failureStatus: string | null, 
/**
 * `job_id`: open it with the job API.
 */
jobId: string | null, 
/**
 * `job_type`
 */
jobType: string | null, 
/**
 * `begin_time` as sent: when the operation was made.
 */
beginTime: string | null, 
/**
 * `begin_time` in epoch ms, when it reads as a timestamp.
 */
beginMs: number | null, 
/**
 * `error_code`
 */
errorCode: string | null, 
/**
 * `fail_reason`
 */
failReason: string | null, 
/**
 * Fields we do not know, as name and JSON text, in the order sent.
 */
extra: Array<[string, string]>, };

/**
 * One page of the Task Center.
 */
export type FailureJobs = { 
/**
 * `count`: how many entries match the filters in all (a page may hold fewer).
 */
count: number | null, 
/**
 * `failure_jobs`, in the order sent.
 */
failureJobs: Array<FailureJob>, 
/**
 * Fields we do not know, as name and JSON text.
 */
extra: Array<[string, string]>, };

/**
 * One event.
 */
export type TraceEvent = { 
/**
 * The job's label (its type, in the chosen language), or the thread's name.
 */
name: string, 
/**
 * `"sdrs.job"`, or `"__metadata"` for thread names.
 */
cat: string, 
/**
 * `"X"` (complete), or `"M"` (metadata: a thread's name).
 */
ph: string, 
/**
 * Start, in microseconds from the earliest begin (absent for metadata).
 */
ts?: number, 
/**
 * Duration in microseconds (absent for metadata).
 */
dur?: number, 
/**
 * Always 1: one job, one process.
 */
pid: number, 
/**
 * The lane the event is drawn in.
 */
tid: number, 
/**
 * Ids, status, error code, reason, depth; a thread's name for metadata.
 */
args: { [key in string]: string }, };

/**
 * The whole trace: `{"traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...}}`.
 */
export type ChromeTrace = { 
/**
 * One complete event per started job, in the job tree's order, then thread names.
 */
traceEvents: Array<TraceEvent>, 
/**
 * `"ms"`.
 */
displayTimeUnit: string, 
/**
 * What the trace is of: the root's id and the wall-clock start (ISO 8601) that `ts` 0 is.
 */
otherData: { [key in string]: string }, };

/**
 * A string value.
 */
export type OtlpValue = { 
/**
 * The string.
 */
stringValue: string, };

/**
 * A key and a string value.
 */
export type OtlpAttribute = { 
/**
 * The key.
 */
key: string, 
/**
 * `{"stringValue": ...}`.
 */
value: OtlpValue, };

/**
 * A span's status.
 */
export type OtlpStatus = { 
/**
 * 0 unset, 1 OK, 2 ERROR.
 */
code: number, 
/**
 * For ERROR: the error code and the reason.
 */
message?: string, };

/**
 * One span.
 */
export type OtlpSpan = { 
/**
 * 32 hex digits, from the top job's id.
 */
traceId: string, 
/**
 * 16 hex digits, from the job's id (or its place, without one).
 */
spanId: string, 
/**
 * The parent's span id (absent for the top job).
 */
parentSpanId?: string, 
/**
 * The job's label.
 */
name: string, 
/**
 * 1: `SPAN_KIND_INTERNAL`.
 */
kind: number, 
/**
 * Start, nanoseconds since the epoch.
 */
startTimeUnixNano: string, 
/**
 * End (now, for a running job), nanoseconds since the epoch.
 */
endTimeUnixNano: string, 
/**
 * `sdrs.job_id`, `sdrs.job_type`, `sdrs.status`, `sdrs.error_code`,
 * `sdrs.fail_reason`, the entity ids (`sdrs.server_group_id`, ...), `sdrs.running`.
 */
attributes: Array<OtlpAttribute>, 
/**
 * ERROR (2) for FAIL, OK (1) for SUCCESS, unset (0) otherwise.
 */
status: OtlpStatus, };

/**
 * An instrumentation scope.
 */
export type OtlpScope = { 
/**
 * `sdrs-job-timeline`.
 */
name: string, };

/**
 * The spans of one instrumentation scope.
 */
export type OtlpScopeSpans = { 
/**
 * `{"name": "sdrs-job-timeline"}`.
 */
scope: OtlpScope, 
/**
 * One span per started job, in the job tree's order.
 */
spans: Array<OtlpSpan>, };

/**
 * A resource's attributes.
 */
export type OtlpResource = { 
/**
 * Its attributes.
 */
attributes: Array<OtlpAttribute>, };

/**
 * The spans of one resource.
 */
export type OtlpResourceSpans = { 
/**
 * `service.name` = `sdrs`.
 */
resource: OtlpResource, 
/**
 * One scope: this package.
 */
scopeSpans: Array<OtlpScopeSpans>, };

/**
 * `{"resourceSpans": [...]}`.
 */
export type OtlpTrace = { 
/**
 * One resource (the SDRS service) with one scope holding the spans.
 */
resourceSpans: Array<OtlpResourceSpans>, };

/**
 * How a job is known from one answer to the next: its `job_id` where that is present and
 * unique in the answer, else its place in the tree (its JSON path).
 */
export type JobKey = { "by": "id", "value": string } | { "by": "path", "value": string };

/**
 * A job's status as an answer showed it: its kind, and the wire text when that is not one
 * of the four documented values (so that one unknown status changing into another is a
 * change too).
 */
export type ObservedStatus = { 
/**
 * The status's category.
 */
kind: StatusKind, 
/**
 * The wire text, for `Unknown` only (`None` where no status was given).
 */
text?: string, };

/**
 * One transition of a job, at the time of the answer that first showed it.
 */
export type Change = { "kind": "appeared", 
/**
 * The answer's time.
 */
atMs: number, 
/**
 * Its parent's key (`None` for the root).
 */
parent: JobKey | null, 
/**
 * Its status then.
 */
status: ObservedStatus, } | { "kind": "status", 
/**
 * The answer's time.
 */
atMs: number, 
/**
 * The new status.
 */
status: ObservedStatus, } | { "kind": "began", 
/**
 * The answer's time.
 */
atMs: number, 
/**
 * The `begin_time` it gave.
 */
beginMs: number, } | { "kind": "ended", 
/**
 * The answer's time.
 */
atMs: number, 
/**
 * The `end_time` it gave.
 */
endMs: number, } | { "kind": "gone", 
/**
 * The answer's time.
 */
atMs: number, };

/**
 * What was observed of one job. Two are equal when they record the same (what the last
 * answer showed, kept to compare the next with, is rebuilt from the changes when a record
 * is read, and past the cap of changes cannot be).
 */
export type JobHistory = { 
/**
 * How the job is known.
 */
key: JobKey, 
/**
 * Its transitions, oldest first (at most [`MAX_CHANGES_PER_JOB`]).
 */
changes: Array<Change>, };

/**
 * What the answers of one watched job showed, folded (see the module's invariants).
 */
export type ObservedHistory = { 
/**
 * Every job observed, in the order each was first seen (the root first).
 */
jobs: Array<JobHistory>, 
/**
 * The times of the answers that changed something, oldest first.
 */
moments: Array<number>, 
/**
 * Answers folded in (those that changed nothing too).
 */
answers: number, 
/**
 * The time of every answer folded in, oldest first (at most 50,000).
 */
answerTimes: Array<number>, 
/**
 * The first answer's time.
 */
firstMs: number | null, 
/**
 * The last answer's time.
 */
lastMs: number | null, 
/**
 * Transitions not kept: past 64 for one job, or jobs past the parser's cap.
 */
dropped: number, };

/**
 * One watched job's session, as saved.
 */
export type SessionRecord = { 
/**
 * Always `"sdrs-job-timeline/session"`.
 */
format: string, 
/**
 * Always 1.
 */
version: number, 
/**
 * The endpoint asked (`""`: the page's own origin).
 */
endpoint: string, 
/**
 * The project id.
 */
projectId: string, 
/**
 * The job id watched.
 */
jobId: string, 
/**
 * When the record was saved (epoch ms).
 */
savedAtMs: number, 
/**
 * What the answers showed, folded, with every answer's time.
 */
history: ObservedHistory, 
/**
 * The last answer, as received.
 */
lastAnswer: string, };

/**
 * One job type's figures.
 */
export type TypeStats = { 
/**
 * The wire `job_type` (`None`: jobs without one).
 */
jobType: string | null, 
/**
 * Its label in the locale asked.
 */
label: string, 
/**
 * Jobs of this type.
 */
count: number, 
/**
 * Of them, FAIL.
 */
failures: number, 
/**
 * Of them, still RUNNING or INIT.
 */
unfinished: number, 
/**
 * Shortest duration of those that started (ms).
 */
minMs: number | null, 
/**
 * Median duration (the mean of the two middle ones for an even count, rounded down).
 */
medianMs: number | null, 
/**
 * Longest duration.
 */
maxMs: number | null, 
/**
 * All their durations added.
 */
totalMs: number, };

/**
 * What to sort by.
 */
export type StatsColumn = "label" | "count" | "failures" | "min" | "median" | "max" | "total";

/**
 * One row of a comparison.
 */
export type ComparedRow = { 
/**
 * The job types from below the root to the job, joined by ` › ` (empty: the roots).
 */
path: string, 
/**
 * What the pair was matched by: `protected_instance_id=...`, or `order` (`None` for
 * a job of one run only).
 */
matchedBy: string | null, 
/**
 * The job in the first run (its index there).
 */
a: number | null, 
/**
 * The job in the second run.
 */
b: number | null, 
/**
 * Its job id in the first run.
 */
aJobId: string | null, 
/**
 * Its job id in the second run.
 */
bJobId: string | null, 
/**
 * Its duration in the first run (ms).
 */
aMs: number | null, 
/**
 * Its duration in the second run (ms).
 */
bMs: number | null, 
/**
 * `b_ms - a_ms` where both ran: positive is slower in the second run.
 */
deltaMs: number | null, };

/**
 * Two runs compared.
 */
export type Comparison = { 
/**
 * Every job of both runs, once: matched pairs by slow-down (largest first), then
 * pairs without both durations, then jobs of one run only, each in pre-order.
 */
rows: Array<ComparedRow>, 
/**
 * Jobs of the first run only.
 */
onlyA: number, 
/**
 * Jobs of the second run only.
 */
onlyB: number, };
