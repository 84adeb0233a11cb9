//! A population's report (`appraisal report`): the data ([`PopulationReport`], the CLI's
//! `--format json`) and one self-contained HTML page in zh or en that shows it (inline SVG,
//! no network, printable to A4). Every number on the page carries `data-v`, the path of the
//! same number in the JSON, so a browser test can hold the page to the data.

use super::l;
use crate::analytics::{indicator_analytics, IndicatorStats};
use crate::error::Issue;
use crate::exact::{Frac, X};
use crate::population::{distribute, DistributionConfig};
use crate::safe::html;
use crate::scheme::Scheme;
use crate::score::{BatchEntry, IndicatorStatus, Scorecard, Status};
use crate::text::Lang;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Agents per grade, before and against the forced distribution's quotas.
#[derive(Debug, Clone, Serialize)]
pub struct GradeRow {
    /// Grade id.
    pub grade: String,
    /// Complete results with this grade (after veto caps, before any distribution).
    pub count: usize,
    /// Percent of the complete results, rounded like a score.
    #[serde(with = "rust_decimal::serde::str")]
    pub share: Decimal,
}

/// One quota of the forced distribution, against the grades as scored.
#[derive(Debug, Clone, Serialize)]
pub struct QuotaRow {
    /// The quota's grades.
    pub grades: Vec<String>,
    /// "max", "min" or "target".
    pub kind: &'static str,
    /// Its percentage.
    #[serde(with = "rust_decimal::serde::str")]
    pub pct: Decimal,
    /// Head count allowed (max) or required (min) for this population.
    pub limit: u64,
    /// Head count in its grades as scored.
    pub count: usize,
    /// Whether the grades as scored break it (over a max, under a min).
    pub breached: bool,
}

/// A team's averages.
#[derive(Debug, Clone, Serialize)]
pub struct TeamRow {
    /// Team (from the roster; "" when there is none).
    pub team: String,
    /// Complete results.
    pub agents: usize,
    /// Mean category scores, in scheme order (null when no result measured it).
    #[serde(serialize_with = "decimals")]
    pub categories: Vec<Option<Decimal>>,
    /// Mean total.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub total: Option<Decimal>,
}

/// A veto and who it fired for.
#[derive(Debug, Clone, Serialize)]
pub struct VetoRow {
    /// Veto id.
    pub veto: String,
    /// Employees.
    pub employees: Vec<String>,
}

