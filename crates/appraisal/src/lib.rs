//! # appraisal
//!
//! Exact, explainable performance-appraisal scoring for customer-service centres, following
//! the project's normative SPEC: schemes of weighted indicator categories, rubrics that turn
//! raw values into scores, 360-degree ratings, missing-data policies, adjustments, vetoes and
//! grades, with every number an exact decimal.
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
#![deny(clippy::arithmetic_side_effects)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::arithmetic_side_effects))]

pub mod analytics;
pub mod apply;
mod builder;
mod builtin;
mod error;
pub mod exact;
mod explain;
pub mod fast;
pub mod form;
pub mod history;
pub mod ingest;
mod json;
pub mod number;
pub mod pay;
mod period;
pub mod population;
pub mod process;
mod record;
mod rubric;
pub mod safe;
mod scheme;
mod scheme_read;
mod score;
pub mod stored;
pub mod text;
pub mod versions;
pub mod visibility;
mod whatif;
pub mod wide;

pub use builder::{CategoryBuilder, IndicatorBuilder, SchemeBuilder};
pub use builtin::{builtin_names, builtin_rules, builtin_rules_json, builtin_scheme, builtin_scheme_json};
pub use error::{Error, ErrorCode, Issue, RecordError, SchemeError};
pub use explain::explain;
pub use number::RoundingMode;
pub use period::{CategoryRoll, Rollup, SubResult};
pub use record::{identity, InputValue, Rating, Record, RecordFailure};
pub use rubric::{BandStep, Direction, InputKind, Level, Raw, Rubric};
pub use scheme::{
    Adjustment, Category, CmpOp, Effective, Grade, Indicator, IndicatorKind, Missing, MissingPolicy, PeriodKind,
    RaterGroup, Raters, Rounding, Scheme, SchemeDef, TotalRule, Veto, VetoEffect, VetoValue, VetoWhen, FORMAT,
};
pub use score::{
    entries_to_json, entry_to_json, entry_to_value, AdjustmentResult, BatchEntry, CategoryResult, CategoryStatus,
    IndicatorResult, IndicatorStatus, NaReason, SchemeRef, Scorecard, Status,
};
pub use text::Text;
pub use whatif::{WhatIf, WhatIfAnswer};

/// Decimal type used throughout (re-exported for convenience).
pub use rust_decimal::Decimal;
