//! What the components share about the job shown: its tree and the core's analysis of it,
//! the summary, and the current layout, each passed by pointer so that props compare by
//! identity, not by walking 10,000 jobs.

use std::ops::Deref;
use std::rc::Rc;

use sdrs_job_core::{Analysis, JobTree, Layout, Summary};

/// A job tree shared by pointer.
#[derive(Debug, Clone)]
pub struct SharedTree(pub Rc<JobTree>);

impl PartialEq for SharedTree {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Derived once per response: the core's analysis and the summary as of the response.
pub(crate) struct Prepared {
    pub analysis: Analysis,
    pub summary: Summary,
}

impl Prepared {
    /// The job tree.
    pub fn tree(&self) -> &Rc<JobTree> {
        self.analysis.tree()
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
