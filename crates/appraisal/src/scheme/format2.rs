//! Format 2 (`appraisal-scheme/2`, SPEC §8): the optional fields other centres' forms need.
//! A format-1 document never carries them (the reader rejects them there with
//! `unknown_field`), and its canonical form, digest and results are those of format 1.

use rust_decimal::Decimal;

/// The scheme formats this library reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Format {
    /// `appraisal-scheme/1` (SPEC §1–§7).
    #[default]
    V1,
    /// `appraisal-scheme/2`: format 1 plus SPEC §8.
    V2,
}

impl Format {
    /// The `format` string.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1 => "appraisal-scheme/1",
            Self::V2 => "appraisal-scheme/2",
        }
    }
    /// Parses the `format` string.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "appraisal-scheme/1" => Some(Self::V1),
            "appraisal-scheme/2" => Some(Self::V2),
            _ => None,
        }
    }
}

/// How weights are written (SPEC §8.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum WeightMode {
    /// Percentages; every list sums to exactly 100 (SPEC §1).
    #[default]
    Percent,
    /// Any decimals ≥ 0 whose list sum is > 0; only their ratios count.
    Relative,
}

impl WeightMode {
    /// JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Percent => "percent",
            Self::Relative => "relative",
        }
    }
    /// Parses the JSON spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "percent" => Some(Self::Percent),
            "relative" => Some(Self::Relative),
            _ => None,
        }
    }
}

/// A rating shown beside the total (SPEC §8.2): a non-decreasing piecewise map of the total.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RatingMap {
    /// `(total, rating)` points, x strictly increasing, y non-decreasing.
    pub points: Vec<(Decimal, Decimal)>,
    /// Decimals of the rating (`None`: the scheme's dp).
    pub dp: Option<u32>,
}

/// A deduction pool (扣分制, SPEC §8.3): one budget every deduction item of a category draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pool {
    /// The budget the deductions start from (default 100).
    pub full: Decimal,
    /// The lowest category score (default 0).
    pub floor: Decimal,
}

impl Default for Pool {
    fn default() -> Self {
        Self { full: Decimal::ONE_HUNDRED, floor: Decimal::ZERO }
    }
}

/// When an indicator applies (SPEC §8.6): the record's attribute is one of `values`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AppliesWhen {
    /// The record attribute's name (e.g. `channel`).
    pub attribute: String,
    /// The values under which the indicator is in scope (non-empty).
    pub values: Vec<String>,
}

impl AppliesWhen {
    /// Whether a record with these attributes has the indicator in scope.
    pub fn holds<'a>(&self, mut attributes: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
        attributes.any(|(k, v)| k == self.attribute && self.values.iter().any(|x| x == v))
    }
}

/// What an indicator veto compares (SPEC §8.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum VetoOn {
    /// The raw value (format 1's meaning; the default).
    #[default]
    Raw,
    /// The indicator's rounded score s_i (0–100), for every rubric and multi-rater items.
    Score,
}

impl VetoOn {
    /// JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Raw => "raw",
            Self::Score => "score",
        }
    }
}

impl super::SchemeDef {
    /// Whether scoring needs a rule of SPEC §8 beyond format 1's (relative weights, a
    /// rating, a pool, a scoped indicator, a strict band, a score veto).
    pub fn uses_format2_scoring(&self) -> bool {
        self.format == Format::V2
            && (self.weights == WeightMode::Relative
                || self.rating.is_some()
                || self.categories.iter().any(|c| {
                    c.pool.is_some()
                        || c.indicators.iter().any(|i| {
                            i.applies_when.is_some()
                                || matches!(&i.rubric, crate::rubric::Rubric::Bands { steps, .. } if steps.iter().any(|s| s.strict))
                        })
                })
                || self.vetoes.iter().any(|v| matches!(v.when, super::VetoWhen::Indicator { on: VetoOn::Score, .. })))
    }
}
