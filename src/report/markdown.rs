//! The report as Markdown: a summary and a goals table, and a Mermaid
//! `gantt` block, which GitHub and GitLab render as a timeline, so a
//! roadmap's README can show it without an image.

use std::fmt::Write as _;

use super::{Due, GoalView, Overview, PROGRESS_EXPLAINED, Quadrant, status_word};
use crate::escape::{markdown as md, markdown_with_code, mermaid, truncate};
use crate::ide::smart::Mark;
use crate::model::Status;
use crate::progress::{days_word, percent};

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
        facts.push(format!(
            "**Overall progress:** {}% (mean of {} goals)",
            percent(progress),
            overview.counted_goals().count()
        ));
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
    if overview.overall_progress().is_some() {
        let _ = writeln!(out, "Overall progress is {}.\n", md(PROGRESS_EXPLAINED));
    }

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
            let smart = smart(goal);
            let _ = writeln!(
                out,
                "| {} | {} | {deadline} | {progress} | {smart} |",
                md(goal.name()),
                status_word(goal.status)
            );
        }
        out.push('\n');
    }

    priorities(&mut out, overview);
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

    if !overview.wins.is_empty() {
        let _ = writeln!(out, "## Wins\n");
        for win in &overview.wins {
            let date = win.date.map_or("undated".to_string(), |d| d.to_string());
            let goal = win
                .goal
                .as_ref()
                .map(|goal| format!(" — {}", md(goal)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{date}** {}{goal}",
                md(win.what.as_deref().unwrap_or("(no description)"))
            );
        }
        out.push('\n');
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
                markdown_with_code(&problem.message)
            );
        }
        out.push('\n');
    }
    out
}

/// "✓ all five", "✗ M (Measurable), ? T (Time-bound)", with "not scored"
/// for a goal holding an error and the schedule beside the letters.
fn smart(goal: &GoalView) -> String {
    let verdict = &goal.smart;
    if !verdict.judged {
        return "not judged".to_string();
    }
    let flagged: Vec<String> = verdict
        .letters
        .iter()
        .filter(|(_, mark)| *mark != Mark::Pass)
        .map(|(letter, mark)| format!("{} {} ({})", mark.symbol(), letter.as_char(), letter.word()))
        .collect();
    let mut cell = match verdict.score() {
        Some(5) => "✓ all five".to_string(),
        Some(score) => format!("{score}/5: {}", flagged.join(", ")),
        None if flagged.is_empty() => format!("not scored: {}", verdict.errors_words()),
        None => format!(
            "not scored: {}; {}",
            verdict.errors_words(),
            flagged.join(", ")
        ),
    };
    if let Some(late) = verdict.schedule.words() {
        cell.push_str(&format!(" · {late}"));
    }
    cell
}

/// The Eisenhower matrix of the open goals, one list per quadrant.
fn priorities(out: &mut String, overview: &Overview) {
    let open: Vec<&GoalView> = overview
        .goals
        .iter()
        .filter(|goal| goal.quadrant.is_some())
        .collect();
    if open.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Priorities\n");
    for quadrant in Quadrant::MATRIX.into_iter().chain([Quadrant::Unplaced]) {
        let here: Vec<String> = open
            .iter()
            .filter(|goal| goal.quadrant == Some(quadrant))
            .map(|goal| md(goal.name()))
            .collect();
        if here.is_empty() && quadrant == Quadrant::Unplaced {
            continue;
        }
        let goals = if here.is_empty() {
            "none".to_string()
        } else {
            here.join("; ")
        };
        let _ = writeln!(
            out,
            "- **{}** ({}): {goals}",
            quadrant.title(),
            markdown_with_code(quadrant.keys())
        );
    }
    out.push('\n');
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
