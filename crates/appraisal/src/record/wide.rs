//! The wide tabular layout (CSV, DataFrames): one row per employee-period, one column per
//! indicator. Shared by the CLI and the bindings so every runtime reads a table the same way.
//!
//! Columns:
//! - `employee`, `period`, `role`;
//! - `<indicator id>`: the value (a number, a level key, or `true`/`false` for pass/fail);
//! - `samples.<indicator id>`: the sample size; `events.<event>`: an event count;
//! - `ratings.<indicator id>`: ratings as `group:rater=value` separated by `;`
//!   (`group:rater=` abstains), e.g. `supervisor:M01=4; peer:P07=5; peer:P09=4`.
//!
//! An empty cell is absent. An unknown column becomes an unknown indicator (reported by the
//! record check with its path), never silently dropped. A column named twice, a row with more
//! cells than the header, a rating without `=` and bytes that are not UTF-8 are errors with
//! their place, never "the last one wins" or a silent drop.

use crate::error::{ErrorCode, Issue};
use crate::rubric::InputKind;
use crate::scheme::Scheme;
use serde_json::{Map, Value};

pub(crate) fn bool_cell(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "pass" | "1" => Some(true),
        "false" | "no" | "n" | "fail" | "0" => Some(false),
        _ => None,
    }
}

/// Checks a header: every column named once (a repeated name is `duplicate_id` at
/// `columns[i]`).
pub fn check_header(headers: &[impl AsRef<str>]) -> Result<(), Vec<Issue>> {
    let mut seen = std::collections::HashMap::new();
    let mut issues = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.as_ref().trim();
        if let Some(j) = seen.insert(h, i) {
            issues.push(Issue::new(
                ErrorCode::DuplicateId,
                format!("columns[{i}]"),
                format!("column {h:?} is named twice (columns {j} and {i}); each column once"),
            ));
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(issues)
    }
}

/// Builds a record (SPEC JSON shape) from one row of the wide layout; a row with more cells
/// than columns, or a rating written without `=`, is an error with its place.
pub fn record_from_wide(
    scheme: &Scheme,
    headers: &[impl AsRef<str>],
    row: &[impl AsRef<str>],
) -> Result<Value, Vec<Issue>> {
    let mut issues = Vec::new();
    if row.len() > headers.len() {
        issues.push(Issue::new(
            ErrorCode::InvalidValue,
            format!("columns[{}]", headers.len()),
            format!("{} cells for {} columns: a cell beyond the header would be lost", row.len(), headers.len()),
        ));
    }
    let mut rec = Map::new();
    let mut values = Map::new();
    let mut samples = Map::new();
    let mut ratings = Map::new();
    let mut events = Map::new();
    for (h, cell) in headers.iter().zip(row.iter()) {
        let h = h.as_ref().trim();
        let cell = cell.as_ref().trim();
        if cell.is_empty() {
            continue;
        }
        let text = Value::String(cell.to_string());
        if h == "employee" || h == "period" || h == "role" {
            rec.insert(h.to_string(), text);
        } else if let Some(id) = h.strip_prefix("samples.") {
            samples.insert(id.to_string(), text);
        } else if let Some(e) = h.strip_prefix("events.") {
            events.insert(e.to_string(), text);
        } else if let Some(id) = h.strip_prefix("ratings.") {
            let list: Vec<Value> = cell
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .enumerate()
                .map(|(k, item)| {
                    let (who, value) = item.split_once('=').unwrap_or_else(|| {
                        issues.push(Issue::new(
                            ErrorCode::InvalidValue,
                            format!("ratings.{id}[{k}]"),
                            format!("{item:?}: write group:rater=value (group:rater= to abstain)"),
                        ));
                        (item, "")
                    });
                    let (group, rater) = who.split_once(':').unwrap_or(("", who));
                    let mut o = Map::new();
                    o.insert("group".into(), Value::String(group.trim().to_string()));
                    o.insert("rater".into(), Value::String(rater.trim().to_string()));
                    let value = value.trim();
                    o.insert(
                        "value".into(),
                        if value.is_empty() { Value::Null } else { Value::String(value.to_string()) },
                    );
                    Value::Object(o)
                })
                .collect();
            ratings.insert(id.to_string(), Value::Array(list));
        } else {
            let is_bool = scheme.indicator(h).is_some_and(|i| i.rubric.input_kind() == InputKind::Bool);
            let v = match (is_bool, bool_cell(cell)) {
                (true, Some(b)) => Value::Bool(b),
                _ => text,
            };
            values.insert(h.to_string(), v);
        }
    }
    for (k, m) in [("values", values), ("samples", samples), ("ratings", ratings), ("events", events)] {
        if !m.is_empty() {
            rec.insert(k.to_string(), Value::Object(m));
        }
    }
    if issues.is_empty() {
        Ok(Value::Object(rec))
    } else {
        Err(issues)
    }
}

/// One record of a table: its JSON, or every reason it could not be read.
pub type Item = Result<Value, Vec<Issue>>;

