//! The bad-input catalogue: malformed schemes and records, each with its exact error code(s)
//! and path(s) (SPEC §6). None may panic; every problem is reported at once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::Scheme;
use serde_json::{json, Value};

fn appendix() -> Value {
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(appraisal_tests::vectors_dir().join("appendix.json")).unwrap())
            .unwrap();
    doc["scheme"].clone()
}

fn set(v: &mut Value, pointer: &str, new: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = v.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}"));
    match target {
        Value::Object(m) => {
            if new.is_null() {
                m.remove(key);
            } else {
                m.insert(key.to_string(), new);
            }
        }
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = new,
        _ => panic!("not a container at {parent}"),
    }
}

fn codes(issues: &[appraisal::Issue]) -> Vec<(String, String)> {
    issues.iter().map(|i| (i.code.as_str().to_string(), i.path.clone())).collect()
}

fn pairs(want: &[(&str, &str)]) -> Vec<(String, String)> {
    want.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect()
}

const IND0: &str = "/categories/0/indicators/0";
const IND1: &str = "/categories/0/indicators/1";
const COMM: &str = "/categories/1/indicators/0";

type Mutation = Box<dyn Fn(&mut Value)>;
/// Expected (code, path) pairs.
type Want = Vec<(&'static str, &'static str)>;

