//! `roadmap-lsp report`: the roadmap as something to look at — an HTML
//! page, the timeline alone as SVG, or Markdown with a Mermaid Gantt chart.
//!
//! [`Overview`] reads everything the pictures show out of one [`Analysis`],
//! the same one the server and `check` compute, so a report can never show
//! a goal as on track that the editor flags. The renderers only lay it out
//! and escape it; a broken file still gives an overview of what could be
//! read.

pub mod burnup;
pub mod html;
pub mod markdown;
pub mod svg;

use chrono::NaiveDate;

use crate::analysis::Analysis;
use crate::dates::Period;
use crate::ide::smart::{self, Verdict};
use crate::line_index::LineIndex;
use crate::model::{Goal, Role, SkillKind, Status, filled};
use crate::progress::{self, ActionTally};
use crate::rules::Severity;

/// Everything a report shows, already judged.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The file name, shown when the roadmap has no title.
    pub file: String,
    pub today: NaiveDate,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub vision: Option<String>,
    pub horizon: Option<NaiveDate>,
    pub goals: Vec<GoalView>,
    pub skills: Vec<SkillView>,
    pub review: ReviewView,
    pub people: Vec<PersonView>,
    /// Newest first.
    pub wins: Vec<WinView>,
    pub problems: Vec<Problem>,
    /// Actions done out of those that count (dropped ones do not).
    pub actions_done: usize,
    pub actions_total: usize,
    /// The roadmap's git history, for the progress-over-time chart.
    pub history: Option<std::sync::Arc<crate::history::History>>,
}

#[derive(Debug, Clone)]
pub struct GoalView {
    /// Unique within the report: the goal's id, else `goal-N`.
    pub key: String,
    pub id: Option<String>,
    pub title: Option<String>,
    /// `None`: a status was written that is not one of the five.
    pub status: Option<Status>,
    pub start: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    /// 0..=1: done is all of it; else the metric, else the actions.
    pub progress: Option<f64>,
    pub actions: Vec<ActionView>,
    pub overdue: bool,
    /// Its SMART letters, as the hover and the outline show them.
    pub smart: Verdict,
    /// Where an open goal sits in the Eisenhower matrix.
    pub quadrant: Option<Quadrant>,
    pub line: usize,
    /// The report's day, where an open goal with no start date begins.
    pub today: NaiveDate,
}

impl GoalView {
    /// The title, else the id, else a placeholder: never empty.
    pub fn name(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .or(self.id.as_deref())
            .unwrap_or("(untitled goal)")
    }

    pub fn is_closed(&self) -> bool {
        self.status.is_some_and(Status::is_closed)
    }

    /// Where its bar starts: the start date, else its first action, else
    /// (still open) today, else its deadline: a goal drawn as a point is
    /// still drawn.
    pub fn bar_start(&self) -> Option<NaiveDate> {
        self.start
            .or_else(|| self.actions.iter().filter_map(|a| a.due).min())
            .or_else(|| (!self.is_closed()).then_some(self.today))
            .or(self.deadline)
            .map(|start| match self.deadline {
                Some(deadline) if deadline < start => deadline,
                _ => start,
            })
            .filter(|_| self.deadline.is_some() || self.start.is_some() || !self.actions.is_empty())
    }

    /// Where its bar ends: the deadline, else its last action.
    pub fn bar_end(&self) -> Option<NaiveDate> {
        self.deadline
            .or_else(|| self.actions.iter().filter_map(|a| a.due).max())
            .or(self.start)
    }
}

/// The Eisenhower matrix, from `urgent` and `important`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quadrant {
    /// Urgent and important.
    DoFirst,
    /// Important, not urgent.
    Schedule,
    /// Urgent, not important.
    Delegate,
    /// Neither.
    Later,
    /// Neither key written: not placed yet.
    Unplaced,
}

impl Quadrant {
    pub const MATRIX: [Quadrant; 4] = [
        Quadrant::DoFirst,
        Quadrant::Schedule,
        Quadrant::Delegate,
        Quadrant::Later,
    ];

