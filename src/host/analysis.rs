//! The analysis features read, brought up to date when asked for.

use std::sync::Arc;

use super::State;
use crate::analysis::{Analysis, read};
use crate::model::spans::MapSpans;
use crate::span::Span;
use crate::syntax;

impl State {
    /// The analysis of the text, brought up to date: the part edited since
    /// it was last asked for is parsed and its goals read again, the tree
    /// and goals after it move, and what the rest holds is copied in.
    pub(super) fn analysis(&mut self) -> Arc<Analysis> {
        if let Some(stale) = self.stale.take() {
            let text = Arc::clone(&self.text);
            let region = Span::new(stale.start, stale.new_end);
            let tree = syntax::parse(&text[region.range()]);
            let mut goals = Vec::new();
            let first = self
                .blocks
                .partition_point(|b| b.span.start() < region.start());
            for block in &self.blocks[first..] {
                if block.span.start() >= region.end() {
                    break;
                }
                if block.is_goal() {
                    // Read alone, as the checker read it (it could).
                    let (_, mut roadmap, _) = read(&text[block.span.range()]);
                    if let Some(mut goal) = roadmap.goals.pop() {
                        goal.shift(block.span.start() as isize);
                        goals.push(goal);
                    }
                }
            }
            let delta = stale.new_end as isize - stale.old_end as isize;
            let analysis = self.model();
            let old = &analysis.roadmap.goals;
            let from = old.partition_point(|goal| goal.header.start() < stale.start);
            let to = from + old[from..].partition_point(|goal| goal.header.start() < stale.old_end);
            let every_goal = from == 0 && to == old.len();
            for goal in &mut analysis.roadmap.goals[to..] {
                goal.shift(delta);
            }
            if every_goal {
                // Every goal: taken as read, not copied into the old vector.
                analysis.roadmap.goals = goals;
            } else {
                analysis.roadmap.goals.splice(from..to, goals);
            }
            analysis.tree.splice(
                Span::new(stale.start, stale.old_end),
                tree,
                delta,
                text.len(),
            );
        }
        if !self.diagnostics_ready {
            let diagnostics = self.diagnostics();
            let roadmap = &self.roadmap;
            let (meta, skills, reviews, people, wins, lint, unread) = (
                roadmap.meta.clone(),
                roadmap.skills.clone(),
                roadmap.reviews.clone(),
                roadmap.people.clone(),
                roadmap.wins.clone(),
                roadmap.lint.clone(),
                roadmap.unread.clone(),
            );
            let config = self.config.clone();
            let analysis = self.model();
            let roadmap = &mut analysis.roadmap;
            roadmap.meta = meta;
            roadmap.skills = skills;
            roadmap.reviews = reviews;
            roadmap.people = people;
            roadmap.wins = wins;
            roadmap.lint = lint;
            roadmap.unread = unread;
            analysis.config = config;
            analysis.diagnostics = diagnostics;
            self.diagnostics_ready = true;
        }
        Arc::clone(&self.analysis)
    }
}
