//! The job parser: response bytes to a [`JobTree`], with precise, bounded errors.
//!
//! An explicit stack of frames (job object, `entities` object, `sub_jobs` array) replaces
//! recursion, so nesting is limited by [`ParseOptions::max_depth`], not by the call stack.
//! Every error says where: line and column for syntax, the field path for types and
//! timestamps (e.g. `entities.sub_jobs[1].begin_time`).

use std::fmt;

mod reader;
#[cfg(test)]
mod tests;

use crate::json::{Scanner, SyntaxError};
use crate::limits;
use crate::model::JobTree;

/// What to do with a `begin_time` / `end_time` that does not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimestampMode {
    /// Fail with [`ParseErrorCode::Timestamp`] naming the field path (the default).
    #[default]
    Strict,
    /// Keep the text, leave the milliseconds empty; the summary warns `BAD_TIMESTAMP`.
    Lenient,
}

/// Limits and modes of [`parse_job_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Largest input accepted, in bytes (default [`limits::MAX_INPUT_BYTES`]).
    pub max_bytes: usize,
    /// Deepest job nesting accepted; the root is depth 0 (default [`limits::MAX_JOB_DEPTH`]).
    pub max_depth: usize,
    /// Most jobs accepted in the tree (default [`limits::MAX_JOBS`]); fewer for small
    /// inputs, see [`limits::jobs_allowed`].
    pub max_jobs: usize,
    /// Strict or lenient timestamps.
    pub timestamps: TimestampMode,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_bytes: limits::MAX_INPUT_BYTES,
            max_depth: limits::MAX_JOB_DEPTH,
            max_jobs: limits::MAX_JOBS,
            timestamps: TimestampMode::Strict,
        }
    }
}

/// The kind of a [`ParseError`]; its string form is a stable code for the JS API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ParseErrorCode {
    /// Not JSON (or not UTF-8), with line and column.
    Syntax,
    /// JSON, but a field has the wrong type (or appears twice), with the field path.
    Type,
    /// A timestamp that does not parse, with the field path and the value.
    Timestamp,
    /// Jobs nested deeper than the limit.
    TooDeep,
    /// Input larger than the limit, or with more unknown members than its size allows
    /// (see [`limits::unknown_members_allowed`]).
    TooLarge,
    /// More jobs than the limit, or than the input's size allows (see [`limits::jobs_allowed`]).
    TooManyJobs,
}

impl ParseErrorCode {
    /// `SYNTAX`, `TYPE`, `TIMESTAMP`, `TOO_DEEP`, `TOO_LARGE` or `TOO_MANY_JOBS`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParseErrorCode::Syntax => "SYNTAX",
            ParseErrorCode::Type => "TYPE",
            ParseErrorCode::Timestamp => "TIMESTAMP",
            ParseErrorCode::TooDeep => "TOO_DEEP",
            ParseErrorCode::TooLarge => "TOO_LARGE",
            ParseErrorCode::TooManyJobs => "TOO_MANY_JOBS",
        }
    }
}

/// Why a response could not be read as a job, and where.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParseError {
    /// The kind of error.
    pub code: ParseErrorCode,
    /// A sentence saying what and where, ready to show.
    pub message: String,
    /// 1-based line of the offending character, when there is one.
    pub line: Option<usize>,
    /// 1-based column (in characters) of the offending character.
    pub column: Option<usize>,
    /// The JSON path of the offending field ("" for the root object itself).
    pub path: Option<String>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses a job response with the default [`ParseOptions`] (strict timestamps).
pub fn parse_job(input: impl AsRef<[u8]>) -> Result<JobTree, ParseError> {
    parse_job_with(input, &ParseOptions::default())
}

/// Parses a job response. The tree keeps a copy of it (its strings are spans of it); with
/// the bytes owned, [`parse_job_owned`] keeps them without a copy.
pub fn parse_job_with(
    input: impl AsRef<[u8]>,
    options: &ParseOptions,
) -> Result<JobTree, ParseError> {
    let bytes = input.as_ref();
    check_size(bytes.len(), options)?;
    match std::str::from_utf8(bytes) {
        Ok(source) => reader::read(source.to_owned(), options),
        Err(error) => Err(invalid_utf8(bytes, error)),
    }
}

/// Parses a job response given as owned bytes, which the tree then keeps as its text (no
/// copy of the response or of its strings): what the fetch path and the JS API do.
pub fn parse_job_owned(input: Vec<u8>, options: &ParseOptions) -> Result<JobTree, ParseError> {
    check_size(input.len(), options)?;
    match String::from_utf8(input) {
        Ok(source) => reader::read(source, options),
        Err(error) => Err(invalid_utf8(error.as_bytes(), error.utf8_error())),
    }
}

fn check_size(len: usize, options: &ParseOptions) -> Result<(), ParseError> {
    if len <= options.max_bytes {
        return Ok(());
    }
    Err(ParseError {
        code: ParseErrorCode::TooLarge,
        message: format!(
            "the response is {len} bytes, more than the limit of {} bytes",
            options.max_bytes
        ),
        line: None,
        column: None,
        path: None,
    })
}

fn invalid_utf8(bytes: &[u8], error: std::str::Utf8Error) -> ParseError {
    let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
    syntax_error(valid, SyntaxError { offset: valid.len(), message: "invalid UTF-8".into() })
}

pub(super) fn syntax_error(source: &str, error: SyntaxError) -> ParseError {
    let (line, column) = Scanner::line_column(source, error.offset);
    ParseError {
        code: ParseErrorCode::Syntax,
        message: format!("line {line}, column {column}: {}", error.message),
        line: Some(line),
        column: Some(column),
        path: None,
    }
}
