//! The replicator, natively: two workspaces (memory stores) share one incident
//! through a CouchDB-like server kept in memory, which follows the protocol's
//! rules that replication relies on (revisions kept once, an update sequence,
//! `_local` documents) and can be made unreachable or cut off mid-feed. The same
//! rounds run against a real server in the end-to-end test (`tests/e2e/sync.rs`).
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)] // The scenarios shared by the store tests; this one uses its fixtures.
mod support;

use serde_json::{json, Value};
use sitrep::domain::{EntryId, Incident, IncidentId, RunbookRun, Stamp, Status, Timeline, TimelineEntry};
use sitrep::store::memory::MemoryStore;
use sitrep::store::{Batch, Edit, Share, ShareWrite, Store, Told};
use sitrep::sync::replicate::{self, round, SyncError, BATCH, PAGE};
use sitrep::sync::{docs, Changes, Remote, RemoteError, RemoteFuture};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Runs a future that must complete without waiting (the store and the server
/// here answer at once).
fn run<T>(future: impl Future<Output = T>) -> T {
    let mut context = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a future was not ready at once"),
    }
}

/// A server in memory: documents by id (one revision each: Sitrep's are
/// immutable), the update sequence, `_local` documents.
#[derive(Default)]
struct Server {
    docs: RefCell<BTreeMap<String, (String, Value)>>,
    /// Each update: its sequence number and the document's id.
    log: RefCell<Vec<(u64, String)>>,
    local: RefCell<BTreeMap<String, Value>>,
    /// While true, every request fails as if the network were down.
    down: Cell<bool>,
    /// The changes feed fails after this many more pages.
    feed_pages_left: Cell<Option<usize>>,
    /// `_bulk_docs` fails after this many more requests.
    sends_left: Cell<Option<usize>>,
    /// Every `since` the changes feed was asked for.
    asked_since: RefCell<Vec<Value>>,
    /// How many documents `_bulk_docs` stored.
    stored: Cell<usize>,
    /// Authors the server refuses (as `validate_doc_update` refuses a forged one).
    refused_author: RefCell<Option<String>>,
}

impl Server {
    fn reachable(&self) -> Result<(), RemoteError> {
        if self.down.get() {
            Err(RemoteError::Unreachable)
        } else {
            Ok(())
        }
    }

    fn entry_ids(&self) -> Vec<String> {
        self.docs.borrow().keys().filter(|id| id.starts_with("entry:")).cloned().collect()
    }
}

