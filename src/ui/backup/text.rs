//! Messages of the backup, restore, damaged records and clearing, in every
//! language. Placeholders are in braces.

/// The messages in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct BackupText {
    pub title: &'static str,
    pub intro: &'static str,
    pub download: &'static str,
    pub reading: &'static str,
    /// {file}, {incidents}, {entries}, {runbooks}.
    pub downloaded: &'static str,
    /// {count}.
    pub left_out: &'static str,
    /// {at}.
    pub last: &'static str,
    pub never: &'static str,
    pub not_taken: &'static str,

    pub restore_label: &'static str,
    pub restore_hint: &'static str,
    pub checking: &'static str,
    /// {incidents}, {entries}, {runbooks}, {replaced}.
    pub plan_replace: &'static str,
    /// {added}, {entries}, {merged}, {runbooks}.
    pub plan_merge: &'static str,
    /// {count}.
    pub plan_settings_kept: &'static str,
    pub plan_ladder_kept: &'static str,
    /// {count}.
    pub plan_reviews_kept: &'static str,
    /// {titles}.
    pub plan_stay_deleted: &'static str,
    /// {titles}.
    pub plan_stay_here: &'static str,
    pub plan_nothing: &'static str,
    pub restore_confirm: &'static str,
    pub cancel: &'static str,
    pub restoring: &'static str,
    /// {added}, {merged}, {entries}.
    pub restored: &'static str,
    pub restore_refused: &'static str,
    pub restore_contradicts: &'static str,
    pub restore_not_saved: &'static str,
    /// {size}.
    pub too_large: &'static str,
    /// {detail}.
    pub file_unreadable: &'static str,

    pub damaged_title: &'static str,
    pub damaged_none: &'static str,
    pub damaged_intro: &'static str,
    pub damaged_export: &'static str,
    /// {key}, {reason}.
    pub damaged_item: &'static str,
    pub damaged_file: &'static str,

    pub clear_title: &'static str,
    pub clear_intro: &'static str,
    pub clear_ask: &'static str,
    /// {incidents}: `clear_what`.
    pub clear_question: &'static str,
    pub clear_backup_first: &'static str,
    /// {incidents}: `clear_what`.
    pub clear_confirm: &'static str,
    /// The incidents a clearing deletes.
    pub clear_what: crate::ui::i18n::Counted,
    pub clear_keep: &'static str,
    /// {incidents}: a count of incidents.
    pub cleared: &'static str,
    pub clear_nothing: &'static str,

    /// {days}.
    pub reminder: &'static str,
    pub reminder_never: &'static str,
    pub reminder_link: &'static str,
}

pub static EN: BackupText = BackupText {
    title: "Backup and restore",
    intro: "A backup is one file with every incident (timeline, checklists and review), every version of every runbook, the severity ladder, the people and the catalog. Keep it somewhere other than this browser.",
    download: "Download backup",
    reading: "Reading the workspace…",
    downloaded: "Saved {file}: {incidents}, {entries}, {runbooks}.",
    left_out: "{count} damaged records cannot be read and are not in the backup. Export them under “Damaged records”.",
    last: "Last backup from this browser: {at}.",
    never: "No backup was taken from this browser yet.",
    not_taken: "The backup was not taken: the workspace’s records do not fit together.",

    restore_label: "Backup file to restore (JSON)",
    restore_hint: "The whole file is checked before anything changes, and you see what it adds first. Nothing recorded here is replaced: incidents here only get what the backup adds.",
    checking: "Checking the backup…",
    plan_replace: "This workspace has no incidents. Restoring gives back the backed-up workspace: {incidents} with {entries} and {runbooks}. Its settings, people, catalog and runbooks replace the settings and the {replaced} set up here.",
    plan_merge: "Restoring adds {added}, adds {entries} in all (including to {merged} already here) and {runbooks}. Nothing recorded here is changed or removed.",
    plan_settings_kept: "{count} people or catalog components differ from the ones here; the ones here are kept.",
    plan_ladder_kept: "The backup’s severity ladder differs from this one; this one is kept.",
    plan_reviews_kept: "{count} post-incident reviews here differ from the backup’s; the ones here are kept.",
    plan_stay_deleted: "Deleted here, so not restored: {titles}.",
    plan_stay_here: "Deleted in the backup, but kept here: {titles}.",
    plan_nothing: "Everything in this backup is already here. Nothing to restore.",
    restore_confirm: "Restore backup",
    cancel: "Cancel",
    restoring: "Restoring…",
    restored: "Backup restored: {added} added, {merged} merged, {entries} added.",
    restore_refused: "Nothing was restored. The file has these problems:",
    restore_contradicts: "Nothing was restored: the backup contradicts what is recorded in this workspace.",
    restore_not_saved: "Nothing was restored: the browser did not store it (see the message at the top).",
    too_large: "This file is larger than {size}, which is more than a Sitrep backup can be.",
    file_unreadable: "The browser could not read the file ({detail}).",

    damaged_title: "Damaged records",
    damaged_none: "Every stored record can be read.",
    damaged_intro: "These stored records cannot be read. Sitrep leaves them exactly as they are and never writes over them. Export them to repair them or to report the problem.",
    damaged_export: "Export damaged records",
    damaged_item: "{key}: {reason}",
    damaged_file: "damaged-records",

    clear_title: "Clear this workspace",
    clear_intro: "Deletes every incident, with its timeline, checklists and review, from this browser. Runbooks, the severity ladder, people and the catalog stay. Clearing cannot be undone, so download a backup first.",
    clear_ask: "Clear workspace…",
    clear_question: "Delete {incidents} from this browser?",
    clear_backup_first: "Download a backup first",
    clear_confirm: "Delete {incidents}",
    clear_what: crate::ui::i18n::Counted { one: "the only incident", many: "all {count} incidents" },
    clear_keep: "Keep them",
    cleared: "The workspace was cleared: {incidents} deleted.",
    clear_nothing: "There are no incidents to delete.",

    reminder: "No backup of this workspace was taken from this browser in {days} days.",
    reminder_never: "No backup of this workspace was ever taken from this browser.",
    reminder_link: "Back up now",
};

