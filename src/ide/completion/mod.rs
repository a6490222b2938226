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
use crate::line_index;
use crate::model::Status;
use crate::model::schema::{KeySpec, TableKind, ValueType};
use crate::model::vocabulary::{self, Term};
use crate::rules::{Level, Rule};
use crate::span::Span;
use crate::syntax::{Entry, Section, SyntaxTree, Value, ValueKind};

mod keys;
mod slot;
#[cfg(test)]
mod tests;
mod values;

use slot::*;
use values::*;

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
            let rest = text.get(span.end()..line.end).unwrap_or("");
            if rest.contains('=') {
                // Renaming the key of a finished line: the name only.
                ctx.keys(&cursor, Some(entry), span, false, &mut out);
            } else {
                ctx.keys(&cursor, Some(entry), span, true, &mut out);
                if ctx.line_before(span.start()).trim().is_empty() {
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
}

/// A character of a bare key or of a dotted header name.
fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}
