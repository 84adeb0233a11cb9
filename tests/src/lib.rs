//! The golden corpus shared by every runtime (`tests/vectors/*.json`) and a Rust runner.
//!
//! A vector file: `{"name", "description", "scheme": <scheme JSON> | "builtin:<role>",
//! "records": [...], "expected": [...]}`. Each expected entry is the result JSON of SPEC's
//! Appendix, or `{"employee", "period", "errors": [{"code", "path"}]}` for a bad record (error
//! messages are prose and not compared), or, for a scheme that must be rejected,
//! `"scheme_errors": [{"code", "path"}]` instead of records.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The folder of the vectors.
/// A small deterministic generator (xorshift) for random populations in the tests.
pub struct G(pub u64);

impl G {
    /// A number in 0..k.
    pub fn n(&mut self, k: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % k.max(1)
    }

    /// A decimal in [lo, hi] with 0–3 decimals, as text.
    pub fn dec(&mut self, lo: i64, hi: i64) -> String {
        let dp = self.n(4) as u32;
        let f = 10i64.saturating_pow(dp);
        let span = (hi.saturating_sub(lo)).saturating_mul(f) as u64;
        let m = lo.saturating_mul(f).saturating_add(self.n(span.saturating_add(1)) as i64);
        appraisal::Decimal::new(m, dp).to_string()
    }
}

pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// Every vector file, sorted by name.
pub fn vector_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Errors with only code and path (messages are not part of the contract).
pub fn strip_messages(v: &Value) -> Value {
    match v {
        Value::Object(m) if m.contains_key("errors") => {
            let mut m = m.clone();
            if let Some(Value::Array(errs)) = m.get_mut("errors") {
                for e in errs.iter_mut() {
                    if let Value::Object(o) = e {
                        o.remove("message");
                    }
                }
            }
            Value::Object(m)
        }
        other => other.clone(),
    }
}

/// Replaces the `"sha256:*"` placeholder of expected results with the scheme's digest.
pub fn fill_digest(expected: &Value, digest: &str) -> Value {
    let mut e = expected.clone();
    if let Some(Value::Object(s)) = e.get_mut("scheme") {
        if s.get("digest").and_then(Value::as_str) == Some("sha256:*") {
            s.insert("digest".into(), Value::String(digest.to_string()));
        }
    }
    e
}

/// A form vector: each case rendered, its hand-checked pieces present, and its SHA-256
/// written to `out/corpus/forms.json` for the Python and Node runners to match byte for byte.
fn run_forms(name: &str, doc: &Value) -> Vec<String> {
    use sha2::{Digest, Sha256};
    let Ok(s) = appraisal::Scheme::from_value(&doc["scheme"]) else { return vec![format!("{name}: bad scheme")] };
    let Ok(card) = s.score_value(&doc["record"]) else { return vec![format!("{name}: bad record")] };
    let mut problems = Vec::new();
    let mut hashes = serde_json::Map::new();
    for (i, c) in doc["cases"].as_array().into_iter().flatten().enumerate() {
        let Some(format) = c["format"].as_str().and_then(appraisal::form::FormFormat::parse) else {
            problems.push(format!("{name} case {i}: bad format"));
            continue;
        };
        let filled = (c["filled"] == Value::Bool(true)).then_some(&card);
        let text = appraisal::form::render_form(&s, filled, c["lang"].as_str().unwrap_or("en"), format);
        for piece in c["contains"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !text.contains(piece) {
                problems.push(format!("{name} case {i}: {piece:?} missing"));
            }
        }
        let hex: String = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        hashes.insert(format!("{name}/{i}"), Value::String(hex));
    }
    for (i, c) in doc["errors"].as_array().into_iter().flatten().enumerate() {
        // the checks every front door makes, through the core
        let got = match (
            c["format"].as_str().and_then(appraisal::form::FormFormat::parse),
            c["lang"].as_str().map(str::parse::<appraisal::Lang>),
        ) {
            (None, _) => serde_json::json!({"code": "invalid_value", "path": "format"}),
            (_, Some(Err(e))) => serde_json::json!({"code": e.code.as_str(), "path": e.path}),
            _ => Value::Null,
        };
        if got != c["expected"] {
            problems.push(format!("{name} error case {i}: want {} got {got}", c["expected"]));
        }
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../out/corpus");
    let written = std::fs::create_dir_all(&out)
        .and_then(|()| std::fs::write(out.join(format!("{name}.json")), Value::Object(hashes).to_string()));
    if let Err(e) = written {
        problems.push(format!("{name}: cannot write the hashes: {e}"));
    }
    problems
}

/// A rules vector: each case's application (or first error) with the history checked.
fn run_rules(name: &str, doc: &Value) -> Vec<String> {
    let (Ok(s), Ok(rules)) =
        (appraisal::Scheme::from_value(&doc["scheme"]), appraisal::apply::RuleSet::from_value(&doc["rules"]))
    else {
        return vec![format!("{name}: bad scheme or rules")];
    };
    let card = |v: &Value| s.score_value(v).ok();
    let mut problems = Vec::new();
    for (i, c) in doc["cases"].as_array().into_iter().flatten().enumerate() {
        let (Some(cur), Some(hist)) =
            (card(&c["current"]), c["history"].as_array().into_iter().flatten().map(card).collect::<Option<Vec<_>>>())
        else {
            problems.push(format!("{name} case {i}: bad records"));
            continue;
        };
        let ctx: std::collections::BTreeMap<String, appraisal::Decimal> = c["context"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.clone(), appraisal::number::parse_decimal(v.as_str()?).ok()?)))
            .collect();
        let applied = if doc["for_scheme"] == Value::Bool(true) {
            rules.apply_for(&s, &cur, &hist, &ctx, "en")
        } else {
            rules.apply_checked(&cur, &hist, &ctx, appraisal::number::DEFAULT_MONEY_DP, "en")
        };
        let got = match applied {
            Ok(a) => serde_json::to_value(a).unwrap_or(Value::Null),
            Err(e) => serde_json::json!({"error": {"code": e[0].code.as_str(), "path": e[0].path}}),
        };
        // compared as text: key order is part of the contract
        let (g, w) = (got.to_string(), c["expected"].to_string());
        if g != w {
            problems.push(format!("{name} case {i}:\n  want {}\n  got  {got}", c["expected"]));
        }
    }
    problems
}

