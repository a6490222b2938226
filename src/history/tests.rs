use super::*;
use crate::dates::{Period, parse_date};

fn day(text: &str) -> NaiveDate {
    parse_date(text).expect("a date")
}

fn goal_text(current: &str) -> String {
    format!(
        "[[goals]]\nid = \"talks\"\ntitle = \"Give 6 talks\"\nstart = 2026-01-01\ndeadline = 2026-12-31\n\n[goals.metric]\nmeasure = \"talks given\"\nunit = \"talks\"\nbaseline = 0\ntarget = 6\ncurrent = {current}\n"
    )
}

fn history(points: &[(&str, &str)]) -> History {
    History {
        path: "a.roadmap.toml".into(),
        head: None,
        revisions: points
            .iter()
            .enumerate()
            .map(|(n, (date, current))| {
                let (goals, progress) = read_goals(&goal_text(current));
                Revision {
                    commit: format!("{n:040}"),
                    date: day(date),
                    path: "a.roadmap.toml".into(),
                    summary: String::new(),
                    goals,
                    progress,
                }
            })
            .collect(),
        shallow: false,
    }
}

fn goal(current: &str) -> Goal {
    let (_, roadmap, _) = crate::model::read_text(&goal_text(current));
    roadmap.goals.into_iter().next().expect("a goal")
}

#[test]
fn changes_list_each_new_value_once() {
    let history = history(&[
        ("2026-01-05", "1"),
        ("2026-02-01", "1"),
        ("2026-03-01", "3"),
        ("2026-04-01", "6"),
    ]);
    let values: Vec<Option<f64>> = history
        .changes("id:talks")
        .iter()
        .map(|p| p.goal.current)
        .collect();
    assert_eq!(values, [Some(1.0), Some(3.0), Some(6.0)]);
}

#[test]
fn a_metric_is_unchanged_since_the_commit_that_set_its_value() {
    let history = history(&[
        ("2026-01-05", "1"),
        ("2026-02-01", "3"),
        ("2026-03-01", "3"),
    ]);
    assert_eq!(
        history.metric_unchanged(&goal("3")),
        Some(Unchanged::Since(day("2026-02-01")))
    );
    assert_eq!(
        history.metric_unchanged(&goal("4")),
        Some(Unchanged::Uncommitted)
    );
    let mut shallow = super::tests::history(&[("2026-02-01", "3")]);
    shallow.shallow = true;
    assert_eq!(
        shallow.metric_unchanged(&goal("3")),
        Some(Unchanged::Unknown)
    );
}

#[test]
fn the_pace_is_read_over_the_last_sixty_days() {
    let history = history(&[
        ("2026-01-05", "1"),
        ("2026-03-01", "3"),
        ("2026-04-20", "5"),
    ]);
    let today = day("2026-05-01");
    let pace = history.pace(&goal("6"), today).expect("a pace");
    // On 2026-03-02 (60 days before) the value was 3.
    assert_eq!((pace.from, pace.to, pace.days), (3.0, 6.0, 60));
    assert_eq!(pace.since, day("2026-03-02"));
    assert_eq!(pace.done_by(6.0, today), Some(today));
    assert_eq!(pace.done_by(9.0, today), Some(day("2026-06-30")));
    // Younger than two weeks: no pace.
    let young = super::tests::history(&[("2026-04-25", "1")]);
    assert_eq!(young.pace(&goal("2"), today), None);
}

#[test]
fn streaks_count_the_times_done_on_time_in_a_row() {
    let week = Period::Days(7);
    let days = [
        day("2026-03-01"),
        day("2026-03-20"),
        day("2026-03-26"),
        day("2026-04-02"),
        day("2026-04-10"),
    ];
    // The gap before 03-20 broke the streak; 04-10 is a day late, within grace.
    assert_eq!(streak(&days, week, day("2026-04-12")), 4);
    // Overdue now: the streak is broken.
    assert_eq!(streak(&days, week, day("2026-04-30")), 0);
    assert_eq!(streak(&[], week, day("2026-04-30")), 0);
}
