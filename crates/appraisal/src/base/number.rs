//! Exact decimals: parsing in JSON-number grammar, the rounding function R(x) of SPEC §0,
//! and the two output formats (fixed `dp` decimals; exact with trailing zeros removed).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Largest magnitude accepted for any decimal in a scheme or a record (10^12).
///
/// Far above any appraisal quantity, and low enough that no formula of the core can overflow
/// the 96-bit decimal mantissa (see docs/semantics.md, "Limits").
pub const MAX_MAGNITUDE: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// Decimals of money amounts when neither the scheme nor the caller says (SPEC §0).
pub const DEFAULT_MONEY_DP: u32 = 2;

/// The language of texts when the caller does not say.
pub const DEFAULT_LANG: &str = "en";

/// Largest count (events, samples) accepted: 10^9.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// Input limits (each enforced with the code `limit_exceeded`, path at the offending item).
pub mod limits {
    /// Scheme JSON text, in bytes.
    pub const SCHEME_BYTES: usize = 4 << 20;
    /// Record JSON text, in bytes.
    pub const RECORD_BYTES: usize = 1 << 20;
    /// Categories in a scheme.
    pub const CATEGORIES: usize = 100;
    /// Indicators in a scheme (all categories).
    pub const INDICATORS: usize = 1000;
    /// Points, band steps or scale levels in one rubric.
    pub const RUBRIC_STEPS: usize = 500;
    /// Rater groups of one indicator.
    pub const RATER_GROUPS: usize = 50;
    /// Ratings of one indicator in one record.
    pub const RATINGS: usize = 10_000;
    /// Adjustments, vetoes or grades in a scheme (each).
    pub const ITEMS: usize = 1000;
    /// Sub-periods (or components) in one roll-up.
    pub const SUB_PERIODS: usize = 1000;
}

/// How R(x) breaks ties (SPEC §0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Half away from zero (四舍五入), the default.
    #[default]
    HalfUp,
    /// Half to even (banker's rounding).
    HalfEven,
    /// Toward zero (truncation).
    Down,
}

impl RoundingMode {
    /// Parses the JSON spelling (`half_up`, `half_even`, `down`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "half_up" => Some(Self::HalfUp),
            "half_even" => Some(Self::HalfEven),
            "down" => Some(Self::Down),
            _ => None,
        }
    }

    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HalfUp => "half_up",
            Self::HalfEven => "half_even",
            Self::Down => "down",
        }
    }

    /// The one rounding decision of the library (SPEC §0): whether a quotient moves away from
    /// zero, given how twice the remainder compares with the divisor and whether the
    /// truncated quotient is odd. Every path (exact fractions, the table path's 64- and
    /// 128-bit divisions, R(x) on a decimal) decides through here.
    #[inline]
    pub fn away_from_zero(self, twice_remainder: std::cmp::Ordering, odd: bool) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            Self::Down => false,
            Self::HalfUp => twice_remainder != Less,
            Self::HalfEven => twice_remainder == Greater || (twice_remainder == Equal && odd),
        }
    }

    fn strategy(self) -> RoundingStrategy {
        match self {
            Self::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Self::HalfEven => RoundingStrategy::MidpointNearestEven,
            Self::Down => RoundingStrategy::ToZero,
        }
    }
}

/// R(x): rounds `x` to `dp` decimals with `mode`, and gives the result exactly `dp` decimals
/// of scale (so that it prints as "87.50"). A zero never carries a minus sign.
pub fn round(x: Decimal, dp: u32, mode: RoundingMode) -> Decimal {
    // The one rounding function: R(x) is the fraction x / 1 rounded once.
    match crate::exact::Frac::from(x).round(dp, mode) {
        Some(r) => r,
        // Only beyond the decimal type (dp > 28 or a 29-digit result): the type's own rounding.
        None => {
            let mut r = x.round_dp_with_strategy(dp, mode.strategy());
            r.rescale(dp);
            if r.is_zero() {
                r.set_sign_positive(true);
            }
            r
        }
    }
}

