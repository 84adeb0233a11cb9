//! Rubrics compiled for one column's scale: every threshold an integer at a common scale.

use super::*;

/// A rubric compiled for one column's scale: every threshold as an integer at a common scale.
#[derive(Debug)]
pub(super) enum Eval {
    /// Points (also `linear`): v × vmul compared with xs; ys at scale 10^ydiv.
    Points {
        vmul: i128,
        xs: Vec<i128>,
        ys: Vec<i128>,
        ydiv: i128,
    },
    Bands {
        higher: bool,
        vmul: i128,
        bounds: Vec<i128>,
        scores: Vec<i128>,
        otherwise: i128,
        ydiv: i128,
    },
    /// max(floor, full − per_unit × max(0, v − free)), all at scale t (tdiv = 10^t).
    Deduction {
        vmul: i128,
        free: i128,
        per_unit: i128,
        tmul: i128,
        full: i128,
        floor: i128,
        tdiv: i128,
    },
    /// higher: (a × v) / b; lower: a / (b × v) (v = 0 scores 100).
    Ratio {
        higher: bool,
        a: i128,
        b: i128,
    },
    /// A score per level index (scale) or per 0/1 (pass_fail).
    Levels {
        scores: Vec<i128>,
        ydiv: i128,
    },
    Direct {
        vdiv: i128,
    },
    /// Bands with every score already rounded to dp (no division per row).
    BandsDone {
        higher: bool,
        vmul: i128,
        bounds: Vec<i128>,
        scores: Vec<i64>,
        otherwise: i64,
    },
    /// Levels (or fail/pass) already rounded to dp.
    LevelsDone {
        scores: Vec<i64>,
    },
    /// A direct score at a column scale ≤ dp: v × 10^(dp − scale), no division.
    DirectDone {
        mul: i128,
    },
    /// Points in 64 bits: every product of this column's values proven below 2^62; the
    /// scores at or beyond the end points already rounded.
    PointsNarrow {
        vmul: i64,
        xs: Vec<i64>,
        ys: Vec<i64>,
        ydiv: i64,
        first: i64,
        last: i64,
    },
    /// Ratio in 64 bits, proven likewise: higher (a × v) / b, lower a / (b × v).
    RatioNarrow {
        higher: bool,
        a: i64,
        b: i64,
    },
}

pub(super) fn scale_of<'a>(ds: impl IntoIterator<Item = &'a Decimal>) -> u32 {
    ds.into_iter().map(Decimal::scale).max().unwrap_or(0)
}

pub(super) fn all_at(ds: &[Decimal], s: u32) -> Option<Vec<i128>> {
    ds.iter().map(|d| at_scale(*d, s)).collect()
}

