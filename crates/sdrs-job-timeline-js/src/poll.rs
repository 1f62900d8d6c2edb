//! The polling policy as JS sees it: `nextPollDelay` and `defaultPollPolicy`.

use wasm_bindgen::prelude::*;

use sdrs_job_core::StatusKind;

use crate::{from_js, js_error, to_js, PollDecision, PollOutcome, PollPolicy, PollPolicyArgument};

/// The core's polling policy: what to do after `attempt` requests, `elapsedMs` after the
/// first began, given the last outcome. `random` is uniform in [0, 1) (default
/// `Math.random()`).
#[wasm_bindgen(js_name = nextPollDelay, unchecked_return_type = "PollDecision")]
pub fn next_poll_delay(
    attempt: u32,
    #[wasm_bindgen(js_name = elapsedMs)] elapsed_ms: f64,
    #[wasm_bindgen(unchecked_param_type = "PollOutcome")] outcome: JsValue,
    policy: Option<PollPolicyArgument>,
    random: Option<f64>,
) -> Result<JsValue, JsValue> {
    let outcome: PollOutcome = from_js(outcome, "nextPollDelay outcome")?;
    let policy: PollPolicy = match policy.map(JsValue::from).filter(|value| !value.is_null()) {
        Some(policy) => from_js(policy, "nextPollDelay policy")?,
        None => PollPolicy::default(),
    };
    let core_outcome = match (outcome.error.as_deref(), outcome.status.as_deref()) {
        (Some("retryable"), _) => sdrs_job_core::poll::PollOutcome::RetryableError {
            retry_after_ms: outcome
                .retry_after_ms
                .filter(|ms| ms.is_finite() && *ms >= 0.0)
                .map(|ms| ms as u64),
        },
        (Some("final"), _) => sdrs_job_core::poll::PollOutcome::FinalError,
        (Some(other), _) => {
            return Err(js_error(
                "TYPE",
                &format!("outcome.error must be \"retryable\" or \"final\", not {other:?}"),
                &[],
            ))
        }
        (None, status) => sdrs_job_core::poll::PollOutcome::Status(StatusKind::from_wire(status)),
    };
    let policy = policy.to_core();
    let random = random.unwrap_or_else(js_sys::Math::random);
    to_js(&decision(sdrs_job_core::poll::next_poll(
        &policy,
        attempt,
        elapsed_ms.max(0.0) as u64,
        core_outcome,
        random,
    )))
}

pub(crate) fn decision(decision: sdrs_job_core::poll::PollDecision) -> PollDecision {
    use sdrs_job_core::poll::StopReason;
    match decision {
        sdrs_job_core::poll::PollDecision::Wait { delay_ms, last_attempt } => {
            PollDecision::Wait { delay_ms: delay_ms as f64, last_attempt }
        }
        sdrs_job_core::poll::PollDecision::Stop { reason } => PollDecision::Stop {
            reason: match reason {
                StopReason::Succeeded => "SUCCEEDED",
                StopReason::Failed => "FAILED",
                StopReason::FinalError => "FINAL_ERROR",
                StopReason::TimedOut => "TIMED_OUT",
            }
            .to_owned(),
        },
    }
}

/// The core's default polling policy.
#[wasm_bindgen(js_name = defaultPollPolicy, unchecked_return_type = "PollPolicy")]
pub fn default_poll_policy() -> Result<JsValue, JsValue> {
    let policy = sdrs_job_core::poll::PollPolicy::default();
    to_js(&PollPolicy {
        min_delay_ms: Some(policy.min_delay_ms as f64),
        max_delay_ms: Some(policy.max_delay_ms as f64),
        max_wait_ms: Some(policy.max_wait_ms as f64),
        request_timeout_ms: Some(policy.request_timeout_ms as f64),
    })
}
