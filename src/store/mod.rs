//! Persistence of the workspace behind one small trait.
//!
//! [`Store`] is the contract the UI relies on: a future that resolves `Ok` means the
//! data is durably written (for IndexedDB, the transaction has completed). Reads
//! return every record that decodes and report the ones that do not, so one bad
//! record never hides the good ones. [`memory::MemoryStore`] keeps data in memory for
//! tests; [`idb::IdbStore`] is the browser's IndexedDB and the only code that knows
//! object-store names, indexes and schema upgrades. [`records`] holds the stored
//! record shapes and their migrations as pure functions.

pub mod bundles;
pub mod documents;
pub mod idb;
pub mod memory;
pub mod persistence;
pub mod records;
pub mod review_sync;
pub mod sync;
pub mod team;

pub use documents::{Revised, Revision, Table};
pub use sync::{Share, ShareWrite};
pub use team::{Team, TeamWrite};

use crate::domain::{Incident, IncidentId, Review, Runbook, RunbookRun, Settings, TimelineEntry, Tombstone};
use documents::{json, plan, split_review, split_settings, Expect, Op, Part};
use records::{current_data, decode, restore, restore_all, runbook_key, Envelope, Kind, RestoreError};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;

/// The future every store operation returns; it is not `Send`, as IndexedDB is not.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + 'a>>;

/// What can go wrong when storing or loading, in terms a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The browser offers no IndexedDB (some private windows, or storage disabled).
    #[error("this browser does not let Sitrep store data: {0}")]
    Unavailable(String),
    /// The browser's storage for this site is full.
    #[error("the browser's storage for this site is full")]
    QuotaExceeded,
    /// Another tab keeps an older version of the database open.
    #[error("another Sitrep tab keeps the database open and blocks its upgrade")]
    Blocked,
    /// The stored data was written by a newer version of Sitrep.
    #[error("the stored data was written by a newer version of Sitrep (schema {0})")]
    NewerSchema(u32),
    /// Another tab stored a change of the same record first: created it (a
    /// runbook version, a review started twice) or changed it since it was read.
    /// Nothing of the write was stored.
    #[error("another tab saved a change to this first")]
    Conflict,
    /// Any other failure of a read or a write; the detail is for bug reports.
    #[error("the browser refused the operation: {0}")]
    Failed(String),
}

/// A stored record that could not be read, kept out of the results and reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The record's key as stored, or a description if even that is missing.
    pub key: String,
    /// Why it could not be read.
    pub reason: String,
}

/// A stored record that cannot be read, exactly as it is stored, so that it can
/// be exported for repair. Nothing ever writes over it.
#[derive(Debug, Clone, PartialEq)]
pub struct Damaged {
    /// The table it is in.
    pub table: Table,
    /// Its key and why it cannot be read.
    pub unreadable: Unreadable,
    /// The record as stored.
    pub record: Value,
}

/// The records a read found: those that decode, and those that do not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded<T> {
    /// The records that decoded.
    pub items: Vec<T>,
    /// The records that did not.
    pub unreadable: Vec<Unreadable>,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Self { items: Vec::new(), unreadable: Vec::new() }
    }
}

/// A change of a document: what it was when read (`None` for a new one) and what
/// it becomes. Only the records that differ are written, each expecting the
/// revision it was read at.
#[derive(Debug, Clone)]
pub struct Edit<T> {
    /// The document as read, with its revisions; `None` creates it.
    pub base: Option<Revised<T>>,
    /// The document as changed.
    pub value: T,
}

impl<T> Edit<T> {
    /// Creates a document; the write is refused if any of its records exists.
    pub fn create(value: T) -> Self {
        Self { base: None, value }
    }

    /// Changes a document read as `base`.
    pub fn change(base: Revised<T>, value: T) -> Self {
        Self { base: Some(base), value }
    }
}

/// Everything one user action writes, stored all together or not at all.
///
/// Nothing is ever replaced blindly: entries, runs and runbook versions are added
/// (a stored one with the same key refuses the batch); documents and the incident
/// are written only if their records are still at the revision they were read
/// at. Otherwise the whole batch is refused with [`StoreError::Conflict`].
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// The workspace settings, new or changed.
    pub settings: Option<Edit<Settings>>,
    /// The incident, new or changed. A change is written even when the incident
    /// is unchanged: its revision is the incident's head, which every append
    /// checks and moves on, so a tab that has not seen another tab's entries
    /// re-reads before it appends.
    pub incident: Option<Edit<Incident>>,
    /// Timeline entries to add.
    pub entries: Vec<TimelineEntry>,
    /// Runbook runs to add.
    pub runs: Vec<RunbookRun>,
    /// Runbook versions to add.
    pub runbooks: Vec<Runbook>,
    /// Reviews, new or changed.
    pub reviews: Vec<Edit<Review>>,
    /// An incident deleted with everything recorded about it.
    pub deleted: Option<Deleted>,
    /// What stays of incidents deleted elsewhere, restored from a backup; each
    /// is added, so it never replaces an incident here.
    pub tombstones: Vec<Tombstone>,
    /// Runbook versions removed: those a restore into a workspace without
    /// incidents replaces, after the user confirmed it.
    pub runbooks_removed: Vec<Runbook>,
    /// The incident's share: created, moved on by a sync, or stopped.
    pub share: Option<ShareWrite>,
    /// The team workspace followed: started, moved on by a sync, or stopped.
    pub team: Option<TeamWrite>,
}

