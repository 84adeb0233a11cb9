//! The general path's integer row: one checked record (a JSON text, a JSON value, a typed
//! record) scored with the table's compiled plan, its scorecard written from the integers.
//!
//! The scheme is compiled once, when it is built ([`RowSlot::compile`]): every rubric at the
//! fixed scale [`ROW_SCALE`] (a value with up to that many decimals is an exact integer
//! there), every weight, bound and threshold at its common scale, every fixed step text
//! settled. A record then walks the same pipeline as the exact `X` pipeline
//! (`score::pipeline`) in 64/128-bit integers, with the same one rounding rule
//! ([`div_round`]) and the same row arithmetic as the table ([`Plan::row`]). What the
//! integers do not cover is left to the exact pipeline, which decides: a value with more
//! decimals or a larger magnitude, 360° ratings, a corrected or shrunk record, the `error`
//! policy meeting an N/A, any quantity leaving the proven range. The differential tests
//! (`tests/tests/fast.rs`) hold the two to the same scorecard, step texts included.

use super::eval::Eval;
use super::passes::RowTotals;
use super::*;
use crate::number::{exact, ExactText};
use crate::present::steps::{StackText, Step};
use crate::scheme::Format;
use crate::score::{AdjustmentResult, CategoryResult, Id, IndicatorResult, IndicatorStatus, SchemeRef};
use std::fmt::Write;
use std::sync::Arc;

/// The scale every number of the general path is read at.
const ROW_SCALE: u32 = 4;
/// The largest |value| at [`ROW_SCALE`] the integer row takes (values below 10^8): small
/// enough that a ratio or a line is scored in 64 bits.
const ROW_MAX: i128 = 1_000_000_000_000;

/// How an indicator's step is found from its cell.
#[derive(Debug)]
enum Pick {
    /// A band (or "otherwise"): the scheme's settled texts by band.
    Bands { higher: bool, vmul: i128, bounds: Vec<i128> },
    /// A piecewise line: its ends (settled texts 0 and 1) or a segment (`segments`).
    Points { vmul: i128, xs: Vec<i128>, segments: Vec<Id> },
    /// A level index: the settled text of that level.
    Level,
    /// 0 fail, 1 pass: settled texts 1 and 0.
    PassFail,
    /// The same text whatever the value (`direct`).
    Fixed(Id),
    /// A ratio: `before` + the value + `after`; lower-better: `zero` at value 0.
    Ratio { before: String, after: String, zero: Option<Id> },
    /// A deduction: "deduction: " + the units (`max(0, v − free)` at scale `scale`) + `rest`
    /// (" x 2.5", the free units), + `floor` when the floor was reached.
    Deduction { scale: u32, rest: String, floor: String },
}

/// The scheme compiled for the general path's integer row.
#[derive(Debug)]
pub(crate) struct RowPlan {
    plan: Plan,
    picks: Vec<Pick>,
    /// Per indicator: its id and its category's id, as the scorecard holds them.
    ids: Vec<(Id, Id)>,
    /// Per category: its id.
    categories: Vec<Id>,
}

/// An integer at scale `dp` as a decimal (`Decimal::try_new`: no 128-bit range check).
#[inline]
fn dec64(m: i64, dp: u32) -> Option<Decimal> {
    Decimal::try_new(m, dp).ok()
}

/// A scheme's compiled row plan, when its rules allow one. Compiled from the definition, so
/// two schemes with equal definitions have equal slots (it takes no part in equality).
#[derive(Debug, Clone, Default)]
pub(crate) struct RowSlot(Option<Arc<RowPlan>>);

impl PartialEq for RowSlot {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for RowSlot {}

impl RowSlot {
    /// The row plan of `s`, or none (format 2, a bound beyond the integers, a veto comparing
    /// an indicator with a value of another kind): every record then takes the exact pipeline.
    pub(crate) fn compile(s: &Scheme) -> Self {
        Self(RowPlan::new(s).map(Arc::new))
    }

