//! Messages of the runbook library and editor, in every language.

/// The runbook library's messages in one language.
pub struct LibraryText {
    pub title: &'static str,
}

/// English.
pub static EN: LibraryText = LibraryText { title: "Runbooks" };

/// Traditional Chinese (Taiwan).
pub static ZH_TW: LibraryText = LibraryText { title: "處理手冊" };
