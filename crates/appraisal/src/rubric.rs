//! Rubrics (评分细则): the one job of turning a raw value into a score and naming the step.

use crate::exact::{Frac, X};
use crate::number::exact;
use crate::present::steps::Step;
use crate::text::Text;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// Which way is better for `bands` and `ratio`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// A higher raw value is better.
    HigherBetter,
    /// A lower raw value is better.
    LowerBetter,
}

impl Direction {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HigherBetter => "higher_better",
            Self::LowerBetter => "lower_better",
        }
    }
    /// Parses the JSON spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "higher_better" => Some(Self::HigherBetter),
            "lower_better" => Some(Self::LowerBetter),
            _ => None,
        }
    }
}

/// One step of a `bands` rubric: `at_least` (higher_better) or `at_most` (lower_better); in
/// format 2 also the strict `above` / `below` (SPEC §8.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BandStep {
    /// The threshold.
    pub bound: Decimal,
    /// The score given when the threshold is met.
    pub score: Decimal,
    /// Strict: `above` (v > bound) or `below` (v < bound) instead of the inclusive forms.
    pub strict: bool,
}

impl BandStep {
    /// An inclusive step (`at_least` / `at_most`).
    pub fn new(bound: Decimal, score: Decimal) -> Self {
        Self { bound, score, strict: false }
    }
    /// A strict step (`above` / `below`, format 2).
    pub fn strict(bound: Decimal, score: Decimal) -> Self {
        Self { bound, score, strict: true }
    }
    /// The step's JSON key under `direction`: `at_least`, `at_most`, `above` or `below`.
    pub fn key(&self, direction: Direction) -> &'static str {
        match (direction, self.strict) {
            (Direction::HigherBetter, false) => "at_least",
            (Direction::LowerBetter, false) => "at_most",
            (Direction::HigherBetter, true) => "above",
            (Direction::LowerBetter, true) => "below",
        }
    }
    /// The step's comparison as a reader sees it: `≥`, `≤`, `>` or `<`.
    pub fn symbol(&self, direction: Direction) -> &'static str {
        match (direction, self.strict) {
            (Direction::HigherBetter, false) => "≥",
            (Direction::LowerBetter, false) => "≤",
            (Direction::HigherBetter, true) => ">",
            (Direction::LowerBetter, true) => "<",
        }
    }
    /// Whether `x` meets the step under `direction`.
    pub fn hit(&self, direction: Direction, x: Decimal) -> bool {
        let o = crate::number::cmp(x, self.bound);
        match (direction, self.strict) {
            (Direction::HigherBetter, false) => o.is_ge(),
            (Direction::HigherBetter, true) => o.is_gt(),
            (Direction::LowerBetter, false) => o.is_le(),
            (Direction::LowerBetter, true) => o.is_lt(),
        }
    }
}

/// One behaviourally anchored level of a `scale` rubric.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Level {
    /// The key the record gives ("5", "exceeds", …).
    pub key: String,
    /// Short label.
    pub label: Option<Text>,
    /// The behaviour that earns this level.
    pub description: Option<Text>,
    /// The score.
    pub score: Decimal,
}

/// A rubric of SPEC §3.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rubric {
    /// Linear interpolation between points; monotone or single-peaked.
    Piecewise {
        /// `(x, y)` with x strictly increasing.
        points: Vec<(Decimal, Decimal)>,
    },
    /// Piecewise through (zero_at, 0) and (full_at, 100).
    Linear {
        /// Raw value scoring 0.
        zero_at: Decimal,
        /// Raw value scoring 100.
        full_at: Decimal,
    },
    /// Thresholds, the first satisfied wins.
    Bands {
        /// Comparison direction.
        direction: Direction,
        /// Steps, best first.
        steps: Vec<BandStep>,
        /// Score when no step is met.
        otherwise: Decimal,
    },
    /// Points off per unit.
    Deduction {
        /// Points per unit beyond the free units.
        per_unit: Decimal,
        /// Starting score.
        full: Decimal,
        /// Units without deduction.
        free_units: Decimal,
        /// Lowest score.
        floor: Decimal,
    },
    /// Value relative to a target.
    Ratio {
        /// Target (> 0).
        target: Decimal,
        /// Direction.
        direction: Direction,
    },
    /// Qualitative levels.
    Scale {
        /// Levels, keys unique.
        levels: Vec<Level>,
    },
    /// A boolean.
    PassFail {
        /// Score on pass.
        pass: Decimal,
        /// Score on fail.
        fail: Decimal,
    },
    /// The value is already the score.
    Direct,
}

