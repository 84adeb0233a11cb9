"""The JSON Schemas in schemas/ (2020-12), checked by a real validator (jsonschema):
every built-in scheme, example, corpus scheme, record and result validates; and the schema and
the core agree on a set of invalid (and valid) documents."""
import copy
import json
import pathlib

import pytest
from jsonschema import Draft202012Validator

from appraisal import Scheme

ROOT = pathlib.Path(__file__).resolve().parents[3]
SCHEMAS = ROOT / "schemas"


def validator(name):
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


SCHEME, RECORD, RESULT = validator("scheme"), validator("record"), validator("result")


def problems(v, doc):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(doc)]


def test_the_schemas_are_generated_from_schemas_generate_py():
    import runpy, tempfile, shutil
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(SCHEMAS / "generate.py", d)
        runpy.run_path(str(pathlib.Path(d) / "generate.py"))
        for name in ("scheme", "record", "result"):
            assert (pathlib.Path(d) / f"{name}.schema.json").read_text() == (SCHEMAS / f"{name}.schema.json").read_text(), name


def builtin_files():
    return sorted(p for p in (ROOT / "crates/appraisal/src/scheme/builtin").glob("*.json") if p.name != "rules.json")


@pytest.mark.parametrize("path", builtin_files(), ids=lambda p: p.name)
def test_every_builtin_scheme_validates_and_names_the_schema(path):
    doc = json.loads(path.read_text())
    assert problems(SCHEME, doc) == []
    Scheme.from_json(path.read_text())  # and the core reads it
    assert (path.parent / doc["$schema"]).resolve() == (SCHEMAS / "scheme.schema.json").resolve()


def vector_docs():
    return sorted((ROOT / "tests/vectors").glob("*.json"))


@pytest.mark.parametrize("path", vector_docs(), ids=lambda p: p.name)
def test_every_corpus_file_validates(path):
    doc = json.loads(path.read_text())
    scheme = doc.get("scheme")
    if isinstance(scheme, dict):
        if "scheme_errors" in doc:
            assert problems(SCHEME, scheme) != [] or doc["scheme_errors"][0]["code"] in (
                "weights_sum", "invalid_rubric", "grades_order", "unknown_reference", "duplicate_id", "invalid_value", "invalid_range"), path.name
        else:
            assert problems(SCHEME, scheme) == [], path.name
    expected = doc.get("expected") if "kind" not in doc and isinstance(doc.get("expected"), list) else None
    records = doc.get("records", []) + ([doc["record"]] if isinstance(doc.get("record"), dict) else [])
    for i, r in enumerate(records):
        if expected is not None and i < len(expected) and "errors" in expected[i]:
            continue  # a record the corpus means to be bad (the core's errors are the vector's)
        assert problems(RECORD, r) == [], (path.name, r)
    for e in expected or []:
        e = json.loads(json.dumps(e).replace("sha256:*", "sha256:" + "0" * 64))
        for x in e.get("errors", []):
            x.setdefault("message", "(the corpus gives codes and paths only)")
        assert problems(RESULT, e) == [], (path.name, e)


def example_records():
    # calibration files hold {session, evaluator, record} entries: their records are checked below
    return sorted(p for p in (ROOT / "examples/data").glob("**/*.jsonl") if not p.name.startswith("calibration-"))


