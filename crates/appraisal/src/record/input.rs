//! The typed record a Rust caller builds (values, samples, ratings, events), turned into the
//! JSON shape the check reads, so both inputs go through one check.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// A raw input value in a typed record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputValue {
    /// A decimal (numeric rubrics).
    Number(Decimal),
    /// A level key (scale rubrics).
    Key(String),
    /// A boolean (pass_fail rubrics).
    Bool(bool),
}

impl InputValue {
    fn to_value(&self) -> Value {
        match self {
            // Through JSON text, so the number stays exact (arbitrary_precision).
            Self::Number(d) => serde_json::from_str(&d.to_string()).unwrap_or(Value::Null),
            Self::Key(k) => Value::String(k.clone()),
            Self::Bool(b) => Value::Bool(*b),
        }
    }
}

impl From<Decimal> for InputValue {
    fn from(d: Decimal) -> Self {
        Self::Number(d)
    }
}
impl From<bool> for InputValue {
    fn from(b: bool) -> Self {
        Self::Bool(b)
    }
}
impl From<&str> for InputValue {
    fn from(s: &str) -> Self {
        Self::Key(s.to_string())
    }
}

/// One rating of a multi-rater indicator.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rating {
    /// Rater group id.
    pub group: String,
    /// Rater id.
    pub rater: String,
    /// The rating; `None` is an abstention.
    pub value: Option<InputValue>,
}

/// A typed record for Rust callers; [`Scheme::score_record`](crate::scheme::Scheme::score_record) checks it exactly as JSON input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    /// Employee id.
    pub employee: String,
    /// Period label (e.g. `2026-Q3`).
    pub period: String,
    /// Role, if given.
    pub role: Option<String>,
    /// Indicator → value (`None`: absent).
    pub values: Vec<(String, Option<InputValue>)>,
    /// Indicator → sample size.
    pub samples: Vec<(String, u64)>,
    /// Indicator → ratings.
    pub ratings: Vec<(String, Vec<Rating>)>,
    /// Event → count.
    pub events: Vec<(String, u64)>,
}

impl Record {
    /// A record without data.
    pub fn new(employee: impl Into<String>, period: impl Into<String>) -> Self {
        Self { employee: employee.into(), period: period.into(), ..Self::default() }
    }
    /// Sets the role.
    pub fn role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }
    /// Adds a value.
    pub fn value(mut self, indicator: impl Into<String>, v: impl Into<InputValue>) -> Self {
        self.values.push((indicator.into(), Some(v.into())));
        self
    }
    /// Adds a sample size.
    pub fn sample(mut self, indicator: impl Into<String>, n: u64) -> Self {
        self.samples.push((indicator.into(), n));
        self
    }
    /// Adds a rating.
    pub fn rating(
        mut self,
        indicator: impl Into<String>,
        group: impl Into<String>,
        rater: impl Into<String>,
        v: Option<InputValue>,
    ) -> Self {
        let indicator = indicator.into();
        let r = Rating { group: group.into(), rater: rater.into(), value: v };
        match self.ratings.iter_mut().find(|(k, _)| *k == indicator) {
            Some((_, list)) => list.push(r),
            None => self.ratings.push((indicator, vec![r])),
        }
        self
    }
    /// Adds an event count.
    pub fn event(mut self, event: impl Into<String>, n: u64) -> Self {
        self.events.push((event.into(), n));
        self
    }

    /// The JSON shape of SPEC's Appendix.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("employee".into(), Value::String(self.employee.clone()));
        m.insert("period".into(), Value::String(self.period.clone()));
        if let Some(r) = &self.role {
            m.insert("role".into(), Value::String(r.clone()));
        }
        m.insert(
            "values".into(),
            Value::Object(
                self.values
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_ref().map_or(Value::Null, InputValue::to_value)))
                    .collect(),
            ),
        );
        m.insert(
            "samples".into(),
            Value::Object(self.samples.iter().map(|(k, n)| (k.clone(), Value::from(*n))).collect()),
        );
        m.insert(
            "ratings".into(),
            Value::Object(
                self.ratings
                    .iter()
                    .map(|(k, list)| {
                        let items = list
                            .iter()
                            .map(|r| {
                                let mut o = Map::new();
                                o.insert("group".into(), Value::String(r.group.clone()));
                                o.insert("rater".into(), Value::String(r.rater.clone()));
                                o.insert("value".into(), r.value.as_ref().map_or(Value::Null, InputValue::to_value));
                                Value::Object(o)
                            })
                            .collect();
                        (k.clone(), Value::Array(items))
                    })
                    .collect(),
            ),
        );
        m.insert(
            "events".into(),
            Value::Object(self.events.iter().map(|(k, n)| (k.clone(), Value::from(*n))).collect()),
        );
        Value::Object(m)
    }
}
