//! Apache Arrow in and out (feature `arrow`): record batches in the wide layout scored on the
//! fast exact table path, and the result table as record batches with exact `Decimal128`
//! columns (scores, totals) and text columns (status, grades, vetoes, errors). One place for
//! every front door that speaks Arrow: the Python binding (pyarrow, polars, pandas, DuckDB
//! through the PyCapsule interface) and the CLI's Parquet.
//!
//! How input columns are read (each cell as the wide layout reads a CSV cell):
//! - text (`Utf8`, `LargeUtf8`, `Utf8View`, dictionaries of them): the text;
//! - integers: the integer; `Decimal128(p, s)`: the exact decimal;
//! - `Float64`: the shortest decimal that reads back as the same float (what pandas, polars
//!   and Python print: `95.5`, never `95.5000000000000`), NaN as an empty cell; `Float32`
//!   likewise at 32 bits;
//! - booleans: true/false; nulls: empty; anything else: its text as Arrow displays it.

use super::bulk::Bulk;
use super::frame::Builder;
use super::out::OutCol;
use super::{ColumnData, Frame};
use crate::error::{ErrorCode, Issue};
use crate::record::{CellRef, WideLayout};
use crate::scheme::Scheme;
use crate::score::columns;
use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Float64Type, Int64Type};
use arrow_array::{Array, ArrayRef, BooleanArray, Decimal128Array, LargeStringArray, RecordBatch, StringArray};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use rust_decimal::Decimal;
use std::fmt::Write;
use std::sync::Arc;

/// Rows per slice scored as one frame (slices are scored in parallel with `parallel`).
const SLICE: usize = 16_384;

/// One input column, in the form cells are read from.
enum Src {
    Text(StringArray),
    LargeText(LargeStringArray),
    View(arrow_array::StringViewArray),
    Int(arrow_array::Int64Array),
    Float(arrow_array::Float64Array),
    Dec(Decimal128Array, u32),
    Bool(BooleanArray),
    Null,
}

fn issue(path: impl Into<String>, message: impl Into<String>) -> Issue {
    Issue::new(ErrorCode::InvalidType, path, message)
}

fn src(col: &ArrayRef, name: &str) -> Result<Src, Issue> {
    let cast = |to: &DataType| {
        arrow_cast::cast(col, to).map_err(|e| issue(name, format!("column {name:?} cannot be read as {to}: {e}")))
    };
    Ok(match col.data_type() {
        DataType::Null => Src::Null,
        DataType::Boolean => Src::Bool(col.as_boolean().clone()),
        DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64 => {
            Src::Int(cast(&DataType::Int64)?.as_primitive::<Int64Type>().clone())
        }
        DataType::UInt8 | DataType::UInt16 | DataType::UInt32 => {
            Src::Int(cast(&DataType::Int64)?.as_primitive::<Int64Type>().clone())
        }
        DataType::Float64 => Src::Float(col.as_primitive::<Float64Type>().clone()),
        DataType::Decimal128(_, s) if (0..=28).contains(s) => {
            Src::Dec(col.as_primitive::<Decimal128Type>().clone(), u32::from(s.unsigned_abs()))
        }
        DataType::Utf8 => Src::Text(col.as_string::<i32>().clone()),
        DataType::LargeUtf8 => Src::LargeText(col.as_string::<i64>().clone()),
        DataType::Utf8View => Src::View(col.as_string_view().clone()),
        // Float32 by Arrow's own shortest text at 32 bits, the rest as Arrow displays it.
        _ => Src::Text(cast(&DataType::Utf8)?.as_string::<i32>().clone()),
    })
}

/// Row `r`'s float cells: each one's exact decimal when found without text, else its text
/// in `floats` (one after the other, the k-th ending at `ends[k]`; empty for null or NaN).
fn float_texts(srcs: &[Src], r: usize, floats: &mut String, ends: &mut Vec<(usize, Option<Decimal>)>) {
    floats.clear();
    ends.clear();
    for s in srcs {
        if let Src::Float(a) = s {
            let v = a.value(r);
            let d = if a.is_valid(r) { crate::number::shortest_decimal(v) } else { None };
            if !a.is_valid(r) || d.is_some() {
                // null, or read without text
            } else if v.is_finite() {
                let _ = write!(floats, "{v}"); // float-ok: the float's shortest decimal text
            } else if v.is_infinite() {
                floats.push_str(if v.is_sign_positive() { "inf" } else { "-inf" });
            }
            ends.push((floats.len(), d));
        }
    }
}

