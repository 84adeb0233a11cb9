//! Throughput at scale (issue 7), criterion; results in docs/performance.md.
//! - 1M records of the 20-indicator scheme: the fast table path and the general path, one
//!   thread and all cores;
//! - a population of 100k employees: roll-up of three months into a quarter, and a forced
//!   distribution of the quarter's results.
//!
//! `cargo bench -p appraisal-benches --bench scale` (about 15 minutes on 2 cores;
//! `-- population` runs only the population group).
#![allow(missing_docs)]

use appraisal::fast::Table;
use appraisal::population::{distribute, DistributionConfig};
use appraisal::SubResult;
use appraisal_benches::{bench20_records, bench20_scheme};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

fn million(c: &mut Criterion) {
    let Some(scheme) = bench20_scheme() else { return };
    let records = bench20_records(1_000_000, 5);
    let (table, bad) = Table::from_records(&scheme, &records);
    assert!(bad.is_empty());
    let mut g = c.benchmark_group("bench20_1m");
    g.throughput(Throughput::Elements(records.len() as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("table_1_thread", |b| b.iter(|| black_box(scheme.score_table(&table).map(|s| s.len()))));
    g.bench_function("table_all_cores", |b| b.iter(|| black_box(scheme.score_table_parallel(&table).map(|s| s.len()))));
    g.measurement_time(Duration::from_secs(120));
    g.bench_function("general_1_thread", |b| b.iter(|| black_box(scheme.score_batch(&records).len())));
    g.bench_function("general_all_cores", |b| b.iter(|| black_box(scheme.score_batch_parallel(&records).len())));
    g.finish();
}

fn population(c: &mut Criterion) {
    let Some(scheme) = bench20_scheme() else { return };
    let n = 100_000;
    // Three months of every employee (different seeds: different months).
    let months: Vec<Vec<appraisal::Scorecard>> = [5u64, 6, 7]
        .iter()
        .map(|seed| scheme.score_batch(&bench20_records(n, *seed)).into_iter().filter_map(Result::ok).collect())
        .collect();
    let subs: Vec<[SubResult; 3]> = (0..n)
        .map(|i| [SubResult::from(&months[0][i]), SubResult::from(&months[1][i]), SubResult::from(&months[2][i])])
        .collect();
    let mut g = c.benchmark_group("population_100k");
    g.throughput(Throughput::Elements(n as u64));
    g.sample_size(10);
    g.bench_function("rollup_3_months", |b| {
        b.iter(|| {
            subs.iter()
                .enumerate()
                .filter(|(i, s)| scheme.rollup(&format!("A{i:07}"), "2026-Q4", s.as_slice(), None, 3).is_ok())
                .count()
        })
    });
    let Ok(cfg) = DistributionConfig::from_value(&serde_json::json!({
        "grades": ["S", "A", "B", "C", "D"], "rounding": "lenient",
        "quotas": [{"grades": ["S"], "max_pct": "5"}, {"grades": ["S", "A"], "max_pct": "20"}, {"grades": ["D"], "min_pct": "5"}]
    })) else {
        return;
    };
    let cards = &months[0];
    g.bench_function("distribution", |b| b.iter(|| black_box(distribute(&cfg, cards).map(|d| d.people.len()))));
    g.finish();
}

criterion_group!(benches, population, million);
criterion_main!(benches);
