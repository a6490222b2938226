use super::*;
use crate::ide::fixture;

/// The hovered text in brackets, then the Markdown.
fn hover_at(text_with_cursor: &str) -> String {
    let (text, offset) = fixture::cursor(text_with_cursor);
    render(&text, offset)
}

fn render(text: &str, offset: usize) -> String {
    let analysis = fixture::analysis(text);
    match hover(&analysis, text, offset) {
        None => "no hover".to_string(),
        Some(hover) => format!(
            "[{}]\n{}",
            text.get(hover.span.range())
                .unwrap_or("<not on a char boundary>"),
            hover.markdown
        ),
    }
}

/// A fixture file with the cursor `delta` bytes into the first `needle`.
fn in_fixture(name: &str, needle: &str, delta: usize) -> String {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let at = text.find(needle).expect("needle in fixture") + delta;
    render(&text, at)
}

const GOAL: &str = r#"[roadmap]
vision = "Lead a team of five"

[[skills]]
id = "speaking"
current = 2
required = 4

[[goals]]
id = "speak-up"
title = "Deliver five 20-minute presentations to my team"
why = "Senior PMs run steering meetings"
skills = ["speaking"]
start = 2026-08-01
deadline = 2026-12-31
status = "in-progress"

[goals.metric]
measure = "presentations delivered"
unit = "presentations"
baseline = 0
target = 5
current = 4

[[goals.actions]]
task = "Finish a public speaking course"
due = 2026-09-30
status = "done"

[[goals.actions]]
task = "Present the Q4 update"
due = 2026-12-11

[[goals]]
id = "better"
title = "Improve my communication"
depends_on = ["speak-up", "nope"]
deadline = 2026-11-13
"#;

fn goal_text(marker_after: &str) -> String {
    GOAL.replacen(marker_after, &format!("{marker_after}$0"), 1)
}

