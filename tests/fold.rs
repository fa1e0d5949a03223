//! The incident is the fold of its timeline (PRODUCT.md §7), checked on random
//! histories: two tabs change the same incident, each through the change methods on
//! its own copy, and their entries reach the fold in any order.
//!
//! - one tab alone: the fold of its entries is the incident the methods returned;
//! - two tabs: every order of arrival folds to the same incident and warnings, and a
//!   field only one tab changed shows that tab's value.

#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use sitrep::domain::{
    Declaration, EntryId, Incident, IncidentId, Milestone, Role, Severity, Stamp, Status, TimelineEntry, Warning,
};

/// One thing a responder does in a tab.
#[derive(Debug, Clone)]
enum Action {
    Status(Status),
    Severity(usize),
    Components(Vec<usize>),
    Milestone(Milestone, i64),
    Assign(Role, usize),
    Release(Role, usize),
}

const LEVELS: [&str; 4] = ["SEV1", "SEV2", "SEV3", "SEV4"];
const COMPONENTS: [&str; 4] = ["Checkout", "Auth API", "Database", "CDN"];
const PEOPLE: [&str; 3] = ["Ana", "Bo", "Cy"];

fn action() -> impl Strategy<Value = Action> {
    let status = proptest::sample::select(Status::ALL.to_vec());
    let milestone = proptest::sample::select(Milestone::ALL.to_vec());
    let role = proptest::sample::select(Role::ALL.to_vec());
    prop_oneof![
        status.prop_map(Action::Status),
        (0..LEVELS.len()).prop_map(Action::Severity),
        proptest::collection::vec(0..COMPONENTS.len(), 0..3).prop_map(Action::Components),
        (milestone, 0..40i64).prop_map(|(m, minute)| Action::Milestone(m, minute)),
        (role.clone(), 0..PEOPLE.len()).prop_map(|(r, p)| Action::Assign(r, p)),
        (role, 0..PEOPLE.len()).prop_map(|(r, p)| Action::Release(r, p)),
    ]
}

/// A tab's actions, each after a pause of 0 to 2 minutes, so that the two tabs'
/// entries often share a recorded time.
fn history() -> impl Strategy<Value = Vec<(i64, Action)>> {
    proptest::collection::vec((0..3i64, action()), 0..12)
}

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn declared() -> (Incident, TimelineEntry) {
    let declaration = Declaration { title: "Checkout down".into(), severity: Severity::new("SEV2"), reason: "".into() };
    let stamp = Stamp::new(EntryId::from_parts(at(0).timestamp_millis() as u64, 0), at(0), "Ana");
    Incident::declare(IncidentId::from_parts(1, 1), declaration, stamp).unwrap()
}

/// Plays `history` in tab `tab` on `incident` through the change methods, as the
/// app does: refused or empty changes record nothing. Returns the tab's incident
/// and the entries it recorded.
fn play(incident: &Incident, tab: u128, history: &[(i64, Action)]) -> (Incident, Vec<TimelineEntry>) {
    let (mut incident, mut entries, mut minute) = (incident.clone(), Vec::new(), 1);
    for (n, (pause, action)) in history.iter().enumerate() {
        minute += pause;
        let id = EntryId::from_parts(at(minute).timestamp_millis() as u64, tab << 64 | (n as u128) << 8);
        let stamp = Stamp::new(id, at(minute), if tab == 1 { "Ana" } else { "Bo" });
        let changed = match action {
            Action::Status(status) => incident.change_status(*status, stamp).ok(),
            Action::Severity(level) => {
                incident.change_severity(Severity::new(LEVELS[*level]), "why", stamp).ok().map(|(i, e)| (i, vec![e]))
            }
            Action::Components(names) => {
                let names: Vec<String> = names.iter().map(|n| COMPONENTS[*n].to_owned()).collect();
                incident.change_components(&names, stamp).map(|(i, e)| (i, vec![e]))
            }
            Action::Milestone(milestone, minute) => {
                incident.set_milestone(*milestone, at(*minute), stamp).ok().map(|(i, e)| (i, vec![e]))
            }
            Action::Assign(role, person) => {
                incident.assign_role(*role, PEOPLE[*person], stamp).map(|(i, e)| (i, vec![e]))
            }
            Action::Release(role, person) => {
                incident.release_role(*role, PEOPLE[*person], stamp).map(|(i, e)| (i, vec![e]))
            }
        };
        if let Some((changed, recorded)) = changed {
            incident = changed;
            entries.extend(recorded);
        }
    }
    (incident, entries)
}

