//! Traditional Chinese (Taiwan).

use super::{Line, Wording};
use crate::domain::event::{Audience, Phase, Status};
use crate::domain::milestone::Milestone;
use crate::domain::review::{ItemKind, ItemStatus, Priority, ReviewStatus, Reviewer, Section};
use crate::domain::roles::Role;
use crate::domain::runbook::Completion;
use crate::domain::timeline::{EntryKind, Tag, Visibility};

/// Traditional Chinese (Taiwan).
pub(super) struct TraditionalChinese;

impl Wording for TraditionalChinese {
    fn status(&self, status: Status) -> &'static str {
        match status {
            Status::Triage => "分級評估",
            Status::Investigating => "調查中",
            Status::Identified => "已找出原因",
            Status::Mitigating => "緩解中",
            Status::Monitoring => "觀察中",
            Status::Resolved => "已解決",
            Status::Closed => "已結案",
        }
    }

    fn milestone(&self, milestone: Milestone) -> &'static str {
        match milestone {
            Milestone::ImpactStarted => "影響開始",
            Milestone::Detected => "偵測到",
            Milestone::Acknowledged => "已確認受理",
            Milestone::Mitigated => "已緩解",
            Milestone::Resolved => "已解決",
        }
    }

    fn completion(&self, event: Completion) -> String {
        match event {
            Completion::RoleAssigned { role } => format!("已指派{}", self.role(role)),
            Completion::PublicUpdatePosted => "已發布公開狀態更新".to_owned(),
            Completion::MilestoneSet { milestone } => format!("已設定里程碑：{}", self.milestone(milestone)),
        }
    }

    fn role(&self, role: Role) -> &'static str {
        match role {
            Role::IncidentLead => "事故指揮官",
            Role::CommunicationsManager => "溝通負責人",
            Role::Scribe => "記錄員",
            Role::SubjectExpert => "領域專家",
            Role::FrontLineLiaison => "第一線聯絡人",
        }
    }

    fn entry_kind(&self, kind: EntryKind) -> &'static str {
        match kind {
            EntryKind::Note => "筆記",
            EntryKind::StatusChange => "狀態變更",
            EntryKind::SeverityChange => "嚴重等級變更",
            EntryKind::RoleChange => "角色變更",
            EntryKind::StepDone => "處理步驟",
            EntryKind::StatusUpdate => "狀態公告",
            EntryKind::Escalation => "升級通報",
            EntryKind::Milestone => "里程碑",
            EntryKind::Decision => "決策",
        }
    }

    fn tag(&self, tag: Tag) -> &'static str {
        match tag {
            Tag::Detection => "偵測",
            Tag::Diagnosis => "診斷",
            Tag::Repair => "修復",
            Tag::KeyMoment => "關鍵時刻",
        }
    }

    fn visibility(&self, visibility: Visibility) -> &'static str {
        match visibility {
            Visibility::Internal => "僅限內部",
            Visibility::CustomerSafe => "可對客戶公開",
        }
    }

    fn audience(&self, audience: Audience) -> &'static str {
        match audience {
            Audience::Public => "公開",
            Audience::Internal => "內部",
        }
    }

    fn phase(&self, phase: Phase) -> &'static str {
        match phase {
            Phase::Investigating => "調查中",
            Phase::Identified => "已找出原因",
            Phase::Monitoring => "觀察中",
            Phase::Resolved => "已解決",
        }
    }

    fn phase_in_sentence(&self, phase: Phase) -> &'static str {
        match phase {
            Phase::Investigating => "調查中",
            Phase::Identified => "已找出原因",
            Phase::Monitoring => "觀察中",
            Phase::Resolved => "已解決",
        }
    }

    fn review_status(&self, status: ReviewStatus) -> &'static str {
        match status {
            ReviewStatus::Draft => "草稿",
            ReviewStatus::InReview => "審閱中",
            ReviewStatus::Approved => "已核准",
            ReviewStatus::Published => "已發布",
        }
    }

    fn section(&self, section: Section) -> &'static str {
        match section {
            Section::Summary => "摘要",
            Section::Impact => "客戶影響（數據）",
            Section::LeadUp => "事前經過",
            Section::Fault => "故障",
            Section::Detection => "偵測",
            Section::Response => "應變",
            Section::Recovery => "復原",
            Section::TechnicalCauses => "技術原因",
            Section::ProcessCauses => "流程原因",
            Section::ResponseCauses => "應變原因",
            Section::ContributingFactors => "促成因素",
            Section::WentWell => "做得好的地方",
            Section::WentWrong => "做得不好的地方",
            Section::Lucky => "僥倖之處",
            Section::Lessons => "學到的教訓",
            Section::SimilarRisks => "其他地方的類似風險",
            Section::InternalMessage => "內部摘要訊息",
            Section::CustomerSummary => "給客戶的摘要",
            Section::CustomerWhatHappened => "發生了什麼事",
            Section::CustomerActions => "我們的改善行動",
            Section::CustomerApology => "致歉",
        }
    }

    fn section_heading(&self, section: Section) -> &'static str {
        match section {
            Section::Summary => "摘要",
            Section::Impact => "客戶影響（數據）",
            Section::LeadUp => "事前經過",
            Section::Fault => "故障",
            Section::Detection => "偵測",
            Section::Response => "應變",
            Section::Recovery => "復原",
            Section::TechnicalCauses => "技術原因",
            Section::ProcessCauses => "流程原因",
            Section::ResponseCauses => "應變原因",
            Section::ContributingFactors => "促成因素",
            Section::WentWell => "做得好的地方",
            Section::WentWrong => "做得不好的地方",
            Section::Lucky => "僥倖之處",
            Section::Lessons => "學到的教訓",
            Section::SimilarRisks => "其他地方的類似風險",
            Section::InternalMessage => "內部摘要訊息",
            Section::CustomerSummary => "摘要",
            Section::CustomerWhatHappened => "發生了什麼事",
            Section::CustomerActions => "我們的改善行動",
            Section::CustomerApology => "致歉",
        }
    }

    fn item_status(&self, status: &ItemStatus) -> &'static str {
        match status {
            ItemStatus::Candidate => "候選",
            ItemStatus::Committed => "已承諾",
            ItemStatus::InProgress => "進行中",
            ItemStatus::Done => "完成",
            ItemStatus::WontDo { .. } => "不執行",
        }
    }

    fn item_kind(&self, kind: ItemKind) -> &'static str {
        match kind {
            ItemKind::Prevent => "預防",
            ItemKind::Detect => "偵測",
            ItemKind::Mitigate => "緩解",
            ItemKind::Process => "流程",
            ItemKind::Fix => "修復",
        }
    }

    fn priority(&self, priority: Priority) -> &'static str {
        match priority {
            Priority::Priority => "優先",
            Priority::Normal => "一般",
        }
    }

    fn reviewer(&self, reviewer: Reviewer) -> &'static str {
        match reviewer {
            Reviewer::Technical => "技術審閱者",
            Reviewer::NonTechnical => "非技術審閱者",
        }
    }

    fn builtin_impact(&self, rank: u8) -> &'static str {
        match rank {
            1 => "服務中斷，或大量客戶的資料外洩或遺失；已違反 SLA",
            2 => "關鍵功能中斷，或大量客戶的服務嚴重劣化",
            3 => "少數客戶的部分功能受影響",
            4 => "輕微；客戶仍可正常使用產品",
            _ => "",
        }
    }

    fn builtin_response(&self, rank: u8) -> &'static str {
        match rank {
            1 => "立即呼叫事故指揮官，不分時段；指派溝通負責人",
            2 => "立即呼叫事故指揮官",
            3 => "上班時間由值班人員處理；先回復最近的變更",
            4 => "開立工單給負責團隊",
            _ => "",
        }
    }

    fn line(&self, line: Line) -> &'static str {
        match line {
            Line::Declared => "以 {severity} 宣告事故",
            Line::Status => "狀態由「{from}」改為「{to}」",
            Line::Severity => "嚴重等級由 {from} 改為 {to}",
            Line::Components => "受影響元件：{list}",
            Line::ComponentsCleared => "已清除受影響元件",
            Line::RunbookStarted => "開始執行處理手冊：{name}（第 {version} 版）",
            Line::Milestone => "里程碑：{milestone}",
            Line::RoleTaken => "{name} 擔任{role}",
            Line::RoleHanded => "{role}由 {from} 交接給 {to}",
            Line::RoleLeft => "{name} 卸下{role}",
            Line::EscalationStarted => "已開始{component}的升級通報：步驟 1，{who}（等待 {minutes} 分鐘）",
            Line::EscalationAnswered => "{who} 已回應{component}的升級通報（步驟 {step}）",
            Line::Escalated => "{component}的升級通報由步驟 {from} 升至步驟 {to}：{who}（等待 {minutes} 分鐘）",
            Line::EscalatedTimedOut => {
                "逾時未回應；{component}的升級通報由步驟 {from} 升至步驟 {to}：{who}（等待 {minutes} 分鐘）"
            }
            Line::EscalationStopped => "{component}的升級通報已在步驟 {step} 停止",
            Line::EscalationExhausted => "{component}的呈報路徑已用盡：步驟 {step} 的 {who} 未回應",
            Line::PublicUpdate => "公開狀態更新（{phase}）",
            Line::InternalUpdate => "內部狀態更新（{phase}）",
            Line::StepDone => "完成：{step}",
            Line::StepReopened => "重新開啟：{step}",
            Line::StepSkipped => "略過：{step}",
        }
    }

    fn list_separator(&self) -> &'static str {
        "、"
    }

    fn text_separator(&self) -> &'static str {
        "："
    }
}
