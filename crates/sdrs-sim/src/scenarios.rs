//! Live scenarios: jobs whose state is a function of the time since they were created,
//! so a poller sees INIT, then RUNNING with sub-jobs starting and finishing, then SUCCESS
//! or FAIL. Each scenario is a [`Plan`]: jobs in pre-order with start offsets and
//! durations in scenario time; [`render`] turns a plan and a moment into the wire JSON.

use sdrs_job_core::synthetic::resource_id;
use sdrs_job_core::{
    format_timestamp, EntityField, FieldValue, JobField, JobRecord, JobTreeBuilder, Presence,
};

/// How long the root stays INIT (without `begin_time`) before it starts, in scenario ms.
const ROOT_INIT_MS: i64 = 1_500;
/// How long a parent outlives its last sub-job, in scenario ms.
const PARENT_TAIL_MS: i64 = 400;

/// The scenarios the simulator can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scenario {
    /// Fail over a protection group: 4 protected instances, 3 steps each; succeeds.
    Failover,
    /// The same failover, but stopping one server fails: SDRS.1308 under SDRS.0406.
    FailoverFail,
    /// Create a protection group: one job, no sub-jobs, 15 s, succeeds.
    CreateProtectionGroup,
    /// A DR drill whose drill-server sub-job fails with SDRS.0406 and a reason.
    DrillFail,
    /// A failover of 200 protected instances with 10 steps each: 2,201 jobs.
    Large,
    /// A switchover whose sub-jobs carry undocumented types and an unknown status.
    Odd,
}

impl Scenario {
    /// Every scenario.
    pub const ALL: [Scenario; 6] = [
        Scenario::Failover,
        Scenario::FailoverFail,
        Scenario::CreateProtectionGroup,
        Scenario::DrillFail,
        Scenario::Large,
        Scenario::Odd,
    ];

    /// Its name in URLs and requests, e.g. `failover-fail`.
    pub fn name(self) -> &'static str {
        match self {
            Scenario::Failover => "failover",
            Scenario::FailoverFail => "failover-fail",
            Scenario::CreateProtectionGroup => "create-protection-group",
            Scenario::DrillFail => "drill-fail",
            Scenario::Large => "large",
            Scenario::Odd => "odd",
        }
    }

    /// The scenario of a name.
    pub fn from_name(name: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|scenario| scenario.name() == name)
    }

    /// What it shows, for people.
    pub fn description(self) -> &'static str {
        match self {
            Scenario::Failover => "fail over a protection group: 4 protected instances with 3 steps each; succeeds",
            Scenario::FailoverFail => "the same failover; stopping one server fails (SDRS.1308), so its instance and the group fail",
            Scenario::CreateProtectionGroup => "create a protection group: one job without sub-jobs; succeeds after 15 s",
            Scenario::DrillFail => "a DR drill whose drill-server sub-job fails with SDRS.0406 and a reason",
            Scenario::Large => "a failover of 200 protected instances with 10 steps each: 2,201 jobs",
            Scenario::Odd => "a switchover with undocumented sub-job types, an unknown status (PARTIAL_SUCCESS) and a 3 s pause between two steps",
        }
    }

    /// The plan of a failover scenario (`failover`, `failover-fail`, `large`) resized to
    /// `instances` protected instances of `steps` steps each (0 steps: two levels); none
    /// for the scenarios whose shape is fixed.
    pub fn shaped_plan(self, instances: usize, steps: usize) -> Option<Plan> {
        match self {
            Scenario::Failover | Scenario::Large => Some(failover_plan(instances, steps, None)),
            Scenario::FailoverFail => {
                Some(failover_plan(instances, steps.max(1), Some(instances / 2)))
            }
            _ => None,
        }
    }

    /// The scenario's plan.
    pub fn plan(self) -> Plan {
        match self {
            Scenario::Failover => failover_plan(4, 3, None),
            Scenario::FailoverFail => failover_plan(4, 3, Some(2)),
            Scenario::CreateProtectionGroup => {
                let mut plan =
                    Plan::new("createProtectionGroupNoCG", (EntityField::ServerGroupId, 0));
                plan.nodes[0].duration = 15_000;
                plan.nodes[0].leaf_root = true;
                plan.finish()
            }
            Scenario::DrillFail => drill_plan(),
            Scenario::Large => failover_plan(200, 10, None),
            Scenario::Odd => odd_plan(),
        }
    }
}

