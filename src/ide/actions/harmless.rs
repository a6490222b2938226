//! A preferred fix never makes things worse: before a fix is offered as
//! the one to apply, the text it leaves is checked again, and a fix that
//! would add a diagnostic the file did not have (by rule and goal, since
//! the fix moves what follows it) stays on offer, but not as preferred.
//!
//! The fixes are written to be harmless by construction; this check holds
//! them to it in the roadmaps they are offered in, whatever rule of the
//! engine they meet there. It reads the text once per preferred fix, so it
//! runs while that stays cheap: up to [`BUDGET`] bytes in all, several
//! fixes on a 1,000-goal roadmap. Beyond that the construction stands alone.

use std::collections::HashMap;

use super::Assist;
use crate::analysis::{Analysis, reanalyze};
use crate::diagnostic::Diagnostic;
use crate::ide::{TextEdit, apply_edits};
use crate::model::Roadmap;
use crate::rules::Rule;
use crate::span::Span;
use crate::syntax::SyntaxTree;

/// The bytes read again at most per request: about 8 ms of analysis.
const BUDGET: usize = 8_000_000;

pub(super) fn keep_preferred_only_if_harmless(
    analysis: &Analysis,
    text: &str,
    assists: &mut [Assist],
) {
    let preferred = assists.iter().filter(|assist| assist.preferred).count();
    if preferred == 0 || preferred.saturating_mul(text.len()) > BUDGET {
        return;
    }
    let before = census(&analysis.tree, &analysis.roadmap, &analysis.diagnostics);
    for assist in assists.iter_mut().filter(|assist| assist.preferred) {
        if !leaves_no_more(analysis, &before, text, &assist.edits) {
            assist.preferred = false;
        }
    }
}

/// Whether applying `edits` to `text` leaves no rule reporting more about
/// any goal (or about the rest of the file) than `analysis` did.
pub(super) fn adds_nothing(analysis: &Analysis, text: &str, edits: &[TextEdit]) -> bool {
    let before = census(&analysis.tree, &analysis.roadmap, &analysis.diagnostics);
    leaves_no_more(analysis, &before, text, edits)
}

fn leaves_no_more(
    analysis: &Analysis,
    before: &HashMap<Key, usize>,
    text: &str,
    edits: &[TextEdit],
) -> bool {
    let fixed = apply_edits(text, edits);
    let (tree, roadmap, diagnostics) = reanalyze(
        &fixed,
        analysis.today,
        &analysis.config,
        analysis.history.as_deref(),
    );
    census(&tree, &roadmap, &diagnostics)
        .iter()
        .all(|(key, count)| before.get(key).copied().unwrap_or(0) >= *count)
}

/// Which goal a diagnostic is about: its id, else its place among the
/// goals; "" for the rest of the file and for findings about the whole
/// roadmap (placed at the start of the file when it has no `[roadmap]`).
type Key = (Rule, String);

/// How many diagnostics of each rule each goal has.
pub(crate) fn census(
    tree: &SyntaxTree,
    roadmap: &Roadmap,
    diagnostics: &[Diagnostic],
) -> HashMap<Key, usize> {
    let extents: Vec<(Span, String)> = roadmap
        .goals
        .iter()
        .enumerate()
        .map(|(index, goal)| {
            let extent = tree
                .table_extent(goal.header.start())
                .unwrap_or(goal.header);
            let name = goal
                .id
                .as_ref()
                .map_or_else(|| format!("#{index}"), |id| id.value.to_string());
            (extent, name)
        })
        .collect();
    let mut counts = HashMap::new();
    for diagnostic in diagnostics {
        let at = diagnostic.span.start();
        let goal = extents
            .iter()
            .rev()
            .filter(|_| !diagnostic.rule.is_about_the_roadmap())
            .find(|(extent, _)| extent.start() <= at && at < extent.end())
            .map_or(String::new(), |(_, name)| name.clone());
        *counts.entry((diagnostic.rule, goal)).or_insert(0) += 1;
    }
    counts
}
