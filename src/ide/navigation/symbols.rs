//! The outline of a roadmap: goals with their metric and actions, skills,
//! reviews, people, wins, and the `[roadmap]` and `[lint]` tables, in the
//! order they are written.

use compact_str::CompactString;

use super::{content_extent, name_span};
use crate::analysis::Analysis;
use crate::model::{Action, Field, Goal, Metric, Review, Role, Skill, Win};
use crate::span::Span;

/// One entry of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// Never empty (editors reject empty names): a placeholder such as
    /// "untitled goal" stands in for a missing title.
    pub name: String,
    /// Shown greyed after the name: status and deadline, gap, role…
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole table, sub-tables included, up to its last entry.
    pub span: Span,
    /// What the editor selects when the symbol is picked: the title or id
    /// inside its quotes, else the header. Always inside `span`.
    pub selection: Span,
    pub children: Vec<Symbol>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Roadmap,
    Goal,
    Action,
    Metric,
    Skill,
    Review,
    Person,
    Win,
    Lint,
}

/// The outline, as a tree in file order. Items whose table is broken still
/// appear with what could be read of them.
pub fn document_symbols(analysis: &Analysis) -> Vec<Symbol> {
    let roadmap = &analysis.roadmap;
    let tree = &analysis.tree;
    let symbol = |kind, header: Span, name: String, detail, selection: Option<Span>| {
        let selection = selection.unwrap_or(header);
        Symbol {
            name,
            detail,
            kind,
            // A table of dotted keys (`metric.target = 1`) starts at its
            // first key, and editors reject a selection outside the span.
            span: content_extent(tree, header).cover(selection),
            selection,
            children: Vec::new(),
        }
    };
    let mut symbols = Vec::new();
    if let Some(meta) = &roadmap.meta {
        symbols.push(symbol(
            SymbolKind::Roadmap,
            meta.header,
            text_or(&meta.title, "roadmap"),
            meta.owner.as_ref().map(|owner| one_line(&owner.value)),
            meta.title.as_ref().map(name_span),
        ));
    }
    if let Some(lint) = tree
        .sections
        .iter()
        .filter_map(|section| section.header.as_ref())
        .find(|header| header.key.dotted() == "lint")
    {
        symbols.push(symbol(
            SymbolKind::Lint,
            lint.span,
            "lint".to_string(),
            None,
            None,
        ));
    }
    for skill in &roadmap.skills {
        symbols.push(symbol(
            SymbolKind::Skill,
            skill.header,
            skill_name(skill),
            skill_detail(skill),
            skill.id.as_ref().or(skill.name.as_ref()).map(name_span),
        ));
    }
    let verdicts = crate::ide::smart::verdicts(analysis);
    for (index, goal) in roadmap.goals.iter().enumerate() {
        let mut goal_symbol = symbol(
            SymbolKind::Goal,
            goal.header,
            goal_name(goal),
            Some(goal_detail(goal, &verdicts[index])),
            goal.title.as_ref().or(goal.id.as_ref()).map(name_span),
        );
        if let Some(metric) = &goal.metric {
            goal_symbol.children.push(symbol(
                SymbolKind::Metric,
                metric.header,
                text_or(&metric.measure, "metric"),
                metric_detail(metric),
                metric.measure.as_ref().map(name_span),
            ));
        }
        for action in &goal.actions {
            goal_symbol.children.push(symbol(
                SymbolKind::Action,
                action.header,
                text_or(&action.task, "untitled action"),
                Some(action_detail(action)),
                action.task.as_ref().map(name_span),
            ));
        }
        goal_symbol.children.sort_by_key(|child| child.span.start());
        symbols.push(goal_symbol);
    }
    for review in &roadmap.reviews {
        symbols.push(symbol(
            SymbolKind::Review,
            review.header,
            review_name(review),
            review.notes.as_ref().map(|notes| shortened(&notes.value)),
            review.date.as_ref().map(|date| date.span),
        ));
    }
    for person in &roadmap.people {
        symbols.push(symbol(
            SymbolKind::Person,
            person.header,
            text_or(&person.name, "unnamed person"),
            person
                .role
                .as_ref()
                .map(|role| role_name(role.value).to_string()),
            person.name.as_ref().map(name_span),
        ));
    }
    for win in &roadmap.wins {
        symbols.push(symbol(
            SymbolKind::Win,
            win.header,
            text_or(&win.what, "win"),
            win_detail(win),
            win.what.as_ref().map(name_span),
        ));
    }
    symbols.sort_by_key(|symbol| symbol.span.start());
    symbols
}

