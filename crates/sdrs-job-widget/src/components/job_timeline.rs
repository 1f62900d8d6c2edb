//! [`JobTimeline`], the widget: it watches (or is given) a job, prepares it once per
//! response, lays it out once per change, tells the host what happened, and hands the
//! parts to the header, toolbar, timeline and detail panel.

use std::collections::HashSet;
use std::rc::Rc;
use std::time::Duration;

use sdrs_job_core::poll::PollPolicy;
use sdrs_job_core::{Analysis, JobTree, Locale, RowOrder, StatusSet, TickMode};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::compare::ComparePanel;
use super::detail::DetailPanel;
use super::error_banner::error_banner;
use super::export::ExportMenu;
use super::header::Header;
use super::live_status::live_status;
use super::prepared::{Observed, Prepared, PreparedRef, Shared, SharedTree};
pub use super::recorded::RecordedSession;
use super::replay::ReplayBar;
use super::shortcuts::Shortcuts;
use super::statistics::StatisticsPanel;
use super::timeline::{Command, Rows};
use super::toolbar::Toolbar;
use crate::hooks::use_now;
use crate::http::JobTarget;
use crate::text;
use crate::view::{AxisMode, ViewAction, ViewState};
use crate::watch::{use_job_watch, Phase};

/// Where the widget's job comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum JobSource {
    /// Fetch this job, and keep watching it while it runs.
    Watch(JobTarget),
    /// Show this job as it is (a sample, a pasted response, a host's own data).
    Static(SharedTree),
    /// Show a saved session (a session record opened offline): its last answer, as of that
    /// answer's time, with its history to replay.
    Recorded(RecordedSession),
}

/// Properties of [`JobTimeline`].
#[derive(Properties, PartialEq)]
pub struct JobTimelineProps {
    /// The job.
    pub source: JobSource,
    /// Language of labels.
    #[prop_or_default]
    pub locale: Locale,
    /// Polling policy (the core's defaults unless given).
    #[prop_or_default]
    pub policy: PollPolicy,
    /// A job id to select and scroll to once it is there (e.g. from a link).
    #[prop_or_default]
    pub select: Option<AttrValue>,
    /// Told when the selection changes (the console puts it in the URL); none when the
    /// selection is cleared.
    #[prop_or_default]
    pub on_select: Callback<Option<crate::SelectedJob>>,
    /// Told when the watched job's status changes, its first status included.
    #[prop_or_default]
    pub on_status_change: Callback<crate::StatusChange>,
    /// Told once when the watched job ends (SUCCESS or FAIL), with its summary.
    #[prop_or_default]
    pub on_finished: Callback<crate::Finished>,
    /// Told when watching stops on a final error or the time budget.
    #[prop_or_default]
    pub on_error: Callback<crate::WatchFailure>,
    /// `light` or `dark`; none follows the system (`prefers-color-scheme`).
    #[prop_or_default]
    pub theme: Option<AttrValue>,
    /// Move keyboard focus to the timeline when a job first shows (a page whose main
    /// content the widget is; an embedding host that has other things in focus leaves it
    /// off).
    #[prop_or_default]
    pub autofocus: bool,
    /// Show the job with its sub-jobs collapsed at first (the root open): the board's
    /// one-axis view, where each row is one of the jobs watched.
    #[prop_or_default]
    pub start_collapsed: bool,
}

