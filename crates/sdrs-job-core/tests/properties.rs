//! Property tests: invariants of layout and summary, and the JSON round trip, over random
//! trees (any shape, odd statuses, missing and inconsistent times, strings needing escapes).

use std::collections::HashSet;

use proptest::prelude::*;
use sdrs_job_core::{
    parse_job_with, summarize, Analysis, FieldValue, JobField, JobRecord, JobTree, JobTreeBuilder,
    Locale, ParseOptions, RowOrder, StatusSet, TimeWindow, TimestampMode, WarningCode,
    CLOCK_SKEW_TOLERANCE_MS, MIN_WINDOW_MS,
};

const BASE_MS: i64 = 1_560_418_800_000; // 2019-06-13T09:40:00Z

#[derive(Debug, Clone)]
struct NodeSpec {
    /// Depth relative to the previous node: how many levels to climb before adding (0 = child).
    climb: usize,
    status: Option<&'static str>,
    begin: Option<i64>,
    duration: Option<i64>,
    id: u8,
    reason: String,
}

fn node() -> impl Strategy<Value = NodeSpec> {
    (
        0usize..4,
        prop::option::of(prop::sample::select(vec![
            "SUCCESS", "RUNNING", "FAIL", "INIT", "PAUSED", "",
        ])),
        prop::option::weighted(0.9, 0i64..120_000),
        prop::option::weighted(0.8, -5_000i64..90_000),
        any::<u8>(),
        "\\PC{0,12}|[\"\\\\\u{0}-\u{1f}<>&]{0,6}",
    )
        .prop_map(|(climb, status, begin, duration, id, reason)| NodeSpec {
            climb,
            status,
            begin,
            duration,
            id,
            reason,
        })
}

fn build(nodes: &[NodeSpec]) -> JobTree {
    let texts: Vec<(String, Option<String>, Option<String>)> = nodes
        .iter()
        .map(|spec| {
            let begin = spec.begin.map(|offset| sdrs_job_core::format_timestamp(BASE_MS + offset));
            let end = match (spec.begin, spec.duration) {
                (Some(offset), Some(duration)) => {
                    Some(sdrs_job_core::format_timestamp(BASE_MS + offset + duration))
                }
                _ => None,
            };
            (format!("job-{}", spec.id % 64), begin, end)
        })
        .collect();
    let mut builder = JobTreeBuilder::new();
    for (position, spec) in nodes.iter().enumerate() {
        if position > 0 {
            // Climb, but keep the root open: every later job is inside it.
            for _ in 0..spec.climb.min(builder.open_depth() - 1) {
                builder.end_job();
            }
        }
        let (id, begin, end) = &texts[position];
        let mut record =
            JobRecord::new(id, "failoverProtectionGroupNoCG", spec.status.unwrap_or_default());
        if spec.status.is_none() {
            record.set(JobField::Status, FieldValue::Absent);
        }
        record.set(JobField::BeginTime, FieldValue::from_option(begin.as_deref()));
        record.set(JobField::EndTime, FieldValue::from_option(end.as_deref()));
        record.set(JobField::FailReason, FieldValue::Value(&spec.reason));
        builder.begin_job(&record);
    }
    builder.finish().expect("at least one job")
}

