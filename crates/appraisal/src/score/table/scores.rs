//! The table's results: fixed-size rows, read back as decimals.

use super::*;
pub(super) const SCORED: u8 = 0;

pub(super) fn na_code(r: NaReason) -> u8 {
    match r {
        NaReason::MissingValue => 1,
        NaReason::InsufficientSample => 2,
        NaReason::InsufficientRaters => 3,
        NaReason::OutOfScope => 4,
    }
}

pub(super) fn na_reason(c: u8) -> Option<NaReason> {
    match c {
        1 => Some(NaReason::MissingValue),
        2 => Some(NaReason::InsufficientSample),
        3 => Some(NaReason::InsufficientRaters),
        4 => Some(NaReason::OutOfScope),
        _ => None,
    }
}

pub(super) const CAT_SCORED: u8 = 0;
pub(super) const CAT_NA: u8 = 1;
pub(super) const CAT_VETOED: u8 = 2;

/// One row's fixed-size results (scores at scale dp; `NULL` is null).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RowOut {
    pub(super) base: i128,
    pub(super) total: i128,
    pub(super) coverage: i128,
    /// A at the plan's adjustment scale (`TableScores::a_scale`).
    pub(super) adjustment_total: i128,
    pub(super) natural_grade: u16,
    pub(super) grade: u16,
    /// 0 complete, 1 incomplete, 2 error.
    pub(super) status: u8,
    pub(super) general: bool,
}

pub(super) const NO_GRADE: u16 = u16::MAX;
pub(super) const NULL: i128 = i128::MIN;
pub(super) const NULL64: i64 = i64::MIN;

pub(super) const EMPTY_ROW: RowOut = RowOut {
    base: NULL,
    total: NULL,
    coverage: NULL,
    adjustment_total: 0,
    natural_grade: NO_GRADE,
    grade: NO_GRADE,
    status: 2,
    general: true,
};

/// The results of scoring a [`Table`]: columns of exact numbers, one row per table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableScores {
    pub(super) dp: u32,
    pub(super) a_scale: u32,
    pub(super) n_ind: usize,
    pub(super) n_cat: usize,
    pub(super) grade_ids: Vec<String>,
    pub(super) veto_ids: Vec<String>,
    pub(super) rows: Vec<RowOut>,
    /// Indicator scores and N/A codes, column-major: indicator k of row i at `k * len + i`.
    pub(super) ind: Vec<i64>,
    pub(super) ind_na: Vec<u8>,
    /// Category scores and statuses, column-major likewise.
    pub(super) cat: Vec<i64>,
    pub(super) cat_status: Vec<u8>,
    /// Fired veto indices: row r's are `vetoes[veto_start[r]..veto_start[r + 1]]`.
    pub(super) veto_start: Vec<u32>,
    pub(super) vetoes: Vec<u16>,
    pub(super) errors: BTreeMap<usize, RecordError>,
    /// Format 2: whether the scheme has a rating map, and each row's rating (SPEC §8.2).
    pub(super) has_rating: bool,
    pub(super) ratings: BTreeMap<usize, Decimal>,
}

/// Scratch space reused across rows (no allocation per record).
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) scores: Vec<i64>,
    pub(super) kept: Vec<(i128, i128, u128)>,
    pub(super) fired: Vec<u16>,
}

impl TableScores {
    pub(super) fn new(s: &Scheme, a_scale: u32, rows: usize) -> Self {
        let n_ind = s.flat.len();
        let n_cat = s.def.categories.len();
        Self {
            dp: s.def.rounding.dp,
            a_scale,
            n_ind,
            n_cat,
            grade_ids: s.def.grades.iter().map(|g| g.id.clone()).collect(),
            veto_ids: s.def.vetoes.iter().map(|v| v.id.clone()).collect(),
            rows: vec![EMPTY_ROW; rows],
            ind: vec![NULL64; rows * n_ind],
            ind_na: vec![SCORED; rows * n_ind],
            cat: vec![NULL64; rows * n_cat],
            cat_status: vec![CAT_NA; rows * n_cat],
            veto_start: Vec::with_capacity(rows + 1),
            vetoes: Vec::new(),
            errors: BTreeMap::new(),
            has_rating: s.def.rating.is_some(),
            ratings: BTreeMap::new(),
        }
    }

