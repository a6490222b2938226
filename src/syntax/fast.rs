//! The lines a roadmap is nearly all made of, read straight from the
//! bytes: blank lines, comments, `[header]` and `[[header]]` with bare
//! keys, and `key = value` with a bare key and a plain value (a string
//! without escapes, a small integer, a boolean, a `YYYY-MM-DD` date, or a
//! one-line array of those). Such a line has no error and means the same
//! in any context, so reading it here gives exactly the tree toml_parser's
//! events would; anything else, or anything doubtful, is left to them.
//! (Lexing, events and chunking were two thirds of an analysis.)

use compact_str::CompactString;
use smallvec::{SmallVec, smallvec};

use super::scalar::{BARE_KEY_BYTE, plain_scalar};
use super::sections::Sections;
use super::{
    Comment, Entry, Header, HeaderKind, Items, Key, KeySegment, Value, ValueKind, key_tag,
};
use crate::span::Span;

/// Reads the line starting at `at` into `sections` and `comments` and
/// returns where the next line starts, if the line is plain; otherwise
/// changes nothing and returns `None`.
pub(super) fn line(
    text: &str,
    at: usize,
    sections: &mut Sections,
    comments: &mut Vec<Comment>,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let start = skip_blanks(bytes, at);
    match bytes.get(start) {
        Some(b'[') => {
            let (header, after) = header(text, start)?;
            let (comment, next) = line_end(bytes, after)?;
            sections.header(header);
            push_comment(text, comment, comments);
            Some(next)
        }
        Some(&b) if BARE_KEY_BYTE[usize::from(b)] => {
            let items_before = sections.items.len();
            let Some((entry, after)) = entry(text, start, &mut sections.items) else {
                sections.items.truncate(items_before);
                return None;
            };
            let Some((comment, next)) = line_end(bytes, after) else {
                sections.items.truncate(items_before);
                return None;
            };
            sections.entries.push(entry);
            push_comment(text, comment, comments);
            Some(next)
        }
        _ => {
            let (comment, next) = line_end(bytes, start)?;
            push_comment(text, comment, comments);
            Some(next)
        }
    }
}

fn push_comment(text: &str, span: Option<Span>, comments: &mut Vec<Comment>) {
    if let Some(span) = span {
        comments.push(Comment {
            span,
            text: text[span.range()].to_string(),
        });
    }
}

