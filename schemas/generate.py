"""Writes the JSON Schemas (2020-12) of appraisal's documents beside this file:
scheme.schema.json (formats 1 and 2), record.schema.json, result.schema.json.

python3 schemas/generate.py   (the test command checks the files are up to date)
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = "https://appraisal.invalid/schemas/"
NUMBER = r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"

defs = {
    "decimal": {"description": "An exact decimal: a JSON number or a string in JSON-number grammar (\"87.5\").",
                "anyOf": [{"type": "number"}, {"type": "string", "pattern": NUMBER}]},
    "weight": {"description": "A weight >= 0 (percent in format 1; relative in format 2 under \"weights\": \"relative\").",
               "anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"}]},
    "score": {"description": "A score in [0, 100].", "$ref": "#/$defs/decimal"},
    "id": {"type": "string", "pattern": r"\S", "description": "A non-empty identifier."},
    "text": {"description": "A plain string or a language → text map (zh, en, …).",
             "anyOf": [{"type": "string"}, {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}}]},
    "count": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": r"^(0|[1-9][0-9]*)$"}]},
    "direction": {"enum": ["higher_better", "lower_better"]},
    "point": {"type": "array", "prefixItems": [{"$ref": "#/$defs/decimal"}, {"$ref": "#/$defs/decimal"}], "minItems": 2, "maxItems": 2},
    "rubric": {
        "type": "object", "required": ["type"],
        "properties": {"type": {"enum": ["piecewise", "linear", "bands", "deduction", "ratio", "scale", "pass_fail", "direct"]}},
        "allOf": [
            {"if": {"properties": {"type": {"const": "piecewise"}}}, "then": {
                "properties": {"type": True, "points": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/point"}}},
                "required": ["points"], "additionalProperties": False}},
            {"if": {"properties": {"type": {"const": "linear"}}}, "then": {
                "properties": {"type": True, "zero_at": {"$ref": "#/$defs/decimal"}, "full_at": {"$ref": "#/$defs/decimal"}},
                "required": ["zero_at", "full_at"], "additionalProperties": False}},
            {"if": {"properties": {"type": {"const": "bands"}}}, "then": {
                "properties": {"type": True, "direction": {"$ref": "#/$defs/direction"}, "otherwise": {"$ref": "#/$defs/score"},
                               "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/band_step"}}},
                "required": ["direction", "steps", "otherwise"], "additionalProperties": False,
                "allOf": [
                    {"if": {"properties": {"direction": {"const": "higher_better"}}},
                     "then": {"properties": {"steps": {"items": {"not": {"anyOf": [{"required": ["at_most"]}, {"required": ["below"]}]}}}}}},
                    {"if": {"properties": {"direction": {"const": "lower_better"}}},
                     "then": {"properties": {"steps": {"items": {"not": {"anyOf": [{"required": ["at_least"]}, {"required": ["above"]}]}}}}}}]}},
            {"if": {"properties": {"type": {"const": "deduction"}}}, "then": {
                "properties": {"type": True, "per_unit": {"$ref": "#/$defs/decimal"}, "full": {"$ref": "#/$defs/score"},
                               "free_units": {"$ref": "#/$defs/decimal"}, "floor": {"$ref": "#/$defs/score"}},
                "required": ["per_unit"], "additionalProperties": False}},
            {"if": {"properties": {"type": {"const": "ratio"}}}, "then": {
                "properties": {"type": True, "target": {"$ref": "#/$defs/decimal"}, "direction": {"$ref": "#/$defs/direction"}},
                "required": ["target", "direction"], "additionalProperties": False}},
            {"if": {"properties": {"type": {"const": "scale"}}}, "then": {
                "properties": {"type": True, "levels": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["key", "score"], "additionalProperties": False,
                    "properties": {"key": {"type": "string"}, "label": {"$ref": "#/$defs/text"},
                                   "description": {"$ref": "#/$defs/text"}, "score": {"$ref": "#/$defs/score"}}}}},
                "required": ["levels"], "additionalProperties": False}},
            {"if": {"properties": {"type": {"const": "pass_fail"}}}, "then": {
                "properties": {"type": True, "pass": {"$ref": "#/$defs/score"}, "fail": {"$ref": "#/$defs/score"}},
                "additionalProperties": False}},
            {"if": {"properties": {"type": {"const": "direct"}}}, "then": {"properties": {"type": True}, "additionalProperties": False}},
        ]},
    "band_step": {
        "type": "object", "required": ["score"], "additionalProperties": False,
        "properties": {"at_least": {"$ref": "#/$defs/decimal"}, "at_most": {"$ref": "#/$defs/decimal"},
                       "above": {"$ref": "#/$defs/decimal", "description": "Format 2: v > x (SPEC §8.4)."},
                       "below": {"$ref": "#/$defs/decimal", "description": "Format 2: v < x (SPEC §8.4)."},
                       "score": {"$ref": "#/$defs/score"}},
        "oneOf": [{"required": ["at_least"]}, {"required": ["at_most"]}, {"required": ["above"]}, {"required": ["below"]}]},
    "indicator": {
        "type": "object", "additionalProperties": False,
        "required": ["id", "name", "kind", "unit", "source", "rubric"],
        "properties": {
            "id": {"$ref": "#/$defs/id"}, "name": {"$ref": "#/$defs/text"}, "kind": {"enum": ["quantitative", "qualitative"]},
            "unit": {"type": "string"}, "source": {"type": "string"}, "standard": {"$ref": "#/$defs/text"},
            "valid_range": {"type": "array", "prefixItems": [{"$ref": "#/$defs/decimal"}, {"$ref": "#/$defs/decimal"}], "minItems": 2, "maxItems": 2},
            "min_sample": {"type": "integer", "minimum": 0},
            "raters": {"type": "object", "required": ["groups"], "additionalProperties": False, "properties": {
                "groups": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["id", "weight"], "additionalProperties": False,
                    "properties": {"id": {"$ref": "#/$defs/id"}, "weight": {"$ref": "#/$defs/weight"}, "min_raters": {"type": "integer", "minimum": 1, "maximum": 10000}}}},
                "trim": {"type": "integer", "minimum": 0, "maximum": 10000}}},
            "weight": {"$ref": "#/$defs/weight"},
            "rubric": {"$ref": "#/$defs/rubric"},
            "shrinkage": {"description": "Bayesian shrinkage toward the team mean (issue 15; off unless declared): prior in responses > 0, dp 0-10 (default 2).",
                          "type": "object", "required": ["prior"], "additionalProperties": False,
                          "properties": {"prior": {"$ref": "#/$defs/decimal"}, "dp": {"type": "integer", "minimum": 0, "maximum": 10}}},
            "applies_when": {"description": "Format 2: the records this indicator applies to (SPEC §8.6).",
                             "type": "object", "required": ["attribute", "in"], "additionalProperties": False,
                             "properties": {"attribute": {"$ref": "#/$defs/id"}, "in": {"type": "array", "minItems": 1, "items": {"type": "string"}}}}}},
    "category": {
        "type": "object", "additionalProperties": False, "required": ["id", "name", "weight", "indicators"],
        "properties": {
            "id": {"$ref": "#/$defs/id"}, "name": {"$ref": "#/$defs/text"}, "weight": {"$ref": "#/$defs/weight"},
            "indicators": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/indicator"}},
            "pool": {"description": "Format 2: a deduction pool, 扣分制 (SPEC §8.3); its indicators have deduction rubrics and no weight.",
                     "type": "object", "additionalProperties": False,
                     "properties": {"full": {"$ref": "#/$defs/score"}, "floor": {"$ref": "#/$defs/score"}}}},
        "if": {"required": ["pool"]},
        "then": {"properties": {"indicators": {"items": {"not": {"required": ["weight"]},
                                                          "properties": {"rubric": {"properties": {"type": {"const": "deduction"}}}}}}}},
        "else": {"properties": {"indicators": {"items": {"required": ["weight"]}}}}},
    "veto": {
        "type": "object", "required": ["id", "when", "effect"], "additionalProperties": False,
        "properties": {
            "id": {"$ref": "#/$defs/id"}, "name": {"$ref": "#/$defs/text"},
            "when": {"type": "object", "additionalProperties": False,
                     "properties": {"event": {"$ref": "#/$defs/id"}, "at_least": {"type": "integer", "minimum": 1},
                                    "indicator": {"$ref": "#/$defs/id"}, "op": {"enum": ["<", "<=", ">", ">=", "==", "!="]},
                                    "value": {"anyOf": [{"$ref": "#/$defs/decimal"}, {"type": "string"}, {"type": "boolean"}]},
                                    "on": {"enum": ["raw", "score"], "description": "Format 2: compare the raw value or the rounded score (SPEC §8.5)."}},
                     "oneOf": [{"required": ["event"], "not": {"anyOf": [{"required": ["indicator"]}, {"required": ["op"]}, {"required": ["value"]}, {"required": ["on"]}]}},
                               {"required": ["indicator", "op", "value"], "not": {"required": ["at_least"]}}]},
            "effect": {"type": "object", "required": ["type"], "additionalProperties": False,
                       "properties": {"type": {"enum": ["zero_total", "cap_grade", "zero_category"]},
                                      "grade": {"$ref": "#/$defs/id"}, "category": {"$ref": "#/$defs/id"}},
                       "allOf": [{"if": {"properties": {"type": {"const": "cap_grade"}}}, "then": {"required": ["grade"], "not": {"required": ["category"]}}},
                                 {"if": {"properties": {"type": {"const": "zero_category"}}}, "then": {"required": ["category"], "not": {"required": ["grade"]}}},
                                 {"if": {"properties": {"type": {"const": "zero_total"}}}, "then": {"not": {"anyOf": [{"required": ["grade"]}, {"required": ["category"]}]}}}]}}},
}

# In format 1, every §8 field is unknown (SPEC §8): the same shapes, minus those fields.
not_v2_step = {"not": {"anyOf": [{"required": ["above"]}, {"required": ["below"]}]}}
format1 = {"properties": {
    "categories": {"items": {"not": {"required": ["pool"]}, "properties": {"indicators": {"items": {
        "not": {"required": ["applies_when"]},
        "properties": {"rubric": {"properties": {"steps": {"items": not_v2_step}}}}}}}}},
    "vetoes": {"items": {"properties": {"when": {"not": {"required": ["on"]}}}}}},
    "not": {"anyOf": [{"required": ["weights"]}, {"required": ["rating"]}]}}

scheme = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": BASE + "scheme.schema.json",
    "title": "appraisal scheme (appraisal-scheme/1 and /2)",
    "description": "A performance-appraisal scheme (SPEC §1, §8). The core reports every problem with a code and a path; this schema lets an editor complete and check a scheme while it is typed. Cross-field rules (weight sums, band order, references) are the core's.",
    "type": "object", "additionalProperties": False,
    "required": ["format", "id", "version", "name", "period", "effective", "categories", "grades"],
    "properties": {
        "$schema": {"type": "string"},
        "format": {"enum": ["appraisal-scheme/1", "appraisal-scheme/2"]},
        "id": {"$ref": "#/$defs/id"}, "version": {"$ref": "#/$defs/id"}, "name": {"$ref": "#/$defs/text"},
        "roles": {"type": "array", "items": {"$ref": "#/$defs/id"}},
        "period": {"enum": ["month", "quarter", "half_year", "year"]},
        "effective": {"type": "object", "required": ["from"], "additionalProperties": False,
                      "properties": {"from": {"type": "string", "format": "date"}, "until": {"type": "string", "format": "date"}}},
        "weights": {"enum": ["percent", "relative"], "description": "Format 2 (SPEC §8.1)."},
        "rating": {"description": "Format 2: a rating beside the total (SPEC §8.2).", "type": "object", "required": ["points"], "additionalProperties": False,
                   "properties": {"points": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/point"}}, "dp": {"type": "integer", "minimum": 0, "maximum": 10}}},
        "rounding": {"type": "object", "additionalProperties": False, "properties": {
            "dp": {"type": "integer", "minimum": 0, "maximum": 10}, "mode": {"enum": ["half_up", "half_even", "down"]},
            "money_dp": {"type": "integer", "minimum": 0, "maximum": 10}}},
        "missing": {"type": "object", "additionalProperties": False, "properties": {
            "policy": {"enum": ["renormalize", "zero", "error"]}, "min_coverage": {"$ref": "#/$defs/score"}}},
        "categories": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/category"}},
        "adjustments": {"type": "array", "items": {"type": "object", "required": ["id", "event", "points_per_unit"], "additionalProperties": False,
            "properties": {"id": {"$ref": "#/$defs/id"}, "name": {"$ref": "#/$defs/text"}, "event": {"$ref": "#/$defs/id"},
                           "points_per_unit": {"$ref": "#/$defs/decimal"}, "cap": {"$ref": "#/$defs/weight"}}}},
        "vetoes": {"type": "array", "items": {"$ref": "#/$defs/veto"}},
        "total": {"type": "object", "additionalProperties": False, "properties": {
            "ceiling": {"$ref": "#/$defs/decimal"}, "adjustment_min": {"$ref": "#/$defs/decimal"}, "adjustment_max": {"$ref": "#/$defs/decimal"}}},
        "uncertainty": {"description": "Issue 15: every scorecard with a survey indicator carries grade_uncertain (confidence 0.80/0.90/0.95/0.98/0.99, dp 0-12).",
                        "type": "object", "additionalProperties": False,
                        "properties": {"confidence": {"$ref": "#/$defs/decimal"}, "dp": {"type": "integer", "minimum": 0, "maximum": 12}}},
        "grades": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["id", "min"], "additionalProperties": False,
            "properties": {"id": {"$ref": "#/$defs/id"}, "name": {"$ref": "#/$defs/text"}, "min": {"$ref": "#/$defs/decimal"}}}},
    },
    "if": {"properties": {"format": {"const": "appraisal-scheme/1"}}},
    "then": format1,
    "$defs": defs,
}

record = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": BASE + "record.schema.json",
    "title": "appraisal record",
    "description": "One employee's inputs for one period (SPEC §2). `attributes` only under a format-2 scheme (SPEC §8.6).",
    "type": "object", "additionalProperties": False, "required": ["employee", "period"],
    "properties": {
        "employee": {"$ref": "#/$defs/id"}, "period": {"$ref": "#/$defs/id"}, "role": {"type": ["string", "null"]},
        "attributes": {"type": ["object", "null"], "additionalProperties": {"type": ["string", "null"]}},
        "shrunk": {"description": "Shrunk values (issue 15) of indicators whose scheme declares shrinkage, beside their raw values and sample sizes.",
                   "type": ["object", "null"], "additionalProperties": {"anyOf": [{"$ref": "#/$defs/decimal"}, {"type": "null"}]}},
        "rating_correction": {"description": "The mark of an explicit rater correction (issue 15): required beside any rating's `score`.",
            "anyOf": [{"type": "null"}, {"type": "object", "required": ["method", "min_pool", "min_ratings"], "additionalProperties": False,
                       "properties": {"method": {"enum": ["mean_shift", "z_score"]},
                                      "min_pool": {"type": "integer", "minimum": 1}, "min_ratings": {"type": "integer", "minimum": 1}}}]},
        "values": {"type": ["object", "null"], "additionalProperties": {"anyOf": [{"$ref": "#/$defs/decimal"}, {"type": "string"}, {"type": "boolean"}, {"type": "null"}]}},
        "samples": {"type": ["object", "null"], "additionalProperties": {"anyOf": [{"$ref": "#/$defs/count"}, {"type": "null"}]}},
        "events": {"type": ["object", "null"], "additionalProperties": {"anyOf": [{"$ref": "#/$defs/count"}, {"type": "null"}]}},
        "ratings": {"type": ["object", "null"], "additionalProperties": {"anyOf": [{"type": "null"}, {"type": "array", "items": {
            "type": "object", "required": ["group", "rater", "value"], "additionalProperties": False,
            "properties": {"group": {"$ref": "#/$defs/id"}, "rater": {"$ref": "#/$defs/id"},
                           "value": {"anyOf": [{"$ref": "#/$defs/decimal"}, {"type": "string"}, {"type": "boolean"}, {"type": "null"}]},
                           "score": {"description": "A corrected rater score in [0, 100] (only with `rating_correction`).",
                                     "anyOf": [{"$ref": "#/$defs/decimal"}, {"type": "null"}]}}}}]}},
    },
    "$defs": {k: defs[k] for k in ("decimal", "id", "count")},
}

DEC = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}
result = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": BASE + "result.schema.json",
    "title": "appraisal result (a scorecard, or a bad record's errors)",
    "description": "As printed by `appraisal score --format json|jsonl` and read back by `--results` (SPEC Appendix). Decimals are strings with exactly dp decimals.",
    "oneOf": [{"$ref": "#/$defs/scorecard"}, {"$ref": "#/$defs/failure"}],
    "$defs": {
        "dec": DEC, "dec_or_null": {"anyOf": [DEC, {"type": "null"}]},
        "issue": {"type": "object", "required": ["code", "path", "message"], "properties": {"code": {"type": "string"}, "path": {"type": "string"}, "message": {"type": "string"}}},
        "failure": {"type": "object", "required": ["employee", "period", "errors"], "additionalProperties": False,
                    "properties": {"employee": {"type": ["string", "null"]}, "period": {"type": ["string", "null"]},
                                   "errors": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/issue"}}}},
        "scorecard": {"type": "object", "additionalProperties": False,
            "required": ["employee", "period", "scheme", "status", "coverage", "indicators", "categories", "base", "adjustments",
                         "adjustment_total", "total", "vetoes", "natural_grade", "grade"],
            "properties": {
                "employee": {"type": "string"}, "period": {"type": "string"},
                "scheme": {"type": "object", "required": ["id", "version", "digest"], "additionalProperties": False,
                           "properties": {"id": {"type": "string"}, "version": {"type": "string"}, "digest": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"}}},
                "status": {"enum": ["complete", "incomplete"]}, "coverage": {"$ref": "#/$defs/dec"},
                "indicators": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                    "required": ["id", "category", "status", "reason", "score", "step"],
                    "properties": {"id": {"type": "string"}, "category": {"type": "string"}, "status": {"enum": ["scored", "not_applicable"]},
                                   "reason": {"enum": [None, "missing_value", "insufficient_sample", "insufficient_raters", "out_of_scope"]},
                                   "score": {"$ref": "#/$defs/dec_or_null"}, "step": {"type": ["string", "null"]}}}},
                "categories": {"type": "array", "items": {"type": "object", "required": ["id", "status", "score"], "additionalProperties": False,
                    "properties": {"id": {"type": "string"}, "status": {"enum": ["scored", "not_applicable", "vetoed"]}, "score": {"$ref": "#/$defs/dec_or_null"}}}},
                "base": {"$ref": "#/$defs/dec_or_null"},
                "adjustments": {"type": "array", "items": {"type": "object", "required": ["id", "units", "points"], "additionalProperties": False,
                    "properties": {"id": {"type": "string"}, "units": {"type": "integer", "minimum": 0}, "points": {"$ref": "#/$defs/dec"}}}},
                "adjustment_total": {"$ref": "#/$defs/dec"}, "total": {"$ref": "#/$defs/dec_or_null"},
                "rating": {"$ref": "#/$defs/dec_or_null", "description": "Format 2 with a rating map only (SPEC §8.2)."},
                "rating_correction": {"description": "Only when the record's ratings were corrected (issue 15).",
                    "type": "object", "required": ["method", "ratings"], "additionalProperties": False,
                    "properties": {"method": {"enum": ["mean_shift", "z_score"]}, "ratings": {"type": "integer", "minimum": 0}}},
                "grade_uncertain": {"description": "Only when the scheme declares `uncertainty` and the record has a survey indicator (issue 15).",
                    "type": "object", "required": ["uncertain", "confidence", "total_interval", "boundaries"], "additionalProperties": False,
                    "properties": {"uncertain": {"type": "boolean"}, "confidence": {"$ref": "#/$defs/dec"},
                                   "total_interval": {"type": "object", "required": ["lo", "hi"], "additionalProperties": False,
                                                      "properties": {"lo": {"$ref": "#/$defs/dec"}, "hi": {"$ref": "#/$defs/dec"}}},
                                   "boundaries": {"type": "array", "items": {"type": "object", "required": ["grade", "min"], "additionalProperties": False,
                                                  "properties": {"grade": {"type": "string"}, "min": {"$ref": "#/$defs/dec"}}}}}},
                "shrinkage": {"description": "Only for indicators scored from a shrunk value (issue 15).", "type": "array", "items": {
                    "type": "object", "required": ["indicator", "raw", "shrunk", "raw_score"], "additionalProperties": False,
                    "properties": {"indicator": {"type": "string"}, "raw": {"$ref": "#/$defs/dec"}, "shrunk": {"$ref": "#/$defs/dec"},
                                   "raw_score": {"$ref": "#/$defs/dec_or_null"}}}},
                "vetoes": {"type": "array", "items": {"type": "string"}},
                "natural_grade": {"type": ["string", "null"]}, "grade": {"type": ["string", "null"]}}}},
}

for name, doc in [("scheme", scheme), ("record", record), ("result", result)]:
    with open(os.path.join(HERE, name + ".schema.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
