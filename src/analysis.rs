//! The one entry point: text in, tree, model and diagnostics out.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::checks::{self, Context};
use crate::config::{Config, Settings};
use crate::diagnostic::Diagnostic;
use crate::history::History;
use crate::model::{self, Roadmap};
use crate::suppress::{self, Allow};
use crate::syntax::SyntaxTree;

/// Everything the engine knows about one roadmap text.
#[derive(Clone, Debug)]
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
/// them (see [`model::read_text`]).
pub(crate) fn read(text: &str) -> (SyntaxTree, Roadmap, Vec<Diagnostic>) {
    model::read_text(text)
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
    diagnostics.sort_by(order);
}

/// The order [`sort`] puts diagnostics in.
pub(crate) fn order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (a.span.start(), a.span.end(), a.rule, &a.message).cmp(&(
        b.span.start(),
        b.span.end(),
        b.rule,
        &b.message,
    ))
}
