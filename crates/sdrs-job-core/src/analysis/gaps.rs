//! Gaps between steps: where a job's sub-jobs leave time in which none of them ran. A gap
//! is marked on the sub-job that began after it, when it is longer than
//! [`MIN_GAP_MS`] and than [`GAP_SHARE`] of the time its siblings span together.
//!
//! Only finished work bounds a gap: a sub-job still running (no end, not finished) covers
//! everything after its begin, and one that finished without an end covers its begin
//! alone. So gaps do not move with now, and are found once per response.

use crate::model::{JobIndex, JobTree};

/// The shortest gap marked (ms): shorter pauses between steps are the service's own
/// bookkeeping.
pub const MIN_GAP_MS: i64 = 1_000;
/// The smallest share of the siblings' span a gap must take to be marked (in a three-hour
/// job, a two-second pause is not news).
pub const GAP_SHARE: f64 = 0.02;

/// Gaps by the tree index of the job after them: `(index, from_ms, to_ms)`, sorted by
/// index.
pub(super) fn gaps(tree: &JobTree) -> Vec<(u32, i64, i64)> {
    let mut gaps = Vec::new();
    // (begin, end or i64::MAX while running, index) of one job's started sub-jobs.
    let mut started: Vec<(i64, i64, JobIndex)> = Vec::new();
    for parent in tree.iter().filter(|job| job.has_children()) {
        started.clear();
        let mut child = parent.index() + 1;
        while child < parent.subtree_end() {
            let job = tree.job(child);
            if let Some(begin) = job.begin_ms() {
                let end = match job.end_ms() {
                    Some(end) => end.max(begin),
                    None if job.status().is_terminal() => begin,
                    None => i64::MAX,
                };
                started.push((begin, end, child));
            }
            child = job.subtree_end();
        }
        if started.len() < 2 {
            continue;
        }
        if !started.is_sorted_by_key(|&(begin, ..)| begin) {
            started.sort_by_key(|&(begin, ..)| begin);
        }
        let first = started[0].0;
        let last = started.iter().map(|&(_, end, _)| end).filter(|&end| end != i64::MAX).max();
        let span = last.map_or(0, |last| last.saturating_sub(first));
        let threshold = MIN_GAP_MS.max((span as f64 * GAP_SHARE) as i64);
        let mut covered = started[0].1;
        for &(begin, end, index) in &started[1..] {
            if covered != i64::MAX && begin.saturating_sub(covered) > threshold {
                gaps.push((index as u32, covered, begin));
            }
            covered = covered.max(end);
        }
    }
    gaps.sort_unstable_by_key(|&(index, ..)| index);
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_job;

    fn gaps_of(json: &str) -> Vec<(String, i64)> {
        let tree = parse_job(json).unwrap();
        gaps(&tree)
            .into_iter()
            .map(|(index, from, to)| {
                (tree.job(index as usize).job_id().unwrap().to_owned(), to - from)
            })
            .collect()
    }

    const T: &str = "2019-06-13T09:40";

    #[test]
    fn a_pause_between_finished_steps_is_a_gap_on_the_step_after_it() {
        let json = format!(
            r#"{{"job_id":"r","status":"SUCCESS","begin_time":"{T}:00Z","end_time":"{T}:59Z","entities":{{"sub_jobs":[
                {{"job_id":"stop","status":"SUCCESS","begin_time":"{T}:00Z","end_time":"{T}:10Z"}},
                {{"job_id":"pair","status":"SUCCESS","begin_time":"{T}:30Z","end_time":"{T}:40Z"}},
                {{"job_id":"start","status":"SUCCESS","begin_time":"{T}:40.500Z","end_time":"{T}:50Z"}}]}}}}"#
        );
        // 20 s after "stop"; "start" follows "pair" within half a second.
        assert_eq!(gaps_of(&json), [("pair".to_owned(), 20_000)]);
    }

    #[test]
    fn overlapping_running_unstarted_and_short_pauses_are_not_gaps() {
        let json = format!(
            r#"{{"job_id":"r","status":"RUNNING","begin_time":"{T}:00Z","entities":{{"sub_jobs":[
                {{"job_id":"long","status":"SUCCESS","begin_time":"{T}:00Z","end_time":"{T}:50Z"}},
                {{"job_id":"inside","status":"SUCCESS","begin_time":"{T}:10Z","end_time":"{T}:20Z"}},
                {{"job_id":"after-long","status":"SUCCESS","begin_time":"{T}:50.800Z","end_time":"{T}:55Z"}},
                {{"job_id":"running","status":"RUNNING","begin_time":"{T}:56Z"}},
                {{"job_id":"late","status":"SUCCESS","begin_time":"{T}:59Z","end_time":"{T}:59.5Z"}},
                {{"job_id":"waiting","status":"INIT"}}]}}}}"#
        );
        // "inside" is within "long"; 0.8 s is below the minimum; after "running" began,
        // nothing is a gap; "waiting" has no begin.
        assert_eq!(gaps_of(&json), []);
    }

    #[test]
    fn the_threshold_grows_with_the_span_and_siblings_out_of_order_are_sorted() {
        // Siblings listed out of order over 1600 s: a 15 s pause is under 2% (32 s), a
        // 40 s one is over.
        let json = format!(
            r#"{{"job_id":"r","entities":{{"sub_jobs":[
                {{"job_id":"c","status":"SUCCESS","begin_time":"{T}:00Z","end_time":"2019-06-13T09:56:40Z"}},
                {{"job_id":"a","status":"SUCCESS","begin_time":"2019-06-13T09:30:00Z","end_time":"2019-06-13T09:35:00Z"}},
                {{"job_id":"b","status":"SUCCESS","begin_time":"2019-06-13T09:35:15Z","end_time":"2019-06-13T09:39:20Z"}}]}}}}"#
        );
        assert_eq!(gaps_of(&json), [("c".to_owned(), 40_000)]);
    }
}
