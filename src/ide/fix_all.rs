//! Fix all: every safe preferred quick fix in the file at once, as ruff's
//! `source.fixAll` applies its safe fixes. Safe: the fix changes only how
//! something is written, not what the roadmap says (see
//! [`Assist::safe`]): a save must never mark work done or invent a date.
//! Preferred: each has been checked to add no diagnostic on its own, and
//! the combination is checked again, since two fixes may meet. Fixes that
//! leave something for the user to fill in are left out.

use crate::analysis::{Analysis, analyze_like};
use crate::ide::actions::{self, ActionKind, Assist};
use crate::ide::{TextEdit, apply_edits};
use crate::rules::Rule;
use crate::span::Span;

/// At most this many rounds: a fix may make another one possible (or
/// free a place another fix wanted), and each round reads the file again.
const ROUNDS: usize = 4;

/// The edits that apply every safe fix of `analysis` (of `text`), and how
/// many problems they fix; no edits when there is nothing safe to fix.
pub fn fix_all(analysis: &Analysis, text: &str) -> FixAll {
    let mut current = text.to_string();
    let mut first_round: Option<Vec<TextEdit>> = None;
    let mut rounds = 0;
    let mut fixed = 0;
    let mut owned: Option<Analysis> = None;
    while rounds < ROUNDS {
        let now = owned.as_ref().unwrap_or(analysis);
        let Some(round) = one_round(now, &current) else {
            break;
        };
        if round.analysis.diagnostics.len() >= now.diagnostics.len() {
            break;
        }
        fixed += now.diagnostics.len() - round.analysis.diagnostics.len();
        if rounds == 0 {
            first_round = Some(round.edits);
        }
        rounds += 1;
        current = round.text;
        owned = Some(round.analysis);
    }
    let edits = match (rounds, first_round) {
        (0, _) | (_, None) => Vec::new(),
        (1, Some(edits)) => edits,
        _ => vec![difference(text, &current)],
    };
    FixAll { edits, fixed }
}

/// What [`fix_all`] found.
#[derive(Debug, Default)]
pub struct FixAll {
    pub edits: Vec<TextEdit>,
    /// How many diagnostics fewer the file has after the edits.
    pub fixed: usize,
}

/// One round's edits, the text they leave and its analysis (read once,
/// as the check that the round adds nothing needs it anyway).
struct Round {
    edits: Vec<TextEdit>,
    text: String,
    analysis: Analysis,
}

/// The preferred fixes of every diagnostic that do not touch each other,
/// as one set of edits on `text`. When together they add a diagnostic,
/// the fixes are taken one at a time instead, each kept only if the file
/// is no worse with it. `None` when nothing is left to fix safely.
fn one_round(analysis: &Analysis, text: &str) -> Option<Round> {
    let whole = Span::new(0, text.len());
    let fixes: Vec<Assist> = actions::code_actions(analysis, text, whole)
        .into_iter()
        .filter(|a| a.preferred && a.safe && a.kind == ActionKind::QuickFix && is_complete(a))
        .collect();
    let mut taken: Vec<&Assist> = Vec::new();
    for fix in &fixes {
        if fits(fix, &taken) {
            taken.push(fix);
        }
    }
    let together = trial(analysis, text, &taken)?;
    if !adds_something(analysis, &together.analysis) {
        return Some(together);
    }
    // Some fixes meet in what they change: take them one at a time, each
    // kept only if the file is no worse with it and the ones kept before
    // it; a fix left out frees its place for another.
    let mut kept: Vec<&Assist> = Vec::new();
    let mut result = None;
    for fix in &fixes {
        if !fits(fix, &kept) {
            continue;
        }
        kept.push(fix);
        match trial(analysis, text, &kept) {
            Some(round) if !adds_something(analysis, &round.analysis) => result = Some(round),
            _ => {
                kept.pop();
            }
        }
    }
    result
}

/// `fixes` applied together to `text`, and the result read; `None` when
/// there is nothing to apply.
fn trial(analysis: &Analysis, text: &str, fixes: &[&Assist]) -> Option<Round> {
    let edits: Vec<TextEdit> = fixes.iter().flat_map(|f| f.edits.clone()).collect();
    if edits.is_empty() {
        return None;
    }
    let text = apply_edits(text, &edits);
    let analysis = analyze_like(&text, analysis);
    Some(Round {
        edits,
        text,
        analysis,
    })
}

/// Whether `fix` can join `kept`: it fixes another problem, and none of
/// its edits touches theirs.
fn fits(fix: &Assist, kept: &[&Assist]) -> bool {
    let same_problem =
        fix.diagnostic.is_some() && kept.iter().any(|k| k.diagnostic == fix.diagnostic);
    let meets = kept.iter().any(|other| {
        other
            .edits
            .iter()
            .any(|a| fix.edits.iter().any(|b| touch(a.span, b.span)))
    });
    !same_problem && !meets
}

/// A fix that needs nothing from the user: no placeholder to fill in (a
/// skeleton of an action or a metric is for the user to complete, one at
/// a time, not for a save to write).
fn is_complete(fix: &Assist) -> bool {
    !fix.edits.is_empty() && fix.edits.iter().all(|edit| edit.snippet.is_none())
}

/// Whether some rule reports more in `after` than in `before`.
fn adds_something(before: &Analysis, after: &Analysis) -> bool {
    let count = |analysis: &Analysis, rule: Rule| {
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.rule == rule)
            .count()
    };
    Rule::ALL
        .iter()
        .any(|&rule| count(after, rule) > count(before, rule))
}

/// Two edits touch when they overlap or meet at one point: two insertions
/// at one offset would come out in an order neither fix chose.
fn touch(a: Span, b: Span) -> bool {
    a.start() <= b.end() && b.start() <= a.end()
}

