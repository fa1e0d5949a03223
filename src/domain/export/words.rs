//! The words the exports write, in English and Traditional Chinese (Taiwan).
//!
//! Each label is one `(English, Chinese)` pair, so a missing translation shows up
//! where the label is written. The wording follows the app's own message catalog.

use crate::domain::escalation::EscalationEvent;
use crate::domain::incident::Status;
use crate::domain::milestone::Milestone;
use crate::domain::review::{ItemKind, ItemStatus, Priority, ReviewStatus, Reviewer, Section};
use crate::domain::roles::Role;
use crate::domain::status_update::{Audience, Phase};
use crate::domain::timeline::{EntryKind, StepAction, Tag, Visibility};
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
    reopened: "reopened by an edit", "核准後被修改，退回草稿";

    // The customer-facing review's header.
    impact_started: "Impact started", "影響開始";
    impact_ended: "Impact ended", "影響結束";
    ongoing: "ongoing", "仍在處理中";

    // Durations.
    days: "{n} d", "{n} 天";
    hours: "{n} h", "{n} 小時";
    minutes: "{n} min", "{n} 分鐘";

    // Changes recorded on the timeline.
    ch_declared: "Declared at {severity}", "以 {severity} 宣告事故";
    ch_status: "Status changed from {from} to {to}", "狀態由「{from}」改為「{to}」";
    ch_severity: "Severity changed from {from} to {to}", "嚴重等級由 {from} 改為 {to}";
    ch_components: "Affected components: {list}", "受影響元件：{list}";
    ch_components_cleared: "Affected components cleared", "已清除受影響元件";
    ch_runbook: "Runbook started: {name} (version {version})", "開始執行處理手冊：{name}（第 {version} 版）";
    ch_milestone: "Milestone: {milestone}", "里程碑：{milestone}";
    ch_role_taken: "{name} took the role {role}", "{name} 擔任{role}";
    ch_role_handed: "{role} handed over from {from} to {to}", "{role}由 {from} 交接給 {to}";
    ch_role_left: "{name} left the role {role}", "{name} 卸下{role}";
    ch_esc_started: "Escalation started for {component}: step 1, {who} (wait {minutes} min)",
        "已開始{component}的升級通報：步驟 1，{who}（等待 {minutes} 分鐘）";
    ch_esc_answered: "{who} answered the escalation for {component} (step {step})",
        "{who} 已回應{component}的升級通報（步驟 {step}）";
    ch_esc_escalated: "Escalation for {component} moved from step {from} to step {to}: {who} (wait {minutes} min)",
        "{component}的升級通報由步驟 {from} 升至步驟 {to}：{who}（等待 {minutes} 分鐘）";
    ch_esc_timed_out: "No answer in time; escalation for {component} moved from step {from} to step {to}: {who} (wait {minutes} min)",
        "逾時未回應；{component}的升級通報由步驟 {from} 升至步驟 {to}：{who}（等待 {minutes} 分鐘）";
    ch_esc_stopped: "Escalation for {component} stopped at step {step}", "{component}的升級通報已在步驟 {step} 停止";
    ch_esc_exhausted: "Escalation path for {component} exhausted: no answer from {who} at step {step}",
        "{component}的呈報路徑已用盡：步驟 {step} 的 {who} 未回應";
    ch_update: "Status update ({audience}, {phase})", "狀態公告（{audience}，{phase}）";
    ch_update_next: "next update due {at}", "下次更新 {at}";

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
    yes: "yes", "是";
    no: "no", "否";
    cal_name: "Sitrep remediation plan", "Sitrep 改善計畫";
    cal_item: "Due: {title}", "到期：{title}";
    cal_meeting: "Review meeting: {title}", "檢討會議：{title}";
}

