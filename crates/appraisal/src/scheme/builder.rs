//! A typed builder for schemes in Rust code, validated on `build()` by the same checks as
//! JSON input (the definition goes through its JSON shape, so the rules cannot drift apart).

use crate::error::SchemeError;
use crate::number::RoundingMode;
use crate::rubric::Rubric;
use crate::scheme::*;
use crate::text::Text;
use rust_decimal::Decimal;

/// Builds a [`Scheme`].
#[derive(Debug, Clone)]
pub struct SchemeBuilder {
    def: SchemeDef,
}

/// Builds a [`Category`].
#[derive(Debug, Clone)]
pub struct CategoryBuilder {
    cat: Category,
}

/// Builds an [`Indicator`].
#[derive(Debug, Clone)]
pub struct IndicatorBuilder {
    ind: Indicator,
}

impl SchemeBuilder {
    /// A scheme with the given id and version; quarterly, in force from 1970-01-01, default
    /// rounding (2 dp, half up), renormalising missing data, ceiling 100.
    pub fn new(id: impl Into<String>, version: impl Into<String>) -> Self {
        let id = id.into();
        Self {
            def: SchemeDef {
                format: Format::V1,
                weights: WeightMode::Percent,
                rating: None,
                name: Text::Plain(id.clone()),
                id,
                version: version.into(),
                roles: Vec::new(),
                period: PeriodKind::Quarter,
                effective: Effective { from: "1970-01-01".into(), until: None },
                rounding: Rounding::default(),
                missing: Missing::default(),
                categories: Vec::new(),
                adjustments: Vec::new(),
                vetoes: Vec::new(),
                total: TotalRule::default(),
                grades: Vec::new(),
                uncertainty: None,
            },
        }
    }
    /// Name.
    pub fn name(mut self, name: impl Into<Text>) -> Self {
        self.def.name = name.into();
        self
    }
    /// Roles the scheme applies to.
    pub fn roles<S: Into<String>>(mut self, roles: impl IntoIterator<Item = S>) -> Self {
        self.def.roles = roles.into_iter().map(Into::into).collect();
        self
    }
    /// Period kind.
    pub fn period(mut self, p: PeriodKind) -> Self {
        self.def.period = p;
        self
    }
    /// Dates in force.
    pub fn effective(mut self, from: impl Into<String>, until: Option<&str>) -> Self {
        self.def.effective = Effective { from: from.into(), until: until.map(str::to_string) };
        self
    }
    /// Rounding of scores.
    pub fn rounding(mut self, dp: u32, mode: RoundingMode) -> Self {
        self.def.rounding.dp = dp;
        self.def.rounding.mode = mode;
        self
    }
    /// Decimals of money.
    pub fn money_dp(mut self, dp: u32) -> Self {
        self.def.rounding.money_dp = dp;
        self
    }
    /// Missing-data policy and minimum coverage.
    pub fn missing(mut self, policy: MissingPolicy, min_coverage: impl Into<Decimal>) -> Self {
        self.def.missing = Missing { policy, min_coverage: min_coverage.into() };
        self
    }
    /// Adds a category.
    pub fn category(mut self, c: CategoryBuilder) -> Self {
        self.def.categories.push(c.cat);
        self
    }
    /// Adds an adjustment.
    pub fn adjustment(
        mut self,
        id: impl Into<String>,
        event: impl Into<String>,
        points_per_unit: impl Into<Decimal>,
        cap: Option<Decimal>,
    ) -> Self {
        self.def.adjustments.push(Adjustment {
            id: id.into(),
            name: None,
            event: event.into(),
            points_per_unit: points_per_unit.into(),
            cap,
        });
        self
    }
    /// Adds a veto.
    pub fn veto(mut self, id: impl Into<String>, when: VetoWhen, effect: VetoEffect) -> Self {
        self.def.vetoes.push(Veto { id: id.into(), name: None, when, effect });
        self
    }
    /// Total ceiling and adjustment limits.
    pub fn total(
        mut self,
        ceiling: impl Into<Decimal>,
        adjustment_min: Option<Decimal>,
        adjustment_max: Option<Decimal>,
    ) -> Self {
        self.def.total = TotalRule { ceiling: ceiling.into(), adjustment_min, adjustment_max };
        self
    }
    /// Adds a grade band (best first).
    pub fn grade(mut self, id: impl Into<String>, min: impl Into<Decimal>) -> Self {
        self.def.grades.push(Grade { id: id.into(), name: None, min: min.into() });
        self
    }
    /// Format 2 (SPEC §8): the document says `appraisal-scheme/2`.
    pub fn format2(mut self) -> Self {
        self.def.format = Format::V2;
        self
    }
    /// Format 2: relative weights (SPEC §8.1); implies format 2.
    pub fn relative_weights(mut self) -> Self {
        self.def.format = Format::V2;
        self.def.weights = WeightMode::Relative;
        self
    }
    /// Format 2: a rating beside the total (SPEC §8.2); implies format 2.
    pub fn rating(mut self, points: Vec<(Decimal, Decimal)>, dp: Option<u32>) -> Self {
        self.def.format = Format::V2;
        self.def.rating = Some(RatingMap { points, dp });
        self
    }
    /// Validates (all problems at once) and builds.
    pub fn build(self) -> Result<Scheme, SchemeError> {
        Scheme::from_def(self.def)
    }
}

