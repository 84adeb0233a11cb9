//! The optional, explicit correction of rater leniency (issue 15, point 2): within each rater
//! pool (the raters of one rater group on one indicator in one period), a rater's scores are
//! shifted by the difference between their mean and the pool's mean (`mean_shift`) or
//! standardised to the pool's mean and spread (`z_score`). Never for a pool of fewer than
//! `min_pool` raters, nor for a rater with fewer than `min_ratings` ratings in it.
//!
//! The result is a new input, never a silent change: every record comes back as given, the
//! corrected ones marked `rating_correction` with each corrected rating's score under `score`
//! beside the rater's own `value`; the report lists every pool, rater and changed rating, and
//! a scorecard of a corrected record says so.

use super::{mean, variance};
use crate::error::{ErrorCode as C, Issue};
use crate::exact::{Frac, X};
use crate::number::RoundingMode;
use crate::record::{CorrectionMark, CorrectionMethod, Input, RecordFailure};
use crate::scheme::Scheme;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// How ratings are corrected. Every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CorrectionConfig {
    /// `mean_shift` (default) or `z_score`.
    pub method: CorrectionMethod,
    /// Fewest raters in a pool before it is corrected (default 10).
    pub min_pool: usize,
    /// Fewest ratings a rater gave in the pool before their scores are corrected (default 5).
    pub min_ratings: usize,
    /// Decimals of the reported means and spreads (the corrected scores use the scheme's).
    pub dp: u32,
}

impl Default for CorrectionConfig {
    fn default() -> Self {
        Self { method: CorrectionMethod::MeanShift, min_pool: 10, min_ratings: 5, dp: 4 }
    }
}

impl CorrectionConfig {
    /// The configuration of a JSON object (every field optional): a coded error at `config`
    /// otherwise.
    pub fn from_value(v: &Value) -> Result<Self, Issue> {
        super::config_from(v, "correction")
    }
}

/// One rater pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolCorrection {
    /// Period.
    pub period: String,
    /// Indicator id.
    pub indicator: String,
    /// Rater group id.
    pub group: String,
    /// Distinct raters.
    pub raters: usize,
    /// Ratings (abstentions left out).
    pub ratings: usize,
    /// Mean rater score.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub mean: Option<Decimal>,
    /// Sample standard deviation of the rater scores (`None` below 2 ratings).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub sd: Option<Decimal>,
    /// Whether the pool was large enough to be corrected.
    pub corrected: bool,
}

/// One rater in one pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RaterCorrection {
    /// Period.
    pub period: String,
    /// Indicator id.
    pub indicator: String,
    /// Rater group id.
    pub group: String,
    /// Rater id.
    pub rater: String,
    /// Ratings the rater gave in the pool.
    pub ratings: usize,
    /// The rater's mean score.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub mean: Option<Decimal>,
    /// The pool's mean − the rater's mean (what `mean_shift` adds, before rounding).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub shift: Option<Decimal>,
    /// The rater's sample standard deviation (`None` below 2 ratings).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub sd: Option<Decimal>,
    /// Whether this rater's scores were corrected.
    pub corrected: bool,
    /// Why not: `pool_too_small`, `too_few_ratings` or (z-score) `no_spread`.
    pub reason: Option<&'static str>,
}

/// One corrected rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RatingChange {
    /// Employee.
    pub employee: String,
    /// Period.
    pub period: String,
    /// Indicator id.
    pub indicator: String,
    /// Rater id.
    pub rater: String,
    /// The rater's score of their value (SPEC §3.2).
    #[serde(with = "rust_decimal::serde::str")]
    pub before: Decimal,
    /// The corrected score.
    #[serde(with = "rust_decimal::serde::str")]
    pub after: Decimal,
}

/// A correction: the audit and the corrected records.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorrectionReport {
    /// The configuration used.
    pub config: CorrectionConfig,
    /// Every pool, by period, indicator (scheme order) and group (scheme order).
    pub pools: Vec<PoolCorrection>,
    /// Every rater of every pool.
    pub raters: Vec<RaterCorrection>,
    /// Every corrected rating.
    pub changes: Vec<RatingChange>,
    /// Every input record, in order: corrected ones marked, the others as given (a record
    /// that fails its check too, listed in `failures`).
    pub records: Vec<Value>,
    /// Records that fail their check, with their errors.
    pub failures: Vec<RecordFailure>,
}

/// One rating in a pool: (record, rating index, rater score).
type Entry = (usize, usize, Decimal);

