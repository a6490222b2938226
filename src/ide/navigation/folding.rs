//! Folding ranges: each goal with its sub-tables, every other table, and
//! values written over several lines (arrays, inline tables, strings).

use super::content_extent;
use crate::analysis::Analysis;
use crate::span::Span;
use crate::syntax::{SyntaxTree, Value, ValueKind};

/// Spans that cover more than one line, sorted by start, without repeats.
/// Each ends at the end of its last entry (never on the blank lines or
/// comments before the next header), so turning it into lines gives the
/// last non-blank line of the table.
pub fn folding_ranges(analysis: &Analysis, text: &str) -> Vec<Span> {
    let tree = &analysis.tree;
    let mut ranges = Vec::new();
    for section in &tree.sections {
        let Some(header) = &section.header else {
            continue;
        };
        // A goal folds whole, metric and actions included; its actions and
        // metric also fold on their own.
        let is_goal = header.key.segments.len() == 1 && header.key.segments[0].name == "goals";
        let span = if is_goal {
            content_extent(tree, header.span)
        } else {
            let last_entry = tree
                .entries(section)
                .iter()
                .map(|entry| entry.span.end())
                .max();
            Span::new(
                section.span.start(),
                last_entry.unwrap_or(header.span.end()),
            )
        };
        ranges.push(span);
        for entry in tree.entries(section) {
            if let Some(value) = &entry.value {
                multi_line_values(tree, value, &mut ranges);
            }
        }
    }
    // An unclosed string runs up to the next header: end it, like every
    // range, at its last non-blank character.
    let mut ranges: Vec<Span> = ranges
        .into_iter()
        .filter_map(|span| {
            let covered = text.get(span.range())?.trim_end();
            covered
                .contains('\n')
                .then(|| Span::new(span.start(), span.start() + covered.len()))
        })
        .collect();
    ranges.sort_by_key(|span| (span.start(), std::cmp::Reverse(span.end())));
    ranges.dedup();
    ranges
}

/// Arrays, inline tables and strings, nested ones included; the caller
/// keeps those that span lines.
fn multi_line_values(tree: &SyntaxTree, value: &Value, ranges: &mut Vec<Span>) {
    match &value.kind {
        ValueKind::Array(items) => {
            ranges.push(value.span);
            for item in tree.items(items) {
                multi_line_values(tree, item, ranges);
            }
        }
        ValueKind::InlineTable(entries) => {
            ranges.push(value.span);
            for entry in entries {
                if let Some(value) = &entry.value {
                    multi_line_values(tree, value, ranges);
                }
            }
        }
        // An unclosed multi-line string is an invalid value running to
        // the next header; folding it still helps to see past it.
        ValueKind::String(_) | ValueKind::Invalid => ranges.push(value.span),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;
    use crate::ide::navigation::test_support::ends;

    fn folds(text: &str) -> String {
        let analysis = fixture::analysis(text);
        folding_ranges(&analysis, text)
            .iter()
            .map(|span| {
                let line = |offset: usize| text[..offset].matches('\n').count() + 1;
                format!(
                    "{}-{}: {}",
                    line(span.start()),
                    line(span.end()),
                    ends(text, *span)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_goal_folds_with_its_sub_tables_and_stops_before_trailing_comments() {
        expect_test::expect![[r#"
            1-5: [roadmap] … on a 40-hour week."""
            3-5: """ … on a 40-hour week."""
            7-19: [[goals]] … resources = ["one line only"]
            9-12: [ … ]
            14-15: [goals.metric] … target = 1
            17-19: [[goals.actions]] … resources = ["one line only"]
            23-24: [[goals]] … id = "short""#]]
        .assert_eq(&folds(
            r#"[roadmap]
title = "Lead a team"
vision = """
Lead a team of five,
on a 40-hour week."""

[[goals]]
id = "speak-up"
depends_on = [
  "a",
  "b",
]

[goals.metric]
target = 1

[[goals.actions]]
task = "Finish a course"
resources = ["one line only"]


# Introduces the next goal, so it is not folded with this one.
[[goals]]
id = "short"
"#,
        ));
    }

    #[test]
    fn folds_survive_a_broken_file() {
        expect_test::expect![[r#"
            5-11: [roadmap] … last_review = 2026-11-02
            13-17: [[skills]] … required = 4
            19-23: [[skills]] … required = 4
            25-49: [[goals]] … - leave ten minutes for questions
            34-39: [goals.metric] … current = 2
            41-49: [[goals.actions]] … - leave ten minutes for questions
            45-49: """ … - leave ten minutes for questions
            51-70: [[goals]] … status = "todo"
            60-65: [goals.metric] … current = 1
            67-70: [[goals.actions]] … status = "todo"
            72-85: [[goals]] … current = 0
            80-85: [goals.metric] … current = 0
            87-91: [[people]] … last_met = 2026-11-18"#]]
        .assert_eq(&folds(include_str!(
            "../../../fixtures/broken-unclosed-multiline.roadmap.toml"
        )));
    }

    #[test]
    fn folds_count_lines_right_after_emoji_and_cjk() {
        let text = include_str!("../../../fixtures/unicode.roadmap.toml");
        expect_test::expect![[r#"
            5-11: [roadmap] … last_review = 2026-11-10
            13-19: [[skills]] … evidence = "会議で発言できない"
            21-26: [[skills]] … required = 4
            28-33: [[skills]] … required = 3
            35-55: [[goals]] … owner = "me"
            44-49: [goals.metric] … current = 720
            51-55: [[goals.actions]] … owner = "me"
            59-78: [[goals]] … status = "todo"
            68-73: [goals.metric] … current = 3
            75-78: [[goals.actions]] … status = "todo"
            80-99: [[goals]] … current = 1
            89-92: [ … ]
            94-99: [goals.metric] … current = 1
            101-120: [[goals]] … status = "done"
            110-115: [goals.metric] … current = 6
            117-120: [[goals.actions]] … status = "done"
            122-124: [[reviews]] … notes = "TOEIC模試 720点。勉強会は6章まで 🚀"
            126-131: [[people]] … notes = "Staff engineer in Madrid; we meet at the café when he visits"
            133-137: [[people]] … last_met = 2026-10-20
            139-142: [[people]] … notes = "서울 오피스, Rust 밋업에서 만남"
            144-147: [[wins]] … goal = "rust-oss""#]].assert_eq(&folds(text));
    }

    #[test]
    fn crlf_line_endings_fold_like_lf() {
        let text = "[[goals]]\r\nid = \"a\"\r\ntitle = \"b\"\r\n\r\n[[goals]]\r\nid = \"c\"\r\n";
        expect_test::expect![[r#"
            1-3: [[goals]] … title = "b"
            5-6: [[goals]] … id = "c""#]]
        .assert_eq(&folds(text));
        expect_test::expect![[""]].assert_eq(&folds(""));
    }
}
