//! Calibration and fairness (issue 15): how far raters agree, exactly. Inter-rater
//! reliability ([`reliability`]) per multi-rater indicator of a batch of records, and
//! calibration sessions ([`sessions`]): evaluator alignment, criteria spread, strict and
//! lenient evaluators with confidence intervals rounded outward.

pub mod correction;
pub mod leniency;
pub mod reliability;
pub mod sessions;
pub mod shrinkage;
pub mod uncertainty;

pub use correction::{CorrectionConfig, CorrectionReport, PoolCorrection, RaterCorrection, RatingChange};
pub use leniency::{LeniencyConfig, LeniencyReport, RaterLeniency};
pub use shrinkage::{teams_from_csv, teams_from_value, ShrinkChange, ShrinkIndicator, ShrinkReport, TeamMean};
pub use uncertainty::{Boundary, GradeUncertainty, RecordUncertainty, UncertaintyConfig, UncertaintyReport};

pub use sessions::{CalibrationConfig, CalibrationReport, CriterionAlignment, CriterionSpread, EvaluatorAlignment};

use crate::error::{ErrorCode as C, Issue};
use crate::exact::{Frac, X};
use crate::number::RoundingMode;
use crate::record::{identity, RecordFailure};
use crate::rubric::Raw;
use crate::scheme::Scheme;
use reliability::Metric;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Decimals of a reliability statistic when the caller does not say.
pub const DEFAULT_DP: u32 = 4;

/// The most decimals a reliability statistic is rounded to.
pub const MAX_DP: u32 = 12;

/// Krippendorff's alpha at each level of measurement (`null`: undefined, see
/// [`reliability::alpha_exact`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alphas {
    /// Nominal.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub nominal: Option<Decimal>,
    /// Ordinal.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub ordinal: Option<Decimal>,
    /// Interval.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub interval: Option<Decimal>,
}

/// The intraclass correlations of the complete part of an indicator's ratings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IccResult {
    /// Units rated by every rater (the table's rows).
    pub targets: usize,
    /// Raters (the table's columns).
    pub raters: usize,
    /// ICC(2,1): two-way random effects, absolute agreement, single rater.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub icc2_1: Option<Decimal>,
    /// ICC(3,1): two-way mixed effects, consistency, single rater.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub icc3_1: Option<Decimal>,
}

/// The reliability of one multi-rater indicator over a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorReliability {
    /// Indicator id.
    pub indicator: String,
    /// Units (records) with at least one rating.
    pub units: usize,
    /// Distinct raters.
    pub raters: usize,
    /// Ratings in units with two or more (the ones alpha pairs).
    pub pairable: usize,
    /// Krippendorff's alpha.
    pub alpha: Alphas,
    /// ICC over the units rated by every rater; `None` with fewer than 2 such units or 2 raters.
    pub icc: Option<IccResult>,
}

/// Inter-rater reliability of a batch: one entry per multi-rater indicator, in scheme order,
/// and the records that could not be read (each with its errors; they add no rating).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReliabilityReport {
    /// Decimals each statistic was rounded to (once, half up).
    pub dp: u32,
    /// Per multi-rater indicator.
    pub indicators: Vec<IndicatorReliability>,
    /// Records left out, with their errors.
    pub failures: Vec<RecordFailure>,
}

/// A report's configuration from a JSON object (every field optional; the confidence as a
/// string or a number): a coded error at `config` for an unknown field or a wrong type. One
/// reader for every report.
pub(crate) fn config_from<T: serde::de::DeserializeOwned>(v: &Value, what: &str) -> Result<T, Issue> {
    let mut v = v.clone();
    if let Some(c) = v.get_mut("confidence") {
        if let Value::Number(n) = c {
            *c = Value::String(n.to_string());
        }
    }
    serde_json::from_value(v)
        .map_err(|e| Issue::new(C::InvalidValue, "config", format!("not a {what} configuration: {e}")))
}

/// z for `confidence`, after checking `dp`: the two checks every interval report makes.
pub(crate) fn z_and_dp(confidence: Decimal, dp: u32) -> Result<Decimal, Issue> {
    let z = sessions::z_value(confidence).ok_or_else(|| {
        Issue::new(C::InvalidValue, "confidence", "confidence must be one of 0.80, 0.90, 0.95, 0.98, 0.99")
    })?;
    if dp > MAX_DP {
        return Err(Issue::new(C::InvalidValue, "dp", format!("dp must be at most {MAX_DP}, found {dp}")));
    }
    Ok(z)
}

