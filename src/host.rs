//! The analysis host: one document's analysis and diagnostics after an
//! edit, without reading the whole file again.
//!
//! A roadmap is cut into blocks at its top-level table headers: the root
//! table before the first header, then each header with the sub-tables
//! nested under it (a `[[goals]]` with its `[goals.metric]` and
//! `[[goals.actions]]`). Parsing is context-free at a table header (see
//! `syntax::split`), so a block read on its own gives what the whole file
//! gives for it. Each `[[goals]]` block keeps its goal, the problems found
//! reading it, its goal checks ([`checks::goal`]) and its allow comments;
//! the other blocks ("the rest": `[roadmap]`, skills, people, `[lint]`…)
//! are read together, being few and small.
//!
//! After an edit, only the blocks the change touches, and one on either
//! side, are read again; the blocks after them only move. Then the checks
//! that read more than one goal ([`checks::roadmap`]: ids, references,
//! cycles, the horizon, active goals) run over the goals kept, allow
//! comments apply, and levels and order are as [`crate::analyze`] gives
//! them. The result is the same as analysing the whole text: the tests
//! compare both after random edits.
//!
//! What the blocks cannot stand for falls back to reading everything
//! again: a multi-line string where the edit is (it might run past the
//! blocks read), a header that moved under another block, a change of
//! settings or day, and the rare files whose other tables mention goals.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;
use compact_str::CompactString;
use smallvec::SmallVec;

use crate::analysis::{Analysis, finish, read};
use crate::checks::{self, Context};
use crate::config::{Config, Settings};
use crate::diagnostic::Diagnostic;
use crate::history::History;
use crate::line_index;
use crate::model::spans::MapSpans;
use crate::model::{Goal, Roadmap, Unread};
use crate::rules::Rule;
use crate::span::Span;
use crate::suppress::{self, Allow};
use crate::syntax::{self, HeaderKind, SyntaxTree};

/// One document's text and what it is checked against, and everything the
/// engine knows of it, kept up to date edit after edit: the analysis
/// features read ([`AnalysisHost::analysis`]) and the diagnostics, whole
/// or in groups, come from the same blocks.
#[derive(Default)]
pub struct AnalysisHost {
    /// The text last given and what it is checked against.
    inputs: Option<Inputs>,
    state: Option<State>,
    /// The diagnostics of a file the blocks cannot stand for, analysed
    /// whole, with the generation that names them and the text's length.
    whole: Option<(u64, usize, Arc<Analysis>)>,
    /// How the last update went, for logs and tests.
    pub last: Update,
}

struct Inputs {
    text: Arc<str>,
    today: NaiveDate,
    settings: Settings,
    history: Option<Arc<History>>,
}

/// Where an edit was, as the editor tells it (LSP's `didChange` ranges):
/// bytes `start..old_end` of the old text are `start..new_end` in the new
/// one. With it, finding what changed costs nothing; without it the two
/// texts are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Edit {
    /// One edit covering `self` and then `next` (whose offsets are in the
    /// text `self` left).
    pub fn then(self, next: Edit) -> Edit {
        // The end of both, in the text between the two edits.
        let between = self.new_end.max(next.old_end);
        Edit {
            start: self.start.min(next.start),
            old_end: between - self.new_end + self.old_end,
            new_end: between - next.old_end + next.new_end,
        }
    }
}

/// The diagnostics of a run of blocks, published together: a block and,
/// while a block ends in an allow comment that covers the next, the
/// blocks after it. What the group holds changes only when its key does
/// (moving with an edit before it does not change it), so a front end can
/// keep what it made of them, as the language server keeps their JSON.
#[derive(Clone, Debug)]
pub struct Group {
    pub key: GroupKey,
    /// Its bytes in the file: from a line start to a line start.
    pub span: Span,
    /// The 0-based line it starts on.
    pub line: usize,
    blocks: Range<usize>,
    extras: Range<usize>,
}

/// What a group's diagnostics are made from: its blocks as read, the
/// configuration, and what the checks across goals found in it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GroupKey {
    config: u64,
    extras: u64,
    blocks: SmallVec<[u64; 2]>,
}

/// A number never given out before, naming one reading of a block.
fn generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// How an update was done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Update {
    #[default]
    None,
    /// Nothing changed.
    Unchanged,
    /// Only the blocks around the edit were read.
    Blocks { read: usize },
    /// Every block was read.
    Whole,
    /// The file is one the blocks cannot stand for: analysed whole.
    Analysed,
}

