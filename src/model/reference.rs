//! The format's reference in Markdown, written from the key table
//! ([`super::schema`]) and the vocabulary ([`super::vocabulary`]), so that
//! `docs/format.md` says what the checker reads (a test keeps them equal).

use std::fmt::Write;

use super::schema::{TableKind, ValueType};
use super::vocabulary::{self, Term};

/// Every table with its keys, then every word the format knows.
pub fn format_reference() -> String {
    let mut out = String::new();
    out.push_str("### Tables and keys\n\n");
    tables(TableKind::Root, None, &mut out);
    out.push_str("### Words\n\n");
    words(
        "Statuses (`status` of a goal or an action)",
        &vocabulary::STATUSES,
        &mut out,
    );
    words("Roles (`role` of a person)", &vocabulary::ROLES, &mut out);
    words(
        "Skill kinds (`kind` of a skill)",
        &vocabulary::SKILL_KINDS,
        &mut out,
    );
    words(
        "Self-ratings (`current` and `required` of a skill)",
        &vocabulary::RATINGS,
        &mut out,
    );
    words(
        "Periods (`review_every`, `meet_every`, an action's `every`); any number of days, weeks, months, quarters or years is read",
        &vocabulary::PERIODS,
        &mut out,
    );
    words(
        "Rule levels (`[lint.rules]`, `roadmap-lsp.toml`)",
        &vocabulary::LEVELS,
        &mut out,
    );
    out
}

fn tables(table: TableKind, doc: Option<&str>, out: &mut String) {
    let keys = table.keys();
    let plain: Vec<_> = keys
        .iter()
        .filter(|k| !matches!(k.value, ValueType::Table(_) | ValueType::ArrayOfTables(_)))
        .collect();
    if table != TableKind::Root {
        let _ = writeln!(out, "#### `{}`\n", table.header());
        if let Some(doc) = doc {
            let _ = writeln!(out, "{doc}\n");
        }
        if table == TableKind::LintRules {
            out.push_str(
                "A level per rule code: `vague-goal = \"off\"`. The codes are in [rules.md](rules.md).\n\n",
            );
        }
    }
    if !plain.is_empty() {
        out.push_str("| key | value | meaning |\n|---|---|---|\n");
        for key in plain {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                key.name,
                cell(&key.value.label()),
                cell(key.doc)
            );
        }
        out.push('\n');
    }
    for key in keys {
        if let ValueType::Table(inner) | ValueType::ArrayOfTables(inner) = key.value {
            tables(inner, Some(key.doc), out);
        }
    }
}

fn words<T>(title: &str, terms: &[Term<T>], out: &mut String) {
    let _ = writeln!(out, "#### {title}\n");
    out.push_str("| written | meaning | other spellings recognised |\n|---|---|---|\n");
    for term in terms {
        let variants: Vec<String> = term.variants.iter().map(|v| format!("`{v}`")).collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            term.word,
            cell(term.meaning),
            variants.join(", ")
        );
    }
    out.push('\n');
}

/// Table cells cannot hold a `|` or a line break.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
