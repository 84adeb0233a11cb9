//! Calibration sessions (issue 15, point 1): several evaluators score the same contacts;
//! how far each one agrees with the reference (or, without one, with the others), criterion
//! by criterion, and who is systematically strict or lenient. Nothing here is stored or
//! enters anyone's live results: the scorecards are computed for the comparison only.

use super::{mean, Interval};
use crate::error::{ErrorCode as C, Issue};
use crate::exact::{Frac, X};
use crate::number::RoundingMode;
use crate::record::RecordFailure;
use crate::scheme::Scheme;
use crate::score::{IndicatorStatus, Scorecard};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cmp::Ordering;

/// How a calibration is read and judged. Every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalibrationConfig {
    /// The reference evaluator in every session (an entry's own `"reference": true` names it
    /// for its session too); without one, each evaluator is compared with the mean of the
    /// others (the consensus).
    pub reference: Option<String>,
    /// Confidence of the deviation intervals: one of 0.80, 0.90, 0.95, 0.98, 0.99.
    #[serde(with = "rust_decimal::serde::str")]
    pub confidence: Decimal,
    /// Fewest contacts before an evaluator can be flagged strict or lenient.
    pub min_contacts: usize,
    /// Decimals of every reported number (rounded once; intervals outward).
    pub dp: u32,
}

impl CalibrationConfig {
    /// The configuration of a JSON object (every field optional; decimals as strings or
    /// numbers): a coded error at `config.<field>` for an unknown field or a wrong type.
    pub fn from_value(v: &Value) -> Result<Self, Issue> {
        super::config_from(v, "calibration")
    }
}

impl Default for CalibrationConfig {
    fn default() -> Self {
        Self { reference: None, confidence: Decimal::new(95, 2), min_contacts: 5, dp: 4 }
    }
}

/// One evaluator's agreement over the calibration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvaluatorAlignment {
    /// Evaluator id.
    pub evaluator: String,
    /// Contacts compared (their evaluations with a reference to compare with).
    pub contacts: usize,
    /// Mean alignment: per contact 1 − Σ share·|score − reference| / (100 Σ share) over the
    /// criteria both scored, shares being the criteria's weights in the form.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub alignment: Option<Decimal>,
    /// Mean of total − reference total (negative: strict, positive: lenient).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub deviation: Option<Decimal>,
    /// The deviation's confidence interval (rounded outward); `None` below 2 contacts.
    pub interval: Option<Interval>,
    /// `strict` or `lenient` when the interval excludes 0 and there are at least
    /// `min_contacts` contacts; otherwise `None`.
    pub flag: Option<&'static str>,
    /// Per criterion (scheme order; criteria never compared left out): the evaluator-by-
    /// criterion alignment a heatmap shows.
    pub by_criterion: Vec<CriterionAlignment>,
}

/// How much evaluators disagree on one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionSpread {
    /// Indicator id.
    pub indicator: String,
    /// Contacts where two or more evaluators scored it.
    pub contacts: usize,
    /// Mean over those contacts of (highest − lowest score).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub spread: Option<Decimal>,
}

/// The result of a calibration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalibrationReport {
    /// The configuration used.
    pub config: CalibrationConfig,
    /// Sessions read.
    pub sessions: usize,
    /// Contacts (session, employee, period) read.
    pub contacts: usize,
    /// Per evaluator, the reference evaluator left out, by evaluator id.
    pub evaluators: Vec<EvaluatorAlignment>,
    /// Per criterion, largest spread first.
    pub criteria: Vec<CriterionSpread>,
    /// The evaluator with the lowest mean deviation, when flagged strict.
    pub strictest: Option<String>,
    /// The evaluator with the highest mean deviation, when flagged lenient.
    pub most_lenient: Option<String>,
    /// Per session (input order): inter-rater reliability of its evaluators, every
    /// (contact, criterion) a unit and the criterion's score the rating, the reference
    /// included.
    pub reliability: Vec<SessionReliability>,
    /// Entries that could not be used, with their errors (`employee`: the entry's index).
    pub failures: Vec<RecordFailure>,
}

/// The reliability of one calibration session's evaluators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionReliability {
    /// Session id.
    pub session: String,
    /// Units: (contact, criterion) pairs scored by at least one evaluator.
    pub units: usize,
    /// Evaluators.
    pub evaluators: usize,
    /// Krippendorff's alpha of the criterion scores.
    pub alpha: super::Alphas,
    /// ICC(2,1) and ICC(3,1) over the units every evaluator scored.
    pub icc: Option<super::IccResult>,
}

