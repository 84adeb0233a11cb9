//! Score one agent with the built-in CSR scheme and print the explanation.
//! Run: `cargo run -p appraisal-examples --example score_one`

use appraisal::{builtin_scheme, explain, Record};
use rust_decimal::Decimal;
use std::str::FromStr;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scheme = builtin_scheme("csr")?;
    let d = |s: &str| Decimal::from_str(s);
    let record = Record::new("E1001", "2026-Q3")
        .role("csr")
        .value("attendance", d("98.5")?)
        .value("task_completion", d("93")?)
        .value("timeliness", d("84")?)
        .value("qa_score", d("88.5")?)
        .sample("qa_score", 8)
        .value("aht", d("365")?)
        .rating("communication", "supervisor", "M01", Some("4".into()))
        .rating("communication", "peer", "P07", Some("5".into()))
        .rating("communication", "peer", "P09", Some("4".into()))
        .value("csat", d("91.2")?)
        .sample("csat", 46)
        .value("complaints", d("0")?)
        .value("fcr", d("80.1")?)
        .value("escalation_time", d("6.5")?)
        .value("feedback_closure", d("96")?)
        .event("commendation", 1);
    let (card, text) = explain(&scheme, &record.to_value(), "en")?;
    println!("{text}");
    println!("{}", serde_json::to_string_pretty(&card)?);
    Ok(())
}
