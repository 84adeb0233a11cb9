//! Calibration and reliability reports as readable tables, zh or en (the CLI's
//! `appraisal calibrate` and `appraisal reliability`; every front door prints this text, none
//! lays it out itself).

use crate::calibration::{
    CalibrationReport, CorrectionReport, LeniencyReport, ReliabilityReport, ShrinkReport, UncertaintyReport,
};
use crate::record::CorrectionMethod;
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
    out.push_str(&grid(&rows));
    if !report.failures.is_empty() {
        out.push_str(&format!("\n{} {}\n", report.failures.len(), w.left_out));
    }
    out.push('\n');
    out.push_str(w.note);
    out.push('\n');
    out
}

struct CalWords {
    title: &'static str,
    head: [&'static str; 6],
    criteria: &'static str,
    criteria_head: [&'static str; 3],
    strict: &'static str,
    lenient: &'static str,
    strictest: &'static str,
    most_lenient: &'static str,
    none: &'static str,
    left_out: &'static str,
    note: &'static str,
}

const CAL_EN: CalWords = CalWords {
    title: "Calibration",
    head: ["evaluator", "contacts", "alignment", "deviation", "interval", "flag"],
    criteria: "Criteria by spread (mean of highest − lowest score per contact)",
    criteria_head: ["criterion", "contacts", "spread"],
    strict: "strict",
    lenient: "lenient",
    strictest: "Strictest: ",
    most_lenient: "Most lenient: ",
    none: "—",
    left_out: "entries left out (see their errors)",
    note: "alignment: 1 − weighted |score − reference| / 100 per contact, averaged; deviation: total − \
           reference total, averaged, with its confidence interval (rounded outward); flagged only when the \
           interval excludes 0 and there are enough contacts. Calibration scores never enter live results.",
};

const CAL_ZH: CalWords = CalWords {
    title: "校准",
    head: ["评估人", "接触数", "一致度", "偏差", "置信区间", "标记"],
    criteria: "评分项分歧（每条接触最高分与最低分之差的平均）",
    criteria_head: ["评分项", "接触数", "分歧"],
    strict: "偏严",
    lenient: "偏松",
    strictest: "最严：",
    most_lenient: "最松：",
    none: "—",
    left_out: "条记录未计入（见其错误）",
    note: "一致度：每条接触 1 − 加权 |得分 − 参照| / 100 的平均；偏差：总分 − 参照总分的平均及其置信区间\
           （向外取整）；只有区间不含 0 且接触数足够时才标记。校准评分不计入正式结果。",
};

fn grid(rows: &[Vec<String>]) -> String {
    let cols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().map(|r| r.get(c).map_or(0, |s| crate::text::display_width(s))).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in rows {
        let cells: Vec<String> = r.iter().zip(&widths).enumerate().map(|(c, (s, wd))| pad(s, *wd, c > 0)).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// The calibration report as text tables (evaluators, then criteria by spread), with a legend.
pub fn calibration_table(report: &CalibrationReport, lang: Lang) -> String {
    let w = if lang == Lang::Zh { &CAL_ZH } else { &CAL_EN };
    let opt = |x: Option<Decimal>| x.map_or_else(|| w.none.to_string(), |d| d.to_string());
    let against = match &report.config.reference {
        Some(r) => crate::safe::visible(r).into_owned(),
        None if lang == Lang::Zh => "参照评估人或其他评估人的平均".to_string(),
        None => "the reference evaluator, or the others' mean".to_string(),
    };
    let mut out = if lang == Lang::Zh {
        format!("{}\n\n{} 场校准会，{} 条接触；比较对象：{against}\n\n", w.title, report.sessions, report.contacts)
    } else {
        format!(
            "{}\n\n{} sessions, {} contacts; compared with {against}\n\n",
            w.title, report.sessions, report.contacts
        )
    };
    let mut rows: Vec<Vec<String>> = vec![w.head.iter().map(|s| (*s).to_string()).collect()];
    for e in &report.evaluators {
        rows.push(vec![
            crate::safe::visible(&e.evaluator).into_owned(),
            e.contacts.to_string(),
            opt(e.alignment),
            opt(e.deviation),
            e.interval.as_ref().map_or_else(|| w.none.to_string(), |i| format!("[{}, {}]", i.lo, i.hi)),
            match e.flag {
                Some("strict") => w.strict.to_string(),
                Some(_) => w.lenient.to_string(),
                None => String::new(),
            },
        ]);
    }
    out.push_str(&grid(&rows));
    for (label, who) in [(w.strictest, &report.strictest), (w.most_lenient, &report.most_lenient)] {
        if let Some(id) = who {
            out.push_str(&format!("{label}{}\n", crate::safe::visible(id)));
        }
    }
    out.push_str(&format!("\n{}\n\n", w.criteria));
    let mut rows: Vec<Vec<String>> = vec![w.criteria_head.iter().map(|s| (*s).to_string()).collect()];
    for c in &report.criteria {
        rows.push(vec![crate::safe::visible(&c.indicator).into_owned(), c.contacts.to_string(), opt(c.spread)]);
    }
    out.push_str(&grid(&rows));
    if !report.reliability.is_empty() {
        let zh = lang == Lang::Zh;
        out.push_str(if zh { "\n各场校准会的评估人一致性\n\n" } else { "\nReliability per session\n\n" });
        let head: [&str; 5] = if zh {
            ["校准会", "单元数", "评估人数", "α 等距", "ICC(2,1)"]
        } else {
            ["session", "units", "evaluators", "α interval", "ICC(2,1)"]
        };
        let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| (*s).to_string()).collect()];
        for r in &report.reliability {
            rows.push(vec![
                crate::safe::visible(&r.session).into_owned(),
                r.units.to_string(),
                r.evaluators.to_string(),
                opt(r.alpha.interval),
                opt(r.icc.as_ref().and_then(|i| i.icc2_1)),
            ]);
        }
        out.push_str(&grid(&rows));
    }
    if !report.failures.is_empty() {
        out.push_str(&format!("\n{} {}\n", report.failures.len(), w.left_out));
    }
    out.push('\n');
    out.push_str(w.note);
    out.push('\n');
    out
}

/// The leniency report as a text table, with a legend (zh or en).
pub fn leniency_table(report: &LeniencyReport, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let head: [&str; 5] = if zh {
        ["评分人", "比较次数", "平均偏差", "置信区间", "标记"]
    } else {
        ["rater", "ratings", "deviation", "interval", "flag"]
    };
    let mut out = if zh { "评分人宽严\n\n".to_string() } else { "Rater leniency and severity\n\n".to_string() };
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| (*s).to_string()).collect()];
    for r in &report.raters {
        rows.push(vec![
            crate::safe::visible(&r.rater).into_owned(),
            r.ratings.to_string(),
            r.deviation.map_or_else(|| "—".to_string(), |d| d.to_string()),
            r.interval.as_ref().map_or_else(|| "—".to_string(), |i| format!("[{}, {}]", i.lo, i.hi)),
            match (r.flag, zh) {
                (Some("lenient"), true) => "偏松".to_string(),
                (Some(_), true) => "偏严".to_string(),
                (Some(f), false) => f.to_string(),
                (None, _) => String::new(),
            },
        ]);
    }
    out.push_str(&grid(&rows));
    out.push_str(&left_out(report.failures.len(), zh));
    out.push('\n');
    out.push_str(if zh {
        "平均偏差：评分人的得分减去同一员工、同一指标其他评分人的平均分（0–100 分制）；置信区间向外取整；\
         只有区间不含 0 且比较次数足够时才标记。只作检测，不修改任何评分。\n"
    } else {
        "deviation: the rater's score minus the mean of the other raters of the same employee and indicator \
         (0–100 scale), averaged; interval rounded outward; flagged only when it excludes 0 and there are \
         enough ratings. Detection only: no rating is changed.\n"
    });
    out
}

