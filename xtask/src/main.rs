//! `cargo xtask <task>`: every multi-step chore of the project, so that README, CI and
//! developers run the same code (the xtask pattern).
//!
//! - `test`: installs what the suite needs (the wasm32 target, the official Python SDK in
//!   `target/sdk-venv`), then fmt check, clippy `-D warnings`, native tests (the simulator's
//!   run the official SDK against it), and a wasm32 build of the core. `.ci/run` calls it.
//! - `serve`: builds the console page and serves it on http://127.0.0.1:8080 with the SDRS
//!   simulator behind trunk's proxy (same origin), printing ready-made job URLs.
//! - `npm`: the npm package.
//! - `bench [core|npm|browser|board|memory|soak]`: the benchmarks; `synthetic`: a synthetic failover.
//! - `fuzz [--seconds N] [--target NAME]`: cargo-fuzz on the parser (nightly toolchain).
//!
//! One file per task (`test.rs`, `serve.rs`, `npm.rs`, `bench.rs`, `fuzz.rs`), and `env.rs`
//! for what they share: paths, `PATH`, running commands, installing the tools.

mod bench;
mod env;
mod fuzz;
mod npm;
mod serve;
mod test;

use anyhow::{bail, Result};

fn main() {
    if let Err(error) = run() {
        eprintln!("xtask: {error:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let mut arguments = std::env::args().skip(1);
    let task = arguments.next().unwrap_or_default();
    let rest: Vec<String> = arguments.collect();
    match task.as_str() {
        "test" => test::test(),
        "serve" => serve::serve(&rest),
        "bench" => bench::bench(&rest),
        "fuzz" => fuzz::fuzz(&rest),
        "synthetic" => bench::synthetic(&rest),
        "npm" => npm::npm().map(|tarball| eprintln!("{}", tarball.display())),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n\
                 tasks:\n  \
                 test                        the whole suite (installs what it needs)\n  \
                 serve                       the console page with the simulator\n  \
                 bench [core|npm|browser|board|memory|soak] [args]   benchmarks: the core (criterion), the\n  \
                                             npm package in Node, the console page in headless\n  \
                                             Chromium (its board, its wasm memory), or\n  \
                                             a 30-minute soak of the widget (--minutes N)\n  \
                 fuzz [--seconds N] [--target NAME]   fuzz the parser (default 60 s, parse_job)\n  \
                 synthetic INSTANCES STEPS OUT   write a synthetic failover job JSON (100 100: 10,101 jobs)\n  \
                 npm                         build the npm package into target/npm/sdrs-job-timeline-VERSION.tgz"
            );
            if task.is_empty() || task == "help" || task == "--help" {
                Ok(())
            } else {
                bail!("unknown task {task:?}")
            }
        }
    }
}
