//! Property tests (issue 6): the engine and every editor feature never
//! panic, whatever the text and the offset; code actions on mutated
//! fixtures lose no comment and break nothing; position conversion
//! round-trips; incremental sync equals replacing the whole text.
//!
//! Case counts are kept small so the file runs in a few seconds under
//! `cargo test`; `PROPTEST_CASES` raises them for a longer run.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use roadmap_lsp::config::Settings;
use roadmap_lsp::format::{FormatOptions, format};
use roadmap_lsp::ide::{TextEdit, actions, completion, hints, hover, navigation};
use roadmap_lsp::lsp::apply_changes;
use roadmap_lsp::lsp::convert::{Encoding, offset, position};
use roadmap_lsp::span::Span;
use roadmap_lsp::{Analysis, analyze};
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        // `ProptestConfig::default()` reads PROPTEST_CASES, but an explicit
        // count would override it: let the variable win for long runs.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(cases),
        // Shrunk failures are reported in the test output; a file of
        // regressions next to the test would only go stale.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every `.toml` under `fixtures/`, read once.
fn fixtures() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let mut texts = Vec::new();
        let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).expect("fixtures/ is readable") {
                let path = entry.expect("fixture entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "toml") {
                    texts.push(std::fs::read_to_string(path).expect("fixtures are UTF-8"));
                }
            }
        }
        texts.sort();
        texts
    })
}

/// The fixtures without syntax errors: the starting points of the code
/// action property.
fn valid_fixtures() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        fixtures()
            .iter()
            .filter(|text| analysis(text).tree.errors.is_empty())
            .cloned()
            .collect()
    })
}

fn analysis(text: &str) -> Analysis {
    analyze(text, common::today(), &Settings::default())
}

/// The largest char boundary at or before `at` (clamped to the text).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One change to a fixture. Offsets and line numbers are taken modulo
/// the text's size when applied, so any value fits any text.
#[derive(Clone, Debug)]
enum Mutation {
    FlipBit {
        at: usize,
        bit: u8,
    },
    DeleteLine(usize),
    DuplicateLine(usize),
    /// Cut at a byte offset, possibly inside a multi-byte character.
    Truncate(usize),
    Insert {
        at: usize,
        token: &'static str,
    },
}

/// What people type half-way, and characters of every UTF-8 length.
const TOKENS: &[&str] = &[
    "\"", "'", "\"\"\"", "'''", "[", "]", "[[", "]]", "{", "}", "=", ",", "#", ".", "\n", "\r\n",
    "\r", "\\", "é", "日", "🚀", "\u{301}", "\0", "\u{feff}",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), proptest::sample::select(TOKENS))
            .prop_map(|(at, token)| Mutation::Insert { at, token }),
    ]
}

impl Mutation {
    fn apply(&self, text: &str) -> String {
        let len = text.len().max(1);
        match *self {
            Mutation::FlipBit { at, bit } => {
                if text.is_empty() {
                    return String::new();
                }
                let mut bytes = text.as_bytes().to_vec();
                bytes[at % len] ^= 1 << bit;
                // A flip can leave invalid UTF-8; the editor only ever
                // sends valid text, so snap to it.
                String::from_utf8_lossy(&bytes).into_owned()
            }
            Mutation::DeleteLine(line) | Mutation::DuplicateLine(line) => {
                let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
                if lines.is_empty() {
                    return String::new();
                }
                let line = line % lines.len();
                if matches!(self, Mutation::DeleteLine(_)) {
                    lines.remove(line);
                } else {
                    lines.insert(line, lines[line]);
                }
                lines.concat()
            }
            Mutation::Truncate(at) => text[..floor_boundary(text, at % (text.len() + 1))].into(),
            Mutation::Insert { at, token } => {
                let at = floor_boundary(text, at % (text.len() + 1));
                format!("{}{token}{}", &text[..at], &text[at..])
            }
        }
    }
}

/// A fixture (by index) and a few mutations of it.
fn mutated(texts: fn() -> &'static [String]) -> impl Strategy<Value = String> {
    (
        any::<proptest::sample::Index>(),
        proptest::collection::vec(mutation(), 1..4),
    )
        .prop_map(move |(index, mutations)| {
            let texts = texts();
            let mut text = texts[index.index(texts.len())].clone();
            for mutation in &mutations {
                text = mutation.apply(&text);
            }
            text
        })
}

