//! The result table built a column at a time straight from the table's integers (no decimal
//! value, no cell per row): what Arrow's `Decimal128` columns and the pages' result arrays are
//! made from. Numbers are at the scheme's fixed column scales ([`columns::number_scales`]), so
//! every slice of a stream has one schema; the layout is [`columns::header`]'s, and a bad row's
//! cells are [`columns::error_row`]'s, as everywhere.

use super::frame::Slot;
use super::scores::{NO_GRADE, NULL, NULL64};
use super::Frame;
use crate::error::{ErrorCode, Issue};
use crate::number::pow10;
use crate::scheme::Scheme;
use crate::score::columns::{self, Cell};
use std::collections::BTreeMap;

/// One result column, whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OutCol {
    /// Text: row r is `text[ends[r - 1]..ends[r]]`, null where `!valid[r]`.
    Text { text: String, ends: Vec<usize>, valid: Vec<bool> },
    /// Exact numbers: row r is `values[r] × 10^-scale`, null where `!valid[r]` (value 0).
    Dec { scale: u32, values: Vec<i128>, valid: Vec<bool> },
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Employee,
    Period,
    Status,
    Coverage,
    Category(usize),
    Base,
    Adjustment,
    Total,
    Rating,
    Natural,
    Grade,
    Vetoes,
    Errors,
}

/// The kinds of [`columns::header`]'s columns, in order.
fn kinds(scheme: &Scheme) -> Vec<Kind> {
    let mut k = vec![Kind::Employee, Kind::Period, Kind::Status, Kind::Coverage];
    k.extend((0..scheme.categories().len()).map(Kind::Category));
    k.extend([Kind::Base, Kind::Adjustment, Kind::Total]);
    if scheme.def().rating.is_some() {
        k.push(Kind::Rating);
    }
    k.extend([Kind::Natural, Kind::Grade, Kind::Vetoes, Kind::Errors]);
    k
}

/// `m × 10^-scale` at scale `to`: exact, or `None` when it needs more decimals (or digits).
fn rescale(m: i128, scale: u32, to: u32) -> Option<i128> {
    if scale <= to {
        m.checked_mul(pow10(to - scale)?)
    } else {
        let p = pow10(scale - to)?;
        (m % p == 0).then(|| m / p)
    }
}

impl Frame {
    /// The result table as whole columns, numbers at the scheme's fixed scales; an error
    /// naming the column when a number needs more decimals than its column has (never
    /// rounded).
    pub(crate) fn fixed_columns(&self, scheme: &Scheme) -> Result<Vec<OutCol>, Issue> {
        let n = self.len();
        let (t, s) = (&self.table, &self.scores);
        // Each row's table row, or its error cells (few).
        let mut at: Vec<Option<usize>> = Vec::with_capacity(n);
        let mut bad: BTreeMap<usize, Vec<Cell>> = BTreeMap::new();
        for (r, slot) in self.slots.iter().enumerate() {
            match slot {
                Slot::Row(i) if s.error(*i as usize).is_none() => at.push(Some(*i as usize)),
                _ => {
                    at.push(None);
                    if let Some((e, p, errors)) = self.failure(r) {
                        bad.insert(r, columns::error_row(scheme, e, p, errors));
                    }
                }
            }
        }
        let kinds = kinds(scheme);
        let scales = columns::number_scales(scheme);
        let header = columns::header(scheme);
        if kinds.len() != scales.len() || kinds.len() != header.len() {
            return Err(Issue::new(ErrorCode::InvalidValue, "", "the result layout is inconsistent"));
        }
        let rows = s.rows.len();
        let mut out = Vec::with_capacity(kinds.len());
        for (j, (kind, scale)) in kinds.iter().zip(&scales).enumerate() {
            let cell = |r: usize| bad.get(&r).and_then(|c| c.get(j));
            out.push(match scale {
                Some(to) => {
                    let (mut values, mut valid) = (Vec::with_capacity(n), Vec::with_capacity(n));
                    for (r, i) in at.iter().enumerate() {
                        let v: Option<(i128, u32)> = match (i, kind) {
                            (None, _) => match cell(r) {
                                Some(Cell::Number(d)) => Some((d.mantissa(), d.scale())),
                                _ => None,
                            },
                            (Some(i), Kind::Coverage) => Some((s.rows[*i].coverage, s.dp)),
                            (Some(i), Kind::Base) => Some((s.rows[*i].base, s.dp)),
                            (Some(i), Kind::Total) => Some((s.rows[*i].total, s.dp)),
                            (Some(i), Kind::Adjustment) => Some((s.rows[*i].adjustment_total, s.a_scale)),
                            (Some(i), Kind::Category(c)) => {
                                s.cat.get(c * rows + i).map(|&x| (if x == NULL64 { NULL } else { i128::from(x) }, s.dp))
                            }
                            (Some(i), Kind::Rating) => s.ratings.get(i).map(|d| (d.mantissa(), d.scale())),
                            (Some(_), _) => None,
                        };
                        match v.filter(|(m, _)| *m != NULL) {
                            None => {
                                values.push(0);
                                valid.push(false);
                            }
                            Some((m, sc)) => {
                                values.push(rescale(m, sc, *to).ok_or_else(|| {
                                    Issue::new(
                                        ErrorCode::InvalidValue,
                                        header[j].as_str(),
                                        format!("a result needs more decimals than the column's {to}"),
                                    )
                                })?);
                                valid.push(true);
                            }
                        }
                    }
                    OutCol::Dec { scale: *to, values, valid }
                }
                None => {
                    let (mut text, mut ends, mut valid) = (String::new(), Vec::with_capacity(n), Vec::with_capacity(n));
                    let grade = |g: u16| (g != NO_GRADE).then(|| s.grade_ids.get(usize::from(g))).flatten();
                    for (r, i) in at.iter().enumerate() {
                        let v: Option<&str> = match (i, kind) {
                            (None, _) => match cell(r) {
                                Some(Cell::Text(x)) => Some(x.as_str()),
                                _ => None,
                            },
                            (Some(i), Kind::Employee) => t.employee(*i),
                            (Some(i), Kind::Period) => t.period(*i),
                            (Some(i), Kind::Status) => {
                                Some(if s.rows[*i].status == 0 { "complete" } else { "incomplete" })
                            }
                            (Some(i), Kind::Natural) => grade(s.rows[*i].natural_grade).map(String::as_str),
                            (Some(i), Kind::Grade) => grade(s.rows[*i].grade).map(String::as_str),
                            (Some(i), Kind::Vetoes) => {
                                if s.any_veto(*i) {
                                    for (k, v) in s.vetoes(*i).iter().enumerate() {
                                        if k > 0 {
                                            text.push(';');
                                        }
                                        text.push_str(v);
                                    }
                                }
                                Some("")
                            }
                            (Some(_), _) => None,
                        };
                        if let Some(v) = v {
                            text.push_str(v);
                        }
                        valid.push(v.is_some());
                        ends.push(text.len());
                    }
                    OutCol::Text { text, ends, valid }
                }
            });
        }
        Ok(out)
    }
}
