//! # appraisal
//!
//! Exact, explainable performance-appraisal scoring for customer-service centres, following
//! the project's normative SPEC: schemes of weighted indicator categories, rubrics that turn
//! raw values into scores, 360-degree ratings, missing-data policies, adjustments, vetoes and
//! grades, with every number an exact decimal.
//!
//! ## Module map (the handbook's order)
//!
//! | module | what it holds |
//! |---|---|
//! | [`base`] | exact numbers and the one rounding function ([`exact::Frac::round`]), errors as `{code, path, message}`, bilingual text, input reading with limits ([`ingest`]), safe output ([`safe`]) |
//! | [`scheme`] | the scheme model (categories, indicators, weights, adjustments, vetoes, grades; format 2's relative weights, rating map, pools, scopes), reading and validating its JSON, the builder, the built-in handbook schemes and format-2 examples |
//! | `rubric` | the eight rubrics: raw value → exact score fraction, and the step that produced it |
//! | [`record`] | the one-pass record check; the wide tabular layout ([`wide`]) |
//! | [`score`] | the general pipeline (one record, front to back; format 2's pools, coverage and rating beside it), the result shapes, and the fast exact table path ([`fast`]) |
//! | [`population`] | roll-ups, forced distribution, analytics, stored results |
//! | [`calibration`] | how far raters agree: inter-rater reliability (Krippendorff's alpha, ICC), exact |
//! | [`outcomes`] | result-application rules with history, pay, what-if |
//! | [`governance`] | process and audit log, visibility, versions |
//! | [`present`] | the explanation and the appraisal form (zh/en) |
//!
//! The former flat paths (`appraisal::number`, `appraisal::fast`, `appraisal::apply`, …)
//! are kept as re-exports.
//!
//! ```
//! use appraisal::{builtin_scheme, Record};
//! use rust_decimal::Decimal;
//!
//! let scheme = builtin_scheme("csr").expect("built-in scheme");
//! let record = serde_json::json!({
//!     "employee": "E1001", "period": "2026-Q3",
//!     "values": {"attendance": "99.5", "task_completion": "96"}
//! });
//! let card = scheme.score_value(&record).expect("valid record");
//! assert_eq!(card.employee, "E1001");
//! ```
#![deny(missing_docs)]
#![deny(clippy::arithmetic_side_effects)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::arithmetic_side_effects))]

// The tree follows the handbook's table of contents (see the module map above).
pub mod base;
pub mod calibration;
pub mod governance;
pub mod outcomes;
pub mod population;
pub mod present;
pub mod record;
mod rubric;
pub mod scheme;
pub mod score;

// The former flat paths keep working (public API and crate-internal paths).
pub(crate) use base::{error, json};
pub use base::{exact, ingest, number, safe, text};
pub use governance::{process, versions, visibility};
pub(crate) use outcomes::whatif;
pub use outcomes::{history, pay, rules as apply};
pub(crate) use population::rollup as period;
pub use population::{analytics, stored};
pub(crate) use present::explain;
pub use present::form;
pub use record::wide;
pub(crate) use scheme::{builder, builtin, read as scheme_read};
pub use score::table as fast;

pub use builder::{CategoryBuilder, IndicatorBuilder, SchemeBuilder};
pub use builtin::{
    builtin_names, builtin_rules, builtin_rules_json, builtin_scheme, builtin_scheme_json, example_names,
};
pub use error::{Error, ErrorCode, Issue, RecordError, SchemeError};
pub use explain::explain;
pub use number::RoundingMode;
pub use period::{CategoryRoll, Rollup, SubResult};
pub use record::{
    identity, CellRef, CorrectedRatings, CorrectionMark, CorrectionMethod, CsvChunk, CsvChunks, InputValue, Rating,
    Record, RecordFailure, WideLayout,
};
pub use rubric::{BandStep, Direction, InputKind, Level, Raw, Rubric};
pub use scheme::{
    Adjustment, Category, CmpOp, Effective, Grade, Indicator, IndicatorKind, Missing, MissingPolicy, PeriodKind,
    RaterGroup, Raters, Rounding, Scheme, SchemeDef, Shrinkage, TotalRule, UncertaintyRule, Veto, VetoEffect,
    VetoValue, VetoWhen, FORMAT,
};
pub use score::{
    entries_to_json, entry_to_json, entry_to_value, AdjustmentResult, BatchEntry, CategoryResult, CategoryStatus, Id,
    IndicatorResult, IndicatorStatus, NaReason, SchemeRef, Scorecard, Status,
};
pub use text::{Lang, Text};
pub use whatif::{WhatIf, WhatIfAnswer};

/// Decimal type used throughout (re-exported for convenience).
pub use rust_decimal::Decimal;

/// The Rust quick start (`docs/quickstart/rust.md`), compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/quickstart/rust.md")]
pub struct QuickstartRust;
