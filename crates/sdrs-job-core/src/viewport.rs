//! The visible part of the time axis, and the overview of the whole job.
//!
//! A [`TimeWindow`] is the slice of time the timeline shows. Zoom, pan and range selection
//! are pure functions of the window and the job's *domain* (the layout's `start_ms ..
//! end_ms`), so every front-end zooms the same way and the rules are tested here: a window
//! never leaves the domain, is never shorter than [`MIN_WINDOW_MS`], and a window that
//! covers the whole domain is the same as no zoom at all.
//!
//! [`Density`] is the overview strip's data: how many jobs of each status are active in
//! each of a fixed number of columns, computed in one pass with difference arrays, so its
//! cost and size depend on the strip's width, not only on the number of jobs.

use serde::Serialize;

use crate::analysis::{bar_ms, Analysis};
use crate::model::StatusKind;

/// The shortest window: zooming in stops at 10 ms across the axis (the timestamps have
/// millisecond precision; below that there is nothing left to see).
pub const MIN_WINDOW_MS: f64 = 10.0;

/// A slice of the time axis, in epoch milliseconds (fractional while zooming, so repeated
/// zoom steps do not drift by rounding).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeWindow {
    /// First instant shown.
    pub start_ms: f64,
    /// Last instant shown.
    pub end_ms: f64,
}

/// A bar cut to a window, as fractions of the window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClippedBar {
    /// Left edge, in [0, 1].
    pub left: f64,
    /// Width; `left + width <= 1`.
    pub width: f64,
    /// The bar begins before the window.
    pub cut_left: bool,
    /// The bar ends after the window.
    pub cut_right: bool,
}

impl TimeWindow {
    /// The window from `start_ms` to `end_ms` (in either order).
    pub fn new(start_ms: f64, end_ms: f64) -> Self {
        TimeWindow { start_ms: start_ms.min(end_ms), end_ms: start_ms.max(end_ms) }
    }

    /// The whole domain of a layout.
    pub fn domain(start_ms: i64, end_ms: i64) -> Self {
        TimeWindow::new(start_ms as f64, end_ms as f64)
    }

    /// Its length in ms.
    pub fn span(&self) -> f64 {
        self.end_ms - self.start_ms
    }

    /// Where `ms` falls, as a fraction of the window (outside [0, 1] when outside it).
    pub fn fraction(&self, ms: f64) -> f64 {
        let span = self.span();
        if span > 0.0 {
            (ms - self.start_ms) / span
        } else {
            0.0
        }
    }

    /// The instant at a fraction of the window.
    pub fn at(&self, fraction: f64) -> f64 {
        self.start_ms + fraction * self.span()
    }

    /// Whether this window shows all of `domain` (zoomed out fully).
    pub fn covers(&self, domain: TimeWindow) -> bool {
        self.start_ms <= domain.start_ms && self.end_ms >= domain.end_ms
    }

    /// This window moved and shrunk into `domain`, at least [`MIN_WINDOW_MS`] long (or
    /// the whole domain when that is shorter). Non-finite values give the whole domain.
    pub fn clamp_to(self, domain: TimeWindow) -> TimeWindow {
        if !(self.start_ms.is_finite() && self.end_ms.is_finite()) {
            return domain;
        }
        let room = domain.span();
        let span = self.span().max(MIN_WINDOW_MS);
        if span >= room {
            return domain;
        }
        let start = self.start_ms.clamp(domain.start_ms, domain.end_ms - span);
        TimeWindow { start_ms: start, end_ms: start + span }
    }

    /// Zoomed by `factor` (2 shows half as much time; 0.5 twice as much) around the instant
    /// at `anchor` (a fraction of the window: the pointer's position), which stays put.
    pub fn zoom(self, domain: TimeWindow, anchor: f64, factor: f64) -> TimeWindow {
        if !(factor.is_finite() && factor > 0.0 && anchor.is_finite()) {
            return self.clamp_to(domain);
        }
        let anchor = anchor.clamp(0.0, 1.0);
        let pivot = self.at(anchor);
        let span = (self.span() / factor).max(MIN_WINDOW_MS);
        let start = pivot - anchor * span;
        TimeWindow { start_ms: start, end_ms: start + span }.clamp_to(domain)
    }

    /// Moved by `by` window widths (positive: later in time), stopping at the domain's ends.
    pub fn pan(self, domain: TimeWindow, by: f64) -> TimeWindow {
        if !by.is_finite() {
            return self.clamp_to(domain);
        }
        let shift = by * self.span();
        TimeWindow { start_ms: self.start_ms + shift, end_ms: self.end_ms + shift }.clamp_to(domain)
    }

