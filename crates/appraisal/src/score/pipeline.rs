//! The pipeline of SPEC §3–§5: indicators → categories → base → adjustments → total →
//! vetoes → grade. A record walks it once, front to back.

use super::results::*;
use crate::error::{ErrorCode as C, Issue, RecordError};
use crate::exact::{Frac, X};
use crate::number::{exact, round};
use crate::present::steps::Step;
use crate::record::{identity, Checked, Input, Record, RecordFailure};
use crate::rubric::{Raw, Rubric};
use crate::scheme::{MissingPolicy, Scheme, VetoEffect, VetoOn, VetoValue, VetoWhen};
use rust_decimal::Decimal;
use serde_json::Value;

/// A result the decimal type cannot hold exactly: an error, never a different number.
fn beyond(path: &str) -> Issue {
    Issue::new(
        C::LimitExceeded,
        path,
        "the exact result is beyond the decimal range (28 significant digits); no rounded value is given",
    )
}

/// The least common multiple, `None` on overflow (SPEC §3.2's L).
pub(crate) fn lcm(a: u128, b: u128) -> Option<u128> {
    fn gcd(mut a: u128, mut b: u128) -> u128 {
        while b != 0 {
            (a, b) = (b, a.checked_rem(b).unwrap_or(0));
        }
        a
    }
    a.checked_div(gcd(a, b))?.checked_mul(b)
}

struct Outcome {
    score: Option<Decimal>,
    reason: Option<NaReason>,
    step: Option<Id>,
}

impl Scheme {
    fn r(&self, x: Decimal) -> Decimal {
        round(x, self.def.rounding.dp, self.def.rounding.mode)
    }

    /// R(n / d) of one formula; an error (never a different number) when the rounded value
    /// is beyond the decimal type.
    fn rf(&self, f: &Frac, path: &str) -> Result<Decimal, Issue> {
        f.round(self.def.rounding.dp, self.def.rounding.mode).ok_or_else(|| beyond(path))
    }

    pub(crate) fn rated(&self, rubric: &Rubric, raw: &Raw) -> Option<(Decimal, Step)> {
        rubric.score(raw, self.def.rounding.dp, self.def.rounding.mode)
    }

    /// An indicator's score and step text: a fixed outcome settled when the scheme was built
    /// (a band, an end of a line, a level, pass or fail), else computed from the value.
    fn settled(&self, k: usize, rubric: &Rubric, raw: &Raw) -> Option<(Decimal, Id)> {
        if let Some((s, text)) = rubric.fixed_at(raw).and_then(|i| self.fixed.get(k)?.get(i)) {
            return Some((*s, text.clone()));
        }
        self.rated(rubric, raw).map(|(s, step)| (s, step.short_text()))
    }

    /// Scores a checked record.
    pub(crate) fn score_checked(&self, mut c: Checked) -> Result<Scorecard, RecordError> {
        self.score_checked_mut(&mut c)
    }

    /// [`Scheme::score_checked`], the record's identity moved into the scorecard only when
    /// it is scored (left in `c` for the caller's error entry otherwise); with "grade
    /// uncertain" when the scheme declares it.
    fn score_checked_mut(&self, c: &mut Checked) -> Result<Scorecard, RecordError> {
        let mut card = self.score_core(c)?;
        if self.def.uncertainty.is_some() {
            card.grade_uncertain = self.grade_uncertainty(c, &card);
        }
        Ok(card)
    }

    /// The pipeline itself, once, front to back (no "grade uncertain": its ends are scored
    /// by this too): in the compiled integer row when it takes the record, else exactly.
    pub(crate) fn score_core(&self, c: &mut Checked) -> Result<Scorecard, RecordError> {
        if let Some(card) = self.row.get().and_then(|row| row.score(self, c)) {
            return Ok(card);
        }
        self.score_exact(c)
    }

