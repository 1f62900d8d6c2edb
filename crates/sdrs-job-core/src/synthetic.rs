//! Deterministic synthetic jobs shaped like real SDRS ones, for benchmarks, the simulator's
//! large scenarios and browser tests: a failover with protected instances and their
//! steps, and a deep chain. No randomness: the same arguments give the same tree.

use crate::model::{EntityField, FieldValue, JobField, JobRecord, JobTree, JobTreeBuilder};
use crate::time::format_timestamp;

/// A 32-hex-digit job id like the service's (`ff8080826b45d4a5016b5036242c0025`).
pub fn job_id(seed: u64) -> String {
    format!("ff8080826b45d4a5{:016x}", seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 1)
}

/// A UUID-shaped resource id.
pub fn resource_id(seed: u64) -> String {
    let bits = seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5DEE_CE66_D1CE_4E5B;
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        bits >> 32,
        (bits >> 16) & 0xffff,
        bits & 0xfff,
        (bits >> 20) & 0xfff,
        seed & 0xffff_ffff_ffff
    )
}

/// A finished failover: a root, `instances` protected-instance sub-jobs, each with
/// `steps` steps below it, overlapping in time; every 97th instance failed
/// (SDRS.0406 with a failed step), so failures sit deep inside a large tree.
/// 100 × 100 gives 10,101 jobs (about 3 MB of JSON).
pub fn failover(instances: usize, steps: usize, begin_ms: i64) -> JobTree {
    let mut builder = JobTreeBuilder::new();
    let root_end = begin_ms + 60_000 + (instances as i64) * 40 + (steps as i64) * 500;
    let any_failed = instances > 0 && (0..instances).any(failed_instance);
    begin_job(
        &mut builder,
        0,
        "failoverProtectionGroupNoCG",
        if any_failed { "FAIL" } else { "SUCCESS" },
        (begin_ms, Some(root_end)),
        any_failed.then_some(("SDRS.0406", "Failed to execute the subjob")),
        (EntityField::ServerGroupId, resource_id(0)),
    );
    for instance in 0..instances {
        let instance_begin = begin_ms + 200 + (instance as i64) * 37;
        let instance_end = root_end - 100 - (instance as i64 % 7) * 13;
        let failed = failed_instance(instance);
        let seed = 1 + instance as u64 * (steps as u64 + 1);
        begin_job(
            &mut builder,
            seed,
            "failoverProtectedInstanceNoCG",
            if failed { "FAIL" } else { "SUCCESS" },
            (instance_begin, Some(instance_end)),
            failed.then_some(("SDRS.0406", "Failed to execute the subjob")),
            (EntityField::ProtectedInstanceId, resource_id(seed)),
        );
        let step_length = ((instance_end - instance_begin - 50) / steps.max(1) as i64).max(1);
        for step in 0..steps {
            let step_begin = instance_begin + 20 + step as i64 * step_length;
            let step_failed = failed && step + 1 == steps;
            let (job_type, entity) = match step % 3 {
                0 => ("stopServerNew", EntityField::NativeServerId),
                1 => ("failoverReplicationPairNew", EntityField::ReplicationPairId),
                _ => ("startServerNew", EntityField::NativeServerId),
            };
            let step_seed = seed + 1 + step as u64;
            begin_job(
                &mut builder,
                step_seed,
                job_type,
                if step_failed { "FAIL" } else { "SUCCESS" },
                (step_begin, Some(step_begin + step_length - 5)),
                step_failed.then_some(("SDRS.1608", "Replication pair not found in the target AZ")),
                (entity, resource_id(step_seed)),
            );
            builder.end_job();
        }
        builder.end_job();
    }
    builder.finish().expect("a root was begun")
}

fn failed_instance(instance: usize) -> bool {
    instance % 97 == 42
}

/// A chain `depth` levels deep below a root (depth + 1 jobs), every job a second inside
/// its parent: the worst case for anything that would recurse.
pub fn chain(depth: usize, begin_ms: i64) -> JobTree {
    let mut builder = JobTreeBuilder::new();
    let total = depth as i64 + 1;
    for level in 0..=depth as i64 {
        begin_job(
            &mut builder,
            level as u64,
            "stopProtectionGroupRepNoCG",
            "SUCCESS",
            (begin_ms + level * 10, Some(begin_ms + total * 20 - level * 10)),
            None,
            (EntityField::ServerGroupId, resource_id(level as u64)),
        );
    }
    builder.finish().expect("a root was begun")
}

/// Begins one job (left open for its sub-jobs).
#[allow(clippy::too_many_arguments)]
fn begin_job(
    builder: &mut JobTreeBuilder,
    seed: u64,
    job_type: &str,
    status: &str,
    (begin_ms, end_ms): (i64, Option<i64>),
    failure: Option<(&str, &str)>,
    (entity, entity_id): (EntityField, String),
) {
    let id = job_id(seed);
    let begin = format_timestamp(begin_ms);
    let end = end_ms.map(format_timestamp);
    let mut record = JobRecord::new(&id, job_type, status);
    record.set(JobField::BeginTime, FieldValue::Value(&begin));
    record.set(JobField::EndTime, FieldValue::from_option(end.as_deref()));
    if let Some((code, reason)) = failure {
        record.set(JobField::ErrorCode, FieldValue::Value(code));
        record.set(JobField::FailReason, FieldValue::Value(reason));
    }
    record.set_entity(entity, FieldValue::Value(&entity_id));
    builder.begin_job(&record);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_sizes() {
        let tree = failover(100, 100, 1_560_418_800_000);
        assert_eq!(tree.len(), 10_101);
        let json = tree.to_json();
        assert!((2_500_000..3_500_000).contains(&json.len()), "{} bytes", json.len());
        assert_eq!(crate::parse_job(&json).unwrap().to_json(), json);
        let summary = crate::summarize(&tree, 0);
        assert_eq!(
            summary.failures.len(),
            3,
            "instance 42 failed, with its last step, and the root"
        );
        assert!(summary.warnings.is_empty(), "{:?}", summary.warnings.first());
        let deep = chain(5_000, 0);
        assert_eq!(deep.len(), 5_001);
        assert!(crate::summarize(&deep, 0).warnings.is_empty());
        assert_ne!(job_id(1), job_id(2));
        assert_eq!(resource_id(7).len(), 36);
    }
}
