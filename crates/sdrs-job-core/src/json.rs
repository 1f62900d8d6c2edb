//! A small byte-level JSON scanner: the lexical half of the job parser.
//!
//! It never recurses: [`Scanner::skip_value`] walks nested values with an explicit stack,
//! so no input can overflow the call stack. Errors carry the byte offset; turning that
//! into a line and column is done only when an error is reported.

/// Where something went wrong, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

pub(crate) type ScanResult<T> = Result<T, SyntaxError>;

/// What a JSON value starts with, for "expected a string, found an array" messages.
pub(crate) fn describe_value_start(byte: u8) -> Option<&'static str> {
    Some(match byte {
        b'{' => "an object",
        b'[' => "an array",
        b'"' => "a string",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        b'-' | b'0'..=b'9' => "a number",
        _ => return None,
    })
}

/// Where the run of plain string bytes starting at `index` ends: at the first `"`, `\\`
/// or control character, or at the end. Eight bytes a step (SWAR: the classic "has a zero
/// byte" test on words, which needs no `unsafe` and no SIMD target feature), then byte by
/// byte; the lowest flagged byte of a word is exact (a borrow only runs upward).
#[inline]
fn plain_run_end(bytes: &[u8], mut index: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(index..index + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let flagged = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word);
        let flagged = flagged & HIGH;
        if flagged != 0 {
            return index + (flagged.trailing_zeros() / 8) as usize;
        }
        index += 8;
    }
    while let Some(&byte) = bytes.get(index) {
        if byte == b'"' || byte == b'\\' || byte < 0x20 {
            break;
        }
        index += 1;
    }
    index
}

