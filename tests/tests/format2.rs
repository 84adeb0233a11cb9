//! Format 2 (SPEC §8) through the core API. Every expected number is worked out by hand from
//! SPEC §8 in the comment beside it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::{builtin_scheme, Scheme, Scorecard};
use serde_json::{json, Value};

fn ind(id: &str, weight: Value, rubric: Value) -> Value {
    json!({"id": id, "name": id, "kind": "quantitative", "unit": "score", "source": "t", "weight": weight, "rubric": rubric})
}

fn direct(id: &str, weight: Value) -> Value {
    ind(id, weight, json!({"type": "direct"}))
}

fn scheme2(extra: Value, categories: Value) -> Value {
    let mut s = json!({
        "format": "appraisal-scheme/2", "id": "f2", "version": "1", "name": "format 2",
        "period": "quarter", "effective": {"from": "2026-01-01"},
        "categories": categories,
        "grades": [{"id": "A", "min": 90}, {"id": "B", "min": 75}, {"id": "C", "min": 60}, {"id": "D", "min": 0}]
    });
    if let (Value::Object(m), Value::Object(e)) = (&mut s, extra) {
        m.extend(e);
    }
    s
}

fn build(v: &Value) -> Scheme {
    Scheme::from_value(v).unwrap_or_else(|e| panic!("{e:?}"))
}

fn score(s: &Scheme, rec: Value) -> Scorecard {
    let mut r = json!({"employee": "E1", "period": "2026-Q1"});
    if let (Value::Object(m), Value::Object(x)) = (&mut r, rec) {
        m.extend(x);
    }
    s.score_value(&r).unwrap_or_else(|e| panic!("{e:?}"))
}

fn codes(v: &Value) -> Vec<(String, String)> {
    let e = Scheme::from_value(v).expect_err("should be rejected");
    e.issues.iter().map(|i| (i.code.as_str().to_string(), i.path.clone())).collect()
}

fn s(x: Option<appraisal::Decimal>) -> String {
    x.map_or("null".into(), |d| d.to_string())
}

#[test]
fn relative_weights_score_as_ratios() {
    // A (1): x = 90. B (2): y = 80 (w 3), z = 40 (w 1): S_B = (240 + 40) / 4 = 70.
    // Base = (1 × 90 + 2 × 70) / 3 = 230 / 3 = 76.666… → 76.67 (B). Coverage 100.00.
    let cats = |k: i64| {
        json!([
            {"id": "a", "name": "a", "weight": k, "indicators": [direct("x", json!(5 * k))]},
            {"id": "b", "name": "b", "weight": 2 * k, "indicators": [direct("y", json!(3 * k)), direct("z", json!(k))]}
        ])
    };
    let rec = json!({"values": {"x": "90", "y": "80", "z": "40"}});
    let mut first: Option<String> = None;
    for k in [1, 7, 1000] {
        let sc = build(&scheme2(json!({"weights": "relative"}), cats(k)));
        let c = score(&sc, rec.clone());
        assert_eq!(s(c.category("b").unwrap().score), "70.00");
        assert_eq!(s(c.total), "76.67");
        assert_eq!(c.coverage.to_string(), "100.00");
        assert_eq!(c.grade.as_deref(), Some("B"));
        // Every factor gives the same scorecard apart from the scheme's digest.
        let mut v = serde_json::to_value(&c).unwrap();
        v["scheme"] = Value::Null;
        let text = v.to_string();
        assert_eq!(first.get_or_insert(text.clone()), &text, "factor {k}");
    }
    // Missing y: coverage K = 100 × (1 × 5/5 + 2 × 1/4) / 3 = 100 × 1.5 / 3 = 50.00.
    let sc = build(&scheme2(json!({"weights": "relative"}), cats(1)));
    let c = score(&sc, json!({"values": {"x": "90", "z": "40"}}));
    assert_eq!(c.coverage.to_string(), "50.00");
    // All zero in a list: weights_sum at that list.
    let bad = scheme2(
        json!({"weights": "relative"}),
        json!([{"id": "a", "name": "a", "weight": 0, "indicators": [direct("x", json!(0))]}]),
    );
    let got = codes(&bad);
    assert!(got.contains(&("weights_sum".into(), "categories".into())), "{got:?}");
    assert!(got.contains(&("weights_sum".into(), "categories[0].indicators".into())), "{got:?}");
}

