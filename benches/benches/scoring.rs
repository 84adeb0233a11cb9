//! Scoring throughput and latency (criterion). Results: docs/performance.md.
#![allow(missing_docs)]

use appraisal::builtin_scheme;
use appraisal_benches::csr_records;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn scoring(c: &mut Criterion) {
    let Ok(scheme) = builtin_scheme("csr") else {
        return;
    };
    let one = csr_records(1, 7);
    c.bench_function("score_one_csr", |b| b.iter(|| black_box(scheme.score_value(black_box(&one[0])).is_ok())));
    let batch = csr_records(10_000, 11);
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(batch.len() as u64));
    g.sample_size(10);
    g.bench_function("score_batch_10k_csr", |b| b.iter(|| black_box(scheme.score_batch(black_box(&batch)).len())));
    // End to end, as the CLI and the bindings see it: JSON text in, JSON text out.
    let text = format!("[{}]", batch.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(","));
    g.bench_function("score_json_text_10k_csr", |b| {
        b.iter(|| {
            let v: serde_json::Value = serde_json::from_str(black_box(&text)).unwrap_or_default();
            let serde_json::Value::Array(list) = v else { return 0 };
            black_box(appraisal::entries_to_json(&scheme.score_batch(&list)).len())
        })
    });
    g.finish();
    // The workload of the Python and Node comparisons: 100k records, seed 11 (gen_records).
    let big = csr_records(100_000, 11);
    let mut g = c.benchmark_group("batch_100k");
    g.throughput(Throughput::Elements(big.len() as u64));
    g.sample_size(10);
    g.bench_function("score_batch_100k_csr", |b| b.iter(|| black_box(scheme.score_batch(black_box(&big)).len())));
    g.finish();
}

criterion_group!(benches, scoring);
criterion_main!(benches);