/// Reads a whole CSV in the wide layout: the header checked once (a BOM accepted), then one
/// item per row, in order; a row with bytes that are not UTF-8 (a file saved as GBK) or
/// too many cells is that row's error, and the other rows are read. `pick` gives the scheme
/// for a row's `role`.
pub fn read_csv<'a, R: std::io::Read, F: Fn(Option<&str>) -> &'a Scheme>(
    pick: F,
    reader: R,
) -> Result<CsvRows<R, F>, Vec<Issue>> {
    let mut rdr = csv_reader(reader);
    let headers = csv_header(&mut rdr)?;
    let role = headers.iter().position(|h| h == "role");
    Ok(CsvRows { rdr, headers, role, pick, row: 0, stopped: false })
}

/// A CSV reader as the wide layout reads it (rows of any length, the header read by
/// [`csv_header`]).
pub(crate) fn csv_reader<R: std::io::Read>(reader: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(reader)
}

/// Reads and checks the header row (a BOM accepted, every column once, UTF-8).
pub(crate) fn csv_header<R: std::io::Read>(rdr: &mut csv::Reader<R>) -> Result<Vec<String>, Vec<Issue>> {
    let mut first = csv::ByteRecord::new();
    let got = rdr
        .read_byte_record(&mut first)
        .map_err(|e| vec![Issue::new(ErrorCode::InvalidValue, "columns", format!("bad CSV header: {e}"))])?;
    if !got {
        return Err(vec![Issue::new(ErrorCode::MissingField, "columns", "the CSV has no header row")]);
    }
    let mut headers = Vec::with_capacity(first.len());
    for (i, cell) in first.iter().enumerate() {
        let cell = if i == 0 { cell.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(cell) } else { cell };
        headers.push(
            crate::ingest::utf8(cell)
                .map_err(|mut e| {
                    e.path = format!("columns[{i}]");
                    vec![e]
                })?
                .trim()
                .to_string(),
        );
    }
    check_header(&headers)?;
    Ok(headers)
}

/// An issue of CSV row `row` (1 = the first row after the header).
pub(crate) fn at_row(mut i: Issue, row: usize) -> Issue {
    i.message = format!("row {row}: {}", i.message);
    i
}

/// A broken CSV row (an unterminated quote…): the reader cannot tell where the next row
/// starts, so reading stops here.
pub(crate) fn broken_row(e: &csv::Error, row: usize) -> Issue {
    at_row(Issue::new(ErrorCode::InvalidValue, "", format!("bad CSV row: {e}")), row)
}

/// The cells of a CSV row as text, or the first cell that is not UTF-8 (its column named).
pub(crate) fn row_cells<'r>(rec: &'r csv::ByteRecord, headers: &[String], row: usize) -> Result<Vec<&'r str>, Issue> {
    let mut cells = Vec::with_capacity(rec.len());
    row_cells_into(rec.iter(), headers, row, &mut cells, |t| t)?;
    Ok(cells)
}

/// [`row_cells`] into a buffer the caller reuses, each cell through `f`.
pub(crate) fn row_cells_into<'r, T>(
    rec: impl Iterator<Item = &'r [u8]>,
    headers: &[String],
    row: usize,
    cells: &mut Vec<T>,
    f: impl Fn(&'r str) -> T,
) -> Result<(), Issue> {
    cells.clear();
    for (i, c) in rec.enumerate() {
        match crate::ingest::utf8(c) {
            Ok(t) => cells.push(f(t)),
            Err(mut e) => {
                e.path = headers.get(i).cloned().unwrap_or_else(|| format!("columns[{i}]"));
                return Err(at_row(e, row));
            }
        }
    }
    Ok(())
}

/// The rows of a wide CSV, read one at a time (bounded memory).
pub struct CsvRows<R: std::io::Read, F> {
    rdr: csv::Reader<R>,
    headers: Vec<String>,
    role: Option<usize>,
    pick: F,
    row: usize,
    stopped: bool,
}

impl<R: std::io::Read, F> CsvRows<R, F> {
    /// The header's columns.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }
}

impl<'a, R: std::io::Read, F: Fn(Option<&str>) -> &'a Scheme> Iterator for CsvRows<R, F> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.stopped {
            return None;
        }
        let mut rec = csv::ByteRecord::new();
        self.row = self.row.saturating_add(1);
        match self.rdr.read_byte_record(&mut rec) {
            Ok(false) => None,
            Err(e) => {
                self.stopped = true;
                Some(Err(vec![broken_row(&e, self.row)]))
            }
            Ok(true) => match row_cells(&rec, &self.headers, self.row) {
                Err(e) => Some(Err(vec![e])),
                Ok(cells) => {
                    let role = self.role.and_then(|i| cells.get(i)).map(|c| c.trim()).filter(|r| !r.is_empty());
                    let scheme = (self.pick)(role);
                    Some(record_from_wide(scheme, &self.headers, &cells))
                }
            },
        }
    }
}

/// The wide-layout header for a scheme: identity, every indicator (ratings columns for 360
/// indicators), the samples of indicators with `min_sample`, and every event.
pub fn wide_header(scheme: &Scheme) -> Vec<String> {
    let mut h = vec!["employee".to_string(), "period".to_string(), "role".to_string()];
    for (_, i) in scheme.indicators() {
        if i.raters.is_some() {
            h.push(format!("ratings.{}", i.id));
        } else {
            h.push(i.id.clone());
        }
    }
    for (_, i) in scheme.indicators() {
        if i.min_sample.is_some() {
            h.push(format!("samples.{}", i.id));
        }
    }
    for e in scheme.events() {
        h.push(format!("events.{e}"));
    }
    h
}
