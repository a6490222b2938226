//! The judgement measured on a labelled corpus (tests/corpus/statements.tsv):
//! every goal title is checked as the title of a goal that has everything
//! else (why, skills, dates, an action), once without a metric; every
//! vision as the vision of such a roadmap. Precision and recall per label
//! are printed for both splits, and the test fails under the thresholds
//! set from them (docs/goal-language.md has the figures).
//!
//! `CORPUS_SHOW=tune` (or `holdout`) prints each misjudged statement.

mod common;

use roadmap_lsp::Rule;
use roadmap_lsp::config::Settings;

struct Statement {
    split: String,
    label: String,
    language: String,
    text: String,
}

fn corpus() -> Vec<Statement> {
    include_str!("corpus/statements.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let mut fields = line.splitn(4, '\t');
            let mut next = || {
                fields
                    .next()
                    .expect("four tab-separated fields")
                    .to_string()
            };
            Statement {
                split: next(),
                label: next(),
                language: next(),
                text: next(),
            }
        })
        .collect()
}

fn toml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a JSON string is a TOML basic string")
}

const GOOD_VISION: &str = "Lead a team of four backend engineers owning the payments platform";
const SMART_TITLE: &str = "Pass the CKA exam";

fn roadmap(vision: &str, title: &str) -> String {
    format!(
        r#"[roadmap]
vision = {}
horizon = 2030-12-31
last_review = 2026-11-20

[[skills]]
id = "skill"
current = 2
required = 4

[[goals]]
id = "goal"
title = {}
why = "It moves me towards the vision"
skills = ["skill"]
start = 2026-10-01
deadline = 2027-06-30
status = "in-progress"

[[goals.actions]]
task = "Take the first step"
due = 2026-12-15
owner = "me"
status = "todo"

[[people]]
name = "Sam"
role = "mentor"
meet_every = "1 month"
last_met = 2026-11-02
"#,
        toml_string(vision),
        toml_string(title)
    )
}

/// The rules that fired on the statement, among those judged here.
fn fired(statement: &Statement) -> Vec<Rule> {
    let text = if statement.label.starts_with("vision") {
        roadmap(&statement.text, SMART_TITLE)
    } else {
        roadmap(GOOD_VISION, &statement.text)
    };
    let analysis = roadmap_lsp::analyze(&text, common::today(), &Settings::default());
    let judged = [Rule::VagueGoal, Rule::MissingMetric, Rule::VagueVision];
    let mut rules: Vec<Rule> = analysis
        .diagnostics
        .iter()
        .map(|d| d.rule)
        .filter(|rule| judged.contains(rule))
        .collect();
    rules.dedup();
    // Nothing else may fire: the statements are judged on their own.
    let others: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|d| !judged.contains(&d.rule) && d.rule != Rule::MissingHorizon)
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect();
    assert!(others.is_empty(), "{:?}: {others:?}", statement.text);
    rules
}

#[derive(Default)]
struct Tally {
    true_positive: usize,
    false_positive: usize,
    false_negative: usize,
    true_negative: usize,
}

impl Tally {
    fn add(&mut self, expected: bool, predicted: bool) {
        match (expected, predicted) {
            (true, true) => self.true_positive += 1,
            (false, true) => self.false_positive += 1,
            (true, false) => self.false_negative += 1,
            (false, false) => self.true_negative += 1,
        }
    }