#[test]
fn a_rating_sits_beside_the_total() {
    // SPEC §8.2: 1 + 86.30 × 4 / 100 = 4.452 → 4.5 at dp 1.
    let cats = json!([{"id": "a", "name": "a", "weight": 100, "indicators": [direct("x", json!(100))]}]);
    let sc = build(&scheme2(json!({"rating": {"points": [["0", "1"], ["100", "5"]], "dp": 1}}), cats.clone()));
    let c = score(&sc, json!({"values": {"x": "86.30"}}));
    assert_eq!(c.rating, Some(Some("4.5".parse().unwrap())));
    let v = serde_json::to_value(&c).unwrap();
    assert_eq!(v["rating"], json!("4.5"));
    // Total null → rating null; no rating map → no field at all.
    let c = score(&sc, json!({"values": {}}));
    assert_eq!(c.rating, Some(None));
    assert_eq!(serde_json::to_value(&c).unwrap()["rating"], Value::Null);
    let plain = build(&scheme2(json!({}), cats));
    let c = score(&plain, json!({"values": {"x": "86.30"}}));
    assert!(serde_json::to_value(&c).unwrap().get("rating").is_none());
    // Default dp: the scheme's (2): 4.452 → 4.45.
    let sc = build(&scheme2(
        json!({"rating": {"points": [["0", "1"], ["100", "5"]]}}),
        json!([{"id": "a", "name": "a", "weight": 100, "indicators": [direct("x", json!(100))]}]),
    ));
    assert_eq!(score(&sc, json!({"values": {"x": "86.30"}})).rating, Some(Some("4.45".parse().unwrap())));
    // A decreasing map is rejected at the point.
    let bad = scheme2(
        json!({"rating": {"points": [["0", "5"], ["100", "1"]]}}),
        json!([{"id": "a", "name": "a", "weight": 100, "indicators": [direct("x", json!(100))]}]),
    );
    assert_eq!(codes(&bad), vec![("invalid_value".into(), "rating.points[1][1]".into())]);
}

fn pool_scheme(floor: &str, policy: &str) -> Value {
    let ded = |per: &str| json!({"type": "deduction", "per_unit": per, "full": "100", "free_units": "0", "floor": "0"});
    let item = |id: &str, per: &str| json!({"id": id, "name": id, "kind": "quantitative", "unit": "count", "source": "t", "rubric": ded(per)});
    scheme2(
        json!({"missing": {"policy": policy}}),
        json!([
            {"id": "discipline", "name": "纪律", "weight": 30, "pool": {"full": "100", "floor": floor},
             "indicators": [item("complaint", "25"), item("violation", "10"), item("late", "5")]},
            {"id": "work", "name": "work", "weight": 70, "indicators": [direct("x", json!(100))]}
        ]),
    )
}

#[test]
fn a_pool_is_one_budget_for_every_deduction() {
    // SPEC §8.3: 2 complaints (d = 50) and 1 violation (d = 10): 100 − 50 − 10 = 40; late is
    // N/A and deducts nothing. Base = (30 × 40 + 70 × 80) / 100 = 68.00.
    let sc = build(&pool_scheme("0", "renormalize"));
    let c = score(&sc, json!({"values": {"complaint": 2, "violation": 1, "x": 80}}));
    assert_eq!(s(c.category("discipline").unwrap().score), "40.00");
    assert_eq!(s(c.indicator("complaint").unwrap().score), "50.00");
    assert_eq!(s(c.indicator("late").unwrap().score), "null");
    assert_eq!(s(c.total), "68.00");
    // Coverage: the pool counts 30 × 1 (an item measured), work 70 × 1: 100.00.
    assert_eq!(c.coverage.to_string(), "100.00");
    // The floor: max(50, 40) = 50.
    let c =
        score(&build(&pool_scheme("50", "renormalize")), json!({"values": {"complaint": 2, "violation": 1, "x": 80}}));
    assert_eq!(s(c.category("discipline").unwrap().score), "50.00");
    // Beyond the budget: 5 complaints = 125 → max(0, −25) = 0.
    let c = score(&sc, json!({"values": {"complaint": 5, "x": 80}}));
    assert_eq!(s(c.category("discipline").unwrap().score), "0.00");
    // Under `zero` an N/A item still shows null and deducts nothing; no item measured: N/A,
    // and coverage 70 × 1 / 100 = 70.00.
    let z = build(&pool_scheme("0", "zero"));
    let c = score(&z, json!({"values": {"x": 80}}));
    assert_eq!(s(c.indicator("late").unwrap().score), "null");
    assert_eq!(s(c.category("discipline").unwrap().score), "null");
    assert_eq!(c.coverage.to_string(), "70.00");
    assert_eq!(s(c.total), "80.00");
}

