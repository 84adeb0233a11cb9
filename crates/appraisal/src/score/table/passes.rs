//! The integer passes: one indicator column at a time, then one category column at a time.

use super::eval::*;
use super::plan::*;
use super::scores::*;
use super::*;
/// One single-value column without `min_sample`: s = f(cell) for every row.
#[inline(always)]
pub(super) fn column(
    f: impl Fn(i64) -> Option<i64>,
    cells: &[i64],
    scores: &mut [i64],
    na: &mut [u8],
    general: &mut [bool],
    na_score: i64,
    error_policy: bool,
) {
    for (i, &cell) in cells.iter().enumerate() {
        if cell == ABSENT {
            scores[i] = na_score;
            na[i] = na_code(NaReason::MissingValue);
            general[i] |= error_policy;
            continue;
        }
        match (cell != WIDE).then(|| f(cell)).flatten() {
            Some(s) => {
                scores[i] = s;
                na[i] = SCORED;
            }
            None => general[i] = true,
        }
    }
}

/// One row's totals from pass 2 (integers at the plan's scales; `NULL` when absent).
#[derive(Debug, Clone, Copy)]
pub(super) struct RowTotals {
    pub(super) base: i128,
    pub(super) total: i128,
    /// At scale dp.
    pub(super) coverage: i128,
    /// A at scale `a_scale`.
    pub(super) a: i128,
    pub(super) natural: u16,
    pub(super) grade: u16,
    pub(super) complete: bool,
}

impl Plan {
    /// Pass 1, one indicator at a time over all rows (a tight loop per rubric): scores and
    /// N/A codes; a row the integers cannot carry is marked for the general path.
    pub(super) fn indicators(
        &self,
        t: &Table,
        rows: std::ops::Range<usize>,
        out: &mut TableScores,
        general: &mut [bool],
    ) {
        let n = rows.len();
        let mut sc = Scratch::default();
        for k in 0..self.evals.len() {
            let col = &t.columns[k];
            let scores = &mut out.ind[k * n..(k + 1) * n];
            let na = &mut out.ind_na[k * n..(k + 1) * n];
            let samples = &t.samples[k];
            let min_sample = self.min_sample[k];
            let na_score = if self.policy == MissingPolicy::Zero { 0 } else { NULL64 };
            if let (Cells::Single(c), None) = (&col.cells, min_sample) {
                // The common case, one tight loop per rubric kind (each closure inlined).
                let cells = &c[rows.clone()];
                let error_policy = self.policy == MissingPolicy::Error;
                match &self.evals[k] {
                    Eval::BandsDone { higher: true, vmul: 1, bounds, scores: ys, otherwise } => {
                        let f = |v: i64| {
                            let v = i128::from(v);
                            Some(bounds.iter().position(|b| v >= *b).map_or(*otherwise, |j| ys[j]))
                        };
                        column(f, cells, scores, na, general, na_score, error_policy);
                    }
                    Eval::Points { .. } => {
                        let f = |v: i64| {
                            let (a, b) = self.evals[k].eval(v)?;
                            self.points(a, b)
                        };
                        column(f, cells, scores, na, general, na_score, error_policy);
                    }
                    _ => column(|v| self.score(k, v), cells, scores, na, general, na_score, error_policy),
                }
                continue;
            }
            for (i, r) in rows.clone().enumerate() {
                let absent = match &col.cells {
                    Cells::Single(c) => c[r] == ABSENT,
                    Cells::Ratings { given, .. } => !given[r],
                };
                let reason = if absent {
                    Some(NaReason::MissingValue)
                } else if min_sample.is_some_and(|m| samples[r] == ABSENT || (samples[r] as u64) < m) {
                    Some(NaReason::InsufficientSample)
                } else {
                    None
                };
                let outcome = match (reason, &col.cells) {
                    (Some(why), _) => Some(Err(why)),
                    (None, Cells::Single(c)) => {
                        let cell = c[r];
                        (cell != WIDE).then(|| self.score(k, cell)).flatten().map(Ok)
                    }
                    (None, Cells::Ratings { start, group, value, .. }) => {
                        let (a, b) = (start[r] as usize, start[r + 1] as usize);
                        self.multi(k, &group[a..b], &value[a..b], &mut sc)
                            .map(|s| s.ok_or(NaReason::InsufficientRaters))
                    }
                };
                match outcome {
                    Some(Ok(s)) => {
                        scores[i] = s;
                        na[i] = SCORED;
                    }
                    Some(Err(why)) => {
                        scores[i] = na_score;
                        na[i] = na_code(why);
                        if self.policy == MissingPolicy::Error {
                            general[i] = true;
                        }
                    }
                    None => general[i] = true,
                }
            }
        }
    }

