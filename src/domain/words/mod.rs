//! The words for domain values, in every language: the one wording that the
//! screens and the exports share.
//!
//! A language is a [`Wording`]: one method per kind of value, each an exhaustive
//! `match` on the value, so a new variant or a new language does not compile
//! until it is worded. The line a timeline entry shows for its [`Change`] is built
//! here from a [`Line`] template of the language and the change's values; the
//! templates use the `{name}` placeholders of [`fill`].

mod en;
mod zh_tw;

use super::event::{Audience, Change, Command, EscalationEvent, Phase, Status, StatusUpdate, StepAction};
use super::milestone::Milestone;
use super::review::{ItemKind, ItemStatus, Priority, ReviewStatus, Reviewer, Section};
use super::roles::Role;
use super::runbook::Completion;
use super::settings::Language;
use super::severity::{SeverityLadder, SeverityLevel};
use super::template::fill;
use super::timeline::{EntryKind, Tag, TimelineEntry, Visibility};

/// The template of each line a recorded change reads as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Line {
    /// `{severity}`.
    Declared,
    /// `{from}`, `{to}`: status names.
    Status,
    /// `{from}`, `{to}`: severity names.
    Severity,
    /// `{list}`: the affected components.
    Components,
    /// No component is affected any more.
    ComponentsCleared,
    /// `{name}`, `{version}`.
    RunbookStarted,
    /// `{milestone}`.
    Milestone,
    /// `{name}`, `{role}`.
    RoleTaken,
    /// `{role}`, `{from}`, `{to}`.
    RoleHanded,
    /// `{name}`, `{role}`.
    RoleLeft,
    /// `{component}`, `{who}`, `{minutes}`.
    EscalationStarted,
    /// `{who}`, `{component}`, `{step}` (from 1).
    EscalationAnswered,
    /// `{component}`, `{from}`, `{to}`, `{who}`, `{minutes}`.
    Escalated,
    /// As [`Line::Escalated`], after a wait that ran out.
    EscalatedTimedOut,
    /// `{component}`, `{step}`.
    EscalationStopped,
    /// `{component}`, `{who}`, `{step}`.
    EscalationExhausted,
    /// `{phase}`, as [`Wording::phase_in_sentence`] words it.
    PublicUpdate,
    /// `{phase}`.
    InternalUpdate,
    /// `{step}`: the step's text.
    StepDone,
    /// `{step}`.
    StepReopened,
    /// `{step}`.
    StepSkipped,
}

impl Line {
    /// Every line.
    pub const ALL: [Line; 21] = [
        Self::Declared,
        Self::Status,
        Self::Severity,
        Self::Components,
        Self::ComponentsCleared,
        Self::RunbookStarted,
        Self::Milestone,
        Self::RoleTaken,
        Self::RoleHanded,
        Self::RoleLeft,
        Self::EscalationStarted,
        Self::EscalationAnswered,
        Self::Escalated,
        Self::EscalatedTimedOut,
        Self::EscalationStopped,
        Self::EscalationExhausted,
        Self::PublicUpdate,
        Self::InternalUpdate,
        Self::StepDone,
        Self::StepReopened,
        Self::StepSkipped,
    ];
}

/// The words of one language.
pub trait Wording: Sync {
    /// An incident status.
    fn status(&self, status: Status) -> &'static str;
    /// A milestone.
    fn milestone(&self, milestone: Milestone) -> &'static str;
    /// An incident role.
    fn role(&self, role: Role) -> &'static str;
    /// A kind of timeline entry.
    fn entry_kind(&self, kind: EntryKind) -> &'static str;
    /// An entry's tag.
    fn tag(&self, tag: Tag) -> &'static str;
    /// Who may read an entry.
    fn visibility(&self, visibility: Visibility) -> &'static str;
    /// A status update's audience, as a label.
    fn audience(&self, audience: Audience) -> &'static str;
    /// A status update's phase, as a label.
    fn phase(&self, phase: Phase) -> &'static str;
    /// A status update's phase inside a sentence.
    fn phase_in_sentence(&self, phase: Phase) -> &'static str;
    /// A review's status.
    fn review_status(&self, status: ReviewStatus) -> &'static str;
    /// A review section, as the review page labels it.
    fn section(&self, section: Section) -> &'static str;
    /// A review section as a heading of the written review, where the customer
    /// sections are read by customers ("Summary", not "Summary for customers").
    fn section_heading(&self, section: Section) -> &'static str;
    /// A remediation item's status, without the reason of "won't do".
    fn item_status(&self, status: &ItemStatus) -> &'static str;
    /// A remediation item's kind.
    fn item_kind(&self, kind: ItemKind) -> &'static str;
    /// A remediation item's priority.
    fn priority(&self, priority: Priority) -> &'static str;
    /// Which reviewer signs off.
    fn reviewer(&self, reviewer: Reviewer) -> &'static str;
    /// What the built-in level of rank 1 to 4 means for customers, by default;
    /// empty for another rank.
    fn builtin_impact(&self, rank: u8) -> &'static str;
    /// Who responds to the built-in level of rank 1 to 4 and how fast, by
    /// default; empty for another rank.
    fn builtin_response(&self, rank: u8) -> &'static str;
    /// The template of a change's line.
    fn line(&self, line: Line) -> &'static str;
    /// Between the names of a list.
    fn list_separator(&self) -> &'static str;
    /// Between a change's line and the entry's text (a reason, an update).
    fn text_separator(&self) -> &'static str;
    /// The event that completes a runbook step by itself, as a short phrase
    /// ("Incident lead assigned").
    fn completion(&self, event: Completion) -> String;
}

