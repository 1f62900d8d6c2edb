//! Warming the first path. On a page's first job request, while it is in flight, the core's
//! parser, analysis, summary and layout run once on a small synthetic failover. On a first
//! visit nothing of ours is compiled yet: V8 compiles each wasm function on its first call
//! and runs it with baseline code until it turns hot, so the first answer, read cold, took
//! three times as long as the same answer read again (BENCHMARKS.md). The warm-up moves
//! that cost into the time the network takes anyway. It runs once per page.

use std::cell::Cell;
use std::collections::HashSet;

use sdrs_job_core::{parse_job_owned, synthetic, Analysis, ParseOptions, RowOrder, StatusSet};

thread_local! {
    static WARMED: Cell<bool> = const { Cell::new(false) };
}

/// The warm-up's failover: 40 instances of 24 steps (1,001 jobs, about 300 KB of JSON),
/// enough calls for the parser's per-member code to turn hot.
const INSTANCES: usize = 40;
const STEPS: usize = 24;

/// Queues the warm-up, the first time only: it runs when the caller next yields (after its
/// request went out).
pub(crate) fn once() {
    if WARMED.with(|warmed| warmed.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        run();
    });
}

/// Reads a synthetic failover as an answer is read: parse, analysis, summary, layout.
pub(crate) fn run() -> Option<usize> {
    let json = synthetic::failover(INSTANCES, STEPS, 1_560_000_000_000).to_json();
    let tree = parse_job_owned(json.into_bytes(), &ParseOptions::default()).ok()?;
    let analysis = Analysis::new(tree);
    let now = analysis.latest_ms().unwrap_or_default();
    let summary = analysis.summary(now);
    let layout = analysis.layout_in(now, &HashSet::new(), StatusSet::EMPTY, RowOrder::default());
    Some(summary.total + layout.slots.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_warm_up_reads_its_whole_failover() {
        // 1,001 jobs, every one laid out (nothing collapsed).
        assert_eq!(super::run(), Some(1_001 * 2));
    }
}
