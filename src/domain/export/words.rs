//! The words the exports write, in English and Traditional Chinese (Taiwan).
//!
//! Each label is one `(English, Chinese)` pair, so a missing translation shows up
//! where the label is written. Domain values (statuses, roles, sections, the line
//! of a recorded change...) are worded by [`crate::domain::words`], as on screen.

use crate::domain::review::ItemStatus;
use crate::domain::words::{words, Wording};
use crate::domain::Language;

/// The label table for one language.
#[derive(Debug, Clone, Copy)]
pub(super) struct Words(pub(super) Language);

macro_rules! labels {
    ($($(#[$doc:meta])* $name:ident: $en:expr, $zh:expr;)*) => {
        impl Words {
            $(
                $(#[$doc])*
                pub(super) fn $name(self) -> &'static str {
                    match self.0 {
                        Language::English => $en,
                        Language::TraditionalChinese => $zh,
                    }
                }
            )*
        }
    };
}

labels! {
    // The internal review's header.
    incident: "Incident", "事故";
    severity: "Severity", "嚴重等級";
    worst_severity: "Worst severity", "最高嚴重等級";
    incident_status: "Incident status", "事故狀態";
    review_status: "Review status", "檢討狀態";
    no_review: "not started", "尚未開始";
    declared: "Declared", "宣告時間";
    declared_by: "Declared by", "宣告者";
    duration: "Duration", "持續時間";
    not_resolved: "not resolved yet", "尚未解決";
    owner: "Review owner", "檢討負責人";
    authors: "Authors", "作者";
    meeting: "Review meeting", "檢討會議";
    not_set: "not set", "未設定";
    components: "Affected components", "受影響元件";
    nobody: "none", "無";
    runbooks: "Runbooks run", "執行過的處理手冊";
    runbook_run: "{name} (version {version}), started {at}", "{name}（第 {version} 版），{at} 開始";
    severity_history: "Severity history", "嚴重等級歷程";
    list_separator: ", ", "、";
    reason_separator: ": ", "：";
    label_colon: ":", "：";
    unnamed: "(no name set)", "（未設定名稱）";

    // Document titles and groups.
    internal_review: "Post-incident review", "事故後檢討";
    customer_review: "Incident report", "事故說明";
    not_written: "Not written yet.", "尚未撰寫。";
    narrative: "Narrative", "經過";
    causes: "Causes", "原因";
    messaging: "Messaging", "對內與對外訊息";
    external_message: "External message", "對外訊息";
    timeline: "Timeline (UTC)", "時間軸（UTC）";
    timeline_fallback:
        "No entries have been chosen for the review yet, so this is the incident's whole timeline.",
        "尚未選出要檢討的時間軸項目，因此這裡列出事故的完整時間軸。";
    no_entries: "No entries.", "沒有項目。";
    col_time: "Time (UTC)", "時間（UTC）";
    col_tag: "Tag", "標籤";
    col_kind: "Kind", "類型";
    col_by: "By", "記錄者";
    col_visibility: "Visibility", "可見範圍";
    col_entry: "Entry", "內容";
    evidence: "Evidence", "佐證";
    remediation: "Remediation items", "改善項目";
    no_items: "No remediation items.", "尚無改善項目。";
    col_number: "No.", "編號";
    col_title: "Title", "項目";
    col_owner: "Owner", "負責人";
    col_team: "Team", "團隊";
    col_priority: "Priority", "優先程度";
    col_due: "Due", "期限";
    col_status: "Status", "狀態";
    col_link: "Link", "追蹤連結";
    sign_offs: "Sign-offs", "簽核";
    not_signed: "not signed yet", "尚未簽核";
    signed: "{name}, {at}", "{name}，{at}";
    history: "Review history", "檢討歷程";
    history_event: "{at}: {status} ({by})", "{at}：{status}（{by}）";
    reopened: "returned to draft by an edit", "審閱中被修改，退回草稿";
    reopened_because: "reopened: {reason}", "重新開啟：{reason}";
    set_aside: "sign-offs set aside: {names}", "擱置的簽核：{names}";
    removed_items: "Removed remediation items", "已移除的改善項目";
    removed_item: "{at}: item {number} “{title}” removed ({by})", "{at}：項目 {number}「{title}」已移除（{by}）";

    // The customer-facing review's header.
    impact_started: "Impact started", "影響開始";
    impact_ended: "Impact ended", "影響結束";
    ongoing: "ongoing", "仍在處理中";

    // Durations.
    days: "{n} d", "{n} 天";
    hours: "{n} h", "{n} 小時";
    minutes: "{n} min", "{n} 分鐘";

    // The plan: CSV columns and calendar events.
    csv_incident: "Incident", "事故";
    csv_incident_id: "Incident id", "事故編號";
    csv_severity: "Incident severity", "事故嚴重等級";
    csv_item: "Item", "項目編號";
    csv_title: "Title", "項目";
    csv_kind: "Kind", "類型";
    csv_owner: "Owner", "負責人";
    csv_team: "Team", "團隊";
    csv_priority: "Priority", "優先程度";
    csv_status: "Status", "狀態";
    csv_due: "Due date", "期限";
    csv_overdue: "Overdue", "逾期";
    csv_link: "Link", "追蹤連結";
    csv_filter: "Filter", "篩選條件";
    yes: "yes", "是";
    no: "no", "否";
    cal_name: "Sitrep remediation plan", "Sitrep 改善計畫";
    cal_item: "Due: {title}", "到期：{title}";
    cal_undated: "No due date: {title}", "未定期限：{title}";
    cal_meeting: "Review meeting: {title}", "檢討會議：{title}";
}

impl Words {
    /// The domain's words for values (statuses, roles, sections...), the same
    /// the screens show.
    pub(super) fn values(self) -> &'static dyn Wording {
        words(self.0)
    }

    /// A remediation item's status; "won't do" carries its reason.
    pub(super) fn item_status(self, status: &ItemStatus) -> String {
        let name = self.values().item_status(status);
        if let ItemStatus::WontDo { reason } = status {
            format!("{name}{}{}", self.reason_separator(), reason.trim())
        } else {
            name.to_owned()
        }
    }

    /// A duration such as "1 d 2 h 5 min"; never negative.
    pub(super) fn span(self, duration: chrono::Duration) -> String {
        let total = duration.num_minutes().max(0);
        let (days, hours, minutes) = (total / (24 * 60), total / 60 % 24, total % 60);
        let mut parts = Vec::new();
        if days > 0 {
            parts.push(super::fill(self.days(), &[("n", &days.to_string())]));
        }
        if hours > 0 || days > 0 {
            parts.push(super::fill(self.hours(), &[("n", &hours.to_string())]));
        }
        parts.push(super::fill(self.minutes(), &[("n", &minutes.to_string())]));
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally_in_both_languages() {
        let minutes = [0, 59, 61, 1_500, -5];
        let show = |lang| {
            minutes.iter().map(|m| Words(lang).span(chrono::Duration::minutes(*m))).collect::<Vec<_>>().join(" | ")
        };
        expect_test::expect!["0 min | 59 min | 1 h 1 min | 1 d 1 h 0 min | 0 min"].assert_eq(&show(Language::English));
        expect_test::expect!["0 分鐘 | 59 分鐘 | 1 小時 1 分鐘 | 1 天 1 小時 0 分鐘 | 0 分鐘"]
            .assert_eq(&show(Language::TraditionalChinese));
    }
}