/// A process vector: each step's resulting state or error, then the audit chain intact and
/// tampered (an entry edited, an entry removed).
fn run_process(name: &str, doc: &Value) -> Vec<String> {
    use appraisal::process::{verify, Actor, Appraisal, Role, State};
    let Ok(s) = appraisal::Scheme::from_value(&doc["scheme"]) else { return vec![format!("{name}: bad scheme")] };
    let Ok(card) = s.score_value(&doc["record"]) else { return vec![format!("{name}: bad record")] };
    let mut a = Appraisal::new(card, doc["appeal_window"].as_u64().unwrap_or(0));
    let mut problems = Vec::new();
    for (i, st) in doc["steps"].as_array().into_iter().flatten().enumerate() {
        let t = |k: &str| st[k].as_str().unwrap_or("").to_string();
        let at = st["at"].as_u64().unwrap_or(0);
        let result = if t("op") == "appeal" {
            a.appeal(&Actor::new(t("actor"), Role::Employee), at, &t("reason"))
        } else {
            let (Ok(to), Ok(role)) = (t("to").parse::<State>(), t("role").parse::<Role>()) else {
                problems.push(format!("{name} step {i}: bad state or role"));
                continue;
            };
            a.advance(to, &Actor::new(t("actor"), role), at, st["reason"].as_str())
        };
        let got = match result {
            Ok(()) => serde_json::json!({"state": a.state().as_str()}),
            Err(e) => {
                let i = e.issue();
                serde_json::json!({"error": {"code": i.code.as_str(), "path": i.path}})
            }
        };
        if got != st["expected"] {
            problems.push(format!("{name} step {i}: want {} got {got}", st["expected"]));
        }
    }
    let log = a.audit().to_vec();
    if Some(log.len() as u64) != doc["audit"]["entries"].as_u64() {
        problems.push(format!("{name}: {} audit entries", log.len()));
    }
    for c in doc["audit"]["tamper"].as_array().into_iter().flatten() {
        let mut l = log.clone();
        let k = usize::try_from(c["index"].as_u64().unwrap_or(0)).unwrap_or(0);
        match c["how"].as_str() {
            Some("edit") => l[k].actor.id.push('X'),
            Some("remove") => {
                l.remove(k);
            }
            _ => {}
        }
        let got = verify(&l).err().map(|p| p.to_string());
        if got.as_deref() != c["expected"].as_str() {
            problems.push(format!("{name} tamper {c}: got {got:?}"));
        }
    }
    problems
}

