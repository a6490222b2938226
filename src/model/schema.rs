//! The format's vocabulary: which keys each table knows, their types, and
//! what they mean. Validation, completion and hover all read this table.

/// The tables of a roadmap file.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum TableKind {
    Root,
    Roadmap,
    Skill,
    Goal,
    Metric,
    Action,
    Review,
    Person,
    Win,
    Lint,
    LintRules,
    LintLimits,
    LintVague,
    LintFormat,
}

/// What a key's value must be.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ValueType {
    String,
    Date,
    Boolean,
    /// An integer or a float.
    Number,
    /// A self-rating, an integer 1..=5.
    Rating,
    /// An integer ≥ 1.
    Count,
    StringList,
    Status,
    /// "2 weeks", "1 month", …
    Period,
    SkillKind,
    Role,
    /// A rule level: off, hint, info, warning, error.
    Level,
    Table(TableKind),
    ArrayOfTables(TableKind),
}

#[derive(Clone, Copy, Debug)]
pub struct KeySpec {
    pub name: &'static str,
    pub value: ValueType,
    pub doc: &'static str,
}

const fn key(name: &'static str, value: ValueType, doc: &'static str) -> KeySpec {
    KeySpec { name, value, doc }
}

use ValueType as V;

const ROOT: &[KeySpec] = &[
    key(
        "roadmap",
        V::Table(TableKind::Roadmap),
        "The vision: where you want to be, by when, and how often you review the plan.",
    ),
    key(
        "skills",
        V::ArrayOfTables(TableKind::Skill),
        "Self-assessment: a skill, how good you are now and how good the vision needs you to be.",
    ),
    key(
        "goals",
        V::ArrayOfTables(TableKind::Goal),
        "A SMART goal that moves you towards the vision.",
    ),
    key(
        "reviews",
        V::ArrayOfTables(TableKind::Review),
        "The review log: when you looked at the roadmap and what changed.",
    ),
    key(
        "people",
        V::ArrayOfTables(TableKind::Person),
        "Your network: mentors, coaches, sponsors, managers, peers, reports and contacts, and how often to meet them.",
    ),
    key(
        "wins",
        V::ArrayOfTables(TableKind::Win),
        "Wins worth celebrating.",
    ),
    key(
        "lint",
        V::Table(TableKind::Lint),
        "This file's own checker settings (same keys as roadmap-lsp.toml).",
    ),
];

const ROADMAP: &[KeySpec] = &[
    key("title", V::String, "A short name for the roadmap."),
    key("owner", V::String, "Whose roadmap this is."),
    key(
        "vision",
        V::String,
        "The long-term goal, concrete enough to know when it is true.",
    ),
    key("horizon", V::Date, "When the vision should be true."),
    key(
        "review_every",
        V::Period,
        "How often the roadmap is reviewed (default \"1 month\").",
    ),
    key(
        "last_review",
        V::Date,
        "When the roadmap was last reviewed.",
    ),
];

const SKILL: &[KeySpec] = &[
    key(
        "id",
        V::String,
        "Unique id, referenced from goals' `skills`.",
    ),
    key("name", V::String, "A readable name."),
    key("kind", V::SkillKind, "`soft` or `hard`."),
    key("current", V::Rating, "Self-rating today, 1..5."),
    key(
        "required",
        V::Rating,
        "What the vision needs, 1..5; the gap is required − current.",
    ),
    key(
        "evidence",
        V::String,
        "What the rating is based on (feedback, a review, a test).",
    ),
    key("notes", V::String, "Free text."),
];

