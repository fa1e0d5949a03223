//! Messages of the severity ladder editor, in every language.
//!
//! Templates use `{name}` placeholders, filled with [`crate::domain::template::fill`].

/// The ladder editor's messages in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct LadderText {
    pub title: &'static str,
    pub intro: &'static str,

    // One level as listed.
    pub impact_label: &'static str,
    pub response_label: &'static str,
    pub not_described: &'static str,
    /// `{minutes}`.
    pub updates_every_minutes: &'static str,
    /// `{hours}`.
    pub updates_every_hours: &'static str,
    pub updates_none: &'static str,
    /// `{days}`.
    pub review_within_days: &'static str,
    pub review_within_one_day: &'static str,
    /// `{days}`.
    pub review_within_business_days: &'static str,
    pub review_within_one_business_day: &'static str,
    pub review_optional: &'static str,
    pub review_not_required: &'static str,
    pub edit: &'static str,
    /// `{name}`.
    pub edit_aria: &'static str,
    pub move_up: &'static str,
    /// `{name}`.
    pub move_up_aria: &'static str,
    pub move_down: &'static str,
    /// `{name}`.
    pub move_down_aria: &'static str,
    pub add_level: &'static str,
    pub new_level: &'static str,
    pub remove: &'static str,
    /// `{name}`.
    pub remove_aria: &'static str,
    /// On a worse level whose updates are less frequent: `{milder}`.
    pub cadence_slower_than: &'static str,

    // The form.
    pub name_label: &'static str,
    /// `{max}`.
    pub name_hint: &'static str,
    pub keep_default_hint: &'static str,
    pub impact_hint: &'static str,
    pub response_hint: &'static str,
    pub minutes_label: &'static str,
    pub minutes_hint: &'static str,
    pub review_label: &'static str,
    pub review_option_not_required: &'static str,
    pub review_option_optional: &'static str,
    pub review_option_required: &'static str,
    pub days_label: &'static str,
    pub business_days_label: &'static str,
    pub place_label: &'static str,
    /// `{name}`.
    pub place_above: &'static str,
    pub place_bottom: &'static str,
    pub place_hint: &'static str,
    /// The level in the form would update less often than a milder one: `{milder}`.
    pub form_cadence_slower: &'static str,
    /// A worse level would update less often than the one in the form: `{worse}`.
    pub form_cadence_faster: &'static str,
    pub cadence_save_anyway: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,

    // What happened.
    pub saving: &'static str,
    pub saved: &'static str,
    /// `{name}`, `{place}`, `{count}`.
    pub moved: &'static str,
    pub not_saved: &'static str,
    /// The level being edited was changed in another tab meanwhile.
    pub level_changed_elsewhere: &'static str,
    /// `{name}`.
    pub checking_uses: &'static str,
    /// `{name}`.
    pub removed: &'static str,
    pub undo: &'static str,
    /// `{name}`.
    pub undo_aria: &'static str,
    /// `{name}`, `{place}`, `{count}`.
    pub restored: &'static str,
    /// `{name}`.
    pub not_restored: &'static str,

    // Why a change was refused.
    pub name_empty: &'static str,
    /// `{max}`.
    pub name_too_long: &'static str,
    /// `{name}`.
    pub name_taken: &'static str,
    pub cadence_zero: &'static str,
    pub minutes_invalid: &'static str,
    pub days_invalid: &'static str,
    pub level_gone: &'static str,
    /// `{name}`.
    pub in_use: &'static str,
    /// `{count}`, `{titles}`.
    pub in_use_incidents: &'static str,
    /// `{count}`, `{names}`.
    pub in_use_runbooks: &'static str,
    /// A list cut short: `{list}`, `{count}` left out.
    pub list_more: &'static str,
    pub list_separator: &'static str,
    pub last_level: &'static str,
}

