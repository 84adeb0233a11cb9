//! Calibration sessions (issue 15, points 1 and 6): alignment, deviation intervals and flags
//! worked by hand, and the bundled sample with its known harsh and lenient evaluators.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::calibration::{CalibrationConfig, Interval};
use appraisal::{builtin_scheme, Decimal, Scheme};
use serde_json::{json, Value};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// One category, a (weight 75) and b (weight 25), both direct scores.
fn scheme() -> Scheme {
    let ind = |id: &str, w: &str| json!({"id": id, "name": id, "kind": "quantitative", "unit": "score", "source": "internal", "weight": w, "rubric": {"type": "direct"}});
    Scheme::from_value(&json!({
        "format": "appraisal-scheme/1", "id": "qa", "version": "1", "name": "qa", "period": "month",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": "100", "indicators": [ind("a", "75"), ind("b", "25")]}],
        "grades": [{"id": "A", "min": "85"}, {"id": "B", "min": "0"}]
    }))
    .unwrap()
}

fn entry(session: &str, evaluator: &str, employee: &str, a: &str, b: &str, reference: bool) -> Value {
    let mut e = json!({"session": session, "evaluator": evaluator,
        "record": {"employee": employee, "period": "2026-01", "values": {"a": a, "b": b}}});
    if reference {
        e["reference"] = json!(true);
    }
    e
}

#[test]
fn against_a_reference_by_hand() {
    let entries = vec![
        // S1/E1: R (80, 60) total 75; X (70, 60) 67.5; Y (80, 80) 80.
        entry("S1", "R", "E1", "80", "60", true),
        entry("S1", "X", "E1", "70", "60", false),
        entry("S1", "Y", "E1", "80", "80", false),
        // S2/E2: R (90, 90) 90; X (90, 70) 85; Y (100, 90) 97.5.
        entry("S2", "R", "E2", "90", "90", true),
        entry("S2", "X", "E2", "90", "70", false),
        entry("S2", "Y", "E2", "100", "90", false),
        // A bad entry: no evaluator. Listed, left out.
        json!({"session": "S2", "record": {"employee": "E2", "period": "2026-01", "values": {"a": "1", "b": "1"}}}),
    ];
    let cfg = CalibrationConfig { min_contacts: 2, ..CalibrationConfig::default() };
    let rep = scheme().calibrate(&entries, &cfg).unwrap();
    assert_eq!((rep.sessions, rep.contacts, rep.failures.len()), (2, 2, 1));
    assert_eq!(rep.failures[0].errors[0].path, "6.session");
    let ids: Vec<&str> = rep.evaluators.iter().map(|e| e.evaluator.as_str()).collect();
    assert_eq!(ids, ["X", "Y"]); // the reference is not judged
    let (x, y) = (&rep.evaluators[0], &rep.evaluators[1]);
    // X: S1 1 − (0.75 × 10 + 0.25 × 0)/100 = 0.925; S2 1 − 0.25 × 20/100 = 0.95; mean 0.9375.
    // Y: S1 1 − 0.25 × 20/100 = 0.95; S2 1 − 0.75 × 10/100 = 0.925; mean 0.9375.
    assert_eq!((x.alignment, y.alignment), (Some(d("0.9375")), Some(d("0.9375"))));
    // By criterion, X: a 1 − 10/100 = 0.9 then 1, b 1 then 0.8: means 0.95, 0.9 (Y the same).
    let by: Vec<(&str, Option<Decimal>)> = x.by_criterion.iter().map(|c| (c.indicator.as_str(), c.alignment)).collect();
    assert_eq!(by, [("a", Some(d("0.9500"))), ("b", Some(d("0.9000")))]);
    // Deviations X: −7.5, −5 (mean −6.25); Y: +5, +7.5 (mean 6.25).
    assert_eq!((x.deviation, y.deviation), (Some(d("-6.2500")), Some(d("6.2500"))));
    // s² = (1.25² + 1.25²)/1 = 3.125; s²/n = 1.5625; √ = 1.25; h = 1.9599639845400543 × 1.25
    // = 2.449954980675067875. X: [−8.69995…, −3.80004…] → outward [−8.7000, −3.8000]: strict.
    assert_eq!(x.interval, Some(Interval { lo: d("-8.7000"), hi: d("-3.8000") }));
    assert_eq!(x.flag, Some("strict"));
    // Y: the same spread around 6.25: [3.80004…, 8.69995…] → [3.8000, 8.7000]: lenient.
    assert_eq!(y.interval, Some(Interval { lo: d("3.8000"), hi: d("8.7000") }));
    assert_eq!(y.flag, Some("lenient"));
    assert_eq!((rep.strictest.as_deref(), rep.most_lenient.as_deref()), (Some("X"), Some("Y")));
    // Spread (highest − lowest of everyone's score, per contact): a 10 and 10, b 20 and 20.
    let spread: Vec<(&str, Option<Decimal>)> = rep.criteria.iter().map(|c| (c.indicator.as_str(), c.spread)).collect();
    assert_eq!(spread, [("b", Some(d("20.0000"))), ("a", Some(d("10.0000")))]);
    // Session reliability (units = criteria; R, X, Y): S1 a (80, 70, 80), b (60, 60, 80).
    // Interval: D = 2 (6 × 31300 − 430²) = 5800; units 400/2 + 1600/2 = 1000: 1 − 5 × 1000 / 5800.
    // ICC: A = 900, B = 1400, E = 600; r = 1800, c = 1400: (3,1) 1200/3000, (2,1) 2400/8400.
    let s1 = &rep.reliability[0];
    assert_eq!((s1.session.as_str(), s1.units, s1.evaluators), ("S1", 2, 3));
    assert_eq!(s1.alpha.interval, Some(d("0.1379")));
    let icc = s1.icc.as_ref().unwrap();
    assert_eq!((icc.icc2_1, icc.icc3_1), (Some(d("0.2857")), Some(d("0.4000"))));
    // S2 a (90, 90, 100), b (90, 70, 90): nominal D = 36 − 18 = 18, 2 + 2: 1 − 20/18 < 0.
    assert_eq!(rep.reliability[1].alpha.nominal, Some(d("-0.1111")));
    // Below min_contacts (default 5): nobody is flagged.
    let rep = scheme().calibrate(&entries, &CalibrationConfig::default()).unwrap();
    assert!(rep.evaluators.iter().all(|e| e.flag.is_none()) && rep.strictest.is_none());
}

