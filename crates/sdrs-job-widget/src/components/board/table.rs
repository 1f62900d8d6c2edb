//! The board as a table: one row per job, sortable by its headings (`aria-sort` says how),
//! each job one click from its timeline. Every server value is text.

use std::rc::Rc;

use sdrs_job_core::board::{BoardRow, BoardSort};
use sdrs_job_core::{format_duration, job_type_label, Locale, StatusKind};
use yew::prelude::*;

use crate::clock::format_local;
use crate::style::{css, status_class};
use crate::text::{status_icon, status_name};
use crate::text_board as words;

/// Properties of [`BoardTable`].
#[derive(Properties, PartialEq)]
pub(crate) struct BoardTableProps {
    /// The rows, sorted.
    pub rows: Vec<BoardRow>,
    /// Why each job's watch stopped without it ending, by position given.
    pub errors: Rc<Vec<Option<String>>>,
    pub locale: Locale,
    /// Now (epoch ms), for the elapsed time of running jobs.
    pub now: i64,
    /// The order and whether reversed.
    pub sort: (BoardSort, bool),
    pub on_sort: Callback<BoardSort>,
    pub on_open: Callback<String>,
}

/// The table.
#[component]
pub(crate) fn BoardTable(props: &BoardTableProps) -> Html {
    let locale = props.locale;
    let heading = |by: BoardSort| {
        let aria_sort = match props.sort {
            (current, descending) if current == by && by != BoardSort::Given => {
                if descending {
                    "descending"
                } else {
                    "ascending"
                }
            }
            _ => "none",
        };
        html! {
            <th scope="col" aria-sort={aria_sort}>
                <button type="button" class="sdrs-board-sort" data-sort={by.name()}
                    onclick={props.on_sort.reform(move |_: MouseEvent| by)}>
                    { words::sort_heading(locale, by) }
                </button>
            </th>
        }
    };
    html! {
        <table class="sdrs-board-table" data-role="board-table">
            <thead>
                <tr>
                    { heading(BoardSort::Label) }
                    { heading(BoardSort::Status) }
                    { heading(BoardSort::Progress) }
                    <th scope="col">{ words::FAILURE.get(locale) }</th>
                    { heading(BoardSort::Begin) }
                    { heading(BoardSort::Elapsed) }
                </tr>
            </thead>
            <tbody>
                { for props.rows.iter().map(|row| board_row(props, row)) }
            </tbody>
        </table>
    }
}

fn board_row(props: &BoardTableProps, row: &BoardRow) -> Html {
    let locale = props.locale;
    let answered = row.summary.is_some();
    let kind = row.kind();
    let status = row.summary.as_ref().and_then(|summary| summary.status.clone());
    let error = props.errors.get(row.position).cloned().flatten();
    let elapsed = match (row.ended(), row.begin_ms) {
        (false, Some(begin)) if answered => Some((props.now - begin).max(0)),
        _ => row.elapsed_ms(),
    };
    let open = {
        let id = row.job_id.clone();
        props.on_open.reform(move |_: MouseEvent| id.clone())
    };
    let failure = row.failure().map(|failure| {
        let step = job_type_label(failure.job_type.as_deref(), locale);
        let code = failure.error_code.clone().unwrap_or_default();
        let reason = failure.fail_reason.clone().unwrap_or_default();
        let whole = format!("{step}: {code} {reason}");
        html! {
            <span class="sdrs-board-failure" title={whole}>
                <span class="sdrs-board-step">{ step }</span>
                <code class="sdrs-board-code">{ code }</code>
                <span class="sdrs-board-reason">{ reason }</span>
            </span>
        }
    });
    let progress = row.progress();
    html! {
        <tr key={row.job_id.clone()} data-role="board-row" data-job-id={row.job_id.clone()}
            data-status={status.clone().unwrap_or_default()} class={classes!(answered.then(|| status_class(kind)))}>
            <td class="sdrs-board-job-cell">
                <button type="button" class="sdrs-board-open" data-action="board-open" onclick={open}
                    title={format!("{} {}", words::OPEN.get(locale), row.job_id)}>
                    <span class="sdrs-board-label">{ row.label(locale) }</span>
                    <code class="sdrs-board-id">{ row.job_id.clone() }</code>
                </button>
            </td>
            <td>
                if let Some(code) = error {
                    <span class="sdrs-badge is-fail" data-role="board-error">{ words::watch_stopped(locale, &code) }</span>
                } else if answered {
                    <span class={classes!("sdrs-badge", status_class(kind))}>
                        { format!("{} {}", status_icon(kind), status.clone().unwrap_or_else(|| status_name(locale, StatusKind::Unknown).to_owned())) }
                    </span>
                } else {
                    <span class="sdrs-board-pending">{ words::NOT_YET.get(locale) }</span>
                }
            </td>
            <td class="sdrs-board-progress">
                <span class="sdrs-board-meter" aria-hidden="true">
                    <span class={classes!("sdrs-board-meter-fill", status_class(kind))}
                        ~style={css(format!("width: {:.1}%", progress * 100.0))} />
                </span>
                <span data-role="board-percent">{ format!("{:.0}%", progress * 100.0) }</span>
            </td>
            <td class="sdrs-board-failure-cell">{ for failure }</td>
            // The time of day in the column, the whole date and time in its tooltip.
            <td class="sdrs-board-time" title={row.begin_ms.map(format_local).unwrap_or_default()}>
                { row.begin_ms.map(|ms| format_local(ms).get(11..19).unwrap_or_default().to_owned()).unwrap_or_default() }
            </td>
            <td class="sdrs-board-time" data-role="board-elapsed">{ elapsed.map(format_duration).unwrap_or_default() }</td>
        </tr>
    }
}
