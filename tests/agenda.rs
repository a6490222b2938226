//! `roadmap-lsp agenda` on the command line: grouping and `file:line`
//! across folders, the three formats, and paths that cannot be read.

mod common;

use std::process::Command;

use expect_test::expect;

fn agenda(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ROADMAP_TODAY")
        .arg("agenda")
        .args(["--today", common::TODAY])
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn human_output_groups_and_aligns_with_file_and_line() {
    let output = agenda(&[
        "fixtures/career.roadmap.toml",
        "fixtures/clean.roadmap.toml",
    ]);
    assert_eq!(output.status.code(), Some(0));
    expect![[r#"
        Agenda for 2026-11-23 (2 roadmaps)

        Overdue (1)
          fixtures/career.roadmap.toml:103  2026-11-15  8 days overdue   [schedule] Complete the 35 contact hours of PM training (action of Pass the PMP certification exam) [owner: me]

        Due in the next 30 days (4)
          fixtures/career.roadmap.toml:77   2026-12-11  in 18 days       [schedule] Present the Q4 delivery update at the December all-hands (action of Deliver five 20-minute presentations to my team) [owner: me]
          fixtures/clean.roadmap.toml:120   2026-12-11  in 18 days       Agree the list of 12 metrics with finance (action of Document our 12 core revenue metrics in the wiki) [owner: me]
          fixtures/career.roadmap.toml:136  2026-12-15  in 22 days       [schedule] Ask Sam to let me shadow the Q1 forecast (action of Own the budget for one client project end to end) [owner: me]
          fixtures/clean.roadmap.toml:61    2026-12-18  in 25 days       [schedule] Rebuild the orders mart as a dbt project at home (action of Pass the dbt Analytics Engineering certification exam) [owner: me]

        Needs a review (1)
          fixtures/career.roadmap.toml:10   2026-11-30  in 7 days        review the roadmap "Senior Project Manager by 2030" (every 1 month, last 2026-10-30)

        Mentors to meet (2)
          fixtures/career.roadmap.toml:202  2026-09-20  64 days overdue  meet Priya Raman (sponsor, every 1 month, last met 2026-08-20)
          fixtures/clean.roadmap.toml:187   2026-11-27  in 4 days        meet Lena Fischer (contact, every 2 weeks, last met 2026-11-13)
    "#]]
    .assert_eq(&String::from_utf8_lossy(&output.stdout));
}

#[test]
fn json_lists_every_group_even_empty_ones() {
    let output = agenda(&["--format", "json", "fixtures/career.roadmap.toml"]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["today"], common::TODAY);
    assert_eq!(json["files"], 1);
    let groups: Vec<&str> = json["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["group"].as_str().expect("a name"))
        .collect();
    assert_eq!(
        groups,
        [
            "overdue",
            "next-7-days",
            "next-30-days",
            "later",
            "needs-review",
            "meet-mentors"
        ]
    );
    let overdue = &json["groups"][0]["items"][0];
    assert_eq!(overdue["file"], "fixtures/career.roadmap.toml");
    assert_eq!(overdue["line"], 103);
    assert_eq!(overdue["kind"], "action");
    assert_eq!(overdue["when"], "8 days overdue");
}

#[test]
fn markdown_links_each_item_to_its_line() {
    let output = agenda(&["--format", "markdown", "fixtures/career.roadmap.toml"]);
    let markdown = String::from_utf8_lossy(&output.stdout);
    assert!(
        markdown.starts_with("# Agenda for 2026-11-23\n"),
        "{markdown}"
    );
    assert!(
        markdown
            .contains("[fixtures/career.roadmap.toml:103](<fixtures/career.roadmap.toml#L103>)"),
        "{markdown}"
    );
}

#[test]
fn unreadable_paths_cost_status_2_but_the_rest_is_listed() {
    let output = agenda(&["no-such-folder", "fixtures/career.roadmap.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "error: no-such-folder: No such file or directory"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("fixtures/career.roadmap.toml:103"));
}

const TEAM: &str = r#"[roadmap]
title = "Platform team"
owner = "Dana"
vision = "Run the platform team's on-call with two people per rotation by 2027"
last_review = 2026-11-20

[[goals]]
id = "later"
title = "Write the on-call handbook"
deadline = 2026-12-01
owner = "Sam"
important = true

[[goals]]
id = "fire"
title = "Fix the paging outage runbook"
deadline = 2026-12-02
urgent = true
important = true

[[goals.actions]]
task = "Draft the pager rota"
due = 2026-11-25
owner = "Lee"
status = "in-progress"

[[goals]]
id = "far"
title = "Migrate the dashboards to Grafana 11"
deadline = 2027-02-15
status = "blocked"
important = false
"#;

fn team_agenda(filter: roadmap_lsp::agenda::Filter) -> Vec<String> {
    let today = roadmap_lsp::dates::parse_date("2026-11-23").unwrap();
    let analysis = roadmap_lsp::analyze(TEAM, today, &roadmap_lsp::config::Settings::default());
    let agenda = roadmap_lsp::agenda::Agenda::filtered(
        today,
        [roadmap_lsp::agenda::Source {
            file: "team.roadmap.toml",
            text: TEAM,
            analysis: &analysis,
        }],
        &filter,
    );
    agenda
        .items
        .iter()
        .map(|i| {
            format!(
                "{:?} {} {:?} {:?}",
                i.group,
                i.title,
                i.owner,
                i.quadrant.map(|q| q.as_str())
            )
        })
        .collect()
}

#[test]
fn sections_are_ordered_by_eisenhower_quadrant_and_show_owners() {
    use roadmap_lsp::agenda::Filter;
    assert_eq!(
        team_agenda(Filter::default()),
        [
            r#"Next7Days Draft the pager rota Some("Lee") Some("do first")"#,
            r#"Next30Days goal: Fix the paging outage runbook None Some("do first")"#,
            r#"Next30Days goal: Write the on-call handbook Some("Sam") Some("schedule")"#,
            r#"NeedsReview blocked goal: Migrate the dashboards to Grafana 11 None Some("eliminate")"#,
        ]
    );
}

#[test]
fn owner_within_and_status_filters_narrow_the_agenda() {
    use roadmap_lsp::agenda::Filter;
    use roadmap_lsp::model::Status;
    // A goal's owner; the action's owner; goals with no owner belong to
    // the roadmap's owner.
    let sam = team_agenda(Filter {
        owner: Some("sam".into()),
        ..Filter::default()
    });
    assert_eq!(sam.len(), 1, "{sam:?}");
    let lee = team_agenda(Filter {
        owner: Some(" Lee ".into()),
        ..Filter::default()
    });
    assert_eq!(
        lee,
        [r#"Next7Days Draft the pager rota Some("Lee") Some("do first")"#]
    );
    let dana = team_agenda(Filter {
        owner: Some("Dana".into()),
        ..Filter::default()
    });
    // Dana owns the roadmap: the goals without an owner, and the action
    // of one of them that Lee does.
    assert_eq!(dana.len(), 3 + 1, "{dana:?}");
    let week = team_agenda(Filter {
        within: Some(7),
        ..Filter::default()
    });
    assert_eq!(week.len(), 1, "{week:?}");
    // A wider window lists what is due later.
    let quarter = team_agenda(Filter {
        within: Some(90),
        ..Filter::default()
    });
    assert!(
        quarter.iter().any(|i| i.starts_with("Later goal: Migrate")),
        "{quarter:?}"
    );
    let blocked = team_agenda(Filter {
        statuses: vec![Status::Blocked],
        ..Filter::default()
    });
    assert_eq!(blocked.len(), 1, "{blocked:?}");
}

/// The agenda says "never reviewed" exactly when `check` reports
/// never-reviewed: both read the review from `model::review_state`.
#[test]
fn never_reviewed_in_the_agenda_is_the_never_reviewed_diagnostic() {
    let today = common::today();
    let cases = [
        // Started 266 days ago, reviewed never: overdue.
        "[roadmap]\nreview_every = \"2 months\"\n[[goals]]\nid = \"a\"\nstart = 2026-03-02\n",
        // Started a week ago: the first review is still ahead.
        "[roadmap]\n[[goals]]\nid = \"a\"\nstart = 2026-11-16\n",
        // No start date: nothing to count from.
        "[roadmap]\n[[goals]]\nid = \"a\"\n",
        // Reviewed.
        "[roadmap]\nlast_review = 2026-11-01\n[[goals]]\nid = \"a\"\nstart = 2026-03-02\n",
        // A review logged without its date: when is not known.
        "[[goals]]\nid = \"a\"\nstart = 2026-03-02\n[[reviews]]\nnotes = \"x\"\n",
        // No [roadmap] table at all, started long ago.
        "[[goals]]\nid = \"a\"\nstart = 2025-01-06\n",
    ];
    let mut agreed = Vec::new();
    for text in cases {
        let analysis = roadmap_lsp::analyze(text, today, &Default::default());
        let diagnosed = analysis
            .diagnostics
            .iter()
            .any(|d| d.rule == roadmap_lsp::Rule::NeverReviewed);
        let agenda = roadmap_lsp::agenda::Agenda::filtered(
            today,
            [roadmap_lsp::agenda::Source {
                file: "r.roadmap.toml",
                text,
                analysis: &analysis,
            }],
            &Default::default(),
        );
        let listed = agenda
            .items
            .iter()
            .any(|item| agenda.when(item) == "never reviewed");
        assert_eq!(diagnosed, listed, "{text}");
        agreed.push(diagnosed);
    }
    assert_eq!(agreed, [true, false, false, false, false, true]);
}
