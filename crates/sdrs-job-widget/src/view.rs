//! What the viewer chose to see: collapsed jobs, the selected job, the critical path and
//! the axis mode. Changes go through one reducer; the decisions come from the core. A
//! change copies the state, which is cheap: the collapsed set is shared until it changes
//! (a pan drag's pointer moves never copy it).

use std::collections::HashSet;
use std::rc::Rc;

use sdrs_job_core::{JobTree, RowOrder, StatusKind, StatusSet, TimeWindow};
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
    /// Job ids whose sub-jobs are hidden (shared: copied only when it changes).
    pub collapsed: Rc<HashSet<String>>,
    /// The selected job's id.
    pub selected: Option<String>,
    /// Highlight the critical path.
    pub critical: bool,
    /// Axis labels.
    pub axis: AxisMode,
    /// Clock time in UTC rather than the browser's zone.
    pub utc: bool,
    /// Bumped when the selected row should be scrolled into view.
    pub reveal_serial: u32,
    /// The last reveal came from a search or a step through failures: keyboard focus
    /// stays where it is (the search box, the step button) instead of moving to the row.
    pub reveal_keeps_focus: bool,
    /// The row with keyboard focus (by job id); the timeline keeps it across refreshes.
    pub focused: Option<String>,
    /// The search text.
    pub query: String,
    /// Statuses whose rows are hidden by the filter.
    pub hidden_statuses: StatusSet,
    /// Whether the keyboard shortcuts are shown.
    pub help: bool,
    /// The zoomed part of the time axis; none shows the whole job (and follows a running
    /// job as it grows).
    pub zoom: Option<TimeWindow>,
    /// Whether the duration column is shown.
    pub durations: bool,
    /// The order of each job's sub-jobs among the rows.
    pub order: RowOrder,
}

/// A change of the visible time window. Fractions are of the window as it is now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WindowChange {
    /// Zoom by a factor (> 1 zooms in) around a fraction of the window.
    Zoom {
        /// The fixed point, as a fraction of the window (the pointer).
        anchor: f64,
        /// How much more time per pixel after (2: half as much time shown).
        factor: f64,
    },
    /// Move by window widths (positive: later).
    Pan(f64),
    /// Zoom to the range between two fractions (a drag across the axis).
    Select(f64, f64),
    /// Centre on an instant (epoch ms), keeping the zoom.
    CenterOn(f64),
    /// Show exactly this window (a drag in progress, from the window at its start).
    Set(TimeWindow),
    /// Show the whole job.
    Reset,
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
    /// Select a job, expand its ancestors, scroll it into view and give it keyboard focus.
    Reveal(Rc<JobTree>, String),
    /// The same, keeping keyboard focus where it is (a search, a step through failures).
    Find(Rc<JobTree>, String),
    /// Critical path on or off.
    ToggleCritical,
    /// Switch the axis labels.
    SetAxis(AxisMode),
    /// Clock time in UTC, or in the browser's zone.
    ToggleUtc,
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
    /// Zoom or pan the time axis; the second value is the whole job's time domain.
    Window(WindowChange, TimeWindow),
    /// Show or hide the duration column.
    ToggleDurations,
    /// The next row order: as listed, longest first, shortest first, as listed again.
    NextOrder,
}

impl Reducible for ViewState {
    type Action = ViewAction;

    fn reduce(self: Rc<Self>, action: ViewAction) -> Rc<Self> {
        let mut next = (*self).clone();
        // A reveal from the grid's own keys, a search or a step keeps keyboard focus.
        let keeps_focus = matches!(action, ViewAction::Find(..) | ViewAction::Focus(_));
        match action {
            ViewAction::Toggle(id) => {
                let collapsed = Rc::make_mut(&mut next.collapsed);
                if !collapsed.remove(&id) {
                    collapsed.insert(id);
                }
            }
            ViewAction::CollapseAll(tree) => {
                next.collapsed = Rc::new(
                    tree.iter()
                        .skip(1)
                        .filter(|job| job.has_children())
                        .filter_map(|job| job.job_id().map(str::to_owned))
                        .collect(),
                );
            }
            ViewAction::ExpandAll => next.collapsed = Rc::default(),
            ViewAction::ExpandLevel(ids) => {
                let collapsed = Rc::make_mut(&mut next.collapsed);
                for id in ids {
                    collapsed.remove(&id);
                }
            }
            ViewAction::Select(id) => next.selected = id,
            ViewAction::Reveal(tree, id) | ViewAction::Find(tree, id) => {
                if let Some(job) = tree.find(&id) {
                    let mut ancestor = job.parent();
                    while let Some(parent) = ancestor {
                        if let Some(parent_id) = parent.job_id() {
                            if next.collapsed.contains(parent_id) {
                                Rc::make_mut(&mut next.collapsed).remove(parent_id);
                            }
                        }
                        ancestor = parent.parent();
                    }
                }
                next.focused = Some(id.clone());
                next.selected = Some(id);
                next.reveal_serial = next.reveal_serial.wrapping_add(1);
                next.reveal_keeps_focus = keeps_focus;
            }
            ViewAction::ToggleCritical => next.critical = !next.critical,
            ViewAction::SetAxis(axis) => next.axis = axis,
            ViewAction::ToggleUtc => next.utc = !next.utc,
            ViewAction::Focus(id) => {
                next.focused = Some(id);
                next.reveal_serial = next.reveal_serial.wrapping_add(1);
                next.reveal_keeps_focus = keeps_focus;
            }
            ViewAction::SetQuery(query) => next.query = query,
            ViewAction::ToggleStatus(status) => next.hidden_statuses.toggle(status),
            ViewAction::ToggleHelp => next.help = !next.help,
            ViewAction::Window(change, domain) => {
                let current = next.zoom.map_or(domain, |window| window.clamp_to(domain));
                let window = match change {
                    WindowChange::Zoom { anchor, factor } => current.zoom(domain, anchor, factor),
                    WindowChange::Pan(by) => current.pan(domain, by),
                    WindowChange::Select(from, to) => current.select(domain, from, to),
                    WindowChange::CenterOn(ms) => current.center_on(domain, ms),
                    WindowChange::Set(window) => window.clamp_to(domain),
                    WindowChange::Reset => domain,
                };
                next.zoom = (!window.covers(domain)).then_some(window);
            }
            ViewAction::ToggleDurations => {
                next.durations = !next.durations;
                // Hiding the column drops the order it sorted by.
                if !next.durations {
                    next.order = RowOrder::Tree;
                }
            }
            ViewAction::NextOrder => {
                next.durations = true;
                next.order = match next.order {
                    RowOrder::Tree => RowOrder::LongestFirst,
                    RowOrder::LongestFirst => RowOrder::ShortestFirst,
                    RowOrder::ShortestFirst => RowOrder::Tree,
                };
            }
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
