//! Small samples, honestly (issue 15, point 4): for a survey indicator given as a percentage
//! with its sample size (CSAT, a share of promoters, a complaint rate), the Wilson score
//! interval of the value at a configured confidence, carried through the indicator's rubric
//! (monotone: the score interval is the rubric at the two ends) to the total; "grade
//! uncertain" when the total's interval crosses a grade boundary, naming it.

use super::Interval;
use crate::error::Issue;
use crate::exact::{Frac, X};
use crate::record::{identity, Checked, Input, RecordFailure};
use crate::rubric::Raw;
use crate::scheme::Scheme;
use crate::score::Scorecard;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How intervals are computed. Every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UncertaintyConfig {
    /// Confidence: one of 0.80, 0.90, 0.95, 0.98, 0.99.
    #[serde(with = "rust_decimal::serde::str")]
    pub confidence: Decimal,
    /// Decimals of a value interval's ends (rounded outward).
    pub dp: u32,
}

impl Default for UncertaintyConfig {
    fn default() -> Self {
        Self { confidence: Decimal::new(95, 2), dp: 4 }
    }
}

impl UncertaintyConfig {
    /// The configuration of a JSON object (every field optional): a coded error otherwise.
    pub fn from_value(v: &Value) -> Result<Self, Issue> {
        super::config_from(v, "uncertainty")
    }
}

/// One survey indicator's interval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UncertainIndicator {
    /// Indicator id.
    pub indicator: String,
    /// The value given (percent).
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// Its sample size.
    pub sample: u64,
    /// The Wilson interval of the value (percent, rounded outward, within 0–100).
    pub value_interval: Interval,
    /// The score at the two ends (lower first).
    pub score_interval: Interval,
}

/// A grade boundary inside a total's interval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boundary {
    /// The grade that starts there.
    pub grade: String,
    /// Its minimum total.
    #[serde(with = "rust_decimal::serde::str")]
    pub min: Decimal,
}

/// A scorecard's "grade uncertain" (the scheme's `uncertainty` declared): the total with the
/// record's survey indicators at their lower- and higher-scoring ends, whether the grade
/// differs between them, and the boundaries inside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeUncertainty {
    /// Whether the two ends give different grades.
    pub uncertain: bool,
    /// The confidence of the intervals.
    #[serde(with = "rust_decimal::serde::str")]
    pub confidence: Decimal,
    /// The total's interval.
    pub total_interval: Interval,
    /// The grade boundaries inside it (best grade first).
    pub boundaries: Vec<Boundary>,
}

/// One record's uncertainty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordUncertainty {
    /// Employee id.
    pub employee: String,
    /// Period.
    pub period: String,
    /// The total as scored.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub total: Option<Decimal>,
    /// The grade as scored.
    pub grade: Option<String>,
    /// The total with every survey indicator at its lower-scoring end, and at its
    /// higher-scoring end; `None` without a survey indicator or a total.
    pub total_interval: Option<Interval>,
    /// Whether the two ends give different grades.
    pub grade_uncertain: bool,
    /// The grade boundaries the total's interval crosses (best grade first).
    pub boundaries: Vec<Boundary>,
    /// The survey indicators (a percentage with a sample size, monotone rubric).
    pub indicators: Vec<UncertainIndicator>,
}

/// Uncertainty of a batch of records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UncertaintyReport {
    /// The configuration used.
    pub config: UncertaintyConfig,
    /// Per record, in input order (bad records left out).
    pub records: Vec<RecordUncertainty>,
    /// Records that could not be scored, with their errors.
    pub failures: Vec<RecordFailure>,
}

/// The Wilson score interval of a share p = v/100 from n responses, in percent at `dp`
/// decimals, rounded outward (the root bounded from above), within [0, 100].
pub fn wilson(v: Decimal, n: u64, z: Decimal, dp: u32) -> Option<Interval> {
    if n == 0 {
        return None;
    }
    let p = Frac::from(v).div_x(&X::int(100))?;
    let nx = X::int(i128::from(n));
    let z2 = Frac::from(z).mul(&Frac::from(z));
    let one = Frac::from(X::int(1));
    let denom = one.add(&z2.div_x(&nx)?);
    let center = p.add(&z2.div_x(&nx.mul(&X::int(2)))?).div(&denom)?;
    let rad = p.mul(&one.sub(&p)).div_x(&nx)?.add(&z2.div_x(&nx.mul(&nx).mul(&X::int(4)))?);
    let (_, root_hi) = rad.sqrt_bounds(dp.checked_add(8)?)?;
    let half = Frac::from(z).div(&denom)?.mul(&Frac::from(root_hi));
    let hundred = X::int(100);
    let lo = center.sub(&half).scaled(&hundred, &X::int(1))?.floor_dp(dp)?.max(Decimal::ZERO);
    let hi = center.add(&half).scaled(&hundred, &X::int(1))?.ceil_dp(dp)?.min(Decimal::ONE_HUNDRED);
    Some(Interval { lo, hi })
}

