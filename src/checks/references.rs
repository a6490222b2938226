//! Ids and what refers to them: duplicate-id, unknown-reference,
//! dependency-cycle.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::{Field, Goal};
use crate::rules::Rule;
use crate::suggest::Suggestions;

pub(super) fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let roadmap = context.roadmap;
    let goal_ids = first_definitions(roadmap.goals.iter().map(|g| g.id.as_ref()), "goal", out);
    let skill_ids = first_definitions(roadmap.skills.iter().map(|s| s.id.as_ref()), "skill", out);

    let mut goal_index = Known::new(&goal_ids, "goal", context.memo);
    let mut skill_index = Known::new(&skill_ids, "skill", context.memo);
    for goal in &roadmap.goals {
        // A goal waiting on itself is a cycle, not a fix.
        let own = goal.id.as_ref().map(|id| id.value.as_str());
        for reference in goal.depends_on.iter().flat_map(|list| &list.value) {
            goal_index.check(reference, "`depends_on`", own, out);
        }
        for reference in goal.skills.iter().flat_map(|list| &list.value) {
            skill_index.check(reference, "`skills`", None, out);
        }
    }
    for win in &roadmap.wins {
        if let Some(reference) = &win.goal {
            goal_index.check(reference, "this win's `goal`", None, out);
        }
    }
    dependency_cycles(&roadmap.goals, &goal_ids, out);
    let goals = &roadmap.goals;
    super::schedule::dependency_after_deadline(
        goals,
        |id| goal_ids.get(id).and_then(|(index, _)| goals.get(*index)),
        out,
    );
}

/// Maps each id to the index of its first definition, reporting repeats.
fn first_definitions<'a>(
    ids: impl Iterator<Item = Option<&'a Field<CompactString>>>,
    what: &str,
    out: &mut Vec<Diagnostic>,
) -> Ids<'a> {
    // Sized for every id at once: growing it rehashed every key a few times.
    let mut seen: Ids = FxHashMap::with_capacity_and_hasher(ids.size_hint().0, Default::default());
    for (index, id) in ids.enumerate() {
        let Some(id) = id else { continue };
        match seen.get(id.value.as_str()) {
            Some((_, first)) => out.push(
                Diagnostic::new(
                    Rule::DuplicateId,
                    id.span,
                    format!(
                        "another {what} already has the id \"{}\"; ids must be unique, so rename one of them",
                        id.value
                    ),
                )
                .with_related(first.span, format!("the first {what} with this id")),
            ),
            None => {
                seen.insert(&id.value, (index, id));
            }
        }
    }
    seen
}

