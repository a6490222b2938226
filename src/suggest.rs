//! "Did you mean …?": the known word nearest to what was typed.
//!
//! Nearness is Jaro-Winkler over lowercased text (strsim), with a floor of
//! 0.8 below which a word is a stranger, not a typo. Ids are asked about
//! many times against the same thousands of candidates, so [`Suggestions`]
//! prepares the candidates once and rules most of them out with a bound
//! that costs a few dozen additions, computing Jaro-Winkler only for the
//! ones that could still win. The answer is the same as comparing with
//! every candidate (a test checks it).

/// How near a candidate must be to count as a typo of the typed word.
const FLOOR: f64 = 0.8;

/// The candidate nearest to `typed`, if one is close enough to be a typo.
/// Equally near candidates: the alphabetically first.
pub fn nearest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    Suggestions::new(candidates).nearest(typed)
}

/// Candidates prepared for many [`Suggestions::nearest`] questions.
pub struct Suggestions<'a> {
    candidates: Vec<Candidate<'a>>,
}

struct Candidate<'a> {
    written: &'a str,
    shape: Shape,
}

/// A lowercased word as its characters, with their shape.
struct Letters {
    chars: Vec<char>,
    shape: Shape,
}

/// What the bound needs of a word: its length in characters, its first
/// four (lowercased), and how many of its characters fall in each bucket.
struct Shape {
    len: usize,
    head: [char; 4],
    /// `None` when a count would not fit a byte, and then no bound is
    /// taken.
    histogram: Option<[u8; BUCKETS]>,
}

const BUCKETS: usize = 64;

/// As `str::to_lowercase`, which knows a final sigma from another.
fn lowercase(word: &str) -> Vec<char> {
    word.to_lowercase().chars().collect()
}

impl Shape {
    fn of(chars: impl Iterator<Item = char>) -> Shape {
        let mut shape = Shape {
            len: 0,
            head: ['\0'; 4],
            histogram: Some([0u8; BUCKETS]),
        };
        for c in chars {
            if let Some(slot) = shape.head.get_mut(shape.len) {
                *slot = c;
            }
            shape.len += 1;
            if let Some(histogram) = &mut shape.histogram {
                let count = &mut histogram[bucket(c)];
                match count.checked_add(1) {
                    Some(more) => *count = more,
                    None => shape.histogram = None,
                }
            }
        }
        if shape.len > usize::from(u8::MAX) {
            shape.histogram = None;
        }
        shape
    }
}

impl Letters {
    fn new(word: &str) -> Letters {
        let chars = lowercase(word);
        let shape = Shape::of(chars.iter().copied());
        Letters { chars, shape }
    }
}

/// The shape of `word` lowercased, without allocating for the usual id
/// (already lowercase ASCII).
fn shape_of(word: &str) -> Shape {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Shape::of(word.chars())
    } else {
        Shape::of(lowercase(word).into_iter())
    }
}

/// Letters, digits and the usual id punctuation get a bucket each; other
/// characters share the rest. Sharing only loosens the bound.
fn bucket(c: char) -> usize {
    match c {
        'a'..='z' => c as usize - 'a' as usize,
        '0'..='9' => 26 + (c as usize - '0' as usize),
        '-' => 36,
        '_' => 37,
        ' ' => 38,
        '.' => 39,
        _ => 40 + (c as usize % (BUCKETS - 40)),
    }
}

impl<'a> Suggestions<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>) -> Suggestions<'a> {
        Suggestions {
            candidates: candidates
                .into_iter()
                .map(|written| Candidate {
                    written,
                    shape: shape_of(written),
                })
                .collect(),
        }
    }

    /// The candidate nearest to `typed`, if one scores at least the floor;
    /// equally near ones: the alphabetically first, so the answer does not
    /// depend on the candidates' order (a hash map's, for ids).
    pub fn nearest(&self, typed: &str) -> Option<&'a str> {
        let typed = Letters::new(typed);
        let mut best: Option<(f64, &'a str)> = None;
        for candidate in &self.candidates {
            let to_beat = best.map_or(FLOOR, |(score, _)| score);
            // A margin, so rounding in the bound never rules out a tie.
            if upper_bound(&typed.shape, &candidate.shape) + 1e-9 < to_beat {
                continue;
            }
            let score = strsim::generic_jaro_winkler(&typed.chars, &lowercase(candidate.written));
            let wins = match best {
                None => score >= FLOOR,
                Some((best_score, best_word)) => {
                    score > best_score || (score == best_score && candidate.written < best_word)
                }
            };
            if wins {
                best = Some((score, candidate.written));
            }
        }
        best.map(|(_, word)| word)
    }
}

