//! Scenarios shared by the store tests, written once against the `Store` trait.
//!
//! `store_idb.rs` runs them on the IndexedDB store in Chromium and `store_memory.rs`
//! runs them on the memory store natively, so both stores are held to the same
//! expectations. Every value here is fixed (times, ids, names), so a failure points
//! at the store and never at the fixture. Records that must bypass the store's
//! checks are given as JSON; each test file writes them with its store's own
//! `put_raw_entry`.

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{json, Value};
use sitrep::domain::{
    Declaration, EntryId, Incident, IncidentId, Language, NewEntry, Review, RunId, Runbook, RunbookDraft, RunbookId,
    RunbookRun, Settings, Severity, Stamp, Step, Tag, Timeline, TimelineEntry, Visibility,
};
use sitrep::store::{Batch, Edit, Loaded, Store, StoreError, Told};
use std::collections::BTreeSet;

/// A fixed time on the morning of the fixtures' incidents.
pub fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, minute, 0).unwrap()
}

/// An incident declared at SEV2 at `at(minute)`, with the entry recording it.
pub fn declared(n: u64, title: &str, minute: u32) -> (Incident, TimelineEntry) {
    let declaration =
        Declaration { title: title.into(), severity: Severity::new("SEV2"), reason: "Checkout fails for many".into() };
    let stamp = Stamp::new(EntryId::from_parts(n * 1_000, 1), at(minute), "Mei-Ling Chen");
    Incident::declare(IncidentId::from_parts(n, 7), declaration, stamp).expect("a valid declaration")
}

/// A plain internal note on `incident` with the id `EntryId::from_parts(id, 0)`,
/// recorded at `at(recorded)` about an event at `at(event)`.
pub fn note(incident: IncidentId, id: u64, recorded: u32, event: u32, text: &str) -> TimelineEntry {
    note_at(incident, id, at(recorded), at(event), text)
}

/// A note like [`note`], recorded and happened at any instants.
pub fn note_at(
    incident: IncidentId,
    id: u64,
    recorded: DateTime<Utc>,
    event: DateTime<Utc>,
    text: &str,
) -> TimelineEntry {
    let new = NewEntry {
        incident,
        text: text.into(),
        event_at: Some(event),
        tag: None,
        visibility: Visibility::Internal,
        evidence: Vec::new(),
    };
    TimelineEntry::note(new, Stamp::new(EntryId::from_parts(id, 0), recorded, "Bo")).expect("a valid note")
}

/// A note like [`note`] that also carries a tag, customer-safe visibility and an
/// evidence link, so that a round trip covers every field an entry has.
pub fn detailed_note(incident: IncidentId, id: u64, recorded: u32, event: u32, text: &str) -> TimelineEntry {
    let new = NewEntry {
        incident,
        text: text.into(),
        event_at: Some(at(event)),
        tag: Some(Tag::Repair),
        visibility: Visibility::CustomerSafe,
        evidence: vec!["https://status.example.com/incidents/42".into()],
    };
    TimelineEntry::note(new, Stamp::new(EntryId::from_parts(id, 0), at(recorded), "Bo")).expect("a valid note")
}

/// The ids of entries, in the order given.
pub fn ids(entries: &[TimelineEntry]) -> Vec<EntryId> {
    entries.iter().map(TimelineEntry::id).collect()
}

/// A small workspace: settings, one incident, its declaration entry and two notes.
pub struct Workspace {
    pub settings: Settings,
    pub incident: Incident,
    pub declaration: TimelineEntry,
    pub notes: Vec<TimelineEntry>,
}

impl Workspace {
    /// The fixture every round-trip test writes and reads back.
    pub fn sample() -> Workspace {
        let settings =
            Settings::default().with_display_name("Mei-Ling Chen").with_language(Language::TraditionalChinese);
        let (incident, declaration) = declared(1, "Checkout returns 502", 0);
        let notes = vec![
            detailed_note(incident.id(), 2_000, 5, 5, "Rolled back the 08:40 deploy."),
            note(incident.id(), 3_000, 9, 2, "Error rate rose at 09:02 (back-dated)."),
        ];
        Workspace { settings, incident, declaration, notes }
    }

    /// Every entry of the incident, in timeline order.
    pub fn timeline(&self) -> Vec<TimelineEntry> {
        let mut all = vec![self.declaration.clone()];
        all.extend(self.notes.iter().cloned());
        Timeline::from_entries(all).entries().to_vec()
    }

    /// Writes the workspace the way the app does: settings, the incident together
    /// with its declaration, then each note on its own.
    pub async fn write(&self, store: &impl Store) {
        create_settings(store, &self.settings).await;
        store
            .write(Batch {
                incident: Some(Edit::create(self.incident.clone())),
                entries: vec![self.declaration.clone()],
                ..Batch::default()
            })
            .await
            .expect("incident is saved");
        for entry in &self.notes {
            add_entry(store, entry).await.expect("note is saved");
        }
    }

    /// Reads everything back and checks that it is exactly what was written.
    pub async fn assert_stored(&self, store: &impl Store) {
        assert_eq!(value(store.settings().await), Some(self.settings.clone()));
        assert_eq!(store.incidents().await, Ok(Loaded { items: vec![self.incident.clone()], unreadable: vec![] }));
        assert_eq!(value(store.incident(self.incident.id()).await), Some(self.incident.clone()));
        let loaded = store.timeline(self.incident.id()).await.expect("the timeline loads");
        assert!(loaded.unreadable.is_empty(), "unreadable entries: {:?}", loaded.unreadable);
        assert_eq!(Timeline::from_entries(loaded.items).entries(), self.timeline().as_slice());
    }
}

/// Checks that a store holds nothing: no settings, no incidents, empty timelines.
pub async fn assert_empty(store: &impl Store) {
    assert_eq!(value(store.settings().await), None);
    assert_eq!(store.incidents().await, Ok(Loaded::default()));
    let anyone = IncidentId::from_parts(1, 7);
    assert_eq!(value(store.incident(anyone).await), None);
    assert_eq!(store.timeline(anyone).await, Ok(Loaded::default()));
}