impl Remote for Server {
    fn revs_diff(&self, revs: Vec<(String, String)>) -> RemoteFuture<'_, BTreeSet<String>> {
        Box::pin(async move {
            self.reachable()?;
            let docs = self.docs.borrow();
            Ok(revs
                .into_iter()
                .filter(|(id, rev)| docs.get(id).is_none_or(|(r, _)| r != rev))
                .map(|(id, _)| id)
                .collect())
        })
    }

    fn bulk_docs(&self, new: Vec<Value>) -> RemoteFuture<'_, Vec<(String, String)>> {
        Box::pin(async move {
            self.reachable()?;
            if let Some(left) = self.sends_left.get() {
                if left == 0 {
                    return Err(RemoteError::Unreachable);
                }
                self.sends_left.set(Some(left - 1));
            }
            let mut refused = Vec::new();
            for doc in new {
                let id = doc["_id"].as_str().unwrap().to_owned();
                if self.refused_author.borrow().as_deref() == doc["author"].as_str() {
                    refused.push((id, "The author must be the signed-in writer.".to_owned()));
                    continue;
                }
                let rev = doc["_rev"].as_str().unwrap().to_owned();
                if self.docs.borrow().get(&id).is_some_and(|(r, _)| *r == rev) {
                    continue;
                }
                self.docs.borrow_mut().insert(id.clone(), (rev, doc));
                let seq = self.log.borrow().len() as u64 + 1;
                self.log.borrow_mut().push((seq, id));
                self.stored.set(self.stored.get() + 1);
            }
            Ok(refused)
        })
    }

    fn changes(&self, since: Value, limit: usize) -> RemoteFuture<'_, Changes> {
        Box::pin(async move {
            self.reachable()?;
            self.asked_since.borrow_mut().push(since.clone());
            if let Some(left) = self.feed_pages_left.get() {
                if left == 0 {
                    return Err(RemoteError::Unreachable);
                }
                self.feed_pages_left.set(Some(left - 1));
            }
            let since = since.as_u64().unwrap_or(0);
            let docs = self.docs.borrow();
            let page: Vec<(u64, String)> =
                self.log.borrow().iter().filter(|(seq, _)| *seq > since).take(limit).cloned().collect();
            let last_seq = page.last().map_or(since, |(seq, _)| *seq);
            let results = page.into_iter().map(|(_, id)| (id.clone(), vec![docs[&id].0.clone()])).collect();
            Ok(Changes { results, last_seq: json!(last_seq) })
        })
    }

    fn bulk_get(&self, wanted: Vec<(String, String)>) -> RemoteFuture<'_, Vec<Value>> {
        Box::pin(async move {
            self.reachable()?;
            let docs = self.docs.borrow();
            Ok(wanted
                .iter()
                .filter_map(|(id, rev)| docs.get(id).filter(|(r, _)| r == rev).map(|(_, d)| d.clone()))
                .collect())
        })
    }

    fn get<'a>(&'a self, id: &'a str) -> RemoteFuture<'a, Option<Value>> {
        Box::pin(async move {
            self.reachable()?;
            if id.starts_with("_local/") {
                return Ok(self.local.borrow().get(id).cloned());
            }
            Ok(self.docs.borrow().get(id).map(|(_, doc)| doc.clone()))
        })
    }

    fn put_local<'a>(&'a self, id: &'a str, doc: Value) -> RemoteFuture<'a, ()> {
        Box::pin(async move {
            self.reachable()?;
            self.local.borrow_mut().insert(id.to_owned(), doc);
            Ok(())
        })
    }
}

fn share(incident: IncidentId, user: &str, replication: &str) -> Share {
    Share {
        incident,
        server: "https://couch.example.com".into(),
        database: docs::database_of(incident),
        user: user.into(),
        replication: replication.into(),
        since: Value::Null,
        on_server: BTreeSet::new(),
        synced_at: None,
        authors: Default::default(),
        review: Default::default(),
        conflicts: Default::default(),
        held: Default::default(),
    }
}

fn start_sharing(store: &MemoryStore, share: Share) {
    let batch = Batch { share: Some(ShareWrite::Put(Edit::create(share))), ..Batch::default() };
    run(store.write(batch)).expect("the share is stored");
}

fn now() -> chrono::DateTime<chrono::Utc> {
    support::at(30)
}

fn timeline(store: &MemoryStore, id: IncidentId) -> Vec<TimelineEntry> {
    let loaded = run(store.timeline(id)).expect("the timeline loads");
    Timeline::from_entries(loaded.items).entries().to_vec()
}

fn waiting(store: &MemoryStore, id: IncidentId) -> usize {
    let share = run(replicate::find_share(store, id)).expect("shared").value;
    run(replicate::waiting(store, &share)).expect("what waits").len()
}

/// The lead's workspace with an incident and two notes, shared; and a
/// responder's empty workspace that joined it.
fn lead_and_responder(server: &Server) -> (MemoryStore, MemoryStore, IncidentId) {
    let lead = MemoryStore::default();
    let workspace = support::Workspace::sample();
    run(workspace.write(&lead));
    let id = workspace.incident.id();
    start_sharing(&lead, share(id, "ana", "lead"));
    let responder = MemoryStore::default();
    start_sharing(&responder, share(id, "bo", "responder"));
    let _ = server;
    (lead, responder, id)
}

