//! Typed columns read into the table a column at a time: the columnar front doors' usual
//! input (an Arrow slice of floats, integers and text; a page's `Float64Array`s) without a
//! record per row. Each column is converted in one loop: floats to integers at the column's
//! scale (each float's shortest decimal, [`crate::number::float_at_scale`]), text numbers
//! parsed, valid ranges and rubric domains checked as integer comparisons.
//!
//! A row that some column cannot take as it is (a float the search does not settle, a value
//! out of range, an unreadable number, no employee, a row near the size limit) is left to the
//! row reader, which decides exactly as for a CSV row (errors word for word), and keeps its
//! place. A column this reader does not take at all (ratings, levels, pass/fail, a role, an
//! unknown column) sends the whole slice to the row reader. Held to the row reader by the
//! differential tests (`tests/tests/bulk.rs`).

use super::frame::{Builder, Slot};
use super::{Cells, Column, Frame, Table, Texts, ABSENT, MAX_COLUMN_SCALE, WIDE};
use crate::number::{float_at_scale, limits, parse_count, parse_decimal, pow10, FloatAt, MAX_COUNT};
use crate::record::layout::{trim, Role};
use crate::record::WideLayout;
use crate::rubric::Rubric;
use crate::scheme::Scheme;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One input column as the column reader takes it (validity: `false` is an empty cell).
// Integers, decimals and null columns come from Arrow only.
#[cfg_attr(not(feature = "arrow"), allow(dead_code))]
pub(crate) enum Bulk<'a> {
    /// Floats; NaN is an empty cell (pandas' missing value, a page's blank).
    Float(&'a [f64] /* float-ok: input floats, read as their shortest decimals */, Option<&'a [bool]>),
    /// Integers.
    Int(&'a [i64], Option<&'a [bool]>),
    /// Exact decimals: mantissas at one scale.
    Dec(&'a [i128], u32, Option<&'a [bool]>),
    /// Text cells.
    Text(Box<dyn Fn(usize) -> Option<&'a str> + 'a>),
    /// Every cell empty.
    Null,
    /// A column this reader does not take.
    Other,
}

impl Bulk<'_> {
    /// Whether the column has at least `n` cells (text columns answer per cell).
    fn covers(&self, n: usize) -> bool {
        match self {
            Self::Float(v, _) => v.len() >= n,
            Self::Int(v, _) => v.len() >= n,
            Self::Dec(v, ..) => v.len() >= n,
            Self::Text(_) | Self::Null | Self::Other => true,
        }
    }
}

fn valid(v: Option<&[bool]>, r: usize) -> bool {
    v.is_none_or(|v| v.get(r).copied().unwrap_or(false))
}

/// The rows being read: which ones every column took so far, and each row's size as the row
/// reader counts it (text length, 32 for any other cell).
struct Rows {
    n: usize,
    ok: Vec<bool>,
    size: Vec<usize>,
}

impl Rows {
    /// Every row's size grows by `k` (a cell that is not text).
    fn each_size(&mut self, k: usize) {
        self.size.iter_mut().for_each(|s| *s += k);
    }

    fn texts(&mut self, col: &Bulk<'_>) -> Option<Texts> {
        let mut t = Texts { text: String::with_capacity(self.n.saturating_mul(8)), ends: Vec::with_capacity(self.n) };
        for r in 0..self.n {
            let owned;
            let raw = match col {
                Bulk::Text(get) => get(r),
                Bulk::Int(v, m) if valid(*m, r) => {
                    owned = v[r].to_string();
                    Some(owned.as_str())
                }
                Bulk::Int(..) | Bulk::Null => None,
                _ => return None,
            };
            let cell = raw.map_or("", trim);
            self.size[r] += match (col, raw) {
                (Bulk::Text(_), Some(t)) => t.len(),
                _ => 32,
            };
            if cell.is_empty() {
                self.ok[r] = false;
            }
            t.push(cell);
        }
        Some(t)
    }

