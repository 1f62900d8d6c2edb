//! The timeline layout at a given "now": a time window and one row per visible job, in
//! depth-first order, with bars as fractions of the window, collapse state, the
//! "error inside" marker of collapsed rows, and the critical path.
//!
//! Work that depends only on the tree (which subtrees hide a failure) lives in a
//! [`LayoutIndex`] built once per response; [`LayoutIndex::layout`] is then a single pass
//! over the visible rows plus the critical path, cheap enough to redo on every frame.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::job_type::{job_type_label, Locale};
use crate::model::{JobIndex, JobRef, JobTree, StatusKind};

/// One visible job of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row<'a> {
    /// Pre-order index in the tree.
    pub index: JobIndex,
    /// `job_id`
    pub job_id: Option<&'a str>,
    /// The parent's `job_id` (none for the root, or a parent without id).
    pub parent_id: Option<&'a str>,
    /// Pre-order index of the parent.
    pub parent_index: Option<JobIndex>,
    /// Depth (the root is 0).
    pub depth: usize,
    /// `status`, verbatim.
    pub status: Option<&'a str>,
    /// The status category.
    pub status_kind: StatusKind,
    /// `job_type`
    pub job_type: Option<&'a str>,
    /// A readable label of the type in the requested language.
    pub label: &'a str,
    /// Begin in epoch ms; none when the job has not started (or its time is unreadable).
    pub start_ms: Option<i64>,
    /// End in epoch ms; none while it runs (the bar then reaches "now").
    pub end_ms: Option<i64>,
    /// Bar start as a fraction of the window, in [0, 1].
    pub left: f64,
    /// Bar width as a fraction of the window; left + width <= 1.
    pub width: f64,
    /// Whether the job has sub-jobs.
    pub has_children: bool,
    /// Number of descendants (shown as the count hidden when collapsed).
    pub descendant_count: usize,
    /// Whether the row is collapsed (its descendants are not rows).
    pub collapsed: bool,
    /// Collapsed, and a descendant failed: the "error inside" marker.
    pub hidden_failure: bool,
    /// On the critical path: the chain of jobs that decided when the root finished.
    pub critical: bool,
    /// No begin time: the job has not started.
    pub not_started: bool,
    /// Not terminal, started, without an end: the bar grows to "now".
    pub running: bool,
}

/// The time window and the visible rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Layout<'a> {
    /// Window start: the earliest begin (epoch ms).
    pub start_ms: i64,
    /// Window end: the latest end, running jobs extended to now (epoch ms).
    pub end_ms: i64,
    /// Visible rows, depth-first, children in wire order.
    pub rows: Vec<Row<'a>>,
}

/// What layout needs that depends only on the tree, computed once per response. It holds
/// no reference to the tree (so a UI can keep both side by side); pass the same tree to
/// [`LayoutIndex::layout`].
#[derive(Debug, Clone, Default)]
pub struct LayoutIndex {
    /// Jobs in the tree it was built for.
    len: usize,
    /// Whether some descendant of the job failed.
    failure_below: Vec<bool>,
    /// The latest begin or end in the tree.
    latest_ms: Option<i64>,
    /// The critical path when it cannot change with "now" (no job runs open-ended).
    fixed_critical: Option<Vec<bool>>,
    /// Per job, its entry in `labels`.
    label_of: Vec<u32>,
    /// Distinct labels: (English, Chinese).
    labels: Vec<(Cow<'static, str>, Cow<'static, str>)>,
}

impl LayoutIndex {
    /// Prepares a tree for layouts (linear in its size).
    pub fn new(tree: &JobTree) -> Self {
        let failure_below = tree.failure_below();
        let latest_ms = tree.iter().flat_map(|job| [job.begin_ms(), job.end_ms()]).flatten().max();
        let open_ended = tree.iter().any(|job| {
            job.begin_ms().is_some() && job.end_ms().is_none() && !job.status().is_terminal()
        });
        let fixed_critical = (!open_ended).then(|| critical_path(tree, latest_ms.unwrap_or(0)));
        // A job has one of a few dozen types: a short list searched most-recent-first beats
        // hashing every job's type; past 32 distinct types (odd data) a map takes over.
        let mut types: Vec<Option<&str>> = Vec::new();
        let mut type_ids: HashMap<Option<&str>, u32> = HashMap::new();
        let mut labels = Vec::new();
        let mut last: Option<(Option<&str>, u32)> = None;
        let label_of = tree
            .iter()
            .map(|job| {
                let job_type = job.job_type();
                if let Some((seen, id)) = last {
                    if seen == job_type {
                        return id;
                    }
                }
                let found = if types.len() <= 32 {
                    types.iter().position(|known| *known == job_type).map(|id| id as u32)
                } else {
                    type_ids.get(&job_type).copied()
                };
                let id = found.unwrap_or_else(|| {
                    labels.push((label(job, Locale::En), label(job, Locale::Zh)));
                    let id = labels.len() as u32 - 1;
                    types.push(job_type);
                    if types.len() > 32 {
                        if type_ids.is_empty() {
                            type_ids.extend(
                                types.iter().enumerate().map(|(id, known)| (*known, id as u32)),
                            );
                        } else {
                            type_ids.insert(job_type, id);
                        }
                    }
                    id
                });
                last = Some((job_type, id));
                id
            })
            .collect();
        LayoutIndex { len: tree.len(), failure_below, latest_ms, fixed_critical, label_of, labels }
    }

