//! The simulator's state: its configuration, the jobs it knows, and its clock.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::config::Config;
use crate::failures::{entries_of_failed_job, failure_status_names, seed_entries, Entry};
use crate::faults::Fault;
use crate::scenarios::{render, Outcome, Plan, Scenario};

/// The two jobs of the API page, served exactly as the page prints them.
pub const DOCUMENTED_JOBS: [(&str, &str); 2] = [
    (
        "0000000062db92d70162db9d200f000a",
        include_str!(
            "../../sdrs-job-core/tests/fixtures/jobs/api-example-create-protection-group.json"
        ),
    ),
    (
        "ff8080826b45d4a5016b5036242c0025",
        include_str!(
            "../../sdrs-job-core/tests/fixtures/jobs/api-example-stop-protection-group.json"
        ),
    ),
];

/// How long a repeating job shows its final state before it starts again (real time).
pub const REPEAT_HOLD_MS: i64 = 20_000;

/// Milliseconds since the Unix epoch; injectable so tests can stop time.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// The system clock.
pub fn system_clock() -> Clock {
    Arc::new(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |duration| duration.as_millis() as i64)
    })
}

/// A scenario job the simulator runs.
#[derive(Debug, Clone)]
pub struct ScenarioJob {
    /// Which scenario.
    pub scenario: Scenario,
    /// Its plan (computed once).
    pub plan: Arc<Plan>,
    /// Wall-clock creation time (epoch ms).
    pub created_ms: i64,
    /// Speed factor (2 = twice as fast as real time).
    pub speed: f64,
    /// Start again after finishing and holding the final state for [`REPEAT_HOLD_MS`].
    pub repeat: bool,
    /// Faults for its next requests, in order (each consumed by one request).
    pub scripted_faults: VecDeque<Vec<Fault>>,
    /// Requests answered so far.
    pub requests: u64,
}

impl ScenarioJob {
    /// The job's JSON at wall-clock `now_ms`.
    pub fn render_at(&self, job_id: &str, now_ms: i64) -> String {
        let real_total = (self.plan.total_ms() as f64 / self.speed) as i64;
        let elapsed_real = (now_ms - self.created_ms).max(0);
        let (created, elapsed_real) = if self.repeat {
            let cycle = real_total + REPEAT_HOLD_MS;
            let cycles = elapsed_real / cycle;
            (self.created_ms + cycles * cycle, elapsed_real % cycle)
        } else {
            (self.created_ms, elapsed_real)
        };
        let elapsed_scenario = (elapsed_real as f64 * self.speed) as i64;
        render(&self.plan, job_id, created, self.speed, elapsed_scenario)
    }
}

/// What to start: see `POST /sim/jobs`.
#[derive(Debug, Clone)]
pub struct NewJob {
    /// Which scenario.
    pub scenario: Scenario,
    /// Speed factor.
    pub speed: f64,
    /// Start again after finishing.
    pub repeat: bool,
    /// Faults for the job's next requests, one set per request.
    pub faults: Vec<Vec<Fault>>,
    /// Scenario time already elapsed when it is created (a job caught mid-flight).
    pub elapsed_ms: i64,
    /// The plan, when not the scenario's own (a resized failover).
    pub plan: Option<Plan>,
}

impl NewJob {
    /// A job of `scenario` at `speed`, starting now, without faults.
    pub fn new(scenario: Scenario, speed: f64) -> NewJob {
        NewJob { scenario, speed, repeat: false, faults: Vec::new(), elapsed_ms: 0, plan: None }
    }
}

/// Everything the handlers share.
#[derive(Clone)]
pub struct AppState {
    /// Settings.
    pub config: Arc<Config>,
    /// Scenario jobs by id.
    jobs: Arc<Mutex<HashMap<String, ScenarioJob>>>,
    /// Creation order, for listing.
    order: Arc<Mutex<Vec<String>>>,
    /// Sub-jobs of all kept plans together (bounded by `max_job_nodes`).
    nodes: Arc<std::sync::atomic::AtomicUsize>,
    /// The Task Center's entries, and the scenario jobs already filed there.
    task_center: Arc<Mutex<(Vec<Entry>, HashSet<String>)>>,
    /// The clock.
    pub clock: Clock,
    /// What clients' job requests looked like (`GET /sim/stats`).
    pub stats: Arc<crate::stats::Stats>,
}

