//! Governance (handbook chapter 6): the appraisal process and its audit log, who may see
//! what, and versioned schemes.

pub mod process;
pub mod versions;
pub mod visibility;
