//! Completion: what may be typed at the cursor. Statuses and other enumerated
//! values, keys the current table does not set yet (as snippets), goal and
//! skill ids in references, dates (fixed ones and typed phrases such as
//! `next friday`), and table headers with a skeleton of their keys.
//!
//! It starts from the tolerant tree ([`locate::cursor`]) and reads the raw
//! text of the cursor's line for what the tree cannot tell (an unclosed
//! quote, a half-typed `[[go`), so it works while the file does not parse.
//! The client filters and ranks by what was typed: this module returns every
//! candidate for the place, each with an edit replacing the typed text.

use chrono::{Datelike, NaiveDate};

use crate::analysis::Analysis;
use crate::dates::{self, end_of_month_of, end_of_quarter, parse_phrase, relative};
use crate::ide::TextEdit;
use crate::ide::locate::{self, Node};
use crate::model::Status;
use crate::model::schema::{KeySpec, TableKind, ValueType};
use crate::model::vocabulary::{self, Term};
use crate::rules::{Level, Rule};
use crate::span::Span;
use crate::syntax::{Entry, Section, SyntaxTree, Value, ValueKind};

/// One candidate, as the client shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    /// One line next to the label: a goal's title, a skill's gap, a date's
    /// weekday.
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// Replaces the typed text; may carry a snippet.
    pub edit: TextEdit,
    /// Keeps the order given here (contextual candidates first).
    pub sort_text: Option<String>,
    /// What the client matches the typed text against, when the label is
    /// not what is typed (a date phrase inserting `2026-11-27`).
    pub filter_text: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Status,
    EnumValue,
    Key,
    /// A goal or skill id.
    Reference,
    Date,
    Header,
    Boolean,
}

/// Everything that may be typed at `offset` in `text` (the text `analysis`
/// was made from). Empty where nothing fits: inside a comment, inside a
/// multi-line string, after a finished value, or at an offset outside the
/// text.
pub fn completions(analysis: &Analysis, text: &str, offset: usize) -> Vec<Completion> {
    if offset > text.len() {
        return Vec::new();
    }
    let offset = floor_char_boundary(text, offset);
    let line = Line::at(text, offset);
    let Some(cursor) = locate::cursor(&analysis.tree, offset) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let ctx = Ctx {
        analysis,
        text,
        offset,
        line,
    };
    let in_value = matches!(cursor.node, Node::Value { .. } | Node::AfterKey { .. });
    if !in_value && ctx.typing_header() {
        ctx.headers(&mut out);
        return finish(out);
    }
    match cursor.node {
        Node::Value { entry, value } => {
            if let Some(slot) = ctx.value_slot(entry, Some(value)) {
                ctx.values(&cursor, entry, &slot, &mut out);
            }
        }
        Node::AfterKey { entry } => {
            if let Some(slot) = ctx.value_slot(entry, None) {
                ctx.values(&cursor, entry, &slot, &mut out);
            }
        }
        Node::Key { entry, segment } => {
            let Some(typed) = entry.key.segments.get(segment) else {
                return out;
            };
            let span = typed.span;
            let rest = text.get(span.end..line.end).unwrap_or("");
            if rest.contains('=') {
                // Renaming the key of a finished line: the name only.
                ctx.keys(&cursor, Some(entry), span, false, &mut out);
            } else {
                ctx.keys(&cursor, Some(entry), span, true, &mut out);
                if ctx.line_before(span.start).trim().is_empty() {
                    ctx.headers_in_key_position(cursor.entries, span, &mut out);
                }
            }
        }
        Node::Blank if ctx.line_before(offset).trim().is_empty() => {
            let here = Span::empty(offset);
            ctx.keys(&cursor, None, here, true, &mut out);
            ctx.headers_in_key_position(cursor.entries, here, &mut out);
        }
        Node::Blank => {
            // Past what the tree made of a broken line (`depends_on =
            // ["a", ` ends before the blank after the comma): read the line.
            if let Some((entry, slot)) = ctx.slot_from_line(cursor.entries) {
                ctx.values(&cursor, entry, &slot, &mut out);
            }
        }
        Node::Header(_) => {}
    }
    finish(out)
}

/// Gives every candidate without one a sort text keeping the order found.
fn finish(mut out: Vec<Completion>) -> Vec<Completion> {
    for (index, completion) in out.iter_mut().enumerate() {
        if completion.sort_text.is_none() {
            completion.sort_text = Some(format!("{index:04}"));
        }
    }
    out
}

/// The largest char boundary at or before `offset` (which is ≤ len).
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    (0..=offset)
        .rev()
        .find(|&at| text.is_char_boundary(at))
        .unwrap_or(0)
}

/// The cursor's line: where it starts and where its text ends (before
/// `\r\n` or `\n`).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// The file's line ending, for multi-line snippets.
    newline: &'static str,
}

impl Line {
    fn at(text: &str, offset: usize) -> Line {
        let start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |at| offset + at);
        let end = if end > offset && text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Line {
            start,
            end,
            newline,
        }
    }
}

/// Where a value is being typed, and how the typed text is wrapped.
#[derive(Clone, Debug)]
struct Slot {
    /// What a completion replaces: the text typed so far (inside quotes,
    /// the text after the opening quote).
    span: Span,
    /// That text.
    typed: String,
    /// After an opening quote: `"`, or `'` for a literal string.
    quoted: Option<char>,
    /// The closing quote is already there, right after `span`.
    closed: bool,
    /// Inside an array's brackets.
    in_array: bool,
    /// Right after `=`: the value needs a space before it.
    pad: bool,
}

impl Slot {
    /// An empty slot at `offset`, outside quotes.
    fn empty(offset: usize, in_array: bool) -> Slot {
        Slot {
            span: Span::empty(offset),
            typed: String::new(),
            quoted: None,
            closed: false,
            in_array,
            pad: false,
        }
    }

    /// An edit inserting a string value, quoted as the slot needs.
    fn string_edit(&self, value: &str, list: bool) -> TextEdit {
        let pad = if self.pad { " " } else { "" };
        let text = match self.quoted {
            Some(_) if self.closed => value.to_string(),
            Some(quote) => format!("{value}{quote}"),
            None if list && !self.in_array => format!("{pad}[\"{value}\"]"),
            None => format!("{pad}\"{value}\""),
        };
        TextEdit::replace(self.span, text)
    }

    /// An edit inserting a bare value (a date, a boolean); a typed opening
    /// quote, and the closing one if present, are replaced too.
    fn bare_edit(&self, value: &str) -> TextEdit {
        match self.quoted {
            Some(quote) => {
                let start = self.span.start - quote.len_utf8();
                let end = self.span.end + usize::from(self.closed);
                TextEdit::replace(Span::new(start, end), value)
            }
            None if self.pad => TextEdit::replace(self.span, format!(" {value}")),
            None => TextEdit::replace(self.span, value),
        }
    }

    /// What the client compares with the text in a bare edit's span.
    fn bare_filter(&self, word: &str) -> String {
        match self.quoted {
            Some(quote) => format!("{quote}{word}"),
            None => word.to_string(),
        }
    }
}

/// What every helper needs.
struct Ctx<'a> {
    analysis: &'a Analysis,
    text: &'a str,
    offset: usize,
    line: Line,
}

impl<'a> Ctx<'a> {
    fn today(&self) -> NaiveDate {
        self.analysis.today
    }

    /// The cursor's line from its start up to `at`.
    fn line_before(&self, at: usize) -> &str {
        self.text.get(self.line.start..at).unwrap_or("")
    }

    /// The line so far is `[` or `[[` and a partial table name.
    fn typing_header(&self) -> bool {
        let before = self.line_before(self.offset).trim_start();
        let Some(name) = before.strip_prefix('[') else {
            return false;
        };
        let name = name.strip_prefix('[').unwrap_or(name);
        name.chars().all(is_key_char)
    }

