//! Is each goal SMART on paper: vague-goal (S), missing-metric,
//! unmeasurable-metric and done-short-of-target (M), missing-deadline
//! (T), unlinked-goal (R). Titles are read by [`crate::language`], which
//! finds their finish line. Dropped goals are not judged: they are kept
//! for the record only. A key written with a value that cannot be read is
//! not missing: what it lacks is not judged on it (see
//! [`crate::model::Unread`]).

use super::{Context, number};
use crate::diagnostic::Diagnostic;
use crate::language::{GoalReading, Language, read_goal, suggest_rewrite};
use crate::model::{Goal, Metric, Status, filled};
use crate::rules::Rule;

pub(super) fn goal(context: &Context, goal: &Goal, out: &mut Vec<Diagnostic>) {
    if goal.is_dropped() {
        return;
    }
    // Read once: vague-goal and missing-metric both ask the title.
    let reading = goal
        .title
        .as_ref()
        .map(|title| read_goal(&title.value, &context.config.vague_extra_words));
    vague_goal(context, goal, reading.as_ref(), out);
    metric(goal, reading.as_ref(), out);
    if goal.deadline.is_none() && !goal.unread.may_hold("deadline") {
        let (suggested, words) = goal.suggested_deadline(context.today);
        out.push(Diagnostic::new(
            Rule::MissingDeadline,
            goal.header,
            format!(
                "goal {} has no deadline, so it is not time-bound: add `deadline = {suggested}` ({words}) or the date you commit to",
                goal.label()
            ),
        ));
    }
    let has_why = filled(&goal.why) || goal.unread.may_hold("why");
    let has_skills = goal
        .skills
        .as_ref()
        .is_some_and(|list| !list.value.is_empty())
        || goal.unread.may_hold("skills");
    if !has_why && !has_skills {
        out.push(Diagnostic::new(
            Rule::UnlinkedGoal,
            goal.header,
            format!(
                "goal {} has neither `why` nor `skills`, so nothing ties it to the vision: add `why = \"…\"` or list the skill gaps it closes in `skills`",
                goal.label()
            ),
        ));
    }
}

fn vague_goal(
    context: &Context,
    goal: &Goal,
    reading: Option<&GoalReading>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(title) = &goal.title else {
        if goal.unread.may_hold("title") {
            return;
        }
        out.push(Diagnostic::new(
            Rule::VagueGoal,
            goal.header,
            format!(
                "goal {} has no title: add `title = \"…\"` saying what will be true when it is done",
                goal.label()
            ),
        ));
        return;
    };
    let text = &title.value;
    let Some(reading) = reading else { return };
    if let Some(message) = too_short(text, reading, context.config.vague_min_words) {
        out.push(Diagnostic::new(Rule::VagueGoal, title.span, message));
        return;
    }
    if !reading.is_vague() {
        return;
    }
    let Some(signal) = &reading.vague else { return };
    let advice = match suggest_rewrite(text, reading) {
        Some(rewrite) => format!("say what will be true when it is done, e.g. \"{rewrite}\""),
        None => "say what will exist, or which number will change and to what, when it is done"
            .to_string(),
    };
    let message = if signal.phrase.is_empty() {
        format!("goal title \"{text}\" is empty: {advice}")
    } else {
        format!(
            "goal title \"{text}\" names no finish line: \"{}\" is {}; {advice}",
            signal.phrase,
            signal.reason()
        )
    };
    out.push(Diagnostic::new(Rule::VagueGoal, title.span, message));
}

/// The project's own word minimum (`[vague] min-words`, off by default),
/// for English titles.
fn too_short(text: &str, reading: &GoalReading, min: usize) -> Option<String> {
    if min == 0 || reading.language != Language::English {
        return None;
    }
    let words = text.split_whitespace().count();
    (words < min).then(|| {
        format!(
            "goal title \"{text}\" has {words} word{}, fewer than this project's minimum of {min} (`[vague] min-words`): say what will be true when it is done",
            if words == 1 { "" } else { "s" }
        )
    })
}

