//! Format 2's scoring rules (SPEC §8): deduction pools, coverage over relative weights and
//! scoped indicators, the rating beside the total. Each is one exact fraction, rounded once
//! by the caller with the one rounding function.

use crate::exact::{Frac, X};
use crate::rubric::Rubric;
use crate::scheme::{Category, Pool, RatingMap};
use rust_decimal::Decimal;

/// SPEC §8.3: S_c = max(floor, full − Σ d_i), d_i = full_i − s_i over the measured items
/// (`scores` in the category's order, `None` where not measured); `None` when no item was
/// measured (the category is N/A, under `zero` too).
pub(super) fn pool_score(pool: &Pool, cat: &Category, scores: &[Option<Decimal>]) -> Option<X> {
    let mut left = X::from(pool.full);
    let mut any = false;
    for (ind, s) in cat.indicators.iter().zip(scores) {
        let (Some(s), Rubric::Deduction { full, .. }) = (s, &ind.rubric) else { continue };
        any = true;
        left = left.sub(&X::from(*full).sub(&X::from(*s)));
    }
    any.then(|| left.max(X::from(pool.floor)))
}

/// Coverage in format 2 (SPEC §8.1, §8.6): K = 100 × Σ_c [W_c × M_c / S_c] / Σ_c W_c, one
/// exact fraction. Categories are added one by one.
#[derive(Debug, Default)]
pub(super) struct Coverage {
    /// Σ_c W_c × M_c / S_c
    share: Option<Frac>,
    /// Σ_c W_c over the categories that take part
    weight: X,
}

impl Coverage {
    /// A category of weight `w` with in-scope weight `in_scope` (S_c), of which `measured`
    /// (M_c) was measured. A category with nothing in scope (S_c = 0) is left out.
    pub(super) fn add(&mut self, w: Decimal, measured: &X, in_scope: &X) {
        let Some(part) = Frac::new(X::from(w).mul(measured), in_scope.clone()) else { return };
        self.weight = self.weight.add(&X::from(w));
        self.share = Some(match &self.share {
            Some(s) => s.add(&part),
            None => part,
        });
    }

    /// 100 × share / Σ W_c; 0 when no category takes part (or their weights are all 0).
    pub(super) fn value(&self) -> Frac {
        match &self.share {
            Some(s) if !self.weight.is_zero() => {
                s.scaled(&X::int(100), &self.weight).unwrap_or_else(|| Frac::from(X::zero()))
            }
            _ => Frac::from(X::zero()),
        }
    }
}

/// SPEC §8.2: the rating of a total, the map's piecewise value (constant beyond its ends),
/// unrounded.
pub(super) fn rating(map: &RatingMap, total: Decimal) -> Option<Frac> {
    crate::rubric::piecewise(&map.points, total, false).map(|(f, _)| f)
}
