//! The wide CSV layout: arbitrary cells become a record that scores or reports errors.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(s) = appraisal::builtin_scheme("csr") else { return };
    let mut lines = text.lines();
    let Some(header) = lines.next() else { return };
    let headers: Vec<&str> = header.split(',').collect();
    for line in lines.take(50) {
        let cells: Vec<&str> = line.split(',').collect();
        let rec = appraisal::wide::record_from_wide(&s, &headers, &cells);
        let _ = s.score_value(&rec);
    }
});
