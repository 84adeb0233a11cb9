//! Rubric steps as typed data ("which rule of the rubric produced the score": band k, segment
//! k, the deduction count, the level key, the raters kept), rendered per language here. The
//! scoring code builds a [`Step`]; the JSON `step` is its English rendering, exactly as SPEC
//! shows it ("band 1: >= 99"); a step read back from stored JSON is parsed into a [`Step`]
//! again ([`Step::parse`]), so a Chinese page reads Chinese throughout.

use crate::number::{exact, ExactText};
use rust_decimal::Decimal;
use std::fmt;

/// One rater group's part of a 360 score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RaterNote {
    /// A group of weight 0: shown, never averaged.
    WeightZero(String),
    /// Fewer ratings than the group's minimum: the group drops out.
    Dropped {
        /// Group id.
        group: String,
        /// Ratings given.
        n: u64,
        /// Minimum.
        min: u64,
    },
    /// A group that takes part: the sum of its kept scores over their count.
    Kept {
        /// Group id.
        group: String,
        /// Sum of the kept scores (`None` beyond the decimal type: shown as `?`).
        total: Option<Decimal>,
        /// Ratings kept.
        m: usize,
        /// Whether the highest and lowest were trimmed.
        trimmed: bool,
    },
}

/// The rubric step that produced an indicator's score.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// At or below the first point (`linear`: of a linear rubric).
    AtOrBelow {
        /// A linear rubric.
        linear: bool,
        /// The point.
        x: Decimal,
    },
    /// At or above the last point.
    AtOrAbove {
        /// A linear rubric.
        linear: bool,
        /// The point.
        x: Decimal,
    },
    /// Between two points.
    Segment {
        /// A linear rubric.
        linear: bool,
        /// Segment number, from 1.
        k: usize,
        /// Its first x.
        from: Decimal,
        /// Its last x.
        to: Decimal,
    },
    /// A band met (`at_least`: `>=`, else `<=`).
    Band {
        /// Band number, from 1.
        k: usize,
        /// `>=` (higher better) or `<=` (lower better).
        at_least: bool,
        /// The bound.
        bound: Decimal,
        /// Format 2's strict bound (SPEC §8.4): `>` or `<`.
        strict: bool,
    },
    /// No band met.
    Otherwise,
    /// A deduction: units × points, after free units, at most down to the floor.
    Deduction {
        /// Units counted (`None` beyond the decimal type).
        units: Option<Decimal>,
        /// Points per unit.
        per_unit: Decimal,
        /// Free units, when there are any.
        free: Option<Decimal>,
        /// The floor, when it was reached.
        floor: Option<Decimal>,
    },
    /// A ratio: 100 × num / den.
    Ratio {
        /// Numerator (the value, or the target for lower-better).
        num: Decimal,
        /// Denominator.
        den: Decimal,
    },
    /// A lower-better ratio at value 0: full marks.
    RatioZero,
    /// A scale level.
    Level(String),
    /// Passed.
    Pass,
    /// Failed.
    Fail,
    /// The value is the score.
    Direct,
    /// Several raters.
    Raters(Vec<RaterNote>),
}

/// A step's text written on the stack (spilling to a `String` only beyond 96 bytes), then
/// copied once into its inline id.
pub(crate) struct StackText {
    buf: [u8; 96],
    len: usize,
    spill: Option<String>,
}

impl Default for StackText {
    fn default() -> Self {
        Self { buf: [0; 96], len: 0, spill: None }
    }
}

impl StackText {
    /// The text as an id (inline up to 24 bytes).
    pub(crate) fn into_id(self) -> crate::score::Id {
        match self.spill {
            Some(text) => text.into(),
            None => crate::score::Id::from(self.as_str()),
        }
    }

    fn as_str(&self) -> &str {
        // Whole `&str`s are copied in, so the bytes are always UTF-8.
        self.buf.get(..self.len).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default()
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if let Some(spill) = &mut self.spill {
            spill.push_str(s);
            return Ok(());
        }
        let end = self.len.saturating_add(s.len());
        match self.buf.get_mut(self.len..end) {
            Some(slot) => {
                slot.copy_from_slice(s.as_bytes());
                self.len = end;
            }
            None => {
                let mut spill = self.as_str().to_owned();
                spill.push_str(s);
                self.spill = Some(spill);
            }
        }
        Ok(())
    }
}

