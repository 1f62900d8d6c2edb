//! The critical path: the chain of jobs that decided when the root finished.

use super::rules::effective_end;
use crate::model::{JobIndex, JobTree};

/// Marks the critical path, as Jaeger UI defines it: from the root, the sub-job that
/// finished last, then, walking back from its start, the sub-job that finished last
/// before that, and so on; the same inside each chosen sub-job. Children's ends are
/// clamped to their parent's. An explicit stack replaces recursion. `now_ms` is
/// [`crate::effective_now`].
pub(crate) fn critical_path(tree: &JobTree, now_ms: i64) -> Vec<bool> {
    let mut critical = vec![false; tree.len()];
    let root = tree.root();
    let Some(root_end) = effective_end(root, now_ms)
        .or_else(|| root.children().filter_map(|child| effective_end(child, now_ms)).max())
    else {
        return critical;
    };
    let mut stack = vec![(0, root_end)];
    let mut children: Vec<(i64, i64, JobIndex)> = Vec::new();
    while let Some((index, limit)) = stack.pop() {
        critical[index] = true;
        let job = tree.job(index);
        let job_end = effective_end(job, now_ms).map_or(limit, |end| end.min(limit));
        children.clear();
        children.extend(job.children().filter_map(|child| {
            let begin = child.begin_ms()?;
            let end = effective_end(child, now_ms)?;
            // A job that ends before it begins (warned about) cannot decide anything.
            (end >= begin).then_some((end.min(job_end), begin, child.index()))
        }));
        // Latest end first; among equal ends the later start, then wire order.
        children.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut cursor = job_end;
        for &(end, begin, child) in &children {
            if end > cursor {
                continue;
            }
            stack.push((child, end));
            cursor = begin;
            if job.begin_ms().is_some_and(|job_begin| cursor <= job_begin) {
                break;
            }
        }
    }
    critical
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_job;

    use crate::test_jobs::RUNNING_WITH_A_FAILURE as JOB;

    #[test]
    fn critical_path_follows_the_last_finisher_back_in_time() {
        let tree = parse_job(JOB).unwrap();
        let now = crate::parse_timestamp("2019-06-13T09:40:40.000Z").unwrap();
        // At 09:40:40, c (running to now) ends last; it began at :05, and a (ended :10) and
        // b (ended :20) both end after that, so only c is on the path below the root.
        let marks = critical_path(&tree, now);
        let on_path: Vec<_> =
            tree.iter().filter(|job| marks[job.index()]).map(|job| job.job_id().unwrap()).collect();
        assert_eq!(on_path, ["root", "c"]);
        let finished = parse_job(JOB.replace(r#""status":"RUNNING","begin_time":"2019-06-13T09:40:05.000Z""#,
            r#""status":"SUCCESS","begin_time":"2019-06-13T09:40:05.000Z","end_time":"2019-06-13T09:40:08.000Z""#)).unwrap();
        let marks = critical_path(&finished, now + 20_000);
        let on_path: Vec<_> = finished
            .iter()
            .filter(|job| marks[job.index()])
            .map(|job| job.job_id().unwrap())
            .collect();
        assert_eq!(on_path, ["root", "a", "b", "b1"]);
    }
}
