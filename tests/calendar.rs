//! `roadmap-lsp calendar` and `agenda --format ics`, parsed back with the
//! icalendar crate: valid RFC 5545, the events expected, stable and unique
//! UIDs, text escaped, lines folded.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};

use icalendar::parser::{Component, read_calendar, unfold};
use tempfile::TempDir;

const ROADMAP: &str = r#"[roadmap]
title = "Senior PM; by 2030, with \"quotes\" \\ and a very long title that will need folding, 漢字 and 🚀 emoji"
owner = "Alex Doe"
vision = "Lead a team of five as a Senior Project Manager by 2030"
horizon = 2030-12-31
review_every = "1 month"
last_review = 2026-11-01

[[goals]]
id = "speak-up"
title = "Deliver a 20-minute presentation to my team"
deadline = 2026-12-31
status = "in-progress"
owner = "Alex"

[[goals.actions]]
task = "Finish a public speaking course"
due = 2026-12-10
owner = "Alex"

[[goals.actions]]
task = "Book the room"
due = 2026-11-01
status = "done"

[[goals.actions]]
task = "Practise the talk"
every = "1 week"
last_done = 2026-11-20
owner = "Sam"

[[goals]]
id = "done-one"
title = "Finished goal"
deadline = 2026-06-30
status = "done"

[[people]]
name = "Jordan Lee"
role = "mentor"
meet_every = "2 weeks"
last_met = 2026-11-12
"#;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"))
        .current_dir(dir)
        .args(args)
        .env("ROADMAP_TODAY", "2026-11-23")
        .output()
        .expect("the binary runs")
}

fn events<'a>(calendar: &'a icalendar::parser::Calendar<'a>) -> Vec<&'a Component<'a>> {
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect()
}

fn prop(event: &Component, name: &str) -> Option<String> {
    event.find_prop(name).map(|p| p.val.to_string())
}

#[test]
fn the_calendar_parses_with_recurring_events_and_unique_uids() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("career.roadmap.toml"), ROADMAP).unwrap();
    let output = run(dir.path(), &["calendar", "career.roadmap.toml"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets: {line}", line.len());
    }
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "bare LF line ends"
    );
    let unfolded = unfold(&text);
    assert!(unfolded.contains(r#"Senior PM\; by 2030\, with "quotes" \\ and"#));
    let calendar = read_calendar(&unfolded).expect("valid iCalendar");
    let events = events(&calendar);
    let summaries: Vec<String> = events.iter().filter_map(|e| prop(e, "SUMMARY")).collect();
    assert_eq!(
        summaries,
        [
            "Deadline: Deliver a 20-minute presentation to my team",
            "Finish a public speaking course",
            "Practise the talk",
            // Escaped in the file, read back as written.
            "Review the roadmap \"Senior PM; by 2030, with \"quotes\" \\ and a very long title that will need folding, 漢字 and 🚀 emoji\"",
            "Meet Jordan Lee",
        ]
    );
    let uids: HashSet<String> = events.iter().filter_map(|e| prop(e, "UID")).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    let rules: Vec<String> = events.iter().filter_map(|e| prop(e, "RRULE")).collect();
    assert_eq!(
        rules,
        [
            "FREQ=WEEKLY;UNTIL=20261231",
            "FREQ=MONTHLY;UNTIL=20301231",
            "FREQ=WEEKLY;INTERVAL=2"
        ]
    );
    let practise = events
        .iter()
        .find(|e| prop(e, "SUMMARY").as_deref() == Some("Practise the talk"))
        .unwrap();
    assert_eq!(prop(practise, "DTSTART").as_deref(), Some("20261127"));
    for event in &events {
        for required in ["UID", "DTSTAMP", "DTSTART"] {
            assert!(event.find_prop(required).is_some(), "{required} missing");
        }
    }
}

#[test]
fn uids_stay_when_dates_move_and_the_folder_differs() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    std::fs::write(dir.path().join("plans/career.roadmap.toml"), ROADMAP).unwrap();
    let uids = |dir: &Path, path: &str| -> Vec<String> {
        let output = run(dir, &["calendar", path]);
        let text = String::from_utf8(output.stdout).unwrap();
        let unfolded = unfold(&text);
        let calendar = read_calendar(&unfolded).unwrap();
        events(&calendar)
            .iter()
            .filter_map(|e| prop(e, "UID"))
            .collect()
    };
    let before = uids(dir.path(), "plans/career.roadmap.toml");
    let moved = ROADMAP.replace("deadline = 2026-12-31", "deadline = 2027-02-28");
    std::fs::write(dir.path().join("plans/career.roadmap.toml"), moved).unwrap();
    let after = uids(&dir.path().join("plans"), "career.roadmap.toml");
    assert_eq!(before, after);
}

#[test]
fn output_files_never_replace_a_roadmap() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("career.roadmap.toml"), ROADMAP).unwrap();
    let refused = run(
        dir.path(),
        &[
            "calendar",
            "career.roadmap.toml",
            "-o",
            "career.roadmap.toml",
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("career.roadmap.toml")).unwrap(),
        ROADMAP
    );
    let written = run(
        dir.path(),
        &["calendar", "career.roadmap.toml", "-o", "plan.ics"],
    );
    assert!(written.status.success());
    let text = std::fs::read_to_string(dir.path().join("plan.ics")).unwrap();
    assert!(read_calendar(&unfold(&text)).is_ok());
}

#[test]
fn the_agenda_as_ics_holds_the_window_only() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("career.roadmap.toml"), ROADMAP).unwrap();
    let output = run(dir.path(), &["agenda", "--format", "ics", "--within", "7"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("valid iCalendar");
    let summaries: Vec<String> = events(&calendar)
        .iter()
        .filter_map(|e| prop(e, "SUMMARY"))
        .collect();
    // Due 2026-11-27 (a week after last done) and the mentor on 11-26; the
    // course (12-10) and the deadline are further out.
    assert_eq!(summaries, ["Practise the talk", "meet Jordan Lee"]);
    assert!(
        events(&calendar)
            .iter()
            .all(|e| e.find_prop("RRULE").is_none())
    );
}
