//! Progress over time from the roadmap's git history, as SVG (no scripts):
//! the roadmap's overall progress, then one burn-up per goal (its progress
//! at each commit that changed it, up to today, with the target at 100%).

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::escape::{truncate, xml};
use crate::history::History;
use crate::progress::percent;

const WIDTH: f64 = 760.0;
const LABEL: f64 = 210.0;
const RIGHT: f64 = 50.0;
const ROW: f64 = 46.0;
const OVERALL: f64 = 120.0;
const TOP: f64 = 28.0;

/// One line to draw: a name and its (date, progress 0..=1) steps.
struct Line {
    name: String,
    points: Vec<(NaiveDate, f64)>,
}

/// The chart, or `None` when the history has fewer than two commits (no
/// "over time" to show). `standalone` adds the XML namespace and a
/// background for a file of its own.
pub fn svg(history: &History, today: NaiveDate, standalone: bool) -> Option<String> {
    let commits = history
        .revisions
        .iter()
        .filter(|r| !r.commit.is_empty())
        .count();
    if commits < 2 {
        return None;
    }
    let first = history.revisions.first()?.date;
    let last = today.max(history.revisions.last()?.date);
    let span = ((last - first).num_days().max(1)) as f64;
    let x =
        |date: NaiveDate| LABEL + (date - first).num_days() as f64 / span * (WIDTH - LABEL - RIGHT);

    let overall = Line {
        name: "Overall".to_string(),
        points: history
            .revisions
            .iter()
            .filter_map(|r| Some((r.date, r.progress?)))
            .collect(),
    };
    let goals: Vec<Line> = history
        .keys()
        .into_iter()
        .filter_map(|key| {
            let series = history.series(key);
            let latest = series.last()?.goal;
            let name = latest
                .title
                .clone()
                .or_else(|| latest.id.clone())
                .unwrap_or_else(|| key.to_string());
            let points: Vec<(NaiveDate, f64)> = series
                .iter()
                .filter_map(|p| Some((p.revision.date, p.goal.progress?.clamp(0.0, 1.0))))
                .collect();
            (!points.is_empty()).then_some(Line { name, points })
        })
        .collect();

    let height = TOP + OVERALL + 24.0 + ROW * goals.len() as f64 + 30.0;
    let mut out = String::new();
    let namespace = if standalone {
        " xmlns=\"http://www.w3.org/2000/svg\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<svg{namespace} class=\"burnup\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"Progress over time from git history\" font-family=\"system-ui, sans-serif\" font-size=\"12\">"
    );
    if standalone {
        let _ = writeln!(
            out,
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"0\" y=\"16\" font-weight=\"600\" fill=\"#111827\">Progress over time ({commits} commits, {first} → {last})</text>"
    );
    // The overall chart, with 0/50/100% guides.
    let top = TOP;
    let y = |progress: f64, top: f64, height: f64| top + (1.0 - progress) * height;
    for guide in [0.0, 0.5, 1.0] {
        let gy = y(guide, top, OVERALL);
        let _ = writeln!(
            out,
            "<line x1=\"{LABEL}\" x2=\"{:.1}\" y1=\"{gy:.1}\" y2=\"{gy:.1}\" stroke=\"#e5e7eb\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#6b7280\">{}%</text>",
            WIDTH - RIGHT,
            WIDTH - RIGHT + 6.0,
            gy + 4.0,
            percent(guide)
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"0\" y=\"{:.1}\" fill=\"#111827\">Roadmap overall</text>",
        top + OVERALL / 2.0
    );
    step_path(
        &mut out,
        &overall,
        today,
        &x,
        &|p| y(p, top, OVERALL),
        "#2563eb",
        2.5,
    );

    // One row per goal.
    for (n, goal) in goals.iter().enumerate() {
        let row_top = TOP + OVERALL + 24.0 + ROW * n as f64;
        let chart = ROW - 14.0;
        let _ = writeln!(
            out,
            "<line x1=\"{LABEL}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#e5e7eb\" stroke-dasharray=\"3 3\"/>",
            WIDTH - RIGHT,
            row_top,
            row_top
        );
        let latest = goal.points.last().map_or(0.0, |p| p.1);
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{:.1}\" fill=\"#111827\"><title>{}</title>{}</text><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#6b7280\">{}%</text>",
            row_top + chart / 2.0 + 4.0,
            xml(&goal.name),
            xml(&truncate(&goal.name, 30)),
            WIDTH - RIGHT + 6.0,
            row_top + chart / 2.0 + 4.0,
            percent(latest)
        );
        step_path(
            &mut out,
            goal,
            today,
            &x,
            &|p| y(p, row_top, chart),
            "#16a34a",
            1.8,
        );
    }
    let axis = height - 10.0;
    let _ = writeln!(
        out,
        "<text x=\"{LABEL}\" y=\"{axis:.1}\" fill=\"#6b7280\">{first}</text><text x=\"{:.1}\" y=\"{axis:.1}\" fill=\"#6b7280\" text-anchor=\"end\">{last}</text>",
        WIDTH - RIGHT
    );
    out.push_str("</svg>\n");
    Some(out)
}

/// A step line: each value holds until the next commit, the last until
/// today; a dot at each commit.
fn step_path(
    out: &mut String,
    line: &Line,
    today: NaiveDate,
    x: &dyn Fn(NaiveDate) -> f64,
    y: &dyn Fn(f64) -> f64,
    colour: &str,
    width: f64,
) {
    let Some(&(start, value)) = line.points.first() else {
        return;
    };
    let mut d = format!("M{:.1} {:.1}", x(start), y(value));
    for &(date, value) in &line.points[1..] {
        let _ = write!(d, " H{:.1} V{:.1}", x(date), y(value));
    }
    let _ = write!(
        d,
        " H{:.1}",
        x(today.max(line.points.last().map_or(start, |p| p.0)))
    );
    let _ = writeln!(
        out,
        "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"/>"
    );
    for &(date, value) in &line.points {
        let _ = writeln!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{colour}\"><title>{date}: {}%</title></circle>",
            x(date),
            y(value),
            percent(value)
        );
    }
}
