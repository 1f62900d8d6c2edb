//! The reading loop: a state machine over an explicit stack of frames (job object,
//! `entities` object, `sub_jobs` array), writing jobs into a [`JobTreeBuilder`] as it goes.

use super::{syntax_error, ParseError, ParseErrorCode, ParseOptions, TimestampMode};
use crate::json::{describe_value_start, Scanner, StrRead, SyntaxError};
use crate::limits;
use crate::model::{
    join, EntityField, FieldValue, JobField, JobIndex, JobTree, JobTreeBuilder, Presence,
    StatusKind, Str, SOURCE_SPAN,
};
use crate::time::parse_timestamp;

/// Reads `source` (UTF-8, within the size limit, perhaps with a BOM) into a tree that
/// keeps it: the tree's strings are spans of it.
pub(super) fn read(source: String, options: &ParseOptions) -> Result<JobTree, ParseError> {
    let bom = if source.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let text = &source[bom..];
    let max_jobs = limits::jobs_allowed(text.len(), options.max_jobs);
    let mut parser = Parser {
        scanner: Scanner::new(text),
        full: &source,
        base: bom as u32,
        // A generous guess (a job is rarely under 250 bytes of JSON), so large inputs never
        // double the vector; the unused part is given back. Only decoded strings and unknown
        // keys are copied into the tree's own text.
        builder: JobTreeBuilder::with_capacity((text.len() / 250 + 1).min(max_jobs), 0, max_jobs),
        max_jobs,
        options,
        key_scratch: String::new(),
        value_scratch: String::new(),
    };
    parser.run()?;
    let Parser { builder, .. } = parser;
    Ok(builder.finish_with_source(source).expect("the parser always begins the root job"))
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
    /// The whole source (the scanner's, after a BOM of `base` bytes).
    full: &'a str,
    base: u32,
    builder: JobTreeBuilder,
    /// [`limits::jobs_allowed`] for this input.
    max_jobs: usize,
    options: &'o ParseOptions,
    key_scratch: String,
    value_scratch: String,
}

impl Parser<'_, '_> {
    /// A span of the source, from the scanner's offset `at`.
    fn source_span(&self, at: usize, len: usize) -> Str {
        Str::span(((self.base + at as u32) | SOURCE_SPAN, len as u32))
    }

    /// The text of a string read so far (the tree has no source until it is finished).
    fn text_of(&self, stored: Str) -> Option<&str> {
        self.builder.text_of(self.full, stored)
    }

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
        self.builder.tree().job(index).path()
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
                    let path = join(&self.job_path(index), key.name());
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
                        |parser| join(&parser.job_path(index), "entities"),
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
                    let path = join(&self.job_path(index), &format!("entities.{}", key.name()));
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
                            join(
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
                            |parser| join(&parser.job_path(index), "entities.sub_jobs"),
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
                    join(&parser.job_path(parent), &format!("entities.sub_jobs[{next}]"))
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
                let at = self.scanner.pos + 1;
                match self.scanner.read_string(&mut self.value_scratch) {
                    Ok(StrRead::Borrowed(text)) => Ok(self.source_span(at, text.len())),
                    Ok(StrRead::Decoded(text)) => Ok(self.builder.store(FieldValue::Value(text))),
                    Err(error) => Err(syntax_error(source, error)),
                }
            }
            b'n' => {
                let literal = self.scanner.expect_literal("null");
                self.syntax(literal)?;
                Ok(Str::NULL)
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
        let field_path = |parser: &Self| join(&parser.job_path(index), field.wire_name());
        let stored = self.read_string_field(field_path)?;
        match field {
            JobField::Status => {
                let kind = StatusKind::from_wire(self.text_of(stored));
                self.builder.set_status_kind(index, stored, kind);
            }
            JobField::BeginTime | JobField::EndTime => {
                let text = self.text_of(stored);
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
            let path = join(&self.job_path(index), key);
            let what = format!(
                "more unknown members than {} bytes of JSON can hold (at most {allowed})",
                self.scanner.source.len()
            );
            return Err(self.located(ParseErrorCode::TooLarge, path, what, self.scanner.pos));
        }
        let range = self.scanner.skip_value(limits::MAX_UNKNOWN_VALUE_NESTING);
        let (start, end) = self.syntax(range)?;
        let raw = self.source_span(start, end - start);
        self.builder.push_extra_raw(index, in_entities, key, raw);
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
