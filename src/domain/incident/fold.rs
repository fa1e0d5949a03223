//! The incident as the fold of its timeline.
//!
//! [`Incident::from_timeline`] rebuilds an incident's status, severity, components,
//! milestones and roles from its entries alone, whatever order they arrived in, so
//! entries written by two tabs (or two browsers, or an import) merge into one
//! incident that shows every change. A stored incident record is only a cache of
//! this fold. Rules that depend on the state (closing needs the resolved milestone,
//! milestones stay in order) are not enforced by dropping entries: an entry that
//! breaks one is reported as a [`Warning`].

use super::super::event::{Change, Command};
use super::super::id::EntryId;
use super::super::milestone::{Milestone, Milestones, OutOfOrder};
use super::super::roles::Roles;
use super::super::timeline::TimelineEntry;
use super::{tidy_components, Incident, Status};
use crate::domain::order::sort;
use std::cmp::Ordering;

/// Something in an incident's entries that breaks a rule the change methods
/// check, found while folding them. The entry stays on the timeline and the
/// incident shows the warning; the responder corrects it with a new entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// None of the entries records the declaration, so the declared severity is
    /// the stored record's severity.
    NotDeclared,
    /// The entry closed the incident while the resolved milestone was not set.
    /// The incident is closed all the same.
    ClosedWithoutResolved {
        /// The status change that closed it.
        entry: EntryId,
    },
    /// The entry set a milestone to a time that breaks the milestones' order with
    /// one set before it (in the fold's order). The milestone keeps its earlier
    /// time, or stays unset.
    MilestonesOutOfOrder {
        /// The milestone entry that could not be applied.
        entry: EntryId,
        /// The milestone, its time and the milestone it conflicts with.
        conflict: OutOfOrder,
    },
    /// The entry belongs to another incident; it changes nothing here.
    OtherIncident {
        /// The stray entry.
        entry: EntryId,
    },
}

impl Incident {
    /// The incident that `entries` make of `record`, and the warnings of the
    /// entries that break a rule.
    ///
    /// Only the facts fixed at declaration are read from `record`: its id, title,
    /// declaration time and who declared it (the title is in no entry). Everything
    /// else is the fold of the entries, starting from a declared incident in triage
    /// with no components, milestones or roles, at the severity of the
    /// [`Change::Declared`] entry (the record's severity, with
    /// [`Warning::NotDeclared`], if no entry records the declaration).
    ///
    /// **Order.** Entries are applied in the order they were recorded: recorded
    /// time, then entry id. An entry id seen twice is one entry. This order is total,
    /// so the same entries in any order of arrival give the same incident and the same
    /// warnings. It is the recorded time, not the event time, because the fold
    /// answers "what did the responders last decide": a milestone corrected to an
    /// earlier time is a newer decision with an older event time, and must win over
    /// the time it corrects. The id breaks ties, and keeps the order of the entries
    /// that one action records at one time ([`super::super::timeline::Stamp::next`]).
    /// Two tabs' concurrent changes therefore merge field by field: changes of
    /// different fields all show, and for one field the later recorded one wins.
    /// (The timeline itself is still shown in event-time order.)
    ///
    /// **What each change does.** A status or severity change sets the new value,
    /// whatever its `from` says (a tab that had not yet seen another's change still
    /// means its new value). A change of components sets the whole list it names. A
    /// milestone is set to the entry's event time, unless that breaks the order
    /// ([`Warning::MilestonesOutOfOrder`]). A role entry with a new holder hands a
    /// single-holder role to them, or adds them to a shared role; one without a new
    /// holder removes its previous holder, if they still hold the role (so a release
    /// never removes someone a concurrent hand-over put in). Closing without the
    /// resolved milestone closes, with [`Warning::ClosedWithoutResolved`]. Notes,
    /// runbooks, steps, escalations and status updates leave the incident as it is.
    pub fn from_timeline<'a>(
        record: &Incident,
        entries: impl IntoIterator<Item = &'a TimelineEntry>,
    ) -> (Incident, Vec<Warning>) {
        let mut strays = Vec::new();
        let mut ours = Vec::new();
        for entry in entries {
            if entry.incident() == record.id {
                ours.push(entry);
            } else {
                strays.push(entry.id());
            }
        }
        // One entry per id, the same one whichever copy came first.
        crate::domain::order::sort_by(&mut ours, |a, b| a.id().cmp(&b.id()).then_with(|| same_id_order(a, b)));
        ours.dedup_by_key(|entry| entry.id());
        crate::domain::order::sort_by_key(&mut ours, |entry| (entry.recorded_at(), entry.id()));

        let mut warnings = Vec::new();
        if !ours.iter().any(|entry| matches!(entry.change(), Some(Change::Declared { .. }))) {
            warnings.push(Warning::NotDeclared);
        }
        let mut incident = Incident {
            id: record.id,
            title: record.title.clone(),
            severity: record.severity.clone(),
            status: Status::Triage,
            declared_at: record.declared_at,
            declared_by: record.declared_by.clone(),
            components: Vec::new(),
            milestones: Milestones::default(),
            roles: Roles::default(),
        };
        for entry in ours {
            if let Some(warning) = incident.apply(entry) {
                warnings.push(warning);
            }
        }
        sort(&mut strays);
        strays.dedup();
        warnings.extend(strays.into_iter().map(|entry| Warning::OtherIncident { entry }));
        (incident, warnings)
    }

    /// Applies one entry of this incident in place, returning the rule it breaks.
    fn apply(&mut self, entry: &TimelineEntry) -> Option<Warning> {
        let change = entry.change()?;
        match change {
            Change::Declared { severity } => self.severity = severity.clone(),
            Change::Status { to, .. } => {
                let closing = *to == Status::Closed && self.status != Status::Closed;
                self.status = *to;
                if closing && self.milestones.get(Milestone::Resolved).is_none() {
                    return Some(Warning::ClosedWithoutResolved { entry: entry.id() });
                }
            }
            Change::Severity { to, .. } => self.severity = to.clone(),
            Change::Components { affected } => self.components = tidy_components(affected),
            Change::Command { command: Command::Milestone { milestone } } => {
                match self.milestones.with(*milestone, entry.event_at()) {
                    Ok(milestones) => self.milestones = milestones,
                    Err(conflict) => return Some(Warning::MilestonesOutOfOrder { entry: entry.id(), conflict }),
                }
            }
            Change::Command { command: Command::Role { role, from, to } } => {
                let roles = match (to, from) {
                    (Some(name), _) => self.roles.assign(*role, name).map(|(roles, _)| roles),
                    (None, Some(name)) => self.roles.release(*role, name),
                    (None, None) => None,
                };
                if let Some(roles) = roles {
                    self.roles = roles;
                }
            }
            Change::RunbookStarted { .. }
            | Change::Escalation { .. }
            | Change::StatusUpdate { .. }
            | Change::Step { .. } => {}
        }
        None
    }
}

