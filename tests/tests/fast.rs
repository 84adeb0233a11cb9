//! The fast exact path (`Table` + `Scheme::score_table`) against the hand-worked golden corpus
//! and against the general `Decimal` path on random populations: every number, status, grade
//! and veto must be the same.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::fast::{Table, TableScores};
use appraisal::{builtin_scheme_json, InputKind, Rubric, Scheme, Status};
use appraisal_tests::{fill_digest, vector_files, G};
use proptest::prelude::*;
use serde_json::{json, Value};

fn s(d: Option<appraisal::Decimal>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

/// The fields of the Appendix shape that the table path computes, from the table's results.
fn from_table(t: &TableScores, i: usize, n_ind: usize, n_cat: usize) -> Value {
    let inds: Vec<Value> = (0..n_ind)
        .map(|k| {
            let (score, reason) = t.indicator(i, k).unwrap();
            json!({"score": s(score), "reason": reason.map(|r| r.as_str())})
        })
        .collect();
    let cats: Vec<Value> = (0..n_cat)
        .map(|c| {
            let (status, score) = t.category(i, c).unwrap();
            json!({"status": status.as_str(), "score": s(score)})
        })
        .collect();
    json!({
        "status": match t.status(i).unwrap() { Status::Complete => "complete", Status::Incomplete => "incomplete" },
        "coverage": s(t.coverage(i)), "indicators": inds, "categories": cats, "base": s(t.base(i)),
        "adjustment_total": s(t.adjustment_total(i)), "total": s(t.total(i)), "vetoes": t.vetoes(i),
        "natural_grade": t.natural_grade(i), "grade": t.grade(i),
    })
}

/// The same fields from an expected (hand-worked) scorecard.
fn from_expected(w: &Value) -> Value {
    let inds: Vec<Value> = w["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!({"score": r["score"], "reason": r["reason"]}))
        .collect();
    let cats: Vec<Value> = w["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!({"status": r["status"], "score": r["score"]}))
        .collect();
    json!({
        "status": w["status"], "coverage": w["coverage"], "indicators": inds, "categories": cats, "base": w["base"],
        "adjustment_total": w["adjustment_total"], "total": w["total"], "vetoes": w["vetoes"],
        "natural_grade": w["natural_grade"], "grade": w["grade"],
    })
}

#[test]
fn the_table_path_reproduces_every_hand_worked_scorecard_of_the_corpus() {
    let mut rows = 0;
    let mut fast_rows = 0;
    for path in vector_files() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if doc.get("kind").is_some() || doc.get("records").is_none() {
            continue;
        }
        let scheme_value = match &doc["scheme"] {
            Value::String(b) => serde_json::from_str(builtin_scheme_json(&b["builtin:".len()..]).unwrap()).unwrap(),
            v => v.clone(),
        };
        let scheme = Scheme::from_value(&scheme_value).unwrap();
        let records = doc["records"].as_array().unwrap();
        let expected = doc["expected"].as_array().unwrap();
        let (table, bad) = Table::from_records(&scheme, records);
        let scores = scheme.score_table(&table).unwrap();
        let (n_ind, n_cat) = (scheme.indicators().count(), scheme.def().categories.len());
        let mut row = 0;
        for (i, want) in expected.iter().enumerate() {
            let want = fill_digest(want, scheme.digest());
            if let Some((_, e)) = bad.iter().find(|(j, _)| *j == i) {
                // Rejected by the record check when added: the same errors as the corpus.
                let got: Vec<Value> = e.issues.iter().map(|x| json!({"code": x.code, "path": x.path})).collect();
                let w: Vec<Value> = want["errors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| json!({"code": x["code"], "path": x["path"]}))
                    .collect();
                assert_eq!(got, w, "{} record {i}", path.display());
                continue;
            }
            assert_eq!(table.employee(row), want["employee"].as_str());
            if let Some(errors) = want.get("errors") {
                // An error of the record as a whole (the `error` policy): reported by the row.
                let e = scores.error(row).unwrap_or_else(|| panic!("{} record {i}: no error", path.display()));
                let got: Vec<&str> = e.issues.iter().map(|x| x.path.as_str()).collect();
                let w: Vec<&str> = errors.as_array().unwrap().iter().map(|x| x["path"].as_str().unwrap()).collect();
                assert_eq!(got, w, "{} record {i}", path.display());
            } else {
                assert_eq!(
                    from_table(&scores, row, n_ind, n_cat),
                    from_expected(&want),
                    "{} record {i}",
                    path.display()
                );
                fast_rows += 1;
            }
            rows += 1;
            row += 1;
        }
        fast_rows -= scores.general_rows() - (0..scores.len()).filter(|&r| scores.error(r).is_some()).count();
        if scheme.def().uses_format2_scoring() {
            // Format 2's rules take the general path row by row (checked above all the same);
            // they do not count toward the integer path's share below.
            rows -= row;
        }
    }
    assert!(rows >= 30, "the corpus has {rows} scorable records");
    // Not a vacuous pass: the integer path itself computed these rows.
    assert!(fast_rows >= rows - 8, "{fast_rows} of {rows} rows on the integer path");
}

/// A random record for any scheme: every indicator present or not, numbers around and beyond
/// the rubric's thresholds, keys, booleans, ratings with abstentions, samples and events.
fn random_record(s: &Scheme, g: &mut G, i: usize) -> Value {
    let (mut values, mut samples, mut ratings, mut events) =
        (serde_json::Map::new(), serde_json::Map::new(), serde_json::Map::new(), serde_json::Map::new());
    for (_, ind) in s.indicators() {
        if g.n(10) == 0 {
            continue;
        }
        let one = |g: &mut G| -> Value {
            match (&ind.rubric, ind.rubric.input_kind()) {
                (Rubric::Scale { levels }, _) => json!(levels[g.n(levels.len() as u64) as usize].key),
                (_, InputKind::Bool) => json!(g.n(2) == 0),
                (Rubric::Direct, _) => json!(g.dec(0, 100)),
                (_, _) => {
                    let (lo, hi) = ind.valid_range.map_or((0, 1000), |(lo, hi)| {
                        (lo.trunc().try_into().unwrap_or(0i64), hi.trunc().try_into().unwrap_or(1000i64))
                    });
                    json!(g.dec(lo.max(0), hi.min(100_000)))
                }
            }
        };
        if let Some(r) = &ind.raters {
            let n = g.n(7);
            let list: Vec<Value> = (0..n)
                .map(|j| {
                    let grp = &r.groups[g.n(r.groups.len() as u64) as usize].id;
                    let v = if g.n(8) == 0 { Value::Null } else { one(g) };
                    json!({"group": grp, "rater": format!("R{j}"), "value": v})
                })
                .collect();
            ratings.insert(ind.id.clone(), Value::Array(list));
        } else {
            values.insert(ind.id.clone(), one(g));
        }
        if ind.min_sample.is_some() && g.n(5) != 0 {
            samples.insert(ind.id.clone(), json!(g.n(60)));
        }
    }
    for e in s.events() {
        events.insert(e.clone(), json!(if g.n(3) == 0 { g.n(4) } else { 0 }));
    }
    json!({"employee": format!("P{i:05}"), "period": "2026-Q3", "values": values, "samples": samples,
           "ratings": ratings, "events": events})
}

fn variant(name: &str, dp: u64, mode: &str, policy: &str) -> Scheme {
    let mut v: Value = serde_json::from_str(builtin_scheme_json(name).unwrap()).unwrap();
    v["rounding"] = json!({"dp": dp, "mode": mode});
    v["missing"]["policy"] = json!(policy);
    Scheme::from_value(&v).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Every built-in scheme, every rounding mode, dp 0–4, all three N/A policies: the table
    /// path gives exactly the general path's numbers for every record of a random population,
    /// and computes them itself (only error rows go to the general path).
    #[test]
    fn the_table_path_equals_the_general_path(seed in 1u64.., which in 0usize..3, dp in 0u64..5,
                                              mode in 0usize..3, policy in 0usize..3) {
        let name = ["csr", "tech_support", "account_manager"][which];
        let mode = ["half_up", "half_even", "down"][mode];
        let policy = ["renormalize", "zero", "error"][policy];
        let scheme = variant(name, dp, mode, policy);
        let mut g = G(seed);
        let records: Vec<Value> = (0..60).map(|i| random_record(&scheme, &mut g, i)).collect();
        let (table, bad) = Table::from_records(&scheme, &records);
        let scores = scheme.score_table(&table).unwrap();
        let mut row = 0;
        let mut errors = 0;
        for (i, rec) in records.iter().enumerate() {
            if bad.iter().any(|(j, _)| *j == i) {
                prop_assert!(scheme.score_value_exact(rec).is_err());
                continue;
            }
            match scheme.score_value_exact(rec) {
                Ok(card) => prop_assert!(scores.agrees_with(row, &card), "{name} record {i}: {rec}\n{}", card.to_json()),
                Err(e) => {
                    errors += 1;
                    prop_assert_eq!(scores.error(row), Some(&e));
                }
            }
            row += 1;
        }
        prop_assert_eq!(scores.general_rows(), errors, "rows left to the general path");
    }
}

#[test]
fn values_beyond_the_integer_range_are_scored_by_the_general_path_with_the_same_result() {
    let scheme = variant("csr", 2, "half_up", "renormalize");
    let mut g = G(7);
    let mut records: Vec<Value> = (0..20).map(|i| random_record(&scheme, &mut g, i)).collect();
    // 15 decimals: more than a column keeps as integers; 1e12 with 7 decimals: no i64 fits.
    records[3]["values"]["attendance"] = json!("97.123456789012345");
    records[5]["values"]["complaints"] = json!("999999999999.1234567");
    records[5]["values"]["escalation_time"] = json!("3.25");
    let (table, bad) = Table::from_records(&scheme, &records);
    assert!(bad.is_empty(), "{bad:?}");
    let scores = scheme.score_table(&table).unwrap();
    for (i, rec) in records.iter().enumerate() {
        assert!(scores.agrees_with(i, &scheme.score_value_exact(rec).unwrap()), "record {i}");
    }
    assert_eq!(scores.general_rows(), 2);
    assert_eq!(scores.indicator(3, 0).unwrap().0.unwrap().to_string(), "90.00", "97.12… meets band 2 (>= 97) only");
}

#[test]
fn parallel_table_scoring_equals_sequential() {
    let scheme = variant("csr", 2, "half_up", "renormalize");
    let mut g = G(99);
    let records: Vec<Value> = (0..20_000).map(|i| random_record(&scheme, &mut g, i)).collect();
    let (table, _) = Table::from_records(&scheme, &records);
    assert_eq!(scheme.score_table_parallel(&table).unwrap(), scheme.score_table(&table).unwrap());
}

#[test]
fn a_table_belongs_to_its_scheme() {
    let csr = variant("csr", 2, "half_up", "renormalize");
    let other = variant("csr", 1, "half_up", "renormalize");
    let (table, _) = Table::from_records(&csr, &[]);
    assert!(other.score_table(&table).is_err());
    let mut t = Table::new(&csr);
    assert!(t.push(&other, &json!({"employee": "E", "period": "P"})).is_err());
    assert!(t.is_empty());
}

#[test]
fn weight_zero_rater_groups_and_trimming_on_the_table_path() {
    // Worked by hand (SPEC §3.2): the self-rating (weight 0) is never averaged; peers 5, 4, 3,
    // 1 with trim 1 keep 4 and 3 → T = 80 + 60 = 140, m = 2; supervisor 3 → 60, m = 1.
    // s = R((60 × 60 × 2 + 40 × 140 × 1) / (2 × 100)) = R(12800 / 200) = 64.00.
    let scheme = Scheme::from_value(&json!({
        "format": "appraisal-scheme/1", "id": "r", "version": "1", "name": "R", "period": "quarter",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": 100, "indicators": [
            {"id": "x", "name": "X", "kind": "qualitative", "unit": "level", "source": "360", "weight": 100,
             "raters": {"groups": [{"id": "self", "weight": 0}, {"id": "sup", "weight": 60}, {"id": "peer", "weight": 40}], "trim": 1},
             "rubric": {"type": "scale", "levels": [{"key": "1", "score": 0}, {"key": "3", "score": 60},
                                                    {"key": "4", "score": 80}, {"key": "5", "score": 100}]}}]}],
        "grades": [{"id": "A", "min": 60}, {"id": "B", "min": 0}]
    }))
    .unwrap();
    let rec = json!({"employee": "E", "period": "P", "ratings": {"x": [
        {"group": "self", "rater": "E", "value": "5"}, {"group": "sup", "rater": "M", "value": "3"},
        {"group": "peer", "rater": "P1", "value": "5"}, {"group": "peer", "rater": "P2", "value": "4"},
        {"group": "peer", "rater": "P3", "value": "3"}, {"group": "peer", "rater": "P4", "value": "1"}]}});
    let (table, bad) = Table::from_records(&scheme, std::slice::from_ref(&rec));
    assert!(bad.is_empty());
    let scores = scheme.score_table(&table).unwrap();
    assert_eq!(scores.general_rows(), 0);
    assert_eq!(scores.indicator(0, 0).unwrap().0.unwrap().to_string(), "64.00");
    assert_eq!(scores.grade(0), Some("A"));
    assert!(scores.agrees_with(0, &scheme.score_value(&rec).unwrap()));
}

