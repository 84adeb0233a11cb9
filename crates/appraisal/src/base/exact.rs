//! Exact arithmetic for every formula of the core (SPEC §0: "exact results or a clear error").
//!
//! A value is an integer at a decimal scale ([`X`]: m / 10^s). Sums and products are exact
//! whatever their size: the integer is an `i128` while it fits and widens to a big integer
//! when a product or a sum needs it, so no formula can overflow or silently lose a digit. A
//! formula is ONE fraction ([`Frac`]: n / d); [`Frac::round`] divides once and rounds once:
//! the one rounding function R(x) of the core. Only the final, rounded result must fit the
//! decimal type; when it does not, the caller gets `None` and reports a coded error.

use crate::number::RoundingMode;
use num_bigint::BigInt;
use rust_decimal::Decimal;
use std::cmp::Ordering;

mod more;

/// 10^0 … 10^38: every power of ten an `i128` holds.
pub(crate) const POW10: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// An integer: `i128` while it fits, a big integer beyond.
#[derive(Debug)]
enum Int {
    S(i128),
    B(BigInt),
}

impl Clone for Int {
    #[inline]
    fn clone(&self) -> Self {
        match self {
            Self::S(a) => Self::S(*a),
            Self::B(b) => Self::B(b.clone()),
        }
    }
}

impl Int {
    fn big(&self) -> BigInt {
        match self {
            Self::S(a) => BigInt::from(*a),
            Self::B(b) => b.clone(),
        }
    }

    fn shrink(b: BigInt) -> Self {
        i128::try_from(&b).map_or(Self::B(b), Self::S)
    }

    #[inline]
    fn add(&self, o: &Self) -> Self {
        if let (Self::S(a), Self::S(b)) = (self, o) {
            if let Some(c) = a.checked_add(*b) {
                return Self::S(c);
            }
        }
        self.add_big(o)
    }

    #[cold]
    #[inline(never)]
    fn add_big(&self, o: &Self) -> Self {
        Self::shrink(self.big() + o.big())
    }

    #[inline]
    fn sub(&self, o: &Self) -> Self {
        if let (Self::S(a), Self::S(b)) = (self, o) {
            if let Some(c) = a.checked_sub(*b) {
                return Self::S(c);
            }
        }
        self.sub_big(o)
    }

    #[cold]
    #[inline(never)]
    fn sub_big(&self, o: &Self) -> Self {
        Self::shrink(self.big() - o.big())
    }

    #[inline]
    fn mul(&self, o: &Self) -> Self {
        if let (Self::S(a), Self::S(b)) = (self, o) {
            if let Some(c) = a.checked_mul(*b) {
                return Self::S(c);
            }
        }
        self.mul_big(o)
    }

    #[cold]
    #[inline(never)]
    fn mul_big(&self, o: &Self) -> Self {
        Self::shrink(self.big() * o.big())
    }

    fn neg(&self) -> Self {
        match self {
            Self::S(a) => a.checked_neg().map_or_else(|| Self::B(-BigInt::from(*a)), Self::S),
            Self::B(b) => Self::shrink(-b.clone()),
        }
    }

    #[inline]
    fn pow10(k: u32) -> Self {
        match POW10.get(k as usize) {
            Some(p) => Self::S(*p),
            None => Self::B(BigInt::from(10u8).pow(k)),
        }
    }

    /// Whether this is 1 (a multiplication by it is skipped).
    fn is_one(&self) -> bool {
        matches!(self, Self::S(1))
    }

    fn sign(&self) -> Ordering {
        match self {
            Self::S(a) => a.cmp(&0),
            Self::B(b) => b.sign().cmp(&num_bigint::Sign::NoSign),
        }
    }

    fn cmp_int(&self, o: &Self) -> Ordering {
        match (self, o) {
            (Self::S(a), Self::S(b)) => a.cmp(b),
            _ => self.big().cmp(&o.big()),
        }
    }

