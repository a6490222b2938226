//! A deterministic roadmap of N goals of about 820 bytes each (a metric
//! and three actions with owners and resources), a given percentage of
//! which carry one problem each, in rotation: an overdue action, a vague
//! title, a missing deadline, a status that contradicts the actions, a
//! misspelt status, an unrealistic pace. Shared by the examples.

/// Whether goal `i` carries a problem, spread evenly through the file.
fn troubled(i: usize, percent: usize) -> bool {
    (i * 37 + 11) % 100 < percent
}

fn goal(i: usize, percent: usize) -> String {
    let problem = troubled(i, percent).then_some(i % 6);
    let month = 1 + i % 9;
    let title = if problem == Some(1) {
        "Improve things".to_string()
    } else {
        format!("Cut p99 latency of checkout service {i} to 300 ms")
    };
    let deadline = if problem == Some(2) {
        String::new()
    } else {
        format!("deadline = 2027-{month:02}-28\n")
    };
    let status = match problem {
        Some(3) => "done",
        Some(4) => "In Progress",
        _ => "in-progress",
    };
    let current = if problem == Some(5) { 895 } else { 350 };
    let depends = if i > 0 {
        format!("[\"goal-{}\"]", i - 1)
    } else {
        "[]".to_string()
    };
    let mut text = format!(
        "[[goals]]\nid = \"goal-{i}\"\ntitle = \"{title}\"\n\
         why = \"The vision needs a reliable platform\"\nskills = [\"skill-{}\"]\n\
         start = 2026-01-05\n{deadline}status = \"{status}\"\nurgent = {}\nimportant = true\n\
         depends_on = {depends}\n\n[goals.metric]\nmeasure = \"p99 latency\"\nunit = \"ms\"\n\
         baseline = 900\ntarget = 300\ncurrent = {current}\n",
        i % 10,
        i.is_multiple_of(2),
    );
    for action in 0..3 {
        let (due, action_status) = match (problem, action) {
            (Some(0), 1) => ("2026-10-15".to_string(), "todo"),
            (_, 0) => ("2026-06-15".to_string(), "done"),
            (_, _) => (format!("2027-{month:02}-{:02}", 10 + action), "todo"),
        };
        text.push_str(&format!(
            "\n[[goals.actions]]\ntask = \"Step {action} of goal {i}: profile, fix and verify\"\n\
             due = {due}\nstatus = \"{action_status}\"\nowner = \"me\"\n\
             resources = [\"profiler\", \"staging\"]\n",
        ));
    }
    text.push('\n');
    text
}

pub fn roadmap(goals: usize, percent: usize) -> String {
    let mut text = String::from(
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
        text.push_str(&goal(i, percent));
    }
    text
}