/// Rounds down (toward zero) to `dp` decimals, whatever the scheme's mode (money splits).
pub fn round_down(x: Decimal, dp: u32) -> Decimal {
    round(x, dp, RoundingMode::Down)
}

/// The exact value with trailing zeros removed ("2", "1.5", "-0.25"); never "-0".
pub fn exact(x: Decimal) -> Decimal {
    let mut r = x.normalize();
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r
}

/// Displays [`exact`]`(x)` ("2", "1.5", "-0.25"; never "-0") straight from the mantissa:
/// the same text as `exact(x).to_string()` without a formatter round trip, for texts
/// written once per scored indicator (rule steps).
#[derive(Debug, Clone, Copy)]
pub struct ExactText(pub Decimal);

impl ExactText {
    /// The text, written from the end of `buf` (at most 29 digits, "0." and 27 zeros, and a
    /// sign); 64-bit arithmetic whenever the mantissa fits, as it nearly always does.
    pub(crate) fn write<'b>(&self, buf: &'b mut [u8; 64]) -> &'b str {
        // One body for 64- and 128-bit mantissas (the literal divisor is never zero).
        macro_rules! digits {
            ($m:expr) => {{
                let (mut m, mut s) = ($m, self.0.scale());
                while s > 0 && m % 10 == 0 {
                    m /= 10;
                    s = s.saturating_sub(1);
                }
                let negative = self.0.is_sign_negative() && m != 0;
                let mut at = buf.len();
                let mut put = |b: u8| {
                    at = at.saturating_sub(1);
                    if let Some(slot) = buf.get_mut(at) {
                        *slot = b;
                    }
                };
                let mut k = 0u32;
                loop {
                    put(b'0'.saturating_add((m % 10) as u8));
                    m /= 10;
                    k = k.saturating_add(1);
                    if k == s {
                        put(b'.');
                        if m == 0 {
                            put(b'0');
                            break;
                        }
                    } else if m == 0 && k > s {
                        break;
                    }
                }
                if negative {
                    put(b'-');
                }
                at
            }};
        }
        let m = self.0.mantissa().unsigned_abs();
        let at = match u64::try_from(m) {
            Ok(m) => digits!(m),
            Err(_) => digits!(m),
        };
        std::str::from_utf8(buf.get(at..).unwrap_or_default()).unwrap_or_default()
    }

    /// Appends the text to `out` (no formatter).
    pub fn push_to(&self, out: &mut String) {
        out.push_str(self.write(&mut [0u8; 64]));
    }
}

impl std::fmt::Display for ExactText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.write(&mut [0u8; 64]))
    }
}

/// Why a text is not a decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not in JSON-number grammar (`+5`, `.5`, `1_000`, `93%`, ``).
    Grammar,
    /// In grammar, but beyond the exact range of the decimal type or [`MAX_MAGNITUDE`].
    TooLarge,
    /// In grammar, but with more significant digits than the decimal type holds exactly.
    TooPrecise,
}

impl NumberError {
    /// A human explanation.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Grammar => "not a number in JSON-number grammar (e.g. -12.5, 3, 1e2)",
            Self::TooLarge => "magnitude exceeds the supported limit of 1e12",
            Self::TooPrecise => "more significant digits than can be held exactly (28)",
        }
    }
}

/// Parses a decimal written in JSON-number grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
/// The value is exact; the written scale is kept ("80.0" stays 80.0).
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    match parse_plain(text) {
        Some(d) => Ok(d),
        None => parse_general(text),
    }
}

