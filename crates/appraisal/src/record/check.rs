//! The check of a record (one employee, one period) against a scheme, in one pass, in
//! document order (SPEC §6).

use crate::error::{ErrorCode as C, Issue, RecordError};
use crate::json::{decimal_of, shown, type_name, Reader};
use crate::number::{exact, parse_count};
use crate::rubric::{InputKind, Raw};
use crate::scheme::Scheme;
use serde_json::{Map, Value};

/// One indicator's input after checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    Absent,
    Single(Raw),
    /// (group index, rater, value or abstention)
    Ratings(Vec<(usize, Option<Raw>)>),
}

/// A record checked against its scheme: inputs by indicator position, events by index.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    pub employee: String,
    pub period: String,
    pub inputs: Vec<Input>,
    pub samples: Vec<Option<u64>>,
    pub events: Vec<u64>,
    /// Format 2: the record's attributes (SPEC §8.6), name → value.
    pub attributes: Vec<(String, String)>,
    /// The record's `rating_correction` mark, if any.
    pub correction: Option<super::adjusted::CorrectionMark>,
    /// Corrected rater scores: (indicator position, rating index, score).
    pub corrected: Vec<(usize, usize, rust_decimal::Decimal)>,
    /// Shrunk values: (indicator position, value).
    pub shrunk: Vec<(usize, rust_decimal::Decimal)>,
}

impl Checked {
    /// An empty record for `scheme` (every input absent).
    pub(crate) fn empty(scheme: &Scheme) -> Self {
        let n = scheme.indicator_index.len();
        Self {
            employee: String::new(),
            period: String::new(),
            inputs: vec![Input::Absent; n],
            samples: vec![None; n],
            events: vec![0; scheme.events.len()],
            attributes: Vec::new(),
            correction: None,
            corrected: Vec::new(),
            shrunk: Vec::new(),
        }
    }

    /// A record with no buffers yet, for a reader that resets it before use.
    pub(crate) fn blank() -> Self {
        Self {
            employee: String::new(),
            period: String::new(),
            inputs: Vec::new(),
            samples: Vec::new(),
            events: Vec::new(),
            attributes: Vec::new(),
            correction: None,
            corrected: Vec::new(),
            shrunk: Vec::new(),
        }
    }

    /// Empties the record for reuse, keeping its buffers.
    pub(crate) fn reset(&mut self, scheme: &Scheme) {
        let n = scheme.indicator_index.len();
        self.employee.clear();
        self.period.clear();
        self.inputs.clear();
        self.inputs.resize(n, Input::Absent);
        self.samples.clear();
        self.samples.resize(n, None);
        self.events.clear();
        self.events.resize(scheme.events.len(), 0);
        self.attributes.clear();
        self.correction = None;
        self.corrected.clear();
        self.shrunk.clear();
    }
}

/// Where an input sits (`values.aht`, `ratings.communication[1].value`), built into a path
/// string only when a problem is reported.
#[derive(Clone, Copy)]
struct Loc<'a> {
    section: &'static str,
    key: &'a str,
    item: Option<(usize, &'static str)>,
}

impl<'a> Loc<'a> {
    fn new(section: &'static str, key: &'a str) -> Self {
        Self { section, key, item: None }
    }
    fn at(self, i: usize, leaf: &'static str) -> Self {
        Self { item: Some((i, leaf)), ..self }
    }
}

impl std::fmt::Display for Loc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.section, self.key)?;
        if let Some((i, leaf)) = self.item {
            write!(f, "[{i}]")?;
            if !leaf.is_empty() {
                write!(f, ".{leaf}")?;
            }
        }
        Ok(())
    }
}

/// The employee and period of a raw record, where they are strings (for error reports).
pub fn identity(v: &Value) -> (Option<String>, Option<String>) {
    let get = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    (get("employee"), get("period"))
}

fn count(r: &mut Reader, v: &Value, path: Loc<'_>) -> Option<u64> {
    let n = match v {
        Value::Number(n) => parse_count(&n.to_string()),
        Value::String(s) => parse_count(s),
        _ => None,
    };
    if n.is_none() {
        r.push(
            C::InvalidCount,
            path.to_string(),
            format!("a count is a whole number from 0 to 1000000000, found {}", shown(v)),
        );
    }
    n
}

