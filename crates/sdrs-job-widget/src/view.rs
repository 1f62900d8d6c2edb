//! What the viewer chose to see: collapsed jobs, the selected job, the critical path and
//! the axis mode. Changes go through one reducer; the decisions come from the core.

use std::collections::HashSet;
use std::rc::Rc;

use sdrs_job_core::{JobTree, StatusKind};
use yew::prelude::*;

/// How the time axis is labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AxisMode {
    /// Offsets from the job's start.
    #[default]
    Relative,
    /// Local wall-clock time.
    Absolute,
}

/// The viewer's choices.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    /// Job ids whose sub-jobs are hidden.
    pub collapsed: HashSet<String>,
    /// The selected job's id.
    pub selected: Option<String>,
    /// Highlight the critical path.
    pub critical: bool,
    /// Axis labels.
    pub axis: AxisMode,
    /// Bumped when the selected row should be scrolled into view.
    pub reveal_serial: u32,
    /// The row with keyboard focus (by job id); the timeline keeps it across refreshes.
    pub focused: Option<String>,
    /// The search text.
    pub query: String,
    /// Statuses whose rows are hidden by the filter.
    pub hidden_statuses: HashSet<StatusKind>,
    /// Whether the keyboard shortcuts are shown.
    pub help: bool,
}

/// A change of the viewer's choices.
pub enum ViewAction {
    /// Collapse or expand one job.
    Toggle(String),
    /// Collapse every job with sub-jobs (the root stays open).
    CollapseAll(Rc<JobTree>),
    /// Expand everything.
    ExpandAll,
    /// Expand the collapsed jobs that are visible now (one level deeper).
    ExpandLevel(Vec<String>),
    /// Select a job (or none).
    Select(Option<String>),
    /// Select a job, expand its ancestors and scroll it into view.
    Reveal(Rc<JobTree>, String),
    /// Critical path on or off.
    ToggleCritical,
    /// Switch the axis labels.
    SetAxis(AxisMode),
    /// Move keyboard focus to a row (and keep it in view).
    Focus(String),
    /// Change the search text.
    SetQuery(String),
    /// Show or hide the rows of a status.
    ToggleStatus(StatusKind),
    /// Show or hide the keyboard shortcuts.
    ToggleHelp,
    /// Close the details and the shortcuts (Escape).
    Dismiss,
}

impl Reducible for ViewState {
    type Action = ViewAction;

    fn reduce(self: Rc<Self>, action: ViewAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ViewAction::Toggle(id) => {
                if !next.collapsed.remove(&id) {
                    next.collapsed.insert(id);
                }
            }
            ViewAction::CollapseAll(tree) => {
                next.collapsed = tree
                    .iter()
                    .skip(1)
                    .filter(|job| job.has_children())
                    .filter_map(|job| job.job_id().map(str::to_owned))
                    .collect();
            }
            ViewAction::ExpandAll => next.collapsed.clear(),
            ViewAction::ExpandLevel(ids) => {
                for id in ids {
                    next.collapsed.remove(&id);
                }
            }
            ViewAction::Select(id) => next.selected = id,
            ViewAction::Reveal(tree, id) => {
                if let Some(job) = tree.find(&id) {
                    let mut ancestor = job.parent();
                    while let Some(parent) = ancestor {
                        if let Some(parent_id) = parent.job_id() {
                            next.collapsed.remove(parent_id);
                        }
                        ancestor = parent.parent();
                    }
                }
                next.focused = Some(id.clone());
                next.selected = Some(id);
                next.reveal_serial = next.reveal_serial.wrapping_add(1);
            }
            ViewAction::ToggleCritical => next.critical = !next.critical,
            ViewAction::SetAxis(axis) => next.axis = axis,
            ViewAction::Focus(id) => {
                next.focused = Some(id);
                next.reveal_serial = next.reveal_serial.wrapping_add(1);
            }
            ViewAction::SetQuery(query) => next.query = query,
            ViewAction::ToggleStatus(status) => {
                if !next.hidden_statuses.remove(&status) {
                    next.hidden_statuses.insert(status);
                }
            }
            ViewAction::ToggleHelp => next.help = !next.help,
            ViewAction::Dismiss => {
                if next.help {
                    next.help = false;
                } else {
                    next.selected = None;
                }
            }
        }
        Rc::new(next)
    }
}