/// z of a two-sided interval at `confidence`, rounded UP at 16 decimals (so an interval built
/// with it contains the exact one).
pub fn z_value(confidence: Decimal) -> Option<Decimal> {
    let z = match confidence.normalize().to_string().as_str() {
        "0.8" => "1.2815515655446005",
        "0.9" => "1.6448536269514728",
        "0.95" => "1.9599639845400543",
        "0.98" => "2.3263478740408412",
        "0.99" => "2.5758293035489008",
        _ => return None,
    };
    crate::number::parse_decimal(z).ok()
}

/// One evaluator's comparisons, collected.
struct Seen {
    id: String,
    al: Vec<Frac>,
    dev: Vec<Frac>,
    crit: Vec<Vec<Frac>>,
}

/// An evaluator's agreement on one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionAlignment {
    /// Indicator id.
    pub indicator: String,
    /// Contacts where both the evaluator and the reference scored it.
    pub contacts: usize,
    /// Mean of 1 − |score − reference| / 100.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub alignment: Option<Decimal>,
}

struct Eval {
    evaluator: String,
    reference: bool,
    card: Scorecard,
}

fn frac(d: Decimal) -> Frac {
    Frac::from(d)
}

impl Scheme {
    /// A calibration (issue 15, point 1): `entries` are `{session, evaluator, record,
    /// reference?}` objects, the record in the SPEC shape; the evaluations of one contact are
    /// those of one session with the same employee and period. Each record is scored as
    /// usual, for the comparison only. A bad entry is listed in `failures` and left out.
    pub fn calibrate(&self, entries: &[Value], config: &CalibrationConfig) -> Result<CalibrationReport, Issue> {
        self.calibrate_items(entries.iter().map(Ok), config)
    }

