//! Reading a goal title for its finish line: could a stranger tell, on the
//! deadline, whether it happened?
//!
//! In this order:
//! 1. a quantity of the outcome ("4 posts", "by 10%") is a finish line;
//! 2. a hedge ("try to", "someday") or carrying on ("keep learning")
//!    says there is none;
//! 3. a comparative with no reference ("more", "better", "faster" with no
//!    "than" and no number) says there is none;
//! 4. a clause whose verb ends with a bounded object ("pass the CKA exam",
//!    "give a talk", "move to Lisbon", "get promoted to Staff Engineer") is
//!    a deliverable, a finish line;
//! 5. otherwise the first sign of an open end is quoted: a process verb
//!    (learn, understand, explore), a degree verb (improve, grow), a state
//!    (be confident, get good at), an abstract or open object (my skills,
//!    some debt).
//!
//! A statement that matches none of these is not judged: the analyser
//! only speaks when it can quote why.

use std::ops::Range;

use super::lexicon::*;
use super::quantity::{Number, NumberRole, is_calendar_word, numbers};
use super::tokens::{Token, TokenKind, tokenize};
use super::{Language, Signal, SignalKind, detect_language, strip_prefix};

/// What the analyser found in a goal title.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalReading {
    pub language: Language,
    pub finish_line: Option<FinishLine>,
    /// Why there is no finish line, when there is none and the analyser
    /// can say why.
    pub vague: Option<Signal>,
    /// Every number, with its role.
    pub numbers: Vec<Number>,
    /// The byte range of the statement proper, past a "Name:" prefix and
    /// hedges (what a rewrite starts from).
    pub core: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FinishLine {
    /// A quantity of the outcome.
    Quantity(Range<usize>),
    /// Something done or not: a course, an exam, a talk, a release, a role.
    Deliverable(Range<usize>),
}

impl GoalReading {
    /// No finish line, and the analyser can say why.
    pub fn is_vague(&self) -> bool {
        self.finish_line.is_none() && self.vague.is_some()
    }

    /// Open-ended: the goal needs a metric to be measured. Deliverables
    /// and titles with a quantity do not; text the analyser cannot read
    /// (another language) is not asked.
    pub fn needs_metric(&self) -> bool {
        self.is_vague()
    }

    /// The outcome quantities, first first.
    pub fn outcome(&self) -> impl Iterator<Item = &Number> {
        self.numbers
            .iter()
            .filter(|n| n.role == NumberRole::Outcome)
    }
}

/// Reads `title`; `extra_words` are the user's own vague words and
/// phrases (`[vague] extra-words`).
pub fn read_goal(title: &str, extra_words: &[String]) -> GoalReading {
    read(title, extra_words, Mode::Goal)
}

/// Goals and visions are read alike, except that a vision's role needs a
/// scope: "become a Staff Engineer" is a goal's finish line, "be a
/// manager" is the guides' example of a vague vision.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Goal,
    Vision,
}

pub(super) fn read(title: &str, extra_words: &[String], mode: Mode) -> GoalReading {
    let start = strip_prefix(title);
    let all = tokenize(title);
    let mut tokens: Vec<Token> = all.into_iter().filter(|t| t.span.start >= start).collect();
    // Emoji and symbols carry no words; a leading run of them, or of
    // ideographs in an English title ("🚀 日本 improve"), is a label.
    tokens.retain(|t| t.kind != TokenKind::Sign || is_punctuation(t.text));
    let numbers = numbers(&tokens);
    let language = detect_language(&tokens);
    let mut reading = GoalReading {
        language,
        finish_line: None,
        vague: None,
        numbers,
        core: start..title.len(),
    };
    if tokens.is_empty() {
        reading.vague = Some(Signal::new(SignalKind::Empty, start..start, ""));
        return reading;
    }
    // The number with what it counts: "4 posts", "10%".
    let first_outcome = reading.outcome().next().map(|number| {
        let counted = tokens
            .iter()
            .find(|t| t.span.start > number.span.end)
            .filter(|t| t.is_word() && number.unit.as_deref() == Some(t.lower.as_str()));
        number.span.start..counted.map_or(number.span.end, |t| t.span.end)
    });
    if let Some(span) = first_outcome {
        reading.finish_line = Some(FinishLine::Quantity(span));
        return reading;
    }
    if let Some(verb) = tokens
        .iter()
        .find(|t| is_in(&t.lower, MULTIPLYING_VERBS) && t.span.start == start)
    {
        reading.finish_line = Some(FinishLine::Quantity(verb.span.clone()));
        return reading;
    }
    if language != Language::English {
        return reading;
    }
    if let Some(extra) = extra_phrase(title, &tokens, extra_words) {
        reading.vague = Some(extra);
        return reading;
    }
    let hedge = find_hedge(title, &tokens);
    let body_start = skip_intention(&tokens);
    let body_start = body_start
        + tokens[body_start..]
            .iter()
            .take_while(|t| t.kind != TokenKind::Word && t.kind != TokenKind::Number)
            .count()
            .min(tokens.len().saturating_sub(body_start + 1));
    if let Some(body) = tokens.get(body_start) {
        reading.core = body.span.start..title.len();
    }
    if let Some(hedge) = hedge {
        reading.vague = Some(hedge);
        return reading;
    }
    if let Some(comparative) = unreferenced_comparative(title, &tokens) {
        reading.vague = Some(comparative);
        return reading;
    }
    let mut first_signal = None;
    for clause in clauses(&tokens[body_start..]) {
        match read_clause(title, clause, mode) {
            Clause::Bounded(span) => {
                reading.finish_line = Some(FinishLine::Deliverable(span));
                return reading;
            }
            Clause::Open(signal) => {
                first_signal.get_or_insert(signal);
            }
            Clause::Unknown => {}
        }
    }
    reading.vague = first_signal;
    reading
}

