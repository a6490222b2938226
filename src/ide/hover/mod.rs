//! Hover: Markdown about what is under the cursor.
//!
//! - a goal (its header, `id` or `title`, or an id that names it in
//!   `depends_on`/`wins.goal`): status, days left or overdue, actions done
//!   with a progress bar, metric progress, and the SMART checklist of
//!   [`smart::verdict`] (the one the lens, the outline and the report show),
//!   read from the diagnostics the analysis already holds, so what the
//!   hover calls ✗ is exactly what the editor underlines (levels and allow
//!   comments included), with the schedule beside the letters;
//! - `[roadmap]`: goals by status, overdue count, actions done, skill
//!   gaps, days since the last review;
//! - a skill (its header or `id`, or an id in a goal's `skills`): the gap
//!   and the goals that close it;
//! - a date: weekday and "in 12 days" / "3 days ago";
//! - a status, `kind`, `role` or rule level: what the word means;
//! - any other key, value or table header: what it means, from the schema;
//!   a rule code in `[lint.rules]` or in an allow comment: the rule.
//!
//! Like every editor feature it reads the tolerant tree first, so it works
//! in a file that does not parse, and it never indexes the text with the
//! cursor offset: any offset is safe.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::locate::{self, Node};
use super::smart::{self, Mark};
use crate::analysis::Analysis;
use crate::dates::{Period, parse_date, relative};
use crate::language::{FinishLine, read_goal};
use crate::model::schema::{KeySpec, TableKind, ValueType, nearest};
use crate::model::vocabulary::{self, Term};
use crate::model::{Goal, Metric, Skill, Status};
use crate::progress::number;
use crate::progress::{ActionTally, days_word, metric_fraction, percent};
use crate::rules::{Level, Rule};
use crate::span::Span;
use crate::syntax::{Header, HeaderKind, Value, ValueKind};

mod cards;
mod keys;
#[cfg(test)]
mod tests;
mod values;

use cards::*;
use keys::*;
use values::*;

/// What the editor shows: Markdown, and the range it is about (the client
/// highlights it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

/// The hover at byte `offset`, or `None` where there is nothing to say
/// (blank lines, past the end of the text).
pub fn hover(analysis: &Analysis, text: &str, offset: usize) -> Option<Hover> {
    let cursor = locate::cursor(&analysis.tree, offset)?;
    let table = cursor.table_kind();
    match cursor.node {
        Node::Header(header) => header_hover(analysis, header, offset),
        Node::Key { entry, segment } => {
            let key = entry.key.segments.get(segment)?;
            let markdown = key_markdown(table, &cursor.table_path, &key.name);
            Some(Hover {
                span: key.span,
                markdown,
            })
        }
        Node::Value { value, .. } => {
            let key = cursor.key_name()?;
            let markdown = value_markdown(analysis, offset, table, key, value, text)
                .unwrap_or_else(|| key_markdown(table, &cursor.table_path, key));
            Some(Hover {
                span: value.span,
                markdown,
            })
        }
        Node::AfterKey { entry } => {
            let key = entry.key.segments.last()?;
            Some(Hover {
                span: key.span,
                markdown: key_markdown(table, &cursor.table_path, &key.name),
            })
        }
        Node::Blank => allow_comment_hover(analysis, offset),
    }
}

// ---------------------------------------------------------------- headers

fn header_hover(analysis: &Analysis, header: &Header, offset: usize) -> Option<Hover> {
    let path: Vec<&str> = header
        .key
        .segments
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let markdown = match TableKind::at_path(path.iter().copied()) {
        Some(TableKind::Goal) => goal_markdown(analysis, locate::goal_at(analysis, offset)?.1),
        Some(TableKind::Roadmap) => roadmap_markdown(analysis),
        Some(TableKind::Skill) => skill_markdown(analysis, locate::skill_at(analysis, offset)?),
        Some(TableKind::Metric) => {
            let mut out = table_markdown(&path, TableKind::Metric);
            if let Some(line) = locate::goal_at(analysis, offset)
                .and_then(|(_, goal)| goal.metric.as_deref())
                .and_then(metric_line)
            {
                let _ = write!(out, "\n\n{line}");
            }
            out
        }
        Some(TableKind::Action) => {
            let mut out = table_markdown(&path, TableKind::Action);
            if let Some((goal, action)) = locate::action_at(analysis, offset) {
                let status = action.status().map_or("unknown status", Status::as_str);
                let _ = write!(out, "\n\nThis action: {status}");
                if let Some(due) = action.next_due() {
                    let _ = write!(out, ", due {}", day_and_distance(due.value, analysis.today));
                }
                if let Some(line) = super::trend::recurring_line(analysis, goal, action) {
                    let _ = write!(out, "\n\n{line}");
                }
            }
            out
        }
        Some(kind) => table_markdown(&path, kind),
        None => unknown_table_markdown(header, &path),
    };
    Some(Hover {
        span: header.span,
        markdown,
    })
}

// ---------------------------------------------------------------- helpers

/// Whether `offset` lies in the table whose header is `header`.
fn in_table(analysis: &Analysis, header: Span, offset: usize) -> bool {
    let extent = locate::extent(&analysis.tree, header).unwrap_or(header);
    extent.start() <= offset && offset <= extent.end()
}

/// User text as Markdown prose: on one line, with Markdown's punctuation
/// escaped so a title with `*` or `_` reads as written.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}