/// Row `r`'s cells, in column order.
fn cells<'a>(srcs: &'a [Src], r: usize, floats: &'a str, ends: &[(usize, Option<Decimal>)]) -> Vec<CellRef<'a>> {
    let (mut k, mut start) = (0usize, 0usize);
    let valid = |a: &dyn Array| a.is_valid(r);
    srcs.iter()
        .map(|s| match s {
            Src::Null => CellRef::Null,
            Src::Text(a) if valid(a) => CellRef::Text(a.value(r)),
            Src::LargeText(a) if valid(a) => CellRef::Text(a.value(r)),
            Src::View(a) if valid(a) => CellRef::Text(a.value(r)),
            Src::Int(a) if valid(a) => CellRef::Number(Decimal::from(a.value(r))),
            Src::Dec(a, scale) if valid(a) => match Decimal::try_from_i128_with_scale(a.value(r), *scale) {
                Ok(d) => CellRef::Number(d),
                Err(_) => CellRef::Text("(a decimal beyond 28 digits)"),
            },
            Src::Bool(a) if valid(a) => CellRef::Bool(a.value(r)),
            Src::Float(_) => {
                let (end, d) = ends.get(k).copied().unwrap_or((start, None));
                k = k.saturating_add(1);
                let t = floats.get(start..end).unwrap_or("");
                start = end;
                match d {
                    Some(d) => CellRef::Number(d),
                    None if !t.is_empty() => CellRef::Text(t),
                    None => CellRef::Null, // null or NaN (pandas' missing value)
                }
            }
            _ => CellRef::Null,
        })
        .collect()
}

/// A source column as the column reader takes it.
fn bulk<'a>(s: &'a Src, valid: Option<&'a [bool]>) -> Bulk<'a> {
    match s {
        Src::Float(a) => Bulk::Float(a.values(), valid),
        Src::Int(a) => Bulk::Int(a.values(), valid),
        Src::Dec(a, scale) => Bulk::Dec(a.values(), *scale, valid),
        Src::Text(a) => Bulk::Text(Box::new(move |r| a.is_valid(r).then(|| a.value(r)))),
        Src::LargeText(a) => Bulk::Text(Box::new(move |r| a.is_valid(r).then(|| a.value(r)))),
        Src::View(a) => Bulk::Text(Box::new(move |r| a.is_valid(r).then(|| a.value(r)))),
        Src::Null => Bulk::Null,
        Src::Bool(_) => Bulk::Other,
    }
}

impl Scheme {
    /// Scores record batches in the wide layout (columns named as in a CSV header) on the
    /// table path: the result table ([`columns::header`]) as record batches of
    /// [`Scheme::arrow_result_schema`], one row per input row in input order, bad rows in
    /// place with their errors. An error (before any row is read) when a column is named
    /// twice or cannot be read.
    pub fn score_arrow(
        &self,
        schema: &Schema,
        batches: &[RecordBatch],
        text_numbers: bool,
    ) -> Result<Vec<RecordBatch>, Vec<Issue>> {
        let out = self.arrow_result_schema(text_numbers);
        // Each slice's result batch is built by the worker that scored it.
        let batches = self.score_slices(schema, batches, |f| f.to_arrow(self, &out))?;
        if batches.is_empty() {
            return Ok(vec![RecordBatch::new_empty(out)]);
        }
        Ok(batches)
    }

    /// [`Scheme::score_arrow`]'s frames (slices of at most 16,384 rows, in order; scored in
    /// parallel with the `parallel` feature), for a caller that writes them as it likes.
    pub fn score_arrow_frames(&self, schema: &Schema, batches: &[RecordBatch]) -> Result<Vec<Frame>, Vec<Issue>> {
        self.score_slices(schema, batches, Ok)
    }

