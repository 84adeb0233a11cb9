//! A population's inputs and its report: the forced-distribution configuration and the roster
//! (read once here for `distribute`, `report` and the workbook), and `appraisal report`, which
//! asks the core for the report's data and page and writes them.

use super::*;
use std::collections::BTreeMap;

/// The forced-distribution configuration from a file, or the handbook's quotas.
pub(crate) fn distribution_config(path: Option<&str>) -> Result<appraisal::population::DistributionConfig, ExitCode> {
    let cfg_text = match path {
        Some(p) => read_text(p).map_err(|e| {
            eprintln_safe!("error: cannot read {p}: {e}");
            ExitCode::from(2)
        })?,
        None => appraisal::population::HANDBOOK_DISTRIBUTION.to_string(),
    };
    let cfg_value: serde_json::Value = appraisal::ingest::parse_json(&cfg_text).map_err(|e| {
        eprintln_safe!("error: configuration is not JSON: {e}");
        ExitCode::from(2)
    })?;
    appraisal::population::DistributionConfig::from_value(&cfg_value).map_err(|e| issues(&e.issues))
}

/// The employee → team map from a roster CSV (`employee,team`), when one is given.
pub(crate) fn roster(path: Option<&str>) -> Result<Option<BTreeMap<String, String>>, ExitCode> {
    let Some(p) = path else { return Ok(None) };
    let t = read_text(p).map_err(|e| {
        eprintln_safe!("error: cannot read {p}: {e}");
        ExitCode::from(2)
    })?;
    appraisal::calibration::teams_from_csv(&t).map(Some).map_err(|e| {
        eprintln_safe!("error: {} at {}: {}", e.code, e.path, e.message);
        ExitCode::from(2)
    })
}

/// Coded problems on stderr, one a line: exit 2.
fn issues(e: &[appraisal::Issue]) -> ExitCode {
    for i in e {
        eprintln_safe!("  {} at {}: {}", i.code, i.path, i.message);
    }
    ExitCode::from(2)
}

/// `appraisal report`: the population's report as one HTML page (or its JSON data).
pub(crate) fn report(c: Command, out: &mut impl Write) -> Result<ExitCode, ExitCode> {
    let Command::Report { scheme, input, roster: roster_path, config, lang, format, output, input_format } = c else {
        return Err(ExitCode::from(2));
    };
    let pick = Picker { schemes: vec![load_scheme(&scheme)?], by_role: false };
    let entries = pick.batch(input.as_deref(), input_format.as_deref(), false)?;
    let scheme = &pick.schemes[0];
    let teams = roster(roster_path.as_deref())?;
    let cfg = distribution_config(config.as_deref())?;
    let report = appraisal::present::report::population_report(scheme, &entries, teams.as_ref(), &cfg)
        .map_err(|e| issues(&e))?;
    let text = match format.as_str() {
        "html" => report.to_html(scheme, lang.unwrap_or_default()),
        "json" => serde_json::to_string_pretty(&report).unwrap_or_default(),
        other => {
            eprintln_safe!("error: --format {other:?}: use html or json");
            return Err(ExitCode::from(2));
        }
    };
    match output.as_deref() {
        Some(p) => std::fs::write(p, text).map_err(|e| {
            eprintln_safe!("error: cannot write {p}: {e}");
            ExitCode::from(2)
        })?,
        None => {
            let _ = write!(out, "{text}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