/// The uncertainty report as a text table: one row per record with a survey indicator, the
/// grade-uncertain ones marked with the boundary they straddle (zh or en).
pub fn uncertainty_table(report: &UncertaintyReport, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let head: [&str; 6] = if zh {
        ["员工", "周期", "总分", "总分区间", "等级", "等级不确定"]
    } else {
        ["employee", "period", "total", "interval", "grade", "grade uncertain"]
    };
    let mut out = if zh {
        "小样本的不确定性\n\n".to_string()
    } else {
        "Small samples: how sure is the grade?\n\n".to_string()
    };
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| (*s).to_string()).collect()];
    for r in report.records.iter().filter(|r| r.total_interval.is_some()) {
        let bounds: Vec<String> = r.boundaries.iter().map(|b| format!("{} ≥ {}", b.grade, b.min)).collect();
        rows.push(vec![
            crate::safe::visible(&r.employee).into_owned(),
            crate::safe::visible(&r.period).into_owned(),
            r.total.map_or_else(|| "—".to_string(), |d| d.to_string()),
            r.total_interval.as_ref().map_or_else(String::new, |i| format!("[{}, {}]", i.lo, i.hi)),
            r.grade.as_deref().map_or_else(|| "—".to_string(), |g| crate::safe::visible(g).into_owned()),
            match (r.grade_uncertain, zh) {
                (true, true) => format!("是（{}）", bounds.join("，")),
                (true, false) => format!("yes ({})", bounds.join(", ")),
                (false, _) => String::new(),
            },
        ]);
    }
    out.push_str(&grid(&rows));
    out.push_str(&left_out(report.failures.len(), zh));
    out.push('\n');
    out.push_str(if zh {
        "区间：调查类指标（百分比，附样本量）取 Wilson 置信区间，经评分规则传到总分；区间向外取整。\
         区间跨过等级分界时标记“等级不确定”。\n"
    } else {
        "interval: each survey indicator (a percentage with its sample size) at the ends of its Wilson \
         interval, carried through its rubric to the total; rounded outward. Grade uncertain: the interval \
         crosses a grade boundary.\n"
    });
    out
}

