//! WebAssembly binding: JS values in and out in the SPEC JSON shapes, decimals as strings.
//! No scoring logic: every call converts and delegates to the `appraisal` core.
//!
//! Numbers from JS cross as their `String(n)` text (`JSON.stringify` writes the same shortest
//! round-trip form), so the core reads exactly what the page shows; `NaN` and `Infinity` are
//! passed as text and reported as `unparsable_number`. Results go back through
//! `serde_json::to_string` + `JSON.parse`, so they are plain objects whose key order and
//! text are byte-identical to the Rust JSON.

use appraisal::{BatchEntry, Issue, Scheme};
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** One problem: a normative code (SPEC §6), the dotted path to the item, a message. */
export interface ErrorItem { code: string; path: string; message: string; }
/** A record in the SPEC shape; numbers may be given as numbers or strings. */
export interface AppraisalRecord {
  employee: string; period: string; role?: string | null;
  values?: Record<string, number | string | boolean | null>;
  samples?: Record<string, number | string | null>;
  ratings?: Record<string, Array<{ group: string; rater: string; value: number | string | null;
    /** A corrected rater score, only beside `rating_correction`. */
    score?: string | number | null }> | null>;
  events?: Record<string, number | string | null>;
  /** Shrunk values (`shrink`): indicator → value, beside the raw value under `values`. */
  shrunk?: Record<string, number | string | null> | null;
  /** The mark of a correction (`correctRatings`). */
  rating_correction?: { method: "mean_shift" | "z_score"; min_pool: number; min_ratings: number } | null;
}
export interface IndicatorResult {
  id: string; category: string; status: "scored" | "not_applicable";
  reason: "missing_value" | "insufficient_sample" | "insufficient_raters" | "out_of_scope" | null;
  score: string | null; step: string | null;
}
export interface CategoryResult { id: string; status: "scored" | "not_applicable" | "vetoed"; score: string | null; }
export interface AdjustmentResult { id: string; units: number; points: string; }
/** The scorecard of one record (SPEC Appendix); decimals are strings with exactly dp decimals. */
export interface Scorecard {
  employee: string; period: string;
  scheme: { id: string; version: string; digest: string };
  status: "complete" | "incomplete"; coverage: string;
  indicators: IndicatorResult[]; categories: CategoryResult[];
  base: string | null; adjustments: AdjustmentResult[]; adjustment_total: string;
  total: string | null; vetoes: string[]; natural_grade: string | null; grade: string | null;
  /** Format 2 (SPEC §8.2): the rating beside the total; absent without a rating map. */
  rating?: string | null;
  /** Present when the record's ratings were corrected (`correctRatings`): the method and how
   * many ratings carry a corrected score. */
  rating_correction?: { method: "mean_shift" | "z_score"; ratings: number };
  /** The indicators scored from a shrunk value: raw, shrunk and the raw value's score. */
  shrinkage?: Array<{ indicator: string; raw: string; shrunk: string; raw_score: string | null }>;
  /** When the scheme declares `uncertainty` and the record has a survey indicator: the total's
   * interval and whether it crosses a grade boundary (named). */
  grade_uncertain?: { uncertain: boolean; confidence: string; total_interval: { lo: string; hi: string };
    boundaries: Array<{ grade: string; min: string }> };
}
/** A column of the wide layout for `scoreColumns`: numbers (typed arrays are fastest), text,
 * booleans, null for an empty cell. */
export type InputColumn = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array
  | Int8Array | Uint8Array | ArrayLike<string | number | boolean | null | undefined>;
/** The result table of the fast exact table path, column by column (`header` order): numbers
 * as exact decimal strings, empty cells null; with the grade distribution. */
export interface ResultColumns {
  header: string[]; rows: number;
  columns: Record<string, Array<string | null>>;
  grades: { grades: Array<[string, number]>; ungraded: number; errors: number };
}
/** A number column of `scoreColumnsTyped`: row r is `mantissa[r] / 10 ** scale` exactly
 * (integers below 2^53), or `text[r]` when a value is beyond that; null where `valid[r]` is 0. */
