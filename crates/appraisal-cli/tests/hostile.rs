//! Issue 11: hostile and careless input through the command line. Each test failed on the
//! main before the fixes; expected values worked out by hand from SPEC.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use arrow_array::Array;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_appraisal")).args(args).stdin(Stdio::null()).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

/// A new file per call (tests run in parallel: a shared name would be rewritten under a
/// reader's feet).
fn tmp(name: &str, content: &[u8]) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("appraisal-hostile-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

/// A one-category scheme: attendance (direct), ratings (direct, one group), grades A ≥ 60.
fn scheme() -> PathBuf {
    tmp(
        "scheme.json",
        br#"{"format": "appraisal-scheme/1", "id": "h", "version": "1", "name": "H", "period": "quarter",
        "effective": {"from": "2026-01-01"},
        "categories": [{"id": "c", "name": "C", "weight": 100, "indicators": [
          {"id": "x", "name": "X", "kind": "quantitative", "unit": "score", "source": "t", "weight": 50, "rubric": {"type": "direct"}},
          {"id": "r", "name": "R", "kind": "qualitative", "unit": "score", "source": "t", "weight": 50, "rubric": {"type": "direct"},
           "raters": {"groups": [{"id": "peer", "weight": 100}]}}]}],
        "grades": [{"id": "A", "min": 60}, {"id": "D", "min": 0}]}"#,
    )
}

fn rec(emp: &str, period: &str, x: &str) -> String {
    format!(
        r#"{{"employee": "{emp}", "period": "{period}", "values": {{"x": "{x}"}}, "ratings": {{"r": [{{"group": "peer", "rater": "P1", "value": "{x}"}}]}}}}"#
    )
}

fn score(input: &std::path::Path, format: &str) -> Output {
    run(&["score", "--scheme", scheme().to_str().unwrap(), input.to_str().unwrap(), "--format", format])
}

