//! Calibration and fairness from JS (issue 15): calibration sessions, rater leniency and its
//! explicit correction, shrinkage, small-sample uncertainty and inter-rater reliability. Built
//! with the `results` feature (the Node build); conversions only: every number is the core's.

use super::out;
use super::{fail, from_js, JsScheme};
use appraisal::calibration::{
    teams_from_value, CalibrationConfig, CorrectionConfig, LeniencyConfig, UncertaintyConfig,
};
use appraisal::Issue;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// A report's configuration object read by the core; absent: the core's default.
fn config_arg<C: Default>(
    config: Option<JsValue>,
    from_value: impl Fn(&Value) -> Result<C, Issue>,
) -> Result<C, JsValue> {
    match config.filter(|c| !c.is_undefined() && !c.is_null()) {
        None => Ok(C::default()),
        Some(c) => from_value(&from_js(&c)?).map_err(|e| fail(e.message.clone(), vec![e])),
    }
}

/// An array argument as JSON values; anything else is `invalid_type` with `msg`.
fn list_arg(v: &JsValue, msg: &str) -> Result<Vec<Value>, JsValue> {
    match from_js(v)? {
        Value::Array(list) => Ok(list),
        _ => Err(fail(msg.into(), vec![Issue::new(appraisal::ErrorCode::InvalidType, "", msg)])),
    }
}

/// A report as a JS object, or its coded error thrown.
fn report<R: serde::Serialize>(r: Result<R, Issue>) -> Result<JsValue, JsValue> {
    r.map(|r| out(&r)).map_err(|e| fail(e.message.clone(), vec![e]))
}

#[wasm_bindgen(js_class = Scheme)]
impl JsScheme {
    /// A calibration: `entries` are `{session, evaluator, record, reference?}` objects (or
    /// their JSON Lines / JSON array text); `config` `{reference, confidence, min_contacts,
    /// dp}`, all optional. Per-evaluator alignment, deviation interval and flag, criteria by
    /// spread; bad entries under `failures`.
    #[wasm_bindgen(unchecked_return_type = "CalibrationReport")]
    pub fn calibrate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "object[] | string")] entries: JsValue,
        #[wasm_bindgen(unchecked_param_type = "object")] config: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let cfg = config_arg(config, CalibrationConfig::from_value)?;
        match entries.as_string() {
            Some(text) => report(self.inner.calibrate_text(&text, &cfg)),
            None => report(
                self.inner.calibrate(&list_arg(&entries, "calibrate takes an array of entries or their text")?, &cfg),
            ),
        }
    }

    /// Rater leniency and severity over `records`: per rater, the mean deviation of their
    /// scores from the other raters of the same employee and indicator, with a confidence
    /// interval and a flag; `config` `{confidence, min_ratings, dp}`, all optional.
    #[wasm_bindgen(unchecked_return_type = "LeniencyReport")]
    pub fn leniency(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AppraisalRecord[]")] records: JsValue,
        #[wasm_bindgen(unchecked_param_type = "object")] config: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let cfg = config_arg(config, LeniencyConfig::from_value)?;
        report(self.inner.leniency(&list_arg(&records, "leniency takes an array of records")?, &cfg))
    }

    /// The optional, explicit correction of rater leniency within rater pools (`config`
    /// `{method: "mean_shift" | "z_score", min_pool, min_ratings, dp}`, all optional): the
    /// audit (pools, raters, changes) and `records`, every input record with the corrected
    /// ones marked, to be scored as any records.
    #[wasm_bindgen(js_name = correctRatings, unchecked_return_type = "CorrectionReport")]
    pub fn correct_ratings(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AppraisalRecord[]")] records: JsValue,
        #[wasm_bindgen(unchecked_param_type = "object")] config: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let cfg = config_arg(config, CorrectionConfig::from_value)?;
        report(self.inner.correct_ratings(&list_arg(&records, "correctRatings takes an array of records")?, &cfg))
    }

    /// Shrinks the small-sample indicators whose scheme declares shrinkage toward their team's
    /// pooled mean (`teams` an object employee → team; none: one team per period): the team
    /// means, every shrunk value and `records`, every input record with its shrunk values under
    /// `shrunk`, to be scored as any records (scorecards show raw and shrunk).
    #[wasm_bindgen(unchecked_return_type = "ShrinkReport")]
    pub fn shrink(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AppraisalRecord[]")] records: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] teams: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let teams = config_arg(teams, teams_from_value)?;
        report(Ok(self.inner.shrink(&list_arg(&records, "shrink takes an array of records")?, &teams)))
    }

    /// Small samples, honestly: per record, the Wilson interval of every survey indicator (a
    /// percentage with its sample size) carried through its rubric to the total, and whether
    /// the grade is uncertain; `config` `{confidence, dp}`, all optional.
    #[wasm_bindgen(unchecked_return_type = "UncertaintyReport")]
    pub fn uncertainty(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AppraisalRecord[]")] records: JsValue,
        #[wasm_bindgen(unchecked_param_type = "object")] config: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let cfg = config_arg(config, UncertaintyConfig::from_value)?;
        report(self.inner.uncertainty(&list_arg(&records, "uncertainty takes an array of records")?, &cfg))
    }

    /// Inter-rater reliability of every multi-rater indicator over `records`: Krippendorff's
    /// alpha (nominal, ordinal, interval), ICC(2,1) and ICC(3,1), each exact and rounded once
    /// to `dp` decimals (default 4); records that fail their check are listed in `failures`.
    #[wasm_bindgen(unchecked_return_type = "ReliabilityReport")]
    pub fn reliability(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AppraisalRecord[]")] records: JsValue,
        dp: Option<u32>,
    ) -> Result<JsValue, JsValue> {
        report(self.inner.reliability(&list_arg(&records, "reliability takes an array of records")?, dp))
    }
}
