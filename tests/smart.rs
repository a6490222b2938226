//! The SMART letters mean the letters, everywhere: one verdict per goal
//! (`ide::smart::verdict`) read by the hover, the code lens, the outline
//! and the report, with the spec's mapping of rules to letters; overdue
//! beside the letters, not a T; a goal with an error never 5/5.

mod common;

use roadmap_lsp::config::Settings;
use roadmap_lsp::ide::smart::{self, Mark};
use roadmap_lsp::ide::{hints, hover, navigation};
use roadmap_lsp::report::{self, Format, Overview};
use roadmap_lsp::rules::Letter;
use roadmap_lsp::{Analysis, analyze};

fn analysis(text: &str) -> Analysis {
    analyze(text, common::today(), &Settings::default())
}

/// Each goal's id and its letters as "S✓ M✗ A? R✓ T✓".
fn letters(text: &str) -> Vec<String> {
    let analysis = analysis(text);
    analysis
        .roadmap
        .goals
        .iter()
        .zip(smart::verdicts(&analysis))
        .map(|(goal, verdict)| {
            let id = goal.id.as_ref().map_or("?", |id| id.value.as_str());
            let marks: Vec<String> = verdict
                .letters
                .iter()
                .map(|(letter, mark)| format!("{}{}", letter.as_char(), mark.symbol()))
                .collect();
            format!("{id}: {}", marks.join(" "))
        })
        .collect()
}

/// Fields every goal below shares, so that only what a test varies fails.
const GOOD: &str = "why = \"the vision\"\n";

fn goal(id: &str, keys: &str) -> String {
    format!(
        "[[goals]]\nid = \"{id}\"\ntitle = \"Run 3 workshops for the {id} team\"\n{GOOD}{keys}\n"
    )
}

#[test]
fn overcommitted_fails_achievable_on_every_active_goal_it_names() {
    let mut text = String::new();
    for id in ["a", "b", "c", "d", "e", "f"] {
        text.push_str(&goal(id, "deadline = 2027-06-30\nstatus = \"in-progress\""));
    }
    text.push_str(&goal("done", "deadline = 2026-06-30\nstatus = \"done\""));
    let found = letters(&text);
    for line in &found[..6] {
        assert!(line.ends_with("A✗ R✓ T✓"), "{line}");
    }
    assert!(found[6].ends_with("A✓ R✓ T✓"), "{}", found[6]);
}

#[test]
fn every_goal_in_a_cycle_fails_achievable() {
    let text = [
        goal("a", "deadline = 2027-06-30\ndepends_on = [\"b\"]"),
        goal("b", "deadline = 2027-06-30\ndepends_on = [\"c\"]"),
        goal("c", "deadline = 2027-06-30\ndepends_on = [\"a\"]"),
        goal("outside", "deadline = 2027-06-30\ndepends_on = [\"a\"]"),
    ]
    .concat();
    let found = letters(&text);
    for line in &found[..3] {
        assert!(line.contains("A✗"), "{line}");
    }
    assert!(found[3].contains("A✓"), "{}", found[3]);
}

#[test]
fn overdue_is_the_schedule_not_a_missing_t() {
    let text = [
        goal("late", "deadline = 2026-10-01"),
        goal(
            "late-action",
            "deadline = 2027-06-30\n[[goals.actions]]\ntask = \"x\"\ndue = 2026-10-01\nowner = \"me\"",
        ),
        goal("undated", ""),
    ]
    .concat();
    let found = letters(&text);
    assert!(found[0].ends_with("T✓"), "{}", found[0]);
    assert!(found[1].ends_with("T✓"), "{}", found[1]);
    assert!(found[2].ends_with("T✗"), "{}", found[2]);
    let analysis = analysis(&text);
    let verdicts = smart::verdicts(&analysis);
    assert_eq!(verdicts[0].schedule.words().as_deref(), Some("overdue"));
    assert_eq!(
        verdicts[1].schedule.words().as_deref(),
        Some("1 action overdue")
    );
    assert_eq!(verdicts[2].schedule.words(), None);
}

