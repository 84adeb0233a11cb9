//! Scheme JSON parse + validate: never panics; a valid scheme round-trips with its digest.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(s) = appraisal::Scheme::from_json(text) {
        let back = appraisal::Scheme::from_json(&s.canonical_json()).expect("canonical form reads back");
        assert_eq!(back.digest(), s.digest());
    }
});
