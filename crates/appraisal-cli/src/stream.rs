//! Streaming for big inputs: JSON Lines or CSV in, JSON Lines or CSV out, in chunks scored on
//! all cores, so memory does not grow with the input. A progress bar (bytes read of the input
//! file, records scored, rate) goes to stderr only when stderr is a terminal.

use crate::columnar::{Render, Rendered, Sink};
use crate::{report_errors_from, table, Picker};
use appraisal::fast::Frame;
use appraisal::{ingest, wide};
use appraisal::{BatchEntry, CsvChunk, CsvChunks, Scheme, WideLayout};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::{BufReader, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

const CHUNK: usize = 4096;
/// A chunk is also cut at this many bytes of input, so that memory stays bounded whatever the
/// records' size (300 records of 10,000 ratings are 160 MB of JSON).
const CHUNK_BYTES: usize = 8 << 20;

/// The input kind for streaming, when the input is JSON Lines or CSV.
pub fn kind_of(path: &str, format: Option<&str>) -> Option<&'static str> {
    let ext = std::path::Path::new(path).extension().and_then(|x| x.to_str()).unwrap_or("").to_ascii_lowercase();
    match format.map(str::to_ascii_lowercase).unwrap_or(ext).as_str() {
        "jsonl" | "ndjson" => Some("jsonl"),
        "csv" => Some("csv"),
        "parquet" | "pq" => Some("parquet"),
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
pub fn progress_bar(size: Option<u64>) -> ProgressBar {
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

/// One input record of the streaming `score`: read already (a CSV row), or a JSON Lines line
/// and its number, read by the worker that scores it.
pub(crate) enum Rec {
    Item(wide::Item),
    Line(ingest::Line, usize),
}

fn score_chunk(pick: &Picker, chunk: &[Rec]) -> Vec<BatchEntry> {
    let item = |it: &wide::Item| match it {
        Ok(r) => pick.score(r).1,
        Err(_) => pick.schemes[0].score_item(it),
    };
    chunk
        .par_iter()
        .map(|rec| match rec {
            Rec::Item(it) => item(it),
            Rec::Line(line, n) => {
                // One scheme for every record: the line's text read straight into the record
                // when the core's text reader takes it; otherwise parsed and checked.
                if let (false, ingest::Line::Text(bytes)) = (pick.by_role, line) {
                    if let Some(entry) = ingest::utf8(bytes).ok().and_then(|t| pick.schemes[0].score_text_fast(t)) {
                        return entry;
                    }
                }
                item(&ingest::jsonl_record(line, *n).map_err(|e| vec![e]))
            }
        })
        .collect()
}

type Input = (BufReader<Counting<Box<dyn Read + Send>>>, Arc<AtomicU64>, Option<u64>);

/// The input (a file or stdin), counting the bytes read, and its size when known.
fn open(path: &str) -> Result<Input, ExitCode> {
    let (reader, size): (Box<dyn Read + Send>, Option<u64>) = if path == "-" {
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
    let reader = BufReader::with_capacity(1 << 20, Counting { inner: reader, read: Arc::clone(&read) });
    Ok((reader, read, size))
}

/// A chunk of input for the table path: CSV rows, or JSON Lines with their line numbers.
enum Chunk {
    Csv(CsvChunk),
    Lines(Vec<(ingest::Line, usize)>),
}

impl Chunk {
    /// Scores the chunk (parsing JSON Lines here, on the worker) and renders it.
    fn score(
        &self,
        scheme: &Scheme,
        layout: Option<&WideLayout>,
        render: &Render,
    ) -> (Result<Rendered, String>, Frame) {
        let frame = match (self, layout) {
            (Chunk::Csv(c), Some(l)) => scheme.score_csv_chunk(l, c),
            (Chunk::Lines(lines), _) => {
                let items: Vec<wide::Item> =
                    lines.iter().map(|(line, n)| ingest::jsonl_record(line, *n).map_err(|e| vec![e])).collect();
                scheme.score_items_frame(&items)
            }
            (Chunk::Csv(_), None) => scheme.score_items_frame(&[]),
        };
        (render.frame(scheme, &frame), frame)
    }
}

/// Reads JSON Lines into chunks (a line's JSON is parsed later, on a worker); `send` returns
/// false when the receiver has gone.
fn read_lines(reader: impl std::io::BufRead, mut send: impl FnMut(Chunk) -> bool) -> std::io::Result<()> {
    let mut lines = ingest::Lines::new(reader, appraisal::number::limits::RECORD_BYTES);
    let (mut n, mut bytes) = (0usize, 0usize);
    let mut chunk = Vec::with_capacity(CHUNK);
    while let Some(line) = lines.next_line()? {
        n += 1;
        if matches!(&line, ingest::Line::Text(t) if t.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        if let ingest::Line::Text(t) = &line {
            bytes += t.len();
        }
        chunk.push((line, n));
        if chunk.len() == CHUNK || bytes >= CHUNK_BYTES {
            if !send(Chunk::Lines(std::mem::take(&mut chunk))) {
                return Ok(());
            }
            bytes = 0;
        }
    }
    if !chunk.is_empty() {
        send(Chunk::Lines(chunk));
    }
    Ok(())
}

/// CSV or JSON Lines in, CSV (or Parquet with `output`) out, one scheme: a reader thread cuts the input into chunks while
/// the workers score earlier ones on the fast exact table path (several chunks at once) and
/// the results are written in input order; a bounded queue keeps a few chunks in memory at a
/// time, whatever the input's size.
pub fn score_columnar(
    scheme: &Scheme,
    path: &str,
    kind: &str,
    output: Option<&str>,
    out: &mut dyn Write,
) -> Result<ExitCode, ExitCode> {
    let (reader, read, size) = open(path)?;
    let bar = progress_bar(size);
    let window = rayon::current_num_threads().max(1) * 2;
    let (mut done, mut any_error) = (0usize, false);
    // The header first (its errors stop everything before any row is read).
    let source = if kind == "jsonl" {
        Err(reader)
    } else {
        Ok(CsvChunks::new(scheme, reader).map_err(|e| {
            for i in &e {
                eprintln_safe!("error: {} at {}: {}", i.code, i.path, i.message);
            }
            ExitCode::from(2)
        })?)
    };
    let layout = source.as_ref().ok().map(|c| c.layout().clone());
    let (mut sink, render) = Sink::open(scheme, output, out)?;
    let mut write_error = None;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk>(window);
    let read_error = std::thread::scope(|scope| {
        let reading = scope.spawn(move || match source {
            Ok(mut rows) => {
                while let Some(c) = rows.next_chunk(CHUNK, CHUNK_BYTES) {
                    if tx.send(Chunk::Csv(c)).is_err() {
                        break;
                    }
                }
                Ok(())
            }
            Err(reader) => read_lines(reader, |c| tx.send(c).is_ok()),
        });
        let mut pending: Vec<Chunk> = Vec::with_capacity(window);
        // A window of chunks: wait for one, then take what is already there.
        while let Ok(c) = rx.recv() {
            pending.push(c);
            while pending.len() < window {
                match rx.try_recv() {
                    Ok(c) => pending.push(c),
                    Err(_) => break,
                }
            }
            let scored: Vec<(Result<Rendered, String>, Frame)> =
                pending.par_iter().map(|c| c.score(scheme, layout.as_ref(), &render)).collect();
            pending.clear();
            for (rendered, frame) in scored {
                if let Err(e) = rendered.and_then(|r| sink.write(r)) {
                    write_error = Some(e);
                    break;
                }
                any_error |= crate::columnar::report(&frame, done);
                done += frame.len();
            }
            if write_error.is_some() {
                break;
            }
            bar.set_position(read.load(Ordering::Relaxed));
            bar.set_message(format!("{done} records scored"));
        }
        reading.join().unwrap_or(Ok(()))
    });
    if let Err(e) = read_error {
        eprintln_safe!("error: cannot read {path}: {e}");
        return Err(ExitCode::from(2));
    }
    if let Some(e) = write_error.or_else(|| sink.finish().err()) {
        eprintln_safe!("error: cannot write the results: {e}");
        return Err(ExitCode::from(2));
    }
    bar.finish_with_message(format!("{done} records scored"));
    Ok(if any_error { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Scores `path` chunk by chunk, writing each entry as soon as its chunk is done.
pub fn score(pick: &Picker, path: &str, kind: &str, csv_out: bool, out: &mut dyn Write) -> Result<ExitCode, ExitCode> {
    let (reader, read, size) = open(path)?;
    let bar = progress_bar(size);
    let mut done = 0usize;
    let mut any_error = false;
    let first = &pick.schemes[0];
    if csv_out {
        let _ = writeln!(out, "{}", table::csv_header(first));
    }
    let mut emit = |chunk: &[Rec], out: &mut dyn Write, done: &mut usize| {
        let entries = score_chunk(pick, chunk);
        // Each entry's text written by the workers too; the lines in input order.
        let lines: Vec<String> = entries
            .par_iter()
            .map(|e| if csv_out { table::csv_row(first, e) } else { appraisal::entry_to_json(e) })
            .collect();
        for l in &lines {
            let _ = writeln!(out, "{l}");
        }
        any_error |= report_errors_from(&entries, *done);
        *done += entries.len();
        bar.set_position(read.load(Ordering::Relaxed));
        bar.set_message(format!("{done} records scored"));
    };
    let mut chunk: Vec<Rec> = Vec::with_capacity(CHUNK);
    if kind == "jsonl" {
        // Lines capped at the record limit: an endless or huge line is skipped, not held.
        let mut lines = ingest::Lines::new(reader, appraisal::number::limits::RECORD_BYTES);
        let mut n = 0usize;
        let mut bytes = 0usize;
        while let Some(line) = lines.next_line().map_err(|e| {
            eprintln_safe!("error: cannot read {path}: {e}");
            ExitCode::from(2)
        })? {
            n += 1;
            if matches!(&line, ingest::Line::Text(t) if t.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            if let ingest::Line::Text(t) = &line {
                bytes += t.len();
            }
            chunk.push(Rec::Line(line, n));
            if chunk.len() == CHUNK || bytes >= CHUNK_BYTES {
                emit(&chunk, out, &mut done);
                chunk.clear();
                bytes = 0;
            }
        }
    } else {
        let rows = wide::read_csv(|role: Option<&str>| pick.for_role(role), reader).map_err(|e| {
            for i in &e {
                eprintln_safe!("error: {} at {}: {}", i.code, i.path, i.message);
            }
            ExitCode::from(2)
        })?;
        for item in rows {
            chunk.push(Rec::Item(item));
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
