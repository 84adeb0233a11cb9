#!/usr/bin/env bash
# Issue 14's benchmark (docs/performance.md, "Current figures"): every front door against
# pandas, polars and the native core on N records of the 20-indicator scheme, one run.
#   bash scripts/bench-front-doors.sh [N=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/test-python.sh
[ -f out/wasm/node/appraisal_wasm.js ] || bash scripts/build-wasm.sh
cargo build -q --release -p appraisal-benches --bins
cargo build -q --release -p appraisal-cli
.venv/bin/python benches/python/front_doors.py "${1:-1000000}"