/// A score Jaro-Winkler cannot exceed: matching characters are at most the
/// characters both words have (bucket by bucket), with no transpositions,
/// and the prefix bonus is the real one.
fn upper_bound(a: &Shape, b: &Shape) -> f64 {
    let (Some(a_histogram), Some(b_histogram)) = (&a.histogram, &b.histogram) else {
        return f64::INFINITY;
    };
    if a.len == 0 || b.len == 0 {
        return f64::INFINITY;
    }
    // At most the shorter word's length, which fits a byte (longer words
    // have no histogram): byte lanes, which the compiler vectorises.
    let shared = a_histogram
        .iter()
        .zip(b_histogram)
        .fold(0u8, |sum, (x, y)| sum.wrapping_add(*x.min(y)));
    if shared == 0 {
        return 0.0;
    }
    let shared = f64::from(shared);
    let jaro = (shared / a.len as f64 + shared / b.len as f64 + 1.0) / 3.0;
    let prefix = a
        .head
        .iter()
        .zip(&b.head)
        .take(a.len.min(b.len).min(4))
        .take_while(|(x, y)| x == y)
        .count();
    jaro + 0.1 * prefix as f64 * (1.0 - jaro)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::TableKind;

    /// What [`nearest`] must answer: every candidate scored, no bound.
    fn nearest_by_brute_force<'a>(typed: &str, candidates: &[&'a str]) -> Option<&'a str> {
        let typed = typed.to_lowercase();
        candidates
            .iter()
            .map(|&candidate| {
                (
                    strsim::jaro_winkler(&typed, &candidate.to_lowercase()),
                    candidate,
                )
            })
            .filter(|(score, _)| *score >= FLOOR)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, candidate)| candidate)
    }

    #[test]
    fn ties_go_to_the_alphabetically_first_whatever_the_order() {
        let forward = nearest("goal-1x", ["goal-12", "goal-13", "goal-10"]);
        let backward = nearest("goal-1x", ["goal-10", "goal-13", "goal-12"]);
        assert_eq!(forward, Some("goal-10"));
        assert_eq!(backward, forward);
    }

    #[test]
    fn typos_find_their_key_and_strangers_find_none() {
        let goal_keys = || TableKind::Goal.keys().iter().map(|k| k.name);
        assert_eq!(nearest("dedline", goal_keys()), Some("deadline"));
        assert_eq!(nearest("Deadline", goal_keys()), Some("deadline"));
        assert_eq!(nearest("dependson", goal_keys()), Some("depends_on"));
        assert_eq!(nearest("colour", goal_keys()), None);
        let root_keys = || TableKind::Root.keys().iter().map(|k| k.name);
        assert_eq!(nearest("goal", root_keys()), Some("goals"));
    }

    #[test]
    fn the_bound_never_changes_the_answer() {
        // Ids and typos of them from a small alphabet, so near misses,
        // ties and strangers are all common; plus non-ASCII and case.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        let alphabet: Vec<char> = "goal-12_xyzÉé🚀 ".chars().collect();
        let word = |next: &mut dyn FnMut(usize) -> usize| -> String {
            let length = next(12);
            (0..length)
                .map(|_| alphabet[next(alphabet.len())])
                .collect()
        };
        let candidates: Vec<String> = (0..300).map(|_| word(&mut next)).collect();
        let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
        let suggestions = Suggestions::new(candidates.iter().copied());
        let mut suggested = 0;
        for round in 0..1_000 {
            let typed = if round % 2 == 0 {
                // A candidate with one character changed.
                let mut chars: Vec<char> = candidates[next(candidates.len())].chars().collect();
                if !chars.is_empty() {
                    let at = next(chars.len());
                    chars[at] = alphabet[next(alphabet.len())];
                }
                chars.into_iter().collect()
            } else {
                word(&mut next)
            };
            let answer = suggestions.nearest(&typed);
            assert_eq!(
                answer,
                nearest_by_brute_force(&typed, &candidates),
                "{typed:?}"
            );
            suggested += usize::from(answer.is_some());
        }
        // Both kinds of answer were exercised.
        assert!((100..900).contains(&suggested), "{suggested}");
    }
}
