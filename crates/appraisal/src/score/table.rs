//! The fast exact path: a population held as typed columns ([`Table`]) and scored in scaled
//! integers ([`Scheme::score_table`]).
//!
//! Records are checked once, by the same one-pass check as every other entry point, when they
//! are added to a table; every number is then kept as an integer at its column's scale
//! (`95.5` in a column of scale 1 is `955`). Scoring a table evaluates each SPEC formula as
//! one fraction of 128-bit integers and rounds it once, exactly as the general path does with
//! `Decimal`, without allocating per record. So re-scoring history when the rules change, or a
//! what-if over a whole population, costs integer arithmetic only.
//!
//! When is a row NOT computed here? When any intermediate value would leave the 96-bit range
//! of `Decimal`'s mantissa (where `Decimal` itself would start to round), when a value does not
//! fit its column as a 64-bit integer, or when the record is an error (the `error` missing-data
//! policy). Such a row is scored by the general path, so its result is the general path's by
//! construction; [`TableScores::general_rows`] counts them. Everything else is proven equal to
//! the general path by the property tests and the golden corpus (`tests/tests/fast.rs`).

// The one module exempt from the core's `arithmetic_side_effects` lint: its hot loops use
// plain i64/i128 operators on integers whose bounds are proven when the plan is built
// (`Plan::new`, `narrow_bounds`, `Eval::finish`: every product < 2^62, every 128-bit value
// inside ±2^96); a row or column the proof does not cover goes to the general path, which
// is exact. The differential tests and the `table_path` fuzz target hold it to the general
// path on mixed scales and extreme magnitudes.
#![allow(clippy::arithmetic_side_effects)]

use crate::error::RecordError;
use crate::number::RoundingMode;
use crate::record::{Checked, Input};
use crate::rubric::{Direction, Raw, Rubric};
use crate::scheme::{MissingPolicy, Scheme, VetoEffect, VetoValue, VetoWhen};
use crate::score::{lcm, CategoryStatus, NaReason, Scorecard, Status};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;

/// A cell that holds nothing: an absent value, a missing sample size, an abstention.
const ABSENT: i64 = i64::MIN;
/// A cell whose exact value lives in the table's side map (it does not fit its column).
const WIDE: i64 = i64::MIN + 1;
/// Largest column scale kept as integers (a value with more decimals goes to the side map).
const MAX_COLUMN_SCALE: u32 = 12;
/// `Decimal`'s mantissa has 96 bits: beyond it the general path could round an intermediate.
const LIMIT: u128 = 1 << 96;

fn p10(s: u32) -> Option<i128> {
    10i128.checked_pow(s)
}

/// The value if it is inside the exact range of both paths.
fn fit(x: i128) -> Option<i128> {
    (x.unsigned_abs() < LIMIT).then_some(x)
}

fn mul(a: i128, b: i128) -> Option<i128> {
    fit(a.checked_mul(b)?)
}

fn add(a: i128, b: i128) -> Option<i128> {
    fit(a.checked_add(b)?)
}

fn sub(a: i128, b: i128) -> Option<i128> {
    fit(a.checked_sub(b)?)
}

/// `d` as an integer at scale `s` (`s` ≥ its own scale), or `None` when it does not fit.
fn at_scale(d: Decimal, s: u32) -> Option<i128> {
    mul(d.mantissa(), p10(s.checked_sub(d.scale())?)?)
}

/// n / d rounded to an integer by `mode` (SPEC §0), d > 0.
fn div_round(n: i128, d: i128, mode: RoundingMode) -> i128 {
    // 128-bit division is a library call; almost every fraction here fits 64 bits.
    let (q, r) = match (i64::try_from(n), i64::try_from(d)) {
        (Ok(n), Ok(d)) => (i128::from(n / d), u128::from((n % d).unsigned_abs())),
        _ => (n / d, (n % d).unsigned_abs()),
    };
    if away_from_zero(mode, r.saturating_mul(2).cmp(&d.unsigned_abs()), q % 2 != 0) {
        q + n.signum()
    } else {
        q
    }
}

/// [`div_round`] in 64 bits (d > 0).
#[inline]
fn div_round64(n: i64, d: i64, mode: RoundingMode) -> i64 {
    let (q, r) = (n / d, (n % d).unsigned_abs());
    if away_from_zero(mode, (r * 2).cmp(&d.unsigned_abs()), q % 2 != 0) {
        q + n.signum()
    } else {
        q
    }
}

/// Whether a quotient truncated toward zero moves one step away from zero, given how twice
/// the remainder compares with the divisor and whether the quotient is odd (SPEC §0 modes).
#[inline]
fn away_from_zero(mode: RoundingMode, twice_remainder: std::cmp::Ordering, odd: bool) -> bool {
    use std::cmp::Ordering::{Equal, Greater, Less};
    match mode {
        RoundingMode::Down => false,
        RoundingMode::HalfUp => twice_remainder != Less,
        RoundingMode::HalfEven => twice_remainder == Greater || (twice_remainder == Equal && odd),
    }
}

fn decimal(m: i128, scale: u32) -> Option<Decimal> {
    let mut d = Decimal::try_from_i128_with_scale(m, scale).ok()?;
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    Some(d)
}

#[derive(Debug, Clone)]
enum Cells {
    /// One cell per row: a number (its mantissa at the column's scale), a level index, or
    /// 0/1 for fail/pass.
    Single(Vec<i64>),
    /// Row r's ratings are `start[r]..start[r + 1]`; `given[r]` is false when the ratings key
    /// was absent (N/A `missing_value`), true for a list, even an empty one.
    Ratings { start: Vec<u32>, given: Vec<bool>, group: Vec<u16>, value: Vec<i64> },
}

#[derive(Debug, Clone)]
struct Column {
    scale: u32,
    cells: Cells,
}

impl Column {
    /// The largest |value| in the column (numbers; sentinels skipped).
    fn max_abs(&self) -> i128 {
        let cells = match &self.cells {
            Cells::Single(v) => v,
            Cells::Ratings { value, .. } => value,
        };
        cells.iter().filter(|c| **c != ABSENT && **c != WIDE).map(|c| i128::from(*c).abs()).max().unwrap_or(0)
    }
}

/// A population for one scheme, held as typed columns: the input of the fast exact path.
///
/// Build it with [`Table::new`] and [`Table::push`] (each record goes through the same check
/// as [`Scheme::score_value`]; a bad record is reported and not added), then score it as often
/// as needed with [`Scheme::score_table`].
#[derive(Debug, Clone)]
pub struct Table {
    digest: String,
    employee: Vec<String>,
    period: Vec<String>,
    columns: Vec<Column>,
    samples: Vec<Vec<i64>>,
    events: Vec<Vec<u32>>,
    /// (row, indicator position, rating index or u32::MAX) → a number that does not fit.
    wide: BTreeMap<(u32, u32, u32), Decimal>,
}

impl Table {
    /// An empty table for `scheme`.
    pub fn new(scheme: &Scheme) -> Self {
        let columns = scheme
            .indicators()
            .map(|(_, i)| Column {
                scale: 0,
                cells: if i.raters.is_some() {
                    Cells::Ratings { start: vec![0], given: Vec::new(), group: Vec::new(), value: Vec::new() }
                } else {
                    Cells::Single(Vec::new())
                },
            })
            .collect::<Vec<_>>();
        Self {
            digest: scheme.digest().to_string(),
            employee: Vec::new(),
            period: Vec::new(),
            samples: vec![Vec::new(); columns.len()],
            columns,
            events: vec![Vec::new(); scheme.events().len()],
            wide: BTreeMap::new(),
        }
    }

    /// A table of `records`: the good ones in input order, and the index and errors of every
    /// bad one (nothing is lost).
    pub fn from_records(scheme: &Scheme, records: &[Value]) -> (Self, Vec<(usize, RecordError)>) {
        let mut t = Self::new(scheme);
        let mut bad = Vec::new();
        for (i, r) in records.iter().enumerate() {
            if let Err(e) = t.push(scheme, r) {
                bad.push((i, e));
            }
        }
        (t, bad)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.employee.len()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.employee.is_empty()
    }

    /// The employee of row `i`.
    pub fn employee(&self, i: usize) -> Option<&str> {
        self.employee.get(i).map(String::as_str)
    }

    /// The period of row `i`.
    pub fn period(&self, i: usize) -> Option<&str> {
        self.period.get(i).map(String::as_str)
    }

    /// Checks `record` against `scheme` (the scheme this table was made for) and adds it as a
    /// row; a bad record gets its errors and is not added.
    pub fn push(&mut self, scheme: &Scheme, record: &Value) -> Result<(), RecordError> {
        if scheme.digest() != self.digest {
            return Err(RecordError {
                issues: vec![crate::error::Issue::new(
                    crate::error::ErrorCode::InvalidType,
                    "",
                    "this table was made for another scheme (digests differ)",
                )],
            });
        }
        let c = scheme.check(record)?;
        self.push_checked(scheme, c);
        Ok(())
    }

