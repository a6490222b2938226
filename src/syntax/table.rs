//! The logical layout: headers and dotted keys folded into nested tables,
//! as TOML means them. Conflicts TOML forbids (a key defined twice, a
//! header repeated, a value reused as a table) are syntax errors here, and
//! the later definition is still kept where it can be, so one slip does
//! not hide the rest of a goal.

use super::{Entry, HeaderKind, KeySegment, SyntaxError, SyntaxTree, Value, ValueKind, key_tag};
use crate::span::Span;

/// Every table of a document in one place: a table's entries are linked
/// in one vector shared by all tables, so building them allocates a few
/// vectors per document rather than six per goal. Read them with
/// [`Tables::entries`], starting from [`Tables::root`].
#[derive(Clone, Debug, PartialEq)]
pub struct Tables<'a> {
    /// The tree the tables were built from.
    tree: &'a SyntaxTree,
    tables: Vec<TableData>,
    entries: Vec<TableEntry<'a>>,
}

/// A table in [`Tables`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableId(u32);

/// The end of a linked list.
const NONE: u32 = u32::MAX;

#[derive(Clone, Debug, PartialEq)]
struct TableData {
    /// Its first and last entry in `Tables::entries`, or [`NONE`].
    first: u32,
    last: u32,
    /// The header (`[[goals]]`) or inline table that defines it; for the
    /// root and implicit tables, where they are first mentioned.
    span: Span,
    /// Whether a header or an inline table defined it (not only a dotted key).
    explicit: bool,
    /// The next element of the array of tables holding it, or [`NONE`].
    next: u32,
    /// A bit per key it holds (see [`key_bit`]): a key whose bit is not
    /// set is not in the table, which spares most duplicate-key scans.
    keys: u64,
}

/// A key's bit in [`TableData::keys`], from its tag.
fn key_bit(tag: u64) -> u64 {
    1 << (tag.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableEntry<'a> {
    pub key: &'a KeySegment,
    pub node: Node<'a>,
    /// The whole `key = value` statement, or the header.
    pub span: Span,
    /// The table's next entry, or [`NONE`].
    next: u32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Node<'a> {
    Value(&'a Value),
    Table(TableId),
    /// `[[name]]` tables, or an array whose elements are all inline tables:
    /// never empty. Read the elements with [`Tables::elements`].
    ArrayOfTables(Array),
}

/// The elements of an array of tables, linked from the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Array {
    first: TableId,
    last: TableId,
    len: u32,
}

impl Array {
    fn of(table: TableId) -> Array {
        Array {
            first: table,
            last: table,
            len: 1,
        }
    }
}

impl<'a> Tables<'a> {
    /// The root table.
    pub fn root(&self) -> TableId {
        TableId(0)
    }

    /// The syntax tree the tables were built from (for array items).
    pub fn tree(&self) -> &'a SyntaxTree {
        self.tree
    }

    /// Where `table` was defined: its header (`[[goals]]`) or inline table;
    /// for the root and implicit tables, where they are first mentioned.
    pub fn span(&self, table: TableId) -> Span {
        self.data(table).span
    }

    /// The entries of `table`, in the order they were written.
    pub fn entries(&self, table: TableId) -> Entries<'_, 'a> {
        Entries {
            entries: &self.entries,
            next: self.data(table).first,
        }
    }

    pub fn get(&self, table: TableId, name: &str) -> Option<&TableEntry<'a>> {
        let tag = key_tag(name);
        self.entries(table).find(|entry| entry.key.is(name, tag))
    }

    /// The elements of an array of tables, in order.
    pub fn elements(&self, array: Array) -> Elements<'_, 'a> {
        Elements {
            tables: self,
            next: array.first.0,
            remaining: array.len,
        }
    }

    /// `table` alone, as if it were an array of one table.
    pub fn single(&self, table: TableId) -> Elements<'_, 'a> {
        self.elements(Array::of(table))
    }

    /// Appends `table` to `array`.
    fn append(&mut self, array: &mut Array, table: TableId) {
        self.tables[array.last.0 as usize].next = table.0;
        array.last = table;
        array.len += 1;
    }

    fn data(&self, table: TableId) -> &TableData {
        &self.tables[table.0 as usize]
    }

    fn new_table(&mut self, span: Span, explicit: bool) -> TableId {
        let id = TableId(index_u32(self.tables.len()));
        self.tables.push(TableData {
            first: NONE,
            last: NONE,
            span,
            explicit,
            next: NONE,
            keys: 0,
        });
        id
    }

    /// Appends an entry to `table`; returns its index.
    fn push(&mut self, table: TableId, key: &'a KeySegment, node: Node<'a>, span: Span) -> usize {
        let index = self.entries.len();
        let at = index_u32(index);
        self.entries.push(TableEntry {
            key,
            node,
            span,
            next: NONE,
        });
        let data = &mut self.tables[table.0 as usize];
        data.keys |= key_bit(key.tag);
        let last = std::mem::replace(&mut data.last, at);
        match last {
            NONE => data.first = at,
            last => self.entries[last as usize].next = at,
        }
        index
    }

    /// The index of the entry of `table` named like `key`, comparing its
    /// stored tag.
    fn position(&self, table: TableId, key: &KeySegment) -> Option<usize> {
        let data = self.data(table);
        if data.keys & key_bit(key.tag) == 0 {
            return None;
        }
        let mut next = data.first;
        while next != NONE {
            let entry = &self.entries[next as usize];
            if entry.key.is(&key.name, key.tag) {
                return Some(next as usize);
            }
            next = entry.next;
        }
        None
    }
}