    pub(crate) fn get(&self) -> Option<&RowPlan> {
        self.0.as_deref()
    }
}

impl RowPlan {
    fn new(s: &Scheme) -> Option<Self> {
        if s.def.format == Format::V2 {
            return None;
        }
        // A veto comparing an indicator with a value of another kind never fires on the exact
        // pipeline; the integer comparison would not know.
        for v in &s.def.vetoes {
            if let VetoWhen::Indicator { indicator, value, .. } = &v.when {
                let ind = s.indicator(indicator)?;
                let same = matches!(
                    (ind.rubric.input_kind(), value),
                    (crate::rubric::InputKind::Number, VetoValue::Number(_))
                        | (crate::rubric::InputKind::Key, VetoValue::Key(_))
                        | (crate::rubric::InputKind::Bool, VetoValue::Bool(_))
                );
                if !same {
                    return None;
                }
            }
        }
        let cols: Vec<(u32, i128)> = s.flat.iter().map(|_| (ROW_SCALE, ROW_MAX)).collect();
        let plan = Plan::compile(s, &cols)?;
        let mut picks = Vec::with_capacity(cols.len());
        let ids = s.indicators().map(|(c, i)| (Id::from(i.id.as_str()), Id::from(c.id.as_str()))).collect();
        for (k, (_, ind)) in s.indicators().enumerate() {
            let settled = s.fixed.get(k).map_or(0, Vec::len);
            let pick = match (&ind.rubric, plan.evals.get(k)?) {
                (Rubric::Bands { steps, .. }, Eval::BandsDone { higher, vmul, bounds, .. })
                | (Rubric::Bands { steps, .. }, Eval::Bands { higher, vmul, bounds, .. }) => (settled
                    == steps.len() + 1)
                    .then(|| Pick::Bands { higher: *higher, vmul: *vmul, bounds: bounds.clone() })?,
                (Rubric::Piecewise { points }, e) => Self::points(points, false, e, settled)?,
                (Rubric::Linear { zero_at, full_at }, e) => {
                    let mut pts = [(*zero_at, Decimal::ZERO), (*full_at, Decimal::ONE_HUNDRED)];
                    pts.sort_by_key(|p| p.0);
                    Self::points(&pts, true, e, settled)?
                }
                (Rubric::Scale { levels }, _) => (settled == levels.len()).then_some(Pick::Level)?,
                (Rubric::PassFail { .. }, _) => (settled == 2).then_some(Pick::PassFail)?,
                (Rubric::Ratio { target, direction }, _) => {
                    let t = crate::number::ExactText(*target).to_string();
                    match direction {
                        Direction::HigherBetter => {
                            Pick::Ratio { before: "ratio: 100 x ".to_owned(), after: format!(" / {t}"), zero: None }
                        }
                        Direction::LowerBetter => Pick::Ratio {
                            before: format!("ratio: 100 x {t} / "),
                            after: String::new(),
                            zero: Some(Step::RatioZero.short_text()),
                        },
                    }
                }
                (Rubric::Deduction { per_unit, free_units, floor, .. }, Eval::Deduction { .. }) => {
                    let mut rest = format!(" x {}", crate::number::ExactText(*per_unit));
                    if !free_units.is_zero() {
                        rest.push_str(&format!(" (after {} free)", crate::number::ExactText(*free_units)));
                    }
                    let floor = format!(", floor {}", crate::number::ExactText(*floor));
                    Pick::Deduction { scale: ROW_SCALE.max(free_units.scale()), rest, floor }
                }
                (Rubric::Direct, _) => Pick::Fixed(Step::Direct.short_text()),
                _ => return None,
            };
            picks.push(pick);
        }
        let categories = s.def.categories.iter().map(|c| Id::from(c.id.as_str())).collect();
        Some(Self { plan, picks, ids, categories })
    }

    /// A piecewise line's pick: the compiled x's (at the eval's scale) and each segment's text.
    fn points(points: &[(Decimal, Decimal)], linear: bool, e: &Eval, settled: usize) -> Option<Pick> {
        let (vmul, xs) = match e {
            Eval::PointsNarrow { vmul, xs, .. } => (i128::from(*vmul), xs.iter().map(|x| i128::from(*x)).collect()),
            Eval::Points { vmul, xs, .. } => (*vmul, xs.clone()),
            _ => return None,
        };
        let segments = points
            .windows(2)
            .enumerate()
            .map(|(k, w)| {
                crate::present::steps::Step::Segment { linear, k: k + 1, from: w[0].0, to: w[1].0 }.short_text()
            })
            .collect();
        (settled == 2).then_some(Pick::Points { vmul, xs, segments })
    }

    /// A value as this plan's integer cell, or `None` when the integers do not take it.
    fn cell(&self, s: &Scheme, k: usize, raw: &Raw) -> Option<i64> {
        match raw {
            Raw::Number(d) => {
                let up = ROW_SCALE.checked_sub(d.scale())?;
                let m = d.mantissa().checked_mul(p10(up)?)?;
                (m.abs() <= ROW_MAX).then(|| i64::try_from(m).ok()).flatten()
            }
            Raw::Bool(b) => Some(i64::from(*b)),
            Raw::Key(key) => match &s.by_flat(k)?.1.rubric {
                Rubric::Scale { levels } => levels.iter().position(|l| &l.key == key).map(|p| p as i64),
                _ => None,
            },
        }
    }

