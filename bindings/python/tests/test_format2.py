"""Format 2 (SPEC §8) from Python: the same core, values worked out by hand from SPEC §8."""
import json
import pathlib
from decimal import Decimal

import pandas as pd
import pytest

from appraisal import Scheme, SchemeError

ROOT = pathlib.Path(__file__).resolve().parents[3]


def sample(name):
    return [json.loads(l) for l in (ROOT / "examples" / "data" / "format2" / name).read_text().splitlines() if l.strip()]


def test_examples_are_built_in():
    assert Scheme.example_names() == ["qa_form", "discipline_pool", "manager_review"]
    assert Scheme.builtin_names() == ["csr", "tech_support", "account_manager"]


def test_the_manager_review_has_a_rating_beside_the_total():
    # goals 104 above 100 -> 100; behaviours (80 + 60) / 2 = 70; base 88.00;
    # rating 3 + (88 - 60) x 2 / 40 = 4.4 at dp 1.
    s = Scheme.builtin("manager_review")
    c = s.score(sample("manager-review-2026.jsonl")[0])
    assert c.total == Decimal("88.00")
    assert c.rating == Decimal("4.4") and c.has_rating
    assert c.to_dict()["rating"] == "4.4"
    # no rating map: None and no field
    plain = Scheme.builtin("csr").score({"employee": "E", "period": "P", "values": {}})
    assert plain.rating is None and not plain.has_rating
    assert "rating" not in plain.to_dict()


def test_a_qa_form_contact_out_of_scope_and_the_critical_item():
    s = Scheme.builtin("qa_form")
    recs = sample("qa-form-2026-01.jsonl")
    # phone: (1 x 100 + 3 x 90 + 1 x 0) / 5 = 74.00, writing out of scope
    c = s.score(recs[0])
    assert (c.total, c.grade) == (Decimal("74.00"), "fair")
    writing = [i for i in c.indicators if i["id"] == "writing"][0]
    assert writing["reason"] == "out_of_scope" and writing["score"] is None
    # chat: accuracy "2" = 30 < 50 fails the contact
    c = s.score(recs[1])
    assert c.total == Decimal("0.00") and c.vetoes == ["critical_accuracy"]


def test_a_pool_in_a_frame_and_the_rating_column():
    # discipline pool, CS1001: 100 - 15 - 10 = 75; base (70 x 80 + 30 x 75) / 100 = 78.50
    s = Scheme.builtin("discipline_pool")
    rows = sample("discipline-2026-01.jsonl")
    flat = [{"employee": r["employee"], "period": r["period"], **r["values"]} for r in rows]
    df = s.score_frame(pd.DataFrame(flat).astype(str).replace({"nan": None}))
    assert df.loc[0, "discipline"] == Decimal("75.00")
    assert df.loc[0, "total"] == Decimal("78.50")
    mr = Scheme.builtin("manager_review")
    flat = [{"employee": r["employee"], "period": r["period"], **r["values"]} for r in sample("manager-review-2026.jsonl")]
    df = mr.score_frame(pd.DataFrame(flat).astype(str).replace({"nan": None}))
    cols = list(df.columns)
    assert cols.index("rating") == cols.index("total") + 1
    assert df.loc[0, "rating"] == Decimal("4.4")


def test_a_format_1_document_with_a_format_2_field_is_rejected_at_that_field():
    doc = json.loads(Scheme.builtin("csr").to_json())
    doc["weights"] = "relative"
    with pytest.raises(SchemeError) as e:
        Scheme.from_json(json.dumps(doc))
    assert [(x["code"], x["path"]) for x in e.value.errors] == [("unknown_field", "weights")]
