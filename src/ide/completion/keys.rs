//! Keys the table does not set yet, and table headers with a skeleton of
//! their keys.

use super::*;

impl Ctx<'_> {
    /// Keys of the cursor's table that it does not set yet. `snippet`: the
    /// line has no `=` yet, so insert `key = value` with placeholders.
    pub(super) fn keys(
        &self,
        cursor: &locate::Cursor<'_>,
        typing: Option<&Entry>,
        span: Span,
        snippet: bool,
        out: &mut Vec<Completion>,
    ) {
        let Some(table) = cursor.table_kind() else {
            return;
        };
        let set = keys_set(cursor.section, cursor.entries, &cursor.table_path, typing);
        if table == TableKind::LintRules {
            for rule in Rule::ALL {
                let code = rule.code();
                if set.contains(&code) {
                    continue;
                }
                let (text, snip) = if snippet {
                    (
                        format!("{code} = \"off\""),
                        Some(format!("{code} = \"${{1|off,hint,info,warning,error|}}\"")),
                    )
                } else {
                    (code.to_string(), None)
                };
                out.push(Completion {
                    label: code.to_string(),
                    kind: CompletionKind::Key,
                    detail: Some(format!("rule, default {}", rule.default_severity())),
                    documentation: Some(format!(
                        "{}.\n\n[{code}]({})",
                        capitalise(rule.summary()),
                        rule.docs_url()
                    )),
                    edit: with_snippet(TextEdit::replace(span, text), snip),
                    sort_text: None,
                    filter_text: Some(code.to_string()),
                });
            }
            return;
        }
        for spec in table.keys() {
            if set.contains(&spec.name) || is_table(spec) {
                continue;
            }
            let edit = if snippet {
                let (text, snip) = key_value(spec, 1, self.today());
                TextEdit::replace(span, text).with_snippet(snip)
            } else {
                TextEdit::replace(span, spec.name)
            };
            out.push(Completion {
                label: spec.name.to_string(),
                kind: CompletionKind::Key,
                detail: Some(spec.value.label()),
                documentation: Some(spec.doc.to_string()),
                edit,
                sort_text: None,
                filter_text: Some(spec.name.to_string()),
            });
        }
    }

    /// Headers after `[` / `[[` on the cursor's line.
    pub(super) fn headers(&self, out: &mut Vec<Completion>) {
        let before = self.line_before(self.offset);
        let bracket = self.line.start + (before.len() - before.trim_start().len());
        let typed_brackets = if before.trim_start().starts_with("[[") {
            "[["
        } else {
            "["
        };
        // The rest of the name and closing brackets (often auto-inserted)
        // after the cursor are replaced too.
        let rest = self.text.get(self.offset..self.line.end).unwrap_or("");
        let name_len = rest.find(|c| !is_key_char(c)).unwrap_or(rest.len());
        let closing = rest[name_len..].len() - rest[name_len..].trim_start_matches(']').len();
        let span = Span::new(bracket, self.offset + name_len + closing);
        // A skeleton only for a header with nothing under it yet.
        let tree = &self.analysis.tree;
        let section = tree.sections.get(tree.section_index_at(self.offset));
        let fresh = rest[name_len + closing..].trim().is_empty()
            && section
                .is_none_or(|s| s.span.start() < self.line.start || tree.entries(s).is_empty());
        for (table, doc) in self.header_candidates() {
            let header = table.header();
            out.push(self.header_completion(
                table,
                doc,
                span,
                fresh,
                format!("{typed_brackets}{}", header.trim_start_matches('[')),
            ));
        }
    }

    /// Headers offered where a key could be typed: on a blank line or a
    /// half-typed word at the start of a line, once past the keys of the
    /// section (a header above them would take them into the new table).
    pub(super) fn headers_in_key_position(
        &self,
        entries: &[Entry],
        span: Span,
        out: &mut Vec<Completion>,
    ) {
        if entries.iter().any(|e| e.span.start() > span.end()) {
            return;
        }
        let first = out.len();
        for (table, doc) in self.header_candidates() {
            let name = table.header().trim_matches(['[', ']']).to_string();
            out.push(self.header_completion(table, doc, span, true, name));
        }
        // After the keys, whatever order the client sorts in.
        for (index, completion) in out[first..].iter_mut().enumerate() {
            completion.sort_text = Some(format!("z{index:04}"));
        }
    }

    pub(super) fn header_completion(
        &self,
        table: TableKind,
        doc: &str,
        span: Span,
        skeleton: bool,
        filter: String,
    ) -> Completion {
        let header = table.header();
        let newline = self.line.newline;
        let (mut text, mut snippet) = (header.to_string(), header.to_string());
        if skeleton {
            for (index, name) in skeleton_keys(table).iter().enumerate() {
                let Some(spec) = table.key(name) else {
                    continue;
                };
                let (key_text, key_snippet) = key_value(spec, index + 1, self.today());
                text.push_str(newline);
                text.push_str(&key_text);
                snippet.push_str(newline);
                snippet.push_str(&key_snippet);
            }
        }
        let edit = if snippet == text {
            TextEdit::replace(span, text.clone())
        } else {
            TextEdit::replace(span, text.clone()).with_snippet(snippet)
        };
        Completion {
            label: header.to_string(),
            kind: CompletionKind::Header,
            detail: Some(doc.to_string()),
            documentation: Some(format!("```toml\n{}\n```", text.replace('\r', ""))),
            edit,
            sort_text: None,
            filter_text: Some(filter),
        }
    }

    /// The headers that make sense on the cursor's line, most likely first:
    /// inside a goal its actions and metric (if it has none), then the
    /// repeated tables, then `[roadmap]` and `[lint]` tables not yet there.
    pub(super) fn header_candidates(&self) -> Vec<(TableKind, &'static str)> {
        let tree = &self.analysis.tree;
        let line_start = self.line.start;
        // Headers written elsewhere than on the cursor's line.
        let others: Vec<(usize, Vec<&str>)> = tree
            .sections
            .iter()
            .enumerate()
            .filter_map(|(index, section)| {
                let header = section.header.as_ref()?;
                let on_this_line =
                    header.span.start() >= line_start && header.span.start() <= self.line.end;
                (!on_this_line).then(|| {
                    let path = header.key.segments.iter().map(|s| s.name.as_str());
                    (index, path.collect())
                })
            })
            .collect();
        let exists = |path: &[&str]| others.iter().any(|(_, p)| p == path);
        let doc = |table: TableKind, parent: TableKind, key: &str| {
            (table, parent.key(key).map_or("", |spec| spec.doc))
        };
        let mut candidates = Vec::new();
        if let Some(goal) = enclosing_goal(tree, line_start) {
            candidates.push(doc(TableKind::Action, TableKind::Goal, "actions"));
            if !goal_has_metric(tree, goal, Span::new(line_start, self.line.end)) {
                candidates.push(doc(TableKind::Metric, TableKind::Goal, "metric"));
            }
        }
        for (table, key) in [
            (TableKind::Goal, "goals"),
            (TableKind::Skill, "skills"),
            (TableKind::Review, "reviews"),
            (TableKind::Person, "people"),
            (TableKind::Win, "wins"),
        ] {
            candidates.push(doc(table, TableKind::Root, key));
        }
        if !exists(&["roadmap"]) {
            candidates.push(doc(TableKind::Roadmap, TableKind::Root, "roadmap"));
        }
        let lint_exists = others.iter().any(|(_, p)| p.first() == Some(&"lint"));
        if !lint_exists {
            candidates.push(doc(TableKind::Lint, TableKind::Root, "lint"));
        }
        for (table, key) in [
            (TableKind::LintRules, "rules"),
            (TableKind::LintLimits, "limits"),
            (TableKind::LintVague, "vague"),
            (TableKind::LintFormat, "format"),
        ] {
            if !exists(&["lint", key]) {
                candidates.push(doc(table, TableKind::Lint, key));
            }
        }
        candidates
    }
}

