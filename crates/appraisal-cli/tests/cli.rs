//! The command line: the main job, output formats, exit codes, CSV input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_appraisal")).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

fn tmp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("appraisal-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn appendix_scheme() -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/appendix.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    doc["scheme"].to_string()
}

#[test]
fn main_job_scores_the_sample_centre() {
    let out = run(&["score"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("Employee"));
    assert!(s.contains("40 records"));
    // The sample's fixed incidents show up in the notes.
    assert!(s.contains("veto: serious_complaint; capped from"));
    assert!(s.contains("veto: low_attendance"));
    assert!(s.contains("N/A: csat (insufficient sample)"));
    assert!(s.contains("N/A: qa_score (missing value)"));
}

#[test]
fn appendix_example_as_json_and_exit_codes() {
    let scheme = tmp("appendix-scheme.json", &appendix_scheme());
    let good = r#"{"employee": "E1001", "period": "2026-Q3", "role": "csr", "values": {"attendance": "98.5", "task_completion": 93}, "samples": {}, "ratings": {"communication": [{"group": "supervisor", "rater": "M01", "value": "4"}, {"group": "peer", "rater": "P07", "value": "5"}, {"group": "peer", "rater": "P09", "value": "4"}]}, "events": {"commendation": 1}}"#;
    let bad = r#"{"employee": "E1002", "period": "2026-Q3", "values": {"attendence": 99}}"#;
    let input = tmp("records.jsonl", &format!("{good}\n{bad}\n{good}\n"));
    let out = run(&["score", "--scheme", scheme.to_str().unwrap(), input.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 3);
    // Hand-worked in SPEC's Appendix: base 84.30, +2, total 86.30, grade A.
    assert_eq!(a[0]["base"], "84.30");
    assert_eq!(a[0]["total"], "86.30");
    assert_eq!(a[0]["grade"], "A");
    assert_eq!(a[1]["errors"][0]["code"], "unknown_indicator");
    assert_eq!(a[1]["errors"][0]["path"], "values.attendence");
    assert_eq!(a[2]["total"], "86.30");
    assert!(text(&out.stderr).contains("unknown_indicator at values.attendence"));

    let out = run(&["score", "--scheme", scheme.to_str().unwrap(), input.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(text(&out.stdout).lines().count(), 3);
}

#[test]
fn wide_csv_input_gives_the_same_result() {
    let scheme = tmp("appendix-scheme2.json", &appendix_scheme());
    let csv = "employee,period,attendance,task_completion,ratings.communication,events.commendation\n\
               E1001,2026-Q3,98.5,93,supervisor:M01=4; peer:P07=5; peer:P09=4,1\n\
               E1003,2026-Q3,99,,supervisor:M01=5,\n";
    let input = tmp("records.csv", csv);
    let out = run(&["score", "--scheme", scheme.to_str().unwrap(), input.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    let lines: Vec<&str> = s.lines().collect();
    // Text fields always quoted (RFC 4180), numbers bare, nothing (no errors) empty.
    assert_eq!(
        lines[0],
        r#""employee","period","status","coverage","basic_work","service_quality","base","adjustment_total","total","natural_grade","grade","vetoes","errors""#
    );
    assert_eq!(lines[1], r#""E1001","2026-Q3","complete",100.00,72.50,87.25,84.30,2,86.30,"A","A","","#);
    // E1003: attendance 99 -> 100; task N/A; basic 100.00; communication: supervisor 5 -> 100, peer drops;
    // base = (20*100 + 80*100)/100 = 100.00; coverage = 20*50/100 + 80 = 90.00.
    assert_eq!(lines[2], r#""E1003","2026-Q3","complete",90.00,100.00,100.00,100.00,0,100.00,"S","S","","#);
}

#[test]
fn invalid_scheme_exits_2_and_validate_lists_every_problem() {
    let mut v: serde_json::Value = serde_json::from_str(&appendix_scheme()).unwrap();
    v["categories"][0]["weight"] = "30".into();
    v["grades"][4]["min"] = "5".into();
    let p = tmp("bad-scheme.json", &v.to_string());
    let out = run(&["validate", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let s = text(&out.stdout);
    assert!(s.contains("2 problem(s)"), "{s}");
    assert!(s.contains("weights_sum") && s.contains("categories"));
    assert!(s.contains("grades_order") && s.contains("grades[4].min"));
    let out = run(&["score", "--scheme", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["score", "--builtin", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["score", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["validate", "--builtin", "account_manager"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn explain_and_schemes() {
    let out = run(&["explain", "--employee", "CS1029"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    assert!(s.contains("FIRED"), "{s}");
    assert!(s.contains("vetoed"));
    let out = run(&["explain", "--lang", "zh"]);
    assert!(text(&out.stdout).contains("出勤率"));
    let out = run(&["schemes"]);
    let s = text(&out.stdout);
    for n in ["csr", "tech_support", "account_manager"] {
        assert!(s.contains(n));
    }
}

#[test]
fn distribute_the_sample_centre() {
    let out = run(&["distribute"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    // 40 CSRs: S at most ceil(40 * 10%) = 4, S+A at most 12, D at least floor(40 * 5%) = 2.
    assert!(s.contains("max S 10%: limit 4, now 4"), "{s}");
    assert!(s.contains("max S+A 30%: limit 12, now 12"));
    assert!(s.contains("min D 5%: limit 2, now 2"));
    let out = run(&["distribute", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(v["population"], 40);
    assert_eq!(v["people"].as_array().unwrap().len(), 40);
}

#[test]
fn whatif_for_one_agent() {
    let out = run(&["whatif", "--employee", "CS1002", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(v["target"], "A");
    let answers = v["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 13);
    // every reachable answer reaches the target when scored forward (checked in the core's tests);
    // here: at least one indicator can lift a B to an A and the 360 ones cannot be changed alone
    assert!(answers.iter().any(|a| a["outcome"] == "reachable" && a["grade"] == "A"));
    assert!(answers.iter().filter(|a| a["outcome"] == "not_applicable").count() >= 2);
    let out = run(&["whatif", "--employee", "CS1002", "--target", "Z"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn rollup_and_apply_on_the_sample() {
    let out = run(&["rollup", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 40);
    // each rolled total is the rounded mean of the three quarterly totals (checked against `score`)
    let q3: serde_json::Value =
        serde_json::from_str(&text(&run(&["score", "--builtin", "csr", "--format", "json"]).stdout)).unwrap();
    assert_eq!(q3[0]["employee"], rows[0]["employee"]);
    let out = run(&["apply", "--format", "json", "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let apps: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(apps.as_array().unwrap().len(), 40);
    // CS1022 had a serious complaint in Q3 (grade capped to C): coefficient 0.8 and the compliance refresher
    let a = apps.as_array().unwrap().iter().find(|a| a["employee"] == "CS1022").unwrap();
    assert_eq!(a["grade"], "C");
    assert_eq!(a["bonus_coefficient"]["value"], "0.8");
    assert!(a["training"].as_array().unwrap().iter().any(|t| t["topic"] == "服务规范与合规复训"));
}

#[test]
fn forms_blank_and_filled() {
    let out = run(&["form", "--builtin", "csr", "--format", "markdown", "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    assert!(s.starts_with("# 绩效考核表"));
    for name in ["出勤率", "平均处理时长", "客户满意度", "反馈闭环率"] {
        assert!(s.contains(name), "{name}");
    }
    assert!(s.contains("员工签字") && s.contains("____"));
    let out = run(&[
        "form",
        "--builtin",
        "csr",
        "--record",
        &format!("{}/../../examples/data/sample-centre-2026-Q3.jsonl", env!("CARGO_MANIFEST_DIR")),
        "--employee",
        "CS1029",
    ]);
    let s = text(&out.stdout);
    assert!(s.starts_with("<!doctype html>"));
    assert!(s.contains("<b>78.97</b>"), "CS1029's total (see the sample table in the README)");
    assert!(s.contains("@page { size: A4"));
}

#[test]
fn streaming_is_silent_on_stderr_when_it_is_not_a_terminal() {
    // The progress bar is drawn only on a terminal; a pipe (as here, and in scripts) gets
    // nothing but the scorecards on stdout.
    let sample = format!("{}/../../examples/data/sample-centre-2026-Q3.jsonl", env!("CARGO_MANIFEST_DIR"));
    let out = run(&["score", &sample, "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    assert_eq!(text(&out.stdout).lines().count(), 60);
}

#[test]
fn saved_results_are_distributed_rolled_up_and_applied() {
    // Issue 12: results scored yesterday (score --format jsonl / json) give the same
    // distribution, roll-up and outcomes as scoring the records again; results of another
    // scheme are refused by digest.
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data");
    let mut saved = Vec::new();
    for (q, fmt) in [("Q1", "jsonl"), ("Q2", "json"), ("Q3", "jsonl")] {
        let input = data.join(format!("sample-centre-2026-{q}.jsonl"));
        let out = run(&["score", "--builtin", "csr", input.to_str().unwrap(), "--format", fmt]);
        saved.push(tmp(&format!("saved-{q}.{fmt}"), &text(&out.stdout)));
    }
    let q3 = data.join("sample-centre-2026-Q3.jsonl");
    let fresh = run(&["distribute", "--builtin", "csr", q3.to_str().unwrap(), "--format", "json"]);
    let stored = run(&["distribute", "--builtin", "csr", "--results", saved[2].to_str().unwrap(), "--format", "json"]);
    assert_eq!(text(&stored.stdout), text(&fresh.stdout), "{}", text(&stored.stderr));
    assert!(text(&fresh.stdout).contains("\"people\""));
    let files: Vec<String> = ["Q1", "Q2", "Q3"]
        .iter()
        .map(|q| data.join(format!("sample-centre-2026-{q}.jsonl")).to_str().unwrap().to_string())
        .collect();
    let fresh = run(&["rollup", "--builtin", "csr", &files[0], &files[1], &files[2], "--format", "json"]);
    let stored = run(&[
        "rollup",
        "--builtin",
        "csr",
        "--results",
        saved[0].to_str().unwrap(),
        saved[1].to_str().unwrap(),
        saved[2].to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(text(&stored.stdout), text(&fresh.stdout), "{}", text(&stored.stderr));
    let fresh = run(&[
        "apply",
        "--builtin",
        "csr",
        &files[2],
        "--history",
        &files[0],
        "--history",
        &files[1],
        "--format",
        "json",
    ]);
    let stored = run(&[
        "apply",
        "--builtin",
        "csr",
        "--results",
        saved[2].to_str().unwrap(),
        "--history",
        saved[0].to_str().unwrap(),
        "--history",
        saved[1].to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(text(&stored.stdout), text(&fresh.stdout), "{}", text(&stored.stderr));
    // Another scheme's results: refused with the path of each.
    let other =
        run(&["distribute", "--builtin", "tech_support", "--results", saved[2].to_str().unwrap(), "--format", "json"]);
    assert_ne!(other.status.code(), Some(0));
    assert!(text(&other.stderr).contains("invalid_value at results[0].scheme"), "{}", text(&other.stderr));
}

#[test]
fn json_lines_read_from_text_give_the_entries_of_the_parsed_records() {
    // With one scheme, a JSON Lines line is read straight from its text when the core's text
    // reader takes it (issue 14): the entries must be those of the same records given as a
    // JSON array (parsed into values and checked), hostile lines included.
    let sample = format!("{}/../../examples/data/sample-centre-2026-Q3.jsonl", env!("CARGO_MANIFEST_DIR"));
    let mut lines: Vec<serde_json::Value> = std::fs::read_to_string(&sample)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The same records without their 360 ratings (the shape the text reader takes), and
    // hostile variants of the first one.
    let plain: Vec<serde_json::Value> = lines
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.as_object_mut().unwrap().remove("ratings");
            r
        })
        .collect();
    lines.extend(plain.clone());
    let hostile = [
        ("/employee", serde_json::json!(" E1 ")),
        ("/values/attendance", serde_json::json!(101)),
        ("/values/attendance", serde_json::json!("98.5")),
        ("/values/attendance", serde_json::json!(" 98.5")),
        ("/values/attendance", serde_json::json!(true)),
        ("/values/aht", serde_json::json!(-1)),
        ("/events/commendation", serde_json::json!(1.5)),
        ("/period", serde_json::Value::Null),
    ];
    for (at, v) in hostile {
        let mut r = plain[0].clone();
        if let Some(slot) = r.pointer_mut(at) {
            *slot = v;
        }
        lines.push(r);
    }
    let jsonl: String = lines.iter().map(|r| format!("{r}\n")).collect();
    let array = serde_json::Value::Array(lines.clone()).to_string();
    let a = tmp("text-reader.jsonl", &jsonl);
    let b = tmp("text-reader.json", &array);
    let from_lines = run(&["score", "--builtin", "csr", a.to_str().unwrap(), "--format", "jsonl"]);
    let from_array = run(&["score", "--builtin", "csr", b.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(text(&from_lines.stdout), text(&from_array.stdout));
    assert_eq!(text(&from_lines.stdout).lines().count(), lines.len());
    assert_eq!(from_lines.status.code(), Some(1));
    // Not vacuous: the plain records are scored, the hostile ones are errors.
    let out = text(&from_lines.stdout);
    assert!(out.lines().filter(|l| l.contains("\"errors\"")).count() >= 7, "{out}");
    assert!(out.lines().filter(|l| l.contains("\"grade\"")).count() >= 40);
}

#[test]
fn reliability_table_and_json() {
    // The hand-worked corpus vector (tests/vectors/reliability.json), through the CLI.
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/reliability.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let scheme = tmp("calib-scheme.json", &doc["scheme"].to_string());
    let records = tmp("calib-records.json", &doc["records"].to_string());
    let (s, r) = (scheme.to_str().unwrap(), records.to_str().unwrap());
    let out = run(&["reliability", "--scheme", s, r, "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got, doc["expected"]);
    // The readable table, en and zh: comm's alphas (1/3, 0.708333, 50/78) and ICC (60/72, 2 units).
    let out = run(&["reliability", "--scheme", s, r]);
    let t = text(&out.stdout);
    assert!(t.contains("Inter-rater reliability") && t.contains("0.3333") && t.contains("0.7083"), "{t}");
    assert!(t.contains("0.8333 (2)"), "{t}");
    let t = text(&run(&["reliability", "--scheme", s, r, "--lang", "zh", "--dp", "2"]).stdout);
    assert!(t.contains("评分者一致性") && t.contains("0.33") && t.contains("0.69 (3)"), "{t}");
    // dp beyond 12: a coded error, exit 2.
    let out = run(&["reliability", "--scheme", s, r, "--dp", "13"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("invalid_value"));
    // The sample centre by default: its two 360-rated indicators.
    let out = run(&["reliability", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> =
        got["indicators"].as_array().unwrap().iter().map(|i| i["indicator"].as_str().unwrap()).collect();
    assert_eq!(ids, ["communication", "service_attitude"]);
}

#[test]
fn calibrate_the_bundled_sample_and_a_file() {
    // The bundled QA sample (examples/data/calibration-2026-01.jsonl, qa_form): the generator's
    // harsh QA02 and lenient QA04 are flagged, the fair ones are not.
    let out = run(&["calibrate", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flags: Vec<(String, serde_json::Value)> = got["evaluators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["evaluator"].as_str().unwrap().to_string(), e["flag"].clone()))
        .collect();
    let want = [("QA01", None), ("QA02", Some("strict")), ("QA03", None), ("QA04", Some("lenient")), ("QA05", None)];
    assert_eq!(flags.len(), want.len());
    for ((id, flag), (wid, wflag)) in flags.iter().zip(want) {
        assert_eq!((id.as_str(), flag.as_str()), (wid, wflag));
    }
    let t = text(&run(&["calibrate", "--lang", "zh"]).stdout);
    assert!(t.contains("校准") && t.contains("最严：QA02") && t.contains("最松：QA04"), "{t}");
    // The hand-worked corpus vector through files: entries as JSON Lines, a config file, and a
    // line that is not JSON (listed as that entry's error; the rest still count; exit 1).
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/calibration.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let scheme = tmp("cal-scheme.json", &doc["scheme"].to_string());
    let lines: Vec<String> = doc["entries"].as_array().unwrap().iter().map(|e| e.to_string()).collect();
    let entries = tmp("cal-entries.jsonl", &lines.join("\n"));
    let cfg = tmp("cal-config.json", &doc["config"].to_string());
    let (s, e, c) = (scheme.to_str().unwrap(), entries.to_str().unwrap(), cfg.to_str().unwrap());
    let out = run(&["calibrate", "--scheme", s, e, "--config", c, "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got, doc["expected"]);
    let broken = tmp("cal-broken.jsonl", &format!("{}\n{{not json\n", lines.join("\n")));
    let out = run(&["calibrate", "--scheme", s, broken.to_str().unwrap(), "--config", c, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["failures"][0]["errors"][0]["code"], "invalid_json");
    assert_eq!(got["evaluators"], doc["expected"]["evaluators"]);
    // A bad configuration: a coded error, exit 2.
    let bad = tmp("cal-bad-config.json", r#"{"confidence": "0.97"}"#);
    let out = run(&["calibrate", "--scheme", s, e, "--config", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("invalid_value at confidence"), "{}", text(&out.stderr));
}

#[test]
fn leniency_of_the_rater_pool_sample() {
    let pool = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/rater-pool-2026-Q3.jsonl");
    let out = run(&["leniency", "--builtin", "csr", pool.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flagged: Vec<(String, String)> = got["raters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["flag"].is_null())
        .map(|r| (r["rater"].as_str().unwrap().to_string(), r["flag"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(flagged, [("P04".to_string(), "lenient".to_string()), ("P08".to_string(), "severe".to_string())]);
    let t = text(&run(&["leniency", "--builtin", "csr", pool.to_str().unwrap(), "--lang", "zh"]).stdout);
    assert!(t.contains("评分人宽严") && t.contains("偏松") && t.contains("偏严"), "{t}");
    let bad = tmp("len-bad.json", r#"{"min_ratings": "many"}"#);
    let out = run(&["leniency", "--builtin", "csr", pool.to_str().unwrap(), "--config", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn correct_writes_marked_records_that_score_and_say_so() {
    // The hand-worked vector through the CLI: the same report, the corrected records written.
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/correction-z-score.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let scheme = tmp("corr-scheme.json", &doc["scheme"].to_string());
    let records = tmp("corr-records.json", &doc["records"].to_string());
    let config = tmp("corr-config.json", &doc["config"].to_string());
    let written = std::env::temp_dir().join(format!("appraisal-cli-corrected-{}.jsonl", std::process::id()));
    let (s, r, c, w) =
        (scheme.to_str().unwrap(), records.to_str().unwrap(), config.to_str().unwrap(), written.to_str().unwrap());
    let out = run(&["correct", "--scheme", s, r, "--config", c, "--format", "json", "-o", w]);
    // E4 fails its check: reported on stderr, exit 1, and still written back unchanged.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("unknown_rater_group"));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got, doc["expected"]);
    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(&written).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(serde_json::Value::Array(lines), doc["expected"]["records"]);
    // The written records score, and the scorecards say they were corrected: E1 (76.43 + 84.26
    // + 84.26) / 3 = 81.65.
    let out = run(&["score", "--scheme", s, w, "--format", "json"]);
    let cards: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cards[0]["total"], "81.65");
    assert_eq!(cards[0]["rating_correction"], serde_json::json!({"method": "z_score", "ratings": 3}));
    let t = text(&run(&["score", "--scheme", s, w]).stdout);
    assert!(t.contains("ratings corrected (z-score, 3 ratings)"), "{t}");
    // The sample pool: the table in zh, supervisors' pools too small, the method from the flag.
    let pool = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/rater-pool-2026-Q3.jsonl");
    let t = text(
        &run(&["correct", "--builtin", "csr", pool.to_str().unwrap(), "--lang", "zh", "--method", "z_score"]).stdout,
    );
    assert!(t.contains("标准分") && t.contains("评分人池太小") && t.contains("已校正 240 条评分"), "{t}");
    let out = run(&["correct", "--builtin", "csr", pool.to_str().unwrap(), "--method", "guess"]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_file(written);
}

#[test]
fn shrink_writes_values_that_score_and_show_both() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/shrinkage.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let scheme = tmp("shr-scheme.json", &doc["scheme"].to_string());
    let records = tmp("shr-records.json", &doc["records"].to_string());
    let roster = tmp("shr-roster.csv", "employee,team\nE1,North\nE2,North\nE3,South\n");
    let written = std::env::temp_dir().join(format!("appraisal-cli-shrunk-{}.jsonl", std::process::id()));
    let (s, r, w) = (scheme.to_str().unwrap(), records.to_str().unwrap(), written.to_str().unwrap());
    let out = run(&["shrink", "--scheme", s, r, "--roster", roster.to_str().unwrap(), "--format", "json", "-o", w]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr)); // E5 is out of range
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got, doc["expected"]);
    // E1's scorecard: csat 76.15 scores 40.38 (75.00 raw); the note shows both.
    let t = text(&run(&["score", "--scheme", s, w]).stdout);
    assert!(t.contains("csat shrunk toward the team mean: 90 → 76.15 (score 75.00 → 40.38)"), "{t}");
    // The example scheme on the sample centre, in zh; the built-in csr declares none.
    let ex = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/schemes/csr-shrinkage.json");
    let roster = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/roster.csv");
    let out = run(&["shrink", "--scheme", ex.to_str().unwrap(), "--roster", roster.to_str().unwrap(), "--lang", "zh"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.contains("向团队均值收缩") && t.contains("先验权重 30 份") && t.contains("North"), "{t}");
    let t = text(&run(&["shrink", "--builtin", "csr"]).stdout);
    assert!(t.contains("off by default"), "{t}");
    let bad = tmp("shr-bad-roster.csv", "employee,name\nE1,x\n");
    assert_eq!(run(&["shrink", "--scheme", s, r, "--roster", bad.to_str().unwrap()]).status.code(), Some(2));
    let _ = std::fs::remove_file(written);
}

#[test]
fn a_declared_uncertainty_shows_on_the_scorecards() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/grade_uncertain.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let scheme = tmp("gu-scheme.json", &doc["scheme"].to_string());
    let records = tmp("gu-records.json", &doc["records"].to_string());
    let (s, r) = (scheme.to_str().unwrap(), records.to_str().unwrap());
    // E1: [46.60, 89.13] around 75.00 crosses A at 80 (the vector's arithmetic).
    let t = text(&run(&["score", "--scheme", s, r]).stdout);
    assert!(t.contains("grade uncertain: the total's 95% interval [46.60, 89.13] crosses A ≥ 80"), "{t}");
    assert_eq!(t.matches("grade uncertain").count(), 1, "{t}");
    let t = text(&run(&["score", "--scheme", s, r, "--lang", "zh"]).stdout);
    assert!(t.contains("等级不确定"), "{t}");
    let cards: serde_json::Value =
        serde_json::from_slice(&run(&["score", "--scheme", s, r, "--format", "json"]).stdout).unwrap();
    assert_eq!(cards[0]["grade_uncertain"], doc["expected"][0]["grade_uncertain"]);
    assert!(cards[2].get("grade_uncertain").is_none());
}

#[test]
fn uncertainty_of_the_hand_worked_vector_and_the_sample() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/uncertainty.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let scheme = tmp("unc-scheme.json", &doc["scheme"].to_string());
    let records = tmp("unc-records.json", &doc["records"].to_string());
    let (s, r) = (scheme.to_str().unwrap(), records.to_str().unwrap());
    let out = run(&["uncertainty", "--scheme", s, r, "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got, doc["expected"]);
    // The table marks E1 (75.00, B; [46.60, 89.13] crosses A at 80), not E2.
    let t = text(&run(&["uncertainty", "--scheme", s, r]).stdout);
    assert!(t.contains("[46.60, 89.13]") && t.contains("yes (A ≥ 80)"), "{t}");
    let t = text(&run(&["uncertainty", "--scheme", s, r, "--lang", "zh"]).stdout);
    assert!(t.contains("是（A ≥ 80）"), "{t}");
    // The sample centre by default: every record with CSAT and its sample size is listed.
    let out = run(&["uncertainty", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}
