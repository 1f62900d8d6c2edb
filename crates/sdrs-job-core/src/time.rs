//! `begin_time` / `end_time` to epoch milliseconds.
//!
//! The API page documents `yyyy-MM-dd'T'HH:mm:ss.SSSZ` and every example ends in a literal
//! `Z`; that Java pattern also prints offsets such as `+0800`, so we accept `Z`, `+hhmm`,
//! `+hh:mm` (and `-`), with 0 to 9 fraction digits (truncated to milliseconds).

use std::fmt;

/// Why a timestamp did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    /// What was wrong, e.g. "month 13 out of range".
    pub reason: String,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}; expected yyyy-MM-ddTHH:mm:ss[.SSS](Z|+hhmm|+hh:mm)", self.reason)
    }
}

impl std::error::Error for TimestampError {}

fn fail<T>(reason: impl Into<String>) -> Result<T, TimestampError> {
    Err(TimestampError { reason: reason.into() })
}

/// Parses an SDRS timestamp to milliseconds since the Unix epoch.
///
/// ```
/// assert_eq!(sdrs_job_core::parse_timestamp("2018-04-19T01:55:30.443Z"), Ok(1_524_102_930_443));
/// assert_eq!(sdrs_job_core::parse_timestamp("2018-04-19T09:55:30.443+0800"), Ok(1_524_102_930_443));
/// ```
pub fn parse_timestamp(text: &str) -> Result<i64, TimestampError> {
    let bytes = text.as_bytes();
    let digits = |start: usize, count: usize, what: &str| -> Result<i64, TimestampError> {
        let Some(slice) = bytes.get(start..start + count) else {
            return fail(format!("{what} missing"));
        };
        let mut value = 0i64;
        for &byte in slice {
            if !byte.is_ascii_digit() {
                return fail(format!("{what} must be {count} digits"));
            }
            value = value * 10 + i64::from(byte - b'0');
        }
        Ok(value)
    };
    let separator = |index: usize, wanted: u8, what: &str| -> Result<(), TimestampError> {
        if bytes.get(index) == Some(&wanted) {
            Ok(())
        } else {
            fail(format!("expected `{}` {what}", wanted as char))
        }
    };
    let year = digits(0, 4, "year")?;
    separator(4, b'-', "after the year")?;
    let month = digits(5, 2, "month")?;
    separator(7, b'-', "after the month")?;
    let day = digits(8, 2, "day")?;
    separator(10, b'T', "between date and time")?;
    let hour = digits(11, 2, "hour")?;
    separator(13, b':', "after the hour")?;
    let minute = digits(14, 2, "minute")?;
    separator(16, b':', "after the minutes")?;
    let second = digits(17, 2, "second")?;
    if !(1..=12).contains(&month) {
        return fail(format!("month {month} out of range"));
    }
    if day < 1 || day > days_in_month(year, month) {
        return fail(format!("day {day} out of range for {year:04}-{month:02}"));
    }
    if hour > 23 || minute > 59 || second > 59 {
        return fail(format!("time {hour:02}:{minute:02}:{second:02} out of range"));
    }
    let mut index = 19;
    let mut millis = 0i64;
    if bytes.get(index) == Some(&b'.') {
        index += 1;
        let fraction_start = index;
        while bytes.get(index).is_some_and(u8::is_ascii_digit) {
            index += 1;
        }
        let count = index - fraction_start;
        if count == 0 || count > 9 {
            return fail("fraction of a second must have 1 to 9 digits");
        }
        for (position, &byte) in bytes[fraction_start..index].iter().take(3).enumerate() {
            millis += i64::from(byte - b'0') * [100, 10, 1][position];
        }
    }
    let offset_minutes = match bytes.get(index) {
        Some(b'Z') if index + 1 == bytes.len() => 0,
        Some(b'Z') => return fail("unexpected text after `Z`"),
        Some(&sign @ (b'+' | b'-')) => {
            let offset_hours = digits(index + 1, 2, "offset hours")?;
            let minutes_at =
                if bytes.get(index + 3) == Some(&b':') { index + 4 } else { index + 3 };
            let offset_minutes = digits(minutes_at, 2, "offset minutes")?;
            if minutes_at + 2 != bytes.len() {
                return fail("unexpected text after the offset");
            }
            if offset_hours > 23 || offset_minutes > 59 {
                return fail("offset out of range");
            }
            let total = offset_hours * 60 + offset_minutes;
            if sign == b'-' {
                -total
            } else {
                total
            }
        }
        None => return fail("time zone missing (`Z` or an offset)"),
        _ => return fail("expected `Z`, `+hhmm` or `+hh:mm` after the time"),
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Ok(seconds * 1_000 + millis)
}

fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = if year >= 0 { year } else { year - 399 } / 400;
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date of a day count since 1970-01-01 (inverse of [`days_from_civil`]).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = if days >= 0 { days } else { days - 146_096 } / 146_097;
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Formats epoch milliseconds as `yyyy-MM-ddTHH:mm:ss.SSSZ`, the service's own format.
pub fn format_timestamp(millis: i64) -> String {
    let days = millis.div_euclid(86_400_000);
    let in_day = millis.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1_000 % 60,
        in_day % 1_000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_examples_parse_exactly() {
        assert_eq!(parse_timestamp("2019-04-01T12:00:00.000Z"), Ok(1_554_120_000_000));
        assert_eq!(parse_timestamp("2018-04-19T01:55:30.443Z"), Ok(1_524_102_930_443));
        assert_eq!(parse_timestamp("2019-06-13T09:41:01.946Z"), Ok(1_560_418_861_946));
    }

    #[test]
    fn offsets_and_fractions() {
        let utc = parse_timestamp("2019-06-13T09:41:01.946Z").unwrap();
        assert_eq!(parse_timestamp("2019-06-13T17:41:01.946+0800"), Ok(utc));
        assert_eq!(parse_timestamp("2019-06-13T17:41:01.946+08:00"), Ok(utc));
        assert_eq!(parse_timestamp("2019-06-13T04:11:01.946-05:30"), Ok(utc));
        assert_eq!(parse_timestamp("2019-06-13T09:41:01Z"), Ok(utc - 946));
        assert_eq!(parse_timestamp("2019-06-13T09:41:01.9Z"), Ok(utc - 46));
        assert_eq!(parse_timestamp("2019-06-13T09:41:01.946999999Z"), Ok(utc));
        assert_eq!(parse_timestamp("1969-12-31T23:59:59.999Z"), Ok(-1));
        assert_eq!(parse_timestamp("2024-02-29T00:00:00Z"), Ok(1_709_164_800_000));
    }

    #[test]
    fn rejects_what_is_not_a_timestamp() {
        for bad in [
            "",
            "2019-06-13",
            "2019-06-13T09:41:01",
            "2019-06-13 09:41:01Z",
            "2019-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2019-06-13T24:00:00Z",
            "2019-06-13T09:41:01.Z",
            "2019-06-13T09:41:01.1234567890Z",
            "2019-06-13T09:41:01+8",
            "2019-06-13T09:41:01Zjunk",
            "2019-06-13T09:41:01+0800junk",
            "１９-06-13T09:41:01Z",
        ] {
            assert!(parse_timestamp(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn formatting_round_trips() {
        for millis in [0, -1, 1_524_102_930_443, 253_402_300_799_999, -62_135_596_800_000] {
            assert_eq!(parse_timestamp(&format_timestamp(millis)), Ok(millis));
        }
    }
}