/// The correction's audit as text: every rater pool and every rater with their means, shifts
/// and whether they were corrected (and why not), then how many ratings changed (zh or en).
pub fn correction_table(report: &CorrectionReport, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let dash = || "—".to_string();
    let num = |d: Option<rust_decimal::Decimal>| d.map_or_else(dash, |d| d.to_string());
    let method = match (report.config.method, zh) {
        (CorrectionMethod::MeanShift, true) => "均值平移",
        (CorrectionMethod::ZScore, true) => "标准分（z 分数）",
        (CorrectionMethod::MeanShift, false) => "mean shift",
        (CorrectionMethod::ZScore, false) => "z-score",
    };
    let mut out = if zh {
        format!(
            "评分人宽严校正（{method}；评分人池至少 {} 人，每人至少 {} 条评分）\n\n",
            report.config.min_pool, report.config.min_ratings
        )
    } else {
        format!(
            "Rater correction ({method}; pools of at least {} raters, at least {} ratings per rater)\n\n",
            report.config.min_pool, report.config.min_ratings
        )
    };
    let head: [&str; 8] = if zh {
        ["周期", "指标", "评分组", "评分人数", "评分数", "平均分", "标准差", "校正"]
    } else {
        ["period", "indicator", "group", "raters", "ratings", "mean", "sd", "corrected"]
    };
    let yes_no = |b: bool| match (b, zh) {
        (true, true) => "是".to_string(),
        (false, true) => "否".to_string(),
        (true, false) => "yes".to_string(),
        (false, false) => "no".to_string(),
    };
    let v = |s: &str| crate::safe::visible(s).into_owned();
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| (*s).to_string()).collect()];
    for p in &report.pools {
        rows.push(vec![
            v(&p.period),
            v(&p.indicator),
            v(&p.group),
            p.raters.to_string(),
            p.ratings.to_string(),
            num(p.mean),
            num(p.sd),
            yes_no(p.corrected),
        ]);
    }
    out.push_str(&grid(&rows));
    out.push('\n');
    let head: [&str; 9] = if zh {
        ["周期", "指标", "评分组", "评分人", "评分数", "平均分", "平移", "标准差", "校正"]
    } else {
        ["period", "indicator", "group", "rater", "ratings", "mean", "shift", "sd", "corrected"]
    };
    let why = |r: Option<&str>| match (r, zh) {
        (None, _) => yes_no(true),
        (Some("pool_too_small"), true) => "否（评分人池太小）".to_string(),
        (Some("too_few_ratings"), true) => "否（评分太少）".to_string(),
        (Some(_), true) => "否（评分无差异）".to_string(),
        (Some("pool_too_small"), false) => "no (pool too small)".to_string(),
        (Some("too_few_ratings"), false) => "no (too few ratings)".to_string(),
        (Some(_), false) => "no (no spread)".to_string(),
    };
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| (*s).to_string()).collect()];
    for r in &report.raters {
        rows.push(vec![
            v(&r.period),
            v(&r.indicator),
            v(&r.group),
            v(&r.rater),
            r.ratings.to_string(),
            num(r.mean),
            num(r.shift),
            num(r.sd),
            why(r.reason),
        ]);
    }
    out.push_str(&grid(&rows));
    let records = report.records.iter().filter(|r| r.get("rating_correction").is_some()).count();
    out.push_str(&if zh {
        format!("\n已校正 {} 条评分，涉及 {records} 条记录。", report.changes.len())
    } else {
        format!("\n{} ratings corrected in {records} records.", report.changes.len())
    });
    if !report.failures.is_empty() {
        out.push_str(&if zh {
            format!("{} 条记录未计入（见其错误）。", report.failures.len())
        } else {
            format!(" {} records left out (see their errors).", report.failures.len())
        });
    }
    out.push('\n');
    out.push_str(if zh {
        "\n校正结果是一份新的输入：被校正的记录带有 rating_correction 标记，每条被校正的评分在原评分旁给出校正后的分数；\
         用这些记录评分时，成绩单会注明。原始评分不会被静默修改。\n"
    } else {
        "\nThe correction is a new input: corrected records carry a rating_correction mark and each corrected \
         rating its corrected score beside the rater's own value; their scorecards say so. No rating is \
         changed silently.\n"
    });
    out
}

