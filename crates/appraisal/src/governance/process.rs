//! The appraisal process (handbook 4.1–4.4, 6.3; SPEC §7): states, who may move a record
//! between them, appeals inside a window with a re-review by someone else, manual overrides
//! that need a reason and keep the original, and a tamper-evident audit log (SHA-256 chain).
//! The caller supplies every time (seconds since the epoch): the core reads no clock.

use crate::error::{ErrorCode, Issue};
use crate::number::exact;
use crate::score::Scorecard;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Process states, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Being set up.
    Draft,
    /// Data being collected.
    Collecting,
    /// Indicators being scored.
    Scoring,
    /// Under review.
    Reviewing,
    /// Result communicated to the employee (appeals possible).
    Feedback,
    /// Acknowledged by the employee (or by HR after the window).
    Confirmed,
    /// Approved by HR.
    Finalized,
    /// Used for pay, training, position.
    Applied,
}

/// Parses a snake_case name (`"feedback"`, `"supervisor"`); an unknown name is an
/// `invalid_value` issue listing the known ones (path left to the caller to set).
fn parse_named<T: serde::de::DeserializeOwned>(s: &str, what: &str, known: &str) -> Result<T, Issue> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|_| Issue::new(ErrorCode::InvalidValue, what, format!("unknown {what} {s:?}; one of {known}")))
}

impl std::str::FromStr for State {
    type Err = Issue;
    fn from_str(s: &str) -> Result<Self, Issue> {
        parse_named(s, "state", "draft, collecting, scoring, reviewing, feedback, confirmed, finalized, applied")
    }
}

impl std::str::FromStr for Role {
    type Err = Issue;
    fn from_str(s: &str) -> Result<Self, Issue> {
        parse_named(s, "role", "employee, supervisor, hr, reviewer, auditor")
    }
}

/// Roles of actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The appraised employee.
    Employee,
    /// The employee's supervisor.
    Supervisor,
    /// A reviewer (审核).
    Reviewer,
    /// HR.
    Hr,
    /// An auditor (read only).
    Auditor,
}

/// Someone acting on a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Person id.
    pub id: String,
    /// Role.
    pub role: Role,
}

impl Actor {
    /// An actor.
    pub fn new(id: impl Into<String>, role: Role) -> Self {
        Self { id: id.into(), role }
    }
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProcessError {
    /// The move is not in the process.
    #[error("illegal_transition: {from:?} → {to:?} is not a step of the process")]
    IllegalTransition {
        /// From.
        from: State,
        /// To.
        to: State,
    },
    /// The actor's role may not take this step.
    #[error("not_permitted: a {role:?} may not move a record from {from:?} to {to:?}")]
    NotPermitted {
        /// Role.
        role: Role,
        /// From.
        from: State,
        /// To.
        to: State,
    },
    /// The appraised employee may not review or approve their own result.
    #[error("separation_of_duty: {actor} is the appraised employee and may not review or approve this result")]
    SeparationOfDuty {
        /// The actor.
        actor: String,
    },
    /// The re-review after an appeal must be done by someone other than the first reviewer.
    #[error("same_reviewer: {actor} reviewed this result before the appeal; the re-review needs someone else")]
    SameReviewer {
        /// The actor.
        actor: String,
    },
    /// The appeal window has closed.
    #[error("appeal_window_closed: the appeal came {late} seconds after the window closed")]
    AppealWindowClosed {
        /// Seconds late.
        late: u64,
    },
    /// A reason is required.
    #[error("reason_required: {what} needs a reason")]
    ReasonRequired {
        /// What.
        what: &'static str,
    },
    /// Time went backwards.
    #[error("time_order: {at} is before the last entry's time {last}")]
    TimeOrder {
        /// Given time.
        at: u64,
        /// Last time.
        last: u64,
    },
}

impl ProcessError {
    /// The error code (one of [`ErrorCode`]'s process codes).
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    fn error_code(&self) -> ErrorCode {
        match self {
            Self::IllegalTransition { .. } => ErrorCode::IllegalTransition,
            Self::NotPermitted { .. } => ErrorCode::NotPermitted,
            Self::SeparationOfDuty { .. } => ErrorCode::SeparationOfDuty,
            Self::SameReviewer { .. } => ErrorCode::SameReviewer,
            Self::AppealWindowClosed { .. } => ErrorCode::AppealWindowClosed,
            Self::ReasonRequired { .. } => ErrorCode::ReasonRequired,
            Self::TimeOrder { .. } => ErrorCode::TimeOrder,
        }
    }

