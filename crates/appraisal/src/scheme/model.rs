//! The scheme (考核方案): categories, indicators, adjustments, vetoes, grades; its JSON shape,
//! its canonical form and digest. The JSON shape is written in `shape`; reading and
//! validation live in `read`.

use super::format2::*;
use crate::error::SchemeError;
use crate::number::RoundingMode;
use crate::rubric::Rubric;
use crate::text::Text;
use rust_decimal::Decimal;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The format-1 string (`Format::V1`); format 2 is `appraisal-scheme/2` (SPEC §8).
pub const FORMAT: &str = "appraisal-scheme/1";

/// Appraisal period kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PeriodKind {
    /// 月度
    Month,
    /// 季度
    Quarter,
    /// 半年度
    HalfYear,
    /// 年度
    Year,
}

impl PeriodKind {
    /// JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::HalfYear => "half_year",
            Self::Year => "year",
        }
    }
    /// Parses the JSON spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "month" => Some(Self::Month),
            "quarter" => Some(Self::Quarter),
            "half_year" => Some(Self::HalfYear),
            "year" => Some(Self::Year),
            _ => None,
        }
    }
}

/// Dates the scheme is in force (ISO `YYYY-MM-DD`, inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Effective {
    /// First day in force.
    pub from: String,
    /// Last day in force, if any.
    pub until: Option<String>,
}

/// Rounding settings (SPEC §0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rounding {
    /// Decimals of every score (0–10).
    pub dp: u32,
    /// Tie-breaking.
    pub mode: RoundingMode,
    /// Decimals of money (0–10).
    pub money_dp: u32,
}

impl Default for Rounding {
    fn default() -> Self {
        Self { dp: 2, mode: RoundingMode::HalfUp, money_dp: 2 }
    }
}

/// What happens to not-applicable indicators (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum MissingPolicy {
    /// N/A items leave the average; the rest grow in proportion.
    #[default]
    Renormalize,
    /// N/A items score 0 and stay in the average.
    Zero,
    /// Any N/A item makes the record an error.
    Error,
}

impl MissingPolicy {
    /// JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Renormalize => "renormalize",
            Self::Zero => "zero",
            Self::Error => "error",
        }
    }
    /// Parses the JSON spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "renormalize" => Some(Self::Renormalize),
            "zero" => Some(Self::Zero),
            "error" => Some(Self::Error),
            _ => None,
        }
    }
}

/// Missing-data settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Missing {
    /// The N/A policy.
    pub policy: MissingPolicy,
    /// Minimum coverage (percent) for a complete result.
    pub min_coverage: Decimal,
}

/// Quantitative or qualitative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IndicatorKind {
    /// Measured from data.
    Quantitative,
    /// Judged by people.
    Qualitative,
}

impl IndicatorKind {
    /// JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Quantitative => "quantitative",
            Self::Qualitative => "qualitative",
        }
    }
}

/// One rater group of a 360 indicator.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RaterGroup {
    /// Group id (supervisor, peer, customer, self, …).
    pub id: String,
    /// Weight in percent; group weights sum to 100.
    pub weight: Decimal,
    /// Fewer ratings than this and the group drops out.
    pub min_raters: u64,
}

/// Bayesian shrinkage of a small-sample indicator toward its team mean (issue 15, point 4):
/// declared per indicator, off by default. A record's shrunk value is
/// (n·x + prior·team mean) / (n + prior), rounded half up at `dp` decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shrinkage {
    /// The prior's weight in responses (> 0): how many responses the team mean counts as.
    pub prior: Decimal,
    /// Decimals of the shrunk value (0–10, default 2).
    pub dp: u32,
}

/// "Grade uncertain" on every scorecard (issue 15, point 4), when declared: survey
/// indicators' Wilson intervals at `confidence`, carried to the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UncertaintyRule {
    /// One of 0.80, 0.90, 0.95, 0.98, 0.99.
    pub confidence: Decimal,
    /// Decimals of a value interval's ends (rounded outward; 0–12, default 4).
    pub dp: u32,
}

/// Several raters (SPEC §3.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Raters {
    /// Groups.
    pub groups: Vec<RaterGroup>,
    /// Highest and lowest scores dropped per group when it has more than 2 × trim.
    pub trim: u64,
}

/// An indicator (指标).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Indicator {
    /// Unique id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Quantitative or qualitative.
    pub kind: IndicatorKind,
    /// Unit of the raw value.
    pub unit: String,
    /// Where the data comes from.
    pub source: String,
    /// The measurement standard.
    pub standard: Option<Text>,
    /// Inclusive range of the raw value.
    pub valid_range: Option<(Decimal, Decimal)>,
    /// Minimum sample size.
    pub min_sample: Option<u64>,
    /// Multi-rater settings.
    pub raters: Option<Raters>,
    /// Weight within its category (percent, or relative in format 2; 0 in a pool category).
    pub weight: Decimal,
    /// Scoring rule.
    pub rubric: Rubric,
    /// Format 2: the records it applies to (SPEC §8.6); `None`: every record.
    pub applies_when: Option<AppliesWhen>,
    /// Shrinkage toward the team mean, when declared (issue 15); `None`: never shrunk.
    pub shrinkage: Option<Shrinkage>,
}

