//! Issue 11: the remaining hostile inputs through the core API (the same code every front
//! door calls). Each test failed on the main before the fixes; values worked out by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::form::{render_form, FormFormat};
use appraisal::population::{distribute, DistributionConfig};
use appraisal::{builtin_rules, builtin_scheme, Decimal, Scheme, Scorecard, SubResult};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn hostile_scheme() -> Value {
    json!({
        "format": "appraisal-scheme/1", "id": "<script>alert(1)</script>", "version": "1",
        "name": "<img src=x onerror=alert(1)>", "period": "quarter", "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "<iframe src=javascript:alert(1)>", "weight": 100, "indicators": [
            {"id": "x", "name": "[click](javascript:alert(1)) | <blink>", "kind": "quantitative", "unit": "score",
             "source": "t", "weight": 100, "standard": "<script>s</script>", "rubric": {"type": "direct"}}]}],
        "adjustments": [{"id": "a", "name": "<svg onload=alert(1)>", "event": "<e>", "points_per_unit": 1}],
        "vetoes": [{"id": "v", "name": "<script>v</script>", "when": {"event": "<e>"}, "effect": {"type": "zero_total"}}],
        "grades": [{"id": "<A>", "min": 60}, {"id": "D", "min": 0}]
    })
}

#[test]
fn forms_never_carry_markup_from_a_scheme_or_record() {
    // 11.10: Markdown (and HTML) forms escape every id and name.
    let s = Scheme::from_value(&hostile_scheme()).unwrap();
    let card = s
        .score_value(&json!({"employee": "<script>e</script>", "period": "<img onerror=x>",
                                     "values": {"x": 70}}))
        .unwrap();
    for f in [FormFormat::Markdown, FormFormat::Html] {
        for c in [None, Some(&card)] {
            let out = render_form(&s, c, "en", f).to_lowercase();
            for bad in ["<script", "<img", "<iframe", "<svg", "<blink", "<e>", "<a>", " [click](javascript"] {
                assert!(!out.contains(bad), "{f:?} contains {bad}:\n{out}");
            }
        }
    }
    assert_eq!(FormFormat::parse("pdf"), None);
}

#[test]
fn rollup_of_huge_weights_over_many_periods_is_exact() {
    // 11.4: 1000 sub-periods, weights 1e12 and 1: exact one-fraction mean.
    // 999 × 1e12 × 80 + 1 × 20 over 999e12 + 1 → 79.99999999999993993993… → 80.00.
    let s = builtin_scheme("csr").unwrap();
    let subs: Vec<SubResult> = (0..1000)
        .map(|i| SubResult {
            complete: true,
            total: Some(if i == 0 { d("20") } else { d("80") }),
            categories: vec![],
            cap: None,
        })
        .collect();
    let w: Vec<Decimal> = (0..1000).map(|i| if i == 0 { d("1") } else { d("1000000000000") }).collect();
    let r = s.rollup("E", "Y", &subs, Some(&w), 1).unwrap();
    assert_eq!(r.total.unwrap().to_string(), "80.00");
    // More sub-periods than the documented limit: a coded error, before any work.
    let many = vec![subs[0].clone(); 1001];
    let e = s.rollup("E", "Y", &many, None, 1).unwrap_err();
    assert_eq!(e[0].code.as_str(), "limit_exceeded");
}

fn card(s: &Scheme, emp: &str, period: &str, v: &str) -> Scorecard {
    s.score_value(&json!({"employee": emp, "period": period, "values": {"attendance": v, "task_completion": v}}))
        .unwrap()
}

#[test]
fn rollup_cards_take_one_employee_s_own_periods_once() {
    // 11.11 (Python and JS): another employee, another scheme, a period twice.
    let s = builtin_scheme("csr").unwrap();
    let other = builtin_scheme("tech_support").unwrap();
    let cards = vec![
        card(&s, "E", "2026-Q1", "99"),
        card(&s, "F", "2026-Q2", "99"),
        card(&other, "E", "2026-Q3", "99"),
        card(&s, "E", "2026-Q1", "90"),
    ];
    let e = s.rollup_cards("E", "2026", &cards, None, Some(1)).unwrap_err();
    let paths: Vec<&str> = e.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["results[1].employee", "results[2].scheme", "results[3].period"]);
    assert!(s.rollup_cards("E", "2026", &cards[..1], None, Some(1)).is_ok());
}

