"""Calibration sessions from Python (issue 15): the bundled sample's known biased evaluators,
entries as dicts or as JSON Lines text, and coded errors. The hand-worked vector runs in
test_corpus.py."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

import appraisal

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "examples" / "data" / "calibration-2026-01.jsonl"


def test_sample_flags_the_known_harsh_and_lenient_evaluators() -> None:
    scheme = appraisal.Scheme.builtin("qa_form")
    text = SAMPLE.read_text(encoding="utf-8")
    by_text = scheme.calibrate(text)
    by_dicts = scheme.calibrate([json.loads(l) for l in text.splitlines() if l.strip()])
    assert by_text == by_dicts
    flags = {e["evaluator"]: e["flag"] for e in by_text["evaluators"]}
    # examples/data/generate_calibration.py made QA02 harsh and QA04 lenient.
    assert flags == {"QA01": None, "QA02": "strict", "QA03": None, "QA04": "lenient", "QA05": None}
    assert (by_text["strictest"], by_text["most_lenient"]) == ("QA02", "QA04")
    # At 0.99 the intervals are wider and contain the 0.95 ones (both rounded outward).
    wide = scheme.calibrate(text, {"confidence": "0.99"})
    for a, b in zip(by_text["evaluators"], wide["evaluators"]):
        lo95, hi95 = (float(x) for x in (a["interval"]["lo"], a["interval"]["hi"]))
        lo99, hi99 = (float(x) for x in (b["interval"]["lo"], b["interval"]["hi"]))
        assert lo99 <= lo95 and hi95 <= hi99


def test_bad_configuration_and_entries() -> None:
    scheme = appraisal.Scheme.builtin("qa_form")
    with pytest.raises(appraisal.AppraisalError) as e:
        scheme.calibrate([], {"confidence": "0.97"})
    assert e.value.errors[0]["code"] == "invalid_value"
    with pytest.raises(appraisal.AppraisalError):
        scheme.calibrate([], {"no_such_field": 1})
    rep = scheme.calibrate([{"session": "S1", "record": {}}, {"evaluator": "QA01"}])
    assert [f["errors"][0]["code"] for f in rep["failures"]] == ["missing_field", "missing_field"]
    assert rep["evaluators"] == []


def test_rater_pool_leniency_flags_the_known_raters() -> None:
    scheme = appraisal.Scheme.builtin("csr")
    path = ROOT / "examples" / "data" / "rater-pool-2026-Q3.jsonl"
    records = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    rep = scheme.leniency(records)
    flagged = {r["rater"]: r["flag"] for r in rep["raters"] if r["flag"]}
    # examples/data/generate_rater_pool.py made P04 lenient and P08 severe.
    assert flagged == {"P04": "lenient", "P08": "severe"}
    with pytest.raises(appraisal.AppraisalError):
        scheme.leniency(records, {"confidence": 0.5})


def test_rater_correction_is_explicit_and_shows_on_the_scorecard() -> None:
    scheme = appraisal.Scheme.builtin("csr")
    path = ROOT / "examples" / "data" / "rater-pool-2026-Q3.jsonl"
    records = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    rep = scheme.correct_ratings(records)
    # Ten peers per indicator are corrected; four supervisors are below the default pool of 10.
    assert [(p["group"], p["corrected"]) for p in rep["pools"]] == [
        ("supervisor", False), ("peer", True), ("supervisor", False), ("peer", True)]
    # The input is untouched; the corrected records are new, marked input.
    assert "rating_correction" not in records[0]
    assert rep["records"][0]["rating_correction"] == {"method": "mean_shift", "min_pool": 10, "min_ratings": 5}
    # Scored, they say so; the lenient P04 is no longer flagged.
    card = scheme.score(rep["records"][0])
    assert card.rating_correction == {"method": "mean_shift", "ratings": 6}
    assert card.to_dict()["rating_correction"] == card.rating_correction
    assert scheme.score(records[0]).rating_correction is None
    assert "rating_correction" not in scheme.score(records[0]).to_dict()
    after = {r["rater"]: r["flag"] for r in scheme.leniency(rep["records"])["raters"] if r["flag"]}
    assert "P04" not in after
    with pytest.raises(appraisal.AppraisalError):
        scheme.correct_ratings(records, {"method": "median"})


def test_rater_correction_vector_scores_by_hand() -> None:
    doc = json.loads((ROOT / "tests" / "vectors" / "correction-mean-shift.json").read_text(encoding="utf-8"))
    scheme = appraisal.Scheme.from_dict(doc["scheme"])
    rep = scheme.correct_ratings(doc["records"], doc["config"])
    # E1: (76.43 + 81.43 + 83.93) / 3 = 80.5966.. -> 80.60 (80.00 before).
    assert scheme.score(rep["records"][0]).total == Decimal("80.60")
    assert scheme.score(doc["records"][0]).total == Decimal("80.00")


def test_shrinkage_is_declared_and_shows_both_values() -> None:
    doc = json.loads((ROOT / "tests" / "vectors" / "shrinkage.json").read_text(encoding="utf-8"))
    scheme = appraisal.Scheme.from_dict(doc["scheme"])
    rep = scheme.shrink(doc["records"], doc["teams"])
    # E1: 90 % of 3 responses, North's pooled mean 72: (270 + 720) / 13 = 76.15; its score
    # 2.5 x 16.15 = 40.375 -> 40.38 instead of 75.00.
    card = scheme.score(rep["records"][0])
    assert card.shrinkage == [{"indicator": "csat", "raw": "90", "shrunk": "76.15", "raw_score": "75.00"}]
    assert scheme.score(doc["records"][0]).shrinkage == []
    # Off by default: the built-in scheme shrinks nothing.
    csr = appraisal.Scheme.builtin("csr")
    assert csr.shrink([])["indicators"] == []
    with pytest.raises(appraisal.AppraisalError):
        scheme.shrink(doc["records"], {"E1": 3})


def test_grade_uncertain_on_the_scorecard() -> None:
    doc = json.loads((ROOT / "tests" / "vectors" / "grade_uncertain.json").read_text(encoding="utf-8"))
    scheme = appraisal.Scheme.from_dict(doc["scheme"])
    # 90 % of 50: the total 75.00 in [46.60, 89.13] crosses A at 80 (worked in the vector).
    g = scheme.score(doc["records"][0]).grade_uncertain
    assert g == {"uncertain": True, "confidence": "0.95", "total_interval": {"lo": "46.60", "hi": "89.13"},
                 "boundaries": [{"grade": "A", "min": "80"}]}
    assert scheme.score(doc["records"][2]).grade_uncertain is None


def test_uncertainty_from_python() -> None:
    doc = json.loads((ROOT / "tests" / "vectors" / "uncertainty.json").read_text(encoding="utf-8"))
    scheme = appraisal.Scheme.from_dict(doc["scheme"])
    rep = scheme.uncertainty(doc["records"])
    # 90% of 50 responses: total 75.00 (B) in [46.60, 89.13]: may be A (worked in the vector).
    first = rep["records"][0]
    assert first["grade_uncertain"] and first["boundaries"] == [{"grade": "A", "min": "80"}]
    # At 0.80 the interval is narrower and inside the 0.95 one.
    narrow = scheme.uncertainty(doc["records"], {"confidence": "0.80"})["records"][0]["total_interval"]
    assert Decimal(narrow["lo"]) >= Decimal("46.60") and Decimal(narrow["hi"]) <= Decimal("89.13")
    with pytest.raises(appraisal.AppraisalError):
        scheme.uncertainty(doc["records"], {"confidence": "0.5"})
