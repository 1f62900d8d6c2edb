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

/// Whether `text` contains `needle` (already lower-cased), ignoring case. ASCII text is
/// compared in place; other text is lower-cased first.
pub(super) fn contains_folded(text: &str, needle: &str) -> bool {
    if text.is_ascii() && needle.is_ascii() {
        let (text, needle) = (text.as_bytes(), needle.as_bytes());
        return needle.is_empty()
            || text.windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle));
    }
    text.to_lowercase().contains(needle)
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
