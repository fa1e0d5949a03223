//! Messages of the post-incident review, the facilitator mode and the plan, in
//! every language.

use crate::domain::review::{ItemKind, Priority, ReviewStatus, Section};

/// The review's messages in one language.
pub struct ReviewText {
    pub review_link: &'static str,
    pub start_review: &'static str,
    pub reviews_title: &'static str,
    pub reviews_empty: &'static str,
    pub column_review_status: &'static str,
    pub column_due: &'static str,
    pub no_review: &'static str,
    pub title: &'static str,
    pub back_to_incident: &'static str,
    pub header_title: &'static str,
    pub status_label: &'static str,
    pub owner_label: &'static str,
    pub authors_label: &'static str,
    pub meeting_label: &'static str,
    pub save_header: &'static str,
    pub due_label: &'static str,
    pub due_none: &'static str,
    pub severities_label: &'static str,
    pub declared_label: &'static str,
    pub resolved_label: &'static str,
    pub duration_label: &'static str,
    pub not_resolved: &'static str,
    pub submit: &'static str,
    pub back_to_draft: &'static str,
    pub approve: &'static str,
    pub publish: &'static str,
    pub missing_sign_off: &'static str,
    pub sign_offs_title: &'static str,
    pub technical_reviewer: &'static str,
    pub non_technical_reviewer: &'static str,
    pub sign: &'static str,
    pub signed_by: &'static str,
    pub sign_off_needs_name: &'static str,
    pub sign_off_not_in_review: &'static str,
    pub history_title: &'static str,
    pub history_reopened: &'static str,
    pub internal_title: &'static str,
    pub customer_title: &'static str,
    pub customer_hint: &'static str,
    pub section_saved: &'static str,
    pub timeline_title: &'static str,
    pub timeline_hint: &'static str,
    pub include_entry: &'static str,
    pub entry_tag: &'static str,
    pub items_title: &'static str,
    pub items_empty: &'static str,
    pub item_title: &'static str,
    pub item_kind: &'static str,
    pub item_owner: &'static str,
    pub item_team: &'static str,
    pub item_due: &'static str,
    pub item_due_hint: &'static str,
    pub item_priority: &'static str,
    pub item_status: &'static str,
    pub item_reason: &'static str,
    pub item_link: &'static str,
    pub add_item: &'static str,
    pub save_item: &'static str,
    pub edit_item_aria: &'static str,
    pub cancel_edit: &'static str,
    pub item_no_title: &'static str,
    pub item_needs_owner_and_date: &'static str,
    pub item_needs_reason: &'static str,
    pub item_bad_link: &'static str,
    pub exports_title: &'static str,
    pub facilitate: &'static str,
    pub meeting_title: &'static str,
    pub agenda_title: &'static str,
    pub agenda: [&'static str; 5],
    pub start_walkthrough: &'static str,
    pub entry_of: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub keys_hint: &'static str,
    pub no_chosen: &'static str,
    pub capture_title: &'static str,
    pub capture_cause: &'static str,
    pub capture_factor: &'static str,
    pub capture_add: &'static str,
    pub captured: &'static str,
    pub quick_item: &'static str,
    pub end_meeting: &'static str,
}

/// English.
pub static EN: ReviewText = ReviewText {
    review_link: "Post-incident review",
    start_review: "Start the review",
    reviews_title: "Reviews",
    reviews_empty: "No review has been started yet.",
    column_review_status: "Review",
    column_due: "Due",
    no_review: "Not started",
    title: "Post-incident review",
    back_to_incident: "Back to the incident",
    header_title: "Header",
    status_label: "Status",
    owner_label: "Review owner",
    authors_label: "Authors",
    meeting_label: "Review meeting (local time)",
    save_header: "Save header",
    due_label: "Review due",
    due_none: "No review required at this severity",
    severities_label: "Severity",
    declared_label: "Declared",
    resolved_label: "Resolved",
    duration_label: "Duration",
    not_resolved: "Not resolved yet",
    submit: "Send for review",
    back_to_draft: "Back to draft",
    approve: "Approve",
    publish: "Publish",
    missing_sign_off: "Approval needs a technical and a non-technical sign-off.",
    sign_offs_title: "Sign-offs",
    technical_reviewer: "Technical reviewer",
    non_technical_reviewer: "Non-technical reviewer",
    sign: "Sign off",
    signed_by: "Signed by {name}, {time}",
    sign_off_needs_name: "Write the reviewer's name to sign off.",
    sign_off_not_in_review: "Send the review for review before signing off.",
    history_title: "History",
    history_reopened: "edited after approval; back to draft",
    internal_title: "Internal review",
    customer_title: "Customer-facing review",
    customer_hint: "Written by a person for customers. Only these sections and the timeline entries marked customer-safe go into the customer-facing review.",
    section_saved: "Saved",
    timeline_title: "Timeline for the review",
    timeline_hint: "Choose the entries that matter and tag them; the review shows them in UTC.",
    include_entry: "Include in the review",
    entry_tag: "Review tag",
    items_title: "Remediation items",
    items_empty: "No remediation items yet.",
    item_title: "Item",
    item_kind: "Type",
    item_owner: "Owner",
    item_team: "Team",
    item_due: "Due date",
    item_due_hint: "Priority items default to 4 weeks (SEV1) or 8 weeks (SEV2).",
    item_priority: "Priority",
    item_status: "Status",
    item_reason: "Reason it won't be done",
    item_link: "Tracking link",
    add_item: "Add item",
    save_item: "Save item",
    edit_item_aria: "Edit item {number}: {title}",
    cancel_edit: "Cancel",
    item_no_title: "Give the item a title.",
    item_needs_owner_and_date: "A committed item needs an owner and a due date.",
    item_needs_reason: "Say why the item won't be done.",
    item_bad_link: "The tracking link must be an http or https address.",
    exports_title: "Export",
    facilitate: "Facilitate the review meeting",
    meeting_title: "Review meeting",
    agenda_title: "Agenda",
    agenda: [
        "Set the scene: blameless, focused on the system and the process",
        "Walk through the timeline",
        "Agree the causes and contributing factors",
        "Capture remediation items with owners and dates",
        "Decide who writes the customer-facing review",
    ],
    start_walkthrough: "Start the timeline walk-through",
    entry_of: "Entry {n} of {total}",
    previous: "Previous",
    next: "Next",
    keys_hint: "Left and right arrows move between entries.",
    no_chosen: "No entries are chosen for the review yet; choose them on the review page.",
    capture_title: "Capture",
    capture_cause: "Add to technical causes",
    capture_factor: "Add to contributing factors",
    capture_add: "Add",
    captured: "Added to the review",
    quick_item: "New remediation item",
    end_meeting: "Back to the review",
};

/// Traditional Chinese (Taiwan).
pub static ZH_TW: ReviewText = ReviewText {
    review_link: "事故後檢討",
    start_review: "開始檢討",
    reviews_title: "檢討",
    reviews_empty: "尚未開始任何檢討。",
    column_review_status: "檢討",
    column_due: "期限",
    no_review: "尚未開始",
    title: "事故後檢討",
    back_to_incident: "回到事故",
    header_title: "基本資訊",
    status_label: "狀態",
    owner_label: "檢討負責人",
    authors_label: "作者",
    meeting_label: "檢討會議（本地時間）",
    save_header: "儲存基本資訊",
    due_label: "檢討期限",
    due_none: "此嚴重等級不需要檢討",
    severities_label: "嚴重等級",
    declared_label: "宣告時間",
    resolved_label: "解決時間",
    duration_label: "持續時間",
    not_resolved: "尚未解決",
    submit: "送交審閱",
    back_to_draft: "退回草稿",
    approve: "核准",
    publish: "發布",
    missing_sign_off: "核准需要一位技術審閱者與一位非技術審閱者簽核。",
    sign_offs_title: "簽核",
    technical_reviewer: "技術審閱者",
    non_technical_reviewer: "非技術審閱者",
    sign: "簽核",
    signed_by: "{name} 於 {time} 簽核",
    sign_off_needs_name: "請寫下審閱者姓名再簽核。",
    sign_off_not_in_review: "請先送交審閱再簽核。",
    history_title: "歷程",
    history_reopened: "核准後被修改；退回草稿",
    internal_title: "內部檢討",
    customer_title: "對客戶的檢討說明",
    customer_hint: "由人為客戶撰寫。對客戶的檢討只包含這些段落，以及標示為可對客戶公開的時間軸項目。",
    section_saved: "已儲存",
    timeline_title: "檢討用的時間軸",
    timeline_hint: "選出重要的項目並加上標籤；檢討中以 UTC 顯示。",
    include_entry: "納入檢討",
    entry_tag: "檢討標籤",
    items_title: "改善項目",
    items_empty: "尚無改善項目。",
    item_title: "項目",
    item_kind: "類型",
    item_owner: "負責人",
    item_team: "團隊",
    item_due: "期限",
    item_due_hint: "優先項目預設為 4 週（SEV1）或 8 週（SEV2）。",
    item_priority: "優先程度",
    item_status: "狀態",
    item_reason: "不執行的原因",
    item_link: "追蹤連結",
    add_item: "新增項目",
    save_item: "儲存項目",
    edit_item_aria: "編輯項目 {number}：{title}",
    cancel_edit: "取消",
    item_no_title: "請為項目加上標題。",
    item_needs_owner_and_date: "已承諾的項目需要負責人與期限。",
    item_needs_reason: "請說明不執行的原因。",
    item_bad_link: "追蹤連結必須是 http 或 https 網址。",
    exports_title: "匯出",
    facilitate: "主持檢討會議",
    meeting_title: "檢討會議",
    agenda_title: "議程",
    agenda: [
        "說明原則：不究責，聚焦在系統與流程",
        "逐一檢視時間軸",
        "確認原因與促成因素",
        "記下改善項目、負責人與期限",
        "決定由誰撰寫對客戶的檢討說明",
    ],
    start_walkthrough: "開始檢視時間軸",
    entry_of: "第 {n} 項，共 {total} 項",
    previous: "上一項",
    next: "下一項",
    keys_hint: "用左右方向鍵在項目間移動。",
    no_chosen: "尚未選出要檢討的項目；請在檢討頁面選擇。",
    capture_title: "記錄",
    capture_cause: "加入技術原因",
    capture_factor: "加入促成因素",
    capture_add: "加入",
    captured: "已加入檢討",
    quick_item: "新增改善項目",
    end_meeting: "回到檢討",
};

impl ReviewText {
    /// The heading of a section.
    pub fn section(&self, section: Section) -> &'static str {
        let en = std::ptr::eq(self, &EN);
        let (e, z) = match section {
            Section::Summary => ("Summary", "摘要"),
            Section::Impact => ("Customer impact in numbers", "客戶影響（數據）"),
            Section::LeadUp => ("Lead-up", "事前經過"),
            Section::Fault => ("Fault", "故障"),
            Section::Detection => ("Detection", "偵測"),
            Section::Response => ("Response", "應變"),
            Section::Recovery => ("Recovery", "復原"),
            Section::TechnicalCauses => ("Technical causes", "技術原因"),
            Section::ProcessCauses => ("Process causes", "流程原因"),
            Section::ResponseCauses => ("Response causes", "應變原因"),
            Section::ContributingFactors => ("Contributing factors", "促成因素"),
            Section::WentWell => ("What went well", "做得好的地方"),
            Section::WentWrong => ("What went wrong", "做得不好的地方"),
            Section::Lucky => ("Where we got lucky", "僥倖之處"),
            Section::Lessons => ("Lessons", "學到的教訓"),
            Section::SimilarRisks => ("Similar risks elsewhere", "其他地方的類似風險"),
            Section::InternalMessage => ("Internal summary message", "內部摘要訊息"),
            Section::CustomerSummary => ("Summary for customers", "給客戶的摘要"),
            Section::CustomerWhatHappened => ("What happened", "發生了什麼事"),
            Section::CustomerActions => ("What we are doing about it", "我們的改善行動"),
            Section::CustomerApology => ("Apology", "致歉"),
        };
        if en {
            e
        } else {
            z
        }
    }