/// Adds entries whose storage order (by id) differs from their timeline order and
/// checks that `Timeline::from_entries` puts them in event-time-then-id order.
pub async fn assert_timeline_order(store: &impl Store) {
    let (incident, declaration) = declared(1, "Search is slow", 0);
    let id = incident.id();
    // Recorded last but back-dated to 09:05, with the largest id.
    let late_note_early_event = note(id, 9_000, 30, 5, "Cache hit rate fell at 09:05.");
    // Recorded at 09:10 about 09:10.
    let plain = note(id, 5_000, 10, 10, "Paged the search team.");
    // Also about 09:05, with a smaller id, so it comes before the other 09:05 entry.
    let same_time_smaller_id = note(id, 4_000, 20, 5, "Index rebuild started at 09:05.");
    store
        .write(Batch { incident: Some(Edit::create(incident.clone())), ..Batch::default() })
        .await
        .expect("incident is saved");
    for entry in [&late_note_early_event, &plain, &same_time_smaller_id, &declaration] {
        add_entry(store, entry).await.expect("entry is saved");
    }
    let loaded = store.timeline(id).await.expect("the timeline loads");
    assert!(loaded.unreadable.is_empty(), "unreadable entries: {:?}", loaded.unreadable);
    let timeline = Timeline::from_entries(loaded.items);
    assert_eq!(
        ids(timeline.entries()),
        ids(&[declaration, same_time_smaller_id, late_note_early_event, plain]),
        "event time first, then id"
    );
}

/// Stores an incident's entries out of order (one back-dated, two at the same
/// time) beside another incident's, and checks that the first or last entries
/// read through the index by incident and time are those of the timeline's
/// order, and only the incident's own.
pub async fn assert_timeline_ends(store: &impl Store) {
    use sitrep::store::End;
    let (incident, declaration) = declared(1, "Search is slow", 0);
    let (other, other_declared) = declared(2, "Emails are late", 1);
    let id = incident.id();
    let late_note_early_event = note(id, 9_000, 30, 5, "Cache hit rate fell at 09:05.");
    let plain = note(id, 5_000, 10, 10, "Paged the search team.");
    let same_time_smaller_id = note(id, 4_000, 20, 5, "Index rebuild started at 09:05.");
    let rolled_back = note(id, 6_000, 40, 40, "Rolled back.");
    // A quarter second after a whole minute: its stored event time has a fraction
    // (`09:40:00.250Z`) and the one before it none (`09:40:00Z`), which as text
    // would sort first; its smaller id would put it first at the same time too.
    let newest = note_at(id, 3_000, at(45), at(40) + chrono::Duration::milliseconds(250), "Errors back to normal.");
    let elsewhere = note(other.id(), 7_000, 50, 50, "Queue depth is 40k.");
    for (incident, declared) in [(incident.clone(), declaration.clone()), (other, other_declared)] {
        let batch = Batch { incident: Some(Edit::create(incident)), entries: vec![declared], ..Batch::default() };
        store.write(batch).await.expect("incident is saved");
    }
    for entry in [&late_note_early_event, &elsewhere, &plain, &newest, &same_time_smaller_id, &rolled_back] {
        add_entry(store, entry).await.expect("entry is saved");
    }
    let ends = |count, end| async move {
        let loaded = store.timeline_end(id, count, end).await.expect("the ends load");
        assert!(loaded.unreadable.is_empty(), "unreadable entries: {:?}", loaded.unreadable);
        ids(&loaded.items)
    };
    assert_eq!(ends(2, End::Newest).await, ids(&[rolled_back.clone(), newest.clone()]), "the newest two, in order");
    assert_eq!(ends(3, End::Newest).await, ids(&[plain.clone(), rolled_back.clone(), newest.clone()]));
    assert_eq!(
        ends(4, End::Newest).await,
        ids(&[late_note_early_event.clone(), plain.clone(), rolled_back.clone(), newest.clone()]),
        "the fourth newest shares its time with an older entry, which is left out"
    );
    assert_eq!(
        ends(5, End::Newest).await,
        ids(&[
            same_time_smaller_id.clone(),
            late_note_early_event.clone(),
            plain.clone(),
            rolled_back.clone(),
            newest.clone()
        ])
    );
    assert_eq!(
        ends(3, End::Oldest).await,
        ids(&[declaration.clone(), same_time_smaller_id.clone(), late_note_early_event.clone()])
    );
    let whole = [declaration, same_time_smaller_id, late_note_early_event, plain, rolled_back, newest];
    assert_eq!(ends(50, End::Newest).await, ids(&whole), "more than there are: all of them, the other incident's not");
    assert_eq!(ends(50, End::Oldest).await, ids(&whole));
    assert_eq!(ends(6, End::Newest).await, ids(&whole), "exactly as many as there are");
    assert_eq!(ends(1, End::Newest).await, ids(&whole[5..]));
    assert_eq!(ends(0, End::Newest).await, ids(&[]));
}

/// Stores two incidents with entries and checks that each timeline holds only
/// its own incident's entries.
pub async fn assert_timelines_are_separate(store: &impl Store) {
    let (first, first_declared) = declared(1, "Login fails", 0);
    let (second, second_declared) = declared(2, "Emails are late", 1);
    let first_note = note(first.id(), 10_000, 10, 10, "SSO provider confirms an outage.");
    let second_note = note(second.id(), 11_000, 11, 11, "Queue depth is 40k.");
    store
        .write(Batch {
            incident: Some(Edit::create(first.clone())),
            entries: std::slice::from_ref(&first_declared).to_vec(),
            ..Batch::default()
        })
        .await
        .expect("first incident is saved");
    store
        .write(Batch {
            incident: Some(Edit::create(second.clone())),
            entries: std::slice::from_ref(&second_declared).to_vec(),
            ..Batch::default()
        })
        .await
        .expect("second incident is saved");
    add_entry(store, &second_note).await.expect("note is saved");
    add_entry(store, &first_note).await.expect("note is saved");

    let of_first = store.timeline(first.id()).await.expect("the first timeline loads");
    assert_eq!(ids(Timeline::from_entries(of_first.items).entries()), ids(&[first_declared, first_note]));
    let of_second = store.timeline(second.id()).await.expect("the second timeline loads");
    assert_eq!(ids(Timeline::from_entries(of_second.items).entries()), ids(&[second_declared, second_note]));
    let mut listed = store.incidents().await.expect("incidents load").items;
    listed.sort_by_key(Incident::id);
    assert_eq!(listed, [first, second]);
}

