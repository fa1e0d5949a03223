//! The runbooks a new workspace starts with, written from the seed guide and
//! PRODUCT.md §3: restore service before hunting the root cause, name an incident
//! lead and a communications manager, post the first status update within five
//! minutes, engage the cloud vendor's critical support when the platform is
//! suspected, and escalate when on-call does not answer.
//!
//! They are ordinary runbooks once created: editable, versioned, archivable. They
//! are written in the workspace's language at the time they are created.

use super::id::RunbookId;
use super::milestone::Milestone;
use super::roles;
use super::runbook::{Completion, Runbook, RunbookDraft, Step};
use super::settings::Language;
use super::severity::Severity;
use chrono::{DateTime, Utc};

/// One step in both languages: English, Traditional Chinese, required, role, the
/// severity threshold if any, and the event that completes it by itself if any.
struct DefaultStep {
    en: &'static str,
    zh: &'static str,
    required: bool,
    role: Option<Role>,
    min_severity: Option<&'static str>,
    /// Markdown details for a first-time incident lead, in English and Chinese.
    details: (&'static str, &'static str),
    completes_when: Option<Completion>,
}

#[derive(Clone, Copy)]
enum Role {
    Lead,
    Comms,
    Expert,
    Liaison,
}

impl Role {
    fn name(self, language: Language) -> &'static str {
        match (self, language) {
            (Role::Lead, Language::English) => "Incident lead",
            (Role::Comms, Language::English) => "Communications manager",
            (Role::Expert, Language::English) => "Subject expert",
            (Role::Liaison, Language::English) => "Front-line liaison",
            (Role::Lead, Language::TraditionalChinese) => "事故指揮官",
            (Role::Comms, Language::TraditionalChinese) => "溝通負責人",
            (Role::Expert, Language::TraditionalChinese) => "領域專家",
            (Role::Liaison, Language::TraditionalChinese) => "第一線聯絡人",
        }
    }
}

const fn step(en: &'static str, zh: &'static str, required: bool, role: Option<Role>) -> DefaultStep {
    DefaultStep { en, zh, required, role, min_severity: None, details: ("", ""), completes_when: None }
}

impl DefaultStep {
    /// The step with these details (Markdown), in English and Chinese.
    const fn explained(self, en: &'static str, zh: &'static str) -> DefaultStep {
        DefaultStep { details: (en, zh), ..self }
    }

    /// The step, done by itself when `event` is recorded.
    const fn completed_when(self, event: Completion) -> DefaultStep {
        DefaultStep { completes_when: Some(event), ..self }
    }
}

/// Someone took `role`.
const fn assigned(role: roles::Role) -> Completion {
    Completion::RoleAssigned { role }
}

struct DefaultRunbook {
    name: (&'static str, &'static str),
    description: (&'static str, &'static str),
    attach_at: &'static [&'static str],
    steps: &'static [DefaultStep],
}

