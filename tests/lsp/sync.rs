//! Property 3 of issue 6 through the server itself: a random sequence of
//! `didChange` edits (several changes per notification at times, in both
//! position encodings) leaves the document with the diagnostics and the
//! symbols that opening its final text fresh gives. Whatever the server
//! does between edits (reuse earlier work, re-read only what changed), it
//! must end where a fresh read ends. tests/properties.rs checks the text
//! itself, edit by edit.
//!
//! The sequences come from a fixed-seed generator, so a failure replays;
//! the seed is in the failure message.

use serde_json::{Value, json};

use crate::harness::{Client, Encoding, Setup, position, virtual_uri};
use crate::roadmaps::{DUPLICATE_IDS, PLAN, VAGUE};

/// xorshift64*: enough randomness for edit positions, no dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What the edits insert: tokens typed half-way, whole roadmap lines, and
/// characters of every UTF-8 length. No bare `\r`: the client side of the
/// harness counts lines at `\n`.
const PIECES: &[&str] = &[
    "",
    "\"",
    "[",
    "]",
    "=",
    "#",
    "\n",
    "\r\n",
    "é",
    "🚀",
    "日本",
    "\"\"\"",
    "[[goals]]\n",
    "id = \"talk\"\n",
    "id = \"fresh\"\n",
    "title = \"Improve\"\n",
    "deadline = 2026-12-31\n",
    "status = \"done\"\n",
    "status = \"wip\"\n",
    "depends_on = [\"talk\", \"nowhere\"]\n",
    "[goals.metric]\nmeasure = \"talks\"\n",
    "# roadmap: allow(vague-goal)\n",
];

/// A char boundary of `text` chosen at random, never between the `\r`
/// and the `\n` of a line break (an edit there would leave a bare `\r`).
fn boundary(random: &mut Random, text: &str) -> usize {
    let mut at = random.below(text.len() + 1);
    while !text.is_char_boundary(at) || inside_crlf(text, at) {
        at -= 1;
    }
    at
}

fn inside_crlf(text: &str, at: usize) -> bool {
    text[..at].ends_with('\r') && text[at..].starts_with('\n')
}

/// One random change against `text`: its LSP form, and `text` after it.
fn random_change(random: &mut Random, text: &str, encoding: Encoding) -> (Value, String) {
    let start = boundary(random, text);
    let mut end = (start + random.below(24)).min(text.len());
    while !text.is_char_boundary(end) || inside_crlf(text, end) {
        end -= 1;
    }
    let inserted = if random.below(5) == 0 {
        // A line of the text itself, copied elsewhere.
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        lines.get(random.below(lines.len())).copied().unwrap_or("")
    } else {
        PIECES[random.below(PIECES.len())]
    };
    let change = json!({
        "range": {
            "start": position(text, start, encoding),
            "end": position(text, end, encoding),
        },
        "text": inserted,
    });
    let mut after = text.to_string();
    after.replace_range(start..end, inserted);
    (change, after)
}

/// What the server says about `uri` once it is at `version`.
async fn views(client: &mut Client, uri: &str, version: i64) -> (Vec<Value>, Value) {
    let diagnostics = client.diagnostics(uri, version).await;
    let symbols = client
        .result(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    (diagnostics, symbols)
}

async fn edit_sequence_matches_a_fresh_open(seed: u64, encoding: Encoding) {
    let mut random = Random(seed);
    let starts = [PLAN, DUPLICATE_IDS, VAGUE];
    let mut text = starts[random.below(starts.len())].to_string();
    let uri = virtual_uri("sync.roadmap.toml");
    let (mut edited, _) = Client::ready(Setup::for_encoding(encoding)).await;
    edited.open(&uri, &text).await;
    let mut version = 1;
    for _ in 0..16 {
        // One to three changes per notification, each against the text
        // the previous one left.
        let mut changes = Vec::new();
        for _ in 0..1 + random.below(3) {
            let (change, after) = random_change(&mut random, &text, encoding);
            changes.push(change);
            text = after;
        }
        version += 1;
        edited.change(&uri, version, Value::Array(changes)).await;
    }
    let after_edits = views(&mut edited, &uri, version).await;

    let (mut fresh, _) = Client::ready(Setup::for_encoding(encoding)).await;
    fresh.open(&uri, &text).await;
    let opened = views(&mut fresh, &uri, 1).await;
    assert_eq!(
        after_edits, opened,
        "seed {seed} ({encoding:?}): edits and a fresh open disagree on\n{text}"
    );
    edited.shutdown_and_exit().await;
    fresh.shutdown_and_exit().await;
}

#[tokio::test]
async fn random_edit_sequences_end_where_a_fresh_open_does() {
    for seed in 1..=16u64 {
        let seed = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            edit_sequence_matches_a_fresh_open(seed, encoding).await;
        }
    }
}
