//! Result-application rules (结果应用, SPEC §7): conditions over the current result and the
//! employee's history, typed outcomes (bonus coefficient, salary adjustment, position action,
//! training topics), lookup matrices, priority and accumulation.

use crate::error::{ErrorCode as C, SchemeError};
use crate::json::{field, index, parse_text, Reader};
use crate::number::exact;
use crate::scheme::CmpOp;
use crate::score::{CategoryStatus, IndicatorStatus, Scorecard, Status};
use crate::text::Text;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The rule-set format this library reads.
pub const RULES_FORMAT: &str = "appraisal-rules/1";

/// What a condition compares.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Measure {
    /// The total.
    Total,
    /// A category score.
    Category(String),
    /// An indicator score.
    Indicator(String),
}

/// A condition over one period's result (and, for the history forms, earlier ones).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Condition {
    /// The grade is one of these.
    GradeIn(Vec<String>),
    /// The grade is this one or better.
    GradeAtLeast(String),
    /// The grade is this one or worse.
    GradeAtMost(String),
    /// A score compared with a value (never true when the score is N/A).
    Score(Measure, CmpOp, Decimal),
    /// A veto fired (`None`: any veto).
    VetoFired(Option<String>),
    /// The last `n` periods (the current one included) all meet the condition.
    Last(usize, Box<Condition>),
    /// At least `n` of the last `m` periods meet the condition.
    AtLeastOf(usize, usize, Box<Condition>),
    /// Every condition holds.
    All(Vec<Condition>),
    /// Some condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
    /// Always (a default rule).
    Always,
}

/// A value given directly or looked up in a matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Amount {
    /// A fixed value.
    Fixed(Decimal),
    /// A matrix lookup: grade × the matrix's banded dimension.
    Matrix(String),
}

/// Position actions.
pub const POSITION_ACTIONS: &[&str] = &["promotion_eligible", "improvement_plan", "transfer_review", "demotion_review"];

/// What a rule yields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Bonus coefficient.
    pub bonus_coefficient: Option<Amount>,
    /// Salary adjustment in percent.
    pub salary_adjustment_pct: Option<Amount>,
    /// Position action.
    pub position: Option<String>,
    /// Training topics (accumulate over rules).
    pub training: Vec<Text>,
}

/// A rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<Text>,
    /// Lower first; equal priorities keep document order.
    pub priority: i64,
    /// Condition.
    pub when: Condition,
    /// Outcome.
    pub then: Outcome,
}

/// A band of a matrix's second dimension: values below `below` (the last band has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixBand {
    /// Band id.
    pub id: String,
    /// Exclusive upper bound.
    pub below: Option<Decimal>,
}

/// A lookup matrix: grade × banded dimension → value (merit matrix, team-result matrix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Id.
    pub id: String,
    /// The context value it reads (e.g. `compa_ratio`, `team_result`).
    pub dimension: String,
    /// Bands in increasing order.
    pub bands: Vec<MatrixBand>,
    /// Grade → one value per band.
    pub values: BTreeMap<String, Vec<Decimal>>,
}

/// A validated rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    /// Id.
    id: String,
    /// Version.
    version: String,
    /// Name.
    name: Text,
    /// Grades, best first (the scheme's).
    grades: Vec<String>,
    /// Rules.
    rules: Vec<Rule>,
    /// Matrices.
    matrices: Vec<Matrix>,
}

/// A single-valued outcome with the rule that gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decided {
    /// The value (decimal text, or the action).
    pub value: String,
    /// The rule.
    pub rule: String,
}

/// A training topic with the rule that asked for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainingTopic {
    /// Topic in the requested language.
    pub topic: String,
    /// The rule.
    pub rule: String,
}

impl RuleSet {
    /// Id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Version.
    pub fn version(&self) -> &str {
        &self.version
    }
    /// Name.
    pub fn name(&self) -> &Text {
        &self.name
    }
    /// Grades, best first (the scheme's).
    pub fn grades(&self) -> &[String] {
        &self.grades
    }
    /// The rules, in priority order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
    /// The lookup matrices.
    pub fn matrices(&self) -> &[Matrix] {
        &self.matrices
    }
}