/// A text field on one line, or `fallback` if it is missing or blank.
fn text_or(field: &Option<Field<CompactString>>, fallback: &str) -> String {
    field
        .as_ref()
        .map(|field| one_line(&field.value))
        .filter(|text| !text.is_empty())
        .unwrap_or_else(|| fallback.to_string())
}

/// The first non-blank line, trimmed: a multi-line title shows its start.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("")
        .to_string()
}

/// A long note cut to a few words, on a character boundary.
fn shortened(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let line = one_line(text);
    match line.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line,
    }
}

fn goal_name(goal: &Goal) -> String {
    let id = text_or(&goal.id, "untitled goal");
    text_or(&goal.title, &id)
}

/// "in-progress · due 2026-12-31 · SMART 4/5 ✗M": where the goal stands
/// at a glance, its letters as the hover and the report judge them.
fn goal_detail(goal: &Goal, verdict: &crate::ide::smart::Verdict) -> String {
    let status = goal
        .status()
        .map_or("unknown status", |status| status.as_str());
    let mut detail = match &goal.deadline {
        Some(deadline) => format!("{status} · due {}", deadline.value),
        None => format!("{status} · no deadline"),
    };
    if !goal.is_dropped() {
        detail.push_str(" · ");
        detail.push_str(&verdict.short());
    }
    detail
}

fn action_detail(action: &Action) -> String {
    let status = action
        .status()
        .map_or("unknown status", |status| status.as_str());
    match &action.due {
        Some(due) => format!("{status} · due {}", due.value),
        None => status.to_string(),
    }
}

/// "6 of 10 interviews".
fn metric_detail(metric: &Metric) -> Option<String> {
    let target = metric.target.as_ref()?.value;
    let current = metric
        .current
        .as_ref()
        .or(metric.baseline.as_ref())
        .map_or(0.0, |field| field.value);
    let unit = metric
        .unit
        .as_ref()
        .map(|unit| one_line(&unit.value))
        .filter(|unit| !unit.is_empty())
        .map(|unit| format!(" {unit}"))
        .unwrap_or_default();
    let counts_down = metric.baseline.as_ref().is_some_and(|b| target < b.value);
    Some(if counts_down {
        format!("{current}{unit}, toward {target}")
    } else {
        format!("{current} of {target}{unit}")
    })
}

/// Skills are named by id, since that is how goals refer to them.
fn skill_name(skill: &Skill) -> String {
    let name = text_or(&skill.name, "unnamed skill");
    text_or(&skill.id, &name)
}

/// "英語 (English) · gap 2": the long name when the id is shown, and the gap.
fn skill_detail(skill: &Skill) -> Option<String> {
    let mut parts = Vec::new();
    if skill.id.is_some()
        && let Some(name) = &skill.name
    {
        parts.push(one_line(&name.value));
    }
    match skill.gap() {
        Some(gap) if gap > 0 => parts.push(format!("gap {gap}")),
        Some(_) => parts.push("no gap".to_string()),
        None => {}
    }
    parts.retain(|part| !part.is_empty());
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn review_name(review: &Review) -> String {
    review
        .date
        .as_ref()
        .map_or_else(|| "review".to_string(), |date| date.value.to_string())
}

fn role_name(role: Role) -> &'static str {
    role.as_str()
}