    /// A number column: each cell as an integer at the column's scale (`ABSENT` when empty or
    /// left to the row reader), and that scale.
    fn numbers(&mut self, col: &Bulk<'_>) -> Option<(Vec<i64>, u32)> {
        let n = self.n;
        let mut out = Vec::with_capacity(n);
        let mut scale = 0u32;
        match col {
            Bulk::Float(v, m) => {
                self.each_size(32);
                let mut max = 0u64;
                for (r, &x) in v.iter().enumerate().take(n) {
                    if !valid(*m, r) || x.is_nan() {
                        out.push(ABSENT);
                        continue;
                    }
                    let cell = match float_at_scale(x, scale) {
                        FloatAt::Found(c) => Some(c),
                        FloatAt::Unsettled => None,
                        FloatAt::Finer => finer(x, &mut scale, &mut out, &mut max),
                    };
                    match cell {
                        Some(c) => {
                            max = max.max(c.unsigned_abs());
                            out.push(c);
                        }
                        None => {
                            self.ok[r] = false;
                            out.push(ABSENT);
                        }
                    }
                }
            }
            Bulk::Int(v, m) => {
                self.each_size(32);
                for r in 0..n {
                    out.push(match valid(*m, r).then(|| v[r]) {
                        None => ABSENT,
                        Some(c) if c > WIDE => c,
                        Some(_) => {
                            self.ok[r] = false;
                            ABSENT
                        }
                    });
                }
            }
            Bulk::Dec(v, s, m) => {
                if *s > MAX_COLUMN_SCALE {
                    return None;
                }
                scale = *s;
                self.each_size(32);
                for r in 0..n {
                    out.push(match valid(*m, r).then(|| i64::try_from(v[r]).ok().filter(|&c| c > WIDE)) {
                        None => ABSENT,
                        Some(Some(c)) => c,
                        Some(None) => {
                            self.ok[r] = false;
                            ABSENT
                        }
                    });
                }
            }
            Bulk::Text(get) => {
                let mut parsed: Vec<Option<Decimal>> = Vec::with_capacity(n);
                for r in 0..n {
                    let raw = get(r);
                    self.size[r] += raw.map_or(32, str::len);
                    let cell = raw.map_or("", trim);
                    parsed.push(if cell.is_empty() {
                        None
                    } else if let Ok(d) = parse_decimal(cell) {
                        Some(d)
                    } else {
                        self.ok[r] = false;
                        None
                    });
                }
                scale =
                    parsed.iter().flatten().map(Decimal::scale).filter(|&s| s <= MAX_COLUMN_SCALE).max().unwrap_or(0);
                for (r, d) in parsed.into_iter().enumerate() {
                    out.push(match d.map(|d| super::at_scale(d, scale).and_then(|c| i64::try_from(c).ok())) {
                        None => ABSENT,
                        Some(Some(c)) if c > WIDE => c,
                        Some(_) => {
                            self.ok[r] = false;
                            ABSENT
                        }
                    });
                }
            }
            Bulk::Null => {
                out.resize(n, ABSENT);
                self.each_size(32);
            }
            Bulk::Other => return None,
        }
        Some((out, scale))
    }

    /// A count column (sample sizes, events): each cell's count (`ABSENT` when empty).
    fn counts(&mut self, col: &Bulk<'_>) -> Option<Vec<i64>> {
        let count = |d: Option<Decimal>| d.and_then(crate::number::count_of);
        let mut out = Vec::with_capacity(self.n);
        for r in 0..self.n {
            let (cell, size) = match col {
                Bulk::Null => (None, 32),
                Bulk::Int(v, m) => (valid(*m, r).then(|| u64::try_from(v[r]).ok().filter(|&c| c <= MAX_COUNT)), 32),
                Bulk::Float(v, m) => {
                    let x = v[r];
                    let c = match float_at_scale(x, 0) {
                        FloatAt::Found(c) => u64::try_from(c).ok().filter(|&c| c <= MAX_COUNT),
                        _ => None,
                    };
                    ((valid(*m, r) && !x.is_nan()).then_some(c), 32)
                }
                Bulk::Dec(v, s, m) => {
                    (valid(*m, r).then(|| count(Decimal::try_from_i128_with_scale(v[r], *s).ok())), 32)
                }
                Bulk::Text(get) => {
                    let raw = get(r);
                    let cell = raw.map_or("", trim);
                    ((!cell.is_empty()).then(|| parse_count(cell)), raw.map_or(32, str::len))
                }
                Bulk::Other => return None,
            };
            self.size[r] += size;
            out.push(match cell {
                None => ABSENT,
                Some(Some(c)) => c as i64, // at most MAX_COUNT
                Some(None) => {
                    self.ok[r] = false;
                    ABSENT
                }
            });
        }
        Some(out)
    }
}

