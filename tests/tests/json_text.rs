//! The general path's text reader (issue 14, point 3): a record given as JSON text is read
//! straight into the checked record when it is clean and simple, and otherwise parsed and
//! checked. Either way `score_json(text)` must equal the parse + check + score of the same
//! text (`score_value`), scorecard for scorecard and error for error, messages included.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::{builtin_scheme_json, RecordError, Rubric, Scheme, Scorecard};
use appraisal_tests::G;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn scheme(name: &str, policy: &str) -> Scheme {
    let mut v: Value = serde_json::from_str(builtin_scheme_json(name).unwrap()).unwrap();
    if v.get("missing").is_some() {
        v["missing"]["policy"] = json!(policy);
    }
    Scheme::from_value(&v).unwrap()
}

fn bench20() -> Scheme {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/data/bench20.json")).unwrap();
    Scheme::from_json(&text).unwrap()
}

/// The reference: the text parsed into a JSON value, then the record check and the pipeline.
fn reference(s: &Scheme, text: &str) -> Result<Scorecard, RecordError> {
    match appraisal::ingest::record_text(text) {
        Ok(v) => s.score_value(&v),
        Err(i) => Err(RecordError { issues: vec![i] }),
    }
}

/// A value for an indicator: mostly good, as a number or a string, sometimes hostile in a
/// way the JSON text reader must leave to the check.
fn value(ind: &appraisal::Indicator, g: &mut G) -> Value {
    let hostile = g.n(8) == 0;
    let good = match &ind.rubric {
        Rubric::Scale { levels } => json!(levels[g.n(levels.len() as u64) as usize].key),
        Rubric::PassFail { .. } => json!(g.n(2) == 0),
        _ => {
            let (lo, hi) = ind.valid_range.map_or((0, 100), |(a, b)| {
                (
                    a.max(appraisal::Decimal::from(-5000)).trunc().try_into().unwrap_or(0i64),
                    b.min(appraisal::Decimal::from(5000)).trunc().try_into().unwrap_or(100i64),
                )
            });
            let t = g.dec(lo, hi);
            if g.n(3) == 0 {
                json!(t)
            } else {
                serde_json::from_str(&t).unwrap()
            }
        }
    };
    if !hostile {
        return good;
    }
    match g.n(14) {
        0 => json!(" 5"),
        1 => json!(""),
        2 => json!("5 "),
        3 => json!(true),
        4 => json!("yes"),
        5 => json!(7),
        6 => serde_json::from_str("1e2").unwrap(),
        7 => json!([1]),
        8 => json!({"v": 1}),
        9 => json!("1e2"),
        10 => json!("-0"),
        11 => json!(100000),
        12 => json!(-1),
        _ => Value::Null,
    }
}

fn record(s: &Scheme, g: &mut G, i: usize) -> Value {
    let mut values = Map::new();
    let mut ratings = Map::new();
    let mut samples = Map::new();
    for (_, ind) in s.indicators() {
        if g.n(10) == 0 {
            continue;
        }
        if let Some(r) = &ind.raters {
            let n = g.n(4);
            let list: Vec<Value> = (0..n)
                .map(|j| {
                    let grp = &r.groups[g.n(r.groups.len() as u64) as usize].id;
                    json!({"group": grp, "rater": format!("R{j}"), "value": value(ind, g)})
                })
                .collect();
            ratings.insert(ind.id.clone(), json!(list));
        } else {
            values.insert(ind.id.clone(), value(ind, g));
        }
        if ind.min_sample.is_some() || g.n(6) == 0 {
            samples.insert(ind.id.clone(), if g.n(9) == 0 { json!("12") } else { json!(g.n(60)) });
        }
    }
    let mut events = Map::new();
    for e in s.events() {
        if g.n(2) == 0 {
            events.insert(e.clone(), json!(g.n(3)));
        }
    }
    let mut r = Map::new();
    let hostile = g.n(12) == 0;
    match g.n(16) {
        0 if hostile => drop(r.insert("employee".into(), json!(" E1 "))),
        1 if hostile => drop(r.insert("employee".into(), json!(17))),
        2 if hostile => {}
        _ => drop(r.insert("employee".into(), json!(format!("E{i:04}")))),
    }
    r.insert("period".into(), if hostile && g.n(3) == 0 { Value::Null } else { json!("2026-Q3") });
    if g.n(4) == 0 {
        r.insert("role".into(), json!(if hostile { "janitor" } else { "csr" }));
    }
    r.insert("values".into(), Value::Object(values));
    if !ratings.is_empty() {
        r.insert("ratings".into(), Value::Object(ratings));
    }
    if !samples.is_empty() || g.n(3) == 0 {
        r.insert("samples".into(), Value::Object(samples));
    }
    if !events.is_empty() {
        r.insert("events".into(), Value::Object(events));
    }
    if hostile && g.n(4) == 0 {
        r.insert("extra".into(), json!(1));
    }
    if hostile && g.n(4) == 0 {
        if let Some(Value::Object(v)) = r.get_mut("values") {
            v.insert("no_such_indicator".into(), json!(1));
        }
    }
    Value::Object(r)
}

/// The record as text, written in one of several ways a client might write it.
fn text(v: &Value, g: &mut G) -> String {
    match g.n(4) {
        0 => serde_json::to_string_pretty(v).unwrap(),
        1 => format!(" \n{v}\t "),
        _ => v.to_string(),
    }
}

