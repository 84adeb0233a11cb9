//! The scheme compiled for one table: integers at fixed scales everywhere, with the bound
//! proofs that let the passes run in 64-bit integers.

use super::eval::*;
use super::*;
/// A veto condition compiled for the table's columns.
#[derive(Debug)]
pub(super) enum When {
    Event {
        event: usize,
        at_least: u64,
    },
    /// Compare the cell (× vmul) with `value` at a common scale.
    Number {
        k: usize,
        op: crate::scheme::CmpOp,
        vmul: i128,
        value: i128,
    },
    /// Equality of a level index (or 0/1); `None` when the key is no level (never equal).
    Same {
        k: usize,
        op: crate::scheme::CmpOp,
        value: Option<i64>,
    },
    Never,
}

/// Rater groups compiled: weights at a common scale, min_raters, trim.
pub(super) type Groups = (Vec<i128>, Vec<u64>, u64);

/// The scheme compiled for one table: integers at fixed scales everywhere.
#[derive(Debug)]
pub(super) struct Plan {
    pub(super) mode: RoundingMode,
    /// 10^dp
    pub(super) one: i128,
    pub(super) policy: MissingPolicy,
    pub(super) evals: Vec<Eval>,
    pub(super) min_sample: Vec<Option<u64>>,
    /// Per indicator: its category index and its weight at the scheme's common weight scale.
    pub(super) cat_of: Vec<usize>,
    pub(super) w_ind: Vec<i128>,
    /// Per indicator: W_c × w_i at scale `cov_scale` (coverage).
    pub(super) cov: Vec<i128>,
    pub(super) cov_div: i128,
    pub(super) w_cat: Vec<i128>,
    /// Per rated indicator: group weights (common scale), min_raters, trim.
    pub(super) raters: Vec<Option<Groups>>,
    /// Adjustments at scale `a_scale`: (event index, points per unit, cap).
    pub(super) adjustments: Vec<(Option<usize>, i128, Option<i128>)>,
    pub(super) a_min: Option<i128>,
    pub(super) a_max: Option<i128>,
    pub(super) a_scale: u32,
    /// Total at scale `t_scale`: base × t_base, A × t_adj, ceiling; rounded by / t_base.
    pub(super) t_base: i128,
    pub(super) t_adj: i128,
    pub(super) ceiling: i128,
    /// Grades' minimums at scale g_scale; a total × g_mul compares with them.
    pub(super) g_min: Vec<i128>,
    pub(super) g_mul: i128,
    /// min_coverage at scale g_scale too.
    pub(super) min_cov: i128,
    pub(super) vetoes: Vec<(When, VetoEffect2)>,
    /// Whether every sum of pass 2 provably fits 62 bits, so the column-at-a-time pass can use
    /// plain 64-bit arithmetic (decided once per table from the scheme's constants).
    pub(super) narrow: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum VetoEffect2 {
    ZeroTotal,
    CapGrade(Option<usize>),
    ZeroCategory(Option<usize>),
}

impl Plan {
    pub(super) fn new(s: &Scheme, t: &Table) -> Option<Self> {
        let cols: Vec<(u32, i128)> = t.columns.iter().map(|c| (c.scale, c.max_abs())).collect();
        Self::compile(s, &cols)
    }

