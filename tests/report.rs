//! `roadmap-lsp report`: the structure of each format on a fixture
//! (snapshots), escaping of hostile text, reports of broken files, and the
//! command line. The picture itself is checked in headless Chromium by
//! tests/report_screenshot.rs.

mod common;

use std::path::Path;
use std::process::Command;

use expect_test::expect;
use roadmap_lsp::analyze;
use roadmap_lsp::config::Settings;
use roadmap_lsp::report::{self, Format, Overview};

fn overview_of(name: &str, text: &str) -> Overview {
    let analysis = analyze(text, common::today(), &Settings::default());
    Overview::new(name, text, &analysis)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
    .expect("fixture")
}

fn render(name: &str, format: Format) -> String {
    report::render(&overview_of(name, &fixture(name)), format)
}

/// The page as text: tags and the style sheet dropped, one line per block,
/// so the snapshot shows what a reader sees in order.
fn visible_text(html: &str) -> String {
    let body = &html[html.find("<body>").expect("a body")..];
    let mut out = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    let mut skip_svg_style = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if name == "style" {
                    skip_svg_style = !tag.starts_with('/');
                }
                let block = [
                    "h1", "h2", "p", "tr", "li", "div", "section", "header", "footer", "g", "br",
                ];
                if block.contains(&name.as_str()) && !out.ends_with('\n') {
                    out.push('\n');
                } else if !out.ends_with([' ', '\n']) {
                    out.push(' ');
                }
            }
            _ if in_tag => tag.push(c),
            _ if skip_svg_style => {}
            '\n' => {}
            _ => out.push(c),
        }
    }
    out.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The SVG as its elements: name, class and data-goal, and the text of
/// `<text>` elements; coordinates left out, so layout tweaks do not churn
/// the snapshot but a missing bar or tick does.
fn svg_outline(svg: &str) -> String {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        if tag.starts_with('/') || tag.starts_with("style") || tag.starts_with("title") {
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let attr = |key: &str| {
            let start = tag.find(&format!("{key}=\""))? + key.len() + 2;
            let end = tag[start..].find('"')? + start;
            Some(tag[start..end].to_string())
        };
        let mut line = name.clone();
        if let Some(class) = attr("class") {
            line.push_str(&format!(" .{}", class.replace(' ', ".")));
        }
        if let Some(goal) = attr("data-goal") {
            line.push_str(&format!(" [{goal}]"));
        }
        if name == "text" {
            let text = &rest[..rest.find('<').unwrap_or(0)];
            line.push_str(&format!(" {text:?}"));
        }
        if name == "line" && line == "line" {
            continue;
        }
        if name == "line" && line.contains("rm-grid") {
            continue; // One per month: noise.
        }
        out.push(line);
    }
    out.join("\n")
}

