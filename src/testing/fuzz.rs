//! The checks behind the fuzz targets in `fuzz/`, kept in the
//! library so that `cargo test` replays every input the fuzzer ever
//! crashed on (`tests/fuzz_regressions.rs`) through exactly the code the
//! fuzzer ran, and so the fuzz crate stays a few lines per target.
//!
//! Each function takes the fuzzer's raw bytes and panics on a broken
//! promise: that is how libFuzzer recognises a finding.

use std::sync::Arc;

use chrono::NaiveDate;
use ropey::Rope;

use crate::analysis::{Analysis, analyze};
use crate::config::Settings;
use crate::ide::{TextEdit, actions, completion, hints, hover, navigation};
use crate::lsp::convert::{Encoding, offset, position};
use crate::span::Span;

/// The byte that separates the text from the offsets in an input. It
/// never occurs in UTF-8, so a plain fixture is a whole text.
pub const OFFSETS_MARK: u8 = 0xFF;

/// At most this many fixes are applied and re-analysed per input: every
/// one is a full analysis, and a slower target finds less per hour.
/// `tests/properties.rs` applies all of them on mutated fixtures.
const MAX_FIXES_CHECKED: usize = 24;

/// A fixed day, so that a finding replays the same tomorrow.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")
}

/// Splits an input into its text (invalid UTF-8 replaced, as an editor
/// would never send it) and the byte offsets to query, scaled into the
/// text and a little past its end. Without the mark, offsets are spread
/// over the text.
pub fn split_input(data: &[u8]) -> (String, Vec<usize>) {
    let (text, raw) = match data.iter().rposition(|&b| b == OFFSETS_MARK) {
        Some(mark) => (&data[..mark], Some(&data[mark + 1..])),
        None => (data, None),
    };
    let text = String::from_utf8_lossy(text).into_owned();
    let room = text.len() + 8;
    let offsets = match raw {
        Some(raw) => raw
            .chunks(2)
            .take(32)
            .map(|pair| {
                let value = pair.iter().fold(0usize, |acc, &b| (acc << 8) | b as usize);
                value % room
            })
            .collect(),
        None => (0..8).map(|i| (i * 7919 + i * i * 131) % room).collect(),
    };
    (text, offsets)
}

/// Parse, model, checks and every editor feature on the input's text at
/// its offsets; then the fixes for each diagnostic, which must re-parse
/// and keep every comment they do not replace.
pub fn engine(data: &[u8]) {
    let (text, offsets) = split_input(data);
    let analysis = analyze(&text, today(), &Settings::default());
    every_feature(&analysis, &text, &offsets);
    fixes_are_safe(&analysis, &text);
}

fn every_feature(analysis: &Analysis, text: &str, offsets: &[usize]) {
    navigation::document_symbols(analysis);
    navigation::folding_ranges(analysis, text);
    hints::code_lenses(analysis);
    for &at in offsets {
        hover::hover(analysis, text, at);
        completion::completions(analysis, text, at);
        navigation::definition(analysis, at);
        navigation::references(analysis, at, true);
        let _ = navigation::prepare_rename(analysis, at);
        if let Ok(edits) = navigation::rename(analysis, text, at, "renamed-id") {
            assert_edits_fit(text, &edits);
        }
    }
    for pair in offsets.windows(2) {
        let span = Span::new(pair[0].min(pair[1]), pair[0].max(pair[1]));
        hints::inlay_hints(analysis, span);
        for assist in actions::code_actions(analysis, text, span) {
            assert_edits_fit(text, &assist.edits);
        }
    }
}

fn fixes_are_safe(before: &Analysis, text: &str) {
    let mut checked = 0;
    for diagnostic in &before.diagnostics {
        for assist in actions::code_actions(before, text, diagnostic.span) {
            if checked == MAX_FIXES_CHECKED {
                return;
            }
            checked += 1;
            assert_edits_fit(text, &assist.edits);
            let fixed = apply_edits(text, &assist.edits);
            let after = analyze(&fixed, today(), &Settings::default());
            // A text that parsed must still parse; one that did not is not
            // judged (text appended after an unclosed `"""` lands inside
            // the string, whatever the fix does).
            assert!(
                !before.tree.errors.is_empty() || after.tree.errors.is_empty(),
                "{:?} added syntax errors {:?}\n--- before\n{text}\n--- after\n{fixed}",
                assist.title,
                after.tree.errors,
            );
            let mut kept: Vec<&str> = after
                .tree
                .comments
                .iter()
                .map(|c| c.text.as_str())
                .collect();
            for comment in &before.tree.comments {
                let replaced = assist.edits.iter().any(|edit| {
                    edit.span.start() < comment.span.end() && comment.span.start() < edit.span.end()
                });
                if replaced {
                    continue;
                }
                let found = kept.iter().position(|kept| *kept == comment.text);
                let Some(found) = found else {
                    panic!(
                        "{:?} lost the comment {:?}\n--- before\n{text}\n--- after\n{fixed}",
                        assist.title, comment.text
                    );
                };
                kept.swap_remove(found);
            }
        }
    }
}

/// Edits lie inside the text, on character boundaries, and do not overlap.
pub fn assert_edits_fit(text: &str, edits: &[TextEdit]) {
    let mut spans: Vec<Span> = edits.iter().map(|edit| edit.span).collect();
    spans.sort();
    for span in &spans {
        assert!(
            span.start() <= span.end() && span.end() <= text.len(),
            "{span:?}"
        );
        assert!(
            text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()),
            "{span:?} splits a character"
        );
    }
    for pair in spans.windows(2) {
        assert!(
            pair[0].end() <= pair[1].start(),
            "overlapping edits {pair:?}"
        );
    }
}