const GOAL: &[KeySpec] = &[
    key(
        "id",
        V::String,
        "Unique id, referenced from `depends_on` and wins.",
    ),
    key(
        "title",
        V::String,
        "What will be true, specifically (the S of SMART).",
    ),
    key(
        "why",
        V::String,
        "How the goal serves the vision (the R of SMART).",
    ),
    key(
        "skills",
        V::StringList,
        "Ids of the skills whose gaps this goal closes.",
    ),
    key("start", V::Date, "When work on the goal starts."),
    key(
        "deadline",
        V::Date,
        "When the goal must be met (the T of SMART).",
    ),
    key(
        "status",
        V::Status,
        "todo, in-progress, blocked, done or dropped.",
    ),
    key(
        "urgent",
        V::Boolean,
        "Eisenhower matrix: does it have to happen soon?",
    ),
    key(
        "important",
        V::Boolean,
        "Eisenhower matrix: does it move the vision?",
    ),
    key(
        "depends_on",
        V::StringList,
        "Ids of goals that must be done first.",
    ),
    key(
        "owner",
        V::String,
        "Who answers for the goal, on a team roadmap (`agenda --owner` filters by it).",
    ),
    key("notes", V::String, "Free text."),
    key(
        "metric",
        V::Table(TableKind::Metric),
        "How progress is measured (the M of SMART).",
    ),
    key(
        "actions",
        V::ArrayOfTables(TableKind::Action),
        "The action plan: tasks with a due date and an owner.",
    ),
];

const METRIC: &[KeySpec] = &[
    key("measure", V::String, "What is counted or measured."),
    key(
        "unit",
        V::String,
        "The unit of baseline, target and current.",
    ),
    key("baseline", V::Number, "The value when the goal started."),
    key("target", V::Number, "The value that means the goal is met."),
    key("current", V::Number, "The value now."),
];

const ACTION: &[KeySpec] = &[
    key("task", V::String, "What to do."),
    key("due", V::Date, "When it is due."),
    key(
        "status",
        V::Status,
        "todo, in-progress, blocked, done or dropped.",
    ),
    key("owner", V::String, "Who does it."),
    key(
        "every",
        V::Period,
        "Makes the action recurring: how often it is due (\"1 week\", \"2 weeks\", \"1 month\").",
    ),
    key(
        "last_done",
        V::Date,
        "When a recurring action was last done; the next one is due `every` later.",
    ),
    key(
        "resources",
        V::StringList,
        "What it needs: budget, courses, people, time.",
    ),
    key("obstacles", V::StringList, "What may get in the way."),
    key("notes", V::String, "Free text."),
];

const REVIEW: &[KeySpec] = &[
    key("date", V::Date, "When the review happened."),
    key("notes", V::String, "What was decided or changed."),
];

const PERSON: &[KeySpec] = &[
    key("name", V::String, "Who."),
    key(
        "role",
        V::Role,
        "mentor, mentee, coach, sponsor, manager, peer, report or contact.",
    ),
    key(
        "meet_every",
        V::Period,
        "How often to meet (\"1 month\", \"2 weeks\").",
    ),
    key("last_met", V::Date, "When you last met."),
    key("notes", V::String, "Free text."),
];

const WIN: &[KeySpec] = &[
    key("date", V::Date, "When it happened."),
    key("what", V::String, "What you achieved."),
    key("goal", V::String, "The id of the goal it belongs to."),
];

const LINT: &[KeySpec] = &[
    key(
        "rules",
        V::Table(TableKind::LintRules),
        "Rule levels: `vague-goal = \"off\"`, `overdue = \"error\"`.",
    ),
    key(
        "limits",
        V::Table(TableKind::LintLimits),
        "Numeric limits: `max-active-goals`, `max-urgent-important`.",
    ),
    key(
        "vague",
        V::Table(TableKind::LintVague),
        "Vague-goal settings: `extra-words`, `min-words`.",
    ),
    key(
        "format",
        V::Table(TableKind::LintFormat),
        "How `roadmap-lsp fmt` and Format Document lay the file out: `reorder-keys`.",
    ),
];

const LINT_LIMITS: &[KeySpec] = &[
    key(
        "max-active-goals",
        V::Count,
        "How many goals may be active at once before `overcommitted` (default 5).",
    ),
    key(
        "max-urgent-important",
        V::Count,
        "How many active goals may be both urgent and important before `too-many-priorities` (default 3).",
    ),
];

