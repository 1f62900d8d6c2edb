//! Watching a job: fetch it, and while it is INIT or RUNNING fetch it again on the core's
//! polling policy. One loop per job, so never two requests in flight for it; the loop
//! ends (and its request is aborted) when the job changes or the widget unmounts.
//!
//! Retryable errors (network, 408, 429, 5xx, a garbled body) are shown without losing the
//! last good job and retried with back-off; final errors and the time budget stop it.
//! The user can pause and resume. A hidden tab keeps asking, at the policy's longest delay,
//! so that a job ending there is still seen and told (the console's title, a
//! notification); shown again, it asks at once.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_timers::future::sleep;
use sdrs_job_core::exchange::poll_outcome;
use sdrs_job_core::history::History;
use sdrs_job_core::poll::{next_poll, PollDecision, PollPolicy, StopReason};
use sdrs_job_core::{ApiError, JobTree, ParseOptions};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::clock::now_ms;
use crate::http::JobTarget;

/// What the watcher is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// A request is in flight.
    Fetching,
    /// Waiting until `next_at_ms` for the next request.
    Waiting {
        /// When the next request goes out (epoch ms).
        next_at_ms: i64,
    },
    /// Paused by the user.
    Paused,
    /// Done.
    Stopped(StopReason),
}

/// Everything the watcher knows.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchState {
    /// The phase.
    pub phase: Phase,
    /// The last good job.
    pub tree: Option<Rc<JobTree>>,
    /// When it arrived (epoch ms).
    pub fetched_at_ms: Option<i64>,
    /// What this watch's answers showed, folded (none while the only answer is one of a
    /// job that had already ended: nothing moved, and nothing is spent on 100,000 jobs
    /// that only need showing).
    pub history: Option<Rc<History>>,
    /// The last error, kept until a good answer replaces it.
    pub error: Option<ApiError>,
    /// Requests made.
    pub attempts: u32,
    /// Which watch this is: a new number each time watching starts over (another job, or
    /// another policy), so that what is told about a job is never told for the next one.
    pub generation: u64,
    /// The job this state is about (none: idle).
    pub target: Option<JobTarget>,
}

impl Default for WatchState {
    fn default() -> Self {
        WatchState {
            phase: Phase::Fetching,
            tree: None,
            fetched_at_ms: None,
            history: None,
            error: None,
            attempts: 0,
            generation: 0,
            target: None,
        }
    }
}

/// A change to the watch state.
pub enum WatchAction {
    /// Start over (a new job, or a new policy).
    Reset(Option<JobTarget>),
    /// A request went out.
    Fetching(u32),
    /// A job arrived, at that time, with the history up to it.
    Loaded(Rc<JobTree>, i64, Option<Rc<History>>),
    /// An error arrived.
    Failed(ApiError),
    /// The next request is scheduled.
    Waiting(i64),
    /// Paused.
    Paused,
    /// Stopped for good.
    Stopped(StopReason),
}

impl Reducible for WatchState {
    type Action = WatchAction;

    fn reduce(self: Rc<Self>, action: WatchAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            WatchAction::Reset(target) => {
                return Rc::new(WatchState {
                    generation: self.generation + 1,
                    target,
                    ..WatchState::default()
                })
            }
            WatchAction::Fetching(attempt) => {
                next.phase = Phase::Fetching;
                next.attempts = attempt;
            }
            WatchAction::Loaded(tree, at, history) => {
                next.tree = Some(tree);
                next.fetched_at_ms = Some(at);
                next.history = history;
                next.error = None;
            }
            WatchAction::Failed(error) => next.error = Some(error),
            WatchAction::Waiting(at) => next.phase = Phase::Waiting { next_at_ms: at },
            WatchAction::Paused => next.phase = Phase::Paused,
            WatchAction::Stopped(reason) => next.phase = Phase::Stopped(reason),
        }
        Rc::new(next)
    }
}

/// Shared flags between the loop and the UI.
#[derive(Default)]
pub(crate) struct Control {
    pub(crate) cancelled: Cell<bool>,
    paused_by_user: Cell<bool>,
    refresh_now: Cell<bool>,
}

