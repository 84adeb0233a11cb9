//! An Excel workbook (`.xlsx`) in the wide layout, read into the wide CSV text every other door
//! reads (feature `xlsx`, calamine): the first worksheet, its first row the header. A header
//! may name a column as the wide layout does (`attendance`, `samples.csat`, `events.fraud`)
//! or by the scheme's own zh/en names (`出勤率`, `Attendance rate`, an adjustment's or a veto's
//! name for its event; `员工`/`Employee`, `考核期`/`Period`, `岗位`/`Role`), so an HR officer's
//! sheet with Chinese headers reads as it is. A number cell is read as its shortest decimal
//! (the text Excel shows for it), a text cell as its text; the CSV reader then checks every
//! cell as usual, bad cells reported with their row and column.

use crate::error::{ErrorCode as C, Issue};
use crate::scheme::{Scheme, VetoWhen};
use calamine::{Data, Reader, Xlsx};
use std::collections::HashMap;

/// Most cells read from one workbook (the input size cap bounds the bytes; this bounds the
/// work of a small file that declares a huge sheet).
const MAX_CELLS: usize = 50_000_000;

fn issue(message: String) -> Issue {
    Issue::new(C::InvalidValue, "xlsx", message)
}

/// Every name a header cell may use for a wide column of `scheme`, lower-cased.
fn header_names(scheme: &Scheme) -> HashMap<String, String> {
    let mut names: HashMap<String, String> = HashMap::new();
    let mut add = |name: &str, column: &str| {
        names.entry(name.trim().to_lowercase()).or_insert_with(|| column.to_owned());
    };
    for column in crate::wide::wide_header(scheme) {
        add(&column, &column);
    }
    for (zh, en, column) in [("员工", "employee", "employee"), ("考核期", "period", "period"), ("岗位", "role", "role")]
    {
        add(zh, column);
        add(en, column);
    }
    for (_, ind) in scheme.indicators() {
        let column = if ind.raters.is_some() { format!("ratings.{}", ind.id) } else { ind.id.clone() };
        add(ind.name.get("zh"), &column);
        add(ind.name.get("en"), &column);
    }
    let def = scheme.def();
    for a in &def.adjustments {
        let column = format!("events.{}", a.event);
        if let Some(n) = &a.name {
            add(n.get("zh"), &column);
            add(n.get("en"), &column);
        }
    }
    for v in &def.vetoes {
        if let (VetoWhen::Event { event, .. }, Some(n)) = (&v.when, &v.name) {
            let column = format!("events.{event}");
            add(n.get("zh"), &column);
            add(n.get("en"), &column);
        }
    }
    names
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // float-ok: the cell's double, written as its shortest decimal (what Excel shows)
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        // A date where a number belongs: its serial number, refused by the record check.
        Data::DateTime(t) => format!("{}", t.as_f64()), // float-ok: shown text only
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The workbook's first worksheet as wide CSV text for `scheme` (headers mapped to the wide
/// layout's column names), or the reason it cannot be read.
pub fn xlsx_to_wide_csv(scheme: &Scheme, bytes: &[u8]) -> Result<String, Issue> {
    let mut wb: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| issue(format!("not an xlsx workbook: {e}")))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| issue("the workbook has no worksheet".into()))?
        .map_err(|e| issue(format!("the first worksheet cannot be read: {e}")))?;
    let (rows, cols) = range.get_size();
    if rows.saturating_mul(cols) > MAX_CELLS {
        return Err(Issue::new(C::LimitExceeded, "xlsx", format!("a worksheet may have at most {MAX_CELLS} cells")));
    }
    let names = header_names(scheme);
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    for (r, row) in range.rows().enumerate() {
        let cells: Vec<String> = if r == 0 {
            row.iter()
                .map(|d| {
                    let h = cell_text(d);
                    names.get(&h.trim().to_lowercase()).cloned().unwrap_or(h)
                })
                .collect()
        } else {
            row.iter().map(cell_text).collect()
        };
        // Blank rows (formatting below the data) are not records.
        if r > 0 && cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        w.write_record(&cells).map_err(|e| issue(format!("row {}: {e}", r.saturating_add(1))))?;
    }
    let bytes = w.into_inner().map_err(|e| issue(format!("{e}")))?;
    String::from_utf8(bytes).map_err(|e| issue(format!("{e}")))
}

impl Scheme {
    /// Scores a workbook's first worksheet in the wide layout ([`xlsx_to_wide_csv`]): one
    /// entry per data row, in order, bad rows with their errors; an error (before any row) when
    /// the workbook or its header cannot be read.
    pub fn score_xlsx(&self, bytes: &[u8]) -> Result<Vec<crate::score::BatchEntry>, Vec<Issue>> {
        let csv = xlsx_to_wide_csv(self, bytes).map_err(|e| vec![e])?;
        let rows = crate::wide::read_csv(|_| self, csv.as_bytes())?;
        Ok(rows.map(|item| self.score_item(&item)).collect())
    }
}