/// An incident deleted with its entries, runs and review. Its record becomes a
/// [`Tombstone`], written only if the incident's head is still the one read (so
/// an entry another tab added meanwhile is never deleted unseen), and kept so
/// that an import of the same incident is refused rather than bringing it back.
#[derive(Debug, Clone)]
pub struct Deleted {
    /// The incident as read, with its head revision.
    pub incident: Revised<Incident>,
    /// What stays of it.
    pub tombstone: Tombstone,
    /// The keys of its entries, readable or not.
    pub entries: Vec<String>,
    /// The keys of its runbook runs, readable or not.
    pub runs: Vec<String>,
    /// Its review as read, if it had one.
    pub review: Option<Revised<Review>>,
}

fn added<T: serde::Serialize>(
    table: Table,
    kind: Kind,
    key: String,
    incident: Option<String>,
    value: &T,
) -> Result<Op, StoreError> {
    Ok(Op { table, key, incident, kind, expect: Expect::Absent, data: Some(json(value)?) })
}

fn settings_parts(settings: &Settings) -> Result<Vec<Part>, StoreError> {
    Ok(split_settings(json(settings)?))
}

/// The settings put together from their stored records (the preferences' and the
/// workspace's), with the revision of the newest.
fn settings_of(raws: Vec<Value>) -> Result<Option<Revised<Settings>>, StoreError> {
    let mut revision = Revision::default();
    let records = current(Kind::Settings, raws, &mut revision)?;
    let Some(joined) = documents::join_settings(records) else { return Ok(None) };
    let value = decode("settings", joined).map_err(StoreError::from)?;
    Ok(Some(Revised { value, revision }))
}

fn review_parts(review: &Review) -> Result<Vec<Part>, StoreError> {
    Ok(split_review(&review.incident().to_string(), json(review)?))
}

impl Batch {
    /// The record operations this batch makes, for a store to run in one
    /// transaction.
    pub fn ops(&self) -> Result<Vec<Op>, StoreError> {
        let mut ops = Vec::new();
        for runbook in &self.runbooks_removed {
            ops.push(Op {
                table: Table::Runbooks,
                key: runbook_key(runbook),
                incident: None,
                kind: Kind::Runbook,
                expect: Expect::Any,
                data: None,
            });
        }
        if let Some(edit) = &self.settings {
            let base = edit
                .base
                .as_ref()
                .map(|b| Ok::<_, StoreError>((settings_parts(&b.value)?, &b.revision)))
                .transpose()?;
            ops.extend(plan(Kind::Settings, base, settings_parts(&edit.value)?));
        }
        if let Some(edit) = &self.incident {
            let key = edit.value.id().to_string();
            let expect = edit.base.as_ref().map_or(Expect::Absent, |b| Expect::At(b.revision.get(&key).unwrap_or(0)));
            ops.push(Op {
                table: Table::Incidents,
                key,
                incident: None,
                kind: Kind::Incident,
                expect,
                data: Some(json(&edit.value)?),
            });
        }
        for entry in &self.entries {
            ops.push(added(
                Table::Timeline,
                Kind::Entry,
                entry.id().to_string(),
                Some(entry.incident().to_string()),
                entry,
            )?);
        }
        for run in &self.runs {
            ops.push(added(Table::Runs, Kind::Run, run.id().to_string(), Some(run.incident().to_string()), run)?);
        }
        for runbook in &self.runbooks {
            ops.push(added(Table::Runbooks, Kind::Runbook, runbook_key(runbook), None, runbook)?);
        }
        for tombstone in &self.tombstones {
            let data = serde_json::json!({ "tombstone": json(tombstone)? });
            let key = tombstone.id().to_string();
            ops.push(Op {
                table: Table::Incidents,
                key,
                incident: None,
                kind: Kind::Incident,
                expect: Expect::Absent,
                data: Some(data),
            });
        }
        if let Some(deleted) = &self.deleted {
            let key = deleted.incident.value.id().to_string();
            let expect = Expect::At(deleted.incident.revision.get(&key).unwrap_or(0));
            let data = Some(serde_json::json!({ "tombstone": json(&deleted.tombstone)? }));
            ops.push(Op {
                table: Table::Incidents,
                key: key.clone(),
                incident: None,
                kind: Kind::Incident,
                expect,
                data,
            });
            let gone =
                |table, kind, key: String| Op { table, key, incident: None, kind, expect: Expect::Any, data: None };
            ops.extend(deleted.entries.iter().map(|key| gone(Table::Timeline, Kind::Entry, key.clone())));
            ops.extend(deleted.runs.iter().map(|key| gone(Table::Runs, Kind::Run, key.clone())));
            if let Some(review) = &deleted.review {
                ops.extend(plan(Kind::Review, Some((review_parts(&review.value)?, &review.revision)), Vec::new()));
            }
        }
        match &self.share {
            Some(ShareWrite::Put(edit)) => {
                let key = edit.value.incident.to_string();
                let expect =
                    edit.base.as_ref().map_or(Expect::Absent, |b| Expect::At(b.revision.get(&key).unwrap_or(0)));
                ops.push(Op {
                    table: Table::Shares,
                    key,
                    incident: None,
                    kind: Kind::Share,
                    expect,
                    data: Some(json(&edit.value)?),
                });
            }
            Some(ShareWrite::Stop(share)) => {
                let key = share.value.incident.to_string();
                let expect = Expect::At(share.revision.get(&key).unwrap_or(0));
                ops.push(Op { table: Table::Shares, key, incident: None, kind: Kind::Share, expect, data: None });
            }
            None => {}
        }
        if let Some(write) = &self.team {
            let at = |base: &Revised<Team>| Expect::At(base.revision.get(team::TEAM_KEY).unwrap_or(0));
            let (expect, data) = match write {
                TeamWrite::Put(edit) => (edit.base.as_ref().map_or(Expect::Absent, at), Some(json(&edit.value)?)),
                TeamWrite::Stop(base) => (at(base), None),
            };
            let key = team::TEAM_KEY.to_owned();
            ops.push(Op { table: Table::Preferences, key, incident: None, kind: Kind::Team, expect, data });
        }
        for edit in &self.reviews {
            let base =
                edit.base.as_ref().map(|b| Ok::<_, StoreError>((review_parts(&b.value)?, &b.revision))).transpose()?;
            ops.extend(plan(Kind::Review, base, review_parts(&edit.value)?));
        }
        Ok(ops)
    }
}

