//! Step 1, the vision: vague-vision (no end state), missing-horizon (no
//! date by which it should be true), horizon-passed (that date is gone).

use chrono::{Datelike, NaiveDate};

use super::Context;
use crate::dates::{end_of_month_of, relative};
use crate::diagnostic::Diagnostic;
use crate::language::{Language, NumberRole, SignalKind, read_goal, read_vision};
use crate::model::{Roadmap, filled};
use crate::rules::Rule;

pub(super) fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let Some(meta) = &context.roadmap.meta else {
        return;
    };
    if let Some(vision) = meta.vision.as_ref().filter(|_| filled(&meta.vision)) {
        let reading = read_vision(&vision.value);
        if reading.is_vague()
            && let Some(signal) = &reading.vague
        {
            // Built from the vision's own words, past "I want to".
            let core = read_goal(&vision.value, &[]).core;
            let core = capitalise(vision.value.get(core).unwrap_or(&vision.value).trim());
            let core = core.trim_end_matches(['.', '!']);
            let example = match signal.kind {
                SignalKind::UnscopedRole => {
                    format!(
                        "e.g. \"{core}, leading a team of <N> on <a product, domain or place>\""
                    )
                }
                _ => format!(
                    "e.g. \"{core}: as <a role> of <a team or domain> in <a place>, with <a number>\""
                ),
            };
            out.push(Diagnostic::new(
                Rule::VagueVision,
                vision.span,
                if signal.phrase.trim() == vision.value.trim() {
                    format!(
                        "the vision \"{}\" names no end state: it is {}; say what will be true, {example}",
                        vision.value,
                        signal.reason()
                    )
                } else {
                    format!(
                        "the vision \"{}\" names no end state: \"{}\" is {}; say what will be true, {example}",
                        vision.value,
                        signal.phrase,
                        signal.reason()
                    )
                },
            ));
        }
        if meta.horizon.is_none() && !meta.unread.may_hold("horizon") {
            let suggested = suggested_horizon(&vision.value, context.roadmap, context.today);
            out.push(
                Diagnostic::new(
                    Rule::MissingHorizon,
                    vision.key_span,
                    format!(
                        "the vision has no horizon, so nothing says when it should be true: add `horizon = {suggested}` to [roadmap], or the date you aim for"
                    ),
                ),
            );
        }
    }
    if let Some(horizon) = meta.horizon.as_ref().filter(|h| h.value < context.today) {
        out.push(Diagnostic::new(
            Rule::HorizonPassed,
            horizon.span,
            format!(
                "the roadmap's horizon {} has passed ({}): revisit the vision (is it true now? does it still fit?) and set a new horizon",
                horizon.value,
                relative(horizon.value, context.today)
            ),
        ));
    }
}

/// When the vision should be true: the year or span it states ("by
/// 2029", "within five years"), else the end of the year of the latest
/// goal deadline, else three years from now; never before a deadline.
pub fn suggested_horizon(vision: &str, roadmap: &Roadmap, today: NaiveDate) -> NaiveDate {
    let reading = read_goal(vision, &[]);
    let end_of_year = |year: i32| end_of_month_of(year, 12).unwrap_or(today);
    let stated = (reading.language == Language::English)
        .then(|| {
            reading.numbers.iter().find_map(|number| match number.role {
                NumberRole::Date if (1900.0..=2199.0).contains(&number.value) => {
                    Some(end_of_year(number.value as i32))
                }
                NumberRole::TimeFrame
                    if number
                        .unit
                        .as_deref()
                        .is_some_and(|u| u.starts_with("year")) =>
                {
                    Some(end_of_year(today.year() + number.value as i32))
                }
                _ => None,
            })
        })
        .flatten();
    let latest_deadline = roadmap
        .goals
        .iter()
        .filter_map(|goal| goal.deadline.as_ref().map(|d| d.value))
        .max();
    let floor = latest_deadline.map_or(today, |d| end_of_year(d.year()));
    let candidate = stated.unwrap_or_else(|| end_of_year(today.year() + 3));
    candidate.max(floor).max(today)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
