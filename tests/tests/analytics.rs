//! Indicator analytics, worked by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::analytics::indicator_analytics;
use appraisal::Scheme;
use rust_decimal::Decimal;
use serde_json::json;

#[test]
fn stats_and_flags() {
    let s = Scheme::from_value(&json!({
        "format": "appraisal-scheme/1", "id": "an", "version": "1", "name": "AN", "period": "quarter",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": 100, "indicators": [
            {"id": "x", "name": "X", "kind": "quantitative", "unit": "score", "source": "internal", "weight": 50, "rubric": {"type": "direct"}},
            {"id": "f", "name": "F", "kind": "quantitative", "unit": "score", "source": "internal", "weight": 50, "rubric": {"type": "pass_fail"}}]}],
        "grades": [{"id": "A", "min": 0}]
    }))
    .unwrap();
    // x: 40, 70, 100, 90, N/A; f: pass ×4, N/A ×1
    let xs = [Some("40"), Some("70"), Some("100"), Some("90"), None];
    let cards: Vec<_> = xs
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let mut values = serde_json::Map::new();
            if let Some(x) = x {
                values.insert("x".into(), json!(x));
                values.insert("f".into(), json!(true));
            }
            s.score_value(&json!({"employee": format!("E{i}"), "period": "P", "values": values})).unwrap()
        })
        .collect();
    let st = indicator_analytics(&s, &cards, None, None);
    let x = &st[0];
    assert_eq!((x.results, x.measured), (5, 4));
    // mean (40 + 70 + 100 + 90) / 4 = 75.00; sorted 40, 70, 90, 100: p25 = 1st, median = 2nd, p75 = 3rd
    let s2 = |d: Option<Decimal>| d.map(|d| d.to_string());
    assert_eq!(s2(x.mean).as_deref(), Some("75.00"));
    assert_eq!(
        (s2(x.p25), s2(x.median), s2(x.p75)),
        (Some("40.00".into()), Some("70.00".into()), Some("90.00".into()))
    );
    assert_eq!(
        (s2(x.min), s2(x.max), s2(x.range)),
        (Some("40.00".into()), Some("100.00".into()), Some("60.00".into()))
    );
    assert_eq!(
        (x.na_share.to_string(), x.full_share.to_string(), x.zero_share.to_string()),
        ("20.00".into(), "25.00".into(), "0.00".into())
    );
    assert!(x.flags.is_empty());
    // f: every measured result passes: 100 % at full marks -> does not discriminate
    assert_eq!(st[1].full_share.to_string(), "100.00");
    assert_eq!(st[1].flags, ["does_not_discriminate"]);
    // with a 20 % N/A threshold, both are flagged mostly N/A too
    let st = indicator_analytics(&s, &cards, None, Some(Decimal::from(20)));
    assert_eq!(st[0].flags, ["mostly_not_applicable"]);
}
