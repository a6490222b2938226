//! What git history and recurring actions add to a goal's hover: the pace
//! the metric kept lately, when it gets done at that pace, and each
//! recurring action's streak. Plain functions of the analysis, which holds
//! the history the server read.

use chrono::NaiveDate;

use crate::analysis::Analysis;
use crate::history::{self, PACE_WINDOW_DAYS};
use crate::model::{Action, Goal};
use crate::progress::number;

/// "3 → 6 talks in the last 60 days; at this pace done by 2027-05-02", or
/// `None` without a history that knows the goal's metric.
pub fn pace_line(analysis: &Analysis, goal: &Goal) -> Option<String> {
    let history = analysis.history.as_deref()?;
    let metric = goal.metric.as_deref()?;
    let pace = history.pace(goal, analysis.today)?;
    let unit = metric
        .unit
        .as_ref()
        .map(|u| format!(" {}", markdown(u.value.trim())))
        .filter(|u| u.trim() != "")
        .unwrap_or_default();
    let window = if pace.days == PACE_WINDOW_DAYS as i64 {
        format!("in the last {} days", pace.days)
    } else {
        format!("since {} ({} days)", pace.since, pace.days)
    };
    let moved = if pace.from == pace.to {
        format!("no change {window} (still {}{unit})", number(pace.to))
    } else {
        format!("{} → {}{unit} {window}", number(pace.from), number(pace.to))
    };
    let Some(target) = metric.target.as_ref().map(|t| t.value) else {
        return Some(format!("Git: {moved}"));
    };
    let baseline = metric.baseline.as_ref().map_or(0.0, |b| b.value);
    let reached = (pace.to - target) * (target - baseline).signum() >= 0.0 && target != baseline;
    let outlook = if reached {
        "target reached".to_string()
    } else {
        match pace.done_by(target, analysis.today) {
            Some(date) => format!("at this pace done by {date}"),
            None if pace.from == pace.to => "at this pace never done".to_string(),
            None => "moving away from the target".to_string(),
        }
    };
    Some(format!("Git: {moved}; {outlook}"))
}

/// One line per recurring action: its cadence, last and next time, and
/// streak (from git history when there is one).
pub fn recurring_lines(analysis: &Analysis, goal: &Goal) -> Vec<String> {
    goal.actions
        .iter()
        .filter(|a| a.is_recurring() && !a.is_closed())
        .filter_map(|action| recurring_line(analysis, goal, action))
        .collect()
}

/// "Recurring: *Write the weekly note* every 1 week · last done … · next due
/// … · streak: 4 in a row".
pub fn recurring_line(analysis: &Analysis, goal: &Goal, action: &Action) -> Option<String> {
    let every = action.every.as_ref()?.value;
    let task = action
        .task
        .as_ref()
        .map_or("(no task)".to_string(), |t| markdown(&t.value));
    let mut line = format!("Recurring: *{task}* every {every}");
    match &action.last_done {
        Some(last) => line.push_str(&format!(" · last done {}", last.value)),
        None => line.push_str(" · never done yet"),
    }
    if let Some(next) = action.next_due() {
        let overdue = next.value < analysis.today;
        line.push_str(&if overdue {
            format!(" · **due since {}**", next.value)
        } else {
            format!(" · next due {}", next.value)
        });
    }
    let streak = streak(analysis, goal, action)?;
    line.push_str(&format!(" · streak: {}", streak_words(streak)));
    Some(line)
}

/// How many times in a row the action was done on time (see
/// [`history::streak`]), reading earlier `last_done` values from git.
pub fn streak(analysis: &Analysis, goal: &Goal, action: &Action) -> Option<usize> {
    let every = action.every.as_ref()?.value;
    let last = action.last_done.as_ref().map(|f| f.value);
    let task = action.task.as_ref().map_or("", |t| t.value.as_str());
    let days: Vec<NaiveDate> = match analysis.history.as_deref() {
        Some(history) => history.done_days(goal, task, last),
        None => last.into_iter().collect(),
    };
    Some(history::streak(&days, every, analysis.today))
}

pub fn streak_words(streak: usize) -> String {
    match streak {
        0 => "none (the cadence was missed)".to_string(),
        1 => "1 (done on time once)".to_string(),
        n => format!("{n} in a row"),
    }
}

/// Text safe inside Markdown.
fn markdown(text: &str) -> String {
    crate::escape::markdown(text)
}
