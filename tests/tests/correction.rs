//! The optional, explicit correction of rater leniency (issue 15, point 2): corrected records
//! scored by hand, the rules that refuse a silent or malformed correction, the pool and rating
//! minimums, and the bundled rater pool with its known lenient rater.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::calibration::{CorrectionConfig, LeniencyConfig};
use appraisal::{builtin_scheme, CorrectionMethod, ErrorCode, Scheme};
use serde_json::{json, Value};

fn vector(name: &str) -> Value {
    let path = format!("{}/vectors/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn scheme() -> Scheme {
    Scheme::from_value(&vector("correction-mean-shift")["scheme"]).unwrap()
}

fn records() -> Vec<Value> {
    vector("correction-mean-shift")["records"].as_array().unwrap().clone()
}

fn config(method: CorrectionMethod, min_pool: usize, min_ratings: usize) -> CorrectionConfig {
    CorrectionConfig { method, min_pool, min_ratings, ..CorrectionConfig::default() }
}

fn total(card: &appraisal::Scorecard) -> String {
    card.total.unwrap().to_string()
}

#[test]
fn corrected_records_score_their_corrected_scores_and_say_so() {
    let s = scheme();
    let r = s.correct_ratings(&records(), &config(CorrectionMethod::MeanShift, 3, 2)).unwrap();
    // Before: E1 = (80 + 70 + 90) / 3 = 80.00. After the mean shift (the vector's arithmetic):
    // (76.43 + 81.43 + 83.93) / 3 = 241.79 / 3 = 80.5966.. -> 80.60.
    let before = s.score_value(&records()[0]).unwrap();
    assert_eq!(total(&before), "80.00");
    assert!(before.rating_correction.is_none());
    let after = s.score_value(&r.records[0]).unwrap();
    assert_eq!(total(&after), "80.60");
    let note = after.rating_correction.unwrap();
    assert_eq!((note.method, note.ratings), (CorrectionMethod::MeanShift, 3));
    assert!(after.to_json().contains(r#""rating_correction":{"method":"mean_shift","ratings":3}"#));
    // E3: A's 70 -> 66.43, B abstains: 66.43, one corrected rating.
    let e3 = s.score_value(&r.records[2]).unwrap();
    assert_eq!((total(&e3), e3.rating_correction.unwrap().ratings), ("66.43".to_string(), 1));
    // A scorecard without a correction has no such field at all.
    assert!(!before.to_json().contains("rating_correction"));
}

#[test]
fn the_table_path_scores_corrected_rows_as_the_general_path_does() {
    let s = scheme();
    let r = s.correct_ratings(&records(), &config(CorrectionMethod::ZScore, 3, 2)).unwrap();
    let good: Vec<Value> = r.records[..3].to_vec();
    let (table, bad) = appraisal::fast::Table::from_records(&s, &good);
    assert!(bad.is_empty());
    let scores = s.score_table(&table).unwrap();
    // z-score: E1 (76.43 + 84.26 + 84.26) / 3 = 244.95 / 3 = 81.65; E2 (87.50 + 68.60 + 68.60) / 3
    // = 224.70 / 3 = 74.90; E3 65.36.
    let want = ["81.65", "74.90", "65.36"];
    for (i, v) in good.iter().enumerate() {
        let card = s.score_value(v).unwrap();
        assert_eq!(total(&card), want[i]);
        assert_eq!(scores.total(i).map(|t| t.to_string()).as_deref(), Some(want[i]), "row {i}");
    }
}

#[test]
fn a_correction_is_never_silent_and_never_malformed() {
    let s = scheme();
    let with = |item: Value, mark: Option<Value>| {
        let mut r = json!({"employee": "E1", "period": "2026-Q3", "ratings": {"peer_review": [item]}});
        if let Some(m) = mark {
            r["rating_correction"] = m;
        }
        s.score_value(&r).unwrap_err().issues.into_iter().map(|i| (i.code, i.path)).collect::<Vec<_>>()
    };
    let mark = json!({"method": "mean_shift", "min_pool": 10, "min_ratings": 5});
    // A corrected score without the record's mark.
    assert_eq!(
        with(json!({"group": "peer", "rater": "A", "value": "80", "score": "75"}), None),
        vec![(ErrorCode::MissingField, "rating_correction".to_string())]
    );
    // Outside [0, 100]; more decimals than the scheme's dp (2); on an abstention.
    assert_eq!(
        with(json!({"group": "peer", "rater": "A", "value": "80", "score": "100.01"}), Some(mark.clone())),
        vec![(ErrorCode::OutOfDomain, "ratings.peer_review[0].score".to_string())]
    );
    assert_eq!(
        with(json!({"group": "peer", "rater": "A", "value": "80", "score": "75.125"}), Some(mark.clone())),
        vec![(ErrorCode::InvalidValue, "ratings.peer_review[0].score".to_string())]
    );
    assert_eq!(
        with(json!({"group": "peer", "rater": "A", "value": null, "score": "75"}), Some(mark.clone())),
        vec![(ErrorCode::InvalidValue, "ratings.peer_review[0].score".to_string())]
    );
    // A malformed mark: unknown method, missing counts, an unknown field, every problem at once.
    let issues = with(json!({"group": "peer", "rater": "A", "value": "80"}), Some(json!({"method": "guess", "x": 1})));
    let paths: Vec<&str> = issues.iter().map(|(_, p)| p.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "rating_correction.x",
            "rating_correction.method",
            "rating_correction.min_pool",
            "rating_correction.min_ratings"
        ]
    );
}

#[test]
fn small_pools_and_few_ratings_are_left_alone() {
    let s = scheme();
    // Pool of 3 raters below min_pool 4: nothing corrected, every record as given.
    let r = s.correct_ratings(&records(), &config(CorrectionMethod::MeanShift, 4, 2)).unwrap();
    assert!(r.changes.is_empty());
    assert_eq!(r.records, records());
    assert!(!r.pools[0].corrected);
    assert!(r.raters.iter().all(|x| x.reason == Some("pool_too_small")));
    // min_ratings 3: only A (3 ratings) is corrected; B and C (2 each) are not.
    let r = s.correct_ratings(&records(), &config(CorrectionMethod::MeanShift, 3, 3)).unwrap();
    let who: Vec<(&str, bool, Option<&str>)> =
        r.raters.iter().map(|x| (x.rater.as_str(), x.corrected, x.reason)).collect();
    assert_eq!(
        who,
        vec![("A", true, None), ("B", false, Some("too_few_ratings")), ("C", false, Some("too_few_ratings"))]
    );
    assert_eq!(r.changes.len(), 3);
    // Bad configurations are coded errors.
    assert!(s.correct_ratings(&records(), &config(CorrectionMethod::MeanShift, 1, 2)).is_err());
    assert!(CorrectionConfig::from_value(&json!({"method": "median"})).is_err());
}

#[test]
fn z_scores_leave_a_rater_without_spread_alone() {
    let s = scheme();
    // C gives 80 and 80: no spread, so no z-score; A and B are corrected.
    let mut recs = records();
    recs[0]["ratings"]["peer_review"][2]["value"] = json!("80");
    recs[1]["ratings"]["peer_review"][2]["value"] = json!("80");
    let r = s.correct_ratings(&recs, &config(CorrectionMethod::ZScore, 3, 2)).unwrap();
    let c = r.raters.iter().find(|x| x.rater == "C").unwrap();
    assert_eq!((c.corrected, c.reason, c.sd.map(|d| d.to_string())), (false, Some("no_spread"), Some("0.0000".into())));
    assert_eq!(r.changes.iter().filter(|x| x.rater == "C").count(), 0);
    assert_eq!(r.changes.len(), 5);
}

#[test]
fn correcting_again_starts_from_the_raters_values() {
    let s = scheme();
    let cfg = config(CorrectionMethod::MeanShift, 3, 2);
    let once = s.correct_ratings(&records(), &cfg).unwrap();
    let twice = s.correct_ratings(&once.records, &cfg).unwrap();
    assert_eq!(twice.records, once.records);
    assert_eq!(twice.changes, once.changes);
    // A record that fails its check comes back exactly as given, even with an old mark (the
    // fuzzer's find: it must not be "repaired" by having its mark removed).
    let mut broken = once.records.clone();
    broken[0]["rating_correction"]["min_ratyngs"] = json!(5);
    let again = s.correct_ratings(&broken, &cfg).unwrap();
    assert_eq!(again.records[0], broken[0]);
    assert_eq!(again.failures.len(), 2); // E1 now, and E4 as before
                                         // With a pool now too small, the old scores and mark are removed: the records as given.
    let undone = s.correct_ratings(&once.records, &config(CorrectionMethod::MeanShift, 4, 2)).unwrap();
    assert_eq!(undone.records, records());
}

fn sample() -> Vec<Value> {
    let path = format!("{}/../examples/data/rater-pool-2026-Q3.jsonl", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn the_sample_pool_is_corrected_only_where_it_is_large_enough() {
    let s = builtin_scheme("csr").unwrap();
    let r = s.correct_ratings(&sample(), &CorrectionConfig::default()).unwrap();
    // Ten peers per indicator (corrected), four supervisors (not: below the default 10).
    let pools: Vec<(&str, &str, usize, bool)> =
        r.pools.iter().map(|p| (p.indicator.as_str(), p.group.as_str(), p.raters, p.corrected)).collect();
    assert_eq!(
        pools,
        vec![
            ("communication", "supervisor", 4, false),
            ("communication", "peer", 10, true),
            ("service_attitude", "supervisor", 4, false),
            ("service_attitude", "peer", 10, true),
        ]
    );
    assert!(r.changes.iter().all(|c| c.rater.starts_with('P')));
    assert!(r.failures.is_empty());
    // The known lenient peer P04 is flagged before and no longer after the correction.
    let lenient = |recs: &[Value]| {
        let l = s.leniency(recs, &LeniencyConfig::default()).unwrap();
        l.raters.iter().filter(|x| x.flag == Some("lenient")).map(|x| x.rater.clone()).collect::<Vec<_>>()
    };
    assert_eq!(lenient(&sample()), vec!["P04".to_string()]);
    assert!(lenient(&r.records).is_empty());
    // Every corrected record scores, and says so.
    for v in &r.records {
        let card = s.score_value(v).unwrap();
        assert_eq!(card.rating_correction.map(|c| c.method), Some(CorrectionMethod::MeanShift));
    }
}
