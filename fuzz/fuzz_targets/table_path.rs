//! Differential: an arbitrary record that the general path scores (against each built-in
//! scheme, and against its variants with other rounding modes and dp) gets exactly the same
//! numbers, statuses, grades and vetoes on the fast table path, alone and next to the
//! corpus's records (so the column scales vary).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(record) = serde_json::from_str::<serde_json::Value>(text) else { return };
    for role in appraisal::builtin_names() {
        let Some(json) = appraisal::builtin_scheme_json(role) else { return };
        let Ok(mut v) = serde_json::from_str::<serde_json::Value>(json) else { return };
        let dp = (data.len() % 5) as u64;
        let mode = ["half_up", "half_even", "down"][data.len() % 3];
        v["rounding"] = serde_json::json!({"dp": dp, "mode": mode});
        let Ok(s) = appraisal::Scheme::from_value(&v) else { return };
        let general = s.score_value(&record);
        let other = serde_json::json!({"employee": "Z", "period": "P", "values": {}});
        let (table, bad) = appraisal::fast::Table::from_records(&s, &[other, record.clone()]);
        match general {
            Ok(card) => {
                assert!(bad.is_empty());
                let Ok(scores) = s.score_table(&table) else { panic!("table of its own scheme") };
                assert!(scores.agrees_with(1, &card), "{role}: {text}");
            }
            Err(_) => {
                // Rejected by the check (never added), or an error row (the `error` policy).
                if bad.is_empty() {
                    let Ok(scores) = s.score_table(&table) else { panic!("table of its own scheme") };
                    assert!(scores.error(1).is_some(), "{role}: {text}");
                }
            }
        }
    }
});
