//! Building a [`JobTree`] job by job, in pre-order: the parser, the simulator and tests do.

use super::fields::{EntityField, FieldValue, JobField, Presence, StatusKind};
use super::tree::{span_of, Extra, JobIndex, JobRef, JobTree, Node, Str, NO_PARENT};
use crate::time::parse_timestamp;

/// One job's own data, for building a tree with [`JobTreeBuilder`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobRecord<'a> {
    /// `job_id`, `job_type`, `status`, `begin_time`, `end_time`, `error_code`, `fail_reason`.
    pub fields: [FieldValue<'a>; 7],
    /// The six `entities` ids.
    pub entity_fields: [FieldValue<'a>; 6],
    /// Whether to write `entities` (forced to present when the job gets sub-jobs).
    pub entities: Presence,
    /// Whether to write `entities.sub_jobs` (forced to present when the job gets sub-jobs).
    pub sub_jobs: Presence,
    /// Unknown job members: key and raw JSON text (must be valid JSON).
    pub extra_fields: Vec<(&'a str, &'a str)>,
    /// Unknown `entities` members: key and raw JSON text.
    pub extra_entity_fields: Vec<(&'a str, &'a str)>,
}

impl<'a> JobRecord<'a> {
    /// A record with `job_id`, `job_type` and `status` set and `error_code`/`fail_reason`
    /// null, as the service writes a job.
    pub fn new(job_id: &'a str, job_type: &'a str, status: &'a str) -> Self {
        let mut record = JobRecord::default();
        record.set(JobField::JobId, FieldValue::Value(job_id));
        record.set(JobField::JobType, FieldValue::Value(job_type));
        record.set(JobField::Status, FieldValue::Value(status));
        record.set(JobField::ErrorCode, FieldValue::Null);
        record.set(JobField::FailReason, FieldValue::Null);
        record.entities = Presence::Present;
        record.sub_jobs = Presence::Present;
        record
    }

    /// Sets one job field.
    pub fn set(&mut self, field: JobField, value: FieldValue<'a>) -> &mut Self {
        self.fields[field as usize] = value;
        self
    }

    /// Sets one entity id (and makes `entities` present).
    pub fn set_entity(&mut self, field: EntityField, value: FieldValue<'a>) -> &mut Self {
        self.entity_fields[field as usize] = value;
        self.entities = Presence::Present;
        self
    }

    /// Copies a job of another tree (its own fields, not its sub-jobs).
    pub fn from_job(job: JobRef<'a>) -> Self {
        JobRecord {
            fields: JobField::ALL.map(|field| job.field(field)),
            entity_fields: EntityField::ALL.map(|field| job.entity(field)),
            entities: job.entities_presence(),
            sub_jobs: job.sub_jobs_presence(),
            extra_fields: job.extra_fields().collect(),
            extra_entity_fields: job.extra_entity_fields().collect(),
        }
    }
}

/// Builds a [`JobTree`] in pre-order: `begin_job` for a job, then its sub-jobs, then
/// `end_job`. The simulator and the tests build jobs this way; the parser does too.
#[derive(Debug)]
pub struct JobTreeBuilder {
    tree: JobTree,
    open: Vec<OpenJob>,
    /// The job vector never grows past this (the parser's limit; unbounded otherwise).
    max_jobs: usize,
}

#[derive(Debug)]
struct OpenJob {
    index: u32,
    children: u32,
}

impl Default for JobTreeBuilder {
    fn default() -> Self {
        // A `JobTree` is never empty once finished, so it has no public `Default`.
        let tree = JobTree {
            source: String::new(),
            text: String::new(),
            nodes: Vec::new(),
            extras: Vec::new(),
        };
        JobTreeBuilder { tree, open: Vec::new(), max_jobs: usize::MAX }
    }
}

impl JobTreeBuilder {
    /// An empty builder. Unparsable timestamps are kept as text with no milliseconds
    /// (and flagged as `BAD_TIMESTAMP` by the summary).
    pub fn new() -> Self {
        JobTreeBuilder::default()
    }

    /// A builder with room for `jobs` and `text` bytes, that never grows its job vector
    /// past `max_jobs` (a vector that doubles could otherwise take twice the cap's memory).
    pub(crate) fn with_capacity(jobs: usize, text: usize, max_jobs: usize) -> Self {
        let mut builder = JobTreeBuilder::new();
        builder.tree.nodes.reserve_exact(jobs);
        builder.tree.text.reserve(text);
        builder.max_jobs = max_jobs;
        builder
    }

    /// Number of jobs begun so far.
    pub fn len(&self) -> usize {
        self.tree.nodes.len()
    }

    /// Whether no job was begun yet.
    pub fn is_empty(&self) -> bool {
        self.tree.nodes.is_empty()
    }

    /// Unknown members kept so far.
    pub(crate) fn extras_len(&self) -> usize {
        self.tree.extras.len()
    }

    /// How many jobs are open (begun, not ended).
    pub fn open_depth(&self) -> usize {
        self.open.len()
    }

    pub(crate) fn push_text(&mut self, text: &str) -> (u32, u32) {
        let start = self.tree.text.len() as u32;
        self.tree.text.push_str(text);
        (start, text.len() as u32)
    }

    pub(crate) fn store(&mut self, value: FieldValue<'_>) -> Str {
        match value {
            FieldValue::Absent => Str::ABSENT,
            FieldValue::Null => Str::NULL,
            FieldValue::Value(text) => Str::span(self.push_text(text)),
        }
    }

    /// Starts a job: the root if none is open, else a sub-job of the innermost open job.
    /// Panics if a root was already finished (a tree has one root).
    pub fn begin_job(&mut self, record: &JobRecord<'_>) -> JobIndex {
        let index = self.begin_empty();
        for field in JobField::ALL {
            let stored = self.store(record.fields[field as usize]);
            self.set_field(index, field, stored);
        }
        for field in EntityField::ALL {
            self.tree.nodes[index].entity_fields[field as usize] =
                self.store(record.entity_fields[field as usize]);
        }
        let node = &mut self.tree.nodes[index];
        node.entities = node.entities.max_with(record.entities);
        node.sub_jobs = node.sub_jobs.max_with(record.sub_jobs);
        for (key, raw) in &record.extra_fields {
            self.push_extra(index, false, key, raw);
        }
        for (key, raw) in &record.extra_entity_fields {
            self.push_extra(index, true, key, raw);
        }
        index
    }

    /// Starts a job with every field absent (the parser fills it in).
    pub(crate) fn begin_empty(&mut self) -> JobIndex {
        let index = self.tree.nodes.len();
        assert!(
            index == 0 || !self.open.is_empty(),
            "JobTreeBuilder: a tree has one root; begin sub-jobs before ending it"
        );
        let (parent, depth, child_position) = match self.open.last_mut() {
            Some(open) => {
                let position = open.children;
                open.children += 1;
                let parent_node = &mut self.tree.nodes[open.index as usize];
                parent_node.entities = Presence::Present;
                parent_node.sub_jobs = Presence::Present;
                (open.index, parent_node.depth + 1, position)
            }
            None => (NO_PARENT, 0, 0),
        };
        if self.tree.nodes.len() == self.tree.nodes.capacity() {
            // Double, but never past the most jobs the caller will accept.
            let grow = self.tree.nodes.len().max(16);
            let room = self.max_jobs.saturating_sub(self.tree.nodes.len()).max(1);
            self.tree.nodes.reserve_exact(grow.min(room));
        }
        self.tree.nodes.push(Node {
            fields: [Str::ABSENT; 7],
            entity_fields: [Str::ABSENT; 6],
            entities: Presence::Absent,
            sub_jobs: Presence::Absent,
            status: StatusKind::Unknown,
            begin_ms: None,
            end_ms: None,
            bad_timestamps: 0,
            parent,
            depth,
            child_position,
            subtree_end: index as u32 + 1,
            extras_start: 0,
            extras_len: 0,
        });
        self.open.push(OpenJob { index: index as u32, children: 0 });
        index
    }

    fn set_field(&mut self, index: JobIndex, field: JobField, stored: Str) {
        match field {
            JobField::Status => self.set_status(index, stored),
            JobField::BeginTime | JobField::EndTime => {
                let parsed = self.tree.str_at(stored).value().map(parse_timestamp);
                let millis = parsed.as_ref().and_then(|result| result.as_ref().ok().copied());
                let bad = matches!(parsed, Some(Err(_)));
                self.set_time(index, field, stored, millis, bad);
            }
            _ => self.tree.nodes[index].fields[field as usize] = stored,
        }
    }

    pub(crate) fn set_plain_field(&mut self, index: JobIndex, field: JobField, stored: Str) {
        self.tree.nodes[index].fields[field as usize] = stored;
    }

    /// Sets a timestamp field whose milliseconds the caller already computed.
    pub(crate) fn set_time(
        &mut self,
        index: JobIndex,
        field: JobField,
        stored: Str,
        millis: Option<i64>,
        bad: bool,
    ) {
        let node = &mut self.tree.nodes[index];
        node.fields[field as usize] = stored;
        let bit = if field == JobField::BeginTime { 1 } else { 2 };
        if bad {
            node.bad_timestamps |= bit;
        }
        if field == JobField::BeginTime {
            node.begin_ms = millis;
        } else {
            node.end_ms = millis;
        }
    }

    pub(crate) fn set_status(&mut self, index: JobIndex, stored: Str) {
        let kind = StatusKind::from_wire(self.tree.str_at(stored).value());
        self.set_status_kind(index, stored, kind);
    }

    pub(crate) fn set_status_kind(&mut self, index: JobIndex, stored: Str, kind: StatusKind) {
        let node = &mut self.tree.nodes[index];
        node.fields[JobField::Status as usize] = stored;
        node.status = kind;
    }

    /// The text of a string stored so far, its source spans read from `source` (the
    /// parser's input, which the tree gets only when finished).
    pub(crate) fn text_of<'t>(&'t self, source: &'t str, stored: Str) -> Option<&'t str> {
        stored.value_span().map(|span| span_of(source, &self.tree.text, span))
    }

    pub(crate) fn set_entity_field(&mut self, index: JobIndex, field: EntityField, stored: Str) {
        self.tree.nodes[index].entity_fields[field as usize] = stored;
    }

    pub(crate) fn set_entities(&mut self, index: JobIndex, presence: Presence) {
        self.tree.nodes[index].entities = presence;
    }

    pub(crate) fn set_sub_jobs(&mut self, index: JobIndex, presence: Presence) {
        self.tree.nodes[index].sub_jobs = presence;
    }

    pub(crate) fn push_extra(&mut self, index: JobIndex, in_entities: bool, key: &str, raw: &str) {
        let raw = Str::span(self.push_text(raw));
        self.push_extra_raw(index, in_entities, key, raw);
    }

    /// An unknown member whose raw value is already stored (a span of the parser's source).
    pub(crate) fn push_extra_raw(
        &mut self,
        index: JobIndex,
        in_entities: bool,
        key: &str,
        raw: Str,
    ) {
        let key = self.push_text(key);
        let raw = raw.value_span().expect("a raw value is a span");
        self.tree.extras.push(Extra { node: index as u32, in_entities, key, raw });
    }

    pub(crate) fn tree(&self) -> &JobTree {
        &self.tree
    }

    /// Ends the innermost open job. Panics if none is open.
    pub fn end_job(&mut self) {
        let open = self.open.pop().expect("JobTreeBuilder::end_job with no open job");
        let end = self.tree.nodes.len() as u32;
        self.tree.nodes[open.index as usize].subtree_end = end;
    }

    /// Finishes a tree whose source spans are of `source` (the parser's input).
    pub(crate) fn finish_with_source(mut self, source: String) -> Option<JobTree> {
        self.tree.source = source;
        self.finish()
    }

    /// The finished tree, or none if no job was begun. Jobs still open are ended.
    pub fn finish(mut self) -> Option<JobTree> {
        while !self.open.is_empty() {
            self.end_job();
        }
        if self.tree.nodes.is_empty() {
            return None;
        }
        // Capacities were estimated from the input's size; give back what was not used
        // (shrinking reallocates in place), so a tree costs its size, not up to twice that.
        self.tree.nodes.shrink_to_fit();
        self.tree.text.shrink_to_fit();
        // Group unknown members by job (they were pushed in reading order, and a parent's
        // members may come after its sub-jobs), keeping their order within a job.
        let mut extras = std::mem::take(&mut self.tree.extras);
        extras.sort_by_key(|extra| (extra.node, extra.in_entities));
        let mut start = 0;
        while start < extras.len() {
            let node = extras[start].node;
            let mut end = start;
            while end < extras.len() && extras[end].node == node {
                end += 1;
            }
            let target = &mut self.tree.nodes[node as usize];
            target.extras_start = start as u32;
            target.extras_len = (end - start) as u32;
            start = end;
        }
        self.tree.extras = extras;
        Some(self.tree)
    }
}

impl JobTree {
    /// A copy of the job at `index` and its sub-jobs as a tree of its own (the job as
    /// root), every field and unknown member kept. The root's subtree is the whole tree.
    pub fn subtree(&self, index: JobIndex) -> JobTree {
        let end = self.job(index).subtree_end();
        let mut builder = JobTreeBuilder::with_capacity(end - index, 0, usize::MAX);
        let mut open: Vec<JobIndex> = Vec::new();
        for position in index..end {
            let job = self.job(position);
            // Close the jobs whose subtrees ended before this one.
            while open.last().is_some_and(|&parent| self.job(parent).subtree_end() <= position) {
                open.pop();
                builder.end_job();
            }
            builder.begin_job(&JobRecord::from_job(job));
            open.push(position);
        }
        builder.finish().expect("a subtree has its root")
    }
}

#[cfg(test)]
mod tests {
    use crate::parse_job;

    #[test]
    fn a_subtree_is_the_job_and_its_sub_jobs_as_written() {
        let tree = parse_job(
            r#"{"job_id":"r","x":1,"entities":{"sub_jobs":[
                {"job_id":"a","status":"FAIL","odd":[1,{"k":null}],"entities":{"server_group_id":"g","sub_jobs":[
                    {"job_id":"a1","begin_time":"2019-06-13T09:40:00.000Z"},{"job_id":"a2","entities":{"sub_jobs":[{"job_id":"a21"}]}}]}},
                {"job_id":"b","entities":null}]}}"#,
        )
        .unwrap();
        let a = tree.find("a").unwrap();
        let copy = tree.subtree(a.index());
        assert_eq!(copy.len(), 4);
        assert_eq!(copy.to_json(), a.to_json());
        assert_eq!(copy.root().depth(), 0);
        assert_eq!(copy.job(3).parent().and_then(|parent| parent.job_id()), Some("a2"));
        assert_eq!(copy.job(1).begin_ms(), a.tree().job(a.index() + 1).begin_ms());
        assert_eq!(tree.subtree(0).to_json(), tree.to_json());
        let b = tree.find("b").unwrap();
        assert_eq!(tree.subtree(b.index()).to_json(), b.to_json());
    }
}
