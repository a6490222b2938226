//! The agenda across roadmaps, like org-agenda: what is overdue, what is
//! due in the next 7 and 30 days, which roadmaps and goals need a review,
//! and which mentors to meet — each item with its `file:line`.
//!
//! Both `roadmap-lsp agenda` and the server's `roadmap.agenda` command
//! build it here from the same [`Analysis`] the checks use, so the agenda
//! calls overdue exactly what `overdue` flags.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::analysis::Analysis;
use crate::line_index::LineIndex;
use crate::model::{Goal, Quadrant, ReviewState, Status, filled, review_state};
use crate::progress::days_word;

/// What an agenda with no item says.
const NOTHING_DUE: &str =
    "Nothing overdue, nothing due in the next 30 days, no review or meeting due.";

/// Reviews and meetings this close are listed before they are late.
const SOON_DAYS: u64 = 7;
const LATER_DAYS: u64 = 30;

/// The agenda's sections, in the order they are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    Overdue,
    #[serde(rename = "next-7-days")]
    Next7Days,
    #[serde(rename = "next-30-days")]
    Next30Days,
    /// Beyond 30 days, within a wider window asked for (`--within`).
    Later,
    NeedsReview,
    MeetMentors,
}

impl Group {
    pub const ALL: [Group; 6] = [
        Group::Overdue,
        Group::Next7Days,
        Group::Next30Days,
        Group::Later,
        Group::NeedsReview,
        Group::MeetMentors,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::Overdue => "Overdue",
            Group::Next7Days => "Due in the next 7 days",
            Group::Next30Days => "Due in the next 30 days",
            Group::Later => "Due later",
            Group::NeedsReview => "Needs a review",
            Group::MeetMentors => "Mentors to meet",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Goal,
    Action,
    Review,
    Person,
}

/// One line of the agenda.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub group: Group,
    pub kind: Kind,
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// When it is (or was) due; `None` for a roadmap never reviewed.
    pub date: Option<NaiveDate>,
    /// What to do or look at.
    pub title: String,
    /// The goal an action belongs to, a goal's status, a person's role.
    pub context: Option<String>,
    /// Who does it: an action's owner, a goal's owner.
    pub owner: Option<String>,
    /// Everyone it belongs to, for `--owner`: the action's owner, its
    /// goal's owner, else the roadmap's owner.
    pub owners: Vec<String>,
    /// A goal's or an action's status.
    pub status: Option<Status>,
    /// The goal's Eisenhower quadrant; `None` for reviews, meetings and
    /// goals that set neither `urgent` nor `important`.
    pub quadrant: Option<Quadrant>,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Goal => "goal",
            Kind::Action => "action",
            Kind::Review => "review",
            Kind::Person => "person",
        }
    }
}

impl Item {
    /// Its place in a section: by quadrant (reviews, meetings and goals
    /// that set neither `urgent` nor `important` rank with the important,
    /// not urgent), then date.
    fn rank(&self) -> Quadrant {
        self.quadrant.unwrap_or(Quadrant::Schedule)
    }
}

/// What `agenda --owner/--within/--status` keep.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Items of this owner (any of [`Item::owners`]), case and blanks
    /// aside.
    pub owner: Option<String>,
    /// Items due within this many days (overdue ones included).
    pub within: Option<u64>,
    /// Items of goals or actions with one of these statuses.
    pub statuses: Vec<Status>,
}

impl Filter {
    pub fn keeps(&self, item: &Item, today: NaiveDate) -> bool {
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        if let Some(owner) = &self.owner
            && !item.owners.iter().any(|o| same(o, owner))
        {
            return false;
        }
        if let Some(days) = self.within
            && let Some(date) = item.date
            && today
                .checked_add_days(Days::new(days))
                .is_some_and(|end| date > end)
        {
            return false;
        }
        if !self.statuses.is_empty() && !item.status.is_some_and(|s| self.statuses.contains(&s)) {
            return false;
        }
        true
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// A roadmap to take the agenda of.
pub struct Source<'a> {
    /// As the agenda names it (a path as the user typed it, or a URI).
    pub file: &'a str,
    pub text: &'a str,
    pub analysis: &'a Analysis,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Agenda {
    pub today: NaiveDate,
    /// How many roadmaps were read.
    pub files: usize,
    /// Sorted by group, then date, then file and line.
    pub items: Vec<Item>,
}

impl Agenda {
    pub fn new<'a>(today: NaiveDate, sources: impl IntoIterator<Item = Source<'a>>) -> Agenda {
        Agenda::filtered(today, sources, &Filter::default())
    }