/// A read of raw records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// The record with this key, if any.
    Get(Table, String),
    /// Every record of the table.
    All(Table),
    /// The records of the table that belong to an incident (its index).
    OfIncident(Table, String),
    /// The keys (as JSON strings) of the table's records that belong to an
    /// incident, through its index; no record is read.
    KeysOfIncident(Table, String),
    /// The keys (as JSON strings, in key order) of the table's records from the
    /// first key to the second, both included; no record is read.
    KeysBetween(Table, String, String),
    /// At most `count` timeline entries of an incident from one end of its
    /// event-time order (the index by incident and event time), in that order;
    /// ties in time go by key, as the index orders them.
    TimelineEnd {
        /// The incident.
        incident: String,
        /// How many entries at most.
        count: usize,
        /// Which end.
        end: End,
    },
}

/// What an incident page shows first, read together in one transaction by
/// [`Store::opening`].
#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    /// The incident as stored (the cached fold), with its head revision.
    pub incident: Revised<Incident>,
    /// At most the count asked for of its entries, from one end of its timeline.
    pub entries: Loaded<TimelineEntry>,
    /// Its runbook runs.
    pub runs: Loaded<RunbookRun>,
}

/// What the writers of an incident said they stored since a page read it: the
/// incident's revision after their writes, and the keys of the entries those
/// writes added ([`Store::catch_up`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Told {
    /// The incident's revision after the last of the writes.
    pub revision: u64,
    /// The entries the writes added.
    pub keys: Vec<String>,
}

/// One end of a timeline in event-time order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The earliest entries.
    Oldest,
    /// The latest entries.
    Newest,
}

/// Raw records: what a backend (memory or IndexedDB) provides. [`Store`] is built
/// on it once, for every backend, so the documents are split, joined and checked
/// the same way everywhere.
pub trait Records {
    /// Runs the queries in one read-only transaction, each giving its records as
    /// stored envelopes (JSON), in key order.
    fn read(&self, queries: Vec<Query>) -> StoreFuture<'_, Vec<Vec<Value>>>;

    /// Runs the ops in one read-write transaction: a record expected absent is
    /// added (a stored one refuses the write with [`StoreError::Conflict`]); a
    /// record expected at a revision is first read and, if its revision differs,
    /// the write is refused with [`StoreError::Conflict`]. `Ok` once committed.
    fn apply(&self, ops: Vec<Op>) -> StoreFuture<'_, ()>;

    /// Lets the page run (input, rendering) between chunks of a long read, such
    /// as the thousands of entries of a long incident, so that no single task
    /// blocks it for long. A backend outside a browser has nothing to let run.
    fn pause(&self) -> StoreFuture<'_, ()> {
        Box::pin(std::future::ready(Ok(())))
    }
}

