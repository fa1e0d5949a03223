//! Incidents: what is declared, how bad it is, and where it stands.
//!
//! An [`Incident`] is created only through [`Incident::declare`], which refuses an
//! empty title, and changes only through methods that also return the timeline entry
//! recording the change, so the timeline never misses a transition.
//!
//! The entries are the record: [`Incident::from_timeline`] (in `fold.rs`) rebuilds
//! the incident from them in any order of arrival, and agrees with the change
//! methods on the entries they return. A stored incident is a cache of that fold.

mod fold;
mod tombstone;

use super::event::{Change, Command};
use super::id::IncidentId;
use super::milestone::{Milestone, Milestones, OutOfOrder};
use super::roles::{Role, Roles};
use super::severity::{Severity, SeverityLadder};
use super::timeline::{EntryKind, Stamp, TimelineEntry};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::event::Status;
pub use fold::Warning;
pub use tombstone::Tombstone;

/// The longest incident title accepted, in characters.
pub const MAX_TITLE: usize = 200;

/// What a responder fills in to declare an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// A short description of what is wrong, as the responder would say it.
    pub title: String,
    /// The initial severity.
    pub severity: Severity,
    /// Why this severity (for example the triage answers); may be empty.
    pub reason: String,
}

/// Why a declaration was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeclareError {
    /// The title is empty or only spaces.
    #[error("the incident needs a title")]
    EmptyTitle,
    /// The title is longer than [`MAX_TITLE`] characters.
    #[error("the title is longer than {MAX_TITLE} characters")]
    TitleTooLong,
}

/// Why a status change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusChangeError {
    /// The incident already has this status.
    #[error("the incident already has this status")]
    Unchanged,
    /// Closing needs the resolved milestone.
    #[error("set the resolved milestone before closing the incident")]
    NotResolved,
}

/// Why a severity change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeverityChangeError {
    /// Every severity change needs a reason.
    #[error("say why the severity changes")]
    NoReason,
    /// The incident already has this severity.
    #[error("the incident already has this severity")]
    Unchanged,
}

/// The most components an incident can name.
pub const MAX_COMPONENTS: usize = 50;

/// An incident being handled or handled in the past.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "IncidentData", into = "IncidentData")]
pub struct Incident {
    id: IncidentId,
    title: String,
    severity: Severity,
    status: Status,
    declared_at: DateTime<Utc>,
    declared_by: String,
    components: Vec<String>,
    milestones: Milestones,
    roles: Roles,
}

/// The stored shape of an [`Incident`]; decoding checks the same rules as declaring.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct IncidentData {
    id: IncidentId,
    title: String,
    severity: Severity,
    status: Status,
    declared_at: DateTime<Utc>,
    declared_by: String,
    #[serde(default)]
    components: Vec<String>,
    #[serde(default)]
    milestones: Milestones,
    #[serde(default)]
    roles: Roles,
}

impl TryFrom<IncidentData> for Incident {
    type Error = DeclareError;

    fn try_from(data: IncidentData) -> Result<Self, Self::Error> {
        let title = checked_title(&data.title)?;
        Ok(Self {
            id: data.id,
            title,
            severity: data.severity,
            status: data.status,
            declared_at: data.declared_at,
            declared_by: data.declared_by,
            components: tidy_components(&data.components),
            milestones: data.milestones,
            roles: data.roles,
        })
    }
}

impl From<Incident> for IncidentData {
    fn from(incident: Incident) -> Self {
        Self {
            id: incident.id,
            title: incident.title,
            severity: incident.severity,
            status: incident.status,
            declared_at: incident.declared_at,
            declared_by: incident.declared_by,
            components: incident.components,
            milestones: incident.milestones,
            roles: incident.roles,
        }
    }
}

fn checked_title(title: &str) -> Result<String, DeclareError> {
    let title = title.trim();
    if title.is_empty() {
        Err(DeclareError::EmptyTitle)
    } else if title.chars().count() > MAX_TITLE {
        Err(DeclareError::TitleTooLong)
    } else {
        Ok(title.to_owned())
    }
}