#[test]
fn two_workspaces_converge_on_the_union_of_their_entries_without_duplicates() {
    let server = Server::default();
    let (lead, responder, id) = lead_and_responder(&server);
    assert_eq!(waiting(&lead, id), 4, "the incident and its three entries wait");

    let sent = run(round(&lead, &server, id, now())).expect("the lead's round");
    assert_eq!((sent.sent, sent.received), (4, 0));
    assert_eq!(waiting(&lead, id), 0);

    // The responder joins: the incident and its entries arrive and are stored.
    let joined = run(round(&responder, &server, id, now())).expect("the responder's round");
    assert_eq!((joined.sent, joined.received), (0, 3));
    let incident = run(responder.incident(id)).expect("read").expect("the incident is here");
    assert_eq!(incident.value, run(lead.incident(id)).unwrap().unwrap().value);
    assert_eq!(waiting(&responder, id), 0, "what came from the server is not sent back");
    // The round tells the open pages what it stored: the incident's revision
    // after the write, and the entries that write added.
    let stored_at = |store: &MemoryStore| run(store.incident(id)).unwrap().unwrap().revision.get(&id.to_string());
    let told_keys = |told: &[Told]| {
        let mut keys: Vec<String> = told.iter().flat_map(|t| t.keys.clone()).collect();
        keys.sort();
        keys
    };
    let mut arrived: Vec<String> = timeline(&responder, id).iter().map(|e| e.id().to_string()).collect();
    arrived.sort();
    assert_eq!(joined.told.iter().map(|t| Some(t.revision)).collect::<Vec<_>>(), vec![stored_at(&responder)]);
    assert_eq!(told_keys(&joined.told), arrived);

    // Both write at once; after a round each, both hold the union.
    let failover = support::note(id, 10_000, 20, 20, "Lead: failover started");
    support::add_entry(&lead, &failover).now_or_panic();
    support::add_entry(&responder, &support::note(id, 11_000, 20, 20, "Scribe: customers told")).now_or_panic();
    run(round(&lead, &server, id, now())).expect("the lead's round");
    let got = run(round(&responder, &server, id, now())).expect("the responder's round");
    assert_eq!(got.told.iter().map(|t| Some(t.revision)).collect::<Vec<_>>(), vec![stored_at(&responder)]);
    assert_eq!(told_keys(&got.told), vec![failover.id().to_string()]);
    run(round(&lead, &server, id, now())).expect("the lead's round");
    let (a, b) = (timeline(&lead, id), timeline(&responder, id));
    assert_eq!(a.len(), 5);
    assert_eq!(a, b);
    // Each stored incident is the fold of its entries (notes folded in without
    // the timeline read again).
    for store in [&lead, &responder] {
        let stored = run(store.incident(id)).unwrap().unwrap().value;
        assert_eq!(Incident::from_timeline(&stored, &a).0, stored);
    }
    assert_eq!(server.entry_ids().len(), 5);

    // Another round changes nothing: the same change twice is harmless.
    let stored = server.stored.get();
    let again = run(round(&responder, &server, id, now())).expect("a round with nothing new");
    assert_eq!((again.sent, again.received), (0, 0));
    assert_eq!(again.told, vec![], "nothing stored, nothing told");
    assert_eq!(server.stored.get(), stored);
    assert_eq!(timeline(&responder, id), b);
    // An entry that changes the incident is folded in where it arrives.
    let before = run(lead.incident(id)).unwrap().unwrap();
    let stamp = Stamp::new(EntryId::from_parts(12_000, 0), support::at(21), "Mei-Ling Chen");
    let (investigating, entries) = before.value.change_status(Status::Investigating, stamp).expect("a new status");
    let batch = Batch { incident: Some(Edit::change(before, investigating)), entries, ..Batch::default() };
    run(lead.write(batch)).expect("stored");
    run(round(&lead, &server, id, now())).expect("the lead's round");
    run(round(&responder, &server, id, now())).expect("the responder's round");
    assert_eq!(run(responder.incident(id)).unwrap().unwrap().value.status(), Status::Investigating);
}

