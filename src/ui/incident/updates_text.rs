//! Messages of the status updates section, in every language.

use crate::domain::status_update::{Audience, Phase};
use crate::domain::words::words;
use crate::domain::Language;

/// The messages in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct UpdatesText {
    /// The language of this table.
    pub language: Language,
    pub title: &'static str,
    pub countdown_first: &'static str,
    pub countdown_next: &'static str,
    pub overdue_first: &'static str,
    pub overdue_next: &'static str,
    pub duration_under_minute: &'static str,
    pub duration_minutes: &'static str,
    pub duration_hours: &'static str,
    pub duration_whole_hours: &'static str,
    pub no_cadence: &'static str,
    pub stopped: &'static str,
    pub final_posted: &'static str,

    pub composer_title: &'static str,
    pub audience_legend: &'static str,
    pub audience_public_hint: &'static str,
    pub audience_internal_hint: &'static str,
    pub phase_label: &'static str,
    pub impact_label: &'static str,
    pub impact_hint: &'static str,
    pub next_label: &'static str,
    pub next_hint_cadence: &'static str,
    pub next_hint_none: &'static str,
    pub next_later_than_cadence: &'static str,
    pub use_template: &'static str,
    pub template_hint: &'static str,
    pub text_label: &'static str,
    pub char_count: &'static str,
    pub post_and_copy: &'static str,
    pub posting: &'static str,

    pub flags_title: &'static str,
    pub flags_advice: &'static str,
    pub flag_component: &'static str,
    pub flag_contact: &'static str,
    pub flag_reach: &'static str,
    pub flag_contract: &'static str,
    pub post_anyway: &'static str,
    pub edit_text: &'static str,

    pub posted_copied: &'static str,
    pub posted_not_copied: &'static str,
    pub copy_text_label: &'static str,
    pub error_empty: &'static str,
    pub error_too_long: &'static str,
    pub error_next_past: &'static str,

    pub history_title: &'static str,
    pub history_empty: &'static str,
    pub history_next: &'static str,
    pub history_final: &'static str,
}

impl UpdatesText {
    /// The name of an audience, as a label.
    pub fn audience(&self, audience: Audience) -> &'static str {
        words(self.language).audience(audience)
    }

    /// The name of a phase, as a label.
    pub fn phase(&self, phase: Phase) -> &'static str {
        words(self.language).phase(phase)
    }
}

/// English.
pub static EN: UpdatesText = UpdatesText {
    language: Language::English,
    title: "Status updates",
    countdown_first: "First public update due in {time} (by {clock})",
    countdown_next: "Next public update due in {time} (by {clock})",
    overdue_first: "Overdue by {time}: the first public update was due by {clock}",
    overdue_next: "Overdue by {time}: the next public update was due by {clock}",
    duration_under_minute: "less than a minute",
    duration_minutes: "{minutes} min",
    duration_hours: "{hours} h {minutes} min",
    duration_whole_hours: "{hours} h",
    no_cadence: "{level} asks for no regular public updates.",
    stopped: "Incident status: {status}. No further updates are due.",
    final_posted: "A resolved update was posted: no further updates are due.",

    composer_title: "New update",
    audience_legend: "Audience",
    audience_public_hint: "customers, on the status page",
    audience_internal_hint: "people inside the company",
    phase_label: "Phase",
    impact_label: "Impact summary (optional)",
    impact_hint: "One sentence on what customers notice, used by the template.",
    next_label: "Next update by",
    next_hint_cadence: "Readers are told this time. {level} asks for a public update at least every {minutes} min.",
    next_hint_none: "Readers are told this time. Leave it empty for a final update.",
    next_later_than_cadence: "This is later than {level} allows ({clock}); the countdown keeps the earlier time.",
    use_template: "Use template",
    template_hint: "Fills the text below from the audience and phase; you can edit it.",
    text_label: "Update text",
    char_count: "{count} of {max} characters",
    post_and_copy: "Post and copy",
    posting: "Posting…",

    flags_title: "This public update mentions internal details:",
    flags_advice: "Customers should not see these. Edit the text, or post anyway if they are meant to be public.",
    flag_component: "“{found}”: internal name of a component classified {classification}",
    flag_contact: "“{found}”: a contact of {component}",
    flag_reach: "“{found}”: how to reach {who} ({component})",
    flag_contract: "“{found}”: a vendor contract reference ({component})",
    post_anyway: "Post anyway",
    edit_text: "Edit text",

    posted_copied: "Update posted and copied to the clipboard. Paste it into your status page.",
    posted_not_copied:
        "Update posted, but the text could not be copied to the clipboard. Select the text below and copy it by hand.",
    copy_text_label: "Text to copy",
    error_empty: "Write the update first, or use the template.",
    error_too_long: "The update is longer than {max} characters. Shorten it.",
    error_next_past: "The next update time has already passed. Choose a later time.",

    history_title: "Update history",
    history_empty: "No status updates posted yet.",
    history_next: "Next update by {time}",
    history_final: "No further update promised",
};

