//! Messages of typed dates and times (`common::time`), in every language.

use super::time::{DateRefusal, TimeRefusal};
use crate::ui::i18n::fill;

/// The messages in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct TimeText {
    /// What a date-time field shows while empty: the form it reads.
    pub placeholder: &'static str,
    /// The form a date-time field reads, for its hint.
    pub format_hint: &'static str,
    pub time_only: &'static str,
    pub date_only: &'static str,
    pub not_real: &'static str,
    pub skipped: &'static str,
    pub unreadable: &'static str,
    /// A field that needs a time was left empty.
    pub missing: &'static str,
    /// What a date field shows while empty: the form it reads.
    pub date_placeholder: &'static str,
    pub date_partial: &'static str,
    pub date_not_real: &'static str,
    pub date_unreadable: &'static str,
    /// A field that needs a date was left empty.
    pub date_missing: &'static str,
}

impl TimeText {
    /// Why `typed` was refused, in words.
    pub fn refusal(&self, refusal: TimeRefusal, typed: &str) -> String {
        let template = match refusal {
            TimeRefusal::TimeOnly => self.time_only,
            TimeRefusal::DateOnly => self.date_only,
            TimeRefusal::NotReal => self.not_real,
            TimeRefusal::Skipped => self.skipped,
            TimeRefusal::Unreadable => self.unreadable,
        };
        fill(template, &[("typed", typed.trim())])
    }

    /// Why `typed` was refused as a date, in words.
    pub fn date_refusal(&self, refusal: DateRefusal, typed: &str) -> String {
        let template = match refusal {
            DateRefusal::Partial => self.date_partial,
            DateRefusal::NotReal => self.date_not_real,
            DateRefusal::Unreadable => self.date_unreadable,
        };
        fill(template, &[("typed", typed.trim())])
    }
}

pub const EN: TimeText = TimeText {
    placeholder: "YYYY-MM-DD HH:MM",
    format_hint: "Your local time, 24-hour, as YYYY-MM-DD HH:MM.",
    time_only: "“{typed}” has a time but no date, so it was not used. Type the date too, as YYYY-MM-DD HH:MM.",
    date_only: "“{typed}” has a date but no time, so it was not used. Add the time, as YYYY-MM-DD HH:MM.",
    not_real: "“{typed}” is not a real date and time. Check the month, day, hour and minutes.",
    skipped: "“{typed}” does not exist in your time zone: the clocks skip it. Type another time.",
    unreadable:
        "“{typed}” could not be read as a date and time. Type it as YYYY-MM-DD HH:MM, for example 2026-03-02 09:05.",
    missing: "Type a date and time first, as YYYY-MM-DD HH:MM.",
    date_placeholder: "YYYY-MM-DD",
    date_partial: "“{typed}” is not a whole date, so it was not used. Type the year, month and day, as YYYY-MM-DD.",
    date_not_real: "“{typed}” is not a real date, so it was not used. Check the month and day.",
    date_unreadable:
        "“{typed}” could not be read as a date, so it was not used. Type it as YYYY-MM-DD, for example 2026-03-02.",
    date_missing: "Type a date, as YYYY-MM-DD.",
};

pub const ZH_TW: TimeText = TimeText {
    placeholder: "年-月-日 時:分（YYYY-MM-DD HH:MM）",
    format_hint: "你的本地時間，24 小時制，格式為 YYYY-MM-DD HH:MM。",
    time_only: "「{typed}」只有時間沒有日期，因此沒有採用。請一併輸入日期，格式為 YYYY-MM-DD HH:MM。",
    date_only: "「{typed}」只有日期沒有時間，因此沒有採用。請補上時間，格式為 YYYY-MM-DD HH:MM。",
    not_real: "「{typed}」不是實際存在的日期時間。請檢查月、日、時與分。",
    skipped: "「{typed}」在你的時區不存在（時鐘會跳過這段時間）。請輸入其他時間。",
    unreadable: "無法將「{typed}」讀成日期時間。請依 YYYY-MM-DD HH:MM 格式輸入，例如 2026-03-02 09:05。",
    missing: "請先輸入日期與時間，格式為 YYYY-MM-DD HH:MM。",
    date_placeholder: "年-月-日（YYYY-MM-DD）",
    date_partial: "「{typed}」不是完整的日期，因此沒有採用。請輸入年、月、日，格式為 YYYY-MM-DD。",
    date_not_real: "「{typed}」不是實際存在的日期，因此沒有採用。請檢查月與日。",
    date_unreadable: "無法將「{typed}」讀成日期，因此沒有採用。請依 YYYY-MM-DD 格式輸入，例如 2026-03-02。",
    date_missing: "請輸入日期，格式為 YYYY-MM-DD。",
};