/// A float that needs a finer scale than its column's so far: the column rescaled (when every
/// earlier cell still fits) and the float's integer at the new scale, or `None` (the row reader
/// takes the row).
fn finer(
    x: f64, /* float-ok: an input float, read */
    scale: &mut u32,
    out: &mut [i64],
    max: &mut u64,
) -> Option<i64> {
    for t in scale.saturating_add(1)..=MAX_COLUMN_SCALE {
        match float_at_scale(x, t) {
            FloatAt::Finer => continue,
            FloatAt::Unsettled => return None,
            FloatAt::Found(c) => {
                let f = i64::try_from(pow10(t - *scale)?).ok()?;
                let m = i64::try_from(i128::from(*max) * i128::from(f)).ok()?;
                out.iter_mut().filter(|c| **c != ABSENT).for_each(|c| *c *= f);
                *scale = t;
                *max = m.unsigned_abs();
                return Some(c);
            }
        }
    }
    None
}

/// `d` as an integer at scale `s`, rounded up (`up`) or down when it has more decimals.
fn bound_at(d: Decimal, s: u32, up: bool) -> Option<i128> {
    let (m, ds) = (d.mantissa(), d.scale());
    if ds <= s {
        return m.checked_mul(pow10(s - ds)?);
    }
    let p = pow10(ds - s)?;
    let (q, r) = (m.div_euclid(p), m.rem_euclid(p));
    Some(if up && r != 0 { q + 1 } else { q })
}

/// The bounds a value of this indicator must keep (the parser's limit, its valid range, its
/// rubric's domain): the row reader's checks.
fn bounds(scheme: &Scheme, flat: usize) -> Vec<(Option<Decimal>, Option<Decimal>)> {
    let Some((_, ind)) = scheme.by_flat(flat) else { return Vec::new() };
    // The parser's limit first: a typed number beyond it is the row reader's to report.
    let max = crate::number::MAX_MAGNITUDE;
    let mut b: Vec<(Option<Decimal>, Option<Decimal>)> = vec![(Some(-max), Some(max))];
    if let Some((lo, hi)) = ind.valid_range {
        b.push((Some(lo), Some(hi)));
    }
    match ind.rubric {
        Rubric::Deduction { .. } | Rubric::Ratio { .. } => b.push((Some(Decimal::ZERO), None)),
        Rubric::Direct => b.push((Some(Decimal::ZERO), Some(Decimal::ONE_HUNDRED))),
        _ => {}
    }
    b
}

/// Marks the rows whose cell is outside a bound (those go to the row reader, which reports it).
fn check_bounds(cells: &mut [i64], scale: u32, bounds: &[(Option<Decimal>, Option<Decimal>)], ok: &mut [bool]) {
    // Every bound at the column's scale, rounded inward, as one interval of the cells' type.
    let (mut lo, mut hi) = (i64::MIN, i64::MAX);
    for &(l, h) in bounds {
        let int = |d: Option<Decimal>, up: bool| d.map(|d| bound_at(d, scale, up));
        match (int(l, true), int(h, false)) {
            (Some(None), _) | (_, Some(None)) => check_decimal(cells, scale, l, h, ok),
            (l, h) => {
                let clamp = |x: i128| i64::try_from(x).unwrap_or(if x < 0 { i64::MIN } else { i64::MAX });
                if let Some(Some(l)) = l {
                    if l > i128::from(i64::MAX) {
                        (lo, hi) = (1, 0); // nothing is above it
                    }
                    lo = lo.max(clamp(l));
                }
                if let Some(Some(h)) = h {
                    if h < i128::from(i64::MIN) {
                        (lo, hi) = (1, 0);
                    }
                    hi = hi.min(clamp(h));
                }
            }
        }
    }
    for (c, k) in cells.iter_mut().zip(ok.iter_mut()) {
        // ABSENT is i64::MIN: below every bound but i64::MIN itself, and never marked.
        if (*c < lo || *c > hi) && *c != ABSENT {
            *k = false;
            *c = ABSENT;
        }
    }
}

