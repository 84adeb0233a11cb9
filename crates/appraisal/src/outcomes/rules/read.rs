//! Reading and validating a rule set's JSON: every problem at once.

use super::*;
use crate::error::ErrorCode as C;
use crate::json::{field, index, Reader};
use crate::scheme::CmpOp;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;

pub(super) fn read_measure_cond(
    r: &mut Reader,
    m: &serde_json::Map<String, Value>,
    p: &str,
    measure: Measure,
) -> Option<Condition> {
    let op = r.required(m, p, "op").and_then(|o| r.string(o, &field(p, "op"))).and_then(|s| {
        let o = CmpOp::parse(&s);
        if o.is_none() {
            r.push(C::InvalidValue, field(p, "op"), format!("unknown operator {s:?}"));
        }
        o
    });
    let value = r.required(m, p, "value").and_then(|v| r.decimal(v, &field(p, "value")));
    Some(Condition::Score(measure, op?, value?))
}

pub(super) fn read_condition(r: &mut Reader, v: &Value, p: &str, grades: &[String], depth: usize) -> Option<Condition> {
    if depth > 32 {
        r.push(C::InvalidValue, p, "conditions nested too deeply");
        return None;
    }
    let Value::Object(m) = v else {
        r.push(C::InvalidType, p, "a condition is an object");
        return None;
    };
    let grade = |r: &mut Reader, x: &Value, q: &str| -> Option<String> {
        let g = r.id(x, q)?;
        if !grades.contains(&g) {
            r.push(C::UnknownReference, q, format!("no grade {g:?} in \"grades\""));
            return None;
        }
        Some(g)
    };
    let kind = [
        "grade_in",
        "grade_at_least",
        "grade_at_most",
        "total",
        "category",
        "indicator",
        "veto_fired",
        "last",
        "at_least",
        "all",
        "any",
        "not",
        "always",
    ]
    .into_iter()
    .find(|k| m.contains_key(*k));
    let allowed: &[&str] = match kind {
        Some("total") => &["total", "op", "value"],
        Some("category") => &["category", "op", "value"],
        Some("indicator") => &["indicator", "op", "value"],
        Some("last") => &["last", "all"],
        Some("at_least") => &["at_least", "of_last", "meet"],
        Some(k) => match k {
            "grade_in" => &["grade_in"],
            "grade_at_least" => &["grade_at_least"],
            "grade_at_most" => &["grade_at_most"],
            "veto_fired" => &["veto_fired"],
            "all" => &["all"],
            "any" => &["any"],
            "not" => &["not"],
            _ => &["always"],
        },
        None => {
            r.push(C::InvalidValue, p, "unknown condition; expected grade_in, grade_at_least, grade_at_most, total, category, indicator, veto_fired, last, at_least, all, any, not or always");
            return None;
        }
    };
    r.object(v, p, allowed)?;
    let k = kind.unwrap_or("always");
    let q = field(p, k);
    let x = m.get(k).unwrap_or(&Value::Null);
    match k {
        "grade_in" => {
            let a = r.array(x, &q)?;
            let gs: Vec<String> = a.iter().enumerate().filter_map(|(i, g)| grade(r, g, &index(&q, i))).collect();
            (gs.len() == a.len()).then_some(Condition::GradeIn(gs))
        }
        "grade_at_least" => grade(r, x, &q).map(Condition::GradeAtLeast),
        "grade_at_most" => grade(r, x, &q).map(Condition::GradeAtMost),
        "total" => {
            if x != &Value::Bool(true) {
                r.push(C::InvalidValue, q, "write {\"total\": true, \"op\": …, \"value\": …}");
                return None;
            }
            read_measure_cond(r, m, p, Measure::Total)
        }
        "category" => {
            let id = r.id(x, &q)?;
            read_measure_cond(r, m, p, Measure::Category(id))
        }
        "indicator" => {
            let id = r.id(x, &q)?;
            read_measure_cond(r, m, p, Measure::Indicator(id))
        }
        "veto_fired" => match x {
            Value::Bool(true) => Some(Condition::VetoFired(None)),
            Value::String(s) if !s.is_empty() => Some(Condition::VetoFired(Some(s.clone()))),
            _ => {
                r.push(C::InvalidValue, q, "veto_fired is true (any veto) or a veto id");
                None
            }
        },
        "last" => {
            let n = r.small_int(x, &q, 1, 1000);
            let inner = r
                .required(m, p, "all")
                .and_then(|c| read_condition(r, c, &field(p, "all"), grades, depth.saturating_add(1)));
            Some(Condition::Last(n? as usize, Box::new(inner?)))
        }
        "at_least" => {
            let n = r.small_int(x, &q, 1, 1000);
            let of = r.required(m, p, "of_last").and_then(|o| r.small_int(o, &field(p, "of_last"), 1, 1000));
            let inner = r
                .required(m, p, "meet")
                .and_then(|c| read_condition(r, c, &field(p, "meet"), grades, depth.saturating_add(1)));
            let (n, of) = (n?, of?);
            if n > of {
                r.push(C::InvalidRange, p, format!("at_least {n} of the last {of} can never hold"));
                return None;
            }
            Some(Condition::AtLeastOf(n as usize, of as usize, Box::new(inner?)))
        }
        "all" | "any" => {
            let a = r.array(x, &q)?;
            let cs: Vec<Condition> = a
                .iter()
                .enumerate()
                .filter_map(|(i, c)| read_condition(r, c, &index(&q, i), grades, depth.saturating_add(1)))
                .collect();
            if cs.len() != a.len() {
                return None;
            }
            Some(if k == "all" { Condition::All(cs) } else { Condition::Any(cs) })
        }
        "not" => read_condition(r, x, &q, grades, depth.saturating_add(1)).map(|c| Condition::Not(Box::new(c))),
        _ => {
            if x != &Value::Bool(true) {
                r.push(C::InvalidValue, q, "write {\"always\": true}");
                return None;
            }
            Some(Condition::Always)
        }
    }
}

