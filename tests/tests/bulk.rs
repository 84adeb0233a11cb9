//! Typed columns read a column at a time (issue 14: Arrow slices of floats, integers, decimals
//! and text; a page's `Float64Array`s) must give, row for row and cell for cell, what the
//! general path gives for the same row read as the text a CSV would hold for it
//! (`record_from_wide` + `score_item`): errors word for word, bad rows in place. The oracle
//! never touches the column reader: each typed cell becomes its text (a float its shortest
//! decimal as Rust prints it, NaN and null empty), and that text is read as JSON.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::fast::ColumnIn;
use appraisal::score::columns::{self, Cell};
use appraisal::wide::{record_from_wide, wide_header};
use appraisal::{builtin_scheme_json, CellRef, Decimal, InputKind, Scheme, WideLayout};
use appraisal_tests::G;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::Arc;

/// A typed input cell.
#[derive(Debug, Clone, Copy)]
enum T {
    F(f64),
    I(i64),
    D(i128, u32),
    Null,
}

fn scheme(which: usize, policy: &str) -> Scheme {
    let text = if which == 0 {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/data/bench20.json")).unwrap()
    } else {
        builtin_scheme_json(["csr", "tech_support", "account_manager", "qa_form", "discipline_pool"][which - 1])
            .unwrap()
            .to_string()
    };
    let mut v: Value = serde_json::from_str(&text).unwrap();
    if v.get("missing").is_some() {
        v["missing"]["policy"] = json!(policy);
    }
    Scheme::from_value(&v).unwrap()
}

/// The header the column reader takes: identity, number indicators, samples, events.
fn header(s: &Scheme) -> Vec<String> {
    wide_header(s)
        .into_iter()
        .filter(|h| {
            h == "employee"
                || h == "period"
                || h.starts_with("samples.")
                || h.starts_with("events.")
                || s.indicator(h).is_some_and(|i| i.raters.is_none() && i.rubric.input_kind() == InputKind::Number)
        })
        .collect()
}

/// A float cell: mostly a plain value with 0–3 decimals, sometimes a hostile one.
fn float(g: &mut G, lo: i64, hi: i64) -> f64 {
    match g.n(150) {
        0 => f64::NAN,
        1 => [f64::INFINITY, f64::NEG_INFINITY, 1e300, -5.0, 0.1 + 0.2, 1e-7, -0.0, 2f64.powi(60), 1.0 / 3.0]
            [g.n(9) as usize],
        2..=6 => format!("{}.{:06}", g.n(100), g.n(1_000_000)).parse().unwrap(), // six decimals: the column rescales
        _ => g.dec(lo, hi).parse().unwrap(),
    }
}

fn cell(g: &mut G, s: &Scheme, h: &str, kind: u64, i: usize) -> T {
    if g.n(40) == 0 {
        return T::Null;
    }
    if h == "period" {
        return T::Null; // the period column is text, made apart
    }
    if h == "employee" {
        return if kind == 2 { T::I(1000 + i as i64) } else { T::Null };
    }
    if h.starts_with("samples.") || h.starts_with("events.") {
        let hostile = g.n(150) == 0;
        return match kind {
            0 => T::F(if hostile { [-1.0, 1.5, 2e9, f64::NAN][g.n(4) as usize] } else { g.n(60) as f64 }),
            1 => T::I(if hostile { [-1, i64::MIN, 2_000_000_000][g.n(3) as usize] } else { g.n(60) as i64 }),
            _ => T::D(if hostile { -10 } else { i128::from(g.n(60)) * 10 }, 1),
        };
    }
    let ind = s.indicator(h).unwrap();
    let open = if matches!(ind.rubric, appraisal::Rubric::Direct) { (0, 100) } else { (0, 1000) };
    let (lo, hi) = ind.valid_range.map_or(open, |(lo, hi)| {
        (lo.trunc().try_into().unwrap_or(0i64).max(-1000), hi.trunc().try_into().unwrap_or(1000i64).min(100_000))
    });
    match kind {
        0 => T::F(float(g, lo, hi)),
        1 => T::I(if g.n(150) == 0 {
            [-3, i64::MIN, i64::MAX][g.n(3) as usize]
        } else {
            lo + g.n((hi - lo + 1) as u64) as i64
        }),
        _ => {
            let d: Decimal = g.dec(lo, hi).parse().unwrap();
            let mut d = d;
            d.rescale(2);
            T::D(if g.n(150) == 0 { -d.mantissa() - 1 } else { d.mantissa() }, 2)
        }
    }
}

