//! Reading records: a JSON array (or one object), JSON Lines, or the wide CSV layout.

use appraisal::wide::record_from_wide;
use appraisal::Scheme;
use serde_json::Value;
use std::io::Read;
use std::process::ExitCode;

fn fail(msg: String) -> ExitCode {
    eprintln_safe!("error: {msg}");
    ExitCode::from(2)
}

/// Reads every record of the input (the sample centre when `path` is `None`).
pub fn read_records<'a>(
    pick: &dyn Fn(Option<&str>) -> &'a Scheme,
    path: Option<&str>,
    format: Option<&str>,
) -> Result<Vec<Value>, ExitCode> {
    let (text, kind) = match path {
        None => (crate::SAMPLE_CENTRE.to_string(), "jsonl".to_string()),
        Some("-") => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).map_err(|e| fail(format!("cannot read stdin: {e}")))?;
            (s, format.unwrap_or("jsonl").to_string())
        }
        Some(p) => {
            let s = std::fs::read_to_string(p).map_err(|e| fail(format!("cannot read {p}: {e}")))?;
            let ext = std::path::Path::new(p).extension().and_then(|x| x.to_str()).unwrap_or("").to_ascii_lowercase();
            (s, format.map(str::to_string).unwrap_or(ext))
        }
    };
    match kind.as_str() {
        "json" => {
            let v: Value = serde_json::from_str(&text).map_err(|e| fail(format!("input is not JSON: {e}")))?;
            Ok(match v {
                Value::Array(a) => a,
                other => vec![other],
            })
        }
        "jsonl" | "ndjson" => {
            let mut out = Vec::new();
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                // A line that is not JSON still becomes an entry, so the batch reports it.
                out.push(serde_json::from_str(line).unwrap_or_else(|e| {
                    eprintln_safe!("line {}: not JSON ({e}); reported as a bad record", i + 1);
                    Value::String(line.to_string())
                }));
            }
            Ok(out)
        }
        "csv" => {
            let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
            let headers: Vec<String> =
                rdr.headers().map_err(|e| fail(format!("bad CSV header: {e}")))?.iter().map(str::to_string).collect();
            let mut out = Vec::new();
            for row in rdr.records() {
                let row = row.map_err(|e| fail(format!("bad CSV row: {e}")))?;
                let cells: Vec<&str> = row.iter().collect();
                let role = headers.iter().position(|h| h.trim() == "role").and_then(|i| cells.get(i)).map(|c| c.trim());
                let scheme = pick(role.filter(|r| !r.is_empty()));
                out.push(record_from_wide(scheme, &headers, &cells));
            }
            Ok(out)
        }
        other => Err(fail(format!("unknown input format {other:?}; use .json, .jsonl or .csv, or --input-format"))),
    }
}

/// Reads a context CSV: an `employee` column and decimal columns (compa_ratio, base_bonus, …).
pub fn read_context(
    text: Option<&str>,
) -> Result<std::collections::HashMap<String, std::collections::BTreeMap<String, rust_decimal::Decimal>>, ExitCode> {
    let mut out = std::collections::HashMap::new();
    let Some(text) = text else { return Ok(out) };
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers: Vec<String> =
        rdr.headers().map_err(|e| fail(format!("bad context CSV: {e}")))?.iter().map(str::to_string).collect();
    let Some(emp) = headers.iter().position(|h| h == "employee") else {
        return Err(fail("the context CSV needs an \"employee\" column".into()));
    };
    for row in rdr.records() {
        let row = row.map_err(|e| fail(format!("bad context CSV row: {e}")))?;
        let mut m = std::collections::BTreeMap::new();
        for (i, cell) in row.iter().enumerate() {
            if i == emp {
                continue;
            }
            if let Ok(d) = appraisal::number::parse_decimal(cell.trim()) {
                m.insert(headers[i].clone(), d);
            }
        }
        out.insert(row.get(emp).unwrap_or("").to_string(), m);
    }
    Ok(out)
}