    /// The reference pipeline in exact decimals of any size ([`X`], [`Frac`]): every record
    /// the integer row leaves, and the differential tests' reference for it.
    fn score_exact(&self, c: &mut Checked) -> Result<Scorecard, RecordError> {
        let def = &self.def;
        let policy = def.missing.policy;
        let mut outcomes: Vec<Outcome> = Vec::with_capacity(c.inputs.len());
        let mut fatal: Vec<Issue> = Vec::new();
        for (k, input) in c.inputs.iter().enumerate() {
            let Some((_, ind)) = self.by_flat(k) else {
                continue;
            };
            let na = |reason| Outcome { score: None, reason: Some(reason), step: None };
            let shrunk = c.shrunk.iter().find(|(kk, _)| *kk == k).map(|(_, v)| Raw::Number(*v));
            let out_of_scope = ind
                .applies_when
                .as_ref()
                .is_some_and(|a| !a.holds(c.attributes.iter().map(|(k, v)| (k.as_str(), v.as_str()))));
            let outcome = match input {
                // Not missing data: a value given anyway is ignored (SPEC §8.6).
                _ if out_of_scope => na(NaReason::OutOfScope),
                Input::Absent => na(NaReason::MissingValue),
                _ if ind.min_sample.is_some_and(|m| c.samples[k].is_none_or(|n| n < m)) => {
                    na(NaReason::InsufficientSample)
                }
                // A shrunk value, when the record gives one, is what the rubric scores (the raw
                // value stays for the vetoes and the scorecard).
                Input::Single(raw) => match self.settled(k, &ind.rubric, shrunk.as_ref().unwrap_or(raw)) {
                    Some((s, step)) => Outcome { score: Some(s), reason: None, step: Some(step) },
                    None => {
                        fatal.push(Issue::new(
                            C::OutOfDomain,
                            format!("values.{}", ind.id),
                            "the value cannot be evaluated exactly",
                        ));
                        na(NaReason::MissingValue)
                    }
                },
                Input::Ratings(list) => match ind.raters.as_ref().map(|r| {
                    let fixed: Vec<(usize, Decimal)> =
                        c.corrected.iter().filter(|(kk, _, _)| *kk == k).map(|(_, i, s)| (*i, *s)).collect();
                    self.multi_rater(&ind.rubric, r, list, &fixed)
                }) {
                    Some(Ok(Some((s, step)))) => {
                        Outcome { score: Some(s), reason: None, step: Some(step.short_text()) }
                    }
                    Some(Ok(None)) | None => na(NaReason::InsufficientRaters),
                    Some(Err(())) => {
                        fatal.push(Issue::new(
                            C::OutOfDomain,
                            format!("ratings.{}", ind.id),
                            "the ratings cannot be evaluated exactly",
                        ));
                        na(NaReason::InsufficientRaters)
                    }
                },
            };
            outcomes.push(outcome);
        }
        if policy == MissingPolicy::Error {
            for (k, o) in outcomes.iter().enumerate() {
                let (Some(reason), Some((_, ind))) = (o.reason, self.by_flat(k)) else {
                    continue;
                };
                let path = match reason {
                    NaReason::OutOfScope => continue,
                    NaReason::MissingValue if ind.raters.is_some() => format!("ratings.{}", ind.id),
                    NaReason::MissingValue => format!("values.{}", ind.id),
                    NaReason::InsufficientSample => format!("samples.{}", ind.id),
                    NaReason::InsufficientRaters => format!("ratings.{}", ind.id),
                };
                fatal.push(Issue::new(
                    C::NotApplicable,
                    path,
                    format!(
                        "indicator {:?} is not applicable ({}) and the scheme's missing-data policy is \"error\"",
                        ind.id,
                        reason.as_str()
                    ),
                ));
            }
        }
        if !fatal.is_empty() {
            return Err(RecordError { issues: fatal });
        }

        // Vetoes (conditions read inputs; effects apply at their steps).
        let mut fired: Vec<usize> = Vec::new();
        for (vi, v) in def.vetoes.iter().enumerate() {
            let hit = match &v.when {
                VetoWhen::Event { event, at_least } => {
                    self.event_index.get(event).is_some_and(|&e| c.events[e] >= *at_least)
                }
                VetoWhen::Indicator { indicator, op, value, on: VetoOn::Score } => {
                    // The rounded score s_i; never while the indicator is N/A (SPEC §8.5).
                    let Some(&(_, _, k)) = self.indicator_index.get(indicator) else {
                        continue;
                    };
                    match (outcomes.get(k).and_then(|o| o.score), value) {
                        (Some(s), VetoValue::Number(b)) => super::vetoes::fires(*op, s.cmp(b)),
                        _ => false,
                    }
                }
                VetoWhen::Indicator { indicator, op, value, .. } => {
                    let Some(&(_, _, k)) = self.indicator_index.get(indicator) else {
                        continue;
                    };
                    match (&c.inputs[k], outcomes[k].reason) {
                        (Input::Single(raw), None) => match (raw, value) {
                            (Raw::Number(a), VetoValue::Number(b)) => super::vetoes::fires(*op, a.cmp(b)),
                            (Raw::Key(a), VetoValue::Key(b)) => super::vetoes::fires_on_equality(*op, a == b),
                            (Raw::Bool(a), VetoValue::Bool(b)) => super::vetoes::fires_on_equality(*op, a == b),
                            _ => false,
                        },
                        _ => false,
                    }
                }
            };
            if hit {
                fired.push(vi);
            }
        }
        let zeroed = |cat_id: &str| {
            fired.iter().any(|&vi| matches!(&def.vetoes[vi].effect, VetoEffect::ZeroCategory(c) if c == cat_id))
        };

        // Indicators → categories (every sum exact; each formula divided and rounded once).
        let mut indicators = Vec::with_capacity(outcomes.len());
        let mut categories = Vec::with_capacity(def.categories.len());
        let mut coverage = X::zero();
        let v2 = def.format == crate::scheme::Format::V2;
        let mut coverage2 = super::format2::Coverage::default();
        let mut beyond_range: Vec<Issue> = Vec::new();
        let mut flat = outcomes.into_iter();
        for cat in &def.categories {
            let vetoed = zeroed(&cat.id);
            let mut num = X::zero();
            let mut den = X::zero();
            let mut any_scored = false;
            // Format 2's coverage: the measured and the in-scope weight of the category.
            let (mut measured, mut in_scope) = (X::zero(), X::zero());
            let mut pooled: Vec<Option<Decimal>> = Vec::new();
            let mut any_in_scope = false;
            for ind in &cat.indicators {
                let Some(o) = flat.next() else { break };
                let score = match (o.score, policy, o.reason) {
                    (Some(s), _, _) => Some(s),
                    // Out of scope, or an item of a pool: never scored 0 (SPEC §8.3, §8.6).
                    (None, _, Some(NaReason::OutOfScope)) => None,
                    (None, _, _) if cat.pool.is_some() => None,
                    (None, MissingPolicy::Zero, _) => Some(self.r(Decimal::ZERO)),
                    (None, _, _) => None,
                };
                if o.reason != Some(NaReason::OutOfScope) {
                    in_scope = in_scope.add(&X::from(ind.weight));
                    any_in_scope = true;
                }
                if cat.pool.is_some() {
                    pooled.push(o.score);
                }
                if o.score.is_some() {
                    any_scored = true;
                    if !vetoed {
                        coverage = coverage.add(&X::from(cat.weight).mul(&X::from(ind.weight)));
                        measured = measured.add(&X::from(ind.weight));
                    }
                }
                if let Some(s) = score {
                    if !ind.weight.is_zero() {
                        num = num.add(&X::from(ind.weight).mul(&X::from(s)));
                        den = den.add(&X::from(ind.weight));
                    }
                }
                indicators.push(IndicatorResult {
                    id: Id::from(ind.id.as_str()),
                    category: Id::from(cat.id.as_str()),
                    status: if o.reason.is_some() { IndicatorStatus::NotApplicable } else { IndicatorStatus::Scored },
                    reason: o.reason,
                    score,
                    step: o.step,
                });
            }
            if v2 {
                match cat.pool {
                    // A pool counts W_c × (1 if any item measured else 0) (SPEC §8.1).
                    Some(_) => coverage2.add(
                        cat.weight,
                        &X::int(i128::from(any_scored && !vetoed)),
                        &X::int(i128::from(any_in_scope)),
                    ),
                    None => coverage2.add(cat.weight, &measured, &in_scope),
                }
            }
            let (status, score) = if vetoed {
                (CategoryStatus::Vetoed, Some(self.r(Decimal::ZERO)))
            } else if let Some(pool) = &cat.pool {
                match super::format2::pool_score(pool, cat, &pooled) {
                    None => (CategoryStatus::NotApplicable, None),
                    Some(x) => (
                        CategoryStatus::Scored,
                        self.rf(&Frac::from(x), &cat.id).map_err(|e| beyond_range.push(e)).ok(),
                    ),
                }
            } else {
                match Frac::new(num, den) {
                    None => (CategoryStatus::NotApplicable, None),
                    Some(f) => {
                        let s = self.rf(&f, &cat.id).map_err(|e| beyond_range.push(e)).ok();
                        (if any_scored { CategoryStatus::Scored } else { CategoryStatus::NotApplicable }, s)
                    }
                }
            };
            categories.push(CategoryResult { id: Id::from(cat.id.as_str()), status, score });
        }

        // Base.
        let mut num = X::zero();
        let mut den = X::zero();
        for (cat, res) in def.categories.iter().zip(&categories) {
            if let Some(s) = res.score {
                if !cat.weight.is_zero() {
                    num = num.add(&X::from(cat.weight).mul(&X::from(s)));
                    den = den.add(&X::from(cat.weight));
                }
            }
        }
        let base = match Frac::new(num, den) {
            Some(f) => self.rf(&f, "base").map_err(|e| beyond_range.push(e)).ok(),
            None => None,
        };

        // Adjustments: exact points, shown exactly (an amount the decimal type cannot hold is
        // an error, never a rounded number).
        let mut adjustments = Vec::with_capacity(def.adjustments.len());
        let mut a_sum = X::zero();
        for a in &def.adjustments {
            let units = self.event_index.get(&a.event).map_or(0, |&e| c.events[e]);
            let mut p = X::from(a.points_per_unit).mul(&X::from(units));
            if let Some(cap) = a.cap {
                p = p.max(X::from(cap).neg()).min(X::from(cap));
            }
            a_sum = a_sum.add(&p);
            let points = p.to_decimal().unwrap_or_else(|| {
                beyond_range.push(beyond(&format!("events.{}", a.event)));
                Decimal::ZERO
            });
            adjustments.push(AdjustmentResult { id: Id::from(a.id.as_str()), units, points: exact(points) });
        }
        if let Some(lo) = def.total.adjustment_min {
            a_sum = a_sum.max(X::from(lo));
        }
        if let Some(hi) = def.total.adjustment_max {
            a_sum = a_sum.min(X::from(hi));
        }
        let adjustment_total = a_sum.to_decimal().unwrap_or_else(|| {
            beyond_range.push(beyond("events"));
            Decimal::ZERO
        });

        // Total, vetoes, grade.
        let zero_total = fired.iter().any(|&vi| def.vetoes[vi].effect == VetoEffect::ZeroTotal);
        let total = match base {
            Some(_) if zero_total => Some(self.r(Decimal::ZERO)),
            Some(b) => {
                let t = Frac::from(X::from(b).add(&a_sum)).clamp(&X::zero(), &X::from(def.total.ceiling));
                self.rf(&t, "total").map_err(|e| beyond_range.push(e)).ok()
            }
            None => None,
        };
        let coverage = if v2 { Some(coverage2.value()) } else { Frac::new(coverage, X::int(100)) };
        let coverage = match coverage.map(|f| self.rf(&f, "coverage")) {
            Some(Ok(k)) => k,
            Some(Err(e)) => {
                beyond_range.push(e);
                Decimal::ZERO
            }
            None => Decimal::ZERO,
        };
        if !beyond_range.is_empty() {
            return Err(RecordError { issues: beyond_range });
        }
        let complete = base.is_some() && coverage >= def.missing.min_coverage;
        let (natural_grade, grade) = match (complete, total) {
            (true, Some(t)) => {
                let natural = def.grades.iter().position(|g| t >= g.min).unwrap_or(def.grades.len().saturating_sub(1));
                let caps = fired.iter().filter_map(|&vi| match &def.vetoes[vi].effect {
                    VetoEffect::CapGrade(g) => def.grades.iter().position(|x| &x.id == g),
                    _ => None,
                });
                let capped = super::vetoes::capped(natural, caps);
                (
                    def.grades.get(natural).map(|g| Id::from(g.id.as_str())),
                    def.grades.get(capped).map(|g| Id::from(g.id.as_str())),
                )
            }
            _ => (None, None),
        };
        let rating = def.rating.as_ref().map(|map| {
            let dp = map.dp.unwrap_or(def.rounding.dp);
            total.and_then(|t| super::format2::rating(map, t)).and_then(|f| f.round(dp, def.rounding.mode))
        });
        let rating_correction =
            c.correction.map(|m| crate::record::CorrectedRatings { method: m.method, ratings: c.corrected.len() });
        let shrinkage = c
            .shrunk
            .iter()
            .filter_map(|&(k, shrunk)| {
                let (_, ind) = self.by_flat(k)?;
                let Input::Single(raw @ Raw::Number(x)) = &c.inputs[k] else { return None };
                Some(crate::record::ShrunkValue {
                    indicator: Id::from(ind.id.as_str()),
                    raw: exact(*x),
                    shrunk,
                    raw_score: self.rated(&ind.rubric, raw).map(|(s, _)| s),
                })
            })
            .collect();
        Ok(Scorecard {
            grade_uncertain: None,
            shrinkage,
            rating_correction,
            rating,
            employee: std::mem::take(&mut c.employee),
            period: std::mem::take(&mut c.period),
            scheme: SchemeRef {
                id: Id::from(def.id.as_str()),
                version: Id::from(def.version.as_str()),
                digest: Id::from(self.digest.as_str()),
            },
            status: if complete { Status::Complete } else { Status::Incomplete },
            coverage,
            indicators,
            categories,
            base,
            adjustments,
            adjustment_total: exact(adjustment_total),
            total,
            vetoes: fired.iter().map(|&vi| Id::from(def.vetoes[vi].id.as_str())).collect(),
            natural_grade,
            grade,
        })
    }

