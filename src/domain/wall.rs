//! Times as Sitrep writes them: zero-padded numbers in a few fixed shapes
//! (`2026-03-02 09:05`, `09:05`, `20260302T090500`), written directly. chrono's
//! `format` reads a strftime pattern at run time; its interpreter was the largest
//! part of chrono in the app's WebAssembly, for shapes that never change.

use chrono::{Datelike, Timelike};

/// The calendar and clock fields of a time, in the zone it was taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wall {
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

impl Wall {
    /// The fields of `at`: a date and time in any zone, or a naive one.
    pub fn of(at: &(impl Datelike + Timelike)) -> Wall {
        Wall { hour: at.hour(), minute: at.minute(), second: at.second(), ..Wall::day(at) }
    }

    /// The fields of a day, at midnight.
    pub fn day(day: &impl Datelike) -> Wall {
        Wall { year: day.year(), month: day.month(), day: day.day(), hour: 0, minute: 0, second: 0 }
    }

    /// `2026-03-02`.
    pub fn date(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `09:05`.
    pub fn clock(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    /// `2026-03-02 09:05`: how Sitrep shows a date and time everywhere.
    pub fn date_time(self) -> String {
        format!("{} {}", self.date(), self.clock())
    }

    /// `03-02`.
    pub fn month_day(self) -> String {
        format!("{:02}-{:02}", self.month, self.day)
    }

    /// `2026-03-02-0905`: a date and time in a file's name.
    pub fn in_file_name(self) -> String {
        format!("{}-{:02}{:02}", self.date(), self.hour, self.minute)
    }

    /// `20260302`: the basic format of ISO 8601 (iCalendar's dates).
    pub fn basic_date(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    /// `20260302T090500`: the basic format with the time to the second.
    pub fn basic_date_time(self) -> String {
        format!("{}T{:02}{:02}{:02}", self.basic_date(), self.hour, self.minute, self.second)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn every_shape_writes_what_chrono_format_would() {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 5, 7).unwrap();
        let wall = Wall::of(&at);
        let shapes = [
            (wall.date(), "%Y-%m-%d"),
            (wall.clock(), "%H:%M"),
            (wall.date_time(), "%Y-%m-%d %H:%M"),
            (wall.month_day(), "%m-%d"),
            (wall.in_file_name(), "%Y-%m-%d-%H%M"),
            (wall.basic_date(), "%Y%m%d"),
            (wall.basic_date_time(), "%Y%m%dT%H%M%S"),
        ];
        for (written, pattern) in shapes {
            assert_eq!(written, at.format(pattern).to_string(), "{pattern}");
        }
        let day = NaiveDate::from_ymd_opt(987, 12, 31).unwrap();
        assert_eq!(Wall::day(&day).date(), "0987-12-31");
        assert_eq!(Wall::day(&day).date(), day.format("%Y-%m-%d").to_string());
    }
}
