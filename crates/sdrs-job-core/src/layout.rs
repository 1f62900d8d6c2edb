//! The timeline layout at a given "now": the job's time window and one compact [`Slot`]
//! per visible job, in depth-first order, with its bar in milliseconds, collapse state,
//! the "error inside" marker of collapsed rows, and the critical path. A full [`Row`]
//! (ids, label, fractions of the window) is built on demand for the rows read.
//!
//! Work that depends only on the tree lives in the [`Analysis`]; a layout is a single pass
//! over the visible rows plus the critical path, cheap enough to redo on every frame.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::analysis::{bar_ms, duration_ms, time_window, Analysis};
use crate::job_type::Locale;
use crate::model::{JobIndex, StatusKind, StatusSet};
use crate::viewport::TimeWindow;

/// One visible job of the timeline, in full (built on demand by [`Layout::row`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// How long the job took, or has taken so far ([`crate::duration_ms`]).
    pub duration_ms: Option<i64>,
    /// A gap before this job began: how long after the previous sub-job of its parent
    /// ended ([`Analysis::gap_before`]).
    pub gap_before_ms: Option<i64>,
}

/// The order of the sub-jobs of each job among the rows (the hierarchy is kept either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RowOrder {
    /// As the service listed them.
    #[default]
    Tree,
    /// The longest first; jobs without a duration (not started) last.
    LongestFirst,
    /// The shortest first; jobs without a duration (not started) last.
    ShortestFirst,
}

/// One visible job as the layout decided it: small and `Copy` (32 bytes), so a layout of
/// 100,000 rows is 3 MB. Text (ids, labels) is read from the tree for the rows drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    index: u32,
    status: StatusKind,
    flags: u8,
    bar: Option<(i64, i64)>,
}

const HAS_CHILDREN: u8 = 1;
const COLLAPSED: u8 = 2;
const HIDDEN_FAILURE: u8 = 4;
const CRITICAL: u8 = 8;
const RUNNING: u8 = 16;
const KNOWN_DURATION: u8 = 32;

impl Slot {
    /// Pre-order index of the job in the tree.
    pub fn index(&self) -> JobIndex {
        self.index as JobIndex
    }

    /// The job's status category.
    pub fn status(&self) -> StatusKind {
        self.status
    }

    /// The drawn bar, begin and finish in epoch ms ([`crate::bar_ms`]); none before the job
    /// begins.
    pub fn bar_ms(&self) -> Option<(i64, i64)> {
        self.bar
    }

    /// Whether the job has sub-jobs.
    pub fn has_children(&self) -> bool {
        self.flags & HAS_CHILDREN != 0
    }

    /// Whether the row is collapsed (its descendants are not rows).
    pub fn collapsed(&self) -> bool {
        self.flags & COLLAPSED != 0
    }

    /// Collapsed, and a descendant failed: the "error inside" marker.
    pub fn hidden_failure(&self) -> bool {
        self.flags & HIDDEN_FAILURE != 0
    }

    /// On the critical path.
    pub fn critical(&self) -> bool {
        self.flags & CRITICAL != 0
    }

    /// Started, without end, not finished: the bar grows to now.
    pub fn running(&self) -> bool {
        self.flags & RUNNING != 0
    }

    /// No begin time: the job has not started.
    pub fn not_started(&self) -> bool {
        self.bar.is_none()
    }

    /// How long the job took, or has taken so far, as of the layout's now
    /// ([`crate::duration_ms`]; none before it begins, or when it finished without end).
    pub fn duration_ms(&self) -> Option<i64> {
        let (begin, finish) = self.bar?;
        (self.flags & KNOWN_DURATION != 0).then_some(finish - begin)
    }
}

/// The time window and the visible rows of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Window start: the earliest begin (epoch ms).
    pub start_ms: i64,
    /// Window end: the latest end, running jobs extended to now (epoch ms).
    pub end_ms: i64,
    /// The "now" running bars reach ([`Analysis::now`]).
    pub now_ms: i64,
    /// Visible rows, depth-first, sub-jobs in the [`RowOrder`] asked for.
    pub slots: Vec<Slot>,
    /// Rows left out because their status is filtered out.
    pub hidden_by_filter: usize,
    /// Position by tree index when the rows are sorted (`u32::MAX`: not a row); in tree
    /// order the rows are found by binary search instead.
    positions: Option<Vec<u32>>,
}

impl Layout {
    /// The whole job's time, as a window.
    pub fn domain(&self) -> TimeWindow {
        TimeWindow::domain(self.start_ms, self.end_ms)
    }

    /// The position of the job at tree `index` among the rows.
    pub fn position_of(&self, index: JobIndex) -> Option<usize> {
        match &self.positions {
            None => self.slots.binary_search_by_key(&index, Slot::index).ok(),
            Some(positions) => {
                positions.get(index).filter(|&&position| position != u32::MAX).map(|&p| p as usize)
            }
        }
    }

