//! Selection ranges ("expand selection"): from the word under the cursor
//! out to the string, the value, the `key = value` line, the table, the
//! goal with its metric and actions, and the file.

use crate::analysis::Analysis;
use crate::span::Span;
use crate::syntax::{Entry, SyntaxTree, Value, ValueKind};

/// The ranges around `offset`, innermost first, each strictly inside the
/// next.
pub fn selection_ranges(analysis: &Analysis, text: &str, offset: usize) -> Vec<Span> {
    let tree = &analysis.tree;
    let mut ranges = Vec::new();
    if let Some(comment) = tree.comments.iter().find(|c| c.span.contains(offset)) {
        ranges.push(word_at(text, comment.span, offset));
        ranges.push(comment.span);
    }
    if let Some(section) = tree.sections.get(tree.section_index_at(offset)) {
        if let Some(header) = section.header.as_ref().filter(|h| h.span.contains(offset)) {
            if let Some(segment) = header.key.segments.iter().find(|s| s.span.contains(offset)) {
                ranges.push(segment.span);
            }
            ranges.push(header.key.span);
            ranges.push(header.span);
        }
        if let Some(entry) = tree
            .entries(section)
            .iter()
            .find(|e| e.span.contains(offset))
        {
            in_entry(tree, text, entry, offset, &mut ranges);
        }
        ranges.push(trimmed(text, section.span));
        // A goal with its metric and actions.
        if let Some(extent) = tree.table_extent(section.span.start()) {
            ranges.push(trimmed(text, extent));
        }
        // A sub-table (`[[goals.actions]]`) sits inside the table it
        // belongs to (`[[goals]]` with its metric and actions).
        if let Some(header) = &section.header {
            let index = tree.section_index_at(offset);
            for outer in tree.sections[..index].iter().rev() {
                let Some(outer_header) = &outer.header else {
                    continue;
                };
                let inner = &header.key.segments;
                let outer_key = &outer_header.key.segments;
                let encloses = outer_key.len() < inner.len()
                    && outer_key
                        .iter()
                        .zip(inner.iter())
                        .all(|(a, b)| a.name == b.name);
                if encloses {
                    if let Some(extent) = tree.table_extent(outer.span.start()) {
                        ranges.push(trimmed(text, extent));
                    }
                    break;
                }
                if outer_key.len() <= inner.len() {
                    break;
                }
            }
        }
    }
    ranges.push(Span::new(0, text.len()));
    nested(ranges, offset)
}

fn in_entry(tree: &SyntaxTree, text: &str, entry: &Entry, offset: usize, out: &mut Vec<Span>) {
    if entry.key.span.contains(offset) {
        if let Some(segment) = entry.key.segments.iter().find(|s| s.span.contains(offset)) {
            out.push(segment.span);
        }
        out.push(entry.key.span);
    } else if let Some(value) = entry.value.as_ref().filter(|v| v.span.contains(offset)) {
        in_value(tree, text, value, offset, out);
    }
    out.push(entry.span);
}

fn in_value(tree: &SyntaxTree, text: &str, value: &Value, offset: usize, out: &mut Vec<Span>) {
    match &value.kind {
        ValueKind::String(_) => {
            let quote = value
                .raw(text)
                .chars()
                .take_while(|c| matches!(c, '"' | '\''))
                .count()
                .min(3);
            if value.span.len() >= 2 * quote {
                let content = Span::new(value.span.start() + quote, value.span.end() - quote);
                if content.contains(offset) {
                    out.push(word_at(text, content, offset));
                    out.push(content);
                }
            }
        }
        ValueKind::Array(items) => {
            if let Some(item) = tree.items(items).iter().find(|i| i.span.contains(offset)) {
                in_value(tree, text, item, offset, out);
            }
        }
        ValueKind::InlineTable(entries) => {
            if let Some(entry) = entries.iter().find(|e| e.span.contains(offset)) {
                in_entry(tree, text, entry, offset, out);
            }
        }
        _ => {}
    }
    out.push(value.span);
}

