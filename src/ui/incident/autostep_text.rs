//! Messages of the checklist steps that complete themselves: why a step is done
//! (the event and its entry), how to untick it, and what will tick an open one,
//! in every language. The events are worded by `domain::words`.

use crate::domain::Language;

/// The messages in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct AutoStepText {
    /// The language of this table.
    pub language: Language,
    /// A step done by the role being taken: `{event}` ("Incident lead
    /// assigned"), `{name}` (who took it), `{time}`.
    pub done_by_role: &'static str,
    /// A step done by another event: `{event}`, `{name}` (who recorded it),
    /// `{time}` (when it happened).
    pub done_by_event: &'static str,
    /// Unticks a step done by itself.
    pub untick: &'static str,
    /// `{step}`.
    pub untick_aria: &'static str,
    /// What will tick an open step: `{event}`.
    pub ticks_when: &'static str,
}

pub static EN: AutoStepText = AutoStepText {
    language: Language::English,
    done_by_role: "Done by itself: {event} to {name}, {time}",
    done_by_event: "Done by itself: {event} by {name}, {time}",
    untick: "Mark not done",
    untick_aria: "Mark not done: {step}",
    ticks_when: "Ticks itself when: {event}",
};

pub static ZH_TW: AutoStepText = AutoStepText {
    language: Language::TraditionalChinese,
    done_by_role: "已自動完成：{event}（{name}），{time}",
    done_by_event: "已自動完成：{event}（{name} 記錄），{time}",
    untick: "標記為未完成",
    untick_aria: "標記為未完成：{step}",
    ticks_when: "自動勾選條件：{event}",
};
