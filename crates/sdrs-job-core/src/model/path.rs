//! JSON paths of jobs and fields, e.g. `entities.sub_jobs[1].begin_time`, for error
//! messages and warnings. Built by climbing parents, never by recursion.

use super::tree::{JobIndex, JobRef, JobTree, NO_PARENT};

impl JobRef<'_> {
    /// The JSON path of this job from the root, e.g. `entities.sub_jobs[1]` ("" for the root).
    pub fn path(&self) -> String {
        job_path(self.tree(), self.index())
    }

    /// The path of one of this job's fields, e.g. `entities.sub_jobs[1].begin_time`.
    pub fn field_path(&self, field: &str) -> String {
        join(&self.path(), field)
    }
}

/// Paths deeper than this many jobs are shortened in the middle, so that an error about
/// a 10,000-deep chain stays readable (and small).
const MAX_SHOWN_LEVELS: usize = 12;

/// Path of the job at `index` ("" for the root).
fn job_path(tree: &JobTree, index: JobIndex) -> String {
    let mut positions = Vec::new();
    let mut current = index;
    while tree.node(current).parent != NO_PARENT {
        positions.push(tree.node(current).child_position);
        current = tree.node(current).parent as usize;
    }
    positions.reverse();
    path_of_positions(&positions)
}

/// Path of a job given its position among its parent's sub-jobs at each level.
fn path_of_positions(positions: &[u32]) -> String {
    let segment = |position: &u32| format!("entities.sub_jobs[{position}]");
    if positions.len() <= MAX_SHOWN_LEVELS {
        return positions.iter().map(segment).collect::<Vec<_>>().join(".");
    }
    let head = &positions[..4];
    let tail = &positions[positions.len() - 6..];
    let skipped = positions.len() - head.len() - tail.len();
    let mut parts: Vec<String> = head.iter().map(segment).collect();
    parts.push(format!("…({skipped} levels)…"));
    parts.extend(tail.iter().map(segment));
    parts.join(".")
}

/// `base.field`, or `field` when `base` is the root's empty path.
pub(crate) fn join(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_owned()
    } else {
        format!("{base}.{field}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_paths() {
        assert_eq!(path_of_positions(&[]), "");
        assert_eq!(path_of_positions(&[1, 0]), "entities.sub_jobs[1].entities.sub_jobs[0]");
        let long = path_of_positions(&[0; 5000]);
        assert!(long.contains("…(4990 levels)…"), "{long}");
        assert!(long.len() < 300);
        assert_eq!(join("", "status"), "status");
        assert_eq!(join("entities.sub_jobs[2]", "status"), "entities.sub_jobs[2].status");
    }
}