#[test]
fn rules_see_only_earlier_distinct_periods() {
    // 11.12: the current period, a later one, or one D three times is not history.
    let s = builtin_scheme("csr").unwrap();
    let rules = builtin_rules().unwrap();
    let cur = card(&s, "E", "2026-Q3", "80");
    let ctx = BTreeMap::new();
    for (hist, path) in [
        (vec![card(&s, "E", "2026-Q3", "80")], "history[0].period"),
        (vec![card(&s, "E", "2026-Q4", "80")], "history[0].period"),
        (vec![card(&s, "E", "2026-Q1", "80"), card(&s, "E", "2026-Q1", "80")], "history[1].period"),
        (vec![card(&s, "F", "2026-Q1", "80")], "history[0].employee"),
    ] {
        let e = rules.apply_checked(&cur, &hist, &ctx, 2, "en").unwrap_err();
        assert_eq!(e[0].path, path);
    }
    assert!(rules.apply_checked(&cur, &[card(&s, "E", "2026-Q2", "80")], &ctx, 2, "en").is_ok());
    assert_eq!(rules.apply_checked(&cur, &[], &ctx, 99, "en").unwrap_err()[0].path, "money_dp");
    assert!(appraisal::pay::split_pool(d("100"), &[d("1")], 11).is_err());
}

#[test]
fn distribution_checks_people_and_tie_keys() {
    // 11.13 and 11.15.
    let s = builtin_scheme("csr").unwrap();
    let cards = vec![card(&s, "E1", "P", "99"), card(&s, "E1", "P", "99"), card(&s, "E2", "P", "80")];
    let cfg = DistributionConfig::from_value(&json!({"grades": ["S", "A", "B", "C", "D"],
        "quotas": [{"grades": ["S"], "max_pct": "10"}], "tie_keys": [{"category": "no_such_category"}]}))
    .unwrap();
    let e = distribute(&cfg, &cards).unwrap_err();
    let paths: Vec<&str> = e.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["results[1].employee", "tie_keys[0].category"]);
}

#[test]
fn a_repeated_rater_group_is_reported_beside_its_other_errors() {
    // 11.15: group "peer" twice, the second with a negative weight: both problems at once.
    let mut v: Value = serde_json::from_str(appraisal::builtin_scheme_json("csr").unwrap()).unwrap();
    let rated = v["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["indicators"].as_array().unwrap().clone())
        .position(|i| i.get("raters").is_some());
    assert!(rated.is_some(), "the csr scheme has a 360 indicator");
    let mut ind = json!({"id": "z", "name": "Z", "kind": "qualitative", "unit": "score", "source": "t", "weight": 0,
        "rubric": {"type": "direct"},
        "raters": {"groups": [{"id": "peer", "weight": 100}, {"id": "peer", "weight": -5}]}});
    ind["weight"] = json!(0);
    v["categories"][0]["indicators"].as_array_mut().unwrap().push(ind);
    let e = Scheme::from_value(&v).unwrap_err();
    let codes: Vec<(&str, &str)> = e.issues.iter().map(|i| (i.code.as_str(), i.path.as_str())).collect();
    let n = v["categories"][0]["indicators"].as_array().unwrap().len() - 1;
    let at = format!("categories[0].indicators[{n}].raters.groups[1]");
    assert!(codes.contains(&("negative_weight", format!("{at}.weight").as_str())), "{codes:?}");
    assert!(codes.contains(&("duplicate_id", format!("{at}.id").as_str())), "{codes:?}");
}

#[test]
fn a_record_over_the_size_limit_is_refused_before_the_check() {
    // 11.5: a value beyond 1 MiB of JSON (one million ratings) is limit_exceeded at once.
    let s = builtin_scheme("csr").unwrap();
    let ratings: Vec<Value> =
        (0..200_000).map(|i| json!({"group": "peer", "rater": format!("R{i}"), "value": "4"})).collect();
    let rec = json!({"employee": "E", "period": "P", "ratings": {"communication": ratings}});
    let t = std::time::Instant::now();
    let e = s.score_value(&rec).unwrap_err();
    assert_eq!(e.issues[0].code.as_str(), "limit_exceeded");
    eprintln!("rejected in {:?}", t.elapsed());
}
