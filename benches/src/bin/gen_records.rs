//! Writes the deterministic benchmark records as JSON Lines, so other runtimes (Python, Node)
//! score exactly the records the Rust benchmarks score.
//! `cargo run --release -p appraisal-benches --bin gen_records -- 100000 11 > records.jsonl`

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(11);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for r in appraisal_benches::csr_records(n, seed) {
        if writeln!(out, "{r}").is_err() {
            std::process::exit(1);
        }
    }
}
