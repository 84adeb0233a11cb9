"""DataFrames in the wide layout, pandas and polars, give the same numbers as dict records."""

from decimal import Decimal

import pytest

import appraisal

ROWS = [
    # employee, period, attendance, task_completion, ratings.communication, events.commendation
    ("E1001", "2026-Q3", 98.5, 93, "supervisor:M01=4; peer:P07=5; peer:P09=4", 1),
    ("E1002", "2026-Q3", 99.0, None, "supervisor:M01=5", None),
    ("E1003", "2026-Q3", "abc", 90, None, 2),
]
COLS = ["employee", "period", "attendance", "task_completion", "ratings.communication", "events.commendation"]


@pytest.fixture
def scheme(appendix):
    return appraisal.Scheme.from_dict(appendix["scheme"])


def check(out, lib):
    rows = out.to_dict("records") if lib == "pandas" else out.to_dicts()
    assert [r["employee"] for r in rows] == ["E1001", "E1002", "E1003"]
    # E1001 is the Appendix example: 72.50 / 87.25 / 84.30 / 86.30 / A
    assert rows[0]["basic_work"] == Decimal("72.50") and rows[0]["service_quality"] == Decimal("87.25")
    assert rows[0]["total"] == Decimal("86.30") and rows[0]["grade"] == "A"
    # E1002: attendance 99 -> 100 alone in basic work; supervisor 5 -> 100, peers drop out;
    # base 100.00; coverage 20*50/100 + 80 = 90.00 -> S
    assert rows[1]["basic_work"] == Decimal("100.00") and rows[1]["total"] == Decimal("100.00")
    assert rows[1]["coverage"] == Decimal("90.00") and rows[1]["grade"] == "S"
    # E1003: "abc" is not a number: an error row, nothing lost
    assert rows[2]["status"] == "error" and rows[2]["errors"] == "unparsable_number at values.attendance"
    assert rows[2]["total"] is None


def test_pandas(scheme):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(ROWS, columns=COLS)
    out = scheme.score_frame(df)
    assert isinstance(out, pd.DataFrame)
    check(out, "pandas")
    strs = scheme.score_frame(df, decimals="str")
    assert strs["total"].tolist()[:2] == ["86.30", "100.00"]


def test_polars(scheme):
    pl = pytest.importorskip("polars")
    df = pl.DataFrame([list(r) for r in ROWS], schema=COLS, orient="row", strict=False)
    out = scheme.score_frame(df)
    assert isinstance(out, pl.DataFrame)
    check(out, "polars")
    strs = scheme.score_frame(df, decimals="str")
    assert strs["total"].to_list()[:2] == ["86.30", "100.00"]


def test_frame_equals_score_many_on_the_sample_centre():
    pd = pytest.importorskip("pandas")
    scheme = appraisal.builtin("csr")
    import json
    from conftest import ROOT

    records = [json.loads(line) for line in (ROOT / "examples/data/sample-centre-2026-Q3.jsonl").read_text().splitlines()]
    records = [r for r in records if r["role"] == "csr"]
    header = scheme.wide_header()
    rows = []
    for r in records:
        row = {"employee": r["employee"], "period": r["period"], "role": r["role"]}
        row.update(r["values"])
        for k, v in r.get("samples", {}).items():
            row[f"samples.{k}"] = v
        for k, v in r.get("events", {}).items():
            row[f"events.{k}"] = v
        for k, lst in r.get("ratings", {}).items():
            row[f"ratings.{k}"] = "; ".join(f"{x['group']}:{x['rater']}={x['value']}" for x in lst)
        rows.append(row)
    df = pd.DataFrame(rows, columns=[h for h in header if any(h in r for r in rows)])
    out = scheme.score_frame(df)
    cards = scheme.score_many(records).results
    assert out["total"].tolist() == [c.total for c in cards]
    assert out["grade"].tolist() == [c.grade for c in cards]


def test_not_a_frame(scheme):
    with pytest.raises(TypeError):
        scheme.score_frame([1, 2, 3])
