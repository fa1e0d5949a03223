//! Messages of the severity ladder editor, in every language.

/// The ladder editor's messages in one language.
pub struct LadderText {
    pub title: &'static str,
}

/// English.
pub static EN: LadderText = LadderText { title: "Severity levels" };

/// Traditional Chinese (Taiwan).
pub static ZH_TW: LadderText = LadderText { title: "嚴重等級" };
