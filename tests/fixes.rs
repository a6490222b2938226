//! Fixes never make things worse: every preferred quick fix offered
//! anywhere in a roadmap, applied alone, leaves a file with no diagnostic
//! it did not have. Diagnostics are compared by rule and by the goal they
//! are about (its id, else its place), not by offset, since a fix moves
//! what follows it. Run over every fixture (with its roadmap-lsp.toml),
//! the seeded generator of the examples, and roadmaps generated here from
//! the pieces real roadmaps are made of, broken ones included.
//!
//! Each run prints how many preferred fixes it applied, over how many
//! roadmaps, and how many the server had to demote (built preferred but
//! caught adding a diagnostic by `ide::actions`' own check before it is
//! offered): the fixes are meant to be harmless by construction.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use roadmap_lsp::config::{Settings, find_config_file, load_config_file};
use roadmap_lsp::ide::TextEdit;
use roadmap_lsp::ide::actions::{self, Assist};
use roadmap_lsp::span::Span;
use roadmap_lsp::{Analysis, Rule, analyze};

fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    edits.sort_by_key(|edit| edit.span);
    let mut out = String::new();
    let mut copied = 0;
    for edit in edits {
        out.push_str(&text[copied..edit.span.start()]);
        out.push_str(&edit.text);
        copied = edit.span.end();
    }
    out.push_str(&text[copied..]);
    out
}

/// Rules about the whole roadmap: no goal's, wherever they are placed.
fn about_the_roadmap(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::MissingVision
            | Rule::StaleReview
            | Rule::NeverReviewed
            | Rule::NoMentor
            | Rule::NoAssessment
            | Rule::Overcommitted
            | Rule::TooManyPriorities
    )
}

/// Diagnostics counted by rule and goal ("" outside goals).
fn census(analysis: &Analysis) -> BTreeMap<(Rule, String), usize> {
    let goals: Vec<(Span, String)> = analysis
        .roadmap
        .goals
        .iter()
        .enumerate()
        .map(|(index, goal)| {
            let extent = analysis
                .tree
                .table_extent(goal.header.start())
                .unwrap_or(goal.header);
            let name = goal
                .id
                .as_ref()
                .map_or_else(|| format!("#{index}"), |id| id.value.to_string());
            (extent, name)
        })
        .collect();
    let mut counts = BTreeMap::new();
    for diagnostic in &analysis.diagnostics {
        let at = diagnostic.span.start();
        let goal = goals
            .iter()
            .rev()
            .find(|(extent, _)| {
                !about_the_roadmap(diagnostic.rule) && extent.start() <= at && at < extent.end()
            })
            .map_or(String::new(), |(_, name)| name.clone());
        *counts.entry((diagnostic.rule, goal)).or_insert(0) += 1;
    }
    counts
}

/// What one test did: fixes applied, roadmaps read, and the fixes built
/// preferred that the server's check demoted, with what they would add.
#[derive(Default)]
struct Tally {
    applied: AtomicUsize,
    roadmaps: AtomicUsize,
    demoted: std::sync::Mutex<BTreeMap<String, usize>>,
}

impl Tally {
    fn report(&self, what: &str) {
        let demoted = self.demoted.lock().expect("tally");
        eprintln!(
            "{what}: {} preferred fixes applied over {} roadmaps, none added a diagnostic; {} built preferred were demoted by the check",
            self.applied.load(Ordering::Relaxed),
            self.roadmaps.load(Ordering::Relaxed),
            demoted.values().sum::<usize>(),
        );
        for (why, count) in demoted.iter() {
            eprintln!("  demoted {count}×: {why}");
        }
    }
}

/// The rules and goals whose count `fixed` raises over `before`.
fn added(before: &BTreeMap<(Rule, String), usize>, fixed: &Analysis) -> Vec<String> {
    census(fixed)
        .iter()
        .filter(|(key, count)| before.get(key).copied().unwrap_or(0) < **count)
        .map(|((rule, goal), _)| format!("{rule} on {goal:?}"))
        .collect()
}