/// Past spaces and tabs, TOML's whitespace.
fn skip_blanks(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// The rest of a line after its statement: blanks, perhaps a comment,
/// then a line break or the end of the text. Returns the comment's span
/// and the start of the next line.
fn line_end(bytes: &[u8], at: usize) -> Option<(Option<Span>, usize)> {
    let mut at = skip_blanks(bytes, at);
    let mut comment = None;
    if bytes.get(at) == Some(&b'#') {
        let start = at;
        // A comment runs to the line break; control characters other
        // than tab are errors, so the decoder must see them.
        while let Some(&b) = bytes.get(at) {
            if b == b'\n' || b == b'\r' {
                break;
            }
            if (b < 0x20 && b != b'\t') || b == 0x7f {
                return None;
            }
            at += 1;
        }
        comment = Some(Span::new(start, at));
    }
    match bytes.get(at) {
        None => Some((comment, at)),
        Some(b'\n') => Some((comment, at + 1)),
        Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => Some((comment, at + 2)),
        _ => None,
    }
}

/// A bare key starting at `at`, and where it ends.
fn bare_key(text: &str, at: usize) -> Option<(KeySegment, usize)> {
    let bytes = text.as_bytes();
    let mut end = at;
    while bytes
        .get(end)
        .is_some_and(|&b| BARE_KEY_BYTE[usize::from(b)])
    {
        end += 1;
    }
    if end == at {
        return None;
    }
    let name = &text[at..end];
    Some((
        KeySegment {
            tag: key_tag(name),
            name: CompactString::from(name),
            span: Span::new(at, end),
        },
        end,
    ))
}

/// `[a.b]` or `[[a.b]]` at `at`, without blanks inside.
fn header(text: &str, at: usize) -> Option<(Header, usize)> {
    let bytes = text.as_bytes();
    let double = bytes.get(at + 1) == Some(&b'[');
    let mut pos = at + if double { 2 } else { 1 };
    let mut segments: SmallVec<[KeySegment; 2]> = SmallVec::new();
    loop {
        let (segment, end) = bare_key(text, pos)?;
        segments.push(segment);
        pos = end;
        match bytes.get(pos) {
            Some(b'.') => pos += 1,
            Some(b']') => break,
            _ => return None,
        }
    }
    pos += 1;
    if double {
        if bytes.get(pos) != Some(&b']') {
            return None;
        }
        pos += 1;
    }
    let key_span = match (segments.first(), segments.last()) {
        (Some(first), Some(last)) => first.span.cover(last.span),
        _ => return None,
    };
    let kind = if double {
        HeaderKind::ArrayOfTables
    } else {
        HeaderKind::Table
    };
    Some((
        Header {
            kind,
            key: Key {
                segments,
                span: key_span,
            },
            span: Span::new(at, pos),
        },
        pos,
    ))
}

/// `key = value` at `at`. Array items go to `items` (the caller takes them
/// back if the line turns out not to be plain after all).
fn entry(text: &str, at: usize, items: &mut Vec<Value>) -> Option<(Entry, usize)> {
    let bytes = text.as_bytes();
    let (segment, end) = bare_key(text, at)?;
    let key_span = segment.span;
    let mut pos = skip_blanks(bytes, end);
    if bytes.get(pos) != Some(&b'=') {
        return None;
    }
    pos = skip_blanks(bytes, pos + 1);
    let value = if bytes.get(pos) == Some(&b'[') {
        array(text, pos, items)?
    } else {
        scalar(text, pos)?
    };
    let end = value.span.end();
    Some((
        Entry {
            key: Key {
                segments: smallvec![segment],
                span: key_span,
            },
            span: key_span.cover(value.span),
            value: Some(value),
        },
        end,
    ))
}

/// A plain string or unquoted scalar at `at`.
fn scalar(text: &str, at: usize) -> Option<Value> {
    let bytes = text.as_bytes();
    if bytes.get(at) == Some(&b'"') {
        // To the next quote; `plain_basic_string` rejects escapes and
        // control characters, and a `"""` leaves a quote after it, which
        // no caller accepts.
        let close = at + 1 + bytes.get(at + 1..)?.iter().position(|&b| b == b'"')?;
        let raw = &text[at..=close];
        let kind = plain_scalar(raw, true)?;
        return Some(Value {
            kind,
            span: Span::new(at, close + 1),
        });
    }
    // `true`, `false`, digits, or a date: letters, digits and `-` only.
    let mut end = at;
    while bytes
        .get(end)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
    {
        end += 1;
    }
    // What follows must end the token as the lexer sees it.
    if !matches!(
        bytes.get(end),
        None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'#' | b',' | b']')
    ) {
        return None;
    }
    let kind = plain_scalar(&text[at..end], false)?;
    Some(Value {
        kind,
        span: Span::new(at, end),
    })
}

/// A one-line array of plain scalars at `at` (on its `[`).
fn array(text: &str, at: usize, items: &mut Vec<Value>) -> Option<Value> {
    let bytes = text.as_bytes();
    let start = items.len();
    let mut pos = skip_blanks(bytes, at + 1);
    loop {
        if bytes.get(pos) == Some(&b']') {
            break;
        }
        let item = scalar(text, pos)?;
        pos = skip_blanks(bytes, item.span.end());
        items.push(item);
        match bytes.get(pos) {
            Some(b',') => pos = skip_blanks(bytes, pos + 1),
            Some(b']') => break,
            _ => return None,
        }
    }
    Some(Value {
        kind: ValueKind::Array(Items {
            start,
            len: items.len() - start,
        }),
        span: Span::new(at, pos + 1),
    })
}

#[cfg(test)]
mod tests {
    use crate::syntax::parse::parse_with;

    /// The fast path and toml_parser agree on `text`, tree and errors.
    fn agree(text: &str) {
        let fast = parse_with(text, true);
        let slow = parse_with(text, false);
        assert_eq!(fast, slow, "trees differ for {text:?}");
    }

