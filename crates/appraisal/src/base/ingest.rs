//! Reading input at the edge, with every limit enforced before the work it bounds: files read
//! with a cap, lines read with a cap (an over-long line is skipped, not held), a UTF-8
//! byte-order mark accepted, bad bytes reported per record, and JSON parsed strictly (a key
//! given twice in one object is an error, never "the last one wins"). Every front door (CLI,
//! Python, JS) reads through here.

use crate::error::{ErrorCode, Issue};
use crate::number::limits;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::io::{BufRead, Read};
use std::path::Path;

/// serde_json's private token for an arbitrary-precision number (the `arbitrary_precision`
/// feature hands numbers to a visitor as a one-entry map under this key).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

struct Strict<'a> {
    path: &'a str,
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    #[rustfmt::skip]
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value, E> { // float-ok: refused, never used
        Err(E::custom("binary floating-point numbers are not read (exact decimals only)"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        let mut i = 0usize;
        loop {
            let p = format!("{}[{i}]", self.path);
            match seq.next_element_seed(Strict { path: &p })? {
                Some(v) => out.push(v),
                None => break,
            }
            i = i.saturating_add(1);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        let mut first = true;
        while let Some(key) = map.next_key::<String>()? {
            if first && key == NUMBER_TOKEN {
                let text: String = map.next_value()?;
                let n: Number = text.parse().map_err(|_| de::Error::custom("invalid number"))?;
                return Ok(Value::Number(n));
            }
            first = false;
            let p = child(self.path, &key);
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("duplicate key {key:?} at {p}: each key may appear once")));
            }
            let v = map.next_value_seed(Strict { path: &p })?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// Parses JSON text strictly: exact numbers, and a key given twice in one object is an
/// `invalid_json` error naming the key and its path.
pub fn parse_json(text: &str) -> Result<Value, Issue> {
    let mut de = serde_json::Deserializer::from_str(text);
    let v = Strict { path: "" }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| Issue::new(ErrorCode::InvalidJson, "", format!("not valid JSON: {e}")))?;
    Ok(v)
}

/// Text of one input item: the UTF-8 byte-order mark dropped, bytes that are not UTF-8 an
/// `invalid_json` error naming the byte offset (the other records are still read).
pub fn utf8(bytes: &[u8]) -> Result<&str, Issue> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        Issue::new(
            ErrorCode::InvalidJson,
            "",
            format!(
                "not UTF-8 at byte {} (a file saved as GBK/GB18030 or another legacy encoding? save it as UTF-8)",
                e.valid_up_to()
            ),
        )
    })
}

/// One record given as text (a JSON Lines line, a JS string): the size limit first, then
/// strict parsing.
pub fn record_text(text: &str) -> Result<Value, Issue> {
    if text.len() > limits::RECORD_BYTES {
        return Err(too_big("a record", limits::RECORD_BYTES, text.len()));
    }
    parse_json(text)
}

fn too_big(what: &str, limit: usize, found: usize) -> Issue {
    Issue::new(ErrorCode::LimitExceeded, "", format!("{what} may have at most {limit} bytes, found {found} or more"))
}

/// Reads a whole file, but never more than `limit` bytes (`/dev/zero` and other endless or
/// huge inputs stop at the cap with `limit_exceeded`).
pub fn read_capped(path: &Path, limit: usize, what: &str) -> Result<Vec<u8>, Issue> {
    let f = std::fs::File::open(path)
        .map_err(|e| Issue::new(ErrorCode::InvalidValue, "", format!("cannot read {}: {e}", path.display())))?;
    let mut buf = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    f.take(cap)
        .read_to_end(&mut buf)
        .map_err(|e| Issue::new(ErrorCode::InvalidValue, "", format!("cannot read {}: {e}", path.display())))?;
    if buf.len() > limit {
        return Err(too_big(what, limit, buf.len()));
    }
    Ok(buf)
}

/// A scheme (or rules) file: at most [`limits::SCHEME_BYTES`], UTF-8 (a BOM is accepted).
pub fn read_scheme_file(path: &Path) -> Result<String, Issue> {
    let bytes = read_capped(path, limits::SCHEME_BYTES, "a scheme file")?;
    utf8(&bytes).map(str::to_string)
}

/// One line of a line-oriented input.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// The line's bytes, without the line break (and without a BOM on the first line).
    Text(Vec<u8>),
    /// A line longer than the cap: its bytes were read and dropped, not held.
    TooLong(usize),
}

/// Reads lines of at most `cap` bytes each, whatever the input: an over-long line is
/// consumed in pieces and reported as [`Line::TooLong`], so memory stays bounded; a line
/// beyond 64 × `cap` (no line breaks at all) ends the input with an error.
pub struct Lines<R> {
    inner: R,
    cap: usize,
    first: bool,
}

