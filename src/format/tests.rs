use expect_test::{Expect, expect};

use super::*;

fn check(text: &str, expect: Expect) {
    let formatted = format(text, &FormatOptions::default());
    assert!(!formatted.refused, "the formatter refused its own output");
    expect.assert_eq(&formatted.text);
    let again = format(&formatted.text, &FormatOptions::default());
    assert_eq!(again.text, formatted.text, "formatting is not idempotent");
}

#[test]
fn keys_go_in_the_format_order_with_their_comments() {
    check(
        "[[goals]]\nstatus   =  \"todo\" # not yet\n# the id\nid=\"a\"\ntitle = \"Pass the CKA exam\"\n",
        expect![[r#"
            [[goals]]
            # the id
            id = "a"
            title = "Pass the CKA exam"
            status = "todo" # not yet
        "#]],
    );
}

fn check_with(text: &str, options: &FormatOptions, expect: Expect) {
    let formatted = format(text, options);
    assert!(!formatted.refused, "the formatter refused its own output");
    expect.assert_eq(&formatted.text);
    assert_eq!(format(&formatted.text, options).text, formatted.text);
}

#[test]
fn spacing_is_normalised_and_scalars_kept_as_written() {
    check(
        "[roadmap]\n  title=   'Staff engineer'   \nhorizon=2029-12-31\n\"owner\" = \"A \\\"B\\\"\"\n[lint.limits]\nmax-active-goals=1_0\n",
        expect![[r#"
            [roadmap]
            title = 'Staff engineer'
            "owner" = "A \"B\""
            horizon = 2029-12-31

            [lint.limits]
            max-active-goals = 1_0
        "#]],
    );
}

#[test]
fn headers_are_spaced_and_separated_by_one_blank_line() {
    check(
        "\n\n[ roadmap ]\ntitle = \"x\"\n\n\n\n[[ goals ]]   # first\n\nid = \"a\"\n[ goals . metric ]\ntarget = 1\n\n\n",
        expect![[r#"
            [roadmap]
            title = "x"

            [[goals]]   # first
            id = "a"

            [goals.metric]
            target = 1
        "#]],
    );
}

#[test]
fn blank_lines_inside_a_table_are_kept_once_and_move_with_the_key_below() {
    check(
        "[[goals]]\n\nstatus = \"todo\"\n\n\n\ntitle = \"Pass the CKA exam\"\nid = \"a\"\n",
        expect![[r#"
            [[goals]]
            id = "a"

            title = "Pass the CKA exam"
            status = "todo"
        "#]],
    );
}

#[test]
fn comments_before_a_header_stay_with_the_header() {
    check(
        "# file comment\n[roadmap]\ntitle = \"x\"\n# about the goals\n# roadmap: allow(vague-goal)\n[[goals]]\nid = \"a\"\n# a last note\n\n\n# --- People ---\n\n[[people]]\nname = \"J\"\n# the end\n",
        expect![[r#"
            # file comment
            [roadmap]
            title = "x"

            # about the goals
            # roadmap: allow(vague-goal)
            [[goals]]
            id = "a"
            # a last note

            # --- People ---

            [[people]]
            name = "J"
            # the end
        "#]],
    );
}

#[test]
fn arrays_keep_one_line_or_many_as_written() {
    check(
        "[[goals]]\nskills = [ \"a\" ,\"b\",  ]\ndepends_on=[]\nid = \"x\"\n[[goals.actions]]\nresources = [   # why\n      \"book\",   \"course\"  # both\n  # and later\n  , \"mentor\"\n   ]  # after\nobstacles = [\n]\n",
        expect![[r#"
            [[goals]]
            id = "x"
            skills = ["a", "b"]
            depends_on = []

            [[goals.actions]]
            resources = [   # why
                  "book",
                  "course",  # both
                  # and later
                  "mentor",
            ]  # after
            obstacles = [
            ]
        "#]],
    );
}

#[test]
fn inline_tables_are_spaced_and_ordered() {
    check(
        "[[goals]]\nid = \"a\"\nmetric={target=3,unit = \"x\",measure=\"m\", extra = [1,2]}\nactions = [{due=2026-01-01, task=\"t\"}, { }]\n",
        expect![[r#"
            [[goals]]
            id = "a"
            metric = { measure = "m", extra = [1, 2], unit = "x", target = 3 }
            actions = [{ task = "t", due = 2026-01-01 }, {}]
        "#]],
    );
}

#[test]
fn dotted_keys_sort_by_their_path() {
    check(
        "[[goals]]\nmetric.target = 5\nid = \"a\"\nmetric . unit = \"talks\"\nstatus = \"todo\"\n",
        expect![[r#"
            [[goals]]
            id = "a"
            status = "todo"
            metric.unit = "talks"
            metric.target = 5
        "#]],
    );
}

#[test]
fn reordering_can_be_turned_off() {
    let options = FormatOptions {
        reorder_keys: false,
        ..FormatOptions::default()
    };
    check_with(
        "[[goals]]\nstatus= \"todo\"\nid =\"a\"\n",
        &options,
        expect![[r#"
            [[goals]]
            status = "todo"
            id = "a"
        "#]],
    );
}

#[test]
fn multi_line_strings_are_kept_byte_for_byte() {
    check(
        "[[reviews]]\nnotes = \"\"\"\n  indented   \n\n\n  more  \"\"\"   \ndate = 2026-01-01\n",
        expect![[r#"
            [[reviews]]
            date = 2026-01-01
            notes = """
              indented   


              more  """
        "#]],
    );
}

#[test]
fn crlf_stays_crlf_and_a_byte_order_mark_stays_first() {
    let text = "\u{feff}[roadmap]\r\nowner = \"x\"\r\ntitle=\"y\"\r\n[[goals]]\r\nid = \"a\"";
    let formatted = format(text, &FormatOptions::default());
    assert_eq!(
        formatted.text,
        "\u{feff}[roadmap]\r\ntitle = \"y\"\r\nowner = \"x\"\r\n\r\n[[goals]]\r\nid = \"a\"\r\n"
    );
    assert_eq!(
        format(&formatted.text, &FormatOptions::default()).text,
        formatted.text
    );
}

#[test]
fn tables_with_syntax_errors_are_kept_as_written_and_the_rest_formatted() {
    let text = "[roadmap]\nowner=\"x\"\ntitle = \"y\"\n[[goals]]\nstatus = \"todo\"   \nid = \"a\nskills = [\"a\",\n[[goals]]\nstatus = \"todo\"\nid=\"b\"\n";
    let formatted = format(text, &FormatOptions::default());
    expect![[r#"
        [roadmap]
        title = "y"
        owner = "x"

        [[goals]]
        status = "todo"   
        id = "a
        skills = ["a",
        [[goals]]
        id = "b"
        status = "todo"
    "#]]
    .assert_eq(&formatted.text);
    assert_eq!(formatted.kept.len(), 1);
    assert_eq!(
        &text[formatted.kept[0].range()],
        "[[goals]]\nstatus = \"todo\"   \nid = \"a\nskills = [\"a\",\n"
    );
    // The editor's own options reach the kept table, outside strings.
    let options = FormatOptions {
        trim_trailing_whitespace: true,
        ..FormatOptions::default()
    };
    assert!(
        format(text, &options)
            .text
            .contains("status = \"todo\"\nid = \"a\n")
    );
}

#[test]
fn conflicting_tables_are_kept_as_written() {
    let text = "[[goals]]\nstatus = \"todo\"\nid = \"a\"\nid = \"b\"\n[roadmap]\nowner = \"x\"\ntitle = \"y\"\n";
    let formatted = format(text, &FormatOptions::default());
    assert_eq!(
        formatted.text,
        "[[goals]]\nstatus = \"todo\"\nid = \"a\"\nid = \"b\"\n[roadmap]\ntitle = \"y\"\nowner = \"x\"\n"
    );
}

#[test]
fn empty_and_blank_texts_stay_empty() {
    check("", expect![""]);
    check("\n\n  \n", expect![""]);
    check(
        "# only a comment",
        expect![[r#"
        # only a comment
    "#]],
    );
}

#[test]
fn a_range_formats_only_the_tables_it_touches() {
    let text = "[roadmap]\nowner=\"x\"\ntitle = \"y\"\n[[goals]]\nstatus = \"todo\"\nid=\"a\"\n[[goals]]\nstatus = \"todo\"\nid=\"b\"\n";
    let second_goal = text.rfind("id=").unwrap();
    let formatted = format_range(text, Span::empty(second_goal), &FormatOptions::default());
    expect![[r#"
        [roadmap]
        owner="x"
        title = "y"
        [[goals]]
        status = "todo"
        id="a"
        [[goals]]
        id = "b"
        status = "todo"
    "#]]
    .assert_eq(&formatted.text);
    let both_goals = Span::new(text.find("[[goals]]").unwrap(), text.len());
    let formatted = format_range(text, both_goals, &FormatOptions::default());
    assert!(formatted.text.starts_with("[roadmap]\nowner=\"x\""));
    assert!(formatted.text.ends_with(
        "[[goals]]\nid = \"a\"\nstatus = \"todo\"\n\n[[goals]]\nid = \"b\"\nstatus = \"todo\"\n"
    ));
}

#[test]
fn the_file_decides_the_indentation_then_the_editor() {
    let text = "[[goals]]\ndepends_on = [\n\t\"a\",\n]\nskills = [\n\"b\"]\n";
    check(
        text,
        expect![[r#"
            [[goals]]
            skills = [
            	"b",
            ]
            depends_on = [
            	"a",
            ]
        "#]],
    );
    let options = FormatOptions {
        indent: Indent::Spaces(4),
        ..FormatOptions::default()
    };
    check_with(
        "[[goals]]\nskills = [\n\"b\"]\n",
        &options,
        expect![[r#"
            [[goals]]
            skills = [
                "b",
            ]
        "#]],
    );
}

#[test]
fn edits_touch_only_the_lines_that_change() {
    let text =
        "[roadmap]\ntitle = \"y\"\nowner = \"x\"\n\n[[goals]]\nid = \"a\"\nstatus =  \"todo\"\n";
    let edits = edits(text, &FormatOptions::default());
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(&text[edits[0].span.range()], "status =  \"todo\"\n");
    assert_eq!(edits[0].text, "status = \"todo\"\n");
}

#[test]
fn no_final_line_break_is_added_after_a_broken_last_table() {
    let options = FormatOptions {
        insert_final_newline: true,
        ..FormatOptions::default()
    };
    let text = "[roadmap]\ntitle=\"x\"\n[[goals]]\ntask = \"";
    let formatted = format(text, &options);
    assert!(!formatted.refused);
    assert_eq!(
        formatted.text,
        "[roadmap]\ntitle = \"x\"\n\n[[goals]]\ntask = \""
    );
    assert_eq!(format("a = 1", &options).text, "a = 1\n");
}

#[test]
fn edits_follow_the_order_of_the_diff_not_its_reported_indices() {
    // similar 2.7 reports this insertion at old line 2, before the `C` it
    // follows; applying it there would swap lines.
    let before = "[[goals.actions]]\n\n# above\nstatus = \"done\"\n# above\ntask=\"T\"\n";
    let formatted = format(before, &FormatOptions::default());
    assert_eq!(
        formatted.text,
        "[[goals.actions]]\n# above\ntask = \"T\"\n# above\nstatus = \"done\"\n"
    );
    let mut applied = before.to_string();
    for edit in formatted.edits(before).iter().rev() {
        applied.replace_range(edit.span.range(), &edit.text);
    }
    assert_eq!(applied, formatted.text);
}
