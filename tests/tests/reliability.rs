//! Inter-rater reliability (issue 15, point 3) against the worked examples the reference
//! packages' authors publish, to every digit they print, and a batch of records worked by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::calibration::reliability::{alpha, icc, Metric};
use appraisal::number::RoundingMode;
use appraisal::{builtin_scheme, Decimal};
use serde_json::json;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the reliability data
/// of 4 observers × 12 units with missing values (the `krippendorff` package's README):
/// nominal 0.743, ordinal 0.815, interval 0.849.
fn krippendorff_2011() -> Vec<Vec<Decimal>> {
    let obs: [[Option<u8>; 12]; 4] = [
        [Some(1), Some(2), Some(3), Some(3), Some(2), Some(1), Some(4), Some(1), Some(2), None, None, None],
        [Some(1), Some(2), Some(3), Some(3), Some(2), Some(2), Some(4), Some(1), Some(2), Some(5), None, Some(3)],
        [None, Some(3), Some(3), Some(3), Some(2), Some(3), Some(4), Some(2), Some(2), Some(5), Some(1), None],
        [Some(1), Some(2), Some(3), Some(3), Some(2), Some(4), Some(4), Some(1), Some(2), Some(5), Some(1), None],
    ];
    (0..12).map(|u| obs.iter().filter_map(|o| o[u]).map(Decimal::from).collect()).collect()
}

#[test]
fn krippendorff_published_example() {
    let u = krippendorff_2011();
    let a = |m| alpha(&u, m, 3, RoundingMode::HalfUp);
    assert_eq!(a(Metric::Nominal), Some(d("0.743")));
    assert_eq!(a(Metric::Ordinal), Some(d("0.815")));
    assert_eq!(a(Metric::Interval), Some(d("0.849")));
    // The exact nominal value is 113/152 = 0.74342105263157894736…
    assert_eq!(alpha(&u, Metric::Nominal, 12, RoundingMode::HalfUp), Some(d("0.743421052632")));
    // Interval: 951/1120 = 0.849107142857142…
    assert_eq!(alpha(&u, Metric::Interval, 12, RoundingMode::HalfUp), Some(d("0.849107142857")));
}

/// pingouin's `icc` dataset (8 wines × 4 judges) and its documented output: ICC2 (A,1)
/// 0.727689, ICC3 (C,1) 0.729487.
#[test]
fn pingouin_published_example() {
    let wines: [[i64; 4]; 8] = [
        [1, 2, 0, 1],
        [1, 3, 3, 2],
        [3, 8, 1, 4],
        [6, 4, 3, 3],
        [6, 5, 5, 6],
        [7, 5, 6, 2],
        [8, 7, 7, 9],
        [9, 9, 9, 8],
    ];
    let rows: Vec<Vec<Decimal>> = wines.iter().map(|r| r.iter().map(|x| Decimal::from(*x)).collect()).collect();
    let (i2, i3) = icc(&rows, 6, RoundingMode::HalfUp).unwrap();
    assert_eq!(i2, Some(d("0.727689")));
    assert_eq!(i3, Some(d("0.729487")));
}

#[test]
fn a_batch_of_records_by_hand() {
    let scheme = builtin_scheme("csr").unwrap();
    let rec = |e: &str, comm: serde_json::Value| json!({"employee": e, "period": "2026-Q3", "ratings": {"communication": comm}});
    let r = |g: &str, who: &str, v: &str| json!({"group": g, "rater": who, "value": v});
    let records = vec![
        // Units (communication): E1 {M01: 4, P01: 4, P02: 5}, E2 {M01: 3, P01: 3, P02: 3},
        // E3 {M01: 5, P01: 4} (P02 abstains), E4 a bad record (unknown group).
        rec("E1", json!([r("supervisor", "M01", "4"), r("peer", "P01", "4"), r("peer", "P02", "5")])),
        rec("E2", json!([r("supervisor", "M01", "3"), r("peer", "P01", "3"), r("peer", "P02", "3")])),
        rec(
            "E3",
            json!([r("supervisor", "M01", "5"), r("peer", "P01", "4"), {"group": "peer", "rater": "P02", "value": null}]),
        ),
        rec("E4", json!([r("boss", "M09", "3")])),
    ];
    let rep = scheme.reliability(&records, Some(4)).unwrap();
    assert_eq!(rep.failures.len(), 1);
    assert_eq!(rep.failures[0].employee.as_deref(), Some("E4"));
    let comm = rep.indicators.iter().find(|i| i.indicator == "communication").unwrap();
    assert_eq!((comm.units, comm.raters, comm.pairable), (3, 3, 8));
    // Values: 3 ×3, 4 ×3, 5 ×2; n = 8.
    // Nominal: D = 64 − 9 − 9 − 4 = 42; D_u: E1 9 − 4 − 1 = 4 (m 3), E2 0, E3 4 − 2 = 2 (m 2).
    // Σ D_u/(m − 1) = 4/2 + 2/1 = 4. α = 1 − 7 × 4 / 42 = 1/3.
    assert_eq!(comm.alpha.nominal, Some(d("0.3333")));
    // Ordinal: ranks 2·cum − n_c: 3, 9, 14. D = 2 (8 × 662 − 64²) = 2400; E1 (9, 9, 14): 2 (3 × 358
    // − 32²) = 100 over 2; E3 (14, 9): 2 (2 × 277 − 23²) = 50 over 1. α = 1 − 7 × 100 / 2400.
    assert_eq!(comm.alpha.ordinal, Some(d("0.7083")));
    // Interval: D = 2 (8 Σx² − (Σx)²) = 2 (8 × 125 − 31²) = 2 × 39 = 78 (Σx = 9 + 12 + 10 = 31,
    // Σx² = 27 + 48 + 50 = 125). E1: 2 (3 × 57 − 13²) = 4; E3: 2 (2 × 41 − 81) = 2.
    // Σ = 4/2 + 2/1 = 4. α = 1 − 7 × 4 / 78 = 50/78 = 0.6410…
    assert_eq!(comm.alpha.interval, Some(d("0.6410")));
    // ICC over the units every rater rated (E1, E2): rows (4,4,5), (3,3,3).
    // n = 2, k = 3, S = 22, Σx² = 84, R = 13, 9 (ΣR² = 250), C = 7, 7, 8 (ΣC² = 162).
    // A = 2 × 250 − 484 = 16; B = 3 × 162 − 484 = 2; E = 6 × 84 − 484 − 16 − 2 = 2.
    // r = 16 × 2 = 32; c = 2 × 1 = 2. ICC(3,1) = 30 / (32 + 4) = 0.8333;
    // ICC(2,1) = 2 × 30 / (64 + 2 × 2 × 2 + 3 × 0) = 60 / 72 = 0.8333.
    let icc = comm.icc.as_ref().unwrap();
    assert_eq!((icc.targets, icc.raters), (2, 3));
    assert_eq!((icc.icc2_1, icc.icc3_1), (Some(d("0.8333")), Some(d("0.8333"))));
    assert!(scheme.reliability(&records, Some(13)).is_err());
}
