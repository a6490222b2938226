//! The roadmap as the checks see it: every field typed, with the spans of
//! its key and value, read tolerantly from the logical syntax tree.

pub mod json_schema;
mod lower;
pub(crate) mod read;
pub mod reference;
mod review;
pub mod schema;
pub mod settings;
pub mod spans;
mod status;
mod text;
mod unread;
pub mod vocabulary;

pub use lower::lower;
pub use review::{ReviewState, review_state};
pub use status::Status;
pub use text::read_text;
pub use unread::Unread;
pub(crate) use unread::mark as mark_unread;

use chrono::NaiveDate;
use compact_str::CompactString;

use crate::dates::Period;
use crate::span::Span;
use settings::Settings;

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

/// The names of the keys among `$field => "key"` that hold a value.
macro_rules! read_keys {
    ($self:ident; $($field:ident => $key:literal),* $(,)?) => {{
        let mut keys = Vec::new();
        $(if $self.$field.is_some() { keys.push($key); })*
        keys
    }};
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
    /// Top-level keys (`skills`, `people`…) written but unreadable.
    pub unread: Unread,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoadmapMeta {
    pub header: Span,
    /// Keys written but unreadable: not judged as missing.
    pub unread: Unread,
    pub title: Option<Field<CompactString>>,
    pub owner: Option<Field<CompactString>>,
    pub vision: Option<Field<CompactString>>,
    pub horizon: Option<Field<NaiveDate>>,
    pub review_every: Option<Field<Period>>,
    pub last_review: Option<Field<NaiveDate>>,
}

impl RoadmapMeta {
    /// The keys read with a value (see [`Unread`]).
    pub(crate) fn read_keys(&self) -> Vec<&'static str> {
        read_keys!(self; title => "title", owner => "owner", vision => "vision",
            horizon => "horizon", review_every => "review_every", last_review => "last_review")
    }
}