/// Runs a vector of one of the operation kinds (`rollup`, `distribution`, `pool_split`,
/// `whatif`, `reliability`, `calibration`, `correction`, `shrinkage`, `scorecard_fields`, `leniency`, `uncertainty`, `steps`, `bonus`).
fn run_kind(kind: &str, name: &str, doc: &Value) -> Vec<String> {
    let scheme = || doc.get("scheme").map(appraisal::Scheme::from_value);
    let got: Value = match kind {
        "pool_split" => {
            let mut problems = Vec::new();
            for (i, c) in doc["cases"].as_array().into_iter().flatten().enumerate() {
                let d = |v: &Value| appraisal::number::parse_decimal(v.as_str().unwrap_or("")).unwrap_or_default();
                let weights: Vec<_> = c["weights"].as_array().into_iter().flatten().map(d).collect();
                let dp = u32::try_from(c["money_dp"].as_u64().unwrap_or(2)).unwrap_or(2);
                let got = appraisal::pay::split_pool(d(&c["pool"]), &weights, dp)
                    .map(|p| Value::Array(p.iter().map(|x| Value::String(x.to_string())).collect()))
                    .unwrap_or(Value::Null);
                if got != c["expected"] {
                    problems.push(format!("{name} case {i}: want {} got {got}", c["expected"]));
                }
            }
            return problems;
        }
        "steps" | "bonus" => {
            let mut problems = Vec::new();
            for (i, c) in doc["cases"].as_array().into_iter().flatten().enumerate() {
                let t = |k: &str| c[k].as_str().unwrap_or("").to_string();
                let got = if kind == "steps" {
                    appraisal::present::steps::render(&t("step"), &t("lang"))
                } else {
                    let d = |k: &str| appraisal::number::parse_decimal(&t(k)).unwrap_or_default();
                    let dp = u32::try_from(c["money_dp"].as_u64().unwrap_or(2)).unwrap_or(2);
                    let mode = appraisal::RoundingMode::parse(&t("mode")).unwrap_or_default();
                    appraisal::pay::bonus(
                        d("base"),
                        d("coefficient"),
                        d("months_served"),
                        d("months_in_period"),
                        dp,
                        mode,
                    )
                    .map(|b| b.to_string())
                    .unwrap_or_else(|e| e.to_string())
                };
                if c["expected"].as_str() != Some(got.as_str()) {
                    problems.push(format!("{name} case {i}: want {} got {got}", c["expected"]));
                }
            }
            return problems;
        }
        "process" => return run_process(name, doc),
        "rules" => return run_rules(name, doc),
        "form" => return run_forms(name, doc),
        "redact" => {
            let Some(Ok(s)) = scheme() else { return vec![format!("{name}: bad scheme")] };
            let (Ok(card), Ok(policy)) = (s.score_value(&doc["record"]), appraisal::visibility::Policy::handbook())
            else {
                return vec![format!("{name}: bad record or policy")];
            };
            let comments: Vec<appraisal::visibility::Comment> =
                serde_json::from_value(doc["comments"].clone()).unwrap_or_default();
            let mut problems = Vec::new();
            for (i, c) in doc["cases"].as_array().into_iter().flatten().enumerate() {
                let t = |k: &str| c[k].as_str().unwrap_or("").to_string();
                let (Ok(role), Ok(state)) =
                    (t("role").parse::<appraisal::process::Role>(), t("state").parse::<appraisal::process::State>())
                else {
                    problems.push(format!("{name} case {i}: bad role or state"));
                    continue;
                };
                let got = appraisal::visibility::redact(&policy, role, state, &card, Some(&doc["ratings"]), &comments);
                let want = fill_digest(&c["expected"], s.digest());
                // compared as text: key order is part of the contract
                let (g, w) = (got.to_string(), want.to_string());
                if g != w {
                    problems.push(format!("{name} case {i}:\n  want {w}\n  got  {g}"));
                }
            }
            return problems;
        }
        "analytics" => {
            let Some(Ok(s)) = scheme() else { return vec![format!("{name}: bad scheme")] };
            let recs = doc["records"].as_array().cloned().unwrap_or_default();
            let cards: Vec<appraisal::Scorecard> = s.score_batch(&recs).into_iter().filter_map(Result::ok).collect();
            serde_json::to_value(appraisal::analytics::indicator_analytics(&s, &cards, None, None))
                .unwrap_or(Value::Null)
        }
        "diff" => {
            let (Ok(old), Ok(new)) =
                (appraisal::Scheme::from_value(&doc["old"]), appraisal::Scheme::from_value(&doc["new"]))
            else {
                return vec![format!("{name}: bad schemes")];
            };
            serde_json::json!({
                "en": appraisal::versions::diff(&old, &new, "en"),
                "zh": appraisal::versions::diff(&old, &new, "zh"),
            })
        }
        "uncertainty" => {
            let Some(Ok(s)) = scheme() else { return vec![format!("{name}: bad scheme")] };
            let recs = doc["records"].as_array().cloned().unwrap_or_default();
            let cfg = match appraisal::calibration::UncertaintyConfig::from_value(&doc["config"]) {
                Ok(c) => c,
                Err(e) => return vec![format!("{name}: {}", e.message)],
            };
            match s.uncertainty(&recs, &cfg) {
                Ok(r) => serde_json::to_value(r).unwrap_or(Value::Null),
                Err(e) => return vec![format!("{name}: {}", e.message)],
            }
        }
        "leniency" => {
            let Some(Ok(s)) = scheme() else { return vec![format!("{name}: bad scheme")] };
            let recs = doc["records"].as_array().cloned().unwrap_or_default();
            let cfg = match appraisal::calibration::LeniencyConfig::from_value(&doc["config"]) {
                Ok(c) => c,
                Err(e) => return vec![format!("{name}: {}", e.message)],
            };
            match s.leniency(&recs, &cfg) {
                Ok(r) => serde_json::to_value(r).unwrap_or(Value::Null),
                Err(e) => return vec![format!("{name}: {}", e.message)],
            }
        }
        "scorecard_fields" => {
            // Selected fields of each scorecard (a missing field as null).
            let Some(Ok(s)) = scheme() else { return vec![format!("{name}: bad scheme")] };
            let fields: Vec<String> = serde_json::from_value(doc["fields"].clone()).unwrap_or_default();
            let recs = doc["records"].as_array().cloned().unwrap_or_default();
            Value::Array(
                recs.iter()
                    .map(|r| {
                        let card = s.score_entry(r).map(|c| serde_json::to_value(c).unwrap_or(Value::Null));
                        let card = card.unwrap_or(Value::Null);
                        Value::Object(
                            fields.iter().map(|f| (f.clone(), card.get(f).cloned().unwrap_or(Value::Null))).collect(),
                        )
                    })
                    .collect(),
            )
        }
        "shrinkage" => {
            let Some(Ok(s)) = scheme() else { return vec![format!("{name}: bad scheme")] };
            let recs = doc["records"].as_array().cloned().unwrap_or_default();
            let teams: std::collections::BTreeMap<String, String> =
                serde_json::from_value(doc["teams"].clone()).unwrap_or_default();
            serde_json::to_value(s.shrink(&recs, &teams)).unwrap_or(Value::Null)
        }
        "correction" => {
            let Some(Ok(s)) = scheme() else { return vec![format!("{name}: bad scheme")] };
            let recs = doc["records"].as_array().cloned().unwrap_or_default();
            let cfg = match appraisal::calibration::CorrectionConfig::from_value(&doc["config"]) {
                Ok(c) => c,
                Err(e) => return vec![format!("{name}: {}", e.message)],
            };
            match s.correct_ratings(&recs, &cfg) {
                Ok(r) => serde_json::to_value(r).unwrap_or(Value::Null),
                Err(e) => return vec![format!("{name}: {}", e.message)],
            }
        }
        "calibration" => {
            let Some(Ok(s)) = scheme() else { return vec![format!("{name}: bad scheme")] };
            let entries = doc["entries"].as_array().cloned().unwrap_or_default();
            let cfg = match appraisal::calibration::CalibrationConfig::from_value(&doc["config"]) {
                Ok(c) => c,
                Err(e) => return vec![format!("{name}: {}", e.message)],
            };
            match s.calibrate(&entries, &cfg) {
                Ok(r) => serde_json::to_value(r).unwrap_or(Value::Null),
                Err(e) => return vec![format!("{name}: {}", e.message)],
            }
        }
        "reliability" => {
            let Some(Ok(s)) = scheme() else { return vec![format!("{name}: bad scheme")] };
            let recs = doc["records"].as_array().cloned().unwrap_or_default();
            match s.reliability(&recs, doc["dp"].as_u64().and_then(|d| u32::try_from(d).ok())) {
                Ok(r) => serde_json::to_value(r).unwrap_or(Value::Null),
                Err(e) => return vec![format!("{name}: {}", e.message)],
            }
        }
        "whatif" => {
            let Some(Ok(s)) = scheme() else { return vec![format!("{name}: bad scheme")] };
            match s.whatif(&doc["record"], doc["target"].as_str()) {
                Ok(w) => serde_json::to_value(w).unwrap_or(Value::Null),
                Err(e) => return vec![format!("{name}: {e}")],
            }
        }
        "rollup" | "distribution" => {
            let Some(Ok(s)) = scheme() else { return vec![format!("{name}: bad scheme")] };
            let recs = doc["records"].as_array().cloned().unwrap_or_default();
            let cards: Vec<appraisal::Scorecard> = s.score_batch(&recs).into_iter().filter_map(Result::ok).collect();
            if kind == "rollup" {
                let weights: Option<Vec<_>> = doc["weights"].as_array().map(|a| {
                    a.iter()
                        .map(|w| appraisal::number::parse_decimal(w.as_str().unwrap_or("")).unwrap_or_default())
                        .collect()
                });
                let n = doc["min_periods"].as_u64().and_then(|n| usize::try_from(n).ok());
                let emp = doc["employee"].as_str().unwrap_or("");
                let per = doc["period"].as_str().unwrap_or("");
                // checked like every front door: one employee's periods, each once
                s.rollup_cards(emp, per, &cards, weights.as_deref(), n)
                    .map(|r| serde_json::to_value(r).unwrap_or(Value::Null))
                    .unwrap_or(Value::Null)
            } else {
                match appraisal::population::DistributionConfig::from_value(&doc["config"]) {
                    Ok(cfg) => appraisal::population::distribute(&cfg, &cards)
                        .map(|d| serde_json::to_value(d).unwrap_or(Value::Null))
                        .unwrap_or(Value::Null),
                    Err(e) => return vec![format!("{name}: bad config: {e}")],
                }
            }
        }
        other => return vec![format!("{name}: unknown kind {other}")],
    };
    // compared as text: key order is part of the contract
    let (g, w) = (got.to_string(), doc["expected"].to_string());
    if g == w {
        Vec::new()
    } else {
        vec![format!("{name}:\n  want {}\n  got  {got}", doc["expected"])]
    }
}

