//! A roadmap's past, as git recorded it: where each goal's metric, status
//! and progress stood at every commit that changed the file.
//!
//! [`History`] is a plain value. [`git`] reads it from a repository (the
//! only I/O here); the checks, hover, report and `history` command read
//! it like any other input, so the engine stays a pure function of its
//! inputs and a roadmap outside a repository simply has no history.

pub mod git;
pub mod render;

use chrono::{Days, NaiveDate};

use crate::model::{Goal, Status};
use crate::progress::goal_fraction;

/// How far back the observed pace looks, in days.
pub const PACE_WINDOW_DAYS: u64 = 60;
/// A shorter record than this tells no pace (two commits an hour apart
/// would make any change look fast).
const MIN_PACE_DAYS: i64 = 14;

/// The commits that changed one roadmap file, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// The file's path in the repository at HEAD, `/`-separated.
    pub path: String,
    /// The commit HEAD pointed to when the history was read.
    pub head: Option<String>,
    /// Every commit (on the first-parent line from HEAD) where the file's
    /// content differs from its parent's, oldest first.
    pub revisions: Vec<Revision>,
    /// The repository is a shallow clone and the history stops at its
    /// boundary: older commits exist but were not fetched.
    pub shallow: bool,
}

/// The roadmap as one commit left it.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    /// The full hexadecimal commit id.
    pub commit: String,
    /// The author's date, in the author's time zone (what `git log` shows).
    pub date: NaiveDate,
    /// The file's path in that commit (it may have been renamed since).
    pub path: String,
    /// The first line of the commit message.
    pub summary: String,
    pub goals: Vec<GoalState>,
    /// The mean progress of the goals that count (as the report computes
    /// it), or `None` without goals.
    pub progress: Option<f64>,
}

/// One goal as a commit left it.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalState {
    /// What ties the goal across commits: its id, else its title.
    pub key: String,
    pub id: Option<String>,
    pub title: Option<String>,
    pub unit: Option<String>,
    pub target: Option<f64>,
    pub current: Option<f64>,
    pub status: Option<Status>,
    /// 0..=1, as the report shows it.
    pub progress: Option<f64>,
    /// The `last_done` of each recurring action, by task.
    pub done: Vec<(String, NaiveDate)>,
}

/// One point of a goal's path through the history.
#[derive(Clone, Debug, PartialEq)]
pub struct Point<'a> {
    pub revision: &'a Revision,
    pub goal: &'a GoalState,
}

/// What ties a goal across commits: its id, else its title (trimmed);
/// `None` for a goal with neither.
pub fn goal_key(goal: &Goal) -> Option<String> {
    let text = |field: &Option<crate::model::Field<compact_str::CompactString>>| {
        field
            .as_ref()
            .map(|f| f.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    text(&goal.id)
        .map(|id| format!("id:{id}"))
        .or_else(|| text(&goal.title).map(|title| format!("title:{title}")))
}

impl GoalState {
    pub fn of(goal: &Goal) -> Option<GoalState> {
        let text = |field: &Option<crate::model::Field<compact_str::CompactString>>| {
            field.as_ref().map(|f| f.value.to_string())
        };
        let metric = goal.metric.as_deref();
        Some(GoalState {
            key: goal_key(goal)?,
            id: text(&goal.id),
            title: text(&goal.title),
            unit: metric.and_then(|m| text(&m.unit)),
            target: metric.and_then(|m| m.target.as_ref()).map(|f| f.value),
            current: metric.and_then(|m| m.current.as_ref()).map(|f| f.value),
            status: goal.status(),
            progress: goal_fraction(goal),
            done: goal
                .actions
                .iter()
                .filter(|a| a.is_recurring())
                .filter_map(|a| {
                    Some((
                        a.task.as_ref()?.value.trim().to_string(),
                        a.last_done.as_ref()?.value,
                    ))
                })
                .collect(),
        })
    }

    /// Whether what `history` lists changed between two states.
    fn differs(&self, other: &GoalState) -> bool {
        self.current != other.current
            || self.status != other.status
            || self.progress != other.progress
    }
}

/// The goals of a roadmap text, and its overall progress: what a
/// [`Revision`] records of it.
pub fn read_goals(text: &str) -> (Vec<GoalState>, Option<f64>) {
    let (_, roadmap, _) = crate::model::read_text(text);
    let goals: Vec<GoalState> = roadmap.goals.iter().filter_map(GoalState::of).collect();
    let counted: Vec<f64> = roadmap
        .goals
        .iter()
        .filter(|g| !g.is_dropped())
        .map(|g| goal_fraction(g).unwrap_or(0.0))
        .collect();
    let progress =
        (!counted.is_empty()).then(|| counted.iter().sum::<f64>() / counted.len() as f64);
    (goals, progress)
}

/// Since when a goal's metric has stood at its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unchanged {
    /// The text's value is not the last commit's: it changed just now.
    Uncommitted,
    /// First committed at this value on that day, and not changed since.
    Since(NaiveDate),
    /// At this value since before a shallow clone's boundary, or never
    /// committed with a metric: nobody can tell since when.
    Unknown,
}

/// A change of a metric observed over a window of the history.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    /// The value at the window's start (or at the first commit, if later).
    pub from: f64,
    /// The value now, in the text.
    pub to: f64,
    /// Where the window starts.
    pub since: NaiveDate,
    /// The window's length.
    pub days: i64,
}

