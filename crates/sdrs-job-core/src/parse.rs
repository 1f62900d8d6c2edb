//! The job parser: response bytes to a [`JobTree`], with precise, bounded errors.
//!
//! An explicit stack of frames (job object, `entities` object, `sub_jobs` array) replaces
//! recursion, so nesting is limited by [`ParseOptions::max_depth`], not by the call stack.
//! Every error says where: line and column for syntax, the field path for types and
//! timestamps (e.g. `entities.sub_jobs[1].begin_time`).

use std::fmt;

use crate::json::{describe_value_start, Scanner, StrRead, SyntaxError};
use crate::limits;
use crate::path;
use crate::time::parse_timestamp;
use crate::tree::{
    EntityField, FieldValue, JobField, JobIndex, JobTree, JobTreeBuilder, Presence, Str,
};

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

/// Parses a job response.
pub fn parse_job_with(
    input: impl AsRef<[u8]>,
    options: &ParseOptions,
) -> Result<JobTree, ParseError> {
    let bytes = input.as_ref();
    if bytes.len() > options.max_bytes {
        return Err(ParseError {
            code: ParseErrorCode::TooLarge,
            message: format!(
                "the response is {} bytes, more than the limit of {} bytes",
                bytes.len(),
                options.max_bytes
            ),
            line: None,
            column: None,
            path: None,
        });
    }
    let source = match std::str::from_utf8(bytes) {
        Ok(source) => source,
        Err(error) => {
            let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
            return Err(syntax_error(
                valid,
                SyntaxError { offset: valid.len(), message: "invalid UTF-8".into() },
            ));
        }
    };
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let max_jobs = limits::jobs_allowed(source.len(), options.max_jobs);
    let mut parser = Parser {
        scanner: Scanner::new(source),
        // Generous guesses (a job is rarely under 250 bytes of JSON, its strings under half
        // of them), so large inputs never double their buffers; the unused part is given back.
        builder: JobTreeBuilder::with_capacity(
            (source.len() / 250 + 1).min(max_jobs),
            source.len() / 2 + 16,
            max_jobs,
        ),
        max_jobs,
        options,
        key_scratch: String::new(),
        value_scratch: String::new(),
    };
    parser.run()?;
    Ok(parser.builder.finish().expect("the parser always begins the root job"))
}

fn syntax_error(source: &str, error: SyntaxError) -> ParseError {
    let (line, column) = Scanner::line_column(source, error.offset);
    ParseError {
        code: ParseErrorCode::Syntax,
        message: format!("line {line}, column {column}: {}", error.message),
        line: Some(line),
        column: Some(column),
        path: None,
    }
}

#[derive(Debug, Clone, Copy)]
enum Frame {
    /// Inside a job object; `seen` has a bit per known member already read.
    Job { index: JobIndex, seen: u16, first: bool },
    /// Inside a job's `entities` object.
    Entities { index: JobIndex, seen: u16, first: bool },
    /// Inside a job's `entities.sub_jobs` array; `next` is the next element's position.
    SubJobs { parent: JobIndex, next: u32 },
}

/// A member name, classified by the object it is in.
enum Key {
    Job(JobField),
    Entities,
    Entity(EntityField),
    SubJobs,
    Unknown(String),
}

impl Key {
    /// The bit of this key in a frame's `seen` set (0 for unknown keys: kept, never checked).
    fn seen_bit(&self) -> u16 {
        match self {
            Key::Job(field) => 1 << *field as u16,
            Key::Entity(field) => 1 << *field as u16,
            Key::Entities => ENTITIES_BIT,
            Key::SubJobs => SUB_JOBS_BIT,
            Key::Unknown(_) => 0,
        }
    }

    fn name(&self) -> &str {
        match self {
            Key::Job(field) => field.wire_name(),
            Key::Entity(field) => field.wire_name(),
            Key::Entities => "entities",
            Key::SubJobs => "sub_jobs",
            Key::Unknown(name) => name,
        }
    }
}

const ENTITIES_BIT: u16 = 1 << 7;
const SUB_JOBS_BIT: u16 = 1 << 6;

struct Parser<'a, 'o> {
    scanner: Scanner<'a>,
    builder: JobTreeBuilder,
    /// [`limits::jobs_allowed`] for this input.
    max_jobs: usize,
    options: &'o ParseOptions,
    key_scratch: String,
    value_scratch: String,
}

