//! Tables, keys, rule codes and allow comments: what the format says they
//! mean.

use super::*;

/// `[[goals.actions]]` and the doc of the key that opens it.
pub(super) fn table_markdown(path: &[&str], kind: TableKind) -> String {
    let mut out = format!("**`{}`**", kind.header());
    if let Some(spec) = path
        .split_last()
        .and_then(|(last, parents)| TableKind::at_path(parents.iter().copied())?.key(last))
    {
        let _ = write!(out, "\n\n{}", spec.doc);
    }
    let keys: Vec<String> = kind
        .keys()
        .iter()
        .map(|spec| format!("`{}`", spec.name))
        .collect();
    if !keys.is_empty() {
        let _ = write!(out, "\n\nKeys: {}", keys.join(", "));
    }
    out
}

pub(super) fn unknown_table_markdown(header: &Header, path: &[&str]) -> String {
    let (open, close) = match header.kind {
        HeaderKind::Table => ("[", "]"),
        HeaderKind::ArrayOfTables => ("[[", "]]"),
    };
    let written = format!("{open}{}{close}", path.join("."));
    let mut out = format!("**`{written}`**: a table the format does not know.");
    let known = ALL_TABLES.iter().map(|kind| kind.header());
    if let Some(near) = nearest(&written, known) {
        let _ = write!(out, " Did you mean `{near}`?");
    }
    out
}

pub(super) const ALL_TABLES: [TableKind; 13] = [
    TableKind::Roadmap,
    TableKind::Skill,
    TableKind::Goal,
    TableKind::Metric,
    TableKind::Action,
    TableKind::Review,
    TableKind::Person,
    TableKind::Win,
    TableKind::Lint,
    TableKind::LintRules,
    TableKind::LintLimits,
    TableKind::LintVague,
    TableKind::LintFormat,
];

pub(super) fn key_markdown(table: Option<TableKind>, table_path: &[&str], name: &str) -> String {
    if table == Some(TableKind::LintRules)
        && let Some(rule) = Rule::from_code(name)
    {
        return rule_markdown(rule);
    }
    let Some(table) = table else {
        return format!(
            "**`{}`** in `{}`, a table the format does not know.",
            name,
            table_path.join(".")
        );
    };
    let Some(spec) = table.key(name) else {
        let mut out = format!("**`{name}`**: not a key of `{}`.", table_name(table));
        if let Some(near) = nearest(name, table.keys().iter().map(|k| k.name)) {
            let _ = write!(out, " Did you mean `{near}`?");
        }
        return out;
    };
    format!(
        "**`{}`** · {} · in `{}`\n\n{}",
        spec.name,
        type_name(spec),
        table_name(table),
        spec.doc
    )
}

pub(super) fn table_name(table: TableKind) -> &'static str {
    match table {
        TableKind::Root => "the top level",
        other => other.header(),
    }
}

pub(super) fn type_name(spec: &KeySpec) -> String {
    let name = match spec.value {
        ValueType::String => "text",
        ValueType::Date => "date (YYYY-MM-DD)",
        ValueType::Boolean => "true or false",
        ValueType::Number => "number",
        ValueType::Rating => "rating 1..5",
        ValueType::Count => "whole number ≥ 1",
        ValueType::StringList => "list of text",
        ValueType::Status => "status",
        ValueType::Period => "period (\"2 weeks\", \"1 month\")",
        ValueType::SkillKind => return vocabulary::spelled(&vocabulary::SKILL_KINDS, " or "),
        ValueType::Role => return vocabulary::spelled(&vocabulary::ROLES, " or "),
        ValueType::Level => "rule level",
        ValueType::Table(_) => "table",
        ValueType::ArrayOfTables(_) => "list of tables",
    };
    name.to_string()
}

pub(super) fn rule_markdown(rule: Rule) -> String {
    let fix = if rule.has_fix() {
        " · has a quick fix"
    } else {
        ""
    };
    format!(
        "**`{}`** · {} by default · guards: {}{fix}\n\nFires when {}.\n\n[Documentation]({})",
        rule.code(),
        rule.default_severity(),
        rule.guards(),
        rule.summary(),
        rule.docs_url()
    )
}

/// A rule code inside `# roadmap: allow(code, …)`.
pub(super) fn allow_comment_hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let comment = analysis
        .tree
        .comments
        .iter()
        .find(|c| c.span.start() <= offset && offset <= c.span.end())?;
    let open = comment.text.find("allow(")? + "allow(".len();
    let close = open + comment.text.get(open..)?.find(')')?;
    let mut start = open;
    for part in comment.text.get(open..close)?.split(',') {
        let lead = part.len() - part.trim_start().len();
        let code = part.trim();
        let span = Span::new(
            comment.span.start() + start + lead,
            comment.span.start() + start + lead + code.len(),
        );
        if span.start() <= offset && offset <= span.end() {
            let rule = Rule::from_code(code)?;
            return Some(Hover {
                span,
                markdown: rule_markdown(rule),
            });
        }
        start += part.len() + 1;
    }
    None
}
