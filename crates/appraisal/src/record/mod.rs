//! Records (SPEC §6): the one-pass record check (every problem at once, document order) and
//! the wide tabular layout (CSV, DataFrames).

mod adjusted;
mod check;
mod input;
pub mod layout;
mod text;
pub mod wide;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use adjusted::{CorrectedRatings, CorrectionMark, CorrectionMethod, ShrunkValue};
pub use check::*;
pub use input::*;
pub use layout::{CellRef, CsvChunk, CsvChunks, WideLayout};
pub(crate) use text::json_headers;
