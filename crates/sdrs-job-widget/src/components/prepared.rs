//! What the components share about the job shown: its tree and the core's analysis of it,
//! the summary, and the current layout, each passed by pointer so that props compare by
//! identity, not by walking 10,000 jobs.

use std::ops::Deref;
use std::rc::Rc;

use sdrs_job_core::history::{History, JobHistory};
use sdrs_job_core::{Analysis, JobTree, Layout, Summary};

/// A job tree shared by pointer.
#[derive(Debug, Clone)]
pub struct SharedTree(pub Rc<JobTree>);

impl PartialEq for SharedTree {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Derived once per response: the core's analysis, the summary as of the response, and
/// what the watch observed up to it.
pub(crate) struct Prepared {
    pub analysis: Analysis,
    pub summary: Summary,
    pub observed: Option<Observed>,
}

impl Prepared {
    /// The job tree.
    pub fn tree(&self) -> &Rc<JobTree> {
        self.analysis.tree()
    }

    /// What was observed of the job at `index`.
    pub fn observed(&self, index: usize) -> Option<&JobHistory> {
        self.observed.as_ref()?.of(index)
    }

    /// When the job at `index` was seen waiting in INIT: to `now` while it still waits, and
    /// never past the moment replayed.
    pub fn observed_init(&self, index: usize, now: i64) -> Option<(i64, i64)> {
        let observed = self.observed.as_ref()?;
        let (from, to) = observed.of(index)?.observed_init()?;
        let to = to.unwrap_or(now.max(from));
        let to = observed.until.map_or(to, |until| to.min(until));
        (to >= from).then_some((from, to))
    }
}

/// A watch's history, with each job of the tree shown found in it once (not per row).
pub(crate) struct Observed {
    pub history: Rc<History>,
    /// Each job's place in `history.jobs()`, by the job's index in the tree.
    positions: Vec<Option<usize>>,
    /// The moment replayed: nothing later is shown (none: live).
    until: Option<i64>,
}

impl Observed {
    /// `history` as it applies to `tree`, live (`until`: none) or replayed to `until`.
    pub fn new(history: Rc<History>, tree: &JobTree, until: Option<i64>) -> Self {
        let positions = history.positions_in(tree);
        Observed { history, positions, until }
    }

    /// The history of the job at `index`.
    pub fn of(&self, index: usize) -> Option<&JobHistory> {
        let position = (*self.positions.get(index)?)?;
        self.history.jobs().get(position)
    }
}

/// A value shared by pointer in props: equal when it is the same value, not an equal one.
pub(crate) struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// The prepared job, by pointer.
pub(crate) type PreparedRef = Shared<Prepared>;
/// The current layout, by pointer.
pub(crate) type LayoutRef = Shared<Layout>;