/// Widgets made so far on this page, for unique DOM ids.
static WIDGETS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// The widget: header, live status, toolbar, timeline and detail panel.
#[component]
pub fn JobTimeline(props: &JobTimelineProps) -> Html {
    let locale = props.locale;
    let id_prefix = use_memo((), |()| {
        // A counter for the widgets of this wasm instance, and a random part for other
        // instances on the same page (the console and an npm widget each count from 0).
        let number = WIDGETS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let instance = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
        AttrValue::from(format!("sdrs-{instance:08x}-{number}"))
    });
    let target = match &props.source {
        JobSource::Watch(target) if !target.is_blank() => Some(target.clone()),
        JobSource::Watch(_) | JobSource::Static(_) | JobSource::Recorded(_) => None,
    };
    let watch = use_job_watch(target.clone(), props.policy);
    let tree: Option<Rc<JobTree>> = match &props.source {
        JobSource::Static(shared) => Some(shared.0.clone()),
        JobSource::Recorded(session) => Some(session.tree.clone()),
        JobSource::Watch(_) => watch.state.tree.clone(),
    };
    // A watched job runs in real time; a static one (a sample, a pasted response) is shown
    // as of its latest timestamp, since it was captured then.
    let is_static = !matches!(props.source, JobSource::Watch(_));
    // A recorded session stands as of its last answer.
    let recorded_at = match &props.source {
        JobSource::Recorded(session) => session.history.span_ms().map(|(_, last)| last),
        _ => None,
    };
    let running =
        !is_static && tree.as_ref().is_some_and(|tree| !tree.root().status().is_terminal());
    let ticking_now = use_now(running, Duration::from_millis(250));
    let fetched_at = watch.state.fetched_at_ms;
    // The history arrives with its tree, in the same action: keyed on the tree, both fit.
    let history = match &props.source {
        JobSource::Watch(_) => watch.state.history.clone(),
        JobSource::Recorded(session) => Some(session.history.clone()),
        JobSource::Static(_) => None,
    };
    let history_for_export = history.clone();
    let history_for_replay = history.clone();
    let prepared = use_memo(tree.clone().map(SharedTree), move |tree| {
        // Keyed on the tree's identity: a new response re-derives, a re-render does not.
        tree.as_ref().map(|SharedTree(tree)| {
            let analysis = Analysis::new(tree.clone());
            let at = if is_static { recorded_at.or(analysis.latest_ms()) } else { fetched_at }
                .unwrap_or_else(crate::clock::now_ms);
            let observed = history.map(|history| Observed::new(history, tree, None));
            Shared(Rc::new(Prepared { summary: analysis.summary(at), analysis, observed }))
        })
    });
    let now = match (is_static, prepared.as_ref()) {
        (true, Some(prepared)) => {
            recorded_at.or(prepared.analysis.latest_ms()).unwrap_or(ticking_now)
        }
        _ => ticking_now,
    };
    // Replay: which observed moment is shown (none: live), back to live for another job.
    let replay = use_state(|| None::<usize>);
    {
        let replay = replay.clone();
        use_effect_with((watch.state.generation, props.source.clone()), move |_| replay.set(None));
    }
    let moments = history_for_replay.as_ref().map(|history| Rc::new(history.moments().to_vec()));
    let replay_at = (*replay).and_then(|position| moments.as_ref()?.get(position).copied());
    // The job as the answers showed it then, derived once per moment and answer; the live
    // one stays what events and the host's selection follow.
    let replayed = use_memo((tree.clone().map(SharedTree), replay_at), move |(tree, at)| {
        let (SharedTree(tree), at) = (tree.as_ref()?, (*at)?);
        let history = history_for_replay?;
        let then = Rc::new(history.tree_at(tree, at)?);
        let analysis = Analysis::new(then.clone());
        let observed = Some(Observed::new(history, &then, Some(at)));
        Some(Shared(Rc::new(Prepared { summary: analysis.summary(at), analysis, observed })))
    });
    let shown: Option<PreparedRef> = (*replayed).clone().or_else(|| (*prepared).clone());
    let shown_now = replay_at.unwrap_or(now);
    // Exports are of the live job, whatever moment a replay shows.
    let export_target = match &props.source {
        JobSource::Watch(target) => {
            Some((target.endpoint.clone(), target.project_id.clone(), target.job_id.clone()))
        }
        JobSource::Recorded(session) => Some(session.target.clone()),
        JobSource::Static(_) => None,
    };
    let replay_bar = moments.filter(|moments| moments.len() >= 2).map(|moments| {
        let replay = replay.clone();
        html! { <ReplayBar {moments} at={*replay} {locale} on_change={Callback::from(move |at| replay.set(at))} /> }
    });
    let view = use_reducer(ViewState::default);
    {
        let (view, start_collapsed) = (view.clone(), props.start_collapsed);
        let first_tree = tree.clone().filter(|_| start_collapsed);
        use_effect_with(first_tree.is_some(), move |shown| {
            if let (true, Some(tree)) = (*shown, first_tree) {
                view.dispatch(ViewAction::CollapseAll(tree));
            }
        });
    }
    // One layout per change of the job, now, the collapsed set, the filter or the order:
    // the timeline, the toolbar's counts and "expand one level" all read it.
    let layout = use_memo(
        (
            shown.clone(),
            shown_now,
            Shared(view.collapsed.clone()),
            view.hidden_statuses,
            view.order,
        ),
        |(prepared, now, collapsed, hidden, order): &(
            Option<PreparedRef>,
            i64,
            Shared<HashSet<String>>,
            StatusSet,
            RowOrder,
        )| {
            prepared.as_ref().map(|prepared| {
                Shared(Rc::new(prepared.analysis.layout_in(*now, collapsed, *hidden, *order)))
            })
        },
    );
    let search_input = use_node_ref();
    use_host_selection(props, &view, &prepared, tree.is_some());
    use_selection_events(props, &view, &prepared);
    use_watch_events(props, &watch, &prepared, target.clone());

    let live = target.as_ref().map(|_| live_status(locale, &watch, now));
    let banner = watch.state.error.as_ref().map(|error| {
        let retrying = !matches!(watch.state.phase, Phase::Stopped(_));
        let kept_since = watch.state.tree.as_ref().and(watch.state.fetched_at_ms);
        error_banner(locale, error, retrying, kept_since)
    });

    let export = match (tree.clone(), shown.clone(), (*layout).clone()) {
        (Some(tree), Some(shown), Some(layout)) => {
            let domain = layout.domain();
            let window = view.zoom.map_or(domain, |zoom| zoom.clamp_to(domain));
            let mode = match view.axis {
                AxisMode::Relative => TickMode::Relative,
                AxisMode::Absolute => TickMode::Absolute {
                    utc_offset_minutes: if view.utc {
                        0
                    } else {
                        crate::clock::utc_offset_minutes(layout.start_ms)
                    },
                },
            };
            Some(html! {
                <ExportMenu {tree} history={history_for_export} target={export_target} now={now} {locale}
                    {shown} {layout} {window} {mode} />
            })
        }
        _ => None,
    };
    let live_job = (*prepared).clone();
    let compare_target = match &props.source {
        JobSource::Watch(target) => Some(target.clone()),
        _ => None,
    };
    let has_body = shown.is_some() && layout.is_some();
    let now = shown_now;
    let body = match (shown.as_ref(), layout.as_ref()) {
        (Some(prepared), Some(layout)) => {
            let on_reveal = {
                let view = view.clone();
                let tree = prepared.tree().clone();
                Callback::from(move |id: String| {
                    view.dispatch(ViewAction::Reveal(tree.clone(), id))
                })
            };
            let on_select = {
                let view = view.clone();
                Callback::from(move |id: Option<String>| view.dispatch(ViewAction::Select(id)))
            };
            let on_command = {
                let view = view.clone();
                let tree = prepared.tree().clone();
                let search_input = search_input.clone();
                Callback::from(move |command: Command| match command {
                    Command::CollapseAll => view.dispatch(ViewAction::CollapseAll(tree.clone())),
                    Command::ExpandAll => view.dispatch(ViewAction::ExpandAll),
                    Command::Help => view.dispatch(ViewAction::ToggleHelp),
                    Command::Dismiss => view.dispatch(ViewAction::Dismiss),
                    Command::Search => {
                        if let Some(input) = search_input.cast::<web_sys::HtmlElement>() {
                            let _ = input.focus();
                        }
                    }
                })
            };
            let help = view.help.then(|| {
                let view = view.clone();
                html! { <Shortcuts {locale} on_close={Callback::from(move |()| view.dispatch(ViewAction::ToggleHelp))} /> }
            });
            let detail = view.selected.as_ref().and_then(|id| prepared.analysis.index_of(id)).map(|index| {
                html! {
                    <DetailPanel key="detail" prepared={prepared.clone()} {index} {now} {replay_at} {locale} on_close={on_select.reform(|()| None)} />
                }
            });
            let dispatch = |action: fn(String) -> ViewAction| {
                let view = view.clone();
                Callback::from(move |id: String| view.dispatch(action(id)))
            };
            html! {
                <>
                    <Header prepared={prepared.clone()} {now} {locale} on_reveal={on_reveal.clone()} live={live.clone()} />
                    <Toolbar prepared={prepared.clone()} layout={layout.clone()} {locale} view={view.clone()} search_input={search_input.clone()} />
                    { for help }
                    <div class="sdrs-main">
                        <Rows key="rows" prepared={prepared.clone()} layout={layout.clone()} {now} {locale} view={(*view).clone()} theme={props.theme.clone()} id_prefix={(*id_prefix).clone()} autofocus={props.autofocus}
                            on_toggle={dispatch(ViewAction::Toggle)}
                            on_select={on_select.reform(Some)}
                            on_focus={dispatch(ViewAction::Focus)}
                            on_window={let view = view.clone(); Callback::from(move |(change, domain)| view.dispatch(ViewAction::Window(change, domain)))}
                            on_sort={let view = view.clone(); Callback::from(move |()| view.dispatch(ViewAction::NextOrder))}
                            {on_command} />
                        { for detail }
                    </div>
                    <div class="sdrs-below">
                        { for replay_bar }
                        { for export }
                        <StatisticsPanel prepared={prepared.clone()} {now} {locale} />
                        if let Some(live_job) = live_job.clone() {
                            <ComparePanel prepared={live_job} {now} {locale} target={compare_target.clone()} />
                        }
                    </div>
                </>
            }
        }
        _ => {
            let loading =
                matches!(watch.state.phase, Phase::Fetching) && watch.state.error.is_none();
            html! {
                <div class="sdrs-empty">
                    { if loading { text::LOADING.get(locale) } else { text::NO_JOB.get(locale) } }
                </div>
            }
        }
    };
    html! {
        <div class="sdrs-job-timeline" lang={locale.code()} data-theme={props.theme.clone()} onkeydown={forward_keys()}>
            // With a job shown, the live line sits in the header's title row.
            if !has_body { { for live } }
            { for banner }
            { body }
        </div>
    }
}

