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
//! The text is lexed once; chunks are ranges of its tokens. The one thing
//! the lexer cannot recover from is a `"""` or `'''` that never closes: it
//! runs to the end of the text. Then the text is split into segments, the
//! next one starting at the first table header after the string opened,
//! and each segment is lexed on its own.
//!
//! Every table header also starts a chunk, which keeps chunks small and lets
//! a later re-parse touch only the `[[goals]]` block being edited.

use std::ops::Range;

use toml_parser::Source;
use toml_parser::lexer::{Token, TokenKind};

/// A stretch of the text lexed on its own (usually the whole text).
pub struct Segment<'t> {
    /// Where `text` starts in the document.
    pub offset: usize,
    pub text: &'t str,
    pub tokens: Vec<Token>,
    /// Token ranges, in order, together covering every token.
    pub chunks: Vec<Range<usize>>,
}

/// Lexes `text` and cuts it into chunks.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut segments = Vec::new();
    let mut offset = 0;
    loop {
        let rest = &text[offset..];
        // About one token per four bytes in a typical roadmap; sizing the
        // vector up front saves copying it as it grows.
        let mut tokens = Vec::with_capacity(rest.len() / 4 + 16);
        tokens.extend(Source::new(rest).lex());
        let resume = unclosed_multiline_string(rest, &tokens)
            .map(|opened_at| {
                next_header_line(rest.as_bytes(), line_end(rest.as_bytes(), opened_at))
            })
            .filter(|&resume| resume < rest.len());
        let length = match resume {
            Some(resume) => {
                // Lex the part before the resume point again, so that the
                // unclosed string ends there instead of at the end of text.
                tokens = Source::new(&rest[..resume]).lex().into_vec();
                resume
            }
            None => rest.len(),
        };
        let chunks = chunk(&rest[..length], &tokens);
        segments.push(Segment {
            offset,
            text: &rest[..length],
            tokens,
            chunks,
        });
        offset += length;
        if resume.is_none() {
            return segments;
        }
    }
}

/// Where a multi-line string that never closes starts, if the lexer ran
/// one to the end of `text`.
fn unclosed_multiline_string(text: &str, tokens: &[Token]) -> Option<usize> {
    let last = tokens.iter().rev().find(|t| t.kind() != TokenKind::Eof)?;
    let delimiter = match last.kind() {
        TokenKind::MlBasicString => "\"\"\"",
        TokenKind::MlLiteralString => "'''",
        _ => return None,
    };
    let raw = &text[last.span().start()..last.span().end()];
    let closed = raw.len() >= 6 && raw.ends_with(delimiter);
    (!closed).then_some(last.span().start())
}

/// Cuts `tokens` at table headers and at recovery points.
fn chunk(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut chunks = Vec::new();
    let mut chunk_start = 0;
    let mut brackets: Vec<TokenKind> = Vec::new();
    let mut at_line_start = true;
    for (index, token) in tokens.iter().enumerate() {
        let kind = token.kind();
        if at_line_start && kind != TokenKind::Whitespace {
            at_line_start = false;
            let line = &tokens[index..];
            let starts_statement = match brackets.last() {
                None => kind == TokenKind::LeftSquareBracket,
                Some(TokenKind::LeftSquareBracket) => {
                    looks_like_header(text, line) || looks_like_key_value(line)
                }
                Some(_) => looks_like_header(text, line),
            };
            if starts_statement {
                brackets.clear();
                let line_start = first_token_of_line(tokens, index);
                if line_start > chunk_start {
                    chunks.push(chunk_start..line_start);
                    chunk_start = line_start;
                }
            }
        }
        match kind {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => brackets.push(kind),
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                brackets.pop();
            }
            TokenKind::Newline => at_line_start = true,
            _ => {}
        }
    }
    if chunk_start < tokens.len() || chunks.is_empty() {
        chunks.push(chunk_start..tokens.len());
    }
    chunks
}

/// The index of the first token (whitespace included) on `index`'s line.
fn first_token_of_line(tokens: &[Token], mut index: usize) -> usize {
    while index > 0 && tokens[index - 1].kind() == TokenKind::Whitespace {
        index -= 1;
    }
    index
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
    fn chunks(text: &str) -> Vec<&str> {
        let mut pieces = Vec::new();
        for segment in segments(text) {
            for range in &segment.chunks {
                let (Some(first), Some(last)) = (
                    segment.tokens.get(range.start),
                    segment.tokens[..range.end].last(),
                ) else {
                    continue;
                };
                let span = first.span().start()..last.span().end();
                pieces.push(&text[segment.offset + span.start..segment.offset + span.end]);
            }
        }
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
    }
}
