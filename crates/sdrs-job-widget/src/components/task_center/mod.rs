//! [`TaskCenter`]: the service's list of failed jobs, as the API has it: filters, paging
//! through any number of entries (1000 at most per request), each entry's job one click
//! from the timeline, and deletes (one entry, a group's, every group-level one) asked for
//! in the page before they are sent, never by a browser dialog.
//!
//! - this file: the panel, its state and paging;
//! - `filters`: the filter form; `entries`: the table of one page.

mod entries;
mod filters;

use sdrs_job_core::exchange::TaskCenterCall;
use sdrs_job_core::task_center::FailureJobsQuery;
use sdrs_job_core::{ApiError, Locale};
use yew::prelude::*;

use super::error_banner::error_banner;
use crate::hooks::task_center::{delete, use_failure_jobs};
use crate::http::JobTarget;
use crate::text_task_center as words;
use entries::Entries;
use filters::{Draft, Filters};

/// Entries per page the panel offers.
const PAGE_SIZES: [u32; 4] = [50, 100, 500, 1_000];

/// Properties of [`TaskCenter`].
#[derive(Properties, PartialEq)]
pub struct TaskCenterProps {
    /// The project and how to reach it (its job id is not used).
    pub target: JobTarget,
    /// Language.
    #[prop_or_default]
    pub locale: Locale,
    /// Open a job (by id) in the timeline.
    pub on_open: Callback<String>,
    /// Start inside this protection group (else at group level).
    #[prop_or_default]
    pub server_group_id: Option<AttrValue>,
}

/// A delete waiting for the user's word.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Pending {
    /// One entry: its job id (or resource id) and how it is named.
    One { id: String, name: String },
    /// Every entry of the list shown (a group's, or every group-level one).
    All { group: Option<String>, count: u64 },
}

