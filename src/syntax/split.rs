//! Cuts a document into chunks that can be parsed on their own.
//!
//! TOML expressions are context-free, so parsing a document chunk by chunk
//! gives the same events as parsing it whole, as long as no chunk boundary
//! falls inside a multi-line string, array or inline table. The point of
//! cutting is recovery: toml_parser lets an unclosed `[` or `"""` swallow
//! the rest of the file, whereas here a chunk ends at the next line that can
//! only be the start of a new statement (a table header, or `key =` where an
//! array element was expected). So a half-typed line costs only itself.
//!
//! Every table header also starts a chunk, which keeps chunks small and lets
//! a later re-parse touch only the `[[goals]]` block being edited.

use crate::span::Span;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Multiline {
    Basic,
    Literal,
}

impl Multiline {
    fn delimiter(self) -> &'static [u8] {
        match self {
            Multiline::Basic => b"\"\"\"",
            Multiline::Literal => b"'''",
        }
    }
}

/// What the scanner knows at the start of a line.
#[derive(Default)]
struct Scanner {
    /// Open `[` and `{` brackets, innermost last.
    brackets: Vec<u8>,
    multiline: Option<Multiline>,
    /// End of the line where the open multi-line string began.
    multiline_opened_line_end: usize,
}

/// Returns chunk spans that tile `text` exactly, in order.
pub fn split_chunks(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut chunks = Vec::new();
    let mut chunk_start = 0;
    let mut scanner = Scanner::default();
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = memchr_newline(bytes, line_start);
        let line = &bytes[line_start..line_end];
        if scanner.multiline.is_none() {
            let trimmed = trim_start(line);
            let starts_statement = match scanner.brackets.last() {
                None => trimmed.first() == Some(&b'['),
                Some(b'[') => looks_like_header(trimmed) || looks_like_key_value(trimmed),
                Some(_) => looks_like_header(trimmed),
            };
            if starts_statement {
                scanner.brackets.clear();
                if line_start > chunk_start {
                    chunks.push(Span::new(chunk_start, line_start));
                    chunk_start = line_start;
                }
            }
        }
        scanner.scan_line(line, line_end);
        line_start = line_end;
        if line_start >= bytes.len() && scanner.multiline.is_some() {
            // The string never closes. What follows its opening is most
            // likely the prose it was meant to hold, not TOML: give it to
            // the string and read on from the next table header.
            let resume = next_header_line(bytes, scanner.multiline_opened_line_end);
            if resume > chunk_start {
                chunks.push(Span::new(chunk_start, resume));
            }
            chunk_start = resume;
            line_start = resume;
            scanner = Scanner::default();
        }
    }
    if chunk_start < bytes.len() || chunks.is_empty() {
        chunks.push(Span::new(chunk_start, bytes.len()));
    }
    chunks
}

/// Start of the first line at or after `from` that looks like a table
/// header, or the end of the text.
fn next_header_line(bytes: &[u8], from: usize) -> usize {
    let mut line_start = from;
    while line_start < bytes.len() {
        let line_end = memchr_newline(bytes, line_start);
        if looks_like_header(trim_start(&bytes[line_start..line_end])) {
            return line_start;
        }
        line_start = line_end;
    }
    bytes.len()
}

/// End of the line starting at `from`, after its `\n` (or the text's end).
fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| from + i + 1)
}

fn trim_start(line: &[u8]) -> &[u8] {
    let start = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(line.len());
    &line[start..]
}

fn is_bare_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// `[name]` or `[[a.b]]`: only a header can look like this; an array
/// element such as `[1, 2]` or `["a"]` cannot.
fn looks_like_header(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"[") else {
        return false;
    };
    let rest = rest.strip_prefix(b"[").unwrap_or(rest);
    let rest = trim_start(rest);
    let Some(close) = rest.iter().position(|&b| b == b']') else {
        return false;
    };
    let name = &rest[..close];
    let first_is_letter = name
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
    let name_text = String::from_utf8_lossy(name);
    let name_text = name_text.trim();
    first_is_letter
        && !matches!(name_text, "true" | "false" | "inf" | "nan")
        && name
            .iter()
            .all(|&b| is_bare_key_byte(b) || matches!(b, b'.' | b' ' | b'\t'))
}

/// `key =` or `a.b =` at the start of a line: never a valid array element.
fn looks_like_key_value(line: &[u8]) -> bool {
    let mut i = 0;
    loop {
        let start = i;
        while i < line.len() && is_bare_key_byte(line[i]) {
            i += 1;
        }
        if i == start {
            return false;
        }
        while i < line.len() && matches!(line[i], b' ' | b'\t') {
            i += 1;
        }
        match line.get(i) {
            Some(b'=') => return true,
            Some(b'.') => {
                i += 1;
                while i < line.len() && matches!(line[i], b' ' | b'\t') {
                    i += 1;
                }
            }
            _ => return false,
        }
    }
}

