//! A readable walk through one record's scoring, every step (CLI `explain`, bindings).

use crate::error::RecordError;
use crate::number::exact;
use crate::scheme::{Scheme, VetoEffect, VetoValue, VetoWhen};
use crate::score::{CategoryStatus, IndicatorStatus, Scorecard};
use crate::text::pad;
use serde_json::Value;
use std::fmt::Write;

/// The explanation's own words, in English and Chinese (names and steps come from the scheme
/// and the rubrics).
struct Words {
    weight: &'static str,
    w: &'static str,
    raw: &'static str,
    na: &'static str,
    zero_policy: &'static str,
    ratings: &'static str,
    category_score: &'static str,
    cat_na: &'static str,
    cat_vetoed: &'static str,
    base: &'static str,
    coverage: &'static str,
    cap: &'static str,
    adjustment_total: &'static str,
    fired: &'static str,
    not_fired: &'static str,
    zero_total: &'static str,
    /// After an indicator id: its score is compared, not its raw value (SPEC §8.5).
    score_of: &'static str,
    grade_at_most: &'static str,
    category_zero: &'static str,
    total: &'static str,
    status: &'static str,
    natural_grade: &'static str,
    grade: &'static str,
    none: &'static str,
}

const EN: Words = Words {
    weight: "weight",
    w: "w",
    raw: "raw",
    na: "N/A",
    zero_policy: "zero policy",
    ratings: "ratings",
    category_score: "category score",
    cat_na: "not applicable",
    cat_vetoed: "vetoed",
    base: "base",
    coverage: "coverage",
    cap: "cap",
    adjustment_total: "adjustment total",
    fired: "FIRED",
    not_fired: "-",
    zero_total: "zero total",
    score_of: " (score)",
    grade_at_most: "grade at most",
    category_zero: "scores 0",
    total: "total",
    status: "status",
    natural_grade: "natural grade",
    grade: "grade",
    none: "n/a",
};

const ZH: Words = Words {
    weight: "权重",
    w: "权重",
    raw: "原始值",
    na: "不适用",
    zero_policy: "按零分计",
    ratings: "条评分",
    category_score: "类别得分",
    cat_na: "不适用",
    cat_vetoed: "已否决",
    base: "基础分",
    coverage: "覆盖率",
    cap: "上限",
    adjustment_total: "加减分合计",
    fired: "触发",
    not_fired: "-",
    zero_total: "总分记为 0",
    score_of: "（得分）",
    grade_at_most: "等级最高为",
    category_zero: "记 0 分",
    total: "总分",
    status: "状态",
    natural_grade: "自然等级",
    grade: "最终等级",
    none: "无",
};

fn raw_of(record: &Value, id: &str, l: &Words) -> String {
    if let Some(v) = record.get("values").and_then(|v| v.get(id)) {
        if !v.is_null() {
            return match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
        }
    }
    if let Some(Value::Array(list)) = record.get("ratings").and_then(|v| v.get(id)) {
        return format!("{} {}", list.len(), l.ratings);
    }
    "—".to_string()
}