    /// Zoomed to the range between two fractions of this window (a drag across the axis).
    pub fn select(self, domain: TimeWindow, from: f64, to: f64) -> TimeWindow {
        if !(from.is_finite() && to.is_finite()) {
            return self.clamp_to(domain);
        }
        TimeWindow::new(self.at(from.clamp(0.0, 1.0)), self.at(to.clamp(0.0, 1.0))).clamp_to(domain)
    }

    /// Centred on `ms`, keeping its length (a click on the overview).
    pub fn center_on(self, domain: TimeWindow, ms: f64) -> TimeWindow {
        let half = self.span() / 2.0;
        TimeWindow { start_ms: ms - half, end_ms: ms + half }.clamp_to(domain)
    }

    /// The part of the bar `begin_ms ..= end_ms` inside the window, as fractions of the
    /// window; none when the bar is entirely outside. A zero-length bar inside the window
    /// stays a point (width 0).
    pub fn clip(&self, begin_ms: f64, end_ms: f64) -> Option<ClippedBar> {
        let (begin, end) = (begin_ms.min(end_ms), begin_ms.max(end_ms));
        if end < self.start_ms || begin > self.end_ms || !(begin.is_finite() && end.is_finite()) {
            return None;
        }
        let left = self.fraction(begin).max(0.0);
        let right = self.fraction(end).min(1.0);
        Some(ClippedBar {
            left,
            width: (right - left).max(0.0),
            cut_left: begin < self.start_ms,
            cut_right: end > self.end_ms,
        })
    }
}

/// The overview of a whole job: per column of the strip, the number of jobs of each status
/// whose bar crosses it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Density {
    /// The domain the columns divide (the layout's window).
    pub start_ms: i64,
    /// End of the domain.
    pub end_ms: i64,
    /// Per column: active jobs by status, in the order success, running, fail, init,
    /// unknown.
    pub columns: Vec<[u32; 5]>,
    /// The largest column total (the strip's vertical scale).
    pub peak: u32,
    /// Per column: a failed job ended there.
    pub failures: Vec<bool>,
}

/// The position of a status in [`Density::columns`].
pub fn density_slot(status: StatusKind) -> usize {
    match status {
        StatusKind::Success => 0,
        StatusKind::Running => 1,
        StatusKind::Fail => 2,
        StatusKind::Init => 3,
        StatusKind::Unknown => 4,
    }
}

