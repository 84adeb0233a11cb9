//! Money (SPEC §7): prorated bonuses and bonus-pool splits that sum to the pool exactly.

use crate::error::{ErrorCode as C, Issue};
use crate::exact::{Frac, X};
use crate::number::{exact, round, RoundingMode};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// bonus = R_money(base × coefficient × months_served / months_in_period), one fraction.
/// `money_dp`: a number of decimals, or `None` for the default ([`DEFAULT_MONEY_DP`]).
///
/// [`DEFAULT_MONEY_DP`]: crate::number::DEFAULT_MONEY_DP
pub fn bonus(
    base: Decimal,
    coefficient: Decimal,
    months_served: Decimal,
    months_in_period: Decimal,
    money_dp: impl Into<Option<u32>>,
    mode: RoundingMode,
) -> Result<Decimal, Issue> {
    let money_dp = money_dp.into().unwrap_or(crate::number::DEFAULT_MONEY_DP);
    if money_dp > 10 {
        return Err(Issue::new(C::InvalidValue, "money_dp", format!("money_dp is an integer 0-10, found {money_dp}")));
    }
    if base < Decimal::ZERO {
        return Err(Issue::new(C::InvalidValue, "base", format!("base must be >= 0, found {}", exact(base))));
    }
    if coefficient < Decimal::ZERO {
        return Err(Issue::new(
            C::InvalidValue,
            "coefficient",
            format!("coefficient must be >= 0, found {}", exact(coefficient)),
        ));
    }
    if months_in_period <= Decimal::ZERO {
        return Err(Issue::new(C::InvalidValue, "months_in_period", "months_in_period must be > 0"));
    }
    if months_served < Decimal::ZERO || months_served > months_in_period {
        return Err(Issue::new(
            C::InvalidValue,
            "months_served",
            format!("months_served must be within [0, {}], found {}", exact(months_in_period), exact(months_served)),
        ));
    }
    // One exact fraction, rounded once.
    let num = X::from(base).mul(&X::from(coefficient)).mul(&X::from(months_served));
    Frac::new(num, X::from(months_in_period))
        .and_then(|f| f.round(money_dp, mode))
        .ok_or_else(|| Issue::new(C::LimitExceeded, "base", "the amount is beyond the exact decimal range"))
}

