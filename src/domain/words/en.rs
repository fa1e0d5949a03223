//! English.

use super::{Line, Wording};
use crate::domain::event::{Audience, Phase, Status};
use crate::domain::milestone::Milestone;
use crate::domain::review::{ItemKind, ItemStatus, Priority, ReviewStatus, Reviewer, Section};
use crate::domain::roles::Role;
use crate::domain::runbook::Completion;
use crate::domain::timeline::{EntryKind, Tag, Visibility};

/// English.
pub(super) struct English;

impl Wording for English {
    fn status(&self, status: Status) -> &'static str {
        match status {
            Status::Triage => "Triage",
            Status::Investigating => "Investigating",
            Status::Identified => "Identified",
            Status::Mitigating => "Mitigating",
            Status::Monitoring => "Monitoring",
            Status::Resolved => "Resolved",
            Status::Closed => "Closed",
        }
    }

    fn milestone(&self, milestone: Milestone) -> &'static str {
        match milestone {
            Milestone::ImpactStarted => "Impact started",
            Milestone::Detected => "Detected",
            Milestone::Acknowledged => "Acknowledged",
            Milestone::Mitigated => "Mitigated",
            Milestone::Resolved => "Resolved",
        }
    }

    fn completion(&self, event: Completion) -> String {
        match event {
            Completion::RoleAssigned { role } => format!("{} assigned", self.role(role)),
            Completion::PublicUpdatePosted => "Public status update posted".to_owned(),
            Completion::MilestoneSet { milestone } => format!("Milestone set: {}", self.milestone(milestone)),
        }
    }

    fn role(&self, role: Role) -> &'static str {
        match role {
            Role::IncidentLead => "Incident lead",
            Role::CommunicationsManager => "Communications manager",
            Role::Scribe => "Scribe",
            Role::SubjectExpert => "Subject experts",
            Role::FrontLineLiaison => "Front-line liaison",
        }
    }

    fn entry_kind(&self, kind: EntryKind) -> &'static str {
        match kind {
            EntryKind::Note => "Note",
            EntryKind::StatusChange => "Status change",
            EntryKind::SeverityChange => "Severity change",
            EntryKind::RoleChange => "Role change",
            EntryKind::StepDone => "Runbook step",
            EntryKind::StatusUpdate => "Status update",
            EntryKind::Escalation => "Escalation",
            EntryKind::Milestone => "Milestone",
            EntryKind::Decision => "Decision",
        }
    }

    fn tag(&self, tag: Tag) -> &'static str {
        match tag {
            Tag::Detection => "Detection",
            Tag::Diagnosis => "Diagnosis",
            Tag::Repair => "Repair",
            Tag::KeyMoment => "Key moment",
        }
    }

    fn visibility(&self, visibility: Visibility) -> &'static str {
        match visibility {
            Visibility::Internal => "Internal",
            Visibility::CustomerSafe => "Customer-safe",
        }
    }

    fn audience(&self, audience: Audience) -> &'static str {
        match audience {
            Audience::Public => "Public",
            Audience::Internal => "Internal",
        }
    }

    fn phase(&self, phase: Phase) -> &'static str {
        match phase {
            Phase::Investigating => "Investigating",
            Phase::Identified => "Identified",
            Phase::Monitoring => "Monitoring",
            Phase::Resolved => "Resolved",
        }
    }

    fn phase_in_sentence(&self, phase: Phase) -> &'static str {
        match phase {
            Phase::Investigating => "investigating",
            Phase::Identified => "identified",
            Phase::Monitoring => "monitoring",
            Phase::Resolved => "resolved",
        }
    }

    fn review_status(&self, status: ReviewStatus) -> &'static str {
        match status {
            ReviewStatus::Draft => "Draft",
            ReviewStatus::InReview => "In review",
            ReviewStatus::Approved => "Approved",
            ReviewStatus::Published => "Published",
        }
    }

    fn section(&self, section: Section) -> &'static str {
        match section {
            Section::Summary => "Summary",
            Section::Impact => "Customer impact in numbers",
            Section::LeadUp => "Lead-up",
            Section::Fault => "Fault",
            Section::Detection => "Detection",
            Section::Response => "Response",
            Section::Recovery => "Recovery",
            Section::TechnicalCauses => "Technical causes",
            Section::ProcessCauses => "Process causes",
            Section::ResponseCauses => "Response causes",
            Section::ContributingFactors => "Contributing factors",
            Section::WentWell => "What went well",
            Section::WentWrong => "What went wrong",
            Section::Lucky => "Where we got lucky",
            Section::Lessons => "Lessons",
            Section::SimilarRisks => "Similar risks elsewhere",
            Section::InternalMessage => "Internal summary message",
            Section::CustomerSummary => "Summary for customers",
            Section::CustomerWhatHappened => "What happened",
            Section::CustomerActions => "What we are doing about it",
            Section::CustomerApology => "Apology",
        }
    }

    fn section_heading(&self, section: Section) -> &'static str {
        match section {
            Section::Summary => "Summary",
            Section::Impact => "Customer impact in numbers",
            Section::LeadUp => "Lead-up",
            Section::Fault => "Fault",
            Section::Detection => "Detection",
            Section::Response => "Response",
            Section::Recovery => "Recovery",
            Section::TechnicalCauses => "Technical causes",
            Section::ProcessCauses => "Process causes",
            Section::ResponseCauses => "Response causes",
            Section::ContributingFactors => "Contributing factors",
            Section::WentWell => "What went well",
            Section::WentWrong => "What went wrong",
            Section::Lucky => "Where we got lucky",
            Section::Lessons => "Lessons",
            Section::SimilarRisks => "Similar risks elsewhere",
            Section::InternalMessage => "Internal summary",
            Section::CustomerSummary => "Summary",
            Section::CustomerWhatHappened => "What happened",
            Section::CustomerActions => "What we are doing about it",
            Section::CustomerApology => "Our apology",
        }
    }

    fn item_status(&self, status: &ItemStatus) -> &'static str {
        match status {
            ItemStatus::Candidate => "Candidate",
            ItemStatus::Committed => "Committed",
            ItemStatus::InProgress => "In progress",
            ItemStatus::Done => "Done",
            ItemStatus::WontDo { .. } => "Won't do",
        }
    }

    fn item_kind(&self, kind: ItemKind) -> &'static str {
        match kind {
            ItemKind::Prevent => "Prevent",
            ItemKind::Detect => "Detect",
            ItemKind::Mitigate => "Mitigate",
            ItemKind::Process => "Process",
            ItemKind::Fix => "Fix",
        }
    }

    fn priority(&self, priority: Priority) -> &'static str {
        match priority {
            Priority::Priority => "Priority",
            Priority::Normal => "Normal",
        }
    }

    fn reviewer(&self, reviewer: Reviewer) -> &'static str {
        match reviewer {
            Reviewer::Technical => "Technical reviewer",
            Reviewer::NonTechnical => "Non-technical reviewer",
        }
    }

    fn builtin_impact(&self, rank: u8) -> &'static str {
        match rank {
            1 => "Service down, or data exposed or lost, for many customers; SLA breached",
            2 => "A critical function down, or many customers badly degraded",
            3 => "Partial loss for a minority of customers",
            4 => "Minor; customers can still use the product",
            _ => "",
        }
    }

    fn builtin_response(&self, rank: u8) -> &'static str {
        match rank {
            1 => "Page the incident lead now, any hour; assign a communications manager",
            2 => "Page the incident lead now",
            3 => "On-call in working hours; roll back a recent change first",
            4 => "Ticket to the owning team",
            _ => "",
        }
    }

    fn line(&self, line: Line) -> &'static str {
        match line {
            Line::Declared => "Incident declared at {severity}",
            Line::Status => "Status changed from {from} to {to}",
            Line::Severity => "Severity changed from {from} to {to}",
            Line::Components => "Affected components: {list}",
            Line::ComponentsCleared => "No components marked as affected",
            Line::RunbookStarted => "Runbook started: {name} (version {version})",
            Line::Milestone => "Milestone: {milestone}",
            Line::RoleTaken => "{name} took the role {role}",
            Line::RoleHanded => "{role} handed over from {from} to {to}",
            Line::RoleLeft => "{name} left the role {role}",
            Line::EscalationStarted => "Escalation started for {component}: step 1, {who} (wait {minutes} min)",
            Line::EscalationAnswered => "{who} answered the escalation for {component} (step {step})",
            Line::Escalated => {
                "Escalation for {component} moved from step {from} to step {to}: {who} (wait {minutes} min)"
            }
            Line::EscalatedTimedOut => {
                "No answer in time; escalation for {component} moved from step {from} to step {to}: {who} \
                 (wait {minutes} min)"
            }
            Line::EscalationStopped => "Escalation for {component} stopped at step {step}",
            Line::EscalationExhausted => {
                "Escalation path for {component} exhausted: no answer from {who} at step {step}"
            }
            Line::PublicUpdate => "Public status update ({phase})",
            Line::InternalUpdate => "Internal status update ({phase})",
            Line::StepDone => "Done: {step}",
            Line::StepReopened => "Reopened: {step}",
            Line::StepSkipped => "Skipped: {step}",
        }
    }

    fn list_separator(&self) -> &'static str {
        ", "
    }

    fn text_separator(&self) -> &'static str {
        " — "
    }
}