#[test]
fn html_shows_every_part_in_order() {
    let html = render("career.roadmap.toml", Format::Html);
    expect![[r#"
        Senior Project Manager by 2030
        Alex Doe
        Lead a team of five as a Senior Project Manager, earning $120,000 on a 40-hour week
        Horizon 2030-12-31 1499 days left
        Overall progress 58%
        mean of 4 goals: metric, else actions
        Goals done 1 / 4 1 todo, 2 in-progress, 1 dropped
        Actions done 3 / 7 dropped ones not counted
        Overdue 1 goals and actions
        Overall progress is the mean of the goals&#39; progress: each goal&#39;s metric (from baseline to target) when it has one, else its actions done; a done goal counts fully unless its metric fell short; a goal with neither counts as 0; dropped goals are left out.
        Timeline
        Timeline of Senior Project Manager by 2030 Apr 2026 Jul Oct Jan 2027 Apr
        Deliver five 20-minute presentations to my team — in-progress, deadline 2026-12-31, 80% done Deliver five 20-minute presentations… Finish a public speaking course — due 2026-09-30, done Present the Q4 delivery update at the December all-hands — due 2026-12-11, todo 80%
        Pass the PMP certification exam — in-progress, deadline 2027-03-31, 52% done Pass the PMP certification exam Complete the 35 contact hours of PM training — due 2026-11-15, in-progress Book the exam slot — due 2027-02-15, todo 52%
        Own the budget for one client project end to end — todo, deadline 2027-06-30, 0% done Own the budget for one client project… Ask Sam to let me shadow the Q1 forecast — due 2026-12-15, todo 0%
        Get the Certified ScrumMaster certificate — done, deadline 2026-06-30, 100% done Get the Certified ScrumMaster certifi… Two-day CSM workshop — due 2026-06-12, done Pass the CSM online test — due 2026-06-26, done 100%
        Learn about MBA programs — dropped Learn about MBA programs no dates
        today todo in progress blocked done overdue dropped unknown status action due action done action overdue
        Goals
        Goal Status Deadline Progress SMART
        Deliver five 20-minute presentations to my team speak-up in-progress 2026-12-31
        due in 38 days 80%
        S M A R T 5/5
        Pass the PMP certification exam pmp in-progress 2027-03-31
        due in 128 days 52%
        S M A R T 5/5 1 action overdue
        Own the budget for one client project end to end own-a-budget todo 2027-06-30
        due in 219 days 0%
        S M A R T 5/5
        Get the Certified ScrumMaster certificate scrum-cert done 2026-06-30 100%
        S M A R T 5/5
        Learn about MBA programs mba dropped none — S M A R T
        Priorities
        Do first urgent and important
        none
        Schedule important, not urgent
        Deliver five 20-minute presentations to my team
        Pass the PMP certification exam
        Own the budget for one client project end to end
        Delegate urgent, not important
        none
        Drop or do later neither urgent nor important
        none
        Skills: current vs required
        Public speaking soft
        2 → 4 · gap 2 , closed by: Deliver five 20-minute presentations to my team
        Project budgeting and forecasting hard
        2 → 4 · gap 2 , closed by: Pass the PMP certification exam; Own the budget for one client project end to end
        Stakeholder management soft
        2 → 4 · gap 2 , addressed by no goal
        Agile delivery hard
        4 → 4 · no gap
        Filled: current rating · hatched: the gap to the required rating.
        Reviews and mentors
        Who / what Every Last Next
        Roadmap review (3 logged) 1 month 2026-10-30 2026-11-30 due in 7 days
        Jordan Lee mentor 1 month 2026-11-06 2026-12-06 due in 13 days
        Priya Raman sponsor 1 month 2026-08-20 2026-09-20 64 days overdue
        Sam Okafor contact — — no cadence set
        Wins
        2026-10-21 Ran the billing-migration demo for the client without notes — Deliver five 20-minute presentations to my team
        2026-09-30 Finished the course — Deliver five 20-minute presentations to my team
        2026-06-26 Passed the CSM test first try — Get the Certified ScrumMaster certificate
        Problems
        0 errors, 2 warnings, 1 info, 0 hints — the same as roadmap-lsp check and the editor show.
        career.roadmap.toml:31:6 warning unaddressed-gap skill &quot;stakeholder-management&quot; has a gap of 2 (current 2, required 4) that no goal addresses: add a goal with skills = [&quot;stakeholder-management&quot;] , or list it in an existing goal&#39;s skills
        career.roadmap.toml:103:7 warning overdue action &quot;Complete the 35 contact hours of PM training&quot; was due 2026-11-15 (8 days ago) and is still in-progress: mark it done, or move the due date
        career.roadmap.toml:202:12 info mentor-overdue you last met Priya Raman on 2026-08-20 (95 days ago), and planned to meet every 1 month: schedule a meeting, then update last_met
        career.roadmap.toml · as of 2026-11-23 · roadmap-lsp 0.1.0"#]]
    .assert_eq(&visible_text(&html));
}

#[test]
fn the_svg_timeline_has_a_bar_per_goal_ticks_and_today() {
    let svg = render("career.roadmap.toml", Format::Svg);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    expect![[r#"
        svg .rm-tl
        text .rm-muted "Apr 2026"
        text .rm-muted "Jul"
        text .rm-muted "Oct"
        text .rm-muted "Jan 2027"
        text .rm-muted "Apr"
        g .rm-goal [speak-up]
        circle .rm-s-in-progress
        text "Deliver five 20-minute presentations…"
        rect .rm-track.rm-s-in-progress
        rect .rm-progress.rm-s-in-progress
        path .rm-tick.rm-tick-done
        path .rm-tick.rm-tick-open
        text .rm-muted.rm-label "80%"
        g .rm-goal [pmp]
        circle .rm-s-in-progress
        text "Pass the PMP certification exam"
        rect .rm-track.rm-s-in-progress
        rect .rm-progress.rm-s-in-progress
        path .rm-tick.rm-tick-overdue
        path .rm-tick.rm-tick-open
        text .rm-muted.rm-label "52%"
        g .rm-goal [own-a-budget]
        circle .rm-s-todo
        text "Own the budget for one client project…"
        rect .rm-track.rm-s-todo
        path .rm-tick.rm-tick-open
        text .rm-muted.rm-label "0%"
        g .rm-goal [scrum-cert]
        circle .rm-s-done
        text "Get the Certified ScrumMaster certifi…"
        rect .rm-track.rm-s-done
        rect .rm-progress.rm-s-done
        path .rm-tick.rm-tick-done
        path .rm-tick.rm-tick-done
        text .rm-muted.rm-label "100%"
        g .rm-goal [mba]
        circle .rm-s-dropped
        text .rm-muted "Learn about MBA programs"
        text .rm-muted "no dates"
        line .rm-today
        text .rm-today-label "today"
        rect .rm-s-todo
        text .rm-muted "todo"
        rect .rm-s-in-progress
        text .rm-muted "in progress"
        rect .rm-s-blocked
        text .rm-muted "blocked"
        rect .rm-s-done
        text .rm-muted "done"
        rect .rm-s-overdue
        text .rm-muted "overdue"
        rect .rm-s-dropped
        text .rm-muted "dropped"
        rect .rm-s-unknown
        text .rm-muted "unknown status"
        path .rm-tick.rm-tick-open
        text .rm-muted "action due"
        path .rm-tick.rm-tick-done
        text .rm-muted "action done"
        path .rm-tick.rm-tick-overdue
        text .rm-muted "action overdue""#]]
    .assert_eq(&svg_outline(&svg));
}

#[test]
fn markdown_has_a_table_and_a_mermaid_gantt() {
    let markdown = render("career.roadmap.toml", Format::Markdown);
    expect![[r##"
        # Senior Project Manager by 2030

        > Lead a team of five as a Senior Project Manager, earning $120,000 on a 40-hour week

        **Owner:** Alex Doe · **Horizon:** 2030-12-31 (1499 days left) · **Overall progress:** 58% (mean of 4 goals) · **Goals done:** 1 of 4 · **Actions done:** 3 of 7 · **As of:** 2026-11-23

        Overall progress is the mean of the goals' progress: each goal's metric (from baseline to target) when it has one, else its actions done; a done goal counts fully unless its metric fell short; a goal with neither counts as 0; dropped goals are left out.

        | Goal | Status | Deadline | Progress | SMART |
        |---|---|---|---|---|
        | Deliver five 20-minute presentations to my team | in-progress | 2026-12-31 (due in 38 days) | 80% | ✓ all five |
        | Pass the PMP certification exam | in-progress | 2027-03-31 (due in 128 days) | 52% | ✓ all five · 1 action overdue |
        | Own the budget for one client project end to end | todo | 2027-06-30 (due in 219 days) | 0% | ✓ all five |
        | Get the Certified ScrumMaster certificate | done | 2026-06-30 | 100% | ✓ all five |
        | Learn about MBA programs | dropped | none | — | not judged |

        ## Priorities

        - **Do first** (urgent and important): none
        - **Schedule** (important, not urgent): Deliver five 20-minute presentations to my team; Pass the PMP certification exam; Own the budget for one client project end to end
        - **Delegate** (urgent, not important): none
        - **Drop or do later** (neither urgent nor important): none

        ```mermaid
        gantt
            title Senior Project Manager by 2030
            dateFormat YYYY-MM-DD
            axisFormat %b %Y
            todayMarker off
            section As of
            2026-11-23 : milestone, today, 2026-11-23, 0d
            section Deliver five 20-minute presentations to…
            in-progress 80% : active, g1, 2026-08-01, 2026-12-31
            Finish a public speaking course : milestone, done, 2026-09-30, 0d
            Present the Q4 delivery update at the D… : milestone, 2026-12-11, 0d
            section Pass the PMP certification exam
            in-progress 52% : active, g2, 2026-09-01, 2027-03-31
            Complete the 35 contact hours of PM tra… : milestone, crit, 2026-11-15, 0d
            Book the exam slot : milestone, 2027-02-15, 0d
            section Own the budget for one client project e…
            todo 0% : g3, 2026-10-01, 2027-06-30
            Ask Sam to let me shadow the Q1 forecast : milestone, 2026-12-15, 0d
            section Get the Certified ScrumMaster certifica…
            done 100% : done, g4, 2026-04-01, 2026-06-30
            Two-day CSM workshop : milestone, done, 2026-06-12, 0d
            Pass the CSM online test : milestone, done, 2026-06-26, 0d
        ```

        ## Skill gaps

        - Public speaking: gap 2, closed by Deliver five 20-minute presentations to my team
        - Project budgeting and forecasting: gap 2, closed by Pass the PMP certification exam; Own the budget for one client project end to end
        - Stakeholder management: gap 2, addressed by no goal

        ## Wins

        - **2026-10-21** Ran the billing-migration demo for the client without notes — Deliver five 20-minute presentations to my team
        - **2026-09-30** Finished the course — Deliver five 20-minute presentations to my team
        - **2026-06-26** Passed the CSM test first try — Get the Certified ScrumMaster certificate

        ## Problems

        - `career.roadmap.toml:31` warning [`unaddressed-gap`](https://github.com/roadmap-lsp/roadmap-lsp/blob/main/docs/rules.md#unaddressed-gap): skill "stakeholder-management" has a gap of 2 (current 2, required 4) that no goal addresses: add a goal with `skills = ["stakeholder-management"]`, or list it in an existing goal's skills
        - `career.roadmap.toml:103` warning [`overdue`](https://github.com/roadmap-lsp/roadmap-lsp/blob/main/docs/rules.md#overdue): action "Complete the 35 contact hours of PM training" was due 2026-11-15 (8 days ago) and is still in-progress: mark it done, or move the due date
        - `career.roadmap.toml:202` info [`mentor-overdue`](https://github.com/roadmap-lsp/roadmap-lsp/blob/main/docs/rules.md#mentor-overdue): you last met Priya Raman on 2026-08-20 (95 days ago), and planned to meet every 1 month: schedule a meeting, then update `last_met`

    "##]].assert_eq(&markdown);
}

/// Titles, names and notes that try to break out of every format.
const HOSTILE: &str = r#"[roadmap]
title = "</title><script>alert('t')</script>"
owner = "\"><img src=x onerror=alert(1)>"
vision = "]]><svg onload=alert(2)> & <!-- \u0001 -->"
horizon = 2027-12-31

[[skills]]
id = "xss"
name = "<b>bold</b> | pipe"
current = 1
required = 3

[[goals]]
id = "a\"><script>"
title = "Ship: v2; done\n    crit, x, 2020-01-01, 1d %% #9829; <script>alert(3)</script>"
why = "x"
skills = ["xss"]
start = 2026-01-01
deadline = 2026-06-30
status = "in-progress"

[[goals.actions]]
task = "```\n</script><script>alert(4)</script> [x](javascript:alert(5))"
due = 2026-03-01

[[people]]
name = "<iframe src=//evil>"
role = "mentor"
meet_every = "1 month"
last_met = 2026-01-01
"#;

#[test]
fn user_text_cannot_inject_markup_in_html_or_svg() {
    let overview = overview_of("<evil>.roadmap.toml", HOSTILE);
    for format in [Format::Html, Format::Svg] {
        let out = report::render(&overview, format);
        for forbidden in [
            "<script",
            "<img",
            "<iframe",
            "<svg onload",
            "<!--",
            "<b>bold",
            "\u{1}",
            "]]>",
        ] {
            assert!(
                !out.contains(forbidden),
                "{format:?} contains {forbidden:?}"
            );
        }
        // The only elements are the renderer's own.
        let allowed = [
            "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "main", "header", "h1",
            "h2", "p", "div", "b", "span", "section", "svg", "line", "text", "g", "circle", "rect",
            "path", "table", "thead", "tbody", "tr", "th", "td", "br", "code", "ul", "li", "a",
            "i", "footer",
        ];
        for tag in out.split('<').skip(1) {
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect();
            let name = if name == "!DOCTYPE" {
                name
            } else {
                name.to_lowercase()
            };
            assert!(allowed.contains(&name.as_str()), "{format:?}: <{tag:.40}");
        }
        assert!(out.contains("&lt;script&gt;"), "{format:?} shows the text");
    }
}

#[test]
fn the_html_page_loads_nothing_from_anywhere() {
    let html = render("career.roadmap.toml", Format::Html);
    for forbidden in [
        "<script", "<link", "src=", "@import", "url(", "<iframe", "<img",
    ] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    assert!(html.contains("@media (prefers-color-scheme:dark)"));
    assert!(html.contains("@media print"));
    // Every outside reference is a rule's documentation link.
    for (at, _) in html.match_indices("http") {
        let before = &html[..at];
        assert!(
            before.ends_with("href=\"") || before.ends_with("xmlns=\""),
            "unexpected URL at {}",
            &html[at..(at + 60).min(html.len())]
        );
    }
}

#[test]
fn user_text_cannot_break_the_mermaid_block_or_the_markdown() {
    let markdown = report::render(&overview_of("x.roadmap.toml", HOSTILE), Format::Markdown);
    let open = markdown.find("```mermaid\n").expect("a gantt block") + "```mermaid\n".len();
    let close = markdown[open..].find("```").expect("closed") + open;
    let block = &markdown[open..close];
    for line in block.lines().skip(1) {
        let line = line.trim();
        let keyword = [
            "title ",
            "dateFormat ",
            "axisFormat ",
            "todayMarker ",
            "section ",
        ]
        .iter()
        .any(|k| line.starts_with(k));
        if !keyword {
            assert_eq!(line.matches(':').count(), 1, "a task line: {line}");
        }
        assert!(!line.contains(';') && !line.contains('#') && !line.contains("%%"));
        assert!(!line.contains('<'), "{line}");
    }
    // Exactly one fenced block opens and closes: the task text did not.
    assert_eq!(markdown.matches("```").count(), 2, "{markdown}");
    assert!(!markdown.contains("<script"));
    // `\]` is an escaped bracket, not the end of a link text.
    assert!(!markdown.replace("\\]", "").contains("](javascript"));
}

#[test]
fn overdue_goals_are_red_with_the_lateness_drawn() {
    let svg = report::render(&overview_of("x.roadmap.toml", HOSTILE), Format::Svg);
    assert!(svg.contains("rm-overdue-outline"));
    assert!(svg.contains("class=\"rm-late\""));
    assert!(svg.contains("rm-tick-overdue"));
}

#[test]
fn broken_and_partial_files_still_render() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut texts: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            name.ends_with(".roadmap.toml")
                .then(|| (name, std::fs::read_to_string(&path).expect("UTF-8")))
        })
        .collect();
    // Every cut of a realistic file, mid-line included.
    let career = fixture("career.roadmap.toml");
    for cut in (0..career.len()).step_by(97) {
        if career.is_char_boundary(cut) {
            texts.push((format!("cut at {cut}"), career[..cut].to_string()));
        }
    }
    texts.push(("empty".into(), String::new()));
    texts.push((
        "nonsense".into(),
        "[[goals]]\nstart = 2030-01-01\ndeadline = 2020-01-01\n[[skills]]\ncurrent = 99\nrequired = -4\n".into(),
    ));
    for (name, text) in texts {
        let overview = overview_of(&name, &text);
        for format in [Format::Html, Format::Svg, Format::Markdown] {
            let out = report::render(&overview, format);
            assert!(!out.is_empty(), "{name} {format:?}");
        }
    }
}

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"));
    command.env_remove("ROADMAP_TODAY");
    command
}

#[test]
fn the_command_writes_each_format_and_follows_the_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roadmap = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/career.roadmap.toml");
    for (file, start) in [
        ("r.html", "<!DOCTYPE html>"),
        ("r.svg", "<svg xmlns"),
        ("r.md", "# Senior Project Manager by 2030"),
    ] {
        let out = dir.path().join(file);
        let output = binary()
            .arg("report")
            .arg(&roadmap)
            .args(["--today", common::TODAY, "-o"])
            .arg(&out)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        let written = std::fs::read_to_string(&out).expect("written");
        assert!(written.starts_with(start), "{file}: {written:.80}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("wrote "), "{stderr}");
    }
    // `-o -`: stdout, in the format asked for.
    let output = binary()
        .arg("report")
        .arg(&roadmap)
        .args(["--today", common::TODAY, "--format", "svg", "-o", "-"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("<svg"));
    // Without -o, piped or not: a file named after the roadmap, here.
    for (format, file) in [
        ("html", "career.report.html"),
        ("markdown", "career.report.md"),
    ] {
        let output = binary()
            .current_dir(dir.path())
            .arg("report")
            .arg(&roadmap)
            .args(["--today", common::TODAY, "--format", format])
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        assert!(output.stdout.is_empty());
        assert!(dir.path().join(file).is_file(), "{file}");
    }
}

#[test]
fn unreadable_input_is_one_error_line_and_status_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = binary()
        .current_dir(dir.path())
        .args(["report", "nope.roadmap.toml"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(
        stderr.trim(),
        "error: nope.roadmap.toml: No such file or directory"
    );
    let folder = binary()
        .current_dir(dir.path())
        .args(["report", "."])
        .output()
        .expect("runs");
    assert_eq!(folder.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&folder.stderr).contains("is a folder"));
    let unwritable = binary()
        .current_dir(dir.path())
        .arg("report")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/career.roadmap.toml"))
        .args(["-o", "no/such/dir/r.html"])
        .output()
        .expect("runs");
    assert_eq!(unwritable.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unwritable.stderr).starts_with("error: no/such/dir/r.html: "));
}

/// Step 10 and step 6 are visible, and a done goal shows what its metric
/// says rather than 100%.
#[test]
fn wins_quadrants_and_the_real_progress_of_a_done_goal() {
    let text = r#"[roadmap]
vision = "Lead the platform team of five engineers by 2028"

[[goals]]
id = "airflow"
title = "Move the 9 billing jobs to Airflow"
status = "done"
[goals.metric]
unit = "jobs"
target = 9
current = 2

[[goals]]
id = "fire"
title = "Fix the 3 paging alerts"
urgent = true
important = true

[[goals]]
id = "docs"
title = "Write 4 runbooks"
important = true

[[goals]]
id = "ask"
title = "Answer 10 partner tickets"
urgent = true
important = false

[[goals]]
id = "loose"
title = "Tidy 20 old tickets"

[[wins]]
date = 2026-09-30
what = "Moved the <invoice> jobs"
goal = "airflow"

[[wins]]
date = 2026-11-02
what = "First runbook reviewed"
"#;
    let overview = overview_of("t.roadmap.toml", text);
    assert_eq!(overview.goals[0].progress, Some(2.0 / 9.0));
    let html = report::render(&overview, Format::Html);
    let page = visible_text(&html);
    for shown in [
        "Move the 9 billing jobs to Airflow airflow done none 22%",
        "Do first urgent and important\nFix the 3 paging alerts",
        "Schedule important, not urgent\nWrite 4 runbooks",
        "Delegate urgent, not important\nAnswer 10 partner tickets",
        "Not placed yet (no urgent or important ): Tidy 20 old tickets.",
        "Wins\n2026-11-02 First runbook reviewed\n2026-09-30 Moved the &lt;invoice&gt; jobs — Move the 9 billing jobs to Airflow",
    ] {
        assert!(page.contains(shown), "{shown:?} not in\n{page}");
    }
    let markdown = report::render(&overview, Format::Markdown);
    for shown in [
        "| Move the 9 billing jobs to Airflow | done | none | 22% |",
        "- **Do first** (urgent and important): Fix the 3 paging alerts",
        "- **Not placed** (no `urgent` or `important` yet): Tidy 20 old tickets",
        "## Wins\n\n- **2026-11-02** First runbook reviewed\n- **2026-09-30** Moved the &lt;invoice&gt; jobs — Move the 9 billing jobs to Airflow",
        "Overall progress is the mean of the goals' progress",
    ] {
        assert!(markdown.contains(shown), "{shown:?} not in\n{markdown}");
    }
}

/// The checks write keys and values between backticks: code in HTML, code
/// spans in Markdown, never literal backticks.
#[test]
fn code_in_messages_is_rendered_as_code() {
    let text = "[roadmap]\nvision = \"Lead the platform team by 2028\"\n[[goals]]\nid = \"a\"\ntitle = \"Run 3 workshops\"\n";
    let overview = overview_of("t.roadmap.toml", text);
    let html = report::render(&overview, Format::Html);
    let problems = &html[html.find("id=\"problems\"").expect("problems")..];
    assert!(
        problems.contains("<code>why = &quot;…&quot;</code>"),
        "{problems}"
    );
    assert!(!problems.contains('`'), "{problems}");
    let markdown = report::render(&overview, Format::Markdown);
    assert!(markdown.contains("add `why = \"…\"` or list"), "{markdown}");
    assert!(!markdown.contains("\\`"), "{markdown}");
}

/// Labels in the timeline never sit on a diamond or on the red stretch of
/// an overdue goal, whichever side they end up on.
#[test]
fn timeline_labels_keep_clear_of_what_the_row_draws() {
    for name in [
        "every-check.roadmap.toml",
        "team.roadmap.toml",
        "career.roadmap.toml",
        "unicode.roadmap.toml",
    ] {
        let svg = render(name, Format::Svg);
        for row in svg.split("<g class=\"rm-goal\"").skip(1) {
            let row = &row[..row.find("</g>").expect("a closed row")];
            let number = |attribute: &str, tag: &str| -> Vec<f64> {
                row.split(tag)
                    .skip(1)
                    .filter_map(|rest| {
                        let start = rest.find(attribute)? + attribute.len();
                        let end = rest[start..].find(['"', ' ', 'l'])? + start;
                        rest[start..end].parse().ok()
                    })
                    .collect()
            };
            let ticks = number("d=\"M", "<path class=\"rm-tick");
            let late_x = number("x=\"", "<rect class=\"rm-late\"");
            let late_width = number("width=\"", "<rect class=\"rm-late\"");
            let Some(label) = row.split("rm-label\"").nth(1) else {
                continue;
            };
            let x: f64 = label
                .split("x=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .and_then(|x| x.parse().ok())
                .expect("the label's x");
            let start = label.contains("text-anchor=\"start\"");
            let mut taken: Vec<(f64, f64)> = ticks.iter().map(|t| (t - 4.0, t + 4.0)).collect();
            if let (Some(x), Some(w)) = (late_x.first(), late_width.first()) {
                taken.push((*x, x + w));
            }
            for (from, to) in taken {
                let clear = if start {
                    x >= to + 4.0
                } else {
                    x <= from - 4.0
                };
                assert!(clear, "{name}: label at {x} over [{from}, {to}] in {row}");
            }
        }
    }
}
