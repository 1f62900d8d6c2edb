//! What the simulator saw of its clients' job requests, for tests that check a client is
//! civil (`GET /sim/stats`): how many job GETs came, how many are being answered now, the
//! most at once, and when each was answered and how (so a test can see that a 429 slowed
//! every watch of the host). `POST /sim/stats/reset` starts the count over.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde::Serialize;

/// Most request times kept (the oldest go first).
const MAX_TIMES: usize = 10_000;

/// The counters, shared by every request.
#[derive(Debug, Default)]
pub struct Stats {
    requests: AtomicUsize,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
    /// Each answered job GET: (epoch ms, HTTP status).
    answers: Mutex<Vec<(i64, u16)>>,
}

/// Counts one job GET as in flight while alive.
pub struct InFlight {
    stats: Arc<Stats>,
}

impl Stats {
    /// A job GET came in: counted as in flight until the guard drops.
    pub fn start(stats: &Arc<Stats>) -> InFlight {
        stats.requests.fetch_add(1, Ordering::SeqCst);
        let now = stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        stats.most_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight { stats: stats.clone() }
    }

    /// A job GET was answered with `status` at `at_ms` (epoch ms).
    pub fn answered(&self, at_ms: i64, status: u16) {
        let mut answers = self.answers.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if answers.len() >= MAX_TIMES {
            answers.remove(0);
        }
        answers.push((at_ms, status));
    }

    /// Starts the count over.
    pub fn reset(&self) {
        self.requests.store(0, Ordering::SeqCst);
        // Requests still being answered stay counted until they end.
        self.most_in_flight.store(self.in_flight.load(Ordering::SeqCst), Ordering::SeqCst);
        self.answers.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clear();
    }

    /// What was counted.
    pub fn report(&self) -> Report {
        let answers = self.answers.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Report {
            job_requests: self.requests.load(Ordering::SeqCst),
            in_flight: self.in_flight.load(Ordering::SeqCst),
            most_in_flight: self.most_in_flight.load(Ordering::SeqCst),
            answers: answers.iter().map(|&(at_ms, status)| Answer { at_ms, status }).collect(),
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.stats.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// `GET /sim/stats`.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Job GETs since the start (or the last reset).
    pub job_requests: usize,
    /// Job GETs being answered now.
    pub in_flight: usize,
    /// The most job GETs being answered at once.
    pub most_in_flight: usize,
    /// Each answered job GET, in order.
    pub answers: Vec<Answer>,
}

/// One answered job GET.
#[derive(Debug, Serialize)]
pub struct Answer {
    /// When it was answered (epoch ms, by the simulator's clock).
    pub at_ms: i64,
    /// Its HTTP status.
    pub status: u16,
}
