//! The process: every legal and illegal step, appeals and their window, separation of duty,
//! overrides, and the audit chain under tampering.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::process::{verify, Actor, Appraisal, AuditProblem, ProcessError, Role, State};
use rust_decimal::Decimal;
use std::str::FromStr;

fn card() -> appraisal::Scorecard {
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(appraisal_tests::vectors_dir().join("appendix.json")).unwrap())
            .unwrap();
    let s = appraisal::Scheme::from_value(&doc["scheme"]).unwrap();
    s.score_value(&doc["records"][0]).unwrap() // E1001, 86.30
}

const DAY: u64 = 86_400;

fn hr() -> Actor {
    Actor::new("H1", Role::Hr)
}
fn sup() -> Actor {
    Actor::new("M01", Role::Supervisor)
}
fn rev(id: &str) -> Actor {
    Actor::new(id, Role::Reviewer)
}
fn emp() -> Actor {
    Actor::new("E1001", Role::Employee)
}

/// A record walked to `feedback` at t = 40 days.
fn at_feedback() -> Appraisal {
    let mut a = Appraisal::new(card(), 7 * DAY);
    a.advance(State::Collecting, &hr(), 10 * DAY, None).unwrap();
    a.advance(State::Scoring, &sup(), 20 * DAY, None).unwrap();
    a.advance(State::Reviewing, &sup(), 30 * DAY, None).unwrap();
    a.advance(State::Feedback, &rev("R1"), 40 * DAY, None).unwrap();
    a
}

#[test]
fn the_whole_way_with_the_right_roles() {
    let mut a = at_feedback();
    a.advance(State::Confirmed, &emp(), 41 * DAY, Some("discussed in the one-to-one")).unwrap();
    a.advance(State::Finalized, &hr(), 45 * DAY, None).unwrap();
    a.advance(State::Applied, &hr(), 60 * DAY, None).unwrap();
    assert_eq!(a.state(), State::Applied);
    assert_eq!(a.audit().len(), 7);
    assert!(verify(a.audit()).is_ok());
    assert_eq!(a.audit()[4].reason.as_deref(), Some("discussed in the one-to-one"));
}

#[test]
fn illegal_steps_and_roles() {
    let mut a = Appraisal::new(card(), 7 * DAY);
    assert_eq!(a.advance(State::Reviewing, &hr(), 1, None).unwrap_err().code(), "illegal_transition");
    assert_eq!(a.advance(State::Collecting, &sup(), 1, None).unwrap_err().code(), "not_permitted");
    let mut a = at_feedback();
    assert_eq!(a.advance(State::Finalized, &hr(), 41 * DAY, None).unwrap_err().code(), "illegal_transition");
    // another employee cannot confirm this one's result
    assert_eq!(
        a.advance(State::Confirmed, &Actor::new("E2002", Role::Employee), 41 * DAY, None).unwrap_err().code(),
        "not_permitted"
    );
    // time never runs backwards in the log
    assert_eq!(a.advance(State::Confirmed, &emp(), 39 * DAY, None).unwrap_err().code(), "time_order");
    assert_eq!(a.state(), State::Feedback); // refused steps change nothing
}

#[test]
fn separation_of_duty() {
    let mut a = Appraisal::new(card(), 7 * DAY);
    a.advance(State::Collecting, &hr(), 1, None).unwrap();
    a.advance(State::Scoring, &hr(), 2, None).unwrap();
    a.advance(State::Reviewing, &hr(), 3, None).unwrap();
    // the employee, even holding a reviewer or HR role elsewhere, never reviews or approves their own result
    let e = a.advance(State::Feedback, &Actor::new("E1001", Role::Reviewer), 4, None).unwrap_err();
    assert_eq!(e, ProcessError::SeparationOfDuty { actor: "E1001".into() });
    a.advance(State::Feedback, &rev("R1"), 5, None).unwrap();
    a.advance(State::Confirmed, &emp(), 6, None).unwrap();
    assert_eq!(
        a.advance(State::Finalized, &Actor::new("E1001", Role::Hr), 7, None).unwrap_err().code(),
        "separation_of_duty"
    );
}

