//! Exact fractions for statistics (issue 15): products, differences, absolute values,
//! directed rounding (floor and ceiling at a number of decimals), and square roots bounded
//! from below and above, so a reported interval always contains the exact one.

use super::{Frac, Int, X};
use num_bigint::BigInt;
use rust_decimal::Decimal;
use std::cmp::Ordering;

impl Frac {
    /// The product of two fractions, exact.
    pub fn mul(&self, o: &Self) -> Self {
        Self { n: self.n.mul(&o.n), d: self.d.mul(&o.d) }
    }

    /// The quotient of two fractions; `None` when `o` is 0.
    pub fn div(&self, o: &Self) -> Option<Self> {
        Self::new(self.n.mul(&o.d), self.d.mul(&o.n))
    }

    /// −f.
    pub fn neg(&self) -> Self {
        Self { n: self.n.neg(), d: self.d.clone() }
    }

    /// The difference of two fractions, exact.
    pub fn sub(&self, o: &Self) -> Self {
        self.add(&o.neg())
    }

    /// |f|.
    pub fn abs(&self) -> Self {
        Self { n: self.n.abs(), d: self.d.clone() }
    }

    /// The sign of the fraction (d > 0).
    pub fn sign(&self) -> Ordering {
        self.n.sign()
    }

    /// The greatest decimal with `dp` decimals ≤ f (`None` beyond the decimal type).
    pub fn floor_dp(&self, dp: u32) -> Option<Decimal> {
        let q = self.scaled(&X { m: Int::pow10(dp), s: 0 }, &X::int(1))?;
        Decimal::try_from_i128_with_scale(q.floor()?, dp).ok()
    }

    /// The least decimal with `dp` decimals ≥ f (`None` beyond the decimal type).
    pub fn ceil_dp(&self, dp: u32) -> Option<Decimal> {
        let q = self.scaled(&X { m: Int::pow10(dp), s: 0 }, &X::int(1))?;
        Decimal::try_from_i128_with_scale(q.ceil()?, dp).ok()
    }

    /// √f bounded at `dp` decimals: (the greatest decimal ≤ √f, the least ≥ √f), equal when
    /// √f has at most `dp` decimals. `None` for f < 0 or beyond the decimal type.
    pub fn sqrt_bounds(&self, dp: u32) -> Option<(Decimal, Decimal)> {
        if self.sign() == Ordering::Less || dp > 28 {
            return None;
        }
        // f = N / D with integers N = n.m · 10^d.s, D = d.m · 10^n.s (D > 0).
        let big = |x: &X, s: u32| x.m.big() * Int::pow10(s).big();
        let (n, d) = (big(&self.n, self.d.s), big(&self.d, self.n.s));
        let scaled = n * Int::pow10(dp.checked_mul(2)?).big();
        let q = &scaled / &d;
        let lo: BigInt = q.sqrt();
        let exact = &lo * &lo * &d == scaled;
        let hi = if exact { lo.clone() } else { &lo + 1 };
        let dec = |x: BigInt| Decimal::try_from_i128_with_scale(i128::try_from(x).ok()?, dp).ok();
        Some((dec(lo)?, dec(hi)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(n: &str, d: &str) -> Frac {
        Frac::new(X::from(n.parse::<Decimal>().unwrap()), X::from(d.parse::<Decimal>().unwrap())).unwrap()
    }

    #[test]
    fn roots_and_directed_rounding_by_hand() {
        // √2 = 1.41421356…: 1.4142 ≤ √2 ≤ 1.4143 at 4 decimals.
        assert_eq!(f("2", "1").sqrt_bounds(4).unwrap(), ("1.4142".parse().unwrap(), "1.4143".parse().unwrap()));
        // √(9/4) = 1.5 exactly: both bounds 1.50.
        assert_eq!(f("9", "4").sqrt_bounds(2).unwrap(), ("1.50".parse().unwrap(), "1.50".parse().unwrap()));
        // √0.0001 = 0.01.
        assert_eq!(f("0.0001", "1").sqrt_bounds(3).unwrap(), ("0.010".parse().unwrap(), "0.010".parse().unwrap()));
        assert!(f("-1", "1").sqrt_bounds(2).is_none());
        // −2/3 = −0.666…: floor −0.67, ceil −0.66; 2/3: floor 0.66, ceil 0.67.
        assert_eq!(f("-2", "3").floor_dp(2).unwrap().to_string(), "-0.67");
        assert_eq!(f("-2", "3").ceil_dp(2).unwrap().to_string(), "-0.66");
        assert_eq!(f("2", "3").floor_dp(2).unwrap().to_string(), "0.66");
        assert_eq!(f("2", "3").ceil_dp(2).unwrap().to_string(), "0.67");
        // (1/3 − 1/2) × 6 = −1; |−1| = 1.
        let x = f("1", "3").sub(&f("1", "2")).mul(&f("6", "1"));
        assert_eq!(x.abs().round(0, crate::number::RoundingMode::HalfUp).unwrap().to_string(), "1");
        assert_eq!(x.sign(), Ordering::Less);
    }
}