/// Why a job could not be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateError {
    /// The simulator holds `max_jobs` already.
    TooManyJobs(usize),
    /// The job's sub-jobs would take the jobs kept past `max_job_nodes`: (asked, left).
    TooLarge(usize, usize),
}

impl std::fmt::Display for CreateError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CreateError::TooManyJobs(max) => write!(
                formatter,
                "the simulator already holds its maximum of {max} jobs; restart it to clear them"
            ),
            CreateError::TooLarge(asked, left) => write!(
                formatter,
                "a job of {asked} sub-jobs does not fit: the jobs kept leave room for {left} more; restart the simulator to clear them"
            ),
        }
    }
}

impl AppState {
    /// State with the system clock.
    pub fn new(config: Config) -> AppState {
        AppState::with_clock(config, system_clock())
    }

    /// State with a given clock (tests).
    pub fn with_clock(config: Config, clock: Clock) -> AppState {
        AppState {
            config: Arc::new(config),
            jobs: Arc::default(),
            order: Arc::default(),
            nodes: Arc::default(),
            task_center: Arc::default(),
            clock,
            stats: Arc::default(),
        }
    }

    /// Now, by the state's clock.
    pub fn now_ms(&self) -> i64 {
        (self.clock)()
    }

    fn lock_jobs(&self) -> MutexGuard<'_, HashMap<String, ScenarioJob>> {
        // A panic while holding the lock leaves plain data; keep serving.
        self.jobs.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts a scenario job and returns its id.
    pub fn create_job(&self, new_job: NewJob) -> Result<String, CreateError> {
        let plan = new_job.plan.unwrap_or_else(|| new_job.scenario.plan());
        let mut jobs = self.lock_jobs();
        if jobs.len() >= self.config.max_jobs {
            return Err(CreateError::TooManyJobs(self.config.max_jobs));
        }
        // Counted under the jobs' lock, so two creations cannot both take the last room.
        let used = self.nodes.load(std::sync::atomic::Ordering::SeqCst);
        let left = self.config.max_job_nodes.saturating_sub(used);
        if plan.nodes.len() > left {
            return Err(CreateError::TooLarge(plan.nodes.len(), left));
        }
        self.nodes.fetch_add(plan.nodes.len(), std::sync::atomic::Ordering::SeqCst);
        let job_id = loop {
            let candidate = format!("ff8080826b45d4a5{:016x}", fastrand::u64(..));
            if !jobs.contains_key(&candidate)
                && !DOCUMENTED_JOBS.iter().any(|(id, _)| *id == candidate)
            {
                break candidate;
            }
        };
        let already_run_real = (new_job.elapsed_ms as f64 / new_job.speed) as i64;
        jobs.insert(
            job_id.clone(),
            ScenarioJob {
                scenario: new_job.scenario,
                plan: Arc::new(plan),
                created_ms: self.now_ms() - already_run_real,
                speed: new_job.speed,
                repeat: new_job.repeat,
                scripted_faults: new_job.faults.into(),
                requests: 0,
            },
        );
        drop(jobs);
        self.order.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(job_id.clone());
        Ok(job_id)
    }

    /// Creates one repeating job per scenario at the default speed, and a realistic mix of
    /// Task Center entries (start-up seeding).
    pub fn seed(&self) -> Vec<(String, Scenario)> {
        self.lock_task_center().0.extend(seed_entries(self.now_ms()));
        Scenario::ALL
            .into_iter()
            .filter_map(|scenario| {
                let new_job = NewJob { repeat: true, ..NewJob::new(scenario, self.config.speed) };
                let id = self.create_job(new_job).ok()?;
                Some((id, scenario))
            })
            .collect()
    }

