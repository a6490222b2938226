//! What the model could not read, and where it may be: each syntax error,
//! wrong value and misspelt key is traced to the key it sits on, so that
//! exactly that key, and no other, counts as "written, not readable".

use smallvec::SmallVec;

use super::Roadmap;
use super::schema::{TableKind, nearest};
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::span::Span;
use crate::syntax::SyntaxTree;
use crate::syntax::cursor::{Node, cursor};

/// The keys of one table that may hold a value the model could not read:
/// a wrong value, a line still being typed (a syntax error), or a key
/// misspelt as something else. What is written there is unknown, not
/// missing, so the checks of what a table lacks leave these keys alone,
/// and only those: the table's other keys are judged as usual.
#[derive(Clone, Debug, Default, Eq)]
pub struct Unread {
    /// A broken line whose key cannot be told: any key may be on it.
    any: bool,
    keys: SmallVec<[&'static str; 2]>,
}

/// Equal when they may hold the same keys, in whatever order they were
/// found (a file read block by block finds them in another order).
impl PartialEq for Unread {
    fn eq(&self, other: &Unread) -> bool {
        self.any == other.any
            && self.keys.len() == other.keys.len()
            && self.keys.iter().all(|key| other.keys.contains(key))
    }
}

impl Unread {
    /// Everything `other` may hold, too.
    pub(crate) fn merge(&mut self, other: &Unread) {
        self.any |= other.any;
        for key in &other.keys {
            self.insert(key);
        }
    }

    /// Whether `key` may be written in the table, unreadably.
    pub fn may_hold(&self, key: &str) -> bool {
        self.any || self.keys.contains(&key)
    }

    pub fn is_empty(&self) -> bool {
        !self.any && self.keys.is_empty()
    }

    /// Whether a broken line could hold any key at all.
    pub fn any(&self) -> bool {
        self.any
    }

    /// The keys named, in the order they were found.
    pub fn keys(&self) -> &[&'static str] {
        &self.keys
    }

    pub(crate) fn insert(&mut self, key: &'static str) {
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
    }

