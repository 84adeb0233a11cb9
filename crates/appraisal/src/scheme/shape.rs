//! The scheme's JSON shape (SPEC Appendix): every default written out, decimals as exact
//! strings. The canonical form and the digest are taken from it.

use super::*;
use crate::number::exact;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

fn dec(d: &Decimal) -> Value {
    Value::String(exact(*d).to_string())
}

impl SchemeDef {
    /// The JSON shape (Appendix), every default written out, decimals as exact strings.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("format".into(), json!(self.format.as_str()));
        if self.format == Format::V2 {
            // Format 2 writes its defaults too (SPEC §8); format 1 never has these fields.
            m.insert("weights".into(), json!(self.weights.as_str()));
            if let Some(r) = &self.rating {
                let mut o = Map::new();
                o.insert(
                    "points".into(),
                    json!(r.points.iter().map(|(x, y)| json!([dec(x), dec(y)])).collect::<Vec<_>>()),
                );
                if let Some(dp) = r.dp {
                    o.insert("dp".into(), json!(dp));
                }
                m.insert("rating".into(), Value::Object(o));
            }
        }
        m.insert("id".into(), json!(self.id));
        m.insert("version".into(), json!(self.version));
        m.insert("name".into(), self.name.to_value());
        m.insert("roles".into(), json!(self.roles));
        m.insert("period".into(), json!(self.period.as_str()));
        let mut eff = Map::new();
        eff.insert("from".into(), json!(self.effective.from));
        if let Some(u) = &self.effective.until {
            eff.insert("until".into(), json!(u));
        }
        m.insert("effective".into(), Value::Object(eff));
        m.insert(
            "rounding".into(),
            json!({"dp": self.rounding.dp, "mode": self.rounding.mode.as_str(), "money_dp": self.rounding.money_dp}),
        );
        m.insert(
            "missing".into(),
            json!({"policy": self.missing.policy.as_str(), "min_coverage": dec(&self.missing.min_coverage)}),
        );
        m.insert("categories".into(), Value::Array(self.categories.iter().map(category_value).collect()));
        m.insert("adjustments".into(), Value::Array(self.adjustments.iter().map(adjustment_value).collect()));
        m.insert("vetoes".into(), Value::Array(self.vetoes.iter().map(veto_value).collect()));
        let mut total = Map::new();
        total.insert("ceiling".into(), dec(&self.total.ceiling));
        if let Some(a) = &self.total.adjustment_min {
            total.insert("adjustment_min".into(), dec(a));
        }
        if let Some(a) = &self.total.adjustment_max {
            total.insert("adjustment_max".into(), dec(a));
        }
        m.insert("total".into(), Value::Object(total));
        if let Some(u) = &self.uncertainty {
            m.insert("uncertainty".into(), json!({"confidence": dec(&u.confidence), "dp": u.dp}));
        }
        m.insert(
            "grades".into(),
            Value::Array(
                self.grades
                    .iter()
                    .map(|g| {
                        let mut o = Map::new();
                        o.insert("id".into(), json!(g.id));
                        if let Some(n) = &g.name {
                            o.insert("name".into(), n.to_value());
                        }
                        o.insert("min".into(), dec(&g.min));
                        Value::Object(o)
                    })
                    .collect(),
            ),
        );
        Value::Object(m)
    }
}

fn category_value(c: &Category) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(c.id));
    m.insert("name".into(), c.name.to_value());
    m.insert("weight".into(), dec(&c.weight));
    if let Some(p) = &c.pool {
        m.insert("pool".into(), json!({"full": dec(&p.full), "floor": dec(&p.floor)}));
    }
    let pooled = c.pool.is_some();
    m.insert("indicators".into(), Value::Array(c.indicators.iter().map(|i| indicator_value(i, pooled)).collect()));
    Value::Object(m)
}

fn indicator_value(i: &Indicator, pooled: bool) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(i.id));
    m.insert("name".into(), i.name.to_value());
    m.insert("kind".into(), json!(i.kind.as_str()));
    m.insert("unit".into(), json!(i.unit));
    m.insert("source".into(), json!(i.source));
    if let Some(s) = &i.standard {
        m.insert("standard".into(), s.to_value());
    }
    if let Some((lo, hi)) = &i.valid_range {
        m.insert("valid_range".into(), json!([dec(lo), dec(hi)]));
    }
    if let Some(n) = i.min_sample {
        m.insert("min_sample".into(), json!(n));
    }
    if let Some(r) = &i.raters {
        let groups: Vec<Value> = r
            .groups
            .iter()
            .map(|g| json!({"id": g.id, "weight": dec(&g.weight), "min_raters": g.min_raters}))
            .collect();
        m.insert("raters".into(), json!({"groups": groups, "trim": r.trim}));
    }
    if !pooled {
        m.insert("weight".into(), dec(&i.weight));
    }
    m.insert("rubric".into(), i.rubric.to_value());
    if let Some(a) = &i.applies_when {
        m.insert("applies_when".into(), json!({"attribute": a.attribute, "in": a.values}));
    }
    if let Some(s) = &i.shrinkage {
        m.insert("shrinkage".into(), json!({"prior": dec(&s.prior), "dp": s.dp}));
    }
    Value::Object(m)
}

fn adjustment_value(a: &Adjustment) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(a.id));
    if let Some(n) = &a.name {
        m.insert("name".into(), n.to_value());
    }
    m.insert("event".into(), json!(a.event));
    m.insert("points_per_unit".into(), dec(&a.points_per_unit));
    if let Some(c) = &a.cap {
        m.insert("cap".into(), dec(c));
    }
    Value::Object(m)
}

fn veto_value(v: &Veto) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(v.id));
    if let Some(n) = &v.name {
        m.insert("name".into(), n.to_value());
    }
    let when = match &v.when {
        VetoWhen::Event { event, at_least } => json!({"event": event, "at_least": at_least}),
        VetoWhen::Indicator { indicator, op, value, on } => {
            let value = match value {
                VetoValue::Number(d) => dec(d),
                VetoValue::Key(k) => json!(k),
                VetoValue::Bool(b) => json!(b),
            };
            let mut w = json!({"indicator": indicator, "op": op.as_str(), "value": value});
            if *on == VetoOn::Score {
                w["on"] = json!("score");
            }
            w
        }
    };
    m.insert("when".into(), when);
    let effect = match &v.effect {
        VetoEffect::ZeroTotal => json!({"type": "zero_total"}),
        VetoEffect::CapGrade(g) => json!({"type": "cap_grade", "grade": g}),
        VetoEffect::ZeroCategory(c) => json!({"type": "zero_category", "category": c}),
    };
    m.insert("effect".into(), effect);
    Value::Object(m)
}