/// Converts one raw value for an indicator's rubric, checking range and domain.
fn raw_value(r: &mut Reader, scheme: &Scheme, flat: usize, v: &Value, path: Loc<'_>) -> Option<Raw> {
    let (cat, ind) = scheme.by_flat(flat)?;
    let _ = cat;
    let rubric = &ind.rubric;
    let raw = match rubric.input_kind() {
        InputKind::Number => match decimal_of(v) {
            Ok(d) => {
                if let Some((lo, hi)) = ind.valid_range {
                    if d < lo || d > hi {
                        r.push(
                            C::OutOfRange,
                            path.to_string(),
                            format!("{} is outside the valid range [{}, {}]", exact(d), exact(lo), exact(hi)),
                        );
                        return None;
                    }
                }
                Raw::Number(d)
            }
            Err(None) => {
                r.push(
                    C::WrongValueType,
                    path.to_string(),
                    format!("indicator {:?} takes a number, found {}", ind.id, type_name(v)),
                );
                return None;
            }
            Err(Some(e)) => {
                let code = C::UnparsableNumber;
                r.push(code, path.to_string(), format!("{}: {}", shown(v), e.describe()));
                return None;
            }
        },
        InputKind::Key => match v {
            Value::String(s) => Raw::Key(s.clone()),
            other => {
                r.push(
                    C::WrongValueType,
                    path.to_string(),
                    format!("indicator {:?} takes a level key as a string, found {}", ind.id, type_name(other)),
                );
                return None;
            }
        },
        InputKind::Bool => match v {
            Value::Bool(b) => Raw::Bool(*b),
            other => {
                r.push(
                    C::WrongValueType,
                    path.to_string(),
                    format!("indicator {:?} takes true or false, found {}", ind.id, type_name(other)),
                );
                return None;
            }
        },
    };
    if let Err(msg) = rubric.check_domain(&raw) {
        r.push(C::OutOfDomain, path.to_string(), msg);
        return None;
    }
    Some(raw)
}

fn section<'v>(r: &mut Reader, v: &'v Value, name: &str) -> Option<&'v Map<String, Value>> {
    match v {
        Value::Null => None,
        Value::Object(m) => Some(m),
        other => {
            r.push(C::InvalidType, name, format!("expected an object, found {}", type_name(other)));
            None
        }
    }
}

impl Scheme {
    pub(crate) fn by_flat(&self, flat: usize) -> Option<(&crate::scheme::Category, &crate::scheme::Indicator)> {
        let &(c, i) = self.flat.get(flat)?;
        let cat = self.def.categories.get(c)?;
        Some((cat, cat.indicators.get(i)?))
    }

    /// The position of an indicator named by a record, or an `unknown_indicator` error.
    fn lookup(&self, r: &mut Reader, id: &str, path: Loc<'_>) -> Option<usize> {
        let found = self.indicator_index.get(id).map(|&(_, _, flat)| flat);
        if found.is_none() {
            r.push(C::UnknownIndicator, path.to_string(), format!("no indicator {id:?} in scheme {:?}", self.def.id));
        }
        found
    }

