//! The filters and paging of `GET /v1/{project_id}/task-center/failure-jobs`, checked as
//! the service checks them (`limit` 0 to 1000, `offset` not negative) and written as the
//! query string, every value percent-encoded.

use serde::{Deserialize, Serialize};

use super::ResourceKind;

/// The largest page the service gives (and its default).
pub const MAX_LIMIT: u32 = 1_000;

/// What failed, as the Task Center files it (`failure_status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FailureStatus {
    /// Creating.
    CreateFail,
    /// Deleting.
    DeleteFail,
    /// Attaching (a volume or NIC).
    AttachFail,
    /// Detaching.
    DetachFail,
    /// Expanding (a volume).
    ExpandFail,
    /// Changing specifications.
    ResizeFail,
    /// Starting protection.
    StartFail,
    /// Stopping protection.
    StopFail,
    /// A planned failover (switchover).
    ReverseFail,
    /// A failover.
    FailoverFail,
    /// Re-enabling protection.
    ReprotectFail,
}

impl FailureStatus {
    /// Every status, in the documentation's order.
    pub const ALL: [FailureStatus; 11] = [
        FailureStatus::CreateFail,
        FailureStatus::DeleteFail,
        FailureStatus::AttachFail,
        FailureStatus::DetachFail,
        FailureStatus::ExpandFail,
        FailureStatus::ResizeFail,
        FailureStatus::StartFail,
        FailureStatus::StopFail,
        FailureStatus::ReverseFail,
        FailureStatus::FailoverFail,
        FailureStatus::ReprotectFail,
    ];

    /// As the wire writes it: `createFail`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            FailureStatus::CreateFail => "createFail",
            FailureStatus::DeleteFail => "deleteFail",
            FailureStatus::AttachFail => "attachFail",
            FailureStatus::DetachFail => "detachFail",
            FailureStatus::ExpandFail => "expandFail",
            FailureStatus::ResizeFail => "resizeFail",
            FailureStatus::StartFail => "startFail",
            FailureStatus::StopFail => "stopFail",
            FailureStatus::ReverseFail => "reverseFail",
            FailureStatus::FailoverFail => "failoverFail",
            FailureStatus::ReprotectFail => "reprotectFail",
        }
    }

    /// The status of a wire name (exactly as the documentation writes it).
    pub fn from_wire(text: &str) -> Option<FailureStatus> {
        FailureStatus::ALL.into_iter().find(|status| status.as_str() == text)
    }
}

/// The filters and paging of one Task Center request; every field optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FailureJobsQuery {
    /// Only entries that failed this way.
    #[serde(default)]
    pub failure_status: Option<FailureStatus>,
    /// Only entries of this resource name.
    #[serde(default)]
    pub resource_name: Option<String>,
    /// The failures inside this protection group; without it, the group-level failures.
    #[serde(default)]
    pub server_group_id: Option<String>,
    /// Only entries of this kind of resource.
    #[serde(default)]
    pub resource_type: Option<ResourceKindFilter>,
    /// Entries per page, 0 to 1000 (the service's default: 1000).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Entries to skip.
    #[serde(default)]
    pub offset: Option<u64>,
}

/// A resource kind as a filter takes it (the filter table's spelling).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ResourceKindFilter {
    /// `server_groups`
    ServerGroups,
    /// `protected_instances`
    ProtectedInstances,
    /// `replications`
    Replications,
    /// `disaster_recovery_drills`
    DisasterRecoveryDrills,
}

impl ResourceKindFilter {
    /// The kind it selects.
    pub fn kind(self) -> ResourceKind {
        match self {
            ResourceKindFilter::ServerGroups => ResourceKind::ServerGroup,
            ResourceKindFilter::ProtectedInstances => ResourceKind::ProtectedInstance,
            ResourceKindFilter::Replications => ResourceKind::Replication,
            ResourceKindFilter::DisasterRecoveryDrills => ResourceKind::DisasterRecoveryDrill,
        }
    }
}

/// Why a query cannot be sent: the field and what it takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryError {
    /// The query field at fault (`limit`, ...).
    pub field: &'static str,
    /// What it takes.
    pub message: String,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}: {}", self.field, self.message)
    }
}

impl FailureJobsQuery {
    /// Checks the query as the service would: `limit` at most 1000; names and ids without
    /// control characters and at most 255 characters.
    pub fn check(&self) -> Result<(), QueryError> {
        if let Some(limit) = self.limit.filter(|&limit| limit > MAX_LIMIT) {
            return Err(QueryError {
                field: "limit",
                message: format!("0 to {MAX_LIMIT}, not {limit}"),
            });
        }
        for (field, value) in
            [("resource_name", &self.resource_name), ("server_group_id", &self.server_group_id)]
        {
            if let Some(value) = value {
                if value.chars().count() > 255 || value.chars().any(char::is_control) {
                    return Err(QueryError {
                        field,
                        message: "at most 255 characters, none of them control characters"
                            .to_owned(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The query string (without `?`; empty without filters), in the order the SDKs send
    /// it (sorted by name), every value percent-encoded.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(status) = self.failure_status {
            pairs.push(("failure_status", status.as_str().to_owned()));
        }
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(offset) = self.offset {
            pairs.push(("offset", offset.to_string()));
        }
        if let Some(name) = &self.resource_name {
            pairs.push(("resource_name", name.clone()));
        }
        if let Some(kind) = self.resource_type.and_then(|filter| filter.kind().filter_value()) {
            pairs.push(("resource_type", kind.to_owned()));
        }
        if let Some(group) = &self.server_group_id {
            pairs.push(("server_group_id", group.clone()));
        }
        let mut out = String::new();
        for (name, value) in pairs {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(name);
            out.push('=');
            crate::percent::encode(&value, &mut out);
        }
        out
    }
}
