//! The job tree: every job of one response in a flat vector, in depth-first pre-order.
//!
//! A parent comes before its children and `subtree_end` marks where its descendants stop,
//! so walking, skipping a collapsed subtree, or folding children into parents are plain
//! loops: nothing in this crate recurses over a tree. Strings live in one buffer and jobs
//! hold spans into it, which keeps a 100,000-job tree compact and its parse cheap.
//!
//! Every wire field is kept as absent, null or a value ([`FieldValue`]), and fields we do
//! not know are kept verbatim, so [`JobTree::to_json`] writes back what was read.

use crate::time::parse_timestamp;

/// Position of a job in its [`JobTree`] (pre-order index; the root is 0).
pub type JobIndex = usize;

/// A string field as stored: absent, `null`, or a span of the tree's text buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Str {
    #[default]
    Absent,
    Null,
    Span(u32, u32),
}

/// A wire field as read: absent from the object, `null`, or a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldValue<'a> {
    /// The key was not in the object.
    #[default]
    Absent,
    /// The key was there with `null`.
    Null,
    /// The key was there with a string.
    Value(&'a str),
}

impl<'a> FieldValue<'a> {
    /// The string, if there is one.
    pub fn value(self) -> Option<&'a str> {
        match self {
            FieldValue::Value(text) => Some(text),
            _ => None,
        }
    }

    /// `Value(text)` for `Some(text)`, `Null` for `None`.
    pub fn from_option(text: Option<&'a str>) -> Self {
        text.map_or(FieldValue::Null, FieldValue::Value)
    }
}

/// Whether an object or array member was absent, `null`, or present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Presence {
    /// The key was not there.
    #[default]
    Absent,
    /// The key was there with `null`.
    Null,
    /// The key was there with an object (for `entities`) or an array (for `sub_jobs`).
    Present,
}

/// The string fields of a job, in the order we write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobField {
    /// `job_id`
    JobId = 0,
    /// `job_type`
    JobType,
    /// `status`
    Status,
    /// `begin_time`
    BeginTime,
    /// `end_time`
    EndTime,
    /// `error_code`
    ErrorCode,
    /// `fail_reason`
    FailReason,
}

impl JobField {
    /// Every job field, in wire order.
    pub const ALL: [JobField; 7] = [
        JobField::JobId,
        JobField::JobType,
        JobField::Status,
        JobField::BeginTime,
        JobField::EndTime,
        JobField::ErrorCode,
        JobField::FailReason,
    ];

    /// The wire name, e.g. `begin_time`.
    pub fn wire_name(self) -> &'static str {
        match self {
            JobField::JobId => "job_id",
            JobField::JobType => "job_type",
            JobField::Status => "status",
            JobField::BeginTime => "begin_time",
            JobField::EndTime => "end_time",
            JobField::ErrorCode => "error_code",
            JobField::FailReason => "fail_reason",
        }
    }

    pub(crate) fn from_wire_name(name: &str) -> Option<JobField> {
        JobField::ALL.into_iter().find(|field| field.wire_name() == name)
    }
}

/// The resource ids in `entities` (the six of the official SDKs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityField {
    /// `server_group_id`: the protection group.
    ServerGroupId = 0,
    /// `protected_instance_id`
    ProtectedInstanceId,
    /// `replication_pair_id`
    ReplicationPairId,
    /// `volume_ids`: one string holding the ids of the disks of a replication pair.
    VolumeIds,
    /// `native_server_id`
    NativeServerId,
    /// `nic_id`
    NicId,
}

impl EntityField {
    /// Every entity id field, in wire order.
    pub const ALL: [EntityField; 6] = [
        EntityField::ServerGroupId,
        EntityField::ProtectedInstanceId,
        EntityField::ReplicationPairId,
        EntityField::VolumeIds,
        EntityField::NativeServerId,
        EntityField::NicId,
    ];