/// The text a CSV would hold for a typed cell (the oracle's input).
fn text(c: T) -> String {
    match c {
        T::F(x) if x.is_nan() => String::new(),
        T::F(x) => format!("{x}"),
        T::I(i) => i.to_string(),
        T::D(m, s) => Decimal::from_i128_with_scale(m, s).to_string(),
        T::Null => String::new(),
    }
}

fn array(kind: u64, col: &[T]) -> ArrayRef {
    match kind {
        0 => Arc::new(arrow_array::Float64Array::from(
            col.iter().map(|c| if let T::F(x) = c { Some(*x) } else { None }).collect::<Vec<_>>(),
        )),
        1 => Arc::new(arrow_array::Int64Array::from(
            col.iter().map(|c| if let T::I(x) = c { Some(*x) } else { None }).collect::<Vec<_>>(),
        )),
        _ => {
            let v: Vec<Option<i128>> = col.iter().map(|c| if let T::D(m, _) = c { Some(*m) } else { None }).collect();
            let scale = col.iter().find_map(|c| if let T::D(_, s) = c { Some(*s) } else { None }).unwrap_or(2);
            Arc::new(arrow_array::Decimal128Array::from(v).with_precision_and_scale(38, scale as i8).unwrap())
        }
    }
}

/// A result cell from an Arrow column.
fn arrow_cell(a: &ArrayRef, r: usize) -> Cell {
    if a.is_null(r) {
        return Cell::Null;
    }
    match a.data_type() {
        DataType::Decimal128(_, s) => {
            let d = a.as_any().downcast_ref::<arrow_array::Decimal128Array>().unwrap();
            Cell::Number(Decimal::from_i128_with_scale(d.value(r), *s as u32))
        }
        _ => Cell::Text(a.as_any().downcast_ref::<arrow_array::LargeStringArray>().unwrap().value(r).to_string()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn typed_columns_read_a_column_at_a_time_equal_the_general_path(
        seed in 1u64.., which in 0usize..6, policy in 0usize..3, text_ids in any::<bool>()
    ) {
        let s = scheme(which, ["renormalize", "zero", "error"][policy]);
        let header = header(&s);
        let mut g = G(seed);
        let n = 150;
        // One array type per column, as a DataFrame has.
        let kinds: Vec<u64> = header.iter().map(|_| g.n(3)).collect();
        let cols: Vec<Vec<T>> = header
            .iter()
            .zip(&kinds)
            .map(|(h, &k)| (0..n).map(|i| cell(&mut g, &s, h, if h == "employee" && !text_ids { 2 } else { k }, i)).collect())
            .collect();
        // Identity columns are text (employee numbers as integers when !text_ids).
        let ids: Vec<Option<String>> = (0..n)
            .map(|i| match g.n(20) {
                0 => None,
                1 => Some("   ".into()),
                2 => Some(format!(" P{i} ")),
                _ => Some(format!("P{i:05}")),
            })
            .collect();
        let arrays: Vec<ArrayRef> = header
            .iter()
            .zip(&kinds)
            .zip(&cols)
            .map(|((h, &k), col)| match h.as_str() {
                "employee" if text_ids => Arc::new(arrow_array::StringArray::from(ids.clone())) as ArrayRef,
                "employee" => array(1, col),
                "period" => Arc::new(arrow_array::LargeStringArray::from(vec![Some("2026-Q3"); n])) as ArrayRef,
                _ => array(k, col),
            })
            .collect();
        let rows: Vec<Vec<String>> = (0..n)
            .map(|r| {
                header
                    .iter()
                    .zip(&cols)
                    .map(|(h, col)| match h.as_str() {
                        "employee" if text_ids => ids[r].clone().unwrap_or_default(),
                        "period" => "2026-Q3".into(),
                        _ => text(col[r]),
                    })
                    .collect()
            })
            .collect();
        let fields: Vec<Field> = header.iter().zip(&arrays).map(|(h, a)| Field::new(h, a.data_type().clone(), true)).collect();
        let schema = Arc::new(Schema::new(fields));
        let batch = RecordBatch::try_new(schema.clone(), arrays).unwrap();
        let out = s.score_arrow(&schema, &[batch], false).unwrap();
        prop_assert_eq!(out.len(), 1);
        let out = &out[0];
        prop_assert_eq!(out.num_rows(), n);
        let mut scored = 0;
        for (r, row) in rows.iter().enumerate() {
            let want = columns::entry_row(&s, &s.score_item(&record_from_wide(&s, &header, row)));
            let got: Vec<Cell> = out.columns().iter().map(|a| arrow_cell(a, r)).collect();
            prop_assert_eq!(&got, &want, "row {}: {:?}", r, row);
            scored += usize::from(!matches!(&want[2], Cell::Text(t) if t == "error"));
        }
        // Not vacuous: most rows are scored (under `error` any absent value stops a row).
        prop_assert!(policy == 2 || scored > n / 2, "{} of {} scored: {:?}", scored, n, (0..n).filter_map(|r| out.column(out.num_columns() - 1).as_any().downcast_ref::<arrow_array::LargeStringArray>().filter(|a| a.is_valid(r)).map(|a| a.value(r).to_string())).take(3).collect::<Vec<_>>());

        // The CSV door (the CLI's chunks, a page's `scoreCsv`): the same rows as CSV text (every
        // field quoted), then a row with one field too many and a short one, which the column
        // reader leaves to the row reader (`score_wide_rows` is that reader, held to the
        // general path by tests/tests/frame.rs).
        let quote = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
        let line = |cells: &[String]| cells.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",") + "\n";
        let mut csv = line(&header);
        rows.iter().for_each(|row| csv.push_str(&line(row)));
        let mut wider = rows[0].clone();
        wider.push("x".into());
        csv.push_str(&line(&wider));
        csv.push_str(&line(&rows[1][..2]));
        let frame = s.score_csv_text(&csv).unwrap();
        prop_assert_eq!(frame.len(), n + 2);
        for (r, row) in rows.iter().enumerate() {
            let want = columns::entry_row(&s, &s.score_item(&record_from_wide(&s, &header, row)));
            prop_assert_eq!(&frame.row(&s, r), &want, "CSV, row {}: {:?}", r, row);
        }
        let layout = WideLayout::new(&s, &header).unwrap();
        let odd: Vec<Vec<CellRef<'_>>> =
            [&wider[..], &rows[1][..2]].iter().map(|r| r.iter().map(|c| CellRef::Text(c)).collect()).collect();
        let by_rows = s.score_wide_rows(&layout, &odd);
        prop_assert_eq!(frame.row(&s, n), by_rows.row(&s, 0));
        prop_assert_eq!(frame.row(&s, n + 1), by_rows.row(&s, 1));

        // The page's door: the float columns as a Float64Array each, the rest as text.
        let js: Vec<ColumnIn> = header
            .iter()
            .zip(&kinds)
            .zip(&cols)
            .enumerate()
            .map(|(k, ((h, &kind), col))| match (h.as_str(), kind) {
                ("employee" | "period", _) | (_, 1 | 2) => ColumnIn::Text(rows.iter().map(|r| Some(r[k].clone()).filter(|t| !t.is_empty())).collect()),
                _ => ColumnIn::Float(col.iter().map(|c| if let T::F(x) = c { *x } else { f64::NAN }).collect()),
            })
            .collect();
        let frame = s.score_columns(&header, &js).unwrap();
        for (r, row) in rows.iter().enumerate() {
            let want = columns::entry_row(&s, &s.score_item(&record_from_wide(&s, &header, row)));
            prop_assert_eq!(&frame.row(&s, r), &want, "columns, row {}: {:?}", r, row);
        }
    }
}

#[test]
fn a_float_with_more_decimals_rescales_its_column_and_keeps_the_earlier_cells() {
    // bench20's attendance: bands from 90 to 99 over [0, 100]. 98.5 (scale 1) first, then
    // 97.25 (scale 2), then 99: every cell keeps its value through the rescale.
    let s = scheme(0, "renormalize");
    let header: Vec<String> = ["employee", "period", "attendance"].map(String::from).to_vec();
    let cols = vec![
        ColumnIn::Text(vec![Some("A".into()), Some("B".into()), Some("C".into()), Some("D".into())]),
        ColumnIn::Text(vec![Some("2026-01".into()); 4]),
        ColumnIn::Float(vec![98.5, 97.25, 99.0, 96.999_999]),
    ];
    let frame = s.score_columns(&header, &cols).unwrap();
    // attendance bands (higher better): >= 99 -> 100, >= 97 -> 90, >= 95 -> 80; it is the only
    // indicator given, so the basic-work category is its score.
    let cat = |r: usize| frame.row(&s, r)[4].clone();
    assert_eq!(cat(0), Cell::Number(Decimal::new(9000, 2)));
    assert_eq!(cat(1), Cell::Number(Decimal::new(9000, 2)));
    assert_eq!(cat(2), Cell::Number(Decimal::new(10000, 2)));
    assert_eq!(cat(3), Cell::Number(Decimal::new(8000, 2)));
}
