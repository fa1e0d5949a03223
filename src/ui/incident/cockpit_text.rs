//! Messages of the incident page's cockpit: the next steps, the page's own
//! navigation, the timeline composer's extra fields and the keyboard shortcuts,
//! in every language.

use crate::domain::Language;

/// The messages in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct CockpitText {
    /// The language of this table.
    pub language: Language,
    pub next_steps_title: &'static str,
    pub next_steps_none: &'static str,
    pub next_steps_more: &'static str,
    pub next_step_done: &'static str,
    pub next_step_done_aria: &'static str,
    pub on_this_page: &'static str,
    pub composer_more: &'static str,
    pub filter_summary: &'static str,
    pub shortcuts_button: &'static str,
    pub shortcuts_title: &'static str,
    pub shortcuts_intro: &'static str,
    pub shortcut_new_entry: &'static str,
    pub shortcut_next_step: &'static str,
    pub shortcut_update: &'static str,
    pub shortcut_status: &'static str,
    pub shortcut_help: &'static str,
    pub shortcuts_close: &'static str,
}

pub static EN: CockpitText = CockpitText {
    language: Language::English,
    next_steps_title: "Next steps",
    next_steps_none: "Every step that applies is done or skipped.",
    next_steps_more: "{count} more open in the checklists",
    next_step_done: "Done",
    next_step_done_aria: "Done: {step}",
    on_this_page: "On this page",
    composer_more: "Time, tag, visibility and evidence",
    filter_summary: "Filter",
    shortcuts_button: "Keyboard shortcuts",
    shortcuts_title: "Keyboard shortcuts",
    shortcuts_intro: "These keys work anywhere on the incident page except while typing in a field.",
    shortcut_new_entry: "Write a timeline entry",
    shortcut_next_step: "Go to the next step; Enter marks it done",
    shortcut_update: "Write a status update",
    shortcut_status: "Change the status",
    shortcut_help: "Show or hide this list",
    shortcuts_close: "Close",
};

pub static ZH_TW: CockpitText = CockpitText {
    language: Language::TraditionalChinese,
    next_steps_title: "下一步",
    next_steps_none: "所有適用的步驟都已完成或略過。",
    next_steps_more: "檢查清單中還有 {count} 個未完成的步驟",
    next_step_done: "完成",
    next_step_done_aria: "完成：{step}",
    on_this_page: "本頁內容",
    composer_more: "時間、標籤、可見範圍與佐證",
    filter_summary: "篩選",
    shortcuts_button: "鍵盤快速鍵",
    shortcuts_title: "鍵盤快速鍵",
    shortcuts_intro: "在事故頁面的任何地方都能使用這些按鍵，在欄位中輸入文字時除外。",
    shortcut_new_entry: "撰寫時間軸紀錄",
    shortcut_next_step: "前往下一步；按 Enter 標記完成",
    shortcut_update: "撰寫狀態更新",
    shortcut_status: "變更狀態",
    shortcut_help: "顯示或隱藏這份清單",
    shortcuts_close: "關閉",
};
