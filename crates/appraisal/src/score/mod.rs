//! Scoring (SPEC §3–5): the general pipeline (one record, front to back: indicators with
//! their raters, N/A, categories, vetoes, base, adjustments, total, grade) and the fast exact
//! table path (a population as typed columns, the same numbers).

pub mod columns;
mod format2;
mod pipeline;
mod raters;
mod results;
pub mod table;
pub(crate) mod vetoes;

pub(crate) use pipeline::lcm;
pub use results::*;
