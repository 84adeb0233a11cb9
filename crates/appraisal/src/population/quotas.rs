//! The forced distribution's configuration (强制分布, SPEC §7, §8.7): grades, quotas with
//! their operators and rounding, tie keys, the minimum population; read and checked with every
//! problem at once.

use crate::error::{ErrorCode as C, SchemeError};
use crate::json::{field, index, Reader};
use crate::number::exact;
use rust_decimal::Decimal;
use serde_json::Value;

/// A quota: at most (`Max`), at least (`Min`) or exactly (`Target`, SPEC §8.7) this percentage
/// of the population in `grades`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    /// The set of grades.
    pub grades: Vec<String>,
    /// Cap on top grades, or floor on bottom grades.
    pub kind: QuotaKind,
    /// How n × pct / 100 becomes a head count (`None`: the default of the kind, SPEC §8.7).
    pub round: Option<QuotaRound>,
}

/// Direction and percentage of a quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum QuotaKind {
    /// `max_pct`, or `op: "<="`.
    Max(Decimal),
    /// `min_pct`, or `op: ">="`.
    Min(Decimal),
    /// `op: "="`: a max and a min on the same set (SAP's guideline "a + b = 30 %").
    Target(Decimal),
}

impl QuotaKind {
    /// The percentage.
    pub fn pct(self) -> Decimal {
        match self {
            Self::Max(p) | Self::Min(p) | Self::Target(p) => p,
        }
    }
    /// Whether it caps the set (max and target).
    pub fn caps(self) -> bool {
        matches!(self, Self::Max(_) | Self::Target(_))
    }
    /// Whether it fills the set (min and target).
    pub fn fills(self) -> bool {
        matches!(self, Self::Min(_) | Self::Target(_))
    }
}

/// A quota's rounding of n × pct / 100 to people (SPEC §8.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum QuotaRound {
    /// Up to the next whole person.
    Up,
    /// Down.
    Down,
    /// To the nearest, halves up.
    Nearest,
}

/// A tie-break key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TieKey {
    /// A category score.
    Category {
        /// Category id.
        id: String,
        /// Higher first.
        desc: bool,
    },
    /// An indicator score.
    Indicator {
        /// Indicator id.
        id: String,
        /// Higher first.
        desc: bool,
    },
    /// The base score, higher first.
    Base,
}

/// Forced distribution configuration (SPEC Appendix shape).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionConfig {
    /// Grades, best first.
    pub grades: Vec<String>,
    /// Quotas.
    pub quotas: Vec<Quota>,
    /// `strict` rounding (floor for max, ceil for min) instead of `lenient`.
    pub strict: bool,
    /// Tie-break keys after the total.
    pub tie_keys: Vec<TieKey>,
    /// Below this population nothing moves.
    pub min_population: u64,
}

/// The handbook's default forced distribution (SPEC's Appendix example): S at most 10 %, S and
/// A together at most 30 %, D at least 5 %, lenient rounding, ties by customer satisfaction,
/// applied from 5 people. Used when a caller gives no configuration.
pub const HANDBOOK_DISTRIBUTION: &str = r#"{"grades": ["S", "A", "B", "C", "D"],
 "quotas": [{"grades": ["S"], "max_pct": "10"}, {"grades": ["S", "A"], "max_pct": "30"}, {"grades": ["D"], "min_pct": "5"}],
 "rounding": "lenient", "tie_keys": [{"category": "customer_satisfaction", "order": "desc"}], "min_population": 5}"#;

impl DistributionConfig {
    /// Reads and validates a configuration: every problem at once.
    pub fn from_value(v: &Value) -> Result<Self, SchemeError> {
        let mut r = Reader::default();
        let cfg = read_config(&mut r, v);
        match cfg {
            Some(c) if r.issues.is_empty() => Ok(c),
            _ => Err(SchemeError { issues: r.issues }),
        }
    }
}