/// Whichever backend the app opened, behind `dyn`: the app stores through this
/// one type, so [`Store`]'s code is compiled once rather than once per backend
/// (IndexedDB, and memory when the browser refuses a database).
pub struct AnyRecords(pub Box<dyn Records>);

impl Records for AnyRecords {
    fn read(&self, queries: Vec<Query>) -> StoreFuture<'_, Vec<Vec<Value>>> {
        self.0.read(queries)
    }

    fn apply(&self, ops: Vec<Op>) -> StoreFuture<'_, ()> {
        self.0.apply(ops)
    }

    fn pause(&self) -> StoreFuture<'_, ()> {
        self.0.pause()
    }
}

/// How many records a long read decodes between two [`Records::pause`]s.
pub const CHUNK: usize = 500;

/// [`records::restore_all`], pausing every [`CHUNK`] records.
async fn restore_paced<T: serde::de::DeserializeOwned>(
    records: &(impl Records + ?Sized),
    kind: Kind,
    raws: Vec<Value>,
) -> Result<Loaded<T>, StoreError> {
    let mut loaded = Loaded::default();
    let mut raws = raws.into_iter().peekable();
    while raws.peek().is_some() {
        let chunk: Vec<Value> = raws.by_ref().take(CHUNK).collect();
        let mut part: Loaded<T> = restore_all(kind, chunk)?;
        loaded.items.append(&mut part.items);
        loaded.unreadable.append(&mut part.unreadable);
        if raws.peek().is_some() {
            records.pause().await?;
        }
    }
    Ok(loaded)
}

/// Where the workspace lives.
///
/// Every write is a [`Batch`], stored completely or not at all: an incident saved
/// together with the entries that record its change never appears without them.
pub trait Store {
    /// Writes a batch in one transaction.
    fn write(&self, batch: Batch) -> StoreFuture<'_, ()>;

    /// Writes several batches in one transaction: all of them or none.
    fn write_all(&self, batches: Vec<Batch>) -> StoreFuture<'_, ()>;

    /// The workspace settings, or `None` if they were never saved.
    fn settings(&self) -> StoreFuture<'_, Option<Revised<Settings>>>;

    /// What the app opens with, in one read: the settings (as
    /// [`Store::settings`]) and every stored version of every runbook (as
    /// [`Store::runbooks`]).
    fn workspace(&self) -> StoreFuture<'_, (Option<Revised<Settings>>, Loaded<Runbook>)>;

    /// Every incident (as last cached), in no particular order.
    fn incidents(&self) -> StoreFuture<'_, Loaded<Incident>>;

    /// One incident, with its head revision, or `None` if there is none with that
    /// id. A stored incident that does not decode is an error, as nothing else
    /// could be shown in its place.
    fn incident(&self, id: IncidentId) -> StoreFuture<'_, Option<Revised<Incident>>>;

    /// One incident's entries, in no particular order, read without scanning the
    /// entries of other incidents.
    fn timeline(&self, incident: IncidentId) -> StoreFuture<'_, Loaded<TimelineEntry>>;

    /// At most `count` entries of one incident from one `end` of its timeline in
    /// event-time order, read through an index without reading the others: what
    /// the incident page paints before the rest arrives. Entries stored before
    /// their shape was current, or that do not decode, may be left out here;
    /// [`Store::timeline`] reads them all.
    fn timeline_end(&self, incident: IncidentId, count: usize, end: End) -> StoreFuture<'_, Loaded<TimelineEntry>>;

    /// What the incident page paints first, in one read: the incident, at most
    /// `count` of its entries from one `end` of its timeline (as
    /// [`Store::timeline_end`] reads them) and its runs; `None` if there is no
    /// incident with that id.
    fn opening(&self, incident: IncidentId, count: usize, end: End) -> StoreFuture<'_, Option<Opening>>;

    /// What a page holding the entries `known` of an incident lacks, without
    /// reading the others (another tab's few new entries in a timeline of
    /// thousands). With what the writers `told` (the incident's revision after
    /// their writes and the entries those writes added), one read: the
    /// incident, its runs and those entries by key, trusted when the incident
    /// is at that revision and each entry is there. Otherwise, or without
    /// `told`, two reads: the incident and its runs with the keys of its
    /// entries, then the entries not in `known` by key. `None` if there is no
    /// incident with that id.
    fn catch_up(
        &self,
        incident: IncidentId,
        known: BTreeSet<String>,
        told: Option<Told>,
    ) -> StoreFuture<'_, Option<Opening>>;

    /// One incident's runbook runs, in no particular order.
    fn runs(&self, incident: IncidentId) -> StoreFuture<'_, Loaded<RunbookRun>>;

    /// Every stored version of every runbook.
    fn runbooks(&self) -> StoreFuture<'_, Loaded<Runbook>>;

