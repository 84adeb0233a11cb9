//! Categories, indicators and their rater groups, with the weight sums.

use super::*;

/// A category whose indicators may have failed.
pub(super) struct PartialCategory {
    pub(super) id: String,
    pub(super) name: Text,
    pub(super) weight: Decimal,
    pub(super) indicators: Vec<Option<Indicator>>,
    pub(super) pool: Option<Pool>,
}

impl PartialCategory {
    pub(super) fn finish(self) -> Option<Category> {
        Some(Category {
            id: self.id,
            name: self.name,
            weight: self.weight,
            indicators: self.indicators.into_iter().collect::<Option<Vec<_>>>()?,
            pool: self.pool,
        })
    }
}

pub(super) fn read_categories(r: &mut Reader, v: &Value) -> Option<Vec<Option<PartialCategory>>> {
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

pub(super) fn read_category(r: &mut Reader, v: &Value, p: &str) -> Option<PartialCategory> {
    let m = r.object2(v, p, &["id", "name", "weight", "indicators"], &["pool"])?;
    let id = req_id(r, m, p, "id");
    let name = r.required(m, p, "name").and_then(|v| read_text(r, v, &field(p, "name")));
    let w = weight(r, m, p);
    let pool = match Reader::optional(m, "pool") {
        None => Some(None),
        Some(v) => read_pool(r, v, &field(p, "pool")).map(Some),
    };
    let in_pool = r.v2 && m.get("pool").is_some_and(|x| !x.is_null());
    let ip = field(p, "indicators");
    let inds = r.required(m, p, "indicators").and_then(|v| r.array(v, &ip)).map(|a| {
        if a.is_empty() {
            r.push(C::InvalidValue, ip.clone(), "a category needs at least one indicator");
        }
        a.iter().enumerate().map(|(i, x)| read_indicator(r, x, &index(&ip, i), in_pool)).collect::<Vec<_>>()
    });
    // The sum is checked on the weights as written, also when an item has another error
    // (a bad rubric must not hide a weights_sum error: all problems at once, SPEC §6). A
    // pool's items have no weights (SPEC §8.3).
    if let Some(a) = m.get("indicators").and_then(Value::as_array).filter(|a| !a.is_empty() && !in_pool) {
        check_sum(r, &raw_weights(a), &ip, "indicator");
    }
    Some(PartialCategory { id: id?, name: name?, weight: w?, indicators: inds?, pool: pool? })
}

/// `pool` (SPEC §8.3): `{full = 100, floor = 0}`, 0 ≤ floor ≤ full ≤ 100.
fn read_pool(r: &mut Reader, v: &Value, p: &str) -> Option<Pool> {
    let m = r.object(v, p, &["full", "floor"])?;
    let full = opt_dec(r, m, p, "full")?.unwrap_or(Decimal::ONE_HUNDRED);
    let floor = opt_dec(r, m, p, "floor")?.unwrap_or(Decimal::ZERO);
    let mut ok = true;
    if full < Decimal::ZERO || full > hundred() {
        r.push(C::InvalidValue, field(p, "full"), format!("a pool's full is within [0, 100], found {}", exact(full)));
        ok = false;
    }
    if floor < Decimal::ZERO || floor > full {
        r.push(
            C::InvalidValue,
            field(p, "floor"),
            format!("a pool's floor is within [0, full = {}], found {}", exact(full), exact(floor)),
        );
        ok = false;
    }
    ok.then_some(Pool { full, floor })
}

pub(super) const INDICATOR_FIELDS: &[&str] = &[
    "id",
    "name",
    "kind",
    "unit",
    "source",
    "standard",
    "valid_range",
    "min_sample",
    "raters",
    "weight",
    "rubric",
    "shrinkage",
];

pub(super) fn read_indicator(r: &mut Reader, v: &Value, p: &str, in_pool: bool) -> Option<Indicator> {
    let m = r.object2(v, p, INDICATOR_FIELDS, &["applies_when"])?;
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
    let w = if in_pool {
        // A pool's items draw on its budget: no weights (SPEC §8.3).
        if m.contains_key("weight") {
            r.push(C::InvalidValue, field(p, "weight"), "an item of a deduction pool has no weight");
            None
        } else {
            Some(Decimal::ZERO)
        }
    } else {
        weight(r, m, p)
    };
    let rubric = r.required(m, p, "rubric").and_then(|v| read_rubric(r, v, &field(p, "rubric")));
    if in_pool {
        if let Some(rb) = &rubric {
            if !matches!(rb, Rubric::Deduction { .. }) {
                r.push(
                    C::InvalidRubric,
                    field(&field(p, "rubric"), "type"),
                    format!("an item of a deduction pool has a deduction rubric, not {}", rb.type_name()),
                );
            }
        }
    }
    let applies_when = match Reader::optional(m, "applies_when") {
        None => Some(None),
        Some(v) => read_applies_when(r, v, &field(p, "applies_when")).map(Some),
    };
    let min_sample = match Reader::optional(m, "min_sample") {
        None => Some(None),
        Some(v) => r.small_int(v, &field(p, "min_sample"), 0, crate::number::MAX_COUNT).map(Some),
    };
    let raters = match Reader::optional(m, "raters") {
        None => Some(None),
        Some(v) => read_raters(r, v, &field(p, "raters")).map(Some),
    };
    let shrinkage = match Reader::optional(m, "shrinkage") {
        None => Some(None),
        Some(v) => read_shrinkage(r, v, &field(p, "shrinkage"), rubric.as_ref(), m.contains_key("raters")).map(Some),
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
        rubric: rubric.filter(|rb| !in_pool || matches!(rb, Rubric::Deduction { .. }))?,
        applies_when: applies_when?,
        shrinkage: shrinkage?,
    })
}

