//! What is at a byte offset of the tolerant tree: the node (a header, a
//! key, a value, the place after a key being typed) and the logical path
//! of the table it is in. Editor features start here, and so does the
//! analysis when it works out which key a syntax error or a wrong value
//! belongs to.

use crate::span::Span;
use crate::syntax::{Entry, Header, Section, SyntaxTree, Value, ValueKind};

/// The node under a cursor.
#[derive(Clone, Copy, Debug)]
pub enum Node<'t> {
    /// On a table header (`[[goals]]`), brackets included.
    Header(&'t Header),
    /// On a key (any segment of a dotted key), or just after it.
    Key {
        entry: &'t Entry,
        /// Which segment of the dotted key.
        segment: usize,
    },
    /// On a value; `value` is the innermost one (an array element rather
    /// than the array).
    Value { entry: &'t Entry, value: &'t Value },
    /// After `key =` (or `key`) whose value is not typed yet.
    AfterKey { entry: &'t Entry },
    /// Inside a section but on no key or value: a blank line, a comment,
    /// the space around `=`.
    Blank,
}

/// The cursor's place in the tree.
#[derive(Clone, Debug)]
pub struct Cursor<'t> {
    pub offset: usize,
    pub section: &'t Section,
    /// The section's entries.
    pub entries: &'t [Entry],
    pub node: Node<'t>,
    /// The logical path of the table the cursor is in, from the root:
    /// the section's header segments, then the keys of dotted keys and
    /// inline tables around the cursor (`goals.metric` for the cursor on
    /// `target` in `metric = { target = 1 }` under `[[goals]]`).
    pub table_path: Vec<&'t str>,
}

impl Cursor<'_> {
    /// The key the cursor is on or whose value it is in: its last segment.
    pub fn key_name(&self) -> Option<&str> {
        match self.node {
            Node::Key { entry, segment } => {
                entry.key.segments.get(segment).map(|s| s.name.as_str())
            }
            Node::Value { entry, .. } | Node::AfterKey { entry } => {
                entry.key.segments.last().map(|s| s.name.as_str())
            }
            Node::Header(_) | Node::Blank => None,
        }
    }
}

/// Finds what is at `offset`. A cursor right after a token (the usual place
/// while typing) counts as on it. `None` only for an empty tree.
pub fn cursor(tree: &SyntaxTree, offset: usize) -> Option<Cursor<'_>> {
    let section = tree.sections.get(tree.section_index_at(offset))?;
    let entries = tree.entries(section);
    let mut table_path: Vec<&str> = section
        .header
        .as_ref()
        .map(|header| {
            header
                .key
                .segments
                .iter()
                .map(|s| s.name.as_str())
                .collect()
        })
        .unwrap_or_default();
    if let Some(header) = section.header.as_ref().filter(|h| touches(h.span, offset)) {
        return Some(Cursor {
            offset,
            section,
            entries,
            node: Node::Header(header),
            table_path,
        });
    }
    let node = entries
        .iter()
        .find(|entry| touches(entry.span, offset) || entry_line_touches(entry, offset))
        .map_or(Node::Blank, |entry| {
            in_entry(tree, entry, offset, &mut table_path)
        });
    Some(Cursor {
        offset,
        section,
        entries,
        node,
        table_path,
    })
}

/// Whether `offset` is inside `span` or right at its end.
pub(crate) fn touches(span: Span, offset: usize) -> bool {
    span.start() <= offset && offset <= span.end()
}

/// `key = ` with the value not typed yet: the cursor after the `=` is
/// still in this entry.
fn entry_line_touches(entry: &Entry, offset: usize) -> bool {
    missing_value(entry) && entry.span.start() <= offset && offset <= entry.key.span.end() + 3
}

/// No value, or only the empty placeholder the parser leaves after `=`.
fn missing_value(entry: &Entry) -> bool {
    entry
        .value
        .as_ref()
        .is_none_or(|v| matches!(v.kind, ValueKind::Invalid) && v.span.is_empty())
}

fn in_entry<'t>(
    tree: &'t SyntaxTree,
    entry: &'t Entry,
    offset: usize,
    table_path: &mut Vec<&'t str>,
) -> Node<'t> {
    let segments = &entry.key.segments;
    if let Some(segment) = segments.iter().position(|s| touches(s.span, offset)) {
        table_path.extend(segments[..segment].iter().map(|s| s.name.as_str()));
        return Node::Key { entry, segment };
    }
    if let Some((_, parents)) = segments.split_last() {
        table_path.extend(parents.iter().map(|s| s.name.as_str()));
    }
    if missing_value(entry) {
        return Node::AfterKey { entry };
    }
    let Some(value) = entry.value.as_ref().filter(|v| touches(v.span, offset)) else {
        return Node::Blank;
    };
    in_value(tree, entry, value, offset, table_path)
}

fn in_value<'t>(
    tree: &'t SyntaxTree,
    entry: &'t Entry,
    value: &'t Value,
    offset: usize,
    table_path: &mut Vec<&'t str>,
) -> Node<'t> {
    match &value.kind {
        ValueKind::Array(items) => match tree
            .items(items)
            .iter()
            .find(|item| touches(item.span, offset))
        {
            Some(item) => in_value(tree, entry, item, offset, table_path),
            None => Node::Value { entry, value },
        },
        ValueKind::InlineTable(entries) => {
            let Some(inner) = entries.iter().find(|e| touches(e.span, offset)) else {
                // Inside `{ }` but on no entry: a key may be typed here.
                if let Some(name) = entry.key.segments.last() {
                    table_path.push(name.name.as_str());
                }
                return Node::Blank;
            };
            if let Some(name) = entry.key.segments.last() {
                table_path.push(name.name.as_str());
            }
            in_entry(tree, inner, offset, table_path)
        }
        _ => Node::Value { entry, value },
    }
}
