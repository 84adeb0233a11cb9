//! Base: exact numbers and the one rounding function, errors as data, bilingual text, JSON
//! and input reading at the edge, output made safe.

pub mod error;
pub mod exact;
pub mod ingest;
pub(crate) mod json;
pub mod number;
pub mod safe;
pub mod text;