    /// Where `goal` sits ([`Goal::quadrant`]); `None` for a closed goal or
    /// an unreadable status (nothing to prioritise).
    pub fn of(goal: &Goal) -> Option<Quadrant> {
        use crate::model::Quadrant as Matrix;
        if !goal.is_open() {
            return None;
        }
        Some(match goal.quadrant() {
            None => Quadrant::Unplaced,
            Some(Matrix::DoFirst) => Quadrant::DoFirst,
            Some(Matrix::Schedule) => Quadrant::Schedule,
            Some(Matrix::Delegate) => Quadrant::Delegate,
            Some(Matrix::Eliminate) => Quadrant::Later,
        })
    }

    pub fn title(self) -> &'static str {
        match self {
            Quadrant::DoFirst => "Do first",
            Quadrant::Schedule => "Schedule",
            Quadrant::Delegate => "Delegate",
            Quadrant::Later => "Drop or do later",
            Quadrant::Unplaced => "Not placed",
        }
    }

    /// What puts a goal here.
    pub fn keys(self) -> &'static str {
        match self {
            Quadrant::DoFirst => "urgent and important",
            Quadrant::Schedule => "important, not urgent",
            Quadrant::Delegate => "urgent, not important",
            Quadrant::Later => "neither urgent nor important",
            Quadrant::Unplaced => "no `urgent` or `important` yet",
        }
    }

    /// The class suffix of the quadrant in the HTML page.
    pub fn class(self) -> &'static str {
        match self {
            Quadrant::DoFirst => "do",
            Quadrant::Schedule => "schedule",
            Quadrant::Delegate => "delegate",
            Quadrant::Later => "later",
            Quadrant::Unplaced => "unplaced",
        }
    }
}

/// A win worth celebrating (step 10).
#[derive(Debug, Clone)]
pub struct WinView {
    pub date: Option<NaiveDate>,
    pub what: Option<String>,
    /// The name of the goal it names, when that goal exists.
    pub goal: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ActionView {
    pub task: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: Option<Status>,
    pub overdue: bool,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct SkillView {
    pub id: Option<String>,
    pub name: Option<String>,
    pub kind: Option<SkillKind>,
    pub current: Option<i64>,
    pub required: Option<i64>,
    /// Names of the goals that list this skill.
    pub closed_by: Vec<String>,
}

impl SkillView {
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .or(self.id.as_deref())
            .unwrap_or("(unnamed skill)")
    }

    pub fn gap(&self) -> Option<i64> {
        Some(self.required? - self.current?)
    }
}

/// The review rhythm.
#[derive(Debug, Clone)]
pub struct ReviewView {
    pub last: Option<NaiveDate>,
    pub every: Period,
    pub next: Option<NaiveDate>,
    pub count: usize,
}

#[derive(Debug, Clone)]
pub struct PersonView {
    pub name: Option<String>,
    pub role: Option<Role>,
    pub every: Option<Period>,
    pub last_met: Option<NaiveDate>,
    pub next: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub url: String,
}

/// How a due date stands against today, for cadence badges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    Overdue(i64),
    Today,
    In(i64),
}

impl Due {
    pub fn of(date: NaiveDate, today: NaiveDate) -> Due {
        match (date - today).num_days() {
            0 => Due::Today,
            days if days < 0 => Due::Overdue(-days),
            days => Due::In(days),
        }
    }

    pub fn words(self) -> String {
        match self {
            Due::Overdue(days) => format!("{} overdue", progress::days_word(days)),
            Due::Today => "due today".to_string(),
            Due::In(days) => format!("due in {}", progress::days_word(days)),
        }
    }
}

fn text(field: &Option<crate::model::Field<compact_str::CompactString>>) -> Option<String> {
    field
        .as_ref()
        .filter(|_| filled(field))
        .map(|f| f.value.to_string())
}

