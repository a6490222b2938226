//! The format as a JSON Schema, for editors where this server is not
//! installed (taplo, tombi, Even Better TOML validate TOML against JSON
//! Schemas).
//!
//! The types below exist only to describe the file to schemars: the model's
//! own types carry spans and tolerate damage, which is not what a schema
//! says. Every property's description comes from [`super::schema`], the
//! table the checker, completion and hover read, so the words cannot drift;
//! the tests check that both name the same keys.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use serde_json::{Map, Value};

use super::schema::TableKind;
use super::vocabulary::{self, Term};
use crate::rules::Rule;

/// Where the committed schema is published; editors cache by this id.
pub const SCHEMA_ID: &str =
    "https://raw.githubusercontent.com/roadmap-lsp/roadmap-lsp/main/schema/roadmap.schema.json";

/// A career or work roadmap (`*.roadmap.toml`), checked by roadmap-lsp.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
#[allow(dead_code)] // Read by schemars only.
struct RoadmapFile {
    roadmap: Roadmap,
    skills: Vec<Skill>,
    goals: Vec<Goal>,
    reviews: Vec<Review>,
    people: Vec<Person>,
    wins: Vec<Win>,
    lint: Lint,
}

/// `[roadmap]`: the vision and how often the roadmap is reviewed.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
#[allow(dead_code)]
struct Roadmap {
    title: String,
    owner: String,
    vision: String,
    horizon: Date,
    review_every: Period,
    last_review: Date,
}

/// `[[skills]]`: a self-assessed skill and what the vision needs.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
#[allow(dead_code)]
struct Skill {
    id: String,
    name: String,
    kind: SkillKind,
    current: Rating,
    required: Rating,
    evidence: String,
    notes: String,
}

/// `[[goals]]`: a SMART goal.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
#[allow(dead_code)]
struct Goal {
    id: String,
    title: String,
    why: String,
    skills: Vec<String>,
    start: Date,
    deadline: Date,
    status: Status,
    urgent: bool,
    important: bool,
    depends_on: Vec<String>,
    owner: String,
    notes: String,
    metric: Metric,
    actions: Vec<Action>,
}

/// `[goals.metric]`: how the goal's progress is measured.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
#[allow(dead_code)]
struct Metric {
    measure: String,
    unit: String,
    baseline: f64,
    target: f64,
    current: f64,
}

/// `[[goals.actions]]`: one task of the goal's action plan.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
#[allow(dead_code)]
struct Action {
    task: String,
    due: Date,
    status: Status,
    owner: String,
    every: Period,
    last_done: Date,
    resources: Vec<String>,
    obstacles: Vec<String>,
    notes: String,
}

/// `[[reviews]]`: one entry of the review log.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
#[allow(dead_code)]
struct Review {
    date: Date,
    notes: String,
}

/// `[[people]]`: someone in your network, and how often to meet them.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
#[allow(dead_code)]
struct Person {
    name: String,
    role: Role,
    meet_every: Period,
    last_met: Date,
    notes: String,
}

/// `[[wins]]`: a win worth celebrating.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
#[allow(dead_code)]
struct Win {
    date: Date,
    what: String,
    goal: String,
}

/// `[lint]`: this file's checker settings, as in `roadmap-lsp.toml`.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
#[allow(dead_code)]
struct Lint {
    rules: LintRules,
    limits: LintLimits,
    vague: LintVague,
    format: LintFormat,
}

/// `[lint.rules]`: a level per rule code. Its properties are filled in
/// from the rule registry after generation (see [`lint_rules`]).
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields)]
struct LintRules {}

/// `[lint.limits]`.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[allow(dead_code)]
struct LintLimits {
    max_active_goals: GoalCount,
    max_urgent_important: GoalCount,
}

/// `[lint.vague]`.
#[derive(JsonSchema, Default)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[allow(dead_code)]
struct LintVague {
    extra_words: Vec<String>,
    min_words: WordCount,
}

/// `[lint.format]`.
#[derive(JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[allow(dead_code)]
struct LintFormat {
    reorder_keys: bool,
}

impl Default for LintFormat {
    fn default() -> Self {
        LintFormat { reorder_keys: true }
    }
}

/// The state of a goal or an action.
#[derive(Default)]
struct Status;

impl JsonSchema for Status {
    fn schema_name() -> Cow<'static, str> {
        "Status".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        words_schema(&vocabulary::STATUSES, "The state of a goal or an action.")
    }
}

#[derive(Default)]
struct SkillKind;

impl JsonSchema for SkillKind {
    fn schema_name() -> Cow<'static, str> {
        "SkillKind".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        words_schema(&vocabulary::SKILL_KINDS, "What kind of skill it is.")
    }
}

