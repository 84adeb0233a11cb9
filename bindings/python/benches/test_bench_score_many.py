"""pytest-benchmark: score_many on the 100k deterministic records (the same records as the Rust
criterion group `batch_100k`). Run through scripts/bench-python.sh; results in docs/performance.md."""

import json
import os

import pytest

import appraisal

PATH = os.environ.get("APPRAISAL_BENCH_RECORDS", "out/bench-records-100k.jsonl")


@pytest.fixture(scope="module")
def records():
    with open(PATH, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_score_many_100k(benchmark, records):
    scheme = appraisal.builtin("csr")
    batch = benchmark.pedantic(scheme.score_many, args=(records,), rounds=7, iterations=1)
    assert len(batch) == len(records) == 100_000
    assert batch.ok_count == len(records)


def test_score_many_10k(benchmark, records):
    scheme = appraisal.builtin("csr")
    batch = benchmark.pedantic(scheme.score_many, args=(records[:10_000],), rounds=10, iterations=1)
    assert batch.ok_count == 10_000