def test_every_calibration_entry_holds_a_valid_record():
    for path in sorted((ROOT / "examples/data").glob("calibration-*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                entry = json.loads(line)
                assert set(entry) <= {"session", "evaluator", "record", "reference"}, entry
                assert problems(RECORD, entry["record"]) == [], entry


@pytest.mark.parametrize("path", example_records(), ids=lambda p: p.name)
def test_every_example_record_and_its_result_validates(path):
    lines = [json.loads(l) for l in path.read_text().splitlines() if l.strip()]
    scheme = Scheme.builtin({"qa-form-2026-01.jsonl": "qa_form", "discipline-2026-01.jsonl": "discipline_pool",
                             "manager-review-2026.jsonl": "manager_review"}.get(path.name, "csr"))
    for r in lines:
        assert problems(RECORD, r) == [], r
    for entry in json.loads(scheme.score_many(lines).to_json()) if hasattr(scheme.score_many(lines), "to_json") else []:
        assert problems(RESULT, entry) == [], entry
    for r in lines:
        try:
            card = scheme.score(r)
        except Exception:
            continue
        assert problems(RESULT, card.to_dict()) == [], card.to_dict()


def base_v2():
    return json.loads((ROOT / "crates/appraisal/src/scheme/builtin/qa_form.json").read_text())


def base_v1():
    return json.loads((ROOT / "crates/appraisal/src/scheme/builtin/csr.json").read_text())


def edit(doc, fn):
    doc = copy.deepcopy(doc)
    fn(doc)
    return doc


# Documents both the schema and the core must refuse (shape errors: the schema's domain).
INVALID = {
    "format 1 with relative weights": edit(base_v1(), lambda d: d.update(weights="relative")),
    "format 1 with a rating": edit(base_v1(), lambda d: d.update(rating={"points": [["0", "1"], ["100", "5"]]})),
    "format 1 with a pool": edit(base_v1(), lambda d: d["categories"][0].update(pool={})),
    "format 1 with applies_when": edit(base_v1(), lambda d: d["categories"][0]["indicators"][0].update(applies_when={"attribute": "c", "in": ["x"]})),
    "format 1 with a strict step": edit(base_v1(), lambda d: d["categories"][0]["indicators"][0]["rubric"]["steps"][0].update(above="99") or d["categories"][0]["indicators"][0]["rubric"]["steps"][0].pop("at_least")),
    "format 1 with a score veto": edit(base_v1(), lambda d: d["vetoes"].append({"id": "sv", "when": {"indicator": "attendance", "on": "score", "op": "<", "value": "50"}, "effect": {"type": "zero_total"}})),
    "unknown format": edit(base_v2(), lambda d: d.update(format="appraisal-scheme/3")),
    "unknown weights": edit(base_v2(), lambda d: d.update(weights="ratio")),
    "a pool item with a weight": edit(base_v2(), lambda d: d["categories"][0].update(pool={}) or None),
    "a veto's unknown on": edit(base_v2(), lambda d: d["vetoes"][0]["when"].update(on="value")),
    "applies_when without values": edit(base_v2(), lambda d: d["categories"][1]["indicators"][2]["applies_when"].update({"in": []})),
    "an unknown field": edit(base_v2(), lambda d: d.update(colour="red")),
    "a rubric field of another type": edit(base_v2(), lambda d: d["categories"][0]["indicators"][0]["rubric"].update(levels=[])),
    "negative weight": edit(base_v2(), lambda d: d["categories"][0].update(weight="-1")),
    "a rating without points": edit(base_v2(), lambda d: d.update(rating={"dp": 1})),
    "a weight that is not a number": edit(base_v2(), lambda d: d["categories"][0].update(weight="a lot")),
    "a lower_better step with above": edit(base_v2(), lambda d: d["categories"][0]["indicators"].append({
        "id": "e", "name": "e", "kind": "quantitative", "unit": "x", "source": "x", "weight": "1",
        "rubric": {"type": "bands", "direction": "lower_better", "steps": [{"above": "2", "score": "100"}], "otherwise": "0"}})),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_the_schema_and_the_core_agree_on_invalid_documents(name):
    doc = INVALID[name]
    assert problems(SCHEME, doc) != [], f"the schema accepts: {name}"
    assert Scheme.validate(doc) != [], f"the core accepts: {name}"


VALID = {
    "the QA form": base_v2(),
    "format 1 relabelled": edit(base_v1(), lambda d: d.update(format="appraisal-scheme/2")),
    "a strict step in format 2": edit(base_v2(), lambda d: d["categories"][0]["indicators"].append({
        "id": "e", "name": "e", "kind": "quantitative", "unit": "x", "source": "x", "weight": "1",
        "rubric": {"type": "bands", "direction": "lower_better", "steps": [{"below": "2", "score": "100"}, {"at_most": "2", "score": "50"}], "otherwise": "0"}})),
}


@pytest.mark.parametrize("name", sorted(VALID))
def test_the_schema_and_the_core_agree_on_valid_documents(name):
    assert problems(SCHEME, VALID[name]) == []
    assert Scheme.validate(VALID[name]) == []
