//! "Nice" time-axis ticks and the labels of times and durations.
//!
//! The step is the smallest from a fixed ladder (1 ms … days, in 1-2-5 and clock-friendly
//! steps) whose spacing in pixels fits the widest label, so labels never overlap.

use serde::Serialize;

use crate::time::civil_from_days;

const SECOND: i64 = 1_000;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// Steps a tick may take, smallest first.
const STEPS: &[i64] = &[
    1,
    2,
    5,
    10,
    20,
    50,
    100,
    200,
    500,
    SECOND,
    2 * SECOND,
    5 * SECOND,
    10 * SECOND,
    15 * SECOND,
    30 * SECOND,
    MINUTE,
    2 * MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    15 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    3 * HOUR,
    6 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    7 * DAY,
    14 * DAY,
    30 * DAY,
    90 * DAY,
    365 * DAY,
];

/// Estimated width of one label character in pixels, plus padding around a label.
const CHAR_PX: f64 = 7.0;
const LABEL_PADDING_PX: f64 = 16.0;

/// How to label ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum TickMode {
    /// Offsets from the window start: `0`, `+1.5s`, `+2m30s`.
    Relative,
    /// Wall-clock times at a UTC offset in minutes (e.g. 480 for UTC+8).
    Absolute {
        /// Minutes east of UTC.
        utc_offset_minutes: i32,
    },
}

/// One tick of the axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tick {
    /// The tick's time (epoch ms).
    pub ms: i64,
    /// Position as a fraction of the window, in [0, 1].
    pub x: f64,
    /// Its label.
    pub label: String,
}

/// The ticks of a window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ticks {
    /// Distance between ticks in ms.
    pub step_ms: i64,
    /// The ticks, left to right.
    pub ticks: Vec<Tick>,
}

/// Width of one label character in pixels as label placement assumes (a little wider than
/// the spacing estimate, so that a label placed never touches its neighbour).
pub const LABEL_CHAR_PX: f64 = 7.5;
/// Least gap between two labels shown, in pixels.
const LABEL_GAP_PX: f64 = 4.0;

/// How a tick's label sits against its tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelAlign {
    /// Centred on the tick.
    Center,
    /// Starting at the tick (near the left edge, so it is not cut).
    Start,
    /// Ending at the tick (near the right edge).
    End,
}

/// Which tick labels to show on an axis `width_px` wide, and how: centred on their tick,
/// but starting at it near the left edge and ending at it near the right edge, so none is
/// cut; a label that would then come within a few pixels of the one before is left out
/// (its gridline stays). Gives indices into `ticks`.
pub fn place_labels(ticks: &[Tick], width_px: f64) -> Vec<(usize, LabelAlign)> {
    place_measured_labels(ticks, width_px, |label| label.chars().count() as f64 * LABEL_CHAR_PX)
}

/// [`place_labels`] with each label's width in pixels as `width_of` gives it (a browser
/// measures the text in the axis's font).
pub fn place_measured_labels(
    ticks: &[Tick],
    width_px: f64,
    width_of: impl Fn(&str) -> f64,
) -> Vec<(usize, LabelAlign)> {
    let mut shown: Vec<(usize, LabelAlign, f64)> = Vec::with_capacity(ticks.len());
    for (position, tick) in ticks.iter().enumerate() {
        let label_px = width_of(&tick.label);
        let x = tick.x * width_px;
        let (left, align) = if x - label_px / 2.0 < 0.0 {
            (x, LabelAlign::Start)
        } else if x + label_px / 2.0 > width_px {
            (x - label_px, LabelAlign::End)
        } else {
            (x - label_px / 2.0, LabelAlign::Center)
        };
        let right = left + label_px;
        match shown.last() {
            Some(&(_, _, right_of_last)) if left < right_of_last + LABEL_GAP_PX => {
                // A label pushed in from the left edge that now crowds the next one gives
                // way to it, so the evenly spaced labels keep no gap between them.
                if shown.len() == 1 && shown[0].1 == LabelAlign::Start {
                    shown[0] = (position, align, right);
                }
            }
            _ => shown.push((position, align, right)),
        }
    }
    shown.into_iter().map(|(position, align, _)| (position, align)).collect()
}

/// Ticks for the window `[start_ms, end_ms]` drawn `width_px` wide; relative labels count
/// from the window's start.
pub fn ticks(start_ms: i64, end_ms: i64, width_px: f64, mode: TickMode) -> Ticks {
    ticks_from(start_ms, start_ms, end_ms, width_px, mode)
}

