//! Semantic highlighting: what a TOML grammar cannot know. Statuses by
//! what they mean, deadlines and dues that are overdue or due soon, goal
//! and skill ids where they are defined and where they are used, and rule
//! codes in allow comments and `[lint]`.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::analysis::Analysis;
use crate::model::{Field, List, Status};
use crate::rules::Rule;
use crate::span::Span;
use crate::suppress;

/// Days ahead within which a deadline or a due date is "due soon": the
/// agenda's first window.
const DUE_SOON_DAYS: i64 = 7;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub span: Span,
    pub tag: Tag,
    pub modifiers: Vec<Modifier>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// A status value.
    Status,
    /// A deadline or a due date.
    Date,
    /// A goal or skill id.
    Id,
    /// A rule code.
    RuleCode,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    /// Where an id is defined.
    Definition,
    /// A status, id or rule code the file does not define or know.
    Unknown,
    Todo,
    InProgress,
    Blocked,
    Done,
    Dropped,
    /// Past, and the work still open.
    Overdue,
    /// Within the next week, and the work still open.
    DueSoon,
    Goal,
    Skill,
}

impl Modifier {
    pub const ALL: [Modifier; 11] = [
        Modifier::Definition,
        Modifier::Unknown,
        Modifier::Todo,
        Modifier::InProgress,
        Modifier::Blocked,
        Modifier::Done,
        Modifier::Dropped,
        Modifier::Overdue,
        Modifier::DueSoon,
        Modifier::Goal,
        Modifier::Skill,
    ];

    fn of_status(status: Status) -> Modifier {
        match status {
            Status::Todo => Modifier::Todo,
            Status::InProgress => Modifier::InProgress,
            Status::Blocked => Modifier::Blocked,
            Status::Done => Modifier::Done,
            Status::Dropped => Modifier::Dropped,
        }
    }
}

/// Every highlight of the file, in source order, none overlapping.
pub fn highlights(analysis: &Analysis) -> Vec<Highlight> {
    let roadmap = &analysis.roadmap;
    let today = analysis.today;
    let mut out = Vec::new();
    let goal_ids: HashSet<&str> = roadmap
        .goals
        .iter()
        .filter_map(|g| g.id.as_ref().map(|id| id.value.as_str()))
        .collect();
    let skill_ids: HashSet<&str> = roadmap
        .skills
        .iter()
        .filter_map(|s| s.id.as_ref().map(|id| id.value.as_str()))
        .collect();
    for skill in &roadmap.skills {
        if let Some(id) = &skill.id {
            out.push(id_at(id.span, Modifier::Skill, true, true));
        }
    }
    for goal in &roadmap.goals {
        if let Some(id) = &goal.id {
            out.push(id_at(id.span, Modifier::Goal, true, true));
        }
        status(&goal.status, &mut out);
        if let Some(deadline) = &goal.deadline {
            out.push(date(deadline, today, goal.is_closed()));
        }
        uses(&goal.depends_on, &goal_ids, Modifier::Goal, &mut out);
        uses(&goal.skills, &skill_ids, Modifier::Skill, &mut out);
        for action in &goal.actions {
            status(&action.status, &mut out);
            if let Some(due) = &action.due {
                out.push(date(due, today, action.is_closed() || goal.is_closed()));
            }
        }
    }
    for win in &roadmap.wins {
        if let Some(goal) = &win.goal {
            let known = goal_ids.contains(goal.value.as_str());
            out.push(id_at(goal.span, Modifier::Goal, false, known));
        }
    }
    for (span, rule) in suppress::written_codes(&analysis.tree) {
        out.push(rule_code(span, rule.is_some()));
    }
    lint_keys(analysis, &mut out);
    out.sort_by_key(|h| (h.span.start(), h.span.end()));
    // One token per place: the first (the definition) wins.
    let mut last_end = 0;
    out.retain(|h| {
        let keep = h.span.start() >= last_end && !h.span.is_empty();
        if keep {
            last_end = h.span.end();
        }
        keep
    });
    out
}

