//! The calibration and fairness commands (issue 15): `calibrate`, `leniency`, `reliability`,
//! `uncertainty`, `correct`, `shrink`. Each reads its input and configuration, asks the core for the report, and
//! prints the core's table (zh/en) or the JSON; bad entries go to stderr (exit 1).

use super::*;
use appraisal::calibration::{CalibrationConfig, CorrectionConfig, LeniencyConfig, UncertaintyConfig};
use appraisal::{Issue, RecordFailure};
use serde_json::Value;

/// A coded error from the core: on stderr, exit 2.
fn coded(e: Issue) -> ExitCode {
    eprintln_safe!("error: {} at {}: {}", e.code, e.path, e.message);
    ExitCode::from(2)
}

/// A configuration JSON file read by the core's `from_value`; none: the core's default.
fn config<T: Default>(path: Option<&str>, from_value: impl Fn(&Value) -> Result<T, Issue>) -> Result<T, ExitCode> {
    let Some(path) = path else { return Ok(T::default()) };
    let t = read_text(path).map_err(|e| {
        eprintln_safe!("error: cannot read {path}: {e}");
        ExitCode::from(2)
    })?;
    appraisal::ingest::parse_json(&t).and_then(|v| from_value(&v)).map_err(coded)
}

/// The scheme and its records (the sample centre's records of its roles when no input).
fn records(
    scheme: &SchemeArgs,
    input: Option<&str>,
    input_format: Option<&str>,
) -> Result<(Scheme, Vec<Value>), ExitCode> {
    let pick = Picker { schemes: vec![load_scheme(scheme)?], by_role: false };
    let records = input::read_records(&|role| pick.for_role(role), input, input_format)?;
    let records = pick.sample_filter(records, input.is_none());
    let scheme = pick.schemes.into_iter().next().ok_or(ExitCode::from(2))?;
    Ok((scheme, records))
}

/// Prints the report (JSON, or the core's table) and its failures; exit 1 when any.
fn emit<R: serde::Serialize>(
    out: &mut dyn Write,
    report: &R,
    format: Format,
    table: impl FnOnce(&R) -> String,
    failures: &[RecordFailure],
    entries: bool,
) -> ExitCode {
    let _ = if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(report).unwrap_or_default())
    } else {
        write!(out, "{}", table(report))
    };
    for f in failures {
        if entries {
            eprintln_safe!("entry {}:", f.employee.as_deref().unwrap_or("?"));
        } else {
            let (e, p) = (f.employee.as_deref().unwrap_or("?"), f.period.as_deref().unwrap_or("?"));
            eprintln_safe!("record (employee {e}, period {p}):");
        }
        for err in &f.errors {
            eprintln_safe!("  {} at {}: {}", err.code, err.path, err.message);
        }
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Writes records as JSON lines to `path` (none: nothing written).
fn write_records(path: Option<&str>, records: &[Value]) -> Result<(), ExitCode> {
    let Some(path) = path else { return Ok(()) };
    let lines: String = records.iter().map(|v| format!("{v}\n")).collect();
    std::fs::write(path, lines).map_err(|e| {
        eprintln_safe!("error: cannot write {path}: {e}");
        ExitCode::from(2)
    })
}

/// Runs one of the fairness commands.
pub(crate) fn run(cmd: Command, out: &mut dyn Write) -> Result<ExitCode, ExitCode> {
    use appraisal::present::calibration as present;
    Ok(match cmd {
        Command::Calibrate { mut scheme, input, config: c, lang, format } => {
            if scheme.scheme.is_none() && scheme.builtin.is_none() {
                scheme.builtin = Some("qa_form".into());
            }
            let scheme = load_scheme(&scheme)?;
            let text = match &input {
                Some(p) => read_input_text(p).map_err(|e| {
                    eprintln_safe!("error: cannot read {p}: {e}");
                    ExitCode::from(2)
                })?,
                None => SAMPLE_CALIBRATION.to_string(),
            };
            let cfg = config(c.as_deref(), CalibrationConfig::from_value)?;
            let r = scheme.calibrate_text(&text, &cfg).map_err(coded)?;
            emit(out, &r, format, |r| present::calibration_table(r, lang.unwrap_or_default()), &r.failures, true)
        }
        Command::Leniency { scheme, input, config: c, lang, format, input_format } => {
            let (scheme, recs) = records(&scheme, input.as_deref(), input_format.as_deref())?;
            let r = scheme.leniency(&recs, &config(c.as_deref(), LeniencyConfig::from_value)?).map_err(coded)?;
            emit(out, &r, format, |r| present::leniency_table(r, lang.unwrap_or_default()), &r.failures, false)
        }
        Command::Correct { scheme, input, config: c, method, output, lang, format, input_format } => {
            let (scheme, recs) = records(&scheme, input.as_deref(), input_format.as_deref())?;
            let mut cfg = config(c.as_deref(), CorrectionConfig::from_value)?;
            if let Some(m) = method {
                let v = serde_json::json!({ "method": m });
                cfg.method = CorrectionConfig::from_value(&v).map_err(coded)?.method;
            }
            let r = scheme.correct_ratings(&recs, &cfg).map_err(coded)?;
            write_records(output.as_deref(), &r.records)?;
            emit(out, &r, format, |r| present::correction_table(r, lang.unwrap_or_default()), &r.failures, false)
        }
        Command::Shrink { scheme, input, roster, output, lang, format, input_format } => {
            let (scheme, recs) = records(&scheme, input.as_deref(), input_format.as_deref())?;
            let teams = match roster {
                None => Default::default(),
                Some(p) => {
                    let t = read_text(&p).map_err(|e| {
                        eprintln_safe!("error: cannot read {p}: {e}");
                        ExitCode::from(2)
                    })?;
                    appraisal::calibration::teams_from_csv(&t).map_err(coded)?
                }
            };
            let r = scheme.shrink(&recs, &teams);
            write_records(output.as_deref(), &r.records)?;
            emit(out, &r, format, |r| present::shrink_table(r, lang.unwrap_or_default()), &r.failures, false)
        }
        Command::Uncertainty { scheme, input, config: c, lang, format, input_format } => {
            let (scheme, recs) = records(&scheme, input.as_deref(), input_format.as_deref())?;
            let r = scheme.uncertainty(&recs, &config(c.as_deref(), UncertaintyConfig::from_value)?).map_err(coded)?;
            emit(out, &r, format, |r| present::uncertainty_table(r, lang.unwrap_or_default()), &r.failures, false)
        }
        Command::Reliability { scheme, input, dp, lang, format, input_format } => {
            let (scheme, recs) = records(&scheme, input.as_deref(), input_format.as_deref())?;
            let r = scheme.reliability(&recs, dp).map_err(coded)?;
            emit(out, &r, format, |r| present::reliability_table(r, lang.unwrap_or_default()), &r.failures, false)
        }
        _ => ExitCode::from(2),
    })
}
