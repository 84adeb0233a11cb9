//! Scheme versions: selection at the exact boundary dates, overlaps rejected, and a diff that
//! matches a hand-written expectation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::versions::{diff, SchemeVersions};
use appraisal::Scheme;
use serde_json::{json, Value};

fn csr(version: &str, from: &str, until: Option<&str>, edit: impl Fn(&mut Value)) -> Scheme {
    let mut v: Value = serde_json::from_str(appraisal::builtin_scheme_json("csr").unwrap()).unwrap();
    v["version"] = json!(version);
    v["effective"] = match until {
        Some(u) => json!({"from": from, "until": u}),
        None => json!({"from": from}),
    };
    edit(&mut v);
    Scheme::from_value(&v).unwrap()
}

fn v2_edit(v: &mut Value) {
    v["categories"][0]["indicators"][0]["weight"] = json!("25"); // attendance 30 -> 25
    v["categories"][0]["indicators"][2]["weight"] = json!("25"); // timeliness 20 -> 25
    v["grades"][1]["min"] = json!("86"); // A from 85 -> 86
}

#[test]
fn the_version_in_force_at_the_boundaries() {
    let v1 = csr("2026.1", "2026-01-01", Some("2026-06-30"), |_| {});
    let v2 = csr("2026.2", "2026-07-01", None, v2_edit);
    let vs = SchemeVersions::new(vec![v1, v2]).unwrap();
    assert_eq!(vs.in_force("csr-quarterly", "2026-01-01").unwrap().version(), "2026.1");
    assert_eq!(vs.in_force("csr-quarterly", "2026-06-30").unwrap().version(), "2026.1");
    assert_eq!(vs.in_force("csr-quarterly", "2026-07-01").unwrap().version(), "2026.2");
    assert_eq!(vs.in_force("csr-quarterly", "2031-12-31").unwrap().version(), "2026.2");
    assert!(vs.in_force("csr-quarterly", "2025-12-31").is_none());
    assert!(vs.in_force("other", "2026-03-01").is_none());
}

#[test]
fn overlapping_versions_are_rejected() {
    let v1 = csr("2026.1", "2026-01-01", Some("2026-07-01"), |_| {});
    let v2 = csr("2026.2", "2026-07-01", None, v2_edit);
    let e = SchemeVersions::new(vec![v1, v2]).unwrap_err();
    assert_eq!((e[0].code.as_str(), e[0].path.as_str()), ("invalid_range", "versions[1].effective"));
    // open-ended first version overlaps everything after it
    let v1 = csr("2026.1", "2026-01-01", None, |_| {});
    let v2 = csr("2026.2", "2027-01-01", None, |_| {});
    assert!(SchemeVersions::new(vec![v1, v2]).is_err());
}

#[test]
fn diff_in_plain_words() {
    let v1 = csr("2026.1", "2026-01-01", Some("2026-06-30"), |_| {});
    let v2 = csr("2026.2", "2026-07-01", None, v2_edit);
    let en: Vec<(String, String, String)> =
        diff(&v1, &v2, "en").into_iter().map(|c| (c.kind.to_string(), c.path, c.text)).collect();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        en,
        [
            s(
                "changed",
                "categories.basic_work.indicators.attendance.weight",
                "indicator \"Attendance rate\" weight 30% → 25%"
            ),
            s(
                "changed",
                "categories.basic_work.indicators.timeliness.weight",
                "indicator \"Timely response rate\" weight 20% → 25%"
            ),
            s("changed", "grades.A.min", "grade A from 85 → 86"),
        ]
    );
    let zh: Vec<String> = diff(&v1, &v2, "zh").into_iter().map(|c| c.text).collect();
    assert_eq!(zh, ["指标「出勤率」权重 30% → 25%", "指标「及时响应率」权重 20% → 25%", "等级 A 下限 85 → 86"]);
    assert!(diff(&v1, &v1, "en").is_empty());
    // a rubric change and a removed veto, in words
    let v3 = csr("2026.3", "2027-01-01", None, |v| {
        v["categories"][1]["indicators"][1]["rubric"] = json!({"type": "linear", "zero_at": "600", "full_at": "300"});
        v["vetoes"].as_array_mut().unwrap().remove(1);
    });
    let d = diff(&v1, &v3, "en");
    assert_eq!(d[0].path, "categories.service_quality.indicators.aht.rubric");
    assert!(d[0].text.ends_with("→ linear: 0 at 600, 100 at 300"), "{}", d[0].text);
    assert_eq!((d[1].kind, d[1].path.as_str()), ("removed", "vetoes.data_breach"));
}
