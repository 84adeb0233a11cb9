//! Confidentiality (handbook 6.2): who sees which parts of a result in which process state,
//! as data; `redact` applies a policy to a view of one result.

use crate::error::{ErrorCode as C, SchemeError};
use crate::json::{field, index, Reader};
use crate::process::{Role, State};
use crate::score::Scorecard;
use serde::Serialize;
use serde_json::{Map, Value};

/// The parts of a result a policy grants.
pub const PARTS: &[&str] =
    &["total_grade", "category_scores", "indicator_details", "rater_identities", "reviewer_comments"];

const ROLES: &[(&str, Role)] = &[
    ("employee", Role::Employee),
    ("supervisor", Role::Supervisor),
    ("reviewer", Role::Reviewer),
    ("hr", Role::Hr),
    ("auditor", Role::Auditor),
];
const STATES: &[(&str, State)] = &[
    ("draft", State::Draft),
    ("collecting", State::Collecting),
    ("scoring", State::Scoring),
    ("reviewing", State::Reviewing),
    ("feedback", State::Feedback),
    ("confirmed", State::Confirmed),
    ("finalized", State::Finalized),
    ("applied", State::Applied),
];

/// One grant: this role, in these states, sees these parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Role.
    pub role: Role,
    /// States.
    pub states: Vec<State>,
    /// Parts (from [`PARTS`]).
    pub parts: Vec<String>,
}

/// A visibility policy: what is not granted is hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Grants.
    pub grants: Vec<Grant>,
}

/// The built-in policy following handbook 6.2 (confidentiality and security of appraisal data).
pub const HANDBOOK_POLICY: &str = r#"{"grants": [
 {"role": "employee", "states": ["feedback", "confirmed", "finalized", "applied"],
  "parts": ["total_grade", "category_scores", "indicator_details", "reviewer_comments"]},
 {"role": "supervisor", "states": ["scoring", "reviewing", "feedback", "confirmed", "finalized", "applied"],
  "parts": ["total_grade", "category_scores", "indicator_details", "reviewer_comments"]},
 {"role": "reviewer", "states": ["reviewing", "feedback", "confirmed", "finalized", "applied"],
  "parts": ["total_grade", "category_scores", "indicator_details", "rater_identities", "reviewer_comments"]},
 {"role": "hr", "states": ["draft", "collecting", "scoring", "reviewing", "feedback", "confirmed", "finalized", "applied"],
  "parts": ["total_grade", "category_scores", "indicator_details", "rater_identities", "reviewer_comments"]},
 {"role": "auditor", "states": ["finalized", "applied"],
  "parts": ["total_grade", "category_scores", "indicator_details", "rater_identities", "reviewer_comments"]}
]}"#;

impl Policy {
    /// Reads and validates a policy: every problem at once.
    pub fn from_value(v: &Value) -> Result<Self, SchemeError> {
        let mut r = Reader::default();
        let mut grants = Vec::new();
        if let Some(m) = r.object(v, "", &["grants"]) {
            if let Some(a) = r.required(m, "", "grants").and_then(|g| r.array(g, "grants")) {
                for (i, g) in a.iter().enumerate() {
                    let p = index("grants", i);
                    let Some(gm) = r.object(g, &p, &["role", "states", "parts"]) else { continue };
                    let role = r.required(gm, &p, "role").and_then(|x| r.string(x, &field(&p, "role"))).and_then(|s| {
                        let found = ROLES.iter().find(|(n, _)| *n == s).map(|(_, x)| *x);
                        if found.is_none() {
                            r.push(C::InvalidValue, field(&p, "role"), format!("unknown role {s:?}"));
                        }
                        found
                    });
                    let mut list = |key: &str, known: &[&str]| -> Vec<String> {
                        let q = field(&p, key);
                        let items: Vec<String> = r
                            .required(gm, &p, key)
                            .and_then(|x| r.array(x, &q))
                            .map(|a| a.iter().enumerate().filter_map(|(j, x)| r.string(x, &index(&q, j))).collect())
                            .unwrap_or_default();
                        for (j, it) in items.iter().enumerate() {
                            if !known.contains(&it.as_str()) {
                                r.push(C::InvalidValue, index(&q, j), format!("unknown {key} item {it:?}"));
                            }
                        }
                        items
                    };
                    let states: Vec<State> = list("states", &STATES.iter().map(|(n, _)| *n).collect::<Vec<_>>())
                        .iter()
                        .filter_map(|s| STATES.iter().find(|(n, _)| n == s).map(|(_, x)| *x))
                        .collect();
                    let parts = list("parts", PARTS);
                    if let Some(role) = role {
                        grants.push(Grant { role, states, parts });
                    }
                }
            }
        }
        if r.issues.is_empty() {
            Ok(Self { grants })
        } else {
            Err(SchemeError { issues: r.issues })
        }
    }

    /// The built-in handbook policy.
    pub fn handbook() -> Result<Self, SchemeError> {
        let v: Value = serde_json::from_str(HANDBOOK_POLICY).unwrap_or(Value::Null);
        Self::from_value(&v)
    }

    /// Does `role` see `part` in `state`?
    pub fn sees(&self, role: Role, state: State, part: &str) -> bool {
        self.grants.iter().any(|g| g.role == role && g.states.contains(&state) && g.parts.iter().any(|p| p == part))
    }
}

/// A reviewer's or supervisor's comment on a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Comment {
    /// Who.
    pub by: String,
    /// What.
    pub text: String,
}

/// What a viewer gets: the scorecard parts they may see, the ratings (rater ids only when
/// granted) and the comments (when granted). Hidden parts are absent, never blanked in place.
pub fn redact(
    policy: &Policy,
    role: Role,
    state: State,
    card: &Scorecard,
    ratings: Option<&Value>,
    comments: &[Comment],
) -> Value {
    let full = serde_json::to_value(card).unwrap_or(Value::Null);
    let mut out = Map::new();
    out.insert("employee".into(), full["employee"].clone());
    out.insert("period".into(), full["period"].clone());
    out.insert("scheme".into(), full["scheme"].clone());
    if policy.sees(role, state, "total_grade") {
        for k in [
            "status",
            "coverage",
            "base",
            "adjustments",
            "adjustment_total",
            "total",
            "vetoes",
            "natural_grade",
            "grade",
        ] {
            out.insert(k.into(), full[k].clone());
        }
    }
    if policy.sees(role, state, "category_scores") {
        out.insert("categories".into(), full["categories"].clone());
    }
    if policy.sees(role, state, "indicator_details") {
        out.insert("indicators".into(), full["indicators"].clone());
        if let Some(Value::Object(rs)) = ratings {
            let ids = policy.sees(role, state, "rater_identities");
            let rs: Map<String, Value> = rs
                .iter()
                .map(|(k, list)| {
                    let list = match list {
                        Value::Array(a) => Value::Array(
                            a.iter()
                                .map(|r| {
                                    let mut r = r.clone();
                                    if !ids {
                                        if let Value::Object(m) = &mut r {
                                            m.remove("rater");
                                        }
                                    }
                                    r
                                })
                                .collect(),
                        ),
                        other => other.clone(),
                    };
                    (k.clone(), list)
                })
                .collect();
            out.insert("ratings".into(), Value::Object(rs));
        }
    }
    if policy.sees(role, state, "reviewer_comments") {
        out.insert("comments".into(), serde_json::to_value(comments).unwrap_or(Value::Null));
    }
    Value::Object(out)
}
