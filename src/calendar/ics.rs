//! RFC 5545 text: property values escaped, lines folded at 75 octets
//! without splitting a UTF-8 character, CRLF line ends.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::{Event, Repeat};
use crate::dates::Period;

/// The longest line RFC 5545 allows, in octets, without its CRLF.
const MAX_LINE: usize = 75;

/// A whole `VCALENDAR` with `events`, stamped `today` (`DTSTAMP` must be a
/// UTC date-time; the day keeps the output reproducible).
pub fn calendar(name: &str, events: &[Event], today: NaiveDate) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!(
            "PRODID:-//roadmap-lsp//roadmap-lsp {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    let stamp = format!("{}T000000Z", date(today));
    for event in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", text(&event.uid)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", date(event.date)),
        );
        if let Some(end) = event.date.succ_opt() {
            line(&mut out, &format!("DTEND;VALUE=DATE:{}", date(end)));
        }
        if let Some(repeat) = &event.repeat {
            line(&mut out, &format!("RRULE:{}", rrule(repeat)));
        }
        line(&mut out, &format!("SUMMARY:{}", text(&event.summary)));
        if !event.description.is_empty() {
            line(
                &mut out,
                &format!("DESCRIPTION:{}", text(&event.description)),
            );
        }
        if !event.categories.is_empty() {
            let categories: Vec<String> = event.categories.iter().map(|c| text(c)).collect();
            line(&mut out, &format!("CATEGORIES:{}", categories.join(",")));
        }
        // All-day markers: shown as free time, not as a busy day.
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// `FREQ=WEEKLY;INTERVAL=2`, and `UNTIL` when the repetition ends.
pub fn rrule(repeat: &Repeat) -> String {
    let (freq, interval) = match repeat.every {
        Period::Days(days) if days % 7 == 0 => ("WEEKLY", days / 7),
        Period::Days(days) => ("DAILY", days),
        Period::Months(months) if months % 12 == 0 => ("YEARLY", months / 12),
        Period::Months(months) => ("MONTHLY", months),
    };
    let mut rule = format!("FREQ={freq}");
    if interval != 1 {
        let _ = write!(rule, ";INTERVAL={interval}");
    }
    if let Some(until) = repeat.until {
        let _ = write!(rule, ";UNTIL={}", date(until));
    }
    rule
}

fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped
/// (RFC 5545 §3.3.11); other control characters dropped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // CRLF is one line break.
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `content` as one logical line: folded into physical lines of at
/// most 75 octets, each continuation starting with a space, never inside a
/// UTF-8 character.
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut limit = MAX_LINE;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space counts towards the next line's 75 octets.
        limit = MAX_LINE - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_rfc_5545_asks() {
        assert_eq!(text("a;b,c\\d\r\ne\nf\u{1b}"), "a\\;b\\,c\\\\d\\ne\\nf");
    }

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        let content = format!("SUMMARY:{}", "é🚀漢".repeat(30));
        line(&mut out, &content);
        let physical: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(physical.len() > 1);
        for (n, piece) in physical.iter().enumerate() {
            assert!(piece.len() <= 75, "line {n} has {} octets", piece.len());
            assert_eq!(n > 0, piece.starts_with(' '));
        }
        // Unfolding gives the content back.
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{content}\r\n"));
    }

    #[test]
    fn periods_become_recurrence_rules() {
        let of = |every, until| rrule(&Repeat { every, until });
        assert_eq!(of(Period::Days(7), None), "FREQ=WEEKLY");
        assert_eq!(of(Period::Days(14), None), "FREQ=WEEKLY;INTERVAL=2");
        assert_eq!(of(Period::Days(3), None), "FREQ=DAILY;INTERVAL=3");
        assert_eq!(of(Period::Months(3), None), "FREQ=MONTHLY;INTERVAL=3");
        let until = crate::dates::parse_date("2030-12-31");
        assert_eq!(of(Period::Months(12), until), "FREQ=YEARLY;UNTIL=20301231");
    }
}
