//! The rhythm of the method: missing-vision (step 1), mentor-overdue
//! (step 7), stale-review (step 9).

use super::Context;
use crate::dates::relative;
use crate::diagnostic::Diagnostic;
use crate::model::filled;
use crate::rules::Rule;
use crate::span::Span;

pub(super) fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let roadmap = context.roadmap;
    let meta = roadmap.meta.as_ref();
    let has_vision = meta.is_some_and(|m| filled(&m.vision));
    if !has_vision && !meta.is_some_and(|m| m.damaged) {
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
    stale_review(context, out);
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
}

fn stale_review(context: &Context, out: &mut Vec<Diagnostic>) {
    let roadmap = context.roadmap;
    let meta = roadmap.meta.as_ref();
    let recorded = meta
        .and_then(|m| m.last_review.as_ref())
        .into_iter()
        .chain(roadmap.reviews.iter().filter_map(|r| r.date.as_ref()));
    // The newest record; on a tie, the earliest written (last_review).
    let Some(newest) =
        recorded.reduce(|best, next| if next.value > best.value { next } else { best })
    else {
        return;
    };
    let every = crate::model::review_every(meta);
    let Some(due) = every.after(newest.value) else {
        return;
    };
    if due < context.today {
        out.push(Diagnostic::new(
            Rule::StaleReview,
            newest.span,
            format!(
                "the roadmap was last reviewed on {} ({}), and should be reviewed every {}: review it, then record the review (`last_review = {}`)",
                newest.value,
                relative(newest.value, context.today),
                every,
                context.today
            ),
        ));
    }
}