/// A bound beyond 128 bits at the column's scale: the cells compared as decimals.
fn check_decimal(cells: &mut [i64], scale: u32, lo: Option<Decimal>, hi: Option<Decimal>, ok: &mut [bool]) {
    let cmp = crate::number::cmp;
    for (c, k) in cells.iter_mut().zip(ok.iter_mut()) {
        if *c == ABSENT {
            continue;
        }
        let d = Decimal::new(*c, scale);
        if lo.is_some_and(|lo| cmp(d, lo).is_lt()) || hi.is_some_and(|hi| cmp(d, hi).is_gt()) {
            *k = false;
            *c = ABSENT;
        }
    }
}

fn keep<T: Copy>(v: Vec<T>, ok: &[bool], all: bool) -> Vec<T> {
    if all {
        return v;
    }
    v.into_iter().zip(ok).filter_map(|(x, k)| k.then_some(x)).collect()
}

impl Scheme {
    /// Scores rows given as whole columns (in `layout`'s header order) on the table path,
    /// reading them a column at a time; `ok[r]` false leaves row `r` to the row reader from the
    /// start, and `row(r, builder)` reads each row the column reader leaves into the frame. `None` when a column is of a kind this reader
    /// does not take (the caller then reads every row with the row reader).
    pub(super) fn score_bulk(
        &self,
        layout: &WideLayout,
        cols: &[Bulk<'_>],
        ok: Vec<bool>,
        mut row: impl FnMut(usize, &mut Builder<'_>),
    ) -> Option<Frame> {
        let n = ok.len();
        let mut rows = Rows { n, ok, size: vec![0; n] };
        let n_flat = self.flat.len();
        let (mut employee, mut period) = (None, None);
        let mut values: Vec<Option<(Vec<i64>, u32)>> = vec![None; n_flat];
        let mut samples: Vec<Option<Vec<i64>>> = vec![None; n_flat];
        let mut events: Vec<Option<Vec<i64>>> = vec![None; self.events().len()];
        if !cols.iter().all(|c| c.covers(n)) {
            return None; // never so from the callers (checked lengths); the row reader decides
        }
        for (k, col) in cols.iter().enumerate() {
            // A second column for the same thing is the row reader's to report.
            match layout.role(k)? {
                Role::Employee => {
                    employee.is_none().then_some(())?;
                    employee = Some(rows.texts(col)?);
                }
                Role::Period => {
                    period.is_none().then_some(())?;
                    period = Some(rows.texts(col)?);
                }
                Role::Number(f) => {
                    values.get(f)?.is_none().then_some(())?;
                    let (mut cells, scale) = rows.numbers(col)?;
                    check_bounds(&mut cells, scale, &bounds(self, f), &mut rows.ok);
                    values[f] = Some((cells, scale));
                }
                Role::Samples(f) => {
                    samples.get(f)?.is_none().then_some(())?;
                    samples[f] = Some(rows.counts(col)?);
                }
                Role::Event(e) => {
                    events.get(e)?.is_none().then_some(())?;
                    events[e] = Some(rows.counts(col)?);
                }
            }
        }
        let (Some(employee), Some(period)) = (employee, period) else { return None };
        let limit = limits::RECORD_BYTES / 2;
        for (k, s) in rows.ok.iter_mut().zip(&rows.size) {
            *k &= *s <= limit;
        }
        let ok = rows.ok;
        let all = ok.iter().all(|&k| k);
        let m = ok.iter().filter(|&&k| k).count();
        let texts = |t: Texts| {
            if all {
                return t;
            }
            let mut out = Texts::default();
            (0..n).filter(|&r| ok[r]).for_each(|r| out.push(t.get(r).unwrap_or_default()));
            out
        };
        let columns = self
            .indicators()
            .zip(values)
            .map(|((_, i), v)| match (i.raters.is_some(), v) {
                (true, _) => Column {
                    scale: 0,
                    cells: Cells::Ratings {
                        start: vec![0; m + 1],
                        given: vec![false; m],
                        group: vec![],
                        value: vec![],
                    },
                },
                (false, Some((cells, scale))) => Column { scale, cells: Cells::Single(keep(cells, &ok, all)) },
                (false, None) => Column { scale: 0, cells: Cells::Single(vec![ABSENT; m]) },
            })
            .collect();
        let table = Table {
            digest: self.digest().to_string(),
            employee: texts(employee),
            period: texts(period),
            columns,
            samples: samples.into_iter().map(|s| s.map_or_else(|| vec![ABSENT; m], |s| keep(s, &ok, all))).collect(),
            events: events
                .into_iter()
                .map(|e| {
                    e.map_or_else(
                        || vec![0; m],
                        |e| keep(e, &ok, all).into_iter().map(|c| if c == ABSENT { 0 } else { c as u32 }).collect(),
                    )
                })
                .collect(),
            attributes: BTreeMap::new(),
            corrected: BTreeMap::new(),
            wide: BTreeMap::new(),
        };
        let mut b = Builder::with_table(self, table);
        let mut next = 0u32;
        for (r, &k) in ok.iter().enumerate() {
            if k {
                b.slots.push(Slot::Row(next));
                next += 1;
            } else {
                row(r, &mut b);
            }
        }
        Some(b.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::CellRef;

    fn csr() -> Scheme {
        crate::builtin_scheme("csr").unwrap()
    }

    fn text<'a>(v: &'a [&'a str]) -> Bulk<'a> {
        Bulk::Text(Box::new(move |r| v.get(r).copied()))
    }

    #[test]
    fn the_usual_columns_are_read_a_column_at_a_time_and_a_bad_row_keeps_its_place() {
        let s = csr();
        let layout = WideLayout::new(&s, &["employee", "period", "attendance", "complaints"]).unwrap();
        let (emp, per) = (["E1", "E2", "E3"], ["2026-Q1"; 3]);
        // attendance: 98.5, then 2e12 (beyond the parser's limit), then 97.25 (a finer scale).
        let att = [98.5, 2e12, 97.25];
        let complaints = [0i64, 1, 2];
        let cols = [text(&emp), text(&per), Bulk::Float(&att, None), Bulk::Int(&complaints, None)];
        let mut left = Vec::new();
        let f = s
            .score_bulk(&layout, &cols, vec![true; 3], |r, b| {
                left.push(r);
                b.cells(
                    &layout,
                    &[
                        CellRef::Text(emp[r]),
                        CellRef::Text(per[r]),
                        CellRef::Number(Decimal::new(2_000_000_000_000, 0)),
                        CellRef::Number(Decimal::from(complaints[r])),
                    ],
                );
            })
            .unwrap();
        // Only the row the column reader could not take went to the row reader.
        assert_eq!(left, vec![1]);
        assert_eq!(f.len(), 3);
        assert!(!f.is_error(0) && !f.is_error(2));
        let e = f.errors(1).unwrap();
        assert_eq!((e[0].code.as_str(), e[0].path.as_str()), ("unparsable_number", "values.attendance"));
        // The column was rescaled to 2 decimals after 98.5: its cell is 9850 at scale 2.
        let col = &f.table.columns[s.indicator_index["attendance"].2];
        assert_eq!(col.scale, 2);
        assert_eq!(col.cells_single(), Some(&[9850, 9725][..]));
    }

    #[test]
    fn a_column_it_does_not_take_sends_the_slice_to_the_row_reader() {
        let s = csr();
        let (emp, per) = (["E1"], ["2026-Q1"]);
        // A role column; a ratings column: neither is read a column at a time.
        for h in ["role", "ratings.communication"] {
            let layout = WideLayout::new(&s, &["employee", "period", h]).unwrap();
            let cols = [text(&emp), text(&per), text(&["csr"])];
            assert!(s.score_bulk(&layout, &cols, vec![true], |_, _| {}).is_none(), "{h}");
        }
        // Booleans for a number indicator.
        let layout = WideLayout::new(&s, &["employee", "period", "attendance"]).unwrap();
        let cols = [text(&emp), text(&per), Bulk::Other];
        assert!(s.score_bulk(&layout, &cols, vec![true], |_, _| {}).is_none());
    }

    #[test]
    fn bounds_round_inward_at_the_columns_scale() {
        let d = |m, s| Decimal::new(m, s);
        // 0.55 at scale 1: a value must be >= 0.6 (6) and <= 0.5 (5).
        assert_eq!(bound_at(d(55, 2), 1, true), Some(6));
        assert_eq!(bound_at(d(55, 2), 1, false), Some(5));
        assert_eq!(bound_at(d(-55, 2), 1, true), Some(-5));
        assert_eq!(bound_at(d(-55, 2), 1, false), Some(-6));
        assert_eq!(bound_at(d(100, 0), 2, true), Some(10000));
    }
}
