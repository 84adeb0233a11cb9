//! Reading records: a JSON array (or one object), JSON Lines, or the wide layout (CSV, xlsx).

use appraisal::{ingest, wide, Scheme};
use serde_json::Value;
use std::io::Read;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

fn fail(msg: String) -> ExitCode {
    eprintln_safe!("error: {msg}");
    ExitCode::from(2)
}

/// Largest input read whole (a JSON array); JSON Lines and CSV are read a line at a time.
pub const INPUT_BYTES: usize = 256 << 20;

/// Set when an input record could not be read; the exit code is then at least 1.
pub static BAD_INPUT: AtomicBool = AtomicBool::new(false);

pub use appraisal::wide::Item;

fn read_all(path: Option<&str>) -> Result<Vec<u8>, ExitCode> {
    match path {
        Some("-") => {
            let mut b = Vec::new();
            let cap = u64::try_from(INPUT_BYTES).unwrap_or(u64::MAX).saturating_add(1);
            std::io::stdin().take(cap).read_to_end(&mut b).map_err(|e| fail(format!("cannot read stdin: {e}")))?;
            if b.len() > INPUT_BYTES {
                return Err(fail(format!("limit_exceeded: input may have at most {INPUT_BYTES} bytes")));
            }
            Ok(b)
        }
        Some(p) => ingest::read_capped(std::path::Path::new(p), INPUT_BYTES, "an input file")
            .map_err(|e| fail(format!("{}: {}", e.code, e.message))),
        None => Ok(crate::SAMPLE_CENTRE.as_bytes().to_vec()),
    }
}

/// The input kind: the format given, else the file's extension (stdin and the sample: jsonl).
pub fn kind(path: Option<&str>, format: Option<&str>) -> String {
    match (path, format) {
        (_, Some(f)) => f.to_ascii_lowercase(),
        (Some(p), None) if p != "-" => {
            std::path::Path::new(p).extension().and_then(|x| x.to_str()).unwrap_or("").to_ascii_lowercase()
        }
        _ => "jsonl".into(),
    }
}

/// Reads every record of the input (the sample centre when `path` is `None`): one item per
/// record, in input order; a record that cannot be read is an item with its error.
pub fn read_items<'a>(
    pick: &dyn Fn(Option<&str>) -> &'a Scheme,
    path: Option<&str>,
    format: Option<&str>,
) -> Result<Vec<Item>, ExitCode> {
    let kind = kind(path, format);
    if !matches!(kind.as_str(), "json" | "jsonl" | "ndjson" | "csv" | "xlsx") {
        return Err(fail(format!(
            "unknown input format {kind:?}; use .json, .jsonl, .csv or .xlsx, or --input-format"
        )));
    }
    let mut bytes = read_all(path)?;
    if kind == "xlsx" {
        // The first worksheet in the wide layout (headers as ids or the scheme's zh/en names),
        // read as the wide CSV below.
        bytes = appraisal::record::xlsx::xlsx_to_wide_csv(pick(None), &bytes)
            .map_err(|e| fail(format!("{}: {}", e.code, e.message)))?
            .into_bytes();
    }
    match kind.as_str() {
        "json" => {
            let text = ingest::utf8(&bytes).map_err(|e| fail(format!("input: {}", e.message)))?;
            let v = ingest::parse_json(text).map_err(|e| fail(format!("input: {}", e.message)))?;
            Ok(match v {
                Value::Array(a) => a.into_iter().map(Ok).collect(),
                other => vec![Ok(other)],
            })
        }
        "jsonl" | "ndjson" => {
            let mut lines = ingest::Lines::new(&bytes[..], appraisal::number::limits::RECORD_BYTES);
            let mut out = Vec::new();
            let mut n = 0usize;
            while let Some(line) = lines.next_line().map_err(|e| fail(format!("cannot read input: {e}")))? {
                n += 1;
                if matches!(&line, ingest::Line::Text(t) if t.iter().all(u8::is_ascii_whitespace)) {
                    continue;
                }
                out.push(ingest::jsonl_record(&line, n).map_err(|e| vec![e]));
            }
            Ok(out)
        }
        _ => match wide::read_csv(pick, &bytes[..]) {
            Ok(rows) => Ok(rows.collect()),
            Err(e) => Err(fail(
                e.iter().map(|i| format!("{} at {}: {}", i.code, i.path, i.message)).collect::<Vec<_>>().join("; "),
            )),
        },
    }
}

/// The records that could be read; each one that could not is reported on stderr (and the
/// exit code becomes 1), nothing is dropped silently.
pub fn read_records<'a>(
    pick: &dyn Fn(Option<&str>) -> &'a Scheme,
    path: Option<&str>,
    format: Option<&str>,
) -> Result<Vec<Value>, ExitCode> {
    let items = read_items(pick, path, format)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Ok(v) => out.push(v),
            Err(errors) => {
                BAD_INPUT.store(true, Ordering::Relaxed);
                for e in errors {
                    eprintln_safe!("record {}: {} at {}: {}", i + 1, e.code, e.path, e.message);
                }
            }
        }
    }
    Ok(out)
}

/// Reads a context CSV: an `employee` column and decimal columns (compa_ratio, base_bonus, …).
pub fn read_context(
    text: Option<&str>,
    keys: &[String],
) -> Result<std::collections::HashMap<String, std::collections::BTreeMap<String, rust_decimal::Decimal>>, ExitCode> {
    let Some(text) = text else { return Ok(Default::default()) };
    appraisal::history::context_csv(text, keys).map_err(|e| {
        for i in &e {
            eprintln_safe!("error: context CSV: {} at {}: {}", i.code, i.path, i.message);
        }
        ExitCode::from(2)
    })
}
