//! SPEC §7 from JS: roll-ups, forced distribution, pool split, result-application rules and
//! calibration. Built with the `results` feature (the Node build); conversions only.

use super::{fail, from_js, opt_text_arg, out, text_arg, to_js, JsScheme};
use appraisal::Issue;
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_RESULTS: &'static str = r#"
export interface Rollup { employee: string; period: string; status: "complete" | "incomplete"; periods_used: number; total: string | null;
  categories: Array<{ id: string; score: string | null }>; natural_grade: string | null; grade: string | null; }
export interface ReliabilityReport { dp: number;
  indicators: Array<{ indicator: string; units: number; raters: number; pairable: number;
    alpha: { nominal: string | null; ordinal: string | null; interval: string | null };
    icc: { targets: number; raters: number; icc2_1: string | null; icc3_1: string | null } | null }>;
  failures: RecordFailure[]; }
export interface UncertaintyReport {
  config: { confidence: string; dp: number };
  records: Array<{ employee: string; period: string; total: string | null; grade: string | null;
    total_interval: { lo: string; hi: string } | null; grade_uncertain: boolean;
    boundaries: Array<{ grade: string; min: string }>;
    indicators: Array<{ indicator: string; value: string; sample: number;
      value_interval: { lo: string; hi: string }; score_interval: { lo: string; hi: string } }> }>;
  failures: RecordFailure[]; }
export interface LeniencyReport {
  config: { confidence: string; min_ratings: number; dp: number };
  raters: Array<{ rater: string; ratings: number; deviation: string | null;
    interval: { lo: string; hi: string } | null; flag: "lenient" | "severe" | null }>;
  failures: RecordFailure[]; }
export interface ShrinkReport {
  indicators: Array<{ indicator: string; prior: string; dp: number }>;
  teams: Array<{ team: string | null; period: string; indicator: string; records: number; responses: number; mean: string | null }>;
  changes: Array<{ employee: string; period: string; team: string | null; indicator: string; n: number; raw: string; shrunk: string }>;
  records: AppraisalRecord[];
  failures: RecordFailure[]; }
export interface CorrectionReport {
  config: { method: "mean_shift" | "z_score"; min_pool: number; min_ratings: number; dp: number };
  pools: Array<{ period: string; indicator: string; group: string; raters: number; ratings: number;
    mean: string | null; sd: string | null; corrected: boolean }>;
  raters: Array<{ period: string; indicator: string; group: string; rater: string; ratings: number;
    mean: string | null; shift: string | null; sd: string | null; corrected: boolean;
    reason: "pool_too_small" | "too_few_ratings" | "no_spread" | null }>;
  changes: Array<{ employee: string; period: string; indicator: string; rater: string; before: string; after: string }>;
  records: AppraisalRecord[];
  failures: RecordFailure[]; }
export interface CalibrationReport {
  config: { reference: string | null; confidence: string; min_contacts: number; dp: number };
  sessions: number; contacts: number;
  evaluators: Array<{ evaluator: string; contacts: number; alignment: string | null; deviation: string | null;
    interval: { lo: string; hi: string } | null; flag: "strict" | "lenient" | null;
    by_criterion: Array<{ indicator: string; contacts: number; alignment: string | null }> }>;
  criteria: Array<{ indicator: string; contacts: number; spread: string | null }>;
  strictest: string | null; most_lenient: string | null;
  reliability: Array<{ session: string; units: number; evaluators: number;
    alpha: { nominal: string | null; ordinal: string | null; interval: string | null };
    icc: { targets: number; raters: number; icc2_1: string | null; icc3_1: string | null } | null }>;
  failures: RecordFailure[]; }
export interface Placement { employee: string; rank: number | null; from: string | null; to: string | null; reason: string | null; }
export interface Distribution { population: number; applied: boolean;
  quotas: Array<{ grades: string[]; kind: "max" | "min"; pct: string; limit: number; count: number }>;
  people: Placement[]; ties: Array<{ employees: string[]; from: string; to: string[] }>; }
export interface Application { employee: string; period: string; grade: string | null;
  bonus_coefficient: { value: string; rule: string } | null; bonus: string | null;
  salary_adjustment_pct: { value: string; rule: string } | null; position: { value: string; rule: string } | null;
  training: Array<{ topic: string; rule: string }>; fired: string[]; notes: string[]; }
"#;

fn cards_from(v: &JsValue, what: &str) -> Result<Vec<appraisal::Scorecard>, JsValue> {
    serde_json::from_value(from_js(v)?).map_err(|e| {
        fail(
            format!("{what}: not a list of scorecards: {e}"),
            vec![Issue::new(appraisal::ErrorCode::InvalidType, what, e.to_string())],
        )
    })
}

