//! Python objects ↔ JSON values, numbers exact (Decimal, int, float through its repr).

use crate::*;

/// A decimal or number text as a JSON number when it is one, else as a string (which the core
/// then reports with its path, e.g. `unparsable_number` for "NaN").
pub(crate) fn number_text(text: String) -> Value {
    match serde_json::from_str::<Value>(&text) {
        Ok(v @ Value::Number(_)) => v,
        _ => Value::String(text),
    }
}

pub(crate) static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

thread_local! {
    /// Bytes of JSON a conversion may still produce (a record: the 1 MiB record limit, checked
    /// while converting, so a 43 MB dict costs 1 MiB of work, not 43 MB).
    static BUDGET: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
    static OVER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Spends `n` bytes of the conversion budget; an error once it is gone.
fn spend(n: usize) -> PyResult<()> {
    let left = BUDGET.with(std::cell::Cell::get);
    if n > left {
        OVER.with(|o| o.set(true));
        return Err(PyValueError::new_err("record over the size limit"));
    }
    BUDGET.with(|b| b.set(left.saturating_sub(n)));
    Ok(())
}

/// A record (a dict) to JSON with the record size limit enforced while converting:
/// `Ok(Err(issue))` (code `limit_exceeded`) for a record over it.
pub(crate) fn record_to_json(obj: &Bound<'_, PyAny>) -> PyResult<Result<Value, Issue>> {
    BUDGET.with(|b| b.set(appraisal::number::limits::RECORD_BYTES));
    OVER.with(|o| o.set(false));
    let v = to_json(obj, 0);
    BUDGET.with(|b| b.set(usize::MAX));
    if OVER.with(std::cell::Cell::get) {
        OVER.with(|o| o.set(false));
        return Ok(Err(Issue::new(
            appraisal::ErrorCode::LimitExceeded,
            "",
            format!("a record may have at most {} bytes of JSON", appraisal::number::limits::RECORD_BYTES),
        )));
    }
    v.map(Ok)
}

/// Python object → JSON value, numbers exact. The common exact types are tested first.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > 64 {
        return Err(PyValueError::new_err("input nested too deeply"));
    }
    spend(2)?;
    if let Ok(s) = obj.cast_exact::<PyString>() {
        let t = s.to_str()?;
        spend(t.len())?;
        return Ok(Value::String(t.to_owned()));
    }
    if let Ok(d) = obj.cast_exact::<PyDict>() {
        return dict_to_json(d, depth);
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_exact_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.is_truthy()?));
    }
    if obj.is_exact_instance_of::<PyInt>() {
        return Ok(match obj.extract::<i64>() {
            Ok(i) => Value::from(i),
            Err(_) => number_text(obj.str()?.to_string()),
        });
    }
    if obj.is_exact_instance_of::<PyFloat>() {
        return Ok(number_text(obj.repr()?.to_string()));
    }
    if let Ok(l) = obj.cast_exact::<PyList>() {
        return l.iter().map(|x| to_json(&x, depth + 1)).collect::<PyResult<Vec<_>>>().map(Value::Array);
    }
    let py = obj.py();
    if obj.is_instance(DECIMAL.import(py, "decimal", "Decimal")?)? {
        return Ok(number_text(obj.str()?.to_string()));
    }
    // Subclasses and the rarer shapes.
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.is_truthy()?));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(number_text(obj.call_method0("__index__")?.str()?.to_string()));
    }
    if obj.is_instance_of::<PyFloat>() {
        // numpy.float64 and other float subclasses: the shortest text of the float value
        let f = PyFloat::new(py, obj.extract::<f64>()?); // float-ok: only to take Python's repr
        return Ok(number_text(f.repr()?.to_string()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return dict_to_json(d, depth);
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l.iter().map(|x| to_json(&x, depth + 1)).collect::<PyResult<Vec<_>>>().map(Value::Array);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t.iter().map(|x| to_json(&x, depth + 1)).collect::<PyResult<Vec<_>>>().map(Value::Array);
    }
    // numpy integers and other integral scalars
    if obj.hasattr("__index__")? {
        return Ok(number_text(obj.call_method0("__index__")?.str()?.to_string()));
    }
    // Mappings (dict-like objects)
    if obj.hasattr("items")? && obj.hasattr("keys")? {
        let d = PyDict::new(py);
        for item in obj.call_method0("items")?.try_iter()? {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
            d.set_item(k, v)?;
        }
        return dict_to_json(&d, depth);
    }
    // Anything else becomes its text, and the core says what is wrong with it, with its path.
    Ok(Value::String(obj.str()?.to_string()))
}

pub(crate) fn dict_to_json(d: &Bound<'_, PyDict>, depth: usize) -> PyResult<Value> {
    let mut m = Map::with_capacity(d.len());
    for (k, v) in d.iter() {
        let key = match k.cast::<PyString>() {
            Ok(s) => s.to_str()?.to_owned(),
            Err(_) => k.str()?.to_string(),
        };
        spend(key.len().saturating_add(3))?;
        m.insert(key, to_json(&v, depth + 1)?);
    }
    Ok(Value::Object(m))
}

/// JSON value → plain Python objects (strings stay strings, as in the Rust JSON).
pub(crate) fn to_py(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any().unbind(),
        Value::Number(n) => {
            let t = n.to_string();
            match t.parse::<i64>() {
                Ok(i) => i.into_pyobject(py)?.into_any().unbind(),
                Err(_) => py.import("decimal")?.getattr("Decimal")?.call1((t,))?.unbind(),
            }
        }
        Value::String(s) => PyString::new(py, s).into_any().unbind(),
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(to_py(py, x)?)?;
            }
            l.into_any().unbind()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, to_py(py, x)?)?;
            }
            d.into_any().unbind()
        }
    })
}

pub(crate) fn source_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_string());
    }
    if let Ok(b) = obj.extract::<Vec<u8>>() {
        return String::from_utf8(b).map_err(|e| PyValueError::new_err(format!("scheme bytes are not UTF-8: {e}")));
    }
    Err(PyTypeError::new_err("expected str or bytes"))
}
