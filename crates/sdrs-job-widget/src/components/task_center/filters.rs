//! The Task Center's filters, as the API has them: the protection group (none: the
//! group-level failures), the failure, the resource type and name. Applied on submit.

use sdrs_job_core::task_center::{FailureJobsQuery, FailureStatus, ResourceKindFilter};
use sdrs_job_core::Locale;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::text_task_center as words;

/// The filters as typed, before they are applied.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Draft {
    pub server_group_id: String,
    pub failure_status: Option<FailureStatus>,
    pub resource_type: Option<ResourceKindFilter>,
    pub resource_name: String,
}

impl Draft {
    /// The query of these filters (paging left at its defaults).
    pub fn to_query(&self) -> FailureJobsQuery {
        let text = |value: &str| Some(value.trim().to_owned()).filter(|value| !value.is_empty());
        FailureJobsQuery {
            server_group_id: text(&self.server_group_id),
            failure_status: self.failure_status,
            resource_type: self.resource_type,
            resource_name: text(&self.resource_name),
            ..FailureJobsQuery::default()
        }
    }
}

const RESOURCE_TYPES: [(ResourceKindFilter, &str); 4] = [
    (ResourceKindFilter::ServerGroups, "server_groups"),
    (ResourceKindFilter::ProtectedInstances, "protected_instances"),
    (ResourceKindFilter::Replications, "replications"),
    (ResourceKindFilter::DisasterRecoveryDrills, "disaster_recovery_drills"),
];

/// Properties of [`Filters`].
#[derive(Properties, PartialEq)]
pub(crate) struct FiltersProps {
    pub locale: Locale,
    /// The filters as typed (kept by the panel, so "Failures inside" can fill them).
    pub draft: UseStateHandle<Draft>,
    /// Apply these filters.
    pub on_apply: Callback<Draft>,
}

fn value_of(event: &Event) -> String {
    event
        .target()
        .and_then(|target| {
            target.dyn_ref::<web_sys::HtmlInputElement>().map(|input| input.value()).or_else(|| {
                target.dyn_ref::<web_sys::HtmlSelectElement>().map(|select| select.value())
            })
        })
        .unwrap_or_default()
}

/// The filter form.
#[component]
pub(crate) fn Filters(props: &FiltersProps) -> Html {
    let (locale, draft) = (props.locale, &props.draft);
    let edit = |change: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = (*draft).clone();
            change(&mut next, value_of(&event));
            draft.set(next);
        })
    };
    let onsubmit = {
        let (draft, on_apply) = (draft.clone(), props.on_apply.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_apply.emit((*draft).clone());
        })
    };
    let clear = {
        let (draft, on_apply) = (draft.clone(), props.on_apply.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(Draft::default());
            on_apply.emit(Draft::default());
        })
    };
    html! {
        <form class="sdrs-tc-filters" aria-label={words::FILTERS.get(locale)} {onsubmit}>
            <label>{ words::GROUP.get(locale) }
                <input type="text" name="server_group_id" value={draft.server_group_id.clone()} placeholder={words::GROUP_PLACEHOLDER.get(locale)}
                    onchange={edit(|draft, value| draft.server_group_id = value)} />
            </label>
            <label>{ words::FAILURE.get(locale) }
                <select name="failure_status" onchange={edit(|draft, value| draft.failure_status = FailureStatus::from_wire(&value))}>
                    <option value="" selected={draft.failure_status.is_none()}>{ words::ANY.get(locale) }</option>
                    { for FailureStatus::ALL.into_iter().map(|status| html! {
                        <option value={status.as_str()} selected={draft.failure_status == Some(status)}>{ words::failure_status(locale, status) }</option>
                    }) }
                </select>
            </label>
            <label>{ words::RESOURCE.get(locale) }
                <select name="resource_type" onchange={edit(|draft, value| {
                    draft.resource_type = RESOURCE_TYPES.iter().find(|(_, wire)| *wire == value).map(|(filter, _)| *filter);
                })}>
                    <option value="" selected={draft.resource_type.is_none()}>{ words::ANY.get(locale) }</option>
                    { for RESOURCE_TYPES.iter().map(|(filter, wire)| html! {
                        <option value={*wire} selected={draft.resource_type == Some(*filter)}>{ words::resource_kind(locale, filter.kind()) }</option>
                    }) }
                </select>
            </label>
            <label>{ words::NAME.get(locale) }
                <input type="text" name="resource_name" value={draft.resource_name.clone()} onchange={edit(|draft, value| draft.resource_name = value)} />
            </label>
            <button type="submit" class="sdrs-button" data-action="tc-apply">{ words::APPLY.get(locale) }</button>
            <button type="button" class="sdrs-button" data-action="tc-clear" onclick={clear}>{ words::CLEAR.get(locale) }</button>
        </form>
    }
}