    const EDITS: [&str; 24] = [
        "", "\"", "'", "[", "]", "[[", "=", "#", ".", ",", " ", "\t", "\n", "\r", "\r\n", "\\",
        "{", "}", "1", "x", "é", "\u{1}", "\u{7f}", "\"\"\"",
    ];

    /// `text` with `edit` inserted at `at`, or the character there removed
    /// if `edit` is empty.
    fn edited(text: &str, at: usize, edit: &str) -> Option<String> {
        if !text.is_char_boundary(at) {
            return None;
        }
        let mut out = text[..at].to_string();
        if edit.is_empty() {
            let mut rest = text[at..].chars();
            rest.next()?;
            out.push_str(rest.as_str());
        } else {
            out.push_str(edit);
            out.push_str(&text[at..]);
        }
        Some(out)
    }

    #[test]
    fn plain_lines_read_as_toml_parser_reads_them() {
        let cases = [
            "",
            "\n\n  \t\n",
            "a = \"x\"\nb = 1\nc = true\nd = false\ne = 2026-11-23\nf = [\"a\", \"b\",]\ng = []\n",
            "[[goals]]\nid = \"g\" # trailing\n[goals.metric]\ntarget = 10\n# alone\n",
            "  [roadmap]  \n  title = \"t\"\t\n",
            "a = \"x\"\r\nb = [ 1 , 2 ]\r\n[t]\r\n",
            "a = 007\nb = 1_000\nc = -1\nd = 1.5\ne = 2026-11-23T10:00:00\nf = 1979-05-27 07:32:00\n",
            "a = \"\"\"\nx\n\"\"\"\nb = 'lit'\nc = \"esc\\\"\"\n",
            "a.b = 1\n[ t ]\n[a . b]\n[[x]] # c\n[[y] ]\n",
            "a = [\n  \"x\",\n]\nb = { c = 1 }\n",
            "a = \"x\" b\nc =\nd\n= 1\n[e\n",
            "# \u{1} control\na = 1 # \u{7f}\n",
            "a = \"x\"\rb = 1\n",
            "a = [\"x\", [\"y\"]]\nb = 1",
            "a = 1\n[t]",
            "a = 99999999999999999999\nb = 12345678901234567\n",
            "trueish = true\n123 = \"n\"\n-key_ = 1\n",
            "a = \"caf\u{e9} \u{65e5}\"\n[[goals]]\nt = \"\u{1F680}\"\n",
            "\u{feff}a = 1\n",
            "a = [1,2,3]#c\nb=2\n[x.y.z]\n",
        ];
        for case in cases {
            agree(case);
            for at in 0..=case.len() {
                for edit in EDITS {
                    if let Some(text) = edited(case, at, edit) {
                        agree(&text);
                    }
                }
            }
        }
    }

    #[test]
    fn several_edits_at_once_read_the_same_through_either_path() {
        let text = include_str!("../../fixtures/every-check.roadmap.toml");
        // A fixed pseudo-random sequence (64-bit LCG), so failures repeat.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |bound: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % bound
        };
        for _ in 0..300 {
            let mut mutated = text.to_string();
            for _ in 0..1 + next(4) {
                let at = next(mutated.len() + 1);
                if let Some(edit) = edited(&mutated, at, EDITS[next(EDITS.len())]) {
                    mutated = edit;
                }
            }
            agree(&mutated);
        }
    }

    #[test]
    fn fixtures_read_the_same_through_either_path_even_when_edited() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let mut files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .map(|entry| entry.into_path())
            .filter(|path| path.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.push(concat!(env!("CARGO_MANIFEST_DIR"), "/src/cli/starter.roadmap.toml").into());
        assert!(files.len() > 5);
        for path in files {
            let text = std::fs::read_to_string(&path).expect("fixture");
            agree(&text);
            // Every 7th byte, one edit each, in rotation.
            for (n, at) in (0..=text.len()).step_by(7).enumerate() {
                if let Some(edited) = edited(&text, at, EDITS[n % EDITS.len()]) {
                    agree(&edited);
                }
            }
        }
    }
}
