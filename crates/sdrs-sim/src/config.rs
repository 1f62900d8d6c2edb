//! What a simulator instance accepts and does: credentials, speed, default faults, CORS.

use crate::faults::FaultRates;

/// The demo token printed at start-up when `--token` is not given.
pub const DEFAULT_TOKEN: &str = "sim-demo-token";
/// The project the demo credentials are scoped to.
pub const DEFAULT_PROJECT_ID: &str = "0605767c3a00d4a52f4cc00a4d2b5e7a";
/// The demo access key.
pub const DEFAULT_AK: &str = "SIMDEMOACCESSKEY0001";
/// The demo secret key. Never send an SK to a browser; this one is only for local tests.
pub const DEFAULT_SK: &str = "sim-demo-secret-key-do-not-use-in-production";
/// Most jobs the simulator keeps (seeded and created).
pub const DEFAULT_MAX_JOBS: usize = 10_000;
/// Most sub-jobs of all kept jobs together: what bounds the memory plans take (each node
/// is about 120 bytes, so about 120 MB), whatever their number.
pub const DEFAULT_MAX_JOB_NODES: usize = 1_000_000;
/// How long a connection may take to send its request headers before it is closed.
pub const DEFAULT_HEADER_TIMEOUT_MS: u64 = 10_000;
/// Slowest and fastest speed factors: below 1/100 of real time, a scenario's times
/// leave the calendar; above 1000, its steps are shorter than a millisecond.
pub const MIN_SPEED: f64 = 0.01;
/// See [`MIN_SPEED`].
pub const MAX_SPEED: f64 = 1_000.0;

/// Whether a speed factor is one the simulator runs at; the message says which are.
pub fn check_speed(speed: f64) -> Result<f64, String> {
    if speed.is_finite() && (MIN_SPEED..=MAX_SPEED).contains(&speed) {
        Ok(speed)
    } else {
        Err(format!("speed must be between {MIN_SPEED} and {MAX_SPEED}, not {speed}"))
    }
}

/// How stale an `X-Sdk-Date` may be, like the real gateway.
pub const MAX_SIGNATURE_AGE_MS: i64 = 15 * 60 * 1_000;

/// Settings of one simulator.
#[derive(Debug, Clone)]
pub struct Config {
    /// The accepted `X-Auth-Token`.
    pub token: String,
    /// The project the token and the AK/SK are scoped to.
    pub project_id: String,
    /// The accepted access key.
    pub access_key: String,
    /// Its secret key.
    pub secret_key: String,
    /// Accept requests that carry no credentials at all (local console use). Wrong
    /// credentials are still refused.
    pub allow_anonymous: bool,
    /// Default speed factor of scenario jobs (2 = twice as fast as real time).
    pub speed: f64,
    /// Faults applied to every job request.
    pub faults: FaultRates,
    /// Origins allowed by CORS.
    pub cors_origins: Vec<String>,
    /// Most jobs kept.
    pub max_jobs: usize,
    /// Most sub-jobs of all kept jobs together ([`DEFAULT_MAX_JOB_NODES`]).
    pub max_job_nodes: usize,
    /// Close connections that have not sent their headers within this many ms.
    pub header_timeout_ms: u64,
    /// Serve these files (the built console page) for paths the API does not have, so the
    /// page and the API share one origin.
    pub static_dir: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token: DEFAULT_TOKEN.to_owned(),
            project_id: DEFAULT_PROJECT_ID.to_owned(),
            access_key: DEFAULT_AK.to_owned(),
            secret_key: DEFAULT_SK.to_owned(),
            allow_anonymous: false,
            speed: 1.0,
            faults: FaultRates::default(),
            cors_origins: vec![
                "http://127.0.0.1:8080".to_owned(),
                "http://localhost:8080".to_owned(),
            ],
            max_jobs: DEFAULT_MAX_JOBS,
            max_job_nodes: DEFAULT_MAX_JOB_NODES,
            header_timeout_ms: DEFAULT_HEADER_TIMEOUT_MS,
            static_dir: None,
        }
    }
}