    /// The plan for columns of the given (scale, largest |cell|), one per indicator in scheme
    /// order: a table's, or the general path's fixed scales ([`super::row`]).
    pub(super) fn compile(s: &Scheme, cols: &[(u32, i128)]) -> Option<Self> {
        let def = &s.def;
        // Format 2's scoring rules (SPEC §8) take the general path, row by row.
        if def.uses_format2_scoring() {
            return None;
        }
        let dp = def.rounding.dp;
        let inds: Vec<_> = s.indicators().collect();
        let mut evals = Vec::with_capacity(inds.len());
        for (k, (_, ind)) in inds.iter().enumerate() {
            evals.push(Eval::compile(&ind.rubric, cols.get(k)?.0)?);
        }
        let sw = scale_of(inds.iter().map(|(_, i)| &i.weight));
        let sc = scale_of(def.categories.iter().map(|c| &c.weight));
        let cat_of: Vec<usize> = s.flat.iter().map(|&(c, _)| c).collect();
        let cov_scale = sw + sc;
        let cov =
            inds.iter().map(|(c, i)| mul(at_scale(c.weight, sc)?, at_scale(i.weight, sw)?)).collect::<Option<_>>()?;
        let raters = inds
            .iter()
            .map(|(_, i)| {
                i.raters.as_ref().map(|r| {
                    let sg = scale_of(r.groups.iter().map(|g| &g.weight));
                    let w: Option<Vec<i128>> = r.groups.iter().map(|g| at_scale(g.weight, sg)).collect();
                    w.map(|w| (w, r.groups.iter().map(|g| g.min_raters).collect(), r.trim))
                })
            })
            .map(|o| match o {
                Some(Some(x)) => Some(Some(x)),
                Some(None) => None,
                None => Some(None),
            })
            .collect::<Option<Vec<_>>>()?;
        let mut a_dec: Vec<&Decimal> = Vec::new();
        for a in &def.adjustments {
            a_dec.push(&a.points_per_unit);
            a_dec.extend(a.cap.as_ref());
        }
        a_dec.extend(def.total.adjustment_min.as_ref());
        a_dec.extend(def.total.adjustment_max.as_ref());
        let a_scale = scale_of(a_dec);
        let adjustments = def
            .adjustments
            .iter()
            .map(|a| {
                Some((
                    s.event_index.get(&a.event).copied(),
                    at_scale(a.points_per_unit, a_scale)?,
                    match a.cap {
                        Some(c) => Some(at_scale(c, a_scale)?),
                        None => None,
                    },
                ))
            })
            .collect::<Option<_>>()?;
        let opt = |d: Option<Decimal>, s: u32| -> Option<Option<i128>> {
            match d {
                Some(d) => Some(Some(at_scale(d, s)?)),
                None => Some(None),
            }
        };
        let t_scale = dp.max(a_scale).max(def.total.ceiling.scale());
        let g_scale = dp.max(scale_of(def.grades.iter().map(|g| &g.min))).max(def.missing.min_coverage.scale());
        let vetoes = def
            .vetoes
            .iter()
            .map(|v| {
                let when = match &v.when {
                    VetoWhen::Event { event, at_least } => match s.event_index.get(event) {
                        Some(&e) => When::Event { event: e, at_least: *at_least },
                        None => When::Never,
                    },
                    VetoWhen::Indicator { indicator, op, value, .. } => {
                        let Some(&(_, _, k)) = s.indicator_index.get(indicator) else {
                            return Some((When::Never, VetoEffect2::ZeroTotal));
                        };
                        match value {
                            VetoValue::Number(d) => {
                                let cs = cols.get(k)?.0;
                                let common = cs.max(d.scale());
                                When::Number { k, op: *op, vmul: p10(common - cs)?, value: at_scale(*d, common)? }
                            }
                            VetoValue::Bool(b) => When::Same { k, op: *op, value: Some(i64::from(*b)) },
                            VetoValue::Key(key) => When::Same {
                                k,
                                op: *op,
                                value: match s.by_flat(k).map(|(_, i)| &i.rubric) {
                                    Some(Rubric::Scale { levels }) => {
                                        levels.iter().position(|l| &l.key == key).map(|p| p as i64)
                                    }
                                    _ => None,
                                },
                            },
                        }
                    }
                };
                let effect = match &v.effect {
                    VetoEffect::ZeroTotal => VetoEffect2::ZeroTotal,
                    VetoEffect::CapGrade(g) => VetoEffect2::CapGrade(def.grades.iter().position(|x| &x.id == g)),
                    VetoEffect::ZeroCategory(c) => {
                        VetoEffect2::ZeroCategory(def.categories.iter().position(|x| &x.id == c))
                    }
                };
                Some((when, effect))
            })
            .collect::<Option<_>>()?;
        let mut plan = Self {
            mode: def.rounding.mode,
            one: p10(dp)?,
            policy: def.missing.policy,
            evals,
            min_sample: inds.iter().map(|(_, i)| i.min_sample).collect(),
            cat_of,
            w_ind: inds.iter().map(|(_, i)| at_scale(i.weight, sw)).collect::<Option<_>>()?,
            cov,
            cov_div: mul(100, p10(cov_scale)?)?,
            w_cat: def.categories.iter().map(|c| at_scale(c.weight, sc)).collect::<Option<_>>()?,
            raters,
            adjustments,
            a_min: opt(def.total.adjustment_min, a_scale)?,
            a_max: opt(def.total.adjustment_max, a_scale)?,
            a_scale,
            t_base: p10(t_scale - dp)?,
            t_adj: p10(t_scale - a_scale)?,
            ceiling: at_scale(def.total.ceiling, t_scale)?,
            g_min: def.grades.iter().map(|g| at_scale(g.min, g_scale)).collect::<Option<_>>()?,
            g_mul: p10(g_scale - dp)?,
            min_cov: at_scale(def.missing.min_coverage, g_scale)?,
            vetoes,
            narrow: false,
        };
        plan.narrow = plan.narrow_bounds().is_some();
        let evals = std::mem::take(&mut plan.evals);
        let dp = def.rounding.dp;
        plan.evals = evals
            .into_iter()
            .enumerate()
            .map(|(k, e)| {
                let &(scale, max_abs) = cols.get(k)?;
                e.finish(&plan, scale, dp, max_abs)
            })
            .collect::<Option<_>>()?;
        Some(plan)
    }