/// Every preferred fix offered for each diagnostic of `text`, applied
/// alone: what it added, if anything, as a message.
fn added_by_preferred_fixes(text: &str, settings: &Settings, tally: &Tally) -> Result<(), String> {
    let analysis = analyze(text, common::today(), settings);
    let before = census(&analysis);
    tally.roadmaps.fetch_add(1, Ordering::Relaxed);
    let mut seen: Vec<Vec<TextEdit>> = Vec::new();
    for (index, diagnostic) in analysis.diagnostics.iter().enumerate() {
        let preferred = |assists: Vec<Assist>| -> Vec<Assist> {
            assists
                .into_iter()
                .filter(|a| a.preferred && a.diagnostic == Some(index))
                .collect()
        };
        let offered = preferred(actions::code_actions(&analysis, text, diagnostic.span));
        let built = preferred(actions::code_actions_as_built(
            &analysis,
            text,
            diagnostic.span,
        ));
        for demoted in built
            .iter()
            .filter(|b| !offered.iter().any(|o| o.edits == b.edits))
        {
            let fixed = analyze(&apply(text, &demoted.edits), common::today(), settings);
            let why = format!(
                "{:?} for {} would add {:?}",
                demoted.title,
                diagnostic.rule,
                added(&before, &fixed)
            );
            *tally.demoted.lock().expect("tally").entry(why).or_default() += 1;
        }
        for assist in offered {
            if seen.contains(&assist.edits) {
                continue;
            }
            seen.push(assist.edits.clone());
            tally.applied.fetch_add(1, Ordering::Relaxed);
            let fixed = apply(text, &assist.edits);
            let after = analyze(&fixed, common::today(), settings);
            let added = added(&before, &after);
            if !added.is_empty() {
                return Err(format!(
                    "{:?} (for {}) added {added:?}\n--- before\n{text}\n--- after\n{fixed}",
                    assist.title, diagnostic.rule
                ));
            }
            if analysis.tree.errors.is_empty() && !after.tree.errors.is_empty() {
                return Err(format!("{:?} broke the syntax:\n{fixed}", assist.title));
            }
        }
    }
    Ok(())
}

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixtures/") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.to_string_lossy().ends_with(".roadmap.toml") {
            out.push(path);
        }
    }
}

#[test]
fn no_preferred_fix_adds_a_diagnostic_in_any_fixture_or_example() {
    let mut files = Vec::new();
    fixture_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut files,
    );
    files.sort();
    let tally = Tally::default();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("UTF-8");
        let settings = find_config_file(&path)
            .map(|config| load_config_file(&config).expect("config").settings)
            .unwrap_or_default();
        if let Err(problem) = added_by_preferred_fixes(&text, &settings, &tally) {
            panic!("{}: {problem}", path.display());
        }
    }
    // The starter `init` writes, and every TOML example in the docs.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let starter =
        std::fs::read_to_string(root.join("src/cli/starter.roadmap.toml")).expect("the starter");
    let mut examples = vec![("the starter".to_string(), starter)];
    for doc in ["README.md", "docs/rules.md", "docs/configuration.md"] {
        let text = std::fs::read_to_string(root.join(doc)).expect("the docs");
        for (n, block) in text.split("```toml\n").skip(1).enumerate() {
            let block = block.split("```").next().unwrap_or_default();
            examples.push((format!("{doc}, TOML block {}", n + 1), block.to_string()));
        }
    }
    for (name, text) in &examples {
        if let Err(problem) = added_by_preferred_fixes(text, &Settings::default(), &tally) {
            panic!("{name}: {problem}");
        }
    }
    for seed in 1..=6 {
        let text = roadmap_lsp::testing::generate::roadmap_seeded(12, 60, seed);
        if let Err(problem) = added_by_preferred_fixes(&text, &Settings::default(), &tally) {
            panic!("generated, seed {seed}: {problem}");
        }
    }
    tally.report("fixtures, the starter, the docs' examples and the seeded generator");
}

// ------------------------------------------------------------ generated

/// A date relative to the tests' today (2026-11-23), or none.
fn date() -> impl Strategy<Value = Option<&'static str>> {
    proptest::sample::select(vec![
        None,
        Some("2025-12-01"),
        Some("2026-06-30"),
        Some("2026-11-01"),
        Some("2026-11-23"),
        Some("2026-12-18"),
        Some("2027-03-31"),
        Some("2027-09-30"),
        Some("\"2026-10-15\""),
        Some("2026-13-01"),
    ])
}

