//! The wide layout read straight into checked records, for the columnar front doors (the CLI's
//! CSV, Arrow tables in Python, column arrays in JavaScript).
//!
//! The header is resolved once against the scheme ([`WideLayout`]); each row's cells are then
//! converted without building JSON. The fast reader takes only rows it can prove clean; a row
//! it cannot take as it is (any problem, a ratings column, a scoped format-2 indicator, a row
//! near the size limit) goes through [`record_from_wide`] and
//! the record check, so a bad row's errors are the check's, word for word, and a good row's
//! checked record is the same either way (held to it by the differential tests).

use super::wide::{check_header, record_from_wide};
use super::{identity, Checked, Input};
use crate::error::{Issue, RecordError};
use crate::number::{limits, parse_count, parse_decimal};
use crate::rubric::{InputKind, Raw};
use crate::scheme::Scheme;
use rust_decimal::Decimal;

/// One input cell of a columnar source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellRef<'a> {
    /// Nothing (an empty CSV cell, a null).
    Null,
    /// Text, as written (trimmed before use, as in a CSV).
    Text(&'a str),
    /// An exact number (a decimal, an integer, a float read as its shortest decimal).
    Number(Decimal),
    /// A boolean.
    Bool(bool),
}

impl CellRef<'_> {
    /// The cell as the text a CSV would hold (the slow path's input).
    fn text(&self) -> String {
        match self {
            Self::Null => String::new(),
            Self::Text(t) => (*t).to_string(),
            Self::Number(d) => crate::number::exact(*d).to_string(),
            Self::Bool(b) => if *b { "true" } else { "false" }.to_string(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Self::Text(t) => t.len(),
            _ => 32,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Employee,
    Period,
    Role,
    Value(usize, InputKind),
    Samples(usize),
    Event(usize),
    /// Read only by the slow path (ratings, unknown columns, a value for a 360 indicator).
    Slow,
}

/// A column the column-at-a-time reader takes ([`WideLayout::role`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Employee,
    Period,
    /// A number for the indicator of this flat index.
    Number(usize),
    Samples(usize),
    Event(usize),
}

/// An indicator's valid range as mantissas at scales 0..=6 (`None` where a bound has more
/// decimals), so a value of such a scale is checked by two integer comparisons.
type Ranges = [Option<(i128, i128)>; 7];

fn ranges(range: Option<(Decimal, Decimal)>) -> Option<Ranges> {
    let (lo, hi) = range?;
    let at = |d: Decimal, s: u32| -> Option<i128> {
        d.mantissa().checked_mul(crate::number::pow10(s.checked_sub(d.scale())?)?)
    };
    let mut r: Ranges = [None; 7];
    for (s, slot) in r.iter_mut().enumerate() {
        *slot = at(lo, s as u32).zip(at(hi, s as u32));
    }
    Some(r)
}

/// A wide header resolved against a scheme: what each column is, found once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WideLayout {
    headers: Vec<String>,
    cols: Vec<Col>,
    /// Per column, its indicator's valid range at small scales (value columns with a range).
    ranges: Vec<Option<Ranges>>,
    /// Whether every row must take the slow path (a scoped format-2 indicator).
    all_slow: bool,
}

/// A row that is not a record: its errors and, where the record gives them, its identity.
pub type BadRow = (RecordError, (Option<String>, Option<String>));

impl WideLayout {
    /// Resolves `headers` for `scheme`; a column named twice is an error (`duplicate_id`).
    pub fn new(scheme: &Scheme, headers: &[impl AsRef<str>]) -> Result<Self, Vec<Issue>> {
        check_header(headers)?;
        let headers: Vec<String> = headers.iter().map(|h| h.as_ref().trim().to_string()).collect();
        let cols: Vec<Col> = headers
            .iter()
            .map(|h| match h.as_str() {
                "employee" => Col::Employee,
                "period" => Col::Period,
                "role" => Col::Role,
                h => {
                    let flat_of = |id: &str| scheme.indicator_index.get(id).map(|&(_, _, f)| f);
                    if let Some(id) = h.strip_prefix("samples.") {
                        flat_of(id).map_or(Col::Slow, Col::Samples)
                    } else if let Some(e) = h.strip_prefix("events.") {
                        scheme.event_index.get(e).map_or(Col::Slow, |&e| Col::Event(e))
                    } else if h.starts_with("ratings.") {
                        Col::Slow
                    } else {
                        match (flat_of(h), scheme.indicator(h)) {
                            (Some(f), Some(i)) if i.raters.is_none() => Col::Value(f, i.rubric.input_kind()),
                            _ => Col::Slow,
                        }
                    }
                }
            })
            .collect();
        let all_slow = scheme.indicators().any(|(_, i)| i.applies_when.is_some());
        let ranges = cols
            .iter()
            .map(|c: &Col| match c {
                Col::Value(f, _) => scheme.by_flat(*f).and_then(|(_, i)| ranges(i.valid_range)),
                _ => None,
            })
            .collect();
        Ok(Self { headers, cols, ranges, all_slow })
    }

