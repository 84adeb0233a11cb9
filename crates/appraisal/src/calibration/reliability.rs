//! Inter-rater reliability (issue 15, point 3): Krippendorff's alpha (nominal, ordinal,
//! interval; missing ratings allowed) and the intraclass correlations ICC(2,1) and ICC(3,1)
//! of Shrout & Fleiss. Each statistic is ONE exact fraction of sums (no float, no square
//! root), divided and rounded once by the core's rounding function.

use crate::exact::{Frac, X};
use crate::number::RoundingMode;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The level of measurement of Krippendorff's alpha: which difference between two ratings
/// counts as disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Any two different values disagree by 1.
    Nominal,
    /// Ranks: the disagreement of c and k grows with how many ratings lie between them.
    Ordinal,
    /// Differences: (c − k)².
    Interval,
}

impl Metric {
    /// Every metric, in the order reports list them.
    pub const ALL: [Self; 3] = [Self::Nominal, Self::Ordinal, Self::Interval];

    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Nominal => "nominal",
            Self::Ordinal => "ordinal",
            Self::Interval => "interval",
        }
    }
}

fn count(n: usize) -> X {
    X::int(i128::try_from(n).unwrap_or(i128::MAX))
}

/// The distinct values of `values`, ascending, and how often each occurs.
fn tally(values: &[Decimal]) -> Vec<(Decimal, usize)> {
    let mut v: Vec<Decimal> = values.to_vec();
    v.sort_by(|a, b| crate::number::cmp(*a, *b));
    let mut out: Vec<(Decimal, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((y, n)) if crate::number::cmp(*y, x).is_eq() => *n = n.saturating_add(1),
            _ => out.push((x, 1)),
        }
    }
    out
}

/// The sum over ordered pairs of the tallied values, Σ_c Σ_k n_c n_k δ(c, k), with δ from
/// `metric` (`rank`: a value's ordinal position 2·cum − n over all pairable values; ordinal
/// δ is then (rank_c − rank_k)², four times Krippendorff's, a factor that cancels).
fn pair_sum(t: &[(Decimal, usize)], metric: Metric, rank: &dyn Fn(Decimal) -> X) -> X {
    match metric {
        // m² − Σ n_c²
        Metric::Nominal => {
            let m = t.iter().fold(X::zero(), |a, (_, n)| a.add(&count(*n)));
            let sq = t.iter().fold(X::zero(), |a, (_, n)| a.add(&count(*n).mul(&count(*n))));
            m.mul(&m).sub(&sq)
        }
        // 2 (m Σ n x² − (Σ n x)²)
        Metric::Interval => {
            let (mut m, mut s, mut s2) = (X::zero(), X::zero(), X::zero());
            for (x, n) in t {
                let (x, n) = (X::from(*x), count(*n));
                m = m.add(&n);
                s = s.add(&n.mul(&x));
                s2 = s2.add(&n.mul(&x).mul(&x));
            }
            X::int(2).mul(&m.mul(&s2).sub(&s.mul(&s)))
        }
        // Σ_c Σ_k n_c n_k (rank_c − rank_k)², by the interval identity on ranks.
        Metric::Ordinal => {
            let (mut m, mut s, mut s2) = (X::zero(), X::zero(), X::zero());
            for (x, n) in t {
                let (r, n) = (rank(*x), count(*n));
                m = m.add(&n);
                s = s.add(&n.mul(&r));
                s2 = s2.add(&n.mul(&r).mul(&r));
            }
            X::int(2).mul(&m.mul(&s2).sub(&s.mul(&s)))
        }
    }
}