/// `a + t·√q` rounded at `dp` by `mode`, clamped to [0, 100] first when `clamp`: the root
/// bounded at growing precision until both ends round alike (they do unless the value is
/// within 10^-28 of a rounding boundary, when `None`).
fn round_with_root(a: &Frac, t: &Frac, q: &Frac, dp: u32, mode: RoundingMode, clamp: bool) -> Option<Decimal> {
    let r2 = t.mul(t).mul(q);
    let negative = t.sign() == std::cmp::Ordering::Less;
    for p in [dp.saturating_add(8), dp.saturating_add(16), 28] {
        let (lo, hi) = r2.sqrt_bounds(p.min(28))?;
        let (lo, hi) = (Frac::from(lo), Frac::from(hi));
        let ends = if negative { [a.sub(&hi), a.sub(&lo)] } else { [a.add(&lo), a.add(&hi)] };
        let [x, y] = ends.map(|e| if clamp { e.clamp100().round(dp, mode) } else { e.round(dp, mode) });
        if x.is_some() && x == y {
            return x;
        }
    }
    None
}

/// The standard deviation of a variance, rounded half up at `dp`.
fn sd(var: Option<&Frac>, dp: u32) -> Option<Decimal> {
    let one = Frac::from(X::int(1));
    round_with_root(&Frac::from(X::zero()), &one, var?, dp, RoundingMode::HalfUp, false)
}

struct Pool {
    /// rater → their ratings in the pool
    raters: BTreeMap<String, Vec<Entry>>,
}

impl Scheme {
    /// Corrects rater leniency in `records` (SPEC shape) as `config` says (see the module
    /// documentation): the audit and the corrected records, to be scored as any records.
    /// Rater scores are the rubric's scores of the raters' own values, so a record corrected
    /// before is corrected afresh from its values. Errors only for a bad configuration.
    pub fn correct_ratings(&self, records: &[Value], config: &CorrectionConfig) -> Result<CorrectionReport, Issue> {
        if config.dp > super::MAX_DP {
            return Err(Issue::new(
                C::InvalidValue,
                "dp",
                format!("dp must be at most {}, found {}", super::MAX_DP, config.dp),
            ));
        }
        if config.min_pool < 2 || config.min_ratings < 1 {
            return Err(Issue::new(
                C::InvalidValue,
                "config",
                "min_pool must be at least 2 and min_ratings at least 1",
            ));
        }
        let (dp, mode) = (self.def.rounding.dp, self.def.rounding.mode);
        let mut failures = Vec::new();
        // (period, indicator position, group index) → pool
        let mut pools: BTreeMap<(String, usize, usize), Pool> = BTreeMap::new();
        let mut periods: Vec<String> = vec![String::new(); records.len()];
        // Records that pass their check; the others come back exactly as given.
        let mut good = vec![false; records.len()];
        for (ri, v) in records.iter().enumerate() {
            let Some(c) = self.checked_or_failure(v, &mut failures) else { continue };
            for (k, input) in c.inputs.iter().enumerate() {
                let (Input::Ratings(list), Some((_, ind))) = (input, self.by_flat(k)) else { continue };
                let items = v.get("ratings").and_then(|r| r.get(ind.id.as_str())).and_then(Value::as_array);
                for (j, (item, (g, raw))) in items.into_iter().flatten().zip(list).enumerate() {
                    let (Some(raw), Some(rater)) = (raw, item.get("rater").and_then(Value::as_str)) else { continue };
                    let Some((s, _)) = self.rated(&ind.rubric, raw) else { continue };
                    let pool =
                        pools.entry((c.period.clone(), k, *g)).or_insert_with(|| Pool { raters: BTreeMap::new() });
                    pool.raters.entry(rater.trim().to_string()).or_default().push((ri, j, s));
                }
            }
            periods[ri] = c.period;
            good[ri] = true;
        }
        let mut out = CorrectionReport {
            config: config.clone(),
            pools: Vec::new(),
            raters: Vec::new(),
            changes: Vec::new(),
            records: Vec::new(),
            failures,
        };
        // (record, indicator position, rating index) → corrected score
        let mut fixed: BTreeMap<(usize, usize, usize), Decimal> = BTreeMap::new();
        for ((period, k, g), pool) in &pools {
            let Some((_, ind)) = self.by_flat(*k) else { continue };
            let group = ind.raters.as_ref().and_then(|r| r.groups.get(*g)).map(|x| x.id.clone()).unwrap_or_default();
            let all: Vec<Frac> = pool.raters.values().flatten().map(|e| Frac::from(e.2)).collect();
            let (m, v) = (mean(&all), variance(&all));
            let corrected_pool = pool.raters.len() >= config.min_pool;
            out.pools.push(PoolCorrection {
                period: period.clone(),
                indicator: ind.id.clone(),
                group: group.clone(),
                raters: pool.raters.len(),
                ratings: all.len(),
                mean: m.as_ref().and_then(|m| m.round(config.dp, RoundingMode::HalfUp)),
                sd: sd(v.as_ref(), config.dp),
                corrected: corrected_pool,
            });
            let Some(m) = m else { continue };
            for (rater, entries) in &pool.raters {
                let xs: Vec<Frac> = entries.iter().map(|e| Frac::from(e.2)).collect();
                let (Some(mr), vr) = (mean(&xs), variance(&xs)) else { continue };
                let spread = vr.as_ref().filter(|x| x.sign() == std::cmp::Ordering::Greater);
                let reason = if !corrected_pool {
                    Some("pool_too_small")
                } else if entries.len() < config.min_ratings {
                    Some("too_few_ratings")
                } else if config.method == CorrectionMethod::ZScore && spread.is_none() {
                    Some("no_spread")
                } else {
                    None
                };
                let shift = m.sub(&mr);
                out.raters.push(RaterCorrection {
                    period: period.clone(),
                    indicator: ind.id.clone(),
                    group: group.clone(),
                    rater: rater.clone(),
                    ratings: entries.len(),
                    mean: mr.round(config.dp, RoundingMode::HalfUp),
                    shift: shift.round(config.dp, RoundingMode::HalfUp),
                    sd: sd(vr.as_ref(), config.dp),
                    corrected: reason.is_none(),
                    reason,
                });
                if reason.is_some() {
                    continue;
                }
                for &(ri, j, s) in entries {
                    let after = match (config.method, spread, v.as_ref()) {
                        (CorrectionMethod::MeanShift, _, _) => Frac::from(s).add(&shift).score100(dp, mode),
                        (CorrectionMethod::ZScore, Some(vr), Some(vp)) => {
                            let q = vp.div(vr);
                            q.and_then(|q| round_with_root(&m, &Frac::from(s).sub(&mr), &q, dp, mode, true))
                        }
                        _ => None,
                    };
                    let Some(after) = after else { continue };
                    fixed.insert((ri, *k, j), after);
                    out.changes.push(RatingChange {
                        employee: records[ri].get("employee").and_then(Value::as_str).unwrap_or_default().to_string(),
                        period: periods[ri].clone(),
                        indicator: ind.id.clone(),
                        rater: rater.clone(),
                        before: s,
                        after,
                    });
                }
            }
        }
        let mark = CorrectionMark {
            method: config.method,
            min_pool: config.min_pool as u64,
            min_ratings: config.min_ratings as u64,
        };
        out.records = records
            .iter()
            .enumerate()
            .map(|(ri, v)| if good[ri] { self.corrected_record(v, ri, &fixed, &mark) } else { v.clone() })
            .collect();
        Ok(out)
    }

