//! The replicator against the real server, natively: `sync::replicate::round`
//! runs between memory stores and pouchdb-server (`couch.rs`) through the app's
//! own requests and answers (`sync::database::Database`) over [`Native`], a
//! transport of plain HTTP/1.1 signed in with HTTP basic auth, where the app
//! uses the browser's `fetch`. It can be told to fail the way a crash
//! or a cut network does: the changes feed dropped after some pages, the answer
//! of a `_bulk_docs` lost after the server stored it, the server killed after
//! some requests.

use crate::couch::{Couch, LEAD, VIEWER, WRITER};
use crate::support;
use base64::Engine;
use serde_json::{json, Value};
use sitrep::domain::review::{Review, Section};
use sitrep::domain::{IncidentId, Timeline, TimelineEntry};
use sitrep::store::memory::MemoryStore;
use sitrep::store::review_sync::ReviewConflict;
use sitrep::store::{Batch, Edit, Share, ShareWrite, Store};
use sitrep::sync::database::{since_param, Database, Transport};
use sitrep::sync::replicate::{self, round, round_reporting, Progress, SyncError, BATCH, PAGE};
use sitrep::sync::{docs, review, RemoteError, RemoteFuture};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One HTTP/1.1 request on a fresh connection; the JSON answer with its status.
async fn http(
    port: u16,
    auth: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<(u16, Value), RemoteError> {
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.map_err(|_| RemoteError::Unreachable)?;
    let head = format!(
        "{method} /{path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nAccept: application/json\r\n\
         Content-Type: application/json\r\nAuthorization: Basic {auth}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.map_err(|_| RemoteError::Unreachable)?;
    stream.write_all(body.as_bytes()).await.map_err(|_| RemoteError::Unreachable)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.map_err(|_| RemoteError::Unreachable)?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or(RemoteError::Unreachable)?;
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut content = raw[split + 4..].to_vec();
    let status: u16 = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or(RemoteError::Unreachable)?;
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        content = unchunk(&content);
    }
    Ok((status, serde_json::from_slice(&content).unwrap_or(Value::Null)))
}

/// The body of a chunked answer.
fn unchunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&raw[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&raw[start..(start + size).min(raw.len())]);
        raw = &raw[(start + size + 2).min(raw.len())..];
    }
    out
}

/// The test's transport to one incident's database on the test's server, as one
/// user, with faults.
pub struct Native<'a> {
    couch: &'a RefCell<Couch>,
    port: u16,
    database: String,
    auth: String,
    /// Requests made so far.
    requests: Cell<usize>,
    /// The server is killed once this many requests have been answered.
    kill_after: Cell<Option<usize>>,
    /// The changes feed answers this many more pages, then the client "crashes".
    feed_pages_left: Cell<Option<usize>>,
    /// The answer of the `_bulk_docs` request with this number (from 1) is lost
    /// after the server stored its documents.
    lose_bulk_answer: Cell<Option<usize>>,
    bulk_calls: Cell<usize>,
    /// Every `since` the changes feed was asked for, as the request wrote it.
    asked_since: RefCell<Vec<String>>,
}

/// The app's own requests and answers over the test's transport.
pub type Server<'a> = Database<Native<'a>>;

/// A database of the test's server as `user`.
pub fn native<'a>(couch: &'a RefCell<Couch>, database: &str, (user, password): (&str, &str)) -> Server<'a> {
    let port = couch.borrow().url.rsplit(':').next().and_then(|p| p.parse().ok()).expect("the server's port");
    Database::over(Native {
        couch,
        port,
        database: database.to_owned(),
        auth: base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")),
        requests: Cell::new(0),
        kill_after: Cell::new(None),
        feed_pages_left: Cell::new(None),
        lose_bulk_answer: Cell::new(None),
        bulk_calls: Cell::new(0),
        asked_since: RefCell::new(Vec::new()),
    })
}