struct State {
    text: Arc<str>,
    today: NaiveDate,
    settings: Settings,
    history: Option<Arc<History>>,
    config: Config,
    blocks: Vec<Block>,
    /// The rest's tables, and every `[[goals]]` block's goal in order,
    /// without its actions, metric and why: the checks across goals do not
    /// read them, and moving their spans after every edit above them cost
    /// more than the rest of an update.
    roadmap: Roadmap,
    /// What features read: the whole file's tree, the whole roadmap, the
    /// configuration, the day and the history. Brought up to date when
    /// asked for ([`State::analysis`]): the part of the file edited since
    /// is read again and what follows moves. Changed in place while no
    /// request holds it (copied otherwise).
    analysis: Arc<Analysis>,
    /// What changed since `analysis` was last brought up to date: bytes
    /// `start..old_end` of its text are `start..new_end` of this one, from
    /// a block's start to a block's start.
    stale: Option<Edit>,
    /// Whether `analysis.diagnostics` are this text's.
    diagnostics_ready: bool,
    /// What reading the rest found.
    rest_diagnostics: Vec<Diagnostic>,
    /// The top-level keys reading the rest left unreadable.
    rest_unread: Unread,
    /// What reading the rest found and what the checks across goals
    /// found, by position: each group takes those that fall in it.
    extras: Vec<Diagnostic>,
    /// Names the configuration the blocks were checked with.
    config_generation: u64,
    /// Did-you-mean answers kept while the ids stay the same.
    memo: checks::Memo,
    /// Each group's diagnostics as last made, by key: the analysis's list
    /// is made of them, so a group that only moved is not made again.
    /// Kept only for groups whose diagnostics point nowhere outside them
    /// (a group's own places move with it), with where the group started.
    finished: std::cell::RefCell<Finished>,
}

struct Block {
    span: Span,
    /// The 0-based line it starts on.
    line: usize,
    /// Names this reading of the block: a block read again gets another.
    generation: u64,
    /// Some diagnostic it found points at a place outside it.
    points_outside: bool,
    /// For a `[[goals]]` block: the top-level keys reading it left
    /// unreadable (`goals`, when it is broken).
    unread: Unread,
    /// The first header's kind and key; `None` for the root table.
    top: Option<(HeaderKind, Vec<CompactString>)>,
    /// For a `[[goals]]` block: what reading and checking it found.
    found: Vec<Diagnostic>,
    allows: Vec<Allow>,
}

impl Block {
    fn is_goal(&self) -> bool {
        self.top.as_ref().is_some_and(is_goals)
    }
}

/// Each group's diagnostics by key, with where the group started.
type Finished = rustc_hash::FxHashMap<GroupKey, (usize, Arc<[Diagnostic]>)>;

/// Why the blocks cannot stand for the file.
struct Unsupported;

impl std::fmt::Debug for AnalysisHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnalysisHost")
            .field("blocks", &self.state.as_ref().map_or(0, |s| s.blocks.len()))
            .field("last", &self.last)
            .finish()
    }
}

impl AnalysisHost {
    /// The diagnostics of `text` as [`crate::analyze_with_history`] gives
    /// them, reading again only what changed since the last update.
    pub fn check(
        &mut self,
        text: &Arc<str>,
        today: NaiveDate,
        settings: &Settings,
        history: Option<&Arc<History>>,
    ) -> Vec<Diagnostic> {
        self.update(text, None, today, settings, history);
        self.diagnostics()
    }

