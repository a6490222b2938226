//! A goal's SMART letters, judged once: the hover's checklist, the code
//! lens, the outline and the report all call [`verdict`], so a letter
//! cannot be red in one and green in another.
//!
//! Each letter fails when a rule mapped to it ([`Rule::letter`]) fires on
//! the goal, as the editor shows it (levels and allow comments applied):
//! on the goal itself, or, for `overcommitted` and `dependency-cycle`, on
//! every goal the diagnostic names. A letter is unknown when a value it
//! needs is written but unreadable: a deadline that is not a date leaves
//! T unknown, not passed. A goal with an error in it is not scored, so it
//! never shows 5/5. Being overdue is not a letter: it is the schedule,
//! shown beside them.

use crate::analysis::Analysis;
use crate::diagnostic::Diagnostic;
use crate::model::{Goal, Unread};
use crate::rules::{Letter, Rule, Severity};
use crate::span::Span;

/// How one letter stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    Pass,
    /// The rules that fail it on this goal, with their messages.
    Fail(Vec<(Rule, String)>),
    /// A value it needs cannot be read: the keys.
    Unknown(Vec<&'static str>),
}

impl Mark {
    /// ✓, ✗ or ?.
    pub fn symbol(&self) -> char {
        match self {
            Mark::Pass => '✓',
            Mark::Fail(_) => '✗',
            Mark::Unknown(_) => '?',
        }
    }

    /// Why, in one line: the failing rules' messages, or the unreadable
    /// keys; empty for a pass.
    pub fn reason(&self) -> String {
        match self {
            Mark::Pass => String::new(),
            Mark::Fail(found) => found
                .iter()
                .map(|(_, message)| message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            Mark::Unknown(keys) => unreadable(keys),
        }
    }
}

/// "`deadline` is written but cannot be read, so this is not judged".
fn unreadable(keys: &[&str]) -> String {
    let names: Vec<String> = keys.iter().map(|key| format!("`{key}`")).collect();
    match names.as_slice() {
        [] => "a line of this goal cannot be read, so this is not judged".to_string(),
        [one] => format!("{one} is written but cannot be read, so this is not judged"),
        many => format!(
            "{} are written but cannot be read, so this is not judged",
            many.join(", ")
        ),
    }
}

/// The goal's schedule, beside the letters: how late it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    /// The goal's own deadline has passed (the `overdue` message).
    pub goal_overdue: Option<String>,
    /// Open actions past their due date.
    pub actions_overdue: usize,
}

impl Schedule {
    pub fn is_late(&self) -> bool {
        self.goal_overdue.is_some() || self.actions_overdue > 0
    }

    /// "overdue", "1 action overdue", "overdue, 2 actions overdue".
    pub fn words(&self) -> Option<String> {
        let actions = match self.actions_overdue {
            0 => None,
            1 => Some("1 action overdue".to_string()),
            n => Some(format!("{n} actions overdue")),
        };
        match (&self.goal_overdue, actions) {
            (None, None) => None,
            (Some(_), None) => Some("overdue".to_string()),
            (None, Some(actions)) => Some(actions),
            (Some(_), Some(actions)) => Some(format!("overdue, {actions}")),
        }
    }
}

/// Everything the SMART displays show about one goal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Dropped goals are kept for the record and not judged.
    pub judged: bool,
    /// S, M, A, R, T in order.
    pub letters: Vec<(Letter, Mark)>,
    /// The codes of the errors in the goal (a goal with any is not scored).
    pub errors: Vec<Rule>,
    pub schedule: Schedule,
    /// The other codes flagged in the goal: neither letters nor overdue.
    pub others: Vec<Rule>,
}

impl Verdict {
    /// Letters passed out of five; `None` when the goal is not judged or
    /// holds an error.
    pub fn score(&self) -> Option<usize> {
        (self.judged && self.errors.is_empty()).then(|| {
            self.letters
                .iter()
                .filter(|(_, mark)| *mark == Mark::Pass)
                .count()
        })
    }

    pub fn mark(&self, letter: Letter) -> Option<&Mark> {
        self.letters
            .iter()
            .find(|(l, _)| *l == letter)
            .map(|(_, mark)| mark)
    }

    /// "SMART 5/5", "SMART 3/5 ✗M ?T", "SMART not scored: 1 error".
    pub fn short(&self) -> String {
        if !self.judged {
            return "not judged".to_string();
        }
        let flagged: Vec<String> = self
            .letters
            .iter()
            .filter(|(_, mark)| *mark != Mark::Pass)
            .map(|(letter, mark)| format!("{}{}", mark.symbol(), letter.as_char()))
            .collect();
        let head = match self.score() {
            Some(score) => format!("SMART {score}/5"),
            None => format!("SMART not scored: {}", self.errors_words()),
        };
        if flagged.is_empty() {
            head
        } else {
            format!("{head} {}", flagged.join(" "))
        }
    }

    /// "1 error", "2 errors".
    pub fn errors_words(&self) -> String {
        match self.errors.len() {
            1 => "1 error".to_string(),
            n => format!("{n} errors"),
        }
    }
}

/// The keys each letter's rules read, for a letter left unknown when one
/// of them cannot be read.
fn letter_keys(letter: Letter) -> &'static [&'static str] {
    match letter {
        Letter::S => &["title"],
        Letter::M => &["metric", "title", "status"],
        Letter::A => &["start", "deadline", "depends_on", "status"],
        Letter::R => &["why", "skills"],
        Letter::T => &["deadline"],
    }
}