    /// Finds the value slot at the cursor, for `entry` whose innermost value
    /// under the cursor is `value` (`None`: no value typed yet).
    fn value_slot(&self, entry: &Entry, value: Option<&Value>) -> Option<Slot> {
        let offset = self.offset;
        let in_array = matches!(
            entry.value.as_ref().map(|v| &v.kind),
            Some(ValueKind::Array(_))
        );
        let Some(value) = value else {
            // `key = ` with nothing after: there must be an `=` before us.
            let between = self.text.get(entry.key.span.end..offset)?;
            let after_eq = between.trim_start().strip_prefix('=')?;
            if !after_eq.trim().is_empty() {
                return None;
            }
            let pad = after_eq.is_empty();
            return Some(Slot {
                pad,
                ..Slot::empty(offset, false)
            });
        };
        let raw = self.text.get(value.span.start..offset)?;
        if let ValueKind::Array(_) = value.kind {
            // Between elements: right after `[` or `,`, or on a new line of
            // a multi-line array.
            let before = raw.trim_end();
            let fresh = before.ends_with('[') || before.ends_with(',') || raw.ends_with('\n');
            return (fresh && offset > value.span.start).then(|| Slot::empty(offset, true));
        }
        if value.span.start < self.line.start || raw.contains('\n') {
            // Inside a multi-line string: prose, not a value to complete.
            return None;
        }
        match value.kind {
            ValueKind::InlineTable(_) | ValueKind::Array(_) => None,
            _ if raw.starts_with("\"\"\"") || raw.starts_with("'''") => None,
            _ if raw.starts_with('"') || raw.starts_with('\'') => {
                let typed = &raw[1..];
                let quote = if raw.starts_with('"') { '"' } else { '\'' };
                let after_closing = matches!(value.kind, ValueKind::String(_))
                    && offset == value.span.end
                    && typed.ends_with(quote);
                if after_closing {
                    return None;
                }
                // The rest of the word up to a closing quote is replaced too,
                // so `"in$0prog"` does not become `"in-progressprog"`.
                let rest = self.text.get(offset..self.line.end).unwrap_or("");
                let word_end = rest.find([quote, ',', ']']);
                let closed = word_end.is_some_and(|at| rest[at..].starts_with(quote));
                let end = if closed {
                    offset + word_end.unwrap_or(0)
                } else {
                    offset
                };
                Some(Slot {
                    span: Span::new(value.span.start + 1, end),
                    typed: typed.to_string(),
                    quoted: Some(quote),
                    closed,
                    in_array,
                    pad: false,
                })
            }
            _ => Some(Slot {
                span: Span::new(value.span.start, offset),
                typed: raw.to_string(),
                ..Slot::empty(offset, in_array)
            }),
        }
    }

