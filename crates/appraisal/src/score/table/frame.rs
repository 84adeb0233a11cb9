//! A batch scored on the table path with its bad records in their place: the result table
//! that every columnar front door shows (the CLI's CSV, Arrow tables in Python, column arrays
//! in JavaScript), in input order, as rows of [`Cell`]s or as whole typed columns.

use super::input::{float_cell, CellIn, ColumnIn};
use super::{Table, TableScores};
use crate::error::{Issue, RecordError};
use crate::record::layout::CsvChunk;
use crate::record::{layout::BadRow, CellRef, Checked, RecordFailure, WideLayout};
use crate::scheme::Scheme;
use crate::score::columns::{self, Cell};
use crate::wide::Item;
use rust_decimal::Decimal;

/// A cell of a result row, borrowed (see [`Frame::visit`]).
#[derive(Debug, Clone, Copy)]
enum View<'a> {
    Text(&'a str),
    Number(Decimal),
    Null,
}

impl<'a> View<'a> {
    fn text(x: Option<&'a str>) -> Self {
        x.map_or(Self::Null, Self::Text)
    }

    fn of(c: &'a Cell) -> Self {
        match c {
            Cell::Text(t) => Self::Text(t),
            Cell::Number(d) => Self::Number(*d),
            Cell::Null => Self::Null,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) enum Slot {
    /// Row of the table.
    Row(u32),
    /// A record that could not be read or checked.
    Bad(Box<RecordFailure>),
}

/// Records scored on the fast exact path, bad ones in their place (input order).
#[derive(Debug, Clone)]
pub struct Frame {
    pub(super) table: Table,
    pub(super) scores: TableScores,
    pub(super) slots: Vec<Slot>,
}

/// One result column, whole: what a columnar format (Arrow, a JS array) is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnData {
    /// Text: row r is `text[ends[r - 1]..ends[r]]` (`ends[-1]` = 0), null where `!valid[r]`.
    Text {
        /// Every row's text, one after the other.
        text: String,
        /// Where each row's text ends.
        ends: Vec<usize>,
        /// Whether each row has a value.
        valid: Vec<bool>,
    },
    /// Exact decimals, every row at one scale: row r is `mantissa[r] × 10^-scale`, or null.
    Decimal {
        /// The column's scale (the largest of its values').
        scale: u32,
        /// Each row's mantissa at that scale.
        mantissa: Vec<Option<i128>>,
    },
}

impl ColumnData {
    /// Row `r`'s text (text columns).
    pub fn text(&self, r: usize) -> Option<&str> {
        match self {
            Self::Text { text, ends, valid } => {
                let start = if r == 0 { 0 } else { *ends.get(r - 1)? };
                valid.get(r).copied().unwrap_or(false).then(|| text.get(start..*ends.get(r)?)).flatten()
            }
            Self::Decimal { .. } => None,
        }
    }

    /// Row `r`'s number (decimal columns).
    pub fn decimal(&self, r: usize) -> Option<Decimal> {
        match self {
            Self::Decimal { scale, mantissa } => {
                mantissa.get(r).copied().flatten().and_then(|m| Decimal::try_from_i128_with_scale(m, *scale).ok())
            }
            Self::Text { .. } => None,
        }
    }
}

/// How many results have each grade: the grade distribution of a scored batch.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GradeCounts {
    /// Each grade of the scheme, best first, with its count.
    pub grades: Vec<(String, usize)>,
    /// Results without a grade (incomplete with no total).
    pub ungraded: usize,
    /// Rows that are errors.
    pub errors: usize,
}

