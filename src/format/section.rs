//! One table as the formatter lays it out: its header, its entries with
//! the comments that travel with them, and the comments and blank lines
//! after its last entry, which lead up to the next header.
//!
//! - A comment on the line(s) above an entry, and the comment at the end
//!   of its line, belong to the entry and move with it when keys are put
//!   in order. Blank lines between entries are kept (one at most) and
//!   move with the entry below them.
//! - Comments after the last entry stay where they are. Those directly
//!   above the next header (no blank line between) stay directly above
//!   it, and one blank line separates them from what comes before.
//! - No blank line right after a header; exactly one before each header
//!   (or before the comments directly above it); none at the end of the
//!   file.

use crate::model::schema::TableKind;
use crate::span::Span;
use crate::syntax::{Comment, Entry, Header, HeaderKind, SyntaxTree};

use super::order;
use super::write::{Unsafe, Writer, check_residue, comments_in};

/// What sits on the lines above an entry, or after the last one.
#[derive(Clone, Copy, Debug)]
enum Line<'t> {
    Blank,
    Comment(&'t Comment),
}

/// An entry with what travels with it.
struct Block<'t> {
    leading: Vec<Line<'t>>,
    entry: &'t Entry,
    trailing: Option<&'t Comment>,
}

/// A table read line by line, before it is written.
struct Layout<'t> {
    header: Option<(&'t Header, Option<&'t Comment>)>,
    blocks: Vec<Block<'t>>,
    /// Comments and blank lines after the last entry.
    tail: Vec<Line<'t>>,
}

/// A statement or comment at the top level of a table, in text order.
#[derive(Clone, Copy)]
enum Piece<'t> {
    Header(&'t Header),
    Entry(&'t Entry),
    Comment(&'t Comment),
}

impl Piece<'_> {
    fn span(&self) -> Span {
        match self {
            Piece::Header(header) => header.span,
            Piece::Entry(entry) => entry.span,
            Piece::Comment(comment) => comment.span,
        }
    }
}

/// Writes the table with `header` and `entries`, whose text is `unit` (from the start of
/// its header's line to the start of the next header's line), in
/// canonical form. `next_header` says whether a header follows.
pub(super) fn write(
    w: &mut Writer<'_>,
    header: Option<&Header>,
    entries: &[Entry],
    unit: Span,
    next_header: bool,
) -> Result<(), Unsafe> {
    let layout = read(w.text, w.tree, header, entries, unit)?;
    let kind = header.map_or(Some(TableKind::Root), |header| {
        TableKind::at_path(header.key.segments.iter().map(|s| s.name.as_str()))
    });
    let mut written = false;
    if let Some((header, comment)) = layout.header {
        write_header(w, header)?;
        if let Some(comment) = comment {
            w.trailing_comment(comment);
        }
        w.end_line();
        written = true;
    }
    let order: Vec<usize> = if w.reorder {
        order::canonical(
            kind,
            layout
                .blocks
                .iter()
                .map(|b| b.entry.key.segments.as_slice()),
        )
    } else {
        (0..layout.blocks.len()).collect()
    };
    for (n, &i) in order.iter().enumerate() {
        let block = &layout.blocks[i];
        let leading = if n == 0 {
            // No blank line right after a header or at the start.
            let blanks = block
                .leading
                .iter()
                .take_while(|line| matches!(line, Line::Blank))
                .count();
            &block.leading[blanks..]
        } else {
            &block.leading[..]
        };
        write_lines(w, leading);
        w.entry(block.entry, kind, 0)?;
        if let Some(comment) = block.trailing {
            w.trailing_comment(comment);
        }
        w.end_line();
        written = true;
    }
    write_tail(w, &layout.tail, written, next_header);
    Ok(())
}

fn write_header(w: &mut Writer<'_>, header: &Header) -> Result<(), Unsafe> {
    let (open, close) = match header.kind {
        HeaderKind::Table => ("[", "]"),
        HeaderKind::ArrayOfTables => ("[[", "]]"),
    };
    // Around the key, only brackets and spaces: `[ goals . metric ]`.
    let spans = std::iter::once(header.key.span);
    check_residue(w.text, header.span, spans, |b| matches!(b, b'[' | b']'))?;
    let before = &w.text[header.span.start()..header.key.span.start()];
    let after = &w.text[header.key.span.end()..header.span.end()];
    let brackets = |s: &str, b: char| s.chars().filter(|&c| c == b).count();
    if brackets(before, '[') != open.len() || brackets(after, ']') != close.len() {
        return Err(Unsafe);
    }
    w.out.push_str(open);
    w.key(&header.key)?;
    w.out.push_str(close);
    Ok(())
}

fn write_lines(w: &mut Writer<'_>, lines: &[Line<'_>]) {
    for line in lines {
        if let Line::Comment(comment) = line {
            w.own_line_comment(comment, 0);
        }
        w.end_line();
    }
}

