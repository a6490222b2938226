//! At a glance: inlay hints beside dates and goal titles, and a code lens
//! on each goal, so that how far along the plan is can be read without
//! hovering over every goal.
//!
//! Inlay hints:
//! - after a goal's `deadline` and an action's `due`: the time left ("in 38
//!   days", "tomorrow", "today", "5 days overdue"), unless the item (or the
//!   action's goal) is done or dropped: a past date there is history, not a
//!   problem, exactly as the `overdue` rule sees it;
//! - after the roadmap's `horizon`: the distance in years and months ("in 4
//!   years 1 month"), since days mean little that far out;
//! - after `last_review` and a person's `last_met`: how long ago ("24 days
//!   ago");
//! - after a goal's title: its progress, "1/2 · 80%", actions done out of
//!   those that count (dropped ones do not) and the metric's share of the
//!   way from baseline to target. A part that is not known is left out: no
//!   action that counts, no metric or a metric without `target`/`current`.
//!   With neither there is no hint (the `no-actions` and `missing-metric`
//!   diagnostics already say so), nor on a dropped goal.
//!
//! Code lenses: one on each `[[goals]]` header with the same facts in one
//! line and the SMART verdict ([`smart::verdict`], as the hover and the
//! report show it), "1/2 actions · metric 80% · in 38 days · SMART 4/5
//! ✗M"; here a missing part is
//! named ("no actions", "no metric", "metric incomplete" without `target`
//! or `current`, "metric n/a" when the target is the baseline, "no
//! deadline"),
//! since a lens is one line per goal rather than one beside every value. A
//! done goal ends with "done" instead of the time left; a dropped goal's
//! lens reads "dropped" only.
//!
//! Both read the model, which the tolerant parser fills for the goals
//! before and after a syntax error, and never index the text: any range is
//! safe. Whether they are shown at all is the protocol layer's business
//! (the `inlayHints` and `codeLens` settings).

use chrono::{Datelike, NaiveDate};

use super::smart;
use crate::analysis::Analysis;
use crate::dates::relative;
use crate::model::{Field, Goal, Metric, Status};
use crate::progress::number;
use crate::progress::{ActionTally, metric_fraction, percent, time_left};
use crate::span::Span;

/// A label the editor shows inside the text, after a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// Byte offset where the label goes: right after the value.
    pub offset: usize,
    pub label: String,
    pub kind: HintKind,
    /// More detail when the user hovers over the label.
    pub tooltip: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HintKind {
    /// A date's distance from today: time left, overdue, or how long ago.
    DaysLeft,
    /// A goal's progress: actions done and metric percentage.
    Progress,
}

/// A line the editor shows above a `[[goals]]` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lens {
    /// The `[[goals]]` header.
    pub span: Span,
    pub title: String,
}

/// The hints whose offset lies in `range` (ends included: a hint at the
/// last visible character is visible), sorted by offset.
pub fn inlay_hints(analysis: &Analysis, range: Span) -> Vec<Hint> {
    let today = analysis.today;
    let roadmap = &analysis.roadmap;
    let mut hints = Vec::new();
    if let Some(meta) = &roadmap.meta {
        if let Some(horizon) = &meta.horizon {
            hints.push(date_hint(
                horizon,
                calendar_distance(horizon.value, today),
                today,
            ));
        }
        if let Some(last_review) = &meta.last_review {
            hints.push(since_hint(last_review, today));
        }
    }
    for goal in &roadmap.goals {
        if let Some(hint) = title_hint(goal) {
            hints.push(hint);
        }
        if goal.is_closed() {
            continue;
        }
        if let Some(deadline) = &goal.deadline {
            hints.push(date_hint(deadline, time_left(deadline.value, today), today));
        }
        for action in goal.actions.iter().filter(|a| !a.is_closed()) {
            if let Some(due) = &action.due {
                hints.push(date_hint(due, time_left(due.value, today), today));
            }
        }
    }
    for person in &roadmap.people {
        if let Some(last_met) = &person.last_met {
            hints.push(since_hint(last_met, today));
        }
    }
    hints.retain(|hint| range.start() <= hint.offset && hint.offset <= range.end());
    hints.sort_by_key(|hint| hint.offset);
    hints
}