/// Orders two entries that carry the same id, which a correct record never holds
/// apart from identical copies: by what they record (as the JSON they are exported
/// as, whose writer the build has anyway), so that the copy the fold keeps does not
/// depend on the order of arrival.
fn same_id_order(a: &TimelineEntry, b: &TimelineEntry) -> Ordering {
    if a == b {
        Ordering::Equal
    } else {
        let text = |entry| serde_json::to_string(entry).unwrap_or_default();
        text(a).cmp(&text(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::incident::Declaration;
    use crate::domain::roles::Role;
    use crate::domain::timeline::{NewEntry, Stamp, Visibility};
    use crate::domain::{IncidentId, Severity};
    use chrono::{DateTime, TimeZone, Utc};

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
    }

    /// A stamp of tab `tab` (1 or 2) at `minute`; `n` tells apart one tab's stamps.
    fn stamp(tab: u128, n: u128, minute: u32) -> Stamp {
        Stamp::new(EntryId::from_parts(at(minute).timestamp_millis() as u64, tab << 64 | n << 8), at(minute), "Ana")
    }

    fn declared() -> (Incident, TimelineEntry) {
        let declaration =
            Declaration { title: "Checkout down".into(), severity: Severity::new("SEV2"), reason: "".into() };
        Incident::declare(IncidentId::from_parts(1, 1), declaration, stamp(0, 0, 0)).unwrap()
    }

    /// Folds `entries` in their order and reversed, checks both agree, and returns the fold.
    fn fold(record: &Incident, entries: &[TimelineEntry]) -> (Incident, Vec<Warning>) {
        let folded = Incident::from_timeline(record, entries);
        assert_eq!(Incident::from_timeline(record, entries.iter().rev()), folded, "the order of arrival matters");
        folded
    }

    #[test]
    fn a_status_change_and_a_role_from_two_tabs_both_show() {
        let (incident, declaration) = declared();
        let (tab_a, status) = incident.change_status(Status::Mitigating, stamp(1, 1, 5)).unwrap();
        let (tab_b, lead) = incident.assign_role(Role::IncidentLead, "Ana", stamp(2, 1, 6)).unwrap();
        let entries = [vec![declaration, lead], status].concat();
        let (merged, warnings) = fold(&tab_b, &entries);
        assert_eq!(merged.status(), Status::Mitigating, "tab B's copy said triage");
        assert_eq!(merged.roles().holders(Role::IncidentLead), ["Ana"], "tab A's copy had no lead");
        assert_eq!(merged.severity(), &Severity::new("SEV2"));
        assert_eq!(warnings, []);
        assert_eq!((tab_a.status(), tab_b.status()), (Status::Mitigating, Status::Triage));
    }

    #[test]
    fn of_two_different_entries_under_one_id_the_same_one_counts_whichever_came_first() {
        let (incident, declaration) = declared();
        // Two changes stamped alike: a damaged or hand-made record; one id.
        let (_, mitigating) = incident.change_status(Status::Mitigating, stamp(1, 1, 5)).unwrap();
        let (_, identified) = incident.change_status(Status::Identified, stamp(1, 1, 5)).unwrap();
        assert_eq!(mitigating[0].id(), identified[0].id());
        let entries = [vec![declaration.clone()], mitigating.clone(), identified.clone()].concat();
        let (merged, _) = fold(&incident, &entries);
        let swapped = [vec![declaration], identified, mitigating].concat();
        assert_eq!(Incident::from_timeline(&incident, &swapped).0, merged);
        assert_eq!(merged.status(), Status::Identified, "by what they record: the text of \"identified\" sorts first");
    }

    #[test]
    fn the_later_recorded_change_of_one_field_wins_and_from_is_not_checked() {
        let (incident, declaration) = declared();
        let (_, first) = incident.change_status(Status::Investigating, stamp(1, 1, 5)).unwrap();
        let (_, second) = incident.change_status(Status::Identified, stamp(2, 1, 7)).unwrap();
        let (_, sev1) = incident.change_severity(Severity::new("SEV1"), "worse", stamp(2, 2, 7)).unwrap();
        let entries = [vec![declaration, sev1], second, first].concat();
        let (merged, _) = fold(&incident, &entries);
        assert_eq!((merged.status(), merged.severity()), (Status::Identified, &Severity::new("SEV1")));
    }

    #[test]
    fn a_milestone_corrected_to_an_earlier_time_keeps_the_correction() {
        let (incident, declaration) = declared();
        let (set, detected) = incident.set_milestone(Milestone::Detected, at(10), stamp(1, 1, 12)).unwrap();
        let (corrected, earlier) = set.set_milestone(Milestone::Detected, at(3), stamp(1, 2, 20)).unwrap();
        let (merged, warnings) = fold(&incident, &[declaration, detected, earlier]);
        assert_eq!(merged.milestones().get(Milestone::Detected), Some(at(3)), "recorded later, happened earlier");
        assert_eq!((merged, warnings), (corrected, vec![]));
    }

    #[test]
    fn a_release_never_removes_a_holder_a_concurrent_hand_over_put_in() {
        let (incident, declaration) = declared();
        let (with_ana, ana) = incident.assign_role(Role::IncidentLead, "Ana", stamp(1, 1, 1)).unwrap();
        let (_, to_bo) = with_ana.assign_role(Role::IncidentLead, "Bo", stamp(1, 2, 5)).unwrap();
        let (_, ana_leaves) = with_ana.release_role(Role::IncidentLead, "Ana", stamp(2, 1, 5)).unwrap();
        let (merged, _) = fold(&incident, &[declaration, ana, to_bo, ana_leaves]);
        assert_eq!(merged.roles().holders(Role::IncidentLead), ["Bo"]);
    }

    #[test]
    fn entries_merged_later_that_break_a_rule_are_applied_and_reported() {
        let (incident, declaration) = declared();
        // Tab B marks mitigation at 9:20; tab A, not seeing it, resolves at 9:05 and closes.
        let (_, mitigated) = incident.set_milestone(Milestone::Mitigated, at(20), stamp(2, 1, 3)).unwrap();
        let (resolved, resolving) = incident.change_status(Status::Resolved, stamp(1, 1, 5)).unwrap();
        let (_, closing) = resolved.change_status(Status::Closed, stamp(1, 3, 6)).unwrap();
        let entries = [vec![declaration, mitigated], resolving.clone(), closing.clone()].concat();
        let (merged, warnings) = fold(&incident, &entries);
        assert_eq!(merged.status(), Status::Closed);
        assert_eq!(merged.milestones().get(Milestone::Mitigated), Some(at(20)));
        assert_eq!(merged.milestones().get(Milestone::Resolved), None);
        let conflict = OutOfOrder {
            milestone: Milestone::Resolved,
            at: at(5),
            other: Milestone::Mitigated,
            other_at: at(20),
            before: true,
        };
        assert_eq!(
            warnings,
            [
                Warning::MilestonesOutOfOrder { entry: resolving[1].id(), conflict },
                Warning::ClosedWithoutResolved { entry: closing[0].id() },
            ]
        );
    }

    #[test]
    fn copies_strays_and_a_missing_declaration_are_folded_once_and_reported() {
        let (incident, _) = declared();
        let (severe, sev1) = incident.change_severity(Severity::new("SEV1"), "worse", stamp(1, 1, 5)).unwrap();
        let stray = TimelineEntry::note(
            NewEntry {
                incident: IncidentId::from_parts(9, 9),
                text: "elsewhere".into(),
                event_at: None,
                tag: None,
                visibility: Visibility::Internal,
                evidence: Vec::new(),
            },
            stamp(2, 1, 4),
        )
        .unwrap();
        let (merged, warnings) = fold(&severe, &[sev1.clone(), stray.clone(), sev1.clone(), stray.clone()]);
        assert_eq!(merged.severity(), &Severity::new("SEV1"));
        assert_eq!(warnings, [Warning::NotDeclared, Warning::OtherIncident { entry: stray.id() }]);
        let (only_strays, _) = fold(&severe, &[stray]);
        assert_eq!(only_strays.severity(), &Severity::new("SEV1"), "the record's severity, for want of a declaration");
    }
}
