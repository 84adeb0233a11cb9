//! `Scheme`: reading, scoring, frames, what-if, roll-ups.

use crate::*;
use appraisal::calibration::{
    teams_from_value, CalibrationConfig, CorrectionConfig, LeniencyConfig, UncertaintyConfig,
};

/// A validated appraisal scheme (考核方案). Immutable; thread-safe.
#[pyclass(module = "appraisal", frozen, name = "Scheme")]
pub(crate) struct PyScheme {
    pub(crate) inner: Arc<Scheme>,
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

    /// A built-in scheme: "csr", "tech_support" or "account_manager", or a format-2 example:
    /// "qa_form", "discipline_pool" or "manager_review".
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

    /// Names of the built-in format-2 examples (SPEC §8).
    #[staticmethod]
    fn example_names() -> Vec<&'static str> {
        appraisal::example_names().to_vec()
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
    #[pyo3(signature = (lang = None))]
    fn name(&self, py: Python<'_>, lang: Option<&str>) -> PyResult<String> {
        Ok(self.inner.def().name.get(lang_of(py, lang)?).to_string())
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
        let v = record_to_json(record)?.map_err(|e| record_error(py, appraisal::RecordError { issues: vec![e] }))?;
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
        // each record converted with the record size limit: one over it is its own entry's error
        let items: Vec<appraisal::wide::Item> = records
            .try_iter()?
            .map(|r| record_to_json(&r?).map(|x| x.map_err(|e| vec![e])))
            .collect::<PyResult<_>>()?;
        let scheme = self.inner.clone();
        let entries = guard(py, || Ok(py.detach(move || items.iter().map(|it| scheme.score_item(it)).collect())))?;
        Ok(PyBatch { entries })
    }