impl Parser<'_, '_> {
    fn syntax<T>(&self, result: Result<T, SyntaxError>) -> Result<T, ParseError> {
        result.map_err(|error| syntax_error(self.scanner.source, error))
    }

    fn located(
        &self,
        code: ParseErrorCode,
        path: String,
        what: String,
        offset: usize,
    ) -> ParseError {
        let (line, column) = Scanner::line_column(self.scanner.source, offset);
        let place = if path.is_empty() { "the response".to_owned() } else { path.clone() };
        ParseError {
            code,
            message: format!("{place}: {what} (line {line}, column {column})"),
            line: Some(line),
            column: Some(column),
            path: Some(path),
        }
    }

    fn job_path(&self, index: JobIndex) -> String {
        path::job_path(self.builder.tree(), index)
    }

    /// A wrong-type error for the value at the current position.
    fn type_error(&mut self, path: String, expected: &str) -> ParseError {
        let offset = self.scanner.pos;
        match self.scanner.peek().and_then(describe_value_start) {
            Some(found) => self.located(
                ParseErrorCode::Type,
                path,
                format!("expected {expected}, found {found}"),
                offset,
            ),
            None => match self.scanner.unexpected::<()>("a value") {
                Err(error) => syntax_error(self.scanner.source, error),
                Ok(()) => unreachable!("unexpected() always fails"),
            },
        }
    }

    fn run(&mut self) -> Result<(), ParseError> {
        let first = self.scanner.peek_required("a job object");
        let first = self.syntax(first)?;
        if first != b'{' {
            return Err(self.type_error(String::new(), "a job object"));
        }
        self.scanner.pos += 1;
        let root = self.builder.begin_empty();
        let mut stack = vec![Frame::Job { index: root, seen: 0, first: true }];
        // One call per member rather than one loop over the whole document: V8 runs a wasm
        // function with baseline code until it is called again after turning hot (wasm has
        // no on-stack replacement), so a loop living in a single call would parse a 3 MB
        // response entirely with unoptimized code.
        while self.step(&mut stack)? {}
        self.scanner.skip_whitespace();
        if self.scanner.pos != self.scanner.source.len() {
            let error =
                self.scanner.error::<()>(self.scanner.pos, "unexpected text after the job object");
            self.syntax(error)?;
        }
        Ok(())
    }