/// Runs one vector file; returns the mismatches as readable lines (empty: all agree).
pub fn run_vector(doc: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let name = doc.get("name").and_then(Value::as_str).unwrap_or("?").to_string();
    if let Some(kind) = doc.get("kind").and_then(Value::as_str) {
        return run_kind(kind, &name, doc);
    }
    let scheme_value = match doc.get("scheme") {
        Some(Value::String(s)) if s.starts_with("builtin:") => {
            match appraisal::builtin_scheme_json(&s["builtin:".len()..]).map(serde_json::from_str::<Value>) {
                Some(Ok(v)) => v,
                _ => return vec![format!("{name}: unknown built-in {s}")],
            }
        }
        Some(v) => v.clone(),
        None => return vec![format!("{name}: no scheme")],
    };
    let scheme = appraisal::Scheme::from_value(&scheme_value);
    if let Some(Value::Array(want)) = doc.get("scheme_errors") {
        let got: Vec<Value> = match &scheme {
            Ok(_) => Vec::new(),
            Err(e) => e.issues.iter().map(|i| serde_json::json!({"code": i.code, "path": i.path})).collect(),
        };
        if &got != want {
            problems.push(format!(
                "{name}: scheme errors\n  want {}\n  got  {}",
                Value::Array(want.clone()),
                Value::Array(got)
            ));
        }
        return problems;
    }
    let scheme = match scheme {
        Ok(s) => s,
        Err(e) => return vec![format!("{name}: scheme rejected: {e}")],
    };
    let records = doc.get("records").and_then(Value::as_array).cloned().unwrap_or_default();
    let expected = doc.get("expected").and_then(Value::as_array).cloned().unwrap_or_default();
    if records.len() != expected.len() {
        problems.push(format!("{name}: {} records but {} expected entries", records.len(), expected.len()));
    }
    for (i, (rec, want)) in records.iter().zip(&expected).enumerate() {
        let got = strip_messages(&appraisal::entry_to_value(&scheme.score_entry(rec)));
        let want = fill_digest(want, scheme.digest());
        let (g, w) = (got.to_string(), want.to_string());
        if g != w {
            problems.push(format!("{name} record {i}:\n  want {w}\n  got  {g}"));
        }
    }
    problems
}