/// One edit from `before` to `after`: the part between their common
/// beginning and end (on character boundaries).
fn difference(before: &str, after: &str) -> TextEdit {
    let prefix = before
        .char_indices()
        .zip(after.chars())
        .find(|((_, a), b)| a != b)
        .map_or(before.len().min(after.len()), |((i, _), _)| i);
    let prefix = floor_boundary(after, prefix);
    let suffix = before[prefix..]
        .chars()
        .rev()
        .zip(after[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    let suffix = suffix.min(after.len() - prefix);
    TextEdit::replace(
        Span::new(prefix, before.len() - suffix),
        &after[prefix..after.len() - suffix],
    )
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::dates::parse_date;

    fn fixed(text: &str) -> (String, usize, usize) {
        let today = parse_date("2026-11-23").expect("a date");
        let analysis = crate::analyze(text, today, &Settings::default());
        let fix = fix_all(&analysis, text);
        let after = apply_edits(text, &fix.edits);
        let again = crate::analyze(&after, today, &Settings::default());
        assert!(!adds_something(&analysis, &again), "{after}");
        (after, fix.fixed, again.diagnostics.len())
    }

    /// Overdue work, a stale review, a missing deadline, a misspelt id:
    /// each has a preferred fix, and none is applied unasked; the forms
    /// beside them (a status variant, a quoted date) are.
    #[test]
    fn fix_all_rewrites_forms_and_never_changes_what_the_roadmap_says() {
        let text = "[roadmap]\nvision = \"Staff engineer at a product company by 2029\"\nhorizon = 2029-12-31\nreview_every = \"1 month\"\nlast_review = 2026-01-01\n\n[[goals]]\nid = \"talks\"\ntitle = \"Give 4 talks at meetups by June\"\nstart = \"2026-03-01\"\ndeadline = 2027-06-30\nwhy = \"visibility\"\nstatus = \"WIP\"\n\n[[goals.actions]]\ntask = \"Submit the first CFP\"\ndue = 2026-11-01\nstatus = \"in-progress\"\nowner = \"me\"\n\n[[goals]]\nid = \"ship\"\ntitle = \"Ship the 2.0 release of the CLI\"\nwhy = \"users\"\ndepends_on = [\"talk\"]\n";
        let today = parse_date("2026-11-23").expect("a date");
        let analysis = crate::analyze(text, today, &Settings::default());
        let offered: Vec<Rule> = actions::code_actions(&analysis, text, Span::new(0, text.len()))
            .iter()
            .filter(|a| a.preferred && a.kind == ActionKind::QuickFix)
            .filter_map(|a| a.diagnostic.map(|i| analysis.diagnostics[i].rule))
            .collect();
        for rule in [Rule::Overdue, Rule::StaleReview, Rule::MissingDeadline] {
            assert!(
                offered.contains(&rule),
                "{rule:?} has a preferred fix: {offered:?}"
            );
        }
        let (after, _, _) = fixed(text);
        assert!(
            after.contains("why = \"visibility\"\nstatus = \"in-progress\"\n"),
            "{after}"
        );
        assert!(after.contains("start = 2026-03-01\n"), "{after}");
        assert!(
            after.contains("due = 2026-11-01\nstatus = \"in-progress\"\n"),
            "{after}"
        );
        assert!(after.contains("last_review = 2026-01-01\n"), "{after}");
        assert!(after.contains("depends_on = [\"talk\"]\n"), "{after}");
        assert!(!after.contains("[[reviews]]"), "{after}");
        assert_eq!(after.matches("deadline =").count(), 1, "{after}");
    }

    #[test]
    fn every_safe_fix_is_applied_at_once_and_comments_are_kept() {
        let text = "[roadmap]\nvision = \"Staff engineer at a product company by 2029\"\nhorizon = 2029-12-31\nlast_review = 2026-11-01\n\n# the main goal\n[[goals]]\nid = \"talks\"\ntitle = \"Give 4 talks at meetups by June\" # four\ndeadline = 2027-06-30\nwhy = \"visibility\"\nstatus = \"In Progress\"\n\n[[goals]]\nid = \"rust\"\ntitle = \"Ship the 2.0 release of the CLI by May\"\ndeadline = 2027-05-31\nwhy = \"users\"\nstatus = \"WIP\"\n";
        let (after, fixed, _) = fixed(text);
        assert!(
            after.contains("status = \"in-progress\"\n\n[[goals]]\nid = \"rust\""),
            "{after}"
        );
        assert!(after.ends_with("status = \"in-progress\"\n"), "{after}");
        assert!(after.contains("# the main goal\n"));
        assert!(after.contains("# four\n"));
        assert!(fixed >= 2, "{fixed}");
    }

    #[test]
    fn a_file_with_nothing_to_fix_gets_no_edit() {
        let text = "[roadmap]\nvision = \"Staff engineer at a product company by 2029\"\n";
        let today = parse_date("2026-11-23").expect("a date");
        let analysis = crate::analyze(text, today, &Settings::default());
        let before = analysis.diagnostics.len();
        let fix = fix_all(&analysis, text);
        let after = crate::analyze(&apply_edits(text, &fix.edits), today, &Settings::default());
        assert!(after.diagnostics.len() <= before);
    }

    #[test]
    fn the_difference_is_one_edit_on_character_boundaries() {
        let edit = difference("a 🚀 b", "a 🚁 b");
        assert_eq!(apply_edits("a 🚀 b", std::slice::from_ref(&edit)), "a 🚁 b");
        assert_eq!(edit.text, "🚁");
        let edit = difference("same", "same");
        assert!(edit.span.is_empty() && edit.text.is_empty());
        let edit = difference("abc", "abXbc");
        assert_eq!(apply_edits("abc", &[edit]), "abXbc");
    }
}
