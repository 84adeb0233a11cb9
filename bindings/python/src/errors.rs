//! The one mapping of core errors to Python exceptions (`AppraisalError` and its subclasses,
//! each with `.errors` = [{code, path, message}]), and the panic guard.

use crate::*;

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

pub(crate) fn issues_to_py(py: Python<'_>, issues: &[Issue]) -> PyResult<Py<PyAny>> {
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
pub(crate) fn raise<E: pyo3::PyTypeInfo>(py: Python<'_>, message: String, issues: &[Issue]) -> PyErr {
    let err = PyErr::from_type(py.get_type::<E>(), (message,));
    if let Ok(list) = issues_to_py(py, issues) {
        let _ = err.value(py).setattr("errors", list);
    }
    err
}

pub(crate) fn scheme_error(py: Python<'_>, e: appraisal::SchemeError) -> PyErr {
    raise::<SchemeError>(py, e.to_string(), &e.issues)
}

pub(crate) fn record_error(py: Python<'_>, e: appraisal::RecordError) -> PyErr {
    raise::<RecordError>(py, e.to_string(), &e.issues)
}

/// Runs `f`, turning a Rust panic into `AppraisalError` instead of aborting the interpreter.
pub(crate) fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
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

/// The caller's language (None: the core's default); an unknown one is an `AppraisalError`.
pub(crate) fn lang_of(py: Python<'_>, lang: Option<&str>) -> PyResult<&'static str> {
    appraisal::Lang::parse_opt(lang)
        .map(appraisal::Lang::as_str)
        .map_err(|e| raise::<AppraisalError>(py, e.message.clone(), &[e]))
}
