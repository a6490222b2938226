//! The cards of a goal (progress, metric, SMART checklist), of the
//! roadmap and of a skill.

use super::*;

pub(super) fn goal_by_id<'a>(analysis: &'a Analysis, id: &str) -> Option<&'a Goal> {
    analysis
        .roadmap
        .goals
        .iter()
        .find(|g| g.id.as_ref().is_some_and(|f| f.value == id))
}

pub(super) fn goal_markdown(analysis: &Analysis, goal: &Goal) -> String {
    let today = analysis.today;
    let mut out = String::from("**Goal");
    if let Some(id) = &goal.id {
        let _ = write!(out, " `{}`", id.value);
    }
    out.push_str("**");
    if let Some(title) = &goal.title {
        let _ = write!(out, ": {}", plain(&title.value));
    }
    // A status written but unreadable is not shown as the default.
    let status = goal.status().map_or("unknown status", Status::as_str);
    let _ = write!(out, "\n\n{status}");
    match &goal.deadline {
        None => out.push_str(" · no deadline"),
        Some(deadline) => {
            let days = (deadline.value - today).num_days();
            let when = format!("{} {}", deadline.value.format("%A"), deadline.value);
            let _ = match days {
                _ if goal.is_closed() => write!(out, " · deadline {when}"),
                0 => write!(out, " · **due today** ({when})"),
                d if d > 0 => write!(out, " · {} left (deadline {when})", days_word(d)),
                d => write!(out, " · **{} overdue** (deadline {when})", days_word(-d)),
            };
        }
    }
    let actions = ActionTally::of(goal);
    match actions.fraction() {
        None => out.push_str("\n\nActions: none"),
        Some(fraction) => {
            let _ = write!(
                out,
                "\n\nActions: {}/{} done {}",
                actions.done,
                actions.total,
                bar(fraction)
            );
        }
    }
    if let Some(line) = goal.metric.as_deref().and_then(metric_line) {
        let _ = write!(out, "\n\n{line}");
    }
    if let Some(line) = crate::ide::trend::pace_line(analysis, goal) {
        let _ = write!(out, "\n\n{line}");
    }
    for line in crate::ide::trend::recurring_lines(analysis, goal) {
        let _ = write!(out, "\n\n{line}");
    }
    smart_checklist(analysis, goal, &mut out);
    finish_line(analysis, goal, &mut out);
    out
}

/// Why S and M pass, in the words the checks use when they fail: the
/// title's finish line, and what measures it.
pub(super) fn finish_line(analysis: &Analysis, goal: &Goal, out: &mut String) {
    if goal.is_dropped() {
        return;
    }
    let Some(title) = &goal.title else { return };
    let reading = read_goal(&title.value, &analysis.config.vague_extra_words);
    let quoted = |span: &std::ops::Range<usize>| plain(title.value.get(span.clone()).unwrap_or(""));
    let (specific, measured) = match &reading.finish_line {
        Some(FinishLine::Quantity(span)) => (
            format!(
                "finish line: \"{}\", a quantity of the outcome",
                quoted(span)
            ),
            "the title's own number".to_string(),
        ),
        Some(FinishLine::Deliverable(span)) => (
            format!(
                "finish line: \"{}\", a deliverable: done or not",
                quoted(span)
            ),
            "being done (a deliverable needs no numeric metric)".to_string(),
        ),
        None => return,
    };
    let measured = if goal.metric.is_some() {
        "its metric".to_string()
    } else {
        measured
    };
    let _ = write!(out, "\n\nS: {specific}. M: measured by {measured}.");
}

/// "Metric: 4 of 5 presentations (80%)", progress counted from the baseline.
pub(super) fn metric_line(metric: &Metric) -> Option<String> {
    let target = metric.target.as_ref()?.value;
    let unit = metric
        .unit
        .as_ref()
        .map(|u| match u.value.trim() {
            // "80%", not "80 %".
            "%" => "%".to_string(),
            unit => format!(" {}", plain(unit)),
        })
        .unwrap_or_default();
    let Some(current) = metric.current.as_ref().map(|f| f.value) else {
        return Some(format!(
            "Metric: target {}{unit}, no `current` value yet",
            number(target)
        ));
    };
    let baseline = metric.baseline.as_ref().map_or(0.0, |f| f.value);
    // A metric that counts down (incidents from 12 to 0) reads as a move
    // from the baseline, not as "8 of 0".
    let mut line = if target < baseline {
        format!(
            "Metric: {}{unit}, down from {} toward {}",
            number(current),
            number(baseline),
            number(target)
        )
    } else {
        format!("Metric: {} of {}{unit}", number(current), number(target))
    };
    if baseline != 0.0 && target >= baseline {
        let _ = write!(line, " (from {})", number(baseline));
    }
    if let Some(fraction) = metric_fraction(metric) {
        let _ = write!(line, " {}", bar(fraction));
    }
    if let Some(measure) = metric
        .measure
        .as_ref()
        .filter(|m| !m.value.trim().is_empty())
    {
        let _ = write!(line, " · {}", plain(&measure.value));
    }
    Some(line)
}

