//! Writing statements in their canonical form: keys, values, arrays and
//! inline tables, from the spans of the tolerant tree. Scalars (strings,
//! numbers, dates) are copied as written; only the space between tokens
//! is decided here.
//!
//! Every byte of a statement must be accounted for: a key, a value, a
//! comment, or punctuation and spaces the layout rewrites. Anything else
//! (which the parser would have reported) is [`Unsafe`], and the caller
//! keeps the whole table as written.

use crate::model::schema::TableKind;
use crate::span::Span;
use crate::syntax::{Comment, Entry, Key, SyntaxTree, Value, ValueKind};

use super::order;

/// A statement the writer cannot account for byte by byte.
#[derive(Debug)]
pub(super) struct Unsafe;

/// Indentation inside multi-line arrays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indent {
    Spaces(u8),
    Tab,
}

impl Indent {
    fn push(self, out: &mut String, levels: usize) {
        for _ in 0..levels {
            match self {
                Indent::Spaces(n) => out.extend(std::iter::repeat_n(' ', usize::from(n))),
                Indent::Tab => out.push('\t'),
            }
        }
    }
}

/// The output being written, and what writing it needs.
pub(super) struct Writer<'t> {
    pub text: &'t str,
    pub tree: &'t SyntaxTree,
    pub out: String,
    /// The file's line break, `\n` or `\r\n`.
    pub newline: &'static str,
    pub indent: Indent,
    pub reorder: bool,
}

impl Writer<'_> {
    pub fn end_line(&mut self) {
        self.out.push_str(self.newline);
    }

    /// A comment on a line of its own, at `levels` of indentation.
    pub fn own_line_comment(&mut self, comment: &Comment, levels: usize) {
        self.indent.push(&mut self.out, levels);
        self.out.push_str(comment_text(self.text, comment));
    }

    /// A comment after code on the same line, after the spaces written
    /// before it (at least one): comments aligned by hand stay aligned
    /// when the code before them did not change.
    pub fn trailing_comment(&mut self, comment: &Comment) {
        let before = &self.text[..comment.span.start()];
        let code_end = before.trim_end_matches([' ', '\t']).len();
        match &before[code_end..] {
            "" => self.out.push(' '),
            spaces => self.out.push_str(spaces),
        }
        self.out.push_str(comment_text(self.text, comment));
    }

    pub fn key<A: smallvec::Array<Item = crate::syntax::KeySegment>>(
        &mut self,
        key: &Key<A>,
    ) -> Result<(), Unsafe> {
        let spans = key.segments.iter().map(|segment| segment.span);
        check_residue(self.text, key.span, spans, |b| b == b'.')?;
        for (i, segment) in key.segments.iter().enumerate() {
            if i > 0 {
                self.out.push('.');
            }
            self.out.push_str(&self.text[segment.span.range()]);
        }
        Ok(())
    }

    /// `key = value`, the value of a table of `kind` (for inline tables),
    /// at `levels` of indentation for its inner lines.
    pub fn entry(
        &mut self,
        entry: &Entry,
        kind: Option<TableKind>,
        levels: usize,
    ) -> Result<(), Unsafe> {
        let value = entry.value.as_ref().ok_or(Unsafe)?;
        self.key(&entry.key)?;
        let between = Span::new(entry.key.span.end(), value.span.start());
        check_residue(self.text, between, std::iter::empty(), |b| b == b'=')?;
        if self.text[between.range()]
            .bytes()
            .filter(|&b| b == b'=')
            .count()
            != 1
        {
            return Err(Unsafe);
        }
        self.out.push_str(" = ");
        self.value(value, value_kind(kind, &entry.key), levels)
    }

    fn value(
        &mut self,
        value: &Value,
        kind: Option<TableKind>,
        levels: usize,
    ) -> Result<(), Unsafe> {
        match &value.kind {
            ValueKind::Array(items) => self.array(value, self.tree.items(items), kind, levels),
            ValueKind::InlineTable(entries) => self.inline_table(value, entries, kind, levels),
            ValueKind::Invalid => Err(Unsafe),
            _ => {
                self.out.push_str(value.raw(self.text));
                Ok(())
            }
        }
    }

    /// `["a", "b"]` on one line when written on one line; otherwise one
    /// item per line, each followed by a comma, comments where they were
    /// relative to the items.
    fn array(
        &mut self,
        array: &Value,
        items: &[Value],
        kind: Option<TableKind>,
        levels: usize,
    ) -> Result<(), Unsafe> {
        let comments = comments_between(self.tree, array.span, items);
        let covered = merge_spans(
            items.iter().map(|i| i.span),
            comments.iter().map(|c| c.span),
        );
        check_residue(self.text, array.span, covered.into_iter(), |b| {
            matches!(b, b'[' | b']' | b',')
        })?;
        let raw = array.raw(self.text);
        if !raw.contains('\n') {
            self.out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.value(item, kind, levels)?;
            }
            self.out.push(']');
            return Ok(());
        }
        self.out.push('[');
        let mut comments = comments.into_iter().peekable();
        let mut last_end = array.span.start();
        for item in items {
            self.comments_before(&mut comments, item.span.start(), last_end, levels + 1);
            self.end_line();
            self.indent.push(&mut self.out, levels + 1);
            self.value(item, kind, levels + 1)?;
            self.out.push(',');
            last_end = item.span.end();
        }
        self.comments_before(&mut comments, array.span.end(), last_end, levels + 1);
        self.end_line();
        self.indent.push(&mut self.out, levels);
        self.out.push(']');
        Ok(())
    }

    /// Writes the comments that come before `until`: one on the same line
    /// as what ended at `last_end` stays on that line, the others get a
    /// line of their own.
    fn comments_before(
        &mut self,
        comments: &mut std::iter::Peekable<std::vec::IntoIter<&Comment>>,
        until: usize,
        last_end: usize,
        levels: usize,
    ) {
        while let Some(comment) = comments.next_if(|c| c.span.start() < until) {
            let same_line =
                !self.text[last_end.min(comment.span.start())..comment.span.start()].contains('\n');
            if same_line {
                self.trailing_comment(comment);
            } else {
                self.end_line();
                self.own_line_comment(comment, levels);
            }
        }
    }

    /// `{ a = 1, b = 2 }`, its keys in canonical order. An inline table
    /// written over several lines (TOML 1.1) is kept as written.
    fn inline_table(
        &mut self,
        table: &Value,
        entries: &[Entry],
        kind: Option<TableKind>,
        levels: usize,
    ) -> Result<(), Unsafe> {
        let raw = table.raw(self.text);
        if raw.contains('\n') {
            self.out.push_str(raw);
            return Ok(());
        }
        let spans = entries.iter().map(|e| e.span);
        check_residue(self.text, table.span, spans, |b| {
            matches!(b, b'{' | b'}' | b',')
        })?;
        if entries.is_empty() {
            self.out.push_str("{}");
            return Ok(());
        }
        let order: Vec<usize> = if self.reorder {
            order::canonical(kind, entries.iter().map(|e| e.key.segments.as_slice()))
        } else {
            (0..entries.len()).collect()
        };
        self.out.push_str("{ ");
        for (n, &i) in order.iter().enumerate() {
            if n > 0 {
                self.out.push_str(", ");
            }
            self.entry(&entries[i], kind, levels)?;
        }
        self.out.push_str(" }");
        Ok(())
    }
}

