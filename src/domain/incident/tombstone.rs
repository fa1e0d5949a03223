//! What stays of a deleted incident: enough to say what was deleted, when and by
//! whom, so that an import (and, later, a sync) does not bring it back unasked.

use crate::domain::{Incident, IncidentId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A deleted incident's marker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    id: IncidentId,
    title: String,
    deleted_at: DateTime<Utc>,
    deleted_by: String,
}

impl Tombstone {
    /// The marker of `incident`, deleted by `by` at `at`.
    pub fn of(incident: &Incident, by: &str, at: DateTime<Utc>) -> Tombstone {
        Tombstone {
            id: incident.id(),
            title: incident.title().to_owned(),
            deleted_at: at,
            deleted_by: by.trim().to_owned(),
        }
    }

    /// The deleted incident's id.
    pub fn id(&self) -> IncidentId {
        self.id
    }

    /// Its title when it was deleted.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// When it was deleted.
    pub fn deleted_at(&self) -> DateTime<Utc> {
        self.deleted_at
    }

    /// Who deleted it (empty if they had not set a name).
    pub fn deleted_by(&self) -> &str {
        &self.deleted_by
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryId;
    use crate::domain::{Declaration, Severity, Stamp};
    use chrono::TimeZone;

    #[test]
    fn a_tombstone_names_the_incident_and_who_deleted_it() {
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
        let stamp = Stamp::new(EntryId::from_parts(1, 1), at, "Ana");
        let declaration = Declaration {
            title: "Checkout returns 502".into(),
            severity: Severity::new("SEV1"),
            reason: String::new(),
        };
        let (incident, _) = Incident::declare(IncidentId::from_parts(1, 7), declaration, stamp).unwrap();
        let tombstone = Tombstone::of(&incident, " Bo ", at);
        assert_eq!(
            (tombstone.id(), tombstone.title(), tombstone.deleted_by()),
            (incident.id(), "Checkout returns 502", "Bo")
        );
    }
}