/// A ten-cell text bar and the percentage: "`████░░░░░░` 40%".
pub(super) fn bar(fraction: f64) -> String {
    let fraction = if fraction.is_finite() { fraction } else { 0.0 };
    let cells = (fraction.clamp(0.0, 1.0) * 10.0).round() as usize;
    format!(
        "`{}{}` {}%",
        "█".repeat(cells),
        "░".repeat(10 - cells),
        percent(fraction)
    )
}

/// S ✓ M ✗ … as [`smart::verdict`] judges them, each ✗ and ? explained,
/// the schedule beside the letters, and the other codes flagged.
pub(super) fn smart_checklist(analysis: &Analysis, goal: &Goal, out: &mut String) {
    if goal.is_dropped() {
        out.push_str("\n\nDropped: kept for the record, not judged.");
        return;
    }
    let verdict = smart::verdict(analysis, goal);
    let letters: Vec<String> = verdict
        .letters
        .iter()
        .map(|(letter, mark)| format!("{} {}", letter.as_char(), mark.symbol()))
        .collect();
    let _ = write!(out, "\n\n{}", letters.join(" · "));
    if let Some(late) = verdict.schedule.words() {
        let _ = write!(out, " · **{late}**");
    }
    match verdict.score() {
        Some(score) => {
            let _ = write!(out, " ({score}/5)");
        }
        None => {
            let codes: Vec<String> = verdict.errors.iter().map(|r| format!("`{r}`")).collect();
            let _ = write!(
                out,
                " (not scored: {} in this goal, {})",
                verdict.errors_words(),
                codes.join(", ")
            );
        }
    }
    for (letter, mark) in &verdict.letters {
        match mark {
            Mark::Pass => {}
            Mark::Fail(found) => {
                for (rule, message) in found {
                    let _ = write!(out, "\n- ✗ {}: {message} (`{rule}`)", letter.as_char());
                }
            }
            Mark::Unknown(_) => {
                let _ = write!(out, "\n- ? {}: {}", letter.as_char(), mark.reason());
            }
        }
    }
    if let Some(late) = &verdict.schedule.goal_overdue {
        let _ = write!(out, "\n- Schedule: {late} (`overdue`)");
    }
    if verdict.schedule.actions_overdue > 0 && verdict.schedule.goal_overdue.is_none() {
        let _ = write!(
            out,
            "\n- Schedule: {} (`overdue`)",
            verdict.schedule.words().unwrap_or_default()
        );
    }
    if !verdict.others.is_empty() {
        let codes: Vec<String> = verdict.others.iter().map(|c| format!("`{c}`")).collect();
        let _ = write!(out, "\n\nAlso flagged: {}", codes.join(", "));
    }
}

