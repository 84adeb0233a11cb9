//! Indicator analytics (handbook 6.4, continuous improvement): over a population's
//! scorecards, per indicator: mean, spread, percentiles, shares at full marks and at zero,
//! N/A share, and flags for indicators that no longer discriminate or are mostly N/A.

use crate::exact::{Frac, X};
use crate::number::round;
use crate::scheme::Scheme;
use crate::score::{IndicatorStatus, Scorecard};
use rust_decimal::Decimal;
use serde::Serialize;

/// Statistics of one indicator. Scores and shares are rounded with the scheme's rounding;
/// percentiles are nearest-rank (the ⌈p·m/100⌉-th smallest of the m measured scores).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorStats {
    /// Indicator id.
    pub id: String,
    /// Results looked at.
    pub results: usize,
    /// Results where it was measured.
    pub measured: usize,
    /// Percent not applicable.
    #[serde(with = "rust_decimal::serde::str")]
    pub na_share: Decimal,
    /// Mean score.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub mean: Option<Decimal>,
    /// Lowest score.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub min: Option<Decimal>,
    /// 25th percentile.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub p25: Option<Decimal>,
    /// Median (50th percentile).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub median: Option<Decimal>,
    /// 75th percentile.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub p75: Option<Decimal>,
    /// Highest score.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub max: Option<Decimal>,
    /// Spread: max − min.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub range: Option<Decimal>,
    /// Percent of measured results at 100.
    #[serde(with = "rust_decimal::serde::str")]
    pub full_share: Decimal,
    /// Percent of measured results at 0.
    #[serde(with = "rust_decimal::serde::str")]
    pub zero_share: Decimal,
    /// `does_not_discriminate` (full-marks share ≥ the threshold), `mostly_not_applicable`
    /// (N/A share ≥ the threshold).
    pub flags: Vec<&'static str>,
}

fn nearest_rank(sorted: &[Decimal], p: u32) -> Option<Decimal> {
    if sorted.is_empty() {
        return None;
    }
    let m = sorted.len() as u64;
    let rank = u64::from(p).checked_mul(m)?.div_ceil(100).max(1);
    sorted.get(usize::try_from(rank.saturating_sub(1)).ok()?).copied()
}

/// The default share at full marks (percent) from which an indicator "does not discriminate".
pub const DEFAULT_FULL_THRESHOLD: Decimal = Decimal::from_parts(90, 0, 0, false, 0);
/// The default share of N/A results (percent) from which an indicator is "mostly N/A".
pub const DEFAULT_NA_THRESHOLD: Decimal = Decimal::from_parts(50, 0, 0, false, 0);

/// Analytics per indicator, in scheme order. `full_threshold` and `na_threshold` are percents
/// (`None`: [`DEFAULT_FULL_THRESHOLD`] 90 and [`DEFAULT_NA_THRESHOLD`] 50).
pub fn indicator_analytics(
    scheme: &Scheme,
    cards: &[Scorecard],
    full_threshold: Option<Decimal>,
    na_threshold: Option<Decimal>,
) -> Vec<IndicatorStats> {
    let full_threshold = full_threshold.unwrap_or(DEFAULT_FULL_THRESHOLD);
    let na_threshold = na_threshold.unwrap_or(DEFAULT_NA_THRESHOLD);
    let (dp, mode) = (scheme.def.rounding.dp, scheme.def.rounding.mode);
    let pct = |count: usize, of: usize| {
        if of == 0 {
            round(Decimal::ZERO, dp, mode)
        } else {
            Frac::new(X::int(100).mul(&X::from(count as u64)), X::from(of as u64))
                .and_then(|f| f.round(dp, mode))
                .unwrap_or_default()
        }
    };
    scheme
        .indicators()
        .map(|(_, ind)| {
            let mut scores: Vec<Decimal> = cards
                .iter()
                .filter_map(|c| c.indicator(&ind.id))
                .filter(|r| r.status == IndicatorStatus::Scored)
                .filter_map(|r| r.score)
                .collect();
            scores.sort();
            let n = cards.len();
            let m = scores.len();
            let sum = X::sum(&scores.iter().map(X::from).collect::<Vec<_>>());
            let mean = Frac::new(sum, X::from(m as u64)).and_then(|f| f.round(dp, mode));
            let full = scores.iter().filter(|s| **s == Decimal::ONE_HUNDRED).count();
            let zero = scores.iter().filter(|s| s.is_zero()).count();
            let na_share = pct(n.saturating_sub(m), n);
            let full_share = pct(full, m);
            let mut flags = Vec::new();
            if m > 0 && full_share >= full_threshold {
                flags.push("does_not_discriminate");
            }
            if n > 0 && na_share >= na_threshold {
                flags.push("mostly_not_applicable");
            }
            IndicatorStats {
                id: ind.id.clone(),
                results: n,
                measured: m,
                na_share,
                mean,
                min: scores.first().copied(),
                p25: nearest_rank(&scores, 25),
                median: nearest_rank(&scores, 50),
                p75: nearest_rank(&scores, 75),
                max: scores.last().copied(),
                range: scores
                    .first()
                    .zip(scores.last())
                    .and_then(|(a, b)| Frac::from(X::from(b).sub(&X::from(a))).round(dp, mode)),
                full_share,
                zero_share: pct(zero, m),
                flags,
            }
        })
        .collect()
}