fn extra_phrase(title: &str, tokens: &[Token], extra_words: &[String]) -> Option<Signal> {
    for phrase in extra_words {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            continue;
        }
        for (i, _) in tokens.iter().enumerate() {
            if tokens.len() >= i + words.len()
                && words.iter().zip(&tokens[i..]).all(|(w, t)| t.lower == *w)
            {
                let span = tokens[i].span.start..tokens[i + words.len() - 1].span.end;
                return Some(Signal::new(SignalKind::ExtraWord, span, title));
            }
        }
    }
    None
}

fn matches_at(tokens: &[Token], at: usize, words: &[&str]) -> bool {
    tokens.len() >= at + words.len() && words.iter().zip(&tokens[at..]).all(|(w, t)| t.lower == *w)
}

fn find_hedge(title: &str, tokens: &[Token]) -> Option<Signal> {
    for at in 0..tokens.len() {
        for hedge in HEDGES {
            if matches_at(tokens, at, hedge) {
                let span = tokens[at].span.start..tokens[at + hedge.len() - 1].span.end;
                return Some(Signal::new(SignalKind::Hedge, span, title));
            }
        }
        if is_in(&tokens[at].lower, CONTINUATION_VERBS) && at <= skip_intention(tokens) {
            let end = tokens
                .get(at + 1)
                .filter(|t| t.is("to") || t.is("on") || t.is("up") || t.lower.ends_with("ing"))
                .map_or(tokens[at].span.end, |t| t.span.end);
            return Some(Signal::new(
                SignalKind::Continuation,
                tokens[at].span.start..end,
                title,
            ));
        }
    }
    None
}

/// The index of the first token past "I want to", "My goal is to", "I'll".
fn skip_intention(tokens: &[Token]) -> usize {
    let mut at = 0;
    while at < tokens.len() {
        let token = &tokens[at];
        let is_intention = token.is_word() && is_in(&token.lower, INTENTION_WORDS);
        // "be" starts the goal itself ("be promoted"), unless an
        // intention word ("I want to be able to") comes after it.
        let goal_verb = matches!(token.lower.as_str(), "be" | "have" | "get" | "focus")
            && !tokens
                .get(at + 1)
                .is_some_and(|n| matches!(n.lower.as_str(), "able" | "going" | "to"));
        if token.kind == TokenKind::Sign && matches!(token.text, ":" | "'") {
            at += 1;
            continue;
        }
        if !is_intention || goal_verb {
            break;
        }
        at += 1;
    }
    if at >= tokens.len() { 0 } else { at }
}