    /// The error as `{code, path, message}`, like every other error of the library: the
    /// path names what was wrong (`state`, `actor`, `at`, `reason`).
    pub fn issue(&self) -> Issue {
        let path = match self {
            Self::IllegalTransition { .. } => "state",
            Self::NotPermitted { .. } | Self::SeparationOfDuty { .. } | Self::SameReviewer { .. } => "actor",
            Self::AppealWindowClosed { .. } | Self::TimeOrder { .. } => "at",
            Self::ReasonRequired { .. } => "reason",
        };
        Issue::new(self.error_code(), path, self.to_string())
    }
}

/// One audit entry. `hash` = SHA-256 of the entry's canonical JSON without `hash`, which
/// includes the previous entry's hash: editing, removing or reordering breaks the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the log, from 0.
    pub seq: u64,
    /// When (caller-supplied seconds).
    pub at: u64,
    /// Who.
    pub actor: Actor,
    /// `transition`, `appeal` or `override`.
    pub action: String,
    /// State before.
    pub from: State,
    /// State after.
    pub to: State,
    /// Why (required for appeals and overrides).
    pub reason: Option<String>,
    /// Override details ("total: 78.50 → 80.00").
    pub detail: Option<String>,
    /// SHA-256 of the scorecard's JSON the entry concerns.
    pub scorecard: String,
    /// The previous entry's hash ("" for the first).
    pub prev: String,
    /// This entry's hash.
    pub hash: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl AuditEntry {
    fn compute_hash(&self) -> String {
        let mut e = self.clone();
        e.hash = String::new();
        let text = serde_json::to_string(&e).unwrap_or_default();
        hex(&Sha256::digest(text.as_bytes()))
    }
}

/// What `verify` found wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditProblem {
    /// The entry's content does not match its hash (edited).
    #[error("entry {0} was edited: its hash does not match its content")]
    Edited(usize),
    /// The entry does not follow the one before it (removed or reordered entries).
    #[error("entry {0} does not follow the entry before it: an entry was removed or the order changed")]
    Broken(usize),
}

impl AuditProblem {
    /// The problem as `{code, path, message}` (`audit_edited` / `audit_broken` at `audit[i]`).
    pub fn issue(&self) -> Issue {
        let (code, i) = match self {
            Self::Edited(i) => (ErrorCode::AuditEdited, i),
            Self::Broken(i) => (ErrorCode::AuditBroken, i),
        };
        Issue::new(code, format!("audit[{i}]"), self.to_string())
    }
}

/// Checks a chain: every hash matches its entry, every entry links to the one before, and
/// the sequence numbers run 0, 1, 2, … Names the first place that is wrong.
pub fn verify(entries: &[AuditEntry]) -> Result<(), AuditProblem> {
    let mut prev = String::new();
    for (i, e) in entries.iter().enumerate() {
        if e.compute_hash() != e.hash {
            return Err(AuditProblem::Edited(i));
        }
        if e.prev != prev || e.seq != i as u64 {
            return Err(AuditProblem::Broken(i));
        }
        prev = e.hash.clone();
    }
    Ok(())
}

/// A manual score override: the new value, the original kept, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    /// What was overridden (`total`, or an indicator id).
    pub target: String,
    /// The value before.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub original: Option<Decimal>,
    /// The value after.
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// Who.
    pub by: String,
    /// Why.
    pub reason: String,
    /// When.
    pub at: u64,
}