    /// The value slot of a line the tree gave up on before the cursor: the
    /// entry starting on the cursor's line, followed by `=` and nothing yet,
    /// or by an array still open after `[` or `,`.
    fn slot_from_line<'s>(&self, entries: &'s [Entry]) -> Option<(&'s Entry, Slot)> {
        let entry = entries
            .iter()
            .find(|e| self.line.start <= e.span.start && e.span.start < self.offset)?;
        if entry.key.segments.len() != 1 {
            return None;
        }
        let after_key = self.text.get(entry.key.span.end..self.offset)?;
        let value = after_key.trim_start().strip_prefix('=')?.trim();
        let in_array = value.starts_with('[');
        // An array still open, between elements (not inside a string).
        let between_elements = in_array
            && !value.contains(']')
            && value.matches('"').count() % 2 == 0
            && (value.ends_with('[') || value.ends_with(','));
        let fresh = value.is_empty() || between_elements;
        let pad = after_key.ends_with('=');
        fresh.then(|| {
            (
                entry,
                Slot {
                    pad,
                    ..Slot::empty(self.offset, in_array)
                },
            )
        })
    }

    /// Values for the key of `entry`, by what the schema says it holds.
    fn values(
        &self,
        cursor: &locate::Cursor<'_>,
        entry: &Entry,
        slot: &Slot,
        out: &mut Vec<Completion>,
    ) {
        let Some(table) = cursor.table_kind() else {
            return;
        };
        let Some(key) = entry.key.segments.last().map(|s| s.name.as_str()) else {
            return;
        };
        if table == TableKind::LintRules {
            self.levels(slot, out);
            return;
        }
        let Some(spec) = table.key(key) else {
            return;
        };
        match (table, spec.value) {
            (_, ValueType::Status) => self.statuses(slot, out),
            (_, ValueType::SkillKind) => enum_values(slot, &terms(&vocabulary::SKILL_KINDS), out),
            (_, ValueType::Role) => enum_values(slot, &terms(&vocabulary::ROLES), out),
            (_, ValueType::Level) => self.levels(slot, out),
            (_, ValueType::Period) => enum_values(slot, &terms(&vocabulary::PERIODS), out),
            (_, ValueType::Boolean) => booleans(slot, out),
            (_, ValueType::Date) => self.dates(slot, out),
            (TableKind::Goal, ValueType::StringList) if key == "depends_on" => {
                self.goal_ids(entry, slot, true, true, out);
            }
            (TableKind::Goal, ValueType::StringList) if key == "skills" => {
                self.skill_ids(entry, slot, out);
            }
            (TableKind::Win, ValueType::String) if key == "goal" => {
                self.goal_ids(entry, slot, false, false, out);
            }
            _ => {}
        }
    }

    fn statuses(&self, slot: &Slot, out: &mut Vec<Completion>) {
        out.extend(Status::ALL.into_iter().map(|status| {
            let word = status.as_str();
            Completion {
                label: word.to_string(),
                kind: CompletionKind::Status,
                detail: Some(status.meaning().to_string()),
                documentation: None,
                edit: slot.string_edit(word, false),
                sort_text: None,
                filter_text: Some(word.to_string()),
            }
        }));
    }

    fn levels(&self, slot: &Slot, out: &mut Vec<Completion>) {
        enum_values(slot, &terms(&vocabulary::LEVELS), out);
    }

    /// Goal ids, for `depends_on` (a `list`; `exclude_own`: not the goal
    /// the cursor is in) and `wins.goal`. Ids already listed are left out.
    fn goal_ids(
        &self,
        entry: &Entry,
        slot: &Slot,
        exclude_own: bool,
        list: bool,
        out: &mut Vec<Completion>,
    ) {
        let own = exclude_own
            .then(|| locate::goal_at(self.analysis, self.offset))
            .flatten()
            .and_then(|(_, goal)| goal.id.as_ref())
            .map(|id| id.value.as_str());
        let listed = self.listed(entry);
        let mut seen = Vec::new();
        for goal in &self.analysis.roadmap.goals {
            let Some(id) = goal.id.as_ref().map(|f| f.value.as_str()) else {
                continue;
            };
            if id.is_empty() || Some(id) == own || listed.contains(&id) || seen.contains(&id) {
                continue;
            }
            seen.push(id);
            let mut facts = Vec::new();
            if let Some(status) = goal.status() {
                facts.push(format!("status: {status}"));
            }
            if let Some(deadline) = &goal.deadline {
                facts.push(format!("deadline: {}", deadline.value));
            }
            out.push(Completion {
                label: id.to_string(),
                kind: CompletionKind::Reference,
                detail: goal.title.as_ref().map(|t| t.value.to_string()),
                documentation: (!facts.is_empty()).then(|| facts.join(" · ")),
                edit: slot.string_edit(id, list),
                sort_text: None,
                filter_text: Some(id.to_string()),
            });
        }
    }

    /// Skill ids for a goal's `skills`, with the gap as detail.
    fn skill_ids(&self, entry: &Entry, slot: &Slot, out: &mut Vec<Completion>) {
        let listed = self.listed(entry);
        let mut seen = Vec::new();
        for skill in &self.analysis.roadmap.skills {
            let Some(id) = skill.id.as_ref().map(|f| f.value.as_str()) else {
                continue;
            };
            if id.is_empty() || listed.contains(&id) || seen.contains(&id) {
                continue;
            }
            seen.push(id);
            let detail = match (skill.gap(), &skill.current, &skill.required) {
                (Some(gap), Some(current), Some(required)) if gap > 0 => format!(
                    "gap {gap} (now {}, needs {})",
                    current.value, required.value
                ),
                (Some(_), Some(current), _) => format!("no gap (at {})", current.value),
                _ => "gap unknown".to_string(),
            };
            out.push(Completion {
                label: id.to_string(),
                kind: CompletionKind::Reference,
                detail: Some(detail),
                documentation: skill.name.as_ref().map(|n| n.value.to_string()),
                edit: slot.string_edit(id, true),
                sort_text: None,
                filter_text: Some(id.to_string()),
            });
        }
    }

    /// The strings already in `entry`'s array, but the one being typed.
    fn listed<'e>(&self, entry: &'e Entry) -> Vec<&'e str>
    where
        'a: 'e,
    {
        let Some(ValueKind::Array(items)) = entry.value.as_ref().map(|v| &v.kind) else {
            return Vec::new();
        };
        self.analysis
            .tree
            .items(items)
            .iter()
            .filter(|item| !(item.span.start <= self.offset && self.offset <= item.span.end))
            .filter_map(|item| item.string(self.text))
            .collect()
    }

    /// Today, the ends of this month, quarter and year, and once something
    /// is typed the common phrases and the typed one, if it reads as a date.
    fn dates(&self, slot: &Slot, out: &mut Vec<Completion>) {
        let today = self.today();
        let typed = slot.typed.trim();
        let mut phrases: Vec<String> = ["today", "end of month", "end of quarter", "end of year"]
            .map(String::from)
            .to_vec();
        let typing_a_phrase = typed.chars().next().is_some_and(char::is_alphabetic);
        if typing_a_phrase {
            phrases.extend(
                [
                    "tomorrow",
                    "next monday",
                    "next tuesday",
                    "next wednesday",
                    "next thursday",
                    "next friday",
                    "in 1 week",
                    "in 2 weeks",
                    "in 1 month",
                    "end of next month",
                    "end of next quarter",
                    "end of q1",
                    "end of q2",
                    "end of q3",
                    "end of q4",
                    "end of next year",
                ]
                .map(String::from),
            );
            let normal = typed.split_whitespace().collect::<Vec<_>>().join(" ");
            let normal = normal.to_lowercase();
            if !phrases.contains(&normal) && parse_phrase(&normal, today).is_some() {
                phrases.insert(0, normal);
            }
        }
        let by_date = typed.chars().next().is_some_and(|c| c.is_ascii_digit());
        for phrase in phrases {
            let Some(date) = parse_phrase(&phrase, today) else {
                continue;
            };
            let iso = date.to_string();
            let filter = if by_date { iso.clone() } else { phrase.clone() };
            out.push(Completion {
                label: phrase,
                kind: CompletionKind::Date,
                detail: Some(describe_date(date, today)),
                documentation: None,
                edit: slot.bare_edit(&iso),
                sort_text: None,
                filter_text: Some(slot.bare_filter(&filter)),
            });
        }
    }

    /// Keys of the cursor's table that it does not set yet. `snippet`: the
    /// line has no `=` yet, so insert `key = value` with placeholders.
    fn keys(
        &self,
        cursor: &locate::Cursor<'_>,
        typing: Option<&Entry>,
        span: Span,
        snippet: bool,
        out: &mut Vec<Completion>,
    ) {
        let Some(table) = cursor.table_kind() else {
            return;
        };
        let set = keys_set(cursor.section, cursor.entries, &cursor.table_path, typing);
        if table == TableKind::LintRules {
            for rule in Rule::ALL {
                let code = rule.code();
                if set.contains(&code) {
                    continue;
                }
                let (text, snip) = if snippet {
                    (
                        format!("{code} = \"off\""),
                        Some(format!("{code} = \"${{1|off,hint,info,warning,error|}}\"")),
                    )
                } else {
                    (code.to_string(), None)
                };
                out.push(Completion {
                    label: code.to_string(),
                    kind: CompletionKind::Key,
                    detail: Some(format!("rule, default {}", rule.default_severity())),
                    documentation: Some(format!(
                        "{}.\n\n[{code}]({})",
                        capitalise(rule.summary()),
                        rule.docs_url()
                    )),
                    edit: with_snippet(TextEdit::replace(span, text), snip),
                    sort_text: None,
                    filter_text: Some(code.to_string()),
                });
            }
            return;
        }
        for spec in table.keys() {
            if set.contains(&spec.name) || is_table(spec) {
                continue;
            }
            let edit = if snippet {
                let (text, snip) = key_value(spec, 1, self.today());
                TextEdit::replace(span, text).with_snippet(snip)
            } else {
                TextEdit::replace(span, spec.name)
            };
            out.push(Completion {
                label: spec.name.to_string(),
                kind: CompletionKind::Key,
                detail: Some(spec.value.label()),
                documentation: Some(spec.doc.to_string()),
                edit,
                sort_text: None,
                filter_text: Some(spec.name.to_string()),
            });
        }
    }

    /// Headers after `[` / `[[` on the cursor's line.
    fn headers(&self, out: &mut Vec<Completion>) {
        let before = self.line_before(self.offset);
        let bracket = self.line.start + (before.len() - before.trim_start().len());
        let typed_brackets = if before.trim_start().starts_with("[[") {
            "[["
        } else {
            "["
        };
        // The rest of the name and closing brackets (often auto-inserted)
        // after the cursor are replaced too.
        let rest = self.text.get(self.offset..self.line.end).unwrap_or("");
        let name_len = rest.find(|c| !is_key_char(c)).unwrap_or(rest.len());
        let closing = rest[name_len..].len() - rest[name_len..].trim_start_matches(']').len();
        let span = Span::new(bracket, self.offset + name_len + closing);
        // A skeleton only for a header with nothing under it yet.
        let tree = &self.analysis.tree;
        let section = tree.sections.get(tree.section_index_at(self.offset));
        let fresh = rest[name_len + closing..].trim().is_empty()
            && section.is_none_or(|s| s.span.start < self.line.start || tree.entries(s).is_empty());
        for (table, doc) in self.header_candidates() {
            let header = table.header();
            out.push(self.header_completion(
                table,
                doc,
                span,
                fresh,
                format!("{typed_brackets}{}", header.trim_start_matches('[')),
            ));
        }
    }

    /// Headers offered where a key could be typed: on a blank line or a
    /// half-typed word at the start of a line, once past the keys of the
    /// section (a header above them would take them into the new table).
    fn headers_in_key_position(&self, entries: &[Entry], span: Span, out: &mut Vec<Completion>) {
        if entries.iter().any(|e| e.span.start > span.end) {
            return;
        }
        let first = out.len();
        for (table, doc) in self.header_candidates() {
            let name = table.header().trim_matches(['[', ']']).to_string();
            out.push(self.header_completion(table, doc, span, true, name));
        }
        // After the keys, whatever order the client sorts in.
        for (index, completion) in out[first..].iter_mut().enumerate() {
            completion.sort_text = Some(format!("z{index:04}"));
        }
    }

    fn header_completion(
        &self,
        table: TableKind,
        doc: &str,
        span: Span,
        skeleton: bool,
        filter: String,
    ) -> Completion {
        let header = table.header();
        let newline = self.line.newline;
        let (mut text, mut snippet) = (header.to_string(), header.to_string());
        if skeleton {
            for (index, name) in skeleton_keys(table).iter().enumerate() {
                let Some(spec) = table.key(name) else {
                    continue;
                };
                let (key_text, key_snippet) = key_value(spec, index + 1, self.today());
                text.push_str(newline);
                text.push_str(&key_text);
                snippet.push_str(newline);
                snippet.push_str(&key_snippet);
            }
        }
        let edit = if snippet == text {
            TextEdit::replace(span, text.clone())
        } else {
            TextEdit::replace(span, text.clone()).with_snippet(snippet)
        };
        Completion {
            label: header.to_string(),
            kind: CompletionKind::Header,
            detail: Some(doc.to_string()),
            documentation: Some(format!("```toml\n{}\n```", text.replace('\r', ""))),
            edit,
            sort_text: None,
            filter_text: Some(filter),
        }
    }

    /// The headers that make sense on the cursor's line, most likely first:
    /// inside a goal its actions and metric (if it has none), then the
    /// repeated tables, then `[roadmap]` and `[lint]` tables not yet there.
    fn header_candidates(&self) -> Vec<(TableKind, &'static str)> {
        let tree = &self.analysis.tree;
        let line_start = self.line.start;
        // Headers written elsewhere than on the cursor's line.
        let others: Vec<(usize, Vec<&str>)> = tree
            .sections
            .iter()
            .enumerate()
            .filter_map(|(index, section)| {
                let header = section.header.as_ref()?;
                let on_this_line =
                    header.span.start >= line_start && header.span.start <= self.line.end;
                (!on_this_line).then(|| {
                    let path = header.key.segments.iter().map(|s| s.name.as_str());
                    (index, path.collect())
                })
            })
            .collect();
        let exists = |path: &[&str]| others.iter().any(|(_, p)| p == path);
        let doc = |table: TableKind, parent: TableKind, key: &str| {
            (table, parent.key(key).map_or("", |spec| spec.doc))
        };
        let mut candidates = Vec::new();
        if let Some(goal) = enclosing_goal(tree, line_start) {
            candidates.push(doc(TableKind::Action, TableKind::Goal, "actions"));
            if !goal_has_metric(tree, goal, Span::new(line_start, self.line.end)) {
                candidates.push(doc(TableKind::Metric, TableKind::Goal, "metric"));
            }
        }
        for (table, key) in [
            (TableKind::Goal, "goals"),
            (TableKind::Skill, "skills"),
            (TableKind::Review, "reviews"),
            (TableKind::Person, "people"),
            (TableKind::Win, "wins"),
        ] {
            candidates.push(doc(table, TableKind::Root, key));
        }
        if !exists(&["roadmap"]) {
            candidates.push(doc(TableKind::Roadmap, TableKind::Root, "roadmap"));
        }
        let lint_exists = others.iter().any(|(_, p)| p.first() == Some(&"lint"));
        if !lint_exists {
            candidates.push(doc(TableKind::Lint, TableKind::Root, "lint"));
        }
        for (table, key) in [
            (TableKind::LintRules, "rules"),
            (TableKind::LintLimits, "limits"),
            (TableKind::LintVague, "vague"),
            (TableKind::LintFormat, "format"),
        ] {
            if !exists(&["lint", key]) {
                candidates.push(doc(table, TableKind::Lint, key));
            }
        }
        candidates
    }
}

