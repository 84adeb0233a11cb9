#!/usr/bin/env bash
# Benchmarks the Python binding against the Rust core on the same 100k records.
# Needs scripts/test-python.sh to have run once (venv + build).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p out
cargo run -q --release -p appraisal-benches --bin gen_records -- 100000 11 > out/bench-records-100k.jsonl
.venv/bin/python -m pytest -q bindings/python/benches --benchmark-only --benchmark-columns=min,median,max,rounds
cargo bench -q -p appraisal-benches --bench scoring -- batch