fn decimal_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn decimal_from(v: &Value, what: &str) -> Result<appraisal::Decimal, JsValue> {
    let text = decimal_text(v);
    appraisal::number::parse_decimal(&text).map_err(|e| {
        fail(
            format!("{what}: {text}: {}", e.describe()),
            vec![Issue::new(appraisal::ErrorCode::UnparsableNumber, what, e.describe())],
        )
    })
}

fn decimals_from(v: &JsValue, what: &str) -> Result<Vec<appraisal::Decimal>, JsValue> {
    let Value::Array(list) = from_js(v)? else {
        return Err(fail(
            format!("{what} is a list"),
            vec![Issue::new(appraisal::ErrorCode::InvalidType, what, "expected a list")],
        ));
    };
    list.iter().enumerate().map(|(i, x)| decimal_from(x, &format!("{what}[{i}]"))).collect()
}

#[wasm_bindgen(js_class = Scheme)]
impl JsScheme {
    /// Saved results (a JSON array or JSON Lines as `scoreMany` or the CLI's
    /// `score --format json|jsonl` wrote them, or an array of scorecards) read back as batch
    /// entries, each checked to come from this scheme (digest). Throws AppraisalError listing
    /// every item that cannot be used.
    #[wasm_bindgen(js_name = readResults, unchecked_return_type = "BatchEntry[]")]
    pub fn read_results(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object[]")] saved: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = match saved.as_string() {
            Some(t) => t,
            None => from_js(&saved)?.to_string(),
        };
        let (entries, problems) = self.inner.read_results(&text);
        if !problems.is_empty() {
            return Err(fail("some saved results cannot be used".into(), problems));
        }
        Ok(js_sys::JSON::parse(&appraisal::entries_to_json(&entries)).unwrap_or(JsValue::NULL))
    }

    /// Rolls sub-period scorecards (oldest first) up; equal weights unless given.
    #[wasm_bindgen(unchecked_return_type = "Rollup")]
    pub fn rollup(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] employee: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] period: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Scorecard[]")] results: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Array<string | number> | null | undefined")] weights: JsValue,
        min_periods: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let min_periods = crate::opt_int_arg(min_periods.as_ref(), "min_periods")?;
        let (employee, period) = (text_arg(&employee, "employee")?, text_arg(&period, "period")?);
        let (employee, period) = (employee.as_str(), period.as_str());
        let cards = cards_from(&results, "results")?;
        let weights =
            if weights.is_null() || weights.is_undefined() { None } else { Some(decimals_from(&weights, "weights")?) };
        self.inner
            .rollup_cards(employee, period, &cards, weights.as_deref(), min_periods.map(|n| n as usize))
            .map(|r| out(&r))
            .map_err(|e| fail("invalid roll-up".into(), e))
    }
}

/// Forced distribution of scorecards under a configuration (object or JSON text).
#[wasm_bindgen(unchecked_return_type = "Distribution")]
pub fn distribute(
    #[wasm_bindgen(unchecked_param_type = "object | string")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scorecard[]")] results: JsValue,
) -> Result<JsValue, JsValue> {
    let cfg = appraisal::population::DistributionConfig::from_value(&from_js(&config)?)
        .map_err(|e| fail(e.to_string(), e.issues))?;
    let cards = cards_from(&results, "results")?;
    appraisal::population::distribute(&cfg, &cards).map(|d| out(&d)).map_err(|e| fail("cannot distribute".into(), e))
}

/// Splits a bonus pool: parts rounded down, leftover units to the largest remainders; the
/// parts (decimal strings) sum to the pool exactly.
#[wasm_bindgen(js_name = splitPool, unchecked_return_type = "string[]")]
pub fn split_pool(
    #[wasm_bindgen(unchecked_param_type = "string | number")] pool: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<string | number>")] weights: JsValue,
    money_dp: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let money_dp = crate::opt_int_arg(money_dp.as_ref(), "money_dp")?;
    let pool = decimal_from(&from_js(&pool)?, "pool")?;
    let ws = decimals_from(&weights, "weights")?;
    let parts = appraisal::pay::split_pool(pool, &ws, money_dp).map_err(|e| fail("invalid pool split".into(), e))?;
    Ok(out(&parts.iter().map(|p| p.to_string()).collect::<Vec<_>>()))
}

