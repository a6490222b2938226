//! Splitting a statement into the tokens the analyser reads: words,
//! numbers, codes such as `AZ-900`, signs such as `%` and `$`, each with
//! its byte range so messages can quote the user's own words.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with apostrophes or hyphens inside (`don't`, `end-to-end`).
    Word,
    /// Digits, maybe with separators and a suffix: `10`, `1,000`, `99.95`,
    /// `5k`, `3x`, `2M`, `20-minute`.
    Number,
    /// Letters and digits mixed: `p95`, `N3`, `AZ-900`, `CS50`: a name.
    Code,
    /// One character of a script written without spaces (CJK, kana).
    Ideograph,
    /// Anything else that is not blank: `%`, `$`, `:`, `,`, `—`.
    Sign,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token<'t> {
    pub kind: TokenKind,
    pub text: &'t str,
    pub span: Range<usize>,
    /// The text in lower case (ASCII fast path; others allocate).
    pub lower: String,
}

impl Token<'_> {
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Starts with a capital letter.
    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Written all in capitals, two letters or more (`AWS`, `CKA`).
    pub fn acronym(&self) -> bool {
        self.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && self
                .text
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase())
    }

    /// The number's value, for numbers written in digits: `1,000` is
    /// 1000, `5k` 5000, `2M` 2,000,000, `3x` 3.
    pub fn value(&self) -> Option<f64> {
        if self.kind != TokenKind::Number {
            return None;
        }
        let digits: String = self
            .text
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .filter(|c| *c != ',')
            .collect();
        let value: f64 = digits.trim_end_matches('.').parse().ok()?;
        let suffix = &self.text[self.text.len().min(
            self.text
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
                .map_or(self.text.len(), |(i, _)| i),
        )..];
        Some(match suffix {
            "k" | "K" => value * 1_000.0,
            "m" | "M" => value * 1_000_000.0,
            "bn" | "B" => value * 1_000_000_000.0,
            _ => value,
        })
    }

    /// The unit glued to a number: `k` of `5k`, `minute` of `20-minute`.
    pub fn number_suffix(&self) -> &str {
        let at = self
            .text
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
            .map_or(self.text.len(), |(i, _)| i);
        self.text[at..].trim_start_matches('-')
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2A6DF)
}

/// Hangul, Thai and other scripts with spaces count as words; only
/// scripts written without spaces split per character.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Splits `text` into tokens. An apostrophe, hyphen, dot or comma joins
/// two word characters into one token (`don't`, `1,000`, `99.95`); a
/// trailing `s` after an apostrophe stays (`year's`).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(16);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if is_ideograph(c) {
            let end = start + c.len_utf8();
            tokens.push(token(text, TokenKind::Ideograph, start..end));
            i += 1;
            continue;
        }
        if !is_word_char(c) {
            let end = start + c.len_utf8();
            tokens.push(token(text, TokenKind::Sign, start..end));
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() {
            let (_, here) = chars[j];
            if is_word_char(here) && !is_ideograph(here) {
                j += 1;
                continue;
            }
            let joiner = matches!(here, '\'' | '’' | '-' | '.' | ',' | '/');
            let next_is_word = chars
                .get(j + 1)
                .is_some_and(|(_, n)| is_word_char(*n) && !is_ideograph(*n));
            let previous_digit = j > i && chars[j - 1].1.is_ascii_digit();
            let next_digit = chars.get(j + 1).is_some_and(|(_, n)| n.is_ascii_digit());
            let joins = match here {
                // 1,000 and 99.95, not "done, then" or "end."
                '.' | ',' => previous_digit && next_digit,
                // 24/7 and 1/2, not "and/or"
                '/' => previous_digit && next_digit,
                _ => joiner && next_is_word,
            };
            if joins {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |(at, _)| *at);
        let word = &text[start..end];
        let kind = classify(word);
        tokens.push(token(text, kind, start..end));
        i = j;
    }
    tokens
}

fn classify(word: &str) -> TokenKind {
    let first_digit = word.starts_with(|c: char| c.is_ascii_digit());
    let has_digit = word.chars().any(|c| c.is_ascii_digit());
    if !has_digit {
        return TokenKind::Word;
    }
    if first_digit {
        let at = word
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
            .map_or(word.len(), |(i, _)| i);
        let suffix = &word[at..];
        let plain_suffix = suffix.is_empty()
            || suffix.starts_with('-')
            || matches!(
                suffix.to_ascii_lowercase().as_str(),
                "k" | "m"
                    | "bn"
                    | "x"
                    | "st"
                    | "nd"
                    | "rd"
                    | "th"
                    | "s"
                    | "h"
                    | "km"
                    | "kg"
                    | "ms"
                    | "min"
                    | "mins"
                    | "hrs"
                    | "lbs"
                    | "gb"
                    | "tb"
                    | "mb"
                    | "pm"
                    | "am"
            );
        if plain_suffix && !suffix.chars().skip(1).any(|c| c.is_ascii_digit()) {
            return TokenKind::Number;
        }
    }
    TokenKind::Code
}

fn token(text: &str, kind: TokenKind, span: Range<usize>) -> Token<'_> {
    let written = &text[span.clone()];
    let lower = if written.is_ascii() {
        written.to_ascii_lowercase()
    } else {
        written.to_lowercase().replace('’', "'")
    };
    Token {
        kind,
        text: written,
        span,
        lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.text.to_string(), t.kind))
            .collect()
    }

    #[test]
    fn numbers_codes_and_words() {
        use TokenKind::*;
        assert_eq!(
            kinds("Save $10,000 in 2027, run a 5k; pass AZ-900 and p95 < 200ms"),
            [
                ("Save", Word),
                ("$", Sign),
                ("10,000", Number),
                ("in", Word),
                ("2027", Number),
                (",", Sign),
                ("run", Word),
                ("a", Word),
                ("5k", Number),
                (";", Sign),
                ("pass", Word),
                ("AZ-900", Code),
                ("and", Word),
                ("p95", Code),
                ("<", Sign),
                ("200ms", Number),
            ]
            .map(|(t, k)| (t.to_string(), k))
        );
        assert_eq!(tokenize("a 20-minute talk")[1].number_suffix(), "minute");
        assert_eq!(tokenize("5k")[0].value(), Some(5000.0));
        assert_eq!(tokenize("99.95%")[0].value(), Some(99.95));
        assert_eq!(kinds("三本の記事").len(), 5);
        assert_eq!(kinds("don't stop")[0].0, "don't");
    }
}
