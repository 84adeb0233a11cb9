//! The appraisal form (handbook appendix A): blank for a scheme, or filled for a scorecard,
//! as self-contained printable HTML (A4) or Markdown, in Chinese or English.

use crate::number::exact;
use crate::scheme::{Scheme, VetoEffect, VetoWhen};
use crate::score::{CategoryStatus, IndicatorStatus, Scorecard};
use std::fmt::Write;

/// Output format of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormFormat {
    /// Self-contained HTML, printable on A4.
    Html,
    /// Markdown.
    Markdown,
}

impl FormFormat {
    /// Parses `html` or `markdown` (`md`); anything else is `None` (an error for the caller,
    /// never a silent HTML).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "html" => Some(Self::Html),
            "markdown" | "md" => Some(Self::Markdown),
            _ => None,
        }
    }
}

use crate::safe::{html as esc, markdown as md};

struct Labels {
    title: &'static str,
    employee: &'static str,
    period: &'static str,
    position: &'static str,
    supervisor: &'static str,
    indicator: &'static str,
    standard: &'static str,
    rule: &'static str,
    weight: &'static str,
    score: &'static str,
    how: &'static str,
    category_score: &'static str,
    adjustments: &'static str,
    vetoes: &'static str,
    fired: &'static str,
    base: &'static str,
    adj_total: &'static str,
    total: &'static str,
    grade: &'static str,
    grades: &'static str,
    comments: &'static str,
    sign_employee: &'static str,
    sign_supervisor: &'static str,
    date: &'static str,
    na: &'static str,
    scheme: &'static str,
}

const EN: Labels = Labels {
    title: "Performance appraisal form",
    employee: "Employee",
    period: "Period",
    position: "Position",
    supervisor: "Supervisor",
    indicator: "Indicator",
    standard: "Measurement standard",
    rule: "Scoring rule",
    weight: "Weight",
    score: "Score",
    how: "How it was scored",
    category_score: "Category score",
    adjustments: "Bonus and penalty items",
    vetoes: "Veto items",
    fired: "applied",
    base: "Base score",
    adj_total: "Adjustments",
    total: "Total",
    grade: "Grade",
    grades: "Grade bands",
    comments: "Comments and improvement plan",
    sign_employee: "Employee signature",
    sign_supervisor: "Supervisor signature",
    date: "Date",
    na: "N/A",
    scheme: "Scheme",
};

const ZH: Labels = Labels {
    title: "绩效考核表",
    employee: "员工",
    period: "考核期",
    position: "岗位",
    supervisor: "直接上级",
    indicator: "考核指标",
    standard: "衡量标准",
    rule: "评分细则",
    weight: "权重",
    score: "得分",
    how: "评分依据",
    category_score: "类别得分",
    adjustments: "加分与扣分项",
    vetoes: "一票否决项",
    fired: "已触发",
    base: "基础分",
    adj_total: "加减分",
    total: "总分",
    grade: "等级",
    grades: "等级标准",
    comments: "评语与改进计划",
    sign_employee: "员工签字",
    sign_supervisor: "上级签字",
    date: "日期",
    na: "不适用",
    scheme: "考核方案",
};

const BLANK: &str = "\u{00a0}";

