//! A readable walk through one record's scoring, every step (CLI `explain`, bindings).

use crate::error::RecordError;
use crate::number::exact;
use crate::scheme::{Scheme, VetoEffect, VetoValue, VetoWhen};
use crate::score::{CategoryStatus, IndicatorStatus, Scorecard};
use crate::text::pad;
use serde_json::Value;
use std::fmt::Write;

fn opt(d: Option<rust_decimal::Decimal>) -> String {
    d.map_or_else(|| "n/a".to_string(), |d| d.to_string())
}

fn raw_of(record: &Value, id: &str) -> String {
    if let Some(v) = record.get("values").and_then(|v| v.get(id)) {
        if !v.is_null() {
            return match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
        }
    }
    if let Some(Value::Array(list)) = record.get("ratings").and_then(|v| v.get(id)) {
        return format!("{} ratings", list.len());
    }
    "—".to_string()
}

/// Scores `record` and explains every step in `lang` (`en` or `zh`).
pub fn explain(scheme: &Scheme, record: &Value, lang: &str) -> Result<(Scorecard, String), RecordError> {
    let card = scheme.score_value(record)?;
    let zh = lang == "zh";
    let def = scheme.def();
    let mut o = String::new();
    let _ = writeln!(o, "{} · {} · {} {} ({})", card.employee, card.period, def.id, def.version, card.scheme.digest);
    let _ = writeln!(o, "{}", def.name.get(lang));
    for cat in &def.categories {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{} [{}] {} {}%",
            cat.name.get(lang),
            cat.id,
            if zh { "权重" } else { "weight" },
            exact(cat.weight)
        );
        for ind in &cat.indicators {
            let Some(res) = card.indicator(&ind.id) else {
                continue;
            };
            let what = match res.status {
                IndicatorStatus::Scored => format!("{}  ({})", opt(res.score), res.step.as_deref().unwrap_or("")),
                IndicatorStatus::NotApplicable => format!(
                    "N/A: {}{}",
                    res.reason.map_or("", |r| r.as_str()),
                    res.score.map_or(String::new(), |s| format!(" → {s} (zero policy)"))
                ),
            };
            let _ = writeln!(
                o,
                "  {} w {:>5}%  raw {} → {}",
                pad(&format!("{} [{}]", ind.name.get(lang), ind.id), 34, false),
                exact(ind.weight).to_string(),
                pad(&raw_of(record, &ind.id), 12, false),
                what
            );
        }
        if let Some(c) = card.category(&cat.id) {
            let note = match c.status {
                CategoryStatus::Scored => String::new(),
                CategoryStatus::NotApplicable => " (not applicable)".into(),
                CategoryStatus::Vetoed => " (vetoed)".into(),
            };
            let _ = writeln!(o, "  = {} {}{note}", if zh { "类别得分" } else { "category score" }, opt(c.score));
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}: {}   {}: {}%",
        if zh { "基础分" } else { "base" },
        opt(card.base),
        if zh { "覆盖率" } else { "coverage" },
        card.coverage
    );
    for (a, r) in def.adjustments.iter().zip(&card.adjustments) {
        let name = a.name.as_ref().map_or(a.id.as_str(), |n| n.get(lang));
        let cap = a.cap.map_or(String::new(), |c| format!(", cap {}", exact(c)));
        let _ = writeln!(o, "  {} [{}]: {} x {}{cap} = {}", name, a.id, r.units, exact(a.points_per_unit), r.points);
    }
    let _ = writeln!(o, "{}: {}", if zh { "加减分合计" } else { "adjustment total" }, card.adjustment_total);
    for v in &def.vetoes {
        let fired = card.vetoes.contains(&v.id);
        let cond = match &v.when {
            VetoWhen::Event { event, at_least } => format!("{event} >= {at_least}"),
            VetoWhen::Indicator { indicator, op, value } => format!(
                "{indicator} {} {}",
                op.as_str(),
                match value {
                    VetoValue::Number(d) => exact(*d).to_string(),
                    VetoValue::Key(k) => format!("{k:?}"),
                    VetoValue::Bool(b) => b.to_string(),
                }
            ),
        };
        let effect = match &v.effect {
            VetoEffect::ZeroTotal => "zero total".to_string(),
            VetoEffect::CapGrade(g) => format!("grade at most {g}"),
            VetoEffect::ZeroCategory(c) => format!("category {c} scores 0"),
        };
        let name = v.name.as_ref().map_or(v.id.as_str(), |n| n.get(lang));
        let _ = writeln!(o, "  {} {} [{}]: {cond} → {effect}", if fired { "FIRED" } else { "-" }, name, v.id);
    }
    let _ = writeln!(
        o,
        "{}: {}   {}: {}",
        if zh { "总分" } else { "total" },
        opt(card.total),
        if zh { "状态" } else { "status" },
        serde_json::to_string(&card.status).unwrap_or_default().trim_matches('"')
    );
    let _ = writeln!(
        o,
        "{}: {}   {}: {}",
        if zh { "自然等级" } else { "natural grade" },
        card.natural_grade.as_deref().unwrap_or("—"),
        if zh { "最终等级" } else { "grade" },
        card.grade.as_deref().unwrap_or("—")
    );
    Ok((card, o))
}
