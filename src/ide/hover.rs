//! Hover: Markdown about what is under the cursor.
//!
//! - a goal (its header, `id` or `title`, or an id that names it in
//!   `depends_on`/`wins.goal`): status, days left or overdue, actions done
//!   with a progress bar, metric progress, and the SMART checklist of
//!   [`smart::verdict`] (the one the lens, the outline and the report show),
//!   read from the diagnostics the analysis already holds, so what the
//!   hover calls ✗ is exactly what the editor underlines (levels and allow
//!   comments included), with the schedule beside the letters;
//! - `[roadmap]`: goals by status, overdue count, actions done, skill
//!   gaps, days since the last review;
//! - a skill (its header or `id`, or an id in a goal's `skills`): the gap
//!   and the goals that close it;
//! - a date: weekday and "in 12 days" / "3 days ago";
//! - a status, `kind`, `role` or rule level: what the word means;
//! - any other key, value or table header: what it means, from the schema;
//!   a rule code in `[lint.rules]` or in an allow comment: the rule.
//!
//! Like every editor feature it reads the tolerant tree first, so it works
//! in a file that does not parse, and it never indexes the text with the
//! cursor offset: any offset is safe.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::locate::{self, Node};
use super::smart::{self, Mark};
use crate::analysis::Analysis;
use crate::dates::{Period, parse_date, relative};
use crate::language::{FinishLine, read_goal};
use crate::model::schema::{KeySpec, TableKind, ValueType, nearest};
use crate::model::vocabulary::{self, Term};
use crate::model::{Goal, Metric, Skill, Status};
use crate::progress::number;
use crate::progress::{ActionTally, days_word, metric_fraction, percent};
use crate::rules::{Level, Rule};
use crate::span::Span;
use crate::syntax::{Header, HeaderKind, Value, ValueKind};

/// What the editor shows: Markdown, and the range it is about (the client
/// highlights it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

/// The hover at byte `offset`, or `None` where there is nothing to say
/// (blank lines, past the end of the text).
pub fn hover(analysis: &Analysis, text: &str, offset: usize) -> Option<Hover> {
    let cursor = locate::cursor(&analysis.tree, offset)?;
    let table = cursor.table_kind();
    match cursor.node {
        Node::Header(header) => header_hover(analysis, header, offset),
        Node::Key { entry, segment } => {
            let key = entry.key.segments.get(segment)?;
            let markdown = key_markdown(table, &cursor.table_path, &key.name);
            Some(Hover {
                span: key.span,
                markdown,
            })
        }
        Node::Value { value, .. } => {
            let key = cursor.key_name()?;
            let markdown = value_markdown(analysis, offset, table, key, value, text)
                .unwrap_or_else(|| key_markdown(table, &cursor.table_path, key));
            Some(Hover {
                span: value.span,
                markdown,
            })
        }
        Node::AfterKey { entry } => {
            let key = entry.key.segments.last()?;
            Some(Hover {
                span: key.span,
                markdown: key_markdown(table, &cursor.table_path, &key.name),
            })
        }
        Node::Blank => allow_comment_hover(analysis, offset),
    }
}

// ---------------------------------------------------------------- headers

fn header_hover(analysis: &Analysis, header: &Header, offset: usize) -> Option<Hover> {
    let path: Vec<&str> = header
        .key
        .segments
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let markdown = match TableKind::at_path(path.iter().copied()) {
        Some(TableKind::Goal) => goal_markdown(analysis, locate::goal_at(analysis, offset)?.1),
        Some(TableKind::Roadmap) => roadmap_markdown(analysis),
        Some(TableKind::Skill) => skill_markdown(analysis, locate::skill_at(analysis, offset)?),
        Some(TableKind::Metric) => {
            let mut out = table_markdown(&path, TableKind::Metric);
            if let Some(line) = locate::goal_at(analysis, offset)
                .and_then(|(_, goal)| goal.metric.as_deref())
                .and_then(metric_line)
            {
                let _ = write!(out, "\n\n{line}");
            }
            out
        }
        Some(TableKind::Action) => {
            let mut out = table_markdown(&path, TableKind::Action);
            if let Some((goal, action)) = locate::action_at(analysis, offset) {
                let status = action.status().map_or("unknown status", Status::as_str);
                let _ = write!(out, "\n\nThis action: {status}");
                if let Some(due) = action.next_due() {
                    let _ = write!(out, ", due {}", day_and_distance(due.value, analysis.today));
                }
                if let Some(line) = super::trend::recurring_line(analysis, goal, action) {
                    let _ = write!(out, "\n\n{line}");
                }
            }
            out
        }
        Some(kind) => table_markdown(&path, kind),
        None => unknown_table_markdown(header, &path),
    };
    Some(Hover {
        span: header.span,
        markdown,
    })
}

