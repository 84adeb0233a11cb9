//! Differential: the fast table path and the general path's compiled integer row against the
//! exact reference pipeline (`score_value_exact`).
//!
//! 1. The bytes as a JSON record, scored against each built-in scheme (with other rounding
//!    modes and dp), alone and next to another record (so column scales vary).
//! 2. The bytes as a generator of a small population for the every-rubric scheme (every
//!    rubric alone and with 360 raters): values of mixed scales in one row and one column,
//!    extreme magnitudes (±1e12 with long fractions, tiny values with up to 27 decimals),
//!    abstentions and absences. Every number, status, grade and veto must be the same.
#![no_main]
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

fn differential(s: &appraisal::Scheme, records: &[Value], what: &str) {
    let (table, bad) = appraisal::fast::Table::from_records(s, records);
    let Ok(scores) = s.score_table(&table) else { panic!("table of its own scheme") };
    let mut row = 0;
    for (i, rec) in records.iter().enumerate() {
        if bad.iter().any(|(j, _)| *j == i) {
            assert!(s.score_value(rec).is_err(), "{what}: {rec}");
            continue;
        }
        let exact = s.score_value_exact(rec);
        match (s.score_value(rec), &exact) {
            // The whole scorecard as text: steps, and every number at its scale.
            (Ok(a), Ok(b)) => assert_eq!(a.to_json(), b.to_json(), "{what}: {rec}"),
            (a, b) => assert_eq!(&a, b, "{what}: {rec}"),
        }
        match exact {
            Ok(card) => assert!(scores.agrees_with(row, &card), "{what}: {rec}"),
            Err(e) => assert_eq!(scores.error(row), Some(&e), "{what}: {rec}"),
        }
        row += 1;
    }
}

/// Reads the fuzz bytes as a stream of small numbers.
struct Bytes<'a>(&'a [u8], usize);
impl Bytes<'_> {
    fn n(&mut self, k: u64) -> u64 {
        let b = self.0.get(self.1).copied().unwrap_or(0);
        self.1 += 1;
        u64::from(b) % k.max(1)
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.n(10) as u8)).collect()
    }
    fn wild(&mut self) -> String {
        match self.n(8) {
            0 => {
                let len = 1 + self.n(13) as usize;
                let int = self.digits(len);
                let int = int.trim_start_matches('0');
                let int = if int.is_empty() { "0" } else { int };
                let dp = self.n(16) as usize;
                if dp == 0 { int.to_string() } else { format!("{int}.{}", self.digits(dp)) }
            }
            1 => {
                let (int, len) = (self.n(100), 20 + self.n(8) as usize);
                format!("{int}.{}", self.digits(len))
            }
            _ => {
                let dp = self.n(7) as usize;
                let int = self.n(701);
                if dp == 0 { int.to_string() } else { format!("{int}.{}", self.digits(dp)) }
            }
        }
    }
}

fn wild_population(s: &appraisal::Scheme, data: &[u8]) -> Vec<Value> {
    let mut b = Bytes(data, 0);
    let mut out = Vec::new();
    for i in 0..(1 + b.n(4)) {
        let (mut values, mut ratings) = (serde_json::Map::new(), serde_json::Map::new());
        for (_, ind) in s.indicators() {
            if b.n(6) == 0 {
                continue;
            }
            let one = |b: &mut Bytes| -> Value {
                match ind.rubric.type_name() {
                    "scale" => json!(["a", "b", "c"][b.n(3) as usize]),
                    "pass_fail" => json!(b.n(2) == 0),
                    "direct" => {
                        let (int, len) = (b.n(100), b.n(8) as usize + 1);
                        json!(format!("{int}.{}", b.digits(len)))
                    }
                    _ => json!(b.wild()),
                }
            };
            if let Some(r) = &ind.raters {
                let list: Vec<Value> = (0..b.n(7))
                    .map(|j| {
                        let g = &r.groups[b.n(r.groups.len() as u64) as usize].id;
                        let v = if b.n(9) == 0 { Value::Null } else { one(&mut b) };
                        json!({"group": g, "rater": format!("R{j}"), "value": v})
                    })
                    .collect();
                ratings.insert(ind.id.clone(), Value::Array(list));
            } else {
                values.insert(ind.id.clone(), one(&mut b));
            }
        }
        out.push(json!({"employee": format!("W{i}"), "period": "P", "values": values, "ratings": ratings,
                        "events": {"praise": b.n(5)}}));
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let dp = (data.len() % 5) as u64;
    let mode = ["half_up", "half_even", "down"][data.len() % 3];
    // 2. Structured: the every-rubric scheme and a population drawn from the bytes.
    if let Ok(mut v) = serde_json::from_str::<Value>(include_str!("../../tests/schemes/every_rubric.json")) {
        v["rounding"] = json!({"dp": dp, "mode": mode});
        if let Ok(s) = appraisal::Scheme::from_value(&v) {
            differential(&s, &wild_population(&s, data), "every_rubric");
        }
    }
    // 1. The bytes as a JSON record against each built-in scheme.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(record) = serde_json::from_str::<Value>(text) else { return };
    for role in appraisal::builtin_names() {
        let Some(json) = appraisal::builtin_scheme_json(role) else { return };
        let Ok(mut v) = serde_json::from_str::<Value>(json) else { return };
        v["rounding"] = json!({"dp": dp, "mode": mode});
        let Ok(s) = appraisal::Scheme::from_value(&v) else { return };
        let other = json!({"employee": "Z", "period": "P", "values": {}});
        differential(&s, &[other, record.clone()], role);
    }
});