/// The `[[goals]]` section the line at `line_start` belongs to: the last
/// header before it is that goal's or one of its sub-tables'.
fn enclosing_goal(tree: &SyntaxTree, line_start: usize) -> Option<usize> {
    let before = tree
        .sections
        .iter()
        .take_while(|s| s.span.start < line_start)
        .count();
    let mut index = before.checked_sub(1)?;
    loop {
        let header = tree.sections[index].header.as_ref()?;
        let path = &header.key.segments;
        if path.first().map(|s| s.name.as_str()) != Some("goals") {
            return None;
        }
        if path.len() == 1 {
            return Some(index);
        }
        index = index.checked_sub(1)?;
    }
}

/// Whether the goal at section `goal` has a metric: a `metric` key, or a
/// `[goals.metric]` among its sub-tables (a header being typed on the
/// cursor's line, `line`, neither counts nor ends the goal).
fn goal_has_metric(tree: &SyntaxTree, goal: usize, line: Span) -> bool {
    let Some(goal_section) = tree.sections.get(goal) else {
        return false;
    };
    let metric_key = tree.entries(goal_section).iter().any(|entry| {
        entry
            .key
            .segments
            .first()
            .is_some_and(|s| s.name == "metric")
    });
    if metric_key {
        return true;
    }
    for section in tree.sections.iter().skip(goal + 1) {
        let Some(header) = section.header.as_ref() else {
            break;
        };
        if line.start <= header.span.start && header.span.start <= line.end {
            continue;
        }
        let names: Vec<&str> = header
            .key
            .segments
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        match names.as_slice() {
            ["goals", "metric"] => return true,
            ["goals", _, ..] => {}
            _ => break,
        }
    }
    false
}

/// The keys the cursor's table already sets in its section, but the entry
/// being typed: the first key segment under the table's path.
fn keys_set<'t>(
    section: &Section,
    entries: &'t [Entry],
    table_path: &[&str],
    typing: Option<&Entry>,
) -> Vec<&'t str> {
    let header_len = section
        .header
        .as_ref()
        .map_or(0, |header| header.key.segments.len());
    let relative = table_path.get(header_len..).unwrap_or(&[]);
    entries
        .iter()
        .filter(|entry| typing.is_none_or(|typing| !std::ptr::eq(*entry, typing)))
        .filter_map(|entry| {
            let segments = &entry.key.segments;
            let matches = segments.len() > relative.len()
                && segments
                    .iter()
                    .zip(relative)
                    .all(|(s, name)| s.name == *name);
            matches.then(|| segments[relative.len()].name.as_str())
        })
        .collect()
}

/// Whether the key opens a table (offered as a header, not a key).
fn is_table(spec: &KeySpec) -> bool {
    matches!(
        spec.value,
        ValueType::Table(_) | ValueType::ArrayOfTables(_)
    )
}

/// The keys a new table's skeleton fills in: what its checks need.
fn skeleton_keys(table: TableKind) -> &'static [&'static str] {
    match table {
        TableKind::Roadmap => &["title", "vision", "horizon", "review_every"],
        TableKind::Skill => &["id", "kind", "current", "required"],
        TableKind::Goal => &["id", "title", "why", "deadline", "status"],
        TableKind::Metric => &["measure", "unit", "baseline", "target", "current"],
        TableKind::Action => &["task", "due", "status"],
        TableKind::Review => &["date", "notes"],
        TableKind::Person => &["name", "role", "meet_every"],
        TableKind::Win => &["date", "what", "goal"],
        TableKind::Root
        | TableKind::Lint
        | TableKind::LintRules
        | TableKind::LintLimits
        | TableKind::LintVague
        | TableKind::LintFormat => &[],
    }
}

/// `key = value` as plain text and as a snippet whose placeholder is tab
/// stop `stop`: `deadline = ${1:2026-12-31}`.
fn key_value(spec: &KeySpec, stop: usize, today: NaiveDate) -> (String, String) {
    let name = spec.name;
    let choice = |words: &[&str]| {
        (
            format!("{name} = \"{}\"", words[0]),
            format!("{name} = \"${{{stop}|{}|}}\"", words.join(",")),
        )
    };
    match spec.value {
        ValueType::Date => {
            let date = default_date(name, today).to_string();
            (
                format!("{name} = {date}"),
                format!("{name} = ${{{stop}:{date}}}"),
            )
        }
        ValueType::Boolean => (
            format!("{name} = false"),
            format!("{name} = ${{{stop}|false,true|}}"),
        ),
        ValueType::Number => (format!("{name} = 0"), format!("{name} = ${{{stop}:0}}")),
        ValueType::Rating => (
            format!("{name} = 1"),
            format!("{name} = ${{{stop}|1,2,3,4,5|}}"),
        ),
        ValueType::Count => (format!("{name} = 1"), format!("{name} = ${{{stop}:1}}")),
        ValueType::StringList => (format!("{name} = []"), format!("{name} = [\"${stop}\"]")),
        ValueType::Status => choice(&Status::ALL.map(Status::as_str)),
        ValueType::SkillKind => choice(&words(&vocabulary::SKILL_KINDS)),
        ValueType::Role => choice(&words(&vocabulary::ROLES)),
        ValueType::Level => choice(&Level::NAMES),
        ValueType::Period => (
            format!("{name} = \"1 month\""),
            format!("{name} = \"${{{stop}:1 month}}\""),
        ),
        ValueType::String | ValueType::Table(_) | ValueType::ArrayOfTables(_) => {
            (format!("{name} = \"\""), format!("{name} = \"${stop}\""))
        }
    }
}