    /// The agenda of what `filter` keeps; a `within` beyond 30 days also
    /// lists what is due that far ahead ([`Group::Later`]).
    pub fn filtered<'a>(
        today: NaiveDate,
        sources: impl IntoIterator<Item = Source<'a>>,
        filter: &Filter,
    ) -> Agenda {
        let mut items = Vec::new();
        let mut files = 0;
        let window = filter.within.unwrap_or(LATER_DAYS).max(LATER_DAYS);
        for source in sources {
            files += 1;
            collect(today, window, &source, &mut items);
        }
        items.retain(|item| filter.keeps(item, today));
        items.sort_by(|a, b| {
            (a.group, a.rank(), a.date, &a.file, a.line).cmp(&(
                b.group,
                b.rank(),
                b.date,
                &b.file,
                b.line,
            ))
        });
        Agenda {
            today,
            files,
            items,
        }
    }

    pub fn group(&self, group: Group) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |item| item.group == group)
    }

    /// "8 days overdue", "due today", "in 3 days", or "never reviewed".
    pub fn when(&self, item: &Item) -> String {
        let Some(date) = item.date else {
            return "never reviewed".to_string();
        };
        match (date - self.today).num_days() {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            days if days > 1 => format!("in {}", days_word(days)),
            days => format!("{} overdue", days_word(-days)),
        }
    }

    /// "1 roadmap", "3 roadmaps": how many files were read.
    fn roadmaps(&self) -> String {
        match self.files {
            1 => "1 roadmap".to_string(),
            files => format!("{files} roadmaps"),
        }
    }

    /// Plain text for a terminal: a heading per group, then aligned
    /// `file:line  date  when  what` lines.
    pub fn human(&self) -> String {
        let mut out = format!("Agenda for {} ({})\n", self.today, self.roadmaps());
        if self.items.is_empty() {
            let _ = writeln!(out, "\n{NOTHING_DUE}");
            return out;
        }
        let location = |item: &Item| format!("{}:{}", terminal(&item.file), item.line);
        let width = self
            .items
            .iter()
            .map(|i| location(i).len())
            .max()
            .unwrap_or(0);
        let when_width = self
            .items
            .iter()
            .map(|i| self.when(i).len())
            .max()
            .unwrap_or(0);
        for group in Group::ALL {
            let items: Vec<&Item> = self.group(group).collect();
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{} ({})", group.title(), items.len());
            for item in items {
                let date = item
                    .date
                    .map_or("          ".to_string(), |d| d.to_string());
                let context = item
                    .context
                    .as_ref()
                    .map(|c| format!(" ({})", terminal(c)))
                    .unwrap_or_default();
                let owner = item
                    .owner
                    .as_ref()
                    .map(|o| format!(" [owner: {}]", terminal(&one_line(o))))
                    .unwrap_or_default();
                let quadrant = item
                    .quadrant
                    .map(|q| format!("[{}] ", q.as_str()))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  {:width$}  {date}  {:when_width$}  {quadrant}{}{context}{owner}",
                    location(item),
                    self.when(item),
                    terminal(&one_line(&item.title)),
                );
            }
        }
        out
    }

    /// Markdown, for a README, a CI job summary or the editor: a section
    /// per group, each item a list line. `link` turns an item into a link
    /// target for its `file:line` (`None`: plain text).
    pub fn markdown(&self, link: &dyn Fn(&Item) -> Option<String>) -> String {
        let mut out = format!("# Agenda for {}\n\n{} read.", self.today, self.roadmaps());
        if self.items.is_empty() {
            let _ = writeln!(out, " {NOTHING_DUE}");
            return out;
        }
        out.push('\n');
        for group in Group::ALL {
            let items: Vec<&Item> = self.group(group).collect();
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n## {} ({})\n", group.title(), items.len());
            for item in items {
                let place = format!("{}:{}", item.file, item.line);
                let place = match link(item) {
                    Some(target) => format!(
                        "[{}](<{}>)",
                        md(&place),
                        crate::escape::link_destination(&target)
                    ),
                    None => format!("`{}`", terminal(&place).replace('`', "'")),
                };
                let date = item.date.map(|d| format!("**{d}** ")).unwrap_or_default();
                let context = item
                    .context
                    .as_ref()
                    .map(|c| format!(" — {}", md(c)))
                    .unwrap_or_default();
                let owner = item
                    .owner
                    .as_ref()
                    .map(|o| format!(" · owner: {}", md(&one_line(o))))
                    .unwrap_or_default();
                let quadrant = item
                    .quadrant
                    .map(|q| format!("*{}* · ", q.as_str()))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- {date}{} · {quadrant}{}{context}{owner} · {place}",
                    self.when(item),
                    md(&one_line(&item.title)),
                );
            }
        }
        out
    }

    pub fn json(&self) -> serde_json::Value {
        let groups: Vec<serde_json::Value> = Group::ALL
            .iter()
            .map(|&group| {
                let items: Vec<serde_json::Value> = self
                    .group(group)
                    .map(|item| {
                        serde_json::json!({
                            "kind": item.kind,
                            "file": item.file,
                            "line": item.line,
                            "date": item.date.map(|d| d.to_string()),
                            "when": self.when(item),
                            "title": item.title,
                            "context": item.context,
                            "owner": item.owner,
                            "status": item.status.map(Status::as_str),
                            "quadrant": item.quadrant.map(Quadrant::as_str),
                        })
                    })
                    .collect();
                serde_json::json!({ "group": group, "title": group.title(), "items": items })
            })
            .collect();
        serde_json::json!({ "today": self.today.to_string(), "files": self.files, "groups": groups })
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text a terminal shows and does not act on.
fn terminal(text: &str) -> std::borrow::Cow<'_, str> {
    crate::escape::terminal(text)
}

