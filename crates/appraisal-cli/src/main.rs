//! `appraisal`: score records with a scheme, validate schemes, explain one record.
//!
//! Exit codes: 0 all good; 1 some records had errors (good ones still printed, errors on
//! stderr with their paths); 2 bad usage, unreadable input or an invalid scheme.

#[macro_use]
mod term;
mod args;
mod columnar;
mod fairness;
mod input;
mod population;
mod stream;
mod table;

use appraisal::{builtin_names, builtin_scheme, entry_to_value, explain, BatchEntry, Scheme};
use args::*;
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

/// Earlier quarters of the sample centre, for roll-ups and rules with history.
const SAMPLE_Q1: &str = include_str!("../../../examples/data/sample-centre-2026-Q1.jsonl");
const SAMPLE_Q2: &str = include_str!("../../../examples/data/sample-centre-2026-Q2.jsonl");
/// The sample QA calibration sessions (built-in qa_form), for `calibrate`.
const SAMPLE_CALIBRATION: &str = include_str!("../../../examples/data/calibration-2026-01.jsonl");
/// The sample roster (team, compa-ratio, base bonus).
const SAMPLE_ROSTER: &str = include_str!("../../../examples/data/roster.csv");

/// The sample centre scored when no input is given (60 agents, 2026-Q3).
pub const SAMPLE_CENTRE: &str = include_str!("../../../examples/data/sample-centre-2026-Q3.jsonl");

/// A scheme, rules or configuration file: read with the scheme size cap, UTF-8 (BOM accepted).
fn read_text(path: impl AsRef<std::path::Path>) -> Result<String, String> {
    appraisal::ingest::read_scheme_file(path.as_ref()).map_err(|i| format!("{}: {}", i.code, i.message))
}

/// A data file read whole (the context CSV): the input size cap, UTF-8 (BOM accepted).
fn read_input_text(path: &str) -> Result<String, String> {
    let bytes = appraisal::ingest::read_capped(std::path::Path::new(path), input::INPUT_BYTES, "an input file")
        .map_err(|i| format!("{}: {}", i.code, i.message))?;
    appraisal::ingest::utf8(&bytes).map(str::to_string).map_err(|i| format!("{}: {}", i.code, i.message))
}

fn load_scheme(args: &SchemeArgs) -> Result<Scheme, ExitCode> {
    if let Some(path) = &args.scheme {
        let text = read_text(path).map_err(|e| {
            eprintln_safe!("error: cannot read scheme {path}: {e}");
            ExitCode::from(2)
        })?;
        return Scheme::from_json(&text).map_err(|e| {
            eprintln_safe!("error: scheme {path} is invalid ({} problems):", e.issues.len());
            for i in &e.issues {
                eprintln_safe!(
                    "  {} at {}: {}",
                    i.code,
                    if i.path.is_empty() { "(document)" } else { &i.path },
                    i.message
                );
            }
            ExitCode::from(2)
        });
    }
    let name = args.builtin.as_deref().unwrap_or("csr");
    builtin_scheme(name).map_err(|e| {
        eprintln_safe!("error: {e}");
        ExitCode::from(2)
    })
}

/// Which scheme scores which record: one given scheme, or (by default) the built-in scheme of
/// each record's role (`csr` when a record names none).
pub(crate) struct Picker {
    pub(crate) schemes: Vec<Scheme>,
    pub(crate) by_role: bool,
}

impl Picker {
    fn new(args: &SchemeArgs) -> Result<Self, ExitCode> {
        if args.scheme.is_some() || args.builtin.is_some() {
            return Ok(Self { schemes: vec![load_scheme(args)?], by_role: false });
        }
        let mut schemes = Vec::new();
        for name in builtin_names() {
            schemes.push(builtin_scheme(name).map_err(|e| {
                eprintln_safe!("error: {e}");
                ExitCode::from(2)
            })?);
        }
        Ok(Self { schemes, by_role: true })
    }

    fn index_for(&self, role: Option<&str>) -> Option<usize> {
        if !self.by_role {
            return Some(0);
        }
        let role = role.unwrap_or("csr");
        builtin_names().iter().position(|n| *n == role)
    }

    fn for_role(&self, role: Option<&str>) -> &Scheme {
        &self.schemes[self.index_for(role).unwrap_or(0)]
    }