/// Krippendorff's alpha as one exact fraction: `units` holds, per unit (a contact, an
/// employee), the ratings it received, missing ones simply left out. Units with fewer than
/// two ratings are not pairable and do not count. α = 1 − (n − 1) Σ_u D_u / (m_u − 1) / D,
/// with n the pairable ratings, D_u the unit's and D all pairable ratings' sums of δ over
/// ordered pairs. `None` when there are no pairable ratings or they never differ (D = 0:
/// alpha is undefined).
pub fn alpha_exact(units: &[Vec<Decimal>], metric: Metric) -> Option<Frac> {
    let pairable: Vec<&Vec<Decimal>> = units.iter().filter(|u| u.len() >= 2).collect();
    let all: Vec<Decimal> = pairable.iter().flat_map(|u| u.iter().copied()).collect();
    let n = all.len();
    let total = tally(&all);
    // rank of value c: 2·(n_1 + … + n_c) − n_c (twice Krippendorff's cumulative midpoint).
    let mut ranks: Vec<(Decimal, X)> = Vec::with_capacity(total.len());
    let mut cum = X::zero();
    for (x, c) in &total {
        cum = cum.add(&count(*c));
        ranks.push((*x, X::int(2).mul(&cum).sub(&count(*c))));
    }
    // `ranks` is sorted by value: a binary search per value.
    let rank = |x: Decimal| {
        ranks
            .binary_search_by(|(y, _)| crate::number::cmp(*y, x))
            .ok()
            .and_then(|i| ranks.get(i))
            .map_or_else(X::zero, |(_, r)| r.clone())
    };
    let d = pair_sum(&total, metric, &rank);
    if n < 2 || d.sign().is_le() {
        return None;
    }
    // Σ_u D_u / (m_u − 1) as num / den, units grouped by m_u.
    let mut by_m: std::collections::BTreeMap<usize, X> = std::collections::BTreeMap::new();
    for u in &pairable {
        let du = pair_sum(&tally(u), metric, &rank);
        let s = by_m.entry(u.len()).or_insert_with(X::zero);
        *s = s.add(&du);
    }
    let (mut num, mut den) = (X::zero(), X::int(1));
    for (m, s) in by_m {
        let m1 = count(m.saturating_sub(1));
        num = num.mul(&m1).add(&s.mul(&den));
        den = den.mul(&m1);
    }
    // α = (den·D − (n − 1)·num) / (den·D)
    let bottom = den.mul(&d);
    Frac::new(bottom.sub(&count(n.saturating_sub(1)).mul(&num)), bottom)
}

/// [`alpha_exact`] rounded once to `dp` decimals by `mode`.
pub fn alpha(units: &[Vec<Decimal>], metric: Metric, dp: u32, mode: RoundingMode) -> Option<Decimal> {
    alpha_exact(units, metric)?.round(dp, mode)
}

/// ICC(2,1) (two-way random effects, absolute agreement, single rater) and ICC(3,1)
/// (two-way mixed, consistency, single rater) of a complete table: one row per target, one
/// column per rater, as exact fractions. From the two-way ANOVA with n targets and k raters
/// (row sums R_i, column sums C_j, total S, N = nk): with A = nΣR_i² − S², B = kΣC_j² − S²,
/// E = NΣx² − S² − A − B (N times the sums of squares), r = A(k − 1), c = B(n − 1):
/// ICC(3,1) = (r − E) / (r + (k − 1)E) and ICC(2,1) = n(r − E) / (nr + n(k − 1)E + k(c − E)).
/// `None` for fewer than 2 targets or raters, rows of different lengths, or a zero
/// denominator.
pub fn icc_exact(rows: &[Vec<Decimal>]) -> Option<(Option<Frac>, Option<Frac>)> {
    let n = rows.len();
    let k = rows.first()?.len();
    if n < 2 || k < 2 || rows.iter().any(|r| r.len() != k) {
        return None;
    }
    let (nx, kx) = (count(n), count(k));
    let big_n = nx.mul(&kx);
    let mut s = X::zero();
    let mut sq = X::zero();
    let mut r2 = X::zero();
    let mut cols = vec![X::zero(); k];
    for row in rows {
        let mut r = X::zero();
        for (j, v) in row.iter().enumerate() {
            let x = X::from(*v);
            r = r.add(&x);
            sq = sq.add(&x.mul(&x));
            if let Some(c) = cols.get_mut(j) {
                *c = c.add(&x);
            }
        }
        s = s.add(&r);
        r2 = r2.add(&r.mul(&r));
    }
    let c2 = cols.iter().fold(X::zero(), |a, c| a.add(&c.mul(c)));
    let ss = s.mul(&s);
    let a = nx.mul(&r2).sub(&ss);
    let b = kx.mul(&c2).sub(&ss);
    let e = big_n.mul(&sq).sub(&ss).sub(&a).sub(&b);
    let (n1, k1) = (count(n.saturating_sub(1)), count(k.saturating_sub(1)));
    let r = a.mul(&k1);
    let c = b.mul(&n1);
    let icc3 = Frac::new(r.sub(&e), r.add(&k1.mul(&e)));
    let icc2 = Frac::new(nx.mul(&r.sub(&e)), nx.mul(&r).add(&nx.mul(&k1).mul(&e)).add(&kx.mul(&c.sub(&e))));
    Some((icc2, icc3))
}

