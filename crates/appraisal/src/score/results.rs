//! The result shapes of scoring (SPEC Appendix): the scorecard, its indicator, category and
//! adjustment results, N/A reasons and statuses, and batch entries with their JSON text.

use crate::record::RecordFailure;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An id in a result (indicator, category, adjustment, veto, grade, scheme): a string held
/// inline up to 24 bytes, so a scorecard's ids cost no allocation each (compares with `&str`
/// and `String`, derefs to `&str`; `.to_string()` for an owned `String`).
pub type Id = compact_str::CompactString;

/// The scheme a result was computed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeRef {
    /// Scheme id.
    pub id: Id,
    /// Scheme version.
    pub version: Id,
    /// `sha256:` digest of the canonical scheme.
    pub digest: Id,
}

/// Completeness of a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Graded.
    Complete,
    /// Coverage below the minimum, or no base: no grade.
    Incomplete,
}

/// An indicator's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IndicatorStatus {
    /// Scored from its input.
    Scored,
    /// Not applicable (see the reason).
    NotApplicable,
}

/// Why an indicator is not applicable (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NaReason {
    /// No value (or no ratings).
    MissingValue,
    /// Sample below `min_sample`, or not given while it is set.
    InsufficientSample,
    /// No rater group left.
    InsufficientRaters,
    /// Format 2: the record is outside the indicator's `applies_when` (SPEC §8.6); not
    /// missing data: it leaves the average under every policy.
    OutOfScope,
}

impl NaReason {
    /// JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingValue => "missing_value",
            Self::InsufficientSample => "insufficient_sample",
            Self::InsufficientRaters => "insufficient_raters",
            Self::OutOfScope => "out_of_scope",
        }
    }
}

/// A category's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CategoryStatus {
    /// Scored.
    Scored,
    /// No measured weight.
    NotApplicable,
    /// Zeroed by a veto.
    Vetoed,
}

impl CategoryStatus {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scored => "scored",
            Self::NotApplicable => "not_applicable",
            Self::Vetoed => "vetoed",
        }
    }
}

/// One indicator's result, with the step that produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorResult {
    /// Indicator id.
    pub id: Id,
    /// Its category id.
    pub category: Id,
    /// Scored or not applicable.
    pub status: IndicatorStatus,
    /// The N/A reason.
    pub reason: Option<NaReason>,
    /// s_i with exactly `dp` decimals; null when N/A (0 under the `zero` policy).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub score: Option<Decimal>,
    /// The explanation: which rubric step produced the score (short texts held inline).
    pub step: Option<Id>,
}

/// One category's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryResult {
    /// Category id.
    pub id: Id,
    /// Status.
    pub status: CategoryStatus,
    /// S_c; null when N/A.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub score: Option<Decimal>,
}

/// One adjustment's result (listed with 0 units too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentResult {
    /// Adjustment id.
    pub id: Id,
    /// Units counted.
    pub units: u64,
    /// Points after the cap, exact.
    #[serde(with = "rust_decimal::serde::str")]
    pub points: Decimal,
}

/// The scorecard of one record: SPEC's Appendix result shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scorecard {
    /// Employee id.
    pub employee: String,
    /// Period label.
    pub period: String,
    /// Scheme identity.
    pub scheme: SchemeRef,
    /// Complete or incomplete.
    pub status: Status,
    /// Coverage K in percent.
    #[serde(with = "rust_decimal::serde::str")]
    pub coverage: Decimal,
    /// Indicators in scheme order.
    pub indicators: Vec<IndicatorResult>,
    /// Categories in scheme order.
    pub categories: Vec<CategoryResult>,
    /// Base B; null when no category was measured.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub base: Option<Decimal>,
    /// Every adjustment.
    pub adjustments: Vec<AdjustmentResult>,
    /// A after the overall limits, exact.
    #[serde(with = "rust_decimal::serde::str")]
    pub adjustment_total: Decimal,
    /// Total T; null when B is null.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub total: Option<Decimal>,
    /// Format 2's rating beside the total (SPEC §8.2): absent (`None`) when the scheme has
    /// no rating map; `Some(None)` (JSON null) when the total is null.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rating_field")]
    pub rating: Option<Option<Decimal>>,
    /// Issue 15: present when the record's ratings were corrected (a `rating_correction`
    /// mark): the method and how many ratings carry a corrected score. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_correction: Option<crate::record::CorrectedRatings>,
    /// Issue 15: the indicators scored from a shrunk value (a record's `shrunk`), each with its
    /// raw value, the shrunk one and the raw value's score. Absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shrinkage: Vec<crate::record::ShrunkValue>,
    /// Issue 15: when the scheme declares `uncertainty` and the record has a survey indicator
    /// (a percentage with its sample size), the total's interval and whether it crosses a
    /// grade boundary, named. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade_uncertain: Option<crate::calibration::GradeUncertainty>,
    /// Fired veto ids in scheme order.
    pub vetoes: Vec<Id>,
    /// Grade before caps; null when incomplete.
    pub natural_grade: Option<Id>,
    /// Grade after caps; null when incomplete.
    pub grade: Option<Id>,
}

impl Scorecard {
    /// The JSON text (compact) of the Appendix shape.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    /// The result of one indicator.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|i| i.id == id)
    }
    /// The result of one category.
    pub fn category(&self, id: &str) -> Option<&CategoryResult> {
        self.categories.iter().find(|c| c.id == id)
    }
}

/// One entry of a batch: a scorecard or the record's errors.
pub type BatchEntry = Result<Scorecard, RecordFailure>;

/// The JSON shape of a batch entry (`{employee, period, errors}` for a bad record).
pub fn entry_to_value(e: &BatchEntry) -> Value {
    match e {
        Ok(card) => serde_json::to_value(card).unwrap_or(Value::Null),
        Err(f) => serde_json::to_value(f).unwrap_or(Value::Null),
    }
}

/// A batch entry by reference, serialised straight to its JSON shape (no value tree).
#[derive(Serialize)]
#[serde(untagged)]
enum EntryRef<'a> {
    Ok(&'a Scorecard),
    Err(&'a RecordFailure),
}

impl<'a> From<&'a BatchEntry> for EntryRef<'a> {
    fn from(e: &'a BatchEntry) -> Self {
        match e {
            Ok(c) => Self::Ok(c),
            Err(f) => Self::Err(f),
        }
    }
}

/// The JSON text (compact) of one batch entry.
pub fn entry_to_json(e: &BatchEntry) -> String {
    serde_json::to_string(&EntryRef::from(e)).unwrap_or_default()
}

/// The JSON text (compact) of a whole batch: an array with one entry per record.
pub fn entries_to_json(entries: &[BatchEntry]) -> String {
    serde_json::to_string(&entries.iter().map(EntryRef::from).collect::<Vec<_>>()).unwrap_or_default()
}

/// `rating`: a present field is a decimal string or null; an absent one is `None`.
mod rating_field {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::ref_option)] // serde's `with` passes the field by reference
    pub fn serialize<S: Serializer>(v: &Option<Option<Decimal>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(Some(d)) => s.serialize_str(&d.to_string()),
            _ => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<Decimal>>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        match text {
            None => Ok(Some(None)),
            Some(t) => crate::number::parse_decimal(&t)
                .map(|x| Some(Some(x)))
                .map_err(|_| serde::de::Error::custom(format!("rating {t:?} is not a decimal"))),
        }
    }
}