    /// Takes in `text` to be checked as of `today` with `settings` and
    /// `history`, reading again only what changed since the last update.
    /// `edit` says where the change was, from the text it was made on;
    /// it is used when that is the text the host holds. Nothing is done
    /// when the host already holds this text with these inputs. Then read
    /// the result with [`AnalysisHost::analysis`],
    /// [`AnalysisHost::diagnostics`] or, group by group,
    /// [`AnalysisHost::groups`].
    pub fn update(
        &mut self,
        text: &Arc<str>,
        edit: Option<(&Arc<str>, Edit)>,
        today: NaiveDate,
        settings: &Settings,
        history: Option<&Arc<History>>,
    ) {
        let held = self.inputs.as_ref();
        let same_inputs = held.is_some_and(|held| {
            held.today == today
                && held.settings == *settings
                && match (&held.history, history) {
                    (None, None) => true,
                    (Some(kept), Some(given)) => Arc::ptr_eq(kept, given),
                    _ => false,
                }
        });
        if same_inputs && held.is_some_and(|held| Arc::ptr_eq(&held.text, text)) {
            self.last = Update::Unchanged;
            return;
        }
        let edit = edit
            .filter(|(before, _)| held.is_some_and(|held| Arc::ptr_eq(&held.text, before)))
            .map(|(_, edit)| edit);
        self.inputs = Some(Inputs {
            text: Arc::clone(text),
            today,
            settings: settings.clone(),
            history: history.cloned(),
        });
        if same_inputs && let Some(mut state) = self.state.take() {
            // An edit the blocks cannot stand for reads everything again.
            if let Ok(update) = state.edit(text, edit) {
                self.last = update;
                state.check_across();
                self.state = Some(state);
                return;
            }
        }
        self.whole = None;
        self.state = None;
        match State::whole(text, today, settings, history) {
            Ok(mut state) => {
                self.last = Update::Whole;
                state.check_across();
                self.state = Some(state);
            }
            Err(Unsupported) => {
                self.last = Update::Analysed;
                let analysis = crate::analyze_with_history(text, today, settings, history.cloned());
                self.whole = Some((generation(), text.len(), Arc::new(analysis)));
            }
        }
    }

    /// Whether the host holds a text (it holds none until the first
    /// update, or after being taken for freeing).
    pub fn holds_text(&self) -> bool {
        self.inputs.is_some()
    }

    /// Everything found, as [`crate::analyze`] reports it.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match (&self.state, &self.whole) {
            (Some(state), _) if state.diagnostics_ready => state.analysis.diagnostics.clone(),
            (Some(state), _) => state.diagnostics(),
            (None, Some((_, _, analysis))) => analysis.diagnostics.clone(),
            (None, None) => Vec::new(),
        }
    }

    /// The groups of the text last given, in file order.
    pub fn groups(&self) -> Vec<Group> {
        match (&self.state, &self.whole) {
            (Some(state), _) => state.groups(),
            (None, Some((generation, len, _))) => vec![Group {
                key: GroupKey {
                    config: *generation,
                    extras: 0,
                    blocks: SmallVec::new(),
                },
                span: Span::new(0, *len),
                line: 0,
                blocks: 0..0,
                extras: 0..0,
            }],
            (None, None) => Vec::new(),
        }
    }

    /// The analysis of the text last given, as [`crate::analyze`] makes
    /// it: made from the blocks kept, not by reading the file again.
    pub fn analysis(&mut self) -> Arc<Analysis> {
        match (&mut self.state, &self.whole) {
            (Some(state), _) => state.analysis(),
            (None, Some((_, _, analysis))) => Arc::clone(analysis),
            // Nothing given yet: the analysis of no text.
            (None, None) => Arc::new(crate::analyze("", NaiveDate::MIN, &Settings::default())),
        }
    }

    /// The 0-based line holding byte `offset` of the text last given, and
    /// where that line starts: counted from the first line of its block,
    /// so it costs the length of a block, not of the file. `None` when the
    /// file is one the blocks cannot stand for.
    pub fn line_at(&self, offset: usize) -> Option<(usize, usize)> {
        let state = self.state.as_ref()?;
        let text = &*state.text;
        let offset = offset.min(text.len());
        let index = state
            .blocks
            .partition_point(|block| block.span.start <= offset)
            .checked_sub(1)?;
        let block = &state.blocks[index];
        let before = text.as_bytes().get(block.span.start..offset)?;
        let mut line = block.line + line_index::count_breaks_in(before);
        // Between the two bytes of a `\r\n`: still the line it ends.
        if before.last() == Some(&b'\r') && text.as_bytes().get(offset) == Some(&b'\n') {
            line -= 1;
        }
        Some((line, line_index::line_start(text, offset)))
    }

    /// The diagnostics of `group`, sorted, as a whole analysis has them.
    pub fn group_diagnostics(&self, group: &Group) -> Vec<Diagnostic> {
        match (&self.state, &self.whole) {
            (Some(state), _) => state.group_diagnostics(group),
            (None, Some((_, _, analysis))) => analysis.diagnostics.clone(),
            (None, None) => Vec::new(),
        }
    }
}

