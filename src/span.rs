//! Byte ranges into the source text; the one position type of the engine.

use std::ops::Range;

/// A half-open byte range `start..end` into the analysed text.
///
/// Stored in 32 bits, as rust-analyzer's `TextRange` is: spans are most of
/// what a tree, a goal and a diagnostic hold, and 64-bit ones made a
/// 10,000-goal roadmap's analysis a quarter larger. Texts are at most
/// [`MAX_TEXT`] bytes; offsets past it are clamped to it.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Span {
    start: u32,
    end: u32,
}

/// The largest text the engine reads (4 GiB less one byte): front ends
/// refuse larger ones.
pub const MAX_TEXT: usize = u32::MAX as usize;

/// `offset` in 32 bits, clamped to [`MAX_TEXT`].
fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span {
            start: narrow(start),
            end: narrow(end),
        }
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    pub fn set_start(&mut self, start: usize) {
        self.start = narrow(start);
    }

    pub fn set_end(&mut self, end: usize) {
        self.end = narrow(end);
    }

    /// An empty span at `offset`, for things that are missing.
    pub fn empty(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start() + by, self.end() + by)
    }

    /// Moved by `by` bytes, either way: the text before it grew or shrank.
    pub fn moved(self, by: isize) -> Span {
        Span::new(
            self.start().saturating_add_signed(by),
            self.end().saturating_add_signed(by),
        )
    }

    pub fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_back_and_clamp_past_the_limit() {
        let span = Span::new(3, 70_000);
        assert_eq!((span.start(), span.end(), span.len()), (3, 70_000, 69_997));
        assert_eq!(span.range(), 3..70_000);
        let mut moved = span.moved(-3);
        assert_eq!(moved.range(), 0..69_997);
        moved.set_end(MAX_TEXT + 10);
        assert_eq!(moved.end(), MAX_TEXT);
        assert_eq!(Span::new(MAX_TEXT, usize::MAX), Span::empty(MAX_TEXT));
        assert_eq!(std::mem::size_of::<Span>(), 8);
    }
}