    /// Stores a number in column `k`, rescaling the column when the number has more decimals;
    /// the cell, or `WIDE` with the number in the side map.
    fn number(&mut self, k: usize, key: (u32, u32, u32), d: Decimal) -> i64 {
        let col = &mut self.columns[k];
        if d.scale() > col.scale && d.scale() <= MAX_COLUMN_SCALE {
            let Some(f) = p10(d.scale() - col.scale) else {
                self.wide.insert(key, d);
                return WIDE;
            };
            let cells: &mut Vec<i64> = match &mut col.cells {
                Cells::Single(v) => v,
                Cells::Ratings { value, .. } => value,
            };
            let fits = cells
                .iter()
                .all(|&c| c == ABSENT || c == WIDE || i64::try_from(i128::from(c) * f).is_ok_and(|x| x > WIDE));
            if fits {
                for c in cells.iter_mut().filter(|c| **c != ABSENT && **c != WIDE) {
                    *c = (i128::from(*c) * f) as i64;
                }
                col.scale = d.scale();
            }
        }
        match at_scale(d, col.scale).and_then(|m| i64::try_from(m).ok()).filter(|&m| m > WIDE) {
            Some(m) => m,
            None => {
                self.wide.insert(key, d);
                WIDE
            }
        }
    }

    fn cell(&mut self, scheme: &Scheme, k: usize, key: (u32, u32, u32), raw: &Raw) -> i64 {
        match raw {
            Raw::Number(d) => self.number(k, key, *d),
            Raw::Bool(b) => i64::from(*b),
            Raw::Key(s) => match scheme.by_flat(k).map(|(_, i)| &i.rubric) {
                Some(Rubric::Scale { levels }) => levels.iter().position(|l| &l.key == s).map_or(ABSENT, |p| p as i64),
                _ => ABSENT,
            },
        }
    }

    fn push_checked(&mut self, scheme: &Scheme, c: Checked) {
        let row = self.employee.len() as u32;
        for (k, input) in c.inputs.iter().enumerate() {
            let single = matches!(self.columns[k].cells, Cells::Single(_));
            match (input, single) {
                (Input::Single(raw), true) => {
                    let v = self.cell(scheme, k, (row, k as u32, u32::MAX), raw);
                    if let Cells::Single(cells) = &mut self.columns[k].cells {
                        cells.push(v);
                    }
                }
                (Input::Ratings(list), false) => {
                    // Each rating goes into the column as soon as it is read: a later rating
                    // with more decimals rescales the column, and with it every earlier
                    // rating of this row (a local buffer would keep them at the old scale).
                    for (j, (g, raw)) in list.iter().enumerate() {
                        let v = raw.as_ref().map_or(ABSENT, |r| self.cell(scheme, k, (row, k as u32, j as u32), r));
                        if let Cells::Ratings { group, value, .. } = &mut self.columns[k].cells {
                            group.push(*g as u16);
                            value.push(v);
                        }
                    }
                    if let Cells::Ratings { start, given, value, .. } = &mut self.columns[k].cells {
                        start.push(value.len() as u32);
                        given.push(true);
                    }
                }
                (_, _) => match &mut self.columns[k].cells {
                    Cells::Single(cells) => cells.push(ABSENT),
                    Cells::Ratings { start, given, value, .. } => {
                        start.push(value.len() as u32);
                        given.push(false);
                    }
                },
            }
            self.samples[k].push(c.samples[k].map_or(ABSENT, |n| n as i64));
        }
        for (e, n) in c.events.iter().enumerate() {
            self.events[e].push(*n as u32);
        }
        self.employee.push(c.employee);
        self.period.push(c.period);
    }

    /// Row `r` as the general path's checked record (for the rows the fast path leaves).
    fn checked(&self, scheme: &Scheme, r: usize) -> Checked {
        let raw = |k: usize, j: u32, cell: i64, scale: u32| -> Option<Raw> {
            if cell == ABSENT {
                return None;
            }
            if cell == WIDE {
                return self.wide.get(&(r as u32, k as u32, j)).map(|d| Raw::Number(*d));
            }
            match scheme.by_flat(k).map(|(_, i)| &i.rubric) {
                Some(Rubric::Scale { levels }) => levels.get(cell as usize).map(|l| Raw::Key(l.key.clone())),
                Some(Rubric::PassFail { .. }) => Some(Raw::Bool(cell == 1)),
                Some(_) => decimal(i128::from(cell), scale).map(Raw::Number),
                None => None,
            }
        };
        let inputs = self
            .columns
            .iter()
            .enumerate()
            .map(|(k, col)| match &col.cells {
                Cells::Single(cells) => raw(k, u32::MAX, cells[r], col.scale).map_or(Input::Absent, Input::Single),
                Cells::Ratings { start, given, group, value } => {
                    if !given[r] {
                        return Input::Absent;
                    }
                    let (a, b) = (start[r] as usize, start[r + 1] as usize);
                    Input::Ratings(
                        (a..b).map(|j| (group[j] as usize, raw(k, (j - a) as u32, value[j], col.scale))).collect(),
                    )
                }
            })
            .collect();
        Checked {
            employee: self.employee[r].clone(),
            period: self.period[r].clone(),
            inputs,
            samples: self.samples.iter().map(|s| (s[r] != ABSENT).then_some(s[r] as u64)).collect(),
            events: self.events.iter().map(|e| u64::from(e[r])).collect(),
        }
    }
}

/// A rubric compiled for one column's scale: every threshold as an integer at a common scale.
#[derive(Debug)]
enum Eval {
    /// Points (also `linear`): v × vmul compared with xs; ys at scale 10^ydiv.
    Points {
        vmul: i128,
        xs: Vec<i128>,
        ys: Vec<i128>,
        ydiv: i128,
    },
    Bands {
        higher: bool,
        vmul: i128,
        bounds: Vec<i128>,
        scores: Vec<i128>,
        otherwise: i128,
        ydiv: i128,
    },
    /// max(floor, full − per_unit × max(0, v − free)), all at scale t (tdiv = 10^t).
    Deduction {
        vmul: i128,
        free: i128,
        per_unit: i128,
        tmul: i128,
        full: i128,
        floor: i128,
        tdiv: i128,
    },
    /// higher: (a × v) / b; lower: a / (b × v) (v = 0 scores 100).
    Ratio {
        higher: bool,
        a: i128,
        b: i128,
    },
    /// A score per level index (scale) or per 0/1 (pass_fail).
    Levels {
        scores: Vec<i128>,
        ydiv: i128,
    },
    Direct {
        vdiv: i128,
    },
    /// Bands with every score already rounded to dp (no division per row).
    BandsDone {
        higher: bool,
        vmul: i128,
        bounds: Vec<i128>,
        scores: Vec<i64>,
        otherwise: i64,
    },
    /// Levels (or fail/pass) already rounded to dp.
    LevelsDone {
        scores: Vec<i64>,
    },
    /// A direct score at a column scale ≤ dp: v × 10^(dp − scale), no division.
    DirectDone {
        mul: i128,
    },
    /// Points in 64 bits: every product of this column's values proven below 2^62; the
    /// scores at or beyond the end points already rounded.
    PointsNarrow {
        vmul: i64,
        xs: Vec<i64>,
        ys: Vec<i64>,
        ydiv: i64,
        first: i64,
        last: i64,
    },
    /// Ratio in 64 bits, proven likewise: higher (a × v) / b, lower a / (b × v).
    RatioNarrow {
        higher: bool,
        a: i64,
        b: i64,
    },
}

fn scale_of<'a>(ds: impl IntoIterator<Item = &'a Decimal>) -> u32 {
    ds.into_iter().map(Decimal::scale).max().unwrap_or(0)
}

fn all_at(ds: &[Decimal], s: u32) -> Option<Vec<i128>> {
    ds.iter().map(|d| at_scale(*d, s)).collect()
}

