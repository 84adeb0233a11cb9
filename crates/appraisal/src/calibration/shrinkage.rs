//! Bayesian shrinkage of small-sample indicators toward their team mean (issue 15, point 4),
//! only for the indicators whose scheme declares it (`shrinkage: {prior, dp}`; off by
//! default). With n responses, a value x and the team's pooled mean m (Σ nⱼxⱼ / Σ nⱼ over the
//! team's records of the period, the record's own included), the shrunk value is
//! (n·x + prior·m) / (n + prior), rounded half up at the declared decimals: a CSAT of 3
//! responses moves most of the way to the team's, one of 300 hardly moves.
//!
//! Like the rater correction, the result is a new input: each record with its shrunk values
//! under `shrunk`, the raw values kept under `values`; scored, the scorecard shows both.

use crate::error::{ErrorCode as C, Issue};
use crate::exact::{Frac, X};
use crate::number::RoundingMode;
use crate::record::{Input, RecordFailure};
use crate::rubric::Raw;
use crate::scheme::Scheme;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Decimals of a reported team mean.
const MEAN_DP: u32 = 4;

/// A declared shrinkage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShrinkIndicator {
    /// Indicator id.
    pub indicator: String,
    /// The prior's weight, in responses.
    #[serde(with = "rust_decimal::serde::str")]
    pub prior: Decimal,
    /// Decimals of the shrunk value.
    pub dp: u32,
}

/// One team's pooled mean of one indicator in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamMean {
    /// Team (`None`: the employees the roster does not name, or everyone without a roster).
    pub team: Option<String>,
    /// Period.
    pub period: String,
    /// Indicator id.
    pub indicator: String,
    /// Records with a value and a sample size.
    pub records: usize,
    /// Their responses (Σ n).
    pub responses: u64,
    /// Σ n·x / Σ n, rounded half up at 4 decimals for the report (exact in the formula).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub mean: Option<Decimal>,
}

/// One shrunk value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShrinkChange {
    /// Employee.
    pub employee: String,
    /// Period.
    pub period: String,
    /// Team.
    pub team: Option<String>,
    /// Indicator id.
    pub indicator: String,
    /// The record's sample size.
    pub n: u64,
    /// The record's value.
    #[serde(with = "rust_decimal::serde::str")]
    pub raw: Decimal,
    /// The shrunk value.
    #[serde(with = "rust_decimal::serde::str")]
    pub shrunk: Decimal,
}

/// A shrinkage: the declared indicators, the team means, every shrunk value, the new input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShrinkReport {
    /// The indicators whose scheme declares shrinkage (none: nothing is shrunk).
    pub indicators: Vec<ShrinkIndicator>,
    /// Per team, period and indicator.
    pub teams: Vec<TeamMean>,
    /// Every shrunk value, in record order.
    pub changes: Vec<ShrinkChange>,
    /// Every input record, in order, with its shrunk values under `shrunk` (a record that fails
    /// its check as given, listed in `failures`).
    pub records: Vec<Value>,
    /// Records that fail their check, with their errors.
    pub failures: Vec<RecordFailure>,
}

/// `employee → team` from a JSON object of strings (the bindings' dict or object); a coded
/// error otherwise.
pub fn teams_from_value(v: &Value) -> Result<BTreeMap<String, String>, Issue> {
    let Value::Object(m) = v else {
        return Err(Issue::new(C::InvalidType, "teams", "teams is an object: employee → team"));
    };
    m.iter()
        .map(|(e, t)| match t {
            Value::String(t) => Ok((e.trim().to_string(), t.clone())),
            _ => Err(Issue::new(C::InvalidType, format!("teams.{e}"), "a team is a string")),
        })
        .collect()
}

/// `employee → team` from a roster CSV with `employee` and `team` columns (other columns
/// ignored); a coded error for a missing column, a bad row or an employee named twice.
pub fn teams_from_csv(text: &str) -> Result<BTreeMap<String, String>, Issue> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| Issue::new(C::InvalidValue, "roster", format!("not a CSV: {e}")))?;
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| Issue::new(C::MissingField, "roster", format!("the roster needs an {name:?} column")))
    };
    let (e, t) = (col("employee")?, col("team")?);
    let mut teams = BTreeMap::new();
    for (i, row) in rdr.records().enumerate() {
        let at = format!("roster[{i}]");
        let row = row.map_err(|err| Issue::new(C::InvalidValue, at.clone(), format!("not a CSV row: {err}")))?;
        let (Some(emp), Some(team)) = (row.get(e).map(str::trim), row.get(t).map(str::trim)) else {
            return Err(Issue::new(C::MissingField, at, "a roster row needs an employee and a team"));
        };
        if emp.is_empty() {
            return Err(Issue::new(C::InvalidValue, at, "an employee id must not be empty"));
        }
        if teams.insert(emp.to_string(), team.to_string()).is_some() {
            return Err(Issue::new(C::InvalidValue, at, format!("employee {emp:?} is on the roster twice")));
        }
    }
    Ok(teams)
}

/// One record's shrinkable value: (record, indicator position, x, n).
type Entry = (usize, usize, Decimal, u64);