impl CategoryBuilder {
    /// A category with its weight in percent.
    pub fn new(id: impl Into<String>, name: impl Into<Text>, weight: impl Into<Decimal>) -> Self {
        Self {
            cat: Category {
                id: id.into(),
                name: name.into(),
                weight: weight.into(),
                indicators: Vec::new(),
                pool: None,
            },
        }
    }
    /// Format 2: makes the category a deduction pool (扣分制, SPEC §8.3) with this budget and
    /// floor; its indicators need deduction rubrics and weight 0.
    pub fn pool(mut self, full: impl Into<Decimal>, floor: impl Into<Decimal>) -> Self {
        self.cat.pool = Some(Pool { full: full.into(), floor: floor.into() });
        self
    }
    /// Adds an indicator.
    pub fn indicator(mut self, i: IndicatorBuilder) -> Self {
        self.cat.indicators.push(i.ind);
        self
    }
}

impl IndicatorBuilder {
    /// A quantitative indicator (unit `score`, source `internal`) with its weight and rubric.
    pub fn new(id: impl Into<String>, name: impl Into<Text>, weight: impl Into<Decimal>, rubric: Rubric) -> Self {
        let kind = if matches!(rubric, Rubric::Scale { .. }) {
            IndicatorKind::Qualitative
        } else {
            IndicatorKind::Quantitative
        };
        Self {
            ind: Indicator {
                id: id.into(),
                name: name.into(),
                kind,
                unit: "score".into(),
                source: "internal".into(),
                standard: None,
                valid_range: None,
                min_sample: None,
                raters: None,
                weight: weight.into(),
                rubric,
                applies_when: None,
                shrinkage: None,
            },
        }
    }
    /// Declares shrinkage toward the team mean with a prior of `prior` responses, the shrunk
    /// value at `dp` decimals (issue 15, point 4).
    pub fn shrinkage(mut self, prior: Decimal, dp: u32) -> Self {
        self.ind.shrinkage = Some(crate::scheme::Shrinkage { prior, dp });
        self
    }
    /// Format 2: the indicator applies only to records whose `attribute` is one of `values`
    /// (SPEC §8.6).
    pub fn applies_when<S: Into<String>>(
        mut self,
        attribute: impl Into<String>,
        values: impl IntoIterator<Item = S>,
    ) -> Self {
        self.ind.applies_when =
            Some(AppliesWhen { attribute: attribute.into(), values: values.into_iter().map(Into::into).collect() });
        self
    }
    /// Kind.
    pub fn kind(mut self, k: IndicatorKind) -> Self {
        self.ind.kind = k;
        self
    }
    /// Unit.
    pub fn unit(mut self, u: impl Into<String>) -> Self {
        self.ind.unit = u.into();
        self
    }
    /// Source.
    pub fn source(mut self, s: impl Into<String>) -> Self {
        self.ind.source = s.into();
        self
    }
    /// Measurement standard.
    pub fn standard(mut self, s: impl Into<Text>) -> Self {
        self.ind.standard = Some(s.into());
        self
    }
    /// Inclusive valid range of the raw value.
    pub fn valid_range(mut self, min: impl Into<Decimal>, max: impl Into<Decimal>) -> Self {
        self.ind.valid_range = Some((min.into(), max.into()));
        self
    }
    /// Minimum sample size.
    pub fn min_sample(mut self, n: u64) -> Self {
        self.ind.min_sample = Some(n);
        self
    }
    /// Several raters: `(group id, weight, min_raters)` and trim.
    pub fn raters<S: Into<String>>(mut self, groups: impl IntoIterator<Item = (S, Decimal, u64)>, trim: u64) -> Self {
        self.ind.raters = Some(Raters {
            groups: groups
                .into_iter()
                .map(|(id, weight, min_raters)| RaterGroup { id: id.into(), weight, min_raters })
                .collect(),
            trim,
        });
        self
    }
}
