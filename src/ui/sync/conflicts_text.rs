//! Messages of a shared review's conflicts, in every language.

use crate::domain::Language;

/// The messages of the review's conflicts in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ConflictText {
    pub title: &'static str,
    pub intro: &'static str,
    pub changed_by: &'static str,
    pub yours: &'static str,
    pub theirs: &'static str,
    pub keep_yours: &'static str,
    pub take_theirs: &'static str,
    pub chosen: &'static str,
    pub empty: &'static str,
    pub header: &'static str,
    pub chosen_entries: &'static str,
    pub entries: &'static str,
    pub workflow: &'static str,
    pub item: &'static str,
    pub signed: &'static str,
    pub failed: &'static str,
}

pub static EN: ConflictText = ConflictText {
    title: "Changed on two devices",
    intro: "Nothing was overwritten: both versions are kept, here and on the server, until you choose one. Your \
            choice reaches every device of the team.",
    changed_by: "{part}: changed by {author} on another device while you edited.",
    yours: "Yours",
    theirs: "Theirs ({author})",
    keep_yours: "Keep yours",
    take_theirs: "Take theirs",
    chosen: "Chosen; it is sent with the next sync.",
    empty: "(empty)",
    header: "Owner and meeting",
    chosen_entries: "Timeline entries chosen",
    entries: "{count} entries",
    workflow: "Status and sign-offs",
    item: "Remediation item {number}",
    signed: "The review is signed off here: reopen it to take their change.",
    failed: "Not resolved: {detail}",
};

pub static ZH_TW: ConflictText = ConflictText {
    title: "已在兩台裝置上變更",
    intro: "沒有任何內容被覆寫：兩個版本都保留在此處與伺服器上，直到您選擇其中一個。您的選擇會傳到團隊的每一台裝置。",
    changed_by: "{part}：您編輯時，{author} 已在另一台裝置上變更。",
    yours: "您的版本",
    theirs: "對方的版本（{author}）",
    keep_yours: "保留您的版本",
    take_theirs: "採用對方的版本",
    chosen: "已選擇；將在下次同步時傳送。",
    empty: "（空白）",
    header: "負責人與會議",
    chosen_entries: "選入的時間軸紀錄",
    entries: "{count} 筆紀錄",
    workflow: "狀態與簽核",
    item: "改善項目 {number}",
    signed: "此檢討在這裡已簽核：請先重新開啟，才能採用對方的變更。",
    failed: "未能解決：{detail}",
};

/// The messages in `language`.
pub fn of(language: Language) -> &'static ConflictText {
    match language {
        Language::English => &EN,
        Language::TraditionalChinese => &ZH_TW,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::placeholders;

    #[test]
    fn every_message_has_the_same_placeholders_in_both_languages_and_is_translated() {
        let (en, zh) = (serde_json::to_value(&EN).unwrap(), serde_json::to_value(&ZH_TW).unwrap());
        let (en, zh) = (en.as_object().unwrap(), zh.as_object().unwrap());
        assert_eq!(en.keys().collect::<Vec<_>>(), zh.keys().collect::<Vec<_>>());
        for (key, message) in en {
            let (message, other) = (message.as_str().unwrap(), zh[key].as_str().unwrap());
            assert_eq!(placeholders(message), placeholders(other), "{key}");
            assert_ne!(message, other, "{key} is translated");
        }
        assert!(std::ptr::eq(of(Language::TraditionalChinese), &ZH_TW));
    }
}
