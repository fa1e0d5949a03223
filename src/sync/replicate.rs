//! One round of replication of a shared incident, both ways, over any
//! [`Remote`]: the browser's fetch client ([`super::couch::Couch`]) or a test's
//! server in memory.
//!
//! **Sending.** What waits is every local document of the incident whose id the
//! share does not list as on the server. In batches of [`BATCH`], the server is
//! asked which revisions it lacks (`_revs_diff`), sent those (`_bulk_docs` with
//! `new_edits: false`, so the revision is the one computed here), and the share
//! records them as on the server, every [`RECORD_EVERY`] batches and at the end.
//! Sending one twice is harmless: the server has that revision and keeps it once.
//!
//! **Receiving.** From the checkpoint on, the changes feed lists documents in
//! pages of [`PAGE`]; those not here are fetched with `_bulk_get`, read through the
//! domain's checks, and stored (entries and runbook runs, the share noting each
//! entry's signed-in author) with the incident
//! refolded from all its entries and the new checkpoint, in one transaction. Then the checkpoint is also put in
//! the server's `_local` document. After a full page, the next one is asked for
//! while this one is stored. A round resumes from the stored checkpoint
//! only if the server's `_local` document agrees; otherwise from the start, which
//! is safe as nothing is stored twice.

use super::docs::{self, Outgoing, Received};
use super::{review, Remote, RemoteError};
use crate::domain::{Incident, IncidentId, RunbookRun, TimelineEntry};
use crate::store::{Batch, Edit, Revised, Share, ShareWrite, Store, StoreError, Told};
use chrono::{DateTime, Utc};
use futures::future::join;
use serde_json::{json, Value};

/// How many documents one request sends or asks for.
pub const BATCH: usize = 50;

/// How many changes one page of the changes feed lists. Each page is stored in
/// one transaction with the share, which lists every document the server holds:
/// pages of 500 write that growing list 20 times to join an incident of 10,000
/// entries, not 200, and read its timeline at most that often to fold in what
/// changes the incident.
pub const PAGE: usize = 500;

/// Why a round stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// The server did not answer or refused.
    #[error(transparent)]
    Remote(#[from] RemoteError),
    /// The local store failed; a conflict means another tab wrote first.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The incident is no longer shared here.
    #[error("the incident is not shared")]
    NotShared,
    /// The incident was deleted here: nothing is sent or received for it (its
    /// tombstone is never replaced by what the server holds).
    #[error("the incident was deleted in this browser")]
    Deleted,
}

/// What a round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Documents the server took.
    pub sent: usize,
    /// Entries and runbook runs received and stored.
    pub received: usize,
    /// Documents the server refused, with its reason (an author who is not the
    /// writer, a viewer writing): they stay waiting.
    pub refused: Vec<(String, String)>,
    /// The writes of the incident the round stored: the incident's revision
    /// after each and the keys of the entries it added (what the open pages
    /// read, [`crate::store::Store::catch_up`]).
    pub told: Vec<Told>,
}

/// How far a round has come, reported while it runs (after each batch sent and
/// each page stored), so that sharing or joining a long incident shows a count
/// that moves rather than only "Connecting…".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Documents of this round still to be sent.
    pub waiting: usize,
    /// Entries, runbook runs and review documents received and stored so far.
    pub received: usize,
}

/// The `_local` document that holds a replication's checkpoint on the server.
pub fn checkpoint_id(share: &Share) -> String {
    format!("_local/sitrep-{}", share.replication)
}

/// Where the pull resumes: the stored checkpoint if the server's copy of it
/// agrees, otherwise the start (`0`). Both are written after the data they
/// cover, so a crash between the two writes only makes a round read again
/// what is already here.
pub fn resume_from(stored: &Value, on_server: Option<&Value>) -> Value {
    match on_server.and_then(|doc| doc.get("since")) {
        Some(since) if !stored.is_null() && since == stored => stored.clone(),
        _ => json!(0),
    }
}

/// The share as stored, with its revision.
pub async fn find_share(store: &dyn Store, incident: IncidentId) -> Result<Revised<Share>, SyncError> {
    store.shares().await?.items.into_iter().find(|s| s.value.incident == incident).ok_or(SyncError::NotShared)
}