export interface TypedDecimalColumn { scale: number; mantissa?: Float64Array; text?: Array<string | null>; valid: Uint8Array; }
/** A text column of `scoreColumnsTyped`: row r is `labels[codes[r]]`, null where the code is -1. */
export interface TypedCodedColumn { labels: string[]; codes: Int32Array; }
/** The result of `scoreColumnsTyped`: the rows in input order without the identity columns. */
export interface TypedResultColumns {
  header: string[]; rows: number;
  columns: Record<string, TypedDecimalColumn | TypedCodedColumn>;
  grades: { grades: Array<[string, number]>; ungraded: number; errors: number };
}
/** A bad record of a batch. */
export interface RecordFailure { employee: string | null; period: string | null; errors: ErrorItem[]; }
export type BatchEntry = Scorecard | RecordFailure;
"#;

/// The error thrown by every function: `code` (the first problem's code), `errors` (every
/// problem), `message`.
#[wasm_bindgen]
pub struct AppraisalError {
    code: String,
    message: String,
    errors: Vec<Issue>,
}

#[wasm_bindgen]
impl AppraisalError {
    /// The first problem's code (or `internal_error`).
    #[wasm_bindgen(getter)]
    pub fn code(&self) -> String {
        self.code.clone()
    }
    /// A readable summary.
    #[wasm_bindgen(getter)]
    pub fn message(&self) -> String {
        self.message.clone()
    }
    /// Always "AppraisalError".
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        "AppraisalError".into()
    }
    /// Every problem as `{code, path, message}`.
    #[wasm_bindgen(getter, unchecked_return_type = "ErrorItem[]")]
    pub fn errors(&self) -> JsValue {
        to_js(&serde_json::to_value(&self.errors).unwrap_or(Value::Null))
    }
    /// "AppraisalError: message".
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("AppraisalError: {}", self.message)
    }
}

pub(crate) fn fail(message: String, issues: Vec<Issue>) -> JsValue {
    let code = issues.first().map_or("internal_error".to_string(), |i| i.code.as_str().to_string());
    JsValue::from(AppraisalError { code, message, errors: issues })
}

/// A string argument, or a coded error (wasm-bindgen's own `&str` conversion would read a
/// non-string as garbage memory and trap).
pub(crate) fn text_arg(v: &JsValue, what: &str) -> Result<String, JsValue> {
    v.as_string().ok_or_else(|| {
        fail(
            format!("{what} must be a string"),
            vec![Issue::new(appraisal::ErrorCode::InvalidType, what, "expected a string")],
        )
    })
}

/// An optional string argument (null or undefined: absent).
pub(crate) fn opt_text_arg(v: Option<&JsValue>, what: &str) -> Result<Option<String>, JsValue> {
    match v {
        Some(v) if !(v.is_null() || v.is_undefined()) => text_arg(v, what).map(Some),
        _ => Ok(None),
    }
}

/// An optional whole-number argument within [lo, hi]: a JS number that is an integer in
/// range, never coerced (2^32 does not become 0, NaN does not become 0).
/// The caller's language (absent: the core's default), parsed by the core: an unknown one is
/// an `AppraisalError` (path `lang`), never a silent English.
pub(crate) fn lang_arg(v: Option<&JsValue>) -> Result<&'static str, JsValue> {
    let text = opt_text_arg(v, "lang")?;
    appraisal::Lang::parse_opt(text.as_deref())
        .map(appraisal::Lang::as_str)
        .map_err(|e| fail(e.message.clone(), vec![e]))
}

#[cfg_attr(not(feature = "results"), allow(dead_code))]
/// An optional whole-number argument: a JS number that is a non-negative integer, never
/// coerced (2^32 does not become 0, NaN does not become 0); its range is the core's to check.
pub(crate) fn opt_int_arg(v: Option<&JsValue>, what: &str) -> Result<Option<u32>, JsValue> {
    let Some(v) = v.filter(|v| !(v.is_null() || v.is_undefined())) else {
        return Ok(None);
    };
    let bad = || {
        let msg = format!("{what} is a whole number");
        fail(msg.clone(), vec![Issue::new(appraisal::ErrorCode::InvalidValue, what, msg)])
    };
    let n = v.as_f64().ok_or_else(bad)?; // float-ok: a JS argument, checked to be an integer
    let whole = n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n); // float-ok: the check itself
    if !whole {
        return Err(bad());
    }
    Ok(Some(n as u32))
}