/// Every feature at `offsets` (any byte, inside a character or past the
/// end) and over the spans between them. Checks only that nothing panics,
/// and that edits point into the text.
fn exercise_every_feature(text: &str, offsets: &[usize]) {
    let analysis = analysis(text);
    navigation::document_symbols(&analysis);
    navigation::folding_ranges(&analysis, text);
    hints::code_lenses(&analysis);
    for &at in offsets {
        hover::hover(&analysis, text, at);
        completion::completions(&analysis, text, at);
        navigation::definition(&analysis, at);
        navigation::references(&analysis, at, true);
        navigation::references(&analysis, at, false);
        let _ = navigation::prepare_rename(&analysis, at);
        if let Ok(edits) = navigation::rename(&analysis, text, at, "renamed-id") {
            assert_edits_fit(text, &edits);
        }
    }
    for pair in offsets.windows(2) {
        let span = Span::new(pair[0].min(pair[1]), pair[0].max(pair[1]));
        hints::inlay_hints(&analysis, span);
        for assist in actions::code_actions(&analysis, text, span) {
            assert_edits_fit(text, &assist.edits);
        }
    }
}

/// Edits lie inside the text, on character boundaries, and do not overlap
/// (LSP clients reject overlapping edits).
fn assert_edits_fit(text: &str, edits: &[TextEdit]) {
    let mut spans: Vec<Span> = edits.iter().map(|edit| edit.span).collect();
    spans.sort();
    for span in &spans {
        assert!(
            span.start() <= span.end() && span.end() <= text.len(),
            "{span:?}"
        );
        assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
    }
    for pair in spans.windows(2) {
        assert!(
            pair[0].end() <= pair[1].start(),
            "overlapping edits {pair:?}"
        );
    }
}

/// `text` with `edits` applied (they fit: see [`assert_edits_fit`]).
fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    edits.sort_by_key(|edit| edit.span);
    let mut out = String::new();
    let mut copied = 0;
    for edit in edits {
        out.push_str(&text[copied..edit.span.start()]);
        out.push_str(&edit.text);
        copied = edit.span.end();
    }
    out.push_str(&text[copied..]);
    out
}

/// Raw offsets, scaled into the text (and a little past its end) by
/// [`scaled`] once the text is known.
fn offsets() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(any::<usize>(), 1..8)
}

fn scaled(offsets: &[usize], text: &str) -> Vec<usize> {
    offsets.iter().map(|&at| at % (text.len() + 8)).collect()
}

/// Characters that stress positions: every UTF-8 length, UTF-16 surrogate
/// pairs, combining marks, each line break, and anything at all.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(vec![
            "a",
            " ",
            "=",
            "\"",
            "[",
            "\n",
            "\r\n",
            "\r",
            "é",
            "e\u{301}",
            "日本",
            "🚀",
            "𝕏",
            "\u{10FFFF}",
            "\u{2028}",
            "\u{85}",
            "\t",
            "\0",
        ])
        .prop_map(str::to_string),
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn arbitrary_text_never_panics_anywhere(
        text in prop_oneof![any::<String>(), tricky_text()],
        at in offsets(),
    ) {
        exercise_every_feature(&text, &scaled(&at, &text));
    }

    #[test]
    fn mutated_fixtures_never_panic_anywhere(
        text in mutated(fixtures),
        at in offsets(),
    ) {
        exercise_every_feature(&text, &scaled(&at, &text));
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Every fix offered on every diagnostic keeps a parsing text parsing,
    /// touches only its declared spans (they fit, so applying them leaves
    /// the rest byte for byte) and keeps every comment it does not replace.
    #[test]
    fn code_actions_on_mutated_valid_fixtures_keep_text_and_comments(
        text in mutated(valid_fixtures),
    ) {
        let before = analysis(&text);
        for diagnostic in &before.diagnostics {
            for assist in actions::code_actions(&before, &text, diagnostic.span) {
                assert_edits_fit(&text, &assist.edits);
                let fixed = apply_edits(&text, &assist.edits);
                let after = analysis(&fixed);
                // A text that parsed must still parse. (One that did not is
                // not judged: a goal appended after an unclosed `"""`
                // lands inside the string, see the report on issue 6.)
                prop_assert!(
                    !before.tree.errors.is_empty() || after.tree.errors.is_empty(),
                    "{:?} added syntax errors: {:?}\n--- before\n{text}\n--- after\n{fixed}",
                    assist.title,
                    after.tree.errors,
                );
                let mut kept: Vec<&str> = after.tree.comments.iter().map(|c| c.text.as_str()).collect();
                for comment in &before.tree.comments {
                    let replaced = assist.edits.iter().any(|edit| {
                        edit.span.start() < comment.span.end() && comment.span.start() < edit.span.end()
                    });
                    if replaced {
                        continue;
                    }
                    let found = kept.iter().position(|text| *text == comment.text);
                    prop_assert!(
                        found.is_some(),
                        "{:?} lost the comment {:?}\n--- before\n{text}\n--- after\n{fixed}",
                        assist.title,
                        comment.text,
                    );
                    if let Some(index) = found {
                        kept.swap_remove(index);
                    }
                }
            }
        }
    }
}