#[test]
fn an_oversized_record_is_one_error_and_the_others_are_scored() {
    // 11.5: a 2 MiB line is rejected before it is parsed; the neighbours score 70.00.
    let big = format!(r#"{{"employee": "BIG", "period": "P", "values": {{"x": "{}"}}}}"#, "9".repeat(2 << 20));
    let input = tmp("big.jsonl", format!("{}\n{big}\n{}\n", rec("E1", "P", "70"), rec("E2", "P", "70")).as_bytes());
    for fmt in ["json", "jsonl"] {
        let out = score(&input, fmt);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let s = text(&out.stdout);
        let v: Vec<serde_json::Value> = if fmt == "json" {
            serde_json::from_str(&s).unwrap()
        } else {
            s.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
        };
        assert_eq!(v.len(), 3);
        assert_eq!(v[0]["total"], "70.00");
        assert_eq!(v[1]["errors"][0]["code"], "limit_exceeded", "{s}");
        assert_eq!(v[2]["total"], "70.00");
    }
}

#[test]
fn endless_files_stop_at_the_cap() {
    // 11.6: /dev/zero as a scheme or as input ends with limit_exceeded / an error, not GBs.
    let out = run(&["score", "--scheme", "/dev/zero", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("limit_exceeded"), "{}", text(&out.stderr));
    let out = run(&["validate", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&[
        "score",
        "--scheme",
        scheme().to_str().unwrap(),
        "/dev/zero",
        "--input-format",
        "jsonl",
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[test]
fn csv_output_cannot_run_formulas_or_forge_rows() {
    // 11.8: ids starting with = + - @, a bare CR, a quote and a comma.
    let lines = [
        rec("=HYPERLINK(\\\"x\\\")", "P", "70"),
        rec("+1", "P", "70"),
        rec("-2", "P", "70"),
        rec("@A1", "P", "70"),
        rec("a\\rb,c", "P", "70"),
    ];
    let input = tmp("formula.jsonl", lines.join("\n").as_bytes());
    let out = score(&input, "csv");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    let mut rdr = csv::ReaderBuilder::new().from_reader(s.as_bytes());
    let ids: Vec<String> = rdr.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert_eq!(ids, ["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@A1", "a\rb,c"], "{s}");
    for line in s.split('\n').skip(1).filter(|l| !l.is_empty()) {
        assert!(line.starts_with('"'), "every text field quoted: {line:?}");
    }
    assert!(s.starts_with("\"employee\",\"period\""), "header quoted");
}

#[test]
fn terminal_output_shows_control_characters() {
    // 11.9: ESC sequences in ids never reach the terminal raw (table, stderr, whatif, validate).
    let input = tmp(
        "esc.jsonl",
        format!("{}\n{}\n", rec("\\u001b[2JE1", "P", "70"), rec("\\u001b]0;pwned\\u0007", "P", "700")).as_bytes(),
    );
    let out = score(&input, "table");
    let (o, e) = (text(&out.stdout), text(&out.stderr));
    assert!(!o.contains('\u{1b}') && !e.contains('\u{1b}') && !e.contains('\u{7}'), "{o:?} {e:?}");
    assert!(o.contains("\\x1b[2JE1"), "{o}");
    let out =
        run(&["whatif", "--scheme", scheme().to_str().unwrap(), input.to_str().unwrap(), "--employee", "\u{1b}[2JE1"]);
    assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
    let bad = tmp("bad-scheme.json", "{\"format\": \"appraisal-scheme/1\", \"id\": \"\u{1b}[31m\"}".as_bytes());
    let out = run(&["validate", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
}

#[test]
fn rollup_rejects_conflicting_and_repeated_inputs() {
    // 11.11: E1 twice in Q1 with different values; Q2 given twice. Only E2 rolls up:
    // (60 + 80) / 2 = 70.00.
    let q1 = tmp(
        "q1.jsonl",
        format!("{}\n{}\n{}\n", rec("E1", "2026-Q1", "60"), rec("E1", "2026-Q1", "90"), rec("E2", "2026-Q1", "60"))
            .as_bytes(),
    );
    let q2 = tmp("q2.jsonl", format!("{}\n{}\n", rec("E1", "2026-Q2", "80"), rec("E2", "2026-Q2", "80")).as_bytes());
    let s = scheme();
    let out = run(&[
        "rollup",
        "--scheme",
        s.to_str().unwrap(),
        q1.to_str().unwrap(),
        q2.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("duplicate_id at periods[0][1].employee"), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["employee"], "E2");
    assert_eq!(v[0]["total"], "70.00");
    let out = run(&[
        "rollup",
        "--scheme",
        s.to_str().unwrap(),
        q2.to_str().unwrap(),
        q2.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_ne!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("duplicate_id"), "{}", text(&out.stderr));
}

#[test]
fn apply_takes_only_earlier_periods_as_history() {
    // 11.12: the current period (or a later one) as history is an error; a bad history
    // record makes the exit code 1.
    let cur = tmp("cur.jsonl", rec("E1", "2026-Q3", "50").as_bytes());
    let same = tmp("same.jsonl", rec("E1", "2026-Q3", "50").as_bytes());
    let later = tmp("later.jsonl", rec("E1", "2026-Q4", "50").as_bytes());
    let bad = tmp(
        "badhist.jsonl",
        format!(
            "{}\n{{\"employee\": \"E1\", \"period\": \"2026-Q1\", \"values\": {{\"x\": \"abc\"}}}}\n",
            rec("E2", "2026-Q1", "50")
        )
        .as_bytes(),
    );
    let s = scheme();
    for h in [&same, &later] {
        let out = run(&[
            "apply",
            "--scheme",
            s.to_str().unwrap(),
            cur.to_str().unwrap(),
            "--history",
            h.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert!(text(&out.stderr).contains("history[0].period"), "{}", text(&out.stderr));
    }
    let out = run(&[
        "apply",
        "--scheme",
        s.to_str().unwrap(),
        cur.to_str().unwrap(),
        "--history",
        bad.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("unparsable_number"), "{}", text(&out.stderr));
}

#[test]
fn distribute_counts_each_employee_once() {
    // 11.13: E1 twice is an error, not two places in the quotas.
    let input = tmp(
        "dist.jsonl",
        format!("{}\n{}\n{}\n", rec("E1", "P", "90"), rec("E1", "P", "90"), rec("E2", "P", "50")).as_bytes(),
    );
    let out = run(&["distribute", "--scheme", scheme().to_str().unwrap(), input.to_str().unwrap()]);
    assert_ne!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("duplicate_id at results[1].employee"), "{}", text(&out.stderr));
}

#[test]
fn careless_csv_and_json_are_reported_not_guessed() {
    // 11.14: a rating without '=' (was an abstention: 80 instead of 60), duplicate columns,
    // extra cells, duplicate JSON keys.
    let s = scheme();
    let csv = tmp("r.csv", b"employee,period,x,ratings.r\nE1,P,60,peer:P1 40\nE2,P,60,peer:P1=60\n");
    let out = run(&["score", "--scheme", s.to_str().unwrap(), csv.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["errors"][0]["path"], "ratings.r[0]");
    assert_eq!(v[1]["total"], "60.00");
    let dup = tmp("dup.csv", b"employee,period,x,x\nE1,P,60,90\n");
    let out = run(&["score", "--scheme", s.to_str().unwrap(), dup.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("duplicate_id at columns[3]"), "{}", text(&out.stderr));
    let extra = tmp("extra.csv", b"employee,period,x\nE1,P,60,90\nE2,P,70\n");
    let out = run(&["score", "--scheme", s.to_str().unwrap(), extra.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["errors"][0]["path"], "columns[3]");
    // E2 is read: x = 70, its ratings absent (N/A) → renormalised to 70.00.
    assert_eq!(v[1]["total"], "70.00", "{v}");
    let keys = tmp("keys.jsonl", br#"{"employee": "E1", "period": "P", "values": {"x": "40", "x": "90"}}"#);
    let out = score(&keys, "json");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["errors"][0]["code"], "invalid_json");
    assert!(v[0]["errors"][0]["message"].as_str().unwrap().contains("duplicate key \"x\""));
}

#[test]
fn unreadable_lines_boms_and_gbk_bytes() {
    // 11.17: a line that is not JSON is invalid_json (not "found string"); a BOM is accepted;
    // a GBK byte sequence spoils only its own record.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(rec("E1", "P", "70").as_bytes());
    bytes.extend(b"\nnot json\n{\"employee\": \"\xD5\xC5\xC8\xFD\", \"period\": \"P\"}\n");
    bytes.extend(rec("E2", "P", "80").as_bytes());
    let input = tmp("mixed.jsonl", &bytes);
    let out = score(&input, "json");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["total"], "70.00");
    assert_eq!(v[1]["errors"][0]["code"], "invalid_json");
    assert!(v[1]["errors"][0]["message"].as_str().unwrap().starts_with("line 2:"));
    assert_eq!(v[2]["errors"][0]["code"], "invalid_json");
    assert!(v[2]["errors"][0]["message"].as_str().unwrap().contains("not UTF-8"));
    assert_eq!(v[3]["total"], "80.00");
    let mut csv = b"\xEF\xBB\xBFemployee,period,x,ratings.r\nE1,P,60,peer:P1=60\n".to_vec();
    csv.extend(b"\xD5\xC5,P,60,peer:P1=60\nE3,P,80,peer:P1=80\n");
    let input = tmp("gbk.csv", &csv);
    let out = score(&input, "json");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["total"], "60.00");
    assert_eq!(v[1]["errors"][0]["code"], "invalid_json");
    assert_eq!(v[2]["total"], "80.00");
}

/// Reads CSV output into rows of (employee, status, total, grade, errors).
fn csv_rows(out: &[u8]) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(out);
    let h = rdr.headers().unwrap().clone();
    let at = |name: &str| h.iter().position(|x| x == name).unwrap();
    let (e, s, t, g, x) = (at("employee"), at("status"), at("total"), at("grade"), at("errors"));
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            [e, s, t, g, x].iter().map(|&k| r[k].to_string()).collect()
        })
        .collect()
}

#[test]
fn the_columnar_csv_path_keeps_every_row_in_place_across_chunks() {
    // Issue 14: CSV → CSV on the table path, 10,000 rows in several chunks scored at once;
    // hostile rows in the middle (GBK bytes, a bad number, too many cells, a broken rating)
    // keep their place with their errors, and every good row has its hand-worked total:
    // x and the one rating equal, so the total is x (two decimals).
    let mut csv = b"employee,period,x,ratings.r\n".to_vec();
    for i in 0..10_000 {
        let x = i % 101;
        match i {
            4095 => csv.extend(b"\xD5\xC5,P,60,peer:P1=60\n"),
            4096 => csv.extend(b"E4096,P,abc,peer:P1=60\n"),
            8191 => csv.extend(b"E8191,P,60,peer:P1=60,extra\n"),
            9000 => csv.extend(b"E9000,P,60,peer:P1 60\n"),
            _ => csv.extend(format!("E{i},P,{x},peer:P1={x}\n").as_bytes()),
        }
    }
    let input = tmp("many.csv", &csv);
    let out = score(&input, "csv");
    assert_eq!(out.status.code(), Some(1));
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 10_000);
    for (i, r) in rows.iter().enumerate() {
        match i {
            4095 => assert!(r[4].starts_with("invalid_json at employee"), "{r:?}"),
            4096 => assert_eq!(r[4], "unparsable_number at values.x"),
            8191 => assert_eq!(r[4], "invalid_value at columns[4]"),
            9000 => assert_eq!(r[4], "invalid_value at ratings.r[0]"),
            _ => {
                assert_eq!((r[0].as_str(), r[1].as_str()), (format!("E{i}").as_str(), "complete"));
                assert_eq!(r[2], format!("{}.00", i % 101));
                assert_eq!(r[3], if i % 101 >= 60 { "A" } else { "D" });
            }
        }
    }
    // Reported on stderr with their record numbers (from 1).
    let err = text(&out.stderr);
    for n in [4096, 4097, 8192, 9001] {
        assert!(err.contains(&format!("record {n} ")), "{n}: {err}");
    }
    // JSON Lines in, CSV out: the same rows as the same records read from CSV.
    let jsonl: String = (0..300).map(|i| rec(&format!("E{i}"), "P", &(i % 101).to_string()) + "\n").collect();
    let out = score(&tmp("few.jsonl", jsonl.as_bytes()), "csv");
    assert_eq!(out.status.code(), Some(0));
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 300);
    assert_eq!(rows[150][2], "49.00");
    // An unterminated quote at the end is read as the CSV reader reads it, the same on both
    // paths: the quoted rest is the period, x is absent, so E2 is incomplete.
    let broken = tmp("broken.csv", b"employee,period,x,ratings.r\nE1,P,60,peer:P1=60\nE2,\"P,60\n");
    let rows = csv_rows(&score(&broken, "csv").stdout);
    let v: serde_json::Value = serde_json::from_slice(&score(&broken, "json").stdout).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0][2].as_str(), rows[1][1].as_str()), ("60.00", "incomplete"));
    assert_eq!((v[0]["total"].as_str(), v[1]["status"].as_str()), (Some("60.00"), Some("incomplete")));
}

#[test]
fn parquet_in_and_out_give_the_csv_paths_rows() {
    // Issue 14.2: CSV → Parquet → CSV gives byte for byte the CSV → CSV result, bad rows in
    // place; JSON Lines → Parquet likewise; Parquet needs --output and one scheme.
    let mut csv = b"employee,period,x,ratings.r\n".to_vec();
    for i in 0..5_000 {
        if i == 2500 {
            csv.extend(b"E2500,P,abc,peer:P1=60\n");
        } else {
            csv.extend(format!("E{i},P,{},peer:P1={}\n", i % 101, (i * 7) % 101).as_bytes());
        }
    }
    let input = tmp("p.csv", &csv);
    let direct = score(&input, "csv");
    let pq = input.with_extension("parquet");
    let s = scheme();
    let out = run(&[
        "score",
        "--scheme",
        s.to_str().unwrap(),
        input.to_str().unwrap(),
        "--format",
        "parquet",
        "-o",
        pq.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("record 2501 "), "{}", text(&out.stderr));
    // The result file read back: Decimal128(38, 2) totals equal to the CSV's, errors in place.
    let f = std::fs::File::open(&pq).unwrap();
    let batches: Vec<arrow_array::RecordBatch> =
        parquet::arrow::arrow_reader::ParquetRecordBatchReader::try_new(f, 1 << 20)
            .unwrap()
            .map(|b| b.unwrap())
            .collect();
    let want = csv_rows(&direct.stdout);
    let mut r = 0;
    for b in &batches {
        let total = b.column_by_name("total").unwrap();
        assert_eq!(total.data_type(), &arrow_schema::DataType::Decimal128(38, 2));
        let total = total.as_any().downcast_ref::<arrow_array::Decimal128Array>().unwrap();
        let errors =
            b.column_by_name("errors").unwrap().as_any().downcast_ref::<arrow_array::LargeStringArray>().unwrap();
        for i in 0..b.num_rows() {
            let t = if total.is_null(i) { String::new() } else { total.value_as_string(i) };
            let e = if errors.is_null(i) { "" } else { errors.value(i) };
            assert_eq!((t.as_str(), e), (want[r][2].as_str(), want[r][4].as_str()), "row {r}");
            r += 1;
        }
    }
    assert_eq!(r, 5_000);
    // A wide table given as Parquet (text and integer columns): the CSV path's rows, byte for
    // byte.
    let (mut e, mut p, mut x, mut rr) = (vec![], vec![], vec![], vec![]);
    for line in std::str::from_utf8(&csv).unwrap().lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        e.push(c[0].to_string());
        p.push(c[1].to_string());
        x.push(c[2].to_string());
        rr.push(c[3].to_string());
    }
    let xs: Vec<Option<i64>> = x.iter().map(|v| v.parse().ok()).collect();
    let batch = arrow_array::RecordBatch::try_from_iter(vec![
        ("employee", std::sync::Arc::new(arrow_array::StringArray::from(e)) as arrow_array::ArrayRef),
        ("period", std::sync::Arc::new(arrow_array::StringArray::from(p))),
        ("x", std::sync::Arc::new(arrow_array::StringArray::from(x))),
        ("ratings.r", std::sync::Arc::new(arrow_array::StringArray::from(rr))),
    ])
    .unwrap();
    let wide = input.with_file_name("wide.parquet");
    let mut w =
        parquet::arrow::ArrowWriter::try_new(std::fs::File::create(&wide).unwrap(), batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let back = run(&["score", "--scheme", s.to_str().unwrap(), wide.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(back.status.code(), Some(1));
    assert_eq!(text(&back.stdout), text(&direct.stdout));
    // The same numbers as integers (the bad cell a null: absent, so that row is scored).
    let ints = arrow_array::RecordBatch::try_from_iter(vec![
        ("employee", batch.column(0).clone()),
        ("period", batch.column(1).clone()),
        ("x", std::sync::Arc::new(arrow_array::Int64Array::from(xs)) as arrow_array::ArrayRef),
        ("ratings.r", batch.column(3).clone()),
    ])
    .unwrap();
    let mut w =
        parquet::arrow::ArrowWriter::try_new(std::fs::File::create(&wide).unwrap(), ints.schema(), None).unwrap();
    w.write(&ints).unwrap();
    w.close().unwrap();
    let back = run(&["score", "--scheme", s.to_str().unwrap(), wide.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(back.status.code(), Some(0), "{}", text(&back.stderr));
    let rows = csv_rows(&back.stdout);
    assert_eq!(rows[2499], want[2499]);
    assert_eq!(rows[2500][1], "complete");
    // JSON Lines → Parquet.
    let jsonl: String = (0..300).map(|i| rec(&format!("E{i}"), "P", &(i % 101).to_string()) + "\n").collect();
    let jl = tmp("p.jsonl", jsonl.as_bytes());
    let pq2 = jl.with_extension("parquet");
    let out = run(&[
        "score",
        "--scheme",
        s.to_str().unwrap(),
        jl.to_str().unwrap(),
        "--format",
        "parquet",
        "--output",
        pq2.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::metadata(&pq2).unwrap().len() > 100);
    let no_out = run(&["score", "--scheme", s.to_str().unwrap(), input.to_str().unwrap(), "--format", "parquet"]);
    assert_eq!(no_out.status.code(), Some(2));
    assert!(text(&no_out.stderr).contains("--output"));
    let two = run(&["score", wide.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(two.status.code(), Some(2), "{}", text(&two.stderr));
}
