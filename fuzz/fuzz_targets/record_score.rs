//! Record scoring with arbitrary input against the built-in schemes: never panics; a scored
//! total stays within [0, ceiling].
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for role in appraisal::builtin_names() {
        let Ok(s) = appraisal::builtin_scheme(role) else { return };
        if let Ok(card) = s.score_json(text) {
            if let Some(t) = card.total {
                assert!(t >= appraisal::Decimal::ZERO && t <= appraisal::Decimal::ONE_HUNDRED);
            }
        }
    }
});