/// The table kind of the value under `key` in a table of `kind`: the
/// element kind for arrays of tables.
fn value_kind(kind: Option<TableKind>, key: &Key) -> Option<TableKind> {
    key.segments
        .iter()
        .try_fold(kind?, |kind, segment| kind.child(&segment.name))
}

/// A comment's text without the spaces a line may end with.
pub(super) fn comment_text<'t>(text: &'t str, comment: &Comment) -> &'t str {
    text[comment.span.range()].trim_end()
}

/// The comments inside `array` that are not inside one of its items.
fn comments_between<'t>(tree: &'t SyntaxTree, array: Span, items: &[Value]) -> Vec<&'t Comment> {
    comments_in(tree, array)
        .iter()
        .filter(|c| {
            !items
                .iter()
                .any(|item| item.span.start() <= c.span.start() && c.span.start() < item.span.end())
        })
        .collect()
}

/// The comments that start inside `span` (comments are in text order).
pub(super) fn comments_in(tree: &SyntaxTree, span: Span) -> &[Comment] {
    let first = tree
        .comments
        .partition_point(|c| c.span.start() < span.start());
    let last = tree
        .comments
        .partition_point(|c| c.span.start() < span.end());
    &tree.comments[first..last.max(first)]
}

/// Two sorted span lists merged into one sorted list.
fn merge_spans(a: impl Iterator<Item = Span>, b: impl Iterator<Item = Span>) -> Vec<Span> {
    let mut spans: Vec<Span> = a.chain(b).collect();
    spans.sort_by_key(|s| s.start());
    spans
}

/// Whether every byte of `span` outside `covered` (sorted, inside `span`)
/// is TOML whitespace, a line break, or punctuation `allowed` accepts.
pub(super) fn check_residue(
    text: &str,
    span: Span,
    covered: impl Iterator<Item = Span>,
    allowed: impl Fn(u8) -> bool,
) -> Result<(), Unsafe> {
    let bytes = text.as_bytes();
    let mut at = span.start();
    let check = |from: usize, to: usize| {
        bytes
            .get(from..to)
            .is_some_and(|gap| gap.iter().all(|&b| is_space(b) || allowed(b)))
    };
    for inner in covered {
        if inner.start() < at || inner.end() > span.end() || !check(at, inner.start()) {
            return Err(Unsafe);
        }
        at = inner.end();
    }
    if check(at, span.end()) {
        Ok(())
    } else {
        Err(Unsafe)
    }
}

/// Spaces, tabs and line breaks.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}