fn tree_strategy() -> impl Strategy<Value = (Vec<NodeSpec>, i64)> {
    (prop::collection::vec(node(), 1..60), 0i64..300_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_chrome_trace_has_one_event_per_started_job_and_never_overlaps_on_a_lane((nodes, now_offset) in tree_strategy()) {
        let tree = build(&nodes);
        let trace = sdrs_job_core::chrome_trace::chrome_trace(tree.root(), BASE_MS + now_offset, Locale::En);
        let complete: Vec<_> = trace.trace_events.iter().filter(|event| event.ph == "X").collect();
        prop_assert_eq!(complete.len(), tree.iter().filter(|job| job.begin_ms().is_some()).count());
        let mut by_lane: std::collections::BTreeMap<u32, Vec<(f64, f64)>> = Default::default();
        for event in &complete {
            let (start, duration) = (event.ts.unwrap(), event.dur.unwrap());
            prop_assert!(start >= 0.0 && duration >= 0.0);
            by_lane.entry(event.tid).or_default().push((start, start + duration));
        }
        for spans in by_lane.values_mut() {
            spans.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
            let mut open: Vec<f64> = Vec::new();
            for &(start, end) in spans.iter() {
                while open.last().is_some_and(|&open_end| open_end <= start) {
                    open.pop();
                }
                prop_assert!(open.last().is_none_or(|&open_end| end <= open_end), "a partial overlap on a lane");
                open.push(end);
            }
        }
        // Valid JSON that a trace viewer reads: an object with the events.
        let value: serde_json::Value = serde_json::from_str(&serde_json::to_string(&trace).unwrap()).unwrap();
        prop_assert_eq!(value["traceEvents"].as_array().unwrap().len(), trace.trace_events.len());
    }

    #[test]
    fn otlp_spans_have_unique_ids_and_parents_inside_the_export((nodes, now_offset) in tree_strategy()) {
        let tree = build(&nodes);
        let trace = sdrs_job_core::otlp::otlp_spans(tree.root(), BASE_MS + now_offset, Locale::En);
        let spans = &trace.resource_spans[0].scope_spans[0].spans;
        prop_assert_eq!(spans.len(), tree.iter().filter(|job| job.begin_ms().is_some()).count());
        let ids: HashSet<&str> = spans.iter().map(|span| span.span_id.as_str()).collect();
        prop_assert_eq!(ids.len(), spans.len());
        for span in spans {
            prop_assert!(span.span_id.len() == 16 && span.span_id != "0000000000000000");
            prop_assert!(span.parent_span_id.as_deref().is_none_or(|parent| ids.contains(parent)));
            let (start, end) = (span.start_time_unix_nano.parse::<u128>().unwrap(), span.end_time_unix_nano.parse::<u128>().unwrap());
            prop_assert!(start <= end);
        }
    }

    #[test]
    fn round_trip_is_exact((nodes, _) in tree_strategy()) {
        let tree = build(&nodes);
        let written = tree.to_json();
        let value: serde_json::Value = serde_json::from_str(&written).expect("we write valid JSON");
        let reparsed = parse_job_with(&written, &ParseOptions { timestamps: TimestampMode::Lenient, ..Default::default() }).unwrap();
        prop_assert_eq!(reparsed.len(), tree.len());
        prop_assert_eq!(reparsed.to_json(), written.clone());
        // serde_json's own reading of our output writes back to the same value through us.
        let through_serde = parse_job_with(serde_json::to_string(&value).unwrap(), &ParseOptions::default()).unwrap();
        prop_assert_eq!(through_serde.to_json(), written);
    }

    #[test]
    fn rows_stay_inside_the_window((nodes, now_offset) in tree_strategy()) {
        let tree = build(&nodes);
        let analysis = Analysis::new(tree.clone());
        let result = analysis.layout(BASE_MS + now_offset, &HashSet::new(), StatusSet::EMPTY);
        prop_assert_eq!(result.slots.len(), tree.len());
        prop_assert!(result.start_ms <= result.end_ms);
        for row in &result.rows(&analysis, Locale::En) {
            prop_assert!((0.0..=1.0).contains(&row.left), "left {}", row.left);
            prop_assert!(row.width >= 0.0 && row.left + row.width <= 1.0 + 1e-9, "{} + {}", row.left, row.width);
        }
    }

    #[test]
    fn children_sit_inside_their_parent_unless_a_warning_says_otherwise((nodes, now_offset) in tree_strategy()) {
        let tree = build(&nodes);
        let now = BASE_MS + now_offset;
        let summary = summarize(&tree, now);
        let analysis = Analysis::new(tree.clone());
        let result = analysis.layout(now, &HashSet::new(), StatusSet::EMPTY);
        let rows = result.rows(&analysis, Locale::En);
        let span = (result.end_ms - result.start_ms).max(1) as f64;
        let tolerance = CLOCK_SKEW_TOLERANCE_MS as f64 / span + 1e-9;
        let explained: HashSet<usize> = summary.warnings.iter()
            .filter(|warning| matches!(warning.code,
                WarningCode::ChildOutsideParent | WarningCode::EndBeforeBegin))
            .map(|warning| warning.index)
            .collect();
        for row in &rows {
            let Some(parent_index) = row.parent_index else { continue };
            if row.not_started || explained.contains(&row.index) || explained.contains(&parent_index) {
                continue;
            }
            let parent = &rows[parent_index];
            prop_assert!(row.left >= parent.left - tolerance, "{:?} starts before {:?}", row.job_id, parent.job_id);
            prop_assert!(row.left + row.width <= parent.left + parent.width + tolerance,
                "{:?} ends after {:?}", row.job_id, parent.job_id);
        }
    }

    #[test]
    fn collapsed_subtrees_are_hidden_and_nothing_else((nodes, now_offset) in tree_strategy(), picks in prop::collection::vec(any::<u8>(), 0..8)) {
        let tree = build(&nodes);
        let collapsed: HashSet<String> = picks.iter().map(|id| format!("job-{}", id % 64)).collect();
        let analysis = Analysis::new(tree.clone());
        let result = analysis.layout(BASE_MS + now_offset, &collapsed, StatusSet::EMPTY);
        let rows = result.rows(&analysis, Locale::En);
        // Expected visible set: jobs with no collapsed ancestor (a collapsed job itself shows).
        let mut hidden_until = 0;
        let mut expected = Vec::new();
        for job in tree.iter() {
            if job.index() < hidden_until {
                continue;
            }
            expected.push(job.index());
            if job.has_children() && job.job_id().is_some_and(|id| collapsed.contains(id)) {
                hidden_until = job.subtree_end();
            }
        }
        let actual: Vec<usize> = rows.iter().map(|row| row.index).collect();
        prop_assert_eq!(actual, expected);
        for row in &rows {
            let failed_inside = (row.index + 1..tree.job(row.index).subtree_end())
                .any(|index| tree.job(index).status_text() == Some("FAIL"));
            prop_assert_eq!(row.hidden_failure, row.collapsed && failed_inside);
        }
    }

    /// Sorted by duration, the rows are the same rows, each after its parent, each
    /// parent's sub-jobs in duration order with the unstarted ones last; positions are
    /// found again.
    #[test]
    fn sorting_by_duration_keeps_the_rows_and_the_hierarchy((nodes, now_offset) in tree_strategy(), picks in prop::collection::vec(any::<u8>(), 0..4), longest in any::<bool>()) {
        let tree = build(&nodes);
        let now = BASE_MS + now_offset;
        let collapsed: HashSet<String> = picks.iter().map(|id| format!("job-{}", id % 64)).collect();
        let analysis = Analysis::new(tree.clone());
        let order = if longest { RowOrder::LongestFirst } else { RowOrder::ShortestFirst };
        let in_tree = analysis.layout(now, &collapsed, StatusSet::EMPTY);
        let sorted = analysis.layout_in(now, &collapsed, StatusSet::EMPTY, order);
        let mut indices: Vec<usize> = sorted.slots.iter().map(|slot| slot.index()).collect();
        for (position, &index) in indices.iter().enumerate() {
            prop_assert_eq!(sorted.position_of(index), Some(position));
            if let Some(parent) = tree.job(index).parent() {
                prop_assert!(sorted.position_of(parent.index()).is_some_and(|at| at < position));
            }
        }
        // Consecutive siblings are in order.
        let rows = sorted.rows(&analysis, Locale::En);
        for (position, row) in rows.iter().enumerate() {
            let previous = rows[..position].iter().rfind(|other| other.parent_index == row.parent_index);
            if let (Some(previous), Some(now_duration)) = (previous, row.duration_ms) {
                let before = previous.duration_ms;
                prop_assert!(before.is_some(), "an unstarted job before a started sibling");
                let before = before.unwrap();
                let in_order = if longest { before >= now_duration } else { before <= now_duration };
                prop_assert!(in_order, "{} then {}", before, now_duration);
            }
        }
        indices.sort_unstable();
        let expected: Vec<usize> = in_tree.slots.iter().map(|slot| slot.index()).collect();
        prop_assert_eq!(indices, expected);
    }

    #[test]
    fn summary_counts_add_up((nodes, now_offset) in tree_strategy()) {
        let tree = build(&nodes);
        let summary = summarize(&tree, BASE_MS + now_offset);
        let counts = summary.counts;
        prop_assert_eq!(counts.success + counts.running + counts.fail + counts.init + counts.unknown, tree.len());
        prop_assert!((0.0..=1.0).contains(&summary.progress));
        prop_assert_eq!(summary.failures.len(), counts.fail);
    }

    /// Whatever the viewer does with wheel, drag and keys, the window stays inside the job,
    /// at least the shortest window long, and zooming out fully gives the whole job back.
    #[test]
    fn zoom_and_pan_never_leave_the_job(
        domain_span in 0_i64..10_000_000_000,
        steps in prop::collection::vec((0_u8..4, -4.0_f64..4.0, -0.5_f64..1.5), 0..40),
    ) {
        let domain = TimeWindow::domain(BASE_MS, BASE_MS + domain_span);
        let mut window = domain;
        for (kind, amount, at) in steps {
            window = match kind {
                0 => window.zoom(domain, at, 2_f64.powf(amount)),
                1 => window.pan(domain, amount),
                2 => window.select(domain, at, at + amount / 4.0),
                _ => window.center_on(domain, window.at(at)),
            };
            prop_assert!(window.start_ms >= domain.start_ms && window.end_ms <= domain.end_ms, "{window:?} outside {domain:?}");
            prop_assert!(window.span() >= MIN_WINDOW_MS.min(domain.span()) - 1e-6, "{window:?} too short");
        }
        for _ in 0..200 {
            window = window.zoom(domain, 0.3, 0.5);
        }
        prop_assert!(window.covers(domain));
    }

    /// The overview counts every job with a bar: at each column, no more jobs than exist,
    /// and every job is somewhere.
    #[test]
    fn overview_density_accounts_for_every_bar((nodes, now_offset) in tree_strategy(), columns in 1_usize..300) {
        let tree = build(&nodes);
        let index = Analysis::new(tree.clone());
        let density = index.density(BASE_MS + now_offset, columns);
        prop_assert_eq!(density.columns.len(), columns);
        prop_assert_eq!(density.failures.len(), columns);
        let counted = usize::from(tree.root().has_children());
        for column in &density.columns {
            prop_assert!(column.iter().sum::<u32>() as usize <= tree.len() - counted);
        }
        let peak = density.columns.iter().map(|column| column.iter().sum::<u32>()).max().unwrap_or(0);
        prop_assert_eq!(density.peak, peak);
        let failed_with_bar = tree.iter().skip(counted).any(|job| job.status() == sdrs_job_core::StatusKind::Fail && job.begin_ms().is_some());
        prop_assert_eq!(density.failures.iter().any(|&failed| failed), failed_with_bar);
    }
}

#[test]
fn a_ten_thousand_deep_chain_is_handled_without_recursion() {
    let depth = 10_000;
    let mut text = String::new();
    for level in 0..=depth {
        text.push_str(&format!(
            r#"{{"job_id":"chain-{level}","status":"SUCCESS","begin_time":"2019-06-13T09:40:00.000Z","end_time":"2019-06-13T09:41:00.000Z","entities":{{"sub_jobs":["#
        ));
    }
    for _ in 0..=depth {
        text.push_str("]}}");
    }
    // Run on a small stack: any recursion over the chain would overflow it.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let tree = sdrs_job_core::parse_job(&text).expect("10,000 levels are within the limit");
            assert_eq!(tree.len(), depth + 1);
            let summary = summarize(&tree, BASE_MS);
            assert_eq!(summary.max_depth, depth);
            let analysis = Analysis::new(tree.clone());
            let rows = analysis
                .layout(BASE_MS, &HashSet::new(), StatusSet::EMPTY)
                .rows(&analysis, Locale::En);
            assert_eq!(rows.len(), depth + 1);
            assert!(rows.iter().all(|row| row.critical));
            assert_eq!(tree.to_json(), text);
            let too_deep = format!("{{\"entities\":{{\"sub_jobs\":[{text}]}}}}");
            let error = sdrs_job_core::parse_job(&too_deep).unwrap_err();
            assert_eq!(error.code.as_str(), "TOO_DEEP");
            drop(tree);
        })
        .unwrap();
    handle.join().expect("no stack overflow");
}