fn assert_same(s: &Scheme, t: &str) {
    let got = s.score_json(t);
    let want = reference(s, t);
    assert_eq!(got, want, "record {t}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn a_record_read_from_text_equals_the_parsed_and_checked_record(seed in 1u64.., which in 0usize..7, policy in 0usize..3) {
        let s = if which == 6 {
            bench20()
        } else {
            let name = ["csr", "tech_support", "account_manager", "qa_form", "discipline_pool", "manager_review"][which];
            scheme(name, ["renormalize", "zero", "error"][policy])
        };
        let mut g = G(seed);
        for i in 0..60 {
            let v = record(&s, &mut g, i);
            let t = text(&v, &mut g);
            let got = s.score_json(&t);
            prop_assert_eq!(got, reference(&s, &t), "record {}", t);
        }
    }
}

#[test]
fn texts_at_the_edge_of_the_json_grammar() {
    let s = bench20();
    let id = s.indicators().next().map(|(_, i)| i.id.clone()).unwrap();
    let base = |x: &str| format!(r#"{{"employee":"E1","period":"P","values":{{"{id}":{x}}}}}"#);
    let numbers = [
        "95",
        "95.5",
        "-0",
        "0",
        "00",
        "01",
        "-",
        "1.",
        ".5",
        "1e2",
        "1E2",
        "95.50",
        "-5",
        "+5",
        "0.0000001",
        "99999999999999999999999999999",
        "1.2.3",
        "95 ",
        "\"95\"",
        "\"95.5\"",
        "\" 95\"",
        "\"\"",
        "true",
        "null",
        "[]",
        "{}",
        "\"\\u0039\"",
        "\"9\\n\"",
        "NaN",
        "Infinity",
        "95,",
    ];
    for x in numbers {
        assert_same(&s, &base(x));
    }
    let shapes = [
        "",
        "{",
        "}",
        "[]",
        "null",
        "{}",
        r#"{"employee":"E1","period":"P"}"#,
        r#"{"employee":"E1","period":"P","values":{}}"#,
        r#"{"employee":"E1","period":"P","values":null}"#,
        r#"{"employee":"E1","employee":"E2","period":"P","values":{}}"#,
        r#"{"employee":"E1","period":"P","values":{},"values":{}}"#,
        r#"{"employee":"E\u0031","period":"P","values":{}}"#,
        r#"{"employee":"E1","period":"P","values":{}} x"#,
        r#"{"employee":"E1","period":"P","values":{},}"#,
        r#"{"employee":"E1","period":"P",,"values":{}}"#,
        r#"{"employee":"E1" "period":"P"}"#,
        r#"{"employee":"员工一","period":"2026年第三季度","values":{}}"#,
        r#"{"employee":"","period":"P","values":{}}"#,
        r#"{"employee":"E1","period":"P","events":{"nope":1}}"#,
        r#"{"employee":"E1","period":"P","events":null}"#,
        r#"{"employee":"E1","period":"P","samples":{"nope":1}}"#,
        r#"{"employee":"E1","period":"P","ratings":{}}"#,
        r#"{"employee":"E1","period":"P","role":null}"#,
        r#"{"employee":"E1","period":"P","role":7}"#,
        "\u{feff}{}",
    ];
    for t in shapes {
        assert_same(&s, t);
    }
    // Duplicates inside a section, and the same indicator listed out of order.
    let ids: Vec<String> = s.indicators().map(|(_, i)| i.id.clone()).collect();
    let dup = format!(r#"{{"employee":"E1","period":"P","values":{{"{0}":95,"{0}":96}}}}"#, ids[0]);
    assert_same(&s, &dup);
    let reversed: Vec<String> = ids.iter().rev().map(|id| format!(r#""{id}":"1""#)).collect();
    assert_same(&s, &format!(r#"{{"period":"P","values":{{{}}},"employee":"E1"}}"#, reversed.join(",")));
}

#[test]
fn every_golden_vector_reads_the_same_from_text() {
    let mut n = 0;
    for path in appraisal_tests::vector_files() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let scheme_value = match doc.get("scheme") {
            Some(Value::String(b)) if b.starts_with("builtin:") => {
                serde_json::from_str(builtin_scheme_json(&b["builtin:".len()..]).unwrap()).unwrap()
            }
            Some(v) => v.clone(),
            None => continue,
        };
        let (Ok(s), Some(Value::Array(records))) = (Scheme::from_value(&scheme_value), doc.get("records")) else {
            continue;
        };
        for r in records {
            assert_same(&s, &r.to_string());
            n += 1;
        }
    }
    assert!(n > 100, "only {n} vector records");
}

#[test]
fn an_array_of_records_scores_each_record_as_its_parsed_value() {
    let s = scheme("csr", "renormalize");
    let mut g = G(7);
    let mut records: Vec<Value> = (0..200).map(|i| record(&s, &mut g, i)).collect();
    records.push(json!(7));
    records.push(json!({"employee": "E1", "period": "P", "values": {"attendance": "9".repeat(40)}}));
    let text = format!(
        "[{}, {}]",
        records.iter().map(Value::to_string).collect::<Vec<_>>().join(",\n "),
        r#"{"employee":"E2","period":"P","values":{},"values":{}}"#
    );
    let got = s.score_json_array(&text).unwrap();
    assert_eq!(got.len(), records.len() + 1);
    for (k, r) in records.iter().enumerate() {
        assert_eq!(got[k], s.score_entry(r), "record {k}: {r}");
    }
    // Not vacuous: most records are scored, some are errors.
    let scored = got.iter().filter(|e| e.is_ok()).count();
    assert!(scored > 20 && scored < got.len(), "{scored}");
    // A key given twice is that record's invalid_json error, not the batch's.
    let last = got.last().unwrap().as_ref().unwrap_err();
    assert_eq!(last.errors[0].code, appraisal::ErrorCode::InvalidJson);
    // Text that is not an array of JSON values is one error.
    for bad in ["{}", "[1,", "nope", ""] {
        assert_eq!(s.score_json_array(bad).unwrap_err().code, appraisal::ErrorCode::InvalidJson, "{bad}");
    }
}