/// bonus = round(base × coefficient × months_served / months_in_period) at `money_dp` (default
/// 2) by `mode` (default half_up): one fraction, rounded once. A decimal string.
#[wasm_bindgen]
pub fn bonus(
    #[wasm_bindgen(unchecked_param_type = "string | number")] base: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] coefficient: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] months_served: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] months_in_period: JsValue,
    money_dp: Option<JsValue>,
    mode: Option<JsValue>,
) -> Result<String, JsValue> {
    let d = |v: &JsValue, what: &str| -> Result<appraisal::Decimal, JsValue> { decimal_from(&from_js(v)?, what) };
    let money_dp = crate::opt_int_arg(money_dp.as_ref(), "money_dp")?;
    let mode = match crate::opt_text_arg(mode.as_ref(), "mode")? {
        None => appraisal::RoundingMode::default(),
        Some(m) => appraisal::RoundingMode::parse(&m).ok_or_else(|| {
            let msg = format!("mode is half_up, half_even or down, found {m:?}");
            fail(msg.clone(), vec![Issue::new(appraisal::ErrorCode::InvalidValue, "mode", msg)])
        })?,
    };
    appraisal::pay::bonus(
        d(&base, "base")?,
        d(&coefficient, "coefficient")?,
        d(&months_served, "months_served")?,
        d(&months_in_period, "months_in_period")?,
        money_dp,
        mode,
    )
    .map(|b| b.to_string())
    .map_err(|e| fail(e.message.clone(), vec![e]))
}

/// Result-application rules.
#[wasm_bindgen(js_name = RuleSet)]
pub struct JsRuleSet {
    inner: Rc<appraisal::apply::RuleSet>,
}

#[wasm_bindgen(js_class = RuleSet)]
impl JsRuleSet {
    /// Parses and validates rule-set JSON text (or an object).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] source: JsValue,
    ) -> Result<JsRuleSet, JsValue> {
        let v = from_js(&source)?;
        appraisal::apply::RuleSet::from_value(&v)
            .map(|r| JsRuleSet { inner: Rc::new(r) })
            .map_err(|e| fail(e.to_string(), e.issues))
    }
    /// Rule-set id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_string()
    }
    /// Applies the rules to the current scorecard with earlier ones (oldest first) and a
    /// context (compa_ratio, team_result, base_bonus, months_served, months_in_period).
    #[wasm_bindgen(unchecked_return_type = "Application")]
    pub fn apply(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Scorecard")] current: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Scorecard[] | null | undefined")] earlier: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string | number> | null | undefined")] context: JsValue,
        lang: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.apply_inner(None, current, earlier, context, lang)
    }

    /// [`apply`] for results of `scheme`: they must come from it (digest), and money uses its
    /// `money_dp`, as the CLI does.
    #[wasm_bindgen(js_name = applyFor, unchecked_return_type = "Application")]
    pub fn apply_for(
        &self,
        scheme: &JsScheme,
        #[wasm_bindgen(unchecked_param_type = "Scorecard")] current: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Scorecard[] | null | undefined")] earlier: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string | number> | null | undefined")] context: JsValue,
        lang: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.apply_inner(Some(scheme), current, earlier, context, lang)
    }
}

impl JsRuleSet {
    fn apply_inner(
        &self,
        scheme: Option<&JsScheme>,
        current: JsValue,
        earlier: JsValue,
        context: JsValue,
        lang: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let lang = crate::lang_arg(lang.as_ref())?;
        let current: appraisal::Scorecard = serde_json::from_value(from_js(&current)?).map_err(|e| {
            fail(
                format!("current: not a scorecard: {e}"),
                vec![Issue::new(appraisal::ErrorCode::InvalidType, "current", e.to_string())],
            )
        })?;
        let earlier =
            if earlier.is_null() || earlier.is_undefined() { Vec::new() } else { cards_from(&earlier, "earlier")? };
        let mut ctx = std::collections::BTreeMap::new();
        if !(context.is_null() || context.is_undefined()) {
            if let Value::Object(m) = from_js(&context)? {
                for (k, v) in m {
                    let d = decimal_from(&v, &format!("context.{k}"))?;
                    ctx.insert(k, d);
                }
            }
        }
        match scheme {
            // with the scheme: its results only, money at its money_dp (as the CLI does)
            Some(s) => self.inner.apply_for(&s.inner, &current, &earlier, &ctx, lang),
            None => self.inner.apply_checked(&current, &earlier, &ctx, appraisal::number::DEFAULT_MONEY_DP, lang),
        }
        .map(|a| out(&a))
        .map_err(|e| fail("the rules cannot be applied".into(), e))
    }
}

