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
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// Every vector file, sorted by name.
pub fn vector_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
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