/// Ticks for the window `[start_ms, end_ms]` of a zoomed axis; relative labels count from
/// `origin_ms` (the job's start), so `+2m30s` means the same at every zoom.
pub fn ticks_from(
    origin_ms: i64,
    start_ms: i64,
    end_ms: i64,
    width_px: f64,
    mode: TickMode,
) -> Ticks {
    let span = (end_ms - start_ms).max(1);
    let width_px = if width_px.is_finite() && width_px > 1.0 { width_px } else { 1.0 };
    let px_per_ms = width_px / span as f64;
    let step_ms = STEPS
        .iter()
        .copied()
        .find(|&step| {
            let widest =
                sample_label(origin_ms, start_ms, end_ms, step, mode).chars().count() as f64;
            step as f64 * px_per_ms >= widest * CHAR_PX + LABEL_PADDING_PX
        })
        .unwrap_or_else(|| {
            // Longer than the ladder: whole multiples of a year.
            let years =
                (span as f64 / (width_px / 120.0).max(1.0) / (365 * DAY) as f64).ceil() as i64;
            years.max(1) * 365 * DAY
        });
    let offset_ms = match mode {
        TickMode::Relative => -origin_ms,
        TickMode::Absolute { utc_offset_minutes } => i64::from(utc_offset_minutes) * MINUTE,
    };
    // First multiple of the step (in the labelled frame) at or after the start.
    let first = (start_ms + offset_ms).div_euclid(step_ms) * step_ms - offset_ms;
    let first = if first < start_ms { first + step_ms } else { first };
    let mut ticks = Vec::new();
    let mut ms = first;
    while ms <= end_ms && ticks.len() < 1_000 {
        ticks.push(Tick {
            ms,
            x: (ms - start_ms) as f64 / span as f64,
            label: tick_label(ms, origin_ms, step_ms, mode),
        });
        ms += step_ms;
    }
    Ticks { step_ms, ticks }
}

fn sample_label(origin_ms: i64, start_ms: i64, end_ms: i64, step: i64, mode: TickMode) -> String {
    // The label of the window's end is at least as wide as any other in practice (and
    // a relative label as wide as the offset from the origin, which may be negative).
    let last = start_ms + ((end_ms - start_ms) / step) * step;
    let relative_widest = if (origin_ms - start_ms).abs() > (end_ms - origin_ms).abs() {
        start_ms
    } else {
        last.max(start_ms)
    };
    let sample = match mode {
        TickMode::Relative => relative_widest,
        TickMode::Absolute { .. } => last.max(start_ms),
    };
    tick_label(sample, origin_ms, step, mode)
}

fn tick_label(ms: i64, origin_ms: i64, step_ms: i64, mode: TickMode) -> String {
    match mode {
        TickMode::Relative => format_offset(ms - origin_ms, step_ms),
        TickMode::Absolute { utc_offset_minutes } => {
            format_clock(ms + i64::from(utc_offset_minutes) * MINUTE, step_ms)
        }
    }
}

/// The time at one point of the axis, as the pointer reads it: an offset from `origin_ms`
/// or a clock time, as precise as a few pixels of a window `span_ms` long over `width_px`
/// allow (`+12.4s` on a 20-second job, `+12m30s` on an hour's).
pub fn readout(ms: i64, origin_ms: i64, span_ms: i64, width_px: f64, mode: TickMode) -> String {
    let width_px = if width_px.is_finite() && width_px > 1.0 { width_px } else { 1.0 };
    let few_pixels = span_ms.max(1) as f64 / width_px * 4.0;
    let precision =
        STEPS.iter().copied().find(|&step| step as f64 >= few_pixels).unwrap_or(365 * DAY);
    tick_label(ms, origin_ms, precision, mode)
}

/// Digits after the decimal point needed to show multiples of `step_ms` in seconds.
fn second_decimals(step_ms: i64) -> usize {
    match step_ms % SECOND {
        0 => 0,
        remainder if remainder % 100 == 0 => 1,
        remainder if remainder % 10 == 0 => 2,
        _ => 3,
    }
}