    fn abs(&self) -> Self {
        if self.sign() == Ordering::Less {
            self.neg()
        } else {
            self.clone()
        }
    }

    /// Quotient and remainder, truncated toward zero; `None` for a zero divisor.
    fn div_rem(&self, d: &Self) -> Option<(Self, Self)> {
        if d.sign() == Ordering::Equal {
            return None;
        }
        if let (Self::S(a), Self::S(b)) = (self, d) {
            // both in 64 bits (the common case): the hardware's division
            if let (Ok(a), Ok(b)) = (i64::try_from(*a), i64::try_from(*b)) {
                if let (Some(q), Some(r)) = (a.checked_div(b), a.checked_rem(b)) {
                    return Some((Self::S(i128::from(q)), Self::S(i128::from(r))));
                }
            }
            // one division; the remainder from it (b ≠ 0 and not MIN / −1, so both fit)
            if let Some(q) = a.checked_div(*b) {
                if let Some(r) = q.checked_mul(*b).and_then(|qb| a.checked_sub(qb)) {
                    return Some((Self::S(q), Self::S(r)));
                }
            }
        }
        let (a, b) = (self.big(), d.big());
        Some((Self::shrink(&a / &b), Self::shrink(&a % &b)))
    }

    fn is_odd(&self) -> bool {
        match self {
            Self::S(a) => a.rem_euclid(2) == 1,
            Self::B(b) => b.bit(0),
        }
    }

    fn to_i128(&self) -> Option<i128> {
        match self {
            Self::S(a) => Some(*a),
            Self::B(_) => None,
        }
    }
}

/// An exact decimal of any size: m / 10^s.
#[derive(Clone, Debug)]
pub struct X {
    m: Int,
    s: u32,
}

impl Default for X {
    fn default() -> Self {
        Self::zero()
    }
}

impl From<Decimal> for X {
    fn from(d: Decimal) -> Self {
        Self { m: Int::S(d.mantissa()), s: d.scale() }
    }
}

impl From<&Decimal> for X {
    fn from(d: &Decimal) -> Self {
        Self::from(*d)
    }
}

impl From<u64> for X {
    fn from(n: u64) -> Self {
        Self { m: Int::S(i128::from(n)), s: 0 }
    }
}

impl From<i64> for X {
    fn from(n: i64) -> Self {
        Self { m: Int::S(i128::from(n)), s: 0 }
    }
}

impl PartialEq for X {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}

impl Eq for X {}

impl PartialOrd for X {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for X {
    /// Compares the exact values (scales aligned).
    #[inline]
    fn cmp(&self, o: &Self) -> Ordering {
        if let Some((a, b, _)) = self.small_pair(o) {
            return a.cmp(&b);
        }
        let s = self.s.max(o.s);
        self.at(s).cmp_int(&o.at(s))
    }
}

impl X {
    /// Zero.
    pub fn zero() -> Self {
        Self { m: Int::S(0), s: 0 }
    }

    /// An integer.
    pub fn int(n: i128) -> Self {
        Self { m: Int::S(n), s: 0 }
    }

    /// The mantissa at scale `s` (≥ own scale).
    #[inline]
    fn at(&self, s: u32) -> Int {
        if s <= self.s {
            return self.m.clone();
        }
        self.m.mul(&Int::pow10(s.saturating_sub(self.s)))
    }

    /// Both mantissas at the larger scale in `i128`, when they fit (the common case).
    #[inline]
    fn small_pair(&self, o: &Self) -> Option<(i128, i128, u32)> {
        let (Int::S(a), Int::S(b)) = (&self.m, &o.m) else { return None };
        let s = self.s.max(o.s);
        let up = |m: i128, from: u32| -> Option<i128> {
            if from == s {
                Some(m)
            } else {
                m.checked_mul(*POW10.get(s.checked_sub(from)? as usize)?)
            }
        };
        Some((up(*a, self.s)?, up(*b, o.s)?, s))
    }