/// [`parse_decimal`] for every text (exponents, long digit strings, zeros, errors).
fn parse_general(text: &str) -> Result<Decimal, NumberError> {
    let b = text.as_bytes();
    let mut i: usize = 0;
    let neg = b.first() == Some(&b'-');
    if neg {
        i = i.saturating_add(1);
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i = i.saturating_add(1);
    }
    let int_digits = &text[int_start..i];
    if int_digits.is_empty() || (int_digits.len() > 1 && int_digits.starts_with('0')) {
        return Err(NumberError::Grammar);
    }
    let mut frac_digits = "";
    if i < b.len() && b[i] == b'.' {
        i = i.saturating_add(1);
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i = i.saturating_add(1);
        }
        frac_digits = &text[s..i];
        if frac_digits.is_empty() {
            return Err(NumberError::Grammar);
        }
    }
    let mut exp: i64 = 0;
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i = i.saturating_add(1);
        let mut eneg = false;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            eneg = b[i] == b'-';
            i = i.saturating_add(1);
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i = i.saturating_add(1);
        }
        let digits = &text[s..i];
        if digits.is_empty() {
            return Err(NumberError::Grammar);
        }
        // Exponents beyond a few hundred can never give an accepted value.
        let trimmed = digits.trim_start_matches('0');
        if trimmed.len() > 6 {
            return Err(if eneg { NumberError::TooPrecise } else { NumberError::TooLarge });
        }
        exp = trimmed.parse::<i64>().unwrap_or(0);
        if eneg {
            exp = exp.saturating_neg();
        }
    }
    if i != b.len() {
        return Err(NumberError::Grammar);
    }
    // Significant digits: integer and fraction digits without leading zeros.
    let mut digits: String = String::with_capacity(int_digits.len().saturating_add(frac_digits.len()));
    digits.push_str(int_digits);
    digits.push_str(frac_digits);
    let mut scale: i64 = (frac_digits.len() as i64).saturating_sub(exp);
    let sig = digits.trim_start_matches('0');
    if sig.is_empty() {
        // Zero, whatever its written scale.
        return Ok(Decimal::ZERO);
    }
    let mut sig = sig.to_string();
    if scale < 0 {
        // Positive exponent beyond the written decimals: append zeros.
        let zeros = usize::try_from(scale.saturating_neg()).map_err(|_| NumberError::TooLarge)?;
        if sig.len().saturating_add(zeros) > 29 {
            return Err(NumberError::TooLarge);
        }
        sig.extend(std::iter::repeat_n('0', zeros));
        scale = 0;
    }
    // Drop trailing zeros that only lengthen the scale or the digits.
    while (scale > 28 || sig.len() > 28) && scale > 0 && sig.ends_with('0') {
        sig.pop();
        scale = scale.saturating_sub(1);
    }
    if scale > 28 {
        return Err(NumberError::TooPrecise);
    }
    if sig.len() > 28 {
        return Err(if (sig.len() as i64).saturating_sub(scale) > 13 {
            NumberError::TooLarge
        } else {
            NumberError::TooPrecise
        });
    }
    let mantissa: i128 = sig.parse::<i128>().map_err(|_| NumberError::TooLarge)?;
    let scale_u = u32::try_from(scale).map_err(|_| NumberError::TooPrecise)?;
    let mut d = Decimal::try_from_i128_with_scale(if neg { mantissa.saturating_neg() } else { mantissa }, scale_u)
        .map_err(|_| NumberError::TooPrecise)?;
    if d.abs() > MAX_MAGNITUDE {
        return Err(NumberError::TooLarge);
    }
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    Ok(d)
}