    /// Reads one member (or closes one object) of the job being read; false when done.
    #[inline(never)]
    fn step(&mut self, stack: &mut Vec<Frame>) -> Result<bool, ParseError> {
        let Some(frame) = stack.last_mut() else { return Ok(false) };
        match *frame {
            Frame::Job { index, seen, first } => {
                let Some(key_offset) = self.next_member(first, frame_first(frame))? else {
                    self.builder.end_job();
                    stack.pop();
                    return Ok(true);
                };
                let key = self.read_key(false)?;
                let bit = key.seen_bit();
                if seen & bit != 0 {
                    let path = path::join(&self.job_path(index), key.name());
                    return Err(self.located(
                        ParseErrorCode::Type,
                        path,
                        "field appears twice".into(),
                        key_offset,
                    ));
                }
                if let Some(Frame::Job { seen, .. }) = stack.last_mut() {
                    *seen |= bit;
                }
                match key {
                    Key::Job(field) => self.read_job_field(index, field)?,
                    Key::Entities => match self.open_container(
                        b'{',
                        |parser| path::join(&parser.job_path(index), "entities"),
                        "an object or null",
                    )? {
                        Presence::Present => {
                            self.builder.set_entities(index, Presence::Present);
                            stack.push(Frame::Entities { index, seen: 0, first: true });
                        }
                        presence => self.builder.set_entities(index, presence),
                    },
                    Key::Unknown(name) => self.read_extra(index, false, &name)?,
                    Key::Entity(_) | Key::SubJobs => {
                        unreachable!("job keys are classified as job keys")
                    }
                }
            }
            Frame::Entities { index, seen, first } => {
                let Some(key_offset) = self.next_member(first, frame_first(frame))? else {
                    stack.pop();
                    return Ok(true);
                };
                let key = self.read_key(true)?;
                let bit = key.seen_bit();
                if seen & bit != 0 {
                    let path =
                        path::join(&self.job_path(index), &format!("entities.{}", key.name()));
                    return Err(self.located(
                        ParseErrorCode::Type,
                        path,
                        "field appears twice".into(),
                        key_offset,
                    ));
                }
                if let Some(Frame::Entities { seen, .. }) = stack.last_mut() {
                    *seen |= bit;
                }
                match key {
                    Key::Entity(field) => {
                        let path_of = |parser: &Self| {
                            path::join(
                                &parser.job_path(index),
                                &format!("entities.{}", field.wire_name()),
                            )
                        };
                        let stored = self.read_string_field(path_of)?;
                        self.builder.set_entity_field(index, field, stored);
                    }
                    Key::SubJobs => {
                        let presence = self.open_container(
                            b'[',
                            |parser| path::join(&parser.job_path(index), "entities.sub_jobs"),
                            "an array or null",
                        )?;
                        self.builder.set_sub_jobs(index, presence);
                        if presence == Presence::Present {
                            stack.push(Frame::SubJobs { parent: index, next: 0 });
                        }
                    }
                    Key::Unknown(name) => self.read_extra(index, true, &name)?,
                    Key::Job(_) | Key::Entities => {
                        unreachable!("entities keys are classified as entities keys")
                    }
                }
            }
            Frame::SubJobs { parent, next } => {
                let more = if next == 0 {
                    let byte = self.scanner.peek_required("a sub-job or `]`");
                    if self.syntax(byte)? == b']' {
                        self.scanner.pos += 1;
                        false
                    } else {
                        true
                    }
                } else {
                    let more = self.scanner.comma_or_close(b']', "`,` or `]`");
                    self.syntax(more)?
                };
                if !more {
                    stack.pop();
                    return Ok(true);
                }
                if let Some(Frame::SubJobs { next, .. }) = stack.last_mut() {
                    *next += 1;
                }
                let element_path = |parser: &Self| {
                    path::join(&parser.job_path(parent), &format!("entities.sub_jobs[{next}]"))
                };
                let byte = self.scanner.peek_required("a sub-job");
                if self.syntax(byte)? != b'{' {
                    let path = element_path(self);
                    return Err(self.type_error(path, "a job object"));
                }
                let depth = self.builder.open_depth();
                if depth > self.options.max_depth {
                    let path = element_path(self);
                    let what = format!(
                        "jobs nested deeper than the limit of {} levels",
                        self.options.max_depth
                    );
                    return Err(self.located(
                        ParseErrorCode::TooDeep,
                        path,
                        what,
                        self.scanner.pos,
                    ));
                }
                if self.builder.len() >= self.max_jobs {
                    let path = element_path(self);
                    let what = if self.max_jobs < self.options.max_jobs {
                        format!(
                            "more jobs than {} bytes of JSON can hold (at most {}: a job \
                             averages at least {} bytes)",
                            self.scanner.source.len(),
                            self.max_jobs,
                            limits::MIN_BYTES_PER_JOB
                        )
                    } else {
                        format!("more jobs than the limit of {}", self.max_jobs)
                    };
                    return Err(self.located(
                        ParseErrorCode::TooManyJobs,
                        path,
                        what,
                        self.scanner.pos,
                    ));
                }
                self.scanner.pos += 1;
                let index = self.builder.begin_empty();
                stack.push(Frame::Job { index, seen: 0, first: true });
            }
        }
        Ok(true)
    }

    /// Moves to the next member of an object: returns the key's offset, or none at `}`.
    fn next_member(
        &mut self,
        first: bool,
        clear_first: &mut bool,
    ) -> Result<Option<usize>, ParseError> {
        *clear_first = false;
        let has_member = if first {
            let byte = self.scanner.peek_required("a key or `}`");
            if self.syntax(byte)? == b'}' {
                self.scanner.pos += 1;
                false
            } else {
                true
            }
        } else {
            let more = self.scanner.comma_or_close(b'}', "`,` or `}`");
            self.syntax(more)?
        };
        if !has_member {
            return Ok(None);
        }
        let byte = self.scanner.peek_required("a string key");
        if self.syntax(byte)? != b'"' {
            let error = self.scanner.unexpected::<()>("a string key");
            self.syntax(error)?;
        }
        Ok(Some(self.scanner.pos))
    }

