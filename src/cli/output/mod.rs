//! The results of a `check` run, and the four ways of printing them. The
//! formats share one model so that they cannot disagree about positions or
//! counts.

mod github;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Suggestion};
use crate::line_index::{LineCol, LineIndex};
use crate::rules::Severity;
use crate::span::Span;

use super::Format;

/// Whether a reported file is a roadmap or a `roadmap-lsp.toml`; only
/// roadmaps count as "files checked".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Roadmap,
    Config,
}

/// One file's text and diagnostics, with positions ready to convert.
#[derive(Debug)]
pub struct CheckedFile {
    pub kind: FileKind,
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    index: LineIndex,
    /// The text as source excerpts show it, when it holds C1 control
    /// characters (allowed in TOML strings, acted on by some terminals):
    /// each replaced by a character of the same length, so offsets hold.
    /// annotate-snippets makes C0 controls visible itself.
    shown: Option<String>,
}

impl CheckedFile {
    pub fn roadmap(path: String, text: String, diagnostics: Vec<Diagnostic>) -> Self {
        Self::new(FileKind::Roadmap, path, text, diagnostics)
    }

    pub fn config(path: String, text: String, diagnostics: Vec<Diagnostic>) -> Self {
        Self::new(FileKind::Config, path, text, diagnostics)
    }

    fn new(kind: FileKind, path: String, text: String, diagnostics: Vec<Diagnostic>) -> Self {
        let index = LineIndex::new(&text);
        let is_c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
        let shown = text
            .contains(is_c1)
            .then(|| text.replace(is_c1, C1_SHOWN_AS));
        CheckedFile {
            kind,
            path,
            text,
            diagnostics,
            index,
            shown,
        }
    }

    /// The text for source excerpts: the same offsets, nothing a terminal
    /// would act on.
    pub fn shown_text(&self) -> &str {
        self.shown.as_deref().unwrap_or(&self.text)
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> LineCol {
        self.index.line_col(&self.text, offset)
    }

    /// `span` made safe to slice the text with: inside it, on character
    /// boundaries, not reversed. The engine should never produce anything
    /// else, but a bad span must not crash the renderer.
    pub fn clamp(&self, span: Span) -> Range<usize> {
        let snap = |mut offset: usize| {
            offset = offset.min(self.text.len());
            while !self.text.is_char_boundary(offset) {
                offset -= 1;
            }
            offset
        };
        let start = snap(span.start());
        start..snap(span.end()).max(start)
    }
}

/// Two bytes in UTF-8, like every C1 control character it stands for.
const C1_SHOWN_AS: &str = "\u{bf}";

/// One line saying what a suggestion does (`replace with `"done"``), for
/// the human `help:` title and the SARIF fix description. Long or
/// multi-line replacements are not quoted; the diff shows them.
pub fn describe_suggestion(file: &CheckedFile, suggestion: &Suggestion) -> String {
    let inserts = file.clamp(suggestion.span).is_empty();
    let line = suggestion.replacement.trim();
    if line.is_empty() {
        "remove it".to_string()
    } else if line.contains('\n') || line.chars().count() > 60 {
        if inserts {
            "consider adding this"
        } else {
            "consider replacing it with this"
        }
        .to_string()
    } else {
        let line = annotate_snippets::normalize_untrusted_str(line);
        if inserts {
            format!("consider adding `{line}`")
        } else {
            format!("replace with `{line}`")
        }
    }
}

/// Counts by severity, as the summary line and the JSON report give them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Roadmap files checked (configuration files are not counted).
    pub files: usize,
}

impl Summary {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
            Severity::Hint => self.hints += 1,
        }
    }
}

/// Everything a run found, in report order.
#[derive(Debug)]
pub struct Report {
    pub files: Vec<CheckedFile>,
    pub summary: Summary,
}

impl Report {
    pub fn new(files: Vec<CheckedFile>) -> Self {
        let mut summary = Summary::default();
        for file in &files {
            if file.kind == FileKind::Roadmap {
                summary.files += 1;
            }
            for diagnostic in &file.diagnostics {
                summary.add(diagnostic.severity);
            }
        }
        Report { files, summary }
    }

    /// Each diagnostic with the file it belongs to, in report order.
    pub fn diagnostics(&self) -> impl Iterator<Item = (&CheckedFile, &Diagnostic)> {
        self.files
            .iter()
            .flat_map(|file| file.diagnostics.iter().map(move |d| (file, d)))
    }
}

/// Prints `report` on stdout in `format`. Colour is only ever added to the
/// human format, and only when stdout can show it.
pub fn write(format: Format, report: &Report) -> io::Result<()> {
    match format {
        Format::Human => {
            let mut stdout = anstream::stdout().lock();
            let styled = stdout.current_choice() != anstream::ColorChoice::Never;
            stdout.write_all(human::render(report, styled).as_bytes())?;
            stdout.flush()
        }
        Format::Json => write_plain(&json::render(report)?),
        Format::Github => write_plain(&github::render(report)),
        Format::Sarif => write_plain(&sarif::render(report)?),
    }
}

fn write_plain(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rule;

    #[test]
    fn clamping_keeps_spans_inside_the_text_and_on_char_boundaries() {
        let file = CheckedFile::roadmap("a".into(), "é = 1".into(), Vec::new());
        assert_eq!(file.clamp(Span::new(1, 99)), 0..6);
        assert_eq!(file.clamp(Span::new(3, 4)), 3..4);
    }

    #[test]
    fn configuration_files_count_diagnostics_but_not_files() {
        let warning = Diagnostic::new(Rule::UnknownKey, Span::new(0, 1), "x");
        let report = Report::new(vec![
            CheckedFile::config("roadmap-lsp.toml".into(), "x".into(), vec![warning.clone()]),
            CheckedFile::roadmap("a.roadmap.toml".into(), "x".into(), vec![warning]),
        ]);
        assert_eq!(report.summary.files, 1);
        assert_eq!(report.summary.warnings, 2);
    }
}
