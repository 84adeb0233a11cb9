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
