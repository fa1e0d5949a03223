//! The team workspace: one CouchDB database (`sitrep-team-<name>`) holding the
//! team's severity ladder, people, service catalog and runbooks, which every
//! member reads and only the team's admins change.
//!
//! **Layout.** One document per record of the workspace, under the record's own
//! key (`ladder`, `person/<name>`, `component/<id>`, as `store::documents`
//! splits the settings) and one per runbook version (`runbook/<id>/<version>`).
//! A document is `{ type, author, data }`: `data` is the record as stored here,
//! `author` the CouchDB user who wrote it. Settings records are edited with
//! CouchDB revisions (a write names the revision it changes); runbook versions
//! are written once ([`VALIDATE_TEAM`] refuses a change).
//!
//! **A round** ([`round`]): an admin first sends every record changed here
//! since it was last synced (its content no longer has the synced hash),
//! naming the revision it was synced at. A stale revision is refused by the
//! server (`conflict`): the team's version is then kept beside the local one
//! as a conflict ([`crate::store::team::Theirs`]) until someone chooses
//! ([`resolve`]); nothing is dropped. Then everyone pulls the changes feed from
//! the checkpoint: a document whose local record was not changed here replaces
//! it (it is the team's), one changed here too becomes a conflict, and the
//! records, the new runbook versions and the moved checkpoint are stored in one
//! transaction. Members and viewers never send: the settings' command layer
//! refuses their changes of team-managed records.

