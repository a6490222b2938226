//! The English word classes the analyser reads a statement with.
//!
//! Closed classes (determiners, pronouns, prepositions, modals, number
//! words, time words) are listed whole, as grammars list them. Open classes
//! are recognised by what matters for a finish line, not by spelling:
//!
//! - verbs by *aspect*: a process verb (learn, understand, explore) or a
//!   degree verb (improve, increase, grow) never ends by itself; any other
//!   verb ends when its object is bounded ("write a book" ends, "write
//!   books" does not);
//! - nouns by *abstractness*: the suffixes English builds abstract nouns
//!   with (-ness, -ity, -ship, -ence, -ism, …) plus the abstract heads goal
//!   statements lean on (skills, knowledge, career, potential);
//! - comparatives: `more`, `less`, `better`… and the -er form of a gradable
//!   adjective (faster, stronger), told from nouns (manager, speaker) by
//!   its stem.
//!
//! harper-core's dictionary was measured as the source of these classes
//! and not taken: see docs/goal-language.md.

mod accomplishments;
mod adjectives;
mod foreign;
mod function_words;
mod nouns;
mod time_and_amounts;
mod verbs;

pub use accomplishments::*;
pub use adjectives::*;
pub use foreign::*;
pub use function_words::*;
pub use nouns::*;
pub use time_and_amounts::*;
pub use verbs::*;

pub fn is_in(word: &str, list: &[&str]) -> bool {
    list.contains(&word)
}

/// The value of a number word, or of a hyphenated one ("twenty-five").
pub fn number_word(word: &str) -> Option<f64> {
    if let Some((_, value)) = NUMBER_WORDS.iter().find(|(w, _)| *w == word) {
        return Some(*value);
    }
    let (tens, ones) = word.split_once('-')?;
    Some(number_word(tens)? + number_word(ones)?)
}

/// An abstract noun, by its form or as one of the abstract heads.
pub fn is_abstract_noun(word: &str) -> bool {
    if is_in(word, ABSTRACT_NOUNS) {
        return true;
    }
    let singular = word.strip_suffix('s').unwrap_or(word);
    if is_in(singular, ABSTRACT_NOUNS) {
        return true;
    }
    if is_in(word, QUALITY_NOUNS) || is_in(word, CONCRETE_LOOKALIKES) {
        return is_in(word, QUALITY_NOUNS);
    }
    singular.len() > 5
        && ABSTRACT_SUFFIXES
            .iter()
            .any(|suffix| singular.ends_with(suffix))
}

/// A comparative: one of the degree words, or a gradable adjective's -er
/// form (faster, healthier, bigger).
pub fn is_comparative(word: &str) -> bool {
    if is_in(word, COMPARATIVES) {
        return true;
    }
    let Some(stem) = word.strip_suffix("er") else {
        return false;
    };
    let candidates = [
        stem.to_string(),
        format!("{stem}e"),
        // happier → happy
        stem.strip_suffix('i')
            .map(|s| format!("{s}y"))
            .unwrap_or_default(),
        // bigger → big
        {
            let mut chars = stem.chars();
            let last = chars.next_back();
            if last.is_some() && last == chars.clone().next_back() {
                chars.as_str().to_string()
            } else {
                String::new()
            }
        },
    ];
    candidates
        .iter()
        .any(|c| !c.is_empty() && is_in(c, GRADABLE_ADJECTIVES))
}

/// The verb's lemma when `word` is a form of it: "learning" → "learn",
/// "improves" → "improve", "became" → "become".
pub fn lemma(word: &str) -> String {
    match word {
        "became" => return "become".into(),
        "got" | "gotten" => return "get".into(),
        "ran" => return "run".into(),
        "gave" | "given" => return "give".into(),
        "wrote" | "written" => return "write".into(),
        "built" => return "build".into(),
        "grew" | "grown" => return "grow".into(),
        "kept" => return "keep".into(),
        "learnt" => return "learn".into(),
        "becoming" => return "become".into(),
        _ => {}
    }
    for (suffix, replacement) in [
        ("ying", "y"),
        ("ing", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("ed", ""),
        ("s", ""),
    ] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= 3
        {
            let mut shorter = stem.chars();
            shorter.next_back();
            let candidates = [
                format!("{stem}{replacement}"),
                format!("{stem}e"),
                shorter.as_str().to_string(),
            ];
            for candidate in candidates {
                if is_known_verb(&candidate) {
                    return candidate;
                }
            }
        }
    }
    word.to_string()
}