/// Renders the form: blank when `card` is `None`, filled otherwise.
pub fn render_form(scheme: &Scheme, card: Option<&Scorecard>, lang: &str, format: FormFormat) -> String {
    let l = if lang == "zh" { &ZH } else { &EN };
    let def = scheme.def();
    let ind_score = |id: &str| -> (String, String) {
        match card.and_then(|c| c.indicator(id)) {
            None => (BLANK.into(), String::new()),
            Some(r) if r.status == IndicatorStatus::NotApplicable => (
                format!("{}{}", l.na, r.score.map_or(String::new(), |s| format!(" ({s})"))),
                r.reason.map_or("", |x| x.as_str()).replace('_', " "),
            ),
            Some(r) => (
                r.score.map_or(String::new(), |s| s.to_string()),
                super::steps::render(r.step.as_deref().unwrap_or_default(), lang),
            ),
        }
    };
    let cat_score = |id: &str| -> String {
        match card.and_then(|c| c.category(id)) {
            None => BLANK.into(),
            Some(c) if c.status == CategoryStatus::Vetoed => format!("0 ({})", l.fired),
            Some(c) => c.score.map_or(l.na.to_string(), |s| s.to_string()),
        }
    };
    let opt = |v: Option<String>| v.unwrap_or_else(|| BLANK.into());
    let zh = lang == "zh";
    // Format 2 (SPEC §8): relative weights have no %, a pool names its budget, its items
    // draw on it instead of weighing, scoped questions say when they apply.
    let pct = if def.weights == crate::scheme::WeightMode::Percent { "%" } else { "" };
    let cat_weight = |cat: &crate::scheme::Category| -> String {
        let pool = cat.pool.map_or(String::new(), |p| {
            if zh {
                format!("，扣分池 {} → ≥ {}", exact(p.full), exact(p.floor))
            } else {
                format!(", deduction pool {} → ≥ {}", exact(p.full), exact(p.floor))
            }
        });
        format!("{}{pct}{pool}", exact(cat.weight))
    };
    let ind_weight = |cat: &crate::scheme::Category, ind: &crate::scheme::Indicator| -> String {
        match (cat.pool.is_some(), zh) {
            (true, true) => "扣分项".into(),
            (true, false) => "deduction".into(),
            (false, _) => format!("{}{pct}", exact(ind.weight)),
        }
    };
    let rule = |ind: &crate::scheme::Indicator| -> String {
        let scope = ind.applies_when.as_ref().map_or(String::new(), |a| {
            if zh {
                format!("；适用条件：{} 为 {}", a.attribute, a.values.join("、"))
            } else {
                format!("; applies when {} is {}", a.attribute, a.values.join(" or "))
            }
        });
        format!("{}{scope}", ind.rubric.describe(lang))
    };
    let rating_line = def.rating.as_ref().map(|m| {
        let map = m.points.iter().map(|(x, y)| format!("{} → {}", exact(*x), exact(*y))).collect::<Vec<_>>().join(", ");
        let value = card.and_then(|c| c.rating.flatten()).map_or_else(|| BLANK.to_string(), |r| r.to_string());
        if zh {
            format!("评级：{value}（总分对应：{map}）")
        } else {
            format!("Rating: {value} (from the total: {map})")
        }
    });
    let veto_text = |v: &crate::scheme::Veto| -> String {
        let when = match &v.when {
            VetoWhen::Event { event, at_least } => format!("{event} ≥ {at_least}"),
            VetoWhen::Indicator { indicator, op, value, on } => format!(
                "{}{} {} {}",
                scheme.indicator(indicator).map_or(indicator.as_str(), |i| i.name.get(lang)),
                match (on, lang == "zh") {
                    (crate::scheme::VetoOn::Score, true) => " 得分",
                    (crate::scheme::VetoOn::Score, false) => " score",
                    _ => "",
                },
                op.as_str(),
                match value {
                    crate::scheme::VetoValue::Number(d) => exact(*d).to_string(),
                    crate::scheme::VetoValue::Key(k) => k.clone(),
                    crate::scheme::VetoValue::Bool(b) => b.to_string(),
                }
            ),
        };
        let effect = match (&v.effect, lang == "zh") {
            (VetoEffect::ZeroTotal, true) => "总分计 0".to_string(),
            (VetoEffect::ZeroTotal, false) => "total counts 0".to_string(),
            (VetoEffect::CapGrade(g), true) => format!("等级最高 {g}"),
            (VetoEffect::CapGrade(g), false) => format!("grade at most {g}"),
            (VetoEffect::ZeroCategory(c), true) => format!(
                "类别「{}」计 0",
                def.categories.iter().find(|x| &x.id == c).map_or(c.as_str(), |x| x.name.get(lang))
            ),
            (VetoEffect::ZeroCategory(c), false) => format!(
                "category \"{}\" counts 0",
                def.categories.iter().find(|x| &x.id == c).map_or(c.as_str(), |x| x.name.get(lang))
            ),
        };
        format!("{when} → {effect}")
    };
    let grades_line = def
        .grades
        .iter()
        .map(|g| {
            format!(
                "{}{} ≥ {}",
                g.id,
                g.name.as_ref().map_or(String::new(), |n| format!(" {}", n.get(lang))),
                exact(g.min)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let mut o = String::new();
    match format {
        FormFormat::Html => {
            let _ = write!(
                o,
                "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} — {}</title><style>\
@page {{ size: A4; margin: 14mm; }} body {{ font: 10.5pt/1.4 system-ui, 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif; color: #111; margin: 0; }}\
h1 {{ font-size: 17pt; margin: 0 0 2mm; }} h2 {{ font-size: 12pt; margin: 5mm 0 1.5mm; }} .meta {{ color: #555; font-size: 9pt; }}\
table {{ width: 100%; border-collapse: collapse; page-break-inside: auto; }} tr {{ page-break-inside: avoid; }}\
th, td {{ border: 0.3mm solid #888; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }} th {{ background: #eef1f6; }}\
td.num {{ text-align: right; white-space: nowrap; width: 16mm; }} td.small {{ font-size: 8.5pt; color: #333; }}\
.ident td {{ border: none; padding: 1mm 0; }} .line {{ display: inline-block; min-width: 45mm; border-bottom: 0.3mm solid #333; }}\
.box {{ border: 0.3mm solid #888; min-height: 28mm; padding: 2mm; }} .sign td {{ border: none; padding-top: 10mm; }}\
</style></head><body>",
                if lang == "zh" { "zh-CN" } else { "en" },
                esc(l.title),
                esc(def.name.get(lang))
            );
            let _ = write!(
                o,
                "<h1>{}</h1><p class=\"meta\">{}: {} · {} {} · {}</p>",
                esc(l.title),
                esc(l.scheme),
                esc(def.name.get(lang)),
                esc(&def.id),
                esc(&def.version),
                esc(scheme.digest())
            );
            let _ = write!(
                o,
                "<table class=\"ident\"><tr><td>{}: <span class=\"line\">{}</span></td><td>{}: <span class=\"line\">{}</span></td></tr>\
<tr><td>{}: <span class=\"line\">{}</span></td><td>{}: <span class=\"line\">{}</span></td></tr></table>",
                esc(l.employee),
                esc(&opt(card.map(|c| c.employee.clone()))),
                esc(l.period),
                esc(&opt(card.map(|c| c.period.clone()))),
                esc(l.position),
                BLANK,
                esc(l.supervisor),
                BLANK
            );
            for cat in &def.categories {
                let _ = write!(
                    o,
                    "<h2>{} ({} {})</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>{}</tr>",
                    esc(cat.name.get(lang)),
                    esc(l.weight),
                    esc(&cat_weight(cat)),
                    esc(l.indicator),
                    esc(l.standard),
                    esc(l.rule),
                    esc(l.weight),
                    esc(l.score),
                    if card.is_some() { format!("<th>{}</th>", esc(l.how)) } else { String::new() }
                );
                for ind in &cat.indicators {
                    let (score, how) = ind_score(&ind.id);
                    let _ = write!(
                        o,
                        "<tr><td>{}</td><td class=\"small\">{}</td><td class=\"small\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{}</tr>",
                        esc(ind.name.get(lang)),
                        esc(ind.standard.as_ref().map_or("", |s| s.get(lang))),
                        esc(&rule(ind)),
                        esc(&ind_weight(cat, ind)),
                        esc(&score),
                        if card.is_some() { format!("<td class=\"small\">{}</td>", esc(&how)) } else { String::new() }
                    );
                }
                let _ = write!(
                    o,
                    "<tr><th colspan=\"4\">{}</th><td class=\"num\"><b>{}</b></td>{}</tr></table>",
                    esc(l.category_score),
                    esc(&cat_score(&cat.id)),
                    if card.is_some() { "<td></td>" } else { "" }
                );
            }
            let _ = write!(o, "<h2>{}</h2><table>", esc(l.adjustments));
            for (k, a) in def.adjustments.iter().enumerate() {
                let filled = card
                    .and_then(|c| c.adjustments.get(k))
                    .map(|r| format!("{} × {} = {}", r.units, exact(a.points_per_unit), r.points));
                let _ = write!(
                    o,
                    "<tr><td>{}</td><td class=\"small\">{} / {}{}</td><td class=\"num\">{}</td></tr>",
                    esc(a.name.as_ref().map_or(a.id.as_str(), |n| n.get(lang))),
                    esc(&a.event),
                    exact(a.points_per_unit),
                    a.cap.map_or(String::new(), |c| format!(", ±{}", exact(c))),
                    esc(&opt(filled))
                );
            }
            let _ = write!(o, "</table><h2>{}</h2><table>", esc(l.vetoes));
            for v in &def.vetoes {
                let fired =
                    card.map(
                        |c| if c.vetoes.iter().any(|f| f == v.id) { l.fired.to_string() } else { "—".to_string() },
                    );
                let _ = write!(
                    o,
                    "<tr><td>{}</td><td class=\"small\">{}</td><td class=\"num\">{}</td></tr>",
                    esc(v.name.as_ref().map_or(v.id.as_str(), |n| n.get(lang))),
                    esc(&veto_text(v)),
                    esc(&opt(fired))
                );
            }
            let _ = write!(
                o,
                "</table><h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr><tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\"><b>{}</b></td><td class=\"num\"><b>{}</b></td></tr></table><p class=\"meta\">{}: {}</p>",
                esc(l.total),
                esc(l.base),
                esc(l.adj_total),
                esc(l.total),
                esc(l.grade),
                esc(&opt(card.and_then(|c| c.base.map(|b| b.to_string())))),
                esc(&opt(card.map(|c| c.adjustment_total.to_string()))),
                esc(&opt(card.and_then(|c| c.total.map(|t| t.to_string())))),
                esc(&opt(card.and_then(|c| c.grade.as_deref().map(str::to_string)))),
                esc(l.grades),
                esc(&grades_line)
            );
            if let Some(r) = &rating_line {
                let _ = write!(o, "<p class=\"meta\">{}</p>", esc(r));
            }
            let _ = writeln!(
                o,
                "<h2>{}</h2><div class=\"box\"></div><table class=\"sign\"><tr><td>{}: <span class=\"line\"></span> {}: <span class=\"line\" style=\"min-width:25mm\"></span></td>\
<td>{}: <span class=\"line\"></span> {}: <span class=\"line\" style=\"min-width:25mm\"></span></td></tr></table></body></html>",
                esc(l.comments),
                esc(l.sign_employee),
                esc(l.date),
                esc(l.sign_supervisor),
                esc(l.date)
            );
        }
        FormFormat::Markdown => {
            let _ = writeln!(
                o,
                "# {}\n\n{}: {} · {} {} · `{}`\n",
                l.title,
                l.scheme,
                md(def.name.get(lang)),
                md(&def.id),
                md(&def.version),
                scheme.digest()
            );
            let _ = writeln!(
                o,
                "- {}: {}\n- {}: {}\n- {}: ____\n- {}: ____\n",
                l.employee,
                md(&opt(card.map(|c| c.employee.clone())).replace(BLANK, "____")),
                l.period,
                md(&opt(card.map(|c| c.period.clone())).replace(BLANK, "____")),
                l.position,
                l.supervisor
            );
            for cat in &def.categories {
                let _ = writeln!(o, "## {} ({} {})\n", md(cat.name.get(lang)), l.weight, md(&cat_weight(cat)));
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} | {} |{}",
                    l.indicator,
                    l.standard,
                    l.rule,
                    l.weight,
                    l.score,
                    if card.is_some() { format!(" {} |", l.how) } else { String::new() }
                );
                let _ = writeln!(o, "|---|---|---|---:|---:|{}", if card.is_some() { "---|" } else { "" });
                for ind in &cat.indicators {
                    let (score, how) = ind_score(&ind.id);
                    let _ = writeln!(
                        o,
                        "| {} | {} | {} | {} | {} |{}",
                        md(ind.name.get(lang)),
                        md(ind.standard.as_ref().map_or("", |s| s.get(lang))),
                        md(&rule(ind)),
                        md(&ind_weight(cat, ind)),
                        if score == BLANK { "____".into() } else { md(&score) },
                        if card.is_some() { format!(" {} |", md(&how)) } else { String::new() }
                    );
                }
                let cs = cat_score(&cat.id);
                let _ = writeln!(o, "\n{}: **{}**\n", l.category_score, if cs == BLANK { "____".into() } else { cs });
            }
            let _ = writeln!(o, "## {}\n", l.adjustments);
            for (k, a) in def.adjustments.iter().enumerate() {
                let filled = card
                    .and_then(|c| c.adjustments.get(k))
                    .map(|r| format!("{} × {} = {}", r.units, exact(a.points_per_unit), r.points));
                let _ = writeln!(
                    o,
                    "- {} ({} / {}): {}",
                    md(a.name.as_ref().map_or(a.id.as_str(), |n| n.get(lang))),
                    md(&a.event),
                    exact(a.points_per_unit),
                    filled.unwrap_or_else(|| "____".into())
                );
            }
            let _ = writeln!(o, "\n## {}\n", l.vetoes);
            for v in &def.vetoes {
                let fired =
                    card.map(
                        |c| if c.vetoes.iter().any(|f| f == v.id) { l.fired.to_string() } else { "—".to_string() },
                    );
                let _ = writeln!(
                    o,
                    "- {}: {} {}",
                    md(v.name.as_ref().map_or(v.id.as_str(), |n| n.get(lang))),
                    md(&veto_text(v)),
                    fired.map_or(String::new(), |f| format!("({f})"))
                );
            }
            let f = |v: Option<String>| v.unwrap_or_else(|| "____".into());
            let _ = writeln!(
                o,
                "\n## {}\n\n| {} | {} | {} | {} |\n|---:|---:|---:|---:|\n| {} | {} | **{}** | **{}** |\n\n{}: {}\n",
                l.total,
                l.base,
                l.adj_total,
                l.total,
                l.grade,
                f(card.and_then(|c| c.base.map(|b| b.to_string()))),
                f(card.map(|c| c.adjustment_total.to_string())),
                f(card.and_then(|c| c.total.map(|t| t.to_string()))),
                md(&f(card.and_then(|c| c.grade.as_deref().map(str::to_string)))),
                l.grades,
                md(&grades_line)
            );
            if let Some(r) = &rating_line {
                let _ = writeln!(o, "{}\n", md(&r.replace(BLANK, "____")));
            }
            let _ = writeln!(
                o,
                "## {}\n\n\n\n{}: ________  {}: ________\n\n{}: ________  {}: ________",
                l.comments, l.sign_employee, l.date, l.sign_supervisor, l.date
            );
        }
    }
    o
}
