//! The timeline: one row per goal, a bar from start to deadline filled by
//! progress and coloured by status, its actions as ticks at their due
//! dates, a line for today, and overdue work in red. The same SVG is
//! inlined in the HTML page and printed alone by `--format svg`; its
//! colours follow the reader's light or dark scheme.

use std::fmt::Write as _;

use chrono::{Datelike, Months, NaiveDate};

use super::{Overview, status_word};
use crate::escape::xml;
use crate::model::Status;
use crate::progress::percent;

const WIDTH: f64 = 960.0;
const LABEL_WIDTH: f64 = 250.0;
const PLOT_LEFT: f64 = LABEL_WIDTH + 12.0;
const PLOT_RIGHT: f64 = WIDTH - 56.0;
const AXIS_HEIGHT: f64 = 34.0;
const ROW: f64 = 30.0;
const BAR: f64 = 14.0;
const LEGEND_HEIGHT: f64 = 34.0;
/// Where a goal's name starts, and the room it has before the plot.
const NAME_X: f64 = 20.0;
const NAME_ROOM: f64 = LABEL_WIDTH - NAME_X - 6.0;
/// Space kept between a label and anything else drawn in its row.
const GAP: f64 = 6.0;
/// Half the width of an action's diamond.
const TICK: f64 = 4.0;

/// Whether the SVG is a document of its own (with the XML namespace and
/// a background-free size) or an element inside the HTML page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Standalone {
    Yes,
    No,
}

/// The class suffix and legend word of a status.
fn status_class(status: Option<Status>) -> &'static str {
    match status {
        Some(status) => status.as_str(),
        None => "unknown",
    }
}