impl Scheme {
    /// Shrinks every declared indicator of `records` (SPEC shape) toward its team mean (see
    /// the module documentation); `teams` maps employees to teams (an employee it does not
    /// name, or everyone when it is empty, is in the team `None`). Nothing is shrunk when the
    /// scheme declares no shrinkage.
    pub fn shrink(&self, records: &[Value], teams: &BTreeMap<String, String>) -> ShrinkReport {
        let declared: Vec<(usize, &crate::scheme::Indicator)> = self
            .indicators()
            .enumerate()
            .filter(|(_, (_, i))| i.shrinkage.is_some())
            .map(|(k, (_, i))| (k, i))
            .collect();
        let mut failures = Vec::new();
        let mut who: Vec<(String, String, Option<String>)> = vec![Default::default(); records.len()];
        // Records that pass their check; the others come back exactly as given.
        let mut good = vec![false; records.len()];
        // (team, period, indicator position) → entries
        let mut groups: BTreeMap<(Option<String>, String, usize), Vec<Entry>> = BTreeMap::new();
        for (ri, v) in records.iter().enumerate() {
            let Some(c) = self.checked_or_failure(v, &mut failures) else { continue };
            let team = teams.get(c.employee.trim()).cloned();
            for &(k, _) in &declared {
                if let (Input::Single(Raw::Number(x)), Some(n)) = (&c.inputs[k], c.samples[k]) {
                    if n > 0 {
                        groups.entry((team.clone(), c.period.clone(), k)).or_default().push((ri, k, *x, n));
                    }
                }
            }
            who[ri] = (c.employee, c.period, team);
            good[ri] = true;
        }
        let mut out = ShrinkReport {
            indicators: declared
                .iter()
                .filter_map(|(_, i)| {
                    let s = i.shrinkage?;
                    Some(ShrinkIndicator { indicator: i.id.clone(), prior: s.prior, dp: s.dp })
                })
                .collect(),
            teams: Vec::new(),
            changes: Vec::new(),
            records: Vec::new(),
            failures,
        };
        let mut shrunk: BTreeMap<(usize, usize), Decimal> = BTreeMap::new();
        for ((team, period, k), entries) in &groups {
            let Some((_, ind)) = self.by_flat(*k) else { continue };
            let Some(s) = ind.shrinkage else { continue };
            // m = Σ n·x / Σ n, exact.
            let (num, den) = entries.iter().fold((X::zero(), X::zero()), |(a, b), (_, _, x, n)| {
                (a.add(&X::from(*x).mul(&X::from(*n))), b.add(&X::from(*n)))
            });
            let m = Frac::new(num.clone(), den.clone());
            out.teams.push(TeamMean {
                team: team.clone(),
                period: period.clone(),
                indicator: ind.id.clone(),
                records: entries.len(),
                responses: entries.iter().map(|e| e.3).fold(0u64, u64::saturating_add),
                mean: m.as_ref().and_then(|m| m.round(MEAN_DP, RoundingMode::HalfUp)),
            });
            // (n·x + prior·num/den) / (n + prior) = (n·x·den + prior·num) / ((n + prior)·den)
            for &(ri, k, x, n) in entries {
                let top = X::from(x).mul(&X::from(n)).mul(&den).add(&X::from(s.prior).mul(&num));
                let bottom = X::from(n).add(&X::from(s.prior)).mul(&den);
                let Some(v) = Frac::new(top, bottom).and_then(|f| f.round(s.dp, RoundingMode::HalfUp)) else {
                    continue;
                };
                shrunk.insert((ri, k), v);
            }
        }
        for (&(ri, k), &v) in &shrunk {
            let (Some((_, ind)), Some((employee, period, team))) = (self.by_flat(k), who.get(ri)) else { continue };
            let Some(&(_, _, x, n)) =
                groups.get(&(team.clone(), period.clone(), k)).and_then(|es| es.iter().find(|e| e.0 == ri))
            else {
                continue;
            };
            out.changes.push(ShrinkChange {
                employee: employee.clone(),
                period: period.clone(),
                team: team.clone(),
                indicator: ind.id.clone(),
                n,
                raw: crate::number::exact(x),
                shrunk: v,
            });
        }
        out.records = records
            .iter()
            .enumerate()
            .map(|(ri, v)| if good[ri] { self.shrunk_record(v, ri, &shrunk) } else { v.clone() })
            .collect();
        out
    }

    /// Record `ri` with its shrunk values under `shrunk` (an earlier `shrunk` replaced); as
    /// given when it has none and had none.
    fn shrunk_record(&self, v: &Value, ri: usize, shrunk: &BTreeMap<(usize, usize), Decimal>) -> Value {
        let mine: Vec<(&(usize, usize), &Decimal)> = shrunk.range((ri, 0)..=(ri, usize::MAX)).collect();
        let Value::Object(m) = v else { return v.clone() };
        if mine.is_empty() && !m.contains_key("shrunk") {
            return v.clone();
        }
        let mut m: Map<String, Value> = m.clone();
        m.shift_remove("shrunk");
        if !mine.is_empty() {
            let section: Map<String, Value> = mine
                .iter()
                .filter_map(|((_, k), d)| Some((self.by_flat(*k)?.1.id.clone(), Value::String(d.to_string()))))
                .collect();
            m.insert("shrunk".into(), Value::Object(section));
        }
        Value::Object(m)
    }
}
