//! Messages of the people directory's add, update, edit and undo, in every
//! language (the directory's headings and fields are in the root table).

/// The messages in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct PeopleText {
    /// A name typed that the directory has: `{name}` and `{details}`.
    pub exists: &'static str,
    /// The person's team and contact, `{team}` and `{reach}`, for `exists`.
    pub details: &'static str,
    pub no_details: &'static str,
    pub update: &'static str,
    pub keep: &'static str,
    pub edit: &'static str,
    pub edit_aria: &'static str,
    pub editing: &'static str,
    pub save_changes: &'static str,
    pub cancel_edit: &'static str,
    pub saved: &'static str,
    pub removed: &'static str,
    pub undo: &'static str,
    pub undo_aria: &'static str,
    pub restored: &'static str,
    /// Nothing saved, as the name typed is another person's: `{name}`, `{details}`.
    pub taken: &'static str,
    /// Nothing saved, as the person edited changed elsewhere meanwhile: `{name}`.
    pub changed: &'static str,
}

pub const EN: PeopleText = PeopleText {
    exists: "{name} is already in the directory ({details}). Update their details with what you typed? A field left empty keeps its value.",
    details: "team: {team}; contact: {reach}",
    no_details: "no team or contact yet",
    update: "Update {name}",
    keep: "Keep {name} as listed",
    edit: "Edit",
    edit_aria: "Edit {name}",
    editing: "Editing {name}.",
    save_changes: "Save changes",
    cancel_edit: "Cancel editing",
    saved: "Saved {name}.",
    removed: "Removed {name}.",
    undo: "Undo",
    undo_aria: "Undo removing {name}",
    restored: "{name} is back in the directory.",
    taken: "Nothing was saved: {name} is already in the directory ({details}). Choose another name, or edit {name}.",
    changed: "Nothing was saved: {name} was changed or removed elsewhere while you edited. The form now shows what is stored; make your change again.",
};

pub const ZH_TW: PeopleText = PeopleText {
    exists: "名錄中已有 {name}（{details}）。要以你輸入的內容更新其資料嗎？留空的欄位會保留原本的值。",
    details: "團隊：{team}；聯絡方式：{reach}",
    no_details: "尚無團隊或聯絡方式",
    update: "更新 {name}",
    keep: "保留 {name} 原本的資料",
    edit: "編輯",
    edit_aria: "編輯 {name}",
    editing: "正在編輯 {name}。",
    save_changes: "儲存變更",
    cancel_edit: "取消編輯",
    saved: "已儲存 {name}。",
    removed: "已移除 {name}。",
    undo: "復原",
    undo_aria: "復原移除 {name}",
    restored: "{name} 已回到名錄。",
    taken: "沒有儲存任何內容：名錄中已有 {name}（{details}）。請換一個名字，或改為編輯 {name}。",
    changed: "沒有儲存任何內容：你編輯時，{name} 已在別處被修改或移除。表單現在顯示已儲存的內容，請再做一次你的修改。",
};