use super::database::{doc_path, refusal, Database, Transport};
use super::docs::revision_of;
use super::replicate::{resume_from, SyncError, BATCH};
use super::{Remote, RemoteError};
use crate::domain::order::{map_of, set_of};
use crate::domain::{Runbook, Settings};
use crate::store::documents::{join_settings, json, split_settings, Table};
use crate::store::records::runbook_key;
use crate::store::team::{Synced, Theirs};
use crate::store::{Batch, Edit, Revised, Store, StoreError, Team, TeamWrite};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The server-side rule of a team database (CouchDB's JavaScript).
pub const VALIDATE_TEAM: &str = include_str!("validate_team.js");

/// The role that makes a user an admin of every team database on the server.
pub const ADMIN_ROLE: &str = "sitrep-admin";

/// The prefix of a team database's name.
pub const TEAM_PREFIX: &str = "sitrep-team-";

/// The prefix of a runbook version's document id.
const RUNBOOK_PREFIX: &str = "runbook/";

/// The database of the team `name` (lower case letters, digits, `-` and `_`),
/// or `None` if the name is not one. A full database name is accepted too.
pub fn database_of_team(name: &str) -> Option<String> {
    let name = name.trim().to_lowercase();
    let name = name.strip_prefix(TEAM_PREFIX).unwrap_or(&name);
    let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    (!name.is_empty() && name.len() <= 100 && name.chars().all(plain)).then(|| format!("{TEAM_PREFIX}{name}"))
}

/// The hash of a record's content: equal contents, equal hashes.
pub fn content_hash(data: &Value) -> String {
    revision_of(data).trim_start_matches("1-").to_owned()
}

/// The document id of a runbook version.
pub fn runbook_doc_id(runbook: &Runbook) -> String {
    format!("{RUNBOOK_PREFIX}{}", runbook_key(runbook))
}

/// Whether a document id is one of a team database's data documents.
pub fn is_team_doc(id: &str) -> bool {
    id == "ladder" || id.starts_with("person/") || id.starts_with("component/") || id.starts_with(RUNBOOK_PREFIX)
}

/// Whether a user is one of the team's admins: a server admin, a `sitrep-admin`,
/// or named (by name or role) in the database's `_security.admins`.
pub fn is_admin(user: &str, roles: &[String], security: Option<&Value>) -> bool {
    let listed = |field: &str| -> Vec<String> {
        let list = security.and_then(|s| s["admins"][field].as_array().cloned()).unwrap_or_default();
        list.iter().filter_map(Value::as_str).map(str::to_owned).collect()
    };
    let admin_roles = listed("roles");
    roles.iter().any(|role| role == "_admin" || role == ADMIN_ROLE || admin_roles.contains(role))
        || listed("names").iter().any(|name| name == user)
}

/// The `_security` of a team database: its admins administer it; they and the
/// members read it.
pub fn team_security(admins: &[&str], members: &[&str]) -> Value {
    let mut readers: Vec<&str> = admins.to_vec();
    readers.extend(members.iter().filter(|m| !admins.contains(m)));
    json!({
        "admins": { "names": admins, "roles": [ADMIN_ROLE] },
        "members": { "names": readers, "roles": [] },
    })
}

/// The design document that installs [`VALIDATE_TEAM`].
pub fn team_design_doc() -> Value {
    json!({ "_id": super::docs::DESIGN_DOC, "validate_doc_update": VALIDATE_TEAM })
}

/// The workspace's records as team documents, by id: the settings records
/// (the personal preferences aside) and every runbook version.
pub fn local_docs(settings: &Settings, runbooks: &[Runbook]) -> Result<BTreeMap<String, Value>, StoreError> {
    let parts = split_settings(json(settings)?).into_iter();
    let mut docs: BTreeMap<String, Value> =
        map_of(parts.filter(|part| part.table == Table::Workspace).map(|part| (part.key, part.data)));
    for runbook in runbooks {
        docs.insert(runbook_doc_id(runbook), json(runbook)?);
    }
    Ok(docs)
}

/// The settings with the record `id` set to `data` (removed when `null`), read
/// back through the domain's checks; `None` if the result does not decode.
pub fn settings_with(settings: &Settings, id: &str, data: &Value) -> Option<Settings> {
    let mut records: Vec<(String, Value)> = split_settings(json(settings).ok()?)
        .into_iter()
        .filter(|part| part.key != id)
        .map(|part| (part.key, part.data))
        .collect();
    if !data.is_null() {
        records.push((id.to_owned(), data.clone()));
    }
    crate::domain::decode::from_value(&join_settings(records)?).ok()
}

/// Whether going from `before` to `after` changes one of the `managed` records
/// (a member's change of what the team manages, which stays read-only).
pub fn changes_managed(managed: &BTreeSet<String>, before: &Settings, after: &Settings) -> bool {
    if managed.is_empty() {
        return false;
    }
    match (local_docs(before, &[]), local_docs(after, &[])) {
        (Ok(before), Ok(after)) => managed.iter().any(|id| before.get(id) != after.get(id)),
        _ => true,
    }
}

/// Whether the team manages the runbook `id` (any of its versions).
pub fn manages_runbook(managed: &BTreeSet<String>, id: &str) -> bool {
    let prefix = format!("{RUNBOOK_PREFIX}{id}/");
    managed.range(prefix.clone()..).next().is_some_and(|first| first.starts_with(&prefix))
}

/// A runbook version from a team document, if it decodes and its id matches.
fn runbook_of(id: &str, data: &Value) -> Option<Runbook> {
    let runbook: Runbook = crate::domain::decode::from_value(data).ok()?;
    (runbook_doc_id(&runbook) == id).then_some(runbook)
}

/// What a round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamOutcome {
    /// Records the server took from here.
    pub sent: usize,
    /// Records received and stored here.
    pub received: usize,
    /// Records the server refused, with its reason.
    pub refused: Vec<(String, String)>,
    /// Records now in conflict (changed here and by the team).
    pub conflicts: usize,
}

/// The `_local` document of this browser's checkpoint.
pub fn checkpoint_id(team: &Team) -> String {
    format!("_local/sitrep-team-{}", team.replication)
}

/// The team record as stored.
pub async fn find_team(store: &dyn Store) -> Result<Revised<Team>, SyncError> {
    store.team().await?.ok_or(SyncError::NotShared)
}

/// The workspace as stored: the settings with their revisions, and every
/// runbook version.
async fn workspace(store: &dyn Store) -> Result<(Revised<Settings>, Vec<Runbook>), SyncError> {
    let (settings, runbooks) = store.workspace().await?;
    let settings = settings.unwrap_or_else(|| Revised { value: Settings::default(), revision: Default::default() });
    Ok((settings, runbooks.items))
}

