//! Streaming for big inputs: JSON Lines or CSV in, JSON Lines or CSV out, in chunks scored on
//! all cores, so memory does not grow with the input. A progress count goes to stderr only
//! when stderr is a terminal.

use crate::{report_errors_from, table, Picker};
use appraisal::wide::record_from_wide;
use appraisal::BatchEntry;
use rayon::prelude::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::process::ExitCode;

const CHUNK: usize = 4096;

/// The input kind for streaming, when the input is JSON Lines or CSV.
pub fn kind_of(path: &str, format: Option<&str>) -> Option<&'static str> {
    let ext = std::path::Path::new(path).extension().and_then(|x| x.to_str()).unwrap_or("").to_ascii_lowercase();
    match format.map(str::to_ascii_lowercase).unwrap_or(ext).as_str() {
        "jsonl" | "ndjson" => Some("jsonl"),
        "csv" => Some("csv"),
        _ if path == "-" && format.is_none() => Some("jsonl"),
        _ => None,
    }
}

fn score_chunk(pick: &Picker, chunk: &[Value]) -> Vec<BatchEntry> {
    chunk.par_iter().map(|r| pick.score(r).1).collect()
}

/// Scores `path` chunk by chunk, writing each entry as soon as its chunk is done.
pub fn score(pick: &Picker, path: &str, kind: &str, csv_out: bool, out: &mut impl Write) -> Result<ExitCode, ExitCode> {
    let reader: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| {
            eprintln!("error: cannot read {path}: {e}");
            ExitCode::from(2)
        })?)
    };
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let progress = std::io::stderr().is_terminal();
    let mut done = 0usize;
    let mut any_error = false;
    let first = &pick.schemes[0];
    if csv_out {
        let _ = writeln!(out, "{}", table::csv_header(first));
    }
    let mut emit = |chunk: &[Value], out: &mut dyn Write, done: &mut usize| {
        let entries = score_chunk(pick, chunk);
        for e in &entries {
            let _ = if csv_out {
                writeln!(out, "{}", table::csv_row(first, e))
            } else {
                writeln!(out, "{}", appraisal::entry_to_json(e))
            };
        }
        any_error |= report_errors_from(&entries, *done);
        *done += entries.len();
        if progress {
            eprint!("\r{done} records scored");
        }
    };
    let mut chunk: Vec<Value> = Vec::with_capacity(CHUNK);
    if kind == "jsonl" {
        let mut line = String::new();
        loop {
            line.clear();
            let n = reader.read_line(&mut line).map_err(|e| {
                eprintln!("error: cannot read {path}: {e}");
                ExitCode::from(2)
            })?;
            if n == 0 {
                break;
            }
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            chunk.push(serde_json::from_str(t).unwrap_or_else(|_| Value::String(t.to_string())));
            if chunk.len() == CHUNK {
                emit(&chunk, out, &mut done);
                chunk.clear();
            }
        }
    } else {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let headers: Vec<String> = rdr
            .headers()
            .map_err(|e| {
                eprintln!("error: bad CSV header: {e}");
                ExitCode::from(2)
            })?
            .iter()
            .map(str::to_string)
            .collect();
        let role_col = headers.iter().position(|h| h.trim() == "role");
        for row in rdr.records() {
            let row = row.map_err(|e| {
                eprintln!("error: bad CSV row: {e}");
                ExitCode::from(2)
            })?;
            let cells: Vec<&str> = row.iter().collect();
            let role = role_col.and_then(|i| cells.get(i)).map(|c| c.trim()).filter(|r| !r.is_empty());
            chunk.push(record_from_wide(pick.for_role(role), &headers, &cells));
            if chunk.len() == CHUNK {
                emit(&chunk, out, &mut done);
                chunk.clear();
            }
        }
    }
    if !chunk.is_empty() {
        emit(&chunk, out, &mut done);
    }
    if progress {
        eprintln!();
    }
    let _ = out.flush();
    Ok(if any_error { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
