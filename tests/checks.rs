//! One test per rule: a case where it fires, and a near miss where it must
//! not. Snapshots show only the rule under test (see `common::check_rule`).

mod common;

use common::{check_rule, count};
use expect_test::expect;
use roadmap_lsp::Rule;

#[test]
fn syntax_error_reports_every_error_and_keeps_checking() {
    let text = r#"[roadmap]
vision = "Staff engineer by 2028"
[[goals]]
id = "a"
deadline = 2026-01-31
title = "Ship the billing migration to Kubernetes
[[goals]]
id = "b"
title = "Write 3 design docs" extra
[[goals]]
id = "c"
title = "Run 2 workshops for new hires"
"#;
    check_rule(
        Rule::SyntaxError,
        text,
        expect![[r#"
            [roadmap]
            vision = "Staff engineer by 2028"
            [[goals]]
            id = "a"
            deadline = 2026-01-31
            title = "Ship the billing migration to Kubernetes
            #                                                ^ error[syntax-error]: invalid basic string, expected `"`
            [[goals]]
            id = "b"
            title = "Write 3 design docs" extra
            #                             ^ error[syntax-error]: unexpected key or value, expected a new line or `#`
            [[goals]]
            id = "c"
            title = "Run 2 workshops for new hires"
        "#]],
    );
    let diagnostics = common::diagnostics(text);
    let lines_of = |rule: Rule| -> Vec<usize> {
        diagnostics
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| text[..d.span.start()].matches('\n').count() + 1)
            .collect()
    };
    // A goal with a broken line is still checked for what it says (its
    // deadline has passed)...
    assert_eq!(lines_of(Rule::Overdue), [5]);
    // ...and for what it lacks, except what may be on the broken line: `a`
    // is typing its title, so it is not called untitled; `b`'s title is
    // complete (the junk after it is no key), so `b` lacks a deadline as
    // much as the intact `c` does.
    assert_eq!(lines_of(Rule::MissingDeadline), [7, 10]);
    assert_eq!(lines_of(Rule::VagueGoal), Vec::<usize>::new());
    assert_eq!(lines_of(Rule::UnlinkedGoal), [3, 7, 10]);
}

#[test]
fn invalid_value_names_the_expected_type() {
    check_rule(
        Rule::InvalidValue,
        r#"[roadmap]
vision = "Staff engineer by 2028"
horizon = "2028-12-31"
review_every = "now and then"
[[skills]]
id = "sql"
current = 7
kind = "sofft"
[[goals]]
deadline = 2026-02-30
start = 2026-01-01T09:00:00
urgent = "yes"
depends_on = "other"
notes = 42
[goals.metric]
target = "ten"
"#,
        expect![[r#"
            [roadmap]
            vision = "Staff engineer by 2028"
            horizon = "2028-12-31"
            #         ^^^^^^^^^^^^ error[invalid-value]: `horizon` must be a TOML date, written without quotes: 2028-12-31
            #   suggest: 2028-12-31
            review_every = "now and then"
            #              ^^^^^^^^^^^^^^ error[invalid-value]: `review_every` must be a period like "2 weeks", "1 month" or "1 quarter"; found "now and then"
            [[skills]]
            id = "sql"
            current = 7
            #         ^ error[invalid-value]: `current` is a self-rating from 1 to 5; 7 is out of range
            kind = "sofft"
            #      ^^^^^^^ error[invalid-value]: `kind` must be one of soft, hard; found "sofft"; did you mean "soft"?
            #   suggest: "soft"
            [[goals]]
            deadline = 2026-02-30
            #          ^^^^^^^^^^ error[invalid-value]: `2026-02-30` is not a date in the calendar (the month must be 01-12 and the day exist in it)
            start = 2026-01-01T09:00:00
            #       ^^^^^^^^^^^^^^^^^^^ error[invalid-value]: `start` must be a date like 2026-12-31, without a time or offset; found `2026-01-01T09:00:00`
            urgent = "yes"
            #        ^^^^^ error[invalid-value]: `urgent` must be true or false (without quotes), found a string
            depends_on = "other"
            #            ^^^^^^^ error[invalid-value]: `depends_on` must be a list of strings: write ["other"]
            #   suggest: ["other"]
            notes = 42
            #       ^^ error[invalid-value]: `notes` must be a string in quotes, found an integer
            [goals.metric]
            target = "ten"
            #        ^^^^^ error[invalid-value]: `target` must be a finite number, found a string
        "#]],
    );
}

#[test]
fn valid_values_of_every_type_are_accepted() {
    let text = r#"[roadmap]
vision = "Staff engineer by 2028"
horizon = 2028-12-31
review_every = "2 weeks"
[[skills]]
id = "sql"
kind = "hard"
current = 1
required = 5
[[goals]]
start = 2026-01-01
urgent = true
depends_on = []
skills = ["sql"]
[goals.metric]
target = 10.5
baseline = -2
[[people]]
role = "sponsor"
meet_every = "quarterly"
"#;
    assert_eq!(count(Rule::InvalidValue, text), 0);
    assert_eq!(count(Rule::SyntaxError, text), 0);
}

#[test]
fn a_half_typed_header_is_a_syntax_error_not_also_an_unknown_key() {
    let text = "[[goals]]\nid = \"a\"\n[[goals.act\ntask = \"x\"\n";
    assert_eq!(count(Rule::UnknownKey, text), 0);
    assert_eq!(count(Rule::SyntaxError, text), 1);
    // Complete but misspelt, it is an unknown key again.
    assert_eq!(
        count(Rule::UnknownKey, &text.replace("act\n", "act]]\n")),
        1
    );
}

#[test]
fn unknown_key_never_suggests_a_key_that_is_already_set() {
    check_rule(
        Rule::UnknownKey,
        r#"[[goals]]
deadline = 2027-03-31
dedline = 2027-01-01
"#,
        expect![[r#"
            [[goals]]
            deadline = 2027-03-31
            dedline = 2027-01-01
            #^^^^^^^ warning[unknown-key]: unknown key `dedline` in [[goals]]; remove it, or check the spelling against the format
        "#]],
    );
}

#[test]
fn unknown_key_suggests_the_nearest_key() {
    check_rule(
        Rule::UnknownKey,
        r#"[roadmap]
vision = "Staff engineer by 2028"
colour = "blue"
[[goal]]
id = "x"
[[goals]]
dedline = 2026-12-31
[goals.metric]
traget = 3
"#,
        expect![[r#"
            [roadmap]
            vision = "Staff engineer by 2028"
            colour = "blue"
            #^^^^^^ warning[unknown-key]: unknown key `colour` in [roadmap]; remove it, or check the spelling against the format
            [[goal]]
            # ^^^^ warning[unknown-key]: unknown key `goal` at the top level; did you mean `goals`?
            #   suggest: goals
            id = "x"
            [[goals]]
            dedline = 2026-12-31
            #^^^^^^^ warning[unknown-key]: unknown key `dedline` in [[goals]]; did you mean `deadline`?
            #   suggest: deadline
            [goals.metric]
            traget = 3
            #^^^^^^ warning[unknown-key]: unknown key `traget` in [goals.metric]; did you mean `target`?
            #   suggest: target
        "#]],
    );
}

#[test]
fn nonstandard_status_for_variants_of_the_five() {
    check_rule(
        Rule::NonstandardStatus,
        r#"[[goals]]
status = "In Progress"
[[goals.actions]]
status = "finished"
[[goals.actions]]
status = "🚀 WIP"
[[goals.actions]]
status = "done"
[[goals]]
status = "on_hold"
"#,
        expect![[r#"
            [[goals]]
            status = "In Progress"
            #        ^^^^^^^^^^^^^ warning[nonstandard-status]: status "In Progress" means "in-progress", written another way: write "in-progress" (a status is one of todo, in-progress, blocked, done, dropped)
            #   suggest: "in-progress"
            [[goals.actions]]
            status = "finished"
            #        ^^^^^^^^^^ warning[nonstandard-status]: status "finished" means "done", written another way: write "done" (a status is one of todo, in-progress, blocked, done, dropped)
            #   suggest: "done"
            [[goals.actions]]
            status = "🚀 WIP"
            #        ^^^^^^^ warning[nonstandard-status]: status "🚀 WIP" means "in-progress", written another way: write "in-progress" (a status is one of todo, in-progress, blocked, done, dropped)
            #   suggest: "in-progress"
            [[goals.actions]]
            status = "done"
            [[goals]]
            status = "on_hold"
            #        ^^^^^^^^^ warning[nonstandard-status]: status "on_hold" means "blocked", written another way: write "blocked" (a status is one of todo, in-progress, blocked, done, dropped)
            #   suggest: "blocked"
        "#]],
    );
}

#[test]
fn a_nonstandard_status_counts_as_the_status_it_means() {
    // "Done" is done: the passed deadline is not overdue.
    let text =
        "[[goals]]\ntitle = \"Pass the CKA exam\"\ndeadline = 2026-01-31\nstatus = \"Done\"\n";
    assert_eq!(count(Rule::Overdue, text), 0);
    assert_eq!(count(Rule::NonstandardStatus, text), 1);
    assert_eq!(count(Rule::UnknownStatus, text), 0);
}

#[test]
fn unknown_status_suggests_the_nearest_or_none() {
    check_rule(
        Rule::UnknownStatus,
        r#"[[goals]]
status = "blokced"
[[goals.actions]]
status = "tood"
[[goals]]
status = "banana"
"#,
        expect![[r#"
            [[goals]]
            status = "blokced"
            #        ^^^^^^^^^ error[unknown-status]: unknown status "blokced"; did you mean "blocked"? A status is one of todo, in-progress, blocked, done, dropped
            #   suggest: "blocked"
            [[goals.actions]]
            status = "tood"
            #        ^^^^^^ error[unknown-status]: unknown status "tood"; did you mean "todo"? A status is one of todo, in-progress, blocked, done, dropped
            #   suggest: "todo"
            [[goals]]
            status = "banana"
            #        ^^^^^^^^ error[unknown-status]: unknown status "banana": a status is one of todo, in-progress, blocked, done, dropped; pick the one that says where the work stands
        "#]],
    );
}

#[test]
fn duplicate_id_points_at_the_first_definition() {
    check_rule(
        Rule::DuplicateId,
        r#"[[skills]]
id = "speaking"
[[goals]]
id = "speaking"
[[goals]]
id = "talk"
[[goals]]
id = "talk"
"#,
        expect![[r#"
            [[skills]]
            id = "speaking"
            [[goals]]
            id = "speaking"
            [[goals]]
            id = "talk"
            [[goals]]
            id = "talk"
            #    ^^^^^^ error[duplicate-id]: another goal already has the id "talk"; ids must be unique, so rename one of them
            #   related 6:6: the first goal with this id
        "#]],
    );
}

#[test]
fn unknown_reference_in_depends_on_skills_and_wins() {
    check_rule(
        Rule::UnknownReference,
        r#"[[skills]]
id = "public-speaking"
[[goals]]
id = "talk"
skills = ["public-speakin", "public-speaking"]
[[goals]]
id = "ship"
depends_on = ["tlak", "talk"]
[[goals]]
id = "shiq"
depends_on = ["shiqq"]
[[wins]]
goal = "nothing-like-it"
"#,
        expect![[r#"
            [[skills]]
            id = "public-speaking"
            [[goals]]
            id = "talk"
            skills = ["public-speakin", "public-speaking"]
            #         ^^^^^^^^^^^^^^^^ error[unknown-reference]: `skills` names "public-speakin", but no skill has that id; did you mean "public-speaking"?
            #   suggest: "public-speaking"
            [[goals]]
            id = "ship"
            depends_on = ["tlak", "talk"]
            #             ^^^^^^ error[unknown-reference]: `depends_on` names "tlak", but no goal has that id; did you mean "talk"?
            #   suggest: "talk"
            [[goals]]
            id = "shiq"
            depends_on = ["shiqq"]
            #             ^^^^^^^ error[unknown-reference]: `depends_on` names "shiqq", but no goal has that id; add that goal, or remove the reference
            [[wins]]
            goal = "nothing-like-it"
            #      ^^^^^^^^^^^^^^^^^ error[unknown-reference]: this win's `goal` names "nothing-like-it", but no goal has that id; add that goal, or remove the reference
        "#]],
    );
}

#[test]
fn dependency_cycle_names_the_cycle_once() {
    check_rule(
        Rule::DependencyCycle,
        r#"[[goals]]
id = "a"
depends_on = ["b"]
[[goals]]
id = "b"
depends_on = ["c"]
[[goals]]
id = "c"
depends_on = ["a"]
[[goals]]
id = "self"
depends_on = ["self"]
[[goals]]
id = "chain"
depends_on = ["a"]
"#,
        expect![[r#"
            [[goals]]
            id = "a"
            depends_on = ["b"]
            #             ^^^ error[dependency-cycle]: these goals depend on each other in a cycle, so none can start: a → b → c → a; remove one dependency to break it
            #   related 3:15: a depends on b
            #   related 6:15: b depends on c
            #   related 9:15: c depends on a
            [[goals]]
            id = "b"
            depends_on = ["c"]
            [[goals]]
            id = "c"
            depends_on = ["a"]
            [[goals]]
            id = "self"
            depends_on = ["self"]
            #             ^^^^^^ error[dependency-cycle]: these goals depend on each other in a cycle, so none can start: self → self; remove one dependency to break it
            #   related 12:15: self depends on self
            [[goals]]
            id = "chain"
            depends_on = ["a"]
        "#]],
    );
}

#[test]
fn vague_goal_fires_on_titles_with_no_finish_line() {
    check_rule(
        Rule::VagueGoal,
        r#"[[goals]]
title = "Learn more about Kubernetes"
[[goals]]
title = "Get good at Figma"
[[goals]]
title = "Enhance my skills in 2027"
[[goals]]
title = "Level up in the next 3 months"
[[goals]]
title = "Ngọc Anh: grow into tech lead"
[[goals]]
title = "Read more books"
[[goals]]
title = "Someday write a book"
[[goals]]
title = "Learn Rust"
[[goals]]
title = "Pass the CKA exam"
[[goals]]
title = "Run 3 brown-bag sessions for the data team"
[[goals]]
title = "Get promoted to Senior Engineer"
[[goals]]
title = "Take a public speaking course and deliver a presentation to my team by the end of the quarter"
[[goals]]
title = "Increase my sales by 10% in six months"
[[goals]]
title = "日本語能力試験N2に合格する"
[[goals]]
title = "Améliorer mes compétences en communication"
[[goals]]
id = "untitled"
[[goals]]
title = "Get better at stuff"
status = "dropped"
"#,
        expect![[r#"
            [[goals]]
            title = "Learn more about Kubernetes"
            #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[vague-goal]: goal title "Learn more about Kubernetes" names no finish line: "Learn more about" is an open-ended activity: nothing says when it is done; say what will be true when it is done, e.g. "Complete a course on Kubernetes and use it in one deliverable by the deadline"
            [[goals]]
            title = "Get good at Figma"
            #       ^^^^^^^^^^^^^^^^^^^ warning[vague-goal]: goal title "Get good at Figma" names no finish line: "Get good at" is a state no one can check from outside; say what will be true when it is done, e.g. "Complete a course on Figma and use it in one deliverable by the deadline"
            [[goals]]
            title = "Enhance my skills in 2027"
            #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[vague-goal]: goal title "Enhance my skills in 2027" names no finish line: "Enhance" is a change with no amount: how much is enough is not said; say what will be true when it is done, e.g. "Enhance my skills from <now> to <target> (say what you count)"
            [[goals]]
            title = "Level up in the next 3 months"
            #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[vague-goal]: goal title "Level up in the next 3 months" names no finish line: "Level up" is a change with no amount: how much is enough is not said; say what will be true when it is done, e.g. "Level up in the next 3 months: from <now> to <target> by the deadline"
            [[goals]]
            title = "Ngọc Anh: grow into tech lead"
            #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[vague-goal]: goal title "Ngọc Anh: grow into tech lead" names no finish line: "grow" is a change with no amount: how much is enough is not said; say what will be true when it is done, e.g. "Get promoted to tech lead at the next review cycle"
            [[goals]]
            title = "Read more books"
            #       ^^^^^^^^^^^^^^^^^ warning[vague-goal]: goal title "Read more books" names no finish line: "more books" is a comparative with no reference point or number; say what will be true when it is done, e.g. "Read <N> books"
            [[goals]]
            title = "Someday write a book"
            #       ^^^^^^^^^^^^^^^^^^^^^^ warning[vague-goal]: goal title "Someday write a book" names no finish line: "Someday" is a hedge: it may not happen at all; say what will be true when it is done, e.g. "Write a book"
            [[goals]]
            title = "Learn Rust"
            #       ^^^^^^^^^^^^ warning[vague-goal]: goal title "Learn Rust" names no finish line: "Learn" is an open-ended activity: nothing says when it is done; say what will be true when it is done, e.g. "Complete a course on Rust and use it in one deliverable by the deadline"
            [[goals]]
            title = "Pass the CKA exam"
            [[goals]]
            title = "Run 3 brown-bag sessions for the data team"
            [[goals]]
            title = "Get promoted to Senior Engineer"
            [[goals]]
            title = "Take a public speaking course and deliver a presentation to my team by the end of the quarter"
            [[goals]]
            title = "Increase my sales by 10% in six months"
            [[goals]]
            title = "日本語能力試験N2に合格する"
            [[goals]]
            title = "Améliorer mes compétences en communication"
            [[goals]]
            #^^^^^^^^^ warning[vague-goal]: goal `untitled` has no title: add `title = "…"` saying what will be true when it is done
            id = "untitled"
            [[goals]]
            title = "Get better at stuff"
            status = "dropped"
        "#]],
    );
}

#[test]
fn extra_words_and_a_word_minimum_are_house_rules() {
    let text = "[lint.vague]\nextra-words = [\"synergy\"]\nmin-words = 4\n\n[[goals]]\ntitle = \"Ship the synergy dashboard\"\n[[goals]]\ntitle = \"Pass PMP\"\n[[goals]]\ntitle = \"Publish 3 synergy case studies\"\n";
    let messages: Vec<String> = common::diagnostics(text)
        .into_iter()
        .filter(|d| d.rule == Rule::VagueGoal)
        .map(|d| d.message.to_string())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages[0].contains("\"synergy\""), "{}", messages[0]);
    assert!(messages[1].contains("min-words"), "{}", messages[1]);
}

#[test]
fn missing_metric_only_for_open_ended_goals() {
    check_rule(
        Rule::MissingMetric,
        r#"[[goals]]
id = "grow"
title = "Grow my blog audience"
[[goals]]
id = "course"
title = "Complete a public speaking course by the end of Q3"
[[goals]]
id = "courses"
title = "Complete three online courses in project management this year"
[[goals]]
id = "talks"
title = "Give three talks at meetups"
[[goals]]
id = "with-metric"
title = "Improve my writing"
[goals.metric]
target = 4
unit = "essays"
"#,
        expect![[r#"
            [[goals]]
            #^^^^^^^^^ warning[missing-metric]: goal `grow` is open-ended ("Grow") and has no metric, so no one can tell how far along it is: add a [goals.metric] with what you count and its target, or make the title a deliverable or give it a number
            id = "grow"
            title = "Grow my blog audience"
            [[goals]]
            id = "course"
            title = "Complete a public speaking course by the end of Q3"
            [[goals]]
            id = "courses"
            title = "Complete three online courses in project management this year"
            [[goals]]
            id = "talks"
            title = "Give three talks at meetups"
            [[goals]]
            id = "with-metric"
            title = "Improve my writing"
            [goals.metric]
            target = 4
            unit = "essays"
        "#]],
    );
}

#[test]
fn unmeasurable_metric_needs_a_target_and_a_unit() {
    check_rule(
        Rule::UnmeasurableMetric,
        r#"[[goals]]
id = "no-target"
[goals.metric]
measure = "customer interviews"
[[goals]]
id = "no-unit"
metric = { target = 5 }
[[goals]]
id = "measure-is-enough"
metric = { target = 5, measure = "interviews" }
"#,
        expect![[r#"
            [[goals]]
            id = "no-target"
            [goals.metric]
            #^^^^^^^^^^^^^^ warning[unmeasurable-metric]: the metric of goal `no-target` has no numeric `target`, so progress cannot be measured: add `target = <number>`
            measure = "customer interviews"
            [[goals]]
            id = "no-unit"
            metric = { target = 5 }
            #        ^^^^^^^^^^^^^^ warning[unmeasurable-metric]: the metric of goal `no-unit` has no `unit` or `measure`, so progress cannot be measured: add `unit = "…"` saying what is counted
            [[goals]]
            id = "measure-is-enough"
            metric = { target = 5, measure = "interviews" }
        "#]],
    );
}

#[test]
fn missing_deadline_suggests_the_end_of_the_quarter() {
    check_rule(
        Rule::MissingDeadline,
        r#"[[goals]]
id = "open-ended"
[[goals]]
id = "dated"
deadline = 2027-03-31
[[goals]]
id = "abandoned"
status = "dropped"
"#,
        expect![[r#"
            [[goals]]
            #^^^^^^^^^ warning[missing-deadline]: goal `open-ended` has no deadline, so it is not time-bound: add `deadline = 2026-12-31` (the end of this quarter) or the date you commit to
            id = "open-ended"
            [[goals]]
            id = "dated"
            deadline = 2027-03-31
            [[goals]]
            id = "abandoned"
            status = "dropped"
        "#]],
    );
}

#[test]
fn overdue_goals_and_actions_but_not_today_or_closed_work() {
    check_rule(
        Rule::Overdue,
        r#"[[goals]]
id = "late"
deadline = 2026-11-22
status = "in-progress"
[[goals.actions]]
task = "Book the venue"
due = 2026-10-01
[[goals.actions]]
task = "Send invites"
due = 2026-10-01
status = "done"
[[goals]]
id = "due-today"
deadline = 2026-11-23
[[goals]]
id = "finished"
deadline = 2026-01-01
status = "done"
[[goals.actions]]
task = "Left open in a closed goal"
due = 2026-01-01
"#,
        expect![[r#"
            [[goals]]
            id = "late"
            deadline = 2026-11-22
            #          ^^^^^^^^^^ warning[overdue]: goal `late` was due 2026-11-22 (yesterday) and is still in-progress: mark it done, or move the deadline to a date you can keep
            status = "in-progress"
            [[goals.actions]]
            task = "Book the venue"
            due = 2026-10-01
            #     ^^^^^^^^^^ warning[overdue]: action "Book the venue" was due 2026-10-01 (53 days ago) and is still todo: mark it done, or move the due date
            [[goals.actions]]
            task = "Send invites"
            due = 2026-10-01
            status = "done"
            [[goals]]
            id = "due-today"
            deadline = 2026-11-23
            [[goals]]
            id = "finished"
            deadline = 2026-01-01
            status = "done"
            [[goals.actions]]
            task = "Left open in a closed goal"
            due = 2026-01-01
        "#]],
    );
}

#[test]
fn action_after_deadline_and_beyond_horizon() {
    let text = r#"[roadmap]
vision = "Staff engineer by 2028"
horizon = 2027-12-31
[[goals]]
id = "g"
deadline = 2028-06-30
[[goals.actions]]
task = "Too late"
due = 2028-07-01
[[goals.actions]]
task = "On the day"
due = 2028-06-30
"#;
    check_rule(
        Rule::ActionAfterDeadline,
        text,
        expect![[r#"
            [roadmap]
            vision = "Staff engineer by 2028"
            horizon = 2027-12-31
            [[goals]]
            id = "g"
            deadline = 2028-06-30
            [[goals.actions]]
            task = "Too late"
            due = 2028-07-01
            #     ^^^^^^^^^^ warning[action-after-deadline]: this action is due 2028-07-01, after its goal's deadline 2028-06-30: move it earlier, or move the goal's deadline
            #   related 6:12: the goal's deadline
            [[goals.actions]]
            task = "On the day"
            due = 2028-06-30
        "#]],
    );
    check_rule(
        Rule::BeyondHorizon,
        text,
        expect![[r#"
            [roadmap]
            vision = "Staff engineer by 2028"
            horizon = 2027-12-31
            [[goals]]
            id = "g"
            deadline = 2028-06-30
            #          ^^^^^^^^^^ info[beyond-horizon]: goal `g` is due 2028-06-30, after the roadmap's horizon 2027-12-31: bring it forward, or push the horizon out if the vision moved
            #   related 3:11: the roadmap's horizon
            [[goals.actions]]
            task = "Too late"
            due = 2028-07-01
            [[goals.actions]]
            task = "On the day"
            due = 2028-06-30
        "#]],
    );
}

#[test]
fn unrealistic_pace_extrapolates_progress() {
    check_rule(
        Rule::UnrealisticPace,
        r#"[[goals]]
id = "slow"
start = 2026-05-01
deadline = 2026-12-31
metric = { baseline = 0, target = 12, current = 2, unit = "articles" }
[[goals]]
id = "on-pace"
start = 2026-05-01
deadline = 2026-12-31
metric = { baseline = 0, target = 12, current = 11, unit = "articles" }
[[goals]]
id = "shrinking"
start = 2026-01-01
deadline = 2026-12-31
metric = { baseline = 50, target = 10, current = 45, unit = "open bugs" }
[[goals]]
id = "too-early-to-tell"
start = 2026-11-01
deadline = 2027-12-31
metric = { baseline = 0, target = 12, current = 0, unit = "articles" }
[[goals]]
id = "backwards"
start = 2027-01-01
deadline = 2026-12-01
"#,
        expect![[r#"
            [[goals]]
            id = "slow"
            start = 2026-05-01
            deadline = 2026-12-31
            metric = { baseline = 0, target = 12, current = 2, unit = "articles" }
            #                                               ^ warning[unrealistic-pace]: at the pace so far (+0.3 articles a month since 2026-05-01), goal `slow` reaches about 2.4 articles by 2026-12-31, short of its target 12 articles: lower the target, move the deadline, or change the plan
            #   related 5:35: the target
            #   related 4:12: the deadline
            [[goals]]
            id = "on-pace"
            start = 2026-05-01
            deadline = 2026-12-31
            metric = { baseline = 0, target = 12, current = 11, unit = "articles" }
            [[goals]]
            id = "shrinking"
            start = 2026-01-01
            deadline = 2026-12-31
            metric = { baseline = 50, target = 10, current = 45, unit = "open bugs" }
            #                                                ^^ warning[unrealistic-pace]: at the pace so far (-0.5 open bugs a month since 2026-01-01), goal `shrinking` reaches about 44 open bugs by 2026-12-31, short of its target 10 open bugs: lower the target, move the deadline, or change the plan
            #   related 15:36: the target
            #   related 14:12: the deadline
            [[goals]]
            id = "too-early-to-tell"
            start = 2026-11-01
            deadline = 2027-12-31
            metric = { baseline = 0, target = 12, current = 0, unit = "articles" }
            [[goals]]
            id = "backwards"
            start = 2027-01-01
            deadline = 2026-12-01
            #          ^^^^^^^^^^ warning[unrealistic-pace]: goal `backwards` ends (2026-12-01) before it starts (2027-01-01): fix one of the two dates
            #   related 23:9: the start date
        "#]],
    );
}

#[test]
fn overcommitted_counts_active_goals_against_the_limit() {
    let goal = |id: &str, extra: &str| format!("[[goals]]\nid = \"{id}\"\n{extra}\n");
    let mut text = String::new();
    for id in ["a", "b", "c", "d", "e"] {
        text.push_str(&goal(id, "status = \"in-progress\""));
    }
    text.push_str(&goal("later", "start = 2027-02-01"));
    text.push_str(&goal("finished", "status = \"done\""));
    assert_eq!(
        count(Rule::Overcommitted, &text),
        0,
        "five active goals are within the limit"
    );
    text.push_str(&goal("sixth", "status = \"blocked\""));
    let diagnostics = common::diagnostics(&text);
    let over: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule == Rule::Overcommitted)
        .collect();
    assert_eq!(over.len(), 1);
    assert!(
        over[0]
            .message
            .starts_with("6 goals are active at once, more than the limit of 5")
    );
    assert_eq!(over[0].related.len(), 6);
    // The limit comes from the file's [lint] table too.
    let limited = format!("[lint.limits]\nmax-active-goals = 6\n{text}");
    assert_eq!(count(Rule::Overcommitted, &limited), 0);
}

#[test]
fn unlinked_goal_needs_why_or_skills() {
    check_rule(
        Rule::UnlinkedGoal,
        r#"[[goals]]
id = "adrift"
why = "  "
[[goals]]
id = "with-why"
why = "Staff engineers write design docs"
[[goals]]
id = "with-skills"
skills = ["sql"]
"#,
        expect![[r#"
            [[goals]]
            #^^^^^^^^^ warning[unlinked-goal]: goal `adrift` has neither `why` nor `skills`, so nothing ties it to the vision: add `why = "…"` or list the skill gaps it closes in `skills`
            id = "adrift"
            why = "  "
            [[goals]]
            id = "with-why"
            why = "Staff engineers write design docs"
            [[goals]]
            id = "with-skills"
            skills = ["sql"]
        "#]],
    );
}

#[test]
fn unaddressed_gap_unless_a_goal_lists_the_skill() {
    check_rule(
        Rule::UnaddressedGap,
        r#"[[skills]]
id = "negotiation"
current = 2
required = 4
[[skills]]
id = "sql"
current = 2
required = 4
[[skills]]
id = "already-there"
current = 4
required = 3
[[goals]]
skills = ["sql"]
"#,
        expect![[r#"
            [[skills]]
            id = "negotiation"
            #    ^^^^^^^^^^^^^ warning[unaddressed-gap]: skill "negotiation" has a gap of 2 (current 2, required 4) that no goal addresses: add a goal with `skills = ["negotiation"]`, or list it in an existing goal's skills
            current = 2
            required = 4
            [[skills]]
            id = "sql"
            current = 2
            required = 4
            [[skills]]
            id = "already-there"
            current = 4
            required = 3
            [[goals]]
            skills = ["sql"]
        "#]],
    );
}

#[test]
fn no_actions_only_for_active_goals() {
    check_rule(
        Rule::NoActions,
        r#"[[goals]]
id = "planless"
status = "in-progress"
[[goals]]
id = "not-started-yet"
start = 2027-01-01
[[goals]]
id = "planned"
[[goals.actions]]
task = "Draft the outline"
"#,
        expect![[r#"
            [[goals]]
            #^^^^^^^^^ warning[no-actions]: goal `planless` is active but has no action plan: add a [[goals.actions]] with a task, a due date and an owner
            id = "planless"
            status = "in-progress"
            [[goals]]
            id = "not-started-yet"
            start = 2027-01-01
            [[goals]]
            id = "planned"
            [[goals.actions]]
            task = "Draft the outline"
        "#]],
    );
}

#[test]
fn status_mismatch_both_ways() {
    check_rule(
        Rule::StatusMismatch,
        r#"[[goals]]
id = "done-too-soon"
status = "done"
[[goals.actions]]
task = "Still open"
[[goals.actions]]
task = "Finished"
status = "done"
[[goals]]
id = "forgot-to-update"
[[goals.actions]]
task = "Finished"
status = "done"
[[goals]]
id = "consistent"
status = "in-progress"
[[goals.actions]]
task = "Finished"
status = "done"
"#,
        expect![[r#"
            [[goals]]
            id = "done-too-soon"
            status = "done"
            #        ^^^^^^ warning[status-mismatch]: goal `done-too-soon` is done, but 1 of its 2 actions is still open: close it (done or dropped), or set the goal back to "in-progress"
            #   related 5:8: still open
            [[goals.actions]]
            task = "Still open"
            [[goals.actions]]
            task = "Finished"
            status = "done"
            [[goals]]
            #^^^^^^^^^ warning[status-mismatch]: every action of goal `forgot-to-update` is done, but the goal is still todo: set `status = "done"` if the target is met, or "in-progress" and add the remaining actions
            id = "forgot-to-update"
            [[goals.actions]]
            task = "Finished"
            status = "done"
            [[goals]]
            id = "consistent"
            status = "in-progress"
            [[goals.actions]]
            task = "Finished"
            status = "done"
        "#]],
    );
}

#[test]
fn stale_review_uses_the_newest_record() {
    let stale = r#"[roadmap]
vision = "Staff engineer by 2028"
review_every = "2 weeks"
last_review = 2026-10-01
[[reviews]]
date = 2026-11-01
"#;
    check_rule(
        Rule::StaleReview,
        stale,
        expect![[r#"
            [roadmap]
            vision = "Staff engineer by 2028"
            review_every = "2 weeks"
            last_review = 2026-10-01
            [[reviews]]
            date = 2026-11-01
            #      ^^^^^^^^^^ warning[stale-review]: the roadmap was last reviewed on 2026-11-01 (22 days ago), and should be reviewed every 2 weeks: review it, then record the review (`last_review = 2026-11-23`)
        "#]],
    );
    let fresh = stale.replace("2026-11-01", "2026-11-10");
    assert_eq!(count(Rule::StaleReview, &fresh), 0);
    // Without review_every, the method's monthly review applies.
    let monthly = "[roadmap]\nvision = \"x\"\nlast_review = 2026-10-22\n";
    assert_eq!(count(Rule::StaleReview, monthly), 1);
    assert_eq!(
        count(Rule::StaleReview, &monthly.replace("10-22", "10-23")),
        0
    );
}

#[test]
fn mentor_overdue_after_meet_every() {
    check_rule(
        Rule::MentorOverdue,
        r#"[[people]]
name = "Jordan Lee"
meet_every = "1 month"
last_met = 2026-10-12
[[people]]
name = "Sam Park"
meet_every = "1 quarter"
last_met = 2026-10-12
"#,
        expect![[r#"
            [[people]]
            name = "Jordan Lee"
            meet_every = "1 month"
            last_met = 2026-10-12
            #          ^^^^^^^^^^ info[mentor-overdue]: you last met Jordan Lee on 2026-10-12 (42 days ago), and planned to meet every 1 month: schedule a meeting, then update `last_met`
            [[people]]
            name = "Sam Park"
            meet_every = "1 quarter"
            last_met = 2026-10-12
        "#]],
    );
}

#[test]
fn missing_vision_with_and_without_a_roadmap_table() {
    assert_eq!(count(Rule::MissingVision, "[[goals]]\nid = \"a\"\n"), 1);
    assert_eq!(count(Rule::MissingVision, "[roadmap]\nvision = \"\"\n"), 1);
    assert_eq!(
        count(
            Rule::MissingVision,
            "[roadmap]\nvision = \"Lead a team of five\"\n"
        ),
        0
    );
}

#[test]
fn allow_comments_silence_and_unused_ones_are_reported() {
    let text = r#"[roadmap]
vision = "Lead a team of five as a senior PM"
horizon = 2030-12-31

# roadmap: allow(missing-deadline, unlinked-goal)
[[goals]]
id = "side-project"
title = "Publish 2 posts on the engineering blog"
[goals.metric]
target = 2
unit = "posts"
[[goals.actions]]
task = "Draft the first post"

[[goals]]
id = "talk"
title = "Give 1 talk at the Rust meetup" # roadmap: allow(vague-goal)
why = "Visibility"
# roadmap: allow(overdue, not-a-rule)
deadline = 2026-12-31
[[goals.actions]]
task = "Submit the proposal"
due = 2026-12-01
"#;
    let codes: Vec<_> = common::diagnostics(text)
        .iter()
        .map(|d| format!("{}:{}", d.rule, &text[d.span.range()]))
        .collect();
    assert_eq!(
        codes,
        [
            "no-mentor:[roadmap]",
            "no-assessment:[roadmap]",
            "incomplete-action:\"Draft the first post\"",
            "unused-allow:vague-goal",
            "unused-allow:overdue",
            "unused-allow:not-a-rule",
            "incomplete-action:\"Submit the proposal\"",
        ]
    );
}

#[test]
fn a_half_typed_date_says_what_shape_is_expected_and_is_not_also_missing() {
    let text = "[[goals]]\nid = \"oncall\"\ndeadline = 2027-0\n";
    let diagnostics = common::diagnostics(text);
    let invalid: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule == Rule::InvalidValue)
        .map(|d| &*d.message)
        .collect();
    assert_eq!(
        invalid,
        ["`2027-0` is not a complete date: write it as YYYY-MM-DD, e.g. 2026-12-31"]
    );
    assert_eq!(count(Rule::MissingDeadline, text), 0);
}

#[test]
fn an_allow_at_the_end_of_a_multi_line_statement_covers_all_its_lines() {
    let text = r#"[[goals]]
id = "a"
depends_on = [
  "nowhere",
] # roadmap: allow(unknown-reference)
[[goals]]
id = "b"
depends_on = [
  "nowhere",
]
"#;
    let references: Vec<usize> = common::diagnostics(text)
        .iter()
        .filter(|d| d.rule == Rule::UnknownReference)
        .map(|d| text[..d.span.start()].matches('\n').count() + 1)
        .collect();
    assert_eq!(references, [9], "only goal b's reference is reported");
    assert_eq!(count(Rule::UnusedAllow, text), 0);
}

#[test]
fn vague_vision_names_no_end_state() {
    check_rule(
        Rule::VagueVision,
        "[roadmap]\nvision = \"I want to be a manager\"\nhorizon = 2030-12-31\n",
        expect![[r#"
            [roadmap]
            vision = "I want to be a manager"
            #        ^^^^^^^^^^^^^^^^^^^^^^^^ warning[vague-vision]: the vision "I want to be a manager" names no end state: "be a manager" is a role with no scope: no team, domain, place or number; say what will be true, e.g. "Be a manager, leading a team of <N> on <a product, domain or place>"
            horizon = 2030-12-31
        "#]],
    );
    for concrete in [
        "Senior Project Manager leading a team of five within five years, earning $120,000",
        "Lead a team of four backend engineers owning the payments platform",
        "Tech lead of the checkout squad",
        "Staff engineer at a Series B startup in Berlin",
    ] {
        let text = format!("[roadmap]\nvision = \"{concrete}\"\nhorizon = 2030-12-31\n");
        assert_eq!(count(Rule::VagueVision, &text), 0, "{concrete}");
    }
    for vague in [
        "Be happy at work",
        "Reach the top",
        "Do something big",
        "Make more money",
    ] {
        let text = format!("[roadmap]\nvision = \"{vague}\"\nhorizon = 2030-12-31\n");
        assert_eq!(count(Rule::VagueVision, &text), 1, "{vague}");
    }
}

#[test]
fn missing_horizon_and_horizon_passed() {
    check_rule(
        Rule::MissingHorizon,
        "[roadmap]\nvision = \"Staff engineer on the payments platform by 2029\"\n",
        expect![[r#"
            [roadmap]
            vision = "Staff engineer on the payments platform by 2029"
            #^^^^^^ info[missing-horizon]: the vision has no horizon, so nothing says when it should be true: add `horizon = 2029-12-31` to [roadmap], or the date you aim for
        "#]],
    );
    check_rule(
        Rule::HorizonPassed,
        "[roadmap]\nvision = \"Staff engineer on the payments platform\"\nhorizon = 2026-06-30\n",
        expect![[r#"
            [roadmap]
            vision = "Staff engineer on the payments platform"
            horizon = 2026-06-30
            #         ^^^^^^^^^^ warning[horizon-passed]: the roadmap's horizon 2026-06-30 has passed (146 days ago): revisit the vision (is it true now? does it still fit?) and set a new horizon
        "#]],
    );
    // No vision: missing-vision speaks, not missing-horizon; a damaged
    // table is not judged for what it lacks.
    assert_eq!(count(Rule::MissingHorizon, "[roadmap]\ntitle = \"x\"\n"), 0);
    assert_eq!(
        count(
            Rule::MissingHorizon,
            "[roadmap]\nvision = \"Tech lead of the checkout squad\"\nhorizon = 2030-13-01\n"
        ),
        0
    );
}

#[test]
fn a_recurring_action_done_before_has_its_timeline() {
    // Next due one period after `last_done`: planned, not incomplete.
    let planned = "[[goals]]\nid = \"team\"\ntitle = \"Hold 12 one-to-ones with each report\"\ndeadline = 2027-06-30\n\n[[goals.actions]]\ntask = \"Hold biweekly 1:1s\"\nevery = \"2 weeks\"\nlast_done = 2026-12-01\nowner = \"me\"\n";
    assert_eq!(count(Rule::IncompleteAction, planned), 0);
    // Never done and no `due`: no place on the timeline yet.
    let unplanned = planned.replace("last_done = 2026-12-01\n", "");
    let diagnostics = common::diagnostics(&unplanned);
    let incomplete: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule == Rule::IncompleteAction)
        .map(|d| &*d.message)
        .collect();
    assert_eq!(incomplete.len(), 1, "{incomplete:?}");
    assert!(incomplete[0].contains("no due date"), "{incomplete:?}");
}

#[test]
fn a_key_with_no_value_says_the_value_is_missing() {
    let text = "[[goals]]\nid = \"a\"\ntitle = \nwhy = # later\n";
    check_rule(
        Rule::SyntaxError,
        text,
        expect![[r#"
            [[goals]]
            id = "a"
            title = 
            #       ^ error[syntax-error]: `title =` has no value: write one after the `=` (a "string", a number, a date such as 2027-03-31, true or false, or a [list])
            why = # later
            #     ^ error[syntax-error]: `why =` has no value: write one after the `=` (a "string", a number, a date such as 2027-03-31, true or false, or a [list])
        "#]],
    );
}

#[test]
fn unrealistic_pace_allows_a_count_within_one_step_of_its_target() {
    // 83 of 181 days gone. One approval of three: a straight line reaches
    // about 2.2, but approvals come whole; none yet is a whole step short.
    // A measure with fractions has no steps: 0.9 of 2.5 hours is short.
    let text = r#"[[goals]]
id = "rfc"
start = 2026-09-01
deadline = 2027-03-01
metric = { baseline = 0, target = 3, current = 1, unit = "approvals" }
[[goals]]
id = "nothing-yet"
start = 2026-09-01
deadline = 2027-03-01
metric = { baseline = 0, target = 3, current = 0, unit = "approvals" }
[[goals]]
id = "hours"
start = 2026-09-01
deadline = 2027-03-01
metric = { baseline = 0, target = 2.5, current = 0.9, unit = "hours" }
"#;
    let flagged: Vec<String> = common::diagnostics(text)
        .iter()
        .filter(|d| d.rule == Rule::UnrealisticPace)
        .map(|d| d.message.split('`').nth(1).unwrap_or_default().to_string())
        .collect();
    assert_eq!(flagged, ["nothing-yet", "hours"]);
}