    /// The row at `position` in full, read from `analysis` (the one laid out).
    pub fn row<'a>(
        &self,
        analysis: &'a Analysis,
        position: usize,
        locale: Locale,
    ) -> Option<Row<'a>> {
        let slot = self.slots.get(position)?;
        let index = slot.index();
        let job = analysis.job(index);
        let span = (self.end_ms - self.start_ms).max(1) as f64;
        let (left, width) = match slot.bar {
            Some((begin, finish)) => {
                let left = ((begin - self.start_ms) as f64 / span).clamp(0.0, 1.0);
                let right = ((finish - self.start_ms) as f64 / span).clamp(left, 1.0);
                (left, right - left)
            }
            None => (0.0, 0.0),
        };
        let parent = job.parent();
        Some(Row {
            index,
            job_id: job.job_id(),
            parent_id: parent.and_then(|parent| parent.job_id()),
            parent_index: parent.map(|parent| parent.index()),
            depth: job.depth(),
            status: job.status_text(),
            status_kind: slot.status,
            job_type: job.job_type(),
            label: analysis.label(index, locale),
            start_ms: job.begin_ms(),
            end_ms: job.end_ms(),
            left,
            width,
            has_children: slot.has_children(),
            descendant_count: job.descendant_count(),
            collapsed: slot.collapsed(),
            hidden_failure: slot.hidden_failure(),
            critical: slot.critical(),
            not_started: slot.not_started(),
            running: slot.running(),
            duration_ms: slot.duration_ms(),
            gap_before_ms: analysis.gap_before(index).map(|(from, to)| to - from),
        })
    }

    /// Every row in full.
    pub fn rows<'a>(&self, analysis: &'a Analysis, locale: Locale) -> Vec<Row<'a>> {
        (0..self.slots.len()).filter_map(|position| self.row(analysis, position, locale)).collect()
    }
}

impl Analysis {
    /// The timeline at a clock reading, with the jobs whose ids are in `collapsed` folded
    /// and the rows of the statuses in `hidden` left out (their sub-jobs still show).
    pub fn layout(&self, clock_ms: i64, collapsed: &HashSet<String>, hidden: StatusSet) -> Layout {
        self.layout_in(clock_ms, collapsed, hidden, RowOrder::Tree)
    }

