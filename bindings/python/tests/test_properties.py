"""Hypothesis: monotone rubrics, exact Decimal round trips, floats through repr."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import appraisal

DIRECT = appraisal.Scheme.from_dict({
    "format": "appraisal-scheme/1", "id": "d", "version": "1", "name": "D", "period": "month",
    "effective": {"from": "2026-01-01"},
    "categories": [{"id": "c", "name": "C", "weight": 100, "indicators": [
        {"id": "x", "name": "X", "kind": "quantitative", "unit": "score", "source": "internal",
         "weight": 100, "rubric": {"type": "direct"}}]}],
    "grades": [{"id": "A", "min": 0}],
})
CSR = appraisal.builtin("csr")
TWO = Decimal("0.01")


def direct(v):
    return DIRECT.score({"employee": "E", "period": "P", "values": {"x": v}}).total


@given(st.decimals(min_value=0, max_value=100, places=6, allow_nan=False, allow_infinity=False))
def test_decimal_in_decimal_out(d):
    # Independent computation: Python's decimal module rounding half-up at 2 places.
    assert direct(d) == d.quantize(TWO, rounding=ROUND_HALF_UP)
    assert direct(str(d)) == direct(d)


@given(st.floats(min_value=0, max_value=100, allow_nan=False).filter(lambda f: f == 0 or f >= 1e-12))
def test_float_is_read_through_repr(f):
    assert direct(f) == Decimal(repr(f)).quantize(TWO, rounding=ROUND_HALF_UP)


def test_floats_beyond_28_decimals_are_reported():
    # 1e-260 cannot be held exactly in 28 significant digits: a coded error, not a silent 0.
    try:
        direct(1e-260)
    except appraisal.RecordError as e:
        assert e.errors[0]["code"] == "unparsable_number" and e.errors[0]["path"] == "values.x"
    else:
        raise AssertionError("accepted")


@given(st.integers(min_value=0, max_value=100))
def test_ints(i):
    assert direct(i) == Decimal(i).quantize(TWO)


@settings(max_examples=200)
@given(
    st.decimals(min_value=70, max_value=100, places=1),
    st.decimals(min_value=0, max_value=5, places=1),
    st.sampled_from(["task_completion", "timeliness", "qa_score", "csat", "fcr", "feedback_closure"]),
)
def test_better_value_never_scores_lower(v, delta, indicator):
    # all these rubrics are "higher is better"
    base = {"employee": "E", "period": "P",
            "values": {"task_completion": "95", "timeliness": "85", "qa_score": "85", "csat": "90", "fcr": "80",
                       "feedback_closure": "95"},
            "samples": {"qa_score": 10, "csat": 40}}
    lo = dict(base, values=dict(base["values"], **{indicator: v}))
    hi = dict(base, values=dict(base["values"], **{indicator: min(v + delta, Decimal(100))}))
    a, b = CSR.score(lo), CSR.score(hi)
    pick = lambda c: next(i["score"] for i in c.indicators if i["id"] == indicator)
    assert pick(b) >= pick(a)
    assert b.total >= a.total