/// The records changed here since they were synced (all of them for an admin
/// who has never synced them), with their content (`null`: removed here).
pub fn changed_here(team: &Team, local: &BTreeMap<String, Value>) -> Vec<(String, Value)> {
    let ids: BTreeSet<&String> = set_of(local.keys().chain(team.docs.keys()));
    ids.into_iter()
        .filter(|id| !team.conflicts.contains_key(*id))
        .filter_map(|id| {
            let data = local.get(id).cloned().unwrap_or(Value::Null);
            let hash = (!data.is_null()).then(|| content_hash(&data));
            let changed = match team.docs.get(id) {
                Some(synced) => synced.hash != hash && !id.starts_with(RUNBOOK_PREFIX),
                None => hash.is_some(),
            };
            changed.then(|| (id.clone(), data))
        })
        .collect()
}

/// The document sent for a record: its content, or a deletion when `null`.
fn outgoing(team: &Team, id: &str, data: &Value) -> Value {
    let mut doc = if data.is_null() {
        json!({ "_id": id, "_deleted": true, "author": team.user })
    } else {
        let kind = id.split('/').next().unwrap_or(id);
        json!({ "_id": id, "type": kind, "author": team.user, "data": data })
    };
    if let Some(synced) = team.docs.get(id) {
        doc["_rev"] = Value::String(synced.rev.clone());
    }
    doc
}

/// Sends the admin's changes; each the server took is recorded as synced, each
/// refused as stale becomes a conflict with the team's version.
async fn push<T: Transport>(
    store: &dyn Store,
    db: &Database<T>,
    mut team: Revised<Team>,
    outcome: &mut TeamOutcome,
) -> Result<Revised<Team>, SyncError> {
    let (settings, runbooks) = workspace(store).await?;
    let local = local_docs(&settings.value, &runbooks)?;
    let changed = changed_here(&team.value, &local);
    // One request per record: the team workspace changes by hand, a few records
    // at a time (and pouchdb-server gives a `_bulk_docs` validation no
    // `_security`).
    let mut next = team.value.clone();
    for (id, data) in &changed {
        let doc = outgoing(&team.value, id, data);
        let hash = (!data.is_null()).then(|| content_hash(data));
        match db.call("PUT", &doc_path(id), Some(&doc)).await? {
            (200..=299, answer) => {
                let rev = answer["rev"].as_str().unwrap_or_default().to_owned();
                next.docs.insert(id.clone(), Synced { rev, hash });
                outcome.sent += 1;
            }
            (409, _) => {
                let theirs = their_version(db, id).await?;
                if theirs.data == *data {
                    // The team holds what was sent (another tab sent it first).
                    next.docs.insert(id.clone(), Synced { rev: theirs.rev, hash });
                } else {
                    next.conflicts.insert(id.clone(), theirs);
                    outcome.conflicts += 1;
                }
            }
            (403, answer) => {
                let reason = answer["reason"].as_str().unwrap_or_default().to_owned();
                outcome.refused.push((id.clone(), reason));
            }
            (status, answer) => return Err(refusal(status, &answer).into()),
        }
    }
    if next != team.value {
        team = save(store, team, Batch::default(), next).await?;
    }
    Ok(team)
}

/// The team's current version of a document (deleted: `null` data).
async fn their_version<T: Transport>(db: &Database<T>, id: &str) -> Result<Theirs, SyncError> {
    Ok(match db.get(id).await? {
        Some(doc) => Theirs {
            rev: doc["_rev"].as_str().unwrap_or_default().to_owned(),
            data: doc["data"].clone(),
            author: doc["author"].as_str().unwrap_or_default().to_owned(),
        },
        None => Theirs { rev: String::new(), data: Value::Null, author: String::new() },
    })
}

