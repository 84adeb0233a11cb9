//! What-if: the smallest change that reaches the next grade, worked by hand; and properties.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::Scheme;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn appendix() -> (Scheme, Value) {
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(appraisal_tests::vectors_dir().join("appendix.json")).unwrap())
            .unwrap();
    (Scheme::from_value(&doc["scheme"]).unwrap(), doc["records"].clone())
}

#[test]
fn what_does_e1004_need_for_an_a() {
    let (s, recs) = appendix();
    // E1004: 84.50, B (the peer group dropped out; communication 85).
    let w = s.whatif(&recs[3], None).unwrap();
    assert_eq!((w.grade.as_deref(), w.target.as_deref()), (Some("B"), Some("A")));
    // attendance: 98.6 .. 98.9 stay in band 2; 99 reaches band 1: basic 82.50, base 84.50, total 86.50.
    let a = &w.answers[0];
    assert_eq!((a.outcome, a.value.as_deref(), a.grade.as_deref()), ("reachable", Some("99"), Some("A")));
    assert_eq!(a.total.unwrap().to_string(), "86.50");
    // task completion: total >= 85 needs base >= 83, basic >= 75, task score >= 70, i.e. 94.
    let t = &w.answers[1];
    assert_eq!((t.outcome, t.value.as_deref()), ("reachable", Some("94")));
    assert_eq!(t.total.unwrap().to_string(), "85.00");
    assert_eq!(w.answers[2].outcome, "not_applicable");
}

#[test]
fn unattainable_and_explicit_targets() {
    let (s, recs) = appendix();
    // E1001 at 86.30 (A): S needs 95; attendance at best gives 88.30, task at best 89.80.
    let w = s.whatif(&recs[0], None).unwrap();
    assert_eq!(w.target.as_deref(), Some("S"));
    assert!(w.answers.iter().all(|a| a.outcome != "reachable"));
    assert_eq!(w.answers[0].note.as_deref(), Some("even its best score does not reach the target"));
    let w = s.whatif(&recs[0], Some("A")).unwrap();
    assert!(w.answers.iter().all(|a| a.outcome == "reached" && a.value.is_none())); // already there
    assert!(s.whatif(&recs[0], Some("Z")).is_err());
}

fn csr_record(v: &[u32; 6]) -> Value {
    let t = |x: u32, lo: u32, hi: u32| {
        let x = lo * 10 + x % ((hi - lo) * 10 + 1);
        format!("{}.{}", x / 10, x % 10)
    };
    json!({"employee": "W", "period": "P",
        "values": {"attendance": t(v[0], 90, 100), "task_completion": t(v[1], 85, 100), "timeliness": t(v[2], 60, 95),
                   "work_quality": "80", "qa_score": t(v[3], 70, 95), "aht": 200 + v[4] % 500, "csat": t(v[5], 75, 95),
                   "complaints": 1, "fcr": "75", "escalation_time": "9", "feedback_closure": "92"},
        "samples": {"qa_score": 6, "csat": 40},
        "ratings": {"communication": [{"group": "supervisor", "rater": "M", "value": "4"}],
                    "service_attitude": [{"group": "supervisor", "rater": "M", "value": "3"}]}})
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn answers_reach_the_target_and_one_step_less_does_not(v in prop::array::uniform6(0u32..10_000)) {
        let s = appraisal::builtin_scheme("csr").unwrap();
        let rec = csr_record(&v);
        let w = s.whatif(&rec, None).unwrap();
        let Some(target) = w.target.clone() else { return Ok(()) };
        let rank = |g: &str| s.grades().iter().position(|x| x.id == g).unwrap();
        for a in w.answers.iter().filter(|a| a.outcome == "reachable") {
            let value = a.value.clone().unwrap();
            let mut r = rec.clone();
            r["values"][&a.indicator] = json!(value);
            let c = s.score_value(&r).unwrap();
            prop_assert!(rank(c.grade.as_deref().unwrap()) <= rank(&target), "{} = {} does not reach", a.indicator, value);
            // one grid step back toward the current value does not reach
            let cur = Decimal::from_str(a.current.as_deref().unwrap()).unwrap();
            let new = Decimal::from_str(&value).unwrap();
            let scale = cur.normalize().scale().max(new.normalize().scale()).max(new.scale());
            let step = Decimal::new(1, scale);
            let back = if new > cur { new - step } else { new + step };
            if back != cur && (back > cur) == (new > cur) {
                let mut r2 = rec.clone();
                r2["values"][&a.indicator] = json!(back.to_string());
                let c2 = s.score_value(&r2).unwrap();
                prop_assert!(rank(c2.grade.as_deref().unwrap()) > rank(&target), "{}: {} already reaches", a.indicator, back);
            }
        }
    }
}

#[test]
fn single_peaked_rubric_moves_toward_the_target_band() {
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(appraisal_tests::vectors_dir().join("rubrics.json")).unwrap())
            .unwrap();
    let s = Scheme::from_value(&doc["scheme"]).unwrap();
    // R4: pw 660 (50.00) and sc "poor" (40): (20*50 + 10*40)/30 = 46.67 -> C; target B (70) needs
    // (20*s + 400)/30 >= 70, s >= 85: on the falling side 100 - (v - 420)*100/480 >= 85, v <= 492.
    let w = s.whatif(&doc["records"][3], None).unwrap();
    let pw = &w.answers[0];
    assert_eq!((w.target.as_deref(), pw.outcome, pw.value.as_deref()), (Some("B"), "reachable", Some("492")));
    assert_eq!(pw.total.unwrap().to_string(), "70.00");
    // one second more: 100 - 73*100/480 = 84.79 -> (1695.8 + 400)/30 = 69.86 -> still C
    let mut r = doc["records"][3].clone();
    r["values"]["pw"] = json!("493");
    assert_eq!(s.score_value(&r).unwrap().total.unwrap().to_string(), "69.86");
}

#[test]
fn a_fired_event_veto_that_caps_the_grade_is_named_instead_of_every_indicator_failing() {
    // Issue 12: CS1022 of the sample centre, natural grade A, capped at C by a serious
    // complaint (an event veto): no indicator change can reach B.
    let scheme = appraisal::builtin_scheme("csr").unwrap();
    let rec = include_str!("../../examples/data/sample-centre-2026-Q3.jsonl")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|r| r["employee"] == "CS1022")
        .unwrap();
    let w = scheme.whatif(&rec, None).unwrap();
    assert_eq!((w.grade.as_deref(), w.target.as_deref()), (Some("C"), Some("B")));
    assert!(w.answers.iter().all(|a| a.outcome == "vetoed"), "{w:?}");
    assert!(w.answers[0].note.as_deref().unwrap().contains("serious_complaint"));
}
