//! The timeline itself: a name column beside a bar column on a shared time axis, with only
//! the rows in view (plus a margin) in the DOM, whatever the size of the job.
//!
//! - this file: [`Rows`], the virtualized list and how its parts fit together;
//! - `time_controls` and `overview`: the zoom buttons and the overview strip above;
//! - `axis`: the tick labels; `row_item`: one row; `tooltip`: the row under the pointer;
//! - `gestures`: pointer and wheel; `keys`: the treegrid's keys and [`Command`]s.

mod axis;
mod gestures;
mod highlight;
mod keys;
mod overview;
mod row_item;
mod time_controls;
mod tooltip;

use sdrs_job_core::{format_duration, readout, ticks_from, Locale, TickMode, TimeWindow};
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub(crate) use highlight::short_id;
pub(crate) use keys::is_shortcut;
pub use keys::Command;

use crate::clock::{utc_offset_minutes, zone_name};
use crate::components::prepared::{LayoutRef, PreparedRef};
use crate::hooks::use_size;
use crate::style::css;
use crate::text;
use crate::view::{AxisMode, ViewState, WindowChange};
use gestures::{gestures, Gesture};
use keys::{keyboard, KeyHandlers};
use row_item::{row_dom_id, RowItem, SharedFlag};
use time_controls::TimeControls;

/// Height of one row in pixels (CSS `--sdrs-row-height` must match).
pub const ROW_HEIGHT: f64 = 26.0;
/// Rows rendered above and below the visible ones (once the first rows are painted).
const OVERSCAN: usize = 8;

/// Properties of [`Rows`].
#[derive(Properties, PartialEq)]
pub struct RowsProps {
    pub(crate) prepared: PreparedRef,
    /// The rows as the core laid them out (kept across renders: scrolling, hovering and
    /// zooming reuse it; only a new response, now, collapsing or filtering lays out again).
    pub(crate) layout: LayoutRef,
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
    /// Sort the rows by duration (the next order).
    pub on_sort: Callback<()>,
    /// The host's theme (`light`, `dark`, none: the system's), for what is drawn, not styled.
    #[prop_or_default]
    pub theme: Option<AttrValue>,
    /// This widget's prefix of DOM ids (unique per widget, so several on a page never share
    /// an id or point their ARIA references at each other's rows).
    pub id_prefix: AttrValue,
    /// Focus the grid when the job first shows.
    #[prop_or_default]
    pub autofocus: bool,
}

