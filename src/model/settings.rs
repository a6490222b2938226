//! The checker's settings: one layer as read (a roadmap's `[lint]`, a
//! `roadmap-lsp.toml`, the editor's), and the layers combined. Reading
//! the files that hold them is [`crate::config`]'s.

use std::collections::HashMap;

use super::read::{Reader, quote};
use super::schema::{TableKind, nearest};
use crate::diagnostic::Diagnostic;
use crate::rules::{Level, Rule, Severity};
use crate::syntax::ValueKind;
use crate::syntax::table::{Node, TableEntry, TableId};

/// One layer of settings; unset fields fall through to the layer below.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    pub levels: HashMap<Rule, Level>,
    pub max_active_goals: Option<usize>,
    pub max_urgent_important: Option<usize>,
    pub vague_extra_words: Vec<String>,
    pub vague_min_words: Option<usize>,
    /// `[format] reorder-keys`.
    pub reorder_keys: Option<bool>,
}

impl Settings {
    /// These settings with `upper`'s on top: what `upper` sets wins, the
    /// rest falls through. Extra vague words add up.
    pub fn overlay(&self, upper: &Settings) -> Settings {
        let mut merged = self.clone();
        merged
            .levels
            .extend(upper.levels.iter().map(|(&r, &l)| (r, l)));
        merged.max_active_goals = upper.max_active_goals.or(self.max_active_goals);
        merged.max_urgent_important = upper.max_urgent_important.or(self.max_urgent_important);
        merged.vague_min_words = upper.vague_min_words.or(self.vague_min_words);
        merged.reorder_keys = upper.reorder_keys.or(self.reorder_keys);
        for word in &upper.vague_extra_words {
            if !merged.vague_extra_words.contains(word) {
                merged.vague_extra_words.push(word.clone());
            }
        }
        merged
    }
}

/// The effective configuration the checks read.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    levels: HashMap<Rule, Level>,
    pub max_active_goals: usize,
    pub max_urgent_important: usize,
    pub vague_extra_words: Vec<String>,
    pub vague_min_words: usize,
    /// Whether formatting puts keys in the format's order.
    pub reorder_keys: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            levels: HashMap::new(),
            max_active_goals: 5,
            max_urgent_important: 3,
            vague_extra_words: Vec::new(),
            vague_min_words: 0,
            reorder_keys: true,
        }
    }
}

impl Config {
    /// Defaults with each layer applied in order, later layers winning.
    pub fn layered<'a>(layers: impl IntoIterator<Item = &'a Settings>) -> Config {
        layers.into_iter().fold(Config::default(), |config, layer| {
            Config::layered_over(&config, layer)
        })
    }

    /// `base` (already layered) with `upper` on top: how an edited
    /// file's own `[lint]` applies over the settings it was opened with.
    pub fn layered_over(base: &Config, upper: &Settings) -> Config {
        let mut config = base.clone();
        config
            .levels
            .extend(upper.levels.iter().map(|(&r, &l)| (r, l)));
        if let Some(max) = upper.max_active_goals {
            config.max_active_goals = max;
        }
        if let Some(max) = upper.max_urgent_important {
            config.max_urgent_important = max;
        }
        if let Some(min) = upper.vague_min_words {
            config.vague_min_words = min;
        }
        if let Some(reorder) = upper.reorder_keys {
            config.reorder_keys = reorder;
        }
        for word in &upper.vague_extra_words {
            if !config.vague_extra_words.contains(word) {
                config.vague_extra_words.push(word.clone());
            }
        }
        config
    }

    /// The severity a rule reports at, or `None` when it is off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        match self.levels.get(&rule) {
            Some(Level::Off) => None,
            Some(Level::On(severity)) => Some(*severity),
            None => Some(rule.default_severity()),
        }
    }
}