/// Writes the team record moved on, with `batch`, and returns it with its new
/// revision.
async fn save(store: &dyn Store, base: Revised<Team>, batch: Batch, team: Team) -> Result<Revised<Team>, SyncError> {
    let key = crate::store::team::TEAM_KEY.to_owned();
    let mut revision = base.revision.clone();
    let next = revision.get(&key).unwrap_or(0) + 1;
    store.write(Batch { team: Some(TeamWrite::Put(Edit::change(base, team.clone()))), ..batch }).await?;
    revision.insert(key, next);
    Ok(Revised { value: team, revision })
}

/// One document received: what it holds, at which revision, by whom.
struct Arrived {
    id: String,
    rev: String,
    data: Value,
    author: String,
}

/// Receives the team's changes since the checkpoint, batch by batch.
async fn pull<T: Transport>(
    store: &dyn Store,
    db: &Database<T>,
    mut team: Revised<Team>,
    now: DateTime<Utc>,
    outcome: &mut TeamOutcome,
) -> Result<Revised<Team>, SyncError> {
    let checkpoint = checkpoint_id(&team.value);
    let mut since = resume_from(&team.value.since, db.get(&checkpoint).await?.as_ref());
    loop {
        let changes = db.changes(since.clone(), BATCH).await?;
        let wanted: Vec<(String, String)> = changes
            .results
            .iter()
            .filter(|(id, _)| is_team_doc(id))
            .filter_map(|(id, revs)| Some((id.clone(), revs.first()?.clone())))
            .filter(|(id, rev)| team.value.docs.get(id).is_none_or(|synced| synced.rev != *rev))
            .collect();
        let mut arrived = Vec::new();
        if !wanted.is_empty() {
            for doc in db.bulk_get(wanted).await? {
                let (Some(id), Some(rev)) = (doc["_id"].as_str(), doc["_rev"].as_str()) else { continue };
                let deleted = doc["_deleted"].as_bool().unwrap_or(false);
                arrived.push(Arrived {
                    id: id.to_owned(),
                    rev: rev.to_owned(),
                    data: if deleted { Value::Null } else { doc["data"].clone() },
                    author: doc["author"].as_str().unwrap_or_default().to_owned(),
                });
            }
        }
        let (settings, runbooks) = workspace(store).await?;
        let local = local_docs(&settings.value, &runbooks)?;
        let mut next = team.value.clone();
        let mut changed = settings.value.clone();
        let mut new_runbooks = Vec::new();
        for doc in arrived {
            let here = local.get(&doc.id).cloned().unwrap_or(Value::Null);
            let here_hash = (!here.is_null()).then(|| content_hash(&here));
            let theirs_hash = (!doc.data.is_null()).then(|| content_hash(&doc.data));
            let untouched = match next.docs.get(&doc.id) {
                Some(synced) => synced.hash == here_hash,
                None => here.is_null(),
            };
            if here_hash == theirs_hash {
                // Already the same here.
            } else if untouched {
                if let Some(id) = doc.id.strip_prefix(RUNBOOK_PREFIX).map(|_| doc.id.as_str()) {
                    match runbook_of(id, &doc.data) {
                        Some(runbook) => new_runbooks.push(runbook),
                        None => {
                            outcome.refused.push((doc.id.clone(), "not a runbook version".into()));
                            continue;
                        }
                    }
                } else {
                    match settings_with(&changed, &doc.id, &doc.data) {
                        Some(settings) => changed = settings,
                        None => {
                            outcome.refused.push((doc.id.clone(), "not a workspace record".into()));
                            continue;
                        }
                    }
                }
                outcome.received += 1;
            } else {
                let known = next.conflicts.get(&doc.id).is_some_and(|theirs| theirs.rev == doc.rev);
                if !known {
                    next.conflicts.insert(doc.id.clone(), Theirs { rev: doc.rev, data: doc.data, author: doc.author });
                    outcome.conflicts += 1;
                }
                continue;
            }
            next.conflicts.remove(&doc.id);
            next.docs.insert(doc.id, Synced { rev: doc.rev, hash: theirs_hash });
        }
        next.since = changes.last_seq.clone();
        next.synced_at = Some(now);
        let edit = (changed != settings.value).then(|| Edit::change(settings, changed));
        let batch = Batch { settings: edit, runbooks: new_runbooks, ..Batch::default() };
        team = save(store, team, batch, next).await?;
        db.put_local(&checkpoint, json!({ "since": changes.last_seq })).await?;
        since = changes.last_seq;
        if changes.results.len() < BATCH {
            return Ok(team);
        }
    }
}

