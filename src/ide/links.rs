//! Document links: web addresses in strings (resources, evidence, notes),
//! rule codes (in allow comments and `[lint]`) to their documentation,
//! and ids that refer to a goal or a skill to where it is defined.

use std::collections::HashMap;

use crate::analysis::Analysis;
use crate::model::List;
use crate::rules::Rule;
use crate::span::Span;
use crate::suppress;
use crate::syntax::{Entry, SyntaxTree, Value, ValueKind};

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub span: Span,
    pub target: LinkTarget,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LinkTarget {
    /// A web address written in the file.
    Url(String),
    /// A rule's section of the rules page.
    RuleDocs(Rule),
    /// Where a goal or skill id is defined in the same file.
    Definition(Span),
}

/// The links of a file, in source order.
pub fn document_links(analysis: &Analysis, text: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let tree = &analysis.tree;
    for section in &tree.sections {
        let in_lint = section
            .header
            .as_ref()
            .is_some_and(|h| matches!(h.key.dotted().as_str(), "lint" | "lint.rules"));
        for entry in tree.entries(section) {
            if in_lint {
                rule_key(entry, &mut links);
            }
            if let Some(value) = &entry.value {
                urls_in_value(tree, value, text, &mut links);
            }
        }
    }
    for (span, rule) in suppress::written_codes(tree) {
        if let Some(rule) = rule {
            links.push(Link {
                span,
                target: LinkTarget::RuleDocs(rule),
            });
        }
    }
    references(analysis, &mut links);
    links.sort_by_key(|link| (link.span.start(), link.span.end()));
    links.dedup_by_key(|link| link.span);
    links
}

/// `vague-goal = "off"` under `[lint.rules]`, or `rules.vague-goal` under
/// `[lint]`.
fn rule_key(entry: &Entry, out: &mut Vec<Link>) {
    let Some(last) = entry.key.segments.last() else {
        return;
    };
    if let Some(rule) = Rule::from_code(&last.name) {
        out.push(Link {
            span: last.span,
            target: LinkTarget::RuleDocs(rule),
        });
    }
}

fn urls_in_value(tree: &SyntaxTree, value: &Value, text: &str, out: &mut Vec<Link>) {
    match &value.kind {
        ValueKind::String(_) => {
            let raw = value.raw(text);
            for (start, url) in find_urls(raw) {
                let at = value.span.start() + start;
                out.push(Link {
                    span: Span::new(at, at + url.len()),
                    target: LinkTarget::Url(url.to_string()),
                });
            }
        }
        ValueKind::Array(items) => {
            for item in tree.items(items) {
                urls_in_value(tree, item, text, out);
            }
        }
        ValueKind::InlineTable(entries) => {
            for value in entries.iter().filter_map(|e| e.value.as_ref()) {
                urls_in_value(tree, value, text, out);
            }
        }
        _ => {}
    }
}

/// `http://` and `https://` addresses in `text`, with their offsets: up
/// to a space, a quote or an angle bracket, without the punctuation that
/// ends a sentence or closes a parenthesis the address did not open.
pub(crate) fn find_urls(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(relative) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| text[from..].find(scheme))
        .min()
    {
        let start = from + relative;
        let rest = &text[start..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
            .unwrap_or(rest.len());
        let mut url = &rest[..end];
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?']);
            let unbalanced = trimmed.ends_with(')')
                && trimmed.matches('(').count() < trimmed.matches(')').count();
            let trimmed = if unbalanced {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        let has_host = url
            .split_once("://")
            .is_some_and(|(_, host)| host.chars().next().is_some_and(char::is_alphanumeric));
        if has_host {
            found.push((start, url));
        }
        from = start + end.max(1);
    }
    found
}

/// `depends_on` and a win's `goal` to the goal, a goal's `skills` to the
/// skill.
fn references(analysis: &Analysis, out: &mut Vec<Link>) {
    let roadmap = &analysis.roadmap;
    let goals: HashMap<&str, Span> = roadmap
        .goals
        .iter()
        .filter_map(|g| g.id.as_ref().map(|id| (id.value.as_str(), id.span)))
        .collect();
    let skills: HashMap<&str, Span> = roadmap
        .skills
        .iter()
        .filter_map(|s| s.id.as_ref().map(|id| (id.value.as_str(), id.span)))
        .collect();
    let mut link = |list: &Option<List>, to: &HashMap<&str, Span>| {
        for item in list.iter().flat_map(|list| &list.value) {
            if let Some(&definition) = to.get(item.value.as_str()) {
                out.push(Link {
                    span: item.span,
                    target: LinkTarget::Definition(definition),
                });
            }
        }
    };
    for goal in &roadmap.goals {
        link(&goal.depends_on, &goals);
        link(&goal.skills, &skills);
    }
    for win in &roadmap.wins {
        if let Some(goal) = &win.goal
            && let Some(&definition) = goals.get(goal.value.as_str())
        {
            out.push(Link {
                span: goal.span,
                target: LinkTarget::Definition(definition),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::fixture;

    fn links(text: &str) -> String {
        let analysis = fixture::analysis(text);
        document_links(&analysis, text)
            .iter()
            .map(|link| {
                let target = match &link.target {
                    LinkTarget::Url(url) => url.clone(),
                    LinkTarget::RuleDocs(rule) => format!("docs of {rule}"),
                    LinkTarget::Definition(span) => format!("definition {:?}", &text[span.range()]),
                };
                format!("{:?} -> {target}", &text[link.span.range()])
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn addresses_rule_codes_and_ids_are_links() {
        let text = r#"# roadmap: allow(vague-goal, no-such-rule)
[lint.rules]
overdue = "error"

[[skills]]
id = "rust"
evidence = "Talk at https://example.org/talks/rust (the slides)."

[[goals]]
id = "a"
title = "Ship the CLI 1.0 by May"
skills = ["rust", "go"]

[[goals]]
id = "b"
depends_on = ["a", "zzz"]

[[goals.actions]]
task = "Read the book"
resources = ["https://doc.rust-lang.org/book/", "a shelf, http:// and https://🚀"]

[[wins]]
goal = "b"
"#;
        expect_test::expect![[r#"
            "vague-goal" -> docs of vague-goal
            "overdue" -> docs of overdue
            "https://example.org/talks/rust" -> https://example.org/talks/rust
            "\"rust\"" -> definition "\"rust\""
            "\"a\"" -> definition "\"a\""
            "https://doc.rust-lang.org/book/" -> https://doc.rust-lang.org/book/
            "\"b\"" -> definition "\"b\"""#]]
        .assert_eq(&links(text));
    }

    #[test]
    fn an_address_ends_before_closing_punctuation() {
        let found = find_urls("see (https://a.example/x_(y)), then https://b.example.");
        let urls: Vec<&str> = found.iter().map(|(_, u)| *u).collect();
        assert_eq!(urls, ["https://a.example/x_(y)", "https://b.example"]);
    }
}
