//! Records (SPEC §6): the one-pass record check (every problem at once, document order) and
//! the wide tabular layout (CSV, DataFrames).

mod check;
mod input;
pub mod layout;
pub mod wide;

pub use check::*;
pub use input::*;
pub use layout::{CellRef, CsvChunk, CsvChunks, WideLayout};