/// Scores `record` and explains every step in `lang` (`en` or `zh`).
pub fn explain(scheme: &Scheme, record: &Value, lang: &str) -> Result<(Scorecard, String), RecordError> {
    let card = scheme.score_value(record)?;
    let zh = lang == "zh";
    let l = if zh { &ZH } else { &EN };
    let opt = |d: Option<rust_decimal::Decimal>| d.map_or_else(|| l.none.to_string(), |d| d.to_string());
    let def = scheme.def();
    let mut o = String::new();
    let _ = writeln!(o, "{} · {} · {} {} ({})", card.employee, card.period, def.id, def.version, card.scheme.digest);
    let _ = writeln!(o, "{}", def.name.get(lang));
    for cat in &def.categories {
        let _ = writeln!(o);
        let pct = if def.weights == crate::scheme::WeightMode::Percent { "%" } else { "" };
        let _ = writeln!(o, "{} [{}] {} {}{pct}", cat.name.get(lang), cat.id, l.weight, exact(cat.weight));
        if let Some(pool) = &cat.pool {
            let _ = if zh {
                writeln!(o, "  扣分池：从 {} 分扣起，最低 {} 分（扣完为止）", exact(pool.full), exact(pool.floor))
            } else {
                writeln!(o, "  deduction pool: from {} down to at least {}", exact(pool.full), exact(pool.floor))
            };
        }
        for ind in &cat.indicators {
            let Some(res) = card.indicator(&ind.id) else {
                continue;
            };
            let what = match res.status {
                IndicatorStatus::Scored => {
                    format!("{}  ({})", opt(res.score), super::steps::render(res.step.as_deref().unwrap_or(""), lang))
                }
                IndicatorStatus::NotApplicable => {
                    let reason = res.reason.map_or("", |r| r.as_str());
                    format!(
                        "{}: {}{}",
                        l.na,
                        if zh { super::words::na_reason(reason, "zh") } else { reason.to_string() },
                        res.score.map_or(String::new(), |s| format!(" → {s} ({})", l.zero_policy))
                    )
                }
            };
            // A pool's item shows what it draws from the budget (SPEC §8.3), not a weight.
            let (label, shown) = match (&cat.pool, &ind.rubric, res.score) {
                (Some(_), crate::rubric::Rubric::Deduction { full, .. }, Some(s)) => (
                    if zh { "扣" } else { "off" },
                    format!("{:>6}", full.checked_sub(s).map_or_else(String::new, |d| exact(d).to_string())),
                ),
                (Some(_), _, _) => (if zh { "扣" } else { "off" }, format!("{:>6}", "0")),
                (None, _, _) => (l.w, format!("{:>5}{pct}", exact(ind.weight).to_string())),
            };
            let _ = writeln!(
                o,
                "  {} {} {}  {} {} → {}",
                pad(&format!("{} [{}]", ind.name.get(lang), ind.id), 34, false),
                label,
                shown,
                l.raw,
                pad(&raw_of(record, &ind.id, l), 12, false),
                what
            );
        }
        if let Some(c) = card.category(&cat.id) {
            let note = match c.status {
                CategoryStatus::Scored => String::new(),
                CategoryStatus::NotApplicable => format!(" ({})", l.cat_na),
                CategoryStatus::Vetoed => format!(" ({})", l.cat_vetoed),
            };
            let _ = writeln!(o, "  = {} {}{note}", l.category_score, opt(c.score));
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "{}: {}   {}: {}%", l.base, opt(card.base), l.coverage, card.coverage);
    for (a, r) in def.adjustments.iter().zip(&card.adjustments) {
        let name = a.name.as_ref().map_or(a.id.as_str(), |n| n.get(lang));
        let cap = a.cap.map_or(String::new(), |c| format!(", {} {}", l.cap, exact(c)));
        let _ = writeln!(o, "  {} [{}]: {} x {}{cap} = {}", name, a.id, r.units, exact(a.points_per_unit), r.points);
    }
    let _ = writeln!(o, "{}: {}", l.adjustment_total, card.adjustment_total);
    for v in &def.vetoes {
        let fired = card.vetoes.iter().any(|f| f == v.id);
        let cond = match &v.when {
            VetoWhen::Event { event, at_least } => format!("{event} >= {at_least}"),
            VetoWhen::Indicator { indicator, op, value, on } => format!(
                "{indicator}{} {} {}",
                if *on == crate::scheme::VetoOn::Score { l.score_of } else { "" },
                op.as_str(),
                match value {
                    VetoValue::Number(d) => exact(*d).to_string(),
                    VetoValue::Key(k) => format!("{k:?}"),
                    VetoValue::Bool(b) => b.to_string(),
                }
            ),
        };
        let effect = match &v.effect {
            VetoEffect::ZeroTotal => l.zero_total.to_string(),
            VetoEffect::CapGrade(g) => format!("{} {g}", l.grade_at_most),
            VetoEffect::ZeroCategory(c) => {
                let name = def.categories.iter().find(|x| &x.id == c).map_or(c.as_str(), |x| x.name.get(lang));
                format!("{name} {}", l.category_zero)
            }
        };
        let name = v.name.as_ref().map_or(v.id.as_str(), |n| n.get(lang));
        let _ = writeln!(o, "  {} {} [{}]: {cond} → {effect}", if fired { l.fired } else { l.not_fired }, name, v.id);
    }
    let _ = writeln!(
        o,
        "{}: {}   {}: {}",
        l.total,
        opt(card.total),
        l.status,
        serde_json::to_string(&card.status).unwrap_or_default().trim_matches('"')
    );
    if let Some(rating) = card.rating {
        let _ = writeln!(o, "{}: {}", if zh { "评级" } else { "rating" }, opt(rating));
    }
    if let Some(c) = &card.rating_correction {
        let _ = writeln!(o, "{}", super::words::correction_note(c, lang));
    }
    if let Some(note) = card.grade_uncertain.as_ref().and_then(|g| super::words::grade_uncertain_note(g, lang)) {
        let _ = writeln!(o, "{note}");
    }
    for s in &card.shrinkage {
        let name = scheme.indicator(&s.indicator).map_or(s.indicator.as_str(), |i| i.name.get(lang));
        let score = card.indicator(&s.indicator).and_then(|i| i.score);
        let _ = writeln!(o, "{}", super::words::shrink_note(s, name, score, lang));
    }
    let _ = writeln!(
        o,
        "{}: {}   {}: {}",
        l.natural_grade,
        card.natural_grade.as_deref().unwrap_or("—"),
        l.grade,
        card.grade.as_deref().unwrap_or("—")
    );
    Ok((card, o))
}
