//! Result-application rules with history (the built-in handbook rules), worked by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::apply::RuleSet;
use appraisal::{builtin_rules, Scheme, Scorecard};
use rust_decimal::Decimal;
use serde_json::json;
use std::collections::BTreeMap;
use std::str::FromStr;

fn scheme() -> Scheme {
    Scheme::from_value(&json!({
        "format": "appraisal-scheme/1", "id": "ap", "version": "1", "name": "AP", "period": "quarter",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": 100, "indicators": [
            {"id": "x", "name": "X", "kind": "quantitative", "unit": "score", "source": "internal", "weight": 100,
             "rubric": {"type": "direct"}}]}],
        "vetoes": [{"id": "v", "when": {"event": "incident"}, "effect": {"type": "cap_grade", "grade": "B"}}],
        "missing": {"min_coverage": "100"},
        "grades": [{"id": "S", "min": 95}, {"id": "A", "min": 85}, {"id": "B", "min": 70}, {"id": "C", "min": 60}, {"id": "D", "min": 0}]
    }))
    .unwrap()
}

/// One period's scorecard: "92" → A; "92!" → 92 with a veto (capped to B); "-" → incomplete.
fn card(spec: &str, period: usize) -> Scorecard {
    let mut rec = json!({"employee": "E1", "period": format!("2026-Q{period}")});
    let v = spec.trim_end_matches('!');
    if v != "-" {
        rec["values"] = json!({"x": v});
    }
    if spec.ends_with('!') {
        rec["events"] = json!({"incident": 1});
    }
    scheme().score_value(&rec).unwrap()
}

fn history(specs: &[&str]) -> (Scorecard, Vec<Scorecard>) {
    let cards: Vec<Scorecard> = specs.iter().enumerate().map(|(i, s)| card(s, i + 1)).collect();
    let (cur, earlier) = cards.split_last().unwrap();
    (cur.clone(), earlier.to_vec())
}

fn ctx(pairs: &[(&str, &str)]) -> BTreeMap<String, Decimal> {
    pairs.iter().map(|(k, v)| (k.to_string(), Decimal::from_str(v).unwrap())).collect()
}

#[test]
fn four_quarters_of_a_promotion_bonus_and_merit_raise() {
    let rules = builtin_rules().unwrap();
    let (cur, earlier) = history(&["90", "88", "96", "91"]); // A, A, S, A
    let a = rules.apply(
        &cur,
        &earlier,
        &ctx(&[("compa_ratio", "0.95"), ("base_bonus", "6000"), ("months_served", "2"), ("months_in_period", "3")]),
        2,
        "en",
    );
    assert_eq!(a.grade.as_deref(), Some("A"));
    assert_eq!(
        a.position.as_ref().map(|p| (p.value.as_str(), p.rule.as_str())),
        Some(("promotion_eligible", "promotion_eligible"))
    );
    assert_eq!(a.bonus_coefficient.as_ref().map(|p| p.value.as_str()), Some("1.2"));
    // merit matrix, row A, compa-ratio 0.95 in [0.90, 1.10): 4.5 %
    assert_eq!(a.salary_adjustment_pct.as_ref().map(|p| p.value.as_str()), Some("4.5"));
    // 6000 × 1.2 × 2 / 3 = 4800.00
    assert_eq!(a.bonus.as_deref(), Some("4800.00"));
    assert!(a.training.is_empty());
    // compa-ratio exactly 1.10 falls in the last band (below is exclusive): A -> 3
    let a = rules.apply(&cur, &earlier, &ctx(&[("compa_ratio", "1.10")]), 2, "en");
    assert_eq!(a.salary_adjustment_pct.unwrap().value, "3");
}

#[test]
fn a_veto_in_the_window_blocks_promotion() {
    let rules = builtin_rules().unwrap();
    // the second quarter had a veto (92, capped to B): not "A or better, no veto" in all four
    let (cur, earlier) = history(&["90", "92!", "96", "91"]);
    let a = rules.apply(&cur, &earlier, &ctx(&[]), 2, "en");
    assert_eq!(a.position, None);
    assert!(a.notes.iter().any(|n| n.contains("compa_ratio")), "{:?}", a.notes);
    // and only three quarters of history: not yet
    let (cur, earlier) = history(&["90", "96", "91"]);
    assert_eq!(rules.apply(&cur, &earlier, &ctx(&[]), 2, "en").position, None);
}

#[test]
fn improvement_plan_transfer_and_demotion_by_priority() {
    let rules = builtin_rules().unwrap();
    // D twice in a row: improvement plan (priority 2) wins over transfer review (3), both fire
    let (cur, earlier) = history(&["75", "50", "40"]);
    let a = rules.apply(&cur, &earlier, &ctx(&[]), 2, "en");
    assert_eq!(a.position.unwrap().value, "improvement_plan");
    assert_eq!(a.fired[..2], ["improvement_plan".to_string(), "transfer_review".to_string()]);
    assert_eq!(a.bonus_coefficient.unwrap().value, "0");
    // D, C, D, D: three D in the last four -> demotion review (priority 1)
    let (cur, earlier) = history(&["50", "65", "40", "30"]);
    assert_eq!(rules.apply(&cur, &earlier, &ctx(&[]), 2, "en").position.unwrap().value, "demotion_review");
    // C after B: no two consecutive C-or-worse; C after C: transfer review
    let (cur, earlier) = history(&["75", "65"]);
    assert_eq!(rules.apply(&cur, &earlier, &ctx(&[]), 2, "en").position, None);
    let (cur, earlier) = history(&["62", "65"]);
    assert_eq!(rules.apply(&cur, &earlier, &ctx(&[]), 2, "en").position.unwrap().value, "transfer_review");
    // an incomplete result fires nothing
    let (cur, earlier) = history(&["40", "-"]);
    let a = rules.apply(&cur, &earlier, &ctx(&[]), 2, "en");
    assert!(a.fired.is_empty() && a.position.is_none());
}