const MAJOR: DefaultRunbook = DefaultRunbook {
    name: ("Major incident", "重大事故"),
    description: (
        "For SEV1 and SEV2: customers cannot use the service or a critical function. Restore service first; find the root cause later.",
        "適用於 SEV1 與 SEV2：客戶無法使用服務或關鍵功能。先恢復服務，之後再找根本原因。",
    ),
    attach_at: &["SEV1", "SEV2"],
    steps: &[
        step("Name an incident lead who runs the response and makes the calls", "指派事故指揮官，負責帶領應變並做決定", true, Some(Role::Lead)).explained(
            "The incident lead coordinates and decides; they do not debug. They:\n\n- say out loud what the team is working on and who does what;\n- make the call when the team is unsure (roll back or wait, escalate or not);\n- hand over explicitly, recorded in Sitrep, when someone else takes the role.\n\nIf you declared the incident and nobody else is free, you are the lead until you hand over.",
            "事故指揮官負責協調與決策，不親自除錯。指揮官要：\n\n- 明確說出團隊正在處理什麼、誰負責什麼；\n- 在團隊猶豫時做決定（回復或等待、是否升級）；\n- 交接時明確交接，並記錄在 Sitrep 中。\n\n若是你宣告了事故且沒有其他人有空，在交接之前你就是指揮官。",
        ).completed_when(assigned(roles::Role::IncidentLead)),
        step("Name a communications manager: one voice to customers and stakeholders", "指派溝通負責人：對客戶與利害關係人只有一個窗口", true, Some(Role::Lead)).explained(
            "One person writes every message to customers and stakeholders, so the team speaks with one voice and responders are not interrupted. The communications manager posts status updates on time, answers stakeholders, and keeps internal details (component names, people, guesses about the cause) out of public text.",
            "由一個人撰寫所有對客戶與利害關係人的訊息，讓團隊口徑一致，應變成員也不會被打斷。溝通負責人按時發布狀態更新、回應利害關係人，並確保公開內容不含內部細節（元件名稱、人員、對原因的猜測）。",
        ).completed_when(assigned(roles::Role::CommunicationsManager)),
        step("Post the first public status update on the status page within 5 minutes", "在 5 分鐘內於狀態頁發布第一則公開狀態更新", true, Some(Role::Comms)).explained(
            "The first update is short and fast; it does not wait for the cause. It says:\n\n1. what customers may notice, in their words (\"Some payments fail\");\n2. that the team is investigating;\n3. when the next update will come (for SEV1, within 20 minutes).\n\nExample:\n\n> We are investigating failed card payments for some customers. Next update by 14:20 UTC.\n\nLeave out internal names, guesses about the cause and promises of a fix time.",
            "第一則更新要短、要快，不必等找到原因。內容包括：\n\n1. 客戶可能遇到的狀況，用客戶的話說（「部分付款失敗」）；\n2. 團隊正在調查；\n3. 下次更新的時間（SEV1 為 20 分鐘內）。\n\n範例：\n\n> 我們正在調查部分客戶信用卡付款失敗的問題，將於 UTC 14:20 前提供下次更新。\n\n不要寫內部名稱、對原因的猜測，也不要承諾修復時間。",
        ).completed_when(Completion::PublicUpdatePosted),
        step("Confirm the customer impact: what customers see, how many, since when", "確認客戶影響：客戶看到什麼、影響多少客戶、從何時開始", true, Some(Role::Lead)).explained(
            "Check from the customer's side, not from dashboards alone: try the failing flow yourself, read the newest support tickets. Write down what customers see, roughly how many are affected and since when; the severity and every update rest on it. If unsure between two severities, pick the higher one.",
            "從客戶的角度確認，不要只看儀表板：親自試一次出問題的流程，看最新的客服工單。寫下客戶看到什麼、大約多少客戶受影響、從何時開始；嚴重等級與每則更新都以此為依據。若在兩個等級之間猶豫，選較高的那個。",
        ),
        step("Restore service first: route around the failing component or roll back the last change", "先恢復服務：將流量繞過故障元件，或回復最近一次變更", true, Some(Role::Expert)).explained(
            "Restoring service comes before finding the root cause. In practice:\n\n- **Roll back** the last deploy or configuration change, even if it looks unrelated;\n- **route around** the failing part: fail over to another region or replica, turn off the feature flag, drain the bad hosts;\n- **add capacity** if the system is overloaded.\n\nKeep what you need for the review (logs, a snapshot, the time of each action in the timeline), but do not hold a fix back to investigate.",
            "先恢復服務，再找根本原因。實務上：\n\n- **回復**最近一次部署或設定變更，即使看起來無關；\n- **繞過**故障的部分：切換到其他區域或備援、關閉功能旗標、移除有問題的主機；\n- 系統過載時**增加容量**。\n\n保留檢討時需要的資料（日誌、快照、時間軸上每個動作的時間），但不要為了調查而延後修復。",
        ).completed_when(Completion::MilestoneSet { milestone: Milestone::Mitigated }),
        step("If the cloud platform is suspected, open a critical case with the vendor's support plan", "若懷疑是雲端平台問題，透過廠商的關鍵支援方案開立最高等級案件", false, Some(Role::Expert)).explained(
            "Open the case at the highest severity your support plan allows, and say that production is down. Give the account or project id, the region, the affected resources, the time it started and what you have already tried. Record the case number in the timeline and ask the vendor for an update time.",
            "依支援方案允許的最高嚴重等級開案，並說明正式環境中斷。提供帳號或專案 ID、區域、受影響的資源、開始時間以及已嘗試過的做法。將案件編號記錄在時間軸上，並請廠商告知下次更新時間。",
        ),
        step("If on-call does not answer within 5 minutes, escalate to the next person on the path", "值班人員 5 分鐘內未回應時，升級通報給呈報路徑上的下一位", false, Some(Role::Lead)).explained(
            "Do not wait longer in silence. Page the next person on the component's escalation path (the service catalog lists it), and note the escalation in the timeline so the review can see where time went.",
            "不要默默等待。依元件的升級路徑（見服務目錄）呼叫下一位，並在時間軸上記錄這次升級，讓檢討時看得出時間花在哪裡。",
        ),
        step("Post status updates at the severity's cadence, each with the next update time", "依嚴重等級的頻率發布狀態更新，每則都註明下次更新時間", true, Some(Role::Comms)).explained(
            "Every update says what changed since the last one, what customers should do (if anything), and the time of the next update; keep that promise even when there is no news (\"Still investigating\"). SEV1: every 20 minutes, every 60 after two hours. SEV2: every 30 minutes.",
            "每則更新說明與上一則相比有什麼變化、客戶需要做什麼（如果有），以及下次更新時間；即使沒有新進展也要如期更新（「仍在調查中」）。SEV1：每 20 分鐘一次，兩小時後每 60 分鐘一次。SEV2：每 30 分鐘一次。",
        ),
        DefaultStep {
            en: "Tell leadership and customer success what customers see and when the next update is due",
            zh: "告知主管與客戶成功團隊客戶看到的影響，以及下次更新時間",
            required: false,
            role: Some(Role::Comms),
            min_severity: Some("SEV1"),
            details: (
                "Leadership and customer success hear it from you before customers call them: a two-line summary of the impact, what is being done, and the time of the next update.",
                "在客戶打電話給主管與客戶成功團隊之前，先由你告知：兩行說明影響、正在做什麼，以及下次更新時間。",
            ),
            completes_when: None,
        },
        step("Keep stakeholders' questions away from the responders working on the fix", "替正在修復的成員擋下利害關係人的詢問", false, Some(Role::Lead)).explained(
            "Ask stakeholders to follow the status updates and to send questions to the communications manager, not to the people fixing the problem.",
            "請利害關係人關注狀態更新，把問題交給溝通負責人，而不是直接詢問正在修復的成員。",
        ),
    ],
};