impl<R: BufRead> Lines<R> {
    /// Lines of `inner`, each at most `cap` bytes.
    pub fn new(inner: R, cap: usize) -> Self {
        Self { inner, cap, first: true }
    }

    /// The next line, `None` at the end.
    pub fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        let mut buf: Vec<u8> = Vec::new();
        let mut total = 0usize;
        let mut any = false;
        loop {
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            total = total.saturating_add(take);
            if total > self.cap.saturating_mul(64) {
                // Not line-oriented input (`/dev/zero`, a binary file): stop, do not spin.
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("a line longer than {} bytes: not line-oriented input", self.cap.saturating_mul(64)),
                ));
            }
            if total <= self.cap {
                buf.extend_from_slice(&chunk[..take]);
            } else {
                buf = Vec::new();
            }
            self.inner.consume(if done { take.saturating_add(1) } else { take });
            if done {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        let first = std::mem::replace(&mut self.first, false);
        if total > self.cap {
            return Ok(Some(Line::TooLong(total)));
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        if first && buf.starts_with(b"\xEF\xBB\xBF") {
            buf.drain(..3);
        }
        Ok(Some(Line::Text(buf)))
    }
}

/// A JSON Lines line as a record: an over-long line, bad bytes or bad JSON are the record's
/// errors (with the line number), never the end of the batch.
pub fn jsonl_record(line: &Line, number: usize) -> Result<Value, Issue> {
    let at = |mut i: Issue| {
        i.message = format!("line {number}: {}", i.message);
        i
    };
    match line {
        Line::TooLong(n) => Err(at(too_big("a record", limits::RECORD_BYTES, *n))),
        Line::Text(bytes) => utf8(bytes).and_then(record_text).map_err(at),
    }
}

/// The approximate JSON size of a value (bytes of its text), counted only up to `limit`:
/// the record size limit on values that did not come as text (Python dicts, JSON arrays).
pub fn within(v: &Value, limit: usize) -> bool {
    fn size(v: &Value, budget: &mut usize) -> bool {
        let own = match v {
            Value::Null | Value::Bool(_) => 5,
            Value::Number(n) => n.as_str().len(),
            Value::String(s) => s.len().saturating_add(2),
            Value::Array(a) => a.len().saturating_add(2),
            Value::Object(m) => m.keys().map(|k| k.len().saturating_add(4)).fold(2usize, usize::saturating_add),
        };
        if own > *budget {
            return false;
        }
        *budget = budget.saturating_sub(own);
        match v {
            Value::Array(a) => a.iter().all(|x| size(x, budget)),
            Value::Object(m) => m.values().all(|x| size(x, budget)),
            _ => true,
        }
    }
    let mut budget = limit;
    size(v, &mut budget)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_errors_at_their_path() {
        let e = parse_json(r#"{"values": {"a": 1, "a": 2}}"#).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidJson);
        assert!(e.message.contains("duplicate key \"a\" at values.a"), "{}", e.message);
        assert_eq!(parse_json(r#"{"x": [1.50, {"y": "2"}]}"#).unwrap().to_string(), r#"{"x":[1.50,{"y":"2"}]}"#);
        assert!(parse_json("{} x").is_err());
    }

    #[test]
    fn lines_are_capped_and_boms_dropped() {
        let text = b"\xEF\xBB\xBF{\"a\":1}\r\n0123456789ABCDEF\n\nlast";
        let mut l = Lines::new(&text[..], 12);
        assert_eq!(l.next_line().unwrap(), Some(Line::Text(b"{\"a\":1}".to_vec())));
        assert_eq!(l.next_line().unwrap(), Some(Line::TooLong(16)));
        assert_eq!(l.next_line().unwrap(), Some(Line::Text(Vec::new())));
        assert_eq!(l.next_line().unwrap(), Some(Line::Text(b"last".to_vec())));
        assert_eq!(l.next_line().unwrap(), None);
    }

    #[test]
    fn bad_bytes_are_one_record_s_error() {
        let e = jsonl_record(&Line::Text(b"{\"employee\": \"\xD5\xC5\"}".to_vec()), 3).unwrap_err();
        assert!(e.message.starts_with("line 3: not UTF-8 at byte 14"), "{}", e.message);
        assert!(utf8(b"\xEF\xBB\xBFok").is_ok());
    }

    #[test]
    fn value_sizes_stop_at_the_limit() {
        let v: Value = serde_json::json!({"a": "x".repeat(100)});
        assert!(within(&v, 200));
        assert!(!within(&v, 50));
    }
}