/// The comments after the last entry, and the blank line before the next
/// header. `written` says whether anything of this table came before.
fn write_tail(w: &mut Writer<'_>, tail: &[Line<'_>], mut written: bool, next_header: bool) {
    // Runs of comment lines, each with whether a blank line precedes it.
    let mut runs: Vec<(bool, Vec<&Comment>)> = Vec::new();
    let mut blank = false;
    for line in tail {
        match line {
            Line::Blank => blank = true,
            Line::Comment(comment) => match runs.last_mut() {
                Some((_, run)) if !blank => run.push(comment),
                _ => {
                    runs.push((blank, vec![comment]));
                    blank = false;
                }
            },
        }
    }
    // The comments directly above the next header stay with it.
    let above_header = if next_header && !blank {
        runs.pop().map(|(_, run)| run)
    } else {
        None
    };
    for (blank_before, run) in runs {
        if blank_before && written {
            w.end_line();
        }
        for comment in run {
            w.own_line_comment(comment, 0);
            w.end_line();
        }
        written = true;
    }
    if next_header {
        if written {
            w.end_line();
        }
        for comment in above_header.into_iter().flatten() {
            w.own_line_comment(comment, 0);
            w.end_line();
        }
    }
}

/// Reads the table's lines: which comments go with which entry, where the
/// blank lines are. Anything between statements other than spaces and
/// line breaks is [`Unsafe`].
fn read<'t>(
    text: &'t str,
    tree: &'t SyntaxTree,
    header: Option<&'t Header>,
    entries: &'t [Entry],
    unit: Span,
) -> Result<Layout<'t>, Unsafe> {
    let mut pieces: Vec<Piece<'t>> = Vec::with_capacity(entries.len() + 4);
    pieces.extend(header.map(Piece::Header));
    let mut comments = comments_in(tree, unit).iter().peekable();
    for entry in entries {
        while let Some(comment) = comments.next_if(|c| c.span.start() < entry.span.start()) {
            pieces.push(Piece::Comment(comment));
        }
        pieces.push(Piece::Entry(entry));
        // Comments inside the entry (in a multi-line array) are its own.
        while comments
            .next_if(|c| c.span.start() < entry.span.end())
            .is_some()
        {}
    }
    pieces.extend(comments.map(Piece::Comment));

    let mut layout = Layout {
        header: None,
        blocks: Vec::new(),
        tail: Vec::new(),
    };
    let mut pending: Vec<Line<'t>> = Vec::new();
    let mut last_end = unit.start();
    // Whether the previous piece is on the line being read.
    let mut open_line = false;
    for piece in &pieces {
        let span = piece.span();
        if span.start() < last_end || span.end() > unit.end() {
            return Err(Unsafe);
        }
        let gap = &text[last_end..span.start()];
        if !gap.bytes().all(super::write::is_space) {
            return Err(Unsafe);
        }
        let breaks = gap.bytes().filter(|&b| b == b'\n').count();
        let same_line = open_line && breaks == 0;
        // Blank lines right after the header are dropped.
        let after_header = layout.blocks.is_empty() && pending.is_empty();
        if open_line && breaks >= 2 && !after_header {
            push_blank(&mut pending);
        }
        match piece {
            Piece::Header(header) if layout.header.is_none() && layout.blocks.is_empty() => {
                layout.header = Some((header, None));
            }
            Piece::Comment(comment) if same_line => {
                if let Some(block) = layout.blocks.last_mut().filter(|_| pending.is_empty()) {
                    block.trailing = Some(comment);
                } else if let Some((_, trailing)) = &mut layout.header {
                    trailing.replace(comment);
                } else {
                    return Err(Unsafe);
                }
            }
            Piece::Comment(comment) => pending.push(Line::Comment(comment)),
            Piece::Entry(entry) if !same_line => layout.blocks.push(Block {
                leading: std::mem::take(&mut pending),
                entry,
                trailing: None,
            }),
            _ => return Err(Unsafe),
        }
        last_end = span.end();
        open_line = true;
    }
    let rest = &text[last_end..unit.end()];
    if !rest.bytes().all(super::write::is_space) {
        return Err(Unsafe);
    }
    if rest.bytes().filter(|&b| b == b'\n').count() >= 2 {
        push_blank(&mut pending);
    }
    layout.tail = pending;
    Ok(layout)
}

/// A blank line, unless the line before is already one.
fn push_blank(lines: &mut Vec<Line<'_>>) {
    if !matches!(lines.last(), Some(Line::Blank)) {
        lines.push(Line::Blank);
    }
}