fn unreferenced_comparative(title: &str, tokens: &[Token]) -> Option<Signal> {
    if tokens.iter().any(|t| t.is("than")) {
        return None;
    }
    // A comparative right after a process or degree verb ("learn more
    // about", "improve more") is part of the verb's phrase, quoted with it.
    let at = tokens.iter().enumerate().position(|(i, t)| {
        let after_open_verb = i > 0 && {
            let verb = lemma(&tokens[i - 1].lower);
            is_in(&verb, PROCESS_VERBS) || is_in(&verb, DEGREE_VERBS)
        };
        t.is_word() && is_comparative(&t.lower) && !t.capitalised_name() && !after_open_verb
    })?;
    // Quote the comparative with the word it grades: "more visible",
    // "better at", "faster".
    let end = tokens
        .get(at + 1)
        .filter(|n| n.is_word() && !is_in(&n.lower, CONJUNCTIONS))
        .map_or(tokens[at].span.end, |n| n.span.end);
    Some(Signal::new(
        SignalKind::Comparative,
        tokens[at].span.start..end,
        title,
    ))
}

impl Token<'_> {
    /// Capitalised in the middle of a statement: part of a name
    /// ("Better Auth"), not a comparative.
    fn capitalised_name(&self) -> bool {
        self.capitalised() && self.span.start > 0 && self.lower != "i"
    }
}

/// Splits at conjunctions, commas and semicolons, at "by" before a
/// gerund ("by building"), and at "to" before a verb ("well enough to
/// pass").
fn clauses<'a, 't>(tokens: &'a [Token<'t>]) -> Vec<&'a [Token<'t>]> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, token) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1);
        let splits = (token.is_word() && is_in(&token.lower, CONJUNCTIONS))
            || (token.kind == TokenKind::Sign && matches!(token.text, "," | ";" | "—" | "–" | "("))
            || (token.is("by") && next.is_some_and(|n| n.lower.ends_with("ing")))
            || (token.is("to") && i > from + 1 && next.is_some_and(|n| starts_clause(n)));
        if splits {
            if i > from {
                out.push(&tokens[from..i]);
            }
            from = i + 1;
        }
    }
    if from < tokens.len() {
        out.push(&tokens[from..]);
    }
    out
}

/// A word after "to" that begins a new verb phrase rather than a noun
/// phrase ("to pass", not "to the CTO" or "to Senior Engineer").
fn starts_clause(token: &Token) -> bool {
    token.is_word()
        && !token.capitalised()
        && !is_in(&token.lower, BOUNDING_DETERMINERS)
        && !is_in(&token.lower, OPEN_QUANTIFIERS)
        && !is_in(&token.lower, PRONOUNS)
        && !is_in(&token.lower, PREPOSITIONS)
        && !is_in(&token.lower, ROLE_NOUNS)
        && !is_in(&token.lower, STATE_ADJECTIVES)
        && number_word(&token.lower).is_none()
        && (is_verb_like(&token.lower) || token.lower.len() > 2)
        && !is_in(
            &token.lower,
            &["senior", "junior", "lead", "principal", "staff"],
        )
}

fn is_verb_like(word: &str) -> bool {
    is_known_verb(&lemma(word))
}

enum Clause {
    Bounded(Range<usize>),
    Open(Signal),
    Unknown,
}

