//! Many jobs at once ([`JobBoard`]): a sortable board of every job (its label, status,
//! progress, where it failed, when it began, how long it has taken), every job on one time
//! axis, and each job one click from its own timeline ("All jobs" comes back).
//!
//! The jobs are watched by [`use_board_watch`]: one loop per job, all through the page's
//! civility. Each job's end and status changes are told once, as for one job.

mod table;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use sdrs_job_core::board::{board_counts, combine, sort_board, BoardRow, BoardSort};
use sdrs_job_core::poll::PollPolicy;
use sdrs_job_core::{JobTree, Locale};
use yew::prelude::*;

use crate::components::{JobSource, JobTimeline, SharedTree};
use crate::events::{Finished, StatusChange, Told};
use crate::hooks::board::{use_board_watch, BoardState};
use crate::http::JobTarget;
use crate::text_board as words;
use crate::watch::Phase;

/// Properties of [`JobBoard`].
#[derive(Properties, PartialEq)]
pub struct JobBoardProps {
    /// The jobs, in the order given (the board's order until sorted).
    pub targets: Rc<Vec<JobTarget>>,
    /// Language of labels.
    #[prop_or_default]
    pub locale: Locale,
    /// Polling policy for every job (the core's defaults unless given).
    #[prop_or_default]
    pub policy: PollPolicy,
    /// The job shown in full, by id (none: the board). The board follows it when the
    /// host changes it, and tells `on_open` when the user does.
    #[prop_or_default]
    pub open: Option<AttrValue>,
    /// Told when the user opens a job (none: back to the board).
    #[prop_or_default]
    pub on_open: Callback<Option<String>>,
    /// Told once for each job that ends (SUCCESS or FAIL).
    #[prop_or_default]
    pub on_finished: Callback<Finished>,
    /// Told on each job's status changes, its first included.
    #[prop_or_default]
    pub on_status_change: Callback<StatusChange>,
}

/// What was told of each job, by id: kept by [`JobBoard`] across the board's remounts (a
/// job opened in full and back), so each end and status is told once whatever the view.
#[derive(Default)]
struct ToldByJob {
    by_job: HashMap<String, Rc<RefCell<Told>>>,
}

/// Shared between [`JobBoard`] and its [`Board`] (compared by identity).
#[derive(Clone, Default)]
struct ToldRef(Rc<RefCell<ToldByJob>>);

impl PartialEq for ToldRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ToldRef {
    fn of(&self, job_id: &str) -> Rc<RefCell<Told>> {
        self.0.borrow_mut().by_job.entry(job_id.to_owned()).or_default().clone()
    }
}

/// Board or one axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Board,
    OneAxis,
}

/// The board.
#[component]
pub fn JobBoard(props: &JobBoardProps) -> Html {
    let locale = props.locale;
    let opened = use_state(|| props.open.as_ref().map(|id| id.to_string()));
    let told = use_memo((), |()| ToldRef::default());
    {
        let opened = opened.clone();
        use_effect_with(props.open.clone(), move |open| {
            opened.set(open.as_ref().map(|id| id.to_string()))
        });
    }
    let open = {
        let (opened, on_open) = (opened.clone(), props.on_open.clone());
        Callback::from(move |id: Option<String>| {
            opened.set(id.clone());
            on_open.emit(id);
        })
    };
    if props.targets.is_empty() {
        return html! { <p class="sdrs-empty" data-role="board-empty">{ words::NO_JOBS.get(locale) }</p> };
    }
    // A job opened in full has its own watch; the board's loops stop meanwhile, and
    // start again (one request each, then only for the jobs still running) on return.
    if let Some(target) =
        (*opened).as_ref().and_then(|id| props.targets.iter().find(|target| &target.job_id == id))
    {
        // Its timeline tells what the board has not told yet, as the board would.
        let job_told = told.of(&target.job_id);
        let on_finished = {
            let (job_told, on_finished) = (job_told.clone(), props.on_finished.clone());
            Callback::from(move |finished: Finished| {
                if job_told.borrow_mut().mark_finished() {
                    on_finished.emit(finished);
                }
            })
        };
        let on_status_change = {
            let on_status_change = props.on_status_change.clone();
            Callback::from(move |change: StatusChange| {
                if job_told.borrow_mut().mark_status(change.status.as_deref(), change.kind) {
                    on_status_change.emit(change);
                }
            })
        };
        return html! {
            <div class="sdrs-board-job" data-role="board-job">
                <div class="sdrs-job-timeline sdrs-board-back-bar" lang={locale.code()}>
                <button type="button" class="sdrs-button sdrs-board-back" data-action="board-back"
                    onclick={open.reform(|_: MouseEvent| None)}>
                    { format!("← {} ({})", words::BACK.get(locale), props.targets.len()) }
                </button>
                </div>
                <JobTimeline source={JobSource::Watch(target.clone())} {locale} policy={props.policy}
                    autofocus=true {on_finished} {on_status_change} />
            </div>
        };
    }
    html! {
        <Board targets={props.targets.clone()} {locale} policy={props.policy} on_open={open.reform(Some)} told={(*told).clone()}
            on_finished={props.on_finished.clone()} on_status_change={props.on_status_change.clone()} />
    }
}

#[derive(Properties, PartialEq)]
struct BoardProps {
    targets: Rc<Vec<JobTarget>>,
    locale: Locale,
    policy: PollPolicy,
    on_open: Callback<String>,
    on_finished: Callback<Finished>,
    on_status_change: Callback<StatusChange>,
    told: ToldRef,
}