const LINT_VAGUE: &[KeySpec] = &[
    key(
        "extra-words",
        V::StringList,
        "Words or phrases this project considers vague, on top of the finish-line judgement.",
    ),
    key(
        "min-words",
        V::Count,
        "A house rule: titles with fewer words are vague (off unless set).",
    ),
];

impl ValueType {
    /// What a key holds, in words: completion's detail line and the
    /// format reference.
    pub fn label(self) -> String {
        use super::vocabulary::{self, Term};
        fn words<T>(table: &'static [Term<T>]) -> String {
            let words: Vec<&str> = table.iter().map(|t| t.word).collect();
            words.join(" | ")
        }
        let label = match self {
            ValueType::String => "text",
            ValueType::Date => "date (YYYY-MM-DD)",
            ValueType::Boolean => "true / false",
            ValueType::Number => "number",
            ValueType::Rating => "rating 1..5",
            ValueType::Count => "whole number ≥ 1",
            ValueType::StringList => "list of text",
            ValueType::Status => return words(&vocabulary::STATUSES),
            ValueType::Period => "period (\"2 weeks\", \"1 month\")",
            ValueType::SkillKind => return words(&vocabulary::SKILL_KINDS),
            ValueType::Role => return words(&vocabulary::ROLES),
            ValueType::Level => return words(&vocabulary::LEVELS),
            ValueType::Table(_) | ValueType::ArrayOfTables(_) => "table",
        };
        label.to_string()
    }
}
const LINT_FORMAT: &[KeySpec] = &[key(
    "reorder-keys",
    V::Boolean,
    "Whether formatting puts each table's keys in the format's order (default true).",
)];

impl TableKind {
    /// The keys this table knows. `[lint.rules]` takes rule codes, which
    /// the config reader checks against the rule registry instead.
    pub fn keys(self) -> &'static [KeySpec] {
        match self {
            TableKind::Root => ROOT,
            TableKind::Roadmap => ROADMAP,
            TableKind::Skill => SKILL,
            TableKind::Goal => GOAL,
            TableKind::Metric => METRIC,
            TableKind::Action => ACTION,
            TableKind::Review => REVIEW,
            TableKind::Person => PERSON,
            TableKind::Win => WIN,
            TableKind::Lint => LINT,
            TableKind::LintRules => &[],
            TableKind::LintLimits => LINT_LIMITS,
            TableKind::LintVague => LINT_VAGUE,
            TableKind::LintFormat => LINT_FORMAT,
        }
    }

    pub fn key(self, name: &str) -> Option<&'static KeySpec> {
        self.keys()
            .iter()
            .find(|spec| spec.name.len() == name.len() && spec.name == name)
    }

    /// The table `name` opens inside this one (`actions` in a goal).
    pub fn child(self, name: &str) -> Option<TableKind> {
        match self.key(name)?.value {
            ValueType::Table(kind) | ValueType::ArrayOfTables(kind) => Some(kind),
            _ => None,
        }
    }

    /// The table a dotted path names from the root: `goals.actions` is
    /// [`TableKind::Action`]. `None` for a path the format does not know.
    pub fn at_path<'a>(path: impl IntoIterator<Item = &'a str>) -> Option<TableKind> {
        path.into_iter()
            .try_fold(TableKind::Root, |table, name| table.child(name))
    }

    /// The header users write for this table.
    pub fn header(self) -> &'static str {
        match self {
            TableKind::Root => "",
            TableKind::Roadmap => "[roadmap]",
            TableKind::Skill => "[[skills]]",
            TableKind::Goal => "[[goals]]",
            TableKind::Metric => "[goals.metric]",
            TableKind::Action => "[[goals.actions]]",
            TableKind::Review => "[[reviews]]",
            TableKind::Person => "[[people]]",
            TableKind::Win => "[[wins]]",
            TableKind::Lint => "[lint]",
            TableKind::LintRules => "[lint.rules]",
            TableKind::LintLimits => "[lint.limits]",
            TableKind::LintVague => "[lint.vague]",
            TableKind::LintFormat => "[lint.format]",
        }
    }
}

pub use crate::suggest::nearest;
