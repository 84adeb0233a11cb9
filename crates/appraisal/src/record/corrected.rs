//! Corrected ratings in a record (issue 15, point 2): a record produced by
//! [`Scheme::correct_ratings`](crate::scheme::Scheme::correct_ratings) marks itself with
//! `rating_correction` and gives each corrected rating its rater score under `score`, the
//! rater's own `value` kept beside it for the audit. A `score` without the mark is refused:
//! a correction is never applied silently.

use crate::error::ErrorCode as C;
use crate::json::{shown, Reader};
use crate::scheme::Scheme;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How a rater's scores are corrected within their pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionMethod {
    /// s' = s − (the rater's mean − the pool's mean).
    #[default]
    MeanShift,
    /// s' = the pool's mean + (s − the rater's mean) × the pool's sd / the rater's sd.
    ZScore,
}

impl CorrectionMethod {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MeanShift => "mean_shift",
            Self::ZScore => "z_score",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "mean_shift" => Some(Self::MeanShift),
            "z_score" => Some(Self::ZScore),
            _ => None,
        }
    }
}

/// A record's `rating_correction` mark: the correction its `score`s came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionMark {
    /// The method.
    pub method: CorrectionMethod,
    /// The smallest pool (raters) that was corrected.
    pub min_pool: u64,
    /// The fewest ratings a corrected rater had in their pool.
    pub min_ratings: u64,
}

/// What a scorecard says when its ratings were corrected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectedRatings {
    /// The correction's method.
    pub method: CorrectionMethod,
    /// How many of the record's ratings carry a corrected score.
    pub ratings: usize,
}

/// Reads a record's `rating_correction`; problems go to `r`.
pub(crate) fn mark(r: &mut Reader, v: &Value) -> Option<CorrectionMark> {
    const PATH: &str = "rating_correction";
    let m = r.object(v, PATH, &["method", "min_pool", "min_ratings"])?;
    let method = r.required(m, PATH, "method").and_then(|x| {
        let s = r.string(x, "rating_correction.method")?;
        let parsed = CorrectionMethod::parse(&s);
        if parsed.is_none() {
            r.push(
                C::InvalidValue,
                "rating_correction.method",
                format!("a correction method is \"mean_shift\" or \"z_score\", found {s:?}"),
            );
        }
        parsed
    });
    let mut count = |name: &str| {
        r.required(m, PATH, name).and_then(|x| r.small_int(x, &format!("{PATH}.{name}"), 1, 1_000_000_000))
    };
    let (min_pool, min_ratings) = (count("min_pool"), count("min_ratings"));
    Some(CorrectionMark { method: method?, min_pool: min_pool?, min_ratings: min_ratings? })
}

/// Reads a rating's corrected `score`: a rater score (SPEC §3.2), so a decimal in [0, 100]
/// with at most the scheme's `dp` decimals.
pub(crate) fn score(r: &mut Reader, scheme: &Scheme, v: &Value, path: &str) -> Option<Decimal> {
    let d = r.decimal(v, path)?;
    let dp = scheme.def.rounding.dp;
    if d.is_sign_negative() && !d.is_zero() || d > Decimal::ONE_HUNDRED {
        r.push(C::OutOfDomain, path, format!("a corrected score is within [0, 100], found {}", shown(v)));
        return None;
    }
    if d.normalize().scale() > dp {
        r.push(
            C::InvalidValue,
            path,
            format!("a corrected score is a rater score with at most {dp} decimals, found {}", shown(v)),
        );
        return None;
    }
    // At the scheme's dp, as every rater score is.
    let mut d = d.normalize();
    d.rescale(dp);
    Some(d)
}
