//! Reading the blocks: the whole file, or again after an edit.

use std::sync::Arc;

use chrono::NaiveDate;
use compact_str::CompactString;

use super::{Block, Edit, State, Unsupported, Update, generation, within};
use crate::analysis::{Analysis, read};
use crate::checks::{self, Context};
use crate::config::{Config, Settings};
use crate::diagnostic::Diagnostic;
use crate::history::History;
use crate::line_index;
use crate::model::spans::MapSpans;
use crate::model::{Goal, Roadmap, Unread};
use crate::rules::Rule;
use crate::span::Span;
use crate::suppress;
use crate::syntax::{self, HeaderKind, SyntaxTree};

impl State {
    /// Reads every block of `text`.
    pub(super) fn whole(
        text: &Arc<str>,
        today: NaiveDate,
        settings: &Settings,
        history: Option<&Arc<History>>,
    ) -> Result<State, Unsupported> {
        let tree = syntax::parse(text);
        let spans = cut(&tree, text);
        let mut state = State {
            text: Arc::clone(text),
            today,
            settings: settings.clone(),
            history: history.cloned(),
            config: Config::default(),
            blocks: Vec::with_capacity(spans.len()),
            roadmap: Roadmap::default(),
            stale: None,
            analysis: Arc::new(Analysis {
                tree: SyntaxTree::default(),
                roadmap: Roadmap::default(),
                config: Config::default(),
                diagnostics: Vec::new(),
                today,
                history: history.cloned(),
            }),
            diagnostics_ready: false,
            rest_diagnostics: Vec::new(),
            rest_unread: Unread::default(),
            extras: Vec::new(),
            config_generation: generation(),
            memo: checks::Memo::default(),
            finished: Default::default(),
        };
        let mut line = 0;
        let blocks: Vec<Block> = spans
            .into_iter()
            .map(|(span, top)| {
                let block = empty_block(span, line, top);
                line += line_index::count_breaks(&text[span.range()]);
                block
            })
            .collect();
        state.blocks = blocks;
        state.read_rest()?;
        // Exactly sized: a goal is over 500 bytes, and a vector grown by
        // doubling held up to 40% more than its goals at 10,000.
        let mut goals = Vec::with_capacity(state.blocks.iter().filter(|b| b.is_goal()).count());
        for index in 0..state.blocks.len() {
            if state.blocks[index].is_goal() {
                let block = &state.blocks[index];
                let (goal, block) = state.read_goal(block.span, block.line)?;
                goals.push(without_details(goal));
                state.blocks[index] = block;
            }
        }
        state.roadmap.goals = goals;
        // The analysis (the whole tree, every goal in full: the larger
        // part of what a document costs) is made when a feature first asks
        // for it: until then it stands for an empty text.
        drop(tree);
        state.stale = Some(Edit {
            start: 0,
            old_end: 0,
            new_end: text.len(),
        });
        Ok(state)
    }

    /// The analysis, to change (copied first if a request holds it).
    pub(super) fn model(&mut self) -> &mut Analysis {
        Arc::make_mut(&mut self.analysis)
    }

