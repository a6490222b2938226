//! The incremental path gives what a whole analysis gives: random edit
//! sequences are applied to fixtures and generated roadmaps, and after
//! every edit the diagnostics of the `AnalysisHost` are compared with
//! `analyze` on the same text.

mod common;

use std::sync::Arc;

use roadmap_lsp::config::Settings;
use roadmap_lsp::history::{History, Revision, read_goals};
use std::collections::HashMap;

use roadmap_lsp::Diagnostic;
use roadmap_lsp::host::{AnalysisHost, Edit, Group, GroupKey, Update};
use roadmap_lsp::line_index::LineIndex;
use roadmap_lsp::testing::generate;

/// Seeded, so a failure can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A char boundary of `text`, often at a line start.
    fn offset(&mut self, text: &str) -> usize {
        let mut at = self.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if self.below(3) == 0 {
            at = text[..at].rfind('\n').map_or(0, |i| i + 1);
        }
        at
    }
}

/// What users type, and what breaks blocks: headers, quotes, brackets,
/// allow comments, multi-line strings, ids that collide.
const SNIPPETS: &[&str] = &[
    "x",
    "\n",
    "\"",
    "[",
    "]",
    " = ",
    "#",
    "[[goals]]\n",
    "[[goals]]\nid = \"dup\"\ntitle = \"Ship 3 talks\"\n",
    "[goals.metric]\nmeasure = \"talks\"\ntarget = 3\n",
    "[[goals.actions]]\ntask = \"Draft\"\ndue = 2026-12-01\n",
    "[roadmap]\nhorizon = 2026-12-31\n",
    "[[skills]]\nid = \"rust\"\ncurrent = 1\nrequired = 4\n",
    "[lint.rules]\nvague-goal = \"off\"\n",
    "# roadmap: allow(missing-deadline)\n",
    "# roadmap: allow(no-actions, overdue)\n",
    "depends_on = [\"dup\", \"goal-0002\"]\n",
    "status = \"done\"\n",
    "deadline = 2025-01-01\n",
    "why = \"\"\"\nlong\n",
    "\"\"\"\n",
    "  [[goals]]\n",
    "goals = 1\n",
    "[goals]\n",
    "🚀 漢字",
    "\r\n",
];