    /// Pass 2, row `i` (table row `r`): vetoes, categories, base, adjustments, total, grade.
    /// `None` (the fired vetoes not yet recorded) leaves the row to the general path.
    pub(super) fn rest(&self, t: &Table, r: usize, i: usize, out: &mut TableScores, sc: &mut Scratch) -> Option<()> {
        let n = out.rows.len();
        self.fire(t, r, i, out, sc)?;
        let (ind, ind_na) = (&out.ind, &out.ind_na);
        let (cat, cat_status) = (&mut out.cat, &mut out.cat_status);
        let totals = self.row(
            |k| (ind[k * n + i], ind_na[k * n + i] == SCORED),
            |e| i128::from(t.events[e][r]),
            &sc.fired,
            |c, score, status| {
                cat[c * n + i] = score;
                cat_status[c * n + i] = status;
            },
            |_, _| {},
        )?;
        out.vetoes.extend_from_slice(&sc.fired);
        out.veto_start.push(out.vetoes.len() as u32);
        out.rows[i] = RowOut {
            base: totals.base,
            total: totals.total,
            coverage: totals.coverage,
            adjustment_total: totals.a,
            natural_grade: totals.natural,
            grade: totals.grade,
            status: if totals.complete { 0 } else { 1 },
            general: false,
        };
        Some(())
    }

    /// Marks the rows where a veto fires or might (a value outside the integer columns); exact
    /// for the rest, so an unmarked row fires none.
    pub(super) fn may_fire(&self, t: &Table, rows: std::ops::Range<usize>, out: &TableScores, flag: &mut [bool]) {
        let n = rows.len();
        for (when, _) in &self.vetoes {
            match when {
                When::Event { event, at_least } => {
                    for (f, u) in flag.iter_mut().zip(&t.events[*event][rows.clone()]) {
                        *f |= u64::from(*u) >= *at_least;
                    }
                }
                When::Number { k, op, vmul, value } => {
                    let Cells::Single(c) = &t.columns[*k].cells else { continue };
                    let na = &out.ind_na[k * n..(k + 1) * n];
                    for (i, r) in rows.clone().enumerate() {
                        if na[i] == SCORED {
                            flag[i] |=
                                c[r] == WIDE || mul(i128::from(c[r]), *vmul).is_none_or(|v| op.holds(v.cmp(value)));
                        }
                    }
                }
                When::Same { k, op, value } => {
                    let Cells::Single(c) = &t.columns[*k].cells else { continue };
                    let na = &out.ind_na[k * n..(k + 1) * n];
                    for (i, r) in rows.clone().enumerate() {
                        if na[i] == SCORED {
                            let ord =
                                if Some(c[r]) == *value { std::cmp::Ordering::Equal } else { std::cmp::Ordering::Less };
                            flag[i] |= op.holds(ord);
                        }
                    }
                }
                When::Never => {}
            }
        }
    }

    /// The vetoes row `i` (table row `r`) fires, into `sc.fired`.
    pub(super) fn fire(&self, t: &Table, r: usize, i: usize, out: &TableScores, sc: &mut Scratch) -> Option<()> {
        let n = out.rows.len();
        let scored = |k: usize| out.ind_na[k * n + i] == SCORED;
        sc.fired.clear();
        for (vi, (when, _)) in self.vetoes.iter().enumerate() {
            let hit = match when {
                When::Event { event, at_least } => u64::from(t.events[*event][r]) >= *at_least,
                When::Number { k, op, vmul, value } => match &t.columns[*k].cells {
                    Cells::Single(c) if scored(*k) => {
                        if c[r] == WIDE {
                            return None;
                        }
                        crate::score::vetoes::fires(*op, mul(i128::from(c[r]), *vmul)?.cmp(value))
                    }
                    _ => false,
                },
                When::Same { k, op, value } => match &t.columns[*k].cells {
                    Cells::Single(c) if scored(*k) => {
                        crate::score::vetoes::fires_on_equality(*op, Some(c[r]) == *value)
                    }
                    _ => false,
                },
                When::Never => false,
            };
            if hit {
                sc.fired.push(vi as u16);
            }
        }
        Some(())
    }

