//! Warming the first path. On a page's first job request, while it is in flight, the core's
//! parser, analysis, summary and layout run once on a small synthetic failover. On a first
//! visit nothing of ours is compiled yet: V8 compiles each wasm function on its first call
//! and runs it with baseline code until it turns hot, so the first answer, read cold, took
//! three times as long as the same answer read again (BENCHMARKS.md). The warm-up moves
//! that cost into the time the network takes anyway. It runs once per page.
//!
//! The widget's first render is warmed the same way: the timeline is rendered once, on the
//! same failover, into an element that is never in the document (so nothing is styled,
//! laid out or painted, and no host sees it), then destroyed. Its rows, header and toolbar
//! then meet the first answer compiled.

use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;

use sdrs_job_core::{
    parse_job_owned, synthetic, Analysis, JobTree, ParseOptions, RowOrder, StatusSet,
};

use crate::{JobSource, JobTimeline, JobTimelineProps, SharedTree};

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
        if let Some((tree, _)) = run() {
            render(tree).await;
        }
    });
}

/// Reads a synthetic failover as an answer is read: parse, analysis, summary, layout. Gives
/// the tree, and the jobs summed and the rows laid out.
pub(crate) fn run() -> Option<(Rc<JobTree>, usize)> {
    let json = synthetic::failover(INSTANCES, STEPS, 1_560_000_000_000).to_json();
    let tree = Rc::new(parse_job_owned(json.into_bytes(), &ParseOptions::default()).ok()?);
    let analysis = Analysis::new(tree.clone());
    let now = analysis.latest_ms().unwrap_or_default();
    let summary = analysis.summary(now);
    let layout = analysis.layout_in(now, &HashSet::new(), StatusSet::EMPTY, RowOrder::default());
    Some((tree, summary.total + layout.slots.len()))
}

/// Renders the timeline of `tree` into an element outside the document, lets its renders
/// and effects run, and destroys it. Gives the number of rows it drew.
pub(crate) async fn render(tree: Rc<JobTree>) -> usize {
    let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("div").ok())
    else {
        return 0;
    };
    let props = yew::props!(JobTimelineProps { source: JobSource::Static(SharedTree(tree)) });
    let app = yew::Renderer::<JobTimeline>::with_root_and_props(root.clone(), props).render();
    // yew renders in a microtask; a task later, the first render and its effects are done.
    gloo_timers::future::TimeoutFuture::new(0).await;
    let rows = root.query_selector_all(".sdrs-row").map_or(0, |rows| rows.length() as usize);
    app.destroy();
    rows
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_warm_up_reads_its_whole_failover() {
        // 1,001 jobs, every one laid out (nothing collapsed).
        assert_eq!(super::run().map(|(_, count)| count), Some(1_001 * 2));
    }
}