/// How a job ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// SUCCESS.
    Success,
    /// FAIL with an error code and a reason.
    Fail {
        /// `error_code`
        code: &'static str,
        /// `fail_reason`
        reason: String,
    },
    /// An undocumented final status, kept verbatim.
    Other(&'static str),
}

/// One job of a plan.
#[derive(Debug, Clone)]
pub struct PlanNode {
    /// Depth (the root is 0).
    pub depth: usize,
    /// `job_type`
    pub job_type: &'static str,
    /// Start, in scenario ms after creation.
    pub start: i64,
    /// Duration in scenario ms (computed for parents).
    pub duration: i64,
    /// The status shown while it runs (`RUNNING`, or an undocumented one).
    pub running_status: &'static str,
    /// How it ends (computed for parents from their sub-jobs unless set).
    pub outcome: Outcome,
    /// The resource id it reports in `entities`, by seed.
    pub entity: (EntityField, u64),
    /// Whether the outcome was set by hand (parents keep it).
    pub fixed_outcome: bool,
    /// A root that has no `sub_jobs` key at all (as the documented create example).
    pub leaf_root: bool,
}

/// A scenario: jobs in pre-order with their timing.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The jobs, root first, in pre-order.
    pub nodes: Vec<PlanNode>,
}

impl Plan {
    fn new(root_type: &'static str, entity: (EntityField, u64)) -> Plan {
        Plan { nodes: vec![node(0, root_type, ROOT_INIT_MS, 0, entity)] }
    }

    fn push(&mut self, node: PlanNode) -> &mut PlanNode {
        self.nodes.push(node);
        self.nodes.last_mut().expect("just pushed")
    }

    /// Computes parents' durations and outcomes from their sub-jobs (reverse pre-order).
    fn finish(mut self) -> Plan {
        for index in (0..self.nodes.len()).rev() {
            let depth = self.nodes[index].depth;
            let children: Vec<usize> = (index + 1..self.nodes.len())
                .take_while(|&child| self.nodes[child].depth > depth)
                .filter(|&child| self.nodes[child].depth == depth + 1)
                .collect();
            if children.is_empty() {
                continue;
            }
            let last_end = children
                .iter()
                .map(|&child| self.nodes[child].start + self.nodes[child].duration)
                .max()
                .unwrap_or(0);
            let parent = &self.nodes[index];
            let duration = (last_end + PARENT_TAIL_MS - parent.start).max(parent.duration);
            let failed = children
                .iter()
                .any(|&child| matches!(self.nodes[child].outcome, Outcome::Fail { .. }));
            let parent = &mut self.nodes[index];
            parent.duration = duration;
            if failed && !parent.fixed_outcome {
                parent.outcome = Outcome::Fail {
                    code: "SDRS.0406",
                    reason: "Failed to execute the subjob".to_owned(),
                };
            }
        }
        self
    }

    /// Scenario time at which the root ends.
    pub fn total_ms(&self) -> i64 {
        self.nodes[0].start + self.nodes[0].duration
    }
}

fn node(
    depth: usize,
    job_type: &'static str,
    start: i64,
    duration: i64,
    entity: (EntityField, u64),
) -> PlanNode {
    PlanNode {
        depth,
        job_type,
        start,
        duration,
        running_status: "RUNNING",
        outcome: Outcome::Success,
        entity,
        fixed_outcome: false,
        leaf_root: false,
    }
}

