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
#[inline]
fn rescale(m: i128, scale: u32, to: u32) -> Option<i128> {
    if scale == to {
        Some(m) // the usual case: no 128-bit multiplication
    } else if scale < to {
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
        self.fixed_columns_from(scheme, 0, false)
    }

    /// [`Frame::fixed_columns`] from column `first` on (the ones before it left empty, and the
    /// status and grade columns too when `coded`: [`Frame::typed_columns`] codes those itself).
    fn fixed_columns_from(&self, scheme: &Scheme, first: usize, coded: bool) -> Result<Vec<OutCol>, Issue> {
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
            if j < first || (coded && matches!(kind, Kind::Status | Kind::Natural | Kind::Grade)) {
                out.push(OutCol::Text { text: String::new(), ends: Vec::new(), valid: Vec::new() });
                continue;
            }
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

/// `t` as a JSON string.
pub(super) fn json_text(out: &mut String, t: &str) {
    if t.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.push_str(&serde_json::Value::from(t).to_string());
    } else {
        out.push('"');
        out.push_str(t);
        out.push('"');
    }
}

/// `m × 10^-scale` as `Decimal`'s text (`86.30`, `-0.05`; zero unsigned), trailing zeros
/// removed with `normalize`.
fn push_scaled(out: &mut String, mut m: i128, mut scale: u32, normalize: bool) {
    while normalize && scale > 0 && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    if m < 0 {
        out.push('-');
    }
    // The digits, last first, without the formatter (64-bit divisions where they fit).
    let mut buf = [0u8; 40];
    let mut len = 0;
    let mut u = m.unsigned_abs();
    while u > u128::from(u64::MAX) {
        buf[len] = b'0' + (u % 10) as u8;
        u /= 10;
        len += 1;
    }
    let mut v = u as u64;
    loop {
        buf[len] = b'0' + (v % 10) as u8;
        v /= 10;
        len += 1;
        if v == 0 {
            break;
        }
    }
    let s = scale as usize;
    let digit = |k: usize| char::from(buf[k]);
    if len <= s {
        out.push_str("0.");
        (len..s).for_each(|_| out.push('0'));
        (0..len).rev().for_each(|k| out.push(digit(k)));
    } else {
        (s..len).rev().for_each(|k| out.push(digit(k)));
        if s > 0 {
            out.push('.');
            (0..s).rev().for_each(|k| out.push(digit(k)));
        }
    }
}

impl Frame {
    /// Each result column as a JSON array (`["86.30", null, …]`, the text of
    /// [`Frame::to_columns_json`]) straight from the table's integers; `None` when a column
    /// is not at a fixed scale (a rating map's ratings) or a number does not fit its column.
    pub(super) fn json_columns(&self, scheme: &Scheme) -> Option<Vec<String>> {
        if scheme.def().rating.is_some() {
            return None;
        }
        let adjustment = scheme.categories().len() + 5;
        let cols = self.fixed_columns(scheme).ok()?;
        Some(
            cols.iter()
                .enumerate()
                .map(|(j, c)| {
                    let mut out = String::with_capacity(self.len().saturating_mul(8).saturating_add(2));
                    out.push('[');
                    match c {
                        OutCol::Dec { scale, values, valid } => {
                            for (r, (m, v)) in values.iter().zip(valid).enumerate() {
                                if r > 0 {
                                    out.push(',');
                                }
                                if *v {
                                    out.push('"');
                                    push_scaled(&mut out, *m, *scale, j == adjustment);
                                    out.push('"');
                                } else {
                                    out.push_str("null");
                                }
                            }
                        }
                        OutCol::Text { text, ends, valid } => {
                            let mut start = 0;
                            for (r, (end, v)) in ends.iter().zip(valid).enumerate() {
                                if r > 0 {
                                    out.push(',');
                                }
                                match text.get(start..*end) {
                                    Some(t) if *v => json_text(&mut out, t),
                                    _ => out.push_str("null"),
                                }
                                start = *end;
                            }
                        }
                    }
                    out
                })
                .collect(),
        )
    }
}

/// One result column of [`Frame::typed_columns`]: what a page's typed arrays are made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedColumn {
    /// Exact numbers as integers at one scale: row r is `mantissa[r] × 10^-scale`, null where
    /// `!valid[r]`.
    Decimal {
        /// The column's scale (the scheme's, fixed).
        scale: u32,
        /// Each row's integer at that scale (0 where null).
        mantissa: Vec<i128>,
        /// Whether each row has a value.
        valid: Vec<bool>,
    },
    /// Text as codes into a list of labels (first seen first): row r is
    /// `labels[codes[r]]`, null where `codes[r]` is -1.
    Coded {
        /// The column's distinct texts.
        labels: Vec<String>,
        /// Each row's label, or -1.
        codes: Vec<i32>,
    },
}

