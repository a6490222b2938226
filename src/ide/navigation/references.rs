//! Goal and skill ids as names: go to definition, find references, rename.
//!
//! Goal ids and skill ids are separate namespaces (a skill and a goal may
//! share an id). Goals are referred to from `depends_on` and `[[wins]]`
//! `goal`, skills from a goal's `skills`. As in the checker, a reference
//! names the *first* definition of its id: a later duplicate has no
//! references of its own, so renaming it is how to fix a `duplicate-id`.

use compact_str::CompactString;

use super::{name_span, touches, unquoted};
use crate::analysis::Analysis;
use crate::ide::TextEdit;
use crate::model::{Field, Roadmap};
use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Namespace {
    Goal,
    Skill,
}

impl Namespace {
    fn noun(self) -> &'static str {
        match self {
            Namespace::Goal => "goal",
            Namespace::Skill => "skill",
        }
    }
}

/// An id as written: a definition (`id = "…"`) or a reference to one.
#[derive(Clone, Copy, Debug)]
struct Occurrence<'a> {
    namespace: Namespace,
    field: &'a Field<CompactString>,
    is_definition: bool,
}

impl Occurrence<'_> {
    fn name(&self) -> &str {
        &self.field.value
    }

    fn same_name(&self, other: &Occurrence) -> bool {
        self.namespace == other.namespace && self.name() == other.name()
    }
}

/// Every id and reference in the model, in file order.
fn occurrences(roadmap: &Roadmap) -> Vec<Occurrence<'_>> {
    let definition = |namespace, field| Occurrence {
        namespace,
        field,
        is_definition: true,
    };
    let reference = |namespace, field| Occurrence {
        namespace,
        field,
        is_definition: false,
    };
    let mut all: Vec<Occurrence> = Vec::new();
    for skill in &roadmap.skills {
        all.extend(skill.id.iter().map(|id| definition(Namespace::Skill, id)));
    }
    for goal in &roadmap.goals {
        all.extend(goal.id.iter().map(|id| definition(Namespace::Goal, id)));
        let depends_on = goal.depends_on.iter().flat_map(|list| &list.value);
        all.extend(depends_on.map(|id| reference(Namespace::Goal, id)));
        let skills = goal.skills.iter().flat_map(|list| &list.value);
        all.extend(skills.map(|id| reference(Namespace::Skill, id)));
    }
    for win in &roadmap.wins {
        all.extend(win.goal.iter().map(|id| reference(Namespace::Goal, id)));
    }
    all.sort_by_key(|occurrence| occurrence.field.span.start());
    all
}

/// What is known about the id under the cursor.
struct Target<'a> {
    /// The id or reference the cursor is on.
    at: Occurrence<'a>,
    /// Everything that names the same thing, `at` included, in file order:
    /// the first definition and its references, or a later duplicate
    /// definition alone.
    group: Vec<Occurrence<'a>>,
    /// Every id and reference in the file, for a rename's clash check.
    all: Vec<Occurrence<'a>>,
}

fn target(analysis: &Analysis, offset: usize) -> Option<Target<'_>> {
    let all = occurrences(&analysis.roadmap);
    let at = *all
        .iter()
        .find(|occurrence| touches(occurrence.field.span, offset))?;
    if !on_char_boundary(at.field, offset) {
        return None;
    }
    let first_definition = all
        .iter()
        .find(|other| other.is_definition && other.same_name(&at));
    let is_later_duplicate =
        at.is_definition && first_definition.is_some_and(|first| first.field.span != at.field.span);
    let group = if is_later_duplicate {
        vec![at]
    } else {
        all.iter()
            .filter(|other| {
                other.same_name(&at)
                    && (!other.is_definition
                        || first_definition
                            .is_some_and(|first| first.field.span == other.field.span))
            })
            .copied()
            .collect()
    };
    Some(Target { at, group, all })
}

