//! The five statuses. Their words, meanings and the variants people write
//! are in [`super::vocabulary::STATUSES`].

use std::fmt;

use super::vocabulary::{self, STATUSES};

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
        vocabulary::word_of(&STATUSES, self)
    }

    /// What the status says about the work, in one line (completion shows
    /// it next to the word).
    pub fn meaning(self) -> &'static str {
        STATUSES
            .iter()
            .find(|t| t.value == self)
            .map_or("", |t| t.meaning)
    }

    /// What it means for the checks (hover).
    pub fn description(self) -> &'static str {
        STATUSES
            .iter()
            .find(|t| t.value == self)
            .map_or("", |t| t.description)
    }

    /// Written exactly as one of the five.
    pub fn parse(text: &str) -> Option<Status> {
        vocabulary::find(&STATUSES, text).map(|t| t.value)
    }

    /// Done or dropped: nothing more is expected of it.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Dropped)
    }

    /// A recognisable variant: another case or spacing, emoji, a synonym
    /// (`In Progress`, `🚀 wip`, `finished`).
    pub fn variant(text: &str) -> Option<Status> {
        vocabulary::variant(&STATUSES, text)
    }

    /// The status a user most likely meant: a variant, else the nearest
    /// spelling (`tood`, `blokced`).
    pub fn nearest(text: &str) -> Option<Status> {
        Status::variant(text).or_else(|| vocabulary::nearest(&STATUSES, text))
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
