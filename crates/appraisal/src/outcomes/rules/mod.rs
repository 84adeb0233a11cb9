//! Result-application rules (结果应用, SPEC §7): conditions over the current result and the
//! employee's history, typed outcomes (bonus coefficient, salary adjustment, position action,
//! training topics), lookup matrices, priority and accumulation.

use crate::error::SchemeError;
use crate::json::{parse_text, Reader};
use crate::number::exact;
use crate::scheme::CmpOp;
use crate::score::{CategoryStatus, IndicatorStatus, Scorecard, Status};
use crate::text::Text;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

mod read;
use read::read_rules;

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
                        .find(|x| x.id == id)
                        .filter(|x| x.status != CategoryStatus::NotApplicable)
                        .and_then(|x| x.score),
                    Measure::Indicator(id) => cur
                        .indicators
                        .iter()
                        .find(|x| x.id == id)
                        .filter(|x| x.status == IndicatorStatus::Scored)
                        .and_then(|x| x.score),
                };
                s.is_some_and(|s| op.holds(s.cmp(v)))
            }
            Condition::VetoFired(id) => match id {
                None => !cur.vetoes.is_empty(),
                Some(id) => cur.vetoes.iter().any(|v| v == id),
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
            grade: current.grade.as_deref().map(str::to_string),
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
