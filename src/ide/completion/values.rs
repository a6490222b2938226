//! Values: statuses and other words of the vocabulary, booleans, goal
//! and skill ids, and dates (fixed ones and typed phrases).

use super::*;

impl<'a> Ctx<'a> {
    /// Values for the key of `entry`, by what the schema says it holds.
    pub(super) fn values(
        &self,
        cursor: &locate::Cursor<'_>,
        entry: &Entry,
        slot: &Slot,
        out: &mut Vec<Completion>,
    ) {
        let Some(table) = cursor.table_kind() else {
            return;
        };
        let Some(key) = entry.key.segments.last().map(|s| s.name.as_str()) else {
            return;
        };
        if table == TableKind::LintRules {
            self.levels(slot, out);
            return;
        }
        let Some(spec) = table.key(key) else {
            return;
        };
        match (table, spec.value) {
            (_, ValueType::Status) => self.statuses(slot, out),
            (_, ValueType::SkillKind) => enum_values(slot, &terms(&vocabulary::SKILL_KINDS), out),
            (_, ValueType::Role) => enum_values(slot, &terms(&vocabulary::ROLES), out),
            (_, ValueType::Level) => self.levels(slot, out),
            (_, ValueType::Period) => enum_values(slot, &terms(&vocabulary::PERIODS), out),
            (_, ValueType::Boolean) => booleans(slot, out),
            (_, ValueType::Date) => self.dates(slot, out),
            (TableKind::Goal, ValueType::StringList) if key == "depends_on" => {
                self.goal_ids(entry, slot, true, true, out);
            }
            (TableKind::Goal, ValueType::StringList) if key == "skills" => {
                self.skill_ids(entry, slot, out);
            }
            (TableKind::Win, ValueType::String) if key == "goal" => {
                self.goal_ids(entry, slot, false, false, out);
            }
            _ => {}
        }
    }

    pub(super) fn statuses(&self, slot: &Slot, out: &mut Vec<Completion>) {
        out.extend(Status::ALL.into_iter().map(|status| {
            let word = status.as_str();
            Completion {
                label: word.to_string(),
                kind: CompletionKind::Status,
                detail: Some(status.meaning().to_string()),
                documentation: None,
                edit: slot.string_edit(word, false),
                sort_text: None,
                filter_text: Some(word.to_string()),
            }
        }));
    }

    pub(super) fn levels(&self, slot: &Slot, out: &mut Vec<Completion>) {
        enum_values(slot, &terms(&vocabulary::LEVELS), out);
    }

    /// Goal ids, for `depends_on` (a `list`; `exclude_own`: not the goal
    /// the cursor is in) and `wins.goal`. Ids already listed are left out.
    pub(super) fn goal_ids(
        &self,
        entry: &Entry,
        slot: &Slot,
        exclude_own: bool,
        list: bool,
        out: &mut Vec<Completion>,
    ) {
        let own = exclude_own
            .then(|| locate::goal_at(self.analysis, self.offset))
            .flatten()
            .and_then(|(_, goal)| goal.id.as_ref())
            .map(|id| id.value.as_str());
        let listed = self.listed(entry);
        let mut seen = Vec::new();
        for goal in &self.analysis.roadmap.goals {
            let Some(id) = goal.id.as_ref().map(|f| f.value.as_str()) else {
                continue;
            };
            if id.is_empty() || Some(id) == own || listed.contains(&id) || seen.contains(&id) {
                continue;
            }
            seen.push(id);
            let mut facts = Vec::new();
            if let Some(status) = goal.status() {
                facts.push(format!("status: {status}"));
            }
            if let Some(deadline) = &goal.deadline {
                facts.push(format!("deadline: {}", deadline.value));
            }
            out.push(Completion {
                label: id.to_string(),
                kind: CompletionKind::Reference,
                detail: goal.title.as_ref().map(|t| t.value.to_string()),
                documentation: (!facts.is_empty()).then(|| facts.join(" · ")),
                edit: slot.string_edit(id, list),
                sort_text: None,
                filter_text: Some(id.to_string()),
            });
        }
    }

    /// Skill ids for a goal's `skills`, with the gap as detail.
    pub(super) fn skill_ids(&self, entry: &Entry, slot: &Slot, out: &mut Vec<Completion>) {
        let listed = self.listed(entry);
        let mut seen = Vec::new();
        for skill in &self.analysis.roadmap.skills {
            let Some(id) = skill.id.as_ref().map(|f| f.value.as_str()) else {
                continue;
            };
            if id.is_empty() || listed.contains(&id) || seen.contains(&id) {
                continue;
            }
            seen.push(id);
            let detail = match (skill.gap(), &skill.current, &skill.required) {
                (Some(gap), Some(current), Some(required)) if gap > 0 => format!(
                    "gap {gap} (now {}, needs {})",
                    current.value, required.value
                ),
                (Some(_), Some(current), _) => format!("no gap (at {})", current.value),
                _ => "gap unknown".to_string(),
            };
            out.push(Completion {
                label: id.to_string(),
                kind: CompletionKind::Reference,
                detail: Some(detail),
                documentation: skill.name.as_ref().map(|n| n.value.to_string()),
                edit: slot.string_edit(id, true),
                sort_text: None,
                filter_text: Some(id.to_string()),
            });
        }
    }