    /// Some(()) when every quantity of the column-at-a-time pass stays below 2^62 whatever the
    /// row: category and base sums, coverage, adjustments (counts are at most 2^32), totals and
    /// the grade comparisons.
    pub(super) fn narrow_bounds(&self) -> Option<()> {
        pub(super) const LIM: i128 = 1 << 62;
        let ok = |x: i128| (x.abs() < LIM).then_some(x);
        let smax = ok(mul(100, self.one)?)?;
        ok(self.w_ind.iter().try_fold(0i128, |a, w| add(a, mul(w.abs(), smax)?))?)?;
        ok(self.w_ind.iter().try_fold(0i128, |a, w| add(a, w.abs()))?)?;
        ok(self.w_cat.iter().try_fold(0i128, |a, w| add(a, mul(w.abs(), smax)?))?)?;
        ok(self.w_cat.iter().try_fold(0i128, |a, w| add(a, w.abs()))?)?;
        let cov = ok(self.cov.iter().try_fold(0i128, |a, c| add(a, c.abs()))?)?;
        ok(mul(cov, self.one)?)?;
        ok(self.cov_div)?;
        let mut a_bound = 0i128;
        for (_, ppu, cap) in &self.adjustments {
            let p = ok(mul(ppu.abs(), i128::from(u32::MAX))?)?;
            a_bound = add(a_bound, cap.map_or(p, |c| c.abs().min(p)))?;
        }
        for x in [self.a_min, self.a_max].into_iter().flatten() {
            a_bound = a_bound.max(x.abs());
        }
        ok(a_bound)?;
        let t_bound = ok(add(mul(smax, self.t_base)?, mul(a_bound, self.t_adj)?)?)?;
        ok(self.ceiling)?;
        ok(mul(t_bound, self.g_mul)?)?;
        ok(mul(smax, self.g_mul)?)?;
        for g in self.g_min.iter().chain([&self.min_cov]) {
            ok(*g)?;
        }
        Some(())
    }

    /// Pass 2 for every row at once, one category (or adjustment) at a time, in 64-bit
    /// integers (`narrow` proves they cannot overflow), as if no veto fired; rows that fire a
    /// veto or left the integer path are redone row by row afterwards.
    pub(super) fn columns(&self, t: &Table, rows: std::ops::Range<usize>, out: &mut TableScores, general: &[bool]) {
        let n = rows.len();
        let mode = self.mode;
        let mut cov = vec![0i64; n];
        let mut base_num = vec![0i64; n];
        let mut base_den = vec![0i64; n];
        let mut num = vec![0i64; n];
        let mut den = vec![0i64; n];
        let mut any = vec![false; n];
        let mut k = 0;
        for c in 0..self.w_cat.len() {
            num.fill(0);
            den.fill(0);
            any.fill(false);
            while k < self.evals.len() && self.cat_of[k] == c {
                let (w, cv) = (self.w_ind[k] as i64, self.cov[k] as i64);
                let scores = &out.ind[k * n..(k + 1) * n];
                let na = &out.ind_na[k * n..(k + 1) * n];
                for i in 0..n {
                    if na[i] == SCORED {
                        any[i] = true;
                        cov[i] += cv;
                    }
                    if scores[i] != NULL64 && w != 0 {
                        num[i] += w * scores[i];
                        den[i] += w;
                    }
                }
                k += 1;
            }
            let wc = self.w_cat[c] as i64;
            let cat = &mut out.cat[c * n..(c + 1) * n];
            let status = &mut out.cat_status[c * n..(c + 1) * n];
            for i in 0..n {
                if den[i] == 0 {
                    cat[i] = NULL64;
                    status[i] = CAT_NA;
                } else {
                    let s = div_round64(num[i], den[i], mode);
                    cat[i] = s;
                    status[i] = if any[i] { CAT_SCORED } else { CAT_NA };
                    if wc != 0 {
                        base_num[i] += wc * s;
                        base_den[i] += wc;
                    }
                }
            }
        }
        // Adjustments: A per row (num reused).
        let a = &mut num;
        a.fill(0);
        for (e, ppu, cap) in &self.adjustments {
            let Some(e) = e else { continue };
            let units = &t.events[*e][rows.clone()];
            let (ppu, cap) = (*ppu as i64, cap.map(|c| c as i64));
            for i in 0..n {
                let p = ppu * i64::from(units[i]);
                a[i] += cap.map_or(p, |c| p.clamp(-c, c));
            }
        }
        let (t_base, t_adj, ceiling, g_mul) =
            (self.t_base as i64, self.t_adj as i64, self.ceiling as i64, self.g_mul as i64);
        let (a_min, a_max) = (self.a_min.map(|x| x as i64), self.a_max.map(|x| x as i64));
        let (one, cov_div, min_cov) = (self.one as i64, self.cov_div as i64, self.min_cov as i64);
        let g_min: Vec<i64> = self.g_min.iter().map(|g| *g as i64).collect();
        let last = g_min.len().saturating_sub(1);
        for i in 0..n {
            if general[i] {
                continue;
            }
            let mut ai = a[i];
            if let Some(lo) = a_min {
                ai = ai.max(lo);
            }
            if let Some(hi) = a_max {
                ai = ai.min(hi);
            }
            let (base, total) = if base_den[i] == 0 {
                (NULL, NULL)
            } else {
                let b = div_round64(base_num[i], base_den[i], mode);
                let x = (b * t_base + ai * t_adj).max(0).min(ceiling);
                (i128::from(b), i128::from(div_round64(x, t_base, mode)))
            };
            let coverage = div_round64(cov[i] * one, cov_div, mode);
            let complete = base != NULL && coverage * g_mul >= min_cov;
            let (natural, grade) = if complete {
                let tg = total as i64 * g_mul;
                let g = g_min.iter().position(|m| tg >= *m).unwrap_or(last) as u16;
                (g, g)
            } else {
                (NO_GRADE, NO_GRADE)
            };
            out.rows[i] = RowOut {
                base,
                total,
                coverage: i128::from(coverage),
                adjustment_total: i128::from(ai),
                natural_grade: natural,
                grade,
                status: if complete { 0 } else { 1 },
                general: false,
            };
        }
    }

