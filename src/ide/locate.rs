//! What is under the cursor: the syntax node at a byte offset, the table it
//! belongs to, and the roadmap item (goal, action, skill…) around it. Every
//! editor feature starts here, and all of it works on a file that does not
//! parse, since it reads the tolerant tree rather than the model alone.

use crate::analysis::Analysis;
use crate::model::schema::TableKind;
use crate::model::{Action, Goal, Skill};
use crate::span::Span;
use crate::syntax::SyntaxTree;
use crate::syntax::cursor::touches;
pub use crate::syntax::cursor::{Cursor, Node, cursor};

impl Cursor<'_> {
    /// The table the cursor is in, if the format knows it.
    pub fn table_kind(&self) -> Option<TableKind> {
        TableKind::at_path(self.table_path.iter().copied())
    }
}

/// The goal whose table (sub-tables included) holds `offset`.
pub fn goal_at(analysis: &Analysis, offset: usize) -> Option<(usize, &Goal)> {
    analysis
        .roadmap
        .goals
        .iter()
        .enumerate()
        // From the end: at the start of a header, the previous table's
        // extent ends there too, and the cursor is on the later one.
        .rev()
        .find(|(_, goal)| extent(&analysis.tree, goal.header).is_some_and(|e| touches(e, offset)))
}

/// The action whose `[[goals.actions]]` table holds `offset`.
pub fn action_at(analysis: &Analysis, offset: usize) -> Option<(&Goal, &Action)> {
    let (_, goal) = goal_at(analysis, offset)?;
    let action =
        goal.actions.iter().rev().find(|action| {
            extent(&analysis.tree, action.header).is_some_and(|e| touches(e, offset))
        })?;
    Some((goal, action))
}

/// The skill whose `[[skills]]` table holds `offset`.
pub fn skill_at(analysis: &Analysis, offset: usize) -> Option<&Skill> {
    analysis
        .roadmap
        .skills
        .iter()
        .rev()
        .find(|skill| extent(&analysis.tree, skill.header).is_some_and(|e| touches(e, offset)))
}

/// The extent of the table whose header is `header`: the header, its keys
/// and its sub-tables, up to the next unrelated header.
pub fn extent(tree: &SyntaxTree, header: Span) -> Option<Span> {
    tree.table_extent(header.start())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    fn describe(text_with_cursor: &str) -> String {
        let (text, offset) = fixture::cursor(text_with_cursor);
        let analysis = fixture::analysis(&text);
        let Some(cursor) = cursor(&analysis.tree, offset) else {
            return "nothing".to_string();
        };
        let node = match cursor.node {
            Node::Header(header) => format!("header {}", header.key.dotted()),
            Node::Key { entry, segment } => format!("key {} #{segment}", entry.key.dotted()),
            Node::Value { value, .. } => format!("value {}", &text[value.span.range()]),
            Node::AfterKey { entry } => format!("after key {}", entry.key.dotted()),
            Node::Blank => "blank".to_string(),
        };
        let goal = goal_at(&analysis, offset)
            .map(|(index, _)| format!(" goal #{index}"))
            .unwrap_or_default();
        format!(
            "{node} in {:?} ({:?}){goal}",
            cursor.table_path.join("."),
            cursor.table_kind()
        )
    }

    #[test]
    fn finds_headers_keys_values_and_blanks() {
        let text = "[[goals]]\nid = \"a\"\n\n[[goals.actions]]\ntask = \"x\"\nresources = [\"a\", \"b\"]\n\n[[goals]]\nmetric = { target = 5 }\n";
        let at = |marker: &str| {
            let with_cursor =
                text.replacen(marker, &format!("{}$0{}", &marker[..1], &marker[1..]), 1);
            describe(&with_cursor)
        };
        expect_test::expect![[r#"
            header goals in "goals" (Some(Goal)) goal #0
            key id #0 in "goals" (Some(Goal)) goal #0
            value "a" in "goals" (Some(Goal)) goal #0
            header goals.actions in "goals.actions" (Some(Action)) goal #0
            value "b" in "goals.actions" (Some(Action)) goal #0
            key target #0 in "goals.metric" (Some(Metric)) goal #1
            value 5 in "goals.metric" (Some(Metric)) goal #1"#]]
        .assert_eq(
            &[
                at("[[goals]]\nid"),
                at("id ="),
                at("\"a\"\n\n"),
                at("[[goals.actions]]"),
                at("\"b\""),
                at("target"),
                at("5 }"),
            ]
            .join("\n"),
        );
        expect_test::expect![[r#"header goals in "goals" (Some(Goal)) goal #1"#]]
            .assert_eq(&describe("[[goals]]\nid = \"a\"\n\n$0[[goals]]\n"));
        expect_test::expect![[r#"blank in "goals" (Some(Goal)) goal #0"#]]
            .assert_eq(&describe("[[goals]]\nid = \"a\"\n$0\n[[goals]]\n"));
    }

    #[test]
    fn works_in_a_broken_file() {
        expect_test::expect![[r#"after key status in "goals.actions" (Some(Action)) goal #0"#]]
            .assert_eq(&describe(
                "[[goals]]\nid = \"a\n[[goals.actions]]\nstatus = $0\n[[goals]]\n",
            ));
        expect_test::expect![[r#"key dead #0 in "goals" (Some(Goal)) goal #0"#]]
            .assert_eq(&describe("[[goals]]\ndead$0\n"));
    }
}