/// An incomplete result and why.
#[derive(Debug, Clone, Serialize)]
pub struct IncompleteRow {
    /// Employee.
    pub employee: String,
    /// Coverage (percent).
    #[serde(with = "rust_decimal::serde::str")]
    pub coverage: Decimal,
    /// The indicators not applicable, with their reasons.
    pub not_applicable: Vec<(String, &'static str)>,
}

/// The report's data.
#[derive(Debug, Clone, Serialize)]
pub struct PopulationReport {
    /// Scheme id, version.
    pub scheme: (String, String),
    /// Records, complete results, incomplete results, records with errors.
    pub records: usize,
    /// Complete results.
    pub complete: usize,
    /// Incomplete results.
    pub incomplete: usize,
    /// Records that could not be scored.
    pub errors: usize,
    /// Grades as scored.
    pub grades: Vec<GradeRow>,
    /// The forced distribution's quotas against them.
    pub quotas: Vec<QuotaRow>,
    /// Category and total means per team.
    pub teams: Vec<TeamRow>,
    /// Indicator analytics, with flags.
    pub indicators: Vec<IndicatorStats>,
    /// Vetoes fired.
    pub vetoes: Vec<VetoRow>,
    /// Incomplete results and why.
    pub incomplete_results: Vec<IncompleteRow>,
}

/// Optional decimals as their exact strings (null when absent), as every other number.
fn decimals<S: serde::Serializer>(xs: &[Option<Decimal>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(xs.iter().map(|x| x.map(|d| d.to_string())))
}

fn mean(xs: &[Decimal], scheme: &Scheme) -> Option<Decimal> {
    super::mean_rounded(xs, scheme.def.rounding.dp, scheme.def.rounding.mode)
}

fn share(n: usize, of: usize, scheme: &Scheme) -> Decimal {
    Frac::new(X::from(n as u64).mul(&X::int(100)), X::from(of as u64))
        .and_then(|f| f.round(scheme.def.rounding.dp, scheme.def.rounding.mode))
        .unwrap_or_default()
}

/// The report of one batch of `scheme` (teams from a roster, quotas from `cfg`).
pub fn population_report(
    scheme: &Scheme,
    entries: &[BatchEntry],
    teams: Option<&BTreeMap<String, String>>,
    cfg: &DistributionConfig,
) -> Result<PopulationReport, Vec<Issue>> {
    let def = &scheme.def;
    let cards: Vec<Scorecard> = entries.iter().filter_map(|e| e.as_ref().ok().cloned()).collect();
    let complete: Vec<&Scorecard> = cards.iter().filter(|c| c.status == Status::Complete).collect();
    let grades = def
        .grades
        .iter()
        .map(|g| {
            let count = complete.iter().filter(|c| c.grade.as_deref() == Some(g.id.as_str())).count();
            GradeRow { grade: g.id.clone(), count, share: share(count, complete.len(), scheme) }
        })
        .collect::<Vec<_>>();
    let d = distribute(cfg, &cards)?;
    let quotas = d
        .quotas
        .iter()
        .map(|q| {
            let count = complete
                .iter()
                .filter(|c| c.grade.as_ref().is_some_and(|g| q.grades.iter().any(|x| x == g.as_str())))
                .count();
            let c = count as u64;
            QuotaRow {
                grades: q.grades.clone(),
                kind: q.kind,
                pct: q.pct,
                limit: q.limit,
                count,
                breached: match q.kind {
                    "max" => c > q.limit,
                    "min" => c < q.limit,
                    _ => c != q.limit,
                },
            }
        })
        .collect();
    let mut by_team: BTreeMap<String, Vec<&Scorecard>> = BTreeMap::new();
    for c in &complete {
        let team = teams.and_then(|t| t.get(&c.employee)).cloned().unwrap_or_default();
        by_team.entry(team).or_default().push(c);
    }
    let teams = by_team
        .into_iter()
        .map(|(team, cs)| TeamRow {
            team,
            agents: cs.len(),
            categories: (0..def.categories.len())
                .map(|k| mean(&cs.iter().filter_map(|c| c.categories.get(k)?.score).collect::<Vec<_>>(), scheme))
                .collect(),
            total: mean(&cs.iter().filter_map(|c| c.total).collect::<Vec<_>>(), scheme),
        })
        .collect();
    let vetoes = def
        .vetoes
        .iter()
        .map(|v| VetoRow {
            veto: v.id.clone(),
            employees: cards
                .iter()
                .filter(|c| c.vetoes.iter().any(|x| *x == v.id.as_str()))
                .map(|c| c.employee.clone())
                .collect(),
        })
        .filter(|r| !r.employees.is_empty())
        .collect();
    let incomplete_results = cards
        .iter()
        .filter(|c| c.status == Status::Incomplete)
        .map(|c| IncompleteRow {
            employee: c.employee.clone(),
            coverage: c.coverage,
            not_applicable: c
                .indicators
                .iter()
                .filter(|i| i.status == IndicatorStatus::NotApplicable)
                .map(|i| (i.id.to_string(), i.reason.map_or("", |r| r.as_str())))
                .collect(),
        })
        .collect();
    Ok(PopulationReport {
        scheme: (def.id.clone(), def.version.clone()),
        records: entries.len(),
        complete: complete.len(),
        incomplete: cards.len().saturating_sub(complete.len()),
        errors: entries.len().saturating_sub(cards.len()),
        grades,
        quotas,
        teams,
        indicators: indicator_analytics(scheme, &cards, None, None),
        vetoes,
        incomplete_results,
    })
}

/// A number with the path of the same number in the JSON.
fn v(path: &str, text: &str) -> String {
    format!("<span data-v=\"{}\">{}</span>", html(path), html(text))
}

fn opt(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| d.to_string())
}

impl PopulationReport {
    /// The report as one self-contained HTML page (inline CSS and SVG, A4 print layout).
    pub fn to_html(&self, scheme: &Scheme, lang: Lang) -> String {
        let code = lang.as_str();
        let def = scheme.def();
        let ind_name = |id: &str| scheme.indicator(id).map_or(id.to_owned(), |i| i.name.get(code).to_owned());
        let mut o = String::with_capacity(32 * 1024);
        let _ = write!(
            o,
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{}</style></head><body>",
            if lang == Lang::Zh { "zh-CN" } else { "en" },
            html(l(lang, "Population report", "考核结果汇总报告")),
            CSS
        );
        let _ = write!(
            o,
            "<h1>{} · {}</h1><p class=\"muted\">{} {} · {} {} · {} {} · {} {} · {} {}</p>",
            html(l(lang, "Population report", "考核结果汇总报告")),
            html(def.name.get(code)),
            html(l(lang, "records", "记录")),
            v("records", &self.records.to_string()),
            html(l(lang, "complete", "完整")),
            v("complete", &self.complete.to_string()),
            html(l(lang, "incomplete", "不完整")),
            v("incomplete", &self.incomplete.to_string()),
            html(l(lang, "errors", "错误")),
            v("errors", &self.errors.to_string()),
            html(l(lang, "scheme", "方案")),
            html(&format!("{} {}", self.scheme.0, self.scheme.1)),
        );
        // 1. Grades against the quotas: bars in SVG, then the table.
        let _ = write!(o, "<h2>{}</h2>", html(l(lang, "Grade distribution and quotas", "等级分布与强制分布比例")));
        let max = self.grades.iter().map(|g| g.count).max().unwrap_or(0).max(1);
        let _ = write!(o, "<svg class=\"bars\" viewBox=\"0 0 420 160\" role=\"img\">");
        for (k, g) in self.grades.iter().enumerate() {
            let h = g.count.saturating_mul(120).checked_div(max).unwrap_or(0);
            let x = k.saturating_mul(80).saturating_add(20);
            let _ = write!(
                o,
                "<rect x=\"{x}\" y=\"{}\" width=\"50\" height=\"{h}\" fill=\"#3b6fb6\"/><text x=\"{}\" y=\"155\">{}</text><text x=\"{}\" y=\"{}\">{}</text>",
                130usize.saturating_sub(h),
                x.saturating_add(18),
                html(&g.grade),
                x.saturating_add(18),
                125usize.saturating_sub(h),
                g.count
            );
        }
        o.push_str("</svg><table><tr>");
        for h in [l(lang, "Grade", "等级"), l(lang, "Agents", "人数"), l(lang, "Share %", "占比 %")] {
            let _ = write!(o, "<th>{}</th>", html(h));
        }
        o.push_str("</tr>");
        for (k, g) in self.grades.iter().enumerate() {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                html(&g.grade),
                v(&format!("grades.{k}.count"), &g.count.to_string()),
                v(&format!("grades.{k}.share"), &g.share.to_string())
            );
        }
        o.push_str("</table><table><tr>");
        for h in [l(lang, "Quota", "比例要求"), l(lang, "Limit", "人数限额"), l(lang, "As scored", "实际人数"), ""]
        {
            let _ = write!(o, "<th>{}</th>", html(h));
        }
        o.push_str("</tr>");
        for (k, q) in self.quotas.iter().enumerate() {
            let kind = match q.kind {
                "max" => l(lang, "at most", "不超过"),
                "min" => l(lang, "at least", "不少于"),
                _ => l(lang, "exactly", "等于"),
            };
            let _ = write!(
                o,
                "<tr class=\"{}\"><td>{} {} {}%</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                if q.breached { "flag" } else { "" },
                html(&q.grades.join("+")),
                html(kind),
                v(&format!("quotas.{k}.pct"), &q.pct.to_string()),
                v(&format!("quotas.{k}.limit"), &q.limit.to_string()),
                v(&format!("quotas.{k}.count"), &q.count.to_string()),
                if q.breached { html(l(lang, "breached: calibrate", "超出：需校准")) } else { String::new() }
            );
        }
        o.push_str("</table>");
        // 2. Category averages per team.
        let _ = write!(
            o,
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th>",
            html(l(lang, "Category averages per team", "各团队类别平均分")),
            html(l(lang, "Team", "团队")),
            html(l(lang, "Agents", "人数"))
        );
        for c in &def.categories {
            let _ = write!(o, "<th>{}</th>", html(c.name.get(code)));
        }
        let _ = write!(o, "<th>{}</th></tr>", html(l(lang, "Total", "总分")));
        for (k, t) in self.teams.iter().enumerate() {
            let name = if t.team.is_empty() { l(lang, "(all)", "（全部）").to_owned() } else { t.team.clone() };
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td>",
                html(&name),
                v(&format!("teams.{k}.agents"), &t.agents.to_string())
            );
            for (c, s) in t.categories.iter().enumerate() {
                let _ = write!(o, "<td>{}</td>", v(&format!("teams.{k}.categories.{c}"), &opt(*s)));
            }
            let _ = write!(o, "<td>{}</td></tr>", v(&format!("teams.{k}.total"), &opt(t.total)));
        }
        o.push_str("</table>");
        // 3. Indicator analytics with flags.
        let _ = write!(o, "<h2>{}</h2><table><tr>", html(l(lang, "Indicators", "指标分析")));
        for h in [
            l(lang, "Indicator", "指标"),
            l(lang, "Measured", "有效"),
            l(lang, "N/A %", "不适用 %"),
            l(lang, "Mean", "平均"),
            l(lang, "Median", "中位数"),
            l(lang, "Full marks %", "满分 %"),
            l(lang, "Flags", "提示"),
        ] {
            let _ = write!(o, "<th>{}</th>", html(h));
        }
        o.push_str("</tr>");
        for (k, s) in self.indicators.iter().enumerate() {
            let flags: Vec<&str> = s
                .flags
                .iter()
                .map(|f| match *f {
                    "does_not_discriminate" => l(lang, "does not discriminate", "区分度不足"),
                    "mostly_not_applicable" => l(lang, "mostly N/A", "多数不适用"),
                    other => other,
                })
                .collect();
            let _ = write!(
                o,
                "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                if flags.is_empty() { "" } else { "flag" },
                html(&ind_name(&s.id)),
                v(&format!("indicators.{k}.measured"), &s.measured.to_string()),
                v(&format!("indicators.{k}.na_share"), &s.na_share.to_string()),
                v(&format!("indicators.{k}.mean"), &opt(s.mean)),
                v(&format!("indicators.{k}.median"), &opt(s.median)),
                v(&format!("indicators.{k}.full_share"), &s.full_share.to_string()),
                html(&flags.join(", "))
            );
        }
        o.push_str("</table>");
        // 4. Vetoes fired; 5. incomplete results and why.
        let _ = write!(o, "<h2>{}</h2>", html(l(lang, "Vetoes fired", "触发的否决项")));
        if self.vetoes.is_empty() {
            let _ = write!(o, "<p class=\"muted\">{}</p>", html(l(lang, "none", "无")));
        }
        for r in &self.vetoes {
            let name = def
                .vetoes
                .iter()
                .find(|x| x.id == r.veto)
                .and_then(|x| x.name.as_ref())
                .map_or(r.veto.clone(), |n| n.get(code).to_owned());
            let _ = write!(o, "<p><b>{}</b>: {}</p>", html(&name), html(&r.employees.join(", ")));
        }
        let _ = write!(o, "<h2>{}</h2>", html(l(lang, "Incomplete results and why", "不完整的结果及原因")));
        if self.incomplete_results.is_empty() {
            let _ = write!(o, "<p class=\"muted\">{}</p>", html(l(lang, "none", "无")));
        }
        for (k, r) in self.incomplete_results.iter().enumerate() {
            let why: Vec<String> = r
                .not_applicable
                .iter()
                .map(|(id, reason)| format!("{} ({})", ind_name(id), crate::present::words::na_reason(reason, code)))
                .collect();
            let _ = write!(
                o,
                "<p><b>{}</b> · {} {}% · {}</p>",
                html(&r.employee),
                html(l(lang, "coverage", "覆盖率")),
                v(&format!("incomplete_results.{k}.coverage"), &r.coverage.to_string()),
                html(&why.join("; "))
            );
        }
        o.push_str("</body></html>\n");
        o
    }
}

const CSS: &str = "@page{size:A4;margin:14mm}body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;\
font-size:10.5pt;color:#1d2433;max-width:180mm;margin:auto}h1{font-size:16pt}h2{font-size:12.5pt;margin-top:1.2em;\
border-bottom:1px solid #ccd;break-after:avoid}table{border-collapse:collapse;width:100%;margin:.4em 0;break-inside:avoid}\
th,td{border:1px solid #dde;padding:2px 5px;text-align:left}th{background:#eef1f6}tr.flag td{background:#fff2cc}\
.muted{color:#667}svg.bars{width:100%;max-height:55mm}svg text{font-size:11px;text-anchor:middle}";
