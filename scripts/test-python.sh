#!/usr/bin/env bash
# Python binding: venv with maturin and the test tools, an editable release build, then pytest
# (golden corpus, API, errors, DataFrames, Hypothesis properties, mypy.stubtest), the doctests
# and the quarterly-review example. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/.venv

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -r bindings/python/requirements-dev.txt

# PySpark (the scale-out test) runs on a Java runtime.
if ! command -v java >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi

export VIRTUAL_ENV=$VENV PATH=$VENV/bin:$PATH
maturin develop --release -q -m bindings/python/Cargo.toml

python -m pytest -q bindings/python/tests --benchmark-skip
python -m pytest -q --doctest-modules bindings/python/python/appraisal -p no:cacheprovider

mkdir -p out
MPLBACKEND=Agg python examples/python/quarterly_review.py --out out/quarterly_review.png >/dev/null
test -s out/quarterly_review.png
MPLBACKEND=Agg python examples/python/calibration_review.py --out out/calibration_review.png >/dev/null
test -s out/calibration_review.png
