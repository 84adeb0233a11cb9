//! Property tests: monotone rubrics never punish a better value; order never matters; the
//! JSON shapes round-trip exactly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::{builtin_scheme, Direction, Rubric, Scheme, Scorecard};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn csr() -> Scheme {
    builtin_scheme("csr").unwrap()
}

/// A realistic CSR record from a few integers (tenths keep the decimals exact).
fn record(v: &[u32; 11], levels: &[u8; 4], events: (u8, u8)) -> Value {
    let t = |x: u32, lo: u32, hi: u32| {
        let span = (hi - lo) * 10;
        let x = lo * 10 + x % (span + 1);
        format!("{}.{}", x / 10, x % 10)
    };
    let lv = |x: u8| ((x % 5) + 1).to_string();
    json!({
        "employee": "P1", "period": "2026-Q3",
        "values": {"attendance": t(v[0], 80, 100), "task_completion": t(v[1], 70, 100), "timeliness": t(v[2], 50, 100),
                   "work_quality": t(v[3], 0, 100), "qa_score": t(v[4], 50, 100), "aht": t(v[5], 60, 900),
                   "csat": t(v[6], 60, 100), "complaints": v[7] % 6, "fcr": t(v[8], 40, 100),
                   "escalation_time": t(v[9], 0, 48), "feedback_closure": t(v[10], 60, 100)},
        "samples": {"qa_score": 6, "csat": 40},
        "ratings": {"communication": [{"group": "supervisor", "rater": "M", "value": lv(levels[0])},
                                      {"group": "peer", "rater": "A", "value": lv(levels[1])},
                                      {"group": "peer", "rater": "B", "value": lv(levels[2])}],
                    "service_attitude": [{"group": "supervisor", "rater": "M", "value": lv(levels[3])}]},
        "events": {"commendation": events.0 % 5, "discipline_breach": events.1 % 3}
    })
}

/// +1 means a higher raw value is better, -1 lower; None for a single-peaked rubric.
fn better_sign(r: &Rubric) -> Option<i32> {
    match r {
        Rubric::Piecewise { points } => {
            if !r.is_monotone() {
                return None;
            }
            Some(if points.first()?.1 <= points.last()?.1 { 1 } else { -1 })
        }
        Rubric::Linear { zero_at, full_at } => Some(if zero_at < full_at { 1 } else { -1 }),
        Rubric::Bands { direction, .. } | Rubric::Ratio { direction, .. } => {
            Some(if *direction == Direction::HigherBetter { 1 } else { -1 })
        }
        Rubric::Deduction { .. } => Some(-1),
        Rubric::Direct => Some(1),
        _ => None,
    }
}

fn dec(v: &Value) -> Decimal {
    match v {
        Value::String(s) => Decimal::from_str(s).unwrap(),
        other => Decimal::from_str(&other.to_string()).unwrap(),
    }
}

