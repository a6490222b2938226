//! rustc/clippy-style output: a `path:line:col: level[code]: message`
//! header that editors and terminals can jump to, the source line with the
//! problem underlined, related places, the suggested fix, a link to the
//! rule's page, and one summary line at the end.

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Suggestion};
use crate::escape;
use crate::rules::Severity;

use super::{CheckedFile, Report, Summary};

/// Renders the whole report; `styled` adds ANSI colours.
pub fn render(report: &Report, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for (file, diagnostic) in report.diagnostics() {
        render_diagnostic(&mut out, &renderer, file, diagnostic, styled);
        out.push_str("\n\n");
    }
    out.push_str(&summary_line(&report.summary));
    out.push('\n');
    out
}

fn render_diagnostic(
    out: &mut String,
    renderer: &Renderer,
    file: &CheckedFile,
    diagnostic: &Diagnostic,
    styled: bool,
) {
    // annotate-snippets would put the location on a ` --> ` line under the
    // title; editors' problem matchers and `grep` want it in front of the
    // title on one line instead, so the snippet gets no path and the
    // location is written here.
    let primary = file.clamp(diagnostic.span);
    let at = file.position(primary.start);
    let bold = if styled {
        anstyle::Style::new().bold()
    } else {
        anstyle::Style::new()
    };
    let path = escape::terminal(&file.path);
    let _ = write!(out, "{bold}{path}:{}:{}:{bold:#} ", at.line, at.col);

    let related: Vec<Range<usize>> = diagnostic
        .related
        .iter()
        .map(|related| file.clamp(related.span))
        .collect();
    let lines = Excerpt::around(file, std::iter::once(&primary).chain(&related));
    let mut snippet = lines
        .snippet()
        .annotation(AnnotationKind::Primary.span(lines.local(&primary)));
    for (span, related) in related.iter().zip(&diagnostic.related) {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(lines.local(span))
                .label(escape::terminal(&related.message)),
        );
    }
    let docs = format!("see {}", diagnostic.rule.docs_url());
    let message = escape::terminal(&diagnostic.message);
    let mut report = vec![
        level(diagnostic.severity)
            .primary_title(message)
            .id(diagnostic.rule.code())
            .element(snippet)
            .element(Level::NOTE.message(docs)),
    ];
    if let Some(suggestion) = &diagnostic.suggestion {
        report.push(suggestion_group(file, suggestion));
    }
    out.push_str(&renderer.render(&report));
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE.with_name("hint"),
    }
}

/// A `help:` title naming the replacement, and the changed line as a diff,
/// as rustc shows machine-applicable suggestions.
fn suggestion_group<'a>(file: &'a CheckedFile, suggestion: &'a Suggestion) -> Group<'a> {
    let span = file.clamp(suggestion.span);
    let replacement = suggestion.replacement.as_str();
    let title = super::describe_suggestion(file, suggestion);
    let (range, text) = match insertion_at_end(&file.text, span.clone(), replacement) {
        Some((at, moved)) => (at..at, std::borrow::Cow::Owned(moved)),
        None => (span, std::borrow::Cow::Borrowed(replacement)),
    };
    let lines = Excerpt::around(file, std::iter::once(&range));
    Group::with_title(Level::HELP.secondary_title(title))
        .element(lines.snippet().patch(Patch::new(lines.local(&range), text)))
}

/// The whole lines a diagnostic points at. annotate-snippets reads the
/// source it is given line by line, so handing it the whole file for
/// every diagnostic made 1,000 diagnostics on an 8 MB roadmap take 16 s.
struct Excerpt<'a> {
    text: &'a str,
    /// Where `text` starts in the file.
    offset: usize,
    /// The file's line number (1-based) of its first line.
    first_line: usize,
}

impl<'a> Excerpt<'a> {
    fn around<'r>(file: &'a CheckedFile, spans: impl Iterator<Item = &'r Range<usize>>) -> Self {
        let text = file.shown_text();
        let (mut start, mut end) = (text.len(), 0);
        for span in spans {
            start = start.min(span.start);
            end = end.max(span.end);
        }
        let start = start.min(end);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        Excerpt {
            text: &text[line_start..line_end],
            offset: line_start,
            first_line: file.position(line_start).line,
        }
    }

    fn snippet<T: Clone>(&self) -> Snippet<'a, T> {
        Snippet::source(self.text).line_start(self.first_line)
    }

    /// `span` (in the file) as a range in the excerpt.
    fn local(&self, span: &Range<usize>) -> Range<usize> {
        span.start - self.offset..span.end - self.offset
    }
}

