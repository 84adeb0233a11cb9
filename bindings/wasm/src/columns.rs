//! JS columns → the core's input columns: typed arrays as numbers, arrays cell by cell.
//! Conversion only; what a number means is the core's (`ColumnIn`).

use crate::fail;
use appraisal::fast::{CellIn, ColumnIn};
use appraisal::Issue;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn bad(path: &str, message: &str) -> JsValue {
    fail(message.to_string(), vec![Issue::new(appraisal::ErrorCode::InvalidType, path, message)])
}

thread_local! {
    /// An array of strings (null and undefined empty) as one text and each cell's length in
    /// UTF-16 units (`NULL_CELL` for an empty cell), else null: one crossing for the whole column instead of one per cell. Text
    /// with a lone surrogate (which no UTF-8 string holds) is left to the cell-by-cell reader.
    static TEXT_COLUMN: js_sys::Function = js_sys::Function::new_with_args(
        "a",
        "if (!Array.isArray(a)) return null; const n = a.length; \
         const units = new Uint32Array(n); \
         for (let i = 0; i < n; i++) { const x = a[i]; \
           if (typeof x === 'string') units[i] = x.length; \
           else if (x === null || x === undefined) units[i] = 0xFFFFFFFF; else return null; } \
         const text = a.join(''); \
         if (typeof text.isWellFormed === 'function' ? !text.isWellFormed() : /[\\uD800-\\uDFFF]/.test(text)) return null; \
         return [text, units];",
    );
}

/// A JS array of strings as packed text cells, or `None` for any other column (and for text
/// with a lone surrogate: read cell by cell).
fn text_column(v: &JsValue) -> Option<ColumnIn> {
    let got = TEXT_COLUMN.with(|f| f.call1(&JsValue::NULL, v)).ok()?;
    let got: &js_sys::Array = got.dyn_ref()?;
    let text = got.get(0).as_string()?;
    let units = got.get(1).dyn_into::<js_sys::Uint32Array>().ok()?.to_vec();
    let ends = byte_ends(&text, &units)?;
    let valid = units.iter().map(|&u| u != NULL_CELL).collect();
    Some(ColumnIn::Packed { text, ends, valid })
}

/// The length `TEXT_COLUMN` gives an empty (null or undefined) cell: no JS string is that long.
const NULL_CELL: u32 = u32::MAX;

/// Each cell's end in `text` (UTF-8 bytes) from the cells' lengths in UTF-16 units (an empty
/// cell's `NULL_CELL` counts as 0); `None` when they do not add up to the text.
fn byte_ends(text: &str, units: &[u32]) -> Option<Vec<usize>> {
    let mut ends = Vec::with_capacity(units.len());
    if text.is_ascii() {
        // One byte per unit.
        let mut end = 0usize;
        for &u in units {
            end = end.checked_add(if u == NULL_CELL { 0 } else { u as usize })?;
            ends.push(end);
        }
        return (end == text.len()).then_some(ends);
    }
    let mut chars = text.char_indices();
    let mut at = 0usize;
    for &u in units {
        let mut left = if u == NULL_CELL { 0 } else { u as usize };
        while left > 0 {
            let (i, c) = chars.next()?;
            left = left.checked_sub(c.len_utf16())?;
            at = i.checked_add(c.len_utf8())?;
        }
        ends.push(at);
    }
    chars.next().is_none().then_some(ends)
}

/// The typed result table for a page: the frame's [`appraisal::fast::TypedColumn`]s as typed
/// arrays (numbers: integer mantissas at the column's scale in a `Float64Array`, exact below
/// 2^53, else the exact texts; text: labels and `Int32Array` codes).
pub(crate) fn typed(scheme: &appraisal::Scheme, frame: &appraisal::fast::Frame) -> Result<JsValue, JsValue> {
    use appraisal::fast::TypedColumn;
    let set = |o: &js_sys::Object, k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), v);
    };
    let cols = frame.typed_columns(scheme).map_err(|e| fail(e.message.clone(), vec![e]))?;
    let out = js_sys::Object::new();
    let columns = js_sys::Object::new();
    for (name, col) in cols {
        let c = js_sys::Object::new();
        match col {
            TypedColumn::Decimal { scale, mantissa, valid } => {
                set(&c, "scale", &JsValue::from(scale));
                let exact = mantissa.iter().all(|m| m.unsigned_abs() <= 1 << 53);
                if exact {
                    // float-ok: integers below 2^53, exact as doubles
                    let f: Vec<f64> = mantissa.iter().map(|&m| m as i64 as f64).collect();
                    set(&c, "mantissa", &js_sys::Float64Array::from(f.as_slice()).into());
                } else {
                    let text: js_sys::Array = mantissa
                        .iter()
                        .zip(&valid)
                        .map(|(&m, &v)| {
                            if v {
                                appraisal::Decimal::try_from_i128_with_scale(m, scale)
                                    .map_or(JsValue::NULL, |d| JsValue::from_str(&d.to_string()))
                            } else {
                                JsValue::NULL
                            }
                        })
                        .collect();
                    set(&c, "text", &text.into());
                }
                let v: Vec<u8> = valid.iter().map(|&b| u8::from(b)).collect();
                set(&c, "valid", &js_sys::Uint8Array::from(v.as_slice()).into());
            }
            TypedColumn::Coded { labels, codes } => {
                let l: js_sys::Array = labels.iter().map(|t| JsValue::from_str(t)).collect();
                set(&c, "labels", &l.into());
                set(&c, "codes", &js_sys::Int32Array::from(codes.as_slice()).into());
            }
        }
        set(&columns, &name, &c.into());
    }
    let header: js_sys::Array =
        appraisal::score::columns::header(scheme).iter().map(|h| JsValue::from_str(h)).collect();
    set(&out, "header", &header.into());
    set(&out, "rows", &JsValue::from(frame.len() as u32));
    set(&out, "columns", &columns.into());
    let grades = serde_json::to_string(&frame.grade_counts(scheme)).unwrap_or_else(|_| "null".into());
    set(&out, "grades", &js_sys::JSON::parse(&grades).unwrap_or(JsValue::NULL));
    Ok(out.into())
}

