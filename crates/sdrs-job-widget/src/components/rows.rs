//! The timeline itself: a name column beside a bar column on a shared time axis, with only
//! the rows in view (plus a margin) in the DOM, whatever the size of the job.

use std::cell::RefCell;
use std::rc::Rc;

use std::collections::HashSet;

use sdrs_job_core::{
    format_duration, ticks_from, JobIndex, Locale, Row, StatusKind, TickMode, TimeWindow,
};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::overview::Overview;
use super::{status_class, PreparedRef};
use crate::clock::{format_local, utc_offset_minutes};
use crate::hooks::use_size;
use crate::text::{status_icon, t};
use crate::view::{AxisMode, ViewState, WindowChange};

/// Height of one row in pixels (CSS `--sdrs-row-height` must match).
pub const ROW_HEIGHT: f64 = 26.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 8;

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
    /// A keyboard command for the whole widget.
    pub on_command: Callback<Command>,
    /// Zoom or pan the time axis (with the whole job's time domain).
    pub on_window: Callback<(WindowChange, TimeWindow)>,
    /// The host's theme (`light`, `dark`, none: the system's), for what is drawn, not styled.
    #[prop_or_default]
    pub theme: Option<AttrValue>,
    /// This widget's prefix of DOM ids (unique per widget, so several on a page never share
    /// an id or point their ARIA references at each other's rows).
    pub id_prefix: AttrValue,
}

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

/// One visible row as the layout decided it, owned and small. The rows of a layout are
/// kept (memoized) across renders: scrolling, hovering and zooming reuse them; only a new
/// response, "now", collapsing or filtering lays out again. Text (ids, labels, statuses)
/// is read from the tree for the few rows drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Slot {
    index: JobIndex,
    status_kind: StatusKind,
    left: f64,
    width: f64,
    has_children: bool,
    collapsed: bool,
    hidden_failure: bool,
    critical: bool,
    not_started: bool,
    running: bool,
}

impl Slot {
    fn new(row: &Row<'_>) -> Slot {
        Slot {
            index: row.index,
            status_kind: row.status_kind,
            left: row.left,
            width: row.width,
            has_children: row.has_children,
            collapsed: row.collapsed,
            hidden_failure: row.hidden_failure,
            critical: row.critical,
            not_started: row.not_started,
            running: row.running,
        }
    }
}

/// The laid-out rows (filtered by status) and the job's time domain.
pub(crate) struct Visible {
    start_ms: i64,
    end_ms: i64,
    slots: Vec<Slot>,
}

impl Visible {
    /// The position of the job at tree `index` among the rows (rows are in tree order).
    fn position_of(&self, index: JobIndex) -> Option<usize> {
        self.slots.binary_search_by_key(&index, |slot| slot.index).ok()
    }
}

/// An inline style set through the CSSOM (`element.style = ...` as a property), which a
/// strict Content-Security-Policy allows, unlike a `style` attribute.
pub(crate) fn css(text: String) -> JsValue {
    JsValue::from(text)
}

/// A pointer gesture on the bar column, from its `pointerdown`.
#[derive(Clone, Copy)]
enum Gesture {
    /// Pressed on the bars: a drag pans (once it moves past a few pixels).
    Pan { x: f64, from: TimeWindow, moved: bool },
    /// Pressed on the axis: a drag selects a range to zoom into (fractions of the window).
    Select { from: f64, to: f64 },
}

/// How far a press must move before it is a drag, not a click (pixels).
const DRAG_THRESHOLD_PX: f64 = 4.0;
/// Zoom factor of one step (buttons, keys).
const ZOOM_STEP: f64 = 1.5;

/// The pointer's position as a fraction of the bar column (0 = its left edge).
fn column_fraction(column: &NodeRef, client_x: i32) -> Option<(f64, f64)> {
    let rect = column.cast::<web_sys::Element>()?.get_bounding_client_rect();
    (rect.width() > 0.0).then(|| ((f64::from(client_x) - rect.left()) / rect.width(), rect.width()))
}

