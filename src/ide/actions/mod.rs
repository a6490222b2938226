//! Code actions: the quick fixes the checks promise, and refactors that
//! write the parts of a roadmap users would otherwise type by hand.
//!
//! Every edit is an insertion or a replacement of a value: other bytes
//! (comments, blank lines, key order) stay as they are, new lines use the
//! file's line ending and the section's indentation, and the result parses.

use chrono::NaiveDate;

mod harmless;
mod plan;
mod status;

use super::TextEdit;
use super::locate;
use crate::analysis::Analysis;
use crate::dates::end_of_quarter;
use crate::diagnostic::Diagnostic;
use crate::language::{InferredMetric, infer_metric, read_goal};
use crate::line_index;
use crate::model::read::quote;
use crate::model::{Field, Goal, Status};
use crate::rules::Rule;
use crate::span::Span;
use crate::syntax::Section;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    Refactor,
}

/// One code action: a titled set of edits to the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assist {
    pub title: String,
    pub kind: ActionKind,
    /// The diagnostic it fixes, as an index into `analysis.diagnostics`.
    pub diagnostic: Option<usize>,
    /// The obvious fix, which editors apply with one key.
    pub preferred: bool,
    /// It changes only how something is written, never what the roadmap
    /// says (a status's standard word, a date unquoted, a stale allow
    /// removed): fix all applies it unasked. Marking work done, recording
    /// a review, adding a deadline or taking the nearest id are the
    /// user's to choose, however obvious.
    pub safe: bool,
    pub edits: Vec<TextEdit>,
}

/// The actions for a selection (or a cursor, as an empty span): fixes for
/// every diagnostic it touches, then the refactors that fit there. A fix
/// is preferred only if it adds no diagnostic (see [`harmless`]).
pub fn code_actions(analysis: &Analysis, text: &str, range: Span) -> Vec<Assist> {
    let mut assists = code_actions_as_built(analysis, text, range);
    harmless::keep_preferred_only_if_harmless(analysis, text, &mut assists);
    assists
}

/// [`code_actions`] before the check that a preferred fix adds nothing:
/// for the tests that measure how the fixes are built.
#[doc(hidden)]
pub fn code_actions_as_built(analysis: &Analysis, text: &str, range: Span) -> Vec<Assist> {
    let writer = Writer::new(analysis, text);
    let mut assists = Vec::new();
    for (index, diagnostic) in analysis.diagnostics.iter().enumerate() {
        if overlaps(diagnostic.span, range) {
            writer.fixes(index, diagnostic, &mut assists);
        }
    }
    let fixes = assists.len();
    writer.refactors(range.start(), &mut assists);
    // A refactor that does what a fix here already does is left out.
    let (fixes, refactors) = assists.split_at(fixes);
    let refactors: Vec<Assist> = refactors
        .iter()
        .filter(|refactor| !fixes.iter().any(|fix| fix.edits == refactor.edits))
        .cloned()
        .collect();
    let mut assists = fixes.to_vec();
    assists.extend(refactors);
    assists
}

/// The `[goals.metric]` keys for an inferred metric; a done goal's
/// `current` is its target, an open goal's its baseline.
fn metric_lines(metric: &InferredMetric, done: bool) -> (Vec<String>, Vec<String>) {
    let number = crate::progress::number;
    let mut lines = vec![
        format!("measure = {}", quote(&metric.measure)),
        format!("unit = {}", quote(&metric.unit)),
    ];
    let mut snippet = vec![
        format!("measure = \"${{1:{}}}\"", snippet_text(&metric.measure)),
        format!("unit = \"${{2:{}}}\"", snippet_text(&metric.unit)),
    ];
    let target = metric.target.unwrap_or_default();
    if let Some(baseline) = metric.baseline {
        lines.push(format!("baseline = {}", number(baseline)));
        snippet.push(format!("baseline = ${{3:{}}}", number(baseline)));
    }
    lines.push(format!("target = {}", number(target)));
    snippet.push(format!("target = ${{4:{}}}", number(target)));
    let current = if done { Some(target) } else { metric.baseline };
    if let Some(current) = current {
        lines.push(format!("current = {}", number(current)));
        snippet.push(format!("current = ${{5:{}}}$0", number(current)));
    }
    (lines, snippet)
}

