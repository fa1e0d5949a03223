//! Incidents: what is declared, how bad it is, and where it stands.
//!
//! An [`Incident`] is created only through [`Incident::declare`], which refuses an
//! empty title, and changes only through methods that also return the timeline entry
//! recording the change, so the timeline never misses a transition.

use super::id::IncidentId;
use super::severity::Severity;
use super::timeline::{Change, EntryKind, Stamp, TimelineEntry};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest incident title accepted, in characters.
pub const MAX_TITLE: usize = 200;

/// Where an incident stands, in the order incidents usually move through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Declared; severity and ownership being settled.
    Triage,
    /// Looking for what is wrong.
    Investigating,
    /// The cause is known.
    Identified,
    /// A fix or workaround is being applied.
    Mitigating,
    /// The fix is in; watching that it holds.
    Monitoring,
    /// Customers are no longer affected.
    Resolved,
    /// Nothing more to do, review included.
    Closed,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 7] = [
        Self::Triage,
        Self::Investigating,
        Self::Identified,
        Self::Mitigating,
        Self::Monitoring,
        Self::Resolved,
        Self::Closed,
    ];

    /// Whether responders are still working on an incident in this status.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Resolved | Self::Closed)
    }

    /// A stable machine name, used in stored data and form values.
    pub fn key(self) -> &'static str {
        match self {
            Self::Triage => "triage",
            Self::Investigating => "investigating",
            Self::Identified => "identified",
            Self::Mitigating => "mitigating",
            Self::Monitoring => "monitoring",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
        }
    }

    /// Parses a name produced by [`Status::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.key() == key)
    }
}

/// What a responder fills in to declare an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// A short description of what is wrong, as the responder would say it.
    pub title: String,
    /// The initial severity.
    pub severity: Severity,
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
            severity: declaration.severity,
            status: Status::Triage,
            declared_at: stamp.at,
            declared_by: stamp.author.clone(),
        };
        let entry = TimelineEntry::system(
            id,
            EntryKind::StatusChange,
            Change::Declared {
                severity: declaration.severity,
            },
            stamp,
        );
        Ok((incident, entry))
    }

    /// The incident with a new status and the entry recording the change, or `None`
    /// when the status is already `status`.
    pub fn change_status(&self, status: Status, stamp: Stamp) -> Option<(Incident, TimelineEntry)> {
        if status == self.status {
            return None;
        }
        let entry = TimelineEntry::system(
            self.id,
            EntryKind::StatusChange,
            Change::Status {
                from: self.status,
                to: status,
            },
            stamp,
        );
        Some((
            Incident {
                status,
                ..self.clone()
            },
            entry,
        ))
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
    pub fn severity(&self) -> Severity {
        self.severity
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

/// Sorts incidents for the list: open ones first, then worst severity, then newest.
pub fn list_order(a: &Incident, b: &Incident) -> std::cmp::Ordering {
    b.status
        .is_open()
        .cmp(&a.status.is_open())
        .then(a.severity.cmp(&b.severity))
        .then(b.declared_at.cmp(&a.declared_at))
        .then(a.id.cmp(&b.id))
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
            Declaration {
                title: title.into(),
                severity: Severity::Sev1,
            },
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
        assert_eq!(
            entry.change(),
            Some(&Change::Declared {
                severity: Severity::Sev1
            })
        );
    }

    #[test]
    fn empty_or_overlong_titles_are_refused() {
        assert_eq!(declared("   ").unwrap_err(), DeclareError::EmptyTitle);
        assert_eq!(
            declared(&"x".repeat(MAX_TITLE + 1)).unwrap_err(),
            DeclareError::TitleTooLong
        );
    }

    #[test]
    fn status_changes_return_the_entry_and_ignore_no_ops() {
        let (incident, _) = declared("Login down").unwrap();
        let (resolved, entry) = incident
            .change_status(
                Status::Resolved,
                stamp(EntryId::from_parts(2, 0), at(5), "Ana"),
            )
            .unwrap();
        assert!(!resolved.status().is_open());
        assert_eq!(
            entry.change(),
            Some(&Change::Status {
                from: Status::Triage,
                to: Status::Resolved
            })
        );
        assert!(resolved
            .change_status(
                Status::Resolved,
                stamp(EntryId::from_parts(3, 0), at(6), "Ana")
            )
            .is_none());
    }

    #[test]
    fn stored_incidents_with_blank_titles_do_not_decode() {
        let (incident, _) = declared("Login down").unwrap();
        let mut json = serde_json::to_value(&incident).unwrap();
        assert_eq!(
            serde_json::from_value::<Incident>(json.clone()).unwrap(),
            incident
        );
        json["title"] = " ".into();
        assert!(serde_json::from_value::<Incident>(json).is_err());
    }

    #[test]
    fn list_puts_open_and_severe_first() {
        let make = |n: u64, severity, minute| {
            Incident::declare(
                IncidentId::from_parts(n, 0),
                Declaration {
                    title: format!("i{n}"),
                    severity,
                },
                stamp(EntryId::from_parts(n, 0), at(minute), ""),
            )
            .unwrap()
            .0
        };
        let closed = make(1, Severity::Sev1, 0)
            .change_status(Status::Closed, stamp(EntryId::from_parts(9, 0), at(9), ""))
            .unwrap()
            .0;
        let mut list = vec![
            closed,
            make(2, Severity::Sev3, 1),
            make(3, Severity::Sev2, 2),
            make(4, Severity::Sev3, 3),
        ];
        list.sort_by(list_order);
        let titles: Vec<_> = list.iter().map(Incident::title).collect();
        assert_eq!(titles, ["i3", "i4", "i2", "i1"]);
    }
}
