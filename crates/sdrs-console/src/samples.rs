//! Jobs bundled with the page, so it is useful with no backend at all: the two examples of
//! the API page and richer ones from the core's fixtures, plus a generated 10,101-job
//! failover (made in wasm on demand, so it costs no download).

use sdrs_job_core::{parse_job, synthetic, JobTree};

/// A bundled job.
pub struct Sample {
    /// Its name in `?sample=`.
    pub name: &'static str,
    /// What it shows.
    pub title: &'static str,
    source: SampleSource,
}

enum SampleSource {
    Json(&'static str),
    LargeFailover,
}

macro_rules! fixture {
    ($file:literal) => {
        include_str!(concat!("../../sdrs-job-core/tests/fixtures/jobs/", $file))
    };
}

/// Every sample, in menu order.
pub const SAMPLES: &[Sample] = &[
    Sample {
        name: "failover-failed",
        title: "Failover of a protection group; one replication pair failed (3 levels)",
        source: SampleSource::Json(fixture!("failover-three-levels.json")),
    },
    Sample {
        name: "drill-failed",
        title: "DR drill; one drill server failed to roll back",
        source: SampleSource::Json(fixture!("drill-sub-job-failed.json")),
    },
    Sample {
        name: "running",
        title: "Start protection, still running, one sub-job not started",
        source: SampleSource::Json(fixture!("running-with-init-children.json")),
    },
    Sample {
        name: "api-create-protection-group",
        title: "API page example: create a protection group",
        source: SampleSource::Json(fixture!("api-example-create-protection-group.json")),
    },
    Sample {
        name: "api-stop-protection-group",
        title: "API page example: stop a protection group (2 sub-jobs)",
        source: SampleSource::Json(fixture!("api-example-stop-protection-group.json")),
    },
    Sample {
        name: "data-warnings",
        title: "Inconsistent data: every warning the core knows",
        source: SampleSource::Json(fixture!("every-warning.json")),
    },
    Sample {
        name: "html-in-reason",
        title: "A fail_reason full of HTML (shown as text)",
        source: SampleSource::Json(fixture!("escapes-and-html.json")),
    },
    Sample {
        name: "undocumented",
        title: "Undocumented types and statuses, unknown fields",
        source: SampleSource::Json(fixture!("unknown-values-kept.json")),
    },
    Sample {
        name: "large-10k",
        title: "A failover of 100 instances × 100 steps: 10,101 jobs",
        source: SampleSource::LargeFailover,
    },
];

impl Sample {
    /// The sample of a name.
    pub fn find(name: &str) -> Option<&'static Sample> {
        SAMPLES.iter().find(|sample| sample.name == name)
    }

    /// Its job.
    pub fn tree(&self) -> JobTree {
        match self.source {
            SampleSource::Json(text) => {
                parse_job(text).expect("bundled samples parse (tested by the core's fixtures)")
            }
            SampleSource::LargeFailover => synthetic::failover(100, 100, 1_560_418_800_000),
        }
    }
}
