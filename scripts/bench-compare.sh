#!/usr/bin/env bash
# The side-by-side comparison of issue 7 (docs/performance.md): pure-Python decimal, pandas
# floats, the Python binding, WebAssembly in Node and the Rust core (general and table paths)
# on the same records of the 20-indicator scheme. Builds what is missing first.
#   bash scripts/bench-compare.sh [N=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/test-python.sh
[ -f out/wasm/node/appraisal_wasm.js ] || bash scripts/build-wasm.sh
cargo build -q --release -p appraisal-benches --bins
.venv/bin/python benches/python/compare_all.py "${1:-100000}"
