//! Reading a scheme from JSON and checking it against SPEC §1–§6: every problem at once.

use crate::error::{ErrorCode as C, Issue, SchemeError};
use crate::json::{field, index, parse_text, shown, Reader};
use crate::number::{exact, limits, RoundingMode};
use crate::rubric::{is_numeric, BandStep, Direction, InputKind, Level, Rubric};
use crate::scheme::*;
use crate::text::Text;
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};

mod categories;
mod document;
mod items;
mod rubric;

use categories::*;
use document::*;
use items::*;
pub(crate) use rubric::read_rubric;

const SCHEME_FIELDS: &[&str] = &[
    "$schema",
    "format",
    "id",
    "version",
    "name",
    "roles",
    "period",
    "effective",
    "rounding",
    "missing",
    "categories",
    "adjustments",
    "vetoes",
    "total",
    "grades",
    "uncertainty",
];

/// Format 2's document fields (SPEC §8).
const SCHEME_FIELDS_2: &[&str] = &["weights", "rating"];

impl Scheme {
    /// Parses and validates scheme JSON text.
    pub fn from_json(text: &str) -> Result<Self, SchemeError> {
        if text.len() > limits::SCHEME_BYTES {
            return Err(SchemeError {
                issues: vec![Issue::new(
                    C::LimitExceeded,
                    "",
                    format!("a scheme may have at most {} bytes, this one has {}", limits::SCHEME_BYTES, text.len()),
                )],
            });
        }
        let v = parse_text(text).map_err(|i| SchemeError { issues: vec![i] })?;
        Self::from_value(&v)
    }

    /// Validates a scheme given as a JSON value (numbers exact).
    pub fn from_value(v: &Value) -> Result<Self, SchemeError> {
        let over = check_limits(v);
        if !over.is_empty() {
            return Err(SchemeError { issues: over });
        }
        let mut r = Reader::default();
        let def = read_scheme(&mut r, v);
        match def {
            Some(def) if r.issues.is_empty() => Ok(Scheme::assemble(def)),
            _ => Err(SchemeError { issues: r.issues }),
        }
    }
}

/// Size limits checked before anything else is read, so a huge document costs little.
fn check_limits(v: &Value) -> Vec<Issue> {
    let mut out = Vec::new();
    let len = |x: Option<&Value>| x.and_then(Value::as_array).map_or(0, Vec::len);
    let mut over = |path: String, n: usize, max: usize, what: &str| {
        if n > max {
            out.push(Issue::new(C::LimitExceeded, path, format!("at most {max} {what}, found {n}")));
        }
    };
    over("categories".into(), len(v.get("categories")), limits::CATEGORIES, "categories");
    for key in ["adjustments", "vetoes", "grades"] {
        over(key.into(), len(v.get(key)), limits::ITEMS, key);
    }
    let mut total: usize = 0;
    for (ci, c) in
        v.get("categories").and_then(Value::as_array).into_iter().flatten().enumerate().take(limits::CATEGORIES)
    {
        let inds = c.get("indicators").and_then(Value::as_array);
        total = total.saturating_add(inds.map_or(0, Vec::len));
        for (ii, ind) in inds.into_iter().flatten().enumerate().take(limits::INDICATORS) {
            let p = format!("categories[{ci}].indicators[{ii}]");
            let rubric = ind.get("rubric");
            for key in ["points", "steps", "levels"] {
                over(format!("{p}.rubric.{key}"), len(rubric.and_then(|r| r.get(key))), limits::RUBRIC_STEPS, key);
            }
            over(
                format!("{p}.raters.groups"),
                len(ind.get("raters").and_then(|r| r.get("groups"))),
                limits::RATER_GROUPS,
                "rater groups",
            );
        }
    }
    over("categories".into(), total, limits::INDICATORS, "indicators in all");
    out
}

fn hundred() -> Decimal {
    Decimal::ONE_HUNDRED
}