#[test]
fn each_rule_fails_its_own_letter() {
    let text = [
        // M: done short of the target, and a target equal to the baseline.
        goal(
            "short",
            "deadline = 2026-06-30\nstatus = \"done\"\n[goals.metric]\nunit = \"workshops\"\ntarget = 3\ncurrent = 1",
        ),
        goal(
            "flat",
            "deadline = 2027-06-30\n[goals.metric]\nunit = \"workshops\"\nbaseline = 3\ntarget = 3\ncurrent = 3",
        ),
        // A: due before the goal it depends on.
        goal("early", "deadline = 2026-12-31\ndepends_on = [\"flat\"]"),
        // R: nothing ties it to the vision.
        "[[goals]]\nid = \"loose\"\ntitle = \"Run 3 workshops for the loose team\"\ndeadline = 2027-06-30\n".to_string(),
    ]
    .concat();
    let found = letters(&text);
    assert_eq!(
        found,
        [
            "short: S✓ M✗ A✓ R✓ T✓",
            "flat: S✓ M✗ A✓ R✓ T✓",
            "early: S✓ M✓ A✗ R✓ T✓",
            "loose: S✓ M✓ A✓ R✗ T✓",
        ]
    );
}

#[test]
fn an_unreadable_value_leaves_its_letters_unknown_and_an_error_is_never_five() {
    let text = [
        goal("typed", "deadline = 2026-13-01"),
        goal("flagged", "deadline = 2027-06-30\nurgent = \"yes\""),
        goal("fine", "deadline = 2027-06-30"),
    ]
    .concat();
    let analysis = analysis(&text);
    let verdicts = smart::verdicts(&analysis);
    // A deadline that is no date: T is not passed, nor called missing.
    assert_eq!(
        verdicts[0].mark(Letter::T),
        Some(&Mark::Unknown(vec!["deadline"]))
    );
    assert_eq!(verdicts[0].mark(Letter::S), Some(&Mark::Pass));
    // An error no letter needs still stops the score.
    assert!(
        verdicts[1]
            .letters
            .iter()
            .all(|(_, mark)| *mark == Mark::Pass)
    );
    assert_eq!(verdicts[1].score(), None);
    assert_eq!(verdicts[1].short(), "SMART not scored: 1 error");
    assert_eq!(verdicts[2].score(), Some(5));

    // The same verdict in every place that shows one.
    let lenses = hints::code_lenses(&analysis);
    let outline = navigation::document_symbols(&analysis);
    let goals: Vec<_> = outline
        .iter()
        .filter(|s| s.name.starts_with("Run 3"))
        .collect();
    for (index, verdict) in verdicts.iter().enumerate() {
        assert!(
            lenses[index].title.ends_with(&verdict.short()),
            "{}",
            lenses[index].title
        );
        let detail = goals[index].detail.as_deref().unwrap_or_default();
        assert!(detail.ends_with(&verdict.short()), "{detail}");
    }
    for (index, id) in ["typed", "flagged"].iter().enumerate() {
        let id_at = text.find(&format!("id = \"{id}\"")).expect("the goal");
        let at = text[..id_at].rfind("[[goals]]").expect("its header");
        let card = hover::hover(&analysis, &text, at)
            .expect("a hover")
            .markdown;
        assert!(!card.contains("(5/5)"), "{card}");
        if index == 0 {
            assert!(card.contains("T ?"), "{card}");
            assert!(
                card.contains("`deadline` is written but cannot be read"),
                "{card}"
            );
        } else {
            assert!(
                card.contains("not scored: 1 error in this goal, `invalid-value`"),
                "{card}"
            );
        }
    }
    let overview = Overview::new("t.roadmap.toml", &text, &analysis);
    let html = report::render(&overview, Format::Html);
    let markdown = report::render(&overview, Format::Markdown);
    assert_eq!(html.matches("5/5").count(), 1, "only `fine` scores 5/5");
    assert!(html.contains("not scored: 1 error"));
    assert!(html.contains("title=\"Time-bound: `deadline`".replace('`', "").as_str()));
    assert_eq!(markdown.matches("✓ all five").count(), 1);
    assert!(markdown.contains("not scored: 1 error"));
    assert!(markdown.contains("? T (Time-bound)"));
}

