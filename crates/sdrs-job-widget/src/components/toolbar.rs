//! The toolbar: expand and collapse, jump through failures, search, the critical path, the
//! axis mode and the legend (the status filter).

use std::rc::Rc;

use sdrs_job_core::{step, JobIndex, Locale, StatusKind};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::legend::Legend;
use super::prepared::{LayoutRef, PreparedRef};
use crate::text;
use crate::view::{AxisMode, ViewAction, ViewState};

/// Properties of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub(crate) prepared: PreparedRef,
    /// The layout on screen (for the rows hidden by the filter, and "expand one level").
    pub(crate) layout: LayoutRef,
    pub locale: Locale,
    /// The viewer's choices, and where changes go.
    pub view: UseReducerHandle<ViewState>,
    /// The search box, focused by `/`.
    pub search_input: NodeRef,
}

/// The toolbar.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let (locale, view, prepared) = (props.locale, &props.view, &props.prepared);
    // Jobs matching the search, in tree order; only jobs with an id can be revealed.
    let matches: Rc<Vec<JobIndex>> =
        use_memo((prepared.clone(), view.query.clone(), locale), |(prepared, query, locale)| {
            let mut found = prepared.analysis.search(query, *locale);
            found.retain(|&index| prepared.tree().job(index).job_id().is_some());
            found
        });
    let dispatch = |action: fn(&PreparedRef) -> ViewAction| {
        let view = view.clone();
        let prepared = prepared.clone();
        Callback::from(move |_: MouseEvent| view.dispatch(action(&prepared)))
    };
    let expand_level = {
        let view = view.clone();
        let (prepared, layout) = (prepared.clone(), props.layout.clone());
        Callback::from(move |_: MouseEvent| {
            let ids = layout
                .slots
                .iter()
                .filter(|slot| slot.collapsed())
                .filter_map(|slot| prepared.tree().job(slot.index()).job_id().map(str::to_owned))
                .collect();
            view.dispatch(ViewAction::ExpandLevel(ids));
        })
    };
    let set_axis = |mode: AxisMode| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.dispatch(ViewAction::SetAxis(mode)))
    };
    let focused = view.focused.as_deref().and_then(|id| prepared.analysis.index_of(id));
    // Moves the focus to the next (or previous) of `indices`, wrapping around.
    let step_through = |indices: Rc<Vec<JobIndex>>, forward: bool| {
        let view = view.clone();
        let prepared = prepared.clone();
        Callback::from(move |_: MouseEvent| {
            reveal_next(&view, &prepared, &indices, forward);
        })
    };
    let failures: Rc<Vec<JobIndex>> = Rc::new(
        prepared
            .summary
            .failures
            .iter()
            .filter(|failure| failure.job_id.is_some())
            .map(|failure| failure.index)
            .collect(),
    );
    let jump =
        prepared.summary.first_origin().and_then(|failure| failure.job_id.clone()).map(|id| {
            let view = view.clone();
            let tree = prepared.tree().clone();
            Callback::from(move |_: MouseEvent| {
                view.dispatch(ViewAction::Reveal(tree.clone(), id.clone()))
            })
        });
    let match_text = if view.query.trim().is_empty() {
        String::new()
    } else {
        let position = focused.and_then(|index| matches.binary_search(&index).ok());
        text::match_count(locale, position, matches.len())
    };
    let on_search = {
        let view = view.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                view.dispatch(ViewAction::SetQuery(input.value()));
            }
        })
    };
    let on_search_key = {
        let view = view.clone();
        let prepared = prepared.clone();
        let matches = matches.clone();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Enter" => {
                event.prevent_default();
                reveal_next(&view, &prepared, &matches, !event.shift_key());
            }
            "Escape" => view.dispatch(ViewAction::SetQuery(String::new())),
            _ => {}
        })
    };
    let axis = view.axis;
    let axis_button = |mode: AxisMode, action: &'static str, phrase: text::Phrase| {
        let on = axis == mode;
        html! {
            <button type="button" class={classes!("sdrs-button", on.then_some("is-on"))} aria-pressed={on.to_string()}
                data-action={action} onclick={set_axis(mode)}>{ phrase.get(locale) }</button>
        }
    };
    let hidden_by_filter = props.layout.hidden_by_filter;
    html! {
        <div class="sdrs-toolbar" role="toolbar" aria-label={text::TIMELINE_TOOLS.get(locale)}>
            if prepared.tree().root().has_children() {
                <button type="button" class="sdrs-button" data-action="expand-all" onclick={dispatch(|_| ViewAction::ExpandAll)}>{ text::EXPAND_ALL.get(locale) }</button>
                <button type="button" class="sdrs-button" data-action="collapse-all" onclick={dispatch(|prepared| ViewAction::CollapseAll(prepared.tree().clone()))}>{ text::COLLAPSE_ALL.get(locale) }</button>
                <button type="button" class="sdrs-button" data-action="expand-level" onclick={expand_level}>{ text::EXPAND_LEVEL.get(locale) }</button>
            }
            if let Some(onclick) = jump {
                <button type="button" class="sdrs-button is-danger" data-action="first-failure" {onclick}>{ text::JUMP_TO_FAILURE.get(locale) }</button>
                <button type="button" class="sdrs-button is-small" data-action="previous-failure" aria-label={text::PREVIOUS_FAILURE.get(locale)} onclick={step_through(failures.clone(), false)}>{ "◀" }</button>
                <button type="button" class="sdrs-button is-small" data-action="next-failure" aria-label={text::NEXT_FAILURE.get(locale)} onclick={step_through(failures, true)}>{ "▶" }</button>
            }
            <span class="sdrs-search" role="search">
                <input type="search" ref={props.search_input.clone()} data-action="search" value={view.query.clone()}
                    placeholder={text::SEARCH_PLACEHOLDER.get(locale)}
                    aria-label={text::SEARCH_JOBS.get(locale)} oninput={on_search} onkeydown={on_search_key} />
                <span class="sdrs-match-count" aria-live="polite" data-role="match-count">{ match_text }</span>
                <button type="button" class="sdrs-button is-small" data-action="previous-match" aria-label={text::PREVIOUS_MATCH.get(locale)} onclick={step_through(matches.clone(), false)}>{ "↑" }</button>
                <button type="button" class="sdrs-button is-small" data-action="next-match" aria-label={text::NEXT_MATCH.get(locale)} onclick={step_through(matches, true)}>{ "↓" }</button>
            </span>
            <button type="button" class="sdrs-button is-small" data-action="shortcuts" aria-label={text::KEYBOARD_SHORTCUTS.get(locale)}
                onclick={dispatch(|_| ViewAction::ToggleHelp)}>{ text::KEYS_HINT.get(locale) }</button>
            <label class="sdrs-check">
                <input type="checkbox" data-action="critical-path" checked={view.critical}
                    onchange={let view = view.clone(); Callback::from(move |_: Event| view.dispatch(ViewAction::ToggleCritical))} />
                { text::CRITICAL_PATH.get(locale) }
            </label>
            <button type="button" class={classes!("sdrs-button", view.durations.then_some("is-on"))} aria-pressed={view.durations.to_string()}
                data-action="durations" title={text::DURATIONS_HINT.get(locale)} onclick={dispatch(|_| ViewAction::ToggleDurations)}>{ text::DURATIONS.get(locale) }</button>
            <span class="sdrs-segmented" role="group" aria-label={text::TIME_AXIS.get(locale)}>
                { axis_button(AxisMode::Relative, "axis-relative", text::RELATIVE) }
                { axis_button(AxisMode::Absolute, "axis-absolute", text::CLOCK_TIME) }
                if axis == AxisMode::Absolute {
                    <button type="button" class={classes!("sdrs-button", view.utc.then_some("is-on"))} aria-pressed={view.utc.to_string()}
                        data-action="axis-utc" title={text::UTC_HINT.get(locale)} onclick={dispatch(|_| ViewAction::ToggleUtc)}>{ "UTC" }</button>
                }
            </span>
            <Legend {locale} hidden={view.hidden_statuses}
                on_toggle={let view = view.clone(); Callback::from(move |status: StatusKind| view.dispatch(ViewAction::ToggleStatus(status)))} />
            if hidden_by_filter > 0 {
                <span class="sdrs-filter-note" data-role="hidden-by-filter">{ text::hidden_by_filter(locale, hidden_by_filter) }</span>
            }
        </div>
    }
}

/// Selects and reveals the next (or previous) of `indices` after the focused row.
fn reveal_next(
    view: &UseReducerHandle<ViewState>,
    prepared: &PreparedRef,
    indices: &[JobIndex],
    forward: bool,
) {
    let focused = view.focused.as_deref().and_then(|id| prepared.analysis.index_of(id));
    let next = step(indices, focused, forward);
    if let Some(id) = next.and_then(|index| prepared.tree().job(index).job_id()) {
        view.dispatch(ViewAction::Find(prepared.tree().clone(), id.to_owned()));
    }
}