    /// The name of a review status.
    pub fn status(&self, status: ReviewStatus) -> &'static str {
        let en = std::ptr::eq(self, &EN);
        let (e, z) = match status {
            ReviewStatus::Draft => ("Draft", "草稿"),
            ReviewStatus::InReview => ("In review", "審閱中"),
            ReviewStatus::Approved => ("Approved", "已核准"),
            ReviewStatus::Published => ("Published", "已發布"),
        };
        if en {
            e
        } else {
            z
        }
    }

    /// The name of an item kind.
    pub fn kind(&self, kind: ItemKind) -> &'static str {
        let en = std::ptr::eq(self, &EN);
        let (e, z) = match kind {
            ItemKind::Prevent => ("Prevent", "預防"),
            ItemKind::Detect => ("Detect", "偵測"),
            ItemKind::Mitigate => ("Mitigate", "緩解"),
            ItemKind::Process => ("Process", "流程"),
            ItemKind::Fix => ("Fix", "修復"),
        };
        if en {
            e
        } else {
            z
        }
    }

    /// The name of a priority.
    pub fn priority(&self, priority: Priority) -> &'static str {
        let en = std::ptr::eq(self, &EN);
        match (priority, en) {
            (Priority::Priority, true) => "Priority",
            (Priority::Normal, true) => "Normal",
            (Priority::Priority, false) => "優先",
            (Priority::Normal, false) => "一般",
        }
    }

    /// The name of an item status by key.
    pub fn item_status(&self, key: &str) -> &'static str {
        let en = std::ptr::eq(self, &EN);
        let (e, z) = match key {
            "candidate" => ("Candidate", "候選"),
            "committed" => ("Committed", "已承諾"),
            "in_progress" => ("In progress", "進行中"),
            "done" => ("Done", "完成"),
            _ => ("Won't do", "不執行"),
        };
        if en {
            e
        } else {
            z
        }
    }
}
