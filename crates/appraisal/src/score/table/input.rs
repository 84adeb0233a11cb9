//! The input columns of [`Scheme::score_columns`](crate::Scheme::score_columns): a page's
//! arrays, a notebook's lists, as whole columns of text, floats or mixed cells.

use crate::record::CellRef;

/// One input column for [`Scheme::score_columns`](crate::Scheme::score_columns) (a JS array, a list of Python values).
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnIn {
    /// Text cells (`None`: empty).
    Text(Vec<Option<String>>),
    /// Numbers as floats (a JS `Float64Array`): each read as its shortest decimal, the text a
    /// JS page or a spreadsheet shows (`95.5`); NaN is an empty cell.
    Float(Vec<f64> /* float-ok: input floats, read as their shortest decimal */),
    /// Cells of any kind, one by one.
    Cells(Vec<CellIn>),
    /// Text cells one after the other (no allocation per cell): cell r is
    /// `text[ends[r - 1]..ends[r]]` (`ends[-1]` = 0), empty where `!valid[r]`.
    Packed {
        /// Every cell's text.
        text: String,
        /// Where each cell ends.
        ends: Vec<usize>,
        /// Whether each cell has a value.
        valid: Vec<bool>,
    },
}

impl ColumnIn {
    /// Cell `r` of a text column (`None`: empty, or not a text column).
    pub(super) fn text(&self, r: usize) -> Option<&str> {
        match self {
            Self::Text(v) => v.get(r).and_then(|x| x.as_deref()),
            Self::Packed { text, ends, valid } => {
                let start = if r == 0 { 0 } else { *ends.get(r - 1)? };
                valid.get(r).copied().unwrap_or(false).then(|| text.get(start..*ends.get(r)?)).flatten()
            }
            _ => None,
        }
    }
}

/// One cell of a [`ColumnIn::Cells`] column.
#[derive(Debug, Clone, PartialEq)]
pub enum CellIn {
    /// Empty.
    Null,
    /// Text.
    Text(String),
    /// A float, read as its shortest decimal (NaN: empty).
    Float(f64 /* float-ok: an input float, read as its shortest decimal */),
    /// A boolean.
    Bool(bool),
}

/// A float's cell: its shortest decimal, or its text when that search does not settle it
/// (the text is the float's shortest round-trip form too), NaN empty.
pub(super) fn float_cell(x: f64 /* float-ok: an input float, read */, text: &mut String) -> CellRef<'_> {
    if x.is_nan() {
        return CellRef::Null;
    }
    match crate::number::shortest_decimal(x) {
        Some(d) => CellRef::Number(d),
        None => {
            use std::fmt::Write;
            text.clear();
            let _ = write!(text, "{x}"); // float-ok: the float's shortest text, parsed exactly
            CellRef::Text(text)
        }
    }
}
