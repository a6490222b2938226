//! Values: dates, statuses and other words of the vocabulary, periods,
//! and references to goals and skills.

use super::*;

pub(super) fn value_markdown(
    analysis: &Analysis,
    offset: usize,
    table: Option<TableKind>,
    key: &str,
    value: &Value,
    source: &str,
) -> Option<String> {
    let spec = table.and_then(|t| t.key(key));
    if let ValueKind::Datetime = value.kind {
        return Some(date_markdown(
            parse_date(value.raw(source))?,
            analysis.today,
        ));
    }
    let text = value.string(source)?;
    if table == Some(TableKind::LintRules) {
        return level_markdown(text);
    }
    match (table?, spec?.value) {
        (_, ValueType::Status) => Some(status_markdown(text)),
        (_, ValueType::SkillKind) => Some(choice_markdown(text, &vocabulary::SKILL_KINDS)),
        (_, ValueType::Role) => Some(choice_markdown(text, &vocabulary::ROLES)),
        (_, ValueType::Level) => level_markdown(text),
        (_, ValueType::Period) => Some(period_markdown(analysis, offset, key, text)),
        (TableKind::Goal, _) if key == "id" || key == "title" => Some(goal_markdown(
            analysis,
            locate::goal_at(analysis, offset)?.1,
        )),
        (TableKind::Goal, _) if key == "depends_on" => Some(goal_reference(analysis, text)),
        (TableKind::Win, _) if key == "goal" => Some(goal_reference(analysis, text)),
        (TableKind::Goal, _) if key == "skills" => Some(skill_reference(analysis, text)),
        (TableKind::Skill, _) if key == "id" => Some(skill_markdown(
            analysis,
            locate::skill_at(analysis, offset)?,
        )),
        _ => None,
    }
}

pub(super) fn date_markdown(date: NaiveDate, today: NaiveDate) -> String {
    format!(
        "**{}**, {}",
        date.format("%A %-d %B %Y"),
        relative(date, today)
    )
}

/// "Thursday 2026-12-31 (in 38 days)".
pub(super) fn day_and_distance(date: NaiveDate, today: NaiveDate) -> String {
    format!("{} {date} ({})", date.format("%A"), relative(date, today))
}

pub(super) fn status_markdown(written: &str) -> String {
    if let Some(status) = Status::parse(written) {
        return format!(
            "**`{status}`**: {} {}",
            status.meaning(),
            status.description()
        );
    }
    let all: Vec<String> = Status::ALL.iter().map(|s| format!("`{s}`")).collect();
    if let Some(status) = Status::variant(written) {
        return format!(
            "**`{written}`** means `{status}`, written another way (`nonstandard-status`): {}\n\nStatuses: {}.",
            status.meaning(),
            all.join(", ")
        );
    }
    let mut out = format!("**`{written}`** is not a status (`unknown-status`).");
    if let Some(status) = Status::nearest(written) {
        let _ = write!(out, " Did you mean `{status}`?");
    }
    let _ = write!(out, "\n\nStatuses: {}.", all.join(", "));
    out
}

pub(super) fn choice_markdown<T: Copy + PartialEq>(
    written: &str,
    terms: &'static [Term<T>],
) -> String {
    if let Some(term) = vocabulary::find(terms, written) {
        return format!("**`{}`**: {} {}", term.word, term.meaning, term.description);
    }
    let words = vocabulary::spelled(terms, ", ");
    match vocabulary::variant(terms, written) {
        Some(value) => format!(
            "**`{written}`** is written `{}` here; one of {words}.",
            vocabulary::word_of(terms, value)
        ),
        None => format!("**`{written}`** is not one of {words}."),
    }
}

pub(super) fn level_markdown(written: &str) -> Option<String> {
    let level = Level::parse(written)?;
    let term = vocabulary::LEVELS.iter().find(|t| t.value == level)?;
    Some(format!("**`{written}`**: {}", term.description))
}

/// A cadence, and when it next comes due.
pub(super) fn period_markdown(
    analysis: &Analysis,
    offset: usize,
    key: &str,
    written: &str,
) -> String {
    let Some(period) = Period::parse(written) else {
        return format!(
            "**`{written}`** is not a period: write \"2 weeks\", \"1 month\", \"1 quarter\" or \"monthly\"."
        );
    };
    let mut out = format!("Every **{period}**.");
    let last = match key {
        "review_every" => last_review(analysis),
        "meet_every" => analysis
            .roadmap
            .people
            .iter()
            .find(|person| in_table(analysis, person.header, offset))
            .and_then(|person| person.last_met.as_ref())
            .map(|f| f.value),
        _ => None,
    };
    if let Some(next) = last.and_then(|last| period.after(last)) {
        let _ = write!(out, " Next due {}.", day_and_distance(next, analysis.today));
    }
    out
}

pub(super) fn goal_reference(analysis: &Analysis, id: &str) -> String {
    match goal_by_id(analysis, id) {
        Some(goal) => goal_markdown(analysis, goal),
        None => format!("No goal has the id `{id}` (`unknown-reference`)."),
    }
}

pub(super) fn skill_reference(analysis: &Analysis, id: &str) -> String {
    match analysis
        .roadmap
        .skills
        .iter()
        .find(|s| s.id.as_ref().is_some_and(|f| f.value == id))
    {
        Some(skill) => skill_markdown(analysis, skill),
        None => format!("No skill has the id `{id}` (`unknown-reference`)."),
    }
}
