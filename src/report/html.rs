//! The report as one self-contained HTML page: inline CSS and SVG, no
//! scripts, no fonts or images from anywhere, so it can be mailed,
//! attached to a CI run or opened offline. It follows the reader's light
//! or dark scheme and prints on white.

use std::fmt::Write as _;

use super::svg::{self, Standalone};
use super::{Due, Overview, PROGRESS_EXPLAINED, Quadrant, SkillView, role_word, status_word};
use crate::escape::{plain, xml, xml_with_code};
use crate::ide::smart::Mark;
use crate::model::{SkillKind, Status};
use crate::progress::{days_word, percent};
use crate::rules::Severity;

const CSS: &str = "
:root{color-scheme:light dark;--bg:#f8fafc;--card:#fff;--text:#111827;--muted:#6b7280;--line:#e5e7eb;--accent:#2563eb;--ok:#16a34a;--warn:#d97706;--bad:#dc2626;--gap:#f59e0b;--fill:#2563eb;--chip:#eef2ff}
@media (prefers-color-scheme:dark){:root{--bg:#0b1120;--card:#111827;--text:#e5e7eb;--muted:#9ca3af;--line:#1f2937;--accent:#60a5fa;--ok:#4ade80;--warn:#fbbf24;--bad:#f87171;--gap:#fbbf24;--fill:#60a5fa;--chip:#1e293b}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{max-width:1060px;margin:0 auto;padding:28px 24px 48px}
h1{font-size:28px;margin:0 0 4px}
h2{font-size:18px;margin:0 0 12px}
header p{margin:4px 0}
.muted{color:var(--muted)}
.vision{font-size:17px;margin:10px 0 14px}
section,header{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 20px;margin:0 0 18px}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin-top:12px}
.stat{background:var(--chip);border-radius:8px;padding:8px 12px}
.stat b{display:block;font-size:20px}
.meter{height:10px;background:var(--line);border-radius:5px;overflow:hidden;margin-top:6px}
.meter span{display:block;height:100%;background:var(--fill)}
.timeline{overflow-x:auto}
.timeline svg{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.badge{display:inline-block;white-space:nowrap;border-radius:999px;padding:1px 9px;font-size:12px;font-weight:600;border:1px solid currentColor}
.s-todo{color:var(--muted)}.s-in-progress{color:var(--accent)}.s-blocked{color:var(--warn)}.s-done{color:var(--ok)}.s-dropped{color:var(--muted)}.s-unknown{color:var(--bad)}
.ok{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}
.smart{display:inline-flex;gap:3px}
.smart span{display:inline-block;width:22px;text-align:center;border-radius:4px;font-weight:700;font-size:12px;padding:1px 0}
.smart .pass{background:color-mix(in srgb,var(--ok) 18%,transparent);color:var(--ok)}
.smart .fail{background:var(--bad);color:#fff}
.smart .skip{color:var(--muted);border:1px dashed var(--line)}
.smart .unknown{color:var(--warn);border:1px dashed var(--warn)}
.late{color:var(--bad);font-weight:600;font-size:12px}
.matrix{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.quadrant{background:var(--chip);border-radius:8px;padding:8px 12px;border-left:4px solid var(--muted)}
.quadrant h3{font-size:14px;margin:0 0 4px}
.quadrant ul{margin:0;padding-left:18px}
.q-do{border-left-color:var(--bad)}.q-schedule{border-left-color:var(--accent)}.q-delegate{border-left-color:var(--warn)}
.wins li{margin:4px 0}
code{font-size:13px}
.skill{display:grid;grid-template-columns:220px 180px 1fr;gap:12px;align-items:center;padding:8px 0;border-bottom:1px solid var(--line)}
.cells{display:flex;gap:4px}
.cells i{display:block;width:30px;height:16px;border-radius:3px;border:1px solid var(--line)}
.cells i.have{background:var(--fill);border-color:var(--fill)}
.cells i.gap{background:repeating-linear-gradient(45deg,var(--gap),var(--gap) 4px,transparent 4px,transparent 8px);border-color:var(--gap)}
.problems li{margin:4px 0}
.problems code{font-size:13px}
a{color:var(--accent)}
footer{color:var(--muted);font-size:13px;text-align:center}
@media print{
 :root{--bg:#fff;--card:#fff;--text:#000;--muted:#444;--line:#ccc;--chip:#f3f4f6}
 body{font-size:12px}
 main{max-width:none;padding:0}
 section,header{border:none;border-radius:0;padding:8px 0;break-inside:avoid}
 .timeline{overflow:visible}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
}
";

/// The whole page.
pub fn render(overview: &Overview) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>{} — roadmap report</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        xml(overview.heading())
    );
    header(&mut out, overview);
    let _ = write!(
        out,
        "<section class=\"timeline\" id=\"timeline\">\n<h2>Timeline</h2>\n{}</section>\n",
        svg::timeline(overview, Standalone::No)
    );
    if let Some(chart) = overview
        .history
        .as_deref()
        .and_then(|history| super::burnup::svg(history, overview.today, false))
    {
        let _ = write!(
            out,
            "<section class=\"timeline\" id=\"progress-over-time\">\n<h2>Progress over time</h2>\n<p class=\"muted\">From the roadmap's git history: each goal's progress at every commit that changed it.</p>\n{chart}</section>\n"
        );
    }
    goals(&mut out, overview);
    priorities(&mut out, overview);
    skills(&mut out, overview);
    cadence(&mut out, overview);
    wins(&mut out, overview);
    problems(&mut out, overview);
    let _ = write!(
        out,
        "<footer>{} · as of {} · roadmap-lsp {}</footer>\n</main>\n</body>\n</html>\n",
        xml(&overview.file),
        overview.today,
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn header(out: &mut String, overview: &Overview) {
    out.push_str("<header id=\"summary\">\n");
    let _ = writeln!(out, "<h1>{}</h1>", xml(overview.heading()));
    if let Some(owner) = &overview.owner {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", xml(owner));
    }
    match &overview.vision {
        Some(vision) => {
            let _ = writeln!(out, "<p class=\"vision\">{}</p>", xml(vision));
        }
        None => out.push_str(
            "<p class=\"vision bad\">No vision yet: add <code>vision = \"…\"</code> to [roadmap].</p>\n",
        ),
    }
    out.push_str("<div class=\"stats\">\n");
    if let Some(horizon) = overview.horizon {
        let days = (horizon - overview.today).num_days();
        let left = if days >= 0 {
            format!("{} left", days_word(days))
        } else {
            format!("passed {} ago", days_word(-days))
        };
        stat(out, "Horizon", &horizon.to_string(), &left);
    }
    let counted = overview.counted_goals().count();
    let done = overview.goals_with_status(Status::Done);
    match overview.overall_progress() {
        Some(progress) => {
            let _ = writeln!(
                out,
                "<div class=\"stat\" id=\"overall\" title=\"{}\">Overall progress<b>{}%</b><div class=\"meter\"><span style=\"width:{}%\"></span></div><span class=\"muted\">mean of {} goals: metric, else actions</span></div>",
                xml(&format!("Overall progress is {PROGRESS_EXPLAINED}.")),
                percent(progress),
                percent(progress.clamp(0.0, 1.0)),
                counted
            );
        }
        None => stat(out, "Overall progress", "—", "no goals yet"),
    }
    stat(
        out,
        "Goals done",
        &format!("{done} / {counted}"),
        &status_counts(overview),
    );
    stat(
        out,
        "Actions done",
        &format!("{} / {}", overview.actions_done, overview.actions_total),
        "dropped ones not counted",
    );
    let overdue = overview.goals.iter().filter(|g| g.overdue).count()
        + overview
            .goals
            .iter()
            .flat_map(|g| &g.actions)
            .filter(|a| a.overdue)
            .count();
    let class = if overdue > 0 { "bad" } else { "ok" };
    let _ = writeln!(
        out,
        "<div class=\"stat\">Overdue<b class=\"{class}\">{overdue}</b><span class=\"muted\">goals and actions</span></div>"
    );
    out.push_str("</div>\n");
    if overview.overall_progress().is_some() {
        let _ = writeln!(
            out,
            "<p class=\"muted\">Overall progress is {}.</p>",
            xml(PROGRESS_EXPLAINED)
        );
    }
    out.push_str("</header>\n");
}

fn stat(out: &mut String, label: &str, value: &str, note: &str) {
    let _ = writeln!(
        out,
        "<div class=\"stat\">{}<b>{}</b><span class=\"muted\">{}</span></div>",
        xml(label),
        xml(value),
        xml(note)
    );
}

fn status_counts(overview: &Overview) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .filter(|&&s| s != Status::Done)
        .map(|&s| (s, overview.goals_with_status(s)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    parts.join(", ")
}

fn goals(out: &mut String, overview: &Overview) {
    out.push_str("<section id=\"goals\">\n<h2>Goals</h2>\n");
    if overview.goals.is_empty() {
        out.push_str("<p class=\"muted\">No goals yet.</p>\n</section>\n");
        return;
    }
    out.push_str("<table>\n<thead><tr><th>Goal</th><th>Status</th><th>Deadline</th><th>Progress</th><th>SMART</th></tr></thead>\n<tbody>\n");
    for goal in &overview.goals {
        let status = status_word(goal.status);
        let deadline = match goal.deadline {
            None => "<span class=\"warn\">none</span>".to_string(),
            Some(deadline) if goal.is_closed() => deadline.to_string(),
            Some(deadline) => {
                let due = Due::of(deadline, overview.today);
                let class = match due {
                    Due::Overdue(_) => "bad",
                    Due::Today => "warn",
                    Due::In(_) => "muted",
                };
                format!(
                    "{deadline}<br><span class=\"{class}\">{}</span>",
                    due.words()
                )
            }
        };
        let progress = match goal.progress {
            Some(p) => format!(
                "{}%<div class=\"meter\"><span style=\"width:{}%\"></span></div>",
                percent(p),
                percent(p)
            ),
            None => "<span class=\"muted\">—</span>".to_string(),
        };
        let id = goal
            .id
            .as_ref()
            .map(|id| format!(" <code class=\"muted\">{}</code>", xml(id)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr data-goal=\"{}\"><td>{}{id}</td><td><span class=\"badge s-{status}\">{status}</span></td><td>{deadline}</td><td>{progress}</td><td>{}</td></tr>",
            xml(&goal.key),
            xml(goal.name()),
            smart(goal)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// S M A R T badges as [`crate::ide::smart::verdict`] judges them:
/// failing letters red, unknown ones dashed, each with its reason as a
/// tooltip; then the score (none for a goal with an error) and the
/// schedule beside them. Dropped goals are not judged.
fn smart(goal: &super::GoalView) -> String {
    let verdict = &goal.smart;
    let mut out = String::from("<span class=\"smart\">");
    for (letter, mark) in &verdict.letters {
        let word = letter.word();
        let (class, title) = if !verdict.judged {
            ("skip", format!("{word}: not judged (dropped)"))
        } else {
            match mark {
                Mark::Pass => ("pass", format!("{word}: passes")),
                Mark::Fail(_) => ("fail", format!("{word}: fails. {}", plain(&mark.reason()))),
                Mark::Unknown(_) => ("unknown", format!("{word}: {}", plain(&mark.reason()))),
            }
        };
        let _ = write!(
            out,
            "<span class=\"{class}\" title=\"{}\">{}</span>",
            xml(&title),
            letter.as_char()
        );
    }
    out.push_str("</span>");
    if verdict.judged {
        match verdict.score() {
            Some(score) => {
                let _ = write!(out, " <span class=\"muted\">{score}/5</span>");
            }
            None => {
                let codes: Vec<&str> = verdict.errors.iter().map(|r| r.code()).collect();
                let _ = write!(
                    out,
                    " <span class=\"bad\" title=\"{}\">not scored: {}</span>",
                    xml(&format!("fix {} first", codes.join(", "))),
                    verdict.errors_words()
                );
            }
        }
    }
    if let Some(late) = verdict.schedule.words() {
        let _ = write!(out, " <span class=\"late\">{}</span>", xml(&late));
    }
    out
}

/// The Eisenhower matrix of the open goals.
fn priorities(out: &mut String, overview: &Overview) {
    let open: Vec<&super::GoalView> = overview
        .goals
        .iter()
        .filter(|goal| goal.quadrant.is_some())
        .collect();
    if open.is_empty() {
        return;
    }
    out.push_str("<section id=\"priorities\">\n<h2>Priorities</h2>\n");
    let placed = open
        .iter()
        .any(|goal| goal.quadrant != Some(Quadrant::Unplaced));
    if placed {
        out.push_str("<div class=\"matrix\">\n");
        for quadrant in Quadrant::MATRIX {
            let _ = write!(
                out,
                "<div class=\"quadrant q-{}\"><h3>{} <span class=\"muted\">{}</span></h3>",
                quadrant.class(),
                quadrant.title(),
                xml(quadrant.keys())
            );
            let here: Vec<String> = open
                .iter()
                .filter(|goal| goal.quadrant == Some(quadrant))
                .map(|goal| {
                    let late = if goal.overdue {
                        " <span class=\"late\">overdue</span>"
                    } else {
                        ""
                    };
                    format!("<li>{}{late}</li>", xml(goal.name()))
                })
                .collect();
            if here.is_empty() {
                out.push_str("<p class=\"muted\">none</p>");
            } else {
                let _ = write!(out, "<ul>{}</ul>", here.concat());
            }
            out.push_str("</div>\n");
        }
        out.push_str("</div>\n");
    }
    let unplaced: Vec<String> = open
        .iter()
        .filter(|goal| goal.quadrant == Some(Quadrant::Unplaced))
        .map(|goal| xml(goal.name()))
        .collect();
    if !unplaced.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"muted\">Not placed yet (no <code>urgent</code> or <code>important</code>): {}.</p>",
            unplaced.join("; ")
        );
    }
    out.push_str("</section>\n");
}

/// Step 10: the wins, newest first.
fn wins(out: &mut String, overview: &Overview) {
    out.push_str("<section id=\"wins\">\n<h2>Wins</h2>\n");
    if overview.wins.is_empty() {
        out.push_str("<p class=\"muted\">No wins recorded yet: add a [[wins]] entry when something works out, and celebrate it.</p>\n</section>\n");
        return;
    }
    out.push_str("<ul class=\"wins\">\n");
    for win in &overview.wins {
        let date = win.date.map_or("undated".to_string(), |d| d.to_string());
        let goal = win
            .goal
            .as_ref()
            .map(|goal| format!(" <span class=\"muted\">— {}</span>", xml(goal)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<li><b>{date}</b> {}{goal}</li>",
            xml(win.what.as_deref().unwrap_or("(no description)"))
        );
    }
    out.push_str("</ul>\n</section>\n");
}

fn skills(out: &mut String, overview: &Overview) {
    out.push_str("<section id=\"skills\">\n<h2>Skills: current vs required</h2>\n");
    if overview.skills.is_empty() {
        out.push_str("<p class=\"muted\">No skills assessed yet: add [[skills]] with current and required ratings (1..5).</p>\n</section>\n");
        return;
    }
    for skill in &overview.skills {
        skill_row(out, skill);
    }
    out.push_str(
        "<p class=\"muted\">Filled: current rating · hatched: the gap to the required rating.</p>\n</section>\n",
    );
}

fn skill_row(out: &mut String, skill: &SkillView) {
    let kind = skill.kind.map_or(String::new(), |kind: SkillKind| {
        format!(" <span class=\"muted\">{}</span>", kind.as_str())
    });
    let current = skill.current.unwrap_or(0).clamp(0, 5);
    let required = skill.required.unwrap_or(0).clamp(0, 5);
    let mut cells = String::new();
    for level in 1..=5 {
        let class = if level <= current {
            " class=\"have\""
        } else if level <= required {
            " class=\"gap\""
        } else {
            ""
        };
        let _ = write!(cells, "<i{class}></i>");
    }
    let rating = |r: Option<i64>| r.map_or("?".to_string(), |r| r.to_string());
    let verdict = match skill.gap() {
        Some(gap) if gap > 0 && skill.closed_by.is_empty() => {
            format!("<b class=\"bad\">gap {gap}</b>, addressed by no goal")
        }
        Some(gap) if gap > 0 => {
            let goals: Vec<String> = skill.closed_by.iter().map(|g| xml(g)).collect();
            format!(
                "<b class=\"warn\">gap {gap}</b>, closed by: {}",
                goals.join("; ")
            )
        }
        Some(_) => "<span class=\"ok\">no gap</span>".to_string(),
        None => "<span class=\"muted\">ratings incomplete</span>".to_string(),
    };
    let _ = writeln!(
        out,
        "<div class=\"skill\"><div>{}{kind}</div><div class=\"cells\" title=\"current {} of required {}\">{cells}</div><div>{} → {} · {verdict}</div></div>",
        xml(skill.label()),
        rating(skill.current),
        rating(skill.required),
        rating(skill.current),
        rating(skill.required),
    );
}

fn cadence(out: &mut String, overview: &Overview) {
    let today = overview.today;
    out.push_str("<section id=\"cadence\">\n<h2>Reviews and mentors</h2>\n<table>\n<thead><tr><th>Who / what</th><th>Every</th><th>Last</th><th>Next</th></tr></thead>\n<tbody>\n");
    let review = &overview.review;
    let next = match review.next {
        Some(next) => due_cell(next, today),
        None => "<span class=\"warn\">no review recorded</span>".to_string(),
    };
    let _ = writeln!(
        out,
        "<tr><td>Roadmap review <span class=\"muted\">({} logged)</span></td><td>{}</td><td>{}</td><td>{next}</td></tr>",
        review.count,
        review.every,
        review.last.map_or("never".to_string(), |d| d.to_string()),
    );
    for person in &overview.people {
        let role = person
            .role
            .map(|r| format!(" <span class=\"muted\">{}</span>", role_word(r)))
            .unwrap_or_default();
        let next = match person.next {
            Some(next) => due_cell(next, today),
            None => "<span class=\"muted\">no cadence set</span>".to_string(),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}{role}</td><td>{}</td><td>{}</td><td>{next}</td></tr>",
            xml(person.name.as_deref().unwrap_or("(unnamed)")),
            person.every.map_or("—".to_string(), |e| e.to_string()),
            person.last_met.map_or("—".to_string(), |d| d.to_string()),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn due_cell(date: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    let due = Due::of(date, today);
    let class = match due {
        Due::Overdue(_) => "bad",
        Due::Today => "warn",
        Due::In(days) if days <= 7 => "warn",
        Due::In(_) => "ok",
    };
    format!("{date} <span class=\"{class}\">{}</span>", due.words())
}

fn problems(out: &mut String, overview: &Overview) {
    out.push_str("<section id=\"problems\">\n<h2>Problems</h2>\n");
    if overview.problems.is_empty() {
        out.push_str("<p class=\"ok\">None: every check passes.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        out,
        "<p class=\"muted\">{} errors, {} warnings, {} info, {} hints — the same as <code>roadmap-lsp check</code> and the editor show.</p>",
        overview.count(Severity::Error),
        overview.count(Severity::Warning),
        overview.count(Severity::Info),
        overview.count(Severity::Hint)
    );
    out.push_str("<ul class=\"problems\">\n");
    for problem in &overview.problems {
        let class = match problem.severity {
            Severity::Error => "bad",
            Severity::Warning => "warn",
            Severity::Info | Severity::Hint => "muted",
        };
        let _ = writeln!(
            out,
            "<li><code>{}:{}:{}</code> <b class=\"{class}\">{}</b> <a href=\"{}\"><code>{}</code></a> {}</li>",
            xml(&overview.file),
            problem.line,
            problem.column,
            problem.severity,
            xml(&problem.url),
            problem.code,
            xml_with_code(&problem.message)
        );
    }
    out.push_str("</ul>\n</section>\n");
}
