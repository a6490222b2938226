//! The plan behind the goals: unaddressed-gap (step 3), no-actions and
//! incomplete-action (step 5), too-many-priorities (step 6),
//! status-mismatch (step 9).

use rustc_hash::FxHashSet;

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::{Goal, Status, filled};
use crate::rules::Rule;

/// unaddressed-gap: skills against every goal's `skills`; and
/// too-many-priorities, which counts goals across the roadmap.
pub(super) fn roadmap(context: &Context, out: &mut Vec<Diagnostic>) {
    too_many_priorities(context, out);
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
    let no_actions = goal.actions.is_empty() && !goal.unread.may_hold("actions");
    if goal.is_active(context.today) && no_actions {
        out.push(Diagnostic::new(
            Rule::NoActions,
            goal.header,
            format!(
                "goal {} is active but has no action plan: add a [[goals.actions]] with a task, a due date and an owner",
                goal.label()
            ),
        ));
    }
    if goal.is_open() {
        incomplete_actions(goal, out);
    }
    status_mismatch(goal, out);
}

/// The method's action plan gives each task a timeline and an owner: an
/// open action of an open goal without either is not yet planned. A
/// recurring action done before is next due one period after: that is
/// its timeline.
fn incomplete_actions(goal: &Goal, out: &mut Vec<Diagnostic>) {
    for action in goal.actions.iter().filter(|a| a.is_open()) {
        let mut missing = Vec::new();
        if !action.is_dated() {
            missing.push("`due`");
        }
        if !filled(&action.owner) && !action.unread.may_hold("owner") {
            missing.push("`owner`");
        }
        if missing.is_empty() {
            continue;
        }
        let task = match &action.task {
            Some(task) if filled(&action.task) => format!("action \"{}\"", task.value),
            _ => "this action".to_string(),
        };
        let why = match missing.as_slice() {
            [_, _] => "no due date and no owner, so nobody is on the hook for it by any date",
            ["`due`"] => "no due date, so it has no place on the timeline",
            _ => "no owner, so nobody is on the hook for it",
        };
        out.push(Diagnostic::new(
            Rule::IncompleteAction,
            action.anchor(),
            format!(
                "{task} of goal {} has {why}: add {}",
                goal.label(),
                missing.join(" and ")
            ),
        ));
    }
}

/// When every goal is urgent and important, none is first: reported once,
/// on `[roadmap]`, naming each of them.
fn too_many_priorities(context: &Context, out: &mut Vec<Diagnostic>) {
    let limit = context.config.max_urgent_important;
    let first: Vec<&Goal> = context
        .roadmap
        .goals
        .iter()
        .filter(|goal| goal.is_active(context.today) && is_first_priority(goal))
        .collect();
    if first.len() <= limit {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        Rule::TooManyPriorities,
        roadmap_anchor(context.roadmap),
        format!(
            "{} active goals are both urgent and important, more than the limit of {limit}: when everything comes first, nothing does; keep `urgent = true` for the few that cannot wait, or raise `max-urgent-important` in [limits]",
            first.len()
        ),
    );
    for goal in first {
        diagnostic = diagnostic.with_related(
            goal.anchor(),
            format!("urgent and important: {}", goal.label()),
        );
    }
    out.push(diagnostic);
}

/// Both `urgent = true` and `important = true`: the Eisenhower matrix's
/// "do first" quadrant.
pub(crate) fn is_first_priority(goal: &Goal) -> bool {
    let set = |flag: &Option<crate::model::Field<bool>>| flag.as_ref().is_some_and(|f| f.value);
    set(&goal.urgent) && set(&goal.important)
}

/// Where findings about the whole roadmap go: its `[roadmap]` header, else
/// the start of the file.
pub(super) fn roadmap_anchor(roadmap: &crate::model::Roadmap) -> crate::span::Span {
    roadmap
        .meta
        .as_ref()
        .map_or(crate::span::Span::empty(0), |meta| meta.header)
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