/// annotate-snippets shows a line appended after the file's last newline
/// as if it were glued to the end of the last line. Inserting the same
/// text just before that newline, with the line break moved in front,
/// gives the same file and renders as the added line it is.
fn insertion_at_end(text: &str, span: Range<usize>, replacement: &str) -> Option<(usize, String)> {
    if !span.is_empty() || span.start != text.len() {
        return None;
    }
    let eol = if text.ends_with("\r\n") {
        "\r\n"
    } else if text.ends_with('\n') {
        "\n"
    } else {
        return None;
    };
    let line = replacement
        .strip_suffix("\r\n")
        .or_else(|| replacement.strip_suffix('\n'))?;
    Some((text.len() - eol.len(), format!("{eol}{line}")))
}

/// `3 errors, 5 warnings in 2 files`; info and hint counts appear only when
/// there are some, and a clean run says so in words.
pub fn summary_line(summary: &Summary) -> String {
    let files = plural(summary.files, "file", "files");
    if summary.errors + summary.warnings + summary.infos + summary.hints == 0 {
        return format!("no problems in {files}");
    }
    let mut parts = vec![
        plural(summary.errors, "error", "errors"),
        plural(summary.warnings, "warning", "warnings"),
    ];
    if summary.infos > 0 {
        parts.push(plural(summary.infos, "info", "infos"));
    }
    if summary.hints > 0 {
        parts.push(plural(summary.hints, "hint", "hints"));
    }
    format!("{} in {files}", parts.join(", "))
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rule;
    use crate::span::Span;
    use expect_test::expect;

    fn summary(errors: usize, warnings: usize, infos: usize, hints: usize, files: usize) -> String {
        summary_line(&Summary {
            errors,
            warnings,
            infos,
            hints,
            files,
        })
    }

    #[test]
    fn summary_lines_use_singulars_and_skip_empty_minor_levels() {
        assert_eq!(summary(3, 5, 0, 0, 2), "3 errors, 5 warnings in 2 files");
        assert_eq!(
            summary(1, 2, 1, 0, 1),
            "1 error, 2 warnings, 1 info in 1 file"
        );
        assert_eq!(
            summary(0, 1, 0, 2, 3),
            "0 errors, 1 warning, 2 hints in 3 files"
        );
        assert_eq!(summary(0, 0, 0, 0, 2), "no problems in 2 files");
    }

    #[test]
    fn lines_appended_at_the_end_keep_the_same_result() {
        let text = "a = 1\n";
        let (at, moved) = insertion_at_end(text, 6..6, "b = 2\n").unwrap();
        let mut edited = text.to_string();
        edited.insert_str(at, &moved);
        assert_eq!(edited, "a = 1\nb = 2\n");
        assert_eq!(insertion_at_end(text, 0..0, "b = 2\n"), None);
        assert_eq!(insertion_at_end("a = 1", 5..5, "b = 2\n"), None);
    }

    #[test]
    fn a_diagnostic_renders_like_rustc() {
        let text = "[[goals]]\nid = \"a\"\nstatus = \"wip\"\n";
        let wip = text.find("\"wip\"").unwrap();
        let id = text.find("\"a\"").unwrap();
        let diagnostic = Diagnostic::new(
            Rule::UnknownStatus,
            Span::new(wip, wip + 5),
            "unknown status \"wip\"",
        )
        .with_related(Span::new(id, id + 3), "in this goal")
        .with_suggestion(Span::new(wip, wip + 5), "\"in-progress\"");
        let file = CheckedFile::roadmap("a.roadmap.toml".into(), text.into(), vec![diagnostic]);
        let report = Report::new(vec![file]);
        let rendered = render(&report, false);
        let rendered = rendered.replace(&Rule::UnknownStatus.docs_url(), "<docs>");
        expect![[r#"
            a.roadmap.toml:3:10: error[unknown-status]: unknown status "wip"
              |
            2 | id = "a"
              |      --- in this goal
            3 | status = "wip"
              |          ^^^^^
              |
              = note: see <docs>
            help: replace with `"in-progress"`
              |
            3 - status = "wip"
            3 + status = "in-progress"
              |

            1 error, 0 warnings in 1 file
        "#]]
        .assert_eq(&rendered);
    }
}
