//! The plan as a calendar (RFC 5545 iCalendar): goal deadlines and open
//! actions' due dates as all-day events; reviews (`review_every`), meetings
//! (`meet_every`) and recurring actions (`every`) as repeating events.
//!
//! UIDs are derived from what names a thing, not from its date: the
//! roadmap (its file name, title and owner), then the goal's id (else its
//! title), the action's task or the person's name. Importing the calendar
//! again after a deadline moved updates the event instead of adding one.

pub mod ics;

use chrono::NaiveDate;

use crate::agenda::{Item, Source};
use crate::dates::Period;
use crate::history::goal_key;
use crate::line_index::LineIndex;
use crate::model::{Goal, Status, filled, vocabulary};
use crate::progress::{goal_fraction, percent};

/// One calendar entry, all day.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub uid: String,
    /// The (first) day.
    pub date: NaiveDate,
    pub repeat: Option<Repeat>,
    pub summary: String,
    pub description: String,
    pub categories: Vec<String>,
}

/// How an event repeats.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Repeat {
    pub every: Period,
    /// The last day it may happen on.
    pub until: Option<NaiveDate>,
}

/// The events of every roadmap in `sources`, with unique UIDs.
pub fn events<'a>(today: NaiveDate, sources: impl IntoIterator<Item = Source<'a>>) -> Vec<Event> {
    let mut out = Vec::new();
    for source in sources {
        roadmap_events(today, &source, &mut out);
    }
    make_unique(&mut out);
    out
}

/// The agenda's dated items as single events (what is due in the window
/// the agenda covers, not the repetitions).
pub fn agenda_events(items: &[Item]) -> Vec<Event> {
    let mut out: Vec<Event> = items
        .iter()
        .filter_map(|item| {
            let date = item.date?;
            let mut description = format!("{}:{}", item.file, item.line);
            if let Some(context) = &item.context {
                description = format!("{context}\n{description}");
            }
            if let Some(owner) = &item.owner {
                description = format!("owner: {owner}\n{description}");
            }
            Some(Event {
                uid: format!(
                    "agenda-{:016x}@roadmap-lsp",
                    fnv(&[item.kind.as_str(), &item.file, &item.title])
                ),
                date,
                repeat: None,
                summary: item.title.clone(),
                description,
                categories: vec!["roadmap".to_string(), item.kind.as_str().to_string()],
            })
        })
        .collect();
    make_unique(&mut out);
    out
}