/// The colours, as CSS custom properties scoped to the SVG, so the page's
/// dark mode and the standalone file's both work.
pub const STYLE: &str = "
.rm-tl{--rm-halo:#fff;--rm-text:#1f2937;--rm-muted:#6b7280;--rm-grid:#e5e7eb;--rm-todo:#64748b;--rm-in-progress:#2563eb;--rm-blocked:#d97706;--rm-done:#16a34a;--rm-dropped:#9ca3af;--rm-unknown:#9333ea;--rm-overdue:#dc2626;--rm-today:#db2777;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:12px}
@media (prefers-color-scheme:dark){.rm-tl{--rm-halo:#111827;--rm-text:#e5e7eb;--rm-muted:#9ca3af;--rm-grid:#374151;--rm-todo:#94a3b8;--rm-in-progress:#60a5fa;--rm-blocked:#fbbf24;--rm-done:#4ade80;--rm-dropped:#6b7280;--rm-unknown:#c084fc;--rm-overdue:#f87171;--rm-today:#f472b6}}
@media print{.rm-tl{--rm-text:#000;--rm-muted:#444;--rm-grid:#ddd}}
.rm-tl text{fill:var(--rm-text)}
.rm-tl text.rm-label{paint-order:stroke;stroke:var(--rm-halo);stroke-width:3px;stroke-linejoin:round}
.rm-tl .rm-muted{fill:var(--rm-muted)}
.rm-tl .rm-grid{stroke:var(--rm-grid);stroke-width:1}
.rm-tl .rm-today{stroke:var(--rm-today);stroke-width:2;stroke-dasharray:4 3}
.rm-tl text.rm-today-label{fill:var(--rm-today);font-weight:600}
.rm-tl .rm-track{fill-opacity:.22}
.rm-tl .rm-late{fill:var(--rm-overdue);fill-opacity:.35}
.rm-tl .rm-overdue-outline{fill:none;stroke:var(--rm-overdue);stroke-width:2}
.rm-tl text.rm-overdue-text{fill:var(--rm-overdue);font-weight:600}
.rm-tl .rm-dropped-bar{fill:none;stroke:var(--rm-dropped);stroke-dasharray:3 3}
.rm-tl .rm-tick{stroke-width:2}
.rm-tl .rm-tick-done{fill:var(--rm-done);stroke:var(--rm-done)}
.rm-tl .rm-tick-open{fill:var(--rm-text);stroke:var(--rm-text)}
.rm-tl .rm-tick-overdue{fill:var(--rm-overdue);stroke:var(--rm-overdue)}
.rm-tl .rm-s-todo{fill:var(--rm-todo)}
.rm-tl .rm-s-in-progress{fill:var(--rm-in-progress)}
.rm-tl .rm-s-blocked{fill:var(--rm-blocked)}
.rm-tl .rm-s-done{fill:var(--rm-done)}
.rm-tl .rm-s-dropped{fill:var(--rm-dropped)}
.rm-tl .rm-s-unknown{fill:var(--rm-unknown)}
.rm-tl .rm-s-overdue{fill:var(--rm-overdue)}
";

/// The dates the axis spans: every bar and tick, and today, widened to
/// whole months.
fn range(overview: &Overview) -> (NaiveDate, NaiveDate) {
    let dates = overview
        .goals
        .iter()
        .flat_map(|goal| {
            [goal.bar_start(), goal.bar_end()]
                .into_iter()
                .chain(goal.actions.iter().map(|a| a.due))
        })
        .flatten()
        .chain([overview.today]);
    let (min, max) = dates.fold((overview.today, overview.today), |(lo, hi), d| {
        (lo.min(d), hi.max(d))
    });
    let first = min.with_day(1).unwrap_or(min);
    let last = max
        .with_day(1)
        .and_then(|d| d.checked_add_months(Months::new(1)))
        .unwrap_or(max);
    if first == last {
        return (
            first,
            first.checked_add_months(Months::new(1)).unwrap_or(last),
        );
    }
    (first, last)
}

struct Scale {
    from: NaiveDate,
    days: f64,
}

impl Scale {
    fn x(&self, date: NaiveDate) -> f64 {
        let offset = (date - self.from).num_days() as f64;
        PLOT_LEFT + (offset / self.days).clamp(0.0, 1.0) * (PLOT_RIGHT - PLOT_LEFT)
    }
}

/// The timeline as an `<svg>` element.
pub fn timeline(overview: &Overview, standalone: Standalone) -> String {
    let (from, to) = range(overview);
    let scale = Scale {
        from,
        days: ((to - from).num_days().max(1)) as f64,
    };
    let rows = overview.goals.len().max(1);
    let plot_bottom = AXIS_HEIGHT + rows as f64 * ROW;
    let height = plot_bottom + LEGEND_HEIGHT;
    let mut out = String::new();
    let namespace = match standalone {
        Standalone::Yes => " xmlns=\"http://www.w3.org/2000/svg\"",
        Standalone::No => "",
    };
    let _ = write!(
        out,
        "<svg{namespace} class=\"rm-tl\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-labelledby=\"rm-tl-title\">\n<title id=\"rm-tl-title\">Timeline of {}</title>\n<style>{STYLE}</style>\n",
        xml(overview.heading())
    );
    axis(&mut out, &scale, from, to, plot_bottom);
    if overview.goals.is_empty() {
        let _ = writeln!(
            out,
            "<text class=\"rm-muted\" x=\"{PLOT_LEFT}\" y=\"{:.1}\">No goals yet: add a [[goals]] table with a start and a deadline.</text>",
            AXIS_HEIGHT + ROW / 2.0 + 4.0
        );
    }
    for (row, goal) in overview.goals.iter().enumerate() {
        goal_row(&mut out, &scale, overview.today, row, goal);
    }
    let today_x = scale.x(overview.today);
    let _ = writeln!(
        out,
        "<line class=\"rm-today\" x1=\"{today_x:.1}\" y1=\"{:.1}\" x2=\"{today_x:.1}\" y2=\"{plot_bottom:.1}\"/>\n<text class=\"rm-today-label\" x=\"{today_x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">today</text>",
        AXIS_HEIGHT - 6.0,
        plot_bottom + 13.0,
    );
    legend(&mut out, height - 8.0);
    out.push_str("</svg>\n");
    out
}

/// Month gridlines, labelled every month, quarter or year depending on
/// how much time the axis spans.
fn axis(out: &mut String, scale: &Scale, from: NaiveDate, to: NaiveDate, bottom: f64) {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let step = match months {
        ..=14 => 1,
        15..=36 => 3,
        _ => 12,
    };
    let mut month = from;
    let mut index = 0;
    let mut last_year = None;
    while month <= to {
        let x = scale.x(month);
        let labelled = index % step == 0;
        if labelled || step == 1 {
            let _ = writeln!(
                out,
                "<line class=\"rm-grid\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\"/>",
                AXIS_HEIGHT - 4.0
            );
        }
        if labelled && month < to {
            let year = month.year();
            let label = if last_year != Some(year) || step == 12 {
                month.format("%b %Y").to_string()
            } else {
                month.format("%b").to_string()
            };
            last_year = Some(year);
            let _ = writeln!(
                out,
                "<text class=\"rm-muted\" x=\"{:.1}\" y=\"{:.1}\">{label}</text>",
                x + 3.0,
                AXIS_HEIGHT - 10.0
            );
        }
        index += 1;
        match month.checked_add_months(Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
}

fn goal_row(out: &mut String, scale: &Scale, today: NaiveDate, row: usize, goal: &super::GoalView) {
    let top = AXIS_HEIGHT + row as f64 * ROW;
    let bar_y = top + (ROW - BAR) / 2.0;
    let text_y = top + ROW / 2.0 + 4.0;
    let status = status_class(goal.status);
    let mut tooltip = format!("{} — {}", goal.name(), status_word(goal.status));
    if let Some(deadline) = goal.deadline {
        let _ = write!(tooltip, ", deadline {deadline}");
    }
    if let Some(progress) = goal.progress {
        let _ = write!(tooltip, ", {}% done", percent(progress));
    }
    let _ = writeln!(
        out,
        "<g class=\"rm-goal\" data-goal=\"{}\"><title>{}</title>",
        xml(&goal.key),
        xml(&tooltip)
    );
    let label_class = if goal.overdue {
        " class=\"rm-overdue-text\""
    } else if goal.status == Some(Status::Dropped) {
        " class=\"rm-muted\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<circle class=\"rm-s-{status}\" cx=\"10\" cy=\"{:.1}\" r=\"4\"/><text{label_class} x=\"{NAME_X}\" y=\"{text_y:.1}\">{}</text>",
        top + ROW / 2.0,
        xml(&fit(goal.name(), NAME_ROOM, goal.overdue))
    );
    let (Some(start), Some(end)) = (goal.bar_start(), goal.bar_end()) else {
        let _ = writeln!(
            out,
            "<text class=\"rm-muted\" x=\"{PLOT_LEFT}\" y=\"{text_y:.1}\">no dates</text></g>"
        );
        return;
    };
    let x0 = scale.x(start);
    let x1 = scale.x(end).max(x0 + 4.0);
    let width = x1 - x0;
    if goal.status == Some(Status::Dropped) {
        let _ = writeln!(
            out,
            "<rect class=\"rm-dropped-bar\" x=\"{x0:.1}\" y=\"{bar_y:.1}\" width=\"{width:.1}\" height=\"{BAR}\" rx=\"4\"/>"
        );
    } else {
        let fill = if goal.overdue { "overdue" } else { status };
        let _ = writeln!(
            out,
            "<rect class=\"rm-track rm-s-{fill}\" x=\"{x0:.1}\" y=\"{bar_y:.1}\" width=\"{width:.1}\" height=\"{BAR}\" rx=\"4\"/>"
        );
        if let Some(progress) = goal.progress.filter(|p| *p > 0.0) {
            let _ = writeln!(
                out,
                "<rect class=\"rm-progress rm-s-{fill}\" x=\"{x0:.1}\" y=\"{bar_y:.1}\" width=\"{:.1}\" height=\"{BAR}\" rx=\"4\"/>",
                width * progress
            );
        }
        if goal.overdue {
            // From the missed deadline to today: how late it is.
            let late_end = scale.x(today);
            let _ = writeln!(
                out,
                "<rect class=\"rm-overdue-outline\" x=\"{x0:.1}\" y=\"{bar_y:.1}\" width=\"{width:.1}\" height=\"{BAR}\" rx=\"4\"/>\n<rect class=\"rm-late\" x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>",
                bar_y + BAR / 2.0 - 3.0,
                (late_end - x1).max(0.0),
                6.0
            );
        }
    }
    // What the row draws, left to right, so the label goes where nothing is.
    let mut drawn = (x0, x1);
    if goal.overdue && goal.status != Some(Status::Dropped) {
        drawn.1 = drawn.1.max(scale.x(today));
    }
    for action in &goal.actions {
        let Some(due) = action.due else { continue };
        let x = scale.x(due);
        let class = if action.status == Some(Status::Done) {
            "done"
        } else if action.overdue {
            "overdue"
        } else if action.status == Some(Status::Dropped) {
            continue;
        } else {
            "open"
        };
        drawn = (drawn.0.min(x - TICK), drawn.1.max(x + TICK));
        let task = action.task.as_deref().unwrap_or("(no task)");
        let _ = writeln!(
            out,
            "<path class=\"rm-tick rm-tick-{class}\" d=\"M{x:.1} {:.1}l4 4l-4 4l-4 -4z\"><title>{} — due {due}, {}</title></path>",
            bar_y + BAR / 2.0 - 4.0,
            xml(task),
            status_word(action.status)
        );
    }
    let label = match goal.progress {
        Some(progress) => format!("{}%", percent(progress)),
        None => String::new(),
    };
    let late = if goal.overdue { " overdue" } else { "" };
    if !label.is_empty() || goal.overdue {
        let text = format!("{label}{late}").trim().to_string();
        let width = text_width(&text, goal.overdue);
        let (x, anchor) = if drawn.1 + GAP + width <= WIDTH - 4.0 {
            (drawn.1 + GAP, "start")
        } else if drawn.0 - GAP - width >= PLOT_LEFT {
            (drawn.0 - GAP, "end")
        } else {
            // No free side: at the plot's right edge, on a halo that
            // keeps it readable over what is under it.
            (WIDTH - 4.0, "end")
        };
        let class = if goal.overdue {
            "rm-overdue-text"
        } else {
            "rm-muted"
        };
        let _ = writeln!(
            out,
            "<text class=\"{class} rm-label\" x=\"{x:.1}\" y=\"{text_y:.1}\" text-anchor=\"{anchor}\">{}</text>",
            xml(&text)
        );
    }
    out.push_str("</g>\n");
}

/// The width of `text` in the timeline's 12px sans-serif, a little
/// generous so that what is placed by it does not touch its neighbour.
fn text_width(text: &str, bold: bool) -> f64 {
    let width: f64 = text.chars().map(char_width).sum();
    if bold { width * 1.1 } else { width }
}

fn char_width(c: char) -> f64 {
    match c {
        // CJK, Hangul, fullwidth forms and emoji take a full em.
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{1F000}'..='\u{1FAFF}'
        | '\u{20000}'..='\u{3FFFD}' => 12.5,
        // Zero-width joiners and combining marks add nothing.
        '\u{200B}'..='\u{200D}' | '\u{0300}'..='\u{036F}' | '\u{FE0F}' => 0.0,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | ' ' => 3.6,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' => 4.6,
        'm' | 'w' => 10.0,
        '%' | 'M' | 'W' | '@' => 11.0,
        c if c.is_ascii_uppercase() => 8.2,
        c if c.is_ascii_digit() => 7.0,
        _ => 7.0,
    }
}

/// `text` cut to `room` pixels, with "…" where it was cut.
fn fit(text: &str, room: f64, bold: bool) -> String {
    if text_width(text, bold) <= room {
        return text.to_string();
    }
    let room = room - text_width("…", bold);
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        used += text_width(&c.to_string(), bold);
        if used > room {
            break;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

fn legend(out: &mut String, y: f64) {
    let items: [(&str, &str); 7] = [
        ("rm-s-todo", "todo"),
        ("rm-s-in-progress", "in progress"),
        ("rm-s-blocked", "blocked"),
        ("rm-s-done", "done"),
        ("rm-s-overdue", "overdue"),
        ("rm-s-dropped", "dropped"),
        ("rm-s-unknown", "unknown status"),
    ];
    let mut x = NAME_X;
    for (class, word) in items {
        let _ = write!(
            out,
            "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"12\" height=\"10\" rx=\"2\"/><text class=\"rm-muted\" x=\"{:.1}\" y=\"{y:.1}\">{word}</text>",
            y - 9.0,
            x + 16.0
        );
        x += 16.0 + text_width(word, false) + 12.0;
    }
    let ticks = [
        ("rm-tick-open", "action due"),
        ("rm-tick-done", "action done"),
        ("rm-tick-overdue", "action overdue"),
    ];
    for (class, word) in ticks {
        let _ = write!(
            out,
            "<path class=\"rm-tick {class}\" d=\"M{:.1} {:.1}l4 4l-4 4l-4 -4z\"/><text class=\"rm-muted\" x=\"{:.1}\" y=\"{y:.1}\">{word}</text>",
            x + 4.0,
            y - 9.0,
            x + 14.0
        );
        x += 14.0 + text_width(word, false) + 12.0;
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_with_an_ellipsis_by_their_width() {
        let latin = "Migrate the billing cron jobs to Airflow and retire the VM";
        let cut = fit(latin, NAME_ROOM, true);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, true) <= NAME_ROOM);
        // Wide characters fill the room sooner.
        let cjk = "完成三个开源项目的拉取请求并在社区里做一次分享";
        let cut = fit(cjk, NAME_ROOM, false);
        assert!(cut.ends_with('…') && cut.chars().count() < 20, "{cut}");
        assert_eq!(
            fit("Pass the CKA exam", NAME_ROOM, false),
            "Pass the CKA exam"
        );
    }
}
