//! The first request of a page, sent before its first render. A widget's watch starts in an
//! effect, after the first render, and on a first visit that render runs cold code: about
//! 100 ms of the console's boot went by before the request went out (BENCHMARKS.md). A page
//! that knows its job before rendering (the console's link, `mount` with a job to watch)
//! calls [`start`]: the request goes out at once, the first render runs while the network
//! answers, and the first watch of the same target takes the answer instead of asking again.
//!
//! Invariants: a prefetch is taken by the first watch loop of its target that starts, and
//! only within [`FRESH_MS`] (then it is dropped, its request aborted and its civility slot
//! given back), so an old answer is never shown as new and an untaken one holds nothing; a
//! page mounting several widgets at once has one pending per target (at most [`MAX_PENDING`]);
//! the request is the watch's own (the same target, civility slot, timeout and caps), and
//! aborting the watch that took it aborts it.

use std::cell::RefCell;

use futures_channel::oneshot;
use sdrs_job_core::exchange::BodyReader;
use sdrs_job_core::poll::PollPolicy;
use sdrs_job_core::{ApiError, ParseOptions};
use sdrs_job_fetch::civil::{self, Slot};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::clock::now_ms;
use crate::http::JobTarget;

/// How long a pending prefetch may wait for its watch: the first render's time, with room.
pub(crate) const FRESH_MS: u32 = 10_000;

/// Pending prefetches a page may hold at once (one per widget mounted in the same moment);
/// beyond it the oldest is dropped.
pub(crate) const MAX_PENDING: usize = 16;

/// What the prefetch's request ended with: its civility slot (still held) and the body as
/// [`sdrs_job_fetch::fetch_body`] returns it.
pub(crate) struct Fetched {
    pub(crate) slot: Slot,
    pub(crate) body: Option<Result<BodyReader, ApiError>>,
}

/// A request in flight that no watch has taken yet.
pub(crate) struct Pending {
    id: u64,
    target: JobTarget,
    started_ms: i64,
    abort: web_sys::AbortController,
    answer: oneshot::Receiver<Fetched>,
}

thread_local! {
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

impl Drop for Pending {
    /// An untaken prefetch ends its request; the answer, if it came, drops with its slot.
    fn drop(&mut self) {
        self.abort.abort();
    }
}

/// Sends the first request for `target` now, for the watch of it that the next render
/// starts. Nothing is sent for a blank target or one whose request cannot be made (the watch
/// says why), nor again for a target already pending.
pub fn start(target: &JobTarget, policy: &PollPolicy) {
    if target.is_blank()
        || PENDING.with(|pending| pending.borrow().iter().any(|p| p.target == *target))
    {
        return;
    }
    let (Ok(request), Ok(abort)) = (target.request(), web_sys::AbortController::new()) else {
        return;
    };
    let (sender, answer) = oneshot::channel();
    let signal = abort.signal();
    let transport = target.transport.clone();
    let timeout_ms = policy.request_timeout_ms();
    let id = NEXT_ID.with(|next| {
        next.set(next.get() + 1);
        next.get()
    });
    let oldest = PENDING.with(|pending| {
        let mut pending = pending.borrow_mut();
        let oldest = (pending.len() >= MAX_PENDING).then(|| pending.remove(0));
        pending.push(Pending { id, target: target.clone(), started_ms: now_ms(), abort, answer });
        oldest
    });
    drop(oldest);
    wasm_bindgen_futures::spawn_local(async move {
        // Dropping the sender (aborted while waiting for a slot) tells the taker.
        let Some(slot) = civil::slot(&request.url, Some(&signal)).await else { return };
        let options = ParseOptions::default();
        let fetched =
            sdrs_job_fetch::fetch_body(&request, &transport, Some(&signal), timeout_ms, &options);
        crate::clock::mark(crate::clock::marks::REQUEST);
        crate::warm::once();
        let body = fetched.await;
        // Nobody waiting (dropped untaken): the slot is given back as it drops.
        let _ = sender.send(Fetched { slot, body });
    });
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(FRESH_MS).await;
        let expired = PENDING.with(|pending| {
            let mut pending = pending.borrow_mut();
            let at = pending.iter().position(|p| p.id == id)?;
            Some(pending.remove(at))
        });
        drop(expired);
    });
}

/// The pending prefetch of `target`, if there is a fresh one. Called by each watch loop as it
/// starts.
pub(crate) fn take(target: &JobTarget) -> Option<Pending> {
    let pending = PENDING.with(|pending| {
        let mut pending = pending.borrow_mut();
        let at = pending.iter().position(|p| p.target == *target)?;
        Some(pending.remove(at))
    })?;
    (now_ms() - pending.started_ms <= i64::from(FRESH_MS)).then_some(pending)
}

impl Pending {
    /// Waits for the answer; `signal` (the watch's) aborting aborts the request. `None` once
    /// aborted (dropping it aborts too).
    pub(crate) async fn answer(mut self, signal: &web_sys::AbortSignal) -> Option<Fetched> {
        if signal.aborted() {
            return None;
        }
        let abort = self.abort.clone();
        let on_abort = Closure::<dyn FnMut()>::new(move || abort.abort());
        let _ = signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        // The body is read whole by then: the abort on drop that follows ends nothing.
        let fetched = (&mut self.answer).await.ok();
        let _ =
            signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        fetched.filter(|fetched| fetched.body.is_some())
    }
}
