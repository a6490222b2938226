//! The plan behind the goals: unaddressed-gap (step 3), no-actions
//! (step 5), status-mismatch (step 9).

use rustc_hash::FxHashSet;

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::{Goal, Status};
use crate::rules::Rule;

/// unaddressed-gap: skills against every goal's `skills`.
pub(super) fn roadmap(context: &Context, out: &mut Vec<Diagnostic>) {
    let roadmap = context.roadmap;
    // Fx: every goal's skills, on every edit of a large roadmap.
    let addressed: FxHashSet<&str> = roadmap
        .goals
        .iter()
        .flat_map(|goal| goal.skills.iter().flat_map(|list| &list.value))
        .map(|reference| reference.value.as_str())
        .collect();
    for skill in &roadmap.skills {
        let (Some(id), Some(gap)) = (&skill.id, skill.gap()) else {
            continue;
        };
        if gap > 0 && !addressed.contains(id.value.as_str()) {
            out.push(Diagnostic::new(
                Rule::UnaddressedGap,
                id.span,
                format!(
                    "skill \"{}\" has a gap of {gap} (current {}, required {}) that no goal addresses: add a goal with `skills = [\"{}\"]`, or list it in an existing goal's skills",
                    id.value,
                    skill.current.as_ref().map_or(0, |f| f.value),
                    skill.required.as_ref().map_or(0, |f| f.value),
                    id.value
                ),
            ));
        }
    }
}

pub(super) fn goal(context: &Context, goal: &Goal, out: &mut Vec<Diagnostic>) {
    if goal.is_active(context.today) && goal.actions.is_empty() && !goal.damaged {
        out.push(Diagnostic::new(
            Rule::NoActions,
            goal.header,
            format!(
                "goal {} is active but has no action plan: add a [[goals.actions]] with a task, a due date and an owner",
                goal.label()
            ),
        ));
    }
    status_mismatch(goal, out);
}

fn status_mismatch(goal: &Goal, out: &mut Vec<Diagnostic>) {
    let anchor = goal.status.as_ref().map_or(goal.header, |s| s.span);
    match goal.status() {
        Some(Status::Done) => {
            let open: Vec<_> = goal.actions.iter().filter(|a| !a.is_closed()).collect();
            if open.is_empty() {
                return;
            }
            let which = match (open.len(), goal.actions.len()) {
                (1, 1) => "its only action is still open: close it".to_string(),
                (1, total) => format!("1 of its {total} actions is still open: close it"),
                (count, total) => {
                    format!("{count} of its {total} actions are still open: close them")
                }
            };
            let mut diagnostic = Diagnostic::new(
                Rule::StatusMismatch,
                anchor,
                format!(
                    "goal {} is done, but {which} (done or dropped), or set the goal back to \"in-progress\"",
                    goal.label()
                ),
            );
            for action in open {
                diagnostic = diagnostic.with_related(action.anchor(), "still open");
            }
            out.push(diagnostic);
        }
        Some(Status::Todo) => {
            let all_closed = !goal.actions.is_empty() && goal.actions.iter().all(|a| a.is_closed());
            let any_done = goal
                .actions
                .iter()
                .any(|a| a.status() == Some(Status::Done));
            if all_closed && any_done {
                out.push(Diagnostic::new(
                    Rule::StatusMismatch,
                    anchor,
                    format!(
                        "every action of goal {} is done, but the goal is still todo: set `status = \"done\"` if the target is met, or \"in-progress\" and add the remaining actions",
                        goal.label()
                    ),
                ));
            }
        }
        _ => {}
    }
}