impl Eval {
    pub(super) fn compile(rubric: &Rubric, cs: u32) -> Option<Self> {
        Some(match rubric {
            Rubric::Piecewise { points } => Self::points(points, cs)?,
            Rubric::Linear { zero_at, full_at } => {
                let mut pts = [(*zero_at, Decimal::ZERO), (*full_at, Decimal::ONE_HUNDRED)];
                pts.sort_by_key(|p| p.0);
                Self::points(&pts, cs)?
            }
            // Strict bounds (format 2) take the general path.
            Rubric::Bands { steps, .. } if steps.iter().any(|s| s.strict) => return None,
            Rubric::Bands { direction, steps, otherwise } => {
                let bounds: Vec<Decimal> = steps.iter().map(|s| s.bound).collect();
                let s = scale_of(&bounds).max(cs);
                let mut ys: Vec<Decimal> = steps.iter().map(|s| s.score).collect();
                ys.push(*otherwise);
                let sy = scale_of(&ys);
                let mut scores = all_at(&ys, sy)?;
                let otherwise = scores.pop()?;
                Self::Bands {
                    higher: *direction == Direction::HigherBetter,
                    vmul: p10(s - cs)?,
                    bounds: all_at(&bounds, s)?,
                    scores,
                    otherwise,
                    ydiv: p10(sy)?,
                }
            }
            Rubric::Deduction { per_unit, full, free_units, floor } => {
                let s1 = cs.max(free_units.scale());
                let t = (per_unit.scale() + s1).max(full.scale()).max(floor.scale());
                Self::Deduction {
                    vmul: p10(s1 - cs)?,
                    free: at_scale(*free_units, s1)?,
                    per_unit: per_unit.mantissa(),
                    tmul: p10(t - per_unit.scale() - s1)?,
                    full: at_scale(*full, t)?,
                    floor: at_scale(*floor, t)?,
                    tdiv: p10(t)?,
                }
            }
            Rubric::Ratio { target, direction } => {
                let (mt, st) = (target.mantissa(), target.scale());
                match direction {
                    // 100 v / t = 100 × V × 10^st / (MT × 10^cs)
                    Direction::HigherBetter => {
                        Self::Ratio { higher: true, a: mul(100, p10(st)?)?, b: mul(mt, p10(cs)?)? }
                    }
                    // 100 t / v = 100 × MT × 10^cs / (V × 10^st)
                    Direction::LowerBetter => {
                        Self::Ratio { higher: false, a: mul(mul(100, mt)?, p10(cs)?)?, b: p10(st)? }
                    }
                }
            }
            Rubric::Scale { levels } => {
                let ys: Vec<Decimal> = levels.iter().map(|l| l.score).collect();
                let sy = scale_of(&ys);
                Self::Levels { scores: all_at(&ys, sy)?, ydiv: p10(sy)? }
            }
            Rubric::PassFail { pass, fail } => {
                let sy = pass.scale().max(fail.scale());
                Self::Levels { scores: vec![at_scale(*fail, sy)?, at_scale(*pass, sy)?], ydiv: p10(sy)? }
            }
            Rubric::Direct => Self::Direct { vdiv: p10(cs)? },
        })
    }

    /// Rubrics with finitely many scores get them rounded once, here; a direct score at a
    /// column scale ≤ dp needs no rounding at all.
    pub(super) fn finish(self, plan: &Plan, cs: u32, dp: u32, cmax: i128) -> Option<Self> {
        pub(super) const LIM: i128 = 1 << 62;
        let ok = |x: Option<i128>| x.filter(|x| x.abs() < LIM);
        let one = plan.one;
        Some(match self {
            Self::Points { vmul, xs, ys, ydiv }
                if ok(cmax.checked_mul(vmul)).is_some()
                    && xs.iter().chain(&ys).all(|x| x.abs() < LIM)
                    && xs.windows(2).zip(ys.windows(2)).all(|(x, y)| {
                        let (dx, dy) = (x[1] - x[0], y[1] - y[0]);
                        let n = y[0]
                            .abs()
                            .checked_mul(dx)
                            .zip(dx.checked_mul(dy.abs()))
                            .and_then(|(a, b)| a.checked_add(b));
                        ok(n.and_then(|n| n.checked_mul(one))).is_some()
                            && ok(dx.checked_mul(ydiv).and_then(|d| d.checked_mul(100))).is_some()
                    }) =>
            {
                let (first, last) = (plan.points(*ys.first()?, ydiv)?, plan.points(*ys.last()?, ydiv)?);
                let n64 = |v: &[i128]| v.iter().map(|x| i64::try_from(*x).ok()).collect::<Option<Vec<i64>>>();
                Self::PointsNarrow {
                    vmul: i64::try_from(vmul).ok()?,
                    xs: n64(&xs)?,
                    ys: n64(&ys)?,
                    ydiv: i64::try_from(ydiv).ok()?,
                    first,
                    last,
                }
            }
            Self::Ratio { higher: true, a, b }
                if ok(a.checked_mul(cmax).and_then(|x| x.checked_mul(one))).is_some()
                    && ok(b.checked_mul(100)).is_some() =>
            {
                Self::RatioNarrow { higher: true, a: i64::try_from(a).ok()?, b: i64::try_from(b).ok()? }
            }
            Self::Ratio { higher: false, a, b }
                if ok(a.checked_mul(one)).is_some()
                    && ok(b.checked_mul(cmax).and_then(|x| x.checked_mul(100))).is_some() =>
            {
                Self::RatioNarrow { higher: false, a: i64::try_from(a).ok()?, b: i64::try_from(b).ok()? }
            }
            Self::Bands { higher, vmul, bounds, scores, otherwise, ydiv } => Self::BandsDone {
                higher,
                vmul,
                bounds,
                scores: scores.iter().map(|y| plan.points(*y, ydiv)).collect::<Option<_>>()?,
                otherwise: plan.points(otherwise, ydiv)?,
            },
            Self::Levels { scores, ydiv } => {
                Self::LevelsDone { scores: scores.iter().map(|y| plan.points(*y, ydiv)).collect::<Option<_>>()? }
            }
            Self::Direct { .. } if cs <= dp => Self::DirectDone { mul: p10(dp - cs)? },
            other => other,
        })
    }