    /// Scores an Excel workbook (`.xlsx` bytes or a path) in the wide layout: its first
    /// worksheet, headers given as indicator ids or as the scheme's zh/en names, one entry per
    /// row in order, bad rows with their errors (each naming its cell).
    fn score_xlsx(&self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyBatch> {
        let bytes: Vec<u8> = match data.extract::<Vec<u8>>() {
            Ok(b) if data.is_instance_of::<pyo3::types::PyBytes>() => b,
            _ => {
                let path: std::path::PathBuf = data.extract()?;
                appraisal::ingest::read_capped(&path, 256 << 20, "a workbook")
                    .map_err(|e| raise::<AppraisalError>(py, e.message.clone(), std::slice::from_ref(&e)))?
            }
        };
        let scheme = self.inner.clone();
        let entries = guard(py, || {
            py.detach(move || scheme.score_xlsx(&bytes))
                .map_err(|e| raise::<AppraisalError>(py, "the workbook cannot be read".into(), &e))
        })?;
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

    /// Scores anything that speaks the Arrow PyCapsule interface (a pyarrow Table or
    /// RecordBatch, a polars or pandas DataFrame, a DuckDB result) in the wide layout on the
    /// fast exact table path. Returns an Arrow table (PyCapsule) in the result layout: exact
    /// Decimal128 numbers (or their text with `text_numbers`) and text columns, one row per
    /// input row in order, bad rows in place with status "error" and their errors.
    #[pyo3(signature = (data, text_numbers = false))]
    fn _score_arrow(
        &self,
        py: Python<'_>,
        data: pyo3_arrow::input::AnyRecordBatch,
        text_numbers: bool,
    ) -> PyResult<pyo3_arrow::PyTable> {
        let reader = data.into_reader()?;
        let schema = reader.schema();
        let batches = reader
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow data: {e}")))?;
        let scheme = Arc::clone(&self.inner);
        let out = guard(py, || {
            py.detach(|| scheme.score_arrow(&schema, &batches, text_numbers))
                .map_err(|e| raise::<AppraisalError>(py, "bad columns".into(), &e))
        })?;
        let schema = out.first().map(|b| b.schema()).unwrap_or(schema);
        pyo3_arrow::PyTable::try_new(out, schema)
    }

    /// Scores a pandas or polars DataFrame in the wide layout (one row per employee-period, one
    /// column per indicator, optional `samples.<id>`, `events.<event>`, `ratings.<id>` columns)
    /// on the fast exact table path, through Arrow (no Python object per cell), and returns a
    /// DataFrame of the same library in the result layout: employee, period, status, coverage,
    /// one column per category, base, adjustment_total, total, [rating,] natural_grade, grade,
    /// vetoes, errors. Numbers are exact decimals (pandas: `ArrowDtype(decimal128)`, polars:
    /// `Decimal`), or their text with `decimals="str"`; bad rows keep their place.
    #[pyo3(signature = (df, decimals = "decimal"))]
    fn score_frame<'py>(slf: &Bound<'py, Self>, df: &Bound<'py, PyAny>, decimals: &str) -> PyResult<Bound<'py, PyAny>> {
        let frame = slf.py().import("appraisal._frame")?;
        frame.call_method1("score_frame", (slf, df, decimals))
    }

    /// Scores Arrow data in the wide layout (anything with `__arrow_c_stream__`: a pyarrow
    /// Table, a polars or pandas DataFrame, a DuckDB result) and returns a pyarrow Table in the
    /// result layout of `score_frame` (exact Decimal128 columns, or text with
    /// `decimals="str"`). Bad rows keep their place with status "error" and their errors.
    #[pyo3(signature = (data, decimals = "decimal"))]
    fn score_arrow<'py>(
        slf: &Bound<'py, Self>,
        data: &Bound<'py, PyAny>,
        decimals: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let frame = slf.py().import("appraisal._frame")?;
        frame.call_method1("score_arrow", (slf, data, decimals))
    }

    /// For one record, the smallest change of each indicator that reaches `target` (default:
    /// the next better grade), every answer scored forward. Returns a dict.
    #[pyo3(signature = (record, target = None))]
    fn whatif(&self, py: Python<'_>, record: &Bound<'_, PyAny>, target: Option<&str>) -> PyResult<Py<PyAny>> {
        let v = to_json(record, 0)?;
        let w = guard(py, || self.inner.whatif(&v, target).map_err(|e| record_error(py, e)))?;
        to_py(py, &serde_json::to_value(&w).unwrap_or(Value::Null))
    }

    /// A calibration: `entries` are dicts {session, evaluator, record, reference?} (or their
    /// JSON Lines / JSON array text); `config` a dict {reference, confidence, min_contacts, dp},
    /// all optional. Returns a dict: per-evaluator alignment, deviation with its interval and
    /// flag, criteria by spread, strictest and most lenient; bad entries under "failures".
    #[pyo3(signature = (entries, config = None))]
    fn calibrate(
        &self,
        py: Python<'_>,
        entries: &Bound<'_, PyAny>,
        config: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let text = entries.extract::<String>().ok();
        let list = if text.is_some() { Vec::new() } else { values_of(entries)? };
        report(py, config, CalibrationConfig::from_value, |cfg| match &text {
            Some(t) => self.inner.calibrate_text(t, cfg),
            None => self.inner.calibrate(&list, cfg),
        })
    }

    /// Rater leniency and severity over `records` (dicts in the SPEC shape): per rater, the
    /// mean deviation of their scores from the other raters of the same employee and
    /// indicator, with a confidence interval and a flag; `config` a dict {confidence,
    /// min_ratings, dp}, all optional. Returns a dict; bad records under "failures".
    #[pyo3(signature = (records, config = None))]
    fn leniency(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        config: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let recs = values_of(records)?;
        report(py, config, LeniencyConfig::from_value, |cfg| self.inner.leniency(&recs, cfg))
    }

    /// The optional, explicit correction of rater leniency within rater pools (`config` a
    /// dict {method: "mean_shift" | "z_score", min_pool, min_ratings, dp}, all optional):
    /// a dict with the audit (pools, raters, changes) and "records", every input record with
    /// the corrected ones marked, to be scored as any records. Bad records under "failures".
    #[pyo3(signature = (records, config = None))]
    fn correct_ratings(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        config: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let recs = values_of(records)?;
        report(py, config, CorrectionConfig::from_value, |cfg| self.inner.correct_ratings(&recs, cfg))
    }

    /// Shrinks the small-sample indicators whose scheme declares shrinkage toward their team's
    /// pooled mean (`teams` a dict employee → team; none: one team per period): a dict with
    /// the team means, every shrunk value and "records", every input record with its shrunk
    /// values under "shrunk", to be scored as any records (scorecards show raw and shrunk).
    #[pyo3(signature = (records, teams = None))]
    fn shrink(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        teams: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let recs = values_of(records)?;
        report(py, teams, teams_from_value, |t| Ok(self.inner.shrink(&recs, t)))
    }

    /// Small samples, honestly: for each record, the Wilson interval of every survey
    /// indicator (a percentage with its sample size) carried through its rubric to the total,
    /// and whether the grade is uncertain (the interval crosses a grade boundary, named);
    /// `config` a dict {confidence, dp}, all optional. Returns a dict.
    #[pyo3(signature = (records, config = None))]
    fn uncertainty(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        config: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let recs = values_of(records)?;
        report(py, config, UncertaintyConfig::from_value, |cfg| self.inner.uncertainty(&recs, cfg))
    }

    /// Inter-rater reliability of every multi-rater indicator over `records` (dicts in the
    /// SPEC shape): Krippendorff's alpha (nominal, ordinal, interval), ICC(2,1) and ICC(3,1),
    /// each exact and rounded once to `dp` decimals. Returns a dict (decimals as strings,
    /// `None` where undefined); records that fail their check are listed under "failures".
    #[pyo3(signature = (records, dp = None))]
    fn reliability(&self, py: Python<'_>, records: &Bound<'_, PyAny>, dp: Option<u32>) -> PyResult<Py<PyAny>> {
        let recs = values_of(records)?;
        report(py, None, |_| Ok(()), |_: &()| self.inner.reliability(&recs, dp))
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
        let r = guard(py, || {
            // Checked: every result this employee's, this scheme's, each period once.
            self.inner
                .rollup_cards(employee, period, &cards, weights.as_deref(), min_periods)
                .map_err(|e| raise::<AppraisalError>(py, "invalid roll-up".into(), &e))
        })?;
        to_py(py, &serde_json::to_value(&r).unwrap_or(Value::Null))
    }

    /// The wide-layout header for this scheme (identity, indicators, samples, events).
    fn wide_header(&self) -> Vec<String> {
        appraisal::wide::wide_header(&self.inner)
    }

    /// Scores one record and explains every step in "en" or "zh".
    #[pyo3(signature = (record, lang = None))]
    fn explain(&self, py: Python<'_>, record: &Bound<'_, PyAny>, lang: Option<&str>) -> PyResult<String> {
        let lang = lang_of(py, lang)?;
        let v = to_json(record, 0)?;
        guard(py, || appraisal::explain(&self.inner, &v, lang).map(|(_, t)| t).map_err(|e| record_error(py, e)))
    }

    fn __repr__(&self) -> String {
        format!("Scheme(id={:?}, version={:?})", self.inner.id(), self.inner.version())
    }
}

/// Every item of a Python iterable as JSON.
fn values_of(items: &Bound<'_, PyAny>) -> PyResult<Vec<Value>> {
    items.try_iter()?.map(|r| to_json(&r?, 0)).collect()
}

/// A calibration or fairness report: the configuration dict read by the core (`None`: the
/// core's default), the work run under `guard`, the report as a dict; a coded error raises
/// `AppraisalError`.
fn report<C: Default, R: serde::Serialize>(
    py: Python<'_>,
    config: Option<&Bound<'_, PyAny>>,
    from_value: impl Fn(&Value) -> Result<C, appraisal::Issue>,
    run: impl FnOnce(&C) -> Result<R, appraisal::Issue>,
) -> PyResult<Py<PyAny>> {
    let raise_issue = |e: appraisal::Issue| raise::<AppraisalError>(py, e.message.clone(), &[e]);
    let cfg = match config {
        None => C::default(),
        Some(c) => from_value(&to_json(c, 0)?).map_err(raise_issue)?,
    };
    let rep = guard(py, || run(&cfg).map_err(raise_issue))?;
    to_py(py, &serde_json::to_value(&rep).unwrap_or(Value::Null))
}