pub(super) fn read_amount(r: &mut Reader, v: &Value, p: &str, matrices: &[String]) -> Option<Amount> {
    if let Value::Object(m) = v {
        r.object(v, p, &["matrix"])?;
        let id = r.required(m, p, "matrix").and_then(|x| r.id(x, &field(p, "matrix")))?;
        if !matrices.contains(&id) {
            r.push(C::UnknownReference, field(p, "matrix"), format!("no matrix {id:?}"));
            return None;
        }
        return Some(Amount::Matrix(id));
    }
    r.decimal(v, p).map(Amount::Fixed)
}

pub(super) fn read_rules(r: &mut Reader, v: &Value) -> Option<RuleSet> {
    let m = r.object(v, "", &["format", "id", "version", "name", "grades", "rules", "matrices"])?;
    if let Some(f) = r.required(m, "", "format").and_then(|f| r.string(f, "format")) {
        if f != RULES_FORMAT {
            r.push(C::UnsupportedFormat, "format", format!("format {f:?} is not supported; expected {RULES_FORMAT:?}"));
        }
    }
    let id = r.required(m, "", "id").and_then(|x| r.id(x, "id"));
    let version = r.required(m, "", "version").and_then(|x| r.id(x, "version"));
    let name = r.required(m, "", "name").and_then(|x| crate::scheme_read::read_text(r, x, "name"));
    let grades: Vec<String> = r
        .required(m, "", "grades")
        .and_then(|g| r.array(g, "grades"))
        .map(|a| a.iter().enumerate().filter_map(|(i, x)| r.id(x, &index("grades", i))).collect())
        .unwrap_or_default();
    // Matrices first: rules refer to them.
    let mut matrices = Vec::new();
    if let Some(a) = Reader::optional(m, "matrices").and_then(|x| r.array(x, "matrices")) {
        for (i, x) in a.iter().enumerate() {
            let p = index("matrices", i);
            let Some(mm) = r.object(x, &p, &["id", "dimension", "bands", "values"]) else { continue };
            let mid = r.required(mm, &p, "id").and_then(|x| r.id(x, &field(&p, "id")));
            let dim = r.required(mm, &p, "dimension").and_then(|x| r.id(x, &field(&p, "dimension")));
            let bp = field(&p, "bands");
            let mut bands = Vec::new();
            if let Some(ba) = r.required(mm, &p, "bands").and_then(|x| r.array(x, &bp)) {
                for (j, b) in ba.iter().enumerate() {
                    let q = index(&bp, j);
                    let Some(bm) = r.object(b, &q, &["id", "below"]) else { continue };
                    let bid = r.required(bm, &q, "id").and_then(|x| r.id(x, &field(&q, "id")));
                    let below = Reader::optional(bm, "below").and_then(|x| r.decimal(x, &field(&q, "below")));
                    let last = j.saturating_add(1) == ba.len();
                    if below.is_none() && !last {
                        r.push(C::MissingField, field(&q, "below"), "every band but the last has \"below\"");
                    }
                    if let Some(bid) = bid {
                        bands.push(MatrixBand { id: bid, below });
                    }
                }
                for (j, w) in bands.windows(2).enumerate() {
                    if let (Some(a), Some(b)) = (w[0].below, w[1].below) {
                        if b <= a {
                            r.push(
                                C::InvalidRange,
                                field(&index(&bp, j.saturating_add(1)), "below"),
                                "band bounds must increase",
                            );
                        }
                    }
                }
            }
            let vp = field(&p, "values");
            let mut values = BTreeMap::new();
            if let Some(vm) = r
                .required(mm, &p, "values")
                .and_then(|x| r.object(x, &vp, &grades.iter().map(String::as_str).collect::<Vec<_>>()))
            {
                for (g, row) in vm {
                    let q = field(&vp, g);
                    if let Some(ra) = r.array(row, &q) {
                        if ra.len() != bands.len() {
                            r.push(
                                C::InvalidValue,
                                q.clone(),
                                format!("{} values for {} bands", ra.len(), bands.len()),
                            );
                        }
                        let vals: Vec<Decimal> =
                            ra.iter().enumerate().filter_map(|(j, x)| r.decimal(x, &index(&q, j))).collect();
                        values.insert(g.clone(), vals);
                    }
                }
                for g in &grades {
                    if !vm.contains_key(g) {
                        r.push(C::MissingField, field(&vp, g), format!("no row for grade {g:?}"));
                    }
                }
            }
            if let (Some(mid), Some(dim)) = (mid, dim) {
                if matrices.iter().any(|x: &Matrix| x.id == mid) {
                    r.push(C::DuplicateId, field(&p, "id"), format!("matrix id {mid:?} is used more than once"));
                }
                matrices.push(Matrix { id: mid, dimension: dim, bands, values });
            }
        }
    }
    let matrix_ids: Vec<String> = matrices.iter().map(|x| x.id.clone()).collect();
    let mut rules = Vec::new();
    let mut seen_ids: Vec<String> = Vec::new();
    if let Some(a) = r.required(m, "", "rules").and_then(|x| r.array(x, "rules")) {
        for (i, x) in a.iter().enumerate() {
            let p = index("rules", i);
            let Some(rm) = r.object(x, &p, &["id", "name", "priority", "when", "then"]) else { continue };
            let rid = r.required(rm, &p, "id").and_then(|x| r.id(x, &field(&p, "id")));
            let name =
                Reader::optional(rm, "name").and_then(|x| crate::scheme_read::read_text(r, x, &field(&p, "name")));
            let priority = match Reader::optional(rm, "priority") {
                None => Some(100),
                Some(x) => r.decimal(x, &field(&p, "priority")).and_then(|d| {
                    let ok = d.fract().is_zero();
                    if !ok {
                        r.push(C::InvalidValue, field(&p, "priority"), "priority is a whole number");
                    }
                    ok.then(|| d.trunc().normalize().mantissa()).and_then(|m| i64::try_from(m).ok())
                }),
            };
            let when = r.required(rm, &p, "when").and_then(|c| read_condition(r, c, &field(&p, "when"), &grades, 0));
            let tp = field(&p, "then");
            let then = r.required(rm, &p, "then").and_then(|t| {
                let tm = r.object(t, &tp, &["bonus_coefficient", "salary_adjustment_pct", "position", "training"])?;
                let mut o = Outcome::default();
                if let Some(x) = Reader::optional(tm, "bonus_coefficient") {
                    o.bonus_coefficient = read_amount(r, x, &field(&tp, "bonus_coefficient"), &matrix_ids);
                }
                if let Some(x) = Reader::optional(tm, "salary_adjustment_pct") {
                    o.salary_adjustment_pct = read_amount(r, x, &field(&tp, "salary_adjustment_pct"), &matrix_ids);
                }
                if let Some(x) = Reader::optional(tm, "position") {
                    let q = field(&tp, "position");
                    if let Some(s) = r.string(x, &q) {
                        if POSITION_ACTIONS.contains(&s.as_str()) {
                            o.position = Some(s);
                        } else {
                            r.push(
                                C::InvalidValue,
                                q,
                                format!("unknown position action {s:?}; expected {}", POSITION_ACTIONS.join(", ")),
                            );
                        }
                    }
                }
                if let Some(x) = Reader::optional(tm, "training") {
                    let q = field(&tp, "training");
                    if let Some(a) = r.array(x, &q) {
                        o.training = a
                            .iter()
                            .enumerate()
                            .filter_map(|(j, t)| crate::scheme_read::read_text(r, t, &index(&q, j)))
                            .collect();
                    }
                }
                if tm.is_empty() {
                    r.push(C::InvalidValue, tp.clone(), "a rule needs at least one outcome");
                }
                Some(o)
            });
            if let Some(rid) = &rid {
                if seen_ids.contains(rid) {
                    r.push(C::DuplicateId, field(&p, "id"), format!("rule id {rid:?} is used more than once"));
                }
                seen_ids.push(rid.clone());
            }
            if let (Some(id), Some(priority), Some(when), Some(then)) = (rid, priority, when, then) {
                rules.push(Rule { id, name, priority, when, then });
            }
        }
    }
    if grades.is_empty() {
        r.push(C::InvalidValue, "grades", "at least one grade is needed");
    }
    Some(RuleSet { id: id?, version: version?, name: name?, grades, rules, matrices })
}
