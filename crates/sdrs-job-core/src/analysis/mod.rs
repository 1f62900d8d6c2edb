//! What a viewer derives from one response, once: [`Analysis::new`] walks the tree a few
//! times (latest time, failures below, child counts, labels) and keeps what every frame
//! needs, so that layouts, summaries, searches and lookups never walk it again for the
//! same facts.
//!
//! The rules every view shares live here and nowhere else:
//! - **now**: the time drawn as "now" is never before the latest time in the job
//!   ([`effective_now`]), so a browser whose clock is behind the service's still draws
//!   running bars past every known end;
//! - **a job's bar** ([`bar_ms`]) and **its duration** ([`duration_ms`]);
//! - **search** ([`Analysis::search`]) and **stepping through matches** ([`step`]);
//! - **labels** of job types in a language, and the **id index**.

mod critical;
mod gaps;
mod labels;
mod rules;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;

pub use gaps::{GAP_SHARE, MIN_GAP_MS};
pub use rules::{bar_ms, duration_ms, effective_now, find_ignoring_case, step};

pub(crate) use rules::{latest_time, time_window};

use crate::job_type::Locale;
use crate::model::{EntityField, JobIndex, JobRef, JobTree};
use crate::summary::{summarize_with, Summary};
use labels::Labels;

/// One response's tree and what every view derives from it. Built once per response
/// (linear in the tree); cheap to query on every frame.
#[derive(Debug)]
pub struct Analysis {
    tree: Rc<JobTree>,
    latest_ms: Option<i64>,
    /// Some job has begun, has no end and is not finished: its bar grows with now.
    open_ended: bool,
    failure_below: Vec<bool>,
    /// Made on first use, like the rest below: a summary needs none of them.
    child_count: OnceCell<Vec<u32>>,
    labels: OnceCell<Labels>,
    /// The critical path when it cannot change with now (no job runs open-ended).
    fixed_critical: OnceCell<Vec<bool>>,
    /// Tree index by job id (the first job with that id), built on the first lookup: a
    /// selection or a search step, not the first paint.
    ids: OnceCell<HashMap<Box<str>, JobIndex>>,
    /// Gaps between steps, by the index of the step after each (first use).
    gaps: OnceCell<Vec<(u32, i64, i64)>>,
}

/// Entity ids from most to least specific: what tells a job from its siblings (rows, and
/// the matching of two runs, try them in this order).
pub(crate) const IDENTITY_ORDER: [EntityField; 6] = [
    EntityField::ProtectedInstanceId,
    EntityField::ReplicationPairId,
    EntityField::NativeServerId,
    EntityField::NicId,
    EntityField::VolumeIds,
    EntityField::ServerGroupId,
];

impl Analysis {
    /// Analyses a tree (linear in its size).
    pub fn new(tree: impl Into<Rc<JobTree>>) -> Analysis {
        let tree = tree.into();
        let latest_ms = latest_time(&tree);
        let open_ended = tree.iter().any(|job| {
            job.begin_ms().is_some() && job.end_ms().is_none() && !job.status().is_terminal()
        });
        Analysis {
            failure_below: tree.failure_below(),
            labels: OnceCell::new(),
            latest_ms,
            open_ended,
            child_count: OnceCell::new(),
            fixed_critical: OnceCell::new(),
            ids: OnceCell::new(),
            gaps: OnceCell::new(),
            tree,
        }
    }

    /// The tree analysed.
    pub fn tree(&self) -> &Rc<JobTree> {
        &self.tree
    }