fn scheme_cases() -> Vec<(&'static str, Mutation, Want)> {
    let m = |f: fn(&mut Value)| -> Mutation { Box::new(f) };
    vec![
        ("no format", m(|s| set(s, "/format", Value::Null)), vec![("missing_field", "format")]),
        ("other format", m(|s| set(s, "/format", json!("appraisal-scheme/3"))), vec![("unsupported_format", "format")]),
        ("id not a string", m(|s| set(s, "/id", json!(5))), vec![("invalid_type", "id")]),
        ("unknown period", m(|s| set(s, "/period", json!("weekly"))), vec![("invalid_value", "period")]),
        ("bad date", m(|s| set(s, "/effective/from", json!("2026-13-01"))), vec![("invalid_value", "effective.from")]),
        (
            "until before from",
            m(|s| set(s, "/effective/until", json!("2025-12-31"))),
            vec![("invalid_range", "effective")],
        ),
        ("dp 11", m(|s| set(s, "/rounding/dp", json!(11))), vec![("invalid_value", "rounding.dp")]),
        ("rounding mode", m(|s| set(s, "/rounding/mode", json!("ceiling"))), vec![("invalid_value", "rounding.mode")]),
        ("missing policy", m(|s| set(s, "/missing/policy", json!("skip"))), vec![("invalid_value", "missing.policy")]),
        (
            "coverage 120",
            m(|s| set(s, "/missing/min_coverage", json!("120"))),
            vec![("invalid_value", "missing.min_coverage")],
        ),
        ("no categories", m(|s| set(s, "/categories", json!([]))), vec![("invalid_value", "categories")]),
        (
            "category without indicators",
            m(|s| set(s, "/categories/0/indicators", json!([]))),
            // the veto on attendance now names an indicator that is gone: also reported
            vec![("invalid_value", "categories[0].indicators"), ("unknown_reference", "vetoes[1].when.indicator")],
        ),
        (
            "category weights 100.5",
            m(|s| set(s, "/categories/0/weight", json!("20.5"))),
            vec![("weights_sum", "categories")],
        ),
        (
            "weight not a number",
            m(|s| set(s, &format!("{IND0}/weight"), json!("abc"))),
            vec![("unparsable_number", "categories[0].indicators[0].weight")],
        ),
        (
            "weight +50",
            m(|s| set(s, &format!("{IND0}/weight"), json!("+50"))),
            vec![("unparsable_number", "categories[0].indicators[0].weight")],
        ),
        (
            "negative category weight",
            m(|s| {
                set(s, "/categories/0/weight", json!("-20"));
                set(s, "/categories/1/weight", json!("120"));
            }),
            vec![("negative_weight", "categories[0].weight")],
        ),
        (
            "indicator weights 50 + 40",
            m(|s| set(s, &format!("{IND1}/weight"), json!(40))),
            vec![("weights_sum", "categories[0].indicators")],
        ),
        (
            "unknown kind",
            m(|s| set(s, &format!("{IND0}/kind"), json!("fuzzy"))),
            vec![("invalid_value", "categories[0].indicators[0].kind")],
        ),
        (
            "no unit",
            m(|s| set(s, &format!("{IND0}/unit"), Value::Null)),
            vec![("missing_field", "categories[0].indicators[0].unit")],
        ),
        (
            "typo weigth",
            m(|s| {
                set(s, &format!("{IND0}/weight"), Value::Null);
                set(s, &format!("{IND0}/weigth"), json!("50"));
            }),
            vec![
                ("unknown_field", "categories[0].indicators[0].weigth"),
                ("missing_field", "categories[0].indicators[0].weight"),
            ],
        ),
        (
            "unknown rubric type",
            m(|s| set(s, &format!("{IND0}/rubric"), json!({"type": "curve"}))),
            vec![("invalid_rubric", "categories[0].indicators[0].rubric.type")],
        ),
        (
            "piecewise one point",
            m(|s| set(s, &format!("{IND1}/rubric"), json!({"type": "piecewise", "points": [["0", "0"]]}))),
            vec![("invalid_rubric", "categories[0].indicators[1].rubric.points")],
        ),
        (
            "piecewise x not increasing",
            m(|s| {
                set(s, &format!("{IND1}/rubric"), json!({"type": "piecewise", "points": [["5", "0"], ["5", "100"]]}))
            }),
            vec![("invalid_rubric", "categories[0].indicators[1].rubric.points[1]")],
        ),
        (
            "piecewise y 120",
            m(|s| {
                set(s, &format!("{IND1}/rubric"), json!({"type": "piecewise", "points": [["0", "0"], ["5", "120"]]}))
            }),
            vec![("invalid_rubric", "categories[0].indicators[1].rubric.points[1][1]")],
        ),
        (
            "piecewise valley",
            m(|s| {
                set(
                    s,
                    &format!("{IND1}/rubric"),
                    json!({"type": "piecewise", "points": [["0", "100"], ["5", "50"], ["9", "100"]]}),
                )
            }),
            vec![("invalid_rubric", "categories[0].indicators[1].rubric.points[2]")],
        ),
        (
            "linear flat",
            m(|s| set(s, &format!("{IND1}/rubric"), json!({"type": "linear", "zero_at": "80", "full_at": "80.0"}))),
            vec![("invalid_rubric", "categories[0].indicators[1].rubric")],
        ),
        (
            "bands lower_better with at_least",
            m(|s| set(s, &format!("{IND0}/rubric/direction"), json!("lower_better"))),
            vec![
                ("invalid_rubric", "categories[0].indicators[0].rubric.steps[0].at_least"),
                ("invalid_rubric", "categories[0].indicators[0].rubric.steps[1].at_least"),
            ],
        ),
        (
            "bands otherwise above last",
            m(|s| set(s, &format!("{IND0}/rubric/otherwise"), json!("90"))),
            vec![("invalid_rubric", "categories[0].indicators[0].rubric.otherwise")],
        ),
        (
            "bands without steps",
            m(|s| set(s, &format!("{IND0}/rubric/steps"), json!([]))),
            vec![("invalid_rubric", "categories[0].indicators[0].rubric.steps")],
        ),
        (
            "bands without otherwise",
            m(|s| set(s, &format!("{IND0}/rubric/otherwise"), Value::Null)),
            vec![("missing_field", "categories[0].indicators[0].rubric.otherwise")],
        ),
        (
            "bands scores rising",
            m(|s| set(s, &format!("{IND0}/rubric/steps/1/score"), json!("100.5"))),
            vec![("invalid_rubric", "categories[0].indicators[0].rubric.steps[1].score")],
        ),
        (
            "deduction per_unit 0",
            m(|s| set(s, &format!("{IND1}/rubric"), json!({"type": "deduction", "per_unit": 0}))),
            vec![("invalid_rubric", "categories[0].indicators[1].rubric.per_unit")],
        ),
        (
            "deduction floor above full",
            m(|s| {
                set(s, &format!("{IND1}/rubric"), json!({"type": "deduction", "per_unit": 5, "full": 50, "floor": 60}))
            }),
            vec![("invalid_rubric", "categories[0].indicators[1].rubric")],
        ),
        (
            "ratio target 0",
            m(|s| {
                set(s, &format!("{IND1}/rubric"), json!({"type": "ratio", "target": "0", "direction": "higher_better"}))
            }),
            vec![("invalid_rubric", "categories[0].indicators[1].rubric.target")],
        ),
        (
            "scale duplicate key",
            m(|s| set(s, &format!("{COMM}/rubric/levels/1/key"), json!("5"))),
            vec![("invalid_rubric", "categories[1].indicators[0].rubric.levels[1].key")],
        ),
        (
            "scale one level",
            m(|s| set(s, &format!("{COMM}/rubric/levels"), json!([{"key": "5", "score": "100"}]))),
            vec![("invalid_rubric", "categories[1].indicators[0].rubric.levels")],
        ),
        (
            "pass below fail",
            m(|s| set(s, &format!("{IND1}/rubric"), json!({"type": "pass_fail", "pass": "40", "fail": "60"}))),
            vec![("invalid_rubric", "categories[0].indicators[1].rubric")],
        ),
        (
            "valid_range reversed",
            m(|s| set(s, &format!("{IND0}/valid_range"), json!(["100", "0"]))),
            vec![("invalid_range", "categories[0].indicators[0].valid_range")],
        ),
        (
            "valid_range on a scale",
            m(|s| set(s, &format!("{COMM}/valid_range"), json!(["1", "5"]))),
            vec![("invalid_range", "categories[1].indicators[0].valid_range")],
        ),
        (
            "rater weights 70 + 20",
            m(|s| set(s, &format!("{COMM}/raters/groups/1/weight"), json!("20"))),
            vec![("weights_sum", "categories[1].indicators[0].raters.groups")],
        ),
        (
            "min_raters 0",
            m(|s| set(s, &format!("{COMM}/raters/groups/1/min_raters"), json!(0))),
            vec![("invalid_value", "categories[1].indicators[0].raters.groups[1].min_raters")],
        ),
        (
            "duplicate rater group",
            m(|s| set(s, &format!("{COMM}/raters/groups/1/id"), json!("supervisor"))),
            vec![("duplicate_id", "categories[1].indicators[0].raters.groups[1].id")],
        ),
        (
            "duplicate category",
            m(|s| set(s, "/categories/1/id", json!("basic_work"))),
            vec![("duplicate_id", "categories[1].id")],
        ),
        (
            "negative cap",
            m(|s| set(s, "/adjustments/0/cap", json!("-1"))),
            vec![("invalid_value", "adjustments[0].cap")],
        ),
        (
            "veto on unknown category",
            m(|s| set(s, "/vetoes/1/effect/category", json!("basics"))),
            vec![("unknown_reference", "vetoes[1].effect.category")],
        ),
        (
            "veto on unknown indicator",
            m(|s| set(s, "/vetoes/1/when/indicator", json!("attendence"))),
            vec![("unknown_reference", "vetoes[1].when.indicator")],
        ),
        (
            "veto on a 360 indicator",
            m(|s| set(s, "/vetoes/1/when/indicator", json!("communication"))),
            vec![("invalid_value", "vetoes[1].when.indicator")],
        ),
        (
            "unknown veto effect",
            m(|s| set(s, "/vetoes/0/effect/type", json!("fire"))),
            vec![("invalid_value", "vetoes[0].effect.type")],
        ),
        (
            "veto at_least 0",
            m(|s| set(s, "/vetoes/0/when/at_least", json!(0))),
            vec![("invalid_value", "vetoes[0].when.at_least")],
        ),
        (
            "veto unknown grade",
            m(|s| set(s, "/vetoes/0/effect/grade", json!("E"))),
            vec![("unknown_reference", "vetoes[0].effect.grade")],
        ),
        ("grades not decreasing", m(|s| set(s, "/grades/1/min", json!("95"))), vec![("grades_order", "grades[1].min")]),
        ("last grade above 0", m(|s| set(s, "/grades/4/min", json!("1"))), vec![("grades_order", "grades[4].min")]),
        ("ceiling 0", m(|s| set(s, "/total/ceiling", json!("0"))), vec![("invalid_value", "total.ceiling")]),
        (
            "ceiling with 3 decimals",
            m(|s| set(s, "/total/ceiling", json!("99.999"))),
            vec![("invalid_value", "total.ceiling")],
        ),
        (
            "adjustment limits reversed",
            m(|s| set(s, "/total/adjustment_min", json!("20"))),
            vec![("invalid_range", "total")],
        ),
        ("unknown top-level field", m(|s| set(s, "/colour", json!("blue"))), vec![("unknown_field", "colour")]),
        ("scheme is an array", m(|s| *s = json!([1])), vec![("invalid_type", "")]),
    ]
}

