//! Whole incidents in and out of the store: what the workspace holds of an
//! incident a file brings and the batch that stores a merge (the glue between the
//! store and [`crate::domain::export::merge`], shared by the incident import and
//! the workspace restore), the whole workspace read for a backup and a restore
//! planned (checked against what is stored and turned into batches), and the deletion of an incident with every record
//! stored under it (shared by deleting one incident and clearing the workspace).

use super::records::runbook_key;
use super::{Batch, Deleted, Edit, Revised, Store, StoreError, Unreadable};
use crate::domain::export::merge::{merge, Here, Merge, ReviewMerge};
use crate::domain::export::workspace::{merge_settings, WorkspaceBundle};
use crate::domain::export::{ImportProblem, ImportProblemKind, IncidentBundle};
use crate::domain::order::{map_of, set_of};
use crate::domain::{Incident, Runbook, Settings, Tombstone};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// What the workspace holds of a file's incident.
#[derive(Debug, Clone)]
pub struct Found {
    /// The incident, its records and the ids of the file stored under other incidents.
    pub here: Here,
    /// The incident as read, with its head revision.
    pub base: Option<Revised<Incident>>,
    /// What stays of it, if it was deleted here.
    pub deleted: Option<Tombstone>,
}

/// Reads what the workspace holds of `bundle`'s incident.
pub async fn find(store: &dyn Store, bundle: &IncidentBundle) -> Result<Found, StoreError> {
    let id = bundle.incident().id();
    let deleted = store.tombstone(id).await?;
    let base = store.incident(id).await?;
    let (timeline, runs, review) = if base.is_some() {
        (store.timeline(id).await?.items, store.runs(id).await?.items, store.review(id).await?.map(|r| r.value))
    } else {
        Default::default()
    };
    // Ids this incident already holds are not looked up again: merging a file
    // exported from here asks only for what it adds.
    let here_entries: BTreeSet<String> = set_of(timeline.iter().map(|e| e.id().to_string()));
    let here_runs: BTreeSet<String> = set_of(runs.iter().map(|r| r.id().to_string()));
    let entry_ids =
        bundle.timeline().iter().map(|e| e.id().to_string()).filter(|id| !here_entries.contains(id)).collect();
    let run_ids = bundle.runs().iter().map(|r| r.id().to_string()).filter(|id| !here_runs.contains(id)).collect();
    let mut elsewhere = store.placed(entry_ids, run_ids).await?;
    elsewhere.retain(|_, incident| *incident != id);
    let here = Here { incident: base.as_ref().map(|b| b.value.clone()), timeline, runs, review, elsewhere };
    Ok(Found { here, base, deleted })
}

impl Found {
    /// The merge of `bundle` (found at the JSON path `at`) into what was found.
    pub fn merge(&self, at: &str, bundle: &IncidentBundle) -> Result<Merge, Vec<ImportProblem>> {
        merge(at, bundle, &self.here)
    }
}

/// The batch that stores `merge` into the incident read as `base`: the entries,
/// runs and review are added, and the incident is created or moved to its next
/// head, so a tab that wrote meanwhile refuses the batch rather than losing
/// anything.
pub fn merge_batch(merge: Merge, base: Option<Revised<Incident>>) -> Batch {
    let incident = match base {
        Some(base) => Edit::change(base, merge.incident),
        None => Edit::create(merge.incident),
    };
    Batch {
        incident: Some(incident),
        entries: merge.entries,
        runs: merge.runs,
        reviews: merge.review.into_iter().map(Edit::create).collect(),
        ..Batch::default()
    }
}

