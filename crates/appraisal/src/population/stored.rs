//! Stored results: scorecards saved yesterday (a database, another system, a file written by
//! `appraisal score --format json|jsonl`) read back for distribution, roll-ups and the rules.
//! A result must come from the scheme it is used with: its digest is checked.

use crate::error::{ErrorCode as C, Issue};
use crate::record::RecordFailure;
use crate::scheme::Scheme;
use crate::score::{BatchEntry, Scorecard};
use serde_json::Value;

/// One saved scorecard from its JSON value (SPEC's Appendix result shape, as `to_json`
/// writes it); every problem is an issue at `path`.
pub fn scorecard_from_value(v: &Value, path: &str) -> Result<Scorecard, Issue> {
    serde_json::from_value(v.clone())
        .map_err(|e| Issue::new(C::InvalidType, path, format!("not a scorecard in the SPEC result shape: {e}")))
}

/// One saved scorecard from JSON text.
pub fn scorecard_from_json(text: &str) -> Result<Scorecard, Issue> {
    let v = crate::ingest::parse_json(text)?;
    scorecard_from_value(&v, "")
}

impl Scheme {
    /// Whether `card` was scored with this scheme (same id, version and digest); else an
    /// `invalid_value` issue at `path.scheme`.
    pub fn check_result(&self, card: &Scorecard, path: &str) -> Result<(), Issue> {
        if card.scheme.digest == self.digest() {
            return Ok(());
        }
        Err(Issue::new(
            C::InvalidValue,
            if path.is_empty() { "scheme".to_string() } else { format!("{path}.scheme") },
            format!(
                "scored with scheme {:?} {:?} ({}), not with {:?} {:?} ({})",
                card.scheme.id,
                card.scheme.version,
                card.scheme.digest,
                self.id(),
                self.def().version,
                self.digest()
            ),
        ))
    }

    /// Saved batch entries (a JSON array, or JSON Lines, of what `score --format json|jsonl`
    /// prints) read back: a scorecard becomes an entry, a saved failure
    /// (`{employee, period, errors}`) stays a failure; an item that is neither, or a
    /// scorecard of another scheme, is reported at `results[i]` and left out.
    pub fn read_results(&self, text: &str) -> (Vec<BatchEntry>, Vec<Issue>) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let items: Vec<Result<Value, Issue>> = match crate::ingest::parse_json(text) {
            Ok(Value::Array(a)) => a.into_iter().map(Ok).collect(),
            Ok(one @ Value::Object(_)) => vec![Ok(one)],
            _ => text.lines().filter(|l| !l.trim().is_empty()).map(crate::ingest::record_text).collect(),
        };
        let mut entries = Vec::new();
        let mut issues = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let path = format!("results[{i}]");
            let v = match item {
                Ok(v) => v,
                Err(mut e) => {
                    e.path = path;
                    issues.push(e);
                    continue;
                }
            };
            if let Some(errors) = v.get("errors").filter(|_| v.get("status").is_none()) {
                let errors: Vec<Issue> = serde_json::from_value(errors.clone()).unwrap_or_default();
                let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
                entries.push(Err(RecordFailure { employee: text("employee"), period: text("period"), errors }));
                continue;
            }
            match scorecard_from_value(&v, &path).and_then(|c| self.check_result(&c, &path).map(|()| c)) {
                Ok(c) => entries.push(Ok(c)),
                Err(e) => issues.push(e),
            }
        }
        (entries, issues)
    }
}