/// Appends `d` as `Decimal`'s `Display` writes it (`87.50`, `-0.05`, `0`), without the
/// formatting machinery for the common case (a mantissa of at most 64 bits).
pub fn write_decimal(out: &mut String, d: Decimal) {
    let m = d.mantissa();
    let (Ok(abs), false) = (u64::try_from(m.unsigned_abs()), d.is_sign_negative() && m == 0) else {
        use std::fmt::Write;
        let _ = write!(out, "{d}");
        return;
    };
    let scale = d.scale() as usize;
    let mut buf = [b'0'; 64];
    let mut at = buf.len();
    let mut v = abs;
    let mut digits = 0usize;
    while v > 0 || digits <= scale {
        at = at.saturating_sub(1);
        if let Some(b) = buf.get_mut(at) {
            *b = b'0'.saturating_add((v % 10) as u8);
        }
        v /= 10;
        digits = digits.saturating_add(1);
        if digits == scale && scale > 0 {
            at = at.saturating_sub(1);
            if let Some(b) = buf.get_mut(at) {
                *b = b'.';
            }
        }
    }
    if m < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(buf.get(at..).unwrap_or(&[])).unwrap_or(""));
}

/// 10^s for s ≤ 38, from a table (on the hot path of every cell).
#[inline]
pub(crate) fn pow10(s: u32) -> Option<i128> {
    crate::exact::POW10.get(s as usize).copied()
}

/// `a` against `b`, exactly: on equal scales by the mantissas (no rescaling), else by
/// `Decimal`'s own comparison. The same order as `a.cmp(&b)`, faster on the hot path.
#[inline]
pub fn cmp(a: Decimal, b: Decimal) -> std::cmp::Ordering {
    let (sa, sb) = (a.scale(), b.scale());
    // Mantissas under 2^63 times at most 10^18 stay under 2^126: no overflow, no check.
    let up = |m: i128, by: u32| match pow10(by) {
        Some(f) if by <= 18 && m.unsigned_abs() < 1 << 63 => Some(m.wrapping_mul(f)),
        f => f.and_then(|f| m.checked_mul(f)),
    };
    let pair = match sa.cmp(&sb) {
        std::cmp::Ordering::Equal => Some((a.mantissa(), b.mantissa())),
        std::cmp::Ordering::Less => up(a.mantissa(), sb.saturating_sub(sa)).map(|x| (x, b.mantissa())),
        std::cmp::Ordering::Greater => up(b.mantissa(), sa.saturating_sub(sb)).map(|y| (a.mantissa(), y)),
    };
    match pair {
        Some((x, y)) => x.cmp(&y),
        None => a.cmp(&b),
    }
}

/// The shortest decimal that reads back as the float `x` (what Python's `repr`, pandas,
/// polars and Rust print: `95.5`, `0.1`), found without text: for each scale from 0 up, the
/// integers next to `x × 10^s` are tried, and one is taken when `m / 10^s` rounds to `x`
/// (IEEE division of two exact doubles is correctly rounded, so the test is exact) and no
/// neighbour does. `None` (the caller then uses the float's text) for NaN, infinities,
/// magnitudes from 2^53 and ties this search does not settle.
pub fn shortest_decimal(x: f64 /* float-ok: an input float, read */) -> Option<Decimal> {
    for s in 0..18u32 {
        match float_at_scale(x, s) {
            FloatAt::Found(m) => return Some(Decimal::new(m, s)),
            FloatAt::Finer => continue,
            FloatAt::Unsettled => return None,
        }
    }
    None
}

/// What [`float_at_scale`] found at one scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatAt {
    /// The one integer `m` with `m / 10^s` reading back as the float.
    Found(i64),
    /// No decimal of this scale reads back as the float: try a finer one.
    Finer,
    /// Not settled without text (NaN, infinities, magnitudes from 2^53, ties).
    Unsettled,
}

