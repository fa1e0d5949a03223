//! Messages of the updates screens, in every language.

/// The messages in one language.
pub struct UpdatesText {
    pub title: &'static str,
}

/// English.
pub static EN: UpdatesText = UpdatesText { title: "Status updates" };

/// Traditional Chinese (Taiwan).
pub static ZH_TW: UpdatesText = UpdatesText { title: "狀態更新" };