fn read_clause(title: &str, tokens: &[Token], mode: Mode) -> Clause {
    let mut start = skip_intention(tokens);
    // A subject before the verb ("Engineers spend…", "The team ships…")
    // is read past: the verb says whether it ends.
    let subject = tokens[start..]
        .iter()
        .take_while(|t| t.is_word() && !is_verb_like(&t.lower))
        .count();
    if (1..=3).contains(&subject)
        && tokens
            .get(start + subject)
            .is_some_and(|verb| verb.is_word() && is_verb_like(&verb.lower))
        && tokens[start].capitalised()
    {
        start += subject;
    }
    let tokens = &tokens[start..];
    // Only intention words ("Personally", "I'd like to"): nothing to read.
    if tokens
        .iter()
        .all(|t| t.is_word() && is_in(&t.lower, INTENTION_WORDS))
    {
        return Clause::Unknown;
    }
    let Some(first) = tokens.first() else {
        return Clause::Unknown;
    };
    let signal = |kind, span: Range<usize>| Clause::Open(Signal::new(kind, span, title));
    // "Driving licence", "Public speaking": a gerund before a noun is a
    // modifier, and the clause a noun phrase.
    let gerund_modifier = first.lower.ends_with("ing")
        && tokens.get(1).is_some_and(|n| {
            n.is_word()
                && !n.capitalised()
                && !is_in(&n.lower, BOUNDING_DETERMINERS)
                && !is_in(&n.lower, OPEN_QUANTIFIERS)
                && !is_in(&n.lower, PRONOUNS)
                && !is_in(&n.lower, PREPOSITIONS)
                && !is_in(&n.lower, PARTICLES)
        });
    if gerund_modifier {
        return fragment(title, tokens);
    }
    let verb = lemma(&first.lower);
    let rest = &tokens[1..];
    // A phrasal verb's particle stays with it: "level up", "brush up on".
    let (verb_end, rest) = verb_phrase_end(first, rest);
    let clause_span = first.span.start..tokens.last().map_or(first.span.end, |t| t.span.end);
    if first.is("level") && rest.len() < tokens.len() - 1 {
        return signal(SignalKind::DegreeVerb, first.span.start..verb_end);
    }
    if is_in(&verb, DEGREE_VERBS) && !is_in(&verb, LINKING_VERBS) || verb == "grow" {
        return signal(SignalKind::DegreeVerb, first.span.start..verb_end);
    }
    if is_in(&verb, PROCESS_VERBS) {
        let end = rest
            .iter()
            .take_while(|t| {
                is_in(&t.lower, PREPOSITIONS) || is_in(&t.lower, OPEN_QUANTIFIERS) || t.is("how")
            })
            .last()
            .map_or(verb_end, |t| t.span.end);
        return signal(SignalKind::ProcessVerb, first.span.start..end);
    }
    if is_in(&verb, LINKING_VERBS) || matches!(first.lower.as_str(), "get" | "be" | "become") {
        return linking(title, first, rest, clause_span, mode);
    }
    if first.kind != TokenKind::Word || !looks_like_verb(first, rest) {
        return fragment(title, tokens);
    }
    // A verb outside the open classes: it ends with a bounded object.
    if is_in(&verb, CESSATION_VERBS) && rest.first().is_some_and(|t| t.lower.ends_with("ing")) {
        return Clause::Bounded(clause_span);
    }
    let destination = || {
        rest.iter().enumerate().any(|(i, t)| {
            matches!(t.lower.as_str(), "to" | "into" | "onto")
                && matches!(object(&rest[i + 1..]), Object::Bounded)
        })
    };
    // "Present the sharding design at the all-hands": before an audience
    // on a named occasion, whatever is presented.
    let occasion = || {
        is_in(&verb, PRESENTING_VERBS)
            && rest.iter().enumerate().any(|(i, t)| {
                matches!(t.lower.as_str(), "at" | "before") && names_occasion(&rest[i + 1..])
            })
    };
    match object(rest) {
        Object::Bounded => Clause::Bounded(clause_span),
        // "Switch careers into UX design": the object moves somewhere named.
        Object::Open(_) | Object::Abstract(_) if destination() || occasion() => {
            Clause::Bounded(clause_span)
        }
        Object::Open(span) => signal(SignalKind::OpenObject, span),
        Object::Abstract(span) => signal(SignalKind::AbstractObject, span),
        Object::None => match bounded_prepositional(rest) {
            true => Clause::Bounded(clause_span),
            false => signal(SignalKind::NoObject, first.span.start..verb_end),
        },
    }
}

fn verb_phrase_end<'a, 't>(first: &Token, rest: &'a [Token<'t>]) -> (usize, &'a [Token<'t>]) {
    match rest.first() {
        Some(particle) if is_in(&particle.lower, PARTICLES) => {
            // "brush up on", "keep up with"
            let more = rest
                .get(1)
                .filter(|t| matches!(t.lower.as_str(), "on" | "with" | "to" | "for"));
            match more {
                Some(t) => (t.span.end, &rest[2..]),
                None => (particle.span.end, &rest[1..]),
            }
        }
        _ => (first.span.end, rest),
    }
}

/// Whether the first word of a clause is its verb: a known verb, a
/// gerund, or a word followed by what follows verbs (an object's
/// determiner, a pronoun, a number, a name, a particle).
fn looks_like_verb(first: &Token, rest: &[Token]) -> bool {
    if is_verb_like(&first.lower) || is_in(&first.lower, CESSATION_VERBS) {
        return true;
    }
    if first.capitalised() && first.acronym() {
        return false;
    }
    let Some(next) = rest.first() else {
        return false;
    };
    next.kind == TokenKind::Number
        || next.kind == TokenKind::Code
        || next.acronym()
        || (next.capitalised() && !first.capitalised_name())
        || is_in(&next.lower, BOUNDING_DETERMINERS)
        || is_in(&next.lower, OPEN_QUANTIFIERS)
        || is_in(&next.lower, PRONOUNS)
        || is_in(&next.lower, PARTICLES)
        || (is_in(&next.lower, PREPOSITIONS) && !next.is("of"))
        || number_word(&next.lower).is_some()
}

