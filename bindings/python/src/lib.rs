//! Python binding: conversions between Python objects and the core's JSON shapes, and the
//! exception hierarchy. No scoring logic lives here; every call delegates to `appraisal`.
//!
//! Numbers cross the boundary as text: `decimal.Decimal` and `int` through `str`, `float`
//! through `repr` (its shortest round-trip text, never its binary value), so the core sees
//! exactly what the analyst sees.

use appraisal::{BatchEntry, Issue, Scheme, Scorecard};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

pyo3::create_exception!(
    appraisal,
    AppraisalError,
    PyValueError,
    "Base of every appraisal error; `.errors` lists {code, path, message}."
);
pyo3::create_exception!(
    appraisal,
    SchemeError,
    AppraisalError,
    "A scheme was rejected; `.errors` lists every problem."
);
pyo3::create_exception!(
    appraisal,
    RecordError,
    AppraisalError,
    "A record could not be scored; `.errors` lists every problem."
);

fn issues_to_py(py: Python<'_>, issues: &[Issue]) -> PyResult<Py<PyAny>> {
    let list = PyList::empty(py);
    for i in issues {
        let d = PyDict::new(py);
        d.set_item("code", i.code.as_str())?;
        d.set_item("path", &i.path)?;
        d.set_item("message", &i.message)?;
        list.append(d)?;
    }
    Ok(list.into_any().unbind())
}

/// Builds an exception of type `E` carrying `.errors`.
fn raise<E: pyo3::PyTypeInfo>(py: Python<'_>, message: String, issues: &[Issue]) -> PyErr {
    let err = PyErr::from_type(py.get_type::<E>(), (message,));
    if let Ok(list) = issues_to_py(py, issues) {
        let _ = err.value(py).setattr("errors", list);
    }
    err
}

fn scheme_error(py: Python<'_>, e: appraisal::SchemeError) -> PyErr {
    raise::<SchemeError>(py, e.to_string(), &e.issues)
}

fn record_error(py: Python<'_>, e: appraisal::RecordError) -> PyErr {
    raise::<RecordError>(py, e.to_string(), &e.issues)
}

/// Runs `f`, turning a Rust panic into `AppraisalError` instead of aborting the interpreter.
fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(raise::<AppraisalError>(py, format!("internal error (please report): {what}"), &[]))
        }
    }
}

/// A decimal or number text as a JSON number when it is one, else as a string (which the core
/// then reports with its path, e.g. `unparsable_number` for "NaN").
fn number_text(text: String) -> Value {
    match serde_json::from_str::<Value>(&text) {
        Ok(v @ Value::Number(_)) => v,
        _ => Value::String(text),
    }
}

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Python object → JSON value, numbers exact. The common exact types are tested first.
fn to_json(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > 64 {
        return Err(PyValueError::new_err("input nested too deeply"));
    }
    if let Ok(s) = obj.cast_exact::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
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

fn dict_to_json(d: &Bound<'_, PyDict>, depth: usize) -> PyResult<Value> {
    let mut m = Map::with_capacity(d.len());
    for (k, v) in d.iter() {
        let key = match k.cast::<PyString>() {
            Ok(s) => s.to_str()?.to_owned(),
            Err(_) => k.str()?.to_string(),
        };
        m.insert(key, to_json(&v, depth + 1)?);
    }
    Ok(Value::Object(m))
}

/// JSON value → plain Python objects (strings stay strings, as in the Rust JSON).
fn to_py(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
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

fn source_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_string());
    }
    if let Ok(b) = obj.extract::<Vec<u8>>() {
        return String::from_utf8(b).map_err(|e| PyValueError::new_err(format!("scheme bytes are not UTF-8: {e}")));
    }
    Err(PyTypeError::new_err("expected str or bytes"))
}

/// A validated appraisal scheme (考核方案). Immutable; thread-safe.
#[pyclass(module = "appraisal", frozen, name = "Scheme")]
struct PyScheme {
    inner: Arc<Scheme>,
}

