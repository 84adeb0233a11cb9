//! Streaming for big inputs: JSON Lines or CSV in, JSON Lines or CSV out, in chunks scored on
//! all cores, so memory does not grow with the input. A progress bar (bytes read of the input
//! file, records scored, rate) goes to stderr only when stderr is a terminal.

use crate::{report_errors_from, table, Picker};
use appraisal::wide::record_from_wide;
use appraisal::BatchEntry;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

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

/// Counts the bytes read through it, for the progress bar.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A bar over the input's bytes when its size is known (a file), a spinner otherwise (stdin);
/// hidden unless stderr is a terminal.
fn progress_bar(size: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match size {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{bar:30} {percent:>3}% {msg} [{elapsed_precise}, ~{eta} left]")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {msg} [{elapsed_precise}]")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_message("0 records scored");
    bar
}

fn score_chunk(pick: &Picker, chunk: &[Value]) -> Vec<BatchEntry> {
    chunk.par_iter().map(|r| pick.score(r).1).collect()
}

/// Scores `path` chunk by chunk, writing each entry as soon as its chunk is done.
pub fn score(pick: &Picker, path: &str, kind: &str, csv_out: bool, out: &mut impl Write) -> Result<ExitCode, ExitCode> {
    let (reader, size): (Box<dyn Read>, Option<u64>) = if path == "-" {
        (Box::new(std::io::stdin()), None)
    } else {
        let f = std::fs::File::open(path).map_err(|e| {
            eprintln_safe!("error: cannot read {path}: {e}");
            ExitCode::from(2)
        })?;
        let size = f.metadata().ok().map(|m| m.len());
        (Box::new(f), size)
    };
    let read = Arc::new(AtomicU64::new(0));
    let mut reader = BufReader::with_capacity(1 << 20, Counting { inner: reader, read: Arc::clone(&read) });
    let bar = progress_bar(size);
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
        bar.set_position(read.load(Ordering::Relaxed));
        bar.set_message(format!("{done} records scored"));
    };
    let mut chunk: Vec<Value> = Vec::with_capacity(CHUNK);
    if kind == "jsonl" {
        let mut line = String::new();
        loop {
            line.clear();
            let n = reader.read_line(&mut line).map_err(|e| {
                eprintln_safe!("error: cannot read {path}: {e}");
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
                eprintln_safe!("error: bad CSV header: {e}");
                ExitCode::from(2)
            })?
            .iter()
            .map(str::to_string)
            .collect();
        let role_col = headers.iter().position(|h| h.trim() == "role");
        for row in rdr.records() {
            let row = row.map_err(|e| {
                eprintln_safe!("error: bad CSV row: {e}");
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
    bar.finish_with_message(format!("{done} records scored"));
    let _ = out.flush();
    Ok(if any_error { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
