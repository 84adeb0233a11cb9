"""Issue 11 from Python: hostile and careless input. Each case failed before the fixes;
expected values are worked out by hand from SPEC.md."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

import appraisal


def direct(raters: bool = False) -> appraisal.Scheme:
    ind = {"id": "x", "name": "X", "kind": "quantitative", "unit": "score", "source": "t", "weight": 100,
           "rubric": {"type": "direct"}}
    if raters:
        ind["raters"] = {"groups": [{"id": "peer", "weight": 100}]}
    return appraisal.Scheme.from_dict({
        "format": "appraisal-scheme/1", "id": "h", "version": "1", "name": "H", "period": "quarter",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": 100, "indicators": [ind]}],
        "grades": [{"id": "A", "min": 60}, {"id": "D", "min": 0}]})


def test_score_frame_with_ratings_of_mixed_scales():
    # 11.1: "50" and "70.5" → (50.00 + 70.50) / 2 = 60.25, grade A (was 37.75, D).
    pd = pytest.importorskip("pandas")
    s = direct(raters=True)
    df = pd.DataFrame({"employee": ["E1", "E2"], "period": ["P", "P"],
                       "ratings.x": ["peer:R1=50; peer:R2=70.5", "peer:R1=40; peer:R2=33.125"]})
    out = s.score_frame(df, decimals="str")
    assert list(out["total"]) == ["60.25", "36.57"]  # (40 + 33.13) / 2 = 36.565 → 36.57
    assert list(out["grade"]) == ["A", "D"]


def test_a_rating_without_equals_is_an_error_not_an_abstention():
    # 11.14: "peer:R2 40" used to abstain (score 80 instead of 60).
    pd = pytest.importorskip("pandas")
    s = direct(raters=True)
    df = pd.DataFrame({"employee": ["E1"], "period": ["P"], "ratings.x": ["peer:R1=80; peer:R2 40"]})
    out = s.score_frame(df, decimals="str")
    assert out["status"][0] == "error"
    assert "ratings.x[1]" in out["errors"][0]


def test_whatif_with_27_decimals_answers():
    # 11.3: A needs 60.00, i.e. x >= 59.995, on the value's grid: 59.995.
    w = direct().whatif({"employee": "E", "period": "P", "values": {"x": "5.123456789012345678901234567"}})
    assert w["answers"][0]["outcome"] == "reachable"
    assert w["answers"][0]["value"] == "59.995"


def test_rollup_checks_its_results():
    # 11.4 and 11.11: huge weights are exact; other employees and repeated periods are errors.
    s = direct()
    cards = [s.score({"employee": "E", "period": p, "values": {"x": v}}) for p, v in [("2026-Q1", "20"), ("2026-Q2", "80")]]
    r = s.rollup("E", "H1", cards, weights=[1, Decimal("1e12")])
    assert r["total"] == "80.00"  # (20 + 80e12) / (1e12 + 1) = 80 - 60 / (1e12 + 1) = 79.99999999994 → 80.00
    other = s.score({"employee": "F", "period": "2026-Q3", "values": {"x": "90"}})
    with pytest.raises(appraisal.AppraisalError) as e:
        s.rollup("E", "H1", cards + [other, cards[0]])
    paths = [x["path"] for x in e.value.errors]
    assert paths == ["results[2].employee", "results[3].period"]


def test_files_are_read_with_a_cap():
    # 11.6: /dev/zero stops at 4 MiB with limit_exceeded.
    t = time.perf_counter()
    with pytest.raises(appraisal.SchemeError) as e:
        appraisal.Scheme.from_file("/dev/zero")
    assert e.value.errors[0]["code"] == "limit_exceeded"
    assert time.perf_counter() - t < 30  # not a timing target: only that it ends


def test_an_oversized_record_is_refused():
    # 11.5: 200,000 ratings (about 9 MB of JSON) are limit_exceeded; a batch keeps its good records.
    s = direct(raters=True)
    big = {"employee": "B", "period": "P", "ratings": {"x": [{"group": "peer", "rater": f"R{i}", "value": "4"} for i in range(200_000)]}}
    with pytest.raises(appraisal.AppraisalError) as e:
        s.score(big)
    assert e.value.errors[0]["code"] == "limit_exceeded"
    good = {"employee": "G", "period": "P", "ratings": {"x": [{"group": "peer", "rater": "R1", "value": "70"}]}}
    batch = s.score_many([good, big, good])
    assert [c.total if c else None for c in batch.results] == [Decimal("70.00"), None, Decimal("70.00")]


def test_bindings_do_not_coerce():
    # 11.16
    rules = appraisal.RuleSet.builtin()
    s = direct()
    card = s.score({"employee": "E", "period": "2026-Q3", "values": {"x": "70"}})
    with pytest.raises(appraisal.AppraisalError) as e:
        rules.apply(card, [], money_dp=99)
    assert e.value.errors[0]["path"] == "money_dp"
    with pytest.raises(appraisal.AppraisalError) as e:
        rules.apply(card, [card])  # the current period is not history (11.12)
    assert e.value.errors[0]["path"] == "history[0].period"
    with pytest.raises(appraisal.AppraisalError) as e:
        appraisal.distribute("not json", [card])
    assert e.value.errors[0]["code"] == "invalid_json"
    with pytest.raises(appraisal.AppraisalError) as e:
        appraisal.render_form(s, None, "en", "pdf")
    assert e.value.errors[0]["path"] == "format"
    with pytest.raises(appraisal.AppraisalError):
        appraisal.split_pool(100, [1], 11)
    with pytest.raises(appraisal.AppraisalError) as e:
        appraisal.distribute({"grades": ["A", "D"], "quotas": []}, [card, card])  # 11.13
    assert e.value.errors[0]["path"] == "results[1].employee"


def test_markdown_forms_are_inert():
    # 11.10
    s = direct()
    card = s.score({"employee": "<script>alert(1)</script>", "period": "<img src=x onerror=alert(1)>", "values": {"x": "70"}})
    md = appraisal.render_form(s, card, "en", "markdown")
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;" in md
