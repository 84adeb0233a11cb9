//! A JSON record read straight from its text into a checked record, without building a
//! `serde_json::Value` (the general path's hot loop: `score_json`, JSON Lines, `scoreMany`).
//!
//! The reader takes only what it can prove clean, in the shape most records have: an object
//! of `employee`, `period`, `role`, `values`, `samples` and `events`, every value a plain
//! string, a number without exponent, a boolean or null, each key once. Its cells go through
//! the same [`WideLayout`] reader as a CSV row (a layout of every indicator, sample and event
//! the scheme has, resolved once per scheme), so a value is converted and range-checked by one
//! piece of code whatever the front door. Anything else (ratings, attributes, escapes, an
//! unknown key, a value of the wrong type, a value out of range, invalid JSON) returns `None`
//! and the caller parses the text and runs the record check, which decides: errors are the
//! check's, word for word, and a clean record's checked form is the same either way (held to
//! it by the differential tests).

use super::layout::{CellRef, WideLayout};
use super::Checked;
use crate::rubric::InputKind;
use crate::scheme::Scheme;

/// The columns of the JSON layout: identity, then one per indicator, sample size and event.
pub(crate) fn json_headers(scheme: &Scheme) -> Vec<String> {
    let ids: Vec<&str> = scheme.indicators().map(|(_, i)| i.id.as_str()).collect();
    ["employee", "period", "role"]
        .into_iter()
        .chain(ids.iter().copied())
        .map(str::to_string)
        .chain(ids.iter().map(|id| format!("samples.{id}")))
        .chain(scheme.events.iter().map(|e| format!("events.{e}")))
        .collect()
}

/// A scalar JSON token.
#[derive(Clone, Copy)]
enum Tok<'a> {
    Str(&'a str),
    /// A number's text, as written (no exponent).
    Num(&'a str),
    Bool(bool),
    Null,
}

struct Scan<'a> {
    text: &'a str,
    i: usize,
}

impl<'a> Scan<'a> {
    fn peek(&mut self) -> Option<u8> {
        let b = self.text.as_bytes();
        while let Some(&c) = b.get(self.i) {
            if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(c);
            }
            self.i = self.i.wrapping_add(1);
        }
        None
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i = self.i.wrapping_add(1))
    }

    /// A string without escapes or control characters (anything else: `None`).
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.i;
        let rest = self.text.as_bytes().get(start..)?;
        let len = rest.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        self.i = start.wrapping_add(len).wrapping_add(1);
        self.text.get(start..start.wrapping_add(len))
    }

    /// A number in JSON's grammar without exponent: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
    fn number(&mut self) -> Option<&'a str> {
        let b = self.text.as_bytes();
        let start = self.i;
        let mut j = start;
        let digits = |j: &mut usize| {
            let from = *j;
            while b.get(*j).is_some_and(u8::is_ascii_digit) {
                *j = j.wrapping_add(1);
            }
            j.wrapping_sub(from)
        };
        if b.get(j) == Some(&b'-') {
            j = j.wrapping_add(1);
        }
        let lead = b.get(j).copied();
        let n = digits(&mut j);
        if n == 0 || (lead == Some(b'0') && n > 1) {
            return None;
        }
        if b.get(j) == Some(&b'.') {
            j = j.wrapping_add(1);
            if digits(&mut j) == 0 {
                return None;
            }
        }
        if matches!(b.get(j), Some(b'e' | b'E')) {
            return None;
        }
        self.i = j;
        self.text.get(start..j)
    }

    fn word(&mut self, w: &str, t: Tok<'a>) -> Option<Tok<'a>> {
        let end = self.i.checked_add(w.len())?;
        (self.text.get(self.i..end)? == w).then(|| {
            self.i = end;
            t
        })
    }

    fn scalar(&mut self) -> Option<Tok<'a>> {
        match self.peek()? {
            b'"' => self.string().map(Tok::Str),
            b't' => self.word("true", Tok::Bool(true)),
            b'f' => self.word("false", Tok::Bool(false)),
            b'n' => self.word("null", Tok::Null),
            b'-' | b'0'..=b'9' => self.number().map(Tok::Num),
            _ => None,
        }
    }

    /// `{ "key": scalar, ... }`, calling `f` for each pair.
    fn object(&mut self, mut f: impl FnMut(&'a str, Tok<'a>) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            let k = self.string()?;
            self.eat(b':')?;
            f(k, self.scalar()?)?;
            if self.eat(b',').is_none() {
                return self.eat(b'}');
            }
        }
    }
}

/// A string cell as the record check would take it: not empty and not padded (a CSV trims
/// its cells, a JSON record does not, so a padded string goes to the check).
fn plain(s: &str) -> Option<CellRef<'_>> {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        // A visible ASCII character at both ends: nothing to trim (the usual cell).
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => Some(CellRef::Text(s)),
        (Some(_), Some(_)) if s.trim() == s => Some(CellRef::Text(s)),
        _ => None,
    }
}