    /// The latest begin or end time in the tree: the best "now" for a job captured earlier
    /// (a pasted response), since its running bars cannot have ended before it.
    pub fn latest_ms(&self) -> Option<i64> {
        self.latest_ms
    }

    /// Whether some descendant of the job at `index` failed.
    pub fn failure_below(&self, index: JobIndex) -> bool {
        self.failure_below[index]
    }

    /// The label of the job at `index` in a language.
    pub fn label(&self, index: JobIndex, locale: Locale) -> &str {
        let (english, chinese) = &self.labels[self.label_of[index] as usize];
        match locale {
            Locale::En => english,
            Locale::Zh => chinese,
        }
    }

    /// The layout of `tree` (the tree this index was built from) at `now_ms`, with the jobs
    /// whose ids are in `collapsed` folded.
    ///
    /// # Panics
    /// If `tree` is not the size of the tree the index was built from.
    pub fn layout<'a>(
        &'a self,
        tree: &'a JobTree,
        now_ms: i64,
        collapsed: &HashSet<String>,
        locale: Locale,
    ) -> Layout<'a> {
        assert_eq!(
            tree.len(),
            self.len,
            "LayoutIndex::layout: not the tree this index was built from"
        );
        let now_ms = self.latest_ms.map_or(now_ms, |latest| latest.max(now_ms));
        let (start_ms, end_ms) = window(tree, now_ms);
        let span = (end_ms - start_ms).max(1) as f64;
        let computed;
        let critical = match &self.fixed_critical {
            Some(critical) => critical,
            None => {
                computed = critical_path(tree, now_ms);
                &computed
            }
        };
        let mut rows = Vec::new();
        let mut index = 0;
        while index < tree.len() {
            let job = tree.job(index);
            let is_collapsed =
                job.has_children() && job.job_id().is_some_and(|id| collapsed.contains(id));
            let start = job.begin_ms();
            let end = job.end_ms();
            let running = start.is_some() && end.is_none() && !job.status().is_terminal();
            let (left, width) = match bar_interval(job, now_ms) {
                Some((begin, finish)) => {
                    let left = ((begin - start_ms) as f64 / span).clamp(0.0, 1.0);
                    let right = ((finish - start_ms) as f64 / span).clamp(left, 1.0);
                    (left, right - left)
                }
                None => (0.0, 0.0),
            };
            let parent = job.parent();
            rows.push(Row {
                index,
                job_id: job.job_id(),
                parent_id: parent.and_then(|parent| parent.job_id()),
                parent_index: parent.map(|parent| parent.index()),
                depth: job.depth(),
                status: job.status_text(),
                status_kind: job.status(),
                job_type: job.job_type(),
                label: self.label(index, locale),
                start_ms: start,
                end_ms: end,
                left,
                width,
                has_children: job.has_children(),
                descendant_count: job.descendant_count(),
                collapsed: is_collapsed,
                hidden_failure: is_collapsed && self.failure_below[index],
                critical: critical[index],
                not_started: start.is_none(),
                running,
            });
            index = if is_collapsed { job.subtree_end() } else { index + 1 };
        }
        Layout { start_ms, end_ms, rows }
    }
}