/// The decimal of scale `s` (0..=17) that reads back as the float `x`, when exactly one does:
/// one step of [`shortest_decimal`]'s search. When `x`'s shortest decimal has scale `s` or
/// less, this is that decimal's value (the column readers start at a column's scale and go
/// finer only when they must).
#[inline]
pub fn float_at_scale(x: f64 /* float-ok: an input float, read */, s: u32) -> FloatAt {
    const P: [f64; 18] = // float-ok: powers of ten, exact as doubles
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17];
    let Some(&p) = P.get(s as usize) else { return FloatAt::Unsettled };
    if !x.is_finite() || x.abs() >= 9_007_199_254_740_992.0 {
        return FloatAt::Unsettled; // float-ok: a bound on the input float, no arithmetic on values
    }
    let scaled = x * p; // float-ok: only to find the candidate integers, verified exactly below
    if scaled.abs() >= 9_007_199_254_740_992.0 {
        return FloatAt::Unsettled;
    }
    // The integer nearest `scaled`, without a branch on which side it lies (that branch is a
    // coin toss for decimals read back from floats) and without a libm call: half away from
    // zero, then truncated. Near a half the candidate may be either neighbour; the candidate
    // is verified exactly below, and a value that far from an integer is never found.
    let m = (scaled + 0.5f64.copysign(scaled)) as i64; // float-ok: candidate search
    let back = |m: i64| (m as f64) / p == x; // float-ok: the exact round-trip test
    if scaled.abs() < 1_099_511_627_776.0 {
        // Below 2^40 the floats that read as x, and the error of `scaled`, span under 0.001
        // of `scaled`'s units, so
        // only an integer within 0.01 of it can read back, and at most one does.
        let off = (scaled - m as f64).abs(); // float-ok: candidate search, verified exactly
        if off > 0.01 {
            // float-ok: candidate search, verified exactly
            return FloatAt::Finer;
        }
        return if back(m) { FloatAt::Found(m) } else { FloatAt::Finer };
    }
    match [m.saturating_sub(1), m, m.saturating_add(1)].map(back) {
        [false, false, false] => FloatAt::Finer,
        [false, true, false] => FloatAt::Found(m),
        [true, false, false] => FloatAt::Found(m.saturating_sub(1)),
        [false, false, true] => FloatAt::Found(m.saturating_add(1)),
        _ => FloatAt::Unsettled,
    }
}

/// The common case of [`parse_decimal`] without allocating: `-?(0|[1-9][0-9]*)(.[0-9]+)?` in
/// at most 18 digits, inside [`MAX_MAGNITUDE`] and not zero (zero's sign and scale are the
/// general parser's business). `None` leaves the text to the general parser.
#[inline]
fn parse_plain(text: &str) -> Option<Decimal> {
    let b = text.as_bytes();
    let (neg, digits) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 19 || (digits.len() > 1 && digits[0] == b'0' && digits[1] != b'.') {
        return None;
    }
    let (mut m, mut scale, mut dot) = (0u64, 0u32, false);
    for (i, &c) in digits.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                // At most 18 digits: m < 10^18, no overflow.
                m = m.wrapping_mul(10).wrapping_add(u64::from(c.wrapping_sub(b'0')));
                scale = scale.wrapping_add(u32::from(dot));
            }
            b'.' if !dot && i > 0 && i.saturating_add(1) < digits.len() => dot = true,
            _ => return None,
        }
    }
    // Below 10^12 (MAX_MAGNITUDE) when at most 12 digits stand before the point.
    let int_digits = digits.len().saturating_sub(usize::from(dot)).saturating_sub(scale as usize);
    if int_digits > 12 {
        return None;
    }
    if m == 0 {
        // Zero, whatever its sign and written scale (as the general parser gives it).
        return Some(Decimal::ZERO);
    }
    // m < 10^19 < 2^64: its low and middle words; scale ≤ 18.
    Some(Decimal::from_parts(m as u32, (m >> 32) as u32, 0, neg, scale))
}

/// Parses a count: a non-negative integer given as `3`, `"3"` or `3.0`, at most [`MAX_COUNT`].
pub fn parse_count(text: &str) -> Option<u64> {
    // The usual count, plain digits without a leading zero ("0", "3", "12"): read directly.
    let b = text.as_bytes();
    if (1..=15).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) && (b.len() == 1 || b.first() != Some(&b'0')) {
        let n = b.iter().fold(0u64, |n, d| n.wrapping_mul(10).wrapping_add(u64::from(d.wrapping_sub(b'0'))));
        return (n <= MAX_COUNT).then_some(n);
    }
    count_of(parse_decimal(text).ok()?)
}

