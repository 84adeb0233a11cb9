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