impl Transport for Native<'_> {
    fn call<'b>(&'b self, method: &'b str, path: &'b str, body: Option<&'b Value>) -> RemoteFuture<'b, (u16, Value)> {
        Box::pin(async move {
            if let Some(query) = path.strip_prefix("_changes?") {
                let since = query.split('&').find_map(|pair| pair.strip_prefix("since=")).unwrap_or_default();
                self.asked_since.borrow_mut().push(since.to_owned());
                if let Some(left) = self.feed_pages_left.get() {
                    if left == 0 {
                        return Err(RemoteError::Unreachable);
                    }
                    self.feed_pages_left.set(Some(left - 1));
                }
            }
            let full = if path.is_empty() { self.database.clone() } else { format!("{}/{path}", self.database) };
            let answer = http(self.port, &self.auth, method, &full, body).await;
            self.requests.set(self.requests.get() + 1);
            if self.kill_after.get() == Some(self.requests.get()) {
                self.couch.borrow_mut().stop();
            }
            if path == "_bulk_docs" {
                self.bulk_calls.set(self.bulk_calls.get() + 1);
                if answer.is_ok() && self.lose_bulk_answer.get() == Some(self.bulk_calls.get()) {
                    // Stored on the server, but the answer never arrives.
                    return Err(RemoteError::Unreachable);
                }
            }
            answer
        })
    }
}

/// How many documents the database holds (the design document included).
async fn doc_count(remote: &Server<'_>) -> u64 {
    remote.ok("GET", "", None).await.expect("the database's info")["doc_count"].as_u64().expect("doc_count")
}