#[test]
fn pool_items_have_deduction_rubrics_and_no_weights() {
    let mut v = pool_scheme("0", "renormalize");
    v["categories"][0]["indicators"][0]["weight"] = json!(10);
    v["categories"][0]["indicators"][1]["rubric"] = json!({"type": "direct"});
    v["categories"][0]["pool"]["floor"] = json!("120");
    let got = codes(&v);
    assert!(got.contains(&("invalid_value".into(), "categories[0].indicators[0].weight".into())), "{got:?}");
    assert!(got.contains(&("invalid_rubric".into(), "categories[0].indicators[1].rubric.type".into())), "{got:?}");
    assert!(got.contains(&("invalid_value".into(), "categories[0].pool.floor".into())), "{got:?}");
}

fn strict_scheme(steps: Value) -> Value {
    scheme2(
        json!({}),
        json!([{"id": "a", "name": "a", "weight": 100, "indicators": [ind("q", json!(100),
            json!({"type": "bands", "direction": "higher_better", "steps": steps, "otherwise": "0"}))]}]),
    )
}

#[test]
fn strict_bounds_split_at_the_bound() {
    // "above 90" → 100, then "at_least 90" → 80: 90 is not above 90; 90.01 is.
    let sc = build(&strict_scheme(json!([{"above": "90", "score": "100"}, {"at_least": "90", "score": "80"}])));
    let c = score(&sc, json!({"values": {"q": "90"}}));
    assert_eq!(s(c.total), "80.00");
    assert_eq!(c.indicator("q").unwrap().step.as_deref(), Some("band 2: >= 90"));
    let c = score(&sc, json!({"values": {"q": "90.01"}}));
    assert_eq!(s(c.total), "100.00");
    assert_eq!(c.indicator("q").unwrap().step.as_deref(), Some("band 1: > 90"));
    // Unreachable orders: the same strict bound twice; inclusive then strict at one bound.
    assert_eq!(
        codes(&strict_scheme(json!([{"above": "90", "score": "100"}, {"above": "90", "score": "80"}]))),
        vec![("invalid_rubric".into(), "categories[0].indicators[0].rubric.steps[1].above".into())]
    );
    assert_eq!(
        codes(&strict_scheme(json!([{"at_least": "90", "score": "100"}, {"above": "90", "score": "80"}]))),
        vec![("invalid_rubric".into(), "categories[0].indicators[0].rubric.steps[1].above".into())]
    );
    // Lower-better mirrors it: below 2 → 100, at_most 2 → 60.
    let lower = scheme2(
        json!({}),
        json!([{"id": "a", "name": "a", "weight": 100, "indicators": [ind("e", json!(100),
            json!({"type": "bands", "direction": "lower_better",
                   "steps": [{"below": "2", "score": "100"}, {"at_most": "2", "score": "60"}], "otherwise": "0"}))]}]),
    );
    let sc = build(&lower);
    assert_eq!(s(score(&sc, json!({"values": {"e": "2"}})).total), "60.00");
    assert_eq!(s(score(&sc, json!({"values": {"e": "1.99"}})).total), "100.00");
}

