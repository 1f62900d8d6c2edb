//! A job as Chrome trace-event JSON (the "JSON Object Format" that Perfetto UI and
//! `chrome://tracing` open): one complete event (`ph: "X"`) per job that has started, named
//! by its label, with its ids, status, error code and reason as `args`.
//!
//! Invariants (tests below): events on one thread (`tid`) nest or follow each other, never
//! overlap partly (the trace viewers' rule for complete events); a job goes on its parent's
//! thread whenever it fits there, so a job and its sequential steps draw as one stack, and
//! parallel siblings go to threads of their own; `ts` and `dur` are microseconds, from the
//! earliest begin; a job still running ends at `now_ms` and says so (`args.running`).

use std::collections::BTreeMap;

use crate::{job_type_label, EntityField, JobRef, Locale};

/// The whole trace: `{"traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...}}`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChromeTrace {
    /// One complete event per started job, in the job tree's order, then thread names.
    pub trace_events: Vec<TraceEvent>,
    /// `"ms"`.
    pub display_time_unit: String,
    /// What the trace is of: the root's id and the wall-clock start (ISO 8601) that `ts` 0 is.
    pub other_data: BTreeMap<String, String>,
}

/// One event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TraceEvent {
    /// The job's label (its type, in the chosen language), or the thread's name.
    pub name: String,
    /// `"sdrs.job"`, or `"__metadata"` for thread names.
    pub cat: String,
    /// `"X"` (complete), or `"M"` (metadata: a thread's name).
    pub ph: String,
    /// Start, in microseconds from the earliest begin (absent for metadata).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub ts: Option<f64>,
    /// Duration in microseconds (absent for metadata).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub dur: Option<f64>,
    /// Always 1: one job, one process.
    pub pid: u32,
    /// The lane the event is drawn in.
    pub tid: u32,
    /// Ids, status, error code, reason, depth; a thread's name for metadata.
    pub args: BTreeMap<String, String>,
}

