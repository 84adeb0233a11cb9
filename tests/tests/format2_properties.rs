//! Format 2's properties (issue 13, point 4), over random schemes and records:
//! - relative weights scaled by any positive factor give identical results;
//! - a format-1 scheme relabelled as format 2 gives identical results;
//! - an indicator going out of scope never changes another indicator's score.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::Scheme;
use proptest::prelude::*;
use serde_json::{json, Value};

/// A scheme of 1–3 categories with 1–3 indicators each (direct, linear or bands), weights as
/// given (relative, any positive integers), the third indicator of each category scoped to
/// chat.
fn scheme(format: &str, weights: Option<&str>, cats: &[(u32, Vec<(u32, u8)>)], factor: u32) -> Value {
    let categories: Vec<Value> = cats
        .iter()
        .enumerate()
        .map(|(c, (w, inds))| {
            let indicators: Vec<Value> = inds
                .iter()
                .enumerate()
                .map(|(i, (iw, kind))| {
                    let rubric = match kind % 3 {
                        0 => json!({"type": "direct"}),
                        1 => json!({"type": "linear", "zero_at": "40", "full_at": "95"}),
                        _ => json!({"type": "bands", "direction": "higher_better",
                                    "steps": [{"at_least": "90", "score": "100"}, {"at_least": "70", "score": "75"}], "otherwise": "20"}),
                    };
                    let mut ind = json!({"id": format!("i{c}_{i}"), "name": "x", "kind": "quantitative", "unit": "score",
                                         "source": "t", "weight": (iw * factor).to_string(), "rubric": rubric});
                    if i == 2 && format.ends_with('2') {
                        ind["applies_when"] = json!({"attribute": "channel", "in": ["chat"]});
                    }
                    ind
                })
                .collect();
            json!({"id": format!("c{c}"), "name": "c", "weight": (w * factor).to_string(), "indicators": indicators})
        })
        .collect();
    let mut s = json!({"format": format, "id": "p", "version": "1", "name": "p", "period": "quarter",
        "effective": {"from": "2026-01-01"}, "missing": {"policy": "renormalize"}, "categories": categories,
        "grades": [{"id": "A", "min": "85"}, {"id": "B", "min": "70"}, {"id": "C", "min": "0"}]});
    if let Some(w) = weights {
        s["weights"] = json!(w);
    }
    s
}

/// Percent weights that sum to 100 in every list: the raw integers scaled and the last one
/// taking the rest.
fn percent(ws: &[u32]) -> Vec<u32> {
    let total: u32 = ws.iter().sum();
    let mut out: Vec<u32> = ws.iter().map(|w| w * 100 / total).collect();
    let rest = 100 - out.iter().sum::<u32>();
    if let Some(last) = out.last_mut() {
        *last += rest;
    }
    out
}

fn record(cats: &[(u32, Vec<(u32, u8)>)], values: &[Option<u32>], chat: bool) -> Value {
    let mut vals = serde_json::Map::new();
    let mut k = 0;
    for (c, (_, inds)) in cats.iter().enumerate() {
        for i in 0..inds.len() {
            if let Some(v) = values.get(k).copied().flatten() {
                vals.insert(format!("i{c}_{i}"), json!(format!("{}.{}", v / 10, v % 10)));
            }
            k += 1;
        }
    }
    let mut r = json!({"employee": "E", "period": "P", "values": vals});
    // The attribute exists only where an indicator is scoped by it (the third of a category).
    if chat && cats.iter().any(|(_, inds)| inds.len() >= 3) {
        r["attributes"] = json!({"channel": "chat"});
    }
    r
}

fn strip(card: &appraisal::Scorecard) -> Value {
    let mut v = serde_json::to_value(card).unwrap();
    v["scheme"] = Value::Null;
    v
}

fn cats_strategy() -> impl Strategy<Value = Vec<(u32, Vec<(u32, u8)>)>> {
    prop::collection::vec((1u32..20, prop::collection::vec((1u32..20, 0u8..3), 1..4)), 1..4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn relative_weights_scaled_by_any_factor_score_the_same(
        cats in cats_strategy(),
        values in prop::collection::vec(prop::option::weighted(0.85, 0u32..1000), 9),
        chat: bool,
        factor in 2u32..500,
    ) {
        let one = Scheme::from_value(&scheme("appraisal-scheme/2", Some("relative"), &cats, 1)).unwrap();
        let many = Scheme::from_value(&scheme("appraisal-scheme/2", Some("relative"), &cats, factor)).unwrap();
        let r = record(&cats, &values, chat);
        let (a, b) = (one.score_value(&r).unwrap(), many.score_value(&r).unwrap());
        prop_assert_eq!(strip(&a), strip(&b));
    }

    #[test]
    fn a_format_1_scheme_relabelled_as_format_2_scores_the_same(
        cats in cats_strategy(),
        values in prop::collection::vec(prop::option::weighted(0.85, 0u32..1000), 9),
    ) {
        // Percent weights (format 1's rule); no scoped indicators in format 1.
        let cw = percent(&cats.iter().map(|c| c.0).collect::<Vec<_>>());
        let cats: Vec<(u32, Vec<(u32, u8)>)> = cats
            .iter()
            .zip(cw)
            .map(|((_, inds), w)| {
                let iw = percent(&inds.iter().map(|i| i.0).collect::<Vec<_>>());
                (w, inds.iter().zip(iw).map(|((_, k), w)| (w, *k)).collect())
            })
            .collect();
        let v1 = scheme("appraisal-scheme/1", None, &cats, 1);
        let mut v2 = v1.clone();
        v2["format"] = json!("appraisal-scheme/2");
        let (s1, s2) = (Scheme::from_value(&v1).unwrap(), Scheme::from_value(&v2).unwrap());
        let r = record(&cats, &values, false);
        prop_assert_eq!(strip(&s1.score_value(&r).unwrap()), strip(&s2.score_value(&r).unwrap()));
    }

    #[test]
    fn going_out_of_scope_never_changes_another_indicators_score(
        cats in cats_strategy(),
        values in prop::collection::vec(prop::option::weighted(0.85, 0u32..1000), 9),
    ) {
        let s = Scheme::from_value(&scheme("appraisal-scheme/2", Some("relative"), &cats, 1)).unwrap();
        let chat = s.score_value(&record(&cats, &values, true)).unwrap();
        let phone = s.score_value(&record(&cats, &values, false)).unwrap();
        for (a, b) in chat.indicators.iter().zip(&phone.indicators) {
            if b.reason == Some(appraisal::NaReason::OutOfScope) {
                prop_assert_eq!(b.score, None);
                continue;
            }
            prop_assert_eq!((a.score, a.reason, &a.step), (b.score, b.reason, &b.step), "{}", a.id);
        }
    }
}
