//! Settings an editor sends (`initializationOptions`,
//! `workspace/didChangeConfiguration`, `workspace/configuration`): the same
//! keys as `roadmap-lsp.toml`, as JSON, plus the editor-only switches.
//!
//! ```json
//! { "today": "2026-11-23",
//!   "rules": { "vague-goal": "off", "overdue": "error" },
//!   "limits": { "max-active-goals": 3, "max-urgent-important": 3 },
//!   "vague": { "extra-words": ["synergy"], "min-words": 4 },
//!   "format": { "reorder-keys": false },
//!   "inlayHints": true, "codeLens": true }
//! ```
//!
//! A value the server cannot use is skipped and described in a problem
//! line, which the server shows to the user; it never stops the rest.

use chrono::NaiveDate;
use serde_json::Value;

use crate::config::Settings;
use crate::rules::{Level, Rule};

#[derive(Clone, Debug, PartialEq)]
pub struct EditorSettings {
    pub lint: Settings,
    /// Check as of this day instead of the clock.
    pub today: Option<NaiveDate>,
    pub inlay_hints: bool,
    pub code_lens: bool,
}

impl Default for EditorSettings {
    fn default() -> Self {
        EditorSettings {
            lint: Settings::default(),
            today: None,
            inlay_hints: true,
            code_lens: true,
        }
    }
}

/// Reads editor settings. Accepts them bare or under a `roadmap` key (as
/// VS Code sends its whole configuration section). Returns the settings and
/// one line per value that was not understood.
pub fn read(value: &Value) -> (EditorSettings, Vec<String>) {
    let mut settings = EditorSettings::default();
    let mut problems = Vec::new();
    let value = value.get("roadmap").unwrap_or(value);
    let Some(object) = value.as_object() else {
        if !value.is_null() {
            problems.push(format!("settings must be an object, found {value}"));
        }
        return (settings, problems);
    };
    for (key, item) in object {
        match key.as_str() {
            "today" => match item.as_str().map(crate::dates::parse_date) {
                Some(Some(date)) => settings.today = Some(date),
                _ if item.is_null() => {}
                _ => problems.push(format!(
                    "`today` must be a date like \"2026-11-23\", found {item}"
                )),
            },
            "rules" => read_rules(item, &mut settings.lint, &mut problems),
            "limits" => {
                let lint = &mut settings.lint;
                for (name, slot) in [
                    ("max-active-goals", &mut lint.max_active_goals),
                    ("max-urgent-important", &mut lint.max_urgent_important),
                ] {
                    let Some(max) = item.get(name).filter(|v| !v.is_null()) else {
                        continue;
                    };
                    match max.as_u64().filter(|n| (1..=10_000).contains(n)) {
                        Some(n) => *slot = usize::try_from(n).ok(),
                        None => problems.push(format!(
                            "`limits.{name}` must be a number from 1 to 10000, found {max}"
                        )),
                    }
                }
            }
            "vague" => read_vague(item, &mut settings.lint, &mut problems),
            "format" => read_format(item, &mut settings.lint, &mut problems),
            "inlayHints" => read_switch(key, item, &mut settings.inlay_hints, &mut problems),
            "codeLens" => read_switch(key, item, &mut settings.code_lens, &mut problems),
            // Read by the editor extension, not the server.
            "server" | "trace" => {}
            other => problems.push(format!("unknown setting `{other}`")),
        }
    }
    (settings, problems)
}

fn read_rules(item: &Value, lint: &mut Settings, problems: &mut Vec<String>) {
    let Some(rules) = item.as_object() else {
        if !item.is_null() {
            problems.push(format!(
                "`rules` must be an object of rule levels, found {item}"
            ));
        }
        return;
    };
    for (code, level) in rules {
        let Some(rule) = Rule::from_code(code) else {
            problems.push(format!("`rules`: unknown rule `{code}`"));
            continue;
        };
        match level.as_str().and_then(Level::parse) {
            Some(level) => {
                lint.levels.insert(rule, level);
            }
            None => problems.push(format!(
                "the level of `{code}` must be one of {}; found {level}",
                Level::NAMES.join(", ")
            )),
        }
    }
}

fn read_vague(item: &Value, lint: &mut Settings, problems: &mut Vec<String>) {
    if let Some(words) = item.get("extra-words").filter(|v| !v.is_null()) {
        match words.as_array() {
            Some(words) => {
                lint.vague_extra_words = words
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|word| word.trim().to_lowercase())
                    .filter(|word| !word.is_empty())
                    .collect();
            }
            None => problems.push(format!(
                "`vague.extra-words` must be a list of words, found {words}"
            )),
        }
    }
    if let Some(min) = item.get("min-words").filter(|v| !v.is_null()) {
        match min.as_u64().filter(|n| (1..=100).contains(n)) {
            Some(n) => lint.vague_min_words = usize::try_from(n).ok(),
            None => problems.push(format!(
                "`vague.min-words` must be a number from 1 to 100, found {min}"
            )),
        }
    }
}