/// `text` with `edits` applied (they fit: see [`assert_edits_fit`]).
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    edits.sort_by_key(|edit| edit.span);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for edit in edits {
        out.push_str(&text[copied..edit.span.start()]);
        out.push_str(&edit.text);
        copied = edit.span.end();
    }
    out.push_str(&text[copied..]);
    out
}

/// Byte offset → LSP position → byte offset, in both encodings, at the
/// input's offsets: a character boundary comes back unchanged (but the
/// middle of a `\r\n`, which no position names), any other offset as the
/// start of its character.
pub fn positions(data: &[u8]) {
    let (text, offsets) = split_input(data);
    let rope = Rope::from_str(&text);
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        for &at in &offsets {
            let at_position = position(&rope, at, encoding);
            let back = offset(&rope, at_position, encoding)
                .unwrap_or_else(|error| panic!("{at} → {at_position:?}: {error}"));
            let mut start = at.min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mid_crlf = text[..start].ends_with('\r') && text[start..].starts_with('\n');
            let expected = if mid_crlf { start - 1 } else { start };
            assert_eq!(back, expected, "{at} → {at_position:?} in {encoding:?}");
        }
    }
}

/// The frame decoder of `src/lsp/framing.rs`: whatever the bytes, it does
/// not panic, holds no more than one frame, gives the same events however
/// the stream is cut into reads, and `classify` judges every body.
pub fn frames(data: &[u8]) {
    use crate::lsp::framing::{Decoder, Event, MAX_HEADER, MAX_MESSAGE, classify};
    let whole = {
        let mut decoder = Decoder::default();
        decoder.feed(data);
        std::iter::from_fn(|| decoder.next_event()).collect::<Vec<_>>()
    };
    // Reads of a size taken from the first byte, 1 to 256 bytes.
    let step = data.first().map_or(1, |&b| b as usize + 1);
    let mut decoder = Decoder::default();
    let mut pieces = Vec::new();
    for chunk in data.chunks(step) {
        decoder.feed(chunk);
        pieces.extend(std::iter::from_fn(|| decoder.next_event()));
        assert!(decoder.pending() <= MAX_HEADER + MAX_MESSAGE + step);
    }
    assert_eq!(whole, pieces, "reads of {step} bytes");
    for event in &whole {
        if let Event::Body(body) = event {
            let _ = classify(body);
        }
    }
}

/// What an edit of the `incremental` target inserts: what users type and
/// what moves block boundaries (headers, quotes, multi-line strings, allow
/// comments). Any other byte value inserts that byte as a character.
const SNIPPETS: &[&str] = &[
    "",
    "\n",
    "\"",
    "\"\"\"",
    "'''",
    "[",
    "]",
    "[[goals]]\n",
    "[[goals]]\nid = \"dup\"\n",
    "[goals.metric]\nmeasure = \"talks\"\n",
    "[[goals.actions]]\ntask = \"Draft\"\ndue = 2026-12-01\n",
    "[roadmap]\nhorizon = 2026-12-31\n",
    "[[skills]]\nid = \"rust\"\n",
    "[lint.rules]\nvague-goal = \"off\"\n",
    "# roadmap: allow(missing-deadline)\n",
    "depends_on = [\"dup\"]\n",
    "\r\n",
    "🚀",
];

/// The incremental checker (`crate::incremental`) after a sequence of
/// edits gives, at every step, the diagnostics a whole analysis of the same
/// text gives. The input is a starting text, then after the `0xFF` mark
/// up to 16 edits of four bytes: where (two bytes, scaled to the text),
/// how many bytes to remove (up to 31), and what to insert.
pub fn incremental(data: &[u8]) {
    let (start, edits) = match data.iter().rposition(|&b| b == OFFSETS_MARK) {
        Some(mark) => (&data[..mark], &data[mark + 1..]),
        None => (data, &[][..]),
    };
    let mut text = String::from_utf8_lossy(start).into_owned();
    let settings = Settings::default();
    let mut checker = crate::host::AnalysisHost::default();
    let mut check = |text: &str, step: usize| {
        let shared: Arc<str> = Arc::from(text);
        let got = checker.check(&shared, today(), &settings, None);
        let whole = analyze(text, today(), &settings);
        let want = &whole.diagnostics;
        assert!(
            got == *want,
            "step {step} ({:?}): incremental {got:#?}\nwhole {want:#?}\n--- text\n{text}",
            checker.last
        );
        // The analysis features read, asked for after one edit or two.
        if step.is_multiple_of(2) {
            let analysis = checker.analysis();
            assert!(
                analysis.tree == whole.tree && analysis.roadmap == whole.roadmap,
                "step {step} ({:?}): the host's analysis differs from a whole one\n--- text\n{text}",
                checker.last
            );
        }
    };
    check(&text, 0);
    for (step, edit) in edits.chunks_exact(4).take(16).enumerate() {
        let mut at = ((usize::from(edit[0]) << 8) | usize::from(edit[1])) % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + usize::from(edit[2] & 31)).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let byte = edit[3];
        let inserted = match SNIPPETS.get(usize::from(byte)) {
            Some(snippet) => (*snippet).to_string(),
            None => char::from(byte).to_string(),
        };
        text.replace_range(at..end, &inserted);
        check(&text, step + 1);
    }
}