#[test]
fn malformed_schemes() {
    let base = appendix();
    assert!(Scheme::from_value(&base).is_ok());
    let cases = scheme_cases();
    assert!(cases.len() >= 50);
    for (name, mutate, want) in cases {
        let mut s = base.clone();
        mutate(&mut s);
        let got = std::panic::catch_unwind(|| Scheme::from_value(&s)).unwrap_or_else(|_| panic!("{name}: panicked"));
        match got {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => assert_eq!(codes(&e.issues), pairs(&want), "{name}: {e}"),
        }
    }
}

#[test]
fn not_json_text() {
    let e = Scheme::from_json("{\"format\": ").unwrap_err();
    assert_eq!(codes(&e.issues), pairs(&[("invalid_json", "")]));
}

#[test]
fn many_scheme_problems_at_once() {
    let mut s = appendix();
    set(&mut s, "/period", json!("weekly"));
    set(&mut s, "/rounding/dp", json!(-1));
    set(&mut s, &format!("{IND1}/rubric/zero_at"), json!("1,5"));
    set(&mut s, "/grades/0/min", json!("1O0"));
    let e = Scheme::from_value(&s).unwrap_err();
    assert_eq!(
        codes(&e.issues),
        pairs(&[
            ("invalid_value", "period"),
            ("invalid_value", "rounding.dp"),
            ("unparsable_number", "categories[0].indicators[1].rubric.zero_at"),
            ("unparsable_number", "grades[0].min"),
        ])
    );
}