/// A decimal of mixed scale and magnitude: mostly 0–6 decimals around the rubric's range, and
/// sometimes an extreme (up to ±1e12 with up to 15 decimals, or a tiny value with up to 27).
fn wild(g: &mut G, lo: i64, hi: i64) -> String {
    match g.n(10) {
        0 => {
            let int = g.n(1_000_000_000_000);
            let dp = g.n(16) as usize;
            let frac: String = (0..dp).map(|_| char::from(b'0' + g.n(10) as u8)).collect();
            if dp == 0 {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            }
        }
        1 => {
            let dp = 20 + g.n(8) as usize;
            let digits: String = (0..dp).map(|_| char::from(b'0' + g.n(10) as u8)).collect();
            format!("{}.{digits}", g.n(100))
        }
        _ => {
            let dp = g.n(7) as u32;
            let f = 10i64.pow(dp);
            let span = ((hi - lo) * f) as u64;
            let m = lo * f + g.n(span + 1) as i64;
            appraisal::Decimal::new(m, dp).to_string()
        }
    }
}

/// Every numeric rubric, a scale and a pass/fail, each once alone and once with 360 raters
/// (trim 1, a weight-0 group), with thresholds of mixed scales (shared with the fuzz target).
fn every_rubric() -> Scheme {
    Scheme::from_json(include_str!("../schemes/every_rubric.json")).unwrap()
}

