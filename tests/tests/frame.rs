//! The columnar front doors' core (issue 14): wide rows read straight into checked records
//! (`WideLayout`) and scored on the table path with bad rows in place (`Frame`) must give,
//! row for row and cell for cell, what the general path gives for the same row read as JSON
//! (`record_from_wide` + `score_item`), errors included, word for word.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::fast::ColumnData;
use appraisal::score::columns::{self, Cell};
use appraisal::wide::{record_from_wide, wide_header};
use appraisal::{builtin_scheme_json, CellRef, Decimal, InputKind, Rubric, Scheme, WideLayout};
use appraisal_tests::G;
use arrow_array::Array;
use proptest::prelude::*;
use serde_json::{json, Value};

/// A random wide row: mostly good cells, sometimes a hostile one (bad number, out of range,
/// unknown level, a word for a boolean, blank identity, padding, a broken rating).
fn random_row(s: &Scheme, header: &[String], g: &mut G, i: usize) -> Vec<String> {
    header
        .iter()
        .map(|h| {
            let hostile = g.n(40) == 0;
            match h.as_str() {
                "employee" if hostile => "  ".to_string(),
                "employee" => format!(" P{i:04} "),
                "period" => "2026-Q3".to_string(),
                "role" if hostile => "janitor".to_string(),
                "role" => String::new(),
                "extra" => {
                    if hostile {
                        "x".into()
                    } else {
                        String::new()
                    }
                }
                h if h.starts_with("events.") => {
                    if hostile {
                        "-1".into()
                    } else {
                        g.n(3).to_string()
                    }
                }
                h if h.starts_with("samples.") => {
                    if hostile {
                        "1.5".into()
                    } else if g.n(6) == 0 {
                        String::new()
                    } else {
                        g.n(60).to_string()
                    }
                }
                h if h.starts_with("ratings.") => {
                    let ind = s.indicator(&h["ratings.".len()..]).unwrap();
                    let groups = &ind.raters.as_ref().unwrap().groups;
                    let n = g.n(5);
                    let mut parts: Vec<String> = (0..n)
                        .map(|j| {
                            let v = match &ind.rubric {
                                Rubric::Scale { levels } => levels[g.n(levels.len() as u64) as usize].key.clone(),
                                _ => g.dec(0, 100),
                            };
                            format!("{}:R{j}={v}", groups[g.n(groups.len() as u64) as usize].id)
                        })
                        .collect();
                    if hostile {
                        parts.push("nogroup".into());
                    }
                    parts.join("; ")
                }
                id => {
                    let ind = s.indicator(id).unwrap();
                    if g.n(12) == 0 {
                        return String::new();
                    }
                    match (&ind.rubric, ind.rubric.input_kind()) {
                        (Rubric::Scale { levels }, _) => {
                            if hostile {
                                "nope".into()
                            } else {
                                levels[g.n(levels.len() as u64) as usize].key.clone()
                            }
                        }
                        (_, InputKind::Bool) => ["yes", "no", "true", "FALSE", "pass", "maybe"][g.n(6) as usize].into(),
                        (Rubric::Direct, _) => {
                            if hostile {
                                "101".into()
                            } else {
                                g.dec(0, 100)
                            }
                        }
                        _ => {
                            if hostile {
                                ["abc", "1e3", "-5", "1,000", "99999999999"][g.n(5) as usize].into()
                            } else {
                                let (lo, hi) = ind.valid_range.map_or((0, 1000), |(lo, hi)| {
                                    (lo.trunc().try_into().unwrap_or(0i64), hi.trunc().try_into().unwrap_or(1000i64))
                                });
                                g.dec(lo.max(0), hi.min(100_000))
                            }
                        }
                    }
                }
            }
        })
        .collect()
}

fn scheme(name: &str, policy: &str) -> Scheme {
    let mut v: Value = serde_json::from_str(builtin_scheme_json(name).unwrap()).unwrap();
    if v.get("missing").is_some() {
        v["missing"]["policy"] = json!(policy);
    }
    Scheme::from_value(&v).unwrap()
}

