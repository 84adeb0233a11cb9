//! Roll-ups (季度/年度汇总, SPEC §7): one employee's sub-period results (months → quarter,
//! quarters → year, or weighted components such as 70 % quarterly mean + 30 % annual review).

use crate::error::{ErrorCode as C, Issue};
use crate::exact::Frac;
use crate::number::exact;
use crate::scheme::Scheme;
use crate::score::{CategoryStatus, Scorecard, Status};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One sub-period (or component) as the roll-up sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubResult {
    /// Complete with a total: takes part.
    pub complete: bool,
    /// The sub-period's total.
    pub total: Option<Decimal>,
    /// Category scores by id (None where not measured).
    pub categories: Vec<(String, Option<Decimal>)>,
    /// The grade a veto capped this sub-period to, if it was capped.
    pub cap: Option<String>,
}

impl From<&Scorecard> for SubResult {
    fn from(c: &Scorecard) -> Self {
        Self {
            complete: c.status == Status::Complete && c.total.is_some(),
            total: c.total,
            categories: c
                .categories
                .iter()
                .map(|x| (x.id.to_string(), if x.status == CategoryStatus::NotApplicable { None } else { x.score }))
                .collect(),
            cap: if c.grade != c.natural_grade { c.grade.as_deref().map(str::to_string) } else { None },
        }
    }
}

impl From<&Rollup> for SubResult {
    fn from(r: &Rollup) -> Self {
        Self {
            complete: r.status == Status::Complete && r.total.is_some(),
            total: r.total,
            categories: r.categories.iter().map(|x| (x.id.clone(), x.score)).collect(),
            cap: if r.grade != r.natural_grade { r.grade.clone() } else { None },
        }
    }
}

/// A rolled-up category score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRoll {
    /// Category id.
    pub id: String,
    /// The weighted mean over the sub-periods where it was measured; null if none.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub score: Option<Decimal>,
}

/// The result of a roll-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rollup {
    /// Employee id.
    pub employee: String,
    /// The rolled-up period's label.
    pub period: String,
    /// Complete when at least `min_periods` sub-periods were complete.
    pub status: Status,
    /// How many complete sub-periods took part.
    pub periods_used: usize,
    /// R(Σ w_p T_p / Σ w_p) over the complete sub-periods.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub total: Option<Decimal>,
    /// Category roll-ups in scheme order.
    pub categories: Vec<CategoryRoll>,
    /// Grade from the scheme's bands; null when incomplete.
    pub natural_grade: Option<String>,
    /// After the caps carried over from the sub-periods.
    pub grade: Option<String>,
}

/// R(Σ wᵢvᵢ / Σ wᵢ): one exact fraction, rounded once (no weight or count can overflow it);
/// `None` when nothing was measured.
fn rolled<I>(vals: I, dp: u32, mode: crate::number::RoundingMode) -> Result<Option<Decimal>, Issue>
where
    I: Iterator<Item = (Decimal, Decimal)> + Clone,
{
    match Frac::weighted_mean(vals) {
        None => Ok(None),
        Some(f) => f.round(dp, mode).map(Some).ok_or_else(|| {
            Issue::new(C::LimitExceeded, "weights", "the rolled-up value is beyond the exact decimal range")
        }),
    }
}

