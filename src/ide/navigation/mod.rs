//! Navigation: the outline ([`document_symbols`]), goal and skill ids as
//! names to jump between ([`definition`], [`references`], [`rename`]), and
//! [`folding_ranges`].
//!
//! Everything reads the model and the tolerant tree, so it keeps working in
//! a file that does not parse: goals before and after a broken line are
//! still there.

mod folding;
mod references;
mod symbols;

pub use folding::folding_ranges;
pub use references::{definition, prepare_rename, references, rename};
pub use symbols::{Symbol, SymbolKind, document_symbols};

use compact_str::CompactString;

use crate::model::Field;
use crate::span::Span;
use crate::syntax::SyntaxTree;

/// Whether `offset` is inside `span` or right at its end (a cursor just
/// after a word is still on it).
fn touches(span: Span, offset: usize) -> bool {
    span.start() <= offset && offset <= span.end()
}

/// The text inside the quotes of a one-line string written without
/// escapes, such as `"speak-up"`; `None` for anything else (escapes, a
/// multi-line string). Decoding never makes a string longer, so the raw
/// text is exactly the value when it is two bytes (the quotes) longer.
fn unquoted(field: &Field<CompactString>) -> Option<Span> {
    (field.span.len() == field.value.len() + 2)
        .then(|| Span::new(field.span.start() + 1, field.span.end() - 1))
}

/// Where an editor should select a string value: inside the quotes when
/// the value is written plainly, else the whole value as written.
fn name_span(field: &Field<CompactString>) -> Span {
    unquoted(field).unwrap_or(field.span)
}

/// A table from its header to the end of its last entry, sub-tables
/// included: comments and blank lines before the next header are left to
/// what follows, since they usually introduce it. A table that is not a
/// section of its own (an inline table) is its `header` span.
fn content_extent(tree: &SyntaxTree, header: Span) -> Span {
    let Some(extent) = tree.table_extent(header.start()) else {
        return header;
    };
    let first = tree.section_index_at(extent.start());
    let end = tree.sections[first..]
        .iter()
        .take_while(|section| section.span.start() < extent.end())
        .flat_map(|section| {
            let header_end = section.header.as_ref().map(|h| h.span.end());
            header_end
                .into_iter()
                .chain(tree.entries(section).iter().map(|entry| entry.span.end()))
        })
        .max()
        .unwrap_or(header.end());
    Span::new(extent.start(), end.clamp(extent.start(), extent.end()))
}

#[cfg(test)]
mod test_support {
    use crate::span::Span;

    /// `text` with `〈` `〉` around each span, keeping only the lines that
    /// hold a mark, numbered, so a snapshot shows what a span covers and
    /// where.
    pub fn mark(text: &str, spans: &[Span]) -> String {
        let mut marks: Vec<(usize, &str)> = spans
            .iter()
            .flat_map(|span| [(span.start(), "〈"), (span.end(), "〉")])
            .collect();
        // Closing marks before opening ones at the same offset.
        marks.sort_by_key(|&(at, mark)| (at, mark == "〈"));
        let mut out = String::new();
        let mut last = 0;
        for (at, mark) in marks {
            out.push_str(&text[last..at]);
            out.push_str(mark);
            last = at;
        }
        out.push_str(&text[last..]);
        out.lines()
            .enumerate()
            .filter(|(_, line)| line.contains('〈') || line.contains('〉'))
            .map(|(index, line)| format!("{}: {line}", index + 1))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The first and last lines a span covers, for spans too long to show.
    pub fn ends(text: &str, span: Span) -> String {
        let covered = &text[span.range()];
        let mut lines = covered.lines();
        let first = lines.next().unwrap_or("");
        match lines.last() {
            Some(last) => format!("{first} … {last}"),
            None => first.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// A file cut anywhere is what an editor sends while typing: nothing
    /// may panic, and every span must lie on character boundaries.
    #[test]
    fn every_feature_survives_every_prefix_of_a_file() {
        let full = include_str!("../../../fixtures/unicode.roadmap.toml");
        let on_boundaries = |text: &str, span: Span| text.get(span.range()).is_some();
        for (cut, _) in full.char_indices().step_by(7) {
            let text = &full[..cut];
            let analysis = fixture::analysis(text);
            let mut spans = folding_ranges(&analysis, text);
            let mut symbols = document_symbols(&analysis);
            while let Some(symbol) = symbols.pop() {
                spans.extend([symbol.span, symbol.selection]);
                symbols.extend(symbol.children);
            }
            for offset in [0, cut / 2, cut.saturating_sub(1), cut, cut + 3] {
                spans.extend(definition(&analysis, offset));
                spans.extend(references(&analysis, offset, true));
                spans.extend(prepare_rename(&analysis, offset).ok());
                let edits = rename(&analysis, text, offset, "新しい-id").unwrap_or_default();
                spans.extend(edits.iter().map(|edit| edit.span));
            }
            for span in spans {
                assert!(on_boundaries(text, span), "{span:?} in a text cut at {cut}");
            }
        }
    }
}