/// Zoom factor of a wheel turn (pixels, lines or pages), zooming in for a turn away.
pub(crate) fn wheel_zoom_factor(event: &WheelEvent) -> f64 {
    let unit = match event.delta_mode() {
        1 => 16.0,
        2 => 400.0,
        _ => 1.0,
    };
    (-event.delta_y() * unit * 0.002).clamp(-1.0, 1.0).exp()
}

/// The virtualized timeline.
#[component]
pub fn Rows(props: &RowsProps) -> Html {
    let locale = props.locale;
    let scroller = use_node_ref();
    let scroll_top = use_state(|| 0.0_f64);
    let axis_column = use_node_ref();
    let (_, scroller_height) = use_size(scroller.clone(), (0.0, 600.0));
    // Never more than the window: only what can be seen becomes DOM, even where a host
    // let the scroller grow to the height of every row.
    let window_height = web_sys::window()
        .and_then(|window| window.inner_height().ok())
        .and_then(|height| height.as_f64())
        .unwrap_or(1_000.0);
    let viewport = scroller_height.min(window_height).max(ROW_HEIGHT);
    let (bar_width, _) = use_size(axis_column.clone(), (800.0, 24.0));
    let bar_width = bar_width.max(1.0);
    let hovered = use_state(|| None::<usize>);
    let on_hover = {
        let hovered = hovered.clone();
        use_callback((), move |position: Option<usize>, ()| hovered.set(position))
    };
    let tree = &props.prepared.tree;
    let view = &props.view;
    let visible = use_memo(
        (props.prepared.clone(), props.now, view.collapsed.clone(), view.hidden_statuses.clone()),
        |(prepared, now, collapsed, hidden): &(
            PreparedRef,
            i64,
            HashSet<String>,
            HashSet<StatusKind>,
        )| {
            // The label language does not matter here: labels are read when drawn.
            let layout = prepared.index.layout(&prepared.tree, *now, collapsed, Locale::En);
            Visible {
                start_ms: layout.start_ms,
                end_ms: layout.end_ms,
                slots: layout
                    .rows
                    .iter()
                    .filter(|row| !hidden.contains(&row.status_kind))
                    .map(Slot::new)
                    .collect(),
            }
        },
    );
    let total = visible.slots.len();
    let domain = TimeWindow::domain(visible.start_ms, visible.end_ms);
    let window = view.zoom.map_or(domain, |zoom| zoom.clamp_to(domain));
    let zoomed = !window.covers(domain);
    let gesture = use_mut_ref(|| None::<Gesture>);
    let band = use_state(|| None::<(f64, f64)>);
    // A click that ends a pan drag must not also select the row under it.
    let swallow_click = use_mut_ref(|| false);

    // A new job's rows are in the DOM: say so (User Timing), once per response.
    use_effect_with(props.prepared.clone(), |_| {
        crate::clock::mark(crate::clock::marks::ROWS);
    });
    // Keep the focused row in view when it moves (keyboard, search, "show the failure").
    let focused_position = view
        .focused
        .as_deref()
        .and_then(|id| props.prepared.index_of(id))
        .and_then(|index| visible.position_of(index));
    {
        let scroller = scroller.clone();
        let scroll_top = scroll_top.clone();
        let viewport_height = viewport;
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
        keyboard(props, &visible, cursor, ((viewport / ROW_HEIGHT) as usize).max(1), domain);
    let onscroll = {
        let scroll_top = scroll_top.clone();
        Callback::from(move |event: Event| {
            if let Some(element) =
                event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            {
                scroll_top.set(f64::from(element.scroll_top()));
            }
        })
    };

    let first = ((*scroll_top / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN).min(total);
    let last = (((*scroll_top + viewport) / ROW_HEIGHT).ceil() as usize + OVERSCAN).min(total);
    let mode = match view.axis {
        AxisMode::Relative => TickMode::Relative,
        AxisMode::Absolute => {
            TickMode::Absolute { utc_offset_minutes: utc_offset_minutes(visible.start_ms) }
        }
    };
    let axis = ticks_from(
        visible.start_ms,
        window.start_ms.round() as i64,
        window.end_ms.round() as i64,
        bar_width,
        mode,
    );
    let running = !tree.root().status().is_terminal();
    // The layout's "now": never before the latest time in the job, so the line sits where
    // running bars end even when the clock last ticked just before the response came in.
    let drawn_now =
        props.prepared.index.latest_ms().map_or(props.now, |latest| latest.max(props.now));
    let now_x =
        running.then(|| window.fraction(drawn_now as f64)).filter(|x| (0.0..=1.0).contains(x));
    let gestures = gestures(props, &axis_column, &gesture, &band, &swallow_click, window, domain);
    let hovered_row =
        hovered.and_then(|position| visible.slots.get(position).map(|slot| (position, slot)));

    let swallow = SharedFlag(swallow_click.clone());
    // Rows are keyed by their slot in a fixed pool, not by job: a scroll hands the slots of
    // the rows that left to the rows that came in, and yew patches those elements in place
    // instead of removing and creating them (rows are positioned absolutely, so DOM order
    // is free; `aria-rowindex` gives assistive technology the order).
    let pool = (viewport / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN + 1;
    let rows_html = visible.slots[first..last].iter().enumerate().map(|(offset, slot)| {
        let position = first + offset;
        let job_id = props.prepared.tree.job(slot.index).job_id();
        let is = |chosen: &Option<String>| job_id.is_some() && chosen.as_deref() == job_id;
        html! {
            <RowItem key={position % pool} prepared={props.prepared.clone()} slot={*slot} {position} {total} {locale}
                selected={is(&view.selected)} focused={is(&view.focused)} critical={view.critical && slot.critical}
                {domain} {window} on_toggle={props.on_toggle.clone()} on_select={props.on_select.clone()}
                on_hover={on_hover.clone()} swallow_click={swallow.clone()} id_prefix={props.id_prefix.clone()} />
        }
    });
    let canvas_height = total as f64 * ROW_HEIGHT;
    let active = focused_position
        .and_then(|position| visible.slots.get(position))
        .map(|slot| row_dom_id(&props.id_prefix, slot.index));
    let zoom_button = |change: WindowChange| {
        let on_window = props.on_window.clone();
        Callback::from(move |_: MouseEvent| on_window.emit((change, domain)))
    };
    let visible_span = if zoomed {
        match locale {
            Locale::En => format!(
                "{} of {}",
                format_duration(window.span().round() as i64),
                format_duration(domain.span() as i64)
            ),
            Locale::Zh => format!(
                "{} / 共 {}",
                format_duration(window.span().round() as i64),
                format_duration(domain.span() as i64)
            ),
        }
    } else {
        t(locale, "Whole job", "整个任务").to_owned()
    };
    html! {
        <div class={classes!("sdrs-timeline", zoomed.then_some("is-zoomed"))}>
            <div class="sdrs-overview-row">
                <div class="sdrs-zoom" role="group" aria-label={t(locale, "Zoom the time axis", "缩放时间轴")}>
                    <button type="button" class="sdrs-button is-small" data-action="zoom-out" aria-label={t(locale, "Zoom out", "缩小")}
                        disabled={!zoomed} onclick={zoom_button(WindowChange::Zoom { anchor: 0.5, factor: 1.0 / ZOOM_STEP })}>{ "−" }</button>
                    <button type="button" class="sdrs-button is-small" data-action="zoom-in" aria-label={t(locale, "Zoom in", "放大")}
                        onclick={zoom_button(WindowChange::Zoom { anchor: 0.5, factor: ZOOM_STEP })}>{ "+" }</button>
                    <button type="button" class="sdrs-button is-small" data-action="zoom-reset" disabled={!zoomed}
                        onclick={zoom_button(WindowChange::Reset)}>{ t(locale, "Whole job", "全部") }</button>
                    <span class="sdrs-zoom-span" data-role="visible-span" aria-live="polite">{ visible_span }</span>
                </div>
                <Overview prepared={props.prepared.clone()} now={props.now} {domain} {window} {locale}
                    theme={props.theme.clone()} on_window={props.on_window.clone()} />
            </div>
            <div class="sdrs-axis">
                <div class="sdrs-axis-name" aria-hidden="true">{ t(locale, "Job", "任务") }</div>
                <div class="sdrs-axis-ticks" ref={axis_column.clone()} aria-hidden="true" data-role="axis"
                    title={t(locale, "Drag across the axis to zoom into a range; wheel to zoom", "在时间轴上拖动以放大区间；滚轮缩放")}
                    onpointerdown={gestures.axis_down} onpointermove={gestures.move_.clone()} onpointerup={gestures.up.clone()}
                    onpointercancel={gestures.cancel.clone()} onwheel={gestures.axis_wheel}>
                    { for label_positions(&axis.ticks, bar_width).into_iter().map(|(tick, align)| html! {
                        <span class={classes!("sdrs-tick", align)} ~style={css(format!("left: {:.4}%", tick.x * 100.0))}>{ tick.label.clone() }</span>
                    }) }
                    if let Some((from, to)) = *band {
                        <div class="sdrs-zoom-band" data-role="zoom-band"
                            ~style={css(format!("left: {:.4}%; width: {:.4}%", from.min(to).clamp(0.0, 1.0) * 100.0, (to - from).abs().min(1.0) * 100.0))}></div>
                    }
                </div>
            </div>
            // The height cap is set here too, so virtualization holds even where a host drops
            // our CSS.
            <div class="sdrs-scroller" ref={scroller} {onscroll} ~style={css("max-height: var(--sdrs-max-height, min(70vh, 720px)); overflow: auto".to_owned())}
                onwheel={gestures.rows_wheel} onpointerdown={gestures.rows_down} onpointermove={gestures.move_}
                onpointerup={gestures.up} onpointercancel={gestures.cancel}>
                <div class="sdrs-canvas" ~style={css(format!("height: {canvas_height}px"))}>
                    { for axis.ticks.iter().map(|tick| html! {
                        <div class="sdrs-gridline" aria-hidden="true" ~style={css(format!("--x: {:.5}", tick.x))}></div>
                    }) }
                    if let Some(x) = now_x {
                        <div class="sdrs-now-line" aria-hidden="true" ~style={css(format!("--x: {x:.5}"))}></div>
                    }
                    // Focus stays on this element; the active row is named by
                    // aria-activedescendant, so scrolling rows out of the DOM never loses it.
                    <div class="sdrs-grid" role="treegrid" tabindex="0" aria-label={t(locale, "Job and sub-jobs", "任务及子任务")}
                        aria-rowcount={total.to_string()} data-row-count={total.to_string()}
                        aria-activedescendant={active} {onkeydown}>
                        { for rows_html }
                    </div>
                    if let Some((position, slot)) = hovered_row {
                        { tooltip(locale, props, slot, position) }
                    }
                </div>
            </div>
        </div>
    }
}

/// Width of one label character in pixels, as the core's tick spacing assumes.
const LABEL_CHAR_PX: f64 = 7.5;

/// Which tick labels to show and how to align them: centred on the tick, but starting at
/// it near the left edge and ending at it near the right edge, so none is cut; a label
/// that would then touch its neighbour is left out (its gridline stays).
fn label_positions(
    ticks: &[sdrs_job_core::Tick],
    width_px: f64,
) -> Vec<(&sdrs_job_core::Tick, Option<&'static str>)> {
    let mut shown = Vec::with_capacity(ticks.len());
    let mut right_of_last = f64::NEG_INFINITY;
    for tick in ticks {
        let label_px = tick.label.chars().count() as f64 * LABEL_CHAR_PX;
        let x = tick.x * width_px;
        let (left, align) = if x - label_px / 2.0 < 0.0 {
            (x, Some("is-start"))
        } else if x + label_px / 2.0 > width_px {
            (x - label_px, Some("is-end"))
        } else {
            (x - label_px / 2.0, None)
        };
        if left >= right_of_last + 4.0 {
            right_of_last = left + label_px;
            shown.push((tick, align));
        }
    }
    shown
}

/// The pointer and wheel handlers of the axis and the bar column.
struct Gestures {
    axis_down: Callback<PointerEvent>,
    rows_down: Callback<PointerEvent>,
    move_: Callback<PointerEvent>,
    up: Callback<PointerEvent>,
    cancel: Callback<PointerEvent>,
    axis_wheel: Callback<WheelEvent>,
    rows_wheel: Callback<WheelEvent>,
}

/// Drag across the axis to zoom into a range; drag the bars sideways to pan; Ctrl+wheel
/// (or a pinch) zooms around the pointer, a sideways wheel or Shift+wheel pans; a plain
/// wheel over the axis zooms, over the rows it scrolls them.
fn gestures(
    props: &RowsProps,
    column: &NodeRef,
    gesture: &Rc<RefCell<Option<Gesture>>>,
    band: &UseStateHandle<Option<(f64, f64)>>,
    swallow_click: &Rc<RefCell<bool>>,
    window: TimeWindow,
    domain: TimeWindow,
) -> Gestures {
    let on_window = props.on_window.clone();
    let capture = |event: &PointerEvent| {
        if let Some(target) =
            event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        {
            let _ = target.set_pointer_capture(event.pointer_id());
        }
    };
    let axis_down = {
        let (column, gesture, band) = (column.clone(), gesture.clone(), band.clone());
        Callback::from(move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            if let Some((x, _)) = column_fraction(&column, event.client_x()) {
                capture(&event);
                *gesture.borrow_mut() = Some(Gesture::Select { from: x, to: x });
                band.set(Some((x, x)));
                event.prevent_default();
            }
        })
    };
    let rows_down = {
        let (column, gesture, swallow_click) =
            (column.clone(), gesture.clone(), swallow_click.clone());
        Callback::from(move |event: PointerEvent| {
            *swallow_click.borrow_mut() = false;
            if event.button() != 0 {
                return;
            }
            // Only the bar column pans; the name column is for reading and clicking.
            if let Some((x, _)) = column_fraction(&column, event.client_x()) {
                if x >= 0.0 {
                    *gesture.borrow_mut() = Some(Gesture::Pan {
                        x: f64::from(event.client_x()),
                        from: window,
                        moved: false,
                    });
                }
            }
        })
    };
    let move_ = {
        let (column, gesture, band, on_window) =
            (column.clone(), gesture.clone(), band.clone(), on_window.clone());
        Callback::from(move |event: PointerEvent| {
            let current = *gesture.borrow();
            match current {
                Some(Gesture::Select { from, .. }) => {
                    if let Some((x, _)) = column_fraction(&column, event.client_x()) {
                        *gesture.borrow_mut() = Some(Gesture::Select { from, to: x });
                        band.set(Some((from, x)));
                    }
                }
                Some(Gesture::Pan { x, from, moved }) => {
                    let dx = f64::from(event.client_x()) - x;
                    if !moved && dx.abs() < DRAG_THRESHOLD_PX {
                        return;
                    }
                    if !moved {
                        capture(&event);
                    }
                    *gesture.borrow_mut() = Some(Gesture::Pan { x, from, moved: true });
                    if let Some((_, width)) = column_fraction(&column, event.client_x()) {
                        let shift = -dx / width * from.span();
                        let panned = TimeWindow::new(from.start_ms + shift, from.end_ms + shift);
                        on_window.emit((WindowChange::Set(panned), domain));
                    }
                }
                None => {}
            }
        })
    };
    let finish = |commit: bool| {
        let (column, gesture, band, on_window, swallow_click) = (
            column.clone(),
            gesture.clone(),
            band.clone(),
            on_window.clone(),
            swallow_click.clone(),
        );
        Callback::from(move |event: PointerEvent| {
            let ended = gesture.borrow_mut().take();
            match ended {
                Some(Gesture::Select { from, to }) => {
                    band.set(None);
                    let to = column_fraction(&column, event.client_x()).map_or(to, |(x, _)| x);
                    let width = column_fraction(&column, 0).map_or(1.0, |(_, width)| width);
                    if commit && (to - from).abs() * width >= DRAG_THRESHOLD_PX {
                        on_window.emit((WindowChange::Select(from, to), domain));
                    }
                }
                Some(Gesture::Pan { moved: true, .. }) => *swallow_click.borrow_mut() = true,
                _ => {}
            }
        })
    };
    let wheel = |plain_zooms: bool| {
        let (column, on_window) = (column.clone(), on_window.clone());
        Callback::from(move |event: WheelEvent| {
            let Some((x, width)) = column_fraction(&column, event.client_x()) else { return };
            let sideways = event.delta_x().abs() > event.delta_y().abs();
            if event.ctrl_key()
                || event.meta_key()
                || (plain_zooms && !sideways && !event.shift_key())
            {
                event.prevent_default();
                on_window.emit((
                    WindowChange::Zoom {
                        anchor: x.clamp(0.0, 1.0),
                        factor: wheel_zoom_factor(&event),
                    },
                    domain,
                ));
            } else if sideways || event.shift_key() {
                event.prevent_default();
                let delta = if sideways { event.delta_x() } else { event.delta_y() };
                on_window.emit((WindowChange::Pan(delta / width), domain));
            }
        })
    };
    Gestures {
        axis_down,
        rows_down,
        move_,
        up: finish(true),
        cancel: finish(false),
        axis_wheel: wheel(true),
        rows_wheel: wheel(false),
    }
}

/// The treegrid's keys (WAI-ARIA treegrid pattern): arrows, Home/End, PageUp/PageDown,
/// Enter to open the details, `[`/`]` collapse/expand all, `/` search, `?` shortcuts, Esc.
fn keyboard(
    props: &RowsProps,
    visible: &Rc<Visible>,
    cursor: Rc<RefCell<Option<usize>>>,
    page: usize,
    domain: TimeWindow,
) -> Callback<KeyboardEvent> {
    let visible = visible.clone();
    let prepared = props.prepared.clone();
    let on_focus = props.on_focus.clone();
    let on_toggle = props.on_toggle.clone();
    let on_select = props.on_select.clone();
    let on_command = props.on_command.clone();
    let on_window = props.on_window.clone();
    let window = move |change: WindowChange| on_window.emit((change, domain));
    Callback::from(move |event: KeyboardEvent| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let id_at = |position: usize| {
            visible.slots.get(position).and_then(|slot| prepared.tree.job(slot.index).job_id())
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
                slot.has_children,
                slot.collapsed,
                prepared.tree.job(slot.index).parent().map(|parent| parent.index()),
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

/// The DOM id of a row (`sdrs-<instance>-<widget>-row-<job>`), for `aria-activedescendant`.
fn row_dom_id(prefix: &str, index: usize) -> String {
    format!("{prefix}-row-{index}")
}

/// A flag shared by the rows and the timeline, compared by identity in props.
#[derive(Clone)]
struct SharedFlag(Rc<RefCell<bool>>);

impl PartialEq for SharedFlag {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct RowItemProps {
    prepared: PreparedRef,
    /// What the layout decided for this row.
    slot: Slot,
    /// Its position among the rows (0-based).
    position: usize,
    /// Rows in the layout (for `data-of`).
    total: usize,
    locale: Locale,
    selected: bool,
    focused: bool,
    /// Drawn as on the critical path (highlight on and the job on it).
    critical: bool,
    /// The whole job's time.
    domain: TimeWindow,
    /// The time shown.
    window: TimeWindow,
    on_toggle: Callback<String>,
    on_select: Callback<String>,
    /// The pointer entered (some position) or left (none) the row.
    on_hover: Callback<Option<usize>>,
    /// Set when a pan drag ends, so its click does not select.
    swallow_click: SharedFlag,
    /// The widget's prefix of DOM ids.
    id_prefix: AttrValue,
}

/// One row. A component of its own so that a scroll re-renders only the rows that came
/// into view: the others have the same props and are skipped.
#[component]
fn RowItem(props: &RowItemProps) -> Html {
    let row = &props.slot;
    let (position, total, domain, window) =
        (props.position, props.total, props.domain, props.window);
    let (selected, focused, critical) = (props.selected, props.focused, props.critical);
    let locale = props.locale;
    let job = props.prepared.tree.job(row.index);
    let id = job.job_id().unwrap_or_default().to_owned();
    let label = props.prepared.index.label(row.index, locale).to_owned();
    let set_size = job.parent().map_or(1, |parent| props.prepared.child_count[parent.index()]);
    let depth = job.depth();
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
    let bar = if row.not_started {
        html! { <span class="sdrs-bar-pending">{ t(locale, "not started", "未开始") }</span> }
    } else {
        // Bars are fractions of the whole job; the window shows part of it.
        let begin = domain.at(row.left);
        match window.clip(begin, begin + row.width * domain.span()) {
            Some(bar) => html! {
                <div class={classes!("sdrs-bar", status_class(row.status_kind), row.running.then_some("is-live"), critical.then_some("is-critical"),
                        bar.cut_left.then_some("is-cut-left"), bar.cut_right.then_some("is-cut-right"))}
                    ~style={css(format!("left: {:.4}%; width: {:.4}%", bar.left * 100.0, bar.width * 100.0))}></div>
            },
            // Outside the zoomed window: say which way it is.
            None if begin < window.start_ms => {
                html! { <span class="sdrs-bar-offscreen is-before" aria-hidden="true">{ "◂" }</span> }
            }
            None => {
                html! { <span class="sdrs-bar-offscreen is-after" aria-hidden="true">{ "▸" }</span> }
            }
        }
    };
    html! {
        <div id={row_dom_id(&props.id_prefix, row.index)}
            class={classes!("sdrs-row", status_class(row.status_kind), selected.then_some("is-selected"), critical.then_some("is-critical"), focused.then_some("is-focused"))}
            role="row" aria-level={(depth + 1).to_string()} aria-rowindex={(position + 1).to_string()}
            aria-posinset={(job.child_position() + 1).to_string()} aria-setsize={set_size.to_string()}
            aria-selected={selected.to_string()}
            aria-expanded={row.has_children.then(|| (!row.collapsed).to_string())}
            data-job-id={id.clone()} data-status={job.status_text().unwrap_or_default().to_owned()}
            data-depth={depth.to_string()} data-of={total.to_string()}
            ~style={css(format!("top: {}px", position as f64 * ROW_HEIGHT))}
            {onclick} {onmouseenter} {onmouseleave}>
            <div class="sdrs-name" role="gridcell" ~style={css(format!("--depth: {depth}"))}>
                { for toggle }
                <span class="sdrs-status-icon" aria-hidden="true">{ status_icon(row.status_kind) }</span>
                <span class="sdrs-label">{ label }</span>
                <span class="sdrs-visually-hidden">{ ", " }{ crate::text::status_name(locale, row.status_kind) }</span>
                if row.collapsed {
                    <span class="sdrs-hidden-count" title={t(locale, "hidden sub-jobs", "隐藏的子任务")}>{ format!("+{}", job.descendant_count()) }</span>
                }
                if row.hidden_failure {
                    <span class="sdrs-hidden-failure" data-role="hidden-failure">{ "✕ " }{ t(locale, "failure inside", "内含失败") }</span>
                }
            </div>
            <div class="sdrs-bar-cell" role="gridcell">{ bar }</div>
        </div>
    }
}

fn tooltip(locale: Locale, props: &RowsProps, row: &Slot, position: usize) -> Html {
    let job = props.prepared.tree.job(row.index);
    let duration = match (job.begin_ms(), job.end_ms()) {
        (Some(begin), Some(end)) => Some(end - begin),
        (Some(begin), None) if row.running => Some(props.now - begin),
        _ => None,
    };
    html! {
        <div class="sdrs-tooltip" role="tooltip" ~style={css(format!("top: {}px", (position as f64 + 1.0) * ROW_HEIGHT))}>
            <strong>{ props.prepared.index.label(row.index, locale).to_owned() }</strong>
            <code>{ job.job_id().unwrap_or("—").to_owned() }</code>
            <span>{ job.status_text().unwrap_or("—").to_owned() }</span>
            if let Some(begin) = job.begin_ms() { <span>{ t(locale, "Began ", "开始 ") }{ format_local(begin) }</span> }
            if let Some(duration) = duration { <span>{ t(locale, "Took ", "耗时 ") }{ format_duration(duration) }</span> }
            if let Some(code) = job.error_code() { <span class="sdrs-tooltip-error">{ code }{ " " }{ job.fail_reason().unwrap_or_default() }</span> }
        </div>
    }
}