impl Eval {
    fn compile(rubric: &Rubric, cs: u32) -> Option<Self> {
        Some(match rubric {
            Rubric::Piecewise { points } => Self::points(points, cs)?,
            Rubric::Linear { zero_at, full_at } => {
                let mut pts = [(*zero_at, Decimal::ZERO), (*full_at, Decimal::ONE_HUNDRED)];
                pts.sort_by_key(|p| p.0);
                Self::points(&pts, cs)?
            }
            Rubric::Bands { direction, steps, otherwise } => {
                let bounds: Vec<Decimal> = steps.iter().map(|s| s.bound).collect();
                let s = scale_of(&bounds).max(cs);
                let mut ys: Vec<Decimal> = steps.iter().map(|s| s.score).collect();
                ys.push(*otherwise);
                let sy = scale_of(&ys);
                let mut scores = all_at(&ys, sy)?;
                let otherwise = scores.pop()?;
                Self::Bands {
                    higher: *direction == Direction::HigherBetter,
                    vmul: p10(s - cs)?,
                    bounds: all_at(&bounds, s)?,
                    scores,
                    otherwise,
                    ydiv: p10(sy)?,
                }
            }
            Rubric::Deduction { per_unit, full, free_units, floor } => {
                let s1 = cs.max(free_units.scale());
                let t = (per_unit.scale() + s1).max(full.scale()).max(floor.scale());
                Self::Deduction {
                    vmul: p10(s1 - cs)?,
                    free: at_scale(*free_units, s1)?,
                    per_unit: per_unit.mantissa(),
                    tmul: p10(t - per_unit.scale() - s1)?,
                    full: at_scale(*full, t)?,
                    floor: at_scale(*floor, t)?,
                    tdiv: p10(t)?,
                }
            }
            Rubric::Ratio { target, direction } => {
                let (mt, st) = (target.mantissa(), target.scale());
                match direction {
                    // 100 v / t = 100 × V × 10^st / (MT × 10^cs)
                    Direction::HigherBetter => {
                        Self::Ratio { higher: true, a: mul(100, p10(st)?)?, b: mul(mt, p10(cs)?)? }
                    }
                    // 100 t / v = 100 × MT × 10^cs / (V × 10^st)
                    Direction::LowerBetter => {
                        Self::Ratio { higher: false, a: mul(mul(100, mt)?, p10(cs)?)?, b: p10(st)? }
                    }
                }
            }
            Rubric::Scale { levels } => {
                let ys: Vec<Decimal> = levels.iter().map(|l| l.score).collect();
                let sy = scale_of(&ys);
                Self::Levels { scores: all_at(&ys, sy)?, ydiv: p10(sy)? }
            }
            Rubric::PassFail { pass, fail } => {
                let sy = pass.scale().max(fail.scale());
                Self::Levels { scores: vec![at_scale(*fail, sy)?, at_scale(*pass, sy)?], ydiv: p10(sy)? }
            }
            Rubric::Direct => Self::Direct { vdiv: p10(cs)? },
        })
    }

    /// Rubrics with finitely many scores get them rounded once, here; a direct score at a
    /// column scale ≤ dp needs no rounding at all.
    fn finish(self, plan: &Plan, cs: u32, dp: u32, cmax: i128) -> Option<Self> {
        const LIM: i128 = 1 << 62;
        let ok = |x: Option<i128>| x.filter(|x| x.abs() < LIM);
        let one = plan.one;
        Some(match self {
            Self::Points { vmul, xs, ys, ydiv }
                if ok(cmax.checked_mul(vmul)).is_some()
                    && xs.iter().chain(&ys).all(|x| x.abs() < LIM)
                    && xs.windows(2).zip(ys.windows(2)).all(|(x, y)| {
                        let (dx, dy) = (x[1] - x[0], y[1] - y[0]);
                        let n = y[0]
                            .abs()
                            .checked_mul(dx)
                            .zip(dx.checked_mul(dy.abs()))
                            .and_then(|(a, b)| a.checked_add(b));
                        ok(n.and_then(|n| n.checked_mul(one))).is_some()
                            && ok(dx.checked_mul(ydiv).and_then(|d| d.checked_mul(100))).is_some()
                    }) =>
            {
                let (first, last) = (plan.points(*ys.first()?, ydiv)?, plan.points(*ys.last()?, ydiv)?);
                let n64 = |v: &[i128]| v.iter().map(|x| i64::try_from(*x).ok()).collect::<Option<Vec<i64>>>();
                Self::PointsNarrow {
                    vmul: i64::try_from(vmul).ok()?,
                    xs: n64(&xs)?,
                    ys: n64(&ys)?,
                    ydiv: i64::try_from(ydiv).ok()?,
                    first,
                    last,
                }
            }
            Self::Ratio { higher: true, a, b }
                if ok(a.checked_mul(cmax).and_then(|x| x.checked_mul(one))).is_some()
                    && ok(b.checked_mul(100)).is_some() =>
            {
                Self::RatioNarrow { higher: true, a: i64::try_from(a).ok()?, b: i64::try_from(b).ok()? }
            }
            Self::Ratio { higher: false, a, b }
                if ok(a.checked_mul(one)).is_some()
                    && ok(b.checked_mul(cmax).and_then(|x| x.checked_mul(100))).is_some() =>
            {
                Self::RatioNarrow { higher: false, a: i64::try_from(a).ok()?, b: i64::try_from(b).ok()? }
            }
            Self::Bands { higher, vmul, bounds, scores, otherwise, ydiv } => Self::BandsDone {
                higher,
                vmul,
                bounds,
                scores: scores.iter().map(|y| plan.points(*y, ydiv)).collect::<Option<_>>()?,
                otherwise: plan.points(otherwise, ydiv)?,
            },
            Self::Levels { scores, ydiv } => {
                Self::LevelsDone { scores: scores.iter().map(|y| plan.points(*y, ydiv)).collect::<Option<_>>()? }
            }
            Self::Direct { .. } if cs <= dp => Self::DirectDone { mul: p10(dp - cs)? },
            other => other,
        })
    }

    fn points(points: &[(Decimal, Decimal)], cs: u32) -> Option<Self> {
        let xs: Vec<Decimal> = points.iter().map(|p| p.0).collect();
        let ys: Vec<Decimal> = points.iter().map(|p| p.1).collect();
        let s = scale_of(&xs).max(cs);
        let sy = scale_of(&ys);
        Some(Self::Points { vmul: p10(s - cs)?, xs: all_at(&xs, s)?, ys: all_at(&ys, sy)?, ydiv: p10(sy)? })
    }

    /// The unclamped score as a fraction n / d (d > 0), or `None` to leave the row to the
    /// general path.
    fn eval(&self, cell: i64) -> Option<(i128, i128)> {
        let c = i128::from(cell);
        match self {
            Self::Points { vmul, xs, ys, ydiv } => {
                let v = mul(c, *vmul)?;
                let (first, last) = (*xs.first()?, *xs.last()?);
                if v <= first {
                    return Some((*ys.first()?, *ydiv));
                }
                if v >= last {
                    return Some((*ys.last()?, *ydiv));
                }
                let j = xs.windows(2).position(|w| w[0] <= v && v <= w[1])?;
                let (x0, x1, y0, y1) = (xs[j], xs[j + 1], ys[j], ys[j + 1]);
                let dx = sub(x1, x0)?;
                let n = add(mul(y0, dx)?, mul(sub(v, x0)?, sub(y1, y0)?)?)?;
                Some((n, mul(dx, *ydiv)?))
            }
            Self::Bands { higher, vmul, bounds, scores, otherwise, ydiv } => {
                let v = mul(c, *vmul)?;
                let hit = bounds.iter().position(|b| if *higher { v >= *b } else { v <= *b });
                Some((hit.map_or(*otherwise, |k| scores[k]), *ydiv))
            }
            Self::Deduction { vmul, free, per_unit, tmul, full, floor, tdiv } => {
                let units = sub(mul(c, *vmul)?, *free)?.max(0);
                let raw = sub(*full, mul(mul(*per_unit, units)?, *tmul)?)?;
                Some((raw.max(*floor), *tdiv))
            }
            Self::Ratio { higher: true, a, b } => Some((mul(*a, c)?, *b)),
            Self::Ratio { higher: false, a, b } => {
                if c == 0 {
                    Some((100, 1))
                } else {
                    Some((*a, mul(*b, c)?))
                }
            }
            Self::Levels { scores, ydiv } => Some((*scores.get(usize::try_from(cell).ok()?)?, *ydiv)),
            Self::Direct { vdiv } => Some((c, *vdiv)),
            Self::BandsDone { .. }
            | Self::LevelsDone { .. }
            | Self::DirectDone { .. }
            | Self::PointsNarrow { .. }
            | Self::RatioNarrow { .. } => None,
        }
    }
}

/// A veto condition compiled for the table's columns.
#[derive(Debug)]
enum When {
    Event {
        event: usize,
        at_least: u64,
    },
    /// Compare the cell (× vmul) with `value` at a common scale.
    Number {
        k: usize,
        op: crate::scheme::CmpOp,
        vmul: i128,
        value: i128,
    },
    /// Equality of a level index (or 0/1); `None` when the key is no level (never equal).
    Same {
        k: usize,
        op: crate::scheme::CmpOp,
        value: Option<i64>,
    },
    Never,
}

/// Rater groups compiled: weights at a common scale, min_raters, trim.
type Groups = (Vec<i128>, Vec<u64>, u64);