/// The deletion of `incident` (read at its head revision) by `by` at `at`: every
/// entry and run stored under it, readable or not, and its review.
pub async fn deletion(
    store: &dyn Store,
    incident: Revised<Incident>,
    by: &str,
    at: DateTime<Utc>,
) -> Result<Deleted, StoreError> {
    let id = incident.value.id();
    let (entries, runs, review) = (store.timeline(id).await?, store.runs(id).await?, store.review(id).await?);
    let keys = |ids: Vec<String>, unreadable: Vec<Unreadable>| {
        ids.into_iter().chain(unreadable.into_iter().map(|u| u.key)).collect::<Vec<_>>()
    };
    Ok(Deleted {
        tombstone: Tombstone::of(&incident.value, by, at),
        incident,
        entries: keys(entries.items.iter().map(|e| e.id().to_string()).collect(), entries.unreadable),
        runs: keys(runs.items.iter().map(|r| r.id().to_string()).collect(), runs.unreadable),
        review,
    })
}

/// The workspace as read for a backup.
#[derive(Debug, Clone)]
pub struct Taken {
    /// Everything that could be read.
    pub bundle: WorkspaceBundle,
    /// The records left out because they cannot be read.
    pub left_out: Vec<Unreadable>,
}

/// What a restore will do, shown before it is confirmed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The workspace has no incidents: its settings and runbooks are replaced.
    pub replaces: bool,
    /// How many runbook versions here the backup's replace.
    pub runbooks_replaced: usize,
    /// Incidents added.
    pub incidents_added: usize,
    /// Incidents here that the backup adds entries, runs or a review to.
    pub incidents_merged: usize,
    /// Timeline entries added in all.
    pub entries_added: usize,
    /// Runbook versions added.
    pub runbooks_added: usize,
    /// People and catalog components of the backup that differ from the ones
    /// kept here.
    pub settings_kept: usize,
    /// Whether the backup's severity ladder differs from the one kept here.
    pub ladder_kept: bool,
    /// Reviews here kept although the backup's differ.
    pub reviews_kept: usize,
    /// Titles of the backup's incidents deleted here, which stay deleted.
    pub stay_deleted: Vec<String>,
    /// Titles of incidents here the backup has as deleted, which stay here.
    pub stay_here: Vec<String>,
}

impl Plan {
    /// Whether the restore would change nothing.
    pub fn changes_nothing(&self) -> bool {
        !self.replaces
            && self.incidents_added == 0
            && self.incidents_merged == 0
            && self.runbooks_added == 0
            && self.entries_added == 0
    }
}

/// Why a restore changed nothing: the backup contradicts what is recorded here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradicts(pub Vec<ImportProblem>);

/// Every readable record of the workspace, and the ones that cannot be read.
pub async fn read_workspace(store: &dyn Store) -> Result<Result<Taken, Vec<ImportProblem>>, StoreError> {
    let (settings, runbooks) = store.workspace().await?;
    let settings = settings.map(|s| s.value).unwrap_or_default();
    let incidents = store.incidents().await?;
    let mut left_out = runbooks.unreadable;
    left_out.extend(incidents.unreadable);
    let mut bundles = Vec::new();
    for incident in incidents.items {
        let id = incident.id();
        let timeline = store.timeline(id).await?;
        let runs = store.runs(id).await?;
        left_out.extend(timeline.unreadable);
        left_out.extend(runs.unreadable);
        let review = match store.review(id).await {
            Ok(review) => review.map(|r| r.value),
            Err(StoreError::NewerSchema(schema)) => return Err(StoreError::NewerSchema(schema)),
            Err(error) => {
                left_out.push(Unreadable { key: format!("{id}/review"), reason: error.to_string() });
                None
            }
        };
        match IncidentBundle::new(incident, timeline.items, runs.items, review) {
            Ok(bundle) => bundles.push(bundle),
            Err(problems) => return Ok(Err(problems)),
        }
    }
    // Damaged records no read above finds (an entry of no incident here, or
    // without the fields its incident's index needs) are left out too, and said.
    for damaged in store.damaged().await? {
        if !left_out.iter().any(|u| u.key == damaged.unreadable.key) {
            left_out.push(damaged.unreadable);
        }
    }
    let deleted = store.tombstones().await?;
    Ok(WorkspaceBundle::new(settings, runbooks.items, bundles, deleted).map(|bundle| Taken { bundle, left_out }))
}

