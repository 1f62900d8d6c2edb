//! The timeline itself: a name column beside a bar column on a shared time axis, with only
//! the rows in view (plus a margin) in the DOM, whatever the size of the job.

use sdrs_job_core::{format_duration, ticks, Locale, Row, TickMode};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{status_class, PreparedRef};
use crate::clock::{format_local, utc_offset_minutes};
use crate::text::{status_icon, t};
use crate::view::{AxisMode, ViewState};

/// Height of one row in pixels (CSS `--sdrs-row-height` must match).
pub const ROW_HEIGHT: f64 = 26.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 12;

/// Properties of [`Rows`].
#[derive(Properties, PartialEq)]
pub struct RowsProps {
    pub(crate) prepared: PreparedRef,
    /// Now (epoch ms): running bars reach it.
    pub now: i64,
    /// Label language.
    pub locale: Locale,
    /// Collapsed jobs, selection, critical path, axis.
    pub view: ViewState,
    /// Collapse or expand a job (by id).
    pub on_toggle: Callback<String>,
    /// Select a job (by id): Enter or a click.
    pub on_select: Callback<String>,
    /// Move keyboard focus to a job (by id).
    pub on_focus: Callback<String>,
    /// A keyboard command for the whole widget: `collapse-all`, `expand-all`, `search`,
    /// `help`, `dismiss`.
    pub on_command: Callback<&'static str>,
}

