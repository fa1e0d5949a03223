//! Messages of the runbook library and editor, in every language.
//!
//! Templates use `{name}` placeholders, filled with [`crate::domain::template::fill`].

/// The runbook library's messages in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct LibraryText {
    pub title: &'static str,
    pub intro: &'static str,
    pub new_runbook: &'static str,

    // The lists.
    pub active_heading: &'static str,
    pub no_active: &'static str,
    pub archived_heading: &'static str,
    pub archived_intro: &'static str,
    pub no_archived: &'static str,
    /// `{version}`.
    pub version: &'static str,
    pub one_step: &'static str,
    /// `{count}`.
    pub steps_count: &'static str,
    /// `{levels}`.
    pub attaches_at: &'static str,
    pub attaches_never: &'static str,
    pub duplicate: &'static str,
    /// `{name}`.
    pub duplicate_aria: &'static str,
    pub archive: &'static str,
    /// `{name}`.
    pub archive_aria: &'static str,
    pub restore: &'static str,
    /// `{name}`.
    pub restore_aria: &'static str,
    pub export_markdown: &'static str,
    /// `{name}`.
    pub export_markdown_aria: &'static str,
    /// `{name}`.
    pub copy_name: &'static str,

    // What happened in the lists.
    pub working: &'static str,
    /// `{name}`.
    pub duplicated: &'static str,
    /// `{name}`.
    pub archived: &'static str,
    /// `{name}`.
    pub restored: &'static str,
    /// `{file}`.
    pub exported: &'static str,
    /// `{detail}`.
    pub export_failed: &'static str,
    pub not_saved: &'static str,

    // Import.
    pub import_heading: &'static str,
    pub import_intro: &'static str,
    pub import_file_label: &'static str,
    /// `{size}`.
    pub import_file_hint: &'static str,
    pub paste_label: &'static str,
    pub paste_hint: &'static str,
    pub import_button: &'static str,
    pub importing: &'static str,
    /// `{name}`.
    pub import_created: &'static str,
    /// `{version}`, `{name}`.
    pub import_new_version: &'static str,
    /// `{version}`, `{name}`.
    pub import_new_version_archived: &'static str,
    /// `{name}`.
    pub import_unchanged: &'static str,
    /// `{name}`.
    pub import_unchanged_archived: &'static str,
    pub import_refused: &'static str,
    /// `{line}`, `{problem}`.
    pub import_line: &'static str,
    pub import_nothing: &'static str,
    /// `{size}`.
    pub import_too_large: &'static str,
    /// `{detail}`.
    pub import_unreadable: &'static str,
    /// `{name}`, `{problem}`.
    pub import_invalid: &'static str,

    // Why a Markdown file or line was refused.
    /// `{size}`.
    pub problem_too_large: &'static str,
    /// `{code}`.
    pub problem_control_character: &'static str,
    pub problem_no_header: &'static str,
    pub problem_unclosed_header: &'static str,
    pub problem_missing_format: &'static str,
    /// `{format}`.
    pub problem_unsupported_format: &'static str,
    /// `{key}`.
    pub problem_unknown_key: &'static str,
    /// `{key}`.
    pub problem_duplicate_key: &'static str,
    pub problem_missing_name: &'static str,
    /// `{value}`.
    pub problem_bad_version: &'static str,
    /// `{level}`, `{levels}`.
    pub problem_unknown_severity: &'static str,
    /// `{attribute}`.
    pub problem_unknown_attribute: &'static str,
    /// `{attribute}`.
    pub problem_duplicate_attribute: &'static str,
    pub problem_attribute_outside_step: &'static str,
    pub problem_stray_text: &'static str,
    pub problem_empty_name: &'static str,
    /// `{max}`.
    pub problem_name_too_long: &'static str,
    pub problem_no_steps: &'static str,
    /// `{max}`.
    pub problem_too_many_steps: &'static str,
    pub problem_empty_step: &'static str,
    /// `{max}`.
    pub problem_step_too_long: &'static str,
    pub problem_too_many_problems: &'static str,

    // The editor.
    pub all_runbooks: &'static str,
    pub new_title: &'static str,
    /// `{version}`.
    pub current_version: &'static str,
    pub running_keep_version: &'static str,
    pub archived_note: &'static str,
    pub name_label: &'static str,
    /// `{max}`.
    pub name_hint: &'static str,
    pub description_label: &'static str,
    pub description_hint: &'static str,
    pub attach_legend: &'static str,
    pub attach_hint: &'static str,
    pub steps_heading: &'static str,
    pub steps_hint: &'static str,
    /// `{number}`.
    pub step_legend: &'static str,
    pub step_text_label: &'static str,
    pub step_required_label: &'static str,
    pub step_role_label: &'static str,
    pub step_role_hint: &'static str,
    pub step_severity_label: &'static str,
    pub any_severity: &'static str,
    /// `{level}`.
    pub level_or_worse: &'static str,
    pub step_component_label: &'static str,
    pub step_component_hint: &'static str,
    pub move_up: &'static str,
    /// `{number}`.
    pub move_up_aria: &'static str,
    pub move_down: &'static str,
    /// `{number}`.
    pub move_down_aria: &'static str,
    pub remove_step: &'static str,
    /// `{number}`.
    pub remove_step_aria: &'static str,
    pub add_step: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    /// `{version}`.
    pub saved: &'static str,
    pub no_changes: &'static str,
    /// `{number}`, `{count}`.
    pub step_moved: &'static str,
    /// `{number}`.
    pub step_removed: &'static str,
    pub runbook_missing: &'static str,

    // Why the editor did not save.
    pub name_empty: &'static str,
    /// `{max}`.
    pub name_too_long: &'static str,
    /// `{name}`.
    pub name_taken: &'static str,
    pub steps_missing: &'static str,
    /// `{max}`.
    pub steps_too_many: &'static str,
    /// `{number}`.
    pub step_empty: &'static str,
    /// `{number}`, `{max}`.
    pub step_too_long: &'static str,
}

