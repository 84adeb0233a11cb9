//! Issue 11, wrong numbers: each test below failed on the main before the fix (values worked
//! out by hand from SPEC §0, §3 and §3.2).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use appraisal::fast::Table;
use appraisal::Scheme;
use serde_json::{json, Value};

/// A one-indicator scheme with the given rubric (and raters when given); grades A ≥ 60, D ≥ 0.
fn one(rubric: Value, raters: Option<Value>) -> Scheme {
    let mut ind = json!({"id": "x", "name": "X", "kind": "quantitative", "unit": "score", "source": "t",
                         "weight": 100, "rubric": rubric});
    if let Some(r) = raters {
        ind["raters"] = r;
    }
    Scheme::from_value(&json!({
        "format": "appraisal-scheme/1", "id": "h", "version": "1", "name": "H", "period": "quarter",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": 100, "indicators": [ind]}],
        "grades": [{"id": "A", "min": 60}, {"id": "D", "min": 0}]
    }))
    .unwrap()
}

fn score(s: &Scheme, values: Value) -> String {
    let card = s.score_value(&json!({"employee": "E", "period": "P", "values": values})).unwrap();
    card.indicators[0].score.unwrap().to_string()
}

#[test]
fn ratings_of_mixed_scales_in_one_row_score_the_same_on_the_table_path() {
    // Direct rubric, one group: 50 and 70.5 → (50.00 + 70.50) / 2 = 60.25, grade A.
    let s = one(json!({"type": "direct"}), Some(json!({"groups": [{"id": "peer", "weight": 100}]})));
    let rec = json!({"employee": "E", "period": "P", "ratings": {"x": [
        {"group": "peer", "rater": "R1", "value": "50"}, {"group": "peer", "rater": "R2", "value": "70.5"}]}});
    let card = s.score_value(&rec).unwrap();
    assert_eq!(card.total.unwrap().to_string(), "60.25");
    let (table, bad) = Table::from_records(&s, std::slice::from_ref(&rec));
    assert!(bad.is_empty());
    let t = s.score_table(&table).unwrap();
    assert_eq!(t.total(0).unwrap().to_string(), "60.25");
    assert_eq!(t.grade(0), Some("A"));
    // The scale grows on a later row too: rows 0 and 1 stay right after row 2 rescales.
    let recs: Vec<Value> = ["50", "70.5", "33.125"]
        .iter()
        .enumerate()
        .map(|(i, v)| {
            json!({"employee": format!("E{i}"), "period": "P", "ratings": {"x": [
            {"group": "peer", "rater": "R1", "value": "40"}, {"group": "peer", "rater": "R2", "value": v}]}})
        })
        .collect();
    let (table, _) = Table::from_records(&s, &recs);
    let t = s.score_table(&table).unwrap();
    // (40 + 50)/2 = 45.00; (40 + 70.5)/2 = 55.25; (40 + 33.13)/2 = 36.565 → 36.57 (rating rounded first).
    let totals: Vec<String> = (0..3).map(|i| t.total(i).unwrap().to_string()).collect();
    assert_eq!(totals, ["45.00", "55.25", "36.57"]);
}

#[test]
fn piecewise_is_exact_at_extreme_magnitudes() {
    // Points at ±1e12: s = 50 + v / 2e10. v = 99999999.9999999999999999999 gives
    // 50.004999999999999999999999999995 → 50.00 (half up), not 50.01.
    let s = one(json!({"type": "piecewise", "points": [["-1e12", 0], ["1e12", 100]]}), None);
    assert_eq!(score(&s, json!({"x": "99999999.9999999999999999999"})), "50.00");
    assert_eq!(score(&s, json!({"x": "100000000"})), "50.01", "the exact tie rounds up");
    assert_eq!(score(&s, json!({"x": "-1e12"})), "0.00");
    let (table, _) = Table::from_records(
        &s,
        &[json!({"employee": "E", "period": "P", "values": {"x": "99999999.9999999999999999999"}})],
    );
    assert_eq!(s.score_table(&table).unwrap().total(0).unwrap().to_string(), "50.00");
}