#[test]
fn against_the_consensus_by_hand() {
    // No reference: P (60, 50), Q (70, 50), R (80, 50). P against mean(70, 80) = 75 on a:
    // 1 − 0.75 × 15/100 = 0.8875; Q against 70: 1; R against 65: 0.8875.
    // Totals 57.5, 65, 72.5: P − mean(65, 72.5) = −11.25; Q 0; R +11.25.
    let entries = vec![
        entry("S", "P", "E", "60", "50", false),
        entry("S", "Q", "E", "70", "50", false),
        entry("S", "R", "E", "80", "50", false),
    ];
    let rep = scheme().calibrate(&entries, &CalibrationConfig { dp: 2, ..CalibrationConfig::default() }).unwrap();
    let got: Vec<(&str, Option<Decimal>, Option<Decimal>)> =
        rep.evaluators.iter().map(|e| (e.evaluator.as_str(), e.alignment, e.deviation)).collect();
    assert_eq!(
        got,
        [
            ("P", Some(d("0.89")), Some(d("-11.25"))),
            ("Q", Some(d("1.00")), Some(d("0.00"))),
            ("R", Some(d("0.89")), Some(d("11.25")))
        ]
    );
    // One contact each: no interval, no flag.
    assert!(rep.evaluators.iter().all(|e| e.interval.is_none() && e.flag.is_none()));
}

