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
            let rest = rest.strip_prefix("to ").unwrap_or(rest).trim();
            if rest.is_empty() {
                return None;
            }
            let phrase = signal.phrase.to_lowercase();
            let last = phrase.split_whitespace().last().unwrap_or("");
            // Carrying on leaves a goal behind only when it names the verb
            // carried on: "keep learning Rust" (learn Rust), "continue to
            // write"; "keep up with industry trends" leaves none.
            let rest = match signal.kind {
                SignalKind::Continuation if last.ends_with("ing") && lemma(last) != last => {
                    format!("{} {rest}", lemma(last))
                }
                SignalKind::Continuation if last == "to" => rest.to_string(),
                SignalKind::Continuation => {
                    return Some(format!(
                        "{}: name the deliverable, or the number that will change, that shows it is done",
                        capitalise(cut_time_frame(core).trim())
                    ));
                }
                _ => base_form(rest),
            };
            let rest = capitalise(&rest);
            let again = read_goal(&rest, &[]);
            if again.is_vague() {
                return suggest_rewrite(&rest, &again).or(Some(rest));
            }
            rest
        }
        SignalKind::Comparative => {
            // "get better at public speaking", "know more about Kafka": the
            // verb before the comparative says which kind of finish line.
            let before = title
                .get(reading.core.start..signal.span.start)?
                .to_lowercase();
            let mut words = before.split_whitespace();
            let first_verb = words.next().unwrap_or("");
            let family = family_of(before.split_whitespace().last().unwrap_or(""));
            let family = match family {
                Family::Other => family_of(first_verb),
                known => known,
            };
            // "Understand the Rust borrow checker better": the topic is
            // between the verb and the comparative.
            let topic = topic.or_else(|| {
                let between: Vec<&Token> = tokens
                    .iter()
                    .filter(|t| {
                        t.span.start > reading.core.start && t.span.end <= signal.span.start
                    })
                    .skip(usize::from(family_of(first_verb).is_linking()))
                    .collect();
                self::topic(&between)
            });
            match (family, topic.as_deref()) {
                (Family::Skill, Some(topic)) if after_at(&signal.phrase) => skill(topic),
                (Family::Linking, Some(topic)) if after_at(&signal.phrase) => skill(topic),
                (Family::Knowledge, Some(topic)) => knowledge(topic),
                (Family::Skill, Some(topic)) => skill(topic),
                _ => comparative(core, &signal.phrase, &tokens, signal.span.start)?,
            }
        }
        SignalKind::ProcessVerb | SignalKind::State => {
            let verb = signal.phrase.to_lowercase();
            let family = family_of(verb.split_whitespace().next().unwrap_or(""));
            let object = title.get(signal.span.end..).unwrap_or("").trim();
            let object = cut_time_frame(object).trim();
            match family {
                Family::Knowledge => {
                    knowledge(&topic.or_else(|| topic_before(&tokens, signal.span.start))?)
                }
                Family::Skill if !verb.ends_with(" to") && !object.starts_with("to ") => {
                    skill(&topic.or_else(|| topic_before(&tokens, signal.span.start))?)
                }
                // "good at", "proficient in", "comfortable with": a skill.
                Family::Linking if after_at(&signal.phrase) => {
                    skill(&topic.or_else(|| topic_before(&tokens, signal.span.start))?)
                }
                // "work on my portfolio": finishing it is the finish line.
                Family::Other
                    if (verb.starts_with("work") || verb.starts_with("focus"))
                        && bounded_object(object) =>
                {
                    format!("Finish {object} by the deadline")
                }
                Family::Skill | Family::Linking => format!(
                    "{}, as shown by <a count or a score a stranger could check>",
                    capitalise(cut_time_frame(core).trim())
                ),
                Family::Other => format!(
                    "{}: name the deliverable, or the number that will change, that shows it is done",
                    capitalise(cut_time_frame(core).trim())
                ),
            }
        }
        SignalKind::DegreeVerb
            if signal.phrase.to_lowercase().starts_with("level up") && topic.is_some() =>
        {
            skill(topic.as_deref().unwrap_or_default())
        }
        SignalKind::DegreeVerb => {
            let object = title.get(signal.span.end..)?;
            let object = cut_time_frame(object).trim();
            // "grow into tech lead": the role is the finish line.
            let role = object
                .strip_prefix("into ")
                .or_else(|| object.strip_prefix("as "))
                .filter(|rest| {
                    rest.split_whitespace().any(|w| {
                        let w = w.to_lowercase();
                        is_in(&w, ROLE_NOUNS) || matches!(w.as_str(), "role" | "position")
                    })
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
            let rest = title.get(signal.span.end..).unwrap_or("").trim();
            if head.is_empty() && rest.is_empty() {
                format!("{} <N> times a month", capitalise(signal.phrase.trim()))
            } else if head.is_empty() {
                format!(
                    "{}: name the deliverable, or the number that will change, that shows it is done",
                    capitalise(core)
                )
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

/// Which kind of finish line an open verb calls for.
enum Family {
    /// Learning a skill: a course finished and the skill used.
    Skill,
    /// Knowing about something: a write-up or a talk.
    Knowledge,
    /// be, become, get: a state, measured like a skill.
    Linking,
    Other,
}

impl Family {
    fn is_linking(&self) -> bool {
        matches!(self, Family::Linking)
    }
}

fn family_of(verb: &str) -> Family {
    let verb = lemma(verb);
    if [
        "learn", "study", "master", "practise", "practice", "brush", "upskill", "reskill",
    ]
    .contains(&verb.as_str())
    {
        Family::Skill
    } else if [
        "understand",
        "explore",
        "research",
        "look",
        "dive",
        "read",
        "follow",
        "know",
        "investigate",
        "discover",
        "familiarise",
        "familiarize",
    ]
    .contains(&verb.as_str())
    {
        Family::Knowledge
    } else if is_in(&verb, LINKING_VERBS) {
        Family::Linking
    } else {
        Family::Other
    }
}

fn skill(topic: &str) -> String {
    format!("Complete a course on {topic} and use it in one deliverable by the deadline")
}

fn knowledge(topic: &str) -> String {
    format!("Present what I learned about {topic} to my team in a 20-minute talk")
}

/// "better at", "good with": the comparative is about a skill.
fn after_at(phrase: &str) -> bool {
    let lower = phrase.to_lowercase();
    lower.ends_with(" at") || lower.ends_with(" with") || lower.ends_with(" in")
}

/// "my portfolio", "the onboarding guide": one thing, not an abstraction.
fn bounded_object(object: &str) -> bool {
    let words: Vec<String> = object.split_whitespace().map(str::to_lowercase).collect();
    let Some(head) = words
        .iter()
        .take_while(|w| !is_in(w, PREPOSITIONS) && !is_in(w, CONJUNCTIONS))
        .last()
    else {
        return false;
    };
    words
        .first()
        .is_some_and(|first| is_in(first, BOUNDING_DETERMINERS))
        && !is_abstract_noun(head)
        && !head.ends_with('s')
}

/// "more books" → "<N> books"; "more visible" and "better" → the core
/// with a checkable amount added.
fn comparative(core: &str, phrase: &str, tokens: &[Token], at: usize) -> Option<String> {
    let index = tokens.iter().position(|t| t.span.start == at)?;
    let word = tokens[index].lower.as_str();
    let next = tokens.get(index + 1);
    // "more books", "more networking events": a countable noun follows.
    let plural_next = tokens[index + 1..]
        .iter()
        .take_while(|t| t.is_word() && !is_in(&t.lower, PREPOSITIONS))
        .take(3)
        .any(|t| t.lower.ends_with('s') && !t.lower.ends_with("ss"));
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