enum Object {
    Bounded,
    Open(Range<usize>),
    Abstract(Range<usize>),
    None,
}

/// The noun phrase at the start of `tokens`: bounded when it has a
/// determiner, a number, a name or a singular concrete head; open when it
/// is a bare plural or starts with "some", "more"; abstract when its head
/// is.
fn object(tokens: &[Token]) -> Object {
    let phrase: Vec<&Token> = tokens
        .iter()
        .take_while(|t| {
            in_noun_phrase(t) && !is_in(&t.lower, PHRASE_ADVERBS) && !is_calendar_word(t)
        })
        .collect();
    let (Some(first), Some(head)) = (phrase.first(), phrase.last()) else {
        return Object::None;
    };
    let span = first.span.start..head.span.end;
    if is_in(&first.lower, PRONOUNS) {
        return match first.lower.as_str() {
            "it" | "them" | "this" | "that" => Object::Bounded,
            _ => Object::Open(span),
        };
    }
    let head_word = head.lower.rsplit('-').next().unwrap_or(&head.lower);
    // "a leader", "an expert": a role too generic to be reached.
    if is_abstract_noun(head_word)
        || is_abstract_noun(&head.lower)
        || is_in(head_word, GENERIC_ROLES)
    {
        return Object::Abstract(span);
    }
    if is_in(&first.lower, OPEN_QUANTIFIERS) {
        return Object::Open(span);
    }
    let determined = is_in(&first.lower, BOUNDING_DETERMINERS)
        || phrase.iter().any(|t| t.lower.ends_with("'s"))
        || phrase
            .iter()
            .any(|t| t.kind == TokenKind::Code || t.acronym())
        || phrase.iter().any(|t| t.capitalised());
    if determined {
        return Object::Bounded;
    }
    if is_plural(head) || head.lower.ends_with("ing") {
        return Object::Open(span);
    }
    Object::Bounded
}

/// A word of a noun phrase: up to a preposition or a conjunction.
fn in_noun_phrase(token: &Token) -> bool {
    (token.is_word() || token.kind == TokenKind::Code || token.kind == TokenKind::Number)
        && !is_in(&token.lower, PREPOSITIONS)
        && !is_in(&token.lower, CONJUNCTIONS)
}

fn is_plural(token: &Token) -> bool {
    let word = token.lower.as_str();
    word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
        && !word.ends_with("'s")
        && word.len() > 3
}

/// Whether `tokens` start with a noun phrase naming an occasion: a
/// gathering ("the all-hands", "the Q1 offsite") or a name ("PyCon",
/// "the Engineering Excellence award"); not a time or a manner ("the
/// right time", "scale").
fn names_occasion(tokens: &[Token]) -> bool {
    let phrase: Vec<&Token> = tokens.iter().take_while(|t| in_noun_phrase(t)).collect();
    let Some(head) = phrase.last() else {
        return false;
    };
    // "at the end", "at 2027": a time, not a gathering ("the March
    // sprint review" is one).
    if is_calendar_word(head)
        || head.kind == TokenKind::Number
        || !matches!(object(tokens), Object::Bounded)
    {
        return false;
    }
    let head_word = head.lower.rsplit('-').next().unwrap_or(&head.lower);
    let one = |word: &str| {
        is_in(word, OCCASION_NOUNS)
            || word
                .strip_suffix('s')
                .is_some_and(|one| is_in(one, OCCASION_NOUNS))
    };
    one(&head.lower)
        || one(head_word)
        || phrase
            .iter()
            .any(|t| t.kind == TokenKind::Code || t.acronym() || t.capitalised())
}

/// "Move to Lisbon", "speak at the local meetup", "graduate from the
/// MBA": a preposition and a bounded noun phrase.
fn bounded_prepositional(tokens: &[Token]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        is_in(&t.lower, PREPOSITIONS)
            && !t.is("about")
            && matches!(object(&tokens[i + 1..]), Object::Bounded)
            && tokens
                .get(i + 1)
                .is_some_and(|n| !is_calendar_word(n) && n.kind != TokenKind::Number)
    })
}

