//! The canonical order of keys inside a table: the order in which the
//! format's key table ([`TableKind::keys`]) lists them, which is the order
//! of the specification's example. Nothing here lists keys again.

use std::cmp::Ordering;

use crate::model::schema::TableKind;
use crate::syntax::KeySegment;

/// A key's place along its dotted path: its index in each table's key
/// list, [`UNKNOWN`] for a segment its table does not list. Compared
/// lexicographically, so `metric.target` sorts with `metric`, and inside
/// it by the metric's own order.
pub(super) type Rank = Vec<usize>;

/// A segment the table does not list: after every listed one.
const UNKNOWN: usize = usize::MAX;

/// The rank of a (possibly dotted) key in a table of `kind`; `None` when
/// its first segment is not a key of that table (or the table is unknown).
pub(super) fn rank(kind: Option<TableKind>, segments: &[KeySegment]) -> Option<Rank> {
    let mut kind = kind;
    let mut rank = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        let position = kind.and_then(|kind| {
            kind.keys()
                .iter()
                .position(|spec| spec.name == segment.name)
        });
        match position {
            Some(position) => rank.push(position),
            None if i == 0 => return None,
            None => rank.push(UNKNOWN),
        }
        kind = kind.and_then(|kind| kind.child(&segment.name));
    }
    Some(rank)
}

/// The order in which to write `keys` (indices into it), given as the
/// segments of each key in source order.
///
/// Known keys go in canonical order. A key the table does not know stays
/// right after the known key written above it (a typo such as `urgnet`,
/// or a key of the user's own, stays where they put it), and unknown keys
/// above every known one stay first. Ties keep their written order, so
/// sorting sorted keys changes nothing.
pub(super) fn canonical<'k>(
    kind: Option<TableKind>,
    keys: impl IntoIterator<Item = &'k [KeySegment]>,
) -> Vec<usize> {
    let mut anchor: Rank = Vec::new();
    let mut sort_keys: Vec<(Rank, bool, usize)> = Vec::new();
    for (index, segments) in keys.into_iter().enumerate() {
        match rank(kind, segments) {
            Some(rank) => {
                anchor.clone_from(&rank);
                sort_keys.push((rank, false, index));
            }
            None => sort_keys.push((anchor.clone(), true, index)),
        }
    }
    sort_keys.sort_by(compare);
    sort_keys.into_iter().map(|(_, _, index)| index).collect()
}

fn compare(a: &(Rank, bool, usize), b: &(Rank, bool, usize)) -> Ordering {
    a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn keys(dotted: &[&str]) -> Vec<Vec<KeySegment>> {
        dotted
            .iter()
            .map(|key| {
                key.split('.')
                    .map(|name| KeySegment::new(name.into(), Span::empty(0)))
                    .collect()
            })
            .collect()
    }

    fn order(kind: Option<TableKind>, dotted: &[&str]) -> Vec<String> {
        let keys = keys(dotted);
        canonical(kind, keys.iter().map(Vec::as_slice))
            .into_iter()
            .map(|i| dotted[i].to_string())
            .collect()
    }

    #[test]
    fn known_keys_follow_the_format() {
        assert_eq!(
            order(
                Some(TableKind::Goal),
                &["status", "deadline", "title", "id", "depends_on", "why"]
            ),
            ["id", "title", "why", "deadline", "status", "depends_on"]
        );
        assert_eq!(
            order(Some(TableKind::Action), &["owner", "status", "due", "task"]),
            ["task", "due", "status", "owner"]
        );
    }

    #[test]
    fn unknown_keys_stay_below_the_key_written_above_them() {
        assert_eq!(
            order(
                Some(TableKind::Goal),
                &["jira", "status", "urgnet", "id", "title", "my-note"]
            ),
            ["jira", "id", "title", "my-note", "status", "urgnet"]
        );
    }

    #[test]
    fn dotted_keys_sort_by_their_path() {
        assert_eq!(
            order(
                Some(TableKind::Goal),
                &[
                    "metric.target",
                    "id",
                    "metric.unit",
                    "metric.extra",
                    "status"
                ]
            ),
            [
                "id",
                "status",
                "metric.unit",
                "metric.target",
                "metric.extra"
            ]
        );
    }

    #[test]
    fn tables_the_format_does_not_know_keep_their_order() {
        assert_eq!(order(None, &["b", "a", "c"]), ["b", "a", "c"]);
        assert_eq!(
            order(Some(TableKind::LintRules), &["overdue", "vague-goal"]),
            ["overdue", "vague-goal"]
        );
    }

    #[test]
    fn sorting_is_idempotent() {
        let written = [
            "urgnet", "status", "x", "id", "metric.a", "title", "metric.b", "y",
        ];
        let once = order(Some(TableKind::Goal), &written);
        let once: Vec<&str> = once.iter().map(String::as_str).collect();
        assert_eq!(order(Some(TableKind::Goal), &once), once);
    }
}
