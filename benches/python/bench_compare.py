"""Times the pure-Python decimal scorer against the Rust core (through the Python binding and
in the criterion benches) on the same records, and checks that totals and grades agree.

    cargo run --release -p appraisal-benches --bin gen_records -- 10000 11 > out/bench-records-10k.jsonl
    .venv/bin/python benches/python/bench_compare.py out/bench-records-10k.jsonl
"""

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import appraisal  # noqa: E402
from pure_decimal import score  # noqa: E402

path = sys.argv[1] if len(sys.argv) > 1 else "out/bench-records-10k.jsonl"
records = [json.loads(line) for line in open(path, encoding="utf-8")]
scheme_json = json.loads(appraisal.Scheme.builtin("csr").to_json())
core = appraisal.Scheme.builtin("csr")

cards = core.score_many(records).results
mismatch = 0
for rec, card in zip(records, cards):
    t, g = score(scheme_json, rec)
    if (str(t) if t is not None else None, g) != ((str(card.total) if card.total is not None else None), card.grade):
        mismatch += 1
print(f"records: {len(records)}, total/grade mismatches between pure Python and the core: {mismatch}")

def timed(f, runs):
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)

py = timed(lambda: [score(scheme_json, r) for r in records], 5)
binding = timed(lambda: core.score_many(records), 5)
print(f"pure-Python decimal: {py * 1000:.0f} ms median; Python binding score_many: {binding * 1000:.0f} ms median; ratio {py / binding:.1f}x")