/// Two incidents, each with its declaration; the second runs a runbook.
struct TwoIncidents {
    first: Incident,
    first_declared: TimelineEntry,
    second: Incident,
    second_declared: TimelineEntry,
    run: RunbookRun,
    started: TimelineEntry,
}

fn two_incidents() -> TwoIncidents {
    let (first, first_declared) = declared(1, "Login fails", 0);
    let (second, second_declared) = declared(2, "Emails are late", 1);
    let stored = runbook(1, "Database failover", 0);
    let stamp = Stamp::new(EntryId::from_parts(3_000, 2), at(3), "Bo");
    let (run, started) = RunbookRun::start(RunId::from_parts(2, 5), second.id(), &stored, false, stamp);
    TwoIncidents { first, first_declared, second, second_declared, run, started }
}

/// Stores `incident` with `entries` and `runs` in one batch.
async fn create_incident(store: &impl Store, incident: &Incident, entries: Vec<TimelineEntry>, runs: Vec<RunbookRun>) {
    let batch = Batch { incident: Some(Edit::create(incident.clone())), entries, runs, ..Batch::default() };
    store.write(batch).await.expect("the incident is saved");
}

/// `opening` reads an incident with the entries at one end of its timeline and
/// its runs, all of them its own; an id with no incident gives nothing.
pub async fn assert_opening_reads_incident_entries_and_runs(store: &impl Store) {
    use sitrep::store::End;
    let TwoIncidents { first, first_declared, second, second_declared, run, started } = two_incidents();
    let paged = note(first.id(), 4_000, 4, 4, "Paged the identity team.");
    let rolled = note(first.id(), 5_000, 5, 5, "Rolled back the SSO change.");
    create_incident(store, &first, vec![first_declared, paged.clone(), rolled.clone()], vec![]).await;
    create_incident(store, &second, vec![second_declared.clone(), started.clone()], vec![run.clone()]).await;
    let opened = |id, count, end| async move { store.opening(id, count, end).await.expect("it reads") };
    let newest = opened(first.id(), 2, End::Newest).await.expect("the first incident is there");
    assert_eq!(Some(newest.incident), store.incident(first.id()).await.expect("it reads"));
    assert_eq!(ids(&newest.entries.items), ids(&[paged, rolled]));
    assert_eq!(newest.runs, Loaded::default(), "the other incident's run is not this one's");
    let oldest = opened(second.id(), 50, End::Oldest).await.expect("the second incident is there");
    assert_eq!(oldest.incident.value, second);
    assert_eq!(ids(&oldest.entries.items), ids(&[second_declared, started]));
    assert_eq!(oldest.runs, Loaded { items: vec![run], unreadable: vec![] });
    assert_eq!(opened(IncidentId::from_parts(3, 7), 50, End::Newest).await, None);
}

/// `catch_up` reads an incident and its runs with only the entries not already
/// held, all of them its own; an id with no incident gives nothing. What the
/// writers told of is trusted only at the stored revision and with every entry
/// it names stored.
pub async fn assert_catch_up_reads_only_the_entries_not_held(store: &impl Store) {
    let TwoIncidents { first, first_declared, second, second_declared, run, started } = two_incidents();
    let paged = note(first.id(), 4_000, 4, 4, "Paged the identity team.");
    let rolled = note(first.id(), 5_000, 5, 5, "Rolled back the SSO change.");
    create_incident(store, &first, vec![first_declared.clone(), paged.clone(), rolled.clone()], vec![]).await;
    create_incident(store, &second, vec![second_declared.clone(), started.clone()], vec![run.clone()]).await;
    let held = |entries: &[&TimelineEntry]| entries.iter().map(|e| e.id().to_string()).collect();
    let caught = |id, known| async move { store.catch_up(id, known, None).await.expect("it reads") };
    let first_new = caught(first.id(), held(&[&first_declared, &rolled])).await.expect("the first incident is there");
    assert_eq!(Some(first_new.incident), store.incident(first.id()).await.expect("it reads"));
    assert_eq!(ids(&first_new.entries.items), ids(std::slice::from_ref(&paged)), "only the entry not held");
    assert_eq!(first_new.runs, Loaded::default(), "the other incident's run is not this one's");
    let all_held = caught(first.id(), held(&[&first_declared, &paged, &rolled])).await.expect("there");
    assert_eq!(all_held.entries, Loaded::default(), "nothing new");
    let second_new = caught(second.id(), BTreeSet::new()).await.expect("the second incident is there");
    assert_eq!(ids(&second_new.entries.items), ids(&[second_declared, started]));
    assert_eq!(second_new.runs, Loaded { items: vec![run], unreadable: vec![] });
    assert_eq!(caught(IncidentId::from_parts(3, 7), BTreeSet::new()).await, None);
    // What the writers told of is read by key when it reaches the stored
    // revision and every entry it names is there; otherwise the keys decide.
    let stored = store.incident(first.id()).await.expect("it reads").expect("there");
    let at = stored.revision.get(&first.id().to_string()).expect("the incident's revision");
    let told = |revision, keys: &[&TimelineEntry]| {
        Some(Told { revision, keys: keys.iter().map(|e| e.id().to_string()).collect() })
    };
    let (id, known): (IncidentId, BTreeSet<String>) = (first.id(), held(&[&first_declared, &rolled]));
    let told_new = |told| {
        let known = known.clone();
        async move {
            let found = store.catch_up(id, known, told).await.expect("it reads").expect("there");
            assert_eq!(Some(found.incident), store.incident(id).await.expect("it reads"));
            assert_eq!(found.runs, Loaded::default());
            ids(&found.entries.items)
        }
    };
    assert_eq!(told_new(told(at, &[&paged, &rolled])).await, ids(std::slice::from_ref(&paged)), "held ones not read");
    assert_eq!(told_new(told(at, &[])).await, ids(&[]), "a revision told of in full is trusted");
    assert_eq!(told_new(told(at + 1, &[])).await, ids(std::slice::from_ref(&paged)), "another revision: the keys");
    let absent = note(first.id(), 6_000, 6, 6, "Never stored.");
    assert_eq!(told_new(told(at, &[&absent])).await, ids(std::slice::from_ref(&paged)), "an entry not there: the keys");
    let told_gone = store.catch_up(IncidentId::from_parts(3, 7), BTreeSet::new(), told(at, &[&paged])).await;
    assert_eq!(told_gone, Ok(None));
}