    /// The job at `index` (panics past the end, like slice indexing).
    pub fn job(&self, index: JobIndex) -> JobRef<'_> {
        self.tree.job(index)
    }

    /// The latest begin or end time in the tree: the best "now" for a job captured earlier
    /// (a pasted response), since its running bars cannot have ended before it.
    pub fn latest_ms(&self) -> Option<i64> {
        self.latest_ms
    }

    /// "Now" as drawn for a clock reading of `clock_ms` ([`effective_now`]).
    pub fn now(&self, clock_ms: i64) -> i64 {
        effective_now(self.latest_ms, clock_ms)
    }

    /// Whether some job runs without end, so that the picture changes with now.
    pub fn is_open_ended(&self) -> bool {
        self.open_ended
    }

    /// Whether some descendant of the job at `index` failed.
    pub fn failure_below(&self, index: JobIndex) -> bool {
        self.failure_below[index]
    }

    /// Direct sub-jobs of the job at `index`.
    pub fn child_count(&self, index: JobIndex) -> usize {
        let counts = self.child_count.get_or_init(|| {
            let mut counts = vec![0_u32; self.tree.len()];
            for job in self.tree.iter().skip(1) {
                if let Some(parent) = job.parent() {
                    counts[parent.index()] += 1;
                }
            }
            counts
        });
        counts[index] as usize
    }

    /// The label of the job at `index` in a language.
    pub fn label(&self, index: JobIndex, locale: Locale) -> &str {
        self.labels.get_or_init(|| Labels::new(&self.tree)).get(index, locale)
    }

    /// The tree index of the first job with this id.
    pub fn index_of(&self, job_id: &str) -> Option<JobIndex> {
        self.ids
            .get_or_init(|| {
                let mut ids = HashMap::with_capacity(self.tree.len());
                for job in self.tree.iter() {
                    if let Some(id) = job.job_id() {
                        ids.entry(id.into()).or_insert(job.index());
                    }
                }
                ids
            })
            .get(job_id)
            .copied()
    }

    /// The drawn bar of the job at `index` at a clock reading ([`bar_ms`]).
    pub fn bar_ms(&self, index: JobIndex, clock_ms: i64) -> Option<(i64, i64)> {
        bar_ms(self.job(index), self.now(clock_ms))
    }

    /// How long the job at `index` took, or has taken so far ([`duration_ms`]).
    pub fn duration_ms(&self, index: JobIndex, clock_ms: i64) -> Option<i64> {
        duration_ms(self.job(index), self.now(clock_ms))
    }

    /// The gap before the job at `index` began, `(from_ms, to_ms)`: time in which none of
    /// its parent's earlier sub-jobs ran, long enough to mark (see [`MIN_GAP_MS`] and
    /// [`GAP_SHARE`]). It does not change with now.
    pub fn gap_before(&self, index: JobIndex) -> Option<(i64, i64)> {
        let gaps = self.gaps.get_or_init(|| gaps::gaps(&self.tree));
        let found = gaps.binary_search_by_key(&(index as u32), |&(at, ..)| at).ok()?;
        let (_, from, to) = gaps[found];
        Some((from, to))
    }

    /// The summary at a clock reading (the same as [`crate::summarize`], without walking
    /// the tree again for what the analysis knows).
    pub fn summary(&self, clock_ms: i64) -> Summary {
        summarize_with(&self.tree, &self.failure_below, self.now(clock_ms))
    }

    /// The critical path at `now_ms` (already [`Analysis::now`]): computed once when it
    /// cannot change with now.
    pub(crate) fn critical_path(&self, now_ms: i64) -> Cow<'_, [bool]> {
        if self.open_ended {
            return Cow::Owned(critical::critical_path(&self.tree, now_ms));
        }
        Cow::Borrowed(
            self.fixed_critical
                .get_or_init(|| critical::critical_path(&self.tree, self.latest_ms.unwrap_or(0))),
        )
    }

    /// Jobs that `query` finds, ignoring case and the query's surrounding spaces, in tree
    /// order (collapsed ones included): in the id, type, label (in `locale`), error code,
    /// failure reason or an entity id ([`Analysis::texts`]). An empty query finds nothing.
    pub fn search(&self, query: &str, locale: Locale) -> Vec<JobIndex> {
        if query.trim().is_empty() {
            return Vec::new();
        }
        self.tree
            .iter()
            .filter(|job| {
                self.texts(job.index(), locale)
                    .any(|text| find_ignoring_case(text, query).is_some())
            })
            .map(|job| job.index())
            .collect()
    }

    /// What search looks in for the job at `index`: its id, type, label, error code,
    /// failure reason and entity ids.
    pub fn texts(&self, index: JobIndex, locale: Locale) -> impl Iterator<Item = &str> + '_ {
        let job = self.job(index);
        [
            job.job_id(),
            job.job_type(),
            Some(self.label(index, locale)),
            job.error_code(),
            job.fail_reason(),
        ]
        .into_iter()
        .chain(EntityField::ALL.into_iter().map(move |field| job.entity(field).value()))
        .flatten()
    }

    /// The entity that tells the job at `index` apart from its parent, and so from its
    /// siblings: the first of its protected instance, replication pair, server, NIC,
    /// volumes and protection group that its parent does not carry with the same value.
    /// The failover of four instances has four rows that say which instance each is.
    pub fn identity(&self, index: JobIndex) -> Option<(EntityField, &str)> {
        let job = self.job(index);
        let parent = job.parent();
        IDENTITY_ORDER.into_iter().find_map(|field| {
            let value = job.entity(field).value().filter(|value| !value.trim().is_empty())?;
            let inherited =
                parent.is_some_and(|parent| parent.entity(field).value() == Some(value));
            (!inherited).then_some((field, value))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_job;

    #[test]
    fn labels_stay_right_past_the_short_list_of_types() {
        // 40 distinct types (past the 32 searched in a list), each appearing three times,
        // interleaved, and jobs without a type.
        let mut sub_jobs = Vec::new();
        for round in 0..3 {
            for kind in 0..40 {
                sub_jobs.push(format!(
                    r#"{{"job_id":"{round}-{kind}","job_type":"customType{kind}"}}"#
                ));
            }
            sub_jobs.push(format!(r#"{{"job_id":"{round}-none"}}"#));
        }
        let json = format!(
            r#"{{"job_id":"root","job_type":"failoverProtectionGroupNoCG","entities":{{"sub_jobs":[{}]}}}}"#,
            sub_jobs.join(",")
        );
        let tree = parse_job(json.as_bytes()).unwrap();
        let analysis = Analysis::new(tree.clone());
        for job in tree.iter() {
            for locale in [Locale::En, Locale::Zh] {
                assert_eq!(
                    analysis.label(job.index(), locale),
                    labels::label(job, locale),
                    "{:?}",
                    job.job_id()
                );
            }
        }
    }

    const JOB: &str = r#"{"job_id":"root","job_type":"failoverProtectionGroup","status":"RUNNING","begin_time":"2019-06-13T09:40:00.000Z",
      "entities":{"sub_jobs":[
        {"job_id":"a","job_type":"createProtectedInstance","status":"SUCCESS","begin_time":"2019-06-13T09:40:00.000Z","end_time":"2019-06-13T09:40:10.000Z"},
        {"job_id":"b","status":"FAIL","begin_time":"2019-06-13T09:40:10.000Z","end_time":"2019-06-13T09:40:20.000Z",
         "entities":{"sub_jobs":[{"job_id":"B1","status":"FAIL","begin_time":"2019-06-13T09:40:11.000Z","end_time":"2019-06-13T09:40:19.000Z"}]}},
        {"job_id":"c","status":"RUNNING","begin_time":"2019-06-13T09:40:05.000Z"},
        {"job_id":"d","status":"SUCCESS","begin_time":"2019-06-13T09:40:05.000Z"},
        {"job_id":"a","status":"INIT"}]}}"#;

    #[test]
    fn now_never_precedes_the_latest_time() {
        let analysis = Analysis::new(parse_job(JOB).unwrap());
        let latest = crate::parse_timestamp("2019-06-13T09:40:20.000Z").unwrap();
        assert_eq!(analysis.latest_ms(), Some(latest));
        assert_eq!(analysis.now(0), latest);
        assert_eq!(analysis.now(latest + 5), latest + 5);
        assert!(analysis.is_open_ended());
    }

    #[test]
    fn one_duration_rule() {
        let analysis = Analysis::new(parse_job(JOB).unwrap());
        let latest = analysis.latest_ms().unwrap();
        let index = |id| analysis.index_of(id).unwrap();
        // Finished: end − begin, whatever now is.
        assert_eq!(analysis.duration_ms(index("a"), latest + 60_000), Some(10_000));
        // Running without end: until now, and never before the latest time.
        assert_eq!(analysis.duration_ms(index("c"), latest + 1_000), Some(16_000));
        assert_eq!(analysis.duration_ms(index("c"), 0), Some(15_000));
        // Finished without end: not known (its bar is a point).
        assert_eq!(analysis.duration_ms(index("d"), latest), None);
        assert_eq!(analysis.bar_ms(index("d"), latest), Some((latest - 15_000, latest - 15_000)));
        // Not started: none (the root's duplicate id "a" is found first at its first place).
        assert_eq!(analysis.duration_ms(analysis.tree().len() - 1, latest), None);
        // The summary uses the same rule for the root.
        assert_eq!(analysis.summary(latest + 1_000).duration_ms, Some(21_000));
    }

    #[test]
    fn matches_are_found_ignoring_case_without_splitting_characters() {
        assert_eq!(find_ignoring_case("Failover protected instance", " PROTECTED "), Some(9..18));
        assert_eq!(find_ignoring_case("故障切换保护实例", "保护"), Some(12..18));
        assert_eq!(find_ignoring_case("Volume DÉTACHÉ", "détaché"), Some(7..16));
        assert_eq!(find_ignoring_case("abc", "abcd"), None);
        assert_eq!(find_ignoring_case("abc", "  "), None);
        // A character whose lower case is two characters.
        assert_eq!(find_ignoring_case("İx", "i̇x"), Some(0..3));
    }

    #[test]
    fn counts_ids_and_failures() {
        let analysis = Analysis::new(parse_job(JOB).unwrap());
        assert_eq!(analysis.child_count(0), 5);
        assert_eq!(analysis.child_count(analysis.index_of("b").unwrap()), 1);
        assert_eq!(analysis.index_of("a"), Some(1));
        assert_eq!(analysis.index_of("missing"), None);
        assert!(analysis.failure_below(0));
        assert!(!analysis.failure_below(1));
    }

    #[test]
    fn search_ignores_case_and_steps_around() {
        let analysis = Analysis::new(parse_job(JOB).unwrap());
        let matches = analysis.search("  b1 ", Locale::En);
        assert_eq!(matches, [3]);
        // Labels in the chosen language match, and so do types.
        assert_eq!(analysis.search("CREATEPROTECTED", Locale::En), [1]);
        assert!(!analysis.search(analysis.label(1, Locale::Zh), Locale::Zh).is_empty());
        assert!(analysis.search("   ", Locale::En).is_empty());
        // Error codes, reasons and entity ids are found too.
        let analysis_of = |json: &str| Analysis::new(parse_job(json).unwrap());
        let failover = analysis_of(
            r#"{"job_id":"r","status":"FAIL","entities":{"server_group_id":"g-1","sub_jobs":[
                {"job_id":"i1","entities":{"server_group_id":"g-1","protected_instance_id":"pi-AAA"}},
                {"job_id":"i2","status":"FAIL","error_code":"SDRS.1608","fail_reason":"Volume détaché","entities":{"server_group_id":"g-1","protected_instance_id":"pi-BBB","sub_jobs":[
                    {"job_id":"s","entities":{"protected_instance_id":"pi-BBB","nic_id":"nic-9"}}]}}]}}"#,
        );
        assert_eq!(failover.search("sdrs.1608", Locale::En), [2]);
        assert_eq!(failover.search("DÉTACHÉ", Locale::En), [2]);
        assert_eq!(failover.search("pi-bbb", Locale::En), [2, 3]);
        assert_eq!(failover.search("nic-9", Locale::En), [3]);
        // Which entity tells each row apart.
        let identity =
            |index| failover.identity(index).map(|(field, value)| (field.wire_name(), value));
        assert_eq!(identity(0), Some(("server_group_id", "g-1")));
        assert_eq!(identity(1), Some(("protected_instance_id", "pi-AAA")));
        assert_eq!(identity(2), Some(("protected_instance_id", "pi-BBB")));
        assert_eq!(identity(3), Some(("nic_id", "nic-9")));
        let ids = [1, 3, 5];
        assert_eq!(step(&ids, None, true), Some(1));
        assert_eq!(step(&ids, None, false), Some(5));
        assert_eq!(step(&ids, Some(3), true), Some(5));
        assert_eq!(step(&ids, Some(5), true), Some(1));
        assert_eq!(step(&ids, Some(1), false), Some(5));
        // From a row that is not a match: the nearest one that way.
        assert_eq!(step(&ids, Some(2), true), Some(3));
        assert_eq!(step(&ids, Some(2), false), Some(1));
        assert_eq!(step(&[], Some(2), false), None);
    }
}