/// Text inside a snippet placeholder: `$`, `}` and `\\` escaped.
fn snippet_text(text: &str) -> String {
    let escaped = quote(text);
    let inner = &escaped[1..escaped.len() - 1];
    inner
        .replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}")
}

fn overlaps(span: Span, range: Span) -> bool {
    span.start() <= range.end() && range.start() <= span.end()
}

/// Writes new text the way the file is already written.
struct Writer<'a> {
    analysis: &'a Analysis,
    text: &'a str,
    eol: &'static str,
    today: NaiveDate,
}

impl<'a> Writer<'a> {
    fn new(analysis: &'a Analysis, text: &'a str) -> Self {
        let eol = line_index::line_break_of(text);
        Writer {
            analysis,
            text,
            eol,
            today: analysis.today,
        }
    }

    fn fixes(&self, index: usize, diagnostic: &Diagnostic, out: &mut Vec<Assist>) {
        let fix = |title: String, preferred: bool, edits: Vec<TextEdit>| Assist {
            title,
            kind: ActionKind::QuickFix,
            diagnostic: Some(index),
            preferred,
            safe: false,
            edits,
        };
        if let Some(suggestion) = &diagnostic.suggestion {
            let edits = vec![TextEdit::replace(suggestion.span, &suggestion.replacement)];
            // A known status may wake checks an unknown one kept quiet
            // (overdue, status-mismatch): preferred only if it does not.
            let preferred = diagnostic.rule != Rule::UnknownStatus || self.adds_nothing(&edits);
            out.push(Assist {
                safe: suggestion.rewrite,
                ..fix(
                    format!("Replace with `{}`", suggestion.replacement),
                    preferred,
                    edits,
                )
            });
        }
        let goal = locate::goal_at(self.analysis, diagnostic.span.start()).map(|(_, goal)| goal);
        match (diagnostic.rule, goal) {
            (Rule::MissingDeadline, Some(goal)) => {
                let (deadline, words) = self.deadline_for(goal);
                // After the horizon it would be beyond-horizon; before the
                // deadline of a goal waiting on this one, that goal's
                // dependency-after-deadline.
                let within = self.horizon().is_none_or(|horizon| deadline <= horizon)
                    && self.waiting_on(goal).all(|waiting| waiting >= deadline);
                if let Some(edit) =
                    self.set_key(goal.header, "deadline", &deadline.to_string(), None)
                {
                    out.push(fix(
                        format!("Add deadline {deadline} ({words})"),
                        within,
                        vec![edit.with_snippet(format!("deadline = ${{1:{deadline}}}"))],
                    ));
                }
            }
            (Rule::MissingMetric, Some(goal)) => {
                if let Some((edit, inferred)) = self.add_metric(goal) {
                    // Only a metric the title fills in is the obvious fix;
                    // an empty skeleton is offered, not preferred.
                    let edits = vec![edit];
                    let preferred = inferred && self.adds_nothing(&edits);
                    out.push(fix("Add a metric".to_string(), preferred, edits));
                }
            }
            (Rule::UnknownStatus, _) if diagnostic.suggestion.is_none() => {
                // Nothing is near: each of the five, none preferred.
                for status in Status::ALL {
                    out.push(fix(
                        format!("Replace with `\"{status}\"`"),
                        false,
                        vec![TextEdit::replace(
                            diagnostic.span,
                            format!("\"{}\"", status.as_str()),
                        )],
                    ));
                }
            }
            (Rule::MissingHorizon, _) => {
                if let Some(meta) = &self.analysis.roadmap.meta
                    && let Some(vision) = &meta.vision
                {
                    let horizon = crate::checks::suggested_horizon(
                        &vision.value,
                        &self.analysis.roadmap,
                        self.today,
                    );
                    if let Some(edit) =
                        self.set_key(meta.header, "horizon", &horizon.to_string(), None)
                    {
                        let edits = vec![edit.with_snippet(format!("horizon = ${{1:{horizon}}}"))];
                        let preferred = self.adds_nothing(&edits);
                        out.push(fix(format!("Add horizon {horizon}"), preferred, edits));
                    }
                }
            }
            (Rule::NoActions, Some(goal)) => {
                // Its due date is the deadline, or past a passed deadline
                // the end of this quarter: then after the deadline.
                let in_time = goal
                    .deadline
                    .as_ref()
                    .is_none_or(|deadline| deadline.value >= self.today);
                if let Some(edit) = self.add_action(goal) {
                    out.push(fix("Add an action item".to_string(), in_time, vec![edit]));
                }
            }
            (Rule::Overdue, _) => self.overdue_fixes(diagnostic, &fix, out),
            (Rule::StatusMismatch, Some(goal)) => self.status_mismatch_fixes(goal, &fix, out),
            (Rule::DoneShortOfTarget, Some(goal)) => self.done_short_fixes(goal, &fix, out),
            (Rule::IncompleteAction, Some(goal)) => {
                self.incomplete_action_fix(goal, diagnostic.span, &fix, out);
            }
            (Rule::UnaddressedGap, _) => {
                let skill = self.analysis.roadmap.skills.iter().find(|skill| {
                    skill
                        .id
                        .as_ref()
                        .is_some_and(|id| id.span == diagnostic.span)
                });
                if let Some(skill) = skill
                    && let Some(edit) = self.goal_for_skill(skill)
                {
                    // One more active goal may be one too many.
                    let active = self
                        .analysis
                        .roadmap
                        .goals
                        .iter()
                        .filter(|goal| goal.is_active(self.today))
                        .count();
                    // Its deadline is held within the horizon, unless
                    // the horizon has passed.
                    let room = active < self.analysis.config.max_active_goals
                        && self.horizon().is_none_or(|horizon| horizon >= self.today);
                    out.push(fix(
                        "Create a goal for this skill".to_string(),
                        room,
                        vec![edit],
                    ));
                }
            }
            (Rule::UnusedAllow, _) => {
                if let Some((title, edit)) = self.remove_allowed_code(diagnostic.span) {
                    // Removing is the fix the rule asks for; a nearer code
                    // (offered above) is only right if that rule fires here.
                    for other in out.iter_mut().filter(|a| a.diagnostic == Some(index)) {
                        other.preferred = false;
                    }
                    // It silences nothing: taking it out changes nothing.
                    out.push(Assist {
                        safe: true,
                        ..fix(title, true, vec![edit])
                    });
                }
            }
            (Rule::StaleReview | Rule::NeverReviewed, _) => {
                let edits = self.record_review();
                if !edits.is_empty() {
                    out.push(fix(
                        format!("Record a review today ({})", self.today),
                        true,
                        edits,
                    ));
                }
            }
            _ => {}
        }
    }