/// Starts a one-step-plus runbook in the lead's incident and ticks its first
/// step, the way the incident page does: the run with its "Runbook started"
/// entry in one batch, the tick as an entry of its own.
fn start_and_tick(store: &MemoryStore, id: IncidentId) -> RunbookRun {
    use sitrep::domain::checklist::Checklist;
    use sitrep::domain::{EntryId, RunId, SeverityLadder, Stamp, StepAction};
    let runbook = support::runbook(1, "Restore service first", 12);
    let stamp = |n: u64, minute: u32| Stamp::new(EntryId::from_parts(n, 1), support::at(minute), "Ana");
    let (started, entry) = RunbookRun::start(RunId::from_parts(50_000, 1), id, &runbook, true, stamp(50_000, 13));
    let incident = run(store.incident(id)).unwrap().unwrap();
    let batch = Batch { runs: vec![started.clone()], entries: vec![entry], ..Batch::default() };
    run(store.write(batch)).expect("the run is stored");
    let timeline = Timeline::from_entries(timeline(store, id));
    let checklist = Checklist::build(&started, &incident.value, &SeverityLadder::default(), &timeline);
    let tick = checklist.act(0, StepAction::Done, "", stamp(51_000, 14)).expect("the first step is open");
    support::add_entry(store, &tick).now_or_panic();
    started
}

#[test]
fn a_runbook_run_and_its_ticked_step_reach_the_other_responder() {
    use sitrep::domain::checklist::{Checklist, StepState};
    use sitrep::domain::SeverityLadder;
    let server = Server::default();
    let (lead, responder, id) = lead_and_responder(&server);
    run(round(&lead, &server, id, now())).expect("shared");
    run(round(&responder, &server, id, now())).expect("joined");

    let started = start_and_tick(&lead, id);
    assert_eq!(waiting(&lead, id), 3, "the run, its start and the tick wait");
    let sent = run(round(&lead, &server, id, now())).expect("the lead's round");
    assert_eq!(sent.sent, 3);
    assert!(server.docs.borrow().contains_key(&docs::run_doc_id(started.id())));

    let got = run(round(&responder, &server, id, now())).expect("the responder's round");
    assert_eq!(got.received, 3, "the run and its two entries");
    assert_eq!(run(responder.runs(id)).unwrap().items, vec![started.clone()]);
    assert_eq!(waiting(&responder, id), 0, "the run is not sent back");
    let incident = run(responder.incident(id)).unwrap().unwrap().value;
    let checklist = Checklist::build(
        &started,
        &incident,
        &SeverityLadder::default(),
        &Timeline::from_entries(timeline(&responder, id)),
    );
    assert!(matches!(&checklist.items[0].state, StepState::Done { by, .. } if by == "Ana"), "{checklist:?}");

    // Another round on either side stores nothing twice.
    let stored = server.stored.get();
    run(round(&responder, &server, id, now())).expect("a round with nothing new");
    run(round(&lead, &server, id, now())).expect("a round with nothing new");
    assert_eq!(server.stored.get(), stored);
    assert_eq!(run(responder.runs(id)).unwrap().items.len(), 1);
}

#[test]
fn changes_made_offline_wait_and_are_sent_once_when_the_server_is_back() {
    let server = Server::default();
    let (lead, responder, id) = lead_and_responder(&server);
    run(round(&lead, &server, id, now())).expect("shared");
    run(round(&responder, &server, id, now())).expect("joined");

    server.down.set(true);
    support::add_entry(&responder, &support::note(id, 20_000, 21, 21, "Offline note")).now_or_panic();
    assert_eq!(run(round(&responder, &server, id, now())), Err(SyncError::Remote(RemoteError::Unreachable)));
    assert_eq!(waiting(&responder, id), 1, "the note waits");

    server.down.set(false);
    let back = run(round(&responder, &server, id, now())).expect("back online");
    assert_eq!(back.sent, 1);
    assert_eq!(waiting(&responder, id), 0);
    run(round(&lead, &server, id, now())).expect("the lead's round");
    assert_eq!(timeline(&lead, id), timeline(&responder, id));
    assert_eq!(server.entry_ids().len(), 4);

    // Each side knows who wrote each entry on the server: the lead the three
    // it sent, the responder the note written offline.
    let note = timeline(&responder, id).into_iter().find(|e| e.text() == "Offline note").unwrap().id().to_string();
    for store in [&lead, &responder] {
        let authors = run(replicate::find_share(store, id)).unwrap().value.authors;
        assert_eq!(authors.len(), 4, "{authors:?}");
        assert_eq!(authors[&note], "bo");
        assert_eq!(authors.values().filter(|user| *user == "ana").count(), 3);
    }
}