/// The scheme compiled for one table: integers at fixed scales everywhere.
#[derive(Debug)]
struct Plan {
    mode: RoundingMode,
    /// 10^dp
    one: i128,
    policy: MissingPolicy,
    evals: Vec<Eval>,
    min_sample: Vec<Option<u64>>,
    /// Per indicator: its category index and its weight at the scheme's common weight scale.
    cat_of: Vec<usize>,
    w_ind: Vec<i128>,
    /// Per indicator: W_c × w_i at scale `cov_scale` (coverage).
    cov: Vec<i128>,
    cov_div: i128,
    w_cat: Vec<i128>,
    /// Per rated indicator: group weights (common scale), min_raters, trim.
    raters: Vec<Option<Groups>>,
    /// Adjustments at scale `a_scale`: (event index, points per unit, cap).
    adjustments: Vec<(Option<usize>, i128, Option<i128>)>,
    a_min: Option<i128>,
    a_max: Option<i128>,
    a_scale: u32,
    /// Total at scale `t_scale`: base × t_base, A × t_adj, ceiling; rounded by / t_base.
    t_base: i128,
    t_adj: i128,
    ceiling: i128,
    /// Grades' minimums at scale g_scale; a total × g_mul compares with them.
    g_min: Vec<i128>,
    g_mul: i128,
    /// min_coverage at scale g_scale too.
    min_cov: i128,
    vetoes: Vec<(When, VetoEffect2)>,
    /// Whether every sum of pass 2 provably fits 62 bits, so the column-at-a-time pass can use
    /// plain 64-bit arithmetic (decided once per table from the scheme's constants).
    narrow: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum VetoEffect2 {
    ZeroTotal,
    CapGrade(Option<usize>),
    ZeroCategory(Option<usize>),
}

impl Plan {
    fn new(s: &Scheme, t: &Table) -> Option<Self> {
        let def = &s.def;
        let dp = def.rounding.dp;
        let inds: Vec<_> = s.indicators().collect();
        let mut evals = Vec::with_capacity(inds.len());
        for (k, (_, ind)) in inds.iter().enumerate() {
            evals.push(Eval::compile(&ind.rubric, t.columns.get(k)?.scale)?);
        }
        let sw = scale_of(inds.iter().map(|(_, i)| &i.weight));
        let sc = scale_of(def.categories.iter().map(|c| &c.weight));
        let cat_of: Vec<usize> = s.flat.iter().map(|&(c, _)| c).collect();
        let cov_scale = sw + sc;
        let cov =
            inds.iter().map(|(c, i)| mul(at_scale(c.weight, sc)?, at_scale(i.weight, sw)?)).collect::<Option<_>>()?;
        let raters = inds
            .iter()
            .map(|(_, i)| {
                i.raters.as_ref().map(|r| {
                    let sg = scale_of(r.groups.iter().map(|g| &g.weight));
                    let w: Option<Vec<i128>> = r.groups.iter().map(|g| at_scale(g.weight, sg)).collect();
                    w.map(|w| (w, r.groups.iter().map(|g| g.min_raters).collect(), r.trim))
                })
            })
            .map(|o| match o {
                Some(Some(x)) => Some(Some(x)),
                Some(None) => None,
                None => Some(None),
            })
            .collect::<Option<Vec<_>>>()?;
        let mut a_dec: Vec<&Decimal> = Vec::new();
        for a in &def.adjustments {
            a_dec.push(&a.points_per_unit);
            a_dec.extend(a.cap.as_ref());
        }
        a_dec.extend(def.total.adjustment_min.as_ref());
        a_dec.extend(def.total.adjustment_max.as_ref());
        let a_scale = scale_of(a_dec);
        let adjustments = def
            .adjustments
            .iter()
            .map(|a| {
                Some((
                    s.event_index.get(&a.event).copied(),
                    at_scale(a.points_per_unit, a_scale)?,
                    match a.cap {
                        Some(c) => Some(at_scale(c, a_scale)?),
                        None => None,
                    },
                ))
            })
            .collect::<Option<_>>()?;
        let opt = |d: Option<Decimal>, s: u32| -> Option<Option<i128>> {
            match d {
                Some(d) => Some(Some(at_scale(d, s)?)),
                None => Some(None),
            }
        };
        let t_scale = dp.max(a_scale).max(def.total.ceiling.scale());
        let g_scale = dp.max(scale_of(def.grades.iter().map(|g| &g.min))).max(def.missing.min_coverage.scale());
        let vetoes = def
            .vetoes
            .iter()
            .map(|v| {
                let when = match &v.when {
                    VetoWhen::Event { event, at_least } => match s.event_index.get(event) {
                        Some(&e) => When::Event { event: e, at_least: *at_least },
                        None => When::Never,
                    },
                    VetoWhen::Indicator { indicator, op, value } => {
                        let Some(&(_, _, k)) = s.indicator_index.get(indicator) else {
                            return Some((When::Never, VetoEffect2::ZeroTotal));
                        };
                        match value {
                            VetoValue::Number(d) => {
                                let cs = t.columns.get(k)?.scale;
                                let common = cs.max(d.scale());
                                When::Number { k, op: *op, vmul: p10(common - cs)?, value: at_scale(*d, common)? }
                            }
                            VetoValue::Bool(b) => When::Same { k, op: *op, value: Some(i64::from(*b)) },
                            VetoValue::Key(key) => When::Same {
                                k,
                                op: *op,
                                value: match s.by_flat(k).map(|(_, i)| &i.rubric) {
                                    Some(Rubric::Scale { levels }) => {
                                        levels.iter().position(|l| &l.key == key).map(|p| p as i64)
                                    }
                                    _ => None,
                                },
                            },
                        }
                    }
                };
                let effect = match &v.effect {
                    VetoEffect::ZeroTotal => VetoEffect2::ZeroTotal,
                    VetoEffect::CapGrade(g) => VetoEffect2::CapGrade(def.grades.iter().position(|x| &x.id == g)),
                    VetoEffect::ZeroCategory(c) => {
                        VetoEffect2::ZeroCategory(def.categories.iter().position(|x| &x.id == c))
                    }
                };
                Some((when, effect))
            })
            .collect::<Option<_>>()?;
        let mut plan = Self {
            mode: def.rounding.mode,
            one: p10(dp)?,
            policy: def.missing.policy,
            evals,
            min_sample: inds.iter().map(|(_, i)| i.min_sample).collect(),
            cat_of,
            w_ind: inds.iter().map(|(_, i)| at_scale(i.weight, sw)).collect::<Option<_>>()?,
            cov,
            cov_div: mul(100, p10(cov_scale)?)?,
            w_cat: def.categories.iter().map(|c| at_scale(c.weight, sc)).collect::<Option<_>>()?,
            raters,
            adjustments,
            a_min: opt(def.total.adjustment_min, a_scale)?,
            a_max: opt(def.total.adjustment_max, a_scale)?,
            a_scale,
            t_base: p10(t_scale - dp)?,
            t_adj: p10(t_scale - a_scale)?,
            ceiling: at_scale(def.total.ceiling, t_scale)?,
            g_min: def.grades.iter().map(|g| at_scale(g.min, g_scale)).collect::<Option<_>>()?,
            g_mul: p10(g_scale - dp)?,
            min_cov: at_scale(def.missing.min_coverage, g_scale)?,
            vetoes,
            narrow: false,
        };
        plan.narrow = plan.narrow_bounds().is_some();
        let evals = std::mem::take(&mut plan.evals);
        let dp = def.rounding.dp;
        plan.evals = evals
            .into_iter()
            .enumerate()
            .map(|(k, e)| {
                let col = t.columns.get(k)?;
                e.finish(&plan, col.scale, dp, col.max_abs())
            })
            .collect::<Option<_>>()?;
        Some(plan)
    }

    /// Some(()) when every quantity of the column-at-a-time pass stays below 2^62 whatever the
    /// row: category and base sums, coverage, adjustments (counts are at most 2^32), totals and
    /// the grade comparisons.
    fn narrow_bounds(&self) -> Option<()> {
        const LIM: i128 = 1 << 62;
        let ok = |x: i128| (x.abs() < LIM).then_some(x);
        let smax = ok(mul(100, self.one)?)?;
        ok(self.w_ind.iter().try_fold(0i128, |a, w| add(a, mul(w.abs(), smax)?))?)?;
        ok(self.w_ind.iter().try_fold(0i128, |a, w| add(a, w.abs()))?)?;
        ok(self.w_cat.iter().try_fold(0i128, |a, w| add(a, mul(w.abs(), smax)?))?)?;
        ok(self.w_cat.iter().try_fold(0i128, |a, w| add(a, w.abs()))?)?;
        let cov = ok(self.cov.iter().try_fold(0i128, |a, c| add(a, c.abs()))?)?;
        ok(mul(cov, self.one)?)?;
        ok(self.cov_div)?;
        let mut a_bound = 0i128;
        for (_, ppu, cap) in &self.adjustments {
            let p = ok(mul(ppu.abs(), i128::from(u32::MAX))?)?;
            a_bound = add(a_bound, cap.map_or(p, |c| c.abs().min(p)))?;
        }
        for x in [self.a_min, self.a_max].into_iter().flatten() {
            a_bound = a_bound.max(x.abs());
        }
        ok(a_bound)?;
        let t_bound = ok(add(mul(smax, self.t_base)?, mul(a_bound, self.t_adj)?)?)?;
        ok(self.ceiling)?;
        ok(mul(t_bound, self.g_mul)?)?;
        ok(mul(smax, self.g_mul)?)?;
        for g in self.g_min.iter().chain([&self.min_cov]) {
            ok(*g)?;
        }
        Some(())
    }

