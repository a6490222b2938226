//! Every check of the spec, as pure functions of (model, today, config).
//! Each group lives in its own module; [`run`] calls them all.

mod cadence;
mod history;
mod plan;
mod references;
mod schedule;
mod smart;
mod vision;

use chrono::NaiveDate;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::history::History;
use crate::model::{Goal, Roadmap};

/// What every check reads.
pub struct Context<'a> {
    pub roadmap: &'a Roadmap,
    pub today: NaiveDate,
    pub config: &'a Config,
    /// Did-you-mean answers kept from an earlier run over the same ids
    /// (the incremental path's); `None` computes them afresh.
    pub memo: Option<&'a Memo>,
    /// The roadmap's git history, if it has one.
    pub history: Option<&'a History>,
}

pub use references::Memo;
pub use vision::suggested_horizon;

/// Runs every check, at default severities; the caller applies levels and
/// allow comments.
pub fn run(context: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    roadmap(context, &mut out);
    for goal in &context.roadmap.goals {
        self::goal(context, goal, &mut out);
    }
    out
}

/// The checks of one goal: they read the goal, the day, the
/// configuration, the history and the review period, nothing else of the roadmap (the incremental path
/// keeps their results while the goal's text is unchanged).
pub fn goal(context: &Context, goal: &Goal, out: &mut Vec<Diagnostic>) {
    smart::goal(context, goal, out);
    schedule::goal(context, goal, out);
    plan::goal(context, goal, out);
    history::goal(context, goal, out);
}

/// The checks that read more than one goal, or no goal at all: ids and
/// references, skills against goals, the horizon, the number of active
/// goals, and the roadmap's cadence.
pub fn roadmap(context: &Context, out: &mut Vec<Diagnostic>) {
    references::check(context, out);
    schedule::roadmap(context, out);
    plan::roadmap(context, out);
    cadence::check(context, out);
    vision::check(context, out);
}

pub(crate) use crate::progress::number;

/// A projection, as precise as it deserves: "about 6.5", "about 240".
pub(crate) fn estimate(value: f64) -> String {
    if value.abs() >= 10.0 {
        number(value.round())
    } else {
        number((value * 10.0).round() / 10.0)
    }
}
