//! Exports: an incident and its review as files people take elsewhere.
//!
//! Every export is a pure, deterministic function returning text: the caller
//! passes the time of export where one is written, and the language of the words.
//!
//! - [`json`]: the lossless, versioned bundle of one incident (`sitrep/incident`),
//!   and its validated, all-or-nothing import.
//! - [`markdown`] and [`html`]: the internal review and the customer-facing review.
//!   Both formats render the same `document` model, so they carry the same
//!   content. The customer-facing review holds only the review's customer sections,
//!   the timeline entries marked customer-safe (their time and text) and neutral
//!   header data (title, when the impact started and ended, how long it lasted).
//! - [`csv`] and [`ical`]: the remediation plan for spreadsheets and calendars.
//!
//! What the reviews show:
//!
//! - The internal review's timeline is the entries chosen for the review, in
//!   timeline order (event time, then id), with the tags the review gave them.
//!   While none is chosen (a fresh draft, or no review yet) it is the incident's
//!   whole timeline with the entries' own tags, and a note says so.
//! - An internal section not written yet says so; the customer-facing review
//!   leaves unwritten sections out, since it carries nothing generated.
//! - The customer-facing timeline is every entry marked customer-safe, chosen for
//!   the review or not (the mark is the person's decision that customers may read
//!   it), showing only its time and text: never its author, evidence links or the
//!   change it records (which can name components, people or contacts).
//!
//! User text is escaped in every format so that it can never add structure, markup
//! or script, and only `http`, `https` and `mailto` addresses ever become links.

pub mod csv;
mod document;
pub mod html;
pub mod ical;
pub mod json;
pub mod markdown;
pub mod merge;
mod words;
pub mod workspace;

pub use csv::plan_csv;
pub use html::{customer_review_html, internal_review_html};
pub use ical::plan_ics;
pub use json::{export_json, import_json, ImportProblem, ImportProblemKind, IncidentBundle, Shape};
pub use markdown::{customer_review_markdown, internal_review_markdown};

use crate::domain::wall::Wall;
use chrono::{DateTime, Utc};
// The exports' sentences are filled by the same one-pass placeholder filler as the
// screens.
use super::template::fill;

/// The text with line ends made `\n` and control characters other than tab and
/// line feed removed, so that no export carries invisible or terminal-controlling
/// characters.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// The address if it may be written as a link: `http` or `https` with a host, or
/// `mailto`, without spaces or control characters. Anything else is shown as text.
fn safe_link(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.is_empty() || url.len() > 2_000 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    let web = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .is_some_and(|rest| rest.split(['/', '?', '#']).next().is_some_and(|host| !host.is_empty()));
    let mail = lower.strip_prefix("mailto:").is_some_and(|rest| rest.contains('@'));
    (web || mail).then_some(url)
}

/// A time as the review shows it: always UTC, to the minute.
fn utc(at: DateTime<Utc>) -> String {
    format!("{} UTC", Wall::of(&at).date_time())
}

/// The incident's address inside the app, as text.
fn incident_ref(id: crate::domain::IncidentId) -> String {
    format!("incident/{id}")
}