    /// The strings already in `entry`'s array, but the one being typed.
    pub(super) fn listed<'e>(&self, entry: &'e Entry) -> Vec<&'e str>
    where
        'a: 'e,
    {
        let Some(ValueKind::Array(items)) = entry.value.as_ref().map(|v| &v.kind) else {
            return Vec::new();
        };
        self.analysis
            .tree
            .items(items)
            .iter()
            .filter(|item| !(item.span.start() <= self.offset && self.offset <= item.span.end()))
            .filter_map(|item| item.string(self.text))
            .collect()
    }

    /// Today, the ends of this month, quarter and year, and once something
    /// is typed the common phrases and the typed one, if it reads as a date.
    pub(super) fn dates(&self, slot: &Slot, out: &mut Vec<Completion>) {
        let today = self.today();
        let typed = slot.typed.trim();
        let mut phrases: Vec<String> = ["today", "end of month", "end of quarter", "end of year"]
            .map(String::from)
            .to_vec();
        let typing_a_phrase = typed.chars().next().is_some_and(char::is_alphabetic);
        if typing_a_phrase {
            phrases.extend(
                [
                    "tomorrow",
                    "next monday",
                    "next tuesday",
                    "next wednesday",
                    "next thursday",
                    "next friday",
                    "in 1 week",
                    "in 2 weeks",
                    "in 1 month",
                    "end of next month",
                    "end of next quarter",
                    "end of q1",
                    "end of q2",
                    "end of q3",
                    "end of q4",
                    "end of next year",
                ]
                .map(String::from),
            );
            let normal = typed.split_whitespace().collect::<Vec<_>>().join(" ");
            let normal = normal.to_lowercase();
            if !phrases.contains(&normal) && parse_phrase(&normal, today).is_some() {
                phrases.insert(0, normal);
            }
        }
        let by_date = typed.chars().next().is_some_and(|c| c.is_ascii_digit());
        for phrase in phrases {
            let Some(date) = parse_phrase(&phrase, today) else {
                continue;
            };
            let iso = date.to_string();
            let filter = if by_date { iso.clone() } else { phrase.clone() };
            out.push(Completion {
                label: phrase,
                kind: CompletionKind::Date,
                detail: Some(describe_date(date, today)),
                documentation: None,
                edit: slot.bare_edit(&iso),
                sort_text: None,
                filter_text: Some(slot.bare_filter(&filter)),
            });
        }
    }
}

/// The date a new date key starts with: the end of the quarter for
/// deadlines, the end of the year for the horizon, else today.
pub(super) fn default_date(key: &str, today: NaiveDate) -> NaiveDate {
    match key {
        "deadline" | "due" => end_of_quarter(today),
        "horizon" => end_of_month_of(today.year(), 12).unwrap_or(today),
        _ => today,
    }
}

/// A vocabulary table as (word, meaning) pairs for completion.
pub(super) fn terms<T>(table: &'static [Term<T>]) -> Vec<(&'static str, &'static str)> {
    table.iter().map(|t| (t.word, t.meaning)).collect()
}

pub(super) fn words<T>(table: &'static [Term<T>]) -> Vec<&'static str> {
    table.iter().map(|t| t.word).collect()
}

/// "Friday 2026-11-27 · in 4 days".
pub(super) fn describe_date(date: NaiveDate, today: NaiveDate) -> String {
    format!(
        "{} {date} · {}",
        dates::weekday_name(date.weekday()),
        relative(date, today)
    )
}

pub(super) fn enum_values(slot: &Slot, values: &[(&str, &str)], out: &mut Vec<Completion>) {
    out.extend(values.iter().map(|(word, meaning)| Completion {
        label: word.to_string(),
        kind: CompletionKind::EnumValue,
        detail: Some(meaning.to_string()),
        documentation: None,
        edit: slot.string_edit(word, false),
        sort_text: None,
        filter_text: Some(word.to_string()),
    }));
}

pub(super) fn booleans(slot: &Slot, out: &mut Vec<Completion>) {
    out.extend(["true", "false"].map(|word| Completion {
        label: word.to_string(),
        kind: CompletionKind::Boolean,
        detail: None,
        documentation: None,
        edit: slot.bare_edit(word),
        sort_text: None,
        filter_text: Some(slot.bare_filter(word)),
    }));
}