fn arb_record() -> impl Strategy<Value = Value> {
    (prop::array::uniform11(0u32..10_000), prop::array::uniform4(any::<u8>()), any::<(u8, u8)>())
        .prop_map(|(v, l, e)| record(&v, &l, e))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_better_value_never_lowers_the_score(rec in arb_record(), which in 0usize..11, step in 1u32..500) {
        let scheme = csr();
        let ids = ["attendance", "task_completion", "timeliness", "work_quality", "qa_score", "aht", "csat",
                   "complaints", "fcr", "escalation_time", "feedback_closure"];
        let id = ids[which];
        let ind = scheme.indicator(id).unwrap();
        let Some(sign) = better_sign(&ind.rubric) else { return Ok(()) };
        let before = scheme.score_value(&rec).unwrap();
        let old = dec(&rec["values"][id]);
        let mut new = old + Decimal::from(sign) * Decimal::new(i64::from(step), 1);
        if let Some((lo, hi)) = ind.valid_range { new = new.max(lo).min(hi); }
        if matches!(ind.rubric, Rubric::Direct) { new = new.min(Decimal::ONE_HUNDRED); }
        if matches!(ind.rubric, Rubric::Deduction { .. }) { new = new.max(Decimal::ZERO); }
        let mut better = rec.clone();
        better["values"][id] = json!(new.to_string());
        let after = scheme.score_value(&better).unwrap();
        let s = |c: &Scorecard| c.indicator(id).unwrap().score.unwrap();
        prop_assert!(s(&after) >= s(&before), "{id}: {old} -> {new}: {} < {}", s(&after), s(&before));
        prop_assert!(after.total.unwrap() >= before.total.unwrap(), "{id}: total fell");
    }

    #[test]
    fn key_order_and_record_order_do_not_matter(recs in prop::collection::vec(arb_record(), 1..8), seed in any::<u64>()) {
        let scheme = csr();
        let recs: Vec<Value> = recs.into_iter().enumerate().map(|(i, mut r)| { r["employee"] = json!(format!("E{i}")); r }).collect();
        let cards = scheme.score_batch(&recs);
        // Reverse every object's keys and shuffle the records.
        fn reverse_keys(v: &Value) -> Value {
            match v {
                Value::Object(m) => Value::Object(m.iter().rev().map(|(k, x)| (k.clone(), reverse_keys(x))).collect()),
                Value::Array(a) => Value::Array(a.iter().map(reverse_keys).collect()),
                other => other.clone(),
            }
        }
        let mut order: Vec<usize> = (0..recs.len()).collect();
        let mut s = seed | 1;
        for i in (1..order.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            order.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let shuffled: Vec<Value> = order.iter().map(|&i| reverse_keys(&recs[i])).collect();
        let again = scheme.score_batch(&shuffled);
        for (pos, &i) in order.iter().enumerate() {
            prop_assert_eq!(again[pos].as_ref().unwrap(), cards[i].as_ref().unwrap());
        }
    }

    #[test]
    fn permuting_indicators_changes_no_number(rec in arb_record(), rot in 0usize..4) {
        let scheme = csr();
        let mut v = scheme.to_value();
        for c in v["categories"].as_array_mut().unwrap() {
            let inds = c["indicators"].as_array_mut().unwrap();
            let n = inds.len();
            inds.rotate_left(rot % n);
        }
        let permuted = Scheme::from_value(&v).unwrap();
        let a = scheme.score_value(&rec).unwrap();
        let b = permuted.score_value(&rec).unwrap();
        prop_assert_eq!(&a.categories, &b.categories);
        prop_assert_eq!((a.base, a.total, &a.grade, a.coverage), (b.base, b.total, &b.grade, b.coverage));
        for i in &a.indicators {
            prop_assert_eq!(Some(i), b.indicator(&i.id));
        }
    }

    #[test]
    fn scorecards_round_trip_through_json(rec in arb_record()) {
        let card = csr().score_value(&rec).unwrap();
        let text = card.to_json();
        let back: Scorecard = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &card);
        prop_assert_eq!(back.to_json(), text);
    }

    #[test]
    fn decimals_round_trip_through_text(m in any::<i64>(), scale in 0u32..10) {
        let d = Decimal::new(m % 1_000_000_000_000, scale);
        let parsed = appraisal::number::parse_decimal(&d.to_string()).unwrap();
        prop_assert_eq!(parsed, d);
        prop_assert_eq!(parsed.to_string(), d.to_string());
    }
}

#[test]
fn schemes_round_trip_with_the_same_digest() {
    for name in appraisal::builtin_names() {
        let s = builtin_scheme(name).unwrap();
        let back = Scheme::from_value(&s.to_value()).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.digest(), s.digest());
        // Spelling does not change the digest: key order, numbers vs strings, trailing zeros.
        let text = appraisal::builtin_scheme_json(name).unwrap().replace("\"weight\": \"20\"", "\"weight\": 20.00");
        assert_eq!(Scheme::from_json(&text).unwrap().digest(), s.digest());
    }
}

proptest! {
    #[test]
    fn pool_splits_sum_exactly_and_stay_within_a_unit(
        pool_units in 0u64..10_000_000, ws in prop::collection::vec(0u32..100_000, 1..12), dp in 0u32..3
    ) {
        let pool = Decimal::new(pool_units as i64, dp);
        let weights: Vec<Decimal> = ws.iter().map(|w| Decimal::new(i64::from(*w), 2)).collect();
        let total: Decimal = weights.iter().copied().sum();
        match appraisal::pay::split_pool(pool, &weights, dp) {
            Ok(parts) => {
                prop_assert!(!total.is_zero() || pool.is_zero());
                prop_assert_eq!(parts.iter().copied().sum::<Decimal>(), pool);
                let unit = Decimal::new(1, dp);
                for (p, w) in parts.iter().zip(&weights) {
                    if total.is_zero() { prop_assert!(p.is_zero()); continue; }
                    let share = pool * *w / total;
                    prop_assert!((*p - share).abs() < unit, "part {} share {}", p, share);
                    prop_assert!(p.scale() == dp);
                }
            }
            Err(_) => prop_assert!(total.is_zero() && !pool.is_zero()),
        }
    }
}
