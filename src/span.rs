//! Byte ranges into the source text; the one position type of the engine.

use std::ops::Range;

/// A half-open byte range `start..end` into the analysed text.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// An empty span at `offset`, for things that are missing.
    pub fn empty(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// Moved by `by` bytes, either way: the text before it grew or shrank.
    pub fn moved(self, by: isize) -> Span {
        Span::new(
            self.start.saturating_add_signed(by),
            self.end.saturating_add_signed(by),
        )
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}
