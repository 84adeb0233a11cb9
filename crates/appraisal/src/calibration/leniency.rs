//! Rater leniency and severity across ordinary 360 ratings (issue 15, point 2): per rater, the
//! mean deviation of their scores from the other raters of the same employee and indicator,
//! with n and a confidence interval rounded outward; flagged only when the interval excludes 0
//! and n is at least a configured minimum. Detection only: nothing is corrected here.

use super::{mean, mean_interval, Interval};
use crate::error::Issue;
use crate::exact::{Frac, X};
use crate::number::RoundingMode;
use crate::record::RecordFailure;
use crate::rubric::Raw;
use crate::scheme::Scheme;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How leniency is judged. Every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LeniencyConfig {
    /// Confidence of the intervals: one of 0.80, 0.90, 0.95, 0.98, 0.99.
    #[serde(with = "rust_decimal::serde::str")]
    pub confidence: Decimal,
    /// Fewest compared ratings before a rater can be flagged.
    pub min_ratings: usize,
    /// Decimals of every reported number (rounded once; intervals outward).
    pub dp: u32,
}

impl Default for LeniencyConfig {
    fn default() -> Self {
        Self { confidence: Decimal::new(95, 2), min_ratings: 5, dp: 4 }
    }
}

impl LeniencyConfig {
    /// The configuration of a JSON object (every field optional; the confidence as a string
    /// or a number): a coded error at `config` otherwise.
    pub fn from_value(v: &Value) -> Result<Self, Issue> {
        super::config_from(v, "leniency")
    }
}

/// One rater's leniency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RaterLeniency {
    /// Rater id.
    pub rater: String,
    /// Ratings compared (those with at least one other rater of the same employee and
    /// indicator).
    pub ratings: usize,
    /// Mean of (the rater's score − the mean score of the others), on the 0–100 score scale.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub deviation: Option<Decimal>,
    /// Its confidence interval (rounded outward); `None` below 2 ratings.
    pub interval: Option<Interval>,
    /// `lenient` (interval above 0) or `severe` (below 0), only with at least `min_ratings`.
    pub flag: Option<&'static str>,
}

/// Leniency and severity of every rater in a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeniencyReport {
    /// The configuration used.
    pub config: LeniencyConfig,
    /// Per rater, by rater id.
    pub raters: Vec<RaterLeniency>,
    /// Records left out, with their errors.
    pub failures: Vec<RecordFailure>,
}

impl Scheme {
    /// Leniency and severity of every rater over `records` (SPEC shape), from the scores of
    /// their ratings (each rater's score, SPEC §3.2) against the mean of the other raters of
    /// the same employee, period and indicator (a corrected rating by its corrected score, so
    /// a correction can be checked). A record that fails its check is listed in
    /// `failures` and adds nothing.
    pub fn leniency(&self, records: &[Value], config: &LeniencyConfig) -> Result<LeniencyReport, Issue> {
        let z = super::z_and_dp(config.confidence, config.dp)?;
        let (_, per, failures) =
            self.ratings_by_indicator(records, |k, raw, fixed| fixed.or_else(|| self.rater_score(k, raw)));
        // rater → deviations; the others' mean is (sum − own) / (m − 1).
        let mut by_rater: std::collections::BTreeMap<String, Vec<Frac>> = std::collections::BTreeMap::new();
        for unit in per.iter().flatten() {
            let others = i128::try_from(unit.len()).unwrap_or(0).saturating_sub(1);
            if others < 1 {
                continue;
            }
            let sum = unit.iter().fold(X::zero(), |a, (_, x)| a.add(&X::from(*x)));
            for (rater, s) in unit {
                let Some(m) = Frac::from(sum.sub(&X::from(*s))).div_x(&X::int(others)) else { continue };
                by_rater.entry(rater.clone()).or_default().push(Frac::from(*s).sub(&m));
            }
        }
        let dp = config.dp;
        let raters = by_rater
            .into_iter()
            .map(|(rater, devs)| {
                let interval = mean_interval(&devs, &z, dp);
                let flag = interval.as_ref().filter(|_| devs.len() >= config.min_ratings).and_then(|i| {
                    if i.lo > Decimal::ZERO {
                        Some("lenient")
                    } else if i.hi < Decimal::ZERO {
                        Some("severe")
                    } else {
                        None
                    }
                });
                RaterLeniency {
                    rater,
                    ratings: devs.len(),
                    deviation: mean(&devs).and_then(|m| m.round(dp, RoundingMode::HalfUp)),
                    interval,
                    flag,
                }
            })
            .collect();
        Ok(LeniencyReport { config: config.clone(), raters, failures })
    }

    /// A rating's score as SPEC §3.2 computes each rater's score: the indicator's rubric at
    /// the scheme's decimals and rounding.
    fn rater_score(&self, k: usize, raw: &Raw) -> Option<Decimal> {
        let (_, ind) = self.by_flat(k)?;
        ind.rubric.score(raw, self.def().rounding.dp, self.def().rounding.mode).map(|(s, _)| s)
    }
}