    /// Scores one record given as a JSON value (SPEC shape).
    pub fn score_value(&self, record: &Value) -> Result<Scorecard, RecordError> {
        let checked = self.check(record)?;
        self.score_checked(checked)
    }

    /// [`Scheme::score_value`] by the exact reference pipeline alone (never the compiled
    /// integer row): for differential tests and fuzzing, which hold the two to one scorecard.
    #[doc(hidden)]
    pub fn score_value_exact(&self, record: &Value) -> Result<Scorecard, RecordError> {
        let mut c = self.check(record)?;
        let mut card = self.score_exact(&mut c)?;
        if self.def.uncertainty.is_some() {
            card.grade_uncertain = self.grade_uncertainty(&c, &card);
        }
        Ok(card)
    }

    /// The compiled integer row's scorecard of a valid record, or `None` where it leaves the
    /// record to the exact pipeline (for differential tests: which records it takes).
    #[doc(hidden)]
    pub fn score_value_integer(&self, record: &Value) -> Option<Scorecard> {
        let mut c = self.check(record).ok()?;
        let mut card = self.row.get()?.score(self, &mut c)?;
        if self.def.uncertainty.is_some() {
            card.grade_uncertain = self.grade_uncertainty(&c, &card);
        }
        Some(card)
    }

    /// Scores one record given as JSON text: read by the text reader, or (the size limit
    /// first) parsed strictly and checked, exactly as [`crate::ingest::record_text`] and
    /// [`Scheme::score_value`] would.
    pub fn score_json(&self, text: &str) -> Result<Scorecard, RecordError> {
        if let Some(entry) = self.score_text_fast(text) {
            return entry.map_err(|f| RecordError { issues: f.errors });
        }
        let v = crate::ingest::record_text(text).map_err(|i| RecordError { issues: vec![i] })?;
        self.score_value(&v)
    }

