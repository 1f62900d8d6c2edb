//! `sdrs-sim`: runs the simulator on loopback and prints the jobs it seeded, with URLs.

use std::net::SocketAddr;

use anyhow::{Context, Result};
use clap::Parser;
use sdrs_sim::config::{self, Config};
use sdrs_sim::faults::FaultRates;
use sdrs_sim::{app, AppState};

/// A local SDRS simulator: the jobs API with live scenarios, auth and faults.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Arguments {
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8081")]
    listen: SocketAddr,
    /// The accepted X-Auth-Token.
    #[arg(long, default_value = config::DEFAULT_TOKEN)]
    token: String,
    /// The project the token and AK/SK are scoped to.
    #[arg(long, default_value = config::DEFAULT_PROJECT_ID)]
    project_id: String,
    /// The accepted access key.
    #[arg(long, default_value = config::DEFAULT_AK)]
    ak: String,
    /// Its secret key.
    #[arg(long, default_value = config::DEFAULT_SK)]
    sk: String,
    /// Accept requests without any credentials for the printed project (wrong credentials
    /// and other projects are still refused).
    #[arg(long)]
    allow_anonymous: bool,
    /// Speed factor of scenario jobs (10 = ten times faster than real time).
    #[arg(long, default_value_t = 1.0)]
    speed: f64,
    /// Latency added to every job request, in ms.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Share of job requests answered 500/502/503/504 (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Share of job requests answered 429 with Retry-After (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    throttle_rate: f64,
    /// Share of job requests whose connection drops mid-body (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    drop_rate: f64,
    /// Share of job requests answered with malformed JSON (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    malformed_rate: f64,
    /// Send bodies in 256-byte chunks, one every this many ms (0: off).
    #[arg(long, default_value_t = 0)]
    drip_ms: u64,
    /// An origin allowed by CORS (repeatable; default the console at :8080).
    #[arg(long = "cors-origin")]
    cors_origins: Vec<String>,
    /// Most jobs kept.
    #[arg(long, default_value_t = config::DEFAULT_MAX_JOBS)]
    max_jobs: usize,
    /// Most sub-jobs of all kept jobs together (bounds their memory).
    #[arg(long, default_value_t = config::DEFAULT_MAX_JOB_NODES)]
    max_job_nodes: usize,
    /// Close a connection that has not sent its request headers within this many ms.
    #[arg(long, default_value_t = config::DEFAULT_HEADER_TIMEOUT_MS)]
    header_timeout_ms: u64,
    /// Do not create one repeating job per scenario at start-up.
    #[arg(long)]
    no_seed: bool,
    /// Base URL of the console page, to print links that open the seeded jobs in it.
    #[arg(long)]
    console_url: Option<String>,
    /// Serve the built console page from this folder (e.g. target/dist) on the same origin.
    #[arg(long)]
    static_dir: Option<std::path::PathBuf>,
}

fn rate(name: &str, value: f64) -> Result<f64> {
    anyhow::ensure!((0.0..=1.0).contains(&value), "--{name} must be between 0 and 1, not {value}");
    Ok(value)
}

#[tokio::main]
async fn main() -> Result<()> {
    let arguments = Arguments::parse();
    let speed =
        config::check_speed(arguments.speed).map_err(|message| anyhow::anyhow!("--{message}"))?;
    let defaults = Config::default();
    let config = Config {
        token: arguments.token,
        project_id: arguments.project_id,
        access_key: arguments.ak,
        secret_key: arguments.sk,
        allow_anonymous: arguments.allow_anonymous,
        speed,
        faults: FaultRates {
            latency_ms: arguments.latency_ms,
            error_rate: rate("error-rate", arguments.error_rate)?,
            throttle_rate: rate("throttle-rate", arguments.throttle_rate)?,
            drop_rate: rate("drop-rate", arguments.drop_rate)?,
            malformed_rate: rate("malformed-rate", arguments.malformed_rate)?,
            drip_ms: arguments.drip_ms,
        },
        cors_origins: if arguments.cors_origins.is_empty() {
            defaults.cors_origins
        } else {
            arguments.cors_origins
        },
        max_jobs: arguments.max_jobs,
        max_job_nodes: arguments.max_job_nodes,
        header_timeout_ms: arguments.header_timeout_ms.max(1),
        static_dir: arguments.static_dir.clone(),
    };
    if let Some(dir) = &config.static_dir {
        anyhow::ensure!(
            dir.join("index.html").is_file(),
            "--static-dir {}: no index.html there",
            dir.display()
        );
    }
    let state = AppState::new(config.clone());
    let seeded = if arguments.no_seed { Vec::new() } else { state.seed() };
    let listener = tokio::net::TcpListener::bind(arguments.listen)
        .await
        .with_context(|| format!("cannot listen on {}", arguments.listen))?;
    let address = listener.local_addr()?;
    let base = format!("http://{address}");
    println!("sdrs-sim listening on {base}");
    println!("  project id   {}", config.project_id);
    println!("  token        {}   (header X-Auth-Token)", config.token);
    println!("  AK / SK      {} / {}   (SDK-HMAC-SHA256)", config.access_key, config.secret_key);
    if config.allow_anonymous {
        println!("  anonymous requests are accepted for project {}", config.project_id);
    }
    if config.static_dir.is_some() {
        println!("  console page {base}/");
    }
    println!("jobs (scenario jobs repeat; speed {}):", config.speed);
    let documented = sdrs_sim::state::DOCUMENTED_JOBS
        .iter()
        .map(|(id, _)| (id.to_string(), "documented example".to_owned()));
    let scenarios = seeded.iter().map(|(id, scenario)| {
        (id.clone(), format!("{}: {}", scenario.name(), scenario.description()))
    });
    for (id, what) in documented.chain(scenarios) {
        println!("  {what}");
        println!("    {base}/v1/{}/jobs/{id}", config.project_id);
        let console_url = arguments
            .console_url
            .clone()
            .or_else(|| config.static_dir.as_ref().map(|_| base.clone()));
        if let Some(console) = &console_url {
            println!("    {console}/?project={}&job={id}", config.project_id);
        }
    }
    println!("new job: curl -X POST {base}/sim/jobs -H 'Content-Type: application/json' -H 'X-Auth-Token: {}' -d '{{\"scenario\":\"failover\",\"speed\":5}}'", config.token);
    println!("Ctrl-C stops.");
    let header_timeout = std::time::Duration::from_millis(config.header_timeout_ms);
    sdrs_sim::serve(listener, app(state), header_timeout, shutdown_signal()).await;
    Ok(())
}

/// Ctrl-C or SIGTERM (what `kill` and test harnesses send).
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    println!("sdrs-sim: shutting down");
}
