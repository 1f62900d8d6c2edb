//! One row of the timeline: the job's name (indented, with its fold toggle and markers)
//! beside its bar.

use std::cell::RefCell;
use std::rc::Rc;

use sdrs_job_core::{format_duration, Locale, Slot, StatusKind, TimeWindow};
use yew::prelude::*;

use super::highlight::{highlighted, short_id};
use super::ROW_HEIGHT;
use crate::components::prepared::PreparedRef;
use crate::style::{css, status_class};
use crate::text::{self, status_icon};

/// The DOM id of a row (`sdrs-<instance>-<widget>-row-<job>`), for `aria-activedescendant`.
pub(super) fn row_dom_id(prefix: &str, index: usize) -> String {
    format!("{prefix}-row-{index}")
}

/// A flag shared by the rows and the timeline, compared by identity in props.
#[derive(Clone)]
pub(super) struct SharedFlag(pub Rc<RefCell<bool>>);

impl PartialEq for SharedFlag {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Properties of [`RowItem`].
#[derive(Properties, PartialEq)]
pub(super) struct RowItemProps {
    pub prepared: PreparedRef,
    /// What the layout decided for this row.
    pub slot: Slot,
    /// Its position among the rows (0-based).
    pub position: usize,
    /// Rows in the layout (for `data-of`).
    pub total: usize,
    pub locale: Locale,
    pub selected: bool,
    pub focused: bool,
    /// Drawn as on the critical path (highlight on and the job on it).
    pub critical: bool,
    /// The time shown.
    pub window: TimeWindow,
    pub on_toggle: Callback<String>,
    pub on_select: Callback<String>,
    /// The pointer entered (some position) or left (none) the row.
    pub on_hover: Callback<Option<usize>>,
    /// Set when a pan drag ends, so its click does not select.
    pub swallow_click: SharedFlag,
    /// The widget's prefix of DOM ids.
    pub id_prefix: AttrValue,
    /// The search text, marked where it matches.
    pub query: AttrValue,
    /// Width of the bar column in pixels (for whether a duration fits inside its bar).
    pub column_px: f64,
    /// Whether the duration column is shown.
    pub durations: bool,
    /// When this page saw the job wait in INIT (to now while it still waits).
    pub observed_init: Option<(i64, i64)>,
}

/// Width of one character of a bar's duration label, as drawn (0.8 em of 13 px).
const DURATION_CHAR_PX: f64 = 6.5;

/// One row. A component of its own so that a scroll re-renders only the rows that came
/// into view: the others have the same props and are skipped.
#[component]
pub(super) fn RowItem(props: &RowItemProps) -> Html {
    let slot = &props.slot;
    let (position, total, window) = (props.position, props.total, props.window);
    let (selected, focused, critical) = (props.selected, props.focused, props.critical);
    let locale = props.locale;
    let analysis = &props.prepared.analysis;
    let index = slot.index();
    let job = analysis.job(index);
    let id = job.job_id().unwrap_or_default().to_owned();
    let query = props.query.as_str();
    let label = highlighted(analysis.label(index, locale), query);
    // What tells this row from its siblings, and a failed row's code.
    let identity = analysis.identity(index).map(|(field, value)| {
        let shown = short_id(value);
        let matched = sdrs_job_core::find_ignoring_case(value, query).is_some();
        html! {
            <span class={classes!("sdrs-identity", matched.then_some("is-match"))} data-role="identity"
                title={format!("{}: {value}", field.wire_name())}>{ highlighted(&shown, query) }</span>
        }
    });
    let code = job.error_code().filter(|_| slot.status() == StatusKind::Fail).map(|code| {
        html! { <span class="sdrs-row-code" data-role="row-code">{ highlighted(code, query) }</span> }
    });
    let set_size = job.parent().map_or(1, |parent| analysis.child_count(parent.index()));
    let depth = job.depth();
    let (status, collapsed) = (slot.status(), slot.collapsed());
    let toggle = slot.has_children().then(|| {
        let on_toggle = props.on_toggle.clone();
        let id = id.clone();
        let label = if collapsed { text::EXPAND } else { text::COLLAPSE }.get(locale);
        html! {
            <button type="button" class="sdrs-toggle" data-action="toggle" aria-label={label} tabindex="-1" aria-hidden="true"
                onclick={Callback::from(move |event: MouseEvent| { event.stop_propagation(); on_toggle.emit(id.clone()); })}>
                { if collapsed { "▸" } else { "▾" } }
            </button>
        }
    });
    let onclick = {
        let on_select = props.on_select.clone();
        let id = id.clone();
        let swallow_click = props.swallow_click.clone();
        Callback::from(move |_: MouseEvent| {
            if std::mem::take(&mut *swallow_click.0.borrow_mut()) {
                return;
            }
            if !id.is_empty() {
                on_select.emit(id.clone());
            }
        })
    };
    let onmouseenter = props.on_hover.reform(move |_: MouseEvent| Some(position));
    let onmouseleave = props.on_hover.reform(|_: MouseEvent| None);
    // Time before this step in which none of its siblings ran, marked when it is long.
    let gap = analysis.gap_before(index).and_then(|(from, to)| {
        let clipped = window.clip(from as f64, to as f64)?;
        let label = text::gap_label(locale, to - from);
        let fits = clipped.width * props.column_px
            >= label.chars().count() as f64 * DURATION_CHAR_PX + 8.0;
        Some(html! {
            <div class="sdrs-gap" data-role="gap" data-gap-ms={(to - from).to_string()} title={text::gap_before(locale, to - from)}
                ~style={css(format!("left: {:.4}%; width: {:.4}%", clipped.left * 100.0, clipped.width * 100.0))}>
                if fits { <span class="sdrs-gap-label">{ label }</span> }
            </div>
        })
    });
    // The wait in INIT that this page's answers showed: the API gives no time for it.
    let waited = props.observed_init.and_then(|(from, to)| {
        let clipped = window.clip(from as f64, to as f64)?;
        Some(html! {
            <div class="sdrs-init-wait" data-role="observed-init" data-init-ms={(to - from).to_string()} title={text::observed_init(locale, to - from)}
                ~style={css(format!("left: {:.4}%; width: {:.4}%", clipped.left * 100.0, clipped.width * 100.0))}></div>
        })
    });
    let duration_cell = props.durations.then(|| {
        let shown = slot.duration_ms().map_or_else(|| "—".to_owned(), format_duration);
        html! { <div class="sdrs-duration-cell" role="gridcell" data-role="duration-cell">{ shown }</div> }
    });
    let bar = match slot.bar_ms() {
        None => html! { <span class="sdrs-bar-pending">{ text::NOT_STARTED.get(locale) }</span> },
        Some((begin, finish)) => match window.clip(begin as f64, finish as f64) {
            Some(bar) => {
                // The duration inside the bar when it fits, else beside it: after it, or
                // before it at the right edge.
                let duration = slot.duration_ms().map(format_duration);
                let fits = duration.as_ref().is_some_and(|text| {
                    bar.width * props.column_px
                        >= text.chars().count() as f64 * DURATION_CHAR_PX + 10.0
                });
                let beside = duration.clone().filter(|_| !fits).map(|text| {
                    let (place, side) = if bar.left + bar.width > 0.8 {
                        (format!("right: {:.4}%", (1.0 - bar.left) * 100.0), "is-before")
                    } else {
                        (format!("left: {:.4}%", (bar.left + bar.width) * 100.0), "is-after")
                    };
                    html! { <span class={classes!("sdrs-bar-duration", "is-beside", side)} data-role="bar-duration" ~style={css(place)}>{ text }</span> }
                });
                html! {
                    <>
                        <div class={classes!("sdrs-bar", status_class(status), slot.running().then_some("is-live"), critical.then_some("is-critical"),
                                bar.cut_left.then_some("is-cut-left"), bar.cut_right.then_some("is-cut-right"))}
                            ~style={css(format!("left: {:.4}%; width: {:.4}%", bar.left * 100.0, bar.width * 100.0))}>
                            if fits {
                                <span class="sdrs-bar-duration is-inside" data-role="bar-duration">{ duration.clone().unwrap_or_default() }</span>
                            }
                        </div>
                        { for beside }
                    </>
                }
            }
            // Outside the zoomed window: say which way it is.
            None if (begin as f64) < window.start_ms => {
                html! { <span class="sdrs-bar-offscreen is-before" aria-hidden="true">{ "◂" }</span> }
            }
            None => {
                html! { <span class="sdrs-bar-offscreen is-after" aria-hidden="true">{ "▸" }</span> }
            }
        },
    };
    html! {
        <div id={row_dom_id(&props.id_prefix, index)}
            class={classes!("sdrs-row", status_class(status), selected.then_some("is-selected"), critical.then_some("is-critical"), focused.then_some("is-focused"))}
            role="row" aria-level={(depth + 1).to_string()} aria-rowindex={(position + 1).to_string()}
            aria-posinset={(job.child_position() + 1).to_string()} aria-setsize={set_size.to_string()}
            aria-selected={selected.to_string()}
            aria-expanded={slot.has_children().then(|| (!collapsed).to_string())}
            data-job-id={id.clone()} data-status={job.status_text().unwrap_or_default().to_owned()}
            data-depth={depth.to_string()} data-of={total.to_string()}
            ~style={css(format!("top: {}px", position as f64 * ROW_HEIGHT))}
            {onclick} {onmouseenter} {onmouseleave}>
            <div class="sdrs-name" role="gridcell" ~style={css(format!("--depth: {depth}"))}>
                { for toggle }
                <span class="sdrs-status-icon" aria-hidden="true">{ status_icon(status) }</span>
                <span class="sdrs-label">{ label }</span>
                { for identity }
                { for code }
                <span class="sdrs-visually-hidden">{ ", " }{ text::status_name(locale, status) }</span>
                if collapsed {
                    <span class="sdrs-hidden-count" title={text::HIDDEN_SUB_JOBS.get(locale)}>{ format!("+{}", job.descendant_count()) }</span>
                }
                if slot.hidden_failure() {
                    <span class="sdrs-hidden-failure" data-role="hidden-failure">{ "✕ " }{ text::FAILURE_INSIDE.get(locale) }</span>
                }
            </div>
            { for duration_cell }
            <div class="sdrs-bar-cell" role="gridcell">{ for gap }{ for waited }{ bar }</div>
        </div>
    }
}
