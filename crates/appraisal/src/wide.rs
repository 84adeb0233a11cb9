//! The wide tabular layout (CSV, DataFrames): one row per employee-period, one column per
//! indicator. Shared by the CLI and the bindings so every runtime reads a table the same way.
//!
//! Columns:
//! - `employee`, `period`, `role`;
//! - `<indicator id>`: the value (a number, a level key, or `true`/`false` for pass/fail);
//! - `samples.<indicator id>`: the sample size; `events.<event>`: an event count;
//! - `ratings.<indicator id>`: ratings as `group:rater=value` separated by `;`
//!   (`group:rater=` abstains), e.g. `supervisor:M01=4; peer:P07=5; peer:P09=4`.
//!
//! An empty cell is absent. An unknown column becomes an unknown indicator (reported by the
//! record check with its path), never silently dropped.

use crate::rubric::InputKind;
use crate::scheme::Scheme;
use serde_json::{Map, Value};

fn bool_cell(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "pass" | "1" => Some(true),
        "false" | "no" | "n" | "fail" | "0" => Some(false),
        _ => None,
    }
}

/// Builds a record (SPEC JSON shape) from one row of the wide layout.
pub fn record_from_wide(scheme: &Scheme, headers: &[impl AsRef<str>], row: &[impl AsRef<str>]) -> Value {
    let mut rec = Map::new();
    let mut values = Map::new();
    let mut samples = Map::new();
    let mut ratings = Map::new();
    let mut events = Map::new();
    for (h, cell) in headers.iter().zip(row.iter()) {
        let h = h.as_ref().trim();
        let cell = cell.as_ref().trim();
        if cell.is_empty() {
            continue;
        }
        let text = Value::String(cell.to_string());
        if h == "employee" || h == "period" || h == "role" {
            rec.insert(h.to_string(), text);
        } else if let Some(id) = h.strip_prefix("samples.") {
            samples.insert(id.to_string(), text);
        } else if let Some(e) = h.strip_prefix("events.") {
            events.insert(e.to_string(), text);
        } else if let Some(id) = h.strip_prefix("ratings.") {
            let list: Vec<Value> = cell
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|item| {
                    let (who, value) = item.split_once('=').unwrap_or((item, ""));
                    let (group, rater) = who.split_once(':').unwrap_or(("", who));
                    let mut o = Map::new();
                    o.insert("group".into(), Value::String(group.trim().to_string()));
                    o.insert("rater".into(), Value::String(rater.trim().to_string()));
                    let value = value.trim();
                    o.insert(
                        "value".into(),
                        if value.is_empty() { Value::Null } else { Value::String(value.to_string()) },
                    );
                    Value::Object(o)
                })
                .collect();
            ratings.insert(id.to_string(), Value::Array(list));
        } else {
            let is_bool = scheme.indicator(h).is_some_and(|i| i.rubric.input_kind() == InputKind::Bool);
            let v = match (is_bool, bool_cell(cell)) {
                (true, Some(b)) => Value::Bool(b),
                _ => text,
            };
            values.insert(h.to_string(), v);
        }
    }
    for (k, m) in [("values", values), ("samples", samples), ("ratings", ratings), ("events", events)] {
        if !m.is_empty() {
            rec.insert(k.to_string(), Value::Object(m));
        }
    }
    Value::Object(rec)
}

/// The wide-layout header for a scheme: identity, every indicator (ratings columns for 360
/// indicators), the samples of indicators with `min_sample`, and every event.
pub fn wide_header(scheme: &Scheme) -> Vec<String> {
    let mut h = vec!["employee".to_string(), "period".to_string(), "role".to_string()];
    for (_, i) in scheme.indicators() {
        if i.raters.is_some() {
            h.push(format!("ratings.{}", i.id));
        } else {
            h.push(i.id.clone());
        }
    }
    for (_, i) in scheme.indicators() {
        if i.min_sample.is_some() {
            h.push(format!("samples.{}", i.id));
        }
    }
    for e in scheme.events() {
        h.push(format!("events.{e}"));
    }
    h
}