/// A category (指标类别).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Category {
    /// Unique id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Weight in the base (percent, or relative in format 2).
    pub weight: Decimal,
    /// Indicators.
    pub indicators: Vec<Indicator>,
    /// Format 2: a deduction pool (扣分制, SPEC §8.3).
    pub pool: Option<Pool>,
}

/// A bonus or penalty item (加分/扣分项).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Adjustment {
    /// Unique id.
    pub id: String,
    /// Optional name (extension; see docs/semantics.md).
    pub name: Option<Text>,
    /// The event counted.
    pub event: String,
    /// Points per unit (may be negative).
    pub points_per_unit: Decimal,
    /// Limit on |points|.
    pub cap: Option<Decimal>,
}

/// Comparison operators for veto conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

impl CmpOp {
    /// JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::Eq => "==",
            Self::Ne => "!=",
        }
    }
    /// Parses the JSON spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "<" => Some(Self::Lt),
            "<=" => Some(Self::Le),
            ">" => Some(Self::Gt),
            ">=" => Some(Self::Ge),
            "==" => Some(Self::Eq),
            "!=" => Some(Self::Ne),
            _ => None,
        }
    }
    /// Applies the operator to an ordering of left vs right.
    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Self::Lt => ord == Less,
            Self::Le => ord != Greater,
            Self::Gt => ord == Greater,
            Self::Ge => ord != Less,
            Self::Eq => ord == Equal,
            Self::Ne => ord != Equal,
        }
    }
}

/// The right-hand side of an indicator veto condition.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VetoValue {
    /// For numeric rubrics.
    Number(Decimal),
    /// A level key (scale).
    Key(String),
    /// A boolean (pass_fail).
    Bool(bool),
}

/// When a veto fires.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VetoWhen {
    /// The record counts at least `at_least` of `event`.
    Event {
        /// Event name.
        event: String,
        /// Threshold (≥ 1).
        at_least: u64,
    },
    /// The indicator's raw value (or, in format 2, its score) compares true.
    Indicator {
        /// Indicator id.
        indicator: String,
        /// Operator.
        op: CmpOp,
        /// Right-hand side.
        value: VetoValue,
        /// What is compared (SPEC §8.5): the raw value or the rounded score.
        on: VetoOn,
    },
}

/// What a fired veto does.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VetoEffect {
    /// T = 0.
    ZeroTotal,
    /// Grade no better than this grade id.
    CapGrade(String),
    /// This category scores 0.
    ZeroCategory(String),
}

/// A veto item (一票否决).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Veto {
    /// Unique id.
    pub id: String,
    /// Optional name (extension).
    pub name: Option<Text>,
    /// Condition.
    pub when: VetoWhen,
    /// Effect.
    pub effect: VetoEffect,
}

/// A grade band (等级).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Grade {
    /// Id (S, A, …).
    pub id: String,
    /// Name.
    pub name: Option<Text>,
    /// Lowest total of the band.
    pub min: Decimal,
}

/// Total settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TotalRule {
    /// Highest total (default 100).
    pub ceiling: Decimal,
    /// Lowest sum of adjustments.
    pub adjustment_min: Option<Decimal>,
    /// Highest sum of adjustments.
    pub adjustment_max: Option<Decimal>,
}

impl Default for TotalRule {
    fn default() -> Self {
        Self { ceiling: Decimal::ONE_HUNDRED, adjustment_min: None, adjustment_max: None }
    }
}

/// The content of a scheme, as written (validated by [`Scheme::from_def`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SchemeDef {
    /// The document's format (SPEC §8: format 2 adds the optional fields below).
    pub format: Format,
    /// Format 2: how weights are written (SPEC §8.1).
    pub weights: WeightMode,
    /// Format 2: a rating beside the total (SPEC §8.2).
    pub rating: Option<RatingMap>,
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Name.
    pub name: Text,
    /// Roles it applies to (empty: any).
    pub roles: Vec<String>,
    /// Period kind.
    pub period: PeriodKind,
    /// In force.
    pub effective: Effective,
    /// Rounding.
    pub rounding: Rounding,
    /// Missing data.
    pub missing: Missing,
    /// Categories.
    pub categories: Vec<Category>,
    /// Adjustments.
    pub adjustments: Vec<Adjustment>,
    /// Vetoes.
    pub vetoes: Vec<Veto>,
    /// Total settings.
    pub total: TotalRule,
    /// Grades, best first.
    pub grades: Vec<Grade>,
    /// Issue 15: the scorecards' "grade uncertain" field, when declared; `None`: not computed.
    pub uncertainty: Option<UncertaintyRule>,
}

