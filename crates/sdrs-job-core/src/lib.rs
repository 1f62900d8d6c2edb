//! Everything we know about an SDRS asynchronous job, and nothing about browsers.
//!
//! `GET /v1/{project_id}/jobs/{job_id}` answers a job whose `entities.sub_jobs` are jobs
//! again. This crate parses that answer into a flat, pre-ordered [`JobTree`], writes it
//! back ([`JobTree::to_json`]), reads error answers the way the official SDKs do
//! ([`ApiError`]), and computes what a viewer needs: a [`Summary`], a timeline
//! [`Layout`] with critical path, axis [`ticks`], zoom and pan ([`TimeWindow`]), the
//! overview's [`Density`], and the [`poll`]ing policy.
//!
//! The crate is pure: no IO, no clock, no randomness, no browser APIs. "Now" and random
//! numbers are arguments. Nothing recurses over the job tree, so a 10,000-deep chain is as
//! safe as a flat list. Analysis never fails: odd data gives a result plus warnings;
//! `Result` is for parsing only.

mod analysis;
mod api_error;
pub mod board;
mod catalogue;
pub mod chrome_trace;
pub mod civility;
pub mod compare;
pub mod exchange;
pub mod history;
mod job_type;
mod json;
mod layout;
mod model;
pub mod otlp;
mod parse;
mod percent;
pub mod poll;
pub mod session;
pub mod statistics;
mod summary;
pub mod svg;
pub mod synthetic;
pub mod task_center;
#[cfg(test)]
mod test_jobs;
mod ticks;
mod time;
#[cfg(feature = "ts")]
pub mod typescript;
mod viewport;

pub use analysis::{
    bar_ms, duration_ms, effective_now, find_ignoring_case, step, Analysis, GAP_SHARE, MIN_GAP_MS,
};
pub use api_error::{ApiError, ApiErrorKind, ApiErrorReport};
pub use catalogue::{error_code_info, meaning_beside, ErrorCodeInfo, ERROR_CODES};
pub use job_type::{
    job_type_info, job_type_label, JobTypeInfo, Locale, Operation, ResourceKind, COMBINED_JOB_TYPE,
    JOB_TYPES,
};
pub use layout::{Layout, Row, RowOrder, Slot};
pub use model::{
    Children, EntityField, FieldValue, JobField, JobIndex, JobRecord, JobRef, JobTree,
    JobTreeBuilder, Presence, StatusKind, StatusSet,
};
pub use parse::{
    parse_job, parse_job_owned, parse_job_with, ParseError, ParseErrorCode, ParseOptions,
    TimestampMode,
};
pub use summary::{
    summarize, Counts, Failure, Summary, Warning, WarningCode, CLOCK_SKEW_TOLERANCE_MS,
};
pub use ticks::{
    format_duration, format_offset, place_labels, place_measured_labels, readout, ticks,
    ticks_from, LabelAlign, Tick, TickMode, Ticks, LABEL_CHAR_PX,
};
pub use time::{format_timestamp, parse_timestamp, TimestampError};
pub use viewport::{density_slot, ClippedBar, Density, TimeWindow, MIN_WINDOW_MS};

/// Default and hard limits of the parser, documented in one place.
pub mod limits {
    /// Largest accepted response body: 64 MiB. A 100,000-job tree is about 30 MB.
    pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;
    /// Deepest accepted job nesting (the root is depth 0). SDRS sends depth 2 in practice;
    /// the limit only keeps hostile input bounded, so it is generous.
    pub const MAX_JOB_DEPTH: usize = 10_000;
    /// Deepest nesting accepted inside a field we do not know (kept verbatim).
    pub const MAX_UNKNOWN_VALUE_NESTING: usize = 128;
    /// Most jobs accepted in one tree. The simulator's largest failover has 200,001; a
    /// stored job takes about 200 bytes, so this bounds a tree's jobs to about 50 MB.
    pub const MAX_JOBS: usize = 250_000;
    /// Fewest bytes of JSON a job must average past [`JOBS_ALLOWED_ANYWAY`] (the smallest
    /// real sub-job, `{"job_id":"…"}` with an id of 32 characters, takes 45; a stored job
    /// takes about 216). Without this a 24 MiB body of `{},` would ask for 8 million jobs:
    /// more than 2 GB of wasm memory.
    pub const MIN_BYTES_PER_JOB: usize = 32;
    /// Jobs accepted whatever the input's size (small hand-written inputs, tests).
    pub const JOBS_ALLOWED_ANYWAY: usize = 4_096;
    /// Largest error answer read (its message is cut to 2,000 characters anyway); past it
    /// the answer is `TOO_LARGE` and reading stops.
    pub const MAX_ERROR_BYTES: usize = 64 * 1024;
    /// Longest project or job id sent (real ids have 32 to 36 characters).
    pub const MAX_ID_BYTES: usize = 256;

    /// Most jobs accepted from an input of `input_bytes` with a hard cap of `max_jobs`:
    /// the cap, or fewer for a small input (so a tree's memory stays within a small
    /// constant of its input's size).
    pub fn jobs_allowed(input_bytes: usize, max_jobs: usize) -> usize {
        max_jobs.min(JOBS_ALLOWED_ANYWAY.saturating_add(input_bytes / MIN_BYTES_PER_JOB))
    }

    /// Most unknown members kept from an input of `input_bytes` (each takes 24 bytes
    /// besides its text): the same density rule as jobs, so `{"a":0,"b":0,…}` cannot
    /// take several times its size either.
    pub fn unknown_members_allowed(input_bytes: usize) -> usize {
        JOBS_ALLOWED_ANYWAY.saturating_add(input_bytes / MIN_BYTES_PER_JOB)
    }
}