/// An offset from the window start, at the precision a step needs: `0`, `+250ms`,
/// `+1.25s`, `+45s`, `+2m30s`, `+1h05m`, `+2d03h`.
pub fn format_offset(offset_ms: i64, step_ms: i64) -> String {
    if offset_ms == 0 {
        return "0".to_owned();
    }
    let sign = if offset_ms < 0 { "-" } else { "+" };
    let ms = offset_ms.abs();
    let body = if step_ms < SECOND && ms < SECOND {
        format!("{ms}ms")
    } else if step_ms < MINUTE && ms < MINUTE {
        let decimals = second_decimals(step_ms);
        format!("{:.*}s", decimals, ms as f64 / SECOND as f64)
    } else if step_ms < HOUR && ms < HOUR {
        let seconds = ms / SECOND % 60;
        if seconds == 0 && step_ms % MINUTE == 0 {
            format!("{}m", ms / MINUTE)
        } else {
            format!("{}m{seconds:02}s", ms / MINUTE)
        }
    } else if step_ms < DAY && ms < DAY {
        let minutes = ms / MINUTE % 60;
        if minutes == 0 {
            format!("{}h", ms / HOUR)
        } else {
            format!("{}h{minutes:02}m", ms / HOUR)
        }
    } else {
        let hours = ms / HOUR % 24;
        if hours == 0 {
            format!("{}d", ms / DAY)
        } else {
            format!("{}d{hours:02}h", ms / DAY)
        }
    };
    format!("{sign}{body}")
}

/// A wall-clock time (already shifted to local time) at the precision a step needs:
/// `09:41:01.250`, `09:41:05`, `09:45`, or the date `06-13` at midnight and for day steps.
fn format_clock(local_ms: i64, step_ms: i64) -> String {
    let days = local_ms.div_euclid(DAY);
    let in_day = local_ms.rem_euclid(DAY);
    let (_, month, day) = civil_from_days(days);
    if step_ms >= DAY || (in_day == 0 && step_ms >= MINUTE) {
        return format!("{month:02}-{day:02}");
    }
    let (hours, minutes, seconds) = (in_day / HOUR, in_day / MINUTE % 60, in_day / SECOND % 60);
    if step_ms >= MINUTE {
        format!("{hours:02}:{minutes:02}")
    } else if step_ms >= SECOND {
        format!("{hours:02}:{minutes:02}:{seconds:02}")
    } else {
        let decimals = second_decimals(step_ms);
        let fraction = format!("{:03}", in_day % SECOND);
        format!("{hours:02}:{minutes:02}:{seconds:02}.{}", &fraction[..decimals])
    }
}