#[derive(Default)]
struct Role;

impl JsonSchema for Role {
    fn schema_name() -> Cow<'static, str> {
        "Role".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        words_schema(&vocabulary::ROLES, "What the person is to you.")
    }
}

/// One of a vocabulary table's words, with each word's meaning (VS Code's
/// JSON support shows `enumDescriptions`; other readers ignore it).
fn words_schema<T>(terms: &'static [Term<T>], description: &str) -> Schema {
    let words: Vec<&str> = terms.iter().map(|t| t.word).collect();
    let meanings: Vec<&str> = terms.iter().map(|t| t.meaning).collect();
    json_schema!({
        "description": description,
        "type": "string",
        "enum": words,
        "enumDescriptions": meanings
    })
}

/// A TOML local date, `2026-12-31`; JSON tools see it as an RFC 3339
/// full-date string.
#[derive(Default)]
struct Date;

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A TOML local date, such as 2026-12-31.",
            "type": "string",
            "format": "date"
        })
    }
}

/// "2 weeks", "1 month", "monthly", … as [`crate::dates::Period::parse`]
/// reads them (lower case: the checker also takes "1 Month").
#[derive(Default)]
struct Period;

impl JsonSchema for Period {
    fn schema_name() -> Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let adverbs: Vec<&str> = vocabulary::PERIOD_ADVERBS.iter().map(|(w, _)| *w).collect();
        let pattern = format!(
            "^\\s*({}|([0-9]*[1-9][0-9]*\\s+)?(day|week|month|quarter|year)s?)\\s*$",
            adverbs.join("|")
        );
        json_schema!({
            "description": "How often: \"2 weeks\", \"1 month\", \"1 quarter\", \"weekly\", \"monthly\", …",
            "type": "string",
            "pattern": pattern
        })
    }
}

/// A self-rating, 1..=5.
#[derive(Default)]
struct Rating;

impl JsonSchema for Rating {
    fn schema_name() -> Cow<'static, str> {
        "Rating".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A self-rating from 1 (beginner) to 5 (expert).",
            "type": "integer",
            "minimum": 1,
            "maximum": 5
        })
    }
}

/// A number of goals (a limit of `[lint.limits]`), as the settings reader
/// bounds it.
#[derive(Default)]
struct GoalCount;

impl JsonSchema for GoalCount {
    fn schema_name() -> Cow<'static, str> {
        "GoalCount".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "minimum": 1, "maximum": 10000 })
    }
}

/// A number of words in a title, as the settings reader bounds it.
#[derive(Default)]
struct WordCount;

impl JsonSchema for WordCount {
    fn schema_name() -> Cow<'static, str> {
        "WordCount".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "minimum": 1, "maximum": 100 })
    }
}

/// The definition each table of the format is described by.
fn definition_name(table: TableKind) -> Option<&'static str> {
    Some(match table {
        TableKind::Root => return None,
        TableKind::Roadmap => "Roadmap",
        TableKind::Skill => "Skill",
        TableKind::Goal => "Goal",
        TableKind::Metric => "Metric",
        TableKind::Action => "Action",
        TableKind::Review => "Review",
        TableKind::Person => "Person",
        TableKind::Win => "Win",
        TableKind::Lint => "Lint",
        TableKind::LintRules => "LintRules",
        TableKind::LintLimits => "LintLimits",
        TableKind::LintVague => "LintVague",
        TableKind::LintFormat => "LintFormat",
    })
}

/// Every table of the format, the root first.
pub const TABLES: [TableKind; 14] = [
    TableKind::Root,
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

/// The JSON Schema of a roadmap file (draft 7, which taplo, tombi and Even
/// Better TOML all read).
pub fn roadmap_schema() -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let generated = generator.into_root_schema_for::<RoadmapFile>().to_value();
    // The identifying keys first, as people read the file top down.
    let mut object = Map::new();
    object.insert("$schema".into(), generated["$schema"].clone());
    object.insert("$id".into(), SCHEMA_ID.into());
    object.insert("title".into(), "roadmap-lsp roadmap".into());
    if let Value::Object(rest) = generated {
        for (key, value) in rest {
            object.entry(key).or_insert(value);
        }
    }
    let mut root = Value::Object(object);
    for table in TABLES {
        if let Some(object) = table_schema(&mut root, table) {
            describe_keys(object, table);
        }
    }
    // Rule codes go in `[lint.rules]`, or straight into `[lint]`.
    for table in [TableKind::LintRules, TableKind::Lint] {
        if let Some(object) = table_schema(&mut root, table) {
            lint_rules(object);
        }
    }
    root
}

