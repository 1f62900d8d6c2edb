//! Criterion benchmarks of the core on synthetic SDRS jobs: parse (from bytes, as the
//! browser receives them), summarize, layout (first and per-frame), and write, for a
//! 10,101-job and a 100,101-job failover and a 5,000-deep chain. `cargo xtask bench`.

use std::collections::HashSet;
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use sdrs_job_core::{parse_job, summarize, synthetic, LayoutIndex, Locale};

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
        group.bench_with_input(BenchmarkId::new("layout_first", name), &tree, |bencher, tree| {
            bencher.iter(|| {
                LayoutIndex::new(black_box(tree))
                    .layout(tree, now, &nothing_collapsed, Locale::En)
                    .rows
                    .len()
            })
        });
        let index = LayoutIndex::new(&tree);
        group.bench_with_input(BenchmarkId::new("layout_frame", name), &index, |bencher, index| {
            bencher.iter(|| {
                index.layout(&tree, black_box(now), &nothing_collapsed, Locale::En).rows.len()
            })
        });
        group.bench_with_input(
            BenchmarkId::new("parse_summarize_layout", name),
            &json,
            |bencher, json| {
                bencher.iter(|| {
                    let tree = parse_job(black_box(json.as_bytes())).unwrap();
                    let summary = summarize(&tree, now);
                    let rows = LayoutIndex::new(&tree)
                        .layout(&tree, now, &nothing_collapsed, Locale::En)
                        .rows
                        .len();
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