/// A raw input value, already checked against the rubric's input kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Raw {
    /// For numeric rubrics.
    Number(Decimal),
    /// A level key for `scale`.
    Key(String),
    /// For `pass_fail`.
    Bool(bool),
}

/// What a rubric takes as input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A decimal.
    Number,
    /// A level key (JSON string).
    Key,
    /// A JSON boolean.
    Bool,
}

fn d100() -> Decimal {
    Decimal::ONE_HUNDRED
}

/// y_i + (v − x_i)(y_{i+1} − y_i)/(x_{i+1} − x_i) as ONE exact fraction.
fn interpolate(v: Decimal, (x0, y0): (Decimal, Decimal), (x1, y1): (Decimal, Decimal)) -> Option<Frac> {
    let dx = X::from(x1).sub(&X::from(x0));
    let num = X::from(y0).mul(&dx).add(&X::from(v).sub(&X::from(x0)).mul(&X::from(y1).sub(&X::from(y0))));
    Frac::new(num, dx)
}

pub(crate) fn piecewise(points: &[(Decimal, Decimal)], v: Decimal, linear: bool) -> Option<(Frac, Step)> {
    let first = points.first()?;
    let last = points.last()?;
    let cmp = crate::number::cmp;
    if cmp(v, first.0).is_le() {
        return Some((Frac::from(first.1), Step::AtOrBelow { linear, x: first.0 }));
    }
    if cmp(v, last.0).is_ge() {
        return Some((Frac::from(last.1), Step::AtOrAbove { linear, x: last.0 }));
    }
    for (k, w) in points.windows(2).enumerate() {
        if cmp(w[0].0, v).is_le() && cmp(v, w[1].0).is_le() {
            let y = interpolate(v, w[0], w[1])?;
            return Some((y, Step::Segment { linear, k: k.saturating_add(1), from: w[0].0, to: w[1].0 }));
        }
    }
    None
}

/// The ends of a piecewise line: at or below the first point, at or above the last.
fn ends(points: &[(Decimal, Decimal)], linear: bool) -> Vec<(Frac, Step)> {
    match (points.first(), points.last()) {
        (Some(a), Some(b)) => vec![
            (Frac::from(a.1), Step::AtOrBelow { linear, x: a.0 }),
            (Frac::from(b.1), Step::AtOrAbove { linear, x: b.0 }),
        ],
        _ => Vec::new(),
    }
}

/// Which end of a piecewise line `v` is at (the same tests as [`piecewise`], in its order).
fn end_at(points: &[(Decimal, Decimal)], v: Decimal) -> Option<usize> {
    if crate::number::cmp(v, points.first()?.0).is_le() {
        return Some(0);
    }
    crate::number::cmp(v, points.last()?.0).is_ge().then_some(1)
}

fn linear_points(zero_at: Decimal, full_at: Decimal) -> [(Decimal, Decimal); 2] {
    let mut pts = [(zero_at, Decimal::ZERO), (full_at, d100())];
    pts.sort_by_key(|p| p.0);
    pts
}