/// The word (letters, digits, `-`, `_`) around `offset` within `within`.
fn word_at(text: &str, within: Span, offset: usize) -> Span {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_');
    let Some(inside) = text.get(within.range()) else {
        return Span::empty(offset);
    };
    let at = offset.saturating_sub(within.start()).min(inside.len());
    if !inside.is_char_boundary(at) {
        return Span::empty(offset);
    }
    let start = inside[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = inside[at..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(inside.len(), |(i, _)| at + i);
    Span::new(within.start() + start, within.start() + end)
}

/// `span` without the blank lines and spaces at its end.
fn trimmed(text: &str, span: Span) -> Span {
    let inside = text.get(span.range()).unwrap_or_default();
    Span::new(span.start(), span.start() + inside.trim_end().len())
}

/// Keeps the ranges that hold `offset` and each grow on the one before.
fn nested(ranges: Vec<Span>, offset: usize) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for span in ranges {
        if !(span.start() <= offset && offset <= span.end()) {
            continue;
        }
        let grows = out.last().is_none_or(|last| {
            span.start() <= last.start() && last.end() <= span.end() && span != *last
        });
        if grows {
            out.push(span);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    fn expand(text: &str) -> String {
        let (text, offset) = fixture::cursor(text);
        let analysis = fixture::analysis(&text);
        selection_ranges(&analysis, &text, offset)
            .iter()
            .map(|span| format!("{:?}", &text[span.range()]))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn from_a_word_in_a_title_out_to_the_goal_and_the_file() {
        expect_test::expect![[r#"
            "Rust"
            "Ship the Rust 🚀 CLI"
            "\"Ship the Rust 🚀 CLI\""
            "title = \"Ship the Rust 🚀 CLI\""
            "[[goals]]\nid = \"a\"\ntitle = \"Ship the Rust 🚀 CLI\""
            "[roadmap]\nvision = \"x\"\n\n[[goals]]\nid = \"a\"\ntitle = \"Ship the Rust 🚀 CLI\"\n""#]]
        .assert_eq(&expand(
            "[roadmap]\nvision = \"x\"\n\n[[goals]]\nid = \"a\"\ntitle = \"Ship the Ru$0st 🚀 CLI\"\n",
        ));
    }

    #[test]
    fn an_action_sits_inside_its_goal() {
        expect_test::expect![[r#"
            "2027-01-31"
            "due = 2027-01-31"
            "[[goals.actions]]\ntask = \"t\"\ndue = 2027-01-31"
            "[[goals]]\nid = \"a\"\n\n[[goals.actions]]\ntask = \"t\"\ndue = 2027-01-31"
            "[[goals]]\nid = \"a\"\n\n[[goals.actions]]\ntask = \"t\"\ndue = 2027-01-31\n\n[[goals]]\nid = \"b\"\n""#]]
        .assert_eq(&expand(
            "[[goals]]\nid = \"a\"\n\n[[goals.actions]]\ntask = \"t\"\ndue = 2027-$001-31\n\n[[goals]]\nid = \"b\"\n",
        ));
    }

    #[test]
    fn items_of_a_list_and_keys() {
        expect_test::expect![[r#"
            "b"
            "\"b\""
            "[\"a\", \"b\"]"
            "depends_on = [\"a\", \"b\"]"
            "[[goals]]\ndepends_on = [\"a\", \"b\"]"
            "[[goals]]\ndepends_on = [\"a\", \"b\"]\n""#]]
        .assert_eq(&expand("[[goals]]\ndepends_on = [\"a\", \"$0b\"]\n"));
        expect_test::expect![[r#"
            "depends_on"
            "depends_on = [\"a\"]"
            "[[goals]]\ndepends_on = [\"a\"]"
            "[[goals]]\ndepends_on = [\"a\"]\n""#]]
        .assert_eq(&expand("[[goals]]\ndepends$0_on = [\"a\"]\n"));
    }
}