    /// Record `ri` with its corrected scores and the mark, any earlier `score`s and mark
    /// removed first (a record without them and without a corrected rating: as given).
    fn corrected_record(
        &self,
        v: &Value,
        ri: usize,
        fixed: &BTreeMap<(usize, usize, usize), Decimal>,
        mark: &CorrectionMark,
    ) -> Value {
        let mine: Vec<(&(usize, usize, usize), &Decimal)> =
            fixed.range((ri, 0, 0)..=(ri, usize::MAX, usize::MAX)).collect();
        let Value::Object(m) = v else { return v.clone() };
        let stale = m.contains_key("rating_correction")
            || m.get("ratings")
                .and_then(Value::as_object)
                .is_some_and(|r| r.values().filter_map(Value::as_array).flatten().any(|i| i.get("score").is_some()));
        if mine.is_empty() && !stale {
            return v.clone();
        }
        let mut m: Map<String, Value> = m.clone();
        m.shift_remove("rating_correction");
        if let Some(Value::Object(ratings)) = m.get_mut("ratings") {
            for list in ratings.values_mut() {
                for item in list.as_array_mut().into_iter().flatten() {
                    if let Some(o) = item.as_object_mut() {
                        o.shift_remove("score");
                    }
                }
            }
            for ((_, k, j), s) in &mine {
                let Some((_, ind)) = self.by_flat(*k) else { continue };
                let item = ratings.get_mut(ind.id.as_str()).and_then(|l| l.get_mut(*j)).and_then(Value::as_object_mut);
                if let Some(o) = item {
                    o.insert("score".into(), Value::String(s.to_string()));
                }
            }
        }
        if !mine.is_empty() {
            m.insert("rating_correction".into(), serde_json::to_value(mark).unwrap_or(Value::Null));
        }
        Value::Object(m)
    }
}