impl Scheme {
    /// Scores named columns of the wide layout (all of one length) on the table path: a JS
    /// page's arrays, a notebook's lists. An error (before any row) when a column is named
    /// twice or the lengths differ.
    pub fn score_columns(&self, names: &[String], columns: &[ColumnIn]) -> Result<Frame, Vec<Issue>> {
        let layout = WideLayout::new(self, names)?;
        let len = |c: &ColumnIn| match c {
            ColumnIn::Text(v) => v.len(),
            ColumnIn::Float(v) => v.len(),
            ColumnIn::Cells(v) => v.len(),
            ColumnIn::Packed { valid, .. } => valid.len(),
        };
        let n = columns.first().map_or(0, len);
        if let Some(k) = columns.iter().position(|c| len(c) != n) {
            return Err(vec![Issue::new(
                crate::error::ErrorCode::InvalidValue,
                format!("columns[{k}]"),
                format!(
                    "column {:?} has {} cells, the first has {n}",
                    names.get(k).map_or("", |s| s.as_str()),
                    len(&columns[k])
                ),
            )]);
        }
        let mut texts: Vec<String> = columns.iter().map(|_| String::new()).collect();
        let mut row = |r: usize, read: &mut dyn FnMut(&[CellRef<'_>])| {
            let cells: Vec<CellRef<'_>> = columns
                .iter()
                .zip(texts.iter_mut())
                .map(|(c, t)| match c {
                    ColumnIn::Text(_) | ColumnIn::Packed { .. } => c.text(r).map_or(CellRef::Null, CellRef::Text),
                    ColumnIn::Float(v) => v.get(r).map_or(CellRef::Null, |x| float_cell(*x, t)),
                    ColumnIn::Cells(v) => match v.get(r) {
                        Some(CellIn::Text(s)) => CellRef::Text(s),
                        Some(CellIn::Float(x)) => float_cell(*x, t),
                        Some(CellIn::Bool(b)) => CellRef::Bool(*b),
                        Some(CellIn::Null) | None => CellRef::Null,
                    },
                })
                .collect();
            read(&cells)
        };
        // A column at a time when every column allows it; else row by row.
        let bulk: Vec<super::bulk::Bulk<'_>> = columns
            .iter()
            .map(|c| match c {
                ColumnIn::Float(v) => super::bulk::Bulk::Float(v, None),
                ColumnIn::Text(_) | ColumnIn::Packed { .. } => super::bulk::Bulk::Text(Box::new(move |r| c.text(r))),
                ColumnIn::Cells(_) => super::bulk::Bulk::Other,
            })
            .collect();
        let take = |r: usize, to: &mut Builder<'_>| row(r, &mut |cells| to.cells(&layout, cells));
        if let Some(f) = self.score_bulk(&layout, &bulk, vec![true; n], take) {
            return Ok(f);
        }
        Ok(self.score_rows_with(&layout, n, row))
    }

    /// Scores a whole wide CSV text (a file a page was given) on the table path: the frame,
    /// or the header's errors.
    pub fn score_csv_text(&self, text: &str) -> Result<Frame, Vec<Issue>> {
        let mut chunks = crate::record::CsvChunks::new(self, text.as_bytes())?;
        let all = chunks.next_chunk(usize::MAX, usize::MAX).unwrap_or_default();
        Ok(self.score_csv_chunk(chunks.layout(), &all))
    }

    /// Scores rows of the wide layout (cells in `layout`'s header order) on the table path:
    /// the same results as [`Scheme::score_value`] on each row's record, bad rows in place.
    pub fn score_wide_rows<'c, R: AsRef<[CellRef<'c>]>>(
        &self,
        layout: &WideLayout,
        rows: impl IntoIterator<Item = R>,
    ) -> Frame {
        self.frame(rows.into_iter().map(|r| layout.read(self, r.as_ref())))
    }

    /// Scores input items (records as JSON, or the errors of one that could not be read) on
    /// the table path, bad ones in place.
    pub fn score_items_frame(&self, items: &[Item]) -> Frame {
        self.frame(items.iter().map(|it| match it {
            Ok(v) => self.check(v).map_err(|e| (e, crate::record::identity(v))),
            Err(issues) => Err((RecordError { issues: issues.clone() }, (None, None))),
        }))
    }