    /// The deadline the fix for missing-deadline writes: the one the
    /// check suggests, moved to the end of a later quarter when a goal
    /// this one depends on is due (or starts) later.
    fn deadline_for(&self, goal: &Goal) -> (NaiveDate, &'static str) {
        let (suggested, words) = goal.suggested_deadline(self.today);
        let goals = &self.analysis.roadmap.goals;
        let after = goal
            .depends_on
            .iter()
            .flat_map(|list| &list.value)
            .filter_map(|reference| {
                goals.iter().find(|other| {
                    other
                        .id
                        .as_ref()
                        .is_some_and(|id| id.value == reference.value)
                })
            })
            .filter(|other| other.is_open())
            .filter_map(|other| other.deadline.as_ref().or(other.start.as_ref()))
            .map(|date| date.value)
            .max();
        match after {
            Some(after) if after > suggested => (
                end_of_quarter(after),
                "end of the quarter what it depends on is due",
            ),
            _ => (suggested, words.trim_start_matches("the ")),
        }
    }

    /// The deadlines of the open goals that depend on `goal`.
    fn waiting_on<'g>(&'g self, goal: &'g Goal) -> impl Iterator<Item = NaiveDate> + 'g {
        let id = goal.id.as_ref().map(|id| id.value.as_str());
        self.analysis
            .roadmap
            .goals
            .iter()
            .filter(|other| other.is_open())
            .filter(move |other| {
                other
                    .depends_on
                    .iter()
                    .flat_map(|list| &list.value)
                    .any(|reference| Some(reference.value.as_str()) == id)
            })
            .filter_map(|other| other.deadline.as_ref().map(|deadline| deadline.value))
    }