#[test]
fn goal_header_shows_progress_days_left_and_a_smart_checklist() {
    expect_test::expect![[r#"
        [[[goals]]]
        **Goal `speak-up`**: Deliver five 20-minute presentations to my team

        in-progress · 38 days left (deadline Thursday 2026-12-31)

        Actions: 1/2 done `█████░░░░░` 50%

        Metric: 4 of 5 presentations `████████░░` 80% · presentations delivered

        S ✓ · M ✓ · A ✓ · R ✓ · T ✓ (5/5)

        Also flagged: `incomplete-action`

        S: finish line: "five", a quantity of the outcome. M: measured by its metric."#]]
    .assert_eq(&hover_at(&goal_text("\n\n[[go")));
}

#[test]
fn goal_with_problems_explains_each_cross() {
    expect_test::expect![[r#"
        [[[goals]]]
        **Goal `better`**: Improve my communication

        todo · **10 days overdue** (deadline Friday 2026-11-13)

        Actions: none

        S ✗ · M ✗ · A ✗ · R ✗ · T ✓ · **overdue** (not scored: 1 error in this goal, `unknown-reference`)
        - ✗ S: goal title "Improve my communication" names no finish line: "Improve" is a change with no amount: how much is enough is not said; say what will be true when it is done, e.g. "Improve my communication from <now> to <target> (say what you count)" (`vague-goal`)
        - ✗ M: goal `better` is open-ended ("Improve") and has no metric, so no one can tell how far along it is: add a [goals.metric] with what you count and its target, or make the title a deliverable or give it a number (`missing-metric`)
        - ✗ A: goal `better` is due 2026-11-13, but it depends on `speak-up`, which is due 2026-12-31: move this deadline after 2026-12-31, bring `speak-up` forward, or drop the dependency (`dependency-after-deadline`)
        - ✗ R: goal `better` has neither `why` nor `skills`, so nothing ties it to the vision: add `why = "…"` or list the skill gaps it closes in `skills` (`unlinked-goal`)
        - Schedule: goal `better` was due 2026-11-13 (10 days ago) and is still todo: mark it done, or move the deadline to a date you can keep (`overdue`)

        Also flagged: `no-actions`, `unknown-reference`"#]]
    .assert_eq(&hover_at(&goal_text("2026-12-11\n\n[[")));
}

#[test]
fn goal_ids_and_titles_show_the_goal_and_references_show_the_goal_named() {
    let title = hover_at(&goal_text("title = \"Deliver"));
    assert!(title.starts_with("[\"Deliver five"), "{title}");
    assert!(title.contains("**Goal `speak-up`**"), "{title}");
    let reference = hover_at(&goal_text("depends_on = [\"sp"));
    expect_test::expect![[r#"
        ["speak-up"]
        **Goal `speak-up`**: Deliver five 20-minute presentations to my team"#]]
    .assert_eq(
        reference
            .lines()
            .take(2)
            .collect::<Vec<_>>()
            .join("\n")
            .as_str(),
    );
    expect_test::expect![[r#"
        ["nope"]
        No goal has the id `nope` (`unknown-reference`)."#]]
    .assert_eq(&hover_at(&goal_text("\"speak-up\", \"no")));
}

#[test]
fn skills_show_their_gap_and_the_goals_that_close_it() {
    let expected = expect_test::expect![[r#"
        **Skill `speaking`**

        Current 2 → required 4: **gap 2**

        Goals that close it:
        - `speak-up`: Deliver five 20-minute presentations to my team (in-progress)"#]];
    let header = hover_at(&goal_text("[[ski"));
    let reference = hover_at(&goal_text("skills = [\"spe"));
    assert!(reference.starts_with("[\"speaking\"]"), "{reference}");
    for hover in [header, reference] {
        expected.assert_eq(hover.split_once('\n').unwrap().1);
    }
}

#[test]
fn metric_progress_counts_from_the_baseline() {
    let hover = hover_at(
        "[[go$0als]]\n[goals.metric]\nunit = \"%\"\nbaseline = 40\ntarget = 80\ncurrent = 55\n",
    );
    expect_test::expect!["Metric: 55 of 80% (from 40) `████░░░░░░` 38%"].assert_eq(
        hover
            .lines()
            .find(|l| l.starts_with("Metric"))
            .unwrap_or(""),
    );
}

#[test]
fn a_metric_that_counts_down_reads_as_a_move_toward_its_target() {
    let hover = hover_at(
        "[[go$0als]]\n[goals.metric]\nunit = \"steps\"\nbaseline = 12\ntarget = 0\ncurrent = 8\n",
    );
    expect_test::expect!["Metric: 8 steps, down from 12 toward 0 `███░░░░░░░` 33%"].assert_eq(
        hover
            .lines()
            .find(|l| l.starts_with("Metric"))
            .unwrap_or(""),
    );
}

#[test]
fn roadmap_header_shows_overall_progress() {
    expect_test::expect![[r#"
        [[roadmap]]
        **Roadmap**: Senior Project Manager by 2030

        Vision: Lead a team of five as a Senior Project Manager, earning $120,000 on a 40-hour week

        Horizon: Tuesday 2030-12-31 (in 1499 days)

        Goals: 5 (1 todo, 2 in-progress, 1 done, 1 dropped)

        Overdue: 0 goals, 1 action

        Actions: 3/7 done `████░░░░░░` 43%

        Skill gaps: 3 of 4 skills below required, 1 addressed by no goal

        Last review: 2026-10-30, 24 days ago. Reviewed every 1 month: the next one is due Monday 2026-11-30 (in 7 days)."#]]
    .assert_eq(&in_fixture("career.roadmap.toml", "[roadmap]", 1));
}

#[test]
fn dates_show_weekday_and_distance() {
    expect_test::expect![[r#"
        [2026-12-31]
        **Thursday 31 December 2026**, in 38 days"#]]
    .assert_eq(&hover_at(&goal_text("deadline = 2026-1")));
    expect_test::expect![[r#"
        [2026-09-30]
        **Wednesday 30 September 2026**, 54 days ago"#]]
    .assert_eq(&hover_at(&goal_text("due = 2026-09-30")));
}

#[test]
fn statuses_kinds_and_levels_say_what_they_mean() {
    expect_test::expect![[r#"
        ["in-progress"]
        **`in-progress`**: Being worked on now. Open: its dates are checked, and it counts towards the active-goal limit once started."#]]
    .assert_eq(&hover_at(&goal_text("status = \"in")));
    expect_test::expect![[r#"
        ["wip"]
        **`wip`** means `in-progress`, written another way (`nonstandard-status`): Being worked on now.

        Statuses: `todo`, `in-progress`, `blocked`, `done`, `dropped`."#]]
    .assert_eq(&hover_at("[[goals]]\nstatus = \"w$0ip\"\n"));
    expect_test::expect![[r#"
        ["sponsor"]
        **`sponsor`**: Speaks for you where decisions are made. Puts you forward for promotions and projects, in rooms you are not in. Gives feedback."#]]
    .assert_eq(&hover_at("[[people]]\nrole = \"spon$0sor\"\n"));
    expect_test::expect![[r#"
        ["off"]
        **`off`**: The rule does not run."#]]
    .assert_eq(&hover_at("[lint.rules]\nvague-goal = \"o$0ff\"\n"));
}

#[test]
fn keys_and_tables_say_what_they_mean() {
    expect_test::expect![[r#"
        [deadline]
        **`deadline`** · date (YYYY-MM-DD) · in `[[goals]]`

        When the goal must be met (the T of SMART)."#]]
    .assert_eq(&hover_at(&goal_text("\ndead")));
    expect_test::expect![[r#"
        [[[goals.actions]]]
        **`[[goals.actions]]`**

        The action plan: tasks with a due date and an owner.

        Keys: `task`, `due`, `status`, `owner`, `every`, `last_done`, `resources`, `obstacles`, `notes`

        This action: todo, due Friday 2026-12-11 (in 18 days)"#]]
    .assert_eq(&hover_at(&goal_text(
        "course\"\ndue = 2026-09-30\nstatus = \"done\"\n\n[[",
    )));
    expect_test::expect![[r#"
        [vague-goal]
        **`vague-goal`** · warning by default · guards: Specific

        Fires when the goal's title names no finish line.

        [Documentation](https://github.com/roadmap-lsp/roadmap-lsp/blob/main/docs/rules.md#vague-goal)"#]]
    .assert_eq(&hover_at("[lint.rules]\nvague-$0goal = \"off\"\n"));
}

#[test]
fn allow_comments_explain_the_rule_they_silence() {
    let hover = hover_at(
        "[[goals]]\ntitle = \"Read more\"  # roadmap: allow(missing-deadline, vague-g$0oal)\n",
    );
    assert!(
        hover.starts_with("[vague-goal]\n**`vague-goal`**"),
        "{hover}"
    );
    expect_test::expect!["no hover"]
        .assert_eq(&hover_at("[[goals]]\n# just a n$0ote\ntitle = \"x\"\n"));
}

#[test]
fn cadences_say_when_they_next_come_due() {
    expect_test::expect![[r#"
        ["1 month"]
        Every **1 month**. Next due Monday 2026-11-30 (in 7 days)."#]]
    .assert_eq(&in_fixture("career.roadmap.toml", "\"1 month\"", 2));
}

#[test]
fn works_in_a_file_that_does_not_parse() {
    // The goal whose status has no closing quote: still a goal card.
    expect_test::expect![[r#"
        [[[goals]]]
        **Goal `one-on-ones`**: Hold weekly 1:1s with the 2 interns

        unknown status · 67 days left (deadline Friday 2027-01-29)

        Actions: none

        Metric: 8 of 16 meetings `█████░░░░░` 50% · 1:1s held

        S ✓ · M ? · A ? · R ✓ · T ✓ (not scored: 1 error in this goal, `syntax-error`)
        - ? M: `status` is written but cannot be read, so this is not judged
        - ? A: `status` is written but cannot be read, so this is not judged

        Also flagged: `syntax-error`

        S: finish line: "2 interns", a quantity of the outcome. M: measured by its metric."#]]
    .assert_eq(&in_fixture(
        "broken-mid-edit.roadmap.toml",
        "[[goals]]\nid = \"one-on-ones\"",
        0,
    ));
    // A half-typed key, and a misspelt table.
    expect_test::expect![[r#"
        [dead]
        **`dead`**: not a key of `[[goals]]`. Did you mean `deadline`?"#]]
    .assert_eq(&in_fixture("broken-mid-edit.roadmap.toml", "dead\n", 2));
    expect_test::expect![[r#"
        [[[goals.acitons]]]
        **`[[goals.acitons]]`**: a table the format does not know. Did you mean `[[goals.actions]]`?"#]]
    .assert_eq(&in_fixture("broken-mid-edit.roadmap.toml", "[[goals.aci", 3));
}

#[test]
fn works_on_non_ascii_text() {
    let title = in_fixture("unicode.roadmap.toml", "完成 3", 3);
    expect_test::expect![[r#"
        ["完成 3 个 Rust 开源项目的 PR 👩‍💻"]
        **Goal `rust-oss`**: 完成 3 个 Rust 开源项目的 PR 👩‍💻

        in-progress · 158 days left (deadline Friday 2027-04-30)

        Actions: 1/2 done `█████░░░░░` 50%

        Metric: 1 of 3 PRs `███░░░░░░░` 33% · merged PRs

        S ✓ · M ✓ · A ✓ · R ✓ · T ✓ (5/5)

        Also flagged: `unknown-key`, `incomplete-action`, `nonstandard-status`

        S: finish line: "3", a quantity of the outcome. M: measured by its metric."#]]
    .assert_eq(&title);
    // A date inside an inline-table action, after emoji in the same line.
    expect_test::expect![[r#"
        [2026-12-04]
        **Friday 4 December 2026**, in 11 days"#]]
    .assert_eq(&in_fixture("unicode.roadmap.toml", "2026-12-04", 4));
}

#[test]
fn any_offset_is_safe_and_past_the_end_is_nothing() {
    let dir = format!("{}/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut hovered = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures directory") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|ext| ext != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("fixture");
        let analysis = fixture::analysis(&text);
        // Every byte, inside multi-byte characters included.
        for offset in 0..=text.len() + 3 {
            if let Some(hover) = hover(&analysis, &text, offset) {
                assert!(text.get(hover.span.range()).is_some(), "{path:?} {offset}");
                hovered += 1;
            }
        }
        assert_eq!(hover(&analysis, &text, text.len() + 100), None, "{path:?}");
    }
    assert!(hovered > 1000, "{hovered}");
}