fn roadmap_events(today: NaiveDate, source: &Source, out: &mut Vec<Event>) {
    let roadmap = &source.analysis.roadmap;
    let meta = roadmap.meta.as_ref();
    let text_of = |field: Option<&crate::model::Field<compact_str::CompactString>>| {
        field
            .map(|f| f.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let title = meta.and_then(|m| text_of(m.title.as_ref()));
    let file_name = std::path::Path::new(source.file)
        .file_name()
        .map_or(source.file.to_string(), |n| {
            n.to_string_lossy().into_owned()
        });
    let identity = fnv(&[
        &file_name,
        title.as_deref().unwrap_or(""),
        meta.and_then(|m| text_of(m.owner.as_ref()))
            .as_deref()
            .unwrap_or(""),
    ]);
    let uid = |what: &str, parts: &[&str]| {
        format!("{what}-{:016x}-{identity:016x}@roadmap-lsp", fnv(parts))
    };
    let index = LineIndex::new(source.text);
    let place = |offset: usize| {
        format!(
            "{}:{}",
            source.file,
            index
                .line_col(source.text, offset.min(source.text.len()))
                .line
        )
    };
    let roadmap_name = title.clone().unwrap_or_else(|| file_name.clone());

    for goal in &roadmap.goals {
        if goal.is_closed() {
            continue;
        }
        let key = goal_key(goal).unwrap_or_default();
        let name = goal_name(goal);
        if let Some(deadline) = &goal.deadline {
            let mut description = format!(
                "Goal of the roadmap \"{roadmap_name}\": {}",
                goal.status().map_or("unknown status", Status::as_str)
            );
            if let Some(progress) = goal_fraction(goal) {
                description.push_str(&format!(", {}% done", percent(progress)));
            }
            if let Some(owner) = goal.owner.as_ref().filter(|_| filled(&goal.owner)) {
                description.push_str(&format!("\nowner: {}", owner.value));
            }
            description.push_str(&format!("\n{}", place(deadline.span.start())));
            out.push(Event {
                uid: uid("goal", &[&key]),
                date: deadline.value,
                repeat: None,
                summary: format!("Deadline: {name}"),
                description,
                categories: vec!["roadmap".into(), "goal".into()],
            });
        }
        for action in goal.actions.iter().filter(|a| !a.is_closed()) {
            let task = action
                .task
                .as_ref()
                .filter(|_| filled(&action.task))
                .map_or("(no task)".to_string(), |t| t.value.trim().to_string());
            let repeat = action.every.as_ref().map(|every| Repeat {
                every: every.value,
                until: goal.deadline.as_ref().map(|d| d.value),
            });
            let date = match (&repeat, action.next_due()) {
                (_, Some(due)) => due.value,
                // Recurring but never scheduled: from today on.
                (Some(_), None) => today,
                (None, None) => continue,
            };
            let mut description = format!("Action of the goal \"{name}\"");
            if let Some(owner) = action.owner.as_ref().filter(|_| filled(&action.owner)) {
                description.push_str(&format!("\nowner: {}", owner.value));
            }
            description.push_str(&format!("\n{}", place(action.header.start())));
            out.push(Event {
                uid: uid("action", &[&key, &task]),
                date,
                repeat,
                summary: task,
                description,
                categories: vec!["roadmap".into(), "action".into()],
            });
        }
    }

    let has_plan = meta.is_some() || !roadmap.goals.is_empty();
    if has_plan {
        let every = crate::model::review_every(meta);
        let newest = meta
            .and_then(|m| m.last_review.as_ref())
            .into_iter()
            .chain(roadmap.reviews.iter().filter_map(|r| r.date.as_ref()))
            .map(|f| f.value)
            .max();
        let next = newest.and_then(|d| every.after(d)).unwrap_or(today);
        let horizon = meta.and_then(|m| m.horizon.as_ref()).map(|h| h.value);
        let mut description = format!("Review the roadmap every {every}");
        if let Some(newest) = newest {
            description.push_str(&format!("; last reviewed {newest}"));
        }
        description.push_str(&format!(
            "\n{}",
            place(meta.map_or(0, |m| m.header.start()))
        ));
        out.push(Event {
            uid: uid("review", &[]),
            date: next,
            repeat: Some(Repeat {
                every,
                until: horizon.filter(|h| *h >= next),
            }),
            summary: format!("Review the roadmap \"{roadmap_name}\""),
            description,
            categories: vec!["roadmap".into(), "review".into()],
        });
    }

    for person in &roadmap.people {
        let Some(every) = &person.meet_every else {
            continue;
        };
        let name = person
            .name
            .as_ref()
            .filter(|_| filled(&person.name))
            .map_or("(unnamed)".to_string(), |n| n.value.trim().to_string());
        let last = person.last_met.as_ref().map(|f| f.value);
        let next = last.and_then(|d| every.value.after(d)).unwrap_or(today);
        let role = person
            .role
            .as_ref()
            .map(|r| vocabulary::word_of(&vocabulary::ROLES, r.value));
        let mut description = match role {
            Some(role) => format!("Your {role}, every {}", every.value),
            None => format!("Every {}", every.value),
        };
        if let Some(last) = last {
            description.push_str(&format!("; last met {last}"));
        }
        description.push_str(&format!("\n{}", place(person.header.start())));
        out.push(Event {
            uid: uid("person", &[&name]),
            date: next,
            repeat: Some(Repeat {
                every: every.value,
                until: None,
            }),
            summary: format!("Meet {name}"),
            description,
            categories: vec!["roadmap".into(), "meeting".into()],
        });
    }
}

fn goal_name(goal: &Goal) -> String {
    match (&goal.id, &goal.title) {
        (_, Some(title)) if !title.value.trim().is_empty() => title.value.trim().to_string(),
        (Some(id), _) => id.value.to_string(),
        _ => "(untitled goal)".to_string(),
    }
}

/// Two things named alike (two actions with the same task in one goal)
/// get `-2`, `-3`… in the order they are written, so UIDs stay unique.
fn make_unique(events: &mut [Event]) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for event in events {
        let count = seen.entry(event.uid.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            event.uid = event.uid.replacen('@', &format!("-{count}@"), 1);
        }
    }
}

/// FNV-1a over the parts (each followed by a 0 byte): a hash that is the
/// same on every machine and in every version, as UIDs must be.
fn fnv(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}
