//! The formatter's own safety check, as black does: the formatted text
//! must mean exactly what the original meant (every table, key and value,
//! arrays of tables in order), keep every comment, and have the same
//! syntax errors. If it does not, the original is kept. Tests assert that
//! this never happens; the check is there so that a bug costs a format,
//! never a user's text.

use std::fmt::Write;

use crate::syntax::table::{Node, TableId, Tables};
use crate::syntax::{self, Entry, SyntaxTree, Value, ValueKind};

/// What a text means, without where it says it.
#[derive(Debug, PartialEq, Eq)]
pub struct Meaning {
    /// Every table, keys sorted, values decoded.
    tables: String,
    /// Every comment's text, sorted.
    comments: Vec<String>,
    errors: usize,
}

pub fn meaning(text: &str) -> Meaning {
    let tree = syntax::parse(text);
    let mut conflicts = Vec::new();
    let tables = syntax::table::build(&tree, &mut conflicts);
    let mut dump = String::new();
    table(&tables, text, tables.root(), &mut dump);
    let mut comments: Vec<String> = tree
        .comments
        .iter()
        .map(|c| c.text.trim_end().to_string())
        .collect();
    comments.sort_unstable();
    Meaning {
        tables: dump,
        comments,
        errors: tree.errors.len() + conflicts.len(),
    }
}

fn table(tables: &Tables<'_>, text: &str, id: TableId, out: &mut String) {
    let mut entries: Vec<_> = tables.entries(id).collect();
    entries.sort_by(|a, b| a.key.name.cmp(&b.key.name));
    out.push('{');
    for entry in entries {
        let _ = write!(out, "{:?}=", entry.key.name.as_str());
        match entry.node {
            Node::Value(v) => value(tables.tree(), text, v, out),
            Node::Table(inner) => table(tables, text, inner, out),
            Node::ArrayOfTables(array) => {
                out.push('[');
                for element in tables.elements(array) {
                    table(tables, text, element, out);
                    out.push(',');
                }
                out.push(']');
            }
        }
        out.push(',');
    }
    out.push('}');
}

fn value(tree: &SyntaxTree, text: &str, v: &Value, out: &mut String) {
    let _ = match &v.kind {
        ValueKind::String(_) => write!(out, "s{:?}", v.string(text)),
        ValueKind::Integer(n) => write!(out, "i{n}"),
        ValueKind::Float(x) => write!(out, "f{}", x.to_bits()),
        ValueKind::Boolean(b) => write!(out, "b{b}"),
        ValueKind::Datetime => write!(out, "d{}", v.raw(text)),
        ValueKind::Invalid => write!(out, "x{:?}", v.raw(text)),
        ValueKind::Array(items) => {
            out.push('[');
            for item in tree.items(items) {
                value(tree, text, item, out);
                out.push(',');
            }
            out.push(']');
            Ok(())
        }
        ValueKind::InlineTable(entries) => {
            inline(tree, text, entries, out);
            Ok(())
        }
    };
}

/// An inline table among other values in an array (the table builder
/// only turns arrays of nothing but inline tables into tables).
fn inline(tree: &SyntaxTree, text: &str, entries: &[Entry], out: &mut String) {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by_key(|e| e.key.dotted());
    out.push('{');
    for entry in sorted {
        let _ = write!(out, "{:?}=", entry.key.dotted());
        if let Some(v) = &entry.value {
            value(tree, text, v, out);
        }
        out.push(',');
    }
    out.push('}');
}
