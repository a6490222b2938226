//! Cuts a document's tokens into chunks that can be parsed on their own.
//!
//! TOML expressions are context-free, so parsing a document chunk by chunk
//! gives the same events as parsing it whole, as long as no chunk boundary
//! falls inside an array or inline table. The point of cutting is
//! recovery: toml_parser lets an unclosed `[` swallow the rest of the file,
//! whereas here a chunk ends at the next line that can only start a new
//! statement (a table header, or `key =` where an array element was
//! expected). So a half-typed line costs only itself.
//!
//! The text is lexed once, as a stream: each chunk is handed on as soon as
//! the line after it shows it is complete, so only one chunk's tokens are
//! held at a time. (A whole-file token vector was six times the size of the
//! text; writing it cost more in cache misses than lexing did.)
//!
//! The one thing the lexer cannot recover from is a `"""` or `'''` that
//! never closes: it runs to the end of the text. Then the chunk holding it
//! is lexed again up to the first table header after the string opened,
//! and lexing starts afresh from that header.
//!
//! Every table header also starts a chunk, which keeps chunks small and lets
//! a later re-parse touch only the `[[goals]]` block being edited.

use toml_parser::Source;
use toml_parser::lexer::{Token, TokenKind};

/// Tokens that parse on their own. Their spans are relative to `source`,
/// which starts at `offset` in the document.
pub struct Chunk<'t, 'k> {
    pub source: Source<'t>,
    pub offset: usize,
    pub tokens: &'k [Token],
}

/// Lexes `text` and calls `each` with every chunk, in order; together the
/// chunks cover every byte.
#[cfg(test)]
pub fn for_each_chunk(text: &str, mut each: impl FnMut(Chunk<'_, '_>)) {
    let mut chunker = Chunker::default();
    let mut at = 0;
    while at < text.len() {
        at = chunks_from(text, at, &mut chunker, &mut each);
    }
}

/// Lexes `text` from `from` (the start of a line, outside any value) and
/// calls `each` with every chunk, in order, up to the start of the next
/// line after the first that begins a chunk of its own (a table header,
/// usually), which it returns; or the end of the text. Together the
/// chunks cover every byte in between. Tokens are streamed: only the
/// current chunk's are held, never the whole file's (several times the
/// size of the text).
/// `chunker` is only reused, for its buffers.
pub fn chunks_from(
    text: &str,
    from: usize,
    chunker: &mut Chunker,
    mut each: impl FnMut(Chunk<'_, '_>),
) -> usize {
    // The lexer skips a byte-order mark at the start of its input; one at
    // the start of a later line is text (and an error). So lex such a line
    // from the line break before it. (The line break is a line of its own
    // that starts nothing, and the mark's line does not start with `[`,
    // so the chunker cannot stop before `from`.)
    let offset =
        if from > 0 && text[from..].starts_with('\u{feff}') && text.as_bytes()[from - 1] == b'\n' {
            from - 1
        } else {
            from
        };
    let rest = &text[offset..];
    let source = Source::new(rest);
    chunker.reset();
    let mut emit = |tokens: &[Token]| {
        each(Chunk {
            source,
            offset,
            tokens,
        })
    };
    let mut unclosed = None;
    for token in source.lex() {
        if let Some(opened) = unclosed_multiline_string(rest, &token) {
            unclosed = Some(opened);
            break;
        }
        if let Some(stop) = chunker.push(token, rest, &mut emit) {
            return offset + stop;
        }
    }
    let Some(opened) = unclosed else {
        chunker.finish(&mut emit);
        return text.len();
    };
    // The string runs to the end of the text. Lex the chunk holding it
    // again, up to the next table header, and carry on from there.
    let chunk_start = chunker.start().unwrap_or(opened);
    let bytes = rest.as_bytes();
    let header = next_header_line(bytes, line_end(bytes, opened));
    let again = Source::new(&rest[chunk_start..header]);
    let tokens: Vec<Token> = again.lex().collect();
    each(Chunk {
        source: again,
        offset: offset + chunk_start,
        tokens: &tokens,
    });
    offset + header
}