impl Rubric {
    /// The outcomes that do not depend on the value (a band or "otherwise", the ends of a
    /// piecewise line, a level, pass or fail), numbered as [`Rubric::fixed_at`] numbers them:
    /// a scheme settles their scores and step texts once instead of once per record.
    pub(crate) fn fixed_outcomes(&self) -> Vec<(Frac, Step)> {
        match self {
            Self::Bands { direction, steps, otherwise } => steps
                .iter()
                .enumerate()
                .map(|(k, s)| {
                    let at_least = *direction == Direction::HigherBetter;
                    let step = Step::Band { k: k.saturating_add(1), at_least, bound: s.bound, strict: s.strict };
                    (Frac::from(s.score), step)
                })
                .chain(std::iter::once((Frac::from(*otherwise), Step::Otherwise)))
                .collect(),
            Self::Piecewise { points } => ends(points, false),
            Self::Linear { zero_at, full_at } => ends(&linear_points(*zero_at, *full_at), true),
            Self::Scale { levels } => {
                levels.iter().map(|l| (Frac::from(l.score), Step::Level(l.key.clone()))).collect()
            }
            Self::PassFail { pass, fail } => vec![(Frac::from(*pass), Step::Pass), (Frac::from(*fail), Step::Fail)],
            _ => Vec::new(),
        }
    }

    /// The fixed outcome `v` takes ([`Rubric::fixed_outcomes`]), or `None` when its score is
    /// computed from the value (a segment, a deduction, a ratio, a direct score).
    pub(crate) fn fixed_at(&self, v: &Raw) -> Option<usize> {
        match (self, v) {
            (Self::Bands { direction, steps, .. }, Raw::Number(x)) => {
                Some(steps.iter().position(|s| s.hit(*direction, *x)).unwrap_or(steps.len()))
            }
            (Self::Piecewise { points }, Raw::Number(x)) => end_at(points, *x),
            (Self::Linear { zero_at, full_at }, Raw::Number(x)) => end_at(&linear_points(*zero_at, *full_at), *x),
            (Self::Scale { levels }, Raw::Key(k)) => levels.iter().position(|l| &l.key == k),
            (Self::PassFail { .. }, Raw::Bool(b)) => Some(usize::from(!*b)),
            _ => None,
        }
    }

