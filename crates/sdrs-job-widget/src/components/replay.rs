//! The replay bar under the timeline: a scrubber over the moments the watch observed (the
//! answers that changed something), play and pause at a chosen speed, and "Live" back to
//! now. It only says which moment to show; the timeline shows the job as it was then
//! (`History::tree_at`). Every control is a native input or button, so the keyboard
//! reaches and drives it.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use sdrs_job_core::Locale;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::text;

/// Speeds offered, in multiples of real time.
const SPEEDS: [u32; 5] = [1, 2, 5, 10, 30];
/// Longest pause between two moments while playing, whatever the gap between them.
const MAX_STEP_MS: i64 = 2_000;
/// Shortest pause between two moments while playing, so that each is seen.
const MIN_STEP_MS: i64 = 150;

/// Properties of [`ReplayBar`].
#[derive(Properties, PartialEq)]
pub(crate) struct ReplayBarProps {
    /// The moments to move through, oldest first (epoch ms).
    pub moments: Rc<Vec<i64>>,
    /// The moment shown (none: live).
    pub at: Option<usize>,
    pub locale: Locale,
    /// Show a moment (none: live).
    pub on_change: Callback<Option<usize>>,
}

/// How long to wait, at `speed`, before moving from `from` to `to` (epoch ms).
fn step_ms(from: i64, to: i64, speed: u32) -> u32 {
    ((to - from) / i64::from(speed.max(1))).clamp(MIN_STEP_MS, MAX_STEP_MS) as u32
}

/// The replay bar.
#[component]
pub(crate) fn ReplayBar(props: &ReplayBarProps) -> Html {
    let locale = props.locale;
    let playing = use_state(|| false);
    let speed = use_state(|| 5_u32);
    let last = props.moments.len().saturating_sub(1);
    let position = props.at.unwrap_or(last).min(last);
    // Playing: one timeout per moment, replaced whenever the moment or the speed changes.
    {
        let (on_change, playing_handle) = (props.on_change.clone(), playing.clone());
        let moments = props.moments.clone();
        use_effect_with((*playing, position, *speed), move |&(is_playing, position, speed)| {
            let timeout = (is_playing && position < last).then(|| {
                let wait = step_ms(moments[position], moments[position + 1], speed);
                Timeout::new(wait, move || on_change.emit(Some(position + 1)))
            });
            if is_playing && position >= last {
                playing_handle.set(false);
            }
            move || drop(timeout)
        });
    }
    let oninput = {
        let (on_change, playing) = (props.on_change.clone(), playing.clone());
        Callback::from(move |event: InputEvent| {
            let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            if let Ok(value) = input.value().parse::<usize>() {
                playing.set(false);
                on_change.emit(Some(value.min(last)));
            }
        })
    };
    let toggle = {
        let (on_change, playing, at) = (props.on_change.clone(), playing.clone(), props.at);
        Callback::from(move |_: MouseEvent| {
            if !*playing && at.is_none_or(|at| at >= last) {
                // From live or the end: play from the first moment.
                on_change.emit(Some(0));
            } else if at.is_none() {
                on_change.emit(Some(position));
            }
            playing.set(!*playing);
        })
    };
    let live = {
        let (on_change, playing) = (props.on_change.clone(), playing.clone());
        Callback::from(move |_: MouseEvent| {
            playing.set(false);
            on_change.emit(None);
        })
    };
    let onchange_speed = {
        let speed = speed.clone();
        Callback::from(move |event: Event| {
            let value = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|select| select.value().parse::<u32>().ok());
            if let Some(value) = value.filter(|value| SPEEDS.contains(value)) {
                speed.set(value);
            }
        })
    };
    let at_ms = props.moments.get(position).copied().unwrap_or_default();
    let where_ = text::replay_position(locale, position, props.moments.len(), at_ms);
    html! {
        <div class={classes!("sdrs-replay", props.at.is_some().then_some("is-replaying"))} role="group" aria-label={text::REPLAY.get(locale)}
            data-role="replay" data-moment={props.at.map(|at| at.to_string())} data-at-ms={props.at.map(|_| at_ms.to_string())}>
            <button type="button" class="sdrs-button is-small" data-action="replay-play" aria-pressed={playing.to_string()} onclick={toggle}>
                { if *playing { text::PAUSE.get(locale) } else { text::PLAY.get(locale) } }
            </button>
            <input type="range" class="sdrs-replay-scrubber" data-action="replay-scrub" min="0" max={last.to_string()} step="1"
                value={position.to_string()} aria-label={text::REPLAY_POSITION.get(locale)} aria-valuetext={where_.clone()} {oninput} />
            <select class="sdrs-replay-speed" data-action="replay-speed" aria-label={text::REPLAY_SPEED.get(locale)} onchange={onchange_speed}>
                { for SPEEDS.iter().map(|value| html! {
                    <option value={value.to_string()} selected={*value == *speed}>{ format!("{value}×") }</option>
                }) }
            </select>
            <span class="sdrs-replay-where" data-role="replay-where" aria-live="polite">
                { if props.at.is_some() { where_ } else { text::LIVE.get(locale).to_owned() } }
            </span>
            <button type="button" class="sdrs-button is-small" data-action="replay-live" disabled={props.at.is_none()} onclick={live}>
                { text::LIVE.get(locale) }
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn playing_waits_the_gap_between_moments_at_speed_within_bounds() {
        assert_eq!(step_ms(0, 5_000, 5), 1_000);
        assert_eq!(step_ms(0, 60_000, 1), 2_000, "a long gap is cut short");
        assert_eq!(step_ms(0, 10, 30), 150, "each moment is seen");
        assert_eq!(step_ms(0, 1_000, 0), 1_000, "no division by zero");
    }
}
