#!/usr/bin/env bash
# Python binding: venv with maturin and the test tools, the release wheel and sdist, the wheel
# installed into a fresh venv, then pytest against the installed package (golden corpus, API,
# errors, DataFrames, Hypothesis properties, mypy.stubtest), the doctests and the examples.
# Idempotent.
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

# The package as users get it (issue 16): an abi3 wheel and an sdist; the wheel installed into a
# fresh venv and the suite run against that installed package, never the source tree. The test
# tools come from the dev venv through a .pth placed after the fresh venv's own site-packages,
# so `appraisal` itself can only come from the wheel.
DIST=$ROOT/out/dist
rm -rf "$DIST"
maturin build --release -q -m bindings/python/Cargo.toml --out "$DIST"
maturin sdist -m bindings/python/Cargo.toml --out "$DIST" >/dev/null
WHEEL=$(ls "$DIST"/appraisal-*-abi3-*.whl)
# The sdist carries the core crate it builds from.
# (grep reads the whole listing: `grep -q` would stop early and tar's SIGPIPE fail the pipe.)
tar tzf "$DIST"/appraisal-*.tar.gz | grep -c 'crates/appraisal/src/lib.rs' >/dev/null

# The dev venv gets the same wheel (the benchmarks use it; no editable build left behind).
python -m pip install -q --force-reinstall --no-deps "$WHEEL"
PKG_VENV=$ROOT/out/package-venv
rm -rf "$PKG_VENV"
python3 -m venv "$PKG_VENV"
"$PKG_VENV/bin/python" -m pip install -q --no-index --no-deps "$WHEEL"
SITE_DEV=$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
SITE_PKG=$("$PKG_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$SITE_DEV" > "$SITE_PKG/zz-test-tools.pth"
export VIRTUAL_ENV=$PKG_VENV PATH=$PKG_VENV/bin:$PATH
python - <<'PY'
import importlib.metadata as md, sys
import appraisal
assert appraisal.__file__.startswith(sys.prefix), f"appraisal imported from {appraisal.__file__}, not the fresh venv"
meta = md.metadata("appraisal")
assert meta["Summary"] and meta["Requires-Python"] and "Typing :: Typed" in meta.get_all("Classifier")
assert (meta["Description-Content-Type"] or "").startswith("text/markdown") and "Exact" in meta.get_payload(), "readme"
files = {str(f) for f in md.files("appraisal")}
assert {"appraisal/py.typed", "appraisal/_appraisal.pyi"} <= files, files
print("testing the installed wheel:", appraisal.__file__)
PY

python -m pytest -q bindings/python/tests --benchmark-skip
python -m pytest -q --doctest-modules --pyargs appraisal -p no:cacheprovider

mkdir -p out
MPLBACKEND=Agg python examples/python/quarterly_review.py --out out/quarterly_review.png >/dev/null
test -s out/quarterly_review.png
MPLBACKEND=Agg python examples/python/calibration_review.py --out out/calibration_review.png >/dev/null
test -s out/calibration_review.png
# the CLI's Excel workbooks (en, zh) read back with openpyxl
python -m pytest -q tests/excel -p no:cacheprovider