/// `placed` finds which of an import's ids are stored, and under which incident:
/// ids between, before and after the stored ones are not, and the lists may be
/// empty.
pub async fn assert_ids_are_placed_under_their_incidents(store: &impl Store) {
    let TwoIncidents { first, first_declared, second, second_declared, run, started } = two_incidents();
    create_incident(store, &first, vec![first_declared.clone()], vec![]).await;
    create_incident(store, &second, vec![second_declared.clone(), started], vec![run.clone()]).await;
    let absent = |n: u64| EntryId::from_parts(n, 3).to_string();
    let entries = vec![
        absent(1),
        first_declared.id().to_string(),
        absent(1_500),
        second_declared.id().to_string(),
        absent(9_000),
    ];
    let runs = vec![run.id().to_string(), RunId::from_parts(1, 1).to_string(), RunId::from_parts(9, 9).to_string()];
    let placed = store.placed(entries, runs).await.expect("the ids are looked up");
    let expected: std::collections::BTreeMap<String, IncidentId> = [
        (first_declared.id().to_string(), first.id()),
        (second_declared.id().to_string(), second.id()),
        (run.id().to_string(), second.id()),
    ]
    .into_iter()
    .collect();
    assert_eq!(placed, expected);
    assert_eq!(store.placed(vec![absent(1_500)], vec![]).await, Ok(Default::default()));
    assert_eq!(store.placed(vec![], vec![]).await, Ok(Default::default()));
}

/// A record with a valid envelope whose data is not an entry (the text is a number).
pub const BAD_DATA_KEY: &str = "damaged-data";
/// A record that is not an envelope at all.
pub const NO_ENVELOPE_KEY: &str = "no-envelope";
/// A whole entry without the time its incident's index needs (`at`).
pub const UNINDEXED_KEY: &str = "not-indexed";
/// A record written by a newer build.
pub const NEWER_KEY: &str = "from-a-newer-build";

/// The damaged records of `incident`, by key, that `assert_unreadable_reported`
/// expects to find.
pub fn damaged_records(incident: IncidentId) -> Vec<(&'static str, Value)> {
    let entry = serde_json::to_value(note(incident, 8_000, 30, 30, "A whole entry")).expect("an entry as JSON");
    vec![
        (BAD_DATA_KEY, json!({"schema": 1, "data": {"text": 42}})),
        (NO_ENVELOPE_KEY, json!({"text": "written by something else"})),
        (UNINDEXED_KEY, json!({"schema": 1, "rev": 1, "at": null, "data": entry})),
    ]
}

/// A record from a newer build, which makes reading its timeline fail.
pub fn newer_record() -> (&'static str, Value) {
    (NEWER_KEY, json!({"schema": 99, "data": {"text": "from the future"}}))
}

/// Saves the sample incident with its declaration and notes, for tests that then
/// add damaged records next to them.
pub async fn write_good_entries(store: &impl Store) -> Workspace {
    let workspace = Workspace::sample();
    workspace.write(store).await;
    workspace
}

/// Checks that the damaged records are reported by key while the good entries
/// still load.
pub async fn assert_unreadable_reported(store: &impl Store, workspace: &Workspace) {
    let loaded = store.timeline(workspace.incident.id()).await.expect("the timeline loads despite damage");
    assert_eq!(Timeline::from_entries(loaded.items).entries(), workspace.timeline().as_slice());
    let mut keys: Vec<&str> = loaded.unreadable.iter().map(|u| u.key.as_str()).collect();
    keys.sort_unstable();
    assert_eq!(keys, [BAD_DATA_KEY, NO_ENVELOPE_KEY], "an entry its incident's index cannot hold is not read here");
    assert!(loaded.unreadable.iter().all(|u| !u.reason.is_empty()), "every unreadable record says why");
    // The whole workspace's damaged records, and a backup's left out, name it too.
    let all_three = [BAD_DATA_KEY, NO_ENVELOPE_KEY, UNINDEXED_KEY];
    let damaged = store.damaged().await.expect("the damaged records are read");
    let mut keys: Vec<&str> = damaged.iter().map(|d| d.unreadable.key.as_str()).collect();
    keys.sort_unstable();
    assert_eq!(keys, all_three);
    let taken = sitrep::store::bundles::read_workspace(store).await.expect("read").expect("a backup");
    let mut keys: Vec<&str> = taken.left_out.iter().map(|u| u.key.as_str()).collect();
    keys.sort_unstable();
    assert_eq!(keys, all_three, "the backup says which records it leaves out");
}

/// Checks that a timeline holding a record of schema 99 is refused as newer.
pub async fn assert_newer_schema_refused(store: &impl Store, workspace: &Workspace) {
    assert_eq!(store.timeline(workspace.incident.id()).await, Err(StoreError::NewerSchema(99)));
}

/// A first version of a runbook with the id `RunbookId::from_parts(n, 3)`, saved
/// at `at(minute)`.
pub fn runbook(n: u64, name: &str, minute: u32) -> Runbook {
    let draft = RunbookDraft {
        name: name.into(),
        description: "Fixture runbook".into(),
        steps: vec![Step::new("Page the owning team", true), Step::new("Post a status update", false)],
        attach_at: vec![Severity::new("SEV1")],
    };
    Runbook::create(RunbookId::from_parts(n, 3), draft, at(minute)).expect("a valid runbook")
}

/// Stores one runbook version, then tries to store the same id and version again
/// with other content in a second write: the second write is refused with
/// `Conflict`, and the first version stays exactly as it was.
pub async fn assert_runbook_versions_are_never_replaced(store: &impl Store) {
    let first = runbook(1, "Database failover", 0);
    let rival = runbook(1, "Database failover (edited in another tab)", 1);
    assert_eq!((rival.id(), rival.version()), (first.id(), first.version()), "same key");
    store.write(Batch { runbooks: vec![first.clone()], ..Batch::default() }).await.expect("first version is saved");
    assert_eq!(store.write(Batch { runbooks: vec![rival], ..Batch::default() }).await, Err(StoreError::Conflict));
    assert_eq!(store.runbooks().await, Ok(Loaded { items: vec![first], unreadable: vec![] }));
}