/// English.
pub static EN: LadderText = LadderText {
    title: "Severity levels",
    intro: "Levels are listed worst first. Incidents keep their level when you rename, edit or move it; a level that no incident or runbook uses can be removed.",

    impact_label: "Customer impact",
    response_label: "Response",
    not_described: "Not described yet",
    updates_every_minutes: "Status updates every {minutes} min",
    updates_every_hours: "Status updates every {hours} h",
    updates_none: "No status updates",
    review_within_days: "Review required within {days} days",
    review_within_one_day: "Review required within 1 day",
    review_within_business_days: "Review required within {days} business days",
    review_within_one_business_day: "Review required within 1 business day",
    review_optional: "Review optional",
    review_not_required: "Review not required",
    edit: "Edit",
    edit_aria: "Edit {name}",
    move_up: "Move up",
    move_up_aria: "Move up: {name}",
    move_down: "Move down",
    move_down_aria: "Move down: {name}",
    add_level: "Add a level",
    new_level: "New level",
    remove: "Remove",
    remove_aria: "Remove {name}",
    cadence_slower_than: "Status updates less often than for the milder {milder}: check the cadence.",

    name_label: "Name",
    name_hint: "A short name such as SEV1 or P0, up to {max} characters.",
    keep_default_hint: "Leave empty to keep the default wording, shown in each reader's language.",
    impact_hint: "What customers experience at this level; shown when an incident is declared.",
    response_hint: "Who is paged and how fast.",
    minutes_label: "Status updates every (minutes)",
    minutes_hint: "Leave empty if this level needs no status updates.",
    review_label: "Review",
    review_option_not_required: "Not required",
    review_option_optional: "Optional",
    review_option_required: "Required",
    days_label: "Within (days)",
    business_days_label: "Count business days only (Monday to Friday)",
    place_label: "Place",
    place_above: "Above {name}",
    place_bottom: "At the bottom",
    place_hint: "Levels are listed worst first: choose the level the new one is worse than.",
    form_cadence_slower: "This level would get status updates less often than the milder {milder}.",
    form_cadence_faster: "The worse {worse} would get status updates less often than this level.",
    cadence_save_anyway: "You can still save; a worse level usually needs more frequent updates.",
    save: "Save level",
    cancel: "Cancel",

    saving: "Saving…",
    saved: "Saved",
    moved: "{name} is now level {place} of {count}.",
    not_saved: "Not saved. The message at the top of the page says why; your changes are still in the form.",
    level_changed_elsewhere: "This level was changed in another tab meanwhile: the ladder shows their version, and your changes are still in the form. Save again to replace theirs.",
    checking_uses: "Checking whether anything uses {name}…",
    removed: "{name} removed.",
    undo: "Undo",
    undo_aria: "Undo removing {name}",
    restored: "{name} is back as level {place} of {count}.",
    not_restored: "{name} cannot be put back: another level is now called {name}. Rename that one first.",

    name_empty: "Give the level a name, such as SEV5.",
    name_too_long: "Shorten the name to {max} characters or fewer.",
    name_taken: "Another level is already called {name}. Choose a different name.",
    cadence_zero: "Status updates need at least 1 minute between them. Leave the field empty for no status updates.",
    minutes_invalid: "Enter the minutes as a whole number, such as 30, or leave the field empty.",
    days_invalid: "Enter the days as a whole number of at least 1, such as 5.",
    level_gone:
        "This level is no longer on the ladder; it may have been changed in another tab. Reload the page and try again.",
    in_use: "{name} cannot be removed while anything uses it: an incident's history or a runbook would name a level that no longer exists.",
    in_use_incidents: "Incidents at this level now or earlier ({count}): {titles}",
    in_use_runbooks: "Runbooks that attach at it or condition a step on it ({count}): {names}",
    list_more: "{list} and {count} more",
    list_separator: ", ",
    last_level: "The ladder needs at least one level, so the last one cannot be removed.",
};

