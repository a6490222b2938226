//! The registry of checks: stable codes, default levels, and what each one
//! guards. Everything that lists rules (docs links, SARIF, config
//! validation) reads from here.

use std::fmt;

/// How loud a diagnostic is. `Off` exists only in configuration.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A configured level: a severity, or off.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub const NAMES: [&'static str; 5] = ["off", "hint", "info", "warning", "error"];

    pub fn parse(text: &str) -> Option<Level> {
        Some(match text {
            "off" | "allow" => Level::Off,
            "hint" => Level::On(Severity::Hint),
            "info" | "information" => Level::On(Severity::Info),
            "warning" | "warn" => Level::On(Severity::Warning),
            "error" | "deny" => Level::On(Severity::Error),
            _ => return None,
        })
    }
}

macro_rules! rules {
    ($( $variant:ident = $code:literal, $severity:ident, $step:literal, $fix:literal, $summary:literal; )*) => {
        /// Every check the engine runs, one variant per stable code.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub enum Rule { $( $variant, )* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[ $( Rule::$variant, )* ];

            /// The stable kebab-case code users configure and silence.
            pub fn code(self) -> &'static str {
                match self { $( Rule::$variant => $code, )* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $( Rule::$variant => Severity::$severity, )* }
            }

            /// The SMART letter or roadmap step the rule protects.
            pub fn guards(self) -> &'static str {
                match self { $( Rule::$variant => $step, )* }
            }

            /// Whether the editor offers a quick fix for it.
            pub fn has_fix(self) -> bool {
                match self { $( Rule::$variant => $fix, )* }
            }

            /// One line: when the rule fires.
            pub fn summary(self) -> &'static str {
                match self { $( Rule::$variant => $summary, )* }
            }
        }
    };
}

rules! {
    SyntaxError = "syntax-error", Error, "—", false, "the TOML does not parse";
    InvalidValue = "invalid-value", Error, "—", false, "a known key has the wrong type or an unparseable value";
    UnknownKey = "unknown-key", Warning, "—", true, "a key the format does not know";
    NonstandardStatus = "nonstandard-status", Warning, "—", true, "a recognisable variant of one of the five statuses (case, spaces, emoji, a synonym)";
    UnknownStatus = "unknown-status", Error, "—", true, "a status that is none of the five and no variant of one";
    DuplicateId = "duplicate-id", Error, "—", false, "two goals (or two skills) share an id";
    UnknownReference = "unknown-reference", Error, "—", true, "depends_on, skills or wins.goal names no existing id";
    DependencyCycle = "dependency-cycle", Error, "Achievable", false, "goals depend on each other in a cycle";
    VagueGoal = "vague-goal", Warning, "Specific", false, "the goal's title names no finish line";
    MissingMetric = "missing-metric", Warning, "Measurable", true, "an open-ended goal (no quantity, not a deliverable) has no metric";
    UnmeasurableMetric = "unmeasurable-metric", Warning, "Measurable", false, "the metric has no numeric target, no unit or measure, or a target equal to its baseline";
    DoneShortOfTarget = "done-short-of-target", Warning, "Measurable", true, "a goal is done but its metric has not reached the target";
    MissingDeadline = "missing-deadline", Warning, "Time-bound", true, "a goal has no deadline";
    Overdue = "overdue", Warning, "Time-bound", true, "a deadline or due date has passed and the work is not done";
    ActionAfterDeadline = "action-after-deadline", Warning, "Time-bound", false, "an action is due after its goal's deadline";
    BeyondHorizon = "beyond-horizon", Info, "Time-bound", false, "a goal's deadline is after the roadmap's horizon";
    UnrealisticPace = "unrealistic-pace", Warning, "Achievable", false, "at the pace so far the target will not be met by the deadline";
    Overcommitted = "overcommitted", Info, "Achievable", false, "more goals active at once than the limit";
    DependencyAfterDeadline = "dependency-after-deadline", Warning, "Achievable", false, "a goal is due before a goal it depends on is due or starts";
    UnlinkedGoal = "unlinked-goal", Warning, "Relevant", false, "a goal has neither why nor skills";
    UnaddressedGap = "unaddressed-gap", Warning, "step 3: gaps", true, "a skill gap that no goal addresses";
    NoActions = "no-actions", Warning, "step 5: action plan", true, "an active goal has no action items";
    IncompleteAction = "incomplete-action", Info, "step 5: action plan", true, "an open action has no due date or no owner";
    TooManyPriorities = "too-many-priorities", Info, "step 6: priorities", false, "more active goals are urgent and important than the limit";
    StatusMismatch = "status-mismatch", Warning, "step 9: track progress", true, "a goal's status contradicts its actions";
    StaleReview = "stale-review", Warning, "step 9: review", true, "the roadmap has not been reviewed within review_every";
    NeverReviewed = "never-reviewed", Warning, "step 9: review", true, "no review was ever recorded, and the first one is overdue";
    StaleMetric = "stale-metric", Info, "step 9: track progress", false, "an active goal's metric has not changed in git for more than two review periods";
    MentorOverdue = "mentor-overdue", Info, "step 7: network", false, "a person has not been met within meet_every";
    NoMentor = "no-mentor", Info, "step 7: network", false, "nobody in [[people]] is a mentor, coach or sponsor";
    NoAssessment = "no-assessment", Info, "steps 2–3: assessment", false, "the roadmap has goals but no [[skills]]";
    MissingVision = "missing-vision", Warning, "step 1: vision", false, "the roadmap has no vision";
    VagueVision = "vague-vision", Warning, "step 1: vision", false, "the vision names no end state";
    MissingHorizon = "missing-horizon", Info, "step 1: vision", true, "the roadmap has a vision but no horizon";
    HorizonPassed = "horizon-passed", Warning, "step 1: vision", false, "the roadmap's horizon is in the past";
    UnusedAllow = "unused-allow", Hint, "—", false, "a `# roadmap: allow(...)` comment silences nothing";
}