    /// Checks a JSON record against this scheme: all problems, document order.
    pub(crate) fn check(&self, v: &Value) -> Result<Checked, RecordError> {
        // The size limit first, counted only up to the limit: O(min(size, 1 MiB)).
        if !crate::ingest::within(v, crate::number::limits::RECORD_BYTES) {
            return Err(RecordError {
                issues: vec![Issue::new(
                    C::LimitExceeded,
                    "",
                    format!("a record may have at most {} bytes of JSON", crate::number::limits::RECORD_BYTES),
                )],
            });
        }
        let mut r = Reader::default();
        let mut out = Checked::empty(self);
        let Value::Object(m) = v else {
            r.push(C::InvalidType, "", format!("a record is an object, found {}", type_name(v)));
            return Err(RecordError { issues: r.issues });
        };
        let mut seen_employee = false;
        let mut seen_period = false;
        // Format 2 (SPEC §8.6): a value given for an out-of-scope indicator is ignored, so the
        // scope is known before the values are read (the attributes are checked below).
        let out_of_scope: Vec<bool> = if self.def.format == crate::scheme::Format::V2 {
            let attrs: Vec<(&str, &str)> = m
                .get("attributes")
                .and_then(Value::as_object)
                .map(|a| a.iter().filter_map(|(k, v)| v.as_str().map(|v| (k.as_str(), v))).collect())
                .unwrap_or_default();
            self.indicators()
                .map(|(_, i)| i.applies_when.as_ref().is_some_and(|a| !a.holds(attrs.iter().copied())))
                .collect()
        } else {
            Vec::new()
        };
        let ignored = |flat: usize| out_of_scope.get(flat).copied().unwrap_or(false);
        for (k, val) in m {
            match k.as_str() {
                "employee" | "period" => {
                    if val.is_null() {
                        continue;
                    }
                    if let Some(s) = r.id(val, k) {
                        if k == "employee" {
                            seen_employee = true;
                            out.employee = s;
                        } else {
                            seen_period = true;
                            out.period = s;
                        }
                    } else if k == "employee" {
                        seen_employee = true;
                    } else {
                        seen_period = true;
                    }
                }
                "role" => {
                    if val.is_null() {
                        continue;
                    }
                    if let Some(role) = r.string(val, "role") {
                        let roles = &self.def.roles;
                        if !roles.is_empty() && !roles.contains(&role) {
                            r.push(C::RoleNotApplicable, "role", format!("scheme {:?} applies to {}, not to {role:?}", self.def.id, roles.join(", ")));
                        }
                    }
                }
                "values" => {
                    let Some(vals) = section(&mut r, val, "values") else { continue };
                    for (id, x) in vals {
                        let p = Loc::new("values", id);
                        let Some(flat) = self.lookup(&mut r, id, p) else { continue };
                        if ignored(flat) {
                            continue;
                        }
                        if x.is_null() {
                            continue;
                        }
                        if self.by_flat(flat).is_some_and(|(_, i)| i.raters.is_some()) {
                            r.push(C::ValueForMultiRater, p.to_string(), format!("indicator {id:?} is rated by several raters: give its ratings under \"ratings\""));
                            continue;
                        }
                        if let Some(raw) = raw_value(&mut r, self, flat, x, p) {
                            out.inputs[flat] = Input::Single(raw);
                        }
                    }
                }
                "samples" => {
                    let Some(vals) = section(&mut r, val, "samples") else { continue };
                    for (id, x) in vals {
                        let p = Loc::new("samples", id);
                        let Some(flat) = self.lookup(&mut r, id, p) else { continue };
                        if ignored(flat) {
                            continue;
                        }
                        if x.is_null() {
                            continue;
                        }
                        if let Some(c) = count(&mut r, x, p) {
                            out.samples[flat] = Some(c);
                        }
                    }
                }
                "ratings" => {
                    let Some(vals) = section(&mut r, val, "ratings") else { continue };
                    for (id, x) in vals {
                        let p = Loc::new("ratings", id);
                        let Some(flat) = self.lookup(&mut r, id, p) else { continue };
                        if ignored(flat) {
                            continue;
                        }
                        if x.is_null() {
                            continue;
                        }
                        let Some((_, ind)) = self.by_flat(flat) else { continue };
                        let Some(raters) = &ind.raters else {
                            r.push(C::RatingsForSingleValue, p.to_string(), format!("indicator {id:?} takes one value under \"values\", not ratings"));
                            continue;
                        };
                        let Value::Array(list) = x else {
                            r.push(C::InvalidType, p.to_string(), format!("expected an array, found {}", type_name(x)));
                            continue;
                        };
                        if list.len() > crate::number::limits::RATINGS {
                            r.push(C::LimitExceeded, p.to_string(), format!("at most {} ratings per indicator, found {}", crate::number::limits::RATINGS, list.len()));
                            continue;
                        }
                        let mut kept = Vec::with_capacity(list.len());
                        let mut seen_raters = Seen::with_capacity(list.len());
                        let mut ok = true;
                        for (i, item) in list.iter().enumerate() {
                            let Value::Object(im) = item else {
                                r.push(C::InvalidType, p.at(i, "").to_string(), format!("expected an object, found {}", type_name(item)));
                                ok = false;
                                continue;
                            };
                            for k in im.keys() {
                                if !matches!(k.as_str(), "group" | "rater" | "value" | "score") {
                                    r.push(C::UnknownField, format!("{}.{k}", p.at(i, "")), format!("unknown field {k:?}; expected one of: group, rater, value, score"));
                                }
                            }
                            let text = |r: &mut Reader, leaf: &'static str| -> Option<&str> {
                                match im.get(leaf) {
                                    None | Some(Value::Null) => {
                                        r.push(C::MissingField, p.at(i, leaf).to_string(), format!("required field {leaf:?} is missing"));
                                        None
                                    }
                                    Some(Value::String(s)) if leaf == "rater" && s.trim().is_empty() => {
                                        r.push(C::InvalidValue, p.at(i, leaf).to_string(), "an id must not be empty");
                                        None
                                    }
                                    Some(Value::String(s)) => Some(s.as_str()),
                                    Some(other) => {
                                        r.push(C::InvalidType, p.at(i, leaf).to_string(), format!("expected a string, found {}", type_name(other)));
                                        None
                                    }
                                }
                            };
                            let group = text(&mut r, "group");
                            let gi = group.and_then(|g| {
                                let gi = raters.groups.iter().position(|x| x.id == g);
                                if gi.is_none() {
                                    let known: Vec<&str> = raters.groups.iter().map(|x| x.id.as_str()).collect();
                                    r.push(C::UnknownRaterGroup, p.at(i, "group").to_string(), format!("no rater group {g:?}; groups are {}", known.join(", ")));
                                }
                                gi
                            });
                            let rater = text(&mut r, "rater");
                            if let Some(rid) = rater {
                                if seen_raters.contains(rid) {
                                    r.push(C::DuplicateRater, p.at(i, "rater").to_string(), format!("rater {rid:?} rates indicator {id:?} more than once"));
                                    ok = false;
                                }
                            }
                            if let Some(Value::String(s)) = im.get("rater") {
                                seen_raters.insert(s.as_str());
                            }
                            let value = match im.get("value") {
                                None => {
                                    r.push(C::MissingField, p.at(i, "value").to_string(), "a rating needs \"value\" (null to abstain)");
                                    ok = false;
                                    None
                                }
                                Some(Value::Null) => Some(None),
                                Some(x) => raw_value(&mut r, self, flat, x, p.at(i, "value")).map(Some),
                            };
                            // A corrected rater score (issue 15): only beside a rated value.
                            match (im.get("score"), &value) {
                                // No score, or no valid value (already reported).
                                (None | Some(Value::Null), _) | (Some(_), None) => {}
                                (Some(_), Some(None)) => r.push(C::InvalidValue, p.at(i, "score").to_string(), "an abstention has no corrected score"),
                                (Some(x), Some(Some(_))) => match super::adjusted::score(&mut r, self, x, &p.at(i, "score").to_string()) {
                                    Some(s) => out.corrected.push((flat, i, s)),
                                    None => ok = false,
                                },
                            }
                            match (gi, rater, value) {
                                (Some(g), Some(_), Some(v)) => kept.push((g, v)),
                                _ => ok = false,
                            }
                        }
                        if ok {
                            out.inputs[flat] = Input::Ratings(kept);
                        }
                    }
                }
                "events" => {
                    let Some(vals) = section(&mut r, val, "events") else { continue };
                    for (e, x) in vals {
                        let p = Loc::new("events", e);
                        let Some(&ei) = self.event_index.get(e) else {
                            r.push(C::UnknownEvent, p.to_string(), format!("no adjustment or veto counts event {e:?}"));
                            continue;
                        };
                        if x.is_null() {
                            continue;
                        }
                        if let Some(c) = count(&mut r, x, p) {
                            out.events[ei] = c;
                        }
                    }
                }
                "shrunk" => {
                    if let Some(vals) = section(&mut r, val, "shrunk") {
                        out.shrunk = super::adjusted::shrunk(&mut r, self, vals, ignored);
                    }
                }
                "rating_correction" => {
                    if !val.is_null() {
                        out.correction = super::adjusted::mark(&mut r, val);
                    }
                }
                "attributes" if self.def.format == crate::scheme::Format::V2 => {
                    let Some(vals) = section(&mut r, val, "attributes") else { continue };
                    for (name, x) in vals {
                        let p = format!("attributes.{name}");
                        if !self.indicators().any(|(_, i)| i.applies_when.as_ref().is_some_and(|a| &a.attribute == name)) {
                            r.push(C::UnknownAttribute, p, format!("no indicator of this scheme applies by attribute {name:?}"));
                            continue;
                        }
                        match x {
                            Value::Null => {}
                            Value::String(s) => out.attributes.push((name.clone(), s.clone())),
                            other => r.push(C::InvalidType, p, format!("an attribute is a string, found {}", type_name(other))),
                        }
                    }
                }
                other => r.push(
                    C::UnknownField,
                    other,
                    if self.def.format == crate::scheme::Format::V2 {
                        format!("unknown field {other:?}; expected one of: employee, period, role, attributes, values, samples, ratings, events, rating_correction, shrunk")
                    } else {
                        format!("unknown field {other:?}; expected one of: employee, period, role, values, samples, ratings, events, rating_correction, shrunk")
                    },
                ),
            }
        }
        if out.correction.is_none() && !out.corrected.is_empty() && !m.contains_key("rating_correction") {
            r.push(
                C::MissingField,
                "rating_correction",
                "corrected scores need the record's \"rating_correction\" (a correction is never applied silently)",
            );
        }
        // A shrunk value stands beside its raw value and the sample it came from.
        for &(flat, _) in &out.shrunk {
            let Some((_, ind)) = self.by_flat(flat) else { continue };
            if !matches!(out.inputs[flat], Input::Single(_)) {
                let msg = "a shrunk value needs the record's own value under \"values\"";
                r.push(C::MissingField, format!("values.{}", ind.id), msg);
            }
            if out.samples[flat].is_none() {
                let msg = "a shrunk value needs the sample size it was shrunk for";
                r.push(C::MissingField, format!("samples.{}", ind.id), msg);
            }
        }
        if !seen_employee {
            r.push(C::MissingField, "employee", "required field \"employee\" is missing");
        }
        if !seen_period {
            r.push(C::MissingField, "period", "required field \"period\" is missing");
        }
        if r.issues.is_empty() {
            Ok(out)
        } else {
            Err(RecordError { issues: r.issues })
        }
    }
}

