//! Several raters (360-degree feedback, SPEC §3.2): per-group scores, minimum raters,
//! trimming, weight-0 groups, and one exact fraction over the groups that remain.

use crate::exact::{Frac, X};
use crate::present::steps::{RaterNote, Step};
use crate::rubric::{Raw, Rubric};
use crate::scheme::{Raters, Scheme};
use rust_decimal::Decimal;

impl Scheme {
    /// SPEC §3.2: `None` when no group is left. `corrected` holds the rater scores a
    /// correction gave (rating index, score): used instead of the rubric's score of the value.
    pub(super) fn multi_rater(
        &self,
        rubric: &Rubric,
        raters: &Raters,
        list: &[(usize, Option<Raw>)],
        corrected: &[(usize, Decimal)],
    ) -> Result<Option<(Decimal, Step)>, ()> {
        let mut kept: Vec<(Decimal, X, usize)> = Vec::new(); // (W_g, T_g, m_g)
        let mut notes: Vec<RaterNote> = Vec::new();
        for (gi, g) in raters.groups.iter().enumerate() {
            let mut scores: Vec<Decimal> = Vec::new();
            for (i, (_, v)) in list.iter().enumerate().filter(|(_, (x, _))| *x == gi) {
                if let Some(raw) = v {
                    match corrected.iter().find(|(j, _)| *j == i) {
                        Some((_, s)) => scores.push(*s),
                        None => scores.push(self.rated(rubric, raw).ok_or(())?.0),
                    }
                }
            }
            if g.weight.is_zero() {
                notes.push(RaterNote::WeightZero(g.id.clone()));
                continue;
            }
            let n = scores.len() as u64;
            if n < g.min_raters {
                notes.push(RaterNote::Dropped { group: g.id.clone(), n, min: g.min_raters });
                continue;
            }
            let mut trimmed = false;
            let mut kept_scores: &[Decimal] = &scores;
            if raters.trim > 0 && n > raters.trim.saturating_mul(2) {
                scores.sort();
                let t = usize::try_from(raters.trim).map_err(|_| ())?;
                kept_scores = scores.get(t..scores.len().saturating_sub(t)).ok_or(())?;
                trimmed = true;
            }
            let total = X::sum(&kept_scores.iter().map(X::from).collect::<Vec<_>>());
            notes.push(RaterNote::Kept {
                group: g.id.clone(),
                total: total.to_decimal(),
                m: kept_scores.len(),
                trimmed,
            });
            kept.push((g.weight, total, kept_scores.len()));
        }
        let wsum = X::sum(&kept.iter().map(|k| X::from(k.0)).collect::<Vec<_>>());
        if kept.is_empty() || wsum.is_zero() {
            return Ok(None);
        }
        // One fraction: Σ W_g T_g / m_g over Σ W_g, summed as exact fractions (the same value
        // as SPEC's Σ W_g T_g (L/m_g) / (L Σ W_g), without the common multiple).
        let mut f = Frac::from(X::zero());
        for (w, t, m) in &kept {
            let part = Frac::new(X::from(*w).mul(t), X::int(i128::try_from(*m).map_err(|_| ())?)).ok_or(())?;
            f = f.add(&part);
        }
        let s = f.div_x(&wsum).ok_or(())?.round(self.def.rounding.dp, self.def.rounding.mode).ok_or(())?;
        Ok(Some((s, Step::Raters(notes))))
    }
}