/// After be, become, get: a state ("good at", "more confident", "in
/// shape") is open; an event ("promoted", "certified") or a role ("a
/// Staff Engineer") is a finish line.
fn linking(title: &str, verb: &Token, rest: &[Token], clause: Range<usize>, mode: Mode) -> Clause {
    let open = |kind, end: usize| Clause::Open(Signal::new(kind, verb.span.start..end, title));
    let Some(next) = rest.first() else {
        return open(SignalKind::State, verb.span.end);
    };
    // "be seen as a leader", "get noticed by leadership": others' view,
    // a state; unless it names an occasion ("recognised with the
    // Engineering Excellence award").
    if is_in(&next.lower, PERCEPTION_PARTICIPLES) {
        let occasion = rest[1..].iter().enumerate().any(|(i, t)| {
            matches!(t.lower.as_str(), "with" | "at") && names_occasion(&rest[2 + i..])
        });
        if occasion {
            return Clause::Bounded(clause);
        }
        let end = rest
            .iter()
            .take_while(|t| t.is_word() || t.kind == TokenKind::Code)
            .last()
            .map_or(next.span.end, |t| t.span.end);
        return open(SignalKind::State, end);
    }
    if is_in(&next.lower, EVENT_PARTICIPLES)
        || (next.lower.ends_with("ed") && !is_in(&next.lower, STATE_ADJECTIVES))
    {
        return Clause::Bounded(clause);
    }
    // "good at", "proficient in", "comfortable with": an adjective and
    // what it is about.
    let adjective_pattern = !is_in(&next.lower, BOUNDING_DETERMINERS)
        && !is_in(&next.lower, ROLE_NOUNS)
        && next.is_word()
        && rest
            .get(1)
            .is_some_and(|t| matches!(t.lower.as_str(), "at" | "with" | "in" | "about" | "on"));
    if looks_adjective(&next.lower)
        || adjective_pattern
        || is_in(&next.lower, PREPOSITIONS)
        || is_in(&next.lower, PARTICLES)
    {
        let end = if adjective_pattern {
            rest[1].span.end
        } else {
            next.span.end
        };
        return open(SignalKind::State, end);
    }
    // A role: "become team lead of the mobile squad", "be a Staff
    // Engineer". A generic one ("a leader", "an expert") is not.
    let phrase: Vec<&Token> = rest
        .iter()
        .take_while(|t| !is_in(&t.lower, PREPOSITIONS) && !is_in(&t.lower, CONJUNCTIONS))
        .collect();
    if let Some(head) = phrase.last() {
        if is_in(&head.lower, GENERIC_ROLES) {
            return open(SignalKind::State, head.span.end);
        }
        if phrase.iter().any(|t| is_in(&t.lower, ROLE_NOUNS)) {
            return match mode {
                Mode::Goal => Clause::Bounded(clause),
                Mode::Vision => open(SignalKind::UnscopedRole, head.span.end),
            };
        }
    }
    match object(rest) {
        Object::Bounded => Clause::Bounded(clause),
        Object::Abstract(span) | Object::Open(span) => open(SignalKind::AbstractObject, span.end),
        Object::None => open(SignalKind::State, next.span.end),
    }
}

/// A title with no verb: "CKA certification by June", "Leadership
/// skills", "Public speaking". Judged by its head noun.
fn fragment(title: &str, tokens: &[Token]) -> Clause {
    let phrase: Vec<&Token> = tokens
        .iter()
        .take_while(|t| {
            !is_in(&t.lower, PREPOSITIONS)
                && !is_in(&t.lower, CONJUNCTIONS)
                && t.kind != TokenKind::Sign
        })
        .collect();
    let (Some(first), Some(head)) = (phrase.first(), phrase.last()) else {
        return Clause::Unknown;
    };
    let span = first.span.start..head.span.end;
    let head_word = head.lower.rsplit('-').next().unwrap_or(&head.lower);
    if is_abstract_noun(head_word) || is_abstract_noun(&head.lower) {
        return Clause::Open(Signal::new(SignalKind::AbstractObject, span, title));
    }
    if head.lower.ends_with("ing") && head.lower.len() > 5 {
        return Clause::Open(Signal::new(SignalKind::Activity, span, title));
    }
    if head.kind == TokenKind::Word && !head.acronym() && !head.capitalised() && is_plural(head) {
        return Clause::Open(Signal::new(SignalKind::OpenObject, span, title));
    }
    Clause::Bounded(span)
}

/// Signs that structure a statement or give a number its unit; other
/// signs (emoji, arrows, bullets) are dropped before reading.
fn is_punctuation(sign: &str) -> bool {
    matches!(
        sign,
        "," | ";" | ":" | "(" | ")" | "—" | "–" | "&" | "/" | "<" | ">" | "≤" | "≥"
    ) || is_in(sign, AMOUNT_SIGNS)
}
