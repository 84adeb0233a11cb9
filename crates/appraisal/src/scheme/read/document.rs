//! The document: identity, effective dates, rounding, missing data, total, grades.

use super::*;

pub(super) fn read_scheme(r: &mut Reader, v: &Value) -> Option<SchemeDef> {
    // format first: it decides which fields the document may have (SPEC §8).
    let format = v.get("format").and_then(Value::as_str).and_then(Format::parse);
    r.v2 = format == Some(Format::V2);
    let m = r.object2(v, "", SCHEME_FIELDS, SCHEME_FIELDS_2)?;
    if let Some(f) = r.required(m, "", "format") {
        if let Some(s) = r.string(f, "format") {
            if format.is_none() {
                r.push(
                    C::UnsupportedFormat,
                    "format",
                    format!("format {s:?} is not supported; expected \"appraisal-scheme/1\" or \"appraisal-scheme/2\""),
                );
            }
        }
    }
    let weights = match Reader::optional(m, "weights") {
        None => Some(WeightMode::Percent),
        Some(v) => r.string(v, "weights").and_then(|s| {
            let w = WeightMode::parse(&s);
            if w.is_none() {
                r.push(C::InvalidValue, "weights", format!("unknown weights {s:?}; expected percent or relative"));
            }
            w
        }),
    };
    r.relative = weights == Some(WeightMode::Relative);
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
    let uncertainty = match Reader::optional(m, "uncertainty") {
        None => Some(None),
        Some(v) => read_uncertainty(r, v).map(Some),
    };
    let rating = match Reader::optional(m, "rating") {
        None => Some(None),
        Some(v) => read_rating(r, v).map(Some),
    };
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
        uncertainty: uncertainty?,
        format: format?,
        weights: weights?,
        rating: rating?,
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

pub(super) fn read_effective(r: &mut Reader, v: &Value) -> Option<Effective> {
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

pub(super) fn read_rounding(r: &mut Reader, v: &Value) -> Option<Rounding> {
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

pub(super) fn read_missing(r: &mut Reader, v: &Value) -> Option<Missing> {
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

pub(super) fn read_total(r: &mut Reader, v: &Value, dp: Option<u32>) -> Option<TotalRule> {
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

pub(super) fn read_grades(r: &mut Reader, v: &Value, dp: Option<u32>) -> Option<Vec<Grade>> {
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

/// `rating` (SPEC §8.2): `{points: [[x, y], ...], dp?}`, x strictly increasing, y non-decreasing.
pub(super) fn read_rating(r: &mut Reader, v: &Value) -> Option<RatingMap> {
    let m = r.object(v, "rating", &["points", "dp"])?;
    let dp = match Reader::optional(m, "dp") {
        None => Some(None),
        Some(v) => r.small_int(v, "rating.dp", 0, 10).map(|x| Some(x as u32)),
    };
    let a = r.required(m, "rating", "points").and_then(|x| r.array(x, "rating.points"))?;
    let pts = super::rubric::read_points(r, a, "rating.points", C::InvalidValue, |_, _, _, _| true)?;
    if pts.len() < 2 {
        r.push(C::InvalidValue, "rating.points", format!("a rating map needs at least 2 points, found {}", pts.len()));
        return None;
    }
    let mut ok = true;
    for (i, w) in pts.windows(2).enumerate() {
        let q = index("rating.points", i.saturating_add(1));
        if w[1].0 <= w[0].0 {
            r.push(
                C::InvalidValue,
                index(&q, 0),
                format!("totals must increase strictly: {} after {}", exact(w[1].0), exact(w[0].0)),
            );
            ok = false;
        }
        if w[1].1 < w[0].1 {
            r.push(
                C::InvalidValue,
                index(&q, 1),
                format!("ratings must not decrease: {} after {}", exact(w[1].1), exact(w[0].1)),
            );
            ok = false;
        }
    }
    ok.then_some(RatingMap { points: pts, dp: dp? })
}

/// `uncertainty` (issue 15): `{confidence = 0.95, dp = 4}`.
fn read_uncertainty(r: &mut Reader, v: &Value) -> Option<crate::scheme::UncertaintyRule> {
    let m = r.object(v, "uncertainty", &["confidence", "dp"])?;
    let confidence = match Reader::optional(m, "confidence") {
        None => Some(Decimal::new(95, 2)),
        Some(x) => r.decimal(x, "uncertainty.confidence").filter(|c| {
            let ok = crate::calibration::sessions::z_value(*c).is_some();
            if !ok {
                r.push(
                    C::InvalidValue,
                    "uncertainty.confidence",
                    "confidence must be one of 0.80, 0.90, 0.95, 0.98, 0.99",
                );
            }
            ok
        }),
    };
    let dp = match Reader::optional(m, "dp") {
        None => Some(4),
        Some(x) => r.small_int(x, "uncertainty.dp", 0, 12).and_then(|d| u32::try_from(d).ok()),
    };
    Some(crate::scheme::UncertaintyRule { confidence: confidence?, dp: dp? })
}
