//! The command line's arguments (clap): what each command takes.

use clap::{Parser, Subcommand, ValueEnum};

/// `--lang`: parsed by the core (en or zh; anything else is refused, never a silent English).
fn parse_lang(s: &str) -> Result<appraisal::Lang, String> {
    s.parse::<appraisal::Lang>().map_err(|e| e.message)
}

#[derive(Parser)]
#[command(
    name = "appraisal",
    version,
    about = "Exact, explainable performance-appraisal scoring (customer-service centre handbook)"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
    /// Apache Parquet (with `--output FILE`): exact Decimal128 numbers.
    Parquet,
    /// An Excel workbook (with `--output FILE`): scorecards, per-team summary (`--roster`),
    /// the grade distribution with a chart, errors; names in `--lang`.
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum FormOut {
    Html,
    Markdown,
}

#[derive(clap::Args)]
pub(crate) struct SchemeArgs {
    /// Scheme JSON file.
    #[arg(long, conflicts_with = "builtin")]
    pub(crate) scheme: Option<String>,
    /// Built-in scheme: csr, tech_support, account_manager (default csr), or a format-2
    /// example: qa_form, discipline_pool, manager_review.
    #[arg(long)]
    pub(crate) builtin: Option<String>,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Score records (JSON array, JSONL or wide CSV); with no INPUT, the bundled sample centre.
    Score {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Input file (.json, .jsonl, .csv, .xlsx; `-` for stdin with --input-format).
        input: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Input format when it cannot be told from the file name (json, jsonl, csv, parquet).
        #[arg(long)]
        input_format: Option<String>,
        /// Output file (required with --format parquet and xlsx).
        #[arg(long, short)]
        output: Option<String>,
        /// Language of names in the table and the workbook (en or zh).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<appraisal::Lang>,
        /// Roster CSV (employee,team) for the workbook's per-team summary.
        #[arg(long)]
        roster: Option<String>,
    },
    /// Validate a scheme file: every problem with its code and path.
    Validate {
        /// Scheme JSON file.
        scheme: Option<String>,
        /// Validate a built-in instead.
        #[arg(long)]
        builtin: Option<String>,
    },
    /// Explain every step of one record's score.
    Explain {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Input file; default the sample centre.
        input: Option<String>,
        /// Which employee (default: the first record).
        #[arg(long)]
        employee: Option<String>,
        /// Language (en or zh).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<appraisal::Lang>,
        /// Input format when it cannot be told from the file name.
        #[arg(long)]
        input_format: Option<String>,
    },
    /// A population's report as one self-contained HTML page (zh or en, printable to A4):
    /// grades against the forced-distribution quotas, category averages per team, indicator
    /// analytics with flags, vetoes fired, incomplete results and why; or its data as JSON.
    Report {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Input file; default the sample centre (records of the scheme's roles).
        input: Option<String>,
        /// Roster CSV (employee,team) for the per-team averages.
        #[arg(long)]
        roster: Option<String>,
        /// Forced-distribution configuration (default: the handbook's quotas).
        #[arg(long)]
        config: Option<String>,
        /// Language (en or zh).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<appraisal::Lang>,
        /// html (default) or json (the numbers the page shows).
        #[arg(long, default_value = "html")]
        format: String,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<String>,
        /// Input format when it cannot be told from the file name.
        #[arg(long)]
        input_format: Option<String>,
    },
    /// Forced distribution of a population's grades (quotas, ties, reasons).
    Distribute {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Input file; default the sample centre (records of the scheme's roles).
        input: Option<String>,
        /// The inputs are saved results (JSON or JSON Lines as printed by `score --format
        /// json|jsonl`), checked to come from the scheme given, instead of records to score.
        #[arg(long)]
        results: bool,
        /// Distribution configuration JSON (default: S ≤ 10 %, S+A ≤ 30 %, D ≥ 5 %, lenient,
        /// ties by customer satisfaction).
        #[arg(long)]
        config: Option<String>,
        /// Output format (table or json).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Input format when it cannot be told from the file name.
        #[arg(long)]
        input_format: Option<String>,
    },
    /// Calibration sessions: each evaluator's alignment with the reference (or with the
    /// others), the criteria evaluators disagree on most, strict and lenient evaluators.
    Calibrate {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Entries ({session, evaluator, record, reference?} as JSON Lines or a JSON array);
        /// default the bundled QA calibration sample, scored with the built-in qa_form.
        input: Option<String>,
        /// Configuration JSON file: {reference, confidence, min_contacts, dp}, all optional.
        #[arg(long)]
        config: Option<String>,
        /// Language of the table (en or zh).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<appraisal::Lang>,
        /// Output format (table or json).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Rater leniency and severity in 360 ratings: each rater's mean deviation from the other
    /// raters of the same employee and indicator, with a confidence interval.
    Leniency {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Input file; default the sample centre (records of the scheme's roles).
        input: Option<String>,
        /// Configuration JSON file: {confidence, min_ratings, dp}, all optional.
        #[arg(long)]
        config: Option<String>,
        /// Language of the table (en or zh).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<appraisal::Lang>,
        /// Output format (table or json).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Input format when it cannot be told from the file name.
        #[arg(long)]
        input_format: Option<String>,
    },
    /// Corrects rater leniency within rater pools (mean shift or z-score), explicitly: writes
    /// the corrected records (marked, each corrected rating's score beside its value) and
    /// prints the audit. Never for pools below min_pool raters.
    Correct {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Input file; default the sample centre (records of the scheme's roles).
        input: Option<String>,
        /// Configuration JSON file: {method, min_pool, min_ratings, dp}, all optional.
        #[arg(long)]
        config: Option<String>,
        /// The method (overrides the configuration's): mean_shift or z_score.
        #[arg(long)]
        method: Option<String>,
        /// Where to write the corrected records (JSON lines); none: not written.
        #[arg(long, short)]
        output: Option<String>,
        /// Language of the table (en or zh).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<appraisal::Lang>,
        /// Output format (table or json).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Input format when it cannot be told from the file name.
        #[arg(long)]
        input_format: Option<String>,
    },
    /// Shrinks small-sample indicators toward their team mean, for the indicators whose scheme
    /// declares shrinkage: writes the records with their shrunk values (raw values kept) and
    /// prints the team means and every shrunk value.
    Shrink {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Input file; default the sample centre (records of the scheme's roles).
        input: Option<String>,
        /// Roster CSV with employee and team columns; none: one team per period.
        #[arg(long)]
        roster: Option<String>,
        /// Where to write the records with their shrunk values (JSON lines); none: not written.
        #[arg(long, short)]
        output: Option<String>,
        /// Language of the table (en or zh).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<appraisal::Lang>,
        /// Output format (table or json).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Input format when it cannot be told from the file name.
        #[arg(long)]
        input_format: Option<String>,
    },
    /// Small samples, honestly: Wilson intervals of survey indicators carried to the total,
    /// and the records whose grade sits inside the margin of error.
    Uncertainty {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Input file; default the sample centre (records of the scheme's roles).
        input: Option<String>,
        /// Configuration JSON file: {confidence, dp}, all optional.
        #[arg(long)]
        config: Option<String>,
        /// Language of the table (en or zh).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<appraisal::Lang>,
        /// Output format (table or json).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Input format when it cannot be told from the file name.
        #[arg(long)]
        input_format: Option<String>,
    },
    /// How far raters agree: Krippendorff's alpha (nominal, ordinal, interval) and ICC(2,1),
    /// ICC(3,1) of every multi-rater indicator, each exact and rounded once.
    Reliability {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Input file; default the sample centre (records of the scheme's roles).
        input: Option<String>,
        /// Decimals of each statistic (default 4, at most 12).
        #[arg(long)]
        dp: Option<u32>,
        /// Language of the table (en or zh).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<appraisal::Lang>,
        /// Output format (table or json).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Input format when it cannot be told from the file name.
        #[arg(long)]
        input_format: Option<String>,
    },
    /// What does one agent need to reach the next grade? The smallest change of each indicator.
    Whatif {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Input file; default the sample centre.
        input: Option<String>,
        /// Which employee (default: the first record).
        #[arg(long)]
        employee: Option<String>,
        /// Target grade (default: the next better one).
        #[arg(long)]
        target: Option<String>,
        /// Output format (table or json).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Input format when it cannot be told from the file name.
        #[arg(long)]
        input_format: Option<String>,
    },
    /// Roll sub-period results up (e.g. quarters → year to date), one row per employee.
    Rollup {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Sub-period inputs, oldest first; default the sample centre's 2026-Q1, Q2 and Q3.
        inputs: Vec<String>,
        /// The inputs are saved results (JSON or JSON Lines as printed by `score --format
        /// json|jsonl`), checked to come from the scheme given, instead of records to score.
        #[arg(long)]
        results: bool,
        /// Weights of the sub-periods, comma-separated (default equal).
        #[arg(long)]
        weights: Option<String>,
        /// Fewer complete sub-periods than this: incomplete (default: all of them).
        #[arg(long)]
        min_periods: Option<usize>,
        /// Label of the rolled-up period.
        #[arg(long, default_value = "2026 YTD")]
        period: String,
        /// Output format (table or json).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Apply the result-application rules (bonus, salary, position, training) with history.
    Apply {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// Rule set JSON (default: the built-in handbook rules).
        #[arg(long)]
        rules: Option<String>,
        /// Current period input (default: the sample centre's 2026-Q3).
        input: Option<String>,
        /// The inputs are saved results (JSON or JSON Lines as printed by `score --format
        /// json|jsonl`), checked to come from the scheme given, instead of records to score.
        #[arg(long)]
        results: bool,
        /// Earlier periods, oldest first (default with the sample: 2026-Q1 and Q2).
        #[arg(long)]
        history: Vec<String>,
        /// CSV with an `employee` column and context columns (compa_ratio, base_bonus, …);
        /// default with the sample: its roster.
        #[arg(long)]
        context: Option<String>,
        /// Language of training topics (en or zh).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<appraisal::Lang>,
        /// Output format (table or json).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// The appraisal form (handbook appendix A): blank, or filled for one record.
    Form {
        #[command(flatten)]
        scheme: SchemeArgs,
        /// A record (or records) file to fill the form with; without it the form is blank.
        #[arg(long)]
        record: Option<String>,
        /// Which employee of the records (default: the first).
        #[arg(long)]
        employee: Option<String>,
        /// Language (en or zh).
        #[arg(long, value_parser = parse_lang)]
        lang: Option<appraisal::Lang>,
        /// html (printable A4) or markdown.
        #[arg(long, value_enum, default_value = "html")]
        format: FormOut,
    },
    /// List the built-in schemes.
    Schemes,
}