pub static ZH_TW: BackupText = BackupText {
    title: "備份與還原",
    intro: "備份是一個檔案，包含每個事故（時間軸、檢查清單與檢討）、每份執行手冊的每個版本、嚴重度等級、人員與服務目錄。請存放在此瀏覽器以外的地方。",
    download: "下載備份",
    reading: "正在讀取工作區…",
    downloaded: "已儲存 {file}：{incidents}、{entries}、{runbooks}。",
    left_out: "有 {count} 筆損壞的紀錄無法讀取，未包含在備份中。請在「損壞的紀錄」匯出它們。",
    last: "此瀏覽器上次備份：{at}。",
    never: "此瀏覽器尚未備份過。",
    not_taken: "未完成備份：工作區的紀錄彼此不符。",

    restore_label: "要還原的備份檔（JSON）",
    restore_hint: "變更任何內容之前會先檢查整個檔案，並先讓你看到它會新增什麼。這裡已記錄的內容不會被取代：這裡的事故只會加入備份新增的內容。",
    checking: "正在檢查備份…",
    plan_replace: "此工作區沒有事故。還原會取回備份的工作區：{incidents}、{entries}與 {runbooks}。它的設定、人員、服務目錄與執行手冊會取代這裡設定的設定與 {replaced}。",
    plan_merge: "還原會新增 {added}，共新增 {entries}（包括加入這裡已有的 {merged}），以及 {runbooks}。這裡已記錄的內容不會被變更或移除。",
    plan_settings_kept: "有 {count} 位人員或服務元件與這裡的不同；保留這裡的版本。",
    plan_ladder_kept: "備份的嚴重度等級與這裡的不同；保留這裡的。",
    plan_reviews_kept: "這裡有 {count} 份事後檢討與備份中的不同；保留這裡的版本。",
    plan_stay_deleted: "這些事故已在這裡刪除，因此不會還原：{titles}。",
    plan_stay_here: "這些事故在備份中已刪除，但在這裡保留：{titles}。",
    plan_nothing: "此備份的所有內容都已在這裡。沒有需要還原的內容。",
    restore_confirm: "還原備份",
    cancel: "取消",
    restoring: "正在還原…",
    restored: "已還原備份：新增 {added}、合併 {merged}、新增 {entries}。",
    restore_refused: "沒有還原任何內容。此檔案有以下問題：",
    restore_contradicts: "沒有還原任何內容：此備份與此工作區已記錄的內容互相矛盾。",
    restore_not_saved: "沒有還原任何內容：瀏覽器沒有儲存它（請看頁面頂端的訊息）。",
    too_large: "此檔案大於 {size}，超過 Sitrep 備份可能的大小。",
    file_unreadable: "瀏覽器無法讀取此檔案（{detail}）。",

    damaged_title: "損壞的紀錄",
    damaged_none: "所有儲存的紀錄都可以讀取。",
    damaged_intro: "這些儲存的紀錄無法讀取。Sitrep 會原樣保留，絕不覆寫。請匯出以便修復或回報問題。",
    damaged_export: "匯出損壞的紀錄",
    damaged_item: "{key}：{reason}",
    damaged_file: "damaged-records",

    clear_title: "清除此工作區",
    clear_intro: "從此瀏覽器刪除每個事故及其時間軸、檢查清單與檢討。執行手冊、嚴重度等級、人員與服務目錄會保留。清除後無法復原，請先下載備份。",
    clear_ask: "清除工作區…",
    clear_question: "要從此瀏覽器刪除{incidents}嗎？",
    clear_backup_first: "先下載備份",
    clear_confirm: "刪除{incidents}",
    clear_what: crate::ui::i18n::Counted { one: "唯一的事故", many: "全部 {count} 個事故" },
    clear_keep: "保留",
    cleared: "已清除工作區：刪除了 {incidents}。",
    clear_nothing: "沒有可刪除的事故。",

    reminder: "此瀏覽器已有 {days} 天沒有備份此工作區。",
    reminder_never: "此瀏覽器從未備份過此工作區。",
    reminder_link: "立即備份",
};