/// Fx, not SipHash: ids are looked up tens of thousands of times per
/// check, and a roadmap is not an attacker.
type Ids<'a> = FxHashMap<&'a str, (usize, &'a Field<CompactString>)>;

/// Did-you-mean answers for references to no id, valid while the ids
/// they were chosen from stay the same: after an edit, finding the nearest
/// of 10,000 ids again for each of hundreds of references costs more than
/// everything else the edit needs.
#[derive(Debug, Default)]
pub struct Memo {
    answers: RefCell<HashMap<(&'static str, CompactString), Answer>>,
}

#[derive(Debug)]
struct Answer {
    /// [`fingerprint`] of the ids the answer was chosen from.
    ids: u64,
    nearest: Option<CompactString>,
}

/// The same for the same set of ids, in any order.
fn fingerprint(ids: &Ids) -> u64 {
    ids.keys().fold(ids.len() as u64, |sum, id| {
        let mut hasher = rustc_hash::FxHasher::default();
        id.hash(&mut hasher);
        sum.wrapping_add(hasher.finish())
    })
}

/// The ids of one kind, and the suggestions for references to none of them,
/// prepared the first time one is needed (most roadmaps never need them).
struct Known<'i, 'a> {
    ids: &'i Ids<'a>,
    what: &'static str,
    suggestions: Option<Suggestions<'a>>,
    memo: Option<(&'i Memo, u64)>,
}

impl<'i, 'a> Known<'i, 'a> {
    fn new(ids: &'i Ids<'a>, what: &'static str, memo: Option<&'i Memo>) -> Self {
        Known {
            ids,
            what,
            suggestions: None,
            memo: memo.map(|memo| (memo, fingerprint(ids))),
        }
    }

    fn nearest(&mut self, typed: &str) -> Option<CompactString> {
        let key = (self.what, CompactString::from(typed));
        if let Some((memo, ids)) = self.memo
            && let Some(answer) = memo.answers.borrow().get(&key)
            && answer.ids == ids
        {
            return answer.nearest.clone();
        }
        let all = self.ids;
        let nearest = self
            .suggestions
            .get_or_insert_with(|| Suggestions::new(all.keys().copied()))
            .nearest(typed)
            .map(CompactString::from);
        if let Some((memo, ids)) = self.memo {
            let answer = Answer {
                ids,
                nearest: nearest.clone(),
            };
            memo.answers.borrow_mut().insert(key, answer);
        }
        nearest
    }

    /// Reports `reference` if it names no id; the did-you-mean is never
    /// `not` (the id of the goal that holds the reference).
    fn check(
        &mut self,
        reference: &Field<CompactString>,
        place: &str,
        not: Option<&str>,
        out: &mut Vec<Diagnostic>,
    ) {
        if self.ids.contains_key(reference.value.as_str()) {
            return;
        }
        let what = self.what;
        let mut diagnostic = Diagnostic::new(
            Rule::UnknownReference,
            reference.span,
            format!(
                "{place} names \"{}\", but no {what} has that id",
                reference.value
            ),
        );
        match self
            .nearest(&reference.value)
            .filter(|near| Some(near.as_str()) != not)
        {
            Some(near) => {
                diagnostic.append(&format!("; did you mean \"{near}\"?"));
                diagnostic =
                    diagnostic.with_suggestion(reference.span, crate::model::read::quote(&near));
            }
            None => diagnostic.append(&format!("; add that {what}, or remove the reference")),
        }
        out.push(diagnostic);
    }
}

/// From each goal to the goals it depends on, with the reference that
/// makes the edge: all in one vector, not an allocation per goal on every
/// check.
struct Edges<'a> {
    /// Where each goal's edges start in `targets`; one more at the end.
    starts: Vec<usize>,
    targets: Vec<(usize, &'a Field<CompactString>)>,
}

impl<'a> Edges<'a> {
    fn new(goals: &'a [Goal], ids: &Ids) -> Edges<'a> {
        let mut starts = Vec::with_capacity(goals.len() + 1);
        let mut targets = Vec::new();
        for goal in goals {
            starts.push(targets.len());
            targets.extend(
                goal.depends_on
                    .iter()
                    .flat_map(|list| &list.value)
                    .filter_map(|reference| {
                        ids.get(reference.value.as_str())
                            .map(|(target, _)| (*target, reference))
                    }),
            );
        }
        starts.push(targets.len());
        Edges { starts, targets }
    }

    fn nodes(&self) -> usize {
        self.starts.len() - 1
    }

    fn from(&self, node: usize) -> &[(usize, &'a Field<CompactString>)] {
        match (self.starts.get(node), self.starts.get(node + 1)) {
            (Some(&start), Some(&end)) => &self.targets[start..end],
            _ => &[],
        }
    }
}

/// Finds every cycle through Tarjan's strongly connected components and
/// reports each once, on the first member in file order.
fn dependency_cycles(goals: &[Goal], ids: &Ids, out: &mut Vec<Diagnostic>) {
    // Edges go from a goal to the goals it depends on, with the span of
    // the reference that makes the edge.
    let edges = Edges::new(goals, ids);
    for component in strongly_connected(&edges) {
        let first = component[0];
        let self_loop = edges.from(first).iter().any(|(target, _)| *target == first);
        if component.len() == 1 && !self_loop {
            continue;
        }
        let cycle = cycle_through(first, &component, &edges);
        let names: Vec<String> = cycle
            .iter()
            .chain(std::iter::once(&first))
            .map(|&index| goal_name(&goals[index]))
            .collect();
        let reference = edges
            .from(first)
            .iter()
            .find(|(target, _)| component.contains(target))
            .map(|(_, reference)| reference.span)
            .unwrap_or(goals[first].header);
        let mut diagnostic = Diagnostic::new(
            Rule::DependencyCycle,
            reference,
            format!(
                "these goals depend on each other in a cycle, so none can start: {}; remove one dependency to break it",
                names.join(" → ")
            ),
        );
        for window in cycle
            .windows(2)
            .chain(std::iter::once(&[cycle[cycle.len() - 1], first][..]))
        {
            let (from, to) = (window[0], window[1]);
            if let Some((_, reference)) = edges.from(from).iter().find(|(target, _)| *target == to)
            {
                diagnostic = diagnostic.with_related(
                    reference.span,
                    format!(
                        "{} depends on {}",
                        goal_name(&goals[from]),
                        goal_name(&goals[to])
                    ),
                );
            }
        }
        out.push(diagnostic);
    }
}

fn goal_name(goal: &Goal) -> String {
    goal.id
        .as_ref()
        .map_or_else(|| goal.label(), |id| id.value.to_string())
}

/// A simple cycle from `start` back to it, inside `component`.
fn cycle_through(start: usize, component: &[usize], edges: &Edges) -> Vec<usize> {
    // Breadth-first from start's successors back to start gives the
    // shortest cycle, which is the clearest one to name.
    let mut previous: HashMap<usize, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &(next, _) in edges.from(node) {
            if !component.contains(&next) {
                continue;
            }
            if next == start {
                let mut path = vec![node];
                let mut at = node;
                while at != start {
                    match previous.get(&at) {
                        Some(&before) => at = before,
                        None => break,
                    }
                    path.push(at);
                }
                path.reverse();
                path.dedup();
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = previous.entry(next) {
                slot.insert(node);
                queue.push_back(next);
            }
        }
    }
    vec![start]
}

/// Tarjan's algorithm, iterative so deep chains cannot overflow the stack.
/// Components come back with members sorted, in order of first member.
fn strongly_connected(edges: &Edges) -> Vec<Vec<usize>> {
    let n = edges.nodes();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut counter = 0;
    // Reused from root to root: a roadmap has thousands of goals.
    let mut work: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        work.push((root, 0));
        while let Some(&(node, next_edge)) = work.last() {
            if next_edge == 0 && index[node] == usize::MAX {
                index[node] = counter;
                low[node] = counter;
                counter += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&(target, _)) = edges.from(node).get(next_edge) {
                if let Some(frame) = work.last_mut() {
                    frame.1 += 1;
                }
                if index[target] == usize::MAX {
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                // A goal alone is a cycle only through itself: most are
                // neither, and are not collected.
                if stack.last() == Some(&node)
                    && !edges.from(node).iter().any(|(target, _)| *target == node)
                {
                    stack.pop();
                    on_stack[node] = false;
                    continue;
                }
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
        }
    }
    components.sort_by_key(|c| c[0]);
    components
}