pub(crate) struct Scanner<'a> {
    pub source: &'a str,
    bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(source: &'a str) -> Self {
        Scanner { source, bytes: source.as_bytes(), pos: 0 }
    }

    pub fn error<T>(&self, offset: usize, message: impl Into<String>) -> ScanResult<T> {
        Err(SyntaxError { offset, message: message.into() })
    }

    pub fn skip_whitespace(&mut self) {
        while let Some(&byte) = self.bytes.get(self.pos) {
            match byte {
                b' ' | b'\n' | b'\r' | b'\t' => self.pos += 1,
                _ => break,
            }
        }
    }

    /// The next significant byte, without consuming it.
    pub fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes.get(self.pos).copied()
    }

    /// The next significant byte; end of input is an error.
    pub fn peek_required(&mut self, expected: &str) -> ScanResult<u8> {
        match self.peek() {
            Some(byte) => Ok(byte),
            None => self.error(self.pos, format!("unexpected end of input, expected {expected}")),
        }
    }

    pub fn expect(&mut self, wanted: u8, expected: &str) -> ScanResult<()> {
        let byte = self.peek_required(expected)?;
        if byte == wanted {
            self.pos += 1;
            Ok(())
        } else {
            self.unexpected(expected)
        }
    }

    /// An error for the character at the current position.
    pub fn unexpected<T>(&self, expected: &str) -> ScanResult<T> {
        match self.source[self.pos..].chars().next() {
            Some(found) => self.error(self.pos, format!("expected {expected}, found {found:?}")),
            None => self.error(self.pos, format!("unexpected end of input, expected {expected}")),
        }
    }

    /// After a member or element: `,` (returns true) or the closing byte (returns false).
    pub fn comma_or_close(&mut self, close: u8, expected: &str) -> ScanResult<bool> {
        match self.peek_required(expected)? {
            b',' => {
                self.pos += 1;
                Ok(true)
            }
            byte if byte == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => self.unexpected(expected),
        }
    }

    /// Reads a string starting at the current `"`. Returns the raw slice when it holds no
    /// escapes (the common case, no copy); otherwise decodes it into `scratch`.
    pub fn read_string<'s>(&mut self, scratch: &'s mut String) -> ScanResult<StrRead<'a, 's>>
    where
        'a: 's,
    {
        debug_assert_eq!(self.bytes.get(self.pos), Some(&b'"'));
        let start = self.pos + 1;
        let mut index = plain_run_end(self.bytes, start);
        loop {
            match self.bytes.get(index) {
                None => return self.error(self.pos, "unterminated string"),
                Some(b'"') => {
                    self.pos = index + 1;
                    return Ok(StrRead::Borrowed(&self.source[start..index]));
                }
                Some(b'\\') => break,
                Some(&byte) if byte < 0x20 => {
                    return self.error(index, "control character in string (escape it)")
                }
                Some(_) => index += 1,
            }
        }
        scratch.clear();
        scratch.push_str(&self.source[start..index]);
        loop {
            match self.bytes.get(index) {
                None => return self.error(self.pos, "unterminated string"),
                Some(b'"') => {
                    self.pos = index + 1;
                    return Ok(StrRead::Decoded(scratch));
                }
                Some(b'\\') => {
                    index = self.read_escape(index, scratch)?;
                }
                Some(&byte) if byte < 0x20 => {
                    return self.error(index, "control character in string (escape it)")
                }
                Some(_) => {
                    let run_start = index;
                    index = plain_run_end(self.bytes, index);
                    scratch.push_str(&self.source[run_start..index]);
                }
            }
        }
    }

    /// Decodes the escape at `index` (a backslash); returns the index after it.
    fn read_escape(&self, index: usize, out: &mut String) -> ScanResult<usize> {
        let Some(&kind) = self.bytes.get(index + 1) else {
            return self.error(index, "unterminated escape");
        };
        let simple = match kind {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            b'u' => None,
            _ => {
                return self.error(
                    index,
                    "invalid escape (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                )
            }
        };
        if let Some(character) = simple {
            out.push(character);
            return Ok(index + 2);
        }
        let first = self.hex4(index + 2)?;
        let (code_point, next) = if (0xD800..0xDC00).contains(&first) {
            if self.bytes.get(index + 6) != Some(&b'\\') || self.bytes.get(index + 7) != Some(&b'u')
            {
                return self.error(index, "lone leading surrogate in \\u escape");
            }
            let second = self.hex4(index + 8)?;
            if !(0xDC00..0xE000).contains(&second) {
                return self.error(index + 6, "invalid trailing surrogate in \\u escape");
            }
            (0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), index + 12)
        } else if (0xDC00..0xE000).contains(&first) {
            return self.error(index, "lone trailing surrogate in \\u escape");
        } else {
            (first, index + 6)
        };
        // Surrogates are excluded above, so this is always a valid scalar value.
        out.push(char::from_u32(code_point).unwrap_or(char::REPLACEMENT_CHARACTER));
        Ok(next)
    }

    fn hex4(&self, index: usize) -> ScanResult<u32> {
        let Some(digits) = self.bytes.get(index..index + 4) else {
            return self.error(index, "truncated \\u escape");
        };
        let mut value = 0u32;
        for &digit in digits {
            let nibble = match digit {
                b'0'..=b'9' => digit - b'0',
                b'a'..=b'f' => digit - b'a' + 10,
                b'A'..=b'F' => digit - b'A' + 10,
                _ => return self.error(index, "invalid hex digit in \\u escape"),
            };
            value = value * 16 + u32::from(nibble);
        }
        Ok(value)
    }

    /// Consumes `literal` (e.g. `null`) at the current position.
    pub fn expect_literal(&mut self, literal: &str) -> ScanResult<()> {
        if self.source[self.pos..].starts_with(literal) {
            self.pos += literal.len();
            Ok(())
        } else {
            self.error(self.pos, format!("invalid literal, expected `{literal}`"))
        }
    }

    fn skip_number(&mut self) -> ScanResult<()> {
        let start = self.pos;
        let bytes = self.bytes;
        let mut index = self.pos;
        if bytes.get(index) == Some(&b'-') {
            index += 1;
        }
        match bytes.get(index) {
            Some(b'0') => index += 1,
            Some(b'1'..=b'9') => {
                while matches!(bytes.get(index), Some(b'0'..=b'9')) {
                    index += 1;
                }
            }
            _ => return self.error(start, "invalid number"),
        }
        if bytes.get(index) == Some(&b'.') {
            index += 1;
            if !matches!(bytes.get(index), Some(b'0'..=b'9')) {
                return self.error(index, "invalid number: digit expected after `.`");
            }
            while matches!(bytes.get(index), Some(b'0'..=b'9')) {
                index += 1;
            }
        }
        if matches!(bytes.get(index), Some(b'e' | b'E')) {
            index += 1;
            if matches!(bytes.get(index), Some(b'+' | b'-')) {
                index += 1;
            }
            if !matches!(bytes.get(index), Some(b'0'..=b'9')) {
                return self.error(index, "invalid number: digit expected in exponent");
            }
            while matches!(bytes.get(index), Some(b'0'..=b'9')) {
                index += 1;
            }
        }
        self.pos = index;
        Ok(())
    }

    /// Skips one scalar value (string, number, literal) at the current position.
    fn skip_scalar(&mut self, scratch: &mut String) -> ScanResult<()> {
        match self.peek_required("a value")? {
            b'"' => self.read_string(scratch).map(|_| ()),
            b't' => self.expect_literal("true"),
            b'f' => self.expect_literal("false"),
            b'n' => self.expect_literal("null"),
            b'-' | b'0'..=b'9' => self.skip_number(),
            _ => self.unexpected("a value"),
        }
    }

    /// Skips any value, validating it, with an explicit stack bounded by `max_nesting`.
    /// Returns the byte range of the value (for keeping unknown fields verbatim).
    pub fn skip_value(&mut self, max_nesting: usize) -> ScanResult<(usize, usize)> {
        let mut scratch = String::new();
        self.skip_whitespace();
        let start = self.pos;
        let mut stack: Vec<u8> = Vec::new();
        loop {
            // At a value position.
            match self.peek_required("a value")? {
                open @ (b'{' | b'[') => {
                    if stack.len() >= max_nesting {
                        return self.error(
                            self.pos,
                            format!("value nested deeper than {max_nesting} levels"),
                        );
                    }
                    self.pos += 1;
                    let close = if open == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                    } else {
                        stack.push(close);
                        if close == b'}' {
                            self.skip_key(&mut scratch)?;
                        }
                        continue;
                    }
                }
                _ => self.skip_scalar(&mut scratch)?,
            }
            // After a value: close containers until one has another member.
            loop {
                let Some(&close) = stack.last() else {
                    return Ok((start, self.pos));
                };
                let expected = if close == b'}' { "`,` or `}`" } else { "`,` or `]`" };
                if self.comma_or_close(close, expected)? {
                    if close == b'}' {
                        self.skip_key(&mut scratch)?;
                    }
                    break;
                }
                stack.pop();
            }
        }
    }

    fn skip_key(&mut self, scratch: &mut String) -> ScanResult<()> {
        if self.peek_required("a key")? != b'"' {
            return self.unexpected("a string key");
        }
        self.read_string(scratch)?;
        self.expect(b':', "`:`")
    }

    /// Converts a byte offset into a 1-based line and column (columns count characters).
    pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(source.len());
        let before = &source.as_bytes()[..offset];
        let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
        let line_start =
            before.iter().rposition(|&byte| byte == b'\n').map_or(0, |index| index + 1);
        let mut column_end = offset;
        while !source.is_char_boundary(column_end) {
            column_end -= 1;
        }
        let column = source[line_start..column_end].chars().count() + 1;
        (line, column)
    }
}

