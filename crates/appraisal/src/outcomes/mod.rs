//! The use of results (SPEC §7): result-application rules with the employee's history, pay
//! (bonus amounts, pool splits), and what-if.

pub mod history;
pub mod pay;
pub mod rules;
pub(crate) mod whatif;