    /// A scored batch: the input's records scored (the sample's by default), or, with
    /// `results`, saved results read back and checked against the (one) scheme.
    fn batch(
        &self,
        input: Option<&str>,
        input_format: Option<&str>,
        results: bool,
    ) -> Result<Vec<BatchEntry>, ExitCode> {
        if !results {
            let records = input::read_records(&|role| self.for_role(role), input, input_format)?;
            let records = self.sample_filter(records, input.is_none());
            return Ok(self.schemes[0].score_batch(&records));
        }
        let Some(path) = input else {
            eprintln_safe!("error: --results needs the file of saved results");
            return Err(ExitCode::from(2));
        };
        let text = read_input_text(path).map_err(|e| {
            eprintln_safe!("error: cannot read {path}: {e}");
            ExitCode::from(2)
        })?;
        let (entries, problems) = self.schemes[0].read_results(&text);
        for i in &problems {
            input::BAD_INPUT.store(true, std::sync::atomic::Ordering::Relaxed);
            eprintln_safe!("error: {path}: {} at {}: {}", i.code, i.path, i.message);
        }
        Ok(entries)
    }

    /// One record of the input (the sample by default): the employee's, or the first.
    fn one_record(
        &self,
        input: Option<&str>,
        input_format: Option<&str>,
        employee: Option<&str>,
    ) -> Result<serde_json::Value, ExitCode> {
        let records = input::read_records(&|role| self.for_role(role), input, input_format)?;
        let records = self.sample_filter(records, input.is_none());
        let rec = match employee {
            Some(id) => records.into_iter().find(|r| r.get("employee").and_then(|e| e.as_str()) == Some(id)),
            None => records.into_iter().next(),
        };
        rec.ok_or_else(|| {
            eprintln_safe!("error: no record for employee {}", employee.unwrap_or("(any)"));
            ExitCode::from(2)
        })
    }

    /// With a chosen scheme and the bundled sample, keep the sample's records of its roles.
    fn sample_filter(&self, records: Vec<serde_json::Value>, is_sample: bool) -> Vec<serde_json::Value> {
        if self.by_role || !is_sample {
            return records;
        }
        let roles = &self.schemes[0].def().roles;
        records
            .into_iter()
            .filter(|r| {
                roles.is_empty() || r.get("role").and_then(|x| x.as_str()).is_some_and(|x| roles.iter().any(|y| y == x))
            })
            .collect()
    }

    fn score(&self, record: &serde_json::Value) -> (usize, BatchEntry) {
        let role = record.get("role").and_then(|r| r.as_str());
        match self.index_for(role) {
            Some(i) => (i, self.schemes[i].score_entry(record)),
            None => {
                let (employee, period) = appraisal::identity(record);
                let issue = appraisal::Issue::new(
                    appraisal::ErrorCode::RoleNotApplicable,
                    "role",
                    format!("no built-in scheme for role {:?}; use --scheme or --builtin", role.unwrap_or("")),
                );
                (0, Err(appraisal::RecordFailure { employee, period, errors: vec![issue] }))
            }
        }
    }
}

fn report_errors(entries: &[BatchEntry]) -> bool {
    report_errors_from(entries, 0)
}

/// Reports the bad records of a chunk whose first record is number `offset + 1`.
fn report_errors_from(entries: &[BatchEntry], offset: usize) -> bool {
    let mut any = false;
    for (i, e) in entries.iter().enumerate().map(|(i, e)| (i + offset, e)) {
        if let Err(f) = e {
            any = true;
            report_failure(i, f.employee.as_deref(), f.period.as_deref(), &f.errors);
        }
    }
    any
}

/// One bad record on stderr: its number (from 1), identity and every error.
fn report_failure(i: usize, employee: Option<&str>, period: Option<&str>, errors: &[appraisal::Issue]) {
    eprintln_safe!("record {} (employee {}, period {}):", i + 1, employee.unwrap_or("?"), period.unwrap_or("?"));
    for err in errors {
        eprintln_safe!("  {} at {}: {}", err.code, err.path, err.message);
    }
}