    /// A record given as JSON text (at most the record size limit), scored when the text
    /// reader takes it (the usual shape, every value plain; see `record::text`): the entry
    /// [`Scheme::score_entry`] gives for the parsed text, without building a JSON value.
    /// `None` when the reader leaves the record to the parser and the check: the caller
    /// parses the text and scores the value, which decides.
    pub fn score_text_fast(&self, text: &str) -> Option<BatchEntry> {
        if text.len() > crate::number::limits::RECORD_BYTES {
            return None;
        }
        let mut c = Checked::blank();
        self.read_json_fast(text, &mut c)?;
        Some(self.score_checked_mut(&mut c).map_err(|e| RecordFailure {
            employee: Some(c.employee),
            period: Some(c.period),
            errors: e.issues,
        }))
    }

    /// Scores a JSON array of records given as text (a JS `scoreMany`, a JSON file): one entry
    /// per record, in order, each read by the text reader or parsed and checked; an error
    /// (`invalid_json`) only when the text is not a JSON array.
    pub fn score_json_array(&self, text: &str) -> Result<Vec<BatchEntry>, Issue> {
        let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(text)
            .map_err(|e| Issue::new(C::InvalidJson, "", format!("not a valid JSON array of records: {e}")))?;
        Ok(items
            .iter()
            .map(|raw| {
                let t = raw.get();
                self.score_text_fast(t).unwrap_or_else(|| match crate::ingest::parse_json(t) {
                    Ok(v) => self.score_entry(&v),
                    Err(i) => Err(RecordFailure { employee: None, period: None, errors: vec![i] }),
                })
            })
            .collect())
    }