/// A position in the vectors of [`Tables`]. A document has fewer entries
/// than bytes, and the server refuses documents of 4 GiB long before this.
fn index_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(NONE - 1)
}

/// The entries of a table: see [`Tables::entries`].
#[derive(Clone)]
pub struct Entries<'t, 'a> {
    entries: &'t [TableEntry<'a>],
    next: u32,
}

impl<'t, 'a> Iterator for Entries<'t, 'a> {
    type Item = &'t TableEntry<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let entry = self.entries.get(self.next as usize)?;
        self.next = entry.next;
        Some(entry)
    }
}

/// The tables of an array of tables: see [`Tables::elements`].
#[derive(Clone)]
pub struct Elements<'t, 'a> {
    tables: &'t Tables<'a>,
    next: u32,
    remaining: u32,
}

impl Elements<'_, '_> {
    /// No tables at all.
    pub fn empty<'t, 'a>(tables: &'t Tables<'a>) -> Elements<'t, 'a> {
        Elements {
            tables,
            next: NONE,
            remaining: 0,
        }
    }
}

impl Iterator for Elements<'_, '_> {
    type Item = TableId;

    fn next(&mut self) -> Option<TableId> {
        if self.remaining == 0 {
            return None;
        }
        let data = self.tables.tables.get(self.next as usize)?;
        let id = TableId(self.next);
        self.next = data.next;
        self.remaining -= 1;
        Some(id)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining as usize, Some(self.remaining as usize))
    }
}

impl ExactSizeIterator for Elements<'_, '_> {}

/// Builds the logical tables, appending TOML-level conflicts to `errors`.
/// The tables borrow keys and values from `tree`: nothing is copied.
pub fn build<'a>(tree: &'a SyntaxTree, errors: &mut Vec<SyntaxError>) -> Tables<'a> {
    // Each entry and header is at most one table entry, and one table,
    // unless dotted keys or inline tables make more.
    let mut tables = Tables {
        tree,
        tables: Vec::with_capacity(tree.sections.len() + 1),
        entries: Vec::with_capacity(tree.entries.len() + tree.sections.len()),
    };
    let root = tables.new_table(Span::new(0, 0), true);
    for section in &tree.sections {
        let target = match &section.header {
            None => Some(root),
            Some(header) => open_header(
                &mut tables,
                root,
                &header.key.segments,
                header.kind,
                header.span,
                errors,
            ),
        };
        // Entries under a header that could not be opened go nowhere
        // rather than into the wrong table.
        let Some(table) = target else { continue };
        for entry in tree.entries(section) {
            insert_entry(&mut tables, table, entry, errors);
        }
    }
    tables
}

fn open_header<'a>(
    tables: &mut Tables<'a>,
    root: TableId,
    segments: &'a [KeySegment],
    kind: HeaderKind,
    span: Span,
    errors: &mut Vec<SyntaxError>,
) -> Option<TableId> {
    let (last, parents) = segments.split_last()?;
    let mut table = root;
    for segment in parents {
        table = descend_or_create(tables, table, segment, span, errors)?;
    }
    match (tables.position(table, last), kind) {
        (None, HeaderKind::Table) => {
            let inner = tables.new_table(span, true);
            tables.push(table, last, Node::Table(inner), span);
            Some(inner)
        }
        (None, HeaderKind::ArrayOfTables) => {
            let inner = tables.new_table(span, true);
            tables.push(table, last, Node::ArrayOfTables(Array::of(inner)), span);
            Some(inner)
        }
        (Some(index), HeaderKind::Table) => {
            let existing = &tables.entries[index];
            match existing.node {
                Node::Table(inner) => {
                    let data = &mut tables.tables[inner.0 as usize];
                    if data.explicit {
                        // Merge into the first definition: the keys are
                        // still checked, and the repeat is an error.
                        errors.push(conflict(
                            span,
                            &last.name,
                            "table is defined twice",
                            data.span,
                        ));
                    } else {
                        data.explicit = true;
                        data.span = span;
                    }
                    Some(inner)
                }
                _ => {
                    errors.push(conflict(
                        span,
                        &last.name,
                        "is already defined as something else",
                        existing.span,
                    ));
                    None
                }
            }
        }
        (Some(index), HeaderKind::ArrayOfTables) => {
            let existing = &tables.entries[index];
            match existing.node {
                Node::ArrayOfTables(mut array) => {
                    let inner = tables.new_table(span, true);
                    tables.append(&mut array, inner);
                    tables.entries[index].node = Node::ArrayOfTables(array);
                    Some(inner)
                }
                _ => {
                    errors.push(conflict(
                        span,
                        &last.name,
                        "is already defined as a single table, not an array of tables",
                        existing.span,
                    ));
                    None
                }
            }
        }
    }
}