fn record_cases() -> Vec<(&'static str, Value, Want)> {
    let r = |extra: Value| {
        let mut base = json!({"employee": "E1", "period": "2026-Q3"});
        if let (Value::Object(b), Value::Object(e)) = (&mut base, extra) {
            for (k, v) in e {
                b.insert(k, v);
            }
        }
        base
    };
    let rating = |g: &str, rater: &str, v: Value| json!({"group": g, "rater": rater, "value": v});
    vec![
        ("record is an array", json!([]), vec![("invalid_type", "")]),
        ("no employee", json!({"period": "P"}), vec![("missing_field", "employee")]),
        ("employee null", json!({"employee": null, "period": "P"}), vec![("missing_field", "employee")]),
        ("employee number", json!({"employee": 5, "period": "P"}), vec![("invalid_type", "employee")]),
        ("no period", json!({"employee": "E1"}), vec![("missing_field", "period")]),
        ("unknown field", r(json!({"value": {}})), vec![("unknown_field", "value")]),
        ("values an array", r(json!({"values": []})), vec![("invalid_type", "values")]),
        (
            "unknown indicator",
            r(json!({"values": {"attendence": 99}})),
            vec![("unknown_indicator", "values.attendence")],
        ),
        ("unknown sample", r(json!({"samples": {"csat": 40}})), vec![("unknown_indicator", "samples.csat")]),
        ("negative sample", r(json!({"samples": {"attendance": -1}})), vec![("invalid_count", "samples.attendance")]),
        (
            "fractional count",
            r(json!({"events": {"commendation": "2.5"}})),
            vec![("invalid_count", "events.commendation")],
        ),
        (
            "count in words",
            r(json!({"events": {"commendation": "two"}})),
            vec![("invalid_count", "events.commendation")],
        ),
        (
            "count a boolean",
            r(json!({"events": {"commendation": true}})),
            vec![("invalid_count", "events.commendation")],
        ),
        ("unknown event", r(json!({"events": {"praise": 1}})), vec![("unknown_event", "events.praise")]),
        (
            "ratings not a list",
            r(json!({"ratings": {"communication": {}}})),
            vec![("invalid_type", "ratings.communication")],
        ),
        (
            "rating without rater",
            r(json!({"ratings": {"communication": [{"group": "peer", "value": "4"}]}})),
            vec![("missing_field", "ratings.communication[0].rater")],
        ),
        (
            "rating without value",
            r(json!({"ratings": {"communication": [{"group": "peer", "rater": "P1"}]}})),
            vec![("missing_field", "ratings.communication[0].value")],
        ),
        (
            // `score` is a corrected rater score (issue 15), read only beside a valid value.
            "rating with score instead of value",
            r(json!({"ratings": {"communication": [{"group": "peer", "rater": "P1", "score": "4"}]}})),
            vec![("missing_field", "ratings.communication[0].value")],
        ),
        (
            "unknown level in a rating",
            r(json!({"ratings": {"communication": [rating("peer", "P1", json!("6"))]}})),
            vec![("out_of_domain", "ratings.communication[0].value")],
        ),
        (
            "unknown rater group",
            r(json!({"ratings": {"communication": [rating("boss", "M1", json!("4"))]}})),
            vec![("unknown_rater_group", "ratings.communication[0].group")],
        ),
        (
            "same rater twice",
            r(
                json!({"ratings": {"communication": [rating("peer", "P1", json!("4")), rating("peer", "P1", Value::Null)]}}),
            ),
            vec![("duplicate_rater", "ratings.communication[1].rater")],
        ),
        (
            // 20 raters: the seen-set is a hash set; P2 again at [18].
            "same rater twice in a long list",
            r(json!({"ratings": {"communication": (0..20)
                .map(|i| rating("peer", &format!("P{}", if i == 18 { 2 } else { i }), json!("4")))
                .collect::<Vec<_>>()}})),
            vec![("duplicate_rater", "ratings.communication[18].rater")],
        ),
        (
            // 16 raters, the most the small array holds: P0 again in its last slot.
            "same rater twice at the edge",
            r(json!({"ratings": {"communication": (0..16)
                .map(|i| rating("peer", &format!("P{}", if i == 15 { 0 } else { i }), json!("4")))
                .collect::<Vec<_>>()}})),
            vec![("duplicate_rater", "ratings.communication[15].rater")],
        ),
        (
            "value for 360",
            r(json!({"values": {"communication": "4"}})),
            vec![("value_for_multi_rater", "values.communication")],
        ),
        (
            "ratings for single",
            r(json!({"ratings": {"attendance": []}})),
            vec![("ratings_for_single_value", "ratings.attendance")],
        ),
        ("role mismatch", r(json!({"role": "tech_support"})), vec![("role_not_applicable", "role")]),
        (
            "below valid range",
            r(json!({"values": {"attendance": "-0.1"}})),
            vec![("out_of_range", "values.attendance")],
        ),
        ("percent sign", r(json!({"values": {"attendance": "93%"}})), vec![("unparsable_number", "values.attendance")]),
        (
            "leading dot",
            r(json!({"values": {"task_completion": ".5"}})),
            vec![("unparsable_number", "values.task_completion")],
        ),
        (
            "huge number",
            r(json!({"values": {"task_completion": "1e400"}})),
            vec![("unparsable_number", "values.task_completion")],
        ),
        (
            "boolean for number",
            r(json!({"values": {"task_completion": true}})),
            vec![("wrong_value_type", "values.task_completion")],
        ),
        (
            "object for number",
            r(json!({"values": {"task_completion": {}}})),
            vec![("wrong_value_type", "values.task_completion")],
        ),
        (
            "all problems in document order",
            json!({"values": {"attendance": "x", "nope": 1}, "employee": 7, "events": {"praise": 1}}),
            vec![
                ("unparsable_number", "values.attendance"),
                ("unknown_indicator", "values.nope"),
                ("invalid_type", "employee"),
                ("unknown_event", "events.praise"),
                ("missing_field", "period"),
            ],
        ),
    ]
}