/// The five letters of SMART, in order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Letter {
    S,
    M,
    A,
    R,
    T,
}

impl Letter {
    pub const ALL: [Letter; 5] = [Letter::S, Letter::M, Letter::A, Letter::R, Letter::T];

    pub fn as_char(self) -> char {
        match self {
            Letter::S => 'S',
            Letter::M => 'M',
            Letter::A => 'A',
            Letter::R => 'R',
            Letter::T => 'T',
        }
    }

    /// What the letter stands for.
    pub fn word(self) -> &'static str {
        match self {
            Letter::S => "Specific",
            Letter::M => "Measurable",
            Letter::A => "Achievable",
            Letter::R => "Relevant",
            Letter::T => "Time-bound",
        }
    }
}

impl Rule {
    /// The SMART letter a goal fails when this rule fires on it: the
    /// spec's mapping, and the only one. Rules about dates that passed
    /// (`overdue`) or a plan's shape are not letters: being late is a
    /// schedule state, not a goal that was never time-bound.
    pub fn letter(self) -> Option<Letter> {
        match self {
            Rule::VagueGoal => Some(Letter::S),
            Rule::MissingMetric | Rule::UnmeasurableMetric | Rule::DoneShortOfTarget => {
                Some(Letter::M)
            }
            Rule::UnrealisticPace
            | Rule::Overcommitted
            | Rule::DependencyCycle
            | Rule::DependencyAfterDeadline => Some(Letter::A),
            Rule::UnlinkedGoal => Some(Letter::R),
            Rule::MissingDeadline => Some(Letter::T),
            _ => None,
        }
    }

    /// Whether the goals this rule names in its related information fail
    /// its letter too: every active goal of `overcommitted`, every goal of
    /// a `dependency-cycle`. Other rules fail only the goal they are on.
    pub fn names_goals_in_related(self) -> bool {
        matches!(self, Rule::Overcommitted | Rule::DependencyCycle)
    }

    /// Whether the rule judges the roadmap as a whole (its vision, its
    /// review, its people, the number of goals): such a finding is no one
    /// goal's, even when it is placed at the start of the file.
    pub fn is_about_the_roadmap(self) -> bool {
        matches!(
            self,
            Rule::MissingVision
                | Rule::StaleReview
                | Rule::NeverReviewed
                | Rule::NoMentor
                | Rule::NoAssessment
                | Rule::Overcommitted
                | Rule::TooManyPriorities
        )
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.code() == code)
    }

    /// Where the rule's page lives; diagnostics link here.
    pub fn docs_url(self) -> String {
        format!("{}#{}", DOCS_URL, self.code())
    }
}

/// The rules page, in the repository this crate is published from.
pub const DOCS_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &rule in Rule::ALL {
            let code = rule.code();
            assert!(seen.insert(code), "{code} listed twice");
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert_eq!(Rule::from_code(code), Some(rule));
        }
        assert_eq!(Rule::ALL.len(), 36);
    }
}
