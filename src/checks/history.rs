//! What git remembers: stale-metric (step 9, track progress).

use super::{Context, number};
use crate::dates::relative;
use crate::diagnostic::Diagnostic;
use crate::history::Unchanged;
use crate::model::Goal;
use crate::rules::Rule;

/// An active goal whose metric has stood still in git for more than two
/// review periods: either it is stalled, or nobody records progress.
pub(super) fn goal(context: &Context, goal: &Goal, out: &mut Vec<Diagnostic>) {
    let Some(history) = context.history else {
        return;
    };
    if !goal.is_active(context.today) {
        return;
    }
    let Some(current) = goal.metric.as_deref().and_then(|m| m.current.as_ref()) else {
        return;
    };
    let Some(Unchanged::Since(since)) = history.metric_unchanged(goal) else {
        return;
    };
    let every = crate::model::review_every(context.roadmap.meta.as_ref());
    let Some(limit) = every.after(since).and_then(|d| every.after(d)) else {
        return;
    };
    if limit >= context.today {
        return;
    }
    let unit = goal
        .metric
        .as_deref()
        .and_then(|m| m.unit.as_ref())
        .map(|u| format!(" {}", u.value.trim()))
        .unwrap_or_default();
    out.push(Diagnostic::new(
        Rule::StaleMetric,
        current.span,
        format!(
            "the metric of goal {} has stood at {}{unit} in git since {} ({}), more than two review periods of {}: update `current` to where it stands, or, if the goal is stalled, say so (`status = \"blocked\"`) or change the plan",
            goal.label(),
            number(current.value),
            since,
            relative(since, context.today),
            every,
        ),
    ));
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::config::Settings;
    use crate::dates::parse_date;
    use crate::history::{History, Revision, read_goals};
    use crate::rules::Rule;

    fn roadmap(current: &str) -> String {
        format!(
            "[roadmap]\nreview_every = \"1 month\"\n\n[[goals]]\nid = \"talks\"\ntitle = \"Give 12 talks at meetups\"\nstart = 2026-01-01\ndeadline = 2027-06-30\n\n[goals.metric]\nmeasure = \"talks\"\nunit = \"talks\"\nbaseline = 0\ntarget = 12\ncurrent = {current}\n"
        )
    }

    fn history(commits: &[(&str, &str)], shallow: bool) -> Arc<History> {
        Arc::new(History {
            path: "a.roadmap.toml".into(),
            head: None,
            revisions: commits
                .iter()
                .map(|(date, current)| {
                    let (goals, progress) = read_goals(&roadmap(current));
                    Revision {
                        commit: format!("{date:0>40}"),
                        date: parse_date(date).unwrap(),
                        path: "a.roadmap.toml".into(),
                        summary: String::new(),
                        goals,
                        progress,
                    }
                })
                .collect(),
            shallow,
        })
    }

    /// The messages of `rule` on the roadmap at `current`, on 2026-11-23.
    fn found(rule: Rule, current: &str, history: Option<Arc<History>>) -> Vec<String> {
        let today = parse_date("2026-11-23").unwrap();
        crate::analyze_with_history(&roadmap(current), today, &Settings::default(), history)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .map(|d| d.message.to_string())
            .collect()
    }

    #[test]
    fn a_metric_unmoved_for_two_review_periods_is_stale() {
        let old = history(&[("2026-03-01", "2"), ("2026-09-01", "5")], false);
        let stale = found(Rule::StaleMetric, "5", Some(Arc::clone(&old)));
        assert_eq!(stale.len(), 1);
        assert!(
            stale[0].contains("stood at 5 talks in git since 2026-09-01"),
            "{stale:?}"
        );
        // Updated in the editor since the commit: not stale.
        assert!(found(Rule::StaleMetric, "6", Some(old)).is_empty());
        // Set a month ago: within two periods.
        let recent = history(&[("2026-10-20", "5")], false);
        assert!(found(Rule::StaleMetric, "5", Some(recent)).is_empty());
        // At this value since before a shallow clone's first commit:
        // nobody can tell since when.
        let shallow = history(&[("2026-03-01", "5")], true);
        assert!(found(Rule::StaleMetric, "5", Some(shallow)).is_empty());
        // No history, no judgement.
        assert!(found(Rule::StaleMetric, "5", None).is_empty());
    }

    #[test]
    fn the_pace_git_observed_decides_unrealistic_pace() {
        // Since start (2026-01-01), 4 of 12 talks in 11 months is too slow;
        // the last 60 days moved 1 → 4 talks, which reaches 12 in time.
        assert_eq!(found(Rule::UnrealisticPace, "4", None).len(), 1);
        let fast = history(
            &[
                ("2026-01-10", "0"),
                ("2026-09-01", "1"),
                ("2026-11-01", "2"),
            ],
            false,
        );
        assert!(found(Rule::UnrealisticPace, "4", Some(fast)).is_empty());
        // Slower lately than since the start: 9 → 9.5 in 60 days.
        let slow = history(&[("2026-03-01", "6"), ("2026-09-01", "9")], false);
        let message = found(Rule::UnrealisticPace, "9.5", Some(slow));
        assert_eq!(message.len(), 1, "{message:?}");
        assert!(
            message[0]
                .contains("at the pace git shows since 2026-09-24 (9 → 9.5 talks in 60 days)"),
            "{message:?}"
        );
    }
}
