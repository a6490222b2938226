//! `roadmap-lsp history` output: each goal's path through the commits as
//! aligned text, JSON or Markdown.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{History, Point, Revision};
use crate::escape;
use crate::model::Status;
use crate::progress::number;
use crate::progress::percent;

/// What to render: a history, seen from a file.
pub struct View<'a> {
    /// The file as the user named it.
    pub file: &'a str,
    pub history: &'a History,
    /// Only changes on or after this day.
    pub since: Option<NaiveDate>,
    /// A note to show first (a shallow clone, no repository).
    pub note: Option<String>,
}

/// A short commit id, or "working tree" for uncommitted changes.
fn short(revision: &Revision) -> &str {
    if revision.commit.is_empty() {
        "work tree"
    } else {
        revision.commit.get(..8).unwrap_or(&revision.commit)
    }
}

fn status_word(status: Option<Status>) -> &'static str {
    status.map_or("unknown", Status::as_str)
}

fn amount(value: Option<f64>, unit: Option<&str>) -> String {
    match (value, unit.map(str::trim).filter(|u| !u.is_empty())) {
        (Some(value), Some(unit)) => format!("{} {unit}", number(value)),
        (Some(value), None) => number(value),
        (None, _) => "—".to_string(),
    }
}

fn progress_word(progress: Option<f64>) -> String {
    progress.map_or("—".to_string(), |p| format!("{}%", percent(p)))
}

impl View<'_> {
    fn shown(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|since| date >= since)
    }

    /// Each goal's name and its changes in the window, goals without any
    /// left out.
    fn goals(&self) -> Vec<(String, Vec<Point<'_>>)> {
        self.history
            .keys()
            .into_iter()
            .filter_map(|key| {
                let changes: Vec<Point> = self
                    .history
                    .changes(key)
                    .into_iter()
                    .filter(|p| self.shown(p.revision.date))
                    .collect();
                let last = changes.last()?.goal;
                let name = match (&last.id, &last.title) {
                    (Some(id), Some(title)) => format!("{id} — {title}"),
                    (Some(id), None) => id.clone(),
                    (None, Some(title)) => title.clone(),
                    (None, None) => key.to_string(),
                };
                Some((name, changes))
            })
            .collect()
    }

    /// The overall progress where it changed, in the window.
    fn progress(&self) -> Vec<&Revision> {
        let mut out: Vec<&Revision> = Vec::new();
        for revision in &self.history.revisions {
            if out
                .last()
                .is_none_or(|last| last.progress != revision.progress)
            {
                out.push(revision);
            }
        }
        out.retain(|r| self.shown(r.date));
        out
    }

    fn commits(&self) -> usize {
        self.history
            .revisions
            .iter()
            .filter(|r| !r.commit.is_empty() && self.shown(r.date))
            .count()
    }

    pub fn human(&self) -> String {
        let mut out = format!("History of {}", escape::terminal(self.file));
        let commits = self.commits();
        let _ = writeln!(
            out,
            " ({commits} commit{} changed it{})",
            if commits == 1 { "" } else { "s" },
            self.since
                .map(|d| format!(" since {d}"))
                .unwrap_or_default()
        );
        if let Some(note) = &self.note {
            let _ = writeln!(out, "note: {note}");
        }
        for (name, changes) in self.goals() {
            let _ = writeln!(out, "\n{}", escape::terminal(&name));
            let amounts: Vec<String> = changes
                .iter()
                .map(|p| amount(p.goal.current, p.goal.unit.as_deref()))
                .collect();
            let width = amounts.iter().map(|a| a.chars().count()).max().unwrap_or(0);
            for (point, amount) in changes.iter().zip(&amounts) {
                let _ = writeln!(
                    out,
                    "  {}  {:9}  {:width$}  {:11}  {:>4}",
                    point.revision.date,
                    short(point.revision),
                    escape::terminal(amount),
                    status_word(point.goal.status),
                    progress_word(point.goal.progress),
                );
            }
        }
        let progress = self.progress();
        if !progress.is_empty() {
            let _ = writeln!(out, "\nOverall progress");
            for revision in progress {
                let _ = writeln!(
                    out,
                    "  {}  {:9}  {:>4}",
                    revision.date,
                    short(revision),
                    progress_word(revision.progress)
                );
            }
        }
        out
    }

    pub fn markdown(&self) -> String {
        let mut out = format!("# History of {}\n\n", escape::markdown(self.file));
        let commits = self.commits();
        let _ = writeln!(
            out,
            "{commits} commit{} changed it{}.",
            if commits == 1 { "" } else { "s" },
            self.since
                .map(|d| format!(" since {d}"))
                .unwrap_or_default()
        );
        if let Some(note) = &self.note {
            let _ = writeln!(out, "\n> {}", escape::markdown(note));
        }
        for (name, changes) in self.goals() {
            let _ = writeln!(out, "\n## {}\n", escape::markdown(&name));
            out.push_str(
                "| Date | Commit | Current | Status | Progress |\n|---|---|---|---|---|\n",
            );
            for point in changes {
                let _ = writeln!(
                    out,
                    "| {} | `{}` | {} | {} | {} |",
                    point.revision.date,
                    short(point.revision),
                    escape::markdown(&amount(point.goal.current, point.goal.unit.as_deref())),
                    status_word(point.goal.status),
                    progress_word(point.goal.progress),
                );
            }
        }
        out
    }

    pub fn json(&self) -> Value {
        let commit = |r: &Revision| -> Value {
            if r.commit.is_empty() {
                Value::Null
            } else {
                Value::String(r.commit.clone())
            }
        };
        let goals: Vec<Value> = self
            .goals()
            .into_iter()
            .map(|(_, changes)| {
                let last = changes.last().map(|p| p.goal);
                json!({
                    "id": last.and_then(|g| g.id.clone()),
                    "title": last.and_then(|g| g.title.clone()),
                    "unit": last.and_then(|g| g.unit.clone()),
                    "target": last.and_then(|g| g.target).map(json_number),
                    "changes": changes.iter().map(|p| json!({
                        "commit": commit(p.revision),
                        "date": p.revision.date.to_string(),
                        "current": p.goal.current.map(json_number),
                        "status": p.goal.status.map(Status::as_str),
                        "progress": p.goal.progress.map(fraction),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let commits: Vec<Value> = self
            .history
            .revisions
            .iter()
            .filter(|r| self.shown(r.date))
            .map(|r| {
                json!({
                    "commit": commit(r),
                    "date": r.date.to_string(),
                    "path": r.path,
                    "summary": r.summary,
                    "progress": r.progress.map(fraction),
                })
            })
            .collect();
        json!({
            "file": self.file,
            "path": self.history.path,
            "head": self.history.head,
            "shallow": self.history.shallow,
            "since": self.since.map(|d| d.to_string()),
            "note": self.note,
            "commits": commits,
            "goals": goals,
        })
    }
}

/// A whole number as an integer (`6`, not `6.0`), so scripts compare it
/// as written in the roadmap.
fn json_number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

/// A progress fraction to four places.
fn fraction(value: f64) -> Value {
    json_number((value * 10_000.0).round() / 10_000.0)
}