/// Whether any of `entries` records a change that `touches` picks out.
fn touched(entries: &[TimelineEntry], touches: impl Fn(&sitrep::domain::Change) -> bool) -> bool {
    entries.iter().filter_map(TimelineEntry::change).any(touches)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_fold_agrees_with_the_change_methods(history in history()) {
        let (incident, declaration) = declared();
        let (changed, entries) = play(&incident, 1, &history);
        let all: Vec<TimelineEntry> = std::iter::once(declaration).chain(entries).collect();
        prop_assert_eq!(Incident::from_timeline(&incident, &all), (changed.clone(), Vec::<Warning>::new()));
        prop_assert_eq!(Incident::from_timeline(&changed, &all).0, changed, "the record gives only its declaration");
    }

    #[test]
    fn two_tabs_entries_fold_to_one_incident_in_any_order(
        a in history(),
        b in history(),
        seed in any::<u64>(),
    ) {
        use sitrep::domain::{Change, Command};
        let (incident, declaration) = declared();
        let (tab_a, from_a) = play(&incident, 1, &a);
        let (tab_b, from_b) = play(&incident, 2, &b);
        let all: Vec<TimelineEntry> =
            std::iter::once(declaration).chain(from_a.iter().cloned()).chain(from_b.iter().cloned()).collect();
        let folded = Incident::from_timeline(&incident, &all);

        // Any order of arrival, each entry perhaps twice (a copy from an import).
        let mut arrived = all.clone();
        arrived.extend(all.iter().step_by(3).cloned());
        shuffle(&mut arrived, seed);
        prop_assert_eq!(&Incident::from_timeline(&incident, &arrived), &folded);

        // A field only one tab changed shows that tab's value.
        let (merged, _) = folded;
        for (tab, mine, theirs) in [(&tab_a, &from_a, &from_b), (&tab_b, &from_b, &from_a)] {
            let status = |c: &Change| matches!(c, Change::Status { .. });
            if touched(mine, status) && !touched(theirs, status) {
                prop_assert_eq!(merged.status(), tab.status());
            }
            let severity = |c: &Change| matches!(c, Change::Severity { .. });
            if touched(mine, severity) && !touched(theirs, severity) {
                prop_assert_eq!(merged.severity(), tab.severity());
            }
            let components = |c: &Change| matches!(c, Change::Components { .. });
            if touched(mine, components) && !touched(theirs, components) {
                prop_assert_eq!(merged.components(), tab.components());
            }
            let milestone = |c: &Change| matches!(c, Change::Command { command: Command::Milestone { .. } });
            if touched(mine, milestone) && !touched(theirs, milestone) {
                prop_assert_eq!(merged.milestones(), tab.milestones());
            }
            for role in Role::ALL {
                let of_role = |c: &Change| matches!(c, Change::Command { command: Command::Role { role: r, .. } } if *r == role);
                if touched(mine, of_role) && !touched(theirs, of_role) {
                    prop_assert_eq!(merged.roles().holders(role), tab.roles().holders(role));
                }
            }
        }
    }
}

/// Shuffles `entries` by `seed` (a Fisher-Yates shuffle with a small
/// xorshift generator), so a failing case shrinks to the seed that shows it.
fn shuffle(entries: &mut [TimelineEntry], seed: u64) {
    let mut state = seed | 1;
    for i in (1..entries.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        entries.swap(i, (state % (i as u64 + 1)) as usize);
    }
}
