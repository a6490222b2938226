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
        .map(|d| d.span.start())
        .collect();
    if broken.is_empty() {
        return;
    }
    let line_of = |offset: usize| {
        Span::new(
            crate::line_index::line_start(text, offset),
            crate::line_index::line_end(text, offset),
        )
    };
    diagnostics.retain(|d| {
        if d.rule != Rule::UnknownKey || !text.is_char_boundary(d.span.start().min(text.len())) {
            return true;
        }
        let line = line_of(d.span.start());
        !broken
            .iter()
            .any(|&at| line.start() <= at && at <= line.end())
    });
}
