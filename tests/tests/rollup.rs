//! Roll-ups, worked by hand (SPEC §7).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::{Scheme, Status, SubResult};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn appendix() -> Scheme {
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(appraisal_tests::vectors_dir().join("appendix.json")).unwrap())
            .unwrap();
    Scheme::from_value(&doc["scheme"]).unwrap()
}

fn sub(total: &str, basic: Option<&str>, service: Option<&str>, cap: Option<&str>) -> SubResult {
    SubResult {
        complete: true,
        total: Some(d(total)),
        categories: vec![("basic_work".into(), basic.map(d)), ("service_quality".into(), service.map(d))],
        cap: cap.map(str::to_string),
    }
}

#[test]
fn months_to_quarter_equal_weights() {
    let s = appendix();
    // (80 + 90 + 85.5) / 3 = 85.1666.. -> 85.17 -> A (85); basic (70 + 75) / 2 = 72.50 (month 3 unmeasured);
    // service (82 + 91 + 88) / 3 = 87.00
    let subs = [
        sub("80", Some("70"), Some("82"), None),
        sub("90", Some("75"), Some("91"), None),
        sub("85.5", None, Some("88"), None),
    ];
    let r = s.rollup("E1", "2026-Q3", &subs, None, 3).unwrap();
    assert_eq!(r.total.unwrap().to_string(), "85.17");
    assert_eq!(r.categories[0].score.unwrap().to_string(), "72.50");
    assert_eq!(r.categories[1].score.unwrap().to_string(), "87.00");
    assert_eq!((r.status, r.periods_used), (Status::Complete, 3));
    assert_eq!(r.grade.as_deref(), Some("A"));
}

#[test]
fn weighted_components_and_nested_rollups() {
    let s = appendix();
    let quarters = [
        sub("84", None, None, None),
        sub("86.34", None, None, None),
        sub("85", None, None, None),
        sub("85.33", None, None, None),
    ];
    // (84 + 86.34 + 85 + 85.33) / 4 = 340.67 / 4 = 85.1675 -> 85.17
    let q = s.rollup("E1", "2026 quarters", &quarters, None, 4).unwrap();
    assert_eq!(q.total.unwrap().to_string(), "85.17");
    // 70 % quarterly mean + 30 % annual review 90: (70*85.17 + 30*90)/100 = 86.619 -> 86.62
    let year = s
        .rollup("E1", "2026", &[SubResult::from(&q), sub("90", None, None, None)], Some(&[d("70"), d("30")]), 2)
        .unwrap();
    assert_eq!(year.total.unwrap().to_string(), "86.62");
    assert_eq!(year.grade.as_deref(), Some("A"));
}

#[test]
fn caps_carry_over_and_min_periods() {
    let s = appendix();
    // (90 + 96 + 93) / 3 = 93.00 -> A, but month 2 was capped at C by a veto: C
    let subs = [sub("90", None, None, None), sub("96", None, None, Some("C")), sub("93", None, None, None)];
    let r = s.rollup("E1", "Q", &subs, None, 3).unwrap();
    assert_eq!(
        (r.total.unwrap().to_string().as_str(), r.natural_grade.as_deref(), r.grade.as_deref()),
        ("93.00", Some("A"), Some("C"))
    );
    // only two complete months of three required: incomplete, total over the two, no grade
    let mut subs = subs.to_vec();
    subs[1].complete = false;
    let r = s.rollup("E1", "Q", &subs, None, 3).unwrap();
    assert_eq!(r.status, Status::Incomplete);
    assert_eq!(r.total.unwrap().to_string(), "91.50"); // (90 + 93) / 2
    assert_eq!(r.grade, None);
    // bad weights
    let e = s.rollup("E1", "Q", &subs, Some(&[d("1"), d("-1"), d("1")]), 1).unwrap_err();
    assert_eq!((e[0].code.as_str(), e[0].path.as_str()), ("negative_weight", "weights[1]"));
    assert_eq!(s.rollup("E1", "Q", &subs, Some(&[d("1")]), 1).unwrap_err()[0].path, "weights");
}

#[test]
fn rollup_from_real_scorecards() {
    let s = appendix();
    let rec = |emp: &str, att: &str| {
        serde_json::json!({"employee": emp, "period": "M", "values": {"attendance": att, "task_completion": "90"},
            "ratings": {"communication": [{"group": "supervisor", "rater": "M", "value": "5"}]}})
    };
    // attendance 99 -> 100, task 90 -> 50: basic 75.00; communication 100 (peers drop): base (20*75 + 80*100)/100 = 95.00
    // attendance 95 -> 80: basic 65.00; base (1300 + 8000)/100 = 93.00
    let a = s.score_value(&rec("E", "99")).unwrap();
    let b = s.score_value(&rec("E", "95")).unwrap();
    assert_eq!((a.total.unwrap().to_string(), b.total.unwrap().to_string()), ("95.00".into(), "93.00".into()));
    let r = s.rollup("E", "Q", &[SubResult::from(&a), SubResult::from(&b)], None, 2).unwrap();
    assert_eq!(r.total.unwrap().to_string(), "94.00");
    assert_eq!(r.categories[0].score.unwrap().to_string(), "70.00");
    assert_eq!(r.grade.as_deref(), Some("A"));
}
