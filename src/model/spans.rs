//! Moving a model's spans: when a block of the file is read on its own and
//! placed back where it sits (the incremental path), or moves because the
//! text before it changed.

use chrono::NaiveDate;
use compact_str::CompactString;

use super::{
    Action, Field, Goal, Metric, Person, Review, RoadmapMeta, Role, Skill, SkillKind, Status, Win,
};
use crate::dates::Period;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// Something holding spans, each of which `to` maps to its new place.
pub trait MapSpans {
    fn map_spans(&mut self, to: &mut impl FnMut(Span) -> Span);

    /// Every span moved by `by` bytes.
    fn shift(&mut self, by: isize) {
        if by != 0 {
            self.map_spans(&mut |span| span.moved(by));
        }
    }
}

impl MapSpans for Span {
    fn map_spans(&mut self, to: &mut impl FnMut(Span) -> Span) {
        *self = to(*self);
    }
}

/// Values without spans of their own.
macro_rules! no_spans {
    ($($type:ty),*) => {
        $(impl MapSpans for $type {
            fn map_spans(&mut self, _: &mut impl FnMut(Span) -> Span) {}
        })*
    };
}

no_spans!(
    CompactString,
    NaiveDate,
    i64,
    f64,
    bool,
    Period,
    Status,
    SkillKind,
    Role
);

impl<T: MapSpans> MapSpans for Option<T> {
    fn map_spans(&mut self, to: &mut impl FnMut(Span) -> Span) {
        if let Some(inner) = self {
            inner.map_spans(to);
        }
    }
}

impl<T: MapSpans> MapSpans for Vec<T> {
    fn map_spans(&mut self, to: &mut impl FnMut(Span) -> Span) {
        for inner in self {
            inner.map_spans(to);
        }
    }
}

impl<T: MapSpans> MapSpans for Field<T> {
    fn map_spans(&mut self, to: &mut impl FnMut(Span) -> Span) {
        self.value.map_spans(to);
        self.span.map_spans(to);
        self.key_span.map_spans(to);
    }
}

/// Structs: every field listed, so a field added to the model and not
/// here fails to compile (the pattern is exhaustive).
macro_rules! struct_spans {
    ($type:ident { $($field:ident),* $(,)? } $(skip { $($skipped:ident),* })?) => {
        impl MapSpans for $type {
            fn map_spans(&mut self, to: &mut impl FnMut(Span) -> Span) {
                let $type { $($field,)* $($($skipped: _,)*)? } = self;
                $($field.map_spans(to);)*
            }
        }
    };
}

struct_spans!(Goal { header, id, title, why, skills, start, deadline, status, urgent, important, depends_on, owner, metric, actions } skip { unread });
struct_spans!(Metric { header, measure, unit, baseline, target, current } skip { unread });
struct_spans!(Action { header, task, due, status, owner, every, last_done, resources, obstacles } skip { unread });
struct_spans!(RoadmapMeta { header, title, owner, vision, horizon, review_every, last_review } skip { unread });
struct_spans!(Skill {
    header,
    id,
    name,
    kind,
    current,
    required,
    evidence
});
struct_spans!(Review {
    header,
    date,
    notes
});
struct_spans!(Person { header, name, role, meet_every, last_met } skip { unread });
struct_spans!(Win {
    header,
    date,
    what,
    goal
});

impl MapSpans for Diagnostic {
    fn map_spans(&mut self, to: &mut impl FnMut(Span) -> Span) {
        self.span.map_spans(to);
        for related in &mut self.related {
            related.span.map_spans(to);
        }
        if let Some(suggestion) = &mut self.suggestion {
            suggestion.span.map_spans(to);
        }
    }
}

impl<T: MapSpans> MapSpans for Box<T> {
    fn map_spans(&mut self, to: &mut impl FnMut(Span) -> Span) {
        T::map_spans(self, to);
    }
}
