//! The result table's layout, one place for every front door: the CLI's CSV, Python's
//! DataFrames (pandas, polars) and any other columnar output carry the same columns in the
//! same order with the same cells.
//!
//! Columns: `employee, period, status, coverage, <one per category>, base,
//! adjustment_total, total, [rating,] natural_grade, grade, vetoes, errors` (`rating` only for
//! a format-2 scheme with a rating map, SPEC §8.2). A bad record keeps its
//! place: status `error`, its errors as `code at path; …`, every number empty.

use super::{BatchEntry, Scorecard, Status};
use crate::error::Issue;
use crate::scheme::Scheme;
use rust_decimal::Decimal;

/// One cell of the result table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text from the input or the core (ids, statuses, grades, errors).
    Text(String),
    /// A number the core computed (exact).
    Number(Decimal),
    /// Nothing (N/A, or a bad record's numbers).
    Null,
}

/// The column names, in order.
pub fn header(scheme: &Scheme) -> Vec<String> {
    let mut h: Vec<String> = ["employee", "period", "status", "coverage"].map(String::from).to_vec();
    h.extend(scheme.categories().iter().map(|c| c.id.clone()));
    h.extend(["base", "adjustment_total", "total"].map(String::from));
    if scheme.def().rating.is_some() {
        h.push("rating".into());
    }
    h.extend(["natural_grade", "grade", "vetoes", "errors"].map(String::from));
    h
}

/// The header as a CSV line (text made safe by [`crate::safe::csv_text`]).
pub fn csv_header(scheme: &Scheme) -> String {
    crate::safe::csv_line(header(scheme).iter().map(String::as_str))
}

/// A result row as a CSV line: text through [`crate::safe::csv_text`] (RFC 4180 quoting,
/// formula prefixes neutralised), numbers as they are, nothing empty.
pub fn csv_line(cells: &[Cell]) -> String {
    let mut o = String::new();
    for (k, c) in cells.iter().enumerate() {
        if k > 0 {
            o.push(',');
        }
        match c {
            Cell::Text(t) => o.push_str(&crate::safe::csv_text(t)),
            Cell::Number(d) => o.push_str(&crate::safe::csv_number(&d.to_string())),
            Cell::Null => {}
        }
    }
    o
}

/// For each column of [`header`], the decimals of its numbers (`None` for a text column):
/// the scheme's `dp` for coverage, scores, base and total; the adjustment total at the scale
/// of the adjustment points, caps and limits when that is more; the rating at its map's
/// decimals. No result ever has more (a columnar format can hold every column at one scale).
pub fn number_scales(scheme: &Scheme) -> Vec<Option<u32>> {
    let def = scheme.def();
    let dp = def.rounding.dp;
    let mut a = dp;
    for adj in &def.adjustments {
        a = a.max(adj.points_per_unit.scale()).max(adj.cap.map_or(0, |c| c.scale()));
    }
    a = a.max(def.total.adjustment_min.map_or(0, |d| d.scale())).max(def.total.adjustment_max.map_or(0, |d| d.scale()));
    let mut k = vec![None, None, None, Some(dp)];
    k.extend(scheme.categories().iter().map(|_| Some(dp)));
    k.extend([Some(dp), Some(a), Some(dp)]);
    if let Some(map) = &def.rating {
        k.push(Some(map.dp.unwrap_or(dp)));
    }
    k.extend([None, None, None, None]);
    k
}

/// Whether each column of [`header`] holds numbers (the others hold text).
pub fn number_columns(scheme: &Scheme) -> Vec<bool> {
    let mut k = vec![false, false, false, true];
    k.extend(scheme.categories().iter().map(|_| true));
    k.extend([true, true, true]);
    if scheme.def().rating.is_some() {
        k.push(true);
    }
    k.extend([false, false, false, false]);
    k
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn opt_text(s: Option<&str>) -> Cell {
    s.map_or(Cell::Null, text)
}

fn num(d: Option<Decimal>) -> Cell {
    d.map_or(Cell::Null, Cell::Number)
}

fn status(s: Status) -> Cell {
    text(if s == Status::Complete { "complete" } else { "incomplete" })
}

/// The errors of a bad record as one cell: `code at path; …`.
pub fn errors_text(errors: &[Issue]) -> String {
    errors.iter().map(|e| format!("{} at {}", e.code, e.path)).collect::<Vec<_>>().join("; ")
}

/// A bad record's row: identity, status `error`, its errors; no numbers.
pub fn error_row(scheme: &Scheme, employee: Option<&str>, period: Option<&str>, errors: &[Issue]) -> Vec<Cell> {
    let mut r = vec![opt_text(employee), opt_text(period), text("error"), Cell::Null];
    r.extend(scheme.categories().iter().map(|_| Cell::Null));
    r.extend([Cell::Null, Cell::Null, Cell::Null, Cell::Null, Cell::Null, Cell::Null]);
    if scheme.def().rating.is_some() {
        r.push(Cell::Null);
    }
    r.push(text(&errors_text(errors)));
    r
}

/// A scorecard's row.
pub fn card_row(card: &Scorecard) -> Vec<Cell> {
    let mut r = vec![text(&card.employee), text(&card.period), status(card.status), Cell::Number(card.coverage)];
    r.extend(card.categories.iter().map(|c| num(c.score)));
    r.push(num(card.base));
    r.push(Cell::Number(card.adjustment_total));
    r.push(num(card.total));
    if let Some(rating) = card.rating {
        r.push(num(rating));
    }
    r.push(opt_text(card.natural_grade.as_deref()));
    r.push(opt_text(card.grade.as_deref()));
    r.push(text(&card.vetoes.join(";")));
    r.push(Cell::Null);
    r
}

/// A batch entry's row (a scorecard or a bad record).
pub fn entry_row(scheme: &Scheme, e: &BatchEntry) -> Vec<Cell> {
    match e {
        Ok(c) => card_row(c),
        Err(f) => error_row(scheme, f.employee.as_deref(), f.period.as_deref(), &f.errors),
    }
}