#[test]
fn bad_configuration_is_a_coded_error() {
    let e = scheme().calibrate(&[], &CalibrationConfig { confidence: d("0.97"), ..CalibrationConfig::default() });
    assert_eq!(e.unwrap_err().code, appraisal::ErrorCode::InvalidValue);
    let e = scheme().calibrate(&[], &CalibrationConfig { dp: 13, ..CalibrationConfig::default() });
    assert_eq!(e.unwrap_err().path, "dp");
}

#[test]
fn the_sample_finds_its_known_harsh_and_lenient_evaluators() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data/calibration-2026-01.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let entries: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let rep = builtin_scheme("qa_form").unwrap().calibrate(&entries, &CalibrationConfig::default()).unwrap();
    assert!(rep.failures.is_empty(), "{:?}", rep.failures);
    assert_eq!((rep.sessions, rep.contacts), (12, 12));
    let flags: Vec<(&str, Option<&str>)> = rep.evaluators.iter().map(|e| (e.evaluator.as_str(), e.flag)).collect();
    // The generator made QA02 harsh and QA04 lenient; QA01, QA03, QA05 are fair.
    assert_eq!(
        flags,
        [("QA01", None), ("QA02", Some("strict")), ("QA03", None), ("QA04", Some("lenient")), ("QA05", None)]
    );
    assert_eq!((rep.strictest.as_deref(), rep.most_lenient.as_deref()), (Some("QA02"), Some("QA04")));
    // The fair evaluators agree more with the reference than the biased ones.
    let al = |id: &str| rep.evaluators.iter().find(|e| e.evaluator == id).unwrap().alignment.unwrap();
    for fair in ["QA01", "QA03", "QA05"] {
        assert!(al(fair) > al("QA02") && al(fair) > al("QA04"), "{fair}");
    }
}

#[test]
fn rater_leniency_by_hand() {
    use appraisal::calibration::LeniencyConfig;
    // csr's communication: levels 5 → 100, 4 → 85, 3 → 70 (each rater's score, SPEC §3.2).
    let r = |g: &str, who: &str, v: &str| json!({"group": g, "rater": who, "value": v});
    let rec =
        |e: &str, list: Vec<Value>| json!({"employee": e, "period": "2026-Q3", "ratings": {"communication": list}});
    let records = vec![
        rec("E1", vec![r("supervisor", "M01", "5"), r("peer", "P01", "4"), r("peer", "P02", "4")]),
        rec("E2", vec![r("supervisor", "M01", "4"), r("peer", "P01", "3"), r("peer", "P02", "3")]),
        rec("E3", vec![r("supervisor", "M01", "3"), r("peer", "P01", "3")]),
    ];
    let cfg = LeniencyConfig { min_ratings: 3, ..LeniencyConfig::default() };
    let rep = builtin_scheme("csr").unwrap().leniency(&records, &cfg).unwrap();
    let got: Vec<(&str, usize, Option<Decimal>, Option<&str>)> =
        rep.raters.iter().map(|x| (x.rater.as_str(), x.ratings, x.deviation, x.flag)).collect();
    // M01: 100 − 85 = 15, 85 − 70 = 15, 70 − 70 = 0: mean 10. s² = (25 + 25 + 100)/2 = 75,
    // s²/n = 25, √ = 5, h = 1.9599639845400543 × 5 = 9.7998199227…: [0.2001, 19.7999]: lenient.
    // P01: 85 − 92.5 = −7.5, 70 − 77.5 = −7.5, 0: mean −5; s²/n = 18.75/3 = 6.25, √ 2.5,
    // h = 4.8999…: [−9.9000, −0.1000]: severe. P02: −7.5 twice: n 2 < 3, not flagged.
    assert_eq!(
        got,
        [
            ("M01", 3, Some(d("10.0000")), Some("lenient")),
            ("P01", 3, Some(d("-5.0000")), Some("severe")),
            ("P02", 2, Some(d("-7.5000")), None)
        ]
    );
    assert_eq!(rep.raters[0].interval, Some(Interval { lo: d("0.2001"), hi: d("19.7999") }));
    assert_eq!(rep.raters[1].interval, Some(Interval { lo: d("-9.9000"), hi: d("-0.1000") }));
    // By default (min_ratings 5) nobody is flagged.
    let rep = builtin_scheme("csr").unwrap().leniency(&records, &LeniencyConfig::default()).unwrap();
    assert!(rep.raters.iter().all(|x| x.flag.is_none()));
}