impl Overview {
    /// Reads the overview of `analysis` (of `source`, named `file`).
    pub fn new(file: &str, source: &str, analysis: &Analysis) -> Overview {
        let index = LineIndex::new(source);
        let line_of = |offset: usize| index.line_col(source, offset.min(source.len())).line;
        let today = analysis.today;
        let roadmap = &analysis.roadmap;
        let meta = roadmap.meta.as_ref();

        let mut used_keys = std::collections::HashSet::new();
        let verdicts = smart::verdicts(analysis);
        let goals: Vec<GoalView> = roadmap
            .goals
            .iter()
            .zip(verdicts)
            .enumerate()
            .map(|(n, (goal, verdict))| {
                let mut view = goal_view(analysis, goal, verdict, &line_of);
                let wanted = view.id.clone().unwrap_or_else(|| format!("goal-{}", n + 1));
                view.key = if used_keys.insert(wanted.clone()) {
                    wanted
                } else {
                    format!("{wanted}-{}", n + 1)
                };
                used_keys.insert(view.key.clone());
                view
            })
            .collect();

        let skills = roadmap
            .skills
            .iter()
            .map(|skill| {
                let id = text(&skill.id);
                let closed_by = roadmap
                    .goals
                    .iter()
                    .zip(&goals)
                    .filter(|(goal, _)| {
                        let lists = |id: &str| {
                            goal.skills
                                .as_ref()
                                .is_some_and(|l| l.value.iter().any(|s| s.value == id))
                        };
                        id.as_deref().is_some_and(lists)
                    })
                    .map(|(_, view)| view.name().to_string())
                    .collect();
                SkillView {
                    id,
                    name: text(&skill.name),
                    kind: skill.kind.as_ref().map(|k| k.value),
                    current: skill.current.as_ref().map(|f| f.value),
                    required: skill.required.as_ref().map(|f| f.value),
                    closed_by,
                }
            })
            .collect();

        let last = meta
            .and_then(|m| m.last_review.as_ref())
            .into_iter()
            .chain(roadmap.reviews.iter().filter_map(|r| r.date.as_ref()))
            .map(|f| f.value)
            .max();
        let every = crate::model::review_every(meta);
        let review = ReviewView {
            last,
            every,
            next: last.and_then(|last| every.after(last)),
            count: roadmap.reviews.len(),
        };

        let people = roadmap
            .people
            .iter()
            .map(|person| {
                let every = person.meet_every.as_ref().map(|f| f.value);
                let last_met = person.last_met.as_ref().map(|f| f.value);
                PersonView {
                    name: text(&person.name),
                    role: person.role.as_ref().map(|f| f.value),
                    every,
                    last_met,
                    next: every.zip(last_met).and_then(|(e, l)| e.after(l)),
                }
            })
            .collect();

        let mut wins: Vec<WinView> = roadmap
            .wins
            .iter()
            .map(|win| {
                let named = win.goal.as_ref().and_then(|reference| {
                    let index = roadmap.goals.iter().position(|goal| {
                        goal.id
                            .as_ref()
                            .is_some_and(|id| id.value == reference.value)
                    })?;
                    Some(goals[index].name().to_string())
                });
                WinView {
                    date: win.date.as_ref().map(|f| f.value),
                    what: text(&win.what),
                    goal: named,
                }
            })
            .collect();
        wins.sort_by_key(|win| std::cmp::Reverse(win.date));

        let problems = analysis
            .diagnostics
            .iter()
            .map(|d| {
                let at = index.line_col(source, d.span.start().min(source.len()));
                Problem {
                    line: at.line,
                    column: at.col,
                    severity: d.severity,
                    code: d.rule.code(),
                    message: d.message.to_string(),
                    url: d.rule.docs_url(),
                }
            })
            .collect();

        let tally = roadmap
            .goals
            .iter()
            .map(ActionTally::of)
            .fold((0, 0), |(done, total), t| (done + t.done, total + t.total));

        Overview {
            file: file.to_string(),
            today,
            title: meta.and_then(|m| text(&m.title)),
            owner: meta.and_then(|m| text(&m.owner)),
            vision: meta.and_then(|m| text(&m.vision)),
            horizon: meta.and_then(|m| m.horizon.as_ref()).map(|f| f.value),
            goals,
            skills,
            review,
            people,
            wins,
            problems,
            actions_done: tally.0,
            actions_total: tally.1,
            history: analysis.history.clone(),
        }
    }

