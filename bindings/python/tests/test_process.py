"""Process, audit, confidentiality, versions, analytics and the form from Python."""

import json
from decimal import Decimal

import pytest

import appraisal
from conftest import VECTORS, load_vector

DAY = 86_400


@pytest.fixture
def card():
    doc = load_vector(VECTORS / "appendix.json")
    return appraisal.Scheme.from_dict(doc["scheme"]).score(doc["records"][0]), doc["records"][0]


def test_process_and_audit(card):
    c, _ = card
    a = appraisal.Appraisal(c, 7 * DAY)
    a.advance("collecting", "H1", "hr", 1 * DAY)
    a.advance("scoring", "M01", "supervisor", 2 * DAY)
    a.override_score("total", Decimal("88"), "M01", "supervisor", 3 * DAY, "late commendations")
    assert a.effective_total == Decimal("88")
    a.advance("reviewing", "M01", "supervisor", 4 * DAY)
    with pytest.raises(appraisal.AppraisalError) as info:
        a.advance("feedback", "E1001", "reviewer", 5 * DAY)
    assert info.value.code == "separation_of_duty"
    assert info.value.errors[0]["code"] == "separation_of_duty" and info.value.errors[0]["path"] == "actor"
    a.advance("feedback", "R1", "reviewer", 5 * DAY)
    with pytest.raises(appraisal.AppraisalError) as info:
        a.appeal("E1001", 13 * DAY, "too late")
    assert info.value.code == "appeal_window_closed"
    assert info.value.errors[0]["code"] == "appeal_window_closed" and info.value.errors[0]["path"] == "at"
    a.appeal("E1001", 6 * DAY, "CSAT sample")
    assert a.state == "reviewing"
    log = a.audit
    assert appraisal.verify_audit(log) is None
    log[1]["reason"] = "edited"
    assert "entry 1 was edited" in appraisal.verify_audit(log)


def test_redact_versions_analytics_form(card):
    c, rec = card
    v = appraisal.redact(c, "employee", "feedback", ratings=rec["ratings"], comments=[{"by": "R1", "text": "ok"}])
    assert v["total"] == "86.30" and "P07" not in json.dumps(v)
    assert set(appraisal.redact(c, "employee", "scoring")) == {"employee", "period", "scheme"}
    old = appraisal.Scheme.builtin("csr")
    d = old.to_dict()
    d["grades"][1]["min"] = "86"
    d["version"] = "2026.2"
    assert appraisal.diff(old, appraisal.Scheme.from_dict(d)) == [{"kind": "changed", "path": "grades.A.min", "text": "grade A from 85 → 86"}]
    stats = appraisal.indicator_analytics(appraisal.Scheme.builtin("csr"), [], 90, 50)
    assert len(stats) == 13 and stats[0]["measured"] == 0
    html = appraisal.render_form(old, None, "zh")
    assert "出勤率" in html and html.startswith("<!doctype html>")
    assert appraisal.render_form(old, format="markdown").startswith("# Performance appraisal form")


def test_steps_read_in_chinese():
    # Issue 12: the rule step the core writes, in the reader's language.
    assert appraisal.step_text("band 3: >= 95", "zh") == "第 3 档：≥ 95"
    assert appraisal.step_text("segment 2: 90 to 100", "zh") == "第 2 段：90 至 100"
    assert appraisal.step_text("band 3: >= 95") == "band 3: >= 95"
    assert appraisal.unit_text("seconds", "zh") == "秒"
    assert appraisal.unit_text("percent", "en") == "%"
    with pytest.raises(appraisal.AppraisalError) as e:
        appraisal.step_text("pass", "fr")
    assert e.value.errors[0]["path"] == "lang"