fn read_format(item: &Value, lint: &mut Settings, problems: &mut Vec<String>) {
    let Some(format) = item.as_object() else {
        if !item.is_null() {
            problems.push(format!("`format` must be an object, found {item}"));
        }
        return;
    };
    for (key, value) in format {
        match (key.as_str(), value.as_bool()) {
            ("reorder-keys", Some(reorder)) => lint.reorder_keys = Some(reorder),
            (_, _) if value.is_null() => {}
            ("reorder-keys", None) => problems.push(format!(
                "`format.reorder-keys` must be true or false, found {value}"
            )),
            (other, _) => problems.push(format!("unknown setting `format.{other}`")),
        }
    }
}

fn read_switch(key: &str, item: &Value, switch: &mut bool, problems: &mut Vec<String>) {
    match item.as_bool() {
        Some(on) => *switch = on,
        None if item.is_null() => {}
        None => problems.push(format!("`{key}` must be true or false, found {item}")),
    }
}

/// The settings in force when the editor sends `update` after starting
/// with `base` (its initialization options), both bare or under a
/// `roadmap` key. A non-empty section is the editor's whole current
/// configuration and replaces the base, so a setting removed in the editor
/// is gone; an empty one (a client with nothing in its section) keeps the
/// base. `today` is a session setting: it stays unless the section sets it.
pub fn overlay(base: &Value, update: &Value) -> Value {
    let base = base.get("roadmap").unwrap_or(base);
    let update = update.get("roadmap").unwrap_or(update);
    let Some(section) = update.as_object().filter(|section| !section.is_empty()) else {
        return base.clone();
    };
    let mut merged = section.clone();
    if let Some(today) = base.get("today").filter(|_| !merged.contains_key("today")) {
        merged.insert("today".to_string(), today.clone());
    }
    Value::Object(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_setting_bare_or_under_roadmap() {
        let json = serde_json::json!({ "roadmap": {
            "today": "2026-11-23",
            "rules": { "vague-goal": "off", "overdue": "deny" },
            "limits": { "max-active-goals": 3 },
            "vague": { "extra-words": [" Synergy "], "min-words": 5 },
            "format": { "reorder-keys": false },
            "inlayHints": false,
            "server": { "path": "/x" }
        }});
        let (settings, problems) = read(&json);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(settings.today, NaiveDate::from_ymd_opt(2026, 11, 23));
        assert_eq!(
            settings.lint.levels.get(&Rule::VagueGoal),
            Some(&Level::Off)
        );
        assert_eq!(settings.lint.max_active_goals, Some(3));
        assert_eq!(settings.lint.vague_extra_words, ["synergy"]);
        assert_eq!(settings.lint.vague_min_words, Some(5));
        assert_eq!(settings.lint.reorder_keys, Some(false));
        assert!(!settings.inlay_hints && settings.code_lens);
    }

    #[test]
    fn bad_values_are_described_and_skipped() {
        let json = serde_json::json!({
            "today": "tomorrow",
            "rules": { "vauge-goal": "off", "overdue": "loud", "missing-metric": "hint" },
            "limits": { "max-active-goals": 0 },
            "codeLens": "yes",
            "format": { "reorder-keys": "no", "width": 80 },
            "colour": 1
        });
        let (settings, problems) = read(&json);
        expect_test::expect![[r#"
            `today` must be a date like "2026-11-23", found "tomorrow"
            `rules`: unknown rule `vauge-goal`
            the level of `overdue` must be one of off, hint, info, warning, error; found "loud"
            `limits.max-active-goals` must be a number from 1 to 10000, found 0
            `codeLens` must be true or false, found "yes"
            `format.reorder-keys` must be true or false, found "no"
            unknown setting `format.width`
            unknown setting `colour`"#]]
        .assert_eq(&problems.join("\n"));
        assert_eq!(settings.lint.levels.len(), 1, "the good rule is kept");
        assert!(settings.code_lens);
        assert_eq!(read(&Value::Null).1.len(), 0);
    }

    #[test]
    fn the_editors_section_replaces_the_initial_settings_unless_empty() {
        let initial =
            serde_json::json!({ "today": "2026-11-23", "rules": { "vague-goal": "off" } });
        assert_eq!(
            overlay(&initial, &serde_json::json!({ "roadmap": {} })),
            initial
        );
        assert_eq!(overlay(&initial, &Value::Null), initial);
        let update = serde_json::json!({ "roadmap": { "rules": { "overdue": "error" } } });
        assert_eq!(
            overlay(&initial, &update),
            serde_json::json!({ "rules": { "overdue": "error" }, "today": "2026-11-23" })
        );
        assert_eq!(overlay(&Value::Null, &initial), initial);
    }
}
