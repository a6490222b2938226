//! The formatter: text and options in, formatted text (or a few line
//! edits) out. Pure: it knows nothing of files, editors or LSP.
//!
//! It works on the project's own tolerant tree rather than on a TOML
//! document model (toml_edit), so that a file with a syntax error is
//! still formatted everywhere but in the tables the error touches, the
//! formatter sees the file exactly as the checks and allow comments do,
//! and unchanged lines stay byte for byte (docs/formatting.md has the
//! comparison).
//!
//! The unit of formatting is a table: a header (or the start of the file)
//! up to the line of the next header. A table with a syntax error, or
//! anything the writer cannot account for byte by byte, is kept exactly
//! as written. Inside the others: keys in the format's order, one space
//! around `=`, arrays and inline tables spaced canonically, comments
//! moving with their keys, blank lines normalised (see [`section`]).
//! Finally [`verify`] checks that the result means what the original
//! meant, comments included; if not, the original is kept.

mod edits;
mod order;
mod section;
mod tidy;
pub mod verify;
mod write;

pub use edits::{line_edits, unified_diff};
pub use write::Indent;

use crate::ide::TextEdit;
use crate::span::Span;
use crate::syntax::{self, Entry, Header, SyntaxTree, ValueKind};

/// How to format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    /// Put keys in the format's order (`[format] reorder-keys`).
    pub reorder_keys: bool,
    /// Indentation inside multi-line arrays when the file has none to
    /// follow (the editor's `tabSize` and `insertSpaces`).
    pub indent: Indent,
    /// The editor's `trimTrailingWhitespace`, `insertFinalNewline` and
    /// `trimFinalNewlines`: formatted tables always get these; when set,
    /// tables kept as written (syntax errors) get them too, outside
    /// strings.
    pub trim_trailing_whitespace: bool,
    pub insert_final_newline: bool,
    pub trim_final_newlines: bool,
}

impl Default for FormatOptions {
    fn default() -> Self {
        FormatOptions {
            reorder_keys: true,
            indent: Indent::Spaces(2),
            trim_trailing_whitespace: false,
            insert_final_newline: false,
            trim_final_newlines: false,
        }
    }
}

impl FormatOptions {
    /// The options for `text` under `settings` (`roadmap-lsp.toml`), with
    /// the file's own `[lint.format]` on top; the editor's options are
    /// left at their defaults.
    pub fn for_text(text: &str, settings: &crate::config::Settings) -> FormatOptions {
        let (_, roadmap, _) = crate::analysis::read(text);
        let config = crate::config::Config::layered([settings, &roadmap.lint]);
        FormatOptions {
            reorder_keys: config.reorder_keys,
            ..FormatOptions::default()
        }
    }
}

/// The result of formatting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formatted {
    pub text: String,
    /// Tables kept as written because of a syntax error, as spans of the
    /// original text.
    pub kept: Vec<Span>,
    /// The result did not mean what the original meant, so the original
    /// was kept (a formatter bug; never expected).
    pub refused: bool,
    /// Where each table of the original went in the result, so that edits
    /// are found table by table instead of by diffing the whole text.
    pieces: Vec<Piece>,
}

/// A table of the original and the text it became.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Piece {
    input: Span,
    output: std::ops::Range<usize>,
}

impl Formatted {
    /// Whole-line edits that turn `original` (the text formatted) into the
    /// result: each changed table diffed on its own, so the cost follows
    /// the size of the tables, not of the file.
    pub fn edits(&self, original: &str) -> Vec<TextEdit> {
        if self.text == original {
            return Vec::new();
        }
        let mut edits = Vec::new();
        for piece in &self.pieces {
            let before = &original[piece.input.range()];
            let after = &self.text[piece.output.clone()];
            if before != after {
                edits.extend(line_edits(before, after).into_iter().map(|edit| {
                    TextEdit::replace(
                        Span::new(
                            edit.span.start() + piece.input.start(),
                            edit.span.end() + piece.input.start(),
                        ),
                        edit.text,
                    )
                }));
            }
        }
        edits
    }
}

/// Formats the whole text.
pub fn format(text: &str, options: &FormatOptions) -> Formatted {
    format_tables(text, options, |_| true)
}

/// Formats only the tables that `range` touches (a table is a header and
/// the lines up to the next one); the rest stays as written.
pub fn format_range(text: &str, range: Span, options: &FormatOptions) -> Formatted {
    // An empty range (a cursor) touches the table it is in.
    let end = range.end().max(range.start() + 1);
    format_tables(text, options, |table| {
        table.start() < end && (range.start() < table.end() || range.start() >= text.len())
    })
}

/// Edits that format the whole text: a few whole-line replacements.
pub fn edits(text: &str, options: &FormatOptions) -> Vec<TextEdit> {
    format(text, options).edits(text)
}

/// Edits that format the tables `range` touches.
pub fn range_edits(text: &str, range: Span, options: &FormatOptions) -> Vec<TextEdit> {
    format_range(text, range, options).edits(text)
}

/// A table of the text: its header, entries and extent.
struct Table<'t> {
    header: Option<&'t Header>,
    entries: &'t [Entry],
    /// From the start of the header's line to the start of the next
    /// header's line (or the end of the text).
    span: Span,
}

