//! How a goal title is judged vague, in rules users can predict:
//!
//! A title is vague when it has fewer than `min-words` words (default 4;
//! a run of CJK characters counts one word per two characters), or when it
//! uses a vague word or phrase and has neither a concrete quantity nor a
//! concrete object.
//! - vague words: [`VAGUE_PHRASES`], plus `[vague] extra-words`;
//! - a quantity: a digit, a number word ([`NUMBER_WORDS`]), `%` or a
//!   currency sign, or a CJK numeral;
//! - a concrete object: a capitalised word after the first (a name such as
//!   Kubernetes or AWS) or a deliverable noun ([`DELIVERABLES`]).

use crate::config::Config;

/// Vague verbs and aims, longest first so messages quote the whole phrase.
pub const VAGUE_PHRASES: &[&str] = &[
    "get better at",
    "get good at",
    "be successful",
    "learn about",
    "work on",
    "focus on",
    "try to",
    "level up",
    "improve",
    "better",
    "more",
    "grow",
    "develop",
    "enhance",
    "understand",
    "explore",
    "strengthen",
    "boost",
    "successful",
    "things",
    "stuff",
];

pub const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million",
    "twice", "double", "triple", "half", "dozen", "first", "second", "third",
];

/// Nouns that name something you can point at when it is finished.
pub const DELIVERABLES: &[&str] = &[
    "certification",
    "certificate",
    "course",
    "talk",
    "presentation",
    "article",
    "post",
    "book",
    "paper",
    "project",
    "release",
    "promotion",
    "degree",
    "exam",
    "pr",
    "library",
    "app",
    "application",
    "service",
    "demo",
    "prototype",
    "guide",
    "handbook",
    "workshop",
    "dashboard",
    "portfolio",
    "website",
    "newsletter",
    "podcast",
    "video",
    "migration",
    "plugin",
    "api",
    "cli",
];

const CURRENCY_AND_PERCENT: &[char] = &['%', '$', '€', '£', '¥', '₹'];
const CJK_NUMERALS: &[char] = &[
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '两',
];

/// Why a title is vague.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Vagueness {
    /// Too few words; also names a vague word if there is one, so adding
    /// words alone is not mistaken for the fix.
    TooShort {
        words: usize,
        min: usize,
        vague_word: Option<String>,
    },
    VagueWord(String),
}

/// A word of a title, as a slice of it.
struct Word<'t> {
    text: &'t str,
    cjk: bool,
}

impl Word<'_> {
    /// Case-insensitive match against a lowercase vocabulary word. Only
    /// non-ASCII words pay for a lowercase copy.
    fn is(&self, lowercase: &str) -> bool {
        if self.text.is_ascii() {
            self.text.eq_ignore_ascii_case(lowercase)
        } else {
            self.text.to_lowercase() == lowercase
        }
    }

    fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// In `list`, as written or without a plural `s`.
    fn in_list(&self, list: &[&str]) -> bool {
        let singular = self
            .text
            .strip_suffix('s')
            .or_else(|| self.text.strip_suffix('S'))
            .filter(|rest| !rest.is_empty());
        list.iter().any(|item| {
            self.is(item)
                || singular.is_some_and(|s| {
                    Word {
                        text: s,
                        cjk: false,
                    }
                    .is(item)
                })
        })
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2A6DF)
}

/// Combining marks (é written as e + U+0301) stay inside their word.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Splits a title into words: runs of letters and digits (an apostrophe
/// inside a word stays), with CJK runs kept apart from Latin ones.
fn words(title: &str) -> Vec<Word<'_>> {
    // Room for a typical title's words: one allocation, no regrowth.
    let mut words = Vec::with_capacity(16);
    let mut start: Option<(usize, bool)> = None;
    for (at, c) in title.char_indices() {
        // ASCII (nearly every character of most titles) is neither CJK nor
        // combining: two range tests fewer per character.
        let (cjk, combining) = if c.is_ascii() {
            (false, false)
        } else {
            (is_cjk(c), is_combining(c))
        };
        let in_word = cjk
            || c.is_alphanumeric()
            || combining
            || (c == '\'' && start.is_some_and(|(_, was_cjk)| !was_cjk));
        match (start, in_word) {
            (Some((from, was_cjk)), true) if was_cjk != cjk && !combining => {
                words.push(Word {
                    text: &title[from..at],
                    cjk: was_cjk,
                });
                start = Some((at, cjk));
            }
            (Some(_), true) => {}
            (None, true) => start = Some((at, cjk)),
            (Some((from, was_cjk)), false) => {
                words.push(Word {
                    text: &title[from..at],
                    cjk: was_cjk,
                });
                start = None;
            }
            (None, false) => {}
        }
    }
    if let Some((from, cjk)) = start {
        words.push(Word {
            text: &title[from..],
            cjk,
        });
    }
    words
}