/// The shrinkage report as text: the declared indicators, the team means, every shrunk value
/// (zh or en).
pub fn shrink_table(report: &ShrinkReport, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let v = |s: &str| crate::safe::visible(s).into_owned();
    let team = |t: &Option<String>| t.as_deref().map_or_else(|| if zh { "（全部）" } else { "(all)" }.to_string(), v);
    let mut out = if zh {
        "小样本指标向团队均值收缩\n\n".to_string()
    } else {
        "Small samples shrunk toward the team mean\n\n".to_string()
    };
    if report.indicators.is_empty() {
        out.push_str(if zh {
            "本方案没有声明收缩的指标（默认关闭），没有任何数值被修改。\n"
        } else {
            "No indicator of this scheme declares shrinkage (it is off by default): nothing is shrunk.\n"
        });
        return out;
    }
    for i in &report.indicators {
        out.push_str(&if zh {
            format!("{}：先验权重 {} 份，保留 {} 位小数\n", v(&i.indicator), i.prior, i.dp)
        } else {
            format!("{}: prior of {} responses, {} decimals\n", v(&i.indicator), i.prior, i.dp)
        });
    }
    out.push('\n');
    let head: [&str; 6] = if zh {
        ["团队", "周期", "指标", "记录数", "样本量", "团队均值"]
    } else {
        ["team", "period", "indicator", "records", "responses", "team mean"]
    };
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| (*s).to_string()).collect()];
    for t in &report.teams {
        rows.push(vec![
            team(&t.team),
            v(&t.period),
            v(&t.indicator),
            t.records.to_string(),
            t.responses.to_string(),
            t.mean.map_or_else(|| "—".to_string(), |d| d.to_string()),
        ]);
    }
    out.push_str(&grid(&rows));
    out.push('\n');
    let head: [&str; 6] = if zh {
        ["员工", "团队", "指标", "样本量", "原始值", "收缩后"]
    } else {
        ["employee", "team", "indicator", "n", "raw", "shrunk"]
    };
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| (*s).to_string()).collect()];
    for c in &report.changes {
        rows.push(vec![
            v(&c.employee),
            team(&c.team),
            v(&c.indicator),
            c.n.to_string(),
            c.raw.to_string(),
            c.shrunk.to_string(),
        ]);
    }
    out.push_str(&grid(&rows));
    out.push_str(&left_out(report.failures.len(), zh));
    out.push_str(if zh {
        "\n收缩值 =（样本量 × 原始值 + 先验权重 × 团队均值）÷（样本量 + 先验权重）；团队均值按样本量加权。\
         收缩后的数值另列为新输入，原始值保留；评分时成绩单同时显示原始值与收缩值。\n"
    } else {
        "\nshrunk = (n × raw + prior × team mean) / (n + prior); the team mean is weighted by sample size. \
         The shrunk values are a new input beside the raw ones; scorecards show both.\n"
    });
    out
}

/// The line under a report that left records out (none: empty), zh or en.
fn left_out(n: usize, zh: bool) -> String {
    match (n, zh) {
        (0, _) => String::new(),
        (n, true) => format!("\n{n} 条记录未计入（见其错误）\n"),
        (n, false) => format!("\n{n} records left out (see their errors)\n"),
    }
}