/// A confidence interval, rounded outward (it always contains the exact interval).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    /// Lower end, rounded down.
    #[serde(with = "rust_decimal::serde::str")]
    pub lo: Decimal,
    /// Upper end, rounded up.
    #[serde(with = "rust_decimal::serde::str")]
    pub hi: Decimal,
}

/// The mean of exact values; `None` for none.
pub(crate) fn mean(xs: &[Frac]) -> Option<Frac> {
    let sum = xs.iter().skip(1).fold(xs.first()?.clone(), |a, x| a.add(x));
    sum.div_x(&X::int(i128::try_from(xs.len()).ok()?))
}

/// mean ± z·s/√n of `xs` (s the sample standard deviation, n − 1 in its denominator) at `dp`
/// decimals, rounded outward: the root bounded from above at dp + 6 decimals, the lower end
/// rounded down and the upper end up, so the reported interval always contains the exact
/// one (for the given z). `None` below 2 values.
pub fn mean_interval(xs: &[Frac], z: &Decimal, dp: u32) -> Option<Interval> {
    let m = mean(xs)?;
    let var_n = variance(xs)?.div_x(&X::int(i128::try_from(xs.len()).ok()?))?;
    let (_, root_hi) = var_n.sqrt_bounds(dp.checked_add(6)?)?;
    let h = Frac::from(X::from(*z)).mul(&Frac::from(X::from(root_hi)));
    Some(Interval { lo: m.sub(&h).floor_dp(dp)?, hi: m.add(&h).ceil_dp(dp)? })
}

/// The sample variance (n − 1 in its denominator) of `xs`, exact; `None` below 2 values.
pub(crate) fn variance(xs: &[Frac]) -> Option<Frac> {
    if xs.len() < 2 {
        return None;
    }
    let m = mean(xs)?;
    let ss = xs.iter().fold(Frac::from(X::zero()), |acc, x| {
        let d = x.sub(&m);
        acc.add(&d.mul(&d))
    });
    ss.div_x(&X::int(i128::try_from(xs.len()).ok()?.checked_sub(1)?))
}

/// One indicator's ratings: per unit, (rater, value).
pub(crate) type Ratings = Vec<Vec<(String, Decimal)>>;

impl Scheme {
    /// The ratings of every multi-rater indicator (scheme order: (flat index, id)) in
    /// `records`, per unit (one record) as (rater, `value` of the rating and its corrected
    /// score if any), abstentions and unvalued ratings left out; the records that fail their
    /// check, with their errors.
    pub(crate) fn ratings_by_indicator(
        &self,
        records: &[Value],
        value: impl Fn(usize, &Raw, Option<Decimal>) -> Option<Decimal>,
    ) -> (Vec<(usize, &str)>, Vec<Ratings>, Vec<RecordFailure>) {
        let multi: Vec<(usize, &str)> = self
            .indicators()
            .enumerate()
            .filter(|(_, (_, i))| i.raters.is_some())
            .map(|(k, (_, i))| (k, i.id.as_str()))
            .collect();
        let mut per: Vec<Ratings> = vec![Vec::new(); multi.len()];
        let mut failures = Vec::new();
        for v in records {
            let Some(checked) = self.checked_or_failure(v, &mut failures) else { continue };
            for ((k, id), units) in multi.iter().zip(per.iter_mut()) {
                let Some(crate::record::Input::Ratings(kept)) = checked.inputs.get(*k) else { continue };
                // A checked list keeps the record's order, one entry per rating.
                let items = v.get("ratings").and_then(|r| r.get(*id)).and_then(Value::as_array);
                let unit: Vec<(String, Decimal)> = items
                    .into_iter()
                    .flatten()
                    .zip(kept)
                    .enumerate()
                    .filter_map(|(j, (item, (_, raw)))| {
                        let rater = item.get("rater").and_then(Value::as_str)?;
                        let fixed = checked.corrected.iter().find(|c| c.0 == *k && c.1 == j).map(|c| c.2);
                        Some((rater.trim().to_string(), value(*k, raw.as_ref()?, fixed)?))
                    })
                    .collect();
                if !unit.is_empty() {
                    units.push(unit);
                }
            }
        }
        (multi, per, failures)
    }
}