    /// Takes in the new text: reads again the blocks the change touches.
    pub(super) fn edit(
        &mut self,
        text: &Arc<str>,
        edit: Option<Edit>,
    ) -> Result<Update, Unsupported> {
        let old = Arc::clone(&self.text);
        let (old_bytes, new_bytes) = (old.as_bytes(), text.as_bytes());
        let delta = new_bytes.len() as isize - old_bytes.len() as isize;
        // The editor's word for where the change is, when it fits the texts.
        let told = edit.filter(|edit| {
            edit.start <= edit.old_end
                && edit.start <= edit.new_end
                && edit.old_end <= old_bytes.len()
                && edit.new_end <= new_bytes.len()
                && edit.new_end as isize - edit.old_end as isize == delta
        });
        let (prefix, changed_end) = match told {
            Some(edit) => (edit.start, edit.old_end),
            None => {
                let prefix = common_prefix(old_bytes, new_bytes);
                if prefix == old_bytes.len() && prefix == new_bytes.len() {
                    self.text = Arc::clone(text);
                    return Ok(Update::Unchanged);
                }
                let suffix = common_suffix(&old_bytes[prefix..], &new_bytes[prefix..]);
                (prefix, old_bytes.len() - suffix)
            }
        };
        // The blocks the change touches, and one either side: so a block
        // whose header changed is read with the one it may join.
        let first = self
            .blocks
            .partition_point(|block| block.span.end() < prefix)
            .saturating_sub(1);
        let last = (self
            .blocks
            .partition_point(|block| block.span.start() <= changed_end)
            + 1)
        .min(self.blocks.len())
        .max(first + 1);
        let region = Span::new(
            self.blocks[first].span.start(),
            self.blocks[last - 1]
                .span
                .end()
                .saturating_add_signed(delta),
        );
        let region_text = text.get(region.range()).ok_or(Unsupported)?;
        // A multi-line string might run past the region in the whole file.
        if region_text.contains("\"\"\"") || region_text.contains("'''") {
            return Err(Unsupported);
        }
        let tree = syntax::parse(region_text);
        let mut spans = cut(&tree, region_text);
        if region.start() > 0 {
            // The region starts at a header: its empty root table is not a
            // block, and its first header must not belong to the block
            // before it.
            if spans.first().is_some_and(|(span, _)| span.is_empty()) {
                spans.remove(0);
            }
            let starts_block = spans.first().is_some_and(|(span, top)| {
                span.start() == 0
                    && top.as_ref().is_some_and(|top| {
                        first == 0 || !nested(top, self.blocks[first - 1].top.as_ref())
                    })
            });
            if !starts_block {
                return Err(Unsupported);
            }
        }
        // Nor may the block after the region now belong to its last one.
        if let Some(after) = self.blocks.get(last)
            && nested_top(
                after.top.as_ref(),
                spans.last().and_then(|(_, top)| top.as_ref()),
            )
        {
            return Err(Unsupported);
        }
        let rest_changed = self.blocks[first..last].iter().any(|b| !b.is_goal())
            || spans
                .iter()
                .any(|(_, top)| !top.as_ref().is_some_and(is_goals));

        // Goals before the region keep their place in the goal list.
        let goals_before = self.blocks[..first].iter().filter(|b| b.is_goal()).count();
        let goals_in_old = self.blocks[first..last]
            .iter()
            .filter(|b| b.is_goal())
            .count();
        self.text = Arc::clone(text);
        let old_region = Span::new(region.start(), self.blocks[last - 1].span.end());
        let line_delta = line_index::count_breaks(region_text) as isize
            - line_index::count_breaks(&old[old_region.range()]) as isize;
        let mut line = self.blocks[first].line;
        let mut new_blocks = Vec::with_capacity(spans.len());
        let mut new_goals = Vec::new();
        for (span, top) in spans {
            let span = span.moved(region.start() as isize);
            if top.as_ref().is_some_and(is_goals) {
                let (goal, block) = self.read_goal(span, line)?;
                new_goals.push(without_details(goal));
                new_blocks.push(block);
            } else {
                new_blocks.push(empty_block(span, line, top));
            }
            line += line_index::count_breaks(&text[span.range()]);
        }
        let read_count = new_blocks.len();
        // What follows the region moves with the edit.
        for block in &mut self.blocks[last..] {
            block.span = block.span.moved(delta);
            block.line = block.line.saturating_add_signed(line_delta);
            block.found.shift(delta);
            block.allows.shift(delta);
        }
        let goals_after = goals_before + goals_in_old;
        for goal in &mut self.roadmap.goals[goals_after..] {
            goal.shift(delta);
        }
        self.roadmap
            .goals
            .splice(goals_before..goals_after, new_goals);
        // The analysis is brought up to date when asked for.
        let edited = Edit {
            start: old_region.start(),
            old_end: old_region.end(),
            new_end: old_region.end().saturating_add_signed(delta),
        };
        self.stale = Some(match self.stale {
            Some(before) => before.then(edited),
            None => edited,
        });
        self.diagnostics_ready = false;
        drop(tree);
        self.blocks.splice(first..last, new_blocks);
        if rest_changed || delta != 0 && self.blocks.iter().skip(first).any(|b| !b.is_goal()) {
            self.read_rest()?;
        }
        Ok(Update::Blocks { read: read_count })
    }