#[test]
fn malformed_records() {
    let scheme = Scheme::from_value(&appendix()).unwrap();
    let cases = record_cases();
    assert!(cases.len() >= 30);
    for (name, rec, want) in cases {
        let got = std::panic::catch_unwind(|| scheme.score_value(&rec)).unwrap_or_else(|_| panic!("{name}: panicked"));
        match got {
            Ok(_) => panic!("{name}: accepted"),
            Err(e) => assert_eq!(codes(&e.issues), pairs(&want), "{name}: {e}"),
        }
    }
    let e = scheme.score_json("{").unwrap_err();
    assert_eq!(codes(&e.issues), pairs(&[("invalid_json", "")]));
}

#[test]
fn batch_keeps_every_good_record() {
    let scheme = Scheme::from_value(&appendix()).unwrap();
    let good = json!({"employee": "G", "period": "P", "values": {"attendance": 99, "task_completion": 100}});
    let mut batch = Vec::new();
    for (i, (_, rec, _)) in record_cases().into_iter().enumerate() {
        let mut g = good.clone();
        g["employee"] = json!(format!("G{i}"));
        batch.push(g);
        batch.push(rec);
    }
    let out = scheme.score_batch(&batch);
    assert_eq!(out.len(), batch.len());
    for (i, e) in out.iter().enumerate() {
        if i % 2 == 0 {
            let card = e.as_ref().unwrap();
            assert_eq!(card.employee, format!("G{}", i / 2));
            // attendance 99 -> 100, task 100 -> 100: basic 100.00; service N/A; coverage 20.00
            assert_eq!(card.base.unwrap().to_string(), "100.00");
        } else {
            assert!(e.is_err(), "record {i} should fail");
        }
    }
}

