//! The typed result columns (what a page's typed arrays are made from) against the row view of
//! the same frame: every number and every coded text of every row, complete, incomplete and bad.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::fast::TypedColumn;
use appraisal::score::columns::Cell;
use appraisal::{builtin_scheme, Decimal};
use serde_json::Value;

#[test]
fn typed_columns_equal_the_rows() {
    let s = builtin_scheme("csr").unwrap();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/sample-centre-2026-Q3.jsonl"))
            .unwrap();
    let mut items: Vec<Result<Value, Vec<appraisal::Issue>>> =
        text.lines().filter(|l| l.contains("\"csr\"")).map(|l| Ok(serde_json::from_str::<Value>(l).unwrap())).collect();
    let good = items.len();
    // An incomplete result, a bad value, a record with no employee, a veto that caps the grade.
    items.push(Ok(serde_json::json!({"employee": "T1", "period": "2026-Q3", "values": {"attendance": "98"}})));
    items.push(Ok(serde_json::json!({"employee": "T2", "period": "2026-Q3", "values": {"attendance": "abc"}})));
    items.push(Ok(serde_json::json!({"period": "2026-Q3", "values": {"attendance": "98"}})));
    let mut capped = items[0].clone().unwrap();
    capped["employee"] = "T3".into();
    capped["events"] = serde_json::json!({"serious_complaint": 1});
    items.push(Ok(capped));
    let frame = s.score_items_frame(&items);
    let typed = frame.typed_columns(&s).unwrap();
    let header = appraisal::score::columns::header(&s);
    // The identity columns are the caller's own: left out.
    assert_eq!(
        typed.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        header[2..].iter().map(String::as_str).collect::<Vec<_>>()
    );
    let mut seen_status = std::collections::BTreeSet::new();
    for r in 0..frame.len() {
        let row = frame.row(&s, r);
        for ((name, col), want) in typed.iter().zip(&row[2..]) {
            let got = match col {
                TypedColumn::Decimal { scale, mantissa, valid } => {
                    if valid[r] {
                        Cell::Number(Decimal::from_i128_with_scale(mantissa[r], *scale))
                    } else {
                        Cell::Null
                    }
                }
                TypedColumn::Coded { labels, codes } => match codes[r] {
                    -1 => Cell::Null,
                    c => Cell::Text(labels[c as usize].clone()),
                },
            };
            // Numbers compare as values (the typed column has the scheme's fixed scale).
            match (&got, want) {
                (Cell::Number(a), Cell::Number(b)) => assert_eq!(a, b, "row {r} {name}"),
                _ => assert_eq!(&got, want, "row {r} {name}"),
            }
            if name == "status" {
                if let Cell::Text(t) = &got {
                    seen_status.insert(t.clone());
                }
            }
        }
    }
    assert_eq!(seen_status.into_iter().collect::<Vec<_>>(), ["complete", "error", "incomplete"]);
    // Labels come in order of first appearance: the sample's first result is complete.
    let (_, status) = typed.iter().find(|(n, _)| n == "status").unwrap();
    let TypedColumn::Coded { labels, .. } = status else { panic!("status is coded") };
    assert_eq!(labels[0], "complete");
    assert!(good > 10);
}