/// The documents of the incident that wait to be sent, as `user` would send them.
pub async fn waiting(store: &dyn Store, share: &Share) -> Result<Vec<Outgoing>, SyncError> {
    let mut out = Vec::new();
    // The entries the server holds are not read, only their keys.
    let sent = crate::domain::order::set_of(
        share.on_server.iter().filter_map(|doc| docs::entry_of_doc(doc)).map(str::to_owned),
    );
    let Some(found) = store.catch_up(share.incident, sent, None).await? else { return Ok(out) };
    if !share.on_server.contains(docs::INCIDENT_DOC) {
        out.push(docs::incident_doc(&found.incident.value, &share.user).map_err(failed)?);
    }
    // A run goes before the entries, so the entry that records its start never
    // reaches the server ahead of the checklist it names.
    let mut runs = found.runs.items;
    crate::domain::order::sort_by_key(&mut runs, |run| run.id());
    for run in runs {
        if !share.on_server.contains(&docs::run_doc_id(run.id())) {
            out.push(docs::run_doc(&run, &share.user).map_err(failed)?);
        }
    }
    let mut entries = found.entries.items;
    crate::domain::order::sort_by_key(&mut entries, |entry| (entry.recorded_at(), entry.id()));
    for entry in entries {
        out.push(docs::entry_doc(&entry, &share.user).map_err(failed)?);
    }
    Ok(out)
}

fn failed(error: serde_json::Error) -> SyncError {
    SyncError::Store(StoreError::Failed(error.to_string()))
}

/// Writes the share moved on, and returns it with its new revision.
async fn save(
    store: &dyn Store,
    base: Revised<Share>,
    batch: Batch,
    share: Share,
) -> Result<Revised<Share>, SyncError> {
    let key = share.incident.to_string();
    let mut revision = base.revision.clone();
    let next = revision.get(&key).unwrap_or(0) + 1;
    store.write(Batch { share: Some(ShareWrite::Put(Edit::change(base, share.clone()))), ..batch }).await?;
    revision.insert(key, next);
    Ok(Revised { value: share, revision })
}

/// How many batches sending records in one write of the share. The share lists
/// every document the server holds, so recording each batch would write that
/// growing list 200 times for an incident of 10,000 entries. A batch sent and not
/// yet recorded (the round stopped) is asked about again by the next round, found
/// on the server and recorded then, not sent twice.
const RECORD_EVERY: usize = 20;

/// Sends what waits, batch by batch; what the server took is recorded every
/// [`RECORD_EVERY`] batches, at the end, and when sending fails.
async fn push(
    store: &dyn Store,
    remote: &dyn Remote,
    mut share: Revised<Share>,
    outcome: &mut Outcome,
    report: &dyn Fn(Progress),
) -> Result<Revised<Share>, SyncError> {
    let outgoing = waiting(store, &share.value).await?;
    let mut next = share.value.clone();
    if !outgoing.is_empty() {
        report(Progress { waiting: outgoing.len(), received: outcome.received });
    }
    for (n, chunk) in outgoing.chunks(BATCH).enumerate() {
        let sent = send(remote, chunk, &mut next, outcome).await;
        let due = match &sent {
            Ok(()) => (n + 1) % RECORD_EVERY == 0 || (n + 1) * BATCH >= outgoing.len(),
            Err(_) => next != share.value,
        };
        if due {
            let saved = save(store, share, Batch::default(), next.clone()).await;
            // The server's failure is the round's, whether or not the record was stored.
            sent?;
            share = saved?;
        } else {
            sent?;
        }
        let waiting = outgoing.len().saturating_sub((n + 1) * BATCH);
        report(Progress { waiting, received: outcome.received });
    }
    // The review's documents, as edits of their bases (`review.rs`).
    let (next, sent, refused) = review::push(store, remote, &share.value).await?;
    if next != share.value {
        share = save(store, share, Batch::default(), next).await?;
    }
    outcome.sent += sent;
    outcome.refused.extend(refused);
    Ok(share)
}