#[pymethods]
impl PyScheme {
    /// Parses and validates scheme JSON (str or bytes). Raises SchemeError listing every problem.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = source_text(text)?;
        guard(py, || Scheme::from_json(&text).map(|s| Self { inner: Arc::new(s) }).map_err(|e| scheme_error(py, e)))
    }

    /// Reads and validates a scheme file.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let p: std::path::PathBuf = path.extract()?;
        std::fs::metadata(&p)
            .map_err(|e| pyo3::exceptions::PyOSError::new_err(format!("cannot read {}: {e}", p.display())))?;
        // Read with the scheme size cap: /dev/zero or a huge file stops at 4 MiB.
        let text =
            appraisal::ingest::read_scheme_file(&p).map_err(|e| raise::<SchemeError>(py, e.message.clone(), &[e]))?;
        guard(py, || Scheme::from_json(&text).map(|s| Self { inner: Arc::new(s) }).map_err(|e| scheme_error(py, e)))
    }

    /// Builds a scheme from a dict in the SPEC JSON shape (decimals as Decimal, int, str or float).
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let v = to_json(data, 0)?;
        guard(py, || Scheme::from_value(&v).map(|s| Self { inner: Arc::new(s) }).map_err(|e| scheme_error(py, e)))
    }

    /// A built-in scheme: "csr", "tech_support" or "account_manager".
    #[staticmethod]
    fn builtin(py: Python<'_>, role: &str) -> PyResult<Self> {
        guard(py, || match appraisal::builtin_scheme(role) {
            Ok(s) => Ok(Self { inner: Arc::new(s) }),
            Err(e) => Err(raise::<SchemeError>(py, e.to_string(), &e.issues())),
        })
    }

    /// Names of the built-in schemes.
    #[staticmethod]
    fn builtin_names() -> Vec<&'static str> {
        appraisal::builtin_names().to_vec()
    }

    /// Checks a scheme (str, bytes or dict) without raising: the list of problems, empty if valid.
    #[staticmethod]
    fn validate(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let result = if source.is_instance_of::<PyDict>() {
            let v = to_json(source, 0)?;
            guard(py, || Ok(Scheme::from_value(&v)))?
        } else {
            let text = source_text(source)?;
            guard(py, || Ok(Scheme::from_json(&text)))?
        };
        match result {
            Ok(_) => issues_to_py(py, &[]),
            Err(e) => issues_to_py(py, &e.issues),
        }
    }

    /// Scheme id.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }
    /// Scheme version.
    #[getter]
    fn version(&self) -> &str {
        self.inner.version()
    }
    /// "sha256:" digest of the canonical scheme (identical in every runtime).
    #[getter]
    fn digest(&self) -> &str {
        self.inner.digest()
    }
    /// Name in a language ("en" or "zh").
    #[pyo3(signature = (lang = "en"))]
    fn name(&self, lang: &str) -> String {
        self.inner.def().name.get(lang).to_string()
    }
    /// Categories: list of dicts {id, name, weight, indicators}.
    #[getter]
    fn categories(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &self.inner.to_value()["categories"])
    }
    /// Indicators in scheme order: list of dicts, each with its "category".
    #[getter]
    fn indicators(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let v = self.inner.to_value();
        let mut out = Vec::new();
        for c in v["categories"].as_array().into_iter().flatten() {
            for i in c["indicators"].as_array().into_iter().flatten() {
                let mut i = i.clone();
                if let Value::Object(m) = &mut i {
                    m.insert("category".into(), c["id"].clone());
                }
                out.push(i);
            }
        }
        to_py(py, &Value::Array(out))
    }
    /// The canonical JSON text of the scheme.
    fn to_json(&self) -> String {
        self.inner.canonical_json()
    }
    /// The scheme as a dict (SPEC shape, decimals as strings).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &self.inner.to_value())
    }

    /// Scores one record (a dict in the SPEC shape). Raises RecordError with every problem.
    fn score(&self, py: Python<'_>, record: &Bound<'_, PyAny>) -> PyResult<PyScorecard> {
        let v = to_json(record, 0)?;
        let scheme = self.inner.clone();
        guard(py, || match scheme.score_value(&v) {
            Ok(card) => Ok(PyScorecard { inner: card }),
            Err(e) => Err(record_error(py, e)),
        })
    }

    /// Raises `AppraisalError` (path `scheme`) unless `result` was scored with this scheme
    /// (same digest): for results read back with `Scorecard.from_json`.
    fn check_result(&self, py: Python<'_>, result: PyRef<'_, PyScorecard>) -> PyResult<()> {
        self.inner.check_result(&result.inner, "").map_err(|e| raise::<AppraisalError>(py, e.message.clone(), &[e]))
    }

    /// Saved results (JSON array or JSON Lines, as `appraisal score --format json|jsonl` or
    /// `Batch.to_list` write them) read back as a batch; results of another scheme or items
    /// that are not results raise `AppraisalError` listing each one.
    fn read_results(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyBatch> {
        let text = source_text(text)?;
        let (entries, problems) = self.inner.read_results(&text);
        if !problems.is_empty() {
            return Err(raise::<AppraisalError>(py, "some saved results cannot be used".into(), &problems));
        }
        Ok(PyBatch { entries })
    }

    /// Scores many records without stopping at bad ones; releases the GIL while scoring.
    fn score_many(&self, py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<PyBatch> {
        let values: Vec<Value> = records.try_iter()?.map(|r| to_json(&r?, 0)).collect::<PyResult<_>>()?;
        let scheme = self.inner.clone();
        let entries = guard(py, || Ok(py.detach(move || scheme.score_batch(&values))))?;
        Ok(PyBatch { entries })
    }

    /// Scores rows of the wide layout (headers + rows of cell strings); used by score_frame.
    fn _score_wide(&self, py: Python<'_>, headers: Vec<String>, rows: Vec<Vec<String>>) -> PyResult<PyBatch> {
        appraisal::wide::check_header(&headers).map_err(|e| raise::<AppraisalError>(py, "bad columns".into(), &e))?;
        let scheme = self.inner.clone();
        let entries = guard(py, || {
            Ok(py.detach(move || {
                rows.iter()
                    .map(|r| scheme.score_item(&appraisal::wide::record_from_wide(&scheme, &headers, r)))
                    .collect()
            }))
        })?;
        Ok(PyBatch { entries })
    }

    /// Scores rows of the wide layout on the fast exact table path and returns the frame's
    /// columns (a dict of lists, input order; bad rows with status "error"); used by
    /// score_frame. Decimals as `Decimal`, or as strings when `as_str`.
    fn _score_wide_columns(
        &self,
        py: Python<'_>,
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
        as_str: bool,
    ) -> PyResult<Py<PyAny>> {
        appraisal::wide::check_header(&headers).map_err(|e| raise::<AppraisalError>(py, "bad columns".into(), &e))?;
        let scheme = self.inner.clone();
        let (table, scores, bad) = guard(py, || {
            py.detach(move || {
                let mut table = appraisal::fast::Table::new(&scheme);
                let mut bad: Vec<BadRow> = Vec::new();
                for (i, r) in rows.iter().enumerate() {
                    match appraisal::wide::record_from_wide(&scheme, &headers, r) {
                        Ok(v) => {
                            if let Err(e) = table.push(&scheme, &v) {
                                bad.push((i, e, appraisal::identity(&v)));
                            }
                        }
                        Err(issues) => bad.push((i, appraisal::RecordError { issues }, (None, None))),
                    }
                }
                scheme
                    .score_table(&table)
                    .map(|scores| (table, scores, bad))
                    .map_err(|e| PyValueError::new_err(e.to_string()))
            })
        })?;
        let cats: Vec<String> = self.inner.def().categories.iter().map(|c| c.id.clone()).collect();
        let num = |d: Option<Decimal>| -> PyResult<Py<PyAny>> {
            match (d, as_str) {
                (Some(d), true) => Ok(d.to_string().into_pyobject(py)?.into_any().unbind()),
                (d, _) => dec(py, d),
            }
        };
        let names = ["employee", "period", "status", "coverage"];
        let mut cols: Vec<(String, Vec<Py<PyAny>>)> = names.iter().map(|n| (n.to_string(), Vec::new())).collect();
        cols.extend(cats.iter().map(|c| (c.clone(), Vec::new())));
        for n in ["base", "adjustment_total", "total", "natural_grade", "grade", "vetoes", "errors"] {
            cols.push((n.to_string(), Vec::new()));
        }
        let text = |s: &str| -> PyResult<Py<PyAny>> { Ok(s.into_pyobject(py)?.into_any().unbind()) };
        let opt_text = |s: Option<&str>| -> PyResult<Py<PyAny>> { s.map_or(Ok(py.None()), text) };
        let n = table.len() + bad.len();
        let (mut row, mut next_bad) = (0usize, 0usize);
        let errors_text = |e: &appraisal::RecordError| {
            e.issues.iter().map(|x| format!("{} at {}", x.code.as_str(), x.path)).collect::<Vec<_>>().join("; ")
        };
        for i in 0..n {
            let mut vals: Vec<Py<PyAny>> = Vec::with_capacity(cols.len());
            if bad.get(next_bad).is_some_and(|b| b.0 == i) {
                let (_, e, (emp, per)) = &bad[next_bad];
                next_bad += 1;
                vals.push(opt_text(emp.as_deref())?);
                vals.push(opt_text(per.as_deref())?);
                vals.push(text("error")?);
                vals.extend((0..cols.len() - 4).map(|_| py.None()));
                vals.push(text(&errors_text(e))?);
            } else {
                let r = row;
                row += 1;
                vals.push(opt_text(table.employee(r))?);
                vals.push(opt_text(table.period(r))?);
                if let Some(e) = scores.error(r) {
                    vals.push(text("error")?);
                    vals.extend((0..cols.len() - 4).map(|_| py.None()));
                    vals.push(text(&errors_text(e))?);
                } else {
                    let status = match scores.status(r) {
                        Some(appraisal::Status::Complete) => "complete",
                        _ => "incomplete",
                    };
                    vals.push(text(status)?);
                    vals.push(num(scores.coverage(r))?);
                    for c in 0..cats.len() {
                        vals.push(num(scores.category(r, c).and_then(|x| x.1))?);
                    }
                    vals.push(num(scores.base(r))?);
                    vals.push(num(scores.adjustment_total(r))?);
                    vals.push(num(scores.total(r))?);
                    vals.push(opt_text(scores.natural_grade(r))?);
                    vals.push(opt_text(scores.grade(r))?);
                    vals.push(text(&scores.vetoes(r).join(";"))?);
                    vals.push(py.None());
                }
            }
            for (c, v) in cols.iter_mut().zip(vals) {
                c.1.push(v);
            }
        }
        let d = PyDict::new(py);
        for (k, v) in cols {
            d.set_item(k, PyList::new(py, v)?)?;
        }
        Ok(d.into_any().unbind())
    }

    /// Scores a pandas or polars DataFrame in the wide layout (one row per employee-period, one
    /// column per indicator, optional `samples.<id>`, `events.<event>`, `ratings.<id>` columns)
    /// and returns a DataFrame of the same library: employee, period, status, coverage, one
    /// column per category, base, adjustment_total, total, natural_grade, grade, vetoes,
    /// errors. Decimals as `decimal.Decimal`, or as strings with `decimals="str"`.
    #[pyo3(signature = (df, decimals = "decimal"))]
    fn score_frame<'py>(slf: &Bound<'py, Self>, df: &Bound<'py, PyAny>, decimals: &str) -> PyResult<Bound<'py, PyAny>> {
        let frame = slf.py().import("appraisal._frame")?;
        frame.call_method1("score_frame", (slf, df, decimals))
    }

    /// For one record, the smallest change of each indicator that reaches `target` (default:
    /// the next better grade), every answer scored forward. Returns a dict.
    #[pyo3(signature = (record, target = None))]
    fn whatif(&self, py: Python<'_>, record: &Bound<'_, PyAny>, target: Option<&str>) -> PyResult<Py<PyAny>> {
        let v = to_json(record, 0)?;
        let w = guard(py, || self.inner.whatif(&v, target).map_err(|e| record_error(py, e)))?;
        to_py(py, &serde_json::to_value(&w).unwrap_or(Value::Null))
    }

    /// Rolls sub-period scorecards (oldest first) up into one result: equal weights unless
    /// `weights` is given; fewer than `min_periods` complete (default: all) is incomplete.
    #[pyo3(signature = (employee, period, results, weights = None, min_periods = None))]
    fn rollup(
        &self,
        py: Python<'_>,
        employee: &str,
        period: &str,
        results: Vec<PyRef<'_, PyScorecard>>,
        weights: Option<Vec<Bound<'_, PyAny>>>,
        min_periods: Option<usize>,
    ) -> PyResult<Py<PyAny>> {
        let cards: Vec<Scorecard> = results.iter().map(|c| c.inner.clone()).collect();
        let weights: Option<Vec<Decimal>> = match weights {
            None => None,
            Some(ws) => Some(ws.iter().map(|w| py_decimal(py, w, "weights")).collect::<PyResult<_>>()?),
        };
        let n = min_periods.unwrap_or(cards.len());
        let r = guard(py, || {
            // Checked: every result this employee's, this scheme's, each period once.
            self.inner
                .rollup_cards(employee, period, &cards, weights.as_deref(), n)
                .map_err(|e| raise::<AppraisalError>(py, "invalid roll-up".into(), &e))
        })?;
        to_py(py, &serde_json::to_value(&r).unwrap_or(Value::Null))
    }

    /// The wide-layout header for this scheme (identity, indicators, samples, events).
    fn wide_header(&self) -> Vec<String> {
        appraisal::wide::wide_header(&self.inner)
    }

    /// Scores one record and explains every step in "en" or "zh".
    #[pyo3(signature = (record, lang = "en"))]
    fn explain(&self, py: Python<'_>, record: &Bound<'_, PyAny>, lang: &str) -> PyResult<String> {
        let v = to_json(record, 0)?;
        guard(py, || appraisal::explain(&self.inner, &v, lang).map(|(_, t)| t).map_err(|e| record_error(py, e)))
    }

    fn __repr__(&self) -> String {
        format!("Scheme(id={:?}, version={:?})", self.inner.id(), self.inner.version())
    }
}

/// A record the table path rejected: its input index, errors and (employee, period).
type BadRow = (usize, appraisal::RecordError, (Option<String>, Option<String>));

fn dec(py: Python<'_>, d: Option<Decimal>) -> PyResult<Py<PyAny>> {
    match d {
        Some(d) => Ok(d.into_pyobject(py)?.into_any().unbind()),
        None => Ok(py.None()),
    }
}

/// The scorecard of one record (SPEC Appendix result).
#[pyclass(module = "appraisal", frozen, name = "Scorecard")]
struct PyScorecard {
    inner: Scorecard,
}

impl PyScorecard {
    fn value(&self) -> Value {
        serde_json::to_value(&self.inner).unwrap_or(Value::Null)
    }
}

#[pymethods]
impl PyScorecard {
    /// A saved scorecard (JSON text as `to_json` writes it, e.g. from a database) read back,
    /// so that distribution, roll-ups and the rules run on results scored earlier.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = source_text(text)?;
        appraisal::stored::scorecard_from_json(&text)
            .map(|inner| Self { inner })
            .map_err(|e| raise::<AppraisalError>(py, e.message.clone(), &[e]))
    }

    /// A saved scorecard from a dict in the same shape (`to_dict`).
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let v = to_json(data, 0)?;
        appraisal::stored::scorecard_from_value(&v, "")
            .map(|inner| Self { inner })
            .map_err(|e| raise::<AppraisalError>(py, e.message.clone(), &[e]))
    }

    #[getter]
    fn employee(&self) -> &str {
        &self.inner.employee
    }
    #[getter]
    fn period(&self) -> &str {
        &self.inner.period
    }
    /// "complete" or "incomplete".
    #[getter]
    fn status(&self) -> &'static str {
        match self.inner.status {
            appraisal::Status::Complete => "complete",
            appraisal::Status::Incomplete => "incomplete",
        }
    }
    /// Coverage in percent (Decimal).
    #[getter]
    fn coverage(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        dec(py, Some(self.inner.coverage))
    }
    /// Base score (Decimal) or None.
    #[getter]
    fn base(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        dec(py, self.inner.base)
    }
    /// Sum of adjustments after limits (Decimal).
    #[getter]
    fn adjustment_total(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        dec(py, Some(self.inner.adjustment_total))
    }
    /// Total (Decimal) or None.
    #[getter]
    fn total(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        dec(py, self.inner.total)
    }
    #[getter]
    fn grade(&self) -> Option<&str> {
        self.inner.grade.as_deref()
    }
    #[getter]
    fn natural_grade(&self) -> Option<&str> {
        self.inner.natural_grade.as_deref()
    }
    /// Fired veto ids.
    #[getter]
    fn vetoes(&self) -> Vec<String> {
        self.inner.vetoes.clone()
    }
    /// {"id", "version", "digest"} of the scheme used.
    #[getter]
    fn scheme(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &self.value()["scheme"])
    }
    /// Category results: dicts {id, status, score (Decimal or None)}.
    #[getter]
    fn categories(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let list = PyList::empty(py);
        for c in &self.inner.categories {
            let d = PyDict::new(py);
            d.set_item("id", &c.id)?;
            d.set_item("status", to_py(py, &serde_json::to_value(c.status).unwrap_or(Value::Null))?)?;
            d.set_item("score", dec(py, c.score)?)?;
            list.append(d)?;
        }
        Ok(list.into_any().unbind())
    }
    /// Indicator results: dicts {id, category, status, reason, score (Decimal or None), step}.
    #[getter]
    fn indicators(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let list = PyList::empty(py);
        for i in &self.inner.indicators {
            let d = PyDict::new(py);
            d.set_item("id", &i.id)?;
            d.set_item("category", &i.category)?;
            d.set_item("status", to_py(py, &serde_json::to_value(i.status).unwrap_or(Value::Null))?)?;
            d.set_item("reason", i.reason.map(|r| r.as_str()))?;
            d.set_item("score", dec(py, i.score)?)?;
            d.set_item("step", i.step.as_deref())?;
            list.append(d)?;
        }
        Ok(list.into_any().unbind())
    }
    /// Adjustment results: dicts {id, units, points (Decimal)}.
    #[getter]
    fn adjustments(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let list = PyList::empty(py);
        for a in &self.inner.adjustments {
            let d = PyDict::new(py);
            d.set_item("id", &a.id)?;
            d.set_item("units", a.units)?;
            d.set_item("points", dec(py, Some(a.points))?)?;
            list.append(d)?;
        }
        Ok(list.into_any().unbind())
    }
    /// The result as the Rust JSON shape (decimals as strings).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &self.value())
    }
    /// The result as compact JSON text, byte-identical to the Rust core's.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    fn __repr__(&self) -> String {
        format!(
            "Scorecard(employee={:?}, period={:?}, total={}, grade={})",
            self.inner.employee,
            self.inner.period,
            self.inner.total.map_or("None".into(), |t| format!("Decimal('{t}')")),
            self.inner.grade.as_ref().map_or("None".into(), |g| format!("{g:?}"))
        )
    }
}