/// One employee's appraisal moving through the process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appraisal {
    /// The appraised employee.
    employee: String,
    /// Current state.
    state: State,
    /// The scorecard (as computed; overrides are listed separately, never written into it).
    scorecard: Scorecard,
    /// Appeal window in seconds, counted from entering `feedback`.
    appeal_window: u64,
    /// Who reviewed (moved reviewing → feedback), in order.
    reviewers: Vec<String>,
    /// When the record last entered `feedback`.
    feedback_at: Option<u64>,
    /// Whether an appeal is being re-reviewed.
    appealed: bool,
    /// Manual overrides, originals kept.
    overrides: Vec<Override>,
    /// The audit log.
    audit: Vec<AuditEntry>,
}

impl Appraisal {
    /// The appraised employee.
    pub fn employee(&self) -> &str {
        &self.employee
    }
    /// The current state.
    pub fn state(&self) -> State {
        self.state
    }
    /// The scorecard as computed (overrides are listed separately, never written into it).
    pub fn scorecard(&self) -> &Scorecard {
        &self.scorecard
    }
    /// The appeal window in seconds, counted from entering `feedback`.
    pub fn appeal_window(&self) -> u64 {
        self.appeal_window
    }
    /// Who reviewed (moved reviewing → feedback), in order.
    pub fn reviewers(&self) -> &[String] {
        &self.reviewers
    }
    /// When the record last entered `feedback`.
    pub fn feedback_at(&self) -> Option<u64> {
        self.feedback_at
    }
    /// Whether an appeal is being re-reviewed.
    pub fn appealed(&self) -> bool {
        self.appealed
    }
    /// The manual overrides, originals kept.
    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }
    /// The audit log (read only: every change goes through the process's transitions).
    pub fn audit(&self) -> &[AuditEntry] {
        &self.audit
    }
}

impl State {
    /// The snake_case name (`"feedback"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Collecting => "collecting",
            Self::Scoring => "scoring",
            Self::Reviewing => "reviewing",
            Self::Feedback => "feedback",
            Self::Confirmed => "confirmed",
            Self::Finalized => "finalized",
            Self::Applied => "applied",
        }
    }
}

fn allowed(from: State, to: State, role: Role) -> Option<bool> {
    use Role::*;
    use State::*;
    let roles: &[Role] = match (from, to) {
        (Draft, Collecting) => &[Hr],
        (Collecting, Scoring) => &[Hr, Supervisor],
        (Scoring, Reviewing) => &[Supervisor, Hr],
        (Reviewing, Feedback) => &[Reviewer, Hr],
        (Feedback, Confirmed) => &[Employee, Hr],
        (Confirmed, Finalized) => &[Hr],
        (Finalized, Applied) => &[Hr],
        _ => return None,
    };
    Some(roles.contains(&role))
}

impl Appraisal {
    /// A new appraisal in `draft`.
    pub fn new(scorecard: Scorecard, appeal_window: u64) -> Self {
        Self {
            employee: scorecard.employee.clone(),
            state: State::Draft,
            scorecard,
            appeal_window,
            reviewers: Vec::new(),
            feedback_at: None,
            appealed: false,
            overrides: Vec::new(),
            audit: Vec::new(),
        }
    }

    fn record(
        &mut self,
        at: u64,
        actor: &Actor,
        action: &str,
        to: State,
        reason: Option<String>,
        detail: Option<String>,
    ) -> Result<(), ProcessError> {
        if let Some(last) = self.audit.last() {
            if at < last.at {
                return Err(ProcessError::TimeOrder { at, last: last.at });
            }
        }
        let card = serde_json::to_string(&self.scorecard).unwrap_or_default();
        let mut e = AuditEntry {
            seq: self.audit.len() as u64,
            at,
            actor: actor.clone(),
            action: action.to_string(),
            from: self.state,
            to,
            reason,
            detail,
            scorecard: hex(&Sha256::digest(card.as_bytes())),
            prev: self.audit.last().map(|e| e.hash.clone()).unwrap_or_default(),
            hash: String::new(),
        };
        e.hash = e.compute_hash();
        self.audit.push(e);
        self.state = to;
        Ok(())
    }

