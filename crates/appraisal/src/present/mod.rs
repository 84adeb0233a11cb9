//! Presentation: the step-by-step explanation and the appraisal form (HTML, Markdown), zh/en.

pub mod calibration;
pub(crate) mod explain;
pub mod form;
pub mod report;
pub mod steps;
pub mod words;
#[cfg(feature = "xlsx")]
pub mod workbook;

use crate::text::Lang;
use rust_decimal::Decimal;

/// The English or the Chinese of a fixed label.
pub(crate) fn l(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// The mean of `xs`, one exact fraction rounded once like a score (the scheme's decimals and
/// mode); `None` for no values.
pub(crate) fn mean_rounded(xs: &[Decimal], dp: u32, mode: crate::number::RoundingMode) -> Option<Decimal> {
    use crate::exact::{Frac, X};
    let sum = xs.iter().fold(X::zero(), |a, x| a.add(&X::from(*x)));
    Frac::new(sum, X::from(xs.len() as u64)).and_then(|f| f.round(dp, mode))
}