/// The words of `language`.
pub fn words(language: Language) -> &'static dyn Wording {
    match language {
        Language::English => &en::English,
        Language::TraditionalChinese => &zh_tw::TraditionalChinese,
    }
}

impl dyn Wording {
    /// What a severity level means for customers: the level's own words, or the
    /// default wording of a built-in level.
    pub fn level_impact(&self, level: &SeverityLevel) -> String {
        let default = || level.id().builtin_rank().map_or("", |rank| self.builtin_impact(rank));
        level.impact().unwrap_or_else(default).to_owned()
    }

    /// Who responds to a level and how fast: the level's own words, or the
    /// default wording of a built-in level.
    pub fn level_response(&self, level: &SeverityLevel) -> String {
        let default = || level.id().builtin_rank().map_or("", |rank| self.builtin_response(rank));
        level.response().unwrap_or_else(default).to_owned()
    }

    /// The line a recorded change reads as; severities are named as `ladder` names them.
    pub fn change(&self, change: &Change, ladder: &SeverityLadder) -> String {
        let line = |line| self.line(line);
        match change {
            Change::Declared { severity } => fill(line(Line::Declared), &[("severity", ladder.name(severity))]),
            Change::Status { from, to } => {
                fill(line(Line::Status), &[("from", self.status(*from)), ("to", self.status(*to))])
            }
            Change::Severity { from, to } => {
                fill(line(Line::Severity), &[("from", ladder.name(from)), ("to", ladder.name(to))])
            }
            Change::Components { affected } if affected.is_empty() => line(Line::ComponentsCleared).to_owned(),
            Change::Components { affected } => {
                fill(line(Line::Components), &[("list", &affected.join(self.list_separator()))])
            }
            Change::RunbookStarted { name, version, .. } => {
                fill(line(Line::RunbookStarted), &[("name", name), ("version", &version.to_string())])
            }
            Change::Command { command: Command::Milestone { milestone } } => {
                fill(line(Line::Milestone), &[("milestone", self.milestone(*milestone))])
            }
            Change::Command { command: Command::Role { role, from, to } } => {
                let role = self.role(*role);
                match (from, to) {
                    (None, Some(to)) => fill(line(Line::RoleTaken), &[("name", to), ("role", role)]),
                    (Some(from), Some(to)) => {
                        fill(line(Line::RoleHanded), &[("role", role), ("from", from), ("to", to)])
                    }
                    (Some(from), None) => fill(line(Line::RoleLeft), &[("name", from), ("role", role)]),
                    (None, None) => role.to_owned(),
                }
            }
            Change::Escalation { event } => self.escalation(event),
            Change::StatusUpdate { update } => self.status_update(update),
            Change::Step { text, action, .. } => {
                let template = match action {
                    StepAction::Done => Line::StepDone,
                    StepAction::Reopened => Line::StepReopened,
                    StepAction::Skipped => Line::StepSkipped,
                };
                fill(line(template), &[("step", text)])
            }
        }
    }