    /// The wire name, e.g. `server_group_id`.
    pub fn wire_name(self) -> &'static str {
        match self {
            EntityField::ServerGroupId => "server_group_id",
            EntityField::ProtectedInstanceId => "protected_instance_id",
            EntityField::ReplicationPairId => "replication_pair_id",
            EntityField::VolumeIds => "volume_ids",
            EntityField::NativeServerId => "native_server_id",
            EntityField::NicId => "nic_id",
        }
    }

    pub(crate) fn from_wire_name(name: &str) -> Option<EntityField> {
        EntityField::ALL.into_iter().find(|field| field.wire_name() == name)
    }
}

/// The status of a job, by category. The wire string is kept verbatim beside it
/// ([`JobRef::status_text`]); anything but the four documented values is `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StatusKind {
    /// `SUCCESS`: finished well.
    Success,
    /// `RUNNING`
    Running,
    /// `FAIL`: finished with an error.
    Fail,
    /// `INIT`: accepted, not started.
    Init,
    /// Any other value, or no status at all.
    Unknown,
}

impl StatusKind {
    /// Classifies a wire value (case-sensitive, as the service sends it).
    pub fn from_wire(status: Option<&str>) -> StatusKind {
        match status {
            Some("SUCCESS") => StatusKind::Success,
            Some("RUNNING") => StatusKind::Running,
            Some("FAIL") => StatusKind::Fail,
            Some("INIT") => StatusKind::Init,
            _ => StatusKind::Unknown,
        }
    }

    /// SUCCESS and FAIL are final; everything else may still change.
    pub fn is_terminal(self) -> bool {
        matches!(self, StatusKind::Success | StatusKind::Fail)
    }

    /// The name used in summaries: `SUCCESS`, `RUNNING`, `FAIL`, `INIT` or `UNKNOWN`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusKind::Success => "SUCCESS",
            StatusKind::Running => "RUNNING",
            StatusKind::Fail => "FAIL",
            StatusKind::Init => "INIT",
            StatusKind::Unknown => "UNKNOWN",
        }
    }
}

pub(crate) const NO_PARENT: u32 = u32::MAX;

#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct JobTree {
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
        match stored {
            Str::Absent => FieldValue::Absent,
            Str::Null => FieldValue::Null,
            Str::Span(start, len) => {
                FieldValue::Value(&self.text[start as usize..(start + len) as usize])
            }
        }
    }

    pub(crate) fn span_text(&self, (start, len): (u32, u32)) -> &str {
        &self.text[start as usize..(start + len) as usize]
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

    /// The JSON path of this job from the root, e.g. `entities.sub_jobs[1]` ("" for the root).
    pub fn path(&self) -> String {
        crate::path::job_path(self.tree, self.index)
    }

    /// The path of one of this job's fields, e.g. `entities.sub_jobs[1].begin_time`.
    pub fn field_path(&self, field: &str) -> String {
        crate::path::join(&self.path(), field)
    }

    /// This job and its subtree as JSON.
    pub fn to_json(&self) -> String {
        crate::write::write_subtree(self.tree, self.index)
    }

    /// This job alone as JSON: its fields and `entities` without `sub_jobs`.
    pub fn to_json_without_sub_jobs(&self) -> String {
        crate::write::write_job_alone(self.tree, self.index)
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
        let tree = JobTree { text: String::new(), nodes: Vec::new(), extras: Vec::new() };
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
            FieldValue::Absent => Str::Absent,
            FieldValue::Null => Str::Null,
            FieldValue::Value(text) => {
                let (start, len) = self.push_text(text);
                Str::Span(start, len)
            }
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
            fields: [Str::Absent; 7],
            entity_fields: [Str::Absent; 6],
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
        let node = &mut self.tree.nodes[index];
        node.fields[JobField::Status as usize] = stored;
        node.status = kind;
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
        let key = self.push_text(key);
        let raw = self.push_text(raw);
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

impl Presence {
    fn max_with(self, other: Presence) -> Presence {
        match (self, other) {
            (Presence::Present, _) | (_, Presence::Present) => Presence::Present,
            (Presence::Null, _) | (_, Presence::Null) => Presence::Null,
            _ => Presence::Absent,
        }
    }
}