/// A band's comparison as the English step shows it.
fn op_text(at_least: bool, strict: bool) -> &'static str {
    match (at_least, strict) {
        (true, false) => ">=",
        (false, false) => "<=",
        (true, true) => ">",
        (false, true) => "<",
    }
}

fn lin(linear: bool) -> &'static str {
    if linear {
        "linear "
    } else {
        ""
    }
}

/// The English rendering: the JSON `step` text of SPEC.
impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AtOrBelow { linear, x } => write!(f, "{}at or below {}", lin(*linear), ExactText(*x)),
            Self::AtOrAbove { linear, x } => write!(f, "{}at or above {}", lin(*linear), ExactText(*x)),
            Self::Segment { linear, k, from, to } => {
                write!(f, "{}segment {k}: {} to {}", lin(*linear), ExactText(*from), ExactText(*to))
            }
            Self::Band { k, at_least, bound, strict } => {
                write!(f, "band {k}: {} {}", op_text(*at_least, *strict), ExactText(*bound))
            }
            Self::Otherwise => f.write_str("otherwise"),
            Self::Deduction { units, per_unit, free, floor } => {
                match units {
                    Some(u) => write!(f, "deduction: {} x {}", ExactText(*u), ExactText(*per_unit))?,
                    None => write!(f, "deduction: ? x {}", ExactText(*per_unit))?,
                }
                if let Some(x) = free {
                    write!(f, " (after {} free)", ExactText(*x))?;
                }
                if let Some(x) = floor {
                    write!(f, ", floor {}", ExactText(*x))?;
                }
                Ok(())
            }
            Self::Ratio { num, den } => write!(f, "ratio: 100 x {} / {}", ExactText(*num), ExactText(*den)),
            Self::RatioZero => f.write_str("ratio: value 0 scores 100"),
            Self::Level(k) => write!(f, "level {k}"),
            Self::Pass => f.write_str("pass"),
            Self::Fail => f.write_str("fail"),
            Self::Direct => f.write_str("direct"),
            Self::Raters(notes) => {
                f.write_str("raters: ")?;
                for (i, n) in notes.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match n {
                        RaterNote::WeightZero(g) => write!(f, "{g} weight 0")?,
                        RaterNote::Dropped { group, n, min } => write!(f, "{group} dropped ({n} < {min})")?,
                        RaterNote::Kept { group, total, m, trimmed } => {
                            match total {
                                Some(t) => write!(f, "{group} {}/{m}", ExactText(*t))?,
                                None => write!(f, "{group} ?/{m}")?,
                            }
                            if *trimmed {
                                f.write_str(" trimmed")?;
                            }
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

fn dec(s: &str) -> Option<Decimal> {
    crate::number::parse_decimal(s.trim()).ok()
}

impl Step {
    /// The JSON `step` text (SPEC's English form), written into one buffer sized for it.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(32);
        self.write_text(&mut out);
        out
    }

    /// [`Step::text`] as an id-sized text: held inline (no allocation) up to 24 bytes.
    pub fn short_text(&self) -> crate::score::Id {
        let mut out = StackText::default();
        self.write_text(&mut out);
        out.into_id()
    }

    fn write_text<W: fmt::Write>(&self, out: &mut W) {
        // Writing into an in-memory buffer cannot fail.
        let mut w = |s: &str| {
            let _ = out.write_str(s);
        };
        // The steps written once per scored indicator, without the formatter; the same text
        // as the `Display` rendering (held to it by `text_is_the_display`).
        match self {
            Self::Band { k, at_least, bound, strict } => {
                w("band ");
                w(ExactText(Decimal::from(*k)).write(&mut [0u8; 64]));
                w(": ");
                w(op_text(*at_least, *strict));
                w(" ");
                w(ExactText(*bound).write(&mut [0u8; 64]));
            }
            Self::AtOrBelow { linear, x } | Self::AtOrAbove { linear, x } => {
                w(lin(*linear));
                w(if matches!(self, Self::AtOrBelow { .. }) { "at or below " } else { "at or above " });
                w(ExactText(*x).write(&mut [0u8; 64]));
            }
            Self::Segment { linear, k, from, to } => {
                w(lin(*linear));
                w("segment ");
                w(ExactText(Decimal::from(*k)).write(&mut [0u8; 64]));
                w(": ");
                w(ExactText(*from).write(&mut [0u8; 64]));
                w(" to ");
                w(ExactText(*to).write(&mut [0u8; 64]));
            }
            Self::Deduction { units: Some(u), per_unit, free, floor } => {
                w("deduction: ");
                w(ExactText(*u).write(&mut [0u8; 64]));
                w(" x ");
                w(ExactText(*per_unit).write(&mut [0u8; 64]));
                if let Some(x) = free {
                    w(" (after ");
                    w(ExactText(*x).write(&mut [0u8; 64]));
                    w(" free)");
                }
                if let Some(x) = floor {
                    w(", floor ");
                    w(ExactText(*x).write(&mut [0u8; 64]));
                }
            }
            Self::Ratio { num, den } => {
                w("ratio: 100 x ");
                w(ExactText(*num).write(&mut [0u8; 64]));
                w(" / ");
                w(ExactText(*den).write(&mut [0u8; 64]));
            }
            Self::Level(k) => {
                w("level ");
                w(k);
            }
            Self::Otherwise => w("otherwise"),
            Self::RatioZero => w("ratio: value 0 scores 100"),
            Self::Pass => w("pass"),
            Self::Fail => w("fail"),
            Self::Direct => w("direct"),
            // Writing into a String cannot fail.
            _ => drop(write!(out, "{self}")),
        }
    }

    /// The step of a JSON `step` text (SPEC's English form), for results read back from
    /// storage; `None` for a text no rubric writes.
    pub fn parse(text: &str) -> Option<Self> {
        let (linear, s) = match text.strip_prefix("linear ") {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if let Some(x) = s.strip_prefix("at or below ") {
            return Some(Self::AtOrBelow { linear, x: dec(x)? });
        }
        if let Some(x) = s.strip_prefix("at or above ") {
            return Some(Self::AtOrAbove { linear, x: dec(x)? });
        }
        if let Some(rest) = s.strip_prefix("segment ") {
            let (k, range) = rest.split_once(": ")?;
            let (from, to) = range.split_once(" to ")?;
            return Some(Self::Segment { linear, k: k.parse().ok()?, from: dec(from)?, to: dec(to)? });
        }
        if linear {
            return None;
        }
        if let Some(rest) = s.strip_prefix("band ") {
            let (k, cond) = rest.split_once(": ")?;
            let (op, bound) = cond.split_once(' ')?;
            let (at_least, strict) = match op {
                ">=" => (true, false),
                "<=" => (false, false),
                ">" => (true, true),
                "<" => (false, true),
                _ => return None,
            };
            return Some(Self::Band { k: k.parse().ok()?, at_least, bound: dec(bound)?, strict });
        }
        if let Some(rest) = s.strip_prefix("deduction: ") {
            let (units, rest) = rest.split_once(" x ")?;
            let (rest, floor) = match rest.split_once(", floor ") {
                Some((a, b)) => (a, Some(dec(b)?)),
                None => (rest, None),
            };
            let (per_unit, free) = match rest.split_once(" (after ") {
                Some((a, b)) => (a, Some(dec(b.strip_suffix(" free)")?)?)),
                None => (rest, None),
            };
            return Some(Self::Deduction { units: dec(units), per_unit: dec(per_unit)?, free, floor });
        }
        if s == "ratio: value 0 scores 100" {
            return Some(Self::RatioZero);
        }
        if let Some(rest) = s.strip_prefix("ratio: 100 x ") {
            let (num, den) = rest.split_once(" / ")?;
            return Some(Self::Ratio { num: dec(num)?, den: dec(den)? });
        }
        if let Some(k) = s.strip_prefix("level ") {
            return Some(Self::Level(k.to_string()));
        }
        if let Some(rest) = s.strip_prefix("raters: ") {
            let notes = rest
                .split(", ")
                .map(|p| {
                    if let Some(g) = p.strip_suffix(" weight 0") {
                        return Some(RaterNote::WeightZero(g.to_string()));
                    }
                    if let Some((g, why)) = p.split_once(" dropped (") {
                        let (n, min) = why.strip_suffix(')')?.split_once(" < ")?;
                        return Some(RaterNote::Dropped {
                            group: g.to_string(),
                            n: n.parse().ok()?,
                            min: min.parse().ok()?,
                        });
                    }
                    let (p, trimmed) = match p.strip_suffix(" trimmed") {
                        Some(x) => (x, true),
                        None => (p, false),
                    };
                    let (g, frac) = p.rsplit_once(' ')?;
                    let (t, m) = frac.split_once('/')?;
                    Some(RaterNote::Kept { group: g.to_string(), total: dec(t), m: m.parse().ok()?, trimmed })
                })
                .collect::<Option<Vec<_>>>()?;
            return Some(Self::Raters(notes));
        }
        match s {
            "otherwise" => Some(Self::Otherwise),
            "pass" => Some(Self::Pass),
            "fail" => Some(Self::Fail),
            "direct" => Some(Self::Direct),
            _ => None,
        }
    }

    /// The step in `lang` (`zh`, else English).
    pub fn render(&self, lang: &str) -> String {
        if lang != "zh" {
            return self.to_string();
        }
        let l = |linear: bool| if linear { "线性，" } else { "" };
        match self {
            Self::AtOrBelow { linear, x } => format!("{}不高于 {}", l(*linear), exact(*x)),
            Self::AtOrAbove { linear, x } => format!("{}不低于 {}", l(*linear), exact(*x)),
            Self::Segment { linear, k, from, to } => {
                format!("{}第 {k} 段：{} 至 {}", l(*linear), exact(*from), exact(*to))
            }
            Self::Band { k, at_least, bound, strict } => {
                let op = match (*at_least, *strict) {
                    (true, false) => "≥",
                    (false, false) => "≤",
                    (true, true) => ">",
                    (false, true) => "<",
                };
                format!("第 {k} 档：{op} {}", exact(*bound))
            }
            Self::Otherwise => "其他情况".to_string(),
            Self::Deduction { units, per_unit, free, floor } => {
                let u = units.map_or_else(|| "?".to_string(), |u| exact(u).to_string());
                let mut o = format!("扣分：{u} × {}", exact(*per_unit));
                if let Some(x) = free {
                    o.push_str(&format!("（免扣 {}）", exact(*x)));
                }
                if let Some(x) = floor {
                    o.push_str(&format!("，最低 {}", exact(*x)));
                }
                o
            }
            Self::Ratio { num, den } => format!("比率：100 × {} / {}", exact(*num), exact(*den)),
            Self::RatioZero => "比率：实际值为 0，得 100".to_string(),
            Self::Level(k) => format!("等级 {k}"),
            Self::Pass => "通过".to_string(),
            Self::Fail => "未通过".to_string(),
            Self::Direct => "直接得分".to_string(),
            Self::Raters(notes) => {
                let parts: Vec<String> = notes
                    .iter()
                    .map(|n| match n {
                        RaterNote::WeightZero(g) => format!("{g} 权重 0，不计"),
                        RaterNote::Dropped { group, n, min } => format!("{group} 人数不足，不计（{n} < 最少 {min}）"),
                        RaterNote::Kept { group, total, m, trimmed } => format!(
                            "{group} {}/{m}{}",
                            total.map_or_else(|| "?".to_string(), |t| exact(t).to_string()),
                            if *trimmed { "（去掉最高与最低）" } else { "" }
                        ),
                    })
                    .collect();
                format!("评价人：{}", parts.join("，"))
            }
        }
    }
}

/// A JSON `step` text in the reader's language (`zh` or English); a text no rubric writes is
/// shown as it is.
pub fn render(step: &str, lang: &str) -> String {
    Step::parse(step).map_or_else(|| step.to_string(), |s| s.render(lang))
}

#[cfg(test)]
mod tests {
    use super::{render, Step};

    #[test]
    fn every_step_form_reads_in_chinese_and_round_trips() {
        let cases = [
            ("band 3: >= 95", "第 3 档：≥ 95"),
            ("band 1: <= 0", "第 1 档：≤ 0"),
            ("otherwise", "其他情况"),
            ("segment 2: 90 to 100", "第 2 段：90 至 100"),
            ("linear segment 1: 60 to 95", "线性，第 1 段：60 至 95"),
            ("linear at or above 90", "线性，不低于 90"),
            ("at or below 0", "不高于 0"),
            ("deduction: 2 x 25", "扣分：2 × 25"),
            ("deduction: 3 x 10 (after 1 free), floor 20", "扣分：3 × 10（免扣 1），最低 20"),
            ("ratio: 100 x 84.6 / 85", "比率：100 × 84.6 / 85"),
            ("ratio: value 0 scores 100", "比率：实际值为 0，得 100"),
            ("level 4", "等级 4"),
            ("pass", "通过"),
            ("direct", "直接得分"),
            ("raters: supervisor 70/1, peer 170/2", "评价人：supervisor 70/1，peer 170/2"),
            (
                "raters: self weight 0, peer dropped (1 < 2), sup 300/3 trimmed",
                "评价人：self 权重 0，不计，peer 人数不足，不计（1 < 最少 2），sup 300/3（去掉最高与最低）",
            ),
        ];
        for (en, zh) in cases {
            assert_eq!(render(en, "zh"), zh, "{en}");
            assert_eq!(render(en, "en"), en);
            assert_eq!(Step::parse(en).map(|s| s.to_string()).as_deref(), Some(en), "round trip");
            assert_eq!(Step::parse(en).map(|s| s.text()).as_deref(), Some(en), "text");
        }
        assert_eq!(render("something else", "zh"), "something else");
    }

    #[test]
    fn text_is_the_display() {
        use rust_decimal::Decimal;
        let d = |m: i128, s: u32| Decimal::from_i128_with_scale(m, s);
        let xs = [
            d(0, 0),
            d(0, 3),
            d(-0, 2),
            d(950, 1),
            d(-12_345, 3),
            d(1, 28),
            d(-1, 28),
            d(i128::from(u64::MAX) + 7, 2),
            Decimal::MAX,
            Decimal::MIN,
            d(100_000, 4),
        ];
        for &x in &xs {
            // The digits themselves against rust_decimal's own normalised text.
            assert_eq!(crate::number::ExactText(x).to_string(), crate::number::exact(x).to_string(), "{x:?}");
            for linear in [false, true] {
                for step in [
                    Step::AtOrBelow { linear, x },
                    Step::AtOrAbove { linear, x },
                    Step::Segment { linear, k: 12, from: x, to: d(100, 0) },
                    Step::Band { k: 3, at_least: linear, bound: x, strict: !linear },
                    Step::Band { k: 10, at_least: !linear, bound: x, strict: linear },
                ] {
                    assert_eq!(step.text(), step.to_string());
                    assert_eq!(step.text(), format!("{step}"), "{step:?}");
                    assert_eq!(step.short_text().as_str(), step.to_string(), "{step:?}");
                }
            }
        }
        assert_eq!(Step::Band { k: 1, at_least: true, bound: d(9900, 2), strict: false }.text(), "band 1: >= 99");
        assert_eq!(
            Step::Segment { linear: true, k: 2, from: d(-5, 1), to: d(10, 0) }.text(),
            "linear segment 2: -0.5 to 10"
        );
        let dd = |u: Option<Decimal>, free: Option<Decimal>, floor: Option<Decimal>| Step::Deduction {
            units: u,
            per_unit: d(25, 1),
            free,
            floor,
        };
        assert_eq!(
            dd(Some(d(30, 1)), Some(d(1, 0)), Some(d(200, 1))).text(),
            "deduction: 3 x 2.5 (after 1 free), floor 20"
        );
        assert_eq!(Step::Ratio { num: d(846, 1), den: d(85, 0) }.text(), "ratio: 100 x 84.6 / 85");
        for s in [
            Step::Otherwise,
            Step::Pass,
            Step::Fail,
            Step::Direct,
            Step::RatioZero,
            Step::Level("4".into()),
            dd(None, None, None),
            dd(Some(d(0, 2)), None, Some(d(-1, 0))),
            dd(Some(d(7, 0)), Some(d(15, 1)), None),
            // Beyond the 96 bytes written on the stack: the rest spills, nothing is cut.
            Step::Level("k".repeat(95)),
            Step::Level("级".repeat(40)),
        ] {
            assert_eq!(s.text(), s.to_string());
            assert_eq!(s.short_text().as_str(), s.to_string(), "{s:?}");
        }
    }
}