/// A batch holding a runbook version that is already stored together with a new
/// incident, its declaration and a run fails as a whole: nothing of it is stored.
pub async fn assert_a_conflicting_batch_stores_nothing(store: &impl Store) {
    let stored = runbook(1, "Database failover", 0);
    store.write(Batch { runbooks: vec![stored.clone()], ..Batch::default() }).await.expect("runbook is saved");
    let (incident, declaration) = declared(2, "Replica lag above 10 minutes", 2);
    let stamp = Stamp::new(EntryId::from_parts(2_000, 2), at(3), "Bo");
    let (run, started) = RunbookRun::start(RunId::from_parts(2, 5), incident.id(), &stored, false, stamp);
    let batch = Batch {
        incident: Some(Edit::create(incident.clone())),
        entries: vec![declaration, started],
        runs: vec![run],
        runbooks: vec![stored.clone()],
        ..Batch::default()
    };
    assert_eq!(store.write(batch).await, Err(StoreError::Conflict));
    assert_eq!(store.incidents().await, Ok(Loaded::default()), "the incident must not be stored without its batch");
    assert_eq!(value(store.incident(incident.id()).await), None);
    assert_eq!(store.timeline(incident.id()).await, Ok(Loaded::default()));
    assert_eq!(store.runs(incident.id()).await, Ok(Loaded::default()));
    assert_eq!(store.runbooks().await, Ok(Loaded { items: vec![stored], unreadable: vec![] }));
}

/// Entries are added, never replaced: a batch that repeats a stored entry id with
/// other content (a crafted import reusing another incident's entry, say) is
/// refused whole, and the stored entry and incident stay as they were.
pub async fn assert_entries_are_never_replaced(store: &impl Store) {
    let (incident, declaration) = declared(1, "Checkout returns 502", 0);
    let written = note(incident.id(), 5, 1, 1, "Error rate above 40 %");
    store
        .write(Batch {
            incident: Some(Edit::create(incident.clone())),
            entries: vec![declaration, written.clone()],
            ..Batch::default()
        })
        .await
        .expect("the incident is saved");
    let (other, other_declaration) = declared(2, "Search is slow", 2);
    let reused = note(other.id(), 5, 3, 3, "Moved here by a crafted file");
    let batch = Batch {
        incident: Some(Edit::create(other.clone())),
        entries: vec![other_declaration, reused],
        ..Batch::default()
    };
    assert_eq!(store.write(batch).await, Err(StoreError::Conflict));
    assert_eq!(value(store.incident(other.id()).await), None, "nothing of the refused batch is stored");
    let kept = store.timeline(incident.id()).await.expect("the timeline reads");
    assert!(kept.items.contains(&written), "the stored entry stays on its incident");
}

/// Settings and a review are created once: a second set-up of the workspace or a
/// second start of a review (from another tab) is refused, and the first stays.
pub async fn assert_settings_and_reviews_are_created_once(store: &impl Store) {
    let first = Settings::default().with_language(Language::TraditionalChinese);
    let set_up = Batch { settings: Some(Edit::create(first.clone())), ..Batch::default() };
    store.write(set_up).await.expect("the first set-up is saved");
    let second = Batch {
        settings: Some(Edit::create(Settings::default())),
        runbooks: vec![runbook(9, "Default runbook, twice", 1)],
        ..Batch::default()
    };
    assert_eq!(store.write(second).await, Err(StoreError::Conflict));
    assert_eq!(value(store.settings().await), Some(first));
    assert_eq!(store.runbooks().await, Ok(Loaded::default()), "the second set-up's runbooks are not stored");
    // What the app opens with, in one read: the same settings and runbooks.
    let kept = runbook(8, "Checkout 5xx", 1);
    store.write(Batch { runbooks: vec![kept.clone()], ..Batch::default() }).await.expect("a runbook is saved");
    let (settings, runbooks) = store.workspace().await.expect("the workspace is read");
    assert!(settings.is_some());
    assert_eq!(settings, store.settings().await.expect("the settings are read"));
    assert_eq!(runbooks, Loaded { items: vec![kept], unreadable: vec![] });

    let (incident, _) = declared(1, "Checkout returns 502", 0);
    let started = Review::start(incident.id(), "Ana", at(10));
    let start = Batch { reviews: vec![Edit::create(started.clone())], ..Batch::default() };
    store.write(start).await.expect("the review is started");
    let again = Batch { reviews: vec![Edit::create(Review::start(incident.id(), "Bo", at(11)))], ..Batch::default() };
    assert_eq!(store.write(again).await, Err(StoreError::Conflict));
    assert_eq!(value(store.review(incident.id()).await), Some(started));
}

/// The value of a read that found something with its revisions, without them.
pub fn value<T>(read: Result<Option<sitrep::store::Revised<T>>, StoreError>) -> Option<T> {
    read.expect("the read succeeds").map(|revised| revised.value)
}

/// Creates the workspace settings.
pub async fn create_settings(store: &impl Store, settings: &Settings) {
    store
        .write(Batch { settings: Some(Edit::create(settings.clone())), ..Batch::default() })
        .await
        .expect("settings are saved");
}

/// Adds one entry to its incident's timeline.
pub async fn add_entry(store: &impl Store, entry: &TimelineEntry) -> Result<(), StoreError> {
    store.write(Batch { entries: vec![entry.clone()], ..Batch::default() }).await
}

