//! The treegrid's keys: moving through rows, folding, opening, and zooming and panning
//! the time axis; what concerns the whole widget goes up as a [`Command`].

use std::cell::RefCell;
use std::rc::Rc;

use sdrs_job_core::TimeWindow;
use yew::prelude::*;

use super::gestures::ZOOM_STEP;
use crate::components::prepared::{LayoutRef, PreparedRef};
use crate::view::WindowChange;

/// What a key in the grid asks of the whole widget (the grid handles moving and zooming
/// itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `[`: collapse every job.
    CollapseAll,
    /// `]`: expand every job.
    ExpandAll,
    /// `/`: focus the search box.
    Search,
    /// `?`: show or hide the shortcuts.
    Help,
    /// Escape: close what is open (details, shortcuts, the search).
    Dismiss,
}

/// Whether the grid acts on `key` (the keys [`keyboard`] handles).
pub(crate) fn is_shortcut(key: &str) -> bool {
    matches!(
        key,
        "ArrowDown"
            | "ArrowUp"
            | "ArrowLeft"
            | "ArrowRight"
            | "Home"
            | "End"
            | "PageDown"
            | "PageUp"
            | "Enter"
            | " "
            | "["
            | "]"
            | "/"
            | "?"
            | "Escape"
            | "+"
            | "="
            | "-"
            | "w"
            | "W"
            | "s"
            | "S"
            | "a"
            | "A"
            | "d"
            | "D"
            | "0"
    )
}

/// Where the keys' effects go.
pub(super) struct KeyHandlers {
    /// Move keyboard focus to a job (by id).
    pub on_focus: Callback<String>,
    /// Collapse or expand a job (by id).
    pub on_toggle: Callback<String>,
    /// Open a job's details (by id).
    pub on_select: Callback<String>,
    /// A command for the whole widget.
    pub on_command: Callback<Command>,
    /// Zoom or pan the time axis.
    pub on_window: Callback<(WindowChange, TimeWindow)>,
}

/// The treegrid's keys (WAI-ARIA treegrid pattern): arrows, Home/End, PageUp/PageDown,
/// Enter to open the details, `[`/`]` collapse/expand all, `/` search, `?` shortcuts, Esc.
pub(super) fn keyboard(
    handlers: KeyHandlers,
    prepared: &PreparedRef,
    layout: &LayoutRef,
    cursor: Rc<RefCell<Option<usize>>>,
    page: usize,
    domain: TimeWindow,
) -> Callback<KeyboardEvent> {
    let visible = layout.clone();
    let prepared = prepared.clone();
    let KeyHandlers { on_focus, on_toggle, on_select, on_command, on_window } = handlers;
    let window = move |change: WindowChange| on_window.emit((change, domain));
    Callback::from(move |event: KeyboardEvent| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let id_at = |position: usize| {
            visible.slots.get(position).and_then(|slot| prepared.tree().job(slot.index()).job_id())
        };
        let last = visible.slots.len().saturating_sub(1);
        let focused = *cursor.borrow();
        let current = focused.unwrap_or(0);
        let move_to = |position: usize| {
            if let Some(id) = id_at(position.min(last)) {
                *cursor.borrow_mut() = Some(position.min(last));
                on_focus.emit(id.to_owned());
            }
        };
        let row = visible.slots.get(current).map(|slot| {
            (
                id_at(current).map(str::to_owned),
                slot.has_children(),
                slot.collapsed(),
                prepared.tree().job(slot.index()).parent().map(|parent| parent.index()),
            )
        });
        match event.key().as_str() {
            "ArrowDown" => move_to(if focused.is_some() { current + 1 } else { 0 }),
            "ArrowUp" => move_to(current.saturating_sub(1)),
            "Home" => move_to(0),
            "End" => move_to(last),
            "PageDown" => move_to(current + page),
            "PageUp" => move_to(current.saturating_sub(page)),
            "ArrowRight" => match row {
                Some((Some(id), true, true, _)) => on_toggle.emit(id.clone()),
                Some((_, true, false, _)) => move_to(current + 1),
                _ => {}
            },
            "ArrowLeft" => match row {
                Some((Some(id), true, false, _)) => on_toggle.emit(id.clone()),
                Some((_, _, _, Some(parent))) => {
                    if let Some(position) = visible.position_of(parent) {
                        move_to(position);
                    }
                }
                _ => {}
            },
            "Enter" | " " => {
                if let Some((Some(id), ..)) = row {
                    on_select.emit(id.clone());
                }
            }
            "[" => on_command.emit(Command::CollapseAll),
            "]" => on_command.emit(Command::ExpandAll),
            "/" => on_command.emit(Command::Search),
            "?" => on_command.emit(Command::Help),
            "Escape" => on_command.emit(Command::Dismiss),
            // The time axis, as in Perfetto (W/S zoom, A/D pan) and with + - 0.
            "+" | "=" | "w" | "W" => window(WindowChange::Zoom { anchor: 0.5, factor: ZOOM_STEP }),
            "-" | "s" | "S" => window(WindowChange::Zoom { anchor: 0.5, factor: 1.0 / ZOOM_STEP }),
            "a" | "A" => window(WindowChange::Pan(-0.25)),
            "d" | "D" => window(WindowChange::Pan(0.25)),
            "0" => window(WindowChange::Reset),
            _ => return,
        }
        event.prevent_default();
    })
}
