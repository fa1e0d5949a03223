//! Messages of the app's new versions, in every language.

/// The messages of the update notice in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct OfflineText {
    pub update_ready: &'static str,
    pub update_now: &'static str,
    pub updating: &'static str,
    pub updated_elsewhere: &'static str,
    pub reload_now: &'static str,
}

pub static EN: OfflineText = OfflineText {
    update_ready: "A new version of Sitrep is ready. It starts when you choose, or the next time Sitrep opens; \
                   anything you are typing stays until then.",
    update_now: "Update now",
    updating: "Starting the new version…",
    updated_elsewhere: "Sitrep was updated in another tab. This tab keeps the version it started with until you \
                        reload it.",
    reload_now: "Reload now",
};

pub static ZH_TW: OfflineText = OfflineText {
    update_ready: "Sitrep 的新版本已就緒。新版本會在您選擇時啟動，或在下次開啟 Sitrep 時啟動；在那之前，您正在輸入的內容都會保留。",
    update_now: "立即更新",
    updating: "正在啟動新版本…",
    updated_elsewhere: "Sitrep 已在另一個分頁更新。在您重新載入前，本分頁會繼續使用原本的版本。",
    reload_now: "立即重新載入",
};