    /// The review of an incident, if one was started.
    fn review(&self, incident: IncidentId) -> StoreFuture<'_, Option<Revised<Review>>>;

    /// Every review, for the remediation plan.
    fn reviews(&self) -> StoreFuture<'_, Loaded<Review>>;

    /// What stays of a deleted incident, if this one was deleted.
    fn tombstone(&self, id: IncidentId) -> StoreFuture<'_, Option<Tombstone>>;

    /// What stays of every deleted incident.
    fn tombstones(&self) -> StoreFuture<'_, Vec<Tombstone>>;

    /// Every stored record that cannot be read, as stored. A document made of
    /// several records (the settings, a review) that cannot be put together
    /// lists all its records.
    fn damaged(&self) -> StoreFuture<'_, Vec<Damaged>>;

    /// Of these entry and run ids, the ones stored here, each with the incident
    /// it is stored under, without scanning any timeline or reading the records
    /// of ids that are not here.
    fn placed(&self, entries: Vec<String>, runs: Vec<String>) -> StoreFuture<'_, BTreeMap<String, IncidentId>>;

    /// Every shared incident's share, with its revision.
    fn shares(&self) -> StoreFuture<'_, Loaded<Revised<Share>>>;

    /// The team workspace this browser follows, with its revision, if any.
    fn team(&self) -> StoreFuture<'_, Option<Revised<Team>>>;
}

/// Whether a raw incident record is a deleted incident's tombstone.
fn is_tombstone(raw: &Value) -> bool {
    raw.get("data").and_then(|data| data.get("tombstone")).is_some()
}

/// Brings each raw record up to date, noting its revision.
fn current(kind: Kind, raws: Vec<Value>, revision: &mut Revision) -> Result<Vec<(String, Value)>, StoreError> {
    let mut records = Vec::new();
    for raw in raws {
        let rev = Envelope::revision_of(&raw);
        let (key, data) = current_data(kind, raw).map_err(StoreError::from)?;
        revision.insert(key.clone(), rev);
        records.push((key, data));
    }
    Ok(records)
}

/// A review from its workflow record and its other records.
fn joined_review(workflow: Value, parts: Vec<Value>) -> Result<Revised<Review>, StoreError> {
    let mut revision = Revision::default();
    let mut head = current(Kind::Review, vec![workflow], &mut revision)?;
    let (key, head) = head.pop().ok_or_else(|| StoreError::Failed("no review".into()))?;
    let parts = current(Kind::Review, parts, &mut revision)?;
    let value = decode(&key, documents::join_review(head, parts)).map_err(StoreError::from)?;
    Ok(Revised { value, revision })
}

fn one(mut results: Vec<Vec<Value>>) -> Vec<Value> {
    results.pop().unwrap_or_default()
}

/// The incident `id` from what a read of its record found: `None` if nothing,
/// or a tombstone, was found.
fn stored_incident(id: IncidentId, mut found: Vec<Value>) -> Result<Option<Revised<Incident>>, StoreError> {
    let Some(raw) = found.pop() else { return Ok(None) };
    if is_tombstone(&raw) {
        return Ok(None);
    }
    let mut revision = Revision::default();
    revision.insert(id.to_string(), Envelope::revision_of(&raw));
    let value = restore(Kind::Incident, raw).map_err(StoreError::from)?;
    Ok(Some(Revised { value, revision }))
}