/// One round: an admin sends what changed here, then everyone receives what
/// changed on the server. A conflict with another tab's write is
/// [`StoreError::Conflict`]; the caller runs the round again.
pub async fn round<T: Transport>(
    store: &dyn Store,
    db: &Database<T>,
    now: DateTime<Utc>,
) -> Result<TeamOutcome, SyncError> {
    let mut outcome = TeamOutcome::default();
    let team = find_team(store).await?;
    let team = if team.value.admin { push(store, db, team, &mut outcome).await? } else { team };
    pull(store, db, team, now, &mut outcome).await?;
    Ok(outcome)
}

/// How a conflict is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The team's version replaces the one here.
    Theirs,
    /// The one here is kept and, by an admin, sent over the team's (the next
    /// round names the team's revision).
    Mine,
}

/// Settles the conflict on `id` as chosen, in one write. Only an admin keeps
/// their own version (a member's would never reach the team).
pub async fn resolve(store: &dyn Store, id: &str, choice: Choice) -> Result<(), SyncError> {
    let team = find_team(store).await?;
    let Some(theirs) = team.value.conflicts.get(id).cloned() else { return Ok(()) };
    let mut next = team.value.clone();
    next.conflicts.remove(id);
    let hash = (!theirs.data.is_null()).then(|| content_hash(&theirs.data));
    let mut batch = Batch::default();
    match choice {
        Choice::Mine if !team.value.admin => return Err(RemoteError::Forbidden(String::new()).into()),
        Choice::Mine => {}
        Choice::Theirs if id.starts_with(RUNBOOK_PREFIX) => {
            // A version is never replaced here; the team's is added if it is new.
            let runbook = runbook_of(id, &theirs.data);
            let (_, runbooks) = workspace(store).await?;
            if let Some(runbook) = runbook.filter(|r| !runbooks.iter().any(|here| runbook_key(here) == runbook_key(r)))
            {
                batch.runbooks.push(runbook);
            }
        }
        Choice::Theirs => {
            let (settings, _) = workspace(store).await?;
            let changed = settings_with(&settings.value, id, &theirs.data)
                .ok_or_else(|| SyncError::Store(StoreError::Failed(format!("{id} does not decode"))))?;
            batch.settings = Some(Edit::change(settings, changed));
        }
    }
    next.docs.insert(id.to_owned(), Synced { rev: theirs.rev, hash });
    save(store, team, batch, next).await.map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{Catalog, Component, ComponentDraft, ComponentId};

    fn component(id: &str, name: &str) -> Component {
        let draft = ComponentDraft { name: name.into(), ..Default::default() };
        Component::new(ComponentId::new(id).unwrap(), draft).unwrap()
    }

    fn with_components(components: Vec<Component>) -> Settings {
        let mut catalog = Catalog::default();
        for c in components {
            catalog = catalog.with_component(c).unwrap();
        }
        Settings::default().with_catalog(catalog)
    }

    fn team() -> Team {
        Team {
            server: "http://127.0.0.1:5984".into(),
            database: "sitrep-team-ops".into(),
            user: "ana".into(),
            admin: true,
            replication: "r1".into(),
            since: Value::Null,
            synced_at: None,
            docs: BTreeMap::new(),
            conflicts: BTreeMap::new(),
        }
    }

    #[test]
    fn a_team_name_is_a_lower_case_database_name() {
        assert_eq!(database_of_team(" Ops "), Some("sitrep-team-ops".into()));
        assert_eq!(database_of_team("sitrep-team-payments_eu"), Some("sitrep-team-payments_eu".into()));
        for refused in ["", "ops team", "ops/x", "../x", "é"] {
            assert_eq!(database_of_team(refused), None, "{refused}");
        }
    }

    #[test]
    fn admins_are_named_in_security_or_hold_the_admin_role() {
        let security = team_security(&["ana"], &["bo"]);
        assert!(is_admin("ana", &[], Some(&security)));
        assert!(!is_admin("bo", &["sitrep-writer".into()], Some(&security)));
        assert!(is_admin("cy", &[ADMIN_ROLE.into()], Some(&security)));
        assert!(is_admin("root", &["_admin".into()], None));
        assert_eq!(security["members"]["names"], json!(["ana", "bo"]));
    }

    #[test]
    fn the_workspace_is_one_document_per_record_and_reads_back() {
        let settings = with_components(vec![component("db", "Database")]);
        let docs = local_docs(&settings, &[]).unwrap();
        assert!(docs.contains_key("ladder") && docs.contains_key("component/db"), "{:?}", docs.keys());
        assert!(docs.keys().all(|id| is_team_doc(id)));
        let api = json(&component("api", "API")).unwrap();
        let added = settings_with(&settings, "component/api", &api).unwrap();
        assert_eq!(added.catalog().components().len(), 2);
        let removed = settings_with(&added, "component/db", &Value::Null).unwrap();
        assert_eq!(removed.catalog().components().len(), 1);
        assert_eq!(settings_with(&settings, "component/x", &json!({ "name": 3 })), None, "checked on the way in");
    }

    #[test]
    fn a_change_of_a_managed_record_is_told_from_one_of_the_users_own() {
        let before = with_components(vec![component("db", "Database"), component("mine", "Mine")]);
        let managed: BTreeSet<String> = ["component/db".to_owned(), "runbook/01AB/00000002".to_owned()].into();
        let renamed = with_components(vec![component("db", "Renamed"), component("mine", "Mine")]);
        let own = with_components(vec![component("db", "Database"), component("mine", "Mine, renamed")]);
        let added = with_components(vec![component("db", "Database"), component("mine", "Mine"), component("x", "X")]);
        assert!(changes_managed(&managed, &before, &renamed));
        assert!(!changes_managed(&managed, &before, &own));
        assert!(!changes_managed(&managed, &before, &added));
        assert!(changes_managed(&managed, &before, &with_components(vec![component("mine", "Mine")])), "removed");
        assert!(!changes_managed(&BTreeSet::new(), &before, &renamed));
        assert!(
            manages_runbook(&managed, "01AB") && !manages_runbook(&managed, "01A") && !manages_runbook(&managed, "02")
        );
    }

    #[test]
    fn only_records_changed_since_they_were_synced_are_sent() {
        let settings = with_components(vec![component("db", "Database")]);
        let local = local_docs(&settings, &[]).unwrap();
        let mut team = team();
        assert_eq!(changed_here(&team, &local).len(), local.len(), "a first round sends all");
        for (id, data) in &local {
            team.docs.insert(id.clone(), Synced { rev: "1-a".into(), hash: Some(content_hash(data)) });
        }
        assert!(changed_here(&team, &local).is_empty());
        let renamed = local_docs(&with_components(vec![component("db", "Primary database")]), &[]).unwrap();
        assert_eq!(
            changed_here(&team, &renamed).iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
            ["component/db"]
        );
        let removed = local_docs(&Settings::default(), &[]).unwrap();
        assert_eq!(changed_here(&team, &removed), vec![("component/db".to_owned(), Value::Null)]);
        team.conflicts
            .insert("component/db".into(), Theirs { rev: "2-b".into(), data: Value::Null, author: "bo".into() });
        assert!(changed_here(&team, &removed).is_empty(), "a conflict waits for a choice");
        let sent = outgoing(&team, "component/db", &local["component/db"]);
        assert_eq!(
            (sent["_rev"].as_str(), sent["author"].as_str(), sent["type"].as_str()),
            (Some("1-a"), Some("ana"), Some("component"))
        );
    }
}
