//! Settings: rule levels, limits, the vague-word list and formatting, read
//! the same way from `roadmap-lsp.toml`, a roadmap's own `[lint]` table and
//! the editor.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::model::read::Reader;
use crate::syntax;

/// The repository-level configuration file's name.
pub const CONFIG_FILE_NAME: &str = "roadmap-lsp.toml";

use crate::model::settings::read_settings;
pub use crate::model::settings::{Config, Settings};

/// The nearest `roadmap-lsp.toml` in the roadmap's folder or any folder above.
pub fn find_config_file(roadmap: &Path) -> Option<PathBuf> {
    let start = if roadmap.is_dir() {
        roadmap
    } else {
        roadmap.parent()?
    };
    let start = if start.as_os_str().is_empty() {
        Path::new(".")
    } else {
        start
    };
    let absolute = std::path::absolute(start).ok()?;
    absolute
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// A loaded `roadmap-lsp.toml`: its settings, and the problems found in it
/// (spans into `text`), which callers report against `path`.
#[derive(Clone, Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub text: String,
    pub settings: Settings,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and validates a configuration file.
pub fn load_config_file(path: &Path) -> std::io::Result<ConfigFile> {
    let text = crate::workspace::read_regular_text(path)?;
    let (settings, diagnostics) = parse_config_text(&text);
    Ok(ConfigFile {
        path: path.to_path_buf(),
        text,
        settings,
        diagnostics,
    })
}

/// Validates configuration text: syntax errors, unknown keys and bad values
/// all come back as diagnostics.
pub fn parse_config_text(text: &str) -> (Settings, Vec<Diagnostic>) {
    let tree = syntax::parse(text);
    let mut conflicts = Vec::new();
    let tables = syntax::table::build(&tree, &mut conflicts);
    let mut diagnostics = Diagnostic::from_syntax(&tree, &conflicts);
    let settings = read_settings(
        &mut Reader {
            text,
            tables: &tables,
            diagnostics: &mut diagnostics,
            config_file: true,
        },
        tables.root(),
    );
    diagnostics.sort_by_key(|d| (d.span, d.rule));
    (settings, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.rule.code(), d.message))
            .collect()
    }

    #[test]
    fn format_settings_are_read_and_checked_like_the_others() {
        let (settings, diagnostics) = parse_config_text("[format]\nreorder-keys = false\n");
        assert_eq!(settings.reorder_keys, Some(false));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (settings, diagnostics) = parse_config_text("[format]\nreorder-keys = \"no\"\n");
        assert_eq!(
            settings.reorder_keys, None,
            "a rejected value has no effect"
        );
        let (_, key) = parse_config_text("[format]\nreorder_keys = false\n");
        let (_, table) = parse_config_text("[formt]\nreorder-keys = false\n");
        expect_test::expect![[r#"
            [
                "invalid-value: `reorder-keys` must be true or false (without quotes), found a string",
                "unknown-key: unknown key `reorder_keys` in [format]; did you mean `reorder-keys`?",
                "unknown-key: unknown key `formt` at the top level; did you mean `format`?",
            ]
        "#]]
        .assert_debug_eq(&problems(&[diagnostics, key, table].concat()));
    }

    #[test]
    fn a_roadmaps_own_lint_format_overrides_the_repository() {
        let repository = Settings {
            reorder_keys: Some(false),
            ..Settings::default()
        };
        let roadmap = Settings {
            reorder_keys: Some(true),
            ..Settings::default()
        };
        assert!(!Config::layered([&repository]).reorder_keys);
        assert!(Config::layered([&repository, &roadmap]).reorder_keys);
        assert!(Config::default().reorder_keys);
    }
}
