//! How times are shown and read back: local time by default, UTC on demand, always
//! as `YYYY-MM-DD HH:MM` on a 24-hour clock, in every language.
//!
//! Every date and time a responder types is read by [`read_typed`], the one reader
//! of typed times: an empty field is "no time", a complete local date and time is
//! that instant, and anything else (a time without its date, a date without its
//! time, a 13th month) is refused with its reason, never replaced by "now".
//! Every date typed alone (a due date, a range) is read by [`read_typed_date`],
//! `YYYY-MM-DD`, with the same rule: empty is "no date", a date cut short or
//! impossible is refused with its [`DateRefusal`].

use crate::domain::wall::Wall;
use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Formats a time as `YYYY-MM-DD HH:MM`, in local time or with a UTC suffix.
pub fn show(at: DateTime<Utc>, utc: bool, utc_suffix: &str) -> String {
    if utc {
        format!("{} {utc_suffix}", Wall::of(&at).date_time())
    } else {
        input_value(at)
    }
}

/// Formats a time as a local wall-clock time, `HH:MM`, with the date before it
/// when it is not on the same local day as `now`.
pub fn clock(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let (at, now) = (at.with_timezone(&Local), now.with_timezone(&Local));
    let shown = Wall::of(&at);
    if at.date_naive() == now.date_naive() {
        shown.clock()
    } else {
        shown.date_time()
    }
}

/// A time as a date-time field holds it: local wall time, `YYYY-MM-DD HH:MM`.
pub fn input_value(at: DateTime<Utc>) -> String {
    Wall::of(&at.with_timezone(&Local)).date_time()
}

/// Why a typed date and time was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeRefusal {
    /// A time of day without its date ("09:05").
    TimeOnly,
    /// A date without its time of day ("2026-03-02").
    DateOnly,
    /// The shape of a date and time with a day or an hour that does not exist
    /// ("2026-02-30 09:05", "2026-03-02 25:00").
    NotReal,
    /// A local time the clocks skip when they move forward.
    Skipped,
    /// Anything else.
    Unreadable,
}

/// Whether `token` looks like a date: digits, `-` or `/`, digits, the same
/// separator, digits, with a four-digit year.
fn date_shape(token: &str) -> Option<(i32, u32, u32)> {
    let sep = if token.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = token.split(sep).collect();
    let digits = |p: &&str| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit());
    if parts.len() != 3 || !parts.iter().all(digits) || parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2
    {
        return None;
    }
    Some((parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?))
}

/// Whether `token` looks like a time of day: `H:MM` or `HH:MM`, optionally `:SS`.
fn time_shape(token: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = token.split(':').collect();
    let digits = |p: &&str| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit());
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(digits) || parts[1..].iter().any(|p| p.len() != 2) {
        return None;
    }
    let second = parts.get(2).map_or(Some(0), |s| s.parse().ok())?;
    Some((parts[0].parse().ok()?, parts[1].parse().ok()?, second))
}

/// Reads a typed local date and time without placing it in a time zone.
/// `Ok(None)` means the field is empty. The date and the time are separated by
/// spaces or a `T` (the form a date-time picker gives).
pub fn read_wall(value: &str) -> Result<Option<NaiveDateTime>, TimeRefusal> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let tokens: Vec<&str> = value.split(|c: char| c.is_whitespace() || c == 'T').filter(|t| !t.is_empty()).collect();
    match tokens.as_slice() {
        [one] if time_shape(one).is_some() => Err(TimeRefusal::TimeOnly),
        [one] if date_shape(one).is_some() => Err(TimeRefusal::DateOnly),
        [date, time] => {
            let ((y, m, d), (h, min, s)) = match (date_shape(date), time_shape(time)) {
                (Some(date), Some(time)) => (date, time),
                _ => return Err(TimeRefusal::Unreadable),
            };
            let date = NaiveDate::from_ymd_opt(y, m, d).ok_or(TimeRefusal::NotReal)?;
            let time = NaiveTime::from_hms_opt(h, min, s).ok_or(TimeRefusal::NotReal)?;
            Ok(Some(date.and_time(time)))
        }
        _ => Err(TimeRefusal::Unreadable),
    }
}

/// Reads a typed local date and time (see [`read_wall`]) as UTC. A time the
/// clocks pass twice is the earlier one.
pub fn read_typed(value: &str) -> Result<Option<DateTime<Utc>>, TimeRefusal> {
    let Some(naive) = read_wall(value)? else {
        return Ok(None);
    };
    Local.from_local_datetime(&naive).earliest().map(|at| Some(at.with_timezone(&Utc))).ok_or(TimeRefusal::Skipped)
}