/// ICC(2,1) and ICC(3,1) of [`icc_exact`], each rounded once to `dp` decimals by `mode`.
pub fn icc(rows: &[Vec<Decimal>], dp: u32, mode: RoundingMode) -> Option<(Option<Decimal>, Option<Decimal>)> {
    let (a, b) = icc_exact(rows)?;
    Some((a.and_then(|f| f.round(dp, mode)), b.and_then(|f| f.round(dp, mode))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn units(rows: &[&[&str]]) -> Vec<Vec<Decimal>> {
        rows.iter().map(|u| u.iter().map(|s| d(s)).collect()).collect()
    }

    #[test]
    fn alpha_by_hand() {
        // Two raters, three units: (1,1), (1,2), (2,2). n = 6; values 1 ×3, 2 ×3.
        // Nominal: D = 6² − 3² − 3² = 18; units' D_u: 0, 2, 0, each over m − 1 = 1: 2.
        // α = 1 − 5 × 2 / 18 = 8/18 = 0.444…
        let u = units(&[&["1", "1"], &["1", "2"], &["2", "2"]]);
        assert_eq!(alpha(&u, Metric::Nominal, 4, RoundingMode::HalfUp), Some(d("0.4444")));
        // Interval: the same here (δ = (1 − 2)² = 1 for every disagreeing pair).
        assert_eq!(alpha(&u, Metric::Interval, 4, RoundingMode::HalfUp), Some(d("0.4444")));
        // Ordinal with two values: rank(1) = 2·3 − 3 = 3, rank(2) = 2·6 − 3 = 9: δ = 36 per
        // disagreeing pair in D and in D_u alike: the same 0.4444.
        assert_eq!(alpha(&u, Metric::Ordinal, 4, RoundingMode::HalfUp), Some(d("0.4444")));
        // Perfect agreement with variation: 1.
        let u = units(&[&["1", "1"], &["3", "3"], &["2", "2", "2"]]);
        assert_eq!(alpha(&u, Metric::Interval, 2, RoundingMode::HalfUp), Some(d("1.00")));
        // No variation at all: undefined. A unit of one rating is not pairable.
        assert_eq!(alpha(&units(&[&["4", "4"], &["4", "4"]]), Metric::Nominal, 2, RoundingMode::HalfUp), None);
        assert_eq!(alpha(&units(&[&["1"], &["2"]]), Metric::Nominal, 2, RoundingMode::HalfUp), None);
    }

    #[test]
    fn alpha_interval_three_values_by_hand() {
        // Units (1,2), (3,3): n = 4, values 1,2,3,3. D (ordered pairs): 2 × [(1−2)² + 2(1−3)²
        // + 2(2−3)² + 0] = 2 × (1 + 8 + 2) = 22. D_u: 2 × 1 = 2 and 0. α = 1 − 3 × 2 / 22 = 8/11.
        let u = units(&[&["1", "2"], &["3", "3"]]);
        assert_eq!(alpha(&u, Metric::Interval, 6, RoundingMode::HalfUp), Some(d("0.727273")));
        // Nominal: D = 16 − (1 + 1 + 4) = 10; D_u = 2; α = 1 − 3 × 2 / 10 = 0.4.
        assert_eq!(alpha(&u, Metric::Nominal, 6, RoundingMode::HalfUp), Some(d("0.400000")));
        // Ordinal: ranks 2·1 − 1 = 1, 2·2 − 1 = 3, 2·4 − 2 = 6. D = 2 × [(1−3)² + 2(1−6)² +
        // 2(3−6)²] = 2 × (4 + 50 + 18) = 144; D_u = 2 × 4 = 8; α = 1 − 3 × 8 / 144 = 5/6.
        assert_eq!(alpha(&u, Metric::Ordinal, 6, RoundingMode::HalfUp), Some(d("0.833333")));
    }

    #[test]
    fn icc_by_hand() {
        // 3 targets × 2 raters: (1,2), (3,3), (5,4). S = 18, N = 6, Σx² = 64.
        // R = 3, 6, 9 → ΣR² = 126; C = 9, 9 → ΣC² = 162.
        // A = 3·126 − 324 = 54; B = 2·162 − 324 = 0; E = 6·64 − 324 − 54 − 0 = 6.
        // r = 54, c = 0. ICC(3,1) = 48 / 60 = 0.8; ICC(2,1) = 3·48 / (162 + 18 + 2(0 − 6)) = 144/168.
        let rows = units(&[&["1", "2"], &["3", "3"], &["5", "4"]]);
        let (i2, i3) = icc(&rows, 6, RoundingMode::HalfUp).unwrap();
        assert_eq!(i3, Some(d("0.800000")));
        assert_eq!(i2, Some(d("0.857143")));
        assert!(icc(&units(&[&["1", "2"]]), 2, RoundingMode::HalfUp).is_none());
        assert!(icc(&units(&[&["1", "2"], &["1"]]), 2, RoundingMode::HalfUp).is_none());
    }
}