/// A duration for people: `<1ms`, `850ms`, `15.05s`, `2m 05s`, `1h 02m`, `3d 04h`.
pub fn format_duration(ms: i64) -> String {
    if ms < 0 {
        return format!("-{}", format_duration(ms.saturating_neg().max(0)));
    }
    match ms {
        0 => "<1ms".to_owned(),
        ms if ms < SECOND => format!("{ms}ms"),
        ms if ms < MINUTE => {
            let text = format!("{:.2}", ms as f64 / SECOND as f64);
            format!("{}s", text.trim_end_matches('0').trim_end_matches('.'))
        }
        ms if ms < HOUR => format!("{}m {:02}s", ms / MINUTE, ms / SECOND % 60),
        ms if ms < DAY => format!("{}h {:02}m", ms / HOUR, ms / MINUTE % 60),
        ms => format!("{}d {:02}h", ms / DAY, ms / HOUR % 24),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readout_is_as_precise_as_the_pointer() {
        let origin = 1_560_418_800_000;
        // 20 s over 600 px: a few pixels are ~130 ms, read to 200 ms.
        assert_eq!(readout(origin + 12_430, origin, 20_000, 600.0, TickMode::Relative), "+12.4s");
        // An hour over 600 px: to 30 s.
        assert_eq!(
            readout(origin + 750_000, origin, 3_600_000, 600.0, TickMode::Relative),
            "+12m30s"
        );
        // Clock time at UTC+8, to the second.
        let clock = TickMode::Absolute { utc_offset_minutes: 480 };
        assert_eq!(readout(origin + 61_000, origin, 120_000, 600.0, clock), "17:41:01");
        // Odd widths never panic or divide by zero.
        assert_eq!(readout(origin, origin, 0, f64::NAN, TickMode::Relative), "0");
    }

    fn labels(ticks: &Ticks) -> Vec<&str> {
        ticks.ticks.iter().map(|tick| tick.label.as_str()).collect()
    }

    #[test]
    fn relative_ticks_pick_a_step_that_fits() {
        let axis = ticks(0, 15_050, 800.0, TickMode::Relative);
        assert_eq!(axis.step_ms, 1_000);
        assert_eq!(labels(&axis)[..3], ["0", "+1s", "+2s"]);
        let axis = ticks(0, 15_050, 300.0, TickMode::Relative);
        assert_eq!(axis.step_ms, 5_000);
        let axis = ticks(1_000, 1_008, 800.0, TickMode::Relative);
        assert_eq!(axis.step_ms, 1);
        assert_eq!(axis.ticks.len(), 9);
        let axis = ticks(0, 3 * DAY, 600.0, TickMode::Relative);
        assert_eq!(axis.step_ms, 6 * HOUR);
    }

    #[test]
    fn zoomed_relative_labels_count_from_the_job_start() {
        let axis = ticks_from(0, 61_000, 64_000, 800.0, TickMode::Relative);
        assert_eq!(axis.ticks.first().map(|tick| tick.label.as_str()), Some("+1m01s"));
        assert_eq!(axis.ticks.first().map(|tick| tick.x), Some(0.0));
    }

    #[test]
    fn labels_never_overlap() {
        for width in [120.0, 300.0, 800.0, 1400.0, 4000.0] {
            for span in [1, 7, 250, 15_050, 61_000, 3_700_000, 90_000_000, 40 * DAY, 4_000 * DAY] {
                for (mode, before) in [
                    (TickMode::Relative, 0),
                    // Zoomed in: the window starts long after the job.
                    (TickMode::Relative, 3 * span),
                    (TickMode::Relative, 5_000 * span),
                    (TickMode::Absolute { utc_offset_minutes: 480 }, 0),
                ] {
                    let start = 1_560_418_853_930;
                    let axis = ticks_from(start - before, start, start + span, width, mode);
                    for pair in axis.ticks.windows(2) {
                        let gap_px = (pair[1].x - pair[0].x) * width;
                        let widest =
                            pair[0].label.chars().count().max(pair[1].label.chars().count());
                        assert!(
                            gap_px >= widest as f64 * CHAR_PX,
                            "{span} ms at {width}px: {:?}",
                            labels(&axis)
                        );
                    }
                    assert!(axis.ticks.iter().all(|tick| (0.0..=1.0).contains(&tick.x)));
                }
            }
        }
    }

    #[test]
    fn absolute_ticks_are_aligned_to_local_time() {
        let start = crate::parse_timestamp("2019-06-13T09:40:53.930Z").unwrap();
        let end = crate::parse_timestamp("2019-06-13T09:41:01.946Z").unwrap();
        let axis = ticks(start, end, 800.0, TickMode::Absolute { utc_offset_minutes: 480 });
        assert_eq!(axis.step_ms, 1_000);
        assert_eq!(labels(&axis)[0], "17:40:54");
        let axis = ticks(start - 3 * DAY, end, 800.0, TickMode::Absolute { utc_offset_minutes: 0 });
        assert!(labels(&axis).contains(&"06-13"), "{:?}", labels(&axis));
    }

    #[test]
    fn durations_and_offsets_read_well() {
        assert_eq!(format_duration(15_050), "15.05s");
        assert_eq!(format_duration(8_016), "8.02s");
        assert_eq!(format_duration(125_000), "2m 05s");
        assert_eq!(format_duration(0), "<1ms");
        assert_eq!(format_duration(-5), "-5ms");
        assert_eq!(format_duration(90 * HOUR), "3d 18h");
        assert_eq!(format_offset(150_000, 30_000), "+2m30s");
        assert_eq!(format_offset(1_250, 250), "+1.25s");
        assert_eq!(format_offset(250, 50), "+250ms");
        assert_eq!(format_offset(3_900_000, HOUR), "+1h05m");
    }

    #[test]
    fn labels_are_placed_inside_the_axis_and_never_touch() {
        let tick = |x: f64, label: &str| Tick { ms: 0, x, label: label.to_owned() };
        let ticks = [tick(0.0, "+0s"), tick(0.02, "+1s"), tick(0.5, "+30s"), tick(1.0, "+1m00s")];
        let placed = place_labels(&ticks, 400.0);
        // The second label would touch the first, pushed in from the edge: the edge one
        // gives way, so the evenly spaced ones keep no gap.
        assert_eq!(placed, [(1, LabelAlign::Start), (2, LabelAlign::Center), (3, LabelAlign::End)]);
        for pair in placed.windows(2) {
            let right = |(index, align): (usize, LabelAlign)| {
                let width = ticks[index].label.chars().count() as f64 * LABEL_CHAR_PX;
                let x = ticks[index].x * 400.0;
                match align {
                    LabelAlign::Start => (x, x + width),
                    LabelAlign::Center => (x - width / 2.0, x + width / 2.0),
                    LabelAlign::End => (x - width, x),
                }
            };
            assert!(right(pair[0]).1 + LABEL_GAP_PX <= right(pair[1]).0);
        }
        assert!(place_labels(&[], 400.0).is_empty());
    }
}
