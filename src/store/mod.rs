//! Persistence of the workspace behind one small trait.
//!
//! [`Store`] is the contract the UI relies on: a future that resolves `Ok` means the
//! data is durably written (for IndexedDB, the transaction has completed). Reads
//! return every record that decodes and report the ones that do not, so one bad
//! record never hides the good ones. [`memory::MemoryStore`] keeps data in memory for
//! tests; [`idb::IdbStore`] is the browser's IndexedDB and the only code that knows
//! object-store names, indexes and schema upgrades. [`records`] holds the stored
//! record shapes and their migrations as pure functions.

pub mod idb;
pub mod memory;
pub mod records;

use crate::domain::{Incident, IncidentId, Review, Runbook, RunbookRun, Settings, TimelineEntry};
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
    /// Another tab stored the same new record first (a runbook version, say).
    #[error("another tab saved this first")]
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

/// Everything one user action writes, stored all together or not at all.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// New workspace settings.
    pub settings: Option<Settings>,
    /// A new or changed incident.
    pub incident: Option<Incident>,
    /// Timeline entries to add.
    pub entries: Vec<TimelineEntry>,
    /// Runbook runs to add.
    pub runs: Vec<RunbookRun>,
    /// Runbook versions to add; a version that is already stored is refused.
    ///
    /// Entries and runs are added too: a stored entry or run is never replaced,
    /// so a batch that repeats one (a crafted import reusing another incident's
    /// entry ids, say) is refused with [`StoreError::Conflict`].
    pub runbooks: Vec<Runbook>,
    /// Reviews to store (one per incident; a later one replaces the earlier,
    /// unless `create_reviews` says they are new).
    pub reviews: Vec<Review>,
    /// The settings are created, not changed: if the workspace has settings
    /// already (another tab set it up first), the batch is refused with
    /// [`StoreError::Conflict`] and nothing of it is stored.
    pub create_settings: bool,
    /// The reviews are started, not changed: if an incident has a review already
    /// (another tab started it first), the batch is refused with
    /// [`StoreError::Conflict`] and nothing of it is stored.
    pub create_reviews: bool,
}

/// Where the workspace lives.
///
/// Every write is a [`Batch`], stored completely or not at all: an incident saved
/// together with the entries that record its change never appears without them.
pub trait Store {
    /// Writes a batch in one transaction.
    fn write(&self, batch: Batch) -> StoreFuture<'_, ()>;

    /// The workspace settings, or `None` if they were never saved.
    fn settings(&self) -> StoreFuture<'_, Option<Settings>>;

    /// Every incident, in no particular order.
    fn incidents(&self) -> StoreFuture<'_, Loaded<Incident>>;

    /// One incident, or `None` if there is none with that id. A stored incident that
    /// does not decode is an error, as nothing else could be shown in its place.
    fn incident(&self, id: IncidentId) -> StoreFuture<'_, Option<Incident>>;

    /// One incident's entries, in no particular order, read without scanning the
    /// entries of other incidents.
    fn timeline(&self, incident: IncidentId) -> StoreFuture<'_, Loaded<TimelineEntry>>;

    /// One incident's runbook runs, in no particular order.
    fn runs(&self, incident: IncidentId) -> StoreFuture<'_, Loaded<RunbookRun>>;

    /// Every stored version of every runbook.
    fn runbooks(&self) -> StoreFuture<'_, Loaded<Runbook>>;

    /// The review of an incident, if one was started.
    fn review(&self, incident: IncidentId) -> StoreFuture<'_, Option<Review>>;

    /// Every review, for the remediation plan.
    fn reviews(&self) -> StoreFuture<'_, Loaded<Review>>;

    /// Replaces the workspace settings.
    fn save_settings(&self, settings: &Settings) -> StoreFuture<'_, ()> {
        self.write(Batch { settings: Some(settings.clone()), ..Batch::default() })
    }

    /// Stores an incident (new or changed) together with the entries that record
    /// the change.
    fn save_incident(&self, incident: &Incident, entries: &[TimelineEntry]) -> StoreFuture<'_, ()> {
        self.write(Batch { incident: Some(incident.clone()), entries: entries.to_vec(), ..Batch::default() })
    }

    /// Adds one entry to its incident's timeline.
    fn add_entry(&self, entry: &TimelineEntry) -> StoreFuture<'_, ()> {
        self.write(Batch { entries: vec![entry.clone()], ..Batch::default() })
    }
}
