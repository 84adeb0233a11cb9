//! A batch's results as an Excel workbook (feature `xlsx`; the CLI's `--format xlsx`), in zh
//! or en: the scorecards (frozen header, the scheme's decimals, grade colours), a per-team
//! summary, the grade distribution with a chart, and the errors, one row per bad cell.
//!
//! Safe by construction: every text from a record is written as a string cell, never as a
//! formula, so `=HYPERLINK(…)` in an employee id stays text. Numbers are written as Excel
//! numbers (doubles) for display only: every value was computed exactly and has at most the
//! scheme's `dp` decimals, which a double shows exactly at that many decimals.

use super::{l, mean_rounded};
use crate::error::Issue;
use crate::scheme::Scheme;
use crate::score::{BatchEntry, CategoryStatus, Scorecard, Status};
use crate::text::Lang;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Chart, ChartType, Color, Format, Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;

fn err(e: XlsxError) -> Issue {
    Issue::new(crate::error::ErrorCode::InvalidValue, "", format!("the workbook cannot be written: {e}"))
}

/// A grade's fill: the best grades green, the middle neutral, the last two amber and red.
fn grade_colour(rank: usize, n: usize) -> Color {
    match (rank, n.saturating_sub(rank)) {
        (0, _) | (1, _) if n > 3 => Color::RGB(0x00C6_EFCE),
        (_, 1) => Color::RGB(0x00FF_C7CE),
        (_, 2) if n > 3 => Color::RGB(0x00FF_EB9C),
        _ => Color::RGB(0x00FF_FFFF),
    }
}

fn number(ws: &mut Worksheet, row: u32, col: u16, d: Option<Decimal>, fmt: &Format) -> Result<(), XlsxError> {
    match d.and_then(|d| d.to_f64() /* float-ok: display of an exact value with at most dp decimals */) {
        Some(x) => ws.write_number_with_format(row, col, x, fmt).map(|_| ()),
        None => Ok(()),
    }
}

/// One team's row: agents, complete results, totals, agents per grade.
type Team = (usize, usize, Vec<Decimal>, BTreeMap<String, usize>);

/// The workbook of `entries` (one batch of `scheme`), `teams` mapping employee → team (from a
/// roster; without one every agent is in one team), as xlsx bytes.
pub fn scores_workbook(
    scheme: &Scheme,
    entries: &[BatchEntry],
    teams: Option<&BTreeMap<String, String>>,
    lang: Lang,
) -> Result<Vec<u8>, Issue> {
    build(scheme, entries, teams, lang).map_err(err)
}

