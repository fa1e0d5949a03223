//! The local side of the team workspace: which team database this browser
//! follows, whether its user is one of the team's admins, and where each
//! team-managed record stands against the server.
//!
//! A [`Team`] is one record, `team`, in the `preferences` table (this browser's
//! own, never shared or backed up). For each document of the team database it
//! remembers the CouchDB revision last seen and a hash of the content that
//! revision holds ([`Synced`]), so a local change is told from a change on the
//! server: a record whose content no longer has its synced hash was changed
//! here (an admin's change waits to be sent); a newer revision on the server
//! of a record also changed here is a [`Theirs`] conflict, kept beside the
//! local record until a person chooses, never resolved by dropping one side.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The key of the team record in the `preferences` table.
pub const TEAM_KEY: &str = "team";

/// Where one team document stands: the server's revision last seen here and
/// the hash of its content then (`None` for a document the team deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synced {
    /// The CouchDB revision (`<generation>-<hash>`).
    pub rev: String,
    /// The content's hash (`crate::sync::team::content_hash`), `None` if deleted.
    pub hash: Option<String>,
}

/// The server's side of a conflict: its revision, its content (`null` when
/// the team deleted it) and who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theirs {
    /// The server's revision.
    pub rev: String,
    /// The record as the team holds it, `null` if deleted there.
    pub data: Value,
    /// The CouchDB user who wrote it.
    pub author: String,
}

/// The team database this browser follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    /// The server's origin, such as `https://couch.example.com`.
    pub server: String,
    /// The team's database on it, such as `sitrep-team-ops`.
    pub database: String,
    /// The CouchDB user signed in here.
    pub user: String,
    /// Whether that user is one of the team's admins (as the server said at the
    /// last round): only admins send changes.
    pub admin: bool,
    /// This browser's replication: the name of its `_local` checkpoint.
    pub replication: String,
    /// The server's update sequence the pull has stored (opaque), `null` before
    /// the first pull.
    #[serde(default)]
    pub since: Value,
    /// When a round last completed.
    #[serde(default)]
    pub synced_at: Option<DateTime<Utc>>,
    /// Every team document seen, by id, with its revision and content hash.
    #[serde(default)]
    pub docs: BTreeMap<String, Synced>,
    /// The documents the team changed while they were also changed here, with
    /// the team's version, until someone chooses one.
    #[serde(default)]
    pub conflicts: BTreeMap<String, Theirs>,
}

impl Team {
    /// The documents the team manages (those it holds, deleted ones aside):
    /// read-only here unless the user is an admin.
    pub fn managed(&self) -> BTreeSet<String> {
        crate::domain::order::set_of(
            self.docs.iter().filter(|(_, synced)| synced.hash.is_some()).map(|(id, _)| id.clone()),
        )
    }
}

/// A write of the team record: made or moved on (`Put`), or ended (`Stop`,
/// which keeps everything it brought here, as the user's own from then on).
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // At most one per write, moved once.
pub enum TeamWrite {
    /// Creates the record (an [`super::Edit::create`]) or changes it at the
    /// revision read.
    Put(super::Edit<Team>),
    /// Stops following, if the record is still at the revision read.
    Stop(super::Revised<Team>),
}
