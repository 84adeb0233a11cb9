//! The scheme (考核方案, SPEC §1–2, §5): the typed model, reading and validating its JSON
//! (every problem at once), a builder, and the built-in handbook schemes.

pub(crate) mod builder;
pub(crate) mod builtin;
mod format2;
mod model;
pub(crate) mod read;
mod shape;

pub use format2::*;
pub use model::*;
