//! An employee's history for the result-application rules (SPEC §7): checked before any rule
//! sees it. History is the employee's own EARLIER periods, each once; the current period, a
//! later one, a repeated one or someone else's result is an error with its path, never a
//! silent extra "period" that makes "the last three periods were D" true from one D.

use crate::apply::{Application, RuleSet};
use crate::error::{ErrorCode as C, Issue};
use crate::score::{BatchEntry, Scorecard};
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// The months a period label covers, as (first, last) month numbers since year 0:
/// `2026` (a year), `2026-H1`/`H2`, `2026-Q1`…`Q4`, `2026-07` (a month). `None` for any
/// other label (such labels are only compared for equality).
pub fn period_span(label: &str) -> Option<(u32, u32)> {
    let (year, rest) = match label.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (label, None),
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u32 = year.parse().ok()?;
    let base = y.checked_mul(12)?;
    let (from, len) = match rest {
        None => (0, 12),
        Some(r) => {
            let (kind, n) = r.split_at(r.len().min(1));
            match (kind, n.parse::<u32>().ok()) {
                ("Q", Some(q @ 1..=4)) => (q.saturating_sub(1).saturating_mul(3), 3),
                ("H", Some(h @ 1..=2)) => (h.saturating_sub(1).saturating_mul(6), 6),
                _ if r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit()) => match r.parse::<u32>().ok()? {
                    m @ 1..=12 => (m.saturating_sub(1), 1),
                    _ => return None,
                },
                _ => return None,
            }
        }
    };
    Some((base.checked_add(from)?, base.checked_add(from)?.checked_add(len)?.checked_sub(1)?))
}

/// Whether period `a` ends before period `b` starts (`None` when either label is not one of
/// the forms [`period_span`] reads).
pub fn before(a: &str, b: &str) -> Option<bool> {
    let (a, b) = (period_span(a)?, period_span(b)?);
    Some(a.1 < b.0)
}

/// Checks one employee's history against the current result: same employee
/// (`invalid_value` at `history[i].employee`), each period once and not the current one
/// (`duplicate_id` at `history[i].period`), and strictly earlier when both labels are
/// periods the library reads (`invalid_value` at `history[i].period`).
pub fn check(current: &Scorecard, earlier: &[Scorecard]) -> Result<(), Vec<Issue>> {
    let mut issues = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, h) in earlier.iter().enumerate() {
        if h.employee != current.employee {
            issues.push(Issue::new(
                C::InvalidValue,
                format!("history[{i}].employee"),
                format!("a result of {:?} in the history of {:?}", h.employee, current.employee),
            ));
        }
        if h.period == current.period {
            issues.push(Issue::new(
                C::DuplicateId,
                format!("history[{i}].period"),
                format!("period {:?} is the current period, not history", h.period),
            ));
        } else if let Some(j) = seen.insert(h.period.as_str(), i) {
            issues.push(Issue::new(
                C::DuplicateId,
                format!("history[{i}].period"),
                format!("period {:?} is already history[{j}]; each earlier period once", h.period),
            ));
        } else if before(&h.period, &current.period) == Some(false) {
            issues.push(Issue::new(
                C::InvalidValue,
                format!("history[{i}].period"),
                format!("period {:?} is not before the current period {:?}", h.period, current.period),
            ));
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(issues)
    }
}

/// Sorts a checked history oldest first (by period when the labels are read, else as given).
fn oldest_first(mut h: Vec<Scorecard>) -> Vec<Scorecard> {
    h.sort_by(|a, b| match (period_span(&a.period), period_span(&b.period)) {
        (Some(x), Some(y)) => x.0.cmp(&y.0),
        _ => Ordering::Equal,
    });
    h
}

impl RuleSet {
    /// [`RuleSet::apply`] with the history checked first (see [`check`]) and `money_dp`
    /// within 0–10 (SPEC §0).
    pub fn apply_checked(
        &self,
        current: &Scorecard,
        earlier: &[Scorecard],
        context: &BTreeMap<String, Decimal>,
        money_dp: u32,
        lang: &str,
    ) -> Result<Application, Vec<Issue>> {
        if money_dp > 10 {
            return Err(vec![Issue::new(
                C::InvalidValue,
                "money_dp",
                format!("money_dp is an integer 0-10, found {money_dp}"),
            )]);
        }
        check(current, earlier)?;
        Ok(self.apply(current, &oldest_first(earlier.to_vec()), context, money_dp, lang))
    }