/// A string read by [`Scanner::read_string`].
pub(crate) enum StrRead<'a, 's> {
    Borrowed(&'a str),
    Decoded(&'s str),
}

impl StrRead<'_, '_> {
    pub fn as_str(&self) -> &str {
        match self {
            StrRead::Borrowed(text) | StrRead::Decoded(text) => text,
        }
    }
}

/// Appends `text` to `out` as a JSON string literal.
pub(crate) fn write_json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut run_start = 0;
    for (index, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[run_start..index]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{byte:04x}"));
        } else {
            out.push_str(escape);
        }
        run_start = index + 1;
    }
    out.push_str(&text[run_start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(source: &str) -> ScanResult<(usize, usize)> {
        Scanner::new(source).skip_value(4)
    }

    #[test]
    fn skips_nested_values_and_reports_their_range() {
        assert_eq!(skip(r#" {"a":[1,2.5e3,{"b":null}],"c":"\u00e9"} "#), Ok((1, 40)));
        assert_eq!(skip("[]"), Ok((0, 2)));
        assert!(skip("[[[[[1]]]]]").unwrap_err().message.contains("deeper than 4"));
        assert!(skip("[1,]").is_err());
        assert!(skip("{\"a\" 1}").is_err());
        assert!(skip("01").is_ok(), "a leading zero stops the number; the caller sees the rest");
        assert!(skip("-").is_err());
    }

    #[test]
    fn plain_runs_end_where_a_byte_by_byte_scan_ends() {
        let naive = |bytes: &[u8], start: usize| {
            (start..bytes.len())
                .find(|&index| matches!(bytes[index], b'"' | b'\\' | 0..=0x1f))
                .unwrap_or(bytes.len())
        };
        // Every special byte (and its neighbours in value) at every place of a word and
        // past it, after plain ASCII and after UTF-8 bytes (high bit set).
        let fillers: [&[u8]; 3] = [
            b"abcdefghijklmnopqrstuvwxyz0123",
            "失败😀 déjà".as_bytes(),
            &[0x7f, 0xff, 0x80, b'!', b'#', b'[', b']', 0x20],
        ];
        for filler in fillers {
            for special in [b'"', b'\\', 0, 0x1f, 0x0a, b'!', b'#', b'[', b']', 0x20, 0x7f] {
                for at in 0..24 {
                    let mut bytes: Vec<u8> = filler.iter().cycle().take(24).copied().collect();
                    bytes[at] = special;
                    for start in 0..bytes.len() {
                        assert_eq!(
                            plain_run_end(&bytes, start),
                            naive(&bytes, start),
                            "{bytes:?} from {start}"
                        );
                    }
                }
            }
        }
        assert_eq!(plain_run_end(b"", 0), 0);
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let mut scratch = String::new();
        let mut scanner = Scanner::new(r#""a\"\n\u00e9\ud83d\ude00""#);
        let text = scanner.read_string(&mut scratch).unwrap().as_str().to_owned();
        assert_eq!(text, "a\"\né😀");
        let mut scanner = Scanner::new(r#""\ud83d""#);
        assert!(scanner.read_string(&mut scratch).is_err());
    }

    #[test]
    fn writes_escaped_strings() {
        let mut out = String::new();
        write_json_string(&mut out, "a\"b\\c\n\u{1}é");
        assert_eq!(out, r#""a\"b\\c\n\u0001é""#);
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(Scanner::line_column("ab\ncé d", 6), (2, 3));
        assert_eq!(Scanner::line_column("", 0), (1, 1));
    }
}