    /// Moves the record to the next state. Reviewing and approving are refused to the
    /// appraised employee; the re-review after an appeal needs a different reviewer.
    pub fn advance(&mut self, to: State, actor: &Actor, at: u64, reason: Option<&str>) -> Result<(), ProcessError> {
        let from = self.state;
        match allowed(from, to, actor.role) {
            None => return Err(ProcessError::IllegalTransition { from, to }),
            Some(false) => return Err(ProcessError::NotPermitted { role: actor.role, from, to }),
            Some(true) => {}
        }
        let reviews_or_approves = matches!(
            (from, to),
            (State::Reviewing, State::Feedback)
                | (State::Confirmed, State::Finalized)
                | (State::Finalized, State::Applied)
        );
        if reviews_or_approves && actor.id == self.employee {
            return Err(ProcessError::SeparationOfDuty { actor: actor.id.clone() });
        }
        if (from, to) == (State::Feedback, State::Confirmed)
            && actor.role == Role::Employee
            && actor.id != self.employee
        {
            return Err(ProcessError::NotPermitted { role: actor.role, from, to });
        }
        if (from, to) == (State::Reviewing, State::Feedback) {
            if self.appealed && self.reviewers.last() == Some(&actor.id) {
                return Err(ProcessError::SameReviewer { actor: actor.id.clone() });
            }
            self.reviewers.push(actor.id.clone());
            self.appealed = false;
            self.feedback_at = Some(at);
        }
        self.record(at, actor, "transition", to, reason.map(str::to_string), None)
    }

    /// The employee appeals (申诉) from `feedback` back to `reviewing`, inside the window.
    pub fn appeal(&mut self, actor: &Actor, at: u64, reason: &str) -> Result<(), ProcessError> {
        if self.state != State::Feedback {
            return Err(ProcessError::IllegalTransition { from: self.state, to: State::Reviewing });
        }
        if actor.role != Role::Employee || actor.id != self.employee {
            return Err(ProcessError::NotPermitted { role: actor.role, from: self.state, to: State::Reviewing });
        }
        if reason.trim().is_empty() {
            return Err(ProcessError::ReasonRequired { what: "an appeal" });
        }
        let opened = self.feedback_at.unwrap_or(at);
        let closes = opened.saturating_add(self.appeal_window);
        if at > closes {
            return Err(ProcessError::AppealWindowClosed { late: at.saturating_sub(closes) });
        }
        self.appealed = true;
        self.record(at, actor, "appeal", State::Reviewing, Some(reason.to_string()), None)
    }

    /// A manual override of the total or of an indicator score, while scoring or reviewing,
    /// by a supervisor, reviewer or HR (never the employee); needs a reason; keeps the original.
    pub fn override_score(
        &mut self,
        target: &str,
        value: Decimal,
        actor: &Actor,
        at: u64,
        reason: &str,
    ) -> Result<(), ProcessError> {
        if !matches!(self.state, State::Scoring | State::Reviewing) {
            return Err(ProcessError::IllegalTransition { from: self.state, to: self.state });
        }
        if !matches!(actor.role, Role::Supervisor | Role::Reviewer | Role::Hr) {
            return Err(ProcessError::NotPermitted { role: actor.role, from: self.state, to: self.state });
        }
        if actor.id == self.employee {
            return Err(ProcessError::SeparationOfDuty { actor: actor.id.clone() });
        }
        if reason.trim().is_empty() {
            return Err(ProcessError::ReasonRequired { what: "an override" });
        }
        let original = if target == "total" {
            self.scorecard.total
        } else {
            self.scorecard.indicator(target).and_then(|i| i.score)
        };
        let detail = format!("{target}: {} → {}", original.map_or("n/a".into(), |o| o.to_string()), exact(value));
        self.overrides.push(Override {
            target: target.into(),
            original,
            value,
            by: actor.id.clone(),
            reason: reason.into(),
            at,
        });
        let state = self.state;
        self.record(at, actor, "override", state, Some(reason.to_string()), Some(detail))
    }

    /// The effective total: the last total override, else the computed total.
    pub fn effective_total(&self) -> Option<Decimal> {
        self.overrides.iter().rev().find(|o| o.target == "total").map(|o| o.value).or(self.scorecard.total)
    }
}