    /// The JSON `type` name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Piecewise { .. } => "piecewise",
            Self::Linear { .. } => "linear",
            Self::Bands { .. } => "bands",
            Self::Deduction { .. } => "deduction",
            Self::Ratio { .. } => "ratio",
            Self::Scale { .. } => "scale",
            Self::PassFail { .. } => "pass_fail",
            Self::Direct => "direct",
        }
    }

    /// The input this rubric takes.
    pub fn input_kind(&self) -> InputKind {
        match self {
            Self::Scale { .. } => InputKind::Key,
            Self::PassFail { .. } => InputKind::Bool,
            _ => InputKind::Number,
        }
    }

    /// Whether a better raw value never scores lower (false only for single-peaked piecewise).
    pub fn is_monotone(&self) -> bool {
        match self {
            Self::Piecewise { points } => {
                let up = points.windows(2).any(|w| w[1].1 > w[0].1);
                let down = points.windows(2).any(|w| w[1].1 < w[0].1);
                !(up && down)
            }
            _ => true,
        }
    }

    /// Checks a value against the rubric's domain (SPEC §6 `out_of_domain`); `Err` explains.
    pub fn check_domain(&self, v: &Raw) -> Result<(), String> {
        match (self, v) {
            (Self::Deduction { .. }, Raw::Number(x)) if x.is_sign_negative() && !x.is_zero() => {
                Err(format!("a deduction count must be >= 0, found {}", exact(*x)))
            }
            (Self::Ratio { .. }, Raw::Number(x)) if x.is_sign_negative() && !x.is_zero() => {
                Err(format!("a ratio value must be >= 0, found {}", exact(*x)))
            }
            (Self::Direct, Raw::Number(x)) if *x < Decimal::ZERO || *x > d100() => {
                Err(format!("a direct score must be within [0, 100], found {}", exact(*x)))
            }
            (Self::Scale { levels }, Raw::Key(k)) if !levels.iter().any(|l| &l.key == k) => {
                let keys: Vec<&str> = levels.iter().map(|l| l.key.as_str()).collect();
                Err(format!("unknown level {k:?}; levels are {}", keys.join(", ")))
            }
            _ => Ok(()),
        }
    }

    /// s = R(clamp(rubric(v), 0, 100)) at `dp` decimals by `mode` (SPEC §3), exact whatever
    /// the magnitudes, and the step that produced it. `None` only for an input of the wrong
    /// kind (excluded by validation).
    pub fn score(&self, v: &Raw, dp: u32, mode: crate::number::RoundingMode) -> Option<(Decimal, Step)> {
        let (f, step) = self.evaluate(v)?;
        Some((f.score100(dp, mode)?, step))
    }

    /// The unclamped, unrounded score as one exact fraction, and the step that produced it.
    /// `None` only for an input of the wrong kind (excluded by validation).
    pub fn evaluate(&self, v: &Raw) -> Option<(Frac, Step)> {
        match (self, v) {
            (Self::Piecewise { points }, Raw::Number(x)) => piecewise(points, *x, false),
            (Self::Linear { zero_at, full_at }, Raw::Number(x)) => {
                piecewise(&linear_points(*zero_at, *full_at), *x, true)
            }
            (Self::Bands { direction, steps, otherwise }, Raw::Number(x)) => {
                for (k, s) in steps.iter().enumerate() {
                    if s.hit(*direction, *x) {
                        let at_least = *direction == Direction::HigherBetter;
                        return Some((
                            Frac::from(s.score),
                            Step::Band { k: k.saturating_add(1), at_least, bound: s.bound, strict: s.strict },
                        ));
                    }
                }
                Some((Frac::from(*otherwise), Step::Otherwise))
            }
            (Self::Deduction { per_unit, full, free_units, floor }, Raw::Number(x)) => {
                let units = X::from(x).sub(&X::from(free_units)).max(X::zero());
                let raw = X::from(full).sub(&X::from(per_unit).mul(&units));
                let below = raw.cmp(&X::from(floor)) == std::cmp::Ordering::Less;
                let score = raw.max(X::from(floor));
                let step = Step::Deduction {
                    units: units.to_decimal(),
                    per_unit: *per_unit,
                    free: (!free_units.is_zero()).then_some(*free_units),
                    floor: below.then_some(*floor),
                };
                Some((Frac::from(score), step))
            }
            (Self::Ratio { target, direction }, Raw::Number(x)) => match direction {
                Direction::HigherBetter => {
                    let s = Frac::new(X::int(100).mul(&X::from(x)), X::from(target))?;
                    Some((s, Step::Ratio { num: *x, den: *target }))
                }
                Direction::LowerBetter => {
                    if x.is_zero() {
                        return Some((Frac::from(d100()), Step::RatioZero));
                    }
                    let s = Frac::new(X::int(100).mul(&X::from(target)), X::from(x))?;
                    Some((s, Step::Ratio { num: *target, den: *x }))
                }
            },
            (Self::Scale { levels }, Raw::Key(k)) => {
                let l = levels.iter().find(|l| &l.key == k)?;
                Some((Frac::from(l.score), Step::Level(l.key.clone())))
            }
            (Self::PassFail { pass, fail }, Raw::Bool(b)) => {
                Some(if *b { (Frac::from(*pass), Step::Pass) } else { (Frac::from(*fail), Step::Fail) })
            }
            (Self::Direct, Raw::Number(x)) => Some((Frac::from(*x), Step::Direct)),
            _ => None,
        }
    }

    /// The JSON shape of SPEC's Appendix (decimals as exact strings).
    pub fn to_value(&self) -> Value {
        let s = |d: &Decimal| Value::String(exact(*d).to_string());
        match self {
            Self::Piecewise { points } => json!({"type": "piecewise",
                "points": points.iter().map(|(x, y)| json!([s(x), s(y)])).collect::<Vec<_>>()}),
            Self::Linear { zero_at, full_at } => {
                json!({"type": "linear", "zero_at": s(zero_at), "full_at": s(full_at)})
            }
            Self::Bands { direction, steps, otherwise } => {
                let steps: Vec<Value> =
                    steps.iter().map(|st| json!({st.key(*direction): s(&st.bound), "score": s(&st.score)})).collect();
                json!({"type": "bands", "direction": direction.as_str(), "steps": steps, "otherwise": s(otherwise)})
            }
            Self::Deduction { per_unit, full, free_units, floor } => json!({"type": "deduction",
                "per_unit": s(per_unit), "full": s(full), "free_units": s(free_units), "floor": s(floor)}),
            Self::Ratio { target, direction } => {
                json!({"type": "ratio", "target": s(target), "direction": direction.as_str()})
            }
            Self::Scale { levels } => {
                let levels: Vec<Value> = levels
                    .iter()
                    .map(|l| {
                        let mut m = serde_json::Map::new();
                        m.insert("key".into(), Value::String(l.key.clone()));
                        if let Some(t) = &l.label {
                            m.insert("label".into(), t.to_value());
                        }
                        if let Some(t) = &l.description {
                            m.insert("description".into(), t.to_value());
                        }
                        m.insert("score".into(), s(&l.score));
                        Value::Object(m)
                    })
                    .collect();
                json!({"type": "scale", "levels": levels})
            }
            Self::PassFail { pass, fail } => {
                json!({"type": "pass_fail", "pass": s(pass), "fail": s(fail)})
            }
            Self::Direct => json!({"type": "direct"}),
        }
    }

    /// The rubric in plain words (en or zh), for forms and explanations.
    pub fn describe(&self, lang: &str) -> String {
        let zh = lang == "zh";
        let e = |d: &Decimal| exact(*d).to_string();
        match self {
            Self::Piecewise { points } => {
                let p: Vec<String> = points.iter().map(|(x, y)| format!("{}→{}", e(x), e(y))).collect();
                if zh {
                    format!("分段线性：{}", p.join("，"))
                } else {
                    format!("piecewise linear: {}", p.join(", "))
                }
            }
            Self::Linear { zero_at, full_at } => {
                if zh {
                    format!("线性：{} 得 0 分，{} 得 100 分", e(zero_at), e(full_at))
                } else {
                    format!("linear: 0 at {}, 100 at {}", e(zero_at), e(full_at))
                }
            }
            Self::Bands { direction, steps, otherwise } => {
                let p: Vec<String> = steps
                    .iter()
                    .map(|st| format!("{}{}: {}", st.symbol(*direction), e(&st.bound), e(&st.score)))
                    .collect();
                if zh {
                    format!("分档：{}；其余 {}", p.join("；"), e(otherwise))
                } else {
                    format!("bands: {}; otherwise {}", p.join("; "), e(otherwise))
                }
            }
            Self::Deduction { per_unit, full, free_units, floor } => {
                if zh {
                    format!(
                        "扣分：满分 {}，免扣 {} 次，每次扣 {}，最低 {}",
                        e(full),
                        e(free_units),
                        e(per_unit),
                        e(floor)
                    )
                } else {
                    format!(
                        "deduction: {} minus {} per unit beyond {}, floor {}",
                        e(full),
                        e(per_unit),
                        e(free_units),
                        e(floor)
                    )
                }
            }
            Self::Ratio { target, direction } => match (direction, zh) {
                (Direction::HigherBetter, true) => {
                    format!("比率：100 × 实际值 / 目标 {}，最高 100", e(target))
                }
                (Direction::HigherBetter, false) => {
                    format!("ratio: 100 × value / target {}, at most 100", e(target))
                }
                (Direction::LowerBetter, true) => {
                    format!("比率：100 × 目标 {} / 实际值，最高 100", e(target))
                }
                (Direction::LowerBetter, false) => {
                    format!("ratio: 100 × target {} / value, at most 100", e(target))
                }
            },
            Self::Scale { levels } => {
                let p: Vec<String> = levels
                    .iter()
                    .map(|l| match &l.label {
                        Some(t) => format!("{} ({}): {}", l.key, t.get(lang), e(&l.score)),
                        None => format!("{}: {}", l.key, e(&l.score)),
                    })
                    .collect();
                if zh {
                    format!("等级：{}", p.join("；"))
                } else {
                    format!("levels: {}", p.join("; "))
                }
            }
            Self::PassFail { pass, fail } => {
                if zh {
                    format!("达标 {}，不达标 {}", e(pass), e(fail))
                } else {
                    format!("pass {}, fail {}", e(pass), e(fail))
                }
            }
            Self::Direct => (if zh { "直接评分（0–100）" } else { "direct score (0–100)" }).to_string(),
        }
    }
}