/// The results of a batch: one entry per input record, in input order.
#[pyclass(module = "appraisal", frozen, name = "Batch")]
struct PyBatch {
    entries: Vec<BatchEntry>,
}

#[pymethods]
impl PyBatch {
    /// Scorecard per record index, None where the record had errors.
    #[getter]
    fn results(&self) -> Vec<Option<PyScorecard>> {
        self.entries.iter().map(|e| e.as_ref().ok().map(|c| PyScorecard { inner: c.clone() })).collect()
    }
    /// {record index: [ {code, path, message}, ... ]} for the records that had errors.
    #[getter]
    fn errors(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let d = PyDict::new(py);
        for (i, e) in self.entries.iter().enumerate() {
            if let Err(f) = e {
                d.set_item(i, issues_to_py(py, &f.errors)?)?;
            }
        }
        Ok(d.into_any().unbind())
    }
    /// Number of records scored without errors.
    #[getter]
    fn ok_count(&self) -> usize {
        self.entries.iter().filter(|e| e.is_ok()).count()
    }
    fn __len__(&self) -> usize {
        self.entries.len()
    }
    /// Every entry in the Rust JSON shape (a result, or {employee, period, errors}).
    fn to_list(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let v = Value::Array(self.entries.iter().map(appraisal::entry_to_value).collect());
        to_py(py, &v)
    }
    /// Entry `i` as compact JSON text, byte-identical to the Rust core's.
    fn entry_json(&self, i: usize) -> PyResult<String> {
        self.entries
            .get(i)
            .map(appraisal::entry_to_json)
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("entry index out of range"))
    }
    fn __repr__(&self) -> String {
        format!("Batch({} records, {} with errors)", self.entries.len(), self.entries.len() - self.ok_count())
    }
}