fn format_tables(
    text: &str,
    options: &FormatOptions,
    selected: impl Fn(Span) -> bool,
) -> Formatted {
    let tree = syntax::parse(text);
    let mut conflicts = Vec::new();
    drop(syntax::table::build(&tree, &mut conflicts));
    let damage: Vec<Span> = tree
        .errors
        .iter()
        .chain(&conflicts)
        .map(|error| error.span)
        .collect();
    let tables = tables(text, &tree);
    let mut writer = write::Writer {
        text,
        tree: &tree,
        out: String::with_capacity(text.len() + text.len() / 16),
        newline: line_break(text),
        indent: written_indent(text, &tree).unwrap_or(options.indent),
        reorder: options.reorder_keys,
    };
    let mut kept = Vec::new();
    // A byte-order mark stays first, outside every table.
    if text.starts_with(BYTE_ORDER_MARK) {
        writer.out.push(BYTE_ORDER_MARK);
    }
    let mut pieces = Vec::with_capacity(tables.len());
    for (i, table) in tables.iter().enumerate() {
        let start = writer.out.len();
        write_table(
            &mut writer,
            table,
            i + 1 == tables.len(),
            &damage,
            &selected,
            options,
            &mut kept,
        );
        pieces.push(Piece {
            input: table.span,
            output: start..writer.out.len(),
        });
    }
    let mut out = writer.out;
    // A line break after a broken last table could end up inside what it
    // left open (an unterminated string), so that table stays as written.
    let last_kept = kept
        .last()
        .is_some_and(|span: &Span| span.end() == text.len());
    if options.insert_final_newline && !last_kept && !out.is_empty() && !out.ends_with('\n') {
        out.push_str(line_break(text));
        if let Some(last) = pieces.last_mut() {
            last.output.end = out.len();
        }
    }
    if out != text && verify::meaning(&out) != verify::meaning(text) {
        return Formatted {
            text: text.to_string(),
            kept,
            refused: true,
            pieces: Vec::new(),
        };
    }
    Formatted {
        text: out,
        kept,
        refused: false,
        pieces,
    }
}

/// Writes one table, formatted if it is `selected` and has no syntax
/// error, else as written; a damaged table goes into `kept`.
fn write_table(
    writer: &mut write::Writer<'_>,
    table: &Table<'_>,
    last: bool,
    damage: &[Span],
    selected: &impl Fn(Span) -> bool,
    options: &FormatOptions,
    kept: &mut Vec<Span>,
) {
    let text = writer.text;
    let damaged = damage.iter().any(|error| {
        error.start().saturating_sub(1) <= table.span.end() && table.span.start() <= error.end()
    });
    if selected(table.span) && !damaged {
        let mark = writer.out.len();
        match section::write(writer, table.header, table.entries, table.span, !last) {
            Ok(()) => return,
            Err(write::Unsafe) => writer.out.truncate(mark),
        }
    }
    let raw = &text[table.span.range()];
    if damaged {
        kept.push(table.span);
        let trim_final = options.trim_final_newlines;
        if options.trim_trailing_whitespace || (last && trim_final) {
            let tidied = tidy::kept_table(raw, options.trim_trailing_whitespace, last, trim_final);
            writer.out.push_str(&tidied);
            return;
        }
    }
    writer.out.push_str(raw);
}

const BYTE_ORDER_MARK: char = '\u{feff}';

/// The tables of the text in order, the first being the top of the file
/// before any header (perhaps empty), after a byte-order mark.
fn tables<'t>(text: &str, tree: &'t SyntaxTree) -> Vec<Table<'t>> {
    let start = if text.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len_utf8()
    } else {
        0
    };
    let line_start = |at: usize| text[..at].rfind('\n').map_or(start, |i| i + 1);
    let mut tables = vec![Table {
        header: None,
        entries: &[],
        span: Span::new(start, text.len()),
    }];
    for section in &tree.sections {
        match &section.header {
            None => tables[0].entries = tree.entries(section),
            Some(header) => {
                let start = line_start(header.span.start());
                if let Some(previous) = tables.last_mut() {
                    previous.span.set_end(start.max(previous.span.start()));
                }
                tables.push(Table {
                    header: Some(header),
                    entries: tree.entries(section),
                    span: Span::new(start, text.len()),
                });
            }
        }
    }
    tables
}

/// The file's line break: that of its first line.
fn line_break(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// The indentation the file already uses inside a multi-line array: that
/// of the first line after the `[` of the first such array whose items
/// are indented.
fn written_indent(text: &str, tree: &SyntaxTree) -> Option<Indent> {
    tree.sections
        .iter()
        .flat_map(|section| tree.entries(section))
        .filter_map(|entry| entry.value.as_ref())
        .filter(|value| matches!(value.kind, ValueKind::Array(_)))
        .find_map(|value| {
            let raw = value.raw(text);
            let line = &raw[raw.find('\n')? + 1..];
            let indent: &str = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            match indent.as_bytes().first()? {
                b'\t' => Some(Indent::Tab),
                _ => u8::try_from(indent.len().min(8)).ok().map(Indent::Spaces),
            }
        })
}

#[cfg(test)]
mod tests;