pub fn is_known_verb(word: &str) -> bool {
    is_in(word, PROCESS_VERBS)
        || is_in(word, DEGREE_VERBS)
        || is_in(word, LINKING_VERBS)
        || is_in(word, CONTINUATION_VERBS)
        || is_in(word, MULTIPLYING_VERBS)
        || is_in(word, CESSATION_VERBS)
        || is_in(word, ACCOMPLISHMENT_VERBS)
}

/// Suffixes English adjectives are made with: "proficient", "fluent",
/// "effective", "comfortable", "successful".
const ADJECTIVE_SUFFIXES: &[&str] = &[
    "ent", "ant", "ive", "ful", "able", "ible", "ous", "ic", "less", "ish", "ary", "al",
];

/// An adjective, by the state list or by its form.
pub fn looks_adjective(word: &str) -> bool {
    is_in(word, STATE_ADJECTIVES)
        || is_in(word, GRADABLE_ADJECTIVES)
        || (word.len() > 5
            && !is_in(word, ROLE_NOUNS)
            && ADJECTIVE_SUFFIXES
                .iter()
                .any(|suffix| word.ends_with(suffix)))
}

/// Adverbs that close a noun phrase: "get my life *together*".
pub const PHRASE_ADVERBS: &[&str] = &[
    "together",
    "again",
    "well",
    "now",
    "too",
    "also",
    "already",
    "right",
    "properly",
    "monthly",
    "weekly",
    "daily",
    "regularly",
    "often",
    "end-to-end",
];

/// A word the analyser knows as English: a function word or a word of
/// one of its open classes.
pub fn is_english_word(word: &str) -> bool {
    let lists: [&[&str]; 12] = [
        BOUNDING_DETERMINERS,
        OPEN_QUANTIFIERS,
        PRONOUNS,
        PREPOSITIONS,
        CONJUNCTIONS,
        INTENTION_WORDS,
        PROCESS_VERBS,
        DEGREE_VERBS,
        LINKING_VERBS,
        ROLE_NOUNS,
        ABSTRACT_NOUNS,
        STATE_ADJECTIVES,
    ];
    lists.iter().any(|list| is_in(word, list))
        || is_in(&lemma(word), PROCESS_VERBS)
        || is_in(&lemma(word), DEGREE_VERBS)
        || is_comparative(word)
        || number_word(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparatives_are_told_from_nouns_by_their_stem() {
        for word in ["faster", "healthier", "bigger", "better", "more", "clearer"] {
            assert!(is_comparative(word), "{word}");
        }
        for word in [
            "manager", "speaker", "engineer", "number", "paper", "order", "after",
        ] {
            assert!(!is_comparative(word), "{word}");
        }
    }

    #[test]
    fn abstract_nouns_by_form() {
        for word in [
            "leadership",
            "awareness",
            "visibility",
            "presence",
            "skills",
        ] {
            assert!(is_abstract_noun(word), "{word}");
        }
        for word in [
            "exam",
            "course",
            "talk",
            "library",
            "certification",
            "migration",
        ] {
            assert!(!is_abstract_noun(word), "{word}");
        }
    }

    #[test]
    fn lemmas_of_verb_forms() {
        assert_eq!(lemma("learning"), "learn");
        assert_eq!(lemma("improves"), "improve");
        assert_eq!(lemma("becoming"), "become");
        assert_eq!(lemma("shipped"), "ship");
    }
}