#[component]
fn Board(props: &BoardProps) -> Html {
    let locale = props.locale;
    let state = use_board_watch(props.targets.clone(), props.policy);
    let sort = use_state(|| (BoardSort::Given, false));
    let view = use_state(|| View::Board);
    use_board_events(props, &state);
    // Ticks while a watch goes on: a job whose watch stopped (a 404, the time budget) is
    // not running either.
    let now = crate::hooks::use_now(
        state.entries.iter().any(|entry| !matches!(entry.watch.phase, Phase::Stopped(_))),
        std::time::Duration::from_secs(1),
    );
    let rows: Vec<BoardRow> = {
        let mut rows: Vec<BoardRow> =
            state.entries.iter().map(|entry| (*entry.row).clone()).collect();
        sort_board(&mut rows, sort.0, sort.1, locale);
        rows
    };
    let counts = board_counts(&rows);
    let errors: Vec<Option<String>> =
        state.entries.iter().map(|entry| stopped_error(&entry.watch)).collect();
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |by: BoardSort| {
            // A heading sorts; again reverses; a third time returns to the given order.
            let next = match *sort {
                (current, false) if current == by && by != BoardSort::Given => (by, true),
                (current, true) if current == by => (BoardSort::Given, false),
                _ => (by, false),
            };
            sort.set(next);
        })
    };
    let view_button = |which: View, label: &'static str, action: &'static str| {
        let view = view.clone();
        html! {
            <button type="button" class="sdrs-button" data-action={action}
                aria-pressed={(*view == which).to_string()} onclick={Callback::from(move |_: MouseEvent| view.set(which))}>
                { label }
            </button>
        }
    };
    let body = match *view {
        View::Board => html! {
            <table::BoardTable {rows} errors={Rc::new(errors)} {locale} {now} sort={*sort}
                on_sort={on_sort} on_open={props.on_open.clone()} />
        },
        View::OneAxis => html! { <OneAxis state={state.clone()} {locale} /> },
    };
    html! {
        <section class="sdrs-job-timeline sdrs-board" lang={locale.code()} data-role="board" aria-label={words::TITLE.get(locale)}>
            <div class="sdrs-board-bar">
                <p class="sdrs-board-counts" data-role="board-counts" role="status">{ words::counts(locale, &counts) }</p>
                <div class="sdrs-board-views" role="group" aria-label={words::VIEWS.get(locale)}>
                    { view_button(View::Board, words::AS_BOARD.get(locale), "board-view") }
                    { view_button(View::OneAxis, words::AS_ONE_AXIS.get(locale), "one-axis-view") }
                </div>
            </div>
            { body }
        </section>
    }
}

/// Why a job's watch stopped without the job ending, as a code (none while it goes on).
fn stopped_error(watch: &crate::watch::WatchState) -> Option<String> {
    match (&watch.phase, &watch.error) {
        (Phase::Stopped(sdrs_job_core::poll::StopReason::FinalError), Some(error)) => {
            Some(error.code.clone())
        }
        (Phase::Stopped(sdrs_job_core::poll::StopReason::TimedOut), _) => {
            Some("TIMED_OUT".to_owned())
        }
        _ => None,
    }
}

/// Tells each job's status changes and end once, as [`JobTimeline`] does for one job.
#[hook]
fn use_board_events(props: &BoardProps, state: &UseReducerHandle<BoardState>) {
    let told = props.told.clone();
    let answers = state.answers;
    let stops: Vec<bool> =
        state.entries.iter().map(|entry| matches!(entry.watch.phase, Phase::Stopped(_))).collect();
    let state = (**state).clone();
    let (on_status_change, on_finished) =
        (props.on_status_change.clone(), props.on_finished.clone());
    use_effect_with((state.generation, answers, stops), move |_| {
        for entry in &state.entries {
            let told = told.of(&entry.row.job_id);
            let stop = match entry.watch.phase {
                Phase::Stopped(reason) => Some(reason),
                _ => None,
            };
            let root = entry.watch.tree.as_ref().zip(entry.row.summary.as_ref());
            let root = root.map(|(tree, summary)| (tree.root(), summary));
            // One number for every mount: what was told survives a remount.
            let events = Told::next(&told, 1, root, stop, entry.watch.error.as_ref());
            if let Some(change) = events.status_change {
                on_status_change.emit(change);
            }
            if let Some(finished) = events.finished {
                on_finished.emit(finished);
            }
        }
    });
}

#[derive(Properties, PartialEq)]
struct OneAxisProps {
    state: UseReducerHandle<BoardState>,
    locale: Locale,
}

/// Every job answered so far as a sub-job of one root, on one axis, re-made on each answer.
#[component]
fn OneAxis(props: &OneAxisProps) -> Html {
    let answers = props.state.answers;
    let trees: Vec<Rc<JobTree>> =
        props.state.entries.iter().filter_map(|entry| entry.watch.tree.clone()).collect();
    let combined = use_memo((props.state.generation, answers), move |_| {
        let trees: Vec<&JobTree> = trees.iter().map(Rc::as_ref).collect();
        combine(&trees).map(|tree| SharedTree(Rc::new(tree)))
    });
    match (*combined).clone() {
        Some(tree) => html! {
            <div class="sdrs-board-axis" data-role="one-axis">
                <JobTimeline source={JobSource::Static(tree)} locale={props.locale} start_collapsed=true />
            </div>
        },
        None => html! { <p class="sdrs-empty">{ words::WAITING_ANSWERS.get(props.locale) }</p> },
    }
}