/// Selects what the host asked for (`select`) once the job has it.
#[hook]
fn use_host_selection(
    props: &JobTimelineProps,
    view: &UseReducerHandle<ViewState>,
    prepared: &Rc<Option<PreparedRef>>,
    has_tree: bool,
) {
    let view = view.clone();
    let prepared = prepared.clone();
    use_effect_with((props.select.clone(), has_tree), move |(wanted, _)| {
        if let (Some(wanted), Some(prepared)) = (wanted, prepared.as_ref()) {
            if prepared.analysis.index_of(wanted).is_some()
                && view.selected.as_deref() != Some(wanted.as_str())
            {
                view.dispatch(ViewAction::Reveal(prepared.tree().clone(), wanted.to_string()));
            }
        }
    });
}

/// Tells the host about selection changes (never at mount, when nothing is selected yet).
#[hook]
fn use_selection_events(
    props: &JobTimelineProps,
    view: &UseReducerHandle<ViewState>,
    prepared: &Rc<Option<PreparedRef>>,
) {
    let on_select = props.on_select.clone();
    let prepared: Option<PreparedRef> = (**prepared).clone();
    let told_selection = use_mut_ref(|| None::<String>);
    use_effect_with(view.selected.clone(), move |selected| {
        if *told_selection.borrow() == *selected {
            return;
        }
        told_selection.borrow_mut().clone_from(selected);
        let job = selected.as_deref().map(|id| {
            let found = prepared.as_ref().and_then(|prepared| {
                crate::SelectedJob::of(prepared.tree().job(prepared.analysis.index_of(id)?))
            });
            // A selection not in the tree (yet: a link's) is told by its id alone.
            found.unwrap_or_else(|| crate::SelectedJob::id_only(id))
        });
        on_select.emit(job);
    });
}