    /// Reads a key and the `:` after it, classified without allocating (only unknown keys,
    /// which are kept verbatim, are copied).
    fn read_key(&mut self, in_entities: bool) -> Result<Key, ParseError> {
        let source = self.scanner.source;
        let key = match self.scanner.read_string(&mut self.key_scratch) {
            Ok(read) => {
                let name = read.as_str();
                if in_entities {
                    match EntityField::from_wire_name(name) {
                        Some(field) => Key::Entity(field),
                        None if name == "sub_jobs" => Key::SubJobs,
                        None => Key::Unknown(name.to_owned()),
                    }
                } else {
                    match JobField::from_wire_name(name) {
                        Some(field) => Key::Job(field),
                        None if name == "entities" => Key::Entities,
                        None => Key::Unknown(name.to_owned()),
                    }
                }
            }
            Err(error) => return Err(syntax_error(source, error)),
        };
        let colon = self.scanner.expect(b':', "`:`");
        self.syntax(colon)?;
        Ok(key)
    }

    /// Reads a string-or-null value into the tree's text.
    fn read_string_field(&mut self, path_of: impl Fn(&Self) -> String) -> Result<Str, ParseError> {
        let byte = self.scanner.peek_required("a value");
        match self.syntax(byte)? {
            b'"' => {
                let source = self.scanner.source;
                match self.scanner.read_string(&mut self.value_scratch) {
                    Ok(StrRead::Borrowed(text)) => Ok(self.builder.store(FieldValue::Value(text))),
                    Ok(StrRead::Decoded(text)) => Ok(self.builder.store(FieldValue::Value(text))),
                    Err(error) => Err(syntax_error(source, error)),
                }
            }
            b'n' => {
                let literal = self.scanner.expect_literal("null");
                self.syntax(literal)?;
                Ok(Str::Null)
            }
            _ => {
                let path = path_of(self);
                Err(self.type_error(path, "a string or null"))
            }
        }
    }

    fn read_job_field(&mut self, index: JobIndex, field: JobField) -> Result<(), ParseError> {
        let value_offset = {
            self.scanner.skip_whitespace();
            self.scanner.pos
        };
        let field_path = |parser: &Self| path::join(&parser.job_path(index), field.wire_name());
        let stored = self.read_string_field(field_path)?;
        match field {
            JobField::Status => self.builder.set_status(index, stored),
            JobField::BeginTime | JobField::EndTime => {
                let text = self.builder.tree().str_at(stored).value();
                let (millis, bad) = match text.map(parse_timestamp) {
                    None => (None, false),
                    Some(Ok(millis)) => (Some(millis), false),
                    Some(Err(error)) => match self.options.timestamps {
                        TimestampMode::Lenient => (None, true),
                        TimestampMode::Strict => {
                            let value = text.unwrap_or_default().to_owned();
                            let what = format!("invalid timestamp {value:?}: {error}");
                            return Err(self.located(
                                ParseErrorCode::Timestamp,
                                field_path(self),
                                what,
                                value_offset,
                            ));
                        }
                    },
                };
                self.builder.set_time(index, field, stored, millis, bad);
            }
            _ => self.builder.set_plain_field(index, field, stored),
        }
        Ok(())
    }

    /// For `entities` and `sub_jobs`: `null`, or the opening byte of the container.
    fn open_container(
        &mut self,
        open: u8,
        path_of: impl Fn(&Self) -> String,
        expected: &str,
    ) -> Result<Presence, ParseError> {
        let byte = self.scanner.peek_required("a value");
        match self.syntax(byte)? {
            b'n' => {
                let literal = self.scanner.expect_literal("null");
                self.syntax(literal)?;
                Ok(Presence::Null)
            }
            byte if byte == open => {
                self.scanner.pos += 1;
                Ok(Presence::Present)
            }
            _ => {
                let path = path_of(self);
                Err(self.type_error(path, expected))
            }
        }
    }

    /// Keeps an unknown member verbatim.
    fn read_extra(
        &mut self,
        index: JobIndex,
        in_entities: bool,
        key: &str,
    ) -> Result<(), ParseError> {
        let allowed = limits::unknown_members_allowed(self.scanner.source.len());
        if self.builder.extras_len() >= allowed {
            let path = path::join(&self.job_path(index), key);
            let what = format!(
                "more unknown members than {} bytes of JSON can hold (at most {allowed})",
                self.scanner.source.len()
            );
            return Err(self.located(ParseErrorCode::TooLarge, path, what, self.scanner.pos));
        }
        let range = self.scanner.skip_value(limits::MAX_UNKNOWN_VALUE_NESTING);
        let (start, end) = self.syntax(range)?;
        let raw = &self.scanner.source[start..end];
        self.builder.push_extra(index, in_entities, key, raw);
        Ok(())
    }
}

