//! Populations (SPEC §7): roll-ups over periods, forced distribution, indicator analytics,
//! and stored results read back for them.

pub mod analytics;
mod distribution;
mod quotas;
pub(crate) mod rollup;
pub mod stored;

pub use distribution::*;
pub use quotas::*;
