//! The logical layout: headers and dotted keys folded into nested tables,
//! as TOML means them. Conflicts TOML forbids (a key defined twice, a
//! header repeated, a value reused as a table) are syntax errors here, and
//! the later definition is still kept where it can be, so one slip does
//! not hide the rest of a goal.

use smallvec::SmallVec;

use super::{Entry, HeaderKind, KeySegment, SyntaxError, SyntaxTree, Value, ValueKind, key_tag};
use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Table<'a> {
    pub entries: Vec<TableEntry<'a>>,
    /// The header (`[[goals]]`) or inline table that defines it; for the
    /// root and implicit tables, where they are first mentioned.
    pub span: Span,
    /// Whether a header or an inline table defined it (not only a dotted key).
    explicit: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableEntry<'a> {
    pub key: &'a KeySegment,
    pub node: Node<'a>,
    /// The whole `key = value` statement, or the header.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node<'a> {
    Value(&'a Value),
    Table(Table<'a>),
    /// `[[name]]` tables, or an array whose elements are all inline tables.
    ArrayOfTables(Vec<Table<'a>>),
}

impl<'a> Table<'a> {
    fn new(span: Span, explicit: bool) -> Table<'a> {
        Table {
            entries: Vec::new(),
            span,
            explicit,
        }
    }

    pub fn get(&self, name: &str) -> Option<&TableEntry<'a>> {
        let tag = key_tag(name);
        self.entries.iter().find(|entry| entry.key.is(name, tag))
    }

    /// Where the key named like `key` is, comparing its stored tag.
    fn position(&self, key: &KeySegment) -> Option<usize> {
        self.entries
            .iter()
            .position(|entry| entry.key.is(&key.name, key.tag))
    }
}

/// Builds the root table, appending TOML-level conflicts to `errors`.
/// The tables borrow keys and values from `tree`: nothing is copied.
pub fn build<'a>(tree: &'a SyntaxTree, errors: &mut Vec<SyntaxError>) -> Table<'a> {
    let mut root = Table::new(Span::new(0, 0), true);
    for section in &tree.sections {
        let target = match &section.header {
            None => Some(Path::new()),
            Some(header) => open_header(
                &mut root,
                &header.key.segments,
                header.kind,
                header.span,
                errors,
            ),
        };
        // Entries under a header that could not be opened go nowhere
        // rather than into the wrong table.
        let Some(path) = target else { continue };
        let table = table_at_mut(&mut root, &path);
        table.entries.reserve(section.entries.len());
        for entry in &section.entries {
            insert_entry(table, entry, errors);
        }
    }
    root
}

/// A route from the root to a table: entry index, and for arrays of
/// tables, the element (always the last one when opened by a header).
/// Headers are rarely nested deeper than a few levels: no allocation.
type Path = SmallVec<[usize; 4]>;

fn table_at_mut<'t, 'a>(root: &'t mut Table<'a>, path: &[usize]) -> &'t mut Table<'a> {
    let mut table = root;
    for &index in path {
        table = match &mut table.entries[index].node {
            Node::Table(inner) => inner,
            Node::ArrayOfTables(elements) => match elements.last_mut() {
                Some(last) => last,
                None => unreachable_table(),
            },
            Node::Value(_) => unreachable_table(),
        };
    }
    table
}

/// Paths are only built through tables; reaching anything else is a bug in
/// this module, but a bug must not take the server down with it.
fn unreachable_table<'t, 'a>() -> &'t mut Table<'a> {
    Box::leak(Box::new(Table::new(Span::default(), false)))
}

fn open_header<'a>(
    root: &mut Table<'a>,
    segments: &'a [KeySegment],
    kind: HeaderKind,
    span: Span,
    errors: &mut Vec<SyntaxError>,
) -> Option<Path> {
    let (last, parents) = segments.split_last()?;
    let mut path = Path::new();
    for segment in parents {
        let table = table_at_mut(root, &path);
        let index = descend_or_create(table, segment, span, errors)?;
        path.push(index);
    }
    let table = table_at_mut(root, &path);
    match (table.position(last), kind) {
        (None, HeaderKind::Table) => {
            table.entries.push(TableEntry {
                key: last,
                node: Node::Table(Table::new(span, true)),
                span,
            });
            path.push(table.entries.len() - 1);
        }
        (None, HeaderKind::ArrayOfTables) => {
            table.entries.push(TableEntry {
                key: last,
                node: Node::ArrayOfTables(vec![Table::new(span, true)]),
                span,
            });
            path.push(table.entries.len() - 1);
        }
        (Some(index), HeaderKind::Table) => {
            let existing = &mut table.entries[index];
            match &mut existing.node {
                Node::Table(inner) if !inner.explicit => {
                    inner.explicit = true;
                    inner.span = span;
                }
                Node::Table(inner) => {
                    // Merge into the first definition: the keys are still
                    // checked, and the repeat is an error.
                    errors.push(conflict(
                        span,
                        &last.name,
                        "table is defined twice",
                        inner.span,
                    ));
                }
                _ => {
                    errors.push(conflict(
                        span,
                        &last.name,
                        "is already defined as something else",
                        existing.span,
                    ));
                    return None;
                }
            }
            path.push(index);
        }
        (Some(index), HeaderKind::ArrayOfTables) => {
            let existing = &mut table.entries[index];
            match &mut existing.node {
                Node::ArrayOfTables(elements) => elements.push(Table::new(span, true)),
                _ => {
                    errors.push(conflict(
                        span,
                        &last.name,
                        "is already defined as a single table, not an array of tables",
                        existing.span,
                    ));
                    return None;
                }
            }
            path.push(index);
        }
    }
    Some(path)
}

