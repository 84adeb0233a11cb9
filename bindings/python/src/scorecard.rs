//! `Scorecard` and `Batch`: results as Python objects.

use crate::*;

pub(crate) fn dec(py: Python<'_>, d: Option<Decimal>) -> PyResult<Py<PyAny>> {
    match d {
        Some(d) => Ok(d.into_pyobject(py)?.into_any().unbind()),
        None => Ok(py.None()),
    }
}

/// The scorecard of one record (SPEC Appendix result).
#[pyclass(module = "appraisal", frozen, name = "Scorecard")]
pub(crate) struct PyScorecard {
    pub(crate) inner: Scorecard,
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
    /// Format 2's rating beside the total (Decimal), or None: when the total is None or the
    /// scheme has no rating map (`has_rating` tells which).
    #[getter]
    fn rating(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        dec(py, self.inner.rating.flatten())
    }
    /// Whether the scheme gives a rating beside the total (SPEC §8.2).
    #[getter]
    fn has_rating(&self) -> bool {
        self.inner.rating.is_some()
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
    fn vetoes(&self) -> Vec<&str> {
        self.inner.vetoes.iter().map(|v| v.as_str()).collect()
    }
    /// {"method", "ratings"} when the record's ratings were corrected
    /// (`Scheme.correct_ratings`), else None.
    #[getter]
    fn rating_correction(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, self.value().get("rating_correction").unwrap_or(&Value::Null))
    }
    /// When the scheme declares `uncertainty` and the record has a survey indicator: a dict
    /// {uncertain, confidence, total_interval {lo, hi}, boundaries [{grade, min}]}; else None.
    #[getter]
    fn grade_uncertain(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, self.value().get("grade_uncertain").unwrap_or(&Value::Null))
    }
    /// The indicators scored from a shrunk value (`Scheme.shrink`): dicts {indicator, raw,
    /// shrunk, raw_score}; empty when none.
    #[getter]
    fn shrinkage(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, self.value().get("shrinkage").unwrap_or(&Value::Array(Vec::new())))
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
            d.set_item("id", c.id.as_str())?;
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
            d.set_item("id", i.id.as_str())?;
            d.set_item("category", i.category.as_str())?;
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
            d.set_item("id", a.id.as_str())?;
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
pub(crate) struct PyBatch {
    pub(crate) entries: Vec<BatchEntry>,
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
pub(crate) fn py_decimal(py: Python<'_>, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Decimal> {
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