/// Trims component names, drops empty ones and repeats (ignoring case), and keeps
/// at most [`MAX_COMPONENTS`].
fn tidy_components(names: &[String]) -> Vec<String> {
    let mut tidy: Vec<String> = Vec::new();
    for name in names {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if !name.is_empty()
            && !tidy.iter().any(|known| known.eq_ignore_ascii_case(&name))
            && tidy.len() < MAX_COMPONENTS
        {
            tidy.push(name);
        }
    }
    tidy
}

/// Why names typed for a role were not assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AssignError {
    /// Several names for a role that has one holder.
    #[error("this role has one holder")]
    OneHolder,
    /// No name, or only names that already hold the role.
    #[error("nothing to assign")]
    Unchanged,
}

impl Incident {
    /// Declares an incident in triage, returning it with the timeline entry that
    /// records the declaration. `stamp` says when, by whom, and the entry's id.
    pub fn declare(
        id: IncidentId,
        declaration: Declaration,
        stamp: Stamp,
    ) -> Result<(Incident, TimelineEntry), DeclareError> {
        let title = checked_title(&declaration.title)?;
        let incident = Incident {
            id,
            title,
            severity: declaration.severity.clone(),
            status: Status::Triage,
            declared_at: stamp.at,
            declared_by: stamp.author.clone(),
            components: Vec::new(),
            milestones: Milestones::default(),
            roles: Roles::default(),
        };
        let entry = TimelineEntry::system(
            id,
            EntryKind::StatusChange,
            Change::Declared { severity: declaration.severity },
            &declaration.reason,
            stamp,
        );
        Ok((incident, entry))
    }

    /// Why [`Incident::change_status`] would refuse `status`, if it would: so
    /// that a form asks its question only about a change that can be made.
    pub fn status_refusal(&self, status: Status) -> Option<StatusChangeError> {
        if status == self.status {
            return Some(StatusChangeError::Unchanged);
        }
        if status == Status::Closed && self.milestones.get(Milestone::Resolved).is_none() {
            return Some(StatusChangeError::NotResolved);
        }
        None
    }

    /// The incident with a new status and the entries recording the change.
    /// Moving to resolved also sets the resolved milestone if it is not set;
    /// closing needs that milestone. Reopening a resolved or closed incident is
    /// allowed and recorded like any other change.
    pub fn change_status(
        &self,
        status: Status,
        stamp: Stamp,
    ) -> Result<(Incident, Vec<TimelineEntry>), StatusChangeError> {
        if let Some(refused) = self.status_refusal(status) {
            return Err(refused);
        }
        let change = Change::Status { from: self.status, to: status };
        let mut entries = vec![TimelineEntry::system(self.id, EntryKind::StatusChange, change, "", stamp.clone())];
        let mut incident = Incident { status, ..self.clone() };
        if status == Status::Resolved && self.milestones.get(Milestone::Resolved).is_none() {
            if let Ok((resolved, entry)) = incident.set_milestone(Milestone::Resolved, stamp.at, stamp.next()) {
                incident = resolved;
                entries.push(entry);
            }
        }
        Ok((incident, entries))
    }

    /// The incident with `milestone` set to `at` (now or back-dated) and the entry
    /// recording it, if the milestones stay in order.
    pub fn set_milestone(
        &self,
        milestone: Milestone,
        at: DateTime<Utc>,
        stamp: Stamp,
    ) -> Result<(Incident, TimelineEntry), OutOfOrder> {
        let milestones = self.milestones.with(milestone, at)?;
        let change = Change::Command { command: Command::Milestone { milestone } };
        let entry = TimelineEntry::system_at(self.id, EntryKind::Milestone, change, at, stamp);
        Ok((Incident { milestones, ..self.clone() }, entry))
    }

    /// The incident with `name` in `role` (a hand-over for single-holder roles) and
    /// the entry recording it, or `None` if nothing changes.
    pub fn assign_role(&self, role: Role, name: &str, stamp: Stamp) -> Option<(Incident, TimelineEntry)> {
        let (roles, from) = self.roles.assign(role, name)?;
        let to = roles.holders(role).last().map(|n| (*n).to_owned());
        let change = Change::Command { command: Command::Role { role, from, to } };
        let entry = TimelineEntry::system(self.id, EntryKind::RoleChange, change, "", stamp);
        Some((Incident { roles, ..self.clone() }, entry))
    }