impl Scheme {
    /// Rolls up sub-period results: equal weights when `weights` is `None`, else one weight
    /// (≥ 0) per sub-period; fewer than `min_periods` complete sub-periods: incomplete.
    pub fn rollup(
        &self,
        employee: &str,
        period: &str,
        subs: &[SubResult],
        weights: Option<&[Decimal]>,
        min_periods: usize,
    ) -> Result<Rollup, Vec<Issue>> {
        let mut issues = Vec::new();
        if subs.len() > crate::number::limits::SUB_PERIODS {
            issues.push(Issue::new(
                C::LimitExceeded,
                "results",
                format!(
                    "at most {} sub-periods in one roll-up, found {}",
                    crate::number::limits::SUB_PERIODS,
                    subs.len()
                ),
            ));
            return Err(issues);
        }
        if let Some(w) = weights {
            if w.len() != subs.len() {
                issues.push(Issue::new(
                    C::InvalidValue,
                    "weights",
                    format!("{} weights for {} sub-periods", w.len(), subs.len()),
                ));
            }
            for (i, x) in w.iter().enumerate() {
                if *x < Decimal::ZERO {
                    issues.push(Issue::new(
                        C::NegativeWeight,
                        format!("weights[{i}]"),
                        format!("weights must be >= 0, found {}", exact(*x)),
                    ));
                }
            }
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        let w = |i: usize| weights.and_then(|w| w.get(i).copied()).unwrap_or(Decimal::ONE);
        let used: Vec<usize> = (0..subs.len()).filter(|&i| subs[i].complete).collect();
        // One exact fraction, rounded once: no weight or count can overflow it.
        let (dp, mode) = (self.def.rounding.dp, self.def.rounding.mode);
        let total =
            rolled(used.iter().filter_map(|&i| subs[i].total.map(|t| (w(i), t))), dp, mode).map_err(|e| vec![e])?;
        let categories = self
            .def
            .categories
            .iter()
            .map(|c| {
                Ok(CategoryRoll {
                    id: c.id.clone(),
                    score: rolled(
                        used.iter().filter_map(|&i| {
                            subs[i]
                                .categories
                                .iter()
                                .find(|(id, _)| *id == c.id)
                                .and_then(|(_, s)| s.map(|s| (w(i), s)))
                        }),
                        dp,
                        mode,
                    )?,
                })
            })
            .collect::<Result<Vec<_>, Issue>>()
            .map_err(|e| vec![e])?;
        let complete = used.len() >= min_periods && total.is_some();
        let grades = &self.def.grades;
        let (natural_grade, grade) = match (complete, total) {
            (true, Some(t)) => {
                let natural = grades.iter().position(|g| t >= g.min).unwrap_or(grades.len().saturating_sub(1));
                let caps = used
                    .iter()
                    .filter_map(|&i| subs[i].cap.as_ref())
                    .filter_map(|g| grades.iter().position(|x| &x.id == g));
                let capped = crate::score::vetoes::capped(natural, caps);
                (grades.get(natural).map(|g| g.id.clone()), grades.get(capped).map(|g| g.id.clone()))
            }
            _ => (None, None),
        };
        Ok(Rollup {
            employee: employee.to_string(),
            period: period.to_string(),
            status: if complete { Status::Complete } else { Status::Incomplete },
            periods_used: used.len(),
            total,
            categories,
            natural_grade,
            grade,
        })
    }
}

impl Scheme {
    /// Rolls up one employee's scored sub-periods (`min_periods` `None`: all of them must be
    /// complete), checked first: every result must be this
    /// employee's (`invalid_value` at `results[i].employee`), scored with this scheme
    /// (`invalid_value` at `results[i].scheme`, by digest), and no period may come twice
    /// (`duplicate_id` at `results[i].period`: conflicting records or the same input twice).
    pub fn rollup_cards(
        &self,
        employee: &str,
        period: &str,
        cards: &[Scorecard],
        weights: Option<&[Decimal]>,
        min_periods: Option<usize>,
    ) -> Result<Rollup, Vec<Issue>> {
        let min_periods = min_periods.unwrap_or(cards.len());
        let mut issues = Vec::new();
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, c) in cards.iter().enumerate() {
            if c.employee != employee {
                issues.push(Issue::new(
                    C::InvalidValue,
                    format!("results[{i}].employee"),
                    format!("a result of {:?} in the roll-up of {employee:?}", c.employee),
                ));
            }
            if c.scheme.digest != self.digest {
                issues.push(Issue::new(
                    C::InvalidValue,
                    format!("results[{i}].scheme"),
                    format!(
                        "scored with scheme {:?} {:?} (another digest), not with {:?} {:?}",
                        c.scheme.id, c.scheme.version, self.def.id, self.def.version
                    ),
                ));
            }
            if let Some(j) = seen.insert(c.period.as_str(), i) {
                issues.push(Issue::new(
                    C::DuplicateId,
                    format!("results[{i}].period"),
                    format!("period {:?} of {employee:?} is already results[{j}]", c.period),
                ));
            }
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        let subs: Vec<SubResult> = cards.iter().map(SubResult::from).collect();
        self.rollup(employee, period, &subs, weights, min_periods)
    }

    /// Rolls up a population: one scored batch per sub-period, in order, joined by employee
    /// here (an employee absent from a sub-period takes part as incomplete there). Every
    /// employee-period must be unique across all batches: a second record for one employee in
    /// one period, or the same input given twice, is `duplicate_id` at
    /// `periods[p][i].employee`, and that employee gets no roll-up; the others do.
    pub fn rollup_batches(
        &self,
        period: &str,
        batches: &[Vec<crate::score::BatchEntry>],
        weights: Option<&[Decimal]>,
        min_periods: Option<usize>,
    ) -> (Vec<(Vec<SubResult>, Rollup)>, Vec<Issue>) {
        let mut employees: Vec<&str> = Vec::new();
        let mut at: std::collections::HashMap<(&str, &str), (usize, usize)> = std::collections::HashMap::new();
        let mut issues = Vec::new();
        let mut bad: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut index: std::collections::HashMap<&str, Vec<Option<&Scorecard>>> = std::collections::HashMap::new();
        for (p, batch) in batches.iter().enumerate() {
            for (i, e) in batch.iter().enumerate() {
                let Ok(c) = e else { continue };
                if let Some((q, j)) = at.insert((c.employee.as_str(), c.period.as_str()), (p, i)) {
                    issues.push(Issue::new(
                        C::DuplicateId,
                        format!("periods[{p}][{i}].employee"),
                        format!(
                            "{:?} already has a result for period {:?} at periods[{q}][{j}]; one result per employee and period",
                            c.employee, c.period
                        ),
                    ));
                    bad.insert(c.employee.as_str());
                    continue;
                }
                let slots = index.entry(c.employee.as_str()).or_insert_with(|| {
                    employees.push(c.employee.as_str());
                    vec![None; batches.len()]
                });
                if let Some(slot) = slots.get_mut(p) {
                    if let Some(prev) = slot {
                        issues.push(Issue::new(
                            C::DuplicateId,
                            format!("periods[{p}][{i}].employee"),
                            format!(
                                "{:?} has two results in one sub-period's input (periods {:?} and {:?})",
                                c.employee, prev.period, c.period
                            ),
                        ));
                        bad.insert(c.employee.as_str());
                    }
                    *slot = Some(c);
                }
            }
        }
        let mut rows = Vec::new();
        for emp in employees {
            if bad.contains(emp) {
                continue;
            }
            let subs: Vec<SubResult> = index
                .get(emp)
                .into_iter()
                .flatten()
                .map(|c| {
                    c.map(SubResult::from).unwrap_or(SubResult {
                        complete: false,
                        total: None,
                        categories: Vec::new(),
                        cap: None,
                    })
                })
                .collect();
            match self.rollup(emp, period, &subs, weights, min_periods.unwrap_or(subs.len())) {
                Ok(r) => rows.push((subs, r)),
                Err(e) => {
                    // Weights and limits: the same problem for everyone, reported once.
                    issues.extend(e);
                    rows.clear();
                    break;
                }
            }
        }
        (rows, issues)
    }
}
