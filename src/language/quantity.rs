//! Numbers in a statement, each read as what it is: a quantity of the
//! outcome ("4 posts", "by 10%", "under 200 ms"), a date ("in 2027",
//! "Q3"), a time frame ("in the next 3 months"), a frequency ("every two
//! weeks") or part of a name ("Python 3").

use std::ops::Range;

use super::lexicon::{
    AMOUNT_SIGNS, CALENDAR_WORDS, MONTHS, TARGET_WORDS, TIME_FRAME_WORDS, TIME_UNITS, is_in,
    number_word,
};
use super::tokens::{Token, TokenKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberRole {
    /// A quantity of the outcome: a finish line.
    Outcome,
    /// A year or a day: when, not how much.
    Date,
    /// A span of time the goal is given ("within 6 months").
    TimeFrame,
    /// How often ("every two weeks", "per quarter").
    Frequency,
    /// Part of a name or version ("Python 3", "Windows 11").
    Name,
    /// A size of the thing delivered ("a 20-minute talk").
    Property,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    pub role: NumberRole,
    pub value: f64,
    /// The number as written, with its sign (`10%`, `$5,000`).
    pub span: Range<usize>,
    /// What is counted, when the statement says: `%`, `posts`, `kg`.
    pub unit: Option<String>,
}

/// Every number of `tokens` (digits or number words), with its role.
pub fn numbers(tokens: &[Token]) -> Vec<Number> {
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let value = match token.kind {
            TokenKind::Number => token.value(),
            TokenKind::Word => word_value(tokens, i),
            _ => None,
        };
        let Some(value) = value else { continue };
        let (role, unit) = role_of(tokens, i);
        let mut span = token.span.clone();
        if let Some(previous) = i.checked_sub(1).map(|p| &tokens[p])
            && previous.kind == TokenKind::Sign
            && is_in(previous.text, AMOUNT_SIGNS)
            && previous.span.end == span.start
        {
            span.start = previous.span.start;
        }
        if let Some(next) = tokens.get(i + 1)
            && next.kind == TokenKind::Sign
            && is_in(next.text, AMOUNT_SIGNS)
            && next.span.start == span.end
        {
            span.end = next.span.end;
        }
        out.push(Number {
            role,
            value,
            span,
            unit,
        });
    }
    out
}

/// A number word's value, when it is used as a number here: "one" in
/// "the one", "one day" or "one of" is not.
fn word_value(tokens: &[Token], i: usize) -> Option<f64> {
    let word = tokens[i].lower.as_str();
    let value = number_word(word)?;
    let previous = i.checked_sub(1).map(|p| tokens[p].lower.as_str());
    let next = tokens.get(i + 1).map(|t| t.lower.as_str());
    match word {
        "one"
            if matches!(
                previous,
                Some("the" | "this" | "that" | "no" | "any" | "every")
            ) || matches!(next, Some("day" | "of" | "another")) =>
        {
            None
        }
        // "a half marathon" and "the second half" are not halves of an
        // amount; "by half", "in half" are.
        "half" if !matches!(previous, Some("by" | "in" | "a")) => None,
        "half" if previous == Some("a") && next.is_some_and(|n| !n.is_empty()) => None,
        "single" | "double" | "triple" if next.is_some_and(|n| n == "the" || n == "my") => {
            Some(value)
        }
        "single" | "double" | "triple" => None,
        _ => Some(value),
    }
}

fn role_of(tokens: &[Token], i: usize) -> (NumberRole, Option<String>) {
    let token = &tokens[i];
    let previous = i.checked_sub(1).map(|p| &tokens[p]);
    let next = tokens.get(i + 1);
    let sign_before = previous.is_some_and(|p| {
        p.kind == TokenKind::Sign && is_in(p.text, AMOUNT_SIGNS) && p.span.end == token.span.start
    });
    let sign_after = next.is_some_and(|n| {
        n.kind == TokenKind::Sign && is_in(n.text, AMOUNT_SIGNS) && n.span.start == token.span.end
    });
    if sign_before || sign_after {
        let sign = if sign_after {
            next.map(|n| n.text)
        } else {
            previous.map(|p| p.text)
        };
        return (NumberRole::Outcome, sign.map(str::to_string));
    }
    // 1:1s, 9:30: a name or a time, on either side of the colon.
    let glued = |t: Option<&Token>| t.is_some_and(|t| t.text == ":");
    if (glued(next) && next.is_some_and(|n| n.span.start == token.span.end))
        || (glued(previous) && previous.is_some_and(|p| p.span.end == token.span.start))
    {
        return (NumberRole::Name, None);
    }
    let suffix = match token.kind {
        TokenKind::Number => token.number_suffix().to_ascii_lowercase(),
        _ => String::new(),
    };
    if token.kind == TokenKind::Number && token.text.contains('-') {
        // "a 20-minute talk", "a 30-seat café": the size of a thing.
        return (NumberRole::Property, Some(suffix));
    }
    if token.kind == TokenKind::Number && is_year(token) {
        let counted_after =
            next.is_some_and(|n| n.is_word() && n.lower.ends_with('s') && !is_time_word(&n.lower));
        let introduced = previous.is_none_or(|p| {
            !p.is_word()
                || is_in(&p.lower, TIME_FRAME_WORDS)
                || is_in(&p.lower, super::lexicon::PREPOSITIONS)
                || is_in(&p.lower, super::lexicon::BOUNDING_DETERMINERS)
                || is_in(&p.lower, MONTHS)
                || p.kind == TokenKind::Code
        });
        if introduced || !counted_after {
            return (NumberRole::Date, None);
        }
    }
    if previous.is_some_and(|p| is_in(&p.lower, MONTHS))
        || next.is_some_and(|n| is_in(&n.lower, MONTHS))
    {
        return (NumberRole::Date, None);
    }
    if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
        return (NumberRole::Date, None);
    }
    let unit_word = if suffix.is_empty() || suffix == "x" {
        next.filter(|n| n.is_word()).map(|n| n.lower.clone())
    } else {
        Some(suffix.clone())
    };
    if suffix == "x" {
        return (NumberRole::Outcome, Some("x".into()));
    }
    if let Some(unit) = unit_word.as_deref()
        && is_time_word(unit)
    {
        return (time_role(tokens, i), Some(unit.to_string()));
    }
    // "Python 3", "Windows 11": a number right after a name, with
    // nothing counted after it.
    let after_name = previous
        .is_some_and(|p| p.kind == TokenKind::Code || p.capitalised() && i >= 2 && p.is_word());
    let counts_something = next.is_some_and(|n| {
        n.is_word()
            && !is_in(&n.lower, super::lexicon::PREPOSITIONS)
            && !is_in(&n.lower, super::lexicon::CONJUNCTIONS)
    });
    if after_name && !counts_something && token.kind == TokenKind::Number {
        return (NumberRole::Name, None);
    }
    (NumberRole::Outcome, unit_word.filter(|u| counted_noun(u)))
}