/// The `[[goals]]` section the line at `line_start` belongs to: the last
/// header before it is that goal's or one of its sub-tables'.
pub(super) fn enclosing_goal(tree: &SyntaxTree, line_start: usize) -> Option<usize> {
    let before = tree
        .sections
        .iter()
        .take_while(|s| s.span.start() < line_start)
        .count();
    let mut index = before.checked_sub(1)?;
    loop {
        let header = tree.sections[index].header.as_ref()?;
        let path = &header.key.segments;
        if path.first().map(|s| s.name.as_str()) != Some("goals") {
            return None;
        }
        if path.len() == 1 {
            return Some(index);
        }
        index = index.checked_sub(1)?;
    }
}

/// Whether the goal at section `goal` has a metric: a `metric` key, or a
/// `[goals.metric]` among its sub-tables (a header being typed on the
/// cursor's line, `line`, neither counts nor ends the goal).
pub(super) fn goal_has_metric(tree: &SyntaxTree, goal: usize, line: Span) -> bool {
    let Some(goal_section) = tree.sections.get(goal) else {
        return false;
    };
    let metric_key = tree.entries(goal_section).iter().any(|entry| {
        entry
            .key
            .segments
            .first()
            .is_some_and(|s| s.name == "metric")
    });
    if metric_key {
        return true;
    }
    for section in tree.sections.iter().skip(goal + 1) {
        let Some(header) = section.header.as_ref() else {
            break;
        };
        if line.start() <= header.span.start() && header.span.start() <= line.end() {
            continue;
        }
        let names: Vec<&str> = header
            .key
            .segments
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        match names.as_slice() {
            ["goals", "metric"] => return true,
            ["goals", _, ..] => {}
            _ => break,
        }
    }
    false
}

