//! The one entry point: text in, tree, model and diagnostics out.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::checks::{self, Context};
use crate::config::{Config, Settings};
use crate::diagnostic::Diagnostic;
use crate::history::History;
use crate::model::{self, Roadmap};
use crate::rules::Rule;
use crate::span::Span;
use crate::suppress::{self, Allow};
use crate::syntax::{self, SyntaxTree};

/// Everything the engine knows about one roadmap text.
#[derive(Debug)]
pub struct Analysis {
    pub tree: SyntaxTree,
    pub roadmap: Roadmap,
    /// The effective configuration: given settings, then the file's `[lint]`.
    pub config: Config,
    /// Sorted by position, then rule.
    pub diagnostics: Vec<Diagnostic>,
    /// The day the date rules were judged against; editor features (days
    /// left, "today" completions) use the same one.
    pub today: NaiveDate,
    /// The roadmap's git history, when it has one: what `stale-metric`,
    /// the observed pace and streaks are judged from.
    pub history: Option<Arc<History>>,
}

/// Analyses `text` as of `today`, with `settings` (from `roadmap-lsp.toml` or
/// the editor) beneath the file's own `[lint]` table and allow comments.
pub fn analyze(text: &str, today: NaiveDate, settings: &Settings) -> Analysis {
    analyze_with_history(text, today, settings, None)
}

/// [`analyze`], with the roadmap's git history (read by [`crate::history::git`]).
pub fn analyze_with_history(
    text: &str,
    today: NaiveDate,
    settings: &Settings,
    history: Option<Arc<History>>,
) -> Analysis {
    let (tree, roadmap, mut diagnostics) = read(text);
    let config = Config::layered([settings, &roadmap.lint]);
    diagnostics.extend(checks::run(&Context {
        roadmap: &roadmap,
        today,
        config: &config,
        memo: None,
        history: history.as_deref(),
    }));
    let allows = suppress::collect(text, &tree);
    finish(&mut diagnostics, allows, &config);
    Analysis {
        tree,
        roadmap,
        config,
        diagnostics,
        today,
        history,
    }
}

/// `text` analysed again under an already layered configuration (its own
/// `[lint]` applied on top) and the same git history: what a quick fix
/// would leave, checked before the fix is offered as the preferred one.
pub(crate) fn reanalyze(
    text: &str,
    today: NaiveDate,
    config: &Config,
    history: Option<&History>,
) -> (SyntaxTree, Roadmap, Vec<Diagnostic>) {
    let (tree, roadmap, mut diagnostics) = read(text);
    let config = Config::layered_over(config, &roadmap.lint);
    diagnostics.extend(checks::run(&Context {
        roadmap: &roadmap,
        today,
        config: &config,
        memo: None,
        history,
    }));
    let allows = suppress::collect(text, &tree);
    finish(&mut diagnostics, allows, &config);
    (tree, roadmap, diagnostics)
}

/// `text` analysed as `like` was: the same day, settings and history. What
/// a feature that edits the text (fix all) reads its result with.
pub(crate) fn analyze_like(text: &str, like: &Analysis) -> Analysis {
    let (tree, roadmap, mut diagnostics) = read(text);
    let config = Config::layered_over(&like.config, &roadmap.lint);
    diagnostics.extend(checks::run(&Context {
        roadmap: &roadmap,
        today: like.today,
        config: &config,
        memo: None,
        history: like.history.as_deref(),
    }));
    let allows = suppress::collect(text, &tree);
    finish(&mut diagnostics, allows, &config);
    Analysis {
        tree,
        roadmap,
        config,
        diagnostics,
        today: like.today,
        history: like.history.clone(),
    }
}

/// The tree and the model of `text`, with the problems found reading
/// them: syntax errors, conflicts, invalid values, unknown keys.
pub(crate) fn read(text: &str) -> (SyntaxTree, Roadmap, Vec<Diagnostic>) {
    let tree = syntax::parse(text);
    let mut conflicts = Vec::new();
    let tables = syntax::table::build(&tree, &mut conflicts);
    let mut diagnostics = Diagnostic::from_syntax(&tree, &conflicts);
    let mut roadmap = model::lower(&tables, text, &mut diagnostics);
    model::mark_unread(text, &tree, &mut roadmap, &diagnostics);
    drop_unknown_keys_on_broken_lines(text, &mut diagnostics);
    (tree, roadmap, diagnostics)
}

/// Silences what allow comments cover, applies the configured levels
/// (dropping rules that are off), and sorts.
pub(crate) fn finish(diagnostics: &mut Vec<Diagnostic>, allows: Vec<Allow>, config: &Config) {
    suppress::apply(allows, diagnostics, |rule| config.severity(rule).is_some());
    diagnostics.retain_mut(|diagnostic| match config.severity(diagnostic.rule) {
        Some(severity) => {
            diagnostic.severity = severity;
            true
        }
        None => false,
    });
    sort(diagnostics);
}

/// By position, then rule, then message: a total order, so diagnostics
/// found in any order (whole or incrementally) come out the same.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.rule,
            &b.message,
        ))
    });
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