/// Markdown-inert text, as in the report.
fn md(text: &str) -> String {
    crate::escape::markdown(text)
}

fn collect(today: NaiveDate, window: u64, source: &Source, items: &mut Vec<Item>) {
    let index = LineIndex::new(source.text);
    let line = |offset: usize| index.line_col(source.text, offset).line;
    let soon = today
        .checked_add_days(Days::new(SOON_DAYS))
        .unwrap_or(today);
    let later = today
        .checked_add_days(Days::new(LATER_DAYS))
        .unwrap_or(today);
    let by_date = |date: NaiveDate| {
        if date < today {
            Some(Group::Overdue)
        } else if date <= soon {
            Some(Group::Next7Days)
        } else if date <= later {
            Some(Group::Next30Days)
        } else if today
            .checked_add_days(Days::new(window))
            .is_some_and(|end| date <= end)
        {
            Some(Group::Later)
        } else {
            None
        }
    };
    let roadmap_owner = source
        .analysis
        .roadmap
        .meta
        .as_ref()
        .and_then(|m| m.owner.as_ref())
        .map(|o| o.value.trim().to_string())
        .filter(|o| !o.is_empty());
    let text_of = |field: &Option<crate::model::Field<compact_str::CompactString>>| {
        field
            .as_ref()
            .map(|f| f.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let item = |group, kind, offset, date, title: String, context| Item {
        group,
        kind,
        file: source.file.to_string(),
        line: line(offset),
        date,
        title,
        context,
        owner: None,
        owners: roadmap_owner.iter().cloned().collect(),
        status: None,
        quadrant: None,
    };
    let roadmap = &source.analysis.roadmap;
    for goal in roadmap.goals.iter().filter(|g| !g.is_dropped()) {
        let name = goal_name(goal);
        let goal_owner = text_of(&goal.owner);
        let goal_owners: Vec<String> = goal_owner.iter().chain(&roadmap_owner).cloned().collect();
        // A goal's items carry its owner, status and quadrant.
        let of_goal = |mut item: Item, status: Option<Status>| {
            item.owner = goal_owner.clone();
            item.owners = goal_owners.clone();
            item.status = status;
            item.quadrant = goal.quadrant();
            item
        };
        if !goal.is_closed()
            && let Some(deadline) = &goal.deadline
            && let Some(group) = by_date(deadline.value)
        {
            items.push(of_goal(
                item(
                    group,
                    Kind::Goal,
                    deadline.span.start(),
                    Some(deadline.value),
                    format!("goal: {name}"),
                    Some(
                        goal.status()
                            .map_or("unknown status", Status::as_str)
                            .to_string(),
                    ),
                ),
                goal.status(),
            ));
        }
        if goal.status() == Some(Status::Blocked) {
            items.push(of_goal(
                item(
                    Group::NeedsReview,
                    Kind::Goal,
                    goal.status
                        .as_ref()
                        .map_or(goal.header.start(), |s| s.span.start()),
                    goal.deadline.as_ref().map(|d| d.value),
                    format!("blocked goal: {name}"),
                    Some("unblock it, change the plan, or drop it".to_string()),
                ),
                goal.status(),
            ));
        }
        for action in goal.actions.iter().filter(|a| !a.is_closed()) {
            // A recurring action is due one `every` after it was last done.
            let Some(due) = action.next_due() else {
                continue;
            };
            let Some(group) = by_date(due.value) else {
                continue;
            };
            let task = action
                .task
                .as_ref()
                .filter(|_| filled(&action.task))
                .map_or("(no task)".to_string(), |t| t.value.to_string());
            let context = match &action.every {
                Some(every) => format!("every {}, action of {name}", every.value),
                None => format!("action of {name}"),
            };
            let mut entry = of_goal(
                item(
                    group,
                    Kind::Action,
                    due.span.start(),
                    Some(due.value),
                    task,
                    Some(context),
                ),
                action.status(),
            );
            let action_owner = text_of(&action.owner);
            entry.owners.extend(action_owner.iter().cloned());
            entry.owner = action_owner;
            items.push(entry);
        }
    }
    review(today, soon, source, roadmap, items, &line);
    for person in &roadmap.people {
        let (Some(every), Some(last_met)) = (&person.meet_every, &person.last_met) else {
            continue;
        };
        let Some(next) = every.value.after(last_met.value) else {
            continue;
        };
        if next <= soon {
            let name = person
                .name
                .as_ref()
                .filter(|_| filled(&person.name))
                .map_or("(unnamed)".to_string(), |n| n.value.to_string());
            let role = person.role.as_ref().map(|r| r.value.as_str());
            items.push(Item {
                group: Group::MeetMentors,
                kind: Kind::Person,
                file: source.file.to_string(),
                line: line(last_met.span.start()),
                date: Some(next),
                title: format!("meet {name}"),
                context: Some(format!(
                    "{}every {}, last met {}",
                    role.map(|r| format!("{r}, ")).unwrap_or_default(),
                    every.value,
                    last_met.value
                )),
                owner: None,
                owners: roadmap_owner.iter().cloned().collect(),
                status: None,
                quadrant: None,
            });
        }
    }
}

/// The roadmap's review, when it is late, due within a week, or was never
/// recorded although the roadmap has goals.
fn review(
    today: NaiveDate,
    soon: NaiveDate,
    source: &Source,
    roadmap: &crate::model::Roadmap,
    items: &mut Vec<Item>,
    line: &dyn Fn(usize) -> usize,
) {
    let meta = roadmap.meta.as_ref();
    let title = match meta
        .and_then(|m| m.title.as_ref())
        .filter(|_| meta.is_some_and(|m| filled(&m.title)))
    {
        Some(title) => format!("review the roadmap \"{}\"", title.value),
        None => "review the roadmap".to_string(),
    };
    // The same reading as stale-review and never-reviewed: "never
    // reviewed" here exactly when the check reports it.
    let (offset, date, context) = match review_state(roadmap) {
        ReviewState::Reviewed {
            last,
            every,
            next: Some(next),
        } if next <= soon => (
            last.span.start(),
            Some(next),
            format!("every {every}, last {}", last.value),
        ),
        ReviewState::Never {
            since,
            every,
            first: Some(first),
        } if first <= soon => (
            meta.map_or(0, |m| m.header.start()),
            // Overdue: never reviewed; else the first review, coming up.
            (first >= today).then_some(first),
            format!(
                "every {every} since work started on {}; record it with `last_review = {today}`",
                since.value
            ),
        ),
        _ => return,
    };
    items.push(Item {
        group: Group::NeedsReview,
        kind: Kind::Review,
        file: source.file.to_string(),
        line: line(offset),
        date,
        title,
        context: Some(context),
        owner: None,
        owners: meta
            .and_then(|m| m.owner.as_ref())
            .map(|o| o.value.trim().to_string())
            .filter(|o| !o.is_empty())
            .into_iter()
            .collect(),
        status: None,
        quadrant: None,
    });
}

fn goal_name(goal: &Goal) -> String {
    match (&goal.id, &goal.title) {
        (_, Some(title)) if !title.value.trim().is_empty() => title.value.to_string(),
        (Some(id), _) => id.value.to_string(),
        _ => "(untitled goal)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Settings;

    fn day(text: &str) -> NaiveDate {
        crate::dates::parse_date(text).expect("a date")
    }

    const TEXT: &str = r#"[roadmap]
title = "Plan"
vision = "Lead the platform team by 2028"
review_every = "1 month"
last_review = 2026-10-20

[[goals]]
id = "late"
title = "Ship the billing migration to Kubernetes"
deadline = 2026-11-01
status = "in-progress"

[[goals.actions]]
task = "Write the runbook"
due = 2026-11-25

[[goals.actions]]
task = "Done already"
due = 2026-11-02
status = "done"

[[goals]]
id = "stuck"
title = "Get the AWS Solutions Architect certificate"
deadline = 2027-01-10
status = "blocked"

[[goals.actions]]
task = "Book the exam"
due = 2026-12-20

[[goals]]
id = "gone"
title = "Dropped goal with an old deadline"
deadline = 2026-01-01
status = "dropped"

[[people]]
name = "Jordan"
role = "mentor"
meet_every = "2 weeks"
last_met = 2026-11-10
"#;

    #[test]
    fn items_land_in_their_group_sorted_by_date() {
        let today = day("2026-11-23");
        let analysis = analyze(TEXT, today, &Settings::default());
        let agenda = Agenda::new(
            today,
            [Source {
                file: "a.roadmap.toml",
                text: TEXT,
                analysis: &analysis,
            }],
        );
        let lines: Vec<String> = agenda
            .items
            .iter()
            .map(|i| {
                format!(
                    "{:?} {}:{} {:?} {}",
                    i.group, i.file, i.line, i.date, i.title
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                "Overdue a.roadmap.toml:10 Some(2026-11-01) goal: Ship the billing migration to Kubernetes",
                "Next7Days a.roadmap.toml:15 Some(2026-11-25) Write the runbook",
                "Next30Days a.roadmap.toml:30 Some(2026-12-20) Book the exam",
                "NeedsReview a.roadmap.toml:5 Some(2026-11-20) review the roadmap \"Plan\"",
                "NeedsReview a.roadmap.toml:26 Some(2027-01-10) blocked goal: Get the AWS Solutions Architect certificate",
                "MeetMentors a.roadmap.toml:42 Some(2026-11-24) meet Jordan",
            ]
        );
        assert_eq!(agenda.when(&agenda.items[0]), "22 days overdue");
        assert_eq!(agenda.when(&agenda.items[5]), "tomorrow");
    }
}