    /// The roadmap's horizon, when it has one.
    fn horizon(&self) -> Option<NaiveDate> {
        let meta = self.analysis.roadmap.meta.as_ref()?;
        meta.horizon.as_ref().map(|horizon| horizon.value)
    }

    fn refactors(&self, offset: usize, out: &mut Vec<Assist>) {
        let refactor = |title: &str, edits: Vec<TextEdit>| Assist {
            title: title.to_string(),
            kind: ActionKind::Refactor,
            diagnostic: None,
            preferred: false,
            safe: false,
            edits,
        };
        if let Some((_, goal)) = locate::goal_at(self.analysis, offset) {
            if let Some(edit) = self.add_action(goal) {
                out.push(refactor("Add action item", vec![edit]));
            }
            if goal.metric.is_none()
                && let Some((edit, _)) = self.add_metric(goal)
            {
                out.push(refactor("Add metric", vec![edit]));
            }
        }
        if let Some((_, action)) = locate::action_at(self.analysis, offset)
            && action.is_recurring()
            && let Some(edit) = self.done_today(action)
        {
            out.push(refactor("Done today", vec![edit]));
        }
        out.push(refactor("Add goal", vec![self.add_goal()]));
        let roadmap = &self.analysis.roadmap;
        let keeps_reviews = roadmap.meta.is_some() || !roadmap.reviews.is_empty();
        let review = self.record_review();
        if keeps_reviews && !review.is_empty() {
            out.push(refactor("Record review today", review));
        }
    }

    /// Sets `key = value` in the table headed by `header`: replaces the
    /// value if the key is there (`existing`), else adds a line after the
    /// table's last key.
    fn set_key(
        &self,
        header: Span,
        key: &str,
        value: &str,
        existing: Option<Span>,
    ) -> Option<TextEdit> {
        if let Some(span) = existing {
            return Some(TextEdit::replace(span, value));
        }
        let section = self.section_of(header)?;
        let at = self.after_last_entry(section);
        let indent = self.indent_of(section);
        let lead = self.line_break_before(at);
        Some(TextEdit::insert(
            at,
            format!("{lead}{indent}{key} = {value}{}", self.eol),
        ))
    }

    /// Sets a recurring action's `last_done` to today.
    fn done_today(&self, action: &crate::model::Action) -> Option<TextEdit> {
        if action
            .last_done
            .as_ref()
            .is_some_and(|f| f.value == self.today)
        {
            return None;
        }
        self.set_key(
            action.header,
            "last_done",
            &self.today.to_string(),
            action.last_done.as_ref().map(|f| f.span),
        )
    }

    fn set_status(
        &self,
        header: Span,
        current: Option<&Field<Option<Status>>>,
        status: Status,
    ) -> Option<TextEdit> {
        if current.is_some_and(|field| field.value == Some(status)) {
            return None;
        }
        self.set_key(
            header,
            "status",
            &format!("\"{}\"", status.as_str()),
            current.map(|field| field.span),
        )
    }