    /// Reads the blocks that are not `[[goals]]` together, as one text.
    pub(super) fn read_rest(&mut self) -> Result<(), Unsupported> {
        let rest: Vec<usize> = (0..self.blocks.len())
            .filter(|&i| !self.blocks[i].is_goal())
            .collect();
        // Where each block of the rest's text is in the file.
        let mut pieces: Vec<(usize, Span)> = Vec::with_capacity(rest.len());
        let mut rest_text = String::new();
        for &index in &rest {
            let span = self.blocks[index].span;
            pieces.push((rest_text.len(), span));
            rest_text.push_str(&self.text[span.range()]);
        }
        let (tree, mut roadmap, mut diagnostics) = read(&rest_text);
        // Goals outside `[[goals]]` blocks: `[goals]`, `[goals.metric]`
        // before any goal, or a `goals` key at the top.
        let names_goals = |name: &str| name == "goals";
        let goals_elsewhere = tree.sections.iter().any(|section| match &section.header {
            Some(header) => header
                .key
                .segments
                .first()
                .is_some_and(|s| names_goals(&s.name)),
            None => tree.entries(section).iter().any(|entry| {
                entry
                    .key
                    .segments
                    .first()
                    .is_some_and(|s| names_goals(&s.name))
            }),
        });
        if goals_elsewhere {
            return Err(Unsupported);
        }
        let has_goals = self.blocks.iter().any(Block::is_goal);
        let suggests_goals = diagnostics.iter().any(|d| {
            d.rule == Rule::UnknownKey
                && d.suggestion
                    .as_ref()
                    .is_some_and(|s| s.replacement == "goals")
        });
        // Goals outside `[[goals]]` blocks, or a key that would be told
        // apart from `goals` only by the goals themselves.
        if !roadmap.goals.is_empty() || has_goals && suggests_goals {
            return Err(Unsupported);
        }
        drop(tree);
        // An error found where a block ends (the recovery from a string
        // that never closes) belongs, in the whole file, to the line of
        // the block that follows there: here another block follows.
        let boundaries = pieces.iter().skip(1).map(|(at, _)| *at).chain(
            pieces
                .last()
                .filter(|(_, block)| block.end() < self.text.len())
                .map(|_| rest_text.len()),
        );
        for boundary in boundaries {
            if ends_in_recovery(&diagnostics, boundary) {
                return Err(Unsupported);
            }
        }
        let mut to_file = |span: Span| {
            // An empty span where one block meets the next points at the
            // end of the first (an error found at the next header).
            let piece = pieces
                .partition_point(|(at, _)| match span.is_empty() {
                    true => *at < span.start(),
                    false => *at <= span.start(),
                })
                .saturating_sub(1);
            match pieces.get(piece) {
                Some(&(at, block)) => span.moved(block.start() as isize - at as isize),
                None => span,
            }
        };
        diagnostics.map_spans(&mut to_file);
        let goals = std::mem::take(&mut self.roadmap.goals);
        roadmap.meta.map_spans(&mut to_file);
        roadmap.skills.map_spans(&mut to_file);
        roadmap.reviews.map_spans(&mut to_file);
        roadmap.people.map_spans(&mut to_file);
        roadmap.wins.map_spans(&mut to_file);
        roadmap.goals = goals;
        let config = Config::layered([&self.settings, &roadmap.lint]);
        // The goals' checks read the configuration and the review period.
        let review_every = |roadmap: &Roadmap| crate::model::review_every(roadmap.meta.as_ref());
        let config_changed =
            config != self.config || review_every(&roadmap) != review_every(&self.roadmap);
        if config != self.config {
            self.config_generation = generation();
        }
        self.rest_unread = roadmap.unread.clone();
        self.roadmap = roadmap;
        self.config = config;
        self.diagnostics_ready = false;
        self.rest_diagnostics = diagnostics;
        // Each block's allow comments, read from the block alone, as the
        // goals' are: what a comment covers ends with its block.
        for &index in &rest {
            let span = self.blocks[index].span;
            let text = &self.text[span.range()];
            let mut allows = suppress::collect(text, &syntax::parse(text));
            allows.shift(span.start() as isize);
            self.blocks[index].allows = allows;
        }
        if config_changed {
            // The goals' checks read the configuration.
            let mut at = 0;
            for index in 0..self.blocks.len() {
                if self.blocks[index].is_goal() {
                    let block = &self.blocks[index];
                    let (goal, block) = self.read_goal(block.span, block.line)?;
                    if let Some(slot) = self.roadmap.goals.get_mut(at) {
                        *slot = without_details(goal);
                    }
                    self.blocks[index] = block;
                    at += 1;
                }
            }
        }
        Ok(())
    }

