//! Typed reads from the logical tree. A wrong type or an unknown key
//! becomes a diagnostic that says what was expected, and the field is
//! simply absent: nothing here fails.

use chrono::NaiveDate;
use compact_str::CompactString;

use super::schema::{TableKind, nearest};
use super::vocabulary::{self, Term};
use super::{Field, List, Status};
use crate::dates::{Period, parse_date};
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::span::Span;
use crate::syntax::table::{Elements, Node, TableEntry, TableId, Tables};
use crate::syntax::{Items, Value, ValueKind};

pub(crate) struct Reader<'d> {
    /// The text the tables were parsed from: strings are read from it.
    pub text: &'d str,
    /// The tables being read.
    pub tables: &'d Tables<'d>,
    pub diagnostics: &'d mut Vec<Diagnostic>,
    /// Reading `roadmap-lsp.toml`, whose tables are a roadmap's `[lint]`
    /// tables without the `lint.` prefix: messages name them that way.
    pub config_file: bool,
}

/// A value with its string content resolved against the text.
enum View<'v> {
    String(&'v str),
    Datetime(&'v str),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    /// Its items are in the tree.
    Array(&'v Items),
    Other,
}

#[inline(always)]
fn view<'v>(value: &'v Value, text: &'v str) -> View<'v> {
    match &value.kind {
        ValueKind::String(_) => value.string(text).map_or(View::Other, View::String),
        ValueKind::Datetime => View::Datetime(value.raw(text)),
        ValueKind::Integer(n) => View::Integer(*n),
        ValueKind::Float(x) => View::Float(*x),
        ValueKind::Boolean(b) => View::Boolean(*b),
        ValueKind::Array(items) => View::Array(items),
        ValueKind::InlineTable(_) | ValueKind::Invalid => View::Other,
    }
}

impl<'d> Reader<'d> {
    /// Reports `entry` as a key that `kind` does not know.
    /// Reports `entry` as unknown in `table`; returns the key suggested in
    /// its place, if any.
    pub fn unknown(
        &mut self,
        entry: &TableEntry<'_>,
        kind: TableKind,
        table: TableId,
    ) -> Option<&'static str> {
        self.unknown_key(entry, kind, table, kind.keys().iter().map(|k| k.name));
        let suggestion = self.diagnostics.last()?.suggestion.as_ref()?;
        kind.key(&suggestion.replacement).map(|spec| spec.name)
    }

    /// Reports `entry` as unknown in `table`, suggesting the nearest of
    /// `known` that `table` does not set yet (renaming to a key that is
    /// already there would define it twice, and the file would no longer
    /// parse).
    pub fn unknown_key<'a>(
        &mut self,
        entry: &TableEntry<'_>,
        kind: TableKind,
        table: TableId,
        known: impl IntoIterator<Item = &'a str>,
    ) {
        let name = &entry.key.name;
        let place = match (kind, self.config_file) {
            (TableKind::Root, _) | (TableKind::Lint, true) => "at the top level".to_string(),
            (_, true) => format!("in {}", kind.header().replacen("lint.", "", 1)),
            (_, false) => format!("in {}", kind.header()),
        };
        let mut message = format!("unknown key `{name}` {place}");
        let mut diagnostic = Diagnostic::new(Rule::UnknownKey, entry.key.span, String::new());
        let tables = self.tables;
        let free = |key: &&str| match tables.get(table, key) {
            None => true,
            // `[[goal]]` renamed to `[[goals]]` joins the array: fine.
            Some(existing) => matches!(
                (&existing.node, &entry.node),
                (Node::ArrayOfTables(_), Node::ArrayOfTables(_))
            ),
        };
        let unset = known.into_iter().filter(free);
        match nearest(name, unset) {
            Some(suggestion) => {
                message.push_str(&format!("; did you mean `{suggestion}`?"));
                diagnostic = diagnostic.with_suggestion(entry.key.span, suggestion);
            }
            None => message.push_str("; remove it, or check the spelling against the format"),
        }
        diagnostic.message = message.into();
        self.diagnostics.push(diagnostic);
    }

    fn invalid(&mut self, span: Span, message: String) {
        self.diagnostics
            .push(Diagnostic::new(Rule::InvalidValue, span, message));
    }

    /// The scalar or array of `entry`, or a diagnostic if it is a table.
    fn value<'t>(&mut self, entry: &TableEntry<'t>) -> Option<&'t Value> {
        let name = &entry.key.name;
        match entry.node {
            Node::Value(value) => Some(value),
            Node::Table(_) | Node::ArrayOfTables(_) => {
                self.invalid(
                    entry.key.span,
                    format!("`{name}` must be a value, not a table"),
                );
                None
            }
        }
    }

    /// Reads the value of `entry` (a key of the table being read) with
    /// `read`, which gets the key's name for its messages.
    fn field<T>(
        &mut self,
        entry: &TableEntry<'_>,
        read: impl FnOnce(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Field<T>> {
        let value = self.value(entry)?;
        let read = read(self, value, &entry.key.name)?;
        Some(Field {
            value: read,
            span: value.span,
            key_span: entry.key.span,
        })
    }

    fn wrong_type(&mut self, name: &str, expected: &str, value: &Value) {
        if value.kind == ValueKind::Invalid {
            // Already a syntax error; one report is enough.
            return;
        }
        self.invalid(
            value.span,
            format!(
                "`{name}` must be {expected}, found {}",
                value.kind.type_name()
            ),
        );
    }

    pub fn string(&mut self, entry: &TableEntry<'_>) -> Option<Field<CompactString>> {
        self.field(entry, |reader, value, name| {
            match view(value, reader.text) {
                View::String(text) => Some(CompactString::from(text)),
                _ => {
                    reader.wrong_type(name, "a string in quotes", value);
                    None
                }
            }
        })
    }

    pub fn date(&mut self, entry: &TableEntry<'_>) -> Option<Field<NaiveDate>> {
        self.field(entry, |reader, value, name| match view(value, reader.text) {
            View::Datetime(raw) => {
                if let Some(date) = parse_date(raw) {
                    return Some(date);
                }
                let message = if raw.len() > 10 && raw.get(..10).is_some_and(date_shaped) {
                    format!("`{name}` must be a date like 2026-12-31, without a time or offset; found `{raw}`")
                } else if date_shaped(raw) {
                    format!("`{raw}` is not a date in the calendar (the month must be 01-12 and the day exist in it)")
                } else {
                    format!("`{raw}` is not a complete date: write it as YYYY-MM-DD, e.g. 2026-12-31")
                };
                reader.invalid(value.span, message);
                None
            }
            View::String(text) if let Some(date) = parse_date(text) => {
                let diagnostic = Diagnostic::new(
                    Rule::InvalidValue,
                    value.span,
                    format!("`{name}` must be a TOML date, written without quotes: {}", text.trim()),
                )
                .with_rewrite(value.span, text.trim());
                reader.diagnostics.push(diagnostic);
                // Reported, and read for what it plainly says: the other
                // checks judge the date as the fix will write it.
                Some(date)
            }
            _ => {
                reader.wrong_type(name, "a date like 2026-12-31", value);
                None
            }
        })
    }

    pub fn boolean(&mut self, entry: &TableEntry<'_>) -> Option<Field<bool>> {
        self.field(entry, |reader, value, name| {
            match view(value, reader.text) {
                View::Boolean(flag) => Some(flag),
                _ => {
                    reader.wrong_type(name, "true or false (without quotes)", value);
                    None
                }
            }
        })
    }

    pub fn number(&mut self, entry: &TableEntry<'_>) -> Option<Field<f64>> {
        self.field(entry, |reader, value, name| {
            match view(value, reader.text) {
                View::Integer(n) => Some(n as f64),
                View::Float(x) if x.is_finite() => Some(x),
                View::String(text)
                    if let Some(number) =
                        text.trim().parse::<f64>().ok().filter(|x| x.is_finite()) =>
                {
                    let diagnostic = Diagnostic::new(
                        Rule::InvalidValue,
                        value.span,
                        format!(
                            "`{name}` must be a number, written without quotes: {}",
                            text.trim()
                        ),
                    )
                    .with_rewrite(value.span, text.trim());
                    reader.diagnostics.push(diagnostic);
                    // Read as the number the fix will write.
                    Some(number)
                }
                _ => {
                    reader.wrong_type(name, "a finite number", value);
                    None
                }
            }
        })
    }

    /// An integer in `range`, described as `what` in the message.
    pub fn integer_in(
        &mut self,
        entry: &TableEntry<'_>,
        range: std::ops::RangeInclusive<i64>,
        what: &str,
    ) -> Option<Field<i64>> {
        self.field(entry, |reader, value, name| {
            match view(value, reader.text) {
                View::Integer(n) if range.contains(&n) => Some(n),
                View::Integer(n) => {
                    reader.invalid(
                        value.span,
                        format!("`{name}` is {what}; {n} is out of range"),
                    );
                    None
                }
                _ => {
                    reader.wrong_type(name, &format!("an integer ({what})"), value);
                    None
                }
            }
        })
    }

    pub fn list(&mut self, entry: &TableEntry<'_>) -> Option<List> {
        self.field(entry, |reader, value, name| {
            match view(value, reader.text) {
                View::Array(items) => Some({
                    // Sized for the items: collected from a filter, a
                    // vector has room for four, and lists are many.
                    let mut list = Vec::with_capacity(items.len());
                    list.extend(reader.tables.tree().items(items).iter().filter_map(|item| {
                        match view(item, reader.text) {
                            View::String(text) => Some(Field {
                                value: CompactString::from(text),
                                span: item.span,
                                key_span: item.span,
                            }),
                            _ => {
                                reader.wrong_type(
                                    &format!("each item of `{name}`"),
                                    "a string",
                                    item,
                                );
                                None
                            }
                        }
                    }));
                    list
                }),
                View::String(text) => {
                    let quoted = format!("[{}]", quote(text));
                    let diagnostic = Diagnostic::new(
                        Rule::InvalidValue,
                        value.span,
                        format!("`{name}` must be a list of strings: write {quoted}"),
                    )
                    .with_rewrite(value.span, quoted);
                    reader.diagnostics.push(diagnostic);
                    // Read as the one-item list the fix will write.
                    Some(vec![Field {
                        value: CompactString::from(text),
                        span: value.span,
                        key_span: value.span,
                    }])
                }
                _ => {
                    reader.wrong_type(name, "a list of strings like [\"a\", \"b\"]", value);
                    None
                }
            }
        })
    }

    /// A status. A recognisable variant (`In Progress`, `🚀 wip`,
    /// `finished`) is read as the status it stands for and reported as
    /// nonstandard; any other word is reported as unknown and kept as
    /// `Some(None)`, so checks know a status was written.
    pub fn status(&mut self, entry: &TableEntry<'_>) -> Option<Field<Option<Status>>> {
        self.field(entry, |reader, value, _| match view(value, reader.text) {
            View::String(text) => {
                if let Some(status) = Status::parse(text) {
                    return Some(Some(status));
                }
                let words = Status::ALL.map(|s| s.as_str()).join(", ");
                if let Some(status) = Status::variant(text) {
                    let diagnostic = Diagnostic::new(
                        Rule::NonstandardStatus,
                        value.span,
                        format!("status \"{text}\" means \"{status}\", written another way: write \"{status}\" (a status is one of {words})"),
                    )
                    .with_rewrite(value.span, quote(status.as_str()));
                    reader.diagnostics.push(diagnostic);
                    return Some(Some(status));
                }
                let mut diagnostic = Diagnostic::new(Rule::UnknownStatus, value.span, String::new());
                diagnostic.message = match Status::nearest(text) {
                    Some(status) => {
                        diagnostic = diagnostic.with_suggestion(value.span, quote(status.as_str()));
                        format!("unknown status \"{text}\"; did you mean \"{status}\"? A status is one of {words}")
                    }
                    None => format!("unknown status \"{text}\": a status is one of {words}; pick the one that says where the work stands"),
                }
                .into();
                reader.diagnostics.push(diagnostic);
                Some(None)
            }
            _ => {
                reader.wrong_type("status", "a string: todo, in-progress, blocked, done or dropped", value);
                None
            }
        })
    }

    pub fn period(&mut self, entry: &TableEntry<'_>) -> Option<Field<Period>> {
        self.field(entry, |reader, value, name| match view(value, reader.text) {
            View::String(text) => match Period::parse(text) {
                Some(period) => Some(period),
                None => {
                    reader.invalid(
                        value.span,
                        format!("`{name}` must be a period like \"2 weeks\", \"1 month\" or \"1 quarter\"; found \"{text}\""),
                    );
                    None
                }
            },
            _ => {
                reader.wrong_type(name, "a period in quotes, like \"1 month\"", value);
                None
            }
        })
    }

    /// One word of a vocabulary table (a role, a skill kind). Another
    /// word is an invalid value, with the word it stands for (`Mentor`,
    /// `boss`) or the nearest by spelling as the fix, never the opposite
    /// of what was written.
    pub fn term<T: Copy + PartialEq>(
        &mut self,
        entry: &TableEntry<'_>,
        terms: &'static [Term<T>],
    ) -> Option<Field<T>> {
        self.field(entry, |reader, value, name| {
            let words: Vec<&str> = terms.iter().map(|t| t.word).collect();
            match view(value, reader.text) {
                View::String(text) => {
                    if let Some(term) = vocabulary::find(terms, text) {
                        return Some(term.value);
                    }
                    let mut diagnostic = Diagnostic::new(
                        Rule::InvalidValue,
                        value.span,
                        format!(
                            "`{name}` must be one of {}; found \"{text}\"",
                            words.join(", ")
                        ),
                    );
                    // A variant names the word; the nearest word is a guess.
                    let variant = vocabulary::variant(terms, text);
                    let meant = variant
                        .or_else(|| vocabulary::named_in(terms, text))
                        .or_else(|| vocabulary::nearest(terms, text))
                        .map(|value| vocabulary::word_of(terms, value));
                    if let Some(suggestion) = meant {
                        diagnostic.append(&format!("; did you mean \"{suggestion}\"?"));
                        diagnostic = if variant.is_some() {
                            diagnostic.with_rewrite(value.span, quote(suggestion))
                        } else {
                            diagnostic.with_suggestion(value.span, quote(suggestion))
                        };
                    }
                    reader.diagnostics.push(diagnostic);
                    None
                }
                _ => {
                    reader.wrong_type(name, &format!("one of {}", words.join(", ")), value);
                    None
                }
            }
        })
    }

    /// A sub-table (`[goals.metric]` or an inline table).
    pub fn table(&mut self, entry: &TableEntry<'_>, kind: TableKind) -> Option<TableId> {
        match entry.node {
            Node::Table(inner) => Some(inner),
            _ => {
                self.invalid(
                    entry.key.span,
                    format!(
                        "`{}` must be a table: write it as {}",
                        entry.key.name,
                        kind.header()
                    ),
                );
                None
            }
        }
    }

    /// An array of tables (`[[goals]]`). A single `[goals]` table is read
    /// as one element, and reported, so its contents are still checked.
    pub fn tables(&mut self, entry: &TableEntry<'_>, kind: TableKind) -> Elements<'d, 'd> {
        let name = &entry.key.name;
        match entry.node {
            Node::ArrayOfTables(array) => self.tables.elements(array),
            Node::Table(inner) => {
                let diagnostic = Diagnostic::new(
                    Rule::InvalidValue,
                    self.tables.span(inner),
                    format!(
                        "`{name}` is a list: write its header with double brackets, {}",
                        kind.header()
                    ),
                );
                self.diagnostics.push(diagnostic);
                self.tables.single(inner)
            }
            Node::Value(value) => {
                self.wrong_type(
                    name,
                    &format!("a list of tables, written {}", kind.header()),
                    value,
                );
                Elements::empty(self.tables)
            }
        }
    }
}

/// `NNNN-NN-NN`: the shape of a date, whether or not the day exists.
fn date_shaped(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// A TOML basic string for `text`.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
