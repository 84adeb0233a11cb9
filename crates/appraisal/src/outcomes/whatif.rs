//! What-if (SPEC §7 / issue "use of results"): for one record, the smallest change of each
//! indicator's raw value, holding the rest, that reaches a better grade — or "unattainable".
//! Every answer is the result of scoring the changed record forward.

use crate::error::{ErrorCode as C, Issue, RecordError};
use crate::exact::X;
use crate::number::exact;
use crate::record::Input;
use crate::rubric::{Direction, Raw, Rubric};
use crate::scheme::{Indicator, Scheme};
use crate::score::Status;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// One indicator's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhatIfAnswer {
    /// Indicator id.
    pub indicator: String,
    /// The current raw value, as given.
    pub current: Option<String>,
    /// `reachable`, `unattainable`, `reached` (the result already reaches the target),
    /// `vetoed` (a fired event veto caps the grade below the target or zeroes the total, so
    /// no indicator change can reach it), or `not_applicable` (no single value to change).
    pub outcome: &'static str,
    /// The smallest raw value (or level, or `true`) that reaches the target.
    pub value: Option<String>,
    /// The total with that value.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub total: Option<Decimal>,
    /// The grade with that value.
    pub grade: Option<String>,
    /// Why not, when not.
    pub note: Option<String>,
}

/// The what-if answers for one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhatIf {
    /// Employee id.
    pub employee: String,
    /// Period.
    pub period: String,
    /// Current total.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub total: Option<Decimal>,
    /// Current grade.
    pub grade: Option<String>,
    /// The grade asked for (by default the next better one); null when already at the top.
    pub target: Option<String>,
    /// One answer per indicator, in scheme order.
    pub answers: Vec<WhatIfAnswer>,
}

/// The grid point j × 10^−s as a decimal (`None` when the decimal type cannot hold it).
fn grid(j: i128, s: u32) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(j, s).ok()
}

/// Integer digits of |x| (at least 1).
fn int_digits(x: Decimal) -> u32 {
    let t = x.abs().trunc();
    if t.is_zero() {
        1
    } else {
        exact(t).to_string().len() as u32
    }
}

/// (direction +1/-1, best raw value) for a numeric rubric at value `v`; None when `v` is
/// already where the rubric gives its best score.
fn toward_best(ind: &Indicator, v: Decimal) -> Option<(i64, Decimal)> {
    let (dir, bound) = match &ind.rubric {
        Rubric::Piecewise { points } => {
            let top = points.iter().map(|p| p.1).max()?;
            let lo = points.iter().find(|p| p.1 == top)?.0;
            let hi = points.iter().rev().find(|p| p.1 == top)?.0;
            let first_best = points.first()?.1 == top;
            let last_best = points.last()?.1 == top;
            if v < lo && !first_best {
                (1, lo)
            } else if v > hi && !last_best {
                (-1, hi)
            } else {
                return None;
            }
        }
        Rubric::Linear { zero_at, full_at } => (if full_at > zero_at { 1 } else { -1 }, *full_at),
        Rubric::Bands { direction, steps, .. } => {
            (if *direction == Direction::HigherBetter { 1 } else { -1 }, steps.first()?.bound)
        }
        Rubric::Deduction { free_units, .. } => (-1, *free_units),
        Rubric::Ratio { target, direction } => (if *direction == Direction::HigherBetter { 1 } else { -1 }, *target),
        Rubric::Direct => (1, Decimal::ONE_HUNDRED),
        _ => return None,
    };
    let bound = match (ind.valid_range, dir) {
        (Some((_, hi)), 1) => bound.min(hi),
        (Some((lo, _)), _) => bound.max(lo),
        _ => bound,
    };
    let better = if dir > 0 { bound > v } else { bound < v };
    better.then_some((dir, bound))
}