    /// Scores a typed record (checked exactly as its JSON shape would be).
    pub fn score_record(&self, record: &Record) -> Result<Scorecard, RecordError> {
        self.score_value(&record.to_value())
    }

    /// Scores one entry of a batch: the scorecard, or the record's identity and errors.
    pub fn score_entry(&self, record: &Value) -> BatchEntry {
        self.score_value(record).map_err(|e| {
            let (employee, period) = identity(record);
            RecordFailure { employee, period, errors: e.issues }
        })
    }

    /// Scores one input item: a record, or the errors of one that could not be read (its
    /// entry then carries those errors, in its place).
    pub fn score_item(&self, item: &crate::wide::Item) -> BatchEntry {
        match item {
            Ok(v) => self.score_entry(v),
            Err(errors) => Err(RecordFailure { employee: None, period: None, errors: errors.clone() }),
        }
    }

    /// Scores every record; never stops at a bad one. One entry per record, input order.
    pub fn score_batch(&self, records: &[Value]) -> Vec<BatchEntry> {
        records.iter().map(|r| self.score_entry(r)).collect()
    }

    /// [`Scheme::score_batch`] on all cores (feature `parallel`): the same entries, in the
    /// same order.
    #[cfg(feature = "parallel")]
    pub fn score_batch_parallel(&self, records: &[Value]) -> Vec<BatchEntry> {
        use rayon::prelude::*;
        records.par_iter().map(|r| self.score_entry(r)).collect()
    }
}

#[cfg(all(test, feature = "parallel"))]
mod parallel_tests {
    #[test]
    fn parallel_batches_equal_sequential_ones() {
        let s = crate::builtin_scheme("csr").unwrap();
        let recs: Vec<serde_json::Value> = (0..2000)
            .map(|i| {
                serde_json::json!({"employee": format!("E{i}"), "period": "P",
                "values": {"attendance": format!("{}.{}", 90 + i % 10, i % 7), "task_completion": 85 + i % 15}})
            })
            .collect();
        assert_eq!(s.score_batch_parallel(&recs), s.score_batch(&recs));
    }
}
