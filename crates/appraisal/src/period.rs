//! Roll-ups (季度/年度汇总, SPEC §7): one employee's sub-period results (months → quarter,
//! quarters → year, or weighted components such as 70 % quarterly mean + 30 % annual review).

use crate::error::{ErrorCode as C, Issue};
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
                .map(|x| (x.id.clone(), if x.status == CategoryStatus::NotApplicable { None } else { x.score }))
                .collect(),
            cap: if c.grade != c.natural_grade { c.grade.clone() } else { None },
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
        let mean = |vals: &mut dyn Iterator<Item = (Decimal, Decimal)>| -> Option<Decimal> {
            let (mut num, mut den) = (Decimal::ZERO, Decimal::ZERO);
            for (wt, v) in vals {
                num += wt * v;
                den += wt;
            }
            (!den.is_zero()).then(|| crate::number::round(num / den, self.def.rounding.dp, self.def.rounding.mode))
        };
        let total = mean(&mut used.iter().filter_map(|&i| subs[i].total.map(|t| (w(i), t))));
        let categories = self
            .def
            .categories
            .iter()
            .map(|c| CategoryRoll {
                id: c.id.clone(),
                score: mean(&mut used.iter().filter_map(|&i| {
                    subs[i].categories.iter().find(|(id, _)| *id == c.id).and_then(|(_, s)| s.map(|s| (w(i), s)))
                })),
            })
            .collect();
        let complete = used.len() >= min_periods && total.is_some();
        let grades = &self.def.grades;
        let (natural_grade, grade) = match (complete, total) {
            (true, Some(t)) => {
                let natural = grades.iter().position(|g| t >= g.min).unwrap_or(grades.len().saturating_sub(1));
                let cap = used
                    .iter()
                    .filter_map(|&i| subs[i].cap.as_ref())
                    .filter_map(|g| grades.iter().position(|x| &x.id == g))
                    .max();
                let capped = cap.map_or(natural, |c| c.max(natural));
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