/// The date a new date key starts with: the end of the quarter for
/// deadlines, the end of the year for the horizon, else today.
fn default_date(key: &str, today: NaiveDate) -> NaiveDate {
    match key {
        "deadline" | "due" => end_of_quarter(today),
        "horizon" => end_of_month_of(today.year(), 12).unwrap_or(today),
        _ => today,
    }
}

/// A vocabulary table as (word, meaning) pairs for completion.
fn terms<T>(table: &'static [Term<T>]) -> Vec<(&'static str, &'static str)> {
    table.iter().map(|t| (t.word, t.meaning)).collect()
}

fn words<T>(table: &'static [Term<T>]) -> Vec<&'static str> {
    table.iter().map(|t| t.word).collect()
}

/// "Friday 2026-11-27 · in 4 days".
fn describe_date(date: NaiveDate, today: NaiveDate) -> String {
    format!(
        "{} {date} · {}",
        dates::weekday_name(date.weekday()),
        relative(date, today)
    )
}

fn enum_values(slot: &Slot, values: &[(&str, &str)], out: &mut Vec<Completion>) {
    out.extend(values.iter().map(|(word, meaning)| Completion {
        label: word.to_string(),
        kind: CompletionKind::EnumValue,
        detail: Some(meaning.to_string()),
        documentation: None,
        edit: slot.string_edit(word, false),
        sort_text: None,
        filter_text: Some(word.to_string()),
    }));
}

fn booleans(slot: &Slot, out: &mut Vec<Completion>) {
    out.extend(["true", "false"].map(|word| Completion {
        label: word.to_string(),
        kind: CompletionKind::Boolean,
        detail: None,
        documentation: None,
        edit: slot.bare_edit(word),
        sort_text: None,
        filter_text: Some(slot.bare_filter(word)),
    }));
}

fn with_snippet(edit: TextEdit, snippet: Option<String>) -> TextEdit {
    match snippet {
        Some(snippet) => edit.with_snippet(snippet),
        None => edit,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A character of a bare key or of a dotted header name.
fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// One line per candidate: label, kind, detail.
    fn list(text_with_cursor: &str) -> String {
        let (text, offset) = fixture::cursor(text_with_cursor);
        let analysis = fixture::analysis(&text);
        let mut out = completions(&analysis, &text, offset);
        out.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
        out.iter()
            .map(|c| {
                let detail = c.detail.as_deref().unwrap_or("");
                format!("{} [{:?}] {detail}", c.label, c.kind)
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The text after accepting `label`, then its snippet if it has one.
    fn accept(text_with_cursor: &str, label: &str) -> String {
        let (text, offset) = fixture::cursor(text_with_cursor);
        let analysis = fixture::analysis(&text);
        let found = completions(&analysis, &text, offset);
        let Some(completion) = found.iter().find(|c| c.label == label) else {
            let labels: Vec<&str> = found.iter().map(|c| c.label.as_str()).collect();
            panic!("no {label:?} among {labels:?}");
        };
        let edit = &completion.edit;
        let mut result = text.clone();
        result.replace_range(edit.span.range(), &edit.text);
        match &edit.snippet {
            Some(snippet) => format!("{result}---\n{snippet}"),
            None => result,
        }
    }

    /// The line holding `needle` in `text`, with one line either side.
    fn lines_around(text: &str, needle: &str) -> String {
        let at = text.find(needle).expect("the needle is in the text");
        let line = text[..at + needle.len()].matches('\n').count();
        let lines: Vec<&str> = text.lines().collect();
        lines[line.saturating_sub(1)..(line + 2).min(lines.len())].join("\n")
    }

    #[test]
    fn statuses_after_an_unclosed_quote_with_their_meaning() {
        let goal = "[[goals]]\nid = \"a\"\nstatus = \"$0\n\n[[goals]]\nid = \"b\"\n";
        expect_test::expect![[r#"
            todo [Status] Planned, not started yet.
            in-progress [Status] Being worked on now.
            blocked [Status] Started but waiting on something or someone else.
            done [Status] Finished: the goal or task is met.
            dropped [Status] Given up on purpose; kept for the record."#]]
        .assert_eq(&list(goal));
        // The closing quote is added, since there is none.
        expect_test::expect![[r#"
            [[goals]]
            id = "a"
            status = "in-progress"

            [[goals]]
            id = "b"
        "#]]
        .assert_eq(&accept(goal, "in-progress"));
        let action = "[[goals]]\nid = \"a\"\n[[goals.actions]]\ntask = \"x\"\nstatus = \"do$0\n";
        expect_test::expect![[r#"
            [[goals]]
            id = "a"
            [[goals.actions]]
            task = "x"
            status = "done"
        "#]]
        .assert_eq(&accept(action, "done"));
    }

    #[test]
    fn statuses_keep_an_existing_closing_quote_and_quote_a_bare_value() {
        expect_test::expect![[r#"
            [[goals]]
            status = "in-progress"
        "#]]
        .assert_eq(&accept("[[goals]]\nstatus = \"in$0\"\n", "in-progress"));
        expect_test::expect![[r#"
            [[goals]]
            status = "in-progress"
        "#]]
        .assert_eq(&accept("[[goals]]\nstatus = \"in$0prog\"\n", "in-progress"));
        expect_test::expect![[r#"
            [[goals]]
            status = "blocked"
        "#]]
        .assert_eq(&accept("[[goals]]\nstatus = $0\n", "blocked"));
        expect_test::expect![[r#"
            [[goals]]
            status = "blocked"
        "#]]
        .assert_eq(&accept("[[goals]]\nstatus = bl$0\n", "blocked"));
    }

    #[test]
    fn literal_strings_close_with_their_own_quote_and_bare_values_get_a_space() {
        expect_test::expect![[r#"
            [[people]]
            role = 'mentor'
        "#]]
        .assert_eq(&accept("[[people]]\nrole = 'me$0\n", "mentor"));
        expect_test::expect![[r#"
            [[goals]]
            status = "todo"
        "#]]
        .assert_eq(&accept("[[goals]]\nstatus =$0\n", "todo"));
        expect_test::expect![[r#"
            [[goals]]
            urgent = false
        "#]]
        .assert_eq(&accept("[[goals]]\nurgent =$0\n", "false"));
    }

    #[test]
    fn enumerated_values_and_booleans() {
        expect_test::expect![[r#"
            soft [EnumValue] A people skill: communication, leadership, negotiation.
            hard [EnumValue] A technical skill you can test: a language, a tool, budgeting."#]]
        .assert_eq(&list("[[skills]]\nkind = \"$0\"\n"));
        expect_test::expect![[r#"
            mentor [EnumValue] Advises you and helps you grow.
            mentee [EnumValue] Someone you mentor.
            coach [EnumValue] Helps you practise a skill or find your own answers.
            sponsor [EnumValue] Speaks for you where decisions are made.
            manager [EnumValue] The person you report to.
            peer [EnumValue] A colleague at your level.
            report [EnumValue] Someone who reports to you.
            contact [EnumValue] Someone in your network."#]]
        .assert_eq(&list("[[people]]\nrole = \"$0\n"));
        expect_test::expect![[r#"
            off [EnumValue] Turn the rule off.
            hint [EnumValue] Report as a hint (faint in most editors).
            info [EnumValue] Report as information.
            warning [EnumValue] Report as a warning.
            error [EnumValue] Report as an error (fails `roadmap-lsp check`)."#]]
        .assert_eq(&list("[lint.rules]\nvague-goal = \"$0\n"));
        expect_test::expect![[r#"
            true [Boolean]
            false [Boolean]"#]]
        .assert_eq(&list("[[goals]]\nurgent = $0\n"));
        expect_test::expect![[r#"
            [[goals]]
            important = true
        "#]]
        .assert_eq(&accept("[[goals]]\nimportant = t$0\n", "true"));
        expect_test::expect![[r#"
            1 week [EnumValue] Every week.
            2 weeks [EnumValue] Every two weeks.
            1 month [EnumValue] Every month.
            1 quarter [EnumValue] Every three months."#]]
        .assert_eq(&list("[roadmap]\nreview_every = \"$0\"\n"));
        // A recurring action's cadence is a period too.
        expect_test::expect![[r#"
            1 week [EnumValue] Every week.
            2 weeks [EnumValue] Every two weeks.
            1 month [EnumValue] Every month.
            1 quarter [EnumValue] Every three months."#]]
        .assert_eq(&list("[[goals]]\n[[goals.actions]]\nevery = \"$0\"\n"));
    }

    #[test]
    fn keys_not_yet_set_on_a_blank_line_as_snippets() {
        let text = "[[goals]]\nid = \"a\"\nstatus = \"todo\"\ntitle = \"Ship 3 talks\"\n$0\n";
        expect_test::expect![[r#"
            why [Key] text
            skills [Key] list of text
            start [Key] date (YYYY-MM-DD)
            deadline [Key] date (YYYY-MM-DD)
            urgent [Key] true / false
            important [Key] true / false
            depends_on [Key] list of text
            owner [Key] text
            notes [Key] text
            [[goals.actions]] [Header] The action plan: tasks with a due date and an owner.
            [goals.metric] [Header] How progress is measured (the M of SMART).
            [[goals]] [Header] A SMART goal that moves you towards the vision.
            [[skills]] [Header] Self-assessment: a skill, how good you are now and how good the vision needs you to be.
            [[reviews]] [Header] The review log: when you looked at the roadmap and what changed.
            [[people]] [Header] Your network: mentors, coaches, sponsors, managers, peers, reports and contacts, and how often to meet them.
            [[wins]] [Header] Wins worth celebrating.
            [roadmap] [Header] The vision: where you want to be, by when, and how often you review the plan.
            [lint] [Header] This file's own checker settings (same keys as roadmap-lsp.toml).
            [lint.rules] [Header] Rule levels: `vague-goal = "off"`, `overdue = "error"`.
            [lint.limits] [Header] Numeric limits: `max-active-goals`, `max-urgent-important`.
            [lint.vague] [Header] Vague-goal settings: `extra-words`, `min-words`.
            [lint.format] [Header] How `roadmap-lsp fmt` and Format Document lay the file out: `reorder-keys`."#]].assert_eq(&list(text));
        expect_test::expect![[r#"
            [[goals]]
            id = "a"
            status = "todo"
            title = "Ship 3 talks"
            deadline = 2026-12-31
            ---
            deadline = ${1:2026-12-31}"#]]
        .assert_eq(&accept(text, "deadline"));
        expect_test::expect![[r#"
            [[goals]]
            id = "a"
            status = "todo"
            title = "Ship 3 talks"
            depends_on = []
            ---
            depends_on = ["$1"]"#]]
        .assert_eq(&accept(text, "depends_on"));
        expect_test::expect![[r#"
            [[goals]]
            id = "a"
            status = "todo"
            title = "Ship 3 talks"
            [[goals.actions]]
            task = ""
            due = 2026-12-31
            status = "todo"
            ---
            [[goals.actions]]
            task = "$1"
            due = ${2:2026-12-31}
            status = "${3|todo,in-progress,blocked,done,dropped|}""#]]
        .assert_eq(&accept(text, "[[goals.actions]]"));
    }

    #[test]
    fn no_headers_above_keys_they_would_capture() {
        let mid_table = "[[goals]]\nid = \"a\"\n$0\nstatus = \"todo\"\n";
        let found = list(mid_table);
        assert!(found.contains("deadline [Key]"), "{found}");
        assert!(!found.contains("[Header]"), "{found}");
    }

    #[test]
    fn a_half_typed_key_is_replaced_by_the_whole_line() {
        let text = "[[goals]]\nid = \"a\"\ndead$0\n";
        expect_test::expect![[r#"
            [[goals]]
            id = "a"
            deadline = 2026-12-31
            ---
            deadline = ${1:2026-12-31}"#]]
        .assert_eq(&accept(text, "deadline"));
        expect_test::expect![[r#"
            [[goals]]
            [[goals.actions]]
            status = "todo"
            ---
            status = "${1|todo,in-progress,blocked,done,dropped|}""#]]
        .assert_eq(&accept("[[goals]]\n[[goals.actions]]\nst$0\n", "status"));
        // Renaming the key of a finished line changes the name only.
        expect_test::expect![[r#"
            [[goals]]
            deadline = 2026-12-01
        "#]]
        .assert_eq(&accept("[[goals]]\ndue$0 = 2026-12-01\n", "deadline"));
    }

    #[test]
    fn keys_of_other_tables() {
        expect_test::expect![[r#"
            measure [Key] text
            baseline [Key] number
            target [Key] number
            current [Key] number
            [[goals.actions]] [Header] The action plan: tasks with a due date and an owner.
            [[goals]] [Header] A SMART goal that moves you towards the vision.
            [[skills]] [Header] Self-assessment: a skill, how good you are now and how good the vision needs you to be.
            [[reviews]] [Header] The review log: when you looked at the roadmap and what changed.
            [[people]] [Header] Your network: mentors, coaches, sponsors, managers, peers, reports and contacts, and how often to meet them.
            [[wins]] [Header] Wins worth celebrating.
            [roadmap] [Header] The vision: where you want to be, by when, and how often you review the plan.
            [lint] [Header] This file's own checker settings (same keys as roadmap-lsp.toml).
            [lint.rules] [Header] Rule levels: `vague-goal = "off"`, `overdue = "error"`.
            [lint.limits] [Header] Numeric limits: `max-active-goals`, `max-urgent-important`.
            [lint.vague] [Header] Vague-goal settings: `extra-words`, `min-words`.
            [lint.format] [Header] How `roadmap-lsp fmt` and Format Document lay the file out: `reorder-keys`."#]]
            .assert_eq(&list("[[goals]]\n[goals.metric]\nunit = \"talks\"\n$0\n"));
        expect_test::expect![[r#"
            syntax-error [Key] rule, default error
            invalid-value [Key] rule, default error
            unknown-key [Key] rule, default warning
            nonstandard-status [Key] rule, default warning
            unknown-status [Key] rule, default error
            duplicate-id [Key] rule, default error
            unknown-reference [Key] rule, default error
            dependency-cycle [Key] rule, default error
            missing-metric [Key] rule, default warning
            unmeasurable-metric [Key] rule, default warning
            done-short-of-target [Key] rule, default warning
            missing-deadline [Key] rule, default warning
            overdue [Key] rule, default warning
            action-after-deadline [Key] rule, default warning
            beyond-horizon [Key] rule, default info
            unrealistic-pace [Key] rule, default warning
            overcommitted [Key] rule, default info
            dependency-after-deadline [Key] rule, default warning
            unlinked-goal [Key] rule, default warning
            unaddressed-gap [Key] rule, default warning
            no-actions [Key] rule, default warning
            incomplete-action [Key] rule, default info
            too-many-priorities [Key] rule, default info
            status-mismatch [Key] rule, default warning
            stale-review [Key] rule, default warning
            never-reviewed [Key] rule, default warning
            stale-metric [Key] rule, default info
            mentor-overdue [Key] rule, default info
            no-mentor [Key] rule, default info
            no-assessment [Key] rule, default info
            missing-vision [Key] rule, default warning
            vague-vision [Key] rule, default warning
            missing-horizon [Key] rule, default info
            horizon-passed [Key] rule, default warning
            unused-allow [Key] rule, default hint
            [[goals]] [Header] A SMART goal that moves you towards the vision.
            [[skills]] [Header] Self-assessment: a skill, how good you are now and how good the vision needs you to be.
            [[reviews]] [Header] The review log: when you looked at the roadmap and what changed.
            [[people]] [Header] Your network: mentors, coaches, sponsors, managers, peers, reports and contacts, and how often to meet them.
            [[wins]] [Header] Wins worth celebrating.
            [roadmap] [Header] The vision: where you want to be, by when, and how often you review the plan.
            [lint.limits] [Header] Numeric limits: `max-active-goals`, `max-urgent-important`.
            [lint.vague] [Header] Vague-goal settings: `extra-words`, `min-words`.
            [lint.format] [Header] How `roadmap-lsp fmt` and Format Document lay the file out: `reorder-keys`."#]].assert_eq(&list("[lint.rules]\nvague-goal = \"off\"\nover$0\n"));
        expect_test::expect![[r#"
            [lint.rules]
            overdue = "off"
            ---
            overdue = "${1|off,hint,info,warning,error|}""#]]
        .assert_eq(&accept("[lint.rules]\nover$0\n", "overdue"));
    }

    #[test]
    fn goal_ids_in_depends_on_but_not_its_own_or_those_listed() {
        let goals = "[[goals]]\nid = \"talks\"\ntitle = \"Give 3 talks\"\ndeadline = 2027-01-31\n\n[[goals]]\nid = \"blog\"\ntitle = \"Write 6 posts\"\ndepends_on = [\"$0\n\n[[goals]]\nid = \"book\"\ntitle = \"Publish a book\"\nstatus = \"done\"\n";
        expect_test::expect![[r#"
            talks [Reference] Give 3 talks
            book [Reference] Publish a book"#]]
        .assert_eq(&list(goals));
        expect_test::expect![[r#"
            [[goals]]
            id = "talks"
            title = "Give 3 talks"
            deadline = 2027-01-31

            [[goals]]
            id = "blog"
            title = "Write 6 posts"
            depends_on = ["book"

            [[goals]]
            id = "book"
            title = "Publish a book"
            status = "done"
        "#]]
        .assert_eq(&accept(goals, "book"));
        let second = goals.replace("[\"$0", "[\"book\", \"$0");
        expect_test::expect!["talks [Reference] Give 3 talks"].assert_eq(&list(&second));
        let bare = goals.replace("[\"$0", "$0");
        expect_test::expect![[r#"
            [[goals]]
            id = "talks"
            title = "Give 3 talks"
            deadline = 2027-01-31

            [[goals]]
            id = "blog"
            title = "Write 6 posts"
            depends_on = ["talks"]

            [[goals]]
            id = "book"
            title = "Publish a book"
            status = "done"
        "#]]
        .assert_eq(&accept(&bare, "talks"));
        let in_brackets = goals.replace("[\"$0", "[$0]");
        expect_test::expect![[r#"
            [[goals]]
            id = "talks"
            title = "Give 3 talks"
            deadline = 2027-01-31

            [[goals]]
            id = "blog"
            title = "Write 6 posts"
            depends_on = ["talks"]

            [[goals]]
            id = "book"
            title = "Publish a book"
            status = "done"
        "#]]
        .assert_eq(&accept(&in_brackets, "talks"));
    }

    #[test]
    fn goal_ids_on_a_new_line_of_a_multi_line_array() {
        let text = "[[goals]]\nid = \"talks\"\n[[goals]]\nid = \"blog\"\ndepends_on = [\n  \"x\",\n  $0\n]\n";
        expect_test::expect![[r#"
            [[goals]]
            id = "talks"
            [[goals]]
            id = "blog"
            depends_on = [
              "x",
              "talks"
            ]
        "#]]
        .assert_eq(&accept(text, "talks"));
    }

    #[test]
    fn goal_ids_in_wins_and_skill_ids_with_their_gap() {
        let text = "[[skills]]\nid = \"speaking\"\ncurrent = 2\nrequired = 4\n[[skills]]\nid = \"sql\"\ncurrent = 4\nrequired = 4\n[[goals]]\nid = \"talks\"\ntitle = \"Give 3 talks\"\nskills = [$0]\n[[wins]]\ngoal = \"\"\n";
        expect_test::expect![[r#"
            speaking [Reference] gap 2 (now 2, needs 4)
            sql [Reference] no gap (at 4)"#]]
        .assert_eq(&list(text));
        let win = text
            .replace("[$0]", "[]")
            .replace("goal = \"\"", "goal = \"ta$0\"");
        expect_test::expect!["talks [Reference] Give 3 talks"].assert_eq(&list(&win));
    }

    #[test]
    fn dates_today_and_ends_of_month_quarter_and_year() {
        expect_test::expect![[r#"
            today [Date] Monday 2026-11-23 · today
            end of month [Date] Monday 2026-11-30 · in 7 days
            end of quarter [Date] Thursday 2026-12-31 · in 38 days
            end of year [Date] Thursday 2026-12-31 · in 38 days"#]]
        .assert_eq(&list("[[goals]]\ndeadline = $0\n"));
        expect_test::expect![[r#"
            [[goals]]
            deadline = 2026-12-31
        "#]]
        .assert_eq(&accept("[[goals]]\ndeadline = $0\n", "end of quarter"));
    }

    #[test]
    fn typed_date_phrases_become_dates() {
        let typed = "[[goals]]\n[[goals.actions]]\ndue = next fri$0\n";
        let found = list(typed);
        assert!(
            found.contains("next friday [Date] Friday 2026-11-27 · in 4 days"),
            "{found}"
        );
        expect_test::expect![[r#"
            [[goals]]
            [[goals.actions]]
            due = 2026-11-27
        "#]]
        .assert_eq(&accept(typed, "next friday"));
        // A phrase outside the usual list is offered when it reads as a date.
        expect_test::expect![[r#"
            [roadmap]
            last_review = 2026-11-26
        "#]]
        .assert_eq(&accept(
            "[roadmap]\nlast_review = in 3 days$0\n",
            "in 3 days",
        ));
        // Typed in quotes, the quotes go: a date is bare in TOML.
        expect_test::expect![[r#"
            [[goals]]
            start = 2027-09-30
        "#]]
        .assert_eq(&accept("[[goals]]\nstart = \"end of q3$0\"\n", "end of q3"));
        expect_test::expect![[r#"
            [[reviews]]
            date = 2026-11-24
        "#]]
        .assert_eq(&accept("[[reviews]]\ndate = \"tomorrow$0\n", "tomorrow"));
    }

    #[test]
    fn dates_filter_by_the_date_once_digits_are_typed() {
        let (text, offset) = fixture::cursor("[[goals]]\ndeadline = 2026-1$0\n");
        let analysis = fixture::analysis(&text);
        let filters: Vec<String> = completions(&analysis, &text, offset)
            .into_iter()
            .filter_map(|c| c.filter_text)
            .collect();
        expect_test::expect!["2026-11-23 2026-11-30 2026-12-31 2026-12-31"]
            .assert_eq(&filters.join(" "));
    }

    #[test]
    fn headers_after_a_bracket() {
        // At the top: no [roadmap] yet, so it is offered.
        expect_test::expect![[r#"
            [[goals]] [Header] A SMART goal that moves you towards the vision.
            [[skills]] [Header] Self-assessment: a skill, how good you are now and how good the vision needs you to be.
            [[reviews]] [Header] The review log: when you looked at the roadmap and what changed.
            [[people]] [Header] Your network: mentors, coaches, sponsors, managers, peers, reports and contacts, and how often to meet them.
            [[wins]] [Header] Wins worth celebrating.
            [roadmap] [Header] The vision: where you want to be, by when, and how often you review the plan.
            [lint] [Header] This file's own checker settings (same keys as roadmap-lsp.toml).
            [lint.rules] [Header] Rule levels: `vague-goal = "off"`, `overdue = "error"`.
            [lint.limits] [Header] Numeric limits: `max-active-goals`, `max-urgent-important`.
            [lint.vague] [Header] Vague-goal settings: `extra-words`, `min-words`.
            [lint.format] [Header] How `roadmap-lsp fmt` and Format Document lay the file out: `reorder-keys`."#]].assert_eq(&list("[$0\n"));
        // Inside a goal that has a metric: actions, but no second metric.
        let in_goal =
            "[roadmap]\ntitle = \"x\"\n[[goals]]\nid = \"a\"\n[goals.metric]\ntarget = 3\n[[$0\n";
        expect_test::expect![[r#"
            [[goals.actions]] [Header] The action plan: tasks with a due date and an owner.
            [[goals]] [Header] A SMART goal that moves you towards the vision.
            [[skills]] [Header] Self-assessment: a skill, how good you are now and how good the vision needs you to be.
            [[reviews]] [Header] The review log: when you looked at the roadmap and what changed.
            [[people]] [Header] Your network: mentors, coaches, sponsors, managers, peers, reports and contacts, and how often to meet them.
            [[wins]] [Header] Wins worth celebrating.
            [lint] [Header] This file's own checker settings (same keys as roadmap-lsp.toml).
            [lint.rules] [Header] Rule levels: `vague-goal = "off"`, `overdue = "error"`.
            [lint.limits] [Header] Numeric limits: `max-active-goals`, `max-urgent-important`.
            [lint.vague] [Header] Vague-goal settings: `extra-words`, `min-words`.
            [lint.format] [Header] How `roadmap-lsp fmt` and Format Document lay the file out: `reorder-keys`."#]].assert_eq(&list(in_goal));
        expect_test::expect![[r#"
            [roadmap]
            title = "x"
            [[goals]]
            id = "a"
            [goals.metric]
            target = 3
            [[goals.actions]]
            task = ""
            due = 2026-12-31
            status = "todo"
            ---
            [[goals.actions]]
            task = "$1"
            due = ${2:2026-12-31}
            status = "${3|todo,in-progress,blocked,done,dropped|}""#]]
        .assert_eq(&accept(in_goal, "[[goals.actions]]"));
        // Brackets the editor closed by itself are replaced too.
        expect_test::expect![[r#"
            [[goals]]
            id = "a"
            [[goals]]
            id = ""
            title = ""
            why = ""
            deadline = 2026-12-31
            status = "todo"
            ---
            [[goals]]
            id = "$1"
            title = "$2"
            why = "$3"
            deadline = ${4:2026-12-31}
            status = "${5|todo,in-progress,blocked,done,dropped|}""#]]
        .assert_eq(&accept("[[goals]]\nid = \"a\"\n[[go$0]]\n", "[[goals]]"));
    }

    #[test]
    fn metric_header_only_in_a_goal_without_one() {
        let text =
            "[[goals]]\nid = \"a\"\n\n$0\n[[goals]]\nid = \"b\"\n[goals.metric]\ntarget = 1\n";
        let found = list(text);
        assert!(found.contains("[goals.metric] [Header]"), "{found}");
        let other = text
            .replace("$0", "")
            .replace("target = 1\n", "target = 1\n[$0\n");
        assert!(!list(&other).contains("[goals.metric]"));
        expect_test::expect![[r#"
            [[goals]]
            id = "a"

            [goals.metric]
            measure = ""
            unit = ""
            baseline = 0
            target = 0
            current = 0
            [[goals]]
            id = "b"
            [goals.metric]
            target = 1
            ---
            [goals.metric]
            measure = "$1"
            unit = "$2"
            baseline = ${3:0}
            target = ${4:0}
            current = ${5:0}"#]]
        .assert_eq(&accept(text, "[goals.metric]"));
    }

    #[test]
    fn header_skeletons_follow_crlf_line_endings() {
        let text = "[roadmap]\r\ntitle = \"x\"\r\n\r\n[[$0\r\n";
        let (plain, offset) = fixture::cursor(text);
        let analysis = fixture::analysis(&plain);
        let found = completions(&analysis, &plain, offset);
        let goal = found.iter().find(|c| c.label == "[[goals]]").unwrap();
        expect_test::expect![[r#""[[goals]]\r\nid = \"\"\r\ntitle = \"\"\r\nwhy = \"\"\r\ndeadline = 2026-12-31\r\nstatus = \"todo\"""#]].assert_eq(&format!("{:?}", goal.edit.text));
    }

    #[test]
    fn works_in_the_middle_of_a_broken_file() {
        let text = std::fs::read_to_string("fixtures/broken-mid-edit.roadmap.toml").unwrap();
        let open_quote = text.replacen("status = \"\n", "status = \"$0\n", 1);
        expect_test::expect![[r#"
            todo [Status] Planned, not started yet.
            in-progress [Status] Being worked on now.
            blocked [Status] Started but waiting on something or someone else.
            done [Status] Finished: the goal or task is met.
            dropped [Status] Given up on purpose; kept for the record."#]]
        .assert_eq(&list(&open_quote));
        expect_test::expect![[r#"
            deadline = 2027-01-29
            status = "blocked"
            [goals.metric]"#]]
        .assert_eq(&lines_around(
            &accept(&open_quote, "blocked"),
            "status = \"bl",
        ));
        expect_test::expect![[r#"
            start = 2026-11-02
            deadline = 2026-12-31
            status = "in-progress""#]]
        .assert_eq(&lines_around(
            &accept(&text.replacen("\ndead\n", "\ndead$0\n", 1), "deadline"),
            "deadline = 2026-12-31",
        ));
        // Goals before and after the broken ones are offered; not the
        // goal's own id, nor the one already listed.
        let after_comma = text.replacen("[\"release-train\", ", "[\"release-train\", $0", 1);
        expect_test::expect![[r#"
            interviewer [Reference] Run 10 structured interviews for the iOS team
            one-on-ones [Reference] Hold weekly 1:1s with the 2 interns
            hiring-panel [Reference] Sit on 4 hiring panels for the Android team"#]]
        .assert_eq(&list(&after_comma));
        expect_test::expect![[r#"
            title = "Port the settings screens to SwiftUI in 3 sprints"
            depends_on = ["release-train", "hiring-panel"
            why = "Settings is the most-changed UI and the easiest to port""#]]
        .assert_eq(&lines_around(
            &accept(&after_comma, "hiring-panel"),
            "\"hiring-panel\"",
        ));
    }

    #[test]
    fn non_ascii_titles_and_ids() {
        let text = std::fs::read_to_string("fixtures/unicode.roadmap.toml").unwrap();
        let with_cursor = text.replacen(
            "skills = [\"english\"]",
            "skills = [\"english\"]\ndepends_on = [\"$0",
            1,
        );
        expect_test::expect![[r#"
            eigo [Reference] 英語を頑張る
            rust-oss [Reference] 完成 3 个 Rust 开源项目的 PR 👩‍💻
            study-group [Reference] Run a café study group for 6 colleagues"#]]
        .assert_eq(&list(&with_cursor));
    }

    #[test]
    fn nothing_in_comments_multiline_strings_or_after_a_value() {
        for text in [
            "[[goals]]\n# status = \"$0\n",
            "[[goals]]\nstatus = \"todo\"$0\n",
            "[[goals]]\nstatus = \"todo\" $0\n",
            "[[goals]]\nnotes = \"\"\"\nstatus = \"$0\n",
            "[[goals]]\ntitle = \"$0\n",
            "[[goals.acitons]]\nstatus = \"$0\n",
        ] {
            assert_eq!(list(text), "", "{text:?}");
        }
        let text =
            std::fs::read_to_string("fixtures/broken-unclosed-multiline.roadmap.toml").unwrap();
        let inside = text.replacen("- one story", "- one story$0", 1);
        assert_eq!(list(&inside), "");
    }

    /// Every offset of every fixture, including past the end and inside
    /// multi-byte characters: no panic, and every edit is a single-line
    /// span on char boundaries that contains the cursor.
    #[test]
    fn any_offset_in_any_fixture_is_safe() {
        let mut paths: Vec<_> = std::fs::read_dir("fixtures")
            .unwrap()
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.is_file())
            .collect();
        paths.sort();
        let mut offered = 0;
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let analysis = fixture::analysis(&text);
            for offset in 0..=text.len() + 2 {
                for completion in completions(&analysis, &text, offset) {
                    offered += 1;
                    let span = completion.edit.span;
                    let replaced = text.get(span.range());
                    assert!(
                        replaced.is_some_and(|r| !r.contains('\n')),
                        "{path:?} at {offset}: bad span {span:?}"
                    );
                    assert!(
                        span.start <= offset && offset <= span.end,
                        "{path:?} at {offset}"
                    );
                }
            }
        }
        assert!(offered > 0);
    }
}
