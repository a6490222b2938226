//! The goal-language analyser: reads a goal title or a vision and finds
//! its finish line, or says why it has none, quoting the words.
//!
//! Pure text in, findings out: it knows nothing of TOML, the model or the
//! editor. The checks (`vague-goal`, `missing-metric`, `vague-vision`),
//! the "Add a metric" fix and the hover read it. How it decides, and how it
//! was measured, is in docs/goal-language.md; the labelled corpus is
//! tests/corpus/statements.tsv.

mod goal;
mod lexicon;
mod metric;
mod quantity;
mod rewrite;
mod tokens;
mod vision;

use std::ops::Range;

pub use goal::{FinishLine, GoalReading, read_goal};
pub use metric::{InferredMetric, infer_metric};
pub use quantity::{Number, NumberRole};
pub use rewrite::suggest_rewrite;
pub use vision::{VisionReading, read_vision};

use lexicon::{FOREIGN_FUNCTION_WORDS, is_in};
use tokens::{Token, TokenKind};

/// Which language a statement is in, as far as judging it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    English,
    /// Another language, or a script the analyser does not read: nothing
    /// is flagged, since a false alarm is worse than a miss.
    Other,
}

/// Why a statement has no finish line: the kind of sign and the words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signal {
    pub kind: SignalKind,
    /// Byte range of the quoted words in the statement.
    pub span: Range<usize>,
    /// The words, as written.
    pub phrase: String,
}

impl Signal {
    pub(crate) fn new_public(kind: SignalKind, span: Range<usize>, text: &str) -> Signal {
        Signal::new(kind, span, text)
    }

    fn new(kind: SignalKind, span: Range<usize>, text: &str) -> Signal {
        let phrase = text.get(span.clone()).unwrap_or_default().to_string();
        Signal { kind, span, phrase }
    }

    /// Why this sign leaves no finish line, in a few words for messages.
    pub fn reason(&self) -> &'static str {
        match self.kind {
            SignalKind::Empty => "there is nothing to judge",
            SignalKind::Hedge => "a hedge: it may not happen at all",
            SignalKind::Continuation => "carrying on has no end",
            SignalKind::Comparative => "a comparative with no reference point or number",
            SignalKind::ProcessVerb => "an open-ended activity: nothing says when it is done",
            SignalKind::DegreeVerb => "a change with no amount: how much is enough is not said",
            SignalKind::State => "a state no one can check from outside",
            SignalKind::AbstractObject => "an abstract object: nothing to point at when it is done",
            SignalKind::OpenObject => "an open amount: no count says when it is done",
            SignalKind::NoObject => "an activity with no object or amount",
            SignalKind::Activity => "an activity, not an outcome",
            SignalKind::ExtraWord => "a word this project marks as vague",
            SignalKind::UnscopedRole => "a role with no scope: no team, domain, place or number",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignalKind {
    Empty,
    /// "try to", "someday", "when I have time".
    Hedge,
    /// "keep learning", "continue to deliver".
    Continuation,
    /// "more", "better", "faster" with no "than" and no number.
    Comparative,
    /// learn, understand, explore, work on.
    ProcessVerb,
    /// improve, increase, grow, level up.
    DegreeVerb,
    /// be confident, get good at, get in shape.
    State,
    /// my skills, leadership, my career.
    AbstractObject,
    /// some debt, books, side projects.
    OpenObject,
    /// travel, blog: a verb with nothing after it.
    NoObject,
    /// Public speaking, Networking.
    Activity,
    /// One of `[vague] extra-words`.
    ExtraWord,
    /// A vision's role with nothing that sizes it: "be a manager".
    UnscopedRole,
}

/// Where the statement proper starts: past a "[Q3]" tag or a short
/// "Name:" / "Name —" label ("Ngọc Anh: grow into tech lead", "Goal 1:
/// …"), whose words and numbers are not part of the goal.
pub fn strip_prefix(text: &str) -> usize {
    let trimmed_start = text.len() - text.trim_start().len();
    let mut at = trimmed_start;
    let rest = &text[at..];
    if rest.starts_with('[')
        && let Some(close) = rest.find(']')
    {
        at += close + 1;
    }
    let rest = &text[at..];
    // "Name: goal", not "1:1s" or "9:30".
    for separator in [": ", " — ", " – ", " - "] {
        if let Some(found) = rest.find(separator) {
            let label = &rest[..found];
            let words = label.split_whitespace().count();
            let after = rest[found + separator.len()..].trim_start();
            if (1..=4).contains(&words) && !after.is_empty() {
                return at
                    + found
                    + separator.len()
                    + (rest[found + separator.len()..].len() - after.len());
            }
        }
    }
    at + (text[at..].len() - text[at..].trim_start().len())
}

/// English unless the statement is written in a script the analyser does
/// not read, or its function words are another language's.
fn detect_language(tokens: &[Token]) -> Language {
    let words = tokens.iter().filter(|t| t.kind != TokenKind::Sign).count();
    if words == 0 {
        return Language::Other;
    }
    // A run of ideographs, or a word in a script other than Latin, is one
    // word of another language: "Give a talk at 日本 meetups" is English.
    let ideograph_runs = tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            t.kind == TokenKind::Ideograph
                && (*i == 0 || tokens[i - 1].kind != TokenKind::Ideograph)
        })
        .count();
    let non_latin = tokens
        .iter()
        .filter(|t| {
            t.is_word()
                && t.text
                    .chars()
                    .any(|c| c.is_alphabetic() && !c.is_ascii() && !is_latin_letter(c))
        })
        .count();
    let english = tokens
        .iter()
        .filter(|t| t.is_word() && lexicon::is_english_word(&t.lower))
        .count();
    let foreign = tokens
        .iter()
        .filter(|t| {
            t.is_word()
                && (is_in(&t.lower, FOREIGN_FUNCTION_WORDS)
                    || t.text.chars().any(is_foreign_letter))
        })
        .count();
    if foreign + ideograph_runs + non_latin > english {
        Language::Other
    } else {
        Language::English
    }
}

