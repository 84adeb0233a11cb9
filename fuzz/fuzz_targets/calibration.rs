//! Calibration and fairness reports with arbitrary input (issue 15): never panics; every
//! alignment lies in [0, 1] (scores are on 0–100), every interval has lo ≤ hi, every alpha
//! is at most 1, every corrected score lies in [0, 100], and a bad entry is a listed failure,
//! never a lost one.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(qa) = appraisal::builtin_scheme("qa_form") else { return };
    let cfg = appraisal::calibration::CalibrationConfig { min_contacts: 2, ..Default::default() };
    if let Ok(rep) = qa.calibrate_text(text, &cfg) {
        for e in &rep.evaluators {
            if let Some(a) = e.alignment {
                assert!(a >= appraisal::Decimal::ZERO && a <= appraisal::Decimal::ONE, "{a}");
            }
            if let Some(i) = &e.interval {
                assert!(i.lo <= i.hi);
            }
        }
    }
    let Ok(csr) = appraisal::builtin_scheme("csr") else { return };
    let records: Vec<serde_json::Value> =
        text.lines().filter_map(|l| appraisal::ingest::parse_json(l).ok()).collect();
    let n = records.len();
    if let Ok(rep) = csr.reliability(&records, Some(6)) {
        for i in &rep.indicators {
            for a in [i.alpha.nominal, i.alpha.ordinal, i.alpha.interval].into_iter().flatten() {
                assert!(a <= appraisal::Decimal::ONE, "{a}");
            }
        }
        assert!(rep.failures.len() <= n);
    }
    if let Ok(rep) = csr.leniency(&records, &Default::default()) {
        assert!(rep.raters.iter().all(|r| r.interval.as_ref().is_none_or(|i| i.lo <= i.hi)));
    }
    // The correction: every record comes back, every corrected score is in [0, 100], and a
    // corrected record scores (or fails exactly as its input did).
    for method in [appraisal::CorrectionMethod::MeanShift, appraisal::CorrectionMethod::ZScore] {
        let cfg = appraisal::calibration::CorrectionConfig { method, min_pool: 2, min_ratings: 1, ..Default::default() };
        if let Ok(rep) = csr.correct_ratings(&records, &cfg) {
            assert_eq!(rep.records.len(), n);
            for c in &rep.changes {
                assert!(c.after >= appraisal::Decimal::ZERO && c.after <= appraisal::Decimal::ONE_HUNDRED, "{}", c.after);
            }
            for (before, after) in records.iter().zip(&rep.records) {
                assert_eq!(csr.score_value(before).is_ok(), csr.score_value(after).is_ok());
            }
        }
    }
    // Shrinkage (the example scheme declares it on CSAT): every record comes back, a shrunk
    // value lies between the raw value and 0..100, and nothing changes whether a record scores.
    if let Ok(shr) = appraisal::Scheme::from_json(include_str!("../../examples/schemes/csr-shrinkage.json")) {
        let rep = shr.shrink(&records, &Default::default());
        assert_eq!(rep.records.len(), n);
        for c in &rep.changes {
            assert!(c.shrunk >= appraisal::Decimal::ZERO && c.shrunk <= appraisal::Decimal::ONE_HUNDRED, "{}", c.shrunk);
        }
        for (before, after) in records.iter().zip(&rep.records) {
            assert_eq!(shr.score_value(before).is_ok(), shr.score_value(after).is_ok());
        }
    }
    if let Ok(rep) = csr.uncertainty(&records, &Default::default()) {
        assert_eq!(rep.records.len() + rep.failures.len(), n);
        for r in &rep.records {
            assert!(r.total_interval.as_ref().is_none_or(|i| i.lo <= i.hi));
        }
    }
});
