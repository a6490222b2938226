//! Byte offset ↔ LSP position, in one place.
//!
//! The engine speaks byte offsets; LSP speaks (line, character) where
//! "character" counts UTF-8 bytes or UTF-16 code units, as negotiated
//! through `positionEncoding`. Lines end at `\n`, `\r\n` or `\r` (ropey is
//! built with exactly those breaks, matching the LSP specification).

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::span::Span;

/// The negotiated position encoding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// LSP's default, and all VS Code understands.
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (fewer conversions, Neovim does),
    /// else UTF-16, which every client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offers_utf8 = offered
            .unwrap_or_default()
            .contains(&PositionEncodingKind::UTF8);
        if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// Why a position cannot be turned into an offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutOfRange {
    pub position: Position,
    pub lines: usize,
}

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "position {}:{} is past the end of a {}-line document",
            self.position.line, self.position.character, self.lines
        )
    }
}

/// The position of byte `offset`. An offset past the end is the end; one
/// inside a character is that character's start.
pub fn position(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let char_index = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_index);
    let line_start_char = rope.line_to_char(line);
    let character = match encoding {
        Encoding::Utf8 => rope.char_to_byte(char_index) - rope.line_to_byte(line),
        Encoding::Utf16 => {
            rope.char_to_utf16_cu(char_index) - rope.char_to_utf16_cu(line_start_char)
        }
    };
    Position::new(as_u32(line), as_u32(character))
}

/// The position of byte `offset` of `text`, on 0-based `line` which starts
/// at `line_start` (as the caller found them): the same as [`position`],
/// without a rope.
pub fn position_on_line(
    text: &str,
    line: usize,
    line_start: usize,
    offset: usize,
    encoding: Encoding,
) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(line_start.min(offset)..offset).unwrap_or_default();
    let character = match encoding {
        Encoding::Utf8 => before.len(),
        Encoding::Utf16 => before.encode_utf16().count(),
    };
    Position::new(as_u32(line), as_u32(character))
}

pub fn range(rope: &Rope, span: Span, encoding: Encoding) -> Range {
    Range::new(
        position(rope, span.start(), encoding),
        position(rope, span.end(), encoding),
    )
}

/// The byte offset of `position`. A character past the end of its line
/// means the line's end (as the specification says); a line past the end
/// of the document is an error. A position inside a character (a UTF-8
/// byte or a UTF-16 surrogate in the middle of it) means its start.
pub fn offset(rope: &Rope, position: Position, encoding: Encoding) -> Result<usize, OutOfRange> {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return Err(OutOfRange {
            position,
            lines: rope.len_lines(),
        });
    }
    let line_start_char = rope.line_to_char(line);
    let content_end_char = line_start_char + line_content_chars(rope, line);
    let character = position.character as usize;
    let char_index = match encoding {
        Encoding::Utf8 => {
            let line_start_byte = rope.line_to_byte(line);
            let content_end_byte = rope.char_to_byte(content_end_char);
            let byte = (line_start_byte + character).min(content_end_byte);
            rope.byte_to_char(byte)
        }
        Encoding::Utf16 => {
            let line_start_cu = rope.char_to_utf16_cu(line_start_char);
            let content_end_cu = rope.char_to_utf16_cu(content_end_char);
            rope.utf16_cu_to_char((line_start_cu + character).min(content_end_cu))
        }
    };
    Ok(rope.char_to_byte(char_index))
}

pub fn span(rope: &Rope, range: Range, encoding: Encoding) -> Result<Span, OutOfRange> {
    let start = offset(rope, range.start, encoding)?;
    let end = offset(rope, range.end, encoding)?;
    Ok(Span::new(start.min(end), start.max(end)))
}

/// A range a request asks about (code actions, formatting a range): as
/// [`span`], except that an end past the last line is the end of the
/// text. Clients write "to the end" as the start of the line after the
/// last, as the specification suggests for a range that takes in line
/// ends. An edit's range stays strict ([`span`]).
pub fn request_span(rope: &Rope, range: Range, encoding: Encoding) -> Result<Span, OutOfRange> {
    let start = offset(rope, range.start, encoding)?;
    let end = if range.end.line as usize >= rope.len_lines() {
        rope.len_bytes()
    } else {
        offset(rope, range.end, encoding)?
    };
    Ok(Span::new(start.min(end), start.max(end)))
}