/// Two tabs read the same settings; one adds a person, the other switches the
/// language: both changes are kept, as they touch different records. A tab that
/// then writes a record the other changed since its read is refused, and nothing
/// of its write is stored.
pub async fn assert_settings_records_carry_revisions(store: &impl Store) {
    create_settings(store, &Settings::default()).await;
    let read = || async { store.settings().await.expect("settings read").expect("settings exist") };
    let (tab_a, tab_b) = (read().await, read().await);
    let person = sitrep::domain::Person::new("Dan Ortiz", "Payments", "+1 555 0100").expect("a person");
    let with_person = tab_a.value.clone().with_person(person.clone());
    store
        .write(Batch { settings: Some(Edit::change(tab_a.clone(), with_person)), ..Batch::default() })
        .await
        .expect("the person is saved");
    let in_chinese = tab_b.value.clone().with_language(Language::TraditionalChinese);
    store
        .write(Batch { settings: Some(Edit::change(tab_b.clone(), in_chinese)), ..Batch::default() })
        .await
        .expect("the language is saved");
    let stored = read().await.value;
    assert_eq!(stored.people(), std::slice::from_ref(&person), "tab A's person is kept");
    assert_eq!(stored.language(), Language::TraditionalChinese, "tab B's language is kept");

    // Tab A, still at its first read, changes the language too: refused.
    let stale = tab_a.value.clone().with_language(Language::English).with_display_name("Ana");
    let refused = store.write(Batch { settings: Some(Edit::change(tab_a, stale)), ..Batch::default() }).await;
    assert_eq!(refused, Err(StoreError::Conflict));
    assert_eq!(read().await.value, stored, "nothing of the stale write is stored");
}

/// Two tabs edit one review: one writes the summary, the other adds an item;
/// both are kept. The same section written from a stale read is refused.
pub async fn assert_review_records_carry_revisions(store: &impl Store) {
    use sitrep::domain::review::{ItemDraft, ItemKind, ItemStatus, Priority, Section};
    let (incident, _) = declared(1, "Checkout returns 502", 0);
    let started = Review::start(incident.id(), "Ana", at(10));
    store.write(Batch { reviews: vec![Edit::create(started)], ..Batch::default() }).await.expect("started");
    let read = || async { store.review(incident.id()).await.expect("review read").expect("review exists") };
    let (tab_a, tab_b) = (read().await, read().await);
    let summary = tab_a
        .value
        .with_section(Section::Summary, "Checkout failed for 40 minutes.", "Ana", at(11))
        .expect("a draft takes edits");
    store
        .write(Batch { reviews: vec![Edit::change(tab_a.clone(), summary)], ..Batch::default() })
        .await
        .expect("summary saved");
    let draft = ItemDraft {
        title: "Alert on 5xx rate".into(),
        kind: ItemKind::Detect,
        owner: "Bo".into(),
        team: String::new(),
        due: None,
        priority: Priority::Normal,
        status: ItemStatus::Candidate,
        link: String::new(),
    };
    let draft_again = draft.clone();
    let with_item = tab_b.value.with_new_item(draft, None, "Bo", at(12)).expect("a valid item");
    // Tab B's write also changes who wrote the review and when, which tab A
    // changed too: refused, and tab B reads again and applies its change anew.
    let stale =
        store.write(Batch { reviews: vec![Edit::change(tab_b.clone(), with_item.clone())], ..Batch::default() }).await;
    assert_eq!(stale, Err(StoreError::Conflict));
    let fresh = read().await;
    let again = fresh.value.with_new_item(draft_again, None, "Bo", at(12)).expect("a valid item");
    store.write(Batch { reviews: vec![Edit::change(fresh, again)], ..Batch::default() }).await.expect("item saved");
    let stored = read().await.value;
    assert_eq!(stored.section(Section::Summary), "Checkout failed for 40 minutes.");
    assert_eq!(stored.items().len(), 1);
    assert_eq!(stored.authors(), ["Ana", "Bo"]);

    let overwrite =
        tab_a.value.with_section(Section::Summary, "Something else.", "Ana", at(13)).expect("a draft takes edits");
    let refused = store.write(Batch { reviews: vec![Edit::change(tab_a, overwrite)], ..Batch::default() }).await;
    assert_eq!(refused, Err(StoreError::Conflict));
    assert_eq!(read().await.value, stored, "the summary written first stays");
}

/// An incident's head revision moves on with every write of it: a write from a
/// tab that read the incident before another tab's append is refused whole.
pub async fn assert_incident_head_is_checked(store: &impl Store) {
    let (incident, declaration) = declared(1, "Checkout returns 502", 0);
    store
        .write(Batch { incident: Some(Edit::create(incident.clone())), entries: vec![declaration], ..Batch::default() })
        .await
        .expect("declared");
    let read = || async { store.incident(incident.id()).await.expect("incident read").expect("incident exists") };
    let (tab_a, tab_b) = (read().await, read().await);
    let first = note(incident.id(), 5, 1, 1, "Error rate above 40 %");
    store
        .write(Batch {
            incident: Some(Edit::change(tab_a.clone(), tab_a.value.clone())),
            entries: vec![first],
            ..Batch::default()
        })
        .await
        .expect("tab A appends");
    let second = note(incident.id(), 6, 2, 2, "Rolled back");
    let stale = Batch {
        incident: Some(Edit::change(tab_b.clone(), tab_b.value.clone())),
        entries: vec![second.clone()],
        ..Batch::default()
    };
    assert_eq!(store.write(stale).await, Err(StoreError::Conflict));
    assert_eq!(store.timeline(incident.id()).await.expect("timeline").items.len(), 2, "the stale append is not stored");
    let fresh = read().await;
    store
        .write(Batch {
            incident: Some(Edit::change(fresh.clone(), fresh.value.clone())),
            entries: vec![second],
            ..Batch::default()
        })
        .await
        .expect("after reading again it appends");
    assert_eq!(store.timeline(incident.id()).await.expect("timeline").items.len(), 3);
}

