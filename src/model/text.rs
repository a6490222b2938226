//! Text to model: parse, fold the tables, lower to the roadmap, with
//! every problem met on the way. The history reads each commit's text
//! with it, the analysis each edit's.

use super::Roadmap;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::span::Span;
use crate::syntax::{self, SyntaxTree};

/// The tree and the model of `text`, with the problems found reading
/// them: syntax errors, conflicts, invalid values, unknown keys.
pub fn read_text(text: &str) -> (SyntaxTree, Roadmap, Vec<Diagnostic>) {
    let tree = syntax::parse(text);
    let mut conflicts = Vec::new();
    let tables = syntax::table::build(&tree, &mut conflicts);
    let mut diagnostics = Diagnostic::from_syntax(&tree, &conflicts);
    let mut roadmap = super::lower(&tables, text, &mut diagnostics);
    super::mark_unread(text, &tree, &mut roadmap, &diagnostics);
    drop_unknown_keys_on_broken_lines(text, &mut diagnostics);
    (tree, roadmap, diagnostics)
}

/// A line with a syntax error is usually being typed: `[[goals.act` is
/// reported as unclosed, and not also as an unknown table `act`.
fn drop_unknown_keys_on_broken_lines(text: &str, diagnostics: &mut Vec<Diagnostic>) {
    let broken: Vec<usize> = diagnostics
        .iter()
        .filter(|d| d.rule == Rule::SyntaxError)
        .map(|d| d.span.start)
        .collect();
    if broken.is_empty() {
        return;
    }
    // Lines as the editor shows them: a bare `\r` ends one too, as it
    // does for the blocks of `crate::incremental`, which must agree.
    let line_of = |offset: usize| {
        let mut offset = offset.min(text.len());
        // The `\n` of a `\r\n` belongs to the line the pair ends.
        if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
            offset -= 1;
        }
        let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let end = text[offset..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| offset + i);
        Span::new(start, end)
    };
    diagnostics.retain(|d| {
        if d.rule != Rule::UnknownKey || !text.is_char_boundary(d.span.start.min(text.len())) {
            return true;
        }
        let line = line_of(d.span.start);
        !broken.iter().any(|&at| line.start <= at && at <= line.end)
    });
}