#[test]
fn the_rater_pool_sample_finds_its_known_lenient_and_severe_raters() {
    use appraisal::calibration::LeniencyConfig;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data/rater-pool-2026-Q3.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let records: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let rep = builtin_scheme("csr").unwrap().leniency(&records, &LeniencyConfig::default()).unwrap();
    assert!(rep.failures.is_empty());
    let flagged: Vec<(&str, &str)> = rep.raters.iter().filter_map(|r| Some((r.rater.as_str(), r.flag?))).collect();
    // examples/data/generate_rater_pool.py made P04 lenient and P08 severe; nobody else.
    assert_eq!(flagged, [("P04", "lenient"), ("P08", "severe")]);
    assert_eq!(rep.raters.len(), 14);
}

#[test]
fn grade_uncertain_exactly_where_the_interval_crosses_a_boundary() {
    use appraisal::calibration::UncertaintyConfig;
    // CSAT (percent, linear 60 → 0 … 100 → 100) is the whole form; A from 80.
    let scheme = Scheme::from_value(&json!({
        "format": "appraisal-scheme/1", "id": "u", "version": "1", "name": "u", "period": "month",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": "100", "indicators": [
            {"id": "csat", "name": "csat", "kind": "quantitative", "unit": "percent", "source": "survey",
             "weight": "100", "rubric": {"type": "linear", "zero_at": "60", "full_at": "100"}}]}],
        "grades": [{"id": "A", "min": "80"}, {"id": "B", "min": "0"}]
    }))
    .unwrap();
    let rec = |e: &str, v: &str, n: u64| json!({"employee": e, "period": "2026-01", "values": {"csat": v}, "samples": {"csat": n}});
    let records = vec![rec("E1", "90", 50), rec("E2", "85", 2000), rec("E3", "82", 50), json!({"employee": "E4"})];
    let rep = scheme.uncertainty(&records, &UncertaintyConfig::default()).unwrap();
    assert_eq!(rep.failures.len(), 1);
    let r: Vec<_> = rep.records.iter().collect();
    // Wilson at z = 1.9599639845400543 (worked with 60-digit decimals, independently):
    // 90% of 50: [78.63976…, 95.65242…] → [78.6397, 95.6525]; scores 2.5 (x − 60) at 2 dp:
    // [46.60, 89.13]. The total (75.00, B) may be A: uncertain, the boundary A at 80.
    assert_eq!(r[0].indicators[0].value_interval, Interval { lo: d("78.6397"), hi: d("95.6525") });
    assert_eq!(r[0].total_interval, Some(Interval { lo: d("46.60"), hi: d("89.13") }));
    assert!(r[0].grade_uncertain);
    assert_eq!(r[0].boundaries.iter().map(|b| (b.grade.as_str(), b.min)).collect::<Vec<_>>(), [("A", d("80"))]);
    // 85% of 2000: [83.3680, 86.4978] → [58.42, 66.24]: no boundary inside.
    assert_eq!(r[1].total_interval, Some(Interval { lo: d("58.42"), hi: d("66.24") }));
    assert!(!r[1].grade_uncertain && r[1].boundaries.is_empty());
    // 82% of 50: [69.2039, 90.2299] → [23.01, 75.57]: wide, yet below 80: not uncertain.
    assert_eq!(r[2].total_interval, Some(Interval { lo: d("23.01"), hi: d("75.57") }));
    assert!(!r[2].grade_uncertain);
}