    /// The parts' rows one after the other (the parts of one table, in order).
    #[cfg(feature = "parallel")]
    pub(super) fn concat(s: &Scheme, a_scale: u32, parts: Vec<Self>) -> Self {
        let len: usize = parts.iter().map(|p| p.rows.len()).sum();
        let mut out = Self::new(s, a_scale, 0);
        out.veto_start.push(0);
        for k in 0..out.n_ind {
            for p in &parts {
                let n = p.rows.len();
                out.ind.extend_from_slice(&p.ind[k * n..(k + 1) * n]);
                out.ind_na.extend_from_slice(&p.ind_na[k * n..(k + 1) * n]);
            }
        }
        for c in 0..out.n_cat {
            for p in &parts {
                let n = p.rows.len();
                out.cat.extend_from_slice(&p.cat[c * n..(c + 1) * n]);
                out.cat_status.extend_from_slice(&p.cat_status[c * n..(c + 1) * n]);
            }
        }
        for p in parts {
            let offset = out.rows.len();
            let base = out.vetoes.len() as u32;
            out.rows.extend_from_slice(&p.rows);
            out.veto_start.extend(p.veto_start.iter().skip(1).map(|s| s + base));
            out.vetoes.extend_from_slice(&p.vetoes);
            out.errors.extend(p.errors.into_iter().map(|(r, e)| (r + offset, e)));
            out.ratings.extend(p.ratings.into_iter().map(|(r, x)| (r + offset, x)));
        }
        debug_assert_eq!(out.rows.len(), len);
        out
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
    /// How many rows the general `Decimal` path scored (values outside the integer range, or
    /// error rows).
    pub fn general_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.general).count()
    }
    pub(super) fn dec(&self, x: i128) -> Option<Decimal> {
        (x != NULL).then(|| decimal(x, self.dp)).flatten()
    }
    pub(super) fn row(&self, i: usize) -> Option<&RowOut> {
        self.rows.get(i).filter(|r| r.status != 2)
    }
    /// The errors of row `i` when the record is an error (e.g. the `error` missing-data policy).
    pub fn error(&self, i: usize) -> Option<&RecordError> {
        self.errors.get(&i)
    }
    /// Complete or incomplete; `None` for an error row.
    pub fn status(&self, i: usize) -> Option<Status> {
        self.row(i).map(|r| if r.status == 0 { Status::Complete } else { Status::Incomplete })
    }
    /// Total T (dp decimals).
    pub fn total(&self, i: usize) -> Option<Decimal> {
        self.row(i).and_then(|r| self.dec(r.total))
    }
    /// Base B (dp decimals).
    pub fn base(&self, i: usize) -> Option<Decimal> {
        self.row(i).and_then(|r| self.dec(r.base))
    }
    /// Coverage K (dp decimals).
    pub fn coverage(&self, i: usize) -> Option<Decimal> {
        self.row(i).and_then(|r| self.dec(r.coverage))
    }
    /// A, after the overall limits (exact, trailing zeros removed).
    pub fn adjustment_total(&self, i: usize) -> Option<Decimal> {
        self.row(i).and_then(|r| decimal(r.adjustment_total, self.a_scale)).map(|d| d.normalize())
    }
    /// The grade after caps.
    pub fn grade(&self, i: usize) -> Option<&str> {
        self.row(i).and_then(|r| self.grade_ids.get(usize::from(r.grade))).map(String::as_str)
    }
    /// The grade before caps.
    pub fn natural_grade(&self, i: usize) -> Option<&str> {
        self.row(i).and_then(|r| self.grade_ids.get(usize::from(r.natural_grade))).map(String::as_str)
    }
    /// Indicator `k` (scheme order) of row `i`: its score (null when N/A, 0 under the `zero`
    /// policy) and its N/A reason.
    pub fn indicator(&self, i: usize, k: usize) -> Option<(Option<Decimal>, Option<NaReason>)> {
        self.row(i)?;
        if k >= self.n_ind {
            return None;
        }
        let at = k * self.rows.len() + i;
        let s = self.ind[at];
        Some(((s != NULL64).then(|| decimal(i128::from(s), self.dp)).flatten(), na_reason(self.ind_na[at])))
    }
    /// Category `c` (scheme order) of row `i`: its status and score.
    pub fn category(&self, i: usize, c: usize) -> Option<(CategoryStatus, Option<Decimal>)> {
        self.row(i)?;
        if c >= self.n_cat {
            return None;
        }
        let at = c * self.rows.len() + i;
        let s = self.cat[at];
        let status = match self.cat_status[at] {
            CAT_SCORED => CategoryStatus::Scored,
            CAT_VETOED => CategoryStatus::Vetoed,
            _ => CategoryStatus::NotApplicable,
        };
        Some((status, (s != NULL64).then(|| decimal(i128::from(s), self.dp)).flatten()))
    }
    /// Whether any veto fired on row `i` (without collecting them).
    pub fn any_veto(&self, i: usize) -> bool {
        self.row(i).is_some() && self.veto_start.get(i + 1).zip(self.veto_start.get(i)).is_some_and(|(b, a)| b > a)
    }

    /// Fired veto ids of row `i`, in scheme order.
    pub fn vetoes(&self, i: usize) -> Vec<&str> {
        if self.row(i).is_none() {
            return Vec::new();
        }
        let (a, b) = (self.veto_start[i] as usize, self.veto_start[i + 1] as usize);
        self.vetoes[a..b].iter().filter_map(|&v| self.veto_ids.get(usize::from(v)).map(String::as_str)).collect()
    }

    /// Whether row `i` carries exactly the numbers, statuses, grades and vetoes of `card`
    /// (everything but the explanations, which the table path does not build).
    pub fn agrees_with(&self, i: usize, card: &Scorecard) -> bool {
        let inds = card.indicators.iter().enumerate().all(|(k, r)| self.indicator(i, k) == Some((r.score, r.reason)));
        let cats = card.categories.iter().enumerate().all(|(c, r)| self.category(i, c) == Some((r.status, r.score)));
        inds && cats
            && self.status(i) == Some(card.status)
            && self.total(i) == card.total
            && self.base(i) == card.base
            && self.coverage(i) == Some(card.coverage)
            && self.adjustment_total(i) == Some(card.adjustment_total)
            && self.grade(i) == card.grade.as_deref()
            && self.natural_grade(i) == card.natural_grade.as_deref()
            && self.vetoes(i) == card.vetoes.iter().map(crate::score::Id::as_str).collect::<Vec<_>>()
            && self.rating(i) == card.rating
    }

    /// Row `i`'s rating beside the total (SPEC §8.2): `None` when the scheme has no rating
    /// map; `Some(None)` when the row's total (or the row) is null.
    pub fn rating(&self, i: usize) -> Option<Option<Decimal>> {
        self.has_rating.then(|| self.ratings.get(&i).copied())
    }

    /// Row `i` from a scorecard of the general path (vetoes: append in row order).
    pub(super) fn set_card(&mut self, s: &Scheme, i: usize, card: &Scorecard) {
        let n = self.rows.len();
        let int = |d: Option<Decimal>, scale: u32| -> i128 {
            d.and_then(|d| {
                let mut d = d;
                d.rescale(scale);
                (d.scale() == scale).then(|| d.mantissa())
            })
            .unwrap_or(NULL)
        };
        let dp = self.dp;
        for (k, r) in card.indicators.iter().enumerate() {
            self.ind[k * n + i] = i64::try_from(int(r.score, dp)).unwrap_or(NULL64);
            self.ind_na[k * n + i] = r.reason.map_or(SCORED, na_code);
        }
        for (c, r) in card.categories.iter().enumerate() {
            self.cat[c * n + i] = i64::try_from(int(r.score, dp)).unwrap_or(NULL64);
            self.cat_status[c * n + i] = match r.status {
                CategoryStatus::Scored => CAT_SCORED,
                CategoryStatus::NotApplicable => CAT_NA,
                CategoryStatus::Vetoed => CAT_VETOED,
            };
        }
        for v in &card.vetoes {
            if let Some(p) = s.def.vetoes.iter().position(|x| x.id == v) {
                self.vetoes.push(p as u16);
            }
        }
        self.veto_start.push(self.vetoes.len() as u32);
        if let Some(Some(r)) = card.rating {
            self.ratings.insert(i, r);
        }
        let g = |id: &Option<crate::score::Id>| {
            id.as_ref().and_then(|id| s.def.grades.iter().position(|x| x.id == *id)).map_or(NO_GRADE, |p| p as u16)
        };
        self.rows[i] = RowOut {
            base: int(card.base, dp),
            total: int(card.total, dp),
            coverage: int(Some(card.coverage), dp),
            adjustment_total: int(Some(card.adjustment_total), self.a_scale),
            natural_grade: g(&card.natural_grade),
            grade: g(&card.grade),
            status: if card.status == Status::Complete { 0 } else { 1 },
            general: true,
        };
    }

    pub(super) fn set_error(&mut self, i: usize, e: RecordError) {
        let n = self.rows.len();
        for k in 0..self.n_ind {
            self.ind[k * n + i] = NULL64;
            self.ind_na[k * n + i] = SCORED;
        }
        for c in 0..self.n_cat {
            self.cat[c * n + i] = NULL64;
            self.cat_status[c * n + i] = CAT_NA;
        }
        self.veto_start.push(self.vetoes.len() as u32);
        self.rows[i] = EMPTY_ROW;
        self.errors.insert(i, e);
    }
}