/// Steps into `segment` under `table`, creating an implicit table; into
/// the last element of an array of tables.
fn descend_or_create<'a>(
    tables: &mut Tables<'a>,
    table: TableId,
    segment: &'a KeySegment,
    span: Span,
    errors: &mut Vec<SyntaxError>,
) -> Option<TableId> {
    match tables.position(table, segment) {
        Some(index) => match tables.entries[index].node {
            Node::Table(inner) => Some(inner),
            Node::ArrayOfTables(array) => Some(array.last),
            Node::Value(_) => {
                errors.push(conflict(
                    segment.span,
                    &segment.name,
                    "is a value, so it cannot hold keys",
                    tables.entries[index].span,
                ));
                None
            }
        },
        None => {
            let inner = tables.new_table(span, false);
            tables.push(table, segment, Node::Table(inner), span);
            Some(inner)
        }
    }
}

fn insert_entry<'a>(
    tables: &mut Tables<'a>,
    table: TableId,
    entry: &'a Entry,
    errors: &mut Vec<SyntaxError>,
) {
    // A key without a value is already a syntax error; keeping it out of
    // the table keeps "missing" and "wrong" apart for the model.
    let Some(value) = &entry.value else { return };
    let Some((last, parents)) = entry.key.segments.split_last() else {
        return;
    };
    let mut table = table;
    for segment in parents {
        let Some(inner) = descend_or_create(tables, table, segment, entry.span, errors) else {
            return;
        };
        table = inner;
    }
    if let Some(index) = tables.position(table, last) {
        errors.push(conflict(
            last.span,
            &last.name,
            "is defined twice",
            tables.entries[index].span,
        ));
        return;
    }
    let node = node_of(tables, value, errors);
    tables.push(table, last, node, entry.span);
}

/// Inline tables become tables, and arrays of inline tables arrays of
/// tables, so the model reads every spelling the same way.
fn node_of<'a>(
    tables: &mut Tables<'a>,
    value: &'a Value,
    errors: &mut Vec<SyntaxError>,
) -> Node<'a> {
    match &value.kind {
        ValueKind::InlineTable(entries) => {
            Node::Table(inline_table(tables, value.span, entries, errors))
        }
        ValueKind::Array(items)
            if !items.is_empty()
                && tables
                    .tree
                    .items(items)
                    .iter()
                    .all(|item| matches!(item.kind, ValueKind::InlineTable(_))) =>
        {
            let mut array: Option<Array> = None;
            for item in tables.tree.items(items) {
                let inner = match &item.kind {
                    ValueKind::InlineTable(entries) => {
                        inline_table(tables, item.span, entries, errors)
                    }
                    _ => tables.new_table(item.span, true),
                };
                match &mut array {
                    Some(array) => tables.append(array, inner),
                    None => array = Some(Array::of(inner)),
                }
            }
            array.map_or(Node::Value(value), Node::ArrayOfTables)
        }
        _ => Node::Value(value),
    }
}

fn inline_table<'a>(
    tables: &mut Tables<'a>,
    span: Span,
    entries: &'a [Entry],
    errors: &mut Vec<SyntaxError>,
) -> TableId {
    let table = tables.new_table(span, true);
    for entry in entries {
        insert_entry(tables, table, entry, errors);
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

    fn outline(tables: &Tables<'_>, table: TableId, indent: usize, out: &mut String) {
        for entry in tables.entries(table) {
            let pad = " ".repeat(indent);
            match entry.node {
                Node::Value(v) => out.push_str(&format!(
                    "{pad}{} = {}\n",
                    entry.key.name,
                    v.kind.type_name()
                )),
                Node::Table(t) => {
                    out.push_str(&format!("{pad}{}:\n", entry.key.name));
                    outline(tables, t, indent + 2, out);
                }
                Node::ArrayOfTables(array) => {
                    for t in tables.elements(array) {
                        out.push_str(&format!("{pad}{}[]:\n", entry.key.name));
                        outline(tables, t, indent + 2, out);
                    }
                }
            }
        }
    }

    fn check(text: &str, expect: expect_test::Expect) {
        let tree = parse(text);
        let mut errors = tree.errors.clone();
        let tables = build(&tree, &mut errors);
        let mut out = String::new();
        outline(&tables, tables.root(), 0, &mut out);
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