/// A decimal argument (Decimal, int, str, or float through repr).
fn py_decimal(py: Python<'_>, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Decimal> {
    let text = match to_json(obj, 0)? {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s,
        other => other.to_string(),
    };
    appraisal::number::parse_decimal(&text).map_err(|e| {
        raise::<AppraisalError>(
            py,
            format!("{what}: {text}: {}", e.describe()),
            &[Issue::new(appraisal::ErrorCode::UnparsableNumber, what, e.describe())],
        )
    })
}

/// Splits a bonus pool in proportion to the weights: parts rounded down to `money_dp`, the
/// leftover smallest units to the largest remainders; the parts sum to the pool exactly.
#[pyfunction]
#[pyo3(signature = (pool, weights, money_dp = 2))]
fn split_pool(
    py: Python<'_>,
    pool: &Bound<'_, PyAny>,
    weights: Vec<Bound<'_, PyAny>>,
    money_dp: u32,
) -> PyResult<Vec<Decimal>> {
    let pool = py_decimal(py, pool, "pool")?;
    let ws: Vec<Decimal> = weights.iter().map(|w| py_decimal(py, w, "weights")).collect::<PyResult<_>>()?;
    guard(py, || {
        appraisal::pay::split_pool(pool, &ws, money_dp)
            .map_err(|e| raise::<AppraisalError>(py, "invalid pool split".into(), &e))
    })
}

