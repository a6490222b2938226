//! Reading a vision for its end state. The guides' test: "I want to be a
//! manager" names none; "Senior Project Manager leading a team of five
//! within five years, earning $120,000" does.
//!
//! A vision is concrete when it names at least one of: a number of the
//! outcome (a team of five, $120,000, 3 clients), a place or an
//! organisation (Berlin, a Series B startup), a role with a scope (lead
//! *of the checkout squad*, engineer *owning the payments platform*), or
//! a thing that will exist (run *a 30-seat café*). A generic aspiration —
//! a state (be happy, be successful), a comparative (more money), an
//! abstract object (make an impact, reach the top), a role with nothing
//! that sizes it (be a manager) — is not.

use super::goal::{FinishLine, Mode, read};
use super::lexicon::*;
use super::quantity::NumberRole;
use super::tokens::{Token, TokenKind, tokenize};
use super::{Language, Signal, strip_prefix};

#[derive(Clone, Debug, PartialEq)]
pub struct VisionReading {
    pub language: Language,
    /// What makes the vision concrete, quoted; `None` when nothing does.
    pub concrete: Option<String>,
    /// Why it is vague, when it is and the analyser can say why.
    pub vague: Option<Signal>,
}

impl VisionReading {
    pub fn is_vague(&self) -> bool {
        self.concrete.is_none() && self.vague.is_some()
    }
}

/// Words after a role that give it a scope: "lead *of* the squad",
/// "engineer *owning* the platform".
const SCOPE_WORDS: &[&str] = &[
    "of",
    "for",
    "on",
    "at",
    "in",
    "over",
    "with",
    "leading",
    "owning",
    "managing",
    "running",
    "responsible",
    "working",
    "covering",
    "shipping",
    "specialising",
    "specializing",
    "focusing",
    "building",
    "serving",
    "heading",
    "overseeing",
];

/// Capitalised words that are part of a job title, not a name.
const TITLE_WORDS: &[&str] = &[
    "senior",
    "junior",
    "staff",
    "principal",
    "lead",
    "head",
    "chief",
    "associate",
    "certified",
    "assistant",
    "deputy",
    "executive",
    "global",
    "regional",
];

pub fn read_vision(text: &str) -> VisionReading {
    let start = strip_prefix(text);
    let tokens: Vec<Token> = tokenize(text)
        .into_iter()
        .filter(|t| t.span.start >= start)
        .collect();
    let reading = read(text, &[], Mode::Vision);
    let quote = |token: &Token| token.text.to_string();
    let mut vision = VisionReading {
        language: reading.language,
        concrete: None,
        vague: None,
    };
    if reading.language != Language::English {
        return vision;
    }
    if let Some(number) = reading
        .numbers
        .iter()
        .find(|n| matches!(n.role, NumberRole::Outcome | NumberRole::Property))
    {
        vision.concrete = text.get(number.span.clone()).map(str::to_string);
        return vision;
    }
    if let Some(name) = tokens
        .iter()
        .enumerate()
        .find(|(i, t)| is_name(&tokens, *i, t))
    {
        vision.concrete = Some(quote(name.1));
        return vision;
    }
    if let Some(role) = scoped_role(text, &tokens) {
        vision.concrete = Some(role);
        return vision;
    }
    match &reading.finish_line {
        Some(FinishLine::Quantity(span)) => {
            vision.concrete = text.get(span.clone()).map(str::to_string);
        }
        // A thing that will exist, named closely enough to picture: "a
        // 30-seat café", "the developer relations programme"; "a job" or
        // "my own business" alone is not an end state.
        Some(FinishLine::Deliverable(span)) if specific(text.get(span.clone()).unwrap_or("")) => {
            vision.concrete = text.get(span.clone()).map(str::to_string);
        }
        Some(FinishLine::Deliverable(span)) => {
            vision.vague = Some(Signal::new_public(
                super::SignalKind::AbstractObject,
                span.clone(),
                text,
            ));
        }
        None => vision.vague = reading.vague,
    }
    vision
}

/// A capitalised word inside the statement that names a place, an
/// organisation or a product, not a job title or a calendar word.
fn is_name(tokens: &[Token], i: usize, token: &Token) -> bool {
    let sentence_start = i == 0
        || tokens[..i]
            .iter()
            .all(|t| t.is_word() && is_in(&t.lower, INTENTION_WORDS));
    (token.is_word() || token.kind == TokenKind::Code)
        && token.capitalised()
        && !sentence_start
        && token.lower != "i"
        && !is_in(&token.lower, ROLE_NOUNS)
        && !is_in(&token.lower, TITLE_WORDS)
        && !is_in(&token.lower, MONTHS)
        && !is_in(&token.lower, CALENDAR_WORDS)
        && !is_in(&token.lower, PREPOSITIONS)
        && !is_in(&token.lower, BOUNDING_DETERMINERS)
        && !is_in(
            &token.lower,
            &["project", "product", "program", "programme", "engineering"],
        )
}

/// "Tech lead *of the checkout squad*": a role noun followed by a scope
/// word and something concrete.
fn scoped_role(text: &str, tokens: &[Token]) -> Option<String> {
    for (i, token) in tokens.iter().enumerate() {
        if !is_in(&token.lower, ROLE_NOUNS) || is_in(&token.lower, GENERIC_ROLES) {
            continue;
        }
        let Some(scope) = tokens.get(i + 1) else {
            continue;
        };
        if !is_in(&scope.lower, SCOPE_WORDS) {
            continue;
        }
        let rest: Vec<&Token> = tokens[i + 2..]
            .iter()
            .take_while(|t| !is_in(&t.lower, CONJUNCTIONS) && t.kind != TokenKind::Sign)
            .collect();
        let concrete = rest.iter().any(|t| {
            t.is_word()
                && !is_in(&t.lower, BOUNDING_DETERMINERS)
                && !is_in(&t.lower, PREPOSITIONS)
                && !is_in(&t.lower, PRONOUNS)
                && !is_abstract_noun(&t.lower)
                && !is_in(
                    &t.lower,
                    &["future", "company", "organisation", "organization", "team"],
                )
        });
        if concrete && let Some(last) = rest.last() {
            return text
                .get(token.span.start..last.span.end)
                .map(str::to_string);
        }
    }
    None
}

/// Whether a clause's object names its thing with a modifier: two content
/// words or more after the verb ("a coffee shop", "the payments platform").
fn specific(clause: &str) -> bool {
    let tokens = tokenize(clause);
    let object: Vec<&Token> = tokens
        .iter()
        .skip(1)
        .skip_while(|t| is_in(&t.lower, PARTICLES) || is_in(&t.lower, PREPOSITIONS))
        .take_while(|t| {
            t.is_word()
                && !is_in(&t.lower, PREPOSITIONS)
                && !is_in(&t.lower, CONJUNCTIONS)
                && !is_in(&t.lower, &["that", "which", "who", "where"])
        })
        .filter(|t| {
            !is_in(&t.lower, BOUNDING_DETERMINERS)
                && !is_in(&t.lower, OPEN_QUANTIFIERS)
                && !is_in(&t.lower, &["own", "very", "real", "good", "great", "nice"])
        })
        .collect();
    object.len() >= 2
}