/// The virtualized timeline.
#[component]
pub fn Rows(props: &RowsProps) -> Html {
    let locale = props.locale;
    let scroller = use_node_ref();
    let scroll_top = use_state(|| 0.0_f64);
    let viewport = use_state(|| 600.0_f64);
    let bar_width = use_state(|| 800.0_f64);
    let hovered = use_state(|| None::<usize>);
    let tree = &props.prepared.tree;
    let view = &props.view;
    let mut layout = props.prepared.index.layout(tree, props.now, &view.collapsed, locale);
    if !view.hidden_statuses.is_empty() {
        layout.rows.retain(|row| !view.hidden_statuses.contains(&row.status_kind));
    }
    let total = layout.rows.len();

    // Measure the scroller once mounted (and keep measuring on scroll).
    {
        let scroller = scroller.clone();
        let viewport = viewport.clone();
        let bar_width = bar_width.clone();
        use_effect_with((), move |()| {
            measure(&scroller, &viewport, &bar_width);
        });
    }
    // Keep the focused row in view when it moves (keyboard, search, "show the failure").
    let focused_position = view
        .focused
        .as_deref()
        .and_then(|id| layout.rows.iter().position(|row| row.job_id == Some(id)));
    {
        let scroller = scroller.clone();
        let scroll_top = scroll_top.clone();
        let viewport_height = *viewport;
        let current_top = *scroll_top;
        use_effect_with(view.reveal_serial, move |serial| {
            if *serial > 0 {
                if let (Some(position), Some(element)) =
                    (focused_position, scroller.cast::<web_sys::Element>())
                {
                    let row_top = position as f64 * ROW_HEIGHT;
                    let visible = row_top >= current_top
                        && row_top + ROW_HEIGHT <= current_top + viewport_height;
                    if !visible {
                        let target = (row_top - viewport_height / 2.0).max(0.0);
                        element.set_scroll_top(target as i32);
                        scroll_top.set(target);
                    }
                }
            }
        });
    }
    // Where keyboard focus is now, updated by each key at once: keys pressed faster than
    // yew re-renders (a held PageDown) must each move from the previous key's row.
    let cursor = use_mut_ref(|| None::<usize>);
    *cursor.borrow_mut() = focused_position;
    let onkeydown =
        keyboard(props, &layout.rows, cursor, ((*viewport / ROW_HEIGHT) as usize).max(1));
    let onscroll = {
        let scroll_top = scroll_top.clone();
        let scroller = scroller.clone();
        let viewport = viewport.clone();
        let bar_width = bar_width.clone();
        Callback::from(move |event: Event| {
            if let Some(element) =
                event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            {
                scroll_top.set(f64::from(element.scroll_top()));
            }
            measure(&scroller, &viewport, &bar_width);
        })
    };

    let first = ((*scroll_top / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN).min(total);
    let last = (((*scroll_top + *viewport) / ROW_HEIGHT).ceil() as usize + OVERSCAN).min(total);
    let mode = match view.axis {
        AxisMode::Relative => TickMode::Relative,
        AxisMode::Absolute => {
            TickMode::Absolute { utc_offset_minutes: utc_offset_minutes(layout.start_ms) }
        }
    };
    let axis = ticks(layout.start_ms, layout.end_ms, *bar_width, mode);
    let span = (layout.end_ms - layout.start_ms).max(1) as f64;
    let running = !tree.root().status().is_terminal();
    let now_x = running.then(|| ((props.now - layout.start_ms) as f64 / span).clamp(0.0, 1.0));
    let hovered_row =
        hovered.and_then(|position| layout.rows.get(position).map(|row| (position, row)));

    let rows_html = layout.rows[first..last].iter().enumerate().map(|(offset, row)| {
        let position = first + offset;
        render_row(props, row, position, total, &hovered)
    });
    let canvas_height = total as f64 * ROW_HEIGHT;
    let active = focused_position
        .and_then(|position| layout.rows.get(position))
        .map(|row| row_dom_id(row.index));
    html! {
        <div class="sdrs-timeline">
            <div class="sdrs-axis" aria-hidden="true">
                <div class="sdrs-axis-name">{ t(locale, "Job", "任务") }</div>
                <div class="sdrs-axis-ticks">
                    { for axis.ticks.iter().map(|tick| html! {
                        // Labels near the right edge end at their tick instead of being cut.
                        <span class={classes!("sdrs-tick", (tick.x > 0.94).then_some("is-end"))} style={format!("left: {:.4}%", tick.x * 100.0)}>{ tick.label.clone() }</span>
                    }) }
                </div>
            </div>
            // The height cap is inline, so virtualization holds even where a host drops our CSS.
            <div class="sdrs-scroller" ref={scroller} {onscroll} style="max-height: var(--sdrs-max-height, min(70vh, 720px)); overflow: auto">
                <div class="sdrs-canvas" style={format!("height: {canvas_height}px")}>
                    { for axis.ticks.iter().map(|tick| html! {
                        <div class="sdrs-gridline" aria-hidden="true" style={format!("--x: {:.5}", tick.x)}></div>
                    }) }
                    if let Some(x) = now_x {
                        <div class="sdrs-now-line" aria-hidden="true" style={format!("--x: {x:.5}")}></div>
                    }
                    // Focus stays on this element; the active row is named by
                    // aria-activedescendant, so scrolling rows out of the DOM never loses it.
                    <div class="sdrs-grid" role="treegrid" tabindex="0" aria-label={t(locale, "Job and sub-jobs", "任务及子任务")}
                        aria-rowcount={total.to_string()} data-row-count={total.to_string()}
                        aria-activedescendant={active} {onkeydown}>
                        { for rows_html }
                    </div>
                    if let Some((position, row)) = hovered_row {
                        { tooltip(locale, props, row, position) }
                    }
                </div>
            </div>
        </div>
    }
}

/// The treegrid's keys (WAI-ARIA treegrid pattern): arrows, Home/End, PageUp/PageDown,
/// Enter to open the details, `[`/`]` collapse/expand all, `/` search, `?` shortcuts, Esc.
fn keyboard(
    props: &RowsProps,
    visible: &[Row<'_>],
    cursor: std::rc::Rc<std::cell::RefCell<Option<usize>>>,
    page: usize,
) -> Callback<KeyboardEvent> {
    let rows: Vec<(Option<String>, bool, bool, Option<usize>)> = visible
        .iter()
        .map(|row| {
            (row.job_id.map(str::to_owned), row.has_children, row.collapsed, row.parent_index)
        })
        .collect();
    let index_of_row: Vec<usize> = visible.iter().map(|row| row.index).collect();
    let on_focus = props.on_focus.clone();
    let on_toggle = props.on_toggle.clone();
    let on_select = props.on_select.clone();
    let on_command = props.on_command.clone();
    Callback::from(move |event: KeyboardEvent| {
        let last = rows.len().saturating_sub(1);
        let focused = *cursor.borrow();
        let current = focused.unwrap_or(0);
        let move_to = |position: usize| {
            if let Some((Some(id), ..)) = rows.get(position.min(last)) {
                *cursor.borrow_mut() = Some(position.min(last));
                on_focus.emit(id.clone());
            }
        };
        let row = rows.get(current);
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
                    if let Some(position) = index_of_row.iter().position(|index| index == parent) {
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
            "[" => on_command.emit("collapse-all"),
            "]" => on_command.emit("expand-all"),
            "/" => on_command.emit("search"),
            "?" => on_command.emit("help"),
            "Escape" => on_command.emit("dismiss"),
            _ => return,
        }
        event.prevent_default();
    })
}

/// The DOM id of a row, for `aria-activedescendant`.
fn row_dom_id(index: usize) -> String {
    format!("sdrs-row-{index}")
}

fn measure(scroller: &NodeRef, viewport: &UseStateHandle<f64>, bar_width: &UseStateHandle<f64>) {
    if let Some(element) = scroller.cast::<web_sys::Element>() {
        // Never more than the window: only what can be seen becomes DOM.
        let window_height = web_sys::window()
            .and_then(|window| window.inner_height().ok())
            .and_then(|height| height.as_f64())
            .unwrap_or(1_000.0);
        let height = f64::from(element.client_height()).min(window_height);
        if height > 0.0 && (height - **viewport).abs() > 1.0 {
            viewport.set(height);
        }
        // The bar column is the scroller minus the name column (CSS: 38%).
        let width = f64::from(element.client_width()) * 0.62;
        if width > 0.0 && (width - **bar_width).abs() > 1.0 {
            bar_width.set(width);
        }
    }
}

fn render_row(
    props: &RowsProps,
    row: &Row<'_>,
    position: usize,
    total: usize,
    hovered: &UseStateHandle<Option<usize>>,
) -> Html {
    let locale = props.locale;
    let view = &props.view;
    let id = row.job_id.unwrap_or_default().to_owned();
    let selected = row.job_id.is_some() && view.selected.as_deref() == row.job_id;
    let focused = row.job_id.is_some() && view.focused.as_deref() == row.job_id;
    let job = props.prepared.tree.job(row.index);
    let set_size = job.parent().map_or(1, |parent| props.prepared.child_count[parent.index()]);
    let critical = view.critical && row.critical;
    let toggle = row.has_children.then(|| {
        let on_toggle = props.on_toggle.clone();
        let id = id.clone();
        let label = if row.collapsed { t(locale, "Expand", "展开") } else { t(locale, "Collapse", "折叠") };
        html! {
            <button type="button" class="sdrs-toggle" data-action="toggle" aria-label={label} tabindex="-1" aria-hidden="true"
                onclick={Callback::from(move |event: MouseEvent| { event.stop_propagation(); on_toggle.emit(id.clone()); })}>
                { if row.collapsed { "▸" } else { "▾" } }
            </button>
        }
    });
    let onclick = {
        let on_select = props.on_select.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| {
            if !id.is_empty() {
                on_select.emit(id.clone());
            }
        })
    };
    let onmouseenter = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(Some(position)))
    };
    let onmouseleave = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(None))
    };
    let bar = if row.not_started {
        html! { <span class="sdrs-bar-pending">{ t(locale, "not started", "未开始") }</span> }
    } else {
        html! {
            <div class={classes!("sdrs-bar", status_class(row.status_kind), row.running.then_some("is-live"), critical.then_some("is-critical"))}
                style={format!("left: {:.4}%; width: {:.4}%", row.left * 100.0, row.width * 100.0)}></div>
        }
    };
    html! {
        <div key={row.index.to_string()} id={row_dom_id(row.index)}
            class={classes!("sdrs-row", status_class(row.status_kind), selected.then_some("is-selected"), critical.then_some("is-critical"), focused.then_some("is-focused"))}
            role="row" aria-level={(row.depth + 1).to_string()} aria-rowindex={(position + 1).to_string()}
            aria-posinset={(job.child_position() + 1).to_string()} aria-setsize={set_size.to_string()}
            aria-selected={selected.to_string()}
            aria-expanded={row.has_children.then(|| (!row.collapsed).to_string())}
            data-job-id={id.clone()} data-status={row.status.unwrap_or_default().to_owned()}
            data-depth={row.depth.to_string()} data-of={total.to_string()}
            style={format!("top: {}px", position as f64 * ROW_HEIGHT)}
            {onclick} {onmouseenter} {onmouseleave}>
            <div class="sdrs-name" role="gridcell" style={format!("--depth: {}", row.depth)}>
                { for toggle }
                <span class="sdrs-status-icon" aria-hidden="true">{ status_icon(row.status_kind) }</span>
                <span class="sdrs-label">{ row.label }</span>
                <span class="sdrs-visually-hidden">{ ", " }{ crate::text::status_name(locale, row.status_kind) }</span>
                if row.collapsed {
                    <span class="sdrs-hidden-count" title={t(locale, "hidden sub-jobs", "隐藏的子任务")}>{ format!("+{}", row.descendant_count) }</span>
                }
                if row.hidden_failure {
                    <span class="sdrs-hidden-failure" data-role="hidden-failure">{ "✕ " }{ t(locale, "failure inside", "内含失败") }</span>
                }
            </div>
            <div class="sdrs-bar-cell" role="gridcell">{ bar }</div>
        </div>
    }
}

fn tooltip(locale: Locale, props: &RowsProps, row: &Row<'_>, position: usize) -> Html {
    let job = props.prepared.tree.job(row.index);
    let duration = match (row.start_ms, row.end_ms) {
        (Some(begin), Some(end)) => Some(end - begin),
        (Some(begin), None) if row.running => Some(props.now - begin),
        _ => None,
    };
    html! {
        <div class="sdrs-tooltip" role="tooltip" style={format!("top: {}px", (position as f64 + 1.0) * ROW_HEIGHT)}>
            <strong>{ row.label }</strong>
            <code>{ row.job_id.unwrap_or("—") }</code>
            <span>{ row.status.unwrap_or("—") }</span>
            if let Some(begin) = row.start_ms { <span>{ t(locale, "Began ", "开始 ") }{ format_local(begin) }</span> }
            if let Some(duration) = duration { <span>{ t(locale, "Took ", "耗时 ") }{ format_duration(duration) }</span> }
            if let Some(code) = job.error_code() { <span class="sdrs-tooltip-error">{ code }{ " " }{ job.fail_reason().unwrap_or_default() }</span> }
        </div>
    }
}