    /// A `[goals.metric]` table for `goal`, filled in with what its title
    /// says ("by 10%": unit `%`, target 10), and whether it was: an empty
    /// skeleton is `false`.
    fn add_metric(&self, goal: &Goal) -> Option<(TextEdit, bool)> {
        if goal.metric.is_some() {
            return None;
        }
        let title = goal.title.as_ref().map_or("", |t| t.value.as_str());
        let reading = read_goal(title, &self.analysis.config.vague_extra_words);
        let inferred = infer_metric(title, &reading).filter(|m| m.is_complete());
        let (lines, snippet) = match &inferred {
            Some(metric) => metric_lines(metric, goal.status() == Some(Status::Done)),
            None => (
                [
                    "measure = \"\"",
                    "unit = \"\"",
                    "baseline = 0",
                    "target = 0",
                    "current = 0",
                ]
                .map(str::to_string)
                .to_vec(),
                [
                    "measure = \"${1:what you count}\"",
                    "unit = \"${2:unit}\"",
                    "baseline = ${3:0}",
                    "target = ${4:0}",
                    "current = ${5:0}$0",
                ]
                .map(str::to_string)
                .to_vec(),
            ),
        };
        let mut lines = lines;
        let mut snippet = snippet;
        lines.insert(0, "[goals.metric]".to_string());
        snippet.insert(0, "[goals.metric]".to_string());
        // Right after the goal's own keys, before its actions, where
        // `[goals.metric]` is usually written.
        let section = self.section_of(goal.header)?;
        let at = self.after_last_entry(section);
        let edit = self.block(at, &self.indent_of(section), &lines, &snippet);
        Some((edit, inferred.is_some()))
    }

    /// Whether applying `edits` leaves no check reporting more than it
    /// did: what a preferred fix promises (see [`harmless`]).
    fn adds_nothing(&self, edits: &[TextEdit]) -> bool {
        harmless::adds_nothing(self.analysis, self.text, edits)
    }

    fn add_action(&self, goal: &Goal) -> Option<TextEdit> {
        let extent = locate::extent(&self.analysis.tree, goal.header)?;
        let due = goal
            .deadline
            .as_ref()
            .map(|deadline| deadline.value)
            .filter(|deadline| *deadline >= self.today)
            .unwrap_or_else(|| end_of_quarter(self.today))
            .to_string();
        let lines = [
            "[[goals.actions]]".to_string(),
            "task = \"\"".to_string(),
            format!("due = {due}"),
            "status = \"todo\"".to_string(),
            "owner = \"me\"".to_string(),
        ];
        let snippet = [
            "[[goals.actions]]".to_string(),
            "task = \"${1:what to do}\"".to_string(),
            format!("due = ${{2:{due}}}"),
            "status = \"todo\"".to_string(),
            "owner = \"${3:me}\"$0".to_string(),
        ];
        // After the goal's last key, not after a comment that introduces
        // the next table.
        let tree = &self.analysis.tree;
        let last = tree
            .sections
            .get(tree.section_index_at(extent.end().saturating_sub(1)))?;
        let at = self.after_last_entry(last);
        let indent = self.indent_of(self.section_of(goal.header)?);
        Some(self.block(at, &indent, &lines, &snippet))
    }

    fn add_goal(&self) -> TextEdit {
        let deadline = end_of_quarter(self.today).to_string();
        let lines = [
            "[[goals]]".to_string(),
            "id = \"\"".to_string(),
            "title = \"\"".to_string(),
            "why = \"\"".to_string(),
            format!("deadline = {deadline}"),
            "status = \"todo\"".to_string(),
        ];
        let snippet = [
            "[[goals]]".to_string(),
            "id = \"${1:new-goal}\"".to_string(),
            "title = \"${2:Deliver something measurable by a date}\"".to_string(),
            "why = \"${3:how it serves the vision}\"".to_string(),
            format!("deadline = ${{4:{deadline}}}"),
            "status = \"todo\"$0".to_string(),
        ];
        let at = self.end_of_content(Span::new(0, self.text.len()));
        self.block(at, "", &lines, &snippet)
    }