/// A noun worth naming as the unit ("posts", "kg"), not a preposition.
fn counted_noun(word: &str) -> bool {
    !is_in(word, super::lexicon::PREPOSITIONS)
        && !is_in(word, super::lexicon::CONJUNCTIONS)
        && !is_in(word, super::lexicon::OPEN_QUANTIFIERS)
}

fn is_time_word(word: &str) -> bool {
    is_in(word, TIME_UNITS)
}

fn is_year(token: &Token) -> bool {
    token.text.len() == 4
        && token.text.bytes().all(|b| b.is_ascii_digit())
        && token
            .value()
            .is_some_and(|v| (1900.0..=2199.0).contains(&v))
}

/// A number of time units: the outcome when a target word puts it there
/// ("under 10 minutes", "to 4 hours", "at least 7 hours"), a frequency
/// after "every"/"per", a time frame after "in", "within", "over", "for"
/// and the like; the outcome when a verb counts it ("complete 40 hours").
fn time_role(tokens: &[Token], i: usize) -> NumberRole {
    // "15 minutes daily", "2 hours a day", "30 minutes per week": an
    // amount at a rate is the outcome, whatever introduced it.
    let after_unit = |at: usize| tokens.get(at).map(|t| t.lower.as_str());
    let unit_at = if tokens[i].kind == TokenKind::Number && !tokens[i].number_suffix().is_empty() {
        i
    } else {
        i + 1
    };
    let rate = match (after_unit(unit_at + 1), after_unit(unit_at + 2)) {
        (Some("daily" | "weekly" | "monthly" | "nightly" | "every" | "per" | "each"), _) => true,
        (Some("a" | "an"), Some(unit)) => {
            is_in(unit, TIME_UNITS) || is_in(unit, &["night", "weekday", "session"])
        }
        _ => false,
    };
    if rate {
        return NumberRole::Outcome;
    }
    for back in (i.saturating_sub(4)..i).rev() {
        let word = tokens[back].lower.as_str();
        if is_in(word, &["every", "per", "each"]) {
            return NumberRole::Frequency;
        }
        if is_in(word, TARGET_WORDS) && word != "within" {
            return NumberRole::Outcome;
        }
        if is_in(word, TIME_FRAME_WORDS) && !is_in(word, &["a", "an", "first", "last"]) {
            return NumberRole::TimeFrame;
        }
        if is_in(
            word,
            &[
                "the",
                "next",
                "coming",
                "following",
                "first",
                "last",
                "a",
                "an",
            ],
        ) {
            continue;
        }
        break;
    }
    NumberRole::Outcome
}

/// Words that say when, whatever number is near them: months, quarters,
/// seasons, weekdays.
pub fn is_calendar_word(token: &Token) -> bool {
    is_in(&token.lower, MONTHS) || is_in(&token.lower, CALENDAR_WORDS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::tokens::tokenize;

    fn roles(text: &str) -> Vec<(String, NumberRole)> {
        numbers(&tokenize(text))
            .into_iter()
            .map(|n| (text[n.span].to_string(), n.role))
            .collect()
    }

    #[test]
    fn dates_and_durations_are_not_targets() {
        use NumberRole::*;
        assert_eq!(roles("Enhance my skills in 2027"), [("2027".into(), Date)]);
        assert_eq!(
            roles("Level up in the next 3 months"),
            [("3".into(), TimeFrame)]
        );
        assert_eq!(
            roles("Increase my sales by 10% in six months"),
            [("10%".into(), Outcome), ("six".into(), TimeFrame)]
        );
        assert_eq!(
            roles("Cut CI build time to under 10 minutes"),
            [("10".into(), Outcome)]
        );
        assert_eq!(
            roles("Publish one video every two weeks"),
            [("one".into(), Outcome), ("two".into(), Frequency)]
        );
        assert_eq!(roles("Learn Python 3"), [("3".into(), Name)]);
        assert_eq!(
            roles("Deliver a 20-minute presentation"),
            [("20-minute".into(), Property)]
        );
        assert_eq!(
            roles("Develop my skills before the 2027 review cycle"),
            [("2027".into(), Date)]
        );
        assert_eq!(roles("Save $10,000"), [("$10,000".into(), Outcome)]);
        assert_eq!(roles("Run a half marathon"), []);
    }
}