const MINOR: DefaultRunbook = DefaultRunbook {
    name: ("SEV3 incident", "SEV3 事故"),
    description: (
        "Partial loss for a minority of customers. Handled by on-call in working hours.",
        "少數客戶的部分功能受影響。由值班人員在上班時間處理。",
    ),
    attach_at: &["SEV3"],
    steps: &[
        step("Assign an owner in working hours", "在上班時間指派負責人", true, Some(Role::Lead))
            .completed_when(assigned(roles::Role::IncidentLead)),
        step("Look for a recent change and roll it back first", "找出最近的變更，優先回復", true, Some(Role::Expert)).explained(
            "Most incidents follow a change. Check the deploys, configuration and feature flags of the last day for the affected component, and roll back the most recent one before digging deeper.",
            "多數事故都發生在變更之後。檢查受影響元件最近一天的部署、設定與功能旗標，先回復最近的一項，再深入調查。",
        ),
        step(
            "Give front-line support the symptoms and any workaround",
            "將症狀與替代做法告知第一線支援",
            false,
            Some(Role::Liaison),
        ),
        step(
            "Post a status update if customers notice, then every 4 hours or on change",
            "若客戶察覺，發布狀態更新，之後每 4 小時或有變化時更新",
            false,
            Some(Role::Comms),
        ),
        step(
            "Decide whether a post-incident review is worth holding",
            "決定是否值得進行事故後檢討",
            false,
            Some(Role::Lead),
        ),
    ],
};

const TRIVIAL: DefaultRunbook = DefaultRunbook {
    name: ("SEV4 incident", "SEV4 事故"),
    description: ("Minor, with no effect on customers' ability to use the product.", "輕微，不影響客戶使用產品。"),
    attach_at: &["SEV4"],
    steps: &[
        step(
            "Open a ticket for the owning team with what was seen",
            "開立工單給負責團隊，寫下觀察到的現象",
            true,
            None,
        ),
        step("Tell front-line support about the known issue", "將已知問題告知第一線支援", false, Some(Role::Liaison)),
    ],
};

const SECURITY: DefaultRunbook = DefaultRunbook {
    name: ("Security or data exposure", "資安或資料外洩"),
    description: (
        "Add by hand when customer data may be exposed or lost, or an attacker may be involved.",
        "當客戶資料可能外洩或遺失，或可能遭到攻擊時，手動加入。",
    ),
    attach_at: &[],
    steps: &[
        step(
            "Name an incident lead and bring in the security team",
            "指派事故指揮官並找資安團隊加入",
            true,
            Some(Role::Lead),
        ),
        step(
            "Preserve evidence: keep logs, snapshot affected systems before changing them",
            "保全證據：保留日誌，變更前先對受影響系統做快照",
            true,
            Some(Role::Expert),
        ).explained(
            "Before restarting or rebuilding anything, copy the logs you will need and snapshot the disks or instances involved. Note in the timeline who took each snapshot and when.",
            "在重新啟動或重建任何東西之前，先複製需要的日誌，並對相關的磁碟或執行個體做快照。在時間軸上記錄誰在何時做了哪個快照。",
        ),
        step(
            "Contain the exposure: revoke leaked credentials, close the access path",
            "控制外洩：撤銷外洩的憑證，關閉存取途徑",
            true,
            Some(Role::Expert),
        ),
        step(
            "Find out which customers and which data are affected",
            "查明受影響的客戶與資料",
            true,
            Some(Role::Expert),
        ),
        step(
            "Check notification duties and deadlines with legal and privacy",
            "與法務及隱私團隊確認通報義務與期限",
            true,
            Some(Role::Lead),
        ),
        step(
            "Agree the customer message with legal; leave internal details out",
            "與法務確認對客戶的說明；不透露內部細節",
            true,
            Some(Role::Comms),
        ),
        step(
            "If the cloud platform is involved, open a case with the vendor's support",
            "若涉及雲端平台，向廠商支援開立案件",
            false,
            Some(Role::Expert),
        ),
    ],
};