    pub(crate) fn insert_any(&mut self) {
        self.any = true;
    }
}

/// What a problem found reading the file leaves unknown: one key (or,
/// typed half-way, the keys it may become), or any key of the table.
enum Place {
    Keys(Vec<&'static str>),
    Any,
    /// Nothing a check reads: trailing text after a complete value.
    Nothing,
}

/// Records, on the table each one is in, the keys that the syntax errors,
/// invalid values and misspelt keys among `diagnostics` leave unread.
/// `text` is the text `tree` was parsed from.
pub(crate) fn mark(
    text: &str,
    tree: &SyntaxTree,
    roadmap: &mut Roadmap,
    diagnostics: &[Diagnostic],
) {
    for diagnostic in diagnostics {
        let renamed = match diagnostic.rule {
            Rule::SyntaxError | Rule::InvalidValue => None,
            // `ownr = "me"`: the owner is written, under a misspelt key.
            Rule::UnknownKey => match &diagnostic.suggestion {
                Some(suggestion) => Some(suggestion.replacement.as_str()),
                None => continue,
            },
            _ => continue,
        };
        // An empty span points at the end of what came before it: a key
        // with no value found at the next header is the previous table's.
        let offset = match diagnostic.span.is_empty() {
            true => diagnostic.span.start().saturating_sub(1),
            false => diagnostic.span.start(),
        };
        let Some((path, place)) = locate(text, tree, offset, renamed) else {
            continue;
        };
        record(roadmap, &path, offset, place);
    }
}

/// The logical table path at `offset` and what is unknown in that table.
fn locate<'t>(
    text: &str,
    tree: &'t SyntaxTree,
    offset: usize,
    renamed: Option<&str>,
) -> Option<(Vec<&'t str>, Place)> {
    let at = cursor(tree, offset)?;
    let mut path = at.table_path.clone();
    let (name, half_typed) = match at.node {
        Node::Header(header) => {
            let segments = &header.key.segments;
            let index = segments
                .iter()
                .position(|s| s.span.start() <= offset && offset <= s.span.end())
                .unwrap_or(segments.len().saturating_sub(1));
            path = segments[..index].iter().map(|s| s.name.as_str()).collect();
            let name = segments.get(index)?.name.as_str();
            (name, true)
        }
        Node::Key { entry, segment } => {
            let name = entry.key.segments.get(segment)?.name.as_str();
            (name, entry.value.is_none())
        }
        Node::Value { entry, .. } => (entry.key.segments.last()?.name.as_str(), false),
        Node::AfterKey { entry } => (entry.key.segments.last()?.name.as_str(), true),
        Node::Blank => {
            // Text after a complete `key = value` on the same line is not
            // a key; a line with no entry at all may be any.
            let line = line_of(text, offset);
            let on_line = at.entries.iter().any(|entry| {
                line.start() <= entry.span.start() && entry.span.start() <= line.end()
            });
            let place = if on_line { Place::Nothing } else { Place::Any };
            return Some((path, place));
        }
    };
    let kind = TableKind::at_path(path.iter().copied())?;
    let name = renamed.unwrap_or(name);
    let mut keys: Vec<&'static str> = Vec::new();
    if let Some(spec) = kind.key(name) {
        keys.push(spec.name);
    } else if half_typed && !name.is_empty() {
        // `dead` may become `deadline`: whatever it may become is unknown.
        keys.extend(
            kind.keys()
                .iter()
                .map(|spec| spec.name)
                .filter(|known| known.starts_with(name)),
        );
        if let Some(near) = nearest(name, kind.keys().iter().map(|spec| spec.name))
            && let Some(spec) = kind.key(near)
            && !keys.contains(&spec.name)
        {
            keys.push(spec.name);
        }
    }
    Some((path, Place::Keys(keys)))
}

/// The line holding `offset`, without its line break.
fn line_of(text: &str, offset: usize) -> Span {
    Span::new(
        crate::line_index::line_start(text, offset),
        crate::line_index::line_end(text, offset),
    )
}

/// Marks `place` on the table `path` names at `offset`.
fn record(roadmap: &mut Roadmap, path: &[&str], offset: usize, place: Place) {
    let unread: Option<(&mut Unread, Vec<&str>)> = match path {
        [] => Some((&mut roadmap.unread, Vec::new())),
        ["roadmap"] => roadmap.meta.as_mut().map(|meta| {
            let read = meta.read_keys();
            (&mut meta.unread, read)
        }),
        ["people"] => last_before(&mut roadmap.people, offset, |p| p.header).map(|person| {
            let read = person.read_keys();
            (&mut person.unread, read)
        }),
        ["goals", rest @ ..] => {
            let Some(goal) = last_before(&mut roadmap.goals, offset, |g| g.header) else {
                return;
            };
            match rest {
                [] => {
                    let read = goal.read_keys();
                    Some((&mut goal.unread, read))
                }
                ["metric"] => match &mut goal.metric {
                    Some(metric) => {
                        let read = metric.read_keys();
                        Some((&mut metric.unread, read))
                    }
                    None => {
                        goal.unread.insert("metric");
                        return;
                    }
                },
                ["actions"] => {
                    let goal_unread = &mut goal.unread;
                    match last_before(&mut goal.actions, offset, |a| a.header) {
                        Some(action) => {
                            let read = action.read_keys();
                            Some((&mut action.unread, read))
                        }
                        None => {
                            goal_unread.insert("actions");
                            return;
                        }
                    }
                }
                _ => None,
            }
        }
        _ => None,
    };
    let Some((unread, read)) = unread else { return };
    match place {
        // A value reported but read all the same (a date in quotes) is not
        // unknown: only keys the model holds no value for are.
        Place::Keys(keys) => keys
            .into_iter()
            .filter(|key| !read.contains(key))
            .for_each(|key| unread.insert(key)),
        Place::Any => unread.insert_any(),
        Place::Nothing => {}
    }
}

/// The last item whose table starts at or before `offset`: the one a
/// problem at `offset` is in, items being in file order.
fn last_before<T>(items: &mut [T], offset: usize, header: impl Fn(&T) -> Span) -> Option<&mut T> {
    let index = items.partition_point(|item| header(item).start() <= offset);
    index.checked_sub(1).and_then(|i| items.get_mut(i))
}
