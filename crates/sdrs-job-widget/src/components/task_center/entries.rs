//! One page of the Task Center as a table: when, what resource, what failed, the job (one
//! click to its timeline), the error with its meaning, and a delete. Every server value is
//! text.

use std::rc::Rc;

use sdrs_job_core::task_center::{FailureJob, FailureJobs, FailureStatus, ResourceKind};
use sdrs_job_core::{job_type_label, meaning_beside, Locale};
use yew::prelude::*;

use super::Pending;
use crate::clock::format_local;
use crate::components::timeline::short_id;
use crate::text_task_center as words;

/// Properties of [`Entries`].
#[derive(Properties)]
pub(crate) struct EntriesProps {
    pub locale: Locale,
    pub page: Rc<FailureJobs>,
    /// Open a job in the timeline.
    pub on_open: Callback<String>,
    /// Show the failures inside a protection group.
    pub on_inside: Callback<String>,
    /// Ask to delete an entry.
    pub on_delete: Callback<Pending>,
}

impl PartialEq for EntriesProps {
    fn eq(&self, other: &Self) -> bool {
        self.locale == other.locale
            && Rc::ptr_eq(&self.page, &other.page)
            && self.on_open == other.on_open
            && self.on_inside == other.on_inside
            && self.on_delete == other.on_delete
    }
}

/// The table.
#[component]
pub(crate) fn Entries(props: &EntriesProps) -> Html {
    let locale = props.locale;
    if props.page.failure_jobs.is_empty() {
        return html! { <p class="sdrs-empty" data-role="tc-empty">{ words::EMPTY.get(locale) }</p> };
    }
    html! {
        <table class="sdrs-tc-table">
            <thead>
                <tr>
                    <th scope="col">{ words::WHEN.get(locale) }</th>
                    <th scope="col">{ words::RESOURCE.get(locale) }</th>
                    <th scope="col">{ words::FAILURE.get(locale) }</th>
                    <th scope="col">{ words::JOB.get(locale) }</th>
                    <th scope="col">{ words::ERROR.get(locale) }</th>
                    <th scope="col"><span class="sdrs-visually-hidden">{ words::DELETE.get(locale) }</span></th>
                </tr>
            </thead>
            <tbody>
                { for props.page.failure_jobs.iter().map(|job| row(locale, job, props)) }
            </tbody>
        </table>
    }
}

fn row(locale: Locale, job: &FailureJob, props: &EntriesProps) -> Html {
    let job_id = job.job_id.clone().unwrap_or_default();
    let name = job
        .resource_name
        .clone()
        .or_else(|| job.resource_id.clone())
        .unwrap_or_else(|| job_id.clone());
    let failure = job
        .failure_status
        .as_deref()
        .map(|status| {
            FailureStatus::from_wire(status).map_or_else(
                || status.to_owned(),
                |known| words::failure_status(locale, known).to_owned(),
            )
        })
        .unwrap_or_default();
    let open = (!job_id.is_empty()).then(|| {
        let (on_open, id) = (props.on_open.clone(), job_id.clone());
        html! {
            <button type="button" class="sdrs-button is-small" data-action="tc-open" onclick={Callback::from(move |_: MouseEvent| on_open.emit(id.clone()))}>
                { words::OPEN.get(locale) }
            </button>
        }
    });
    // A group-level failure names its group: its failures inside are one click away.
    let inside = (job.resource_kind == ResourceKind::ServerGroup).then(|| job.resource_id.clone()).flatten().map(|group| {
        let on_inside = props.on_inside.clone();
        html! {
            <button type="button" class="sdrs-button is-small" data-action="tc-inside" onclick={Callback::from(move |_: MouseEvent| on_inside.emit(group.clone()))}>
                { words::INSIDE.get(locale) }
            </button>
        }
    });
    let delete_id = job.job_id.clone().or_else(|| job.resource_id.clone());
    let delete = delete_id.map(|id| {
        let (on_delete, name) = (props.on_delete.clone(), name.clone());
        html! {
            <button type="button" class="sdrs-button is-small is-danger" data-action="tc-delete" onclick={Callback::from(move |_: MouseEvent| on_delete.emit(Pending::One { id: id.clone(), name: name.clone() }))}>
                { words::DELETE.get(locale) }
            </button>
        }
    });
    let meaning = meaning_beside(job.error_code.as_deref(), job.fail_reason.as_deref(), locale);
    let resource_id = job.resource_id.clone().unwrap_or_default();
    html! {
        <tr data-role="tc-row" data-job-id={job_id.clone()} data-resource-kind={format!("{:?}", job.resource_kind)}>
            <td class="sdrs-tc-when">{ job.begin_ms.map(format_local).or_else(|| job.begin_time.clone()).unwrap_or_else(|| "—".to_owned()) }</td>
            <td class="sdrs-tc-resource">
                <span class="sdrs-tc-name">{ name }</span>
                <span class="sdrs-tc-kind">{ words::resource_kind(locale, job.resource_kind) }</span>
                if !resource_id.is_empty() {
                    <code title={resource_id.clone()}>{ short_id(&resource_id) }</code>
                }
                { for inside }
            </td>
            <td>{ failure }</td>
            <td class="sdrs-tc-job">
                <span>{ job_type_label(job.job_type.as_deref(), locale) }</span>
                <code title={job_id.clone()}>{ short_id(&job_id) }</code>
                { for open }
            </td>
            <td class="sdrs-tc-error">
                if let Some(code) = job.error_code.clone() { <code class="sdrs-failure-code">{ code }</code> }
                if let Some(meaning) = meaning { <span class="sdrs-failure-meaning">{ meaning }</span> }
                if let Some(reason) = job.fail_reason.clone() { <span class="sdrs-failure-reason">{ reason }</span> }
            </td>
            <td>{ for delete }</td>
        </tr>
    }
}