/// bonus = round(base × coefficient × months_served / months_in_period) at `money_dp`.
#[pyfunction]
#[pyo3(signature = (base, coefficient, months_served, months_in_period, money_dp = 2, mode = "half_up"))]
fn bonus(
    py: Python<'_>,
    base: &Bound<'_, PyAny>,
    coefficient: &Bound<'_, PyAny>,
    months_served: &Bound<'_, PyAny>,
    months_in_period: &Bound<'_, PyAny>,
    money_dp: u32,
    mode: &str,
) -> PyResult<Decimal> {
    let mode = appraisal::RoundingMode::parse(mode)
        .ok_or_else(|| PyValueError::new_err("mode is half_up, half_even or down"))?;
    let (b, c, s, m) = (
        py_decimal(py, base, "base")?,
        py_decimal(py, coefficient, "coefficient")?,
        py_decimal(py, months_served, "months_served")?,
        py_decimal(py, months_in_period, "months_in_period")?,
    );
    guard(py, || {
        appraisal::pay::bonus(b, c, s, m, money_dp, mode)
            .map_err(|e| raise::<AppraisalError>(py, e.message.clone(), &[e]))
    })
}

/// Forced distribution of scorecards under a configuration (dict or JSON text, SPEC shape).
#[pyfunction]
fn distribute(py: Python<'_>, config: &Bound<'_, PyAny>, results: Vec<PyRef<'_, PyScorecard>>) -> PyResult<Py<PyAny>> {
    let v = if config.is_instance_of::<PyDict>() {
        to_json(config, 0)?
    } else {
        appraisal::ingest::parse_json(&source_text(config)?)
            .map_err(|e| raise::<AppraisalError>(py, e.message.clone(), &[e]))?
    };
    let cards: Vec<Scorecard> = results.iter().map(|c| c.inner.clone()).collect();
    let d = guard(py, || {
        let cfg = appraisal::population::DistributionConfig::from_value(&v).map_err(|e| scheme_error(py, e))?;
        appraisal::population::distribute(&cfg, &cards)
            .map_err(|e| raise::<AppraisalError>(py, "cannot distribute".into(), &e))
    })?;
    to_py(py, &serde_json::to_value(&d).unwrap_or(Value::Null))
}

