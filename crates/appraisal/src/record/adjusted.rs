//! Adjusted inputs in a record (issue 15), each beside the value it adjusts, never silent:
//! - corrected ratings (point 2): a record produced by
//!   [`Scheme::correct_ratings`](crate::scheme::Scheme::correct_ratings) marks itself with
//!   `rating_correction` and gives each corrected rating its rater score under `score`, the
//!   rater's own `value` kept beside it; a `score` without the mark is refused;
//! - shrunk values (point 4): a record produced by [`Scheme::shrink`](crate::scheme::Scheme::shrink)
//!   gives, under `shrunk`, the shrunk value of each indicator whose scheme declares
//!   shrinkage, its raw value kept under `values`.

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

/// What a scorecard shows of a shrunk indicator: both values, and the score the raw value
/// would have had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShrunkValue {
    /// Indicator id.
    pub indicator: crate::score::Id,
    /// The record's own value.
    #[serde(with = "rust_decimal::serde::str")]
    pub raw: Decimal,
    /// The shrunk value the score was computed from.
    #[serde(with = "rust_decimal::serde::str")]
    pub shrunk: Decimal,
    /// The score of the raw value (what it would have been without shrinkage).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub raw_score: Option<Decimal>,
}

/// Reads a record's `shrunk` section into (indicator position, value); problems go to `r`.
/// Each needs a declared shrinkage, a value in the indicator's range with at most the
/// declared decimals, and (checked by the caller) the raw value and the sample size.
pub(crate) fn shrunk(
    r: &mut Reader,
    scheme: &Scheme,
    m: &serde_json::Map<String, Value>,
    ignored: impl Fn(usize) -> bool,
) -> Vec<(usize, Decimal)> {
    let mut out = Vec::new();
    for (id, x) in m {
        let path = format!("shrunk.{id}");
        let Some(&(_, _, flat)) = scheme.indicator_index.get(id.as_str()) else {
            r.push(C::UnknownIndicator, path, format!("no indicator {id:?} in this scheme"));
            continue;
        };
        if ignored(flat) || x.is_null() {
            continue;
        }
        let Some((_, ind)) = scheme.by_flat(flat) else { continue };
        let Some(s) = ind.shrinkage else {
            r.push(C::InvalidValue, path, format!("indicator {id:?} does not declare shrinkage in this scheme"));
            continue;
        };
        let Some(d) = r.decimal(x, &path) else { continue };
        if let Some((lo, hi)) = ind.valid_range {
            if d < lo || d > hi {
                r.push(C::OutOfRange, path, format!("{} is outside the valid range [{lo}, {hi}]", shown(x)));
                continue;
            }
        }
        if d.normalize().scale() > s.dp {
            r.push(C::InvalidValue, path, format!("a shrunk value has at most {} decimals, found {}", s.dp, shown(x)));
            continue;
        }
        out.push((flat, d));
    }
    out
}