fn label(job: JobRef<'_>, locale: Locale) -> Cow<'static, str> {
    match job.job_type().and_then(crate::job_type_info) {
        Some(info) => Cow::Borrowed(match locale {
            Locale::En => info.label_en,
            Locale::Zh => info.label_zh,
        }),
        None => Cow::Owned(job_type_label(job.job_type(), locale)),
    }
}

/// "Now" for drawing: never earlier than the latest time in the tree, so that a browser
/// whose clock is behind the service's still draws running bars past every known end.
pub(crate) fn effective_now(tree: &JobTree, now_ms: i64) -> i64 {
    tree.iter().flat_map(|job| [job.begin_ms(), job.end_ms()]).flatten().fold(now_ms, i64::max)
}

/// The drawn bar of a job: begin to end; begin to now while it runs; a point at begin for
/// a finished job without end; none before it begins. `now_ms` is [`effective_now`].
pub(crate) fn bar_interval(job: JobRef<'_>, now_ms: i64) -> Option<(i64, i64)> {
    let begin = job.begin_ms()?;
    let finish = match job.end_ms() {
        Some(end) => end,
        None if !job.status().is_terminal() => now_ms.max(begin),
        None => begin,
    };
    Some((begin, finish))
}

/// When a job stops counting, for window and critical path: its end, "now" while it
/// runs, else none.
fn effective_end(job: JobRef<'_>, now_ms: i64) -> Option<i64> {
    let begin = job.begin_ms()?;
    match job.end_ms() {
        Some(end) => Some(end),
        None if !job.status().is_terminal() => Some(now_ms.max(begin)),
        None => None,
    }
}

/// The earliest begin and latest end (running jobs end at now). Without any begin time,
/// an empty window at now.
pub(crate) fn window(tree: &JobTree, now_ms: i64) -> (i64, i64) {
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

/// Marks the critical path, as Jaeger UI defines it: from the root, the sub-job that
/// finished last, then, walking back from its start, the sub-job that finished last
/// before that, and so on; the same inside each chosen sub-job. Children's ends are
/// clamped to their parent's. An explicit stack replaces recursion.
pub(crate) fn critical_path(tree: &JobTree, now_ms: i64) -> Vec<bool> {
    let now_ms = effective_now(tree, now_ms);
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

    const JOB: &str = r#"{"job_id":"root","status":"RUNNING","begin_time":"2019-06-13T09:40:00.000Z",
      "entities":{"sub_jobs":[
        {"job_id":"a","status":"SUCCESS","begin_time":"2019-06-13T09:40:00.000Z","end_time":"2019-06-13T09:40:10.000Z"},
        {"job_id":"b","status":"FAIL","begin_time":"2019-06-13T09:40:10.000Z","end_time":"2019-06-13T09:40:20.000Z",
         "entities":{"sub_jobs":[{"job_id":"b1","status":"FAIL","begin_time":"2019-06-13T09:40:11.000Z","end_time":"2019-06-13T09:40:19.000Z"}]}},
        {"job_id":"c","status":"RUNNING","begin_time":"2019-06-13T09:40:05.000Z"},
        {"job_id":"d","status":"INIT"}]}}"#;

    #[test]
    fn labels_stay_right_past_the_short_list_of_types() {
        // 40 distinct types (past the 32 searched in a list), each appearing three times,
        // interleaved, and jobs without a type.
        let mut sub_jobs = Vec::new();
        for round in 0..3 {
            for kind in 0..40 {
                sub_jobs.push(format!(
                    r#"{{"job_id":"{round}-{kind}","job_type":"customType{kind}"}}"#
                ));
            }
            sub_jobs.push(format!(r#"{{"job_id":"{round}-none"}}"#));
        }
        let json = format!(
            r#"{{"job_id":"root","job_type":"failoverProtectionGroupNoCG","entities":{{"sub_jobs":[{}]}}}}"#,
            sub_jobs.join(",")
        );
        let tree = parse_job(json.as_bytes()).unwrap();
        let index = LayoutIndex::new(&tree);
        for job in tree.iter() {
            for locale in [Locale::En, Locale::Zh] {
                assert_eq!(
                    index.label(job.index(), locale),
                    label(job, locale),
                    "{:?}",
                    job.job_id()
                );
            }
        }
    }

    #[test]
    fn rows_bars_and_markers() {
        let tree = parse_job(JOB).unwrap();
        let now = crate::parse_timestamp("2019-06-13T09:40:40.000Z").unwrap();
        let index = LayoutIndex::new(&tree);
        let layout = index.layout(&tree, now, &HashSet::new(), Locale::En);
        assert_eq!(layout.end_ms - layout.start_ms, 40_000);
        let ids: Vec<_> = layout.rows.iter().map(|row| row.job_id.unwrap()).collect();
        assert_eq!(ids, ["root", "a", "b", "b1", "c", "d"]);
        let c = &layout.rows[4];
        assert!(c.running && c.end_ms.is_none());
        assert_eq!((c.left, c.width), (0.125, 0.875));
        assert!(layout.rows[5].not_started);
        let collapsed: HashSet<String> = ["b".to_owned()].into();
        let folded = index.layout(&tree, now, &collapsed, Locale::En);
        assert_eq!(folded.rows.len(), 5);
        assert!(folded.rows[2].collapsed && folded.rows[2].hidden_failure);
        assert_eq!(folded.rows[2].descendant_count, 1);
    }

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
