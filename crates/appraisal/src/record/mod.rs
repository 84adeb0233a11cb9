//! Records (SPEC §6): the one-pass record check (every problem at once, document order) and
//! the wide tabular layout (CSV, DataFrames).

mod check;
mod corrected;
mod input;
pub mod layout;
mod text;
pub mod wide;

pub use check::*;
pub use corrected::{CorrectedRatings, CorrectionMark, CorrectionMethod};
pub use input::*;
pub use layout::{CellRef, CsvChunk, CsvChunks, WideLayout};
pub(crate) use text::json_headers;