/// The outcomes for one employee and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    /// Employee.
    pub employee: String,
    /// Period.
    pub period: String,
    /// Grade of the current result.
    pub grade: Option<String>,
    /// Bonus coefficient.
    pub bonus_coefficient: Option<Decided>,
    /// Bonus amount, when the context gives `base_bonus` (and months).
    pub bonus: Option<String>,
    /// Salary adjustment percent.
    pub salary_adjustment_pct: Option<Decided>,
    /// Position action.
    pub position: Option<Decided>,
    /// Training topics (every matching rule's, without repeats).
    pub training: Vec<TrainingTopic>,
    /// Rules whose condition held, in priority order.
    pub fired: Vec<String>,
    /// Why something could not be decided.
    pub notes: Vec<String>,
}

impl RuleSet {
    /// Parses and validates rule-set JSON text: every problem at once.
    pub fn from_json(text: &str) -> Result<Self, SchemeError> {
        let v = parse_text(text).map_err(|i| SchemeError { issues: vec![i] })?;
        Self::from_value(&v)
    }

    /// Validates a rule set given as a JSON value.
    pub fn from_value(v: &Value) -> Result<Self, SchemeError> {
        let mut r = Reader::default();
        let rs = read_rules(&mut r, v);
        match rs {
            Some(x) if r.issues.is_empty() => Ok(x),
            _ => Err(SchemeError { issues: r.issues }),
        }
    }

    fn rank(&self, g: &str) -> Option<usize> {
        self.grades.iter().position(|x| x == g)
    }

    fn holds(&self, c: &Condition, history: &[&Scorecard]) -> bool {
        let Some(cur) = history.last() else { return false };
        let grade = cur.grade.as_deref().filter(|_| cur.status == Status::Complete);
        match c {
            Condition::Always => true,
            Condition::GradeIn(gs) => grade.is_some_and(|g| gs.iter().any(|x| x == g)),
            Condition::GradeAtLeast(g) => match (grade.and_then(|x| self.rank(x)), self.rank(g)) {
                (Some(a), Some(b)) => a <= b,
                _ => false,
            },
            Condition::GradeAtMost(g) => match (grade.and_then(|x| self.rank(x)), self.rank(g)) {
                (Some(a), Some(b)) => a >= b,
                _ => false,
            },
            Condition::Score(m, op, v) => {
                let s = match m {
                    Measure::Total => cur.total,
                    Measure::Category(id) => cur
                        .categories
                        .iter()
                        .find(|x| &x.id == id)
                        .filter(|x| x.status != CategoryStatus::NotApplicable)
                        .and_then(|x| x.score),
                    Measure::Indicator(id) => cur
                        .indicators
                        .iter()
                        .find(|x| &x.id == id)
                        .filter(|x| x.status == IndicatorStatus::Scored)
                        .and_then(|x| x.score),
                };
                s.is_some_and(|s| op.holds(s.cmp(v)))
            }
            Condition::VetoFired(id) => match id {
                None => !cur.vetoes.is_empty(),
                Some(id) => cur.vetoes.contains(id),
            },
            Condition::Last(n, inner) => {
                *n <= history.len() && (0..*n).all(|k| self.holds(inner, &history[..history.len().saturating_sub(k)]))
            }
            Condition::AtLeastOf(n, m, inner) => {
                let m = (*m).min(history.len());
                (0..m).filter(|&k| self.holds(inner, &history[..history.len().saturating_sub(k)])).count() >= *n
            }
            Condition::All(cs) => cs.iter().all(|x| self.holds(x, history)),
            Condition::Any(cs) => cs.iter().any(|x| self.holds(x, history)),
            Condition::Not(x) => !self.holds(x, history),
        }
    }

    fn amount(&self, a: &Amount, grade: &str, context: &BTreeMap<String, Decimal>) -> Result<Decimal, String> {
        match a {
            Amount::Fixed(d) => Ok(*d),
            Amount::Matrix(id) => {
                let m = self.matrices.iter().find(|m| &m.id == id).ok_or_else(|| format!("no matrix {id:?}"))?;
                let x = context
                    .get(&m.dimension)
                    .ok_or_else(|| format!("matrix {id:?} needs the context value {:?}", m.dimension))?;
                let col = m
                    .bands
                    .iter()
                    .position(|b| b.below.is_none_or(|below| *x < below))
                    .unwrap_or(m.bands.len().saturating_sub(1));
                m.values
                    .get(grade)
                    .and_then(|row| row.get(col))
                    .copied()
                    .ok_or_else(|| format!("matrix {id:?} has no value for grade {grade}"))
            }
        }
    }

