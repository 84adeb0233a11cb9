"""The Python API: Decimal in and out, shapes identical to Rust's, errors with codes and paths."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

import appraisal
from appraisal import AppraisalError, RecordError, Scheme, SchemeError

APPENDIX_RECORD = {
    "employee": "E1001",
    "period": "2026-Q3",
    "role": "csr",
    "values": {"attendance": Decimal("98.5"), "task_completion": 93},
    "ratings": {
        "communication": [
            {"group": "supervisor", "rater": "M01", "value": "4"},
            {"group": "peer", "rater": "P07", "value": "5"},
            {"group": "peer", "rater": "P09", "value": "4"},
        ]
    },
    "events": {"commendation": 1},
}


@pytest.fixture
def scheme(appendix):
    return Scheme.from_dict(appendix["scheme"])


def test_appendix_example_by_hand(scheme):
    card = scheme.score(APPENDIX_RECORD)
    # SPEC Appendix: basic (50*80 + 50*65)/100 = 72.50; communication 17450/200 = 87.25;
    # base (20*72.5 + 80*87.25)/100 = 84.30; +2 -> 86.30, grade A.
    assert card.total == Decimal("86.30")
    assert isinstance(card.total, Decimal)
    assert str(card.total) == "86.30"
    assert card.base == Decimal("84.30")
    assert card.grade == "A" and card.natural_grade == "A"
    assert card.status == "complete"
    assert card.coverage == Decimal("100.00")
    assert card.adjustment_total == Decimal("2")
    assert [c["score"] for c in card.categories] == [Decimal("72.50"), Decimal("87.25")]
    att = card.indicators[0]
    assert att["id"] == "attendance" and att["score"] == Decimal("80.00") and att["step"] == "band 2: >= 95"
    assert card.adjustments == [{"id": "commendation", "units": 1, "points": Decimal("2")}]
    assert card.scheme["digest"] == scheme.digest
    assert card.vetoes == []


def test_to_dict_and_to_json_match_rust(scheme, appendix):
    card = scheme.score(APPENDIX_RECORD)
    want = appendix["expected"][0]
    want["scheme"]["digest"] = scheme.digest
    assert card.to_dict() == json.loads(json.dumps(want))
    assert card.to_json() == json.dumps(want, separators=(",", ":"), ensure_ascii=False)


def test_numbers_in_every_spelling(scheme):
    def total(att, task):
        rec = dict(APPENDIX_RECORD, values={"attendance": att, "task_completion": task})
        return scheme.score(rec).total

    want = Decimal("86.30")
    assert total(Decimal("98.5"), Decimal("93")) == want
    assert total("98.5", "93") == want
    assert total(98.5, 93) == want  # float through repr: 98.5 exactly
    assert total("98.50", 93.0) == want
    assert total("985e-1", "9.3E1") == want


def test_float_goes_through_repr_not_binary():
    # A direct score of 0.1 + 0.2: repr gives 0.30000000000000004, which rounds to 0.30;
    # the binary value 0.3000000000000000444... would too, but 2.675 shows the difference:
    # binary 2.67499999... would round half-up to 2.67, its repr "2.675" rounds to 2.68.
    doc = {
        "format": "appraisal-scheme/1", "id": "d", "version": "1", "name": "D", "period": "month",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": 100, "indicators": [
            {"id": "x", "name": "X", "kind": "quantitative", "unit": "score", "source": "internal",
             "weight": 100, "rubric": {"type": "direct"}}]}],
        "grades": [{"id": "A", "min": 0}],
    }
    s = Scheme.from_dict(doc)
    assert s.score({"employee": "E", "period": "P", "values": {"x": 2.675}}).total == Decimal("2.68")
    assert s.score({"employee": "E", "period": "P", "values": {"x": 0.1 + 0.2}}).total == Decimal("0.30")


def test_properties_and_builtins():
    s = appraisal.builtin("csr")
    assert s.id == "csr-quarterly" and s.version == "2026.1"
    assert s.digest.startswith("sha256:") and len(s.digest) == 71
    assert [c["id"] for c in s.categories] == ["basic_work", "service_quality", "customer_satisfaction", "problem_handling"]
    assert [c["weight"] for c in s.categories] == ["20", "35", "25", "20"]
    ids = [i["id"] for i in s.indicators]
    assert ids[:2] == ["attendance", "task_completion"] and len(ids) == 13
    assert s.indicators[0]["category"] == "basic_work"
    assert s.name("zh") == "客服代表季度绩效考核"
    assert Scheme.builtin_names() == ["csr", "tech_support", "account_manager"]
    assert Scheme.from_json(s.to_json()).digest == s.digest
    assert Scheme.from_json(s.to_json().encode()).digest == s.digest
    assert Scheme.from_dict(s.to_dict()).digest == s.digest
    assert "employee" in s.wide_header()


def test_from_file(tmp_path: Path):
    p = tmp_path / "s.json"
    p.write_text(appraisal.builtin("tech_support").to_json(), encoding="utf-8")
    assert Scheme.from_file(p).id == "tech-support-quarterly"
    assert Scheme.from_file(str(p)).id == "tech-support-quarterly"
    with pytest.raises(OSError):
        Scheme.from_file(tmp_path / "missing.json")


def test_scheme_errors(appendix):
    bad = json.loads(json.dumps(appendix["scheme"], default=str))
    bad["categories"][0]["weight"] = "30"
    bad["grades"][4]["min"] = "5"
    with pytest.raises(SchemeError) as info:
        Scheme.from_dict(bad)
    assert isinstance(info.value, AppraisalError) and isinstance(info.value, ValueError)
    assert [(e["code"], e["path"]) for e in info.value.errors] == [
        ("weights_sum", "categories"),
        ("grades_order", "grades[4].min"),
    ]
    assert all(e["message"] for e in info.value.errors)
    assert Scheme.validate(bad) == info.value.errors
    assert Scheme.validate(json.dumps(appendix["scheme"], default=str)) == []
    with pytest.raises(SchemeError) as info:
        Scheme.from_json("{not json")
    assert info.value.errors[0]["code"] == "invalid_json"
    with pytest.raises(SchemeError) as info:
        Scheme.builtin("nope")
    with pytest.raises(TypeError):
        Scheme.from_json(42)  # type: ignore[arg-type]


def test_record_errors(scheme):
    rec = dict(APPENDIX_RECORD, values={"attendance": "101", "task_completion": "93%", "nope": 1})
    with pytest.raises(RecordError) as info:
        scheme.score(rec)
    assert isinstance(info.value, AppraisalError)
    assert [(e["code"], e["path"]) for e in info.value.errors] == [
        ("out_of_range", "values.attendance"),
        ("unparsable_number", "values.task_completion"),
        ("unknown_indicator", "values.nope"),
    ]
    with pytest.raises(RecordError) as info:
        scheme.score({"employee": "E", "period": "P", "values": {"attendance": Decimal("NaN")}})
    assert info.value.errors[0]["code"] == "unparsable_number"
    with pytest.raises(RecordError) as info:
        scheme.score({"employee": "E", "period": "P", "values": {"attendance": object()}})
    assert info.value.errors[0]["path"] == "values.attendance"
    with pytest.raises(RecordError) as info:
        scheme.score([1, 2])  # type: ignore[arg-type]
    assert info.value.errors[0]["code"] == "invalid_type"


def test_score_many_keeps_every_good_result(scheme):
    bad = {"employee": "BAD", "period": "P", "values": {"attendence": 99}}
    records = [APPENDIX_RECORD, bad, dict(APPENDIX_RECORD, employee="E2"), "not a record", APPENDIX_RECORD]
    batch = scheme.score_many(records)
    assert len(batch) == 5 and batch.ok_count == 3
    assert [r.employee if r else None for r in batch.results] == ["E1001", None, "E2", None, "E1001"]
    assert sorted(batch.errors) == [1, 3]
    assert batch.errors[1][0]["code"] == "unknown_indicator"
    assert batch.errors[3][0]["code"] == "invalid_type"
    assert all(r.total == Decimal("86.30") for r in batch.results if r)
    lst = batch.to_list()
    assert lst[1] == {"employee": "BAD", "period": "P", "errors": batch.errors[1]}
    assert scheme.score_many(iter([])).ok_count == 0
    with pytest.raises(IndexError):
        batch.entry_json(9)


def test_explain(scheme):
    text = scheme.explain(APPENDIX_RECORD, "zh")
    assert "86.30" in text and "出勤率" in text
    with pytest.raises(RecordError):
        scheme.explain({"employee": "E"})


def test_a_panic_becomes_an_exception():
    with pytest.raises(AppraisalError, match="internal error"):
        appraisal._appraisal._panic_for_tests()
    # the module still works afterwards
    assert appraisal.builtin("csr").id == "csr-quarterly"


def test_repr(scheme):
    assert repr(scheme) == 'Scheme(id="csr-quarterly", version="2026.1")'
    assert repr(scheme.score(APPENDIX_RECORD)) == "Scorecard(employee=\"E1001\", period=\"2026-Q3\", total=Decimal('86.30'), grade=\"A\")"