fn id_at(span: Span, kind: Modifier, definition: bool, known: bool) -> Highlight {
    let mut modifiers = vec![kind];
    if definition {
        modifiers.push(Modifier::Definition);
    }
    if !known {
        modifiers.push(Modifier::Unknown);
    }
    Highlight {
        span,
        tag: Tag::Id,
        modifiers,
    }
}

fn uses(list: &Option<List>, known: &HashSet<&str>, kind: Modifier, out: &mut Vec<Highlight>) {
    for item in list.iter().flat_map(|list| &list.value) {
        let is_known = known.contains(item.value.as_str());
        out.push(id_at(item.span, kind, false, is_known));
    }
}

fn status(field: &Option<Field<Option<Status>>>, out: &mut Vec<Highlight>) {
    if let Some(field) = field {
        let modifier = field.value.map_or(Modifier::Unknown, Modifier::of_status);
        out.push(Highlight {
            span: field.span,
            tag: Tag::Status,
            modifiers: vec![modifier],
        });
    }
}

fn date(field: &Field<NaiveDate>, today: NaiveDate, closed: bool) -> Highlight {
    let days = (field.value - today).num_days();
    let modifiers = match () {
        _ if closed => vec![],
        _ if days < 0 => vec![Modifier::Overdue],
        _ if days <= DUE_SOON_DAYS => vec![Modifier::DueSoon],
        _ => vec![],
    };
    Highlight {
        span: field.span,
        tag: Tag::Date,
        modifiers,
    }
}

fn rule_code(span: Span, known: bool) -> Highlight {
    Highlight {
        span,
        tag: Tag::RuleCode,
        modifiers: if known {
            vec![]
        } else {
            vec![Modifier::Unknown]
        },
    }
}

/// Rule codes as keys of `[lint.rules]` (or dotted under `[lint]`).
fn lint_keys(analysis: &Analysis, out: &mut Vec<Highlight>) {
    let tree = &analysis.tree;
    for section in &tree.sections {
        let dotted = section.header.as_ref().map(|h| h.key.dotted());
        let in_rules = dotted.as_deref() == Some("lint.rules");
        let in_lint = dotted.as_deref() == Some("lint");
        for entry in tree.entries(section) {
            let segments = &entry.key.segments;
            let code = match segments.as_slice() {
                [code] if in_rules => code,
                [table, code] if in_lint && table.name == "rules" => code,
                _ => continue,
            };
            out.push(rule_code(code.span, Rule::from_code(&code.name).is_some()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    fn show(text: &str) -> String {
        let analysis = fixture::analysis(text);
        highlights(&analysis)
            .iter()
            .map(|h| format!("{:?} {:?} {:?}", &text[h.span.range()], h.tag, h.modifiers))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn statuses_dates_ids_and_rule_codes_carry_their_meaning() {
        // The fixture's today is 2026-11-23.
        let text = r#"# roadmap: allow(vague-goal, no-such-rule)
[lint.rules]
overdue = "error"

[[skills]]
id = "rust"

[[goals]]
id = "a"
title = "Ship the CLI 1.0 by May"
status = "in-progress"
deadline = 2026-11-01
skills = ["rust", "go"]

[[goals.actions]]
task = "Write the changelog"
due = 2026-11-27
status = "todo"

[[goals]]
id = "b"
status = "done"
deadline = 2026-10-01
depends_on = ["a"]

[[wins]]
goal = "b"
"#;
        expect_test::expect![[r#"
            "vague-goal" RuleCode []
            "no-such-rule" RuleCode [Unknown]
            "overdue" RuleCode []
            "\"rust\"" Id [Skill, Definition]
            "\"a\"" Id [Goal, Definition]
            "\"in-progress\"" Status [InProgress]
            "2026-11-01" Date [Overdue]
            "\"rust\"" Id [Skill]
            "\"go\"" Id [Skill, Unknown]
            "2026-11-27" Date [DueSoon]
            "\"todo\"" Status [Todo]
            "\"b\"" Id [Goal, Definition]
            "\"done\"" Status [Done]
            "2026-10-01" Date []
            "\"a\"" Id [Goal]
            "\"b\"" Id [Goal]"#]]
        .assert_eq(&show(text));
    }
}
