//! The Rust side of the side-by-side comparison (`benches/python/compare_all.py`): scores the
//! bench20 rows `gen_records N SEED bench20` writes, on the general path and on the fast
//! table path, one thread and all cores; prints the medians as JSON.
//!
//! `bench_rust [N=100000] [SEED=5] [RUNS=7] [only]`: with `only` = `text`, just the general
//! path from JSON text once (for callgrind).

use appraisal_benches::{bench20_records, bench20_scheme};
use std::hint::black_box;
use std::time::Instant;

fn median(mut f: impl FnMut(), runs: usize) -> f64 {
    let mut ts: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ts.sort_by(f64::total_cmp);
    ts[ts.len() / 2]
}

/// The native counterpart of Node's `scoreColumnsTyped`: the same core call on the same
/// columns (a wide CSV read into f64 number columns and text id columns), typed results out.
/// Run with `RAYON_NUM_THREADS=1` for one thread, as WebAssembly has.
fn columns(scheme: &appraisal::Scheme, path: &std::path::Path, runs: usize) {
    use appraisal::fast::ColumnIn;
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {}", path.display());
        std::process::exit(2);
    };
    let mut lines = text.lines();
    let names: Vec<String> = lines.next().unwrap_or_default().split(',').map(str::to_owned).collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let cols: Vec<ColumnIn> = (0..names.len())
        .map(|k| {
            if k < 2 {
                ColumnIn::Text(rows.iter().map(|r| Some(r[k].to_owned())).collect())
            } else {
                // float-ok: the benchmark's input floats, as a JS page holds them
                ColumnIn::Float(rows.iter().map(|r| r[k].parse::<f64>().unwrap_or(f64::NAN)).collect())
            }
        })
        .collect();
    let run = || {
        let frame = scheme.score_columns(&names, &cols).map_err(|e| format!("{e:?}"))?;
        frame.typed_columns(scheme).map_err(|e| format!("{e:?}"))
    };
    if let Err(e) = run() {
        eprintln!("{e}");
        std::process::exit(2);
    }
    let ms = median(|| drop(black_box(run())), runs);
    // Its two halves: scoring into a frame, and the frame's typed columns.
    let score_only = median(|| drop(black_box(scheme.score_columns(&names, &cols))), runs);
    let frame = scheme.score_columns(&names, &cols).ok();
    let typed_only = median(|| drop(black_box(frame.as_ref().map(|f| f.typed_columns(scheme)))), runs);
    println!(
        "{}",
        serde_json::json!({ "rows": rows.len(), "score_columns_typed_ms": ms, "score_columns_ms": score_only, "typed_columns_ms": typed_only })
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(7);
    let Some(scheme) = bench20_scheme() else {
        eprintln!("the bench20 scheme does not build");
        std::process::exit(2);
    };
    if let Some(path) = std::env::var_os("BENCH_COLUMNS_CSV") {
        columns(&scheme, &std::path::PathBuf::from(path), runs);
        return;
    }
    let only = args.next();
    let records = bench20_records(n, seed);
    // The general path as the CLI, `scoreMany` and a JSON API see it: one JSON text per record.
    let texts: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    let from_text = || {
        for t in &texts {
            drop(black_box(scheme.score_json(black_box(t))));
        }
    };
    if only.as_deref() == Some("text") {
        from_text();
        return;
    }
    if only.as_deref() == Some("warm") {
        // The general path on a few records that stay in cache: per-record cost without memory
        // traffic.
        let few = &texts[..texts.len().min(1000)];
        let ms = median(
            || {
                for _ in 0..100 {
                    for t in few {
                        drop(black_box(scheme.score_json(black_box(t))));
                    }
                }
            },
            runs,
        );
        println!("{}", serde_json::json!({ "warm_us_per_record": ms * 1e3 / (100.0 * few.len() as f64) }));
        return;
    }
    let t = Instant::now();
    let (table, bad) = appraisal::fast::Table::from_records(&scheme, &records);
    let build_ms = t.elapsed().as_secs_f64() * 1e3;
    if !bad.is_empty() {
        eprintln!("{} bad records", bad.len());
        std::process::exit(2);
    }
    let general = median(|| drop(black_box(scheme.score_batch(&records))), runs);
    let general_text = median(from_text, runs);
    let general_par = median(|| drop(black_box(scheme.score_batch_parallel(&records))), runs);
    let fast = median(|| drop(black_box(scheme.score_table(&table))), runs);
    let fast_par = median(|| drop(black_box(scheme.score_table_parallel(&table))), runs);
    let scores = scheme.score_table(&table).map(|s| s.general_rows()).unwrap_or(usize::MAX);
    println!(
        "{}",
        serde_json::json!({
            "records": n, "runs": runs, "cores": std::thread::available_parallelism().map_or(1, |c| c.get()),
            "general_ms": general, "general_text_ms": general_text, "general_parallel_ms": general_par,
            "fast_ms": fast, "fast_parallel_ms": fast_par,
            "table_build_ms": build_ms, "fast_rows_on_general_path": scores,
        })
    );
}