/// `[[goals.actions]]` and the doc of the key that opens it.
fn table_markdown(path: &[&str], kind: TableKind) -> String {
    let mut out = format!("**`{}`**", kind.header());
    if let Some(spec) = path
        .split_last()
        .and_then(|(last, parents)| TableKind::at_path(parents.iter().copied())?.key(last))
    {
        let _ = write!(out, "\n\n{}", spec.doc);
    }
    let keys: Vec<String> = kind
        .keys()
        .iter()
        .map(|spec| format!("`{}`", spec.name))
        .collect();
    if !keys.is_empty() {
        let _ = write!(out, "\n\nKeys: {}", keys.join(", "));
    }
    out
}

fn unknown_table_markdown(header: &Header, path: &[&str]) -> String {
    let (open, close) = match header.kind {
        HeaderKind::Table => ("[", "]"),
        HeaderKind::ArrayOfTables => ("[[", "]]"),
    };
    let written = format!("{open}{}{close}", path.join("."));
    let mut out = format!("**`{written}`**: a table the format does not know.");
    let known = ALL_TABLES.iter().map(|kind| kind.header());
    if let Some(near) = nearest(&written, known) {
        let _ = write!(out, " Did you mean `{near}`?");
    }
    out
}

const ALL_TABLES: [TableKind; 13] = [
    TableKind::Roadmap,
    TableKind::Skill,
    TableKind::Goal,
    TableKind::Metric,
    TableKind::Action,
    TableKind::Review,
    TableKind::Person,
    TableKind::Win,
    TableKind::Lint,
    TableKind::LintRules,
    TableKind::LintLimits,
    TableKind::LintVague,
    TableKind::LintFormat,
];

// ------------------------------------------------------------------- keys

fn key_markdown(table: Option<TableKind>, table_path: &[&str], name: &str) -> String {
    if table == Some(TableKind::LintRules)
        && let Some(rule) = Rule::from_code(name)
    {
        return rule_markdown(rule);
    }
    let Some(table) = table else {
        return format!(
            "**`{}`** in `{}`, a table the format does not know.",
            name,
            table_path.join(".")
        );
    };
    let Some(spec) = table.key(name) else {
        let mut out = format!("**`{name}`**: not a key of `{}`.", table_name(table));
        if let Some(near) = nearest(name, table.keys().iter().map(|k| k.name)) {
            let _ = write!(out, " Did you mean `{near}`?");
        }
        return out;
    };
    format!(
        "**`{}`** · {} · in `{}`\n\n{}",
        spec.name,
        type_name(spec),
        table_name(table),
        spec.doc
    )
}

fn table_name(table: TableKind) -> &'static str {
    match table {
        TableKind::Root => "the top level",
        other => other.header(),
    }
}

fn type_name(spec: &KeySpec) -> String {
    let name = match spec.value {
        ValueType::String => "text",
        ValueType::Date => "date (YYYY-MM-DD)",
        ValueType::Boolean => "true or false",
        ValueType::Number => "number",
        ValueType::Rating => "rating 1..5",
        ValueType::Count => "whole number ≥ 1",
        ValueType::StringList => "list of text",
        ValueType::Status => "status",
        ValueType::Period => "period (\"2 weeks\", \"1 month\")",
        ValueType::SkillKind => return vocabulary::spelled(&vocabulary::SKILL_KINDS, " or "),
        ValueType::Role => return vocabulary::spelled(&vocabulary::ROLES, " or "),
        ValueType::Level => "rule level",
        ValueType::Table(_) => "table",
        ValueType::ArrayOfTables(_) => "list of tables",
    };
    name.to_string()
}

fn rule_markdown(rule: Rule) -> String {
    let fix = if rule.has_fix() {
        " · has a quick fix"
    } else {
        ""
    };
    format!(
        "**`{}`** · {} by default · guards: {}{fix}\n\nFires when {}.\n\n[Documentation]({})",
        rule.code(),
        rule.default_severity(),
        rule.guards(),
        rule.summary(),
        rule.docs_url()
    )
}

/// A rule code inside `# roadmap: allow(code, …)`.
fn allow_comment_hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let comment = analysis
        .tree
        .comments
        .iter()
        .find(|c| c.span.start <= offset && offset <= c.span.end)?;
    let open = comment.text.find("allow(")? + "allow(".len();
    let close = open + comment.text.get(open..)?.find(')')?;
    let mut start = open;
    for part in comment.text.get(open..close)?.split(',') {
        let lead = part.len() - part.trim_start().len();
        let code = part.trim();
        let span = Span::new(
            comment.span.start + start + lead,
            comment.span.start + start + lead + code.len(),
        );
        if span.start <= offset && offset <= span.end {
            let rule = Rule::from_code(code)?;
            return Some(Hover {
                span,
                markdown: rule_markdown(rule),
            });
        }
        start += part.len() + 1;
    }
    None
}

// ----------------------------------------------------------------- values