/// The number of characters in `line`, its line break excluded.
fn line_content_chars(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut chars = slice.len_chars();
    if chars > 0 && slice.char(chars - 1) == '\n' {
        chars -= 1;
    }
    if chars > 0 && slice.char(chars - 1) == '\r' {
        chars -= 1;
    }
    chars
}

fn as_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "",
        "plain ascii\nsecond line",
        "title = \"Ship 🚀 by Friday\"\n",
        "日本語のタイトル = \"目標\"\r\nnext = 1\r\n",
        "e\u{301}cole = \"combining\"\rold mac line\r",
        "𝕏𝕐\n\n\r\n🙂",
        "no newline at the end 🦀",
    ];

    #[test]
    fn every_char_boundary_round_trips_in_both_encodings() {
        for text in TEXTS {
            let rope = Rope::from_str(text);
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                    // Between the two bytes of a CRLF is no position at all.
                    if text[..byte].ends_with('\r') && text[byte..].starts_with('\n') {
                        continue;
                    }
                    let at = position(&rope, byte, encoding);
                    assert_eq!(
                        offset(&rope, at, encoding),
                        Ok(byte),
                        "{text:?} at {byte} ({encoding:?}) → {at:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_position_from_its_line_is_the_ropes() {
        for text in TEXTS {
            let rope = Rope::from_str(text);
            let lines = crate::line_index::LineIndex::new(text);
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                for byte in 0..=text.len() {
                    let mut at = byte;
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    let line = lines.line_of(crate::line_index::line_start(text, at));
                    let start = crate::line_index::line_start(text, at);
                    assert_eq!(
                        position_on_line(text, line, start, byte, encoding),
                        position(&rope, byte, encoding),
                        "{text:?} at {byte} ({encoding:?})"
                    );
                }
            }
        }
    }

    #[test]
    fn columns_count_the_negotiated_unit() {
        let text = "a = \"🚀日\"\nb";
        let rope = Rope::from_str(text);
        let after = text.find('日').map(|i| i + '日'.len_utf8()).unwrap_or(0);
        assert_eq!(position(&rope, after, Encoding::Utf8), Position::new(0, 12));
        assert_eq!(position(&rope, after, Encoding::Utf16), Position::new(0, 8));
        assert_eq!(
            position(&rope, text.len(), Encoding::Utf16),
            Position::new(1, 1)
        );
    }

    #[test]
    fn all_three_line_breaks_end_a_line() {
        let rope = Rope::from_str("a\nb\r\nc\rd");
        let lines: Vec<u32> = [0, 2, 5, 7]
            .iter()
            .map(|&offset| position(&rope, offset, Encoding::Utf16).line)
            .collect();
        assert_eq!(lines, [0, 1, 2, 3]);
    }

    #[test]
    fn positions_outside_the_text_are_clamped_or_refused() {
        let text = "ab\r\n🚀x\n";
        let rope = Rope::from_str(text);
        // Past the end of a line: the line's end, before its break.
        assert_eq!(offset(&rope, Position::new(0, 99), Encoding::Utf16), Ok(2));
        // Inside the surrogate pair of 🚀, or inside its UTF-8 bytes.
        assert_eq!(offset(&rope, Position::new(1, 1), Encoding::Utf16), Ok(4));
        assert_eq!(offset(&rope, Position::new(1, 2), Encoding::Utf8), Ok(4));
        // The empty last line exists; the one after it does not.
        assert_eq!(
            offset(&rope, Position::new(2, 0), Encoding::Utf8),
            Ok(text.len())
        );
        assert!(offset(&rope, Position::new(3, 0), Encoding::Utf8).is_err());
        // Offsets past the end or inside a character.
        assert_eq!(position(&rope, 999, Encoding::Utf8), Position::new(2, 0));
        assert_eq!(position(&rope, 5, Encoding::Utf8), Position::new(1, 0));
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