/// English.
pub static EN: LibraryText = LibraryText {
    title: "Runbooks",
    intro: "Checklists that incidents follow. Every change is saved as a new version; incidents already running keep the version they started with.",
    new_runbook: "New runbook",

    active_heading: "Runbooks in use",
    no_active: "No runbook is in use. Create one, import one from Markdown or restore an archived one.",
    archived_heading: "Archived runbooks",
    archived_intro: "Archived runbooks are kept but no longer offered or attached to new incidents.",
    no_archived: "No archived runbooks.",
    version: "Version {version}",
    one_step: "1 step",
    steps_count: "{count} steps",
    attaches_at: "attaches at {levels}",
    attaches_never: "added by hand only",
    duplicate: "Duplicate",
    duplicate_aria: "Duplicate {name}",
    archive: "Archive",
    archive_aria: "Archive {name}",
    restore: "Restore",
    restore_aria: "Restore {name}",
    export_markdown: "Export Markdown",
    export_markdown_aria: "Export {name} as Markdown",
    copy_name: "Copy of {name}",

    working: "Saving…",
    duplicated: "Created “{name}”.",
    archived: "Archived “{name}”. Incidents already running keep their checklist.",
    restored: "Restored “{name}”.",
    exported: "Downloaded {file}.",
    export_failed: "The browser could not offer the download ({detail}). Try again, or use another browser.",
    not_saved: "Not saved. The message at the top of the page says why.",

    import_heading: "Import from Markdown",
    import_intro: "A runbook exported from Sitrep, or written in the same format. A runbook with the same name gets a new version; nothing is overwritten.",
    import_file_label: "Import a runbook from Markdown",
    import_file_hint: "A .md or .txt file of up to {size}. Choosing a file imports it.",
    paste_label: "Or paste Markdown",
    paste_hint: "Paste a whole runbook, starting with the “---” line that opens its header.",
    import_button: "Import",
    importing: "Importing…",
    import_created: "Created “{name}”.",
    import_new_version: "Added version {version} of “{name}”.",
    import_new_version_archived: "Added version {version} of “{name}”. It stays archived; restore it to use it.",
    import_unchanged: "“{name}” is already up to date.",
    import_unchanged_archived: "“{name}” is already up to date. It is archived; restore it to use it.",
    import_refused: "Nothing was imported. Correct these lines and import again:",
    import_line: "Line {line}: {problem}",
    import_nothing: "Choose a file or paste Markdown first.",
    import_too_large: "The file is larger than {size}. Import one runbook at a time.",
    import_unreadable: "The browser could not read the file ({detail}). Choose it again.",
    import_invalid: "Nothing was imported: “{name}” would be refused. {problem}",

    problem_too_large: "The file is larger than {size}. Import one runbook at a time.",
    problem_control_character: "The line holds an invisible control character (U+{code}). Delete it, or export the runbook again.",
    problem_no_header: "The file does not start with a “---” line. Runbook files start with a header between two “---” lines, as Sitrep exports them.",
    problem_unclosed_header: "The header is not closed. Add a “---” line after its last line.",
    problem_missing_format: "The header does not say “sitrep-runbook: 1”. Add that line, or export the runbook from Sitrep again.",
    problem_unsupported_format: "The file is in runbook format {format}, which this version of Sitrep cannot read. Update Sitrep and import again.",
    problem_unknown_key: "The header line “{key}” is not one Sitrep knows. Use name, version or attach-at, or delete the line.",
    problem_duplicate_key: "The header gives “{key}” twice. Keep one.",
    problem_missing_name: "The header has no name. Add a line “name: …”.",
    problem_bad_version: "“{value}” is not a version number. Write a whole number from 1, or delete the line.",
    problem_unknown_severity: "No severity level is called “{level}” in this workspace. Use one of {levels}, or add the level in Settings.",
    problem_unknown_attribute: "“{attribute}” is not a step detail Sitrep knows. Use required, optional, role:, applies at: or applies when affected:.",
    problem_duplicate_attribute: "“{attribute}” repeats a detail the step already has. Keep one.",
    problem_attribute_outside_step: "This step detail comes before the first step. Move it under a step, or delete it.",
    problem_stray_text: "Only steps and their details may follow the first step. Make this a step (“- [ ] …”), move it into the description above the steps, or delete it.",
    problem_empty_name: "The name is empty. Write the runbook’s name after “name:”.",
    problem_name_too_long: "The name is longer than {max} characters. Shorten it.",
    problem_no_steps: "The runbook has no steps. Write each step as “- [ ] What to do”.",
    problem_too_many_steps: "This step is over the limit of {max} steps. Split the runbook into smaller ones.",
    problem_empty_step: "The step has no text. Write what to do, or delete the line.",
    problem_step_too_long: "The step is longer than {max} characters. Shorten it or split it into several steps.",
    problem_too_many_problems: "There are more problems than these. Correct these first, then import again.",

    all_runbooks: "All runbooks",
    new_title: "New runbook",
    current_version: "Version {version}",
    running_keep_version: "Saving makes a new version. Incidents already running keep the version they started with.",
    archived_note: "This runbook is archived. Restore it from the runbook list to use it again.",
    name_label: "Name",
    name_hint: "Up to {max} characters, different from every other runbook.",
    description_label: "Description",
    description_hint: "What the runbook is for and when to use it.",
    attach_legend: "Attach automatically at",
    attach_hint: "Declaring an incident at a ticked level starts this runbook by itself. Leave all unticked to add it by hand.",
    steps_heading: "Steps",
    steps_hint: "In the order responders follow them. Required steps are the ones an incident should not move on without.",
    step_legend: "Step {number}",
    step_text_label: "Step text",
    step_required_label: "Required",
    step_role_label: "Role",
    step_role_hint: "Who usually does it, such as “Incident lead”. Optional.",
    step_severity_label: "Applies at",
    any_severity: "any severity",
    level_or_worse: "{level} or worse",
    step_component_label: "Applies when affected",
    step_component_hint: "A component name; the step applies only while it is affected. Leave empty for every incident.",
    move_up: "Move up",
    move_up_aria: "Move step {number} up",
    move_down: "Move down",
    move_down_aria: "Move step {number} down",
    remove_step: "Remove step",
    remove_step_aria: "Remove step {number}",
    add_step: "Add step",
    save: "Save runbook",
    saving: "Saving…",
    saved: "Saved as version {version}",
    no_changes: "No changes to save",
    step_moved: "Step moved to place {number} of {count}.",
    step_removed: "Step {number} removed.",
    runbook_missing: "There is no runbook at this address. It may have been saved in another browser.",

    name_empty: "Give the runbook a name.",
    name_too_long: "Keep the name to {max} characters or fewer.",
    name_taken: "Another runbook is already called “{name}”. Choose a different name.",
    steps_missing: "Add at least one step.",
    steps_too_many: "A runbook has at most {max} steps. Remove some or split the runbook.",
    step_empty: "Step {number} has no text. Write what to do, or remove the step.",
    step_too_long: "Step {number} is longer than {max} characters. Shorten it or split it into several steps.",
};

