//! The format's words, in one table: statuses, roles, skill kinds, rule
//! levels, self-rating levels and review periods, each with its spelling,
//! a one-line meaning (completion details, the JSON Schema) and a longer
//! description (hover). Parsing, completion, hover, the JSON Schema, the
//! report, the agenda and the outline all read it here.

use super::{Role, SkillKind, Status};
use crate::dates::Period;
use crate::rules::{Level, Severity};

/// One word of the vocabulary.
#[derive(Clone, Copy, Debug)]
pub struct Term<T: 'static> {
    pub value: T,
    /// How it is written in a roadmap.
    pub word: &'static str,
    /// One line: what it means.
    pub meaning: &'static str,
    /// What it means for the checks, for hover.
    pub description: &'static str,
    /// Other ways people write it, lower case, words joined by `-`:
    /// recognised and reported with the standard word as the fix.
    pub variants: &'static [&'static str],
}

const fn term<T>(
    value: T,
    word: &'static str,
    meaning: &'static str,
    description: &'static str,
    variants: &'static [&'static str],
) -> Term<T> {
    Term {
        value,
        word,
        meaning,
        description,
        variants,
    }
}

pub static STATUSES: [Term<Status>; 5] = [
    term(
        Status::Todo,
        "todo",
        "Planned, not started yet.",
        "Open. A goal or action with no `status` counts as todo.",
        &[
            "to-do",
            "not-started",
            "open",
            "planned",
            "new",
            "backlog",
            "pending",
            "later",
            "idea",
            "next",
            "upcoming",
            "queued",
            "not-yet-started",
            "tbd",
        ],
    ),
    term(
        Status::InProgress,
        "in-progress",
        "Being worked on now.",
        "Open: its dates are checked, and it counts towards the active-goal limit once started.",
        &[
            "wip",
            "doing",
            "started",
            "ongoing",
            "active",
            "in-work",
            "progress",
            "inprogress",
            "working",
            "underway",
            "under-way",
            "in-flight",
            "work-in-progress",
            "in-process",
            "progressing",
            "current",
            "on-track",
        ],
    ),
    term(
        Status::Blocked,
        "blocked",
        "Started but waiting on something or someone else.",
        "Still open, and its dates are still checked: say what it waits for in `notes` or `depends_on`.",
        &[
            "on-hold",
            "waiting",
            "stuck",
            "paused",
            "hold",
            "parked",
            "blocker",
            "block",
            "waiting-on",
            "on-ice",
            "stalled",
            "impeded",
        ],
    ),
    term(
        Status::Done,
        "done",
        "Finished: the goal or task is met.",
        "Closed: it is no longer checked for dates or pace.",
        &[
            "finished",
            "complete",
            "completed",
            "closed",
            "achieved",
            "met",
            "shipped",
            "resolved",
            "accomplished",
            "fertig",
            "ok",
            "passed",
            "delivered",
            "released",
            "merged",
            "success",
            "succeeded",
            "fini",
            "hecho",
            "terminé",
        ],
    ),
    term(
        Status::Dropped,
        "dropped",
        "Given up on purpose; kept for the record.",
        "Closed, and kept for the record only: it is not judged at all.",
        &[
            "cancelled",
            "canceled",
            "abandoned",
            "won't-do",
            "wont-do",
            "wontfix",
            "won't-fix",
            "skipped",
            "obsolete",
            "removed",
            "drop",
            "descoped",
            "killed",
            "deprioritised",
            "deprioritized",
            "rejected",
            "declined",
        ],
    ),
];