    /// [`RuleSet::apply_checked`] for results of `scheme`: the current result and the history
    /// must come from it (digest; `invalid_value` at `current.scheme` / `history[i].scheme`),
    /// and money amounts use its `money_dp`. Every front door applies rules this way when it
    /// knows the scheme (the CLI always does), so they agree on the bonus amount.
    pub fn apply_for(
        &self,
        scheme: &crate::scheme::Scheme,
        current: &Scorecard,
        earlier: &[Scorecard],
        context: &BTreeMap<String, Decimal>,
        lang: &str,
    ) -> Result<Application, Vec<Issue>> {
        let mut issues: Vec<Issue> = scheme.check_result(current, "current").err().into_iter().collect();
        for (i, h) in earlier.iter().enumerate() {
            if let Err(e) = scheme.check_result(h, &format!("history[{i}]")) {
                issues.push(e);
            }
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        self.apply_checked(current, earlier, context, scheme.rounding().money_dp, lang)
    }

    /// Applies the rules to a scored population with its history, joined by employee here:
    /// `past` is one scored batch per earlier input. An employee twice in one history input,
    /// or a history that fails [`check`], is reported (path `past[p][i]…`) and that employee
    /// gets no outcome; everyone else does. Bad records of the history inputs are reported too.
    pub fn apply_batches(
        &self,
        current: &[BatchEntry],
        past: &[Vec<BatchEntry>],
        contexts: &HashMap<String, BTreeMap<String, Decimal>>,
        money_dp: u32,
        lang: &str,
    ) -> (Vec<Application>, Vec<Issue>) {
        let mut issues = Vec::new();
        let mut by_emp: HashMap<&str, Vec<Scorecard>> = HashMap::new();
        let mut twice: HashMap<&str, Vec<Issue>> = HashMap::new();
        for (p, batch) in past.iter().enumerate() {
            let mut here: HashMap<&str, usize> = HashMap::new();
            for (i, e) in batch.iter().enumerate() {
                match e {
                    Ok(c) => {
                        if let Some(j) = here.insert(c.employee.as_str(), i) {
                            twice.entry(c.employee.as_str()).or_default().push(Issue::new(
                                C::DuplicateId,
                                format!("past[{p}][{i}].employee"),
                                format!("{:?} is already past[{p}][{j}]: two results in one history input", c.employee),
                            ));
                        }
                        by_emp.entry(c.employee.as_str()).or_default().push(c.clone());
                    }
                    Err(f) => {
                        for x in &f.errors {
                            issues.push(Issue::new(
                                x.code,
                                format!("past[{p}][{i}]{}{}", if x.path.is_empty() { "" } else { "." }, x.path),
                                x.message.clone(),
                            ));
                        }
                    }
                }
            }
        }
        let mut apps = Vec::new();
        for card in current.iter().flatten() {
            if let Some(t) = twice.get(card.employee.as_str()) {
                issues.extend(t.iter().cloned());
                continue;
            }
            let hist = by_emp.get(card.employee.as_str()).cloned().unwrap_or_default();
            let ctx = contexts.get(&card.employee).cloned().unwrap_or_default();
            match self.apply_checked(card, &hist, &ctx, money_dp, lang) {
                Ok(a) => apps.push(a),
                Err(e) => issues.extend(e.into_iter().map(|mut x| {
                    x.message = format!("{}: {}", card.employee, x.message);
                    x
                })),
            }
        }
        (apps, issues)
    }
}

impl RuleSet {
    /// The context values these rules read: every matrix's dimension, and the bonus amount's
    /// `base_bonus`, `months_served`, `months_in_period`.
    pub fn context_keys(&self) -> Vec<String> {
        let mut k: Vec<String> = self.matrices().iter().map(|m| m.dimension.clone()).collect();
        k.extend(["base_bonus", "months_served", "months_in_period"].map(String::from));
        k.sort();
        k.dedup();
        k
    }
}

/// Per-employee context for the rules from CSV text with an `employee` column. The columns
/// named in `keys` (see [`RuleSet::context_keys`]) are read as decimals: an empty cell is
/// absent, a cell that is not a decimal is `unparsable_number` at `rows[i].<column>`; other
/// columns (a roster's names and teams) are not read. An employee on two rows, or a column
/// named twice, is `duplicate_id` (nothing is guessed, nothing kept "last").
pub fn context_csv(text: &str, keys: &[String]) -> Result<HashMap<String, BTreeMap<String, Decimal>>, Vec<Issue>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| vec![Issue::new(C::InvalidValue, "columns", format!("bad context CSV: {e}"))])?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    crate::wide::check_header(&headers)?;
    let Some(emp) = headers.iter().position(|h| h == "employee") else {
        return Err(vec![Issue::new(C::MissingField, "columns", "the context CSV needs an \"employee\" column")]);
    };
    let mut out = HashMap::new();
    let mut issues = Vec::new();
    for (i, row) in rdr.records().enumerate() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                issues.push(Issue::new(C::InvalidValue, format!("rows[{i}]"), format!("bad context CSV row: {e}")));
                break;
            }
        };
        if row.len() > headers.len() {
            issues.push(Issue::new(C::InvalidValue, format!("rows[{i}]"), "more cells than columns"));
        }
        let id = row.get(emp).unwrap_or("").trim().to_string();
        let mut m = BTreeMap::new();
        for (k, cell) in row.iter().enumerate() {
            let (Some(h), cell) = (headers.get(k), cell.trim()) else { continue };
            if k == emp || cell.is_empty() || !keys.contains(h) {
                continue;
            }
            match crate::number::parse_decimal(cell) {
                Ok(d) => {
                    m.insert(h.clone(), d);
                }
                Err(e) => issues.push(Issue::new(
                    C::UnparsableNumber,
                    format!("rows[{i}].{h}"),
                    format!("{cell:?}: {}", e.describe()),
                )),
            }
        }
        if out.insert(id.clone(), m).is_some() {
            issues.push(Issue::new(
                C::DuplicateId,
                format!("rows[{i}].employee"),
                format!("employee {id:?} has two context rows"),
            ));
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_labels_order() {
        assert_eq!(period_span("2026-Q3"), Some((2026 * 12 + 6, 2026 * 12 + 8)));
        assert_eq!(before("2026-Q2", "2026-Q3"), Some(true));
        assert_eq!(before("2026-Q3", "2026-Q3"), Some(false));
        assert_eq!(before("2026-Q4", "2026-Q3"), Some(false));
        assert_eq!(before("2026-06", "2026-Q3"), Some(true));
        assert_eq!(before("2026-07", "2026-Q3"), Some(false), "July is inside Q3");
        assert_eq!(before("2025", "2026-H1"), Some(true));
        assert_eq!(before("2026-Q5", "2026-Q3"), None);
        assert_eq!(before("spring", "2026-Q3"), None);
    }
}