/// A deleted incident goes with its entries, runs and review, leaving a
/// tombstone: it is no longer listed or read, creating it again (an import) is
/// refused, and a deletion from a tab that had not seen the latest entry is
/// refused whole.
pub async fn assert_a_deleted_incident_leaves_a_tombstone(store: &impl Store) {
    use sitrep::domain::Tombstone;
    use sitrep::store::Deleted;
    let (incident, declaration) = declared(1, "Checkout returns 502", 0);
    let first = note(incident.id(), 5, 1, 1, "Error rate above 40 %");
    let batch = Batch {
        incident: Some(Edit::create(incident.clone())),
        entries: vec![declaration.clone(), first.clone()],
        reviews: vec![Edit::create(Review::start(incident.id(), "Ana", at(10)))],
        ..Batch::default()
    };
    store.write(batch).await.expect("declared");
    let (other, other_declaration) = declared(2, "Search is slow", 2);
    let batch =
        Batch { incident: Some(Edit::create(other.clone())), entries: vec![other_declaration], ..Batch::default() };
    store.write(batch).await.expect("another incident");

    let read = store.incident(incident.id()).await.expect("read").expect("there");
    let review = store.review(incident.id()).await.expect("read");
    let deletion = |read: sitrep::store::Revised<sitrep::domain::Incident>, entries: Vec<String>| Deleted {
        tombstone: Tombstone::of(&read.value, "Bo", at(20)),
        incident: read,
        entries,
        runs: Vec::new(),
        review: review.clone(),
    };
    // Another tab appends after this read: the deletion is refused.
    let late = note(incident.id(), 6, 2, 2, "Rolled back");
    let fresh = store.incident(incident.id()).await.expect("read").expect("there");
    store
        .write(Batch {
            incident: Some(Edit::change(fresh.clone(), fresh.value.clone())),
            entries: vec![late.clone()],
            ..Batch::default()
        })
        .await
        .expect("the other tab appends");
    let stale = deletion(read, ids(&[declaration.clone(), first.clone()]).iter().map(ToString::to_string).collect());
    assert_eq!(store.write(Batch { deleted: Some(stale), ..Batch::default() }).await, Err(StoreError::Conflict));
    assert_eq!(store.timeline(incident.id()).await.expect("timeline").items.len(), 3, "nothing was deleted");

    let read = store.incident(incident.id()).await.expect("read").expect("there");
    let all = ids(&[declaration, first, late]).iter().map(ToString::to_string).collect();
    store.write(Batch { deleted: Some(deletion(read, all)), ..Batch::default() }).await.expect("deleted");
    assert_eq!(value(store.incident(incident.id()).await), None);
    assert_eq!(store.incidents().await.expect("list").items, vec![other.clone()], "only the other incident is listed");
    assert_eq!(store.timeline(incident.id()).await, Ok(Loaded::default()));
    assert_eq!(value(store.review(incident.id()).await), None);
    assert_eq!(store.reviews().await.expect("reviews").items, Vec::new());
    let tombstone = store.tombstone(incident.id()).await.expect("read").expect("a tombstone");
    assert_eq!((tombstone.title(), tombstone.deleted_by()), ("Checkout returns 502", "Bo"));
    assert_eq!(store.tombstone(other.id()).await, Ok(None));
    let again = Batch { incident: Some(Edit::create(incident.clone())), ..Batch::default() };
    assert_eq!(store.write(again).await, Err(StoreError::Conflict), "an import cannot bring it back");
}

/// Every record of every table, keyed by table and key, without revisions: what
/// a workspace is, whatever revision each record reached.
pub async fn every_record(store: &impl sitrep::store::Records) -> std::collections::BTreeMap<String, Value> {
    use sitrep::store::documents::Table;
    use sitrep::store::Query;
    let tables = Table::ALL;
    let results = store.read(tables.iter().map(|t| Query::All(*t)).collect()).await.expect("every table reads");
    let mut all = std::collections::BTreeMap::new();
    for (table, records) in tables.iter().zip(results) {
        for mut record in records {
            let key = record["key"].as_str().expect("a key").to_owned();
            record.as_object_mut().expect("an envelope").remove("rev");
            all.insert(format!("{table:?}/{key}"), record);
        }
    }
    all
}

/// A workspace with everything a backup holds: settings with people, a runbook
/// in two versions, an incident with notes, a run and a review, a second
/// incident changed after its declaration (so its head moved on), and a deleted
/// one.
pub async fn write_full_workspace(store: &impl Store) {
    use sitrep::domain::{Person, Section, Tombstone};
    let settings = Settings::default()
        .with_display_name("Ana")
        .with_person(Person::new("Bo Chen", "Payments", "+1 555 0100").expect("a person"))
        .with_person(Person::new("Eve Park", "SRE", "@eve").expect("a person"));
    create_settings(store, &settings).await;
    let first = runbook(1, "Roll back", 0);
    let draft = RunbookDraft {
        name: "Roll back".into(),
        steps: vec![Step::new("Roll back the deploy", true)],
        ..Default::default()
    };
    let second = first.edited(draft, at(5)).expect("a valid draft").expect("a second version");
    store.write(Batch { runbooks: vec![first.clone(), second], ..Batch::default() }).await.expect("runbooks");

    let (incident, declaration) = declared(1, "Checkout returns 502", 0);
    let (run, started) = RunbookRun::start(
        RunId::from_parts(1, 1),
        incident.id(),
        &first,
        false,
        Stamp::new(EntryId::from_parts(9, 1), at(1), "Ana"),
    );
    let review = Review::start(incident.id(), "Ana", at(30))
        .with_section(Section::Summary, "A bad deploy", "Ana", at(31))
        .expect("a draft takes edits");
    store
        .write(Batch {
            incident: Some(Edit::create(incident.clone())),
            entries: vec![declaration, started, detailed_note(incident.id(), 2_000, 5, 5, "Rolled back the deploy.")],
            runs: vec![run],
            reviews: vec![Edit::create(review)],
            ..Batch::default()
        })
        .await
        .expect("the first incident");
    let (other, declared_other) = declared(2, "Search is slow", 2);
    store
        .write(Batch { incident: Some(Edit::create(other.clone())), entries: vec![declared_other], ..Batch::default() })
        .await
        .expect("the second incident");
    for n in 0..3 {
        let read = store.incident(other.id()).await.expect("read").expect("there");
        let entry = note(other.id(), 5_000 + n, 3 + n as u32, 3, "Still slow");
        store
            .write(Batch {
                incident: Some(Edit::change(read.clone(), read.value)),
                entries: vec![entry],
                ..Batch::default()
            })
            .await
            .expect("a note");
    }
    let (gone, _) = declared(3, "A false alarm", 4);
    store
        .write(Batch { tombstones: vec![Tombstone::of(&gone, "Bo", at(6))], ..Batch::default() })
        .await
        .expect("a tombstone");
}