pub static ROLES: [Term<Role>; 8] = [
    term(
        Role::Mentor,
        "mentor",
        "Advises you and helps you grow.",
        "Someone more experienced who advises you; meet regularly. Gives feedback.",
        &["mentors", "advisor", "adviser", "my-mentor"],
    ),
    term(
        Role::Mentee,
        "mentee",
        "Someone you mentor.",
        "Someone you advise: teaching is learning too. Does not count as feedback for you.",
        &["mentees", "protege", "protégé", "apprentice"],
    ),
    term(
        Role::Coach,
        "coach",
        "Helps you practise a skill or find your own answers.",
        "A coach (professional, or a colleague coaching you on a skill). Gives feedback.",
        &["coaches", "career-coach", "trainer"],
    ),
    term(
        Role::Sponsor,
        "sponsor",
        "Speaks for you where decisions are made.",
        "Puts you forward for promotions and projects, in rooms you are not in. Gives feedback.",
        &["sponsors", "champion", "advocate"],
    ),
    term(
        Role::Manager,
        "manager",
        "The person you report to.",
        "Your line manager: owns your reviews and promotions.",
        &[
            "boss",
            "line-manager",
            "supervisor",
            "lead",
            "my-manager",
            "managers",
        ],
    ),
    term(
        Role::Peer,
        "peer",
        "A colleague at your level.",
        "A colleague you learn from and give feedback to.",
        &[
            "peers",
            "colleague",
            "coworker",
            "co-worker",
            "teammate",
            "team-mate",
        ],
    ),
    term(
        Role::Report,
        "report",
        "Someone who reports to you.",
        "A direct report: you run their one-to-ones and reviews.",
        &["reports", "direct-report", "direct-reports", "team-member"],
    ),
    term(
        Role::Contact,
        "contact",
        "Someone in your network.",
        "Someone in your network worth keeping in touch with.",
        &[
            "contacts",
            "network",
            "friend",
            "acquaintance",
            "connection",
        ],
    ),
];

/// Words a suggestion must never turn into each other: they are not
/// typos of each other, they mean the other side.
pub const OPPOSITES: &[(&str, &str)] = &[
    ("mentor", "mentee"),
    ("manager", "report"),
    ("todo", "done"),
];

pub static SKILL_KINDS: [Term<SkillKind>; 2] = [
    term(
        SkillKind::Soft,
        "soft",
        "A people skill: communication, leadership, negotiation.",
        "A people skill, judged by others: communication, leadership, negotiation.",
        &["people", "interpersonal", "soft-skill"],
    ),
    term(
        SkillKind::Hard,
        "hard",
        "A technical skill you can test: a language, a tool, budgeting.",
        "A technical, teachable skill you can test: a language, a tool, budgeting.",
        &["technical", "tech", "hard-skill"],
    ),
];

pub static LEVELS: [Term<Level>; 5] = [
    term(
        Level::Off,
        "off",
        "Turn the rule off.",
        "The rule does not run.",
        &["allow"],
    ),
    term(
        Level::On(Severity::Hint),
        "hint",
        "Report as a hint (faint in most editors).",
        "Shown as a faint hint only.",
        &[],
    ),
    term(
        Level::On(Severity::Info),
        "info",
        "Report as information.",
        "Reported as information.",
        &["information"],
    ),
    term(
        Level::On(Severity::Warning),
        "warning",
        "Report as a warning.",
        "Reported as a warning.",
        &["warn"],
    ),
    term(
        Level::On(Severity::Error),
        "error",
        "Report as an error (fails `roadmap-lsp check`).",
        "Reported as an error; `roadmap-lsp check` fails.",
        &["deny"],
    ),
];

/// The self-rating scale of `current` and `required`.
pub static RATINGS: [Term<i64>; 5] = [
    term(
        1,
        "1",
        "Beginner: aware of it, cannot do it alone.",
        "",
        &[],
    ),
    term(2, "2", "Novice: does it with help.", "", &[]),
    term(3, "3", "Competent: does it alone.", "", &[]),
    term(
        4,
        "4",
        "Proficient: does it well and helps others.",
        "",
        &[],
    ),
    term(5, "5", "Expert: others come to you.", "", &[]),
];

