//! "Today", and the calendar arithmetic the date rules need.

use chrono::{Datelike, Local, Months, NaiveDate, Weekday};

/// The environment variable that pins "today" for tests, CI and demos.
pub const TODAY_ENV: &str = "ROADMAP_TODAY";

/// Parses a `YYYY-MM-DD` date (exactly that shape, surrounding blanks
/// allowed). Hand-rolled because every date in a roadmap goes through it,
/// and chrono's format parser costs more than the rest of reading a field.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.trim().as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| -> Option<u32> {
        digits.iter().try_fold(0u32, |acc, &b| {
            b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(&bytes[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&bytes[5..7])?, number(&bytes[8..10])?)
}

/// Today: an explicit value wins, then `ROADMAP_TODAY`, then the clock.
/// A malformed `ROADMAP_TODAY` is an error rather than silently ignored.
pub fn resolve_today(explicit: Option<NaiveDate>) -> Result<NaiveDate, String> {
    if let Some(today) = explicit {
        return Ok(today);
    }
    match std::env::var(TODAY_ENV) {
        Ok(value) if !value.trim().is_empty() => parse_date(&value)
            .ok_or_else(|| format!("{TODAY_ENV}={value:?} is not a date in the form YYYY-MM-DD")),
        _ => Ok(Local::now().date_naive()),
    }
}

/// One-word cadences read besides "N units" (the vocabulary's, see
/// `model::vocabulary`).
pub const PERIOD_ADVERBS: &[(&str, Period)] = &[
    ("daily", Period::Days(1)),
    ("weekly", Period::Days(7)),
    ("fortnightly", Period::Days(14)),
    ("biweekly", Period::Days(14)),
    ("monthly", Period::Months(1)),
    ("quarterly", Period::Months(3)),
    ("yearly", Period::Months(12)),
    ("annually", Period::Months(12)),
];

/// A review or meeting cadence such as "2 weeks" or "1 month".
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Period {
    Days(u32),
    Months(u32),
}

impl Period {
    /// Reads "N day(s)/week(s)/month(s)/quarter(s)/year(s)" (N defaults to 1)
    /// and the adverbs weekly, fortnightly, monthly, quarterly, yearly.
    pub fn parse(text: &str) -> Option<Period> {
        let text = text.trim().to_ascii_lowercase();
        if let Some((_, period)) = PERIOD_ADVERBS.iter().find(|(word, _)| *word == text) {
            return Some(*period);
        }
        let mut words = text.split_whitespace();
        let first = words.next()?;
        let (count, unit) = match first.parse::<u32>() {
            Ok(count) => (count, words.next()?),
            Err(_) => (1, first),
        };
        if words.next().is_some() || count == 0 {
            return None;
        }
        let unit = unit.strip_suffix('s').unwrap_or(unit);
        Some(match unit {
            "day" => Period::Days(count),
            "week" => Period::Days(count.checked_mul(7)?),
            "month" => Period::Months(count),
            "quarter" => Period::Months(count.checked_mul(3)?),
            "year" => Period::Months(count.checked_mul(12)?),
            _ => return None,
        })
    }

    /// `date` plus this period; `None` past the calendar's end.
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Days(days) => date.checked_add_days(chrono::Days::new(days.into())),
            Period::Months(months) => date.checked_add_months(Months::new(months)),
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (count, unit) = match *self {
            Period::Days(days) if days % 7 == 0 => (days / 7, "week"),
            Period::Days(days) => (days, "day"),
            Period::Months(months) if months % 12 == 0 => (months / 12, "year"),
            Period::Months(months) if months % 3 == 0 => (months / 3, "quarter"),
            Period::Months(months) => (months, "month"),
        };
        let plural = if count == 1 { "" } else { "s" };
        write!(f, "{count} {unit}{plural}")
    }
}