const METRIC_KEYS: [&str; 5] = ["target", "baseline", "current", "unit", "measure"];

/// Which goal each diagnostic belongs to: the goal whose table (metric
/// and actions included) holds it, or, where the rule fails every goal
/// it names, each goal its related information points into. Findings
/// about the whole roadmap belong to none. One pass, by binary search over
/// the goals' extents, so a verdict for every goal costs no more than one.
struct Owners {
    extents: Vec<Span>,
}

impl Owners {
    fn new(analysis: &Analysis) -> Owners {
        let extents = analysis
            .roadmap
            .goals
            .iter()
            .map(|goal| {
                analysis
                    .tree
                    .table_extent(goal.header.start())
                    .unwrap_or(goal.header)
            })
            .collect();
        Owners { extents }
    }

    /// The goal whose extent holds `span`'s start.
    fn goal_at(&self, span: Span) -> Option<usize> {
        let index = self
            .extents
            .partition_point(|extent| extent.start() <= span.start())
            .checked_sub(1)?;
        let extent = self.extents[index];
        (span.start() < extent.end()).then_some(index)
    }

    /// The goals `diagnostic` belongs to, without repeats.
    fn of(&self, diagnostic: &Diagnostic) -> Vec<usize> {
        let mut goals: Vec<usize> = if diagnostic.rule.names_goals_in_related() {
            diagnostic
                .related
                .iter()
                .filter_map(|related| self.goal_at(related.span))
                .collect()
        } else if diagnostic.rule.is_about_the_roadmap() {
            Vec::new()
        } else {
            self.goal_at(diagnostic.span).into_iter().collect()
        };
        goals.sort_unstable();
        goals.dedup();
        goals
    }
}

/// The diagnostics that belong to `goal` (see [`Owners`]).
pub fn goal_diagnostics<'a>(analysis: &'a Analysis, goal: &Goal) -> Vec<&'a Diagnostic> {
    let Some(index) = analysis
        .roadmap
        .goals
        .iter()
        .position(|g| std::ptr::eq(g, goal) || g.header == goal.header)
    else {
        return Vec::new();
    };
    let owners = Owners::new(analysis);
    analysis
        .diagnostics
        .iter()
        .filter(|d| owners.of(d).contains(&index))
        .collect()
}

/// The SMART verdict on `goal`, from the diagnostics `analysis` holds.
pub fn verdict(analysis: &Analysis, goal: &Goal) -> Verdict {
    judge(goal, &goal_diagnostics(analysis, goal))
}

/// The verdict on every goal, in order: what the outline, the lenses and
/// the report show.
pub fn verdicts(analysis: &Analysis) -> Vec<Verdict> {
    let owners = Owners::new(analysis);
    let goals = &analysis.roadmap.goals;
    let mut found: Vec<Vec<&Diagnostic>> = vec![Vec::new(); goals.len()];
    for diagnostic in &analysis.diagnostics {
        for index in owners.of(diagnostic) {
            found[index].push(diagnostic);
        }
    }
    goals
        .iter()
        .zip(&found)
        .map(|(goal, found)| judge(goal, found))
        .collect()
}

fn judge(goal: &Goal, found: &[&Diagnostic]) -> Verdict {
    let mut errors: Vec<Rule> = Vec::new();
    let mut others: Vec<Rule> = Vec::new();
    let mut schedule = Schedule::default();
    for diagnostic in found {
        let rule = diagnostic.rule;
        if diagnostic.severity == Severity::Error && !errors.contains(&rule) {
            errors.push(rule);
        }
        if rule == Rule::Overdue {
            let on_deadline = goal
                .deadline
                .as_ref()
                .is_some_and(|d| d.span == diagnostic.span);
            if on_deadline {
                schedule.goal_overdue = Some(diagnostic.message.to_string());
            } else {
                schedule.actions_overdue += 1;
            }
        } else if rule.letter().is_none() && !others.contains(&rule) {
            others.push(rule);
        }
    }
    let judged = !goal.is_dropped();
    let letters = Letter::ALL
        .iter()
        .map(|&letter| {
            let failing: Vec<(Rule, String)> = found
                .iter()
                .filter(|d| d.rule.letter() == Some(letter))
                .map(|d| (d.rule, d.message.replace(['\n', '\r'], " ")))
                .collect();
            let mark = if !failing.is_empty() {
                Mark::Fail(failing)
            } else {
                let unknown = unreadable_keys(goal, letter);
                let broken_metric =
                    letter == Letter::M && goal.metric.as_ref().is_some_and(|m| m.unread.any());
                if unknown.is_empty() && !goal.unread.any() && !broken_metric {
                    Mark::Pass
                } else {
                    Mark::Unknown(unknown)
                }
            };
            (letter, mark)
        })
        .collect();
    Verdict {
        judged,
        letters,
        errors,
        schedule,
        others,
    }
}

/// The keys `letter` needs that the goal holds unreadably.
fn unreadable_keys(goal: &Goal, letter: Letter) -> Vec<&'static str> {
    let held = |unread: &Unread, keys: &[&'static str]| -> Vec<&'static str> {
        keys.iter()
            .copied()
            .filter(|key| unread.keys().contains(key))
            .collect()
    };
    let mut keys = held(&goal.unread, letter_keys(letter));
    if letter == Letter::M
        && let Some(metric) = &goal.metric
    {
        keys.extend(held(&metric.unread, &METRIC_KEYS));
    }
    keys
}