    /// Pass 2 for every row at once, one category (or adjustment) at a time, in 64-bit
    /// integers (`narrow` proves they cannot overflow), as if no veto fired; rows that fire a
    /// veto or left the integer path are redone row by row afterwards.
    fn columns(&self, t: &Table, rows: std::ops::Range<usize>, out: &mut TableScores, general: &[bool]) {
        let n = rows.len();
        let mode = self.mode;
        let mut cov = vec![0i64; n];
        let mut base_num = vec![0i64; n];
        let mut base_den = vec![0i64; n];
        let mut num = vec![0i64; n];
        let mut den = vec![0i64; n];
        let mut any = vec![false; n];
        let mut k = 0;
        for c in 0..self.w_cat.len() {
            num.fill(0);
            den.fill(0);
            any.fill(false);
            while k < self.evals.len() && self.cat_of[k] == c {
                let (w, cv) = (self.w_ind[k] as i64, self.cov[k] as i64);
                let scores = &out.ind[k * n..(k + 1) * n];
                let na = &out.ind_na[k * n..(k + 1) * n];
                for i in 0..n {
                    if na[i] == SCORED {
                        any[i] = true;
                        cov[i] += cv;
                    }
                    if scores[i] != NULL64 && w != 0 {
                        num[i] += w * scores[i];
                        den[i] += w;
                    }
                }
                k += 1;
            }
            let wc = self.w_cat[c] as i64;
            let cat = &mut out.cat[c * n..(c + 1) * n];
            let status = &mut out.cat_status[c * n..(c + 1) * n];
            for i in 0..n {
                if den[i] == 0 {
                    cat[i] = NULL64;
                    status[i] = CAT_NA;
                } else {
                    let s = div_round64(num[i], den[i], mode);
                    cat[i] = s;
                    status[i] = if any[i] { CAT_SCORED } else { CAT_NA };
                    if wc != 0 {
                        base_num[i] += wc * s;
                        base_den[i] += wc;
                    }
                }
            }
        }
        // Adjustments: A per row (num reused).
        let a = &mut num;
        a.fill(0);
        for (e, ppu, cap) in &self.adjustments {
            let Some(e) = e else { continue };
            let units = &t.events[*e][rows.clone()];
            let (ppu, cap) = (*ppu as i64, cap.map(|c| c as i64));
            for i in 0..n {
                let p = ppu * i64::from(units[i]);
                a[i] += cap.map_or(p, |c| p.clamp(-c, c));
            }
        }
        let (t_base, t_adj, ceiling, g_mul) =
            (self.t_base as i64, self.t_adj as i64, self.ceiling as i64, self.g_mul as i64);
        let (a_min, a_max) = (self.a_min.map(|x| x as i64), self.a_max.map(|x| x as i64));
        let (one, cov_div, min_cov) = (self.one as i64, self.cov_div as i64, self.min_cov as i64);
        let g_min: Vec<i64> = self.g_min.iter().map(|g| *g as i64).collect();
        let last = g_min.len().saturating_sub(1);
        for i in 0..n {
            if general[i] {
                continue;
            }
            let mut ai = a[i];
            if let Some(lo) = a_min {
                ai = ai.max(lo);
            }
            if let Some(hi) = a_max {
                ai = ai.min(hi);
            }
            let (base, total) = if base_den[i] == 0 {
                (NULL, NULL)
            } else {
                let b = div_round64(base_num[i], base_den[i], mode);
                let x = (b * t_base + ai * t_adj).max(0).min(ceiling);
                (i128::from(b), i128::from(div_round64(x, t_base, mode)))
            };
            let coverage = div_round64(cov[i] * one, cov_div, mode);
            let complete = base != NULL && coverage * g_mul >= min_cov;
            let (natural, grade) = if complete {
                let tg = total as i64 * g_mul;
                let g = g_min.iter().position(|m| tg >= *m).unwrap_or(last) as u16;
                (g, g)
            } else {
                (NO_GRADE, NO_GRADE)
            };
            out.rows[i] = RowOut {
                base,
                total,
                coverage: i128::from(coverage),
                adjustment_total: i128::from(ai),
                natural_grade: natural,
                grade,
                status: if complete { 0 } else { 1 },
                general: false,
            };
        }
    }

    /// s_i = R(clamp(rubric(v), 0, 100)) of indicator k's cell, at scale dp.
    #[inline(always)]
    fn score(&self, k: usize, cell: i64) -> Option<i64> {
        match &self.evals[k] {
            Eval::BandsDone { higher, vmul, bounds, scores, otherwise } => {
                let v = mul(i128::from(cell), *vmul)?;
                let hit =
                    if *higher { bounds.iter().position(|b| v >= *b) } else { bounds.iter().position(|b| v <= *b) };
                Some(hit.map_or(*otherwise, |j| scores[j]))
            }
            Eval::LevelsDone { scores } => scores.get(usize::try_from(cell).ok()?).copied(),
            Eval::DirectDone { mul: m } => i64::try_from(mul(i128::from(cell), *m)?).ok(),
            Eval::PointsNarrow { vmul, xs, ys, ydiv, first, last } => {
                let v = cell * vmul;
                if v <= xs[0] {
                    return Some(*first);
                }
                if v >= xs[xs.len() - 1] {
                    return Some(*last);
                }
                let j = xs.windows(2).position(|w| w[0] <= v && v <= w[1])?;
                let dx = xs[j + 1] - xs[j];
                Some(self.points64(ys[j] * dx + (v - xs[j]) * (ys[j + 1] - ys[j]), dx * ydiv))
            }
            Eval::RatioNarrow { higher: true, a, b } => Some(self.points64(a * cell, *b)),
            Eval::RatioNarrow { higher: false, a, b } => {
                Some(if cell == 0 { self.points64(100, 1) } else { self.points64(*a, b * cell) })
            }
            e => {
                let (n, d) = e.eval(cell)?;
                self.points(n, d)
            }
        }
    }

    /// [`Plan::points`] for fractions proven to fit 62 bits (n × 10^dp included).
    #[inline]
    fn points64(&self, n: i64, d: i64) -> i64 {
        let one = self.one as i64;
        if n <= 0 {
            0
        } else if n >= 100 * d {
            100 * one
        } else {
            div_round64(n * one, d, self.mode)
        }
    }

    /// R(clamp(n / d, 0, 100)) as an integer at scale dp.
    fn points(&self, n: i128, d: i128) -> Option<i64> {
        let s = if n <= 0 {
            0
        } else if n >= mul(100, d)? {
            mul(100, self.one)?
        } else {
            div_round(mul(n, self.one)?, d, self.mode)
        };
        i64::try_from(s).ok()
    }
}

const SCORED: u8 = 0;

fn na_code(r: NaReason) -> u8 {
    match r {
        NaReason::MissingValue => 1,
        NaReason::InsufficientSample => 2,
        NaReason::InsufficientRaters => 3,
    }
}

fn na_reason(c: u8) -> Option<NaReason> {
    match c {
        1 => Some(NaReason::MissingValue),
        2 => Some(NaReason::InsufficientSample),
        3 => Some(NaReason::InsufficientRaters),
        _ => None,
    }
}

const CAT_SCORED: u8 = 0;
const CAT_NA: u8 = 1;
const CAT_VETOED: u8 = 2;

/// One row's fixed-size results (scores at scale dp; `NULL` is null).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RowOut {
    base: i128,
    total: i128,
    coverage: i128,
    /// A at the plan's adjustment scale (`TableScores::a_scale`).
    adjustment_total: i128,
    natural_grade: u16,
    grade: u16,
    /// 0 complete, 1 incomplete, 2 error.
    status: u8,
    general: bool,
}

const NO_GRADE: u16 = u16::MAX;
const NULL: i128 = i128::MIN;
const NULL64: i64 = i64::MIN;

const EMPTY_ROW: RowOut = RowOut {
    base: NULL,
    total: NULL,
    coverage: NULL,
    adjustment_total: 0,
    natural_grade: NO_GRADE,
    grade: NO_GRADE,
    status: 2,
    general: true,
};

/// The results of scoring a [`Table`]: columns of exact numbers, one row per table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableScores {
    dp: u32,
    a_scale: u32,
    n_ind: usize,
    n_cat: usize,
    grade_ids: Vec<String>,
    veto_ids: Vec<String>,
    rows: Vec<RowOut>,
    /// Indicator scores and N/A codes, column-major: indicator k of row i at `k * len + i`.
    ind: Vec<i64>,
    ind_na: Vec<u8>,
    /// Category scores and statuses, column-major likewise.
    cat: Vec<i64>,
    cat_status: Vec<u8>,
    /// Fired veto indices: row r's are `vetoes[veto_start[r]..veto_start[r + 1]]`.
    veto_start: Vec<u32>,
    vetoes: Vec<u16>,
    errors: BTreeMap<usize, RecordError>,
}

/// Scratch space reused across rows (no allocation per record).
#[derive(Default)]
struct Scratch {
    scores: Vec<i64>,
    kept: Vec<(i128, i128, u128)>,
    fired: Vec<u16>,
}