/// Traditional Chinese (Taiwan).
pub static ZH_TW: LadderText = LadderText {
    title: "嚴重等級",
    intro: "等級由最嚴重排到最輕微。重新命名、編輯或調整順序後，既有事故仍維持原本的等級；沒有事故或應變手冊使用的等級可以移除。",

    impact_label: "對客戶的影響",
    response_label: "應變方式",
    not_described: "尚未說明",
    updates_every_minutes: "每 {minutes} 分鐘發布狀態更新",
    updates_every_hours: "每 {hours} 小時發布狀態更新",
    updates_none: "不需發布狀態更新",
    review_within_days: "須於 {days} 天內完成事後檢討",
    review_within_one_day: "須於 1 天內完成事後檢討",
    review_within_business_days: "須於 {days} 個工作天內完成事後檢討",
    review_within_one_business_day: "須於 1 個工作天內完成事後檢討",
    review_optional: "可視需要進行事後檢討",
    review_not_required: "不需事後檢討",
    edit: "編輯",
    edit_aria: "編輯 {name}",
    move_up: "上移",
    move_up_aria: "上移：{name}",
    move_down: "下移",
    move_down_aria: "下移：{name}",
    add_level: "新增等級",
    new_level: "新的等級",
    remove: "移除",
    remove_aria: "移除 {name}",
    cadence_slower_than: "狀態更新頻率低於較輕微的「{milder}」，請確認更新間隔。",

    name_label: "名稱",
    name_hint: "簡短的名稱，例如 SEV1 或 P0，最多 {max} 個字元。",
    keep_default_hint: "留空即沿用預設說明，並以每位使用者的語言顯示。",
    impact_hint: "客戶在這個等級會遇到的狀況；宣告事故時會顯示。",
    response_hint: "要呼叫誰、多快回應。",
    minutes_label: "狀態更新間隔（分鐘）",
    minutes_hint: "若這個等級不需發布狀態更新，請留空。",
    review_label: "事後檢討",
    review_option_not_required: "不需要",
    review_option_optional: "可視需要",
    review_option_required: "必須進行",
    days_label: "完成期限（天數）",
    business_days_label: "只計算工作天（週一至週五）",
    place_label: "位置",
    place_above: "在「{name}」之上",
    place_bottom: "最下方",
    place_hint: "等級由最嚴重排到最輕微：請選擇新等級要比哪個等級更嚴重。",
    form_cadence_slower: "這個等級的狀態更新頻率會低於較輕微的「{milder}」。",
    form_cadence_faster: "較嚴重的「{worse}」的狀態更新頻率會低於這個等級。",
    cadence_save_anyway: "仍可儲存；不過較嚴重的等級通常需要更頻繁的狀態更新。",
    save: "儲存等級",
    cancel: "取消",

    saving: "儲存中…",
    saved: "已儲存",
    moved: "{name} 已移至第 {place} 級（共 {count} 級）。",
    not_saved: "尚未儲存。原因請見頁面上方的訊息；您輸入的內容仍保留在表單中。",
    level_changed_elsewhere:
        "這段期間此等級已在另一個分頁變更：階梯顯示對方的版本，您的修改仍在表單中。再次儲存即可取代對方的版本。",
    checking_uses: "正在確認是否有事故或應變手冊使用「{name}」…",
    removed: "已移除「{name}」。",
    undo: "復原",
    undo_aria: "復原移除 {name}",
    restored: "「{name}」已放回第 {place} 級（共 {count} 級）。",
    not_restored: "無法放回「{name}」：已有其他等級叫做「{name}」。請先將該等級改名。",

    name_empty: "請為這個等級取名稱，例如 SEV5。",
    name_too_long: "名稱請縮短至 {max} 個字元以內。",
    name_taken: "已經有等級叫做「{name}」，請換一個名稱。",
    cadence_zero: "狀態更新間隔至少要 1 分鐘；若不需發布狀態更新，請將欄位留空。",
    minutes_invalid: "請以整數輸入分鐘數，例如 30，或將欄位留空。",
    days_invalid: "請以 1 以上的整數輸入天數，例如 5。",
    level_gone: "這個等級已不在清單中，可能已在其他分頁被變更。請重新載入頁面後再試一次。",
    in_use: "「{name}」仍在使用中，無法移除：否則事故紀錄或應變手冊會指向已不存在的等級。",
    in_use_incidents: "目前或曾經屬於此等級的事故（{count} 件）：{titles}",
    in_use_runbooks: "在此等級自動附加、或以此等級為步驟條件的應變手冊（{count} 份）：{names}",
    list_more: "{list}，另有 {count} 項",
    list_separator: "、",
    last_level: "階梯至少要保留一個等級，因此無法移除最後一個。",
};