/// Splits a pool in proportion to `weights` (each ≥ 0; e.g. base × coefficient × months
/// served). Every part is the exact share rounded DOWN to `money_dp`; the leftover smallest
/// units go one each to the largest remainders, ties to the earlier entry; so the parts sum
/// to the pool exactly. The pool is ≥ 0 with at most `money_dp` decimals.
pub fn split_pool(
    pool: Decimal,
    weights: &[Decimal],
    money_dp: impl Into<Option<u32>>,
) -> Result<Vec<Decimal>, Vec<Issue>> {
    let money_dp = money_dp.into().unwrap_or(crate::number::DEFAULT_MONEY_DP);
    let mut issues = Vec::new();
    if money_dp > 10 {
        return Err(vec![Issue::new(
            C::InvalidValue,
            "money_dp",
            format!("money_dp is an integer 0-10, found {money_dp}"),
        )]);
    }
    if pool < Decimal::ZERO {
        issues.push(Issue::new(C::InvalidValue, "pool", format!("the pool must be >= 0, found {}", exact(pool))));
    } else if exact(pool).scale() > money_dp {
        issues.push(Issue::new(
            C::InvalidValue,
            "pool",
            format!("the pool must be a whole number of money units ({money_dp} decimals)"),
        ));
    }
    for (i, w) in weights.iter().enumerate() {
        if *w < Decimal::ZERO {
            issues.push(Issue::new(
                C::NegativeWeight,
                format!("weights[{i}]"),
                format!("weights must be >= 0, found {}", exact(*w)),
            ));
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    if weights.iter().all(Decimal::is_zero) {
        if pool.is_zero() {
            return Ok(weights.iter().map(|_| round(Decimal::ZERO, money_dp, RoundingMode::Down)).collect());
        }
        return Err(vec![Issue::new(C::InvalidValue, "weights", "a non-zero pool needs at least one weight > 0")]);
    }
    // Integer arithmetic: weights scaled to integers, the pool in smallest units.
    let scale = weights.iter().map(|w| exact(*w).scale()).max().unwrap_or(0);
    let too_large = || vec![Issue::new(C::InvalidValue, "pool", "amounts too large to split exactly")];
    let to_int = |d: Decimal, s: u32| -> Option<u128> {
        let mut x = d;
        x.rescale(s);
        if x.scale() != s {
            return None;
        }
        x.mantissa().to_u128()
    };
    let ws: Vec<u128> = weights.iter().map(|w| to_int(*w, scale)).collect::<Option<_>>().ok_or_else(too_large)?;
    let units = to_int(pool, money_dp).ok_or_else(too_large)?;
    let total: u128 = ws.iter().try_fold(0u128, |a, w| a.checked_add(*w)).ok_or_else(too_large)?;
    let mut parts = Vec::with_capacity(ws.len());
    let mut rems = Vec::with_capacity(ws.len());
    for w in &ws {
        let p = units.checked_mul(*w).ok_or_else(too_large)?;
        parts.push(p.checked_div(total).ok_or_else(too_large)?);
        rems.push(p.checked_rem(total).ok_or_else(too_large)?);
    }
    let given: u128 = parts.iter().try_fold(0u128, |a, p| a.checked_add(*p)).ok_or_else(too_large)?;
    let mut left = units.saturating_sub(given); // < number of parts with a remainder
    let mut order: Vec<usize> = (0..ws.len()).collect();
    order.sort_by(|&a, &b| rems[b].cmp(&rems[a]).then(a.cmp(&b)));
    for &i in &order {
        if left == 0 {
            break;
        }
        parts[i] = parts[i].saturating_add(1);
        left = left.saturating_sub(1);
    }
    parts
        .into_iter()
        .map(|p| {
            let m = i128::try_from(p).ok()?;
            Decimal::try_from_i128_with_scale(m, money_dp).ok()
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(too_large)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn prorated_bonus() {
        // 8000 × 1.2 × 5 / 12 = 4000 exactly; 5000 × 1.1 × 7 / 12 = 3208.333.. -> 3208.33
        assert_eq!(
            bonus(d("8000"), d("1.2"), d("5"), d("12"), 2, RoundingMode::HalfUp).unwrap().to_string(),
            "4000.00"
        );
        assert_eq!(
            bonus(d("5000"), d("1.1"), d("7"), d("12"), 2, RoundingMode::HalfUp).unwrap().to_string(),
            "3208.33"
        );
        // 1000 × 1 × 1 / 8 = 125 at 0 dp; 1000 × 1.005 / 1 = 1005 ; 10.005 half_even at 2 -> 10.00, half_up 10.01
        assert_eq!(bonus(d("10.005"), d("1"), d("1"), d("1"), 2, RoundingMode::HalfEven).unwrap().to_string(), "10.00");
        assert_eq!(bonus(d("10.005"), d("1"), d("1"), d("1"), 2, RoundingMode::HalfUp).unwrap().to_string(), "10.01");
        assert_eq!(
            bonus(d("10"), d("1"), d("13"), d("12"), 2, RoundingMode::HalfUp).unwrap_err().path,
            "months_served"
        );
    }

    #[test]
    fn pool_split_leftover_cents() {
        // 100.00 in three equal parts: 33.333.. each -> 33.33 ×3 = 99.99; one cent to the first (ties: input order)
        let p = split_pool(d("100"), &[d("1"), d("1"), d("1")], 2).unwrap();
        assert_eq!(p.iter().map(|x| x.to_string()).collect::<Vec<_>>(), ["33.34", "33.33", "33.33"]);
        // 10 split 1:2:3 at 0 dp: 1.666.., 3.333.., 5 -> 1, 3, 5 (= 9); remainders 2/3, 1/3, 0 -> first gets 1: 2, 3, 5
        let p = split_pool(d("10"), &[d("1"), d("2"), d("3")], 0).unwrap();
        assert_eq!(p.iter().map(|x| x.to_string()).collect::<Vec<_>>(), ["2", "3", "5"]);
        // weights with decimals: 0.5 and 0.25 of 7.00 -> 4.666.. and 2.333.. -> 4.66 + 2.33 = 6.99; remainders .666 > .333
        let p = split_pool(d("7"), &[d("0.5"), d("0.25")], 2).unwrap();
        assert_eq!(p.iter().map(|x| x.to_string()).collect::<Vec<_>>(), ["4.67", "2.33"]);
        assert_eq!(split_pool(d("0"), &[d("0"), d("0")], 2).unwrap().len(), 2);
        assert!(split_pool(d("5"), &[d("0")], 2).is_err());
        assert_eq!(split_pool(d("5.001"), &[d("1")], 2).unwrap_err()[0].path, "pool");
        assert_eq!(split_pool(d("5"), &[d("1"), d("-1")], 2).unwrap_err()[0].code, C::NegativeWeight);
    }
}