/// Why a typed date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRefusal {
    /// The beginning of a date, or a date without its year ("2026-12", "2026",
    /// "12-03").
    Partial,
    /// The shape of a date with a month or a day that does not exist
    /// ("2026-02-30", "2026-13-01").
    NotReal,
    /// Anything else ("12/03/2026", "soon", a date with a time).
    Unreadable,
}

/// Whether `value` is a date cut short: up to three groups of digits separated
/// by `-` or `/`, the later groups missing or empty, with a four-digit year first,
/// or a month and a day alone.
fn partial_date(value: &str) -> bool {
    let sep = if value.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = value.split(sep).collect();
    let digits = |p: &str, most: usize| p.len() <= most && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [year, rest @ ..] if year.len() == 4 && digits(year, 4) => {
            rest.len() <= 2
                && rest.iter().all(|p| digits(p, 2))
                && rest.iter().position(|p| p.is_empty()).is_none_or(|at| rest[at..].iter().all(|p| p.is_empty()))
        }
        [month, day] => !month.is_empty() && !day.is_empty() && digits(month, 2) && digits(day, 2),
        _ => false,
    }
}

/// Reads a typed date, `YYYY-MM-DD` (or with `/`), the one reader of typed
/// dates. `Ok(None)` means the field is empty; a date cut short or impossible is
/// refused with its reason, never dropped or replaced.
pub fn read_typed_date(value: &str) -> Result<Option<NaiveDate>, DateRefusal> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if let Some((y, m, d)) = date_shape(value) {
        return NaiveDate::from_ymd_opt(y, m, d).map(Some).ok_or(DateRefusal::NotReal);
    }
    Err(if partial_date(value) { DateRefusal::Partial } else { DateRefusal::Unreadable })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(value: &str) -> Result<Option<String>, TimeRefusal> {
        read_wall(value).map(|at| at.map(|at| at.format("%Y-%m-%d %H:%M:%S").to_string()))
    }

    #[test]
    fn complete_dates_and_times_are_read() {
        let at = Ok(Some("2026-03-02 09:05:00".to_owned()));
        for typed in
            ["2026-03-02 09:05", "2026-03-02T09:05", " 2026-3-2  9:05 ", "2026/03/02 09:05", "2026-03-02T09:05:00"]
        {
            assert_eq!(wall(typed), at, "{typed:?}");
        }
        assert_eq!(wall(""), Ok(None));
        assert_eq!(wall("   "), Ok(None));
    }

    #[test]
    fn whole_dates_are_read_and_empty_is_no_date() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3);
        for typed in ["2026-12-03", " 2026-12-3 ", "2026/12/03"] {
            assert_eq!(read_typed_date(typed), Ok(day), "{typed:?}");
        }
        assert_eq!(read_typed_date(""), Ok(None));
        assert_eq!(read_typed_date("  "), Ok(None));
    }

    #[test]
    fn partial_and_impossible_dates_are_refused_with_their_reason() {
        for typed in ["2026-12", "2026", "2026-", "2026-12-", "2026/12", "12-03"] {
            assert_eq!(read_typed_date(typed), Err(DateRefusal::Partial), "{typed:?}");
        }
        for typed in ["2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31"] {
            assert_eq!(read_typed_date(typed), Err(DateRefusal::NotReal), "{typed:?}");
        }
        for typed in ["12/03/2026", "26-12-03", "soon", "2026-12-03 14:30", "2026--03", "2026-12/03", "20261203", "-12"]
        {
            assert_eq!(read_typed_date(typed), Err(DateRefusal::Unreadable), "{typed:?}");
        }
    }

    #[test]
    fn partial_and_impossible_times_are_refused_with_their_reason() {
        assert_eq!(wall("09:05"), Err(TimeRefusal::TimeOnly));
        assert_eq!(wall("9:05:30"), Err(TimeRefusal::TimeOnly));
        assert_eq!(wall("2026-03-02"), Err(TimeRefusal::DateOnly));
        assert_eq!(wall("2026-02-30 09:05"), Err(TimeRefusal::NotReal));
        assert_eq!(wall("2026-03-02 25:00"), Err(TimeRefusal::NotReal));
        assert_eq!(wall("2026-13-02 09:05"), Err(TimeRefusal::NotReal));
        for typed in ["soon", "09:05 2026-03-02", "2026-03-02 9", "26-03-02 09:05", "2026-03-02 09:05 PM", "0905"] {
            assert_eq!(wall(typed), Err(TimeRefusal::Unreadable), "{typed:?}");
        }
    }
}