/// The watcher's state and its buttons.
#[derive(Clone)]
pub struct WatchHandle {
    /// The state.
    pub state: UseReducerHandle<WatchState>,
    /// Pause polling.
    pub pause: Callback<()>,
    /// Resume polling (and fetch at once).
    pub resume: Callback<()>,
    /// Watch again from the start, after watching stopped (a final error, the time budget).
    pub retry: Callback<()>,
}

/// How often the loop looks at its flags while it waits.
const TICK: Duration = Duration::from_millis(200);

/// Watches `target` (none: idle) with `policy`.
#[hook]
pub fn use_job_watch(target: Option<JobTarget>, policy: PollPolicy) -> WatchHandle {
    let state = use_reducer(WatchState::default);
    let control = use_mut_ref(|| Rc::new(Control::default()));
    // Bumped by Retry: the same job is watched afresh.
    let retries = use_state(|| 0_u32);
    {
        let state = state.clone();
        let control_slot = control.clone();
        use_effect_with((target, policy, *retries), move |(target, policy, _)| {
            let control = Rc::new(Control::default());
            *control_slot.borrow_mut() = control.clone();
            let abort = web_sys::AbortController::new().ok();
            state.dispatch(WatchAction::Reset(target.clone()));
            let visibility = VisibilityListener::new();
            if let (Some(target), Some(abort)) = (target.clone(), abort.clone()) {
                let loop_control = control.clone();
                let policy = *policy;
                let hidden = visibility.hidden.clone();
                // The dispatcher, not the handle: a handle holds the state it was made with
                // (the last job's tree) for as long as the loop runs.
                let dispatcher = state.dispatcher();
                let dispatch: Rc<dyn Fn(WatchAction)> =
                    Rc::new(move |action| dispatcher.dispatch(action));
                wasm_bindgen_futures::spawn_local(async move {
                    run(target, policy, dispatch, loop_control, hidden, abort.signal()).await;
                });
            }
            move || {
                control.cancelled.set(true);
                if let Some(abort) = abort {
                    abort.abort();
                }
                drop(visibility);
            }
        });
    }
    let pause = {
        let control = control.clone();
        let state = state.clone();
        Callback::from(move |()| {
            control.borrow().paused_by_user.set(true);
            if matches!(state.phase, Phase::Waiting { .. }) {
                state.dispatch(WatchAction::Paused);
            }
        })
    };
    let resume = {
        let control = control.clone();
        Callback::from(move |()| {
            let control = control.borrow();
            control.paused_by_user.set(false);
            control.refresh_now.set(true);
        })
    };
    let retry = Callback::from(move |()| retries.set(retries.wrapping_add(1)));
    WatchHandle { state, pause, resume, retry }
}