/// The `first` flag of an object frame, to clear once its first member is read.
fn frame_first(frame: &mut Frame) -> &mut bool {
    match frame {
        Frame::Job { first, .. } | Frame::Entities { first, .. } => first,
        Frame::SubJobs { .. } => unreachable!("sub_jobs frames have no members"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_say_where() {
        let error = parse_job("{\"status\": \"RUNNING\",\n \"job_id\" 1}").unwrap_err();
        assert_eq!(error.code, ParseErrorCode::Syntax);
        assert_eq!((error.line, error.column), (Some(2), Some(11)));
        let error = parse_job(r#"{"entities":{"sub_jobs":[{},{"status":7}]}}"#).unwrap_err();
        assert_eq!(error.code, ParseErrorCode::Type);
        assert_eq!(error.path.as_deref(), Some("entities.sub_jobs[1].status"));
        assert!(
            error.message.contains("expected a string or null, found a number"),
            "{}",
            error.message
        );
        let error =
            parse_job(r#"{"entities":{"sub_jobs":[{"begin_time":"2019-02-30T00:00:00Z"}]}}"#)
                .unwrap_err();
        assert_eq!(error.code, ParseErrorCode::Timestamp);
        assert_eq!(error.path.as_deref(), Some("entities.sub_jobs[0].begin_time"));
        assert!(error.message.contains("\"2019-02-30T00:00:00Z\""), "{}", error.message);
        let error = parse_job("[]").unwrap_err();
        assert_eq!(error.code, ParseErrorCode::Type);
        assert_eq!(error.path.as_deref(), Some(""));
        let error = parse_job(b"{\"job_id\":\"\xff\"}").unwrap_err();
        assert_eq!((error.code, error.column), (ParseErrorCode::Syntax, Some(12)));
        let error = parse_job(r#"{"status":"INIT","status":"FAIL"}"#).unwrap_err();
        assert_eq!(error.path.as_deref(), Some("status"));
        let error = parse_job(r#"{} {}"#).unwrap_err();
        assert_eq!(error.code, ParseErrorCode::Syntax);
        let error = parse_job("").unwrap_err();
        assert_eq!(error.code, ParseErrorCode::Syntax);
    }

    #[test]
    fn limits_are_errors_not_crashes() {
        let options = ParseOptions { max_depth: 3, max_bytes: 10_000, ..ParseOptions::default() };
        let nested = |levels: usize| {
            let mut text = String::new();
            for _ in 0..levels {
                text.push_str(r#"{"entities":{"sub_jobs":["#);
            }
            text.push_str("{}");
            for _ in 0..levels {
                text.push_str("]}}");
            }
            text
        };
        assert_eq!(parse_job_with(nested(3), &options).unwrap().len(), 4);
        let error = parse_job_with(nested(4), &options).unwrap_err();
        assert_eq!(error.code, ParseErrorCode::TooDeep);
        let error = parse_job_with(" ".repeat(10_001), &options).unwrap_err();
        assert_eq!(error.code, ParseErrorCode::TooLarge);
        // Far beyond any call stack, with the default limits: still a clean error.
        let error = parse_job(nested(20_000)).unwrap_err();
        assert_eq!(error.code, ParseErrorCode::TooDeep);
        assert!(error.message.contains("levels)…"), "{}", error.message);
        let deep_unknown = format!("{{\"x\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert_eq!(parse_job(deep_unknown).unwrap_err().code, ParseErrorCode::Syntax);
    }

    #[test]
    fn lenient_mode_keeps_bad_timestamps() {
        let options =
            ParseOptions { timestamps: TimestampMode::Lenient, ..ParseOptions::default() };
        let tree =
            parse_job_with(r#"{"begin_time":"yesterday","end_time":null}"#, &options).unwrap();
        assert_eq!(tree.root().begin_ms(), None);
        assert_eq!(tree.root().bad_timestamps(), (true, false));
        assert_eq!(tree.to_json(), r#"{"begin_time":"yesterday","end_time":null}"#);
    }
}
