//! Comparing two runs: this failover against the last DR drill of the same protection
//! group, or a job against itself a week ago. Jobs are matched by their job-type path
//! below the root (the roots always match each other), and within one path by the most
//! specific entity id they share (a protected instance's, a replication pair's, ...),
//! else by their order. Each matched pair gets both durations and the difference; a step
//! in one run only is kept and marked. Rows come biggest slow-down first.

use std::collections::HashMap;

use crate::{Analysis, EntityField, JobIndex, JobTree};

/// Entity ids from most to least specific: the first one that tells a job from the others
/// of its path is what it is matched by.
const MATCH_FIELDS: [EntityField; 6] = crate::analysis::IDENTITY_ORDER;

/// One row of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ComparedRow {
    /// The job types from below the root to the job, joined by ` › ` (empty: the roots).
    pub path: String,
    /// What the pair was matched by: `protected_instance_id=...`, or `order` (`None` for
    /// a job of one run only).
    pub matched_by: Option<String>,
    /// The job in the first run (its index there).
    pub a: Option<JobIndex>,
    /// The job in the second run.
    pub b: Option<JobIndex>,
    /// Its job id in the first run.
    pub a_job_id: Option<String>,
    /// Its job id in the second run.
    pub b_job_id: Option<String>,
    /// Its duration in the first run (ms).
    pub a_ms: Option<i64>,
    /// Its duration in the second run (ms).
    pub b_ms: Option<i64>,
    /// `b_ms - a_ms` where both ran: positive is slower in the second run.
    pub delta_ms: Option<i64>,
}

/// Two runs compared.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Every job of both runs, once: matched pairs by slow-down (largest first), then
    /// pairs without both durations, then jobs of one run only, each in pre-order.
    pub rows: Vec<ComparedRow>,
    /// Jobs of the first run only.
    pub only_a: usize,
    /// Jobs of the second run only.
    pub only_b: usize,
}

/// A path, what matched the pair, and the job in each run.
type Pair = (String, Option<String>, Option<JobIndex>, Option<JobIndex>);

/// Each job's path of types below the root.
fn paths(tree: &JobTree) -> Vec<String> {
    let mut paths: Vec<String> = Vec::with_capacity(tree.len());
    for job in tree.iter() {
        let path = match job.parent() {
            None => String::new(),
            Some(parent) => {
                let own = job.job_type().unwrap_or("?");
                match paths[parent.index()].as_str() {
                    "" => own.to_owned(),
                    above => format!("{above} › {own}"),
                }
            }
        };
        paths.push(path);
    }
    paths
}

/// The jobs of each path, in pre-order.
fn groups(paths: &[String]) -> (Vec<&str>, HashMap<&str, Vec<JobIndex>>) {
    let mut order = Vec::new();
    let mut groups: HashMap<&str, Vec<JobIndex>> = HashMap::new();
    for (index, path) in paths.iter().enumerate() {
        groups.entry(path).or_insert_with(|| {
            order.push(path.as_str());
            Vec::new()
        });
        groups.get_mut(path.as_str()).expect("just inserted").push(index);
    }
    (order, groups)
}

/// The id that tells each job of `group` from the others: the first of [`MATCH_FIELDS`]
/// whose value is unique among them (one pass per field over the group).
fn identities(tree: &JobTree, group: &[JobIndex]) -> Vec<Option<(EntityField, String)>> {
    let mut found: Vec<Option<(EntityField, String)>> = vec![None; group.len()];
    for field in MATCH_FIELDS {
        let value = |index: JobIndex| {
            tree.job(index).entity(field).value().filter(|value| !value.is_empty())
        };
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for &index in group {
            if let Some(value) = value(index) {
                *counts.entry(value).or_default() += 1;
            }
        }
        for (slot, &index) in found.iter_mut().zip(group) {
            if slot.is_none() {
                if let Some(value) = value(index).filter(|value| counts.get(value) == Some(&1)) {
                    *slot = Some((field, value.to_owned()));
                }
            }
        }
    }
    found
}

/// Compares run `a` with run `b`, durations as of `now_ms`.
pub fn compare(a: &Analysis, b: &Analysis, now_ms: i64) -> Comparison {
    let (tree_a, tree_b) = (a.tree(), b.tree());
    let (paths_a, paths_b) = (paths(tree_a), paths(tree_b));
    let (order_a, groups_a) = groups(&paths_a);
    let (order_b, groups_b) = groups(&paths_b);
    let mut pairs: Vec<Pair> = Vec::new();
    let empty = Vec::new();
    for path in order_a.iter().chain(order_b.iter().filter(|path| !groups_a.contains_key(*path))) {
        let in_a = groups_a.get(path).unwrap_or(&empty);
        let in_b = groups_b.get(path).unwrap_or(&empty);
        let mut taken_b = vec![false; in_b.len()];
        let mut unmatched_a = Vec::new();
        let ids_b: HashMap<(EntityField, String), usize> = identities(tree_b, in_b)
            .into_iter()
            .enumerate()
            .filter_map(|(at, id)| Some((id?, at)))
            .collect();
        for (&index, id) in in_a.iter().zip(identities(tree_a, in_a)) {
            let found = id.and_then(|id| {
                let at = *ids_b.get(&id)?;
                Some((at, format!("{}={}", id.0.wire_name(), id.1)))
            });
            match found {
                Some((at, by)) if !taken_b[at] => {
                    taken_b[at] = true;
                    pairs.push((path.to_string(), Some(by), Some(index), Some(in_b[at])));
                }
                _ => unmatched_a.push(index),
            }
        }
        // The rest by order, then whatever is left of either run.
        let mut rest_b =
            in_b.iter().zip(&taken_b).filter(|(_, taken)| !**taken).map(|(&index, _)| index);
        for index in unmatched_a {
            match rest_b.next() {
                Some(other) => {
                    pairs.push((path.to_string(), Some("order".into()), Some(index), Some(other)))
                }
                None => pairs.push((path.to_string(), None, Some(index), None)),
            }
        }
        for other in rest_b {
            pairs.push((path.to_string(), None, None, Some(other)));
        }
    }
    let mut rows: Vec<ComparedRow> = pairs
        .into_iter()
        .map(|(path, matched_by, in_a, in_b)| {
            let a_ms = in_a.and_then(|index| a.duration_ms(index, now_ms));
            let b_ms = in_b.and_then(|index| b.duration_ms(index, now_ms));
            ComparedRow {
                path,
                matched_by,
                a: in_a,
                b: in_b,
                a_job_id: in_a.and_then(|index| tree_a.job(index).job_id().map(str::to_owned)),
                b_job_id: in_b.and_then(|index| tree_b.job(index).job_id().map(str::to_owned)),
                a_ms,
                b_ms,
                delta_ms: a_ms.zip(b_ms).map(|(a_ms, b_ms)| b_ms.saturating_sub(a_ms)),
            }
        })
        .collect();
    let rank = |row: &ComparedRow| match (row.a, row.b, row.delta_ms) {
        (Some(_), Some(_), Some(_)) => 0,
        (Some(_), Some(_), None) => 1,
        _ => 2,
    };
    // Stable: equal slow-downs, and the other groups, keep pre-order.
    rows.sort_by(|x, y| {
        rank(x).cmp(&rank(y)).then_with(|| y.delta_ms.unwrap_or(0).cmp(&x.delta_ms.unwrap_or(0)))
    });
    let only_a = rows.iter().filter(|row| row.b.is_none()).count();
    let only_b = rows.iter().filter(|row| row.a.is_none()).count();
    Comparison { rows, only_a, only_b }
}
