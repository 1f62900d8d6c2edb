//! The rules every view shares about one job and "now", as plain functions (the
//! [`super::Analysis`] applies them with what it knows of the tree).

use crate::model::{JobIndex, JobRef, JobTree};

/// The latest begin or end time in the tree.
pub(crate) fn latest_time(tree: &JobTree) -> Option<i64> {
    tree.iter().flat_map(|job| [job.begin_ms(), job.end_ms()]).flatten().max()
}

/// "Now" for drawing and durations: the clock, but never before `latest_ms` (the latest
/// time in the job). A job captured earlier (a pasted response) is thereby shown as of
/// its latest time, and running bars never end before a known end.
pub fn effective_now(latest_ms: Option<i64>, clock_ms: i64) -> i64 {
    latest_ms.map_or(clock_ms, |latest| latest.max(clock_ms))
}

/// The drawn bar of a job: begin to end; begin to now while it runs; a point at begin for
/// a finished job without end; none before it begins. `now_ms` is [`effective_now`].
pub fn bar_ms(job: JobRef<'_>, now_ms: i64) -> Option<(i64, i64)> {
    let begin = job.begin_ms()?;
    let finish = match job.end_ms() {
        Some(end) => end,
        None if !job.status().is_terminal() => now_ms.max(begin),
        None => begin,
    };
    Some((begin, finish))
}

/// How long a job took, or has taken so far: end − begin; now − begin while it has no end
/// and is not finished; none before it begins, and none for a finished job without end
/// (how long it took is not known). `now_ms` is [`effective_now`]. The header, the rows,
/// the tooltip, the detail panel and [`Summary::duration_ms`] all use this rule.
pub fn duration_ms(job: JobRef<'_>, now_ms: i64) -> Option<i64> {
    let begin = job.begin_ms()?;
    match job.end_ms() {
        Some(end) => Some(end - begin),
        None if !job.status().is_terminal() => Some(now_ms.max(begin) - begin),
        None => None,
    }
}

/// When a job stops counting for the window and the critical path: its end, now while it
/// runs, else none.
pub(crate) fn effective_end(job: JobRef<'_>, now_ms: i64) -> Option<i64> {
    let begin = job.begin_ms()?;
    match job.end_ms() {
        Some(end) => Some(end),
        None if !job.status().is_terminal() => Some(now_ms.max(begin)),
        None => None,
    }
}

/// The next match after `from` (or before it, going back), wrapping around; the first (or
/// last) match when nothing is focused, or when the focused job is not found. `matches`
/// are tree indices in tree order, as [`Analysis::search`] gives them.
pub fn step(matches: &[JobIndex], from: Option<JobIndex>, forward: bool) -> Option<JobIndex> {
    let (first, last) = (matches.first()?, matches.last()?);
    let Some(current) = from else {
        return Some(if forward { *first } else { *last });
    };
    Some(if forward {
        let after = matches.partition_point(|&index| index <= current);
        *matches.get(after).unwrap_or(first)
    } else {
        let before = matches.partition_point(|&index| index < current);
        before.checked_sub(1).map_or(*last, |position| matches[position])
    })
}

/// Where `query` first occurs in `text`, ignoring case and the query's surrounding
/// spaces: a byte range of `text` (for highlighting). Characters are compared by their
/// lower case one by one, so a range never splits a character. An empty query is never
/// found.
pub fn find_ignoring_case(text: &str, query: &str) -> Option<std::ops::Range<usize>> {
    let query = query.trim();
    if query.is_empty() {
        return None;
    }
    if text.is_ascii() && query.is_ascii() {
        let (haystack, needle) = (text.as_bytes(), query.as_bytes());
        return haystack
            .windows(needle.len())
            .position(|window| window.eq_ignore_ascii_case(needle))
            .map(|start| start..start + needle.len());
    }
    let needle: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    text.char_indices().find_map(|(start, _)| {
        let mut wanted = needle.iter();
        let mut pending = wanted.next();
        for (offset, character) in text[start..].char_indices() {
            for lower in character.to_lowercase() {
                match pending {
                    Some(&expected) if expected == lower => pending = wanted.next(),
                    Some(_) => return None,
                    None => break,
                }
            }
            if pending.is_none() {
                return Some(start..start + offset + character.len_utf8());
            }
        }
        None
    })
}

/// The earliest begin and latest end (running jobs end at now). Without any begin time,
/// an empty window at now.
pub(crate) fn time_window(tree: &JobTree, now_ms: i64) -> (i64, i64) {
    let mut start = i64::MAX;
    let mut end = i64::MIN;
    for job in tree.iter() {
        if let Some(begin) = job.begin_ms() {
            start = start.min(begin);
            end = end.max(begin);
        }
        if let Some(finish) = effective_end(job, now_ms).or(job.end_ms()) {
            end = end.max(finish);
        }
    }
    if start == i64::MAX {
        return (now_ms, now_ms);
    }
    (start, end.max(start))
}