/// `date` relative to `today` in words: "today", "in 12 days", "3 days ago".
pub fn relative(date: NaiveDate, today: NaiveDate) -> String {
    let days = (date - today).num_days();
    match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        d if d > 0 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

/// The last day of `date`'s calendar quarter.
pub fn end_of_quarter(date: NaiveDate) -> NaiveDate {
    let last_month = (date.month0() / 3) * 3 + 3;
    end_of_month_of(date.year(), last_month).unwrap_or(date)
}

/// The last day of `month` (1-based) in `year`.
pub fn end_of_month_of(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// Turns a phrase users type for a date into one, counted from `today`:
/// `today`, `tomorrow`, `friday` / `next friday` / `this friday`,
/// `in 3 days` / `in 2 weeks` / `in a month`, `end of month` / `quarter` /
/// `year` (also `end of next …`), `end of q3`, `end of march`. Case and extra
/// blanks do not matter; weekdays may be abbreviated (`fri`).
///
/// The rules, so a phrase always means one day:
/// - a weekday (`friday`, `next friday`) is the first one strictly after
///   today; `this friday` may be today;
/// - `end of q1` or `end of march` is the next such end that is not past:
///   in Q4, `end of q1` is next year's.
///
/// `None` for anything else, or a date past the calendar's end.
pub fn parse_phrase(phrase: &str, today: NaiveDate) -> Option<NaiveDate> {
    let lower = phrase.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        ["today" | "now"] => Some(today),
        ["tomorrow"] => today.succ_opt(),
        ["yesterday"] => today.pred_opt(),
        ["eom"] => end_of_month_of(today.year(), today.month()),
        ["eoq"] => Some(end_of_quarter(today)),
        ["eoy"] => end_of_month_of(today.year(), 12),
        ["this", day] => weekday_from(today, weekday_named(day)?, 0),
        ["next" | "on", day] | [day] => weekday_from(today, weekday_named(day)?, 1),
        ["in", count, unit] => {
            let count = match *count {
                "a" | "an" | "one" => "1",
                other => other,
            };
            Period::parse(&format!("{count} {unit}"))?.after(today)
        }
        ["in", unit] => Period::parse(unit)?.after(today),
        ["end", "of", rest @ ..] => end_of(rest, today),
        _ => None,
    }
}

/// The end named by the words after "end of" (`month`, `next quarter`, `q3`,
/// `march`), as [`parse_phrase`] documents it.
fn end_of(words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    let words = match words {
        ["the" | "this", rest @ ..] => rest,
        _ => words,
    };
    match words {
        ["month"] => end_of_month_of(today.year(), today.month()),
        ["next", "month"] => {
            let next = today.with_day(1)?.checked_add_months(Months::new(1))?;
            end_of_month_of(next.year(), next.month())
        }
        ["quarter"] => Some(end_of_quarter(today)),
        ["next", "quarter"] => Some(end_of_quarter(end_of_quarter(today).succ_opt()?)),
        ["year"] => end_of_month_of(today.year(), 12),
        ["next", "year"] => end_of_month_of(today.year().checked_add(1)?, 12),
        [name] => {
            let month = quarter_end_month(name).or_else(|| month_named(name))?;
            let this_year = end_of_month_of(today.year(), month)?;
            if this_year >= today {
                Some(this_year)
            } else {
                end_of_month_of(today.year().checked_add(1)?, month)
            }
        }
        _ => None,
    }
}

/// `q1`..`q4` as the quarter's last month.
fn quarter_end_month(name: &str) -> Option<u32> {
    match name {
        "q1" => Some(3),
        "q2" => Some(6),
        "q3" => Some(9),
        "q4" => Some(12),
        _ => None,
    }
}

/// A month's name or its three-letter abbreviation, 1-based.
fn month_named(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let index = MONTHS
        .iter()
        .position(|month| *month == name || (name.len() == 3 && month.starts_with(name)))?;
    u32::try_from(index + 1).ok()
}

/// A weekday's name, or an abbreviation of at least three letters (`fri`,
/// `thurs`).
fn weekday_named(name: &str) -> Option<Weekday> {
    if name.len() < 3 {
        return None;
    }
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .find(|day| weekday_name(*day).to_lowercase().starts_with(name))
}

/// The first `weekday` at least `skip` days after `today`.
fn weekday_from(today: NaiveDate, weekday: Weekday, skip: u32) -> Option<NaiveDate> {
    let start = today.checked_add_days(chrono::Days::new(skip.into()))?;
    let ahead = (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
    start.checked_add_days(chrono::Days::new(ahead.into()))
}

/// The weekday in English, capitalised: "Friday".
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn dates_have_one_shape() {
        assert_eq!(
            parse_date(" 2026-11-23 "),
            NaiveDate::from_ymd_opt(2026, 11, 23)
        );
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "2026-1-01",
            "26-11-23",
            "2026/11/23",
            "2026-11-2x",
            "",
            "２026-11-23",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods_read_the_forms_users_write() {
        assert_eq!(Period::parse("1 month"), Some(Period::Months(1)));
        assert_eq!(Period::parse("2 weeks"), Some(Period::Days(14)));
        assert_eq!(Period::parse("1 quarter"), Some(Period::Months(3)));
        assert_eq!(Period::parse(" Monthly "), Some(Period::Months(1)));
        assert_eq!(Period::parse("week"), Some(Period::Days(7)));
        assert_eq!(Period::parse("0 days"), None);
        assert_eq!(Period::parse("every now and then"), None);
        assert_eq!(Period::parse("3 fortnights"), None);
    }

    #[test]
    fn month_periods_clamp_to_the_end_of_short_months() {
        assert_eq!(
            Period::Months(1).after(date("2026-01-31")),
            Some(date("2026-02-28"))
        );
        assert_eq!(
            Period::Days(14).after(date("2026-12-25")),
            Some(date("2027-01-08"))
        );
    }

    #[test]
    fn periods_and_distances_read_naturally() {
        assert_eq!(Period::Days(14).to_string(), "2 weeks");
        assert_eq!(Period::Months(3).to_string(), "1 quarter");
        assert_eq!(Period::Months(1).to_string(), "1 month");
        assert_eq!(Period::Days(10).to_string(), "10 days");
        let today = date("2026-11-23");
        assert_eq!(relative(date("2026-12-05"), today), "in 12 days");
        assert_eq!(relative(date("2026-11-20"), today), "3 days ago");
        assert_eq!(relative(today, today), "today");
    }

    #[test]
    fn quarters_end_on_their_last_day() {
        assert_eq!(end_of_quarter(date("2026-11-23")), date("2026-12-31"));
        assert_eq!(end_of_quarter(date("2026-01-01")), date("2026-03-31"));
        assert_eq!(end_of_quarter(date("2026-06-30")), date("2026-06-30"));
        assert_eq!(end_of_month_of(2028, 2), Some(date("2028-02-29")));
    }

    #[test]
    fn phrases_turn_into_dates() {
        // A Monday in Q4.
        let today = date("2026-11-23");
        let cases = [
            ("today", "2026-11-23"),
            ("Tomorrow", "2026-11-24"),
            ("next friday", "2026-11-27"),
            ("friday", "2026-11-27"),
            ("next  Fri", "2026-11-27"),
            ("next monday", "2026-11-30"),
            ("this monday", "2026-11-23"),
            ("in 3 days", "2026-11-26"),
            ("in 2 weeks", "2026-12-07"),
            ("in a month", "2026-12-23"),
            ("in 1 quarter", "2027-02-23"),
            ("end of month", "2026-11-30"),
            ("end of the month", "2026-11-30"),
            ("end of next month", "2026-12-31"),
            ("end of quarter", "2026-12-31"),
            ("end of next quarter", "2027-03-31"),
            ("end of year", "2026-12-31"),
            ("end of next year", "2027-12-31"),
            ("end of q4", "2026-12-31"),
            ("end of march", "2027-03-31"),
            ("end of nov", "2026-11-30"),
            ("eoq", "2026-12-31"),
        ];
        for (phrase, expected) in cases {
            assert_eq!(
                parse_phrase(phrase, today),
                Some(date(expected)),
                "{phrase}"
            );
        }
    }

    #[test]
    fn a_quarter_already_past_means_next_years() {
        let today = date("2026-11-23");
        assert_eq!(parse_phrase("end of q1", today), Some(date("2027-03-31")));
        assert_eq!(parse_phrase("end of q3", today), Some(date("2027-09-30")));
        let early = date("2026-02-10");
        assert_eq!(parse_phrase("end of q1", early), Some(date("2026-03-31")));
        assert_eq!(parse_phrase("end of q3", early), Some(date("2026-09-30")));
    }

    #[test]
    fn end_of_next_month_clamps_to_short_months() {
        assert_eq!(
            parse_phrase("end of next month", date("2026-01-31")),
            Some(date("2026-02-28"))
        );
    }

    #[test]
    fn nonsense_and_overflow_are_not_dates() {
        let today = date("2026-11-23");
        for phrase in [
            "",
            "soon",
            "next fr",
            "next",
            "in 0 days",
            "in 2 fortnights",
            "end of q5",
            "end of",
            "next friday please",
            "in 99999999 years",
        ] {
            assert_eq!(parse_phrase(phrase, today), None, "{phrase}");
        }
        assert_eq!(parse_phrase("tomorrow", NaiveDate::MAX), None);
    }
}