    fn goal_for_skill(&self, skill: &crate::model::Skill) -> Option<TextEdit> {
        let id = &skill.id.as_ref()?.value;
        let current = skill.current.as_ref()?.value;
        let required = skill.required.as_ref()?.value;
        let deadline = end_of_quarter(self.today);
        let deadline = match self.horizon() {
            Some(horizon) if horizon < deadline && horizon >= self.today => horizon,
            _ => deadline,
        }
        .to_string();
        // An id no goal has yet: `rust-gap`, else `rust-gap-2`, …
        let taken = |candidate: &str| {
            self.analysis
                .roadmap
                .goals
                .iter()
                .any(|goal| goal.id.as_ref().is_some_and(|id| id.value == candidate))
        };
        let goal_id = (1..)
            .map(|n| match n {
                1 => format!("{id}-gap"),
                n => format!("{id}-gap-{n}"),
            })
            .find(|candidate| !taken(candidate))?;
        let lines = [
            "[[goals]]".to_string(),
            format!("id = {}", quote(&goal_id)),
            format!(
                "title = {}",
                quote(&format!(
                    "Raise {id} from level {current} to level {required}"
                ))
            ),
            format!("skills = [{}]", quote(id)),
            format!("deadline = {deadline}"),
            "status = \"todo\"".to_string(),
            String::new(),
            "[[goals.actions]]".to_string(),
            "task = \"Plan the first step\"".to_string(),
            format!("due = {deadline}"),
            "owner = \"me\"".to_string(),
        ];
        let at = self.end_of_content(Span::new(0, self.text.len()));
        Some(self.block(at, "", &lines, &lines))
    }

    /// Sets `last_review` to today (when the file keeps one) and logs a
    /// `[[reviews]]` entry.
    fn record_review(&self) -> Vec<TextEdit> {
        let roadmap = &self.analysis.roadmap;
        let today = self.today.to_string();
        let mut edits = Vec::new();
        if let Some(meta) = &roadmap.meta {
            let existing = meta.last_review.as_ref();
            if existing.is_some_and(|field| field.value == self.today) {
                return Vec::new();
            }
            if existing.is_some() || roadmap.reviews.is_empty() {
                edits.extend(self.set_key(
                    meta.header,
                    "last_review",
                    &today,
                    existing.map(|field| field.span),
                ));
            }
        } else if roadmap.reviews.iter().any(|review| {
            review
                .date
                .as_ref()
                .is_some_and(|date| date.value == self.today)
        }) {
            return Vec::new();
        }
        let lines = [
            "[[reviews]]".to_string(),
            format!("date = {today}"),
            "notes = \"\"".to_string(),
        ];
        let snippet = [
            "[[reviews]]".to_string(),
            format!("date = {today}"),
            "notes = \"${1:what changed, what is next}\"$0".to_string(),
        ];
        let at = self.end_of_content(Span::new(0, self.text.len()));
        edits.push(self.block(at, "", &lines, &snippet));
        edits
    }