impl Analysis {
    /// The overview at a clock reading of `now_ms`, in
    /// `columns` columns (at least 1, at most 8,192). Every job counts, collapsed or not;
    /// the root counts only when it has no sub-jobs (it would add one to every column).
    /// Linear in jobs plus columns.
    pub fn density(&self, now_ms: i64, columns: usize) -> Density {
        let tree = self.tree();
        let columns = columns.clamp(1, 8_192);
        let now_ms = self.now(now_ms);
        let (start_ms, end_ms) = crate::analysis::time_window(tree, now_ms);
        let span = (end_ms - start_ms).max(1) as f64;
        let column_of = |ms: i64| {
            let x = ((ms - start_ms) as f64 / span * columns as f64).floor();
            (x.max(0.0) as usize).min(columns - 1)
        };
        let mut difference = vec![[0_i64; 5]; columns + 1];
        let mut failures = vec![false; columns];
        let skip_root = usize::from(tree.root().has_children());
        for job in tree.iter().skip(skip_root) {
            let Some((begin, finish)) = bar_ms(job, now_ms) else { continue };
            let slot = density_slot(job.status());
            difference[column_of(begin)][slot] += 1;
            difference[column_of(finish) + 1][slot] -= 1;
            if job.status() == StatusKind::Fail {
                failures[column_of(finish)] = true;
            }
        }
        let mut running = [0_i64; 5];
        let mut peak = 0;
        let columns = difference[..columns]
            .iter()
            .map(|delta| {
                let mut column = [0_u32; 5];
                for slot in 0..5 {
                    running[slot] += delta[slot];
                    column[slot] = u32::try_from(running[slot].max(0)).unwrap_or(u32::MAX);
                }
                peak = peak.max(column.iter().sum::<u32>());
                column
            })
            .collect();
        Density { start_ms, end_ms, columns, peak, failures }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_job;

    const DOMAIN: TimeWindow = TimeWindow { start_ms: 1_000.0, end_ms: 11_000.0 };

    #[test]
    fn zoom_keeps_the_anchor_under_the_pointer() {
        let zoomed = DOMAIN.zoom(DOMAIN, 0.25, 2.0);
        assert!((zoomed.span() - 5_000.0).abs() < 1e-9);
        assert!((zoomed.at(0.25) - DOMAIN.at(0.25)).abs() < 1e-9);
        // Zooming back out returns to the whole domain.
        assert!(zoomed.zoom(DOMAIN, 0.25, 0.5).covers(DOMAIN));
    }

    #[test]
    fn zoom_stops_at_the_shortest_window_and_the_domain() {
        let mut window = DOMAIN;
        for _ in 0..100 {
            window = window.zoom(DOMAIN, 0.5, 4.0);
        }
        assert!((window.span() - MIN_WINDOW_MS).abs() < 1e-9);
        assert!(window.start_ms >= DOMAIN.start_ms && window.end_ms <= DOMAIN.end_ms);
        assert_eq!(window.zoom(DOMAIN, 0.0, 0.001), DOMAIN);
        assert_eq!(DOMAIN.zoom(DOMAIN, 0.5, f64::NAN), DOMAIN);
        assert_eq!(DOMAIN.zoom(DOMAIN, 0.5, -2.0), DOMAIN);
    }

    #[test]
    fn pan_stops_at_the_ends() {
        let window = TimeWindow::new(5_000.0, 6_000.0);
        assert_eq!(window.pan(DOMAIN, 1.0), TimeWindow::new(6_000.0, 7_000.0));
        assert_eq!(window.pan(DOMAIN, 100.0), TimeWindow::new(10_000.0, 11_000.0));
        assert_eq!(window.pan(DOMAIN, -100.0), TimeWindow::new(1_000.0, 2_000.0));
        assert_eq!(window.pan(DOMAIN, f64::INFINITY), window);
    }

    #[test]
    fn select_zooms_to_the_dragged_range_in_either_direction() {
        let window = DOMAIN.select(DOMAIN, 0.6, 0.2);
        assert_eq!(window, TimeWindow::new(3_000.0, 7_000.0));
        // A tiny drag still gives the shortest window, not an empty one.
        let tiny = DOMAIN.select(DOMAIN, 0.5, 0.5);
        assert!((tiny.span() - MIN_WINDOW_MS).abs() < 1e-9);
    }

    #[test]
    fn clip_cuts_bars_to_the_window() {
        let window = TimeWindow::new(2_000.0, 4_000.0);
        assert_eq!(window.clip(0.0, 1_000.0), None);
        assert_eq!(window.clip(5_000.0, 6_000.0), None);
        let bar = window.clip(1_000.0, 3_000.0).unwrap();
        assert_eq!((bar.left, bar.width, bar.cut_left, bar.cut_right), (0.0, 0.5, true, false));
        let bar = window.clip(2_500.0, 9_000.0).unwrap();
        assert_eq!((bar.left, bar.width, bar.cut_left, bar.cut_right), (0.25, 0.75, false, true));
        let point = window.clip(3_000.0, 3_000.0).unwrap();
        assert_eq!((point.left, point.width), (0.5, 0.0));
    }

    #[test]
    fn an_empty_domain_is_its_own_window() {
        let empty = TimeWindow::new(5.0, 5.0);
        assert_eq!(DOMAIN.clamp_to(empty), empty);
        assert_eq!(empty.zoom(empty, 0.5, 2.0), empty);
        assert_eq!(empty.fraction(5.0), 0.0);
    }

    #[test]
    fn density_counts_active_jobs_per_column_and_marks_failures() {
        let tree = parse_job(
            br#"{"job_id":"r","status":"FAIL","begin_time":"2026-01-01T00:00:00.000Z","end_time":"2026-01-01T00:00:10.000Z",
                "entities":{"sub_jobs":[
                  {"job_id":"a","status":"SUCCESS","begin_time":"2026-01-01T00:00:00.000Z","end_time":"2026-01-01T00:00:04.999Z"},
                  {"job_id":"b","status":"FAIL","begin_time":"2026-01-01T00:00:03.000Z","end_time":"2026-01-01T00:00:10.000Z"},
                  {"job_id":"c","status":"INIT"}]}}"#,
        )
        .unwrap();
        let index = Analysis::new(tree);
        let density = index.density(0, 10);
        assert_eq!(density.columns.len(), 10);
        // Columns of one second: a covers 0-4, b covers 3-9; c has no bar; the root is
        // left out because it has sub-jobs.
        let totals: Vec<u32> = density.columns.iter().map(|column| column.iter().sum()).collect();
        assert_eq!(totals, [1, 1, 1, 2, 2, 1, 1, 1, 1, 1]);
        assert_eq!(density.columns[3][density_slot(StatusKind::Fail)], 1);
        assert_eq!(density.columns[3][density_slot(StatusKind::Success)], 1);
        assert_eq!(density.peak, 2);
        assert_eq!(density.failures.iter().filter(|&&failed| failed).count(), 1);
        assert!(density.failures[9]);
        // Column counts are clamped, never zero.
        assert_eq!(index.density(0, 0).columns.len(), 1);
    }
}