#[test]
fn a_veto_on_a_score_works_for_every_rubric_and_raters() {
    // critical: a 360 indicator scored from a 1–5 scale; veto when its score < 50.
    let scale = json!({"type": "scale", "levels": [
        {"key": "1", "score": "20", "label": "poor"}, {"key": "3", "score": "60", "label": "ok"}, {"key": "5", "score": "100", "label": "great"}]});
    let mut critical = ind("critical", json!(50), scale);
    critical["kind"] = json!("qualitative");
    critical["raters"] = json!({"groups": [{"id": "qa", "weight": 100}]});
    let v = scheme2(
        json!({"vetoes": [{"id": "autofail", "when": {"indicator": "critical", "on": "score", "op": "<", "value": "50"},
                           "effect": {"type": "zero_category", "category": "quality"}}]}),
        json!([{"id": "quality", "name": "q", "weight": 100, "indicators": [critical, direct("x", json!(50))]}]),
    );
    let sc = build(&v);
    let rate = |keys: &[&str]| {
        json!(keys
            .iter()
            .enumerate()
            .map(|(i, k)| json!({"group": "qa", "rater": format!("R{i}"), "value": k}))
            .collect::<Vec<_>>())
    };
    // Ratings 1 and 3: mean score (20 + 60) / 2 = 40 < 50: fires, quality = 0.
    let c = score(&sc, json!({"values": {"x": 90}, "ratings": {"critical": rate(&["1", "3"])}}));
    assert_eq!(c.vetoes, vec!["autofail".to_string()]);
    assert_eq!(s(c.total), "0.00");
    // 3 and 5: (60 + 100) / 2 = 80: no veto; total (80 × 50 + 90 × 50) / 100 = 85.00.
    let c = score(&sc, json!({"values": {"x": 90}, "ratings": {"critical": rate(&["3", "5"])}}));
    assert!(c.vetoes.is_empty());
    assert_eq!(s(c.total), "85.00");
    // N/A (no ratings): never fires.
    let c = score(&sc, json!({"values": {"x": 90}}));
    assert!(c.vetoes.is_empty());
    // A score condition outside 0–100 is refused.
    let mut bad = v.clone();
    bad["vetoes"][0]["when"]["value"] = json!("150");
    assert_eq!(codes(&bad), vec![("invalid_value".into(), "vetoes[0].when.value".into())]);
}

fn scoped(policy: &str) -> Scheme {
    let mut chat = direct("typing", json!(50));
    chat["applies_when"] = json!({"attribute": "channel", "in": ["chat", "email"]});
    build(&scheme2(
        json!({"missing": {"policy": policy}}),
        json!([
            {"id": "a", "name": "a", "weight": 60, "indicators": [chat, direct("greeting", json!(50))]},
            {"id": "b", "name": "b", "weight": 40, "indicators": [direct("resolution", json!(100))]}
        ]),
    ))
}

#[test]
fn out_of_scope_leaves_the_average_under_every_policy() {
    for policy in ["renormalize", "zero", "error"] {
        let sc = scoped(policy);
        // Phone: typing out of scope (its value ignored); S_a = 70; base = (60 × 70 + 40 × 90) / 100 = 78.00.
        let c = score(
            &sc,
            json!({"attributes": {"channel": "phone"}, "values": {"typing": 10, "greeting": 70, "resolution": 90}}),
        );
        let t = c.indicator("typing").unwrap();
        assert_eq!((t.reason.map(|r| r.as_str()), s(t.score)), (Some("out_of_scope"), "null".into()), "{policy}");
        assert_eq!(s(c.category("a").unwrap().score), "70.00", "{policy}");
        assert_eq!(s(c.total), "78.00", "{policy}");
        // Coverage: S_a = 50 in scope, all measured: 60 × 1 + 40 × 1 → 100.00.
        assert_eq!(c.coverage.to_string(), "100.00", "{policy}");
        // No attribute at all: out of scope too.
        let c = score(&sc, json!({"values": {"greeting": 70, "resolution": 90}}));
        assert_eq!(s(c.total), "78.00", "{policy}");
    }
    // Chat, typing in scope: (50 × 10 + 50 × 70) / 100 = 40; base = (60 × 40 + 40 × 90) / 100 = 60.00.
    let sc = scoped("renormalize");
    let c = score(
        &sc,
        json!({"attributes": {"channel": "chat"}, "values": {"typing": 10, "greeting": 70, "resolution": 90}}),
    );
    assert_eq!(s(c.total), "60.00");
    // Chat with typing missing: it is missing data: K = 100 × (60 × 50/100 + 40 × 1) / 100 = 70.00.
    let c = score(&sc, json!({"attributes": {"channel": "chat"}, "values": {"greeting": 70, "resolution": 90}}));
    assert_eq!(c.coverage.to_string(), "70.00");
    // An attribute no indicator names.
    let e = sc
        .score_value(&json!({"employee": "E1", "period": "Q1", "attributes": {"queue": "vip"}, "values": {}}))
        .unwrap_err();
    assert_eq!(e.issues[0].code.as_str(), "unknown_attribute");
    assert_eq!(e.issues[0].path, "attributes.queue");
}