    /// [`Scheme::calibrate`] of entries given as text: a JSON array, or JSON Lines (one entry
    /// per non-blank line; a line that is not JSON is that entry's `invalid_json` failure,
    /// the others all count).
    pub fn calibrate_text(&self, text: &str, config: &CalibrationConfig) -> Result<CalibrationReport, Issue> {
        if let Ok(Value::Array(list)) = crate::ingest::parse_json(text) {
            return self.calibrate(&list, config);
        }
        let lines: Vec<Result<Value, Issue>> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| crate::ingest::parse_json(l).map_err(|e| Issue::new(e.code, i.to_string(), e.message)))
            .collect();
        self.calibrate_items(lines.iter().map(|r| r.as_ref().map_err(Clone::clone)), config)
    }

    fn calibrate_items<'a>(
        &self,
        entries: impl Iterator<Item = Result<&'a Value, Issue>>,
        config: &CalibrationConfig,
    ) -> Result<CalibrationReport, Issue> {
        let z = super::z_and_dp(config.confidence, config.dp)?;
        let mut failures = Vec::new();
        // (session, employee, period) → evaluations, in input order.
        let mut contacts: Vec<((String, String, String), Vec<Eval>)> = Vec::new();
        let mut contact_at: std::collections::HashMap<(String, String, String), usize> =
            std::collections::HashMap::new();
        let mut sessions: Vec<String> = Vec::new();
        let mut seen_sessions: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (i, e) in entries.enumerate() {
            let e = match e {
                Ok(e) => e,
                Err(issue) => {
                    failures.push(RecordFailure { employee: Some(i.to_string()), period: None, errors: vec![issue] });
                    continue;
                }
            };
            let fail = |code, path: &str, msg: &str| RecordFailure {
                employee: Some(i.to_string()),
                period: None,
                errors: vec![Issue::new(code, format!("{i}.{path}"), msg)],
            };
            let text = |k: &str| e.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
            let (Some(session), Some(evaluator)) = (text("session"), text("evaluator")) else {
                failures.push(fail(C::MissingField, "session", "an entry needs \"session\" and \"evaluator\" (text)"));
                continue;
            };
            let Some(record) = e.get("record") else {
                failures.push(fail(C::MissingField, "record", "an entry needs \"record\""));
                continue;
            };
            let card = match self.score_value(record) {
                Ok(c) => c,
                Err(err) => {
                    let errors = err
                        .issues
                        .into_iter()
                        .map(|x| Issue::new(x.code, format!("{i}.record.{}", x.path), x.message))
                        .collect();
                    failures.push(RecordFailure { employee: Some(i.to_string()), period: None, errors });
                    continue;
                }
            };
            let reference = e.get("reference").and_then(Value::as_bool).unwrap_or(false)
                || config.reference.as_deref() == Some(evaluator);
            if seen_sessions.insert(session.to_string()) {
                sessions.push(session.to_string());
            }
            let key = (session.to_string(), card.employee.clone(), card.period.clone());
            let ev = Eval { evaluator: evaluator.to_string(), reference, card };
            match contact_at.get(&key).and_then(|&i| contacts.get_mut(i)) {
                Some((_, list)) => list.push(ev),
                None => {
                    contact_at.insert(key.clone(), contacts.len());
                    contacts.push((key, vec![ev]));
                }
            }
        }
        let shares = self.form_shares();
        let mut per: Vec<Seen> = Vec::new();
        let mut per_at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut spreads: Vec<Vec<Frac>> = vec![Vec::new(); shares.len()];
        for (_, evals) in &contacts {
            let refs: Vec<&Eval> = evals.iter().filter(|e| e.reference).collect();
            for (k, s) in spreads.iter_mut().enumerate() {
                let xs: Vec<Decimal> = evals.iter().filter_map(|e| score_at(&e.card, k)).collect();
                if let (Some(lo), Some(hi)) = (xs.iter().min(), xs.iter().max()) {
                    if xs.len() >= 2 {
                        s.push(frac(*hi).sub(&frac(*lo)));
                    }
                }
            }
            // Per criterion and for the total: (sum, count) over every evaluator of the contact.
            let sums: Vec<(X, usize)> = (0..shares.len())
                .map(|k| {
                    evals
                        .iter()
                        .filter_map(|o| score_at(&o.card, k))
                        .fold((X::zero(), 0usize), |(s, n), x| (s.add(&X::from(x)), n.saturating_add(1)))
                })
                .collect();
            let total_sum = evals
                .iter()
                .filter_map(|o| o.card.total)
                .fold((X::zero(), 0usize), |(s, n), x| (s.add(&X::from(x)), n.saturating_add(1)));
            for e in evals {
                if e.reference {
                    continue;
                }
                // The reference's score, or the mean of the other evaluators' ((sum − own) /
                // (count − 1) from the contact's sums).
                let reference_at = |k: usize| {
                    if !refs.is_empty() {
                        return mean(&refs.iter().filter_map(|o| score_at(&o.card, k)).map(frac).collect::<Vec<_>>());
                    }
                    let (sum, n) = sums.get(k)?;
                    let own = score_at(&e.card, k);
                    let n = n.saturating_sub(usize::from(own.is_some()));
                    let rest = own.map_or_else(|| sum.clone(), |x| sum.sub(&X::from(x)));
                    Frac::from(rest).div_x(&X::int(i128::try_from(n).ok()?))
                };
                let (mut num, mut den) = (Frac::from(X::zero()), Frac::from(X::zero()));
                let mut by_criterion: Vec<Option<Frac>> = vec![None; shares.len()];
                for (k, share) in shares.iter().enumerate() {
                    if let (Some(s), Some(r)) = (score_at(&e.card, k), reference_at(k)) {
                        let gap = frac(s).sub(&r).abs();
                        num = num.add(&share.mul(&gap));
                        den = den.add(share);
                        if let (Some(slot), Some(q)) = (by_criterion.get_mut(k), gap.div_x(&X::int(100))) {
                            *slot = Some(Frac::from(X::int(1)).sub(&q));
                        }
                    }
                }
                // 1 − Σ share·|d| / (100 Σ share)
                let alignment = if den.sign() == Ordering::Greater {
                    num.div(&den).and_then(|q| q.div_x(&X::int(100))).map(|q| Frac::from(X::int(1)).sub(&q))
                } else {
                    None
                };
                let others_total = if refs.is_empty() {
                    let own = e.card.total;
                    let n = total_sum.1.saturating_sub(usize::from(own.is_some()));
                    let rest = own.map_or_else(|| total_sum.0.clone(), |x| total_sum.0.sub(&X::from(x)));
                    i128::try_from(n).ok().and_then(|n| Frac::from(rest).div_x(&X::int(n)))
                } else {
                    mean(&refs.iter().filter_map(|o| o.card.total).map(frac).collect::<Vec<_>>())
                };
                let deviation = match (e.card.total, others_total) {
                    (Some(t), Some(r)) => Some(frac(t).sub(&r)),
                    _ => None,
                };
                if alignment.is_none() && deviation.is_none() {
                    continue;
                }
                let slot = match per_at.get(&e.evaluator) {
                    Some(&p) => p,
                    None => {
                        per_at.insert(e.evaluator.clone(), per.len());
                        per.push(Seen {
                            id: e.evaluator.clone(),
                            al: Vec::new(),
                            dev: Vec::new(),
                            crit: vec![Vec::new(); shares.len()],
                        });
                        per.len().saturating_sub(1)
                    }
                };
                if let Some(row) = per.get_mut(slot) {
                    row.al.extend(alignment);
                    row.dev.extend(deviation);
                    for (list, a) in row.crit.iter_mut().zip(by_criterion) {
                        list.extend(a);
                    }
                }
            }
        }
        per.sort_by(|a, b| a.id.cmp(&b.id));
        let (dp, mode) = (config.dp, RoundingMode::HalfUp);
        let evaluators: Vec<EvaluatorAlignment> = per
            .iter()
            .map(|Seen { id, al, dev, crit }| {
                let interval = super::mean_interval(dev, &z, dp);
                let flag = interval.as_ref().filter(|_| dev.len() >= config.min_contacts).and_then(|i| {
                    if i.lo > Decimal::ZERO {
                        Some("lenient")
                    } else if i.hi < Decimal::ZERO {
                        Some("strict")
                    } else {
                        None
                    }
                });
                EvaluatorAlignment {
                    evaluator: id.clone(),
                    contacts: al.len().max(dev.len()),
                    alignment: mean(al).and_then(|m| m.round(dp, mode)),
                    deviation: mean(dev).and_then(|m| m.round(dp, mode)),
                    interval,
                    flag,
                    by_criterion: self
                        .indicators()
                        .zip(crit)
                        .filter(|(_, c)| !c.is_empty())
                        .map(|((_, ind), c)| CriterionAlignment {
                            indicator: ind.id.clone(),
                            contacts: c.len(),
                            alignment: mean(c).and_then(|m| m.round(dp, mode)),
                        })
                        .collect(),
                }
            })
            .collect();
        let mut criteria: Vec<(CriterionSpread, Option<Frac>)> = self
            .indicators()
            .zip(&spreads)
            .map(|((_, ind), s)| {
                let m = mean(s);
                (
                    CriterionSpread {
                        indicator: ind.id.clone(),
                        contacts: s.len(),
                        spread: m.as_ref().and_then(|m| m.round(dp, mode)),
                    },
                    m,
                )
            })
            .collect();
        // Largest spread first (exact comparison), then scheme order; none last.
        criteria.sort_by(|a, b| match (&a.1, &b.1) {
            (Some(x), Some(y)) => y.cmp_frac(x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        });
        let pick = |flag: &str, rev: bool| {
            let mut flagged: Vec<(&EvaluatorAlignment, Frac)> = evaluators
                .iter()
                .zip(&per)
                .filter(|(e, _)| e.flag == Some(flag))
                .filter_map(|(e, p)| Some((e, mean(&p.dev)?)))
                .collect();
            flagged.sort_by(|a, b| if rev { b.1.cmp_frac(&a.1) } else { a.1.cmp_frac(&b.1) });
            flagged.first().map(|(e, _)| e.evaluator.clone())
        };
        let mut of_session: std::collections::HashMap<&str, Vec<&Vec<Eval>>> = std::collections::HashMap::new();
        for ((sid, _, _), evals) in &contacts {
            of_session.entry(sid.as_str()).or_default().push(evals);
        }
        let reliability = sessions
            .iter()
            .map(|sid| {
                let units: super::Ratings = of_session
                    .get(sid.as_str())
                    .into_iter()
                    .flatten()
                    .flat_map(|evals| {
                        (0..shares.len()).map(move |k| {
                            evals
                                .iter()
                                .filter_map(|e| Some((e.evaluator.clone(), score_at(&e.card, k)?)))
                                .collect::<Vec<_>>()
                        })
                    })
                    .filter(|u| !u.is_empty())
                    .collect();
                let r = super::indicator_report(sid, &units, dp);
                SessionReliability {
                    session: sid.clone(),
                    units: r.units,
                    evaluators: r.raters,
                    alpha: r.alpha,
                    icc: r.icc,
                }
            })
            .collect();
        Ok(CalibrationReport {
            reliability,
            config: config.clone(),
            sessions: sessions.len(),
            contacts: contacts.len(),
            strictest: pick("strict", false),
            most_lenient: pick("lenient", true),
            evaluators,
            criteria: criteria.into_iter().map(|(c, _)| c).collect(),
            failures,
        })
    }

    /// Each indicator's share of the form (scheme order): W_c / ΣW × w_i / Σ_c w, exact.
    fn form_shares(&self) -> Vec<Frac> {
        let cats = &self.def().categories;
        let total_w = cats.iter().fold(X::zero(), |a, c| a.add(&X::from(c.weight)));
        cats.iter()
            .flat_map(|c| {
                let cat_w = c.indicators.iter().fold(X::zero(), |a, i| a.add(&X::from(i.weight)));
                let total_w = total_w.clone();
                c.indicators.iter().map(move |i| {
                    Frac::new(X::from(c.weight).mul(&X::from(i.weight)), total_w.mul(&cat_w))
                        .unwrap_or_else(|| Frac::from(X::zero()))
                })
            })
            .collect()
    }
}

/// Indicator k's score on a scorecard, when scored.
fn score_at(card: &Scorecard, k: usize) -> Option<Decimal> {
    card.indicators.get(k).filter(|i| i.status == IndicatorStatus::Scored).and_then(|i| i.score)
}
