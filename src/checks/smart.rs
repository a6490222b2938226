//! Is each goal SMART on paper: vague-goal (S), missing-metric and
//! unmeasurable-metric (M), missing-deadline (T), unlinked-goal (R).
//! Dropped goals are not judged: they are kept for the record only.

use super::Context;
use super::wording::{Vagueness, has_quantity, judge_title};
use crate::dates::end_of_quarter;
use crate::diagnostic::Diagnostic;
use crate::model::{Goal, filled};
use crate::rules::Rule;

pub(super) fn goal(context: &Context, goal: &Goal, out: &mut Vec<Diagnostic>) {
    if goal.is_dropped() {
        return;
    }
    vague_goal(context, goal, out);
    if goal.damaged {
        // What looks missing may be on the line being typed.
        return;
    }
    metric(goal, out);
    if goal.deadline.is_none() {
        let suggested = end_of_quarter(context.today);
        out.push(Diagnostic::new(
            Rule::MissingDeadline,
            goal.header,
            format!(
                "goal {} has no deadline, so it is not time-bound: add `deadline = {suggested}` (the end of this quarter) or the date you commit to",
                goal.label()
            ),
        ));
    }
    let has_why = filled(&goal.why);
    let has_skills = goal
        .skills
        .as_ref()
        .is_some_and(|list| !list.value.is_empty());
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

fn vague_goal(context: &Context, goal: &Goal, out: &mut Vec<Diagnostic>) {
    let Some(title) = &goal.title else {
        if goal.damaged {
            return;
        }
        out.push(Diagnostic::new(
            Rule::VagueGoal,
            goal.header,
            format!(
                "goal {} has no title: add `title = \"…\"` saying specifically what will be true when it is done",
                goal.label()
            ),
        ));
        return;
    };
    let Some(vagueness) = judge_title(&title.value, context.config) else {
        return;
    };
    let why = match vagueness {
        Vagueness::TooShort {
            words,
            min,
            vague_word,
        } => {
            let plural = if words == 1 { "" } else { "s" };
            match vague_word {
                Some(word) => format!(
                    "it has {words} word{plural} (fewer than {min}) and \"{word}\" with no number or concrete object"
                ),
                None => format!("it has {words} word{plural} (fewer than {min})"),
            }
        }
        Vagueness::VagueWord(word) => {
            format!("\"{word}\" with no number or concrete object")
        }
    };
    out.push(Diagnostic::new(
        Rule::VagueGoal,
        title.span,
        format!(
            "goal title \"{}\" is vague: {why}; say what will be different and by how much, e.g. \"Cut onboarding time from 10 to 5 days\"",
            title.value
        ),
    ));
}

fn metric(goal: &Goal, out: &mut Vec<Diagnostic>) {
    let Some(metric) = &goal.metric else {
        let title_counts = goal.title.as_ref().is_some_and(|t| has_quantity(&t.value));
        if !title_counts {
            out.push(Diagnostic::new(
                Rule::MissingMetric,
                goal.header,
                format!(
                    "goal {} has no metric and no number in its title, so progress cannot be measured: add a [goals.metric] with measure, unit, baseline, target and current",
                    goal.label()
                ),
            ));
        }
        return;
    };
    let mut missing = Vec::new();
    let mut fixes = Vec::new();
    if metric.target.is_none() {
        missing.push("numeric `target`");
        fixes.push("`target = <number>`");
    }
    if !filled(&metric.unit) && !filled(&metric.measure) {
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
}