fn run(cli: Cli) -> Result<ExitCode, ExitCode> {
    let csv = matches!(&cli.command, Command::Score { format: Format::Csv, .. });
    let mut out = term::stdout(csv);
    match cli.command {
        c @ Command::Report { .. } => population::report(c, &mut out),
        Command::Distribute { scheme, input, config, format, input_format, results } => {
            let scheme = load_scheme(&scheme)?;
            let pick = Picker { schemes: vec![scheme], by_role: false };
            let entries = pick.batch(input.as_deref(), input_format.as_deref(), results)?;
            let scheme = &pick.schemes[0];
            let cfg = population::distribution_config(config.as_deref())?;
            let cards: Vec<appraisal::Scorecard> = entries.iter().filter_map(|e| e.as_ref().ok().cloned()).collect();
            let d = appraisal::population::distribute(&cfg, &cards).map_err(|e| {
                for i in &e {
                    eprintln_safe!("  {} at {}: {}", i.code, i.path, i.message);
                }
                ExitCode::from(2)
            })?;
            if format == Format::Json {
                let _ = writeln!(out, "{}", serde_json::to_string_pretty(&d).unwrap_or_default());
            } else {
                let _ = write!(out, "{}", table::distribution(scheme, &cards, &d));
            }
            Ok(if report_errors(&entries) { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        c @ (Command::Calibrate { .. }
        | Command::Uncertainty { .. }
        | Command::Leniency { .. }
        | Command::Correct { .. }
        | Command::Shrink { .. }
        | Command::Reliability { .. }) => fairness::run(c, &mut out),
        Command::Whatif { scheme, input, employee, target, format, input_format } => {
            let pick = Picker::new(&scheme)?;
            let rec = pick.one_record(input.as_deref(), input_format.as_deref(), employee.as_deref())?;
            let rec = &rec;
            let scheme = pick.for_role(rec.get("role").and_then(|r| r.as_str()));
            match scheme.whatif(rec, target.as_deref()) {
                Ok(w) if format == Format::Json => {
                    let _ = writeln!(out, "{}", serde_json::to_string_pretty(&w).unwrap_or_default());
                    Ok(ExitCode::SUCCESS)
                }
                Ok(w) => {
                    let _ = write!(out, "{}", table::whatif(&w));
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    for err in &e.issues {
                        eprintln_safe!("  {} at {}: {}", err.code, err.path, err.message);
                    }
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Rollup { scheme, inputs, weights, min_periods, period, format, results } => {
            let scheme = load_scheme(&scheme)?;
            let pick = Picker { schemes: vec![scheme], by_role: false };
            let mut periods: Vec<Vec<serde_json::Value>> = Vec::new();
            if inputs.is_empty() {
                for text in [SAMPLE_Q1, SAMPLE_Q2, crate::SAMPLE_CENTRE] {
                    let recs = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
                    periods.push(pick.sample_filter(recs, true));
                }
            } else if !results {
                for f in &inputs {
                    periods.push(input::read_records(&|role| pick.for_role(role), Some(f), None)?);
                }
            }
            let scheme = &pick.schemes[0];
            let weights: Option<Vec<rust_decimal::Decimal>> = match &weights {
                None => None,
                Some(w) => Some(
                    w.split(',')
                        .map(|x| appraisal::number::parse_decimal(x.trim()))
                        .collect::<Result<_, _>>()
                        .map_err(|_| {
                            eprintln_safe!("error: --weights takes decimals separated by commas");
                            ExitCode::from(2)
                        })?,
                ),
            };
            let mut scored: Vec<Vec<BatchEntry>> = periods.iter().map(|p| scheme.score_batch(p)).collect();
            if results {
                scored = inputs.iter().map(|f| pick.batch(Some(f), None, true)).collect::<Result<_, _>>()?;
            }
            let (rows, problems) = scheme.rollup_batches(&period, &scored, weights.as_deref(), min_periods);
            for i in &problems {
                eprintln_safe!("error: {} at {}: {}", i.code, i.path, i.message);
            }
            if rows.is_empty() && !problems.is_empty() {
                return Err(ExitCode::from(2));
            }
            if format == Format::Json {
                let v: Vec<&appraisal::Rollup> = rows.iter().map(|(_, r)| r).collect();
                let _ = writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            } else {
                let _ = write!(out, "{}", table::rollup(scheme, &rows));
            }
            let bad_records = scored.iter().any(|p| report_errors(p));
            Ok(if bad_records || !problems.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Apply { scheme, rules, input, history, context, lang, format, results } => {
            let lang = lang.unwrap_or_default();
            let lang = lang.as_str();
            let scheme = load_scheme(&scheme)?;
            let pick = Picker { schemes: vec![scheme], by_role: false };
            let rules = match &rules {
                None => appraisal::builtin_rules().map_err(|e| {
                    eprintln_safe!("error: {e}");
                    ExitCode::from(2)
                })?,
                Some(p) => {
                    let text = read_text(p).map_err(|e| {
                        eprintln_safe!("error: cannot read {p}: {e}");
                        ExitCode::from(2)
                    })?;
                    appraisal::apply::RuleSet::from_json(&text).map_err(|e| {
                        for i in &e.issues {
                            eprintln_safe!("  {} at {}: {}", i.code, i.path, i.message);
                        }
                        ExitCode::from(2)
                    })?
                }
            };
            let sample = input.is_none();
            let current = if results {
                Vec::new()
            } else {
                pick.sample_filter(input::read_records(&|role| pick.for_role(role), input.as_deref(), None)?, sample)
            };
            let mut earlier: Vec<Vec<serde_json::Value>> = Vec::new();
            if sample && history.is_empty() {
                for text in [SAMPLE_Q1, SAMPLE_Q2] {
                    earlier.push(
                        pick.sample_filter(text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect(), true),
                    );
                }
            }
            for f in history.iter().filter(|_| !results) {
                earlier.push(input::read_records(&|role| pick.for_role(role), Some(f), None)?);
            }
            let roster = match (&context, sample) {
                (Some(p), _) => Some(read_input_text(p).map_err(|e| {
                    eprintln_safe!("error: cannot read {p}: {e}");
                    ExitCode::from(2)
                })?),
                (None, true) => Some(SAMPLE_ROSTER.to_string()),
                (None, false) => None,
            };
            let contexts = input::read_context(roster.as_deref(), &rules.context_keys())?;
            let scheme = &pick.schemes[0];
            let (entries, past): (Vec<BatchEntry>, Vec<Vec<BatchEntry>>) = if results {
                (
                    pick.batch(input.as_deref(), None, true)?,
                    history.iter().map(|f| pick.batch(Some(f), None, true)).collect::<Result<_, _>>()?,
                )
            } else {
                (scheme.score_batch(&current), earlier.iter().map(|p| scheme.score_batch(p)).collect())
            };
            let (apps, problems) = rules.apply_batches(&entries, &past, &contexts, scheme.rounding().money_dp, lang);
            for i in &problems {
                eprintln_safe!("error: {} at {}: {}", i.code, i.path, i.message);
            }
            if format == Format::Json {
                let _ = writeln!(out, "{}", serde_json::to_string_pretty(&apps).unwrap_or_default());
            } else {
                let _ = write!(out, "{}", table::applications(&rules, &apps, lang));
            }
            let bad = report_errors(&entries) || !problems.is_empty();
            Ok(if bad { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Form { scheme, record, employee, lang, format } => {
            let lang = lang.unwrap_or_default();
            let lang = lang.as_str();
            let scheme = load_scheme(&scheme)?;
            let card = match &record {
                None => None,
                Some(path) => {
                    let pick = Picker { schemes: vec![scheme.clone()], by_role: false };
                    let rec = &pick.one_record(Some(path), None, employee.as_deref())?;
                    match scheme.score_value(rec) {
                        Ok(c) => Some(c),
                        Err(e) => {
                            for i in &e.issues {
                                eprintln_safe!("  {} at {}: {}", i.code, i.path, i.message);
                            }
                            return Ok(ExitCode::from(1));
                        }
                    }
                }
            };
            let f = if format == FormOut::Html {
                appraisal::form::FormFormat::Html
            } else {
                appraisal::form::FormFormat::Markdown
            };
            let _ = write!(out, "{}", appraisal::form::render_form(&scheme, card.as_ref(), lang, f));
            Ok(ExitCode::SUCCESS)
        }
        Command::Schemes => {
            for name in builtin_names() {
                let s = builtin_scheme(name).map_err(|_| ExitCode::from(2))?;
                let n: usize = s.categories().iter().map(|c| c.indicators.len()).sum();
                let _ = writeln!(
                    out,
                    "{name:<16} {} {}  {} / {}  ({} categories, {n} indicators)",
                    s.id(),
                    s.version(),
                    s.def().name.get("en"),
                    s.def().name.get("zh"),
                    s.categories().len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { scheme, builtin } => {
            let (label, text) = match (scheme, builtin) {
                (Some(path), _) => (
                    path.clone(),
                    read_text(&path).map_err(|e| {
                        eprintln_safe!("error: cannot read {path}: {e}");
                        ExitCode::from(2)
                    })?,
                ),
                (None, Some(b)) => (
                    format!("builtin:{b}"),
                    appraisal::builtin_scheme_json(&b)
                        .ok_or_else(|| {
                            eprintln_safe!("error: unknown built-in {b:?}");
                            ExitCode::from(2)
                        })?
                        .to_string(),
                ),
                (None, None) => {
                    eprintln_safe!("error: give a scheme file or --builtin NAME");
                    return Err(ExitCode::from(2));
                }
            };
            match Scheme::from_json(&text) {
                Ok(s) => {
                    let _ = writeln!(out, "{label}: valid ({} {}, {})", s.id(), s.version(), s.digest());
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    let _ = writeln!(out, "{label}: {} problem(s)", e.issues.len());
                    for i in &e.issues {
                        let _ = writeln!(
                            out,
                            "  {:<18} {:<50} {}",
                            i.code.as_str(),
                            if i.path.is_empty() { "(document)" } else { &i.path },
                            i.message
                        );
                    }
                    Ok(ExitCode::from(2))
                }
            }
        }
        Command::Score { scheme, input, format, input_format, output, lang, roster } => {
            let workbook_lang = lang.unwrap_or_default();
            let lang = workbook_lang.as_str();
            let pick = Picker::new(&scheme)?;
            if let Some(code) = columnar::dispatch(
                &pick,
                input.as_deref(),
                input_format.as_deref(),
                format,
                output.as_deref(),
                &mut out,
            ) {
                return code;
            }
            let items: Vec<input::Item> = match input.as_deref() {
                None => pick
                    .sample_filter(input::read_records(&|role| pick.for_role(role), None, None)?, true)
                    .into_iter()
                    .map(Ok)
                    .collect(),
                Some(p) => input::read_items(&|role| pick.for_role(role), Some(p), input_format.as_deref())?,
            };
            let scored: Vec<(usize, BatchEntry)> = items
                .iter()
                .map(|it| match it {
                    Ok(r) => pick.score(r),
                    Err(_) => (0, pick.schemes[0].score_item(it)),
                })
                .collect();
            let entries: Vec<BatchEntry> = scored.iter().map(|(_, e)| e.clone()).collect();
            match format {
                Format::Table => {
                    let title = if input.is_none() { "bundled sample centre" } else { input.as_deref().unwrap_or("") };
                    for (gi, scheme) in pick.schemes.iter().enumerate() {
                        let group: Vec<BatchEntry> =
                            scored.iter().filter(|(g, _)| *g == gi).map(|(_, e)| e.clone()).collect();
                        if group.is_empty() {
                            continue;
                        }
                        let _ = write!(out, "{}", table::render(scheme, &group, lang, title));
                        let _ = writeln!(out);
                    }
                }
                Format::Json => {
                    let arr: Vec<serde_json::Value> = entries.iter().map(entry_to_value).collect();
                    let _ = writeln!(out, "{}", serde_json::to_string_pretty(&arr).unwrap_or_default());
                }
                Format::Jsonl => {
                    for e in &entries {
                        let _ = writeln!(out, "{}", appraisal::entry_to_json(e));
                    }
                }
                Format::Csv | Format::Parquet => {
                    let _ = write!(out, "{}", table::csv(&pick.schemes[0], &entries));
                }
                Format::Xlsx => {
                    let groups: std::collections::BTreeSet<usize> = scored.iter().map(|(g, _)| *g).collect();
                    if groups.len() > 1 {
                        eprintln_safe!("error: a workbook takes one scheme: give --scheme or --builtin");
                        return Err(ExitCode::from(2));
                    }
                    let scheme = &pick.schemes[groups.first().copied().unwrap_or(0)];
                    let teams = population::roster(roster.as_deref())?;
                    let bytes =
                        appraisal::present::workbook::scores_workbook(scheme, &entries, teams.as_ref(), workbook_lang)
                            .map_err(|e| {
                                eprintln_safe!("error: {}", e.message);
                                ExitCode::from(2)
                            })?;
                    let path = output.as_deref().unwrap_or_default();
                    std::fs::write(path, bytes).map_err(|e| {
                        eprintln_safe!("error: cannot write {path}: {e}");
                        ExitCode::from(2)
                    })?;
                }
            }
            let _ = out.flush();
            Ok(if report_errors(&entries) { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Explain { scheme, input, employee, lang, input_format } => {
            let lang = lang.unwrap_or_default();
            let lang = lang.as_str();
            let pick = Picker::new(&scheme)?;
            let rec = pick.one_record(input.as_deref(), input_format.as_deref(), employee.as_deref())?;
            let rec = &rec;
            let scheme = pick.for_role(rec.get("role").and_then(|r| r.as_str()));
            match explain(scheme, rec, lang) {
                Ok((_, text)) => {
                    let _ = write!(out, "{text}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    for err in &e.issues {
                        eprintln_safe!("  {} at {}: {}", err.code, err.path, err.message);
                    }
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(c) | Err(c) => c,
    };
    // An input record that could not be read was reported: never exit 0 after one.
    if code == ExitCode::SUCCESS && input::BAD_INPUT.load(std::sync::atomic::Ordering::Relaxed) {
        return ExitCode::from(1);
    }
    code
}