/// The keys the cursor's table already sets in its section, but the entry
/// being typed: the first key segment under the table's path.
pub(super) fn keys_set<'t>(
    section: &Section,
    entries: &'t [Entry],
    table_path: &[&str],
    typing: Option<&Entry>,
) -> Vec<&'t str> {
    let header_len = section
        .header
        .as_ref()
        .map_or(0, |header| header.key.segments.len());
    let relative = table_path.get(header_len..).unwrap_or(&[]);
    entries
        .iter()
        .filter(|entry| typing.is_none_or(|typing| !std::ptr::eq(*entry, typing)))
        .filter_map(|entry| {
            let segments = &entry.key.segments;
            let matches = segments.len() > relative.len()
                && segments
                    .iter()
                    .zip(relative)
                    .all(|(s, name)| s.name == *name);
            matches.then(|| segments[relative.len()].name.as_str())
        })
        .collect()
}

/// Whether the key opens a table (offered as a header, not a key).
pub(super) fn is_table(spec: &KeySpec) -> bool {
    matches!(
        spec.value,
        ValueType::Table(_) | ValueType::ArrayOfTables(_)
    )
}

/// The keys a new table's skeleton fills in: what its checks need.
pub(super) fn skeleton_keys(table: TableKind) -> &'static [&'static str] {
    match table {
        TableKind::Roadmap => &["title", "vision", "horizon", "review_every"],
        TableKind::Skill => &["id", "kind", "current", "required"],
        TableKind::Goal => &["id", "title", "why", "deadline", "status"],
        TableKind::Metric => &["measure", "unit", "baseline", "target", "current"],
        TableKind::Action => &["task", "due", "status"],
        TableKind::Review => &["date", "notes"],
        TableKind::Person => &["name", "role", "meet_every"],
        TableKind::Win => &["date", "what", "goal"],
        TableKind::Root
        | TableKind::Lint
        | TableKind::LintRules
        | TableKind::LintLimits
        | TableKind::LintVague
        | TableKind::LintFormat => &[],
    }
}

/// `key = value` as plain text and as a snippet whose placeholder is tab
/// stop `stop`: `deadline = ${1:2026-12-31}`.
pub(super) fn key_value(spec: &KeySpec, stop: usize, today: NaiveDate) -> (String, String) {
    let name = spec.name;
    let choice = |words: &[&str]| {
        (
            format!("{name} = \"{}\"", words[0]),
            format!("{name} = \"${{{stop}|{}|}}\"", words.join(",")),
        )
    };
    match spec.value {
        ValueType::Date => {
            let date = default_date(name, today).to_string();
            (
                format!("{name} = {date}"),
                format!("{name} = ${{{stop}:{date}}}"),
            )
        }
        ValueType::Boolean => (
            format!("{name} = false"),
            format!("{name} = ${{{stop}|false,true|}}"),
        ),
        ValueType::Number => (format!("{name} = 0"), format!("{name} = ${{{stop}:0}}")),
        ValueType::Rating => (
            format!("{name} = 1"),
            format!("{name} = ${{{stop}|1,2,3,4,5|}}"),
        ),
        ValueType::Count => (format!("{name} = 1"), format!("{name} = ${{{stop}:1}}")),
        ValueType::StringList => (format!("{name} = []"), format!("{name} = [\"${stop}\"]")),
        ValueType::Status => choice(&Status::ALL.map(Status::as_str)),
        ValueType::SkillKind => choice(&words(&vocabulary::SKILL_KINDS)),
        ValueType::Role => choice(&words(&vocabulary::ROLES)),
        ValueType::Level => choice(&Level::NAMES),
        ValueType::Period => (
            format!("{name} = \"1 month\""),
            format!("{name} = \"${{{stop}:1 month}}\""),
        ),
        ValueType::String | ValueType::Table(_) | ValueType::ArrayOfTables(_) => {
            (format!("{name} = \"\""), format!("{name} = \"${stop}\""))
        }
    }
}

pub(super) fn with_snippet(edit: TextEdit, snippet: Option<String>) -> TextEdit {
    match snippet {
        Some(snippet) => edit.with_snippet(snippet),
        None => edit,
    }
}

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
