//! Rubrics: every rule of SPEC §3 checked, every problem reported.

use super::*;

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
            let pts = read_points(r, a, &pp, C::InvalidRubric, |r, _, y, q| in_0_100(r, y, &index(q, 1)))?;
            if pts.len() < 2 {
                r.push(C::InvalidRubric, pp, format!("piecewise needs at least 2 points, found {}", pts.len()));
                return None;
            }
            let mut ok = true;
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
            let higher = dir == Direction::HigherBetter;
            // (inclusive, strict) keys of this direction, and the other direction's.
            let (key, strict_key) = if higher { ("at_least", "above") } else { ("at_most", "below") };
            let wrong: &[&str] = if higher { &["at_most", "below"] } else { &["at_least", "above"] };
            let a = a?;
            if a.is_empty() {
                r.push(C::InvalidRubric, sp.clone(), "bands need at least one step");
                return None;
            }
            let mut steps = Vec::new();
            let mut ok = true;
            for (i, s) in a.iter().enumerate() {
                let q = index(&sp, i);
                let Some(sm) = r.object2(s, &q, &["at_least", "at_most", "score"], &["above", "below"]) else {
                    ok = false;
                    continue;
                };
                if !r.v2 && (sm.contains_key("above") || sm.contains_key("below")) {
                    // A format-2 field in format 1: reported at that field (unknown_field) only.
                    ok = false;
                    continue;
                }
                if let Some(w) = wrong.iter().find(|w| sm.contains_key(**w)) {
                    r.push(
                        C::InvalidRubric,
                        field(&q, w),
                        format!(
                            "a {} step uses {key:?}{}, not {w:?}",
                            dir.as_str(),
                            if r.v2 { format!(" or {strict_key:?}") } else { String::new() }
                        ),
                    );
                    ok = false;
                    continue;
                }
                let strict = r.v2 && sm.contains_key(strict_key);
                if strict && sm.contains_key(key) {
                    r.push(
                        C::InvalidRubric,
                        field(&q, strict_key),
                        format!("a step has {key:?} or {strict_key:?}, not both"),
                    );
                    ok = false;
                    continue;
                }
                let b = req_dec(r, sm, &q, if strict { strict_key } else { key });
                let sc = req_dec(r, sm, &q, "score");
                match (b, sc) {
                    (Some(b), Some(sc)) => {
                        ok &= in_0_100(r, sc, &field(&q, "score"));
                        steps.push(BandStep { bound: b, score: sc, strict });
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
                // Each step down the list accepts strictly more values (SPEC §8.4): a further
                // bound, or the same bound made inclusive after a strict one.
                let further = if higher { w[1].bound < w[0].bound } else { w[1].bound > w[0].bound };
                let ordered = further || (w[1].bound == w[0].bound && w[0].strict && !w[1].strict);
                if !ordered {
                    let how = if higher { "decrease" } else { "increase" };
                    let k = if w[1].strict { strict_key } else { key };
                    let msg = if r.v2 {
                        format!("each step must accept more values than the one before: bounds {how} strictly down the list (\"{strict_key} x\" may be followed by \"{key} x\")")
                    } else {
                        format!("{key} must {how} strictly down the list")
                    };
                    r.push(C::InvalidRubric, field(&q, k), msg);
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

/// `[[x, y], ...]` as written (a piecewise rubric's points, a rating map's): each point an
/// array of two decimals (`code` at the point otherwise), each then passed to `check` (false:
/// a problem it reported); `None` when any point failed, after reading them all.
pub(super) fn read_points(
    r: &mut Reader,
    a: &[Value],
    pp: &str,
    code: C,
    mut check: impl FnMut(&mut Reader, Decimal, Decimal, &str) -> bool,
) -> Option<Vec<(Decimal, Decimal)>> {
    let mut pts = Vec::new();
    let mut ok = true;
    for (i, pt) in a.iter().enumerate() {
        let q = index(pp, i);
        let Some(xy) = r.array(pt, &q) else {
            ok = false;
            continue;
        };
        if xy.len() != 2 {
            r.push(code, q, format!("a point is [x, y], found {} items", xy.len()));
            ok = false;
            continue;
        }
        let x = r.decimal(&xy[0], &index(&q, 0));
        let y = r.decimal(&xy[1], &index(&q, 1));
        match (x, y) {
            (Some(x), Some(y)) => {
                ok &= check(r, x, y, &q);
                pts.push((x, y));
            }
            _ => ok = false,
        }
    }
    ok.then_some(pts)
}