#[test]
fn a_pull_cut_off_half_way_resumes_from_its_checkpoint_and_a_lost_checkpoint_from_the_start() {
    let server = Server::default();
    let (lead, responder, id) = lead_and_responder(&server);
    let notes = (0..PAGE as u64 + 10).map(|n| support::note(id, 100_000 + n, 25, 25, &format!("Note {n}"))).collect();
    run(lead.write(Batch { entries: notes, ..Batch::default() })).expect("the notes are stored");
    run(round(&lead, &server, id, now())).expect("the lead sends everything");
    let on_server = server.log.borrow().len();

    // The feed answers one page, then the network drops.
    server.feed_pages_left.set(Some(1));
    assert_eq!(run(round(&responder, &server, id, now())), Err(SyncError::Remote(RemoteError::Unreachable)));
    let kept = timeline(&responder, id).len();
    assert!(kept > 0 && kept < on_server, "the first page is stored ({kept} of {on_server})");

    // The next round resumes where the stored checkpoint is.
    server.feed_pages_left.set(None);
    server.asked_since.borrow_mut().clear();
    run(round(&responder, &server, id, now())).expect("the pull resumes");
    assert_eq!(server.asked_since.borrow()[0], json!(PAGE), "resumed from the checkpoint");
    assert_eq!(timeline(&responder, id), timeline(&lead, id));

    // The server lost the checkpoint (restored from a backup, say): the pull
    // starts again from the start, and stores nothing twice.
    server.local.borrow_mut().clear();
    server.asked_since.borrow_mut().clear();
    let again = run(round(&responder, &server, id, now())).expect("a round from the start");
    assert_eq!(server.asked_since.borrow()[0], json!(0));
    assert_eq!(again.received, 0);
    assert_eq!(timeline(&responder, id), timeline(&lead, id));
}

#[test]
fn a_document_the_server_refuses_stays_waiting_and_is_reported() {
    let server = Server::default();
    let (lead, _, id) = lead_and_responder(&server);
    *server.refused_author.borrow_mut() = Some("ana".into());
    let outcome = run(round(&lead, &server, id, now())).expect("the round completes");
    assert_eq!(outcome.sent, 0);
    assert_eq!(outcome.refused.len(), 4);
    assert_eq!(outcome.refused[0].1, "The author must be the signed-in writer.");
    assert_eq!(waiting(&lead, id), 4, "nothing refused is taken as sent");
}

#[test]
fn the_stored_checkpoint_counts_only_when_the_server_agrees() {
    use sitrep::sync::replicate::resume_from;
    let stored = json!("12-g1AAAA");
    assert_eq!(resume_from(&stored, Some(&json!({ "since": "12-g1AAAA" }))), stored);
    assert_eq!(resume_from(&stored, Some(&json!({ "since": "9-g1AAAA" }))), json!(0));
    assert_eq!(resume_from(&stored, None), json!(0));
    assert_eq!(resume_from(&Value::Null, Some(&json!({ "since": 3 }))), json!(0));
}

/// Completes a store future that is ready at once.
trait NowOrPanic {
    fn now_or_panic(self);
}

impl<F: Future<Output = Result<(), sitrep::store::StoreError>>> NowOrPanic for F {
    fn now_or_panic(self) {
        run(self).expect("the entry is stored");
    }
}

#[test]
fn an_incident_deleted_here_is_neither_sent_nor_brought_back() {
    use sitrep::domain::Tombstone;
    use sitrep::store::Deleted;
    let server = Server::default();
    let (lead, responder, id) = lead_and_responder(&server);
    run(round(&lead, &server, id, now())).expect("shared");
    run(round(&responder, &server, id, now())).expect("joined");
    let incident = run(responder.incident(id)).unwrap().unwrap();
    let entries = timeline(&responder, id).iter().map(|e| e.id().to_string()).collect();
    let deleted = Deleted {
        tombstone: Tombstone::of(&incident.value, "Bo", now()),
        incident,
        entries,
        runs: Vec::new(),
        review: None,
    };
    run(responder.write(Batch { deleted: Some(deleted), ..Batch::default() })).expect("deleted");
    assert_eq!(run(round(&responder, &server, id, now())), Err(SyncError::Deleted));
    assert_eq!(run(responder.incident(id)).unwrap(), None, "the tombstone stays");
    assert_eq!(server.entry_ids().len(), 3, "the server keeps its copy");
}

