//! Statistics by job type and the comparison of two runs, against the fixture's known
//! numbers and the synthetic failover's shape.

use std::rc::Rc;

use sdrs_job_core::compare::compare;
use sdrs_job_core::statistics::{sort_stats, stats_by_type, StatsColumn};
use sdrs_job_core::{parse_job, Analysis, Locale};

const FAILOVER: &str = include_str!("fixtures/jobs/failover-three-levels.json");

fn analysis(json: &str) -> Analysis {
    Analysis::new(Rc::new(parse_job(json).unwrap()))
}

#[test]
fn statistics_of_the_fixture_are_its_known_numbers() {
    let stats = stats_by_type(&analysis(FAILOVER), 0, Locale::En);
    let types: Vec<_> = stats.iter().map(|row| row.job_type.as_deref().unwrap()).collect();
    assert_eq!(
        types,
        [
            "failoverProtectionGroupNoCG",
            "failoverProtectedInstanceNoCG",
            "stopServerNew",
            "failoverReplicationPairNew"
        ],
        "in the order each type first appears"
    );
    let instances = &stats[1];
    assert_eq!((instances.count, instances.failures, instances.unfinished), (3, 1, 0));
    assert_eq!(
        (instances.min_ms, instances.median_ms, instances.max_ms, instances.total_ms),
        (Some(38_800), Some(51_250), Some(88_700), 38_800 + 51_250 + 88_700)
    );
    let pairs = &stats[3];
    assert_eq!((pairs.count, pairs.failures, pairs.median_ms), (3, 1, Some(32_300)));
    assert_eq!(stats[0].count, 1);
    assert_eq!(stats.iter().map(|row| row.count).sum::<usize>(), 10);

    let mut sorted = stats.clone();
    sort_stats(&mut sorted, StatsColumn::Max, true);
    assert_eq!(sorted[0].job_type.as_deref(), Some("failoverProtectionGroupNoCG"), "90.12 s");
    sort_stats(&mut sorted, StatsColumn::Median, false);
    assert_eq!(sorted[0].job_type.as_deref(), Some("stopServerNew"), "18.6 s");
    let mut sorted = stats.clone();
    sort_stats(&mut sorted, StatsColumn::Failures, true);
    assert_eq!(sorted.iter().map(|row| row.failures).collect::<Vec<_>>(), [1, 1, 1, 0]);
    assert_eq!(
        sorted[0].job_type.as_deref(),
        Some("failoverProtectionGroupNoCG"),
        "ties keep their order"
    );
    sort_stats(&mut sorted, StatsColumn::Label, false);
    assert!(sorted.windows(2).all(|pair| pair[0].label <= pair[1].label));
}

#[test]
fn a_type_without_any_started_job_has_no_duration_and_sorts_last() {
    let stats = stats_by_type(
        &analysis(
            r#"{"job_id":"r","job_type":"x","status":"RUNNING","begin_time":"2026-12-03T08:00:00.000Z","entities":{"sub_jobs":[{"job_id":"a","job_type":"y","status":"INIT"},{"job_id":"b","status":"SUCCESS","begin_time":"2026-12-03T08:00:00.000Z","end_time":"2026-12-03T08:00:02.000Z"},{"job_id":"c","job_type":"y","status":"INIT"}]}}"#,
        ),
        1_796_284_810_000,
        Locale::En,
    );
    let y = stats.iter().find(|row| row.job_type.as_deref() == Some("y")).unwrap();
    assert_eq!((y.count, y.unfinished, y.min_ms, y.median_ms), (2, 2, None, None));
    let none = stats.iter().find(|row| row.job_type.is_none()).unwrap();
    assert_eq!(none.median_ms, Some(2_000));
    let x = stats.iter().find(|row| row.job_type.as_deref() == Some("x")).unwrap();
    assert_eq!(x.max_ms, Some(10_000), "a running job counts as far as now");
    let mut sorted = stats.clone();
    for descending in [true, false] {
        sort_stats(&mut sorted, StatsColumn::Min, descending);
        assert_eq!(sorted.last().unwrap().job_type.as_deref(), Some("y"));
    }
}