    /// Scores the batches in slices (in parallel with `parallel`), each slice's frame handed to
    /// `each` by the worker that scored it; the results in order.
    fn score_slices<T: Send>(
        &self,
        schema: &Schema,
        batches: &[RecordBatch],
        each: impl Fn(Frame) -> Result<T, Vec<Issue>> + Sync,
    ) -> Result<Vec<T>, Vec<Issue>> {
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let layout = WideLayout::new(self, &names)?;
        let mut slices = Vec::new();
        for b in batches {
            let mut at = 0;
            while at < b.num_rows() {
                let n = SLICE.min(b.num_rows().saturating_sub(at));
                slices.push(b.slice(at, n));
                at = at.saturating_add(n);
            }
        }
        let score = |b: &RecordBatch| -> Result<T, Vec<Issue>> {
            let srcs = b
                .columns()
                .iter()
                .zip(&names)
                .map(|(c, n)| src(c, n))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| vec![e])?;
            let (mut floats, mut ends) = (String::new(), Vec::new());
            let mut row = |r: usize, read: &mut dyn FnMut(&[CellRef<'_>])| {
                float_texts(&srcs, r, &mut floats, &mut ends);
                read(&cells(&srcs, r, &floats, &ends))
            };
            // A column at a time when every column allows it; else row by row.
            let valid: Vec<Option<Vec<bool>>> =
                b.columns().iter().map(|c| c.logical_nulls().map(|n| n.iter().collect())).collect();
            let bulk: Vec<Bulk<'_>> = srcs.iter().zip(&valid).map(|(s, v)| bulk(s, v.as_deref())).collect();
            let take = |r: usize, to: &mut Builder<'_>| row(r, &mut |cells| to.cells(&layout, cells));
            match self.score_bulk(&layout, &bulk, vec![true; b.num_rows()], take) {
                Some(f) => each(f),
                None => each(self.score_rows_with(&layout, b.num_rows(), row)),
            }
        };
        #[cfg(feature = "parallel")]
        let frames = {
            use rayon::prelude::*;
            slices.par_iter().map(score).collect::<Result<Vec<_>, _>>()
        };
        #[cfg(not(feature = "parallel"))]
        let frames = slices.iter().map(score).collect::<Result<Vec<_>, _>>();
        frames
    }

    /// The schema of the result table as Arrow: text columns as `LargeUtf8`, numbers as
    /// `Decimal128(38, s)` at the scale the scheme gives them ([`columns::number_scales`]), or
    /// as text with `text_numbers`. Fixed by the scheme, so a stream of batches (a Parquet
    /// file) has one schema whatever its rows.
    pub fn arrow_result_schema(&self, text_numbers: bool) -> SchemaRef {
        let fields: Vec<Field> = columns::header(self)
            .iter()
            .zip(columns::number_scales(self))
            .map(|(name, scale)| {
                let t = match scale {
                    Some(s) if !text_numbers => DataType::Decimal128(38, i8::try_from(s).unwrap_or(38)),
                    _ => DataType::LargeUtf8,
                };
                Field::new(name, t, true)
            })
            .collect();
        Arc::new(Schema::new(fields))
    }
}

