//! The fix for an action without a due date or an owner.

use super::{Assist, TextEdit, Writer};
use crate::dates::end_of_quarter;
use crate::model::{Goal, filled};
use crate::span::Span;

type Fix<'f> = &'f dyn Fn(String, bool, Vec<TextEdit>) -> Assist;

impl Writer<'_> {
    /// Adds what the action lacks: `due` (the goal's deadline while it is
    /// ahead, else the end of this quarter) and `owner = "me"`. Not
    /// preferred when the goal's deadline has passed: any date ahead would
    /// be after it (`action-after-deadline`).
    pub(super) fn incomplete_action_fix(
        &self,
        goal: &Goal,
        at: Span,
        fix: Fix,
        out: &mut Vec<Assist>,
    ) {
        let Some(action) = goal
            .actions
            .iter()
            .find(|action| action.anchor() == at || action.header == at)
        else {
            return;
        };
        let deadline = goal.deadline.as_ref().map(|d| d.value);
        let due = deadline
            .filter(|deadline| *deadline >= self.today)
            .unwrap_or_else(|| end_of_quarter(self.today));
        let adds_due = !action.is_dated();
        let after_deadline = adds_due && deadline.is_some_and(|d| due > d);
        let mut lines = Vec::new();
        let mut snippet = Vec::new();
        let mut added = Vec::new();
        // A key written with a value that cannot be read is there: adding
        // it again would define it twice.
        if adds_due {
            lines.push(format!("due = {due}"));
            snippet.push(format!("due = ${{1:{due}}}"));
            added.push(format!("due = {due}"));
        }
        let mut edits = Vec::new();
        match &action.owner {
            None if action.unread.may_hold("owner") => {}
            None => {
                lines.push("owner = \"me\"".to_string());
                snippet.push("owner = \"${2:me}\"".to_string());
                added.push("owner = \"me\"".to_string());
            }
            // `owner = ""`: the key is there, its value is blank.
            Some(owner) if !filled(&action.owner) => {
                edits.push(TextEdit::replace(owner.span, "\"me\""));
                added.push("owner = \"me\"".to_string());
            }
            Some(_) => {}
        }
        if added.is_empty() {
            return;
        }
        let title = format!("Add `{}`", added.join("` and `"));
        if lines.is_empty() {
            out.push(fix(title, !after_deadline, edits));
            return;
        }
        let Some(section) = self.section_of(action.header) else {
            return;
        };
        let at = self.after_last_entry(section);
        let indent = self.indent_of(section);
        let lead = self.line_break_before(at);
        let join = |lines: &[String]| {
            let mut text = lead.to_string();
            for line in lines {
                text.push_str(&indent);
                text.push_str(line);
                text.push_str(self.eol);
            }
            text
        };
        edits.push(TextEdit::insert(at, join(&lines)).with_snippet(join(&snippet)));
        out.push(fix(title, !after_deadline, edits));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;

    #[test]
    fn an_incomplete_action_gets_what_it_lacks() {
        check(
            "[[goals]]\nid = \"a\"\ndeadline = 2027-03-31\n\n[[goals.actions]]\ntask = \"Book$0 the exam\"\nstatus = \"todo\"\n# next\n",
            "Add `",
            expect_test::expect![[r#"
                == Add `due = 2027-03-31` and `owner = "me"` [incomplete-action] *
                [[goals]]
                id = "a"
                deadline = 2027-03-31

                [[goals.actions]]
                task = "Book the exam"
                status = "todo"
                due = 2027-03-31
                owner = "me"
                # next
                == Add action item [refactor]
                == Add metric [refactor]
                == Add goal [refactor]
            "#]],
        );
        // A blank owner is filled in; a goal past its deadline gets no
        // preferred due date (it would be after the deadline).
        check(
            "[[goals]]\nid = \"a\"\ndeadline = 2026-10-31\n\n[[goals.actions]]\ntask = \"Book$0 the exam\"\nowner = \"\"\n",
            "Add `",
            expect_test::expect![[r#"
                == Add `due = 2026-12-31` and `owner = "me"` [incomplete-action]
                [[goals]]
                id = "a"
                deadline = 2026-10-31

                [[goals.actions]]
                task = "Book the exam"
                owner = "me"
                due = 2026-12-31
                == Add action item [refactor]
                == Add metric [refactor]
                == Add goal [refactor]
            "#]],
        );
    }
}