/// Reads a settings table: the root of `roadmap-lsp.toml`, or a roadmap's
/// `[lint]`. Rule codes are accepted directly too (`[lint] overdue = "off"`).
pub(crate) fn read_settings(reader: &mut Reader, table: TableId) -> Settings {
    let mut settings = Settings::default();
    let tables = reader.tables;
    for entry in tables.entries(table) {
        match entry.key.name.as_str() {
            "rules" => {
                if let Some(rules) = reader.table(entry, TableKind::LintRules) {
                    for rule_entry in tables.entries(rules) {
                        read_level(reader, rules, rule_entry, &mut settings);
                    }
                }
            }
            "limits" => {
                if let Some(limits) = reader.table(entry, TableKind::LintLimits) {
                    for limit in tables.entries(limits) {
                        match limit.key.name.as_str() {
                            "max-active-goals" => {
                                settings.max_active_goals = reader
                                    .integer_in(limit, 1..=10_000, "a number of goals, at least 1")
                                    .map(|field| field.value as usize);
                            }
                            "max-urgent-important" => {
                                settings.max_urgent_important = reader
                                    .integer_in(limit, 1..=10_000, "a number of goals, at least 1")
                                    .map(|field| field.value as usize);
                            }
                            _ => drop(reader.unknown(limit, TableKind::LintLimits, limits)),
                        }
                    }
                }
            }
            "vague" => {
                if let Some(vague) = reader.table(entry, TableKind::LintVague) {
                    for setting in tables.entries(vague) {
                        match setting.key.name.as_str() {
                            "min-words" => {
                                settings.vague_min_words = reader
                                    .integer_in(setting, 1..=100, "a number of words, at least 1")
                                    .map(|field| field.value as usize);
                            }
                            "extra-words" => {
                                if let Some(words) = reader.list(setting) {
                                    settings.vague_extra_words = words
                                        .value
                                        .into_iter()
                                        .map(|word| word.value.trim().to_lowercase())
                                        .filter(|word| !word.is_empty())
                                        .collect();
                                }
                            }
                            _ => drop(reader.unknown(setting, TableKind::LintVague, vague)),
                        }
                    }
                }
            }
            "format" => {
                if let Some(format) = reader.table(entry, TableKind::LintFormat) {
                    for setting in tables.entries(format) {
                        match setting.key.name.as_str() {
                            "reorder-keys" => {
                                settings.reorder_keys =
                                    reader.boolean(setting).map(|field| field.value);
                            }
                            _ => drop(reader.unknown(setting, TableKind::LintFormat, format)),
                        }
                    }
                }
            }
            name if Rule::from_code(name).is_some() => {
                read_level(reader, table, entry, &mut settings);
            }
            _ => {
                let known = TableKind::Lint.keys().iter().map(|k| k.name);
                reader.unknown_key(
                    entry,
                    TableKind::Lint,
                    table,
                    known.chain(Rule::ALL.iter().map(|r| r.code())),
                );
            }
        }
    }
    settings
}

/// `code = "level"`, validating both sides.
fn read_level(
    reader: &mut Reader,
    table: TableId,
    entry: &TableEntry<'_>,
    settings: &mut Settings,
) {
    let Some(rule) = Rule::from_code(&entry.key.name) else {
        reader.unknown_key(
            entry,
            TableKind::LintRules,
            table,
            Rule::ALL.iter().map(|r| r.code()),
        );
        return;
    };
    let found = match entry.node {
        Node::Value(value) => match (&value.kind, value.string(reader.text)) {
            (_, Some(text)) => match Level::parse(text) {
                Some(level) => {
                    settings.levels.insert(rule, level);
                    return;
                }
                None => Some((value.span, format!("\"{text}\""))),
            },
            (ValueKind::Invalid, _) => return,
            (other, _) => Some((value.span, other.type_name().to_string())),
        },
        _ => Some((entry.key.span, "a table".to_string())),
    };
    if let Some((span, found)) = found {
        let mut diagnostic = Diagnostic::new(
            crate::rules::Rule::InvalidValue,
            span,
            format!(
                "the level of `{}` must be one of {}; found {found}",
                rule.code(),
                Level::NAMES.join(", ")
            ),
        );
        if let Some(level) = nearest(found.trim_matches('"'), Level::NAMES) {
            diagnostic.append(&format!("; did you mean \"{level}\"?"));
            diagnostic = diagnostic.with_suggestion(span, quote(level));
        }
        reader.diagnostics.push(diagnostic);
    }
}
