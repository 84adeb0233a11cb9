//! Output safe by construction: every id, name, message or value that came from a scheme or
//! a record passes through one of these before it reaches a terminal, a CSV file, Markdown or
//! HTML. Each front door (CLI, Python, JS) uses the same functions.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal raw: C0 controls (ESC, CR, LF, TAB, BEL, …), DEL,
/// C1 controls, and the bidirectional overrides and isolates that reorder what is shown.
fn hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text for a terminal or a one-line log: control characters shown visibly as `\x1b`,
/// `\r`, `\n`, `\t` or `\u{202e}`, so that nothing a record says can move the cursor,
/// clear the screen, split a line or reorder text. Everything else is unchanged (JSON text
/// stays valid JSON).
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut o = String::with_capacity(s.len().saturating_add(8));
    for c in s.chars() {
        match c {
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if hidden(c) && u32::from(c) < 0x100 => {
                let _ = write!(o, "\\x{:02x}", u32::from(c));
            }
            c if hidden(c) => {
                let _ = write!(o, "\\u{{{:x}}}", u32::from(c));
            }
            c => o.push(c),
        }
    }
    Cow::Owned(o)
}

/// One CSV field holding text that came from input (ids, names, grades, messages), per
/// RFC 4180 and the OWASP CSV-injection guidance: always quoted (so a comma, quote, CR or LF
/// can never split a row or forge one), quotes doubled, and a leading `=`, `+`, `-`, `@`,
/// TAB or CR neutralised with a leading apostrophe so that no spreadsheet runs it as a
/// formula. Numbers the library computes are written with [`csv_number`].
pub fn csv_text(s: &str) -> String {
    let mut o = String::with_capacity(s.len().saturating_add(3));
    csv_text_into(&mut o, s);
    o
}

/// [`csv_text`] appended to `o`.
pub fn csv_text_into(o: &mut String, s: &str) {
    o.push('"');
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        o.push('\'');
    }
    for (k, part) in s.split('"').enumerate() {
        if k > 0 {
            o.push_str("\"\"");
        }
        o.push_str(part);
    }
    o.push('"');
}

/// One CSV field holding a number the library computed ("87.50", "-0.25", ""): written as
/// is, since it is a plain decimal in JSON-number grammar (no quote, comma or newline).
pub fn csv_number(s: &str) -> String {
    debug_assert!(s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-'));
    s.to_string()
}

/// A CSV line of text fields (a header or a row of names), each made safe by [`csv_text`].
pub fn csv_line<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    fields.into_iter().map(csv_text).collect::<Vec<_>>().join(",")
}

/// Text for HTML element content or a quoted attribute: `& < > " '` as entities.
pub fn html(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if hidden(c) && c != '\n' && c != '\t' => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

/// Text for one Markdown table cell or heading: HTML-special characters as entities (so no
/// tag, `<script>`, `<img onerror>` or `<iframe>`, survives a Markdown renderer), Markdown
/// punctuation that builds links, images, emphasis, code or cell breaks backslash-escaped,
/// and line breaks as spaces.
pub fn markdown(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\n' | '\r' | '\t' => o.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                o.push('\\');
                o.push(c);
            }
            c if hidden(c) => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_shows_controls() {
        assert_eq!(visible("CS1001"), "CS1001");
        assert_eq!(visible("\u{1b}[2J"), "\\x1b[2J");
        assert_eq!(visible("a\r\nb\tc"), "a\\r\\nb\\tc");
        assert_eq!(visible("x\u{202e}y\u{7f}\u{9b}"), "x\\u{202e}y\\x7f\\x9b");
        assert_eq!(visible("a\\\"b"), "a\\\"b", "JSON escapes pass unchanged");
        assert_eq!(visible("张三"), "张三");
    }

    #[test]
    fn csv_fields_cannot_run_or_split() {
        assert_eq!(csv_text("CS1001"), "\"CS1001\"");
        assert_eq!(csv_text("=1+1"), "\"'=1+1\"");
        assert_eq!(csv_text("+1"), "\"'+1\"");
        assert_eq!(csv_text("-2+3"), "\"'-2+3\"");
        assert_eq!(csv_text("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_text("\tx"), "\"'\tx\"");
        assert_eq!(csv_text("a\rb"), "\"a\rb\"");
        assert_eq!(csv_text("a\"b,c\nd"), "\"a\"\"b,c\nd\"");
        assert_eq!(csv_line(["employee", "x,y"]), "\"employee\",\"x,y\"");
    }

    #[test]
    fn markup_is_inert() {
        assert_eq!(html("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(html("\" onmouseover='x'"), "&quot; onmouseover=&#39;x&#39;");
        assert_eq!(markdown("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(markdown("[a](javascript:x) | b\nc"), "\\[a\\](javascript:x) \\| b c");
        assert_eq!(markdown("<iframe src=\"x\">"), "&lt;iframe src=&quot;x&quot;&gt;");
    }
}
