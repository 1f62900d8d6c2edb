//! When to ask again about a job, as a pure function of the attempt, the time spent, the
//! last outcome, a policy and a random number the caller draws.
//!
//! The shape is Smithy's waiter: full jitter between `min_delay` and an exponential cap,
//! `delay = uniform(min, min(max, min * 2^(attempt-1)))`, and when the remaining time
//! minus the delay is at most `min_delay`, wait the remaining time and make one last
//! attempt. SUCCESS and FAIL stop; INIT, RUNNING and unknown statuses keep polling
//! (the service may add statuses); retryable errors (network, 408, 429, 5xx) keep
//! polling, honouring `Retry-After`; final errors stop.
//!
//! # Defaults, and why
//! - `min_delay` **2 s**: Smithy's default. SDRS sub-jobs take seconds (the documented
//!   examples finish in 8 and 15 s), so asking more often shows nothing new; Terraform's
//!   fixed 5 s makes a watcher look stuck for a job that is already done.
//! - `max_delay` **30 s**: a person watches this page. Smithy's 120 s suits unattended
//!   SDK waiters; an operator following a failover should never see data older than
//!   half a minute, and 30 s is still gentle on the API gateway's rate limits.
//! - `max_wait` **2 h**: failing over a protection group with many instances takes tens of
//!   minutes; Terraform's 5 to 10 min time-outs give up on real jobs. Past two hours the
//!   job is stuck, and the page says "timed out" rather than poll forever.
//! - `request_timeout` **30 s**: one request that has not answered by then is abandoned and
//!   counts as a retryable error (the gateway's own time-out is 60 s; a job answer of tens
//!   of MB arrives in seconds). So a server that accepts the connection and never answers
//!   still ends in `TimedOut`, at most one request timeout after `max_wait`.

use serde::Serialize;

use crate::model::StatusKind;

/// Delays and the total time budget, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PollPolicy {
    /// Shortest delay between two requests.
    pub min_delay_ms: u64,
    /// Longest delay between two requests.
    pub max_delay_ms: u64,
    /// Total time after which polling stops with [`StopReason::TimedOut`].
    pub max_wait_ms: u64,
    /// Longest one request may take (answer and body) before it is abandoned.
    pub request_timeout_ms: u64,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            min_delay_ms: 2_000,
            max_delay_ms: 30_000,
            max_wait_ms: 2 * 60 * 60 * 1_000,
            request_timeout_ms: 30_000,
        }
    }
}

impl PollPolicy {
    /// The policy with its fields made consistent (`0 < min <= max`, `max_wait >= 0`).
    pub fn normalized(self) -> PollPolicy {
        let min_delay_ms = self.min_delay_ms.max(1);
        PollPolicy {
            min_delay_ms,
            max_delay_ms: self.max_delay_ms.max(min_delay_ms),
            max_wait_ms: self.max_wait_ms,
            request_timeout_ms: self.request_timeout_ms.max(1),
        }
    }

    /// How long one request may take (answer and body), at least 1 ms. Every request gets
    /// all of it, the last one of the budget too, so polling ends at most one request
    /// timeout after `max_wait` (a last attempt cut to the time left would be a request
    /// doomed to time out).
    pub fn request_timeout_ms(&self) -> u64 {
        self.request_timeout_ms.max(1)
    }

    /// The delay to wait while nobody looks (a hidden tab): the longest the policy allows,
    /// never shorter than `delay` (a server's `Retry-After` stands). The job is still asked
    /// about, so its end is seen (and told: a title, a notification) while the tab is
    /// hidden, but at the pace of a page nobody reads.
    pub fn hidden_delay_ms(&self, delay_ms: u64) -> u64 {
        delay_ms.max(self.normalized().max_delay_ms)
    }
}

/// What the last request gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollOutcome {
    /// A job in this status.
    Status(StatusKind),
    /// An error worth retrying (network, 408, 429, 5xx, garbled body), with the
    /// `Retry-After` the server asked for, if any.
    RetryableError {
        /// The server's `Retry-After`, in ms.
        retry_after_ms: Option<u64>,
    },
    /// An error that will not go away by asking again (401, 403, 404, ...).
    FinalError,
}