    /// Reads and checks the `[[goals]]` block at `span`.
    pub(super) fn read_goal(&self, span: Span, line: usize) -> Result<(Goal, Block), Unsupported> {
        let text = &self.text[span.range()];
        let (tree, mut roadmap, mut diagnostics) = read(text);
        let alone = roadmap.goals.len() == 1
            && roadmap.meta.is_none()
            && roadmap.skills.is_empty()
            && roadmap.reviews.is_empty()
            && roadmap.people.is_empty()
            && roadmap.wins.is_empty();
        if !alone {
            return Err(Unsupported);
        }
        if span.end() < self.text.len() && ends_in_recovery(&diagnostics, text.len()) {
            return Err(Unsupported);
        }
        // The goal's checks read the roadmap's review period.
        roadmap.meta = self.roadmap.meta.clone();
        let context = Context {
            roadmap: &roadmap,
            today: self.today,
            config: &self.config,
            memo: None,
            history: self.history.as_deref(),
        };
        checks::goal(&context, &roadmap.goals[0], &mut diagnostics);
        let mut goal = roadmap.goals.pop().ok_or(Unsupported)?;
        let mut allows = suppress::collect(text, &tree);
        let by = span.start() as isize;
        goal.shift(by);
        diagnostics.shift(by);
        allows.shift(by);
        let top = tree
            .sections
            .first()
            .and_then(|section| section.header.as_ref())
            .map(|header| (header.kind, names(header)));
        let points_outside = diagnostics
            .iter()
            .flat_map(|d| &d.related)
            .any(|related| !within(span, related.span));
        Ok((
            goal,
            Block {
                span,
                line,
                generation: generation(),
                points_outside,
                unread: std::mem::take(&mut roadmap.unread),
                top,
                found: diagnostics,
                allows,
            },
        ))
    }
}

/// A goal as the checks across goals read it: without its actions,
/// metric and why.
pub(super) fn without_details(mut goal: Goal) -> Goal {
    goal.actions = Vec::new();
    goal.metric = None;
    goal.why = None;
    goal
}

/// Whether a syntax error was found right at `end`, with nothing of its
/// own: the next block's first line is where the whole file has it.
pub(super) fn ends_in_recovery(diagnostics: &[Diagnostic], end: usize) -> bool {
    diagnostics
        .iter()
        .any(|d| d.rule == Rule::SyntaxError && d.span.is_empty() && d.span.start() == end)
}

/// A block not read yet (or one of the rest, read with the others).
pub(super) fn empty_block(span: Span, line: usize, top: Option<Top>) -> Block {
    Block {
        span,
        line,
        generation: generation(),
        points_outside: false,
        unread: Unread::default(),
        top,
        found: Vec::new(),
        allows: Vec::new(),
    }
}

pub(super) type Top = (HeaderKind, Vec<CompactString>);

/// The blocks of a parsed text: the root table, then each header not
/// nested under the header that started the current block, from the start
/// of its line (an indented header's spaces are its own).
pub(super) fn cut(tree: &SyntaxTree, text: &str) -> Vec<(Span, Option<Top>)> {
    let len = text.len();
    let mut blocks: Vec<(Span, Option<Top>)> = vec![(Span::new(0, len), None)];
    for section in &tree.sections {
        let Some(header) = &section.header else {
            continue;
        };
        let top = (header.kind, names(header));
        let current = blocks.last().and_then(|(_, top)| top.as_ref());
        if nested(&top, current) {
            continue;
        }
        let start = line_index::line_start(text, header.span.start());
        if let Some((span, _)) = blocks.last_mut() {
            span.set_end(start);
        }
        blocks.push((Span::new(start, len), Some(top)));
    }
    blocks
}

pub(super) fn names(header: &syntax::Header) -> Vec<CompactString> {
    header.key.segments.iter().map(|s| s.name.clone()).collect()
}

/// Whether `inner` is a sub-table of `outer` (`goals.metric` of `goals`).
pub(super) fn nested(inner: &Top, outer: Option<&Top>) -> bool {
    outer.is_some_and(|(_, outer)| {
        inner.1.len() > outer.len() && outer.iter().zip(&inner.1).all(|(a, b)| a == b)
    })
}

pub(super) fn nested_top(inner: Option<&Top>, outer: Option<&Top>) -> bool {
    inner.is_some_and(|inner| nested(inner, outer))
}

pub(super) fn is_goals(top: &Top) -> bool {
    top.0 == HeaderKind::ArrayOfTables && top.1.len() == 1 && top.1[0] == "goals"
}

pub(super) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    // In blocks, so the comparison runs at memcmp's speed.
    const STEP: usize = 4096;
    let mut at = 0;
    let len = a.len().min(b.len());
    while at + STEP <= len && a[at..at + STEP] == b[at..at + STEP] {
        at += STEP;
    }
    while at < len && a[at] == b[at] {
        at += 1;
    }
    at
}

pub(super) fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const STEP: usize = 4096;
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + STEP <= len
        && a[a.len() - at - STEP..a.len() - at] == b[b.len() - at - STEP..b.len() - at]
    {
        at += STEP;
    }
    while at < len && a[a.len() - at - 1] == b[b.len() - at - 1] {
        at += 1;
    }
    at
}
