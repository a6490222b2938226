//! Fixes that change what a goal or an action says about itself: its
//! status, or its metric's `current`. Each is preferred only when applying
//! it leaves the rest of the file as clean as it was: marking a goal done
//! closes its open actions too (or a done goal with open actions would be
//! a `status-mismatch`), and is not preferred when its metric fell short
//! (that would be `done-short-of-target`).

use chrono::NaiveDate;

use super::{Assist, TextEdit, Writer};
use crate::dates::end_of_quarter;
use crate::diagnostic::Diagnostic;
use crate::model::{Action, Field, Goal, Status};
use crate::progress::number;

type Fix<'f> = &'f dyn Fn(String, bool, Vec<TextEdit>) -> Assist;

/// Whether the goal's metric says it is not there yet.
fn short_of_target(goal: &Goal) -> bool {
    goal.metric
        .as_deref()
        .and_then(|metric| metric.fraction())
        .is_some_and(|fraction| fraction < 1.0)
}

fn open_actions(goal: &Goal) -> Vec<&Action> {
    goal.actions.iter().filter(|a| !a.is_closed()).collect()
}

impl Writer<'_> {
    /// `status = "done"` on the goal and on each of its open actions.
    fn mark_goal_done(&self, goal: &Goal) -> Vec<TextEdit> {
        let mut edits: Vec<TextEdit> = self
            .set_status(goal.header, goal.status.as_ref(), Status::Done)
            .into_iter()
            .collect();
        edits.extend(self.close_actions(goal));
        edits
    }

    fn close_actions(&self, goal: &Goal) -> Vec<TextEdit> {
        open_actions(goal)
            .into_iter()
            .filter_map(|action| {
                self.set_status(action.header, action.status.as_ref(), Status::Done)
            })
            .collect()
    }

    /// "Mark the goal done", or "… and its 2 open actions done".
    fn mark_goal_done_title(goal: &Goal) -> String {
        match open_actions(goal).len() {
            0 => "Mark the goal done".to_string(),
            1 => "Mark the goal and its open action done".to_string(),
            n => format!("Mark the goal and its {n} open actions done"),
        }
    }

    pub(super) fn overdue_fixes(&self, diagnostic: &Diagnostic, fix: Fix, out: &mut Vec<Assist>) {
        let roadmap = &self.analysis.roadmap;
        let is_here = |field: &Option<Field<NaiveDate>>| {
            field.as_ref().is_some_and(|f| f.span == diagnostic.span)
        };
        if let Some(goal) = roadmap.goals.iter().find(|goal| is_here(&goal.deadline)) {
            let edits = self.mark_goal_done(goal);
            if !edits.is_empty() {
                out.push(fix(
                    Self::mark_goal_done_title(goal),
                    !short_of_target(goal),
                    edits,
                ));
            }
        } else if let Some((goal, action)) = roadmap.goals.iter().find_map(|goal| {
            let action = goal
                .actions
                .iter()
                .find(|action| is_here(&action.next_due()))?;
            Some((goal, action))
        }) {
            if action.is_recurring() {
                // Marking it done would end the recurrence.
                if let Some(edit) = self.done_today(action) {
                    out.push(fix(
                        format!("Done today (`last_done = {}`)", self.today),
                        true,
                        vec![edit],
                    ));
                }
                return;
            }
            let Some(edit) = self.set_status(action.header, action.status.as_ref(), Status::Done)
            else {
                return;
            };
            // The last open action of a goal still todo: done, it would
            // leave every action done and the goal todo (status-mismatch).
            let others_open = goal
                .actions
                .iter()
                .any(|other| !std::ptr::eq(other, action) && !other.is_closed());
            let mismatch = goal.status() == Some(Status::Todo) && !others_open;
            out.push(fix(
                "Mark the action done".to_string(),
                !mismatch,
                vec![edit],
            ));
        } else {
            return;
        }
        let in_two_weeks = self.today + chrono::Days::new(14);
        let quarter_end = end_of_quarter(self.today);
        let mut moves = vec![(in_two_weeks, "in two weeks")];
        if quarter_end > in_two_weeks {
            moves.push((quarter_end, "end of this quarter"));
        }
        for (date, words) in moves {
            out.push(fix(
                format!("Move the date to {date} ({words})"),
                false,
                vec![TextEdit::replace(diagnostic.span, date.to_string())],
            ));
        }
    }

    /// A done goal with open actions: close them (the goal says the work
    /// is over), or reopen the goal. A todo goal whose actions are all
    /// closed: done when its metric agrees, else in progress.
    pub(super) fn status_mismatch_fixes(&self, goal: &Goal, fix: Fix, out: &mut Vec<Assist>) {
        let set = |status: Status| self.set_status(goal.header, goal.status.as_ref(), status);
        let title = |status: Status| format!("Set the goal's status to \"{}\"", status.as_str());
        match goal.status() {
            Some(Status::Done) => {
                let open = open_actions(goal).len();
                let edits = self.close_actions(goal);
                if !edits.is_empty() {
                    let title = match open {
                        1 => "Mark its open action done".to_string(),
                        n => format!("Mark its {n} open actions done"),
                    };
                    out.push(fix(title, true, edits));
                }
                if let Some(edit) = set(Status::InProgress) {
                    out.push(fix(title(Status::InProgress), false, vec![edit]));
                }
            }
            _ => {
                let done_is_true = !short_of_target(goal);
                if let Some(edit) = set(Status::Done) {
                    out.push(fix(title(Status::Done), done_is_true, vec![edit]));
                }
                if let Some(edit) = set(Status::InProgress) {
                    out.push(fix(title(Status::InProgress), !done_is_true, vec![edit]));
                }
            }
        }
    }

    /// A done goal short of its target: the target was met and `current`
    /// was not updated (preferred: the goal says so), or it was not met.
    pub(super) fn done_short_fixes(&self, goal: &Goal, fix: Fix, out: &mut Vec<Assist>) {
        let Some(metric) = goal.metric.as_deref() else {
            return;
        };
        if let (Some(target), Some(current)) = (&metric.target, &metric.current) {
            let value = number(target.value);
            out.push(fix(
                format!("Set `current` to the target ({value})"),
                true,
                vec![TextEdit::replace(current.span, value)],
            ));
        }
        if let Some(edit) = self.set_status(goal.header, goal.status.as_ref(), Status::InProgress) {
            out.push(fix(
                "Set the goal's status back to \"in-progress\"".to_string(),
                false,
                vec![edit],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::check;

    #[test]
    fn an_overdue_goal_is_marked_done_with_its_open_actions() {
        check(
            "[[goals]]\nid = \"a\"\ntitle = \"Ship the 2.0 release\"\nstatus = \"in-progress\"\ndeadline = 2026-1$01-01\n\n[[goals.actions]]\ntask = \"Cut the branch\"\ndue = 2026-10-20\nstatus = \"done\"\n\n[[goals.actions]]\ntask = \"Tag it\"\ndue = 2026-10-25\n\n[[goals.actions]]\ntask = \"Announce it\"\nstatus = \"blocked\"\n",
            "Mark",
            expect_test::expect![[r#"
                == Mark the goal and its 2 open actions done [overdue] *
                [[goals]]
                id = "a"
                title = "Ship the 2.0 release"
                status = "done"
                deadline = 2026-11-01

                [[goals.actions]]
                task = "Cut the branch"
                due = 2026-10-20
                status = "done"

                [[goals.actions]]
                task = "Tag it"
                due = 2026-10-25
                status = "done"

                [[goals.actions]]
                task = "Announce it"
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
    fn a_goal_short_of_its_target_is_not_marked_done_by_default() {
        check(
            "[[goals]]\nid = \"a\"\ntitle = \"Fix 12 flaky tests\"\ndeadline = 2026-1$01-01\n\n[goals.metric]\nunit = \"tests\"\ntarget = 12\ncurrent = 5\n",
            "",
            expect_test::expect![[r#"
                == Mark the goal done [overdue]
                [[goals]]
                id = "a"
                title = "Fix 12 flaky tests"
                deadline = 2026-11-01
                status = "done"

                [goals.metric]
                unit = "tests"
                target = 12
                current = 5
                == Move the date to 2026-12-07 (in two weeks) [overdue]
                [[goals]]
                id = "a"
                title = "Fix 12 flaky tests"
                deadline = 2026-12-07

                [goals.metric]
                unit = "tests"
                target = 12
                current = 5
                == Move the date to 2026-12-31 (end of this quarter) [overdue]
                [[goals]]
                id = "a"
                title = "Fix 12 flaky tests"
                deadline = 2026-12-31

                [goals.metric]
                unit = "tests"
                target = 12
                current = 5
                == Add action item [refactor]
                [[goals]]
                id = "a"
                title = "Fix 12 flaky tests"
                deadline = 2026-11-01

                [goals.metric]
                unit = "tests"
                target = 12
                current = 5

                [[goals.actions]]
                task = ""
                due = 2026-12-31
                status = "todo"
                owner = "me"
                == Add goal [refactor]
                [[goals]]
                id = "a"
                title = "Fix 12 flaky tests"
                deadline = 2026-11-01

                [goals.metric]
                unit = "tests"
                target = 12
                current = 5

                [[goals]]
                id = ""
                title = ""
                why = ""
                deadline = 2026-12-31
                status = "todo"
            "#]],
        );
    }

    #[test]
    fn done_short_of_target_sets_current_or_reopens() {
        check(
            "[[goals]]\nid = \"a\"\ntitle = \"Move the 9 billing jobs\"\nstatus = \"done\"\n\n[goals.metric]\nunit = \"jobs\"\ntarget = 9\ncurrent = $02\n",
            "Set",
            expect_test::expect![[r#"
                == Set `current` to the target (9) [done-short-of-target] *
                [[goals]]
                id = "a"
                title = "Move the 9 billing jobs"
                status = "done"

                [goals.metric]
                unit = "jobs"
                target = 9
                current = 9
                == Set the goal's status back to "in-progress" [done-short-of-target]
                [[goals]]
                id = "a"
                title = "Move the 9 billing jobs"
                status = "in-progress"

                [goals.metric]
                unit = "jobs"
                target = 9
                current = 2
                == Add action item [refactor]
                == Add goal [refactor]
            "#]],
        );
    }
}
