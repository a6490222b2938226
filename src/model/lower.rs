//! Reads the roadmap out of the logical syntax tree.
//!
//! Each table is read in one pass over its entries: a key is matched to
//! its field once, and a key the table does not know is reported on the
//! way (a lookup per field scanned the entries a dozen times per goal).
//! Logical tables hold each key at most once, so the pass sees each field
//! at most once too.

use super::read::Reader;
use super::schema::TableKind;
use super::vocabulary;
use super::{Action, Goal, Metric, Person, Review, Roadmap, RoadmapMeta, Skill, Win};
use crate::diagnostic::Diagnostic;
use crate::syntax::table::{TableEntry, TableId, Tables};

/// Builds the model, reporting `invalid-value`, `unknown-key` and
/// `unknown-status` into `diagnostics` as it reads.
/// `text` is the text the tables were built from.
pub fn lower(tables: &Tables<'_>, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Roadmap {
    let mut reader = Reader {
        text,
        tables,
        diagnostics,
        config_file: false,
    };
    let mut roadmap = Roadmap::default();
    for entry in tables.entries(tables.root()) {
        match entry.key.name.as_str() {
            "roadmap" => {
                roadmap.meta = reader
                    .table(entry, TableKind::Roadmap)
                    .map(|table| roadmap_meta(&mut reader, table));
            }
            "skills" => {
                let tables = reader.tables(entry, TableKind::Skill);
                roadmap.skills = tables.map(|t| skill(&mut reader, t)).collect();
            }
            "goals" => {
                let tables = reader.tables(entry, TableKind::Goal);
                roadmap.goals = tables.map(|t| goal(&mut reader, t)).collect();
            }
            "reviews" => {
                let tables = reader.tables(entry, TableKind::Review);
                roadmap.reviews = tables.map(|t| review(&mut reader, t)).collect();
            }
            "people" => {
                let tables = reader.tables(entry, TableKind::Person);
                roadmap.people = tables.map(|t| person(&mut reader, t)).collect();
            }
            "wins" => {
                let tables = reader.tables(entry, TableKind::Win);
                roadmap.wins = tables.map(|t| win(&mut reader, t)).collect();
            }
            "lint" => {
                roadmap.lint = reader
                    .table(entry, TableKind::Lint)
                    .map(|table| super::settings::read_settings(&mut reader, table))
                    .unwrap_or_default();
            }
            _ => other(&mut reader, tables.root(), entry, TableKind::Root),
        }
    }
    roadmap
}

/// A key no field of the model reads: reported unless `kind` knows it.
fn other(reader: &mut Reader, table: TableId, entry: &TableEntry<'_>, kind: TableKind) {
    if kind.key(&entry.key.name).is_none() {
        reader.unknown(entry, kind, table);
    }
}

/// The key `entry` is read as: its own name when `kind` knows it; else,
/// reported as unknown, the key it is a misspelling of (`dedline` is read
/// as the deadline it plainly is, so nothing it says is hidden and the
/// rename changes nothing but the name); else "".
fn key_name<'e>(
    reader: &mut Reader,
    table: TableId,
    entry: &'e TableEntry<'_>,
    kind: TableKind,
) -> &'e str {
    let name = entry.key.name.as_str();
    if kind.key(name).is_some() {
        return name;
    }
    reader.unknown(entry, kind, table).unwrap_or("")
}

fn roadmap_meta(reader: &mut Reader, table: TableId) -> RoadmapMeta {
    let mut meta = RoadmapMeta {
        header: reader.tables.span(table),
        unread: Default::default(),
        title: None,
        owner: None,
        vision: None,
        horizon: None,
        review_every: None,
        last_review: None,
    };
    let tables = reader.tables;
    for entry in tables.entries(table) {
        match key_name(reader, table, entry, TableKind::Roadmap) {
            "title" => meta.title = reader.string(entry),
            "owner" => meta.owner = reader.string(entry),
            "vision" => meta.vision = reader.string(entry),
            "horizon" => meta.horizon = reader.date(entry),
            "review_every" => meta.review_every = reader.period(entry),
            "last_review" => meta.last_review = reader.date(entry),
            _ => {}
        }
    }
    meta
}

const RATING: &str = "a self-rating from 1 to 5";

fn skill(reader: &mut Reader, table: TableId) -> Skill {
    let mut skill = Skill {
        header: reader.tables.span(table),
        id: None,
        name: None,
        kind: None,
        current: None,
        required: None,
        evidence: None,
    };
    let tables = reader.tables;
    for entry in tables.entries(table) {
        match key_name(reader, table, entry, TableKind::Skill) {
            "id" => skill.id = reader.string(entry),
            "name" => skill.name = reader.string(entry),
            "kind" => {
                skill.kind = reader.term(entry, &vocabulary::SKILL_KINDS);
            }
            "current" => skill.current = reader.integer_in(entry, 1..=5, RATING),
            "required" => skill.required = reader.integer_in(entry, 1..=5, RATING),
            "evidence" => skill.evidence = reader.string(entry),
            // Free-text `notes` are not used by any check, but a wrong
            // type is still reported.
            "notes" => drop(reader.string(entry)),
            _ => {}
        }
    }
    skill
}

