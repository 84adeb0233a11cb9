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

const SCHEME_FIELDS: &[&str] = &[
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
];

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
        r.push(C::NegativeWeight, field(path, "weight"), format!("weights are percentages >= 0, found {}", exact(w)));
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

fn check_sum(r: &mut Reader, weights: &[Option<Decimal>], path: &str, what: &str) {
    if weights.iter().any(Option::is_none) || weights.is_empty() {
        return;
    }
    let sum = crate::exact::X::sum(&weights.iter().flatten().map(crate::exact::X::from).collect::<Vec<_>>());
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

fn read_scheme(r: &mut Reader, v: &Value) -> Option<SchemeDef> {
    let m = r.object(v, "", SCHEME_FIELDS)?;
    // format first: a document of another format is reported as such.
    if let Some(f) = r.required(m, "", "format") {
        if let Some(s) = r.string(f, "format") {
            if s != FORMAT {
                r.push(C::UnsupportedFormat, "format", format!("format {s:?} is not supported; expected {FORMAT:?}"));
            }
        }
    }
    let id = req_id(r, m, "", "id");
    let version = req_id(r, m, "", "version");
    let name = r.required(m, "", "name").and_then(|v| read_text(r, v, "name"));
    let roles = match Reader::optional(m, "roles") {
        None => Some(Vec::new()),
        Some(v) => r
            .array(v, "roles")
            .map(|a| a.iter().enumerate().filter_map(|(i, x)| r.id(x, &index("roles", i))).collect::<Vec<_>>()),
    };
    let period = r.required(m, "", "period").and_then(|v| r.string(v, "period")).and_then(|s| {
        let p = PeriodKind::parse(&s);
        if p.is_none() {
            r.push(
                C::InvalidValue,
                "period",
                format!("unknown period {s:?}; expected month, quarter, half_year or year"),
            );
        }
        p
    });
    let effective = r.required(m, "", "effective").and_then(|v| read_effective(r, v));
    let rounding = match Reader::optional(m, "rounding") {
        None => Some(Rounding::default()),
        Some(v) => read_rounding(r, v),
    };
    let missing = match Reader::optional(m, "missing") {
        None => Some(Missing::default()),
        Some(v) => read_missing(r, v),
    };
    let categories = r.required(m, "", "categories").and_then(|v| read_categories(r, v));
    let adjustments = match Reader::optional(m, "adjustments") {
        None => Some(Vec::new()),
        Some(v) => r.array(v, "adjustments").map(|a| {
            a.iter().enumerate().map(|(i, x)| read_adjustment(r, x, &index("adjustments", i))).collect::<Vec<_>>()
        }),
    };
    let grades = r.required(m, "", "grades").and_then(|v| read_grades(r, v, rounding.map(|x| x.dp)));
    let total = match Reader::optional(m, "total") {
        None => Some(TotalRule::default()),
        Some(v) => read_total(r, v, rounding.map(|x| x.dp)),
    };
    let vetoes = match Reader::optional(m, "vetoes") {
        None => Some(Vec::new()),
        Some(v) => r.array(v, "vetoes").map(|a| {
            a.iter()
                .enumerate()
                .map(|(i, x)| {
                    read_veto(r, x, &index("vetoes", i), m.get("categories"), categories.as_deref(), grades.as_deref())
                })
                .collect::<Vec<_>>()
        }),
    };
    // Unique ids, namespace by namespace, read from the document itself so that an item with
    // other problems still takes part.
    let raw_ids = |list: Option<&Value>, path: &str| -> Vec<(Option<String>, String)> {
        list.and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .enumerate()
                    .map(|(i, x)| {
                        (x.get("id").and_then(Value::as_str).map(str::to_string), field(&index(path, i), "id"))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let cats_raw = m.get("categories");
    let mut ind_ids = Vec::new();
    if let Some(a) = cats_raw.and_then(Value::as_array) {
        for (ci, c) in a.iter().enumerate() {
            ind_ids.extend(raw_ids(c.get("indicators"), &field(&index("categories", ci), "indicators")));
        }
    }
    for (ids, what) in [
        (raw_ids(cats_raw, "categories"), "category"),
        (ind_ids, "indicator"),
        (raw_ids(m.get("adjustments"), "adjustments"), "adjustment"),
        (raw_ids(m.get("vetoes"), "vetoes"), "veto"),
        (raw_ids(m.get("grades"), "grades"), "grade"),
    ] {
        check_unique(r, ids.iter().map(|(id, p)| (id.as_ref(), p.clone())), what);
    }
    let categories: Vec<Category> = categories?
        .into_iter()
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .map(|c| c.finish())
        .collect::<Option<Vec<_>>>()?;
    Some(SchemeDef {
        id: id?,
        version: version?,
        name: name?,
        roles: roles?,
        period: period?,
        effective: effective?,
        rounding: rounding?,
        missing: missing?,
        categories,
        adjustments: adjustments?.into_iter().collect::<Option<Vec<_>>>()?,
        vetoes: vetoes?.into_iter().collect::<Option<Vec<_>>>()?,
        total: total?,
        grades: grades?,
    })
}

fn read_effective(r: &mut Reader, v: &Value) -> Option<Effective> {
    let m = r.object(v, "effective", &["from", "until"])?;
    let date = |r: &mut Reader, v: &Value, p: &str| -> Option<String> {
        let s = r.string(v, p)?;
        if !is_iso_date(&s) {
            r.push(C::InvalidValue, p, format!("{s:?} is not an ISO date (YYYY-MM-DD)"));
            return None;
        }
        Some(s)
    };
    let from = r.required(m, "effective", "from").and_then(|v| date(r, v, "effective.from"));
    let until = match Reader::optional(m, "until") {
        None => Some(None),
        Some(v) => date(r, v, "effective.until").map(Some),
    };
    let (from, until) = (from?, until?);
    if let Some(u) = &until {
        if *u < from {
            r.push(C::InvalidRange, "effective", format!("effective.from {from} is after effective.until {u}"));
            return None;
        }
    }
    Some(Effective { from, until })
}

fn read_rounding(r: &mut Reader, v: &Value) -> Option<Rounding> {
    let m = r.object(v, "rounding", &["dp", "mode", "money_dp"])?;
    let dp = match Reader::optional(m, "dp") {
        None => Some(2),
        Some(v) => r.small_int(v, "rounding.dp", 0, 10).map(|x| x as u32),
    };
    let money_dp = match Reader::optional(m, "money_dp") {
        None => Some(2),
        Some(v) => r.small_int(v, "rounding.money_dp", 0, 10).map(|x| x as u32),
    };
    let mode = match Reader::optional(m, "mode") {
        None => Some(RoundingMode::HalfUp),
        Some(v) => r.string(v, "rounding.mode").and_then(|s| {
            let p = RoundingMode::parse(&s);
            if p.is_none() {
                r.push(
                    C::InvalidValue,
                    "rounding.mode",
                    format!("unknown rounding mode {s:?}; expected half_up, half_even or down"),
                );
            }
            p
        }),
    };
    Some(Rounding { dp: dp?, mode: mode?, money_dp: money_dp? })
}

fn read_missing(r: &mut Reader, v: &Value) -> Option<Missing> {
    let m = r.object(v, "missing", &["policy", "min_coverage"])?;
    let policy = match Reader::optional(m, "policy") {
        None => Some(MissingPolicy::Renormalize),
        Some(v) => r.string(v, "missing.policy").and_then(|s| {
            let p = MissingPolicy::parse(&s);
            if p.is_none() {
                r.push(
                    C::InvalidValue,
                    "missing.policy",
                    format!("unknown policy {s:?}; expected renormalize, zero or error"),
                );
            }
            p
        }),
    };
    let min_coverage = match opt_dec(r, m, "missing", "min_coverage")? {
        None => Decimal::ZERO,
        Some(d) if d < Decimal::ZERO || d > hundred() => {
            r.push(
                C::InvalidValue,
                "missing.min_coverage",
                format!("min_coverage is a percentage in [0, 100], found {}", exact(d)),
            );
            return None;
        }
        Some(d) => d,
    };
    Some(Missing { policy: policy?, min_coverage })
}

fn read_total(r: &mut Reader, v: &Value, dp: Option<u32>) -> Option<TotalRule> {
    let m = r.object(v, "total", &["ceiling", "adjustment_min", "adjustment_max"])?;
    let ceiling = match opt_dec(r, m, "total", "ceiling") {
        None => None,
        Some(None) => Some(hundred()),
        Some(Some(c)) => {
            if c <= Decimal::ZERO {
                r.push(C::InvalidValue, "total.ceiling", format!("ceiling must be > 0, found {}", exact(c)));
                None
            } else if dp.is_some_and(|dp| exact(c).scale() > dp) {
                r.push(
                    C::InvalidValue,
                    "total.ceiling",
                    format!("ceiling {} has more decimals than rounding.dp", exact(c)),
                );
                None
            } else {
                Some(c)
            }
        }
    };
    let lo = opt_dec(r, m, "total", "adjustment_min");
    let hi = opt_dec(r, m, "total", "adjustment_max");
    let (lo, hi) = (lo?, hi?);
    if let (Some(a), Some(b)) = (lo, hi) {
        if a > b {
            r.push(
                C::InvalidRange,
                "total",
                format!("adjustment_min {} exceeds adjustment_max {}", exact(a), exact(b)),
            );
            return None;
        }
    }
    Some(TotalRule { ceiling: ceiling?, adjustment_min: lo, adjustment_max: hi })
}

fn read_grades(r: &mut Reader, v: &Value, dp: Option<u32>) -> Option<Vec<Grade>> {
    let a = r.array(v, "grades")?;
    if a.is_empty() {
        r.push(C::InvalidValue, "grades", "at least one grade is needed");
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for (i, g) in a.iter().enumerate() {
        let p = index("grades", i);
        let Some(m) = r.object(g, &p, &["id", "name", "min"]) else {
            ok = false;
            continue;
        };
        let id = req_id(r, m, &p, "id");
        let name = opt_text(r, m, &p, "name");
        let min = req_dec(r, m, &p, "min");
        match (id, min) {
            (Some(id), Some(min)) => out.push(Grade { id, name, min }),
            _ => ok = false,
        }
    }
    if !ok {
        return None;
    }
    let _ = dp;
    for (i, w) in out.windows(2).enumerate() {
        if w[1].min >= w[0].min {
            r.push(
                C::GradesOrder,
                field(&index("grades", i.saturating_add(1)), "min"),
                format!(
                    "grades go best first with strictly decreasing min: {} after {}",
                    exact(w[1].min),
                    exact(w[0].min)
                ),
            );
        }
    }
    if let Some(last) = out.last() {
        if !last.min.is_zero() {
            r.push(
                C::GradesOrder,
                field(&index("grades", out.len().saturating_sub(1)), "min"),
                format!("the last grade's min must be 0, found {}", exact(last.min)),
            );
        }
    }
    Some(out)
}

/// A category whose indicators may have failed.
struct PartialCategory {
    id: String,
    name: Text,
    weight: Decimal,
    indicators: Vec<Option<Indicator>>,
}

impl PartialCategory {
    fn finish(self) -> Option<Category> {
        Some(Category {
            id: self.id,
            name: self.name,
            weight: self.weight,
            indicators: self.indicators.into_iter().collect::<Option<Vec<_>>>()?,
        })
    }
}

fn read_categories(r: &mut Reader, v: &Value) -> Option<Vec<Option<PartialCategory>>> {
    let a = r.array(v, "categories")?;
    if a.is_empty() {
        r.push(C::InvalidValue, "categories", "at least one category is needed");
        return None;
    }
    let cats: Vec<Option<PartialCategory>> =
        a.iter().enumerate().map(|(i, c)| read_category(r, c, &index("categories", i))).collect();
    check_sum(r, &raw_weights(a), "categories", "category");
    Some(cats)
}

fn read_category(r: &mut Reader, v: &Value, p: &str) -> Option<PartialCategory> {
    let m = r.object(v, p, &["id", "name", "weight", "indicators"])?;
    let id = req_id(r, m, p, "id");
    let name = r.required(m, p, "name").and_then(|v| read_text(r, v, &field(p, "name")));
    let w = weight(r, m, p);
    let ip = field(p, "indicators");
    let inds = r.required(m, p, "indicators").and_then(|v| r.array(v, &ip)).map(|a| {
        if a.is_empty() {
            r.push(C::InvalidValue, ip.clone(), "a category needs at least one indicator");
        }
        a.iter().enumerate().map(|(i, x)| read_indicator(r, x, &index(&ip, i))).collect::<Vec<_>>()
    });
    // The sum is checked on the weights as written, also when an item has another error
    // (a bad rubric must not hide a weights_sum error: all problems at once, SPEC §6).
    if let Some(a) = m.get("indicators").and_then(Value::as_array).filter(|a| !a.is_empty()) {
        check_sum(r, &raw_weights(a), &ip, "indicator");
    }
    Some(PartialCategory { id: id?, name: name?, weight: w?, indicators: inds? })
}

const INDICATOR_FIELDS: &[&str] =
    &["id", "name", "kind", "unit", "source", "standard", "valid_range", "min_sample", "raters", "weight", "rubric"];

fn read_indicator(r: &mut Reader, v: &Value, p: &str) -> Option<Indicator> {
    let m = r.object(v, p, INDICATOR_FIELDS)?;
    let id = req_id(r, m, p, "id");
    let name = r.required(m, p, "name").and_then(|v| read_text(r, v, &field(p, "name")));
    let kind = r.required(m, p, "kind").and_then(|v| r.string(v, &field(p, "kind"))).and_then(|s| match s.as_str() {
        "quantitative" => Some(IndicatorKind::Quantitative),
        "qualitative" => Some(IndicatorKind::Qualitative),
        _ => {
            r.push(
                C::InvalidValue,
                field(p, "kind"),
                format!("unknown kind {s:?}; expected quantitative or qualitative"),
            );
            None
        }
    });
    let unit = req_string(r, m, p, "unit");
    let source = req_string(r, m, p, "source");
    let standard = opt_text(r, m, p, "standard");
    let w = weight(r, m, p);
    let rubric = r.required(m, p, "rubric").and_then(|v| read_rubric(r, v, &field(p, "rubric")));
    let min_sample = match Reader::optional(m, "min_sample") {
        None => Some(None),
        Some(v) => r.small_int(v, &field(p, "min_sample"), 0, crate::number::MAX_COUNT).map(Some),
    };
    let raters = match Reader::optional(m, "raters") {
        None => Some(None),
        Some(v) => read_raters(r, v, &field(p, "raters")).map(Some),
    };
    let vrp = field(p, "valid_range");
    let valid_range = match Reader::optional(m, "valid_range") {
        None => Some(None),
        Some(v) => r.array(v, &vrp).and_then(|a| {
            if a.len() != 2 {
                r.push(C::InvalidValue, vrp.clone(), format!("valid_range is [min, max], found {} items", a.len()));
                return None;
            }
            let lo = r.decimal(&a[0], &index(&vrp, 0));
            let hi = r.decimal(&a[1], &index(&vrp, 1));
            let (lo, hi) = (lo?, hi?);
            if lo > hi {
                r.push(
                    C::InvalidRange,
                    vrp.clone(),
                    format!("valid_range min {} exceeds max {}", exact(lo), exact(hi)),
                );
                return None;
            }
            Some(Some((lo, hi)))
        }),
    };
    if let (Some(Some(_)), Some(rb)) = (&valid_range, &rubric) {
        if !is_numeric(rb) {
            r.push(
                C::InvalidRange,
                vrp.clone(),
                format!("valid_range applies only to numeric rubrics, not {}", rb.type_name()),
            );
            return None;
        }
    }
    Some(Indicator {
        id: id?,
        name: name?,
        kind: kind?,
        unit: unit?,
        source: source?,
        standard,
        valid_range: valid_range?,
        min_sample: min_sample?,
        raters: raters?,
        weight: w?,
        rubric: rubric?,
    })
}

fn read_raters(r: &mut Reader, v: &Value, p: &str) -> Option<Raters> {
    let m = r.object(v, p, &["groups", "trim"])?;
    let gp = field(p, "groups");
    let groups = r.required(m, p, "groups").and_then(|v| r.array(v, &gp)).and_then(|a| {
        if a.is_empty() {
            r.push(C::InvalidValue, gp.clone(), "at least one rater group is needed");
            return None;
        }
        // (id, group): the id is kept even when the group has another error, so that a
        // repeated id is reported with it (all problems at once).
        let read: Vec<(Option<String>, Option<RaterGroup>)> = a
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let q = index(&gp, i);
                let Some(m) = r.object(g, &q, &["id", "weight", "min_raters"]) else { return (None, None) };
                let id = req_id(r, m, &q, "id");
                let w = weight(r, m, &q);
                let min_raters = match Reader::optional(m, "min_raters") {
                    None => Some(1),
                    Some(v) => r.small_int(v, &field(&q, "min_raters"), 1, 10_000),
                };
                let group = match (&id, w, min_raters) {
                    (Some(id), Some(weight), Some(min_raters)) => {
                        Some(RaterGroup { id: id.clone(), weight, min_raters })
                    }
                    _ => None,
                };
                (id, group)
            })
            .collect();
        check_unique(
            r,
            read.iter().enumerate().map(|(i, (id, _))| (id.as_ref(), field(&index(&gp, i), "id"))),
            "rater group",
        );
        let gs: Vec<Option<RaterGroup>> = read.into_iter().map(|(_, g)| g).collect();
        check_sum(r, &raw_weights(a), &gp, "rater group");
        gs.into_iter().collect::<Option<Vec<_>>>()
    });
    let trim = match Reader::optional(m, "trim") {
        None => Some(0),
        Some(v) => r.small_int(v, &field(p, "trim"), 0, 10_000),
    };
    Some(Raters { groups: groups?, trim: trim? })
}

fn in_0_100(r: &mut Reader, d: Decimal, p: &str) -> bool {
    if d < Decimal::ZERO || d > hundred() {
        r.push(C::InvalidRubric, p, format!("a rubric score must be within [0, 100], found {}", exact(d)));
        return false;
    }
    true
}

fn direction(r: &mut Reader, m: &Map<String, Value>, p: &str) -> Option<Direction> {
    let s = req_string(r, m, p, "direction")?;
    let d = Direction::parse(&s);
    if d.is_none() {
        r.push(
            C::InvalidRubric,
            field(p, "direction"),
            format!("unknown direction {s:?}; expected higher_better or lower_better"),
        );
    }
    d
}

pub(crate) fn read_rubric(r: &mut Reader, v: &Value, p: &str) -> Option<Rubric> {
    let Value::Object(m0) = v else {
        r.push(C::InvalidType, p, format!("expected a rubric object, found {}", crate::json::type_name(v)));
        return None;
    };
    let ty = r.required(m0, p, "type").and_then(|t| r.string(t, &field(p, "type")))?;
    match ty.as_str() {
        "piecewise" => {
            let m = r.object(v, p, &["type", "points"])?;
            let pp = field(p, "points");
            let a = r.required(m, p, "points").and_then(|x| r.array(x, &pp))?;
            let mut pts = Vec::new();
            let mut ok = true;
            for (i, pt) in a.iter().enumerate() {
                let q = index(&pp, i);
                let Some(xy) = r.array(pt, &q) else {
                    ok = false;
                    continue;
                };
                if xy.len() != 2 {
                    r.push(C::InvalidRubric, q, format!("a point is [x, y], found {} items", xy.len()));
                    ok = false;
                    continue;
                }
                let x = r.decimal(&xy[0], &index(&q, 0));
                let y = r.decimal(&xy[1], &index(&q, 1));
                match (x, y) {
                    (Some(x), Some(y)) => {
                        if !in_0_100(r, y, &index(&q, 1)) {
                            ok = false;
                        }
                        pts.push((x, y));
                    }
                    _ => ok = false,
                }
            }
            if !ok {
                return None;
            }
            if pts.len() < 2 {
                r.push(C::InvalidRubric, pp, format!("piecewise needs at least 2 points, found {}", pts.len()));
                return None;
            }
            for (i, w) in pts.windows(2).enumerate() {
                if w[1].0 <= w[0].0 {
                    r.push(
                        C::InvalidRubric,
                        index(&pp, i.saturating_add(1)),
                        format!("x must increase strictly: {} after {}", exact(w[1].0), exact(w[0].0)),
                    );
                    ok = false;
                }
            }
            // y: non-decreasing, non-increasing, or up to one peak then down.
            let mut descending = false;
            for (i, w) in pts.windows(2).enumerate() {
                if w[1].1 < w[0].1 {
                    descending = true;
                } else if w[1].1 > w[0].1 && descending {
                    r.push(
                        C::InvalidRubric,
                        index(&pp, i.saturating_add(1)),
                        "scores must be monotone or single-peaked (rise, then fall); this point rises again",
                    );
                    ok = false;
                    break;
                }
            }
            ok.then_some(Rubric::Piecewise { points: pts })
        }
        "linear" => {
            let m = r.object(v, p, &["type", "zero_at", "full_at"])?;
            let z = req_dec(r, m, p, "zero_at");
            let f = req_dec(r, m, p, "full_at");
            let (z, f) = (z?, f?);
            if z == f {
                r.push(C::InvalidRubric, p, format!("zero_at and full_at must differ, both are {}", exact(z)));
                return None;
            }
            Some(Rubric::Linear { zero_at: z, full_at: f })
        }
        "bands" => {
            let m = r.object(v, p, &["type", "direction", "steps", "otherwise"])?;
            let dir = direction(r, m, p);
            let otherwise = req_dec(r, m, p, "otherwise");
            let sp = field(p, "steps");
            let a = r.required(m, p, "steps").and_then(|x| r.array(x, &sp));
            let dir = dir?;
            let key = if dir == Direction::HigherBetter { "at_least" } else { "at_most" };
            let wrong = if dir == Direction::HigherBetter { "at_most" } else { "at_least" };
            let a = a?;
            if a.is_empty() {
                r.push(C::InvalidRubric, sp.clone(), "bands need at least one step");
                return None;
            }
            let mut steps = Vec::new();
            let mut ok = true;
            for (i, s) in a.iter().enumerate() {
                let q = index(&sp, i);
                let Some(sm) = r.object(s, &q, &["at_least", "at_most", "score"]) else {
                    ok = false;
                    continue;
                };
                if sm.contains_key(wrong) {
                    r.push(
                        C::InvalidRubric,
                        field(&q, wrong),
                        format!("a {} step uses {key:?}, not {wrong:?}", dir.as_str()),
                    );
                    ok = false;
                    continue;
                }
                let b = req_dec(r, sm, &q, key);
                let sc = req_dec(r, sm, &q, "score");
                match (b, sc) {
                    (Some(b), Some(sc)) => {
                        ok &= in_0_100(r, sc, &field(&q, "score"));
                        steps.push(BandStep { bound: b, score: sc });
                    }
                    _ => ok = false,
                }
            }
            let otherwise = otherwise?;
            ok &= in_0_100(r, otherwise, &field(p, "otherwise"));
            if !ok {
                return None;
            }
            for (i, w) in steps.windows(2).enumerate() {
                let q = index(&sp, i.saturating_add(1));
                let ordered =
                    if dir == Direction::HigherBetter { w[1].bound < w[0].bound } else { w[1].bound > w[0].bound };
                if !ordered {
                    let how = if dir == Direction::HigherBetter { "decrease" } else { "increase" };
                    r.push(C::InvalidRubric, field(&q, key), format!("{key} must {how} strictly down the list"));
                    ok = false;
                }
                if w[1].score > w[0].score {
                    r.push(C::InvalidRubric, field(&q, "score"), "scores must not increase down the list");
                    ok = false;
                }
            }
            if let Some(last) = steps.last() {
                if otherwise > last.score {
                    r.push(C::InvalidRubric, field(p, "otherwise"), "otherwise must not exceed the last step's score");
                    ok = false;
                }
            }
            ok.then_some(Rubric::Bands { direction: dir, steps, otherwise })
        }
        "deduction" => {
            let m = r.object(v, p, &["type", "per_unit", "full", "free_units", "floor"])?;
            let per_unit = req_dec(r, m, p, "per_unit");
            let full = opt_dec(r, m, p, "full");
            let free = opt_dec(r, m, p, "free_units");
            let floor = opt_dec(r, m, p, "floor");
            let (per_unit, full, free, floor) =
                (per_unit?, full?.unwrap_or(hundred()), free?.unwrap_or_default(), floor?.unwrap_or_default());
            let mut ok = true;
            if per_unit <= Decimal::ZERO {
                r.push(
                    C::InvalidRubric,
                    field(p, "per_unit"),
                    format!("per_unit must be > 0, found {}", exact(per_unit)),
                );
                ok = false;
            }
            if free < Decimal::ZERO {
                r.push(
                    C::InvalidRubric,
                    field(p, "free_units"),
                    format!("free_units must be >= 0, found {}", exact(free)),
                );
                ok = false;
            }
            if !(Decimal::ZERO <= floor && floor <= full && full <= hundred()) {
                r.push(
                    C::InvalidRubric,
                    p,
                    format!("need 0 <= floor <= full <= 100, found floor {} and full {}", exact(floor), exact(full)),
                );
                ok = false;
            }
            ok.then_some(Rubric::Deduction { per_unit, full, free_units: free, floor })
        }
        "ratio" => {
            let m = r.object(v, p, &["type", "target", "direction"])?;
            let target = req_dec(r, m, p, "target");
            let dir = direction(r, m, p);
            let target = target?;
            if target <= Decimal::ZERO {
                r.push(C::InvalidRubric, field(p, "target"), format!("target must be > 0, found {}", exact(target)));
                return None;
            }
            Some(Rubric::Ratio { target, direction: dir? })
        }
        "scale" => {
            let m = r.object(v, p, &["type", "levels"])?;
            let lp = field(p, "levels");
            let a = r.required(m, p, "levels").and_then(|x| r.array(x, &lp))?;
            let mut levels = Vec::new();
            let mut ok = true;
            for (i, l) in a.iter().enumerate() {
                let q = index(&lp, i);
                let Some(lm) = r.object(l, &q, &["key", "label", "description", "score"]) else {
                    ok = false;
                    continue;
                };
                let key = req_id(r, lm, &q, "key");
                let label = opt_text(r, lm, &q, "label");
                let description = opt_text(r, lm, &q, "description");
                let score = req_dec(r, lm, &q, "score");
                match (key, score) {
                    (Some(key), Some(score)) => {
                        ok &= in_0_100(r, score, &field(&q, "score"));
                        if levels.iter().any(|x: &Level| x.key == key) {
                            r.push(
                                C::InvalidRubric,
                                field(&q, "key"),
                                format!("level key {key:?} is used more than once"),
                            );
                            ok = false;
                        }
                        levels.push(Level { key, label, description, score });
                    }
                    _ => ok = false,
                }
            }
            if ok && levels.len() < 2 {
                r.push(C::InvalidRubric, lp, format!("a scale needs at least 2 levels, found {}", levels.len()));
                return None;
            }
            ok.then_some(Rubric::Scale { levels })
        }
        "pass_fail" => {
            let m = r.object(v, p, &["type", "pass", "fail"])?;
            let pass = opt_dec(r, m, p, "pass");
            let fail = opt_dec(r, m, p, "fail");
            let (pass, fail) = (pass?.unwrap_or(hundred()), fail?.unwrap_or_default());
            let mut ok = in_0_100(r, pass, &field(p, "pass"));
            ok &= in_0_100(r, fail, &field(p, "fail"));
            if ok && pass < fail {
                r.push(C::InvalidRubric, p, format!("pass ({}) must be >= fail ({})", exact(pass), exact(fail)));
                ok = false;
            }
            ok.then_some(Rubric::PassFail { pass, fail })
        }
        "direct" => {
            r.object(v, p, &["type"])?;
            Some(Rubric::Direct)
        }
        other => {
            r.push(
                C::InvalidRubric,
                field(p, "type"),
                format!("unknown rubric type {other:?}; expected piecewise, linear, bands, deduction, ratio, scale, pass_fail or direct"),
            );
            None
        }
    }
}

fn read_adjustment(r: &mut Reader, v: &Value, p: &str) -> Option<Adjustment> {
    let m = r.object(v, p, &["id", "name", "event", "points_per_unit", "cap"])?;
    let id = req_id(r, m, p, "id");
    let name = opt_text(r, m, p, "name");
    let event = req_id(r, m, p, "event");
    let ppu = req_dec(r, m, p, "points_per_unit");
    let cap = opt_dec(r, m, p, "cap")?;
    if let Some(c) = cap {
        if c < Decimal::ZERO {
            r.push(C::InvalidValue, field(p, "cap"), format!("cap must be >= 0, found {}", exact(c)));
            return None;
        }
    }
    Some(Adjustment { id: id?, name, event: event?, points_per_unit: ppu?, cap })
}

/// Finds an indicator by id: `None` when the document has no such id; `Some(None)` when it has
/// one whose definition failed (its problems are reported already).
fn resolve_indicator<'a>(
    raw: Option<&Value>,
    cats: Option<&'a [Option<PartialCategory>]>,
    id: &str,
) -> Option<Option<&'a Indicator>> {
    let a = raw?.as_array()?;
    for (ci, c) in a.iter().enumerate() {
        let Some(inds) = c.get("indicators").and_then(Value::as_array) else { continue };
        for (ii, i) in inds.iter().enumerate() {
            if i.get("id").and_then(Value::as_str) == Some(id) {
                let cat = cats.and_then(|cs| cs.get(ci)).and_then(Option::as_ref);
                return Some(cat.and_then(|c| c.indicators.get(ii)).and_then(Option::as_ref));
            }
        }
    }
    None
}

fn read_veto(
    r: &mut Reader,
    v: &Value,
    p: &str,
    raw_categories: Option<&Value>,
    cats: Option<&[Option<PartialCategory>]>,
    grades: Option<&[Grade]>,
) -> Option<Veto> {
    let m = r.object(v, p, &["id", "name", "when", "effect"])?;
    let id = req_id(r, m, p, "id");
    let name = opt_text(r, m, p, "name");
    let wp = field(p, "when");
    let when = r.required(m, p, "when").and_then(|w| {
        let wm = r.object(w, &wp, &["event", "at_least", "indicator", "op", "value"])?;
        if wm.contains_key("event") {
            for bad in ["indicator", "op", "value"] {
                if wm.contains_key(bad) {
                    r.push(C::UnknownField, field(&wp, bad), format!("an event condition has no {bad:?}"));
                }
            }
            let event = req_id(r, wm, &wp, "event");
            let at_least = match Reader::optional(wm, "at_least") {
                None => Some(1),
                Some(x) => r.small_int(x, &field(&wp, "at_least"), 1, crate::number::MAX_COUNT),
            };
            return Some(VetoWhen::Event { event: event?, at_least: at_least? });
        }
        if wm.contains_key("at_least") {
            r.push(C::UnknownField, field(&wp, "at_least"), "an indicator condition has no \"at_least\"");
        }
        let ind = req_id(r, wm, &wp, "indicator");
        let op = req_string(r, wm, &wp, "op").and_then(|s| {
            let o = CmpOp::parse(&s);
            if o.is_none() {
                r.push(
                    C::InvalidValue,
                    field(&wp, "op"),
                    format!("unknown operator {s:?}; expected <, <=, >, >=, == or !="),
                );
            }
            o
        });
        let raw = r.required(wm, &wp, "value");
        let (ind, op, raw) = (ind?, op?, raw?);
        // Resolve the indicator to know what the value must be.
        // Without readable categories there is nothing to resolve against (already reported).
        cats?;
        let Some(found) = resolve_indicator(raw_categories, cats, &ind) else {
            r.push(C::UnknownReference, field(&wp, "indicator"), format!("no indicator {ind:?} in this scheme"));
            return None;
        };
        // Present but itself invalid (already reported): nothing more to check here.
        let found = found?;
        if found.raters.is_some() {
            r.push(
                C::InvalidValue,
                field(&wp, "indicator"),
                format!("indicator {ind:?} has several raters; a veto cannot test its raw value"),
            );
            return None;
        }
        let vp = field(&wp, "value");
        let value = match found.rubric.input_kind() {
            InputKind::Number => VetoValue::Number(r.decimal(raw, &vp)?),
            kind => {
                if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    r.push(
                        C::InvalidValue,
                        field(&wp, "op"),
                        format!("only == and != apply to a {} indicator", found.rubric.type_name()),
                    );
                    return None;
                }
                if kind == InputKind::Key {
                    let Value::String(k) = raw else {
                        r.push(C::InvalidType, vp, format!("expected a level key string, found {}", shown(raw)));
                        return None;
                    };
                    if let Rubric::Scale { levels } = &found.rubric {
                        if !levels.iter().any(|l| &l.key == k) {
                            r.push(C::UnknownReference, vp, format!("no level {k:?} in indicator {ind:?}"));
                            return None;
                        }
                    }
                    VetoValue::Key(k.clone())
                } else {
                    VetoValue::Bool(r.boolean(raw, &vp)?)
                }
            }
        };
        Some(VetoWhen::Indicator { indicator: ind, op, value })
    });
    let ep = field(p, "effect");
    let effect = r.required(m, p, "effect").and_then(|e| {
        let em = r.object(e, &ep, &["type", "grade", "category"])?;
        let ty = req_string(r, em, &ep, "type")?;
        match ty.as_str() {
            "zero_total" => {
                for bad in ["grade", "category"] {
                    if em.contains_key(bad) {
                        r.push(C::UnknownField, field(&ep, bad), format!("a zero_total effect has no {bad:?}"));
                    }
                }
                Some(VetoEffect::ZeroTotal)
            }
            "cap_grade" => {
                if em.contains_key("category") {
                    r.push(C::UnknownField, field(&ep, "category"), "a cap_grade effect has no \"category\"");
                }
                let g = req_id(r, em, &ep, "grade")?;
                if let Some(gs) = grades {
                    if !gs.iter().any(|x| x.id == g) {
                        r.push(C::UnknownReference, field(&ep, "grade"), format!("no grade {g:?} in this scheme"));
                        return None;
                    }
                }
                Some(VetoEffect::CapGrade(g))
            }
            "zero_category" => {
                if em.contains_key("grade") {
                    r.push(C::UnknownField, field(&ep, "grade"), "a zero_category effect has no \"grade\"");
                }
                let c = req_id(r, em, &ep, "category")?;
                if cats.is_some() {
                    let named = raw_categories
                        .and_then(Value::as_array)
                        .is_some_and(|a| a.iter().any(|x| x.get("id").and_then(Value::as_str) == Some(c.as_str())));
                    if !named {
                        r.push(
                            C::UnknownReference,
                            field(&ep, "category"),
                            format!("no category {c:?} in this scheme"),
                        );
                        return None;
                    }
                }
                Some(VetoEffect::ZeroCategory(c))
            }
            other => {
                r.push(
                    C::InvalidValue,
                    field(&ep, "type"),
                    format!("unknown veto effect {other:?}; expected zero_total, cap_grade or zero_category"),
                );
                None
            }
        }
    });
    Some(Veto { id: id?, name, when: when?, effect: effect? })
}