/// One lens per goal, in file order.
pub fn code_lenses(analysis: &Analysis) -> Vec<Lens> {
    let verdicts = smart::verdicts(analysis);
    analysis
        .roadmap
        .goals
        .iter()
        .zip(&verdicts)
        .map(|(goal, verdict)| {
            let mut title = lens_title(goal, analysis.today);
            if !goal.is_dropped() {
                title.push_str(" · ");
                title.push_str(&verdict.short());
            }
            Lens {
                span: goal.header,
                title,
            }
        })
        .collect()
}

fn date_hint(field: &Field<NaiveDate>, label: String, today: NaiveDate) -> Hint {
    Hint {
        offset: field.span.end(),
        label,
        kind: HintKind::DaysLeft,
        tooltip: Some(format!(
            "{} (today is {})",
            long_date(field.value),
            long_date(today)
        )),
    }
}

/// For dates in the past by nature (a review, a meeting): "24 days ago".
fn since_hint(field: &Field<NaiveDate>, today: NaiveDate) -> Hint {
    date_hint(field, relative(field.value, today), today)
}

fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// "1/2 · 80%" after the title, with what each number means as tooltip.
fn title_hint(goal: &Goal) -> Option<Hint> {
    let title = goal.title.as_ref()?;
    if goal.is_dropped() {
        return None;
    }
    let actions = ActionTally::of(goal);
    let metric = goal
        .metric
        .as_ref()
        .and_then(|metric| Some((metric, metric_fraction(metric)?)));
    let mut label = Vec::new();
    let mut tooltip = Vec::new();
    if actions.total > 0 {
        label.push(format!("{}/{}", actions.done, actions.total));
        tooltip.push(format!(
            "{} of {} actions done",
            actions.done, actions.total
        ));
    }
    if let Some((metric, fraction)) = metric {
        label.push(format!("{}%", percent(fraction)));
        tooltip.push(metric_tooltip(metric, fraction));
    }
    if label.is_empty() {
        return None;
    }
    Some(Hint {
        offset: title.span.end(),
        label: label.join(" · "),
        kind: HintKind::Progress,
        tooltip: Some(tooltip.join("; ")),
    })
}

/// "metric 4 of 5 presentations (from 0), 80% of the way".
fn metric_tooltip(metric: &Metric, fraction: f64) -> String {
    let value = |field: &Option<Field<f64>>| field.as_ref().map_or(0.0, |f| f.value);
    let unit = metric
        .unit
        .as_ref()
        .map(|unit| match unit.value.trim() {
            "%" => "%".to_string(),
            unit => format!(" {unit}"),
        })
        .unwrap_or_default();
    format!(
        "metric {} of {}{unit} (from {}), {}% of the way",
        number(value(&metric.current)),
        number(value(&metric.target)),
        number(value(&metric.baseline)),
        percent(fraction)
    )
}

/// "1/2 actions · metric 80% · in 38 days".
fn lens_title(goal: &Goal, today: NaiveDate) -> String {
    if goal.is_dropped() {
        return "dropped".to_string();
    }
    let actions = ActionTally::of(goal);
    let actions = if actions.total == 0 {
        "no actions".to_string()
    } else {
        format!("{}/{} actions", actions.done, actions.total)
    };
    let metric = match &goal.metric {
        None => "no metric".to_string(),
        Some(metric) => match metric_fraction(metric) {
            Some(fraction) => format!("metric {}%", percent(fraction)),
            None if metric.target.is_none() || metric.current.is_none() => {
                "metric incomplete".to_string()
            }
            // Target and baseline are equal: there is no way to go.
            None => "metric n/a".to_string(),
        },
    };
    let when = match (&goal.deadline, goal.status()) {
        (_, Some(Status::Done)) => "done".to_string(),
        (Some(deadline), _) => time_left(deadline.value, today),
        (None, _) => "no deadline".to_string(),
    };
    format!("{actions} · {metric} · {when}")
}

