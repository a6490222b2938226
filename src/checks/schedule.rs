//! Dates against the calendar: overdue, action-after-deadline,
//! beyond-horizon (Time-bound); unrealistic-pace, overcommitted and
//! dependency-after-deadline (Achievable).

use super::{Context, estimate, number};
use crate::dates::relative;
use crate::diagnostic::Diagnostic;
use crate::model::{Field, Goal};
use crate::rules::Rule;

pub(super) fn goal(context: &Context, goal: &Goal, out: &mut Vec<Diagnostic>) {
    overdue(context, goal, out);
    if let Some(deadline) = &goal.deadline {
        for action in &goal.actions {
            if let Some(due) = action.due.as_ref().filter(|due| due.value > deadline.value) {
                out.push(
                    Diagnostic::new(
                        Rule::ActionAfterDeadline,
                        due.span,
                        format!(
                            "this action is due {}, after its goal's deadline {}: move it earlier, or move the goal's deadline",
                            due.value, deadline.value
                        ),
                    )
                    .with_related(deadline.span, "the goal's deadline"),
                );
            }
        }
    }
    unrealistic_pace(context, goal, out);
}

/// The horizon is the roadmap's, so beyond-horizon is judged with every
/// goal at once (a goal's own checks read nothing outside the goal).
pub(super) fn roadmap(context: &Context, out: &mut Vec<Diagnostic>) {
    let horizon = context
        .roadmap
        .meta
        .as_ref()
        .and_then(|m| m.horizon.as_ref());
    if let Some(horizon) = horizon {
        for goal in &context.roadmap.goals {
            let Some(deadline) = goal.deadline.as_ref().filter(|d| d.value > horizon.value) else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    Rule::BeyondHorizon,
                    deadline.span,
                    format!(
                        "goal {} is due {}, after the roadmap's horizon {}: bring it forward, or push the horizon out if the vision moved",
                        goal.label(),
                        deadline.value,
                        horizon.value
                    ),
                )
                .with_related(horizon.span, "the roadmap's horizon"),
            );
        }
    }
    overcommitted(context, out);
}

fn overdue(context: &Context, goal: &Goal, out: &mut Vec<Diagnostic>) {
    if !goal.is_open() {
        return;
    }
    let state = |status: &Option<Field<Option<crate::model::Status>>>| match status {
        Some(Field { value: Some(s), .. }) => s.as_str().to_string(),
        Some(_) => "not done".to_string(),
        None => "todo".to_string(),
    };
    if let Some(deadline) = goal.deadline.as_ref().filter(|d| d.value < context.today) {
        out.push(Diagnostic::new(
            Rule::Overdue,
            deadline.span,
            format!(
                "goal {} was due {} ({}) and is still {}: mark it done, or move the deadline to a date you can keep",
                goal.label(),
                deadline.value,
                relative(deadline.value, context.today),
                state(&goal.status)
            ),
        ));
    }
    for action in goal.actions.iter().filter(|a| a.is_open()) {
        let Some(due) = action.next_due().filter(|d| d.value < context.today) else {
            continue;
        };
        let task = action.task.as_ref().map_or("this action".to_string(), |t| {
            format!("action \"{}\"", t.value)
        });
        let message = match (&action.every, &action.last_done) {
            (Some(every), Some(last)) => format!(
                "recurring {task} is due every {}; it was last done {} and was due again {} ({}): do it, then set `last_done` to the day you did",
                every.value,
                last.value,
                due.value,
                relative(due.value, context.today),
            ),
            (Some(every), None) => format!(
                "recurring {task} (every {}) was first due {} ({}) and has no `last_done`: do it, then set `last_done` to the day you did",
                every.value,
                due.value,
                relative(due.value, context.today),
            ),
            _ => format!(
                "{task} was due {} ({}) and is still {}: mark it done, or move the due date",
                due.value,
                relative(due.value, context.today),
                state(&action.status)
            ),
        };
        out.push(Diagnostic::new(Rule::Overdue, due.span, message));
    }
}

