//! A small reader over `serde_json::Value` that collects every problem with its path, so a
//! document is checked completely in one pass (serde's derive stops at the first error).

use crate::error::{ErrorCode, Issue};
use crate::number::{parse_decimal, NumberError};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// Joins a path and a field name.
pub(crate) fn field(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// Joins a path and a list index.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// The JSON type name, for messages.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Parses JSON text keeping numbers exact.
pub(crate) fn parse_text(text: &str) -> Result<Value, Issue> {
    crate::ingest::parse_json(text)
}

/// Collects issues while reading.
#[derive(Default)]
pub(crate) struct Reader {
    pub issues: Vec<Issue>,
    /// The scheme being read is format 2: SPEC §8's fields are allowed.
    pub v2: bool,
    /// The scheme's weights are relative (SPEC §8.1): lists sum to more than 0, not to 100.
    pub relative: bool,
}

impl Reader {
    pub fn push(&mut self, code: ErrorCode, path: impl Into<String>, message: impl Into<String>) {
        self.issues.push(Issue::new(code, path, message));
    }

    /// An object whose keys are all in `allowed`; unknown keys are reported.
    pub fn object<'v>(&mut self, v: &'v Value, path: &str, allowed: &[&str]) -> Option<&'v Map<String, Value>> {
        match v {
            Value::Object(m) => {
                for k in m.keys() {
                    if !allowed.contains(&k.as_str()) {
                        self.push(
                            ErrorCode::UnknownField,
                            field(path, k),
                            format!("unknown field {k:?}; expected one of: {}", allowed.join(", ")),
                        );
                    }
                }
                Some(m)
            }
            other => {
                self.push(ErrorCode::InvalidType, path, format!("expected an object, found {}", type_name(other)));
                None
            }
        }
    }

    /// [`Reader::object`] with format 2's extra fields allowed in a format-2 document only
    /// (in format 1 they are `unknown_field`, SPEC §8).
    pub fn object2<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        allowed: &[&str],
        v2_fields: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        if self.v2 {
            let all: Vec<&str> = allowed.iter().chain(v2_fields).copied().collect();
            self.object(v, path, &all)
        } else {
            self.object(v, path, allowed)
        }
    }

    /// A required field (absent or null: `missing_field`).
    pub fn required<'v>(&mut self, m: &'v Map<String, Value>, path: &str, name: &str) -> Option<&'v Value> {
        match m.get(name) {
            None | Some(Value::Null) => {
                self.push(ErrorCode::MissingField, field(path, name), format!("required field {name:?} is missing"));
                None
            }
            Some(v) => Some(v),
        }
    }

    /// An optional field (null means absent).
    pub fn optional<'v>(m: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
        match m.get(name) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    pub fn string(&mut self, v: &Value, path: &str) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                self.push(ErrorCode::InvalidType, path, format!("expected a string, found {}", type_name(other)));
                None
            }
        }
    }

    /// A non-empty identifier string.
    pub fn id(&mut self, v: &Value, path: &str) -> Option<String> {
        let s = self.string(v, path)?;
        if s.trim().is_empty() {
            self.push(ErrorCode::InvalidValue, path, "an id must not be empty");
            return None;
        }
        Some(s)
    }

    pub fn boolean(&mut self, v: &Value, path: &str) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                self.push(ErrorCode::InvalidType, path, format!("expected a boolean, found {}", type_name(other)));
                None
            }
        }
    }

    pub fn array<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Vec<Value>> {
        match v {
            Value::Array(a) => Some(a),
            other => {
                self.push(ErrorCode::InvalidType, path, format!("expected an array, found {}", type_name(other)));
                None
            }
        }
    }

    /// A decimal from a JSON number or a string in JSON-number grammar.
    pub fn decimal(&mut self, v: &Value, path: &str) -> Option<Decimal> {
        match decimal_of(v) {
            Ok(d) => Some(d),
            Err(None) => {
                self.push(
                    ErrorCode::InvalidType,
                    path,
                    format!("expected a decimal (JSON number or numeric string), found {}", type_name(v)),
                );
                None
            }
            Err(Some(e)) => {
                self.push(ErrorCode::UnparsableNumber, path, format!("{}: {}", shown(v), e.describe()));
                None
            }
        }
    }

    /// A non-negative integer (given as a number or a numeric string; `3.0` accepted).
    pub fn small_int(&mut self, v: &Value, path: &str, min: u64, max: u64) -> Option<u64> {
        let d = self.decimal(v, path)?;
        let n = crate::number::parse_count(&d.to_string());
        match n {
            Some(n) if n >= min && n <= max => Some(n),
            _ => {
                self.push(
                    ErrorCode::InvalidValue,
                    path,
                    format!("expected an integer from {min} to {max}, found {}", shown(v)),
                );
                None
            }
        }
    }
}

/// A value shown in a message.
pub(crate) fn shown(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(40).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// Reads a decimal: `Err(None)` for a non-numeric JSON type, `Err(Some(_))` for bad text.
pub(crate) fn decimal_of(v: &Value) -> Result<Decimal, Option<NumberError>> {
    match v {
        Value::Number(n) => parse_decimal(&n.to_string()).map_err(Some),
        Value::String(s) => parse_decimal(s).map_err(Some),
        _ => Err(None),
    }
}
