//! Everything the CLI prints goes through here: control characters in ids, names and
//! messages (ESC sequences, CR, bidi overrides, …) are shown visibly (`\x1b`), so nothing a
//! scheme or record says can drive the terminal. Only CSV written to a file (not a terminal)
//! keeps its quoted fields byte for byte.

use std::io::{IsTerminal, Write};

/// A writer that shows control characters visibly (keeping the line breaks the CLI writes).
pub struct Safe<W: Write> {
    inner: W,
    raw: bool,
}

impl<W: Write> Safe<W> {
    /// `raw`: pass bytes through untouched (CSV to a file).
    pub fn new(inner: W, raw: bool) -> Self {
        Self { inner, raw }
    }
}

/// `s` with every control character but the line feed shown visibly.
pub fn terminal(s: &str) -> String {
    s.split('\n').map(|line| appraisal::safe::visible(line).into_owned()).collect::<Vec<_>>().join("\n")
}

impl<W: Write> Write for Safe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.raw {
            return self.inner.write(buf);
        }
        // Printable ASCII and line feeds (JSON output, numbers) are already what `terminal`
        // would write: passed through without a copy.
        // (One pass without early exit, so that it runs a vector at a time: a byte is hidden
        // when below 0x20 or from 0x7f on, the line feed aside.)
        let hidden =
            buf.iter().fold(0u8, |acc, &b| acc | (u8::from(b.wrapping_sub(0x20) >= 0x5f) & u8::from(b != b'\n')));
        if hidden == 0 {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let text = String::from_utf8_lossy(buf);
        self.inner.write_all(terminal(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Standard output, safe unless `csv` goes to a file.
pub fn stdout(csv: bool) -> Safe<std::io::StdoutLock<'static>> {
    let out = std::io::stdout();
    let raw = csv && !out.is_terminal();
    Safe::new(out.lock(), raw)
}

/// `eprintln!` with every control character of the message shown visibly.
macro_rules! eprintln_safe {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::term::terminal(&format!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_safe_writer_writes_what_terminal_shows() {
        let cases = [
            "{\"employee\":\"E1\",\"total\":\"86.30\"}\n",
            "plain ascii ~ !\n\n",
            "bell \u{7} escape \u{1b}[2J tab\t cr\r del \u{7f}\n",
            "员工 \u{202e}evil\u{202c} \n",
            "",
        ];
        for c in cases {
            let mut out = Safe::new(Vec::new(), false);
            out.write_all(c.as_bytes()).unwrap();
            assert_eq!(String::from_utf8(out.inner).unwrap(), terminal(c), "{c:?}");
        }
        // Hand-checked: the escape is shown, not sent.
        let mut out = Safe::new(Vec::new(), false);
        out.write_all(b"a\x1bb\n").unwrap();
        assert_eq!(out.inner, b"a\\x1bb\n");
    }
}
