//! The diagnostics in groups of blocks, and the checks across goals.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use super::{Group, GroupKey, State, within};
use crate::analysis::finish;
use crate::checks::{self, Context};
use crate::diagnostic::Diagnostic;
use crate::model::spans::MapSpans;
use crate::span::Span;

impl State {
    /// Everything found, group after group.
    pub(super) fn diagnostics(&self) -> Vec<Diagnostic> {
        let groups = self.groups();
        let mut finished = self.finished.borrow_mut();
        let mut kept = rustc_hash::FxHashMap::default();
        kept.reserve(groups.len());
        let mut diagnostics = Vec::new();
        for group in groups {
            let start = group.span.start();
            match finished.remove(&group.key) {
                Some((was, made)) => {
                    let from = diagnostics.len();
                    diagnostics.extend_from_slice(&made);
                    for diagnostic in &mut diagnostics[from..] {
                        diagnostic.shift(start as isize - was as isize);
                    }
                    kept.insert(group.key, (was, made));
                }
                None => {
                    let made = self.group_diagnostics(&group);
                    let inside = made
                        .iter()
                        .flat_map(|d| &d.related)
                        .all(|related| within(group.span, related.span));
                    if inside {
                        kept.insert(group.key, (start, Arc::from(made.as_slice())));
                    }
                    diagnostics.extend(made);
                }
            }
        }
        *finished = kept;
        // Groups are in file order and each is sorted; only diagnostics
        // at the very place where two groups meet can be out of order.
        if !diagnostics.is_sorted_by(|a, b| crate::analysis::order(a, b).is_le()) {
            crate::analysis::sort(&mut diagnostics);
        }
        diagnostics
    }

    /// Runs the checks that read more than one goal, over the goals kept,
    /// and files what they and the reading of the rest found by position.
    pub(super) fn check_across(&mut self) {
        // The roadmap's unreadable keys: the rest's, and the goals' blocks'.
        let mut unread = self.rest_unread.clone();
        for block in &self.blocks {
            unread.merge(&block.unread);
        }
        self.roadmap.unread = unread;
        let mut extras = self.rest_diagnostics.clone();
        checks::roadmap(
            &Context {
                roadmap: &self.roadmap,
                today: self.today,
                config: &self.config,
                memo: Some(&self.memo),
                history: self.history.as_deref(),
            },
            &mut extras,
        );
        extras.sort_by_key(|d| d.span.start());
        self.extras = extras;
    }

    /// The blocks in runs: a block whose allow comment covers the next
    /// block (a comment on a line of its own at its end) is published
    /// with it, since whether the comment is used depends on both.
    pub(super) fn groups(&self) -> Vec<Group> {
        let mut groups = Vec::with_capacity(self.blocks.len());
        let mut first = 0;
        while first < self.blocks.len() {
            let mut last = first;
            while last + 1 < self.blocks.len()
                && self.blocks[last].allows.iter().any(|a| a.dangling)
            {
                last += 1;
            }
            let span = Span::new(
                self.blocks[first].span.start(),
                self.blocks[last].span.end(),
            );
            let is_last = last + 1 == self.blocks.len();
            let extras = self
                .extras
                .partition_point(|d| d.span.start() < span.start())
                ..self
                    .extras
                    .partition_point(|d| d.span.start() < span.end() || is_last);
            groups.push(Group {
                key: self.group_key(span, first..last + 1, extras.clone()),
                span,
                line: self.blocks[first].line,
                blocks: first..last + 1,
                extras,
            });
            first = last + 1;
        }
        groups
    }

    /// Names what a group's diagnostics are made from, so that a group
    /// that only moved keeps its key. Places its diagnostics point at
    /// outside it are named by the block they are in, its line and the
    /// offset in it, since they move on their own.
    pub(super) fn group_key(
        &self,
        span: Span,
        blocks: Range<usize>,
        extras: Range<usize>,
    ) -> GroupKey {
        let mut hasher = DefaultHasher::new();
        let relative = |at: usize| at.wrapping_sub(span.start());
        let outside = |hasher: &mut DefaultHasher, place: Span| {
            if within(span, place) {
                (relative(place.start()), relative(place.end())).hash(hasher);
            } else {
                let block = self
                    .blocks
                    .partition_point(|b| b.span.start() <= place.start())
                    .saturating_sub(1);
                if let Some(block) = self.blocks.get(block) {
                    let at = |offset: usize| offset.wrapping_sub(block.span.start());
                    (
                        block.line,
                        block.generation,
                        at(place.start()),
                        at(place.end()),
                    )
                        .hash(hasher);
                }
            }
        };
        for diagnostic in &self.extras[extras] {
            diagnostic.rule.hash(&mut hasher);
            diagnostic.severity.hash(&mut hasher);
            diagnostic.message.hash(&mut hasher);
            (
                relative(diagnostic.span.start()),
                relative(diagnostic.span.end()),
            )
                .hash(&mut hasher);
            for related in &diagnostic.related {
                related.message.hash(&mut hasher);
                outside(&mut hasher, related.span);
            }
        }
        for block in &self.blocks[blocks.clone()] {
            if block.points_outside {
                for related in block.found.iter().flat_map(|d| &d.related) {
                    outside(&mut hasher, related.span);
                }
            }
        }
        GroupKey {
            config: self.config_generation,
            extras: hasher.finish(),
            blocks: self.blocks[blocks].iter().map(|b| b.generation).collect(),
        }
    }

    /// A group's diagnostics, as a whole analysis has them: its blocks'
    /// own, those found across goals that fall in it, its allow comments
    /// applied, then the configured levels.
    pub(super) fn group_diagnostics(&self, group: &Group) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let mut allows = Vec::new();
        for index in group.blocks.clone() {
            let block = &self.blocks[index];
            diagnostics.extend_from_slice(&block.found);
            for allow in &block.allows {
                let mut allow = allow.clone();
                // On a line of its own at the end of its block, a comment
                // covers the block after it, as in the whole file.
                if allow.dangling
                    && let Some(next) = self.blocks.get(index + 1)
                {
                    allow.set_region(next.span);
                }
                allows.push(allow);
            }
        }
        diagnostics.extend_from_slice(&self.extras[group.extras.clone()]);
        finish(&mut diagnostics, allows, &self.config);
        diagnostics
    }
}