impl Words {
    /// An incident status.
    pub(super) fn status(self, status: Status) -> &'static str {
        self.pick(match status {
            Status::Triage => ("Triage", "分級評估"),
            Status::Investigating => ("Investigating", "調查中"),
            Status::Identified => ("Identified", "已找出原因"),
            Status::Mitigating => ("Mitigating", "緩解中"),
            Status::Monitoring => ("Monitoring", "觀察中"),
            Status::Resolved => ("Resolved", "已解決"),
            Status::Closed => ("Closed", "已結案"),
        })
    }

    /// A review status.
    pub(super) fn review(self, status: ReviewStatus) -> &'static str {
        self.pick(match status {
            ReviewStatus::Draft => ("Draft", "草稿"),
            ReviewStatus::InReview => ("In review", "審閱中"),
            ReviewStatus::Approved => ("Approved", "已核准"),
            ReviewStatus::Published => ("Published", "已發布"),
        })
    }

    /// A section's heading.
    pub(super) fn section(self, section: Section) -> &'static str {
        self.pick(match section {
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
            Section::InternalMessage => ("Internal summary", "內部摘要訊息"),
            Section::CustomerSummary => ("Summary", "摘要"),
            Section::CustomerWhatHappened => ("What happened", "發生了什麼事"),
            Section::CustomerActions => ("What we are doing about it", "我們的改善行動"),
            Section::CustomerApology => ("Our apology", "致歉"),
        })
    }

    /// A remediation item's kind.
    pub(super) fn item_kind(self, kind: ItemKind) -> &'static str {
        self.pick(match kind {
            ItemKind::Prevent => ("Prevent", "預防"),
            ItemKind::Detect => ("Detect", "偵測"),
            ItemKind::Mitigate => ("Mitigate", "緩解"),
            ItemKind::Process => ("Process", "流程"),
            ItemKind::Fix => ("Fix", "修復"),
        })
    }

    /// A remediation item's priority.
    pub(super) fn priority(self, priority: Priority) -> &'static str {
        self.pick(match priority {
            Priority::Priority => ("Priority", "優先"),
            Priority::Normal => ("Normal", "一般"),
        })
    }

    /// A remediation item's status; "won't do" carries its reason.
    pub(super) fn item_status(self, status: &ItemStatus) -> String {
        let name = self.pick(match status {
            ItemStatus::Candidate => ("Candidate", "候選"),
            ItemStatus::Committed => ("Committed", "已承諾"),
            ItemStatus::InProgress => ("In progress", "進行中"),
            ItemStatus::Done => ("Done", "完成"),
            ItemStatus::WontDo { .. } => ("Won't do", "不執行"),
        });
        match status {
            ItemStatus::WontDo { reason } => format!("{name}{}{}", self.reason_separator(), reason.trim()),
            _ => name.to_owned(),
        }
    }

    /// A timeline tag.
    pub(super) fn tag(self, tag: Tag) -> &'static str {
        self.pick(match tag {
            Tag::Detection => ("Detection", "偵測"),
            Tag::Diagnosis => ("Diagnosis", "診斷"),
            Tag::Repair => ("Repair", "修復"),
            Tag::KeyMoment => ("Key moment", "關鍵時刻"),
        })
    }

    /// A kind of timeline entry.
    pub(super) fn entry_kind(self, kind: EntryKind) -> &'static str {
        self.pick(match kind {
            EntryKind::Note => ("Note", "筆記"),
            EntryKind::StatusChange => ("Status change", "狀態變更"),
            EntryKind::SeverityChange => ("Severity change", "嚴重等級變更"),
            EntryKind::RoleChange => ("Role change", "角色變更"),
            EntryKind::StepDone => ("Runbook step", "處理步驟"),
            EntryKind::StatusUpdate => ("Status update", "狀態公告"),
            EntryKind::Escalation => ("Escalation", "升級通報"),
            EntryKind::Milestone => ("Milestone", "里程碑"),
            EntryKind::Decision => ("Decision", "決策"),
        })
    }

    /// Who may read an entry.
    pub(super) fn visibility(self, visibility: Visibility) -> &'static str {
        self.pick(match visibility {
            Visibility::Internal => ("Internal", "僅限內部"),
            Visibility::CustomerSafe => ("Customer-safe", "可對客戶公開"),
        })
    }

    /// A milestone.
    pub(super) fn milestone(self, milestone: Milestone) -> &'static str {
        self.pick(match milestone {
            Milestone::ImpactStarted => ("Impact started", "影響開始"),
            Milestone::Detected => ("Detected", "偵測到"),
            Milestone::Acknowledged => ("Acknowledged", "已確認受理"),
            Milestone::Mitigated => ("Mitigated", "已緩解"),
            Milestone::Resolved => ("Resolved", "已解決"),
        })
    }

    /// An incident role.
    pub(super) fn role(self, role: Role) -> &'static str {
        self.pick(match role {
            Role::IncidentLead => ("Incident lead", "事故指揮官"),
            Role::CommunicationsManager => ("Communications manager", "溝通負責人"),
            Role::Scribe => ("Scribe", "記錄員"),
            Role::SubjectExpert => ("Subject expert", "領域專家"),
            Role::FrontLineLiaison => ("Front-line liaison", "第一線聯絡人"),
        })
    }

    /// Which reviewer signs.
    pub(super) fn reviewer(self, reviewer: Reviewer) -> &'static str {
        self.pick(match reviewer {
            Reviewer::Technical => ("Technical reviewer", "技術審閱者"),
            Reviewer::NonTechnical => ("Non-technical reviewer", "非技術審閱者"),
        })
    }

    /// A status update's audience.
    pub(super) fn audience(self, audience: Audience) -> &'static str {
        self.pick(match audience {
            Audience::Public => ("public", "公開"),
            Audience::Internal => ("internal", "內部"),
        })
    }

    /// A status update's phase.
    pub(super) fn phase(self, phase: Phase) -> &'static str {
        self.pick(match phase {
            Phase::Investigating => ("investigating", "調查中"),
            Phase::Identified => ("identified", "已找出原因"),
            Phase::Monitoring => ("monitoring", "觀察中"),
            Phase::Resolved => ("resolved", "已解決"),
        })
    }

    /// What happened to a checklist step.
    pub(super) fn step(self, action: StepAction) -> &'static str {
        self.pick(match action {
            StepAction::Done => ("Done: {step}", "完成：{step}"),
            StepAction::Reopened => ("Reopened: {step}", "重新開啟：{step}"),
            StepAction::Skipped => ("Skipped: {step}", "略過：{step}"),
        })
    }

    /// An escalation event in words; steps are shown counting from 1.
    pub(super) fn escalation(self, event: &EscalationEvent) -> String {
        let n = |step: usize| (step + 1).to_string();
        match event {
            EscalationEvent::Started { name, who, wait_minutes, .. } => super::fill(
                self.ch_esc_started(),
                &[("component", name), ("who", who), ("minutes", &wait_minutes.to_string())],
            ),
            EscalationEvent::Answered { name, step, who, .. } => {
                super::fill(self.ch_esc_answered(), &[("component", name), ("who", who), ("step", &n(*step))])
            }
            EscalationEvent::Escalated { name, from, to, who, wait_minutes, timed_out, .. } => super::fill(
                if *timed_out { self.ch_esc_timed_out() } else { self.ch_esc_escalated() },
                &[
                    ("component", name),
                    ("from", &n(*from)),
                    ("to", &n(*to)),
                    ("who", who),
                    ("minutes", &wait_minutes.to_string()),
                ],
            ),
            EscalationEvent::Stopped { name, step, .. } => {
                super::fill(self.ch_esc_stopped(), &[("component", name), ("step", &n(*step))])
            }
            EscalationEvent::Exhausted { name, step, who, .. } => {
                super::fill(self.ch_esc_exhausted(), &[("component", name), ("who", who), ("step", &n(*step))])
            }
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

    fn pick(self, (en, zh): (&'static str, &'static str)) -> &'static str {
        match self.0 {
            Language::English => en,
            Language::TraditionalChinese => zh,
        }
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
