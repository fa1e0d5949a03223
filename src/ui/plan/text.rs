//! Messages of the plan page's inline updates and of its metrics table, in every
//! language (the rest of the plan's words are in `ui::i18n` and the review's table).

use crate::domain::Language;

/// The messages in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct PlanText {
    /// The language of this table.
    pub language: Language,
    /// A row's field, named with its item: "Status: Alert on login errors".
    pub field_aria: &'static str,
    pub save: &'static str,
    pub save_aria: &'static str,
    pub saved: &'static str,
    pub changed_elsewhere: &'static str,
    pub gone: &'static str,
    pub needs_owner_and_date: &'static str,
    pub needs_reason: &'static str,
    pub worst_severity: &'static str,
    pub not_in_catalog: &'static str,
    pub detect: &'static str,
    pub acknowledge: &'static str,
    pub mitigate: &'static str,
    pub resolve: &'static str,
    pub mean: &'static str,
    pub median: &'static str,
}

pub static EN: PlanText = PlanText {
    language: Language::English,
    field_aria: "{field}: {title}",
    save: "Save",
    save_aria: "Save: {title}",
    saved: "Saved: {title}",
    changed_elsewhere: "“{title}” was changed elsewhere since this page loaded, so it was not saved. The plan now shows it as stored: check it and save again.",
    gone: "“{title}” is no longer in its review. The plan now shows the reviews as stored.",
    needs_owner_and_date: "“{title}” not saved: a committed item needs an owner and a due date.",
    needs_reason: "“{title}” not saved: say why it won't be done.",
    worst_severity: "Worst severity",
    not_in_catalog: "{name} (not in the catalog)",
    detect: "Time to detect",
    acknowledge: "Time to acknowledge",
    mitigate: "Time to mitigate",
    resolve: "Time to resolve",
    mean: "Mean",
    median: "Median",
};

pub static ZH_TW: PlanText = PlanText {
    language: Language::TraditionalChinese,
    field_aria: "{field}：{title}",
    save: "儲存",
    save_aria: "儲存：{title}",
    saved: "已儲存：{title}",
    changed_elsewhere:
        "「{title}」在此頁載入後已在別處變更，因此沒有儲存。計畫現在顯示已儲存的內容：請確認後再儲存一次。",
    gone: "「{title}」已不在其檢討中。計畫現在顯示已儲存的檢討。",
    needs_owner_and_date: "「{title}」未儲存：已承諾的項目需要負責人與期限。",
    needs_reason: "「{title}」未儲存：請說明不執行的原因。",
    worst_severity: "最高嚴重程度",
    not_in_catalog: "{name}（不在服務目錄中）",
    detect: "偵測時間",
    acknowledge: "確認受理時間",
    mitigate: "緩解時間",
    resolve: "解決時間",
    mean: "平均",
    median: "中位數",
};