    pub(super) fn points(points: &[(Decimal, Decimal)], cs: u32) -> Option<Self> {
        let xs: Vec<Decimal> = points.iter().map(|p| p.0).collect();
        let ys: Vec<Decimal> = points.iter().map(|p| p.1).collect();
        let s = scale_of(&xs).max(cs);
        let sy = scale_of(&ys);
        Some(Self::Points { vmul: p10(s - cs)?, xs: all_at(&xs, s)?, ys: all_at(&ys, sy)?, ydiv: p10(sy)? })
    }

    /// The unclamped score as a fraction n / d (d > 0), or `None` to leave the row to the
    /// general path.
    pub(super) fn eval(&self, cell: i64) -> Option<(i128, i128)> {
        let c = i128::from(cell);
        match self {
            Self::Points { vmul, xs, ys, ydiv } => {
                let v = mul(c, *vmul)?;
                let (first, last) = (*xs.first()?, *xs.last()?);
                if v <= first {
                    return Some((*ys.first()?, *ydiv));
                }
                if v >= last {
                    return Some((*ys.last()?, *ydiv));
                }
                let j = xs.windows(2).position(|w| w[0] <= v && v <= w[1])?;
                let (x0, x1, y0, y1) = (xs[j], xs[j + 1], ys[j], ys[j + 1]);
                let dx = sub(x1, x0)?;
                let n = add(mul(y0, dx)?, mul(sub(v, x0)?, sub(y1, y0)?)?)?;
                Some((n, mul(dx, *ydiv)?))
            }
            Self::Bands { higher, vmul, bounds, scores, otherwise, ydiv } => {
                let v = mul(c, *vmul)?;
                let hit = bounds.iter().position(|b| if *higher { v >= *b } else { v <= *b });
                Some((hit.map_or(*otherwise, |k| scores[k]), *ydiv))
            }
            Self::Deduction { vmul, free, per_unit, tmul, full, floor, tdiv } => {
                let units = sub(mul(c, *vmul)?, *free)?.max(0);
                let raw = sub(*full, mul(mul(*per_unit, units)?, *tmul)?)?;
                Some((raw.max(*floor), *tdiv))
            }
            Self::Ratio { higher: true, a, b } => Some((mul(*a, c)?, *b)),
            Self::Ratio { higher: false, a, b } => {
                if c == 0 {
                    Some((100, 1))
                } else {
                    Some((*a, mul(*b, c)?))
                }
            }
            Self::Levels { scores, ydiv } => Some((*scores.get(usize::try_from(cell).ok()?)?, *ydiv)),
            Self::Direct { vdiv } => Some((c, *vdiv)),
            Self::BandsDone { .. }
            | Self::LevelsDone { .. }
            | Self::DirectDone { .. }
            | Self::PointsNarrow { .. }
            | Self::RatioNarrow { .. } => None,
        }
    }
}
