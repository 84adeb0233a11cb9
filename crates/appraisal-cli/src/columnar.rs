//! Columnar output and Parquet: where the table path's frames go (CSV text or Parquet record
//! batches, rendered on the workers), and Parquet input read batch by batch. Only plumbing:
//! the rows, their layout and the Arrow schema come from the core.

use crate::stream::progress_bar;
use appraisal::fast::Frame;
use appraisal::score::columns;
use appraisal::Scheme;
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use rayon::prelude::*;
use std::io::Write;
use std::process::ExitCode;

/// Rows per Parquet batch read.
const BATCH: usize = 16_384;

/// How frames are rendered (shared by the workers).
pub enum Render {
    Csv,
    Parquet(SchemaRef),
}

/// A rendered frame.
pub enum Rendered {
    Csv(String),
    Batch(RecordBatch),
}

/// Where the rendered frames are written, in input order.
pub enum Sink<'a> {
    Csv(&'a mut dyn Write),
    Parquet(Box<ArrowWriter<std::fs::File>>),
}

impl Render {
    pub fn frame(&self, scheme: &Scheme, frame: &Frame) -> Result<Rendered, String> {
        match self {
            Render::Csv => {
                let mut text = String::with_capacity(frame.len() * 256);
                frame.write_csv(scheme, &mut text);
                Ok(Rendered::Csv(text))
            }
            Render::Parquet(schema) => frame.to_arrow(scheme, schema).map(Rendered::Batch).map_err(|e| {
                e.iter().map(|i| format!("{} at {}: {}", i.code, i.path, i.message)).collect::<Vec<_>>().join("; ")
            }),
        }
    }
}

