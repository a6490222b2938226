//! Measures harper-core as a source of English word classes for
//! roadmap-lsp's goal-language analyser: latency, dictionary coverage of
//! the corpus, and its tags on the words the analyser's decisions turn on.
use harper_core::{Document, TokenKind};
use harper_core::spell::{Dictionary, FstDictionary};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("corpus path");
    let text = std::fs::read_to_string(path).unwrap();
    let rows: Vec<Vec<String>> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.splitn(4, '\t').map(str::to_string).collect())
        .collect();
    let t = Instant::now();
    let dict = FstDictionary::curated();
    let _ = Document::new_plain_english_curated("Warm up the tagger");
    eprintln!("dictionary and tagger load: {:?}", t.elapsed());
    let mut known = 0usize;
    let mut words = 0usize;
    let mut first_verb = 0usize;
    let mut titles = 0usize;
    let mut comparatives = std::collections::BTreeMap::<String, usize>::new();
    let mut not_verb_first = Vec::new();
    let t = Instant::now();
    for row in &rows {
        let (label, lang, stmt) = (&row[1], &row[2], &row[3]);
        if lang != "en" || label.starts_with("vision") {
            continue;
        }
        titles += 1;
        let doc = Document::new_plain_english_curated(stmt);
        let source = doc.get_source();
        let mut first = true;
        for token in doc.get_tokens() {
            let TokenKind::Word(meta) = &token.kind else { continue };
            let word: String = token.span.get_content(source).iter().collect();
            words += 1;
            if dict.contains_word_str(&word.to_lowercase()) || dict.contains_word_str(&word) {
                known += 1;
            }
            if let Some(meta) = meta {
                if meta.is_comparative_adjective() {
                    *comparatives.entry(word.to_lowercase()).or_default() += 1;
                }
                if first {
                    if meta.is_verb() { first_verb += 1 } else { not_verb_first.push(format!("{word} ({:?})", meta.pos_tag)); }
                }
            } else if first {
                not_verb_first.push(format!("{word} (unknown)"));
            }
            first = false;
        }
    }
    let elapsed = t.elapsed();
    println!("English goal titles: {titles}; tagged in {elapsed:?} ({:?} a title)", elapsed / titles as u32);
    println!("word tokens: {words}; in harper's dictionary: {known} ({:.1}%)", known as f64 * 100.0 / words as f64);
    println!("first word can be a verb: {first_verb} of {titles}");
    println!("first words harper does not give a verb reading: {}", not_verb_first.join(", "));
    println!("comparative adjectives harper marks: {comparatives:?}");
    for probe in ["faster", "healthier", "manager", "speaker", "conference", "charity", "licence", "confidence", "leadership", "skills", "learn", "improve", "proficient", "better", "kinder", "closer"] {
        let m = dict.get_word_metadata_str(probe);
        println!("{probe}: {}", m.map_or("unknown".to_string(), |m| format!("verb {} noun {} adj {} comparative {} mass-only {} countable {}", m.is_verb(), m.is_noun(), m.is_adjective(), m.is_comparative_adjective(), m.is_mass_noun_only(), m.is_countable_noun())));
    }
}
