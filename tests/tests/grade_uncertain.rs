//! "Grade uncertain" as a scorecard field (issue 15, point 4), when the scheme declares
//! `uncertainty`: the hand-worked intervals of `tests/vectors/uncertainty.json` on the
//! scorecard itself, the notes that name the boundary, and the declaration's checks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::Scheme;
use serde_json::{json, Value};

fn vector() -> Value {
    let path = format!("{}/vectors/grade_uncertain.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_scorecard_says_when_the_grade_is_uncertain_and_names_the_boundary() {
    let doc = vector();
    let s = Scheme::from_value(&doc["scheme"]).unwrap();
    // E1: 90 % of 50: total 75.00 (B) in [46.60, 89.13], which crosses A at 80 (the vector's
    // arithmetic); the report of `Scheme::uncertainty` says the same.
    let card = s.score_value(&doc["records"][0]).unwrap();
    let g = card.grade_uncertain.clone().unwrap();
    assert!(g.uncertain);
    assert_eq!((g.total_interval.lo.to_string(), g.total_interval.hi.to_string()), ("46.60".into(), "89.13".into()));
    assert_eq!(
        g.boundaries.iter().map(|b| (b.grade.as_str(), b.min.to_string())).collect::<Vec<_>>(),
        vec![("A", "80".to_string())]
    );
    let rep = s.uncertainty(&[doc["records"][0].clone()], &Default::default()).unwrap();
    assert_eq!(rep.records[0].total_interval.as_ref(), Some(&g.total_interval));
    // The explanation names it, zh and en; a certain grade gets no such line.
    let (_, en) = appraisal::explain(&s, &doc["records"][0], "en").unwrap();
    assert!(en.contains("grade uncertain: the total's 95% interval [46.60, 89.13] crosses A ≥ 80"), "{en}");
    let (_, zh) = appraisal::explain(&s, &doc["records"][0], "zh").unwrap();
    assert!(zh.contains("等级不确定：总分 95% 区间 [46.60, 89.13] 跨越等级线 A ≥ 80"), "{zh}");
    let (_, en2) = appraisal::explain(&s, &doc["records"][1], "en").unwrap();
    assert!(!en2.contains("grade uncertain"), "{en2}");
    // The field survives the result shape: read back, it is the same scorecard.
    let back = appraisal::stored::scorecard_from_json(&card.to_json()).unwrap();
    assert_eq!(back, card);
}

#[test]
fn the_declaration_is_part_of_the_rules_and_checked() {
    let doc = vector();
    let with = Scheme::from_value(&doc["scheme"]).unwrap();
    let mut plain = doc["scheme"].clone();
    plain.as_object_mut().unwrap().remove("uncertainty");
    let plain = Scheme::from_value(&plain).unwrap();
    // Undeclared: no field, the scorecard as before; declared: the digest differs.
    assert!(plain.score_value(&doc["records"][0]).unwrap().grade_uncertain.is_none());
    assert!(!plain.score_value(&doc["records"][0]).unwrap().to_json().contains("grade_uncertain"));
    assert_ne!(with.digest(), plain.digest());
    for (bad, path) in [
        (json!({"confidence": "0.5"}), "uncertainty.confidence"),
        (json!({"dp": 13}), "uncertainty.dp"),
        (json!({"z": 2}), "uncertainty.z"),
    ] {
        let mut d = doc["scheme"].clone();
        d["uncertainty"] = bad;
        let e = Scheme::from_value(&d).unwrap_err();
        assert!(e.issues.iter().any(|i| i.path == path), "{e:?}");
    }
    // Defaults: 0.95 and 4 decimals, written out in the canonical form.
    let mut d = doc["scheme"].clone();
    d["uncertainty"] = json!({});
    let s = Scheme::from_value(&d).unwrap();
    assert_eq!(s.def().to_value()["uncertainty"], json!({"confidence": "0.95", "dp": 4}));
    assert_eq!(s.digest(), with.digest());
}
