#!/usr/bin/env bash
# Runs every test of the project on a fresh machine, installing what it needs first.
#   Rust: format, lints (warnings are errors), unit, corpus, catalogue, property and CLI tests,
#         the example, the main job.
#   Python and WebAssembly (Node, headless Chromium): run by their own scripts once the
#         bindings exist (bindings/python, bindings/wasm); then a short fuzzing run.
# Idempotent: a second run reuses what the first installed.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s ==\n' "$*"; }

step "toolchain"
command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 2; }
rustup component add rustfmt clippy >/dev/null 2>&1 || true
cargo --version

step "format"
cargo fmt --all -- --check

step "lints"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p appraisal-wasm --all-targets --features results -- -D warnings

step "docs (the core: every public item documented, no broken links)"
RUSTDOCFLAGS="-D warnings" cargo doc -p appraisal --no-deps
RUSTDOCFLAGS="-D warnings" cargo doc -p appraisal --no-deps --features arrow,parallel,xlsx

step "rust tests"
cargo test --workspace

step "example and main job"
cargo run -q -p appraisal-examples --example score_one >/dev/null
cargo run -q -p appraisal-cli -- score >/dev/null
cargo run -q -p appraisal-cli -- score --format json >/dev/null

if [ -f bindings/python/pyproject.toml ]; then
  step "python"
  bash scripts/test-python.sh
fi
if [ -f bindings/wasm/Cargo.toml ]; then
  step "webassembly"
  bash scripts/test-wasm.sh
fi

step "quick starts and FAQ, run as written"
bash scripts/test-docs.sh

if [ -f fuzz/Cargo.toml ]; then
  step "fuzzing (short run of each target)"
  bash scripts/test-fuzz.sh
fi

step "all tests passed"