fn edit(random: &mut Random, text: &str) -> String {
    let at = random.offset(text);
    match random.below(4) {
        // Insert a snippet.
        0 | 1 => {
            let snippet = SNIPPETS[random.below(SNIPPETS.len())];
            format!("{}{snippet}{}", &text[..at], &text[at..])
        }
        // Delete a short run.
        2 => {
            let mut end = (at + 1 + random.below(40)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            format!("{}{}", &text[..at], &text[end..])
        }
        // Duplicate or delete a line.
        _ => {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
            if random.below(2) == 0 {
                format!("{}{}", &text[..end], &text[start..])
            } else {
                format!("{}{}", &text[..start], &text[end..])
            }
        }
    }
}

/// Where `before` and `after` differ, as an editor would say it: at
/// least the changed bytes, sometimes from the start of their line.
fn edit_between(random: &mut Random, before: &str, after: &str) -> Edit {
    let (a, b) = (before.as_bytes(), after.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let longest_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(longest_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let mut start = prefix;
    if random.below(3) == 0 {
        start = roadmap_lsp::line_index::line_start(before, start);
    }
    Edit {
        start,
        old_end: a.len() - suffix,
        new_end: b.len() - suffix,
    }
}

/// A group's diagnostics as a front end that keeps them by key sees them:
/// in-group places by line from the group's first line and byte column,
/// places outside by their own line and column.
type Rendered = Vec<String>;

fn render(index: &LineIndex, text: &str, group: &Group, diagnostics: &[Diagnostic]) -> Rendered {
    let place = |offset: usize| {
        let line = index.line_of(offset);
        let column = offset - index.line_span(text, line).0;
        if group.span.start() <= offset && offset <= group.span.end() {
            format!("in {}:{column}", line - group.line)
        } else {
            format!("out {line}:{column}")
        }
    };
    diagnostics
        .iter()
        .map(|d| {
            let related: Vec<String> = d
                .related
                .iter()
                .map(|r| {
                    format!(
                        "{} {}-{}",
                        r.message,
                        place(r.span.start()),
                        place(r.span.end())
                    )
                })
                .collect();
            format!(
                "{} {:?} {} {}-{} {related:?}",
                d.rule,
                d.severity,
                d.message,
                place(d.span.start()),
                place(d.span.end())
            )
        })
        .collect()
}

/// How many groups kept their key from one update to the next.
static KEPT_GROUPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A group whose key is one the last update gave has the diagnostics it
/// had then, moved with it: what lets the server reuse their JSON.
fn same_key_same_diagnostics(
    name: &str,
    seed: u64,
    round: usize,
    incremental: &AnalysisHost,
    text: &str,
    kept: HashMap<GroupKey, Rendered>,
) -> HashMap<GroupKey, Rendered> {
    let index = LineIndex::new(text);
    let mut now = HashMap::new();
    for group in incremental.groups() {
        let rendered = render(&index, text, &group, &incremental.group_diagnostics(&group));
        if let Some(before) = kept.get(&group.key) {
            KEPT_GROUPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            assert_eq!(
                before, &rendered,
                "{name}, seed {seed}, round {round}: a group kept its key but not its diagnostics"
            );
        }
        now.insert(group.key, rendered);
    }
    now
}

/// Applies `rounds` random edits to `text`, comparing after each; returns
/// how many updates read only some blocks.
fn compare(name: &str, text: &str, seed: u64, rounds: usize, settings: &Settings) -> usize {
    compare_with(name, text, seed, rounds, settings, None)
}

/// [`compare`], both sides given the roadmap's git history.
fn compare_with(
    name: &str,
    text: &str,
    seed: u64,
    rounds: usize,
    settings: &Settings,
    history: Option<Arc<History>>,
) -> usize {
    let today = common::today();
    let mut random = Random(seed);
    // The editor's ranges come from a stream of their own, so the edits
    // are the ones this seed always gave.
    let mut editor = Random(seed ^ 0x9e37_79b9);
    let mut incremental = AnalysisHost::default();
    let mut text = text.to_string();
    let mut partial = 0;
    let mut kept_groups = HashMap::new();
    let mut previous: Option<Arc<str>> = None;
    for round in 0..=rounds {
        let mut told = None;
        if round > 0 {
            let before = std::mem::take(&mut text);
            text = edit(&mut random, &before);
            // Half the time the editor says where the edit was, perhaps
            // more widely than it was (several changes in one message).
            if editor.below(2) == 0 {
                told = Some(edit_between(&mut editor, &before, &text));
            }
        }
        let shared: Arc<str> = Arc::from(text.as_str());
        let told = previous.as_ref().zip(told);
        incremental.update(&shared, told, today, settings, history.as_ref());
        previous = Some(Arc::clone(&shared));
        let got = incremental.diagnostics();
        // The analysis features read is the one a whole reading gives,
        // asked for after one edit or after several.
        let asked = editor.below(3) == 0 || round == rounds;
        if asked {
            let analysis = incremental.analysis();
            let whole = roadmap_lsp::analyze_with_history(&text, today, settings, history.clone());
            if analysis.tree != whole.tree {
                let first = analysis
                    .tree
                    .sections
                    .iter()
                    .zip(&whole.tree.sections)
                    .position(|(a, b)| a != b);
                panic!(
                    "{name}, seed {seed}, round {round} ({:?}): the tree differs from a whole parse; \
                     sections {} vs {}, first differing {first:?}: {:#?}\nvs {:#?}\ntext:\n{text}",
                    incremental.last,
                    analysis.tree.sections.len(),
                    whole.tree.sections.len(),
                    first.map(|i| &analysis.tree.sections[i]),
                    first.map(|i| &whole.tree.sections[i]),
                );
            }
            if analysis.roadmap != whole.roadmap {
                let (a, b) = (&analysis.roadmap, &whole.roadmap);
                let goal = a.goals.iter().zip(&b.goals).position(|(x, y)| x != y);
                panic!(
                    "{name}, seed {seed}, round {round} ({:?}): the roadmap differs from a whole reading: \
                     meta {} skills {} goals {} ({} vs {}, first {goal:?}: {:#?} vs {:#?}) reviews {} people {} wins {} lint {} unread {:?} vs {:?}",
                    incremental.last,
                    a.meta == b.meta,
                    a.skills == b.skills,
                    a.goals == b.goals,
                    a.goals.len(),
                    b.goals.len(),
                    goal.map(|i| &a.goals[i]),
                    goal.map(|i| &b.goals[i]),
                    a.reviews == b.reviews,
                    a.people == b.people,
                    a.wins == b.wins,
                    a.lint == b.lint,
                    a.unread,
                    b.unread,
                );
            }
            assert_eq!(analysis.diagnostics, whole.diagnostics);
            assert_eq!(analysis.config, whole.config);
        }
        kept_groups =
            same_key_same_diagnostics(name, seed, round, &incremental, &text, kept_groups);
        let want =
            roadmap_lsp::analyze_with_history(&text, today, settings, history.clone()).diagnostics;
        if got != want {
            let missing: Vec<_> = want.iter().filter(|d| !got.contains(d)).collect();
            let extra: Vec<_> = got.iter().filter(|d| !want.contains(d)).collect();
            // The text around the first difference, not the whole file.
            let at = missing
                .iter()
                .chain(&extra)
                .map(|d| d.span.start())
                .min()
                .unwrap_or(0);
            let mut from = at.saturating_sub(700);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = (at + 300).min(text.len());
            while !text.is_char_boundary(to) {
                to += 1;
            }
            panic!(
                "{name}, seed {seed}, round {round} ({:?}): incremental differs from whole\n\
                 missing: {missing:#?}\nextra: {extra:#?}\ntext from byte {from}:\n{}",
                incremental.last,
                &text[from..to]
            );
        }
        partial += usize::from(matches!(incremental.last, Update::Blocks { .. }));
    }
    partial
}

#[test]
fn random_edits_to_every_fixture_match_a_whole_analysis() {
    let mut partial = 0;
    let mut rounds = 0;
    for entry in std::fs::read_dir("fixtures").expect("fixtures/") {
        let path = entry.expect("a fixture").path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.display().to_string();
        for seed in 1..=8u64 {
            partial += compare(&name, &text, seed * 7919, 25, &Settings::default());
            rounds += 25;
        }
    }
    // Many edits are inside one block: the test would pass vacuously if
    // every update read the whole file. (Fixtures are small, and some
    // edits make files the blocks cannot stand for: about 45% are read in
    // part.)
    assert!(
        partial * 3 > rounds,
        "{partial} of {rounds} updates were partial"
    );
}

#[test]
fn random_edits_to_a_generated_roadmap_match_a_whole_analysis() {
    let text = generate::roadmap_seeded(40, 30, 7);
    let mut partial = 0;
    for seed in 1..=20u64 {
        partial += compare("generated", &text, seed * 104_729, 25, &Settings::default());
    }
    assert!(partial > 250, "{partial} of 500 updates were partial");
    // Most groups keep their key from one edit to the next, and were
    // checked above to keep their diagnostics.
    let kept = KEPT_GROUPS.load(std::sync::atomic::Ordering::Relaxed);
    assert!(kept > 5_000, "only {kept} groups kept their key");
}

#[test]
fn settings_and_the_day_apply_as_in_a_whole_analysis() {
    let text = generate::roadmap_seeded(20, 40, 3);
    let settings = Settings {
        max_active_goals: Some(2),
        vague_min_words: Some(6),
        ..Settings::default()
    };
    compare("strict settings", &text, 99, 40, &settings);
    // A new day or new settings read everything again, with them.
    let shared: Arc<str> = Arc::from(text.as_str());
    let mut incremental = AnalysisHost::default();
    let today = common::today();
    let before = incremental.check(&shared, today, &Settings::default(), None);
    let tomorrow = today.succ_opt().expect("a day after");
    let after = incremental.check(&shared, tomorrow, &settings, None);
    assert_eq!(incremental.last, Update::Whole);
    assert_eq!(
        after,
        roadmap_lsp::analyze(&text, tomorrow, &settings).diagnostics
    );
    assert_ne!(before, after);
}

/// A history of `texts`, each committed on its day.
fn history_of(texts: &[(&str, &str)]) -> Arc<History> {
    Arc::new(History {
        path: "generated.roadmap.toml".into(),
        head: None,
        revisions: texts
            .iter()
            .enumerate()
            .map(|(n, (date, text))| {
                let (goals, progress) = read_goals(text);
                Revision {
                    commit: format!("{n:040}"),
                    date: roadmap_lsp::dates::parse_date(date).expect("a date"),
                    path: "generated.roadmap.toml".into(),
                    summary: String::new(),
                    goals,
                    progress,
                }
            })
            .collect(),
        shallow: false,
    })
}

#[test]
fn a_git_history_applies_as_in_a_whole_analysis() {
    let text = generate::roadmap_seeded(30, 30, 11);
    // The metrics had other values in an earlier commit.
    let earlier = text.replace("\ncurrent = ", "\ncurrent = 1");
    let history = history_of(&[("2026-02-01", &earlier), ("2026-05-01", &text)]);
    let stale = roadmap_lsp::analyze_with_history(
        &text,
        common::today(),
        &Settings::default(),
        Some(Arc::clone(&history)),
    )
    .diagnostics
    .iter()
    .filter(|d| d.rule == roadmap_lsp::Rule::StaleMetric)
    .count();
    assert!(stale > 0, "the history makes some metrics stale");
    for seed in 1..=6u64 {
        compare_with(
            "generated, with history",
            &text,
            seed * 3571,
            25,
            &Settings::default(),
            Some(Arc::clone(&history)),
        );
    }
    // Another history (a new commit) reads everything again.
    let shared: Arc<str> = Arc::from(text.as_str());
    let mut incremental = AnalysisHost::default();
    incremental.check(
        &shared,
        common::today(),
        &Settings::default(),
        Some(&history),
    );
    let newer = history_of(&[("2026-11-20", &text)]);
    let after = incremental.check(&shared, common::today(), &Settings::default(), Some(&newer));
    assert_eq!(incremental.last, Update::Whole);
    assert!(
        !after
            .iter()
            .any(|d| d.rule == roadmap_lsp::Rule::StaleMetric)
    );
}
