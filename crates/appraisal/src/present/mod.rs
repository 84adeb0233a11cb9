//! Presentation: the step-by-step explanation and the appraisal form (HTML, Markdown), zh/en.

pub mod calibration;
pub(crate) mod explain;
pub mod form;
pub mod report;
pub mod steps;
pub mod words;
#[cfg(feature = "xlsx")]
pub mod workbook;