/// Extrapolates the progress made to the deadline: the pace git observed
/// over the last weeks when the history shows the metric moving, else the
/// pace since `start`.
fn unrealistic_pace(context: &Context, goal: &Goal, out: &mut Vec<Diagnostic>) {
    let today = context.today;
    let (Some(start), Some(deadline)) = (&goal.start, &goal.deadline) else {
        return;
    };
    if deadline.value < start.value {
        out.push(
            Diagnostic::new(
                Rule::UnrealisticPace,
                deadline.span,
                format!(
                    "goal {} ends ({}) before it starts ({}): fix one of the two dates",
                    goal.label(),
                    deadline.value,
                    start.value
                ),
            )
            .with_related(start.span, "the start date"),
        );
        return;
    }
    if goal.is_closed() {
        return;
    }
    let Some(metric) = &goal.metric else { return };
    let (Some(baseline), Some(target), Some(current)) =
        (&metric.baseline, &metric.target, &metric.current)
    else {
        return;
    };
    let total_days = (deadline.value - start.value).num_days() as f64;
    let elapsed_days = (today - start.value).num_days() as f64;
    // Judge only once a quarter of the time has passed, and only while
    // there is time left: overdue speaks after the deadline.
    if total_days <= 0.0 || elapsed_days < total_days / 4.0 || today >= deadline.value {
        return;
    }
    let span = target.value - baseline.value;
    // A one-off (0 → 1 presentation) is done or not: it has no pace.
    let one_off = span.abs() <= 1.0 && target.value.fract() == 0.0 && baseline.value.fract() == 0.0;
    if span == 0.0 || one_off {
        return;
    }
    let done = (current.value - baseline.value) / span;
    if done >= 1.0 {
        return;
    }
    // A count moves in whole steps (approvals, talks, hires): a straight
    // line that ends within a step of the target ("about 2.7 of 3") is
    // on pace; a whole step short is not.
    let whole = [baseline.value, target.value, current.value]
        .iter()
        .all(|value| value.fract() == 0.0);
    let short = |expected: f64| {
        let shortfall = (target.value - expected) * span.signum();
        shortfall > 0.0 && !(whole && shortfall < 1.0)
    };
    let unit = metric.unit.as_ref().map(|u| u.value.trim()).unwrap_or("");
    let amount = |text: String| {
        if unit.is_empty() {
            text
        } else {
            format!("{text} {unit}")
        }
    };
    let observed = context
        .history
        .and_then(|history| history.pace(goal, today))
        .filter(|pace| pace.from != pace.to);
    if let Some(pace) = observed {
        let days_left = (deadline.value - today).num_days() as f64;
        let expected = current.value + pace.per_day() * days_left;
        if !short(expected) {
            return;
        }
        out.push(
            Diagnostic::new(
                Rule::UnrealisticPace,
                current.span,
                format!(
                    "at the pace git shows since {} ({} → {} in {} days), goal {} reaches about {} by {}, short of its target {}: lower the target, move the deadline, or change the plan",
                    pace.since,
                    number(pace.from),
                    amount(number(pace.to)),
                    pace.days,
                    goal.label(),
                    amount(estimate(expected)),
                    deadline.value,
                    amount(number(target.value)),
                ),
            )
            .with_related(target.span, "the target")
            .with_related(deadline.span, "the deadline"),
        );
        return;
    }
    let projected = done / elapsed_days * total_days;
    let expected_at_deadline = baseline.value + projected * span;
    if !short(expected_at_deadline) {
        return;
    }
    let pace_per_month = (current.value - baseline.value) / elapsed_days * 30.0;
    out.push(
        Diagnostic::new(
            Rule::UnrealisticPace,
            current.span,
            format!(
                "at the pace so far ({} a month since {}), goal {} reaches about {} by {}, short of its target {}: lower the target, move the deadline, or change the plan",
                amount(signed(pace_per_month)),
                start.value,
                goal.label(),
                amount(estimate(expected_at_deadline)),
                deadline.value,
                amount(number(target.value)),
            ),
        )
        .with_related(target.span, "the target")
        .with_related(deadline.span, "the deadline"),
    );
}

fn signed(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded > 0.0 {
        format!("+{}", number(rounded))
    } else {
        number(rounded)
    }
}

/// Reported once, on `[roadmap]`: the problem is the number, not any one
/// goal, and every active goal is part of it (each fails Achievable).
fn overcommitted(context: &Context, out: &mut Vec<Diagnostic>) {
    let limit = context.config.max_active_goals;
    let active: Vec<&Goal> = context
        .roadmap
        .goals
        .iter()
        .filter(|goal| goal.is_active(context.today))
        .collect();
    if active.len() <= limit {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        Rule::Overcommitted,
        super::plan::roadmap_anchor(context.roadmap),
        format!(
            "{} goals are active at once, more than the limit of {limit}: finish or drop some, give later ones a future `start`, or raise `max-active-goals` in [limits]",
            active.len()
        ),
    );
    for goal in &active {
        diagnostic = diagnostic.with_related(goal.anchor(), format!("active: {}", goal.label()));
    }
    out.push(diagnostic);
}

/// A goal due before a goal it waits for is due (or starts) cannot be met
/// as planned. `dependency` looks a referenced id up among the goals.
/// Closed goals on either side are history, not a plan.
pub(super) fn dependency_after_deadline<'a>(
    goals: &'a [Goal],
    dependency: impl Fn(&str) -> Option<&'a Goal>,
    out: &mut Vec<Diagnostic>,
) {
    for goal in goals.iter().filter(|goal| goal.is_open()) {
        let Some(deadline) = &goal.deadline else {
            continue;
        };
        for reference in goal.depends_on.iter().flat_map(|list| &list.value) {
            let Some(other) = dependency(&reference.value) else {
                continue;
            };
            if std::ptr::eq(other, goal) || !other.is_open() {
                continue;
            }
            let (when, date, what) = match (&other.deadline, &other.start) {
                (Some(due), _) if due.value > deadline.value => ("is due", due, "its deadline"),
                (None, Some(start)) if start.value > deadline.value => {
                    ("starts", start, "its start date")
                }
                _ => continue,
            };
            out.push(
                Diagnostic::new(
                    Rule::DependencyAfterDeadline,
                    reference.span,
                    format!(
                        "goal {} is due {}, but it depends on {}, which {when} {}: move this deadline after {}, bring {} forward, or drop the dependency",
                        goal.label(),
                        deadline.value,
                        other.label(),
                        date.value,
                        date.value,
                        other.label(),
                    ),
                )
                .with_related(date.span, format!("{what}, of {}", other.label()))
                .with_related(deadline.span, "this goal's deadline"),
            );
        }
    }
}