fn failover_plan(instances: usize, steps: usize, failing_instance: Option<usize>) -> Plan {
    let mut plan = Plan::new("failoverProtectionGroupNoCG", (EntityField::ServerGroupId, 0));
    if failing_instance.is_some() {
        let root = &mut plan.nodes[0];
        root.outcome = Outcome::Fail {
            code: "SDRS.1030",
            reason: "Failed to perform the failover: 1 of 4 protected instances failed".to_owned(),
        };
        root.fixed_outcome = true;
    }
    let stagger = if instances > 20 { 50 } else { 200 };
    for instance in 0..instances {
        let seed = 1_000 + instance as u64 * 100;
        let instance_start = ROOT_INIT_MS + 300 + instance as i64 * stagger;
        plan.push(node(
            1,
            "failoverProtectedInstanceNoCG",
            instance_start,
            0,
            (EntityField::ProtectedInstanceId, seed),
        ));
        let mut step_start = instance_start + 150;
        for step in 0..steps {
            let (job_type, entity, base) = match step % 3 {
                0 => ("stopServerNew", EntityField::NativeServerId, 4_000),
                1 => ("failoverReplicationPairNew", EntityField::ReplicationPairId, 8_000),
                _ => ("startServerNew", EntityField::NativeServerId, 5_000),
            };
            let base = if steps > 3 { base / 4 } else { base };
            let duration = base + ((instance * 7 + step * 13) % 5) as i64 * 400;
            let step_node = plan.push(node(
                2,
                job_type,
                step_start,
                duration,
                (entity, seed + 1 + step as u64),
            ));
            if failing_instance == Some(instance) && step == 0 {
                step_node.outcome = Outcome::Fail {
                    code: "SDRS.1308",
                    reason: format!(
                        "Failed to stop the server: server {} did not shut down within 300 s (power state: running)",
                        resource_id(seed + 1)
                    ),
                };
                break;
            }
            step_start += duration + 100;
        }
    }
    plan.finish()
}

fn drill_plan() -> Plan {
    let mut plan = Plan::new("createDisasterRecoveryDrill", (EntityField::ServerGroupId, 0));
    let root = &mut plan.nodes[0];
    root.outcome = Outcome::Fail {
        code: "SDRS.0405",
        reason: "Failed to execute the job: 1 of 3 drill servers could not be created".to_owned(),
    };
    root.fixed_outcome = true;
    for index in 0..3u64 {
        let start = ROOT_INIT_MS + 500 + index as i64 * 300;
        let drill = plan.push(node(
            1,
            "createDrillServerNew",
            start,
            9_000 + index as i64 * 2_500,
            (EntityField::NativeServerId, 2_000 + index),
        ));
        if index == 1 {
            drill.outcome = Outcome::Fail {
                code: "SDRS.0406",
                reason: "Failed to execute the subjob: flavor s6.large.2 is sold out in availability zone cn-north-4b".to_owned(),
            };
        }
    }
    plan.finish()
}

fn odd_plan() -> Plan {
    let mut plan = Plan::new("reverseProtectionGroupNoCG", (EntityField::ServerGroupId, 0));
    plan.push(node(
        1,
        "stopProtectionGroupRepNoCG",
        ROOT_INIT_MS + 200,
        4_000,
        (EntityField::ServerGroupId, 3_001),
    ));
    let sync = plan.push(node(
        1,
        "syncReplicationPairRepNoCG",
        ROOT_INIT_MS + 4_300,
        7_000,
        (EntityField::ReplicationPairId, 3_002),
    ));
    sync.running_status = "SYNCING";
    sync.outcome = Outcome::Other("PARTIAL_SUCCESS");
    // The service lets the replication settle for 3 s before it starts the group: a gap
    // between steps, as the timeline marks it.
    plan.push(node(
        1,
        "startProtectionGroupRepNoCG",
        ROOT_INIT_MS + 14_300,
        3_000,
        (EntityField::ServerGroupId, 3_003),
    ));
    plan.finish()
}

/// The id of the `position`-th job of a scenario job: the root keeps `root_id`, sub-jobs
/// share its first 24 digits (as the service's ids of one job do).
pub fn sub_job_id(root_id: &str, position: usize) -> String {
    if position == 0 {
        return root_id.to_owned();
    }
    let prefix: String = root_id.chars().take(24).collect();
    format!("{prefix}{:08x}", position)
}

