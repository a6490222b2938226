//! A deterministic roadmap of N goals of about 820 bytes each (a metric and
//! three actions with owners and resources, a `depends_on` chain), a given
//! percentage of which carry one problem each. Which goals and which
//! problem come from a seeded generator, so the same seed gives the same
//! bytes on every machine and the problems are not in lockstep with the
//! goal index. Used by `examples/` and `benches/`.

/// The problems a goal may carry, the kinds a person editing a real
/// roadmap runs into; each maps to one rule.
const PROBLEMS: [Problem; 10] = [
    Problem::OverdueAction,
    Problem::VagueTitle,
    Problem::MissingDeadline,
    Problem::StatusMismatch,
    Problem::MisspeltStatus,
    Problem::UnrealisticPace,
    Problem::UnknownKey,
    Problem::UnknownReference,
    Problem::MissingMetric,
    Problem::ActionAfterDeadline,
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Problem {
    OverdueAction,
    VagueTitle,
    MissingDeadline,
    StatusMismatch,
    MisspeltStatus,
    UnrealisticPace,
    UnknownKey,
    UnknownReference,
    MissingMetric,
    ActionAfterDeadline,
}

/// splitmix64: tiny, well mixed, and stable across platforms and crate
/// versions (a `rand` generator's stream may change with its version).
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        // The modulo bias is irrelevant for bounds this small.
        (self.next() % bound as u64) as usize
    }
}

/// The roadmap with seed 1: what the examples and benchmarks use.
pub fn roadmap(goals: usize, percent: usize) -> String {
    roadmap_seeded(goals, percent, 1)
}

/// `goals` goals, about `percent`% of them with one problem each, chosen by
/// `seed`.
pub fn roadmap_seeded(goals: usize, percent: usize, seed: u64) -> String {
    let mut mix = Mix(seed);
    let mut text = String::with_capacity(900 + goals * 830);
    text.push_str(
        "[roadmap]\ntitle = \"Platform\"\nvision = \"Lead the platform group by 2029\"\n\
         horizon = 2029-12-31\nreview_every = \"1 month\"\nlast_review = 2026-11-01\n\n\
         [lint.limits]\nmax-active-goals = 10000\n\n",
    );
    for s in 0..10 {
        text.push_str(&format!(
            "[[skills]]\nid = \"skill-{s}\"\nkind = \"hard\"\ncurrent = 2\nrequired = 4\n\n"
        ));
    }
    for i in 0..goals {
        let problem = (mix.below(100) < percent).then(|| PROBLEMS[mix.below(PROBLEMS.len())]);
        push_goal(&mut text, i, problem);
    }
    text
}

fn push_goal(text: &mut String, i: usize, problem: Option<Problem>) {
    use std::fmt::Write;
    let month = 1 + i % 9;
    let title = match problem {
        Some(Problem::VagueTitle) => "Improve things".to_string(),
        // Open-ended, with no number: a deliverable would need no metric.
        Some(Problem::MissingMetric) => "Grow the checkout service's reliability".to_string(),
        _ => format!("Cut p99 latency of checkout service {i} to 300 ms"),
    };
    let deadline = if problem == Some(Problem::MissingDeadline) {
        String::new()
    } else {
        format!("deadline = 2027-{month:02}-28\n")
    };
    let status = match problem {
        Some(Problem::StatusMismatch) => "done",
        Some(Problem::MisspeltStatus) => "in-progess",
        _ => "in-progress",
    };
    let current = if problem == Some(Problem::UnrealisticPace) {
        895
    } else {
        350
    };
    let depends = match (i, problem) {
        (_, Some(Problem::UnknownReference)) => format!("[\"goal-{i}-old\"]"),
        (0, _) => "[]".to_string(),
        _ => format!("[\"goal-{}\"]", i - 1),
    };
    let urgent_key = if problem == Some(Problem::UnknownKey) {
        "urgnet"
    } else {
        "urgent"
    };
    let _ = write!(
        text,
        "[[goals]]\nid = \"goal-{i}\"\ntitle = \"{title}\"\n\
         why = \"The vision needs a reliable platform\"\nskills = [\"skill-{}\"]\n\
         start = 2026-01-05\n{deadline}status = \"{status}\"\n{urgent_key} = {}\nimportant = true\n\
         depends_on = {depends}\n",
        i % 10,
        i.is_multiple_of(2),
    );
    if problem != Some(Problem::MissingMetric) {
        let _ = write!(
            text,
            "\n[goals.metric]\nmeasure = \"p99 latency\"\nunit = \"ms\"\n\
             baseline = 900\ntarget = 300\ncurrent = {current}\n",
        );
    }
    for action in 0..3 {
        let (due, action_status) = match (problem, action) {
            (Some(Problem::OverdueAction), 1) => ("2026-10-15".to_string(), "todo"),
            (Some(Problem::ActionAfterDeadline), 2) => (format!("2027-{month:02}-30"), "todo"),
            (_, 0) => ("2026-06-15".to_string(), "done"),
            (_, _) => (format!("2027-{month:02}-{:02}", 10 + action), "todo"),
        };
        let _ = write!(
            text,
            "\n[[goals.actions]]\ntask = \"Step {action} of goal {i}: profile, fix and verify\"\n\
             due = {due}\nstatus = \"{action_status}\"\nowner = \"me\"\n\
             resources = [\"profiler\", \"staging\"]\n",
        );
    }
    text.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::Rule;

    #[test]
    fn same_seed_same_text_and_another_seed_another() {
        assert_eq!(roadmap_seeded(50, 30, 7), roadmap_seeded(50, 30, 7));
        assert_ne!(roadmap_seeded(50, 30, 7), roadmap_seeded(50, 30, 8));
    }

    #[test]
    fn about_820_bytes_a_goal_and_every_problem_reported() {
        let text = roadmap(1000, 100);
        let per_goal = text.len() / 1000;
        assert!((780..=860).contains(&per_goal), "{per_goal} bytes a goal");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let analysis = crate::analyze(&text, today, &Settings::default());
        assert!(
            !analysis
                .diagnostics
                .iter()
                .any(|d| d.rule == Rule::SyntaxError)
        );
        for rule in [
            Rule::Overdue,
            Rule::VagueGoal,
            Rule::MissingDeadline,
            Rule::StatusMismatch,
            Rule::UnknownStatus,
            Rule::UnrealisticPace,
            Rule::UnknownKey,
            Rule::UnknownReference,
            Rule::MissingMetric,
            Rule::ActionAfterDeadline,
        ] {
            assert!(
                analysis.diagnostics.iter().any(|d| d.rule == rule),
                "no {rule:?} in the generated roadmap"
            );
        }
    }

    #[test]
    fn a_clean_roadmap_has_no_problem_diagnostics() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let analysis = crate::analyze(&roadmap(100, 0), today, &Settings::default());
        let found: Vec<_> = analysis.diagnostics.iter().map(|d| d.rule).collect();
        assert!(
            !found.contains(&Rule::SyntaxError) && !found.contains(&Rule::UnknownKey),
            "{found:?}"
        );
    }
}