/// One JS value as a cell.
fn cell(v: &JsValue) -> CellIn {
    if v.is_null() || v.is_undefined() {
        CellIn::Null
    } else if let Some(s) = v.as_string() {
        CellIn::Text(s)
    } else if let Some(x) = v.as_f64() {
        CellIn::Float(x)
    } else if let Some(b) = v.as_bool() {
        CellIn::Bool(b)
    } else {
        CellIn::Text(js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()).unwrap_or_default())
    }
}

/// An object of named columns → names and columns, in the object's key order.
pub(crate) fn read(columns: &JsValue) -> Result<(Vec<String>, Vec<ColumnIn>), JsValue> {
    if !columns.is_object() || js_sys::Array::is_array(columns) {
        return Err(bad("", "scoreColumns takes an object of named columns"));
    }
    let mut names = Vec::new();
    let mut cols = Vec::new();
    for entry in js_sys::Object::entries(columns.unchecked_ref()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let name = pair.get(0).as_string().unwrap_or_default();
        let v = pair.get(1);
        let big = v.dyn_ref::<js_sys::BigInt64Array>().is_some() || v.dyn_ref::<js_sys::BigUint64Array>().is_some();
        let col = if let Some(a) = v.dyn_ref::<js_sys::Float64Array>() {
            ColumnIn::Float(a.to_vec())
        } else if js_sys::ArrayBuffer::is_view(&v) && v.dyn_ref::<js_sys::DataView>().is_none() && !big {
            // Any other numeric typed array, its numbers as JS reads them.
            ColumnIn::Float(js_sys::Float64Array::new(&v).to_vec())
        } else if let Some(texts) = text_column(&v) {
            texts
        } else if js_sys::Array::is_array(&v) {
            let a: js_sys::Array = v.unchecked_into();
            let cells: Vec<CellIn> = a.iter().map(|x| cell(&x)).collect();
            if cells.iter().all(|c| matches!(c, CellIn::Text(_) | CellIn::Null)) {
                ColumnIn::Text(
                    cells
                        .into_iter()
                        .map(|c| match c {
                            CellIn::Text(s) => Some(s),
                            _ => None,
                        })
                        .collect(),
                )
            } else {
                ColumnIn::Cells(cells)
            }
        } else {
            return Err(bad(&name, "a column is an array or a typed array"));
        };
        names.push(name);
        cols.push(col);
    }
    Ok((names, cols))
}

#[cfg(test)]
mod tests {
    use super::byte_ends;

    #[test]
    fn utf16_lengths_become_byte_ends() {
        // ASCII: one byte per unit; an empty cell ends where the last one did.
        assert_eq!(byte_ends("abc", &[1, 0, 2]), Some(vec![1, 1, 3]));
        assert_eq!(byte_ends("ab", &[1, super::NULL_CELL, 1]), Some(vec![1, 1, 2]));
        assert_eq!(byte_ends("张", &[super::NULL_CELL, 1]), Some(vec![0, 3]));
        // "a", "😀" (2 units, 4 bytes), "bé" (2 units, 3 bytes), "张" (1 unit, 3 bytes).
        assert_eq!(byte_ends("a😀bé张", &[1, 2, 2, 1]), Some(vec![1, 5, 8, 11]));
        // Lengths that do not add up to the text, or split a pair, are refused.
        assert_eq!(byte_ends("abc", &[5]), None);
        assert_eq!(byte_ends("abc", &[1]), None);
        assert_eq!(byte_ends("😀", &[1, 1]), None);
    }
}