impl TableScores {
    fn new(s: &Scheme, a_scale: u32, rows: usize) -> Self {
        let n_ind = s.flat.len();
        let n_cat = s.def.categories.len();
        Self {
            dp: s.def.rounding.dp,
            a_scale,
            n_ind,
            n_cat,
            grade_ids: s.def.grades.iter().map(|g| g.id.clone()).collect(),
            veto_ids: s.def.vetoes.iter().map(|v| v.id.clone()).collect(),
            rows: vec![EMPTY_ROW; rows],
            ind: vec![NULL64; rows * n_ind],
            ind_na: vec![SCORED; rows * n_ind],
            cat: vec![NULL64; rows * n_cat],
            cat_status: vec![CAT_NA; rows * n_cat],
            veto_start: Vec::with_capacity(rows + 1),
            vetoes: Vec::new(),
            errors: BTreeMap::new(),
        }
    }

    /// The parts' rows one after the other (the parts of one table, in order).
    #[cfg(feature = "parallel")]
    fn concat(s: &Scheme, a_scale: u32, parts: Vec<Self>) -> Self {
        let len: usize = parts.iter().map(|p| p.rows.len()).sum();
        let mut out = Self::new(s, a_scale, 0);
        out.veto_start.push(0);
        for k in 0..out.n_ind {
            for p in &parts {
                let n = p.rows.len();
                out.ind.extend_from_slice(&p.ind[k * n..(k + 1) * n]);
                out.ind_na.extend_from_slice(&p.ind_na[k * n..(k + 1) * n]);
            }
        }
        for c in 0..out.n_cat {
            for p in &parts {
                let n = p.rows.len();
                out.cat.extend_from_slice(&p.cat[c * n..(c + 1) * n]);
                out.cat_status.extend_from_slice(&p.cat_status[c * n..(c + 1) * n]);
            }
        }
        for p in parts {
            let offset = out.rows.len();
            let base = out.vetoes.len() as u32;
            out.rows.extend_from_slice(&p.rows);
            out.veto_start.extend(p.veto_start.iter().skip(1).map(|s| s + base));
            out.vetoes.extend_from_slice(&p.vetoes);
            out.errors.extend(p.errors.into_iter().map(|(r, e)| (r + offset, e)));
        }
        debug_assert_eq!(out.rows.len(), len);
        out
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
    /// How many rows the general `Decimal` path scored (values outside the integer range, or
    /// error rows).
    pub fn general_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.general).count()
    }
    fn dec(&self, x: i128) -> Option<Decimal> {
        (x != NULL).then(|| decimal(x, self.dp)).flatten()
    }
    fn row(&self, i: usize) -> Option<&RowOut> {
        self.rows.get(i).filter(|r| r.status != 2)
    }
    /// The errors of row `i` when the record is an error (e.g. the `error` missing-data policy).
    pub fn error(&self, i: usize) -> Option<&RecordError> {
        self.errors.get(&i)
    }
    /// Complete or incomplete; `None` for an error row.
    pub fn status(&self, i: usize) -> Option<Status> {
        self.row(i).map(|r| if r.status == 0 { Status::Complete } else { Status::Incomplete })
    }
    /// Total T (dp decimals).
    pub fn total(&self, i: usize) -> Option<Decimal> {
        self.row(i).and_then(|r| self.dec(r.total))
    }
    /// Base B (dp decimals).
    pub fn base(&self, i: usize) -> Option<Decimal> {
        self.row(i).and_then(|r| self.dec(r.base))
    }
    /// Coverage K (dp decimals).
    pub fn coverage(&self, i: usize) -> Option<Decimal> {
        self.row(i).and_then(|r| self.dec(r.coverage))
    }
    /// A, after the overall limits (exact, trailing zeros removed).
    pub fn adjustment_total(&self, i: usize) -> Option<Decimal> {
        self.row(i).and_then(|r| decimal(r.adjustment_total, self.a_scale)).map(|d| d.normalize())
    }
    /// The grade after caps.
    pub fn grade(&self, i: usize) -> Option<&str> {
        self.row(i).and_then(|r| self.grade_ids.get(usize::from(r.grade))).map(String::as_str)
    }
    /// The grade before caps.
    pub fn natural_grade(&self, i: usize) -> Option<&str> {
        self.row(i).and_then(|r| self.grade_ids.get(usize::from(r.natural_grade))).map(String::as_str)
    }
    /// Indicator `k` (scheme order) of row `i`: its score (null when N/A, 0 under the `zero`
    /// policy) and its N/A reason.
    pub fn indicator(&self, i: usize, k: usize) -> Option<(Option<Decimal>, Option<NaReason>)> {
        self.row(i)?;
        if k >= self.n_ind {
            return None;
        }
        let at = k * self.rows.len() + i;
        let s = self.ind[at];
        Some(((s != NULL64).then(|| decimal(i128::from(s), self.dp)).flatten(), na_reason(self.ind_na[at])))
    }
    /// Category `c` (scheme order) of row `i`: its status and score.
    pub fn category(&self, i: usize, c: usize) -> Option<(CategoryStatus, Option<Decimal>)> {
        self.row(i)?;
        if c >= self.n_cat {
            return None;
        }
        let at = c * self.rows.len() + i;
        let s = self.cat[at];
        let status = match self.cat_status[at] {
            CAT_SCORED => CategoryStatus::Scored,
            CAT_VETOED => CategoryStatus::Vetoed,
            _ => CategoryStatus::NotApplicable,
        };
        Some((status, (s != NULL64).then(|| decimal(i128::from(s), self.dp)).flatten()))
    }
    /// Fired veto ids of row `i`, in scheme order.
    pub fn vetoes(&self, i: usize) -> Vec<&str> {
        if self.row(i).is_none() {
            return Vec::new();
        }
        let (a, b) = (self.veto_start[i] as usize, self.veto_start[i + 1] as usize);
        self.vetoes[a..b].iter().filter_map(|&v| self.veto_ids.get(usize::from(v)).map(String::as_str)).collect()
    }

    /// Whether row `i` carries exactly the numbers, statuses, grades and vetoes of `card`
    /// (everything but the explanations, which the table path does not build).
    pub fn agrees_with(&self, i: usize, card: &Scorecard) -> bool {
        let inds = card.indicators.iter().enumerate().all(|(k, r)| self.indicator(i, k) == Some((r.score, r.reason)));
        let cats = card.categories.iter().enumerate().all(|(c, r)| self.category(i, c) == Some((r.status, r.score)));
        inds && cats
            && self.status(i) == Some(card.status)
            && self.total(i) == card.total
            && self.base(i) == card.base
            && self.coverage(i) == Some(card.coverage)
            && self.adjustment_total(i) == Some(card.adjustment_total)
            && self.grade(i) == card.grade.as_deref()
            && self.natural_grade(i) == card.natural_grade.as_deref()
            && self.vetoes(i) == card.vetoes.iter().map(String::as_str).collect::<Vec<_>>()
    }

    /// Row `i` from a scorecard of the general path (vetoes: append in row order).
    fn set_card(&mut self, s: &Scheme, i: usize, card: &Scorecard) {
        let n = self.rows.len();
        let int = |d: Option<Decimal>, scale: u32| -> i128 {
            d.and_then(|d| {
                let mut d = d;
                d.rescale(scale);
                (d.scale() == scale).then(|| d.mantissa())
            })
            .unwrap_or(NULL)
        };
        let dp = self.dp;
        for (k, r) in card.indicators.iter().enumerate() {
            self.ind[k * n + i] = i64::try_from(int(r.score, dp)).unwrap_or(NULL64);
            self.ind_na[k * n + i] = r.reason.map_or(SCORED, na_code);
        }
        for (c, r) in card.categories.iter().enumerate() {
            self.cat[c * n + i] = i64::try_from(int(r.score, dp)).unwrap_or(NULL64);
            self.cat_status[c * n + i] = match r.status {
                CategoryStatus::Scored => CAT_SCORED,
                CategoryStatus::NotApplicable => CAT_NA,
                CategoryStatus::Vetoed => CAT_VETOED,
            };
        }
        for v in &card.vetoes {
            if let Some(p) = s.def.vetoes.iter().position(|x| &x.id == v) {
                self.vetoes.push(p as u16);
            }
        }
        self.veto_start.push(self.vetoes.len() as u32);
        let g = |id: &Option<String>| {
            id.as_ref().and_then(|id| s.def.grades.iter().position(|x| &x.id == id)).map_or(NO_GRADE, |p| p as u16)
        };
        self.rows[i] = RowOut {
            base: int(card.base, dp),
            total: int(card.total, dp),
            coverage: int(Some(card.coverage), dp),
            adjustment_total: int(Some(card.adjustment_total), self.a_scale),
            natural_grade: g(&card.natural_grade),
            grade: g(&card.grade),
            status: if card.status == Status::Complete { 0 } else { 1 },
            general: true,
        };
    }

    fn set_error(&mut self, i: usize, e: RecordError) {
        let n = self.rows.len();
        for k in 0..self.n_ind {
            self.ind[k * n + i] = NULL64;
            self.ind_na[k * n + i] = SCORED;
        }
        for c in 0..self.n_cat {
            self.cat[c * n + i] = NULL64;
            self.cat_status[c * n + i] = CAT_NA;
        }
        self.veto_start.push(self.vetoes.len() as u32);
        self.rows[i] = EMPTY_ROW;
        self.errors.insert(i, e);
    }
}