    /// The header, trimmed.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// What column `k` holds, for the column-at-a-time reader (`None`: a column it leaves to
    /// the row reader, or a layout whose every row must take the slow path).
    pub(crate) fn role(&self, k: usize) -> Option<Role> {
        if self.all_slow {
            return None;
        }
        match self.cols.get(k)? {
            Col::Employee => Some(Role::Employee),
            Col::Period => Some(Role::Period),
            Col::Value(f, InputKind::Number) => Some(Role::Number(*f)),
            Col::Samples(f) => Some(Role::Samples(*f)),
            Col::Event(e) => Some(Role::Event(*e)),
            _ => None,
        }
    }

    /// One row as a checked record, or its errors and identity. `cells` in header order.
    pub(crate) fn read(&self, scheme: &Scheme, cells: &[CellRef<'_>]) -> Result<Checked, BadRow> {
        let mut out = Checked::empty(scheme);
        if self.fast(scheme, cells, &mut out) {
            return Ok(out);
        }
        self.slow(scheme, cells)
    }

    /// The row read by `record_from_wide` and the record check (the check's errors).
    pub(crate) fn slow(&self, scheme: &Scheme, cells: &[CellRef<'_>]) -> Result<Checked, BadRow> {
        let texts: Vec<String> = cells.iter().map(CellRef::text).collect();
        match record_from_wide(scheme, &self.headers, &texts) {
            Err(issues) => Err((RecordError { issues }, (None, None))),
            Ok(v) => scheme.check(&v).map_err(|e| (e, identity(&v))),
        }
    }

    /// Reads the row into `out` (a record reused from row to row, reset here) when it is clean
    /// and simple; false sends it to the slow path, which decides.
    pub(crate) fn fast(&self, scheme: &Scheme, cells: &[CellRef<'_>], out: &mut Checked) -> bool {
        self.fast_into(scheme, cells, out).is_some()
    }

    fn fast_into(&self, scheme: &Scheme, cells: &[CellRef<'_>], out: &mut Checked) -> Option<()> {
        if self.all_slow || cells.len() > self.cols.len() {
            return None;
        }
        // The record check's size limit is on the record's JSON: leave big rows to it.
        if cells.iter().map(CellRef::len).fold(0usize, usize::saturating_add) > limits::RECORD_BYTES / 2 {
            return None;
        }
        out.reset(scheme);
        let (mut employee, mut period) = (false, false);
        for ((col, cell), range) in self.cols.iter().zip(cells).zip(&self.ranges) {
            let cell = match cell {
                CellRef::Null => continue,
                CellRef::Text(t) => match trim(t) {
                    "" => continue,
                    t => CellRef::Text(t),
                },
                other => *other,
            };
            match (*col, cell) {
                (Col::Employee | Col::Period, CellRef::Number(d)) => {
                    // An id column of integers (a DataFrame's employee numbers): its text.
                    let t = crate::number::exact(d).to_string();
                    if matches!(col, Col::Employee) {
                        out.employee.push_str(&t);
                        employee = true;
                    } else {
                        out.period.push_str(&t);
                        period = true;
                    }
                }
                (Col::Employee, CellRef::Text(t)) => {
                    out.employee.push_str(t);
                    employee = true;
                }
                (Col::Period, CellRef::Text(t)) => {
                    out.period.push_str(t);
                    period = true;
                }
                (Col::Role, CellRef::Text(t)) => {
                    let roles = &scheme.def.roles;
                    if !roles.is_empty() && !roles.iter().any(|r| r == t) {
                        return None;
                    }
                }
                (Col::Value(flat, kind), cell) => {
                    let raw = match (kind, cell) {
                        // A typed number beyond the parser's limit: the text reader reports it.
                        (InputKind::Number, CellRef::Number(d)) if d.abs() <= crate::number::MAX_MAGNITUDE => {
                            Raw::Number(d)
                        }
                        (InputKind::Number, CellRef::Text(t)) => Raw::Number(parse_decimal(t).ok()?),
                        (InputKind::Key, CellRef::Text(t)) => Raw::Key(t.to_string()),
                        (InputKind::Bool, CellRef::Bool(b)) => Raw::Bool(b),
                        (InputKind::Bool, CellRef::Text(t)) => Raw::Bool(super::wide::bool_cell(t)?),
                        _ => return None,
                    };
                    let (_, ind) = scheme.by_flat(flat)?;
                    if let (Raw::Number(d), Some((lo, hi))) = (&raw, ind.valid_range) {
                        let quick = range.as_ref().and_then(|r| r.get(d.scale() as usize).copied().flatten());
                        let inside = match quick {
                            Some((lo, hi)) => (lo..=hi).contains(&d.mantissa()),
                            None => crate::number::cmp(*d, lo).is_ge() && crate::number::cmp(*d, hi).is_le(),
                        };
                        if !inside {
                            return None;
                        }
                    }
                    ind.rubric.check_domain(&raw).ok()?;
                    *out.inputs.get_mut(flat)? = Input::Single(raw);
                }
                (Col::Samples(flat), cell) => *out.samples.get_mut(flat)? = Some(count(cell)?),
                (Col::Event(e), cell) => *out.events.get_mut(e)? = count(cell)?,
                _ => return None,
            }
        }
        (employee && period).then_some(())
    }
}

/// `str::trim`, skipped when the text starts and ends with a visible ASCII character (the
/// usual cell), which no trim would change.
#[inline]
pub(crate) fn trim(t: &str) -> &str {
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => t,
        _ => t.trim(),
    }
}

fn count(cell: CellRef<'_>) -> Option<u64> {
    match cell {
        CellRef::Text(t) => parse_count(t),
        CellRef::Number(d) => crate::number::count_of(d),
        _ => None,
    }
}

/// Rows of a wide CSV as read, cells not yet checked: one chunk of a stream, its fields'
/// bytes kept one after the other (no allocation per row).
#[derive(Debug, Default)]
pub struct CsvChunk {
    bytes: Vec<u8>,
    /// Where each field's bytes end.
    ends: Vec<usize>,
    /// Each row: its fields (a range of `ends`), or the error that ended the input.
    rows: Vec<Result<(usize, usize), Issue>>,
    /// The number of the chunk's first row (1 = the first row after the header).
    pub(crate) first: usize,
}

impl CsvChunk {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the chunk has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Field `j` of row `k` (`None`: a row that is an error, or shorter).
    pub(crate) fn field(&self, k: usize, j: usize) -> Option<&[u8]> {
        let (a, b) = *self.rows.get(k)?.as_ref().ok()?;
        let f = a.checked_add(j).filter(|&f| f < b)?;
        let start = match f.checked_sub(1) {
            Some(p) => *self.ends.get(p)?,
            None => 0,
        };
        self.bytes.get(start..*self.ends.get(f)?)
    }

    /// The number of fields of row `k` (`None`: a row that is an error).
    pub(crate) fn width(&self, k: usize) -> Option<usize> {
        self.rows.get(k)?.as_ref().ok().map(|(a, b)| b.saturating_sub(*a))
    }

    /// Row `k`: its fields' bytes, or the error in its place.
    pub(crate) fn row(&self, k: usize) -> Option<Result<impl Iterator<Item = &[u8]>, &Issue>> {
        Some(match self.rows.get(k)? {
            Err(i) => Err(i),
            Ok((a, b)) => Ok((*a..*b).map(|f| {
                let start = if f == 0 { 0 } else { self.ends.get(f.wrapping_sub(1)).copied().unwrap_or(0) };
                let end = self.ends.get(f).copied().unwrap_or(start);
                self.bytes.get(start..end).unwrap_or(&[])
            })),
        })
    }
}

/// A wide CSV read in chunks (bounded memory) for the table path: the header checked and
/// resolved once, then rows as they come; a broken row ends the stream with its error.
pub struct CsvChunks<R: std::io::Read> {
    rdr: csv::Reader<R>,
    layout: WideLayout,
    row: usize,
    stopped: bool,
    rec: csv::ByteRecord,
}

impl<R: std::io::Read> CsvChunks<R> {
    /// Reads and resolves the header for `scheme`.
    pub fn new(scheme: &Scheme, reader: R) -> Result<Self, Vec<Issue>> {
        let mut rdr = super::wide::csv_reader(reader);
        let headers = super::wide::csv_header(&mut rdr)?;
        let layout = WideLayout::new(scheme, &headers)?;
        Ok(Self { rdr, layout, row: 0, stopped: false, rec: csv::ByteRecord::new() })
    }

    /// The resolved header.
    pub fn layout(&self) -> &WideLayout {
        &self.layout
    }

    /// The next rows, up to `rows` of them or `bytes` of input; `None` at the end.
    pub fn next_chunk(&mut self, rows: usize, bytes: usize) -> Option<CsvChunk> {
        let mut chunk = CsvChunk { first: self.row.saturating_add(1), ..CsvChunk::default() };
        while !self.stopped && chunk.rows.len() < rows && chunk.bytes.len() < bytes {
            self.row = self.row.saturating_add(1);
            match self.rdr.read_byte_record(&mut self.rec) {
                Ok(false) => self.stopped = true,
                Ok(true) => {
                    let a = chunk.ends.len();
                    for f in self.rec.iter() {
                        chunk.bytes.extend_from_slice(f);
                        chunk.ends.push(chunk.bytes.len());
                    }
                    chunk.rows.push(Ok((a, chunk.ends.len())));
                }
                Err(e) => {
                    self.stopped = true;
                    chunk.rows.push(Err(super::wide::broken_row(&e, self.row)));
                }
            }
        }
        (!chunk.rows.is_empty()).then_some(chunk)
    }
}