/// Words as a reader counts them: CJK runs count one per two characters.
fn count_words(words: &[Word]) -> usize {
    words
        .iter()
        .map(|w| {
            if w.cjk {
                w.text.chars().count().div_ceil(2)
            } else {
                1
            }
        })
        .sum()
}

/// A digit, number word, percent or currency sign: something to count.
pub fn has_quantity(title: &str) -> bool {
    quantity_in(title, &words(title))
}

fn quantity_in(title: &str, words: &[Word]) -> bool {
    title
        .chars()
        .any(|c| c.is_numeric() || CURRENCY_AND_PERCENT.contains(&c) || CJK_NUMERALS.contains(&c))
        || words.iter().any(|w| w.in_list(NUMBER_WORDS))
}

fn has_concrete_object(words: &[Word]) -> bool {
    words.iter().enumerate().any(|(i, word)| {
        (i > 0 && word.capitalised() && word.text != "I") || word.in_list(DELIVERABLES)
    })
}

/// The first vague phrase in `words`, matched as whole words.
fn vague_phrase(words: &[Word], extra: &[String]) -> Option<String> {
    let phrases = extra
        .iter()
        .map(String::as_str)
        .chain(VAGUE_PHRASES.iter().copied());
    for phrase in phrases {
        let mut parts = phrase.split_whitespace();
        let Some(first) = parts.next() else { continue };
        let rest: Vec<&str> = parts.collect();
        let found = words.iter().enumerate().any(|(i, word)| {
            word.is(first)
                && words.len() > i + rest.len()
                && rest
                    .iter()
                    .zip(&words[i + 1..])
                    .all(|(part, next)| next.is(part))
        });
        if found {
            return Some(phrase.to_string());
        }
    }
    None
}

/// Judges a title by the rules above; `None` means specific enough.
pub fn judge_title(title: &str, config: &Config) -> Option<Vagueness> {
    let words = words(title);
    let count = count_words(&words);
    // The cheap, decisive test first: most titles name a number or a thing.
    let concrete = quantity_in(title, &words) || has_concrete_object(&words);
    let vague_word = || {
        if concrete {
            None
        } else {
            vague_phrase(&words, &config.vague_extra_words)
        }
    };
    if count < config.vague_min_words {
        return Some(Vagueness::TooShort {
            words: count,
            min: config.vague_min_words,
            vague_word: vague_word(),
        });
    }
    vague_word().map(Vagueness::VagueWord)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(title: &str) -> String {
        match judge_title(title, &Config::default()) {
            None => "specific".to_string(),
            Some(Vagueness::TooShort {
                words,
                vague_word: None,
                ..
            }) => format!("too short ({words})"),
            Some(Vagueness::TooShort {
                words,
                vague_word: Some(word),
                ..
            }) => format!("too short ({words}) and vague ({word})"),
            Some(Vagueness::VagueWord(word)) => format!("vague ({word})"),
        }
    }

    #[test]
    fn vague_titles_and_their_near_misses() {
        let cases = [
            ("Improve onboarding time by 20%", "specific"),
            ("Improve my communication skills", "vague (improve)"),
            ("Get better at public speaking", "vague (get better at)"),
            ("Get the AWS Solutions Architect certification", "specific"),
            ("Deliver a 20-minute presentation to my team", "specific"),
            ("Be more successful at work", "vague (more)"),
            ("Write more blog posts this year", "specific"),
            ("Learn Rust", "too short (2)"),
            ("Work on things that matter", "vague (work on)"),
            ("Develop a Rust library for parsing", "specific"),
            ("Grow my network by ten people", "specific"),
            ("日本語能力試験N2に合格する", "specific"),
            ("成长", "too short (1)"),
            ("Ouvrir un cafe\u{301} à Lyon", "specific"),
            ("", "too short (0)"),
            ("Improve code quality", "too short (3) and vague (improve)"),
            ("Improve AWS costs", "too short (3)"),
        ];
        for (title, expected) in cases {
            assert_eq!(judged(title), expected, "{title:?}");
        }
    }

    #[test]
    fn extra_words_and_min_words_come_from_config() {
        let config = Config::layered([&crate::config::Settings {
            vague_extra_words: vec!["synergy".into(), "drive alignment".into()],
            vague_min_words: Some(2),
            ..Default::default()
        }]);
        assert_eq!(
            judge_title("Create synergy across the org", &config),
            Some(Vagueness::VagueWord("synergy".into()))
        );
        assert_eq!(
            judge_title("Drive alignment between teams", &config),
            Some(Vagueness::VagueWord("drive alignment".into()))
        );
        assert_eq!(judge_title("Learn Rust", &config), None);
    }

    #[test]
    fn quantities_in_any_script() {
        assert!(has_quantity("Run 5k"));
        assert!(has_quantity("Read twelve books"));
        assert!(has_quantity("Cut costs by a half"));
        assert!(has_quantity("Save €500"));
        assert!(has_quantity("三本の記事を書く"));
        assert!(!has_quantity("Become a better manager"));
    }
}