/// Takes a backup of `source`, restores it into `target` (a workspace set up
/// with its own settings and default runbooks, and no incidents), and checks
/// that every record of every table is the same in both.
pub async fn assert_a_backup_restores_the_same_workspace(
    source: &impl sitrep::store::Records,
    target: &impl sitrep::store::Records,
) {
    use sitrep::domain::export::workspace::{export_workspace, import_workspace};
    use sitrep::store::bundles::{planned, read_workspace};
    write_full_workspace(source).await;
    create_settings(target, &Settings::default().with_display_name("Someone else")).await;
    store_defaults(target).await;

    let taken = read_workspace(source).await.expect("reads").expect("fits together");
    assert!(taken.left_out.is_empty(), "{:?}", taken.left_out);
    let text = export_workspace(&taken.bundle, at(40));
    let bundle = import_workspace(&text).expect("the backup reads back");
    let (plan, batches) = planned(target, &bundle).await.expect("reads").expect("nothing contradicts");
    assert!(plan.replaces);
    assert_eq!((plan.incidents_added, plan.runbooks_added, plan.runbooks_replaced), (2, 2, 1));
    target.write_all(batches).await.expect("restored");
    let source_records = every_record(source).await;
    assert!(source_records.len() >= 15, "{} records", source_records.len());
    assert_eq!(every_record(target).await, source_records);

    // The same backup again changes nothing.
    let (again, batches) = planned(target, &bundle).await.expect("reads").expect("nothing contradicts");
    assert!(!again.replaces && again.changes_nothing(), "{again:?}");
    target.write_all(batches).await.expect("an empty restore");
    assert_eq!(every_record(target).await, every_record(source).await);
}

async fn store_defaults(store: &impl Store) {
    store
        .write(Batch { runbooks: vec![runbook(7, "Default runbook", 0)], ..Batch::default() })
        .await
        .expect("defaults");
}

/// Two responders' notes on one incident merge: the file's entries that are not
/// here are added, the incident is their fold, and the same file again adds
/// nothing. A file whose entry is stored here under another incident is refused
/// whole, and nothing changes.
pub async fn assert_an_incident_export_merges(store: &impl Store) {
    use sitrep::domain::export::IncidentBundle;
    use sitrep::store::bundles::{find, merge_batch};
    let (incident, declaration) = declared(1, "Checkout returns 502", 0);
    let mine = note(incident.id(), 2_000, 2, 2, "Rolled back");
    store
        .write(Batch {
            incident: Some(Edit::create(incident.clone())),
            entries: vec![declaration.clone(), mine.clone()],
            ..Batch::default()
        })
        .await
        .expect("declared here");
    let theirs = note(incident.id(), 3_000, 3, 3, "Errors stop");
    let file = IncidentBundle::new(incident.clone(), vec![declaration.clone(), theirs.clone()], Vec::new(), None)
        .expect("a bundle");
    let found = find(store, &file).await.expect("reads");
    let merge = found.merge("data", &file).expect("merges");
    assert_eq!((merge.entries.clone(), merge.entries_here, merge.is_new), (vec![theirs.clone()], 1, false));
    store.write(merge_batch(merge, found.base)).await.expect("merged");
    let stored = store.timeline(incident.id()).await.expect("timeline").items;
    assert_eq!(Timeline::from_entries(stored).entries().len(), 3);
    let found = find(store, &file).await.expect("reads");
    assert!(found.merge("data", &file).expect("merges").adds_nothing());

    // An entry of another incident, filed under this one, is refused.
    let (other, other_declaration) = declared(2, "Search is slow", 1);
    store
        .write(Batch {
            incident: Some(Edit::create(other.clone())),
            entries: vec![other_declaration.clone()],
            ..Batch::default()
        })
        .await
        .expect("another incident");
    let mut moved = serde_json::to_value(&other_declaration).expect("json");
    moved["incident"] = json!(incident.id().to_string());
    let moved: TimelineEntry = serde_json::from_value(moved).expect("an entry");
    let forged = IncidentBundle::new(incident.clone(), vec![declaration, moved], Vec::new(), None).expect("a bundle");
    let problems = find(store, &forged).await.expect("reads").merge("data", &forged).expect_err("refused");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "data.timeline[1].id");
    assert_eq!(store.timeline(other.id()).await.expect("timeline").items, vec![other_declaration]);
}

/// A share (the local side of team sync) is created once, moves on only from the
/// revision read, and stopping it keeps the incident and its entries.
pub async fn assert_shares_move_on_by_revision(store: &impl Store) {
    use sitrep::store::{Share, ShareWrite};
    let workspace = Workspace::sample();
    workspace.write(store).await;
    let share = Share {
        incident: workspace.incident.id(),
        server: "https://couch.example.com".into(),
        database: "sitrep-1".into(),
        user: "ana".into(),
        replication: "r1".into(),
        since: serde_json::Value::Null,
        on_server: Default::default(),
        synced_at: None,
        authors: Default::default(),
        review: Default::default(),
        conflicts: Default::default(),
        held: Default::default(),
    };
    let create =
        |share: &Share| Batch { share: Some(ShareWrite::Put(Edit::create(share.clone()))), ..Batch::default() };
    store.write(create(&share)).await.expect("the share is saved");
    assert_eq!(store.write(create(&share)).await, Err(StoreError::Conflict), "a share is created once");
    let read = store.shares().await.expect("shares load").items.pop().expect("one share");
    assert_eq!(read.value, share);
    let mut moved = share.clone();
    moved.since = serde_json::json!("12-g1AAAAB");
    moved.on_server.insert("incident".into());
    let put = |base: &sitrep::store::Revised<Share>, value: Share| Batch {
        share: Some(ShareWrite::Put(Edit::change(base.clone(), value))),
        ..Batch::default()
    };
    store.write(put(&read, moved.clone())).await.expect("the share moves on");
    assert_eq!(store.write(put(&read, share.clone())).await, Err(StoreError::Conflict), "a stale share is refused");
    let now = store.shares().await.expect("shares load").items.pop().expect("one share");
    assert_eq!(now.value, moved, "the opaque sequence is kept as the server wrote it");
    let stop = Batch { share: Some(ShareWrite::Stop(read)), ..Batch::default() };
    assert_eq!(store.write(stop).await, Err(StoreError::Conflict), "a stale stop is refused");
    store.write(Batch { share: Some(ShareWrite::Stop(now)), ..Batch::default() }).await.expect("sharing stops");
    assert!(store.shares().await.expect("shares load").items.is_empty());
    workspace.assert_stored(store).await;
}