#[test]
fn a_server_that_lost_its_data_is_sent_everything_again() {
    let server = Server::default();
    let (lead, responder, id) = lead_and_responder(&server);
    let review = sitrep::domain::Review::start(id, "Ana", support::at(21));
    run(lead.write(Batch { reviews: vec![Edit::create(review)], ..Batch::default() })).expect("the review is started");
    run(round(&lead, &server, id, now())).expect("the lead's round");
    run(round(&responder, &server, id, now())).expect("the responder's round");
    assert!(run(responder.review(id)).expect("read").is_some(), "the review reached the responder");
    support::add_entry(&responder, &support::note(id, 12_000, 20, 20, "Scribe: status page updated")).now_or_panic();
    run(round(&responder, &server, id, now())).expect("the responder sends its note");
    assert_eq!(server.entry_ids().len(), 4);

    // The database is made again, empty: each workspace's next round sends
    // what it holds, and neither stores anything twice.
    let fresh = Server::default();
    let lead_round = run(round(&lead, &fresh, id, now())).expect("the lead's round on the new server");
    assert_eq!(lead_round.received, 0);
    run(round(&responder, &fresh, id, now())).expect("the responder's round on the new server");
    run(round(&lead, &fresh, id, now())).expect("the lead's next round");
    assert_eq!(fresh.entry_ids().len(), 4, "every entry is on the server again");
    assert_eq!(waiting(&lead, id), 0);
    assert_eq!(waiting(&responder, id), 0);
    assert_eq!(timeline(&lead, id), timeline(&responder, id));
    assert_eq!(timeline(&lead, id).len(), 4);
    let review_docs: Vec<String> =
        fresh.docs.borrow().keys().filter(|doc| sitrep::sync::review::is_review_doc(doc)).cloned().collect();
    assert!(review_docs.contains(&"review".to_owned()), "the review is on the server again: {review_docs:?}");
    assert_eq!(
        review_docs,
        server.docs.borrow().keys().filter(|doc| sitrep::sync::review::is_review_doc(doc)).cloned().collect::<Vec<_>>()
    );
}

#[test]
fn sending_a_long_incident_cut_off_records_what_the_server_took_and_sends_the_rest_once() {
    let server = Server::default();
    let (lead, _, id) = lead_and_responder(&server);
    let notes = (0..1_100).map(|n| support::note(id, 30_000 + n, 22, 22, &format!("Log line {n}"))).collect();
    run(lead.write(Batch { entries: notes, ..Batch::default() })).expect("the notes are stored");
    let total = waiting(&lead, id);
    assert_eq!(total, 1 + 3 + 1_100, "the incident's document and its entries wait");
    let revision =
        |store: &MemoryStore| run(replicate::find_share(store, id)).unwrap().revision.get(&id.to_string()).unwrap_or(0);
    let before = revision(&lead);

    // The server goes away after 21 batches: all 21 are recorded as on the
    // server, in two writes of the share (after 20 batches, and when it failed),
    // not one write per batch.
    server.sends_left.set(Some(21));
    assert_eq!(run(round(&lead, &server, id, now())), Err(SyncError::Remote(RemoteError::Unreachable)));
    assert_eq!(server.stored.get(), 21 * BATCH);
    assert_eq!(waiting(&lead, id), total - 21 * BATCH);
    assert_eq!(revision(&lead), before + 2);

    // Back: the rest is sent, each document stored once.
    server.sends_left.set(None);
    let back = run(round(&lead, &server, id, now())).expect("the rest is sent");
    assert_eq!(back.sent, total - 21 * BATCH);
    assert_eq!(server.stored.get(), total);
    assert_eq!(waiting(&lead, id), 0);
}