/// A validated scheme, ready to score records. Immutable: build a new one to change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    pub(crate) def: SchemeDef,
    pub(crate) digest: String,
    /// indicator id → (category index, indicator index, position in scheme order)
    pub(crate) indicator_index: HashMap<String, (usize, usize, usize)>,
    /// events in first-mention order (adjustments, then vetoes)
    pub(crate) events: Vec<String>,
    /// position in scheme order → (category index, indicator index)
    pub(crate) flat: Vec<(usize, usize)>,
    pub(crate) event_index: HashMap<String, usize>,
    /// The wide layout of a JSON record's fields (every indicator, sample size and event),
    /// resolved once: the general path's reader of record text (`record::text`).
    pub(crate) json_layout: Option<crate::record::WideLayout>,
    /// Per indicator (scheme order), its rubric's fixed outcomes settled once: the rounded,
    /// clamped score and the step text ([`crate::Rubric`]'s `fixed_outcomes`); empty where
    /// one cannot be settled (every record then computes it).
    pub(crate) fixed: Vec<Vec<(Decimal, crate::score::Id)>>,
    /// The general path's integer row plan, compiled once (none when the rules need the
    /// exact pipeline for every record).
    pub(crate) row: crate::score::table::RowSlot,
}

impl Scheme {
    /// Validates a scheme definition (all problems at once) and indexes it.
    pub fn from_def(def: SchemeDef) -> Result<Self, SchemeError> {
        // One validator for every entry point: the definition goes through its JSON shape.
        Self::from_value(&def.to_value())
    }

    /// Builds the scheme from an already validated definition.
    pub(crate) fn assemble(def: SchemeDef) -> Self {
        let canonical = def.to_value().to_string();
        let hash = Sha256::digest(canonical.as_bytes());
        let mut digest = String::with_capacity(71);
        digest.push_str("sha256:");
        for b in hash {
            digest.push_str(&format!("{b:02x}"));
        }
        let mut indicator_index = HashMap::new();
        let mut flat = Vec::new();
        for (c, cat) in def.categories.iter().enumerate() {
            for (i, ind) in cat.indicators.iter().enumerate() {
                indicator_index.insert(ind.id.clone(), (c, i, flat.len()));
                flat.push((c, i));
            }
        }
        let mut events: Vec<String> = Vec::new();
        let names = def.adjustments.iter().map(|a| &a.event).chain(def.vetoes.iter().filter_map(|v| match &v.when {
            VetoWhen::Event { event, .. } => Some(event),
            VetoWhen::Indicator { .. } => None,
        }));
        for e in names {
            if !events.contains(e) {
                events.push(e.clone());
            }
        }
        let event_index = events.iter().enumerate().map(|(i, e)| (e.clone(), i)).collect();
        let (dp, mode) = (def.rounding.dp, def.rounding.mode);
        let fixed = def
            .categories
            .iter()
            .flat_map(|c| &c.indicators)
            .map(|i| {
                let settled: Option<Vec<(Decimal, crate::score::Id)>> = i
                    .rubric
                    .fixed_outcomes()
                    .into_iter()
                    .map(|(f, step)| Some((f.clamp100().round(dp, mode)?, step.text().into())))
                    .collect();
                settled.unwrap_or_default()
            })
            .collect();
        let mut scheme = Self {
            def,
            digest,
            indicator_index,
            events,
            flat,
            event_index,
            json_layout: None,
            fixed,
            row: crate::score::table::RowSlot::default(),
        };
        scheme.json_layout = crate::record::WideLayout::new(&scheme, &crate::record::json_headers(&scheme)).ok();
        scheme.row = crate::score::table::RowSlot::compile(&scheme);
        scheme
    }

    /// The definition.
    pub fn def(&self) -> &SchemeDef {
        &self.def
    }
    /// Id.
    pub fn id(&self) -> &str {
        &self.def.id
    }
    /// Version.
    pub fn version(&self) -> &str {
        &self.def.version
    }
    /// `sha256:` + hex of the canonical serialisation.
    pub fn digest(&self) -> &str {
        &self.digest
    }
    /// Categories.
    pub fn categories(&self) -> &[Category] {
        &self.def.categories
    }
    /// Grades, best first.
    pub fn grades(&self) -> &[Grade] {
        &self.def.grades
    }
    /// Events the scheme declares (named by an adjustment or a veto).
    pub fn events(&self) -> &[String] {
        &self.events
    }
    /// Rounding settings.
    pub fn rounding(&self) -> Rounding {
        self.def.rounding
    }
    /// Every indicator with its category, in scheme order.
    pub fn indicators(&self) -> impl Iterator<Item = (&Category, &Indicator)> {
        self.def.categories.iter().flat_map(|c| c.indicators.iter().map(move |i| (c, i)))
    }
    /// Looks up an indicator by id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        let (c, i, _) = self.indicator_index.get(id)?;
        self.def.categories.get(*c)?.indicators.get(*i)
    }
    /// The canonical JSON text (compact; every default written; decimals exact strings).
    pub fn canonical_json(&self) -> String {
        self.def.to_value().to_string()
    }
    /// The JSON shape as a value.
    pub fn to_value(&self) -> Value {
        self.def.to_value()
    }
}

impl serde::Serialize for Scheme {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.def.to_value().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Scheme {
    /// Reads and validates a scheme (all problems reported in the error message).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Scheme::from_value(&v).map_err(serde::de::Error::custom)
    }
}
