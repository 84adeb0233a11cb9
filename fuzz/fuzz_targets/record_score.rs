//! Record scoring with arbitrary input against the built-in schemes: never panics; a scored
//! total stays within [0, ceiling]; and the text reader (`score_json`) gives exactly what the
//! parser and the record check give for the same text (`score_value`), errors included.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = appraisal::ingest::record_text(text);
    for role in appraisal::builtin_names() {
        let Ok(s) = appraisal::builtin_scheme(role) else { return };
        let got = s.score_json(text);
        let want = match &parsed {
            Ok(v) => s.score_value(v),
            Err(i) => Err(appraisal::RecordError { issues: vec![i.clone()] }),
        };
        assert_eq!(got, want, "{text}");
        if let Ok(card) = got {
            if let Some(t) = card.total {
                assert!(t >= appraisal::Decimal::ZERO && t <= appraisal::Decimal::ONE_HUNDRED);
            }
        }
    }
});