/// One single-value column without `min_sample`: s = f(cell) for every row.
#[inline(always)]
fn column(
    f: impl Fn(i64) -> Option<i64>,
    cells: &[i64],
    scores: &mut [i64],
    na: &mut [u8],
    general: &mut [bool],
    na_score: i64,
    error_policy: bool,
) {
    for (i, &cell) in cells.iter().enumerate() {
        if cell == ABSENT {
            scores[i] = na_score;
            na[i] = na_code(NaReason::MissingValue);
            general[i] |= error_policy;
            continue;
        }
        match (cell != WIDE).then(|| f(cell)).flatten() {
            Some(s) => {
                scores[i] = s;
                na[i] = SCORED;
            }
            None => general[i] = true,
        }
    }
}

impl Plan {
    /// Pass 1, one indicator at a time over all rows (a tight loop per rubric): scores and
    /// N/A codes; a row the integers cannot carry is marked for the general path.
    fn indicators(&self, t: &Table, rows: std::ops::Range<usize>, out: &mut TableScores, general: &mut [bool]) {
        let n = rows.len();
        let mut sc = Scratch::default();
        for k in 0..self.evals.len() {
            let col = &t.columns[k];
            let scores = &mut out.ind[k * n..(k + 1) * n];
            let na = &mut out.ind_na[k * n..(k + 1) * n];
            let samples = &t.samples[k];
            let min_sample = self.min_sample[k];
            let na_score = if self.policy == MissingPolicy::Zero { 0 } else { NULL64 };
            if let (Cells::Single(c), None) = (&col.cells, min_sample) {
                // The common case, one tight loop per rubric kind (each closure inlined).
                let cells = &c[rows.clone()];
                let error_policy = self.policy == MissingPolicy::Error;
                match &self.evals[k] {
                    Eval::BandsDone { higher: true, vmul: 1, bounds, scores: ys, otherwise } => {
                        let f = |v: i64| {
                            let v = i128::from(v);
                            Some(bounds.iter().position(|b| v >= *b).map_or(*otherwise, |j| ys[j]))
                        };
                        column(f, cells, scores, na, general, na_score, error_policy);
                    }
                    Eval::Points { .. } => {
                        let f = |v: i64| {
                            let (a, b) = self.evals[k].eval(v)?;
                            self.points(a, b)
                        };
                        column(f, cells, scores, na, general, na_score, error_policy);
                    }
                    _ => column(|v| self.score(k, v), cells, scores, na, general, na_score, error_policy),
                }
                continue;
            }
            for (i, r) in rows.clone().enumerate() {
                let absent = match &col.cells {
                    Cells::Single(c) => c[r] == ABSENT,
                    Cells::Ratings { given, .. } => !given[r],
                };
                let reason = if absent {
                    Some(NaReason::MissingValue)
                } else if min_sample.is_some_and(|m| samples[r] == ABSENT || (samples[r] as u64) < m) {
                    Some(NaReason::InsufficientSample)
                } else {
                    None
                };
                let outcome = match (reason, &col.cells) {
                    (Some(why), _) => Some(Err(why)),
                    (None, Cells::Single(c)) => {
                        let cell = c[r];
                        (cell != WIDE).then(|| self.score(k, cell)).flatten().map(Ok)
                    }
                    (None, Cells::Ratings { start, group, value, .. }) => {
                        let (a, b) = (start[r] as usize, start[r + 1] as usize);
                        self.multi(k, &group[a..b], &value[a..b], &mut sc)
                            .map(|s| s.ok_or(NaReason::InsufficientRaters))
                    }
                };
                match outcome {
                    Some(Ok(s)) => {
                        scores[i] = s;
                        na[i] = SCORED;
                    }
                    Some(Err(why)) => {
                        scores[i] = na_score;
                        na[i] = na_code(why);
                        if self.policy == MissingPolicy::Error {
                            general[i] = true;
                        }
                    }
                    None => general[i] = true,
                }
            }
        }
    }

    /// Pass 2, row `i` (table row `r`): vetoes, categories, base, adjustments, total, grade.
    /// `None` (the fired vetoes not yet recorded) leaves the row to the general path.
    fn rest(&self, t: &Table, r: usize, i: usize, out: &mut TableScores, sc: &mut Scratch) -> Option<()> {
        let n = out.rows.len();
        let n_ind = self.evals.len();
        self.fire(t, r, i, out, sc)?;
        let any_fired = !sc.fired.is_empty();
        let fired = |e: VetoEffect2| any_fired && sc.fired.iter().any(|&v| self.vetoes[usize::from(v)].1 == e);
        self.rest_after_vetoes(t, r, i, out, sc, n, n_ind, &fired)
    }

    /// Marks the rows where a veto fires or might (a value outside the integer columns); exact
    /// for the rest, so an unmarked row fires none.
    fn may_fire(&self, t: &Table, rows: std::ops::Range<usize>, out: &TableScores, flag: &mut [bool]) {
        let n = rows.len();
        for (when, _) in &self.vetoes {
            match when {
                When::Event { event, at_least } => {
                    for (f, u) in flag.iter_mut().zip(&t.events[*event][rows.clone()]) {
                        *f |= u64::from(*u) >= *at_least;
                    }
                }
                When::Number { k, op, vmul, value } => {
                    let Cells::Single(c) = &t.columns[*k].cells else { continue };
                    let na = &out.ind_na[k * n..(k + 1) * n];
                    for (i, r) in rows.clone().enumerate() {
                        if na[i] == SCORED {
                            flag[i] |=
                                c[r] == WIDE || mul(i128::from(c[r]), *vmul).is_none_or(|v| op.holds(v.cmp(value)));
                        }
                    }
                }
                When::Same { k, op, value } => {
                    let Cells::Single(c) = &t.columns[*k].cells else { continue };
                    let na = &out.ind_na[k * n..(k + 1) * n];
                    for (i, r) in rows.clone().enumerate() {
                        if na[i] == SCORED {
                            let ord =
                                if Some(c[r]) == *value { std::cmp::Ordering::Equal } else { std::cmp::Ordering::Less };
                            flag[i] |= op.holds(ord);
                        }
                    }
                }
                When::Never => {}
            }
        }
    }

    /// The vetoes row `i` (table row `r`) fires, into `sc.fired`.
    fn fire(&self, t: &Table, r: usize, i: usize, out: &TableScores, sc: &mut Scratch) -> Option<()> {
        let n = out.rows.len();
        let scored = |k: usize| out.ind_na[k * n + i] == SCORED;
        sc.fired.clear();
        for (vi, (when, _)) in self.vetoes.iter().enumerate() {
            let hit = match when {
                When::Event { event, at_least } => u64::from(t.events[*event][r]) >= *at_least,
                When::Number { k, op, vmul, value } => match &t.columns[*k].cells {
                    Cells::Single(c) if scored(*k) => {
                        if c[r] == WIDE {
                            return None;
                        }
                        op.holds(mul(i128::from(c[r]), *vmul)?.cmp(value))
                    }
                    _ => false,
                },
                When::Same { k, op, value } => match &t.columns[*k].cells {
                    Cells::Single(c) if scored(*k) => op.holds(if Some(c[r]) == *value {
                        std::cmp::Ordering::Equal
                    } else {
                        std::cmp::Ordering::Less
                    }),
                    _ => false,
                },
                When::Never => false,
            };
            if hit {
                sc.fired.push(vi as u16);
            }
        }
        Some(())
    }