pub(crate) fn read_text(r: &mut Reader, v: &Value, path: &str) -> Option<Text> {
    match v {
        Value::String(s) => Some(Text::Plain(s.clone())),
        Value::Object(m) => {
            let mut out = BTreeMap::new();
            for (k, t) in m {
                if let Some(s) = r.string(t, &field(path, k)) {
                    out.insert(k.clone(), s);
                }
            }
            if out.is_empty() {
                r.push(C::InvalidValue, path, "a text map needs at least one language");
            }
            Some(Text::Lang(out))
        }
        other => {
            r.push(
                C::InvalidType,
                path,
                format!("expected a string or a language → text map, found {}", crate::json::type_name(other)),
            );
            None
        }
    }
}

fn opt_text(r: &mut Reader, m: &Map<String, Value>, path: &str, name: &str) -> Option<Text> {
    Reader::optional(m, name).and_then(|v| read_text(r, v, &field(path, name)))
}

fn req_dec(r: &mut Reader, m: &Map<String, Value>, path: &str, name: &str) -> Option<Decimal> {
    let v = r.required(m, path, name)?;
    r.decimal(v, &field(path, name))
}

fn opt_dec(r: &mut Reader, m: &Map<String, Value>, path: &str, name: &str) -> Option<Option<Decimal>> {
    match Reader::optional(m, name) {
        None => Some(None),
        Some(v) => r.decimal(v, &field(path, name)).map(Some),
    }
}

fn req_id(r: &mut Reader, m: &Map<String, Value>, path: &str, name: &str) -> Option<String> {
    let v = r.required(m, path, name)?;
    r.id(v, &field(path, name))
}

fn req_string(r: &mut Reader, m: &Map<String, Value>, path: &str, name: &str) -> Option<String> {
    let v = r.required(m, path, name)?;
    r.string(v, &field(path, name))
}

/// A weight: a decimal ≥ 0 (`negative_weight`).
fn weight(r: &mut Reader, m: &Map<String, Value>, path: &str) -> Option<Decimal> {
    let w = req_dec(r, m, path, "weight")?;
    if w.is_sign_negative() && !w.is_zero() {
        let what = if r.relative { "relative weights are >= 0" } else { "weights are percentages >= 0" };
        r.push(C::NegativeWeight, field(path, "weight"), format!("{what}, found {}", exact(w)));
        return None;
    }
    Some(w)
}

/// The `weight` of each item as written (`None` where it is not a number ≥ 0; that problem is
/// reported where the item is read).
fn raw_weights(items: &[Value]) -> Vec<Option<Decimal>> {
    items
        .iter()
        .map(|x| {
            x.get("weight")
                .and_then(|w| crate::json::decimal_of(w).ok())
                .filter(|d| !d.is_sign_negative() || d.is_zero())
        })
        .collect()
}

/// Percent weights sum to exactly 100; relative weights (SPEC §8.1) to more than 0.
fn check_sum(r: &mut Reader, weights: &[Option<Decimal>], path: &str, what: &str) {
    if weights.iter().any(Option::is_none) || weights.is_empty() {
        return;
    }
    let sum = crate::exact::X::sum(&weights.iter().flatten().map(crate::exact::X::from).collect::<Vec<_>>());
    if r.relative {
        if sum.is_zero() {
            r.push(C::WeightsSum, path, format!("relative {what} weights must not all be 0"));
        }
        return;
    }
    if sum != crate::exact::X::int(100) {
        let shown = sum.to_decimal().map_or_else(|| "a value beyond 28 digits".to_string(), |d| exact(d).to_string());
        r.push(C::WeightsSum, path, format!("{what} weights must sum to exactly 100, they sum to {shown}"));
    }
}

fn check_unique<'a>(r: &mut Reader, ids: impl Iterator<Item = (Option<&'a String>, String)>, what: &str) {
    let mut seen = HashSet::new();
    for (id, path) in ids {
        if let Some(id) = id {
            if !seen.insert(id.clone()) {
                r.push(C::DuplicateId, path, format!("{what} id {id:?} is used more than once"));
            }
        }
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        if s[r.clone()].bytes().all(|c| c.is_ascii_digit()) {
            s[r].parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    d >= 1 && d <= days
}