fn value_markdown(
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

fn date_markdown(date: NaiveDate, today: NaiveDate) -> String {
    format!(
        "**{}**, {}",
        date.format("%A %-d %B %Y"),
        relative(date, today)
    )
}

/// "Thursday 2026-12-31 (in 38 days)".
fn day_and_distance(date: NaiveDate, today: NaiveDate) -> String {
    format!("{} {date} ({})", date.format("%A"), relative(date, today))
}

fn status_markdown(written: &str) -> String {
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

fn choice_markdown<T: Copy + PartialEq>(written: &str, terms: &'static [Term<T>]) -> String {
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

fn level_markdown(written: &str) -> Option<String> {
    let level = Level::parse(written)?;
    let term = vocabulary::LEVELS.iter().find(|t| t.value == level)?;
    Some(format!("**`{written}`**: {}", term.description))
}

/// A cadence, and when it next comes due.
fn period_markdown(analysis: &Analysis, offset: usize, key: &str, written: &str) -> String {
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

fn goal_reference(analysis: &Analysis, id: &str) -> String {
    match goal_by_id(analysis, id) {
        Some(goal) => goal_markdown(analysis, goal),
        None => format!("No goal has the id `{id}` (`unknown-reference`)."),
    }
}

fn skill_reference(analysis: &Analysis, id: &str) -> String {
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

fn goal_by_id<'a>(analysis: &'a Analysis, id: &str) -> Option<&'a Goal> {
    analysis
        .roadmap
        .goals
        .iter()
        .find(|g| g.id.as_ref().is_some_and(|f| f.value == id))
}

// ------------------------------------------------------------------ goals

fn goal_markdown(analysis: &Analysis, goal: &Goal) -> String {
    let today = analysis.today;
    let mut out = String::from("**Goal");
    if let Some(id) = &goal.id {
        let _ = write!(out, " `{}`", id.value);
    }
    out.push_str("**");
    if let Some(title) = &goal.title {
        let _ = write!(out, ": {}", plain(&title.value));
    }
    // A status written but unreadable is not shown as the default.
    let status = goal.status().map_or("unknown status", Status::as_str);
    let _ = write!(out, "\n\n{status}");
    match &goal.deadline {
        None => out.push_str(" · no deadline"),
        Some(deadline) => {
            let days = (deadline.value - today).num_days();
            let when = format!("{} {}", deadline.value.format("%A"), deadline.value);
            let _ = match days {
                _ if goal.is_closed() => write!(out, " · deadline {when}"),
                0 => write!(out, " · **due today** ({when})"),
                d if d > 0 => write!(out, " · {} left (deadline {when})", days_word(d)),
                d => write!(out, " · **{} overdue** (deadline {when})", days_word(-d)),
            };
        }
    }
    let actions = ActionTally::of(goal);
    match actions.fraction() {
        None => out.push_str("\n\nActions: none"),
        Some(fraction) => {
            let _ = write!(
                out,
                "\n\nActions: {}/{} done {}",
                actions.done,
                actions.total,
                bar(fraction)
            );
        }
    }
    if let Some(line) = goal.metric.as_deref().and_then(metric_line) {
        let _ = write!(out, "\n\n{line}");
    }
    if let Some(line) = super::trend::pace_line(analysis, goal) {
        let _ = write!(out, "\n\n{line}");
    }
    for line in super::trend::recurring_lines(analysis, goal) {
        let _ = write!(out, "\n\n{line}");
    }
    smart_checklist(analysis, goal, &mut out);
    finish_line(analysis, goal, &mut out);
    out
}

/// Why S and M pass, in the words the checks use when they fail: the
/// title's finish line, and what measures it.
fn finish_line(analysis: &Analysis, goal: &Goal, out: &mut String) {
    if goal.is_dropped() {
        return;
    }
    let Some(title) = &goal.title else { return };
    let reading = read_goal(&title.value, &analysis.config.vague_extra_words);
    let quoted = |span: &std::ops::Range<usize>| plain(title.value.get(span.clone()).unwrap_or(""));
    let (specific, measured) = match &reading.finish_line {
        Some(FinishLine::Quantity(span)) => (
            format!(
                "finish line: \"{}\", a quantity of the outcome",
                quoted(span)
            ),
            "the title's own number".to_string(),
        ),
        Some(FinishLine::Deliverable(span)) => (
            format!(
                "finish line: \"{}\", a deliverable: done or not",
                quoted(span)
            ),
            "being done (a deliverable needs no numeric metric)".to_string(),
        ),
        None => return,
    };
    let measured = if goal.metric.is_some() {
        "its metric".to_string()
    } else {
        measured
    };
    let _ = write!(out, "\n\nS: {specific}. M: measured by {measured}.");
}

/// "Metric: 4 of 5 presentations (80%)", progress counted from the baseline.
fn metric_line(metric: &Metric) -> Option<String> {
    let target = metric.target.as_ref()?.value;
    let unit = metric
        .unit
        .as_ref()
        .map(|u| match u.value.trim() {
            // "80%", not "80 %".
            "%" => "%".to_string(),
            unit => format!(" {}", plain(unit)),
        })
        .unwrap_or_default();
    let Some(current) = metric.current.as_ref().map(|f| f.value) else {
        return Some(format!(
            "Metric: target {}{unit}, no `current` value yet",
            number(target)
        ));
    };
    let baseline = metric.baseline.as_ref().map_or(0.0, |f| f.value);
    // A metric that counts down (incidents from 12 to 0) reads as a move
    // from the baseline, not as "8 of 0".
    let mut line = if target < baseline {
        format!(
            "Metric: {}{unit}, down from {} toward {}",
            number(current),
            number(baseline),
            number(target)
        )
    } else {
        format!("Metric: {} of {}{unit}", number(current), number(target))
    };
    if baseline != 0.0 && target >= baseline {
        let _ = write!(line, " (from {})", number(baseline));
    }
    if let Some(fraction) = metric_fraction(metric) {
        let _ = write!(line, " {}", bar(fraction));
    }
    if let Some(measure) = metric
        .measure
        .as_ref()
        .filter(|m| !m.value.trim().is_empty())
    {
        let _ = write!(line, " · {}", plain(&measure.value));
    }
    Some(line)
}

/// A ten-cell text bar and the percentage: "`████░░░░░░` 40%".
fn bar(fraction: f64) -> String {
    let fraction = if fraction.is_finite() { fraction } else { 0.0 };
    let cells = (fraction.clamp(0.0, 1.0) * 10.0).round() as usize;
    format!(
        "`{}{}` {}%",
        "█".repeat(cells),
        "░".repeat(10 - cells),
        percent(fraction)
    )
}

/// S ✓ M ✗ … as [`smart::verdict`] judges them, each ✗ and ? explained,
/// the schedule beside the letters, and the other codes flagged.
fn smart_checklist(analysis: &Analysis, goal: &Goal, out: &mut String) {
    if goal.is_dropped() {
        out.push_str("\n\nDropped: kept for the record, not judged.");
        return;
    }
    let verdict = smart::verdict(analysis, goal);
    let letters: Vec<String> = verdict
        .letters
        .iter()
        .map(|(letter, mark)| format!("{} {}", letter.as_char(), mark.symbol()))
        .collect();
    let _ = write!(out, "\n\n{}", letters.join(" · "));
    if let Some(late) = verdict.schedule.words() {
        let _ = write!(out, " · **{late}**");
    }
    match verdict.score() {
        Some(score) => {
            let _ = write!(out, " ({score}/5)");
        }
        None => {
            let codes: Vec<String> = verdict.errors.iter().map(|r| format!("`{r}`")).collect();
            let _ = write!(
                out,
                " (not scored: {} in this goal, {})",
                verdict.errors_words(),
                codes.join(", ")
            );
        }
    }
    for (letter, mark) in &verdict.letters {
        match mark {
            Mark::Pass => {}
            Mark::Fail(found) => {
                for (rule, message) in found {
                    let _ = write!(out, "\n- ✗ {}: {message} (`{rule}`)", letter.as_char());
                }
            }
            Mark::Unknown(_) => {
                let _ = write!(out, "\n- ? {}: {}", letter.as_char(), mark.reason());
            }
        }
    }
    if let Some(late) = &verdict.schedule.goal_overdue {
        let _ = write!(out, "\n- Schedule: {late} (`overdue`)");
    }
    if verdict.schedule.actions_overdue > 0 && verdict.schedule.goal_overdue.is_none() {
        let _ = write!(
            out,
            "\n- Schedule: {} (`overdue`)",
            verdict.schedule.words().unwrap_or_default()
        );
    }
    if !verdict.others.is_empty() {
        let codes: Vec<String> = verdict.others.iter().map(|c| format!("`{c}`")).collect();
        let _ = write!(out, "\n\nAlso flagged: {}", codes.join(", "));
    }
}

// --------------------------------------------------------------- roadmap

fn roadmap_markdown(analysis: &Analysis) -> String {
    let roadmap = &analysis.roadmap;
    let today = analysis.today;
    let meta = roadmap.meta.as_ref();
    let mut out = String::from("**Roadmap**");
    if let Some(title) = meta.and_then(|m| m.title.as_ref()) {
        let _ = write!(out, ": {}", plain(&title.value));
    }
    if let Some(vision) = meta.and_then(|m| m.vision.as_ref()) {
        let _ = write!(out, "\n\nVision: {}", plain(&vision.value));
    }
    if let Some(horizon) = meta.and_then(|m| m.horizon.as_ref()) {
        let _ = write!(
            out,
            "\n\nHorizon: {}",
            day_and_distance(horizon.value, today)
        );
    }
    let goals = &roadmap.goals;
    let _ = write!(out, "\n\nGoals: {}", goals.len());
    let by_status: Vec<String> = Status::ALL
        .iter()
        .map(|&status| {
            (
                status,
                goals.iter().filter(|g| g.status() == Some(status)).count(),
            )
        })
        .filter(|(_, count)| *count > 0)
        .map(|(status, count)| format!("{count} {status}"))
        .collect();
    if !by_status.is_empty() {
        let _ = write!(out, " ({})", by_status.join(", "));
    }
    let overdue_goals = goals
        .iter()
        .filter(|g| !g.is_closed() && g.deadline.as_ref().is_some_and(|d| d.value < today))
        .count();
    let overdue_actions = goals
        .iter()
        .flat_map(|g| &g.actions)
        .filter(|a| !a.is_closed() && a.due.as_ref().is_some_and(|d| d.value < today))
        .count();
    let _ = write!(
        out,
        "\n\nOverdue: {}, {}",
        count_of(overdue_goals, "goal"),
        count_of(overdue_actions, "action")
    );
    let actions: Vec<_> = goals
        .iter()
        .flat_map(|g| &g.actions)
        .filter(|a| a.status() != Some(Status::Dropped))
        .collect();
    if !actions.is_empty() {
        let done = actions
            .iter()
            .filter(|a| a.status() == Some(Status::Done))
            .count();
        let _ = write!(
            out,
            "\n\nActions: {done}/{} done {}",
            actions.len(),
            bar(done as f64 / actions.len() as f64)
        );
    }
    let with_gap: Vec<&Skill> = roadmap
        .skills
        .iter()
        .filter(|s| s.gap().is_some_and(|gap| gap > 0))
        .collect();
    if !roadmap.skills.is_empty() {
        let unaddressed = with_gap
            .iter()
            .filter(|skill| closing_goals(analysis, skill).is_empty())
            .count();
        let _ = write!(
            out,
            "\n\nSkill gaps: {} of {} below required",
            with_gap.len(),
            count_of(roadmap.skills.len(), "skill")
        );
        if unaddressed > 0 {
            let _ = write!(out, ", {unaddressed} addressed by no goal");
        }
    }
    match last_review(analysis) {
        None => out.push_str("\n\nLast review: never recorded"),
        Some(last) => {
            let days = (today - last).num_days();
            let _ = write!(
                out,
                "\n\nLast review: {last}, {} ago.",
                days_word(days.max(0))
            );
            let every = crate::model::review_every(meta);
            if let Some(next) = every.after(last) {
                let due = if next < today { "was due" } else { "is due" };
                let _ = write!(
                    out,
                    " Reviewed every {every}: the next one {due} {}.",
                    day_and_distance(next, today)
                );
            }
        }
    }
    out
}

fn count_of(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The newest of `last_review` and the `[[reviews]]` dates.
fn last_review(analysis: &Analysis) -> Option<NaiveDate> {
    let roadmap = &analysis.roadmap;
    roadmap
        .meta
        .as_ref()
        .and_then(|m| m.last_review.as_ref())
        .into_iter()
        .chain(roadmap.reviews.iter().filter_map(|r| r.date.as_ref()))
        .map(|f| f.value)
        .max()
}

// ----------------------------------------------------------------- skills

fn skill_markdown(analysis: &Analysis, skill: &Skill) -> String {
    let mut out = String::from("**Skill");
    if let Some(id) = &skill.id {
        let _ = write!(out, " `{}`", id.value);
    }
    out.push_str("**");
    if let Some(kind) = &skill.kind {
        let _ = write!(out, " ({})", kind.value.as_str());
    }
    if let Some(name) = &skill.name {
        let _ = write!(out, ": {}", plain(&name.value));
    }
    let rating = |field: &Option<crate::model::Field<i64>>| {
        field
            .as_ref()
            .map_or("?".to_string(), |f| f.value.to_string())
    };
    let _ = write!(
        out,
        "\n\nCurrent {} → required {}",
        rating(&skill.current),
        rating(&skill.required)
    );
    match skill.gap() {
        Some(gap) if gap > 0 => {
            let _ = write!(out, ": **gap {gap}**");
        }
        Some(_) => out.push_str(": no gap"),
        None => {}
    }
    if let Some(evidence) = &skill.evidence {
        let _ = write!(out, "\n\nEvidence: {}", plain(&evidence.value));
    }
    let goals = closing_goals(analysis, skill);
    if goals.is_empty() {
        if skill.gap().is_some_and(|gap| gap > 0) {
            out.push_str("\n\nNo goal lists this skill: the gap is not addressed.");
        }
    } else {
        out.push_str("\n\nGoals that close it:");
        for goal in goals {
            let name = goal
                .id
                .as_ref()
                .map_or("(no id)".to_string(), |id| format!("`{}`", id.value));
            let title = goal
                .title
                .as_ref()
                .map(|t| format!(": {}", plain(&t.value)))
                .unwrap_or_default();
            let status = goal.status().map_or("unknown status", Status::as_str);
            let _ = write!(out, "\n- {name}{title} ({status})");
        }
    }
    out
}

fn closing_goals<'a>(analysis: &'a Analysis, skill: &Skill) -> Vec<&'a Goal> {
    let Some(id) = &skill.id else {
        return Vec::new();
    };
    analysis
        .roadmap
        .goals
        .iter()
        .filter(|goal| {
            goal.skills
                .as_ref()
                .is_some_and(|list| list.value.iter().any(|s| s.value == id.value))
        })
        .collect()
}

// ---------------------------------------------------------------- helpers

/// Whether `offset` lies in the table whose header is `header`.
fn in_table(analysis: &Analysis, header: Span, offset: usize) -> bool {
    let extent = locate::extent(&analysis.tree, header).unwrap_or(header);
    extent.start <= offset && offset <= extent.end
}

/// User text as Markdown prose: on one line, with Markdown's punctuation
/// escaped so a title with `*` or `_` reads as written.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    /// The hovered text in brackets, then the Markdown.
    fn hover_at(text_with_cursor: &str) -> String {
        let (text, offset) = fixture::cursor(text_with_cursor);
        render(&text, offset)
    }

    fn render(text: &str, offset: usize) -> String {
        let analysis = fixture::analysis(text);
        match hover(&analysis, text, offset) {
            None => "no hover".to_string(),
            Some(hover) => format!(
                "[{}]\n{}",
                text.get(hover.span.range())
                    .unwrap_or("<not on a char boundary>"),
                hover.markdown
            ),
        }
    }

    /// A fixture file with the cursor `delta` bytes into the first `needle`.
    fn in_fixture(name: &str, needle: &str, delta: usize) -> String {
        let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("fixture exists");
        let at = text.find(needle).expect("needle in fixture") + delta;
        render(&text, at)
    }

    const GOAL: &str = r#"[roadmap]
vision = "Lead a team of five"

[[skills]]
id = "speaking"
current = 2
required = 4

[[goals]]
id = "speak-up"
title = "Deliver five 20-minute presentations to my team"
why = "Senior PMs run steering meetings"
skills = ["speaking"]
start = 2026-08-01
deadline = 2026-12-31
status = "in-progress"

[goals.metric]
measure = "presentations delivered"
unit = "presentations"
baseline = 0
target = 5
current = 4

[[goals.actions]]
task = "Finish a public speaking course"
due = 2026-09-30
status = "done"

[[goals.actions]]
task = "Present the Q4 update"
due = 2026-12-11

[[goals]]
id = "better"
title = "Improve my communication"
depends_on = ["speak-up", "nope"]
deadline = 2026-11-13
"#;

    fn goal_text(marker_after: &str) -> String {
        GOAL.replacen(marker_after, &format!("{marker_after}$0"), 1)
    }

    #[test]
    fn goal_header_shows_progress_days_left_and_a_smart_checklist() {
        expect_test::expect![[r#"
            [[[goals]]]
            **Goal `speak-up`**: Deliver five 20-minute presentations to my team

            in-progress · 38 days left (deadline Thursday 2026-12-31)

            Actions: 1/2 done `█████░░░░░` 50%

            Metric: 4 of 5 presentations `████████░░` 80% · presentations delivered

            S ✓ · M ✓ · A ✓ · R ✓ · T ✓ (5/5)

            Also flagged: `incomplete-action`

            S: finish line: "five", a quantity of the outcome. M: measured by its metric."#]]
        .assert_eq(&hover_at(&goal_text("\n\n[[go")));
    }

    #[test]
    fn goal_with_problems_explains_each_cross() {
        expect_test::expect![[r#"
            [[[goals]]]
            **Goal `better`**: Improve my communication

            todo · **10 days overdue** (deadline Friday 2026-11-13)

            Actions: none

            S ✗ · M ✗ · A ✗ · R ✗ · T ✓ · **overdue** (not scored: 1 error in this goal, `unknown-reference`)
            - ✗ S: goal title "Improve my communication" names no finish line: "Improve" is a change with no amount: how much is enough is not said; say what will be true when it is done, e.g. "Improve my communication from <now> to <target> (say what you count)" (`vague-goal`)
            - ✗ M: goal `better` is open-ended ("Improve") and has no metric, so no one can tell how far along it is: add a [goals.metric] with what you count and its target, or make the title a deliverable or give it a number (`missing-metric`)
            - ✗ A: goal `better` is due 2026-11-13, but it depends on `speak-up`, which is due 2026-12-31: move this deadline after 2026-12-31, bring `speak-up` forward, or drop the dependency (`dependency-after-deadline`)
            - ✗ R: goal `better` has neither `why` nor `skills`, so nothing ties it to the vision: add `why = "…"` or list the skill gaps it closes in `skills` (`unlinked-goal`)
            - Schedule: goal `better` was due 2026-11-13 (10 days ago) and is still todo: mark it done, or move the deadline to a date you can keep (`overdue`)

            Also flagged: `no-actions`, `unknown-reference`"#]]
        .assert_eq(&hover_at(&goal_text("2026-12-11\n\n[[")));
    }

    #[test]
    fn goal_ids_and_titles_show_the_goal_and_references_show_the_goal_named() {
        let title = hover_at(&goal_text("title = \"Deliver"));
        assert!(title.starts_with("[\"Deliver five"), "{title}");
        assert!(title.contains("**Goal `speak-up`**"), "{title}");
        let reference = hover_at(&goal_text("depends_on = [\"sp"));
        expect_test::expect![[r#"
            ["speak-up"]
            **Goal `speak-up`**: Deliver five 20-minute presentations to my team"#]]
        .assert_eq(
            reference
                .lines()
                .take(2)
                .collect::<Vec<_>>()
                .join("\n")
                .as_str(),
        );
        expect_test::expect![[r#"
            ["nope"]
            No goal has the id `nope` (`unknown-reference`)."#]]
        .assert_eq(&hover_at(&goal_text("\"speak-up\", \"no")));
    }

    #[test]
    fn skills_show_their_gap_and_the_goals_that_close_it() {
        let expected = expect_test::expect![[r#"
            **Skill `speaking`**

            Current 2 → required 4: **gap 2**

            Goals that close it:
            - `speak-up`: Deliver five 20-minute presentations to my team (in-progress)"#]];
        let header = hover_at(&goal_text("[[ski"));
        let reference = hover_at(&goal_text("skills = [\"spe"));
        assert!(reference.starts_with("[\"speaking\"]"), "{reference}");
        for hover in [header, reference] {
            expected.assert_eq(hover.split_once('\n').unwrap().1);
        }
    }

    #[test]
    fn metric_progress_counts_from_the_baseline() {
        let hover = hover_at(
            "[[go$0als]]\n[goals.metric]\nunit = \"%\"\nbaseline = 40\ntarget = 80\ncurrent = 55\n",
        );
        expect_test::expect!["Metric: 55 of 80% (from 40) `████░░░░░░` 38%"].assert_eq(
            hover
                .lines()
                .find(|l| l.starts_with("Metric"))
                .unwrap_or(""),
        );
    }

    #[test]
    fn a_metric_that_counts_down_reads_as_a_move_toward_its_target() {
        let hover = hover_at(
            "[[go$0als]]\n[goals.metric]\nunit = \"steps\"\nbaseline = 12\ntarget = 0\ncurrent = 8\n",
        );
        expect_test::expect!["Metric: 8 steps, down from 12 toward 0 `███░░░░░░░` 33%"].assert_eq(
            hover
                .lines()
                .find(|l| l.starts_with("Metric"))
                .unwrap_or(""),
        );
    }

    #[test]
    fn roadmap_header_shows_overall_progress() {
        expect_test::expect![[r#"
            [[roadmap]]
            **Roadmap**: Senior Project Manager by 2030

            Vision: Lead a team of five as a Senior Project Manager, earning $120,000 on a 40-hour week

            Horizon: Tuesday 2030-12-31 (in 1499 days)

            Goals: 5 (1 todo, 2 in-progress, 1 done, 1 dropped)

            Overdue: 0 goals, 1 action

            Actions: 3/7 done `████░░░░░░` 43%

            Skill gaps: 3 of 4 skills below required, 1 addressed by no goal

            Last review: 2026-10-30, 24 days ago. Reviewed every 1 month: the next one is due Monday 2026-11-30 (in 7 days)."#]]
        .assert_eq(&in_fixture("career.roadmap.toml", "[roadmap]", 1));
    }

    #[test]
    fn dates_show_weekday_and_distance() {
        expect_test::expect![[r#"
            [2026-12-31]
            **Thursday 31 December 2026**, in 38 days"#]]
        .assert_eq(&hover_at(&goal_text("deadline = 2026-1")));
        expect_test::expect![[r#"
            [2026-09-30]
            **Wednesday 30 September 2026**, 54 days ago"#]]
        .assert_eq(&hover_at(&goal_text("due = 2026-09-30")));
    }

    #[test]
    fn statuses_kinds_and_levels_say_what_they_mean() {
        expect_test::expect![[r#"
            ["in-progress"]
            **`in-progress`**: Being worked on now. Open: its dates are checked, and it counts towards the active-goal limit once started."#]]
        .assert_eq(&hover_at(&goal_text("status = \"in")));
        expect_test::expect![[r#"
            ["wip"]
            **`wip`** means `in-progress`, written another way (`nonstandard-status`): Being worked on now.

            Statuses: `todo`, `in-progress`, `blocked`, `done`, `dropped`."#]]
        .assert_eq(&hover_at("[[goals]]\nstatus = \"w$0ip\"\n"));
        expect_test::expect![[r#"
            ["sponsor"]
            **`sponsor`**: Speaks for you where decisions are made. Puts you forward for promotions and projects, in rooms you are not in. Gives feedback."#]]
        .assert_eq(&hover_at("[[people]]\nrole = \"spon$0sor\"\n"));
        expect_test::expect![[r#"
            ["off"]
            **`off`**: The rule does not run."#]]
        .assert_eq(&hover_at("[lint.rules]\nvague-goal = \"o$0ff\"\n"));
    }

    #[test]
    fn keys_and_tables_say_what_they_mean() {
        expect_test::expect![[r#"
            [deadline]
            **`deadline`** · date (YYYY-MM-DD) · in `[[goals]]`

            When the goal must be met (the T of SMART)."#]]
        .assert_eq(&hover_at(&goal_text("\ndead")));
        expect_test::expect![[r#"
            [[[goals.actions]]]
            **`[[goals.actions]]`**

            The action plan: tasks with a due date and an owner.

            Keys: `task`, `due`, `status`, `owner`, `every`, `last_done`, `resources`, `obstacles`, `notes`

            This action: todo, due Friday 2026-12-11 (in 18 days)"#]]
        .assert_eq(&hover_at(&goal_text(
            "course\"\ndue = 2026-09-30\nstatus = \"done\"\n\n[[",
        )));
        expect_test::expect![[r#"
            [vague-goal]
            **`vague-goal`** · warning by default · guards: Specific

            Fires when the goal's title names no finish line.

            [Documentation](https://github.com/roadmap-lsp/roadmap-lsp/blob/main/docs/rules.md#vague-goal)"#]]
        .assert_eq(&hover_at("[lint.rules]\nvague-$0goal = \"off\"\n"));
    }

    #[test]
    fn allow_comments_explain_the_rule_they_silence() {
        let hover = hover_at(
            "[[goals]]\ntitle = \"Read more\"  # roadmap: allow(missing-deadline, vague-g$0oal)\n",
        );
        assert!(
            hover.starts_with("[vague-goal]\n**`vague-goal`**"),
            "{hover}"
        );
        expect_test::expect!["no hover"]
            .assert_eq(&hover_at("[[goals]]\n# just a n$0ote\ntitle = \"x\"\n"));
    }

    #[test]
    fn cadences_say_when_they_next_come_due() {
        expect_test::expect![[r#"
            ["1 month"]
            Every **1 month**. Next due Monday 2026-11-30 (in 7 days)."#]]
        .assert_eq(&in_fixture("career.roadmap.toml", "\"1 month\"", 2));
    }

    #[test]
    fn works_in_a_file_that_does_not_parse() {
        // The goal whose status has no closing quote: still a goal card.
        expect_test::expect![[r#"
            [[[goals]]]
            **Goal `one-on-ones`**: Hold weekly 1:1s with the 2 interns

            unknown status · 67 days left (deadline Friday 2027-01-29)

            Actions: none

            Metric: 8 of 16 meetings `█████░░░░░` 50% · 1:1s held

            S ✓ · M ? · A ? · R ✓ · T ✓ (not scored: 1 error in this goal, `syntax-error`)
            - ? M: `status` is written but cannot be read, so this is not judged
            - ? A: `status` is written but cannot be read, so this is not judged

            Also flagged: `syntax-error`

            S: finish line: "2 interns", a quantity of the outcome. M: measured by its metric."#]]
        .assert_eq(&in_fixture(
            "broken-mid-edit.roadmap.toml",
            "[[goals]]\nid = \"one-on-ones\"",
            0,
        ));
        // A half-typed key, and a misspelt table.
        expect_test::expect![[r#"
            [dead]
            **`dead`**: not a key of `[[goals]]`. Did you mean `deadline`?"#]]
        .assert_eq(&in_fixture("broken-mid-edit.roadmap.toml", "dead\n", 2));
        expect_test::expect![[r#"
            [[[goals.acitons]]]
            **`[[goals.acitons]]`**: a table the format does not know. Did you mean `[[goals.actions]]`?"#]]
        .assert_eq(&in_fixture("broken-mid-edit.roadmap.toml", "[[goals.aci", 3));
    }

    #[test]
    fn works_on_non_ascii_text() {
        let title = in_fixture("unicode.roadmap.toml", "完成 3", 3);
        expect_test::expect![[r#"
            ["完成 3 个 Rust 开源项目的 PR 👩‍💻"]
            **Goal `rust-oss`**: 完成 3 个 Rust 开源项目的 PR 👩‍💻

            in-progress · 158 days left (deadline Friday 2027-04-30)

            Actions: 1/2 done `█████░░░░░` 50%

            Metric: 1 of 3 PRs `███░░░░░░░` 33% · merged PRs

            S ✓ · M ✓ · A ✓ · R ✓ · T ✓ (5/5)

            Also flagged: `unknown-key`, `incomplete-action`, `nonstandard-status`

            S: finish line: "3", a quantity of the outcome. M: measured by its metric."#]]
        .assert_eq(&title);
        // A date inside an inline-table action, after emoji in the same line.
        expect_test::expect![[r#"
            [2026-12-04]
            **Friday 4 December 2026**, in 11 days"#]]
        .assert_eq(&in_fixture("unicode.roadmap.toml", "2026-12-04", 4));
    }

    #[test]
    fn any_offset_is_safe_and_past_the_end_is_nothing() {
        let dir = format!("{}/fixtures", env!("CARGO_MANIFEST_DIR"));
        let mut hovered = 0;
        for entry in std::fs::read_dir(dir).expect("fixtures directory") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|ext| ext != "toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("fixture");
            let analysis = fixture::analysis(&text);
            // Every byte, inside multi-byte characters included.
            for offset in 0..=text.len() + 3 {
                if let Some(hover) = hover(&analysis, &text, offset) {
                    assert!(text.get(hover.span.range()).is_some(), "{path:?} {offset}");
                    hovered += 1;
                }
            }
            assert_eq!(hover(&analysis, &text, text.len() + 100), None, "{path:?}");
        }
        assert!(hovered > 1000, "{hovered}");
    }
}
