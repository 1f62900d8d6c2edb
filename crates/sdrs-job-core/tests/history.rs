//! Property tests of the observed history: folding any sequence of answers never loses a
//! transition, stays bounded, and replays each observed answer's statuses exactly.

use proptest::prelude::*;
use sdrs_job_core::history::{History, JobKey, MAX_CHANGES_PER_JOB};
use sdrs_job_core::{parse_job, StatusKind};

/// The jobs an answer may hold besides the root: (id, parent index in this list or the root).
const POOL: [(&str, Option<usize>); 5] =
    [("a", None), ("b", None), ("a1", Some(0)), ("a2", Some(0)), ("b1", Some(1))];
const STATUSES: [Option<&str>; 6] =
    [Some("INIT"), Some("RUNNING"), Some("SUCCESS"), Some("FAIL"), Some("PAUSED"), None];

/// One job as an answer shows it.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    status: Option<&'static str>,
    begin: Option<u8>,
    end: Option<u8>,
}

/// One answer: the root's state and, for each job of the pool, whether it is there.
#[derive(Debug, Clone)]
struct Answer {
    step_ms: i64,
    root: Shown,
    jobs: [Option<Shown>; 5],
}

fn shown() -> impl Strategy<Value = Shown> {
    (prop::sample::select(STATUSES.to_vec()), prop::option::of(0u8..3), prop::option::of(0u8..3))
        .prop_map(|(status, begin, end)| Shown { status, begin, end })
}

fn answer() -> impl Strategy<Value = Answer> {
    (1i64..5_000, shown(), prop::array::uniform5(prop::option::of(shown()))).prop_map(
        |(step_ms, root, mut jobs)| {
            // A child is only in an answer with its parent.
            for (at, (_, parent)) in POOL.iter().enumerate() {
                if parent.is_some_and(|parent| jobs[parent].is_none()) {
                    jobs[at] = None;
                }
            }
            Answer { step_ms, root, jobs }
        },
    )
}

