//! The rule pages cannot drift from the engine: every rule has a section
//! in docs/rules.md whose Example fires that rule and whose Fixed version
//! does not.

mod common;

use roadmap_lsp::Rule;
use roadmap_lsp::history::{History, Revision, read_goals};

/// (code, example, fixed) for every `## code` section.
fn sections(markdown: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let mut out = Vec::new();
    for section in markdown.split("\n## ").skip(1) {
        let code = section
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        let block_after = |label: &str| {
            let start = section.find(label)?;
            let rest = &section[start..];
            let open = rest.find("```toml\n")? + "```toml\n".len();
            let close = rest[open..].find("```")?;
            Some(rest[open..open + close].to_string())
        };
        out.push((code, block_after("**Example**"), block_after("**Fixed**")));
    }
    out
}

/// When the examples of rules that read git history were committed.
const HISTORY_DATE: &str = "2026-07-01";

/// A history of one commit: `text`, on [`HISTORY_DATE`].
fn committed(text: &str) -> std::sync::Arc<History> {
    let (goals, progress) = read_goals(text);
    std::sync::Arc::new(History {
        path: "example.roadmap.toml".into(),
        head: None,
        revisions: vec![Revision {
            commit: "0".repeat(40),
            date: roadmap_lsp::dates::parse_date(HISTORY_DATE).unwrap(),
            path: "example.roadmap.toml".into(),
            summary: String::new(),
            goals,
            progress,
        }],
        shallow: false,
    })
}

#[test]
fn every_rule_has_an_example_that_fires_and_a_fix_that_does_not() {
    let markdown = include_str!("../docs/rules.md");
    let sections = sections(markdown);
    for &rule in Rule::ALL {
        let (_, example, fixed) = sections
            .iter()
            .find(|(code, _, _)| code == rule.code())
            .unwrap_or_else(|| panic!("docs/rules.md has no section `## {}`", rule.code()));
        let example = example
            .as_ref()
            .unwrap_or_else(|| panic!("{rule}: no **Example** toml block"));
        // A rule judged from git history reads the Example as committed
        // on HISTORY_DATE, and the Fixed version as the edit after it.
        let history = (rule == Rule::StaleMetric).then(|| committed(example));
        let count = |text: &str| common::count_with_history(rule, text, history.clone());
        assert!(
            count(example) > 0,
            "{rule}: the documented example does not fire it:\n{example}"
        );
        let fixed = fixed
            .as_ref()
            .unwrap_or_else(|| panic!("{rule}: no **Fixed** toml block"));
        assert_eq!(
            count(fixed),
            0,
            "{rule}: the documented fix still fires it:\n{fixed}"
        );
        // A fix must be right for the right reason: valid, not merely
        // broken in a way that hides the rule.
        for broken in [Rule::SyntaxError, Rule::InvalidValue] {
            assert_eq!(
                common::count(broken, fixed),
                0,
                "{rule}: the documented fix has a {broken}:\n{fixed}"
            );
        }
    }
}

#[test]
fn the_summary_table_agrees_with_the_rule_registry() {
    let markdown = include_str!("../docs/rules.md");
    for &rule in Rule::ALL {
        let fix = if rule.has_fix() { "yes" } else { "no" };
        let row = format!(
            "| `{}` | {} | {} | {fix} |",
            rule.code(),
            rule.default_severity(),
            rule.guards()
        );
        assert!(markdown.contains(&row), "summary table lacks {row}");
    }
}

const GENERATED_START: &str =
    "<!-- generated from the key table and the vocabulary: tests/docs.rs -->\n";
const GENERATED_END: &str = "<!-- end of generated reference -->\n";

/// docs/format.md's reference part is what the checker reads: written from
/// the key table and the vocabulary. `UPDATE_DOCS=1 cargo test --test docs`
/// writes it again after either changed.
#[test]
fn the_format_reference_is_the_key_table_and_the_vocabulary() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md");
    let page = std::fs::read_to_string(&path).expect("docs/format.md");
    let start = page.find(GENERATED_START).expect("the start marker") + GENERATED_START.len();
    let end = page.find(GENERATED_END).expect("the end marker");
    let generated = roadmap_lsp::model::reference::format_reference();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{generated}{}", &page[..start], &page[end..]);
        std::fs::write(&path, updated).expect("write docs/format.md");
        return;
    }
    assert!(
        page[start..end] == generated,
        "docs/format.md is out of date: run UPDATE_DOCS=1 cargo test --test docs"
    );
    // Every key of the format is documented.
    for key in [
        "review_every",
        "depends_on",
        "last_done",
        "meet_every",
        "evidence",
    ] {
        assert!(page.contains(&format!("`{key}`")), "{key}");
    }
}

/// The ```toml blocks of a Markdown file, in order.
fn toml_blocks(markdown: &str) -> Vec<&str> {
    markdown
        .split("```toml\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .collect()
}

#[test]
fn the_helix_languages_toml_starts_roadmap_lsp_for_roadmaps() {
    let markdown = include_str!("../editors/helix/README.md");
    let blocks = toml_blocks(markdown);
    assert_eq!(
        blocks.len(),
        1,
        "editors/helix/README.md should have one toml block"
    );
    let config: toml::Table = blocks[0]
        .parse()
        .unwrap_or_else(|error| panic!("the languages.toml block does not parse: {error}"));

    let server = &config["language-server"]["roadmap-lsp"];
    assert_eq!(server["command"].as_str(), Some("roadmap-lsp"));
    // Helix sends `config` as initializationOptions: the server's keys.
    assert!(
        server["config"]["roadmap"]["rules"].is_table(),
        "{server:?}"
    );

    let languages = config["language"].as_array().expect("[[language]] entries");
    let roadmap = languages
        .iter()
        .find(|language| language["name"].as_str() == Some("roadmap"))
        .expect("a [[language]] named roadmap");
    let file_types = roadmap["file-types"].as_array().expect("file-types");
    assert!(
        file_types.iter().any(
            |file_type| file_type.get("glob").and_then(|glob| glob.as_str())
                == Some("*.roadmap.toml")
        ),
        "file-types lacks the *.roadmap.toml glob: {file_types:?}"
    );
    let servers = roadmap["language-servers"]
        .as_array()
        .expect("language-servers");
    assert!(
        servers
            .iter()
            .any(|name| name.as_str() == Some("roadmap-lsp")),
        "{servers:?}"
    );
    // Helix rejects a [[language]] without a scope; the grammar gives colours.
    assert!(
        roadmap["scope"].is_str(),
        "the roadmap language lacks a scope"
    );
    assert_eq!(roadmap["grammar"].as_str(), Some("toml"));
}
