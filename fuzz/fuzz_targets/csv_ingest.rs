//! The wide CSV layout: arbitrary bytes (any encoding, any quoting) become records that
//! score or report errors, row by row; and arbitrary cells through `record_from_wide`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = appraisal::builtin_scheme("csr") else { return };
    if let Ok(rows) = appraisal::wide::read_csv(|_: Option<&str>| &s, data) {
        for item in rows.take(50) {
            let _ = s.score_item(&item);
        }
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut lines = text.lines();
    let Some(header) = lines.next() else { return };
    let headers: Vec<&str> = header.split(',').collect();
    for line in lines.take(50) {
        let cells: Vec<&str> = line.split(',').collect();
        let rec = appraisal::wide::record_from_wide(&s, &headers, &cells);
        let _ = s.score_item(&rec);
    }
});
