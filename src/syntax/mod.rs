//! The tolerant syntax layer: text in, a tree with byte spans and every
//! syntax error out. Parsing never fails.
//!
//! Two levels, as in toml_edit: [`parse`] gives the physical layout (table
//! headers and the key/value lines under them, comments, errors) and
//! [`table::build`] folds it into the logical layout (nested tables and
//! arrays of tables) that the roadmap model reads.

pub mod cursor;
mod fast;
mod parse;
mod scalar;
mod sections;
mod splice;
mod split;
pub mod table;

pub use parse::parse;

use compact_str::CompactString;
use smallvec::SmallVec;

use crate::span::Span;

/// A parsed document: sections in source order, comments, and errors.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyntaxTree {
    pub sections: Vec<Section>,
    /// Every section's entries, section after section: read a section's
    /// with [`SyntaxTree::entries`]. (A vector per section was 5,000
    /// allocations per 1,000 goals.)
    entries: Vec<Entry>,
    /// Every array's items, array after array: read an array's with
    /// [`SyntaxTree::items`]. (A vector per array was another 5,000.)
    items: Vec<Value>,
    pub comments: Vec<Comment>,
    pub errors: Vec<SyntaxError>,
}

impl SyntaxTree {
    /// The entries under `section`'s header, in source order.
    pub fn entries(&self, section: &Section) -> &[Entry] {
        self.entries
            .get(section.entries.clone())
            .unwrap_or_default()
    }

    /// The items of an array value, in source order.
    pub fn items(&self, items: &Items) -> &[Value] {
        self.items
            .get(items.start..items.start + items.len)
            .unwrap_or_default()
    }

    /// The index of the section holding `offset` (sections are in order).
    pub fn section_index_at(&self, offset: usize) -> usize {
        self.sections
            .partition_point(|section| section.span.start() <= offset)
            .saturating_sub(1)
    }

    /// The extent of the table whose header starts at `header_start`,
    /// sub-tables included (`[[goals]]` with its `[goals.metric]` and
    /// actions): up to the next header that is not nested under it.
    pub fn table_extent(&self, header_start: usize) -> Option<Span> {
        let index = self
            .sections
            .binary_search_by_key(&header_start, |s| s.span.start())
            .ok()?;
        let section = &self.sections[index];
        let header = section.header.as_ref()?;
        let is_nested = |next: &Section| {
            next.header.as_ref().is_some_and(|next_header| {
                let outer = &header.key.segments;
                let inner = &next_header.key.segments;
                inner.len() > outer.len()
                    && outer
                        .iter()
                        .zip(inner.iter())
                        .all(|(a, b)| a.name == b.name)
            })
        };
        let end = self.sections[index + 1..]
            .iter()
            .find(|next| !is_nested(next))
            .map_or_else(
                || {
                    self.sections
                        .last()
                        .map_or(section.span.end(), |s| s.span.end())
                },
                |next| next.span.start(),
            );
        Some(Span::new(section.span.start(), end))
    }
}

/// A table header and the entries under it, up to the next header. The
/// first section has no header: it holds the root table's entries.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub header: Option<Header>,
    /// Where its entries are in the tree: see [`SyntaxTree::entries`].
    entries: std::ops::Range<usize>,
    /// From the header (or the file's start) to the next header.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderKind {
    /// `[name]`
    Table,
    /// `[[name]]`
    ArrayOfTables,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub kind: HeaderKind,
    pub key: HeaderKey,
    /// From the opening to the closing bracket(s).
    pub span: Span,
}

/// A possibly dotted key. Keys of entries are almost always one segment,
/// which then needs no allocation; headers have their own [`HeaderKey`].
#[derive(Clone, Debug, PartialEq)]
pub struct Key<A: smallvec::Array<Item = KeySegment> = [KeySegment; 1]> {
    pub segments: SmallVec<A>,
    pub span: Span,
}

/// A header's key: room for two segments (`[goals.metric]`,
/// `[[goals.actions]]`) without an allocation. (With one, four of a
/// goal's five headers spilled to the heap.)
pub type HeaderKey = Key<[KeySegment; 2]>;