    /// Scores one chunk of a wide CSV ([`crate::record::layout::CsvChunks`]) on the table
    /// path: each row as [`Scheme::score_item`] would score it after `wide::read_csv`, errors
    /// (a cell that is not UTF-8, a broken row) included.
    pub fn score_csv_chunk(&self, layout: &WideLayout, chunk: &CsvChunk) -> Frame {
        let bad = |i| Err((RecordError { issues: vec![i] }, (None, None)));
        let mut cells: Vec<CellRef<'_>> = Vec::new();
        let mut one = |k: usize, b: &mut Builder<'_>| match chunk.row(k) {
            None => {}
            Some(Err(i)) => b.push(bad(i.clone())),
            Some(Ok(fields)) => {
                let row = chunk.first.saturating_add(k);
                match crate::record::wide::row_cells_into(fields, layout.headers(), row, &mut cells, CellRef::Text) {
                    Err(i) => b.push(bad(i)),
                    Ok(()) => b.cells(layout, &cells),
                }
            }
        };
        // A column at a time when the layout allows it: rows that were read, no wider than
        // the header and UTF-8 in every field; the others (and every row otherwise) one by one.
        let width = layout.headers().len();
        let utf8 =
            |k: usize, w: usize| (0..w).all(|j| chunk.field(k, j).is_some_and(|f| crate::ingest::utf8(f).is_ok()));
        let ok: Vec<bool> =
            (0..chunk.len()).map(|k| chunk.width(k).is_some_and(|w| w <= width && utf8(k, w))).collect();
        let bulk: Vec<super::bulk::Bulk<'_>> = (0..width)
            .map(|j| {
                let text = move |r: usize| chunk.field(r, j).and_then(|f| crate::ingest::utf8(f).ok());
                super::bulk::Bulk::Text(Box::new(text))
            })
            .collect();
        if let Some(f) = self.score_bulk(layout, &bulk, ok, &mut one) {
            return f;
        }
        let mut b = Builder::new(self);
        for k in 0..chunk.len() {
            one(k, &mut b);
        }
        b.finish()
    }

    /// Scores `n` rows given one at a time by `each(r, read)`, which reads row `r`'s cells
    /// with `read` (for sources whose cells borrow per-row buffers, such as Arrow's floats).
    pub(crate) fn score_rows_with(
        &self,
        layout: &WideLayout,
        n: usize,
        mut each: impl FnMut(usize, &mut dyn FnMut(&[CellRef<'_>])),
    ) -> Frame {
        let mut b = Builder::new(self);
        for r in 0..n {
            each(r, &mut |cells| b.cells(layout, cells));
        }
        b.finish()
    }

    fn frame(&self, checked: impl Iterator<Item = Result<Checked, BadRow>>) -> Frame {
        let mut b = Builder::new(self);
        for c in checked {
            b.push(c);
        }
        b.finish()
    }
}

/// A frame being built row by row: clean rows read into one reused record and copied into
/// the table, the others through the check, bad ones kept in place.
pub(super) struct Builder<'s> {
    scheme: &'s Scheme,
    table: Table,
    pub(super) slots: Vec<Slot>,
    scratch: Checked,
}

impl<'s> Builder<'s> {
    fn new(scheme: &'s Scheme) -> Self {
        Self::with_table(scheme, Table::new(scheme))
    }

    /// A builder whose table already holds rows (read a column at a time); their slots are
    /// the caller's to add.
    pub(super) fn with_table(scheme: &'s Scheme, table: Table) -> Self {
        Self { scheme, table, slots: Vec::new(), scratch: Checked::empty(scheme) }
    }

    pub(super) fn cells(&mut self, layout: &WideLayout, cells: &[CellRef<'_>]) {
        if layout.fast(self.scheme, cells, &mut self.scratch) {
            self.slots.push(Slot::Row(self.table.len() as u32));
            self.table.push_checked(self.scheme, &self.scratch);
        } else {
            self.push(layout.slow(self.scheme, cells));
        }
    }

    fn push(&mut self, c: Result<Checked, BadRow>) {
        match c {
            Ok(c) => {
                self.slots.push(Slot::Row(self.table.len() as u32));
                self.table.push_checked(self.scheme, &c);
            }
            Err((e, (employee, period))) => {
                self.slots.push(Slot::Bad(Box::new(RecordFailure { employee, period, errors: e.issues })))
            }
        }
    }

    pub(super) fn finish(self) -> Frame {
        let plan = super::plan::Plan::new(self.scheme, &self.table);
        let scores = self.scheme.score_rows(plan.as_ref(), &self.table, 0..self.table.len());
        Frame { table: self.table, scores, slots: self.slots }
    }
}

impl Frame {
    /// Number of rows (good and bad).
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Whether row `r` is an error (a bad record, or one the `error` missing-data policy stops).
    pub fn is_error(&self, r: usize) -> bool {
        match self.slots.get(r) {
            Some(Slot::Row(i)) => self.scores.error(*i as usize).is_some(),
            _ => true,
        }
    }

    /// Row `r`'s errors, when it is an error.
    pub fn errors(&self, r: usize) -> Option<&[crate::error::Issue]> {
        match self.slots.get(r)? {
            Slot::Row(i) => self.scores.error(*i as usize).map(|e| e.issues.as_slice()),
            Slot::Bad(f) => Some(f.errors.as_slice()),
        }
    }

    /// The result table as JSON text for a page: `{"header": [...], "rows": n, "columns":
    /// {name: [cell, ...]}, "grades": {"grades": [[id, count], ...], "ungraded": n, "errors":
    /// n}}`, every number as its exact text (`"86.30"`), empty cells `null`.
    pub fn to_columns_json(&self, scheme: &Scheme) -> String {
        use std::fmt::Write;
        let header = columns::header(scheme);
        // Each column's JSON array: straight from the table's integers when the layout allows
        // it, else written as the cells come (no value tree per cell either way).
        let fast = self.json_columns(scheme);
        let done = fast.is_some();
        let mut cols: Vec<String> = fast.unwrap_or_else(|| header.iter().map(|_| String::from("[")).collect());
        for r in (0..self.len()).filter(|_| !done) {
            let mut k = 0usize;
            self.visit(scheme, r, &mut |c| {
                if let Some(col) = cols.get_mut(k) {
                    if r > 0 {
                        col.push(',');
                    }
                    match c {
                        View::Text(t) => super::out::json_text(col, t),
                        View::Number(d) => {
                            let _ = write!(col, "\"{d}\"");
                        }
                        View::Null => col.push_str("null"),
                    }
                }
                k = k.saturating_add(1);
            });
        }
        let mut out = String::from("{\"header\":");
        out.push_str(&serde_json::Value::from(header.clone()).to_string());
        let _ = write!(out, ",\"rows\":{},\"columns\":{{", self.len());
        for (k, (name, col)) in header.iter().zip(cols).enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::Value::from(name.as_str()).to_string());
            out.push(':');
            out.push_str(&col);
            out.push(']');
        }
        out.push_str("},\"grades\":");
        out.push_str(&serde_json::to_string(&self.grade_counts(scheme)).unwrap_or_else(|_| "null".into()));
        out.push('}');
        out
    }

    /// The grade distribution of the frame's results.
    pub fn grade_counts(&self, scheme: &Scheme) -> GradeCounts {
        let mut grades: Vec<(String, usize)> = scheme.def().grades.iter().map(|g| (g.id.clone(), 0)).collect();
        let (mut ungraded, mut errors) = (0usize, 0usize);
        for slot in &self.slots {
            let i = match slot {
                Slot::Row(i) if self.scores.error(*i as usize).is_none() => *i as usize,
                _ => {
                    errors = errors.saturating_add(1);
                    continue;
                }
            };
            match self.scores.grade(i).and_then(|g| grades.iter_mut().find(|(id, _)| id == g)) {
                Some((_, n)) => *n = n.saturating_add(1),
                None => ungraded = ungraded.saturating_add(1),
            }
        }
        GradeCounts { grades, ungraded, errors }
    }

    /// Row `r`'s identity and errors, when it is an error.
    pub fn failure(&self, r: usize) -> Option<(Option<&str>, Option<&str>, &[crate::error::Issue])> {
        match self.slots.get(r)? {
            Slot::Row(i) => {
                let i = *i as usize;
                let e = self.scores.error(i)?;
                Some((self.table.employee(i), self.table.period(i), e.issues.as_slice()))
            }
            Slot::Bad(f) => Some((f.employee.as_deref(), f.period.as_deref(), f.errors.as_slice())),
        }
    }

    /// Row `r` in the result layout ([`columns::header`]).
    pub fn row(&self, scheme: &Scheme, r: usize) -> Vec<Cell> {
        let mut out = Vec::new();
        self.visit(scheme, r, &mut |c| {
            out.push(match c {
                View::Text(t) => Cell::Text(t.to_string()),
                View::Number(d) => Cell::Number(d),
                View::Null => Cell::Null,
            })
        });
        out
    }

    /// Calls `f` with each cell of row `r`, in [`columns::header`] order, without building
    /// the cells (the one definition of a scored row's layout; a bad row's is
    /// [`columns::error_row`]).
    fn visit(&self, scheme: &Scheme, r: usize, f: &mut dyn FnMut(View<'_>)) {
        let i = match self.slots.get(r) {
            Some(Slot::Row(i)) => *i as usize,
            Some(Slot::Bad(b)) => {
                let cells = columns::error_row(scheme, b.employee.as_deref(), b.period.as_deref(), &b.errors);
                return cells.iter().for_each(|c| f(View::of(c)));
            }
            None => return,
        };
        let (t, s) = (&self.table, &self.scores);
        if let Some(e) = s.error(i) {
            let cells = columns::error_row(scheme, t.employee(i), t.period(i), &e.issues);
            return cells.iter().for_each(|c| f(View::of(c)));
        }
        let num = |d: Option<Decimal>| d.map_or(View::Null, View::Number);
        f(View::text(t.employee(i)));
        f(View::text(t.period(i)));
        f(View::text(s.status(i).map(|x| if x == crate::score::Status::Complete { "complete" } else { "incomplete" })));
        f(num(s.coverage(i)));
        for c in 0..scheme.categories().len() {
            f(num(s.category(i, c).and_then(|x| x.1)));
        }
        f(num(s.base(i)));
        f(num(s.adjustment_total(i)));
        f(num(s.total(i)));
        if let Some(rating) = s.rating(i) {
            f(num(rating));
        }
        f(View::text(s.natural_grade(i)));
        f(View::text(s.grade(i)));
        if !s.any_veto(i) {
            f(View::Text(""));
        } else {
            match s.vetoes(i).as_slice() {
                [one] => f(View::Text(one)),
                more => f(View::Text(&more.join(";"))),
            }
        }
        f(View::Null);
    }

    /// The rows as CSV lines ([`columns::csv_line`]), each followed by a newline.
    pub fn write_csv(&self, scheme: &Scheme, out: &mut String) {
        for r in 0..self.len() {
            let mut first = true;
            self.visit(scheme, r, &mut |c| {
                if !std::mem::take(&mut first) {
                    out.push(',');
                }
                match c {
                    View::Text(t) => crate::safe::csv_text_into(out, t),
                    View::Number(d) => crate::number::write_decimal(out, d),
                    View::Null => {}
                }
            });
            out.push('\n');
        }
    }

    /// The whole result table as columns ([`columns::header`] order): text columns as text,
    /// numbers as exact decimals at one scale per column.
    pub fn columns(&self, scheme: &Scheme) -> Vec<ColumnData> {
        let n = self.len();
        let mut out: Vec<ColumnData> = columns::number_columns(scheme)
            .into_iter()
            .map(|number| {
                if number {
                    ColumnData::Decimal { scale: 0, mantissa: Vec::with_capacity(n) }
                } else {
                    ColumnData::Text { text: String::new(), ends: Vec::with_capacity(n), valid: Vec::with_capacity(n) }
                }
            })
            .collect();
        let mut numbers: Vec<Vec<Option<Decimal>>> = out
            .iter()
            .map(|c| if matches!(c, ColumnData::Decimal { .. }) { Vec::with_capacity(n) } else { Vec::new() })
            .collect();
        for r in 0..n {
            let mut k = 0usize;
            self.visit(scheme, r, &mut |cell| {
                let (Some(col), Some(nums)) = (out.get_mut(k), numbers.get_mut(k)) else { return };
                k = k.saturating_add(1);
                match col {
                    ColumnData::Text { text, ends, valid } => {
                        if let View::Text(t) = cell {
                            text.push_str(t);
                        }
                        valid.push(matches!(cell, View::Text(_)));
                        ends.push(text.len());
                    }
                    ColumnData::Decimal { scale, .. } => {
                        let d = match cell {
                            View::Number(d) => Some(d),
                            _ => None,
                        };
                        *scale = (*scale).max(d.map_or(0, |d| d.scale()));
                        nums.push(d);
                    }
                }
            });
        }
        for (col, nums) in out.iter_mut().zip(numbers) {
            if let ColumnData::Decimal { scale, mantissa } = col {
                mantissa.extend(nums.into_iter().map(|d| {
                    d.and_then(|mut d| {
                        d.rescale(*scale);
                        (d.scale() == *scale).then(|| d.mantissa())
                    })
                }));
            }
        }
        out
    }
}
