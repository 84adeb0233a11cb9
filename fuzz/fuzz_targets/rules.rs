//! Rule sets: parse + validate arbitrary JSON; a valid rule set applies to a scorecard without
//! panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(rules) = appraisal::apply::RuleSet::from_json(text) {
        let Ok(s) = appraisal::builtin_scheme("csr") else { return };
        let rec = serde_json::json!({"employee": "F", "period": "P", "values": {"attendance": "99", "task_completion": "95"}});
        if let Ok(card) = s.score_value(&rec) {
            let _ = rules.apply(&card, &[card.clone()], &Default::default(), 2, "en");
        }
    }
});