/// The start of `token` if it is a multi-line string that never closes
/// (the lexer then ran it to the end of `text`).
fn unclosed_multiline_string(text: &str, token: &Token) -> Option<usize> {
    let delimiter = match token.kind() {
        TokenKind::MlBasicString => "\"\"\"",
        TokenKind::MlLiteralString => "'''",
        _ => return None,
    };
    let span = token.span();
    let raw = &text[span.start()..span.end()];
    let closed = raw.len() >= 6 && raw.ends_with(delimiter);
    (!closed && span.end() == text.len()).then_some(span.start())
}

/// Gathers tokens and decides, a line at a time, where chunks end.
///
/// What the decision needs is tracked as tokens arrive (the line's first
/// significant token, the brackets it opens and closes), so a line is
/// looked at again only when brackets were left open before it: one pass
/// over the tokens instead of three.
#[derive(Default)]
pub struct Chunker {
    /// The current chunk's tokens, the line being read last.
    tokens: Vec<Token>,
    /// Where the line being read starts in `tokens`.
    line_start: usize,
    /// The first token of the line being read that is not whitespace.
    line_first: Option<TokenKind>,
    /// Open `[` and `{`, innermost last, before the line being read.
    brackets: Vec<TokenKind>,
    /// Brackets the line being read opened and has not closed, in order.
    line_opened: Vec<TokenKind>,
    /// How many brackets open before the line it has closed.
    line_closed: usize,
}

impl Chunker {
    fn reset(&mut self) {
        self.tokens.clear();
        self.line_start = 0;
        self.line_first = None;
        self.brackets.clear();
        self.line_opened.clear();
        self.line_closed = 0;
    }

    /// Where the current chunk starts in the text, if it has begun.
    fn start(&self) -> Option<usize> {
        self.tokens.first().map(|token| token.span().start())
    }

    /// Takes the next token; returns where to stop, if a line that begins
    /// a chunk of its own follows a finished chunk.
    fn push(&mut self, token: Token, text: &str, emit: &mut dyn FnMut(&[Token])) -> Option<usize> {
        let kind = token.kind();
        self.tokens.push(token);
        match kind {
            TokenKind::Whitespace => return None,
            TokenKind::Newline | TokenKind::Eof => {
                return self.end_line(text, emit);
            }
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                self.line_opened.push(kind);
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket
                if self.line_opened.pop().is_none() =>
            {
                self.line_closed += 1;
            }
            _ => {}
        }
        if self.line_first.is_none() {
            self.line_first = Some(kind);
        }
        None
    }

    fn finish(&mut self, emit: &mut dyn FnMut(&[Token])) {
        if !self.tokens.is_empty() {
            emit(&self.tokens);
            self.tokens.clear();
        }
        self.line_start = 0;
    }

    /// A whole line is at the end of `tokens`: if it can only begin a
    /// statement, hand on the chunk before it and keep the line as the
    /// start of the next one.
    fn end_line(&mut self, text: &str, emit: &mut dyn FnMut(&[Token])) -> Option<usize> {
        let starts_statement = match (self.brackets.last(), self.line_first) {
            (_, None) => false,
            (None, Some(kind)) => kind == TokenKind::LeftSquareBracket,
            (Some(TokenKind::LeftSquareBracket), _) => {
                let line = &self.tokens[self.line_start..];
                looks_like_header(text, line) || looks_like_key_value(line)
            }
            (Some(_), _) => looks_like_header(text, &self.tokens[self.line_start..]),
        };
        if starts_statement {
            // Brackets left open before this line are abandoned.
            self.brackets.clear();
            if self.line_start > 0 {
                emit(&self.tokens[..self.line_start]);
                // The line starts afresh: the caller carries on from it.
                return Some(self.tokens[self.line_start].span().start());
            }
        }
        // The line's brackets, as if its tokens were applied in order.
        if self.line_closed > 0 {
            let kept = self.brackets.len().saturating_sub(self.line_closed);
            self.brackets.truncate(kept);
        }
        self.brackets.append(&mut self.line_opened);
        self.line_closed = 0;
        self.line_first = None;
        self.line_start = self.tokens.len();
        None
    }
}

fn significant(tokens: &[Token]) -> impl Iterator<Item = &Token> {
    tokens.iter().filter(|t| t.kind() != TokenKind::Whitespace)
}

