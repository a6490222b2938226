//! Where the cursor is: its line, and the value being typed there.

use super::*;

/// The cursor's line: where it starts and where its text ends (before
/// its line break).
#[derive(Clone, Copy)]
pub(super) struct Line {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The file's line ending, for multi-line snippets.
    pub(super) newline: &'static str,
}

impl Line {
    pub(super) fn at(text: &str, offset: usize) -> Line {
        let start = line_index::line_start(text, offset);
        let end = line_index::line_end(text, offset);
        let newline = line_index::line_break_of(text);
        Line {
            start,
            end,
            newline,
        }
    }
}

/// Where a value is being typed, and how the typed text is wrapped.
#[derive(Clone, Debug)]
pub(super) struct Slot {
    /// What a completion replaces: the text typed so far (inside quotes,
    /// the text after the opening quote).
    pub(super) span: Span,
    /// That text.
    pub(super) typed: String,
    /// After an opening quote: `"`, or `'` for a literal string.
    pub(super) quoted: Option<char>,
    /// The closing quote is already there, right after `span`.
    pub(super) closed: bool,
    /// Inside an array's brackets.
    pub(super) in_array: bool,
    /// Right after `=`: the value needs a space before it.
    pub(super) pad: bool,
}

impl Slot {
    /// An empty slot at `offset`, outside quotes.
    pub(super) fn empty(offset: usize, in_array: bool) -> Slot {
        Slot {
            span: Span::empty(offset),
            typed: String::new(),
            quoted: None,
            closed: false,
            in_array,
            pad: false,
        }
    }

    /// An edit inserting a string value, quoted as the slot needs.
    pub(super) fn string_edit(&self, value: &str, list: bool) -> TextEdit {
        let pad = if self.pad { " " } else { "" };
        let text = match self.quoted {
            Some(_) if self.closed => value.to_string(),
            Some(quote) => format!("{value}{quote}"),
            None if list && !self.in_array => format!("{pad}[\"{value}\"]"),
            None => format!("{pad}\"{value}\""),
        };
        TextEdit::replace(self.span, text)
    }

    /// An edit inserting a bare value (a date, a boolean); a typed opening
    /// quote, and the closing one if present, are replaced too.
    pub(super) fn bare_edit(&self, value: &str) -> TextEdit {
        match self.quoted {
            Some(quote) => {
                let start = self.span.start() - quote.len_utf8();
                let end = self.span.end() + usize::from(self.closed);
                TextEdit::replace(Span::new(start, end), value)
            }
            None if self.pad => TextEdit::replace(self.span, format!(" {value}")),
            None => TextEdit::replace(self.span, value),
        }
    }

    /// What the client compares with the text in a bare edit's span.
    pub(super) fn bare_filter(&self, word: &str) -> String {
        match self.quoted {
            Some(quote) => format!("{quote}{word}"),
            None => word.to_string(),
        }
    }
}

impl Ctx<'_> {
    /// Finds the value slot at the cursor, for `entry` whose innermost value
    /// under the cursor is `value` (`None`: no value typed yet).
    pub(super) fn value_slot(&self, entry: &Entry, value: Option<&Value>) -> Option<Slot> {
        let offset = self.offset;
        let in_array = matches!(
            entry.value.as_ref().map(|v| &v.kind),
            Some(ValueKind::Array(_))
        );
        let Some(value) = value else {
            // `key = ` with nothing after: there must be an `=` before us.
            let between = self.text.get(entry.key.span.end()..offset)?;
            let after_eq = between.trim_start().strip_prefix('=')?;
            if !after_eq.trim().is_empty() {
                return None;
            }
            let pad = after_eq.is_empty();
            return Some(Slot {
                pad,
                ..Slot::empty(offset, false)
            });
        };
        let raw = self.text.get(value.span.start()..offset)?;
        if let ValueKind::Array(_) = value.kind {
            // Between elements: right after `[` or `,`, or on a new line of
            // a multi-line array.
            let before = raw.trim_end();
            let fresh = before.ends_with('[') || before.ends_with(',') || raw.ends_with('\n');
            return (fresh && offset > value.span.start()).then(|| Slot::empty(offset, true));
        }
        if value.span.start() < self.line.start || raw.contains('\n') {
            // Inside a multi-line string: prose, not a value to complete.
            return None;
        }
        match value.kind {
            ValueKind::InlineTable(_) | ValueKind::Array(_) => None,
            _ if raw.starts_with("\"\"\"") || raw.starts_with("'''") => None,
            _ if raw.starts_with('"') || raw.starts_with('\'') => {
                let typed = &raw[1..];
                let quote = if raw.starts_with('"') { '"' } else { '\'' };
                let after_closing = matches!(value.kind, ValueKind::String(_))
                    && offset == value.span.end()
                    && typed.ends_with(quote);
                if after_closing {
                    return None;
                }
                // The rest of the word up to a closing quote is replaced too,
                // so `"in$0prog"` does not become `"in-progressprog"`.
                let rest = self.text.get(offset..self.line.end).unwrap_or("");
                let word_end = rest.find([quote, ',', ']']);
                let closed = word_end.is_some_and(|at| rest[at..].starts_with(quote));
                let end = if closed {
                    offset + word_end.unwrap_or(0)
                } else {
                    offset
                };
                Some(Slot {
                    span: Span::new(value.span.start() + 1, end),
                    typed: typed.to_string(),
                    quoted: Some(quote),
                    closed,
                    in_array,
                    pad: false,
                })
            }
            _ => Some(Slot {
                span: Span::new(value.span.start(), offset),
                typed: raw.to_string(),
                ..Slot::empty(offset, in_array)
            }),
        }
    }

    /// The value slot of a line the tree gave up on before the cursor: the
    /// entry starting on the cursor's line, followed by `=` and nothing yet,
    /// or by an array still open after `[` or `,`.
    pub(super) fn slot_from_line<'s>(&self, entries: &'s [Entry]) -> Option<(&'s Entry, Slot)> {
        let entry = entries
            .iter()
            .find(|e| self.line.start <= e.span.start() && e.span.start() < self.offset)?;
        if entry.key.segments.len() != 1 {
            return None;
        }
        let after_key = self.text.get(entry.key.span.end()..self.offset)?;
        let value = after_key.trim_start().strip_prefix('=')?.trim();
        let in_array = value.starts_with('[');
        // An array still open, between elements (not inside a string).
        let between_elements = in_array
            && !value.contains(']')
            && value.matches('"').count() % 2 == 0
            && (value.ends_with('[') || value.ends_with(','));
        let fresh = value.is_empty() || between_elements;
        let pad = after_key.ends_with('=');
        fresh.then(|| {
            (
                entry,
                Slot {
                    pad,
                    ..Slot::empty(self.offset, in_array)
                },
            )
        })
    }
}