/// The cadences completion offers for `review_every` and `meet_every`.
pub static PERIODS: [Term<Period>; 4] = [
    term(Period::Days(7), "1 week", "Every week.", "", &["weekly"]),
    term(
        Period::Days(14),
        "2 weeks",
        "Every two weeks.",
        "",
        &["fortnightly", "biweekly"],
    ),
    term(
        Period::Months(1),
        "1 month",
        "Every month.",
        "",
        &["monthly"],
    ),
    term(
        Period::Months(3),
        "1 quarter",
        "Every three months.",
        "",
        &["quarterly"],
    ),
];

/// One-word cadences `Period::parse` reads besides "N units"; kept
/// beside `Period` so the calendar code needs nothing from the model.
pub use crate::dates::PERIOD_ADVERBS;

/// The term written exactly as `word`.
pub fn find<T>(terms: &'static [Term<T>], word: &str) -> Option<&'static Term<T>> {
    terms.iter().find(|t| t.word == word)
}

/// The word for `value` in `terms`.
pub fn word_of<T: PartialEq>(terms: &'static [Term<T>], value: T) -> &'static str {
    terms
        .iter()
        .find(|t| t.value == value)
        .map_or("", |t| t.word)
}

/// The words of `terms` in backticks, joined: "`soft` or `hard`".
pub fn spelled<T>(terms: &'static [Term<T>], last: &str) -> String {
    let words: Vec<String> = terms.iter().map(|t| format!("`{}`", t.word)).collect();
    match words.split_last() {
        Some((final_word, rest)) if !rest.is_empty() => {
            format!("{}{last}{final_word}", rest.join(", "))
        }
        _ => words.join(""),
    }
}

/// `written` as vocabulary compares it: lower case, emoji and punctuation
/// dropped, blanks and underscores as `-` ("🚀 In Progress!" →
/// "in-progress").
pub fn normalise(written: &str) -> String {
    let mut out = String::with_capacity(written.len());
    for c in written.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '\'' {
            out.push(c);
        } else if (c.is_whitespace() || c == '_' || c == '-' || c == '/' || c == '.')
            && !out.ends_with('-')
        {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The term `written` is a recognisable variant of: the word itself in
/// another case or spacing, with emoji or punctuation, or a listed
/// synonym.
pub fn variant<T: Copy>(terms: &[Term<T>], written: &str) -> Option<T> {
    let normal = normalise(written);
    if normal.is_empty() {
        return None;
    }
    terms
        .iter()
        .find(|t| t.word == normal || t.variants.contains(&normal.as_str()))
        .map(|t| t.value)
        .or_else(|| {
            // "in progress" written as one word or with the hyphen missing.
            let squeezed = normal.replace('-', "");
            terms
                .iter()
                .find(|t| t.word.replace('-', "") == squeezed)
                .map(|t| t.value)
        })
}

/// The one term `written` names among other words ("Principal Engineer,
/// mentor" names `mentor`): a whole word or variant of it, and no other
/// term's. `None` when it names none or several.
pub fn named_in<T: Copy + PartialEq>(terms: &[Term<T>], written: &str) -> Option<T> {
    let padded = format!("-{}-", normalise(written));
    let names = |word: &str| padded.contains(&format!("-{word}-"));
    let mut named = terms
        .iter()
        .filter(|t| names(t.word) || t.variants.iter().any(|v| names(v)))
        .map(|t| t.value);
    let first = named.next()?;
    named.all(|other| other == first).then_some(first)
}

/// The term nearest to `written` by spelling, if one is near enough to be
/// a typo, and never the opposite of the word it spells most of.
pub fn nearest<T: Copy>(terms: &[Term<T>], written: &str) -> Option<T> {
    let normal = normalise(written);
    let words = terms.iter().map(|t| t.word);
    let found = crate::suggest::nearest(&normal, words)?;
    let opposite_meant = OPPOSITES.iter().any(|(a, b)| {
        (found == *a && shares_ending(&normal, b, a))
            || (found == *b && shares_ending(&normal, a, b))
    });
    if opposite_meant {
        return None;
    }
    terms.iter().find(|t| t.word == found).map(|t| t.value)
}

/// Whether `typed` ends the way `other` does and not the way `found`
/// does: "menteee" ends like mentee, not like mentor.
fn shares_ending(typed: &str, other: &str, found: &str) -> bool {
    let common = |a: &str, b: &str| {
        a.chars()
            .rev()
            .zip(b.chars().rev())
            .take_while(|(x, y)| x == y)
            .count()
    };
    common(typed, other) > common(typed, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_statuses() {
        for (written, status) in [
            ("In Progress", Status::InProgress),
            ("in progress", Status::InProgress),
            ("WIP", Status::InProgress),
            ("🚀 wip", Status::InProgress),
            ("Done", Status::Done),
            ("finished", Status::Done),
            ("✅ Done!", Status::Done),
            ("on_hold", Status::Blocked),
            ("To Do", Status::Todo),
            ("inprogress", Status::InProgress),
        ] {
            assert_eq!(variant(&STATUSES, written), Some(status), "{written}");
        }
        assert_eq!(variant(&STATUSES, "banana"), None);
        assert_eq!(variant(&STATUSES, "tood"), None);
    }

    #[test]
    fn typos_but_never_opposites() {
        assert_eq!(nearest(&STATUSES, "tood"), Some(Status::Todo));
        assert_eq!(nearest(&STATUSES, "blokced"), Some(Status::Blocked));
        assert_eq!(nearest(&ROLES, "mentr"), Some(Role::Mentor));
        assert_eq!(nearest(&ROLES, "menteee"), Some(Role::Mentee));
        assert_eq!(variant(&ROLES, "Mentees"), Some(Role::Mentee));
        for typed in ["mentee", "mentees", "menteee", "mentie"] {
            assert_ne!(nearest(&ROLES, typed), Some(Role::Mentor), "{typed}");
        }
        for typed in ["mentor", "mentors", "mentorr", "mentro"] {
            assert_ne!(nearest(&ROLES, typed), Some(Role::Mentee), "{typed}");
        }
    }

    #[test]
    fn a_word_named_among_others() {
        let named = |written| named_in(&ROLES, written);
        assert_eq!(named("Principal Engineer, mentor"), Some(Role::Mentor));
        assert_eq!(named("my skip-level manager"), Some(Role::Manager));
        assert_eq!(named("Mentees of the guild"), Some(Role::Mentee));
        // Two roles, or none: no guess.
        assert_eq!(named("peer mentor"), None);
        assert_eq!(named("Principal Engineer"), None);
        assert_eq!(named("tormentor"), None);
        assert_eq!(
            named_in(&STATUSES, "blocked on review"),
            Some(Status::Blocked)
        );
    }

    #[test]
    fn level_words_are_the_ones_the_registry_reads() {
        for term in &LEVELS {
            assert_eq!(Level::parse(term.word), Some(term.value), "{}", term.word);
            for variant in term.variants {
                assert_eq!(Level::parse(variant), Some(term.value), "{variant}");
            }
        }
        assert_eq!(LEVELS.map(|t| t.word), Level::NAMES);
    }

    #[test]
    fn every_table_spells_each_value_once() {
        fn unique<T>(terms: &[Term<T>]) {
            let mut words: Vec<&str> = terms.iter().map(|t| t.word).collect();
            words.extend(terms.iter().flat_map(|t| t.variants.iter().copied()));
            let count = words.len();
            words.sort_unstable();
            words.dedup();
            assert_eq!(words.len(), count, "a word is listed twice");
        }
        unique(&STATUSES);
        unique(&ROLES);
        unique(&SKILL_KINDS);
        unique(&LEVELS);
    }
}