#[test]
fn the_report_tooltips_give_the_reason() {
    let text = goal("undated", "");
    let analysis = analysis(&text);
    let html = report::render(
        &Overview::new("t.roadmap.toml", &text, &analysis),
        Format::Html,
    );
    let tooltip = html
        .split("title=\"Time-bound: ")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a T tooltip");
    assert!(
        tooltip.starts_with("fails. goal undated has no deadline"),
        "{tooltip}"
    );
}

/// The issue's Figma goal, with `target = "high"`, in every output: the
/// wrong value is reported, nothing it does not feed goes quiet, and the
/// goal scores no 5/5 anywhere.
#[test]
fn a_wrong_target_hides_nothing_in_check_editor_report_or_agenda() {
    let text = r#"[roadmap]
vision = "Lead the design team of a consumer app by 2029"
horizon = 2029-12-31

[[goals]]
id = "figma"
title = "Get good at Figma"
deadline = 2027-03-31

[goals.metric]
target = "high"

[[goals]]
id = "talks"
title = "Give 2 talks at design meetups"
why = "Visibility"
deadline = 2027-06-30

[goals.metric]
unit = "talks"
target = "2 or 3"
current = 0

[[goals.actions]]
task = "Submit to the Berlin meetup"
due = 2026-11-30
owner = "me"
"#;
    let analysis = analysis(text);
    let codes: Vec<&str> = analysis.diagnostics.iter().map(|d| d.rule.code()).collect();
    for code in [
        "invalid-value",
        "no-actions",
        "unlinked-goal",
        "unmeasurable-metric",
        "vague-goal",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    // The talks metric's target is unreadable: no claim that it has none.
    let talks_unmeasurable = analysis.diagnostics.iter().any(|d| {
        d.rule.code() == "unmeasurable-metric"
            && d.span.start() > text.find("id = \"talks\"").unwrap()
    });
    assert!(!talks_unmeasurable, "{codes:?}");

    // Editor: the lens, the outline and the hover score neither goal.
    let verdicts = smart::verdicts(&analysis);
    assert!(verdicts.iter().all(|v| v.score().is_none()));
    for lens in hints::code_lenses(&analysis) {
        assert!(!lens.title.contains("5/5"), "{}", lens.title);
    }
    for symbol in navigation::document_symbols(&analysis) {
        let detail = symbol.detail.unwrap_or_default();
        assert!(!detail.contains("5/5"), "{detail}");
    }
    for id in ["figma", "talks"] {
        let at = text.find(&format!("id = \"{id}\"")).unwrap();
        let card = hover::hover(&analysis, text, at - 10)
            .expect("a hover")
            .markdown;
        assert!(!card.contains("(5/5)"), "{card}");
    }

    // Report: no green 5/5, the problems listed.
    let overview = Overview::new("t.roadmap.toml", text, &analysis);
    let html = report::render(&overview, Format::Html);
    let markdown = report::render(&overview, Format::Markdown);
    assert!(!html.contains("5/5"), "a 5/5 in the HTML");
    assert_eq!(markdown.matches("✓ all five").count(), 0);
    for code in ["no-actions", "unlinked-goal", "invalid-value"] {
        assert!(html.contains(code), "{code} in the HTML");
        assert!(markdown.contains(code), "{code} in the Markdown");
    }

    // Agenda: the action of the goal with the wrong target is still due.
    let agenda = roadmap_lsp::agenda::Agenda::filtered(
        common::today(),
        [roadmap_lsp::agenda::Source {
            file: "t.roadmap.toml",
            text,
            analysis: &analysis,
        }],
        &Default::default(),
    );
    assert!(
        agenda
            .items
            .iter()
            .any(|item| item.title.contains("Submit to the Berlin meetup")),
        "{:?}",
        agenda.items
    );
}
