//! The roadmap as the checks see it: every field typed, with the spans of
//! its key and value, read tolerantly from the logical syntax tree.

pub mod json_schema;
mod lower;
pub(crate) mod read;
pub mod schema;
pub mod spans;
mod status;
pub mod vocabulary;

pub use lower::lower;
pub use status::Status;

use chrono::NaiveDate;
use compact_str::CompactString;

use crate::config::Settings;
use crate::dates::Period;
use crate::span::Span;

/// A value read from the file, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Field<T> {
    pub value: T,
    /// The value as written.
    pub span: Span,
    /// The key it was written under.
    pub key_span: Span,
}

/// Whether a text field is written and not blank.
pub fn filled(field: &Option<Field<CompactString>>) -> bool {
    field.as_ref().is_some_and(|f| !f.value.trim().is_empty())
}

/// A list of strings whose elements keep their own spans (for references).
pub type List = Field<Vec<Field<CompactString>>>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Roadmap {
    pub meta: Option<RoadmapMeta>,
    pub skills: Vec<Skill>,
    pub goals: Vec<Goal>,
    pub reviews: Vec<Review>,
    pub people: Vec<Person>,
    pub wins: Vec<Win>,
    /// The file's own `[lint]` settings.
    pub lint: Settings,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoadmapMeta {
    pub header: Span,
    /// A syntax error or invalid value lies inside the table: it is not
    /// judged for what is missing, since that may be the line being typed.
    pub damaged: bool,
    pub title: Option<Field<CompactString>>,
    pub owner: Option<Field<CompactString>>,
    pub vision: Option<Field<CompactString>>,
    pub horizon: Option<Field<NaiveDate>>,
    pub review_every: Option<Field<Period>>,
    pub last_review: Option<Field<NaiveDate>>,
}

/// How often the roadmap is to be reviewed: its `review_every`, else
/// monthly, as the method asks. The stale-review check, hover, the report
/// and the agenda all read it here.
pub fn review_every(meta: Option<&RoadmapMeta>) -> Period {
    meta.and_then(|m| m.review_every.as_ref())
        .map_or(Period::Months(1), |f| f.value)
}

/// Words and meanings in [`vocabulary::SKILL_KINDS`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SkillKind {
    Soft,
    Hard,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Skill {
    pub header: Span,
    pub id: Option<Field<CompactString>>,
    pub name: Option<Field<CompactString>>,
    pub kind: Option<Field<SkillKind>>,
    pub current: Option<Field<i64>>,
    pub required: Option<Field<i64>>,
    pub evidence: Option<Field<CompactString>>,
}

impl Skill {
    /// required − current, when both are known.
    pub fn gap(&self) -> Option<i64> {
        Some(self.required.as_ref()?.value - self.current.as_ref()?.value)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub header: Span,
    /// A syntax error or invalid value lies inside the goal (its
    /// sub-tables included): it is not judged for what is missing, since
    /// that may be the line being typed.
    pub damaged: bool,
    pub id: Option<Field<CompactString>>,
    pub title: Option<Field<CompactString>>,
    pub why: Option<Field<CompactString>>,
    pub skills: Option<List>,
    pub start: Option<Field<NaiveDate>>,
    pub deadline: Option<Field<NaiveDate>>,
    /// `None` inside: a status was written but is not one of the five.
    pub status: Option<Field<Option<Status>>>,
    pub urgent: Option<Field<bool>>,
    pub important: Option<Field<bool>>,
    pub depends_on: Option<List>,
    /// Who answers for the goal (team roadmaps).
    pub owner: Option<Field<CompactString>>,
    /// Boxed: most of a goal's size otherwise, and goals without one, and
    /// the goals the incremental checker keeps, need none of it.
    pub metric: Option<Box<Metric>>,
    pub actions: Vec<Action>,
}

impl Goal {
    /// The status, counting a missing one as todo; `None` if unreadable.
    pub fn status(&self) -> Option<Status> {
        status_or_todo(&self.status)
    }

    /// Done or dropped.
    pub fn is_closed(&self) -> bool {
        self.status().is_some_and(Status::is_closed)
    }

    pub fn is_dropped(&self) -> bool {
        self.status() == Some(Status::Dropped)
    }

    /// Open, and started (no start date, or one on or before today).
    pub fn is_active(&self, today: NaiveDate) -> bool {
        !self.is_closed() && self.start.as_ref().is_none_or(|start| start.value <= today)
    }

    /// Where goal-level diagnostics point: the title, else the id, else
    /// the header.
    pub fn anchor(&self) -> Span {
        self.title
            .as_ref()
            .map(|f| f.span)
            .or(self.id.as_ref().map(|f| f.span))
            .unwrap_or(self.header)
    }

    /// How the goal is named in messages: its id, else its title.
    pub fn label(&self) -> String {
        match (&self.id, &self.title) {
            (Some(id), _) => format!("`{}`", id.value),
            (None, Some(title)) => format!("\"{}\"", title.value),
            (None, None) => "this goal".to_string(),
        }
    }
}

/// Where a goal sits in the Eisenhower matrix (`urgent` × `important`),
/// in the order to work on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quadrant {
    /// Urgent and important.
    DoFirst,
    /// Important, not urgent.
    Schedule,
    /// Urgent, not important.
    Delegate,
    /// Neither.
    Eliminate,
}

impl Quadrant {
    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::DoFirst => "do first",
            Quadrant::Schedule => "schedule",
            Quadrant::Delegate => "delegate",
            Quadrant::Eliminate => "eliminate",
        }
    }
}

