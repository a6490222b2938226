//! Byte offset → line/column, for the CLI's reports. (The server converts
//! positions in its own module, with negotiated encodings.)

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
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
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
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.len, |next| next - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end.max(start))
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
}
