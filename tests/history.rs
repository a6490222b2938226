//! `roadmap-lsp history` on repositories built commit by commit, with the
//! dates set: the metric's path, renames, shallow clones, no repository.

use std::path::Path;
use std::process::{Command, Output};

use roadmap_lsp::testing::git::Repo;
use serde_json::Value;
use tempfile::TempDir;

fn roadmap(current: u32, status: &str) -> String {
    format!(
        r#"[roadmap]
title = "Speaking"
vision = "Senior engineer who speaks at two conferences a year by 2028"
review_every = "1 month"

[[goals]]
id = "talks"
title = "Give 6 talks at meetups"
why = "Visibility outside the team"
start = 2026-01-01
deadline = 2026-12-31
status = "{status}"

[goals.metric]
measure = "talks given"
unit = "talks"
baseline = 0
target = 6
current = {current}
"#
    )
}

fn history(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"))
        .current_dir(dir)
        .arg("history")
        .args(args)
        .env("ROADMAP_TODAY", "2026-06-01")
        .output()
        .expect("the binary runs")
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// `(date, current)` of each change of the goal `id`.
fn path_of(value: &Value, id: &str) -> Vec<(String, i64)> {
    let goal = value["goals"]
        .as_array()
        .expect("goals")
        .iter()
        .find(|g| g["id"] == id)
        .expect("the goal");
    goal["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["date"].as_str().expect("a date").to_string(),
                c["current"].as_i64().expect("a whole number"),
            )
        })
        .collect()
}

fn three_commits(dir: &Path) -> Repo {
    let mut repo = Repo::init(dir);
    repo.write("career.roadmap.toml", &roadmap(1, "in-progress"));
    repo.commit("2026-01-10", "Start tracking talks");
    repo.write("career.roadmap.toml", &roadmap(3, "in-progress"));
    repo.commit("2026-02-14", "Two more talks");
    repo.write("career.roadmap.toml", &roadmap(6, "done"));
    repo.commit("2026-03-20", "Six talks: done");
    repo
}

#[test]
fn the_json_shows_the_metric_going_1_3_6_with_the_commit_dates() {
    let dir = TempDir::new().unwrap();
    three_commits(dir.path());
    let value = json(&history(
        dir.path(),
        &["career.roadmap.toml", "--format", "json"],
    ));
    assert_eq!(
        path_of(&value, "talks"),
        [
            ("2026-01-10".to_string(), 1),
            ("2026-02-14".to_string(), 3),
            ("2026-03-20".to_string(), 6)
        ]
    );
    let changes = &value["goals"][0]["changes"];
    assert_eq!(changes[2]["status"], "done");
    assert_eq!(changes[1]["progress"], 0.5);
    assert_eq!(value["commits"].as_array().unwrap().len(), 3);
    assert_eq!(value["shallow"], false);
    // The folder form finds the same roadmap.
    let from_folder = json(&history(dir.path(), &["--format", "json"]));
    assert_eq!(path_of(&from_folder, "talks").len(), 3);
}

#[test]
fn since_keeps_the_later_changes_and_every_format_shows_them() {
    let dir = TempDir::new().unwrap();
    three_commits(dir.path());
    let value = json(&history(
        dir.path(),
        &[
            "career.roadmap.toml",
            "--format",
            "json",
            "--since",
            "2026-02-01",
        ],
    ));
    assert_eq!(path_of(&value, "talks").len(), 2);
    let human = history(dir.path(), &["career.roadmap.toml"]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("talks — Give 6 talks at meetups"), "{text}");
    assert!(text.contains("2026-02-14"), "{text}");
    assert!(text.contains("3 talks"), "{text}");
    assert!(text.contains("Overall progress"), "{text}");
    let markdown = history(dir.path(), &["career.roadmap.toml", "--format", "markdown"]);
    let text = String::from_utf8(markdown.stdout).unwrap();
    assert!(text.contains("| 2026-03-20 |"), "{text}");
    assert!(text.contains("| 6 talks | done | 100% |"), "{text}");
}

#[test]
fn a_renamed_roadmap_keeps_its_history() {
    let dir = TempDir::new().unwrap();
    let mut repo = Repo::init(dir.path());
    repo.write("plan.roadmap.toml", &roadmap(1, "in-progress"));
    repo.commit("2026-01-10", "Start");
    // Renamed and edited in the same commit.
    repo.remove("plan.roadmap.toml");
    repo.write("docs/career.roadmap.toml", &roadmap(3, "in-progress"));
    repo.commit("2026-02-14", "Move the plan to docs/");
    repo.write("docs/career.roadmap.toml", &roadmap(6, "done"));
    repo.commit("2026-03-20", "Done");
    let value = json(&history(
        dir.path(),
        &["docs/career.roadmap.toml", "--format", "json"],
    ));
    let currents: Vec<i64> = path_of(&value, "talks")
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    assert_eq!(currents, [1, 3, 6]);
    assert_eq!(value["commits"][0]["path"], "plan.roadmap.toml");
    assert_eq!(value["path"], "docs/career.roadmap.toml");
}

#[test]
fn uncommitted_changes_come_last_dated_today() {
    let dir = TempDir::new().unwrap();
    three_commits(dir.path());
    std::fs::write(dir.path().join("career.roadmap.toml"), roadmap(7, "done")).unwrap();
    let value = json(&history(
        dir.path(),
        &["career.roadmap.toml", "--format", "json"],
    ));
    let path = path_of(&value, "talks");
    assert_eq!(path.last(), Some(&("2026-06-01".to_string(), 7)));
    assert_eq!(value["goals"][0]["changes"][3]["commit"], Value::Null);
}

#[test]
fn a_shallow_clone_is_a_note_not_an_error() {
    let dir = TempDir::new().unwrap();
    three_commits(dir.path());
    // The clone's boundary: the second commit's parent was not fetched.
    let value = json(&history(
        dir.path(),
        &["career.roadmap.toml", "--format", "json"],
    ));
    let second = value["commits"][1]["commit"].as_str().unwrap().to_string();
    std::fs::write(dir.path().join(".git/shallow"), format!("{second}\n")).unwrap();
    let output = history(dir.path(), &["career.roadmap.toml", "--format", "json"]);
    let value = json(&output);
    assert_eq!(value["shallow"], true);
    let currents: Vec<i64> = path_of(&value, "talks")
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    assert_eq!(currents, [3, 6]);
    let note = value["note"].as_str().unwrap();
    assert!(note.contains("shallow clone"), "{note}");
    let human = history(dir.path(), &["career.roadmap.toml"]);
    assert!(human.status.success());
    assert!(String::from_utf8_lossy(&human.stdout).contains("note: this is a shallow clone"));
}

#[test]
fn outside_a_repository_there_is_no_history_and_no_error() {
    let dir = TempDir::new().unwrap();
    // A folder of its own, not inside any repository the tests run in.
    std::fs::write(dir.path().join("career.roadmap.toml"), roadmap(1, "todo")).unwrap();
    let value = json(&history(
        dir.path(),
        &["career.roadmap.toml", "--format", "json"],
    ));
    assert_eq!(value["commits"].as_array().unwrap().len(), 0);
    assert!(
        value["note"]
            .as_str()
            .unwrap()
            .contains("not inside a git repository")
    );
}