/// The built-in rules that follow the handbook (chapter 5).
#[wasm_bindgen(js_name = builtinRules)]
pub fn builtin_rules() -> Result<JsRuleSet, JsValue> {
    appraisal::builtin_rules().map(|r| JsRuleSet { inner: Rc::new(r) }).map_err(|e| fail(e.to_string(), e.issues()))
}

/// The appraisal form (handbook appendix A): blank (no scorecard) or filled; "html" or "markdown".
#[wasm_bindgen(js_name = renderForm)]
pub fn render_form(
    scheme: &JsScheme,
    #[wasm_bindgen(unchecked_param_type = "Scorecard | null | undefined")] scorecard: JsValue,
    lang: Option<JsValue>,
    format: Option<JsValue>,
) -> Result<String, JsValue> {
    let (lang, format) = (crate::lang_arg(lang.as_ref())?, opt_text_arg(format.as_ref(), "format")?);
    let card: Option<appraisal::Scorecard> = if scorecard.is_null() || scorecard.is_undefined() {
        None
    } else {
        Some(serde_json::from_value(from_js(&scorecard)?).map_err(|e| {
            fail(
                format!("not a scorecard: {e}"),
                vec![Issue::new(appraisal::ErrorCode::InvalidType, "scorecard", e.to_string())],
            )
        })?)
    };
    let f = match format.as_deref() {
        None => appraisal::form::FormFormat::Html,
        Some(x) => appraisal::form::FormFormat::parse(x).ok_or_else(|| {
            let msg = format!("format is \"html\" or \"markdown\", found {x:?}");
            fail(msg.clone(), vec![Issue::new(appraisal::ErrorCode::InvalidValue, "format", msg)])
        })?,
    };
    Ok(appraisal::form::render_form(&scheme.inner, card.as_ref(), lang, f))
}

/// What changed between two scheme versions, in plain words.
#[wasm_bindgen(unchecked_return_type = "Array<{ kind: string; path: string; text: string }>")]
pub fn diff(old: &JsScheme, new: &JsScheme, lang: Option<JsValue>) -> Result<JsValue, JsValue> {
    let lang = crate::lang_arg(lang.as_ref())?;
    Ok(out(&appraisal::versions::diff(&old.inner, &new.inner, lang)))
}

/// Per-indicator analytics over scorecards (thresholds in percent; defaults 90 and 50).
#[wasm_bindgen(js_name = indicatorAnalytics, unchecked_return_type = "object[]")]
pub fn indicator_analytics(
    scheme: &JsScheme,
    #[wasm_bindgen(unchecked_param_type = "Scorecard[]")] results: JsValue,
    full_threshold: Option<JsValue>,
    na_threshold: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let full_threshold = opt_text_arg(full_threshold.as_ref(), "full_threshold")?;
    let na_threshold = opt_text_arg(na_threshold.as_ref(), "na_threshold")?;
    let cards = cards_from(&results, "results")?;
    let t = |x: Option<String>, what: &str| x.map(|s| decimal_from(&Value::String(s), what)).transpose();
    let (full, na) = (t(full_threshold, "full_threshold")?, t(na_threshold, "na_threshold")?);
    Ok(out(&appraisal::analytics::indicator_analytics(&scheme.inner, &cards, full, na)))
}

/// What a viewer (role) may see of a result in a process state, under the built-in handbook
/// policy or the given one.
#[wasm_bindgen(unchecked_return_type = "object")]
pub fn redact(
    #[wasm_bindgen(unchecked_param_type = "Scorecard")] scorecard: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] role: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] state: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object | null | undefined")] ratings: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<{ by: string; text: string }> | null | undefined")] comments: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object | null | undefined")] policy: JsValue,
) -> Result<JsValue, JsValue> {
    let bad = |what: &str, e: String| {
        fail(format!("{what}: {e}"), vec![Issue::new(appraisal::ErrorCode::InvalidValue, what, e)])
    };
    let (role, state) = (text_arg(&role, "role")?, text_arg(&state, "state")?);
    let (role, state) = (role.as_str(), state.as_str());
    let card: appraisal::Scorecard =
        serde_json::from_value(from_js(&scorecard)?).map_err(|e| bad("scorecard", e.to_string()))?;
    let role: appraisal::process::Role = role.parse().map_err(|e: Issue| fail(e.message.clone(), vec![e]))?;
    let state: appraisal::process::State = state.parse().map_err(|e: Issue| fail(e.message.clone(), vec![e]))?;
    let ratings = if ratings.is_null() || ratings.is_undefined() { None } else { Some(from_js(&ratings)?) };
    let comments: Vec<appraisal::visibility::Comment> = if comments.is_null() || comments.is_undefined() {
        Vec::new()
    } else {
        serde_json::from_value(from_js(&comments)?).map_err(|e| bad("comments", e.to_string()))?
    };
    let policy = if policy.is_null() || policy.is_undefined() {
        appraisal::visibility::Policy::handbook()
    } else {
        appraisal::visibility::Policy::from_value(&from_js(&policy)?)
    }
    .map_err(|e| fail(e.to_string(), e.issues))?;
    Ok(to_js(&appraisal::visibility::redact(&policy, role, state, &card, ratings.as_ref(), &comments)))
}

