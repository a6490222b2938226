//! Reads the roadmap out of the logical syntax tree.

use super::read::Reader;
use super::schema::TableKind;
use super::{
    Action, Goal, Metric, Person, Review, Roadmap, RoadmapMeta, Role, Skill, SkillKind, Win,
};
use crate::config;
use crate::diagnostic::Diagnostic;
use crate::syntax::table::Table;

/// Builds the model, reporting `invalid-value`, `unknown-key` and
/// `unknown-status` into `diagnostics` as it reads.
/// `text` is the text the tables were built from.
pub fn lower(root: &Table<'_>, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Roadmap {
    let mut reader = Reader { text, diagnostics };
    reader.unknown_keys(root, TableKind::Root);
    let meta = reader
        .table(root, "roadmap", TableKind::Roadmap)
        .map(|table| roadmap_meta(&mut reader, table));
    let skills = reader
        .tables(root, "skills", TableKind::Skill)
        .into_iter()
        .map(|table| skill(&mut reader, table))
        .collect();
    let goals = reader
        .tables(root, "goals", TableKind::Goal)
        .into_iter()
        .map(|table| goal(&mut reader, table))
        .collect();
    let reviews = reader
        .tables(root, "reviews", TableKind::Review)
        .into_iter()
        .map(|table| {
            reader.unknown_keys(table, TableKind::Review);
            Review {
                header: table.span,
                date: reader.date(table, "date"),
                notes: reader.string(table, "notes"),
            }
        })
        .collect();
    let people = reader
        .tables(root, "people", TableKind::Person)
        .into_iter()
        .map(|table| person(&mut reader, table))
        .collect();
    let wins = reader
        .tables(root, "wins", TableKind::Win)
        .into_iter()
        .map(|table| {
            reader.unknown_keys(table, TableKind::Win);
            Win {
                header: table.span,
                date: reader.date(table, "date"),
                what: reader.string(table, "what"),
                goal: reader.string(table, "goal"),
            }
        })
        .collect();
    let lint = reader
        .table(root, "lint", TableKind::Lint)
        .map(|table| config::read_settings(&mut reader, table))
        .unwrap_or_default();
    Roadmap {
        meta,
        skills,
        goals,
        reviews,
        people,
        wins,
        lint,
    }
}

fn roadmap_meta(reader: &mut Reader, table: &Table<'_>) -> RoadmapMeta {
    reader.unknown_keys(table, TableKind::Roadmap);
    RoadmapMeta {
        header: table.span,
        damaged: false,
        title: reader.string(table, "title"),
        owner: reader.string(table, "owner"),
        vision: reader.string(table, "vision"),
        horizon: reader.date(table, "horizon"),
        review_every: reader.period(table, "review_every"),
        last_review: reader.date(table, "last_review"),
    }
}

const RATING: &str = "a self-rating from 1 to 5";

fn skill(reader: &mut Reader, table: &Table<'_>) -> Skill {
    reader.unknown_keys(table, TableKind::Skill);
    check_notes(reader, table);
    Skill {
        header: table.span,
        id: reader.string(table, "id"),
        name: reader.string(table, "name"),
        kind: reader.choice(
            table,
            "kind",
            &[("soft", SkillKind::Soft), ("hard", SkillKind::Hard)],
        ),
        current: reader.integer_in(table, "current", 1..=5, RATING),
        required: reader.integer_in(table, "required", 1..=5, RATING),
        evidence: reader.string(table, "evidence"),
    }
}

/// Free-text `notes` are not used by any check, but a wrong type is still
/// reported.
fn check_notes(reader: &mut Reader, table: &Table<'_>) {
    let _ = reader.string(table, "notes");
}

fn goal(reader: &mut Reader, table: &Table<'_>) -> Goal {
    reader.unknown_keys(table, TableKind::Goal);
    check_notes(reader, table);
    let metric = reader
        .table(table, "metric", TableKind::Metric)
        .map(|metric| {
            reader.unknown_keys(metric, TableKind::Metric);
            Metric {
                header: metric.span,
                measure: reader.string(metric, "measure"),
                unit: reader.string(metric, "unit"),
                baseline: reader.number(metric, "baseline"),
                target: reader.number(metric, "target"),
                current: reader.number(metric, "current"),
            }
        });
    let actions = reader
        .tables(table, "actions", TableKind::Action)
        .into_iter()
        .map(|action| {
            reader.unknown_keys(action, TableKind::Action);
            check_notes(reader, action);
            Action {
                header: action.span,
                task: reader.string(action, "task"),
                due: reader.date(action, "due"),
                status: reader.status(action),
                owner: reader.string(action, "owner"),
                resources: reader.list(action, "resources"),
                obstacles: reader.list(action, "obstacles"),
            }
        })
        .collect();
    Goal {
        header: table.span,
        damaged: false,
        id: reader.string(table, "id"),
        title: reader.string(table, "title"),
        why: reader.string(table, "why"),
        skills: reader.list(table, "skills"),
        start: reader.date(table, "start"),
        deadline: reader.date(table, "deadline"),
        status: reader.status(table),
        urgent: reader.boolean(table, "urgent"),
        important: reader.boolean(table, "important"),
        depends_on: reader.list(table, "depends_on"),
        metric,
        actions,
    }
}

fn person(reader: &mut Reader, table: &Table<'_>) -> Person {
    reader.unknown_keys(table, TableKind::Person);
    check_notes(reader, table);
    Person {
        header: table.span,
        name: reader.string(table, "name"),
        role: reader.choice(
            table,
            "role",
            &[
                ("mentor", Role::Mentor),
                ("contact", Role::Contact),
                ("sponsor", Role::Sponsor),
            ],
        ),
        meet_every: reader.period(table, "meet_every"),
        last_met: reader.date(table, "last_met"),
    }
}