impl Frame {
    /// The frame as one record batch of `schema` ([`Scheme::arrow_result_schema`]); an error
    /// when a number needs more decimals than its column has (never rounded).
    pub fn to_arrow(&self, scheme: &Scheme, schema: &SchemaRef) -> Result<RecordBatch, Vec<Issue>> {
        let fixed = schema.fields().iter().zip(columns::number_scales(scheme)).all(|(f, s)| match f.data_type() {
            DataType::Decimal128(_, to) => s.is_some_and(|s| i8::try_from(s).is_ok_and(|s| s == *to)),
            DataType::LargeUtf8 => s.is_none(),
            _ => false,
        });
        if fixed {
            // Straight from the table's integers, numbers at the scheme's scales.
            let mut arrays: Vec<ArrayRef> = Vec::with_capacity(schema.fields().len());
            for col in self.fixed_columns(scheme).map_err(|e| vec![e])? {
                arrays.push(match col {
                    OutCol::Text { text, ends, valid } => Arc::new(text_array(text, &ends, valid)?),
                    OutCol::Dec { scale, values, valid } => Arc::new(
                        Decimal128Array::new(ScalarBuffer::from(values), nulls(valid))
                            .with_precision_and_scale(38, i8::try_from(scale).unwrap_or(38))
                            .map_err(|e| vec![issue("", e.to_string())])?,
                    ),
                });
            }
            return RecordBatch::try_new(Arc::clone(schema), arrays).map_err(|e| vec![issue("", e.to_string())]);
        }
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(schema.fields().len());
        for (col, field) in self.columns(scheme).into_iter().zip(schema.fields()) {
            arrays.push(match (col, field.data_type()) {
                (c @ ColumnData::Decimal { .. }, DataType::LargeUtf8) => match as_text(&c) {
                    ColumnData::Text { text, ends, valid } => Arc::new(text_array(text, &ends, valid)?),
                    ColumnData::Decimal { .. } => return Err(vec![issue("", "a number column did not become text")]),
                },
                (ColumnData::Decimal { scale, mantissa }, DataType::Decimal128(_, to)) => {
                    let to = u32::from(to.unsigned_abs());
                    if scale > to {
                        return Err(vec![issue(
                            field.name().as_str(),
                            format!("a result has {scale} decimals, more than the column's {to}"),
                        )]);
                    }
                    let factor = crate::number::pow10(to.saturating_sub(scale)).unwrap_or(1);
                    let mut values = Vec::with_capacity(mantissa.len());
                    for m in mantissa {
                        values.push(match m {
                            None => None,
                            Some(m) => Some(m.checked_mul(factor).ok_or_else(|| {
                                vec![issue(field.name().as_str(), "a result does not fit a 38-digit decimal column")]
                            })?),
                        });
                    }
                    let a = Decimal128Array::from(values)
                        .with_precision_and_scale(38, i8::try_from(to).unwrap_or(38))
                        .map_err(|e| vec![issue("", e.to_string())])?;
                    Arc::new(a)
                }
                (ColumnData::Text { text, ends, valid }, _) => Arc::new(text_array(text, &ends, valid)?),
                (ColumnData::Decimal { .. }, t) => {
                    return Err(vec![issue(field.name().as_str(), format!("a number column cannot be {t}"))])
                }
            });
        }
        RecordBatch::try_new(Arc::clone(schema), arrays).map_err(|e| vec![issue("", e.to_string())])
    }
}

/// A decimal column as its text (the CSV's and the JSON's `"86.30"`).
fn as_text(c: &ColumnData) -> ColumnData {
    let n = match c {
        ColumnData::Decimal { mantissa, .. } => mantissa.len(),
        ColumnData::Text { valid, .. } => valid.len(),
    };
    let (mut text, mut ends, mut valid) = (String::new(), Vec::with_capacity(n), Vec::with_capacity(n));
    for r in 0..n {
        let d = c.decimal(r);
        if let Some(d) = d {
            let _ = write!(text, "{d}");
        }
        valid.push(d.is_some());
        ends.push(text.len());
    }
    ColumnData::Text { text, ends, valid }
}

/// A text column as Arrow's `LargeUtf8` (64-bit offsets: no size can overflow them).
fn text_array(text: String, ends: &[usize], valid: Vec<bool>) -> Result<LargeStringArray, Vec<Issue>> {
    let mut offsets = Vec::with_capacity(ends.len().saturating_add(1));
    offsets.push(0i64);
    offsets.extend(ends.iter().map(|&e| i64::try_from(e).unwrap_or(i64::MAX)));
    let offsets = OffsetBuffer::new(ScalarBuffer::from(offsets));
    LargeStringArray::try_new(offsets, Buffer::from(text.into_bytes()), nulls(valid))
        .map_err(|e| vec![issue("", e.to_string())])
}

/// A validity mask as Arrow's null buffer, none when every row has a value.
fn nulls(valid: Vec<bool>) -> Option<NullBuffer> {
    (!valid.iter().all(|&v| v)).then(|| NullBuffer::from(valid))
}