fn general_row(s: &Scheme, header: &[String], row: &[String]) -> Vec<Cell> {
    let item = record_from_wide(s, header, row);
    columns::entry_row(s, &s.score_item(&item))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn a_frame_of_wide_rows_equals_the_general_path_cell_for_cell(seed in 1u64.., which in 0usize..6, policy in 0usize..3) {
        let name = ["csr", "tech_support", "account_manager", "qa_form", "discipline_pool", "manager_review"][which];
        let s = scheme(name, ["renormalize", "zero", "error"][policy]);
        let mut header = wide_header(&s);
        header.push("extra".into());
        let mut g = G(seed);
        let rows: Vec<Vec<String>> = (0..80).map(|i| random_row(&s, &header, &mut g, i)).collect();
        let layout = WideLayout::new(&s, &header).unwrap();
        let cells: Vec<Vec<CellRef<'_>>> =
            rows.iter().map(|r| r.iter().map(|c| CellRef::Text(c)).collect()).collect();
        let frame = s.score_wide_rows(&layout, &cells);
        prop_assert_eq!(frame.len(), rows.len());
        let cols = frame.columns(&s);
        let kinds = columns::number_columns(&s);
        prop_assert_eq!(kinds.len(), columns::header(&s).len());
        // The CSV writer writes exactly the cells of each row.
        let mut csv = String::new();
        frame.write_csv(&s, &mut csv);
        let want_csv: String = (0..rows.len()).map(|r| columns::csv_line(&frame.row(&s, r)) + "\n").collect();
        prop_assert_eq!(csv, want_csv);
        let mut errors = 0;
        for (r, row) in rows.iter().enumerate() {
            let want = general_row(&s, &header, row);
            let got = frame.row(&s, r);
            prop_assert_eq!(&got, &want, "{} row {}: {:?}", name, r, row);
            errors += usize::from(frame.is_error(r));
            // The whole columns hold the same cells.
            for (k, cell) in want.iter().enumerate() {
                match (cell, &cols[k]) {
                    (Cell::Number(d), c @ ColumnData::Decimal { .. }) => prop_assert_eq!(c.decimal(r), Some(*d)),
                    (Cell::Null, c @ ColumnData::Decimal { .. }) => prop_assert_eq!(c.decimal(r), None),
                    (Cell::Text(t), c @ ColumnData::Text { .. }) => prop_assert_eq!(c.text(r), Some(t.as_str())),
                    (Cell::Null, c @ ColumnData::Text { .. }) => prop_assert_eq!(c.text(r), None),
                    (cell, _) => prop_assert!(false, "column {} kind does not match {:?}", k, cell),
                }
            }
        }
        // The same rows through Arrow: text columns in, the result as Decimal128/LargeUtf8.
        let arrays: Vec<arrow_array::ArrayRef> = (0..header.len())
            .map(|k| {
                let col: Vec<Option<&str>> = rows.iter().map(|r| Some(r[k].as_str())).collect();
                std::sync::Arc::new(arrow_array::StringArray::from(col)) as arrow_array::ArrayRef
            })
            .collect();
        let fields: Vec<arrow_schema::Field> =
            header.iter().map(|h| arrow_schema::Field::new(h, arrow_schema::DataType::Utf8, true)).collect();
        let schema = std::sync::Arc::new(arrow_schema::Schema::new(fields));
        let batch = arrow_array::RecordBatch::try_new(schema.clone(), arrays).unwrap();
        let out = s.score_arrow(&schema, &[batch], false).unwrap();
        prop_assert_eq!(out.iter().map(|b| b.num_rows()).sum::<usize>(), rows.len());
        let total_at = columns::header(&s).iter().position(|h| h == "total").unwrap();
        let totals = out[0].column(total_at).as_any().downcast_ref::<arrow_array::Decimal128Array>().unwrap();
        for r in 0..rows.len() {
            let want = match &frame.row(&s, r)[total_at] { Cell::Number(d) => Some(*d), _ => None };
            let got = totals.is_valid(r).then(|| Decimal::from_i128_with_scale(totals.value(r), totals.scale() as u32));
            prop_assert_eq!(got, want);
        }
        // Not vacuous: some rows are scored (under the `error` policy any absent value makes
        // the row an error, so there all may be).
        prop_assert!(policy == 2 || errors < rows.len(), "{:?}", frame.errors(0));
    }
}

#[test]
fn typed_cells_read_as_their_text() {
    // An Arrow/JS source gives numbers and booleans, not text: the same results.
    let s = scheme("csr", "renormalize");
    let header = wide_header(&s);
    let mut g = G(7);
    let rows: Vec<Vec<String>> = (0..50).map(|i| random_row(&s, &header, &mut g, i)).collect();
    let layout = WideLayout::new(&s, &header).unwrap();
    let typed: Vec<Vec<CellRef<'_>>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match (c.parse::<Decimal>(), c.as_str()) {
                    (_, "true") => CellRef::Bool(true),
                    (_, "") => CellRef::Null,
                    (Ok(d), _) if !c.contains(' ') => CellRef::Number(d),
                    _ => CellRef::Text(c),
                })
                .collect()
        })
        .collect();
    let frame = s.score_wide_rows(&layout, &typed);
    for (r, row) in rows.iter().enumerate() {
        assert_eq!(frame.row(&s, r), general_row(&s, &header, row), "row {r}");
    }
}

#[test]
fn a_bad_row_keeps_its_place_with_the_checks_errors() {
    let s = scheme("csr", "renormalize");
    let header = ["employee", "period", "no_such_indicator"];
    let layout = WideLayout::new(&s, &header).unwrap();
    let rows = [
        vec![CellRef::Text("E1"), CellRef::Text("2026-Q1"), CellRef::Null],
        vec![CellRef::Text("E2"), CellRef::Text("2026-Q1"), CellRef::Text("5")],
        vec![CellRef::Null, CellRef::Text("2026-Q1"), CellRef::Null],
    ];
    let frame = s.score_wide_rows(&layout, &rows);
    assert_eq!(frame.len(), 3);
    assert!(!frame.is_error(0));
    let e = frame.errors(1).unwrap();
    assert_eq!((e[0].code.as_str(), e[0].path.as_str()), ("unknown_indicator", "values.no_such_indicator"));
    assert_eq!(frame.row(&s, 1)[0], Cell::Text("E2".into()));
    assert_eq!(frame.errors(2).unwrap()[0].path, "employee");
    // A column named twice is refused before any row is read.
    assert_eq!(WideLayout::new(&s, &["employee", "employee"]).unwrap_err()[0].code.as_str(), "duplicate_id");
}
