//! Replacing part of a tree with the tree of the new text there, so that an
//! edit costs the blocks it touched plus moving what follows (the
//! incremental checker keeps the whole file's tree this way).
//!
//! A tree's sections, entries, array items, comments and errors are each in
//! file order, and each table header starts a chunk the parser reads on
//! its own (see [`super::split`]): the text from one header's line to
//! another's parses the same alone as within the file. So the part of the
//! tree for such a region is a run of each vector, found by position.

use super::{Entry, Section, SyntaxTree, Value, ValueKind};
use crate::span::Span;

impl SyntaxTree {
    /// Puts `new`, the tree of the text now at bytes `region.start..` (its
    /// spans counted from its own start), in place of what the tree held
    /// for `region` of the old text, which `delta` bytes longer or shorter
    /// became the new text of length `len`. `region` must start and end
    /// at the start of a line holding a table header (or the text's
    /// start or end).
    pub fn splice(&mut self, region: Span, mut new: SyntaxTree, delta: isize, len: usize) {
        // The whole text: `new` is the tree, taken as it is. (Spliced into
        // the old vectors, every part would be copied while `new` still
        // holds it: twice the tree at once, the peak of opening a file.)
        let old_len = len as isize - delta;
        if region.start() == 0 && region.end() as isize >= old_len {
            *self = new;
            return;
        }
        // Found by binary search: every vector is in file order.
        let sections = run(&self.sections, region, |s| s.span);
        let entries = self.sections[sections.clone()]
            .first()
            .map_or(entries_at(self, sections.start), |first| {
                first.entries.start
            })
            ..self.sections[sections.clone()]
                .last()
                .map_or(entries_at(self, sections.start), |last| last.entries.end);
        let items = run(&self.items, region, |v| v.span);
        let comments = run(&self.comments, region, |c| c.span);
        let errors = run(&self.errors, region, |e| e.span);

        let entries_delta = new.entries.len() as isize - entries.len() as isize;
        let items_delta = new.items.len() as isize - items.len() as isize;
        let by = region.start() as isize;
        for section in &mut new.sections {
            section.shift(by, entries.start as isize);
        }
        for entry in &mut new.entries {
            entry.shift(by, items.start as isize);
        }
        for item in &mut new.items {
            item.shift(by, items.start as isize);
        }
        for comment in &mut new.comments {
            comment.span = comment.span.moved(by);
        }
        for error in &mut new.errors {
            error.span = error.span.moved(by);
            error.first_defined = error.first_defined.map(|s| s.moved(by));
        }

        let new_sections = new.sections.len();
        let after = sections.end;
        for section in &mut self.sections[after..] {
            section.shift(delta, entries_delta);
        }
        for entry in &mut self.entries[entries.end..] {
            entry.shift(delta, items_delta);
        }
        for item in &mut self.items[items.end..] {
            item.shift(delta, items_delta);
        }
        for comment in &mut self.comments[comments.end..] {
            comment.span = comment.span.moved(delta);
        }
        for error in &mut self.errors[errors.end..] {
            error.span = error.span.moved(delta);
            error.first_defined = error.first_defined.map(|s| s.moved(delta));
        }
        self.sections.splice(sections.clone(), new.sections);
        self.entries.splice(entries, new.entries);
        self.items.splice(items, new.items);
        self.comments.splice(comments, new.comments);
        self.errors.splice(errors, new.errors);

        // A section ends where the next one starts (the file's last at its
        // end): mend the two ends the new part meets.
        let last = sections.start + new_sections;
        for index in sections.start.saturating_sub(1)..=last.min(self.sections.len()) {
            if index >= self.sections.len() {
                break;
            }
            let end = self
                .sections
                .get(index + 1)
                .map_or(len, |next| next.span.start());
            self.sections[index].span.set_end(end);
        }
    }
}

/// The run of `items` whose spans start in `region`.
fn run<T>(items: &[T], region: Span, span: impl Fn(&T) -> Span) -> std::ops::Range<usize> {
    let start = items.partition_point(|item| span(item).start() < region.start());
    let end = start + items[start..].partition_point(|item| span(item).start() < region.end());
    start..end
}

/// Where the entries of the section at `index` would start.
fn entries_at(tree: &SyntaxTree, index: usize) -> usize {
    match index
        .checked_sub(1)
        .and_then(|before| tree.sections.get(before))
    {
        Some(section) => section.entries.end,
        None => 0,
    }
}

fn moved(index: usize, by: isize) -> usize {
    index.saturating_add_signed(by)
}

impl Section {
    fn shift(&mut self, bytes: isize, entries: isize) {
        self.span = self.span.moved(bytes);
        self.entries = moved(self.entries.start, entries)..moved(self.entries.end, entries);
        if let Some(header) = &mut self.header {
            header.span = header.span.moved(bytes);
            header.key.span = header.key.span.moved(bytes);
            for segment in &mut header.key.segments {
                segment.span = segment.span.moved(bytes);
            }
        }
    }
}

impl Entry {
    fn shift(&mut self, bytes: isize, items: isize) {
        self.span = self.span.moved(bytes);
        self.key.span = self.key.span.moved(bytes);
        for segment in &mut self.key.segments {
            segment.span = segment.span.moved(bytes);
        }
        if let Some(value) = &mut self.value {
            value.shift(bytes, items);
        }
    }
}

impl Value {
    fn shift(&mut self, bytes: isize, items: isize) {
        self.span = self.span.moved(bytes);
        match &mut self.kind {
            ValueKind::Array(array) => array.start = moved(array.start, items),
            ValueKind::InlineTable(entries) => {
                for entry in entries {
                    entry.shift(bytes, items);
                }
            }
            _ => {}
        }
    }
}
