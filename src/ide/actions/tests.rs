use super::*;
use crate::ide::fixture;

/// The titles of the actions at the cursor, and the text after each
/// one whose title starts with `shown` (every result must parse).
pub(super) fn check(text_with_cursor: &str, shown: &str, expect: expect_test::Expect) {
    let (text, offset) = fixture::cursor(text_with_cursor);
    let analysis = fixture::analysis(&text);
    let mut out = String::new();
    for assist in code_actions(&analysis, &text, Span::empty(offset)) {
        let after = fixture::apply(&text, &assist.edits);
        let syntax_errors = |analysis: &Analysis| {
            analysis
                .diagnostics
                .iter()
                .filter(|d| d.rule == Rule::SyntaxError)
                .count()
        };
        assert_eq!(
            syntax_errors(&fixture::analysis(&after)),
            syntax_errors(&analysis),
            "{} adds a syntax error:\n{after}",
            assist.title
        );
        let code = assist
            .diagnostic
            .map(|i| analysis.diagnostics[i].rule.code())
            .unwrap_or("refactor");
        let star = if assist.preferred { " *" } else { "" };
        out.push_str(&format!("== {} [{code}]{star}\n", assist.title));
        if assist.title.starts_with(shown) {
            out.push_str(&after.replace('\r', "␍"));
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn missing_deadline_is_added_after_the_goals_keys() {
    check(
        "[[go$0als]]\nid = \"talk\"\ntitle = \"Give a talk at the meetup\"\nwhy = \"visibility\"\n# keep this comment\n\n[[goals.actions]]\ntask = \"Write the abstract\"\ndue = 2026-12-01\n",
        "Add deadline",
        expect_test::expect![[r#"
            == Add deadline 2026-12-31 (end of this quarter) [missing-deadline] *
            [[goals]]
            id = "talk"
            title = "Give a talk at the meetup"
            why = "visibility"
            deadline = 2026-12-31
            # keep this comment

            [[goals.actions]]
            task = "Write the abstract"
            due = 2026-12-01
            == Add action item [refactor]
            == Add metric [refactor]
            == Add goal [refactor]
        "#]],
    );
}

#[test]
fn typos_are_replaced_by_the_nearest_word() {
    check(
        "[[goals]]\nid = \"a\"\ntitle = \"Ship the 2.0 release by June\"\nstatus = \"In Pro$0gress\"\ndeadline = 2027-06-30\nwhy = \"x\"\n",
        "Replace",
        expect_test::expect![[r#"
            == Replace with `"in-progress"` [nonstandard-status] *
            [[goals]]
            id = "a"
            title = "Ship the 2.0 release by June"
            status = "in-progress"
            deadline = 2027-06-30
            why = "x"
            == Add action item [refactor]
            == Add metric [refactor]
            == Add goal [refactor]
        "#]],
    );
}

#[test]
fn overdue_items_can_be_marked_done_or_moved() {
    check(
        "[[goals]]\nid = \"a\"\ntitle = \"Ship the 2.0 release by June\"\ndeadline = 2027-06-30\nwhy = \"x\"\n\n[[goals.actions]]\ntask = \"Cut the branch\"\ndue = 2026-1$01-01\n",
        "Mark",
        expect_test::expect![[r#"
            == Mark the action done [overdue]
            [[goals]]
            id = "a"
            title = "Ship the 2.0 release by June"
            deadline = 2027-06-30
            why = "x"

            [[goals.actions]]
            task = "Cut the branch"
            due = 2026-11-01
            status = "done"
            == Move the date to 2026-12-07 (in two weeks) [overdue]
            == Move the date to 2026-12-31 (end of this quarter) [overdue]
            == Add action item [refactor]
            == Add metric [refactor]
            == Add goal [refactor]
        "#]],
    );
}

#[test]
fn a_missed_recurring_action_is_done_today_without_a_new_diagnostic() {
    let text = "[[goals]]\nid = \"a\"\ntitle = \"Ship the 2.0 release by June\"\ndeadline = 2027-06-30\nwhy = \"x\"\n\n[[goals.actions]]\ntask = \"Write the weekly note\"\nevery = \"1 week\"\nlast_done = 2026-1$01-01\nowner = \"me\"\n";
    check(
        text,
        "Done",
        expect_test::expect![[r#"
            == Done today (`last_done = 2026-11-23`) [overdue] *
            [[goals]]
            id = "a"
            title = "Ship the 2.0 release by June"
            deadline = 2027-06-30
            why = "x"

            [[goals.actions]]
            task = "Write the weekly note"
            every = "1 week"
            last_done = 2026-11-23
            owner = "me"
            == Add action item [refactor]
            == Add metric [refactor]
            == Add goal [refactor]
        "#]],
    );
    // The preferred fix leaves no diagnostic the file did not have.
    let (before, offset) = fixture::cursor(text);
    let analysis = fixture::analysis(&before);
    let fix = code_actions(&analysis, &before, Span::empty(offset))
        .into_iter()
        .find(|a| a.preferred)
        .expect("a preferred fix");
    let after = fixture::analysis(&fixture::apply(&before, &fix.edits));
    let codes = |a: &Analysis| a.diagnostics.iter().map(|d| d.rule).collect::<Vec<_>>();
    assert!(
        codes(&after)
            .iter()
            .all(|rule| codes(&analysis).contains(rule))
    );
    assert!(!codes(&after).contains(&Rule::Overdue));
}

#[test]
fn a_status_that_contradicts_the_actions_is_set_right() {
    check(
        "[[goals]]\nid = \"a\"\ntitle = \"Ship the 2.0 release by June\"\nstatus = \"do$0ne\"\ndeadline = 2027-06-30\nwhy = \"x\"\n\n[[goals.actions]]\ntask = \"Cut the branch\"\ndue = 2027-01-01\n",
        "Set",
        expect_test::expect![[r#"
            == Mark its open action done [status-mismatch] *
            == Set the goal's status to "in-progress" [status-mismatch]
            [[goals]]
            id = "a"
            title = "Ship the 2.0 release by June"
            status = "in-progress"
            deadline = 2027-06-30
            why = "x"

            [[goals.actions]]
            task = "Cut the branch"
            due = 2027-01-01
            == Add action item [refactor]
            == Add metric [refactor]
            == Add goal [refactor]
        "#]],
    );
}

#[test]
fn a_gap_gets_a_goal_that_addresses_it() {
    check(
        "[[skills]]\nid = \"sp$0eaking\"\ncurrent = 2\nrequired = 4\n",
        "Create",
        expect_test::expect![[r#"
            == Create a goal for this skill [unaddressed-gap]
            [[skills]]
            id = "speaking"
            current = 2
            required = 4

            [[goals]]
            id = "speaking-gap"
            title = "Raise speaking from level 2 to level 4"
            skills = ["speaking"]
            deadline = 2026-12-31
            status = "todo"

            [[goals.actions]]
            task = "Plan the first step"
            due = 2026-12-31
            owner = "me"
            == Add goal [refactor]
        "#]],
    );
}

#[test]
fn a_stale_review_is_recorded_today_in_crlf_without_a_final_newline() {
    check(
        "[roadmap]\r\nvision = \"Lead a team of five by 2030\"\r\nreview_every = \"1 month\"\r\nlast_review = 2026-0$01-01",
        "Record a review",
        expect_test::expect![[r#"
            == Record a review today (2026-11-23) [stale-review] *
            [roadmap]␍
            vision = "Lead a team of five by 2030"␍
            review_every = "1 month"␍
            last_review = 2026-11-23␍
            ␍
            [[reviews]]␍
            date = 2026-11-23␍
            notes = ""␍
            == Add goal [refactor]
        "#]],
    );
}

#[test]
fn an_active_goal_without_actions_gets_one_indented_like_its_keys() {
    check(
        "[[goals]]$0\n  id = \"a\"\n  title = \"Ship the 2.0 release by June\"\n  deadline = 2027-06-30\n  why = \"x\"\n\n# next: hiring\n[[goals]]\n  id = \"b\"\n",
        "Add an action",
        expect_test::expect![[r#"
            == Add an action item [no-actions] *
            [[goals]]
              id = "a"
              title = "Ship the 2.0 release by June"
              deadline = 2027-06-30
              why = "x"

            [[goals.actions]]
              task = ""
              due = 2027-06-30
              status = "todo"
              owner = "me"

            # next: hiring
            [[goals]]
              id = "b"
            == Add metric [refactor]
            == Add goal [refactor]
        "#]],
    );
}

#[test]
fn refactors_work_in_a_broken_file() {
    check(
        "[[goals]]\nid = \"a\"\ntitle = \"Ship$0 the 2.0 release by June\"\nstatus = \"\ndeadline = 2027-06-30\n\n[[goals]]\nid = \"b\n",
        "Add action item",
        expect_test::expect![[r#"
            == Add action item [refactor]
            [[goals]]
            id = "a"
            title = "Ship the 2.0 release by June"
            status = "
            deadline = 2027-06-30

            [[goals.actions]]
            task = ""
            due = 2027-06-30
            status = "todo"
            owner = "me"

            [[goals]]
            id = "b
            == Add metric [refactor]
            == Add goal [refactor]
        "#]],
    );
}

#[test]
fn an_allow_that_silences_nothing_is_removed() {
    check(
        "[[goals]]\nid = \"a\"  # roadmap: allow(over$0deu)\ntitle = \"Ship the 2.0 release by June\"\n",
        "Remove",
        expect_test::expect![[r#"
            == Replace with `overdue` [unused-allow]
            == Remove the allow comment [unused-allow] *
            [[goals]]
            id = "a"
            title = "Ship the 2.0 release by June"
            == Add action item [refactor]
            == Add metric [refactor]
            == Add goal [refactor]
        "#]],
    );
    check(
        "# roadmap: allow(vague-goal, over$0due)\n[[goals]]\nid = \"a\"\n",
        "Remove",
        expect_test::expect![[r#"
            == Remove `overdue` from the allow comment [unused-allow] *
            # roadmap: allow(vague-goal)
            [[goals]]
            id = "a"
            == Add goal [refactor]
        "#]],
    );
    check(
        "# roadmap: allow(over$0due)\n[[goals]]\nid = \"a\"\n",
        "Remove",
        expect_test::expect![[r#"
            == Remove the allow comment [unused-allow] *
            [[goals]]
            id = "a"
            == Add goal [refactor]
        "#]],
    );
}
