//! Events from toml_parser, chunk by chunk, folded into sections.

use std::borrow::Cow;

use compact_str::CompactString;
use smallvec::{SmallVec, smallvec};
use toml_parser::decoder::ScalarKind;
use toml_parser::parser::{Event, EventKind, RecursionGuard, parse_document};
use toml_parser::{ParseError, Source};

use super::scalar::{plain_bare_key, plain_scalar};
use super::sections::Sections;
use super::split;
use super::{
    Comment, Decoded, Entry, Header, HeaderKind, Items, Key, KeySegment, Section, SyntaxError,
    SyntaxTree, Value, ValueKind, key_tag,
};
use crate::span::Span;

/// Arrays and inline tables nested deeper than this are reported and
/// skipped, so hostile input cannot overflow the stack.
const MAX_NESTING: u32 = 64;

/// Parses `text`; never fails. Every error is in `errors`, and everything
/// that could be read is in `sections`.
pub fn parse(text: &str) -> SyntaxTree {
    parse_with(text, true)
}

/// Parses `text`, reading the plainest lines directly (see [`super::fast`])
/// if `fast`, and everything else through toml_parser.
pub(super) fn parse_with(text: &str, fast: bool) -> SyntaxTree {
    let mut tree = SyntaxTree::default();
    let mut sections = Sections {
        // Room for a section per 128 bytes (a roadmap has about one per
        // 160), so that the vector is not regrown.
        done: Vec::with_capacity(text.len() / 128 + 1),
        current: Section {
            header: None,
            entries: 0..0,
            span: Span::new(0, 0),
        },
        // Room for the entries of a roadmap of this size (about one per
        // 26 bytes) at once: growing a vector of this size copied
        // megabytes. The excess is given back at the end.
        entries: Vec::with_capacity(text.len() / 20),
        // A roadmap has an array item per 125 bytes or so.
        items: Vec::with_capacity(text.len() / 64),
        open_items: Vec::new(),
    };
    // Reused from chunk to chunk: a roadmap has thousands of small chunks.
    let mut events: Vec<Event> = Vec::new();
    let mut errors: Vec<ParseError> = Vec::new();
    let mut chunker = split::Chunker::default();
    let mut at = 0;
    while at < text.len() {
        if fast && let Some(next) = super::fast::line(text, at, &mut sections, &mut tree.comments) {
            at = next;
            continue;
        }
        // Not a plain line: toml_parser reads from here up to the next
        // header (or a line that otherwise starts a chunk of its own).
        at = split::chunks_from(text, at, &mut chunker, |chunk| {
            events.clear();
            errors.clear();
            {
                let mut guard = RecursionGuard::new(&mut events, MAX_NESTING);
                parse_document(chunk.tokens, &mut guard, &mut errors);
            }
            EventReader {
                source: chunk.source,
                events: &events,
                pos: 0,
                offset: chunk.offset,
                errors: &mut errors,
                comments: &mut tree.comments,
                sections: &mut sections,
            }
            .statements();
            tree.errors.extend(
                errors
                    .iter()
                    .map(|error| syntax_error(error, chunk.offset, chunk.source.input())),
            );
        });
    }
    sections.current.span.set_end(text.len());
    sections.current.entries.end = sections.entries.len();
    sections.done.push(sections.current);
    tree.sections = sections.done;
    tree.sections.shrink_to_fit();
    tree.entries = sections.entries;
    tree.entries.shrink_to_fit();
    tree.items = sections.items;
    tree.items.shrink_to_fit();
    tree
}

/// `1_000` → `1000`, copying only when there is an underscore.
fn without_underscores(digits: &str) -> Cow<'_, str> {
    if digits.contains('_') {
        Cow::Owned(digits.replace('_', ""))
    } else {
        Cow::Borrowed(digits)
    }
}