    /// x + o, exact.
    #[inline]
    pub fn add(&self, o: &Self) -> Self {
        if let Some((a, b, s)) = self.small_pair(o) {
            if let Some(m) = a.checked_add(b) {
                return Self { m: Int::S(m), s };
            }
        }
        let s = self.s.max(o.s);
        Self { m: self.at(s).add(&o.at(s)), s }
    }

    /// x − o, exact.
    #[inline]
    pub fn sub(&self, o: &Self) -> Self {
        if let Some((a, b, s)) = self.small_pair(o) {
            if let Some(m) = a.checked_sub(b) {
                return Self { m: Int::S(m), s };
            }
        }
        let s = self.s.max(o.s);
        Self { m: self.at(s).sub(&o.at(s)), s }
    }

    /// x × o, exact.
    #[inline]
    pub fn mul(&self, o: &Self) -> Self {
        Self { m: self.m.mul(&o.m), s: self.s.saturating_add(o.s) }
    }

    /// −x.
    pub fn neg(&self) -> Self {
        Self { m: self.m.neg(), s: self.s }
    }

    /// |x|.
    pub fn abs(&self) -> Self {
        Self { m: self.m.abs(), s: self.s }
    }

    /// The sign as an ordering against zero.
    pub fn sign(&self) -> Ordering {
        self.m.sign()
    }

    /// Whether x = 1 at scale 0 (a division by it is skipped).
    #[inline]
    fn is_one(&self) -> bool {
        self.s == 0 && self.m.is_one()
    }

    /// Whether x = 0.
    pub fn is_zero(&self) -> bool {
        self.sign() == Ordering::Equal
    }

    /// Sum of many, exact.
    pub fn sum<'a>(xs: impl IntoIterator<Item = &'a Self>) -> Self {
        xs.into_iter().fold(Self::zero(), |a, b| a.add(b))
    }

    /// The exact value as a decimal, trailing zeros dropped when needed to fit; `None` when
    /// the decimal type cannot hold it exactly.
    pub fn to_decimal(&self) -> Option<Decimal> {
        let (mut m, mut s) = (self.m.clone(), self.s);
        loop {
            if s <= 28 {
                if let Some(d) = m.to_i128().and_then(|v| Decimal::try_from_i128_with_scale(v, s).ok()) {
                    let mut d = d;
                    if d.is_zero() {
                        d.set_sign_positive(true);
                    }
                    return Some(d);
                }
            }
            // Drop one trailing zero, if there is one to drop.
            let (q, r) = m.div_rem(&Int::S(10))?;
            if s == 0 || r.sign() != Ordering::Equal {
                return None;
            }
            m = q;
            s = s.saturating_sub(1);
        }
    }
}

/// One fraction n / d with d > 0: a whole SPEC formula, divided and rounded once.
#[derive(Clone, Debug)]
pub struct Frac {
    n: X,
    d: X,
}

impl From<X> for Frac {
    fn from(x: X) -> Self {
        Self { n: x, d: X::int(1) }
    }
}

impl From<Decimal> for Frac {
    fn from(x: Decimal) -> Self {
        Self::from(X::from(x))
    }
}

impl Frac {
    /// n / d; `None` when d = 0.
    pub fn new(n: X, d: X) -> Option<Self> {
        match d.sign() {
            Ordering::Equal => None,
            Ordering::Less => Some(Self { n: n.neg(), d: d.neg() }),
            Ordering::Greater => Some(Self { n, d }),
        }
    }