/// A far date in whole years and months ("in 4 years 1 month", "2 months
/// ago"); within two months, in days as everywhere else.
fn calendar_distance(date: NaiveDate, today: NaiveDate) -> String {
    if (date - today).num_days().abs() < 60 {
        return relative(date, today);
    }
    let (from, to) = if date > today {
        (today, date)
    } else {
        (date, today)
    };
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        months -= 1;
    }
    let count = |n: i32, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let amount = match (months / 12, months % 12) {
        (0, rest) => count(rest, "month"),
        (years, 0) => count(years, "year"),
        (years, rest) => format!("{} {}", count(years, "year"), count(rest, "month")),
    };
    if date > today {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    fn whole(text: &str) -> Span {
        Span::new(0, text.len())
    }

    /// The lines that carry hints, numbered from 1, each hint written
    /// inline where the editor draws it: `deadline = 2026-12-31⟨in 38 days⟩`.
    fn render_hints(text: &str, hints: &[Hint]) -> String {
        let mut out = String::new();
        let mut line_start = 0;
        for (number, line) in text.split_inclusive('\n').enumerate() {
            let line_end = line_start + line.len();
            let on_line: Vec<&Hint> = hints
                .iter()
                .filter(|h| line_start <= h.offset && h.offset < line_end.max(line_start + 1))
                .collect();
            if !on_line.is_empty() {
                let mut rendered = String::new();
                let mut at = line_start;
                for hint in on_line {
                    assert!(text.is_char_boundary(hint.offset), "{hint:?}");
                    rendered.push_str(&text[at..hint.offset]);
                    rendered.push_str(&format!("⟨{}⟩", hint.label));
                    at = hint.offset;
                }
                rendered.push_str(&text[at..line_end]);
                out.push_str(&format!("{}: {}\n", number + 1, rendered.trim_end()));
            }
            line_start = line_end;
        }
        out
    }

    fn hints_in(text: &str) -> String {
        let analysis = fixture::analysis(text);
        render_hints(text, &inlay_hints(&analysis, whole(text)))
    }

    /// Each lens with its header's line and the goal's id.
    fn lenses_in(text: &str) -> String {
        let analysis = fixture::analysis(text);
        code_lenses(&analysis)
            .iter()
            .map(|lens| {
                let line = text[..lens.span.start()].matches('\n').count() + 1;
                let id = analysis
                    .roadmap
                    .goals
                    .iter()
                    .find(|goal| goal.header == lens.span)
                    .and_then(|goal| goal.id.as_ref())
                    .map_or("(no id)", |id| id.value.as_str());
                format!(
                    "{line}: {} {id}: {}\n",
                    &text[lens.span.range()],
                    lens.title
                )
            })
            .collect()
    }

    fn fixture_text(name: &str) -> String {
        let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).expect("fixture exists")
    }

    #[test]
    fn career_fixture_hints() {
        expect_test::expect![[r#"
            8: horizon = 2030-12-31⟨in 4 years 1 month⟩
            10: last_review = 2026-10-30⟨24 days ago⟩
            50: title = "Deliver five 20-minute presentations to my team"⟨1/2 · 80%⟩
            54: deadline = 2026-12-31⟨in 38 days⟩
            77: due = 2026-12-11⟨in 18 days⟩
            85: title = "Pass the PMP certification exam"⟨0/2 · 52%⟩
            89: deadline = 2027-03-31⟨in 128 days⟩
            103: due = 2026-11-15⟨8 days overdue⟩
            112: due = 2027-02-15⟨in 84 days⟩
            118: title = "Own the budget for one client project end to end"⟨0/1 · 0%⟩
            122: deadline = 2027-06-30⟨in 219 days⟩
            136: due = 2026-12-15⟨in 22 days⟩
            143: title = "Get the Certified ScrumMaster certificate"⟨2/2 · 100%⟩
            195: last_met = 2026-11-06⟨17 days ago⟩
            202: last_met = 2026-08-20⟨95 days ago⟩
        "#]]
        .assert_eq(&hints_in(&fixture_text("career.roadmap.toml")));
    }

    #[test]
    fn career_fixture_lenses() {
        expect_test::expect![[r#"
            48: [[goals]] speak-up: 1/2 actions · metric 80% · in 38 days · SMART 5/5
            83: [[goals]] pmp: 0/2 actions · metric 52% · in 128 days · SMART 5/5
            116: [[goals]] own-a-budget: 0/1 actions · metric 0% · in 219 days · SMART 5/5
            141: [[goals]] scrum-cert: 2/2 actions · metric 100% · done · SMART 5/5
            169: [[goals]] mba: dropped
        "#]]
        .assert_eq(&lenses_in(&fixture_text("career.roadmap.toml")));
    }

    #[test]
    fn every_wording_of_time_left() {
        let text = r#"[[goals]]
title = "Ship the release notes page for v2"
deadline = 2026-11-23

[[goals.actions]]
task = "draft"
due = 2026-11-24

[[goals.actions]]
task = "review"
due = 2026-11-22

[[goals.actions]]
task = "publish"
due = 2026-11-18

[[goals.actions]]
task = "announce"
due = 2026-12-31
status = "dropped"
"#;
        expect_test::expect![[r#"
            2: title = "Ship the release notes page for v2"⟨0/3⟩
            3: deadline = 2026-11-23⟨today⟩
            7: due = 2026-11-24⟨tomorrow⟩
            11: due = 2026-11-22⟨1 day overdue⟩
            15: due = 2026-11-18⟨5 days overdue⟩
        "#]]
        .assert_eq(&hints_in(text));
    }

    #[test]
    fn closed_goals_show_no_days_and_parts_that_are_unknown_are_left_out() {
        let text = r#"[[goals]]
title = "Finished long ago: pass the 2025 exam"
deadline = 2025-06-30
status = "done"

[[goals.actions]]
task = "study"
due = 2025-06-01

[[goals]]
title = "Dropped with an overdue action"
deadline = 2026-01-31
status = "dropped"

[[goals.actions]]
task = "x"
due = 2026-01-01

[[goals]]
title = "Only a metric, with a baseline"
deadline = 2027-01-01
[goals.metric]
baseline = 40
target = 80
current = 55

[[goals]]
title = "Only actions, one dropped"
[[goals.actions]]
task = "a"
status = "done"
[[goals.actions]]
task = "b"
status = "dropped"

[[goals]]
title = "Nothing to count, a metric with no current"
[goals.metric]
target = 3

[[goals]]
title = "Target equal to baseline"
[goals.metric]
baseline = 3
target = 3
current = 3
"#;
        expect_test::expect![[r#"
            2: title = "Finished long ago: pass the 2025 exam"⟨0/1⟩
            20: title = "Only a metric, with a baseline"⟨38%⟩
            21: deadline = 2027-01-01⟨in 39 days⟩
            28: title = "Only actions, one dropped"⟨1/1⟩
        "#]]
        .assert_eq(&hints_in(text));
        expect_test::expect![[r#"
            1: [[goals]] (no id): 0/1 actions · no metric · done · SMART 4/5 ✗R
            10: [[goals]] (no id): dropped
            19: [[goals]] (no id): no actions · metric 38% · in 39 days · SMART 3/5 ✗M ✗R
            27: [[goals]] (no id): 1/1 actions · no metric · no deadline · SMART 3/5 ✗R ✗T
            36: [[goals]] (no id): no actions · metric incomplete · no deadline · SMART 2/5 ✗M ✗R ✗T
            41: [[goals]] (no id): no actions · metric n/a · no deadline · SMART 2/5 ✗M ✗R ✗T
        "#]]
        .assert_eq(&lenses_in(text));
    }

    #[test]
    fn roadmap_dates_and_people() {
        let text = r#"[roadmap]
horizon = 2030-12-31
last_review = 2026-11-22

[[people]]
name = "Jordan"
last_met = 2026-09-30

[[people]]
name = "Soon"
last_met = 2026-11-23
"#;
        expect_test::expect![[r#"
            2: horizon = 2030-12-31⟨in 4 years 1 month⟩
            3: last_review = 2026-11-22⟨yesterday⟩
            7: last_met = 2026-09-30⟨54 days ago⟩
            11: last_met = 2026-11-23⟨today⟩
        "#]]
        .assert_eq(&hints_in(text));
    }

    #[test]
    fn horizon_distance_in_years_and_months() {
        let today = fixture::today();
        let distances: Vec<String> = [
            "2030-12-31",
            "2027-11-23",
            "2027-11-22",
            "2027-02-01",
            "2026-12-31",
            "2026-01-01",
        ]
        .iter()
        .map(|d| calendar_distance(crate::dates::parse_date(d).expect("date"), today))
        .collect();
        assert_eq!(
            distances,
            [
                "in 4 years 1 month",
                "in 1 year",
                "in 11 months",
                "in 2 months",
                "in 38 days",
                "10 months ago"
            ]
        );
    }

    #[test]
    fn broken_file_still_has_hints_and_lenses_around_the_error() {
        let text = fixture_text("broken-mid-edit.roadmap.toml");
        expect_test::expect![[r#"
            8: horizon = 2028-06-30⟨in 1 year 7 months⟩
            10: last_review = 2026-11-09⟨14 days ago⟩
            27: title = "Run 10 structured interviews for the iOS team"⟨0/1 · 60%⟩
            31: deadline = 2027-01-29⟨in 67 days⟩
            43: due = 2026-11-13⟨10 days overdue⟩
            49: title = "Hold weekly 1:1s with the 2 interns"⟨50%⟩
            52: deadline = 2027-01-29⟨in 67 days⟩
            64: title = "Move the iOS app to a 2-week release train"⟨0/1⟩
            72: due = 2026-12-04⟨in 11 days⟩
            78: title = "Port the settings screens to SwiftUI in 3 sprints"⟨0/1⟩
            83: deadline = 2027-02-26⟨in 95 days⟩
            88: due = 2026-12-11⟨in 18 days⟩
            94: title = "Sit on 4 hiring panels for the Android team"⟨0/1 · 50%⟩
            98: deadline = 2027-03-31⟨in 128 days⟩
            110: due = 2026-12-04⟨in 11 days⟩
            121: last_met = 2026-11-12⟨11 days ago⟩
        "#]]
        .assert_eq(&hints_in(&text));
        expect_test::expect![[r#"
            25: [[goals]] interviewer: 0/1 actions · metric 60% · in 67 days · SMART 5/5
            47: [[goals]] one-on-ones: no actions · metric 50% · in 67 days · SMART not scored: 1 error ?M ?A
            62: [[goals]] release-train: 0/1 actions · no metric · no deadline · SMART not scored: 1 error ?A ?T
            76: [[goals]] swiftui: 0/1 actions · no metric · in 95 days · SMART not scored: 1 error
            92: [[goals]] hiring-panel: 0/1 actions · metric 50% · in 128 days · SMART 5/5
        "#]]
        .assert_eq(&lenses_in(&text));
    }

    #[test]
    fn unicode_titles_and_inline_actions() {
        let text = fixture_text("unicode.roadmap.toml");
        expect_test::expect![[r#"
            9: horizon = 2028-12-31⟨in 2 years 1 month⟩
            11: last_review = 2026-11-10⟨13 days ago⟩
            37: title = "TOEICで850点を取る 🚀"⟨0/1 · 43%⟩
            41: deadline = 2027-06-30⟨in 219 days⟩
            53: due = 2027-05-28⟨in 186 days⟩
            61: title = "英語を頑張る"⟨0/1 · 38%⟩
            65: deadline = 2027-03-31⟨in 128 days⟩
            77: due = 2027-03-31⟨in 128 days⟩
            82: title = "完成 3 个 Rust 开源项目的 PR 👩‍💻"⟨1/2 · 33%⟩
            86: deadline = 2027-04-30⟨in 158 days⟩
            90:   { task = "👩‍💻 找一个 good first issue", due = 2026-12-04⟨in 11 days⟩, status = "doing" },
            103: title = "Run a café study group for 6 colleagues"⟨1/1 · 50%⟩
            107: deadline = 2027-01-29⟨in 67 days⟩
            130: last_met = 2026-09-18⟨66 days ago⟩
            137: last_met = 2026-10-20⟨34 days ago⟩
        "#]]
        .assert_eq(&hints_in(&text));
        expect_test::expect![[r#"
            35: [[goals]] toeic: 0/1 actions · metric 43% · in 219 days · SMART 5/5
            59: [[goals]] eigo: 0/1 actions · metric 38% · in 128 days · SMART 5/5
            80: [[goals]] rust-oss: 1/2 actions · metric 33% · in 158 days · SMART 5/5
            101: [[goals]] study-group: 1/1 actions · metric 50% · in 67 days · SMART 5/5
        "#]]
        .assert_eq(&lenses_in(&text));
    }

    #[test]
    fn only_hints_inside_the_range_are_returned() {
        let text = fixture_text("career.roadmap.toml");
        let analysis = fixture::analysis(&text);
        // The visible part: the first goal, from its header to the second.
        let start = text.find("[[goals]]").expect("a goal");
        let end = start + 1 + text[start + 1..].find("[[goals]]").expect("a second goal");
        let visible = inlay_hints(&analysis, Span::new(start, end));
        expect_test::expect![[r#"
             50: title = "Deliver five 20-minute presentations to my team"⟨1/2 · 80%⟩
             54: deadline = 2026-12-31⟨in 38 days⟩
             77: due = 2026-12-11⟨in 18 days⟩
        "#]]
        .assert_eq(&render_hints(&text, &visible));
        // The ends count: a hint right at either end is shown.
        let deadline = visible[1].offset;
        assert_eq!(
            inlay_hints(&analysis, Span::empty(deadline)),
            [visible[1].clone()]
        );
        assert_eq!(inlay_hints(&analysis, Span::new(0, start)).len(), 2);
        assert!(inlay_hints(&analysis, Span::new(text.len(), text.len() + 100)).is_empty());
    }

    #[test]
    fn tooltips_say_what_the_numbers_mean() {
        let text = fixture_text("career.roadmap.toml");
        let analysis = fixture::analysis(&text);
        let hints = inlay_hints(&analysis, whole(&text));
        let tooltips: Vec<String> = hints
            .iter()
            .filter(|h| {
                text[..h.offset].ends_with("presentations to my team\"")
                    || text[..h.offset].ends_with("deadline = 2026-12-31")
            })
            .map(|h| format!("{:?} {}", h.kind, h.tooltip.clone().unwrap_or_default()))
            .collect();
        expect_test::expect![[r#"
            Progress 1 of 2 actions done; metric 4 of 5 presentations (from 0), 80% of the way
            DaysLeft Thursday 31 December 2026 (today is Monday 23 November 2026)"#]]
        .assert_eq(&tooltips.join("\n"));
    }

    #[test]
    fn nothing_panics_on_any_fixture_any_range_or_empty_text() {
        let empty = fixture::analysis("");
        assert!(inlay_hints(&empty, Span::new(0, 10)).is_empty());
        assert!(code_lenses(&empty).is_empty());
        let dir = format!("{}/fixtures", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(dir).expect("fixtures directory") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|ext| ext != "toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("fixture");
            let analysis = fixture::analysis(&text);
            for hint in inlay_hints(&analysis, Span::new(0, usize::MAX)) {
                assert!(text.is_char_boundary(hint.offset), "{path:?} {hint:?}");
            }
            for lens in code_lenses(&analysis) {
                assert_eq!(text.get(lens.span.range()), Some("[[goals]]"), "{path:?}");
            }
            // The text cut at each line's start and middle, as when the end
            // of a file is being typed (every byte would take far longer
            // and find nothing more: the hints never index the text).
            let cuts = text.split_inclusive('\n').scan(0, |start, line| {
                let middle = *start + line.len() / 2;
                let cut = (*start, (middle..).find(|&at| text.is_char_boundary(at)));
                *start += line.len();
                Some(cut)
            });
            for cut in cuts
                .flat_map(|(start, middle)| [Some(start), middle])
                .flatten()
            {
                let prefix = &text[..cut];
                let analysis = fixture::analysis(prefix);
                for hint in inlay_hints(&analysis, whole(prefix)) {
                    assert!(prefix.is_char_boundary(hint.offset), "{path:?} {cut}");
                }
                code_lenses(&analysis);
            }
        }
    }
}
