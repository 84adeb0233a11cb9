"""Issue 14: Arrow in and out. Anything that speaks the Arrow PyCapsule interface is scored on
the fast exact table path and comes back as an Arrow table with exact Decimal128 columns; the
numbers are the general path's (`score_many`) on every record, bad rows keep their place."""

import json
from decimal import Decimal

import pytest

import appraisal

pa = pytest.importorskip("pyarrow")

COLS = ["employee", "period", "attendance", "task_completion", "ratings.communication", "events.commendation"]


@pytest.fixture
def scheme(appendix):
    return appraisal.Scheme.from_dict(appendix["scheme"])


def appendix_table(attendance):
    return pa.table(
        {
            "employee": ["E1001", "E1002"],
            "period": ["2026-Q3", "2026-Q3"],
            "attendance": attendance,
            "task_completion": pa.array([93, None], pa.int64()),
            "ratings.communication": ["supervisor:M01=4; peer:P07=5; peer:P09=4", "supervisor:M01=5"],
            "events.commendation": pa.array([1, None], pa.int32()),
        }
    )


def test_a_pyarrow_table_gives_exact_decimal128_columns(scheme):
    # E1001 is the Appendix example (72.50 / 87.25 / 86.30 / A); E1002 is 100.00 / S with
    # coverage 90.00 (worked by hand in test_frames.py).
    out = scheme.score_arrow(appendix_table([98.5, 99.0]))
    assert isinstance(out, pa.Table)
    assert out.schema.field("total").type == pa.decimal128(38, 2)
    assert out.schema.field("grade").type in (pa.large_string(), pa.string())
    rows = out.to_pylist()
    assert rows[0]["basic_work"] == Decimal("72.50") and rows[0]["service_quality"] == Decimal("87.25")
    assert rows[0]["total"] == Decimal("86.30") and rows[0]["grade"] == "A"
    assert rows[1]["coverage"] == Decimal("90.00") and rows[1]["total"] == Decimal("100.00")
    assert rows[1]["grade"] == "S" and rows[1]["errors"] is None


@pytest.mark.parametrize(
    "attendance",
    [
        pa.array([98.5, 99.0], pa.float64()),
        pa.array(["98.5", "99"], pa.string()),
        pa.array(["98.5", "99"], pa.large_string()),
        pa.array([Decimal("98.5"), Decimal("99.0")], pa.decimal128(5, 1)),
        pa.array([98.5, 99.0], pa.float32()),
        pa.array(["98.5", "99"]).dictionary_encode(),
    ],
    ids=["float64", "utf8", "large_utf8", "decimal128", "float32", "dictionary"],
)
def test_every_column_type_reads_as_its_value(scheme, attendance):
    rows = scheme.score_arrow(appendix_table(attendance)).to_pylist()
    assert [r["total"] for r in rows] == [Decimal("86.30"), Decimal("100.00")]


def test_floats_are_read_as_their_shortest_decimal_not_their_binary_value(scheme):
    # 0.1 + 0.2 is the float 0.30000000000000004: that decimal, not 0.3 and not its 54-digit
    # binary expansion; NaN is a missing value; infinity is an error in its place.
    t = appendix_table(pa.array([0.1 + 0.2, float("nan")]))
    rows = scheme.score_arrow(t).to_pylist()
    direct = scheme.score(
        {"employee": "E1001", "period": "2026-Q3", "values": {"attendance": "0.30000000000000004", "task_completion": 93},
         "ratings": {"communication": [{"group": "supervisor", "rater": "M01", "value": "4"},
                                       {"group": "peer", "rater": "P07", "value": "5"},
                                       {"group": "peer", "rater": "P09", "value": "4"}]},
         "events": {"commendation": 1}}
    )
    assert rows[0]["total"] == direct.total
    assert rows[1]["status"] == "complete"  # attendance absent: N/A, renormalised
    rows = scheme.score_arrow(appendix_table(pa.array([float("inf"), 99.0]))).to_pylist()
    assert rows[0]["status"] == "error" and rows[0]["errors"] == "unparsable_number at values.attendance"
    assert rows[1]["total"] == Decimal("100.00")


def test_bad_rows_keep_their_place_and_text_numbers(scheme):
    t = appendix_table(pa.array(["abc", "99"]))
    out = scheme.score_arrow(t, decimals="str")
    assert out.schema.field("total").type in (pa.large_string(), pa.string())
    rows = out.to_pylist()
    assert rows[0]["status"] == "error" and rows[0]["errors"] == "unparsable_number at values.attendance"
    assert rows[0]["total"] is None and rows[1]["total"] == "100.00"


def test_a_column_named_twice_is_refused_before_any_row(scheme):
    t = pa.Table.from_arrays([pa.array(["E1"]), pa.array(["P"]), pa.array(["P"])], names=["employee", "period", "period"])
    with pytest.raises(appraisal.AppraisalError) as e:
        scheme.score_arrow(t)
    assert e.value.errors[0]["code"] == "duplicate_id"


def test_an_empty_table_has_the_result_columns(scheme):
    out = scheme.score_arrow(appendix_table(pa.array([1.0, 2.0])).slice(0, 0))
    assert out.num_rows == 0
    assert out.column_names[:3] == ["employee", "period", "status"] and "total" in out.column_names


def test_polars_and_pandas_through_the_capsule_give_the_same_table(scheme):
    pl = pytest.importorskip("polars")
    t = appendix_table(pa.array([98.5, 99.0]))
    want = scheme.score_arrow(t).to_pylist()
    assert scheme.score_arrow(pl.from_arrow(t)).to_pylist() == want
    assert scheme.score_arrow(t.to_pandas()).to_pylist() == want
    # score_frame builds its frames from it: pandas ArrowDtype decimals, polars Decimal.
    pdf = scheme.score_frame(t.to_pandas())
    assert str(pdf["total"].dtype).startswith("decimal128(38, 2)")
    plf = scheme.score_frame(pl.from_arrow(t))
    assert plf.schema["total"] == pl.Decimal(38, 2)
    assert plf["total"].to_list() == [w["total"] for w in want]


def test_the_sample_centre_through_arrow_equals_score_many():
    # Every record of the bundled sample centre (csr role), through Arrow and one by one: 0
    # differences in any number, status, grade or veto.
    from conftest import ROOT

    scheme = appraisal.builtin("csr")
    records = [json.loads(x) for x in (ROOT / "examples/data/sample-centre-2026-Q3.jsonl").read_text().splitlines()]
    records = [r for r in records if r["role"] == "csr"]
    cols: dict = {h: [] for h in scheme.wide_header()}
    for r in records:
        row = {"employee": r["employee"], "period": r["period"], "role": r["role"]}
        row.update({k: str(v) for k, v in r["values"].items()})
        row.update({f"samples.{k}": str(v) for k, v in r.get("samples", {}).items()})
        row.update({f"events.{k}": str(v) for k, v in r.get("events", {}).items()})
        for k, lst in r.get("ratings", {}).items():
            row[f"ratings.{k}"] = "; ".join(f"{x['group']}:{x['rater']}={x['value'] if x['value'] is not None else ''}" for x in lst)
        for h in cols:
            cols[h].append(row.get(h))
    out = scheme.score_arrow(pa.table({h: pa.array(v, pa.string()) for h, v in cols.items()})).to_pylist()
    cards = scheme.score_many(records).results
    assert len(out) == len(cards) > 10
    for o, c in zip(out, cards):
        assert (o["total"], o["base"], o["coverage"], o["grade"], o["status"]) == (c.total, c.base, c.coverage, c.grade, c.status)
        assert o["vetoes"] == ";".join(c.vetoes)
