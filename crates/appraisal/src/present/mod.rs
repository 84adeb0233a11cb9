//! Presentation: the step-by-step explanation and the appraisal form (HTML, Markdown), zh/en.

pub(crate) mod explain;
pub mod form;
pub mod reliability;
pub mod steps;
pub mod words;
