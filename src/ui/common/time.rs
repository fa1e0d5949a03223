//! How times are shown and read back: local time by default, UTC on demand.

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};

/// Formats a time as `YYYY-MM-DD HH:MM`, in local time or with a UTC suffix.
pub fn show(at: DateTime<Utc>, utc: bool, utc_suffix: &str) -> String {
    if utc {
        format!("{} {utc_suffix}", at.format("%Y-%m-%d %H:%M"))
    } else {
        at.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
    }
}

/// Reads the value of a `datetime-local` input (local wall time) as UTC.
/// `Ok(None)` means the field is empty.
pub fn read_local_input(value: &str) -> Result<Option<DateTime<Utc>>, ()> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| ())?;
    Local.from_local_datetime(&naive).earliest().map(|at| Some(at.with_timezone(&Utc))).ok_or(())
}

/// The current local time as a `datetime-local` value, the upper bound of the
/// event-time picker.
pub fn local_input_now() -> String {
    Local::now().format("%Y-%m-%dT%H:%M").to_string()
}