/// The expected LSP position of byte `at`, counted independently of the
/// server: lines end at `\n`, `\r\n` or `\r`; columns count UTF-8 bytes or
/// UTF-16 units.
fn expected_position(text: &str, at: usize, encoding: Encoding) -> Position {
    let before = &text[..at];
    let mut line = 0;
    let mut line_start = 0;
    let bytes = before.as_bytes();
    for (i, &byte) in bytes.iter().enumerate() {
        let breaks = byte == b'\n' || (byte == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'));
        if breaks {
            line += 1;
            line_start = i + 1;
        }
    }
    let column = match encoding {
        Encoding::Utf8 => at - line_start,
        Encoding::Utf16 => before[line_start..].encode_utf16().count(),
    };
    Position::new(line as u32, column as u32)
}

/// The char boundaries of `text` that a position can name: all but the
/// middle of a `\r\n`.
fn addressable(text: &str) -> Vec<usize> {
    (0..=text.len())
        .filter(|&at| text.is_char_boundary(at))
        .filter(|&at| !(text[..at].ends_with('\r') && text[at..].starts_with('\n')))
        .collect()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn positions_round_trip_in_both_encodings(text in tricky_text()) {
        let rope = Rope::from_str(&text);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            for at in addressable(&text) {
                let at_position = position(&rope, at, encoding);
                prop_assert_eq!(at_position, expected_position(&text, at, encoding));
                prop_assert_eq!(offset(&rope, at_position, encoding), Ok(at));
            }
            // Inside a character, or past the end: that character's start,
            // or the end.
            for at in 0..text.len() + 3 {
                let start = floor_boundary(&text, at);
                prop_assert_eq!(position(&rope, at, encoding), position(&rope, start, encoding));
            }
        }
    }

    #[test]
    fn any_position_on_an_existing_line_is_a_boundary_on_that_line(
        text in tricky_text(),
        line in 0u32..50,
        character in 0u32..200,
    ) {
        let rope = Rope::from_str(&text);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let asked = Position::new(line, character);
            match offset(&rope, asked, encoding) {
                Ok(at) => {
                    prop_assert!(text.is_char_boundary(at));
                    let back = position(&rope, at, encoding);
                    prop_assert_eq!(back.line, line);
                    prop_assert!(back.character <= character);
                }
                Err(_) => prop_assert!(line as usize >= rope.len_lines()),
            }
        }
    }
}

/// An edit as fractions of the current text, so it fits whatever the
/// earlier edits did.
#[derive(Clone, Debug)]
struct RandomEdit {
    start: usize,
    length: usize,
    text: String,
}

fn random_edits() -> impl Strategy<Value = Vec<RandomEdit>> {
    proptest::collection::vec(
        (any::<usize>(), 0usize..12, tricky_text()).prop_map(|(start, length, text)| RandomEdit {
            start,
            length,
            text,
        }),
        1..12,
    )
}

