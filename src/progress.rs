//! How far along a goal is, and how long it has left, and how numbers are
//! written: what checks, hover, hints, the report, the agenda, the calendar
//! and the history all show, computed in one place so they never disagree.

use chrono::NaiveDate;

use crate::model::{Goal, Metric, Status};

/// How far along a goal is, from 0 to 1: its metric when it can be read,
/// else (done is all the way) its actions. A done goal whose metric fell
/// short shows where the metric stands, as `done-short-of-target` says.
/// `None` when nothing says anything.
pub(crate) fn goal_fraction(goal: &Goal) -> Option<f64> {
    let metric = goal.metric.as_deref().and_then(metric_fraction);
    if goal.status() == Some(Status::Done) {
        return Some(metric.map_or(1.0, |fraction| fraction.clamp(0.0, 1.0)));
    }
    metric
        .or_else(|| ActionTally::of(goal).fraction())
        .map(|fraction| fraction.clamp(0.0, 1.0))
}

/// Actions done out of those that count. Dropped actions do not count:
/// deciding against a task is not progress, nor is it work left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ActionTally {
    pub done: usize,
    pub total: usize,
}

impl ActionTally {
    pub fn of(goal: &Goal) -> Self {
        let counted = goal
            .actions
            .iter()
            .filter(|action| action.status() != Some(Status::Dropped));
        let (mut done, mut total) = (0, 0);
        for action in counted {
            total += 1;
            if action.status() == Some(Status::Done) {
                done += 1;
            }
        }
        ActionTally { done, total }
    }

    /// `None` when no action counts, rather than a division by zero.
    pub fn fraction(self) -> Option<f64> {
        (self.total > 0).then(|| self.done as f64 / self.total as f64)
    }
}

/// The share of the way from baseline to target: see [`Metric::fraction`].
pub(crate) fn metric_fraction(metric: &Metric) -> Option<f64> {
    metric.fraction()
}

/// A fraction as a whole percentage; anything not finite counts as 0.
pub(crate) fn percent(fraction: f64) -> i64 {
    let fraction = if fraction.is_finite() { fraction } else { 0.0 };
    (fraction * 100.0).round() as i64
}

/// "1 day", "38 days".
pub(crate) fn days_word(days: i64) -> String {
    if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    }
}

/// The time left until a deadline or due date, in the words of the
/// `overdue` rule: "in 38 days", "tomorrow", "today", "5 days overdue".
pub(crate) fn time_left(due: NaiveDate, today: NaiveDate) -> String {
    match (due - today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        days if days > 1 => format!("in {days} days"),
        days => format!("{} overdue", days_word(-days)),
    }
}

/// A number without a trailing `.0`, as users write it in metrics.
pub(crate) fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value:.2}").trim_end_matches('0').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        crate::dates::parse_date(text).expect("a date")
    }

    #[test]
    fn time_left_reads_like_the_overdue_rule() {
        let today = day("2026-11-23");
        let words: Vec<String> = [
            "2026-12-31",
            "2026-11-24",
            "2026-11-23",
            "2026-11-22",
            "2026-11-18",
        ]
        .iter()
        .map(|d| time_left(day(d), today))
        .collect();
        assert_eq!(
            words,
            [
                "in 38 days",
                "tomorrow",
                "today",
                "1 day overdue",
                "5 days overdue"
            ]
        );
    }

    #[test]
    fn percent_rounds_and_survives_nonsense() {
        assert_eq!(percent(0.375), 38);
        assert_eq!(percent(1.2), 120);
        assert_eq!(percent(f64::NAN), 0);
        assert_eq!(percent(f64::INFINITY), 0);
    }
}