/// Traditional Chinese (Taiwan).
pub static ZH_TW: LibraryText = LibraryText {
    title: "處理手冊",
    intro: "事故處理時依循的檢查清單。每次修改都會另存為新版本；進行中的事故會沿用開始時的版本。",
    new_runbook: "新增處理手冊",

    active_heading: "使用中的處理手冊",
    no_active: "目前沒有使用中的處理手冊。請新增、從 Markdown 匯入，或還原已封存的處理手冊。",
    archived_heading: "已封存的處理手冊",
    archived_intro: "已封存的處理手冊會保留，但不再提供選用，也不會自動加入新事故。",
    no_archived: "沒有已封存的處理手冊。",
    version: "第 {version} 版",
    one_step: "1 個步驟",
    steps_count: "{count} 個步驟",
    attaches_at: "於 {levels} 自動加入",
    attaches_never: "僅能手動加入",
    duplicate: "複製",
    duplicate_aria: "複製「{name}」",
    archive: "封存",
    archive_aria: "封存「{name}」",
    restore: "還原",
    restore_aria: "還原「{name}」",
    export_markdown: "匯出 Markdown",
    export_markdown_aria: "將「{name}」匯出為 Markdown",
    copy_name: "{name} 副本",

    working: "儲存中…",
    duplicated: "已建立「{name}」。",
    archived: "已封存「{name}」。進行中的事故仍保留原本的檢查清單。",
    restored: "已還原「{name}」。",
    exported: "已下載 {file}。",
    export_failed: "瀏覽器無法提供下載（{detail}）。請再試一次，或改用其他瀏覽器。",
    not_saved: "尚未儲存。原因請見頁面上方的訊息。",

    import_heading: "從 Markdown 匯入",
    import_intro: "可匯入從 Sitrep 匯出、或以相同格式撰寫的處理手冊。若已有同名的處理手冊，會新增一個版本，不會覆蓋既有內容。",
    import_file_label: "從 Markdown 匯入處理手冊",
    import_file_hint: "最大 {size} 的 .md 或 .txt 檔。選擇檔案後即會匯入。",
    paste_label: "或貼上 Markdown",
    paste_hint: "請貼上完整的處理手冊，從標頭開頭的「---」那一行開始。",
    import_button: "匯入",
    importing: "匯入中…",
    import_created: "已建立「{name}」。",
    import_new_version: "已新增「{name}」的第 {version} 版。",
    import_new_version_archived: "已新增「{name}」的第 {version} 版。它仍為封存狀態；要使用請先還原。",
    import_unchanged: "「{name}」已是最新內容。",
    import_unchanged_archived: "「{name}」已是最新內容。它目前已封存；要使用請先還原。",
    import_refused: "沒有匯入任何內容。請修正以下各行後再匯入一次：",
    import_line: "第 {line} 行：{problem}",
    import_nothing: "請先選擇檔案或貼上 Markdown。",
    import_too_large: "檔案超過 {size}。請一次匯入一份處理手冊。",
    import_unreadable: "瀏覽器無法讀取這個檔案（{detail}）。請重新選擇。",
    import_invalid: "沒有匯入任何內容：「{name}」不符合規則。{problem}",

    problem_too_large: "檔案超過 {size}。請一次匯入一份處理手冊。",
    problem_control_character: "這一行含有看不見的控制字元（U+{code}）。請刪除，或重新匯出處理手冊。",
    problem_no_header: "檔案開頭不是「---」。處理手冊檔案要以兩行「---」之間的標頭開始，和 Sitrep 匯出的格式相同。",
    problem_unclosed_header: "標頭沒有結束。請在標頭最後一行之後加上一行「---」。",
    problem_missing_format: "標頭中沒有「sitrep-runbook: 1」。請加上這一行，或從 Sitrep 重新匯出處理手冊。",
    problem_unsupported_format: "這個檔案是第 {format} 版的處理手冊格式，目前版本的 Sitrep 無法讀取。請更新 Sitrep 後再匯入。",
    problem_unknown_key: "Sitrep 不認得標頭中的「{key}」。請使用 name、version 或 attach-at，或刪除這一行。",
    problem_duplicate_key: "標頭中「{key}」出現了兩次。請只保留一個。",
    problem_missing_name: "標頭中沒有名稱。請加上一行「name: …」。",
    problem_bad_version: "「{value}」不是版本號碼。請填寫從 1 起的整數，或刪除這一行。",
    problem_unknown_severity: "這個工作區沒有名為「{level}」的嚴重等級。請使用 {levels} 其中之一，或先到「設定」新增該等級。",
    problem_unknown_attribute: "Sitrep 不認得步驟細項「{attribute}」。請使用 required、optional、role:、applies at: 或 applies when affected:。",
    problem_duplicate_attribute: "「{attribute}」與這個步驟已有的細項重複。請只保留一個。",
    problem_attribute_outside_step: "這個步驟細項出現在第一個步驟之前。請移到某個步驟底下，或刪除。",
    problem_stray_text: "第一個步驟之後只能有步驟及其細項。請改寫成步驟（「- [ ] …」）、移到步驟上方的說明中，或刪除。",
    problem_empty_name: "名稱是空的。請在「name:」後面寫上處理手冊的名稱。",
    problem_name_too_long: "名稱超過 {max} 個字元。請縮短。",
    problem_no_steps: "處理手冊沒有任何步驟。請將每個步驟寫成「- [ ] 要做的事」。",
    problem_too_many_steps: "這個步驟超出 {max} 個步驟的上限。請拆成幾份較小的處理手冊。",
    problem_empty_step: "這個步驟沒有內容。請寫下要做的事，或刪除這一行。",
    problem_step_too_long: "這個步驟超過 {max} 個字元。請縮短或拆成多個步驟。",
    problem_too_many_problems: "問題不只這些。請先修正以上各項，再重新匯入。",

    all_runbooks: "所有處理手冊",
    new_title: "新增處理手冊",
    current_version: "第 {version} 版",
    running_keep_version: "儲存後會產生新版本。進行中的事故會沿用開始時的版本。",
    archived_note: "這份處理手冊已封存。要再次使用，請在處理手冊清單中還原。",
    name_label: "名稱",
    name_hint: "最多 {max} 個字元，不可與其他處理手冊同名。",
    description_label: "說明",
    description_hint: "這份處理手冊的用途，以及何時使用。",
    attach_legend: "自動加入的嚴重等級",
    attach_hint: "宣告事故時若為勾選的等級，會自動啟用這份處理手冊。全部不勾選則只能手動加入。",
    steps_heading: "步驟",
    steps_hint: "依處理人員執行的順序排列。必要步驟是事故處理不可略過的步驟。",
    step_legend: "步驟 {number}",
    step_text_label: "步驟內容",
    step_required_label: "必要",
    step_role_label: "角色",
    step_role_hint: "通常由誰執行，例如「事故指揮官」。可不填。",
    step_severity_label: "適用等級",
    any_severity: "任何嚴重等級",
    level_or_worse: "{level} 或更嚴重",
    step_component_label: "受影響時適用",
    step_component_hint: "元件名稱；只有該元件受影響時才適用此步驟。不填則適用所有事故。",
    move_up: "上移",
    move_up_aria: "將步驟 {number} 上移",
    move_down: "下移",
    move_down_aria: "將步驟 {number} 下移",
    remove_step: "移除步驟",
    remove_step_aria: "移除步驟 {number}",
    add_step: "新增步驟",
    save: "儲存處理手冊",
    saving: "儲存中…",
    saved: "已儲存為第 {version} 版",
    no_changes: "沒有需要儲存的變更",
    step_moved: "步驟已移到第 {number} 個位置（共 {count} 個）。",
    step_removed: "已移除步驟 {number}。",
    runbook_missing: "這個網址沒有處理手冊。它可能是在其他瀏覽器中儲存的。",

    name_empty: "請為處理手冊命名。",
    name_too_long: "名稱請勿超過 {max} 個字元。",
    name_taken: "已有名為「{name}」的處理手冊。請換一個名稱。",
    steps_missing: "請至少新增一個步驟。",
    steps_too_many: "處理手冊最多 {max} 個步驟。請刪減或拆成幾份。",
    step_empty: "步驟 {number} 沒有內容。請寫下要做的事，或移除這個步驟。",
    step_too_long: "步驟 {number} 超過 {max} 個字元。請縮短或拆成多個步驟。",
};
