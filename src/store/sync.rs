//! The local side of team sync: which incidents are shared, on which server and
//! database, and how far each has been replicated.
//!
//! A [`Share`] is one record per shared incident (the `shares` object store, since
//! IndexedDB version 5). It holds the pull checkpoint (the server's update
//! sequence, kept as the opaque JSON value the server gave) and the ids of the
//! incident's documents the server is known to have. What waits to be sent is
//! therefore the incident's local documents minus those ids: nothing is queued
//! apart from the data itself, so a change stored offline is sent when the server
//! is back, once (the server's `_revs_diff` is asked before sending anyway).
//!
//! The checkpoint, the ids and the entries a pull brings are written in one
//! transaction with the incident ([`super::Batch::share`]), so a pull that stops
//! half-way resumes from what was stored, never from further.

use crate::domain::IncidentId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// An incident shared through a CouchDB server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// The incident.
    pub incident: IncidentId,
    /// The server's origin, such as `https://couch.example.com`.
    pub server: String,
    /// The incident's database on that server.
    pub database: String,
    /// The CouchDB user who shared or joined it in this browser.
    pub user: String,
    /// This browser's replication of it: the name of its `_local` checkpoint.
    pub replication: String,
    /// The server's update sequence the pull has stored, as the server wrote it
    /// (an integer on pouchdb-server, an opaque string on CouchDB); `null` before
    /// the first pull.
    #[serde(default)]
    pub since: Value,
    /// The ids of the incident's documents the server is known to have.
    #[serde(default)]
    pub on_server: BTreeSet<String>,
    /// When a round of sending and receiving last completed.
    #[serde(default)]
    pub synced_at: Option<DateTime<Utc>>,
    /// Who wrote each of the incident's entries on the server, by entry id: the
    /// CouchDB user its document names (the share's user for those sent from
    /// here). The display name of an entry is cosmetic; this is the signed-in
    /// author the server checked.
    #[serde(default)]
    pub authors: BTreeMap<String, String>,
    /// The review's documents as last synced, by document id
    /// ([`super::review_sync`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub review: BTreeMap<String, super::review_sync::Leaf>,
    /// The review's documents in conflict on the server, by document id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conflicts: BTreeMap<String, super::review_sync::ReviewConflict>,
    /// The review's documents the server has that did not fit the review here
    /// when they came (a removal of an item in conflict here, say), with their
    /// live revisions: each pull reads them again until they apply, as the
    /// changes feed passed them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub held: BTreeMap<String, Vec<String>>,
}

/// A write of a share: made or moved on (`Put`), or ended (`Stop`, which keeps
/// the incident and its entries here and on the server).
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // At most one per write, moved once: its size costs nothing.
pub enum ShareWrite {
    /// Creates the share (an [`super::Edit::create`]) or changes it at the
    /// revision read.
    Put(super::Edit<Share>),
    /// Stops sharing, if the share is still at the revision read.
    Stop(super::Revised<Share>),
}