/// The trace of `top` and its sub-jobs; a running job (no `end_time`) ends at `now_ms`.
pub fn chrome_trace(top: JobRef<'_>, now_ms: i64, locale: Locale) -> ChromeTrace {
    let tree = top.tree();
    let first = top.index();
    let jobs = || (first..top.subtree_end()).map(|index| tree.job(index));
    let origin = jobs().filter_map(|job| job.begin_ms()).min();
    let mut events = Vec::new();
    // Per lane, the ends of the events open at the current time (a stack: each contains the
    // next), and which lane each job went to.
    let mut lanes: Vec<Vec<i64>> = Vec::new();
    let mut lane_of: Vec<Option<u32>> = vec![None; top.subtree_end() - first];
    // Started jobs by begin, parents before children that begin with them.
    let mut started: Vec<(i64, i64, usize)> = jobs()
        .filter_map(|job| {
            let begin = job.begin_ms()?;
            let end = job.end_ms().unwrap_or(now_ms).max(begin);
            Some((begin, end, job.index()))
        })
        .collect();
    started.sort_by_key(|&(begin, end, index)| {
        (begin, std::cmp::Reverse(end), tree.job(index).depth(), index)
    });
    let mut placed: Vec<(usize, u32, i64, i64)> = Vec::with_capacity(started.len());
    for &(begin, end, index) in &started {
        let fits = |lane: &mut Vec<i64>| {
            while lane.last().is_some_and(|&open_end| open_end <= begin) {
                lane.pop();
            }
            lane.last().is_none_or(|&open_end| end <= open_end)
        };
        let job = tree.job(index);
        let parent_lane = job
            .parent()
            .filter(|_| index != first)
            .and_then(|parent| lane_of[parent.index() - first]);
        let lane = match parent_lane.filter(|&lane| fits(&mut lanes[lane as usize])) {
            Some(lane) => lane,
            None => match (0..lanes.len())
                .find(|&lane| fits(&mut lanes[lane]) && lanes[lane].is_empty())
            {
                Some(lane) => lane as u32,
                None => {
                    lanes.push(Vec::new());
                    (lanes.len() - 1) as u32
                }
            },
        };
        lanes[lane as usize].push(end);
        lane_of[index - first] = Some(lane);
        placed.push((index, lane, begin, end));
    }
    // In the tree's order, so that a reader of the file finds the root first.
    placed.sort_by_key(|&(index, ..)| index);
    let origin_ms = origin.unwrap_or(0);
    for (index, lane, begin, end) in placed {
        let job = tree.job(index);
        let mut args = BTreeMap::new();
        let mut put = |key: &str, value: Option<&str>| {
            if let Some(value) = value {
                args.insert(key.to_owned(), value.to_owned());
            }
        };
        put("job_id", job.job_id());
        put("parent_job_id", job.parent().and_then(|parent| parent.job_id()));
        put("job_type", job.job_type());
        put("status", job.status_text());
        put("error_code", job.error_code());
        put("fail_reason", job.fail_reason());
        for field in EntityField::ALL {
            put(field.wire_name(), job.entity(field).value());
        }
        args.insert("depth".to_owned(), (job.depth() - top.depth()).to_string());
        if job.end_ms().is_none() {
            args.insert("running".to_owned(), "true".to_owned());
        }
        events.push(TraceEvent {
            name: job_type_label(job.job_type(), locale),
            cat: "sdrs.job".to_owned(),
            ph: "X".to_owned(),
            ts: Some(((begin - origin_ms) * 1_000) as f64),
            dur: Some(((end - begin) * 1_000) as f64),
            pid: 1,
            tid: lane,
            args,
        });
    }
    for lane in 0..lanes.len() as u32 {
        events.push(TraceEvent {
            name: "thread_name".to_owned(),
            cat: "__metadata".to_owned(),
            ph: "M".to_owned(),
            ts: None,
            dur: None,
            pid: 1,
            tid: lane,
            args: BTreeMap::from([("name".to_owned(), format!("lane {}", lane + 1))]),
        });
    }
    let mut other_data = BTreeMap::new();
    if let Some(id) = top.job_id() {
        other_data.insert("job_id".to_owned(), id.to_owned());
    }
    if let Some(origin) = origin {
        other_data.insert("start".to_owned(), crate::format_timestamp(origin));
    }
    ChromeTrace { trace_events: events, display_time_unit: "ms".to_owned(), other_data }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic;

    /// Events on one lane nest or follow each other.
    fn assert_well_nested(trace: &ChromeTrace) {
        let mut by_lane: BTreeMap<u32, Vec<(f64, f64)>> = BTreeMap::new();
        for event in trace.trace_events.iter().filter(|event| event.ph == "X") {
            let start = event.ts.unwrap();
            by_lane.entry(event.tid).or_default().push((start, start + event.dur.unwrap()));
        }
        for (lane, mut spans) in by_lane {
            spans.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
            let mut open: Vec<f64> = Vec::new();
            for (start, end) in spans {
                while open.last().is_some_and(|&open_end| open_end <= start) {
                    open.pop();
                }
                if let Some(&open_end) = open.last() {
                    assert!(
                        end <= open_end,
                        "lane {lane}: [{start}, {end}] overlaps one ending at {open_end}"
                    );
                }
                open.push(end);
            }
        }
    }

    #[test]
    fn one_complete_event_per_started_job_nested_on_lanes() {
        let tree = synthetic::failover(20, 3, 1_764_748_800_000);
        let trace = chrome_trace(tree.root(), i64::MAX / 4, Locale::En);
        let events: Vec<_> = trace.trace_events.iter().filter(|event| event.ph == "X").collect();
        let started = tree.iter().filter(|job| job.begin_ms().is_some()).count();
        assert_eq!(events.len(), started);
        assert_well_nested(&trace);
        // Durations as the job says, in microseconds.
        for (event, job) in events.iter().zip(tree.iter().filter(|job| job.begin_ms().is_some())) {
            assert_eq!(event.args.get("job_id").map(String::as_str), job.job_id());
            if let (Some(begin), Some(end)) = (job.begin_ms(), job.end_ms()) {
                assert_eq!(event.dur, Some(((end - begin) * 1_000) as f64));
            }
        }
        // The root is on lane 0 at 0, and a protected instance's sequential steps are on its lane.
        assert_eq!((events[0].tid, events[0].ts), (0, Some(0.0)));
        let instance = tree.root().children().next().unwrap();
        let lane = events
            .iter()
            .find(|event| event.args.get("job_id").map(String::as_str) == instance.job_id())
            .unwrap()
            .tid;
        for step in instance.children() {
            let event = events
                .iter()
                .find(|event| event.args.get("job_id").map(String::as_str) == step.job_id())
                .unwrap();
            assert_eq!(event.tid, lane, "a step of an instance goes on its lane");
        }
    }

    #[test]
    fn parallel_siblings_go_to_lanes_of_their_own_and_a_running_job_ends_now() {
        let tree = crate::parse_job(
            r#"{"job_id":"r","status":"RUNNING","job_type":"failoverProtectionGroup","begin_time":"2026-12-03T08:00:00.000Z",
               "entities":{"server_group_id":"g1","sub_jobs":[
                 {"job_id":"a","status":"SUCCESS","begin_time":"2026-12-03T08:00:01.000Z","end_time":"2026-12-03T08:00:05.000Z"},
                 {"job_id":"b","status":"FAIL","error_code":"SDRS.1308","fail_reason":"<b>sold out</b>","begin_time":"2026-12-03T08:00:02.000Z","end_time":"2026-12-03T08:00:06.000Z"},
                 {"job_id":"c","status":"INIT"}]}}"#,
        )
        .unwrap();
        let now = crate::parse_timestamp("2026-12-03T08:00:10.000Z").unwrap();
        let trace = chrome_trace(tree.root(), now, Locale::Zh);
        assert_well_nested(&trace);
        let event = |id: &str| {
            trace
                .trace_events
                .iter()
                .find(|event| event.args.get("job_id").map(String::as_str) == Some(id))
        };
        assert!(event("c").is_none(), "a job that has not started has no event");
        let (root, a, b) = (event("r").unwrap(), event("a").unwrap(), event("b").unwrap());
        assert_eq!(root.dur, Some(10_000_000.0));
        assert_eq!(root.args.get("running").map(String::as_str), Some("true"));
        assert_eq!(root.args.get("server_group_id").map(String::as_str), Some("g1"));
        assert_eq!(root.name, "故障切换保护组", "named by its label, in the chosen language");
        assert_eq!(a.tid, root.tid);
        assert_ne!(b.tid, a.tid, "b overlaps a partly: another lane");
        assert_eq!(b.args.get("fail_reason").map(String::as_str), Some("<b>sold out</b>"));
        assert_eq!(b.args.get("parent_job_id").map(String::as_str), Some("r"));
        let names = trace.trace_events.iter().filter(|event| event.ph == "M").count();
        assert_eq!(names, 2);
        assert_eq!(
            trace.other_data.get("start").map(String::as_str),
            Some("2026-12-03T08:00:00.000Z")
        );
    }
}