const TITLES: &[&str] = &[
    "Pass the CKA exam",
    "Run 3 brown-bag sessions for the data team",
    "Get good at Figma",
    "Improve my communication",
    "Cut the nightly report from 40 to 10 minutes",
    "Get promoted to Senior Engineer",
    "Learn more about Kubernetes",
    "Publish 4 posts on the team blog",
];

const STATUSES: &[&str] = &[
    "",
    "todo",
    "in-progress",
    "blocked",
    "done",
    "dropped",
    "wip",
    "finished",
    "In Progress",
    "someday",
];

#[derive(Clone, Debug)]
struct GoalSpec {
    id: usize,
    title: Option<usize>,
    why: bool,
    skill: Option<usize>,
    start: Option<&'static str>,
    deadline: Option<&'static str>,
    status: usize,
    urgent: Option<bool>,
    important: Option<bool>,
    depends: Vec<usize>,
    metric: Option<(u8, i32, i32, i32)>,
    actions: Vec<(Option<&'static str>, usize, u8)>,
}

fn goal_spec() -> impl Strategy<Value = GoalSpec> {
    (
        (
            0usize..6,
            proptest::option::of(0..TITLES.len()),
            any::<bool>(),
            proptest::option::of(0usize..4),
        ),
        (date(), date(), 0..STATUSES.len()),
        (
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
        ),
        proptest::collection::vec(0usize..7, 0..3),
        proptest::option::of((0u8..4, 0i32..12, 0i32..12, 0i32..12)),
        proptest::collection::vec((date(), 0..STATUSES.len(), 0u8..4), 0..3),
    )
        .prop_map(
            |(
                (id, title, why, skill),
                (start, deadline, status),
                (urgent, important),
                depends,
                metric,
                actions,
            )| GoalSpec {
                id,
                title,
                why,
                skill,
                start,
                deadline,
                status,
                urgent,
                important,
                depends,
                metric,
                actions,
            },
        )
}

#[derive(Clone, Debug)]
struct RoadmapSpec {
    meta: Option<(bool, Option<&'static str>, Option<&'static str>, u8)>,
    skills: Vec<(usize, i32, i32)>,
    goals: Vec<GoalSpec>,
    reviews: Vec<Option<&'static str>>,
    people: Vec<(usize, Option<&'static str>)>,
    limits: Option<(usize, usize)>,
}

fn roadmap_spec() -> impl Strategy<Value = RoadmapSpec> {
    (
        proptest::option::of((any::<bool>(), date(), date(), 0u8..3)),
        proptest::collection::vec((0usize..4, 1i32..6, 1i32..6), 0..3),
        proptest::collection::vec(goal_spec(), 1..7),
        proptest::collection::vec(date(), 0..2),
        proptest::collection::vec((0usize..4, date()), 0..3),
        proptest::option::of((1usize..4, 1usize..3)),
    )
        .prop_map(
            |(meta, skills, goals, reviews, people, limits)| RoadmapSpec {
                meta,
                skills,
                goals,
                reviews,
                people,
                limits,
            },
        )
}

const SKILLS: &[&str] = &["speaking", "sql", "budgeting", "kubernetes"];
const ROLES: &[&str] = &["mentor", "contact", "sponsor", "mentr"];

impl RoadmapSpec {
    fn text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        if let Some((vision, horizon, last_review, every)) = &self.meta {
            out.push_str("[roadmap]\ntitle = \"Plan\"\n");
            if *vision {
                out.push_str("vision = \"Lead the platform team of five engineers by 2028\"\n");
            }
            if let Some(horizon) = horizon {
                let _ = writeln!(out, "horizon = {horizon}");
            }
            let _ = writeln!(
                out,
                "review_every = \"{}\"",
                ["1 month", "2 weeks", "now and then"][*every as usize]
            );
            if let Some(last) = last_review {
                let _ = writeln!(out, "last_review = {last}");
            }
            out.push('\n');
        }
        if let Some((active, urgent)) = self.limits {
            let _ = writeln!(
                out,
                "[lint.limits]\nmax-active-goals = {active}\nmax-urgent-important = {urgent}\n"
            );
        }
        for (skill, current, required) in &self.skills {
            let _ = writeln!(
                out,
                "[[skills]]\nid = \"{}\"\ncurrent = {current}\nrequired = {required}\n",
                SKILLS[*skill]
            );
        }
        for goal in &self.goals {
            let _ = writeln!(out, "[[goals]]\nid = \"g{}\"", goal.id);
            if let Some(title) = goal.title {
                let _ = writeln!(out, "title = \"{}\"", TITLES[title]);
            }
            if goal.why {
                out.push_str("why = \"The vision needs it\"\n");
            }
            if let Some(skill) = goal.skill {
                let _ = writeln!(out, "skills = [\"{}\"]", SKILLS[skill]);
            }
            for (key, value) in [("start", goal.start), ("deadline", goal.deadline)] {
                if let Some(value) = value {
                    let _ = writeln!(out, "{key} = {value}");
                }
            }
            if !STATUSES[goal.status].is_empty() {
                let _ = writeln!(out, "status = \"{}\"", STATUSES[goal.status]);
            }
            for (key, value) in [("urgent", goal.urgent), ("important", goal.important)] {
                if let Some(value) = value {
                    let _ = writeln!(out, "{key} = {value}");
                }
            }
            if !goal.depends.is_empty() {
                let ids: Vec<String> = goal.depends.iter().map(|d| format!("\"g{d}\"")).collect();
                let _ = writeln!(out, "depends_on = [{}]", ids.join(", "));
            }
            if let Some((shape, baseline, target, current)) = goal.metric {
                out.push_str("\n[goals.metric]\n");
                match shape {
                    0 => {}
                    1 => out.push_str("unit = \"talks\"\n"),
                    2 => out.push_str("measure = \"talks given\"\nunit = \"talks\"\n"),
                    _ => out.push_str("target = \"high\"\n"),
                }
                let _ = writeln!(out, "baseline = {baseline}");
                if shape != 3 {
                    let _ = writeln!(out, "target = {target}");
                }
                let _ = writeln!(out, "current = {current}");
            }
            for (n, (due, status, shape)) in goal.actions.iter().enumerate() {
                let _ = writeln!(out, "\n[[goals.actions]]\ntask = \"Step {n}\"");
                if let Some(due) = due {
                    let _ = writeln!(out, "due = {due}");
                }
                if !STATUSES[*status].is_empty() {
                    let _ = writeln!(out, "status = \"{}\"", STATUSES[*status]);
                }
                match shape {
                    0 => out.push_str("owner = \"me\"\n"),
                    1 => out.push_str("owner = \"\"\n"),
                    2 => out.push_str("ownr = \"me\"\n"),
                    _ => {}
                }
            }
            out.push('\n');
        }
        for date in &self.reviews {
            out.push_str("[[reviews]]\n");
            if let Some(date) = date {
                let _ = writeln!(out, "date = {date}");
            }
            out.push('\n');
        }
        for (role, last_met) in &self.people {
            let _ = writeln!(
                out,
                "[[people]]\nname = \"Jordan\"\nrole = \"{}\"\nmeet_every = \"1 month\"",
                ROLES[*role]
            );
            if let Some(last_met) = last_met {
                let _ = writeln!(out, "last_met = {last_met}");
            }
            out.push('\n');
        }
        out
    }
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Generated roadmaps, each applied every preferred fix; the tally is
/// printed once the cases have run (a failing case is shrunk first).
#[test]
fn no_preferred_fix_adds_a_diagnostic_in_generated_roadmaps() {
    let tally = Tally::default();
    let mut runner = proptest::test_runner::TestRunner::new(config(160));
    let result = runner.run(&roadmap_spec(), |spec| {
        let text = spec.text();
        if let Err(problem) = added_by_preferred_fixes(&text, &Settings::default(), &tally) {
            prop_assert!(false, "{}", problem);
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    tally.report("generated roadmaps");
}

/// What the generator's roadmaps hold: enough of each kind of problem for
/// the property above to mean something.
#[test]
fn the_generated_roadmaps_exercise_every_fix() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut fired: HashMap<Rule, usize> = HashMap::new();
    for _ in 0..200 {
        let spec = roadmap_spec()
            .new_tree(&mut runner)
            .expect("a roadmap")
            .current();
        let analysis = analyze(&spec.text(), common::today(), &Settings::default());
        for diagnostic in &analysis.diagnostics {
            *fired.entry(diagnostic.rule).or_default() += 1;
        }
    }
    for &rule in Rule::ALL.iter().filter(|rule| rule.has_fix()) {
        assert!(
            fired.get(&rule).copied().unwrap_or(0) > 0,
            "{rule} never fires"
        );
    }
}