/// `shrinkage` (issue 15): `{prior > 0, dp = 2}`, on a numeric single-value indicator.
fn read_shrinkage(
    r: &mut Reader,
    v: &Value,
    p: &str,
    rubric: Option<&Rubric>,
    raters: bool,
) -> Option<crate::scheme::Shrinkage> {
    let m = r.object(v, p, &["prior", "dp"])?;
    let prior = r.required(m, p, "prior").and_then(|x| r.decimal(x, &field(p, "prior")));
    let prior = prior.filter(|x| {
        let ok = *x > Decimal::ZERO;
        if !ok {
            r.push(C::InvalidValue, field(p, "prior"), "a shrinkage prior is a number of responses > 0");
        }
        ok
    });
    let dp = match Reader::optional(m, "dp") {
        None => Some(2),
        Some(x) => r.small_int(x, &field(p, "dp"), 0, 10).and_then(|d| u32::try_from(d).ok()),
    };
    if raters || rubric.is_some_and(|rb| !is_numeric(rb)) {
        r.push(
            C::InvalidValue,
            p,
            "shrinkage applies to an indicator with one numeric value (not ratings, levels or pass/fail)",
        );
        return None;
    }
    Some(crate::scheme::Shrinkage { prior: prior?, dp: dp? })
}

/// `applies_when` (SPEC §8.6): `{attribute, in: [strings]}`, `in` non-empty.
fn read_applies_when(r: &mut Reader, v: &Value, p: &str) -> Option<AppliesWhen> {
    let m = r.object(v, p, &["attribute", "in"])?;
    let attribute = req_id(r, m, p, "attribute");
    let ip = field(p, "in");
    let values = r.required(m, p, "in").and_then(|x| r.array(x, &ip)).and_then(|a| {
        if a.is_empty() {
            r.push(C::InvalidValue, ip.clone(), "applies_when.in needs at least one value");
            return None;
        }
        let vs: Vec<Option<String>> = a.iter().enumerate().map(|(i, x)| r.string(x, &index(&ip, i))).collect();
        vs.into_iter().collect::<Option<Vec<_>>>()
    });
    Some(AppliesWhen { attribute: attribute?, values: values? })
}

pub(super) fn read_raters(r: &mut Reader, v: &Value, p: &str) -> Option<Raters> {
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

pub(super) fn in_0_100(r: &mut Reader, d: Decimal, p: &str) -> bool {
    if d < Decimal::ZERO || d > hundred() {
        r.push(C::InvalidRubric, p, format!("a rubric score must be within [0, 100], found {}", exact(d)));
        return false;
    }
    true
}

pub(super) fn direction(r: &mut Reader, m: &Map<String, Value>, p: &str) -> Option<Direction> {
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
