//! `appraisal report`'s data and page, worked by hand on six records of a two-category scheme
//! (x weight 60, y weight 40, both direct): totals 0.6·x + 0.4·y.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::population::DistributionConfig;
use appraisal::present::report::population_report;
use appraisal::{Lang, Scheme};
use serde_json::json;
use std::collections::BTreeMap;

fn scheme() -> Scheme {
    Scheme::from_value(&json!({
        "format": "appraisal-scheme/1", "id": "rp", "version": "3", "name": {"en": "Report test", "zh": "报告测试"},
        "period": "quarter", "effective": {"from": "2026-01-01"},
        "categories": [
            {"id": "a", "name": "A", "weight": 60, "indicators": [
                {"id": "x", "name": "X", "kind": "quantitative", "unit": "score", "source": "internal", "weight": 100,
                 "rubric": {"type": "direct"}}]},
            {"id": "b", "name": "B", "weight": 40, "indicators": [
                {"id": "y", "name": "Y", "kind": "quantitative", "unit": "score", "source": "internal", "weight": 100,
                 "rubric": {"type": "direct"}}]}],
        "vetoes": [{"id": "v", "when": {"event": "incident"}, "effect": {"type": "cap_grade", "grade": "C"}}],
        "missing": {"min_coverage": "100"},
        "grades": [{"id": "S", "min": 95}, {"id": "A", "min": 85}, {"id": "B", "min": 70}, {"id": "C", "min": 60}, {"id": "D", "min": 0}]
    }))
    .unwrap()
}

fn cfg(rounding: &str) -> DistributionConfig {
    DistributionConfig::from_value(&json!({"grades": ["S", "A", "B", "C", "D"],
        "quotas": [{"grades": ["S"], "max_pct": "10"}, {"grades": ["S", "A"], "max_pct": "30"}, {"grades": ["D"], "min_pct": "5"}],
        "rounding": rounding}))
    .unwrap()
}

fn records() -> Vec<serde_json::Value> {
    let r = |e: &str, v: serde_json::Value| json!({"employee": e, "period": "2026-Q3", "values": v});
    let mut vetoed = r("E4", json!({"x": "99", "y": "99"}));
    vetoed["events"] = json!({"incident": 1});
    vec![
        r("E1", json!({"x": "90", "y": "80"})),  // 54 + 32 = 86: A
        r("E2", json!({"x": "100", "y": "95"})), // 60 + 38 = 98: S
        r("E3", json!({"x": "70", "y": "70"})),  // 70: B
        vetoed,                                  // 99, capped to C by the veto
        r("E5", json!({"x": "80"})),             // y missing: coverage 60 < 100, incomplete
        r("E6", json!({"x": "abc", "y": "1"})),  // not a number: an error
    ]
}

fn teams() -> BTreeMap<String, String> {
    [("E1", "T1"), ("E2", "T1"), ("E3", "<b>T2</b>"), ("E4", "<b>T2</b>"), ("E5", "<b>T2</b>")]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect()
}

#[test]
fn counts_grades_teams_vetoes_incomplete() {
    let s = scheme();
    let entries = s.score_batch(&records());
    let r = population_report(&s, &entries, Some(&teams()), &cfg("lenient")).unwrap();
    assert_eq!((r.records, r.complete, r.incomplete, r.errors), (6, 4, 1, 1));
    // One each of S, A, B, C among 4 complete results: 25% each.
    let g: Vec<_> = r.grades.iter().map(|g| (g.grade.as_str(), g.count, g.share.to_string())).collect();
    assert_eq!(
        g,
        [
            ("S", 1, "25.00".into()),
            ("A", 1, "25.00".into()),
            ("B", 1, "25.00".into()),
            ("C", 1, "25.00".into()),
            ("D", 0, "0.00".into())
        ]
    );
    // Lenient, n = 4: S ceil(0.4) = 1 (1 there), S+A ceil(1.2) = 2 (2), D floor(0.2) = 0 (0): none broken.
    let q: Vec<_> = r.quotas.iter().map(|q| (q.kind, q.limit, q.count, q.breached)).collect();
    assert_eq!(q, [("max", 1, 1, false), ("max", 2, 2, false), ("min", 0, 0, false)]);
    // Teams (sorted by name): "<b>T2</b>" sorts before "T1". T2's complete: E3 (70, 70; 70) and
    // E4 (99, 99; 99): means 84.50 each. T1: a (90+100)/2 = 95.00, b (80+95)/2 = 87.50, total 92.00.
    let t: Vec<_> = r
        .teams
        .iter()
        .map(|t| {
            let cats: Vec<String> = t.categories.iter().map(|c| c.unwrap().to_string()).collect();
            (t.team.as_str(), t.agents, cats, t.total.unwrap().to_string())
        })
        .collect();
    assert_eq!(
        t,
        [
            ("<b>T2</b>", 2, vec!["84.50".to_owned(), "84.50".to_owned()], "84.50".to_owned()),
            ("T1", 2, vec!["95.00".to_owned(), "87.50".to_owned()], "92.00".to_owned()),
        ]
    );
    assert_eq!(r.vetoes.len(), 1);
    assert_eq!((r.vetoes[0].veto.as_str(), r.vetoes[0].employees.clone()), ("v", vec!["E4".to_owned()]));
    assert_eq!(r.incomplete_results.len(), 1);
    let i = &r.incomplete_results[0];
    assert_eq!((i.employee.as_str(), i.coverage.to_string()), ("E5", "60.00".to_owned()));
    assert_eq!(i.not_applicable.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["y"]);
}

#[test]
fn strict_rounding_breaks_quotas() {
    // Strict, n = 4: S floor(0.4) = 0 with 1 there (over), S+A floor(1.2) = 1 with 2 (over),
    // D ceil(0.2) = 1 with 0 (under).
    let s = scheme();
    let r = population_report(&s, &s.score_batch(&records()), None, &cfg("strict")).unwrap();
    let q: Vec<_> = r.quotas.iter().map(|q| (q.limit, q.count, q.breached)).collect();
    assert_eq!(q, [(0, 1, true), (1, 2, true), (1, 0, true)]);
    // Without a roster every complete result is in one unnamed team: totals (86+98+70+99)/4 = 88.25.
    assert_eq!(r.teams.len(), 1);
    assert_eq!((r.teams[0].team.as_str(), r.teams[0].total.unwrap().to_string()), ("", "88.25".to_owned()));
}

#[test]
fn page_escapes_and_speaks_both_languages() {
    let s = scheme();
    let r = population_report(&s, &s.score_batch(&records()), Some(&teams()), &cfg("lenient")).unwrap();
    let zh = r.to_html(&s, Lang::Zh);
    let en = r.to_html(&s, Lang::En);
    for page in [&zh, &en] {
        assert!(!page.contains("<b>T2"), "a roster's team name is text, never markup");
        assert!(page.contains("&lt;b&gt;T2&lt;/b&gt;"));
        assert!(
            !page.contains("http://") && !page.contains("https://") && !page.contains("<script"),
            "self-contained, no script"
        );
        assert!(page.contains("<svg"));
        assert!(page.contains("data-v=\"teams.1.total\">92.00<"));
    }
    assert!(zh.contains("考核结果汇总报告") && zh.contains("报告测试") && zh.contains("lang=\"zh-CN\""));
    assert!(en.contains("Population report") && en.contains("Report test"));
}
