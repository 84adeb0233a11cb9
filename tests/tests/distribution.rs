//! Forced distribution, worked by hand (SPEC §7), plus properties.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::population::{distribute, DistributionConfig};
use appraisal::{Scheme, Scorecard};
use proptest::prelude::*;
use serde_json::json;

fn scheme() -> Scheme {
    Scheme::from_value(&json!({
        "format": "appraisal-scheme/1", "id": "fd", "version": "1", "name": "FD", "period": "year",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": 100, "indicators": [
            {"id": "x", "name": "X", "kind": "quantitative", "unit": "score", "source": "internal", "weight": 100,
             "rubric": {"type": "direct"}}]}],
        "vetoes": [{"id": "v", "when": {"event": "incident"}, "effect": {"type": "cap_grade", "grade": "C"}}],
        "missing": {"min_coverage": "100"},
        "grades": [{"id": "S", "min": 95}, {"id": "A", "min": 85}, {"id": "B", "min": 70}, {"id": "C", "min": 60}, {"id": "D", "min": 0}]
    }))
    .unwrap()
}

fn cards(totals: &[&str]) -> Vec<Scorecard> {
    let s = scheme();
    totals
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut rec = json!({"employee": format!("E{:02}", i + 1), "period": "2026"});
            if *t == "capped99" {
                rec["values"] = json!({"x": "99"});
                rec["events"] = json!({"incident": 1});
            } else if *t != "-" {
                rec["values"] = json!({"x": t});
            }
            s.score_value(&rec).unwrap()
        })
        .collect()
}

fn cfg(rounding: &str, extra: serde_json::Value) -> DistributionConfig {
    let mut v = json!({"grades": ["S", "A", "B", "C", "D"],
        "quotas": [{"grades": ["S"], "max_pct": "10"}, {"grades": ["S", "A"], "max_pct": "30"}, {"grades": ["D"], "min_pct": "5"}],
        "rounding": rounding});
    if let (Some(m), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        for (k, x) in e {
            m.insert(k.clone(), x.clone());
        }
    }
    DistributionConfig::from_value(&v).unwrap()
}

fn grades(d: &appraisal::population::Distribution) -> Vec<String> {
    d.people.iter().map(|p| p.to.clone().unwrap_or_else(|| "-".into())).collect()
}

const TWELVE: [&str; 12] = ["99", "98", "97", "96", "94", "93", "92", "91", "90", "89", "80", "75"];

#[test]
fn lenient_rounding() {
    // n = 12: S allowed ceil(1.2) = 2, S+A ceil(3.6) = 4, D required floor(0.6) = 0.
    let d = distribute(&cfg("lenient", json!({})), &cards(&TWELVE)).unwrap();
    assert_eq!(grades(&d), ["S", "S", "A", "A", "B", "B", "B", "B", "B", "B", "B", "B"]);
    assert_eq!(d.quotas.iter().map(|q| (q.limit, q.count)).collect::<Vec<_>>(), [(2, 2), (4, 4), (0, 0)]);
    assert_eq!(d.people[2].reason.as_deref(), Some("max quota S (10% of 12 = 2) full"));
    assert_eq!(d.people[4].reason.as_deref(), Some("max quota S+A (30% of 12 = 4) full"));
    assert_eq!(d.people[10].reason, None);
    assert_eq!((d.population, d.applied), (12, true));
    assert_eq!(d.people[0].rank, Some(1));
}

#[test]
fn strict_rounding() {
    // n = 12: S floor(1.2) = 1, S+A floor(3.6) = 3, D ceil(0.6) = 1: the last (B) moves down to D.
    let d = distribute(&cfg("strict", json!({})), &cards(&TWELVE)).unwrap();
    assert_eq!(grades(&d), ["S", "A", "A", "B", "B", "B", "B", "B", "B", "B", "B", "D"]);
    assert_eq!(d.people[11].reason.as_deref(), Some("min quota D (5% of 12 = 1) filled"));
}

#[test]
fn ties_split_by_a_quota_are_reported() {
    // n = 3, S max 34%: ceil(1.02) = 2 -> E01 (99) S, then E02 and E03 (both 96): id order decides: E02 S, E03 A.
    let c = DistributionConfig::from_value(
        &json!({"grades": ["S", "A", "B", "C", "D"], "quotas": [{"grades": ["S"], "max_pct": 34}]}),
    )
    .unwrap();
    let d = distribute(&c, &cards(&["99", "96", "96"])).unwrap();
    assert_eq!(grades(&d), ["S", "S", "A"]);
    assert_eq!(d.ties.len(), 1);
    assert_eq!(d.ties[0].employees, ["E02", "E03"]);
    assert_eq!(d.ties[0].to, ["S", "A"]);
}