impl Scheme {
    /// For each indicator of `record`, the smallest change of its raw value (on the grid of
    /// the value's own decimals) that reaches `target` (default: the next better grade).
    ///
    /// Each candidate is scored forward from the checked record (the JSON is read and checked
    /// once); a numeric indicator takes at most ~130 candidates (a bisection of its grid), so
    /// the cost is O(indicators × log(grid) × indicators) scoring steps, bounded by the
    /// indicator limit (docs/semantics.md, "Limits").
    pub fn whatif(&self, record: &Value, target: Option<&str>) -> Result<WhatIf, RecordError> {
        let checked = self.check(record)?;
        let card = self.score_checked(checked.clone())?;
        let grades = &self.def.grades;
        let current = card.grade.as_ref().and_then(|g| grades.iter().position(|x| x.id == g));
        let target_idx = match target {
            Some(t) => Some(grades.iter().position(|g| g.id == t).ok_or_else(|| RecordError {
                issues: vec![Issue::new(C::UnknownReference, "target", format!("no grade {t:?} in the scheme"))],
            })?),
            None => match current {
                Some(0) => None,
                Some(c) => c.checked_sub(1),
                None => None,
            },
        };
        let mut out = WhatIf {
            employee: card.employee.clone(),
            period: card.period.clone(),
            total: card.total,
            grade: card.grade.as_deref().map(str::to_string),
            target: target_idx.and_then(|t| grades.get(t)).map(|g| g.id.clone()),
            answers: Vec::new(),
        };
        let Some(t) = target_idx else { return Ok(out) };
        let already = card.status == Status::Complete && current.is_some_and(|c| c <= t);
        // A fired veto on an event (not on an indicator's value) stays fired whatever the
        // indicators say: when it caps the grade below the target, or zeroes the total, no
        // indicator change can reach the target. Say so instead of trying each indicator.
        let blocked: Option<String> = if already {
            None
        } else {
            self.def.vetoes.iter().filter(|v| card.vetoes.iter().any(|f| f == v.id)).find_map(|v| {
                if !matches!(v.when, crate::scheme::VetoWhen::Event { .. }) {
                    return None;
                }
                match &v.effect {
                    crate::scheme::VetoEffect::CapGrade(g) => {
                        let cap = grades.iter().position(|x| &x.id == g)?;
                        (cap > t).then(|| {
                            format!("veto {:?} caps the grade at {g}: no change of one indicator can lift it", v.id)
                        })
                    }
                    crate::scheme::VetoEffect::ZeroTotal => {
                        Some(format!("veto {:?} sets the total to 0: no change of one indicator can lift it", v.id))
                    }
                    crate::scheme::VetoEffect::ZeroCategory(_) => None,
                }
            })
        };
        let reaches = |k: usize, raw: Raw| -> Option<(bool, Option<Decimal>, Option<String>)> {
            let mut rec = checked.clone();
            *rec.inputs.get_mut(k)? = Input::Single(raw);
            let c = self.score_checked(rec).ok()?;
            let ok = c.status == Status::Complete
                && c.grade.as_ref().and_then(|g| grades.iter().position(|x| x.id == g)).is_some_and(|g| g <= t);
            Some((ok, c.total, c.grade.as_deref().map(str::to_string)))
        };
        for (k, (_, ind)) in self.indicators().enumerate() {
            let raw = record.get("values").and_then(|v| v.get(&ind.id)).filter(|v| !v.is_null());
            let mut a = WhatIfAnswer {
                indicator: ind.id.clone(),
                current: raw.map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)),
                outcome: "not_applicable",
                value: None,
                total: None,
                grade: None,
                note: None,
            };
            if already {
                a.outcome = "reached";
                a.note = Some("the result already reaches the target".into());
                out.answers.push(a);
                continue;
            }
            if let Some(why) = &blocked {
                a.outcome = "vetoed";
                a.note = Some(why.clone());
                out.answers.push(a);
                continue;
            }
            if ind.raters.is_some() {
                a.note = Some("rated by several raters: no single value to change".into());
                out.answers.push(a);
                continue;
            }
            if let Some(aw) = &ind.applies_when {
                if !aw.holds(checked.attributes.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
                    a.note = Some(format!(
                        "out of scope for this record (applies when {} is {})",
                        aw.attribute,
                        aw.values.join(" or ")
                    ));
                    out.answers.push(a);
                    continue;
                }
            }
            let Some(raw) = raw else {
                a.note = Some("no value in the record".into());
                out.answers.push(a);
                continue;
            };
            a.outcome = "unattainable";
            let mut found: Option<(Raw, String)> = None;
            match &ind.rubric {
                Rubric::Scale { levels } => {
                    let now = levels.iter().find(|l| Some(l.key.as_str()) == raw.as_str()).map(|l| l.score);
                    let mut better: Vec<_> = levels.iter().filter(|l| now.is_none_or(|s| l.score > s)).collect();
                    better.sort_by_key(|l| l.score);
                    for l in better {
                        let v = Raw::Key(l.key.clone());
                        if reaches(k, v.clone()).is_some_and(|r| r.0) {
                            found = Some((v, l.key.clone()));
                            break;
                        }
                    }
                }
                Rubric::PassFail { .. } => {
                    if raw == &Value::Bool(false) && reaches(k, Raw::Bool(true)).is_some_and(|r| r.0) {
                        found = Some((Raw::Bool(true), "true".into()));
                    }
                }
                _ => {
                    let v = crate::json::decimal_of(raw).ok();
                    if let Some((v, dir, bound)) = v.and_then(|v| toward_best(ind, v).map(|(d, b)| (v, d, b))) {
                        // The grid: multiples of 10^−s, s = the finer of the value's and the
                        // bound's decimals, no finer than the decimal type holds at this
                        // magnitude. Candidate j (toward the bound) is min/max(j × 10^−s, bound).
                        let s = exact(v)
                            .scale()
                            .max(exact(bound).scale())
                            .min(28u32.saturating_sub(int_digits(v).max(int_digits(bound))));
                        let step = X::from(Decimal::new(1, s));
                        // A strict best band ("above 90", SPEC §8.4) is reached one grid
                        // step beyond its bound, within the valid range.
                        let strict_best = matches!(&ind.rubric, Rubric::Bands { steps, .. } if steps.first().is_some_and(|st| st.strict));
                        let bound = if strict_best {
                            let one = Decimal::new(1, s);
                            let b =
                                if dir > 0 { bound.checked_add(one) } else { bound.checked_sub(one) }.unwrap_or(bound);
                            match (ind.valid_range, dir) {
                                (Some((_, hi)), 1) => b.min(hi),
                                (Some((lo, _)), _) => b.max(lo),
                                _ => b,
                            }
                        } else {
                            bound
                        };
                        let idx = |x: Decimal, up: bool| -> Option<i128> {
                            let f = crate::exact::Frac::new(X::from(x), step.clone())?;
                            if up {
                                f.ceil()
                            } else {
                                crate::exact::Frac::new(X::from(x).neg(), step.clone())?.ceil().map(i128::wrapping_neg)
                            }
                        };
                        // j0: the last grid point not beyond v; jb: the first at or beyond the bound.
                        let (j0, jb) =
                            if dir > 0 { (idx(v, false), idx(bound, true)) } else { (idx(v, true), idx(bound, false)) };
                        let at = |kk: i128| -> Option<Decimal> {
                            let j = if dir > 0 { j0?.checked_add(kk)? } else { j0?.checked_sub(kk)? };
                            let x = grid(j, s)?;
                            Some(if dir > 0 { x.min(bound) } else { x.max(bound) })
                        };
                        let n = j0.zip(jb).and_then(|(a, b)| b.checked_sub(a)).map(i128::abs).unwrap_or(0);
                        let hit = |kk: i128| at(kk).and_then(|x| reaches(k, Raw::Number(x))).is_some_and(|r| r.0);
                        if n > 0 && hit(n) {
                            // The smallest k in [1, n] that reaches (bisection: ≤ 128 steps).
                            let (mut lo, mut hi) = (0i128, n);
                            while hi.saturating_sub(lo) > 1 {
                                let mid = lo.saturating_add(hi.saturating_sub(lo) / 2);
                                if hit(mid) {
                                    hi = mid;
                                } else {
                                    lo = mid;
                                }
                            }
                            if let Some(x) = at(hi) {
                                found = Some((Raw::Number(x), exact(x).to_string()));
                            }
                        }
                    } else {
                        a.note = Some("already at this indicator's best score".into());
                    }
                }
            }
            if let Some((v, text)) = found {
                if let Some((_, total, grade)) = reaches(k, v) {
                    a.outcome = "reachable";
                    a.value = Some(text);
                    a.total = total;
                    a.grade = grade;
                    a.note = None;
                }
            } else if a.note.is_none() {
                a.note = Some("even its best score does not reach the target".into());
            }
            out.answers.push(a);
        }
        Ok(out)
    }
}
