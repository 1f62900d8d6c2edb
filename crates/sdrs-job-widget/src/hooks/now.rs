//! The current time as state, re-rendering while something runs (a watched job's bars
//! grow to the now line).

use std::time::Duration;

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::clock::now_ms;

/// The current time, re-rendering every `interval` while `active`.
#[hook]
pub fn use_now(active: bool, interval: Duration) -> i64 {
    let now = use_state(now_ms);
    {
        let now = now.clone();
        use_effect_with((active, interval), move |(active, interval)| {
            let ticker = active
                .then(|| Interval::new(interval.as_millis() as u32, move || now.set(now_ms())));
            move || drop(ticker)
        });
    }
    *now
}