fn syntax_error(error: &ParseError, offset: usize, segment: &str) -> SyntaxError {
    let chunk = segment;
    let clamp =
        |s: toml_parser::Span| Span::new(s.start().min(chunk.len()), s.end().min(chunk.len()));
    let unexpected = error.unexpected().map(clamp);
    let context = error.context().map(clamp);
    let local = match (unexpected, context) {
        // Something left open across lines (a `"""` string): the place to
        // fix is where it was opened, not where the text ran out.
        (Some(at), Some(context))
            if at.is_empty()
                && at.start() == context.end()
                && chunk.get(context.range()).is_some_and(|c| c.contains('\n')) =>
        {
            let first_line_end = chunk
                .get(context.range())
                .and_then(|c| c.find('\n'))
                .map_or(context.end(), |i| context.start() + i);
            Span::new(context.start(), first_line_end)
        }
        (Some(at), _) => at,
        (None, Some(context)) => context,
        (None, None) => Span::empty(0),
    };
    if let Some(key) = missing_value(chunk, local.start()) {
        return SyntaxError {
            span: local.shifted(offset),
            message: format!(
                "`{key} =` has no value: write one after the `=` (a \"string\", a number, a date such as 2027-03-31, true or false, or a [list])"
            ),
            first_defined: None,
        };
    }
    let mut message = error.description().to_string();
    if let Some(expected) = error.expected().filter(|e| !e.is_empty()) {
        let names: Vec<String> = expected
            .iter()
            .map(|e| match e {
                toml_parser::Expected::Literal("\n" | "\r\n") => "a new line".to_string(),
                toml_parser::Expected::Literal(l) => format!("`{l}`"),
                toml_parser::Expected::Description(d) => d.to_string(),
                _ => "something else".to_string(),
            })
            .collect();
        message.push_str(&format!(", expected {}", names.join(" or ")));
    }
    SyntaxError {
        span: local.shifted(offset),
        message,
        first_defined: None,
    }
}

/// The key of `key =` when nothing but blanks follows the `=` up to the
/// end of the line at `at`: the value was never written.
fn missing_value(chunk: &str, at: usize) -> Option<&str> {
    let line_start = chunk.get(..at)?.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = chunk.get(line_start..at)?.trim_end();
    let key = before.strip_suffix('=')?.trim();
    let rest = chunk.get(at..)?;
    let line_rest = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let blank = line_rest.trim().is_empty() || line_rest.trim_start().starts_with('#');
    (blank && !key.is_empty() && !key.contains(['=', '"', '\'', '[', '{'])).then_some(key)
}

/// A cursor over one chunk's events. Every loop advances `pos`, so any
/// event order (including the ones error recovery produces) terminates.
struct EventReader<'a, 'e> {
    source: Source<'a>,
    events: &'e [Event],
    pos: usize,
    offset: usize,
    errors: &'e mut Vec<ParseError>,
    comments: &'e mut Vec<Comment>,
    sections: &'e mut Sections,
}

