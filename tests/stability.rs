//! While a line is half-typed, the rest of the file keeps its diagnostics:
//! an editor must not flash new errors (or lose old ones) elsewhere while
//! someone types. Each edit below replaces one line of a goal with what it
//! looks like mid-keystroke; every diagnostic outside that goal must stay
//! exactly as it was.

mod common;

use roadmap_lsp::line_index::LineIndex;

/// Diagnostics as (line, rule, message), outside lines `skip`.
fn outside(text: &str, skip: std::ops::Range<usize>) -> Vec<(usize, String, String)> {
    let index = LineIndex::new(text);
    common::diagnostics(text)
        .into_iter()
        .map(|d| {
            (
                index.line_of(d.span.start()),
                d.rule.code().to_string(),
                d.message.to_string(),
            )
        })
        .filter(|(line, _, _)| !skip.contains(line))
        .collect()
}

/// The 0-based line range of the goal holding `line` (its header up to the
/// next `[[goals]]` or the end).
fn goal_lines(lines: &[&str], line: usize) -> std::ops::Range<usize> {
    let start = (0..=line)
        .rev()
        .find(|&n| lines[n].starts_with("[[goals]]"))
        .unwrap_or(0);
    let end = (line + 1..lines.len())
        .find(|&n| lines[n].starts_with("[[goals]]"))
        .unwrap_or(lines.len());
    start..end
}

#[test]
fn half_typed_lines_leave_other_goals_alone() {
    let text = std::fs::read_to_string("fixtures/career.roadmap.toml").expect("fixture");
    let lines: Vec<&str> = text.lines().collect();
    let half_typed = [
        ("status = \"", "status = \"in-progress\""),
        ("deadline = 2027-0", "deadline = 2027-03-31"),
        ("depends_on = [\"pm", "depends_on = [\"pmp\"]"),
        ("dead", "deadline = 2027-06-30"),
        ("title = \"Pass the PMP exam", "title = \"Pass the PMP exam"),
    ];
    let mut tried = 0;
    for (typed, original_prefix) in half_typed {
        for (n, line) in lines.iter().enumerate() {
            if !line.starts_with(original_prefix) || goal_lines(&lines, n).start == 0 {
                continue;
            }
            let mut edited_lines = lines.clone();
            edited_lines[n] = typed;
            let edited = edited_lines.join("\n") + "\n";
            let goal = goal_lines(&lines, n);
            assert_eq!(
                outside(&edited, goal.clone()),
                outside(&text, goal),
                "typing {typed:?} on line {} changed diagnostics elsewhere",
                n + 1
            );
            tried += 1;
        }
    }
    assert!(
        tried >= 5,
        "the fixture should hold each edited line ({tried})"
    );
}
