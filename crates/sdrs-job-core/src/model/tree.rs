//! The job tree: every job of one response in a flat vector, in depth-first pre-order.
//!
//! A parent comes before its children and `subtree_end` marks where its descendants stop,
//! so walking, skipping a collapsed subtree, or folding children into parents are plain
//! loops: nothing in this crate recurses over a tree. Strings live in one buffer and jobs
//! hold spans into it, which keeps a 100,000-job tree compact and its parse cheap.
//!
//! Every wire field is kept as absent, null or a value ([`FieldValue`]), and fields we do
//! not know are kept verbatim, so [`JobTree::to_json`] writes back what was read.

use super::fields::{EntityField, FieldValue, JobField, Presence, StatusKind};

/// Position of a job in its [`JobTree`] (pre-order index; the root is 0).
pub type JobIndex = usize;

/// A string field as stored: absent, `null`, or a span of the tree's text: of its source
/// (the response it was parsed from, when [`SOURCE_SPAN`] is set in `start`) or of its own
/// buffer. Eight bytes, not the twelve of an enum: a 100,000-job tree holds 1.3 million.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Str {
    start: u32,
    len: u32,
}

/// Set in a span's start: the span is of the tree's source, not of its own buffer.
pub(crate) const SOURCE_SPAN: u32 = 1 << 31;

impl Str {
    pub(crate) const ABSENT: Str = Str { start: 0, len: u32::MAX };
    pub(crate) const NULL: Str = Str { start: 0, len: u32::MAX - 1 };

    /// A span; `start` has [`SOURCE_SPAN`] set for one of the source.
    pub(crate) fn span((start, len): (u32, u32)) -> Str {
        debug_assert!(len < u32::MAX - 1);
        Str { start, len }
    }

    /// The span, for a value (none for absent and null).
    pub(crate) fn value_span(self) -> Option<(u32, u32)> {
        (self.len < u32::MAX - 1).then_some((self.start, self.len))
    }
}

pub(crate) const NO_PARENT: u32 = u32::MAX;

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub fields: [Str; 7],
    pub entity_fields: [Str; 6],
    pub entities: Presence,
    pub sub_jobs: Presence,
    pub status: StatusKind,
    pub begin_ms: Option<i64>,
    pub end_ms: Option<i64>,
    /// A timestamp that did not parse (lenient mode only): bit 0 begin, bit 1 end.
    pub bad_timestamps: u8,
    pub parent: u32,
    pub depth: u32,
    /// Position among the parent's sub-jobs (for paths such as `sub_jobs[3]`).
    pub child_position: u32,
    /// One past the last descendant's index.
    pub subtree_end: u32,
    /// Unknown members of the job object, then of its `entities`: `extras[range]`.
    pub extras_start: u32,
    pub extras_len: u32,
}

/// An unknown member kept verbatim: key and raw JSON value, in the text buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Extra {
    pub node: u32,
    pub in_entities: bool,
    pub key: (u32, u32),
    pub raw: (u32, u32),
}

/// A parsed job and all its sub-jobs, flat and in pre-order. Index 0 is the root.
///
/// A parsed tree keeps the response it was read from as its `source`, and its strings are
/// spans of it: nothing is copied but what had escapes to decode (into `text`). Two trees
/// are equal when they hold the same jobs, however their text is laid out.
#[derive(Debug, Clone)]
pub struct JobTree {
    /// The response, for a parsed tree (empty for one built job by job).
    pub(crate) source: String,
    pub(crate) text: String,
    pub(crate) nodes: Vec<Node>,
    pub(crate) extras: Vec<Extra>,
}