fn goal(reader: &mut Reader, table: TableId) -> Goal {
    let mut goal = Goal {
        header: reader.tables.span(table),
        unread: Default::default(),
        id: None,
        title: None,
        why: None,
        skills: None,
        start: None,
        deadline: None,
        status: None,
        urgent: None,
        important: None,
        depends_on: None,
        owner: None,
        metric: None,
        actions: Vec::new(),
    };
    let tables = reader.tables;
    for entry in tables.entries(table) {
        match key_name(reader, table, entry, TableKind::Goal) {
            "id" => goal.id = reader.string(entry),
            "title" => goal.title = reader.string(entry),
            "why" => goal.why = reader.string(entry),
            "skills" => goal.skills = reader.list(entry),
            "start" => goal.start = reader.date(entry),
            "deadline" => goal.deadline = reader.date(entry),
            "status" => goal.status = reader.status(entry),
            "urgent" => goal.urgent = reader.boolean(entry),
            "important" => goal.important = reader.boolean(entry),
            "depends_on" => goal.depends_on = reader.list(entry),
            "owner" => goal.owner = reader.string(entry),
            "notes" => drop(reader.string(entry)),
            "metric" => {
                goal.metric = reader
                    .table(entry, TableKind::Metric)
                    .map(|table| Box::new(metric(reader, table)));
            }
            "actions" => {
                let tables = reader.tables(entry, TableKind::Action);
                goal.actions = tables.map(|t| action(reader, t)).collect();
                // Collected from an iterator of unknown length, a vector
                // has room for four: a roadmap keeps thousands of these.
                goal.actions.shrink_to_fit();
            }
            _ => {}
        }
    }
    goal
}

fn metric(reader: &mut Reader, table: TableId) -> Metric {
    let mut metric = Metric {
        header: reader.tables.span(table),
        unread: Default::default(),
        measure: None,
        unit: None,
        baseline: None,
        target: None,
        current: None,
    };
    let tables = reader.tables;
    for entry in tables.entries(table) {
        match key_name(reader, table, entry, TableKind::Metric) {
            "measure" => metric.measure = reader.string(entry),
            "unit" => metric.unit = reader.string(entry),
            "baseline" => metric.baseline = reader.number(entry),
            "target" => metric.target = reader.number(entry),
            "current" => metric.current = reader.number(entry),
            _ => {}
        }
    }
    metric
}

fn action(reader: &mut Reader, table: TableId) -> Action {
    let mut action = Action {
        header: reader.tables.span(table),
        unread: Default::default(),
        task: None,
        due: None,
        status: None,
        owner: None,
        every: None,
        last_done: None,
        resources: None,
        obstacles: None,
    };
    let tables = reader.tables;
    for entry in tables.entries(table) {
        match key_name(reader, table, entry, TableKind::Action) {
            "task" => action.task = reader.string(entry),
            "due" => action.due = reader.date(entry),
            "status" => action.status = reader.status(entry),
            "owner" => action.owner = reader.string(entry),
            "every" => action.every = reader.period(entry),
            "last_done" => action.last_done = reader.date(entry),
            "resources" => action.resources = reader.list(entry),
            "obstacles" => action.obstacles = reader.list(entry),
            "notes" => drop(reader.string(entry)),
            _ => {}
        }
    }
    action
}

fn review(reader: &mut Reader, table: TableId) -> Review {
    let mut review = Review {
        header: reader.tables.span(table),
        date: None,
        notes: None,
    };
    let tables = reader.tables;
    for entry in tables.entries(table) {
        match key_name(reader, table, entry, TableKind::Review) {
            "date" => review.date = reader.date(entry),
            "notes" => review.notes = reader.string(entry),
            _ => {}
        }
    }
    review
}

fn person(reader: &mut Reader, table: TableId) -> Person {
    let mut person = Person {
        header: reader.tables.span(table),
        unread: Default::default(),
        name: None,
        role: None,
        meet_every: None,
        last_met: None,
    };
    let tables = reader.tables;
    for entry in tables.entries(table) {
        match key_name(reader, table, entry, TableKind::Person) {
            "name" => person.name = reader.string(entry),
            "role" => {
                person.role = reader.term(entry, &vocabulary::ROLES);
            }
            "meet_every" => person.meet_every = reader.period(entry),
            "last_met" => person.last_met = reader.date(entry),
            "notes" => drop(reader.string(entry)),
            _ => {}
        }
    }
    person
}

fn win(reader: &mut Reader, table: TableId) -> Win {
    let mut win = Win {
        header: reader.tables.span(table),
        date: None,
        what: None,
        goal: None,
    };
    let tables = reader.tables;
    for entry in tables.entries(table) {
        match key_name(reader, table, entry, TableKind::Win) {
            "date" => win.date = reader.date(entry),
            "what" => win.what = reader.string(entry),
            "goal" => win.goal = reader.string(entry),
            _ => {}
        }
    }
    win
}