impl Frame {
    /// The result table without its identity columns (row r is input row r, whose employee and
    /// period the caller holds), numbers as integers at the scheme's fixed scales and text
    /// coded against its distinct values: `(name, column)` in [`columns::header`] order. An
    /// error naming the column when a number does not fit its column's scale.
    pub fn typed_columns(&self, scheme: &Scheme) -> Result<Vec<(String, TypedColumn)>, Issue> {
        let header = columns::header(scheme);
        let cols = self.fixed_columns_from(scheme, 2, true)?;
        Ok(header
            .into_iter()
            .zip(cols)
            .zip(kinds(scheme))
            .skip(2)
            .map(|((name, c), kind)| {
                if let Some(coded) = self.coded(&kind) {
                    return (name, coded);
                }
                let col = match c {
                    OutCol::Dec { scale, values, valid } => TypedColumn::Decimal { scale, mantissa: values, valid },
                    OutCol::Text { text, ends, valid } => {
                        let mut labels: Vec<String> = Vec::new();
                        let mut seen: std::collections::HashMap<&str, i32> = std::collections::HashMap::new();
                        let mut codes = Vec::with_capacity(ends.len());
                        let mut start = 0;
                        let mut last: Option<(&str, i32)> = None;
                        for (end, v) in ends.iter().zip(&valid) {
                            let t = text.get(start..*end).unwrap_or_default();
                            start = *end;
                            codes.push(if !*v {
                                -1
                            } else if let Some((_, c)) = last.filter(|(l, _)| *l == t) {
                                c // the usual run of one grade or status: no hash
                            } else if let Some(&c) = seen.get(t) {
                                last = Some((t, c));
                                c
                            } else {
                                let c = i32::try_from(labels.len()).unwrap_or(i32::MAX);
                                labels.push(t.to_string());
                                seen.insert(t, c);
                                last = Some((t, c));
                                c
                            });
                        }
                        TypedColumn::Coded { labels, codes }
                    }
                };
                (name, col)
            })
            .collect())
    }

    /// The status, natural-grade or grade column coded straight from the scores (labels in
    /// order of first appearance, -1 for none): what re-coding the column's text would give,
    /// without writing the text. `None` for any other column.
    fn coded(&self, kind: &Kind) -> Option<TypedColumn> {
        let s = &self.scores;
        let status = matches!(kind, Kind::Status);
        let grade = |g: u16| (g != NO_GRADE).then_some(usize::from(g)).filter(|&g| g < s.grade_ids.len());
        // A label's place among the fixed ones: complete, incomplete, error; or the grade's.
        let label = |k: usize| -> &str {
            if status {
                ["complete", "incomplete", "error"].get(k).copied().unwrap_or_default()
            } else {
                s.grade_ids.get(k).map_or("", String::as_str)
            }
        };
        if !matches!(kind, Kind::Status | Kind::Natural | Kind::Grade) {
            return None;
        }
        let mut code_of = vec![-1i32; if status { 3 } else { s.grade_ids.len() }];
        let (mut labels, mut codes) = (Vec::new(), Vec::with_capacity(self.slots.len()));
        for slot in &self.slots {
            let row = match slot {
                Slot::Row(i) if s.error(*i as usize).is_none() => s.rows.get(*i as usize),
                _ => None,
            };
            let k = match (kind, row) {
                (Kind::Status, None) => Some(2),
                (Kind::Status, Some(r)) => Some(usize::from(r.status != 0)),
                (Kind::Natural, Some(r)) => grade(r.natural_grade),
                (Kind::Grade, Some(r)) => grade(r.grade),
                _ => None,
            };
            codes.push(match k.and_then(|k| code_of.get_mut(k).map(|c| (k, c))) {
                None => -1,
                Some((k, c)) => {
                    if *c < 0 {
                        *c = i32::try_from(labels.len()).unwrap_or(i32::MAX);
                        labels.push(label(k).to_owned());
                    }
                    *c
                }
            });
        }
        Some(TypedColumn::Coded { labels, codes })
    }
}

#[cfg(test)]
mod tests {
    use super::push_scaled;

    #[test]
    fn scaled_integers_read_as_decimals_text() {
        let text = |m: i128, s: u32, n: bool| {
            let mut o = String::new();
            push_scaled(&mut o, m, s, n);
            o
        };
        // Worked by hand: 8630 at 2 decimals is 86.30; 5 is 0.05; -5 is -0.05; 0 is 0.00.
        assert_eq!(text(8630, 2, false), "86.30");
        assert_eq!(text(5, 2, false), "0.05");
        assert_eq!(text(-5, 2, false), "-0.05");
        assert_eq!(text(0, 2, false), "0.00");
        assert_eq!(text(-600, 2, true), "-6");
        assert_eq!(text(-650, 2, true), "-6.5");
        assert_eq!(text(0, 3, true), "0");
        assert_eq!(text(12, 0, false), "12");
        // And as rust_decimal writes them, on a grid.
        for m in [-123_456i128, -1000, -1, 0, 1, 7, 10, 99, 100, 123_456_789] {
            for s in 0..6u32 {
                let d = rust_decimal::Decimal::from_i128_with_scale(m, s);
                assert_eq!(text(m, s, false), d.to_string(), "{m} {s}");
                assert_eq!(text(m, s, true), d.normalize().to_string(), "{m} {s} normalized");
            }
        }
    }
}
