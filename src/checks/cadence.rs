//! The rhythm and the groundwork of the method: missing-vision (step 1),
//! no-assessment (steps 2–3), mentor-overdue and no-mentor (step 7),
//! stale-review and never-reviewed (step 9).

use super::Context;
use super::plan::roadmap_anchor;
use crate::dates::relative;
use crate::diagnostic::Diagnostic;
use crate::model::{ReviewState, filled, review_state};
use crate::rules::Rule;
use crate::span::Span;

pub(super) fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let roadmap = context.roadmap;
    let meta = roadmap.meta.as_ref();
    let has_vision = meta.is_some_and(|m| filled(&m.vision) || m.unread.may_hold("vision"))
        || meta.is_none() && roadmap.unread.may_hold("roadmap");
    if !has_vision {
        let (span, message) = match meta {
            Some(meta) => (
                meta.vision.as_ref().map_or(meta.header, |v| v.span),
                "the roadmap has no vision: add `vision = \"…\"` to [roadmap], saying where you want to be and what it looks like",
            ),
            None => (
                Span::empty(0),
                "the roadmap has no [roadmap] table with a vision: start the file with [roadmap] and `vision = \"…\"`, saying where you want to be and by when",
            ),
        };
        out.push(Diagnostic::new(Rule::MissingVision, span, message));
    }
    review(context, out);
    people(context, out);
    no_assessment(context, out);
}

fn review(context: &Context, out: &mut Vec<Diagnostic>) {
    let today = context.today;
    match review_state(context.roadmap) {
        ReviewState::Reviewed {
            last,
            every,
            next: Some(next),
        } if next < today => out.push(Diagnostic::new(
            Rule::StaleReview,
            last.span,
            format!(
                "the roadmap was last reviewed on {} ({}), and should be reviewed every {every}: review it, then record the review (`last_review = {today}`)",
                last.value,
                relative(last.value, today),
            ),
        )),
        ReviewState::Never {
            since,
            every,
            first: Some(first),
        } if first < today => out.push(
            Diagnostic::new(
                Rule::NeverReviewed,
                roadmap_anchor(context.roadmap),
                format!(
                    "the roadmap has never been reviewed: work started on {} ({}), and a review every {every} was due first on {first}; review it, then record it with `last_review = {today}` or a [[reviews]] entry",
                    since.value,
                    relative(since.value, today),
                ),
            )
            .with_related(since.span, "the earliest start"),
        ),
        _ => {}
    }
}

fn people(context: &Context, out: &mut Vec<Diagnostic>) {
    let roadmap = context.roadmap;
    for person in &roadmap.people {
        let (Some(every), Some(last_met)) = (&person.meet_every, &person.last_met) else {
            continue;
        };
        let Some(next) = every.value.after(last_met.value) else {
            continue;
        };
        if next < context.today {
            let name = person
                .name
                .as_ref()
                .map_or("this person".to_string(), |n| n.value.to_string());
            out.push(Diagnostic::new(
                Rule::MentorOverdue,
                last_met.span,
                format!(
                    "you last met {name} on {} ({}), and planned to meet every {}: schedule a meeting, then update `last_met`",
                    last_met.value,
                    relative(last_met.value, context.today),
                    every.value
                ),
            ));
        }
    }
    // A plan nobody gives feedback on is the guides' "not seeking
    // feedback" mistake; a roadmap without goals has nothing to discuss.
    let unknown = roadmap.unread.may_hold("people")
        || roadmap.people.iter().any(|p| p.unread.may_hold("role"));
    let has_feedback = roadmap
        .people
        .iter()
        .any(|p| p.role.as_ref().is_some_and(|r| r.value.gives_feedback()));
    if roadmap.goals.is_empty() || has_feedback || unknown {
        return;
    }
    let (span, who) = match roadmap.people.first() {
        Some(first) => (
            first.header,
            "nobody in [[people]] is a mentor, a coach or a sponsor",
        ),
        None => (roadmap_anchor(roadmap), "the roadmap lists no [[people]]"),
    };
    out.push(Diagnostic::new(
        Rule::NoMentor,
        span,
        format!(
            "{who}, so nobody gives feedback on this plan: add a [[people]] entry with `role = \"mentor\"` (or \"coach\" or \"sponsor\") and `meet_every`, and meet them"
        ),
    ));
}

/// Goals with no `[[skills]]`: the gaps they should close were never named.
fn no_assessment(context: &Context, out: &mut Vec<Diagnostic>) {
    let roadmap = context.roadmap;
    if roadmap.goals.is_empty() || !roadmap.skills.is_empty() || roadmap.unread.may_hold("skills") {
        return;
    }
    out.push(Diagnostic::new(
        Rule::NoAssessment,
        roadmap_anchor(roadmap),
        format!(
            "the roadmap has {} but no [[skills]]: rate the skills the vision needs (`current` and `required`, 1 to 5) so the gaps the goals should close are named",
            match roadmap.goals.len() {
                1 => "a goal".to_string(),
                n => format!("{n} goals"),
            }
        ),
    ));
}