    /// The incident with every name of `typed` (several separated by commas, as
    /// [`super::roles::split_names`] reads them) assigned to `role`, one entry
    /// each, stamped one after another. A role with one holder takes one name.
    pub fn assign_role_holders(
        &self,
        role: Role,
        typed: &str,
        stamp: Stamp,
    ) -> Result<(Incident, Vec<TimelineEntry>), AssignError> {
        let names = super::roles::split_names(typed);
        if names.len() > 1 && !role.is_shared() {
            return Err(AssignError::OneHolder);
        }
        let (mut incident, mut entries, mut stamp) = (self.clone(), Vec::new(), stamp);
        for name in names {
            if let Some((changed, entry)) = incident.assign_role(role, &name, stamp.clone()) {
                incident = changed;
                entries.push(entry);
                stamp = stamp.next();
            }
        }
        if entries.is_empty() {
            return Err(AssignError::Unchanged);
        }
        Ok((incident, entries))
    }

    /// The incident without `name` in `role` and the entry recording it, or `None`
    /// if they did not hold it.
    pub fn release_role(&self, role: Role, name: &str, stamp: Stamp) -> Option<(Incident, TimelineEntry)> {
        let roles = self.roles.release(role, name)?;
        let change = Change::Command { command: Command::Role { role, from: Some(name.trim().to_owned()), to: None } };
        let entry = TimelineEntry::system(self.id, EntryKind::RoleChange, change, "", stamp);
        Some((Incident { roles, ..self.clone() }, entry))
    }

    /// The milestones set so far.
    pub fn milestones(&self) -> &Milestones {
        &self.milestones
    }

    /// Who holds which role.
    pub fn roles(&self) -> &Roles {
        &self.roles
    }

    /// The incident at another severity and the entry recording why.
    pub fn change_severity(
        &self,
        to: Severity,
        reason: &str,
        stamp: Stamp,
    ) -> Result<(Incident, TimelineEntry), SeverityChangeError> {
        if to == self.severity {
            return Err(SeverityChangeError::Unchanged);
        }
        if reason.trim().is_empty() {
            return Err(SeverityChangeError::NoReason);
        }
        let change = Change::Severity { from: self.severity.clone(), to: to.clone() };
        let entry = TimelineEntry::system(self.id, EntryKind::SeverityChange, change, reason, stamp);
        Ok((Incident { severity: to, ..self.clone() }, entry))
    }

    /// The incident with another list of affected components and the entry
    /// recording it, or `None` if the list is the same.
    pub fn change_components(&self, names: &[String], stamp: Stamp) -> Option<(Incident, TimelineEntry)> {
        let components = tidy_components(names);
        if components == self.components {
            return None;
        }
        let change = Change::Components { affected: components.clone() };
        let entry = TimelineEntry::system(self.id, EntryKind::Note, change, "", stamp);
        Some((Incident { components, ..self.clone() }, entry))
    }

    /// The components named as affected.
    pub fn components(&self) -> &[String] {
        &self.components
    }

    /// The incident's id.
    pub fn id(&self) -> IncidentId {
        self.id
    }

    /// The incident's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The current severity.
    pub fn severity(&self) -> &Severity {
        &self.severity
    }

    /// The current status.
    pub fn status(&self) -> Status {
        self.status
    }

    /// When the incident was declared.
    pub fn declared_at(&self) -> DateTime<Utc> {
        self.declared_at
    }

    /// Who declared the incident.
    pub fn declared_by(&self) -> &str {
        &self.declared_by
    }

    /// How long the incident has existed at `now`, never negative.
    pub fn age(&self, now: DateTime<Utc>) -> chrono::Duration {
        (now - self.declared_at).max(chrono::Duration::zero())
    }
}