impl<A: smallvec::Array<Item = KeySegment>> Key<A> {
    /// The dotted name as written, without quotes: `goals.metric`.
    pub fn dotted(&self) -> String {
        let names: Vec<&str> = self.segments.iter().map(|s| s.name.as_str()).collect();
        names.join(".")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct KeySegment {
    /// Inline up to 24 bytes: keys never allocate.
    pub name: CompactString,
    pub span: Span,
    /// [`key_tag`] of `name`, so lookups reject most other keys with one
    /// integer comparison.
    pub tag: u64,
}

impl KeySegment {
    pub fn new(name: CompactString, span: Span) -> Self {
        let tag = key_tag(&name);
        KeySegment { name, span, tag }
    }

    /// Whether this key is `name`; `tag` must be `key_tag(name)`.
    pub fn is(&self, name: &str, tag: u64) -> bool {
        self.tag == tag && self.name == name
    }
}

/// A key's length and first seven bytes packed in a word: equal names have
/// equal tags, and short names rarely share one.
#[inline]
pub fn key_tag(name: &str) -> u64 {
    let bytes = name.as_bytes();
    // Byte by byte rather than a copy into a buffer: a copy of a variable
    // length is a call to memcpy, and keys are short.
    let mut tag = u64::from(u8::try_from(bytes.len()).unwrap_or(u8::MAX)) << 56;
    for (i, &b) in bytes.iter().take(7).enumerate() {
        tag |= u64::from(b) << (8 * i);
    }
    tag
}

/// `key = value`. A half-typed line (`dead`, `status =`) is an entry with
/// no value, so completion still knows which key is being written.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Key,
    pub value: Option<Value>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

impl Value {
    /// The content of a string value; `None` for other kinds. Borrowed
    /// from `text` (the parsed text) or, for decoded strings, the value.
    pub fn string<'a>(&'a self, text: &'a str) -> Option<&'a str> {
        match &self.kind {
            ValueKind::String(Decoded(Some(decoded))) => Some(decoded),
            ValueKind::String(Decoded(None)) => {
                text.get(self.span.start() + 1..self.span.end().saturating_sub(1))
            }
            _ => None,
        }
    }

    /// The value as written in `text`: a date's text, for instance.
    pub fn raw<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.span.range()).unwrap_or_default()
    }
}

/// A value's kind. Strings and dates are not copied out of the text: read
/// them with [`Value::string`] and [`Value::raw`]: copying every string
/// into the tree would allocate for each, and the model copies the few it
/// keeps anyway. Equal values have equal spans, so comparing two values
/// is meaningful within one text.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    String(Decoded),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    /// Any TOML date-time form, as written; the model validates it.
    Datetime,
    /// Read the items with [`SyntaxTree::items`].
    Array(Items),
    InlineTable(Vec<Entry>),
    /// Something that did not lex as a value; its error is in the tree.
    Invalid,
}

impl ValueKind {
    /// The type's name as users know it, for "expected X, found Y".
    pub fn type_name(&self) -> &'static str {
        match self {
            ValueKind::String(_) => "a string",
            ValueKind::Integer(_) => "an integer",
            ValueKind::Float(_) => "a float",
            ValueKind::Boolean(_) => "a boolean",
            ValueKind::Datetime => "a date",
            ValueKind::Array(_) => "an array",
            ValueKind::InlineTable(_) => "a table",
            ValueKind::Invalid => "an invalid value",
        }
    }
}

/// Where an array's items are in the tree: see [`SyntaxTree::items`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Items {
    start: usize,
    len: usize,
}

impl Items {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A string's content when it differs from the text between its quotes
/// (escapes, multi-line and literal strings). Plain `"…"` strings, nearly
/// all of them, store nothing: see [`Value::string`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decoded(pub(crate) Option<Box<str>>);

/// A `#` comment, text included, so allow-comments can be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    /// The earlier definition, for conflicts such as a key set twice.
    pub first_defined: Option<Span>,
}