    /// The answer for a job at this moment, taking one scripted fault set if any is left:
    /// `None` if the simulator does not know the job.
    pub fn job_body(&self, job_id: &str) -> Option<(String, Vec<Fault>)> {
        if let Some((_, text)) = DOCUMENTED_JOBS.iter().find(|(id, _)| *id == job_id) {
            return Some(((*text).to_owned(), Vec::new()));
        }
        let now = self.now_ms();
        // Only what the answer needs is taken under the lock (the plan is shared): writing
        // a 200,000-job answer must not hold up every other request.
        let (snapshot, faults) = {
            let mut jobs = self.lock_jobs();
            let job = jobs.get_mut(job_id)?;
            job.requests += 1;
            let faults = job.scripted_faults.pop_front().unwrap_or_default();
            let snapshot = ScenarioJob {
                scripted_faults: VecDeque::new(),
                plan: Arc::clone(&job.plan),
                ..*job
            };
            (snapshot, faults)
        };
        Some((snapshot.render_at(job_id, now), faults))
    }

    fn lock_task_center(&self) -> MutexGuard<'_, (Vec<Entry>, HashSet<String>)> {
        self.task_center.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds entries to the Task Center (tests, and `POST /sim/task-center`).
    pub fn task_center_add(&self, entries: impl IntoIterator<Item = Entry>) {
        self.lock_task_center().0.extend(entries);
    }

    /// Entries in the Task Center (without filing).
    pub fn task_center_len(&self) -> usize {
        self.lock_task_center().0.len()
    }

    /// The Task Center now: first files every scenario job that has failed since the last
    /// look (once per job), then lists the entries, newest filed last.
    pub fn task_center_entries(&self) -> Vec<Entry> {
        let now = self.now_ms();
        let due: Vec<(String, ScenarioJob)> = {
            let filed = self.lock_task_center().1.clone();
            let jobs = self.lock_jobs();
            jobs.iter()
                .filter(|(id, job)| {
                    !filed.contains(*id)
                        && matches!(job.plan.nodes[0].outcome, Outcome::Fail { .. })
                        && now - job.created_ms >= (job.plan.total_ms() as f64 / job.speed) as i64
                })
                .map(|(id, job)| {
                    let snapshot = ScenarioJob {
                        scripted_faults: VecDeque::new(),
                        plan: Arc::clone(&job.plan),
                        ..*job
                    };
                    (id.clone(), snapshot)
                })
                .collect()
        };
        let names = failure_status_names();
        let mut filed = Vec::new();
        for (id, job) in due {
            let answer = job.render_at(&id, now);
            let entries = sdrs_job_core::parse_job(answer.as_bytes())
                .map(|tree| entries_of_failed_job(&tree, &names))
                .unwrap_or_default();
            filed.push((id, entries));
        }
        let mut task_center = self.lock_task_center();
        for (id, entries) in filed {
            if task_center.1.insert(id) {
                task_center.0.extend(entries);
            }
        }
        task_center.0.clone()
    }

    /// Removes the entries `remove` picks (after filing what has failed); how many.
    pub fn task_center_remove(&self, remove: impl Fn(&Entry) -> bool) -> usize {
        self.task_center_entries();
        let mut task_center = self.lock_task_center();
        let before = task_center.0.len();
        task_center.0.retain(|entry| !remove(entry));
        before - task_center.0.len()
    }

    /// Known scenario jobs in creation order: (id, scenario, speed, repeat, requests).
    pub fn list_jobs(&self) -> Vec<(String, Scenario, f64, bool, u64)> {
        let order = self.order.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
        let jobs = self.lock_jobs();
        order
            .into_iter()
            .filter_map(|id| {
                let job = jobs.get(&id)?;
                Some((id, job.scenario, job.speed, job.repeat, job.requests))
            })
            .collect()
    }
}