pub(super) fn roadmap_markdown(analysis: &Analysis) -> String {
    let roadmap = &analysis.roadmap;
    let today = analysis.today;
    let meta = roadmap.meta.as_ref();
    let mut out = String::from("**Roadmap**");
    if let Some(title) = meta.and_then(|m| m.title.as_ref()) {
        let _ = write!(out, ": {}", plain(&title.value));
    }
    if let Some(vision) = meta.and_then(|m| m.vision.as_ref()) {
        let _ = write!(out, "\n\nVision: {}", plain(&vision.value));
    }
    if let Some(horizon) = meta.and_then(|m| m.horizon.as_ref()) {
        let _ = write!(
            out,
            "\n\nHorizon: {}",
            day_and_distance(horizon.value, today)
        );
    }
    let goals = &roadmap.goals;
    let _ = write!(out, "\n\nGoals: {}", goals.len());
    let by_status: Vec<String> = Status::ALL
        .iter()
        .map(|&status| {
            (
                status,
                goals.iter().filter(|g| g.status() == Some(status)).count(),
            )
        })
        .filter(|(_, count)| *count > 0)
        .map(|(status, count)| format!("{count} {status}"))
        .collect();
    if !by_status.is_empty() {
        let _ = write!(out, " ({})", by_status.join(", "));
    }
    let overdue_goals = goals
        .iter()
        .filter(|g| !g.is_closed() && g.deadline.as_ref().is_some_and(|d| d.value < today))
        .count();
    let overdue_actions = goals
        .iter()
        .flat_map(|g| &g.actions)
        .filter(|a| !a.is_closed() && a.next_due().is_some_and(|d| d.value < today))
        .count();
    let _ = write!(
        out,
        "\n\nOverdue: {}, {}",
        count_of(overdue_goals, "goal"),
        count_of(overdue_actions, "action")
    );
    let actions: Vec<_> = goals
        .iter()
        .flat_map(|g| &g.actions)
        .filter(|a| a.status() != Some(Status::Dropped))
        .collect();
    if !actions.is_empty() {
        let done = actions
            .iter()
            .filter(|a| a.status() == Some(Status::Done))
            .count();
        let _ = write!(
            out,
            "\n\nActions: {done}/{} done {}",
            actions.len(),
            bar(done as f64 / actions.len() as f64)
        );
    }
    let with_gap: Vec<&Skill> = roadmap
        .skills
        .iter()
        .filter(|s| s.gap().is_some_and(|gap| gap > 0))
        .collect();
    if !roadmap.skills.is_empty() {
        let unaddressed = with_gap
            .iter()
            .filter(|skill| closing_goals(analysis, skill).is_empty())
            .count();
        let _ = write!(
            out,
            "\n\nSkill gaps: {} of {} below required",
            with_gap.len(),
            count_of(roadmap.skills.len(), "skill")
        );
        if unaddressed > 0 {
            let _ = write!(out, ", {unaddressed} addressed by no goal");
        }
    }
    match last_review(analysis) {
        None => out.push_str("\n\nLast review: never recorded"),
        Some(last) => {
            let days = (today - last).num_days();
            let _ = write!(
                out,
                "\n\nLast review: {last}, {} ago.",
                days_word(days.max(0))
            );
            let every = crate::model::review_every(meta);
            if let Some(next) = every.after(last) {
                let due = if next < today { "was due" } else { "is due" };
                let _ = write!(
                    out,
                    " Reviewed every {every}: the next one {due} {}.",
                    day_and_distance(next, today)
                );
            }
        }
    }
    out
}

pub(super) fn count_of(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The newest of `last_review` and the `[[reviews]]` dates.
pub(super) fn last_review(analysis: &Analysis) -> Option<NaiveDate> {
    let roadmap = &analysis.roadmap;
    roadmap
        .meta
        .as_ref()
        .and_then(|m| m.last_review.as_ref())
        .into_iter()
        .chain(roadmap.reviews.iter().filter_map(|r| r.date.as_ref()))
        .map(|f| f.value)
        .max()
}

pub(super) fn skill_markdown(analysis: &Analysis, skill: &Skill) -> String {
    let mut out = String::from("**Skill");
    if let Some(id) = &skill.id {
        let _ = write!(out, " `{}`", id.value);
    }
    out.push_str("**");
    if let Some(kind) = &skill.kind {
        let _ = write!(out, " ({})", kind.value.as_str());
    }
    if let Some(name) = &skill.name {
        let _ = write!(out, ": {}", plain(&name.value));
    }
    let rating = |field: &Option<crate::model::Field<i64>>| {
        field
            .as_ref()
            .map_or("?".to_string(), |f| f.value.to_string())
    };
    let _ = write!(
        out,
        "\n\nCurrent {} → required {}",
        rating(&skill.current),
        rating(&skill.required)
    );
    match skill.gap() {
        Some(gap) if gap > 0 => {
            let _ = write!(out, ": **gap {gap}**");
        }
        Some(_) => out.push_str(": no gap"),
        None => {}
    }
    if let Some(evidence) = &skill.evidence {
        let _ = write!(out, "\n\nEvidence: {}", plain(&evidence.value));
    }
    let goals = closing_goals(analysis, skill);
    if goals.is_empty() {
        if skill.gap().is_some_and(|gap| gap > 0) {
            out.push_str("\n\nNo goal lists this skill: the gap is not addressed.");
        }
    } else {
        out.push_str("\n\nGoals that close it:");
        for goal in goals {
            let name = goal
                .id
                .as_ref()
                .map_or("(no id)".to_string(), |id| format!("`{}`", id.value));
            let title = goal
                .title
                .as_ref()
                .map(|t| format!(": {}", plain(&t.value)))
                .unwrap_or_default();
            let status = goal.status().map_or("unknown status", Status::as_str);
            let _ = write!(out, "\n- {name}{title} ({status})");
        }
    }
    out
}

pub(super) fn closing_goals<'a>(analysis: &'a Analysis, skill: &Skill) -> Vec<&'a Goal> {
    let Some(id) = &skill.id else {
        return Vec::new();
    };
    analysis
        .roadmap
        .goals
        .iter()
        .filter(|goal| {
            goal.skills
                .as_ref()
                .is_some_and(|list| list.value.iter().any(|s| s.value == id.value))
        })
        .collect()
}