fn to_js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL)
}

/// A core result as a JS value.
pub(crate) fn out<T: serde::Serialize>(x: &T) -> JsValue {
    to_js(&serde_json::to_value(x).unwrap_or(Value::Null))
}

thread_local! {
    static REPLACER: js_sys::Function = js_sys::Function::new_with_args(
        "k, v",
        "return (typeof v === 'number' && !Number.isFinite(v)) ? String(v) : (typeof v === 'bigint' ? v.toString() : v)",
    );
}

/// A JS value (object, or JSON text) → its JSON text.
fn js_text(v: &JsValue) -> Result<String, JsValue> {
    match v.as_string() {
        Some(s) => Ok(s),
        None => {
            let s = REPLACER.with(|r| js_sys::JSON::stringify_with_replacer(v, r));
            match s {
                Ok(s) => Ok(s.as_string().unwrap_or_else(|| "null".into())),
                Err(e) => Err(fail(
                    format!("input cannot be read as JSON: {}", js_sys::Error::from(e).message()),
                    vec![Issue::new(appraisal::ErrorCode::InvalidJson, "", "input cannot be read as JSON")],
                )),
            }
        }
    }
}

/// A JS value (object, or JSON text) → JSON value with exact numbers, parsed strictly (a key
/// given twice is an error).
fn from_js(v: &JsValue) -> Result<Value, JsValue> {
    let text = js_text(v)?;
    appraisal::ingest::parse_json(&text).map_err(|i| fail(i.message.clone(), vec![i]))
}

/// One record: the 1 MiB record limit is checked on its text before it is parsed.
pub(crate) fn from_js_record(v: &JsValue) -> Result<Value, JsValue> {
    let text = js_text(v)?;
    appraisal::ingest::record_text(&text).map_err(|i| fail(i.message.clone(), vec![i]))
}

/// A validated appraisal scheme.
#[wasm_bindgen(js_name = Scheme)]
pub struct JsScheme {
    inner: Rc<Scheme>,
}

