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

mod convert;
mod errors;
mod process;
mod results;
mod scheme;
mod scorecard;

use convert::*;
use errors::*;
use process::*;
use results::*;
use scheme::*;
use scorecard::*;

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
    m.add_function(wrap_pyfunction!(step_text, m)?)?;
    m.add_function(wrap_pyfunction!(unit_text, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