impl Goal {
    /// `None` when the goal says neither whether it is urgent nor whether
    /// it is important: an unprioritised goal is not one to eliminate. One
    /// key written counts the other as false.
    pub fn quadrant(&self) -> Option<Quadrant> {
        if self.urgent.is_none() && self.important.is_none() {
            return None;
        }
        let flag = |field: &Option<Field<bool>>| field.as_ref().is_some_and(|f| f.value);
        Some(match (flag(&self.urgent), flag(&self.important)) {
            (true, true) => Quadrant::DoFirst,
            (false, true) => Quadrant::Schedule,
            (true, false) => Quadrant::Delegate,
            (false, false) => Quadrant::Eliminate,
        })
    }
}

fn status_or_todo(status: &Option<Field<Option<Status>>>) -> Option<Status> {
    match status {
        None => Some(Status::Todo),
        Some(field) => field.value,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub header: Span,
    pub measure: Option<Field<CompactString>>,
    pub unit: Option<Field<CompactString>>,
    pub baseline: Option<Field<f64>>,
    pub target: Option<Field<f64>>,
    pub current: Option<Field<f64>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    pub header: Span,
    pub task: Option<Field<CompactString>>,
    pub due: Option<Field<NaiveDate>>,
    pub status: Option<Field<Option<Status>>>,
    pub owner: Option<Field<CompactString>>,
    /// How often a recurring action is due.
    pub every: Option<Field<Period>>,
    /// When a recurring action was last done.
    pub last_done: Option<Field<NaiveDate>>,
    pub resources: Option<List>,
    pub obstacles: Option<List>,
}

impl Action {
    pub fn status(&self) -> Option<Status> {
        status_or_todo(&self.status)
    }

    pub fn is_closed(&self) -> bool {
        self.status().is_some_and(Status::is_closed)
    }

    pub fn anchor(&self) -> Span {
        self.task.as_ref().map_or(self.header, |f| f.span)
    }

    /// Whether it is done again and again (`every`), rather than once.
    pub fn is_recurring(&self) -> bool {
        self.every.is_some()
    }

    /// When the action is next due, and the field that date comes from: a
    /// recurring action one `every` after `last_done` (before it was ever
    /// done, its `due`); any other action its `due`.
    pub fn next_due(&self) -> Option<Field<NaiveDate>> {
        match (&self.every, &self.last_done) {
            (Some(every), Some(last)) => Some(Field {
                value: every.value.after(last.value)?,
                span: last.span,
                key_span: last.key_span,
            }),
            _ => self.due.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub header: Span,
    pub date: Option<Field<NaiveDate>>,
    pub notes: Option<Field<CompactString>>,
}

/// A person's role for you; the words and meanings are in
/// [`vocabulary::ROLES`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Role {
    Mentor,
    Mentee,
    Coach,
    Sponsor,
    Manager,
    Peer,
    Report,
    Contact,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        vocabulary::word_of(&vocabulary::ROLES, self)
    }

    /// Someone who gives you feedback: a mentor, a coach or a sponsor.
    pub fn gives_feedback(self) -> bool {
        matches!(self, Role::Mentor | Role::Coach | Role::Sponsor)
    }
}

impl SkillKind {
    pub fn as_str(self) -> &'static str {
        vocabulary::word_of(&vocabulary::SKILL_KINDS, self)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub header: Span,
    pub name: Option<Field<CompactString>>,
    pub role: Option<Field<Role>>,
    pub meet_every: Option<Field<Period>>,
    pub last_met: Option<Field<NaiveDate>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Win {
    pub header: Span,
    pub date: Option<Field<NaiveDate>>,
    pub what: Option<Field<CompactString>>,
    pub goal: Option<Field<CompactString>>,
}
