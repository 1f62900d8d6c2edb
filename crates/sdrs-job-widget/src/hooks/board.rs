//! Watching many jobs at once: one polling loop per job (so never two requests in flight
//! for one), every request through the page's civility (a global limit in flight, one 429
//! or 503 pacing every loop to that host), each loop ending when its job ends. The board's
//! row of a job is derived once per answer, so rendering 100 jobs does not summarize 100
//! trees on every frame.

use std::rc::Rc;

use sdrs_job_core::board::BoardRow;
use sdrs_job_core::poll::PollPolicy;
use yew::prelude::*;

use crate::http::JobTarget;
use crate::watch::{run, Control, VisibilityListener, WatchAction, WatchState};

/// One job of the board: its watch and its row.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardEntry {
    /// The watch, as for one job.
    pub watch: WatchState,
    /// The row, from the latest answer.
    pub row: Rc<BoardRow>,
}

/// Every job of the board, in the order given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BoardState {
    /// The jobs.
    pub entries: Vec<BoardEntry>,
    /// A new number each time the board starts over, so a late answer of the last set of
    /// jobs is never taken for this one's.
    pub generation: u64,
    /// Bumped on every answer: what derives from all the trees (the combined timeline)
    /// keys on it.
    pub answers: u64,
}

/// A change to the board.
pub enum BoardAction {
    /// Start over with these jobs, as watch number `u64`.
    Reset(Rc<Vec<JobTarget>>, u64),
    /// A change to the watch of the `usize`th job, in `generation`.
    Job(u64, usize, WatchAction),
}

impl Reducible for BoardState {
    type Action = BoardAction;

    fn reduce(self: Rc<Self>, action: BoardAction) -> Rc<Self> {
        match action {
            BoardAction::Reset(targets, generation) => {
                let entries = targets
                    .iter()
                    .enumerate()
                    .map(|(position, target)| BoardEntry {
                        watch: WatchState {
                            target: Some(target.clone()),
                            generation,
                            ..WatchState::default()
                        },
                        row: Rc::new(BoardRow::new(&target.job_id, position, None, 0)),
                    })
                    .collect();
                Rc::new(BoardState { entries, generation, answers: self.answers })
            }
            BoardAction::Job(generation, index, action) => {
                if generation != self.generation || index >= self.entries.len() {
                    return self;
                }
                let mut next = (*self).clone();
                let entry = &mut next.entries[index];
                if let WatchAction::Loaded(tree, at, _) = &action {
                    let job_id = entry.row.job_id.clone();
                    entry.row = Rc::new(BoardRow::new(&job_id, index, Some(tree), *at));
                    next.answers += 1;
                }
                entry.watch = Rc::new(entry.watch.clone()).reduce(action).as_ref().clone();
                Rc::new(next)
            }
        }
    }
}

/// Watches every job of `targets` with `policy`.
#[hook]
pub fn use_board_watch(
    targets: Rc<Vec<JobTarget>>,
    policy: PollPolicy,
) -> UseReducerHandle<BoardState> {
    let state = use_reducer(BoardState::default);
    // Counted here, not read back from the state: a dispatch is not seen by the handle
    // at hand.
    let generations = use_mut_ref(|| 0_u64);
    {
        let state = state.clone();
        use_effect_with((targets, policy), move |(targets, policy)| {
            let generation = {
                let mut generations = generations.borrow_mut();
                *generations += 1;
                *generations
            };
            state.dispatch(BoardAction::Reset(targets.clone(), generation));
            let control = Rc::new(Control::default());
            let abort = web_sys::AbortController::new().ok();
            let visibility = VisibilityListener::new();
            if let Some(abort) = abort.clone() {
                for (index, target) in targets.iter().enumerate() {
                    // The dispatcher, not the handle (which holds the state it was made with).
                    let dispatcher = state.dispatcher();
                    let dispatch: Rc<dyn Fn(WatchAction)> = Rc::new(move |action| {
                        dispatcher.dispatch(BoardAction::Job(generation, index, action))
                    });
                    let (target, policy) = (target.clone(), *policy);
                    let (control, hidden, signal) =
                        (control.clone(), visibility.hidden.clone(), abort.signal());
                    wasm_bindgen_futures::spawn_local(async move {
                        run(target, policy, dispatch, control, hidden, signal).await;
                    });
                }
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
    state
}