fn wild_record(s: &Scheme, g: &mut G, i: usize) -> Value {
    let (mut values, mut ratings) = (serde_json::Map::new(), serde_json::Map::new());
    for (_, ind) in s.indicators() {
        if g.n(12) == 0 {
            continue;
        }
        let one = |g: &mut G| -> Value {
            match &ind.rubric {
                Rubric::Scale { levels } => json!(levels[g.n(levels.len() as u64) as usize].key),
                Rubric::PassFail { .. } => json!(g.n(2) == 0),
                Rubric::Direct => {
                    let v = wild(g, 0, 100);
                    if v.parse::<f64>().is_ok_and(|x| x <= 100.0) {
                        json!(v)
                    } else {
                        json!("99.999")
                    }
                }
                _ => json!(wild(g, 0, 700)),
            }
        };
        if let Some(r) = &ind.raters {
            let n = g.n(8);
            let list: Vec<Value> = (0..n)
                .map(|j| {
                    let grp = &r.groups[g.n(r.groups.len() as u64) as usize].id;
                    let v = if g.n(9) == 0 { Value::Null } else { one(g) };
                    json!({"group": grp, "rater": format!("R{j}"), "value": v})
                })
                .collect();
            ratings.insert(ind.id.clone(), Value::Array(list));
        } else {
            values.insert(ind.id.clone(), one(g));
        }
    }
    json!({"employee": format!("W{i:05}"), "period": "2026-Q3", "values": values, "ratings": ratings,
           "events": {"praise": g.n(5)}})
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Issue 11: values of mixed scales within a row and a column (ratings "50" beside "70.5"),
    /// extreme magnitudes and long fractions, on every rubric alone and with 360 raters: the
    /// table path gives exactly the general path's numbers.
    #[test]
    fn the_table_path_equals_the_general_path_on_mixed_scales_and_extremes(seed in 1u64.., dp in 0u64..5, mode in 0usize..3) {
        let mut v = every_rubric().to_value();
        let mode = ["half_up", "half_even", "down"][mode];
        v["rounding"] = json!({"dp": dp, "mode": mode});
        let scheme = Scheme::from_value(&v).unwrap();
        let mut g = G(seed);
        let records: Vec<Value> = (0..40).map(|i| wild_record(&scheme, &mut g, i)).collect();
        let (table, bad) = Table::from_records(&scheme, &records);
        let scores = scheme.score_table(&table).unwrap();
        let mut row = 0;
        for (i, rec) in records.iter().enumerate() {
            if bad.iter().any(|(j, _)| *j == i) {
                prop_assert!(scheme.score_value_exact(rec).is_err());
                continue;
            }
            match scheme.score_value_exact(rec) {
                Ok(card) => prop_assert!(scores.agrees_with(row, &card), "record {i}: {rec}\n{}", card.to_json()),
                Err(e) => prop_assert_eq!(scores.error(row), Some(&e)),
            }
            row += 1;
        }
    }
}