/// The fixture with every duration stretched by `factor` and one instance's steps renamed.
fn slower(factor: f64) -> String {
    let mut value: serde_json::Value = serde_json::from_str(FAILOVER).unwrap();
    fn stretch(job: &mut serde_json::Value, origin: i64, factor: f64) {
        for field in ["begin_time", "end_time"] {
            if let Some(text) = job[field].as_str() {
                let ms = sdrs_job_core::parse_timestamp(text).unwrap();
                let scaled = origin + ((ms - origin) as f64 * factor) as i64;
                job[field] = sdrs_job_core::format_timestamp(scaled).into();
            }
        }
        if let Some(subs) = job["entities"]["sub_jobs"].as_array_mut() {
            for sub in subs {
                stretch(sub, origin, factor);
            }
        }
    }
    let origin = sdrs_job_core::parse_timestamp(value["begin_time"].as_str().unwrap()).unwrap();
    stretch(&mut value, origin, factor);
    value.to_string()
}

#[test]
fn two_runs_match_by_type_path_and_entity_ids_biggest_slow_down_first() {
    let (a, b) = (analysis(FAILOVER), analysis(&slower(2.0)));
    let comparison = compare(&a, &b, 0);
    assert_eq!(comparison.rows.len(), 10, "every job matched once");
    assert_eq!((comparison.only_a, comparison.only_b), (0, 0));
    // The root doubled most: from 90.12 s to 180.24 s.
    let first = &comparison.rows[0];
    assert_eq!(first.path, "");
    assert_eq!(
        (first.a_ms, first.b_ms, first.delta_ms),
        (Some(90_120), Some(180_240), Some(90_120))
    );
    assert!(comparison.rows.windows(2).all(|pair| pair[0].delta_ms >= pair[1].delta_ms));
    for row in &comparison.rows {
        assert_eq!(row.a_job_id, row.b_job_id, "the same job in both runs: {row:?}");
    }
    let instance =
        comparison.rows.iter().find(|row| row.path == "failoverProtectedInstanceNoCG").unwrap();
    assert!(
        instance.matched_by.as_deref().unwrap().starts_with("protected_instance_id="),
        "{instance:?}"
    );
}

#[test]
fn steps_of_one_run_only_are_kept_and_marked() {
    let b = r#"{"job_id":"r2","job_type":"createDrill","status":"SUCCESS","begin_time":"2026-12-03T08:00:00.000Z","end_time":"2026-12-03T08:00:30.000Z","entities":{"sub_jobs":[
        {"job_id":"s1","job_type":"stopServerNew","status":"SUCCESS","begin_time":"2026-12-03T08:00:00.000Z","end_time":"2026-12-03T08:00:05.000Z"},
        {"job_id":"d1","job_type":"createDrillServer","status":"SUCCESS","begin_time":"2026-12-03T08:00:05.000Z","end_time":"2026-12-03T08:00:30.000Z"}]}}"#;
    let a = r#"{"job_id":"r1","job_type":"failoverProtectionGroup","status":"SUCCESS","begin_time":"2026-12-03T07:00:00.000Z","end_time":"2026-12-03T07:00:20.000Z","entities":{"sub_jobs":[
        {"job_id":"s0","job_type":"stopServerNew","status":"SUCCESS","begin_time":"2026-12-03T07:00:00.000Z","end_time":"2026-12-03T07:00:09.000Z"},
        {"job_id":"f0","job_type":"failoverReplicationPairNew","status":"FAIL","begin_time":"2026-12-03T07:00:09.000Z","end_time":"2026-12-03T07:00:20.000Z"}]}}"#;
    let comparison = compare(&analysis(a), &analysis(b), 0);
    assert_eq!((comparison.only_a, comparison.only_b), (1, 1));
    let paths: Vec<_> = comparison
        .rows
        .iter()
        .map(|row| (row.path.as_str(), row.a.is_some(), row.b.is_some()))
        .collect();
    assert_eq!(
        paths,
        [
            ("", true, true),
            ("stopServerNew", true, true),
            ("failoverReplicationPairNew", true, false),
            ("createDrillServer", false, true)
        ],
        "the roots match whatever their types; slow-downs first, then one run's only"
    );
    assert_eq!(comparison.rows[0].delta_ms, Some(10_000));
    assert_eq!(comparison.rows[1].delta_ms, Some(-4_000));
}
