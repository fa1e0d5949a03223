//! The runbooks a new workspace starts with, written from the seed guide and
//! PRODUCT.md §3: restore service before hunting the root cause, name an incident
//! lead and a communications manager, post the first status update within five
//! minutes, engage the cloud vendor's critical support when the platform is
//! suspected, and escalate when on-call does not answer.
//!
//! They are ordinary runbooks once created: editable, versioned, archivable. They
//! are written in the workspace's language at the time they are created.

use super::id::RunbookId;
use super::runbook::{Runbook, RunbookDraft, Step};
use super::settings::Language;
use super::severity::Severity;
use chrono::{DateTime, Utc};

/// One step in both languages: English, Traditional Chinese, required, role, and
/// the severity threshold if any.
struct DefaultStep {
    en: &'static str,
    zh: &'static str,
    required: bool,
    role: Option<Role>,
    min_severity: Option<&'static str>,
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
    DefaultStep { en, zh, required, role, min_severity: None }
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
        step("Name an incident lead who runs the response and makes the calls", "指派事故指揮官，負責帶領應變並做決定", true, Some(Role::Lead)),
        step("Name a communications manager: one voice to customers and stakeholders", "指派溝通負責人：對客戶與利害關係人只有一個窗口", true, Some(Role::Lead)),
        step("Post the first public status update on the status page within 5 minutes", "在 5 分鐘內於狀態頁發布第一則公開狀態更新", true, Some(Role::Comms)),
        step("Confirm the customer impact: what customers see, how many, since when", "確認客戶影響：客戶看到什麼、影響多少客戶、從何時開始", true, Some(Role::Lead)),
        step("Restore service first: route around the failing component or roll back the last change", "先恢復服務：將流量繞過故障元件，或回復最近一次變更", true, Some(Role::Expert)),
        step("If the cloud platform is suspected, open a critical case with the vendor's support plan", "若懷疑是雲端平台問題，透過廠商的關鍵支援方案開立最高等級案件", false, Some(Role::Expert)),
        step("If on-call does not answer within 5 minutes, escalate to the next person on the path", "值班人員 5 分鐘內未回應時，升級通報給呈報路徑上的下一位", false, Some(Role::Lead)),
        step("Post status updates at the severity's cadence, each with the next update time", "依嚴重等級的頻率發布狀態更新，每則都註明下次更新時間", true, Some(Role::Comms)),
        DefaultStep {
            en: "Tell leadership and customer success what customers see and when the next update is due",
            zh: "告知主管與客戶成功團隊客戶看到的影響，以及下次更新時間",
            required: false,
            role: Some(Role::Comms),
            min_severity: Some("SEV1"),
        },
        step("Keep stakeholders' questions away from the responders working on the fix", "替正在修復的成員擋下利害關係人的詢問", false, Some(Role::Lead)),
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
        step("Assign an owner in working hours", "在上班時間指派負責人", true, Some(Role::Lead)),
        step("Look for a recent change and roll it back first", "找出最近的變更，優先回復", true, Some(Role::Expert)),
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
                    details: String::new(),
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
}