/// Checks an audit log: null when intact, else the message naming the first bad entry.
#[wasm_bindgen(js_name = verifyAudit)]
pub fn verify_audit(
    #[wasm_bindgen(unchecked_param_type = "object[]")] entries: JsValue,
) -> Result<Option<String>, JsValue> {
    let log: Vec<appraisal::process::AuditEntry> = serde_json::from_value(from_js(&entries)?).map_err(|e| {
        fail(format!("not an audit log: {e}"), vec![Issue::new(appraisal::ErrorCode::InvalidType, "", e.to_string())])
    })?;
    Ok(appraisal::process::verify(&log).err().map(|e| e.to_string()))
}

/// One appraisal moving through the process, with its audit log. Times are the caller's.
#[wasm_bindgen(js_name = Appraisal)]
pub struct JsAppraisal {
    inner: appraisal::process::Appraisal,
}

fn process_error(e: appraisal::process::ProcessError) -> JsValue {
    fail(e.to_string(), vec![e.issue()])
}

#[wasm_bindgen(js_class = Appraisal)]
impl JsAppraisal {
    /// A new appraisal in "draft"; `appealWindow` in seconds.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Scorecard")] scorecard: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] appeal_window: JsValue,
    ) -> Result<JsAppraisal, JsValue> {
        let card: appraisal::Scorecard = serde_json::from_value(from_js(&scorecard)?).map_err(|e| {
            fail(
                format!("not a scorecard: {e}"),
                vec![Issue::new(appraisal::ErrorCode::InvalidType, "scorecard", e.to_string())],
            )
        })?;
        Ok(JsAppraisal { inner: appraisal::process::Appraisal::new(card, seconds(&appeal_window)?) })
    }
    /// Current state.
    #[wasm_bindgen(getter)]
    pub fn state(&self) -> String {
        self.inner.state().as_str().to_string()
    }
    /// Moves to `to` as (actorId, role) at time `at` (seconds).
    pub fn advance(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] to: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] actor_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] role: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] at: JsValue,
        reason: Option<JsValue>,
    ) -> Result<(), JsValue> {
        let (to, actor_id, role) = (text_arg(&to, "to")?, text_arg(&actor_id, "actorId")?, text_arg(&role, "role")?);
        let (to, actor_id, role) = (to.as_str(), actor_id.as_str(), role.as_str());
        let reason = opt_text_arg(reason.as_ref(), "reason")?;
        let to: appraisal::process::State = to.parse().map_err(|mut e: Issue| {
            e.path = "to".into();
            fail(e.message.clone(), vec![e])
        })?;
        let role: appraisal::process::Role = role.parse().map_err(|e: Issue| fail(e.message.clone(), vec![e]))?;
        self.inner
            .advance(to, &appraisal::process::Actor::new(actor_id, role), seconds(&at)?, reason.as_deref())
            .map_err(process_error)
    }
    /// The employee appeals from feedback back to reviewing, inside the window.
    pub fn appeal(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] actor_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] at: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] reason: JsValue,
    ) -> Result<(), JsValue> {
        let (actor_id, reason) = (text_arg(&actor_id, "actorId")?, text_arg(&reason, "reason")?);
        let (actor_id, reason) = (actor_id.as_str(), reason.as_str());
        self.inner
            .appeal(
                &appraisal::process::Actor::new(actor_id, appraisal::process::Role::Employee),
                seconds(&at)?,
                reason,
            )
            .map_err(process_error)
    }
    /// The audit log.
    #[wasm_bindgen(getter, unchecked_return_type = "object[]")]
    pub fn audit(&self) -> JsValue {
        out(&self.inner.audit())
    }
}

/// A whole, non-negative number of seconds from a JS number.
fn seconds(x: &JsValue) -> Result<u64, JsValue> {
    let text = match from_js(x)? {
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    };
    appraisal::number::parse_seconds(&text).ok_or_else(|| {
        fail(
            format!("{text} is not a whole number of seconds"),
            vec![Issue::new(appraisal::ErrorCode::InvalidValue, "at", "a whole number of seconds")],
        )
    })
}