impl Scheme {
    /// For each record, the Wilson interval of every survey indicator (unit `%` or
    /// `percent`, a sample size given, a monotone rubric), the total with them all at their
    /// lower-scoring ends and at their higher-scoring ends, and whether that moves the grade.
    /// A record that cannot be scored is listed in `failures`.
    pub fn uncertainty(&self, records: &[Value], config: &UncertaintyConfig) -> Result<UncertaintyReport, Issue> {
        let z = super::z_and_dp(config.confidence, config.dp)?;
        let mut out = Vec::new();
        let mut failures = Vec::new();
        for v in records {
            match self.record_uncertainty(v, z, config.dp) {
                Ok(r) => out.push(r),
                Err(errors) => {
                    let (employee, period) = identity(v);
                    failures.push(RecordFailure { employee, period, errors });
                }
            }
        }
        Ok(UncertaintyReport { config: config.clone(), records: out, failures })
    }

    fn record_uncertainty(&self, v: &Value, z: Decimal, dp: u32) -> Result<RecordUncertainty, Vec<Issue>> {
        let c = self.check(v).map_err(|e| e.issues)?;
        let card = self.score_checked(c.clone()).map_err(|e| e.issues)?;
        let (indicators, mut low, mut high) = self.survey_ends(&c, &card, z, dp);
        let (lo_card, hi_card) = if indicators.is_empty() {
            (None, None)
        } else {
            (self.score_core(&mut low).ok(), self.score_core(&mut high).ok())
        };
        let (total_interval, grade_uncertain, boundaries) = self.across(lo_card.as_ref(), hi_card.as_ref());
        Ok(RecordUncertainty {
            employee: card.employee.clone(),
            period: card.period.clone(),
            total: card.total,
            grade: card.grade.as_deref().map(str::to_string),
            total_interval,
            grade_uncertain,
            boundaries,
            indicators,
        })
    }

    /// The survey indicators of a checked record (unit `%` or `percent`, a sample size, a
    /// monotone rubric, scored from the record's own value) with their intervals, and the
    /// record with each at its lower-scoring end and at its higher-scoring end.
    fn survey_ends(
        &self,
        c: &Checked,
        card: &Scorecard,
        z: Decimal,
        dp: u32,
    ) -> (Vec<UncertainIndicator>, Checked, Checked) {
        let (mut low, mut high) = (c.clone(), c.clone());
        let mut indicators = Vec::new();
        let (rd, rm) = (self.def().rounding.dp, self.def().rounding.mode);
        for (k, (_, ind)) in self.indicators().enumerate() {
            if !matches!(ind.unit.as_str(), "%" | "percent") || !ind.rubric.is_monotone() {
                continue;
            }
            let (Some(Input::Single(Raw::Number(value))), Some(Some(sample))) = (c.inputs.get(k), c.samples.get(k))
            else {
                continue;
            };
            // Only an indicator the scorecard scored from this very value (not a shrunk one).
            if c.shrunk.iter().any(|(j, _)| *j == k) || card.indicator(&ind.id).and_then(|r| r.score).is_none() {
                continue;
            }
            let Some(mut iv) = wilson(*value, *sample, z, dp) else { continue };
            if let Some((a, b)) = ind.valid_range {
                iv = Interval { lo: iv.lo.max(a), hi: iv.hi.min(b) };
            }
            let score = |x: Decimal| ind.rubric.score(&Raw::Number(x), rd, rm).map(|(s, _)| s);
            let (Some(s_lo), Some(s_hi)) = (score(iv.lo), score(iv.hi)) else { continue };
            let (worse, better) = if s_lo <= s_hi { (iv.lo, iv.hi) } else { (iv.hi, iv.lo) };
            low.inputs[k] = Input::Single(Raw::Number(worse));
            high.inputs[k] = Input::Single(Raw::Number(better));
            indicators.push(UncertainIndicator {
                indicator: ind.id.clone(),
                value: *value,
                sample: *sample,
                value_interval: iv,
                score_interval: Interval { lo: s_lo.min(s_hi), hi: s_lo.max(s_hi) },
            });
        }
        (indicators, low, high)
    }

    /// The total's interval between the two ends' scorecards, whether their grades differ,
    /// and the grade boundaries inside it (best grade first).
    fn across(&self, lo: Option<&Scorecard>, hi: Option<&Scorecard>) -> (Option<Interval>, bool, Vec<Boundary>) {
        let Some((a, b)) = lo.and_then(|c| c.total).zip(hi.and_then(|c| c.total)) else {
            return (None, false, Vec::new());
        };
        let iv = Interval { lo: a.min(b), hi: a.max(b) };
        let uncertain = lo.and_then(|c| c.grade.clone()) != hi.and_then(|c| c.grade.clone());
        let boundaries = self
            .def()
            .grades
            .iter()
            .filter(|g| g.min > iv.lo && g.min <= iv.hi)
            .map(|g| Boundary { grade: g.id.clone(), min: g.min })
            .collect();
        (Some(iv), uncertain, boundaries)
    }

    /// A scorecard's "grade uncertain" under the scheme's declared `uncertainty`: `None`
    /// without the declaration, a survey indicator or a total.
    pub(crate) fn grade_uncertainty(&self, c: &Checked, card: &Scorecard) -> Option<GradeUncertainty> {
        let u = self.def().uncertainty?;
        let z = super::sessions::z_value(u.confidence)?;
        let (indicators, mut low, mut high) = self.survey_ends(c, card, z, u.dp);
        if indicators.is_empty() {
            return None;
        }
        let (a, b) = (self.score_core(&mut low).ok(), self.score_core(&mut high).ok());
        let (total_interval, uncertain, boundaries) = self.across(a.as_ref(), b.as_ref());
        Some(GradeUncertainty { uncertain, confidence: u.confidence, total_interval: total_interval?, boundaries })
    }
}