/// The virtualized timeline.
#[component]
pub fn Rows(props: &RowsProps) -> Html {
    let locale = props.locale;
    let scroller = use_node_ref();
    let grid = use_node_ref();
    let scroll_top = use_state(|| 0.0_f64);
    // The first render draws the rows in view only, and the margin around them follows in a
    // task after they are painted: a first visit paints its first screen with a quarter fewer
    // rows to make, style and lay out. Later renders have the margin at once.
    let overscan = use_state(|| 0_usize);
    {
        let overscan = overscan.clone();
        use_effect_with((), move |()| {
            let pending = crate::clock::after_next_paint(move || overscan.set(OVERSCAN));
            move || drop(pending)
        });
    }
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
    // The axis's font, read once it is rendered (and again with the theme), for measuring
    // tick labels.
    let label_font = use_state(|| None::<String>);
    {
        let (label_font, column) = (label_font.clone(), axis_column.clone());
        use_effect_with(props.theme.clone(), move |_| {
            let font = axis::label_font(&column);
            if *label_font != font {
                label_font.set(font);
            }
        });
    }
    let bar_width = bar_width.max(1.0);
    let hovered = use_state(|| None::<usize>);
    let on_hover = {
        let hovered = hovered.clone();
        use_callback((), move |position: Option<usize>, ()| hovered.set(position))
    };
    let (prepared, layout, view) = (&props.prepared, &props.layout, &props.view);
    let total = layout.slots.len();
    let domain = layout.domain();
    let window = view.zoom.map_or(domain, |zoom| zoom.clamp_to(domain));
    let gesture = use_mut_ref(|| None::<Gesture>);
    let band = use_state(|| None::<(f64, f64)>);
    // Where the pointer is over the bars (a fraction of the window), for the time readout.
    let pointer = use_state(|| None::<f64>);
    // A click that ends a pan drag must not also select the row under it.
    let swallow_click = use_mut_ref(|| false);

    // A new job's rows are in the document: say so (User Timing), once per response. Not
    // for rows outside it (the first render warmed off the page, see `warm.rs`).
    {
        let scroller = scroller.clone();
        use_effect_with(prepared.clone(), move |_| {
            if scroller.cast::<web_sys::Node>().is_some_and(|node| node.is_connected()) {
                crate::clock::mark(crate::clock::marks::ROWS);
            }
        });
    }
    // Keep the focused row in view when it moves (keyboard, search, "show the failure").
    let focused_position = view
        .focused
        .as_deref()
        .and_then(|id| prepared.analysis.index_of(id))
        .and_then(|index| layout.position_of(index));
    // Focus the grid when the job first shows (if asked), and when a row is revealed ("Show
    // in timeline", "Jump to the failure", a search step): the keys then act on it.
    {
        let grid = grid.clone();
        use_effect_with(props.autofocus, move |autofocus| {
            if *autofocus {
                focus_quietly(&grid);
            }
        });
    }
    {
        let scroller = scroller.clone();
        let scroll_top = scroll_top.clone();
        let viewport_height = viewport;
        let current_top = *scroll_top;
        let grid = grid.clone();
        let from_search = view.reveal_keeps_focus;
        use_effect_with(view.reveal_serial, move |serial| {
            if *serial > 0 && !from_search {
                focus_quietly(&grid);
            }
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
    let handlers = KeyHandlers {
        on_focus: props.on_focus.clone(),
        on_toggle: props.on_toggle.clone(),
        on_select: props.on_select.clone(),
        on_command: props.on_command.clone(),
        on_window: props.on_window.clone(),
    };
    let page = ((viewport / ROW_HEIGHT) as usize).max(1);
    let onkeydown = keyboard(handlers, prepared, layout, cursor, page, domain);
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

    let first = ((*scroll_top / ROW_HEIGHT) as usize).saturating_sub(*overscan).min(total);
    let last = (((*scroll_top + viewport) / ROW_HEIGHT).ceil() as usize + *overscan).min(total);
    let mode = match view.axis {
        AxisMode::Relative => TickMode::Relative,
        AxisMode::Absolute => TickMode::Absolute {
            utc_offset_minutes: if view.utc { 0 } else { utc_offset_minutes(layout.start_ms) },
        },
    };
    // Clock time says which clock.
    let zone = match mode {
        TickMode::Absolute { utc_offset_minutes } => Some(zone_name(utc_offset_minutes)),
        TickMode::Relative => None,
    };
    let ticks = ticks_from(
        layout.start_ms,
        window.start_ms.round() as i64,
        window.end_ms.round() as i64,
        bar_width,
        mode,
    );
    let running = !prepared.tree().root().status().is_terminal();
    let now_x =
        running.then(|| window.fraction(layout.now_ms as f64)).filter(|x| (0.0..=1.0).contains(x));
    let gestures = gestures(
        &props.on_window,
        &axis_column,
        &gesture,
        &band,
        &swallow_click,
        &pointer,
        (window, domain),
    );
    let read_at = |x: f64| {
        let ms = window.at(x).round() as i64;
        readout(ms, layout.start_ms, window.span().round() as i64, bar_width, mode)
    };
    let pointer_time = pointer.map(|x| (x, read_at(x)));
    let band_view = band.map(|(from, to)| {
        let span = ((to - from).abs().min(1.0) * window.span()).round() as i64;
        (from, to, format_duration(span))
    });
    let sort = view.durations.then(|| (view.order, props.on_sort.reform(|_: MouseEvent| ())));
    let hovered_row = hovered
        .and_then(|position| layout.slots.get(position).map(|slot| (position, slot.index())));

    let swallow = SharedFlag(swallow_click.clone());
    let query = AttrValue::from(view.query.trim().to_owned());
    // Rows are keyed by their slot in a fixed pool, not by job: a scroll hands the slots of
    // the rows that left to the rows that came in, and yew patches those elements in place
    // instead of removing and creating them (rows are positioned absolutely, so DOM order
    // is free; `aria-rowindex` gives assistive technology the order).
    let pool = (viewport / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN + 1;
    let rows_html = layout.slots[first..last].iter().enumerate().map(|(offset, slot)| {
        let position = first + offset;
        let job_id = prepared.tree().job(slot.index()).job_id();
        let is = |chosen: &Option<String>| job_id.is_some() && chosen.as_deref() == job_id;
        // Only a row still waiting changes with the clock; the others keep equal props.
        let observed_init = prepared.observed_init(slot.index(), props.now);
        html! {
            <RowItem key={position % pool} prepared={prepared.clone()} slot={*slot} {position} {total} {locale}
                selected={is(&view.selected)} focused={is(&view.focused)} critical={view.critical && slot.critical()}
                {window} on_toggle={props.on_toggle.clone()} on_select={props.on_select.clone()}
                on_hover={on_hover.clone()} swallow_click={swallow.clone()} id_prefix={props.id_prefix.clone()} query={query.clone()} column_px={bar_width} durations={view.durations} {observed_init} />
        }
    });
    let canvas_height = total as f64 * ROW_HEIGHT;
    let active = focused_position
        .and_then(|position| layout.slots.get(position))
        .map(|slot| row_dom_id(&props.id_prefix, slot.index()));
    html! {
        <div class={classes!("sdrs-timeline", (!window.covers(domain)).then_some("is-zoomed"), view.durations.then_some("has-durations"))}>
            <TimeControls prepared={prepared.clone()} now={props.now} {domain} {window} {locale}
                theme={props.theme.clone()} on_window={props.on_window.clone()} />
            { axis::axis(axis::AxisView { locale, column: &axis_column, ticks: &ticks, width_px: bar_width,
                font: label_font.as_deref(), zone, band: band_view, pointer: pointer_time, sort }, &gestures) }
            // The height cap is set here too, so virtualization holds even where a host drops
            // our CSS.
            <div class="sdrs-scroller" ref={scroller} {onscroll} ~style={css("max-height: var(--sdrs-max-height, min(70vh, 720px)); overflow: auto".to_owned())}
                onwheel={gestures.rows_wheel} onpointerdown={gestures.rows_down} onpointermove={gestures.move_}
                onpointerup={gestures.up} onpointercancel={gestures.cancel} onpointerleave={gestures.leave}>
                <div class="sdrs-canvas" ~style={css(format!("height: {canvas_height}px"))}>
                    { for ticks.ticks.iter().map(|tick| html! {
                        <div class="sdrs-gridline" aria-hidden="true" data-ms={tick.ms.to_string()} ~style={css(format!("--x: {:.5}", tick.x))}></div>
                    }) }
                    if let Some(x) = *pointer {
                        <div class="sdrs-pointer-line" aria-hidden="true" ~style={css(format!("--x: {x:.5}"))}></div>
                    }
                    if let Some(x) = now_x {
                        <div class="sdrs-now-line" aria-hidden="true" ~style={css(format!("--x: {x:.5}"))}></div>
                    }
                    // Focus stays on this element; the active row is named by
                    // aria-activedescendant, so scrolling rows out of the DOM never loses it.
                    <div class="sdrs-grid" ref={grid} role="treegrid" tabindex="0" aria-label={text::JOBS_GRID.get(locale)}
                        aria-rowcount={total.to_string()} data-row-count={total.to_string()}
                        aria-activedescendant={active} {onkeydown}>
                        { for rows_html }
                    </div>
                    if let Some((position, index)) = hovered_row {
                        { tooltip::tooltip(prepared, (index, position, position as f64 * ROW_HEIGHT - *scroll_top > viewport / 2.0), props.now, locale) }
                    }
                </div>
            </div>
        </div>
    }
}

/// Focuses an element without scrolling the page to it.
fn focus_quietly(element: &NodeRef) {
    if let Some(element) = element.cast::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        element.focus_with_options(&options).ok();
    }
}
