//! The sections of a tree as the parser and its fast path fill them.

use super::{Entry, Header, Section, Value};
use crate::span::Span;

/// Sections as they are read: statements go straight into the current one.
pub(super) struct Sections {
    pub(super) done: Vec<Section>,
    pub(super) current: Section,
    /// The entries of every section, the current one's last.
    pub(super) entries: Vec<Entry>,
    /// The items of every array read.
    pub(super) items: Vec<Value>,
    /// The items of the arrays being read, innermost last: an array's
    /// items go to `items` together when it closes, after those of the
    /// arrays nested in it.
    pub(super) open_items: Vec<Value>,
}

impl Sections {
    pub(super) fn header(&mut self, header: Header) {
        let start = header.span.start();
        let count = self.entries.len();
        self.current.span.set_end(start);
        self.current.entries.end = count;
        let finished = std::mem::replace(
            &mut self.current,
            Section {
                header: Some(header),
                entries: count..count,
                span: Span::new(start, start),
            },
        );
        if finished.header.is_some() || !finished.entries.is_empty() {
            self.done.push(finished);
        }
    }
}
