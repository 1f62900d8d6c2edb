//! A job as OTLP/JSON spans (OpenTelemetry's `ExportTraceServiceRequest` in its JSON
//! encoding), for tracing back ends: one span per job that has started, its parent's span
//! as parent, ids, status, error code and reason as attributes.
//!
//! Invariants (tests below): trace and span ids are derived from the job ids (the same job
//! gives the same ids in every export, so two exports of one job line up in a back end),
//! are non-zero lowercase hex of 32 and 16 digits, and span ids are unique within a trace;
//! every `parentSpanId` is the id of a span in the same export (a job whose parent has not
//! started hangs under its nearest started ancestor); a FAIL job's span has status ERROR
//! with its reason, a SUCCESS job's OK; times are nanoseconds since the epoch, as strings.

use crate::{job_type_label, EntityField, JobRef, Locale, StatusKind};

/// `{"resourceSpans": [...]}`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OtlpTrace {
    /// One resource (the SDRS service) with one scope holding the spans.
    pub resource_spans: Vec<OtlpResourceSpans>,
}

/// The spans of one resource.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OtlpResourceSpans {
    /// `service.name` = `sdrs`.
    pub resource: OtlpResource,
    /// One scope: this package.
    pub scope_spans: Vec<OtlpScopeSpans>,
}

/// A resource's attributes.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OtlpResource {
    /// Its attributes.
    pub attributes: Vec<OtlpAttribute>,
}

/// The spans of one instrumentation scope.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OtlpScopeSpans {
    /// `{"name": "sdrs-job-timeline"}`.
    pub scope: OtlpScope,
    /// One span per started job, in the job tree's order.
    pub spans: Vec<OtlpSpan>,
}

/// An instrumentation scope.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OtlpScope {
    /// `sdrs-job-timeline`.
    pub name: String,
}

/// One span.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OtlpSpan {
    /// 32 hex digits, from the top job's id.
    pub trace_id: String,
    /// 16 hex digits, from the job's id (or its place, without one).
    pub span_id: String,
    /// The parent's span id (absent for the top job).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub parent_span_id: Option<String>,
    /// The job's label.
    pub name: String,
    /// 1: `SPAN_KIND_INTERNAL`.
    pub kind: u8,
    /// Start, nanoseconds since the epoch.
    pub start_time_unix_nano: String,
    /// End (now, for a running job), nanoseconds since the epoch.
    pub end_time_unix_nano: String,
    /// `sdrs.job_id`, `sdrs.job_type`, `sdrs.status`, `sdrs.error_code`,
    /// `sdrs.fail_reason`, the entity ids (`sdrs.server_group_id`, ...), `sdrs.running`.
    pub attributes: Vec<OtlpAttribute>,
    /// ERROR (2) for FAIL, OK (1) for SUCCESS, unset (0) otherwise.
    pub status: OtlpStatus,
}

/// A key and a string value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OtlpAttribute {
    /// The key.
    pub key: String,
    /// `{"stringValue": ...}`.
    pub value: OtlpValue,
}

/// A string value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OtlpValue {
    /// The string.
    pub string_value: String,
}

/// A span's status.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OtlpStatus {
    /// 0 unset, 1 OK, 2 ERROR.
    pub code: u8,
    /// For ERROR: the error code and the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub message: Option<String>,
}

fn attribute(key: &str, value: &str) -> OtlpAttribute {
    OtlpAttribute { key: key.to_owned(), value: OtlpValue { string_value: value.to_owned() } }
}

