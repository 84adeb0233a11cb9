//! Errors as data: every problem is `{code, path, message}` with a normative code (SPEC §6).

use serde::{Deserialize, Serialize};
use std::fmt;

/// The normative error codes of SPEC §6 (scheme and record), plus `invalid_json` for text
/// that is not JSON at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The input text is not JSON (documented extension; SPEC §6 is silent).
    InvalidJson,
    /// A required field is absent or null.
    MissingField,
    /// A field the shape does not define.
    UnknownField,
    /// A JSON value of the wrong type (object, array, string, …).
    InvalidType,
    /// A value of the right type outside what the field allows.
    InvalidValue,
    /// `format` is not `appraisal-scheme/1`.
    UnsupportedFormat,
    /// A decimal not in JSON-number grammar or beyond the supported range.
    UnparsableNumber,
    /// Two items of one namespace share an id.
    DuplicateId,
    /// Weights do not sum to exactly 100.
    WeightsSum,
    /// A weight below zero.
    NegativeWeight,
    /// A rubric that breaks SPEC §3.
    InvalidRubric,
    /// A range whose lower end exceeds its upper end.
    InvalidRange,
    /// A reference to an id that does not exist.
    UnknownReference,
    /// Grade bands not best first with strictly decreasing `min` ending at 0.
    GradesOrder,
    /// A record names an indicator the scheme lacks.
    UnknownIndicator,
    /// A record names an event no adjustment or veto declares.
    UnknownEvent,
    /// A rating names a group the indicator lacks.
    UnknownRaterGroup,
    /// A record attribute that no indicator's `applies_when` names (SPEC §8.6).
    UnknownAttribute,
    /// A single value given for a multi-rater indicator.
    ValueForMultiRater,
    /// Ratings given for a single-value indicator.
    RatingsForSingleValue,
    /// A value of the wrong kind for the rubric (number, level key, boolean).
    WrongValueType,
    /// A value outside the indicator's `valid_range`.
    OutOfRange,
    /// A value outside the rubric's domain.
    OutOfDomain,
    /// A count that is not a non-negative integer.
    InvalidCount,
    /// The same rater twice in one indicator.
    DuplicateRater,
    /// The record's role is not one the scheme applies to.
    RoleNotApplicable,
    /// An N/A indicator under the `error` missing-data policy.
    NotApplicable,
    /// An input beyond the documented size limits (extension; see docs/semantics.md).
    LimitExceeded,
    /// Process: a transition the workflow does not have from the current state.
    IllegalTransition,
    /// Process: the actor's role may not take this step.
    NotPermitted,
    /// Process: the appraised employee may not review or approve their own result.
    SeparationOfDuty,
    /// Process: a re-review after an appeal needs someone other than the first reviewer.
    SameReviewer,
    /// Process: the appeal came after the window closed.
    AppealWindowClosed,
    /// Process: this step needs a reason.
    ReasonRequired,
    /// Process: a time before the last audit entry's time.
    TimeOrder,
    /// Audit: an entry's content does not match its hash (it was edited).
    AuditEdited,
    /// Audit: an entry does not follow the one before it (removed or reordered).
    AuditBroken,
}

impl ErrorCode {
    /// The snake_case spelling used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidJson => "invalid_json",
            Self::MissingField => "missing_field",
            Self::UnknownField => "unknown_field",
            Self::InvalidType => "invalid_type",
            Self::InvalidValue => "invalid_value",
            Self::UnsupportedFormat => "unsupported_format",
            Self::UnparsableNumber => "unparsable_number",
            Self::DuplicateId => "duplicate_id",
            Self::WeightsSum => "weights_sum",
            Self::NegativeWeight => "negative_weight",
            Self::InvalidRubric => "invalid_rubric",
            Self::InvalidRange => "invalid_range",
            Self::UnknownReference => "unknown_reference",
            Self::GradesOrder => "grades_order",
            Self::UnknownIndicator => "unknown_indicator",
            Self::UnknownEvent => "unknown_event",
            Self::UnknownRaterGroup => "unknown_rater_group",
            Self::UnknownAttribute => "unknown_attribute",
            Self::ValueForMultiRater => "value_for_multi_rater",
            Self::RatingsForSingleValue => "ratings_for_single_value",
            Self::WrongValueType => "wrong_value_type",
            Self::OutOfRange => "out_of_range",
            Self::OutOfDomain => "out_of_domain",
            Self::InvalidCount => "invalid_count",
            Self::DuplicateRater => "duplicate_rater",
            Self::RoleNotApplicable => "role_not_applicable",
            Self::NotApplicable => "not_applicable",
            Self::LimitExceeded => "limit_exceeded",
            Self::IllegalTransition => "illegal_transition",
            Self::NotPermitted => "not_permitted",
            Self::SeparationOfDuty => "separation_of_duty",
            Self::SameReviewer => "same_reviewer",
            Self::AppealWindowClosed => "appeal_window_closed",
            Self::ReasonRequired => "reason_required",
            Self::TimeOrder => "time_order",
            Self::AuditEdited => "audit_edited",
            Self::AuditBroken => "audit_broken",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem: its code, the dotted path to the offending item, and a readable message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Normative code.
    pub code: ErrorCode,
    /// Dotted path with `[i]` for list items; empty for the whole document.
    pub path: String,
    /// Human explanation (English).
    pub message: String,
}

impl Issue {
    /// Makes an issue.
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code, path: path.into(), message: message.into() }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{} at {}: {}", self.code, self.path, self.message)
        }
    }
}

fn list(issues: &[Issue]) -> String {
    let shown: Vec<String> = issues.iter().take(5).map(Issue::to_string).collect();
    let more = issues.len().saturating_sub(5);
    if more > 0 {
        format!("{} (and {more} more)", shown.join("; "))
    } else {
        shown.join("; ")
    }
}

/// A scheme (or rule set) was rejected: every problem, listed at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid scheme: {}", list(.issues))]
pub struct SchemeError {
    /// All problems, in document order.
    pub issues: Vec<Issue>,
}

/// A record could not be scored: every problem, listed at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid record: {}", list(.issues))]
pub struct RecordError {
    /// All problems, in document order.
    pub issues: Vec<Issue>,
}

/// Any error of the library.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A rejected scheme.
    #[error(transparent)]
    Scheme(#[from] SchemeError),
    /// A rejected record.
    #[error(transparent)]
    Record(#[from] RecordError),
    /// An unknown built-in name.
    #[error("unknown built-in scheme {0:?}; known: csr, tech_support, account_manager")]
    UnknownBuiltin(String),
}

impl Error {
    /// The problems as data.
    pub fn issues(&self) -> Vec<Issue> {
        match self {
            Self::Scheme(e) => e.issues.clone(),
            Self::Record(e) => e.issues.clone(),
            Self::UnknownBuiltin(name) => {
                vec![Issue::new(ErrorCode::UnknownReference, "", format!("unknown built-in scheme {name:?}"))]
            }
        }
    }
}
