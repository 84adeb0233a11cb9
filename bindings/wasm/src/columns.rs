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
