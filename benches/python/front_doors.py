"""Issue 14's benchmark: every front door against what users run today, on the same records of
the 20-indicator scheme (`benches/data/bench20.json`), in one run, medians and ratios.

    bash scripts/bench-front-doors.sh [N=1000000]

- in memory: the pandas/NumPy float scorer vs `score_frame` (pandas and polars) and
  `score_arrow` (pyarrow);
- files: pandas read_csv + score + to_csv vs the CLI CSV → CSV; pandas read_parquet + score
  + to_parquet vs the CLI Parquet → Parquet;
- the general path: `score_many` on dict records (per record, on the first 100,000);
- WebAssembly in Node: `scoreColumns` and `scoreColumnsTyped` (table path) and `scoreMany` (general path), vs the
  native table path (`bench_rust`);
- agreement: the totals and grades of every front door on every record (0 differences is the
  requirement), and `score_many` on the first 100,000.

Writes out/front-doors.json and prints the table that docs/performance.md carries.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))
import appraisal  # noqa: E402
from pandas_float import score_frame as float_score  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
MANY = min(N, 100_000)
OUT = ROOT / "out"
OUT.mkdir(exist_ok=True)
SCHEME_PATH = ROOT / "benches/data/bench20.json"
scheme_json = json.loads(SCHEME_PATH.read_text(encoding="utf-8"))
core = appraisal.Scheme.from_json(SCHEME_PATH.read_text(encoding="utf-8"))
CLI = ROOT / "target/release/appraisal"

csv_path = OUT / f"bench20-{N}.csv"
if not csv_path.exists():
    with open(csv_path, "w") as f:
        subprocess.run([ROOT / "target/release/gen_records", str(N), "5", "bench20", "csv"], stdout=f, check=True)
parquet_path = OUT / f"bench20-{N}.parquet"
if not parquet_path.exists():
    pq.write_table(pacsv.read_csv(csv_path), parquet_path)


def median_s(f, runs: int = 3) -> float:
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


tmp = Path(tempfile.mkdtemp(prefix="front-doors-"))
df = pd.read_csv(csv_path)
pldf = pl.read_csv(csv_path)
table = pq.read_table(parquet_path)

# In memory.
pandas_mem = median_s(lambda: float_score(scheme_json, df), 5)
frame_pandas = median_s(lambda: core.score_frame(df))
frame_polars = median_s(lambda: core.score_frame(pldf))
arrow_mem = median_s(lambda: core.score_arrow(table))


# Files.
def pandas_csv() -> None:
    d = pd.read_csv(csv_path)
    total, grade = float_score(scheme_json, d)
    pd.DataFrame({"employee": d["employee"], "period": d["period"], "total": total, "grade": grade}).to_csv(tmp / "pd.csv", index=False)


def pandas_parquet() -> None:
    d = pd.read_parquet(parquet_path)
    total, grade = float_score(scheme_json, d)
    pd.DataFrame({"employee": d["employee"], "period": d["period"], "total": total, "grade": grade}).to_parquet(tmp / "pd.parquet")


def cli(src: Path, fmt: str) -> None:
    args = [CLI, "score", "--scheme", SCHEME_PATH, src, "--format", fmt]
    if fmt == "parquet":
        args += ["--output", tmp / "cli.parquet"]
        subprocess.run(args, check=True)
    else:
        with open(tmp / "cli.csv", "w") as f:
            subprocess.run(args, stdout=f, check=True)


pandas_csv_s = median_s(pandas_csv)
cli_csv_s = median_s(lambda: cli(csv_path, "csv"))
pandas_pq_s = median_s(pandas_parquet)
cli_pq_s = median_s(lambda: cli(parquet_path, "parquet"))

# The general path: dict records.
rows = table.slice(0, MANY).to_pylist()
ids = [i["id"] for c in scheme_json["categories"] for i in c["indicators"]]
records = [
    {"employee": r["employee"], "period": r["period"], "values": {i: str(r[i]) for i in ids},
     "events": {k[len("events."):]: r[k] for k in r if k.startswith("events.")}}
    for r in rows
]
many_s = median_s(lambda: core.score_many(records), 3)

# Rust (native) and Node, each in its own process.
rust = json.loads(subprocess.run([ROOT / "target/release/bench_rust", str(min(N, 200_000)), "5", "5"],
                                 capture_output=True, text=True, check=True).stdout)
# The general path on 1,000 records kept in cache (per-record cost without memory traffic).
rust_warm = json.loads(subprocess.run([ROOT / "target/release/bench_rust", "1000", "5", "5", "warm"],
                                      capture_output=True, text=True, check=True).stdout)
# The native counterpart of Node's scoreColumnsTyped: the same core call on the same columns
# (f64 numbers, text ids), typed results, one thread as WebAssembly has.
rust_cols = json.loads(subprocess.run([ROOT / "target/release/bench_rust", "0", "5", "3"], capture_output=True, text=True,
                                      check=True, env={**os.environ, "RAYON_NUM_THREADS": "1",
                                                       "BENCH_COLUMNS_CSV": str(csv_path)}).stdout)
node = json.loads(subprocess.run(["node", ROOT / "benches/node/columns.mjs", csv_path, "3", str(MANY)],
                                 capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip().splitlines()[-1])

# Agreement on every record: score_frame (pandas, polars), score_arrow, the CLI's CSV and
# Parquet and Node's scoreColumns give the same totals and grades; score_many agrees on MANY.
ref = core.score_arrow(table)
totals = [str(x) if x is not None else None for x in ref.column("total").to_pylist()]
grades = ref.column("grade").to_pylist()
diffs = {}
fp = core.score_frame(df)
diffs["score_frame pandas"] = sum(a != b for a, b in zip(fp["total"].astype(str).where(fp["total"].notna(), None), totals))
fl = core.score_frame(pldf)
diffs["score_frame polars"] = sum(a != (None if b is None else str(b)) for a, b in zip(totals, fl["total"].to_list()))
cli(csv_path, "csv")
cli_csv = pd.read_csv(tmp / "cli.csv", dtype=str, keep_default_na=False)
diffs["CLI CSV"] = sum(a != (b or None) for a, b in zip(totals, cli_csv["total"])) + sum(
    a != (b or None) for a, b in zip(grades, cli_csv["grade"]))
cli(parquet_path, "parquet")
cli_pq = pq.read_table(tmp / "cli.parquet")
diffs["CLI Parquet"] = sum(a != (None if b is None else str(b)) for a, b in zip(totals, cli_pq.column("total").to_pylist()))
diffs["Node scoreColumns"] = sum(a != b for a, b in zip(totals, node["totals"]))
diffs["Node scoreColumnsTyped"] = node["typed_total_diffs"]
cards = core.score_many(records).results
diffs[f"score_many (first {MANY})"] = sum(str(c.total) != t or c.grade != g for c, t, g in zip(cards, totals, grades))
rows_checked = {k: (MANY if k.startswith("score_many") else N) for k in diffs}

native_table_us = rust["fast_ms"] * 1e3 / min(N, 200_000)
native_cols_us = rust_cols["score_columns_typed_ms"] * 1e3 / N
native_json_us = rust["general_text_ms"] * 1e3 / min(N, 200_000)
us = lambda s, n=N: s * 1e6 / n  # µs per record
result = {
    "records": N,
    "cores": os.cpu_count(),
    "seconds": {
        "pandas float scorer, in memory": pandas_mem,
        "score_frame (pandas)": frame_pandas,
        "score_frame (polars)": frame_polars,
        "score_arrow (pyarrow)": arrow_mem,
        "pandas read_csv + score + to_csv": pandas_csv_s,
        "CLI CSV -> CSV": cli_csv_s,
        "pandas read_parquet + score + to_parquet": pandas_pq_s,
        "CLI Parquet -> Parquet": cli_pq_s,
    },
    "us_per_record": {
        f"score_many, general path ({MANY})": us(many_s, MANY),
        "Rust general path, 1 thread": rust["general_ms"] * 1e3 / min(N, 200_000),
        "Rust general path from JSON text (score_json), 1 thread": rust["general_text_ms"] * 1e3 / min(N, 200_000),
        "Rust general path from JSON text, 1,000 records in cache": rust_warm["warm_us_per_record"],
        "Rust table path, 1 thread": native_table_us,
        "Rust score_columns + typed results (Node's call, native), 1 thread": native_cols_us,
        "Node scoreColumns (table path)": us(node["scoreColumns_ms"] / 1e3),
        "Node scoreColumnsTyped (table path, typed results)": us(node["scoreColumnsTyped_ms"] / 1e3),
        f"Node scoreMany, general path ({MANY})": us(node["scoreMany_ms"] / 1e3, MANY),
    },
    "ratios": {
        "score_frame pandas / pandas float (target <= 2)": frame_pandas / pandas_mem,
        "score_frame polars / pandas float (target <= 2)": frame_polars / pandas_mem,
        "CLI CSV / pandas read+score+write (target <= 1)": cli_csv_s / pandas_csv_s,
        "CLI Parquet / pandas Parquet": cli_pq_s / pandas_pq_s,
        "Node scoreColumns / native table path": us(node["scoreColumns_ms"] / 1e3) / native_table_us,
        "Node scoreColumnsTyped / native table path (target <= 3)": us(node["scoreColumnsTyped_ms"] / 1e3) / native_table_us,
        "Node scoreColumnsTyped / the same call native, 1 thread": us(node["scoreColumnsTyped_ms"] / 1e3) / native_cols_us,
        "Node scoreMany / native score_json": us(node["scoreMany_ms"] / 1e3, MANY) / native_json_us,
    },
    "differences": diffs,
    "rows_compared": rows_checked,
}
(OUT / "front-doors.json").write_text(json.dumps(result, indent=1))
print(f"{N:,} records of the 20-indicator scheme, {os.cpu_count()} cores")
for k, v in result["seconds"].items():
    print(f"  {k:<46} {v:8.3f} s")
for k, v in result["us_per_record"].items():
    print(f"  {k:<46} {v:8.2f} µs/record")
for k, v in result["ratios"].items():
    print(f"  {k:<56} {v:6.2f}x")
for k, v in diffs.items():
    print(f"  differences from the core, {k:<30} {v} of {rows_checked[k]:,}")