/// Is `r` a numeric rubric (valid_range and numeric veto comparisons apply)?
pub(crate) fn is_numeric(r: &Rubric) -> bool {
    r.input_kind() == InputKind::Number
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn n(s: &str) -> Raw {
        Raw::Number(d(s))
    }
    /// The exact score to 20 decimals (the values below terminate well before).
    fn ev(r: &Rubric, v: &Raw) -> (Decimal, String) {
        let (f, step) = r.evaluate(v).unwrap();
        (f.round(20, crate::number::RoundingMode::HalfUp).unwrap(), step.to_string())
    }

    #[test]
    fn piecewise_single_peak_boundaries() {
        // The Appendix's AHT rubric.
        let r = Rubric::Piecewise {
            points: vec![(d("0"), d("60")), (d("180"), d("100")), (d("420"), d("100")), (d("900"), d("0"))],
        };
        assert_eq!(ev(&r, &n("0")).0, d("60"));
        assert_eq!(ev(&r, &n("-5")).0, d("60"));
        assert_eq!(ev(&r, &n("90")).0, d("80")); // 60 + 90*40/180
        assert_eq!(ev(&r, &n("180")).0, d("100"));
        assert_eq!(ev(&r, &n("420")).0, d("100"));
        assert_eq!(ev(&r, &n("660")).0, d("50")); // 100 - 240*100/480
        assert_eq!(ev(&r, &n("900")).0, d("0"));
        assert_eq!(ev(&r, &n("1000")).0, d("0"));
        assert_eq!(ev(&r, &n("90")).1, "segment 1: 0 to 180");
        assert_eq!(ev(&r, &n("1000")).1, "at or above 900");
        assert!(!r.is_monotone());
    }

    #[test]
    fn one_fraction_is_exact() {
        // 1/3 slope: 10 * 100 / 30 = 33.333.. must come from a single division.
        let r = Rubric::Linear { zero_at: d("0"), full_at: d("30") };
        let (s, _) = ev(&r, &n("10"));
        assert_eq!(crate::number::round(s, 2, crate::number::RoundingMode::HalfUp), d("33.33"));
        let (s, _) = ev(&r, &n("15"));
        assert_eq!(s, d("50"));
    }

    #[test]
    fn linear_lower_is_better() {
        let r = Rubric::Linear { zero_at: d("600"), full_at: d("300") };
        assert_eq!(ev(&r, &n("300")).0, d("100"));
        assert_eq!(ev(&r, &n("200")).0, d("100"));
        assert_eq!(ev(&r, &n("450")).0, d("50"));
        assert_eq!(ev(&r, &n("600")).0, d("0"));
        assert_eq!(ev(&r, &n("700")).0, d("0"));
    }

    #[test]
    fn bands_inclusive_boundaries() {
        let r = Rubric::Bands {
            direction: Direction::HigherBetter,
            steps: vec![BandStep::new(d("99"), d("100")), BandStep::new(d("95"), d("80"))],
            otherwise: d("0"),
        };
        assert_eq!(ev(&r, &n("99")), (d("100"), "band 1: >= 99".into()));
        assert_eq!(ev(&r, &n("98.99")), (d("80"), "band 2: >= 95".into()));
        assert_eq!(ev(&r, &n("95")).0, d("80"));
        assert_eq!(ev(&r, &n("94.99")), (d("0"), "otherwise".into()));
        let r = Rubric::Bands {
            direction: Direction::LowerBetter,
            steps: vec![BandStep::new(d("0"), d("100")), BandStep::new(d("2"), d("60"))],
            otherwise: d("0"),
        };
        assert_eq!(ev(&r, &n("0")), (d("100"), "band 1: <= 0".into()));
        assert_eq!(ev(&r, &n("2")), (d("60"), "band 2: <= 2".into()));
        assert_eq!(ev(&r, &n("2.5")).0, d("0"));
    }

    #[test]
    fn deduction_free_units_and_floor() {
        let r = Rubric::Deduction { per_unit: d("10"), full: d("100"), free_units: d("1"), floor: d("20") };
        assert_eq!(ev(&r, &n("0")).0, d("100"));
        assert_eq!(ev(&r, &n("1")).0, d("100"));
        assert_eq!(ev(&r, &n("2")).0, d("90"));
        assert_eq!(ev(&r, &n("2.5")).0, d("85"));
        assert_eq!(ev(&r, &n("9")).0, d("20"));
        assert_eq!(ev(&r, &n("20")).0, d("20"));
        assert!(r.check_domain(&n("-0.01")).is_err());
        assert!(r.check_domain(&n("0")).is_ok());
    }

    #[test]
    fn ratio_both_directions() {
        let r = Rubric::Ratio { target: d("95"), direction: Direction::HigherBetter };
        assert_eq!(ev(&r, &n("95")).0, d("100"));
        assert_eq!(ev(&r, &n("76")).0, d("80"));
        assert!(ev(&r, &n("100")).0 > d("100")); // clamped later
        let r = Rubric::Ratio { target: d("300"), direction: Direction::LowerBetter };
        assert_eq!(ev(&r, &n("0")).0, d("100"));
        assert_eq!(ev(&r, &n("400")).0, d("75"));
        assert_eq!(ev(&r, &n("300")).0, d("100"));
    }

    #[test]
    fn scale_pass_fail_direct() {
        let r = Rubric::Scale {
            levels: vec![
                Level { key: "good".into(), label: None, description: None, score: d("90") },
                Level { key: "poor".into(), label: None, description: None, score: d("40") },
            ],
        };
        assert_eq!(ev(&r, &Raw::Key("poor".into())), (d("40"), "level poor".into()));
        assert!(r.check_domain(&Raw::Key("bad".into())).is_err());
        let r = Rubric::PassFail { pass: d("100"), fail: d("0") };
        assert_eq!(ev(&r, &Raw::Bool(false)).0, d("0"));
        let r = Rubric::Direct;
        assert!(r.check_domain(&n("100")).is_ok());
        assert!(r.check_domain(&n("100.01")).is_err());
        assert!(r.check_domain(&n("-0.01")).is_err());
    }

    #[test]
    fn a_fixed_outcome_is_the_evaluated_one() {
        // Every rubric of every built-in scheme, at every bound and point and around them:
        // where `fixed_at` names an outcome, it is exactly what `evaluate` gives.
        let mut named = 0;
        for name in crate::builtin_names() {
            let scheme = crate::builtin_scheme(name).unwrap();
            for (_, ind) in scheme.indicators() {
                let r = &ind.rubric;
                let fixed = r.fixed_outcomes();
                let mut xs: Vec<Decimal> = (-20..=220).map(|k| Decimal::new(k * 5, 1)).collect();
                match r {
                    Rubric::Bands { steps, .. } => xs.extend(steps.iter().map(|s| s.bound)),
                    Rubric::Piecewise { points } => xs.extend(points.iter().map(|p| p.0)),
                    Rubric::Linear { zero_at, full_at } => xs.extend([*zero_at, *full_at]),
                    _ => {}
                }
                let more: Vec<Decimal> = xs.iter().flat_map(|x| [*x - d("0.001"), *x + d("0.001")]).collect();
                xs.extend(more);
                let mut raws: Vec<Raw> = xs.into_iter().map(Raw::Number).collect();
                raws.extend([Raw::Bool(true), Raw::Bool(false)]);
                if let Rubric::Scale { levels } = r {
                    raws.extend(levels.iter().map(|l| Raw::Key(l.key.clone())));
                }
                for v in &raws {
                    let Some(i) = r.fixed_at(v) else { continue };
                    named += 1;
                    let (f, step) = r.evaluate(v).unwrap();
                    let (g, fstep) = &fixed[i];
                    assert_eq!(step, *fstep, "{name} {} {v:?}", ind.id);
                    assert_eq!(
                        f.round(20, crate::number::RoundingMode::HalfEven),
                        g.round(20, crate::number::RoundingMode::HalfEven),
                        "{name} {} {v:?}",
                        ind.id
                    );
                }
            }
        }
        assert!(named > 1000, "{named}");
    }
}