impl<R: Records> Store for R {
    fn team(&self) -> StoreFuture<'_, Option<Revised<Team>>> {
        Box::pin(async move {
            let query = Query::Get(Table::Preferences, team::TEAM_KEY.to_owned());
            let Some(raw) = one(self.read(vec![query]).await?).pop() else { return Ok(None) };
            let mut revision = Revision::default();
            revision.insert(team::TEAM_KEY.to_owned(), Envelope::revision_of(&raw));
            let value = restore::<Team>(Kind::Team, raw).map_err(StoreError::from)?;
            Ok(Some(Revised { value, revision }))
        })
    }

    fn shares(&self) -> StoreFuture<'_, Loaded<Revised<Share>>> {
        Box::pin(async move {
            let mut loaded = Loaded::default();
            for raw in one(self.read(vec![Query::All(Table::Shares)]).await?) {
                let mut revision = Revision::default();
                let rev = Envelope::revision_of(&raw);
                match restore::<Share>(Kind::Share, raw) {
                    Ok(value) => {
                        revision.insert(value.incident.to_string(), rev);
                        loaded.items.push(Revised { value, revision });
                    }
                    Err(records::RestoreError::Unreadable(u)) => loaded.unreadable.push(u),
                    Err(records::RestoreError::Newer(schema)) => return Err(StoreError::NewerSchema(schema)),
                }
            }
            Ok(loaded)
        })
    }

    fn tombstone(&self, id: IncidentId) -> StoreFuture<'_, Option<Tombstone>> {
        Box::pin(async move {
            let Some(raw) = one(self.read(vec![Query::Get(Table::Incidents, id.to_string())]).await?).pop() else {
                return Ok(None);
            };
            let Some(data) = raw.get("data").and_then(|data| data.get("tombstone")).cloned() else { return Ok(None) };
            decode(&id.to_string(), data).map(Some).map_err(StoreError::from)
        })
    }

    fn write(&self, batch: Batch) -> StoreFuture<'_, ()> {
        Box::pin(async move { self.apply(batch.ops()?).await })
    }

    fn write_all(&self, batches: Vec<Batch>) -> StoreFuture<'_, ()> {
        Box::pin(async move {
            let mut ops = Vec::new();
            for batch in &batches {
                ops.extend(batch.ops()?);
            }
            self.apply(ops).await
        })
    }

    fn damaged(&self) -> StoreFuture<'_, Vec<Damaged>> {
        /// Why a timeline entry without the fields it is indexed by is listed.
        const NOT_INDEXED: &str = "no incident or time (`incident`, `at`) to find it by";
        Box::pin(async move {
            let mut results = self.read(Table::ALL.iter().map(|t| Query::All(*t)).collect()).await?.into_iter();
            let mut next = || results.next().unwrap_or_default();
            let (preferences, workspace, incidents, timeline, runs, runbooks, reviews, parts, shares) =
                (next(), next(), next(), next(), next(), next(), next(), next(), next());
            let mut damaged = Vec::new();
            let mut one_by_one = |table: Table, raws: Vec<Value>, check: &dyn Fn(Value) -> Result<(), RestoreError>| {
                for raw in raws {
                    if let Err(RestoreError::Unreadable(unreadable)) = check(raw.clone()) {
                        damaged.push(Damaged { table, unreadable, record: raw });
                    }
                }
            };
            one_by_one(Table::Incidents, incidents, &|raw| {
                if is_tombstone(&raw) {
                    let (key, data) = current_data(Kind::Incident, raw)?;
                    let data = data.get("tombstone").cloned().unwrap_or_default();
                    decode::<Tombstone>(&key, data).map(drop)
                } else {
                    restore::<Incident>(Kind::Incident, raw).map(drop)
                }
            });
            one_by_one(Table::Timeline, timeline, &|raw| {
                // An entry the index by incident and time cannot hold is in no
                // read of its incident, so it is listed here even if it decodes.
                let indexed = ["incident", "at"].iter().all(|field| raw.get(*field).is_some_and(Value::is_string));
                let unindexed = (!indexed).then(|| Envelope::key_of(&raw).unwrap_or("(no key)").to_owned());
                restore::<TimelineEntry>(Kind::Entry, raw)?;
                match unindexed {
                    None => Ok(()),
                    Some(key) => Err(RestoreError::Unreadable(Unreadable { key, reason: NOT_INDEXED.to_owned() })),
                }
            });
            one_by_one(Table::Runs, runs, &|raw| restore::<RunbookRun>(Kind::Run, raw).map(drop));
            one_by_one(Table::Runbooks, runbooks, &|raw| restore::<Runbook>(Kind::Runbook, raw).map(drop));
            one_by_one(Table::Shares, shares, &|raw| restore::<Share>(Kind::Share, raw).map(drop));
            // Documents: when one does not decode, all its records are listed.
            let mut revision = Revision::default();
            let settings: Vec<(Table, Value)> = preferences
                .into_iter()
                .map(|raw| (Table::Preferences, raw))
                .chain(workspace.into_iter().map(|raw| (Table::Workspace, raw)))
                .collect();
            let raws = settings.iter().map(|(_, raw)| raw.clone()).collect();
            let joined =
                current(Kind::Settings, raws, &mut revision).map(documents::join_settings).and_then(|joined| {
                    joined.map(|j| decode::<Settings>("settings", j).map(drop).map_err(StoreError::from)).transpose()
                });
            if let Err(error) = joined {
                for (table, raw) in settings {
                    let key = Envelope::key_of(&raw).unwrap_or("(no key)").to_owned();
                    damaged.push(Damaged {
                        table,
                        unreadable: Unreadable { key, reason: error.to_string() },
                        record: raw,
                    });
                }
            }
            let mut by_incident: BTreeMap<String, Vec<Value>> = BTreeMap::new();
            for part in parts {
                let incident = part.get("incident").and_then(Value::as_str).unwrap_or_default().to_owned();
                by_incident.entry(incident).or_default().push(part);
            }
            for workflow in reviews {
                let incident = Envelope::key_of(&workflow).unwrap_or_default().to_owned();
                let mine = by_incident.remove(&incident).unwrap_or_default();
                if let Err(error) = joined_review(workflow.clone(), mine.clone()) {
                    let records = std::iter::once((Table::Reviews, workflow))
                        .chain(mine.into_iter().map(|p| (Table::ReviewParts, p)));
                    for (table, raw) in records {
                        let key = Envelope::key_of(&raw).unwrap_or("(no key)").to_owned();
                        damaged.push(Damaged {
                            table,
                            unreadable: Unreadable { key, reason: error.to_string() },
                            record: raw,
                        });
                    }
                }
            }
            Ok(damaged)
        })
    }

    fn tombstones(&self) -> StoreFuture<'_, Vec<Tombstone>> {
        Box::pin(async move {
            let raws = one(self.read(vec![Query::All(Table::Incidents)]).await?);
            let mut tombstones = Vec::new();
            for raw in raws {
                let key = Envelope::key_of(&raw).unwrap_or_default().to_owned();
                if let Some(data) = raw.get("data").and_then(|data| data.get("tombstone")).cloned() {
                    tombstones.push(decode(&key, data).map_err(StoreError::from)?);
                }
            }
            Ok(tombstones)
        })
    }

    fn placed(&self, entries: Vec<String>, runs: Vec<String>) -> StoreFuture<'_, BTreeMap<String, IncidentId>> {
        Box::pin(async move {
            // First the keys stored between each list's smallest and largest id
            // (keys only, one request a table), then the records of the ids
            // among them: an import of thousands of new entries reads no record.
            let wanted: Vec<(Table, BTreeSet<String>)> = [(Table::Timeline, entries), (Table::Runs, runs)]
                .into_iter()
                .map(|(table, ids)| (table, crate::domain::order::set_of(ids)))
                .filter(|(_, ids)| !ids.is_empty())
                .collect();
            let spans = wanted
                .iter()
                .filter_map(|(table, ids)| Some(Query::KeysBetween(*table, ids.first()?.clone(), ids.last()?.clone())))
                .collect();
            let mut gets = Vec::new();
            for ((table, ids), keys) in wanted.iter().zip(self.read(spans).await?) {
                let here = keys.iter().filter_map(Value::as_str).filter(|key| ids.contains(*key));
                gets.extend(here.map(|key| Query::Get(*table, key.to_owned())));
            }
            let mut placed = BTreeMap::new();
            for raw in self.read(gets).await?.into_iter().flatten() {
                let key = Envelope::key_of(&raw).unwrap_or_default().to_owned();
                let incident = raw.get("incident").and_then(Value::as_str).and_then(|id| id.parse().ok());
                if let Some(incident) = incident {
                    placed.insert(key, incident);
                }
            }
            Ok(placed)
        })
    }

    fn settings(&self) -> StoreFuture<'_, Option<Revised<Settings>>> {
        Box::pin(async move {
            let queries = vec![Query::Get(Table::Preferences, "me".into()), Query::All(Table::Workspace)];
            settings_of(self.read(queries).await?.into_iter().flatten().collect())
        })
    }

    fn workspace(&self) -> StoreFuture<'_, (Option<Revised<Settings>>, Loaded<Runbook>)> {
        Box::pin(async move {
            let queries = vec![
                Query::Get(Table::Preferences, "me".into()),
                Query::All(Table::Workspace),
                Query::All(Table::Runbooks),
            ];
            let mut results = self.read(queries).await?.into_iter();
            let mut next = || results.next().unwrap_or_default();
            let mut settings = next();
            settings.extend(next());
            Ok((settings_of(settings)?, restore_all(Kind::Runbook, next())?))
        })
    }

    fn incidents(&self) -> StoreFuture<'_, Loaded<Incident>> {
        Box::pin(async move {
            let mut raws = one(self.read(vec![Query::All(Table::Incidents)]).await?);
            raws.retain(|raw| !is_tombstone(raw));
            restore_all(Kind::Incident, raws)
        })
    }

    fn incident(&self, id: IncidentId) -> StoreFuture<'_, Option<Revised<Incident>>> {
        Box::pin(async move {
            stored_incident(id, one(self.read(vec![Query::Get(Table::Incidents, id.to_string())]).await?))
        })
    }

    fn opening(&self, incident: IncidentId, count: usize, end: End) -> StoreFuture<'_, Option<Opening>> {
        Box::pin(async move {
            let key = incident.to_string();
            let queries = vec![
                Query::Get(Table::Incidents, key.clone()),
                Query::TimelineEnd { incident: key.clone(), count, end },
                Query::OfIncident(Table::Runs, key),
            ];
            let mut results = self.read(queries).await?.into_iter();
            let mut next = || results.next().unwrap_or_default();
            let Some(found) = stored_incident(incident, next())? else { return Ok(None) };
            let entries = restore_all(Kind::Entry, next())?;
            let runs = restore_all(Kind::Run, next())?;
            Ok(Some(Opening { incident: found, entries, runs }))
        })
    }

    fn catch_up(
        &self,
        incident: IncidentId,
        known: BTreeSet<String>,
        told: Option<Told>,
    ) -> StoreFuture<'_, Option<Opening>> {
        Box::pin(async move {
            let key = incident.to_string();
            if let Some(told) = told {
                let mut queries =
                    vec![Query::Get(Table::Incidents, key.clone()), Query::OfIncident(Table::Runs, key.clone())];
                let gets = told.keys.into_iter().filter(|entry| !known.contains(entry));
                queries.extend(gets.map(|entry| Query::Get(Table::Timeline, entry)));
                let mut results = self.read(queries).await?.into_iter();
                let Some(found) = stored_incident(incident, results.next().unwrap_or_default())? else {
                    return Ok(None);
                };
                let runs = results.next().unwrap_or_default();
                let raws: Vec<Vec<Value>> = results.collect();
                if found.revision.get(&key) == Some(told.revision) && raws.iter().all(|raw| !raw.is_empty()) {
                    let entries = restore_all(Kind::Entry, raws.into_iter().flatten().collect())?;
                    return Ok(Some(Opening { incident: found, entries, runs: restore_all(Kind::Run, runs)? }));
                }
            }
            let queries = vec![
                Query::Get(Table::Incidents, key.clone()),
                Query::KeysOfIncident(Table::Timeline, key.clone()),
                Query::OfIncident(Table::Runs, key),
            ];
            let mut results = self.read(queries).await?.into_iter();
            let mut next = || results.next().unwrap_or_default();
            let Some(found) = stored_incident(incident, next())? else { return Ok(None) };
            let keys = next();
            let runs = restore_all(Kind::Run, next())?;
            let missing = keys.iter().filter_map(Value::as_str).filter(|key| !known.contains(*key));
            let gets: Vec<Query> = missing.map(|key| Query::Get(Table::Timeline, key.to_owned())).collect();
            let raws =
                if gets.is_empty() { Vec::new() } else { self.read(gets).await?.into_iter().flatten().collect() };
            // Thousands, when another tab imported into the incident: paced
            // as a whole timeline's read is.
            Ok(Some(Opening { incident: found, entries: restore_paced(self, Kind::Entry, raws).await?, runs }))
        })
    }

    fn timeline(&self, incident: IncidentId) -> StoreFuture<'_, Loaded<TimelineEntry>> {
        Box::pin(async move {
            let query = Query::OfIncident(Table::Timeline, incident.to_string());
            restore_paced(self, Kind::Entry, one(self.read(vec![query]).await?)).await
        })
    }

    fn timeline_end(&self, incident: IncidentId, count: usize, end: End) -> StoreFuture<'_, Loaded<TimelineEntry>> {
        Box::pin(async move {
            let query = Query::TimelineEnd { incident: incident.to_string(), count, end };
            restore_all(Kind::Entry, one(self.read(vec![query]).await?))
        })
    }

    fn runs(&self, incident: IncidentId) -> StoreFuture<'_, Loaded<RunbookRun>> {
        Box::pin(async move {
            let query = Query::OfIncident(Table::Runs, incident.to_string());
            restore_all(Kind::Run, one(self.read(vec![query]).await?))
        })
    }

    fn runbooks(&self) -> StoreFuture<'_, Loaded<Runbook>> {
        Box::pin(async move { restore_all(Kind::Runbook, one(self.read(vec![Query::All(Table::Runbooks)]).await?)) })
    }

    fn review(&self, incident: IncidentId) -> StoreFuture<'_, Option<Revised<Review>>> {
        Box::pin(async move {
            let key = incident.to_string();
            let queries = vec![Query::Get(Table::Reviews, key.clone()), Query::OfIncident(Table::ReviewParts, key)];
            let mut results = self.read(queries).await?.into_iter();
            let Some(workflow) = results.next().unwrap_or_default().pop() else { return Ok(None) };
            joined_review(workflow, results.next().unwrap_or_default()).map(Some)
        })
    }

    fn reviews(&self) -> StoreFuture<'_, Loaded<Review>> {
        Box::pin(async move {
            let queries = vec![Query::All(Table::Reviews), Query::All(Table::ReviewParts)];
            let mut results = self.read(queries).await?.into_iter();
            let workflows = results.next().unwrap_or_default();
            let mut parts: std::collections::BTreeMap<String, Vec<Value>> = Default::default();
            for part in results.next().unwrap_or_default() {
                let incident = part.get("incident").and_then(Value::as_str).unwrap_or_default().to_owned();
                parts.entry(incident).or_default().push(part);
            }
            let mut loaded = Loaded::default();
            for workflow in workflows {
                let incident = Envelope::key_of(&workflow).unwrap_or_default().to_owned();
                let mine = parts.remove(&incident).unwrap_or_default();
                match joined_review(workflow, mine) {
                    Ok(review) => loaded.items.push(review.value),
                    Err(StoreError::NewerSchema(schema)) => return Err(StoreError::NewerSchema(schema)),
                    Err(error) => loaded.unreadable.push(Unreadable { key: incident, reason: error.to_string() }),
                }
            }
            Ok(loaded)
        })
    }
}
