//! Test support for editor features: a text with a `$0` cursor marker, and
//! its analysis on a fixed day, so date-dependent output is stable.

use chrono::NaiveDate;

use crate::analysis::{Analysis, analyze};
use crate::config::Settings;

/// The day every feature test runs on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")
}

/// Splits `$0` out of `text`: the text without it, and its byte offset.
pub fn cursor(text_with_marker: &str) -> (String, usize) {
    let offset = text_with_marker
        .find("$0")
        .expect("the fixture has a `$0` cursor marker");
    let mut text = text_with_marker.to_string();
    text.replace_range(offset..offset + 2, "");
    (text, offset)
}

pub fn analysis(text: &str) -> Analysis {
    analyze(text, today(), &Settings::default())
}

/// Applies edits (non-overlapping byte ranges) to `text`.
pub fn apply(text: &str, edits: &[super::TextEdit]) -> String {
    super::apply_edits(text, edits)
}