    /// The step text of indicator `k` for `cell`.
    fn step(&self, s: &Scheme, k: usize, cell: i64) -> Option<Id> {
        let settled = |i: usize| s.fixed.get(k)?.get(i).map(|(_, t)| t.clone());
        match self.picks.get(k)? {
            Pick::Bands { higher, vmul, bounds } => {
                let v = mul(i128::from(cell), *vmul)?;
                let hit =
                    if *higher { bounds.iter().position(|b| v >= *b) } else { bounds.iter().position(|b| v <= *b) };
                settled(hit.unwrap_or(bounds.len()))
            }
            Pick::Points { vmul, xs, segments } => {
                let v = mul(i128::from(cell), *vmul)?;
                if v <= *xs.first()? {
                    return settled(0);
                }
                if v >= *xs.last()? {
                    return settled(1);
                }
                let j = xs.windows(2).position(|w| w[0] <= v && v <= w[1])?;
                segments.get(j).cloned()
            }
            Pick::Level => settled(usize::try_from(cell).ok()?),
            Pick::PassFail => settled(usize::from(cell == 0)),
            Pick::Fixed(text) => Some(text.clone()),
            Pick::Ratio { zero: Some(zero), .. } if cell == 0 => Some(zero.clone()),
            Pick::Ratio { before, after, .. } => {
                let mut out = StackText::default();
                out.write_str(before).ok()?;
                out.write_str(ExactText(Decimal::try_new(cell, ROW_SCALE).ok()?).write(&mut [0u8; 64])).ok()?;
                out.write_str(after).ok()?;
                Some(out.into_id())
            }
            Pick::Deduction { scale, rest, floor } => {
                let Eval::Deduction { vmul, free, per_unit, tmul, full, floor: min, .. } = self.plan.evals.get(k)?
                else {
                    return None;
                };
                let units = sub(mul(i128::from(cell), *vmul)?, *free)?.max(0);
                let below = sub(*full, mul(mul(*per_unit, units)?, *tmul)?)? < *min;
                let mut out = StackText::default();
                out.write_str("deduction: ").ok()?;
                let units = Decimal::try_new(i64::try_from(units).ok()?, *scale).ok()?;
                out.write_str(ExactText(units).write(&mut [0u8; 64])).ok()?;
                out.write_str(rest).ok()?;
                if below {
                    out.write_str(floor).ok()?;
                }
                Some(out.into_id())
            }
        }
    }