#[wasm_bindgen(js_class = Scheme)]
impl JsScheme {
    /// Parses and validates scheme JSON text (or a plain object). Throws AppraisalError with
    /// every problem.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] source: JsValue,
    ) -> Result<JsScheme, JsValue> {
        let v = from_js(&source)?;
        Scheme::from_value(&v).map(|s| JsScheme { inner: Rc::new(s) }).map_err(|e| fail(e.to_string(), e.issues))
    }

    /// Checks scheme JSON text (or an object) without throwing: every problem, [] if valid.
    #[wasm_bindgen(unchecked_return_type = "ErrorItem[]")]
    pub fn validate(
        #[wasm_bindgen(unchecked_param_type = "string | object")] source: JsValue,
    ) -> Result<JsValue, JsValue> {
        let v = from_js(&source)?;
        let issues = Scheme::from_value(&v).err().map(|e| e.issues).unwrap_or_default();
        Ok(to_js(&serde_json::to_value(issues).unwrap_or(Value::Null)))
    }

    /// Scheme id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_string()
    }
    /// Scheme version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.version().to_string()
    }
    /// "sha256:" digest of the canonical scheme.
    #[wasm_bindgen(getter)]
    pub fn digest(&self) -> String {
        self.inner.digest().to_string()
    }
    /// The scheme as a plain object (SPEC shape, every default written, decimals as strings).
    #[wasm_bindgen(js_name = toObject)]
    pub fn to_object(&self) -> JsValue {
        to_js(&self.inner.to_value())
    }
    /// The canonical JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.canonical_json()
    }

    /// Scores one record (object or JSON text). Throws AppraisalError listing every problem.
    #[wasm_bindgen(unchecked_return_type = "Scorecard")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AppraisalRecord | string")] record: JsValue,
    ) -> Result<JsValue, JsValue> {
        // The record's text read by the core's text reader; otherwise parsed and checked.
        let text = js_text(&record)?;
        let result = match self.inner.score_text_fast(&text) {
            Some(entry) => entry.map_err(|f| appraisal::RecordError { issues: f.errors }),
            None => {
                let v = appraisal::ingest::record_text(&text).map_err(|i| fail(i.message.clone(), vec![i]))?;
                self.inner.score_value(&v)
            }
        };
        match result {
            Ok(card) => Ok(js_sys::JSON::parse(&card.to_json()).unwrap_or(JsValue::NULL)),
            Err(e) => Err(fail(e.to_string(), e.issues)),
        }
    }

    /// Scores many records without stopping at bad ones: one entry per record, in order
    /// (a scorecard, or `{employee, period, errors}`).
    #[wasm_bindgen(js_name = scoreMany, unchecked_return_type = "BatchEntry[]")]
    pub fn score_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AppraisalRecord[] | string")] records: JsValue,
    ) -> Result<JsValue, JsValue> {
        // The records' text read record by record (no JSON value for a clean record); text
        // that is not a JSON array gets the errors below.
        if let Ok(entries) = self.inner.score_json_array(&js_text(&records)?) {
            return Ok(js_sys::JSON::parse(&appraisal::entries_to_json(&entries)).unwrap_or(JsValue::NULL));
        }
        let v = from_js(&records)?;
        let Value::Array(list) = v else {
            return Err(fail(
                "scoreMany takes an array of records".into(),
                vec![Issue::new(appraisal::ErrorCode::InvalidType, "", "scoreMany takes an array of records")],
            ));
        };
        let entries: Vec<BatchEntry> = self.inner.score_batch(&list);
        Ok(js_sys::JSON::parse(&appraisal::entries_to_json(&entries)).unwrap_or(JsValue::NULL))
    }

    /// Scores columns of the wide layout (`{employee: [...], period: [...], aht: Float64Array,
    /// ...}`, all of one length) on the fast exact table path: the result table column by
    /// column, bad rows in place, and the grade distribution. Numbers are read as the text JS
    /// shows for them (`String(x)`); NaN is an empty cell.
    #[wasm_bindgen(js_name = scoreColumns, unchecked_return_type = "ResultColumns")]
    pub fn score_columns(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, InputColumn>")] columns: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (names, cols) = columns::read(&columns)?;
        let frame = self.inner.score_columns(&names, &cols).map_err(|e| fail("bad columns".into(), e))?;
        Ok(js_sys::JSON::parse(&frame.to_columns_json(&self.inner)).unwrap_or(JsValue::NULL))
    }

    /// `scoreColumns` with typed results, for pages that score many rows: the same rows in
    /// input order (the identity columns are the caller's own and are left out), numbers as
    /// integer mantissas at each column's scale (`{scale, mantissa: Float64Array, valid:
    /// Uint8Array}`, exact: row r is `mantissa[r] / 10^scale`; beyond 2^53 the exact texts
    /// instead, `text`), text coded (`{labels, codes: Int32Array}`, -1 for null).
    #[wasm_bindgen(js_name = scoreColumnsTyped, unchecked_return_type = "TypedResultColumns")]
    pub fn score_columns_typed(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, InputColumn>")] columns: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (names, cols) = columns::read(&columns)?;
        let frame = self.inner.score_columns(&names, &cols).map_err(|e| fail("bad columns".into(), e))?;
        columns::typed(&self.inner, &frame)
    }

    /// The wide layout's columns for this scheme (the header a team's CSV or `scoreColumns`
    /// takes): identity, every indicator, samples, events.
    #[wasm_bindgen(js_name = wideHeader, unchecked_return_type = "string[]")]
    pub fn wide_header(&self) -> JsValue {
        to_js(&serde_json::json!(appraisal::wide::wide_header(&self.inner)))
    }

    /// Scores a whole CSV text in the wide layout (a team's file) on the fast exact table
    /// path: the result table column by column and the grade distribution.
    #[wasm_bindgen(js_name = scoreCsv, unchecked_return_type = "ResultColumns")]
    pub fn score_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = text_arg(&text, "text")?;
        let frame = self.inner.score_csv_text(&text).map_err(|e| fail("bad CSV".into(), e))?;
        Ok(js_sys::JSON::parse(&frame.to_columns_json(&self.inner)).unwrap_or(JsValue::NULL))
    }

    /// Scores one record and explains every step in "en" or "zh".
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AppraisalRecord | string")] record: JsValue,
        lang: Option<JsValue>,
    ) -> Result<String, JsValue> {
        let lang = lang_arg(lang.as_ref())?;
        let v = from_js_record(&record)?;
        appraisal::explain(&self.inner, &v, lang).map(|(_, t)| t).map_err(|e| fail(e.to_string(), e.issues))
    }
}