    fn precision(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_positive)
    }

    fn recall(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_negative)
    }

    /// The share of negatives flagged.
    fn false_alarm_rate(&self) -> f64 {
        ratio(
            self.false_positive,
            self.false_positive + self.true_negative,
        )
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

struct Figures {
    vague_goal: Tally,
    missing_metric: Tally,
    vague_vision: Tally,
    /// Other-language statements flagged by vague-goal or missing-metric
    /// although SMART.
    foreign_false_alarms: usize,
    foreign: usize,
}

fn measure(split: &str) -> Figures {
    let show = std::env::var("CORPUS_SHOW").is_ok_and(|s| s == split);
    let mut figures = Figures {
        vague_goal: Tally::default(),
        missing_metric: Tally::default(),
        vague_vision: Tally::default(),
        foreign_false_alarms: 0,
        foreign: 0,
    };
    for statement in corpus().iter().filter(|s| s.split == split) {
        let rules = fired(statement);
        let vague_goal = rules.contains(&Rule::VagueGoal);
        let missing_metric = rules.contains(&Rule::MissingMetric);
        let vague_vision = rules.contains(&Rule::VagueVision);
        let (expected, predicted) = match statement.label.as_str() {
            "vision-vague" | "vision-good" => {
                let expected = statement.label == "vision-vague";
                if statement.language == "en" {
                    figures.vague_vision.add(expected, vague_vision);
                }
                (expected, vague_vision)
            }
            label => {
                let vague = label == "vague";
                if statement.language == "en" {
                    figures.vague_goal.add(vague, vague_goal);
                    figures.missing_metric.add(vague, missing_metric);
                } else {
                    figures.foreign += 1;
                    if !vague && (vague_goal || missing_metric) {
                        figures.foreign_false_alarms += 1;
                    }
                }
                (vague, vague_goal)
            }
        };
        if show && expected != predicted {
            println!(
                "  {} {:<12} {:?} fired {:?}",
                if predicted { "FP" } else { "FN" },
                statement.label,
                statement.text,
                rules
            );
        }
    }
    figures
}

fn report(split: &str, figures: &Figures) {
    let line = |name: &str, tally: &Tally| {
        println!(
            "  {name:<15} precision {:>5.1}%  recall {:>5.1}%  false alarms {:>4.1}%  (tp {} fp {} fn {} tn {})",
            tally.precision() * 100.0,
            tally.recall() * 100.0,
            tally.false_alarm_rate() * 100.0,
            tally.true_positive,
            tally.false_positive,
            tally.false_negative,
            tally.true_negative
        );
    };
    println!("{split}:");
    line("vague-goal", &figures.vague_goal);
    line("missing-metric", &figures.missing_metric);
    line("vague-vision", &figures.vague_vision);
    println!(
        "  other languages: {} statements, {} SMART ones flagged",
        figures.foreign, figures.foreign_false_alarms
    );
}

#[test]
fn judgement_on_the_labelled_corpus() {
    let statements = corpus();
    assert!(statements.len() >= 300, "{} statements", statements.len());
    let tune = measure("tune");
    let holdout = measure("holdout");
    report("tune", &tune);
    report("holdout", &holdout);
    for (split, figures) in [("tune", &tune), ("holdout", &holdout)] {
        let at_least = |what: &str, value: f64, floor: f64| {
            assert!(
                value >= floor,
                "{split}: {what} {:.1}% is under {:.1}%",
                value * 100.0,
                floor * 100.0
            );
        };
        let at_most = |what: &str, value: f64, ceiling: f64| {
            assert!(
                value <= ceiling,
                "{split}: {what} {:.1}% is over {:.1}%",
                value * 100.0,
                ceiling * 100.0
            );
        };
        // Set from the figures in docs/goal-language.md, with room for a
        // statement or two; the acceptance bars on text by other people are
        // 85% recall, 3% false alarms and 80% of vague visions.
        at_least("vague-goal recall", figures.vague_goal.recall(), 0.92);
        at_least("vague-goal precision", figures.vague_goal.precision(), 0.95);
        at_most(
            "SMART titles called vague",
            figures.vague_goal.false_alarm_rate(),
            0.03,
        );
        at_most(
            "SMART titles asked for a metric",
            figures.missing_metric.false_alarm_rate(),
            0.03,
        );
        at_least("vague visions flagged", figures.vague_vision.recall(), 0.85);
        at_least(
            "vague-vision precision",
            figures.vague_vision.precision(),
            0.9,
        );
        assert_eq!(figures.foreign_false_alarms, 0, "{split}");
    }
}