/// The default runbooks in `language`, with ids from `next_id`.
pub fn default_runbooks(language: Language, mut next_id: impl FnMut() -> RunbookId, at: DateTime<Utc>) -> Vec<Runbook> {
    // A match without a catch-all, so a new language does not compile until its
    // default runbooks are written.
    let pick = |(en, zh): (&'static str, &'static str)| match language {
        Language::English => en,
        Language::TraditionalChinese => zh,
    };
    [MAJOR, MINOR, TRIVIAL, SECURITY]
        .iter()
        .filter_map(|book| {
            let steps = book
                .steps
                .iter()
                .map(|s| Step {
                    text: pick((s.en, s.zh)).to_owned(),
                    required: s.required,
                    role: s.role.map(|role| role.name(language).to_owned()),
                    min_severity: s.min_severity.map(Severity::new),
                    component: None,
                    details: pick(s.details).to_owned(),
                    completes_when: s.completes_when,
                })
                .collect();
            let draft = RunbookDraft {
                name: pick(book.name).to_owned(),
                description: pick(book.description).to_owned(),
                steps,
                attach_at: book.attach_at.iter().map(|id| Severity::new(id)).collect(),
            };
            Runbook::create(next_id(), draft, at).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_in_both_languages_and_attach_by_severity() {
        for language in Language::ALL {
            let mut n = 0;
            let books = default_runbooks(
                language,
                || {
                    n += 1;
                    RunbookId::from_parts(1, n)
                },
                DateTime::UNIX_EPOCH,
            );
            assert_eq!(books.len(), 4, "{language:?}");
            let attach: Vec<Vec<&str>> =
                books.iter().map(|b| b.attach_at().iter().map(Severity::as_str).collect()).collect();
            assert_eq!(attach, [vec!["SEV1", "SEV2"], vec!["SEV3"], vec!["SEV4"], vec![]]);
        }
        let zh = default_runbooks(Language::TraditionalChinese, || RunbookId::from_parts(1, 1), DateTime::UNIX_EPOCH);
        assert_eq!(zh[0].name(), "重大事故");
        assert_eq!(zh[0].steps()[0].role.as_deref(), Some("事故指揮官"));
    }

    #[test]
    fn the_major_incident_steps_are_explained_in_both_languages() {
        for language in Language::ALL {
            let books = default_runbooks(language, || RunbookId::from_parts(1, 1), DateTime::UNIX_EPOCH);
            assert!(books[0].steps().iter().all(|step| !step.details.is_empty()), "{language:?}");
            // The details read as Markdown with no raw HTML.
            for step in books.iter().flat_map(|b| b.steps()) {
                assert!(!step.details.contains('<'), "{}", step.details);
                assert!(!crate::domain::details::blocks(&step.details).is_empty() || step.details.is_empty());
            }
        }
        let en = default_runbooks(Language::English, || RunbookId::from_parts(1, 1), DateTime::UNIX_EPOCH);
        assert!(en[0].steps()[4].details.starts_with("Restoring service comes before finding the root cause."));
        assert!(en[0].steps()[2].details.contains("when the next update will come"));
    }

    #[test]
    fn the_steps_the_app_can_see_name_their_events_in_both_languages() {
        for language in Language::ALL {
            let books = default_runbooks(language, || RunbookId::from_parts(1, 1), DateTime::UNIX_EPOCH);
            let events: Vec<_> = books[0].steps().iter().map(|step| step.completes_when).collect();
            assert_eq!(
                events[..5],
                [
                    Some(assigned(roles::Role::IncidentLead)),
                    Some(assigned(roles::Role::CommunicationsManager)),
                    Some(Completion::PublicUpdatePosted),
                    None,
                    Some(Completion::MilestoneSet { milestone: Milestone::Mitigated }),
                ],
                "{language:?}"
            );
            assert!(events[5..].iter().all(Option::is_none), "recurring and judgement steps stay manual");
            assert_eq!(books[1].steps()[0].completes_when, Some(assigned(roles::Role::IncidentLead)));
        }
    }
}