proptest! {
    #![proptest_config(config(128))]

    /// Edits sent one `didChange` at a time, or all in one, give exactly
    /// the text a client holds; so do diagnostics, which are a function of
    /// the text alone.
    #[test]
    fn incremental_edits_equal_the_final_text(
        start in tricky_text(),
        edits in random_edits(),
    ) {
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let mut expected = start.clone();
            let mut one_by_one = Rope::from_str(&start);
            let mut changes = Vec::new();
            for edit in &edits {
                let boundaries = addressable(&expected);
                let from = boundaries[edit.start % boundaries.len()];
                let to = boundaries
                    .iter()
                    .copied()
                    .filter(|&at| at >= from)
                    .nth(edit.length)
                    .unwrap_or(from);
                let change = TextDocumentContentChangeEvent {
                    range: Some(Range::new(
                        expected_position(&expected, from, encoding),
                        expected_position(&expected, to, encoding),
                    )),
                    range_length: None,
                    text: edit.text.clone(),
                };
                expected.replace_range(from..to, &edit.text);
                one_by_one = apply_changes(&one_by_one, std::slice::from_ref(&change), encoding)
                    .expect("every edit is in range")
                    .0;
                prop_assert_eq!(one_by_one.to_string(), expected.as_str());
                changes.push(change);
            }
            let (all_at_once, told) = apply_changes(&Rope::from_str(&start), &changes, encoding)
                .expect("every edit is in range");
            prop_assert_eq!(all_at_once.to_string(), expected.as_str());
            // Where the text changed, as the checker is told: everything
            // before it and after it is as it was.
            if let Some(told) = told {
                prop_assert_eq!(&start[..told.start], &expected[..told.start]);
                prop_assert_eq!(&start[told.old_end..], &expected[told.new_end..]);
            } else {
                prop_assert!(changes.is_empty());
            }
            let replaced = apply_changes(
                &Rope::from_str(&start),
                &[TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: expected.clone(),
                }],
                encoding,
            )
            .expect("a whole-text change always applies")
            .0;
            prop_assert_eq!(replaced.to_string(), expected);
        }
    }
}

// ------------------------------------------------------------ formatting

/// The roadmap model without any position in it: what the file means.
fn model_without_positions(text: &str) -> String {
    let debug = format!("{:?}", analysis(text).roadmap);
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("Span { start: ") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = after.find('}').map_or(after.len(), |i| i + 1);
        out.push_str("Span");
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Every comment's text (without trailing spaces), sorted.
fn comments(text: &str) -> Vec<String> {
    let mut comments: Vec<String> = analysis(text)
        .tree
        .comments
        .iter()
        .map(|comment| comment.text.trim_end().to_string())
        .collect();
    comments.sort();
    comments
}

/// The properties every formatted text has: its edits give it; formatting
/// it again changes nothing; every comment is still there; the model (goals, ids, values,
/// settings) is unchanged; no syntax error is added; a text that parsed
/// still parses, and means the same to an independent TOML parser.
fn assert_formatting_keeps_everything(text: &str, options: &FormatOptions) {
    let formatted = format(text, options);
    assert!(!formatted.refused, "refused its own output\n{text}");
    let out = &formatted.text;
    let edits = formatted.edits(text);
    assert_edits_fit(text, &edits);
    assert_eq!(
        &apply_edits(text, &edits),
        out,
        "the edits do not give the result"
    );
    assert_eq!(
        &format(out, options).text,
        out,
        "not idempotent\n--- input\n{text}\n--- formatted\n{out}"
    );
    assert_eq!(comments(out), comments(text), "a comment was lost\n{out}");
    assert_eq!(
        model_without_positions(out),
        model_without_positions(text),
        "the model changed\n--- input\n{text}\n--- formatted\n{out}"
    );
    let errors_before = analysis(text).tree.errors.len();
    let errors_after = analysis(out).tree.errors.len();
    assert!(
        errors_after <= errors_before,
        "{errors_before} syntax errors became {errors_after}\n{out}"
    );
    if let Ok(before) = text.parse::<toml::Table>() {
        let after = out.parse::<toml::Table>();
        assert_eq!(after.as_ref().ok(), Some(&before), "{after:?}\n{out}");
    }
}

fn format_options() -> impl Strategy<Value = FormatOptions> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(reorder_keys, trim_trailing_whitespace, insert_final_newline, trim_final_newlines)| {
            FormatOptions {
                reorder_keys,
                trim_trailing_whitespace,
                insert_final_newline,
                trim_final_newlines,
                ..FormatOptions::default()
            }
        },
    )
}

/// One `key = value` line of a generated table, with a comment above or
/// after it or neither.
fn generated_entry(
    keys: &'static [(&'static str, &'static [&'static str])],
) -> impl Strategy<Value = (usize, String)> {
    let spacing = proptest::sample::select(vec!["=", " = ", "  =  ", "\t= ", " ="]);
    let comment = proptest::sample::select(vec![
        "",
        "# above 🚀\n",
        "  # indented, 日本\n",
        "# roadmap: allow(vague-goal)\n",
    ]);
    let trailing = proptest::sample::select(vec!["", " # after", "   # 目標 after"]);
    (
        0..keys.len(),
        any::<proptest::sample::Index>(),
        spacing,
        comment,
        trailing,
        proptest::sample::select(vec!["", "\n", "\n\n"]),
    )
        .prop_map(move |(key, value, spacing, comment, trailing, blank)| {
            let (name, values) = keys[key];
            let value = values[value.index(values.len())];
            (
                key,
                format!("{blank}{comment}{name}{spacing}{value}{trailing}\n"),
            )
        })
}