    /// Removes the code at `code` from its allow comment: the whole
    /// comment when it is the only code (the whole line when the comment
    /// stands alone), else the code and its comma.
    fn remove_allowed_code(&self, code: Span) -> Option<(String, TextEdit)> {
        let comment = self.analysis.tree.comments.iter().find(|comment| {
            comment.span.start() <= code.start() && code.end() <= comment.span.end()
        })?;
        let text = self.text;
        let inner_start = text[..code.start()].rfind('(')? + 1;
        let inner_end = code.end() + text[code.end()..comment.span.end()].find(')')?;
        let codes = text[inner_start..inner_end].split(',').count();
        if codes > 1 {
            // The code with the comma after it, or before it if it is last.
            let after = text[code.end()..inner_end]
                .find(',')
                .map(|i| code.end() + i + 1);
            let span = match after {
                Some(comma) => {
                    let spaces = text[comma..].len() - text[comma..].trim_start_matches(' ').len();
                    Span::new(code.start(), comma + spaces)
                }
                None => Span::new(text[..code.start()].rfind(',')?, code.end()),
            };
            let title = format!("Remove `{}` from the allow comment", &text[code.range()]);
            return Some((title, TextEdit::replace(span, "")));
        }
        let title = "Remove the allow comment".to_string();
        let line_start = line_index::line_start(text, comment.span.start());
        let before = &text[line_start..comment.span.start()];
        if before.trim().is_empty() {
            let line = Span::new(line_start, self.line_end(comment.span.end()));
            return Some((title, TextEdit::replace(line, "")));
        }
        let kept = before.trim_end_matches([' ', '\t']).len();
        let comment_and_space = Span::new(line_start + kept, comment.span.end());
        Some((title, TextEdit::replace(comment_and_space, "")))
    }

    /// A table (header and keys) inserted at `at`, set apart by one blank
    /// line, its keys indented by `indent`; `snippet` is the same lines
    /// with placeholders.
    fn block<S: AsRef<str>>(
        &self,
        at: usize,
        indent: &str,
        lines: &[S],
        snippet: &[S],
    ) -> TextEdit {
        let join = |lines: &[S]| {
            let mut out = String::new();
            for line in lines {
                let line = line.as_ref();
                if !line.is_empty() && !line.starts_with('[') {
                    out.push_str(indent);
                }
                out.push_str(line);
                out.push_str(self.eol);
            }
            out
        };
        let lead = if at == 0 {
            String::new()
        } else {
            format!("{}{}", self.line_break_before(at), self.eol)
        };
        TextEdit::insert(at, format!("{lead}{}", join(lines)))
            .with_snippet(format!("{lead}{}", join(snippet)))
    }

    fn section_of(&self, header: Span) -> Option<&'a Section> {
        let tree = &self.analysis.tree;
        let section = tree.sections.get(tree.section_index_at(header.start()))?;
        section
            .header
            .as_ref()
            .is_some_and(|h| h.span == header)
            .then_some(section)
    }

    /// Just after the line of the section's last key (or of its header).
    fn after_last_entry(&self, section: &Section) -> usize {
        let last = self
            .analysis
            .tree
            .entries(section)
            .iter()
            .map(|entry| entry.span.end())
            .chain(section.header.as_ref().map(|h| h.span.end()))
            .max()
            .unwrap_or(section.span.start());
        self.line_end(last)
    }

    /// Just after the last line with anything on it inside `span`.
    fn end_of_content(&self, span: Span) -> usize {
        let inside = self.text.get(span.range()).unwrap_or("");
        let content = inside.trim_end_matches([' ', '\t', '\r', '\n']).len();
        if content == 0 {
            return span.start();
        }
        self.line_end(span.start() + content)
    }

    /// The end of the line holding `offset`, after its line break.
    fn line_end(&self, offset: usize) -> usize {
        line_index::next_line_start(self.text, offset)
    }

    /// A line break to put first when inserting at `at` on a line that
    /// has text before it (the file's last line, with no line break).
    fn line_break_before(&self, at: usize) -> &'static str {
        if at == 0 || self.text[..at].ends_with(['\n', '\r']) {
            ""
        } else {
            self.eol
        }
    }

    /// The indentation of the section's keys (usually none).
    fn indent_of(&self, section: &Section) -> String {
        let Some(entry) = self.analysis.tree.entries(section).first() else {
            return String::new();
        };
        let line_start = line_index::line_start(self.text, entry.span.start());
        self.text[line_start..entry.span.start()]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect()
    }
}

#[cfg(test)]
mod tests;