/// FNV-1a, 64 bits, from `seed`: ids that are the same for the same job in every export.
fn fnv(seed: u64, parts: &[&[u8]]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325 ^ seed;
    for part in parts {
        for &byte in *part {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // Zero is not a valid id.
    hash.max(1)
}

/// The spans of `top` and its sub-jobs; a running job (no `end_time`) ends at `now_ms`.
pub fn otlp_spans(top: JobRef<'_>, now_ms: i64, locale: Locale) -> OtlpTrace {
    let tree = top.tree();
    let first = top.index();
    let root_key = top.job_id().unwrap_or("");
    let trace_id =
        format!("{:016x}{:016x}", fnv(1, &[root_key.as_bytes()]), fnv(2, &[root_key.as_bytes()]));
    let mut span_of: Vec<Option<String>> = vec![None; top.subtree_end() - first];
    let mut used = std::collections::HashSet::new();
    let mut spans = Vec::new();
    for index in first..top.subtree_end() {
        let job = tree.job(index);
        let Some(begin) = job.begin_ms() else { continue };
        let end = job.end_ms().unwrap_or(now_ms).max(begin);
        // The id's own hash, or (without an id, or for a repeated one) its place too.
        let id = job.job_id().unwrap_or("");
        let mut span = fnv(3, &[root_key.as_bytes(), id.as_bytes()]);
        if id.is_empty() || !used.insert(span) {
            let place = (index - first).to_le_bytes();
            span = fnv(4, &[root_key.as_bytes(), id.as_bytes(), &place]);
            while !used.insert(span) {
                span = fnv(5, &[&span.to_le_bytes()]);
            }
        }
        let span_id = format!("{span:016x}");
        span_of[index - first] = Some(span_id.clone());
        let mut ancestor = job.parent().filter(|_| index != first);
        let parent_span_id = loop {
            match ancestor {
                Some(parent) if parent.index() >= first => {
                    if let Some(span) = &span_of[parent.index() - first] {
                        break Some(span.clone());
                    }
                    ancestor = parent.parent().filter(|_| parent.index() != first);
                }
                _ => break None,
            }
        };
        let mut attributes = Vec::new();
        let mut put = |key: &str, value: Option<&str>| {
            if let Some(value) = value {
                attributes.push(attribute(key, value));
            }
        };
        put("sdrs.job_id", job.job_id());
        put("sdrs.job_type", job.job_type());
        put("sdrs.status", job.status_text());
        put("sdrs.error_code", job.error_code());
        put("sdrs.fail_reason", job.fail_reason());
        for field in EntityField::ALL {
            put(&format!("sdrs.{}", field.wire_name()), job.entity(field).value());
        }
        if job.end_ms().is_none() {
            attributes.push(attribute("sdrs.running", "true"));
        }
        let status = match job.status() {
            StatusKind::Fail => OtlpStatus {
                code: 2,
                message: Some(
                    [job.error_code(), job.fail_reason()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(": "),
                )
                .filter(|message| !message.is_empty()),
            },
            StatusKind::Success => OtlpStatus { code: 1, message: None },
            _ => OtlpStatus { code: 0, message: None },
        };
        let nanos = |ms: i64| (i128::from(ms) * 1_000_000).max(0).to_string();
        spans.push(OtlpSpan {
            trace_id: trace_id.clone(),
            span_id,
            parent_span_id,
            name: job_type_label(job.job_type(), locale),
            kind: 1,
            start_time_unix_nano: nanos(begin),
            end_time_unix_nano: nanos(end),
            attributes,
            status,
        });
    }
    OtlpTrace {
        resource_spans: vec![OtlpResourceSpans {
            resource: OtlpResource { attributes: vec![attribute("service.name", "sdrs")] },
            scope_spans: vec![OtlpScopeSpans {
                scope: OtlpScope { name: "sdrs-job-timeline".to_owned() },
                spans,
            }],
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_job;

    fn spans(trace: &OtlpTrace) -> &[OtlpSpan] {
        &trace.resource_spans[0].scope_spans[0].spans
    }

    #[test]
    fn one_span_per_started_job_with_its_parent_status_and_stable_ids() {
        let tree = parse_job(
            r#"{"job_id":"r","status":"FAIL","job_type":"failoverProtectionGroup","error_code":"SDRS.1308","begin_time":"2026-12-03T08:00:00.000Z","end_time":"2026-12-03T08:01:00.000Z",
               "entities":{"server_group_id":"g1","sub_jobs":[
                 {"job_id":"a","status":"SUCCESS","begin_time":"2026-12-03T08:00:01.000Z","end_time":"2026-12-03T08:00:05.000Z"},
                 {"job_id":"p","status":"INIT","entities":{"sub_jobs":[{"job_id":"p1","status":"RUNNING","begin_time":"2026-12-03T08:00:02.000Z"}]}},
                 {"job_id":"a","status":"FAIL","error_code":"SDRS.1308","fail_reason":"sold out","begin_time":"2026-12-03T08:00:02.000Z","end_time":"2026-12-03T08:00:06.000Z"},
                 {"status":"SUCCESS","begin_time":"2026-12-03T08:00:03.000Z","end_time":"2026-12-03T08:00:04.000Z"}]}}"#,
        )
        .unwrap();
        let now = crate::parse_timestamp("2026-12-03T08:00:10.000Z").unwrap();
        let trace = otlp_spans(tree.root(), now, Locale::En);
        let spans = spans(&trace);
        assert_eq!(spans.len(), 5, "every job but the unstarted p");
        let ids: std::collections::HashSet<_> = spans.iter().map(|span| &span.span_id).collect();
        assert_eq!(ids.len(), spans.len(), "unique span ids, also for a repeated job id");
        for span in spans {
            assert_eq!(span.trace_id.len(), 32);
            assert_eq!(span.span_id.len(), 16);
            assert!(span
                .trace_id
                .bytes()
                .chain(span.span_id.bytes())
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
            if let Some(parent) = &span.parent_span_id {
                assert!(ids.contains(parent), "a parent in the export");
            }
        }
        let root = &spans[0];
        assert_eq!(root.parent_span_id, None);
        assert_eq!(root.status, OtlpStatus { code: 2, message: Some("SDRS.1308".into()) });
        assert_eq!(root.start_time_unix_nano, "1796284800000000000");
        // p has not started: p1 hangs under the root.
        let p1 = spans
            .iter()
            .find(|span| span.attributes.contains(&attribute("sdrs.job_id", "p1")))
            .unwrap();
        assert_eq!(p1.parent_span_id.as_ref(), Some(&root.span_id));
        assert!(p1.attributes.contains(&attribute("sdrs.running", "true")));
        assert_eq!(p1.end_time_unix_nano, (i128::from(now) * 1_000_000).to_string());
        assert_eq!(
            spans[3].status,
            OtlpStatus { code: 2, message: Some("SDRS.1308: sold out".into()) }
        );
        assert_eq!(spans[1].status.code, 1);
        // The same job exports with the same ids.
        assert_eq!(
            otlp_spans(tree.root(), now + 5, Locale::Zh).resource_spans[0].scope_spans[0].spans[1]
                .span_id,
            spans[1].span_id
        );
    }
}