/// "2026-11-06 · rust-oss": when, and for which goal.
fn win_detail(win: &Win) -> Option<String> {
    let parts: Vec<String> = [
        win.date.as_ref().map(|date| date.value.to_string()),
        win.goal.as_ref().map(|goal| one_line(&goal.value)),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.is_empty())
    .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;
    use crate::ide::navigation::test_support::ends;

    fn outline(text: &str) -> String {
        let analysis = fixture::analysis(text);
        let mut out = String::new();
        render(text, &document_symbols(&analysis), 0, &mut out);
        out
    }

    fn render(text: &str, symbols: &[Symbol], depth: usize, out: &mut String) {
        for symbol in symbols {
            assert!(
                symbol.span.start() <= symbol.selection.start()
                    && symbol.selection.end() <= symbol.span.end(),
                "the selection of {} lies outside its span",
                symbol.name
            );
            let detail = symbol
                .detail
                .as_ref()
                .map(|detail| format!(" ({detail})"))
                .unwrap_or_default();
            out.push_str(&format!(
                "{:indent$}{:?} {}{detail} span `{}` select `{}`\n",
                "",
                symbol.kind,
                symbol.name,
                ends(text, symbol.span),
                &text[symbol.selection.range()],
                indent = depth * 2
            ));
            render(text, &symbol.children, depth + 1, out);
        }
    }

    #[test]
    fn goals_hold_their_metric_and_actions() {
        expect_test::expect![[r#"
            Roadmap Senior PM by 2030 (Alex Doe) span `[roadmap] … owner = "Alex Doe"` select `Senior PM by 2030`
            Skill public-speaking (Public speaking · gap 2) span `[[skills]] … required = 4` select `public-speaking`
            Goal Deliver a 20-minute presentation (in-progress · due 2026-12-31 · SMART 4/5 ✗R) span `[[goals]] … status = "done"` select `Deliver a 20-minute presentation`
              Metric presentations delivered (0 of 1 presentations) span `[goals.metric] … current = 0` select `presentations delivered`
              Action Finish a course (done · due 2026-09-30) span `[[goals.actions]] … status = "done"` select `Finish a course`
            Goal untitled goal (in-progress · no deadline · SMART 3/5 ✗R ✗T) span `[[goals]] … status = "wip"` select `[[goals]]`
            Review 2026-10-30 (On track; moved the course earlier than…) span `[[reviews]] … notes = "On track; moved the course earlier than planned, which freed October."` select `2026-10-30`
            Person Jordan Lee (mentor) span `[[people]] … role = "mentor"` select `Jordan Lee`
            Win Finished the course (2026-09-30 · speak-up) span `[[wins]] … goal = "speak-up"` select `Finished the course`
            Lint lint span `[lint] … rules = { vague-goal = "off" }` select `[lint]`
        "#]].assert_eq(&outline(
            r#"[roadmap]
title = "Senior PM by 2030"
owner = "Alex Doe"

[[skills]]
id = "public-speaking"
name = "Public speaking"
current = 2
required = 4

[[goals]]
id = "speak-up"
title = "Deliver a 20-minute presentation"
deadline = 2026-12-31
status = "in-progress"

[goals.metric]
measure = "presentations delivered"
unit = "presentations"
target = 1
current = 0

[[goals.actions]]
task = "Finish a course"
due = 2026-09-30
status = "done"

# The next goal has neither title nor id.
[[goals]]
status = "wip"

[[reviews]]
date = 2026-10-30
notes = "On track; moved the course earlier than planned, which freed October."

[[people]]
name = "Jordan Lee"
role = "mentor"

[[wins]]
date = 2026-09-30
what = "Finished the course"
goal = "speak-up"

[lint]
rules = { vague-goal = "off" }
"#,
        ));
    }

    #[test]
    fn goals_around_a_broken_line_are_all_there() {
        expect_test::expect![[r#"
            Roadmap Engineering manager in two years (Mina Park) span `[roadmap] … last_review = 2026-11-09` select `Engineering manager in two years`
            Skill hiring (gap 2) span `[[skills]] … required = 4` select `hiring`
            Skill swift (no gap) span `[[skills]] … required = 4` select `swift`
            Goal Run 10 structured interviews for the iOS team (in-progress · due 2027-01-29 · SMART 5/5) span `[[goals]] … status = "todo"` select `Run 10 structured interviews for the iOS team`
              Metric interviews run as lead interviewer (6 of 10 interviews) span `[goals.metric] … current = 6` select `interviews run as lead interviewer`
              Action Finish the interviewer training (todo · due 2026-11-13) span `[[goals.actions]] … status = "todo"` select `Finish the interviewer training`
            Goal Hold weekly 1:1s with the 2 interns (unknown status · due 2027-01-29 · SMART not scored: 1 error ?M ?A) span `[[goals]] … current = 8` select `Hold weekly 1:1s with the 2 interns`
              Metric 1:1s held (8 of 16 meetings) span `[goals.metric] … current = 8` select `1:1s held`
            Goal Move the iOS app to a 2-week release train (in-progress · no deadline · SMART not scored: 1 error ?A ?T) span `[[goals]] … status = "todo"` select `Move the iOS app to a 2-week release train`
              Action Agree the branch cut day with QA (todo · due 2026-12-04) span `[[goals.actions]] … status = "todo"` select `Agree the branch cut day with QA`
            Goal Port the settings screens to SwiftUI in 3 sprints (todo · due 2027-02-26 · SMART not scored: 1 error) span `[[goals]] … status = "todo"` select `Port the settings screens to SwiftUI in 3 sprints`
              Action Port the notification settings screen (todo · due 2026-12-11) span `[[goals.acitons]] … status = "todo"` select `Port the notification settings screen`
            Goal Sit on 4 hiring panels for the Android team (in-progress · due 2027-03-31 · SMART 5/5) span `[[goals]] … status = "todo"` select `Sit on 4 hiring panels for the Android team`
              Metric hiring panels joined (2 of 4 panels) span `[goals.metric] … current = 2` select `hiring panels joined`
              Action Tell the Android EM I am available on Thursdays (todo · due 2026-12-04) span `[[goals.actions]] … status = "todo"` select `Tell the Android EM I am available on Thursdays`
            Review 2026-11-09 (Interview training slipped; the interns…) span `[[reviews]] … notes = "Interview training slipped; the interns started."` select `2026-11-09`
            Person Grace Obi (mentor) span `[[people]] … last_met = 2026-11-12` select `Grace Obi`
        "#]].assert_eq(&outline(include_str!(
            "../../../fixtures/broken-mid-edit.roadmap.toml"
        )));
    }

    #[test]
    fn an_unclosed_string_does_not_hide_the_next_goal() {
        expect_test::expect![[r#"
            Goal first (todo · no deadline · SMART not scored: 1 error ?S ?M ✗R ✗T) span `[[goals]] … title = "Ship the ` select `first`
            Goal Run 3 demos (todo · no deadline · SMART 3/5 ✗R ✗T) span `[[goals]] … title = "Run 3 demos"` select `Run 3 demos`
        "#]].assert_eq(&outline(
            "[[goals]]\nid = \"first\"\ntitle = \"Ship the \n\n[[goals]]\nid = \"second\"\ntitle = \"Run 3 demos\"\n",
        ));
    }

    #[test]
    fn emoji_and_cjk_titles_are_named_and_selected_whole() {
        expect_test::expect![[r#"
            Roadmap 🚀 2028年までにテックリードになる (佐藤 葵 (Aoi Sato)) span `[roadmap] … last_review = 2026-11-10` select `🚀 2028年までにテックリードになる`
            Skill english (英語 (English) · gap 2) span `[[skills]] … evidence = "会議で発言できない"` select `english`
            Skill rust (Rust · gap 1) span `[[skills]] … required = 4` select `rust`
            Skill mentoring (指导新人 (mentoring) · no gap) span `[[skills]] … required = 3` select `mentoring`
            Goal TOEICで850点を取る 🚀 (in-progress · due 2027-06-30 · SMART 5/5) span `[[goals]] … owner = "me"` select `TOEICで850点を取る 🚀`
              Metric TOEIC L&R スコア (720 of 850 点) span `[goals.metric] … current = 720` select `TOEIC L&R スコア`
              Action 公式問題集を毎週1回分解く (in-progress · due 2027-05-28) span `[[goals.actions]] … owner = "me"` select `公式問題集を毎週1回分解く`
            Goal 英語を頑張る (in-progress · due 2027-03-31 · SMART 5/5) span `[[goals]] … status = "todo"` select `英語を頑張る`
              Metric 英語の会議で発言した回数 / month (3 of 8 回) span `[goals.metric] … current = 3` select `英語の会議で発言した回数 / month`
              Action 朝会で毎日ひとこと英語で話す (todo · due 2027-03-31) span `[[goals.actions]] … status = "todo"` select `朝会で毎日ひとこと英語で話す`
            Goal 完成 3 个 Rust 开源项目的 PR 👩‍💻 (in-progress · due 2027-04-30 · SMART 5/5) span `[[goals]] … current = 1` select `完成 3 个 Rust 开源项目的 PR 👩‍💻`
              Action 👩‍💻 找一个 good first issue (in-progress · due 2026-12-04) span `{ task = "👩‍💻 找一个 good first issue", due = 2026-12-04, status = "doing" }` select `👩‍💻 找一个 good first issue`
              Action 提交第一个 PR 🚀 (done · due 2026-11-06) span `{ task = "提交第一个 PR 🚀", due = 2026-11-06, status = "done" }` select `提交第一个 PR 🚀`
              Metric merged PRs (1 of 3 PRs) span `[goals.metric] … current = 1` select `merged PRs`
            Goal Run a café study group for 6 colleagues (in-progress · due 2027-01-29 · SMART 5/5) span `[[goals]] … status = "done"` select `Run a café study group for 6 colleagues`
              Metric chapters covered (6 of 12 chapters) span `[goals.metric] … current = 6` select `chapters covered`
              Action Book the café corner table for Thursdays 🚀 (done · due 2026-10-08) span `[[goals.actions]] … status = "done"` select `Book the café corner table for Thursdays 🚀`
            Review 2026-11-10 (TOEIC模試 720点。勉強会は6章まで 🚀) span `[[reviews]] … notes = "TOEIC模試 720点。勉強会は6章まで 🚀"` select `2026-11-10`
            Person José García (mentor) span `[[people]] … notes = "Staff engineer in Madrid; we meet at the café when he visits"` select `José García`
            Person 王 芳 (Wang Fang) (contact) span `[[people]] … last_met = 2026-10-20` select `王 芳 (Wang Fang)`
            Person 김민준 (Minjun Kim) (contact) span `[[people]] … notes = "서울 오피스, Rust 밋업에서 만남"` select `김민준 (Minjun Kim)`
            Win 第一个 PR 合并了 👩‍💻🚀 (2026-11-06 · rust-oss) span `[[wins]] … goal = "rust-oss"` select `第一个 PR 合并了 👩‍💻🚀`
        "#]].assert_eq(&outline(include_str!(
            "../../../fixtures/unicode.roadmap.toml"
        )));
    }

    #[test]
    fn a_metric_written_with_dotted_keys_still_holds_its_selection() {
        expect_test::expect![[r#"
            Goal Run 4 demos (todo · no deadline · SMART 3/5 ✗R ✗T) span `[[goals]] … metric.measure = "demos run"` select `Run 4 demos`
              Metric demos run (0 of 4) span `metric.target = 4 … metric.measure = "demos run` select `demos run`
        "#]].assert_eq(&outline(
            "[[goals]]\ntitle = \"Run 4 demos\"\nmetric.target = 4\nmetric.measure = \"demos run\"\n",
        ));
    }

    #[test]
    fn an_empty_file_has_no_symbols() {
        expect_test::expect![[""]].assert_eq(&outline(""));
        expect_test::expect![[r#"
            Goal untitled goal (todo · no deadline · SMART 2/5 ✗S ✗R ✗T) span `[[goals]]` select `[[goals]]`
        "#]]
        .assert_eq(&outline("[[goals]]\n"));
    }
}
