//! Populations and outcomes: pool split, bonus, distribution, rules, form, diff, analytics,
//! redaction.

use crate::*;

/// Splits a bonus pool in proportion to the weights: parts rounded down to `money_dp`, the
/// leftover smallest units to the largest remainders; the parts sum to the pool exactly.
#[pyfunction]
#[pyo3(signature = (pool, weights, money_dp = None))]
pub(crate) fn split_pool(
    py: Python<'_>,
    pool: &Bound<'_, PyAny>,
    weights: Vec<Bound<'_, PyAny>>,
    money_dp: Option<u32>,
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
#[pyo3(signature = (base, coefficient, months_served, months_in_period, money_dp = None, mode = None))]
pub(crate) fn bonus(
    py: Python<'_>,
    base: &Bound<'_, PyAny>,
    coefficient: &Bound<'_, PyAny>,
    months_served: &Bound<'_, PyAny>,
    months_in_period: &Bound<'_, PyAny>,
    money_dp: Option<u32>,
    mode: Option<&str>,
) -> PyResult<Decimal> {
    let mode = match mode {
        None => appraisal::RoundingMode::default(),
        Some(m) => appraisal::RoundingMode::parse(m).ok_or_else(|| {
            let msg = format!("mode is half_up, half_even or down, found {m:?}");
            raise::<AppraisalError>(py, msg.clone(), &[Issue::new(appraisal::ErrorCode::InvalidValue, "mode", msg)])
        })?,
    };
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
pub(crate) fn distribute(
    py: Python<'_>,
    config: &Bound<'_, PyAny>,
    results: Vec<PyRef<'_, PyScorecard>>,
) -> PyResult<Py<PyAny>> {
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
pub(crate) struct PyRuleSet {
    pub(crate) inner: Arc<appraisal::apply::RuleSet>,
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
        self.inner.id()
    }
    /// Applies the rules to the current scorecard with the employee's earlier ones (oldest
    /// first) and a context (compa_ratio, team_result, base_bonus, months_served, …). With
    /// `scheme`, the results must come from it and money uses its `money_dp` (as the CLI does).
    #[pyo3(signature = (current, earlier = Vec::new(), context = None, lang = None, money_dp = None, scheme = None))]
    #[allow(clippy::too_many_arguments)] // the Python signature: keyword arguments with defaults
    fn apply(
        &self,
        py: Python<'_>,
        current: PyRef<'_, PyScorecard>,
        earlier: Vec<PyRef<'_, PyScorecard>>,
        context: Option<&Bound<'_, PyDict>>,
        lang: Option<&str>,
        money_dp: Option<u32>,
        scheme: Option<PyRef<'_, PyScheme>>,
    ) -> PyResult<Py<PyAny>> {
        let lang = lang_of(py, lang)?;
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
            match (&scheme, money_dp) {
                (Some(s), None) => self.inner.apply_for(&s.inner, &current.inner, &hist, &ctx, lang),
                (_, dp) => self.inner.apply_checked(
                    &current.inner,
                    &hist,
                    &ctx,
                    dp.unwrap_or(appraisal::number::DEFAULT_MONEY_DP),
                    lang,
                ),
            }
            .map_err(|e| raise::<AppraisalError>(py, "the rules cannot be applied".into(), &e))
        })?;
        to_py(py, &serde_json::to_value(&a).unwrap_or(Value::Null))
    }
    fn __repr__(&self) -> String {
        format!("RuleSet(id={:?}, version={:?})", self.inner.id(), self.inner.version())
    }
}

pub(crate) fn state_of(s: &str) -> PyResult<appraisal::process::State> {
    s.parse().map_err(|e: Issue| Python::attach(|py| raise::<AppraisalError>(py, e.message.clone(), &[e])))
}

pub(crate) fn role_of(s: &str) -> PyResult<appraisal::process::Role> {
    s.parse().map_err(|e: Issue| Python::attach(|py| raise::<AppraisalError>(py, e.message.clone(), &[e])))
}

/// The appraisal form (handbook appendix A), blank or filled: "html" (printable A4) or "markdown".
#[pyfunction]
#[pyo3(signature = (scheme, scorecard = None, lang = None, format = "html"))]
pub(crate) fn render_form(
    py: Python<'_>,
    scheme: PyRef<'_, PyScheme>,
    scorecard: Option<PyRef<'_, PyScorecard>>,
    lang: Option<&str>,
    format: &str,
) -> PyResult<String> {
    let lang = lang_of(py, lang)?;
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
#[pyo3(signature = (old, new, lang = None))]
pub(crate) fn diff(
    py: Python<'_>,
    old: PyRef<'_, PyScheme>,
    new: PyRef<'_, PyScheme>,
    lang: Option<&str>,
) -> PyResult<Py<PyAny>> {
    let lang = lang_of(py, lang)?;
    to_py(py, &serde_json::to_value(appraisal::versions::diff(&old.inner, &new.inner, lang)).unwrap_or(Value::Null))
}

/// Per-indicator analytics over scorecards (mean, percentiles, shares, flags).
#[pyfunction]
#[pyo3(signature = (scheme, results, full_threshold = None, na_threshold = None))]
pub(crate) fn indicator_analytics(
    py: Python<'_>,
    scheme: PyRef<'_, PyScheme>,
    results: Vec<PyRef<'_, PyScorecard>>,
    full_threshold: Option<Bound<'_, PyAny>>,
    na_threshold: Option<Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let full = full_threshold.map(|x| py_decimal(py, &x, "full_threshold")).transpose()?;
    let na = na_threshold.map(|x| py_decimal(py, &x, "na_threshold")).transpose()?;
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
pub(crate) fn redact(
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

/// A rubric step as the core writes it ("band 1: >= 99") in `lang` ("en" or "zh").
#[pyfunction]
#[pyo3(signature = (step, lang = None))]
pub(crate) fn step_text(py: Python<'_>, step: &str, lang: Option<&str>) -> PyResult<String> {
    Ok(appraisal::present::steps::render(step, lang_of(py, lang)?))
}

/// An indicator's unit as a reader expects it next to a value (`percent` → `%`, `seconds` →
/// `秒` in zh).
#[pyfunction]
#[pyo3(signature = (unit, lang = None))]
pub(crate) fn unit_text(py: Python<'_>, unit: &str, lang: Option<&str>) -> PyResult<String> {
    Ok(appraisal::present::words::unit(unit, lang_of(py, lang)?))
}