#[test]
fn ratio_with_an_extreme_target_clamps_instead_of_failing() {
    let s = one(json!({"type": "ratio", "target": "1e-28", "direction": "higher_better"}), None);
    assert_eq!(score(&s, json!({"x": "5"})), "100.00", "100 × 5 / 1e-28 is far above 100: clamped");
    assert_eq!(score(&s, json!({"x": "0"})), "0.00");
    let s = one(json!({"type": "ratio", "target": "1e12", "direction": "higher_better"}), None);
    assert_eq!(score(&s, json!({"x": "5"})), "0.00", "100 × 5 / 1e12 = 5e-10");
    assert_eq!(score(&s, json!({"x": "1e12"})), "100.00");
    let s = one(json!({"type": "ratio", "target": "1e12", "direction": "lower_better"}), None);
    assert_eq!(score(&s, json!({"x": "1e-28"})), "100.00");
    let s = one(json!({"type": "ratio", "target": "2.5e11", "direction": "lower_better"}), None);
    assert_eq!(score(&s, json!({"x": "1e12"})), "25.00");
    let s = one(json!({"type": "ratio", "target": "1e-28", "direction": "lower_better"}), None);
    assert_eq!(score(&s, json!({"x": "1e12"})), "0.00", "100 × 1e-28 / 1e12 = 1e-38");
}

#[test]
fn whatif_with_long_fractions_and_tiny_targets_answers_instead_of_panicking() {
    // Linear 0 → 100: 50.12… scores 50.12 (D); A needs a total of 60.00, i.e. a value of at
    // least 59.995 (R half up), on the value's own grid of 25 decimals: exactly 59.995.
    let s = one(json!({"type": "linear", "zero_at": 0, "full_at": 100}), None);
    let rec = json!({"employee": "E", "period": "P", "values": {"x": "50.1234567890123456789012345"}});
    let w = s.whatif(&rec, None).unwrap();
    assert_eq!(w.target.as_deref(), Some("A"));
    assert_eq!(w.answers[0].outcome, "reachable");
    assert_eq!(w.answers[0].value.as_deref(), Some("59.995"));
    assert_eq!(w.answers[0].total.unwrap().to_string(), "60.00");
    // 28 decimals.
    let rec = json!({"employee": "E", "period": "P", "values": {"x": "0.1234567890123456789012345678"}});
    assert_eq!(s.whatif(&rec, None).unwrap().answers[0].value.as_deref(), Some("59.995"));
    // Ratio with target 1e-28: value 0 scores 0 (D); the least value that reaches A is the
    // target itself, 1e-28 (100 × 1e-28 / 1e-28 = 100).
    let s = one(json!({"type": "ratio", "target": "1e-28", "direction": "higher_better"}), None);
    let rec = json!({"employee": "E", "period": "P", "values": {"x": 0}});
    let w = s.whatif(&rec, None).unwrap();
    assert_eq!(w.answers[0].value.as_deref(), Some("0.0000000000000000000000000001"));
    // 1e12 down to a lower-is-better target 1e-28.
    let s = one(json!({"type": "ratio", "target": "1e-28", "direction": "lower_better"}), None);
    let rec = json!({"employee": "E", "period": "P", "values": {"x": "1e12"}});
    let w = s.whatif(&rec, None).unwrap();
    assert_eq!(w.answers[0].outcome, "reachable", "{w:?}");
    // 100 × 1e-28 / x ≥ 59.995 ⇔ x ≤ 1.6668…e-28: the grid of 16 decimals (13 integer digits)
    // has nothing between 0 and 1e-16, so the first grid value is the bound, 1e-28, itself.
    assert_eq!(w.answers[0].value.as_deref(), Some("0.0000000000000000000000000001"));
}

#[test]
fn whatif_on_a_thousand_indicators_is_quick() {
    let inds: Vec<Value> = (0..1000)
        .map(|i| {
            json!({"id": format!("x{i}"), "name": "X", "kind": "quantitative", "unit": "score", "source": "t",
                        "weight": "0.1", "rubric": {"type": "linear", "zero_at": 0, "full_at": 100}})
        })
        .collect();
    let s = Scheme::from_value(&json!({
        "format": "appraisal-scheme/1", "id": "h", "version": "1", "name": "H", "period": "quarter",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": 100, "indicators": inds}],
        "grades": [{"id": "A", "min": 60}, {"id": "D", "min": 0}]
    }))
    .unwrap();
    let values: serde_json::Map<String, Value> = (0..1000).map(|i| (format!("x{i}"), json!("59.5"))).collect();
    let rec = json!({"employee": "E", "period": "P", "values": values});
    let t = std::time::Instant::now();
    let w = s.whatif(&rec, None).unwrap();
    eprintln!("whatif, 1000 indicators: {:?}", t.elapsed());
    // One indicator at its best (100) beside 999 at 59.5: (999 × 59.5 + 100) / 1000 = 59.5405
    // → 59.54 < 60, so no single indicator reaches A.
    assert!(w.answers.iter().all(|a| a.outcome == "unattainable"));
}
