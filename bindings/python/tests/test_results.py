"""Periods, populations and the use of results from Python: the same core, hand-worked values."""

from decimal import Decimal

import pytest

import appraisal


def direct_scheme():
    return appraisal.Scheme.from_dict({
        "format": "appraisal-scheme/1", "id": "fd", "version": "1", "name": "FD", "period": "quarter",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": 100, "indicators": [
            {"id": "x", "name": "X", "kind": "quantitative", "unit": "score", "source": "internal", "weight": 100,
             "rubric": {"type": "direct"}}]}],
        "grades": [{"id": "S", "min": 95}, {"id": "A", "min": 85}, {"id": "B", "min": 70}, {"id": "C", "min": 60}, {"id": "D", "min": 0}],
    })


def cards(totals):
    s = direct_scheme()
    return [s.score({"employee": f"E{i + 1:02d}", "period": "P", "values": {"x": t}}) for i, t in enumerate(totals)]


def periods(totals, labels):
    """One employee's results over the given periods (roll-ups and history take only these)."""
    s = direct_scheme()
    return [s.score({"employee": "E01", "period": p, "values": {"x": t}}) for t, p in zip(totals, labels)]


def test_money():
    # 100.00 in three: 33.33 each + one leftover cent to the first (ties: input order)
    assert appraisal.split_pool(Decimal("100"), [1, 1, 1]) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    # 8000 × 1.2 × 5 / 12 = 4000.00
    assert appraisal.bonus(8000, "1.2", 5, 12) == Decimal("4000.00")
    with pytest.raises(appraisal.AppraisalError) as info:
        appraisal.split_pool("5", [0])
    assert info.value.errors[0]["path"] == "weights"


def test_distribute_lenient():
    # n = 12: S allowed ceil(1.2) = 2, S+A ceil(3.6) = 4
    totals = ["99", "98", "97", "96", "94", "93", "92", "91", "90", "89", "80", "75"]
    config = {"grades": ["S", "A", "B", "C", "D"],
              "quotas": [{"grades": ["S"], "max_pct": 10}, {"grades": ["S", "A"], "max_pct": 30}, {"grades": ["D"], "min_pct": 5}]}
    d = appraisal.distribute(config, cards(totals))
    assert [p["to"] for p in d["people"]] == ["S", "S", "A", "A"] + ["B"] * 8
    assert d["people"][2]["reason"] == "max quota S (10% of 12 = 2) full"
    with pytest.raises(appraisal.SchemeError):
        appraisal.distribute({"grades": ["S"], "quotas": [{"grades": ["X"], "max_pct": 1}]}, [])


def test_rollup_and_whatif():
    s = direct_scheme()
    a, b, c = periods(["80", "90", "85.5"], ["2026-07", "2026-08", "2026-09"])
    # (80 + 90 + 85.5) / 3 = 85.1666.. -> 85.17 -> A
    r = s.rollup("E01", "Q", [a, b, c])
    assert (r["total"], r["grade"], r["periods_used"]) == ("85.17", "A", 3)
    r = s.rollup("E01", "Q", [a, b], weights=[Decimal(1), 3])  # (80 + 270) / 4 = 87.50
    assert r["total"] == "87.50"
    # what-if: 80.0 (B) needs 85 for A, on the grid of tenths: 85
    w = s.whatif({"employee": "E", "period": "P", "values": {"x": "80.0"}})
    assert w["target"] == "A" and w["answers"][0]["value"] == "85" and w["answers"][0]["outcome"] == "reachable"


def test_rules_with_history():
    rules = appraisal.RuleSet.builtin()
    assert rules.id == "handbook-default-rules"
    hist = periods(["90", "88", "96"], ["2025-Q4", "2026-Q1", "2026-Q2"])
    cur = periods(["91"], ["2026-Q3"])[0]
    a = rules.apply(cur, hist, {"compa_ratio": Decimal("0.95"), "base_bonus": 6000, "months_served": 2, "months_in_period": 3})
    assert a["position"]["value"] == "promotion_eligible"
    assert a["bonus_coefficient"]["value"] == "1.2"
    assert a["salary_adjustment_pct"]["value"] == "4.5"
    assert a["bonus"] == "4800.00"  # 6000 × 1.2 × 2 / 3
    with pytest.raises(appraisal.SchemeError):
        appraisal.RuleSet.from_dict({"format": "appraisal-rules/1"})


def test_saved_results_are_used_again():
    # Issue 12: a scorecard saved as JSON (a database, yesterday's run) comes back equal and
    # takes part in distribution, roll-ups and the rules; another scheme's result is refused.
    import json

    s = direct_scheme()
    saved = [c.to_json() for c in periods(["80", "90", "85.5"], ["2026-07", "2026-08", "2026-09"])]
    back = [appraisal.Scorecard.from_json(t) for t in saved]
    assert [b.to_json() for b in back] == saved
    assert appraisal.Scorecard.from_dict(json.loads(saved[0])).total == Decimal("80.00")
    r = s.rollup("E01", "Q3", back)
    assert r["total"] == "85.17"  # (80 + 90 + 85.5) / 3
    s.check_result(back[0])
    other = appraisal.Scheme.builtin("csr")
    with pytest.raises(appraisal.AppraisalError) as e:
        other.check_result(back[0])
    assert e.value.errors[0]["path"] == "scheme"
    batch = s.score_many([{"employee": "E01", "period": "P", "values": {"x": "70"}}, {"employee": "E02"}])
    text = json.dumps(batch.to_list())
    again = s.read_results(text)
    assert len(again) == 2 and again.results[0].total == Decimal("70.00") and again.results[1] is None
    with pytest.raises(appraisal.AppraisalError) as e:
        other.read_results(text)
    assert e.value.errors[0]["path"] == "results[0].scheme"
    with pytest.raises(appraisal.AppraisalError):
        appraisal.Scorecard.from_json('{"employee": "E"}')