/// Result-application rules (bonus coefficient, salary adjustment, position, training).
#[pyclass(module = "appraisal", frozen, name = "RuleSet")]
struct PyRuleSet {
    inner: Arc<appraisal::apply::RuleSet>,
}

#[pymethods]
impl PyRuleSet {
    /// The built-in rules that follow the handbook (chapter 5).
    #[staticmethod]
    fn builtin(py: Python<'_>) -> PyResult<Self> {
        guard(py, || {
            appraisal::builtin_rules()
                .map(|r| Self { inner: Arc::new(r) })
                .map_err(|e| raise::<SchemeError>(py, e.to_string(), &e.issues()))
        })
    }
    /// Parses and validates rule-set JSON; raises SchemeError listing every problem.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = source_text(text)?;
        guard(py, || {
            appraisal::apply::RuleSet::from_json(&text)
                .map(|r| Self { inner: Arc::new(r) })
                .map_err(|e| scheme_error(py, e))
        })
    }
    /// Builds a rule set from a dict in its JSON shape.
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let v = to_json(data, 0)?;
        guard(py, || {
            appraisal::apply::RuleSet::from_value(&v)
                .map(|r| Self { inner: Arc::new(r) })
                .map_err(|e| scheme_error(py, e))
        })
    }
    /// Rule-set id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// Applies the rules to the current scorecard with the employee's earlier ones (oldest
    /// first) and a context (compa_ratio, team_result, base_bonus, months_served, …).
    #[pyo3(signature = (current, earlier = Vec::new(), context = None, lang = "en", money_dp = 2))]
    fn apply(
        &self,
        py: Python<'_>,
        current: PyRef<'_, PyScorecard>,
        earlier: Vec<PyRef<'_, PyScorecard>>,
        context: Option<&Bound<'_, PyDict>>,
        lang: &str,
        money_dp: u32,
    ) -> PyResult<Py<PyAny>> {
        let mut ctx = std::collections::BTreeMap::new();
        if let Some(c) = context {
            for (k, v) in c.iter() {
                let key: String = k.extract()?;
                let d = py_decimal(py, &v, &key)?;
                ctx.insert(key, d);
            }
        }
        let hist: Vec<Scorecard> = earlier.iter().map(|c| c.inner.clone()).collect();
        let a = guard(py, || {
            self.inner
                .apply_checked(&current.inner, &hist, &ctx, money_dp, lang)
                .map_err(|e| raise::<AppraisalError>(py, "the rules cannot be applied".into(), &e))
        })?;
        to_py(py, &serde_json::to_value(&a).unwrap_or(Value::Null))
    }
    fn __repr__(&self) -> String {
        format!("RuleSet(id={:?}, version={:?})", self.inner.id, self.inner.version)
    }
}