    /// Σ wᵢvᵢ / Σ wᵢ as one fraction; `None` when Σ wᵢ = 0. Accumulated in `i128` while
    /// every product and sum fits (the common case: a few periods of scores), else exactly
    /// in big integers: the same fraction either way.
    pub fn weighted_mean<I>(pairs: I) -> Option<Self>
    where
        I: Iterator<Item = (Decimal, Decimal)> + Clone,
    {
        // (mantissa, scale) of Σ w·v and Σ w, aligned to the larger scale at each step.
        fn acc(sum: (i128, u32), m: i128, s: u32) -> Option<(i128, u32)> {
            let t = sum.1.max(s);
            let a = sum.0.checked_mul(*POW10.get(t.checked_sub(sum.1)? as usize)?)?;
            let b = m.checked_mul(*POW10.get(t.checked_sub(s)? as usize)?)?;
            Some((a.checked_add(b)?, t))
        }
        let small = pairs.clone().try_fold(((0i128, 0u32), (0i128, 0u32)), |(num, den), (w, v)| {
            let p = w.mantissa().checked_mul(v.mantissa())?;
            Some((acc(num, p, w.scale().checked_add(v.scale())?)?, acc(den, w.mantissa(), w.scale())?))
        });
        let (num, den) = match small {
            Some(((n, ns), (d, ds))) => (X { m: Int::S(n), s: ns }, X { m: Int::S(d), s: ds }),
            None => pairs.fold((X::zero(), X::zero()), |(num, den), (w, v)| {
                let wx = X::from(w);
                (num.add(&wx.mul(&X::from(v))), den.add(&wx))
            }),
        };
        Self::new(num, den)
    }

    /// Compares the fraction with `x` exactly.
    #[inline]
    pub fn cmp_x(&self, x: &X) -> Ordering {
        if self.d.is_one() {
            return self.n.cmp(x);
        }
        self.n.cmp(&x.mul(&self.d))
    }

    /// Limited to [lo, hi] (exact comparisons, before any rounding).
    pub fn clamp(self, lo: &X, hi: &X) -> Self {
        if self.cmp_x(lo) == Ordering::Less {
            Self::from(lo.clone())
        } else if self.cmp_x(hi) == Ordering::Greater {
            Self::from(hi.clone())
        } else {
            self
        }
    }

    /// Limited to [0, 100]: the score scale.
    pub fn clamp100(self) -> Self {
        self.clamp(&X::zero(), &X::int(100))
    }

    /// The sum of two fractions, exact.
    pub fn add(&self, o: &Self) -> Self {
        Self { n: self.n.mul(&o.d).add(&o.n.mul(&self.d)), d: self.d.mul(&o.d) }
    }

    /// The fraction × `num` / `den`; `None` when den = 0.
    pub fn scaled(&self, num: &X, den: &X) -> Option<Self> {
        Self::new(self.n.mul(num), self.d.mul(den))
    }

    /// The fraction divided by a positive `x`; `None` when x = 0.
    pub fn div_x(&self, x: &X) -> Option<Self> {
        Self::new(self.n.clone(), self.d.mul(x))
    }

    /// R(n / d): the exact quotient rounded once at `dp` decimals by `mode`, with exactly `dp`
    /// decimals of scale and never a negative zero. `None` when the rounded value is beyond
    /// the decimal type (or dp > 28).
    pub fn round(&self, dp: u32, mode: RoundingMode) -> Option<Decimal> {
        if dp > 28 {
            return None;
        }
        if let Some(small) = self.round_small(dp, mode) {
            return small;
        }
        // n.m / 10^n.s ÷ d.m / 10^d.s, scaled by 10^dp.
        let (pn, pd) = (Int::pow10(self.d.s.saturating_add(dp)), Int::pow10(self.n.s));
        let num = if pn.is_one() { self.n.m.clone() } else { self.n.m.mul(&pn) };
        let den = if pd.is_one() { self.d.m.clone() } else { self.d.m.mul(&pd) };
        let (q, r) = num.div_rem(&den)?;
        let twice = r.abs().mul(&Int::S(2)).cmp_int(&den);
        let away = mode.away_from_zero(twice, q.is_odd());
        let q = if away && r.sign() != Ordering::Equal {
            if num.sign() == Ordering::Less {
                q.sub(&Int::S(1))
            } else {
                q.add(&Int::S(1))
            }
        } else {
            q
        };
        let mut d = Decimal::try_from_i128_with_scale(q.to_i128()?, dp).ok()?;
        if d.is_zero() {
            d.set_sign_positive(true);
        }
        Some(d)
    }

