//! `Appraisal`: the process and its audit log.

use crate::*;

/// One appraisal moving through the process, with its audit log.
#[pyclass(module = "appraisal", name = "Appraisal")]
pub(crate) struct PyAppraisal {
    pub(crate) inner: appraisal::process::Appraisal,
}

pub(crate) fn process_error(py: Python<'_>, e: appraisal::process::ProcessError) -> PyErr {
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
        self.inner.state().as_str().to_string()
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
        to_py(py, &serde_json::to_value(self.inner.audit()).unwrap_or(Value::Null))
    }
    /// The whole appraisal as a dict (state, scorecard, reviewers, overrides, audit).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &serde_json::to_value(&self.inner).unwrap_or(Value::Null))
    }
}

/// Checks an audit log (list of dicts); returns None when intact, else a message naming the
/// first edited, removed or reordered entry.
#[pyfunction]
pub(crate) fn verify_audit(entries: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    let v = to_json(entries, 0)?;
    let log: Vec<appraisal::process::AuditEntry> =
        serde_json::from_value(v).map_err(|e| PyValueError::new_err(format!("not an audit log: {e}")))?;
    Ok(appraisal::process::verify(&log).err().map(|e| e.to_string()))
}

/// Test hook: panics inside the guard, to prove a panic becomes an exception.
#[pyfunction]
#[allow(clippy::panic)] // the one deliberate panic: it exists to test the guard
pub(crate) fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    guard(py, || -> PyResult<()> { std::panic::panic_any("deliberate test panic".to_string()) })
}