/// The Task Center panel.
#[component]
pub fn TaskCenter(props: &TaskCenterProps) -> Html {
    let locale = props.locale;
    let initial_group = props.server_group_id.as_ref().map(|group| group.to_string());
    let draft = use_state(|| Draft {
        server_group_id: initial_group.clone().unwrap_or_default(),
        ..Draft::default()
    });
    let query = use_state(|| FailureJobsQuery {
        server_group_id: initial_group,
        limit: Some(100),
        offset: Some(0),
        ..FailureJobsQuery::default()
    });
    let serial = use_state(|| 0_u32);
    let pending = use_state(|| None::<Pending>);
    let notice = use_state(|| None::<Result<(), ApiError>>);
    let state = use_failure_jobs(props.target.clone(), (*query).clone(), *serial);

    let limit = query.limit.unwrap_or(100).max(1) as u64;
    let offset = query.offset.unwrap_or(0);
    let total = state.page.as_ref().and_then(|page| page.count).unwrap_or(0);
    let shown = state.page.as_ref().map_or(0, |page| page.failure_jobs.len() as u64);
    let pages = total.div_ceil(limit).max(1);
    let page_number = offset / limit + 1;
    let go_to = |to_offset: u64| {
        let query = query.clone();
        Callback::from(move |_: MouseEvent| {
            query.set(FailureJobsQuery { offset: Some(to_offset), ..(*query).clone() })
        })
    };
    let last_offset = (pages - 1) * limit;
    let on_apply = {
        let (query, notice) = (query.clone(), notice.clone());
        Callback::from(move |draft: Draft| {
            notice.set(None);
            query.set(FailureJobsQuery { offset: Some(0), limit: query.limit, ..draft.to_query() });
        })
    };
    let on_page_size = {
        let query = query.clone();
        Callback::from(move |event: Event| {
            let size = event
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|select| select.value().parse::<u32>().ok())
                .filter(|size| PAGE_SIZES.contains(size));
            if let Some(size) = size {
                query.set(FailureJobsQuery {
                    limit: Some(size),
                    offset: Some(0),
                    ..(*query).clone()
                });
            }
        })
    };
    let refresh = {
        let serial = serial.clone();
        Callback::from(move |_: MouseEvent| serial.set(serial.wrapping_add(1)))
    };
    let inside = {
        let (query, draft) = (query.clone(), draft.clone());
        Callback::from(move |group: Option<String>| {
            draft.set(Draft {
                server_group_id: group.clone().unwrap_or_default(),
                ..Draft::default()
            });
            query.set(FailureJobsQuery {
                server_group_id: group,
                offset: Some(0),
                limit: query.limit,
                ..FailureJobsQuery::default()
            });
        })
    };
    let ask = {
        let (pending, notice) = (pending.clone(), notice.clone());
        Callback::from(move |what: Pending| {
            notice.set(None);
            pending.set(Some(what));
        })
    };
    let confirm = {
        let (pending, notice, serial, target, query) =
            (pending.clone(), notice.clone(), serial.clone(), props.target.clone(), query.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(what) = (*pending).clone() else { return };
            pending.set(None);
            let (notice, serial, target, query) =
                (notice.clone(), serial.clone(), target.clone(), query.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let call = match &what {
                    Pending::One { id, .. } => TaskCenterCall::Delete(id),
                    Pending::All { group: Some(group), .. } => TaskCenterCall::DeleteGroup(group),
                    Pending::All { group: None, .. } => TaskCenterCall::DeleteGroupLevel,
                };
                let result = delete(&target, &call).await;
                // After a delete the page may be past the end: back to the first.
                if result.is_ok() && matches!(what, Pending::All { .. }) {
                    query.set(FailureJobsQuery { offset: Some(0), ..(*query).clone() });
                }
                notice.set(Some(result));
                serial.set(serial.wrapping_add(1));
            });
        })
    };
    let cancel = {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(None))
    };
    let group = query.server_group_id.clone();
    let confirmation = (*pending).clone().map(|what| {
        let question = match &what {
            Pending::One { name, .. } => words::confirm_one(locale, name),
            Pending::All { group, count } => words::confirm_many(locale, group.as_deref(), *count),
        };
        html! {
            <div class="sdrs-tc-confirm" role="alertdialog" aria-modal="false" aria-label={words::DELETE.get(locale)} data-role="tc-confirm">
                <p><strong>{ question }</strong></p>
                <p class="sdrs-tc-hint">{ words::CONFIRM_NOTE.get(locale) }</p>
                <button type="button" class="sdrs-button is-danger" data-action="tc-confirm-delete" onclick={confirm.clone()}>{ words::DELETE.get(locale) }</button>
                <button type="button" class="sdrs-button" data-action="tc-cancel" onclick={cancel.clone()}>{ words::CANCEL.get(locale) }</button>
            </div>
        }
    });
    let notice_html = (*notice).clone().map(|result| match result {
        Ok(()) => html! { <p class="sdrs-tc-notice" role="status" data-role="tc-notice">{ words::DELETED.get(locale) }</p> },
        Err(error) => error_banner(locale, &error, false, None),
    });
    let first_shown = if shown == 0 { 0 } else { offset + 1 };
    let delete_all = (total > 0).then(|| {
        let ask = ask.clone();
        let group = group.clone();
        let label = if group.is_some() { words::DELETE_GROUP } else { words::DELETE_GROUP_LEVEL };
        html! {
            <button type="button" class="sdrs-button is-danger" data-action="tc-delete-all"
                onclick={Callback::from(move |_: MouseEvent| ask.emit(Pending::All { group: group.clone(), count: total }))}>
                { label.get(locale) }
            </button>
        }
    });
    html! {
        <section class="sdrs-job-timeline sdrs-task-center" lang={locale.code()} aria-label={words::TITLE.get(locale)} data-role="task-center"
            aria-busy={state.loading.to_string()}>
            <h2 class="sdrs-tc-title">{ words::TITLE.get(locale) }</h2>
            <p class="sdrs-tc-hint">{ words::HINT.get(locale) }</p>
            <Filters {locale} draft={draft.clone()} on_apply={on_apply} />
            if let Some(group) = group.clone() {
                <p class="sdrs-tc-scope" data-role="tc-scope">
                    { words::inside_group(locale, &group) }{ " " }
                    <button type="button" class="sdrs-button is-small" data-action="tc-back-to-groups"
                        onclick={inside.reform(|_: MouseEvent| None)}>{ words::BACK_TO_GROUPS.get(locale) }</button>
                </p>
            }
            if let Some(error) = state.error.as_ref() {
                { error_banner(locale, error, false, None) }
            }
            { for notice_html }
            <div class="sdrs-tc-bar">
                <span data-role="tc-range" aria-live="polite">{ words::range(locale, first_shown, offset + shown, total) }</span>
                <button type="button" class="sdrs-button is-small" data-action="tc-first" aria-label={words::FIRST.get(locale)} disabled={offset == 0} onclick={go_to(0)}>{ "«" }</button>
                <button type="button" class="sdrs-button" data-action="tc-previous" disabled={offset == 0} onclick={go_to(offset.saturating_sub(limit))}>{ words::PREVIOUS.get(locale) }</button>
                <span data-role="tc-page">{ words::page_of(locale, page_number, pages) }</span>
                <button type="button" class="sdrs-button" data-action="tc-next" disabled={offset + limit >= total} onclick={go_to(offset + limit)}>{ words::NEXT.get(locale) }</button>
                <button type="button" class="sdrs-button is-small" data-action="tc-last" aria-label={words::LAST.get(locale)} disabled={offset >= last_offset} onclick={go_to(last_offset)}>{ "»" }</button>
                <label class="sdrs-tc-size">{ words::PER_PAGE.get(locale) }
                    <select data-action="tc-page-size" onchange={on_page_size}>
                        { for PAGE_SIZES.iter().map(|size| html! { <option value={size.to_string()} selected={*size as u64 == limit}>{ size }</option> }) }
                    </select>
                </label>
                <button type="button" class="sdrs-button" data-action="tc-refresh" onclick={refresh}>{ words::REFRESH.get(locale) }</button>
                { for delete_all }
            </div>
            { for confirmation }
            if state.loading && state.page.is_none() {
                <p class="sdrs-empty">{ words::LOADING.get(locale) }</p>
            }
            if let Some(page) = state.page.clone() {
                <Entries {locale} {page} on_open={props.on_open.clone()} on_inside={inside.reform(Some)} on_delete={ask} />
            }
        </section>
    }
}