#[test]
fn a_format_1_document_with_a_format_2_field_is_rejected_at_that_field() {
    let base = || builtin_scheme("csr").unwrap().to_value();
    type Edit = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Edit, &str)> = vec![
        (Box::new(|v| v["weights"] = json!("relative")), "weights"),
        (Box::new(|v| v["rating"] = json!({"points": [["0", "1"], ["100", "5"]]})), "rating"),
        (Box::new(|v| v["categories"][0]["pool"] = json!({})), "categories[0].pool"),
        (
            Box::new(|v| v["categories"][0]["indicators"][0]["applies_when"] = json!({"attribute": "c", "in": ["x"]})),
            "categories[0].indicators[0].applies_when",
        ),
    ];
    for (edit, path) in cases {
        let mut v = base();
        edit(&mut v);
        assert_eq!(codes(&v), vec![("unknown_field".to_string(), path.to_string())], "{path}");
    }
    // A record's attributes are an unknown field under a format-1 scheme.
    let s1 = builtin_scheme("csr").unwrap();
    let e = s1.score_value(&json!({"employee": "E", "period": "P", "attributes": {}})).unwrap_err();
    assert!(e.issues.iter().any(|i| i.code.as_str() == "unknown_field" && i.path == "attributes"));
}

#[test]
fn a_format_1_scheme_relabelled_as_format_2_scores_the_same() {
    let one = builtin_scheme("csr").unwrap();
    let mut v = one.to_value();
    v["format"] = json!("appraisal-scheme/2");
    let two = build(&v);
    assert_ne!(one.digest(), two.digest(), "the document changed, so its digest does");
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/sample-centre-2026-Q1.jsonl"))
            .unwrap();
    let records: Vec<Value> =
        text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!records.is_empty());
    for r in &records {
        let a = one.score_value(r).map(|c| serde_json::to_value(c).unwrap());
        let b = two.score_value(r).map(|c| serde_json::to_value(c).unwrap());
        match (a, b) {
            (Ok(mut a), Ok(mut b)) => {
                a["scheme"] = Value::Null;
                b["scheme"] = Value::Null;
                assert_eq!(a, b);
            }
            (Err(a), Err(b)) => assert_eq!(a, b),
            (a, b) => panic!("{a:?} vs {b:?}"),
        }
    }
}