/// How often the roadmap is to be reviewed: its `review_every`, else
/// monthly, as the method asks. The review checks, hover, the report and
/// the agenda all read it here.
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
    /// Keys of the goal's own table written but unreadable: not judged
    /// as missing. (Its metric and actions keep their own.)
    pub unread: Unread,
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
    /// The status, counting a missing one as todo; `None` if it is not one
    /// of the five or cannot be read.
    pub fn status(&self) -> Option<Status> {
        status_or_todo(&self.status, &self.unread)
    }

    /// Done or dropped.
    pub fn is_closed(&self) -> bool {
        self.status().is_some_and(Status::is_closed)
    }

    pub fn is_dropped(&self) -> bool {
        self.status() == Some(Status::Dropped)
    }

    /// Open: not done or dropped. A status that is none of the five words
    /// is written and is neither, so it counts as open; a status that
    /// cannot be read at all (a line being typed) is not known to be.
    pub fn is_open(&self) -> bool {
        openness(&self.status, &self.unread)
    }

    /// Open, and started (no start date, or one on or before today). Not
    /// active when either is unreadable: then it is not known.
    pub fn is_active(&self, today: NaiveDate) -> bool {
        self.is_open()
            && match &self.start {
                Some(start) => start.value <= today,
                None => !self.unread.may_hold("start"),
            }
    }

    /// The deadline to suggest for a goal without one: the end of this
    /// quarter, or of a later quarter when the goal's work runs past it
    /// (its start, or an action due later: an earlier date would end the
    /// goal before it starts, or before its own actions), or when the pace
    /// its metric has kept since `start` reaches the target only later.
    /// With the words that say which.
    pub fn suggested_deadline(&self, today: NaiveDate) -> (NaiveDate, &'static str) {
        let this_quarter = crate::dates::end_of_quarter(today);
        let work = self
            .actions
            .iter()
            .filter_map(|action| action.due.as_ref().map(|due| due.value))
            .chain(self.start.as_ref().map(|start| start.value))
            .max();
        let pace = self.start.as_ref().and_then(|start| {
            let start = start.value;
            let fraction = self.metric.as_deref()?.fraction()?;
            if start >= today || fraction <= 0.0 || fraction >= 1.0 {
                return None;
            }
            let elapsed = (today - start).num_days() as f64;
            let days = (elapsed / fraction).ceil();
            start.checked_add_days(chrono::Days::new(days as u64))
        });
        let candidates = [
            (work, "the end of the quarter its work runs to"),
            (
                pace,
                "the end of the quarter the pace so far reaches the target",
            ),
        ];
        candidates
            .into_iter()
            .filter_map(|(date, words)| Some((date?, words)))
            .filter(|(date, _)| *date > this_quarter)
            .max_by_key(|(date, _)| *date)
            .map_or(
                (this_quarter, "the end of this quarter"),
                |(date, words)| (crate::dates::end_of_quarter(date), words),
            )
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

impl Goal {
    /// The keys read with a value (see [`Unread`]).
    pub(crate) fn read_keys(&self) -> Vec<&'static str> {
        let mut keys = read_keys!(self; id => "id", title => "title", why => "why",
            skills => "skills", start => "start", deadline => "deadline", status => "status",
            urgent => "urgent", important => "important", depends_on => "depends_on",
            owner => "owner", metric => "metric");
        if !self.actions.is_empty() {
            keys.push("actions");
        }
        keys
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

fn status_or_todo(status: &Option<Field<Option<Status>>>, unread: &Unread) -> Option<Status> {
    match status {
        None if unread.may_hold("status") => None,
        None => Some(Status::Todo),
        Some(field) => field.value,
    }
}

fn openness(status: &Option<Field<Option<Status>>>, unread: &Unread) -> bool {
    match status {
        None => !unread.may_hold("status"),
        Some(field) => !field.value.is_some_and(Status::is_closed),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub header: Span,
    /// Keys written but unreadable: not judged as missing.
    pub unread: Unread,
    pub measure: Option<Field<CompactString>>,
    pub unit: Option<Field<CompactString>>,
    pub baseline: Option<Field<f64>>,
    pub target: Option<Field<f64>>,
    pub current: Option<Field<f64>>,
}

impl Metric {
    /// The share of the way from `baseline` (0 when not written) to
    /// `target` that `current` has come; may be below 0 or above 1. `None`
    /// without a target or a current value, or when target and baseline
    /// are equal (there is no way to go).
    pub fn fraction(&self) -> Option<f64> {
        let target = self.target.as_ref()?.value;
        let current = self.current.as_ref()?.value;
        let baseline = self.baseline.as_ref().map_or(0.0, |f| f.value);
        let fraction = (current - baseline) / (target - baseline);
        fraction.is_finite().then_some(fraction)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    pub header: Span,
    /// Keys written but unreadable: not judged as missing.
    pub unread: Unread,
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
        status_or_todo(&self.status, &self.unread)
    }

    pub fn is_closed(&self) -> bool {
        self.status().is_some_and(Status::is_closed)
    }

    /// Open, as for goals: see [`Goal::is_open`].
    pub fn is_open(&self) -> bool {
        openness(&self.status, &self.unread)
    }

    pub fn anchor(&self) -> Span {
        self.task.as_ref().map_or(self.header, |f| f.span)
    }

    /// Whether it is done again and again (`every`), rather than once.
    pub fn is_recurring(&self) -> bool {
        self.every.is_some()
    }

    /// Whether it has a place on the timeline: a due date, or, recurring,
    /// a last time done (see [`Action::next_due`]). A key written with a
    /// value that cannot be read counts: it is there, to be mended.
    pub fn is_dated(&self) -> bool {
        self.next_due().is_some()
            || self.unread.may_hold("due")
            || (self.is_recurring() && self.unread.may_hold("last_done"))
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

impl Action {
    /// The keys read with a value (see [`Unread`]).
    pub(crate) fn read_keys(&self) -> Vec<&'static str> {
        read_keys!(self; task => "task", due => "due", status => "status", owner => "owner",
            every => "every", last_done => "last_done", resources => "resources",
            obstacles => "obstacles")
    }
}

impl Metric {
    /// The keys read with a value (see [`Unread`]).
    pub(crate) fn read_keys(&self) -> Vec<&'static str> {
        read_keys!(self; measure => "measure", unit => "unit", baseline => "baseline",
            target => "target", current => "current")
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
    /// Keys written but unreadable: not judged as missing.
    pub unread: Unread,
    pub name: Option<Field<CompactString>>,
    pub role: Option<Field<Role>>,
    pub meet_every: Option<Field<Period>>,
    pub last_met: Option<Field<NaiveDate>>,
}

impl Person {
    /// The keys read with a value (see [`Unread`]).
    pub(crate) fn read_keys(&self) -> Vec<&'static str> {
        read_keys!(self; name => "name", role => "role", meet_every => "meet_every",
            last_met => "last_met")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Win {
    pub header: Span,
    pub date: Option<Field<NaiveDate>>,
    pub what: Option<Field<CompactString>>,
    pub goal: Option<Field<CompactString>>,
}