/// Whether `offset` falls between characters of the id, which (written
/// plainly) is its own text, so this needs no access to the file.
fn on_char_boundary(field: &Field<CompactString>, offset: usize) -> bool {
    match unquoted(field) {
        Some(inside) if inside.start() <= offset && offset <= inside.end() => {
            field.value.is_char_boundary(offset - inside.start())
        }
        _ => true,
    }
}

/// Where the goal or skill named under the cursor is defined: its id
/// inside the quotes. On an id itself, that id. `None` off an id, or for a
/// reference to an id nothing defines.
pub fn definition(analysis: &Analysis, offset: usize) -> Option<Span> {
    let target = target(analysis, offset)?;
    target
        .group
        .iter()
        .find(|occurrence| occurrence.is_definition)
        .map(|definition| name_span(definition.field))
}

/// Every place naming the goal or skill under the cursor (on its id or on
/// any reference to it), in file order; the definition only if
/// `include_declaration`. Empty off an id.
pub fn references(analysis: &Analysis, offset: usize, include_declaration: bool) -> Vec<Span> {
    let Some(target) = target(analysis, offset) else {
        return Vec::new();
    };
    target
        .group
        .iter()
        .filter(|occurrence| include_declaration || !occurrence.is_definition)
        .map(|occurrence| name_span(occurrence.field))
        .collect()
}

/// The id text inside the quotes that a rename at `offset` would replace,
/// or why there is nothing to rename there.
pub fn prepare_rename(analysis: &Analysis, offset: usize) -> Result<Span, String> {
    renameable(analysis, offset).map(|(_, inside)| inside)
}

/// The id under the cursor, and its text inside the quotes, if it can be
/// renamed.
fn renameable(analysis: &Analysis, offset: usize) -> Result<(Target<'_>, Span), String> {
    let target = target(analysis, offset).ok_or_else(|| {
        "only goal and skill ids can be renamed: put the cursor on an `id`, or on a reference in `depends_on`, `skills` or a win's `goal`".to_string()
    })?;
    let inside = unquoted(target.at.field).ok_or_else(|| {
        "this id is written with escapes or as a multi-line string; write it as a plain \"…\" string to rename it".to_string()
    })?;
    Ok((target, inside))
}

/// Renames the goal or skill id under the cursor: its definition and every
/// reference to it. Refuses a name that is empty, has spaces around it,
/// would need escaping in a string, or is already the id of another item
/// of the same kind, and says why.
pub fn rename(
    analysis: &Analysis,
    text: &str,
    offset: usize,
    new_name: &str,
) -> Result<Vec<TextEdit>, String> {
    if !text.is_char_boundary(offset) {
        return Err("the cursor is not on a character boundary".to_string());
    }
    let (target, _) = renameable(analysis, offset)?;
    let noun = target.at.namespace.noun();
    if new_name.is_empty() {
        return Err(format!("a {noun} id cannot be empty"));
    }
    if new_name.trim() != new_name {
        return Err(format!(
            "\"{new_name}\" starts or ends with a space; ids are matched exactly, so leave the spaces out"
        ));
    }
    if let Some(bad) = new_name
        .chars()
        .find(|c| matches!(c, '"' | '\\') || c.is_control())
    {
        return Err(format!(
            "a {noun} id cannot contain {}: it would need escaping in every place the id is written",
            describe_char(bad)
        ));
    }
    if new_name == target.at.name() {
        return Ok(Vec::new());
    }
    if target.all.iter().any(|other| {
        other.is_definition && other.namespace == target.at.namespace && other.name() == new_name
    }) {
        return Err(format!(
            "another {noun} already has the id \"{new_name}\"; pick a name no {noun} uses"
        ));
    }
    let mut edits = Vec::new();
    for occurrence in &target.group {
        let inside = unquoted(occurrence.field)
            .filter(|inside| text.get(inside.range()) == Some(occurrence.name()));
        let edit = match inside {
            Some(inside) => {
                let literal = text.get(occurrence.field.span.start()..inside.start()) == Some("'");
                if literal && new_name.contains('\'') {
                    return Err(format!(
                        "\"{new_name}\" has a `'`, which a 'literal string' cannot hold; change the quotes to \"…\" first"
                    ));
                }
                TextEdit::replace(inside, new_name)
            }
            // Written with escapes: write the whole string again.
            None => TextEdit::replace(occurrence.field.span, crate::model::read::quote(new_name)),
        };
        edits.push(edit);
    }
    Ok(edits)
}

