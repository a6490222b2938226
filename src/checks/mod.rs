//! Every check of the spec, as pure functions of (model, today, config).
//! Each group lives in its own module; [`run`] calls them all.

mod cadence;
mod plan;
mod references;
mod schedule;
mod smart;
pub mod wording;

use chrono::NaiveDate;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::Roadmap;

/// What every check reads.
pub struct Context<'a> {
    pub roadmap: &'a Roadmap,
    pub today: NaiveDate,
    pub config: &'a Config,
}

/// Runs every check, at default severities; the caller applies levels and
/// allow comments.
pub fn run(context: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    references::check(context, &mut out);
    smart::check(context, &mut out);
    schedule::check(context, &mut out);
    plan::check(context, &mut out);
    cadence::check(context, &mut out);
    out
}

/// A projection, as precise as it deserves: "about 6.5", "about 240".
pub(crate) fn estimate(value: f64) -> String {
    if value.abs() >= 10.0 {
        number(value.round())
    } else {
        number((value * 10.0).round() / 10.0)
    }
}

/// A number without a trailing `.0`, as users write it in metrics.
pub(crate) fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value:.2}").trim_end_matches('0').to_string()
    }
}