impl JobTree {
    /// Number of jobs, the root included (never 0).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: a finished tree has at least its root.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The response this tree was parsed from, byte for byte (a byte-order mark included);
    /// empty for a tree built job by job.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The root job.
    pub fn root(&self) -> JobRef<'_> {
        self.job(0)
    }

    /// The job at `index`. Panics if `index >= len()`, like slice indexing.
    pub fn job(&self, index: JobIndex) -> JobRef<'_> {
        assert!(
            index < self.nodes.len(),
            "job index {index} out of range ({} jobs)",
            self.nodes.len()
        );
        JobRef { tree: self, index }
    }

    /// Every job in depth-first pre-order (children in the order the API gave them).
    pub fn iter(&self) -> impl ExactSizeIterator<Item = JobRef<'_>> + '_ {
        (0..self.nodes.len()).map(move |index| JobRef { tree: self, index })
    }

    /// For each job, whether some job below it FAILed (one pass, children folded into parents).
    pub fn failure_below(&self) -> Vec<bool> {
        let mut failed_below = vec![false; self.len()];
        for index in (1..self.len()).rev() {
            let parent = self.nodes[index].parent as usize;
            failed_below[parent] |=
                failed_below[index] || self.nodes[index].status == StatusKind::Fail;
        }
        failed_below
    }

    /// The first job with this `job_id`, in pre-order.
    pub fn find(&self, job_id: &str) -> Option<JobRef<'_>> {
        self.iter().find(|job| job.job_id() == Some(job_id))
    }

    pub(crate) fn str_at(&self, stored: Str) -> FieldValue<'_> {
        match stored.value_span() {
            Some(span) => FieldValue::Value(self.span_text(span)),
            None if stored == Str::NULL => FieldValue::Null,
            None => FieldValue::Absent,
        }
    }

    pub(crate) fn span_text(&self, span: (u32, u32)) -> &str {
        span_of(&self.source, &self.text, span)
    }

    pub(crate) fn node(&self, index: JobIndex) -> &Node {
        &self.nodes[index]
    }
}

/// A borrowed view of one job of a [`JobTree`].
#[derive(Clone, Copy)]
pub struct JobRef<'a> {
    tree: &'a JobTree,
    index: JobIndex,
}

impl std::fmt::Debug for JobRef<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("JobRef")
            .field("index", &self.index)
            .field("job_id", &self.job_id())
            .field("status", &self.status_text())
            .finish()
    }
}

impl<'a> JobRef<'a> {
    fn node(&self) -> &'a Node {
        &self.tree.nodes[self.index]
    }

    /// The tree this job belongs to.
    pub fn tree(&self) -> &'a JobTree {
        self.tree
    }

    /// Pre-order index in the tree.
    pub fn index(&self) -> JobIndex {
        self.index
    }

    /// A job field as read (absent, null or a string).
    pub fn field(&self, field: JobField) -> FieldValue<'a> {
        self.tree.str_at(self.node().fields[field as usize])
    }

    /// An `entities` id as read.
    pub fn entity(&self, field: EntityField) -> FieldValue<'a> {
        self.tree.str_at(self.node().entity_fields[field as usize])
    }

    /// `job_id`, if it is a string.
    pub fn job_id(&self) -> Option<&'a str> {
        self.field(JobField::JobId).value()
    }

    /// `job_type`, if it is a string.
    pub fn job_type(&self) -> Option<&'a str> {
        self.field(JobField::JobType).value()
    }

    /// The `status` wire value, verbatim.
    pub fn status_text(&self) -> Option<&'a str> {
        self.field(JobField::Status).value()
    }

    /// The status category.
    pub fn status(&self) -> StatusKind {
        self.node().status
    }

    /// `error_code`, if it is a string.
    pub fn error_code(&self) -> Option<&'a str> {
        self.field(JobField::ErrorCode).value()
    }

    /// `fail_reason`, if it is a string.
    pub fn fail_reason(&self) -> Option<&'a str> {
        self.field(JobField::FailReason).value()
    }

    /// `begin_time` in epoch milliseconds (none when absent, null, or unparsable in lenient mode).
    pub fn begin_ms(&self) -> Option<i64> {
        self.node().begin_ms
    }

    /// `end_time` in epoch milliseconds.
    pub fn end_ms(&self) -> Option<i64> {
        self.node().end_ms
    }

    /// Whether `begin_time` (`.0`) or `end_time` (`.1`) was present but unparsable
    /// (only possible with [`crate::TimestampMode::Lenient`]).
    pub fn bad_timestamps(&self) -> (bool, bool) {
        let bits = self.node().bad_timestamps;
        (bits & 1 != 0, bits & 2 != 0)
    }

    /// Whether `entities` was absent, null or an object.
    pub fn entities_presence(&self) -> Presence {
        self.node().entities
    }

    /// Whether `entities.sub_jobs` was absent, null or an array.
    pub fn sub_jobs_presence(&self) -> Presence {
        self.node().sub_jobs
    }

    /// The parent, or none for the root.
    pub fn parent(&self) -> Option<JobRef<'a>> {
        let parent = self.node().parent;
        (parent != NO_PARENT).then_some(JobRef { tree: self.tree, index: parent as usize })
    }

    /// Depth in the tree: the root is 0.
    pub fn depth(&self) -> usize {
        self.node().depth as usize
    }

    /// Position among the parent's `sub_jobs` (0 for the root).
    pub fn child_position(&self) -> usize {
        self.node().child_position as usize
    }

    /// One past the index of the last descendant: descendants are `index()+1 .. subtree_end()`.
    pub fn subtree_end(&self) -> JobIndex {
        self.node().subtree_end as usize
    }

    /// Number of descendants (children, grandchildren, ...).
    pub fn descendant_count(&self) -> usize {
        self.subtree_end() - self.index - 1
    }

    /// Whether this job has sub-jobs.
    pub fn has_children(&self) -> bool {
        self.subtree_end() > self.index + 1
    }

    /// The direct sub-jobs, in wire order.
    pub fn children(&self) -> Children<'a> {
        Children { tree: self.tree, next: self.index + 1, end: self.subtree_end() }
    }

    /// Unknown members of the job object kept verbatim: (key, raw JSON).
    pub fn extra_fields(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.extras(false)
    }

    /// Unknown members of `entities` kept verbatim: (key, raw JSON).
    pub fn extra_entity_fields(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.extras(true)
    }

    fn extras(&self, in_entities: bool) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let node = self.node();
        let tree = self.tree;
        let range = node.extras_start as usize..(node.extras_start + node.extras_len) as usize;
        tree.extras[range]
            .iter()
            .filter(move |extra| extra.in_entities == in_entities)
            .map(move |extra| (tree.span_text(extra.key), tree.span_text(extra.raw)))
    }
}

