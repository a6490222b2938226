//! The one line model: a line ends at `\n`, `\r\n` or a lone `\r`, as
//! LSP and editors count them (the server's rope is built with the same
//! rule). [`LineIndex`] maps byte offsets to lines and columns for the
//! CLI's reports; the free functions find the line around an offset for
//! features that look at one line.

/// Where the line holding `offset` starts. Works on bytes, so any offset
/// will do (line breaks are ASCII, never inside a character).
pub fn line_start(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let at = within_pair(bytes, offset.min(bytes.len()));
    bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

/// Where the line holding `offset` ends, before its line break.
pub fn line_end(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let at = within_pair(bytes, offset.min(bytes.len()));
    bytes[at..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |i| at + i)
}

/// The `\n` of a `\r\n` belongs to the line the pair ends: an offset
/// between the two is moved onto the `\r`.
fn within_pair(bytes: &[u8], at: usize) -> usize {
    if at > 0 && bytes[at - 1] == b'\r' && bytes.get(at) == Some(&b'\n') {
        at - 1
    } else {
        at
    }
}

/// Where the line after the one holding `offset` starts (after its line
/// break); the text's end on the last line.
pub fn next_line_start(text: &str, offset: usize) -> usize {
    let end = line_end(text, offset);
    let bytes = text.as_bytes();
    match bytes.get(end) {
        Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
    }
}

/// How many lines end in `text`: its `\n`, `\r\n` and lone `\r`, each
/// once. Used to keep line numbers of the blocks of a file up to date.
pub fn count_breaks(text: &str) -> usize {
    count_breaks_in(text.as_bytes())
}

/// [`count_breaks`] over bytes, which may end inside a character.
pub fn count_breaks_in(bytes: &[u8]) -> usize {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    let lone_returns = bytes
        .iter()
        .enumerate()
        .filter(|&(at, &b)| b == b'\r' && bytes.get(at + 1) != Some(&b'\n'))
        .count();
    newlines + lone_returns
}

/// The line break the text uses (its first), `\n` when it has none.
pub fn line_break_of(text: &str) -> &'static str {
    match text
        .as_bytes()
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
    {
        Some(at) if text.as_bytes()[at] == b'\r' => {
            if text.as_bytes().get(at + 1) == Some(&b'\n') {
                "\r\n"
            } else {
                "\r"
            }
        }
        _ => "\n",
    }
}

/// Start offsets of every line, so lookups are a binary search.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

/// A 1-based line and column; the column counts Unicode scalar values, as
/// rustc and clippy print them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                line_starts.push(i + 1);
            }
        }
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    /// 0-based line of `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Byte range of 0-based `line`, without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.line_starts.get(line).copied().unwrap_or(self.len);
        (start, line_end(text, start).max(start))
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        LineCol {
            line: line + 1,
            col: text[start..offset].chars().count() + 1,
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_are_counted_as_lines_end() {
        for (text, breaks) in [
            ("", 0),
            ("a", 0),
            ("a\nb\n", 2),
            ("a\r\nb\r\n", 2),
            ("a\rb\r", 2),
            ("\r\n\r\r\n\n", 4),
        ] {
            assert_eq!(count_breaks(text), breaks, "{text:?}");
            assert_eq!(count_breaks(text) + 1, LineIndex::new(text).line_count());
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a = 1\ntitle = \"日本語 🎉\" # x\r\nlast";
        let index = LineIndex::new(text);
        let hash = text.find('#').unwrap();
        assert_eq!(index.line_col(text, hash), LineCol { line: 2, col: 17 });
        assert_eq!(
            index.line_col(text, text.len()),
            LineCol { line: 3, col: 5 }
        );
        assert_eq!(
            index.line_span(text, 1),
            (6, 6 + "title = \"日本語 🎉\" # x".len())
        );
        // An offset inside a multi-byte character snaps back to its start.
        let cjk = text.find('本').unwrap();
        assert_eq!(index.line_col(text, cjk + 1), index.line_col(text, cjk));
    }

    #[test]
    fn a_line_ends_at_lf_crlf_or_a_lone_cr() {
        for (text, eol) in [
            ("a\nbb\n\nc", "\n"),
            ("a\r\nbb\r\n\r\nc", "\r\n"),
            ("a\rbb\r\rc", "\r"),
        ] {
            let index = LineIndex::new(text);
            assert_eq!(index.line_count(), 4, "{text:?}");
            assert_eq!(line_break_of(text), eol);
            let b = text.find("bb").unwrap();
            assert_eq!(index.line_span(text, 1), (b, b + 2), "{text:?}");
            for at in b..=b + 2 {
                assert_eq!(
                    (line_start(text, at), line_end(text, at)),
                    (b, b + 2),
                    "{text:?} {at}"
                );
            }
            assert_eq!(next_line_start(text, b), b + 2 + eol.len());
            assert_eq!(index.line_col(text, text.len()).line, 4);
            // The blank third line.
            let blank = next_line_start(text, b);
            assert_eq!(
                (line_start(text, blank), line_end(text, blank)),
                (blank, blank)
            );
        }
        // Between the two bytes of a `\r\n`, still the line the pair ends.
        assert_eq!(line_start("ab\r\ncd", 3), 0);
        assert_eq!(line_end("ab\r\ncd", 3), 2);
    }
}
