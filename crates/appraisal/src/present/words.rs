//! The words every front door shows around the numbers, in zh and en: the result table's
//! headings and notes, N/A reasons and units. (Names of categories, indicators, adjustments
//! and vetoes come from the scheme; rule steps from [`super::steps`].)

/// Headings and notes of a result table.
#[derive(Debug)]
pub struct TableWords {
    /// Employee.
    pub employee: &'static str,
    /// Period.
    pub period: &'static str,
    /// Base.
    pub base: &'static str,
    /// Adjustments (short).
    pub adj: &'static str,
    /// Total.
    pub total: &'static str,
    /// Grade.
    pub grade: &'static str,
    /// Notes.
    pub notes: &'static str,
    /// Not applicable.
    pub na: &'static str,
    /// A fired veto.
    pub veto: &'static str,
    /// The grade before a cap.
    pub capped_from: &'static str,
    /// Incomplete.
    pub incomplete: &'static str,
    /// Coverage.
    pub coverage: &'static str,
    /// A vetoed category's cell.
    pub vetoed_zero: &'static str,
    /// "records" in the summary line.
    pub records: &'static str,
    /// Results without a grade.
    pub ungraded: &'static str,
    /// Format 2's rating beside the total (SPEC §8.2).
    pub rating: &'static str,
    /// Records with errors.
    pub errors: &'static str,
    /// The legend under the table.
    pub legend: &'static str,
}

const EN: TableWords = TableWords {
    employee: "Employee",
    period: "Period",
    base: "Base",
    adj: "Adj",
    total: "Total",
    grade: "Grade",
    notes: "Notes",
    na: "N/A",
    veto: "veto",
    capped_from: "capped from",
    incomplete: "incomplete",
    coverage: "coverage",
    vetoed_zero: "0 (veto)",
    records: "records",
    ungraded: "ungraded",
    rating: "rating",
    errors: "errors",
    legend: "* = category renormalised over its measured indicators (some N/A); n/a = not applicable",
};

const ZH: TableWords = TableWords {
    employee: "员工",
    period: "考核期",
    base: "基础分",
    adj: "加减分",
    total: "总分",
    grade: "等级",
    notes: "备注",
    na: "不适用",
    veto: "否决",
    capped_from: "原等级",
    incomplete: "不完整",
    coverage: "覆盖率",
    vetoed_zero: "0（否决）",
    records: "条记录",
    ungraded: "无等级",
    rating: "评级",
    errors: "错误",
    legend: "* = 该类别按已测指标重新加权（部分指标不适用）；n/a = 不适用",
};

/// The table words in `lang` (`zh`, else English).
pub fn table(lang: &str) -> &'static TableWords {
    if lang == "zh" {
        &ZH
    } else {
        &EN
    }
}

/// An N/A reason (`missing_value`, …) in `lang`.
pub fn na_reason(reason: &str, lang: &str) -> String {
    if lang != "zh" {
        return reason.replace('_', " ");
    }
    match reason {
        "missing_value" => "缺少数据",
        "insufficient_sample" => "样本不足",
        "insufficient_raters" => "评价人不足",
        "out_of_scope" => "不适用于本记录",
        other => other,
    }
    .to_string()
}

/// What a scorecard of corrected ratings says (issue 15): the method and how many ratings,
/// in `lang`.
pub fn correction_note(c: &crate::record::CorrectedRatings, lang: &str) -> String {
    use crate::record::CorrectionMethod::{MeanShift, ZScore};
    match (c.method, lang == "zh") {
        (MeanShift, true) => format!("评分已校正（均值平移，{} 条评分）", c.ratings),
        (ZScore, true) => format!("评分已校正（标准分，{} 条评分）", c.ratings),
        (MeanShift, false) => format!("ratings corrected (mean shift, {} ratings)", c.ratings),
        (ZScore, false) => format!("ratings corrected (z-score, {} ratings)", c.ratings),
    }
}

/// What a scorecard says of its grade's uncertainty (issue 15): only when the total's
/// interval crosses a grade boundary, naming it; `None` otherwise.
pub fn grade_uncertain_note(g: &crate::calibration::GradeUncertainty, lang: &str) -> Option<String> {
    if !g.uncertain {
        return None;
    }
    let bounds: Vec<String> =
        g.boundaries.iter().map(|b| format!("{} ≥ {}", b.grade, crate::number::exact(b.min))).collect();
    let (lo, hi) = (g.total_interval.lo, g.total_interval.hi);
    let pct =
        crate::number::exact(g.confidence.checked_mul(rust_decimal::Decimal::ONE_HUNDRED).unwrap_or(g.confidence));
    Some(if lang == "zh" {
        format!("等级不确定：总分 {pct}% 区间 [{lo}, {hi}] 跨越等级线 {}", bounds.join("、"))
    } else {
        format!("grade uncertain: the total's {pct}% interval [{lo}, {hi}] crosses {}", bounds.join(", "))
    })
}

/// What a scorecard of a shrunk indicator says (issue 15): both values and both scores, with
/// the indicator named as the caller names it, in `lang`.
pub fn shrink_note(
    s: &crate::record::ShrunkValue,
    name: &str,
    score: Option<rust_decimal::Decimal>,
    lang: &str,
) -> String {
    let sc = |d: Option<rust_decimal::Decimal>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
    if lang == "zh" {
        format!(
            "{name} 按团队均值收缩：{} → {}（得分 {} → {}）",
            crate::number::exact(s.raw),
            s.shrunk,
            sc(s.raw_score),
            sc(score)
        )
    } else {
        format!(
            "{name} shrunk toward the team mean: {} → {} (score {} → {})",
            crate::number::exact(s.raw),
            s.shrunk,
            sc(s.raw_score),
            sc(score)
        )
    }
}

/// An indicator's unit (`percent`, `seconds`, `count`, `score`, `rating`, …) as a reader
/// expects it next to a value; a unit the library does not know is shown as written.
pub fn unit(unit: &str, lang: &str) -> String {
    let zh = lang == "zh";
    match unit {
        "percent" => "%",
        "seconds" => {
            if zh {
                "秒"
            } else {
                "s"
            }
        }
        "minutes" => {
            if zh {
                "分钟"
            } else {
                "min"
            }
        }
        "hours" => {
            if zh {
                "小时"
            } else {
                "h"
            }
        }
        "count" => {
            if zh {
                "次"
            } else {
                "count"
            }
        }
        "score" => {
            if zh {
                "分"
            } else {
                "points"
            }
        }
        "rating" | "level" => {
            if zh {
                "等级"
            } else {
                "level"
            }
        }
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_both_languages() {
        assert_eq!(table("zh").total, "总分");
        assert_eq!(table("en").total, "Total");
        assert_eq!(unit("percent", "zh"), "%");
        assert_eq!(unit("seconds", "zh"), "秒");
        assert_eq!(unit("widgets", "zh"), "widgets");
        assert_eq!(na_reason("insufficient_sample", "zh"), "样本不足");
        assert_eq!(na_reason("insufficient_sample", "en"), "insufficient sample");
    }
}