    /// s_i = R(clamp(rubric(v), 0, 100)) of indicator k's cell, at scale dp.
    #[inline(always)]
    pub(super) fn score(&self, k: usize, cell: i64) -> Option<i64> {
        match &self.evals[k] {
            Eval::BandsDone { higher, vmul, bounds, scores, otherwise } => {
                let v = mul(i128::from(cell), *vmul)?;
                let hit =
                    if *higher { bounds.iter().position(|b| v >= *b) } else { bounds.iter().position(|b| v <= *b) };
                Some(hit.map_or(*otherwise, |j| scores[j]))
            }
            Eval::LevelsDone { scores } => scores.get(usize::try_from(cell).ok()?).copied(),
            Eval::DirectDone { mul: m } => i64::try_from(mul(i128::from(cell), *m)?).ok(),
            Eval::PointsNarrow { vmul, xs, ys, ydiv, first, last } => {
                let v = cell * vmul;
                if v <= xs[0] {
                    return Some(*first);
                }
                if v >= xs[xs.len() - 1] {
                    return Some(*last);
                }
                let j = xs.windows(2).position(|w| w[0] <= v && v <= w[1])?;
                let dx = xs[j + 1] - xs[j];
                Some(self.points64(ys[j] * dx + (v - xs[j]) * (ys[j + 1] - ys[j]), dx * ydiv))
            }
            Eval::RatioNarrow { higher: true, a, b } => Some(self.points64(a * cell, *b)),
            Eval::RatioNarrow { higher: false, a, b } => {
                Some(if cell == 0 { self.points64(100, 1) } else { self.points64(*a, b * cell) })
            }
            e => {
                let (n, d) = e.eval(cell)?;
                self.points(n, d)
            }
        }
    }

    /// [`Plan::points`] for fractions proven to fit 62 bits (n × 10^dp included).
    #[inline]
    pub(super) fn points64(&self, n: i64, d: i64) -> i64 {
        let one = self.one as i64;
        if n <= 0 {
            0
        } else if n >= 100 * d {
            100 * one
        } else {
            div_round64(n * one, d, self.mode)
        }
    }

    /// R(clamp(n / d, 0, 100)) as an integer at scale dp.
    pub(super) fn points(&self, n: i128, d: i128) -> Option<i64> {
        let s = if n <= 0 {
            0
        } else if n >= mul(100, d)? {
            mul(100, self.one)?
        } else {
            div_round(mul(n, self.one)?, d, self.mode)
        };
        i64::try_from(s).ok()
    }
}