/// Why polling stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StopReason {
    /// The job reached SUCCESS.
    Succeeded,
    /// The job reached FAIL.
    Failed,
    /// A final error.
    FinalError,
    /// `max_wait` ran out.
    TimedOut,
}

/// Wait and ask again, or stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum PollDecision {
    /// Ask again after `delay_ms`; `last_attempt` when the budget allows no more.
    Wait {
        /// Milliseconds to wait.
        delay_ms: u64,
        /// Whether this is the last attempt the budget allows.
        last_attempt: bool,
    },
    /// Stop polling.
    Stop {
        /// Why.
        reason: StopReason,
    },
}

/// Decides what to do after `attempt` requests (1 after the first), `elapsed_ms` after
/// the first one started. `random` is uniform in [0, 1) (clamped; NaN counts as 0).
pub fn next_poll(
    policy: &PollPolicy,
    attempt: u32,
    elapsed_ms: u64,
    outcome: PollOutcome,
    random: f64,
) -> PollDecision {
    let retry_after_ms = match outcome {
        PollOutcome::Status(StatusKind::Success) => return stop(StopReason::Succeeded),
        PollOutcome::Status(StatusKind::Fail) => return stop(StopReason::Failed),
        PollOutcome::FinalError => return stop(StopReason::FinalError),
        PollOutcome::Status(_) => None,
        PollOutcome::RetryableError { retry_after_ms } => retry_after_ms,
    };
    let policy = policy.normalized();
    let remaining = policy.max_wait_ms.saturating_sub(elapsed_ms);
    if remaining == 0 {
        return stop(StopReason::TimedOut);
    }
    let exponent = attempt.saturating_sub(1).min(40);
    let cap = policy.min_delay_ms.saturating_mul(1u64 << exponent).min(policy.max_delay_ms);
    let random = if random.is_nan() { 0.0 } else { random.clamp(0.0, 1.0) };
    let jittered = policy.min_delay_ms + ((cap - policy.min_delay_ms) as f64 * random) as u64;
    if retry_after_ms.is_some_and(|asked| asked >= remaining) {
        // The server asks for more time than the budget has left: waiting it out would
        // only end in the same stop, later.
        return stop(StopReason::TimedOut);
    }
    let delay = jittered.max(retry_after_ms.unwrap_or(0));
    if remaining.saturating_sub(delay) <= policy.min_delay_ms {
        return PollDecision::Wait { delay_ms: remaining, last_attempt: true };
    }
    PollDecision::Wait { delay_ms: delay, last_attempt: false }
}

/// A `Retry-After` header in milliseconds. Only the seconds form: this API's gateway sends
/// it, and the HTTP-date form would need the clock. Huge values saturate (the policy's
/// time budget bounds the wait anyway); anything else is ignored.
pub fn retry_after_ms(header: &str) -> Option<u64> {
    header.trim().parse::<u64>().ok().map(|seconds| seconds.saturating_mul(1_000))
}