fn fields(id: &str, shown: &Shown) -> String {
    let mut out = format!(r#""job_id":"{id}""#);
    if let Some(status) = shown.status {
        out += &format!(r#","status":"{status}""#);
    }
    if let Some(begin) = shown.begin {
        out += &format!(r#","begin_time":"2026-12-03T08:00:0{begin}.000Z""#);
    }
    if let Some(end) = shown.end {
        out += &format!(r#","end_time":"2026-12-03T09:00:0{end}.000Z""#);
    }
    out
}

fn json(answer: &Answer) -> String {
    let job = |at: usize| -> Option<String> {
        let shown = answer.jobs[at].as_ref()?;
        let children: Vec<String> = POOL
            .iter()
            .enumerate()
            .filter(|(_, (_, parent))| *parent == Some(at))
            .filter_map(|(child, _)| {
                let shown = answer.jobs[child].as_ref()?;
                Some(format!("{{{}}}", fields(POOL[child].0, shown)))
            })
            .collect();
        Some(format!(
            r#"{{{},"entities":{{"sub_jobs":[{}]}}}}"#,
            fields(POOL[at].0, shown),
            children.join(",")
        ))
    };
    let tops: Vec<String> =
        (0..POOL.len()).filter(|&at| POOL[at].1.is_none()).filter_map(job).collect();
    format!(
        r#"{{{},"entities":{{"sub_jobs":[{}]}}}}"#,
        fields("root", &answer.root),
        tops.join(",")
    )
}

/// How an answer showed the root (`None`) or a job of the pool.
fn shown_in(answer: &Answer, which: Option<usize>) -> Option<&Shown> {
    match which {
        None => Some(&answer.root),
        Some(at) => answer.jobs[at].as_ref(),
    }
}

fn kind(status: Option<&str>) -> (StatusKind, Option<String>) {
    match status {
        Some("INIT") => (StatusKind::Init, None),
        Some("RUNNING") => (StatusKind::Running, None),
        Some("SUCCESS") => (StatusKind::Success, None),
        Some("FAIL") => (StatusKind::Fail, None),
        Some(other) => (StatusKind::Unknown, Some(other.to_owned())),
        None => (StatusKind::Unknown, None),
    }
}

/// Transitions of one job over the answers, counted from the answers themselves.
fn transitions(each: &[Option<&Shown>]) -> usize {
    let (mut count, mut before, mut begin, mut end) = (0, None::<&Shown>, None, None);
    for shown in each {
        match (before, shown) {
            (None, Some(_)) => count += 1,
            (Some(last), Some(now)) if kind(last.status) != kind(now.status) => count += 1,
            (Some(_), None) => count += 1,
            _ => {}
        }
        if let Some(now) = shown {
            if now.begin.is_some() && now.begin != begin {
                count += 1;
                begin = now.begin;
            }
            if now.end.is_some() && now.end != end {
                count += 1;
                end = now.end;
            }
        }
        before = *shown;
    }
    count
}

/// The answers folded at their times (from 1,000,000 ms on), and those times.
fn fold(answers: &[Answer]) -> (History, Vec<i64>) {
    let mut history = History::new();
    let mut times = Vec::new();
    let mut at_ms = 1_000_000;
    for answer in answers {
        at_ms += answer.step_ms;
        times.push(at_ms);
        history.observe(at_ms, &parse_job(json(answer)).unwrap());
    }
    (history, times)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn folding_answers_keeps_every_transition_bounded_and_replays_each_answer(
        answers in prop::collection::vec(answer(), 1..40),
    ) {
        let (history, times) = fold(&answers);

        // Replay: at each answer's time, every job has the status that answer showed, and
        // a job that answer did not hold has none; for a job past the cap of changes, up to
        // its last change kept (its status is kept before its times at each answer).
        let exact_until = |id: &str| {
            history.job(&JobKey::Id(id.into())).map_or(i64::MAX, |job| {
                if job.changes.len() < MAX_CHANGES_PER_JOB { i64::MAX } else { job.changes.last().unwrap().at_ms() }
            })
        };
        for (answer, &at_ms) in answers.iter().zip(&times) {
            if at_ms <= exact_until("root") {
                let root = history.status_at(&JobKey::Id("root".into()), at_ms).unwrap();
                prop_assert_eq!((root.kind, root.text.clone()), kind(answer.root.status));
            }
            for (at, (id, _)) in POOL.iter().enumerate() {
                if at_ms > exact_until(id) {
                    continue;
                }
                let observed = history.status_at(&JobKey::Id((*id).into()), at_ms);
                match &answer.jobs[at] {
                    Some(shown) => {
                        let observed = observed.unwrap();
                        prop_assert_eq!((observed.kind, observed.text.clone()), kind(shown.status));
                    }
                    None => prop_assert!(observed.is_none(), "{} at {}", id, at_ms),
                }
            }
        }

        // No transition lost: the history holds what the answers show, less what the cap
        // counted as dropped.
        let mut expected = transitions(&answers.iter().map(|answer| Some(&answer.root)).collect::<Vec<_>>());
        for at in 0..POOL.len() {
            expected += transitions(&answers.iter().map(|answer| answer.jobs[at].as_ref()).collect::<Vec<_>>());
        }
        prop_assert_eq!(history.change_count() as u64 + history.dropped(), expected as u64);

        // Bounded: by the jobs seen and the cap per job, whatever the number of answers;
        // the moments kept are answers that changed something, in order.
        prop_assert!(history.jobs().len() <= POOL.len() + 1);
        prop_assert!(history.jobs().iter().all(|job| job.changes.len() <= MAX_CHANGES_PER_JOB));
        prop_assert!(history.moments().len() <= answers.len());
        prop_assert!(history.moments().windows(2).all(|pair| pair[0] < pair[1]));
        prop_assert_eq!(history.answers(), answers.len() as u64);

        // Pure: the same answers at the same times give the same history.
        let mut again = History::new();
        for (answer, &at_ms) in answers.iter().zip(&times) {
            again.observe(at_ms, &parse_job(json(answer)).unwrap());
        }
        prop_assert_eq!(&again, &history);

        // Written as a session record writes it and read back, it is the same history.
        let json = serde_json::to_string(&history).unwrap();
        let back: History = serde_json::from_str(&json).map_err(|error| TestCaseError::fail(format!("{error}: {json}")))?;
        prop_assert_eq!(back, history);
    }

    #[test]
    fn the_tree_at_each_answer_s_time_is_that_answer_for_every_job_still_there(
        answers in prop::collection::vec(answer(), 1..30),
    ) {
        let (history, times) = fold(&answers);
        let last = parse_job(json(answers.last().unwrap())).unwrap();
        prop_assert!(history.tree_at(&last, times[0] - 1).is_none(), "nothing before the first answer");
        for (step, (answer, &at_ms)) in answers.iter().zip(&times).enumerate() {
            let then = history.tree_at(&last, at_ms).expect("the root was seen");
            let find = |tree: &sdrs_job_core::JobTree, id: &str| tree.iter().find(|job| job.job_id() == Some(id)).map(|job| job.index());
            // The times known by then: the latest each answer up to this one gave.
            let known = |which: Option<usize>, time: fn(&Shown) -> Option<u8>| {
                answers[..=step].iter().rev().find_map(|answer| shown_in(answer, which).and_then(time))
            };
            let every = std::iter::once(None).chain((0..POOL.len()).map(Some));
            for which in every {
                let id = which.map_or("root", |at| POOL[at].0);
                let shown = shown_in(answer, which);
                if find(&last, id).is_none() {
                    continue; // gone from the last answer: nothing to replay it from
                }
                if history.job(&JobKey::Id(id.into())).is_some_and(|job| job.changes.len() >= MAX_CHANGES_PER_JOB) {
                    continue;
                }
                match (shown, find(&then, id)) {
                    (Some(shown), Some(index)) => {
                        let job = then.job(index);
                        let (kind_then, text_then) = kind(job.status_text());
                        prop_assert_eq!((kind_then, text_then), kind(shown.status), "{} at step {}", id, step);
                        let begin = known(which, |shown| shown.begin);
                        let end = known(which, |shown| shown.end);
                        prop_assert_eq!(job.begin_ms(), begin.map(|second| 1_796_284_800_000 + i64::from(second) * 1_000), "{} begin at step {}", id, step);
                        prop_assert_eq!(job.end_ms(), end.map(|second| 1_796_288_400_000 + i64::from(second) * 1_000), "{} end at step {}", id, step);
                    }
                    (None, None) => {}
                    (shown, found) => prop_assert!(false, "{} at step {}: shown {:?}, replayed {:?}", id, step, shown, found),
                }
            }
        }
        // At the last answer's time, the replay is the last answer's statuses and times.
        let now = history.tree_at(&last, *times.last().unwrap()).unwrap();
        prop_assert_eq!(now.len(), last.len());
    }

    #[test]
    fn a_thousand_unchanged_answers_add_nothing(answer in answer(), repeats in 1usize..1_000) {
        let tree = parse_job(json(&answer)).unwrap();
        let mut history = History::new();
        history.observe(0, &tree);
        let kept = history.change_count();
        for at in 1..=repeats {
            prop_assert!(!history.observe(at as i64, &tree));
        }
        prop_assert_eq!(history.change_count(), kept);
        prop_assert_eq!(history.moments().len(), 1);
    }
}