/// A decimal as a count: a whole number from 0 to [`MAX_COUNT`] (`3`, `3.0`), else `None`.
pub fn count_of(d: Decimal) -> Option<u64> {
    if d.is_sign_negative() && !d.is_zero() || !d.fract().is_zero() {
        return None;
    }
    let n = d.trunc().to_u64()?;
    (n <= MAX_COUNT).then_some(n)
}

/// Parses a time in whole seconds (a Unix time, `1764633600`): a non-negative integer given
/// as `3`, `"3"` or `3.0`, up to 2^53 (exact in every runtime, JS numbers included).
pub fn parse_seconds(text: &str) -> Option<u64> {
    let d = parse_decimal(text).ok()?;
    if d.is_sign_negative() && !d.is_zero() || !d.fract().is_zero() {
        return None;
    }
    d.trunc().to_u64().filter(|&n| n <= 1 << 53)
}

/// Serde helpers: a decimal written as its exact string, trailing zeros removed.
pub mod exact_str {
    use rust_decimal::Decimal;
    use serde::Serializer;

    /// Serialises the exact value with trailing zeros removed.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&super::exact(*d))
    }
}

/// Serde helpers for an optional exact decimal.
pub mod exact_str_opt {
    use rust_decimal::Decimal;
    use serde::Serializer;

    /// Serialises `None` as null, else the exact value with trailing zeros removed.
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(&super::exact(*d)),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_shortest_decimal_of_a_float_is_its_printed_text() {
        // Against Rust's own shortest round-trip printing (the same digits as Python's repr):
        // decimals as analysts type them, and random bit patterns of every magnitude.
        let mut xs: Vec<f64> = Vec::new(); // float-ok: test inputs
        xs.extend([0.0, -0.0, 0.1, 0.2, 0.3, 95.5, 99.99, 1e-7, 123456.789, 2.5e15, 1e16, 5e-324]);
        let mut st: u64 = 0x2545F4914F6CDD1D;
        for i in 0..200_000u64 {
            st ^= st << 13;
            st ^= st >> 7;
            st ^= st << 17;
            xs.push(match i % 3 {
                0 => {
                    let d = [1.0, 10.0, 100.0, 1000.0, 1e4, 1e5][(st >> 40) as usize % 6];
                    (st % 10_000_000) as f64 / d // float-ok: test inputs
                }
                1 => f64::from_bits(st),                                // float-ok: test inputs
                _ => (st % 1000) as f64 * 0.01 + (st % 7) as f64 * 0.1, // float-ok: test inputs
            });
        }
        let mut found = 0;
        for x in xs {
            if let Some(d) = shortest_decimal(x) {
                found += 1;
                let want = Decimal::from_str(&format!("{x}")).unwrap();
                assert_eq!((d, d.scale()), (want, want.scale()), "{x:e}");
            }
        }
        // Typed decimals all convert; float sums such as 0.1 + 0.2 need 17 digits and fall back.
        assert!(found > 110_000, "only {found} floats were converted");
    }

    #[test]
    fn write_decimal_writes_what_display_writes() {
        let mut st: u64 = 7;
        let mut cases: Vec<Decimal> = ["0", "-0", "0.00", "-0.00", "87.50", "-0.05", "100", "0.5", "-12.345", "1e-28"]
            .iter()
            .map(|t| Decimal::from_scientific(t).or_else(|_| Decimal::from_str(t)).unwrap())
            .collect();
        for _ in 0..50_000 {
            st ^= st << 13;
            st ^= st >> 7;
            st ^= st << 17;
            let m = (st >> (st % 64)) as i64 * if st & 1 == 1 { -1 } else { 1 };
            cases.push(Decimal::new(m, (st % 29) as u32));
        }
        cases.push(Decimal::MAX);
        cases.push(Decimal::MIN);
        for d in cases {
            let mut s = String::new();
            write_decimal(&mut s, d);
            assert_eq!(s, d.to_string(), "{d:?}");
        }
    }