fn describe_char(c: char) -> String {
    match c {
        '"' => "a double quote".to_string(),
        '\\' => "a backslash".to_string(),
        '\n' | '\r' => "a line break".to_string(),
        '\t' => "a tab".to_string(),
        c => format!("the control character U+{:04X}", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;
    use crate::ide::navigation::test_support::mark;

    fn goto(text_with_cursor: &str) -> String {
        let (text, offset) = fixture::cursor(text_with_cursor);
        let analysis = fixture::analysis(&text);
        match definition(&analysis, offset) {
            Some(span) => mark(&text, &[span]),
            None => "no definition".to_string(),
        }
    }

    fn find(text_with_cursor: &str, include_declaration: bool) -> String {
        let (text, offset) = fixture::cursor(text_with_cursor);
        let analysis = fixture::analysis(&text);
        mark(&text, &references(&analysis, offset, include_declaration))
    }

    /// The text after the rename, or the reason it was refused.
    fn renamed(text_with_cursor: &str, new_name: &str) -> String {
        let (text, offset) = fixture::cursor(text_with_cursor);
        let analysis = fixture::analysis(&text);
        match rename(&analysis, &text, offset, new_name) {
            Ok(edits) => apply(&text, edits),
            Err(why) => format!("refused: {why}"),
        }
    }

    fn apply(text: &str, mut edits: Vec<TextEdit>) -> String {
        edits.sort_by_key(|edit| std::cmp::Reverse(edit.span.start()));
        let mut out = text.to_string();
        for edit in edits {
            out.replace_range(edit.span.range(), &edit.text);
        }
        out
    }

    const PLAN: &str = r#"[[skills]]
id = "speaking"

[[goals]]
id = "speaking"
title = "Give 3 talks"
skills = ["speaking"]

[[goals]]
id = "lead"
depends_on = ["speaking", "ghost"]
skills = ["speaking"]

[[wins]]
what = "First talk"
goal = "speaking"
"#;

    /// PLAN with the cursor inside its `n`th `"speaking"` (0: the skill id,
    /// 1: the goal id, 2 and 4: `skills`, 3: `depends_on`, 5: the win).
    fn plan_at(n: usize) -> String {
        let mut at = 0;
        for _ in 0..=n {
            at += PLAN[at..].find("\"speaking\"").expect("enough occurrences") + 1;
        }
        format!("{}$0{}", &PLAN[..at + 2], &PLAN[at + 2..])
    }

    #[test]
    fn a_goal_reference_goes_to_the_goal_not_the_skill_of_the_same_name() {
        // depends_on = ["speaking"] names the goal, skills = ["speaking"] the skill.
        expect_test::expect![[r#"5: id = "〈speaking〉""#]].assert_eq(&goto(&plan_at(3)));
        expect_test::expect![[r#"2: id = "〈speaking〉""#]].assert_eq(&goto(&plan_at(4)));
        expect_test::expect![[r#"5: id = "〈speaking〉""#]].assert_eq(&goto(&plan_at(5)));
    }

    #[test]
    fn definition_on_an_id_is_the_id_and_nothing_off_one() {
        expect_test::expect![[r#"5: id = "〈speaking〉""#]].assert_eq(&goto(&plan_at(1)));
        expect_test::expect!["no definition"]
            .assert_eq(&goto("[[goals]]\nid = \"a\"\ntitle = \"Give $03 talks\"\n"));
        expect_test::expect!["no definition"]
            .assert_eq(&goto("[[goals]]\nid = \"a\"\ndepends_on = [\"gh$0ost\"]\n"));
    }

    #[test]
    fn references_of_a_goal_id_skip_the_skill_namespace() {
        expect_test::expect![[r#"
            5: id = "〈speaking〉"
            11: depends_on = ["〈speaking〉", "ghost"]
            16: goal = "〈speaking〉""#]]
        .assert_eq(&find(&plan_at(1), true));
        expect_test::expect![[r#"
            11: depends_on = ["〈speaking〉", "ghost"]
            16: goal = "〈speaking〉""#]]
        .assert_eq(&find(&plan_at(1), false));
        expect_test::expect![[r#"
            2: id = "〈speaking〉"
            7: skills = ["〈speaking〉"]
            12: skills = ["〈speaking〉"]"#]]
        .assert_eq(&find(&plan_at(0), true));
    }

    #[test]
    fn a_later_duplicate_id_stands_alone() {
        let text =
            "[[goals]]\nid = \"a\"\n\n[[goals]]\nid = \"$0a\"\n\n[[goals]]\ndepends_on = [\"a\"]\n";
        expect_test::expect![[r#"5: id = "〈a〉""#]].assert_eq(&find(text, true));
        expect_test::expect![[r#"
            [[goals]]
            id = "a"

            [[goals]]
            id = "b"

            [[goals]]
            depends_on = ["a"]
        "#]]
        .assert_eq(&renamed(text, "b"));
    }

    #[test]
    fn references_survive_a_broken_file() {
        let text = include_str!("../../../fixtures/broken-mid-edit.roadmap.toml").replacen(
            "id = \"hiring\"",
            "id = \"hir$0ing\"",
            1,
        );
        expect_test::expect![[r#"
            13: id = "〈hiring〉"
            29: skills = ["〈hiring〉"]
            96: skills = ["〈hiring〉"]"#]]
        .assert_eq(&find(&text, true));
        let text = include_str!("../../../fixtures/broken-mid-edit.roadmap.toml").replacen(
            "id = \"release-train\"",
            "id = \"release$0-train\"",
            1,
        );
        expect_test::expect![[r#"
            63: id = "〈release-train〉"
            79: depends_on = ["〈release-train〉", "#]]
        .assert_eq(&find(&text, true));
        let text = "[[goals]]\nid = \"a\"\ntitle = \"Ship the \n\n[[goals]]\nid = \"b\"\ndepends_on = [\"$0a\"]\n";
        expect_test::expect![[r#"2: id = "〈a〉""#]].assert_eq(&goto(text));
        expect_test::expect![[r#"
            [[goals]]
            id = "ship"
            title = "Ship the 

            [[goals]]
            id = "b"
            depends_on = ["ship"]
        "#]]
        .assert_eq(&renamed(text, "ship"));
    }

    #[test]
    fn rename_updates_the_definition_and_every_reference() {
        expect_test::expect![[r#"
            [[skills]]
            id = "public-speaking"

            [[goals]]
            id = "speaking"
            title = "Give 3 talks"
            skills = ["public-speaking"]

            [[goals]]
            id = "lead"
            depends_on = ["speaking", "ghost"]
            skills = ["public-speaking"]

            [[wins]]
            what = "First talk"
            goal = "speaking"
        "#]]
        .assert_eq(&renamed(&plan_at(2), "public-speaking"));
    }

    #[test]
    fn rename_works_on_emoji_and_cjk_ids() {
        let text = "[[goals]]\nid = \"英語-🚀\"\n\n[[goals]]\ndepends_on = [\"英語-🚀$0\"]\n\n[[wins]]\ngoal = '英語-🚀'\n";
        expect_test::expect![[r#"
            2: id = "〈英語-🚀〉"
            5: depends_on = ["〈英語-🚀〉"]
            8: goal = '〈英語-🚀〉'"#]]
        .assert_eq(&find(text, true));
        expect_test::expect![[r#"
            [[goals]]
            id = "日本語 👩‍💻"

            [[goals]]
            depends_on = ["日本語 👩‍💻"]

            [[wins]]
            goal = '日本語 👩‍💻'
        "#]]
        .assert_eq(&renamed(text, "日本語 👩‍💻"));
    }

    #[test]
    fn rename_refuses_clashes_and_names_that_need_escaping() {
        let goal = plan_at(1);
        let refusals: Vec<String> = ["lead", "", " lead2", "a\"b", "a\\b", "two\nlines"]
            .iter()
            .map(|name| renamed(&goal, name))
            .collect();
        expect_test::expect![[r#"
            refused: another goal already has the id "lead"; pick a name no goal uses
            refused: a goal id cannot be empty
            refused: " lead2" starts or ends with a space; ids are matched exactly, so leave the spaces out
            refused: a goal id cannot contain a double quote: it would need escaping in every place the id is written
            refused: a goal id cannot contain a backslash: it would need escaping in every place the id is written
            refused: a goal id cannot contain a line break: it would need escaping in every place the id is written"#]].assert_eq(&refusals.join("\n"));
        // A skill may take a goal's id: they are separate namespaces.
        let skill =
            "[[skills]]\nid = \"$0rust\"\n\n[[goals]]\nid = \"lead\"\nskills = [\"rust\"]\n";
        expect_test::expect![[r#"
            [[skills]]
            id = "lead"

            [[goals]]
            id = "lead"
            skills = ["lead"]
        "#]]
        .assert_eq(&renamed(skill, "lead"));
        let literal = "[[goals]]\nid = 'a$0'\n";
        expect_test::expect![[r#"refused: "it's" has a `'`, which a 'literal string' cannot hold; change the quotes to "…" first"#]].assert_eq(&renamed(literal, "it's"));
    }

    #[test]
    fn prepare_rename_selects_inside_the_quotes_or_says_why_not() {
        let prepared = |text_with_cursor: &str| {
            let (text, offset) = fixture::cursor(text_with_cursor);
            let analysis = fixture::analysis(&text);
            match prepare_rename(&analysis, offset) {
                Ok(span) => mark(&text, &[span]),
                Err(why) => format!("refused: {why}"),
            }
        };
        expect_test::expect![[r#"2: id = "〈speak-up〉""#]]
            .assert_eq(&prepared("[[goals]]\nid = $0\"speak-up\"\n"));
        expect_test::expect!["refused: only goal and skill ids can be renamed: put the cursor on an `id`, or on a reference in `depends_on`, `skills` or a win's `goal`"].assert_eq(&prepared("[[goals]]\nti$0tle = \"x\"\n"));
        expect_test::expect![[r#"refused: this id is written with escapes or as a multi-line string; write it as a plain "…" string to rename it"#]].assert_eq(&prepared("[[goals]]\nid = \"caf\\u00e9$0\"\n"));
    }

    #[test]
    fn a_reference_written_with_escapes_is_rewritten_whole() {
        let text = "[[goals]]\nid = \"caf\u{e9}$0\"\n\n[[wins]]\ngoal = \"caf\\u00e9\"\n";
        expect_test::expect![[r#"
            [[goals]]
            id = "bar"

            [[wins]]
            goal = "bar"
        "#]]
        .assert_eq(&renamed(text, "bar"));
    }

    #[test]
    fn odd_offsets_give_nothing_and_never_panic() {
        let text = "[[goals]]\nid = \"英語\"\ndepends_on = [\"英語\"]\n";
        let analysis = fixture::analysis(text);
        for offset in 0..text.len() + 8 {
            let found = definition(&analysis, offset).is_some()
                || !references(&analysis, offset, true).is_empty()
                || prepare_rename(&analysis, offset).is_ok()
                || rename(&analysis, text, offset, "x").is_ok();
            if !text.is_char_boundary(offset) {
                assert!(!found, "found an id at {offset}, inside a character");
            }
        }
        assert_eq!(definition(&analysis, text.len() + 100), None);
    }
}