    /// Applies the rules to the current result, with the employee's earlier results (oldest
    /// first). `context` gives matrix dimensions (`compa_ratio`, `team_result`, …) and, for the
    /// bonus amount, `base_bonus`, `months_served`, `months_in_period`. An incomplete current
    /// result fires no rule.
    pub fn apply(
        &self,
        current: &Scorecard,
        earlier: &[Scorecard],
        context: &BTreeMap<String, Decimal>,
        money_dp: u32,
        lang: &str,
    ) -> Application {
        let mut history: Vec<&Scorecard> = earlier.iter().collect();
        history.push(current);
        let mut app = Application {
            employee: current.employee.clone(),
            period: current.period.clone(),
            grade: current.grade.clone(),
            bonus_coefficient: None,
            bonus: None,
            salary_adjustment_pct: None,
            position: None,
            training: Vec::new(),
            fired: Vec::new(),
            notes: Vec::new(),
        };
        if current.status != Status::Complete || current.grade.is_none() {
            app.notes.push("the result is incomplete: no rule applies".into());
            return app;
        }
        let grade = current.grade.clone().unwrap_or_default();
        let mut order: Vec<usize> = (0..self.rules.len()).collect();
        order.sort_by_key(|&i| (self.rules[i].priority, i));
        for i in order {
            let rule = &self.rules[i];
            if !self.holds(&rule.when, &history) {
                continue;
            }
            app.fired.push(rule.id.clone());
            let mut decide = |slot: &mut Option<Decided>, a: &Option<Amount>, what: &str| {
                if let (None, Some(a)) = (&slot, a) {
                    match self.amount(a, &grade, context) {
                        Ok(v) => *slot = Some(Decided { value: exact(v).to_string(), rule: rule.id.clone() }),
                        Err(e) => app.notes.push(format!("{what} from rule {}: {e}", rule.id)),
                    }
                }
            };
            decide(&mut app.bonus_coefficient, &rule.then.bonus_coefficient, "bonus coefficient");
            decide(&mut app.salary_adjustment_pct, &rule.then.salary_adjustment_pct, "salary adjustment");
            if app.position.is_none() {
                if let Some(p) = &rule.then.position {
                    app.position = Some(Decided { value: p.clone(), rule: rule.id.clone() });
                }
            }
            for t in &rule.then.training {
                let topic = t.get(lang).to_string();
                if !app.training.iter().any(|x| x.topic == topic) {
                    app.training.push(TrainingTopic { topic, rule: rule.id.clone() });
                }
            }
        }
        if let (Some(coef), Some(base)) = (&app.bonus_coefficient, context.get("base_bonus")) {
            let months_in = context.get("months_in_period").copied().unwrap_or(Decimal::ONE);
            let served = context.get("months_served").copied().unwrap_or(months_in);
            let coef: Decimal = coef.value.parse().unwrap_or_default();
            match crate::pay::bonus(*base, coef, served, months_in, money_dp, crate::number::RoundingMode::HalfUp) {
                Ok(b) => app.bonus = Some(b.to_string()),
                Err(e) => app.notes.push(format!("bonus: {}", e.message)),
            }
        }
        app
    }
}

fn read_measure_cond(
    r: &mut Reader,
    m: &serde_json::Map<String, Value>,
    p: &str,
    measure: Measure,
) -> Option<Condition> {
    let op = r.required(m, p, "op").and_then(|o| r.string(o, &field(p, "op"))).and_then(|s| {
        let o = CmpOp::parse(&s);
        if o.is_none() {
            r.push(C::InvalidValue, field(p, "op"), format!("unknown operator {s:?}"));
        }
        o
    });
    let value = r.required(m, p, "value").and_then(|v| r.decimal(v, &field(p, "value")));
    Some(Condition::Score(measure, op?, value?))
}

