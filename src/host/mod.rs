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
//! comments apply, and levels and order are as [`crate::analysis::analyze`] gives
//! them. The result is the same as analysing the whole text: the tests
//! compare both after random edits.
//!
//! What the blocks cannot stand for falls back to reading everything
//! again: a multi-line string where the edit is (it might run past the
//! blocks read), a header that moved under another block, a change of
//! settings or day, and the rare files whose other tables mention goals.
//!
//! Here: the host's interface and its state. `blocks` reads the blocks
//! (the whole file, or again after an edit); `groups` runs the checks
//! across goals and hands the diagnostics out in groups; `analysis` brings
//! the analysis features read up to date when one asks.

use std::hash::Hash;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;
use smallvec::SmallVec;

use crate::analysis::Analysis;
use crate::checks;
use crate::config::{Config, Settings};
use crate::diagnostic::Diagnostic;
use crate::history::History;
use crate::line_index;
use crate::model::{Roadmap, Unread};
use crate::span::Span;
use crate::suppress::Allow;

mod analysis;
mod blocks;
mod groups;

use blocks::{Top, is_goals};

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
    top: Option<Top>,
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
    /// The diagnostics of `text` as [`crate::analysis::analyze_with_history`] gives
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
                let analysis =
                    crate::analysis::analyze_with_history(text, today, settings, history.cloned());
                self.whole = Some((generation(), text.len(), Arc::new(analysis)));
            }
        }
    }

    /// Whether the host holds a text (it holds none until the first
    /// update, or after being taken for freeing).
    pub fn holds_text(&self) -> bool {
        self.inputs.is_some()
    }

    /// Everything found, as [`crate::analysis::analyze`] reports it.
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

    /// The analysis of the text last given, as [`crate::analysis::analyze`] makes
    /// it: made from the blocks kept, not by reading the file again.
    pub fn analysis(&mut self) -> Arc<Analysis> {
        match (&mut self.state, &self.whole) {
            (Some(state), _) => state.analysis(),
            (None, Some((_, _, analysis))) => Arc::clone(analysis),
            // Nothing given yet: the analysis of no text.
            (None, None) => Arc::new(crate::analysis::analyze(
                "",
                NaiveDate::MIN,
                &Settings::default(),
            )),
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
            .partition_point(|block| block.span.start() <= offset)
            .checked_sub(1)?;
        let block = &state.blocks[index];
        let before = text.as_bytes().get(block.span.start()..offset)?;
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

/// Whether `inner` lies in `outer` (an empty span at its end counts).
fn within(outer: Span, inner: Span) -> bool {
    outer.start() <= inner.start() && inner.end() <= outer.end()
}