/// Sends one batch: the server is asked which revisions it lacks and sent those;
/// `next` lists every document of the batch it did not refuse as on the server.
async fn send(
    remote: &dyn Remote,
    chunk: &[Outgoing],
    next: &mut Share,
    outcome: &mut Outcome,
) -> Result<(), RemoteError> {
    let missing = remote.revs_diff(chunk.iter().map(|o| (o.id.clone(), o.rev.clone())).collect()).await?;
    let docs: Vec<Value> = chunk.iter().filter(|o| missing.contains(&o.id)).map(|o| o.doc.clone()).collect();
    let sent = docs.len();
    let refused = if docs.is_empty() { Vec::new() } else { remote.bulk_docs(docs).await? };
    outcome.sent += sent - refused.len();
    for o in chunk {
        if !refused.iter().any(|(id, _)| *id == o.id) {
            next.on_server.insert(o.id.clone());
            if let Some(entry) = docs::entry_of_doc(&o.id) {
                next.authors.insert(entry.to_owned(), next.user.clone());
            }
        }
    }
    outcome.refused.extend(refused);
    Ok(())
}

/// Receives the changes since the checkpoint, page by page (the next page
/// asked for while one is stored); says whether
/// something waits to be sent at once (the server lost what it held, or review
/// items were moved to a new number).
async fn pull(
    store: &dyn Store,
    remote: &dyn Remote,
    mut share: Revised<Share>,
    now: DateTime<Utc>,
    outcome: &mut Outcome,
    report: &dyn Fn(Progress),
) -> Result<(Revised<Share>, bool), SyncError> {
    let id = share.value.incident;
    let checkpoint = checkpoint_id(&share.value);
    let since = resume_from(&share.value.since, remote.get(&checkpoint).await?.as_ref());
    // The server does not hold the checkpoint stored here: its database was
    // made again (what it held is lost) or its checkpoint went. Its changes are
    // read again from the start, and only what it lists counts as sent, so
    // whatever it lost waits to be sent again.
    let restarted = !share.value.since.is_null() && since == json!(0);
    if restarted {
        share.value.on_server.clear();
        // The review's documents too: their bases are revisions the server
        // no longer has, so each part goes again as a document of its own.
        share.value.review.clear();
        share.value.conflicts.clear();
        share.value.held.clear();
    }
    let mut moved = false;
    // The first page is asked for here; each next one while the one before it
    // was stored.
    let mut asked = None;
    loop {
        let changes = match asked.take() {
            Some(page) => page?,
            None => remote.changes(since.clone(), PAGE).await?,
        };
        let mut local = store.incident(id).await?;
        // Which of the page's entries and runs are stored here already (sent
        // from here, or received before), by their keys: no timeline is read
        // unless something new arrives.
        let (mut entries, mut runs) = (Vec::new(), Vec::new());
        for (doc, _) in &changes.results {
            match (docs::entry_of_doc(doc), docs::run_of_doc(doc)) {
                (Some(entry), _) => entries.push(entry.to_owned()),
                (_, Some(run)) => runs.push(run.to_owned()),
                _ => {}
            }
        }
        let placed = store.placed(entries, runs).await?;
        let wanted: Vec<(String, String)> = changes
            .results
            .iter()
            .filter(|(doc, _)| {
                if doc == docs::INCIDENT_DOC {
                    local.is_none()
                } else {
                    let key = docs::entry_of_doc(doc).or_else(|| docs::run_of_doc(doc));
                    key.is_some_and(|key| !placed.contains_key(key))
                }
            })
            .filter_map(|(doc, revs)| Some((doc.clone(), revs.last()?.clone())))
            .collect();
        let mut incident_doc = None;
        let mut new = Vec::new();
        let mut new_runs: Vec<RunbookRun> = Vec::new();
        let mut authors = Vec::new();
        if !wanted.is_empty() {
            for doc in remote.bulk_get(wanted).await? {
                match docs::receive(id, &doc) {
                    Received::Incident(found) => incident_doc = Some(*found),
                    Received::Entry(entry) if !new.iter().any(|e: &TimelineEntry| e.id() == entry.id()) => {
                        if let Some(author) = docs::author_of(&doc) {
                            authors.push((entry.id().to_string(), author.to_owned()));
                        }
                        new.push(*entry)
                    }
                    Received::Run(run) if !new_runs.iter().any(|r| r.id() == run.id()) => new_runs.push(*run),
                    _ => {}
                }
            }
        }
        let arrived = !new.is_empty() || !new_runs.is_empty();
        if local.is_none() && incident_doc.is_none() && arrived {
            // Joining: the entries need the incident they belong to.
            incident_doc = remote.get(docs::INCIDENT_DOC).await?.and_then(|doc| match docs::receive(id, &doc) {
                Received::Incident(found) => Some(*found),
                _ => None,
            });
        }
        let edit = match (local.take(), incident_doc) {
            // Entries that record no change of the incident (notes, steps,
            // runbooks, escalations, updates) leave its fold as stored: the
            // timeline is read only to fold in one that does.
            (Some(record), _) if !new.is_empty() && new.iter().all(|entry| entry.change().is_none()) => {
                let same = record.value.clone();
                Some(Edit::change(record, same))
            }
            (Some(record), _) if !new.is_empty() => {
                let known = store.timeline(id).await?.items;
                let all: Vec<&TimelineEntry> = known.iter().chain(&new).collect();
                let (folded, _) = Incident::from_timeline(&record.value, all);
                Some(Edit::change(record, folded))
            }
            (Some(_), _) => None,
            (None, Some(record)) => {
                let (folded, _) = Incident::from_timeline(&record, &new);
                Some(Edit::create(folded))
            }
            // Nothing of the incident yet: wait for its document.
            (None, None) if arrived => return Err(RemoteError::NoIncident.into()),
            (None, None) => None,
        };
        let mut next = share.value.clone();
        next.since = changes.last_seq.clone();
        next.synced_at = Some(now);
        for (doc, _) in &changes.results {
            if docs::is_data_doc(doc) {
                next.on_server.insert(doc.clone());
            }
        }
        next.authors.extend(authors);
        let pulled = review::pull(store, remote, &share.value, &changes.results, now).await?;
        (next.review, next.conflicts, next.held) = (pulled.bases, pulled.conflicts, pulled.held);
        outcome.received += new.len() + new_runs.len() + pulled.applied;
        moved |= pulled.moved > 0;
        let reviews = pulled.edit.into_iter().collect();
        if let Some(edit) = &edit {
            let key = id.to_string();
            let revision = edit.base.as_ref().map_or(1, |base| base.revision.get(&key).unwrap_or(0) + 1);
            outcome.told.push(Told { revision, keys: new.iter().map(|e| e.id().to_string()).collect() });
        }
        let batch = Batch { incident: edit, entries: new, runs: new_runs, reviews, ..Batch::default() };
        // Stored here first, then the server's checkpoint: it never runs ahead
        // of what this browser holds.
        let received = outcome.received;
        let storing = async {
            let saved = save(store, share, batch, next).await?;
            if received > 0 {
                report(Progress { waiting: 0, received });
            }
            remote.put_local(&checkpoint, json!({ "since": changes.last_seq })).await?;
            Ok::<_, SyncError>(saved)
        };
        if changes.results.len() < PAGE {
            return Ok((storing.await?, restarted || moved));
        }
        // A full page: the next one is asked for while this one is stored, so
        // that joining a long incident waits for the server and the browser's
        // database side by side rather than one after the other. A page that
        // came when this one could not be stored is dropped unread.
        let (stored, page) = join(storing, remote.changes(changes.last_seq.clone(), PAGE)).await;
        share = stored?;
        asked = Some(page);
    }
}

/// One round: sends what waits, then receives what is new. A conflict with
/// another tab's write is returned as [`StoreError::Conflict`]; the caller runs
/// the round again on what is stored now.
pub async fn round(
    store: &dyn Store,
    remote: &dyn Remote,
    incident: IncidentId,
    now: DateTime<Utc>,
) -> Result<Outcome, SyncError> {
    round_reporting(store, remote, incident, now, &|_| {}).await
}

/// One round, as [`round`], reporting how far it has come after each
/// batch sent and each page stored.
pub async fn round_reporting(
    store: &dyn Store,
    remote: &dyn Remote,
    incident: IncidentId,
    now: DateTime<Utc>,
    report: &dyn Fn(Progress),
) -> Result<Outcome, SyncError> {
    let mut outcome = Outcome::default();
    let share = find_share(store, incident).await?;
    if store.tombstone(incident).await?.is_some() {
        return Err(SyncError::Deleted);
    }
    let share = push(store, remote, share, &mut outcome, report).await?;
    let (share, again) = pull(store, remote, share, now, &mut outcome, report).await?;
    if again {
        // What the server lost, or review items moved to a new number, go at once.
        push(store, remote, share, &mut outcome, report).await?;
    }
    Ok(outcome)
}