    #[test]
    fn cmp_orders_as_decimal_does() {
        let xs = [
            "0",
            "-0",
            "0.00",
            "1",
            "1.0",
            "-1.5",
            "95.5",
            "95.50",
            "100",
            "99.999",
            "-0.001",
            "1000000000000",
            "79228162514264337593543950335",
            "-7922816251426433759354395033.5",
            "0.0000000000000000000000000001",
        ];
        for a in xs {
            for b in xs {
                assert_eq!(cmp(d(a), d(b)), d(a).cmp(&d(b)), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn the_plain_fast_path_parses_exactly_as_the_general_parser() {
        // Every text it takes gives the general parser's value, scale and sign; the rest is
        // left to the general parser (zeros, leading zeros, exponents, dots at the ends).
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "0.0",
            "-0.00",
            "00",
            "01",
            "0.5",
            "-0.5",
            "1.",
            ".5",
            "1..2",
            "1.2.3",
            "-",
            "",
            "+1",
            "1e2",
            "95.5",
            "95.50",
            "100",
            "-7",
            "1000000000000",
            "1000000000000.1",
            "9999999999999.99",
            "99999999999999",
            "123456789012345678",
            "1234567890123456789",
            "0.000000000000000001",
            "12a",
            " 1",
            "1 ",
            "-.5",
            "1_0",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut x: u64 = 88172645463325252;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 21) as usize;
            let mut t = String::new();
            if x & 1 == 1 {
                t.push('-');
            }
            for k in 0..digits {
                t.push(char::from(b'0' + ((x >> (k % 50)) % 10) as u8));
            }
            if digits > 1 && x & 2 == 2 {
                t.insert(t.len() - ((x >> 8) as usize % (digits - 1)) - 1, '.');
            }
            texts.push(t);
        }
        let mut fast = 0;
        for t in &texts {
            let (a, b) = (parse_decimal(t), parse_general(t));
            assert_eq!(a, b, "{t:?}");
            if let (Ok(a), Ok(b)) = (a, b) {
                assert_eq!((a.scale(), a.is_sign_negative()), (b.scale(), b.is_sign_negative()), "{t:?}");
            }
            fast += usize::from(parse_plain(t).is_some());
        }
        assert!(fast > 5_000, "the fast path took only {fast} texts");
    }

    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn grammar() {
        assert_eq!(parse_decimal("-12.5"), Ok(d("-12.5")));
        assert_eq!(parse_decimal("3"), Ok(d("3")));
        assert_eq!(parse_decimal("1e2"), Ok(d("100")));
        assert_eq!(parse_decimal("1E+2"), Ok(d("100")));
        assert_eq!(parse_decimal("25e-1"), Ok(d("2.5")));
        assert_eq!(parse_decimal("0.5"), Ok(d("0.5")));
        assert_eq!(parse_decimal("-0"), Ok(Decimal::ZERO));
        assert_eq!(parse_decimal("80.0").map(|x| x.scale()), Ok(1));
        for bad in [
            "+5", ".5", "1_000", "93%", "", "-", "01", "1.", "1e", "1e+", " 1", "1 ", "0x10", "NaN", "Infinity",
            "1.2.3", "١",
        ] {
            assert_eq!(parse_decimal(bad), Err(NumberError::Grammar), "{bad}");
        }
        assert_eq!(parse_decimal("1e13"), Err(NumberError::TooLarge));
        assert_eq!(parse_decimal("1e999999999"), Err(NumberError::TooLarge));
        assert_eq!(parse_decimal("1000000000000"), Ok(d("1000000000000")));
        assert_eq!(parse_decimal("1000000000000.5"), Err(NumberError::TooLarge));
        assert_eq!(parse_decimal("1e-30"), Err(NumberError::TooPrecise));
        assert_eq!(parse_decimal("1.50000000000000000000000000000000"), Ok(d("1.5")));
    }

    #[test]
    fn max_magnitude_constant() {
        assert_eq!(MAX_MAGNITUDE, d("1000000000000"));
    }

    #[test]
    fn rounding_modes_at_ties() {
        let m = RoundingMode::HalfUp;
        assert_eq!(round(d("2.345"), 2, m).to_string(), "2.35");
        assert_eq!(round(d("-2.345"), 2, m).to_string(), "-2.35");
        assert_eq!(round(d("2.5"), 0, m).to_string(), "3");
        let e = RoundingMode::HalfEven;
        assert_eq!(round(d("2.345"), 2, e).to_string(), "2.34");
        assert_eq!(round(d("2.355"), 2, e).to_string(), "2.36");
        assert_eq!(round(d("-2.345"), 2, e).to_string(), "-2.34");
        let z = RoundingMode::Down;
        assert_eq!(round(d("2.349"), 2, z).to_string(), "2.34");
        assert_eq!(round(d("-2.349"), 2, z).to_string(), "-2.34");
        assert_eq!(round(d("-0.001"), 2, z).to_string(), "0.00");
        assert_eq!(round(d("87.5"), 2, m).to_string(), "87.50");
        assert_eq!(round(d("7"), 3, m).to_string(), "7.000");
    }

    #[test]
    fn exact_format() {
        assert_eq!(exact(d("2.00")).to_string(), "2");
        assert_eq!(exact(d("-0.250")).to_string(), "-0.25");
        assert_eq!(exact(d("-0.00")).to_string(), "0");
        assert_eq!(exact(d("100")).to_string(), "100");
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("3"), Some(3));
        assert_eq!(parse_count("3.0"), Some(3));
        assert_eq!(parse_count("0"), Some(0));
        assert_eq!(parse_count("-1"), None);
        assert_eq!(parse_count("2.5"), None);
        assert_eq!(parse_count("1000000001"), None);
        assert_eq!(parse_count("x"), None);
        // The plain-digit reading agrees with the decimal one, edges included.
        for t in
            ["0", "00", "01", "007", "9", "10", "1000000000", "1000000001", "999999999999999", "9999999999999999", ""]
        {
            assert_eq!(parse_count(t), parse_decimal(t).ok().and_then(count_of), "{t:?}");
        }
        assert_eq!(parse_count("1000000000"), Some(1_000_000_000));
        assert_eq!(parse_count("01"), None, "not JSON's number grammar");
    }

    #[test]
    fn exact_text_is_the_normalized_decimal_text() {
        use std::str::FromStr;
        for t in [
            "0",
            "-0",
            "0.000",
            "-0.00",
            "2",
            "2.000",
            "1.5",
            "-0.25",
            "0.05",
            "100",
            "100.00",
            "-100",
            "0.0000000000000000000000000001",
            "-0.0000000000000000000000000001",
            "12.3400",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "0.1000000000000000000000000000",
            "1000000000000",
        ] {
            let d = Decimal::from_str(t).unwrap();
            assert_eq!(ExactText(d).to_string(), exact(d).to_string(), "{t}");
        }
        assert_eq!(ExactText(Decimal::from_str("-0.050").unwrap()).to_string(), "-0.05");
        assert_eq!(ExactText(Decimal::from_str("-0.00").unwrap()).to_string(), "0");
        // every scale and sign of a few mantissas
        for m in [0i64, 1, 7, 10, 1200, 123456789, -5, -1000] {
            for sc in 0..=28 {
                let d = Decimal::new(m, sc);
                assert_eq!(ExactText(d).to_string(), exact(d).to_string(), "{m}e-{sc}");
            }
        }
    }
}