#[test]
fn training_topics_accumulate_bilingually() {
    let rules = builtin_rules().unwrap();
    let s = appraisal::builtin_scheme("csr").unwrap();
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(appraisal_tests::vectors_dir().join("builtin_csr.json")).unwrap(),
    )
    .unwrap();
    let mut rec = doc["records"][0].clone();
    // qa 62 -> (62-60)*100/35 = 5.71; service = (35*5.71 + 20*100 + 25*88 + 20*100)/100 = 6399.85/100 = 64.00 (< 75)
    rec["values"]["qa_score"] = json!("62");
    let card = s.score_value(&rec).unwrap();
    assert_eq!(card.category("service_quality").unwrap().score.unwrap().to_string(), "64.00");
    let a = rules.apply(&card, &[], &ctx(&[]), 2, "zh");
    let topics: Vec<&str> = a.training.iter().map(|t| t.topic.as_str()).collect();
    assert_eq!(topics, ["沟通技巧与服务礼仪", "质检标准一对一辅导"]);
    let a = rules.apply(&card, &[], &ctx(&[]), 2, "en");
    assert_eq!(a.training[0].topic, "Communication skills and service etiquette");
}

#[test]
fn bad_rule_sets() {
    let errs = |v: serde_json::Value| {
        RuleSet::from_value(&v)
            .unwrap_err()
            .issues
            .into_iter()
            .map(|i| (i.code.as_str().to_string(), i.path))
            .collect::<Vec<_>>()
    };
    let base = |rules: serde_json::Value| {
        json!({"format": "appraisal-rules/1", "id": "r", "version": "1", "name": "R", "grades": ["A", "B"], "rules": rules,
               "matrices": [{"id": "m", "dimension": "compa_ratio", "bands": [{"id": "lo", "below": "1"}, {"id": "hi"}],
                             "values": {"A": ["2", "1"], "B": ["1", "0"]}}]})
    };
    assert_eq!(
        errs(base(json!([{"id": "x", "when": {"grade_in": ["Z"]}, "then": {"bonus_coefficient": 1}}]))),
        [("unknown_reference".to_string(), "rules[0].when.grade_in[0]".to_string())]
    );
    assert_eq!(
        errs(base(
            json!([{"id": "x", "when": {"always": true}, "then": {"salary_adjustment_pct": {"matrix": "nope"}}}])
        )),
        [("unknown_reference".into(), "rules[0].then.salary_adjustment_pct.matrix".into())]
    );
    assert_eq!(
        errs(base(json!([{"id": "x", "when": {"always": true}, "then": {"position": "fired"}}]))),
        [("invalid_value".into(), "rules[0].then.position".into())]
    );
    assert_eq!(
        errs(base(json!([{"id": "x", "when": {"always": true}, "then": {}}]))),
        [("invalid_value".into(), "rules[0].then".into())]
    );
    assert_eq!(
        errs(base(
            json!([{"id": "x", "when": {"at_least": 3, "of_last": 2, "meet": {"always": true}}, "then": {"position": "improvement_plan"}},
                          {"id": "x", "when": {"last": 2, "all": {"shrug": 1}}, "then": {"bonus_coefficient": "1"}}])
        )),
        [
            ("invalid_range".into(), "rules[0].when".into()),
            ("invalid_value".into(), "rules[1].when.all".into()),
            ("duplicate_id".into(), "rules[1].id".into())
        ]
    );
    assert_eq!(
        errs(
            json!({"format": "appraisal-rules/2", "id": "r", "version": "1", "name": "R", "grades": ["A"], "rules": []})
        ),
        [("unsupported_format".into(), "format".into())]
    );
}

#[test]
fn team_result_matrix_takes_precedence_when_known() {
    let rules = builtin_rules().unwrap();
    let (cur, earlier) = history(&["91"]); // A
                                           // team result 1.05 in [0.90, 1.10): A -> 1.25 from the team matrix (priority 9)
    let a = rules.apply(&cur, &earlier, &ctx(&[("team_result", "1.05")]), 2, "en");
    let c = a.bonus_coefficient.unwrap();
    assert_eq!((c.value.as_str(), c.rule.as_str()), ("1.25", "bonus_team"));
    // without it, the grade rule decides (1.2) and a note says why the matrix did not
    let a = rules.apply(&cur, &earlier, &ctx(&[]), 2, "en");
    assert_eq!(a.bonus_coefficient.unwrap().rule, "bonus_a");
    assert!(a.notes.iter().any(|n| n.contains("team_result")));
}