/// Steps into `segment` under `table`, creating an implicit table.
fn descend_or_create<'a>(
    table: &mut Table<'a>,
    segment: &'a KeySegment,
    span: Span,
    errors: &mut Vec<SyntaxError>,
) -> Option<usize> {
    match table.position(segment) {
        Some(index) => match &table.entries[index].node {
            Node::Table(_) => Some(index),
            Node::ArrayOfTables(elements) if !elements.is_empty() => Some(index),
            _ => {
                errors.push(conflict(
                    segment.span,
                    &segment.name,
                    "is a value, so it cannot hold keys",
                    table.entries[index].span,
                ));
                None
            }
        },
        None => {
            table.entries.push(TableEntry {
                key: segment,
                node: Node::Table(Table::new(span, false)),
                span,
            });
            Some(table.entries.len() - 1)
        }
    }
}

fn insert_entry<'a>(table: &mut Table<'a>, entry: &'a Entry, errors: &mut Vec<SyntaxError>) {
    // A key without a value is already a syntax error; keeping it out of
    // the table keeps "missing" and "wrong" apart for the model.
    let Some(value) = &entry.value else { return };
    let Some((last, parents)) = entry.key.segments.split_last() else {
        return;
    };
    let mut table = table;
    for segment in parents {
        let Some(index) = descend_or_create(table, segment, entry.span, errors) else {
            return;
        };
        table = match &mut table.entries[index].node {
            Node::Table(inner) => inner,
            Node::ArrayOfTables(elements) => match elements.last_mut() {
                Some(last) => last,
                None => return,
            },
            Node::Value(_) => return,
        };
    }
    if let Some(index) = table.position(last) {
        errors.push(conflict(
            last.span,
            &last.name,
            "is defined twice",
            table.entries[index].span,
        ));
        return;
    }
    table.entries.push(TableEntry {
        key: last,
        node: node_of(value, errors),
        span: entry.span,
    });
}

/// Inline tables become tables, and arrays of inline tables arrays of
/// tables, so the model reads every spelling the same way.
fn node_of<'a>(value: &'a Value, errors: &mut Vec<SyntaxError>) -> Node<'a> {
    match &value.kind {
        ValueKind::InlineTable(entries) => Node::Table(inline_table(value.span, entries, errors)),
        ValueKind::Array(items)
            if !items.is_empty()
                && items
                    .iter()
                    .all(|item| matches!(item.kind, ValueKind::InlineTable(_))) =>
        {
            Node::ArrayOfTables(
                items
                    .iter()
                    .map(|item| match &item.kind {
                        ValueKind::InlineTable(entries) => inline_table(item.span, entries, errors),
                        _ => Table::new(item.span, true),
                    })
                    .collect(),
            )
        }
        _ => Node::Value(value),
    }
}

fn inline_table<'a>(span: Span, entries: &'a [Entry], errors: &mut Vec<SyntaxError>) -> Table<'a> {
    let mut table = Table::new(span, true);
    for entry in entries {
        insert_entry(&mut table, entry, errors);
    }
    table
}

fn conflict(span: Span, name: &str, what: &str, first: Span) -> SyntaxError {
    SyntaxError {
        span,
        message: format!("`{name}` {what}; remove or rename one of them"),
        first_defined: Some(first),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn outline(table: &Table<'_>, indent: usize, out: &mut String) {
        for entry in &table.entries {
            let pad = " ".repeat(indent);
            match &entry.node {
                Node::Value(v) => out.push_str(&format!(
                    "{pad}{} = {}\n",
                    entry.key.name,
                    v.kind.type_name()
                )),
                Node::Table(t) => {
                    out.push_str(&format!("{pad}{}:\n", entry.key.name));
                    outline(t, indent + 2, out);
                }
                Node::ArrayOfTables(elements) => {
                    for t in elements {
                        out.push_str(&format!("{pad}{}[]:\n", entry.key.name));
                        outline(t, indent + 2, out);
                    }
                }
            }
        }
    }

    fn check(text: &str, expect: expect_test::Expect) {
        let tree = parse(text);
        let mut errors = tree.errors.clone();
        let root = build(&tree, &mut errors);
        let mut out = String::new();
        outline(&root, 0, &mut out);
        for error in errors {
            out.push_str(&format!(
                "error {:?}: {}\n",
                error.span.range(),
                error.message
            ));
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn headers_dotted_keys_and_inline_tables_agree() {
        check(
            "[[goals]]\nid = \"a\"\n[goals.metric]\ntarget = 1\n[[goals.actions]]\ntask = \"t\"\n[[goals]]\nmetric.target = 2\nactions = [{ task = \"u\" }]\n",
            expect_test::expect![[r#"
                goals[]:
                  id = a string
                  metric:
                    target = an integer
                  actions[]:
                    task = a string
                goals[]:
                  metric:
                    target = an integer
                  actions[]:
                    task = a string
            "#]],
        );
    }

    #[test]
    fn conflicts_are_errors_and_later_keys_survive() {
        check(
            "[roadmap]\ntitle = \"a\"\ntitle = \"b\"\n[roadmap]\nowner = \"me\"\n[skills]\n[[skills]]\nid = \"x\"\n",
            expect_test::expect![[r#"
                roadmap:
                  title = a string
                  owner = a string
                skills:
                error 22..27: `title` is defined twice; remove or rename one of them
                error 34..43: `roadmap` table is defined twice; remove or rename one of them
                error 66..76: `skills` is already defined as a single table, not an array of tables; remove or rename one of them
            "#]],
        );
    }
}
