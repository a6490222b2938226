//! A rewrite of a vague title, built from its own words: the topic it
//! names, the thing it wants to change, the amount it leaves open.

use super::goal::GoalReading;
use super::lexicon::*;
use super::tokens::{Token, TokenKind, tokenize};
use super::{SignalKind, read_goal};

/// A title with a finish line, made from `title`'s words; `None` when the
/// title has one already or the analyser cannot read it.
pub fn suggest_rewrite(title: &str, reading: &GoalReading) -> Option<String> {
    let signal = reading.vague.as_ref()?;
    let core = title.get(reading.core.clone())?.trim();
    let tokens = tokenize(title);
    let after_signal: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.span.start >= signal.span.end)
        .collect();
    let topic = topic(&after_signal);
    let suggestion = match signal.kind {
        SignalKind::Hedge | SignalKind::Continuation => {
            // Without the hedge, the rest may already be a finish line;
            // else rewrite the rest.
            let rest = title.get(signal.span.end..)?.trim_start();
            let rest = rest.strip_prefix("to ").unwrap_or(rest);
            let rest = rest.trim();
            if rest.is_empty() {
                return None;
            }
            let rest = capitalise(&base_form(rest));
            let again = read_goal(&rest, &[]);
            if again.is_vague() {
                return suggest_rewrite(&rest, &again).or(Some(rest));
            }
            rest
        }
        SignalKind::Comparative => comparative(core, &signal.phrase, &tokens, signal.span.start)?,
        SignalKind::ProcessVerb | SignalKind::State => {
            let topic = topic.or_else(|| topic_before(&tokens, signal.span.start))?;
            let verb = signal.phrase.to_lowercase();
            if [
                "understand",
                "explore",
                "research",
                "look",
                "dive",
                "read",
                "follow",
                "know",
            ]
            .iter()
            .any(|v| verb.starts_with(v))
            {
                format!("Present what I learned about {topic} to my team in a 20-minute talk")
            } else {
                format!("Pass a {topic} exam, or ship one project that uses {topic}")
            }
        }
        SignalKind::DegreeVerb => {
            let object = title.get(signal.span.end..)?;
            let object = cut_time_frame(object).trim();
            // "grow into tech lead": the role is the finish line.
            let role = object
                .strip_prefix("into ")
                .or_else(|| object.strip_prefix("as "))
                .filter(|rest| {
                    rest.split_whitespace()
                        .any(|w| is_in(&w.to_lowercase(), ROLE_NOUNS))
                });
            if let Some(role) = role {
                let role = role.trim_start_matches("a ").trim_start_matches("an ");
                format!("Get promoted to {role} at the next review cycle")
            } else if object.is_empty() {
                format!(
                    "{}: from <now> to <target> by the deadline",
                    capitalise(core)
                )
            } else {
                format!(
                    "{} {object} from <now> to <target> (say what you count)",
                    capitalise(&signal.phrase)
                )
            }
        }
        SignalKind::OpenObject | SignalKind::NoObject => {
            let verb_end = signal.span.start;
            let head = title.get(reading.core.start..verb_end)?.trim();
            let object = strip_open_quantifier(&signal.phrase);
            if head.is_empty() {
                format!("{} <N> times a month", capitalise(signal.phrase.trim()))
            } else {
                format!("{} <N> {object}", capitalise(head))
            }
        }
        SignalKind::AbstractObject | SignalKind::UnscopedRole | SignalKind::Activity => {
            format!(
                "{}: name one thing that will exist, or one number that will change, when it is done",
                capitalise(core)
            )
        }
        SignalKind::Empty | SignalKind::ExtraWord => return None,
    };
    Some(suggestion)
}

/// "more books" → "<N> books"; "more visible" and "better" → the core
/// with a checkable amount added.
fn comparative(core: &str, phrase: &str, tokens: &[Token], at: usize) -> Option<String> {
    let index = tokens.iter().position(|t| t.span.start == at)?;
    let word = tokens[index].lower.as_str();
    let next = tokens.get(index + 1);
    let plural_next = next.is_some_and(|n| n.is_word() && n.lower.ends_with('s'));
    if matches!(word, "more" | "fewer" | "less") && plural_next {
        return Some(capitalise(&core.replacen(
            &tokens[index].text.to_string(),
            "<N>",
            1,
        )));
    }
    if matches!(word, "more" | "less")
        && next.is_none_or(|n| !n.is_word() || is_in(&n.lower, &["often", "regularly"]))
    {
        let without = core.replacen(phrase, "", 1);
        return Some(format!("{} <N> times a month", capitalise(without.trim())));
    }
    Some(format!(
        "{}, as shown by <a count or a score a stranger could check>",
        capitalise(core.trim_end_matches('.'))
    ))
}

/// The topic a process verb is about: "more about Kubernetes" →
/// "Kubernetes", "my Docker skills" → "Docker".
fn topic(tokens: &[&Token]) -> Option<String> {
    let words: Vec<&str> = tokens
        .iter()
        .skip_while(|t| {
            is_in(&t.lower, PREPOSITIONS)
                || is_in(&t.lower, OPEN_QUANTIFIERS)
                || is_in(&t.lower, BOUNDING_DETERMINERS)
                || is_in(&t.lower, COMPARATIVES)
        })
        .take_while(|t| {
            t.kind != TokenKind::Sign
                && !is_in(&t.lower, CONJUNCTIONS)
                && !is_in(&t.lower, TIME_FRAME_WORDS)
                && !is_comparative(&t.lower)
                && !is_in(&t.lower, &["at", "of", "about"])
        })
        .filter(|t| {
            !is_in(
                &t.lower,
                &[
                    "skills",
                    "skill",
                    "knowledge",
                    "understanding",
                    "stuff",
                    "basics",
                ],
            )
        })
        .map(|t| t.text)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// For "Get good at Figma" the topic is after "at"; for "Understand the
/// Rust borrow checker better", before the comparative.
fn topic_before(tokens: &[Token], at: usize) -> Option<String> {
    let after: Vec<&Token> = tokens.iter().filter(|t| t.span.start > at).collect();
    topic(&after)
}

fn cut_time_frame(text: &str) -> &str {
    // ASCII lowering keeps byte offsets: they index `text` below.
    let lower = text.to_ascii_lowercase();
    let mut end = text.len();
    for marker in [
        " in ", " by ", " within ", " over ", " this ", " next ", " before ", " during ",
    ] {
        if let Some(at) = lower.find(marker) {
            end = end.min(at);
        }
    }
    &text[..end]
}

fn strip_open_quantifier(phrase: &str) -> String {
    let mut words: Vec<&str> = phrase.split_whitespace().collect();
    if words
        .first()
        .is_some_and(|w| is_in(&w.to_lowercase(), OPEN_QUANTIFIERS))
    {
        words.remove(0);
    }
    words.join(" ")
}

/// "learning Rust" → "learn Rust", so a hedge's remainder reads as an
/// imperative.
fn base_form(text: &str) -> String {
    let Some((first, rest)) = text.split_once(' ') else {
        return text.to_string();
    };
    let lemma = lemma(&first.to_lowercase());
    if first.to_lowercase().ends_with("ing") && lemma != first.to_lowercase() {
        format!("{lemma} {rest}")
    } else {
        text.to_string()
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