fn stop(reason: StopReason) -> PollDecision {
    PollDecision::Stop { reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUNNING: PollOutcome = PollOutcome::Status(StatusKind::Running);

    fn delay(decision: PollDecision) -> u64 {
        match decision {
            PollDecision::Wait { delay_ms, .. } => delay_ms,
            PollDecision::Stop { reason } => panic!("stopped: {reason:?}"),
        }
    }

    #[test]
    fn terminal_statuses_and_final_errors_stop() {
        let policy = PollPolicy::default();
        let stops = |outcome| next_poll(&policy, 1, 0, outcome, 0.5);
        assert_eq!(stops(PollOutcome::Status(StatusKind::Success)), stop(StopReason::Succeeded));
        assert_eq!(stops(PollOutcome::Status(StatusKind::Fail)), stop(StopReason::Failed));
        assert_eq!(stops(PollOutcome::FinalError), stop(StopReason::FinalError));
        assert_eq!(delay(stops(PollOutcome::Status(StatusKind::Unknown))), 2_000);
        assert_eq!(delay(stops(PollOutcome::Status(StatusKind::Init))), 2_000);
    }

    #[test]
    fn full_jitter_between_min_and_the_exponential_cap() {
        let policy = PollPolicy::default();
        assert_eq!(delay(next_poll(&policy, 1, 0, RUNNING, 0.999)), 2_000);
        assert_eq!(delay(next_poll(&policy, 2, 0, RUNNING, 0.0)), 2_000);
        assert_eq!(delay(next_poll(&policy, 2, 0, RUNNING, 1.0)), 4_000);
        assert_eq!(delay(next_poll(&policy, 3, 0, RUNNING, 0.5)), 5_000);
        assert_eq!(delay(next_poll(&policy, 30, 0, RUNNING, 1.0)), 30_000);
        assert_eq!(delay(next_poll(&policy, u32::MAX, 0, RUNNING, f64::NAN)), 2_000);
    }

    #[test]
    fn a_hidden_page_waits_the_longest_delay() {
        let policy = PollPolicy::default();
        assert_eq!(policy.hidden_delay_ms(2_000), 30_000);
        assert_eq!(policy.hidden_delay_ms(45_000), 45_000);
        let odd = PollPolicy { min_delay_ms: 10_000, max_delay_ms: 0, ..policy };
        assert_eq!(odd.hidden_delay_ms(0), 10_000);
    }

    #[test]
    fn retry_after_headers() {
        assert_eq!(retry_after_ms(" 7 "), Some(7_000));
        assert_eq!(retry_after_ms("18446744073709551615"), Some(u64::MAX));
        assert_eq!(retry_after_ms("Wed, 21 Oct 2026 07:28:00 GMT"), None);
        assert_eq!(retry_after_ms("-1"), None);
    }

    #[test]
    fn retry_after_is_honoured() {
        let policy = PollPolicy::default();
        let outcome = PollOutcome::RetryableError { retry_after_ms: Some(10_000) };
        assert_eq!(delay(next_poll(&policy, 1, 0, outcome, 0.0)), 10_000);
    }

    #[test]
    fn a_retry_after_beyond_the_budget_stops_now() {
        let policy = PollPolicy { max_wait_ms: 60_000, ..PollPolicy::default() };
        let asked =
            |seconds: &str| PollOutcome::RetryableError { retry_after_ms: retry_after_ms(seconds) };
        assert_eq!(next_poll(&policy, 1, 0, asked("999999"), 0.5), stop(StopReason::TimedOut));
        assert_eq!(next_poll(&policy, 1, 10_000, asked("50"), 0.5), stop(StopReason::TimedOut));
        assert_eq!(delay(next_poll(&policy, 1, 0, asked("-5"), 0.0)), 2_000);
    }

    #[test]
    fn every_request_gets_its_whole_timeout() {
        let policy = PollPolicy { max_wait_ms: 60_000, ..PollPolicy::default() };
        assert_eq!(policy.request_timeout_ms(), 30_000);
        let policy = PollPolicy { request_timeout_ms: 0, ..policy };
        assert_eq!(policy.request_timeout_ms(), 1);
    }

    #[test]
    fn the_last_attempt_is_clamped_to_the_remaining_time() {
        let policy = PollPolicy { max_wait_ms: 60_000, ..PollPolicy::default() };
        assert_eq!(
            next_poll(&policy, 10, 50_000, RUNNING, 1.0),
            PollDecision::Wait { delay_ms: 10_000, last_attempt: true }
        );
        assert_eq!(next_poll(&policy, 11, 60_000, RUNNING, 1.0), stop(StopReason::TimedOut));
        assert_eq!(next_poll(&policy, 11, 90_000, RUNNING, 1.0), stop(StopReason::TimedOut));
    }
}