/// `[name]` or `[[a.b]]`: only a header can look like this; an array
/// element such as `[1, 2]` or `["a"]` cannot.
fn looks_like_header(text: &str, line: &[Token]) -> bool {
    let mut tokens = significant(line).take_while(|t| t.kind() != TokenKind::Newline);
    if tokens.next().map(Token::kind) != Some(TokenKind::LeftSquareBracket) {
        return false;
    }
    let mut next = tokens.next();
    if next.map(Token::kind) == Some(TokenKind::LeftSquareBracket) {
        next = tokens.next();
    }
    let Some(name) = next.filter(|t| t.kind() == TokenKind::Atom) else {
        return false;
    };
    let name = &text[name.span().start()..name.span().end()];
    let starts_with_letter = name
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    if !starts_with_letter || matches!(name, "true" | "false" | "inf" | "nan") {
        return false;
    }
    // The rest of a dotted name, then the closing bracket.
    loop {
        match tokens.next().map(Token::kind) {
            Some(TokenKind::RightSquareBracket) => return true,
            Some(TokenKind::Dot) => match tokens.next().map(Token::kind) {
                Some(TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString) => {}
                _ => return false,
            },
            _ => return false,
        }
    }
}

/// `key =` or `a.b =` at the start of a line: never a valid array element.
fn looks_like_key_value(line: &[Token]) -> bool {
    let mut tokens = significant(line);
    loop {
        match tokens.next().map(Token::kind) {
            Some(TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString) => {}
            _ => return false,
        }
        match tokens.next().map(Token::kind) {
            Some(TokenKind::Equals) => return true,
            Some(TokenKind::Dot) => {}
            _ => return false,
        }
    }
}

/// Start of the first line at or after `from` that looks like a table
/// header, or the end of the text.
fn next_header_line(bytes: &[u8], from: usize) -> usize {
    let mut line_start = from;
    while line_start < bytes.len() {
        let end = line_end(bytes, line_start);
        let line = &bytes[line_start..end];
        let trimmed = &line[line
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count()..];
        let name = trimmed
            .strip_prefix(b"[[")
            .or_else(|| trimmed.strip_prefix(b"["));
        if name.is_some_and(|name| {
            name.first()
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        }) {
            return line_start;
        }
        line_start = end;
    }
    bytes.len()
}

/// End of the line containing `from`, after its `\n` (or the text's end).
fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| from + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunks as text, checking that they tile the text exactly.
    fn chunks(text: &str) -> Vec<String> {
        let mut pieces = Vec::new();
        for_each_chunk(text, |chunk| {
            if let (Some(first), Some(last)) = (chunk.tokens.first(), chunk.tokens.last()) {
                let span = first.span().start()..last.span().end();
                pieces.push(text[chunk.offset + span.start..chunk.offset + span.end].to_string());
            }
        });
        assert_eq!(pieces.concat(), text, "chunks must tile the text");
        pieces.retain(|piece| !piece.is_empty());
        pieces
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
        let text = "depends_on = [\"a\",\nstatus = \"todo\"\n[[goals]]\nx = [\n  [goals.metric]\n";
        assert_eq!(
            chunks(text),
            [
                "depends_on = [\"a\",\n",
                "status = \"todo\"\n",
                "[[goals]]\nx = [\n",
                "  [goals.metric]\n"
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
        let at_the_end = "a = 1\nnotes = \'\'\'never closed\n";
        assert_eq!(chunks(at_the_end), ["a = 1\nnotes = \'\'\'never closed\n"]);
    }

    #[test]
    fn brackets_inside_strings_and_comments_are_ignored() {
        let text = "a = \"[\" # {\nb = '[['\n[x]\n";
        assert_eq!(chunks(text), ["a = \"[\" # {\nb = '[['\n", "[x]\n"]);
    }

    #[test]
    fn empty_and_crlf_texts() {
        assert!(chunks("").is_empty());
        assert_eq!(chunks("a = 1\r\n[b]\r\n"), ["a = 1\r\n", "[b]\r\n"]);
        assert_eq!(chunks("no newline at the end"), ["no newline at the end"]);
    }
}