/// Every id the changes feed lists, from the start.
async fn feed_ids(remote: &Server<'_>) -> Vec<String> {
    let answer = remote.ok("GET", "_changes?style=all_docs", None).await.expect("the changes feed");
    answer["results"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect()
}

fn share(incident: IncidentId, user: &str, replication: &str) -> Share {
    Share {
        incident,
        server: "http://127.0.0.1".into(),
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

async fn start_sharing(store: &MemoryStore, share: Share) {
    let batch = Batch { share: Some(ShareWrite::Put(Edit::create(share))), ..Batch::default() };
    store.write(batch).await.expect("the share is stored");
}

async fn timeline(store: &MemoryStore, id: IncidentId) -> Vec<TimelineEntry> {
    Timeline::from_entries(store.timeline(id).await.expect("the timeline loads").items).entries().to_vec()
}

async fn waiting(store: &MemoryStore, id: IncidentId) -> usize {
    let share = replicate::find_share(store, id).await.expect("shared").value;
    replicate::waiting(store, &share).await.expect("what waits").len()
}

/// The real server with an incident database made by the lead; the writer's
/// workspace holds the sample incident with `notes` more notes and shares it
/// (as `bo`), and a viewer's empty workspace joins it.
pub(crate) async fn shared(couch: &RefCell<Couch>, notes: u64) -> (MemoryStore, MemoryStore, IncidentId) {
    let writer = MemoryStore::default();
    let workspace = support::Workspace::sample();
    workspace.write(&writer).await;
    let id = workspace.incident.id();
    for n in 0..notes {
        support::add_entry(&writer, &support::note(id, 100_000 + n, 25, 25, &format!("Note {n}"))).await.unwrap();
    }
    native(couch, &docs::database_of(id), LEAD).create(LEAD.0).await.expect("the database with its rules");
    start_sharing(&writer, share(id, WRITER.0, "writer")).await;
    let viewer = MemoryStore::default();
    start_sharing(&viewer, share(id, VIEWER.0, "viewer")).await;
    (writer, viewer, id)
}

fn now() -> chrono::DateTime<chrono::Utc> {
    support::at(40)
}

#[tokio::test]
async fn sharing_and_joining_a_long_incident_report_what_waits_and_what_arrived_as_they_go() {
    let couch = RefCell::new(Couch::start("http://127.0.0.1:1"));
    let (writer, viewer, id) = shared(&couch, PAGE as u64 + 20).await;
    let database = docs::database_of(id);
    let total = waiting(&writer, id).await;
    assert!(total > PAGE, "more than a page waits: {total}");

    // Sending: all that waits, then a batch fewer after each batch, to nothing.
    let reports = RefCell::new(Vec::<Progress>::new());
    let record = |progress| reports.borrow_mut().push(progress);
    let sent = round_reporting(&writer, &native(&couch, &database, WRITER), id, now(), &record).await.unwrap();
    assert_eq!(sent.sent, total);
    let counted: Vec<usize> = reports.borrow().iter().map(|p| p.waiting).collect();
    let batches = total.div_ceil(BATCH);
    let expected: Vec<usize> = (0..=batches).map(|n| total.saturating_sub(n * BATCH)).collect();
    assert_eq!(counted, expected);
    assert!(reports.borrow().iter().all(|p| p.received == 0), "the writer received nothing: {:?}", reports.borrow());

    // Receiving: after each page stored, how many arrived so far, up to all.
    reports.borrow_mut().clear();
    let joined = round_reporting(&viewer, &native(&couch, &database, VIEWER), id, now(), &record).await.unwrap();
    let arrived: Vec<usize> = reports.borrow().iter().map(|p| p.received).collect();
    assert_eq!(arrived.len(), 2, "one report per page of {PAGE}: {arrived:?}");
    assert!(0 < arrived[0] && arrived[0] < arrived[1], "the count grows page by page: {arrived:?}");
    assert_eq!(arrived.last(), Some(&joined.received));
    assert_eq!(joined.received, timeline(&viewer, id).await.len() + viewer.runs(id).await.unwrap().items.len());
    assert!(reports.borrow().iter().all(|p| p.waiting == 0), "the viewer sent nothing: {:?}", reports.borrow());
}

#[tokio::test]
async fn a_pull_that_crashes_half_way_resumes_from_its_checkpoint_on_the_real_server() {
    let couch = RefCell::new(Couch::start("http://127.0.0.1:1"));
    let (writer, viewer, id) = shared(&couch, PAGE as u64 + 20).await;
    let database = docs::database_of(id);
    let sending = native(&couch, &database, WRITER);
    let sent = round(&writer, &sending, id, now()).await.expect("the writer sends everything");
    let all = PAGE + 20 + 3;
    assert_eq!(sent.sent, all + 1, "the incident and every entry");

    // The viewer's pull stores one page, then the browser crashes.
    let crashing = native(&couch, &database, VIEWER);
    crashing.transport().feed_pages_left.set(Some(1));
    assert_eq!(round(&viewer, &crashing, id, now()).await, Err(SyncError::Remote(RemoteError::Unreachable)));
    let kept = timeline(&viewer, id).await.len();
    assert!(kept > 0 && kept < all, "one page is stored ({kept} of {all})");
    let stored = replicate::find_share(&viewer, id).await.unwrap().value.since;
    assert!(!stored.is_null() && stored != json!(0), "a checkpoint is stored: {stored}");
    drop(crashing);

    // Started again, the pull asks the feed from the stored checkpoint (which
    // the server's _local document agrees with), and stores only the rest.
    let again = native(&couch, &database, VIEWER);
    let resumed = round(&viewer, &again, id, now()).await.expect("the pull resumes");
    assert_eq!(again.transport().asked_since.borrow()[0], since_param(&stored), "resumed from the checkpoint");
    assert_eq!(kept + resumed.received, all, "nothing received twice");
    assert_eq!(timeline(&viewer, id).await, timeline(&writer, id).await);
    assert_eq!(waiting(&viewer, id).await, 0);
}

#[tokio::test]
async fn a_batch_whose_answer_is_lost_half_way_is_stored_once() {
    let couch = RefCell::new(Couch::start("http://127.0.0.1:1"));
    let (writer, _, id) = shared(&couch, BATCH as u64 + 20).await;
    let database = docs::database_of(id);
    let total = BATCH + 20 + 3 + 1;

    // The second batch reaches the server, but its answer is lost.
    let cut = native(&couch, &database, WRITER);
    cut.transport().lose_bulk_answer.set(Some(2));
    assert_eq!(round(&writer, &cut, id, now()).await, Err(SyncError::Remote(RemoteError::Unreachable)));
    assert_eq!(waiting(&writer, id).await, total - BATCH, "only the first batch is known to be there");

    // The next round asks the server first: it has them; nothing is sent twice.
    let next = native(&couch, &database, WRITER);
    let outcome = round(&writer, &next, id, now()).await.expect("the next round");
    assert_eq!(outcome.sent, 0, "the server had the second batch already");
    assert_eq!(waiting(&writer, id).await, 0);
    assert_eq!(doc_count(&next).await, total as u64 + 1, "each document once, and the design document");
    let ids = feed_ids(&next).await;
    assert_eq!(ids.len(), ids.iter().collect::<BTreeSet<_>>().len(), "no document twice in the feed");
}

#[tokio::test]
async fn the_server_killed_mid_sync_and_started_again_loses_and_doubles_nothing() {
    let couch = RefCell::new(Couch::start_on_disk("http://127.0.0.1:1"));
    let (writer, viewer, id) = shared(&couch, BATCH as u64 + 20).await;
    let database = docs::database_of(id);
    let total = BATCH + 20 + 3 + 1;

    // The server dies after the first batch is stored (revs-diff, bulk docs).
    let sending = native(&couch, &database, WRITER);
    sending.transport().kill_after.set(Some(2));
    assert_eq!(round(&writer, &sending, id, now()).await, Err(SyncError::Remote(RemoteError::Unreachable)));
    assert_eq!(waiting(&writer, id).await, total - BATCH);
    // Meanwhile the writer goes on writing.
    support::add_entry(&writer, &support::note(id, 900_000, 30, 30, "Written while the server was down"))
        .await
        .unwrap();
    let viewer_try = native(&couch, &database, VIEWER);
    assert_eq!(round(&viewer, &viewer_try, id, now()).await, Err(SyncError::Remote(RemoteError::Unreachable)));

    // Back, with what it stored before.
    couch.borrow_mut().start_again();
    let after = native(&couch, &database, WRITER);
    assert_eq!(doc_count(&after).await, BATCH as u64 + 1, "the first batch survived the restart");
    let outcome = round(&writer, &after, id, now()).await.expect("the writer's round after the restart");
    assert_eq!(outcome.sent, total - BATCH + 1);
    let reader = native(&couch, &database, VIEWER);
    round(&viewer, &reader, id, now()).await.expect("the viewer's round after the restart");
    assert_eq!(timeline(&viewer, id).await, timeline(&writer, id).await);
    assert_eq!(timeline(&viewer, id).await.len(), total, "every entry, with the new note");
    assert_eq!(doc_count(&after).await, total as u64 + 2, "each document once, the new note, the design document");

    // Killed again after the viewer's checkpoint: its pull resumes from it.
    let stored = replicate::find_share(&viewer, id).await.unwrap().value.since;
    couch.borrow_mut().stop();
    couch.borrow_mut().start_again();
    let resumed = native(&couch, &database, VIEWER);
    let nothing = round(&viewer, &resumed, id, now()).await.expect("a round with nothing new");
    assert_eq!(resumed.transport().asked_since.borrow()[0], since_param(&stored), "the server kept the checkpoint");
    assert_eq!((nothing.sent, nothing.received), (0, 0));
}

/// A number from the environment, or `default`.
fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The load run of `docs/scale.md`, not a test of CI (it is ignored): `clients`
/// responders (`SITREP_LOAD_CLIENTS`, 20) join one incident, then all at once
/// each appends `entries` notes (`SITREP_LOAD_ENTRIES`, 25), running a round
/// after each as the app does when an entry is stored; then every client runs
/// rounds until all hold every entry. Prints entries per second, the time to
/// converge and the requests per entry; asserts the union with nothing twice.
///
/// `cargo test --features e2e --test e2e -- --ignored --nocapture load_run`
#[tokio::test]
#[ignore = "a load run for docs/scale.md, not a test"]
async fn load_run_of_clients_appending_to_one_incident() {
    use futures::future::join_all;
    use std::time::Instant;
    let (clients, entries) = (setting("SITREP_LOAD_CLIENTS", 20), setting("SITREP_LOAD_ENTRIES", 25));
    let couch = RefCell::new(Couch::start("http://127.0.0.1:1"));
    let (writer, _, id) = shared(&couch, 0).await;
    let database = docs::database_of(id);
    round(&writer, &native(&couch, &database, WRITER), id, now()).await.expect("shared");
    let stores: Vec<MemoryStore> = (0..clients).map(|_| MemoryStore::default()).collect();
    let remotes: Vec<Server> = (0..clients).map(|_| native(&couch, &database, WRITER)).collect();
    for (n, (store, remote)) in stores.iter().zip(&remotes).enumerate() {
        start_sharing(store, share(id, WRITER.0, &format!("client-{n}"))).await;
        round(store, remote, id, now()).await.expect("a client joins");
        remote.transport().requests.set(0);
    }

    // Everyone appends at once, a round after each entry.
    let started = Instant::now();
    let appending = stores.iter().zip(&remotes).enumerate().map(|(n, (store, remote))| async move {
        for k in 0..entries {
            let note = support::note(id, 1_000_000 * (n as u64 + 1) + k as u64, 30 + (k % 29) as u32, 30, "Load");
            support::add_entry(store, &note).await.expect("stored");
            round(store, remote, id, now()).await.expect("a round after an entry");
        }
    });
    join_all(appending).await;
    let appended = started.elapsed();
    let appended_requests: usize = remotes.iter().map(|r| r.transport().requests.get()).sum();

    // Every client runs rounds until it holds every entry.
    let expected = 3 + clients * entries;
    let converging = Instant::now();
    let mut rounds = 0;
    loop {
        let counts = join_all(stores.iter().zip(&remotes).map(|(store, remote)| async move {
            round(store, remote, id, now()).await.expect("a round");
            timeline(store, id).await.len()
        }))
        .await;
        rounds += 1;
        if counts.iter().all(|n| *n == expected) {
            break;
        }
        assert!(rounds < 20, "not converged after {rounds} rounds: {counts:?}");
    }
    let converged = converging.elapsed();
    let requests: usize = remotes.iter().map(|r| r.transport().requests.get()).sum();
    let on_server = doc_count(&remotes[0]).await;
    assert_eq!(on_server, expected as u64 + 2, "every entry once, the incident and the design document");
    let written = (clients * entries) as f64;
    println!(
        "load run: {clients} clients x {entries} entries = {written} entries in {:.2} s ({:.0} entries/s accepted); \
         converged in {:.2} s more ({rounds} rounds each); {:.1} requests per entry while appending, {:.1} in all; \
         {on_server} documents on the server",
        appended.as_secs_f64(),
        written / appended.as_secs_f64(),
        converged.as_secs_f64(),
        appended_requests as f64 / written,
        requests as f64 / written,
    );
}

/// Changes the review in `store` as a command layer does: from the review as
/// stored, expecting the revisions read.
async fn edit_review(store: &MemoryStore, id: IncidentId, change: impl FnOnce(Option<&Review>) -> Review) {
    let base = store.review(id).await.expect("the review loads");
    let review = change(base.as_ref().map(|b| &b.value));
    let edit = match base {
        Some(base) => Edit::change(base, review),
        None => Edit::create(review),
    };
    store.write(Batch { reviews: vec![edit], ..Batch::default() }).await.expect("the review is stored");
}

async fn write_section(store: &MemoryStore, id: IncidentId, section: Section, text: &str, by: &str) {
    edit_review(store, id, |review| review.unwrap().with_section(section, text, by, now()).unwrap()).await;
}

async fn section_here(store: &MemoryStore, id: IncidentId, section: Section) -> String {
    store.review(id).await.unwrap().expect("a review").value.section(section).to_owned()
}

async fn conflicts(store: &MemoryStore, id: IncidentId) -> BTreeMap<String, ReviewConflict> {
    replicate::find_share(store, id).await.unwrap().value.conflicts
}

#[tokio::test]
async fn a_review_section_edited_on_two_replicas_apart_is_a_conflict_both_keep_until_one_resolves_it() {
    let couch = RefCell::new(Couch::start("http://127.0.0.1:1"));
    let (ana, _, id) = shared(&couch, 0).await;
    let database = docs::database_of(id);
    let bo = MemoryStore::default();
    start_sharing(&bo, share(id, WRITER.0, "bo-laptop")).await;
    let (to_ana, to_bo) = (native(&couch, &database, WRITER), native(&couch, &database, WRITER));

    // Ana starts the review and writes the summary; Bo joins and has it.
    edit_review(&ana, id, |_| Review::start(id, "Ana", now())).await;
    write_section(&ana, id, Section::Summary, "Checkout failed.", "Ana").await;
    round(&ana, &to_ana, id, now()).await.expect("Ana sends the review");
    let joined = round(&bo, &to_bo, id, now()).await.expect("Bo joins");
    assert!(joined.received > 0);
    assert_eq!(section_here(&bo, id, Section::Summary).await, "Checkout failed.");

    // Apart, both change the summary; each also changes a section of their own.
    write_section(&ana, id, Section::Summary, "Checkout failed for 20 minutes.", "Ana").await;
    write_section(&ana, id, Section::Impact, "12% of orders.", "Ana").await;
    write_section(&bo, id, Section::Summary, "Checkout returned 502.", "Bo").await;
    write_section(&bo, id, Section::Lessons, "Canary the proxy.", "Bo").await;
    for (store, remote) in [(&ana, &to_ana), (&bo, &to_bo), (&ana, &to_ana)] {
        round(store, remote, id, now()).await.expect("a round");
    }

    // The server keeps both revisions of the summary.
    let summary = "review-section:summary";
    let on_server = to_ana.ok("GET", &format!("{summary}?conflicts=true"), None).await.unwrap();
    assert_eq!(on_server["_conflicts"].as_array().map(Vec::len), Some(1), "{on_server}");
    // Both replicas see the conflict with both texts, and each still has its own.
    for (store, mine, theirs) in [
        (&ana, "Checkout failed for 20 minutes.", "Checkout returned 502."),
        (&bo, "Checkout returned 502.", "Checkout failed for 20 minutes."),
    ] {
        let found = conflicts(store, id).await;
        assert_eq!(found.keys().collect::<Vec<_>>(), [summary], "only the summary conflicts");
        let texts: BTreeSet<&str> = found[summary].leaves.iter().filter_map(|l| l.part["text"].as_str()).collect();
        assert_eq!(texts, BTreeSet::from([mine, theirs]), "neither text is lost");
        assert!(found[summary].leaves.iter().all(|l| l.author == WRITER.0));
        assert_eq!(section_here(store, id, Section::Summary).await, mine, "nothing replaced here");
        // The sections changed on one side only merged.
        assert_eq!(section_here(store, id, Section::Impact).await, "12% of orders.");
        assert_eq!(section_here(store, id, Section::Lessons).await, "Canary the proxy.");
    }

    // Ana takes Bo's text; after a round each, both hold it and nothing conflicts.
    let share_here = replicate::find_share(&ana, id).await.unwrap();
    let mine = review::part_of(&ana.review(id).await.unwrap().unwrap().value, summary);
    let bos = share_here.value.conflicts[summary].theirs(&mine).next().expect("Bo's revision").part.clone();
    review::resolve(&ana, share_here, summary, bos).await.expect("resolved here");
    assert_eq!(section_here(&ana, id, Section::Summary).await, "Checkout returned 502.");
    for (store, remote) in [(&ana, &to_ana), (&bo, &to_bo)] {
        round(store, remote, id, now()).await.expect("a round");
    }
    for store in [&ana, &bo] {
        assert_eq!(section_here(store, id, Section::Summary).await, "Checkout returned 502.");
        assert!(conflicts(store, id).await.is_empty(), "the conflict is gone here");
        assert_eq!(store.review(id).await.unwrap().unwrap().value.section(Section::Impact), "12% of orders.");
    }
    let on_server = to_ana.ok("GET", &format!("{summary}?conflicts=true"), None).await.unwrap();
    assert!(on_server.get("_conflicts").is_none(), "one revision left on the server: {on_server}");
    assert_eq!(on_server["part"]["text"], "Checkout returned 502.");
    // A later round changes nothing.
    let quiet = round(&bo, &to_bo, id, now()).await.unwrap();
    assert_eq!((quiet.sent, quiet.received), (0, 0));
}

#[tokio::test]
async fn the_server_refuses_a_review_document_from_a_viewer_or_with_another_author() {
    let couch = RefCell::new(Couch::start("http://127.0.0.1:1"));
    let (writer, viewer, id) = shared(&couch, 0).await;
    let database = docs::database_of(id);
    let to_writer = native(&couch, &database, WRITER);
    edit_review(&writer, id, |_| Review::start(id, "Ana", now())).await;
    round(&writer, &to_writer, id, now()).await.expect("the writer sends the review");
    let to_viewer = native(&couch, &database, VIEWER);
    round(&viewer, &to_viewer, id, now()).await.expect("the viewer reads it");
    write_section(&viewer, id, Section::Summary, "Vic was here.", "Vic").await;
    let refused = round(&viewer, &to_viewer, id, now()).await.expect("a round").refused;
    assert_eq!(refused.iter().map(|(doc, _)| doc.as_str()).collect::<Vec<_>>(), ["review-section:summary"]);
    assert!(review::waiting(&viewer, &replicate::find_share(&viewer, id).await.unwrap().value).await.unwrap() > 0);
    // A writer's edit that names someone else.
    let on_server = to_writer.ok("GET", "review-header", None).await.unwrap();
    let forged = json!({ "_id": "review-header", "_rev": on_server["_rev"], "type": "review",
        "author": LEAD.0, "part": on_server["part"] });
    let (status, _) = to_writer.call("PUT", "review-header", Some(&forged)).await.unwrap();
    assert_eq!(status, 403, "another author is refused");
}

#[tokio::test]
async fn a_change_made_apart_from_an_approval_does_not_enter_the_signed_review_until_reopened() {
    use sitrep::domain::review::{ReviewStatus, Reviewer};
    let couch = RefCell::new(Couch::start("http://127.0.0.1:1"));
    let (ana, _, id) = shared(&couch, 0).await;
    let database = docs::database_of(id);
    let bo = MemoryStore::default();
    start_sharing(&bo, share(id, WRITER.0, "bo-laptop")).await;
    let (to_ana, to_bo) = (native(&couch, &database, WRITER), native(&couch, &database, WRITER));
    edit_review(&ana, id, |_| Review::start(id, "Ana", now())).await;
    write_section(&ana, id, Section::Summary, "Checkout failed.", "Ana").await;
    round(&ana, &to_ana, id, now()).await.unwrap();
    round(&bo, &to_bo, id, now()).await.unwrap();

    // Ana has the review approved while Bo, apart, rewrites the summary.
    edit_review(&ana, id, |review| {
        let review = review.unwrap().with_status(ReviewStatus::InReview, "Ana", now()).unwrap();
        let review = review.with_sign_off(Reviewer::Technical, "Tess", now()).unwrap();
        let review = review.with_sign_off(Reviewer::NonTechnical, "Noor", now()).unwrap();
        review.with_status(ReviewStatus::Approved, "Ana", now()).unwrap()
    })
    .await;
    write_section(&bo, id, Section::Summary, "Checkout failed, and nobody noticed.", "Bo").await;
    for (store, remote) in [(&ana, &to_ana), (&bo, &to_bo), (&ana, &to_ana)] {
        round(store, remote, id, now()).await.expect("a round");
    }

    // Ana's approved review keeps the text signed; Bo's change is held, not lost.
    assert_eq!(section_here(&ana, id, Section::Summary).await, "Checkout failed.");
    assert!(ana.review(id).await.unwrap().unwrap().value.is_signed());
    let summary = "review-section:summary";
    let share_here = replicate::find_share(&ana, id).await.unwrap();
    let held = &share_here.value.conflicts[summary];
    let signed_text = review::part_of(&ana.review(id).await.unwrap().unwrap().value, summary);
    let bos = held.theirs(&signed_text).next().unwrap();
    assert_eq!(bos.part["text"], "Checkout failed, and nobody noticed.");
    // Taking it needs "Reopen" first; keeping the signed text is sent to Bo.
    let refused = review::resolve(&ana, share_here.clone(), summary, bos.part.clone()).await;
    assert_eq!(refused, Err(review::ResolveError::Signed));
    review::resolve(&ana, share_here, summary, signed_text).await.expect("the signed text kept");
    for (store, remote) in [(&ana, &to_ana), (&bo, &to_bo)] {
        round(store, remote, id, now()).await.expect("a round");
    }
    for store in [&ana, &bo] {
        assert_eq!(section_here(store, id, Section::Summary).await, "Checkout failed.");
        assert!(conflicts(store, id).await.is_empty());
        assert!(store.review(id).await.unwrap().unwrap().value.is_signed());
    }
}

/// How long team sync's rounds take on a long incident, natively against the
/// real server (a memory store, so the browser's own costs are not in it):
/// sharing it, joining it, and a round that sends one entry and one that
/// receives it; then joining it in the browser, through the join page, from
/// "Sign in and join" pressed to the incident's page showing its entries. Run it after a release
/// build with
/// `cargo test --release --features e2e --test e2e -- --ignored --nocapture scale_run`
/// (`SITREP_SCALE_ENTRIES`, 10,000 by default).
#[tokio::test]
#[ignore = "a measure for README.md, not a test"]
async fn scale_run_of_rounds_on_a_long_incident() {
    use std::time::Instant;
    let count = setting("SITREP_SCALE_ENTRIES", 10_000) as u64;
    let base = crate::server::serve(crate::dist()).await;
    let couch = RefCell::new(Couch::start(&base));
    let (writer, _, id) = shared(&couch, 0).await;
    let notes = (0..count).map(|n| support::note(id, 100_000 + n, 25, 25, &format!("Note {n}"))).collect();
    writer.write(Batch { entries: notes, ..Batch::default() }).await.expect("the notes are stored");
    let database = docs::database_of(id);
    let (sending, receiving) = (native(&couch, &database, WRITER), native(&couch, &database, WRITER));
    let started = Instant::now();
    round(&writer, &sending, id, now()).await.expect("shared");
    let shared_in = started.elapsed();
    let reader = MemoryStore::default();
    start_sharing(&reader, share(id, WRITER.0, "reader")).await;
    let started = Instant::now();
    round(&reader, &receiving, id, now()).await.expect("joined");
    println!("scale run at {count} entries: shared in {shared_in:.2?}, joined in {:.2?}", started.elapsed());
    for k in 0..5 {
        support::add_entry(&writer, &support::note(id, 9_000_000 + k, 30, 30, "One more")).await.expect("stored");
        let started = Instant::now();
        round(&writer, &sending, id, now()).await.expect("sent");
        let sent = started.elapsed();
        let started = Instant::now();
        let got = round(&reader, &receiving, id, now()).await.expect("received");
        assert_eq!(got.received, 1);
        println!("a round sending one entry {sent:.1?}, a round receiving it {:.1?}", started.elapsed());
    }
    let browser = crate::browser::Browser::start().await;
    let app = crate::pages::App { client: &browser.client, base };
    let link = format!("{}/join?server={}&db={database}", app.base, couch.borrow().url);
    app.client.goto(&link).await.expect("open the join link");
    app.heading("Join a shared incident").await;
    app.fill("User name", WRITER.0).await;
    app.fill("Password", WRITER.1).await;
    let started = Instant::now();
    app.press("Sign in and join").await;
    // The last of the notes (the five entries sent since are above it).
    app.wait_text(&format!("Note {}", count - 1)).await;
    println!("joined in the browser in {:.2?}", started.elapsed());
}
