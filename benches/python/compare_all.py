"""The side-by-side comparison of issue 7, in one run, on the same records of the 20-indicator
scheme (`benches/data/bench20.json`):

- the Rust core: general `Decimal` path and fast table path, one thread and all cores
  (`bench_rust`, medians);
- a straightforward pure-Python `decimal` scorer (`pure_decimal.py`), timed on the first 10 000
  records (it would take minutes on all) and compared per record;
- a vectorised pandas/NumPy float version (`pandas_float.py`), checked against the core;
- the Python binding's `score_many` and the WebAssembly build's `scoreMany` in Node.

    bash scripts/bench-compare.sh            # builds what it needs, then runs this
    .venv/bin/python benches/python/compare_all.py [N=100000]

Writes out/compare.json and prints a table of per-record times and ratios.
"""

from __future__ import annotations

import csv
import json
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))
import appraisal  # noqa: E402
from pandas_float import score_frame  # noqa: E402
from pure_decimal import score as pure_score  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
SEED = 5
PURE_N = min(N, 10_000)
OUT = ROOT / "out"
OUT.mkdir(exist_ok=True)
SCHEME_PATH = ROOT / "benches/data/bench20.json"
scheme_json = json.loads(SCHEME_PATH.read_text(encoding="utf-8"))
gen = ROOT / "target/release/gen_records"
csv_path = OUT / f"bench20-{N}.csv"
jsonl_path = OUT / f"bench20-{N}.jsonl"
with open(csv_path, "w") as f:
    subprocess.run([gen, str(N), str(SEED), "bench20", "csv"], stdout=f, check=True)
with open(jsonl_path, "w") as f:
    subprocess.run([gen, str(N), str(SEED), "bench20", "jsonl"], stdout=f, check=True)


def median_ms(f, runs: int) -> float:
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        ts.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ts)


# Rust, in its own process (medians of 7).
rust = json.loads(subprocess.run([ROOT / "target/release/bench_rust", str(N), str(SEED), "7"],
                                 capture_output=True, text=True, check=True).stdout)

# The records as Python dicts (what an analyst holds after json.load or DataFrame.to_dict).
with open(csv_path, newline="") as f:
    rows = list(csv.DictReader(f))
ids = [i["id"] for c in scheme_json["categories"] for i in c["indicators"]]
events = [h[len("events."):] for h in rows[0] if h.startswith("events.")]
records = [{"employee": r["employee"], "period": r["period"], "values": {i: r[i] for i in ids},
            "events": {e: int(r[f"events.{e}"]) for e in events}} for r in rows]

core = appraisal.Scheme.from_json(SCHEME_PATH.read_text(encoding="utf-8"))
cards = core.score_many(records).results
totals = [c.total for c in cards]
grades = [c.grade for c in cards]

# Pure-Python decimal: agreement on PURE_N records, then its time.
sub = records[:PURE_N]
mismatch = sum(1 for r, t, g in zip(sub, totals, grades) if pure_score(scheme_json, r) != (t, g))
pure_ms = median_ms(lambda: [pure_score(scheme_json, r) for r in sub], 3)

# pandas float: agreement "where floats allow", then its time.
df = pd.read_csv(csv_path, dtype={"employee": str, "period": str})
p_tot, p_grade = score_frame(scheme_json, df)
exact = [Decimal(str(t)) for t in totals]
diff = [abs(Decimal(f"{x:.2f}") - t) for x, t in zip(p_tot, exact)]
pandas_off = sum(1 for d in diff if d != 0)
pandas_off_max = max(diff)
pandas_grade_off = sum(1 for a, b in zip(p_grade, grades) if a != b)
pandas_ms = median_ms(lambda: score_frame(scheme_json, df), 5)

binding_ms = median_ms(lambda: core.score_many(records), 5)

node = None
try:
    out = subprocess.run(["node", ROOT / "benches/node/bench.mjs", jsonl_path, "5", SCHEME_PATH],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    node = json.loads(out.strip().splitlines()[-1])["scoreMany_ms"]["median"]
except (OSError, subprocess.CalledProcessError, ValueError, KeyError) as e:
    print(f"(Node skipped: {e})")

per = lambda ms, n: ms * 1e3 / n  # µs per record
table = [
    ("pure-Python decimal (10k, per record)", per(pure_ms, PURE_N)),
    ("pandas/NumPy float, vectorised", per(pandas_ms, N)),
    ("Python binding score_many (general path)", per(binding_ms, N)),
    ("WebAssembly scoreMany in Node (general path)", per(node, N) if node else None),
    ("Rust general path, 1 thread", per(rust["general_ms"], N)),
    (f"Rust general path, {rust['cores']} cores", per(rust["general_parallel_ms"], N)),
    ("Rust fast table path, 1 thread", per(rust["fast_ms"], N)),
    (f"Rust fast table path, {rust['cores']} cores", per(rust["fast_parallel_ms"], N)),
]
result = {
    "records": N, "pure_python_records": PURE_N, "rust": rust,
    "us_per_record": {k: v for k, v in table},
    "pure_python_mismatches": mismatch,
    "pandas_totals_off": pandas_off, "pandas_totals_off_max": str(pandas_off_max), "pandas_grades_off": pandas_grade_off,
    "ratios": {
        "pure_python / rust_fast_1t": per(pure_ms, PURE_N) / per(rust["fast_ms"], N),
        "pure_python / rust_fast_all": per(pure_ms, PURE_N) / per(rust["fast_parallel_ms"], N),
        "pure_python / rust_general_1t": per(pure_ms, PURE_N) / per(rust["general_ms"], N),
        "pandas / rust_fast_1t": pandas_ms / rust["fast_ms"],
        "pandas / rust_fast_all": pandas_ms / rust["fast_parallel_ms"],
        "python_binding / rust_general_1t": binding_ms / rust["general_ms"],
        "node / rust_general_1t": (node / rust["general_ms"]) if node else None,
    },
}
(OUT / "compare.json").write_text(json.dumps(result, indent=1))
print(f"{N} records of the 20-indicator scheme; pure Python on the first {PURE_N}")
for k, v in table:
    print(f"  {k:<48} {'-' if v is None else f'{v:10.2f} µs/record'}")
print(f"pure Python vs the core: {mismatch} total/grade mismatches in {PURE_N}")
print(f"pandas floats vs the core: {pandas_off} totals differ (largest {pandas_off_max}), {pandas_grade_off} grades differ")
for k, v in result["ratios"].items():
    print(f"  {k:<36} {'-' if v is None else f'{v:8.2f}x'}")