/// Iterator over the direct sub-jobs of a job.
pub struct Children<'a> {
    tree: &'a JobTree,
    next: JobIndex,
    end: JobIndex,
}

impl<'a> Iterator for Children<'a> {
    type Item = JobRef<'a>;

    fn next(&mut self) -> Option<JobRef<'a>> {
        if self.next >= self.end {
            return None;
        }
        let job = JobRef { tree: self.tree, index: self.next };
        self.next = job.subtree_end();
        Some(job)
    }
}

/// The text of a span: of `source` when it is marked so, else of `text`.
pub(crate) fn span_of<'t>(source: &'t str, text: &'t str, (start, len): (u32, u32)) -> &'t str {
    let (buffer, start) = if start & SOURCE_SPAN != 0 {
        (source, (start & !SOURCE_SPAN) as usize)
    } else {
        (text, start as usize)
    };
    &buffer[start..start + len as usize]
}

impl PartialEq for JobTree {
    fn eq(&self, other: &JobTree) -> bool {
        let same_text = |a: Str, b: Str| self.str_at(a) == other.str_at(b);
        self.len() == other.len()
            && self.nodes.iter().zip(&other.nodes).all(|(a, b)| {
                a.fields.iter().zip(&b.fields).all(|(x, y)| same_text(*x, *y))
                    && a.entity_fields.iter().zip(&b.entity_fields).all(|(x, y)| same_text(*x, *y))
                    && (a.entities, a.sub_jobs, a.status, a.begin_ms, a.end_ms)
                        == (b.entities, b.sub_jobs, b.status, b.begin_ms, b.end_ms)
                    && (a.bad_timestamps, a.parent, a.depth, a.child_position, a.subtree_end)
                        == (b.bad_timestamps, b.parent, b.depth, b.child_position, b.subtree_end)
                    && a.extras_len == b.extras_len
            })
            && self.extras.len() == other.extras.len()
            && self.extras.iter().zip(&other.extras).all(|(a, b)| {
                (a.node, a.in_entities) == (b.node, b.in_entities)
                    && self.span_text(a.key) == other.span_text(b.key)
                    && self.span_text(a.raw) == other.span_text(b.raw)
            })
    }
}