fn metric(goal: &Goal, reading: Option<&GoalReading>, out: &mut Vec<Diagnostic>) {
    let Some(metric) = &goal.metric else {
        missing_metric(goal, reading, out);
        return;
    };
    let unread = |key: &str| metric.unread.may_hold(key);
    let mut missing = Vec::new();
    let mut fixes = Vec::new();
    if metric.target.is_none() && !unread("target") {
        missing.push("numeric `target`");
        fixes.push("`target = <number>`");
    }
    if !filled(&metric.unit) && !filled(&metric.measure) && !unread("unit") && !unread("measure") {
        missing.push("`unit` or `measure`");
        fixes.push("`unit = \"…\"` saying what is counted");
    }
    if !missing.is_empty() {
        out.push(Diagnostic::new(
            Rule::UnmeasurableMetric,
            metric.header,
            format!(
                "the metric of goal {} has no {}, so progress cannot be measured: add {}",
                goal.label(),
                missing.join(" and no "),
                fixes.join(" and "),
            ),
        ));
    }
    nothing_to_achieve(goal, metric, out);
    if goal.status() == Some(Status::Done) {
        done_short_of_target(goal, metric, out);
    }
}

/// A target equal to the baseline: the goal is met before it starts.
fn nothing_to_achieve(goal: &Goal, metric: &Metric, out: &mut Vec<Diagnostic>) {
    let (Some(baseline), Some(target)) = (&metric.baseline, &metric.target) else {
        return;
    };
    if baseline.value != target.value {
        return;
    }
    out.push(
        Diagnostic::new(
            Rule::UnmeasurableMetric,
            target.span,
            format!(
                "the metric of goal {} starts where it ends (`baseline` and `target` are both {}), so there is nothing to achieve: set `target` to the value you aim for",
                goal.label(),
                number(target.value)
            ),
        )
        .with_related(baseline.span, "the baseline"),
    );
}

/// Done, with the metric short of its target (in the direction from the
/// baseline to the target, so a metric that counts down works too).
fn done_short_of_target(goal: &Goal, metric: &Metric, out: &mut Vec<Diagnostic>) {
    let (Some(target), Some(current)) = (&metric.target, &metric.current) else {
        return;
    };
    let Some(fraction) = metric.fraction().filter(|f| *f < 1.0) else {
        return;
    };
    let status = goal.status.as_ref().map_or(goal.header, |s| s.span);
    let unit = metric.unit.as_ref().map_or("", |u| u.value.trim());
    let amount = |value: f64| match unit {
        "" => number(value),
        "%" => format!("{}%", number(value)),
        unit => format!("{} {unit}", number(value)),
    };
    let baseline = metric.baseline.as_ref().map_or(0.0, |b| b.value);
    out.push(
        Diagnostic::new(
            Rule::DoneShortOfTarget,
            current.span,
            format!(
                "goal {} is done, but its metric stands at {}, short of its target {} ({}% of the way from {}): if the target was met, set `current` to what was reached; if not, set the status back to \"in-progress\"",
                goal.label(),
                amount(current.value),
                amount(target.value),
                (fraction.max(0.0) * 100.0).round() as i64,
                number(baseline),
            ),
        )
        .with_related(target.span, "the target")
        .with_related(status, "the status"),
    );
}

/// Only an open-ended goal needs a metric: a title with a quantity
/// carries its own, and a deliverable is measured by being done. A goal
/// with no title is reported by vague-goal alone.
fn missing_metric(goal: &Goal, reading: Option<&GoalReading>, out: &mut Vec<Diagnostic>) {
    let Some(reading) = reading else { return };
    if goal.unread.may_hold("metric") {
        return;
    }
    if !reading.needs_metric() {
        return;
    }
    let phrase = reading
        .vague
        .as_ref()
        .map(|signal| signal.phrase.as_str())
        .filter(|phrase| !phrase.is_empty())
        .map_or(String::new(), |phrase| format!(" (\"{phrase}\")"));
    out.push(Diagnostic::new(
        Rule::MissingMetric,
        goal.header,
        format!(
            "goal {} is open-ended{phrase} and has no metric, so no one can tell how far along it is: add a [goals.metric] with what you count and its target, or make the title a deliverable or give it a number",
            goal.label()
        ),
    ));
}