/// Bundles the export tests share: a realistic one for snapshots.
#[cfg(test)]
pub(super) mod fixtures {
    use super::IncidentBundle;
    use crate::domain::review::{ItemDraft, ItemKind, ItemStatus, Priority, Reviewer};
    use crate::domain::runbook::{Runbook, RunbookDraft, Step};
    use crate::domain::timeline::{NewEntry, Tag, Visibility};
    use crate::domain::{
        Declaration, EntryId, Incident, IncidentId, Milestone, Review, ReviewStatus, Role, RunId, RunbookId,
        RunbookRun, Section, Severity, SeverityLadder, Stamp, Status, TimelineEntry,
    };
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    /// 24 November 2026 at `hour:minute` UTC.
    pub fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, hour, minute, 0).unwrap()
    }

    /// A resolved SEV1 with a review in review: chosen entries, items, one sign-off.
    pub fn sample() -> (IncidentBundle, SeverityLadder) {
        let id = IncidentId::from_parts(1, 1);
        let mut n = 0u128;
        let mut stamp = |hour, minute, author: &str| {
            n += 16;
            Stamp::new(EntryId::from_parts(2, n), at(hour, minute), author)
        };
        let declaration = Declaration {
            title: "Checkout fails for EU customers".into(),
            severity: Severity::new("SEV2"),
            reason: "Error rate above 40 %".into(),
        };
        let (incident, declared) = Incident::declare(id, declaration, stamp(9, 0, "Ana")).unwrap();
        let mut timeline = vec![declared];
        let (incident, e) = incident
            .change_severity(Severity::new("SEV1"), "Card payments down everywhere", stamp(9, 10, "Ana"))
            .unwrap();
        timeline.push(e);
        let (incident, e) =
            incident.change_components(&["Payments API".into(), "Edge proxy".into()], stamp(9, 11, "Ana")).unwrap();
        timeline.push(e);
        let (incident, e) = incident.assign_role(Role::IncidentLead, "Ana", stamp(9, 1, "Ana")).unwrap();
        timeline.push(e);
        let (incident, e) = incident.assign_role(Role::CommunicationsManager, "Bo", stamp(9, 2, "Ana")).unwrap();
        timeline.push(e);
        let mut incident = incident;
        for (milestone, hour, minute) in [
            (Milestone::ImpactStarted, 8, 52),
            (Milestone::Detected, 8, 58),
            (Milestone::Acknowledged, 9, 0),
            (Milestone::Mitigated, 9, 40),
        ] {
            let (next, e) = incident.set_milestone(milestone, at(hour, minute), stamp(10, 20, "Cy")).unwrap();
            incident = next;
            timeline.push(e);
        }
        let (incident, entries) = incident.change_status(Status::Resolved, stamp(10, 15, "Ana")).unwrap();
        timeline.extend(entries);
        let mut note = |text: &str, minute, tag, visibility, evidence: &[&str], stamp: Stamp| {
            let entry = TimelineEntry::note(
                NewEntry {
                    incident: id,
                    text: text.into(),
                    event_at: Some(at(9, minute)),
                    tag,
                    visibility,
                    evidence: evidence.iter().map(|e| (*e).to_owned()).collect(),
                },
                stamp,
            )
            .unwrap();
            timeline.push(entry.clone());
            entry
        };
        let deploy = note(
            "Deploy #4812 changed the *card* router | see graph",
            5,
            Some(Tag::Diagnosis),
            Visibility::Internal,
            &["https://grafana.example.com/d/pay?from=now-1h&to=now"],
            stamp(9, 20, "Cy"),
        );
        let failing = note(
            "Some card payments failed.\nWe are investigating.",
            12,
            None,
            Visibility::CustomerSafe,
            &[],
            stamp(9, 20, "Bo"),
        );
        let rollback =
            note("Rolled back deploy #4812", 38, Some(Tag::Repair), Visibility::Internal, &[], stamp(9, 39, "Cy"));
        note("Payments work again.", 40, None, Visibility::CustomerSafe, &[], stamp(9, 41, "Bo"));

        let runbook = Runbook::create(
            RunbookId::from_parts(3, 1),
            RunbookDraft {
                name: "Restore service first".into(),
                steps: vec![Step::new("Roll back the last change", true)],
                ..Default::default()
            },
            at(8, 0),
        )
        .unwrap();
        let (run, started) = RunbookRun::start(RunId::from_parts(4, 1), id, &runbook, false, stamp(9, 3, "Ana"));
        timeline.push(started);

        let mut review = Review::start(id, "Ana", at(12, 0));
        for (section, text) in [
            (Section::Summary, "A router change sent EU card payments to a retired gateway for 48 minutes."),
            (Section::Impact, "- 1,204 failed checkouts\n- 37 % of EU card payments"),
            (Section::Fault, "The new route table pointed at `gw-old`."),
            (Section::TechnicalCauses, "No check that a gateway is live before routing to it."),
            (Section::WentWell, "Rollback took 2 minutes."),
            (Section::InternalMessage, "Checkout failed for EU card payments for 48 minutes; fixed by a rollback."),
            (Section::CustomerSummary, "On 24 November some card payments failed for 48 minutes."),
            (Section::CustomerWhatHappened, "A configuration change sent payments to the wrong place <oops>."),
            (Section::CustomerActions, "We now check every payment route before it goes live."),
            (Section::CustomerApology, "We are sorry: you could not pay when you needed to."),
        ] {
            review = review.with_section(section, text, "Di", at(12, 5)).unwrap();
        }
        for (entry, tag) in [(&deploy, Some(Tag::KeyMoment)), (&failing, None), (&rollback, Some(Tag::Repair))] {
            review = review.with_entry(entry.id(), Some(tag), "Di", at(12, 6)).unwrap();
        }
        let item = |title: &str, owner: &str, status, link: &str| ItemDraft {
            title: title.into(),
            kind: ItemKind::Prevent,
            owner: owner.into(),
            team: "Payments".into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 22),
            priority: Priority::Priority,
            status,
            link: link.into(),
        };
        review = review
            .with_new_item(
                item(
                    "Check gateway health before routing",
                    "Cy",
                    ItemStatus::Committed,
                    "https://tracker.example.com/PAY-1",
                ),
                None,
                "Di",
                at(12, 10),
            )
            .and_then(|r| {
                r.with_new_item(
                    item("Rewrite the router", "", ItemStatus::WontDo { reason: "Too big for the gain".into() }, ""),
                    None,
                    "Di",
                    at(12, 11),
                )
            })
            .and_then(|r| {
                r.with_header("Ana", Some(Utc.with_ymd_and_hms(2026, 11, 26, 14, 0, 0).unwrap()), "Ana", at(12, 12))
            })
            .and_then(|r| r.with_status(ReviewStatus::InReview, "Ana", at(12, 20)))
            .and_then(|r| r.with_sign_off(Reviewer::Technical, "Cy", at(12, 30)))
            .unwrap();
        let bundle = IncidentBundle::new(incident, timeline, vec![run], Some(review)).unwrap();
        (bundle, SeverityLadder::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{
        flag_internal_text, Catalog, Classification, Component, ComponentDraft, ComponentId, ContactDraft, StepDraft,
    };
    use crate::domain::escalation::EscalationEvent;
    use crate::domain::review::{ItemDraft, ItemKind, ItemStatus, Priority, Reviewer};
    use crate::domain::runbook::{Runbook, RunbookDraft, Step};
    use crate::domain::status_update::{Audience, Phase, StatusUpdate};
    use crate::domain::timeline::{Change, EntryKind, StepAction, Tag, Visibility};
    use crate::domain::{
        Declaration, EntryId, Incident, IncidentId, Language, Milestone, Review, ReviewStatus, Role, RunId, RunbookId,
        RunbookRun, Section, Severity, SeverityLadder, Stamp, TimelineEntry,
    };
    use fixtures::at;

    #[test]
    fn only_web_and_mail_addresses_are_links() {
        let cases = [
            ("https://status.example.com/x?a=1", true),
            ("HTTP://example.com", true),
            ("mailto:ops@example.com", true),
            ("javascript:alert(1)", false),
            ("data:text/html,<script>", false),
            ("https://", false),
            ("https://exa mple.com", false),
            ("//example.com", false),
            ("mailto:nobody", false),
            ("vbscript:x", false),
        ];
        let got: Vec<_> = cases.iter().map(|(url, _)| (*url, safe_link(url).is_some())).collect();
        let want: Vec<_> = cases.iter().map(|(url, ok)| (*url, *ok)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn control_characters_are_removed_and_line_ends_unified() {
        assert_eq!(clean("a\r\nb\rc\u{1b}[31md\u{7}\te\u{0}"), "a\nb\nc[31md\te");
    }

    /// Marker strings for the content test. Each marker is unique and survives
    /// every format's escaping unchanged, so finding it means the field leaked.
    #[derive(Default)]
    struct Markers {
        /// Internal data the internal review shows: never in the customer review.
        internal: Vec<(String, String)>,
        /// Internal data no review shows (catalog, runbook contents): never in either.
        unshown: Vec<(String, String)>,
        /// What the customer review must show.
        customer: Vec<(String, String)>,
    }

    impl Markers {
        fn next(&self) -> String {
            format!("Qx{:03}Qx", self.internal.len() + self.unshown.len() + self.customer.len())
        }

        fn internal(&mut self, field: &str) -> String {
            let marker = self.next();
            self.internal.push((field.to_owned(), marker.clone()));
            marker
        }

        fn unshown(&mut self, field: &str) -> String {
            let marker = self.next();
            self.unshown.push((field.to_owned(), marker.clone()));
            marker
        }

        fn customer(&mut self, field: &str) -> String {
            let marker = self.next();
            self.customer.push((field.to_owned(), marker.clone()));
            marker
        }
    }

    /// A timeline entry as it could arrive in an import, with any change, text
    /// and visibility.
    #[allow(clippy::too_many_arguments)]
    fn raw_entry(
        n: u64,
        incident: IncidentId,
        kind: EntryKind,
        change: Option<Change>,
        text: &str,
        visibility: Visibility,
        evidence: &[String],
        author: &str,
    ) -> TimelineEntry {
        serde_json::from_value(serde_json::json!({
            "id": EntryId::from_parts(100 + n, 0).to_string(),
            "incident": incident.to_string(),
            "event_at": at(9, 30 + n as u32),
            "recorded_at": at(9, 30 + n as u32),
            "author": author,
            "kind": kind,
            "text": text,
            "change": change,
            "visibility": visibility,
            "evidence": evidence,
        }))
        .unwrap()
    }

    /// Every internal field of the data model holds its own marker; the customer
    /// sections and customer-safe entries hold customer markers. A new field of
    /// the model gets one more `m.internal(..)` (or `m.unshown(..)`) line here.
    fn marked_bundle() -> (IncidentBundle, Catalog, Markers) {
        let mut m = Markers::default();
        let id = IncidentId::from_parts(1, 1);
        let mut n = 0u128;
        let mut stamp = |author: &str| {
            n += 1;
            Stamp::new(EntryId::from_parts(2, n), at(9, 0), author)
        };

        // The service catalog: a component classified at each level above public.
        let mut catalog = Catalog::default();
        let mut component_names = Vec::new();
        for (i, classification) in Classification::ALL.into_iter().enumerate() {
            let name = m.internal(&format!("{} component name", classification.key()));
            let draft = ComponentDraft {
                name: name.clone(),
                public_name: m.unshown(&format!("{} component public name", classification.key())),
                owner: m.unshown("component owner team"),
                classification,
                contacts: vec![ContactDraft { name: m.unshown("contact name"), reach: m.unshown("contact reach") }],
                architecture: m.unshown("architecture notes"),
                dependencies: vec![m.unshown("dependency")],
                escalation: vec![StepDraft {
                    who: m.unshown("escalation step who"),
                    how_to_reach: m.unshown("escalation step how to reach"),
                    wait_minutes: 15,
                    vendor_plan: m.unshown("vendor plan"),
                    contract_ref: m.unshown("vendor contract reference"),
                }],
            };
            let component = Component::new(ComponentId::new(&format!("c{i}")).unwrap(), draft).unwrap();
            catalog = catalog.with_component(component).unwrap();
            component_names.push(name);
        }

        // The incident and the entries its changes record.
        let title = m.customer("incident title");
        let declaration = Declaration {
            title: title.clone(),
            severity: Severity::new(&m.internal("declared severity id")),
            reason: m.internal("declaration reason"),
        };
        let declared_by = m.internal("declared by");
        let (incident, declared) = Incident::declare(id, declaration, stamp(&declared_by)).unwrap();
        let mut timeline = vec![declared];
        let (incident, e) = incident
            .change_severity(
                Severity::new(&m.internal("new severity id")),
                &m.internal("severity change reason"),
                stamp(&m.internal("severity change author")),
            )
            .unwrap();
        timeline.push(e);
        let (mut incident, e) = incident.change_components(&component_names, stamp("Ana")).unwrap();
        timeline.push(e);
        for role in Role::ALL {
            let (next, e) =
                incident.assign_role(role, &m.internal(&format!("{} holder", role.key())), stamp("Ana")).unwrap();
            incident = next;
            timeline.push(e);
        }
        let (next, e) =
            incident.assign_role(Role::SubjectExpert, &m.internal("second subject expert"), stamp("Ana")).unwrap();
        incident = next;
        timeline.push(e);
        for milestone in Milestone::ALL {
            let (next, e) = incident.set_milestone(milestone, at(9, 10 + milestone as u32), stamp("Ana")).unwrap();
            incident = next;
            timeline.push(e);
        }

        // A runbook run and its entries.
        let runbook = Runbook::create(
            RunbookId::from_parts(3, 1),
            RunbookDraft {
                name: m.internal("runbook name"),
                description: m.unshown("runbook description"),
                steps: vec![Step {
                    text: m.unshown("runbook step text"),
                    required: true,
                    role: Some(m.unshown("runbook step role")),
                    min_severity: None,
                    component: Some(m.unshown("runbook step component")),
                    details: m.unshown("runbook step details"),
                    completes_when: Some(crate::domain::Completion::PublicUpdatePosted),
                }],
                attach_at: Vec::new(),
            },
            at(8, 0),
        )
        .unwrap();
        let (run, started) =
            RunbookRun::start(RunId::from_parts(4, 1), id, &runbook, true, stamp(&m.unshown("run started by")));
        timeline.push(started);

        // Entries of every kind, internal, and customer-safe ones whose text is for
        // customers but whose author, evidence and recorded change are not.
        let escalation = |m: &mut Markers| Change::Escalation {
            event: EscalationEvent::Started {
                component: ComponentId::new("c1").unwrap(),
                name: component_names[1].clone(),
                who: m.internal("escalated-to person"),
                wait_minutes: 10,
            },
        };
        let mut k = 0;
        let mut raw = |kind, change, text: String, visibility, evidence: Vec<String>, author: String| {
            k += 1;
            timeline.push(raw_entry(k, id, kind, change, &text, visibility, &evidence, &author));
        };
        let v = Visibility::Internal;
        let note_evidence = vec![format!("https://grafana.example.com/{}", m.internal("internal evidence link"))];
        raw(EntryKind::Note, None, m.internal("internal note text"), v, note_evidence, m.internal("note author"));
        raw(EntryKind::Decision, None, m.internal("decision text"), v, vec![], "Ana".into());
        let change = escalation(&mut m);
        raw(EntryKind::Escalation, Some(change), String::new(), v, vec![], "Ana".into());
        for audience in [Audience::Internal, Audience::Public] {
            let change = Some(Change::StatusUpdate { update: StatusUpdate::new(audience, Phase::Identified, None) });
            let text = m.internal(&format!("{} status update text (entry not customer-safe)", audience.key()));
            raw(EntryKind::StatusUpdate, change, text, v, vec![], "Bo".into());
        }
        let step = Change::Step {
            run: run.id(),
            step: 0,
            text: m.internal("step text as recorded"),
            action: StepAction::Skipped,
        };
        raw(EntryKind::StepDone, Some(step), m.internal("step skip reason"), v, vec![], "Ana".into());
        let safe = Visibility::CustomerSafe;
        let safe_evidence = vec![format!("https://ci.example.com/{}", m.internal("customer-safe entry evidence link"))];
        let text = m.customer("customer-safe note text");
        raw(EntryKind::Note, None, text, safe, safe_evidence, m.internal("customer-safe note author"));
        let change = escalation(&mut m);
        let text = m.customer("customer-safe escalation entry text");
        raw(EntryKind::Escalation, Some(change), text, safe, vec![], m.internal("customer-safe entry author"));
        let change = Some(Change::Components { affected: vec![m.internal("component named only in a safe entry")] });
        raw(EntryKind::Note, change, String::new(), safe, vec![], "Ana".into());

        // The review: every internal section, items, sign-offs and history.
        let owner = m.internal("review owner");
        let mut review = Review::start(id, &owner, at(12, 0));
        for section in Section::INTERNAL {
            review = review
                .with_section(section, &m.internal(&format!("section {}", section.key())), &owner, at(12, 1))
                .unwrap();
        }
        for section in Section::CUSTOMER {
            review = review
                .with_section(section, &m.customer(&format!("section {}", section.key())), &owner, at(12, 1))
                .unwrap();
        }
        let author = m.internal("author who chose the entries");
        for entry in &timeline {
            review = review.with_entry(entry.id(), Some(Some(Tag::KeyMoment)), &author, at(12, 3)).unwrap();
        }
        for status in [ItemStatus::Committed, ItemStatus::WontDo { reason: m.internal("won't do reason") }] {
            let draft = ItemDraft {
                title: m.internal("item title"),
                kind: ItemKind::Fix,
                owner: m.internal("item owner"),
                team: m.internal("item team"),
                due: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
                priority: Priority::Normal,
                status,
                link: format!("https://tracker.example.com/{}", m.internal("item link")),
            };
            review = review.with_new_item(draft, None, &owner, at(12, 4)).unwrap();
        }
        review = review.with_header(&owner, Some(at(15, 0)), &owner, at(12, 5)).unwrap();
        review = review
            .with_status(ReviewStatus::InReview, &m.internal("history: submitted by"), at(12, 6))
            .and_then(|r| r.with_sign_off(Reviewer::Technical, &m.internal("technical sign-off"), at(12, 7)))
            .and_then(|r| r.with_sign_off(Reviewer::NonTechnical, &m.internal("non-technical sign-off"), at(12, 8)))
            .and_then(|r| r.with_status(ReviewStatus::Approved, &m.internal("history: approved by"), at(12, 9)))
            .unwrap();

        let bundle = IncidentBundle::new(incident, timeline, vec![run], Some(review)).unwrap();
        (bundle, catalog, m)
    }

    #[test]
    fn the_customer_review_carries_nothing_internal() {
        let (bundle, catalog, markers) = marked_bundle();
        let ladder = SeverityLadder::default();
        for lang in Language::ALL {
            let internal = internal_review_markdown(&bundle, &ladder, lang);
            let internal_html = internal_review_html(&bundle, &ladder, lang);
            let customer =
                [("markdown", customer_review_markdown(&bundle, lang)), ("html", customer_review_html(&bundle, lang))];
            for (field, marker) in &markers.internal {
                assert!(internal.contains(marker), "{lang:?}: the internal review lacks {field} ({marker})");
                assert!(internal_html.contains(marker), "{lang:?}: the internal HTML lacks {field} ({marker})");
            }
            for (format, text) in &customer {
                for (field, marker) in markers.internal.iter().chain(&markers.unshown) {
                    assert!(!text.contains(marker), "{lang:?} customer {format} leaks {field} ({marker})");
                }
                for (field, marker) in &markers.customer {
                    assert!(text.contains(marker), "{lang:?} customer {format} lacks {field} ({marker})");
                }
                let lower = text.to_lowercase();
                for classification in Classification::ALL.into_iter().skip(1) {
                    assert!(
                        !lower.contains(classification.key()),
                        "{lang:?} customer {format} names {classification:?}"
                    );
                }
                assert_eq!(flag_internal_text(&catalog, text), [], "{lang:?} customer {format}");
                for link in ["http://", "https://", "href", "](", "mailto:"] {
                    assert!(!text.contains(link), "{lang:?} customer {format} carries a link: {text}");
                }
            }
        }
        assert!(markers.internal.len() >= 60, "{} internal markers", markers.internal.len());
    }
}