/// What restoring `bundle` does, and the batches that do it.
pub async fn planned(
    store: &dyn Store,
    bundle: &WorkspaceBundle,
) -> Result<Result<(Plan, Vec<Batch>), Contradicts>, StoreError> {
    let (settings, runbooks_here) = store.workspace().await?;
    let runbooks_here = runbooks_here.items;
    let incidents_here = store.incidents().await?;
    let tombstones_here = store.tombstones().await?;
    let mut plan = Plan::default();
    let mut workspace = Batch::default();
    let mut batches = Vec::new();
    let mut problems = Vec::new();

    plan.replaces =
        incidents_here.items.is_empty() && incidents_here.unreadable.is_empty() && tombstones_here.is_empty();
    if plan.replaces {
        plan.runbooks_replaced = runbooks_here.len();
        workspace.runbooks_removed = runbooks_here;
        workspace.runbooks = bundle.runbooks().to_vec();
        plan.runbooks_added = bundle.runbooks().len();
        workspace.settings = Some(match settings {
            Some(base) => Edit::change(base, bundle.settings().clone()),
            None => Edit::create(bundle.settings().clone()),
        });
        workspace.tombstones = bundle.deleted().to_vec();
    } else {
        let here: BTreeMap<String, &Runbook> = map_of(runbooks_here.iter().map(|r| (runbook_key(r), r)));
        for (i, runbook) in bundle.runbooks().iter().enumerate() {
            match here.get(&runbook_key(runbook)) {
                None => workspace.runbooks.push(runbook.clone()),
                Some(mine) if *mine == runbook => {}
                Some(_) => problems
                    .push(ImportProblem { path: format!("data.runbooks[{i}]"), kind: ImportProblemKind::DiffersHere }),
            }
        }
        plan.runbooks_added = workspace.runbooks.len();
        let here = settings.as_ref().map_or_else(Settings::default, |s| s.value.clone());
        let (merged, kept, ladder) = merge_settings(&here, bundle.settings());
        (plan.settings_kept, plan.ladder_kept) = (kept, ladder);
        if merged != here {
            workspace.settings = Some(match settings {
                Some(base) => Edit::change(base, merged),
                None => Edit::create(merged),
            });
        }
        let present: BTreeMap<_, _> = map_of(incidents_here.items.iter().map(|i| (i.id(), i.title())));
        let deleted_here: Vec<_> = tombstones_here.iter().map(|t| t.id()).collect();
        for tombstone in bundle.deleted() {
            if let Some(title) = present.get(&tombstone.id()) {
                plan.stay_here.push((*title).to_owned());
            } else if !deleted_here.contains(&tombstone.id()) {
                workspace.tombstones.push(tombstone.clone());
            }
        }
    }
    for (i, incident) in bundle.incidents().iter().enumerate() {
        let found = find(store, incident).await?;
        if found.deleted.is_some() {
            plan.stay_deleted.push(incident.incident().title().to_owned());
            continue;
        }
        match found.merge(&format!("data.incidents[{i}]"), incident) {
            Err(found) => problems.extend(found),
            Ok(merge) if merge.adds_nothing() => {
                plan.reviews_kept += usize::from(merge.review_merge == ReviewMerge::KeptHere);
            }
            Ok(merge) => {
                if merge.is_new {
                    plan.incidents_added += 1;
                } else {
                    plan.incidents_merged += 1;
                }
                plan.entries_added += merge.entries.len();
                plan.reviews_kept += usize::from(merge.review_merge == ReviewMerge::KeptHere);
                batches.push(merge_batch(merge, found.base));
            }
        }
    }
    if !problems.is_empty() {
        return Ok(Err(Contradicts(problems)));
    }
    batches.insert(0, workspace);
    Ok(Ok((plan, batches)))
}
