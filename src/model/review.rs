//! Where the roadmap's review stands: the one reading of `last_review`,
//! `[[reviews]]`, `review_every` and the goals' start dates that the review
//! checks, hover, the report and the agenda share, so none of them calls a
//! review due that another does not.

use chrono::NaiveDate;

use super::{Field, Roadmap, review_every};
use crate::dates::Period;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ReviewState<'a> {
    /// The newest review on record, and the day the next one is due
    /// (`None` past the calendar's end).
    Reviewed {
        last: &'a Field<NaiveDate>,
        every: Period,
        next: Option<NaiveDate>,
    },
    /// No review on record; work started on `since` (the earliest goal
    /// `start`), so the first review was due one period later.
    Never {
        since: &'a Field<NaiveDate>,
        every: Period,
        first: Option<NaiveDate>,
    },
    /// Nothing to go by: no review and no start date, or a review date or
    /// the period written but unreadable.
    Unknown,
}

impl ReviewState<'_> {
    /// The day the next (or first) review is due.
    pub fn due(&self) -> Option<NaiveDate> {
        match self {
            ReviewState::Reviewed { next, .. } => *next,
            ReviewState::Never { first, .. } => *first,
            ReviewState::Unknown => None,
        }
    }
}

/// Where the review of `roadmap` stands.
pub fn review_state(roadmap: &Roadmap) -> ReviewState<'_> {
    let meta = roadmap.meta.as_ref();
    let unread = |key: &str| meta.is_some_and(|m| m.unread.may_hold(key));
    if unread("review_every") || unread("last_review") || roadmap.unread.may_hold("reviews") {
        return ReviewState::Unknown;
    }
    let every = review_every(meta);
    let recorded = meta
        .and_then(|m| m.last_review.as_ref())
        .into_iter()
        .chain(roadmap.reviews.iter().filter_map(|r| r.date.as_ref()));
    // The newest record; on a tie, the earliest written (last_review).
    let newest = recorded.reduce(|best, next| if next.value > best.value { next } else { best });
    if let Some(last) = newest {
        return ReviewState::Reviewed {
            last,
            every,
            next: every.after(last.value),
        };
    }
    if !roadmap.reviews.is_empty() {
        // Reviews logged without a date: when is not known.
        return ReviewState::Unknown;
    }
    let since = roadmap
        .goals
        .iter()
        .filter_map(|goal| goal.start.as_ref())
        .reduce(|best, next| if next.value < best.value { next } else { best });
    match since {
        Some(since) => ReviewState::Never {
            since,
            every,
            first: every.after(since.value),
        },
        None => ReviewState::Unknown,
    }
}
