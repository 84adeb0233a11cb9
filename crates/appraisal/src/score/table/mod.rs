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

#[cfg(feature = "arrow")]
mod arrow;
mod bulk;
mod eval;
mod frame;
mod input;
mod out;
mod passes;
mod plan;
mod row;
mod scores;

pub use frame::{ColumnData, Frame, GradeCounts};
pub use input::{CellIn, ColumnIn};
pub use out::TypedColumn;
use plan::*;
pub(crate) use row::RowSlot;
pub use scores::TableScores;
use scores::*;

/// A cell that holds nothing: an absent value, a missing sample size, an abstention.
const ABSENT: i64 = i64::MIN;
/// A cell whose exact value lives in the table's side map (it does not fit its column).
const WIDE: i64 = i64::MIN + 1;
/// Largest column scale kept as integers (a value with more decimals goes to the side map).
const MAX_COLUMN_SCALE: u32 = 12;
/// `Decimal`'s mantissa has 96 bits: beyond it the general path could round an intermediate.
const LIMIT: u128 = 1 << 96;

fn p10(s: u32) -> Option<i128> {
    crate::number::pow10(s)
}

/// The value if it is inside the exact range of both paths.
fn fit(x: i128) -> Option<i128> {
    (x.unsigned_abs() < LIMIT).then_some(x)
}

#[inline]
fn mul(a: i128, b: i128) -> Option<i128> {
    // Two 64-bit factors (nearly always): one widening multiply, which cannot overflow.
    if let (Ok(x), Ok(y)) = (i64::try_from(a), i64::try_from(b)) {
        return fit(i128::from(x) * i128::from(y));
    }
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
    if mode.away_from_zero(r.saturating_mul(2).cmp(&d.unsigned_abs()), q % 2 != 0) {
        q + n.signum()
    } else {
        q
    }
}

/// [`div_round`] in 64 bits (d > 0).
#[inline]
fn div_round64(n: i64, d: i64, mode: RoundingMode) -> i64 {
    let (q, r) = (n / d, (n % d).unsigned_abs());
    if mode.away_from_zero((r * 2).cmp(&d.unsigned_abs()), q % 2 != 0) {
        q + n.signum()
    } else {
        q
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

/// Texts one after the other (an employee or period per row, no allocation per row).
#[derive(Debug, Clone, Default)]
struct Texts {
    text: String,
    ends: Vec<usize>,
}

impl Texts {
    fn push(&mut self, t: &str) {
        self.text.push_str(t);
        self.ends.push(self.text.len());
    }

    fn get(&self, i: usize) -> Option<&str> {
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
        self.text.get(start..*self.ends.get(i)?)
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

#[derive(Debug, Clone)]
struct Column {
    scale: u32,
    cells: Cells,
}

impl Column {
    /// The cells of a column of single values (tests).
    #[cfg(test)]
    fn cells_single(&self) -> Option<&[i64]> {
        match &self.cells {
            Cells::Single(v) => Some(v),
            Cells::Ratings { .. } => None,
        }
    }

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
    employee: Texts,
    period: Texts,
    columns: Vec<Column>,
    samples: Vec<Vec<i64>>,
    events: Vec<Vec<u32>>,
    /// Format 2: each row's attributes (SPEC §8.6), kept only when a row has any.
    attributes: BTreeMap<u32, Vec<(String, String)>>,
    /// (row, indicator position, rating index or u32::MAX) → a number that does not fit.
    wide: BTreeMap<(u32, u32, u32), Decimal>,
    /// Rows with corrected ratings or shrunk values (issue 15), kept whole: the general path
    /// scores them.
    corrected: BTreeMap<u32, Checked>,
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
            employee: Texts::default(),
            period: Texts::default(),
            samples: vec![Vec::new(); columns.len()],
            columns,
            events: vec![Vec::new(); scheme.events().len()],
            attributes: BTreeMap::new(),
            wide: BTreeMap::new(),
            corrected: BTreeMap::new(),
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
        self.employee.get(i)
    }

    /// The period of row `i`.
    pub fn period(&self, i: usize) -> Option<&str> {
        self.period.get(i)
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
        self.push_checked(scheme, &c);
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

    fn push_checked(&mut self, scheme: &Scheme, c: &Checked) {
        let row = self.employee.len() as u32;
        if !c.attributes.is_empty() {
            self.attributes.insert(row, c.attributes.clone());
        }
        if c.correction.is_some() || !c.shrunk.is_empty() {
            self.corrected.insert(row, c.clone());
        }
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
        self.employee.push(&c.employee);
        self.period.push(&c.period);
    }

    /// Row `r` as the general path's checked record (for the rows the fast path leaves).
    fn checked(&self, scheme: &Scheme, r: usize) -> Checked {
        if let Some(c) = self.corrected.get(&(r as u32)) {
            return c.clone();
        }
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
            employee: self.employee.get(r).unwrap_or_default().to_string(),
            period: self.period.get(r).unwrap_or_default().to_string(),
            inputs,
            samples: self.samples.iter().map(|s| (s[r] != ABSENT).then_some(s[r] as u64)).collect(),
            events: self.events.iter().map(|e| u64::from(e[r])).collect(),
            attributes: self.attributes.get(&(r as u32)).cloned().unwrap_or_default(),
            correction: None,
            corrected: Vec::new(),
            shrunk: Vec::new(),
        }
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
        // Rows with corrected ratings or shrunk values: the general path, which reads them.
        for (&r, _) in t.corrected.range(rows.start as u32..rows.end as u32) {
            if let Some(g) = general.get_mut(r as usize - rows.start) {
                *g = true;
            }
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
