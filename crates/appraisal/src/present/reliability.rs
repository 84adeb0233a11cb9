//! The inter-rater reliability report as a readable table, zh or en (the CLI's
//! `appraisal reliability`; every front door prints this text, none lays it out itself).

use crate::calibration::ReliabilityReport;
use crate::text::{pad, Lang};
use rust_decimal::Decimal;

struct Words {
    title: &'static str,
    head: [&'static str; 9],
    none: &'static str,
    no_indicator: &'static str,
    left_out: &'static str,
    note: &'static str,
}

const EN: Words = Words {
    title: "Inter-rater reliability",
    head: ["indicator", "units", "raters", "paired", "α nominal", "α ordinal", "α interval", "ICC(2,1)", "ICC(3,1)"],
    none: "—",
    no_indicator: "The scheme has no indicator rated by several raters.",
    left_out: "records left out (see their errors)",
    note: "α: Krippendorff's alpha (1 = full agreement, 0 = chance); ICC over the units every rater rated \
           (n units in brackets); — = undefined (no variation, or too few units or raters). \
           Each value exact, rounded once.",
};

const ZH: Words = Words {
    title: "评分者一致性",
    head: ["指标", "对象数", "评分人数", "可配对评分", "α 名义", "α 顺序", "α 等距", "ICC(2,1)", "ICC(3,1)"],
    none: "—",
    no_indicator: "本方案没有多人评分的指标。",
    left_out: "条记录未计入（见其错误）",
    note: "α：Krippendorff α 系数（1 = 完全一致，0 = 与随机相当）；ICC 只用每位评分人都评过的对象\
           （括号内为对象数）；— = 无法计算（评分无差异，或对象、评分人过少）。各值精确计算，只舍入一次。",
};

fn opt(x: Option<Decimal>, w: &Words) -> String {
    x.map_or_else(|| w.none.to_string(), |d| d.to_string())
}

/// The report as a text table (one row per multi-rater indicator), with a legend.
pub fn reliability_table(report: &ReliabilityReport, lang: Lang) -> String {
    let w = if lang == Lang::Zh { &ZH } else { &EN };
    let mut out = format!("{}\n\n", w.title);
    if report.indicators.is_empty() {
        out.push_str(w.no_indicator);
        out.push('\n');
        return out;
    }
    let mut rows: Vec<Vec<String>> = vec![w.head.iter().map(|s| (*s).to_string()).collect()];
    for r in &report.indicators {
        let icc = |x: Option<Decimal>| match &r.icc {
            Some(i) => format!("{} ({})", opt(x, w), i.targets),
            None => w.none.to_string(),
        };
        rows.push(vec![
            crate::safe::visible(&r.indicator).into_owned(),
            r.units.to_string(),
            r.raters.to_string(),
            r.pairable.to_string(),
            opt(r.alpha.nominal, w),
            opt(r.alpha.ordinal, w),
            opt(r.alpha.interval, w),
            icc(r.icc.as_ref().and_then(|i| i.icc2_1)),
            icc(r.icc.as_ref().and_then(|i| i.icc3_1)),
        ]);
    }
    let cols = w.head.len();
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().map(|r| r.get(c).map_or(0, |s| crate::text::display_width(s))).max().unwrap_or(0))
        .collect();
    for r in &rows {
        let cells: Vec<String> = r.iter().zip(&widths).enumerate().map(|(c, (s, wd))| pad(s, *wd, c > 0)).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    if !report.failures.is_empty() {
        out.push_str(&format!("\n{} {}\n", report.failures.len(), w.left_out));
    }
    out.push('\n');
    out.push_str(w.note);
    out.push('\n');
    out
}
