//! Writes the deterministic benchmark records, so other runtimes (Python, Node, pandas) score
//! exactly the records the Rust benchmarks score.
//!
//! `gen_records [N=100000] [SEED=11] [csr|bench20] [jsonl|csv]`, e.g.
//! `cargo run --release -p appraisal-benches --bin gen_records -- 1000000 5 bench20 csv > bench20-1m.csv`
//! (CSV is the wide layout: `employee,period,<indicator>…,events.<event>…`; bench20 only).

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(11);
    let which = args.next().unwrap_or_else(|| "csr".into());
    let format = args.next().unwrap_or_else(|| "jsonl".into());
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let ok = match (which.as_str(), format.as_str()) {
        ("csr", "jsonl") => appraisal_benches::csr_records(n, seed).iter().all(|r| writeln!(out, "{r}").is_ok()),
        ("bench20", "jsonl") => appraisal_benches::bench20_rows(n, seed)
            .iter()
            .all(|row| writeln!(out, "{}", appraisal_benches::bench20_record(row)).is_ok()),
        ("bench20", "csv") => {
            let mut header = vec!["employee".to_string(), "period".to_string()];
            header.extend(appraisal_benches::BENCH20_INDICATORS.iter().map(|s| s.to_string()));
            header.extend(appraisal_benches::BENCH20_EVENTS.iter().map(|e| format!("events.{e}")));
            writeln!(out, "{}", header.join(",")).is_ok()
                && appraisal_benches::bench20_rows(n, seed).iter().all(|(e, v, ev)| {
                    let evs: Vec<String> = ev.iter().map(u64::to_string).collect();
                    writeln!(out, "{e},2026-11,{},{}", v.join(","), evs.join(",")).is_ok()
                })
        }
        _ => {
            eprintln!("usage: gen_records [N] [SEED] [csr|bench20] [jsonl|csv]");
            false
        }
    };
    if !ok {
        std::process::exit(1);
    }
}
