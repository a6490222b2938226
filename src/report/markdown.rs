//! The report as Markdown: a summary and a goals table, and a Mermaid
//! `gantt` block, which GitHub and GitLab render as a timeline, so a
//! roadmap's README can show it without an image.

use std::fmt::Write as _;

use super::{Due, Overview, status_word};
use crate::escape::{markdown as md, mermaid, truncate};
use crate::ide::progress::{SMART_LETTERS, days_word, percent};
use crate::model::Status;

pub fn render(overview: &Overview) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(overview.heading()));
    if let Some(vision) = &overview.vision {
        let _ = writeln!(out, "> {}\n", md(vision));
    }
    let mut facts = Vec::new();
    if let Some(owner) = &overview.owner {
        facts.push(format!("**Owner:** {}", md(owner)));
    }
    if let Some(horizon) = overview.horizon {
        let days = (horizon - overview.today).num_days();
        let left = if days >= 0 {
            format!("{} left", days_word(days))
        } else {
            format!("passed {} ago", days_word(-days))
        };
        facts.push(format!("**Horizon:** {horizon} ({left})"));
    }
    if let Some(progress) = overview.overall_progress() {
        facts.push(format!("**Overall progress:** {}%", percent(progress)));
    }
    facts.push(format!(
        "**Goals done:** {} of {}",
        overview.goals_with_status(Status::Done),
        overview.counted_goals().count()
    ));
    facts.push(format!(
        "**Actions done:** {} of {}",
        overview.actions_done, overview.actions_total
    ));
    facts.push(format!("**As of:** {}", overview.today));
    let _ = writeln!(out, "{}\n", facts.join(" · "));

    if !overview.goals.is_empty() {
        out.push_str("| Goal | Status | Deadline | Progress | SMART |\n|---|---|---|---|---|\n");
        for goal in &overview.goals {
            let deadline = match goal.deadline {
                None => "none".to_string(),
                Some(d) if goal.is_closed() => d.to_string(),
                Some(d) => format!("{d} ({})", Due::of(d, overview.today).words()),
            };
            let progress = goal
                .progress
                .map_or("—".to_string(), |p| format!("{}%", percent(p)));
            let smart = if goal.status == Some(Status::Dropped) {
                "not judged".to_string()
            } else if goal.failing.is_empty() {
                "✓ all five".to_string()
            } else {
                let failing: Vec<String> = SMART_LETTERS
                    .iter()
                    .filter(|(l, _)| goal.failing.contains(l))
                    .map(|(l, w)| format!("✗ {l} ({w})"))
                    .collect();
                failing.join(", ")
            };
            let _ = writeln!(
                out,
                "| {} | {} | {deadline} | {progress} | {smart} |",
                md(goal.name()),
                status_word(goal.status)
            );
        }
        out.push('\n');
    }

    gantt(&mut out, overview);

    let gaps: Vec<String> = overview
        .skills
        .iter()
        .filter_map(|skill| {
            let gap = skill.gap().filter(|g| *g > 0)?;
            let by = if skill.closed_by.is_empty() {
                "addressed by no goal".to_string()
            } else {
                let goals: Vec<String> = skill.closed_by.iter().map(|g| md(g)).collect();
                format!("closed by {}", goals.join("; "))
            };
            Some(format!("- {}: gap {gap}, {by}", md(skill.label())))
        })
        .collect();
    if !gaps.is_empty() {
        let _ = writeln!(out, "## Skill gaps\n\n{}\n", gaps.join("\n"));
    }

    let errors = overview.problems.len();
    if errors > 0 {
        let _ = writeln!(out, "## Problems\n");
        for problem in &overview.problems {
            let _ = writeln!(
                out,
                "- `{}:{}` {} [`{}`]({}): {}",
                md(&overview.file).replace('`', "'"),
                problem.line,
                problem.severity,
                problem.code,
                problem.url,
                md(&problem.message)
            );
        }
        out.push('\n');
    }
    out
}

/// The Mermaid timeline: a section per goal with its bar (tagged `done`,
/// `active` or `crit` for blocked and overdue) and its actions as
/// milestones. Mermaid marks the reader's today, not the report's, so the
/// report's day is a milestone of its own.
fn gantt(out: &mut String, overview: &Overview) {
    let goals: Vec<_> = overview
        .goals
        .iter()
        .filter(|g| g.status != Some(Status::Dropped))
        .filter(|g| g.bar_start().is_some() && g.bar_end().is_some())
        .collect();
    if goals.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "```mermaid\ngantt\n    title {}\n    dateFormat YYYY-MM-DD\n    axisFormat %b %Y\n    todayMarker off",
        mermaid(&truncate(overview.heading(), 60))
    );
    let _ = writeln!(
        out,
        "    section As of\n    {} : milestone, today, {}, 0d",
        overview.today, overview.today
    );
    for (n, goal) in goals.iter().enumerate() {
        let (Some(start), Some(end)) = (goal.bar_start(), goal.bar_end()) else {
            continue;
        };
        let mut tags = Vec::new();
        match goal.status {
            Some(Status::Done) => tags.push("done"),
            Some(Status::InProgress) => tags.push("active"),
            _ => {}
        }
        if goal.overdue || goal.status == Some(Status::Blocked) {
            tags.push("crit");
        }
        tags.push("");
        let label = match goal.progress {
            Some(p) => format!("{} {}%", status_word(goal.status), percent(p)),
            None => status_word(goal.status).to_string(),
        };
        let _ = writeln!(
            out,
            "    section {}\n    {} : {}g{}, {start}, {}",
            mermaid(&truncate(goal.name(), 40)),
            mermaid(&label),
            tags.join(", "),
            n + 1,
            end.max(start)
        );
        for action in &goal.actions {
            let (Some(due), Some(status)) = (action.due, action.status) else {
                continue;
            };
            if status == Status::Dropped {
                continue;
            }
            let tag = if status == Status::Done {
                "done, "
            } else if action.overdue {
                "crit, "
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "    {} : milestone, {tag}{due}, 0d",
                mermaid(&truncate(action.task.as_deref().unwrap_or("action"), 40))
            );
        }
    }
    out.push_str("```\n\n");
}