/// Sorts incidents for the list: open ones first, then worst severity on
/// `ladder`, then newest.
pub fn sort_for_list(incidents: &mut [Incident], ladder: &SeverityLadder) {
    crate::domain::order::sort_by(incidents, |a, b| {
        b.status
            .is_open()
            .cmp(&a.status.is_open())
            .then(ladder.rank(&a.severity).cmp(&ladder.rank(&b.severity)))
            .then(b.declared_at.cmp(&a.declared_at))
            .then(a.id.cmp(&b.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryId;
    use chrono::TimeZone;

    fn stamp(id: EntryId, at: DateTime<Utc>, author: &str) -> Stamp {
        Stamp::new(id, at, author)
    }

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    fn declared(title: &str) -> Result<(Incident, TimelineEntry), DeclareError> {
        Incident::declare(
            IncidentId::from_parts(1, 1),
            Declaration { title: title.into(), severity: Severity::new("SEV1"), reason: "Site down".into() },
            stamp(EntryId::from_parts(1, 2), at(0), "Ana"),
        )
    }

    #[test]
    fn declaring_trims_the_title_and_records_an_entry() {
        let (incident, entry) = declared("  Checkout returns 500  ").unwrap();
        assert_eq!(incident.title(), "Checkout returns 500");
        assert_eq!(incident.status(), Status::Triage);
        assert_eq!(incident.declared_by(), "Ana");
        assert_eq!(entry.incident(), incident.id());
        assert_eq!(entry.change(), Some(&Change::Declared { severity: Severity::new("SEV1") }));
        assert_eq!(entry.text(), "Site down");
    }

    #[test]
    fn empty_or_overlong_titles_are_refused() {
        assert_eq!(declared("   ").unwrap_err(), DeclareError::EmptyTitle);
        assert_eq!(declared(&"x".repeat(MAX_TITLE + 1)).unwrap_err(), DeclareError::TitleTooLong);
    }

    #[test]
    fn status_changes_follow_the_lifecycle() {
        let (incident, _) = declared("Login down").unwrap();
        assert_eq!(
            incident.change_status(Status::Closed, stamp(EntryId::from_parts(2, 0), at(5), "Ana")).unwrap_err(),
            StatusChangeError::NotResolved
        );
        assert_eq!(incident.status_refusal(Status::Closed), Some(StatusChangeError::NotResolved));
        assert_eq!(incident.status_refusal(Status::Triage), Some(StatusChangeError::Unchanged));
        assert_eq!(incident.status_refusal(Status::Resolved), None);
        let (resolved, entries) =
            incident.change_status(Status::Resolved, stamp(EntryId::from_parts(2, 0), at(5), "Ana")).unwrap();
        assert!(!resolved.status().is_open());
        assert_eq!(entries[0].change(), Some(&Change::Status { from: Status::Triage, to: Status::Resolved }));
        assert_eq!(resolved.milestones().get(Milestone::Resolved), Some(at(5)), "resolving sets the milestone");
        assert_eq!(entries.len(), 2);
        assert_eq!(
            resolved.change_status(Status::Resolved, stamp(EntryId::from_parts(3, 0), at(6), "Ana")).unwrap_err(),
            StatusChangeError::Unchanged
        );
        let (closed, _) =
            resolved.change_status(Status::Closed, stamp(EntryId::from_parts(4, 0), at(7), "Ana")).unwrap();
        let (reopened, entries) =
            closed.change_status(Status::Investigating, stamp(EntryId::from_parts(5, 0), at(8), "Ana")).unwrap();
        assert!(reopened.status().is_open());
        assert_eq!(entries[0].change(), Some(&Change::Status { from: Status::Closed, to: Status::Investigating }));
    }

    #[test]
    fn milestones_are_recorded_back_dated_and_roles_hand_over() {
        let (incident, _) = declared("Login down").unwrap();
        let (incident, entry) =
            incident.set_milestone(Milestone::Detected, at(3), stamp(EntryId::from_parts(2, 0), at(9), "Ana")).unwrap();
        assert_eq!((entry.event_at(), entry.recorded_at(), entry.kind()), (at(3), at(9), EntryKind::Milestone));
        let refused =
            incident.set_milestone(Milestone::ImpactStarted, at(4), stamp(EntryId::from_parts(3, 0), at(9), "Ana"));
        assert_eq!(refused.unwrap_err().other, Milestone::Detected);
        let (incident, _) =
            incident.assign_role(Role::IncidentLead, "Ana", stamp(EntryId::from_parts(4, 0), at(9), "Ana")).unwrap();
        let (incident, entry) =
            incident.assign_role(Role::IncidentLead, "Bo", stamp(EntryId::from_parts(5, 0), at(9), "Ana")).unwrap();
        assert_eq!(
            entry.change(),
            Some(&Change::Command {
                command: Command::Role { role: Role::IncidentLead, from: Some("Ana".into()), to: Some("Bo".into()) }
            })
        );
        let stored = serde_json::to_value(&entry).unwrap();
        assert_eq!(serde_json::from_value::<TimelineEntry>(stored).unwrap(), entry, "command entries round-trip");
        assert_eq!(incident.roles().holders(Role::IncidentLead), ["Bo"]);
        let json = serde_json::to_value(&incident).unwrap();
        assert_eq!(serde_json::from_value::<Incident>(json).unwrap(), incident);
    }

    #[test]
    fn stored_incidents_with_blank_titles_do_not_decode() {
        let (incident, _) = declared("Login down").unwrap();
        let mut json = serde_json::to_value(&incident).unwrap();
        assert_eq!(serde_json::from_value::<Incident>(json.clone()).unwrap(), incident);
        json["title"] = " ".into();
        assert!(serde_json::from_value::<Incident>(json).is_err());
    }

    #[test]
    fn severity_changes_need_a_reason_and_are_recorded() {
        let (incident, _) = declared("Login down").unwrap();
        let stamp2 = || stamp(EntryId::from_parts(2, 0), at(5), "Bo");
        let sev3 = Severity::new("SEV3");
        assert_eq!(incident.change_severity(sev3.clone(), " ", stamp2()).unwrap_err(), SeverityChangeError::NoReason);
        assert_eq!(
            incident.change_severity(Severity::new("SEV1"), "x", stamp2()).unwrap_err(),
            SeverityChangeError::Unchanged
        );
        let (lower, entry) = incident.change_severity(sev3.clone(), "Only EU affected", stamp2()).unwrap();
        assert_eq!(lower.severity(), &sev3);
        assert_eq!(entry.kind(), EntryKind::SeverityChange);
        assert_eq!(entry.change(), Some(&Change::Severity { from: Severity::new("SEV1"), to: sev3 }));
        assert_eq!((entry.text(), entry.author()), ("Only EU affected", "Bo"));
    }

    #[test]
    fn components_are_tidied_and_unchanged_lists_record_nothing() {
        let (incident, _) = declared("Login down").unwrap();
        let names = vec![" Auth  API ".to_owned(), "auth api".to_owned(), "".to_owned(), "Database".to_owned()];
        let (changed, entry) =
            incident.change_components(&names, stamp(EntryId::from_parts(2, 0), at(5), "Bo")).unwrap();
        assert_eq!(changed.components(), ["Auth API", "Database"]);
        assert_eq!(entry.change(), Some(&Change::Components { affected: vec!["Auth API".into(), "Database".into()] }));
        assert!(changed.change_components(&names, stamp(EntryId::from_parts(3, 0), at(6), "Bo")).is_none());
    }

    #[test]
    fn list_puts_open_and_severe_first() {
        let make = |n: u64, severity: &str, minute| {
            Incident::declare(
                IncidentId::from_parts(n, 0),
                Declaration { title: format!("i{n}"), severity: Severity::new(severity), reason: String::new() },
                stamp(EntryId::from_parts(n, 0), at(minute), ""),
            )
            .unwrap()
            .0
        };
        let closed =
            make(1, "SEV1", 0).change_status(Status::Resolved, stamp(EntryId::from_parts(9, 0), at(9), "")).unwrap().0;
        let mut list = vec![closed, make(2, "SEV3", 1), make(3, "SEV2", 2), make(4, "SEV3", 3)];
        sort_for_list(&mut list, &SeverityLadder::default());
        let titles: Vec<_> = list.iter().map(Incident::title).collect();
        assert_eq!(titles, ["i3", "i4", "i2", "i1"]);
    }
}