impl Scanner {
    /// Updates bracket and string state across one line (ending at `line_end`).
    fn scan_line(&mut self, line: &[u8], line_end: usize) {
        let mut i = 0;
        if let Some(kind) = self.multiline {
            match find_closing(line, 0, kind) {
                Some(after) => {
                    self.multiline = None;
                    i = after;
                }
                None => return,
            }
        }
        while i < line.len() {
            match line[i] {
                b'#' => return,
                b'"' | b'\'' => {
                    let quote = line[i];
                    if line[i..].starts_with(if quote == b'"' { b"\"\"\"" } else { b"'''" }) {
                        let kind = if quote == b'"' {
                            Multiline::Basic
                        } else {
                            Multiline::Literal
                        };
                        match find_closing(line, i + 3, kind) {
                            Some(after) => i = after,
                            None => {
                                self.multiline = Some(kind);
                                self.multiline_opened_line_end = line_end;
                                return;
                            }
                        }
                    } else {
                        i = skip_single_line_string(line, i + 1, quote);
                    }
                }
                b'[' | b'{' => {
                    self.brackets.push(line[i]);
                    i += 1;
                }
                b']' | b'}' => {
                    self.brackets.pop();
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }
}

/// Index just past the closing delimiter of a multi-line string, if it is
/// on this line. Extra quotes right after the delimiter belong to the string.
fn find_closing(line: &[u8], from: usize, kind: Multiline) -> Option<usize> {
    let delimiter = kind.delimiter();
    let mut i = from;
    while i < line.len() {
        if kind == Multiline::Basic && line[i] == b'\\' {
            i += 2;
            continue;
        }
        if line[i..].starts_with(delimiter) {
            let mut end = i + 3;
            while end < line.len() && end < i + 5 && line[end] == delimiter[0] {
                end += 1;
            }
            return Some(end);
        }
        i += 1;
    }
    None
}

/// Index past the closing quote, or the line's end for an unclosed string.
fn skip_single_line_string(line: &[u8], from: usize, quote: u8) -> usize {
    let mut i = from;
    while i < line.len() {
        match line[i] {
            b'\\' if quote == b'"' => i += 2,
            b if b == quote => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(text: &str) -> Vec<&str> {
        let spans = split_chunks(text);
        let joined: String = spans.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(joined, text, "chunks must tile the text");
        spans.iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn every_header_starts_a_chunk() {
        let text = "# top\na = 1\n[roadmap]\nb = 2\n\n[[goals]]\nid = \"x\"\n";
        assert_eq!(
            chunks(text),
            [
                "# top\na = 1\n",
                "[roadmap]\nb = 2\n\n",
                "[[goals]]\nid = \"x\"\n"
            ]
        );
    }

    #[test]
    fn multi_line_values_stay_whole() {
        let text =
            "a = [\n  \"x\",\n  [1, 2],\n]\nb = \"\"\"\n[goals]\n\"\"\"\nc = { d = [\n1] }\n[t]\n";
        assert_eq!(
            chunks(text),
            [
                "a = [\n  \"x\",\n  [1, 2],\n]\nb = \"\"\"\n[goals]\n\"\"\"\nc = { d = [\n1] }\n",
                "[t]\n"
            ]
        );
    }

    #[test]
    fn an_unclosed_array_ends_at_the_next_key_or_header() {
        let text = "depends_on = [\"a\",\nstatus = \"todo\"\n[[goals]]\nx = [\n[goals.metric]\n";
        assert_eq!(
            chunks(text),
            [
                "depends_on = [\"a\",\n",
                "status = \"todo\"\n",
                "[[goals]]\nx = [\n",
                "[goals.metric]\n"
            ]
        );
    }

    #[test]
    fn an_unclosed_multi_line_string_runs_to_the_next_header() {
        let text = "[[goals]]\nnotes = \"\"\"started\nmore prose\n[[goals]]\nid = 'b'\n";
        assert_eq!(
            chunks(text),
            [
                "[[goals]]\nnotes = \"\"\"started\nmore prose\n",
                "[[goals]]\nid = 'b'\n"
            ]
        );
    }

    #[test]
    fn brackets_inside_strings_and_comments_are_ignored() {
        let text = "a = \"[\" # {\nb = '[['\n[x]\n";
        assert_eq!(chunks(text), ["a = \"[\" # {\nb = '[['\n", "[x]\n"]);
    }

    #[test]
    fn empty_and_crlf_texts() {
        assert_eq!(chunks(""), [""]);
        assert_eq!(chunks("a = 1\r\n[b]\r\n"), ["a = 1\r\n", "[b]\r\n"]);
    }
}
