use super::*;
use crate::ide::fixture;

/// One line per candidate: label, kind, detail.
fn list(text_with_cursor: &str) -> String {
    let (text, offset) = fixture::cursor(text_with_cursor);
    let analysis = fixture::analysis(&text);
    let mut out = completions(&analysis, &text, offset);
    out.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
    out.iter()
        .map(|c| {
            let detail = c.detail.as_deref().unwrap_or("");
            format!("{} [{:?}] {detail}", c.label, c.kind)
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text after accepting `label`, then its snippet if it has one.
fn accept(text_with_cursor: &str, label: &str) -> String {
    let (text, offset) = fixture::cursor(text_with_cursor);
    let analysis = fixture::analysis(&text);
    let found = completions(&analysis, &text, offset);
    let Some(completion) = found.iter().find(|c| c.label == label) else {
        let labels: Vec<&str> = found.iter().map(|c| c.label.as_str()).collect();
        panic!("no {label:?} among {labels:?}");
    };
    let edit = &completion.edit;
    let mut result = text.clone();
    result.replace_range(edit.span.range(), &edit.text);
    match &edit.snippet {
        Some(snippet) => format!("{result}---\n{snippet}"),
        None => result,
    }
}

/// The line holding `needle` in `text`, with one line either side.
fn lines_around(text: &str, needle: &str) -> String {
    let at = text.find(needle).expect("the needle is in the text");
    let line = text[..at + needle.len()].matches('\n').count();
    let lines: Vec<&str> = text.lines().collect();
    lines[line.saturating_sub(1)..(line + 2).min(lines.len())].join("\n")
}

#[test]
fn statuses_after_an_unclosed_quote_with_their_meaning() {
    let goal = "[[goals]]\nid = \"a\"\nstatus = \"$0\n\n[[goals]]\nid = \"b\"\n";
    expect_test::expect![[r#"
        todo [Status] Planned, not started yet.
        in-progress [Status] Being worked on now.
        blocked [Status] Started but waiting on something or someone else.
        done [Status] Finished: the goal or task is met.
        dropped [Status] Given up on purpose; kept for the record."#]]
    .assert_eq(&list(goal));
    // The closing quote is added, since there is none.
    expect_test::expect![[r#"
        [[goals]]
        id = "a"
        status = "in-progress"

        [[goals]]
        id = "b"
    "#]]
    .assert_eq(&accept(goal, "in-progress"));
    let action = "[[goals]]\nid = \"a\"\n[[goals.actions]]\ntask = \"x\"\nstatus = \"do$0\n";
    expect_test::expect![[r#"
        [[goals]]
        id = "a"
        [[goals.actions]]
        task = "x"
        status = "done"
    "#]]
    .assert_eq(&accept(action, "done"));
}

#[test]
fn statuses_keep_an_existing_closing_quote_and_quote_a_bare_value() {
    expect_test::expect![[r#"
        [[goals]]
        status = "in-progress"
    "#]]
    .assert_eq(&accept("[[goals]]\nstatus = \"in$0\"\n", "in-progress"));
    expect_test::expect![[r#"
        [[goals]]
        status = "in-progress"
    "#]]
    .assert_eq(&accept("[[goals]]\nstatus = \"in$0prog\"\n", "in-progress"));
    expect_test::expect![[r#"
        [[goals]]
        status = "blocked"
    "#]]
    .assert_eq(&accept("[[goals]]\nstatus = $0\n", "blocked"));
    expect_test::expect![[r#"
        [[goals]]
        status = "blocked"
    "#]]
    .assert_eq(&accept("[[goals]]\nstatus = bl$0\n", "blocked"));
}

#[test]
fn literal_strings_close_with_their_own_quote_and_bare_values_get_a_space() {
    expect_test::expect![[r#"
        [[people]]
        role = 'mentor'
    "#]]
    .assert_eq(&accept("[[people]]\nrole = 'me$0\n", "mentor"));
    expect_test::expect![[r#"
        [[goals]]
        status = "todo"
    "#]]
    .assert_eq(&accept("[[goals]]\nstatus =$0\n", "todo"));
    expect_test::expect![[r#"
        [[goals]]
        urgent = false
    "#]]
    .assert_eq(&accept("[[goals]]\nurgent =$0\n", "false"));
}

#[test]
fn enumerated_values_and_booleans() {
    expect_test::expect![[r#"
        soft [EnumValue] A people skill: communication, leadership, negotiation.
        hard [EnumValue] A technical skill you can test: a language, a tool, budgeting."#]]
    .assert_eq(&list("[[skills]]\nkind = \"$0\"\n"));
    expect_test::expect![[r#"
        mentor [EnumValue] Advises you and helps you grow.
        mentee [EnumValue] Someone you mentor.
        coach [EnumValue] Helps you practise a skill or find your own answers.
        sponsor [EnumValue] Speaks for you where decisions are made.
        manager [EnumValue] The person you report to.
        peer [EnumValue] A colleague at your level.
        report [EnumValue] Someone who reports to you.
        contact [EnumValue] Someone in your network."#]]
    .assert_eq(&list("[[people]]\nrole = \"$0\n"));
    expect_test::expect![[r#"
        off [EnumValue] Turn the rule off.
        hint [EnumValue] Report as a hint (faint in most editors).
        info [EnumValue] Report as information.
        warning [EnumValue] Report as a warning.
        error [EnumValue] Report as an error (fails `roadmap-lsp check`)."#]]
    .assert_eq(&list("[lint.rules]\nvague-goal = \"$0\n"));
    expect_test::expect![[r#"
        true [Boolean]
        false [Boolean]"#]]
    .assert_eq(&list("[[goals]]\nurgent = $0\n"));
    expect_test::expect![[r#"
        [[goals]]
        important = true
    "#]]
    .assert_eq(&accept("[[goals]]\nimportant = t$0\n", "true"));
    expect_test::expect![[r#"
        1 week [EnumValue] Every week.
        2 weeks [EnumValue] Every two weeks.
        1 month [EnumValue] Every month.
        1 quarter [EnumValue] Every three months."#]]
    .assert_eq(&list("[roadmap]\nreview_every = \"$0\"\n"));
    // A recurring action's cadence is a period too.
    expect_test::expect![[r#"
        1 week [EnumValue] Every week.
        2 weeks [EnumValue] Every two weeks.
        1 month [EnumValue] Every month.
        1 quarter [EnumValue] Every three months."#]]
    .assert_eq(&list("[[goals]]\n[[goals.actions]]\nevery = \"$0\"\n"));
}

#[test]
fn keys_not_yet_set_on_a_blank_line_as_snippets() {
    let text = "[[goals]]\nid = \"a\"\nstatus = \"todo\"\ntitle = \"Ship 3 talks\"\n$0\n";
    expect_test::expect![[r#"
        why [Key] text
        skills [Key] list of text
        start [Key] date (YYYY-MM-DD)
        deadline [Key] date (YYYY-MM-DD)
        urgent [Key] true / false
        important [Key] true / false
        depends_on [Key] list of text
        owner [Key] text
        notes [Key] text
        [[goals.actions]] [Header] The action plan: tasks with a due date and an owner.
        [goals.metric] [Header] How progress is measured (the M of SMART).
        [[goals]] [Header] A SMART goal that moves you towards the vision.
        [[skills]] [Header] Self-assessment: a skill, how good you are now and how good the vision needs you to be.
        [[reviews]] [Header] The review log: when you looked at the roadmap and what changed.
        [[people]] [Header] Your network: mentors, coaches, sponsors, managers, peers, reports and contacts, and how often to meet them.
        [[wins]] [Header] Wins worth celebrating.
        [roadmap] [Header] The vision: where you want to be, by when, and how often you review the plan.
        [lint] [Header] This file's own checker settings (same keys as roadmap-lsp.toml).
        [lint.rules] [Header] Rule levels: `vague-goal = "off"`, `overdue = "error"`.
        [lint.limits] [Header] Numeric limits: `max-active-goals`, `max-urgent-important`.
        [lint.vague] [Header] Vague-goal settings: `extra-words`, `min-words`.
        [lint.format] [Header] How `roadmap-lsp fmt` and Format Document lay the file out: `reorder-keys`."#]].assert_eq(&list(text));
    expect_test::expect![[r#"
        [[goals]]
        id = "a"
        status = "todo"
        title = "Ship 3 talks"
        deadline = 2026-12-31
        ---
        deadline = ${1:2026-12-31}"#]]
    .assert_eq(&accept(text, "deadline"));
    expect_test::expect![[r#"
        [[goals]]
        id = "a"
        status = "todo"
        title = "Ship 3 talks"
        depends_on = []
        ---
        depends_on = ["$1"]"#]]
    .assert_eq(&accept(text, "depends_on"));
    expect_test::expect![[r#"
        [[goals]]
        id = "a"
        status = "todo"
        title = "Ship 3 talks"
        [[goals.actions]]
        task = ""
        due = 2026-12-31
        status = "todo"
        ---
        [[goals.actions]]
        task = "$1"
        due = ${2:2026-12-31}
        status = "${3|todo,in-progress,blocked,done,dropped|}""#]]
    .assert_eq(&accept(text, "[[goals.actions]]"));
}

#[test]
fn no_headers_above_keys_they_would_capture() {
    let mid_table = "[[goals]]\nid = \"a\"\n$0\nstatus = \"todo\"\n";
    let found = list(mid_table);
    assert!(found.contains("deadline [Key]"), "{found}");
    assert!(!found.contains("[Header]"), "{found}");
}

#[test]
fn a_half_typed_key_is_replaced_by_the_whole_line() {
    let text = "[[goals]]\nid = \"a\"\ndead$0\n";
    expect_test::expect![[r#"
        [[goals]]
        id = "a"
        deadline = 2026-12-31
        ---
        deadline = ${1:2026-12-31}"#]]
    .assert_eq(&accept(text, "deadline"));
    expect_test::expect![[r#"
        [[goals]]
        [[goals.actions]]
        status = "todo"
        ---
        status = "${1|todo,in-progress,blocked,done,dropped|}""#]]
    .assert_eq(&accept("[[goals]]\n[[goals.actions]]\nst$0\n", "status"));
    // Renaming the key of a finished line changes the name only.
    expect_test::expect![[r#"
        [[goals]]
        deadline = 2026-12-01
    "#]]
    .assert_eq(&accept("[[goals]]\ndue$0 = 2026-12-01\n", "deadline"));
}

#[test]
fn keys_of_other_tables() {
    expect_test::expect![[r#"
        measure [Key] text
        baseline [Key] number
        target [Key] number
        current [Key] number
        [[goals.actions]] [Header] The action plan: tasks with a due date and an owner.
        [[goals]] [Header] A SMART goal that moves you towards the vision.
        [[skills]] [Header] Self-assessment: a skill, how good you are now and how good the vision needs you to be.
        [[reviews]] [Header] The review log: when you looked at the roadmap and what changed.
        [[people]] [Header] Your network: mentors, coaches, sponsors, managers, peers, reports and contacts, and how often to meet them.
        [[wins]] [Header] Wins worth celebrating.
        [roadmap] [Header] The vision: where you want to be, by when, and how often you review the plan.
        [lint] [Header] This file's own checker settings (same keys as roadmap-lsp.toml).
        [lint.rules] [Header] Rule levels: `vague-goal = "off"`, `overdue = "error"`.
        [lint.limits] [Header] Numeric limits: `max-active-goals`, `max-urgent-important`.
        [lint.vague] [Header] Vague-goal settings: `extra-words`, `min-words`.
        [lint.format] [Header] How `roadmap-lsp fmt` and Format Document lay the file out: `reorder-keys`."#]]
        .assert_eq(&list("[[goals]]\n[goals.metric]\nunit = \"talks\"\n$0\n"));
    expect_test::expect![[r#"
        syntax-error [Key] rule, default error
        invalid-value [Key] rule, default error
        unknown-key [Key] rule, default warning
        nonstandard-status [Key] rule, default warning
        unknown-status [Key] rule, default error
        duplicate-id [Key] rule, default error
        unknown-reference [Key] rule, default error
        dependency-cycle [Key] rule, default error
        missing-metric [Key] rule, default warning
        unmeasurable-metric [Key] rule, default warning
        done-short-of-target [Key] rule, default warning
        missing-deadline [Key] rule, default warning
        overdue [Key] rule, default warning
        action-after-deadline [Key] rule, default warning
        beyond-horizon [Key] rule, default info
        unrealistic-pace [Key] rule, default warning
        overcommitted [Key] rule, default info
        dependency-after-deadline [Key] rule, default warning
        unlinked-goal [Key] rule, default warning
        unaddressed-gap [Key] rule, default warning
        no-actions [Key] rule, default warning
        incomplete-action [Key] rule, default info
        too-many-priorities [Key] rule, default info
        status-mismatch [Key] rule, default warning
        stale-review [Key] rule, default warning
        never-reviewed [Key] rule, default warning
        stale-metric [Key] rule, default info
        mentor-overdue [Key] rule, default info
        no-mentor [Key] rule, default info
        no-assessment [Key] rule, default info
        missing-vision [Key] rule, default warning
        vague-vision [Key] rule, default warning
        missing-horizon [Key] rule, default info
        horizon-passed [Key] rule, default warning
        unused-allow [Key] rule, default hint
        [[goals]] [Header] A SMART goal that moves you towards the vision.
        [[skills]] [Header] Self-assessment: a skill, how good you are now and how good the vision needs you to be.
        [[reviews]] [Header] The review log: when you looked at the roadmap and what changed.
        [[people]] [Header] Your network: mentors, coaches, sponsors, managers, peers, reports and contacts, and how often to meet them.
        [[wins]] [Header] Wins worth celebrating.
        [roadmap] [Header] The vision: where you want to be, by when, and how often you review the plan.
        [lint.limits] [Header] Numeric limits: `max-active-goals`, `max-urgent-important`.
        [lint.vague] [Header] Vague-goal settings: `extra-words`, `min-words`.
        [lint.format] [Header] How `roadmap-lsp fmt` and Format Document lay the file out: `reorder-keys`."#]].assert_eq(&list("[lint.rules]\nvague-goal = \"off\"\nover$0\n"));
    expect_test::expect![[r#"
        [lint.rules]
        overdue = "off"
        ---
        overdue = "${1|off,hint,info,warning,error|}""#]]
    .assert_eq(&accept("[lint.rules]\nover$0\n", "overdue"));
}

#[test]
fn goal_ids_in_depends_on_but_not_its_own_or_those_listed() {
    let goals = "[[goals]]\nid = \"talks\"\ntitle = \"Give 3 talks\"\ndeadline = 2027-01-31\n\n[[goals]]\nid = \"blog\"\ntitle = \"Write 6 posts\"\ndepends_on = [\"$0\n\n[[goals]]\nid = \"book\"\ntitle = \"Publish a book\"\nstatus = \"done\"\n";
    expect_test::expect![[r#"
        talks [Reference] Give 3 talks
        book [Reference] Publish a book"#]]
    .assert_eq(&list(goals));
    expect_test::expect![[r#"
        [[goals]]
        id = "talks"
        title = "Give 3 talks"
        deadline = 2027-01-31

        [[goals]]
        id = "blog"
        title = "Write 6 posts"
        depends_on = ["book"

        [[goals]]
        id = "book"
        title = "Publish a book"
        status = "done"
    "#]]
    .assert_eq(&accept(goals, "book"));
    let second = goals.replace("[\"$0", "[\"book\", \"$0");
    expect_test::expect!["talks [Reference] Give 3 talks"].assert_eq(&list(&second));
    let bare = goals.replace("[\"$0", "$0");
    expect_test::expect![[r#"
        [[goals]]
        id = "talks"
        title = "Give 3 talks"
        deadline = 2027-01-31

        [[goals]]
        id = "blog"
        title = "Write 6 posts"
        depends_on = ["talks"]

        [[goals]]
        id = "book"
        title = "Publish a book"
        status = "done"
    "#]]
    .assert_eq(&accept(&bare, "talks"));
    let in_brackets = goals.replace("[\"$0", "[$0]");
    expect_test::expect![[r#"
        [[goals]]
        id = "talks"
        title = "Give 3 talks"
        deadline = 2027-01-31

        [[goals]]
        id = "blog"
        title = "Write 6 posts"
        depends_on = ["talks"]

        [[goals]]
        id = "book"
        title = "Publish a book"
        status = "done"
    "#]]
    .assert_eq(&accept(&in_brackets, "talks"));
}

#[test]
fn goal_ids_on_a_new_line_of_a_multi_line_array() {
    let text =
        "[[goals]]\nid = \"talks\"\n[[goals]]\nid = \"blog\"\ndepends_on = [\n  \"x\",\n  $0\n]\n";
    expect_test::expect![[r#"
        [[goals]]
        id = "talks"
        [[goals]]
        id = "blog"
        depends_on = [
          "x",
          "talks"
        ]
    "#]]
    .assert_eq(&accept(text, "talks"));
}

#[test]
fn goal_ids_in_wins_and_skill_ids_with_their_gap() {
    let text = "[[skills]]\nid = \"speaking\"\ncurrent = 2\nrequired = 4\n[[skills]]\nid = \"sql\"\ncurrent = 4\nrequired = 4\n[[goals]]\nid = \"talks\"\ntitle = \"Give 3 talks\"\nskills = [$0]\n[[wins]]\ngoal = \"\"\n";
    expect_test::expect![[r#"
        speaking [Reference] gap 2 (now 2, needs 4)
        sql [Reference] no gap (at 4)"#]]
    .assert_eq(&list(text));
    let win = text
        .replace("[$0]", "[]")
        .replace("goal = \"\"", "goal = \"ta$0\"");
    expect_test::expect!["talks [Reference] Give 3 talks"].assert_eq(&list(&win));
}

#[test]
fn dates_today_and_ends_of_month_quarter_and_year() {
    expect_test::expect![[r#"
        today [Date] Monday 2026-11-23 · today
        end of month [Date] Monday 2026-11-30 · in 7 days
        end of quarter [Date] Thursday 2026-12-31 · in 38 days
        end of year [Date] Thursday 2026-12-31 · in 38 days"#]]
    .assert_eq(&list("[[goals]]\ndeadline = $0\n"));
    expect_test::expect![[r#"
        [[goals]]
        deadline = 2026-12-31
    "#]]
    .assert_eq(&accept("[[goals]]\ndeadline = $0\n", "end of quarter"));
}

#[test]
fn typed_date_phrases_become_dates() {
    let typed = "[[goals]]\n[[goals.actions]]\ndue = next fri$0\n";
    let found = list(typed);
    assert!(
        found.contains("next friday [Date] Friday 2026-11-27 · in 4 days"),
        "{found}"
    );
    expect_test::expect![[r#"
        [[goals]]
        [[goals.actions]]
        due = 2026-11-27
    "#]]
    .assert_eq(&accept(typed, "next friday"));
    // A phrase outside the usual list is offered when it reads as a date.
    expect_test::expect![[r#"
        [roadmap]
        last_review = 2026-11-26
    "#]]
    .assert_eq(&accept(
        "[roadmap]\nlast_review = in 3 days$0\n",
        "in 3 days",
    ));
    // Typed in quotes, the quotes go: a date is bare in TOML.
    expect_test::expect![[r#"
        [[goals]]
        start = 2027-09-30
    "#]]
    .assert_eq(&accept("[[goals]]\nstart = \"end of q3$0\"\n", "end of q3"));
    expect_test::expect![[r#"
        [[reviews]]
        date = 2026-11-24
    "#]]
    .assert_eq(&accept("[[reviews]]\ndate = \"tomorrow$0\n", "tomorrow"));
}

#[test]
fn dates_filter_by_the_date_once_digits_are_typed() {
    let (text, offset) = fixture::cursor("[[goals]]\ndeadline = 2026-1$0\n");
    let analysis = fixture::analysis(&text);
    let filters: Vec<String> = completions(&analysis, &text, offset)
        .into_iter()
        .filter_map(|c| c.filter_text)
        .collect();
    expect_test::expect!["2026-11-23 2026-11-30 2026-12-31 2026-12-31"]
        .assert_eq(&filters.join(" "));
}

#[test]
fn headers_after_a_bracket() {
    // At the top: no [roadmap] yet, so it is offered.
    expect_test::expect![[r#"
        [[goals]] [Header] A SMART goal that moves you towards the vision.
        [[skills]] [Header] Self-assessment: a skill, how good you are now and how good the vision needs you to be.
        [[reviews]] [Header] The review log: when you looked at the roadmap and what changed.
        [[people]] [Header] Your network: mentors, coaches, sponsors, managers, peers, reports and contacts, and how often to meet them.
        [[wins]] [Header] Wins worth celebrating.
        [roadmap] [Header] The vision: where you want to be, by when, and how often you review the plan.
        [lint] [Header] This file's own checker settings (same keys as roadmap-lsp.toml).
        [lint.rules] [Header] Rule levels: `vague-goal = "off"`, `overdue = "error"`.
        [lint.limits] [Header] Numeric limits: `max-active-goals`, `max-urgent-important`.
        [lint.vague] [Header] Vague-goal settings: `extra-words`, `min-words`.
        [lint.format] [Header] How `roadmap-lsp fmt` and Format Document lay the file out: `reorder-keys`."#]].assert_eq(&list("[$0\n"));
    // Inside a goal that has a metric: actions, but no second metric.
    let in_goal =
        "[roadmap]\ntitle = \"x\"\n[[goals]]\nid = \"a\"\n[goals.metric]\ntarget = 3\n[[$0\n";
    expect_test::expect![[r#"
        [[goals.actions]] [Header] The action plan: tasks with a due date and an owner.
        [[goals]] [Header] A SMART goal that moves you towards the vision.
        [[skills]] [Header] Self-assessment: a skill, how good you are now and how good the vision needs you to be.
        [[reviews]] [Header] The review log: when you looked at the roadmap and what changed.
        [[people]] [Header] Your network: mentors, coaches, sponsors, managers, peers, reports and contacts, and how often to meet them.
        [[wins]] [Header] Wins worth celebrating.
        [lint] [Header] This file's own checker settings (same keys as roadmap-lsp.toml).
        [lint.rules] [Header] Rule levels: `vague-goal = "off"`, `overdue = "error"`.
        [lint.limits] [Header] Numeric limits: `max-active-goals`, `max-urgent-important`.
        [lint.vague] [Header] Vague-goal settings: `extra-words`, `min-words`.
        [lint.format] [Header] How `roadmap-lsp fmt` and Format Document lay the file out: `reorder-keys`."#]].assert_eq(&list(in_goal));
    expect_test::expect![[r#"
        [roadmap]
        title = "x"
        [[goals]]
        id = "a"
        [goals.metric]
        target = 3
        [[goals.actions]]
        task = ""
        due = 2026-12-31
        status = "todo"
        ---
        [[goals.actions]]
        task = "$1"
        due = ${2:2026-12-31}
        status = "${3|todo,in-progress,blocked,done,dropped|}""#]]
    .assert_eq(&accept(in_goal, "[[goals.actions]]"));
    // Brackets the editor closed by itself are replaced too.
    expect_test::expect![[r#"
        [[goals]]
        id = "a"
        [[goals]]
        id = ""
        title = ""
        why = ""
        deadline = 2026-12-31
        status = "todo"
        ---
        [[goals]]
        id = "$1"
        title = "$2"
        why = "$3"
        deadline = ${4:2026-12-31}
        status = "${5|todo,in-progress,blocked,done,dropped|}""#]]
    .assert_eq(&accept("[[goals]]\nid = \"a\"\n[[go$0]]\n", "[[goals]]"));
}

#[test]
fn metric_header_only_in_a_goal_without_one() {
    let text = "[[goals]]\nid = \"a\"\n\n$0\n[[goals]]\nid = \"b\"\n[goals.metric]\ntarget = 1\n";
    let found = list(text);
    assert!(found.contains("[goals.metric] [Header]"), "{found}");
    let other = text
        .replace("$0", "")
        .replace("target = 1\n", "target = 1\n[$0\n");
    assert!(!list(&other).contains("[goals.metric]"));
    expect_test::expect![[r#"
        [[goals]]
        id = "a"

        [goals.metric]
        measure = ""
        unit = ""
        baseline = 0
        target = 0
        current = 0
        [[goals]]
        id = "b"
        [goals.metric]
        target = 1
        ---
        [goals.metric]
        measure = "$1"
        unit = "$2"
        baseline = ${3:0}
        target = ${4:0}
        current = ${5:0}"#]]
    .assert_eq(&accept(text, "[goals.metric]"));
}

#[test]
fn header_skeletons_follow_crlf_line_endings() {
    let text = "[roadmap]\r\ntitle = \"x\"\r\n\r\n[[$0\r\n";
    let (plain, offset) = fixture::cursor(text);
    let analysis = fixture::analysis(&plain);
    let found = completions(&analysis, &plain, offset);
    let goal = found.iter().find(|c| c.label == "[[goals]]").unwrap();
    expect_test::expect![[r#""[[goals]]\r\nid = \"\"\r\ntitle = \"\"\r\nwhy = \"\"\r\ndeadline = 2026-12-31\r\nstatus = \"todo\"""#]].assert_eq(&format!("{:?}", goal.edit.text));
}

#[test]
fn works_in_the_middle_of_a_broken_file() {
    let text = std::fs::read_to_string("fixtures/broken-mid-edit.roadmap.toml").unwrap();
    let open_quote = text.replacen("status = \"\n", "status = \"$0\n", 1);
    expect_test::expect![[r#"
        todo [Status] Planned, not started yet.
        in-progress [Status] Being worked on now.
        blocked [Status] Started but waiting on something or someone else.
        done [Status] Finished: the goal or task is met.
        dropped [Status] Given up on purpose; kept for the record."#]]
    .assert_eq(&list(&open_quote));
    expect_test::expect![[r#"
        deadline = 2027-01-29
        status = "blocked"
        [goals.metric]"#]]
    .assert_eq(&lines_around(
        &accept(&open_quote, "blocked"),
        "status = \"bl",
    ));
    expect_test::expect![[r#"
        start = 2026-11-02
        deadline = 2026-12-31
        status = "in-progress""#]]
    .assert_eq(&lines_around(
        &accept(&text.replacen("\ndead\n", "\ndead$0\n", 1), "deadline"),
        "deadline = 2026-12-31",
    ));
    // Goals before and after the broken ones are offered; not the
    // goal's own id, nor the one already listed.
    let after_comma = text.replacen("[\"release-train\", ", "[\"release-train\", $0", 1);
    expect_test::expect![[r#"
        interviewer [Reference] Run 10 structured interviews for the iOS team
        one-on-ones [Reference] Hold weekly 1:1s with the 2 interns
        hiring-panel [Reference] Sit on 4 hiring panels for the Android team"#]]
    .assert_eq(&list(&after_comma));
    expect_test::expect![[r#"
        title = "Port the settings screens to SwiftUI in 3 sprints"
        depends_on = ["release-train", "hiring-panel"
        why = "Settings is the most-changed UI and the easiest to port""#]]
    .assert_eq(&lines_around(
        &accept(&after_comma, "hiring-panel"),
        "\"hiring-panel\"",
    ));
}

#[test]
fn non_ascii_titles_and_ids() {
    let text = std::fs::read_to_string("fixtures/unicode.roadmap.toml").unwrap();
    let with_cursor = text.replacen(
        "skills = [\"english\"]",
        "skills = [\"english\"]\ndepends_on = [\"$0",
        1,
    );
    expect_test::expect![[r#"
        eigo [Reference] 英語を頑張る
        rust-oss [Reference] 完成 3 个 Rust 开源项目的 PR 👩‍💻
        study-group [Reference] Run a café study group for 6 colleagues"#]]
    .assert_eq(&list(&with_cursor));
}

#[test]
fn nothing_in_comments_multiline_strings_or_after_a_value() {
    for text in [
        "[[goals]]\n# status = \"$0\n",
        "[[goals]]\nstatus = \"todo\"$0\n",
        "[[goals]]\nstatus = \"todo\" $0\n",
        "[[goals]]\nnotes = \"\"\"\nstatus = \"$0\n",
        "[[goals]]\ntitle = \"$0\n",
        "[[goals.acitons]]\nstatus = \"$0\n",
    ] {
        assert_eq!(list(text), "", "{text:?}");
    }
    let text = std::fs::read_to_string("fixtures/broken-unclosed-multiline.roadmap.toml").unwrap();
    let inside = text.replacen("- one story", "- one story$0", 1);
    assert_eq!(list(&inside), "");
}

/// Every offset of every fixture, including past the end and inside
/// multi-byte characters: no panic, and every edit is a single-line
/// span on char boundaries that contains the cursor.
#[test]
fn any_offset_in_any_fixture_is_safe() {
    let mut paths: Vec<_> = std::fs::read_dir("fixtures")
        .unwrap()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    let mut offered = 0;
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let analysis = fixture::analysis(&text);
        for offset in 0..=text.len() + 2 {
            for completion in completions(&analysis, &text, offset) {
                offered += 1;
                let span = completion.edit.span;
                let replaced = text.get(span.range());
                assert!(
                    replaced.is_some_and(|r| !r.contains('\n')),
                    "{path:?} at {offset}: bad span {span:?}"
                );
                assert!(
                    span.start() <= offset && offset <= span.end(),
                    "{path:?} at {offset}"
                );
            }
        }
    }
    assert!(offered > 0);
}