    /// [`Frac::round`] in `i128` when both sides, scaled, fit (the common case); `None` to
    /// take the general path. Same quotient, remainder and rounding decision.
    /// R(clamp(n / d, 0, 100)): an indicator's score (SPEC §3), the same value as
    /// `clamp100().round(dp, mode)`, in one pass of 128-bit arithmetic when the parts fit.
    pub fn score100(self, dp: u32, mode: RoundingMode) -> Option<Decimal> {
        if let (Int::S(n), Int::S(d), true) = (&self.n.m, &self.d.m, dp <= 26) {
            let num = POW10.get(self.d.s as usize).and_then(|p| n.checked_mul(*p));
            let den = POW10.get(self.n.s as usize).and_then(|p| d.checked_mul(*p));
            if let (Some(num), Some(den)) = (num, den) {
                // d > 0 (the fraction's invariant): the value is num / den.
                if num <= 0 {
                    return Some(Decimal::new(0, dp));
                }
                let top = den.checked_mul(100);
                if top.is_some_and(|t| num >= t) {
                    let m = POW10.get(dp as usize).and_then(|p| p.checked_mul(100))?;
                    return Decimal::try_from_i128_with_scale(m, dp).ok();
                }
                if top.is_some() {
                    let f = Self { n: X { m: Int::S(num), s: 0 }, d: X { m: Int::S(den), s: 0 } };
                    if let Some(r) = f.round_small(dp, mode) {
                        return r;
                    }
                }
            }
        }
        self.clamp100().round(dp, mode)
    }

    fn round_small(&self, dp: u32, mode: RoundingMode) -> Option<Option<Decimal>> {
        let (Int::S(n), Int::S(d)) = (&self.n.m, &self.d.m) else { return None };
        let num = n.checked_mul(*POW10.get(self.d.s.checked_add(dp)? as usize)?)?;
        let den = d.checked_mul(*POW10.get(self.n.s as usize)?)?;
        // d > 0 (the fraction's invariant), so neither division can fail or overflow.
        let (q, r) = match (i64::try_from(num), i64::try_from(den)) {
            (Ok(a), Ok(b)) => (i128::from(a.checked_div(b)?), i128::from(a.checked_rem(b)?)),
            _ => (num.checked_div(den)?, num.checked_rem(den)?),
        };
        // |r| < den ≤ i128::MAX, so 2|r| fits in u128.
        let twice = r.unsigned_abs().checked_mul(2)?.cmp(&den.unsigned_abs());
        let q = if r != 0 && mode.away_from_zero(twice, q.rem_euclid(2) == 1) {
            if num < 0 {
                q.checked_sub(1)?
            } else {
                q.checked_add(1)?
            }
        } else {
            q
        };
        let Ok(mut out) = Decimal::try_from_i128_with_scale(q, dp) else { return Some(None) };
        if out.is_zero() {
            out.set_sign_positive(true);
        }
        Some(Some(out))
    }

    /// The least integer ≥ n / d (`None` beyond i128).
    pub fn ceil(&self) -> Option<i128> {
        let (q, r) = self.n.m.mul(&Int::pow10(self.d.s)).div_rem(&self.d.m.mul(&Int::pow10(self.n.s)))?;
        let q = if r.sign() == Ordering::Greater { q.add(&Int::S(1)) } else { q };
        q.to_i128()
    }

    /// The greatest integer ≤ n / d (`None` beyond i128).
    pub fn floor(&self) -> Option<i128> {
        Self { n: self.n.neg(), d: self.d.clone() }.ceil().map(i128::saturating_neg)
    }