/// A sample size or an event count: a number or a plain string (a boolean goes to the check).
fn count_cell(tok: Tok<'_>) -> Option<CellRef<'_>> {
    match tok {
        Tok::Null => Some(CellRef::Null),
        Tok::Num(t) => Some(CellRef::Text(t)),
        Tok::Str(t) => plain(t),
        Tok::Bool(_) => None,
    }
}

impl Scheme {
    /// Reads one JSON record's text into `out` when it is clean and simple (see the module
    /// text); `None` sends it to the parser and the check, which decide.
    pub(crate) fn read_json_fast<'t>(&self, text: &'t str, out: &mut Checked) -> Option<()> {
        let layout: &WideLayout = self.json_layout.as_ref()?;
        let n = self.flat.len();
        let width = layout.headers().len();
        let mut cells: Vec<CellRef<'t>> = vec![CellRef::Null; width];
        let mut seen = vec![false; width];
        let mut sections = [false; 6];
        let mut take = |col: usize, cell: CellRef<'t>| -> Option<()> {
            let s = seen.get_mut(col)?;
            if std::mem::replace(s, true) {
                return None;
            }
            *cells.get_mut(col)? = cell;
            Some(())
        };
        // The indicators are usually listed in scheme order: try the next one before hashing.
        let mut next = 0usize;
        let mut flat_of = |id: &str| -> Option<usize> {
            let f = match self.by_flat(next) {
                Some((_, i)) if i.id == id => next,
                _ => self.indicator_index.get(id).map(|&(_, _, f)| f)?,
            };
            next = f.wrapping_add(1);
            Some(f)
        };
        let mut s = Scan { text, i: 0 };
        s.eat(b'{')?;
        if s.eat(b'}').is_none() {
            loop {
                let key = s.string()?;
                s.eat(b':')?;
                let section =
                    ["employee", "period", "role", "values", "samples", "events"].iter().position(|k| *k == key)?;
                if std::mem::replace(sections.get_mut(section)?, true) {
                    return None;
                }
                match section {
                    0..=2 => match s.scalar()? {
                        Tok::Str(t) => take(section, plain(t)?)?,
                        Tok::Null => {}
                        _ => return None,
                    },
                    3 => s.object(|id, tok| {
                        let flat = flat_of(id)?;
                        let kind = self.by_flat(flat)?.1.rubric.input_kind();
                        let cell = match (tok, kind) {
                            (Tok::Null, _) => CellRef::Null,
                            (Tok::Num(t), InputKind::Number) => CellRef::Text(t),
                            (Tok::Str(t), InputKind::Number | InputKind::Key) => plain(t)?,
                            (Tok::Bool(b), InputKind::Bool) => CellRef::Bool(b),
                            _ => return None,
                        };
                        take(flat.checked_add(3)?, cell)
                    })?,
                    4 => s.object(|id, tok| {
                        let flat = self.indicator_index.get(id).map(|&(_, _, f)| f)?;
                        take(n.checked_add(3)?.checked_add(flat)?, count_cell(tok)?)
                    })?,
                    _ => s.object(|e, tok| {
                        let ei = *self.event_index.get(e)?;
                        take(n.checked_mul(2)?.checked_add(3)?.checked_add(ei)?, count_cell(tok)?)
                    })?,
                }
                if s.eat(b',').is_none() {
                    s.eat(b'}')?;
                    break;
                }
            }
        }
        if s.peek().is_some() {
            return None;
        }
        layout.fast(self, &cells, out).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csr() -> Scheme {
        crate::builtin_scheme("csr").unwrap()
    }

    fn fast(s: &Scheme, text: &str) -> bool {
        s.read_json_fast(text, &mut Checked::empty(s)).is_some()
    }

    #[test]
    fn the_usual_record_is_read_without_a_json_value() {
        let s = csr();
        let t = r#"{"employee":"E1","period":"2026-Q3","role":"csr",
            "values":{"attendance":98.5,"task_completion":"96","aht":300,"complaints":0,"csat":null},
            "samples":{"csat":40},"events":{"commendation":1}}"#;
        let mut c = Checked::empty(&s);
        assert!(s.read_json_fast(t, &mut c).is_some());
        let want = s.check(&crate::ingest::parse_json(t).unwrap()).unwrap();
        assert_eq!((c.employee.as_str(), c.period.as_str()), ("E1", "2026-Q3"));
        assert_eq!(c.inputs, want.inputs);
        assert_eq!(c.samples, want.samples);
        assert_eq!(c.events, want.events);
    }

    #[test]
    fn anything_else_is_left_to_the_check() {
        let s = csr();
        for t in [
            r#"{"employee":"E1","period":"P","values":{"attendance":1e2}}"#,
            r#"{"employee":"E1","period":"P","values":{"attendance":"9\u0038"}}"#,
            r#"{"employee":" E1","period":"P","values":{}}"#,
            r#"{"employee":"E1","period":"P","values":{"attendance":101}}"#,
            r#"{"employee":"E1","period":"P","values":{"attendance":true}}"#,
            r#"{"employee":"E1","period":"P","values":{"nope":1}}"#,
            r#"{"employee":"E1","period":"P","values":{"attendance":1,"attendance":2}}"#,
            r#"{"employee":"E1","period":"P","ratings":{}}"#,
            r#"{"employee":"E1","period":"P","values":{}} 1"#,
            r#"{"employee":"E1","values":{}}"#,
            r#"{"employee":"E1","period":"P","values":{"attendance":01}}"#,
        ] {
            assert!(!fast(&s, t), "{t}");
        }
    }
}