/// Tells the host about the watched job: once per status, once when watching stops. Only
/// from a state about the job shown now (in the render where the job changes, the state is
/// still the last job's), and afresh for every watch (`generation`).
#[hook]
fn use_watch_events(
    props: &JobTimelineProps,
    watch: &crate::watch::WatchHandle,
    prepared: &Rc<Option<PreparedRef>>,
    target: Option<JobTarget>,
) {
    let told = use_mut_ref(crate::events::Told::default);
    let stop = match watch.state.phase {
        Phase::Stopped(reason) => Some(reason),
        _ => None,
    };
    let status = (**prepared)
        .as_ref()
        .map(|prepared| prepared.tree().root().status_text().map(str::to_owned));
    let (on_status_change, on_finished, on_error) =
        (props.on_status_change.clone(), props.on_finished.clone(), props.on_error.clone());
    let prepared: Option<PreparedRef> = (**prepared).clone();
    let error = watch.state.error.clone();
    let current = target.is_some() && watch.state.target == target;
    let generation = watch.state.generation;
    use_effect_with((generation, current, status, stop), move |_| {
        if !current {
            return;
        }
        let root = prepared.as_ref().map(|prepared| (prepared.tree().root(), &prepared.summary));
        let events = crate::events::Told::next(&told, generation, root, stop, error.as_ref());
        if let Some(change) = events.status_change {
            on_status_change.emit(change);
        }
        if let Some(finished) = events.finished {
            on_finished.emit(finished);
        }
        if let Some(failure) = events.failure {
            on_error.emit(failure);
        }
    });
}

/// Keys pressed anywhere in the widget (not in a text field) go to the timeline: the
/// shortcuts work wherever focus is, and focus moves to the timeline with them.
fn forward_keys() -> Callback<KeyboardEvent> {
    Callback::from(|event: KeyboardEvent| {
        if event.default_prevented() || event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let Some(target) =
            event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let in_text =
            target.closest("input, textarea, select, [contenteditable]").ok().flatten().is_some();
        let on_control = target.closest("button, a, summary").ok().flatten().is_some();
        let key = event.key();
        // Enter and Space belong to the button or link that has focus.
        if in_text
            || target.closest(".sdrs-grid").ok().flatten().is_some()
            || (on_control && matches!(key.as_str(), "Enter" | " "))
            || !crate::components::timeline::is_shortcut(&key)
        {
            return;
        }
        let Some(grid) = event
            .current_target()
            .and_then(|root| root.dyn_into::<web_sys::Element>().ok())
            .and_then(|root| root.query_selector(".sdrs-grid").ok().flatten())
            .and_then(|grid| grid.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        grid.focus_with_options(&options).ok();
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(&key);
        init.set_shift_key(event.shift_key());
        init.set_bubbles(true);
        init.set_cancelable(true);
        if let Ok(forwarded) = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) {
            if grid.dispatch_event(&forwarded).is_ok() && forwarded.default_prevented() {
                event.prevent_default();
            }
        }
    })
}