#[test]
fn the_table_path_gives_format_2_results_too() {
    // Every §8 scheme above through `Table` + `score_table`: row for row the general path's.
    let schemes = [
        (
            scoped("renormalize"),
            vec![
                json!({"employee": "E1", "period": "Q", "attributes": {"channel": "phone"}, "values": {"typing": 10, "greeting": 70, "resolution": 90}}),
                json!({"employee": "E2", "period": "Q", "attributes": {"channel": "chat"}, "values": {"typing": 10, "greeting": 70, "resolution": 90}}),
                json!({"employee": "E3", "period": "Q", "attributes": {"queue": "x"}}),
            ],
        ),
        (
            build(&pool_scheme("0", "zero")),
            vec![
                json!({"employee": "E1", "period": "Q", "values": {"complaint": 2, "violation": 1, "x": 80}}),
                json!({"employee": "E2", "period": "Q", "values": {"x": 80}}),
            ],
        ),
        (
            build(&scheme2(
                json!({"rating": {"points": [["0", "1"], ["100", "5"]], "dp": 1}}),
                json!([{"id": "a", "name": "a", "weight": 100, "indicators": [direct("x", json!(100))]}]),
            )),
            vec![
                json!({"employee": "E1", "period": "Q", "values": {"x": "86.30"}}),
                json!({"employee": "E2", "period": "Q", "values": {}}),
            ],
        ),
    ];
    for (scheme, records) in schemes {
        let (table, bad) = appraisal::fast::Table::from_records(&scheme, &records);
        let scores = scheme.score_table(&table).unwrap();
        let mut row = 0;
        for (i, r) in records.iter().enumerate() {
            match scheme.score_value(r) {
                Ok(card) => {
                    assert!(scores.agrees_with(row, &card), "record {i}");
                    row += 1;
                }
                Err(e) => assert!(bad.iter().any(|(j, b)| *j == i && *b == e), "record {i}"),
            }
        }
    }
}

#[test]
fn distribution_guidelines_each_with_its_operator_and_rounding() {
    use appraisal::population::{distribute, DistributionConfig};
    // SPEC §8.7 (SAP KBA 3634696): 19 people, a <= 10 % → 1.9 up → 2; a + b = 30 % → 5.7
    // down → 5; c = 40 % → 7.6 down → 7.
    let sc = build(&json!({
        "format": "appraisal-scheme/2", "id": "sap", "version": "1", "name": "sap", "period": "year",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "k", "name": "k", "weight": 100, "indicators": [direct("x", json!(100))]}],
        "grades": [{"id": "a", "min": 50}, {"id": "b", "min": 40}, {"id": "c", "min": 30}, {"id": "d", "min": 0}]
    }));
    // Everyone starts at a, totals 78, 77, …, 60: the ranking is the input order.
    let cards: Vec<Scorecard> = (0..19)
        .map(|i| {
            sc.score_value(&json!({"employee": format!("E{i:02}"), "period": "2026", "values": {"x": 78 - i}})).unwrap()
        })
        .collect();
    let cfg = DistributionConfig::from_value(&json!({"grades": ["a", "b", "c", "d"], "quotas": [
        {"grades": ["a"], "op": "<=", "pct": "10"},
        {"grades": ["a", "b"], "op": "=", "pct": "30"},
        {"grades": ["c"], "op": "=", "pct": "40"}]}))
    .unwrap();
    let d = distribute(&cfg, &cards).unwrap();
    let limits: Vec<(String, u64, u64)> = d.quotas.iter().map(|q| (q.kind.to_string(), q.limit, q.count)).collect();
    // a: 2 (ranks 1–2); b: 3 (a + b target 5 reached); c: 7 (target 7); d: the other 7.
    assert_eq!(limits, vec![("max".into(), 2, 2), ("target".into(), 5, 5), ("target".into(), 7, 7)]);
    let to: Vec<&str> = d.people.iter().map(|p| p.to.as_deref().unwrap()).collect();
    assert_eq!(to, [vec!["a"; 2], vec!["b"; 3], vec!["c"; 7], vec!["d"; 7]].concat());
    // `round` overrides: a <= 10 % rounded down → 1; nearest: 1.9 → 2, and 30 % of 19 = 5.7 → 6.
    let cfg = DistributionConfig::from_value(&json!({"grades": ["a", "b", "c", "d"], "quotas": [
        {"grades": ["a"], "op": "<=", "pct": "10", "round": "down"},
        {"grades": ["a", "b"], "op": "=", "pct": "30", "round": "nearest"}]}))
    .unwrap();
    let d = distribute(&cfg, &cards).unwrap();
    assert_eq!(d.quotas.iter().map(|q| q.limit).collect::<Vec<_>>(), vec![1, 6]);
    // Bad guidelines: an unknown op, pct beside max_pct, round on the short form.
    let e = DistributionConfig::from_value(&json!({"grades": ["a"], "quotas": [
        {"grades": ["a"], "op": "<", "pct": "10"},
        {"grades": ["a"], "op": "<=", "pct": "10", "max_pct": "5"},
        {"grades": ["a"], "max_pct": "5", "round": "up"}]}))
    .unwrap_err();
    let got: Vec<(&str, &str)> = e.issues.iter().map(|i| (i.code.as_str(), i.path.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("invalid_value", "quotas[0].op"),
            ("invalid_value", "quotas[1].max_pct"),
            ("invalid_value", "quotas[2].round")
        ]
    );
}

