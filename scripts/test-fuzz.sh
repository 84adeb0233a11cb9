#!/usr/bin/env bash
# A short cargo-fuzz run of every target (scheme parse, record scoring, CSV ingestion, rule
# sets), seeded from the golden corpus. Longer runs: FUZZ_SECONDS=600 bash scripts/test-fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-12}

if ! cargo +nightly --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version '^0.13'
fi
# Build every target first, so a compile error shows in full (the runs below keep 3 lines).
cargo +nightly fuzz build
for t in scheme_parse record_score csv_ingest rules table_path calibration; do
  mkdir -p "out/fuzz/$t"
  cp -n fuzz/seeds/$t/* "out/fuzz/$t/" 2>/dev/null || true
  cargo +nightly fuzz run "$t" "out/fuzz/$t" -- -max_total_time="$SECONDS_EACH" -rss_limit_mb=4096 2>&1 | tail -n 3
done