fn state_of(s: &str) -> PyResult<appraisal::process::State> {
    s.parse().map_err(|e: Issue| Python::attach(|py| raise::<AppraisalError>(py, e.message.clone(), &[e])))
}

fn role_of(s: &str) -> PyResult<appraisal::process::Role> {
    s.parse().map_err(|e: Issue| Python::attach(|py| raise::<AppraisalError>(py, e.message.clone(), &[e])))
}

/// The appraisal form (handbook appendix A), blank or filled: "html" (printable A4) or "markdown".
#[pyfunction]
#[pyo3(signature = (scheme, scorecard = None, lang = "en", format = "html"))]
fn render_form(
    py: Python<'_>,
    scheme: PyRef<'_, PyScheme>,
    scorecard: Option<PyRef<'_, PyScorecard>>,
    lang: &str,
    format: &str,
) -> PyResult<String> {
    let f = match appraisal::form::FormFormat::parse(format) {
        Some(f) => f,
        None => {
            let other = format;
            let msg = format!("format is \"html\" or \"markdown\", found {other:?}");
            let issue = appraisal::Issue::new(appraisal::ErrorCode::InvalidValue, "format", msg.clone());
            return Err(raise::<AppraisalError>(py, msg, &[issue]));
        }
    };
    Ok(appraisal::form::render_form(&scheme.inner, scorecard.as_ref().map(|c| &c.inner), lang, f))
}

/// What changed between two scheme versions, in plain words: [{kind, path, text}].
#[pyfunction]
#[pyo3(signature = (old, new, lang = "en"))]
fn diff(py: Python<'_>, old: PyRef<'_, PyScheme>, new: PyRef<'_, PyScheme>, lang: &str) -> PyResult<Py<PyAny>> {
    to_py(py, &serde_json::to_value(appraisal::versions::diff(&old.inner, &new.inner, lang)).unwrap_or(Value::Null))
}

/// Per-indicator analytics over scorecards (mean, percentiles, shares, flags).
#[pyfunction]
#[pyo3(signature = (scheme, results, full_threshold = None, na_threshold = None))]
fn indicator_analytics(
    py: Python<'_>,
    scheme: PyRef<'_, PyScheme>,
    results: Vec<PyRef<'_, PyScorecard>>,
    full_threshold: Option<Bound<'_, PyAny>>,
    na_threshold: Option<Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let full = match full_threshold {
        Some(x) => py_decimal(py, &x, "full_threshold")?,
        None => Decimal::from(90),
    };
    let na = match na_threshold {
        Some(x) => py_decimal(py, &x, "na_threshold")?,
        None => Decimal::from(50),
    };
    let cards: Vec<Scorecard> = results.iter().map(|c| c.inner.clone()).collect();
    to_py(
        py,
        &serde_json::to_value(appraisal::analytics::indicator_analytics(&scheme.inner, &cards, full, na))
            .unwrap_or(Value::Null),
    )
}

/// What a viewer may see of a result: the built-in handbook policy unless `policy` (a dict)
/// is given. `ratings` is the record's ratings dict; `comments` a list of {by, text}.
#[pyfunction]
#[pyo3(signature = (scorecard, role, state, ratings = None, comments = None, policy = None))]
fn redact(
    py: Python<'_>,
    scorecard: PyRef<'_, PyScorecard>,
    role: &str,
    state: &str,
    ratings: Option<&Bound<'_, PyAny>>,
    comments: Option<&Bound<'_, PyAny>>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let policy = match policy {
        Some(p) => appraisal::visibility::Policy::from_value(&to_json(p, 0)?).map_err(|e| scheme_error(py, e))?,
        None => appraisal::visibility::Policy::handbook().map_err(|e| scheme_error(py, e))?,
    };
    let ratings = ratings.map(|r| to_json(r, 0)).transpose()?;
    let comments: Vec<appraisal::visibility::Comment> = match comments {
        Some(c) => {
            serde_json::from_value(to_json(c, 0)?).map_err(|e| PyValueError::new_err(format!("comments: {e}")))?
        }
        None => Vec::new(),
    };
    let v = appraisal::visibility::redact(
        &policy,
        role_of(role)?,
        state_of(state)?,
        &scorecard.inner,
        ratings.as_ref(),
        &comments,
    );
    to_py(py, &v)
}

