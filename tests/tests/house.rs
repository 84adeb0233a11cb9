//! Issue 12: disagreements between front doors and the core, fixed in the core.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::{builtin_scheme_json, Scheme};
use serde_json::Value;

#[test]
fn a_weights_sum_error_is_reported_beside_a_rubric_error() {
    // Band order broken in indicator 0 AND the category's indicator weights summing to 90:
    // both problems at once (SPEC §6), not only the band error.
    let mut v: Value = serde_json::from_str(builtin_scheme_json("csr").unwrap()).unwrap();
    let inds = v["categories"][0]["indicators"].as_array_mut().unwrap();
    let first = inds[0]["weight"].as_str().map(str::to_string).unwrap_or_else(|| inds[0]["weight"].to_string());
    let w: rust_decimal::Decimal = first.parse().unwrap();
    inds[0]["weight"] = Value::String((w - rust_decimal::Decimal::TEN).to_string());
    let band = inds.iter().position(|i| i["rubric"]["type"] == "bands").expect("a bands rubric in basic work");
    let steps = inds[band]["rubric"]["steps"].as_array_mut().unwrap();
    steps.reverse();
    let e = Scheme::from_value(&v).unwrap_err();
    let codes: Vec<(&str, &str)> = e.issues.iter().map(|i| (i.code.as_str(), i.path.as_str())).collect();
    assert!(codes.iter().any(|(c, _)| *c == "invalid_rubric"), "{codes:?}");
    assert!(codes.contains(&("weights_sum", "categories[0].indicators")), "{codes:?}");
}

#[test]
fn unix_times_and_process_errors_are_the_same_everywhere() {
    assert_eq!(appraisal::number::parse_seconds("1764633600"), Some(1_764_633_600));
    assert_eq!(appraisal::number::parse_seconds("-1"), None);
    assert_eq!(appraisal::number::parse_seconds("1.5"), None);
    let s: Result<appraisal::process::State, _> = "feedbak".parse();
    let e = s.unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("invalid_value", "state"));
}

#[test]
fn audit_problems_are_issues_like_every_other_error() {
    use appraisal::process::AuditProblem;
    let i = AuditProblem::Edited(2).issue();
    assert_eq!((i.code.as_str(), i.path.as_str()), ("audit_edited", "audit[2]"));
    let i = AuditProblem::Broken(1).issue();
    assert_eq!((i.code.as_str(), i.path.as_str()), ("audit_broken", "audit[1]"));
}