impl Sink<'_> {
    /// The sink for `output` (a Parquet file) or the CSV stream `out`, with the header
    /// written.
    pub fn open<'a>(
        scheme: &Scheme,
        output: Option<&str>,
        out: &'a mut dyn Write,
    ) -> Result<(Sink<'a>, Render), ExitCode> {
        match output {
            Some(path) => {
                let schema = scheme.arrow_result_schema(false);
                let file = std::fs::File::create(path).map_err(|e| {
                    eprintln_safe!("error: cannot write {path}: {e}");
                    ExitCode::from(2)
                })?;
                let props = parquet::file::properties::WriterProperties::builder()
                    .set_compression(parquet::basic::Compression::SNAPPY)
                    .build();
                let w = ArrowWriter::try_new(file, schema.clone(), Some(props)).map_err(|e| {
                    eprintln_safe!("error: cannot write {path}: {e}");
                    ExitCode::from(2)
                })?;
                Ok((Sink::Parquet(Box::new(w)), Render::Parquet(schema)))
            }
            None => {
                let _ = writeln!(out, "{}", columns::csv_header(scheme));
                Ok((Sink::Csv(out), Render::Csv))
            }
        }
    }

    pub fn write(&mut self, r: Rendered) -> Result<(), String> {
        match (self, r) {
            (Sink::Csv(out), Rendered::Csv(text)) => out.write_all(text.as_bytes()).map_err(|e| e.to_string()),
            (Sink::Parquet(w), Rendered::Batch(b)) => w.write(&b).map_err(|e| e.to_string()),
            _ => Err("internal: output kinds differ".into()),
        }
    }

    pub fn finish(self) -> Result<(), String> {
        match self {
            Sink::Csv(out) => out.flush().map_err(|e| e.to_string()),
            Sink::Parquet(w) => w.close().map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}

/// Reports a frame's bad rows on stderr (numbered from `done`); whether there were any.
pub fn report(frame: &Frame, done: usize) -> bool {
    let mut any = false;
    for r in 0..frame.len() {
        if let Some((employee, period, errors)) = frame.failure(r) {
            any = true;
            crate::report_failure(done + r, employee, period, errors);
        }
    }
    any
}

/// Scores a Parquet file in the wide layout, a window of batches at a time on all cores, into
/// CSV on `out` or the Parquet file `output`.
pub fn score_parquet(
    scheme: &Scheme,
    path: &str,
    output: Option<&str>,
    out: &mut dyn Write,
) -> Result<ExitCode, ExitCode> {
    let fail = |e: &dyn std::fmt::Display| {
        eprintln_safe!("error: cannot read {path}: {e}");
        ExitCode::from(2)
    };
    let file = std::fs::File::open(path).map_err(|e| fail(&e))?;
    let size = file.metadata().ok().map(|m| m.len());
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| fail(&e))?;
    let rows = u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
    let schema = builder.schema().clone();
    let reader = builder.with_batch_size(BATCH).build().map_err(|e| fail(&e))?;
    let bar = progress_bar(size.map(|_| rows));
    let (mut sink, render) = Sink::open(scheme, output, out)?;
    let window = rayon::current_num_threads().max(1) * 2;
    let (mut done, mut any_error) = (0usize, false);
    let mut pending: Vec<RecordBatch> = Vec::with_capacity(window);
    let mut reader = reader.peekable();
    while reader.peek().is_some() {
        pending.clear();
        while pending.len() < window {
            match reader.next() {
                Some(b) => pending.push(b.map_err(|e| fail(&e))?),
                None => break,
            }
        }
        let frames = scheme.score_arrow_frames(&schema, &pending).map_err(|e| {
            for i in &e {
                eprintln_safe!("error: {} at {}: {}", i.code, i.path, i.message);
            }
            ExitCode::from(2)
        })?;
        let rendered: Vec<Result<Rendered, String>> = frames.par_iter().map(|f| render.frame(scheme, f)).collect();
        for (frame, r) in frames.iter().zip(rendered) {
            let r = r.map_err(|e| fail(&e))?;
            sink.write(r).map_err(|e| fail(&e))?;
            any_error |= report(frame, done);
            done += frame.len();
        }
        bar.set_position(done as u64);
        bar.set_message(format!("{done} records scored"));
    }
    sink.finish().map_err(|e| fail(&e))?;
    bar.finish_with_message(format!("{done} records scored"));
    Ok(if any_error { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The columnar routes of `score`: CSV, JSON Lines or Parquet in, CSV or Parquet out, on the
/// table path; `None` when the request is not one of them (tables, JSON, several schemes).
pub fn dispatch(
    pick: &crate::Picker,
    input: Option<&str>,
    input_format: Option<&str>,
    format: crate::args::Format,
    output: Option<&str>,
    out: &mut dyn Write,
) -> Option<Result<ExitCode, ExitCode>> {
    use crate::args::Format;
    if matches!(format, Format::Parquet | Format::Xlsx) && output.is_none() {
        eprintln_safe!("error: --format parquet and xlsx write a file: give it with --output FILE");
        return Some(Err(ExitCode::from(2)));
    }
    if output.is_some() && !matches!(format, Format::Parquet | Format::Xlsx) {
        eprintln_safe!("error: --output is for --format parquet and xlsx; other formats go to standard output");
        return Some(Err(ExitCode::from(2)));
    }
    let (path, kind) = match input.map(|p| (p, crate::stream::kind_of(p, input_format))) {
        Some((p, Some(k))) => (p, k),
        _ if format == Format::Parquet => {
            eprintln_safe!("error: --format parquet reads CSV, JSON Lines or Parquet input");
            return Some(Err(ExitCode::from(2)));
        }
        _ => return None,
    };
    let scheme = &pick.schemes[0];
    match (format, kind) {
        (Format::Csv | Format::Parquet, _) | (_, "parquet") if pick.by_role => {
            if kind == "parquet" || format == Format::Parquet {
                eprintln_safe!("error: Parquet input and output take one scheme: give --scheme or --builtin");
                return Some(Err(ExitCode::from(2)));
            }
            Some(crate::stream::score(pick, path, kind, true, out))
        }
        (Format::Csv | Format::Parquet, "parquet") => Some(score_parquet(scheme, path, output, out)),
        (Format::Csv | Format::Parquet, _) => Some(crate::stream::score_columnar(scheme, path, kind, output, out)),
        (Format::Jsonl, "parquet") | (Format::Json | Format::Table | Format::Xlsx, "parquet") => {
            eprintln_safe!("error: Parquet input gives a table of results: use --format csv or --format parquet");
            Some(Err(ExitCode::from(2)))
        }
        (Format::Jsonl, _) => Some(crate::stream::score(pick, path, kind, false, out)),
        _ => None,
    }
}