/// An issue list for a record that failed, with the record's identity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecordFailure {
    /// Employee, when the record gives one as a string.
    pub employee: Option<String>,
    /// Period, when the record gives one as a string.
    pub period: Option<String>,
    /// Every problem.
    pub errors: Vec<Issue>,
}

/// Rater ids seen so far on one indicator: a scan of a small array for the usual handful
/// (no allocation, no hashing), a hash set beyond, so the check stays linear on hostile lists.
// One local per indicator on the stack: its size is the point (no allocation).
#[allow(clippy::large_enum_variant)]
enum Seen<'a> {
    Few([&'a str; Seen::FEW], usize),
    Many(std::collections::HashSet<&'a str>),
}

impl<'a> Seen<'a> {
    const FEW: usize = 16;

    fn with_capacity(n: usize) -> Self {
        if n <= Self::FEW {
            Self::Few([""; Self::FEW], 0)
        } else {
            Self::Many(std::collections::HashSet::with_capacity(n))
        }
    }

    fn contains(&self, id: &str) -> bool {
        match self {
            Self::Few(v, n) => v.iter().take(*n).any(|x| *x == id),
            Self::Many(h) => h.contains(id),
        }
    }

    fn insert(&mut self, id: &'a str) {
        match self {
            Self::Few(v, n) => {
                if let Some(slot) = v.get_mut(*n) {
                    *slot = id;
                    *n = n.saturating_add(1);
                } else {
                    let mut h: std::collections::HashSet<&'a str> = v.iter().copied().collect();
                    h.insert(id);
                    *self = Self::Many(h);
                }
            }
            Self::Many(h) => {
                h.insert(id);
            }
        }
    }
}
