//! The wire vocabulary of a job: its fields, their values as read, and status categories.

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
        // A `match` (by length, then bytes) rather than a search of `ALL`: one of these per
        // member of every job read.
        Some(match name {
            "job_id" => JobField::JobId,
            "job_type" => JobField::JobType,
            "status" => JobField::Status,
            "begin_time" => JobField::BeginTime,
            "end_time" => JobField::EndTime,
            "error_code" => JobField::ErrorCode,
            "fail_reason" => JobField::FailReason,
            _ => return None,
        })
    }
}

/// The resource ids in `entities` (the six of the official SDKs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// Every category, in the order legends and counts show them.
    pub const ALL: [StatusKind; 5] = [
        StatusKind::Success,
        StatusKind::Running,
        StatusKind::Fail,
        StatusKind::Init,
        StatusKind::Unknown,
    ];

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

/// A set of status categories (a status filter), as one byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct StatusSet(u8);

impl StatusSet {
    /// No status.
    pub const EMPTY: StatusSet = StatusSet(0);

    fn bit(status: StatusKind) -> u8 {
        1 << status as u8
    }

    /// Whether `status` is in the set.
    pub fn contains(self, status: StatusKind) -> bool {
        self.0 & StatusSet::bit(status) != 0
    }

    /// Adds `status` if it is not there, else removes it.
    pub fn toggle(&mut self, status: StatusKind) {
        self.0 ^= StatusSet::bit(status);
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<StatusKind> for StatusSet {
    fn from_iter<I: IntoIterator<Item = StatusKind>>(statuses: I) -> StatusSet {
        let mut set = StatusSet::EMPTY;
        for status in statuses {
            set.0 |= StatusSet::bit(status);
        }
        set
    }
}

impl Presence {
    pub(crate) fn max_with(self, other: Presence) -> Presence {
        match (self, other) {
            (Presence::Present, _) | (_, Presence::Present) => Presence::Present,
            (Presence::Null, _) | (_, Presence::Null) => Presence::Null,
            _ => Presence::Absent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_read_back() {
        for field in JobField::ALL {
            assert_eq!(JobField::from_wire_name(field.wire_name()), Some(field));
        }
        for field in EntityField::ALL {
            assert_eq!(EntityField::from_wire_name(field.wire_name()), Some(field));
        }
        for other in ["", "Job_id", "job_id ", "entities", "sub_jobs", "jobs_id"] {
            assert_eq!(JobField::from_wire_name(other), None, "{other:?}");
            assert_eq!(EntityField::from_wire_name(other), None, "{other:?}");
        }
    }
}