fn read_condition(r: &mut Reader, v: &Value, p: &str, grades: &[String], depth: usize) -> Option<Condition> {
    if depth > 32 {
        r.push(C::InvalidValue, p, "conditions nested too deeply");
        return None;
    }
    let Value::Object(m) = v else {
        r.push(C::InvalidType, p, "a condition is an object");
        return None;
    };
    let grade = |r: &mut Reader, x: &Value, q: &str| -> Option<String> {
        let g = r.id(x, q)?;
        if !grades.contains(&g) {
            r.push(C::UnknownReference, q, format!("no grade {g:?} in \"grades\""));
            return None;
        }
        Some(g)
    };
    let kind = [
        "grade_in",
        "grade_at_least",
        "grade_at_most",
        "total",
        "category",
        "indicator",
        "veto_fired",
        "last",
        "at_least",
        "all",
        "any",
        "not",
        "always",
    ]
    .into_iter()
    .find(|k| m.contains_key(*k));
    let allowed: &[&str] = match kind {
        Some("total") => &["total", "op", "value"],
        Some("category") => &["category", "op", "value"],
        Some("indicator") => &["indicator", "op", "value"],
        Some("last") => &["last", "all"],
        Some("at_least") => &["at_least", "of_last", "meet"],
        Some(k) => match k {
            "grade_in" => &["grade_in"],
            "grade_at_least" => &["grade_at_least"],
            "grade_at_most" => &["grade_at_most"],
            "veto_fired" => &["veto_fired"],
            "all" => &["all"],
            "any" => &["any"],
            "not" => &["not"],
            _ => &["always"],
        },
        None => {
            r.push(C::InvalidValue, p, "unknown condition; expected grade_in, grade_at_least, grade_at_most, total, category, indicator, veto_fired, last, at_least, all, any, not or always");
            return None;
        }
    };
    r.object(v, p, allowed)?;
    let k = kind.unwrap_or("always");
    let q = field(p, k);
    let x = m.get(k).unwrap_or(&Value::Null);
    match k {
        "grade_in" => {
            let a = r.array(x, &q)?;
            let gs: Vec<String> = a.iter().enumerate().filter_map(|(i, g)| grade(r, g, &index(&q, i))).collect();
            (gs.len() == a.len()).then_some(Condition::GradeIn(gs))
        }
        "grade_at_least" => grade(r, x, &q).map(Condition::GradeAtLeast),
        "grade_at_most" => grade(r, x, &q).map(Condition::GradeAtMost),
        "total" => {
            if x != &Value::Bool(true) {
                r.push(C::InvalidValue, q, "write {\"total\": true, \"op\": …, \"value\": …}");
                return None;
            }
            read_measure_cond(r, m, p, Measure::Total)
        }
        "category" => {
            let id = r.id(x, &q)?;
            read_measure_cond(r, m, p, Measure::Category(id))
        }
        "indicator" => {
            let id = r.id(x, &q)?;
            read_measure_cond(r, m, p, Measure::Indicator(id))
        }
        "veto_fired" => match x {
            Value::Bool(true) => Some(Condition::VetoFired(None)),
            Value::String(s) if !s.is_empty() => Some(Condition::VetoFired(Some(s.clone()))),
            _ => {
                r.push(C::InvalidValue, q, "veto_fired is true (any veto) or a veto id");
                None
            }
        },
        "last" => {
            let n = r.small_int(x, &q, 1, 1000);
            let inner = r
                .required(m, p, "all")
                .and_then(|c| read_condition(r, c, &field(p, "all"), grades, depth.saturating_add(1)));
            Some(Condition::Last(n? as usize, Box::new(inner?)))
        }
        "at_least" => {
            let n = r.small_int(x, &q, 1, 1000);
            let of = r.required(m, p, "of_last").and_then(|o| r.small_int(o, &field(p, "of_last"), 1, 1000));
            let inner = r
                .required(m, p, "meet")
                .and_then(|c| read_condition(r, c, &field(p, "meet"), grades, depth.saturating_add(1)));
            let (n, of) = (n?, of?);
            if n > of {
                r.push(C::InvalidRange, p, format!("at_least {n} of the last {of} can never hold"));
                return None;
            }
            Some(Condition::AtLeastOf(n as usize, of as usize, Box::new(inner?)))
        }
        "all" | "any" => {
            let a = r.array(x, &q)?;
            let cs: Vec<Condition> = a
                .iter()
                .enumerate()
                .filter_map(|(i, c)| read_condition(r, c, &index(&q, i), grades, depth.saturating_add(1)))
                .collect();
            if cs.len() != a.len() {
                return None;
            }
            Some(if k == "all" { Condition::All(cs) } else { Condition::Any(cs) })
        }
        "not" => read_condition(r, x, &q, grades, depth.saturating_add(1)).map(|c| Condition::Not(Box::new(c))),
        _ => {
            if x != &Value::Bool(true) {
                r.push(C::InvalidValue, q, "write {\"always\": true}");
                return None;
            }
            Some(Condition::Always)
        }
    }
}

