//! What git remembers: stale-metric (step 9, track progress).

use super::{Context, number};
use crate::dates::relative;
use crate::diagnostic::Diagnostic;
use crate::history::Unchanged;
use crate::model::Goal;
use crate::rules::Rule;

/// An active goal whose metric has stood still in git for more than two
/// review periods: either it is stalled, or nobody records progress.
pub(super) fn goal(context: &Context, goal: &Goal, out: &mut Vec<Diagnostic>) {
    let Some(history) = context.history else {
        return;
    };
    if !goal.is_active(context.today) || goal.damaged {
        return;
    }
    let Some(current) = goal.metric.as_deref().and_then(|m| m.current.as_ref()) else {
        return;
    };
    let Some(Unchanged::Since(since)) = history.metric_unchanged(goal) else {
        return;
    };
    let every = crate::model::review_every(context.roadmap.meta.as_ref());
    let Some(limit) = every.after(since).and_then(|d| every.after(d)) else {
        return;
    };
    if limit >= context.today {
        return;
    }
    let unit = goal
        .metric
        .as_deref()
        .and_then(|m| m.unit.as_ref())
        .map(|u| format!(" {}", u.value.trim()))
        .unwrap_or_default();
    out.push(Diagnostic::new(
        Rule::StaleMetric,
        current.span,
        format!(
            "the metric of goal {} has stood at {}{unit} in git since {} ({}), more than two review periods of {}: update `current` to where it stands, or, if the goal is stalled, say so (`status = \"blocked\"`) or change the plan",
            goal.label(),
            number(current.value),
            since,
            relative(since, context.today),
            every,
        ),
    ));
}