/// The JSON of a plan's job `elapsed_ms` of scenario time after creation, with wall-clock
/// timestamps: scenario offsets divided by `speed` and added to `created_ms`.
pub fn render(plan: &Plan, root_id: &str, created_ms: i64, speed: f64, elapsed_ms: i64) -> String {
    let wall = |offset: i64| created_ms + (offset as f64 / speed) as i64;
    let mut builder = JobTreeBuilder::new();
    let mut open_depths: Vec<usize> = Vec::new();
    for (position, plan_node) in plan.nodes.iter().enumerate() {
        while open_depths.last().is_some_and(|&depth| depth >= plan_node.depth) {
            builder.end_job();
            open_depths.pop();
        }
        let id = sub_job_id(root_id, position);
        let end = plan_node.start + plan_node.duration;
        let (status, begin_time, end_time, failure) = if elapsed_ms < plan_node.start {
            ("INIT", None, None, None)
        } else if elapsed_ms < end {
            (plan_node.running_status, Some(format_timestamp(wall(plan_node.start))), None, None)
        } else {
            let begin = Some(format_timestamp(wall(plan_node.start)));
            let finish = Some(format_timestamp(wall(end)));
            match &plan_node.outcome {
                Outcome::Success => ("SUCCESS", begin, finish, None),
                Outcome::Fail { code, reason } => {
                    ("FAIL", begin, finish, Some((*code, reason.as_str())))
                }
                Outcome::Other(status) => (*status, begin, finish, None),
            }
        };
        let entity_id = resource_id(plan_node.entity.1);
        let mut record = JobRecord::new(&id, plan_node.job_type, status);
        // The service writes `begin_time` once started, and `end_time: null` while running.
        record.set(
            JobField::BeginTime,
            begin_time.as_deref().map_or(FieldValue::Absent, FieldValue::Value),
        );
        record.set(JobField::EndTime, FieldValue::from_option(end_time.as_deref()));
        if let Some((code, reason)) = failure {
            record.set(JobField::ErrorCode, FieldValue::Value(code));
            record.set(JobField::FailReason, FieldValue::Value(reason));
        }
        record.set_entity(plan_node.entity.0, FieldValue::Value(&entity_id));
        if plan_node.leaf_root {
            record.sub_jobs = Presence::Absent;
        }
        builder.begin_job(&record);
        open_depths.push(plan_node.depth);
    }
    builder.finish().expect("a plan has a root").to_json()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_have_the_promised_shapes() {
        assert_eq!(Scenario::Failover.plan().nodes.len(), 17);
        assert!(Scenario::Large.plan().nodes.len() > 2_000);
        for scenario in Scenario::ALL {
            assert_eq!(Scenario::from_name(scenario.name()), Some(scenario));
            let plan = scenario.plan();
            assert!(plan.total_ms() > ROOT_INIT_MS, "{}", scenario.name());
        }
    }

    #[test]
    fn a_job_unfolds_from_init_to_its_outcome() {
        let plan = Scenario::FailoverFail.plan();
        let root = "ff8080826b45d4a5016b5036242c0099";
        let at = |elapsed| {
            sdrs_job_core::parse_job(render(&plan, root, 1_560_418_800_000, 1.0, elapsed)).unwrap()
        };
        let start = at(0);
        assert_eq!(start.root().status_text(), Some("INIT"));
        assert!(start.root().begin_ms().is_none());
        assert!(start.iter().all(|job| job.status_text() == Some("INIT")));
        let middle = at(5_000);
        assert_eq!(middle.root().status_text(), Some("RUNNING"));
        assert_eq!(middle.root().field(JobField::EndTime), FieldValue::Null);
        let end = at(plan.total_ms());
        assert_eq!(end.root().status_text(), Some("FAIL"));
        assert_eq!(end.root().error_code(), Some("SDRS.1030"));
        let summary = sdrs_job_core::summarize(&end, 0);
        let origin = summary.first_origin().unwrap();
        assert_eq!(origin.error_code.as_deref(), Some("SDRS.1308"));
        assert_eq!(origin.depth, 2);
        assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    }

    #[test]
    fn speed_compresses_wall_clock_time() {
        let plan = Scenario::CreateProtectionGroup.plan();
        let json = render(&plan, "ff8080826b45d4a5016b5036242c0098", 0, 10.0, plan.total_ms());
        let tree = sdrs_job_core::parse_job(json).unwrap();
        assert_eq!(tree.root().end_ms().unwrap() - tree.root().begin_ms().unwrap(), 1_500);
        assert_eq!(tree.root().sub_jobs_presence(), Presence::Absent);
    }
}