fn is_latin_letter(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// Letters English borrows rarely: a lowercase word with one is likely
/// another language's ("über", "compétences", "año").
fn is_foreign_letter(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic() && !matches!(c, 'é')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check_spans(text: &str) {
        let reading = read_goal(text, &["synergy".to_string()]);
        let inside = |span: &Range<usize>| {
            span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
        };
        for number in &reading.numbers {
            assert!(inside(&number.span), "{text:?} {number:?}");
        }
        if let Some(signal) = &reading.vague {
            assert!(inside(&signal.span), "{text:?} {signal:?}");
        }
        if let Some(FinishLine::Quantity(span) | FinishLine::Deliverable(span)) =
            &reading.finish_line
        {
            assert!(inside(span), "{text:?} {span:?}");
        }
        assert!(inside(&reading.core), "{text:?}");
        let _ = suggest_rewrite(text, &reading);
        let _ = infer_metric(text, &reading);
        let _ = read_vision(text);
    }

    fn rewrite(title: &str) -> String {
        suggest_rewrite(title, &read_goal(title, &[])).unwrap_or_default()
    }

    #[test]
    fn carrying_on_is_rewritten_from_the_verb_carried_on() {
        assert_eq!(
            rewrite("Keep learning Rust"),
            "Complete a course on Rust and use it in one deliverable by the deadline"
        );
        assert_eq!(
            rewrite("Continue to write blog posts"),
            "Write <N> blog posts"
        );
        // No verb carried on: the title is kept whole, not cut to a
        // fragment ("With industry trends").
        assert_eq!(
            rewrite("Keep up with industry trends"),
            "Keep up with industry trends: name the deliverable, or the number that will change, that shows it is done"
        );
    }

    proptest! {
        /// Any text, in any script: no panic, and every span a slice of it.
        #[test]
        fn any_text_is_read_without_panics(text in "\\PC{0,60}") {
            check_spans(&text);
        }

        /// Goal-like text, dense in the characters the analyser cares about.
        #[test]
        fn goal_like_text_is_read_without_panics(
            text in "([A-Za-z]{1,8}|[0-9]{1,5}|[ ,.:;%$€'’\\-/]|🚀|日本|é|İ){0,24}"
        ) {
            check_spans(&text);
        }
    }
}
