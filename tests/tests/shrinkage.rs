//! Bayesian shrinkage toward the team mean (issue 15, point 4): declared in the scheme, off by
//! default, a new input beside the raw values, scored by hand, both values on the scorecard.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::calibration::{teams_from_csv, teams_from_value};
use appraisal::{builtin_scheme, ErrorCode, Scheme};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn vector() -> Value {
    let path = format!("{}/vectors/shrinkage.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn scheme() -> Scheme {
    Scheme::from_value(&vector()["scheme"]).unwrap()
}

fn teams() -> BTreeMap<String, String> {
    teams_from_value(&vector()["teams"]).unwrap()
}

fn records() -> Vec<Value> {
    vector()["records"].as_array().unwrap().clone()
}

#[test]
fn a_shrunk_value_is_scored_and_both_are_shown() {
    let s = scheme();
    let r = s.shrink(&records(), &teams());
    // E1: csat 90 % of 3 responses -> 990/13 = 76.15 (the vector's arithmetic). csat's rubric is
    // linear 60 -> 0, 100 -> 100: raw 2.5 x 30 = 75.00, shrunk 2.5 x 16.15 = 40.375 -> 40.38.
    // fcr 80 (linear 50 -> 100): 60.00. Base (50 x 40.38 + 50 x 60.00) / 100 = 50.19 (raw: 67.50).
    let card = s.score_value(&r.records[0]).unwrap();
    assert_eq!(card.indicator("csat").unwrap().score.unwrap().to_string(), "40.38");
    assert_eq!(card.total.unwrap().to_string(), "50.19");
    assert_eq!(s.score_value(&records()[0]).unwrap().total.unwrap().to_string(), "67.50");
    let sv = &card.shrinkage[0];
    assert_eq!(
        (sv.indicator.as_str(), sv.raw.to_string(), sv.shrunk.to_string(), sv.raw_score.map(|d| d.to_string())),
        ("csat", "90".into(), "76.15".into(), Some("75.00".into()))
    );
    assert!(card
        .to_json()
        .contains(r#""shrinkage":[{"indicator":"csat","raw":"90","shrunk":"76.15","raw_score":"75.00"}]"#));
    // The step explains the score from the shrunk value: 60 < 76.15 < 100 on the line.
    assert!(card.indicator("csat").unwrap().step.as_deref().unwrap().contains("segment"), "{card:?}");
    // Unshrunk scorecards carry no such field.
    assert!(!s.score_value(&records()[0]).unwrap().to_json().contains("shrinkage"));
    // The explanation names both values and both scores, zh and en.
    let (_, en) = appraisal::explain(&s, &r.records[0], "en").unwrap();
    assert!(en.contains("csat shrunk toward the team mean: 90 → 76.15 (score 75.00 → 40.38)"), "{en}");
    let (_, zh) = appraisal::explain(&s, &r.records[0], "zh").unwrap();
    assert!(zh.contains("按团队均值收缩：90 → 76.15（得分 75.00 → 40.38）"), "{zh}");
}

#[test]
fn the_table_path_scores_shrunk_rows_as_the_general_path_does() {
    let s = scheme();
    let r = s.shrink(&records(), &teams());
    let good = r.records[..4].to_vec();
    let (table, bad) = appraisal::fast::Table::from_records(&s, &good);
    assert!(bad.is_empty());
    let scores = s.score_table(&table).unwrap();
    for (i, v) in good.iter().enumerate() {
        assert_eq!(scores.total(i), s.score_value(v).unwrap().total, "row {i}");
    }
    // E2: 70.54 -> 2.5 x 10.54 = 26.35; (26.35 + 60) / 2 = 43.175 -> 43.18.
    assert_eq!(scores.total(1).unwrap().to_string(), "43.18");
}

#[test]
fn a_shrunk_value_is_checked_like_any_input() {
    let s = scheme();
    let issues =
        |rec: Value| s.score_value(&rec).unwrap_err().issues.into_iter().map(|i| (i.code, i.path)).collect::<Vec<_>>();
    let base = |shrunk: Value| json!({"employee": "E1", "period": "P", "values": {"csat": "90", "fcr": "80"}, "samples": {"csat": 3}, "shrunk": shrunk});
    assert_eq!(issues(base(json!({"fcr": "70"}))), vec![(ErrorCode::InvalidValue, "shrunk.fcr".to_string())]);
    assert_eq!(issues(base(json!({"csat": "101"}))), vec![(ErrorCode::OutOfRange, "shrunk.csat".to_string())]);
    assert_eq!(issues(base(json!({"csat": "76.153"}))), vec![(ErrorCode::InvalidValue, "shrunk.csat".to_string())]);
    assert_eq!(issues(base(json!({"nps": "1"}))), vec![(ErrorCode::UnknownIndicator, "shrunk.nps".to_string())]);
    assert_eq!(issues(base(json!("76"))), vec![(ErrorCode::InvalidType, "shrunk".to_string())]);
    // The raw value and the sample size must stand beside it.
    let lone = json!({"employee": "E1", "period": "P", "shrunk": {"csat": "76.15"}});
    assert_eq!(
        issues(lone),
        vec![
            (ErrorCode::MissingField, "values.csat".to_string()),
            (ErrorCode::MissingField, "samples.csat".to_string())
        ]
    );
}

#[test]
fn shrinkage_is_declared_in_the_scheme_and_off_by_default() {
    // The built-in schemes declare none: nothing is shrunk, every record comes back as given.
    let csr = builtin_scheme("csr").unwrap();
    let path = format!("{}/../examples/data/sample-centre-2026-Q3.jsonl", env!("CARGO_MANIFEST_DIR"));
    let recs: Vec<Value> =
        std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let recs: Vec<Value> = recs.into_iter().filter(|r| r["role"] == "csr").collect();
    let r = csr.shrink(&recs, &BTreeMap::new());
    assert!(r.indicators.is_empty() && r.changes.is_empty());
    assert_eq!(r.records, recs);
    // A bad declaration is a scheme error: on a scale rubric, with a prior of 0, dp beyond 10.
    let mut doc = vector()["scheme"].clone();
    doc["categories"][0]["indicators"][0]["shrinkage"] = json!({"prior": "0"});
    let e = Scheme::from_value(&doc).unwrap_err();
    assert!(e.issues.iter().any(|i| i.path.ends_with("shrinkage.prior")), "{e:?}");
    doc["categories"][0]["indicators"][0]["shrinkage"] = json!({"prior": "5", "dp": 11});
    assert!(Scheme::from_value(&doc).is_err());
    let mut doc = serde_json::to_value(csr.def().to_value()).unwrap();
    let comm = doc["categories"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|c| c["indicators"].as_array_mut().unwrap().iter_mut())
        .find(|i| i["id"] == "communication")
        .unwrap();
    comm["shrinkage"] = json!({"prior": "5"});
    assert!(Scheme::from_value(&doc).is_err());
    // Declared, it is part of the rules: the digest changes.
    let mut doc = vector()["scheme"].clone();
    let with = Scheme::from_value(&doc).unwrap();
    doc["categories"][0]["indicators"][0].as_object_mut().unwrap().remove("shrinkage");
    assert_ne!(Scheme::from_value(&doc).unwrap().digest(), with.digest());
}

#[test]
fn shrinking_again_replaces_the_old_values() {
    let s = scheme();
    let once = s.shrink(&records(), &teams());
    let twice = s.shrink(&once.records, &teams());
    assert_eq!(twice.records, once.records);
    // A record that fails its check comes back exactly as given, its old `shrunk` kept.
    let mut broken = once.records.clone();
    broken[0]["values"]["csat"] = json!("101");
    assert_eq!(s.shrink(&broken, &teams()).records[0], broken[0]);
    // Without a roster, E1-E4 are one team: m = (270 + 1890 + 800 + 250) / 45 = 3210/45 =
    // 71.333..; E3: (10 x 80 + 10 x 71.333..) / 20 = 75.666.. -> 75.67.
    let one = s.shrink(&once.records, &BTreeMap::new());
    assert_eq!(one.records[2]["shrunk"]["csat"], "75.67");
    assert_eq!(one.teams.len(), 1);
}

#[test]
fn rosters_are_read_from_csv() {
    let path = format!("{}/../examples/data/roster.csv", env!("CARGO_MANIFEST_DIR"));
    let teams = teams_from_csv(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(teams.get("CS1001").map(String::as_str), Some("North"));
    assert!(teams_from_csv("employee,name\nE1,x\n").unwrap_err().message.contains("\"team\""));
    assert!(teams_from_csv("employee,team\nE1,A\nE1,B\n").unwrap_err().message.contains("twice"));
    assert!(teams_from_value(&json!(["E1"])).is_err());
}