    /// An escalation event; steps count from 1.
    pub fn escalation(&self, event: &EscalationEvent) -> String {
        let number = |step: usize| (step + 1).to_string();
        match event {
            EscalationEvent::Started { name, who, wait_minutes, .. } => fill(
                self.line(Line::EscalationStarted),
                &[("component", name), ("who", who), ("minutes", &wait_minutes.to_string())],
            ),
            EscalationEvent::Answered { name, step, who, .. } => fill(
                self.line(Line::EscalationAnswered),
                &[("who", who), ("component", name), ("step", &number(*step))],
            ),
            EscalationEvent::Escalated { name, from, to, who, wait_minutes, timed_out, .. } => fill(
                self.line(if *timed_out { Line::EscalatedTimedOut } else { Line::Escalated }),
                &[
                    ("component", name),
                    ("from", &number(*from)),
                    ("to", &number(*to)),
                    ("who", who),
                    ("minutes", &wait_minutes.to_string()),
                ],
            ),
            EscalationEvent::Stopped { name, step, .. } => {
                fill(self.line(Line::EscalationStopped), &[("component", name), ("step", &number(*step))])
            }
            EscalationEvent::Exhausted { name, step, who, .. } => fill(
                self.line(Line::EscalationExhausted),
                &[("component", name), ("who", who), ("step", &number(*step))],
            ),
        }
    }

    /// A posted status update: "Public status update (investigating)"; the
    /// entry's text is the update itself.
    pub fn status_update(&self, update: &StatusUpdate) -> String {
        let template = match update.audience() {
            Audience::Public => Line::PublicUpdate,
            Audience::Internal => Line::InternalUpdate,
        };
        fill(self.line(template), &[("phase", self.phase_in_sentence(update.phase()))])
    }

    /// A timeline entry as one line: the change it records followed by its text,
    /// or only its text for a note.
    pub fn entry(&self, entry: &TimelineEntry, ladder: &SeverityLadder) -> String {
        let said = entry.text().trim();
        match entry.change().map(|change| self.change(change, ladder)) {
            Some(change) if said.is_empty() => change,
            Some(change) => format!("{change}{}{said}", self.text_separator()),
            None => said.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::placeholders;

    #[test]
    fn every_line_is_listed_once() {
        let index = |line: Line| match line {
            Line::Declared => 0,
            Line::Status => 1,
            Line::Severity => 2,
            Line::Components => 3,
            Line::ComponentsCleared => 4,
            Line::RunbookStarted => 5,
            Line::Milestone => 6,
            Line::RoleTaken => 7,
            Line::RoleHanded => 8,
            Line::RoleLeft => 9,
            Line::EscalationStarted => 10,
            Line::EscalationAnswered => 11,
            Line::Escalated => 12,
            Line::EscalatedTimedOut => 13,
            Line::EscalationStopped => 14,
            Line::EscalationExhausted => 15,
            Line::PublicUpdate => 16,
            Line::InternalUpdate => 17,
            Line::StepDone => 18,
            Line::StepReopened => 19,
            Line::StepSkipped => 20,
        };
        for (at, line) in Line::ALL.into_iter().enumerate() {
            assert_eq!(index(line), at, "{line:?}");
        }
    }

    #[test]
    fn every_line_has_the_same_placeholders_in_every_language() {
        let (en, zh) = (words(Language::English), words(Language::TraditionalChinese));
        for line in Line::ALL {
            assert_eq!(placeholders(en.line(line)), placeholders(zh.line(line)), "{line:?}");
            assert!(!placeholders(en.line(line)).is_empty() || line == Line::ComponentsCleared, "{line:?}");
        }
    }

    #[test]
    fn changes_read_as_on_screen() {
        let ladder = SeverityLadder::default();
        let en = words(Language::English);
        let sev1 = ladder.levels()[0].id().clone();
        assert_eq!(en.change(&Change::Declared { severity: sev1 }, &ladder), "Incident declared at SEV1");
        let handed =
            Command::Role { role: Role::IncidentLead, from: Some("Ana Lee".into()), to: Some("Bo Chen".into()) };
        assert_eq!(
            en.change(&Change::Command { command: handed }, &ladder),
            "Incident lead handed over from Ana Lee to Bo Chen"
        );
        let update = StatusUpdate::new(Audience::Public, Phase::Investigating, None);
        assert_eq!(en.change(&Change::StatusUpdate { update }, &ladder), "Public status update (investigating)");
        let zh = words(Language::TraditionalChinese);
        let status = Change::Status { from: Status::Triage, to: Status::Resolved };
        assert_eq!(zh.change(&status, &ladder), "狀態由「分級評估」改為「已解決」");
    }

    #[test]
    fn a_typed_placeholder_stays_as_typed() {
        let en = words(Language::English);
        let taken = Command::Role { role: Role::Scribe, from: None, to: Some("{role}".into()) };
        assert_eq!(
            en.change(&Change::Command { command: taken }, &SeverityLadder::default()),
            "{role} took the role Scribe"
        );
    }
}