/// A built-in scheme: "csr", "tech_support" or "account_manager", or a format-2 example:
/// "qa_form", "discipline_pool" or "manager_review".
#[wasm_bindgen(js_name = builtinScheme)]
pub fn builtin_scheme(#[wasm_bindgen(unchecked_param_type = "string")] role: JsValue) -> Result<JsScheme, JsValue> {
    let role = text_arg(&role, "role")?;
    appraisal::builtin_scheme(&role)
        .map(|s| JsScheme { inner: Rc::new(s) })
        .map_err(|e| fail(e.to_string(), e.issues()))
}

/// Names of the built-in schemes.
#[wasm_bindgen(js_name = builtinNames, unchecked_return_type = "string[]")]
pub fn builtin_names() -> JsValue {
    to_js(&serde_json::json!(appraisal::builtin_names()))
}

/// Names of the built-in format-2 examples (SPEC §8).
#[wasm_bindgen(js_name = exampleNames, unchecked_return_type = "string[]")]
pub fn example_names() -> JsValue {
    to_js(&serde_json::json!(appraisal::example_names()))
}

/// A rubric step as the core writes it ("band 1: >= 99") in the reader's language ("en" or
/// "zh": "第 1 档：≥ 99").
#[wasm_bindgen(js_name = stepText)]
pub fn step_text(
    #[wasm_bindgen(unchecked_param_type = "string")] step: JsValue,
    lang: Option<JsValue>,
) -> Result<String, JsValue> {
    let step = text_arg(&step, "step")?;
    let lang = lang_arg(lang.as_ref())?;
    Ok(appraisal::present::steps::render(&step, lang))
}

/// An indicator's unit as a reader expects it next to a value ("percent" → "%", "seconds" →
/// "秒" in zh, "s" in en).
#[wasm_bindgen(js_name = unitText)]
pub fn unit_text(
    #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue,
    lang: Option<JsValue>,
) -> Result<String, JsValue> {
    let unit = text_arg(&unit, "unit")?;
    let lang = lang_arg(lang.as_ref())?;
    Ok(appraisal::present::words::unit(&unit, lang))
}

/// Validates scheme JSON text or an object: every problem, [] if valid.
#[wasm_bindgen(js_name = validateScheme, unchecked_return_type = "ErrorItem[]")]
pub fn validate_scheme(
    #[wasm_bindgen(unchecked_param_type = "string | object")] source: JsValue,
) -> Result<JsValue, JsValue> {
    JsScheme::validate(source)
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Test hook: a deliberate panic, to prove it reaches JS as a thrown error.
#[wasm_bindgen(js_name = _panicForTests)]
#[allow(clippy::panic)] // the one deliberate panic: it exists to test the boundary
pub fn panic_for_tests() {
    panic!("deliberate test panic");
}

/// Installs a panic hook that logs the panic message to the console before the trap.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_log(&format!("appraisal: internal error (please report): {info}"));
    }));
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn web_log(s: &str);
}

mod columns;
#[cfg(feature = "results")]
mod fairness;
#[cfg(feature = "results")]
mod results;
mod whatif;