#[test]
fn appeals_inside_and_outside_the_window() {
    // window 7 days from entering feedback at day 40: day 47 is the last moment
    let mut a = at_feedback();
    assert_eq!(
        a.appeal(&emp(), 47 * DAY + 1, "my CSAT sample was wrong").unwrap_err(),
        ProcessError::AppealWindowClosed { late: 1 }
    );
    assert_eq!(a.appeal(&emp(), 41 * DAY, " ").unwrap_err().code(), "reason_required");
    assert_eq!(a.appeal(&sup(), 41 * DAY, "x").unwrap_err().code(), "not_permitted");
    a.appeal(&emp(), 47 * DAY, "my CSAT sample was wrong").unwrap();
    assert_eq!(a.state(), State::Reviewing);
    // the re-review needs someone other than R1
    assert_eq!(a.advance(State::Feedback, &rev("R1"), 48 * DAY, None).unwrap_err().code(), "same_reviewer");
    a.advance(State::Feedback, &rev("R2"), 49 * DAY, None).unwrap();
    assert_eq!(a.reviewers(), ["R1", "R2"]);
    // a new window opens at day 49
    a.appeal(&emp(), 55 * DAY, "still wrong").unwrap();
    assert!(verify(a.audit()).is_ok());
}

#[test]
fn overrides_need_a_reason_and_keep_the_original() {
    let mut a = Appraisal::new(card(), 7 * DAY);
    a.advance(State::Collecting, &hr(), 1, None).unwrap();
    a.advance(State::Scoring, &hr(), 2, None).unwrap();
    let v = Decimal::from_str("88.00").unwrap();
    assert_eq!(a.override_score("total", v, &sup(), 3, "").unwrap_err().code(), "reason_required");
    assert_eq!(a.override_score("total", v, &emp(), 3, "x").unwrap_err().code(), "not_permitted");
    a.override_score("total", v, &sup(), 3, "two commendations were filed late").unwrap();
    assert_eq!(a.scorecard().total.unwrap().to_string(), "86.30"); // the computed result is kept
    assert_eq!(a.overrides()[0].original.unwrap().to_string(), "86.30");
    assert_eq!(a.effective_total().unwrap().to_string(), "88.00");
    assert_eq!(a.audit().last().unwrap().detail.as_deref(), Some("total: 86.30 → 88"));
    a.advance(State::Reviewing, &sup(), 4, None).unwrap();
    a.advance(State::Feedback, &rev("R1"), 5, None).unwrap();
    assert_eq!(a.override_score("total", v, &hr(), 6, "late").unwrap_err().code(), "illegal_transition");
}

#[test]
fn the_audit_chain_names_the_tampered_place() {
    let mut a = at_feedback();
    a.advance(State::Confirmed, &emp(), 41 * DAY, None).unwrap();
    let log = a.audit().to_vec();
    assert!(verify(&log).is_ok());
    // edit an entry
    let mut edited = log.clone();
    edited[2].actor.id = "M99".into();
    assert_eq!(verify(&edited), Err(AuditProblem::Edited(2)));
    // drop one
    let mut dropped = log.clone();
    dropped.remove(1);
    assert_eq!(verify(&dropped), Err(AuditProblem::Broken(1)));
    // reorder two
    let mut swapped = log.clone();
    swapped.swap(2, 3);
    assert_eq!(verify(&swapped), Err(AuditProblem::Broken(2)));
    // each entry carries the hash of the scorecard it concerns (SHA-256, 64 hex digits)
    assert!(log.iter().all(|e| e.scorecard.len() == 64 && e.scorecard == log[0].scorecard));
    // the log round-trips through JSON unchanged and still verifies
    let back: Vec<appraisal::process::AuditEntry> =
        serde_json::from_str(&serde_json::to_string(&log).unwrap()).unwrap();
    assert!(verify(&back).is_ok());
}