    /// The scorecard of `c` from the integers, or `None` to leave the record to the exact
    /// pipeline (which then decides, errors included). The record's identity is moved into
    /// the scorecard only when one is returned.
    pub(crate) fn score(&self, s: &Scheme, c: &mut Checked) -> Option<Scorecard> {
        if c.correction.is_some() || !c.corrected.is_empty() || !c.shrunk.is_empty() {
            return None;
        }
        let plan = &self.plan;
        let def = &s.def;
        let dp = def.rounding.dp;
        let n = c.inputs.len();
        if n != plan.evals.len() {
            return None;
        }
        let na_score = if plan.policy == MissingPolicy::Zero { 0 } else { NULL64 };
        // Pass 1: each indicator's cell, score and step.
        // (cell, score, scored) per indicator: on the stack for the usual scheme.
        let mut stack = [(ABSENT, NULL64, false); 32];
        let mut heap: Vec<(i64, i64, bool)> = Vec::new();
        let cells: &mut [(i64, i64, bool)] = if n <= stack.len() {
            stack.get_mut(..n)?
        } else {
            heap.resize(n, (ABSENT, NULL64, false));
            &mut heap
        };
        let mut indicators: Vec<IndicatorResult> = Vec::with_capacity(n);
        for (k, (input, (id, category))) in c.inputs.iter().zip(&self.ids).enumerate() {
            let reason = match input {
                Input::Absent => Some(NaReason::MissingValue),
                Input::Ratings(_) => return None,
                Input::Single(_) if plan.min_sample[k].is_some_and(|m| c.samples[k].is_none_or(|n| n < m)) => {
                    Some(NaReason::InsufficientSample)
                }
                Input::Single(_) => None,
            };
            let (cell, score, step) = match (reason, input) {
                (Some(_), _) if plan.policy == MissingPolicy::Error => return None,
                (Some(_), _) => (ABSENT, na_score, None),
                (None, Input::Single(raw)) => {
                    let cell = self.cell(s, k, raw)?;
                    (cell, plan.score(k, cell)?, Some(self.step(s, k, cell)?))
                }
                (None, _) => return None,
            };
            *cells.get_mut(k)? = (cell, score, reason.is_none());
            indicators.push(IndicatorResult {
                id: id.clone(),
                category: category.clone(),
                status: if reason.is_some() { IndicatorStatus::NotApplicable } else { IndicatorStatus::Scored },
                reason,
                score: if score == NULL64 { None } else { Some(dec64(score, dp)?) },
                step,
            });
        }
        // Vetoes, in scheme order.
        let mut fired: Vec<u16> = Vec::new();
        for (vi, (when, _)) in plan.vetoes.iter().enumerate() {
            let hit = match when {
                When::Event { event, at_least } => c.events.get(*event).is_some_and(|u| u >= at_least),
                When::Number { k, op, vmul, value } => match cells.get(*k) {
                    Some(&(cell, _, true)) => {
                        crate::score::vetoes::fires(*op, mul(i128::from(cell), *vmul)?.cmp(value))
                    }
                    _ => false,
                },
                When::Same { k, op, value } => match cells.get(*k) {
                    Some(&(cell, _, true)) => crate::score::vetoes::fires_on_equality(*op, Some(cell) == *value),
                    _ => false,
                },
                When::Never => false,
            };
            if hit {
                fired.push(u16::try_from(vi).ok()?);
            }
        }
        // Pass 2: categories, base, adjustments, total, grade.
        let mut categories: Vec<CategoryResult> = Vec::with_capacity(def.categories.len());
        let mut adjustments: Vec<AdjustmentResult> = Vec::with_capacity(def.adjustments.len());
        let (mut bad, mut bad_adjustment) = (false, false);
        let cells = &*cells;
        let totals: RowTotals = plan.row(
            |k| cells.get(k).map_or((NULL64, false), |&(_, s, scored)| (s, scored)),
            |e| c.events.get(e).map_or(0, |u| i128::from(*u)),
            &fired,
            |ci, score, status| {
                let given = score != NULL64;
                let score = if given { dec64(score, dp) } else { None };
                bad |= score.is_none() && (given || status != CAT_NA);
                categories.push(CategoryResult {
                    id: self.categories.get(ci).cloned().unwrap_or_default(),
                    status: match status {
                        CAT_SCORED => CategoryStatus::Scored,
                        CAT_VETOED => CategoryStatus::Vetoed,
                        _ => CategoryStatus::NotApplicable,
                    },
                    score,
                });
            },
            |j, p| {
                let (Some(a), Some((e, _, _)), Some(points)) =
                    (def.adjustments.get(j), plan.adjustments.get(j), decimal(p, plan.a_scale))
                else {
                    bad_adjustment = true;
                    return;
                };
                adjustments.push(AdjustmentResult {
                    id: Id::from(a.id.as_str()),
                    units: e.and_then(|e| c.events.get(e).copied()).unwrap_or(0),
                    points: exact(points),
                });
            },
        )?;
        if bad
            || bad_adjustment
            || categories.len() != def.categories.len()
            || adjustments.len() != def.adjustments.len()
        {
            return None;
        }
        let opt = |x: i128| if x == NULL { Some(None) } else { decimal(x, dp).map(Some) };
        let (coverage, base, total) = (decimal(totals.coverage, dp)?, opt(totals.base)?, opt(totals.total)?);
        let adjustment_total = exact(decimal(totals.a, plan.a_scale)?);
        let grade = |g: u16| def.grades.get(usize::from(g)).map(|g| Id::from(g.id.as_str()));
        // Nothing can fail from here: the record's identity moves into the scorecard.
        Some(Scorecard {
            grade_uncertain: None,
            shrinkage: Vec::new(),
            rating_correction: None,
            rating: None,
            employee: std::mem::take(&mut c.employee),
            period: std::mem::take(&mut c.period),
            scheme: SchemeRef {
                id: Id::from(def.id.as_str()),
                version: Id::from(def.version.as_str()),
                digest: Id::from(s.digest.as_str()),
            },
            status: if totals.complete { Status::Complete } else { Status::Incomplete },
            coverage,
            indicators,
            categories,
            base,
            adjustments,
            adjustment_total,
            total,
            vetoes: fired
                .iter()
                .filter_map(|&v| def.vetoes.get(usize::from(v)).map(|v| Id::from(v.id.as_str())))
                .collect(),
            natural_grade: grade(totals.natural),
            grade: grade(totals.grade),
        })
    }
}
