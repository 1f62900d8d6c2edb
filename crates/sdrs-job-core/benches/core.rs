//! Criterion benchmarks of the core on synthetic SDRS jobs: parse (from bytes, as the
//! browser receives them), summarize, layout (first and per-frame), and write, for a
//! 10,101-job and a 100,101-job failover and a 5,000-deep chain. `cargo xtask bench`.

use std::collections::HashSet;
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::rc::Rc;

use sdrs_job_core::{parse_job, summarize, synthetic, Analysis, StatusSet};

const BEGIN_MS: i64 = 1_560_418_800_000;

fn cases() -> Vec<(&'static str, String)> {
    vec![
        ("failover_10k", synthetic::failover(100, 100, BEGIN_MS).to_json()),
        ("failover_100k", synthetic::failover(1_000, 100, BEGIN_MS).to_json()),
        ("chain_5000", synthetic::chain(5_000, BEGIN_MS).to_json()),
    ]
}

fn benchmarks(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("core");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    let now = BEGIN_MS + 3_600_000;
    let nothing_collapsed = HashSet::new();
    for (name, json) in cases() {
        let tree = parse_job(json.as_bytes()).expect("synthetic jobs parse");
        eprintln!("{name}: {} jobs, {} bytes", tree.len(), json.len());
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse", name), &json, |bencher, json| {
            bencher.iter(|| parse_job(black_box(json.as_bytes())).unwrap())
        });
        group.throughput(Throughput::Elements(tree.len() as u64));
        group.bench_with_input(BenchmarkId::new("summarize", name), &tree, |bencher, tree| {
            bencher.iter(|| summarize(black_box(tree), now))
        });
        let shared = Rc::new(tree.clone());
        group.bench_with_input(BenchmarkId::new("layout_first", name), &tree, |bencher, _| {
            bencher.iter(|| {
                Analysis::new(Rc::clone(black_box(&shared)))
                    .layout(now, &nothing_collapsed, StatusSet::EMPTY)
                    .slots
                    .len()
            })
        });
        let index = Analysis::new(shared.clone());
        group.bench_with_input(BenchmarkId::new("layout_frame", name), &index, |bencher, index| {
            bencher.iter(|| {
                index.layout(black_box(now), &nothing_collapsed, StatusSet::EMPTY).slots.len()
            })
        });
        group.bench_with_input(
            BenchmarkId::new("parse_summarize_layout", name),
            &json,
            |bencher, json| {
                bencher.iter(|| {
                    let tree = Rc::new(parse_job(black_box(json.as_bytes())).unwrap());
                    let analysis = Analysis::new(tree);
                    let summary = analysis.summary(now);
                    let rows =
                        analysis.layout(now, &nothing_collapsed, StatusSet::EMPTY).slots.len();
                    (summary.total, rows)
                })
            },
        );
        group.bench_with_input(BenchmarkId::new("to_json", name), &tree, |bencher, tree| {
            bencher.iter(|| black_box(tree).to_json().len())
        });
    }
    group.finish();
}

criterion_group!(core, benchmarks);
criterion_main!(core);