    /// Pass 2's arithmetic for one row after its vetoes (`fired`, in scheme order), whichever
    /// path holds it: `ind(k)` is indicator k's score at scale dp (`NULL64` when it counts
    /// for nothing) and whether it was scored, `units(e)` event e's count; each category's
    /// score and status go to `cat`, each adjustment's points (scale `a_scale`) to
    /// `adjustment`. The table's row-by-row pass and the general path's
    /// integer row ([`super::row`]) both call it. `None` when a quantity leaves the integers.
    #[inline]
    pub(super) fn row(
        &self,
        ind: impl Fn(usize) -> (i64, bool),
        units: impl Fn(usize) -> i128,
        fired: &[u16],
        mut cat: impl FnMut(usize, i64, u8),
        mut adjustment: impl FnMut(usize, i128),
    ) -> Option<RowTotals> {
        let n_ind = self.evals.len();
        let fired_effect = |e: VetoEffect2| fired.iter().any(|&v| self.vetoes[usize::from(v)].1 == e);
        // Indicators → categories, coverage; categories → base.
        let n_cat = self.w_cat.len();
        let mut cov: i128 = 0;
        let mut k = 0;
        let (mut base_num, mut base_den) = (0i128, 0i128);
        for c in 0..n_cat {
            let vetoed = !fired.is_empty() && fired_effect(VetoEffect2::ZeroCategory(Some(c)));
            let (mut num, mut den, mut any) = (0i128, 0i128, false);
            while k < n_ind && self.cat_of[k] == c {
                let (s, scored) = ind(k);
                if scored {
                    any = true;
                    if !vetoed {
                        cov = add(cov, self.cov[k])?;
                    }
                }
                if s != NULL64 && self.w_ind[k] != 0 {
                    num = add(num, mul(self.w_ind[k], i128::from(s))?)?;
                    den = add(den, self.w_ind[k])?;
                }
                k += 1;
            }
            let (status, score) = if vetoed {
                (CAT_VETOED, 0)
            } else if den == 0 {
                (CAT_NA, NULL64)
            } else {
                let s = i64::try_from(div_round(num, den, self.mode)).ok()?;
                (if any { CAT_SCORED } else { CAT_NA }, s)
            };
            if score != NULL64 && self.w_cat[c] != 0 {
                base_num = add(base_num, mul(self.w_cat[c], i128::from(score))?)?;
                base_den = add(base_den, self.w_cat[c])?;
            }
            cat(c, score, status);
        }
        let base = if base_den == 0 { NULL } else { div_round(base_num, base_den, self.mode) };
        // Adjustments.
        let mut a: i128 = 0;
        for (j, (e, ppu, cap)) in self.adjustments.iter().enumerate() {
            let units = e.map_or(0, &units);
            let mut p = mul(*ppu, units)?;
            if let Some(cap) = cap {
                p = p.max(-cap).min(*cap);
            }
            adjustment(j, p);
            a = add(a, p)?;
        }
        if let Some(lo) = self.a_min {
            a = a.max(lo);
        }
        if let Some(hi) = self.a_max {
            a = a.min(hi);
        }
        // Total, grade.
        let total = if base == NULL {
            NULL
        } else if !fired.is_empty() && fired_effect(VetoEffect2::ZeroTotal) {
            0
        } else {
            let x = add(mul(base, self.t_base)?, mul(a, self.t_adj)?)?.max(0).min(self.ceiling);
            div_round(x, self.t_base, self.mode)
        };
        let coverage = div_round(mul(cov, self.one)?, self.cov_div, self.mode);
        let complete = base != NULL && mul(coverage, self.g_mul)? >= self.min_cov;
        let (natural, grade) = if complete && total != NULL {
            let t = mul(total, self.g_mul)?;
            let last = self.g_min.len().saturating_sub(1);
            let natural = self.g_min.iter().position(|m| t >= *m).unwrap_or(last);
            let caps = fired.iter().filter_map(|&v| match self.vetoes[usize::from(v)].1 {
                VetoEffect2::CapGrade(g) => g,
                _ => None,
            });
            (natural as u16, crate::score::vetoes::capped(natural, caps) as u16)
        } else {
            (NO_GRADE, NO_GRADE)
        };
        Some(RowTotals { base, total, coverage, a, natural, grade, complete })
    }

    /// SPEC §3.2 in integers: `Some(None)` when no group is left, `None` for the general path.
    pub(super) fn multi(&self, k: usize, group: &[u16], value: &[i64], sc: &mut Scratch) -> Option<Option<i64>> {
        let (weights, min_raters, trim) = self.raters[k].as_ref()?;
        sc.kept.clear();
        let mut wsum: i128 = 0;
        for (g, w) in weights.iter().enumerate() {
            sc.scores.clear();
            for (j, &gj) in group.iter().enumerate() {
                if usize::from(gj) == g && value[j] != ABSENT {
                    if value[j] == WIDE {
                        return None;
                    }
                    sc.scores.push(self.score(k, value[j])?);
                }
            }
            if *w == 0 {
                continue;
            }
            let n = sc.scores.len() as u64;
            if n < min_raters[g] {
                continue;
            }
            let t = *trim as usize;
            let kept: &[i64] = if *trim > 0 && n > 2 * trim {
                sc.scores.sort_unstable();
                &sc.scores[t..sc.scores.len() - t]
            } else {
                &sc.scores
            };
            let total = kept.iter().try_fold(0i128, |a, b| add(a, i128::from(*b)))?;
            sc.kept.push((*w, total, kept.len() as u128));
            wsum = add(wsum, *w)?;
        }
        if sc.kept.is_empty() || wsum == 0 {
            return Some(None);
        }
        let mut l: u128 = 1;
        for &(_, _, m) in &sc.kept {
            l = lcm(l, m)?;
        }
        let l = i128::try_from(l).ok()?;
        let mut num: i128 = 0;
        for &(w, t, m) in &sc.kept {
            num = add(num, mul(mul(w, t)?, l / i128::try_from(m).ok()?)?)?;
        }
        let s = div_round(num, mul(l, wsum)?, self.mode);
        Some(Some(i64::try_from(s).ok()?))
    }
}