impl Scheme {
    /// The record checked, or `None` with its identity and errors added to `failures` (one
    /// way every report lists a bad record).
    pub(crate) fn checked_or_failure(
        &self,
        v: &Value,
        failures: &mut Vec<RecordFailure>,
    ) -> Option<crate::record::Checked> {
        match self.check(v) {
            Ok(c) => Some(c),
            Err(e) => {
                let (employee, period) = identity(v);
                failures.push(RecordFailure { employee, period, errors: e.issues });
                None
            }
        }
    }

    /// Inter-rater reliability of every multi-rater indicator over `records` (SPEC record
    /// shape): a unit is one record's ratings of the indicator (abstentions left out); alpha
    /// at the three levels, ICC(2,1) and ICC(3,1) over the units every rater rated, each an
    /// exact fraction rounded once to `dp` decimals (half up). A record that fails its check
    /// is listed in `failures` and adds nothing. `dp` defaults to [`DEFAULT_DP`]; above
    /// [`MAX_DP`] it is an error.
    pub fn reliability(&self, records: &[Value], dp: Option<u32>) -> Result<ReliabilityReport, Issue> {
        let dp = dp.unwrap_or(DEFAULT_DP);
        if dp > MAX_DP {
            return Err(Issue::new(C::InvalidValue, "dp", format!("dp must be at most {MAX_DP}, found {dp}")));
        }
        let (multi, per, failures) = self.ratings_by_indicator(records, |k, raw, _| self.rating_value(k, raw));
        let indicators = multi.iter().zip(per).map(|((_, id), units)| indicator_report(id, &units, dp)).collect();
        Ok(ReliabilityReport { dp, indicators, failures })
    }
}

impl Scheme {
    /// A rating as the number reliability compares: a number as given; a scale level by its
    /// key when the key reads as a decimal ("1" … "5", as raters gave it), else by the level's
    /// score; pass/fail as 1/0.
    fn rating_value(&self, k: usize, raw: &Raw) -> Option<Decimal> {
        match raw {
            Raw::Number(x) => Some(*x),
            Raw::Bool(b) => Some(Decimal::from(u8::from(*b))),
            Raw::Key(key) => crate::number::parse_decimal(key).ok().or_else(|| match &self.by_flat(k)?.1.rubric {
                crate::rubric::Rubric::Scale { levels } => levels.iter().find(|l| &l.key == key).map(|l| l.score),
                _ => None,
            }),
        }
    }
}

pub(crate) fn indicator_report(id: &str, units: &Ratings, dp: u32) -> IndicatorReliability {
    let mode = RoundingMode::HalfUp;
    let values: Vec<Vec<Decimal>> = units.iter().map(|u| u.iter().map(|(_, x)| *x).collect()).collect();
    let a = |m: Metric| reliability::alpha(&values, m, dp, mode);
    let mut raters: Vec<&str> = units.iter().flatten().map(|(r, _)| r.as_str()).collect();
    raters.sort_unstable();
    raters.dedup();
    // The complete table: units rated by every rater, columns in rater order.
    let rows: Vec<Vec<Decimal>> = units
        .iter()
        // a unit's raters are distinct (the record check refuses a rater twice): complete
        // exactly when it has one rating per rater
        .filter(|u| u.len() == raters.len())
        .filter_map(|u| raters.iter().map(|r| u.iter().find(|(x, _)| x == r).map(|(_, v)| *v)).collect())
        .collect();
    let icc = reliability::icc(&rows, dp, mode).map(|(icc2_1, icc3_1)| IccResult {
        targets: rows.len(),
        raters: raters.len(),
        icc2_1,
        icc3_1,
    });
    IndicatorReliability {
        indicator: id.to_string(),
        units: units.len(),
        raters: raters.len(),
        pairable: values.iter().filter(|u| u.len() >= 2).map(Vec::len).sum(),
        alpha: Alphas { nominal: a(Metric::Nominal), ordinal: a(Metric::Ordinal), interval: a(Metric::Interval) },
        icc,
    }
}