    /// The exact value as a decimal when it has one that the type holds.
    pub fn to_decimal(&self) -> Option<Decimal> {
        // Exact only when the quotient terminates within 28 decimals.
        let r = self.round(28, RoundingMode::Down)?;
        (Self::from(X::from(r)).cmp_frac(self) == Ordering::Equal).then_some(r)
    }

    /// Compares two fractions exactly.
    pub fn cmp_frac(&self, o: &Self) -> Ordering {
        self.n.mul(&o.d).cmp(&o.n.mul(&self.d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn x(s: &str) -> X {
        X::from(d(s))
    }

    #[test]
    fn score100_is_clamp_then_round() {
        // Hand-worked: 200/3 = 66.666.. -> 66.67; -1/7 clamps to 0; 1001/10 clamps to 100.
        let f = |n: &str, den: &str| Frac::new(x(n), x(den)).unwrap();
        assert_eq!(f("200", "3").score100(2, RoundingMode::HalfUp).unwrap().to_string(), "66.67");
        assert_eq!(f("-1", "7").score100(2, RoundingMode::HalfUp).unwrap().to_string(), "0.00");
        assert_eq!(f("1001", "10").score100(1, RoundingMode::HalfUp).unwrap().to_string(), "100.0");
        assert_eq!(f("100", "1").score100(0, RoundingMode::Down).unwrap().to_string(), "100");
        assert_eq!(f("0.125", "1").score100(2, RoundingMode::HalfEven).unwrap().to_string(), "0.12");
        // Against the two steps on a grid of signs, scales, ties, huge parts, modes and dp.
        let parts = [
            "0",
            "1",
            "-1",
            "0.5",
            "2.5",
            "-2.5",
            "99.995",
            "100",
            "100.0001",
            "-0.0001",
            "3",
            "7",
            "0.003",
            "1234567.891",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
        ];
        for n in parts {
            for den in parts.iter().filter(|d| **d != "0" && !d.starts_with("-0.0000000")) {
                let Some(fr) = Frac::new(x(n), x(den)) else { continue };
                for dp in [0, 1, 2, 4, 26, 27, 28, 29] {
                    for mode in [RoundingMode::HalfUp, RoundingMode::HalfEven, RoundingMode::Down] {
                        let want = fr.clone().clamp100().round(dp, mode);
                        assert_eq!(fr.clone().score100(dp, mode), want, "{n}/{den} dp {dp} {mode:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn rounding_once_at_ties_by_mode() {
        let f = |n: &str, den: &str| Frac::new(x(n), x(den)).unwrap();
        assert_eq!(f("2.345", "1").round(2, RoundingMode::HalfUp).unwrap().to_string(), "2.35");
        assert_eq!(f("-2.345", "1").round(2, RoundingMode::HalfUp).unwrap().to_string(), "-2.35");
        assert_eq!(f("2.345", "1").round(2, RoundingMode::HalfEven).unwrap().to_string(), "2.34");
        assert_eq!(f("2.355", "1").round(2, RoundingMode::HalfEven).unwrap().to_string(), "2.36");
        assert_eq!(f("-2.349", "1").round(2, RoundingMode::Down).unwrap().to_string(), "-2.34");
        assert_eq!(f("-0.001", "1").round(2, RoundingMode::Down).unwrap().to_string(), "0.00");
        // 1/3 and 2/3 at 2 decimals; 200/3 = 66.666.. -> 66.67
        assert_eq!(f("1", "3").round(2, RoundingMode::HalfUp).unwrap().to_string(), "0.33");
        assert_eq!(f("200", "3").round(2, RoundingMode::HalfUp).unwrap().to_string(), "66.67");
        assert_eq!(f("200", "-3").round(0, RoundingMode::HalfUp).unwrap().to_string(), "-67");
        assert_eq!(f("7", "1").round(3, RoundingMode::HalfUp).unwrap().to_string(), "7.000");
    }

    #[test]
    fn no_double_rounding_beyond_28_digits() {
        // 50.004999999999999999999999999 (29 significant digits) is below the tie: 50.00,
        // where rounding first to the decimal type's 28 digits would give 50.005, then 50.01.
        let n = x("5000499999999999999999999999").mul(&X::int(10)).add(&X::int(9));
        let f = Frac::new(n, x("1000000000000000000000000000")).unwrap();
        assert_eq!(f.round(2, RoundingMode::HalfUp).unwrap().to_string(), "50.00");
    }

    #[test]
    fn big_products_are_exact() {
        // (1e12 + 1e-16)² - 1e24 = 2e-4 + 1e-32, beyond i128 at scale 32.
        let a = x("1000000000000.0000000000000001");
        let sq = a.mul(&a).sub(&x("1000000000000000000000000"));
        assert_eq!(Frac::from(sq.clone()).round(4, RoundingMode::HalfUp).unwrap().to_string(), "0.0002");
        assert_eq!(sq.to_decimal(), None, "2e-4 + 1e-32 needs 32 decimals");
        assert_eq!(x("2.50").mul(&x("4")).to_decimal().unwrap().to_string(), "10.00");
        assert_eq!(Frac::new(x("1"), x("3")).unwrap().to_decimal(), None);
        assert_eq!(Frac::new(x("1"), x("8")).unwrap().to_decimal(), Some(d("0.125")));
    }

    #[test]
    fn clamping_is_exact_and_before_rounding() {
        let huge = Frac::new(x("100"), x("0.0000000000000000000000000001")).unwrap();
        assert_eq!(huge.clamp100().round(2, RoundingMode::HalfUp).unwrap().to_string(), "100.00");
        let tiny = Frac::new(x("-1"), x("3")).unwrap();
        assert_eq!(tiny.clamp100().round(2, RoundingMode::HalfUp).unwrap().to_string(), "0.00");
        assert_eq!(Frac::new(x("7"), x("2")).unwrap().ceil(), Some(4));
        assert_eq!(Frac::new(x("-7"), x("2")).unwrap().ceil(), Some(-3));
    }

    #[test]
    fn weighted_means_agree_in_64_and_128_bits_and_beyond() {
        let mean = |pairs: &[(&str, &str)]| {
            let v: Vec<(Decimal, Decimal)> = pairs.iter().map(|(w, x)| (d(w), d(x))).collect();
            Frac::weighted_mean(v.into_iter()).map(|f| f.round(2, RoundingMode::HalfUp).unwrap().to_string())
        };
        // (90.5 + 80.25 + 70) / 3 = 80.25 exactly; 1:2 weights of 90 and 60.5 = 70.333… → 70.33
        assert_eq!(mean(&[("1", "90.5"), ("1", "80.25"), ("1", "70")]).as_deref(), Some("80.25"));
        assert_eq!(mean(&[("0.5", "90"), ("1.0", "60.5")]).as_deref(), Some("70.33"));
        assert_eq!(mean(&[("0", "90")]), None, "all weights zero: nothing to average");
        // Products beyond i128 (28-digit mantissas): the big-integer path, same fraction.
        // w = 79228162514264337593543950335 (max), values 1 and 3: mean 2 exactly.
        let m = "79228162514264337593543950335";
        assert_eq!(
            mean(&[(m, "1.0000000000000000000000000001"), (m, "2.9999999999999999999999999999")]).as_deref(),
            Some("2.00")
        );
        // 1e-28 weights against a value with 28 decimals: scales 56, beyond every power in i128.
        let t = "0.0000000000000000000000000001";
        assert_eq!(mean(&[(t, "50.0000000000000000000000000001"), (t, "50")]).as_deref(), Some("50.00"));
    }
}
