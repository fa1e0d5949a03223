//! The command layer of the backup: the only code of the feature that reads or
//! writes the store.
//!
//! A backup reads the whole workspace and leaves out only records that cannot be
//! read (named, so they can be exported as they are). A restore is checked whole
//! and planned before anything is written, then written in one transaction: into
//! a workspace without incidents it gives back the backed-up workspace (its
//! settings and runbooks replace the ones set up here); into one with incidents
//! it merges, adding what is not here and keeping everything that is.

use crate::domain::export::workspace::WorkspaceBundle;
use crate::domain::export::ImportProblem;
use crate::store::bundles::{self, planned, read_workspace};
use crate::store::bundles::{Contradicts, Plan, Taken};
use crate::store::{Batch, Damaged, StoreError};
use crate::ui::common::command::{Failed, Queue};
use crate::ui::common::context::{AppContext, ATTEMPTS};
use crate::ui::common::tabs::Changed;
use leptos::prelude::*;

/// The backup's commands, created where the backup section mounts.
#[derive(Clone, Copy)]
pub struct BackupCommands {
    context: AppContext,
    /// Restores, one after another.
    queue: Queue,
}

impl BackupCommands {
    /// The commands, owned by the current reactive owner.
    pub fn new(context: AppContext) -> Self {
        Self { context, queue: Queue::new() }
    }

    /// Reads the whole workspace for a backup.
    pub async fn take(self) -> Result<Taken, Failed<Vec<ImportProblem>>> {
        let context = self.context;
        context.report(read_workspace(context.store().as_ref()).await)?.map_err(Failed::Refused)
    }

    /// What restoring `bundle` would do.
    pub async fn check(self, bundle: &WorkspaceBundle) -> Result<Plan, Failed<Contradicts>> {
        let context = self.context;
        let (plan, _) = context.report(planned(context.store().as_ref(), bundle).await)?.map_err(Failed::Refused)?;
        Ok(plan)
    }

    /// Restores `bundle` in one transaction, planned anew from what is stored
    /// when another tab wrote meanwhile. The settings and the library are read
    /// again, and the other tabs told.
    pub async fn restore(self, bundle: WorkspaceBundle) -> Result<Plan, Failed<Contradicts>> {
        let context = self.context;
        self.queue
            .run(move || async move {
                let store = context.store();
                let mut attempt = 0;
                let plan = loop {
                    attempt += 1;
                    let (plan, batches) =
                        context.report(planned(store.as_ref(), &bundle).await)?.map_err(Failed::Refused)?;
                    match store.write_all(batches).await {
                        Err(StoreError::Conflict) if attempt < ATTEMPTS => continue,
                        result => context.report(result)?,
                    }
                    break plan;
                };
                context.reread_settings().await;
                context.reread_library().await;
                for changed in [Changed::Incidents, Changed::Settings, Changed::Library] {
                    context.tabs.announce(changed);
                }
                Ok(plan)
            })
            .await
    }
}

impl BackupCommands {
    /// Deletes every incident with its records, leaving tombstones; the
    /// settings and the runbooks stay. Records that cannot be read stay as they
    /// are. Returns how many incidents were deleted.
    pub async fn clear(self) -> Result<usize, Failed<std::convert::Infallible>> {
        let context = self.context;
        self.queue
            .run(move || async move {
                let store = context.store();
                let by = context.settings.with_untracked(|s| s.display_name().to_owned());
                let mut attempt = 0;
                loop {
                    attempt += 1;
                    let mut batches = Vec::new();
                    let mut ids = Vec::new();
                    for incident in context.report(store.incidents().await)?.items {
                        let Some(base) = context.report(store.incident(incident.id()).await)? else { continue };
                        ids.push(incident.id());
                        let deleted = bundles::deletion(store.as_ref(), base, &by, chrono::Utc::now());
                        let deleted = context.report(deleted.await)?;
                        batches.push(Batch { deleted: Some(deleted), ..Batch::default() });
                    }
                    match store.write_all(batches).await {
                        Err(StoreError::Conflict) if attempt < ATTEMPTS => continue,
                        result => context.report(result)?,
                    }
                    context.tabs.announce(Changed::Incidents);
                    for id in &ids {
                        context.tabs.announce(Changed::Incident(*id));
                    }
                    return Ok(ids.len());
                }
            })
            .await
    }

    /// How many incidents the workspace holds.
    pub async fn incident_count(self) -> Result<usize, Failed<std::convert::Infallible>> {
        let context = self.context;
        context.report(context.store().incidents().await).map(|loaded| loaded.items.len())
    }

    /// Every stored record that cannot be read, as stored.
    pub async fn damaged(self) -> Result<Vec<Damaged>, Failed<std::convert::Infallible>> {
        let context = self.context;
        context.report(context.store().damaged().await)
    }
}