/// Traditional Chinese (Taiwan).
pub static ZH_TW: UpdatesText = UpdatesText {
    language: Language::TraditionalChinese,
    title: "狀態更新",
    countdown_first: "首次公開更新將於 {time}後到期（{clock} 前）",
    countdown_next: "下次公開更新將於 {time}後到期（{clock} 前）",
    overdue_first: "逾時 {time}：首次公開更新應於 {clock} 前發布",
    overdue_next: "逾時 {time}：下次公開更新應於 {clock} 前發布",
    duration_under_minute: "不到一分鐘",
    duration_minutes: "{minutes} 分鐘",
    duration_hours: "{hours} 小時 {minutes} 分鐘",
    duration_whole_hours: "{hours} 小時",
    no_cadence: "{level} 不需定期發布公開更新。",
    stopped: "事故狀態：{status}。不需再發布更新。",
    final_posted: "已發布「已解決」更新：不需再發布更新。",

    composer_title: "新增更新",
    audience_legend: "對象",
    audience_public_hint: "客戶，發布於狀態頁面",
    audience_internal_hint: "公司內部人員",
    phase_label: "階段",
    impact_label: "影響摘要（選填）",
    impact_hint: "用一句話說明客戶感受到的影響，供範本使用。",
    next_label: "下次更新",
    next_hint_cadence: "讀者會看到這個時間。{level} 要求至少每 {minutes} 分鐘發布一次公開更新。",
    next_hint_none: "讀者會看到這個時間。最後一次更新可留空。",
    next_later_than_cadence: "這個時間晚於 {level} 的要求（{clock}）；倒數計時仍以較早的時間為準。",
    use_template: "套用範本",
    template_hint: "依對象與階段填入下方文字，可再修改。",
    text_label: "更新內容",
    char_count: "{count} / {max} 字",
    post_and_copy: "發布並複製",
    posting: "發布中…",

    flags_title: "這則公開更新提到內部資訊：",
    flags_advice: "客戶不應看到這些內容。請修改文字；若確定可以公開，再選擇「仍要發布」。",
    flag_component: "「{found}」：分類為「{classification}」的元件內部名稱",
    flag_contact: "「{found}」：{component} 的聯絡人",
    flag_reach: "「{found}」：{who} 的聯絡方式（{component}）",
    flag_contract: "「{found}」：供應商合約編號（{component}）",
    post_anyway: "仍要發布",
    edit_text: "修改文字",

    posted_copied: "更新已發布並複製到剪貼簿。請貼到狀態頁面。",
    posted_not_copied: "更新已發布，但無法複製到剪貼簿。請選取下方文字並手動複製。",
    copy_text_label: "要複製的文字",
    error_empty: "請先撰寫更新內容，或套用範本。",
    error_too_long: "更新內容超過 {max} 字，請縮短。",
    error_next_past: "下次更新時間已經過去，請選擇較晚的時間。",

    history_title: "更新紀錄",
    history_empty: "尚未發布任何狀態更新。",
    history_next: "下次更新：{time} 前",
    history_final: "未承諾下次更新",
};
