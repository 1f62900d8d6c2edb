//! Statistics by job type (Jaeger's trace statistics, done for jobs): for each `job_type`
//! of a job and its sub-jobs, how many there are, how many failed or still run, and the
//! shortest, median, longest and total duration of those that started, by the one
//! duration rule ([`Analysis::duration_ms`]). Sortable by any column; the sort is stable
//! (ties keep the order they had), so a re-sort never reshuffles equals.

use std::collections::HashMap;

use crate::{job_type_label, Analysis, Locale, StatusKind};

/// One job type's figures.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TypeStats {
    /// The wire `job_type` (`None`: jobs without one).
    pub job_type: Option<String>,
    /// Its label in the locale asked.
    pub label: String,
    /// Jobs of this type.
    pub count: usize,
    /// Of them, FAIL.
    pub failures: usize,
    /// Of them, still RUNNING or INIT.
    pub unfinished: usize,
    /// Shortest duration of those that started (ms).
    pub min_ms: Option<i64>,
    /// Median duration (the mean of the two middle ones for an even count, rounded down).
    pub median_ms: Option<i64>,
    /// Longest duration.
    pub max_ms: Option<i64>,
    /// All their durations added.
    pub total_ms: i64,
}

/// What to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum StatsColumn {
    /// The label, A to Z.
    Label,
    /// How many.
    Count,
    /// How many failed.
    Failures,
    /// The shortest duration.
    Min,
    /// The median duration.
    Median,
    /// The longest duration.
    #[default]
    Max,
    /// The total duration.
    Total,
}

/// The statistics of `analysis`'s job and its sub-jobs, by type, in the order each type
/// first appears (pre-order), with durations as of `now_ms`.
pub fn stats_by_type(analysis: &Analysis, now_ms: i64, locale: Locale) -> Vec<TypeStats> {
    let tree = analysis.tree();
    let mut order: Vec<Option<&str>> = Vec::new();
    let mut found: HashMap<Option<&str>, (usize, usize, usize, Vec<i64>)> = HashMap::new();
    for job in tree.iter() {
        let key = job.job_type();
        let entry = found.entry(key).or_insert_with(|| {
            order.push(key);
            (0, 0, 0, Vec::new())
        });
        entry.0 += 1;
        match job.status() {
            StatusKind::Fail => entry.1 += 1,
            StatusKind::Running | StatusKind::Init => entry.2 += 1,
            _ => {}
        }
        if let Some(duration) = analysis.duration_ms(job.index(), now_ms) {
            entry.3.push(duration);
        }
    }
    order
        .into_iter()
        .map(|key| {
            let (count, failures, unfinished, mut durations) =
                found.remove(&key).unwrap_or_default();
            durations.sort_unstable();
            let median_ms = match durations.len() {
                0 => None,
                n if n % 2 == 1 => Some(durations[n / 2]),
                n => Some(
                    ((i128::from(durations[n / 2 - 1]) + i128::from(durations[n / 2])) / 2) as i64,
                ),
            };
            TypeStats {
                job_type: key.map(str::to_owned),
                label: job_type_label(key, locale),
                count,
                failures,
                unfinished,
                min_ms: durations.first().copied(),
                median_ms,
                max_ms: durations.last().copied(),
                total_ms: durations.iter().fold(0_i64, |sum, &ms| sum.saturating_add(ms)),
            }
        })
        .collect()
}

/// Sorts `stats` by `column`: numbers largest first when `descending`, labels A to Z when
/// not; a type with no duration sorts after those with one either way; ties keep their order.
pub fn sort_stats(stats: &mut [TypeStats], column: StatsColumn, descending: bool) {
    let number = |row: &TypeStats| -> Option<i64> {
        match column {
            StatsColumn::Label => None,
            StatsColumn::Count => Some(row.count as i64),
            StatsColumn::Failures => Some(row.failures as i64),
            StatsColumn::Min => row.min_ms,
            StatsColumn::Median => row.median_ms,
            StatsColumn::Max => row.max_ms,
            StatsColumn::Total => Some(row.total_ms),
        }
    };
    stats.sort_by(|a, b| {
        if column == StatsColumn::Label {
            let order = a.label.cmp(&b.label);
            return if descending { order.reverse() } else { order };
        }
        match (number(a), number(b)) {
            (Some(x), Some(y)) if descending => y.cmp(&x),
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    });
}
