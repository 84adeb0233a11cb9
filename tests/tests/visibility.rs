//! Redaction per role and state; rater identities never reach an employee view.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::process::{Role, State};
use appraisal::visibility::{redact, Comment, Policy};
use serde_json::{json, Value};

fn setup() -> (appraisal::Scorecard, Value) {
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(appraisal_tests::vectors_dir().join("appendix.json")).unwrap())
            .unwrap();
    let s = appraisal::Scheme::from_value(&doc["scheme"]).unwrap();
    let rec = &doc["records"][0];
    (s.score_value(rec).unwrap(), rec["ratings"].clone())
}

fn keys(v: &Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn handbook_policy_by_role_and_state() {
    let (card, ratings) = setup();
    let p = Policy::handbook().unwrap();
    let comments = [Comment { by: "R1".into(), text: "strong on empathy".into() }];
    // the employee sees nothing of the result before feedback
    let v = redact(&p, Role::Employee, State::Reviewing, &card, Some(&ratings), &comments);
    assert_eq!(keys(&v), ["employee", "period", "scheme"]);
    // from feedback on: total, categories, indicator details, comments, and ratings without rater ids
    let v = redact(&p, Role::Employee, State::Feedback, &card, Some(&ratings), &comments);
    assert_eq!(v["total"], "86.30");
    assert_eq!(v["categories"][0]["score"], "72.50");
    assert_eq!(v["comments"][0]["text"], "strong on empathy");
    let rs = v["ratings"]["communication"].as_array().unwrap();
    assert_eq!(rs.len(), 3);
    assert!(rs.iter().all(|r| r.get("rater").is_none()));
    assert_eq!(rs[1], json!({"group": "peer", "value": "5"}));
    assert!(!v.to_string().contains("P07") && !v.to_string().contains("M01"));
    // a reviewer sees the rater identities; a supervisor does not
    let v = redact(&p, Role::Reviewer, State::Reviewing, &card, Some(&ratings), &comments);
    assert_eq!(v["ratings"]["communication"][1]["rater"], "P07");
    let v = redact(&p, Role::Supervisor, State::Reviewing, &card, Some(&ratings), &comments);
    assert!(!v.to_string().contains("P07"));
    // auditors only after finalization
    assert_eq!(keys(&redact(&p, Role::Auditor, State::Feedback, &card, None, &[])), ["employee", "period", "scheme"]);
    assert_eq!(redact(&p, Role::Auditor, State::Finalized, &card, None, &[])["grade"], "A");
}

#[test]
fn custom_policies_and_bad_ones() {
    let (card, ratings) = setup();
    // an employee who may see only the total and grade
    let p = Policy::from_value(
        &json!({"grants": [{"role": "employee", "states": ["finalized"], "parts": ["total_grade"]}]}),
    )
    .unwrap();
    let v = redact(&p, Role::Employee, State::Finalized, &card, Some(&ratings), &[]);
    assert_eq!(v["grade"], "A");
    assert!(v.get("indicators").is_none() && v.get("ratings").is_none() && v.get("categories").is_none());
    let e =
        Policy::from_value(&json!({"grants": [{"role": "ceo", "states": ["done"], "parts": ["salary"]}]})).unwrap_err();
    let got: Vec<(&str, &str)> = e.issues.iter().map(|i| (i.code.as_str(), i.path.as_str())).collect();
    assert_eq!(
        got,
        [
            ("invalid_value", "grants[0].role"),
            ("invalid_value", "grants[0].states[0]"),
            ("invalid_value", "grants[0].parts[0]")
        ]
    );
}