#[test]
fn small_populations_incomplete_results_and_caps() {
    // below min_population nothing moves
    let d = distribute(&cfg("lenient", json!({"min_population": 5})), &cards(&["99", "98", "97"])).unwrap();
    assert_eq!((grades(&d), d.applied), (vec!["S".to_string(), "S".into(), "S".into()], false));
    // an incomplete result (no value) passes through; a capped 99 starts (and stays) at C
    let d = distribute(&cfg("lenient", json!({})), &cards(&["99", "-", "capped99", "98"])).unwrap();
    assert_eq!(d.population, 3);
    assert_eq!(d.people[1].rank, None);
    assert_eq!(d.people[1].to, None);
    assert_eq!(d.people[2].from.as_deref(), Some("C"));
    assert_eq!(d.people[2].to.as_deref(), Some("C"));
    // n = 3: S ceil(0.3) = 1, S+A ceil(0.9) = 1: E01 S, E04 (98) -> S full, A full -> B
    assert_eq!(d.people[3].to.as_deref(), Some("B"));
}

#[test]
fn bad_configurations() {
    let err = |v: serde_json::Value| {
        DistributionConfig::from_value(&v)
            .unwrap_err()
            .issues
            .iter()
            .map(|i| (i.code.as_str().to_string(), i.path.clone()))
            .collect::<Vec<_>>()
    };
    let g = json!(["S", "A", "B"]);
    assert_eq!(
        err(json!({"grades": g, "quotas": [{"grades": ["S"], "max_pct": 10}, {"grades": ["S", "B"], "min_pct": 5}]})),
        [("invalid_value".to_string(), "quotas[1].grades".to_string())]
    );
    assert_eq!(
        err(json!({"grades": g, "quotas": [{"grades": ["E"], "max_pct": 10}]})),
        [("unknown_reference".into(), "quotas[0].grades[0]".into())]
    );
    assert_eq!(
        err(json!({"grades": g, "quotas": [{"grades": ["S"], "max_pct": 10, "min_pct": 5}]})),
        [("invalid_value".into(), "quotas[0]".into())]
    );
    assert_eq!(
        err(json!({"grades": g, "quotas": [{"grades": ["S"], "max_pct": 120}]})),
        [("invalid_value".into(), "quotas[0].max_pct".into())]
    );
    assert_eq!(err(json!({"grades": g, "rounding": "round"})), [("invalid_value".into(), "rounding".into())]);
    assert_eq!(
        err(json!({"grades": g, "tie_keys": [{"base": false}]})),
        [("invalid_value".into(), "tie_keys[0]".into())]
    );
    assert_eq!(err(json!({"quotas": []})), [("missing_field".into(), "grades".into())]);
    // a result graded outside the configuration
    let c = DistributionConfig::from_value(&json!({"grades": ["A", "B"]})).unwrap();
    let e = distribute(&c, &cards(&["99"])).unwrap_err();
    assert_eq!((e[0].code.as_str(), e[0].path.as_str()), ("unknown_reference", "results[0].grade"));
}

proptest! {
    #[test]
    fn never_better_than_natural_and_never_over_a_max_quota(
        totals in prop::collection::vec(0u32..1000, 1..40), s_pct in 0u32..60, sa_pct in 0u32..100, d_pct in 0u32..30, strict in any::<bool>()
    ) {
        let t: Vec<String> = totals.iter().map(|x| format!("{}.{}", x / 10, x % 10)).collect();
        let refs: Vec<&str> = t.iter().map(String::as_str).collect();
        let cs = cards(&refs);
        let c = DistributionConfig::from_value(&json!({"grades": ["S", "A", "B", "C", "D"], "rounding": if strict { "strict" } else { "lenient" },
            "quotas": [{"grades": ["S"], "max_pct": s_pct}, {"grades": ["S", "A"], "max_pct": sa_pct}, {"grades": ["D"], "min_pct": d_pct}]})).unwrap();
        let d = distribute(&c, &cs).unwrap();
        let idx = |g: &str| ["S", "A", "B", "C", "D"].iter().position(|x| *x == g).unwrap();
        for p in &d.people {
            prop_assert!(idx(p.to.as_deref().unwrap()) >= idx(p.from.as_deref().unwrap()));
        }
        for q in d.quotas.iter().filter(|q| q.kind == "max") {
            prop_assert!(q.count <= q.limit, "{:?}", q);
        }
    }
}