    /// The heading: the roadmap's title, else the file's name.
    pub fn heading(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.file)
    }

    /// Goals that count towards progress: all but dropped ones.
    pub fn counted_goals(&self) -> impl Iterator<Item = &GoalView> {
        self.goals
            .iter()
            .filter(|g| g.status != Some(Status::Dropped))
    }

    /// The mean progress of the goals that count (a goal that says nothing
    /// counts as 0), or `None` without any. [`PROGRESS_EXPLAINED`] says so
    /// to the reader.
    pub fn overall_progress(&self) -> Option<f64> {
        let fractions: Vec<f64> = self
            .counted_goals()
            .map(|g| g.progress.unwrap_or(0.0))
            .collect();
        (!fractions.is_empty()).then(|| fractions.iter().sum::<f64>() / fractions.len() as f64)
    }

    pub fn goals_with_status(&self, status: Status) -> usize {
        self.goals
            .iter()
            .filter(|g| g.status == Some(status))
            .count()
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

fn goal_view(
    analysis: &Analysis,
    goal: &Goal,
    smart: Verdict,
    line_of: &dyn Fn(usize) -> usize,
) -> GoalView {
    let today = analysis.today;
    let status = goal.status();
    let deadline = goal.deadline.as_ref().map(|f| f.value);
    let actions = goal
        .actions
        .iter()
        .map(|action| {
            // A recurring action's next time, one period after the last.
            let due = action.next_due().map(|f| f.value);
            ActionView {
                task: text(&action.task),
                due,
                status: action.status(),
                overdue: !action.is_closed() && due.is_some_and(|d| d < today),
                line: line_of(action.header.start()),
            }
        })
        .collect();
    GoalView {
        key: String::new(),
        id: text(&goal.id),
        title: text(&goal.title),
        status,
        start: goal.start.as_ref().map(|f| f.value),
        deadline,
        progress: progress::goal_fraction(goal),
        actions,
        overdue: !goal.is_closed() && deadline.is_some_and(|d| d < today),
        smart,
        quadrant: Quadrant::of(goal),
        line: line_of(goal.header.start()),
        today,
    }
}

/// How overall progress is counted, in the reader's words.
pub const PROGRESS_EXPLAINED: &str = "the mean of the goals' progress: each goal's metric (from baseline to target) when it has one, else its actions done; a done goal counts fully unless its metric fell short; a goal with neither counts as 0; dropped goals are left out";

/// The status word, or "unknown" for one that is not one of the five.
pub fn status_word(status: Option<Status>) -> &'static str {
    status.map_or("unknown", Status::as_str)
}

pub fn role_word(role: Role) -> &'static str {
    role.as_str()
}

/// The three formats of `roadmap-lsp report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Svg,
    Markdown,
}

/// Renders `overview` in `format`.
pub fn render(overview: &Overview, format: Format) -> String {
    match format {
        Format::Html => html::render(overview),
        Format::Svg => svg::timeline(overview, svg::Standalone::Yes),
        Format::Markdown => markdown::render(overview),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Settings;

    fn goals(text: &str) -> Vec<GoalView> {
        let today = crate::dates::parse_date("2026-11-23").expect("a date");
        let analysis = analyze(text, today, &Settings::default());
        Overview::new("t.roadmap.toml", text, &analysis).goals
    }

    #[test]
    fn bars_without_a_start_begin_at_the_first_action_or_today() {
        let views = goals(
            r#"
[[goals]]
title = "Open, a deadline only"
deadline = 2027-06-30
[[goals]]
title = "Done, a deadline only"
deadline = 2026-06-30
status = "done"
[[goals]]
title = "Actions but no start"
deadline = 2027-06-30
[[goals.actions]]
task = "x"
due = 2027-01-15
[[goals]]
title = "Nothing to place"
[[goals]]
id = "dup"
[[goals]]
id = "dup"
"#,
        );
        let bars: Vec<_> = views
            .iter()
            .map(|g| g.bar_start().map(|s| s.to_string()))
            .collect();
        assert_eq!(
            bars,
            [
                Some("2026-11-23".to_string()),
                Some("2026-06-30".to_string()),
                Some("2027-01-15".to_string()),
                None,
                None,
                None
            ]
        );
        // Keys stay unique for the page's data attributes.
        assert_eq!(views[4].key, "dup");
        assert_eq!(views[5].key, "dup-6");
    }
}