#[test]
fn input_limits_are_coded() {
    let mut s = appendix();
    let many: Vec<serde_json::Value> = (0..501).map(|i| json!([i.to_string(), "50"])).collect();
    set(&mut s, &format!("{IND1}/rubric"), json!({"type": "piecewise", "points": many}));
    let e = Scheme::from_value(&s).unwrap_err();
    assert_eq!(codes(&e.issues), pairs(&[("limit_exceeded", "categories[0].indicators[1].rubric.points")]));
    let huge = " ".repeat(appraisal::number::limits::SCHEME_BYTES + 1);
    assert_eq!(Scheme::from_json(&huge).unwrap_err().issues[0].code.as_str(), "limit_exceeded");
    let scheme = Scheme::from_value(&appendix()).unwrap();
    let ratings: Vec<serde_json::Value> =
        (0..10_001).map(|i| json!({"group": "peer", "rater": format!("P{i}"), "value": "4"})).collect();
    let e = scheme
        .score_value(&json!({"employee": "E", "period": "P", "ratings": {"communication": ratings}}))
        .unwrap_err();
    assert_eq!(codes(&e.issues), pairs(&[("limit_exceeded", "ratings.communication")]));
    let big =
        format!("{{\"employee\": \"{}\", \"period\": \"P\"}}", "x".repeat(appraisal::number::limits::RECORD_BYTES));
    assert_eq!(scheme.score_json(&big).unwrap_err().issues[0].code.as_str(), "limit_exceeded");
}