/// The schema as committed: pretty JSON, one trailing newline.
pub fn roadmap_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&roadmap_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// The object schema that describes `table` inside `root`.
pub fn table_schema(root: &mut Value, table: TableKind) -> Option<&mut Map<String, Value>> {
    match definition_name(table) {
        None => root.as_object_mut(),
        Some(name) => root.get_mut("definitions")?.get_mut(name)?.as_object_mut(),
    }
}

/// Gives each property the words hover shows for the key.
fn describe_keys(object: &mut Map<String, Value>, table: TableKind) {
    let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for spec in table.keys() {
        let Some(property) = properties.get_mut(spec.name).and_then(Value::as_object_mut) else {
            continue;
        };
        property.insert("description".into(), spec.doc.into());
        // The defaults are the schema types' `Default`, not the format's:
        // an editor would offer `title = ""` or `target = 0.0`.
        property.remove("default");
        if property.get("format").and_then(Value::as_str) == Some("double") {
            property.remove("format");
        }
        // A `$ref` with siblings is ignored by draft-7 readers: wrap it.
        if let Some(reference) = property.remove("$ref") {
            property.insert("allOf".into(), json_schema_ref(reference));
        }
    }
}

fn json_schema_ref(reference: Value) -> Value {
    let mut object = Map::new();
    object.insert("$ref".into(), reference);
    Value::Array(vec![Value::Object(object)])
}

/// `[lint.rules]` (and `[lint]` itself) takes each rule code once, at one of the levels the
/// checker reads (including the aliases it accepts).
fn lint_rules(object: &mut Map<String, Value>) {
    let levels: Vec<Value> = vocabulary::LEVELS
        .iter()
        .map(|term| term.word)
        .chain(
            vocabulary::LEVELS
                .iter()
                .flat_map(|term| term.variants.iter().copied()),
        )
        .map(Value::from)
        .collect();
    let mut properties = match object.remove("properties") {
        Some(Value::Object(properties)) => properties,
        _ => Map::new(),
    };
    for rule in Rule::ALL {
        let mut property = Map::new();
        property.insert(
            "description".into(),
            format!(
                "{} (default: {}). See {}",
                rule.summary(),
                rule.default_severity(),
                rule.docs_url()
            )
            .into(),
        );
        property.insert("enum".into(), Value::Array(levels.clone()));
        properties.insert(rule.code().into(), Value::Object(property));
    }
    object.insert("properties".into(), Value::Object(properties));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn property_names(root: &mut Value, table: TableKind) -> Vec<String> {
        let object = table_schema(root, table).unwrap_or_else(|| panic!("{table:?} defined"));
        let mut names: Vec<String> = object
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn the_schema_knows_exactly_the_keys_the_checker_knows() {
        let mut root = roadmap_schema();
        for table in TABLES {
            let mut expected: Vec<String> =
                table.keys().iter().map(|k| k.name.to_string()).collect();
            if matches!(table, TableKind::LintRules | TableKind::Lint) {
                expected.extend(Rule::ALL.iter().map(|r| r.code().to_string()));
            }
            expected.sort();
            assert_eq!(property_names(&mut root, table), expected, "{table:?}");
            let object = table_schema(&mut root, table).expect("defined");
            assert_eq!(
                object.get("additionalProperties"),
                Some(&Value::Bool(false)),
                "{table:?} must reject unknown keys, like unknown-key"
            );
        }
    }

    #[test]
    fn every_property_is_described_by_the_key_table() {
        let mut root = roadmap_schema();
        let goal = table_schema(&mut root, TableKind::Goal).expect("Goal");
        let deadline = &goal["properties"]["deadline"];
        assert_eq!(
            deadline["description"],
            "When the goal must be met (the T of SMART)."
        );
        assert_eq!(deadline["allOf"][0]["$ref"], "#/definitions/Date");
    }

    #[test]
    fn statuses_are_the_five_words() {
        let root = roadmap_schema();
        assert_eq!(
            root["definitions"]["Status"]["enum"],
            serde_json::json!(["todo", "in-progress", "blocked", "done", "dropped"])
        );
    }

    #[test]
    fn the_period_pattern_agrees_with_the_reader() {
        let root = roadmap_schema();
        let period = &root["definitions"]["Period"];
        for text in [
            "1 month",
            "2 weeks",
            "monthly",
            "quarter",
            "3 years",
            " 1 day ",
            "10 days",
            "0 weeks",
            "soon",
            "1 fortnight",
            "1 month 2",
            "",
        ] {
            let reader = crate::dates::Period::parse(text).is_some();
            let schema = jsonschema::is_valid(period, &Value::from(text));
            assert_eq!(schema, reader, "{text:?}");
        }
    }
}