/// The general path's compiled integer row against the exact reference pipeline: the whole
/// scorecard, JSON text included (steps, scales, order), or the same errors.
/// Returns whether the integer row took the record.
fn row_equals_exact(scheme: &Scheme, rec: &Value) -> Result<bool, TestCaseError> {
    let took = match (scheme.score_value_integer(rec), scheme.score_value_exact(rec)) {
        (Some(a), Ok(b)) => {
            prop_assert_eq!(a.to_json(), b.to_json(), "{}", rec);
            true
        }
        (Some(a), Err(e)) => return Err(TestCaseError::fail(format!("{rec}: the row scored {a:?}, exactly {e:?}"))),
        (None, _) => false,
    };
    let quick = scheme.score_value(rec);
    let exact = scheme.score_value_exact(rec);
    match (&quick, &exact) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a.to_json(), b.to_json(), "{}", rec),
        _ => prop_assert_eq!(quick, exact.clone(), "{}", rec),
    }
    let text = rec.to_string();
    match (scheme.score_json(&text), exact) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a.to_json(), b.to_json(), "{}", rec),
        (a, b) => prop_assert_eq!(a, b, "{}", rec),
    }
    Ok(took)
}

/// Without its ratings (360 indicators take the exact pipeline), or as it is.
fn maybe_unrated(mut rec: Value, g: &mut G) -> Value {
    if g.n(4) != 0 {
        if let Some(m) = rec.as_object_mut() {
            m.remove("ratings");
        }
    }
    rec
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Issue 14, point 3: every built-in scheme, rounding mode, dp 0–4 and N/A policy, and the
    /// every-rubric scheme on mixed scales and extreme magnitudes: scoring one record (JSON
    /// value or text) gives exactly the exact pipeline's scorecard, whichever of the two
    /// scored it.
    #[test]
    fn the_general_paths_integer_row_equals_the_exact_pipeline(seed in 1u64.., which in 0usize..3, dp in 0u64..5,
                                                              mode in 0usize..3, policy in 0usize..3) {
        let name = ["csr", "tech_support", "account_manager"][which];
        let (mode, policy_name) = (["half_up", "half_even", "down"][mode], ["renormalize", "zero", "error"][policy]);
        let scheme = variant(name, dp, mode, policy_name);
        let mut g = G(seed);
        let mut took = 0;
        for i in 0..40 {
            let rec = random_record(&scheme, &mut g, i);
            took += usize::from(row_equals_exact(&scheme, &maybe_unrated(rec, &mut g))?);
        }
        let mut v = every_rubric().to_value();
        v["rounding"] = json!({"dp": dp, "mode": mode});
        v["missing"]["policy"] = json!(policy_name);
        let scheme = Scheme::from_value(&v).unwrap();
        for i in 0..40 {
            let rec = wild_record(&scheme, &mut g, i);
            took += usize::from(row_equals_exact(&scheme, &maybe_unrated(rec, &mut g))?);
        }
        // Most unrated records are taken (not under `error`, where most have an N/A).
        prop_assert!(policy == 2 || took >= 20, "the integer row took {} of 80 records", took);
    }
}

#[test]
fn the_integer_row_scores_the_usual_record_and_leaves_the_rest_to_the_exact_pipeline() {
    // bench20-like single values on the CSR scheme without its 360 indicators is exercised
    // above; here: a value with more decimals than the row's scale (5) and one beyond its
    // magnitude take the exact pipeline and still give the hand-worked numbers.
    let scheme = variant("csr", 2, "half_up", "renormalize");
    let mut rec = json!({"employee": "E1", "period": "2026-Q3", "values": {"attendance": "97.12345"}});
    let card = scheme.score_value(&rec).unwrap();
    // 97.12345 meets band 2 (>= 97): 90.00, the only indicator measured.
    assert_eq!(card.indicators[0].score.unwrap().to_string(), "90.00");
    assert_eq!(card.indicators[0].step.as_deref(), Some("band 2: >= 97"));
    assert_eq!(card.to_json(), scheme.score_value_exact(&rec).unwrap().to_json());
    rec["values"]["attendance"] = json!("99");
    let card = scheme.score_value(&rec).unwrap();
    assert_eq!(card.indicators[0].score.unwrap().to_string(), "100.00");
    assert_eq!(card.indicators[0].step.as_deref(), Some("band 1: >= 99"));
}