fn read_amount(r: &mut Reader, v: &Value, p: &str, matrices: &[String]) -> Option<Amount> {
    if let Value::Object(m) = v {
        r.object(v, p, &["matrix"])?;
        let id = r.required(m, p, "matrix").and_then(|x| r.id(x, &field(p, "matrix")))?;
        if !matrices.contains(&id) {
            r.push(C::UnknownReference, field(p, "matrix"), format!("no matrix {id:?}"));
            return None;
        }
        return Some(Amount::Matrix(id));
    }
    r.decimal(v, p).map(Amount::Fixed)
}

fn read_rules(r: &mut Reader, v: &Value) -> Option<RuleSet> {
    let m = r.object(v, "", &["format", "id", "version", "name", "grades", "rules", "matrices"])?;
    if let Some(f) = r.required(m, "", "format").and_then(|f| r.string(f, "format")) {
        if f != RULES_FORMAT {
            r.push(C::UnsupportedFormat, "format", format!("format {f:?} is not supported; expected {RULES_FORMAT:?}"));
        }
    }
    let id = r.required(m, "", "id").and_then(|x| r.id(x, "id"));
    let version = r.required(m, "", "version").and_then(|x| r.id(x, "version"));
    let name = r.required(m, "", "name").and_then(|x| crate::scheme_read::read_text(r, x, "name"));
    let grades: Vec<String> = r
        .required(m, "", "grades")
        .and_then(|g| r.array(g, "grades"))
        .map(|a| a.iter().enumerate().filter_map(|(i, x)| r.id(x, &index("grades", i))).collect())
        .unwrap_or_default();
    // Matrices first: rules refer to them.
    let mut matrices = Vec::new();
    if let Some(a) = Reader::optional(m, "matrices").and_then(|x| r.array(x, "matrices")) {
        for (i, x) in a.iter().enumerate() {
            let p = index("matrices", i);
            let Some(mm) = r.object(x, &p, &["id", "dimension", "bands", "values"]) else { continue };
            let mid = r.required(mm, &p, "id").and_then(|x| r.id(x, &field(&p, "id")));
            let dim = r.required(mm, &p, "dimension").and_then(|x| r.id(x, &field(&p, "dimension")));
            let bp = field(&p, "bands");
            let mut bands = Vec::new();
            if let Some(ba) = r.required(mm, &p, "bands").and_then(|x| r.array(x, &bp)) {
                for (j, b) in ba.iter().enumerate() {
                    let q = index(&bp, j);
                    let Some(bm) = r.object(b, &q, &["id", "below"]) else { continue };
                    let bid = r.required(bm, &q, "id").and_then(|x| r.id(x, &field(&q, "id")));
                    let below = Reader::optional(bm, "below").and_then(|x| r.decimal(x, &field(&q, "below")));
                    let last = j.saturating_add(1) == ba.len();
                    if below.is_none() && !last {
                        r.push(C::MissingField, field(&q, "below"), "every band but the last has \"below\"");
                    }
                    if let Some(bid) = bid {
                        bands.push(MatrixBand { id: bid, below });
                    }
                }
                for (j, w) in bands.windows(2).enumerate() {
                    if let (Some(a), Some(b)) = (w[0].below, w[1].below) {
                        if b <= a {
                            r.push(
                                C::InvalidRange,
                                field(&index(&bp, j.saturating_add(1)), "below"),
                                "band bounds must increase",
                            );
                        }
                    }
                }
            }
            let vp = field(&p, "values");
            let mut values = BTreeMap::new();
            if let Some(vm) = r
                .required(mm, &p, "values")
                .and_then(|x| r.object(x, &vp, &grades.iter().map(String::as_str).collect::<Vec<_>>()))
            {
                for (g, row) in vm {
                    let q = field(&vp, g);
                    if let Some(ra) = r.array(row, &q) {
                        if ra.len() != bands.len() {
                            r.push(
                                C::InvalidValue,
                                q.clone(),
                                format!("{} values for {} bands", ra.len(), bands.len()),
                            );
                        }
                        let vals: Vec<Decimal> =
                            ra.iter().enumerate().filter_map(|(j, x)| r.decimal(x, &index(&q, j))).collect();
                        values.insert(g.clone(), vals);
                    }
                }
                for g in &grades {
                    if !vm.contains_key(g) {
                        r.push(C::MissingField, field(&vp, g), format!("no row for grade {g:?}"));
                    }
                }
            }
            if let (Some(mid), Some(dim)) = (mid, dim) {
                if matrices.iter().any(|x: &Matrix| x.id == mid) {
                    r.push(C::DuplicateId, field(&p, "id"), format!("matrix id {mid:?} is used more than once"));
                }
                matrices.push(Matrix { id: mid, dimension: dim, bands, values });
            }
        }
    }
    let matrix_ids: Vec<String> = matrices.iter().map(|x| x.id.clone()).collect();
    let mut rules = Vec::new();
    let mut seen_ids: Vec<String> = Vec::new();
    if let Some(a) = r.required(m, "", "rules").and_then(|x| r.array(x, "rules")) {
        for (i, x) in a.iter().enumerate() {
            let p = index("rules", i);
            let Some(rm) = r.object(x, &p, &["id", "name", "priority", "when", "then"]) else { continue };
            let rid = r.required(rm, &p, "id").and_then(|x| r.id(x, &field(&p, "id")));
            let name =
                Reader::optional(rm, "name").and_then(|x| crate::scheme_read::read_text(r, x, &field(&p, "name")));
            let priority = match Reader::optional(rm, "priority") {
                None => Some(100),
                Some(x) => r.decimal(x, &field(&p, "priority")).and_then(|d| {
                    let ok = d.fract().is_zero();
                    if !ok {
                        r.push(C::InvalidValue, field(&p, "priority"), "priority is a whole number");
                    }
                    ok.then(|| d.trunc().normalize().mantissa()).and_then(|m| i64::try_from(m).ok())
                }),
            };
            let when = r.required(rm, &p, "when").and_then(|c| read_condition(r, c, &field(&p, "when"), &grades, 0));
            let tp = field(&p, "then");
            let then = r.required(rm, &p, "then").and_then(|t| {
                let tm = r.object(t, &tp, &["bonus_coefficient", "salary_adjustment_pct", "position", "training"])?;
                let mut o = Outcome::default();
                if let Some(x) = Reader::optional(tm, "bonus_coefficient") {
                    o.bonus_coefficient = read_amount(r, x, &field(&tp, "bonus_coefficient"), &matrix_ids);
                }
                if let Some(x) = Reader::optional(tm, "salary_adjustment_pct") {
                    o.salary_adjustment_pct = read_amount(r, x, &field(&tp, "salary_adjustment_pct"), &matrix_ids);
                }
                if let Some(x) = Reader::optional(tm, "position") {
                    let q = field(&tp, "position");
                    if let Some(s) = r.string(x, &q) {
                        if POSITION_ACTIONS.contains(&s.as_str()) {
                            o.position = Some(s);
                        } else {
                            r.push(
                                C::InvalidValue,
                                q,
                                format!("unknown position action {s:?}; expected {}", POSITION_ACTIONS.join(", ")),
                            );
                        }
                    }
                }
                if let Some(x) = Reader::optional(tm, "training") {
                    let q = field(&tp, "training");
                    if let Some(a) = r.array(x, &q) {
                        o.training = a
                            .iter()
                            .enumerate()
                            .filter_map(|(j, t)| crate::scheme_read::read_text(r, t, &index(&q, j)))
                            .collect();
                    }
                }
                if tm.is_empty() {
                    r.push(C::InvalidValue, tp.clone(), "a rule needs at least one outcome");
                }
                Some(o)
            });
            if let Some(rid) = &rid {
                if seen_ids.contains(rid) {
                    r.push(C::DuplicateId, field(&p, "id"), format!("rule id {rid:?} is used more than once"));
                }
                seen_ids.push(rid.clone());
            }
            if let (Some(id), Some(priority), Some(when), Some(then)) = (rid, priority, when, then) {
                rules.push(Rule { id, name, priority, when, then });
            }
        }
    }
    if grades.is_empty() {
        r.push(C::InvalidValue, "grades", "at least one grade is needed");
    }
    Some(RuleSet { id: id?, version: version?, name: name?, grades, rules, matrices })
}
