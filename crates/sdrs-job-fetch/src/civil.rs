//! The page's one [`Civility`]: every job request of every watch on the page (each widget,
//! each job of a board, each `watchJob` and `watchJobs` of the npm package) takes a slot
//! here before it is sent, so the page never has more than the limit in flight (default
//! [`DEFAULT_MAX_IN_FLIGHT`]), and one 429 or 503 from a host paces every watch of it.
//!
//! Waiting requests wait on a promise, resolved when the slot is handed to them or after
//! [`CHECK_MS`] to look at their abort signal; so a watch that ends while waiting gives its
//! place up within that time, and a hand-over is never lost.

use std::cell::RefCell;

use js_sys::{Function, Promise};
pub use sdrs_job_core::civility::DEFAULT_MAX_IN_FLIGHT;
use sdrs_job_core::civility::{host_of, Civility, Load, Start, Ticket};
use sdrs_job_core::ApiError;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

/// How often a waiting request looks at its abort signal.
const CHECK_MS: f64 = 200.0;

thread_local! {
    static CIVILITY: RefCell<Civility> = RefCell::new(Civility::default());
    /// The waiting requests' resolve functions.
    static WAITING: RefCell<Vec<(Ticket, Function)>> = const { RefCell::new(Vec::new()) };
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn with<T>(change: impl FnOnce(&mut Civility) -> T) -> T {
    CIVILITY.with(|civility| change(&mut civility.borrow_mut()))
}

/// Wakes the request holding `ticket`, if it is waiting now (else it sees its slot at its
/// next check).
fn wake(ticket: Option<Ticket>) {
    let Some(ticket) = ticket else { return };
    let resolve = WAITING.with(|waiting| {
        let mut waiting = waiting.borrow_mut();
        let at = waiting.iter().position(|(waiter, _)| *waiter == ticket)?;
        Some(waiting.swap_remove(at).1)
    });
    if let Some(resolve) = resolve {
        let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
    }
}

/// Sets the most job requests in flight at once on this page (at least 1).
pub fn set_max_in_flight(limit: usize) {
    let handed = with(|civility| civility.set_limit(limit));
    for ticket in handed {
        wake(Some(ticket));
    }
}

/// The most job requests in flight at once on this page.
pub fn max_in_flight() -> usize {
    with(|civility| civility.limit())
}

/// What an answer says about its host's load: a 429 or 503 slows every watch of it.
pub fn load_of<T>(answer: &Result<T, ApiError>) -> Load {
    match answer {
        Err(error) if matches!(error.http_status, Some(429 | 503)) => {
            Load::SlowDown { retry_after_ms: error.retry_after_ms }
        }
        _ => Load::Fine,
    }
}

/// A slot held by one request: give it back with [`Slot::finish`] once the answer is read
/// (dropped unfinished, it is given back without saying anything of the host).
#[derive(Debug)]
pub struct Slot {
    host: String,
    held: bool,
}

impl Slot {
    /// The request ended with an answer that said `load`.
    pub fn finish(mut self, load: Load) {
        self.held = false;
        let next = with(|civility| civility.finish(&self.host, load, now_ms()));
        wake(next);
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if self.held {
            let next = with(Civility::give_back);
            wake(next);
        }
    }
}

fn aborted(signal: Option<&AbortSignal>) -> bool {
    signal.is_some_and(AbortSignal::aborted)
}

/// Waits up to `milliseconds` (at most [`CHECK_MS`]), registering `ticket` to be woken.
async fn pause(milliseconds: f64, ticket: Option<Ticket>) {
    let promise = Promise::new(&mut |resolve, _reject| {
        if let Some(ticket) = ticket {
            WAITING.with(|waiting| waiting.borrow_mut().push((ticket, resolve.clone())));
        }
        crate::set_timeout(&resolve, milliseconds.clamp(0.0, CHECK_MS));
    });
    let _ = JsFuture::from(promise).await;
    if let Some(ticket) = ticket {
        WAITING.with(|waiting| waiting.borrow_mut().retain(|(waiter, _)| *waiter != ticket));
    }
}

/// Waits for a slot for a request to `url`: until its host may be asked and a slot is
/// free, in turn. `None` once `signal` aborted (its place given up).
pub async fn slot(url: &str, signal: Option<&AbortSignal>) -> Option<Slot> {
    let host = host_of(url).to_owned();
    loop {
        if aborted(signal) {
            return None;
        }
        let ticket = match with(|civility| civility.start(&host, now_ms())) {
            Start::Go => return Some(Slot { host, held: true }),
            Start::NotBefore { at_ms } => {
                pause((at_ms - now_ms()) as f64, None).await;
                continue;
            }
            Start::Queued(ticket) => ticket,
        };
        loop {
            pause(CHECK_MS, Some(ticket)).await;
            if with(|civility| civility.take(ticket)) {
                if with(|civility| civility.not_before(&host, now_ms())).is_some() {
                    // Its host slowed down while it waited: the slot goes on, it waits.
                    wake(with(Civility::give_back));
                    break;
                }
                return Some(Slot { host, held: true });
            }
            if aborted(signal) {
                wake(with(|civility| civility.leave(ticket)));
                return None;
            }
        }
    }
}
