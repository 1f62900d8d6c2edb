//! Writes a [`JobTree`] back to JSON: the same value that was read (field order aside).
//!
//! Known fields come first in wire order, then unknown ones verbatim, then `entities`
//! (its ids, its unknown members, and `sub_jobs` last). A loop over the pre-order with a
//! stack of open `sub_jobs` arrays replaces recursion.

use super::fields::{EntityField, JobField, Presence};
use super::tree::{JobIndex, JobRef, JobTree, Str};
use crate::json::write_json_string;

impl JobTree {
    /// The whole tree as compact JSON.
    pub fn to_json(&self) -> String {
        write_subtree(self, 0)
    }
}

impl JobRef<'_> {
    /// This job and its subtree as JSON.
    pub fn to_json(&self) -> String {
        write_subtree(self.tree(), self.index())
    }

    /// This job alone as JSON: its fields and `entities` without `sub_jobs`.
    pub fn to_json_without_sub_jobs(&self) -> String {
        write_job_alone(self.tree(), self.index())
    }
}

struct Members<'o> {
    out: &'o mut String,
    first: bool,
}

impl Members<'_> {
    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_json_string(self.out, key);
        self.out.push(':');
    }

    fn string_field(&mut self, tree: &JobTree, key: &str, stored: Str) {
        match tree.str_at(stored) {
            crate::FieldValue::Absent => {}
            crate::FieldValue::Null => {
                self.key(key);
                self.out.push_str("null");
            }
            crate::FieldValue::Value(text) => {
                self.key(key);
                write_json_string(self.out, text);
            }
        }
    }
}

/// Writes the job at `root` and its subtree.
pub(crate) fn write_subtree(tree: &JobTree, root: JobIndex) -> String {
    let end = tree.node(root).subtree_end as usize;
    let mut out = String::with_capacity((end - root) * 320);
    let mut open_arrays: Vec<JobIndex> = Vec::new();
    for index in root..end {
        close_finished(tree, &mut out, &mut open_arrays, index);
        if index != root && tree.node(index).child_position > 0 {
            out.push(',');
        }
        if write_job_head(tree, &mut out, index, false) {
            open_arrays.push(index);
        }
    }
    close_finished(tree, &mut out, &mut open_arrays, end);
    out
}

fn close_finished(
    tree: &JobTree,
    out: &mut String,
    open_arrays: &mut Vec<JobIndex>,
    next: JobIndex,
) {
    while let Some(&top) = open_arrays.last() {
        if (tree.node(top).subtree_end as usize) > next {
            break;
        }
        out.push_str("]}}");
        open_arrays.pop();
    }
}

/// Writes one job without its `sub_jobs` member (for showing a single job of a big tree).
pub(crate) fn write_job_alone(tree: &JobTree, index: JobIndex) -> String {
    let mut out = String::with_capacity(512);
    write_job_head(tree, &mut out, index, true);
    out
}

/// Writes a job up to its open `sub_jobs` array (returns true) or entirely (false). With
/// `omit_sub_jobs`, `sub_jobs` is left out and the job is always written entirely.
fn write_job_head(tree: &JobTree, out: &mut String, index: JobIndex, omit_sub_jobs: bool) -> bool {
    let node = tree.node(index);
    let job = tree.job(index);
    out.push('{');
    let mut members = Members { out, first: true };
    for field in JobField::ALL {
        members.string_field(tree, field.wire_name(), node.fields[field as usize]);
    }
    for (key, raw) in job.extra_fields() {
        members.key(key);
        members.out.push_str(raw);
    }
    match node.entities {
        Presence::Absent => {}
        Presence::Null => {
            members.key("entities");
            members.out.push_str("null");
        }
        Presence::Present => {
            members.key("entities");
            members.out.push('{');
            let mut entities = Members { out: members.out, first: true };
            for field in EntityField::ALL {
                entities.string_field(tree, field.wire_name(), node.entity_fields[field as usize]);
            }
            for (key, raw) in job.extra_entity_fields() {
                entities.key(key);
                entities.out.push_str(raw);
            }
            match node.sub_jobs {
                _ if omit_sub_jobs => {}
                Presence::Absent => {}
                Presence::Null => {
                    entities.key("sub_jobs");
                    entities.out.push_str("null");
                }
                Presence::Present => {
                    entities.key("sub_jobs");
                    entities.out.push('[');
                    return true;
                }
            }
            entities.out.push('}');
        }
    }
    out.push('}');
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_job_alone_leaves_out_its_sub_jobs_only() {
        let tree = crate::parse_job(
            r#"{"job_id":"a","x":1,"entities":{"server_group_id":"g","sub_jobs":[{"job_id":"b"}]}}"#,
        )
        .unwrap();
        assert_eq!(
            tree.root().to_json_without_sub_jobs(),
            r#"{"job_id":"a","x":1,"entities":{"server_group_id":"g"}}"#
        );
        assert_eq!(tree.job(1).to_json(), r#"{"job_id":"b"}"#);
    }
}