    /// [`Analysis::layout`] with the sub-jobs of each job in `order`.
    pub fn layout_in(
        &self,
        clock_ms: i64,
        collapsed: &HashSet<String>,
        hidden: StatusSet,
        order: RowOrder,
    ) -> Layout {
        let tree = self.tree();
        let now_ms = self.now(clock_ms);
        let (start_ms, end_ms) = time_window(tree, now_ms);
        let critical = self.critical_path(now_ms);
        let mut slots = Vec::new();
        let mut hidden_by_filter = 0;
        let is_collapsed = |index: JobIndex| {
            let job = tree.job(index);
            job.has_children() && job.job_id().is_some_and(|id| collapsed.contains(id))
        };
        let mut visit = |index: JobIndex| {
            let job = tree.job(index);
            let status = job.status();
            let folded = is_collapsed(index);
            let bar = bar_ms(job, now_ms);
            let running = bar.is_some() && job.end_ms().is_none() && !status.is_terminal();
            let flag = |on: bool, bit: u8| if on { bit } else { 0 };
            if hidden.contains(status) {
                hidden_by_filter += 1;
            } else {
                slots.push(Slot {
                    index: index as u32,
                    status,
                    bar,
                    flags: flag(job.has_children(), HAS_CHILDREN)
                        | flag(folded, COLLAPSED)
                        | flag(folded && self.failure_below(index), HIDDEN_FAILURE)
                        | flag(critical[index], CRITICAL)
                        | flag(running, RUNNING)
                        | flag(duration_ms(job, now_ms).is_some(), KNOWN_DURATION),
                });
            }
            folded
        };
        let positions = match order {
            RowOrder::Tree => {
                let mut index = 0;
                while index < tree.len() {
                    let folded = visit(index);
                    index = if folded { tree.job(index).subtree_end() } else { index + 1 };
                }
                None
            }
            RowOrder::LongestFirst | RowOrder::ShortestFirst => {
                // Depth first with an explicit stack (a chain of 100,000 jobs must not
                // overflow the wasm stack), each job's sub-jobs sorted by duration.
                let key = |index: JobIndex| {
                    let duration = duration_ms(tree.job(index), now_ms);
                    match (duration, order) {
                        (None, _) => (1, 0),
                        (Some(ms), RowOrder::LongestFirst) => (0, -ms),
                        (Some(ms), _) => (0, ms),
                    }
                };
                let mut stack = vec![0];
                let mut children = Vec::new();
                while let Some(index) = stack.pop() {
                    if visit(index) {
                        continue;
                    }
                    let job = tree.job(index);
                    children.clear();
                    let mut child = index + 1;
                    while child < job.subtree_end() {
                        children.push(child);
                        child = tree.job(child).subtree_end();
                    }
                    // Stable: equal durations keep the service's order.
                    children.sort_by_key(|&child| key(child));
                    stack.extend(children.iter().rev());
                }
                let mut positions = vec![u32::MAX; tree.len()];
                for (position, slot) in slots.iter().enumerate() {
                    positions[slot.index()] = position as u32;
                }
                Some(positions)
            }
        };
        Layout { start_ms, end_ms, now_ms, slots, hidden_by_filter, positions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_job;

    use crate::test_jobs::RUNNING_WITH_A_FAILURE as JOB;

    #[test]
    fn rows_bars_and_markers() {
        let analysis = Analysis::new(parse_job(JOB).unwrap());
        let now = crate::parse_timestamp("2019-06-13T09:40:40.000Z").unwrap();
        let layout = analysis.layout(now, &HashSet::new(), StatusSet::EMPTY);
        assert_eq!(layout.end_ms - layout.start_ms, 40_000);
        let rows = layout.rows(&analysis, Locale::En);
        let ids: Vec<_> = rows.iter().map(|row| row.job_id.unwrap()).collect();
        assert_eq!(ids, ["root", "a", "b", "b1", "c", "d"]);
        let c = &rows[4];
        assert!(c.running && c.end_ms.is_none());
        assert_eq!((c.left, c.width), (0.125, 0.875));
        assert_eq!(layout.slots[4].bar_ms(), Some((now - 35_000, now)));
        assert!(rows[5].not_started);
        // A slot's duration is the one rule's: until now while running, none unstarted.
        assert_eq!(layout.slots[4].duration_ms(), Some(35_000));
        assert_eq!(layout.slots[1].duration_ms(), Some(10_000));
        assert_eq!(layout.slots[5].duration_ms(), None);
        let collapsed: HashSet<String> = ["b".to_owned()].into();
        let folded = analysis.layout(now, &collapsed, StatusSet::EMPTY);
        let rows = folded.rows(&analysis, Locale::En);
        assert_eq!(rows.len(), 5);
        assert!(rows[2].collapsed && rows[2].hidden_failure);
        assert_eq!(rows[2].descendant_count, 1);
        assert_eq!(folded.position_of(4), Some(3));
        assert_eq!(folded.position_of(3), None);
    }

    #[test]
    fn sorted_rows_keep_the_hierarchy_and_put_unstarted_jobs_last() {
        let analysis = Analysis::new(parse_job(JOB).unwrap());
        let now = crate::parse_timestamp("2019-06-13T09:40:40.000Z").unwrap();
        let ids = |layout: &Layout| -> Vec<String> {
            layout
                .rows(&analysis, Locale::En)
                .iter()
                .map(|row| row.job_id.unwrap().to_owned())
                .collect()
        };
        let nothing = HashSet::new();
        let longest = analysis.layout_in(now, &nothing, StatusSet::EMPTY, RowOrder::LongestFirst);
        // c has run 35 s, a and b 10 s each (equal: the service's order); d has not started.
        assert_eq!(ids(&longest), ["root", "c", "a", "b", "b1", "d"]);
        let shortest = analysis.layout_in(now, &nothing, StatusSet::EMPTY, RowOrder::ShortestFirst);
        assert_eq!(ids(&shortest), ["root", "a", "b", "b1", "c", "d"]);
        for layout in [&longest, &shortest] {
            for (position, slot) in layout.slots.iter().enumerate() {
                assert_eq!(layout.position_of(slot.index()), Some(position));
            }
        }
        let collapsed: HashSet<String> = ["b".to_owned()].into();
        let folded = analysis.layout_in(now, &collapsed, StatusSet::EMPTY, RowOrder::LongestFirst);
        assert_eq!(ids(&folded), ["root", "c", "a", "b", "d"]);
        assert_eq!(folded.position_of(3), None);
        assert_eq!(
            analysis.layout_in(now, &nothing, StatusSet::EMPTY, RowOrder::Tree),
            analysis.layout(now, &nothing, StatusSet::EMPTY)
        );
    }

    #[test]
    fn the_status_filter_leaves_rows_out_and_counts_them() {
        let analysis = Analysis::new(parse_job(JOB).unwrap());
        let now = crate::parse_timestamp("2019-06-13T09:40:40.000Z").unwrap();
        let mut hidden = StatusSet::EMPTY;
        hidden.toggle(StatusKind::Fail);
        let layout = analysis.layout(now, &HashSet::new(), hidden);
        let ids: Vec<_> =
            layout.rows(&analysis, Locale::En).iter().map(|row| row.job_id.unwrap()).collect();
        assert_eq!(ids, ["root", "a", "c", "d"]);
        assert_eq!(layout.hidden_by_filter, 2);
        // A collapsed job's hidden sub-jobs are not counted as filtered.
        let collapsed: HashSet<String> = ["b".to_owned()].into();
        assert_eq!(analysis.layout(now, &collapsed, hidden).hidden_by_filter, 1);
    }
}
