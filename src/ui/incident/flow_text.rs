//! Messages of the responder's guided flows on the incident page, in every
//! language: the declaration's severity, a template offered over hand-written
//! text, resolving and closing.

/// The messages in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct FlowText {
    /// The declaration was sent without a severity.
    pub severity_missing: &'static str,
    /// Several names typed for a role that has one holder.
    pub role_one_holder: &'static str,
    pub template_replace_question: &'static str,
    pub template_replace: &'static str,
    pub template_keep: &'static str,
    pub template_used: &'static str,
    pub template_undo: &'static str,
    pub template_undone: &'static str,

    pub resolve_title: &'static str,
    pub resolve_steps_open: &'static str,
    /// One open required step: its runbook and its text.
    pub resolve_step: &'static str,
    pub resolve_escalations_waiting: &'static str,
    /// One waiting escalation: its component and who was reached.
    pub resolve_escalation: &'static str,
    pub resolve_nothing_open: &'static str,
    pub resolve_final_owed: &'static str,
    pub resolve_confirm: &'static str,
    pub resolve_and_write: &'static str,
    pub close_title: &'static str,
    pub close_review_checking: &'static str,
    pub close_review_scheduled: &'static str,
    pub close_review_not_scheduled: &'static str,
    pub close_review_none: &'static str,
    pub close_review_link: &'static str,
    pub close_confirm: &'static str,
    pub close_anyway: &'static str,
    pub flow_cancel: &'static str,

    /// The countdown after resolving, while the final update promised is not posted.
    pub final_owed: &'static str,
    pub final_overdue: &'static str,
}

pub const EN: FlowText = FlowText {
    severity_missing: "Pick a severity: the level whose customer impact fits. Unsure between two? Pick the higher one.",
    role_one_holder: "{role} has one holder: type one name.",
    template_replace_question: "The update text holds words of yours. Replace them with the template?",
    template_replace: "Replace with the template",
    template_keep: "Keep my text",
    template_used: "The template replaced the text.",
    template_undo: "Undo the template",
    template_undone: "Your text is back.",

    resolve_title: "Resolve this incident?",
    resolve_steps_open: "Required steps still open:",
    resolve_step: "{runbook}: {step}",
    resolve_escalations_waiting: "Escalations still waiting for an answer:",
    resolve_escalation: "{component}: {who}",
    resolve_nothing_open: "No required step is open and no escalation is waiting.",
    resolve_final_owed:
        "The last public update promised another by {clock}: customers are waiting for the final update.",
    resolve_confirm: "Resolve",
    resolve_and_write: "Resolve and write the final update",
    close_title: "Close this incident?",
    close_review_checking: "Checking the review…",
    close_review_scheduled: "The review meeting is scheduled for {time}.",
    close_review_not_scheduled: "The review has no meeting time yet.",
    close_review_none: "No review has been started, so no review meeting is scheduled.",
    close_review_link: "Open the review",
    close_confirm: "Close the incident",
    close_anyway: "Close without a scheduled review",
    flow_cancel: "Not now",

    final_owed: "Resolved. The final public update is owed: the last one promised another by {clock}.",
    final_overdue: "Resolved. The final public update is overdue by {time}: the last one promised another by {clock}.",
};

pub const ZH_TW: FlowText = FlowText {
    severity_missing: "請選擇嚴重等級：客戶影響最相符的等級。在兩個等級之間猶豫時，選較高的那個。",
    role_one_holder: "「{role}」只能由一人擔任：請輸入一個名字。",
    template_replace_question: "更新內容裡有你自己寫的文字。要以範本取代嗎？",
    template_replace: "以範本取代",
    template_keep: "保留我的文字",
    template_used: "範本已取代原本的文字。",
    template_undo: "復原範本",
    template_undone: "你的文字已還原。",

    resolve_title: "要將這個事件標為已解決嗎？",
    resolve_steps_open: "仍未完成的必要步驟：",
    resolve_step: "{runbook}：{step}",
    resolve_escalations_waiting: "仍在等待回應的升級：",
    resolve_escalation: "{component}：{who}",
    resolve_nothing_open: "沒有未完成的必要步驟，也沒有等待回應的升級。",
    resolve_final_owed: "上一則公開更新承諾在 {clock} 前再更新：客戶正在等待最後一則更新。",
    resolve_confirm: "標為已解決",
    resolve_and_write: "標為已解決並撰寫最後更新",
    close_title: "要結案嗎？",
    close_review_checking: "正在檢查檢討報告…",
    close_review_scheduled: "檢討會議已排定在 {time}。",
    close_review_not_scheduled: "檢討報告尚未設定會議時間。",
    close_review_none: "尚未開始檢討報告，因此沒有排定檢討會議。",
    close_review_link: "開啟檢討報告",
    close_confirm: "結案",
    close_anyway: "在未排定檢討會議下結案",
    flow_cancel: "先不要",

    final_owed: "已解決。仍欠一則最後的公開更新：上一則承諾在 {clock} 前再更新。",
    final_overdue: "已解決。最後的公開更新已逾時 {time}：上一則承諾在 {clock} 前再更新。",
};