    #[allow(clippy::too_many_arguments)]
    fn rest_after_vetoes(
        &self,
        t: &Table,
        r: usize,
        i: usize,
        out: &mut TableScores,
        sc: &Scratch,
        n: usize,
        n_ind: usize,
        fired: &dyn Fn(VetoEffect2) -> bool,
    ) -> Option<()> {
        // Indicators → categories, coverage; categories → base.
        let n_cat = self.w_cat.len();
        let mut cov: i128 = 0;
        let mut k = 0;
        let (mut base_num, mut base_den) = (0i128, 0i128);
        for c in 0..n_cat {
            let vetoed = fired(VetoEffect2::ZeroCategory(Some(c)));
            let (mut num, mut den, mut any) = (0i128, 0i128, false);
            while k < n_ind && self.cat_of[k] == c {
                let at = k * n + i;
                if out.ind_na[at] == SCORED {
                    any = true;
                    if !vetoed {
                        cov = add(cov, self.cov[k])?;
                    }
                }
                let s = out.ind[at];
                if s != NULL64 && self.w_ind[k] != 0 {
                    num = add(num, mul(self.w_ind[k], i128::from(s))?)?;
                    den = add(den, self.w_ind[k])?;
                }
                k += 1;
            }
            let (status, score) = if vetoed {
                (CAT_VETOED, 0)
            } else if den == 0 {
                (CAT_NA, NULL64)
            } else {
                let s = i64::try_from(div_round(num, den, self.mode)).ok()?;
                (if any { CAT_SCORED } else { CAT_NA }, s)
            };
            if score != NULL64 && self.w_cat[c] != 0 {
                base_num = add(base_num, mul(self.w_cat[c], i128::from(score))?)?;
                base_den = add(base_den, self.w_cat[c])?;
            }
            out.cat[c * n + i] = score;
            out.cat_status[c * n + i] = status;
        }
        let base = if base_den == 0 { NULL } else { div_round(base_num, base_den, self.mode) };
        // Adjustments.
        let mut a: i128 = 0;
        for (e, ppu, cap) in &self.adjustments {
            let units = e.map_or(0, |e| i128::from(t.events[e][r]));
            let mut p = mul(*ppu, units)?;
            if let Some(cap) = cap {
                p = p.max(-cap).min(*cap);
            }
            a = add(a, p)?;
        }
        if let Some(lo) = self.a_min {
            a = a.max(lo);
        }
        if let Some(hi) = self.a_max {
            a = a.min(hi);
        }
        // Total, grade.
        let total = if base == NULL {
            NULL
        } else if fired(VetoEffect2::ZeroTotal) {
            0
        } else {
            let x = add(mul(base, self.t_base)?, mul(a, self.t_adj)?)?.max(0).min(self.ceiling);
            div_round(x, self.t_base, self.mode)
        };
        let coverage = div_round(mul(cov, self.one)?, self.cov_div, self.mode);
        let complete = base != NULL && mul(coverage, self.g_mul)? >= self.min_cov;
        let (natural, grade) = if complete && total != NULL {
            let t = mul(total, self.g_mul)?;
            let last = self.g_min.len().saturating_sub(1);
            let natural = self.g_min.iter().position(|m| t >= *m).unwrap_or(last);
            let cap = sc
                .fired
                .iter()
                .filter_map(|&v| match self.vetoes[usize::from(v)].1 {
                    VetoEffect2::CapGrade(g) => g,
                    _ => None,
                })
                .max();
            (natural as u16, cap.map_or(natural, |c| c.max(natural)) as u16)
        } else {
            (NO_GRADE, NO_GRADE)
        };
        out.vetoes.extend_from_slice(&sc.fired);
        out.veto_start.push(out.vetoes.len() as u32);
        out.rows[i] = RowOut {
            base,
            total,
            coverage,
            adjustment_total: a,
            natural_grade: natural,
            grade,
            status: if complete { 0 } else { 1 },
            general: false,
        };
        Some(())
    }

    /// SPEC §3.2 in integers: `Some(None)` when no group is left, `None` for the general path.
    fn multi(&self, k: usize, group: &[u16], value: &[i64], sc: &mut Scratch) -> Option<Option<i64>> {
        let (weights, min_raters, trim) = self.raters[k].as_ref()?;
        sc.kept.clear();
        let mut wsum: i128 = 0;
        for (g, w) in weights.iter().enumerate() {
            sc.scores.clear();
            for (j, &gj) in group.iter().enumerate() {
                if usize::from(gj) == g && value[j] != ABSENT {
                    if value[j] == WIDE {
                        return None;
                    }
                    sc.scores.push(self.score(k, value[j])?);
                }
            }
            if *w == 0 {
                continue;
            }
            let n = sc.scores.len() as u64;
            if n < min_raters[g] {
                continue;
            }
            let t = *trim as usize;
            let kept: &[i64] = if *trim > 0 && n > 2 * trim {
                sc.scores.sort_unstable();
                &sc.scores[t..sc.scores.len() - t]
            } else {
                &sc.scores
            };
            let total = kept.iter().try_fold(0i128, |a, b| add(a, i128::from(*b)))?;
            sc.kept.push((*w, total, kept.len() as u128));
            wsum = add(wsum, *w)?;
        }
        if sc.kept.is_empty() || wsum == 0 {
            return Some(None);
        }
        let mut l: u128 = 1;
        for &(_, _, m) in &sc.kept {
            l = lcm(l, m)?;
        }
        let l = i128::try_from(l).ok()?;
        let mut num: i128 = 0;
        for &(w, t, m) in &sc.kept {
            num = add(num, mul(mul(w, t)?, l / i128::try_from(m).ok()?)?)?;
        }
        let s = div_round(num, mul(l, wsum)?, self.mode);
        Some(Some(i64::try_from(s).ok()?))
    }
}

impl Scheme {
    fn score_rows(&self, plan: Option<&Plan>, t: &Table, rows: std::ops::Range<usize>) -> TableScores {
        let n = rows.len();
        let mut out = TableScores::new(self, plan.map_or(0, |p| p.a_scale), n);
        out.veto_start.push(0);
        let mut general = vec![plan.is_none(); n];
        if let Some(p) = plan {
            p.indicators(t, rows.clone(), &mut out, &mut general);
        }
        let narrow = plan.filter(|p| p.narrow);
        if let Some(p) = narrow {
            p.columns(t, rows.clone(), &mut out, &general);
        }
        // Rows where some veto may fire (one column scan per veto); the others are done.
        let mut may_fire = vec![false; n];
        if let Some(p) = narrow {
            p.may_fire(t, rows.clone(), &out, &mut may_fire);
        }
        let mut sc = Scratch::default();
        for (i, r) in rows.enumerate() {
            if general[i] {
                // fall through to the general path
            } else if narrow
                .is_some_and(|p| !may_fire[i] || (p.fire(t, r, i, &out, &mut sc).is_some() && sc.fired.is_empty()))
            {
                // Done by the column pass: no veto fired.
                out.veto_start.push(out.vetoes.len() as u32);
                continue;
            } else if plan.is_some_and(|p| p.rest(t, r, i, &mut out, &mut sc).is_some()) {
                continue;
            }
            // The general path, from the row's checked record.
            match self.score_checked(t.checked(self, r)) {
                Ok(card) => out.set_card(self, i, &card),
                Err(e) => out.set_error(i, e),
            }
        }
        out
    }

    fn table_plan(&self, t: &Table) -> Result<Option<Plan>, crate::error::Error> {
        if t.digest != self.digest {
            return Err(crate::error::Error::Record(RecordError {
                issues: vec![crate::error::Issue::new(
                    crate::error::ErrorCode::InvalidType,
                    "",
                    "the table was made for another scheme (digests differ)",
                )],
            }));
        }
        Ok(Plan::new(self, t))
    }

    /// Scores every row of `table` (made for this scheme) on the fast exact path: the same
    /// numbers, statuses, grades and vetoes as [`Scheme::score_value`] on each record, without
    /// the explanations. An error when the table was made for another scheme.
    pub fn score_table(&self, table: &Table) -> Result<TableScores, crate::error::Error> {
        let plan = self.table_plan(table)?;
        Ok(self.score_rows(plan.as_ref(), table, 0..table.len()))
    }

    /// [`Scheme::score_table`] on all cores (feature `parallel`): the same results.
    #[cfg(feature = "parallel")]
    pub fn score_table_parallel(&self, table: &Table) -> Result<TableScores, crate::error::Error> {
        use rayon::prelude::*;
        let plan = self.table_plan(table)?;
        const CHUNK: usize = 16_384;
        let n = table.len();
        let parts: Vec<TableScores> = (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| self.score_rows(plan.as_ref(), table, c * CHUNK..((c + 1) * CHUNK).min(n)))
            .collect();
        Ok(TableScores::concat(self, plan.map_or(0, |p| p.a_scale), parts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn div_round_modes() {
        use RoundingMode::*;
        // 2.5, 3.5, -2.5, 2.4, 2.6 at dp 0
        for (n, d, up, even, down) in
            [(25, 10, 3, 2, 2), (35, 10, 4, 4, 3), (-25, 10, -3, -2, -2), (24, 10, 2, 2, 2), (26, 10, 3, 3, 2)]
        {
            assert_eq!(div_round(n, d, HalfUp), up, "{n}/{d}");
            assert_eq!(div_round(n, d, HalfEven), even, "{n}/{d}");
            assert_eq!(div_round(n, d, Down), down, "{n}/{d}");
        }
        // 1/3 = 0.333… never rounds up; 2/3 does.
        assert_eq!(div_round(100, 3, HalfUp), 33);
        assert_eq!(div_round(200, 3, HalfUp), 67);
    }

    #[test]
    fn the_range_guard_is_decimals_mantissa() {
        assert!(fit((1i128 << 96) - 1).is_some());
        assert!(fit(1i128 << 96).is_none());
        assert!(fit(-(1i128 << 96)).is_none());
        assert!(mul(1 << 60, 1 << 40).is_none());
    }
}