fn build(
    scheme: &Scheme,
    entries: &[BatchEntry],
    teams: Option<&BTreeMap<String, String>>,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let def = scheme.def();
    let code = lang.as_str();
    let dp = def.rounding.dp;
    let decimals = if dp == 0 { "0".to_owned() } else { format!("0.{}", "0".repeat(dp as usize)) };
    let head = Format::new().set_bold().set_background_color(Color::RGB(0x00DD_E4EE));
    let num = Format::new().set_num_format(&decimals);
    let grades: Vec<&str> = def.grades.iter().map(|g| g.id.as_str()).collect();
    let grade_fmt: Vec<Format> = (0..grades.len())
        .map(|r| Format::new().set_bold().set_background_color(grade_colour(r, grades.len())))
        .collect();
    let cards: Vec<&Scorecard> = entries.iter().filter_map(|e| e.as_ref().ok()).collect();
    let mut wb = Workbook::new();

    // 1. Scorecards.
    let ws = wb.add_worksheet();
    ws.set_name(l(lang, "Scorecards", "考核结果"))?;
    let mut header: Vec<String> = [
        l(lang, "Employee", "员工"),
        l(lang, "Period", "考核期"),
        l(lang, "Status", "状态"),
        l(lang, "Total", "总分"),
        l(lang, "Grade", "等级"),
        l(lang, "Grade before caps", "封顶前等级"),
        l(lang, "Coverage %", "覆盖率 %"),
        l(lang, "Base", "基础分"),
        l(lang, "Adjustments", "加减分"),
        l(lang, "Vetoes fired", "触发的否决项"),
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    header.extend(def.categories.iter().map(|c| c.name.get(code).to_owned()));
    header.extend(scheme.indicators().map(|(_, i)| i.name.get(code).to_owned()));
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)?;
    }
    ws.set_freeze_panes(1, 2)?;
    ws.set_column_width(0, 14)?;
    for (r, card) in cards.iter().enumerate() {
        let row = (r as u32).saturating_add(1);
        ws.write_string(row, 0, &card.employee)?;
        ws.write_string(row, 1, &card.period)?;
        let status = match card.status {
            Status::Complete => l(lang, "complete", "完整"),
            Status::Incomplete => l(lang, "incomplete", "不完整"),
        };
        ws.write_string(row, 2, status)?;
        number(ws, row, 3, card.total, &num)?;
        if let Some(g) = &card.grade {
            match grades.iter().position(|x| *x == g.as_str()).and_then(|p| grade_fmt.get(p)) {
                Some(f) => ws.write_string_with_format(row, 4, g.as_str(), f)?,
                None => ws.write_string(row, 4, g.as_str())?,
            };
        }
        if let Some(g) = &card.natural_grade {
            ws.write_string(row, 5, g.as_str())?;
        }
        number(ws, row, 6, Some(card.coverage), &num)?;
        number(ws, row, 7, card.base, &num)?;
        ws.write_number(row, 8, card.adjustment_total.to_f64().unwrap_or_default())?; // float-ok: display
        ws.write_string(row, 9, card.vetoes.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "))?;
        let mut col: u16 = 10;
        for c in &card.categories {
            match c.status {
                CategoryStatus::Vetoed => ws.write_string(row, col, l(lang, "vetoed", "已否决")).map(|_| ())?,
                _ => number(ws, row, col, c.score, &num)?,
            }
            col = col.saturating_add(1);
        }
        for i in &card.indicators {
            number(ws, row, col, i.score, &num)?;
            col = col.saturating_add(1);
        }
    }

    // 2. Per team: agents, complete results, the mean total (exact, rounded like a score).
    let ws = wb.add_worksheet();
    ws.set_name(l(lang, "Teams", "团队汇总"))?;
    let mut per: BTreeMap<String, Team> = BTreeMap::new();
    let all = l(lang, "(all)", "（全部）").to_owned();
    for card in &cards {
        let team = teams.and_then(|t| t.get(&card.employee)).cloned().unwrap_or_else(|| all.clone());
        let e = per.entry(team).or_default();
        e.0 = e.0.saturating_add(1);
        if card.status == Status::Complete {
            e.1 = e.1.saturating_add(1);
        }
        e.2.extend(card.total);
        if let Some(g) = &card.grade {
            let n = e.3.entry(g.to_string()).or_default();
            *n = n.saturating_add(1);
        }
    }
    let mut header: Vec<String> = [
        l(lang, "Team", "团队"),
        l(lang, "Agents", "人数"),
        l(lang, "Complete", "结果完整"),
        l(lang, "Mean total", "平均总分"),
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    header.extend(grades.iter().map(|g| (*g).to_owned()));
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)?;
    }
    ws.set_freeze_panes(1, 1)?;
    for (r, (team, (n, complete, totals, by_grade))) in per.iter().enumerate() {
        let row = (r as u32).saturating_add(1);
        ws.write_string(row, 0, team)?;
        ws.write_number(row, 1, *n as f64)?; // float-ok: a count, exact as a double
        ws.write_number(row, 2, *complete as f64)?; // float-ok: a count
        number(ws, row, 3, mean_rounded(totals, def.rounding.dp, def.rounding.mode), &num)?;
        for (g, grade) in grades.iter().enumerate() {
            let count = by_grade.get(*grade).copied().unwrap_or(0);
            ws.write_number(row, (g as u16).saturating_add(4), count as f64)?; // float-ok: a count
        }
    }

    // 3. The grade distribution and its chart.
    let ws = wb.add_worksheet();
    let dist = l(lang, "Distribution", "等级分布");
    ws.set_name(dist)?;
    ws.write_string_with_format(0, 0, l(lang, "Grade", "等级"), &head)?;
    ws.write_string_with_format(0, 1, l(lang, "Agents", "人数"), &head)?;
    for (g, grade) in grades.iter().enumerate() {
        let row = (g as u32).saturating_add(1);
        let count = cards.iter().filter(|c| c.grade.as_deref() == Some(*grade)).count();
        ws.write_string(row, 0, *grade)?;
        ws.write_number(row, 1, count as f64)?; // float-ok: a count
    }
    let last = grades.len() as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_categories((dist, 1, 0, last, 0))
        .set_values((dist, 1, 1, last, 1))
        .set_name(l(lang, "Agents", "人数"));
    chart.title().set_name(l(lang, "Grade distribution", "等级分布"));
    ws.insert_chart(1, 3, &chart)?;

    // 4. Errors: one row per problem, with the cell (path) it names.
    let ws = wb.add_worksheet();
    ws.set_name(l(lang, "Errors", "错误"))?;
    let header = [
        l(lang, "Record", "记录"),
        l(lang, "Employee", "员工"),
        l(lang, "Period", "考核期"),
        l(lang, "Code", "代码"),
        l(lang, "Cell", "单元格"),
        l(lang, "Message", "说明"),
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let mut row = 0u32;
    for (i, e) in entries.iter().enumerate() {
        let Err(f) = e else { continue };
        for issue in &f.errors {
            row = row.saturating_add(1);
            ws.write_number(row, 0, i.saturating_add(1) as f64)?; // float-ok: a record number
            ws.write_string(row, 1, f.employee.as_deref().unwrap_or_default())?;
            ws.write_string(row, 2, f.period.as_deref().unwrap_or_default())?;
            ws.write_string(row, 3, issue.code.as_str())?;
            ws.write_string(row, 4, &issue.path)?;
            ws.write_string(row, 5, &issue.message)?;
        }
    }
    wb.save_to_buffer()
}
