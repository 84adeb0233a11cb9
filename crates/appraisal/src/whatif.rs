//! What-if (SPEC §7 / issue "use of results"): for one record, the smallest change of each
//! indicator's raw value, holding the rest, that reaches a better grade — or "unattainable".
//! Every answer is the result of scoring the changed record forward.

use crate::error::{ErrorCode as C, Issue, RecordError};
use crate::number::exact;
use crate::rubric::{Direction, Rubric};
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
    /// `reachable`, `unattainable`, `reached` (the result already reaches the target), or
    /// `not_applicable` (no single value to change).
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

fn with_value(record: &Value, id: &str, v: Value) -> Value {
    let mut r = record.clone();
    if let Some(m) = r.as_object_mut() {
        let vals = m.entry("values").or_insert_with(|| Value::Object(Default::default()));
        if let Some(vm) = vals.as_object_mut() {
            vm.insert(id.to_string(), v);
        }
    }
    r
}

fn number(d: Decimal) -> Value {
    serde_json::from_str(&exact(d).to_string()).unwrap_or(Value::Null)
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
    ((bound - v) * Decimal::from(dir) > Decimal::ZERO).then_some((dir, bound))
}

impl Scheme {
    /// For each indicator of `record`, the smallest change of its raw value (on the grid of
    /// the value's own decimals) that reaches `target` (default: the next better grade).
    pub fn whatif(&self, record: &Value, target: Option<&str>) -> Result<WhatIf, RecordError> {
        let card = self.score_value(record)?;
        let grades = &self.def.grades;
        let current = card.grade.as_ref().and_then(|g| grades.iter().position(|x| &x.id == g));
        let target_idx = match target {
            Some(t) => Some(grades.iter().position(|g| g.id == t).ok_or_else(|| RecordError {
                issues: vec![Issue::new(C::UnknownReference, "target", format!("no grade {t:?} in the scheme"))],
            })?),
            None => match current {
                Some(0) => None,
                Some(c) => Some(c - 1),
                None => None,
            },
        };
        let mut out = WhatIf {
            employee: card.employee.clone(),
            period: card.period.clone(),
            total: card.total,
            grade: card.grade.clone(),
            target: target_idx.and_then(|t| grades.get(t)).map(|g| g.id.clone()),
            answers: Vec::new(),
        };
        let Some(t) = target_idx else { return Ok(out) };
        let already = card.status == Status::Complete && current.is_some_and(|c| c <= t);
        let reaches = |rec: &Value| -> Option<(bool, Option<Decimal>, Option<String>)> {
            let c = self.score_value(rec).ok()?;
            let ok = c.status == Status::Complete
                && c.grade.as_ref().and_then(|g| grades.iter().position(|x| &x.id == g)).is_some_and(|g| g <= t);
            Some((ok, c.total, c.grade))
        };
        for (_, ind) in self.indicators() {
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
            if ind.raters.is_some() {
                a.note = Some("rated by several raters: no single value to change".into());
                out.answers.push(a);
                continue;
            }
            let Some(raw) = raw else {
                a.note = Some("no value in the record".into());
                out.answers.push(a);
                continue;
            };
            a.outcome = "unattainable";
            let mut found: Option<(Value, String)> = None;
            match &ind.rubric {
                Rubric::Scale { levels } => {
                    let now = levels.iter().find(|l| Some(l.key.as_str()) == raw.as_str()).map(|l| l.score);
                    let mut better: Vec<_> = levels.iter().filter(|l| now.is_none_or(|s| l.score > s)).collect();
                    better.sort_by_key(|l| l.score);
                    for l in better {
                        let v = Value::String(l.key.clone());
                        if reaches(&with_value(record, &ind.id, v.clone())).is_some_and(|r| r.0) {
                            found = Some((v, l.key.clone()));
                            break;
                        }
                    }
                }
                Rubric::PassFail { .. } => {
                    if raw == &Value::Bool(false)
                        && reaches(&with_value(record, &ind.id, Value::Bool(true))).is_some_and(|r| r.0)
                    {
                        found = Some((Value::Bool(true), "true".into()));
                    }
                }
                _ => {
                    let v = crate::json::decimal_of(raw).ok();
                    if let Some((v, dir, bound)) = v.and_then(|v| toward_best(ind, v).map(|(d, b)| (v, d, b))) {
                        let scale = exact(v).scale().max(exact(bound).scale());
                        let step = Decimal::new(1, scale);
                        let at = |k: Decimal| -> Decimal {
                            let x = v + Decimal::from(dir) * k * step;
                            if dir > 0 {
                                x.min(bound)
                            } else {
                                x.max(bound)
                            }
                        };
                        let n = ((bound - v).abs() / step).ceil();
                        if reaches(&with_value(record, &ind.id, number(at(n)))).is_some_and(|r| r.0) {
                            // smallest k in [1, n] that reaches
                            let (mut lo, mut hi) = (Decimal::ZERO, n);
                            while hi - lo > Decimal::ONE {
                                let mid = ((lo + hi) / Decimal::TWO).floor();
                                if reaches(&with_value(record, &ind.id, number(at(mid)))).is_some_and(|r| r.0) {
                                    hi = mid;
                                } else {
                                    lo = mid;
                                }
                            }
                            let x = at(hi);
                            found = Some((number(x), exact(x).to_string()));
                        }
                    } else {
                        a.note = Some("already at this indicator's best score".into());
                    }
                }
            }
            if let Some((v, text)) = found {
                if let Some((_, total, grade)) = reaches(&with_value(record, &ind.id, v)) {
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
