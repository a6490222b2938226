//! What a metric for a goal can be read off its title: "Increase my sales
//! by 10% in six months" is measured in `%` with target 10; "Publish 4
//! posts" in posts, from 0 to 4; "Cut onboarding time from 10 to 5 days"
//! in days, from 10 to 5; a deliverable ("Pass the CKA exam") counts 1
//! when done.

use super::goal::{FinishLine, GoalReading};
use super::quantity::NumberRole;

#[derive(Clone, Debug, PartialEq)]
pub struct InferredMetric {
    pub measure: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
}

impl InferredMetric {
    /// Target, unit and a baseline distinct from the target: nothing for
    /// the metric checks to find missing.
    pub fn is_complete(&self) -> bool {
        self.target.is_some()
            && !self.unit.trim().is_empty()
            && !self.measure.trim().is_empty()
            && self.baseline != self.target
    }
}

/// The metric `title` states, as far as it states one.
pub fn infer_metric(title: &str, reading: &GoalReading) -> Option<InferredMetric> {
    let core = title.get(reading.core.clone())?.trim();
    let outcomes: Vec<_> = reading
        .numbers
        .iter()
        .filter(|n| n.role == NumberRole::Outcome)
        .collect();
    let measure = cut_time_frame(core).trim().to_string();
    if let Some(first) = outcomes.first() {
        let before = title.get(..first.span.start)?.to_lowercase();
        let unit = first
            .unit
            .clone()
            .or_else(|| outcomes.get(1).and_then(|n| n.unit.clone()))
            .unwrap_or_else(|| "count".to_string());
        let unit = match unit.as_str() {
            "$" | "€" | "£" | "¥" | "₹" => unit,
            "x" => "×".to_string(),
            _ => unit,
        };
        // "from 10 to 5 days", "from 60% to 80%"
        if before.trim_end().ends_with("from")
            && let Some(second) = outcomes.get(1)
        {
            return Some(InferredMetric {
                measure,
                unit,
                baseline: Some(first.value),
                target: Some(second.value),
            });
        }
        let (baseline, target) = if before.trim_end().ends_with("by") {
            // "by 10%": the change, from none of it yet.
            (Some(0.0), Some(first.value))
        } else if before.trim_end().ends_with("to")
            || before.trim_end().ends_with("under")
            || before.trim_end().ends_with("below")
        {
            // "to under 200 ms": where it starts is not said.
            (None, Some(first.value))
        } else if first.value == 0.0 {
            (None, Some(0.0))
        } else {
            (Some(0.0), Some(first.value))
        };
        return Some(InferredMetric {
            measure,
            unit,
            baseline,
            target,
        });
    }
    if let Some(FinishLine::Deliverable(_)) = reading.finish_line {
        return Some(InferredMetric {
            measure,
            unit: "done".to_string(),
            baseline: Some(0.0),
            target: Some(1.0),
        });
    }
    None
}

fn cut_time_frame(text: &str) -> &str {
    // ASCII lowering keeps byte offsets: they index `text` below.
    let lower = text.to_ascii_lowercase();
    let mut end = text.len();
    for marker in [
        " in the next ",
        " within ",
        " by the end",
        " by end",
        " this year",
        " this quarter",
        " in six ",
        " before ",
        " by q",
        " in q",
    ] {
        if let Some(at) = lower.find(marker) {
            end = end.min(at);
        }
    }
    for (at, _) in lower.match_indices(" in ") {
        let rest = &lower[at + 4..];
        let frame = rest.split_whitespace().nth(1).is_some_and(|w| {
            w.starts_with("month")
                || w.starts_with("week")
                || w.starts_with("year")
                || w.starts_with("day")
        }) || rest.starts_with("20");
        if frame {
            end = end.min(at);
        }
    }
    &text[..end]
}