/// Watches `target` until its job ends, watching stops, or `control` cancels it, telling
/// `dispatch` each change. Every request waits for a slot of the page's civility.
pub(crate) async fn run(
    target: JobTarget,
    policy: PollPolicy,
    dispatch: Rc<dyn Fn(WatchAction)>,
    control: Rc<Control>,
    hidden: Rc<Cell<bool>>,
    signal: web_sys::AbortSignal,
) {
    let started = now_ms();
    let request = match target.request() {
        Ok(request) => request,
        Err(error) => {
            dispatch(WatchAction::Failed(error));
            dispatch(WatchAction::Stopped(StopReason::FinalError));
            return;
        }
    };
    // The page may have sent this watch's first request before its first render.
    let mut prefetched = crate::prefetch::take(&target);
    let mut history: Option<Rc<History>> = None;
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        dispatch(WatchAction::Fetching(attempt));
        let (slot, body) = match prefetched.take() {
            Some(pending) => {
                let Some(fetched) = pending.answer(&signal).await else { return };
                (fetched.slot, fetched.body)
            }
            None => {
                let Some(slot) = sdrs_job_fetch::civil::slot(&request.url, Some(&signal)).await
                else {
                    return;
                };
                let options = ParseOptions::default();
                let fetched = sdrs_job_fetch::fetch_body(
                    &request,
                    &target.transport,
                    Some(&signal),
                    policy.request_timeout_ms(),
                    &options,
                );
                crate::clock::mark(crate::clock::marks::REQUEST);
                // The first request of the page: warm the reading path while it is in flight.
                crate::warm::once();
                (slot, fetched.await)
            }
        };
        let Some(body) = body else { return };
        if control.cancelled.get() {
            return;
        }
        crate::clock::mark(crate::clock::marks::RESPONSE);
        let answer = sdrs_job_core::exchange::answer(&request, body);
        let outcome = poll_outcome(&answer);
        slot.finish(sdrs_job_fetch::civil::load_of(&answer));
        match answer {
            Ok(tree) => {
                let at = now_ms();
                // A job that had ended by its first answer has nothing to fold yet.
                if history.is_some() || !tree.root().status().is_terminal() {
                    // Shared with the state until this fold: then copied once.
                    Rc::make_mut(history.get_or_insert_with(Rc::default)).observe(at, &tree);
                }
                dispatch(WatchAction::Loaded(Rc::new(tree), at, history.clone()))
            }
            Err(error) => dispatch(WatchAction::Failed(error)),
        }
        let elapsed = (now_ms() - started).max(0) as u64;
        let delay = match next_poll(&policy, attempt, elapsed, outcome, js_sys::Math::random()) {
            PollDecision::Stop { reason } => {
                dispatch(WatchAction::Stopped(reason));
                return;
            }
            PollDecision::Wait { delay_ms, .. } => delay_ms as i64,
        };
        let shown_next_at = now_ms() + delay;
        let hidden_next_at = now_ms() + policy.hidden_delay_ms(delay as u64) as i64;
        let mut was_hidden = hidden.get();
        let mut next_at = if was_hidden { hidden_next_at } else { shown_next_at };
        dispatch(WatchAction::Waiting(next_at));
        let mut was_paused = false;
        loop {
            if control.cancelled.get() {
                return;
            }
            let paused = control.paused_by_user.get();
            if paused && !was_paused {
                dispatch(WatchAction::Paused);
            }
            let is_hidden = hidden.get();
            if (!paused && was_paused) || (was_hidden && !is_hidden) {
                // Back from a pause, or the tab shown again: ask at once rather than
                // finish an old countdown.
                next_at = now_ms();
            } else if is_hidden && !was_hidden {
                // Hidden now: the slower pace, never sooner than already planned.
                next_at = next_at.max(hidden_next_at);
                if !paused {
                    dispatch(WatchAction::Waiting(next_at));
                }
            }
            was_paused = paused;
            was_hidden = is_hidden;
            if control.refresh_now.replace(false) && !paused {
                break;
            }
            if !paused && now_ms() >= next_at {
                break;
            }
            sleep(TICK).await;
        }
    }
}

/// Tracks `document.visibilityState` while alive.
pub(crate) struct VisibilityListener {
    pub(crate) hidden: Rc<Cell<bool>>,
    listener: Option<Closure<dyn Fn()>>,
}

impl VisibilityListener {
    pub(crate) fn new() -> Self {
        let hidden = Rc::new(Cell::new(false));
        let Some(document) = web_sys::window().and_then(|window| window.document()) else {
            return VisibilityListener { hidden, listener: None };
        };
        hidden.set(document.visibility_state() == web_sys::VisibilityState::Hidden);
        let flag = hidden.clone();
        let watched = document.clone();
        let listener = Closure::<dyn Fn()>::new(move || {
            flag.set(watched.visibility_state() == web_sys::VisibilityState::Hidden);
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            listener.as_ref().unchecked_ref(),
        );
        VisibilityListener { hidden, listener: Some(listener) }
    }
}

impl Drop for VisibilityListener {
    fn drop(&mut self) {
        if let (Some(listener), Some(document)) =
            (self.listener.take(), web_sys::window().and_then(|window| window.document()))
        {
            let _ = document.remove_event_listener_with_callback(
                "visibilitychange",
                listener.as_ref().unchecked_ref(),
            );
        }
    }
}
