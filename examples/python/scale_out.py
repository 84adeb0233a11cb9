"""Scoring a partitioned Parquet dataset on an existing engine: Dask distributed or PySpark.

Each partition is handed to the appraisal core through Arrow (``Scheme.score_arrow``): the
core scores it on the fast exact table path and returns an Arrow table with exact Decimal128
totals. Nothing here is home-made scale-out: the engine splits, schedules, retries and writes;
the core scores. The results are exactly the single-process results, row for row, because
every row is scored on its own (a partition boundary cannot change a number).

    python examples/python/scale_out.py --rows 1000000 --engine dask
    python examples/python/scale_out.py --rows 100000 --engine spark

Writes a partitioned wide dataset of the 20-indicator benchmark scheme
(``benches/data/bench20.json``) under ``out/scale-out/records`` (unless it is there), scores it
and writes ``out/scale-out/results-<engine>``. See docs/scale-out.md for a real cluster.
"""

from __future__ import annotations

import argparse
import functools
import json
import time
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

import appraisal

ROOT = Path(__file__).resolve().parents[2]
SCHEME = ROOT / "benches/data/bench20.json"


def make_dataset(path: Path, rows: int, partitions: int, scheme_json: str, seed: int = 5, bad_every: int = 0) -> None:
    """A wide dataset in `partitions` Parquet files: every indicator a float column with one
    decimal inside its valid range, events as integers; every `bad_every`-th attendance is
    text that is not a number (a bad row that must keep its place)."""
    scheme = json.loads(scheme_json)
    rng = np.random.default_rng(seed)
    path.mkdir(parents=True, exist_ok=True)
    per = -(-rows // partitions)
    for p in range(partitions):
        lo, hi = p * per, min(rows, (p + 1) * per)
        if lo >= hi:
            break
        n = hi - lo
        cols: dict[str, Any] = {
            "employee": pa.array([f"A{i:07d}" for i in range(lo, hi)]),
            "period": pa.array(["2026-11"] * n),
        }
        for cat in scheme["categories"]:
            for ind in cat["indicators"]:
                a, b = (float(x) for x in ind.get("valid_range") or ["0", "100"])
                b = min(b, a + 100.0)
                cols[ind["id"]] = pa.array(np.round(rng.uniform(a, b, n), 1))
        for adj in scheme.get("adjustments", []):
            cols[f"events.{adj['event']}"] = pa.array(rng.integers(0, 3, n))
        if bad_every:
            att = [str(x) for x in cols["attendance"].to_pylist()]
            for i in range(n):
                if (lo + i) % bad_every == bad_every - 1:
                    att[i] = "n/a"
            cols["attendance"] = pa.array(att)
        pq.write_table(pa.table(cols), path / f"part-{p:04d}.parquet")


@functools.lru_cache(maxsize=4)
def _scheme(scheme_json: str) -> appraisal.Scheme:
    """One parsed scheme per worker process (the scheme travels as its JSON text)."""
    return appraisal.Scheme.from_json(scheme_json)


def score_partition(pdf: Any, scheme_json: str) -> Any:
    """Dask's unit of work: one pandas partition → its results (pandas, exact decimals), via
    Arrow and the table path (``score_frame``)."""
    return _scheme(scheme_json).score_frame(pdf)


def score_with_dask(records: Path, out: Path, scheme_json: str, workers: int = 2) -> Any:
    """Scores the dataset on a Dask LocalCluster (`workers` processes) and writes the results
    as Parquet; returns the results as one pyarrow Table, partitions in order."""
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        ddf = dd.read_parquet(str(records), dtype_backend="pyarrow")
        meta = score_partition(ddf._meta, scheme_json)
        results = ddf.map_partitions(score_partition, scheme_json, meta=meta)
        results.to_parquet(str(out), write_index=False, overwrite=True)
    return pq.read_table(out)


def spark_schema(scheme_json: str) -> str:
    """The result schema as Spark DDL: Decimal(38, s) numbers, strings."""
    schema = _scheme(scheme_json).score_arrow(pa.table({"employee": pa.array([], pa.string())})).schema
    ddl = []
    for f in schema:
        t = f"DECIMAL({f.type.precision}, {f.type.scale})" if pa.types.is_decimal(f.type) else "STRING"
        ddl.append(f"`{f.name}` {t}")
    return ", ".join(ddl)


def score_batches(batches: Iterator[pa.RecordBatch], scheme_json: str) -> Iterator[pa.RecordBatch]:
    """PySpark's ``mapInArrow`` function: Arrow batches in, Arrow result batches out (text as
    Spark's string type)."""
    scheme = _scheme(scheme_json)
    for batch in batches:
        # Spark reads a dot in a column name as a struct field: the names travel with the dot
        # written %2E (see score_with_spark) and are restored here.
        batch = batch.rename_columns([n.replace("%2E", ".") for n in batch.schema.names])
        out = scheme.score_arrow(pa.Table.from_batches([batch]))
        out = out.cast(pa.schema([pa.field(f.name, pa.string() if pa.types.is_large_string(f.type) else f.type) for f in out.schema]))
        yield from out.to_batches()


def score_with_spark(records: Path, out: Path, scheme_json: str) -> Any:
    """Scores the dataset with PySpark in local mode (``mapInArrow``) and writes Parquet;
    returns the results as one pyarrow Table in input order."""
    import os
    import sys

    from pyspark.sql import SparkSession

    # The workers run the same Python as the driver (the one with appraisal installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("appraisal")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "16384")
        .getOrCreate()
    )
    try:
        # The workers import this module for `score_batches` (on a cluster: ship it the same way,
        # or install it with the appraisal wheel on every node).
        spark.sparkContext.addPyFile(__file__)
        df = spark.read.parquet(str(records))
        df = df.toDF(*[c.replace(".", "%2E") for c in df.columns])  # `events.x` is not a struct
        result = df.mapInArrow(functools.partial(score_batches, scheme_json=scheme_json), spark_schema(scheme_json))
        result.write.mode("overwrite").parquet(str(out))
    finally:
        spark.stop()
    table = pq.read_table(out)
    return table.sort_by("employee")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--engine", choices=["dask", "spark", "both"], default="dask")
    ap.add_argument("--out", type=Path, default=ROOT / "out/scale-out")
    args = ap.parse_args()
    scheme_json = SCHEME.read_text(encoding="utf-8")
    records = args.out / f"records-{args.rows}"
    if not records.exists():
        t0 = time.perf_counter()
        make_dataset(records, args.rows, args.partitions, scheme_json)
        print(f"wrote {args.rows:,} records in {args.partitions} partitions to {records} ({time.perf_counter() - t0:.1f} s)")
    # Run through the module, not __main__: the engines ship functions by module name to their
    # workers (a function of __main__ would travel by value without its helpers).
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    import scale_out as mod

    for engine in (["dask", "spark"] if args.engine == "both" else [args.engine]):
        t0 = time.perf_counter()
        run = mod.score_with_dask if engine == "dask" else mod.score_with_spark
        table = run(records, args.out / f"results-{engine}", scheme_json)
        took = time.perf_counter() - t0
        grades = table.group_by("grade").aggregate([("employee", "count")]).to_pylist()
        print(f"{engine}: {table.num_rows:,} results in {took:.1f} s; grades {sorted((g['grade'] or '-', g['employee_count']) for g in grades)}")


if __name__ == "__main__":
    main()
