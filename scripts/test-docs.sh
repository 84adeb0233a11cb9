#!/usr/bin/env bash
# The quick starts (docs/quickstart/*.md) and the FAQ (docs/faq.md) run exactly as written:
# sh and python blocks against the release CLI and the installed wheel, js blocks in the
# scratch project where the npm tarball is installed (scripts/test-npm.sh), the Rust quick
# start as a doctest of the core (cargo test --doc QuickstartRust).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release -p appraisal-cli
cargo test -q -p appraisal --doc QuickstartRust
PY="$PWD/out/package-venv/bin/python"
[ -x "$PY" ] || PY="$PWD/.venv/bin/python"
[ -d out/npm-scratch/node_modules/appraisal ] || bash scripts/test-npm.sh >/dev/null
export PATH="$PWD/target/release:$(dirname "$PY"):$PATH"
for doc in docs/quickstart/cli-excel.md docs/quickstart/python.md docs/faq.md; do
  "$PY" tests/docs/run_blocks.py "$doc"
done
"$PY" tests/docs/run_blocks.py docs/quickstart/javascript.md --node-project out/npm-scratch