impl<'a> EventReader<'a, '_> {
    fn peek_kind(&self) -> Option<EventKind> {
        self.events.get(self.pos).map(|e| e.kind())
    }

    fn span_of(&self, event: &Event) -> Span {
        let s = event.span();
        Span::new(s.start() + self.offset, s.end() + self.offset)
    }

    /// The event's text, without building a `Raw` (only the decoder needs one).
    fn text_of(&self, event: &Event) -> Option<&'a str> {
        let s = event.span();
        self.source.input().get(s.start()..s.end())
    }

    fn skip_whitespace(&mut self) {
        while self.peek_kind() == Some(EventKind::Whitespace) {
            self.pos += 1;
        }
    }

    fn statements(&mut self) {
        while let Some(kind) = self.peek_kind() {
            match kind {
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                    let header = self.header();
                    self.sections.header(header);
                }
                EventKind::SimpleKey => {
                    let entry = self.entry();
                    self.sections.entries.push(entry);
                }
                EventKind::Comment => self.comment(),
                _ => self.pos += 1,
            }
        }
    }

    fn comment(&mut self) {
        let event = self.events[self.pos];
        self.pos += 1;
        if let Some(raw) = self.source.get(event) {
            raw.decode_comment(self.errors);
            self.comments.push(Comment {
                span: self.span_of(&event),
                text: raw.as_str().to_string(),
            });
        }
    }

    fn header(&mut self) -> Header {
        let open = self.events[self.pos];
        self.pos += 1;
        let kind = if open.kind() == EventKind::ArrayTableOpen {
            HeaderKind::ArrayOfTables
        } else {
            HeaderKind::Table
        };
        let mut span = self.span_of(&open);
        let mut segments: SmallVec<[KeySegment; 2]> = SmallVec::new();
        while let Some(event) = self.events.get(self.pos).copied() {
            match event.kind() {
                EventKind::SimpleKey => {
                    segments.push(self.key_segment(&event));
                    self.pos += 1;
                }
                EventKind::KeySep | EventKind::Whitespace | EventKind::Error => self.pos += 1,
                EventKind::StdTableClose | EventKind::ArrayTableClose => {
                    span = span.cover(self.span_of(&event));
                    self.pos += 1;
                    break;
                }
                _ => break,
            }
        }
        let key_span = match (segments.first(), segments.last()) {
            (Some(first), Some(last)) => first.span.cover(last.span),
            _ => Span::empty(span.end()),
        };
        Header {
            kind,
            key: Key {
                segments,
                span: key_span,
            },
            span,
        }
    }

    fn key_segment(&mut self, event: &Event) -> KeySegment {
        let span = self.span_of(event);
        let Some(text) = self.text_of(event) else {
            return KeySegment::new(CompactString::default(), span);
        };
        if event.encoding().is_none()
            && let Some(plain) = plain_bare_key(text)
        {
            // The tag from the slice at hand rather than from the name
            // (reading a `CompactString` back tests where it is stored).
            return KeySegment {
                tag: key_tag(plain),
                name: CompactString::from(plain),
                span,
            };
        }
        let mut name = CompactString::default();
        if let Some(raw) = self.source.get(event) {
            let mut decoded: Cow<'_, str> = Cow::Borrowed("");
            raw.decode_key(&mut decoded, self.errors);
            name = CompactString::from(decoded.as_ref());
        }
        KeySegment::new(name, span)
    }

    /// `key = value`, from a `SimpleKey` event (the caller checked).
    fn entry(&mut self) -> Entry {
        let first = self.events[self.pos];
        self.pos += 1;
        let mut segments: SmallVec<[KeySegment; 1]> = smallvec![self.key_segment(&first)];
        // The rest of a dotted key, if any.
        while let Some(event) = self.events.get(self.pos).copied() {
            match event.kind() {
                EventKind::SimpleKey => {
                    segments.push(self.key_segment(&event));
                    self.pos += 1;
                }
                EventKind::KeySep | EventKind::Whitespace => self.pos += 1,
                _ => break,
            }
        }
        let key_span = match segments.last() {
            Some(last) => segments[0].span.cover(last.span),
            None => segments[0].span,
        };
        let key = Key {
            segments,
            span: key_span,
        };
        if self.peek_kind() != Some(EventKind::KeyValSep) {
            return Entry {
                key,
                value: None,
                span: key_span,
            };
        }
        let separator = self.span_of(&self.events[self.pos]);
        self.pos += 1;
        self.skip_whitespace();
        let value = self.value();
        let end = value.as_ref().map_or(separator, |v| v.span);
        Entry {
            key,
            value,
            span: key_span.cover(end),
        }
    }

    fn value(&mut self) -> Option<Value> {
        let event = *self.events.get(self.pos)?;
        match event.kind() {
            EventKind::Scalar => {
                self.pos += 1;
                Some(self.scalar(&event))
            }
            EventKind::ArrayOpen => {
                self.pos += 1;
                Some(self.array(&event))
            }
            EventKind::InlineTableOpen => {
                self.pos += 1;
                Some(self.inline_table(&event))
            }
            _ => None,
        }
    }

    fn scalar(&mut self, event: &Event) -> Value {
        let span = self.span_of(event);
        let Some(text) = self.text_of(event) else {
            return Value {
                kind: ValueKind::Invalid,
                span,
            };
        };
        if let Some(kind) = plain_scalar(text, event.encoding().is_some()) {
            return Value { kind, span };
        }
        let Some(raw) = self.source.get(event) else {
            return Value {
                kind: ValueKind::Invalid,
                span,
            };
        };
        let mut decoded: Cow<'_, str> = Cow::Borrowed("");
        let errors_before = self.errors.len();
        let scalar = raw.decode_scalar(&mut decoded, self.errors);
        let clean = self.errors.len() == errors_before;
        let kind = match scalar {
            // A string with errors is reported once, as a syntax error, and
            // not checked again as if it were what the user meant.
            ScalarKind::String if clean => ValueKind::String(Decoded(Some(decoded.into()))),
            ScalarKind::Boolean(b) if clean => ValueKind::Boolean(b),
            // Decoded as is: the value's text.
            ScalarKind::DateTime if clean => ValueKind::Datetime,
            ScalarKind::Float if clean => without_underscores(&decoded)
                .parse::<f64>()
                .map_or(ValueKind::Invalid, ValueKind::Float),
            ScalarKind::Integer(radix) if clean => {
                let digits = without_underscores(&decoded);
                let digits = digits.strip_prefix('+').unwrap_or(&digits);
                i64::from_str_radix(digits, radix.value())
                    .map_or(ValueKind::Invalid, ValueKind::Integer)
            }
            _ => ValueKind::Invalid,
        };
        Value { kind, span }
    }

    fn array(&mut self, open: &Event) -> Value {
        let mut span = self.span_of(open);
        let base = self.sections.open_items.len();
        while let Some(kind) = self.peek_kind() {
            match kind {
                EventKind::ArrayClose => {
                    span = span.cover(self.span_of(&self.events[self.pos]));
                    self.pos += 1;
                    break;
                }
                EventKind::Comment => self.comment(),
                EventKind::Scalar | EventKind::ArrayOpen | EventKind::InlineTableOpen => {
                    if let Some(value) = self.value() {
                        span = span.cover(value.span);
                        self.sections.open_items.push(value);
                    }
                }
                _ => self.pos += 1,
            }
        }
        let items = &mut self.sections.items;
        let start = items.len();
        if base == 0 {
            // Not nested in another array (nearly always): one copy.
            items.append(&mut self.sections.open_items);
        } else {
            items.extend(self.sections.open_items.drain(base..));
        }
        Value {
            kind: ValueKind::Array(Items {
                start,
                len: items.len() - start,
            }),
            span,
        }
    }

    fn inline_table(&mut self, open: &Event) -> Value {
        let mut span = self.span_of(open);
        let mut entries = Vec::new();
        while let Some(kind) = self.peek_kind() {
            match kind {
                EventKind::InlineTableClose => {
                    span = span.cover(self.span_of(&self.events[self.pos]));
                    self.pos += 1;
                    break;
                }
                EventKind::Comment => self.comment(),
                EventKind::SimpleKey => {
                    let entry = self.entry();
                    span = span.cover(entry.span);
                    entries.push(entry);
                }
                _ => self.pos += 1,
            }
        }
        Value {
            kind: ValueKind::InlineTable(entries),
            span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::scalar::plain_basic_string;

    /// A value as the model reads it: strings and dates resolved.
    fn render(value: &Value, tree: &SyntaxTree, text: &str) -> String {
        match &value.kind {
            ValueKind::String(_) => format!("String({:?})", value.string(text).unwrap_or("?")),
            ValueKind::Datetime => format!("Datetime({:?})", value.raw(text)),
            ValueKind::Array(items) => {
                let items: Vec<String> = tree
                    .items(items)
                    .iter()
                    .map(|item| render(item, tree, text))
                    .collect();
                format!("Array([{}])", items.join(", "))
            }
            ValueKind::InlineTable(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|entry| {
                        let value = entry
                            .value
                            .as_ref()
                            .map_or("<none>".to_string(), |v| render(v, tree, text));
                        format!("{}={value}", entry.key.dotted())
                    })
                    .collect();
                format!("InlineTable({{{}}})", entries.join(", "))
            }
            other => format!("{other:?}"),
        }
    }

    fn summary(text: &str) -> String {
        let tree = parse(text);
        let mut out = String::new();
        for section in &tree.sections {
            let name = section
                .header
                .as_ref()
                .map_or("<root>".to_string(), |h| h.key.dotted());
            out.push_str(&format!("{name}:"));
            for entry in tree.entries(section) {
                let value = entry
                    .value
                    .as_ref()
                    .map_or("<none>".to_string(), |v| render(v, &tree, text));
                out.push_str(&format!(" {}={}", entry.key.dotted(), value));
            }
            out.push('\n');
        }
        for error in &tree.errors {
            out.push_str(&format!(
                "error {:?}: {}\n",
                error.span.range(),
                error.message
            ));
        }
        out
    }

    #[test]
    fn reads_values_of_every_type() {
        let text = "a = \"s\"\nb = 1_000\nc = 2.5\nd = true\ne = 2026-12-31\nf = [1, 'x']\ng = { h = 0x10 }\n";
        expect_test::expect![[r#"
            <root>: a=String("s") b=Integer(1000) c=Float(2.5) d=Boolean(true) e=Datetime("2026-12-31") f=Array([Integer(1), String("x")]) g=InlineTable({h=Integer(16)})
        "#]]
        .assert_eq(&summary(text));
    }

    #[test]
    fn every_error_is_reported_and_neighbours_survive() {
        let text = "[[goals]]\nid = \"a\"\nstatus = \"\ndead\ndepends_on = [\"a\",\ntitle = \"T\"\n[[goals]]\nid = \"b\"\n";
        expect_test::expect![[r#"
            goals: id=String("a") status=Invalid dead=<none> depends_on=Array([String("a")]) title=String("T")
            goals: id=String("b")
            error 34..34: key with no value, expected `=`
            error 53..53: unclosed array, expected `]`
            error 29..29: invalid basic string, expected `"`
        "#]]
        .assert_eq(&summary(text));
    }

    #[test]
    fn deep_nesting_is_cut_off_without_overflowing() {
        let depth = 10_000;
        let text = format!("a = {}{}\nb = 1\n", "[".repeat(depth), "]".repeat(depth));
        let tree = parse(&text);
        assert!(!tree.errors.is_empty());
        let keys: Vec<String> = tree
            .entries(&tree.sections[0])
            .iter()
            .map(|e| e.key.dotted())
            .collect();
        assert_eq!(keys, ["a", "b"]);
    }

    #[test]
    fn fast_paths_agree_with_the_decoder() {
        let decode = |raw: &str, key: bool| {
            let encoding = match raw.as_bytes().first() {
                Some(b'"') => Some(toml_parser::decoder::Encoding::BasicString),
                _ => None,
            };
            let raw = toml_parser::Raw::new_unchecked(
                raw,
                encoding,
                toml_parser::Span::new_unchecked(0, raw.len()),
            );
            let mut out: Cow<'_, str> = Cow::Borrowed("");
            let mut errors: Vec<ParseError> = Vec::new();
            if key {
                raw.decode_key(&mut out, &mut errors);
            } else {
                let _ = raw.decode_scalar(&mut out, &mut errors);
            }
            (out.into_owned(), errors.is_empty())
        };
        let strings = [
            "\"\"",
            "\"plain\"",
            "\"caf\u{e9} 🚀 日本\"",
            "\"tab\there\"",
            "\"a\\\"b\"",
            "\"\\u00e9\"",
            "\"ctrl\u{1}\"",
            "\"\"\"ml\"\"\"",
            "\"",
            "\"unterminated",
        ];
        for raw in strings {
            if let Some(fast) = plain_basic_string(raw) {
                assert_eq!(decode(raw, false), (fast.to_string(), true), "{raw:?}");
            }
        }
        assert!(plain_basic_string("\"a\\\"b\"").is_none());
        assert!(plain_basic_string("\"ctrl\u{1}\"").is_none());
        for raw in [
            "id",
            "depends_on",
            "max-active-goals",
            "a1_b-2",
            "",
            "é",
            "a.b",
            "a b",
        ] {
            if let Some(fast) = plain_bare_key(raw) {
                assert_eq!(decode(raw, true), (fast.to_string(), true), "{raw:?}");
            }
        }
        assert!(plain_bare_key("a.b").is_none() && plain_bare_key("").is_none());
        // Unquoted scalars: the fast path agrees with a full parse of the
        // same value, and leaves anything doubtful to the decoder.
        for raw in [
            "true",
            "false",
            "0",
            "7",
            "42",
            "900",
            "2026-11-23",
            "2026-13-45",
        ] {
            let fast = plain_scalar(raw, false).expect(raw);
            let decoder = toml_parser::Raw::new_unchecked(
                raw,
                None,
                toml_parser::Span::new_unchecked(0, raw.len()),
            );
            let mut out: Cow<'_, str> = Cow::Borrowed("");
            let mut errors: Vec<ParseError> = Vec::new();
            let slow = match decoder.decode_scalar(&mut out, &mut errors) {
                ScalarKind::Boolean(b) => ValueKind::Boolean(b),
                ScalarKind::Integer(_) => ValueKind::Integer(out.parse().expect("decimal")),
                ScalarKind::DateTime => {
                    assert_eq!(out, raw, "dates decode as written");
                    ValueKind::Datetime
                }
                other => panic!("{raw}: {other:?}"),
            };
            assert!(errors.is_empty(), "{raw}: {errors:?}");
            assert_eq!(fast, slow, "{raw}");
        }
        for raw in [
            "007",
            "1_000",
            "+3",
            "-3",
            "1e3",
            "3.5",
            "2026-11-23T10:00:00",
            "inf",
            "tru",
            "1979-05-27 07:32:00",
        ] {
            assert!(plain_scalar(raw, false).is_none(), "{raw}");
        }
    }

    #[test]
    fn comments_are_kept_with_spans() {
        let text = "# roadmap: allow(vague-goal)\na = [ # inside\n 1 ]\n";
        let tree = parse(text);
        let comments: Vec<&str> = tree
            .comments
            .iter()
            .map(|c| &text[c.span.range()])
            .collect();
        assert_eq!(comments, ["# roadmap: allow(vague-goal)", "# inside"]);
    }
}