impl State {
    /// Reads every block of `text`.
    fn whole(
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

    /// The analysis of the text, brought up to date: the part edited since
    /// it was last asked for is parsed and its goals read again, the tree
    /// and goals after it move, and what the rest holds is copied in.
    fn analysis(&mut self) -> Arc<Analysis> {
        if let Some(stale) = self.stale.take() {
            let text = Arc::clone(&self.text);
            let region = Span::new(stale.start, stale.new_end);
            let tree = syntax::parse(&text[region.range()]);
            let mut goals = Vec::new();
            let first = self.blocks.partition_point(|b| b.span.start < region.start);
            for block in &self.blocks[first..] {
                if block.span.start >= region.end {
                    break;
                }
                if block.is_goal() {
                    // Read alone, as the checker read it (it could).
                    let (_, mut roadmap, _) = read(&text[block.span.range()]);
                    if let Some(mut goal) = roadmap.goals.pop() {
                        goal.shift(block.span.start as isize);
                        goals.push(goal);
                    }
                }
            }
            let delta = stale.new_end as isize - stale.old_end as isize;
            let analysis = self.model();
            let old = &analysis.roadmap.goals;
            let from = old.partition_point(|goal| goal.header.start < stale.start);
            let to = from + old[from..].partition_point(|goal| goal.header.start < stale.old_end);
            for goal in &mut analysis.roadmap.goals[to..] {
                goal.shift(delta);
            }
            analysis.roadmap.goals.splice(from..to, goals);
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

    /// The analysis, to change (copied first if a request holds it).
    fn model(&mut self) -> &mut Analysis {
        Arc::make_mut(&mut self.analysis)
    }

    /// Takes in the new text: reads again the blocks the change touches.
    fn edit(&mut self, text: &Arc<str>, edit: Option<Edit>) -> Result<Update, Unsupported> {
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
            .partition_point(|block| block.span.end < prefix)
            .saturating_sub(1);
        let last = (self
            .blocks
            .partition_point(|block| block.span.start <= changed_end)
            + 1)
        .min(self.blocks.len())
        .max(first + 1);
        let region = Span::new(
            self.blocks[first].span.start,
            self.blocks[last - 1].span.end.saturating_add_signed(delta),
        );
        let region_text = text.get(region.range()).ok_or(Unsupported)?;
        // A multi-line string might run past the region in the whole file.
        if region_text.contains("\"\"\"") || region_text.contains("'''") {
            return Err(Unsupported);
        }
        let tree = syntax::parse(region_text);
        let mut spans = cut(&tree, region_text);
        if region.start > 0 {
            // The region starts at a header: its empty root table is not a
            // block, and its first header must not belong to the block
            // before it.
            if spans.first().is_some_and(|(span, _)| span.is_empty()) {
                spans.remove(0);
            }
            let starts_block = spans.first().is_some_and(|(span, top)| {
                span.start == 0
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
        let old_region = Span::new(region.start, self.blocks[last - 1].span.end);
        let line_delta = line_index::count_breaks(region_text) as isize
            - line_index::count_breaks(&old[old_region.range()]) as isize;
        let mut line = self.blocks[first].line;
        let mut new_blocks = Vec::with_capacity(spans.len());
        let mut new_goals = Vec::new();
        for (span, top) in spans {
            let span = span.moved(region.start as isize);
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
            start: old_region.start,
            old_end: old_region.end,
            new_end: old_region.end.saturating_add_signed(delta),
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
    fn read_rest(&mut self) -> Result<(), Unsupported> {
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
                .filter(|(_, block)| block.end < self.text.len())
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
                    true => *at < span.start,
                    false => *at <= span.start,
                })
                .saturating_sub(1);
            match pieces.get(piece) {
                Some(&(at, block)) => span.moved(block.start as isize - at as isize),
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
            allows.shift(span.start as isize);
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
    fn read_goal(&self, span: Span, line: usize) -> Result<(Goal, Block), Unsupported> {
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
        if span.end < self.text.len() && ends_in_recovery(&diagnostics, text.len()) {
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
        let by = span.start as isize;
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

    /// Everything found, group after group.
    fn diagnostics(&self) -> Vec<Diagnostic> {
        let groups = self.groups();
        let mut finished = self.finished.borrow_mut();
        let mut kept = rustc_hash::FxHashMap::default();
        kept.reserve(groups.len());
        let mut diagnostics = Vec::new();
        for group in groups {
            let start = group.span.start;
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
    fn check_across(&mut self) {
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
        extras.sort_by_key(|d| d.span.start);
        self.extras = extras;
    }

    /// The blocks in runs: a block whose allow comment covers the next
    /// block (a comment on a line of its own at its end) is published
    /// with it, since whether the comment is used depends on both.
    fn groups(&self) -> Vec<Group> {
        let mut groups = Vec::with_capacity(self.blocks.len());
        let mut first = 0;
        while first < self.blocks.len() {
            let mut last = first;
            while last + 1 < self.blocks.len()
                && self.blocks[last].allows.iter().any(|a| a.dangling)
            {
                last += 1;
            }
            let span = Span::new(self.blocks[first].span.start, self.blocks[last].span.end);
            let is_last = last + 1 == self.blocks.len();
            let extras = self.extras.partition_point(|d| d.span.start < span.start)
                ..self
                    .extras
                    .partition_point(|d| d.span.start < span.end || is_last);
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
    fn group_key(&self, span: Span, blocks: Range<usize>, extras: Range<usize>) -> GroupKey {
        let mut hasher = DefaultHasher::new();
        let relative = |at: usize| at.wrapping_sub(span.start);
        let outside = |hasher: &mut DefaultHasher, place: Span| {
            if within(span, place) {
                (relative(place.start), relative(place.end)).hash(hasher);
            } else {
                let block = self
                    .blocks
                    .partition_point(|b| b.span.start <= place.start)
                    .saturating_sub(1);
                if let Some(block) = self.blocks.get(block) {
                    let at = |offset: usize| offset.wrapping_sub(block.span.start);
                    (block.line, block.generation, at(place.start), at(place.end)).hash(hasher);
                }
            }
        };
        for diagnostic in &self.extras[extras] {
            diagnostic.rule.hash(&mut hasher);
            diagnostic.severity.hash(&mut hasher);
            diagnostic.message.hash(&mut hasher);
            (
                relative(diagnostic.span.start),
                relative(diagnostic.span.end),
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
    fn group_diagnostics(&self, group: &Group) -> Vec<Diagnostic> {
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

/// A goal as the checks across goals read it: without its actions,
/// metric and why.
fn without_details(mut goal: Goal) -> Goal {
    goal.actions = Vec::new();
    goal.metric = None;
    goal.why = None;
    goal
}

/// Whether a syntax error was found right at `end`, with nothing of its
/// own: the next block's first line is where the whole file has it.
fn ends_in_recovery(diagnostics: &[Diagnostic], end: usize) -> bool {
    diagnostics
        .iter()
        .any(|d| d.rule == Rule::SyntaxError && d.span.is_empty() && d.span.start == end)
}

/// A block not read yet (or one of the rest, read with the others).
fn empty_block(span: Span, line: usize, top: Option<Top>) -> Block {
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

/// Whether `inner` lies in `outer` (an empty span at its end counts).
fn within(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

type Top = (HeaderKind, Vec<CompactString>);

/// The blocks of a parsed text: the root table, then each header not
/// nested under the header that started the current block, from the start
/// of its line (an indented header's spaces are its own).
fn cut(tree: &SyntaxTree, text: &str) -> Vec<(Span, Option<Top>)> {
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
        let start = line_index::line_start(text, header.span.start);
        if let Some((span, _)) = blocks.last_mut() {
            span.end = start;
        }
        blocks.push((Span::new(start, len), Some(top)));
    }
    blocks
}

fn names(header: &syntax::Header) -> Vec<CompactString> {
    header.key.segments.iter().map(|s| s.name.clone()).collect()
}

/// Whether `inner` is a sub-table of `outer` (`goals.metric` of `goals`).
fn nested(inner: &Top, outer: Option<&Top>) -> bool {
    outer.is_some_and(|(_, outer)| {
        inner.1.len() > outer.len() && outer.iter().zip(&inner.1).all(|(a, b)| a == b)
    })
}

fn nested_top(inner: Option<&Top>, outer: Option<&Top>) -> bool {
    inner.is_some_and(|inner| nested(inner, outer))
}

fn is_goals(top: &Top) -> bool {
    top.0 == HeaderKind::ArrayOfTables && top.1.len() == 1 && top.1[0] == "goals"
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
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

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
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