fn sample(file: &str) -> Vec<Value> {
    let path = format!("{}/../examples/data/format2/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn the_three_format_2_examples_score_their_samples_as_worked_by_hand() {
    // QA form, CS1001 (phone): opening (100 × 1 + 100 × 2) / 3 = 100; handling: accuracy "4"
    // = 80 (w 3), empathy "5" = 100 (w 2), hold pass = 100 (w 1), writing out of scope:
    // 540 / 6 = 90; closing fail = 0. Base (1 × 100 + 3 × 90 + 1 × 0) / 5 = 74.00: fair.
    let qa = builtin_scheme("qa_form").unwrap();
    let recs = sample("qa-form-2026-01.jsonl");
    let c = qa.score_value(&recs[0]).unwrap();
    assert_eq!((s(c.total), c.grade.as_deref()), ("74.00".into(), Some("fair")));
    assert_eq!(c.indicator("writing").unwrap().reason.map(|r| r.as_str()), Some("out_of_scope"));
    // CS1002 (chat): accuracy "2" = 30 < 50: the critical item fails the contact (total 0).
    let c = qa.score_value(&recs[1]).unwrap();
    assert_eq!((s(c.total), c.vetoes.clone()), ("0.00".into(), vec![appraisal::Id::from("critical_accuracy")]));
    // Discipline, CS1001: FCR (82 − 50) / 40 = 80; CSAT (88 − 60) / 35 = 80; performance 80.
    // Pool: late 3 × 5 = 15, script 1 × 10 = 10: 100 − 25 = 75. Base (70 × 80 + 30 × 75) / 100 = 78.50: B.
    let dp = builtin_scheme("discipline_pool").unwrap();
    let recs = sample("discipline-2026-01.jsonl");
    let c = dp.score_value(&recs[0]).unwrap();
    assert_eq!(s(c.category("discipline").unwrap().score), "75.00");
    assert_eq!((s(c.total), c.grade.as_deref()), ("78.50".into(), Some("B")));
    // CS1003: 6 late (30) + 2 absences (60) + 3 violations (30) = 120 > 100: the pool is used up, 0.
    let c = dp.score_value(&recs[2]).unwrap();
    assert_eq!(s(c.category("discipline").unwrap().score), "0.00");
    // Manager review, CS1001: goals 104 is above 100 → 100; behaviours (80 + 60) / 2 = 70;
    // base (60 × 100 + 40 × 70) / 100 = 88.00: exceeds; rating 3 + (88 − 60) × 2 / 40 = 4.4.
    let mr = builtin_scheme("manager_review").unwrap();
    let recs = sample("manager-review-2026.jsonl");
    let c = mr.score_value(&recs[0]).unwrap();
    assert_eq!(
        (s(c.total), c.grade.as_deref(), c.rating),
        ("88.00".into(), Some("exceeds"), Some(Some("4.4".parse().unwrap())))
    );
    // CS1002: goals exactly 100 is not above 100: band 2 → 90; behaviours 100: base 94.00;
    // rating 3 + 34 × 2 / 40 = 4.7.
    let c = mr.score_value(&recs[1]).unwrap();
    assert_eq!(c.indicator("goals").unwrap().step.as_deref(), Some("band 2: >= 100"));
    assert_eq!((s(c.total), c.rating), ("94.00".into(), Some(Some("4.7".parse().unwrap()))));
    for (scheme, file) in
        [(&qa, "qa-form-2026-01.jsonl"), (&dp, "discipline-2026-01.jsonl"), (&mr, "manager-review-2026.jsonl")]
    {
        for r in sample(file) {
            assert!(scheme.score_value(&r).is_ok(), "{file}: {r}");
        }
    }
}

#[test]
fn whatif_reaches_a_strict_band_one_grid_step_beyond_and_names_out_of_scope() {
    // above 90 → 100, at_least 90 → 80, otherwise 0; now 85 (total 0, D). For A (≥ 90) the
    // band "> 90" is needed: on the value's grid (whole numbers) that is 91, total 100.
    let sc = build(&strict_scheme(json!([{"above": "90", "score": "100"}, {"at_least": "90", "score": "80"}])));
    let w = sc.whatif(&json!({"employee": "E", "period": "P", "values": {"q": "85"}}), Some("A")).unwrap();
    assert_eq!((w.answers[0].outcome, w.answers[0].value.as_deref()), ("reachable", Some("91")));
    assert_eq!(s(w.answers[0].total), "100.00");
    // For B (≥ 75) the inclusive band 2 is enough: 90.
    let w = sc.whatif(&json!({"employee": "E", "period": "P", "values": {"q": "85"}}), Some("B")).unwrap();
    assert_eq!(w.answers[0].value.as_deref(), Some("90"));
    // One decimal in the value: the grid is 0.1, so 90.1.
    let w = sc.whatif(&json!({"employee": "E", "period": "P", "values": {"q": "85.5"}}), Some("A")).unwrap();
    assert_eq!(w.answers[0].value.as_deref(), Some("90.1"));
    // Out of scope: said so, not "no value".
    let w = scoped("renormalize")
        .whatif(
            &json!({"employee": "E", "period": "P", "attributes": {"channel": "phone"},
                    "values": {"greeting": 50, "resolution": 50}}),
            Some("A"),
        )
        .unwrap();
    let typing = w.answers.iter().find(|a| a.indicator == "typing").unwrap();
    assert_eq!(typing.note.as_deref(), Some("out of scope for this record (applies when channel is chat or email)"));
}

#[test]
fn a_version_diff_names_format_2_changes() {
    use appraisal::versions::diff;
    let old = builtin_scheme("qa_form").unwrap();
    let mut v = old.to_value();
    v["weights"] = json!("percent");
    v["categories"] = json!([{"id": "opening", "name": "o", "weight": 100, "pool": {"full": "50"},
        "indicators": [{"id": "greeting", "name": "g", "kind": "quantitative", "unit": "x", "source": "x",
                        "rubric": {"type": "deduction", "per_unit": "5"}}]}]);
    v["vetoes"] = json!([]);
    v["rating"] = json!({"points": [["0", "1"], ["100", "5"]]});
    let new = build(&v);
    let paths: Vec<String> = diff(&old, &new, "en").into_iter().map(|c| c.path).collect();
    for want in ["weights", "rating", "categories.opening.pool"] {
        assert!(paths.iter().any(|p| p == want), "{want} in {paths:?}");
    }
}

#[test]
fn a_value_for_an_out_of_scope_indicator_is_ignored_even_when_malformed() {
    // SPEC §8.6: "A value given for an out-of-scope indicator is ignored."
    let sc = scoped("renormalize");
    let c = score(
        &sc,
        json!({"attributes": {"channel": "phone"}, "values": {"typing": "not a number", "greeting": 70, "resolution": 90},
               "samples": {"typing": "-1"}}),
    );
    assert_eq!(c.indicator("typing").unwrap().reason.map(|r| r.as_str()), Some("out_of_scope"));
    assert_eq!(s(c.total), "78.00");
    // In scope, the same value is an error at its path.
    let e = sc
        .score_value(&json!({"employee": "E", "period": "P", "attributes": {"channel": "chat"},
                             "values": {"typing": "not a number"}}))
        .unwrap_err();
    assert_eq!((e.issues[0].code.as_str(), e.issues[0].path.as_str()), ("unparsable_number", "values.typing"));
    // An unknown indicator id is still reported, scope or not.
    let e = sc
        .score_value(
            &json!({"employee": "E", "period": "P", "attributes": {"channel": "phone"}, "values": {"typo": 1}}),
        )
        .unwrap_err();
    assert_eq!(e.issues[0].code.as_str(), "unknown_indicator");
}
