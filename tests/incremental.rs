//! The incremental path gives what a whole analysis gives: random edit
//! sequences are applied to fixtures and generated roadmaps, and after
//! every edit the diagnostics of `Incremental::update` are compared with
//! `analyze` on the same text.

mod common;

use std::sync::Arc;

use roadmap_lsp::config::Settings;
use roadmap_lsp::history::{History, Revision, read_goals};
use roadmap_lsp::incremental::{Incremental, Update};
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
    let mut incremental = Incremental::default();
    let mut text = text.to_string();
    let mut partial = 0;
    for round in 0..=rounds {
        if round > 0 {
            text = edit(&mut random, &text);
        }
        let shared: Arc<str> = Arc::from(text.as_str());
        let got = incremental.update_with_history(&shared, today, settings, history.as_ref());
        let want =
            roadmap_lsp::analyze_with_history(&text, today, settings, history.clone()).diagnostics;
        if got != want {
            let missing: Vec<_> = want.iter().filter(|d| !got.contains(d)).collect();
            let extra: Vec<_> = got.iter().filter(|d| !want.contains(d)).collect();
            // The text around the first difference, not the whole file.
            let at = missing
                .iter()
                .chain(&extra)
                .map(|d| d.span.start)
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
    let mut incremental = Incremental::default();
    let today = common::today();
    let before = incremental.update(&shared, today, &Settings::default());
    let tomorrow = today.succ_opt().expect("a day after");
    let after = incremental.update(&shared, tomorrow, &settings);
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
    let mut incremental = Incremental::default();
    incremental.update_with_history(
        &shared,
        common::today(),
        &Settings::default(),
        Some(&history),
    );
    let newer = history_of(&[("2026-11-20", &text)]);
    let after = incremental.update_with_history(
        &shared,
        common::today(),
        &Settings::default(),
        Some(&newer),
    );
    assert_eq!(incremental.last, Update::Whole);
    assert!(
        !after
            .iter()
            .any(|d| d.rule == roadmap_lsp::Rule::StaleMetric)
    );
}