impl Pace {
    /// Change per day.
    pub fn per_day(&self) -> f64 {
        (self.to - self.from) / self.days as f64
    }

    /// When `target` is reached at this pace, counted from `today`; `None`
    /// when the pace does not move towards it (or past the calendar).
    pub fn done_by(&self, target: f64, today: NaiveDate) -> Option<NaiveDate> {
        let left = target - self.to;
        if left == 0.0 {
            return Some(today);
        }
        let rate = self.per_day();
        if rate == 0.0 || left.signum() != rate.signum() {
            return None;
        }
        let days = (left / rate).ceil();
        if !days.is_finite() || days > 365.0 * 1000.0 {
            return None;
        }
        today.checked_add_days(Days::new(days as u64))
    }
}

impl History {
    /// The goal's states, oldest first, at every revision that has it.
    pub fn series(&self, key: &str) -> Vec<Point<'_>> {
        self.revisions
            .iter()
            .filter_map(|revision| {
                let goal = revision.goals.iter().find(|g| g.key == key)?;
                Some(Point { revision, goal })
            })
            .collect()
    }

    /// The points where the goal's metric, status or progress changed (the
    /// first one included).
    pub fn changes(&self, key: &str) -> Vec<Point<'_>> {
        let mut out: Vec<Point> = Vec::new();
        for point in self.series(key) {
            if out.last().is_none_or(|last| last.goal.differs(point.goal)) {
                out.push(point);
            }
        }
        out
    }

    /// Every goal key, in the order goals first appear (newest revision's
    /// order first, then goals that are gone).
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = Vec::new();
        for revision in self.revisions.iter().rev() {
            for goal in &revision.goals {
                if !keys.contains(&goal.key.as_str()) {
                    keys.push(&goal.key);
                }
            }
        }
        keys
    }

    /// Since when `goal`'s metric `current` has stood at the value it has
    /// in the text; `None` for a goal with no current value.
    pub fn metric_unchanged(&self, goal: &Goal) -> Option<Unchanged> {
        let current = goal.metric.as_deref()?.current.as_ref()?.value;
        let key = goal_key(goal)?;
        let series = self.series(&key);
        let Some(last) = series.last() else {
            return Some(Unchanged::Unknown);
        };
        if last.goal.current != Some(current) {
            return Some(Unchanged::Uncommitted);
        }
        let run_start = series
            .iter()
            .rposition(|p| p.goal.current != Some(current))
            .map_or(0, |at| at + 1);
        if run_start == 0 && self.shallow {
            return Some(Unchanged::Unknown);
        }
        Some(Unchanged::Since(series[run_start].revision.date))
    }

    /// The change of `goal`'s metric over the last [`PACE_WINDOW_DAYS`]
    /// days (or since its first commit, when that is later but at least two
    /// weeks ago), ending at the value in the text.
    pub fn pace(&self, goal: &Goal, today: NaiveDate) -> Option<Pace> {
        let to = goal.metric.as_deref()?.current.as_ref()?.value;
        let key = goal_key(goal)?;
        let window_start = today.checked_sub_days(Days::new(PACE_WINDOW_DAYS))?;
        let series: Vec<(NaiveDate, f64)> = self
            .series(&key)
            .into_iter()
            .filter_map(|p| Some((p.revision.date, p.goal.current?)))
            .filter(|(date, _)| *date <= today)
            .collect();
        let (from, since) = match series.iter().rev().find(|(date, _)| *date <= window_start) {
            Some(&(_, value)) => (value, window_start),
            None => {
                let &(date, value) = series.first()?;
                (value, date)
            }
        };
        let days = (today - since).num_days();
        (days >= MIN_PACE_DAYS).then_some(Pace {
            from,
            to,
            since,
            days,
        })
    }

    /// The days a recurring action was done, oldest first: every distinct
    /// `last_done` the history recorded for it, then `last_done` now.
    pub fn done_days(&self, goal: &Goal, task: &str, now: Option<NaiveDate>) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = goal_key(goal)
            .map(|key| {
                self.series(&key)
                    .iter()
                    .flat_map(|p| &p.goal.done)
                    .filter(|(t, _)| t == task.trim())
                    .map(|(_, day)| *day)
                    .collect()
            })
            .unwrap_or_default();
        days.extend(now);
        days.sort_unstable();
        days.dedup();
        days
    }
}

/// How many times in a row a recurring action was done on time, ending
/// with its latest `last_done`: each time within one `every` (and a day of
/// grace) of the one before. 0 when it is overdue now.
pub fn streak(days: &[NaiveDate], every: crate::dates::Period, today: NaiveDate) -> usize {
    let Some(&last) = days.last() else { return 0 };
    if every.after(last).is_some_and(|due| due < today) {
        return 0;
    }
    let mut count = 1;
    for pair in days.windows(2).rev() {
        let on_time = every
            .after(pair[0])
            .and_then(|due| due.succ_opt())
            .is_some_and(|due| pair[1] <= due);
        if !on_time {
            break;
        }
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests;
