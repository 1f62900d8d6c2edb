//! What the Task Center holds: entries as the service lists them, a realistic mix seeded
//! at start-up, and how a failed scenario job is filed once it has failed (at the next
//! look), as the service files them: the group-level failure (without `server_group_id`)
//! and the failures inside the group (with it).

use std::collections::HashMap;

use serde_json::json;

/// One entry, as the service lists it, and the group it is filed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The protection group it is inside; none for a group-level failure.
    pub server_group_id: Option<String>,
    /// `resource_id`
    pub resource_id: String,
    /// `resource_name`
    pub resource_name: String,
    /// `resource_type` (the filter's spelling).
    pub resource_type: &'static str,
    /// `failure_status`
    pub failure_status: &'static str,
    /// `job_id`
    pub job_id: String,
    /// `job_type`
    pub job_type: String,
    /// `begin_time`
    pub begin_time: String,
    /// `error_code`
    pub error_code: String,
    /// `fail_reason`
    pub fail_reason: String,
}

impl Entry {
    /// The entry as the service writes it.
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "job_status": "FAIL",
            "resource_id": self.resource_id,
            "resource_name": self.resource_name,
            "resource_type": self.resource_type,
            "failure_status": self.failure_status,
            "job_id": self.job_id,
            "job_type": self.job_type,
            "begin_time": self.begin_time,
            "error_code": self.error_code,
            "fail_reason": self.fail_reason,
        })
    }
}

/// A realistic mix for start-up: failures at group level and inside three groups.
pub fn seed_entries(begin_ms: i64) -> Vec<Entry> {
    let mut entries = Vec::new();
    let id =
        |prefix: u64, n: u64| format!("{:08x}-5e1d-4c2a-9b7e-{:012x}", 0x5dee_ce66_u64 + prefix, n);
    let job = |n: u64| format!("ff8080826b45d4a5016b5036{:08x}", 0x7000_0000_u64 + n);
    let time = |minutes: i64| sdrs_job_core::format_timestamp(begin_ms - minutes * 60_000);
    let group_level = [
        (
            "failoverFail",
            "failoverProtectionGroupNoCG",
            "SDRS.1030",
            "Failed to perform the failover: 1 of 4 protected instances failed",
        ),
        (
            "createFail",
            "createProtectionGroupNoCG",
            "SDRS.1014",
            "Failed to create the protection group: the VPC has no subnet left",
        ),
        (
            "deleteFail",
            "deleteProtectionGroupNoCG",
            "SDRS.1001",
            "The protection group still holds 2 protected instances",
        ),
        (
            "reverseFail",
            "reverseProtectionGroupNoCG",
            "SDRS.1029",
            "Failed to perform the planned failover: replication is not synchronised",
        ),
        ("startFail", "startProtectionGroupNoCG", "SDRS.1020", "The protection group is in error"),
        ("stopFail", "stopProtectionGroupNoCG", "SDRS.1019", "The protection group is stopping"),
    ];
    for (n, (status, job_type, code, reason)) in group_level.iter().enumerate() {
        let n = n as u64;
        entries.push(Entry {
            server_group_id: None,
            resource_id: id(0, n),
            resource_name: format!("pg-orders-{:02}", n + 1),
            resource_type: "server_groups",
            failure_status: status,
            job_id: job(n),
            job_type: (*job_type).to_owned(),
            begin_time: time(30 + n as i64 * 47),
            error_code: (*code).to_owned(),
            fail_reason: (*reason).to_owned(),
        });
    }
    let inside = [
        (
            "protected_instances",
            "createFail",
            "createProtectedInstanceNoCG",
            "SDRS.1305",
            "Server 0b6e8a6e is already protected by another protection group",
        ),
        (
            "protected_instances",
            "attachFail",
            "attachInterfaceNoCG",
            "SDRS.1317",
            "Failed to attach the NIC to a protected instance: no IP address left in the subnet",
        ),
        (
            "replications",
            "expandFail",
            "expandReplicationPairNoCG",
            "SDRS.1820",
            "Failed to expand the capacity: the disk quota is used up",
        ),
        (
            "replications",
            "detachFail",
            "detachReplicationPairNoCG",
            "SDRS.1604",
            "The replication pair is not attached",
        ),
        (
            "disaster_recovery_drills",
            "createFail",
            "createDisasterRecoveryDrill",
            "SDRS.0405",
            "Failed to execute the job: flavor s6.large.2 is sold out in cn-north-4b",
        ),
    ];
    for group in 0..3_u64 {
        for (n, (kind, status, job_type, code, reason)) in inside.iter().enumerate() {
            let n = 10 + group * 10 + n as u64;
            entries.push(Entry {
                server_group_id: Some(id(0, group)),
                resource_id: id(1 + group, n),
                resource_name: format!("{}-{:03}", kind.trim_end_matches('s').replace('_', "-"), n),
                resource_type: kind,
                failure_status: status,
                job_id: job(n),
                job_type: (*job_type).to_owned(),
                begin_time: time(5 + n as i64 * 13),
                error_code: (*code).to_owned(),
                fail_reason: (*reason).to_owned(),
            });
        }
    }
    entries
}

