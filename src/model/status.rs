//! The five statuses, and how a stray word maps to the nearest one.

use std::fmt;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Status {
    Todo,
    InProgress,
    Blocked,
    Done,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Todo,
        Status::InProgress,
        Status::Blocked,
        Status::Done,
        Status::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::InProgress => "in-progress",
            Status::Blocked => "blocked",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// What the status says about the work, in one line (completion and
    /// hover show it next to the word).
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Todo => "Planned, not started yet.",
            Status::InProgress => "Being worked on now.",
            Status::Blocked => "Started but waiting on something or someone else.",
            Status::Done => "Finished: the goal or task is met.",
            Status::Dropped => "Given up on purpose; kept for the record and no longer checked.",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Done or dropped: nothing more is expected of it.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Dropped)
    }

    /// The status a user most likely meant: synonyms first (`wip`,
    /// `finished`, `In Progress`), then spelling distance.
    pub fn nearest(text: &str) -> Option<Status> {
        let normal: String = text
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '_' { '-' } else { c })
            .collect();
        if let Some(status) = Status::parse(&normal) {
            return Some(status);
        }
        let synonym = match normal.as_str() {
            "wip" | "doing" | "started" | "ongoing" | "active" | "in-work" | "progress"
            | "inprogress" | "working" | "underway" | "in-flight" => Status::InProgress,
            "finished" | "complete" | "completed" | "closed" | "achieved" | "met" | "shipped"
            | "resolved" | "accomplished" | "fertig" => Status::Done,
            "not-started" | "open" | "planned" | "new" | "backlog" | "to-do" | "pending"
            | "later" | "idea" => Status::Todo,
            "on-hold" | "waiting" | "stuck" | "paused" | "hold" | "parked" => Status::Blocked,
            "cancelled" | "canceled" | "abandoned" | "won't-do" | "wont-do" | "wontfix"
            | "skipped" | "obsolete" | "removed" => Status::Dropped,
            _ => {
                let words = Status::ALL.map(Status::as_str);
                let nearest = super::schema::nearest(&normal, words)?;
                return Status::parse(nearest);
            }
        };
        Some(synonym)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_words_map_to_the_status_meant() {
        let cases = [
            ("In Progress", Some(Status::InProgress)),
            ("wip", Some(Status::InProgress)),
            ("finished", Some(Status::Done)),
            ("Done", Some(Status::Done)),
            ("on hold", Some(Status::Blocked)),
            ("cancelled", Some(Status::Dropped)),
            ("tood", Some(Status::Todo)),
            ("blokced", Some(Status::Blocked)),
            ("banana", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(Status::nearest(typed), expected, "{typed}");
        }
    }
}