const GOAL_KEYS: &[(&str, &[&str])] = &[
    ("id", &["\"talk\"", "'ship'"]),
    (
        "title",
        &[
            "\"Give three talks at 日本 meetups 🚀\"",
            "\"Ship v2 by June\"",
        ],
    ),
    ("why", &["\"visibility\"", "\"\"\"multi\n  line  \"\"\""]),
    (
        "skills",
        &[
            "[\"speaking\",\"writing\" ]",
            "[\n  \"a\", # first\n  \"b\"\n]",
            "[]",
        ],
    ),
    ("deadline", &["2026-12-31", "2027-01-15"]),
    ("status", &["\"todo\"", "\"in-progress\"", "\"wip\""]),
    ("urgent", &["true", "false"]),
    ("depends_on", &["[ \"talk\" ]"]),
    ("owner", &["\"Ana\""]),
    (
        "metric",
        &[
            "{target=3,unit = \"talks\"}",
            "{ measure = \"talks given\" }",
        ],
    ),
    ("my-own", &["1_000", "+3.5"]),
];

const ACTION_KEYS: &[(&str, &[&str])] = &[
    ("task", &["\"Submit a proposal\"", "'Write 🚀'"]),
    ("due", &["2026-12-01"]),
    ("status", &["\"done\"", "\"todo\""]),
    ("owner", &["\"Bo\""]),
    ("every", &["\"1 week\""]),
    ("last_done", &["2026-11-01"]),
    ("resources", &["[\"book\", \"https://example.com/日本\"]"]),
];

/// A table's entries, each key at most once, in a random order.
fn generated_table(
    header: &'static str,
    keys: &'static [(&'static str, &'static [&'static str])],
) -> impl Strategy<Value = String> {
    proptest::collection::vec(generated_entry(keys), 0..keys.len()).prop_map(move |entries| {
        let mut seen = Vec::new();
        let mut out = format!("{header}\n");
        for (key, line) in entries {
            if !seen.contains(&key) {
                seen.push(key);
                out.push_str(&line);
            }
        }
        out
    })
}

/// A roadmap laid out any which way: keys in random order with random
/// spacing, comments above and after keys and between tables, blank
/// lines, emoji and CJK, and LF or CRLF line breaks.
fn generated_roadmap() -> impl Strategy<Value = String> {
    let goal = (
        generated_table("[[goals]]", GOAL_KEYS),
        proptest::collection::vec(generated_table("[[goals.actions]]", ACTION_KEYS), 0..3),
    )
        .prop_map(|(goal, actions)| format!("{goal}{}", actions.concat()));
    (
        generated_table(
            "[roadmap]",
            &[
                ("title", &["\"Staff 🚀\""]),
                ("vision", &["\"Lead the platform team by 2028\""]),
                ("horizon", &["2028-12-31"]),
                ("review_every", &["\"1 month\""]),
            ],
        ),
        proptest::collection::vec(goal, 0..4),
        proptest::sample::select(vec![
            "",
            "\n",
            "\n\n\n",
            "# between tables\n",
            "\n# loose\n\n",
        ]),
        any::<bool>(),
    )
        .prop_map(|(roadmap, goals, between, crlf)| {
            let text = [roadmap]
                .into_iter()
                .chain(goals)
                .collect::<Vec<_>>()
                .join(between);
            if crlf {
                text.replace('\n', "\r\n")
            } else {
                text
            }
        })
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn formatting_generated_roadmaps_keeps_everything(
        text in generated_roadmap(),
        options in format_options(),
    ) {
        assert_formatting_keeps_everything(&text, &options);
    }

    /// Broken text included: only what parsed is formatted.
    #[test]
    fn formatting_mutated_fixtures_keeps_everything(
        text in mutated(fixtures),
        options in format_options(),
    ) {
        assert_formatting_keeps_everything(&text, &options);
    }
}

#[test]
fn formatting_every_fixture_and_a_generated_roadmap_keeps_everything() {
    let generated = roadmap_lsp::testing::generate::roadmap_seeded(40, 30, 7);
    for text in fixtures().iter().chain([&generated]) {
        for reorder_keys in [true, false] {
            let options = FormatOptions {
                reorder_keys,
                ..FormatOptions::default()
            };
            assert_formatting_keeps_everything(text, &options);
        }
    }
}