/// The entries a failed scenario job files (its answer, read back by the core): the failed
/// root (at group level, or inside its group for a drill) and each failed protected
/// instance inside the group; `names` gives the `failure_status` of a root's job type.
pub fn entries_of_failed_job(
    tree: &sdrs_job_core::JobTree,
    names: &HashMap<&'static str, &'static str>,
) -> Vec<Entry> {
    use sdrs_job_core::{EntityField, JobField, StatusKind};
    let root = tree.root();
    if root.status() != StatusKind::Fail {
        return Vec::new();
    }
    let group = root.entity(EntityField::ServerGroupId).value().unwrap_or_default().to_owned();
    let job_type = root.job_type().unwrap_or_default();
    let status = names.get(job_type).copied().unwrap_or("failoverFail");
    let text = |value: Option<&str>| value.unwrap_or_default().to_owned();
    let begin = root.field(JobField::BeginTime).value().map(str::to_owned).unwrap_or_default();
    let is_drill = job_type.contains("Drill");
    let mut entries = vec![Entry {
        server_group_id: is_drill.then(|| group.clone()),
        resource_id: if is_drill { text(root.job_id()) } else { group.clone() },
        resource_name: format!("pg-{}", &group.chars().take(8).collect::<String>()),
        resource_type: if is_drill { "disaster_recovery_drills" } else { "server_groups" },
        failure_status: status,
        job_id: text(root.job_id()),
        job_type: job_type.to_owned(),
        begin_time: begin.clone(),
        error_code: text(root.error_code()),
        fail_reason: text(root.fail_reason()),
    }];
    for job in tree.iter().filter(|job| job.depth() == 1 && job.status() == StatusKind::Fail) {
        let Some(instance) = job.entity(EntityField::ProtectedInstanceId).value() else { continue };
        entries.push(Entry {
            server_group_id: Some(group.clone()),
            resource_id: instance.to_owned(),
            resource_name: format!("instance-{}", &instance.chars().take(8).collect::<String>()),
            resource_type: "protected_instances",
            failure_status: status,
            job_id: text(job.job_id()),
            job_type: text(job.job_type()),
            begin_time: job
                .field(JobField::BeginTime)
                .value()
                .map_or_else(|| begin.clone(), str::to_owned),
            error_code: text(job.error_code()),
            fail_reason: text(job.fail_reason()),
        });
    }
    entries
}

/// The Task Center's `failure_status` for the job types of the scenarios.
pub fn failure_status_names() -> HashMap<&'static str, &'static str> {
    HashMap::from([
        ("failoverProtectionGroupNoCG", "failoverFail"),
        ("reverseProtectionGroupNoCG", "reverseFail"),
        ("createProtectionGroupNoCG", "createFail"),
        ("createDisasterRecoveryDrill", "createFail"),
    ])
}

/// `count` synthetic entries (numbered from `first`), at group level or inside
/// `server_group_id`, their statuses and kinds varied as a busy project's would be.
pub fn synthetic_entries(
    count: usize,
    first: usize,
    server_group_id: Option<&str>,
    begin_ms: i64,
) -> Vec<Entry> {
    const GROUP_LEVEL: [(&str, &str); 4] = [
        ("failoverFail", "failoverProtectionGroupNoCG"),
        ("createFail", "createProtectionGroupNoCG"),
        ("deleteFail", "deleteProtectionGroupNoCG"),
        ("reverseFail", "reverseProtectionGroupNoCG"),
    ];
    const INSIDE: [(&str, &str, &str); 4] = [
        ("protected_instances", "createFail", "createProtectedInstanceNoCG"),
        ("protected_instances", "attachFail", "attachInterfaceNoCG"),
        ("replications", "expandFail", "expandReplicationPairNoCG"),
        ("disaster_recovery_drills", "createFail", "createDisasterRecoveryDrill"),
    ];
    (first..first + count)
        .map(|n| {
            let (kind, status, job_type) = match server_group_id {
                None => {
                    let (status, job_type) = GROUP_LEVEL[n % GROUP_LEVEL.len()];
                    ("server_groups", status, job_type)
                }
                Some(_) => INSIDE[n % INSIDE.len()],
            };
            Entry {
                server_group_id: server_group_id.map(str::to_owned),
                resource_id: format!(
                    "{:08x}-0000-4000-8000-{n:012x}",
                    0x7a11_0000_u32 + (n as u32 % 7)
                ),
                resource_name: format!("{}-{n:05}", kind.trim_end_matches('s').replace('_', "-")),
                resource_type: kind,
                failure_status: status,
                job_id: format!("ff8080826b45d4a5{:016x}", 0x00ab_0000_0000_0000_u64 + n as u64),
                job_type: job_type.to_owned(),
                begin_time: sdrs_job_core::format_timestamp(begin_ms - n as i64 * 61_000),
                error_code: "SDRS.0406".to_owned(),
                fail_reason: format!("Failed to execute the subjob: synthetic failure {n}"),
            }
        })
        .collect()
}