/// One appraisal moving through the process, with its audit log.
#[pyclass(module = "appraisal", name = "Appraisal")]
struct PyAppraisal {
    inner: appraisal::process::Appraisal,
}

fn process_error(py: Python<'_>, e: appraisal::process::ProcessError) -> PyErr {
    let err = raise::<AppraisalError>(py, e.to_string(), &[e.issue()]);
    let _ = err.value(py).setattr("code", e.code());
    err
}

#[pymethods]
impl PyAppraisal {
    /// A new appraisal in "draft" for a scorecard; `appeal_window` in seconds.
    #[new]
    fn new(scorecard: PyRef<'_, PyScorecard>, appeal_window: u64) -> Self {
        Self { inner: appraisal::process::Appraisal::new(scorecard.inner.clone(), appeal_window) }
    }
    /// Current state.
    #[getter]
    fn state(&self) -> String {
        serde_json::to_value(self.inner.state).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }
    /// Moves to `to` as (actor_id, role) at time `at` (seconds; the caller's clock).
    #[pyo3(signature = (to, actor_id, role, at, reason = None))]
    fn advance(
        &mut self,
        py: Python<'_>,
        to: &str,
        actor_id: &str,
        role: &str,
        at: u64,
        reason: Option<&str>,
    ) -> PyResult<()> {
        let actor = appraisal::process::Actor::new(actor_id, role_of(role)?);
        self.inner.advance(state_of(to)?, &actor, at, reason).map_err(|e| process_error(py, e))
    }
    /// The employee appeals from feedback back to reviewing, inside the window.
    fn appeal(&mut self, py: Python<'_>, actor_id: &str, at: u64, reason: &str) -> PyResult<()> {
        let actor = appraisal::process::Actor::new(actor_id, appraisal::process::Role::Employee);
        self.inner.appeal(&actor, at, reason).map_err(|e| process_error(py, e))
    }
    /// A manual override of "total" or an indicator score; needs a reason; keeps the original.
    #[allow(clippy::too_many_arguments)] // the Python signature: one argument per fact of the override
    fn override_score(
        &mut self,
        py: Python<'_>,
        target: &str,
        value: &Bound<'_, PyAny>,
        actor_id: &str,
        role: &str,
        at: u64,
        reason: &str,
    ) -> PyResult<()> {
        let v = py_decimal(py, value, "value")?;
        let actor = appraisal::process::Actor::new(actor_id, role_of(role)?);
        self.inner.override_score(target, v, &actor, at, reason).map_err(|e| process_error(py, e))
    }
    /// The effective total (the last total override, else the computed one).
    #[getter]
    fn effective_total(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        dec(py, self.inner.effective_total())
    }
    /// The audit log: list of dicts.
    #[getter]
    fn audit(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &serde_json::to_value(&self.inner.audit).unwrap_or(Value::Null))
    }
    /// The whole appraisal as a dict (state, scorecard, reviewers, overrides, audit).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &serde_json::to_value(&self.inner).unwrap_or(Value::Null))
    }
}

/// Checks an audit log (list of dicts); returns None when intact, else a message naming the
/// first edited, removed or reordered entry.
#[pyfunction]
fn verify_audit(entries: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    let v = to_json(entries, 0)?;
    let log: Vec<appraisal::process::AuditEntry> =
        serde_json::from_value(v).map_err(|e| PyValueError::new_err(format!("not an audit log: {e}")))?;
    Ok(appraisal::process::verify(&log).err().map(|e| e.to_string()))
}

/// Test hook: panics inside the guard, to prove a panic becomes an exception.
#[pyfunction]
#[allow(clippy::panic)] // the one deliberate panic: it exists to test the guard
fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    guard(py, || -> PyResult<()> { std::panic::panic_any("deliberate test panic".to_string()) })
}

#[pymodule]
fn _appraisal(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyScheme>()?;
    m.add_class::<PyScorecard>()?;
    m.add_class::<PyBatch>()?;
    m.add("AppraisalError", py.get_type::<AppraisalError>())?;
    m.add("SchemeError", py.get_type::<SchemeError>())?;
    m.add("RecordError", py.get_type::<RecordError>())?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(split_pool, m)?)?;
    m.add_function(wrap_pyfunction!(bonus, m)?)?;
    m.add_function(wrap_pyfunction!(distribute, m)?)?;
    m.add_class::<PyRuleSet>()?;
    m.add_class::<PyAppraisal>()?;
    m.add_function(wrap_pyfunction!(render_form, m)?)?;
    m.add_function(wrap_pyfunction!(diff, m)?)?;
    m.add_function(wrap_pyfunction!(indicator_analytics, m)?)?;
    m.add_function(wrap_pyfunction!(redact, m)?)?;
    m.add_function(wrap_pyfunction!(verify_audit, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
