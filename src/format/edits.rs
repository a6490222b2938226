//! The formatted text as a few edits of the original, whole lines each:
//! an editor applies them without moving the cursor or the undo history
//! of the lines that did not change.

use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use crate::ide::TextEdit;
use crate::span::Span;

/// How long the line diff may search for the smallest edits before it
/// settles for larger ones (still correct, only coarser).
const DIFF_DEADLINE: Duration = Duration::from_millis(200);

/// Edits that turn `before` into `after`, each replacing whole lines, in
/// order and never overlapping.
pub fn line_edits(before: &str, after: &str) -> Vec<TextEdit> {
    if before == after {
        return Vec::new();
    }
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let old_starts = starts(&old);
    let new_starts = starts(&new);
    let deadline = Instant::now() + DIFF_DEADLINE;
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &old, &new, Some(deadline));
    let mut edits: Vec<TextEdit> = Vec::new();
    // Where each operation starts, counted from the lengths: similar
    // reports an insertion's old index before the lines it follows.
    let (mut old_at, mut new_at) = (0, 0);
    for op in ops {
        let (old_len, new_len) = (op.old_range().len(), op.new_range().len());
        let old_range = old_at..old_at + old_len;
        let new_range = new_at..new_at + new_len;
        old_at += old_len;
        new_at += new_len;
        if matches!(op, DiffOp::Equal { .. }) {
            continue;
        }
        let span = Span::new(old_starts[old_range.start], old_starts[old_range.end]);
        let text = &after[new_starts[new_range.start]..new_starts[new_range.end]];
        match edits.last_mut() {
            // Adjacent changes make one edit.
            Some(last) if last.span.end() == span.start() => {
                last.span.set_end(span.end());
                last.text.push_str(text);
            }
            _ => edits.push(TextEdit::replace(span, text)),
        }
    }
    edits
}

/// The byte offset where each line starts, and the end after the last.
fn starts(lines: &[&str]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(lines.len() + 1);
    let mut at = 0;
    starts.push(0);
    for line in lines {
        at += line.len();
        starts.push(at);
    }
    starts
}

/// A unified diff of `before` and `after` (three lines of context), with
/// `name` in its header, for `fmt --check`.
pub fn unified_diff(before: &str, after: &str, name: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let mut out = text.to_string();
        for edit in edits.iter().rev() {
            out.replace_range(edit.span.range(), &edit.text);
        }
        out
    }

    #[test]
    fn only_changed_lines_are_edited() {
        let before = "a\nb\nc\nd\ne\n";
        let after = "a\nB\nc\nd\ne\nf\n";
        let edits = line_edits(before, after);
        assert_eq!(
            edits,
            [
                TextEdit::replace(Span::new(2, 4), "B\n"),
                TextEdit::replace(Span::new(10, 10), "f\n")
            ]
        );
        assert_eq!(apply(before, &edits), after);
    }

    #[test]
    fn edits_reproduce_the_target_exactly() {
        let cases = [
            ("", "a\n"),
            ("a", "a\n"),
            ("x\r\ny\r\n", "y\r\nx\r\n"),
            ("a\n\n\nb\n", "a\n\nb\n"),
            ("keep\n", ""),
        ];
        for (before, after) in cases {
            assert_eq!(
                apply(before, &line_edits(before, after)),
                after,
                "{before:?}"
            );
        }
    }
}