fn read_config(r: &mut Reader, v: &Value) -> Option<DistributionConfig> {
    let m = r.object(v, "", &["grades", "quotas", "rounding", "tie_keys", "min_population"])?;
    let grades: Option<Vec<String>> = r
        .required(m, "", "grades")
        .and_then(|g| r.array(g, "grades"))
        .map(|a| a.iter().enumerate().filter_map(|(i, x)| r.id(x, &index("grades", i))).collect());
    if let Some(gs) = &grades {
        if gs.is_empty() {
            r.push(C::InvalidValue, "grades", "at least one grade is needed");
        }
        for (i, g) in gs.iter().enumerate() {
            if gs[..i].contains(g) {
                r.push(C::DuplicateId, index("grades", i), format!("grade {g:?} is listed twice"));
            }
        }
    }
    let strict = match Reader::optional(m, "rounding") {
        None => false,
        Some(x) => match r.string(x, "rounding").as_deref() {
            Some("lenient") => false,
            Some("strict") => true,
            Some(other) => {
                r.push(C::InvalidValue, "rounding", format!("unknown rounding {other:?}; expected lenient or strict"));
                false
            }
            None => false,
        },
    };
    let min_population = match Reader::optional(m, "min_population") {
        None => 0,
        Some(x) => r.small_int(x, "min_population", 0, crate::number::MAX_COUNT).unwrap_or(0),
    };
    let mut quotas = Vec::new();
    if let Some(a) = Reader::optional(m, "quotas").and_then(|q| r.array(q, "quotas")) {
        for (i, q) in a.iter().enumerate() {
            let p = index("quotas", i);
            let Some(qm) = r.object(q, &p, &["grades", "max_pct", "min_pct", "op", "pct", "round"]) else { continue };
            let gp = field(&p, "grades");
            let set: Vec<String> = r
                .required(qm, &p, "grades")
                .and_then(|g| r.array(g, &gp))
                .map(|a| a.iter().enumerate().filter_map(|(j, x)| r.id(x, &index(&gp, j))).collect())
                .unwrap_or_default();
            if let Some(gs) = &grades {
                for (j, g) in set.iter().enumerate() {
                    if !gs.contains(g) {
                        r.push(C::UnknownReference, index(&gp, j), format!("grade {g:?} is not in \"grades\""));
                    }
                }
            }
            let pct = |r: &mut Reader, key: &str| -> Option<Decimal> {
                let x = Reader::optional(qm, key)?;
                let d = r.decimal(x, &field(&p, key))?;
                if d < Decimal::ZERO || d > Decimal::ONE_HUNDRED {
                    r.push(C::InvalidValue, field(&p, key), format!("a percentage in [0, 100], found {}", exact(d)));
                    return None;
                }
                Some(d)
            };
            let round = match Reader::optional(qm, "round") {
                None => None,
                Some(x) => match r.string(x, &field(&p, "round")).as_deref() {
                    Some("up") => Some(QuotaRound::Up),
                    Some("down") => Some(QuotaRound::Down),
                    Some("nearest") => Some(QuotaRound::Nearest),
                    Some(other) => {
                        r.push(
                            C::InvalidValue,
                            field(&p, "round"),
                            format!("unknown round {other:?}; expected up, down or nearest"),
                        );
                        None
                    }
                    None => None,
                },
            };
            if qm.contains_key("round") && !qm.contains_key("op") {
                r.push(C::InvalidValue, field(&p, "round"), "round belongs to the {grades, op, pct} form");
            }
            let kind = if qm.contains_key("op") || qm.contains_key("pct") {
                for short in ["max_pct", "min_pct"] {
                    if qm.contains_key(short) {
                        r.push(
                            C::InvalidValue,
                            field(&p, short),
                            format!("a quota is {{grades, op, pct}} or has {short}, not both"),
                        );
                    }
                }
                let op = r.required(qm, &p, "op").and_then(|o| r.string(o, &field(&p, "op")));
                let pct = if qm.contains_key("pct") {
                    pct(r, "pct")
                } else {
                    r.push(C::MissingField, field(&p, "pct"), "required field \"pct\" is missing");
                    None
                };
                match (op.as_deref(), pct) {
                    (Some("<="), Some(x)) => Some(QuotaKind::Max(x)),
                    (Some(">="), Some(x)) => Some(QuotaKind::Min(x)),
                    (Some("="), Some(x)) => Some(QuotaKind::Target(x)),
                    (Some(other), _) if !matches!(other, "<=" | ">=" | "=") => {
                        r.push(C::InvalidValue, field(&p, "op"), format!("unknown op {other:?}; expected <=, >= or ="));
                        None
                    }
                    _ => None,
                }
            } else {
                match (qm.contains_key("max_pct"), qm.contains_key("min_pct")) {
                    (true, false) => pct(r, "max_pct").map(QuotaKind::Max),
                    (false, true) => pct(r, "min_pct").map(QuotaKind::Min),
                    (true, true) => {
                        r.push(C::InvalidValue, p.clone(), "a quota has either max_pct or min_pct, not both");
                        None
                    }
                    (false, false) => {
                        r.push(C::MissingField, field(&p, "max_pct"), "a quota needs max_pct, min_pct or {op, pct}");
                        None
                    }
                }
            };
            if let Some(kind) = kind {
                quotas.push((p, Quota { grades: set, kind, round }));
            }
        }
    }
    // No grade may be in both a max and a min quota (a target's set is exempt: SPEC §8.7).
    for (p, q) in &quotas {
        if let QuotaKind::Min(_) = q.kind {
            for g in &q.grades {
                if quotas.iter().any(|(_, o)| matches!(o.kind, QuotaKind::Max(_)) && o.grades.contains(g)) {
                    r.push(
                        C::InvalidValue,
                        field(p, "grades"),
                        format!("grade {g:?} is in both a max and a min quota"),
                    );
                }
            }
        }
    }
    let mut tie_keys = Vec::new();
    if let Some(a) = Reader::optional(m, "tie_keys").and_then(|t| r.array(t, "tie_keys")) {
        for (i, k) in a.iter().enumerate() {
            let p = index("tie_keys", i);
            let Some(km) = r.object(k, &p, &["category", "indicator", "base", "order"]) else { continue };
            let desc = match Reader::optional(km, "order") {
                None => true,
                Some(o) => match r.string(o, &field(&p, "order")).as_deref() {
                    Some("desc") => true,
                    Some("asc") => false,
                    _ => {
                        r.push(C::InvalidValue, field(&p, "order"), "order is desc or asc");
                        true
                    }
                },
            };
            let key = match (km.get("category"), km.get("indicator"), km.get("base")) {
                (Some(c), None, None) => r.id(c, &field(&p, "category")).map(|id| TieKey::Category { id, desc }),
                (None, Some(c), None) => r.id(c, &field(&p, "indicator")).map(|id| TieKey::Indicator { id, desc }),
                (None, None, Some(Value::Bool(true))) => Some(TieKey::Base),
                _ => {
                    r.push(C::InvalidValue, p.clone(), "a tie key is {category: id}, {indicator: id} or {base: true}");
                    None
                }
            };
            if let Some(k) = key {
                tie_keys.push(k);
            }
        }
    }
    Some(DistributionConfig {
        grades: grades?,
        quotas: quotas.into_iter().map(|(_, q)| q).collect(),
        strict,
        tie_keys,
        min_population,
    })
}
